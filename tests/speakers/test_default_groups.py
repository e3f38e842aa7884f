"""Wagtail's stock Editors and Moderators groups can manage speakers,
resources and topics (data migrations of speakers and resources)."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(f"in-{group_name}", password="pw-member-1")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/recap_speakers/speaker/",
        "/admin/snippets/recap_speakers/speaker/add/",
        "/admin/snippets/recap_resources/resource/add/",
        "/admin/snippets/recap_resources/topic/",
    ],
)
def test_stock_groups_reach_recap_library_screens(client, member, group_name, url):
    client.force_login(member(group_name))

    response = client.get(url)

    assert response.status_code == 200


def test_only_moderators_delete_topics(member):
    assert member("Moderators").has_perm("recap_resources.delete_topic")
    assert not member("Editors").has_perm("recap_resources.delete_topic")
