"""Saving a session or an event never answers 500, whatever the order of
autosave, "Save draft" and "Publish" (issue 22), and a speaker or resource
picked twice is kept once, with a plain message."""

import pytest

from recap.events.models import EventPage, EventResource, SessionPage, SessionSpeaker
from tests.factories import EventPageFactory, ResourceFactory, SessionPageFactory, SpeakerFactory
from tests.page_editing import AUTOSAVE, draft, edit_form

pytestmark = pytest.mark.django_db


def with_new_rows(data, relation, rows):
    """`rows` (dicts of field values) as new chooser rows, without ids."""
    data = data.copy()
    data[f"{relation}-TOTAL_FORMS"] = str(len(rows))
    data[f"{relation}-INITIAL_FORMS"] = "0"
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{relation}-{index}-{name}"] = str(value)
        data[f"{relation}-{index}-ORDER"] = str(index + 1)
        data[f"{relation}-{index}-id"] = ""
        data[f"{relation}-{index}-DELETE"] = ""
    return data


def stored_speakers(session):
    return list(
        SessionSpeaker.objects.filter(page=session)
        .order_by("sort_order")
        .values_list("speaker_id", "role")
    )


def test_publishing_a_session_after_autosave_with_the_same_speakers(admin_client):
    session = draft(SessionPageFactory(kind="talk"))
    first, second = SpeakerFactory(), SpeakerFactory()
    url, data = edit_form(admin_client, session)
    data = with_new_rows(
        data,
        "speaker_links",
        [{"speaker": first.pk, "role": "speaker"}, {"speaker": second.pk, "role": "chair"}],
    )

    assert admin_client.post(url, data, **AUTOSAVE).json()["success"] is True
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert stored_speakers(session) == [(first.pk, "speaker"), (second.pk, "chair")]
    assert SessionPage.objects.get(pk=session.pk).live


def test_saving_an_event_after_autosave_with_the_same_resources(admin_client):
    event = draft(EventPageFactory())
    resources = [ResourceFactory() for _ in range(3)]
    url, data = edit_form(admin_client, event)
    data = with_new_rows(data, "resource_links", [{"resource": r.pk} for r in resources])

    assert admin_client.post(url, data, **AUTOSAVE).json()["success"] is True
    response = admin_client.post(url, data)

    assert response.status_code == 302
    stored = EventResource.objects.filter(page=event).order_by("sort_order")
    assert [link.resource_id for link in stored] == [r.pk for r in resources]
    assert EventPage.objects.get(pk=event.pk).title == event.title


def test_a_speaker_picked_twice_is_kept_once_with_a_plain_message(admin_client):
    session = SessionPageFactory(kind="talk")
    speaker = SpeakerFactory(name="Nadia Okafor")
    url, data = edit_form(admin_client, session)
    data = with_new_rows(
        data,
        "speaker_links",
        [{"speaker": speaker.pk, "role": "speaker"}, {"speaker": speaker.pk, "role": "chair"}],
    )

    response = admin_client.post(url, data, follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the duplicate data" not in page
    assert "“Nadia Okafor” was chosen more than once; it is kept once." in page
    # Saved as a draft of the live session: the draft has the speaker once.
    draft_session = SessionPage.objects.get(pk=session.pk).get_latest_revision_as_object()
    assert [link.speaker_id for link in draft_session.speaker_links.all()] == [speaker.pk]
