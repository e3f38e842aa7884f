"""Admin forms for speakers."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.widgets import AdminSnippetChooser

from recap.core.translations import canonical

from ..models import Speaker


class MergeTargetChooser(AdminSnippetChooser):
    """The speaker chooser, without the record being merged."""

    def __init__(self, *args, source=None, **kwargs):
        self.source = source
        super().__init__(Speaker, *args, **kwargs)

    def get_chooser_modal_url(self):
        url = super().get_chooser_modal_url()
        if self.source is None or self.source.pk is None:
            return url
        return f"{url}?{urlencode({'exclude': self.source.pk})}"


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
        self.fields["target"].widget = MergeTargetChooser(source=source)
