"""The site search. These tests run on SQLite (FTS5) and on PostgreSQL
(full-text search); stemming and partial words are Recap's own (stems
indexed in Python, `autocomplete()` for the last word), so both backends
give the same answers."""

import datetime as dt
import re

import pytest
from wagtail.models import Site
from wagtail.search.index import insert_or_update_object

from recap.events.models import EventTopic, SessionTopic
from recap.resources.models import Resource, ResourceTopic, TopicIndexPage
from recap.speakers.models import Speaker
from recap.writeups.models import WriteUpTopic
from tests.factories import (
    LONDON,
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    TopicFactory,
    WriteUpPageFactory,
    add_speaker,
    site_root,
)

pytestmark = pytest.mark.django_db


def result_titles(response):
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'<h3 class="search-result__title">(.*?)</h3>', html, re.S)
    return [re.sub(r"<[^>]+>", "", title).strip() for title in titles]


def speaker_on_session(speaker, session):
    add_speaker(session, speaker)
    # Session speakers are part of the session's index entry; an editor adds
    # them in the page form, whose save re-indexes the page.
    insert_or_update_object(session)


@pytest.fixture
def panel():
    SpeakerIndexPageFactory()
    event = EventPageFactory(title="Social Media Summit")
    session = SessionPageFactory(
        parent=event,
        title="The role of internal communicators",
        abstract="<p>Where practitioners find resources about employee advocacy.</p>",
    )
    speaker = SpeakerFactory(name="Wilhelmina Okonkwo", organisation="Northwind Comms")
    speaker_on_session(speaker, session)
    return event, session, speaker


def test_search_for_a_speaker_name_finds_the_speaker_and_their_sessions(client, panel):
    event, session, speaker = panel
    SessionPageFactory(parent=event, title="Unrelated keynote")

    response = client.get("/search/?q=Okonkwo")

    titles = result_titles(response)
    assert "Wilhelmina Okonkwo" in titles
    assert "The role of internal communicators" in titles
    assert "Unrelated keynote" not in titles
    assert f'href="{session.url}"' in response.content.decode()
    assert 'href="/speakers/wilhelmina-okonkwo/"' in response.content.decode()


def section_headings(response):
    html = response.content.decode()
    return re.findall(r'<h2 id="results-(\w+)">', html)


def test_search_for_a_speaker_name_shows_the_speaker_first(client, panel):
    event, _session, speaker = panel
    for n in range(3):
        speaker_on_session(speaker, SessionPageFactory(parent=event, title=f"Panel {n}"))
    other = SpeakerFactory(name="Anna Smith", bio="<p>Worked with Wilhelmina Okonkwo.</p>")
    assert other.pk

    response = client.get("/search/?q=Wilhelmina+Okonkwo")

    assert result_titles(response)[:2] == ["Wilhelmina Okonkwo", "Anna Smith"]
    assert section_headings(response)[0] == "speaker"
    # The type links keep their usual order.
    assert response.content.decode().index("Sessions (4)") < response.content.decode().index(
        "Speakers (2)"
    )


def test_search_without_a_name_match_keeps_sessions_first(client, panel):
    response = client.get("/search/?q=Northwind")

    assert section_headings(response) == ["session", "speaker"]


def test_search_finds_a_speaker_and_their_sessions_from_part_of_a_name(client, panel):
    response = client.get("/search/?q=Okonk")

    titles = result_titles(response)
    assert titles[0] == "Wilhelmina Okonkwo"
    assert "The role of internal communicators" in titles
    assert "<mark>Okonkwo</mark>" in response.content.decode()


def test_search_needs_three_letters_for_a_partial_word(client, panel):
    assert result_titles(client.get("/search/?q=Ok")) == []


def test_search_finds_other_forms_of_a_word(client):
    ResourceFactory(title="Why social businesses build centres of excellence")
    SessionPageFactory(title="Building a centre of excellence in a year")
    ResourceFactory(title="Central heating")

    singular = result_titles(client.get("/search/?q=centre+of+excellence"))
    plural = result_titles(client.get("/search/?q=centres"))

    expected = [
        "Building a centre of excellence in a year",
        "Why social businesses build centres of excellence",
    ]
    assert sorted(singular) == sorted(plural) == expected


