"""With wagtail.contrib.frontend_cache installed, a change to an event, one of
its sessions or a page's privacy purges the event page and its file-like
routes from the CDN (recap.events.frontend_cache), through Wagtail's own
get_cached_paths(). Installing the app in a test would rebuild the app
registry, so the test says it is installed instead."""

from unittest import mock

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import PageViewRestriction

from tests.conftest import IMMEDIATE_TASKS
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db

PURGED = []


class RecordingBackend(BaseBackend):
    """A frontend cache that records what it is asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.events.test_frontend_cache.RecordingBackend"}
    }
    settings.TASKS = IMMEDIATE_TASKS
    PURGED.clear()
    with mock.patch("recap.events.frontend_cache.frontend_cache_installed", return_value=True):
        yield PURGED
    PURGED.clear()


@pytest.fixture
def event():
    event = EventPageFactory(title="Social Media Summit", slug="summit")
    SessionPageFactory(parent=event, title="Opening panel", slug="opening")
    return event


EVENT_URLS = {
    "http://localhost/events/summit/",
    "http://localhost/events/summit/?view=grid",
    "http://localhost/events/summit/?view=list",
    "http://localhost/events/summit/programme.ics",
    "http://localhost/events/summit/schedule.xml",
    "http://localhost/events/summit/schedule.json",
}


def test_publishing_a_session_purges_its_event_page_and_files(event, purged):
    session = event.get_children().specific().get()
    purged.clear()

    session.title = "Opening panel (renamed)"
    session.save_revision().publish()

    assert EVENT_URLS <= set(purged)


def test_unpublishing_a_session_purges_its_event_page(event, purged):
    session = event.get_children().specific().get()
    purged.clear()

    session.unpublish()

    assert EVENT_URLS <= set(purged)


def test_event_page_names_its_cached_paths_for_wagtails_own_purge(event):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_page(event)

    assert set(batch.urls) == EVENT_URLS
    batch = PurgeBatch()
    batch.add_page(event.get_children().specific().get())
    assert set(batch.urls) == {
        "http://localhost/events/summit/opening/",
        "http://localhost/events/summit/opening/session.ics",
        "http://localhost/events/summit/opening/captions.vtt",
    }


def test_making_the_event_private_purges_it_and_its_sessions(event, purged):
    purged.clear()

    restriction = PageViewRestriction.objects.create(page=event, restriction_type="login")

    assert EVENT_URLS <= set(purged)
    assert "http://localhost/events/summit/opening/" in purged
    purged.clear()
    restriction.delete()
    assert EVENT_URLS <= set(purged)


def test_without_the_app_nothing_is_purged(event, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.events.test_frontend_cache.RecordingBackend"}
    }
    settings.TASKS = IMMEDIATE_TASKS
    PURGED.clear()

    PageViewRestriction.objects.create(page=event, restriction_type="login")

    assert PURGED == []
