"""Searching Recap's admin listings answers with the matching records, on
SQLite (the database `wagtail start` gives a host) and on PostgreSQL, with
the search backend indexing or not."""

import pytest
from django.apps import apps
from django.urls import reverse
from lxml import html as lxml_html

from tests.factories import ResourceFactory, SessionPageFactory, SpeakerFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


def listed(response):
    tree = lxml_html.fromstring(response.content.decode())
    return " ".join(" ".join(row.text_content().split()) for row in tree.xpath("//tbody//tr"))


@pytest.mark.parametrize(
    ("url_name", "make", "query", "shown", "hidden"),
    [
        (
            "wagtailsnippets_recap_speakers_speaker:list",
            lambda: (SpeakerFactory(name="Ada Quill"), SpeakerFactory(name="Bo Zhang")),
            "Quill",
            "Ada Quill",
            "Bo Zhang",
        ),
        (
            "wagtailsnippets_recap_resources_resource:list",
            lambda: (
                ResourceFactory(title="Maturity model report"),
                ResourceFactory(title="Podcast on listening"),
            ),
            "maturity",
            "Maturity model report",
            "Podcast on listening",
        ),
        (
            "wagtailsnippets_recap_resources_topic:list",
            lambda: (TopicFactory(name="Employee voice"), TopicFactory(name="Governance")),
            "voice",
            "Employee voice",
            "Governance",
        ),
    ],
    ids=["speakers", "resources", "topics"],
)
def test_admin_listing_search_finds_the_matching_record(
    admin_client, url_name, make, query, shown, hidden
):
    make()

    response = admin_client.get(reverse(url_name), {"q": query})

    assert response.status_code == 200
    assert shown in listed(response)
    assert hidden not in listed(response)


@pytest.mark.parametrize(
    ("url_name", "make", "query", "shown", "hidden"),
    [
        (
            "wagtailsnippetchoosers_recap_speakers_speaker:choose_results",
            lambda: (SpeakerFactory(name="Ada Quill"), SpeakerFactory(name="Bo Zhang")),
            "Quill",
            "Ada Quill",
            "Bo Zhang",
        ),
        (
            "wagtailsnippetchoosers_recap_resources_resource:choose_results",
            lambda: (
                ResourceFactory(title="Maturity model report"),
                ResourceFactory(title="Podcast on listening"),
            ),
            "maturity",
            "Maturity model report",
            "Podcast on listening",
        ),
    ],
    ids=["speakers", "resources"],
)
def test_admin_chooser_search_finds_the_matching_record(
    admin_client, url_name, make, query, shown, hidden
):
    make()

    response = admin_client.get(reverse(url_name), {"q": query})

    assert response.status_code == 200
    assert shown in listed(response)
    assert hidden not in listed(response)


@pytest.mark.questions
def test_admin_question_search_finds_the_matching_question(admin_client):
    # Through the app registry: this module also runs without recap.questions.
    questions = apps.get_model("recap_questions", "DelegateQuestion").objects
    session = SessionPageFactory()
    for text in ("Where can I find the maturity model?", "Who moderates the panel?"):
        questions.create(session=session, event=session.get_parent().specific, text=text)

    response = admin_client.get(
        reverse("recap_questions_delegatequestion_modeladmin_index"), {"q": "maturity"}
    )

    assert response.status_code == 200
    assert "maturity model" in listed(response)
    assert "Who moderates" not in listed(response)
