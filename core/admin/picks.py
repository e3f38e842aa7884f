"""A thing picked twice in a page's chooser panel (a speaker on a session, a
resource on a write-up) is kept once, with a plain message.

Django's formset refuses such a form with "Please correct the duplicate data
for page and speaker, which must be unique", which tells an editor nothing
they can act on, and loses the rest of their edit. ``DropDuplicatePicksMixin``
(for a page's ``base_form_class``) marks every repeat of a value after the
first as removed before the form is validated; the page is saved with the
value once, and ``after_edit_page``, ``after_create_page`` or
``before_publish_page`` (core's wagtail_hooks) tells the editor what was
left out. The children's unique
pairs are read from their models' constraints (``recap.core.children``).
"""

from django.contrib import messages
from django.utils.translation import gettext as _

from ..children import unique_child_relations

DROPPED_ATTRIBUTE = "recap_dropped_picks"
# More rows than any editor adds; a forged count does not make us loop long.
MAX_ROWS = 1000


def _row_count(data, prefix):
    try:
        return min(int(data.get(f"{prefix}-TOTAL_FORMS") or 0), MAX_ROWS)
    except (TypeError, ValueError):
        return 0


def drop_duplicate_picks(data, model, relation_names):
    """`data` with each repeated pick marked for deletion, and the dropped
    picks as [(child model, field name, value)]."""
    dropped = []
    copied = False
    for accessor, child_model, _parent, unique_fields in unique_child_relations(model):
        if accessor not in relation_names:
            continue
        # A child unique on its page alone (a session's question settings)
        # is one row, not a pick.
        names = [fields for fields in unique_fields if fields]
        if not names:
            continue
        seen = [set() for _fields in names]
        for index in range(_row_count(data, accessor)):
            row = f"{accessor}-{index}-"
            if data.get(f"{row}DELETE"):
                continue
            keys = [tuple(data.get(f"{row}{name}", "") for name in fields) for fields in names]
            repeat = next(
                (
                    (fields, key)
                    for fields, key, found in zip(names, keys, seen, strict=True)
                    if all(key) and key in found
                ),
                None,
            )
            if repeat is None:
                for key, found in zip(keys, seen, strict=True):
                    if all(key):
                        found.add(key)
                continue
            if not copied:
                data, copied = data.copy(), True
            data[f"{row}DELETE"] = "on"
            fields, key = repeat
            dropped.append((child_model, fields[-1], key[-1]))
    return data, dropped


def describe_pick(child_model, field_name, value):
    field = child_model._meta.get_field(field_name)
    related = getattr(field, "related_model", None)
    if related is not None:
        found = related._default_manager.filter(pk=value).first() if str(value).isdigit() else None
        if found is not None:
            return str(found)
    return str(value)


class DropDuplicatePicksMixin:
    """For a page's admin form: repeated picks in its chooser panels are
    dropped, not refused (see the module's docstring)."""

    def __init__(self, data=None, *args, **kwargs):
        dropped = []
        if data is not None:
            model = self._meta.model
            data, dropped = drop_duplicate_picks(data, model, set(type(self).formsets))
        super().__init__(data, *args, **kwargs)
        if dropped:
            setattr(self.instance, DROPPED_ATTRIBUTE, dropped)


def tell_about_dropped_picks(request, page):
    """The editor sees which repeated picks were kept once."""
    dropped = getattr(page, DROPPED_ATTRIBUTE, None)
    if not dropped:
        return
    delattr(page, DROPPED_ATTRIBUTE)  # told once, whichever hook runs first
    names = sorted({describe_pick(*pick) for pick in dropped})
    for name in names:
        messages.info(
            request,
            _("“%(name)s” was chosen more than once; it is kept once.") % {"name": name},
        )
