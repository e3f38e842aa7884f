"""Saving a write-up never answers 500, whatever the order of autosave, "Save
draft" and "Publish" (issue 22): a form posted again with the same new rows,
before autosave's ids reached the page, updates them instead of inserting
them twice; a resource or person picked twice is kept once, with a plain
message."""

import pytest

from recap.writeups.models import WriteUpResource, WriteUpSpeaker
from tests.factories import ResourceFactory, SpeakerFactory, WriteUpPageFactory
from tests.page_editing import AUTOSAVE, draft, edit_form

pytestmark = pytest.mark.django_db


def with_new_rows(data, relation, field, values):
    """`values` added as new chooser rows (no ids), as the chooser adds them."""
    data = data.copy()
    data[f"{relation}-TOTAL_FORMS"] = str(len(values))
    data[f"{relation}-INITIAL_FORMS"] = "0"
    for index, value in enumerate(values):
        data[f"{relation}-{index}-{field}"] = str(value)
        data[f"{relation}-{index}-ORDER"] = str(index + 1)
        data[f"{relation}-{index}-id"] = ""
        data[f"{relation}-{index}-DELETE"] = ""
    return data


def stored_resources(page):
    return list(
        WriteUpResource.objects.filter(page=page)
        .order_by("sort_order")
        .values_list("resource_id", flat=True)
    )


@pytest.mark.parametrize("second", ["save", "publish"])
def test_save_after_autosave_with_the_same_new_resources_does_not_crash(editor_client, second):
    writeup = draft(WriteUpPageFactory())
    resources = [ResourceFactory() for _ in range(4)]
    url, data = edit_form(editor_client, writeup)
    data = with_new_rows(data, "resource_links", "resource", [r.pk for r in resources])

    autosave = editor_client.post(url, data, **AUTOSAVE)
    assert autosave.status_code == 200
    assert autosave.json()["success"] is True
    # "Save draft" (or "Publish") posted before autosave's ids came back:
    # the same four rows again, without ids.
    if second == "publish":
        data["action-publish"] = "action-publish"
    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert stored_resources(writeup) == [r.pk for r in resources]


def test_autosave_after_save_with_the_same_new_resources_does_not_crash(editor_client):
    writeup = draft(WriteUpPageFactory())
    resources = [ResourceFactory() for _ in range(2)]
    url, data = edit_form(editor_client, writeup)
    data = with_new_rows(data, "resource_links", "resource", [r.pk for r in resources])

    assert editor_client.post(url, data).status_code == 302
    _url, fresh = edit_form(editor_client, writeup)
    # The autosave that was already on its way carries the rows without ids.
    data["loaded_revision_id"] = fresh["loaded_revision_id"]
    data["loaded_revision_created_at"] = fresh["loaded_revision_created_at"]
    autosave = editor_client.post(url, data, **AUTOSAVE)

    assert autosave.status_code == 200
    assert autosave.json()["success"] is True
    assert stored_resources(writeup) == [r.pk for r in resources]


def test_reordered_rows_posted_again_keep_the_new_order(editor_client):
    writeup = draft(WriteUpPageFactory())
    first, second = ResourceFactory(), ResourceFactory()
    url, data = edit_form(editor_client, writeup)
    editor_client.post(url, with_new_rows(data, "resource_links", "resource", [first.pk]))

    response = editor_client.post(
        url, with_new_rows(data, "resource_links", "resource", [second.pk, first.pk])
    )

    assert response.status_code == 302
    assert stored_resources(writeup) == [second.pk, first.pk]


def test_a_resource_picked_twice_is_kept_once_with_a_plain_message(editor_client):
    writeup = draft(WriteUpPageFactory())
    resource = ResourceFactory(title="Trust barometer 2026")
    url, data = edit_form(editor_client, writeup)
    data = with_new_rows(data, "resource_links", "resource", [resource.pk, resource.pk])

    response = editor_client.post(url, data, follow=True)

    assert response.status_code == 200
    assert stored_resources(writeup) == [resource.pk]
    page = response.content.decode()
    assert "Please correct the duplicate data" not in page
    assert "“Trust barometer 2026” was chosen more than once; it is kept once." in page


def test_a_person_picked_twice_on_publish_is_kept_once(editor_client):
    writeup = draft(WriteUpPageFactory())
    person = SpeakerFactory(name="Camille Roche")
    url, data = edit_form(editor_client, writeup)
    data = with_new_rows(data, "speaker_links", "speaker", [person.pk, person.pk])
    data["action-publish"] = "action-publish"

    response = editor_client.post(url, data, follow=True)

    assert response.status_code == 200
    assert list(
        WriteUpSpeaker.objects.filter(page=writeup).values_list("speaker_id", flat=True)
    ) == [person.pk]
    assert "“Camille Roche” was chosen more than once" in response.content.decode()
