"""A French editor sees the event and session editors' field labels in French
(issue 11): every field has a translatable verbose name, not the English label
Django makes from the field's name."""

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import html as lxml_html
from wagtail.users.models import UserProfile

from recap.events.models import EventPage, SessionPage
from recap.questions.models import DelegateQuestion
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_admin(admin_client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "fr"
    profile.save()
    return admin_client


def labels(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content.decode())
    return {" ".join(label.text_content().split()) for label in tree.xpath("//label")}


def test_event_editor_labels_are_french_for_a_french_editor(french_admin):
    shown = labels(french_admin, EventPageFactory())

    for label in (
        "Début*",
        "Fin*",
        "Fuseau horaire*",
        "Nom du lieu",
        "Adresse du lieu",
        "Ville",
        "Pays",
        "Latitude",
        "Organisateur",
        "Mot-dièse",
        "Site web",
    ):
        assert label in shown, label
    assert not {"Venue name", "City", "Organiser", "Time zone*"} & shown


def test_session_editor_labels_are_french_for_a_french_editor(french_admin):
    shown = labels(french_admin, SessionPageFactory())

    for label in ("Type*", "Parcours", "Questions ouvertes", "Fermeture des questions"):
        assert label in shown, label
    assert not {"Kind*", "Track", "Questions open", "Questions close at"} & shown


def test_model_names_and_labels_are_french():
    with translation.override("fr"):
        assert str(DelegateQuestion._meta.verbose_name_plural) == "questions des participants"
        assert str(DelegateQuestion._meta.get_field("text").verbose_name) == "question"
        assert str(DelegateQuestion._meta.get_field("moderator_note").verbose_name) == (
            "note du modérateur"
        )
        assert str(EventPage._meta.get_field("hero_image").verbose_name) == "image de bandeau"
        assert str(SessionPage._meta.get_field("abstract").verbose_name) == "résumé"
