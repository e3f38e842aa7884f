"""The site search across events, sessions, speakers, write-ups and resources.

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
- partial words: the last word of a query is also matched as the start of
  a word in titles and names (Wagtail's `autocomplete()`, what the header's
  suggestions use), so "Elli" finds Maya Ellison; these come after whole-word
  matches;
- names first: within a type, results whose title or name holds every word
  of the query come first; and the type of the best such result is shown
  first, speakers before topics, events, sessions, write-ups and
  resources, so "Maya Ellison" shows her before the five sessions she
  spoke in. With no such result, types keep their usual order.
"""

import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.images import get_image_model
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from recap.core.pages import public_page_q
from recap.core.params import positive_int
from recap.core.params import text as params_text
from recap.core.sanitize import single_line
from recap.core.stemming import stem, stemmed
from recap.core.translations import (
    annotate_translations,
    canonical,
    one_per_translation,
    show_translations,
)
from recap.events.models import (
    EventPage,
    SessionPage,
    SessionSpeaker,
    attach_sessions_to_events,
)
from recap.resources.models import Resource, Topic
from recap.resources.topics import published_topics
from recap.speakers.models import Speaker
from recap.writeups.models import WriteUpPage, about_event_q, events_prefetch

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
PHOTO_FILTER = "fill-80x80-c50"
_WORD = re.compile(r"\w+", re.UNICODE)


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
TYPES_BY_KEY = {search_type.key: search_type for search_type in SEARCH_TYPES}
# Which type comes first when results of several types have every word of
# the query in their title or name: a person, then a subject, then things.
NAME_MATCH_ORDER = ["speaker", "topic", "event", "session", "writeup", "resource"]


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

    @classmethod
    def from_request(cls, request):
        params = request.GET
        filters = cls()
        if params.get("type") in TYPES_BY_KEY:
            filters.type = params["type"]
        event_id = positive_int(params.get("event"))
        if event_id is not None:
            filters.event = EventPage.objects.live().public().filter(pk=event_id).first()
        filters.year = positive_int(params.get("year"), minimum=1900, maximum=2999)
        topic_slug = params_text(params.get("topic"), max_length=100)
        if topic_slug:
            filters.topic = Topic.objects.filter(slug=topic_slug).first()
        return filters

    @property
    def narrows(self):
        """Whether any filter other than the type is set."""
        return bool(self.event or self.year or self.topic)


def base_queryset(key):
    """Everything of one type that the public may find."""
    if key == "event":
        return EventPage.objects.live().public()
    if key == "session":
        return SessionPage.objects.live().public()
    if key == "writeup":
        return WriteUpPage.objects.live().public()
    # People and resources once: their canonical records (recap.core.translations).
    if key == "speaker":
        return canonical(Speaker.objects.all())
    if key == "topic":
        return Topic.objects.all()
    return canonical(Resource.objects.all())


def title_field(key):
    return "name" if key in ("speaker", "topic") else "title"


def filtered_queryset(key, filters):
    """`base_queryset(key)` narrowed by the event, year and topic filters."""
    queryset = base_queryset(key)
    event, year, topic = filters.event, filters.year, filters.topic
    if key == "event":
        if event:
            queryset = queryset.filter(pk=event.pk)
        if year:
            queryset = queryset.filter(start__year=year)
        if topic:
            queryset = queryset.filter(tagged_topics__tag=topic)
    elif key == "session":
        if event:
            queryset = queryset.filter(path__startswith=event.path, depth=event.depth + 1)
        if year:
            queryset = queryset.filter(start__year=year)
        if topic:
            queryset = queryset.filter(tagged_topics__tag=topic)
    elif key == "writeup":
        if event:
            queryset = queryset.filter(about_event_q(event))
        if year:
            queryset = queryset.filter(date__year=year)
        if topic:
            queryset = queryset.filter(tagged_topics__tag=topic)
    elif key == "speaker":
        on_session = {}
        if event:
            on_session["session_links__page__path__startswith"] = event.path
        if year:
            on_session["session_links__page__start__year"] = year
        if topic:
            on_session["session_links__page__tagged_topics__tag"] = topic
        if on_session:
            queryset = queryset.filter(
                session_links__page__in=SessionPage.objects.filter(public_page_q()), **on_session
            )
    elif key == "resource":
        if event:
            queryset = queryset.filter(
                Q(event_links__page=event)
                | Q(
                    session_links__page__in=SessionPage.objects.filter(public_page_q()),
                    session_links__page__path__startswith=event.path,
                )
            )
        if year:
            queryset = queryset.filter(published_on__year=year)
        if topic:
            queryset = queryset.filter(tagged_topics__tag=topic)
    elif key == "topic":
        # Topics of the event (or its sessions), of that year's events.
        if event:
            queryset = queryset.filter(
                Q(tagged_events__content_object=event)
                | Q(
                    tagged_sessions__content_object__in=SessionPage.objects.filter(public_page_q()),
                    tagged_sessions__content_object__path__startswith=event.path,
                )
            )
        if year:
            queryset = queryset.filter(tagged_events__content_object__start__year=year)
        if topic:
            queryset = queryset.filter(pk=topic.pk)
    return queryset.distinct()


