"""The programme page as production serves it: cached fragments that change
at once with the content, stars marked per reader after the cache, 304s."""

import json

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from lxml import html as lxml_html
from wagtail.models import PageViewRestriction

from recap.core.versioning import content_version
from recap.events.models import AgendaItem, EventResource, EventTopic, SessionPage
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    TopicFactory,
    add_speaker,
    event_room,
)

# The page is kept until the top of the hour at most (see the fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("half_past_the_hour")]


@pytest.fixture
def event():
    SpeakerIndexPageFactory()
    event = EventPageFactory(title="Social Media Summit")
    session = SessionPageFactory(parent=event, title="Opening panel", room="Hall A")
    add_speaker(session, SpeakerFactory(name="Ada Quill"))
    SessionPageFactory(parent=event, title="Closing keynote", room="Hall B")
    return event


def page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def session_named(title):
    return SessionPage.objects.get(title=title)


def warm(client, event):
    """Render once, so the next request is served from the cache."""
    html = page_text(client, event.url)
    assert "Opening panel" in html
    return html


def test_programme_is_served_from_the_cache_without_its_queries(
    client, event, django_assert_max_num_queries
):
    warm(client, event)

    with django_assert_max_num_queries(8):
        html = page_text(client, event.url)

    assert "Opening panel" in html and "Ada Quill" in html


def test_publishing_a_change_shows_at_once(client, event):
    warm(client, event)
    session = session_named("Opening panel")

    session.title = "Opening panel (renamed)"
    session.room = event_room(event, "Hall C")
    session.save_revision().publish()

    html = page_text(client, event.url)
    assert "Opening panel (renamed)" in html and "Hall C" in html


def test_unpublishing_a_session_removes_it_at_once(client, event):
    warm(client, event)

    session_named("Opening panel").unpublish()

    assert "Opening panel" not in page_text(client, event.url)


def test_deleting_a_session_removes_it_at_once(client, event):
    warm(client, event)

    session_named("Closing keynote").delete()

    assert "Closing keynote" not in page_text(client, event.url)


def test_moving_a_session_to_another_event_moves_it_at_once(client, event):
    other = EventPageFactory(title="Other Summit")
    warm(client, event)
    page_text(client, other.url)

    session_named("Closing keynote").move(other, pos="last-child")

    assert "Closing keynote" not in page_text(client, event.url)
    assert "Closing keynote" in page_text(client, other.url)


def test_renaming_a_speaker_shows_at_once(client, event):
    warm(client, event)
    speaker = session_named("Opening panel").speaker_links.get().speaker

    speaker.name = "Ada Quill-Okafor"
    speaker.save()

    assert "Ada Quill-Okafor" in page_text(client, event.url)


def test_renaming_a_topic_shows_at_once(client, event):
    topic = TopicFactory(name="Internal comms")
    EventTopic.objects.create(tag=topic, content_object=event)
    assert "Internal comms" in warm(client, event)

    topic.name = "Employee comms"
    topic.save()

    assert "Employee comms" in page_text(client, event.url)


def test_editing_a_resource_shows_at_once(client, event):
    resource = ResourceFactory(title="Maturity model")
    EventResource.objects.create(page=event, resource=resource)
    assert "Maturity model" in warm(client, event)

    resource.title = "Maturity model, 2nd edition"
    resource.save()

    assert "Maturity model, 2nd edition" in page_text(client, event.url)


def test_making_an_event_private_is_not_undone_by_the_cache(client, event):
    warm(client, event)

    PageViewRestriction.objects.create(page=event, restriction_type="login")

    assert client.get(event.url).status_code == 302  # to the login page


def test_moderating_a_question_forgets_cached_fragments(event):
    if not apps.is_installed("recap.questions"):
        pytest.skip("recap.questions is not installed")
    from recap.questions.models import DelegateQuestion
    from recap.questions.moderation import moderate

    question = DelegateQuestion.objects.create(
        session=session_named("Opening panel"), text="What is the role of IC pros?"
    )
    before = content_version()

    moderate(DelegateQuestion.objects.filter(pk=question.pk), "approve")

    assert content_version() != before


def test_content_version_survives_an_emptied_cache():
    first = content_version()
    assert content_version() == first

    cache.clear()

    assert content_version() == first  # kept in the database (recap.core.versioning)


def test_programme_holds_no_csrf_token_or_personal_state(client, event):
    html = warm(client, event)

    assert "csrfmiddlewaretoken" not in html
    assert 'aria-pressed="true"' not in html
    assert "csrftoken" not in client.cookies


