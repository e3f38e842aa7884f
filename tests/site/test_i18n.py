"""The reference site in English (at /) and French (at /fr/), with Wagtail's
locales: the French page tree, the language switcher, hreflang alternates,
per-language caching, French dates, and Recap's own routes under /fr/."""

import datetime as dt
import zoneinfo

import pytest
from django.core.cache import cache
from lxml import html
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from recap.events.models import EventRoom, SessionPage
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    SessionPageFactory,
    SpeakerIndexPageFactory,
)
from tests.snapshots import read_again, rows_for_module

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
# A Monday.
DAY = dt.datetime(2026, 11, 30, 9, 0, tzinfo=LONDON)


def translate(page, locale, **fields):
    """The French copy of `page`, as an editor's "Translate" action makes it,
    with `fields` set and published."""
    copy = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    if isinstance(copy, SessionPage) and copy.room_id:
        copy.room = EventRoom.objects.get(page_id=copy.get_parent().pk, name=copy.room.name)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def build_site_tree():
    """An English site with a French home, events index, event and session."""
    root = Page.get_first_root_node()
    home = HomePage(title="Recap", slug="recap-home", intro="<p>Conference write-ups.</p>")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    events = EventIndexPageFactory(parent=home)
    SpeakerIndexPageFactory(parent=home)
    event = EventPageFactory(parent=events, title="Open Channels Live", slug="ocl", start=DAY)
    event.end = DAY + dt.timedelta(hours=8)
    event.save_revision().publish()
    session = SessionPageFactory(
        parent=event,
        title="Inside out",
        slug="inside-out",
        start=DAY + dt.timedelta(hours=5),
        end=DAY + dt.timedelta(hours=6),
    )
    other = SessionPageFactory(
        parent=event,
        title="Only in English",
        slug="only-english",
        start=DAY + dt.timedelta(hours=6),
        end=DAY + dt.timedelta(hours=7),
    )
    french = Locale.objects.create(language_code="fr")
    fr_home = translate(home, french, title="Accueil Recap", intro="<p>Comptes rendus.</p>")
    fr_events = translate(events, french, title="Événements", slug="evenements")
    fr_event = translate(event, french, title="Journée Open Channels", slug="journee-ocl")
    fr_session = translate(session, french, title="De l’intérieur", slug="de-linterieur")
    return {
        "home": home,
        "event": event,
        "session": session,
        "other": other,
        "fr_home": fr_home,
        "fr_events": fr_events,
        "fr_event": fr_event,
        "fr_session": fr_session,
    }


@pytest.fixture(scope="module")
def site_tree_rows(django_db_setup, django_db_blocker):
    """The site tree, made once for the module; each test's changes are
    rolled back after it."""
    with rows_for_module(django_db_blocker, build_site_tree) as rows:
        yield rows


@pytest.fixture
def site_tree(site_tree_rows):
    """The site tree's pages, read again for this test."""
    return read_again(site_tree_rows)


def tree_of(response):
    assert response.status_code == 200, response.status_code
    return html.fromstring(response.content.decode())


def switcher(doc):
    return {a.get("hreflang"): a for a in doc.xpath('//nav[@class="language-switcher"]//a')}


def alternates(doc):
    return {
        link.get("hreflang"): link.get("href")
        for link in doc.xpath('//link[@rel="alternate"][@hreflang]')
    }


def test_french_home_is_served_at_fr(client, site_tree):
    doc = tree_of(client.get("/fr/"))

    assert doc.get("lang") == "fr"
    assert "Accueil Recap" in doc.findtext(".//title")


def test_english_home_stays_at_the_root(client, site_tree):
    doc = tree_of(client.get("/"))

    assert doc.get("lang") == "en-gb"
    assert "Accueil Recap" not in doc.findtext(".//title")


def test_switcher_links_to_the_translation_of_the_page(client, site_tree):
    doc = tree_of(client.get(site_tree["event"].url))

    links = switcher(doc)
    assert links["fr"].get("href") == "/fr/evenements/journee-ocl/"
    assert links["fr"].get("lang") == "fr"
    assert links["fr"].text_content().strip() == "Français"
    assert links["en-gb"].get("href") == "/events/ocl/"
    assert links["en-gb"].get("aria-current") == "true"
    assert links["fr"].get("aria-current") is None


def test_switcher_says_there_is_no_translation_rather_than_link_elsewhere(client, site_tree):
    doc = tree_of(client.get(site_tree["other"].url))

    assert "fr" not in switcher(doc)
    [missing] = doc.xpath('//nav[@class="language-switcher"]//li[span[@lang="fr"]]')
    assert " ".join(missing.text_content().split()) == "Français (not translated)"
    assert "fr" not in alternates(doc)


