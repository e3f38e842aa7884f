"""The site search on the demo, as `make run` leaves it: loaded once for the
module (in a transaction rolled back at the end), with no `update_index`.

The search table below is what a reader types, with what they mean: the
demo's real names and titles, misspelt, in American English or abbreviated.
It runs on SQLite and on PostgreSQL (the suite's PostgreSQL leg)."""

import re

import pytest

from tests.search.test_search import result_titles
from tests.snapshots import demo_for_module

# With every module that reads the demo, on the worker that loads it (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


@pytest.fixture(scope="module")
def demo(demo_snapshot, django_db_blocker):
    # The demo's snapshot was indexed as it loaded, as on `make run` (the
    # suite's default discards indexing tasks).
    with demo_for_module(demo_snapshot, django_db_blocker) as loaded:
        yield loaded.media_root


def sections(response):
    return re.findall(r'<h2 id="results-(\w+)">', response.content.decode())


@pytest.mark.parametrize(
    "query, title",
    [
        ("centres of excellence", "Centres of excellence"),
        ("social media", "Social media"),
        ("internal communication", "Internal communication"),
    ],
)
def test_demo_topics_are_found_without_update_index(demo, client, query, title):
    response = client.get("/search/", {"q": query, "type": "topic"})

    assert title in result_titles(response)


def test_demo_leaves_every_searchable_record_in_the_index(demo):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page
    from wagtail.search.index import get_indexed_models
    from wagtail.search.models import IndexEntry

    missing = {}
    for model in get_indexed_models():
        if model is Page:
            continue  # each page is indexed as its own type, checked there
        content_type = ContentType.objects.get_for_model(model)
        records = model.get_indexed_objects()
        if issubclass(model, Page):
            records = records.filter(content_type=content_type)
        expected = {str(pk) for pk in records.values_list("pk", flat=True)}
        indexed = set(
            IndexEntry.objects.filter(content_type=content_type).values_list("object_id", flat=True)
        )
        if expected - indexed:
            missing[model.__name__] = len(expected - indexed)

    assert missing == {}


def suggestion(response):
    found = re.search(
        r'<p class="search-suggestion"[^>]*>.*?<a href="([^"]*)">(.*?)</a>',
        response.content.decode(),
        re.S,
    )
    return (found.group(2), found.group(1).replace("&amp;", "&")) if found else None


# What a reader types, a title they mean, and the "Did you mean" offered.
SEARCH_TABLE = [
    ("elison", "Maya Ellison", ("Ellison", "?q=Ellison")),
    ("maya elison", "Maya Ellison", ("maya Ellison", "?q=maya+Ellison")),
    ("fisher", "Lena Fischer", ("Fischer", "?q=Fischer")),
    ("lena fisher", "Lena Fischer", ("lena Fischer", "?q=lena+Fischer")),
    ("center of excellence", "Centres of excellence", None),
    ("center of excellence", "From scattered accounts to a centre of excellence", None),
    ("ceo", "Leaders online: should the chief executive post?", None),
    ("ceo", "A chief executive on answering customers himself", None),
    ("ceo", "Tomás Varga", None),
    ("chief executive officer", "Leaders online: should the chief executive post?", None),
    ("organization", "A collection of social media guidelines from 300 organisations", None),
    # Its stem is excellence's: found without a correction.
    ("excelence", "Centres of excellence", None),
]


@pytest.mark.parametrize("query, title, suggested", SEARCH_TABLE)
def test_search_forgives_misspellings_and_variants(demo, client, query, title, suggested):
    response = client.get("/search/", {"q": query})

    assert title in result_titles(response)
    assert suggestion(response) == suggested


def test_search_suggests_nothing_for_words_the_site_has(demo, client):
    response = client.get("/search/", {"q": "listening"})

    assert "Listening at scale: who answers for the brand?" in result_titles(response)
    assert suggestion(response) is None


def test_search_suggestion_keeps_the_filters(demo, client):
    response = client.get("/search/", {"q": "elison", "type": "speaker"})

    assert result_titles(response) == ["Maya Ellison"]
    assert suggestion(response) == ("Ellison", "?q=Ellison&type=speaker")


def test_search_corrects_nothing_it_cannot_place(demo, client):
    response = client.get("/search/", {"q": "xylophone"})

    assert result_titles(response) == []
    assert suggestion(response) is None
    assert "Nothing found for “xylophone”." in response.content.decode()


