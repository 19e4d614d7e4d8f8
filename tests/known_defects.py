"""Tests that fail today because of open defects, by exact test id, with the defect. Each
line is a bug to fix, not an accepted behaviour: remove the line with the fix."""

# Empty: every defect recorded here so far is fixed. Add one as
# "tests/<path>::<test>": "<the defect in one line>".
OPEN_DEFECTS: dict[str, str] = {
    "tests/e2e/test_demo_server.py::test_pages_speak_one_language_with_one_date_format[kk]": (
        "issue 23 language scan (kk): the search results' dates are not in the one format "
        "('11 қараша 2026'); English 'Root' and a school's Latin name in the admin"
    ),
    "tests/e2e/test_demo_server.py::test_pages_speak_one_language_with_one_date_format[ru]": (
        "issue 23 language scan (ru): home page news and event dates without «г.» "
        "('11 ноября 2026'), not the ru DATE_FORMAT"
    ),
}
