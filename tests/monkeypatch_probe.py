"""A module that monkeypatches Django and Wagtail, for tests/test_no_monkeypatch.py
to prove its checker catches it. Never imported by the site."""

from django.utils import text
from wagtail.models import Page


def slugify(value, allow_unicode=False):
    return "patched"


def get_url_parts(self, request=None):
    return None


text.slugify = slugify
Page.get_url_parts = get_url_parts
Page.recap_probe_added = True
