"""Merging namesakes (issue 22): the merge chooser leaves out the record
being merged and tells namesakes apart (job title, organisation, last
event); creating a likely duplicate warns; the review gives public
addresses; the message names a shared name once."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from lxml import html as lxml_html
from wagtail.test.utils.form_data import querydict_from_html

from recap.speakers.models import Speaker
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    add_speaker,
)

pytestmark = pytest.mark.django_db

CHOOSE_URL = "wagtailsnippetchoosers_recap_speakers_speaker:choose"
RESULTS_URL = "wagtailsnippetchoosers_recap_speakers_speaker:choose_results"
MERGE_URL = "wagtailsnippets_recap_speakers_speaker:merge"


def chooser_rows(html):
    tree = lxml_html.fromstring(html)
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("./td")]
        for row in tree.xpath("//table//tbody/tr")
    ]


def merge_chooser_url(client, speaker):
    html = client.get(reverse(MERGE_URL, args=[speaker.pk])).content.decode()
    match = re.search(r'data-w-chooser-url-value="([^"]+)"', html) or re.search(
        r'data-chooser-url="([^"]+)"', html
    )
    assert match, "the merge form has a speaker chooser"
    return match.group(1).replace("&amp;", "&")


@pytest.mark.search_index
def test_the_merge_chooser_leaves_out_the_record_being_merged(admin_client):
    first = SpeakerFactory(name="Sam Carter", slug="sam-carter", organisation="Northwind")
    second = SpeakerFactory(name="Sam Carter", slug="sam-carter-2", organisation="Contoso")

    url = merge_chooser_url(admin_client, second)
    data = json.loads(admin_client.get(url).content)
    searched = admin_client.get(
        reverse(RESULTS_URL), {"q": "Sam", "exclude": str(second.pk)}
    ).content.decode()

    rows = chooser_rows(data["html"])
    assert [row[0] for row in rows] == ["Sam Carter"]
    assert "Northwind" in rows[0] and "Contoso" not in " ".join(rows[0])
    assert "Contoso" not in searched and "Northwind" in searched
    assert first.pk != second.pk


def test_chooser_rows_tell_namesakes_apart(admin_client, django_assert_max_num_queries):
    older = EventPageFactory(title="Comms Camp", start=dt.datetime(2025, 5, 1, 9, tzinfo=dt.UTC))
    newer = EventPageFactory(title="IC Summit", start=dt.datetime(2026, 3, 28, 9, tzinfo=dt.UTC))
    one = SpeakerFactory(
        name="Sam Carter", slug="sam-carter", job_title="Head of comms", organisation="Northwind"
    )
    SpeakerFactory(
        name="Sam Carter", slug="sam-carter-2", job_title="Analyst", organisation="Contoso"
    )
    add_speaker(SessionPageFactory(parent=older, start=older.start, end=older.end), one)
    add_speaker(SessionPageFactory(parent=newer, start=newer.start, end=newer.end), one)

    rows = chooser_rows(json.loads(admin_client.get(reverse(CHOOSE_URL)).content)["html"])

    assert ["Sam Carter", "Head of comms", "Northwind", "IC Summit (2026)"] in rows
    assert ["Sam Carter", "Analyst", "Contoso", ""] in rows


@pytest.mark.parametrize("count", [2, 8])
def test_chooser_rows_cost_the_same_queries_at_two_sizes(
    admin_client, django_assert_max_num_queries, count
):
    event = EventPageFactory()
    for number in range(count):
        speaker = SpeakerFactory(name=f"Person {number}")
        add_speaker(SessionPageFactory(parent=event), speaker)
    admin_client.get(reverse(CHOOSE_URL))  # the session and user, once

    with django_assert_max_num_queries(14):
        response = admin_client.get(reverse(CHOOSE_URL))

    assert len(chooser_rows(json.loads(response.content)["html"])) == count


def create_speaker(client, name):
    url = reverse("wagtailsnippets_recap_speakers_speaker:add")
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    data.update({"name": name, "slug": ""})
    return client.post(url, data, follow=True)


def test_creating_a_namesake_saves_it_and_warns_with_a_link(admin_client):
    existing = SpeakerFactory(name="Sam Carter", job_title="", organisation="Northwind")

    response = create_speaker(admin_client, "sam  carter")

    created = Speaker.objects.exclude(pk=existing.pk).get()
    page = response.content.decode()
    assert created.name.lower().split() == ["sam", "carter"]
    assert "There is already a speaker named “Sam Carter” (Northwind)." in page
    assert reverse(MERGE_URL, args=[created.pk]) in page


def test_creating_a_new_name_does_not_warn(admin_client):
    SpeakerFactory(name="Sam Carter")

    response = create_speaker(admin_client, "Ada Okafor")

    assert "There is already a speaker" not in response.content.decode()


def test_the_review_gives_public_addresses_and_the_message_names_a_namesake_once(admin_client):
    SpeakerIndexPageFactory()
    keep = SpeakerFactory(name="Sam Carter", slug="sam-carter")
    duplicate = SpeakerFactory(name="Sam Carter", slug="sam-carter-2")
    url = reverse(MERGE_URL, args=[duplicate.pk])

    review = admin_client.post(url, {"target": keep.pk}).content.decode()
    merged = admin_client.post(url, {"target": keep.pk, "confirm": "yes"}, follow=True)

    assert "http://testserver/speakers/sam-carter-2/" in review
    assert "(sam-carter-2)" not in review and " /sam-carter-2/ " not in review
    page = merged.content.decode()
    assert "Merged the two records of “Sam Carter”" in page
    assert "into “Sam Carter”" not in page
