"""Local development: DEBUG on unless the environment says otherwise."""

import os

from .base import *  # noqa: F403
from .base import email_backend, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
globals().update(email_backend("django.core.mail.backends.console.EmailBackend"))
