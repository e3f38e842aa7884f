"""Admin: write-up pages and the "Recap library" snippets (speakers,
resources, topics), with previews."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from recap.writeups.models import WriteUpPage
from tests.factories import (
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    TopicFactory,
    WriteUpIndexPageFactory,
    WriteUpPageFactory,
    add_speaker,
)

pytestmark = pytest.mark.django_db


def test_writeup_created_through_the_admin_features_session_speakers(admin_client):
    index = WriteUpIndexPageFactory()
    author, panellist = SpeakerFactory(), SpeakerFactory()
    session = SessionPageFactory()
    add_speaker(session, panellist)
    url = reverse("wagtailadmin_pages:add", args=["recap_writeups", "writeuppage", index.pk])
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "What the panel said",
            "slug": "what-the-panel-said",
            "author": str(author.pk),
            "date": "2030-03-09",
            "body-count": "0",
            "session_links-TOTAL_FORMS": "1",
            "session_links-INITIAL_FORMS": "0",
            "session_links-0-session": str(session.pk),
            "session_links-0-ORDER": "1",
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    writeup = WriteUpPage.objects.get(slug="what-the-panel-said")
    assert writeup.live and writeup.author == author and writeup.date == dt.date(2030, 3, 9)
    assert [link.speaker for link in writeup.speaker_links.all()] == [panellist]


def test_writeup_edit_form_has_coverage_tab_with_choosers(admin_client):
    writeup = WriteUpPageFactory()

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[writeup.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for formset in ("session_links", "speaker_links", "resource_links"):
        assert f'id="id_{formset}-TOTAL_FORMS"' in html


@pytest.mark.parametrize(
    ("url_name", "factory", "text"),
    [
        (
            "wagtailsnippets_recap_speakers_speaker:list",
            lambda: SpeakerFactory(name="Ada Quill"),
            "Ada Quill",
        ),
        (
            "wagtailsnippets_recap_resources_resource:list",
            lambda: ResourceFactory(title="Hub research"),
            "Hub research",
        ),
        (
            "wagtailsnippets_recap_resources_topic:list",
            lambda: TopicFactory(name="Internal comms"),
            "Internal comms",
        ),
    ],
)
def test_library_snippet_listings_show_items(admin_client, url_name, factory, text):
    factory()

    response = admin_client.get(reverse(url_name))

    assert response.status_code == 200
    assert text in response.content.decode()


def test_library_menu_groups_speakers_resources_and_topics(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    assert "Recap library" in html
    for url_name in (
        "wagtailsnippets_recap_speakers_speaker:list",
        "wagtailsnippets_recap_resources_resource:list",
        "wagtailsnippets_recap_resources_topic:list",
    ):
        assert reverse(url_name) in html


def test_resource_listing_filters_by_kind(admin_client):
    ResourceFactory(title="A research report", kind="research")
    ResourceFactory(title="A book on hubs", kind="book")

    response = admin_client.get(
        reverse("wagtailsnippets_recap_resources_resource:list") + "?kind=book"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "A book on hubs" in html and "A research report" not in html


def test_speaker_preview_renders_the_public_page(admin_client):
    SpeakerIndexPageFactory()
    speaker = SpeakerFactory(name="Ada Quill")
    url = reverse("wagtailsnippets_recap_speakers_speaker:preview_on_edit", args=[speaker.pk])
    edit_url = reverse("wagtailsnippets_recap_speakers_speaker:edit", args=[speaker.pk])
    data = querydict_from_html(admin_client.get(edit_url).content.decode(), form_id="w-editor-form")
    data["name"] = "Ada Quill-Rivers"

    admin_client.post(url, data)
    response = admin_client.get(url)

    assert response.status_code == 200
    assert "Ada Quill-Rivers" in response.content.decode()
    assert "application/ld+json" in response.content.decode()


def test_resource_preview_renders(admin_client):
    resource = ResourceFactory(title="Hub research", note="Why hubs work")
    url = reverse("wagtailsnippets_recap_resources_resource:preview_on_edit", args=[resource.pk])
    edit_url = reverse("wagtailsnippets_recap_resources_resource:edit", args=[resource.pk])
    data = querydict_from_html(admin_client.get(edit_url).content.decode(), form_id="w-editor-form")

    admin_client.post(url, data)
    response = admin_client.get(url)

    assert response.status_code == 200
    assert (
        "Hub research" in response.content.decode() and "Why hubs work" in response.content.decode()
    )
