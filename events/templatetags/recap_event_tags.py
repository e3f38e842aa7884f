"""Small helpers for the event, session and write-up templates."""

import logging

from django import template
from wagtail.embeds.format import embed_to_frontend_html

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def embed_or_empty(url, max_width=None):
    """The embed HTML for a video page, or "" when it cannot be fetched (no
    provider, no network, a timeout...), so the template can show a link card
    instead. Wagtail already turns EmbedException into ""; anything else a
    finder raises while offline is treated the same way, never as an error."""
    if not url:
        return ""
    try:
        return embed_to_frontend_html(url, max_width)
    except Exception:  # noqa: BLE001 - a broken embed must never break the page
        logger.warning("Could not embed %s", url, exc_info=True)
        return ""


@register.filter
def embed_url(value):
    """The URL behind an EmbedBlock value (an EmbedValue) or a plain string."""
    return getattr(value, "url", value) or ""
