"""Recordings (issue 23): captions and transcripts, chapters, the licence and
consent in frab, the VideoObject in JSON-LD, and how a session can be
followed (event defaults, labels and filters on the programme)."""

import datetime as dt
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from lxml import etree
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import querydict_from_html

from recap.events import recording
from recap.events.models import SessionChapter, SessionPage
from tests.events.test_frab import XSD_PATH
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    add_speaker,
)

pytestmark = pytest.mark.django_db

CAPTIONS = """WEBVTT

1
00:00:00.000 --> 00:00:04.000
<v Nadia Perrin>Welcome to the panel on intranets.

2
00:01:30.500 --> 00:01:35.000
Who reads the staff newsletter?

NOTE a comment, not a cue

00:02:00.000 --> 00:02:05.000
Questions from the room &amp; online.
"""

VIDEO = "https://www.youtube.com/watch?v=abcdefghijk"


def chapters_of(session, *entries):
    for index, (seconds, title) in enumerate(entries):
        SessionChapter.objects.create(
            page=session, start=dt.timedelta(seconds=seconds), title=title, sort_order=index
        )


def json_ld(response):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1))


# WebVTT and chapters, read


def test_webvtt_cues_are_read_with_times_voices_and_plain_text():
    cues = recording.parse_webvtt(CAPTIONS)

    assert [cue.timestamp for cue in cues] == ["0:00", "1:30", "2:00"]
    assert cues[0].voice == "Nadia Perrin"
    assert cues[0].text == "Welcome to the panel on intranets."
    assert cues[2].text == "Questions from the room & online."


@pytest.mark.parametrize(
    "text",
    ["", "Hello", "WEBVTT\n\n00:01 --> 00:02\nno milliseconds", "WEBVTT\n\n1\nno timing"],
)
def test_bad_webvtt_is_a_validation_error(text):
    with pytest.raises(ValidationError):
        recording.parse_webvtt(text)


def test_chapters_are_read_from_a_youtube_description():
    text = "Our panel.\n\n00:00 Intro\n1:30 - The newsletter\n1:02:03 Questions\nThanks!"

    chapters = recording.parse_chapters(text)

    assert [(c.start.total_seconds(), c.title) for c in chapters] == [
        (0, "Intro"),
        (90, "The newsletter"),
        (3723, "Questions"),
    ]


def test_chapters_are_read_from_webvtt_chapters():
    text = "WEBVTT\n\n00:00.000 --> 01:00.000\nIntro\n\n01:00.000 --> 05:00.000\nDemo\n"

    assert [c.title for c in recording.parse_chapters(text)] == ["Intro", "Demo"]


def test_url_at_opens_each_host_at_the_time():
    assert recording.url_at(VIDEO, 90) == "https://www.youtube.com/watch?v=abcdefghijk&t=90s"
    assert recording.url_at("https://vimeo.com/123", 90) == "https://vimeo.com/123#t=90s"
    assert recording.url_at("/media/documents/talk.mp4", 90) == "/media/documents/talk.mp4#t=90"


# The session page


def test_session_page_shows_chapters_as_links_to_their_moment_and_the_transcript(client):
    session = SessionPageFactory(recording_url=VIDEO, captions_text=CAPTIONS)
    chapters_of(session, (0, "Intro"), (90, "The newsletter"))

    page = client.get(session.url).content.decode()

    assert 'href="https://www.youtube.com/watch?v=abcdefghijk&amp;t=90s"' in page
    assert 'data-recap-seek="90"' in page
    assert "The newsletter" in page
    assert "<summary>Transcript</summary>" in page
    assert "1:30</time></a> Who reads the staff newsletter?" in page
    assert "Nadia Perrin:" in page
    assert "recap_events/recording.js" in page


def test_video_served_by_recap_gets_a_captions_track(client):
    session = SessionPageFactory(
        recording_url="https://media.example.org/panel.webm", captions_text=CAPTIONS, language="fr"
    )

    page = client.get(session.url).content.decode()
    track = client.get(f"{session.url}captions.vtt")

    assert '<source src="https://media.example.org/panel.webm" type="video/webm">' in page
    assert f'<track kind="captions" src="{session.url}captions.vtt" srclang="fr"' in page
    assert track.status_code == 200
    assert track["Content-Type"] == "text/vtt; charset=utf-8"
    assert track.content.decode().startswith("WEBVTT")


def test_captions_file_is_not_found_without_captions(client):
    session = SessionPageFactory()

    assert client.get(f"{session.url}captions.vtt").status_code == 404


def test_captions_uploaded_as_a_document_make_the_transcript():
    document = get_document_model().objects.create(
        title="Captions", file=ContentFile(CAPTIONS.encode(), name="panel.vtt")
    )

    session = SessionPageFactory(captions_document=document)

    assert "Who reads the staff newsletter?" in session.transcript_text
    assert session.captions_vtt.startswith("WEBVTT")


