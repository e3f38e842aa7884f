"""A French delegate, moderator or asker sees questions in French (issue 11):
the ask form and its validation messages, the vote button and the texts the
page's scripts show (written by the templates), present mode, the moderation
CSV and the answer email, sent in the language active when it is sent.
English stays the default; French is switched on with `translation.override`
(the site is not bilingual by URL yet)."""

import json

import pytest
from django.utils import translation

from recap.questions.exports.csv import COLUMNS, question_rows
from recap.questions.models import DelegateQuestion
from recap.questions.shortcodes import session_code
from tests.factories import WriteUpPageFactory
from tests.questions.conftest import ask_data, ask_url
from tests.questions.factories import DelegateQuestionFactory
from tests.questions.test_answers import qa_body
from tests.translating import french_url

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"  # French typography: a non-breaking space before a colon


def test_ask_form_is_french_for_a_french_delegate(client, session):
    with translation.override("fr"):
        html = client.get(french_url(session.url)).content.decode()

    assert "<h3>Poser une question</h3>" in html
    assert "Votre question" in html
    assert "Entre 10 et 500 caractères." in html
    assert "Envoyer ma question" in html
    # What the scripts show comes from the template, in the page's language.
    assert 'data-format="{length} caractères sur {max}"' in html
    assert 'data-waiting="En attente d’un modérateur' in html


def test_ask_form_script_texts_are_english_by_default(client, session):
    html = client.get(session.url).content.decode()

    assert 'data-format="{length} of {max} characters"' in html
    assert 'data-format-short="{length} of {max} characters: too short"' in html


def test_ask_validation_message_is_french_for_a_french_delegate(client, session):
    with translation.override("fr"):
        response = client.post(french_url(ask_url(session)), ask_data(text="Pourquoi"))

    html = response.content.decode()
    assert response.status_code == 400
    assert f"Votre question est trop courte{NBSP}: écrivez au moins 10 caractères." in html
    assert "Veuillez vérifier votre question" in html
    assert not DelegateQuestion.objects.exists()


def test_ask_confirmation_is_french_as_json_too(client, session):
    with translation.override("fr"):
        response = client.post(
            french_url(ask_url(session)), ask_data(), HTTP_ACCEPT="application/json"
        )

    assert json.loads(response.content)["message"].startswith(
        f"Merci{NBSP}: votre question a été envoyée."
    )


def test_vote_button_is_french_for_a_french_delegate(client, session):
    DelegateQuestionFactory(session=session, votes=2)

    with translation.override("fr"):
        html = client.get(french_url(session.url)).content.decode()

    assert 'data-voted="Vote enregistré"' in html
    assert "<span data-recap-votes>2</span> <span data-recap-votes-word>votes" in html
    assert '>Voter<span class="visually-hidden"> pour cette question</span></button>' in html


def test_present_mode_is_french_for_a_french_room(client, session):
    with translation.override("fr"):
        html = client.get(french_url(f"/q/{session_code(session)}/present/")).content.decode()

    assert "Questions les plus votées" in html
    assert 'data-answered-in="réponse dans"' in html
    assert "Code QR" in html


def test_csv_header_and_cells_are_french_for_a_french_moderator(session):
    DelegateQuestionFactory(session=session, highlighted=True)

    with translation.override("fr"):
        header = [str(column) for column in COLUMNS]
        row = next(question_rows(DelegateQuestion.objects.all()))

    assert header[:4] == ["id", "événement", "session", "question"]
    assert "posée le (UTC)" in header
    assert "Approuvée" in row
    assert "oui" in row


def test_answer_email_is_french_when_sent_with_french_active(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    asker = DelegateQuestionFactory(
        text="Où trouver des ressources ?", email="ada@example.org", email_consent=True
    )
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        WriteUpPageFactory(
            title="Les réponses de la table ronde", body=qa_body(asker), revision=True
        )

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.subject == "Votre question a reçu une réponse"
    assert email.body.startswith("Bonjour,")
    assert f"« Les réponses de la table ronde » répond à votre question{NBSP}:" in (
        email.body.replace("«\u00a0", "« ").replace("\u00a0»", " »")
    )


def test_answer_email_is_english_by_default(db, mailoutbox, django_capture_on_commit_callbacks):
    asker = DelegateQuestionFactory(email="ada@example.org", email_consent=True)
    with django_capture_on_commit_callbacks(execute=True):
        WriteUpPageFactory(body=qa_body(asker), revision=True)

    assert mailoutbox[0].subject == "Your question has been answered"
    assert mailoutbox[0].body.startswith("Hello,")


def test_moderation_queue_is_french_for_a_french_moderator(client, moderator, session):
    from django.urls import reverse
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "fr"
    profile.save()
    DelegateQuestionFactory(session=session, status="pending")
    client.force_login(moderator)

    html = client.get(reverse("recap_questions_delegatequestion_modeladmin_index")).content.decode()

    assert "Questions des participants" in html
    assert "question de participants" not in html.lower()
    assert "Par statut" in html and "Par mise en avant" in html
    assert '<span class="w-sr-only">Sélectionner</span>' in html
    assert "Marquer comme traitée" in html
    assert "En attente" in html
