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


def grid(response, day=0):
    """The day's grid: (column headers with their colspans, rows of cells),
    a cell being ("time", text) or (session title, rowspan, colspan, labels)
    or "" for an empty slot."""
    tree = lxml_html.fromstring(response.content)
    table = tree.xpath("//table[@data-recap-programme-grid]")[day]
    headers = [
        (" ".join(th.text_content().split()), int(th.get("colspan") or 1))
        for th in table.xpath("./thead/tr/th")
    ]
    body = []
    for row in table.xpath("./tbody/tr"):
        cells = [" ".join(row.xpath("./th")[0].text_content().split())]
        for td in row.xpath("./td"):
            if td.get("data-recap-session"):
                title = td.xpath('.//a[contains(@class, "__title")]')[0]
                labels = [
                    " ".join(li.text_content().split())
                    for li in td.xpath(".//li[@data-recap-check]")
                ]
                cells.append(
                    (title.text_content().strip(), int(td.get("rowspan")), int(td.get("colspan")))
                    + ((labels,) if labels else ())
                )
            else:
                cells.append("")
        body.append(cells)
    return headers, body


def session_cell(response, session):
    tree = lxml_html.fromstring(response.content)
    return tree.xpath(f'//td[@data-recap-session="{session.pk}"]')[0]


def text(node):
    return " ".join(node.text_content().split())


@pytest.fixture
def event():
    return EventPageFactory(
        time_zone="Asia/Tokyo",
        start=dt.datetime(2030, 6, 3, 0, 0, tzinfo=UTC),  # 09:00 in Tokyo
        end=dt.datetime(2030, 6, 4, 9, 0, tzinfo=UTC),
    )


def test_programme_is_a_grid_by_day_with_rooms_as_columns_in_the_events_zone(admin_client, event):
    event_room(event, "Hall B")
    event_room(event, "Hall A")
    keynote = SessionPageFactory(
        parent=event, title="Keynote", kind="keynote", room="", start=event.start
    )
    add_speaker(keynote, SpeakerFactory(name="Ken Osei"))
    at = event.start + dt.timedelta(hours=1)
    panel = SessionPageFactory(
        parent=event,
        title="Panel in A",
        kind="panel",
        room="Hall A",
        start=at,
        end=at + dt.timedelta(minutes=90),
    )
    add_speaker(panel, SpeakerFactory(name="Ada Okafor"), role="moderator")
    add_speaker(panel, SpeakerFactory(name="Bo Lind"), role="panellist")
    talk = SessionPageFactory(parent=event, title="Talk in B", room="Hall B", start=at)
    add_speaker(talk, SpeakerFactory(name="Cy Dee"))
    later = SessionPageFactory(
        parent=event, title="Later in B", room="Hall B", start=at + dt.timedelta(minutes=45)
    )
    add_speaker(later, SpeakerFactory(name="Di Eve"))
    day_two = SessionPageFactory(
        parent=event, title="Day two", room="Hall A", start=event.start + dt.timedelta(days=1)
    )
    add_speaker(day_two, SpeakerFactory(name="Ed Fay"))

    response = admin_client.get(programme_url(event))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Monday 3 June 2030" in html and "Tuesday 4 June 2030" in html
    headers, body = grid(response)
    assert headers == [("Time", 1), ("Hall B", 1), ("Hall A", 1)]
    assert body == [
        ["09:00", ("Keynote", 1, 2)],  # no room, nothing else on: across the rooms
        ["09:45", "", ""],
        ["10:00", ("Talk in B", 1, 1), ("Panel in A", 2, 1)],  # 90 minutes: two rows
        ["10:45", ("Later in B", 1, 1)],
    ]
    assert grid(response, day=1)[1] == [["09:00", "", ("Day two", 1, 1)]]
    cell = session_cell(response, panel)
    assert cell.xpath(".//a")[0].get("href") == f"/admin/pages/{panel.pk}/edit/"
    assert text(cell.xpath(".//*[@data-recap-speakers]")[0]) == (
        "Ada Okafor (moderator), Bo Lind (panellist)"
    )
    assert "10:00–11:30 · Hall A · Panel" in text(cell)
    assert "live" in text(cell)
    assert "All rooms" in text(session_cell(response, keynote))
    assert f"/admin/pages/add/recap_events/sessionpage/{event.pk}/" in html


def test_grid_marks_clashes_missing_speakers_and_moderators_on_the_sessions(admin_client, event):
    event_room(event, "Main stage")
    ada = SpeakerFactory(name="Ada Okafor")
    at = event.start + dt.timedelta(hours=1)
    first = SessionPageFactory(parent=event, title="Opening", room="Main stage", start=at)
    add_speaker(first, ada)
    clash = SessionPageFactory(
        parent=event, title="Overlap", room="Main stage", start=at + dt.timedelta(minutes=15)
    )
    add_speaker(clash, SpeakerFactory(name="Bo Lind"))
    panel = SessionPageFactory(
        parent=event, title="Unchaired panel", kind="panel", room="Side room", start=at
    )
    add_speaker(panel, ada, role="panellist")
    empty = SessionPageFactory(
        parent=event, title="Nobody yet", room="Side room", start=at + dt.timedelta(hours=2)
    )
    draft = SessionPageFactory(
        parent=event, title="Not yet public", room="Side room", start=at + dt.timedelta(hours=3)
    )
    add_speaker(draft, SpeakerFactory())
    SessionPage.objects.filter(pk=draft.pk).update(live=False)

    response = admin_client.get(programme_url(event))

    headers, body = grid(response)
    # Two sessions at once in one room: the room gets two lanes, both shown.
    assert headers == [("Time", 1), ("Main stage", 2), ("Side room", 1)]
    assert body[0][1:] == [
        (
            "Opening",
            2,
            1,
            ["Speaker clash: Ada Okafor is also in “Unchaired panel”", "Room clash with “Overlap”"],
        ),
        "",
        (
            "Unchaired panel",
            2,
            1,
            [
                "Speaker clash: Ada Okafor is also in “Opening”",
                "Panel without a moderator",
            ],
        ),
    ]
    labels = {
        session.title: [
            li.get("data-recap-check")
            for li in session_cell(response, session).xpath(".//li[@data-recap-check]")
        ]
        for session in (first, clash, panel, empty, draft)
    }
    assert labels == {
        "Opening": ["speaker_clash", "room_clash"],
        "Overlap": ["room_clash"],
        "Unchaired panel": ["speaker_clash", "no_moderator"],
        "Nobody yet": ["no_speakers"],
        "Not yet public": [],
    }
    assert "No speakers" in text(session_cell(response, empty))
    assert "draft" in text(session_cell(response, draft))
    assert "things to look at" in response.content.decode()


@pytest.mark.parametrize("count", [5, 25])
def test_programme_queries_do_not_grow_with_sessions(
    admin_client, django_assert_max_num_queries, event, count
):
    for n in range(count):
        session = SessionPageFactory(
            parent=event,
            room=f"Room {n % 3}",
            start=event.start + dt.timedelta(minutes=30 * n),
            revision=False,
        )
        add_speaker(session, SpeakerFactory())
    admin_client.get(programme_url(event))

    with django_assert_max_num_queries(24):
        response = admin_client.get(programme_url(event))

    tree = lxml_html.fromstring(response.content)
    assert len(tree.xpath("//td[@data-recap-session]")) == count


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
