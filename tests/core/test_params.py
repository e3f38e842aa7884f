"""Hostile query strings get 400 or an empty result, never a 500."""

import pytest

from recap.core.params import positive_int, positive_ints, text
from recap.resources.models import ResourceLibraryPage
from tests.factories import SessionPageFactory, SpeakerIndexPageFactory, site_root
from tests.questions.factories import DelegateQuestionFactory

HOSTILE_NUMBERS = ["²", "1" * 30, "%00"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), (" 7 ", 7), ("²", None), ("٣", None), ("1" * 30, None), ("0", None)]
    + [("-1", None), ("", None), (None, None), ("2147483647", 2147483647)]
    + [("2147483648", None), ("1\x00", None)],
)
def test_positive_int_takes_only_ascii_digits_in_range(value, expected):
    assert positive_int(value) == expected


def test_positive_int_with_minimum_zero_takes_zero():
    assert positive_int("0", minimum=0) == 0


def test_positive_ints_leaves_out_the_bad_ones():
    assert positive_ints(["1", "²", "x", "9" * 30, "3"]) == [1, 3]


def test_text_drops_control_characters():
    assert text(" a\x00b\x1b ", max_length=10) == "ab"


@pytest.fixture
def site(db):
    """Pages every URL below needs."""
    SpeakerIndexPageFactory()
    library = ResourceLibraryPage(title="Resources", slug="resources")
    site_root().add_child(instance=library)
    session = SessionPageFactory()
    DelegateQuestionFactory(session=session)
    return session


PUBLIC_URLS = [
    "/search/?q=panel&event={}",
    "/search/?q=panel&year={}",
    "/search/?q={}",
    "/search/?type=recap_events.SessionPage&q=panel&page={}",
    "/search/autocomplete/?q={}",
    "/speakers/?event={}",
    "/speakers/?organisation={}&topic={}",
    "/speakers/?page={}",
    "/resources/?event={}",
    "/resources/?speaker={}&topic={}",
    "/resources/?page={}",
    "/api/v2/pages/?offset={}",
    "/api/v2/pages/?limit={}",
    "/api/v2/pages/?type=recap_events.SessionPage&event={}",
    "/api/v2/pages/?type=recap_events.SessionPage&speaker={}",
    "/api/v2/pages/?id={}",
    "/api/v2/pages/?child_of={}",
    "/api/v2/pages/?search={}",
    "/api/v2/speakers/?offset={}",
    "/api/v2/resources/?offset={}",
    "/api/v2/pages/{}/",
]


@pytest.mark.search_index
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_hostile_query_string_is_a_bad_request_or_an_empty_result(client, site, url):
    statuses = {
        value: client.get(url.replace("{}", value)).status_code for value in HOSTILE_NUMBERS
    }

    assert set(statuses.values()) <= {200, 400, 404}, statuses


ADMIN_URLS = [
    "/admin/recap-questions/export/?session={}",
    "/admin/recap-questions/export/?event={}",
    "/admin/recap-questions/capture/?session={}",
    "/admin/recap_questions/delegatequestion/?session__id__exact={}",
    "/admin/recap_questions/delegatequestion/history/{}/",
    "/admin/recap_question_chooser/chosen/{}/",
    "/admin/recap_question_chooser/chosen-multiple/?id={}",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_hostile_query_string_in_the_admin_is_not_an_error(admin_client, site, url):
    statuses = {
        value: admin_client.get(url.replace("{}", value)).status_code for value in HOSTILE_NUMBERS
    }

    assert set(statuses.values()) <= {200, 302, 400, 404}, statuses


def test_hostile_ids_in_moderation_actions_are_not_an_error(admin_client, site):
    posts = [{"single": f"approve:{value}"} for value in ("²", "1" * 30, "1\x00")]
    posts += [{"action": "approve", "ids": [value]} for value in ("²", "1" * 30, "1\x00")]

    statuses = [
        admin_client.post("/admin/recap-questions/moderate/", data).status_code for data in posts
    ]

    assert statuses == [302] * len(posts)
