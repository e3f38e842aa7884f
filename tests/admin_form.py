"""Fill in and send a Wagtail admin form the way a browser would, by its labels.

The host's guide (docs/install.md) tells a site owner what to type into
which field ("Title: Events"); the install test does exactly that through
the admin with Django's test client. Wagtail's own test helper
(`wagtail.test.utils.form_data.querydict_from_html`) gives every value the
browser would send; this adds what a person does: find a field by its
visible label, and press an inline panel's "Add" (whose new row comes from
the panel's `<template>`). Wagtail and its dependencies only, because the
install test copies this file into a host site that has none of Recap's
tests.
"""

import re

from wagtail.test.utils.form_data import querydict_from_html
from wagtail.test.utils.wagtail_tests import WagtailTestUtils

REQUIRED_MARK = re.compile(r"\s*\*\s*$")


def label_key(text):
    """A label as a reader names it: no required-field star, any case."""
    return REQUIRED_MARK.sub("", " ".join(text.split())).casefold()


class AdminForm:
    """The data a browser would send from an admin form, changed field by field."""

    def __init__(self, html, form_id=None):
        self.soup = WagtailTestUtils.get_soup(html)
        form = self.soup.find("form", id=form_id) if form_id else self._main_form()
        self.form = form
        data = querydict_from_html(str(form), form_index=0, exclude_csrf=False)
        # Inline panels' empty rows (`__prefix__`) are templates, not fields.
        self.data = {
            name: data.getlist(name) if len(data.getlist(name)) > 1 else data[name]
            for name in data
            if "__prefix__" not in name
        }

    def _main_form(self):
        """The editor's form: the one with the most fields (the page has a search form too)."""
        forms = self.soup.find_all("form")
        return max(forms, key=lambda form: len(form.find_all(["input", "select", "textarea"])))

    def _field(self, label):
        wanted = label_key(label)
        for tag in self.form.find_all("label"):
            if tag.get("for") and label_key(tag.get_text()) == wanted:
                field = self.form.find(id=tag["for"])
                if field is not None and field.get("name") and not field.find_parent("template"):
                    return field
        known = sorted(
            label_key(tag.get_text()) for tag in self.form.find_all("label") if tag.get("for")
        )
        raise LookupError(f"No field labelled {label!r}; the form has: {known}")

    def set(self, label, value):
        """Type `value` into the field labelled `label` (a select takes an option's text)."""
        field = self._field(label)
        if field.name == "select":
            for option in field.find_all("option"):
                if label_key(option.get_text()) == label_key(value):
                    value = option.get("value", option.get_text())
                    break
        self.data[field["name"]] = value

    def add_inline(self, prefix, **values):
        """Press an inline panel's "Add" and fill the new row's fields by name."""
        template = self.form.find("template", id=f"id_{prefix}-EMPTY_FORM_TEMPLATE")
        if template is None:
            raise LookupError(f"No inline panel {prefix!r} on the form.")
        total_name = f"{prefix}-TOTAL_FORMS"
        index = int(self.data.get(total_name) or 0)
        row = querydict_from_html(f"<form>{template.decode_contents()}</form>")
        for name in row:
            if name.startswith(f"{prefix}-__prefix__-"):
                self.data[name.replace("__prefix__", str(index))] = row[name]
        for name, value in values.items():
            self.data[f"{prefix}-{index}-{name}"] = value
        self.data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        self.data[total_name] = str(index + 1)
