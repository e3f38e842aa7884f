"""Calendar links for pages (to be completed: issue 4).

Each tag takes an EventIndexPage, EventPage, SessionPage, Speaker or Topic.
"""

from django import template

register = template.Library()


@register.simple_tag
def calendar_alternate(obj):
    """<link rel="alternate" type="text/calendar"> for the page's head."""
    return ""


@register.simple_tag
def calendar_links(obj):
    """'Add to calendar' and 'Subscribe' links."""
    return ""


@register.simple_tag(takes_context=True)
def agenda_star(context, session):
    """The star / unstar button of the personal agenda for one session."""
    return ""
