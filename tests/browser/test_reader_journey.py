"""A reader goes from the home page to an event, a session and a speaker, and
finds that speaker's other talks: once with the mouse, once with the keyboard only."""

import pytest
from playwright.sync_api import expect

# With every module that reads the demo, on the worker that loads it (tests/conftest.py).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("demo")]

EVENT = "Open Channels Live"
SESSION = "Inside out: internal communicators and social media"
SPEAKER = "Maya Ellison"
# Her talks at other events, which her page must list.
OTHER_TALKS = [
    "Workshop: social skills for communicators",
    "Keynote: who owns social media at work?",
]

# What the focused element looks like, to prove the focus can be seen.
FOCUS_STATE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName,
        text: (el.innerText || el.value || "").trim(),
        focusVisible: el.matches(":focus-visible"),
        outlineStyle: style.outlineStyle,
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
    };
}"""


def focus_is_visible(state):
    """A ring drawn with an outline or a box shadow, and the browser showing it."""
    outline = state["outlineStyle"] != "none" and state["outlineColor"] not in (
        "transparent",
        "rgba(0, 0, 0, 0)",
    )
    return state["focusVisible"] and (outline or state["boxShadow"] != "none")


def tab_to_link(page, name, limit=400):
    """Press Tab until a link with exactly this text has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["tag"] == "A" and state["text"] == name:
            return state
    raise AssertionError(f"Tabbing through {page.url} never reached a link named {name!r}")


def test_reader_journey_from_home_to_a_speakers_other_talks(live_server, page, demo):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.get_by_role("link", name=EVENT, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT)

    page.get_by_role("link", name=SESSION, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SESSION)

    page.get_by_role("link", name=SPEAKER, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SPEAKER)
    for title in OTHER_TALKS:
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()

    page.get_by_role("link", name=OTHER_TALKS[0], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OTHER_TALKS[0])
    expect(page.get_by_role("link", name="Intranet Lab").first).to_be_visible()


def test_reader_journey_works_with_the_keyboard_only(live_server, page, demo):
    page.goto(live_server.url + "/")

    # The first Tab reaches the skip link, and it shows.
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUS_STATE)
    assert skip["text"] == "Skip to content"
    assert focus_is_visible(skip), skip
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()

    for name, heading in [
        (EVENT, EVENT),
        (SESSION, SESSION),
        (SPEAKER, SPEAKER),
        (OTHER_TALKS[0], OTHER_TALKS[0]),
    ]:
        if name == OTHER_TALKS[0]:
            for title in OTHER_TALKS:
                expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
        state = tab_to_link(page, name)
        assert focus_is_visible(state), f"The focus on {name!r} cannot be seen: {state}"
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
