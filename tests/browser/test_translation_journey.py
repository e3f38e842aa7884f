"""A Moderator translates an event into French with its sessions (issue 22):
"Translate" on the event, French, the whole subtree; publishes the French
event; its public programme shows its sessions at once."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from recap.events.models import EventPage
from tests.factories import EventIndexPageFactory, EventPageFactory, SessionPageFactory
from tests.translating import french

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def conference(django_user_model):
    index = EventIndexPageFactory(title="Events")
    index.copy_for_translation(french(), copy_parents=True).save_revision().publish()
    event = EventPageFactory(parent=index, title="Social Media Day")
    for title in ("Opening panel", "Measuring reach"):
        SessionPageFactory(parent=event, title=title, revision=True)
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw-moderator-1")
    user.groups.add(Group.objects.get(name="Moderators"))
    return event


def test_moderator_translates_an_event_and_its_french_programme_shows(
    live_server, page, conference
):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("mod")
    page.get_by_label("Password").fill("pw-moderator-1")
    page.get_by_role("button", name="Sign in").click()

    page.goto(live_server.url + f"/admin/pages/{conference.pk}/edit/")
    page.locator("header").get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Translate").click()
    page.locator('input[name="locales"]').check()  # the one other locale: French
    expect(page.get_by_text(re.compile("Include subtree"))).to_be_visible()
    page.locator("#id_include_subtree").check()
    page.get_by_role("button", name="Submit").click()

    expect(page.get_by_text("successfully created")).to_be_visible()
    page.locator("#id_title").fill("Journée des réseaux sociaux")
    page.locator("footer").locator('[data-w-dropdown-target="toggle"]').last.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()

    french_event = EventPage.objects.get(
        locale=french(), translation_key=conference.translation_key
    )
    assert french_event.live
    page.goto(live_server.url + french_event.url)
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Journée des réseaux sociaux")
    expect(main.get_by_role("link", name="Opening panel").first).to_be_visible()
    expect(main.get_by_role("link", name="Measuring reach").first).to_be_visible()
    expect(main).not_to_contain_text("pas encore été publié")
