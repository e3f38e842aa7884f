"""Calendar links for pages.

Each tag takes an EventIndexPage, EventPage, SessionPage, Speaker or Topic:
`{% calendar_alternate obj %}` in the head, `{% calendar_links obj %}` where
readers see "Add to calendar" and "Subscribe", `{% agenda_star session %}`
for the personal agenda's star button (a POST form; no JavaScript needed) and
`{% agenda_header_link %}`, the header's "My agenda (3)".
"""

from django import template
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from recap.core.links import absolute, page_url, webcal
from recap.core.typography import elide
from recap.resources.models import Topic
from recap.speakers.models import Speaker

from ..models import EventIndexPage, EventPage, SessionPage
from ..programme import entry_html, entry_labels
from ..views.agenda import (
    remove_form,
    star_form,
    star_shared_form,
    starred_count,
    starred_session_ids,
)

register = template.Library()


def calendar_url(obj, request=None):
    """The absolute URL of an object's .ics feed, or "" if it has none."""
    try:
        if isinstance(obj, EventIndexPage | EventPage | SessionPage):
            base = page_url(request, obj)
            return base + obj.reverse_subpage("calendar") if base else ""
        if isinstance(obj, Speaker):
            url = reverse("recap_events:speaker_calendar", kwargs={"slug": obj.slug})
            return absolute(request, url)
        if isinstance(obj, Topic):
            url = reverse("recap_events:topic_calendar", kwargs={"slug": obj.slug})
            return absolute(request, url)
    except NoReverseMatch:
        return ""
    return ""


def _title(obj):
    if isinstance(obj, EventPage):
        return elide(_("Programme of %(title)s (iCalendar)") % {"title": obj.title})
    title = getattr(obj, "title", None) or getattr(obj, "name", "")
    return _("%(title)s (iCalendar)") % {"title": title}


@register.simple_tag(takes_context=True)
def calendar_alternate(context, obj):
    """<link rel="alternate" type="text/calendar"> for the page's head."""
    url = calendar_url(obj, context.get("request"))
    if not url:
        return ""
    return format_html(
        '<link rel="alternate" type="text/calendar" title="{}" href="{}">', _title(obj), url
    )


@register.simple_tag(takes_context=True)
def calendar_links(context, obj):
    """'Add to calendar' (a download) and 'Subscribe' (webcal://) links. A
    session's subscription is to its event's programme."""
    request = context.get("request")
    url = calendar_url(obj, request)
    if not url:
        return ""
    subscribe_url, subscribe_label = webcal(url), _("Subscribe")
    if isinstance(obj, SessionPage):
        event = obj.event
        programme = calendar_url(event, request) if event else ""
        subscribe_url = webcal(programme) if programme else ""
        subscribe_label = _("Subscribe to the programme")
    return render_to_string(
        "recap_events/includes/calendar_links.html",
        {
            "download_url": url,
            "subscribe_url": subscribe_url,
            "subscribe_label": subscribe_label,
            "filename": url.rsplit("/", 1)[-1],
        },
    )


_STAR_URL = "_recap_agenda_star_url"


def _star_url(request):
    """The star view's URL, reversed once per request, not once per session."""
    url = getattr(request, _STAR_URL, None)
    if url is None:
        url = reverse("recap_events:agenda_star")
        setattr(request, _STAR_URL, url)
    return url


@register.simple_tag(takes_context=True)
def agenda_star(context, session, next=None):
    """The star / unstar form of the personal agenda for one session, in this
    reader's state. `next` is where the reader comes back to (the view adds
    the session's anchor); by default the current page."""
    request = context.get("request")
    if request is None or not getattr(session, "pk", None):
        return ""
    starred = session.pk in starred_session_ids(request)
    return star_form(session, _star_url(request), next or request.path, starred)


@register.simple_tag(takes_context=True)
def agenda_remove(context, session, next=""):
    """The agenda page's "Remove" button for one session (a plain form)."""
    request = context.get("request")
    if request is None or not getattr(session, "pk", None):
        return ""
    return remove_form(session, _star_url(request), next)


@register.simple_tag(takes_context=True)
def agenda_star_form(context, next=None):
    """The one form the programme's stars post with; put it once per page,
    before `{% agenda_star_button %}`s."""
    request = context.get("request")
    if request is None:
        return ""
    return star_shared_form(_star_url(request), next or request.path)


@register.simple_tag(takes_context=True)
def programme_entry(context, session):
    """One session of the programme (events.programme.entry_html), its star
    unstarred and posting the page's `{% agenda_star_form %}`; marked "Now
    on" while under way at the context's `programme_now` (set while the
    event is on)."""
    request = context.get("request")
    labels = getattr(request, "_recap_programme_labels", None)
    if labels is None:
        labels = entry_labels()
        if request is not None:
            request._recap_programme_labels = labels
    return entry_html(session, labels, context.get("programme_now"))


@register.simple_tag(takes_context=True)
def agenda_header_link(context):
    """ "My agenda (3)" for the header, once the reader has starred something.
    Read from a cookie (no query), so it can sit on every page. On a page
    every reader shares (the event page: `agenda_link_deferred` in its
    context) the link is rendered hidden and empty, and agenda.js fills it in
    from the reader's own request."""
    if context.get("agenda_link_deferred"):
        return format_html(
            '<a class="site-header__agenda" href="{}" hidden data-agenda-link>{} '
            '<span class="site-header__agenda-count"></span></a>',
            reverse("recap_events:agenda"),
            _("My agenda"),
        )
    request = context.get("request")
    count = starred_count(request) if request is not None else 0
    if not count:
        return ""
    return agenda_link_html(count)


def agenda_link_html(count):
    return format_html(
        '<a class="site-header__agenda" href="{}">{} <span class="site-header__agenda-count">'
        '<span class="visually-hidden">(</span>{}<span class="visually-hidden"> {})</span>'
        "</span></a>",
        reverse("recap_events:agenda"),
        _("My agenda"),
        count,
        ngettext("session", "sessions", count),
    )
