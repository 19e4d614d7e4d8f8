"""Every project string has kk and ru, with the same placeholders as its msgid."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# Project catalogues sit at locale/<area>/<lang>/ or locale/<top>/<app>/<lang>/.
CATALOGUES = sorted(
    p
    for p in ROOT.glob("locale/**/LC_MESSAGES/*.po")
    if p.relative_to(ROOT).parts[1] not in ("vendor", "tools") and p.parts[-3] in ("kk", "ru")
) + sorted(ROOT.glob("locale/vendor/*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_complete_and_placeholders_match(path):
    po = polib.pofile(str(path))
    print(f"{path.relative_to(ROOT)}: {po.percent_translated()}% translated")
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    if path.relative_to(ROOT).parts[1] != "vendor":
        assert not missing, f"untranslated in {path.name}: {missing[:10]}"
    for entry in po.translated_entries():
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in translations:
            found = set(PLACEHOLDER.findall(text))
            assert found <= set(expected) | set(PLACEHOLDER.findall(entry.msgid_plural or "")), (
                f"{entry.msgid!r}: placeholders {sorted(found)} differ from {expected}"
            )
