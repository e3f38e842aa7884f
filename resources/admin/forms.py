"""The resource chooser's "Create" tab: a research link not yet in the
library, added from a write-up's (or a session's, an event's) editor
without leaving it. What it is and where; the rest (document, image,
speakers, topics) in the resource's own editor.

No import of this app's models at module level, as in ``speakers/admin/forms.py``."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm


class ResourceCreationForm(WagtailAdminModelForm):
    # Prefixed, so its fields' ids do not meet the page editor's own (a
    # write-up's editor has its own ``id_title``).
    prefix = "new_resource"

    class Meta:
        fields = ["title", "kind", "url", "publisher", "author", "published_on", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


def resource_creation_form_class():
    from ..models import Resource

    return forms.modelform_factory(Resource, form=ResourceCreationForm)
