"""On a 390 px phone, a reader reads the programme as a list, stars two
sessions without losing their place, and finds "My agenda" in the header.
The page is the same for every reader: agenda.js posts the stars and marks
them again, from the reader's own starred.json, when the page comes back."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

IN_VIEW = """(el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
}"""


@pytest.fixture
def programme():
    event = EventPageFactory(title="Open Channels Live")
    sessions = []
    for n in range(12):
        start = event.start + dt.timedelta(minutes=45 * (n // 2))
        sessions.append(
            SessionPageFactory(
                parent=event,
                title=f"Talk number {n}",
                room=f"Room {'AB'[n % 2]}",
                start=start,
                end=start + dt.timedelta(minutes=40),
                revision=False,
            )
        )
    return event, sessions


def star(page, session):
    url = page.url
    button = page.locator(f'button[value="{session.pk}"]')
    button.scroll_into_view_if_needed()
    button.click()
    # Still at the session (agenda.js posted the star), pressed, the
    # confirmation beside it.
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.url == url
    assert button.evaluate(IN_VIEW)
    confirmation = page.locator(".agenda-star__confirmation")
    expect(confirmation).to_contain_text(f"Added “{session.title}” to your agenda.")
    assert confirmation.evaluate(IN_VIEW)


def test_reader_stars_two_sessions_on_a_phone_and_finds_my_agenda(live_server, new_page, programme):
    event, sessions = programme
    page = new_page(width=390, height=844)
    page.goto(live_server.url + event.url)

    # The list by default: entries stack at full width, room names shown,
    # the grid's column headings out of sight; the grid is one tap away.
    entry = page.locator(".programme-entry").first
    assert entry.bounding_box()["width"] > 300
    expect(entry.locator(".meta span")).to_be_visible()
    expect(page.locator(".programme-grid thead")).not_to_be_in_viewport()
    expect(page.get_by_role("link", name="Grid by room")).to_be_visible()
    expect(page.get_by_role("link", name="My agenda")).to_have_count(0)

    star(page, sessions[7])
    star(page, sessions[10])

    header_link = page.locator("header").get_by_role("link", name="My agenda")
    expect(header_link).to_contain_text("2")

    # Another visit: the shared page, marked for this reader from starred.json.
    page.reload()
    for session in sessions:
        pressed = "true" if session in (sessions[7], sessions[10]) else "false"
        expect(page.locator(f'button[value="{session.pk}"]')).to_have_attribute(
            "aria-pressed", pressed
        )
    header_link = page.locator("header").get_by_role("link", name="My agenda")
    expect(header_link).to_contain_text("2")
    header_link.click()
    expect(page.get_by_role("heading", name="My agenda")).to_be_visible()
    expect(page.locator(".agenda__session")).to_have_count(2)
    # The site's margins on a phone.
    assert page.get_by_role("heading", name="My agenda").bounding_box()["x"] >= 12

    # The grid, when asked for, keeps its time column in view while it scrolls.
    page.goto(live_server.url + event.url + "?view=grid")
    expect(page.locator(".programme-grid__hint").first).to_be_visible()
    scroller = page.locator(".programme-grid__scroll").first
    scroller.evaluate("(el) => el.scrollBy(400, 0)")
    time_cell = page.locator(".programme-grid tbody th").first
    assert time_cell.bounding_box()["x"] < 40
