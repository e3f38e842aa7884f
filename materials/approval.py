"""Receiving what a speaker sends, and approving or rejecting it.

Approved slides become a ``Resource`` of kind slides, other links resources
of kind link, each linked to the session (``SessionResource``) and to the
speaker, so they show wherever the session's and the speaker's resources
do. They, and the recording URL, are published with a new revision of the
session. Corrections to the title and abstract become a new revision too:
published when the event publishes speakers' materials at once, else left
as a draft for an editor. A corrected bio is applied to the speaker.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext
from wagtail.documents import get_document_model

from recap.core.versioning import bump_content_version
from recap.events.models import EventPage, SessionPage, SessionResource
from recap.resources.models import Resource, ResourceKind
from recap.speakers.models import Speaker

from .documents import pending_collection, publish_document
from .models import MaterialSubmission, SubmissionStatus


def as_rich_text(text):
    """Plain text typed by a speaker as rich text paragraphs."""
    return linebreaks(escape(text))


def _save_document(upload, title):
    """The upload as a Wagtail document, private until approved (documents.py)."""
    document = get_document_model()(
        title=title[:255] or upload.name, file=upload, collection=pending_collection()
    )
    document.save()
    return document


@transaction.atomic
def receive(link, session, cleaned, user=None):
    """Store what the speaker sent for `session` through `link`; approve it
    at once if the event publishes speakers' materials without waiting."""
    slides_title = cleaned.get("slides_title") or ""
    submission = MaterialSubmission(
        link=link,
        speaker=link.speaker,
        session=session,
        slides_title=slides_title,
        slides_url=cleaned.get("slides_url") or "",
        recording_url=cleaned.get("recording_url") or "",
        links=cleaned.get("links") or [],
        title_correction=cleaned.get("title_correction") or "",
        abstract_correction=cleaned.get("abstract_correction") or "",
        bio_correction=cleaned.get("bio_correction") or "",
    )
    upload = cleaned.get("slides_file")
    if upload:
        title = slides_title or gettext("Slides: %(title)s") % {"title": session.title}
        submission.slides_document = _save_document(upload, title)
    submission.save()
    if link.event.publish_speaker_materials:
        approve(submission)
    return submission


def _new_resources(submission, session):
    speaker = submission.speaker
    made = []
    if submission.has_slides:
        title = submission.slides_title or gettext("Slides: %(title)s") % {"title": session.title}
        made.append(
            Resource(
                title=title[:255],
                kind=ResourceKind.SLIDES,
                url=submission.slides_url,
                document_id=submission.slides_document_id,
                author=speaker.name,
            )
        )
    for item in submission.links:
        made.append(
            Resource(title=item["title"][:255], kind=ResourceKind.LINK, url=item["url"][:500])
        )
    for resource in made:
        resource.save()
        resource.speakers.add(speaker)
        resource.save()
    return made


def _add_media(page, resources, recording_url):
    for resource in resources:
        page.resource_links.add(SessionResource(resource=resource))
    if recording_url:
        page.recording_url = recording_url


def _correct(page, submission):
    if submission.title_correction:
        page.title = submission.title_correction
        page.draft_title = submission.title_correction
    if submission.abstract_correction:
        page.abstract = as_rich_text(submission.abstract_correction)


@transaction.atomic
def approve(submission, user=None):
    """Publish `submission`'s materials (see the module's docstring)."""
    submission = MaterialSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.status == SubmissionStatus.APPROVED:
        return submission
    session = SessionPage.objects.get(pk=submission.session_id)
    event = EventPage.objects.get(pk=session.get_parent().pk)
    auto = event.publish_speaker_materials
    corrects = bool(submission.title_correction or submission.abstract_correction)
    had_draft = session.has_unpublished_changes
    draft = session.get_latest_revision_as_object() if had_draft else None
    if submission.slides_document is not None:
        publish_document(submission.slides_document)
    resources = _new_resources(submission, session)

    if resources or submission.recording_url or (corrects and auto and not had_draft):
        # What the speaker sent goes live now, on top of the published page.
        _add_media(session, resources, submission.recording_url)
        if corrects and auto and not had_draft:
            _correct(session, submission)
        revision = session.save_revision(user=user, log_action=True)
        if session.live:
            revision.publish(user=user)
        session = SessionPage.objects.get(pk=session.pk)
    if draft is not None:
        # An editor's unpublished draft stays theirs, with the materials in it.
        _add_media(draft, resources, submission.recording_url)
        if corrects:
            _correct(draft, submission)
        draft.save_revision(user=user, log_action=True)
    elif corrects and not auto:
        _correct(session, submission)
        session.save_revision(user=user, log_action=True)

    if submission.bio_correction:
        speaker = Speaker.objects.get(pk=submission.speaker_id)
        speaker.bio = as_rich_text(submission.bio_correction)
        speaker.save()
        speaker.save_revision(user=user, log_action=True)

    submission.status = SubmissionStatus.APPROVED
    submission.decided_at = timezone.now()
    submission.decided_by = user
    submission.save(update_fields=["status", "decided_at", "decided_by"])
    bump_content_version()
    return submission


@transaction.atomic
def reject(submission, user=None):
    submission.status = SubmissionStatus.REJECTED
    submission.decided_at = timezone.now()
    submission.decided_by = user
    submission.save(update_fields=["status", "decided_at", "decided_by"])
    return submission