def test_hashtag_link_on_the_event_page_leads_to_its_content(demo, client, settings):
    settings.MEDIA_ROOT = demo  # the event page shows the demo's pictures
    event = client.get("/events/open-channels-live/").content.decode()
    href = re.search(r'<a href="([^"]*)">#OpenChannelsLive</a>', event).group(1)

    response = client.get(href.replace("&amp;", "&"))

    titles = result_titles(response)
    assert sections(response)[0] == "event"
    assert titles[0] == "Open Channels Live"
    assert "From scattered accounts to a centre of excellence" in titles
    assert "Who owns social media at work? An answer for a delegate" in titles
    # Nothing from another event.
    assert "Keynote: who owns social media at work?" not in titles
    assert "IC Forum North" not in titles
    assert "Everything from the event tagged #OpenChannelsLive." in response.content.decode()


@pytest.mark.parametrize("query", ["#OpenChannelsLive", "openchannelslive"])
def test_hashtag_finds_every_session_of_its_event(demo, client, query):
    response = client.get("/search/", {"q": query, "type": "session"})

    titles = result_titles(response)
    assert "Leaders online: should the chief executive post?" in titles
    assert "Ask me anything: social media at work" not in titles


def test_hashtag_with_a_word_searches_the_event(demo, client):
    response = client.get("/search/", {"q": "#OpenChannelsLive excellence"})

    titles = result_titles(response)
    assert "From scattered accounts to a centre of excellence" in titles
    assert "Building a centre of excellence in a year" not in titles  # IC Forum North


FRENCH_SESSION = "Des comptes dispersés à un centre d’excellence"
FRENCH_SESSION_URL = (
    "/fr/evenements/journee-open-channels-live/des-comptes-disperses-a-un-centre-dexcellence/"
)


def test_french_search_finds_french_words_in_french_pages(demo, client):
    french = client.get("/fr/search/", {"q": "comptes dispersés"})
    english = client.get("/search/", {"q": "comptes dispersés"})

    assert result_titles(french) == [FRENCH_SESSION]
    assert f'href="{FRENCH_SESSION_URL}"' in french.content.decode()
    assert result_titles(english) == []


def test_french_search_links_to_french_pages_once_each(demo, client):
    response = client.get("/fr/search/", {"q": "excellence"})

    titles = result_titles(response)
    html = response.content.decode()
    assert FRENCH_SESSION in titles
    # The English page it translates is not listed beside it.
    assert "From scattered accounts to a centre of excellence" not in titles
    # A page with no French translation is found in English.
    assert "Building a centre of excellence in a year" in titles
    # The question asked at the session links to the French session page.
    assert f'href="{FRENCH_SESSION_URL}#question-' in html
    assert 'href="/fr/themes/centres-of-excellence/"' in html


def test_french_search_suggestions_and_speakers_stay_french(demo, client):
    response = client.get("/fr/search/", {"q": "elison"})

    assert suggestion(response) == ("Ellison", "?q=Ellison")
    assert 'href="/fr/intervenants/maya-ellison/"' in response.content.decode()
    assert "Vouliez-vous dire" in response.content.decode()


def test_french_hashtag_lists_the_french_event_once(demo, client):
    response = client.get("/fr/search/", {"q": "#OpenChannelsLive", "type": "event"})

    assert result_titles(response) == ["Open Channels Live"]
    assert 'href="/fr/evenements/journee-open-channels-live/"' in response.content.decode()


def test_autocomplete_in_french_links_to_french_pages(demo, client):
    results = client.get("/fr/search/autocomplete/", {"q": "comptes disp"}).json()["results"]

    assert (FRENCH_SESSION, FRENCH_SESSION_URL) in [(r["title"], r["url"]) for r in results]


def test_demo_questions_are_found_with_their_session_not_their_asker(demo, client):
    response = client.get("/search/", {"q": "good material to get started"})

    html = response.content.decode()
    assert (
        "Where do internal communicators fit in when it comes to social media, and where "
        "can I find good material to get started?"
    ) in result_titles(response)
    assert 'href="/events/open-channels-live/inside-out/#question-' in html
    assert "Asked at Inside out: internal communicators and social media" in html
    assert "Daniel Reyes" not in html
    assert "Riverbend Housing" not in html


def test_demo_pending_question_is_not_found(demo, client):
    response = client.get("/search/", {"q": "comms team of two"})

    assert "Any tips for a comms team of two looking after everything?" not in (
        response.content.decode()
    )
