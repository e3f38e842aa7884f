"""The speaker chooser's "Create" tab and the speaker's optional slug: a new
speaker from a session's editor without leaving it, its slug made from the
name (unique), picks made before creating kept."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from lxml import html as lxml_html

from recap.speakers.models import Speaker
from tests.factories import SessionPageFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

CHOOSE_URL = "wagtailsnippetchoosers_recap_speakers_speaker:choose"
CREATE_URL = "wagtailsnippetchoosers_recap_speakers_speaker:create"


def modal_json(response):
    assert response.status_code == 200
    return json.loads(response.content)


def test_speaker_chooser_has_a_create_tab_with_the_speakers_fields(admin_client):
    data = modal_json(admin_client.get(reverse(CHOOSE_URL), {"multiple": "1"}))

    tree = lxml_html.fromstring(data["html"])
    tabs = [tab.text_content().split()[0] for tab in tree.xpath('//*[@role="tab"]')]
    assert tabs == ["Search", "Create"]
    form = tree.xpath("//form[@data-chooser-modal-creation-form]")[0]
    fields = {i.get("name"): i for i in form.xpath(".//input")}
    assert {"new_speaker-name", "new_speaker-slug", "new_speaker-organisation"} <= set(fields)
    assert fields["new_speaker-slug"].get("required") is None
    # The name fills the slug live (Wagtail's sync and slug controllers).
    assert "w-sync" in fields["new_speaker-name"].get("data-controller")
    assert fields["new_speaker-name"].get("data-w-sync-target-value") == "#id_new_speaker-slug"
    assert fields["new_speaker-slug"].get("data-controller") == "w-slug"


def test_creating_a_speaker_from_the_chooser_without_a_slug_makes_one(admin_client):
    response = admin_client.post(
        reverse(CREATE_URL),
        {"new_speaker-name": "Ada Okafor", "new_speaker-organisation": "Northwind"},
    )

    data = modal_json(response)
    speaker = Speaker.objects.get(name="Ada Okafor")
    assert speaker.slug == "ada-okafor"
    assert data["step"] == "chosen"
    assert data["result"]["id"] == str(speaker.pk)
    assert data["result"]["string"] == "Ada Okafor"


def test_a_namesakes_slug_filled_from_the_name_gets_a_suffix(admin_client):
    SpeakerFactory(name="Ada Okafor", slug="ada-okafor")

    admin_client.post(
        reverse(CREATE_URL) + "?multiple=1",
        {"new_speaker-name": "Ada Okafor", "new_speaker-slug": "ada-okafor"},
    )

    assert Speaker.objects.filter(name="Ada Okafor").order_by("pk").last().slug == "ada-okafor-2"


def test_a_slug_typed_by_hand_that_is_taken_is_refused(admin_client):
    SpeakerFactory(name="Someone Else", slug="ada")

    data = modal_json(
        admin_client.post(
            reverse(CREATE_URL), {"new_speaker-name": "Ada Okafor", "new_speaker-slug": "ada"}
        )
    )

    assert data["step"] == "reshow_creation_form"
    assert "already exists" in data["htmlFragment"]
    assert not Speaker.objects.filter(name="Ada Okafor").exists()


def test_creating_in_a_multiple_chooser_returns_the_earlier_picks_too(admin_client):
    first, second = SpeakerFactory(name="Ben Asante"), SpeakerFactory(name="Chloe Wu")

    data = modal_json(
        admin_client.post(
            reverse(CREATE_URL) + "?multiple=1",
            {"new_speaker-name": "Ada Okafor", "picked": [str(second.pk), str(first.pk)]},
        )
    )

    assert [item["string"] for item in data["result"]] == ["Chloe Wu", "Ben Asante", "Ada Okafor"]


def test_chooser_create_is_refused_without_the_add_permission(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="x")
    group = Group.objects.create(name="Admin only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)

    response = client.post(reverse(CREATE_URL), {"new_speaker-name": "Ada Okafor"})

    assert response.status_code in (302, 403)
    assert not Speaker.objects.filter(name="Ada Okafor").exists()


def test_speaker_added_in_the_snippet_editor_without_a_slug_is_saved(admin_client):
    url = reverse("wagtailsnippets_recap_speakers_speaker:add")
    html = admin_client.get(url).content.decode()
    assert 'data-w-sync-target-value="#id_slug"' in html  # the name fills the slug live

    response = admin_client.post(url, {"name": "Dara Ncube", "slug": ""})

    assert response.status_code == 302
    assert Speaker.objects.get(name="Dara Ncube").slug == "dara-ncube"


def test_renaming_a_speaker_does_not_move_their_address_live(admin_client):
    speaker = SpeakerFactory(name="Ada Okafor", slug="ada-okafor")
    url = reverse("wagtailsnippets_recap_speakers_speaker:edit", args=[speaker.pk])

    html = admin_client.get(url).content.decode()

    name_input = lxml_html.fromstring(html).xpath('//input[@name="name"]')[0]
    assert "w-sync#apply" not in (name_input.get("data-action") or "")


def test_session_editor_loads_the_script_that_keeps_chooser_picks(admin_client):
    session = SessionPageFactory()

    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[session.pk])).content.decode()

    assert "recap_core/chooser-picks.js" in html


def test_a_search_that_finds_no_speaker_says_speakers(admin_client):
    SpeakerFactory(name="Ada Okafor")

    response = admin_client.get(
        reverse("wagtailsnippetchoosers_recap_speakers_speaker:choose_results"), {"q": "Zebulon"}
    )

    page = response.content.decode()
    assert "Sorry, no speakers match “<em>Zebulon</em>”." in page
    assert "snippets" not in page
