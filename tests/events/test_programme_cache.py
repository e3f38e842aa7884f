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

pytestmark = pytest.mark.django_db


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


def test_a_readers_stars_are_marked_after_the_cache_and_only_for_them(client, event):
    warm(client, event)
    panel = session_named("Opening panel")
    star(client, panel, event.url)

    mine = lxml_html.fromstring(client.get(event.url).content)
    theirs = lxml_html.fromstring(Client().get(event.url).content)

    pressed = mine.xpath(f'//button[@value="{panel.pk}"]/@aria-pressed')
    assert pressed == ["true"]
    assert theirs.xpath('//button[@aria-pressed="true"]') == []
    keynote = session_named("Closing keynote")
    assert mine.xpath(f'//button[@value="{keynote.pk}"]/@name') == ["star"]


def test_starring_returns_to_the_session_with_the_confirmation_next_to_its_star(client, event):
    panel = session_named("Opening panel")

    response = star(client, panel, event.url + "?view=list")

    assert response["Location"] == f"{event.url}?view=list#session-{panel.pk}"
    tree = lxml_html.fromstring(client.get(response["Location"]).content)
    title = tree.get_element_by_id(f"session-{panel.pk}")  # the anchor
    entry = title.xpath('ancestor::div[contains(@class, "programme-entry")]')[0]
    confirmation = entry.xpath('.//*[@class="agenda-star__confirmation"]')
    assert len(confirmation) == 1
    assert "Added “Opening panel” to your agenda." in confirmation[0].text_content()
    # Shown once: the next view is quiet again.
    assert "agenda-star__confirmation" not in page_text(client, event.url)


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

    for url in (event.url, "/speakers/", session_named("Opening panel").url):
        header = lxml_html.fromstring(page_text(client, url)).xpath("//header")[0]
        link = header.xpath('.//a[@href="/calendar/agenda/"]')
        assert link and " ".join(link[0].text_content().split()) == "My agenda (2 sessions)"


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


def test_programme_etag_changes_when_the_reader_stars(client, event):
    etag = client.get(event.url)["ETag"]

    star(client, session_named("Opening panel"), event.url)
    client.get(event.url)  # the confirmation, shown once

    assert client.get(event.url, headers={"If-None-Match": etag}).status_code == 200


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
    assert html.count("<form") == html.count('id="agenda-star"') + html.count('role="search"')

    response = submit_star(client, event.url, panel)

    assert response["Location"] == f"{event.url}#session-{panel.pk}"
    assert list(AgendaItem.objects.values_list("session_id", flat=True)) == [panel.pk]
    submit_star(client, event.url, panel)  # now an "unstar" button
    assert not AgendaItem.objects.exists()


def test_session_page_star_keeps_the_reader_on_the_session(client, event):
    panel = session_named("Opening panel")

    response = submit_star(client, panel.url, panel)

    assert response["Location"] == f"{panel.url}#session-{panel.pk}"
    html = page_text(client, response["Location"])
    tree = lxml_html.fromstring(html)
    star = tree.get_element_by_id(f"session-{panel.pk}")
    assert star.xpath(".//button/@aria-pressed") == ["true"]
    assert "Added “Opening panel” to your agenda." in star.text_content()
    assert html.count("Added “Opening panel” to your agenda.") == 1


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
