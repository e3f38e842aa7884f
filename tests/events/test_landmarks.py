"""No two landmarks of an event page share a role and a name (axe's
landmark-unique, issue 21): a screen reader's list of regions tells them
apart."""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone
from lxml import html

from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db

ROLES = {"nav": "navigation", "aside": "complementary", "section": "region", "form": "form"}


def landmarks(doc):
    """(role, name) of each named landmark (an unnamed section or form is none)."""
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        role = element.get("role") or ROLES.get(element.tag)
        if role not in {"navigation", "complementary", "region", "form", "search"}:
            continue
        name = element.get("aria-label")
        if name is None and element.get("aria-labelledby"):
            name = " ".join(
                " ".join(doc.get_element_by_id(ref).text_content().split())
                for ref in element.get("aria-labelledby").split()
            )
        if name is None and role in {"region", "form"}:
            continue
        found.append((role, name or ""))
    return found


@pytest.mark.parametrize("view", ["", "?view=grid", "?view=list"])
def test_event_page_landmarks_have_distinct_names(client, view):
    now = timezone.now()
    event = EventPageFactory(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=8))
    for n in range(3):
        SessionPageFactory(
            parent=event,
            title=f"Talk {n}",
            room=f"Room {'AB'[n % 2]}",
            start=event.start + dt.timedelta(hours=n),
            end=event.start + dt.timedelta(hours=n, minutes=45),
        )

    doc = html.fromstring(client.get(event.url + view).content.decode())

    counts = Counter(landmarks(doc))
    assert counts, "no landmarks found"
    assert [landmark for landmark, count in counts.items() if count > 1] == []
