"""What events add to the pages of apps below them (speakers, resources),
through the hooks those pages offer (registered in wagtail_hooks.py):

- a speaker's page: their sessions grouped by event, and calendar links;
- the speaker directory: filters by topic and event, and session counts;
- a topic's page: events and sessions on the topic, and calendar links;
- the resource library: a filter by event, and the sessions and events each
  resource is linked from.

Every section and filter makes a fixed number of queries.

Privacy: lists shown to everyone leave out every page in a private section
(a password, login or group restriction on the page or an ancestor), for
every reader: what Wagtail's ``PageQuerySet.public()`` selects, written
with ``recap.core.pages.public_page_q`` (SQL alone, so no list gains a query).
"""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from recap.core import params
from recap.core.filters import ListFilter
from recap.core.pages import public_page_q
from recap.core.sections import Section
from recap.core.translations import one_per_translation
from recap.core.tree import parent_path
from recap.core.versioning import cached
from recap.resources.models import Topic
from recap.resources.views import ResourceRelation, TopicFilter, first_and_total

from .models import (
    EventPage,
    EventResource,
    EventTopic,
    SessionPage,
    SessionResource,
    SessionSpeaker,
    SessionTopic,
    attach_sessions_to_events,
)


def public_sessions():
    """Live sessions outside every private section (the event's or their own):
    ``SessionPage.objects.live().public()``, written as one subquery so that
    the filters and counts using it make no query of their own. One per
    translation (recap.core.translations.one_per_translation): a session and
    its French copy count once, in the reader's language."""
    return one_per_translation(SessionPage.objects.filter(public_page_q()))


def public_session_q():
    """A Q on Speaker: through a live, public session. A speaker counts under
    a topic or an event only through those (a positive subquery, so that in
    one ``filter()`` it joins the same session link as the other lookups)."""
    return Q(session_links__page__in=public_sessions())


class CalendarAlternateSection(Section):
    """<link rel="alternate" type="text/calendar"> in the page's head."""

    template_name = "recap_events/sections/calendar_alternate.html"
    slot = "head"
    order = 20

    def get_context(self, request, obj):
        return {"calendar_object": obj}


class CalendarLinksSection(CalendarAlternateSection):
    """ "Add to calendar" and "Subscribe" where the page offers to follow it."""

    template_name = "recap_events/sections/calendar_links.html"
    slot = "header"


# The speaker's page


def sessions_by_event(speaker, now):
    """The speaker's live, public sessions in live, public events, in three lists
    (on now, upcoming, past) of {"event", "sessions": [{"session", "role"}]}.

    Each session goes by its own times, not its event's: on the day of a
    conference, the talk being given is "now", this morning's is past and
    this afternoon's upcoming (the event page's "Now and next" agrees). A
    cancelled session is never "now"; it stays under upcoming until its end.
    Events under now and upcoming come soonest first, past ones latest
    first. Two queries."""
    links = list(
        speaker.session_links.filter(page__in=public_sessions())
        .select_related("page")
        .order_by("page__start", "page__path")
    )
    if not links:
        return [], [], []
    attach_sessions_to_events([link.page for link in links], EventPage.objects.live().public())
    lists = {"now": {}, "upcoming": {}, "past": {}}
    for link in links:
        session = link.page
        event = session.event
        if event is None:  # the event is a draft
            continue
        if session.end <= now:
            when = "past"
        elif session.start <= now and not session.is_cancelled:
            when = "now"
        else:
            when = "upcoming"
        group = lists[when].setdefault(event.pk, {"event": event, "sessions": []})
        group["sessions"].append({"session": session, "role": link.get_role_display()})
    # Past events latest first; sessions within an event stay in their order.
    past = list(reversed(lists["past"].values()))
    return list(lists["now"].values()), list(lists["upcoming"].values()), past


def speaker_sessions(request, speaker):
    """`sessions_by_event` for the speaker, worked out once per request: the
    page's calendar links and its session list both need it."""
    if not speaker.pk:  # a preview of an unsaved speaker
        return [], [], []
    cache = getattr(request, "_recap_speaker_sessions", None)
    if cache is None:
        cache = {}
        request._recap_speaker_sessions = cache
    if speaker.pk not in cache:
        cache[speaker.pk] = sessions_by_event(speaker, timezone.now())
    return cache[speaker.pk]