def test_search_finds_topics_and_what_is_tagged_with_them(client):
    site_root().add_child(instance=TopicIndexPage(title="Topics", slug="topics"))
    topic = TopicFactory(
        name="Employee advocacy", slug="employee-advocacy", description="Staff as voices."
    )
    resource = ResourceFactory(title="A handbook")
    ResourceTopic.objects.create(tag=topic, content_object=resource)
    insert_or_update_object(resource)

    response = client.get("/search/?q=employee+advocacy")

    assert result_titles(response) == ["Employee advocacy", "A handbook"]
    assert section_headings(response) == ["topic", "resource"]
    assert 'href="/topics/employee-advocacy/"' in response.content.decode()
    assert "Staff as voices." in response.content.decode()


def test_search_result_for_a_speaker_does_not_repeat_the_job_title(client, panel):
    SpeakerFactory(
        name="Ottoline Vantongeren",
        job_title="Head of Listening",
        bio="<p>Runs the listening team.</p>",
    )

    html = client.get("/search/?q=Vantongeren").content.decode()

    assert html.count("Head of Listening") == 1
    assert "Runs the listening team." in html


def test_search_result_times_are_in_the_event_zone_and_name_it(client):
    event = EventPageFactory(
        time_zone="America/New_York",
        start=dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC),
        end=dt.datetime(2026, 5, 1, 20, tzinfo=dt.UTC),
    )
    SessionPageFactory(
        parent=event,
        title="Morning keynote",
        start=dt.datetime(2026, 5, 1, 13, tzinfo=dt.UTC),
        end=dt.datetime(2026, 5, 1, 14, tzinfo=dt.UTC),
    )

    html = client.get("/search/?q=keynote").content.decode()

    assert "1 May 2026, 09:00</time>" in html
    assert '<span class="zone">EDT (America/New_York)</span>' in html


def test_search_finds_a_phrase_from_an_abstract(client, panel):
    response = client.get("/search/?q=employee+advocacy")

    assert result_titles(response) == ["The role of internal communicators"]


def test_search_finds_a_phrase_from_a_writeup(client):
    WriteUpPageFactory(title="After the summit", intro="<p>The CEO video clip landed well.</p>")
    WriteUpPageFactory(title="Something else", intro="<p>Nothing here.</p>")

    response = client.get("/search/?q=video+clip")

    assert result_titles(response) == ["After the summit"]


def test_search_finds_events_and_resources(client):
    EventPageFactory(title="Evening lecture", intro="<p>A lecture on listening.</p>")
    ResourceFactory(title="Listening maturity model", publisher="Example Analysts")

    titles = result_titles(client.get("/search/?q=listening"))

    assert sorted(titles) == ["Evening lecture", "Listening maturity model"]


def test_search_indexes_snippets_on_save(client):
    speaker = SpeakerFactory(name="Ottoline Vantongeren")
    resource = ResourceFactory(title="Vantongeren handbook")

    results = client.get("/search/?q=Vantongeren")

    assert sorted(result_titles(results)) == ["Ottoline Vantongeren", "Vantongeren handbook"]
    assert Speaker.get_indexed_objects().filter(pk=speaker.pk).exists()
    assert Resource.get_indexed_objects().filter(pk=resource.pk).exists()


def test_search_leaves_out_unpublished_pages(client):
    draft = SessionPageFactory(title="Secret strategy session")
    draft.unpublish()

    assert result_titles(client.get("/search/?q=secret+strategy")) == []


def test_search_highlights_matched_words_and_escapes_text(client):
    SessionPageFactory(title="Advocacy <script>alert(1)</script>")

    html = client.get("/search/?q=advocacy").content.decode()

    assert "<mark>Advocacy</mark> &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_search_groups_results_by_type_with_counts(client, panel):
    html = client.get("/search/?q=Okonkwo").content.decode()

    assert "Sessions (1)" in html
    assert "Speakers (1)" in html
    assert "Events (0)" in html
    assert '<h2 id="results-session">Sessions' in html


def test_search_filters_by_type_and_paginates(client):
    event = EventPageFactory()
    for n in range(12):
        SessionPageFactory(parent=event, title=f"Resilience clinic {n}")
    ResourceFactory(title="Resilience reading list")

    first = client.get("/search/?q=resilience&type=session")
    second = client.get("/search/?q=resilience&type=session&page=2")

    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 2
    assert "Resilience reading list" not in result_titles(first) + result_titles(second)
    assert 'href="?q=resilience&amp;type=session&amp;page=2"' in first.content.decode()


