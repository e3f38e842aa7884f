"""What a speaker sends through their link: checked, queued, approved."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from recap.events.models import EventPage, SessionPage
from recap.materials.approval import approve, reject
from recap.materials.models import MaterialSubmission, SubmissionStatus
from recap.resources.models import Resource, ResourceKind
from recap.speakers.models import Speaker
from tests.materials.conftest import form_data, pdf_file, pptx_file

pytestmark = pytest.mark.django_db


def upload(name, content):
    file = io.BytesIO(content)
    file.name = name
    return file


def send(client, url, session, **fields):
    return client.post(url, form_data(session, **fields))


def test_slides_and_recording_wait_for_approval(client, ada_url, panel):
    response = send(
        client,
        ada_url,
        panel,
        slides_file=pdf_file(),
        recording_url="https://video.example/panel",
        link_title_0="Our report",
        link_url_0="https://example.org/report",
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "waits for the organisers" in page
    submission = MaterialSubmission.objects.get()
    assert submission.status == SubmissionStatus.PENDING
    assert submission.slides_document.file.name.endswith(".pdf")
    assert submission.links == [{"title": "Our report", "url": "https://example.org/report"}]
    # Nothing public yet.
    assert not panel.resource_links.exists()
    assert SessionPage.objects.get(pk=panel.pk).recording_url == ""


@pytest.mark.parametrize(
    "name, content",
    [
        ("slides.pdf", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        ("slides.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("slides.pdf", b"#!/bin/sh\necho hi\n"),
        ("slides.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    ],
)
def test_disguised_files_are_refused(client, ada_url, panel, name, content):
    response = send(client, ada_url, panel, slides_file=upload(name, content))

    assert response.status_code == 400
    assert "Send slides as a PDF" in response.content.decode()
    assert not MaterialSubmission.objects.exists()


def test_a_presentation_zip_is_accepted_by_its_content(client, ada_url, panel):
    response = send(client, ada_url, panel, slides_file=pptx_file("deck.bin"))

    assert response.status_code == 302
    assert MaterialSubmission.objects.get().slides_document.file.name.endswith(".pptx")


@override_settings(RECAP_SPEAKER_UPLOAD_MAX_BYTES=20)
def test_too_large_a_file_is_refused(client, ada_url, panel):
    response = send(client, ada_url, panel, slides_file=pdf_file())

    assert response.status_code == 400
    assert "too large" in response.content.decode()


def refuse_everything(upload):
    raise ValidationError("The virus scanner refused this file.")


@override_settings(RECAP_UPLOAD_SCANNER="tests.materials.test_submissions.refuse_everything")
def test_the_scanner_hook_can_refuse_a_file(client, ada_url, panel):
    response = send(client, ada_url, panel, slides_file=pdf_file())

    assert response.status_code == 400
    assert "The virus scanner refused this file." in response.content.decode()


@override_settings(RECAP_SPEAKER_UPLOAD_RATES={"link": "2/h"})
def test_sending_is_rate_limited(client, ada_url, panel):
    for _ in range(2):
        assert send(client, ada_url, panel, recording_url="https://v.example/1").status_code == 302

    response = send(client, ada_url, panel, recording_url="https://v.example/1")

    assert response.status_code == 429
    assert "Too many sends" in response.content.decode()


def test_an_empty_form_says_what_to_do(client, ada_url, panel):
    response = send(client, ada_url, panel)

    assert response.status_code == 400
    assert "fill in at least one field" in response.content.decode()


def test_approval_publishes_slides_recording_links_and_bio(client, ada_url, panel, ada):
    send(
        client,
        ada_url,
        panel,
        slides_file=pdf_file(),
        recording_url="https://video.example/panel",
        link_title_0="Our report",
        link_url_0="https://example.org/report",
        bio_correction="Ada leads comms.\n\nShe <b>writes</b> too.",
    )

    approve(MaterialSubmission.objects.get())

    session = SessionPage.objects.get(pk=panel.pk)
    assert session.recording_url == "https://video.example/panel"
    resources = {r.kind: r for r in Resource.objects.filter(session_links__page=session)}
    assert set(resources) == {ResourceKind.SLIDES, ResourceKind.LINK}
    assert list(resources[ResourceKind.SLIDES].speakers.all()) == [ada]
    bio = Speaker.objects.get(pk=ada.pk).bio
    assert "<p>Ada leads comms.</p>" in bio
    assert "<b>" not in bio
    page = client.get(session.url).content.decode()
    assert "Slides: Internal comms and social" in page
    assert "Our report" in page
    assert MaterialSubmission.objects.get().status == SubmissionStatus.APPROVED


def test_title_correction_is_a_draft_unless_the_event_publishes_at_once(client, ada_url, panel):
    send(client, ada_url, panel, title_correction="Internal comms meets social media")

    approve(MaterialSubmission.objects.get())

    session = SessionPage.objects.get(pk=panel.pk)
    assert session.title == "Internal comms and social"
    assert session.has_unpublished_changes
    assert session.get_latest_revision_as_object().title == "Internal comms meets social media"


def test_event_that_publishes_at_once_skips_the_queue(client, ada_url, panel, past_event):
    EventPage.objects.filter(pk=past_event.pk).update(publish_speaker_materials=True)

    response = send(
        client,
        ada_url,
        panel,
        slides_url="https://slides.example/ada",
        title_correction="Internal comms meets social media",
    )

    assert "is published" in client.get(response["Location"]).content.decode()
    session = SessionPage.objects.get(pk=panel.pk)
    assert session.title == "Internal comms meets social media"
    assert not session.has_unpublished_changes
    assert session.resource_links.get().resource.url == "https://slides.example/ada"


def test_rejected_materials_are_not_published(client, ada_url, panel):
    send(client, ada_url, panel, slides_url="https://slides.example/ada")

    reject(MaterialSubmission.objects.get())

    assert not panel.resource_links.exists()
    assert MaterialSubmission.objects.get().status == SubmissionStatus.REJECTED


def test_speaker_sees_what_waits(client, ada_url, panel):
    send(client, ada_url, panel, slides_url="https://slides.example/ada")

    page = client.get(ada_url).content.decode()

    assert "What you sent" in page
    assert "Waiting for approval" in page


def test_queue_approves_and_edits(admin_client, client, ada_url, panel):
    send(client, ada_url, panel, slides_url="https://slides.example/ada", recording_url="")
    submission = MaterialSubmission.objects.get()

    queue = admin_client.get("/admin/recap-materials/queue/").content.decode()
    assert "https://slides.example/ada" in queue

    response = admin_client.post(
        f"/admin/recap-materials/queue/{submission.pk}/edit/",
        {
            "slides_title": "Ada's deck",
            "slides_url": "https://slides.example/ada2",
            "action": "approve",
        },
    )

    assert response.status_code == 302
    resource = panel.resource_links.get().resource
    assert (resource.title, resource.url) == ("Ada's deck", "https://slides.example/ada2")


def test_queue_reject_button(admin_client, client, ada_url, panel):
    send(client, ada_url, panel, slides_url="https://slides.example/ada")
    submission = MaterialSubmission.objects.get()

    admin_client.post(f"/admin/recap-materials/queue/{submission.pk}/", {"action": "reject"})

    assert MaterialSubmission.objects.get().status == SubmissionStatus.REJECTED