def test_french_page_marks_french_current_and_links_back(client, site_tree):
    doc = tree_of(client.get("/fr/evenements/journee-ocl/de-linterieur/"))

    links = switcher(doc)
    assert doc.get("lang") == "fr"
    assert "De l’intérieur" in doc.findtext(".//title")
    assert links["fr"].get("aria-current") == "true"
    assert links["en-gb"].get("href") == "/events/ocl/inside-out/"


def test_hreflang_alternates_name_each_translation_and_x_default(client, site_tree):
    doc = tree_of(client.get("/fr/evenements/journee-ocl/"))

    assert alternates(doc) == {
        "en-gb": "http://testserver/events/ocl/",
        "fr": "http://testserver/fr/evenements/journee-ocl/",
        "x-default": "http://testserver/events/ocl/",
    }


def test_header_sections_point_at_the_active_language(client, site_tree):
    french = tree_of(client.get("/fr/"))
    english = tree_of(client.get("/"))

    assert "/fr/evenements/" in [a.get("href") for a in french.xpath('//nav[@class="site-nav"]//a')]
    assert "/events/" in [a.get("href") for a in english.xpath('//nav[@class="site-nav"]//a')]


def test_french_programme_has_french_day_names(client, site_tree):
    body = client.get("/fr/evenements/journee-ocl/").content.decode()

    assert "lundi" in body.lower()
    assert "novembre" in body.lower()
    assert "De l’intérieur" in body


def test_english_programme_keeps_english_day_names(client, site_tree):
    body = client.get("/events/ocl/").content.decode()

    assert "Monday" in body
    assert "lundi" not in body.lower()


def test_cache_is_per_language_english_first(client, site_tree):
    client.get("/events/ocl/")  # warm in English

    body = client.get("/fr/evenements/journee-ocl/").content.decode()

    assert "lundi" in body.lower()
    assert "Monday" not in body


def test_cache_is_per_language_french_first(client, site_tree):
    client.get("/fr/evenements/journee-ocl/")  # warm in French

    body = client.get("/events/ocl/").content.decode()

    assert "Monday" in body
    assert "lundi" not in body.lower()
    cache.clear()


def test_page_file_routes_work_under_fr(client, site_tree):
    ics = client.get("/fr/evenements/journee-ocl/programme.ics")
    xml = client.get("/fr/evenements/journee-ocl/schedule.xml")

    assert ics.status_code == 200
    assert b"De l" in b"".join(ics.streaming_content) if ics.streaming else b"De l" in ics.content
    assert xml.status_code == 200


def test_search_works_under_fr(client, site_tree):
    doc = tree_of(client.get("/fr/search/?q=channels"))

    assert doc.get("lang") == "fr"
    assert switcher(doc)["en-gb"].get("href") == "/search/?q=channels"


@pytest.mark.questions
def test_short_codes_work_under_fr(client, site_tree):
    from recap.questions.shortcodes import session_code

    code = session_code(site_tree["fr_session"])

    assert client.get(f"/fr/q/{code}/").status_code in (200, 302)
    assert client.get(f"/q/{session_code(site_tree['session'])}/").status_code in (200, 302)


def test_admin_stays_outside_the_language_prefix(client):
    assert client.get("/fr/admin/").status_code == 404
    assert client.get("/admin/").status_code == 302


def test_sitemap_lists_french_pages(client, site_tree):
    body = client.get("/sitemap.xml").content.decode()

    assert "http://testserver/fr/evenements/journee-ocl/" in body
    assert "http://testserver/fr/evenements/journee-ocl/de-linterieur/" in body
    assert "http://testserver/events/ocl/" in body


def test_agenda_star_works_under_fr(client, site_tree):
    french_event = "/fr/evenements/journee-ocl/"
    doc = tree_of(client.get(french_event))
    actions = {form.get("action") for form in doc.xpath('//form[@class="agenda-star"]')}

    assert actions == {"/fr/calendar/agenda/star/"}
    response = client.post(
        "/fr/calendar/agenda/star/",
        {"session": site_tree["fr_session"].pk, "action": "star", "next": french_event},
    )
    assert response.status_code == 302
    # Without JavaScript the reader lands on the agenda, with a link back.
    assert response["Location"].startswith("/fr/calendar/agenda/?back=%2Ffr%2Fevenements%2F")
    agenda = tree_of(client.get("/fr/calendar/agenda/"))
    assert agenda.get("lang") == "fr"
    assert "De l’intérieur" in agenda.text_content()
