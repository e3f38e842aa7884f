"""Text typed by editors is stored without control characters.

An editor can type (or paste) a vertical tab, an escape or a form feed into a
title; browsers accept it, but XML 1.0 cannot carry it, so one such title made
`schedule.xml` and every feed answer 500. Each app strips them from its own
models' text fields on save, whatever saves them (admin forms, publishing a
revision, imports, code); serialisers scrub as well (`sanitize.scrub`), for
text stored before this.
"""

from django.db import models
from django.db.models.signals import pre_save

from .sanitize import strip_controls


def strip_control_characters(sender, instance, **kwargs):
    """pre_save receiver: drop control characters (newline and tab kept) from
    every char and text field, rich text included."""
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                cleaned = strip_controls(value)
                if cleaned != value:
                    setattr(instance, field.attname, cleaned)


def strip_control_characters_on_save(app_config):
    """Connect the receiver for every model of `app_config` (call from `ready`)."""
    for model in app_config.get_models():
        pre_save.connect(
            strip_control_characters,
            sender=model,
            dispatch_uid=f"recap_strip_controls_{model._meta.label_lower}",
        )
