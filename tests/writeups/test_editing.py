"""Editing write-ups in the admin: the video block never blocks saving, and
an abandoned draft never blocks a new write-up with the same title."""

import json
from unittest import mock

import pytest
from django.urls import reverse
from lxml import html as lxml_html
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.test.utils.form_data import querydict_from_html

from recap.writeups.models import WriteUpPage
from tests.factories import EventPageFactory, WriteUpIndexPageFactory, WriteUpPageFactory
from tests.page_editing import edit_form

pytestmark = pytest.mark.django_db

GET_EMBED = "wagtail.embeds.embeds.get_embed"


def add_form(client, index):
    url = reverse("wagtailadmin_pages:add", args=["recap_writeups", "writeuppage", index.pk])
    return url, querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")


def with_video(data, url, title):
    data.update(
        {
            "body-count": "1",
            "body-0-type": "video",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "video-1",
            "body-0-value-video": url,
            "body-0-value-title": title,
            "body-0-value-caption": "",
        }
    )
    return data


@pytest.mark.parametrize(
    "failure",
    [EmbedNotFoundException("no provider"), OSError("provider unreachable")],
    ids=["no-provider", "unreachable"],
)
@pytest.mark.parametrize(
    "video_url", ["https://video.example.org/ceo-on-social", "https://example.org/clip.mp4"]
)
def test_video_that_cannot_be_embedded_saves_and_shows_a_link_card(
    editor_client, client, failure, video_url
):
    writeup = WriteUpPageFactory()
    url, data = edit_form(editor_client, writeup)
    data = with_video(data, video_url, "The CEO on social media")
    data["action-publish"] = "action-publish"

    with mock.patch(GET_EMBED, side_effect=failure):
        response = editor_client.post(url, data)
        page = client.get(WriteUpPage.objects.get(pk=writeup.pk).url)

    assert response.status_code == 302
    stored = WriteUpPage.objects.get(pk=writeup.pk).body.raw_data[0]["value"]
    assert stored["video"] == video_url
    link = lxml_html.fromstring(page.content).xpath('//figure[@class="block-video"]//a')[0]
    assert link.get("href") == video_url and link.text == "The CEO on social media"


def test_video_that_cannot_be_embedded_can_be_previewed(editor_client):
    writeup = WriteUpPageFactory()
    _, data = edit_form(editor_client, writeup)
    data = with_video(data, "https://example.org/clip.mp4", "The CEO on social media")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[writeup.pk])

    with mock.patch(GET_EMBED, side_effect=EmbedNotFoundException("no provider")):
        posted = editor_client.post(preview_url, data)
        shown = editor_client.get(preview_url)

    assert json.loads(posted.content)["is_valid"] is True
    assert "The CEO on social media" in shown.content.decode()


def test_video_url_must_still_be_an_address(editor_client):
    writeup = WriteUpPageFactory()
    url, data = edit_form(editor_client, writeup)
    data = with_video(data, "not a url", "The CEO on social media")

    with mock.patch(GET_EMBED, side_effect=EmbedNotFoundException("no provider")):
        response = editor_client.post(url, data)

    assert response.status_code == 200
    assert len(WriteUpPage.objects.get(pk=writeup.pk).body) == 0


def abandoned_draft(index, title):
    draft = WriteUpPage(title=title, slug="what-the-panel-said", live=False)
    index.add_child(instance=draft)
    draft.save_revision()
    return draft


def new_writeup(client, index, title, action="action-publish"):
    url, data = add_form(client, index)
    data.update({"title": title, "slug": "what-the-panel-said", "body-count": "0", action: action})
    return client.post(url, data, follow=True)


def test_new_writeup_with_an_abandoned_drafts_title_gets_a_suffixed_slug(editor_client):
    index = WriteUpIndexPageFactory()
    draft = abandoned_draft(index, "What the panel said")

    response = new_writeup(editor_client, index, "What the panel said")

    new = WriteUpPage.objects.exclude(pk=draft.pk).get(title="What the panel said")
    assert new.live and new.slug == "what-the-panel-said-1"
    assert WriteUpPage.objects.get(pk=draft.pk).slug == "what-the-panel-said"
    html = response.content.decode()
    assert "already a draft" in html and "what-the-panel-said-1" in html
    assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in html


def test_new_writeup_with_a_published_writeups_slug_is_still_refused(editor_client):
    index = WriteUpIndexPageFactory()
    WriteUpPageFactory(parent=index, title="What the panel said")

    response = new_writeup(editor_client, index, "What the panel said")

    assert "already in use" in response.content.decode()
    assert WriteUpPage.objects.filter(title="What the panel said").count() == 1


def test_editor_covers_two_events_in_one_writeup(editor_client):
    conference, evening = EventPageFactory(), EventPageFactory()
    writeup = WriteUpPageFactory()
    url, data = edit_form(editor_client, writeup)
    data.update(
        {
            "event_links-TOTAL_FORMS": "2",
            "event_links-INITIAL_FORMS": "0",
            "event_links-0-event": str(conference.pk),
            "event_links-0-ORDER": "1",
            "event_links-1-event": str(evening.pk),
            "event_links-1-ORDER": "2",
            "action-publish": "action-publish",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302
    stored = WriteUpPage.objects.get(pk=writeup.pk)
    assert [event.pk for event in stored.covered_events()] == [conference.pk, evening.pk]


def test_sessions_covered_chooser_opens_inside_the_covered_event(editor_client):
    event = EventPageFactory()
    writeup = WriteUpPageFactory(event=event)

    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[writeup.pk])).content
    html = html.decode()

    assert "recap.writeups.SessionChooser" in html
    assert f"&quot;parentId&quot;: {event.pk}" in html or f'"parentId": {event.pk}' in html
    assert "recap_writeups/session-chooser.js" in html


def test_events_covered_chooser_opens_at_the_events_index(editor_client):
    """Not at the root (issue 22), where a site with a French tree has to
    find the events again for every write-up."""
    event = EventPageFactory()
    index = event.get_parent()
    writeup = WriteUpPageFactory()

    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[writeup.pk])).content
    html = html.decode()

    # The write-up covers no event yet: the only chooser with a start is the
    # events chooser's.
    assert f"&quot;parentId&quot;: {index.pk}" in html or f'"parentId": {index.pk}' in html
