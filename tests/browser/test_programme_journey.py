"""An editor (in the Editors group, not a superuser) creates an event with a
panel, picks speakers (a pick survives a new search), creates a new speaker
from the chooser, sees a clash warning, fixes it, and publishes."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect
from wagtail.models import GroupPagePermission, Page

from recap.events.models import EventIndexPage, EventPage, SessionPage
from recap.speakers.models import Speaker
from tests.factories import EventIndexPageFactory, SessionPageFactory, SpeakerFactory, add_speaker

pytestmark = pytest.mark.django_db(transaction=True)

PANEL = "Who owns social media at work?"


@pytest.fixture
def editor(django_user_model):
    """An editor who may add, edit and publish events and add speakers."""
    index = EventIndexPageFactory()
    editors = Group.objects.get(name="Editors")
    GroupPagePermission.objects.get_or_create(
        group=editors,
        page=Page.objects.get(pk=index.pk),
        permission=Permission.objects.get(codename="publish_page"),
    )
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="recap_speakers",
            codename__in=["add_speaker", "change_speaker", "view_speaker"],
        )
    )
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw-editor-1")
    user.groups.add(editors)
    SpeakerFactory(name="Ben Asante")
    SpeakerFactory(name="Chloe Wu")
    return user


def fill_time(page, name, value):
    """Type a time, and close the date picker that opened over the page."""
    page.locator(f"#id_{name}").fill(value)
    page.locator(f"#id_{name}").press("Escape")
    page.locator("#id_title").click()


def publish(page):
    page.locator("footer").locator('[data-w-dropdown-target="toggle"]').last.click()
    page.get_by_role("button", name="Publish").click()


def test_editor_builds_a_panel_fixes_a_clash_and_publishes(live_server, page, editor):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-editor-1")
    page.get_by_role("button", name="Sign in").click()

    # The event.
    index = EventIndexPage.objects.get()
    page.goto(f"{live_server.url}/admin/pages/add/recap_events/eventpage/{index.pk}/")
    page.locator("#id_title").fill("Social Media Day")
    page.locator("#id_title").press("Tab")
    fill_time(page, "start", "2030-06-03 09:00")
    fill_time(page, "end", "2030-06-03 17:30")
    publish(page)
    expect(page.get_by_text("Page 'Social Media Day' created and published.")).to_be_visible()
    event = EventPage.objects.get(title="Social Media Day")
    # A colleague's keynote (or an import) already books Ben Asante at 10:00.
    keynote = SessionPageFactory(
        parent=event,
        title="Opening keynote",
        start=event.start + dt.timedelta(hours=1),
        end=event.start + dt.timedelta(hours=2),
    )
    add_speaker(keynote, Speaker.objects.get(name="Ben Asante"))

    # The panel, at the same time.
    page.goto(f"{live_server.url}/admin/pages/add/recap_events/sessionpage/{event.pk}/")
    page.locator("#id_title").fill(PANEL)
    page.locator("#id_title").press("Tab")
    page.locator("#id_kind").select_option("panel")
    fill_time(page, "start", "2030-06-03 10:00")
    fill_time(page, "end", "2030-06-03 11:00")

    # Several speakers in one go: a pick survives a new search, and a new
    # speaker created from the chooser joins them.
    page.locator("#id_speaker_links-OPEN_MODAL").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("checkbox", name="Ben Asante", exact=True).check()
    modal.get_by_label("Search term").fill("Chloe")
    expect(modal.get_by_role("checkbox", name="Ben Asante", exact=True)).to_have_count(0)
    modal.get_by_role("checkbox", name="Chloe Wu", exact=True).check()
    expect(modal.locator("[data-recap-picks]")).to_contain_text("Ben Asante")
    modal.get_by_role("tab", name="Create").click()
    modal.locator("#id_new_speaker-name").fill("Ada Okafor")
    modal.locator("#id_new_speaker-name").press("Tab")
    expect(modal.locator("#id_new_speaker-slug")).to_have_value("ada-okafor")
    modal.locator("#id_new_speaker-organisation").fill("Northwind Comms")
    modal.get_by_role("button", name="Create").click()
    expect(modal).to_have_count(0)
    speakers = page.locator("#id_speaker_links-FORMS")
    for name in ("Ben Asante", "Chloe Wu", "Ada Okafor"):
        expect(speakers).to_contain_text(name)
    page.locator("#id_speaker_links-2-role").select_option("moderator")
    page.get_by_role("button", name="Save draft").click()

    # The clash shows in the editor; saving was not blocked.
    checks = page.locator("[data-recap-programme-checks]")
    expect(checks).to_contain_text("Ben Asante is booked in two sessions at the same time:")
    expect(checks.get_by_role("link", name="Opening keynote")).to_be_visible()

    # Fixed: an hour later, the warning is gone; publish.
    fill_time(page, "start", "2030-06-03 11:00")
    fill_time(page, "end", "2030-06-03 12:00")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Page '" + PANEL + "' has been updated.")).to_be_visible()
    expect(page.locator("[data-recap-programme-checks]")).to_have_count(0)
    publish(page)
    expect(page.get_by_text(f"Page '{PANEL}' has been published.")).to_be_visible()

    panel = SessionPage.objects.get(title=PANEL)
    assert panel.live
    links = list(panel.speaker_links.order_by("sort_order").values_list("speaker__name", "role"))
    assert links == [
        ("Ben Asante", "panellist"),
        ("Chloe Wu", "panellist"),
        ("Ada Okafor", "moderator"),
    ]
    assert Speaker.objects.get(name="Ada Okafor").slug == "ada-okafor"
