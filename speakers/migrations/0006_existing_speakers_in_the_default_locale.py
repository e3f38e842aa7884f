"""Every existing speaker becomes a record in the site's default locale, with a
translation key of its own (step 2 of Wagtail's three steps for making a
model translatable; step 3 makes both fields required)."""

import uuid

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant


def default_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    try:
        code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        code = settings.LANGUAGE_CODE
    # A site whose default locale row is missing (e.g. LANGUAGE_CODE changed
    # after Wagtail made its first locale) gets one, rather than a crash.
    locale = Locale.objects.filter(language_code=code).first()
    return locale or Locale.objects.create(language_code=code)


def fill_locale_and_translation_key(apps, schema_editor):
    Model = apps.get_model("recap_speakers", "speaker")
    pending = Model.objects.filter(translation_key__isnull=True).values_list("pk", flat=True)
    if not pending.exists():
        return
    locale = default_locale(apps)
    for pk in list(pending):
        Model.objects.filter(pk=pk).update(translation_key=uuid.uuid4(), locale=locale)


class Migration(migrations.Migration):
    dependencies = [
        ("recap_speakers", "0005_translatable_bootstrap"),
    ]

    operations = [
        migrations.RunPython(fill_locale_and_translation_key, migrations.RunPython.noop),
    ]
