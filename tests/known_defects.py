"""Tests that fail today because of open defects, by exact test id, with the defect. Each
line is a bug to fix, not an accepted behaviour: remove the line with the fix."""

# Empty: every defect recorded here so far is fixed. Add one as
# "tests/<path>::<test>": "<the defect in one line>".
OPEN_DEFECTS: dict[str, str] = {}
