"""The client's address behind proxies: a missing or malformed header falls
back to REMOTE_ADDR, a comma list is read as proxies write it, and no ask or
vote ever answers 500 for it (issue 18)."""

import pytest
from django.test import Client, RequestFactory

from recap.questions.models import DelegateQuestion
from recap.questions.ratelimit import UNKNOWN_ADDRESS, client_ip
from tests.questions.conftest import ask_data, ask_url
from tests.questions.factories import DelegateQuestionFactory, page_browser

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
HOSTILE_HEADERS = {
    "missing": None,
    "empty": "",
    "garbage": "<script>not an address</script>",
    "comma list": "198.51.100.1, 203.0.113.9",
    "comma list with garbage": "nonsense, 203.0.113.9",
    "only commas": " , ,",
    "IPv6": "2001:db8::17",
    "IPv6 in a list": "198.51.100.1, 2001:db8::17",
    "bracketed IPv6 with a port": "[2001:db8::17]:443",
    "very long": "1." * 5000,
}


def request_with(header_value, remote_addr=PROXY, meta_key="HTTP_X_FORWARDED_FOR"):
    meta = {"REMOTE_ADDR": remote_addr}
    if header_value is not None:
        meta[meta_key] = header_value
    return RequestFactory().get("/", **meta)


def test_without_a_header_setting_it_is_remote_addr(settings):
    settings.RECAP_CLIENT_IP_HEADER = None
    settings.RATELIMIT_IP_META_KEY = None

    assert client_ip(request_with("198.51.100.1", remote_addr="192.0.2.5")) == "192.0.2.5"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("198.51.100.1", "198.51.100.1"),
        ("198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the right-most: what our proxy saw
        ("198.51.100.1,203.0.113.9 ", "203.0.113.9"),
        ("2001:DB8::17", "2001:db8::17"),
        ("[2001:db8::17]:443", "2001:db8::17"),
        ("203.0.113.9:51234", "203.0.113.9"),
        (None, PROXY),
        ("", PROXY),
        ("unknown", PROXY),
        ("198.51.100.1, not-an-ip", PROXY),  # never a spoofable address further left
        ("999.1.1.1", PROXY),
    ],
)
def test_forwarded_header_is_read_as_proxies_write_it(settings, header, expected):
    settings.RECAP_CLIENT_IP_HEADER = "X-Forwarded-For"

    assert client_ip(request_with(header)) == expected


def test_two_trusted_proxies_take_the_second_address_from_the_right(settings):
    settings.RECAP_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.RECAP_TRUSTED_PROXIES = 2

    # client-sent spoof, the client, what the CDN saw of the CDN... (each proxy appends)
    assert client_ip(request_with("1.2.3.4, 198.51.100.1, 203.0.113.9")) == "198.51.100.1"
    assert client_ip(request_with("203.0.113.9")) == PROXY  # shorter than the chain


def test_ratelimit_meta_key_naming_a_header_is_read_the_same_way(settings):
    settings.RECAP_CLIENT_IP_HEADER = None
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"

    assert client_ip(request_with("203.0.113.9", meta_key="HTTP_X_REAL_IP")) == "203.0.113.9"
    assert client_ip(request_with(None, meta_key="HTTP_X_REAL_IP")) == PROXY


def test_unusable_remote_addr_shares_one_key(settings):
    settings.RECAP_CLIENT_IP_HEADER = None
    settings.RATELIMIT_IP_META_KEY = None

    assert client_ip(request_with(None, remote_addr="")) == UNKNOWN_ADDRESS


@pytest.fixture(params=["plain key", "recap callable", "recap header setting"])
def proxy_settings(request, settings):
    """The ways a host may configure its proxy header, as the docs show them."""
    if request.param == "plain key":
        settings.RATELIMIT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    elif request.param == "recap callable":
        settings.RATELIMIT_IP_META_KEY = "recap.questions.ratelimit.client_ip"
        settings.RECAP_CLIENT_IP_HEADER = "X-Forwarded-For"
    else:
        settings.RECAP_CLIENT_IP_HEADER = "X-Forwarded-For"
    return settings


@pytest.mark.parametrize("case", list(HOSTILE_HEADERS))
def test_ask_with_any_proxy_header_is_never_a_500(proxy_settings, session, case):
    header = HOSTILE_HEADERS[case]
    extra = {} if header is None else {"HTTP_X_FORWARDED_FOR": header}
    client = Client(REMOTE_ADDR=PROXY)

    response = client.post(ask_url(session), ask_data(text=f"Asked with {case} header"), **extra)

    assert response.status_code == 302
    assert DelegateQuestion.objects.filter(text=f"Asked with {case} header").exists()


@pytest.mark.parametrize("case", list(HOSTILE_HEADERS))
def test_vote_with_any_proxy_header_is_never_a_500(proxy_settings, session, case):
    header = HOSTILE_HEADERS[case]
    extra = {} if header is None else {"HTTP_X_FORWARDED_FOR": header}
    question = DelegateQuestionFactory(session=session)

    response = Client(REMOTE_ADDR=PROXY).post(
        f"/q/vote/{question.pk}/", page_browser(), HTTP_ACCEPT="application/json", **extra
    )

    assert response.status_code == 200
    assert response.json()["counted"] is True


def test_votes_from_behind_the_proxy_are_limited_per_client_not_per_proxy(session, settings):
    settings.RECAP_CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.RECAP_QUESTIONS_RATES = {"vote": {"ip": "2/m"}}
    question = DelegateQuestionFactory(session=session)

    def vote(address):
        return Client(REMOTE_ADDR=PROXY).post(
            f"/q/vote/{question.pk}/", page_browser(), HTTP_X_FORWARDED_FOR=address
        )

    codes = [vote("198.51.100.1").status_code for _ in range(3)]
    other = vote("198.51.100.2").status_code

    assert codes == [302, 302, 429]
    assert other == 302
