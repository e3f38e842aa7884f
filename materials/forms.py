"""The speaker's form: one per session on the speaker's page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from recap.core.sanitize import plain_text, single_line

from .uploads import check_upload

LINK_ROWS = 3


class MaterialsForm(forms.Form):
    slides_file = forms.FileField(
        label=_("Slides file"),
        required=False,
        help_text=_("PDF, PowerPoint (.pptx), Keynote or OpenDocument (.odp)."),
    )
    slides_url = forms.URLField(
        label=_("or slides URL"), required=False, max_length=500, assume_scheme="https"
    )
    slides_title = forms.CharField(label=_("Slides title"), required=False, max_length=255)
    recording_url = forms.URLField(
        label=_("Recording URL"), required=False, max_length=500, assume_scheme="https"
    )
    title_correction = forms.CharField(
        label=_("Corrected session title"), required=False, max_length=255
    )
    abstract_correction = forms.CharField(
        label=_("Corrected abstract"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    bio_correction = forms.CharField(
        label=_("Your corrected bio"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(LINK_ROWS):
            self.fields[f"link_title_{index}"] = forms.CharField(
                label=_("Link title"), required=False, max_length=200
            )
            self.fields[f"link_url_{index}"] = forms.URLField(
                label=_("Link URL"), required=False, max_length=500, assume_scheme="https"
            )

    def link_rows(self):
        return [
            (self[f"link_title_{index}"], self[f"link_url_{index}"]) for index in range(LINK_ROWS)
        ]

    def clean_slides_file(self):
        upload = self.cleaned_data.get("slides_file")
        if upload:
            check_upload(upload)
        return upload

    def clean_slides_title(self):
        return single_line(self.cleaned_data.get("slides_title"), max_length=255)

    def clean_title_correction(self):
        return single_line(self.cleaned_data.get("title_correction"), max_length=255)

    def clean_abstract_correction(self):
        return plain_text(self.cleaned_data.get("abstract_correction"), max_length=5000)

    def clean_bio_correction(self):
        return plain_text(self.cleaned_data.get("bio_correction"), max_length=5000)

    def clean(self):
        cleaned = super().clean()
        links = []
        for index in range(LINK_ROWS):
            url = cleaned.get(f"link_url_{index}")
            title = single_line(cleaned.get(f"link_title_{index}") or "", max_length=200)
            if url:
                links.append({"title": title or url, "url": url})
            elif title:
                self.add_error(f"link_url_{index}", _("Give the link's URL."))
        cleaned["links"] = links
        if cleaned.get("slides_file") and cleaned.get("slides_url"):
            raise ValidationError(_("Send the slides as a file or as a URL, not both."))
        parts = ("slides_file", "slides_url", "recording_url", "title_correction")
        parts += ("abstract_correction", "bio_correction")
        if not self.errors and not links and not any(cleaned.get(name) for name in parts):
            raise ValidationError(_("Nothing to send: fill in at least one field."))
        return cleaned
