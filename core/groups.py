"""Default permission groups, filled by each app's data migration.

Wagtail creates two groups on a new site, "Editors" and "Moderators", with
page permissions only. Each Recap app grants them its own models'
permissions in a data migration (so a site without the optional questions app gets
the rest), the way Wagtail's images and documents apps do. A group a site
has deleted or renamed is left alone, never re-created.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
MODERATORS = "Moderators"


def _ensure_permissions(apps, app_label):
    # Permissions are created after all migrations (post_migrate); a data
    # migration on a new database has to create its app's own first.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def _permissions(apps, app_label, grants):
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in grants.items() for action in actions]
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def grant_to_groups(apps, app_label, grants_by_group, *, create=()):
    """Give each named group the permissions `{model_name: [action, ...]}` of
    `app_label`'s models ("moderate_delegatequestion" is action "moderate").
    Groups named in `create` are created if missing; others only if they exist."""
    Group = apps.get_model("auth", "Group")
    _ensure_permissions(apps, app_label)
    for name, grants in grants_by_group.items():
        if name in create:
            group, _ = Group.objects.get_or_create(name=name)
        else:
            group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*_permissions(apps, app_label, grants))


def revoke_from_groups(apps, app_label, grants_by_group):
    """The reverse of grant_to_groups (groups themselves are kept)."""
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=list(grants_by_group)):
        group.permissions.remove(*_permissions(apps, app_label, grants_by_group[group.name]))
