"""Answers outlive the event: publishing a write-up marks cited questions answered."""

import json

import pytest
from lxml import html as lxml_html

from recap.questions.models import QuestionStatus
from recap.writeups.blocks import QuestionAnswerBlock
from tests.factories import WriteUpPageFactory
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db


def qa_body(*questions):
    return json.dumps(
        [
            {"type": "question", "value": {"question": q.pk, "answer": "<p>Our answer.</p>"}}
            for q in questions
        ]
        + [{"type": "heading", "value": {"text": "More", "level": "h2"}}]
    )


def test_publishing_a_writeup_marks_cited_questions_answered(db):
    cited = DelegateQuestionFactory()
    other = DelegateQuestionFactory()

    writeup = WriteUpPageFactory(revision=True, body=qa_body(cited))

    cited.refresh_from_db()
    other.refresh_from_db()
    assert cited.status == QuestionStatus.ANSWERED
    assert cited.answered_in_id == writeup.pk
    assert other.status == QuestionStatus.APPROVED
    assert other.answered_in_id is None


def test_draft_writeup_does_not_mark_answered(db):
    cited = DelegateQuestionFactory()
    writeup = WriteUpPageFactory(revision=True)
    writeup.body = qa_body(cited)
    writeup.save_revision()

    cited.refresh_from_db()
    assert cited.status == QuestionStatus.APPROVED


def test_session_page_links_answered_question_to_the_writeup(client, db):
    cited = DelegateQuestionFactory(text="What is the role of IC pros?")
    writeup = WriteUpPageFactory(revision=True, title="Answers from the panel", body=qa_body(cited))

    html = client.get(cited.session.url).content.decode()

    answer = f"{writeup.url}#question-{cited.pk}"
    assert f'Answered in <a href="{answer}">Answers from the panel</a>' in html


def test_answered_in_link_lands_on_the_answer_in_the_writeup(client, db):
    cited = DelegateQuestionFactory(text="Where can I find resources?")
    other = DelegateQuestionFactory(text="Who owns the account?")
    writeup = WriteUpPageFactory(revision=True, title="Answers", body=qa_body(other, cited))
    session_page = lxml_html.fromstring(client.get(cited.session.url).content.decode())
    href = session_page.xpath('//p[@class="recap-question__answered"]/a/@href')[0]
    path, anchor = href.split("#")

    target = lxml_html.fromstring(client.get(path).content.decode())

    assert path == writeup.url
    answer = target.get_element_by_id(anchor)
    assert "Where can I find resources?" in answer.text_content()
    assert "Our answer." in answer.text_content()


def test_question_answer_block_renders_the_question_escaped(db):
    question = DelegateQuestionFactory(text="<script>x</script> is it safe?", name="Ada")
    block = QuestionAnswerBlock()
    value = block.to_python({"question": question.pk, "answer": "<p>Yes.</p>"})

    html = block.render(value)

    assert "&lt;script&gt;x&lt;/script&gt; is it safe?" in html
    assert "Ada" in html
    assert "<p>Yes.</p>" in html


def test_question_answer_block_has_a_preview_value():
    assert "answer" in QuestionAnswerBlock().meta.preview_value


def test_publishing_emails_the_answer_once_to_the_asker_who_asked_for_it(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    wants = DelegateQuestionFactory(
        text="Where can I find resources?", email="ada@example.org", email_consent=True
    )
    silent = DelegateQuestionFactory(text="Did not ask for the answer", email="")
    not_cited = DelegateQuestionFactory(email="bob@example.org", email_consent=True)

    with django_capture_on_commit_callbacks(execute=True):
        writeup = WriteUpPageFactory(
            revision=True, title="Answers from the panel", body=qa_body(wants, silent)
        )
    with django_capture_on_commit_callbacks(execute=True):
        writeup.save_revision().publish()

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["ada@example.org"]
    assert "Where can I find resources?" in email.body
    assert f"http://localhost{writeup.url}#question-{wants.pk}" in email.body
    wants.refresh_from_db()
    assert wants.answer_emailed_at is not None
    not_cited.refresh_from_db()
    assert not_cited.answer_emailed_at is None


def test_a_draft_citing_a_question_emails_nobody(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    cited = DelegateQuestionFactory(email="ada@example.org", email_consent=True)
    writeup = WriteUpPageFactory(revision=True)

    with django_capture_on_commit_callbacks(execute=True):
        writeup.body = qa_body(cited)
        writeup.save_revision()

    assert mailoutbox == []


def test_the_answer_link_leads_to_the_answer_on_the_writeup(client, db):
    cited = DelegateQuestionFactory(text="Where can I find resources?")
    writeup = WriteUpPageFactory(revision=True, body=qa_body(cited))

    html = client.get(writeup.url).content.decode()

    assert f'id="question-{cited.pk}"' in html


def test_a_private_writeup_emails_nobody_until_it_is_public(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    cited = DelegateQuestionFactory(email="ada@example.org", email_consent=True)
    writeup = WriteUpPageFactory(revision=True)
    restriction = PageViewRestriction.objects.create(
        page=writeup, restriction_type=PageViewRestriction.LOGIN
    )
    writeup.body = qa_body(cited)

    with django_capture_on_commit_callbacks(execute=True):
        writeup.save_revision().publish()
    sent_while_private = len(mailoutbox)
    restriction.delete()
    with django_capture_on_commit_callbacks(execute=True):
        writeup.save_revision().publish()

    assert sent_while_private == 0
    assert [email.to for email in mailoutbox] == [["ada@example.org"]]


def test_a_question_asked_at_a_private_session_is_quoted_without_the_session(client, db):
    from wagtail.models import PageViewRestriction

    cited = DelegateQuestionFactory(text="Where do we start?")
    cited.session.title = "Closed-door board briefing"
    cited.session.save()
    PageViewRestriction.objects.create(
        page=cited.session, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    writeup = WriteUpPageFactory(revision=True, body=qa_body(cited))

    html = client.get(writeup.url).content.decode()

    assert "Where do we start?" in html
    assert "Closed-door board briefing" not in html
