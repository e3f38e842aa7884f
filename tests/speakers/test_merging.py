import json

import pytest
from django.urls import reverse
from wagtail.blocks import StreamValue
from wagtail.models import Revision

from recap.events.models import SessionPage, SessionSpeaker
from recap.speakers.merging import MergeRefused, merge_speakers, preview_merge
from recap.speakers.models import Speaker, SpeakerAlias
from recap.writeups.models import WriteUpPage, WriteUpSpeaker
from tests.factories import (
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    WriteUpPageFactory,
    add_speaker,
)

pytestmark = pytest.mark.django_db


def test_merge_moves_session_links_and_keeps_roles():
    keep, duplicate = SpeakerFactory(), SpeakerFactory()
    session = SessionPageFactory()
    add_speaker(session, duplicate, role="moderator")

    merge_speakers(duplicate, keep)

    link = SessionSpeaker.objects.get(page=session)
    assert link.speaker == keep and link.role == "moderator"
    assert not Speaker.objects.filter(pk=duplicate.pk).exists()


def test_merge_drops_a_link_both_records_had_on_one_session():
    keep, duplicate = SpeakerFactory(), SpeakerFactory()
    session = SessionPageFactory()
    add_speaker(session, keep, role="panellist")
    add_speaker(session, duplicate, role="panellist")

    result = merge_speakers(duplicate, keep)

    assert list(SessionSpeaker.objects.filter(page=session).values_list("speaker", flat=True)) == [
        keep.pk
    ]
    assert result.duplicates_dropped == 1


def test_merge_moves_authorship_featuring_and_resources():
    keep, duplicate = SpeakerFactory(), SpeakerFactory()
    written = WriteUpPageFactory(author=duplicate)
    featuring = WriteUpPageFactory()
    WriteUpSpeaker.objects.create(page=featuring, speaker=duplicate)
    resource = ResourceFactory()
    resource.speakers.add(duplicate)
    resource.save()

    merge_speakers(duplicate, keep)

    assert WriteUpPage.objects.get(pk=written.pk).author == keep
    assert list(keep.writeup_links.values_list("page", flat=True)) == [featuring.pk]
    assert list(keep.resources.all()) == [resource]


def test_merge_keeps_old_slugs_as_aliases():
    keep = SpeakerFactory(slug="ada-quill")
    duplicate = SpeakerFactory(slug="ada-quill-2")
    SpeakerAlias.objects.create(slug="a-quill", speaker=duplicate)

    merge_speakers(duplicate, keep)

    assert set(keep.aliases.values_list("slug", flat=True)) == {"ada-quill-2", "a-quill"}


def test_merge_fills_empty_profile_fields_from_the_merged_record():
    keep = SpeakerFactory(job_title="", linkedin_url="")
    duplicate = SpeakerFactory(
        job_title="Director", linkedin_url="https://linkedin.example.org/ada"
    )

    merge_speakers(duplicate, keep)

    keep.refresh_from_db()
    assert keep.job_title == "Director" and keep.linkedin_url == "https://linkedin.example.org/ada"


def test_merge_rewrites_revisions_and_quotes_so_old_drafts_keep_the_link():
    keep, duplicate = SpeakerFactory(), SpeakerFactory()
    session = SessionPageFactory()
    add_speaker(session, duplicate)
    draft = SessionPage.objects.get(pk=session.pk).save_revision()
    writeup = WriteUpPageFactory(author=duplicate)
    writeup.body = StreamValue(
        writeup.body.stream_block,
        [("quote", {"quote": "Hello", "speaker": duplicate, "attribution": ""})],
    )
    writeup.save_revision().publish()

    merge_speakers(duplicate, keep)

    draft.refresh_from_db()
    assert [link["speaker"] for link in draft.content["speaker_links"]] == [keep.pk]
    draft.publish()
    assert SessionSpeaker.objects.get(page=session).speaker == keep
    stored = WriteUpPage.objects.get(pk=writeup.pk)
    assert stored.body[0].value["speaker"] == keep
    latest = Revision.objects.filter(object_id=str(writeup.pk)).order_by("-pk").first()
    assert latest.content["author"] == keep.pk
    body = latest.content["body"]
    body = json.loads(body) if isinstance(body, str) else body
    assert body[0]["value"]["speaker"] == keep.pk


def test_merge_refuses_the_same_record():
    speaker = SpeakerFactory()

    with pytest.raises(MergeRefused):
        merge_speakers(speaker, speaker)


def test_preview_merge_counts_links():
    keep, duplicate = SpeakerFactory(), SpeakerFactory()
    add_speaker(SessionPageFactory(), duplicate)
    add_speaker(SessionPageFactory(), duplicate)
    WriteUpPageFactory(author=duplicate)

    counts = preview_merge(duplicate, keep)

    assert counts["session speakers"] == 2
    assert counts["write-ups"] == 1


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def test_merge_admin_view_asks_for_confirmation_before_merging(admin_client):
    keep = SpeakerFactory(name="Ada Quill")
    duplicate = SpeakerFactory(name="A. Quill")
    add_speaker(SessionPageFactory(), duplicate)
    url = reverse("wagtailsnippets_recap_speakers_speaker:merge", args=[duplicate.pk])

    chooser = admin_client.get(url)
    confirm = admin_client.post(url, {"target": keep.pk})

    assert chooser.status_code == 200 and "Merge" in chooser.content.decode()
    assert confirm.status_code == 200
    assert "1 session speaker" in confirm.content.decode()
    assert Speaker.objects.filter(pk=duplicate.pk).exists()


def test_merge_admin_view_merges_on_confirmation(admin_client):
    SpeakerIndexPageFactory()
    keep = SpeakerFactory(name="Ada Quill", slug="ada-quill")
    duplicate = SpeakerFactory(name="A. Quill", slug="a-quill")
    url = reverse("wagtailsnippets_recap_speakers_speaker:merge", args=[duplicate.pk])

    response = admin_client.post(url, {"target": keep.pk, "confirm": "yes"})

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailsnippets_recap_speakers_speaker:edit", args=[keep.pk]
    )
    assert not Speaker.objects.filter(pk=duplicate.pk).exists()
    assert admin_client.get("/speakers/a-quill/")["Location"] == "/speakers/ada-quill/"


def test_merge_admin_view_is_listed_on_the_speaker_listing(admin_client):
    speaker = SpeakerFactory()

    response = admin_client.get(reverse("wagtailsnippets_recap_speakers_speaker:list"))

    assert (
        reverse("wagtailsnippets_recap_speakers_speaker:merge", args=[speaker.pk])
        in response.content.decode()
    )


def test_merge_admin_view_needs_delete_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", "viewer@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    keep, duplicate = SpeakerFactory(), SpeakerFactory()
    url = reverse("wagtailsnippets_recap_speakers_speaker:merge", args=[duplicate.pk])

    response = client.post(url, {"target": keep.pk, "confirm": "yes"})

    assert response.status_code in (302, 403)
    assert Speaker.objects.filter(pk=duplicate.pk).exists()