def test_search_filters_by_event_year_and_topic(client):
    summit = EventPageFactory(title="Summit 2025", start=dt.datetime(2025, 5, 1, 9, tzinfo=LONDON))
    meetup = EventPageFactory(title="Meetup 2026", start=dt.datetime(2026, 5, 1, 9, tzinfo=LONDON))
    old = SessionPageFactory(parent=summit, title="Storytelling basics")
    new = SessionPageFactory(parent=meetup, title="Storytelling advanced")
    topic = TopicFactory(name="Narrative", slug="narrative")
    SessionTopic.objects.create(tag=topic, content_object=new)
    EventTopic.objects.create(tag=topic, content_object=meetup)

    by_event = result_titles(client.get(f"/search/?q=storytelling&event={summit.pk}"))
    by_year = result_titles(client.get("/search/?q=storytelling&year=2026"))
    by_topic = result_titles(client.get("/search/?q=storytelling&topic=narrative"))

    assert by_event == ["Storytelling basics"]
    assert by_year == ["Storytelling advanced"]
    assert by_topic == ["Storytelling advanced"]
    assert old.pk != new.pk


def test_search_with_filters_and_no_words_lists_the_filtered_items(client):
    topic = TopicFactory(name="Narrative", slug="narrative")
    writeup = WriteUpPageFactory(title="Stories we told")
    WriteUpTopic.objects.create(tag=topic, content_object=writeup)
    WriteUpPageFactory(title="Untagged")

    titles = result_titles(client.get("/search/?topic=narrative&type=writeup"))

    assert titles == ["Stories we told"]


@pytest.mark.parametrize(
    "query", ['"unbalanced', "title:x OR (y", "a*", "NEAR(a b)", "-", "%", "\\", "'; DROP"]
)
def test_search_survives_query_syntax(client, query):
    SessionPageFactory(title="Plain session")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200


def test_search_without_query_shows_the_form_only(client):
    SessionPageFactory(title="Plain session")

    response = client.get("/search/")

    assert response.status_code == 200
    assert result_titles(response) == []
    assert '<input id="search-q" type="search" name="q"' in response.content.decode()


def test_autocomplete_suggests_speakers_and_sessions_from_a_prefix(client, panel):
    response = client.get("/search/autocomplete/?q=Wilhel")

    results = response.json()["results"]
    assert {
        "title": "Wilhelmina Okonkwo",
        "type": "Speaker",
        "url": "/speakers/wilhelmina-okonkwo/",
    } in results
    assert "The role of internal communicators" in [r["title"] for r in results]


def test_autocomplete_needs_two_characters(client, panel):
    assert client.get("/search/autocomplete/?q=W").json() == {"results": []}


@pytest.mark.parametrize("count", [5, 25])
def test_search_queries_do_not_grow_with_results(client, django_assert_max_num_queries, count):
    SpeakerIndexPageFactory()
    event = EventPageFactory(title="Resilience summit")
    topic = TopicFactory(name="Resilience", slug="resilience")
    for n in range(count):
        session = SessionPageFactory(parent=event, title=f"Resilience clinic {n}")
        SessionTopic.objects.create(tag=topic, content_object=session)
        speaker_on_session(SpeakerFactory(name=f"Resilient Person{n}"), session)
        ResourceFactory(title=f"Resilience reading {n}")
        WriteUpPageFactory(title=f"Resilience notes {n}")

    # Wagtail keeps its site root paths cached (an hour); with i18n, working
    # them out takes one query more (the root page's translations).
    Site.get_site_root_paths()

    # 33 measured: per type, whole words and a partial last word (and, for
    # pages, the view restrictions); then what the shown results display;
    # write-ups bring the events they cover (one prefetch).
    # +1: the header's section links in the reader's language, read once per
    # content version (site/home/templatetags/site_tags.py); this cache is cold.
    # +1: the content version, read from the database once per request (recap.core.versioning).
    # +3: delegate questions (whole words and a partial last word), and
    # whether a word is an event's hashtag.
    with django_assert_max_num_queries(38):
        response = client.get("/search/?q=resilien")

    # Five of each type, one event and one topic.
    assert len(result_titles(response)) == 22


def test_autocomplete_suggests_topics(client):
    site_root().add_child(instance=TopicIndexPage(title="Topics", slug="topics"))
    TopicFactory(name="Employee advocacy", slug="employee-advocacy")

    results = client.get("/search/autocomplete/?q=advoc").json()["results"]

    assert {"title": "Employee advocacy", "type": "Topic", "url": "/topics/employee-advocacy/"} in (
        results
    )
