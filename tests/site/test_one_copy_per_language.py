"""One session is one entry in every list, count, filter and feed, in the
reader's language; French lists show what has no French translation, in
its own language and marked as such (issue 21)."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.utils import timezone
from icalendar import Calendar
from lxml import html
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    TopicFactory,
    WriteUpIndexPageFactory,
    WriteUpPageFactory,
    add_speaker,
)
from tests.site.test_i18n import translate
from tests.snapshots import read_again, rows_for_module

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def day(days):
    """A day `days` from the frozen now, at 09:00 in London."""
    moment = (timezone.now() + dt.timedelta(days=days)).astimezone(LONDON)
    return moment.replace(hour=9, minute=0, second=0, microsecond=0)


def event_on(parent, title, slug, start, **fields):
    event = EventPageFactory(parent=parent, title=title, slug=slug, start=start, **fields)
    event.end = start + dt.timedelta(hours=8)
    event.save_revision().publish()
    return event


def build_bilingual():
    """An English site with a French translation of its sections, of a past
    event and its session; an upcoming event and a write-up in English only."""
    root = Page.get_first_root_node()
    home = HomePage(title="Recap", slug="recap-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    events = EventIndexPageFactory(parent=home, slug="events")
    speakers = SpeakerIndexPageFactory(parent=home)
    writeups = WriteUpIndexPageFactory(parent=home)
    topic = TopicFactory(name="Internal comms", slug="internal-comms")
    ada = SpeakerFactory(name="Ada Lovelace", slug="ada-lovelace")

    past = event_on(events, "Open Channels Live", "ocl", day(-40))
    session = SessionPageFactory(
        parent=past,
        title="Inside out",
        slug="inside-out",
        start=past.start + dt.timedelta(hours=2),
        end=past.start + dt.timedelta(hours=3),
    )
    session.topics.add(topic)
    add_speaker(session, ada)
    session.save_revision().publish()
    dubai = event_on(events, "Dubai chapter", "dubai", day(20), time_zone="Asia/Dubai")
    dubai_session = SessionPageFactory(
        parent=dubai,
        title="Only in English",
        slug="only-english",
        start=dubai.start + dt.timedelta(hours=1),
        end=dubai.start + dt.timedelta(hours=2),
    )
    dubai_session.topics.add(topic)
    add_speaker(dubai_session, ada)
    dubai_session.save_revision().publish()
    writeup = WriteUpPageFactory(parent=writeups, title="Answers from the panel", slug="answers")

    french = Locale.objects.create(language_code="fr")
    translate(home, french, title="Accueil Recap")
    translate(events, french, title="Événements", slug="evenements")
    translate(speakers, french, title="Intervenants", slug="intervenants")
    translate(writeups, french, title="Comptes rendus", slug="comptes-rendus")
    fr_past = translate(past, french, title="Journée Open Channels", slug="journee-ocl")
    fr_session = translate(session, french, title="De l’intérieur", slug="de-linterieur")
    return {
        "past": past,
        "fr_past": fr_past,
        "session": session,
        "fr_session": fr_session,
        "dubai": dubai,
        "writeup": writeup,
        "ada": ada,
        "topic": topic,
    }


@pytest.fixture(scope="module")
def bilingual_rows(django_db_setup, django_db_blocker):
    """The bilingual site, made once for the module (about a second each
    time); each test's changes are rolled back after it."""
    with rows_for_module(django_db_blocker, build_bilingual) as rows:
        yield rows


@pytest.fixture
def bilingual(bilingual_rows):
    """The bilingual site's objects, read again for this test."""
    return read_again(bilingual_rows)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return html.fromstring(response.content.decode())


def texts(doc, xpath):
    return [" ".join(node.text_content().split()) for node in doc.xpath(xpath)]


def card_titles(doc, section_id):
    return texts(doc, f'//*[@id="{section_id}"]//*[contains(@class, "card__title")]')


def test_french_event_index_lists_what_the_french_home_shows(client, bilingual):
    doc = page(client, "/fr/evenements/")

    assert card_titles(doc, "upcoming") == ["Dubai chapter (en anglais)"]
    assert card_titles(doc, "past") == ["Journée Open Channels"]
    [english] = doc.xpath('//*[@id="upcoming"]//li[contains(@class, "event-card")]')
    assert english.get("lang") == "en-gb"
    home = page(client, "/fr/")
    shown = texts(home, '//*[contains(@class, "event-card")]//*[contains(@class, "card__title")]')
    assert sorted(shown) == ["Dubai chapter (en anglais)", "Journée Open Channels"]


