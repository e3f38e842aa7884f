"""The event's sessions in the admin as a programme, and the visible ways to
it, to adding a session and to the .ics import."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from lxml import html as lxml_html

from recap.events.models import SessionPage
from tests.events.test_admin import add_form, edit_form
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    add_speaker,
    event_room,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def programme_url(event):
    return f"/admin/recap/events/{event.pk}/programme/"


def rows(response):
    tree = lxml_html.fromstring(response.content)
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("td")]
        for row in tree.xpath('//table[contains(@class, "recap-admin-programme")]/tbody/tr')
    ]


@pytest.fixture
def event():
    return EventPageFactory(
        time_zone="Asia/Tokyo",
        start=dt.datetime(2030, 6, 3, 0, 0, tzinfo=UTC),  # 09:00 in Tokyo
        end=dt.datetime(2030, 6, 4, 9, 0, tzinfo=UTC),
    )


def test_programme_lists_sessions_by_day_time_and_room_in_the_events_zone(admin_client, event):
    event_room(event, "Hall B")
    event_room(event, "Hall A")
    at = event.start + dt.timedelta(hours=1)
    panel = SessionPageFactory(
        parent=event, title="Panel in A", kind="panel", room="Hall A", start=at
    )
    add_speaker(panel, SpeakerFactory(name="Ada Okafor"), role="moderator")
    SessionPageFactory(parent=event, title="Talk in B", room="Hall B", start=at)
    SessionPageFactory(
        parent=event, title="Day two", room="", start=event.start + dt.timedelta(days=1)
    )
    draft = SessionPageFactory(
        parent=event, title="Not yet public", start=event.start, revision=False
    )
    SessionPage.objects.filter(pk=draft.pk).update(live=False)

    response = admin_client.get(programme_url(event))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Monday 3 June 2030" in html and "Tuesday 4 June 2030" in html
    assert [row[:3] for row in rows(response)] == [
        ["09:00–09:45", "Main hall", "Not yet public"],
        ["10:00–10:45", "Hall B", "Talk in B"],
        ["10:00–10:45", "Hall A", "Panel in A"],
        ["09:00–09:45", "All rooms", "Day two"],
    ]
    assert rows(response)[2][3:] == ["Panel", "Ada Okafor", "live"]
    assert rows(response)[0][5] == "draft"
    assert f"/admin/pages/add/recap_events/sessionpage/{event.pk}/" in html


@pytest.mark.parametrize("count", [5, 25])
def test_programme_queries_do_not_grow_with_sessions(
    admin_client, django_assert_max_num_queries, event, count
):
    for n in range(count):
        session = SessionPageFactory(parent=event, room=f"Room {n % 3}", revision=False)
        add_speaker(session, SpeakerFactory())
    admin_client.get(programme_url(event))

    with django_assert_max_num_queries(20):
        response = admin_client.get(programme_url(event))

    assert len(rows(response)) == count


def test_programme_is_refused_to_a_user_who_cannot_edit_the_event(client, django_user_model, event):
    group = Group.objects.create(name="Viewers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("viewer", password="pw")
    user.groups.add(group)
    client.force_login(user)

    response = client.get(programme_url(event))

    assert response.status_code in (302, 403)  # Wagtail redirects a refused admin request


def test_event_editor_shows_programme_add_session_and_import_buttons(admin_client, event):
    SessionPageFactory(parent=event)

    _, response, _ = edit_form(admin_client, event)

    tree = lxml_html.fromstring(response.content)
    links = {
        " ".join(a.text_content().split()): a.get("href")
        for a in tree.xpath('//p[@class="recap-programme-links"]/a')
    }
    assert links == {
        "Programme (1 session)": programme_url(event),
        "Add a session": f"/admin/pages/add/recap_events/sessionpage/{event.pk}/",
        "Import .ics": f"/admin/recap/import-ics/{event.pk}/",
    }


def test_event_index_listing_shows_programme_and_import_on_each_event_row(admin_client):
    index = EventIndexPageFactory()
    event = EventPageFactory(parent=index)

    response = admin_client.get(f"/admin/pages/{index.pk}/")

    tree = lxml_html.fromstring(response.content)
    row_links = tree.xpath(f'//a[@href="{programme_url(event)}"]')
    assert row_links and "Programme" in row_links[0].text_content()
    assert tree.xpath(f'//a[@href="/admin/recap/import-ics/{event.pk}/"]')


def test_event_index_editor_shows_the_import_button(admin_client):
    index = EventIndexPageFactory()

    _, response, _ = edit_form(admin_client, index)

    tree = lxml_html.fromstring(response.content)
    hrefs = tree.xpath('//p[@class="recap-programme-links"]/a/@href')
    assert hrefs == [f"/admin/recap/import-ics/{index.pk}/"]


def test_new_session_starts_when_the_events_last_session_ends(admin_client, event):
    SessionPageFactory(
        parent=event,
        start=event.start + dt.timedelta(hours=1),
        end=event.start + dt.timedelta(hours=2, minutes=30),
    )

    _, _, data = add_form(admin_client, SessionPage, event)

    assert data["start"].startswith("2030-06-03 11:30")  # Tokyo time
    assert data["end"].startswith("2030-06-03 12:30")
