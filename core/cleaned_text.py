"""Cleaned copies of editor rich text, computed once when it is saved.

Feeds, calendars, the frab schedule and JSON-LD carry plain text. Cleaning
rich text (`sanitize.rich_text_as_plain`, bleach underneath) costs about half
a millisecond, so doing it per render made a 10,000-session calendar spend
seconds in the sanitiser. Instead a model names its copies,

    cleaned_copies = {"abstract_text": "abstract"}

(a non-editable TextField filled from a rich-text field), and the copy is
written whenever the model is saved, whatever saves it (admin forms,
publishing a revision, imports, code): a pre_save receiver, connected for
every model of an app by `fill_cleaned_copies_on_save`. Code that writes rows
without `save()` (bulk_create in imports and `load_demo --scale`) calls
`fill_cleaned_copies` itself. Each copy's migration fills existing rows.
"""

from django.db.models.signals import pre_save

from .sanitize import rich_text_as_plain


def fill_cleaned_copies(instance, update_fields=None):
    """Set each cleaned copy of `instance` from its source field. With
    `update_fields` (a save of a few columns), only copies whose source is
    among them are refreshed."""
    for target, source in getattr(type(instance), "cleaned_copies", {}).items():
        if update_fields is not None and source not in update_fields:
            continue
        setattr(instance, target, rich_text_as_plain(getattr(instance, source)))
    return instance


def _fill_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loaddata: stored as given
        return
    fill_cleaned_copies(instance, update_fields)


def fill_cleaned_copies_on_save(app_config):
    """Connect the receiver for every model of `app_config` that declares
    `cleaned_copies` (call from `ready`)."""
    for model in app_config.get_models():
        if getattr(model, "cleaned_copies", None):
            pre_save.connect(
                _fill_on_save,
                sender=model,
                dispatch_uid=f"recap_cleaned_copies_{model._meta.label_lower}",
            )