class SpeakerCalendarAlternateSection(CalendarAlternateSection):
    """A speaker's calendar, announced only when it has something in it."""

    def get_context(self, request, speaker):
        if not speaker.pk or not cached(
            f"speaker-has-sessions:{speaker.pk}",
            lambda: any(speaker_sessions(request, speaker)),
        ):
            return None
        return super().get_context(request, speaker)


class SpeakerCalendarLinksSection(SpeakerCalendarAlternateSection):
    """ "Add to calendar" and "Subscribe", not offered for an empty calendar."""

    template_name = CalendarLinksSection.template_name
    slot = CalendarLinksSection.slot


# How long a speaker's cached session lists may go before "upcoming" and
# "past" are sorted again by the clock (anything published starts afresh).
SESSION_LISTS_BUCKET_SECONDS = 600


class SpeakerSessionsSection(Section):
    """A speaker's sessions by event. Its template caches the lists under the
    content version (and a ten-minute clock bucket, for upcoming/past), so
    the queries below run only on a miss: the lists are lazy."""

    template_name = "recap_events/sections/speaker_sessions.html"
    order = 10

    def get_context(self, request, speaker):
        if not speaker.pk:  # a preview of an unsaved speaker
            return {
                "session_lists": {"now": [], "upcoming": [], "past": []},
                "session_lists_key": "unsaved",
                "fragment_timeout": 0,
            }

        def lists():
            on_now, upcoming, past = speaker_sessions(request, speaker)
            return {"now": on_now, "upcoming": upcoming, "past": past}

        bucket = int(timezone.now().timestamp()) // SESSION_LISTS_BUCKET_SECONDS
        return {
            "session_lists": SimpleLazyObject(lists),
            "session_lists_key": f"{speaker.pk}:{bucket}",
            "fragment_timeout": SESSION_LISTS_BUCKET_SECONDS,
        }


def speaker_page_sections():
    return [
        SpeakerCalendarAlternateSection(),
        SpeakerCalendarLinksSection(),
        SpeakerSessionsSection(),
    ]


# The speaker directory


class SpeakerTopicFilter(TopicFilter):
    """Speakers of published sessions on a topic."""

    def choices(self):
        return cached(
            "speaker-topic-choices",
            lambda: list(
                Topic.objects.filter(
                    tagged_sessions__content_object__in=public_sessions().filter(
                        speaker_links__isnull=False
                    )
                )
                .distinct()
                .order_by("name")
                .values_list("slug", "name")
            ),
        )

    def apply(self, queryset, selected):
        return queryset.filter(
            public_session_q(), session_links__page__tagged_topics__tag__slug=selected
        )


class EventFilter(ListFilter):
    """A list filtered by one live, public event, chosen by its id."""

    name = "event"
    label = _("Event")
    any_label = _("Any event")
    order = 30

    def clean(self, raw):
        pk = params.positive_int(raw)
        return EventPage.objects.live().public().filter(pk=pk).first() if pk else None

    def value(self, selected):
        return selected.pk


class SpeakerEventFilter(EventFilter):
    """Speakers of an event's published sessions."""

    def choices(self):
        def compute():
            with_speakers = public_sessions().filter(speaker_links__isnull=False)
            return list(
                one_per_translation(EventPage.objects.live().public())
                .filter(
                    path__in={
                        parent_path(path) for path in with_speakers.values_list("path", flat=True)
                    }
                )
                .order_by("title")
                .values_list("pk", "title")
            )

        return cached("speaker-event-choices", compute)

    def apply(self, queryset, selected):
        return queryset.filter(
            public_session_q(),
            session_links__page__path__startswith=selected.path,
            session_links__page__depth=selected.depth + 1,
        )

    def describe(self, selected):
        return _("at %(event)s") % {"event": selected.title}


def speaker_directory_filters():
    return [SpeakerTopicFilter(), SpeakerEventFilter()]


def with_session_count(speakers):
    """Each speaker's count of published sessions, shown on directory cards."""
    return speakers.annotate(
        session_count=Count("session_links", filter=public_session_q(), distinct=True)
    )


# A topic's page


