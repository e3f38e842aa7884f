"""CSV export: attachment, no email, safe against formula injection."""

import csv
import io

import pytest

from recap.questions.exports.csv import neutralise
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

EXPORT = "/admin/recap-questions/export/"


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rCarriage", "'\rCarriage"),
        ("What about =this?", "What about =this?"),
        ("", ""),
        (3, "3"),
    ],
)
def test_neutralise_prefixes_formula_cells(value, expected):
    assert neutralise(value) == expected


def test_export_session_is_an_attachment_without_email(admin_client):
    question = DelegateQuestionFactory(
        text="=cmd|' /C calc'!A0 what now?",
        name="@Ada",
        organisation="-Acme",
        email="ada@example.org",
        email_consent=True,
    )
    DelegateQuestionFactory(text="Another session's question")

    response = admin_client.get(EXPORT, {"session": question.session_id})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    body = response.content.decode("utf-8-sig")
    assert "ada@example.org" not in body
    assert "Another session's question" not in body
    header, row = rows(response)
    assert "email" not in " ".join(header).lower()
    assert row[3] == "'=cmd|' /C calc'!A0 what now?"
    assert row[4] == "'@Ada"
    assert row[5] == "'-Acme"


def test_export_event_includes_all_its_sessions(admin_client):
    first = DelegateQuestionFactory(text="First session question")
    parent = first.session.get_parent()
    from tests.factories import SessionPageFactory

    other = DelegateQuestionFactory(
        session=SessionPageFactory(parent=parent.specific), text="Second session question"
    )

    response = admin_client.get(EXPORT, {"event": parent.pk})

    texts = [row[3] for row in rows(response)[1:]]
    assert sorted(texts) == sorted([first.text, other.text])


def test_export_refused_without_moderation_permission(client, editor):
    question = DelegateQuestionFactory()
    client.force_login(editor)

    response = client.get(EXPORT, {"session": question.session_id})

    assert not response.get("Content-Type", "").startswith("text/csv")


def test_queue_filtered_by_session_offers_the_export(client, moderator):
    question = DelegateQuestionFactory()
    client.force_login(moderator)

    html = client.get(
        "/admin/recap_questions/delegatequestion/",
        {"session__page_ptr__exact": question.session_id},
    ).content.decode()

    assert f"{EXPORT}?session={question.session_id}" in html
