"""The site search across events, sessions, speakers, write-ups, resources,
topics and delegate questions.

One GET form (``q``), answered with Wagtail's search backend (the database
backend: SQLite FTS5 out of the box, PostgreSQL full-text search in
production), narrowed by type, event, year and topic. With no type chosen
the results are grouped, a few of each type with its count; with a type
they are paginated. Matched words are marked in titles and snippets here,
in Python, so that highlighting looks the same on every backend (the
database backends have none of their own).

Filters are applied with the ORM first, and the search runs on
``pk IN (filtered)``, so any filter the ORM can express works on every
backend without a FilterField per relation.

What a reader expects of it, on SQLite and PostgreSQL alike (the way
Google, GOV.UK and Wagtail's own admin search behave):

- whole words, and their stems: the index holds each item's words stemmed
  too (`recap.core.stemming`), and a query looks for its words or their
  stems, so "centre of excellence" finds "centres of excellence";
- other spellings and abbreviations (`recap.core.spelling`): each word is
  looked for with its British or American spelling ("center" finds
  "Centre"), and an abbreviation with what it stands for ("ceo" finds
  "Chief Executive", and the other way round);
- partial words: the last word of a query is also matched as the start of
  a word in titles and names (Wagtail's `autocomplete()`, what the header's
  suggestions use), so "Elli" finds Maya Ellison; these come after whole-word
  matches;
- misspelt names: when a query finds little, its words that no name or
  title holds are corrected to the closest such word
  (`recap.discover.corrections`: trigram similarity on PostgreSQL), the
  corrected words are searched too, and "Did you mean" links to the
  corrected search ("elison" finds Maya Ellison);
- hashtags: a word that is an event's hashtag ("#OpenChannelsLive", with
  or without the #) narrows the search to that event: alone, it lists the
  event, its sessions, write-ups and the rest, the event first;
- the reader's language: pages in the active language, and pages without
  a translation in it in the default language (one result per page and its
  translations); speakers and resources are found by their translated text
  too, each once, shown in the reader's language;
- delegate questions: the approved and answered questions of public
  sessions, found by their text, each shown with its session (never the
  asker's name);
- names first: within a type, results whose title or name holds every word
  of the query come first; and the type of the best such result is shown
  first, speakers before topics, events, sessions, write-ups and
  resources, so "Maya Ellison" shows her before the five sessions she
  spoke in. With no such result, types keep their usual order.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from recap.core.pages import public_page_q
from recap.core.params import positive_int
from recap.core.params import text as params_text
from recap.core.sanitize import single_line
from recap.core.spelling import query_groups
from recap.core.stemming import stem
from recap.core.translations import (
    active_language,
    annotate_translations,
    canonical,
    default_language,
    default_locale_q,
    i18n_enabled,
    one_per_translation,
    show_translations,
)
from recap.events.models import (
    EventPage,
    SessionPage,
    SessionSpeaker,
    attach_sessions_to_events,
)
from recap.resources.models import Resource, Topic, TopicIndexPage
from recap.resources.topics import published_topics
from recap.speakers.models import Speaker, SpeakerIndexPage
from recap.writeups.models import WriteUpPage, about_event_q, events_prefetch

from .corrections import corrections

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
RESULTS_PER_PAGE = 10
RESULTS_PER_GROUP = 5
AUTOCOMPLETE_LIMIT = 8
SNIPPET_LENGTH = 220
# Matches looked at per type: the count shown stops there.
MAX_MATCHES = 1000
# A partial word shorter than this matches too much to be useful.
MIN_PARTIAL_LENGTH = 3
# Fewer results than this, in all, and misspelt words are corrected.
FEW_RESULTS = 3
PHOTO_FILTER = "fill-80x80-c50"
_WORD = re.compile(r"\w+", re.UNICODE)
PAGE_KEYS = ("event", "session", "writeup")
PAGE_MODELS = {"event": EventPage, "session": SessionPage, "writeup": WriteUpPage}


@dataclass(frozen=True)
class SearchType:
    key: str
    label: str
    singular: str


SEARCH_TYPES = [
    SearchType("session", _("Sessions"), pgettext_lazy("talk", "Session")),
    SearchType("speaker", _("Speakers"), _("Speaker")),
    SearchType("writeup", _("Write-ups"), _("Write-up")),
    SearchType("event", _("Events"), _("Event")),
    SearchType("resource", _("Resources"), _("Resource")),
    SearchType("topic", _("Topics"), _("Topic")),
]
QUESTION_TYPE = SearchType("question", _("Questions"), pgettext_lazy("delegate", "Question"))
# Which type comes first when results of several types have every word of
# the query in their title or name: a person, then a subject, then things.
NAME_MATCH_ORDER = ["speaker", "topic", "event", "session", "writeup", "resource", "question"]


def questions_installed():
    return apps.is_installed("recap.questions")


def search_types():
    """The types of result, delegate questions with them where the site has them."""
    return SEARCH_TYPES + [QUESTION_TYPE] if questions_installed() else SEARCH_TYPES


def types_by_key():
    return {search_type.key: search_type for search_type in search_types()}


def clean_query(value):
    """The words of a reader's query, joined by spaces.

    Only word characters reach the backend: FTS5 and tsquery each give some
    punctuation a meaning, so dropping it makes every query safe and makes
    both backends answer the same."""
    words = _WORD.findall(str(value or "")[:MAX_QUERY_LENGTH])
    return " ".join(words[:MAX_TERMS])


@dataclass
class SearchFilters:
    type: str = ""
    event: EventPage | None = None
    year: int | None = None
    topic: Topic | None = None
    # The event filter's event and its translations, or the events whose
    # hashtag the query holds: what "in this event" means.
    events: list = field(default_factory=list)
    hashtag: str = ""

    @classmethod
    def from_request(cls, request):
        params = request.GET
        filters = cls()
        if params.get("type") in types_by_key():
            filters.type = params["type"]
        event_id = positive_int(params.get("event"))
        if event_id is not None:
            filters.event = EventPage.objects.live().public().filter(pk=event_id).first()
            if filters.event is not None:
                filters.events = event_translations([filters.event])
        filters.year = positive_int(params.get("year"), minimum=1900, maximum=2999)
        topic_slug = params_text(params.get("topic"), max_length=100)
        if topic_slug:
            filters.topic = Topic.objects.filter(slug=topic_slug).first()
        return filters

    @property
    def narrows(self):
        """Whether any filter other than the type is set."""
        return bool(self.events or self.year or self.topic)


def event_translations(events):
    """`events` and their live, public translations (one query)."""
    keys = {event.translation_key for event in events}
    found = list(EventPage.objects.filter(public_page_q(), translation_key__in=keys))
    return found or list(events)


def hashtag_events(terms):
    """The live, public events (with their translations) whose hashtag is
    one of `terms`, and the terms that were hashtags."""
    if not terms:
        return [], []
    q = reduce(or_, [Q(hashtag__iexact=term) | Q(hashtag__iexact=f"#{term}") for term in terms])
    events = list(EventPage.objects.filter(public_page_q()).filter(q))
    if not events:
        return [], []
    tags = {event.hashtag.lstrip("#").lower() for event in events}
    return event_translations(events), [term for term in terms if term.lower() in tags]


# -- the reader's language ----------------------------------------------------


def _locales(language):
    return Locale.objects.filter(language_code=language)


def in_readers_language(queryset):
    """`queryset` (of pages, live and public) with one page per translation
    key: the one in the reader's language, else the one in the default
    language, else the page itself (a page with no translation in either).
    Subqueries only: no query of its own, and a search backend accepts it
    (`pk IN (...)`)."""
    if not i18n_enabled():
        return queryset
    model = queryset.model
    preferred = _locales(active_language() or default_language())
    default = Locale.objects.filter(default_locale_q())
    shown = model.objects.filter(public_page_q())
    in_preferred = shown.filter(locale__in=preferred).values("translation_key")
    in_either = shown.filter(Q(locale__in=preferred) | Q(locale__in=default)).values(
        "translation_key"
    )
    chosen = queryset.filter(
        Q(locale__in=preferred)
        | (Q(locale__in=default) & ~Q(translation_key__in=in_preferred))
        | (~Q(locale__in=preferred) & ~Q(locale__in=default) & ~Q(translation_key__in=in_either))
    )
    return model.objects.filter(id__in=chosen.values("id"))


def with_translations(queryset):
    """`queryset` (of canonical snippets) and their translations in the
    reader's language, so that their translated text is searched too. As
    `id IN (...)`, or `slug IN (...)` for speakers (a translation shares its
    person's slug), which the models index as filter fields."""
    language = active_language()
    if not language or language == default_language():
        return queryset
    model = queryset.model
    locales = Locale.objects.filter(default_locale_q() | Q(language_code=language))
    rows = model.objects.filter(
        translation_key__in=queryset.values("translation_key"), locale__in=locales
    )
    field = "slug" if model is Speaker else "id"
    return model.objects.filter(**{f"{field}__in": rows.values(field)}, locale__in=locales)


def translated_search():
    """Whether translations are searched (the reader's language is not the default)."""
    language = active_language()
    return bool(language) and language != default_language()


def to_canonical(model, items):
    """The canonical records' pks for `items` (records and translations), in
    order, each once (one query when any is a translation)."""
    default_ids = set(Locale.objects.filter(default_locale_q()).values_list("pk", flat=True))
    keys = {item.translation_key for item in items if item.locale_id not in default_ids}
    originals = dict(
        model.objects.filter(locale_id__in=default_ids, translation_key__in=keys).values_list(
            "translation_key", "pk"
        )
        if keys
        else []
    )
    pks = []
    for item in items:
        pk = item.pk if item.locale_id in default_ids else originals.get(item.translation_key)
        if pk is not None and pk not in pks:
            pks.append(pk)
    return pks


# -- what may be found ----------------------------------------------------------


def public_questions():
    """Approved and answered questions of live, public sessions."""
    from recap.questions.models import PUBLIC_STATUSES, DelegateQuestion

    return DelegateQuestion.objects.filter(
        status__in=PUBLIC_STATUSES,
        session__in=SessionPage.objects.filter(public_page_q()).values("pk"),
    )


def base_queryset(key):
    """Everything of one type that the public may find, pages in the
    reader's language."""
    if key in PAGE_KEYS:
        return in_readers_language(PAGE_MODELS[key].objects.live().public())
    # People and resources once: their canonical records (recap.core.translations).
    if key == "speaker":
        return canonical(Speaker.objects.all())
    if key == "topic":
        return Topic.objects.all()
    if key == "question":
        return public_questions()
    return canonical(Resource.objects.all())


def title_field(key):
    if key == "question":
        return "text"
    return "name" if key in ("speaker", "topic") else "title"


def _any(queries):
    return reduce(or_, queries)


def _in_events(events, prefix=""):
    """Pages (through `prefix`) under any of `events`."""
    return _any(
        Q(**{f"{prefix}path__startswith": event.path, f"{prefix}depth__gt": event.depth})
        for event in events
    )


def session_scope(filters):
    """Live, public sessions (any language) that the event, year and topic
    filters leave."""
    sessions = SessionPage.objects.filter(public_page_q())
    if filters.events:
        sessions = sessions.filter(_in_events(filters.events))
    if filters.year:
        sessions = sessions.filter(start__year=filters.year)
    if filters.topic:
        sessions = sessions.filter(tagged_topics__tag=filters.topic)
    return sessions


def filtered_queryset(key, filters):
    """`base_queryset(key)` narrowed by the event, year and topic filters."""
    queryset = base_queryset(key)
    events, year, topic = filters.events, filters.year, filters.topic
    if key == "event":
        if events:
            queryset = queryset.filter(pk__in=[event.pk for event in events])
        if year:
            queryset = queryset.filter(start__year=year)
        if topic:
            queryset = queryset.filter(tagged_topics__tag=topic)
    elif key == "session":
        if events:
            queryset = queryset.filter(
                _any(Q(path__startswith=event.path, depth=event.depth + 1) for event in events)
            )
        if year:
            queryset = queryset.filter(start__year=year)
        if topic:
            queryset = queryset.filter(tagged_topics__tag=topic)
    elif key == "writeup":
        if events:
            queryset = queryset.filter(_any(about_event_q(event) for event in events))
        if year:
            queryset = queryset.filter(date__year=year)
        if topic:
            queryset = queryset.filter(tagged_topics__tag=topic)
    elif key == "speaker":
        on_session = {}
        if year:
            on_session["session_links__page__start__year"] = year
        if topic:
            on_session["session_links__page__tagged_topics__tag"] = topic
        if events or on_session:
            queryset = queryset.filter(
                Q(session_links__page__in=SessionPage.objects.filter(public_page_q()))
                & (_in_events(events, "session_links__page__") if events else Q()),
                **on_session,
            )
    elif key == "resource":
        if events:
            queryset = queryset.filter(
                Q(event_links__page__in=[event.pk for event in events])
                | Q(
                    session_links__page__in=SessionPage.objects.filter(public_page_q()).filter(
                        _in_events(events)
                    )
                )
            )
        if year:
            queryset = queryset.filter(published_on__year=year)
        if topic:
            queryset = queryset.filter(tagged_topics__tag=topic)
    elif key == "topic":
        # Topics of the event (or its sessions), of that year's events.
        if events:
            queryset = queryset.filter(
                Q(tagged_events__content_object__in=[event.pk for event in events])
                | Q(
                    tagged_sessions__content_object__in=SessionPage.objects.filter(
                        public_page_q()
                    ).filter(_in_events(events))
                )
            )
        if year:
            queryset = queryset.filter(tagged_events__content_object__start__year=year)
        if topic:
            queryset = queryset.filter(pk=topic.pk)
    elif key == "question":
        if filters.narrows:
            queryset = queryset.filter(session__in=session_scope(filters).values("pk"))
        return queryset
    return queryset.distinct()


def searchable_queryset(key, filters):
    """The queryset a search of one type runs on: the filtered rows, as a
    plain `pk IN (...)` that every search backend accepts; speakers and
    resources with their translations in the reader's language."""
    if key == "question":
        return filtered_queryset(key, filters)
    if not filters.narrows:
        rows = base_queryset(key)
    else:
        model = base_queryset(key).model
        field = "slug" if model is Speaker else "id"
        # A translation shares its person's slug: canonical records only.
        rows = canonical(
            model.objects.filter(**{f"{field}__in": filtered_queryset(key, filters).values(field)})
        )
    return with_translations(rows) if key in ("speaker", "resource") else rows


# -- matching ---------------------------------------------------------------------


def phrase_query(phrase):
    """A phrase's words (all of them), or their stems."""
    text = " ".join(phrase)
    query = PlainText(text, operator="and")
    stems = " ".join(stem(word) for word in phrase)
    return query if stems == text else query | PlainText(stems, operator="and")


def build_query(groups):
    """Every group of the query, each by any of its phrases."""
    return reduce(
        and_, [reduce(or_, [phrase_query(phrase) for phrase in group]) for group in groups]
    )


def word_matches(word, phrase_word, partial=False):
    word = word.lower()
    return (partial and word.startswith(phrase_word)) or stem(word) == stem(phrase_word)


def names_every_group(title, groups, partial=True):
    """Whether `title` holds, for each group, every word of one of its
    phrases (the start of a word for the reader's own words, or its stem)."""
    words = [word.lower() for word in _WORD.findall(title)]
    return all(
        any(
            all(
                any(word_matches(word, phrase_word, partial and index == 0) for word in words)
                for phrase_word in phrase
            )
            for index, phrase in enumerate(group)
        )
        for group in groups
    )


def names_every_term(title, terms):
    """Whether each term is the start of a word of `title`, or has its stem."""
    return names_every_group(title, [[(term,)] for term in terms])


def search_matches(key, query, groups, filters):
    """The ids of the items of one type that match `query` (its `groups`),
    best first (see the module's docstring), and whether the first one
    names every term."""
    backend = get_search_backend()
    fields = [title_field(key)]
    if key in ("speaker", "resource"):
        fields += ["translation_key", "locale"]
    queryset = searchable_queryset(key, filters).only(*fields)
    found = list(backend.search(build_query(groups), queryset)[:MAX_MATCHES])
    if len(query.split()[-1]) >= MIN_PARTIAL_LENGTH:
        seen = {item.pk for item in found}
        partial = backend.autocomplete(query, queryset, operator="and")[:MAX_MATCHES]
        found += [item for item in partial if item.pk not in seen]
    if key == "question":
        # Found by their own words only: the index also holds the asker's
        # name and organisation (for the admin's question chooser).
        found = [item for item in found if names_every_group(item.text, groups)]
    named = [names_every_group(getattr(item, title_field(key)), groups) for item in found]
    ranked = [item for item, hit in zip(found, named, strict=True) if hit]
    ranked += [item for item, hit in zip(found, named, strict=True) if not hit]
    if key in ("speaker", "resource") and translated_search():
        # A translation found stands for its person or resource, once.
        return to_canonical(base_queryset(key).model, ranked)[:MAX_MATCHES], any(named)
    # A question never leads the page: what it was asked at does.
    return [item.pk for item in ranked][:MAX_MATCHES], any(named) and key != "question"


def run_search(key, query, groups, filters):
    """Search results of one type (sliceable, countable: a list of ids, best
    first, or with no query the filtered items, newest first) and whether
    the best result names every word of the query."""
    if not query:
        ordering = {
            "event": ["-start"],
            "session": ["-start"],
            "writeup": ["-date", "-pk"],
            "speaker": ["sort_name", "name"],
            "resource": ["-published_on", "title"],
            "topic": ["name"],
            "question": ["-votes", "-pk"],
        }[key]
        return filtered_queryset(key, filters).order_by(*ordering), False
    return search_matches(key, query, groups, filters)


def run_searches(query, groups, filters):
    """One group of results per type, and their total."""
    groups_found = []
    for search_type in search_types():
        results, names_query = run_search(search_type.key, query, groups, filters)
        count = len(results) if isinstance(results, list) else results.count()
        groups_found.append(
            {"type": search_type, "results": results, "count": count, "names": names_query}
        )
    return groups_found, sum(group["count"] for group in groups_found)


def vocabulary_sources():
    """What "Did you mean" may suggest a word of: the names and titles the
    search shows, pages in any language, never a private one."""
    sources = [
        (canonical(Speaker.objects.all()), "name"),
        (Topic.objects.all(), "name"),
        (Resource.objects.all(), "title"),
    ]
    sources += [(model.objects.filter(public_page_q()), "title") for model in PAGE_MODELS.values()]
    return sources


def corrected(terms, groups):
    """The query's groups with the closest names' words added to misspelt
    words, and the corrected query ("" when nothing was corrected)."""
    found = corrections(
        [group[0][0] for group in groups if len(group[0]) == 1], vocabulary_sources()
    )
    if not found:
        return groups, ""
    new_groups = [
        [*group, (found[group[0][0]].lower(),)]
        if len(group[0]) == 1 and group[0][0] in found
        else group
        for group in groups
    ]
    suggestion = " ".join(found.get(term, term) for term in terms)
    return new_groups, suggestion


# -- showing results ---------------------------------------------------------------


def localized_sessions(sessions):
    """{session pk: the session in the reader's language} for `sessions` (one
    query; a session without a translation stays itself)."""
    language = active_language()
    if not language or language == default_language():
        return {}
    keys = {session.translation_key for session in sessions}
    translations = {
        page.translation_key: page
        for page in SessionPage.objects.filter(
            public_page_q(), translation_key__in=keys, locale__in=_locales(language)
        )
    }
    return {
        session.pk: translations[session.translation_key]
        for session in sessions
        if session.translation_key in translations
    }


def decorate(key, items, request):
    """Load what the result list shows for `items`, in a fixed number of
    queries, and return them as a list."""
    pks = [getattr(item, "pk", item) for item in items]
    if not pks:
        return []
    if key == "session":
        loaded = attach_sessions_to_events(
            SessionPage.objects.filter(pk__in=pks).prefetch_related(
                Prefetch(
                    "speaker_links",
                    queryset=SessionSpeaker.objects.select_related("speaker").order_by(
                        "sort_order"
                    ),
                )
            )
        )
        loaded = {session.pk: session for session in loaded}
        return [loaded[pk] for pk in pks if pk in loaded]
    if key == "question":
        from recap.questions.models import DelegateQuestion

        # The text and its session only: never the asker's name.
        questions = list(
            DelegateQuestion.objects.filter(pk__in=pks).only("text", "status", "session")
        )
        sessions = attach_sessions_to_events(
            SessionPage.objects.filter(pk__in={question.session_id for question in questions})
        )
        shown = localized_sessions(sessions)
        sessions = {session.pk: shown.get(session.pk, session) for session in sessions}
        if shown:
            attach_sessions_to_events(list(shown.values()))
        for question in questions:
            question.shown_session = sessions.get(question.session_id)
        loaded = {question.pk: question for question in questions}
        return [loaded[pk] for pk in pks if pk in loaded]
    if key == "writeup":
        loaded = (
            WriteUpPage.objects.filter(pk__in=pks)
            .select_related("author")
            .prefetch_related(events_prefetch())
        )
    elif key == "speaker":
        # Their text in the reader's language, in the same query.
        loaded = annotate_translations(
            Speaker.objects.filter(pk__in=pks).prefetch_related(
                Prefetch(
                    "photo", queryset=get_image_model().objects.prefetch_renditions(PHOTO_FILTER)
                )
            )
        )
    elif key == "resource":
        loaded = annotate_translations(
            Resource.objects.filter(pk__in=pks).select_related("document")
        )
    elif key == "topic":
        loaded = Topic.objects.filter(pk__in=pks)
    else:
        loaded = EventPage.objects.filter(pk__in=pks)
    loaded = {item.pk: item for item in show_translations(list(loaded))}
    return [loaded[pk] for pk in pks if pk in loaded]


def result_text(key, item):
    """The text a result's snippet is cut from."""
    if key == "speaker":
        # The job title is on the result's own line above: not again here.
        return str(item.bio or "")
    if key == "resource":
        return item.note
    if key == "topic":
        return item.description
    if key == "session":
        return str(item.abstract or "")
    if key == "question":
        return ""  # the text is the result's title
    return item.search_description or str(item.intro or "")


@dataclass(frozen=True)
class Marks:
    """The words to mark: the reader's own (also as the start of a word),
    and the other spellings and corrections searched for (whole words)."""

    terms: tuple = ()
    others: tuple = ()

    @classmethod
    def of(cls, terms, groups=()):
        others = {word for group in groups for phrase in group for word in phrase}
        return cls(tuple(terms), tuple(sorted(others - set(terms))))

    def __bool__(self):
        return bool(self.terms or self.others)


def is_match(word, terms):
    """Whether `word` starts with a search term or has a term's stem (or is
    one of the other words searched for)."""
    marks = terms if isinstance(terms, Marks) else Marks(tuple(terms))
    word = word.lower()
    return any(
        word.startswith(term.lower()) or stem(word) == stem(term.lower()) for term in marks.terms
    ) or any(stem(word) == stem(other) for other in marks.others)


def highlight(text, terms):
    """`text` escaped, with each word that matches a search term in <mark>."""
    if not terms:
        return escape(text)
    parts, last = [], 0
    for match in _WORD.finditer(text):
        if not is_match(match.group(0), terms):
            continue
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group(0)))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def snippet(text, terms, length=SNIPPET_LENGTH):
    """A window of plain `text` around the first matched term, highlighted."""
    text = single_line(text)
    if not text:
        return ""
    start = 0
    first = next((m.start() for m in _WORD.finditer(text) if is_match(m.group(0), terms)), None)
    if first is not None:
        start = max(0, first - length // 3)
        # Start at a word boundary.
        space = text.rfind(" ", 0, start)
        start = space + 1 if start and space >= 0 else start
    excerpt = text[start : start + length]
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    return mark_safe(f"{escape(prefix)}{highlight(excerpt, terms)}{escape(suffix)}")  # noqa: S308


def index_url(model, request):
    """The URL of the live `model` index page in the reader's language (once
    per request), or None in the default language or without one."""
    if not translated_search():
        return None
    attribute = f"_recap_search_{model._meta.model_name}_url"
    if not hasattr(request, attribute):
        index_page = model.objects.live().filter(locale__in=_locales(active_language())).first()
        setattr(request, attribute, index_page.get_url(request) if index_page else None)
    return getattr(request, attribute)


def item_url(key, item, request):
    """Where a result links: speakers and topics on the index page of the
    reader's language where there is one."""
    if key in ("speaker", "topic"):
        index = index_url(SpeakerIndexPage if key == "speaker" else TopicIndexPage, request)
        if index:
            return f"{index}{item.slug}/"
    return item.get_url(request)


def annotate_results(key, items, terms, request):
    for item in items:
        item.search_title = highlight(getattr(item, title_field(key)), terms)
        item.search_snippet = snippet(result_text(key, item), terms)
        if key == "question":
            session = item.shown_session
            item.search_url = f"{session.get_url(request)}#question-{item.pk}" if session else ""
        elif key == "resource":
            item.search_url = item.href
        else:
            item.search_url = item_url(key, item, request)
    return items


def filter_choices():
    years = sorted(
        {date.year for date in EventPage.objects.live().public().dates("start", "year")},
        reverse=True,
    )
    return {
        # One per event, in the reader's language (else in its own).
        "event_choices": list(
            one_per_translation(EventPage.objects.live().public())
            .order_by("-start")
            .values_list("pk", "title")
        ),
        "year_choices": years,
        "topic_choices": list(published_topics().order_by("name").values_list("slug", "name")),
    }


def search_context(request):
    """Everything the search page shows."""
    raw_query = params_text(request.GET.get("q"), max_length=1000)
    query = clean_query(raw_query)
    terms = query.split()
    filters = SearchFilters.from_request(request)
    if not filters.events:
        events, tags = hashtag_events(terms)
        if events:
            filters.events = events
            filters.hashtag = f"#{events[0].hashtag.lstrip('#')}"
            terms = [term for term in terms if term not in tags]
            query = " ".join(terms)
    searching = bool(query or filters.narrows)
    context = {
        "search_query": raw_query.strip()[:MAX_QUERY_LENGTH],
        "query": query,
        "filters": filters,
        "types": search_types(),
        "searching": searching,
        "groups": [],
        "results": None,
        "total": 0,
        **filter_choices(),
    }
    if not searching:
        return context

    base = request.GET.copy()
    base.pop("page", None)
    base.pop("type", None)
    context["type_query"] = base.urlencode()
    query_words = query.lower().split()
    groups = query_groups(query_words)
    results, total = run_searches(query, groups, filters)
    if query and total < FEW_RESULTS:
        # Few or no results: look for misspelt names too, and say so.
        wider, suggestion = corrected(query_words, groups)
        if suggestion:
            more, more_total = run_searches(query, wider, filters)
            if more_total > total:
                results, total, groups = more, more_total, wider
                corrected_query = request.GET.copy()
                corrected_query.pop("page", None)
                corrected_query["q"] = suggestion
                context["suggestion"] = suggestion
                context["suggestion_query"] = corrected_query.urlencode()
    marks = Marks.of(terms, groups)
    context["groups"] = results
    context["total"] = total
    # The type links keep their order; the result sections put first the
    # type whose best result is named by the query (see the docstring), or,
    # for a hashtag alone, the event.
    if filters.hashtag and not query:
        for group in results:
            group["names"] = group["type"].key == "event"
    types = search_types()
    context["result_groups"] = sorted(
        results,
        key=lambda group: (
            (0, NAME_MATCH_ORDER.index(group["type"].key))
            if group["names"]
            else (1, types.index(group["type"]))
        ),
    )

    if filters.type:
        group = next(g for g in results if g["type"].key == filters.type)
        page_of_results = Paginator(group["results"], RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        items = decorate(filters.type, page_of_results.object_list, request)
        page_of_results.object_list = annotate_results(filters.type, items, marks, request)
        paging = request.GET.copy()
        paging.pop("page", None)
        context["results"] = page_of_results
        context["active_group"] = group
        context["page_query"] = paging.urlencode()
    else:
        for group in results:
            items = decorate(group["type"].key, group["results"][:RESULTS_PER_GROUP], request)
            group["items"] = annotate_results(group["type"].key, items, marks, request)
    return context


def search_view(request):
    """GET /search/?q=...&type=&event=&year=&topic=&page="""
    response = TemplateResponse(request, "recap_discover/search.html", search_context(request))
    return response


def autocomplete_suggestions(query, request, limit=AUTOCOMPLETE_LIMIT):
    """Up to `limit` {title, type, url} suggestions for a partly typed query."""
    query = clean_query(query)
    if len(query) < 2:
        return []
    backend = get_search_backend()
    suggestions = []
    by_key = types_by_key()
    for key in ("speaker", "topic", "session", "event", "writeup", "resource"):
        remaining = limit - len(suggestions)
        if remaining <= 0:
            break
        results = backend.autocomplete(query, base_queryset(key), operator="and")
        items = decorate(key, results[:remaining], request)
        for item in annotate_results(key, items, [], request):
            suggestions.append(
                {
                    "title": getattr(item, title_field(key)),
                    "type": by_key[key].singular,
                    "url": item.search_url,
                }
            )
    return suggestions


def search_autocomplete_view(request):
    """GET /search/autocomplete/?q=ad: JSON suggestions for the search box."""
    response = JsonResponse(
        {
            "results": autocomplete_suggestions(
                params_text(request.GET.get("q"), max_length=1000), request
            )
        }
    )
    response["Cache-Control"] = "public, max-age=60"
    return response
