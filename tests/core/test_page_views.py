"""Page models find the views that render them through recap.core.page_views,
registered by each app's views when the app is ready (issue 19)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from recap.core import page_views
from recap.events.exports import frab
from recap.events.models import EventIndexPage, EventPage, SessionPage
from recap.events.views import calendars, pages
from recap.resources import views as resource_views
from recap.resources.models import ResourceLibraryPage, TopicIndexPage
from recap.speakers.models import Speaker, SpeakerIndexPage
from recap.speakers.views import directory, profile
from recap.writeups import views as writeup_views
from recap.writeups.exports import feeds
from recap.writeups.models import WriteUpIndexPage, WriteUpPage


@pytest.mark.parametrize(
    ("model", "name", "function"),
    [
        (EventIndexPage, "event_index_context", pages.event_index_context),
        (EventIndexPage, "upcoming_calendar_view", calendars.upcoming_calendar_view),
        (EventPage, "event_context", pages.event_context),
        (EventPage, "serve_event_page", pages.serve_event_page),
        (EventPage, "event_calendar_view", calendars.event_calendar_view),
        (EventPage, "schedule_xml_view", frab.schedule_xml_view),
        (EventPage, "schedule_json_view", frab.schedule_json_view),
        (SessionPage, "session_context", pages.session_context),
        (SessionPage, "session_calendar_view", calendars.session_calendar_view),
        (Speaker, "speaker_context", profile.speaker_context),
        (SpeakerIndexPage, "directory_view", directory.directory_view),
        (SpeakerIndexPage, "speaker_view", profile.speaker_view),
        (TopicIndexPage, "topic_index_view", resource_views.topic_index_view),
        (TopicIndexPage, "topic_view", resource_views.topic_view),
        (ResourceLibraryPage, "resource_library_view", resource_views.resource_library_view),
        (WriteUpIndexPage, "writeup_index_context", writeup_views.writeup_index_context),
        (WriteUpIndexPage, "site_rss_view", feeds.site_rss_view),
        (WriteUpIndexPage, "site_atom_view", feeds.site_atom_view),
        (WriteUpPage, "writeup_context", writeup_views.writeup_context),
    ],
)
def test_every_page_model_finds_its_views_once_the_apps_are_ready(model, name, function):
    assert getattr(model.views, name) is function


def test_a_view_of_another_model_is_not_found():
    assert not hasattr(SessionPage.views, "schedule_xml_view")
    with pytest.raises(ImproperlyConfigured, match="schedule_xml_view.*SessionPage"):
        SessionPage.views.schedule_xml_view  # noqa: B018


@pytest.fixture
def registered_on_page():
    """A view registered for Wagtail's Page, removed afterwards."""

    def page_view(request, page):
        return page

    page_views.register("wagtailcore.Page", "recap_test_page_view")(page_view)
    yield page_view
    del page_views._registry[("wagtailcore.page", "recap_test_page_view")]


def test_a_subclass_finds_the_view_of_the_model_it_inherits_from(registered_on_page):
    assert EventPage.views.recap_test_page_view is registered_on_page


def test_two_views_under_one_name_are_refused(registered_on_page):
    def another(request, page):
        return None

    with pytest.raises(ImproperlyConfigured, match="two views named 'recap_test_page_view'"):
        page_views.register("wagtailcore.Page", "recap_test_page_view")(another)
    # Registering the same function again (a module imported twice) is fine.
    page_views.register("wagtailcore.Page", "recap_test_page_view")(registered_on_page)
    assert EventPage.views.recap_test_page_view is registered_on_page
