"""The event page kept whole with Django's cache (recap.core.page_cache):
the same HTML for every anonymous reader, keyed by the content version, the
page, the language and the validated programme address, so hostile
addresses cannot fill the cache; editors, previews and messages always get a
fresh page."""

import datetime as dt
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.utils import timezone
from lxml import html as lxml_html

from recap.core.page_cache import KEY_PREFIX
from recap.events.models import SessionPage
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    add_speaker,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("half_past_the_hour")]

STORED = []


class CountingCache(LocMemCache):
    """A local-memory cache that remembers which whole pages were stored."""

    def set(self, key, value, timeout=None, version=None):
        if key.startswith(KEY_PREFIX):
            STORED.append(key)
        return super().set(key, value, timeout, version)


@pytest.fixture(autouse=True)
def counting_cache(settings):
    STORED.clear()
    settings.CACHES = {
        "default": {
            "BACKEND": "tests.events.test_programme_page_cache.CountingCache",
            "LOCATION": "page-cache-tests",
        }
    }
    # Emptied here: the content version repeats from test to test (each
    # test's bumps roll back with its transaction), so a page another test
    # left under the same version would be served.
    caches["default"].clear()
    yield STORED
    caches["default"].clear()
    STORED.clear()


@pytest.fixture
def event():
    SpeakerIndexPageFactory()
    event = EventPageFactory(title="Social Media Summit")
    session = SessionPageFactory(parent=event, title="Opening panel", room="Hall A")
    add_speaker(session, SpeakerFactory(name="Ada Quill"))
    SessionPageFactory(parent=event, title="Closing keynote", room="Hall B")
    return event


@pytest.fixture
def big_event(settings):
    """An event over two days whose programme is a day per page (two parts
    on the first day)."""
    settings.RECAP_PROGRAMME_DAY_PAGES_FROM = 2
    SpeakerIndexPageFactory()
    event = EventPageFactory(title="Big Summit")
    first_day = event.start
    for n, start in enumerate(
        [first_day, first_day + dt.timedelta(hours=1), first_day + dt.timedelta(hours=2)]
        + [first_day + dt.timedelta(days=1)]
    ):
        SessionPageFactory(
            parent=event,
            title=f"Talk {n}",
            start=start,
            end=start + dt.timedelta(minutes=30),
            revision=False,
        )
    event.end = first_day + dt.timedelta(days=1, hours=1)
    event.save_revision().publish()
    return event


def distinct_pages():
    return len(set(STORED))


def test_hostile_addresses_make_a_bounded_number_of_entries(client, big_event, counting_cache):
    day1 = timezone.localtime(big_event.start, big_event.tz).date()
    day2 = day1 + dt.timedelta(days=1)
    statuses = {}
    junk = [
        "?day=1000-01-01",
        "?day=9999-99-99",
        f"?day={day1}&part=3",
        f"?day={day1}&part=0",
        f"?day={day2}&part=2",
        "?part=1",
        "?part=7",
        "?view=nonsense",
        "?utm_source=newsletter",
        "?&&&",
        f"?day={day1}&",
        f"?%64ay={day1}",
        f"?day={day1}&part=1&utm=x",
        f"?day={day1}&part=01",
        "?view=list&view=grid",
    ]
    junk += [f"?day=2031-01-{n:02d}" for n in range(1, 29)]
    junk += [f"?part={n}" for n in range(1, 11)]
    for query in junk:
        statuses[query] = client.get(big_event.url + query).status_code

    assert {statuses[q] for q in statuses} <= {200, 404}
    assert statuses["?day=9999-99-99"] == 404 and statuses[f"?day={day1}&part=3"] == 404
    assert statuses[f"?%64ay={day1}"] == 200
    # The real addresses only: the default page, ?view= (auto already
    # counted), and day 1 parts 1 and 2 (nothing junk adds more).
    real = ["", "?view=list", "?view=grid", f"?day={day1}", f"?day={day1}&part=2"]
    real += [f"?day={day2}"]
    for query in real:
        assert client.get(big_event.url + query).status_code == 200
    assert distinct_pages() <= len(real) + 1


