"""An editor copies the speaker links; a speaker opens theirs on a phone,
adds slides and a recording URL and corrects their bio; the editor approves;
a reader sees the slides on the session, speaker and write-up pages."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recap.writeups.models import WriteUpSession
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    WriteUpPageFactory,
    add_speaker,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.django_db(transaction=True)
def test_speaker_link_journey(live_server, page, new_page, django_user_model, tmp_path):
    SpeakerIndexPageFactory()
    start = (timezone.now() - dt.timedelta(days=2)).replace(hour=9, minute=0, microsecond=0)
    event = EventPageFactory(title="Comms Summit", start=start, end=start + dt.timedelta(hours=8))
    panel = SessionPageFactory(parent=event, title="Inside out", kind="panel", revision=True)
    ada = SpeakerFactory(name="Ada Okafor", slug="ada-okafor", email="ada@example.org")
    add_speaker(panel, ada)
    add_speaker(panel, SpeakerFactory(name="Ben Ruiz"))
    writeup = WriteUpPageFactory(title="What the panel said")
    WriteUpSession.objects.create(page=writeup, session=panel)
    django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-editor-1")

    # The editor opens the event's speaker links and copies Ada's.
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-editor-1")
    page.get_by_role("button", name="Sign in").click()
    # (The event's header links here: tests/materials/test_links.py.)
    page.goto(f"{live_server.url}/admin/recap-materials/events/{event.pk}/")
    row = page.locator("tr", has_text="Ada Okafor")
    row.get_by_role("button", name="Make link").click()
    row = page.locator("tr", has_text="Ada Okafor")
    link = row.locator("input.recap-speaker-link__url").input_value()
    assert "/speaker-materials/" in link

    # Ada opens it on her phone and sends slides, a recording and her bio.
    phone = new_page(width=390, height=844)
    phone.goto(link)
    expect(phone.get_by_role("heading", name="Inside out")).to_be_visible()
    slides = tmp_path / "inside-out.pdf"
    slides.write_bytes(PDF)
    phone.get_by_label("Slides file").set_input_files(str(slides))
    phone.get_by_label("Recording URL").fill("https://video.example/inside-out")
    phone.get_by_label("Your corrected bio").fill("Ada leads comms at a made-up firm.")
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_role("status")).to_contain_text("waits for the organisers")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390

    # The editor approves it in the queue.
    page.goto(live_server.url + "/admin/recap-materials/queue/")
    page.locator("tr", has_text="Ada Okafor").get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Approved and published.")).to_be_visible()

    # A reader sees the slides on the session, speaker and write-up pages.
    reader = new_page()
    for url in (panel.url, "/speakers/ada-okafor/", writeup.url):
        reader.goto(live_server.url + url)
        expect(reader.get_by_role("link", name="Slides: Inside out")).to_be_visible()
    reader.goto(live_server.url + "/speakers/ada-okafor/")
    expect(reader.get_by_text("Ada leads comms at a made-up firm.")).to_be_visible()
