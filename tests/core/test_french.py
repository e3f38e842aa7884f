"""Core's shared includes in French (issue 11)."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation
from lxml import html


def test_pagination_in_french_names_the_pages_in_french():
    items = Paginator(list(range(30)), 10).get_page(2)

    with translation.override("fr"):
        rendered = render_to_string(
            "recap_core/includes/filtered_pagination.html", {"items": items, "query": ""}
        )

    tree = html.fromstring(rendered)
    assert tree.get("aria-label") == "Pages"
    assert [" ".join(li.text_content().split()) for li in tree.xpath("//li")] == [
        "Page précédente",
        "Page 2 sur 3",
        "Page suivante",
    ]
