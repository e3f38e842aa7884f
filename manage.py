#!/usr/bin/env python
"""Django's command-line utility for the Recap reference site."""

import os
import sys
from pathlib import Path

# The reference project lives in site/ (a package named `site` would be shadowed
# by the standard library's module), so put that folder on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
