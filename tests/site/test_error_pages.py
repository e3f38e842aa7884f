"""The "page not found" page speaks the reader's language (issue 11): Django's
own fallback is English whatever the language."""

import pytest

pytestmark = pytest.mark.django_db


def test_page_not_found_is_french_for_a_french_reader(client):
    response = client.get("/fr/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in html
    assert "Not Found" not in html


def test_page_not_found_is_english_by_default(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()
