"""Tests that fail today because of open defects, by test id prefix, with the defect. Each
line is a bug to fix, not an accepted behaviour: remove the line with the fix."""

OPEN_DEFECTS = {
}