def searchable_queryset(key, filters):
    """The queryset a search of one type runs on: the filtered rows, as a
    plain `pk IN (...)` that every search backend accepts."""
    if not filters.narrows:
        return base_queryset(key)
    model = base_queryset(key).model
    field = "slug" if model is Speaker else "id"
    # A translation shares its person's slug: canonical records only.
    return canonical(
        model.objects.filter(**{f"{field}__in": filtered_queryset(key, filters).values(field)})
    )


def names_every_term(title, terms):
    """Whether each term is the start of a word of `title`, or has its stem."""
    words = [word.lower() for word in _WORD.findall(title)]
    return all(
        any(word.startswith(term) or stem(word) == stem(term) for word in words) for term in terms
    )


def search_matches(key, query, filters):
    """The ids of the items of one type that match `query`, best first (see
    the module's docstring), and whether the first one names every term."""
    backend = get_search_backend()
    queryset = searchable_queryset(key, filters).only(title_field(key))
    words = PlainText(query, operator="and")
    stems = stemmed(query)
    whole = words if stems == query.lower() else words | PlainText(stems, operator="and")
    found = list(backend.search(whole, queryset)[:MAX_MATCHES])
    if len(query.split()[-1]) >= MIN_PARTIAL_LENGTH:
        seen = {item.pk for item in found}
        partial = backend.autocomplete(query, queryset, operator="and")[:MAX_MATCHES]
        found += [item for item in partial if item.pk not in seen]
    terms = query.lower().split()
    named = [names_every_term(getattr(item, title_field(key)), terms) for item in found]
    ranked = [item.pk for item, hit in zip(found, named, strict=True) if hit]
    ranked += [item.pk for item, hit in zip(found, named, strict=True) if not hit]
    return ranked[:MAX_MATCHES], any(named)


def run_search(key, query, filters):
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
        }[key]
        return filtered_queryset(key, filters).order_by(*ordering), False
    return search_matches(key, query, filters)


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
    return item.search_description or str(item.intro or "")


def is_match(word, terms):
    """Whether `word` starts with a search term or has a term's stem."""
    word = word.lower()
    return any(word.startswith(term.lower()) or stem(word) == stem(term.lower()) for term in terms)


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


def annotate_results(key, items, terms, request):
    for item in items:
        item.search_title = highlight(getattr(item, title_field(key)), terms)
        item.search_snippet = snippet(result_text(key, item), terms)
        if key in ("speaker", "topic"):
            item.search_url = item.get_url(request)
        elif key == "resource":
            item.search_url = item.href
        else:
            item.search_url = item.get_url(request)
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
    searching = bool(query or filters.narrows)
    context = {
        "search_query": raw_query.strip()[:MAX_QUERY_LENGTH],
        "query": query,
        "filters": filters,
        "types": SEARCH_TYPES,
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
    groups = []
    for search_type in SEARCH_TYPES:
        results, names_query = run_search(search_type.key, query, filters)
        count = len(results) if isinstance(results, list) else results.count()
        groups.append(
            {"type": search_type, "results": results, "count": count, "names": names_query}
        )
    context["groups"] = groups
    context["total"] = sum(group["count"] for group in groups)
    # The type links keep their order; the result sections put first the
    # type whose best result is named by the query (see the docstring).
    context["result_groups"] = sorted(
        groups,
        key=lambda group: (
            (0, NAME_MATCH_ORDER.index(group["type"].key))
            if group["names"]
            else (1, SEARCH_TYPES.index(group["type"]))
        ),
    )

    if filters.type:
        group = next(g for g in groups if g["type"].key == filters.type)
        page_of_results = Paginator(group["results"], RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        items = decorate(filters.type, page_of_results.object_list, request)
        page_of_results.object_list = annotate_results(filters.type, items, terms, request)
        paging = request.GET.copy()
        paging.pop("page", None)
        context["results"] = page_of_results
        context["active_group"] = group
        context["page_query"] = paging.urlencode()
    else:
        for group in groups:
            items = decorate(group["type"].key, group["results"][:RESULTS_PER_GROUP], request)
            group["items"] = annotate_results(group["type"].key, items, terms, request)
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
                    "type": TYPES_BY_KEY[key].singular,
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
