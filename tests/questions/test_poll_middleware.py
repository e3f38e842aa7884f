"""Present mode's unchanged polls are answered by PresentPollMiddleware,
before the rest of the middleware and the URLconf, with the same 304 the view
gives; anything else goes on to the view."""

import pytest
from django.test import override_settings

from recap.questions.middleware import PresentPollMiddleware, poll_path_pattern
from recap.questions.models import DelegateQuestion
from recap.questions.shortcodes import session_code
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

POLL = "recap.questions.middleware.PresentPollMiddleware"
COMPARED = ["ETag", "Cache-Control", "Vary", "Content-Security-Policy", "Permissions-Policy"]


def data_url(session, prefix=""):
    return f"{prefix}/q/{session_code(session)}/present.json"


@pytest.fixture
def views_seen():
    """Which requests reached the view."""
    from django.urls import get_resolver

    from recap.questions import views

    seen = []
    view = views.present_data

    def spy(request, code):
        seen.append(request.path)
        return view(request, code)

    # The URLconf holds the function itself: route it through the spy.

    for pattern in get_resolver().url_patterns:
        _replace_callback(pattern, view, spy)
    yield seen
    for pattern in get_resolver().url_patterns:
        _replace_callback(pattern, spy, view)


def _replace_callback(pattern, old, new):
    if hasattr(pattern, "url_patterns"):
        for inner in pattern.url_patterns:
            _replace_callback(inner, old, new)
    elif getattr(pattern, "callback", None) is old:
        pattern.callback = new


def headers(response):
    return {name: response.get(name) for name in COMPARED}


def test_an_unchanged_poll_never_reaches_the_view(client, session, views_seen):
    etag = client.get(data_url(session))["ETag"]
    assert views_seen == [data_url(session)]

    response = client.get(data_url(session), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert views_seen == [data_url(session)]  # answered before the view


@pytest.mark.parametrize("prefix", ["", "/fr"])
def test_its_304_carries_the_headers_of_the_views_304(client, session, settings, prefix):
    etag = client.get(data_url(session, prefix))["ETag"]
    fast = client.get(data_url(session, prefix), HTTP_IF_NONE_MATCH=etag)

    with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != POLL]):
        slow = client.get(data_url(session, prefix), HTTP_IF_NONE_MATCH=etag)

    assert fast.status_code == slow.status_code == 304
    assert headers(fast) == headers(slow)
    assert fast["ETag"] == etag


def test_a_poll_after_a_change_goes_to_the_view(client, session, views_seen):
    etag = client.get(data_url(session))["ETag"]
    DelegateQuestionFactory(session=session)  # bumps the version

    response = client.get(data_url(session), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert len(views_seen) == 2


def test_an_unchanged_poll_costs_one_query_whatever_the_cache_holds(
    client, session, views_seen, django_assert_max_num_queries
):
    etag = client.get(data_url(session))["ETag"]
    from django.core.cache import cache

    cache.clear()

    with django_assert_max_num_queries(1):
        response = client.get(data_url(session), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert views_seen == [data_url(session)]  # answered before the view


def test_a_moderation_in_the_admin_goes_to_the_view_at_the_next_poll(client, session, views_seen):
    from recap.questions.moderation import moderate

    question = DelegateQuestionFactory(session=session, status="pending")
    etag = client.get(data_url(session))["ETag"]
    # What the queue, a bulk action and a shell call: an update, no signal.
    moderate(DelegateQuestion.objects.filter(pk=question.pk), "approve")

    response = client.get(data_url(session), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert [q["text"] for q in response.json()["top"]] == [question.text]
    assert len(views_seen) == 2


def test_other_addresses_and_methods_are_left_alone(rf):
    reached = []
    middleware = PresentPollMiddleware(lambda request: reached.append(request.path) or "view")
    for request in (
        rf.get("/q/1/present/", HTTP_IF_NONE_MATCH='"x"'),
        rf.get("/q/1/present.json.bak", HTTP_IF_NONE_MATCH='"x"'),
        rf.post("/q/1/present.json", HTTP_IF_NONE_MATCH='"x"'),
        rf.get("/q/1/present.json"),
    ):
        assert middleware(request) == "view"
    assert len(reached) == 4


def test_the_pattern_follows_the_urlconf_in_every_language():
    pattern = poll_path_pattern()

    assert pattern.match("/q/z9/present.json").group(1) == "z9"
    assert pattern.match("/fr/q/Z9/present.json").group(1) == "Z9"
    assert pattern.match("/de/q/z9/present.json") is None
    assert pattern.match("/q/il/present.json") is None  # not Crockford's base32
