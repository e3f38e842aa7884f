"""The test settings without recap.questions, which is optional: the page
tests run with these too (`make test-without-questions`), to prove a site
without delegate questions works."""

from .test import *  # noqa: F403

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "recap.questions"]  # noqa: F405
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("recap.questions.")]  # noqa: F405
