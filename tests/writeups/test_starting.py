"""Start a write-up from an event (with the sessions the editor ticks) or
from one session: a pre-filled draft, opened in its editor."""

import datetime as dt

import pytest
from django.urls import reverse

from recap.events.models import EventResource, SessionResource
from recap.writeups.models import WriteUpPage
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    WriteUpIndexPageFactory,
    WriteUpPageFactory,
    add_speaker,
)

pytestmark = pytest.mark.django_db


def start_url(event):
    return reverse("recap_writeups_start", args=[event.pk])


def session_start_url(session):
    return reverse("recap_writeups_start_session", args=[session.pk])


def ticked(programme):
    return {"sessions": [session.pk for session in programme["sessions"]]}


@pytest.fixture
def programme():
    """An event with a panel, a talk and a break, speakers and resources."""
    index = WriteUpIndexPageFactory()
    event = EventPageFactory(title="Social Media Day")
    panel = SessionPageFactory(parent=event, title="The IC panel", kind="panel")
    talk = SessionPageFactory(
        parent=event,
        title="Hub and spoke",
        start=panel.end,
        end=panel.end + dt.timedelta(minutes=45),
    )
    SessionPageFactory(parent=event, title="Coffee", kind="break")
    moderator, panellist, speaker = (SpeakerFactory() for _ in range(3))
    add_speaker(panel, moderator, role="moderator")
    add_speaker(panel, panellist, role="panellist")
    add_speaker(talk, speaker)
    report, article = ResourceFactory(title="Research report"), ResourceFactory(title="Article")
    EventResource.objects.create(page=event, resource=report)
    SessionResource.objects.create(page=talk, resource=article)
    SessionResource.objects.create(page=panel, resource=report)  # cited once
    return {
        "index": index,
        "event": event,
        "sessions": [panel, talk],
        "speakers": [moderator, panellist, speaker],
        "resources": [report, article],
    }


def test_start_creates_a_prefilled_draft_and_opens_its_editor(editor_client, programme):
    event = programme["event"]

    response = editor_client.post(start_url(event), ticked(programme))

    draft = WriteUpPage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert not draft.live and draft.get_parent().pk == programme["index"].pk
    assert draft.get_latest_revision() is not None
    assert [e.pk for e in draft.covered_events()] == [event.pk]
    assert [link.session_id for link in draft.session_links.all()] == [
        session.pk for session in programme["sessions"]
    ]
    assert [link.speaker for link in draft.speaker_links.all()] == programme["speakers"]
    assert [link.resource for link in draft.resource_links.all()] == programme["resources"]
    cards = [block.value["resource"] for block in draft.body if block.block_type == "resource"]
    assert cards == programme["resources"]


