"""The programme of an event page, built for speed (issue 12).

A 200-session programme rendered through templates and model instances cost
49 times a bare Wagtail page: a Speaker and a SessionSpeaker instance per
link, a `date` filter and a reverse() per time and link, a template include
per session. Here the sessions come with only the fields the programme
shows, their speakers as plain rows (one query, no model instances), times
and URLs are worked out once in Python, and each entry is one format_html
call. The page's template still lays out the days, the grid and the list
(recap_events/includes/programme_days.html); the entry's markup is
`entry_html` below, documented there for sites that restyle it.

The result is cached by the page's template (keyed by the content version),
so this runs only when something changed.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from recap.speakers.models import speaker_index_url

from .agenda import star_button
from .models import SessionKind, SessionSpeaker, SpeakerRole

# What the programme, its JSON-LD and "now and next" read of a session.
PROGRAMME_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "slug",
    "title",
    "live",
    "locale_id",
    "content_type_id",
    "start",
    "end",
    "room",
    "kind",
    "status",
)


@dataclass(frozen=True, slots=True)
class ProgrammeSpeaker:
    """A speaker as the programme shows them (not a model instance)."""

    speaker_id: int
    name: str
    url: str
    role: str
    role_label: str


def programme_sessions(event, request):
    """The event's live, public sessions in programme order, each with its
    event, `programme_speakers`, local times and URL. Two queries."""
    sessions = list(event.sessions().only(*PROGRAMME_FIELDS))
    event_url = event.get_url(request)
    index_url = speaker_index_url(request)
    role_labels = dict(SpeakerRole.choices)
    by_session = {session.pk: [] for session in sessions}
    rows = (
        SessionSpeaker.objects.filter(page__in=list(by_session))
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "speaker_id", "role", "speaker__name", "speaker__slug")
    )
    for page_id, speaker_id, role, name, slug in rows:
        url = f"{index_url}{slug}/" if index_url else ""
        by_session[page_id].append(
            ProgrammeSpeaker(speaker_id, name, url, role, role_labels.get(role, role))
        )
    zone = event.tz
    for session in sessions:
        session.__dict__["event"] = event
        session.programme_speakers = by_session[session.pk]
        start = session.start.astimezone(zone)
        end = session.end.astimezone(zone)
        session.start_iso = start.isoformat()
        session.end_iso = end.isoformat()
        session.start_hm = f"{start:%H:%M}"
        session.end_hm = f"{end:%H:%M}"
        # Wagtail's URL of a child page: its parent's URL and its slug.
        session.programme_url = f"{event_url}{session.slug}/" if event_url else ""
    return sessions


def _speakers_html(speakers):
    if not speakers:
        return ""
    items = format_html_join(
        "",
        "<li>{}{}</li>",
        (
            (
                format_html('<a href="{}">{}</a>', s.url, s.name) if s.url else s.name,
                format_html(' <span class="meta">({})</span>', s.role_label.lower())
                if s.role != SpeakerRole.SPEAKER
                else "",
            )
            for s in speakers
        ),
    )
    return format_html('<ul class="speaker-list--inline">{}</ul>', items)


def entry_html(session):
    """One session in the programme (a grid cell or a list item):

    ``<div class="programme-entry programme-entry--<kind> [programme-entry--cancelled]">``
    with ``<p class="meta">`` its local times (the day is the section's, the
    zone is named above the programme) and room (``<span>``: shown in the
    list, and in the grid only below tablet width, where the grid is laid
    out as a list); ``<p class="programme-entry__title">`` its kind and title
    linking to the session (``id="session-<id>"``: the anchor a star brings
    the reader back to, and what describes the star); its speakers
    (``<ul class="speaker-list--inline">``); and its star (a button posting
    the page's one agenda form, unstarred: serve() marks this reader's
    stars). Classes are few on purpose: a 200-session page repeats them."""
    cancelled = session.status == "cancelled"
    kinds = dict(SessionKind.choices)
    room = ""
    if session.room:
        # In the grid the room is the column; site.css shows it only where
        # the grid is laid out as a list (narrow screens).
        room = format_html("<span> · {}</span>", session.room)
    title = format_html("<s>{}</s>", session.title) if cancelled else session.title
    badge = (
        format_html('<span class="badge badge--cancelled">{}</span> ', _("Cancelled"))
        if cancelled
        else ""
    )
    return format_html(
        '<div class="programme-entry programme-entry--{kind}{cancelled}">'
        '<p class="meta">{start}–{end}{room}</p>'
        '<p class="programme-entry__title"><span class="badge">{kind_label}</span> '
        '{badge}<a href="{url}" id="session-{pk}">{title}</a></p>{speakers}{star}</div>',
        kind=session.kind,
        cancelled=" programme-entry--cancelled" if cancelled else "",
        pk=session.pk,
        start=session.start_hm,
        end=session.end_hm,
        room=room,
        kind_label=kinds.get(session.kind, session.kind),
        badge=badge,
        url=session.programme_url,
        title=title,
        speakers=mark_safe(_speakers_html(session.programme_speakers)),  # noqa: S308 - format_html above
        star=star_button(session, shared=True, described_by=f"session-{session.pk}"),
    )