def star(client, session, next_url, **extra):
    return client.post("/calendar/agenda/star/", {"session": session.pk, "next": next_url}, **extra)


def test_the_page_is_the_same_for_two_readers_with_different_agendas(event):
    panel, keynote = session_named("Opening panel"), session_named("Closing keynote")
    ada, ben = Client(), Client()
    for client, sessions in ((ada, [panel]), (ben, [panel, keynote])):
        for session in sessions:
            client.post(
                "/calendar/agenda/star/",
                {"star": session.pk},
                headers={"Accept": "application/json"},
            )

    ada_html = ada.get(event.url).content
    ben_html = ben.get(event.url).content

    assert ada_html == ben_html == Client().get(event.url).content
    assert b'aria-pressed="true"' not in ada_html
    assert ada.get("/calendar/agenda/starred.json").json()["sessions"] == [panel.pk]
    assert ben.get("/calendar/agenda/starred.json").json()["sessions"] == sorted(
        [panel.pk, keynote.pk]
    )


def test_the_page_loads_the_script_that_marks_the_readers_stars(client, event):
    tree = lxml_html.fromstring(page_text(client, event.url))

    assert tree.xpath('//script[@src="/static/recap_events/agenda.js"]')
    assert not tree.xpath("//script[not(@src) and not(@type='application/ld+json')]")
    [form] = tree.xpath('//form[@id="agenda-star"]')
    assert form.get("data-starred-url") == "/calendar/agenda/starred.json"
    assert form.get("data-label-unstar") == "In my agenda"


def test_starring_without_javascript_shows_the_state_on_the_agenda_with_a_way_back(client, event):
    panel = session_named("Opening panel")

    response = star(client, panel, event.url + "?view=list")

    tree = lxml_html.fromstring(client.get(response["Location"]).content)
    assert (
        "Added “Opening panel” to your agenda."
        in tree.xpath('//ul[@class="messages"]')[0].text_content()
    )
    [back] = tree.xpath('//p[@class="agenda__back"]/a')
    assert back.get("href") == f"{event.url}?view=list#session-{panel.pk}"
    # Starred: the agenda lists it, with its "Remove" button.
    assert tree.xpath(f'//li[@id="session-{panel.pk}"]//button/@name') == ["unstar"]
    # Shown once: the event page is the shared one again.
    assert "Added “Opening panel”" not in page_text(client, event.url)


def test_star_works_without_a_csrf_token_from_this_site(event):
    client = Client(enforce_csrf_checks=True)
    panel = session_named("Opening panel")

    response = star(client, panel, event.url, HTTP_ORIGIN="http://testserver")

    assert response.status_code == 302


def test_star_refuses_a_post_from_another_site(event):
    client = Client(enforce_csrf_checks=True)
    panel = session_named("Opening panel")

    from_origin = star(client, panel, event.url, HTTP_ORIGIN="https://evil.example")
    from_referer = star(client, panel, event.url, HTTP_REFERER="https://evil.example/x")

    assert from_origin.status_code == 403 and from_referer.status_code == 403
    assert not AgendaItem.objects.exists()


def test_header_shows_my_agenda_with_its_count_once_something_is_starred(client, event):
    assert "My agenda" not in page_text(client, "/speakers/")

    star(client, session_named("Opening panel"), event.url)
    star(client, session_named("Closing keynote"), event.url)

    for url in ("/speakers/", session_named("Opening panel").url):
        header = lxml_html.fromstring(page_text(client, url)).xpath("//header")[0]
        link = header.xpath('.//a[@href="/calendar/agenda/"]')
        assert link and " ".join(link[0].text_content().split()) == "My agenda (2 sessions)"
    # The event page is the same for everyone: its header link waits, hidden,
    # for agenda.js, which fills it in from starred.json.
    header = lxml_html.fromstring(page_text(client, event.url)).xpath("//header")[0]
    [link] = header.xpath('.//a[@href="/calendar/agenda/"]')
    assert link.get("hidden") is not None and link.get("data-agenda-link") is not None
    starred = client.get("/calendar/agenda/starred.json").json()
    assert (starred["count"], starred["count_label"]) == (2, "sessions")


def test_unstarring_everything_takes_my_agenda_out_of_the_header(client, event):
    panel = session_named("Opening panel")
    star(client, panel, event.url)
    client.post("/calendar/agenda/star/", {"session": panel.pk, "action": "unstar"})

    assert "My agenda" not in page_text(client, "/speakers/")


