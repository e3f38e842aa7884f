"""A form post declaring a charset the site cannot read gets 400, never 500:
on Recap's own form views whatever the host's middleware, and on every view
of a site with UndecodableFormMiddleware (issue 18)."""

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings

from recap.questions.models import DelegateQuestion, QuestionVote
from tests.questions.conftest import ask_url
from tests.questions.factories import DelegateQuestionFactory, page_browser

pytestmark = pytest.mark.django_db

MIDDLEWARE = "recap.core.requests.UndecodableFormMiddleware"
UNREADABLE = ["utf-16", "UTF-16LE", "utf-32", "latin-1", "nonsense", '"utf-16"', "", "utf8"]
URLENCODED = "application/x-www-form-urlencoded"


def browser_with_csrf(session):
    """A browser that showed the session page: CSRF cookie and token, as a
    real form post carries them."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    page = client.get(session.url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return client, token


def post(client, url, body, charset, content_type=URLENCODED):
    return client.generic(
        "POST", url, body.encode("utf-8"), content_type=f"{content_type}; charset={charset}"
    )


def multipart(fields):
    parts = [
        f'--XX\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    return "".join(parts) + "--XX--\r\n"


@pytest.fixture(params=["with the middleware", "without it"])
def middleware(request):
    """Recap's views refuse on their own: a host need not add the middleware."""
    if request.param == "without it":
        with override_settings(
            MIDDLEWARE=[m for m in django_settings.MIDDLEWARE if m != MIDDLEWARE]
        ):
            yield request.param
    else:
        yield request.param


@pytest.mark.parametrize("charset", UNREADABLE)
def test_ask_in_an_unreadable_charset_is_400(middleware, session, charset):
    client, token = browser_with_csrf(session)

    response = post(client, ask_url(session), f"csrfmiddlewaretoken={token}&text=Hello", charset)

    assert response.status_code == 400
    assert "character encoding" in response.content.decode()
    assert not DelegateQuestion.objects.exists()


@pytest.mark.parametrize("charset", UNREADABLE)
def test_vote_in_an_unreadable_charset_is_400(middleware, session, charset):
    question = DelegateQuestionFactory(session=session)
    client, token = browser_with_csrf(session)
    browser = page_browser()["browser"]

    urlencoded = post(
        client, f"/q/vote/{question.pk}/", f"csrfmiddlewaretoken={token}&browser={browser}", charset
    )
    as_multipart = post(
        client,
        f"/q/vote/{question.pk}/",
        multipart({"csrfmiddlewaretoken": token, "browser": browser}),
        charset,
        content_type="multipart/form-data; boundary=XX",
    )

    assert urlencoded.status_code == 400
    assert as_multipart.status_code == 400
    assert not QuestionVote.objects.exists()


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"'])
def test_vote_declaring_utf8_goes_through_with_its_csrf_check(middleware, session, charset):
    question = DelegateQuestionFactory(session=session)
    client, token = browser_with_csrf(session)
    browser = page_browser()["browser"]

    response = post(
        client, f"/q/vote/{question.pk}/", f"csrfmiddlewaretoken={token}&browser={browser}", charset
    )
    forged = post(client, f"/q/vote/{question.pk}/", f"browser={browser}", charset)

    assert response.status_code == 302
    assert forged.status_code == 403  # the CSRF check still applies
    assert QuestionVote.objects.count() == 1


@pytest.mark.parametrize("charset", ["utf-16", "nonsense"])
@pytest.mark.parametrize("url", ["/agenda/star/", "/admin/login/"])
def test_every_form_view_in_an_unreadable_charset_is_400_with_the_middleware(session, url, charset):
    client, token = browser_with_csrf(session)

    response = post(client, url, f"csrfmiddlewaretoken={token}&star={session.pk}", charset)

    assert MIDDLEWARE in django_settings.MIDDLEWARE
    assert response.status_code == 400
