"""Translating an event with its subtree, as the people who edit it (issue
22): the editing groups may translate, and a translated event, once
published, shows its programme (its translated sessions go out with it)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageLogEntry

from recap.events.models import EventPage, SessionPage
from recap.events.translating import publish_translated_sessions
from tests.events.test_admin import edit_form
from tests.factories import EventIndexPageFactory, EventPageFactory, SessionPageFactory
from tests.french import serve_in_french, text
from tests.translating import french

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_the_editing_groups_may_translate(django_user_model, group):
    user = django_user_model.objects.create_user(f"member-{group}", password="pw-member-1")
    user.groups.add(Group.objects.get(name=group))

    assert user.has_perm("simple_translation.submit_translation")


@pytest.fixture
def conference():
    """An English event with two published sessions and a draft one, under
    an event index that already has its French translation."""
    index = EventIndexPageFactory(title="Events")
    fr = french()
    index.copy_for_translation(fr, copy_parents=True).save_revision().publish()
    event = EventPageFactory(parent=index, title="Social Media Day")
    sessions = [
        SessionPageFactory(parent=event, title="Opening panel", revision=True),
        SessionPageFactory(parent=event, title="Measuring reach", revision=True),
    ]
    draft = SessionPageFactory(parent=event, title="Not announced yet", revision=False)
    draft.save_revision()
    SessionPage.objects.filter(pk=draft.pk).update(live=False, first_published_at=None)
    return {"event": event, "sessions": sessions, "draft": draft, "locale": fr}


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_user("mod", password="pw-moderator-1")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user


def translate_with_subtree(client, page, locale):
    return client.post(
        reverse("simple_translation:submit_page_translation", args=[page.pk]),
        {"locales": [locale.pk], "include_subtree": "on"},
    )


def test_a_moderator_sees_translate_on_an_event(client, moderator, conference):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[conference["event"].pk]))

    url = reverse("simple_translation:submit_page_translation", args=[conference["event"].pk])
    assert url in html.content.decode()


def test_publishing_the_translated_event_publishes_its_programme(client, moderator, conference):
    event, locale = conference["event"], conference["locale"]

    response = translate_with_subtree(client, event, locale)

    assert response.status_code == 302
    french_event = EventPage.objects.get(locale=locale, translation_key=event.translation_key)
    french_sessions = SessionPage.objects.child_of(french_event)
    assert french_sessions.count() == 3 and not french_sessions.filter(live=True).exists()

    url, _, data = edit_form(client, french_event)
    data["title"] = "Journée des réseaux sociaux"
    data["action-publish"] = "action-publish"
    client.post(url, data)

    french_event.refresh_from_db()
    assert french_event.live
    published = SessionPage.objects.child_of(french_event).live().order_by("path")
    assert [session.title for session in published] == ["Opening panel", "Measuring reach"]
    draft = SessionPage.objects.child_of(french_event).get(title="Not announced yet")
    assert not draft.live  # a draft in English stays a draft in French
    publishers = PageLogEntry.objects.filter(page__in=published, action="wagtail.publish")
    assert [entry.user for entry in publishers] == [moderator, moderator]
    tree = serve_in_french(french_event)
    shown = " ".join(text(tree, "//main"))
    assert "Opening panel" in shown and "Measuring reach" in shown
    assert "Not announced yet" not in shown
    assert "Le programme n’a pas encore été publié" not in shown
    assert "Le programme n'a pas encore été publié" not in shown


def test_a_session_unpublished_after_its_first_publish_is_not_published_again(conference):
    event, locale = conference["event"], conference["locale"]
    french_event = event.copy_for_translation(locale)
    french_event.save_revision().publish()
    first = SessionPage.objects.child_of(event).get(title="Opening panel")
    french_session = first.copy_for_translation(locale)
    french_session.save_revision().publish()
    french_session.refresh_from_db()
    french_session.unpublish()

    assert publish_translated_sessions(french_event) == []
    french_session.refresh_from_db()
    assert not french_session.live


def test_an_untranslated_event_publishes_no_drafts(conference):
    event = conference["event"]

    event.save_revision().publish()

    assert not SessionPage.objects.get(pk=conference["draft"].pk).live


def test_translated_sessions_are_in_the_translated_events_rooms(client, moderator, conference):
    event, locale = conference["event"], conference["locale"]

    translate_with_subtree(client, event, locale)

    french_event = EventPage.objects.get(locale=locale, translation_key=event.translation_key)
    french_rooms = set(french_event.rooms.values_list("pk", flat=True))
    sessions = SessionPage.objects.child_of(french_event)
    assert sessions.count() == 3
    for session in sessions:
        assert session.room_id in french_rooms
        assert session.room.name == "Main hall"
        assert session.get_latest_revision().content["room"] == session.room_id
