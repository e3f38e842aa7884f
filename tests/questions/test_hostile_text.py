"""Hostile text: what is stored and what every output shows."""

import csv
import io

import pytest

from recap.questions.models import DelegateQuestion
from recap.questions.shortcodes import session_code
from tests.questions.conftest import ask_data, ask_url
from tests.questions.factories import question_settings

pytestmark = pytest.mark.django_db

# (typed, stored, must never appear raw in HTML)
HOSTILE = [
    pytest.param(
        "<script>alert('x')</script>Is our intranet safe?",
        "alert('x')Is our intranet safe?",
        "<script>alert(",
        id="script-tag",
    ),
    pytest.param(
        '<img src=x onerror="alert(1)">Can images run code here?',
        "Can images run code here?",
        "<img src=x onerror",
        id="event-handler",
    ),
    pytest.param(
        '<a href="javascript:alert(1)">Click this link</a> for the slides?',
        "Click this link for the slides?",
        'href="javascript:alert',
        id="javascript-url",
    ),
    pytest.param(
        "&lt;script&gt;alert(2)&lt;/script&gt; stripped too?",
        "alert(2) stripped too?",
        "<script>alert(2)",
        id="escaped-script",
    ),
    pytest.param(
        "Is a < b when b &gt; a?",
        "Is a < b when b > a?",
        None,
        id="less-than",
    ),
    pytest.param(
        '=HYPERLINK("http://evil.example","prize") claim it?',
        '=HYPERLINK("http://evil.example","prize") claim it?',
        None,
        id="formula",
    ),
    pytest.param(
        "Is the file invoice\u202egpj.exe safe to open?",
        "Is the file invoicegpj.exe safe to open?",
        "\u202e",
        id="rtl-override",
    ),
    pytest.param(
        "Как дела? 你好 👋🏽 مرحبا — what is the plan?",
        "Как дела? 你好 👋🏽 مرحبا — what is the plan?",
        None,
        id="emoji-and-scripts",
    ),
    pytest.param(
        "A question\x00 with NUL\x07 and other controls",
        "A question with NUL and other controls",
        "\x00",
        id="nul-bytes",
    ),
]


@pytest.fixture
def open_session(session):
    question_settings(session, questions_auto_approve=True)
    session.save_revision().publish()
    return session


@pytest.mark.parametrize(("typed", "stored", "forbidden"), HOSTILE)
def test_hostile_text_is_stored_clean_and_rendered_escaped(
    client, admin_client, open_session, typed, stored, forbidden
):
    client.post(ask_url(open_session), ask_data(text=typed, name="<b>Eve</b> \u202eX"))

    question = DelegateQuestion.objects.get()
    assert question.text == stored
    assert question.name == "Eve X"

    page = client.get(open_session.url).content.decode()
    admin_list = admin_client.get("/admin/recap_questions/delegatequestion/").content.decode()
    present = client.get(f"/q/{session_code(open_session)}/present/").content.decode()
    for html in (page, admin_list, present):
        if forbidden:
            assert forbidden not in html
        assert "<b>Eve</b>" not in html
    if "<" in stored:
        assert "a &lt; b when b &gt; a" in page
        assert "a &lt; b when b &gt; a" in admin_list

    data = client.get(f"/q/{session_code(open_session)}/present.json")
    assert "<" not in data.content.decode()
    assert data.json()["top"][0]["text"] == stored

    export = admin_client.get(f"/admin/recap-questions/export/?session={open_session.pk}")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    cell = rows[1][3]
    if stored.startswith("="):
        assert cell == "'" + stored
    else:
        assert cell == stored


def test_hostile_text_of_10000_characters_is_refused_and_kept_escaped(client, open_session):
    typed = ("<script>alert(1)</script>" + "a" * 10_000)[:10_000]

    response = client.post(ask_url(open_session), ask_data(text=typed))

    html = response.content.decode()
    assert response.status_code == 400
    assert "keep it to 500 characters or fewer" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;aaaa" in html
    assert "<script>alert(1)" not in html
    assert not DelegateQuestion.objects.exists()
