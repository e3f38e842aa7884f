"""Every string a reader, delegate or editor sees is marked for translation,
and the French catalogues translate all of them (issue 11, "In more than one
language").

Three checks, each per catalogue so a failure names the app:

- templates: visible text (and the visible attributes alt, title, placeholder,
  aria-label) outside ``{% translate %}`` / ``{% blocktranslate %}``;
- Python: literal strings given where Django, Wagtail or the feeds show them to
  a person (labels, help texts, verbose names, messages, validation errors,
  menu labels, headings, email subjects) instead of a gettext call;
- catalogues: ``makemessages`` run on a copy of the sources finds no message
  that the committed French ``.po`` lacks or leaves untranslated or fuzzy, and
  the committed ``.mo`` holds the same translations as the ``.po``.
"""

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent

# Each catalogue: the folders its messages come from, and where its locale/ is.
CATALOGUES = {
    "core": (["core"], "core/locale"),
    "speakers": (["speakers"], "speakers/locale"),
    "resources": (["resources"], "resources/locale"),
    "events": (["events"], "events/locale"),
    "questions": (["questions"], "questions/locale"),
    "writeups": (["writeups"], "writeups/locale"),
    # The reference site: its templates (the base page, header and footer) and
    # its own apps.
    "site": (["templates", "site/home", "site/conference"], "site/locale"),
}

# Words that are the same in every language: the product's name and formats.
UNTRANSLATED_WORDS = {
    "Recap",
    "iCal",
    "iCalendar",
    "frab",
    "Wagtail",
    "Markdown",
    "Mastodon",
    "Bluesky",
    "LinkedIn",
    "Twitter",
    "YouTube",
    "Vimeo",
    "GitHub",
    "Atom",
}

# The demo's own content (titles, abstracts: what editors would type), in
# English and, for the translated event, French: data, not interface.
DEMO_CONTENT = {Path("site/home/demo.py"), Path("site/home/scale.py")}

VISIBLE_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label", "aria-description")


def _templates(folders):
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.html"))
        yield from sorted((ROOT / folder).rglob("*.txt"))


def _skeleton(source):
    """The template's text with every tag and variable replaced by a marker
    and everything inside blocktranslate and comment blocks dropped."""
    out = []
    skip_until = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if skip_until:
                if name in skip_until:
                    skip_until = None
                continue
            if name in ("blocktranslate", "blocktrans"):
                skip_until = ("endblocktranslate", "endblocktrans")
            elif name == "block" and "class" in token.contents:
                # {% block body_class %}: CSS classes, not text.
                skip_until = ("endblock",)
            elif name == "comment":
                skip_until = ("endcomment",)
            out.append("\x00")
        elif skip_until:
            continue
        elif token.token_type == TokenType.TEXT:
            out.append(token.contents)
        elif token.token_type == TokenType.VAR:
            out.append("\x00")
    return "".join(out)


def _words(text):
    text = re.sub(r"&#?\w+;", " ", text)
    return [
        word
        for word in re.findall(r"[^\W\d_][^\W\d_'’-]+", text)
        if word not in UNTRANSLATED_WORDS and not word.isupper()
    ]


def untranslated_template_text(source):
    """Visible words outside translation tags, as (snippet, words) pairs."""
    text = _skeleton(source)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<![^>]*>", " ", text)  # <!DOCTYPE html>
    text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.S | re.I)
    found = []
    for tag in re.findall(r"<[a-zA-Z][^>]*>", text):
        for attribute in VISIBLE_ATTRIBUTES:
            for value in re.findall(rf'\s{attribute}="([^"]*)"', tag):
                if words := _words(value):
                    found.append((f'{attribute}="{value}"', words))
    text = re.sub(r"</?[a-zA-Z][^>]*>", "\x00", text)
    for chunk in text.split("\x00"):
        if words := _words(chunk):
            found.append((chunk.strip(), words))
    return found


@pytest.mark.parametrize("catalogue", sorted(CATALOGUES))
def test_template_text_is_marked_for_translation(catalogue):
    folders, _ = CATALOGUES[catalogue]
    problems = []
    for path in _templates(folders):
        for snippet, _words_found in untranslated_template_text(path.read_text()):
            problems.append(f"{path.relative_to(ROOT)}: {snippet[:80]!r}")
    assert not problems, "Text not marked for translation:\n" + "\n".join(problems)


def test_the_template_check_finds_plain_text_and_attributes():
    found = untranslated_template_text(
        '{% load i18n %}<p title="Open it">{% translate "Fine" %} Not fine</p>'
        "{% blocktranslate %}Also fine{% endblocktranslate %}"
        '<img alt="{{ x }}" src="a.png"><script>var ok = "code";</script><!DOCTYPE html>'
    )
    assert [snippet for snippet, _ in found] == ['title="Open it"', "Not fine"]


# Keyword arguments and class attributes whose text a person reads.
SHOWN_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "heading",
    "menu_label",
    "empty_label",
    "page_title",
    "header_title",
    "subject",
    "placeholder",
    "empty_message",
}
# Calls whose first argument a person reads.
SHOWN_CALLS = {"ValidationError", "success", "error", "warning", "info", "add_message"}
GETTEXT_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "format_lazy",
}


def _is_visible_literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        # "recap_core", "events.SessionPage": identifiers, not text.
        identifier = re.fullmatch(r"[\w.-]+", node.value) and re.search(r"[_.]", node.value)
        return bool(_words(node.value)) and not identifier
    if isinstance(node, ast.JoinedStr):
        return any(_is_visible_literal(value) for value in node.values)
    if isinstance(node, ast.BinOp):
        return _is_visible_literal(node.left) or _is_visible_literal(node.right)
    return False


