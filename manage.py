#!/usr/bin/env python
"""Django's command-line utility for Mektep.

platform/ is an import root, not a package: the standard library owns the name `platform`,
so its directory goes on sys.path instead of being imported as a package."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main():
    sys.path.insert(0, str(ROOT / "platform"))
    sys.path.insert(1, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mektep.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
