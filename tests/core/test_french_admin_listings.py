"""The speaker and resource listings in a French editor's admin (issue 11):
the "Updated" column follows the editor's language, not the one at start-up."""

import pytest
from django.urls import reverse
from lxml import html as lxml_html
from wagtail.users.models import UserProfile

from tests.factories import ResourceFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_admin(admin_client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "fr"
    profile.save()
    return admin_client


@pytest.mark.parametrize(
    "url_name, factory",
    [
        ("wagtailsnippets_recap_speakers_speaker:list", SpeakerFactory),
        ("wagtailsnippets_recap_resources_resource:list", ResourceFactory),
    ],
)
def test_listing_column_headings_are_french(french_admin, url_name, factory):
    factory()

    response = french_admin.get(reverse(url_name))

    tree = lxml_html.fromstring(response.content.decode())
    headings = {" ".join(th.text_content().split()) for th in tree.xpath("//thead//th")}
    assert "Mis à jour" in headings
    assert "Updated" not in headings