def test_english_event_index_lists_each_event_once_in_english(client, bilingual):
    doc = page(client, "/events/")

    assert card_titles(doc, "upcoming") == ["Dubai chapter"]
    assert card_titles(doc, "past") == ["Open Channels Live"]
    assert not doc.xpath('//li[contains(@class, "event-card")][@lang]')


def test_english_home_lists_each_event_once(client, bilingual):
    doc = page(client, "/")

    shown = texts(doc, '//*[contains(@class, "event-card")]//*[contains(@class, "card__title")]')
    assert sorted(shown) == ["Dubai chapter", "Open Channels Live"]


def test_french_writeups_list_the_english_writeup_marked_english(client, bilingual):
    doc = page(client, "/fr/comptes-rendus/")
    home = page(client, "/fr/")

    titles = texts(doc, '//main//*[contains(@class, "card__title")]')
    assert titles == ["Answers from the panel (en anglais)"]
    assert doc.xpath('//main//*[@lang="en-gb"]//a[contains(., "Answers from the panel")]')
    assert "Answers from the panel" in home.text_content()


def session_titles(doc):
    return texts(doc, '//*[@id="sessions"]//li/a')


def test_speaker_page_lists_each_session_once_in_the_readers_language(client, bilingual):
    english = page(client, "/speakers/ada-lovelace/")
    french = page(client, "/fr/intervenants/ada-lovelace/")

    assert sorted(session_titles(english)) == ["Inside out", "Only in English"]
    assert sorted(session_titles(french)) == ["De l’intérieur", "Only in English"]


