"""Recap's models never claim a reverse name on a model Recap does not own
(Wagtail's Page, the user model, images, documents, locales...): a host's own
model of the same class name (an `EventPage`, a `Speaker`) claims the
default one, and Django refuses to start (fields.E304/E305)."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail.models import Page

from recap import RECAP_APPS
from recap.events.models import EventPage, SessionPage
from tests.factories import SessionPageFactory

RECAP_LABELS = {app.rsplit(".", 1)[-1] for app in RECAP_APPS}


def recap_models():
    return [
        model
        for config in apps.get_app_configs()
        if config.name in RECAP_APPS
        for model in config.get_models()
    ]


def foreign_reverse_names():
    """(model, field, reverse accessor, reverse query name) of each relation
    from a Recap model to a model of another app."""
    for model in recap_models():
        for field in model._meta.get_fields(include_parents=False):
            if not field.is_relation or (field.auto_created and not field.concrete):
                continue
            if isinstance(
                field.related_model, str
            ) or field.related_model._meta.app_config.name in (RECAP_APPS):
                continue
            remote = field.remote_field
            if remote.hidden or (remote.related_name or "").endswith("+"):
                continue
            yield (
                f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}",
                remote.get_accessor_name(),
                field.related_query_name(),
            )


def test_every_reverse_name_on_a_foreign_model_carries_the_recap_prefix():
    names = list(foreign_reverse_names())
    unprefixed = [
        (where, accessor, query)
        for where, accessor, query in names
        if not (accessor.startswith("recap_") and query.startswith("recap_"))
    ]

    assert unprefixed == []
    # The page models' links to Page are among them (not skipped as hidden).
    assert ("recap_events.EventPage.page_ptr -> wagtailcore.Page") in {w for w, _, _ in names}


def test_page_and_user_reverse_names_are_recap_ones():
    page_names = {rel.get_accessor_name() for rel in Page._meta.related_objects}
    user_names = {rel.get_accessor_name() for rel in get_user_model()._meta.related_objects}

    assert {"recap_eventpage", "recap_sessionpage", "recap_writeuppage"} <= page_names
    assert not {"eventpage", "eventindexpage", "sessionpage", "writeuppage"} & page_names
    assert "recap_speaker" in user_names


@pytest.mark.django_db
def test_a_page_reaches_its_recap_page_through_the_prefixed_name():
    session = SessionPageFactory(title="Opening keynote")
    page = Page.objects.get(pk=session.pk)

    assert page.recap_sessionpage.title == "Opening keynote"
    assert Page.objects.filter(recap_sessionpage__isnull=False).get().pk == session.pk
    assert SessionPage.objects.get().event.pk == EventPage.objects.get().pk