def test_a_day_the_event_has_not_is_404_and_never_stored(client, big_event, counting_cache):
    assert client.get(big_event.url + "?day=2001-02-03").status_code == 404

    assert distinct_pages() == 0


def test_day_on_a_one_page_programme_is_the_same_page(client, event, counting_cache):
    plain = client.get(event.url).content

    assert client.get(event.url + "?day=2031-03-10").content == plain
    assert client.get(event.url + "?part=3&utm_source=x").content == plain
    assert distinct_pages() == 1


def test_programme_served_again_makes_no_programme_queries(
    client, event, django_assert_max_num_queries
):
    first = client.get(event.url).content

    # Only what Wagtail itself costs to route and check the page: the site, the
    # active locale, the index and event pages, their aliases and restrictions;
    # and the content version, read from the database (recap.core.versioning).
    with django_assert_max_num_queries(8):
        again = client.get(event.url)

    assert again.content == first


def test_an_editor_gets_a_fresh_page_and_readers_never_get_theirs(event, admin_client):
    Client().get(event.url)  # kept for anonymous readers

    editor_html = admin_client.get(event.url).content.decode()
    reader_html = Client().get(event.url).content.decode()

    assert "wagtail-userbar" in editor_html
    assert "wagtail-userbar" not in reader_html


def test_an_unknown_host_gets_the_page_but_no_entry(event, settings, counting_cache):
    settings.ALLOWED_HOSTS = ["*"]
    for n in range(5):
        assert Client(HTTP_HOST=f"junk{n}.example").get(event.url).status_code == 200

    assert distinct_pages() == 0


def test_the_stored_page_changes_at_once_when_a_session_is_published(client, event):
    client.get(event.url)
    panel = SessionPage.objects.get(title="Opening panel")

    panel.title = "Opening panel (renamed)"
    panel.save_revision().publish()

    assert "Opening panel (renamed)" in client.get(event.url).content.decode()


def test_now_and_next_moves_on_with_the_clock_on_a_stored_page(client):
    SpeakerIndexPageFactory()
    now = timezone.now()
    event = EventPageFactory(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=8))
    SessionPageFactory(
        parent=event,
        title="Morning talk",
        start=now - dt.timedelta(minutes=30),
        end=now + dt.timedelta(seconds=50),
    )
    SessionPageFactory(
        parent=event,
        title="Next talk",
        start=now + dt.timedelta(seconds=50),
        end=now + dt.timedelta(minutes=45),
    )

    def now_entry(html):
        tree = lxml_html.fromstring(html)
        return tree.xpath('//section[@class="now-next"]//dt[1]/following-sibling::dd[1]')[
            0
        ].text_content()

    with mock.patch("django.utils.timezone.now", return_value=now):
        assert "Morning talk" in now_entry(client.get(event.url).content)
        assert "Morning talk" in now_entry(client.get(event.url).content)  # kept

    later = now + dt.timedelta(minutes=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        html = client.get(event.url).content

    assert "Next talk" in now_entry(html)


def test_a_change_published_while_the_page_renders_shows_on_the_next_request(client, event):
    from recap.events.models import EventPage

    original_render = EventPage.render

    def render_then_publish(page, request, *args, **kwargs):
        response = original_render(page, request, *args, **kwargs)
        response.render()
        # An editor publishes after this page was rendered, before it is kept.
        panel = SessionPage.objects.get(title="Opening panel")
        panel.title = "Opening panel (renamed)"
        panel.save_revision().publish()
        return response

    with mock.patch.object(EventPage, "render", render_then_publish):
        assert "Opening panel (renamed)" not in client.get(event.url).content.decode()

    assert "Opening panel (renamed)" in client.get(event.url).content.decode()
