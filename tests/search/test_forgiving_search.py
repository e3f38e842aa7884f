"""Search that forgives, on factories: topics indexed on every save, "Did
you mean" only from what the public may see, and a bounded number of
queries however many records the corrections look through."""

import pytest
from wagtail.models import PageViewRestriction

from recap.events.models import SessionTopic
from recap.resources.models import ResourceTopic, Topic
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    TopicFactory,
    WriteUpPageFactory,
)
from tests.search.test_demo_search import suggestion
from tests.search.test_search import result_titles

pytestmark = pytest.mark.django_db


def test_topic_is_found_once_saved_and_by_its_new_name(client):
    topic = TopicFactory(name="Wayfinding", slug="wayfinding")
    assert result_titles(client.get("/search/", {"q": "wayfinding"})) == ["Wayfinding"]

    topic.name = "Signposting"
    topic.save()

    assert result_titles(client.get("/search/", {"q": "signposting"})) == ["Signposting"]
    assert result_titles(client.get("/search/", {"q": "wayfinding"})) == []


def test_renamed_topic_finds_what_is_tagged_with_it(client):
    topic = TopicFactory(name="Wayfinding", slug="wayfinding")
    resource = ResourceFactory(title="A handbook")
    ResourceTopic.objects.create(tag=topic, content_object=resource)
    session = SessionPageFactory(title="Crossings that work")
    SessionTopic.objects.create(tag=topic, content_object=session)
    session.save_revision().publish()
    resource.save()

    topic.name = "Signposting"
    topic.save()

    titles = result_titles(client.get("/search/", {"q": "signposting"}))
    assert sorted(titles) == ["A handbook", "Crossings that work", "Signposting"]


def test_renamed_author_finds_their_writeups(client):
    author = SpeakerFactory(name="Rosalind Quennell")
    WriteUpPageFactory(title="What we learned", author=author)

    author.name = "Rosalind Fairweather"
    author.save()

    response = client.get("/search/", {"q": "Fairweather", "type": "writeup"})
    assert result_titles(response) == ["What we learned"]


def test_topic_made_by_tagging_a_page_is_found(client):
    session = SessionPageFactory(title="Crossings that work")
    session.topics.add("Wayfinding")
    session.save_revision().publish()

    assert Topic.objects.filter(name="Wayfinding").exists()
    assert "Wayfinding" in result_titles(client.get("/search/", {"q": "wayfinding"}))


def test_misspelt_name_is_found_and_corrected(client):
    SpeakerFactory(name="Ottoline Vantongeren")

    response = client.get("/search/", {"q": "vantongren"})

    assert result_titles(response) == ["Ottoline Vantongeren"]
    assert suggestion(response) == ("Vantongeren", "?q=Vantongeren")


def test_did_you_mean_never_offers_a_private_pages_words(client):
    event = EventPageFactory(title="Open summit")
    private = SessionPageFactory(parent=event, title="Zanzibar fireside")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    response = client.get("/search/", {"q": "zanzibr"})

    assert result_titles(response) == []
    assert suggestion(response) is None
    assert "Zanzibar" not in response.content.decode()


def test_did_you_mean_is_not_offered_when_the_words_find_plenty(client):
    for n in range(3):
        ResourceFactory(title=f"Wayfinding guide {n}")
    SpeakerFactory(name="Wayfindr Jones")

    response = client.get("/search/", {"q": "wayfinding"})

    assert len(result_titles(response)) == 3
    assert suggestion(response) is None


@pytest.mark.parametrize("count", [5, 25])
def test_corrections_cost_the_same_queries_at_any_size(
    client, django_assert_max_num_queries, count
):
    event = EventPageFactory(title="Streets summit")
    for n in range(count):
        SessionPageFactory(parent=event, title=f"Crossings clinic {n}")
        SpeakerFactory(name=f"Ottoline Vantongeren{n}")
        ResourceFactory(title=f"Crossings reading {n}")
    SpeakerFactory(name="Wilhelmina Okonkwo")
    client.get("/search/", {"q": "warm up"})

    # The search of every type twice (as typed, then with the corrections),
    # and one query per type of title for the corrections.
    with django_assert_max_num_queries(70):
        response = client.get("/search/", {"q": "okonkow"})

    assert result_titles(response) == ["Wilhelmina Okonkwo"]
    assert suggestion(response) == ("Okonkwo", "?q=Okonkwo")
