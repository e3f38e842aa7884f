"""Admin forms for speakers."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.widgets import AdminSnippetChooser

from recap.core.translations import canonical

from ..models import Speaker


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Speaker.objects.all(),
        label=_("Keep this record"),
        help_text=_("Every session, write-up and resource of the record being merged moves here."),
        widget=AdminSnippetChooser(Speaker),
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        # People, not their translations (recap.core.translations).
        self.fields["target"].queryset = canonical(Speaker.objects.exclude(pk=source.pk))
