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

import functools
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext

from recap.core.links import absolute
from recap.speakers.models import speaker_index_url

from .day_pages import chosen_page, day_pages_from, split_programme
from .following import FOLLOWING_FIELDS, following_of
from .models import BREAK_KINDS, SessionKind, SessionSpeaker, SessionStatus, SpeakerRole
from .views.agenda import SHARED_FORM_ID, button_state

# What the programme, its JSON-LD and "now and next" read of a session: read
# as rows, not SessionPage instances (a page instance costs more to build
# than the rest of its entry).
PROGRAMME_FIELDS = (
    "id",
    "path",
    "slug",
    "title",
    "start",
    "end",
    "room_id",
    "room__name",
    "room__sort_order",
    "kind",
    "status",
    # How it can be followed (recap.events.following), over the event's defaults.
    *FOLLOWING_FIELDS,
)


@dataclass(frozen=True, slots=True)
class ProgrammeSpeaker:
    """A speaker as the programme shows them (not a model instance)."""

    speaker_id: int
    name: str
    url: str
    role: str
    role_label: str


class ProgrammeRoom:
    """A room as the programme shows it: its name and place in the order."""

    __slots__ = ("pk", "name", "sort_order")

    def __init__(self, pk, name, sort_order):
        self.pk, self.name, self.sort_order = pk, name, sort_order

    @property
    def id(self):
        return self.pk

    def __str__(self):
        return self.name


class ProgrammeSession:
    """A session as the event page shows it (a row, not a SessionPage): the
    fields in PROGRAMME_FIELDS, its `event`, `room` (a ProgrammeRoom or None),
    `programme_speakers`, local times (`start_hm`, `end_hm`, `start_iso`,
    `end_iso`), `programme_url` (relative, like Wagtail's page URLs) and
    `absolute_url` (for JSON-LD)."""

    __slots__ = (
        "pk",
        "path",
        "slug",
        "title",
        "start",
        "end",
        "room_id",
        "room",
        "kind",
        "status",
        "event",
        "programme_speakers",
        "start_iso",
        "end_iso",
        "start_hm",
        "end_hm",
        "programme_url",
        "absolute_url",
        *FOLLOWING_FIELDS,
        "following",
    )

    def __init__(self, row, rooms):
        (pk, self.path, self.slug, self.title, self.start, self.end, room_id) = row[:7]
        self.pk = pk
        self.room_id = room_id
        self.kind, self.status = row[9], row[10]
        for name, value in zip(FOLLOWING_FIELDS, row[11:], strict=True):
            setattr(self, name, value)
        if room_id is None:
            self.room = None
        else:
            room = rooms.get(room_id)
            if room is None:
                room = rooms[room_id] = ProgrammeRoom(room_id, row[7], row[8])
            self.room = room

    @property
    def id(self):
        return self.pk

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED

    @property
    def url(self):
        return self.programme_url

    def get_url(self, request=None):
        return self.programme_url or None

    def __str__(self):
        return self.title


def _rows(queryset):
    rooms = {}
    return [ProgrammeSession(row, rooms) for row in queryset.values_list(*PROGRAMME_FIELDS)]


def programme_page(event, request, now=None):
    """The sessions the event page shows (see `programme_sessions`) and its
    day links: None when the whole programme is on one page (loaded in the
    query that checks its size); else {"pages", "current"}, a day (or part of
    a busy day) per page, in two more queries (recap.events.day_pages)."""
    threshold = day_pages_from()
    published = event.sessions()
    sessions = _rows(published[: threshold + 1])
    if len(sessions) <= threshold:
        return programme_sessions(event, request, sessions), None
    zone = event.tz
    starts = (
        event.sessions().order_by().order_by("start").values_list("start").annotate(n=Count("pk"))
    )
    pages = split_programme(starts, zone, threshold)
    page = chosen_page(pages, request, now or timezone.now(), zone)
    page.current = True
    sessions = _rows(published.filter(start__gte=page.start, start__lt=page.end))
    return programme_sessions(event, request, sessions), {"pages": pages, "current": page}


def programme_sessions(event, request, sessions=None):
    """The event's live, public sessions in programme order (or `sessions`,
    ProgrammeSession rows), each with its event, `programme_speakers`, local
    times and URL. Two queries."""
    if sessions is None:
        sessions = _rows(event.sessions())
    event_url = event.get_url(request)
    event_absolute_url = absolute(request, event_url)
    index_url = speaker_index_url(request)
    role_labels = {value: str(label) for value, label in SpeakerRole.choices}
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
        session.event = event
        session.following = following_of(session, event)
        session.programme_speakers = by_session[session.pk]
        start = session.start.astimezone(zone)
        end = session.end.astimezone(zone)
        session.start_iso = start.isoformat()
        session.end_iso = end.isoformat()
        session.start_hm = f"{start:%H:%M}"
        session.end_hm = f"{end:%H:%M}"
        # Wagtail's URL of a child page: its parent's URL and its slug.
        session.programme_url = f"{event_url}{session.slug}/" if event_url else ""
        session.absolute_url = f"{event_absolute_url}{session.slug}/" if event_absolute_url else ""
    return sessions


