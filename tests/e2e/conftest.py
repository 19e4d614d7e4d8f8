"""Browser tests: the `browser` and `page` fixtures (Playwright driving Debian's chromium) live
in tests/conftest.py. The live server listens on localhost; Chromium resolves <slug>.localhost
to loopback itself, so each school is reached on its own host as in production."""
