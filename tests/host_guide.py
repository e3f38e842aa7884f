"""The host's guide (docs/install.md), read as the steps a site owner follows.

`tests/test_install.py` runs every step in a fresh `wagtail start` site:
the shell commands, the settings and URL lines, and the admin steps of the
table, through Wagtail's admin as a browser would send them
(`tests/admin_form.py`). `tests/test_host_guide.py` does the admin steps in
the test database too, so a change that breaks them fails the quick suite,
not only CI's slow leg. Django and the standard library only: the install
test copies this file into the host site.
"""

import re
from dataclasses import dataclass

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)
TABLE = re.compile(r"<!-- admin-steps[^>]*-->(.*?)<!-- /admin-steps -->", re.DOTALL)
VALUE = re.compile(r"^\s*([^:]+):\s*`([^`]*)`\s*$")
PARENT = re.compile(r"^Pages, (.+?), \"Add child page\"$")
# Recap's snippets are under its own menu group, "Recap library".
RECAP_LIBRARY = re.compile(r"^Recap library, (.+?), \"Add .+\"$")
HOME = "your home page"


@dataclass
class Step:
    where: str
    kind: str
    fields: dict


NUMBERED = re.compile(r"^## \d+\..*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)


def numbered_steps(text):
    """The guide's numbered sections (1. Install ... ), without the optional ones after."""
    return "".join(NUMBERED.findall(text))


def code_blocks(text, language):
    """The guide's fenced blocks in `language`, in order, as their lines."""
    return [body.splitlines() for lang, body in FENCE.findall(text) if lang == language]


def shell_commands(text):
    """Every command line of the guide's `sh` blocks."""
    return [
        line.strip()
        for block in code_blocks(text, "sh")
        for line in block
        if line.strip() and not line.strip().startswith("#")
    ]


def python_blocks(text, first_line):
    """The guide's Python blocks that start with `first_line` (e.g. "# settings")."""
    return [
        "\n".join(block[1:]) + "\n"
        for block in code_blocks(text, "python")
        if block and block[0].strip() == first_line
    ]


def admin_steps(text):
    """The rows of the guide's admin table: where, what to add, which fields."""
    (table,) = TABLE.findall(text)
    steps = []
    for row in table.strip().splitlines()[2:]:
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        _number, where, kind, values = cells
        fields = {}
        for pair in values.split(";"):
            match = VALUE.match(pair)
            if not match:
                raise ValueError(f"Cannot read {pair!r} in the guide's row {row!r}")
            fields[match[1].strip()] = match[2]
        steps.append(Step(where=where, kind=kind, fields=fields))
    return steps


def _model_named(models, kind):
    matches = [model for model in models if str(model._meta.verbose_name).lower() == kind.lower()]
    if len(matches) != 1:
        names = sorted(str(model._meta.verbose_name) for model in models)
        raise LookupError(f"No one type called {kind!r} can be added here; there are {names}")
    return matches[0]


def _parent_page(where):
    from wagtail.models import Page, Site

    title = PARENT.match(where)[1]
    if title == HOME:
        return Site.objects.get(is_default_site=True).root_page
    return Page.objects.get(title=title)


def _post(client, url, form, expect):
    response = client.post(url, form.data)
    if response.status_code != 302:
        context = response.context or {}
        errors = context["form"].errors.as_text() if "form" in context else response.content[:3000]
        raise AssertionError(f"{expect} was refused ({response.status_code}): {errors}")
    return response


def run_admin_steps(client, steps, inline_values):
    """Do the guide's admin steps with a client signed in to the admin.

    `inline_values(label, text)` turns an inline panel's entry ("Speakers:
    Ada Okafor") into (formset prefix, {field: value}), the one thing a
    browser's chooser does that a form cannot show.
    """
    from django.urls import reverse
    from django.utils.text import slugify
    from wagtail.snippets.models import get_snippet_models

    from tests.admin_form import AdminForm

    done = []
    for step in steps:
        if RECAP_LIBRARY.match(step.where):
            recap_snippets = [
                model
                for model in get_snippet_models()
                if model._meta.app_label.startswith("recap_")
            ]
            model = _model_named(recap_snippets, step.kind)
            url = reverse(model.snippet_viewset.get_url_name("add"))
            action = {}
        else:
            parent = _parent_page(step.where)
            model = _model_named(parent.specific.allowed_subpage_models(), step.kind)
            url = reverse(
                "wagtailadmin_pages:add",
                args=(model._meta.app_label, model._meta.model_name, parent.pk),
            )
            action = {"action-publish": "action-publish"}
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        form = AdminForm(response.content.decode())
        for label, value in step.fields.items():
            try:
                form.set(label, value)
            except LookupError:
                prefix, values = inline_values(label, value)
                form.add_inline(prefix, **values)
        if "slug" in form.data and not form.data["slug"] and "title" in form.data:
            # What Wagtail's script does as the title is typed.
            form.data["slug"] = slugify(form.data["title"])
        form.data.update(action)
        _post(client, url, form, f"{step.kind} {step.fields}")
        done.append((model, step.fields))
    return done
