"""The admin programme grid (issue 22) as an editor sees it: at 1280 px a
grid, rooms side by side, a clash marked in words on both sessions, each
session opening its editor; at 390 px the same sessions as a list in time
order, each naming its time and room."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    add_speaker,
    event_room,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def programme(django_user_model):
    event = EventPageFactory(parent=EventIndexPageFactory(), title="Social Media Day")
    event_room(event, "Main stage")
    event_room(event, "Studio")
    at = event.start + dt.timedelta(hours=1)
    keynote = SessionPageFactory(parent=event, title="Opening keynote", room="", start=event.start)
    add_speaker(keynote, SpeakerFactory(name="Ken Osei"))
    panel = SessionPageFactory(
        parent=event, title="Who owns social media?", kind="panel", room="Main stage", start=at
    )
    add_speaker(panel, SpeakerFactory(name="Maya Ellison"), role="moderator")
    clash = SessionPageFactory(
        parent=event,
        title="Clashing talk",
        room="Main stage",
        start=at + dt.timedelta(minutes=15),
    )
    add_speaker(clash, SpeakerFactory(name="Ben Asante"))
    SessionPageFactory(parent=event, title="Nobody yet", room="Studio", start=at)
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw-editor-1")
    user.groups.add(Group.objects.get(name="Moderators"))
    return {"event": event, "panel": panel, "clash": clash}


def log_in(page, url):
    page.goto(url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pw-editor-1")
    page.get_by_role("button", name="Sign in").click()


def test_grid_at_1280_shows_rooms_side_by_side_and_marks_the_clash(
    live_server, new_page, programme
):
    page = new_page(width=1280, height=900)
    log_in(page, live_server.url)
    page.goto(live_server.url + f"/admin/recap/events/{programme['event'].pk}/programme/")

    grid = page.locator("table[data-recap-programme-grid]").first
    expect(grid.locator("thead th")).to_have_text(["Time", "Main stage", "Studio"])
    panel = grid.locator(f'td[data-recap-session="{programme["panel"].pk}"]')
    clash = grid.locator(f'td[data-recap-session="{programme["clash"].pk}"]')
    nobody = grid.get_by_role("cell", name="Nobody yet")
    expect(panel).to_contain_text("Room clash with “Clashing talk”")
    expect(clash).to_contain_text("Room clash with “Who owns social media?”")
    expect(nobody).to_contain_text("No speakers")
    expect(panel).to_contain_text("Maya Ellison (moderator)")
    # Side by side: the clashing sessions and the other room's session on one line.
    panel_box, clash_box, nobody_box = (cell.bounding_box() for cell in (panel, clash, nobody))
    assert panel_box["x"] < clash_box["x"] < nobody_box["x"]
    assert abs(panel_box["y"] - nobody_box["y"]) < 2
    keynote = grid.get_by_role("cell", name="Opening keynote")
    assert keynote.bounding_box()["width"] > nobody_box["x"] - panel_box["x"]  # across rooms
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280

    panel.get_by_role("link", name="Who owns social media?").click()
    expect(page).to_have_url(live_server.url + f"/admin/pages/{programme['panel'].pk}/edit/")


def test_grid_at_390_reads_as_a_list_in_time_order(live_server, new_page, programme):
    page = new_page(width=390, height=844)
    log_in(page, live_server.url)
    page.goto(live_server.url + f"/admin/recap/events/{programme['event'].pk}/programme/")

    grid = page.locator("table[data-recap-programme-grid]").first
    expect(grid.locator("thead")).to_be_hidden()
    cells = grid.locator("td[data-recap-session]")
    expect(cells).to_have_count(4)
    titles = [cells.nth(n).locator(".recap-admin-programme__title").inner_text() for n in range(4)]
    assert titles[0] == "Opening keynote" and titles[-1] == "Clashing talk"
    tops = [cells.nth(n).bounding_box()["y"] for n in range(4)]
    assert tops == sorted(tops)  # one under another
    lefts = {round(cells.nth(n).bounding_box()["x"]) for n in range(4)}
    assert len(lefts) == 1
    expect(cells.nth(1)).to_contain_text("Main stage")
    expect(cells.nth(3)).to_contain_text("Room clash with “Who owns social media?”")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