@pytest.mark.search_index
def test_transcript_is_searchable():
    session = SessionPageFactory(captions_text=CAPTIONS)
    SessionPageFactory(parent=session.event, title="Another session")

    found = SessionPage.objects.live().search("newsletter")

    assert [page.pk for page in found] == [session.pk]


def test_licence_and_opt_out_show_on_the_session_page(client):
    event = EventPageFactory(default_recording_licence="CC BY 4.0")
    session = SessionPageFactory(parent=event, recording_url=VIDEO, recording_optout=True)

    page = client.get(session.url).content.decode()

    assert "Licence: CC BY 4.0" in page
    assert "The speakers did not consent to publishing a recording." in page


# The admin


def edit_data(client, session):
    url = reverse("wagtailadmin_pages:edit", args=[session.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, querydict_from_html(response.content.decode(), form_id="page-edit-form")


def test_bad_pasted_webvtt_is_a_form_error_not_a_500(admin_client):
    session = SessionPageFactory()
    url, data = edit_data(admin_client, session)
    data["captions_text"] = "WEBVTT\n\n00:01 --> 00:02\nno milliseconds"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "this timing is not WebVTT" in response.content.decode()
    session.refresh_from_db()
    assert session.captions_text == ""


def test_an_uploaded_file_that_is_not_webvtt_is_a_form_error(admin_client):
    document = get_document_model().objects.create(
        title="Not captions", file=ContentFile(b"%PDF-1.4 nothing here", name="slides.vtt")
    )
    session = SessionPageFactory()
    url, data = edit_data(admin_client, session)
    data["captions_document"] = str(document.pk)

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "A WebVTT file starts with the line" in response.content.decode()


def test_pasted_youtube_timestamps_become_the_chapters(admin_client):
    session = SessionPageFactory(recording_url=VIDEO)
    chapters_of(session, (0, "Old chapter"))
    url, data = edit_data(admin_client, session)
    data["chapters_paste"] = "00:00 Intro\n04:10 The newsletter\n"
    data["action-publish"] = "action-publish"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    session = SessionPage.objects.get(pk=session.pk)
    assert [(c.clock, c.title) for c in session.chapter_list] == [
        ("0:00", "Intro"),
        ("4:10", "The newsletter"),
    ]


def test_pasted_text_without_chapters_is_a_form_error(admin_client):
    session = SessionPageFactory()
    url, data = edit_data(admin_client, session)
    data["chapters_paste"] = "Nothing with a time here"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "No chapters found" in response.content.decode()


# JSON-LD


def test_session_json_ld_has_the_video_with_clips_and_how_to_follow(client):
    event = EventPageFactory(default_language="fr", default_sign_language=True)
    session = SessionPageFactory(
        parent=event, recording_url=VIDEO, captions_text=CAPTIONS, live_captions="human"
    )
    chapters_of(session, (0, "Intro"), (90, "The newsletter"))

    data = json_ld(client.get(session.url))

    assert data["inLanguage"] == "fr"
    assert data["accessibilityFeature"] == ["captions", "signLanguage"]
    video = data["recordedIn"]
    assert video["@type"] == "VideoObject"
    assert video["embedUrl"] == VIDEO
    assert video["accessibilityFeature"] == ["captions", "transcript"]
    assert video["hasPart"] == [
        {
            "@type": "Clip",
            "name": "Intro",
            "startOffset": 0,
            "endOffset": 90,
            "url": "https://www.youtube.com/watch?v=abcdefghijk&t=0s",
        },
        {
            "@type": "Clip",
            "name": "The newsletter",
            "startOffset": 90,
            "endOffset": 45 * 60,  # the session's length
            "url": "https://www.youtube.com/watch?v=abcdefghijk&t=90s",
        },
    ]


# How a session can be followed


def test_sessions_take_the_event_defaults_unless_they_say_otherwise(client):
    event = EventPageFactory(
        default_recording_status="will_be_recorded",
        default_live_captions="automatic",
        default_language="en",
    )
    plain = SessionPageFactory(parent=event, title="Plain")
    own = SessionPageFactory(
        parent=event,
        title="Own",
        recording_status="not_recorded",
        live_captions="human",
        sign_language="yes",
        slides_in_advance="yes",
        language="fr",
    )

    plain_page = client.get(plain.url).content.decode()
    own_page = client.get(own.url).content.decode()

    assert "How to follow it" in plain_page
    for label in ("Will be recorded", "Automatic captions", "English"):
        assert label in plain_page
    for label in ("Not recorded", "Live captions", "Sign language", "Slides in advance", "French"):
        assert label in own_page
    assert "Will be recorded" not in own_page


def programme(client, url):
    """The programme section of an event page (the JSON-LD lists every session)."""
    page = client.get(url).content.decode()
    return page[page.index('id="programme"') :]


def test_programme_shows_labels_and_filters_by_recording(client):
    event = EventPageFactory()
    SessionPageFactory(parent=event, title="Filmed talk", recording_url=VIDEO)
    SessionPageFactory(parent=event, title="Signed talk", sign_language="yes")
    SessionPageFactory(parent=event, title="Plain talk")

    everything = programme(client, event.url)
    recorded = programme(client, event.url + "?follow=recorded")
    signed = programme(client, event.url + "?follow=sign_language&follow=nonsense")

    assert "Recording online" in everything and "Sign language</li>" in everything
    assert "Plain talk" in everything
    assert "Filmed talk" in recorded and "Signed talk" not in recorded
    assert "Plain talk" not in recorded
    assert "Signed talk" in signed and "Filmed talk" not in signed
    assert 'name="follow" value="recorded" checked' in recorded


def test_programme_filter_matching_nothing_says_so(client):
    event = EventPageFactory()
    SessionPageFactory(parent=event, title="Plain talk")

    page = programme(client, event.url + "?follow=slides")

    assert "No session matches these filters." in page
    assert "Plain talk" not in page


@pytest.mark.parametrize("count", [5, 25])
def test_filtered_programme_queries_do_not_grow_with_sessions(
    client, django_assert_max_num_queries, count
):
    SpeakerIndexPageFactory()
    event = EventPageFactory(default_recording_status="recorded")
    for n in range(count):
        session = SessionPageFactory(
            parent=event,
            title=f"Talk {n}",
            start=event.start + dt.timedelta(minutes=30 * n % 480),
            end=event.start + dt.timedelta(minutes=30 * n % 480 + 30),
            room=f"Room {n % 4}",
            recording_url=VIDEO if n % 2 else "",
        )
        add_speaker(session, SpeakerFactory())
    client.get(event.url + "?follow=recorded")  # warm Wagtail's own caches

    with django_assert_max_num_queries(8):
        response = client.get(event.url + "?follow=recorded")

    assert response.content.decode().count('name="star"') == count


# frab


def test_frab_carries_recording_licence_and_opt_out_and_validates(client):
    event = EventPageFactory(default_recording_licence="CC BY 4.0")
    SessionPageFactory(parent=event, title="Recorded", recording_url=VIDEO)
    SessionPageFactory(parent=event, title="Opted out", recording_optout=True)
    SessionPageFactory(
        parent=event,
        title="Own licence",
        recording_licence="CC BY-SA 4.0",
        recording_status="not_recorded",
    )

    xml = client.get(f"{event.url}schedule.xml").content
    data = json.loads(client.get(f"{event.url}schedule.json").content)

    document = etree.fromstring(xml)
    etree.XMLSchema(etree.parse(str(XSD_PATH))).assertValid(document)
    recordings = {
        event_.findtext("title"): (
            event_.findtext("recording/license"),
            event_.findtext("recording/optout"),
        )
        for event_ in document.iter("event")
    }
    assert recordings == {
        "Recorded": ("CC BY 4.0", "false"),
        "Opted out": ("CC BY 4.0", "true"),
        "Own licence": ("CC BY-SA 4.0", "true"),
    }
    items = [
        item
        for day in data["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for item in room
    ]
    assert {item["title"]: item["do_not_record"] for item in items} == {
        "Recorded": False,
        "Opted out": True,
        "Own licence": True,
    }


def test_breaks_show_no_labels_and_are_left_out_of_filters(client):
    event = EventPageFactory(default_recording_status="recorded", default_language="en")
    SessionPageFactory(parent=event, title="Coffee", kind="break", room="")
    SessionPageFactory(parent=event, title="Keynote", kind="keynote")

    everything = programme(client, event.url)
    recorded = programme(client, event.url + "?follow=recorded")

    coffee = everything[everything.index("Coffee") :]
    coffee = coffee[: coffee.index("</div>")]
    assert "following-labels" not in coffee
    assert "Coffee" not in recorded and "Keynote" in recorded


def test_editors_can_upload_a_webvtt_file_as_a_document(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("panel.vtt", CAPTIONS.encode(), content_type="text/vtt")

    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Panel captions", "file": upload}
    )

    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Panel captions").exists()


@pytest.mark.parametrize("count", [3, 15])
def test_session_page_queries_do_not_grow_with_chapters(
    client, django_assert_max_num_queries, count
):
    session = SessionPageFactory(recording_url="https://media.example.org/a.mp4")
    session.captions_text = CAPTIONS
    session.save()
    chapters_of(session, *[(60 * n, f"Part {n}") for n in range(count)])
    client.get(session.url)

    # The session page's own budget (test_views.py), + 1: the chapters.
    with django_assert_max_num_queries(18):
        response = client.get(session.url)

    assert response.content.decode().count('data-recap-seek="') == count + 3  # + the cues
