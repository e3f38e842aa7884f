"""The personal agenda: stars kept without an account, and its private feed."""

from urllib.parse import quote

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from icalendar import Calendar
from lxml import html as lxml_html

from recap.events.models import Agenda, AgendaItem
from recap.events.views.agenda import COOKIE_NAME, feed_token
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions():
    event = EventPageFactory(title="Social Media Summit")
    return [SessionPageFactory(parent=event, title=f"Talk {n}") for n in range(3)]


def star(client, session, action="star", next_url=""):
    return client.post(
        "/calendar/agenda/star/", {"session": session.pk, "action": action, "next": next_url}
    )


def feed_of(client, agenda, **headers):
    return client.get(f"/calendar/agenda/{feed_token(agenda)}.ics", **headers)


def summaries(response):
    calendar = Calendar.from_ical(b"".join(response.streaming_content))
    return {str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")}


def test_starring_creates_an_agenda_held_in_a_signed_cookie(client, sessions):
    response = star(client, sessions[0], next_url=sessions[0].url)

    assert response.status_code == 302
    back = quote(f"{sessions[0].url}#session-{sessions[0].pk}", safe="")
    assert response["Location"] == f"/calendar/agenda/?back={back}"
    agenda = Agenda.objects.get()
    assert list(agenda.items.values_list("session_id", flat=True)) == [sessions[0].pk]
    cookie = response.cookies[COOKIE_NAME]
    assert str(agenda.token) in cookie.value and cookie.value != str(agenda.token)  # signed
    assert cookie["httponly"]


def test_starring_again_from_the_same_browser_uses_the_same_agenda(client, sessions):
    star(client, sessions[0])
    star(client, sessions[1])
    star(client, sessions[1])

    agenda = Agenda.objects.get()
    assert agenda.items.count() == 2


def test_unstarring_removes_the_session(client, sessions):
    star(client, sessions[0])
    star(client, sessions[1])

    star(client, sessions[0], action="unstar")

    assert list(AgendaItem.objects.values_list("session_id", flat=True)) == [sessions[1].pk]


def test_a_forged_cookie_does_not_reach_someone_elses_agenda(client, sessions):
    other = Agenda.objects.create()
    AgendaItem.objects.create(agenda=other, session=sessions[0])
    client.cookies[COOKIE_NAME] = str(other.token)  # unsigned

    star(client, sessions[0], action="unstar")

    assert other.items.count() == 1


def test_star_redirect_never_leaves_the_site(client, sessions):
    response = star(client, sessions[0], next_url="https://evil.example/")

    assert response["Location"] == "/calendar/agenda/"


def test_unpublished_session_cannot_be_starred(client, sessions):
    sessions[0].unpublish()

    assert star(client, sessions[0]).status_code == 404
    assert not AgendaItem.objects.exists()


def test_agenda_page_lists_starred_sessions_and_the_private_feed(client, sessions):
    star(client, sessions[2])

    response = client.get("/calendar/agenda/")

    html = response.content.decode()
    assert "Talk 2" in html and "Talk 0" not in html
    agenda = Agenda.objects.get()
    assert f"webcal://testserver/calendar/agenda/{feed_token(agenda)}.ics" in html
    assert response["Vary"] and "Cookie" in response["Vary"]


def test_agenda_page_without_stars_says_it_is_empty(client):
    response = client.get("/calendar/agenda/")

    assert "Your agenda is empty" in response.content.decode()


def test_private_feed_follows_the_stars_as_they_change(client, sessions):
    star(client, sessions[0])
    agenda = Agenda.objects.get()
    first = feed_of(client, agenda)
    assert summaries(first) == {"Talk 0"}

    star(client, sessions[1])
    second = feed_of(client, agenda, headers={"If-None-Match": first["ETag"]})

    assert second.status_code == 200
    assert summaries(second) == {"Talk 0", "Talk 1"}
    unchanged = feed_of(client, agenda, headers={"If-None-Match": second["ETag"]})
    assert unchanged.status_code == 304


def test_private_feed_holds_no_agenda_token_or_personal_data(client, sessions):
    star(client, sessions[0])
    agenda = Agenda.objects.get()

    body = b"".join(feed_of(client, agenda).streaming_content)

    assert str(agenda.token).encode() not in body
    assert b"My agenda" in body


def test_tampered_feed_url_is_404(client, sessions):
    star(client, sessions[0])
    agenda = Agenda.objects.get()

    response = client.get(f"/calendar/agenda/{agenda.token}:forged.ics")

    assert response.status_code == 404


def render_stars(request, sessions):
    template = Template(
        "{% load recap_calendar_tags %}{% for s in sessions %}{% agenda_star s %}{% endfor %}"
    )
    return template.render(Context({"request": request, "sessions": sessions}))


def test_agenda_star_renders_a_post_form_that_shows_the_state(client, sessions):
    response = star(client, sessions[0])
    request = RequestFactory().get("/events/")
    request.COOKIES[COOKIE_NAME] = response.cookies[COOKIE_NAME].value

    html = render_stars(request, sessions[:2])

    assert html.count('<form class="agenda-star" method="post"') == 2
    assert "csrfmiddlewaretoken" not in html  # the same HTML for every reader
    assert html.count('aria-pressed="true"') == 1
    assert 'name="unstar"' in html and 'name="star"' in html
    assert 'name="next" value="/events/"' in html


@pytest.mark.parametrize("count", [2, 3])
def test_agenda_stars_on_a_page_cost_the_same_queries(
    client, sessions, count, django_assert_max_num_queries
):
    response = star(client, sessions[0])
    request = RequestFactory().get("/events/")
    request.COOKIES[COOKIE_NAME] = response.cookies[COOKIE_NAME].value

    with django_assert_max_num_queries(2):
        render_stars(request, sessions[:count])


def test_a_star_without_javascript_lands_on_the_agenda_with_its_state_and_a_way_back(
    client, sessions
):
    response = star(client, sessions[1], next_url="/events/social-media-summit/?view=list")

    page = client.get(response["Location"])

    tree = lxml_html.fromstring(page.content)
    assert (
        "Added “Talk 1” to your agenda." in tree.xpath('//ul[@class="messages"]')[0].text_content()
    )
    [back] = tree.xpath('//p[@class="agenda__back"]/a')
    assert back.get("href") == f"/events/social-media-summit/?view=list#session-{sessions[1].pk}"
    [button] = tree.xpath(f'//li[@id="session-{sessions[1].pk}"]//button')
    assert button.get("name") == "unstar"
    assert page["Cache-Control"] == "private, no-cache"


def test_the_agenda_remove_button_says_remove_and_names_the_session(client, sessions):
    star(client, sessions[1])
    tree = lxml_html.fromstring(client.get("/calendar/agenda/").content)
    [button] = tree.xpath(f'//li[@id="session-{sessions[1].pk}"]//button')

    visible = "".join(button.xpath("text()")).strip()
    assert visible == "Remove"
    assert " ".join(button.text_content().split()) == "Remove “Talk 1” from my agenda"
    form = button.getparent()
    client.post(form.get("action"), {"unstar": button.get("value")})
    assert not AgendaItem.objects.exists()


def test_the_agenda_never_links_back_off_the_site(client):
    page = client.get("/calendar/agenda/", {"back": "https://evil.example/"})

    tree = lxml_html.fromstring(page.content)
    assert not tree.xpath('//p[@class="agenda__back"]')
    assert not tree.xpath('//a[starts-with(@href, "https://evil.example")]')


def test_starred_json_lists_this_browsers_stars_privately(client, sessions):
    star(client, sessions[0])
    star(client, sessions[2])

    response = client.get("/calendar/agenda/starred.json")

    assert response.json() == {
        "sessions": sorted([sessions[0].pk, sessions[2].pk]),
        "count": 2,
        "count_label": "sessions",
    }
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_starred_json_is_empty_for_a_new_browser(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/calendar/agenda/starred.json")

    assert response.json() == {"sessions": [], "count": 0, "count_label": "sessions"}


def test_a_star_posted_by_script_answers_the_new_state_in_json(client, sessions):
    response = client.post(
        "/calendar/agenda/star/",
        {"star": sessions[0].pk, "next": "/events/"},
        headers={"Accept": "application/json"},
    )

    answer = response.json()
    assert answer["starred"] is True and answer["count"] == 1
    assert answer["message"] == "Added “Talk 0” to your agenda."
    assert answer["agenda_url"] == "/calendar/agenda/"
    assert response.cookies["recap_agenda_count"].value == "1"
    unstarred = client.post(
        "/calendar/agenda/star/", {"unstar": sessions[0].pk}, headers={"Accept": "application/json"}
    ).json()
    assert unstarred["starred"] is False and unstarred["count"] == 0


def test_a_star_posted_from_another_site_is_refused(client, sessions):
    response = client.post(
        "/calendar/agenda/star/",
        {"star": sessions[0].pk},
        headers={"Origin": "https://evil.example", "Accept": "application/json"},
    )

    assert response.status_code == 403
    assert not AgendaItem.objects.exists()
