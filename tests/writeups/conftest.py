import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page


@pytest.fixture
def editor(db, django_user_model):
    """A non-superuser editor: the admin, and adding, editing and publishing
    pages anywhere in the tree (as Wagtail's own "Editors" plus publishing)."""
    user = django_user_model.objects.create_user("page-editor", password="pw-editor-1")
    group = Group.objects.create(name="Write-up editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Page.objects.get(depth=1)
    for permission_type in ("add", "change", "publish"):
        GroupPagePermission.objects.create(group=group, page=root, permission_type=permission_type)
    user.groups.add(group)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