def test_started_draft_opens_in_the_editor_with_its_coverage(editor_client, programme):
    response = editor_client.post(start_url(programme["event"]), ticked(programme), follow=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Write-up: Social Media Day" in html
    assert "The IC panel" in html and "Research report" in html


def test_starting_twice_offers_the_existing_draft(editor_client, programme):
    event = programme["event"]
    editor_client.post(start_url(event))
    draft = WriteUpPage.objects.get()

    again = editor_client.post(start_url(event))
    offered = editor_client.get(start_url(event))

    assert WriteUpPage.objects.count() == 1
    for response in (again, offered):
        assert response.status_code == 200
        html = response.content.decode()
        assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in html
        assert "already exists" in html


def test_another_writeup_can_still_be_started_deliberately(editor_client, programme):
    event = programme["event"]
    editor_client.post(start_url(event))

    editor_client.post(start_url(event), {"another": "1"})

    slugs = sorted(WriteUpPage.objects.values_list("slug", flat=True))
    assert slugs == ["write-up-social-media-day", "write-up-social-media-day-1"]


def test_a_published_writeup_of_the_event_is_not_offered_as_a_draft(editor_client, programme):
    event = programme["event"]
    WriteUpPageFactory(parent=programme["index"], event=event)

    editor_client.post(start_url(event))

    assert WriteUpPage.objects.filter(live=False).count() == 1


def test_event_edit_view_and_listing_offer_start_a_writeup(editor_client, programme):
    event = programme["event"]

    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    listing = editor_client.get(reverse("wagtailadmin_explore", args=[event.get_parent().pk]))
    session_edit = editor_client.get(
        reverse("wagtailadmin_pages:edit", args=[programme["sessions"][0].pk])
    )

    session_listing = editor_client.get(reverse("wagtailadmin_explore", args=[event.pk]))

    assert start_url(event) in edit.content.decode()
    assert start_url(event) in listing.content.decode()
    session_url = session_start_url(programme["sessions"][0])
    assert session_url in session_edit.content.decode()
    assert start_url(event) not in session_edit.content.decode()
    assert session_url in session_listing.content.decode()


def test_user_who_may_not_add_writeups_cannot_start_one(client, django_user_model, programme):
    from django.contrib.auth.models import Group, Permission

    user = django_user_model.objects.create_user("viewer", password="pw-viewer-1")
    group = Group.objects.create(name="Admin viewers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)

    response = client.post(start_url(programme["event"]))

    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not WriteUpPage.objects.exists()


def test_start_for_something_not_an_event_is_not_found(editor_client, programme):
    response = editor_client.post(start_url(programme["sessions"][0]))

    assert response.status_code == 404


def test_event_start_offers_its_sessions_unticked_in_programme_order(editor_client, programme):
    from lxml import html as lxml_html

    response = editor_client.get(start_url(programme["event"]))

    tree = lxml_html.fromstring(response.content)
    boxes = tree.xpath('//input[@type="checkbox"][@name="sessions"]')
    labels = [" ".join(box.getparent().text_content().split()) for box in boxes]
    assert [int(box.get("value")) for box in boxes] == [s.pk for s in programme["sessions"]]
    assert [label.split(" · ")[1] for label in labels] == ["The IC panel", "Hub and spoke"]
    assert not any(box.get("checked") is not None for box in boxes)  # Coffee left out too


def test_event_start_covers_only_the_ticked_sessions(editor_client, programme):
    panel, _talk = programme["sessions"]
    moderator, panellist, _speaker = programme["speakers"]
    report, _article = programme["resources"]

    editor_client.post(start_url(programme["event"]), {"sessions": [panel.pk]})

    draft = WriteUpPage.objects.get()
    assert [link.session_id for link in draft.session_links.all()] == [panel.pk]
    assert [link.speaker for link in draft.speaker_links.all()] == [moderator, panellist]
    assert [link.resource for link in draft.resource_links.all()] == [report]


def test_event_start_with_nothing_ticked_covers_the_event_alone(editor_client, programme):
    editor_client.post(start_url(programme["event"]))

    draft = WriteUpPage.objects.get()
    assert [e.pk for e in draft.covered_events()] == [programme["event"].pk]
    assert not draft.session_links.exists() and not draft.speaker_links.exists()
    assert [link.resource for link in draft.resource_links.all()] == [programme["resources"][0]]


def test_event_start_refuses_another_events_session(editor_client, programme):
    other = SessionPageFactory(parent=EventPageFactory(title="Elsewhere"))

    response = editor_client.post(start_url(programme["event"]), {"sessions": [other.pk]})

    assert response.status_code == 400
    assert not WriteUpPage.objects.exists()


def test_session_start_prefills_that_session_and_its_speakers_only(editor_client, programme):
    panel, _talk = programme["sessions"]
    moderator, panellist, _speaker = programme["speakers"]
    report, _article = programme["resources"]

    offered = editor_client.get(session_start_url(panel))
    response = editor_client.post(session_start_url(panel))

    assert "its 2 speakers, as featured" in offered.content.decode()
    draft = WriteUpPage.objects.get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert draft.title == "Write-up: The IC panel" and not draft.live
    assert [e.pk for e in draft.covered_events()] == [programme["event"].pk]
    assert [link.session_id for link in draft.session_links.all()] == [panel.pk]
    assert [link.speaker for link in draft.speaker_links.all()] == [moderator, panellist]
    assert [link.resource for link in draft.resource_links.all()] == [report]
    cards = [block.value["resource"] for block in draft.body if block.block_type == "resource"]
    assert cards == [report]


def test_session_start_offers_the_sessions_existing_draft(editor_client, programme):
    panel, talk = programme["sessions"]
    editor_client.post(session_start_url(panel))

    again = editor_client.post(session_start_url(panel))
    editor_client.post(session_start_url(talk))

    assert "already exists" in again.content.decode()
    assert WriteUpPage.objects.count() == 2


def test_session_start_is_refused_to_a_user_who_may_not_add_writeups(
    client, django_user_model, programme
):
    from django.contrib.auth.models import Group, Permission

    user = django_user_model.objects.create_user("viewer", password="pw-viewer-1")
    group = Group.objects.create(name="Admin viewers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)

    response = client.post(session_start_url(programme["sessions"][0]))

    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert not WriteUpPage.objects.exists()
