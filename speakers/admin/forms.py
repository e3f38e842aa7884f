"""The speaker's admin forms: the snippet editor's and the chooser's "Create"
tab. The slug is optional in both: left empty it is made from the name,
unique (``Speaker.save``); the admin fills it live from the name for a new
record, as Wagtail does for a page's slug.

No import of this app's models at module level: ``models.py`` names
``SpeakerForm`` as the snippet's ``base_form_class``."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets.slug import SlugInput

SLUG_HELP = _(
    "Forms the speaker's public address, /speakers/<slug>/. Left empty, it is made from the name."
)

SLUG_TAKEN = _("A speaker with this slug already exists. Choose another, or leave it empty.")


def is_canonical_or_new(speaker):
    from recap.core.translations import is_canonical

    return speaker.pk is None or speaker.locale_id is None or is_canonical(speaker)


class SpeakerForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = SLUG_HELP

    def clean(self):
        cleaned_data = super().clean()
        slug, name = cleaned_data.get("slug"), cleaned_data.get("name")
        if slug and name and not self.instance.pk and slug == slugify(name)[:190]:
            # The slug filled live from the name may be a namesake's: made
            # unique on save (a suffix), as for a slug left empty.
            from recap.core.translations import canonical

            from ..models import Speaker

            if canonical(Speaker.objects.filter(slug=slug)).exists():
                cleaned_data["slug"] = ""
        elif slug and is_canonical_or_new(self.instance):
            # Unique per locale in the database (a translation keeps the
            # person's slug); among people, checked here for a clear message.
            from recap.core.translations import canonical

            from ..models import Speaker

            taken = canonical(Speaker.objects.filter(slug=slug)).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("slug", SLUG_TAKEN)
        return cleaned_data


class SpeakerCreationForm(SpeakerForm):
    """The chooser's "Create" tab: who they are; the rest in the editor.

    Prefixed, so its fields' ids do not meet the page editor's own (a
    session's editor has its own ``id_slug``)."""

    prefix = "new_speaker"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's live slug, as TitleFieldPanel wires it on a page's title.
        slug_id = f"#{self['slug'].id_for_label}"
        self.fields["name"].widget.attrs.update(
            {
                "data-controller": "w-sync",
                "data-action": "focus->w-sync#check blur->w-sync#apply "
                "change->w-sync#apply keyup->w-sync#apply",
                "data-w-sync-target-value": slug_id,
            }
        )

    class Meta:
        fields = ["name", "slug", "job_title", "organisation"]
        widgets = {"slug": SlugInput}


def speaker_creation_form_class():
    from ..models import Speaker

    return forms.modelform_factory(Speaker, form=SpeakerCreationForm)
