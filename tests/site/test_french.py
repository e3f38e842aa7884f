"""The reference site's home page, header and footer in French (issue 11)."""

import pytest
from wagtail.models import Page, Site

from home.models import HomePage
from tests.french import serve_in_french, text

pytestmark = pytest.mark.django_db


def test_home_page_in_french_shows_french_sections_header_and_footer():
    home = HomePage(title="Recap", slug="recap-home")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()

    tree = serve_in_french(home)

    assert text(tree, '//a[@class="skip-link"]') == ["Aller au contenu"]
    assert text(tree, '//nav[@class="site-nav"]//a')[:3] == [
        "Événements",
        "Intervenants",
        "Comptes rendus",
    ]
    assert {"Événements à venir", "Derniers comptes rendus", "Événements passés"} <= set(
        text(tree, "//h2")
    )
    assert "Calendrier des événements à venir" in text(tree, "//footer//a")
