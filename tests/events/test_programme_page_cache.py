"""The event page kept whole in the cache and served before Wagtail's routing
(recap.core.page_cache): every anonymous reader gets the same stored page,
marked with their own stars and header link; nothing personal is stored;
editors, previews and messages always get a fresh page."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache, caches
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
    event_room,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _half_past():
    """A page is kept until the top of the hour at most, so nothing is kept in
    the hour's last second: each test runs at half past the hour it starts in."""
    now = timezone.now()
    with time_machine.travel(now.replace(minute=30, second=0, microsecond=0), tick=True):
        yield


@pytest.fixture
def event():
    SpeakerIndexPageFactory()
    event = EventPageFactory(title="Social Media Summit")
    session = SessionPageFactory(parent=event, title="Opening panel", room="Hall A")
    add_speaker(session, SpeakerFactory(name="Ada Quill"))
    SessionPageFactory(parent=event, title="Closing keynote", room="Hall B")
    return event


def session_named(title):
    return SessionPage.objects.get(title=title)


def star(client, session, next_url):
    response = client.post("/calendar/agenda/star/", {"star": session.pk, "next": next_url})
    assert response.status_code == 302
    return response


def stored_pages():
    """The bodies of every page kept whole (local-memory or Redis cache)."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):  # its keys are "<prefix>:<version>:<key>"
        names = [key.split(":", 2)[2] for key in backend._cache if KEY_PREFIX in key]
    else:  # Redis
        names = [key.decode().split(":", 2)[2] for key in backend._cache.get_client().keys("*")]
        names = [name for name in names if name.startswith(KEY_PREFIX)]
    return [cache.get(name)[4].decode() for name in names]


def star_states(html):
    tree = lxml_html.fromstring(html)
    return {
        int(button.get("value")): button.get("aria-pressed")
        for button in tree.xpath("//button[@value]")
    }


def header_link(html):
    header = lxml_html.fromstring(html).xpath("//header")[0]
    links = header.xpath('.//a[@href="/calendar/agenda/"]')
    return " ".join(links[0].text_content().split()) if links else None


@pytest.mark.parametrize("count", [5, 25])
def test_programme_served_again_costs_no_query(client, django_assert_num_queries, count):
    SpeakerIndexPageFactory()
    event = EventPageFactory()
    room = event_room(event, "Hall A")
    for n in range(count):
        SessionPageFactory(parent=event, title=f"Talk {n}", room=room, revision=False)
    first = client.get(event.url).content

    with django_assert_num_queries(0):
        again = client.get(event.url)

    assert again.content == first
    assert again.content.decode().count('name="star"') == count


@pytest.mark.parametrize("count", [5, 25])
def test_a_reader_with_stars_costs_one_query_on_the_stored_page(
    client, django_assert_num_queries, count
):
    SpeakerIndexPageFactory()
    event = EventPageFactory()
    for n in range(count):
        SessionPageFactory(parent=event, title=f"Talk {n}", revision=False)
    first = session_named("Talk 0")
    star(client, first, event.url)
    client.get(event.url)  # the confirmation, shown once (a fresh page)
    Client().get(event.url)  # someone else's visit keeps the page

    with django_assert_num_queries(1):  # this reader's stars
        html = client.get(event.url).content.decode()

    assert star_states(html)[first.pk] == "true"
    assert list(star_states(html).values()).count("true") == 1


def test_two_readers_get_their_own_stars_and_count_from_one_stored_page(event):
    panel, keynote = session_named("Opening panel"), session_named("Closing keynote")
    ada, ben = Client(), Client()
    star(ada, panel, event.url)
    star(ben, panel, event.url)
    star(ben, keynote, event.url)
    ada.get(event.url), ben.get(event.url)  # their confirmations, shown once
    anonymous = Client().get(event.url).content.decode()  # what is kept for everyone

    ada_html = ada.get(event.url).content.decode()
    ben_html = ben.get(event.url).content.decode()

    assert star_states(ada_html) == {panel.pk: "true", keynote.pk: "false"}
    assert star_states(ben_html) == {panel.pk: "true", keynote.pk: "true"}
    assert header_link(ada_html) == "My agenda (1 session)"
    assert header_link(ben_html) == "My agenda (2 sessions)"
    assert star_states(anonymous) == {panel.pk: "false", keynote.pk: "false"}
    assert header_link(anonymous) is None
    assert len(stored_pages()) == 1


def test_the_stored_page_holds_nothing_personal_or_secret(event):
    reader = Client()
    star(reader, session_named("Opening panel"), event.url)
    reader.get(event.url)  # the confirmation
    reader.get(event.url)
    Client().get(event.url)

    [stored] = stored_pages()

    assert 'aria-pressed="true"' not in stored
    assert "My agenda" not in stored and "agenda-star__confirmation" not in stored
    assert "csrfmiddlewaretoken" not in stored


def test_a_star_pressed_on_the_stored_page_works_without_javascript(event):
    Client().get(event.url)  # the page is kept
    reader = Client()
    panel = session_named("Opening panel")
    tree = lxml_html.fromstring(reader.get(event.url).content)
    button = tree.xpath(f'//button[@value="{panel.pk}"]')[0]
    form = tree.get_element_by_id(button.get("form"))
    data = {field.get("name"): field.get("value") for field in form.xpath(".//input")}
    data[button.get("name")] = button.get("value")

    response = reader.post(form.get("action"), data)

    assert response["Location"] == f"{event.url}#session-{panel.pk}"
    html = reader.get(response["Location"]).content.decode()
    assert "Added “Opening panel” to your agenda." in html
    assert star_states(reader.get(event.url).content)[panel.pk] == "true"


def test_an_editor_gets_a_fresh_page_and_readers_never_get_theirs(event, admin_client):
    Client().get(event.url)  # kept for anonymous readers

    editor_html = admin_client.get(event.url).content.decode()
    reader_html = Client().get(event.url).content.decode()

    assert "wagtail-userbar" in editor_html
    assert "wagtail-userbar" not in reader_html
    assert all("wagtail-userbar" not in page for page in stored_pages())


def test_addresses_with_unknown_parameters_or_values_are_not_kept(client, event):
    for query in ("?utm_source=newsletter", "?view=nonsense", "?day=2031-03-10x", "?view=list"):
        assert client.get(event.url + query).status_code == 200

    assert len(stored_pages()) == 1  # ?view=list only


def test_the_stored_page_changes_at_once_when_a_session_is_published(client, event):
    client.get(event.url)
    panel = session_named("Opening panel")

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

    assert "Morning talk" in now_entry(client.get(event.url).content)
    assert "Morning talk" in now_entry(client.get(event.url).content)  # kept

    later = now + dt.timedelta(minutes=2)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("recap.core.page_cache.time.time", return_value=later.timestamp()),
    ):
        html = client.get(event.url).content

    assert "Next talk" in now_entry(html)


def test_a_change_published_while_the_page_renders_shows_on_the_next_request(client, event):
    from recap.core import page_cache

    original_store = page_cache.store

    def publish_then_store(request, response, *args, **kwargs):
        # An editor publishes after this page was rendered, before it is kept.
        response.render()
        panel = session_named("Opening panel")
        panel.title = "Opening panel (renamed)"
        panel.save_revision().publish()
        return original_store(request, response, *args, **kwargs)

    with mock.patch.object(page_cache, "store", publish_then_store):
        assert "Opening panel (renamed)" not in client.get(event.url).content.decode()

    assert "Opening panel (renamed)" in client.get(event.url).content.decode()