def vevents(client, url):
    response = client.get(url)
    assert response.status_code == 200
    calendar = Calendar.from_ical(b"".join(response.streaming_content))
    return {str(vevent["UID"]): str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")}


@pytest.mark.parametrize("feed", ["speakers/ada-lovelace", "topics/internal-comms"])
def test_feeds_carry_each_session_once_with_one_uid_across_languages(client, bilingual, feed):
    english = vevents(client, f"/calendar/{feed}.ics")
    french = vevents(client, f"/fr/calendar/{feed}.ics")

    assert sorted(english.values()) == ["Inside out", "Only in English"]
    assert sorted(french.values()) == ["De l’intérieur", "Only in English"]
    assert set(english) == set(french)


def test_a_sessions_own_calendar_has_the_same_uid_in_both_languages(client, bilingual):
    english = vevents(client, bilingual["session"].url + "session.ics")
    french = vevents(client, bilingual["fr_session"].url + "session.ics")

    assert list(english) == list(french)


def test_directory_counts_and_event_filter_show_each_session_and_event_once(client, bilingual):
    doc = page(client, "/speakers/")
    french = page(client, "/fr/intervenants/")

    card = " ".join(
        doc.xpath('string(//*[contains(@class, "card")][.//a[contains(., "Ada")]])').split()
    )
    assert re.search(r"\b2 sessions\b", card), card
    events = texts(doc, '//select[@name="event"]/option')
    assert sorted(events[1:]) == ["Dubai chapter", "Open Channels Live"]
    french_events = texts(french, '//select[@name="event"]/option')
    assert sorted(french_events[1:]) == ["Dubai chapter", "Journée Open Channels"]


def test_search_event_filter_lists_each_event_once(client, bilingual):
    doc = page(client, "/search/?q=open")

    events = texts(doc, '//select[@name="event"]/option')
    assert sorted(events[1:]) == ["Dubai chapter", "Open Channels Live"]


@pytest.mark.questions
def test_short_question_url_keeps_a_french_reader_in_french(client, bilingual):
    from recap.questions.shortcodes import session_code

    code = session_code(bilingual["session"])
    response = client.get(f"/fr/q/{code}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/fr/"), response["Location"]


def language_switch(doc):
    return {
        link.get("hreflang"): link.get("href")
        for link in doc.xpath('//nav[@class="language-switcher"]//a')
    }


def hreflang_alternates(doc):
    return {
        link.get("hreflang"): link.get("href")
        for link in doc.xpath('//link[@rel="alternate"][@hreflang]')
    }


def test_speaker_page_switch_and_alternates_point_at_the_same_person(client, bilingual):
    english = page(client, "/speakers/ada-lovelace/")
    french = page(client, "/fr/intervenants/ada-lovelace/")

    for doc in (english, french):
        assert language_switch(doc) == {
            "en-gb": "/speakers/ada-lovelace/",
            "fr": "/fr/intervenants/ada-lovelace/",
        }
        assert hreflang_alternates(doc) == {
            "en-gb": "http://testserver/speakers/ada-lovelace/",
            "fr": "http://testserver/fr/intervenants/ada-lovelace/",
            "x-default": "http://testserver/speakers/ada-lovelace/",
        }
    assert french.xpath('//link[@rel="canonical"]/@href') == [
        "http://testserver/fr/intervenants/ada-lovelace/"
    ]
    assert english.xpath('//link[@rel="canonical"]/@href') == [
        "http://testserver/speakers/ada-lovelace/"
    ]


def test_topic_page_switch_points_at_the_same_topic(client, bilingual):
    from recap.resources.models import TopicIndexPage
    from tests.factories import PageFactory  # noqa: F401 - the topic index below

    home = Page.objects.get(slug="recap-home")
    topics = TopicIndexPage(title="Topics", slug="topics")
    home.add_child(instance=topics)
    topics.save_revision().publish()
    translate(topics, Locale.objects.get(language_code="fr"), title="Thèmes", slug="themes")

    english = page(client, "/topics/internal-comms/")
    french = page(client, "/fr/themes/internal-comms/")

    for doc in (english, french):
        assert language_switch(doc) == {
            "en-gb": "/topics/internal-comms/",
            "fr": "/fr/themes/internal-comms/",
        }
    assert french.xpath('//link[@rel="canonical"]/@href') == [
        "http://testserver/fr/themes/internal-comms/"
    ]


def test_the_switch_of_an_untranslated_page_says_so(client, bilingual):
    doc = page(client, bilingual["dubai"].url)

    assert "fr" not in language_switch(doc)
    note = doc.xpath('//nav[@class="language-switcher"]//li[span[@lang="fr"]]')[0]
    assert "(not translated)" in note.text_content()


def test_french_session_page_elides_de_before_the_events_name(client, bilingual):
    fr_past = bilingual["fr_past"]
    fr_past.title = "Open Channels Live"
    fr_past.save_revision().publish()

    doc = page(client, bilingual["fr_session"].url)

    assert texts(doc, '//p[@class="session__back"]') == ["Retour au programme d’Open Channels Live"]


def test_french_speaker_page_abbreviates_months_the_french_way(client, bilingual):
    doc = page(client, "/fr/intervenants/ada-lovelace/")

    dates = texts(doc, '//*[@id="sessions"]//li//time')
    assert dates
    # Django's French abbreviations (its "N" date format).
    months = {
        1: "jan.",
        2: "fév.",
        3: "mars",
        4: "avr.",
        5: "mai",
        6: "juin",
        7: "juil.",
        8: "août",
        9: "sept.",
        10: "oct.",
        11: "nov.",
        12: "déc.",
    }
    start = bilingual["dubai"].start.astimezone(zoneinfo.ZoneInfo("Asia/Dubai"))
    assert any(months[start.month] in text for text in dates), dates
    assert not any(re.search(r"\b[A-ZÉ][a-zéû]{2}\b", text.split(" ", 2)[-1]) for text in dates)


@pytest.mark.parametrize("url", ["/speakers/ada-lovelace/", "/fr/intervenants/ada-lovelace/"])
def test_speaker_page_has_a_visible_calendar_feed_link(client, bilingual, url):
    doc = page(client, url)

    links = doc.xpath('//main//a[contains(@href, "/calendar/speakers/ada-lovelace.ics")]')
    assert links, "no visible link to the speaker's calendar feed"
    assert any(link.text_content().strip() for link in links)
    # And their write-ups' feeds, as a topic's page has.
    alternates = doc.xpath('//link[@rel="alternate"][@type="application/rss+xml"]/@href')
    assert alternates
    assert doc.xpath(f'//main//a[@href="{alternates[0]}"]')


# The same at one and six more events and write-ups (one query to spare for
# the per-process Locale table, read once: recap.core.locales).
QUERY_BUDGET = {"/fr/evenements/": 24, "/fr/": 20, "/fr/comptes-rendus/": 22}


@pytest.mark.parametrize("url", sorted(QUERY_BUDGET))
@pytest.mark.parametrize("extra", [1, 6])
def test_french_lists_cost_the_same_queries_at_two_sizes(
    client, bilingual, django_assert_max_num_queries, url, extra
):
    events = bilingual["dubai"].get_parent()
    writeups = bilingual["writeup"].get_parent()
    for n in range(extra):
        event_on(events, f"Extra {n}", f"extra-{n}", day(30 + n))
        WriteUpPageFactory(parent=writeups, title=f"More {n}", slug=f"more-{n}")

    with django_assert_max_num_queries(QUERY_BUDGET[url]):
        response = client.get(url)

    assert response.status_code == 200
    assert response.content.decode().count("More ") >= (extra if "comptes" in url else 0)