class TopicEventsSection(Section):
    template_name = "recap_events/sections/topic_events.html"
    order = 10

    def get_context(self, request, topic):
        items, total = first_and_total(
            one_per_translation(EventPage.objects.live().public())
            .filter(tagged_topics__tag=topic)
            .order_by("-start")
        )
        return {"items": items, "total": total}

    def item_list_entries(self, request, data):
        return [(event.title, event.get_url(request)) for event in data["items"]]


class TopicSessionsSection(TopicEventsSection):
    template_name = "recap_events/sections/topic_sessions.html"
    order = 20

    def get_context(self, request, topic):
        sessions = (
            public_sessions()
            .filter(tagged_topics__tag=topic)
            .prefetch_related(
                Prefetch(
                    "speaker_links",
                    queryset=SessionSpeaker.objects.select_related("speaker").order_by(
                        "sort_order"
                    ),
                )
            )
            .order_by("-start")
        )
        items, total = first_and_total(sessions)
        attach_sessions_to_events(items)
        return {"items": items, "total": total}


def topic_page_sections():
    return [
        CalendarAlternateSection(),
        CalendarLinksSection(),
        TopicEventsSection(),
        TopicSessionsSection(),
    ]


# The resource library


class ResourceEventFilter(EventFilter):
    """Resources of an event: its own, and those of its sessions."""

    def choices(self):
        session_paths = (
            public_sessions().filter(resource_links__isnull=False).values_list("path", flat=True)
        )
        return list(
            one_per_translation(EventPage.objects.live().public())
            .filter(
                Q(resource_links__isnull=False)
                | Q(path__in={parent_path(path) for path in session_paths})
            )
            .distinct()
            .order_by("-start")
            .values_list("pk", "title")
        )

    def apply(self, queryset, selected):
        return queryset.filter(
            Q(event_links__page=selected)
            | Q(
                session_links__page__in=public_sessions(),
                session_links__page__path__startswith=selected.path,
            )
        )


class PageLinkRelation(ResourceRelation):
    """Resources linked from live, public pages through an Orderable with `page`."""

    relation_name = ""
    through = None

    def prefetch(self):
        return Prefetch(
            self.relation_name,
            queryset=self.through.objects.filter(public_page_q("page__"))
            .select_related("page")
            .order_by("page__title"),
        )

    def pages(self, resource):
        return [link.page for link in getattr(resource, self.relation_name).all()]


class EventResourceRelation(PageLinkRelation):
    label = _("Events")
    order = 10
    relation_name = "event_links"
    through = EventResource


class SessionResourceRelation(PageLinkRelation):
    label = _("Sessions")
    order = 20
    relation_name = "session_links"
    through = SessionResource

    def speaker_q(self, speaker):
        return Q(session_links__page__in=public_sessions().filter(speaker_links__speaker=speaker))

    def speaker_choices_q(self):
        return Q(session_links__page__in=public_sessions().filter(resource_links__isnull=False))


def resource_library_filters():
    return ResourceEventFilter()


def resource_relations():
    return [EventResourceRelation(), SessionResourceRelation()]


# Topics


def published_topics_q(public):
    """Topics of live, public events and sessions: they count as published
    topics (``recap_published_topics``; listed on the topic index)."""
    live = public("content_object__")
    return Q(pk__in=EventTopic.objects.filter(live).values("tag_id")) | Q(
        pk__in=SessionTopic.objects.filter(live).values("tag_id")
    )


def speakers_last_events(speaker_ids):
    """For the speaker chooser's rows (namesakes told apart): the title and
    year of the last event each of `speaker_ids` spoke at, as
    {speaker id: "Title (2026)"}. Two queries, whatever the number."""
    from .models import EventPage, SessionSpeaker

    appearances = SessionSpeaker.objects.filter(speaker_id__in=speaker_ids).values_list(
        "speaker_id", "page__path"
    )
    event_paths = {}
    for speaker_id, path in appearances:
        event_paths.setdefault(speaker_id, set()).add(parent_path(path))
    if not event_paths:
        return {}
    events = {
        event.path: event
        for event in EventPage.objects.filter(
            path__in={path for paths in event_paths.values() for path in paths}
        ).only("path", "title", "start", "time_zone")
    }
    found = {}
    for speaker_id, paths in event_paths.items():
        known = [events[path] for path in paths if path in events]
        if known:
            last = max(known, key=lambda event: event.start)
            found[speaker_id] = f"{last.title} ({last.start.year})"
    return found
