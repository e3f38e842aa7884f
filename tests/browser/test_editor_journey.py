"""The editor's day, second round (issue 22), in Chromium: an Editor (not a
superuser) adds a research link to a write-up from the resource chooser's
"Create" tab, finds it marked as already chosen when the chooser opens
again, saves while autosave runs (no 500), and submits the write-up to
moderation; a Moderator approves and it is published."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from recap.resources.models import Resource
from recap.writeups.models import WriteUpPage, WriteUpResource
from tests.factories import WriteUpPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

LINK_TITLE = "Trust in the workplace, 2026"


@pytest.fixture
def people(django_user_model):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw-editor-1")
    editor.groups.add(Group.objects.get(name="Editors"))
    moderator = django_user_model.objects.create_user("mo", "mo@example.org", "pw-moderator-1")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return editor, moderator


@pytest.fixture
def draft():
    writeup = WriteUpPageFactory(title="What the panel said about trust")
    writeup.unpublish()
    writeup.save_revision()
    return writeup


def sign_in(page, live_server, username, password):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#wagtail-sidebar, .sidebar").first).to_be_attached()


def test_editor_creates_a_resource_in_the_chooser_saves_during_autosave_and_it_is_published(
    live_server, page, new_page, people, draft
):
    errors = []
    page.on("response", lambda r: errors.append(r.url) if r.status >= 500 else None)
    sign_in(page, live_server, "ed", "pw-editor-1")
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    page.get_by_role("tab", name="Coverage").click()

    # A research link not in the library yet: made in the chooser.
    page.locator("#id_resource_links-OPEN_MODAL").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("tab", name="Create").click()
    modal.locator("#id_new_resource-title").fill(LINK_TITLE)
    modal.locator("#id_new_resource-kind").select_option("research")
    modal.locator("#id_new_resource-url").fill("https://research.example.org/trust-2026")
    modal.locator("form[data-chooser-modal-creation-form]").get_by_role(
        "button", name="Create"
    ).click()
    expect(modal).to_have_count(0)
    resource = Resource.objects.get(title=LINK_TITLE)
    expect(page.locator("#panel-child-coverage-resources-section")).to_contain_text(LINK_TITLE)

    # Opened again, the chooser marks it as chosen: it cannot be picked twice.
    page.locator("#id_resource_links-OPEN_MODAL").click()
    row = page.locator(".modal-content tr", has_text=LINK_TITLE)
    expect(row).to_contain_text("Already chosen")
    expect(row.locator("input[data-multiple-choice-select]")).to_be_disabled()
    page.locator(".modal [data-dismiss='modal']").first.click()
    expect(page.locator(".modal-content")).to_have_count(0)

    # Save draft at once, while autosave may be posting the same new row.
    page.locator("footer").get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("has been updated")).to_be_visible()
    assert errors == []
    assert list(WriteUpResource.objects.filter(page=draft).values_list("resource", flat=True)) == [
        resource.pk
    ]

    # Through moderation: the Editor submits, a Moderator approves.
    page.locator("footer").locator('[data-w-dropdown-target="toggle"]').last.click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    expect(page.get_by_text("has been submitted for moderation")).to_be_visible()

    moderator = new_page()
    moderator.on("response", lambda r: errors.append(r.url) if r.status >= 500 else None)
    sign_in(moderator, live_server, "mo", "pw-moderator-1")
    moderator.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    approve = moderator.locator("footer [data-workflow-action-name='approve']").first
    if not approve.is_visible():
        moderator.locator("footer").locator('[data-w-dropdown-target="toggle"]').last.click()
    assert approve.count(), moderator.locator("footer").inner_text()
    approve.click()
    # Approving the last task publishes, and goes back to the explorer.
    moderator.wait_for_url(lambda url: "/edit/" not in url)

    published = WriteUpPage.objects.get(pk=draft.pk)
    assert published.live
    assert [link.resource_id for link in published.resource_links.all()] == [resource.pk]
    assert errors == []