def _call_name(node):
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def untranslated_python_strings(source):
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name in GETTEXT_NAMES:
                continue
            if name in SHOWN_CALLS:
                message = None
                if name in {"success", "error", "warning", "info"} and len(node.args) > 1:
                    message = node.args[1]
                elif name == "ValidationError" and node.args:
                    message = node.args[0]
                elif name == "add_message" and len(node.args) > 2:
                    message = node.args[2]
                if message is not None and _is_visible_literal(message):
                    problems.append((node.lineno, name))
            for keyword in node.keywords:
                if keyword.arg in SHOWN_KEYWORDS and _is_visible_literal(keyword.value):
                    problems.append((keyword.value.lineno, keyword.arg))
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if (
                isinstance(target, ast.Name)
                and target.id in SHOWN_KEYWORDS
                and _is_visible_literal(node.value)
            ):
                problems.append((node.lineno, target.id))
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if (
                    isinstance(key, ast.Constant)
                    and key.value in {"placeholder", "aria-label", "title"}
                    and _is_visible_literal(value)
                ):
                    problems.append((value.lineno, key.value))
    return sorted(problems)


@pytest.mark.parametrize("catalogue", sorted(CATALOGUES))
def test_python_strings_shown_to_people_are_marked_for_translation(catalogue):
    folders, _ = CATALOGUES[catalogue]
    problems = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts or path.relative_to(ROOT) in DEMO_CONTENT:
                continue
            for line, what in untranslated_python_strings(path.read_text()):
                problems.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert not problems, "Strings not marked for translation:\n" + "\n".join(problems)


def test_the_python_check_finds_literals_and_accepts_gettext():
    problems = untranslated_python_strings(
        "from django.utils.translation import gettext_lazy as _\n"
        "name = models.CharField(verbose_name=_('name'), help_text='Shown')\n"
        "messages.success(request, f'Saved {x}')\n"
        "messages.success(request, _('Saved'))\n"
        "raise ValidationError('Too short')\n"
        "menu_label = 'Speakers'\n"
        "label = 'recap_core'\n"
    )
    assert problems == [(2, "help_text"), (3, "success"), (5, "ValidationError"), (6, "menu_label")]


def _entries(po):
    return {(entry.msgctxt, entry.msgid): entry for entry in po if not entry.obsolete}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """makemessages run on a copy of each catalogue's sources."""

    def extract(catalogue):
        folders, _ = CATALOGUES[catalogue]
        work = tmp_path_factory.mktemp(f"messages-{catalogue}")
        for folder in folders:
            shutil.copytree(
                ROOT / folder,
                work / folder,
                ignore=shutil.ignore_patterns("locale", "migrations", "static", "__pycache__"),
            )
        (work / "locale").mkdir()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "site")]))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "--locale",
                "fr",
                "--no-location",
                "--extension",
                "html,txt,py",
                "--settings",
                "conference.settings.test",
            ],
            cwd=work,
            env=env,
            check=True,
            capture_output=True,
        )
        return polib.pofile(str(work / "locale" / "fr" / "LC_MESSAGES" / "django.po"))

    return extract


# makemessages takes a few seconds a catalogue and gives the same answer on
# every database: slow, so CI runs it once (its SQLite leg) and `make test`
# only with RECAP_SLOW_TESTS=1.
@pytest.mark.slow
@pytest.mark.parametrize("catalogue", sorted(CATALOGUES))
def test_the_french_catalogue_translates_every_message(catalogue, extracted):
    _, locale = CATALOGUES[catalogue]
    po_path = ROOT / locale / "fr" / "LC_MESSAGES" / "django.po"
    assert po_path.exists(), f"{po_path.relative_to(ROOT)} is missing"
    committed = _entries(polib.pofile(str(po_path)))
    missing = []
    for key, entry in _entries(extracted(catalogue)).items():
        ours = committed.get(key)
        if ours is None:
            missing.append(f"not in the catalogue: {entry.msgid!r}")
        elif "fuzzy" in ours.flags:
            missing.append(f"fuzzy: {entry.msgid!r}")
        elif not (ours.msgstr or all(ours.msgstr_plural.values())):
            missing.append(f"untranslated: {entry.msgid!r}")
    assert not missing, f"{po_path.relative_to(ROOT)}:\n" + "\n".join(missing)


@pytest.mark.parametrize("catalogue", sorted(CATALOGUES))
def test_the_compiled_catalogue_matches_its_source(catalogue, tmp_path):
    _, locale = CATALOGUES[catalogue]
    folder = ROOT / locale / "fr" / "LC_MESSAGES"
    assert (folder / "django.mo").exists(), f"{locale}: django.mo is missing (make messages)"
    polib.pofile(str(folder / "django.po")).save_as_mofile(str(tmp_path / "django.mo"))
    with open(folder / "django.mo", "rb") as committed, open(tmp_path / "django.mo", "rb") as fresh:
        ours = gettext.GNUTranslations(committed)._catalog
        theirs = gettext.GNUTranslations(fresh)._catalog
    # The header entry ("") is left out: msgfmt drops some of its lines.
    ours.pop("", None)
    theirs.pop("", None)
    assert ours == theirs, f"{locale}: django.mo is older than django.po; run `make messages`"
