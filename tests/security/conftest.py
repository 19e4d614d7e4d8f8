# The browser fixtures of the e2e harness (Debian chromium through Playwright).
from tests.e2e.conftest import browser, page  # noqa: F401
