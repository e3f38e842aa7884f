"""Child rows with a unique pair (a session's speakers, a write-up's
resources...), saved whatever order the editor's requests arrive in.

A page's ``Orderable`` children (``ParentalKey``) are often unique with one
other field: a speaker appears once on a session, a resource once on a
write-up (``UniqueConstraint(fields=["page", "resource"])``). Wagtail's
autosave posts the edit form as the editor types; it saves a draft's new rows
and sends their ids back. A "Save draft" or "Publish" posted before those ids
arrive carries the same rows again, without ids: django-modelcluster then
inserts them a second time, and the database refuses (``IntegrityError``, a
500), although the editor asked for nothing new.

``UniqueChildrenMixin`` reconciles such rows when the page is saved, in
the same transaction as their commit: a child without an id (or with
another row's id) whose unique value is already stored for this page takes
the stored row's id, so the row is updated, not inserted again; of two
children of the same value in one save, the last (the form's) is kept.
What is saved is what the form showed, whatever the order of the
requests: "autosave then Save draft" ends as "Save draft" alone does.

The editor's form drops a duplicate pick before this, with a message
(``recap.core.admin.forms.DropDuplicatePicksMixin``); this is the guarantee
for every path (forms, publishing a revision, code).
"""

from django.db import models
from modelcluster.models import get_all_child_relations
from modelcluster.queryset import FakeQuerySet


def unique_child_fields(child_model, parent_field_name):
    """The other fields of each unique constraint of `child_model` that
    includes its parental key (e.g. ``("resource",)``), as tuples of field
    names. Expression constraints (a room's lower-cased name) are left to
    their forms."""
    found = []
    for constraint in child_model._meta.constraints:
        if (
            isinstance(constraint, models.UniqueConstraint)
            and constraint.fields
            and constraint.condition is None
            and parent_field_name in constraint.fields
        ):
            found.append(tuple(name for name in constraint.fields if name != parent_field_name))
    for names in child_model._meta.unique_together:
        if parent_field_name in names:
            found.append(tuple(name for name in names if name != parent_field_name))
    return found


def unique_child_relations(model):
    """(accessor name, child model, parental key name, unique field tuples)
    for each child relation of `model` with a unique pair."""
    relations = []
    for relation in get_all_child_relations(model):
        child_model = relation.related_model
        parent_field = relation.field.name
        fields = unique_child_fields(child_model, parent_field)
        if fields:
            relations.append((relation.get_accessor_name(), child_model, parent_field, fields))
    return relations


def reconcile_unique_children(instance):
    """Give `instance`'s unsaved children their stored rows' ids (see the
    module's docstring). Only relations edited in memory (a form, a revision)
    are looked at: one query each, none otherwise."""
    if instance.pk is None:
        return
    for accessor, child_model, parent_field, unique_fields in unique_child_relations(
        type(instance)
    ):
        manager = getattr(instance, accessor)
        items = manager.all()
        if not isinstance(items, FakeQuerySet):
            continue  # not edited in memory: nothing to commit
        items = list(items)
        if not items:
            continue
        stored = list(child_model._default_manager.filter(**{parent_field: instance.pk}))
        attnames = [
            tuple(child_model._meta.get_field(name).attname for name in names)
            for names in unique_fields
        ]
        kept = reconcile_rows(items, stored, attnames)
        if len(kept) != len(items):
            manager.set(kept)


def reconcile_rows(items, stored, unique_fields):
    """The children to save, in order (`unique_fields`: tuples of
    attnames). Of children with the same unique value, the last is kept:
    django-modelcluster lists the stored rows first and the form's rows
    after them, and the form's are what the editor sees. A kept child whose
    value is stored takes that row's id; a child whose id another child
    took becomes a new row."""
    stored_by_key = [
        {tuple(getattr(row, name) for name in names): row.pk for row in stored}
        for names in unique_fields
    ]

    def keys_of(item):
        return [tuple(getattr(item, name) for name in names) for names in unique_fields]

    seen = [set() for _names in unique_fields]
    kept = []
    for item in reversed(items):
        keys = keys_of(item)
        if any(None not in key and key in seen[i] for i, key in enumerate(keys)):
            continue
        for i, key in enumerate(keys):
            seen[i].add(key)
        kept.append(item)
    kept.reverse()

    claimed, pending = set(), []
    for item in kept:
        match = next(
            (
                by_key[key]
                for by_key, key in zip(stored_by_key, keys_of(item), strict=True)
                if key in by_key and by_key[key] not in claimed
            ),
            None,
        )
        if match is not None:
            item.pk = match
            claimed.add(match)
        else:
            pending.append(item)
    for item in pending:
        if item.pk is not None and item.pk in claimed:
            item.pk = None
        elif item.pk is not None:
            claimed.add(item.pk)
    return kept


class UniqueChildrenMixin:
    """For a ClusterableModel (a page) with unique child pairs: reconcile
    them before saving (see the module's docstring)."""

    def save(self, *args, **kwargs):
        reconcile_unique_children(self)
        return super().save(*args, **kwargs)
