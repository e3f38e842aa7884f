"""Post Wagtail's page editor as the browser does, for tests of saving,
autosave and publishing."""

from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html

# What autosave sends: the form, asking for a JSON answer.
AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def draft(page):
    """`page` unpublished, with a draft revision, read again from the database."""
    page.unpublish()
    page.save_revision()
    return type(page).objects.get(pk=page.pk)


def edit_form(client, page):
    """The edit view's URL and the data its form posts. A stream field is
    drawn by script, so it is sent empty."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", "0")
    return url, data
