"""Signed speaker links: who they open the page for, and when they stop."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from recap.materials.links import issue_link, link_path, revoke_link
from recap.materials.models import SpeakerLink
from tests.factories import EventPageFactory, SessionPageFactory, SpeakerFactory, add_speaker

pytestmark = pytest.mark.django_db


def test_speaker_link_opens_their_sessions_only(client, ada_url, panel, past_event):
    other = SessionPageFactory(parent=past_event, title="A talk without Ada")
    add_speaker(other, SpeakerFactory(name="Cleo Diaz"))

    response = client.get(ada_url)

    assert response.status_code == 200
    text = response.content.decode()
    assert "Internal comms and social" in text
    assert "A talk without Ada" not in text
    assert 'name="robots" content="noindex, nofollow"' in text
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Never to other sites; same-origin keeps the Origin header CSRF checks.
    assert response["Referrer-Policy"] == "same-origin"


def test_speaker_link_refuses_another_speakers_session(client, ada_url, past_event):
    other = SessionPageFactory(parent=past_event, title="Cleo's talk")
    add_speaker(other, SpeakerFactory(name="Cleo Diaz"))

    response = client.post(
        ada_url, {"session": other.pk, f"s{other.pk}-recording_url": "https://v.example/1"}
    )

    assert response.status_code == 403
    assert "cannot send materials for that session" in response.content.decode()


def test_speaker_link_refuses_another_events_address(client, ada, panel, past_event):
    other_event = EventPageFactory(title="Other Summit")
    token_path = link_path(issue_link(ada, past_event))
    tampered = token_path.replace(f"/{past_event.pk}/", f"/{other_event.pk}/")

    response = client.get(tampered)

    assert response.status_code == 403
    assert "This link is for another event." in response.content.decode()


def test_speaker_link_refuses_a_tampered_token(client, ada_url):
    response = client.get(ada_url[:-3] + "xx/")

    assert response.status_code == 403
    assert "This link is not valid" in response.content.decode()


def test_revoked_link_is_refused_with_a_message(client, ada, panel, past_event):
    link = issue_link(ada, past_event)
    url = link_path(link)
    revoke_link(link)

    response = client.get(url)

    assert response.status_code == 410
    assert "withdrawn by the organisers" in response.content.decode()


def test_expired_link_is_refused_with_a_message(client, ada, panel, past_event):
    link = issue_link(ada, past_event)
    url = link_path(link)
    SpeakerLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(1))

    response = client.get(url)

    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_new_link_replaces_the_old(client, ada, panel, past_event):
    old_url = link_path(issue_link(ada, past_event))
    new_url = link_path(issue_link(ada, past_event, renew=True))

    assert client.get(old_url).status_code == 410
    assert "A newer link replaces this one" in client.get(old_url).content.decode()
    assert client.get(new_url).status_code == 200
    assert SpeakerLink.objects.filter(speaker=ada, event=past_event).count() == 1


@override_settings(RECAP_SPEAKER_LINK_DAYS=5)
def test_link_expires_days_after_the_event_ends(ada, panel, past_event):
    past_event.end = timezone.now() + dt.timedelta(days=2)
    link = issue_link(ada, past_event)

    assert link.expires_at == past_event.end + dt.timedelta(days=5)


def test_speaker_page_in_french_by_accept_language_and_switch(client, ada_url):
    french = client.get(ada_url, HTTP_ACCEPT_LANGUAGE="fr")
    english = client.get(ada_url + "?lang=en", HTTP_ACCEPT_LANGUAGE="fr")

    assert '<html lang="fr">' in french.content.decode()
    assert "Vos diapositives et liens" in french.content.decode()
    assert "Your slides and links" in english.content.decode()
    assert "?lang=en" in french.content.decode()


@override_settings(WAGTAILADMIN_BASE_URL="https://recap.example")
def test_speaker_links_command_prints_one_line_per_speaker(panel, past_event, capsys):
    call_command("speaker_links", "comms-summit")

    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Ada Okafor\thttps://recap.example/speaker-materials/")
    assert lines[1].startswith("Ben Ruiz\thttps://recap.example/speaker-materials/")


def test_speaker_links_command_refuses_an_unknown_event(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No event"):
        call_command("speaker_links", "nope")


def test_admin_lists_speakers_and_sends_a_link(admin_client, panel, past_event, ada):
    page = admin_client.get(f"/admin/recap-materials/events/{past_event.pk}/")
    assert page.status_code == 200
    assert "Ada Okafor" in page.content.decode()
    assert "Ben Ruiz" in page.content.decode()

    response = admin_client.post(
        f"/admin/recap-materials/events/{past_event.pk}/speakers/{ada.pk}/", {"action": "send"}
    )

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.org"]
    link = SpeakerLink.objects.get(speaker=ada)
    assert link_path(link) in mail.outbox[0].body
    assert link.sent_at is not None
    page = admin_client.get(f"/admin/recap-materials/events/{past_event.pk}/").content.decode()
    assert link_path(link) in page


def test_admin_revoke_stops_the_link(admin_client, client, panel, past_event, ada):
    url = link_path(issue_link(ada, past_event))

    admin_client.post(
        f"/admin/recap-materials/events/{past_event.pk}/speakers/{ada.pk}/", {"action": "revoke"}
    )

    assert client.get(url).status_code == 410


def test_event_editor_header_has_speaker_links_button(admin_client, past_event):
    page = admin_client.get(f"/admin/pages/{past_event.pk}/edit/").content.decode()
    assert f"/admin/recap-materials/events/{past_event.pk}/" in page


def test_admin_links_refused_without_edit_permission(client, django_user_model, past_event):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("nobody", password="pw-nobody-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(f"/admin/recap-materials/events/{past_event.pk}/")

    # Wagtail's admin answers a permission refusal with a redirect home.
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == "/admin/"