def _speakers_html(speakers):
    if not speakers:
        return ""
    items = []
    for s in speakers:
        name = escape(s.name)
        item = f'<a href="{escape(s.url)}">{name}</a>' if s.url else name
        if s.role != SpeakerRole.SPEAKER:
            item += f' <span class="meta">({escape(s.role_label.lower())})</span>'
        items.append(f"<li>{item}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _following_html(session):
    following = getattr(session, "following", None)
    if following is None or session.kind in BREAK_KINDS:  # nothing to follow in a break
        return ""
    return _following_labels_html(following, get_language())


@functools.lru_cache(maxsize=256)
def _following_labels_html(following, language):
    """A session's "how to follow it" labels; sessions mostly share a few
    combinations, so each is translated and built once per language."""
    labels = following.labels()
    if not labels:
        return ""
    items = "".join(
        f'<li class="badge badge--follow badge--{name}">{escape(text)}</li>'
        for name, text in labels
    )
    return f'<ul class="following-labels">{items}</ul>'


def filter_sessions(sessions, wanted):
    """The sessions that offer everything in `wanted` (the programme's
    validated ?follow= filters, recap.events.following.FILTERS)."""
    if not wanted:
        return sessions
    return [
        session
        for session in sessions
        if session.kind not in BREAK_KINDS and session.following.matches(wanted)
    ]


def is_running(session, now):
    """Whether `session` is under way at `now` (a cancelled one never is)."""
    return now is not None and session.status != "cancelled" and session.start <= now < session.end


def entry_html(session, labels=None, now=None):
    """One session in the programme (a grid cell or a list item):

    ``<div class="programme-entry programme-entry--<kind> [programme-entry--cancelled]">``
    with ``<p class="meta">`` its local times (the day is the section's, the
    zone is named above the programme) and room (``<span>``: shown in the
    list, and in the grid only below tablet width, where the grid is laid
    out as a list); ``<p class="programme-entry__title">`` its kind and title
    linking to the session (``id="session-<id>"``: the anchor a star brings
    the reader back to, and what describes the star); its speakers (a
    plain ``<ul>``, styled as ``.programme-entry ul``); and its star (a button posting
    the page's one agenda form, unstarred: serve() marks this reader's
    stars). Classes are few on purpose: a 200-session page repeats them.

    Plain string building with every text escaped (`escape`), not
    format_html: 200 entries are the bulk of an uncached programme's time.
    `labels` (from `entry_labels()`) saves looking up translations per entry.
    With `now`, a session under way is marked "Now on" (a badge with text,
    not only a colour) and gets ``programme-entry--now``."""
    labels = labels or entry_labels()
    pk = session.pk
    cancelled = session.status == "cancelled"
    running = is_running(session, now)
    room = f"<span> · {escape(session.room.name)}</span>" if session.room_id else ""
    title = escape(session.title)
    if cancelled:
        title = f"<s>{title}</s>"
    badge = (
        f'<span class="badge badge--cancelled">{labels["cancelled"]}</span> ' if cancelled else ""
    )
    if running:
        badge = f'<span class="badge badge--now">{labels["now"]}</span> '
    extra_class = " programme-entry--cancelled" if cancelled else ""
    if running:
        extra_class = " programme-entry--now"
    kind = escape(session.kind)
    return mark_safe(  # noqa: S308 - every text above is escaped
        f'<div class="programme-entry programme-entry--{kind}'
        f'{extra_class}">'
        f'<p class="meta">{session.start_hm}–{session.end_hm}{room}</p>'
        f'<p class="programme-entry__title"><span class="badge">'
        f"{labels['kinds'].get(session.kind, kind)}</span> {badge}"
        f'<a href="{escape(session.programme_url)}" id="session-{pk}">{title}</a></p>'
        f"{_following_html(session)}"
        f"{_speakers_html(session.programme_speakers)}"
        f'<button value="{pk}" form="{SHARED_FORM_ID}" aria-describedby="session-{pk}" '
        f"{labels['star']}</button></div>"
    )


def entry_labels():
    """The translated labels every entry repeats, looked up once."""
    return {
        "cancelled": escape(pgettext("session status", "Cancelled")),
        "now": escape(pgettext("a session under way", "Now on")),
        "kinds": {value: escape(label) for value, label in SessionKind.choices},
        "star": button_state(False),
    }
