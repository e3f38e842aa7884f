"""Announce and link to write-up feeds: `{% feed_alternates obj %}` in a
page's head, `{% feed_links obj %}` where readers see "Follow".

`obj` is a write-up index page, an event page, a speaker or a topic.
"""

from django import template
from django.template.loader import render_to_string

from ..exports.feeds import feed_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_alternates(context, obj):
    """<link rel="alternate"> for the RSS and Atom feeds of `obj`."""
    feeds = feed_urls(obj)
    if not feeds:
        return ""
    return render_to_string(
        "recap_writeups/includes/feed_alternate_links.html",
        {"feeds": feeds},
        request=context.get("request"),
    )


@register.simple_tag(takes_context=True)
def feed_links(context, obj):
    """Visible "RSS" and "Atom" links for `obj`'s write-up feeds."""
    feeds = feed_urls(obj)
    if not feeds:
        return ""
    return render_to_string(
        "recap_writeups/includes/feed_links.html",
        {"feeds": feeds},
        request=context.get("request"),
    )
