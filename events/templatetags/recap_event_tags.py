"""Kept for templates that load ``recap_event_tags``: the embed helpers now
live in ``recap_core_tags``, the shared bottom app's tag library."""

from django import template

from recap.core.templatetags.recap_core_tags import embed_or_empty, embed_url

register = template.Library()
register.simple_tag(embed_or_empty)
register.filter("embed_url", embed_url)
