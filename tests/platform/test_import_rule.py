"""The import rule of docs/architecture.md, enforced by `make gate` (lint-imports, contracts
in pyproject.toml): the core never imports sites/ or plugins/, sites/ never imports plugins/,
plugins never import each other. A copy of the tree with a planted backward import fails."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed")


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    copy = tmp_path_factory.mktemp("tree")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "migrations", "static", "templates")
    for top in ("platform", "sites", "plugins", "search"):
        shutil.copytree(ROOT / top, copy / top, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def lint(tree):
    return subprocess.run(
        [str(LINT), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": f"{tree / 'platform'}:{tree}", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def plant(tree, relative, line):
    path = tree / relative
    original = path.read_text()
    path.write_text(original + f"\n{line}\n")
    return lambda: path.write_text(original)


def test_the_tree_keeps_the_rule(tree):
    result = lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "module,line,contract",
    [
        ("platform/roster/access.py", "import sites.news.models", "never imports sites/"),
        ("platform/schools/tenancy.py", "from plugins.helpdesk import models", "never imports"),
        ("sites/news/models.py", "import plugins.esign_surveys.models", "sites/ never imports"),
        ("plugins/helpdesk/models.py", "import plugins.esign_surveys.models", "each other"),
    ],
)
def test_a_planted_backward_import_fails(tree, module, line, contract):
    restore = plant(tree, module, line)
    try:
        result = lint(tree)
    finally:
        restore()
    assert result.returncode != 0
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout
