"""A save that read a page before it was published does not take it offline
(recap.core.keep_live): the autosave that was on its way when the editor
clicked "Publish", or a second editor's "Save draft".

The race is reproduced through Wagtail's own edit view: a `before_edit_page`
hook publishes the page after the view has loaded it and before it saves,
as a concurrent "Publish" request does."""

import pytest
from wagtail import hooks

from recap.events.models import SessionPage
from recap.writeups.models import WriteUpPage
from tests.factories import SessionPageFactory, WriteUpPageFactory
from tests.page_editing import AUTOSAVE, draft, edit_form

pytestmark = pytest.mark.django_db


def edited_form(client, page, title):
    """The edit form as the editor's browser posts it, with a new title.
    Without the loaded revision's id, as a form loaded before autosave
    knew it: Wagtail then cannot tell the request is out of date."""
    url, data = edit_form(client, page)
    data["title"] = title
    for name in ("loaded_revision_id", "loaded_revision_created_at"):
        data.pop(name, None)
    return url, data


def published_meanwhile(request, page):
    """What a "Publish" request committed while this one was on its way."""
    type(page).objects.get(pk=page.pk).save_revision().publish()


@pytest.mark.parametrize("factory", [SessionPageFactory, WriteUpPageFactory])
def test_an_autosave_on_its_way_during_publish_keeps_the_page_live(admin_client, factory):
    page = draft(factory(title="Who owns social media at work?"))
    url, data = edited_form(admin_client, page, "Who owns social media?")

    with hooks.register_temporarily("before_edit_page", published_meanwhile):
        response = admin_client.post(url, data, **AUTOSAVE)

    assert response.json()["success"] is True
    stored = type(page).objects.get(pk=page.pk)
    assert stored.live
    assert stored.live_revision_id is not None
    # Readers keep what was published; the autosaved change is the draft.
    assert stored.title == "Who owns social media at work?"
    assert stored.has_unpublished_changes
    assert stored.get_latest_revision_as_object().title == "Who owns social media?"


def test_a_second_editors_save_draft_keeps_the_page_live(admin_client):
    page = draft(SessionPageFactory(title="Measuring reach"))
    url, data = edited_form(admin_client, page, "Measuring reach, again")

    with hooks.register_temporarily("before_edit_page", published_meanwhile):
        response = admin_client.post(url, data)

    assert response.status_code == 302
    stored = SessionPage.objects.get(pk=page.pk)
    assert stored.live
    assert stored.get_latest_revision_as_object().title == "Measuring reach, again"


def test_unpublishing_still_takes_a_published_page_offline():
    page = WriteUpPageFactory()
    page.save_revision().publish()

    WriteUpPage.objects.get(pk=page.pk).unpublish()

    assert not WriteUpPage.objects.get(pk=page.pk).live


def test_a_draft_saved_from_a_fresh_instance_is_written():
    page = draft(SessionPageFactory(title="Opening panel"))

    page.title = "Opening panel, revised"
    page.save()

    assert SessionPage.objects.get(pk=page.pk).title == "Opening panel, revised"


def test_unpublishing_an_instance_whose_revision_was_published_takes_it_offline():
    """The instance in hand never saw the publication (a revision's copy
    did): unpublishing it still works."""
    page = SessionPageFactory()
    page.title = "Renamed"
    page.save_revision().publish()

    page.unpublish()

    assert not SessionPage.objects.get(pk=page.pk).live
