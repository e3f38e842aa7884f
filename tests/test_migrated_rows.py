"""Every test starts from the migrated database, whatever ran before it on its
worker: a transactional test's flush is followed by the rows the migrations
made (tests/conftest.py).

pytest-django runs the transactional tests after the others, in file order.
Those here without serialized_rollback load nothing at their start: they see
the database exactly as the test before them left it, as a plain test would
after a transactional one (xdist's groups can put one there)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, Locale, Page, Site

from core.groups import EDITORS, MODERATORS

MIGRATED_GROUPS = {EDITORS, MODERATORS}


def migrated_rows():
    site = Site.objects.filter(is_default_site=True).first()
    return {
        "groups": set(Group.objects.values_list("name", flat=True)) >= MIGRATED_GROUPS,
        "editors' permissions": Group.objects.get(name=EDITORS).permissions.exists(),
        "locale": Locale.objects.exists(),
        "root collection": Collection.objects.filter(depth=1).exists(),
        "root page": Page.objects.filter(depth=1).exists(),
        "default site": site is not None and site.root_page.depth == 2,
    }


ALL_THERE = dict.fromkeys(
    [
        "groups",
        "editors' permissions",
        "locale",
        "root collection",
        "root page",
        "default site",
    ],
    True,
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_transactional_test_may_delete_what_the_migrations_made():
    assert migrated_rows() == ALL_THERE
    Site.objects.all().delete()
    Group.objects.all().delete()

    assert not Group.objects.filter(name=EDITORS).exists()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_without_serialized_rollback_finds_them_too():
    assert migrated_rows() == ALL_THERE
    Group.objects.filter(name=MODERATORS).delete()


@pytest.mark.django_db(transaction=True)
def test_and_so_does_the_next_one_after_a_flush_without_serialized_rollback():
    assert migrated_rows() == ALL_THERE
