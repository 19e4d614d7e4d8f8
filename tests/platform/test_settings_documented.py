"""Every environment variable the settings read is described in the README's table and
listed in .env.example, so an operator never meets an undocumented knob."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_CALL = re.compile(r"env(?:\.[a-z]+)?\(\s*\"([A-Z][A-Z0-9_]+)\"")


def _variables():
    names = set()
    for path in (ROOT / "platform" / "mektep" / "settings").glob("*.py"):
        names |= set(ENV_CALL.findall(path.read_text()))
    return names


def test_every_setting_is_documented():
    readme = (ROOT / "README.md").read_text()
    example = (ROOT / ".env.example").read_text()
    variables = _variables()
    assert len(variables) > 20
    missing_readme = sorted(v for v in variables if f"`{v}`" not in readme)
    missing_example = sorted(
        v for v in variables if not re.search(rf"^#?\s*{v}=", example, re.MULTILINE)
    )
    assert not missing_readme, f"not in README.md's table: {missing_readme}"
    assert not missing_example, f"not in .env.example: {missing_example}"