def test_programme_answers_304_until_something_changes(client, event):
    first = client.get(event.url)
    etag = first["ETag"]

    again = client.get(event.url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert "Cookie" in first["Vary"]

    session_named("Opening panel").save_revision().publish()
    changed = client.get(event.url, headers={"If-None-Match": etag})
    assert changed.status_code == 200


def test_programme_etag_is_the_same_for_a_reader_with_stars(client, event):
    etag = client.get(event.url)["ETag"]

    client.post(
        "/calendar/agenda/star/",
        {"star": session_named("Opening panel").pk},
        headers={"Accept": "application/json"},
    )

    assert client.get(event.url, headers={"If-None-Match": etag}).status_code == 304


def test_sub_events_carry_names_times_urls_and_performers_not_abstracts(client):
    SpeakerIndexPageFactory()
    event = EventPageFactory()
    session = SessionPageFactory(
        parent=event, title="Opening panel", abstract="<p>A long abstract</p>"
    )
    add_speaker(session, SpeakerFactory(name="Ada Quill", job_title="Director"))

    tree = lxml_html.fromstring(client.get(event.url).content)
    data = json.loads(tree.xpath('//script[@type="application/ld+json"]')[0].text)

    sub = data["subEvent"][0]
    assert sub["name"] == "Opening panel"
    assert sub["startDate"] and sub["endDate"]
    assert sub["url"] == f"http://testserver{session.url}"
    assert sub["performer"] == [{"@type": "Person", "name": "Ada Quill"}]
    assert "description" not in sub


def submit_star(client, page_url, session):
    """Press a session's star as a browser would: its button posts the form
    it names (or sits in) with the button's own name and value."""
    tree = lxml_html.fromstring(client.get(page_url).content)
    button = tree.xpath(f'//button[@value="{session.pk}"]')[0]
    form = (
        tree.get_element_by_id(button.get("form"))
        if button.get("form")
        else button.iterancestors("form").__next__()
    )
    data = {field.get("name"): field.get("value") for field in form.xpath(".//input")}
    data[button.get("name")] = button.get("value")
    return client.post(form.get("action"), data)


def test_programme_stars_share_one_form_and_star_then_unstar(client, event):
    panel = session_named("Opening panel")
    html = page_text(client, event.url)
    # Besides the stars' one form: the site search and the programme's filters.
    assert html.count("<form") == (
        html.count('id="agenda-star"')
        + html.count('role="search"')
        + html.count('class="programme__filters"')
    )

    response = submit_star(client, event.url, panel)

    assert response["Location"].startswith("/calendar/agenda/?back=")
    assert list(AgendaItem.objects.values_list("session_id", flat=True)) == [panel.pk]
    submit_star(client, "/calendar/agenda/", panel)  # now an "unstar" button
    assert not AgendaItem.objects.exists()


def test_session_page_shows_its_star_pressed_after_starring(client, event):
    panel = session_named("Opening panel")

    response = submit_star(client, panel.url, panel)
    client.get(response["Location"])  # the agenda, with the confirmation

    tree = lxml_html.fromstring(page_text(client, panel.url))
    star = tree.get_element_by_id(f"session-{panel.pk}")
    assert star.xpath(".//button/@aria-pressed") == ["true"]


def test_programme_entries_escape_what_editors_typed(client):
    SpeakerIndexPageFactory()
    event = EventPageFactory()
    session = SessionPageFactory(
        parent=event, title="<script>alert(1)</script>", room="<i>Hall</i>", status="cancelled"
    )
    add_speaker(session, SpeakerFactory(name="<b>Ada</b>"), role="moderator")

    html = page_text(client, event.url)

    assert "<script>alert(1)" not in html and "<b>Ada</b>" not in html and "<i>Hall" not in html
    tree = lxml_html.fromstring(html)
    title = tree.get_element_by_id(f"session-{session.pk}")
    assert title.text_content() == "<script>alert(1)</script>"
    assert title.xpath("./s")  # struck through: cancelled
    entry = title.xpath('ancestor::div[contains(@class, "programme-entry")]')[0]
    assert "<b>Ada</b> (moderator)" in entry.text_content()
    assert "Cancelled" in entry.text_content()


def test_cached_fragments_are_kept_per_language():
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load recap_core_tags %}{% content_version as v %}{{ v }}")
    with translation.override("en"):
        english = template.render(Context())
    with translation.override("fr"):
        french = template.render(Context())

    assert english != french and english.startswith(content_version())
