"""Recap's apps depend one way: core < speakers < resources < events <
questions < writeups. Nothing in a lower app (Python, templates, tag
libraries) may import, load, include, extend, name or query a higher one;
pages that show more use the hooks of recap.core.sections instead."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["core", "speakers", "resources", "events", "questions", "writeups", "discover"]
SOURCE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".js"}


def app_files(app):
    for path in sorted((ROOT / app).rglob("*")):
        if path.is_file() and path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts:
            yield path


def tag_libraries(app):
    folder = ROOT / app / "templatetags"
    return {path.stem for path in folder.glob("*.py") if path.stem != "__init__"}


def reverse_relations(app):
    """related_name values that a higher app's models declare (the names a
    lower app could query through), with at least 6 letters to be specific."""
    text = (ROOT / app / "models.py").read_text()
    return {name for name in re.findall(r'related_name="(\w+)"', text) if len(name) >= 6}


def forbidden_patterns(higher):
    """(description, regex) for everything that names app `higher`."""
    patterns = [
        (f"names recap.{higher}", rf"\brecap\.{higher}\b"),
        (f"names the recap_{higher} label or templates", rf"\brecap_{higher}\b"),
        (f"imports {higher}", rf"^\s*(from|import)\s+{higher}\b"),
    ]
    for library in tag_libraries(higher):
        patterns.append((f"loads {higher}'s {library}", rf"{{%\s*load\s[^%]*\b{library}\b"))
    return patterns


def relation_patterns(higher, lower):
    """Queries through reverse relations that `higher` declares."""
    if not (ROOT / higher / "models.py").exists():
        return []
    own = set()
    if (ROOT / lower / "models.py").exists():
        own = set(re.findall(r'related_name="(\w+)"', (ROOT / lower / "models.py").read_text()))
    return [
        (
            f"queries {higher}'s reverse relation {name}",
            rf"\b{name}__\w|\.{name}\.\w+\(|[\"']{name}[\"']",
        )
        for name in sorted(reverse_relations(higher) - own)
    ]


def violations(lower):
    higher_apps = ORDER[ORDER.index(lower) + 1 :]
    found = []
    for path in app_files(lower):
        if "migrations" in path.parts:
            continue
        text = path.read_text()
        for higher in higher_apps:
            patterns = forbidden_patterns(higher)
            if path.suffix == ".py":
                patterns += relation_patterns(higher, lower)
            for description, pattern in patterns:
                for match in re.finditer(pattern, text, flags=re.MULTILINE):
                    line = text.count("\n", 0, match.start()) + 1
                    found.append(f"{path.relative_to(ROOT)}:{line}: {description}")
    return found


@pytest.mark.parametrize("app", ORDER[:-1])
def test_app_does_not_reach_up(app):
    assert violations(app) == []


def test_arrow_check_catches_a_template_that_loads_a_higher_library(tmp_path, monkeypatch):
    """The check itself: a lower app's template loading questions' tags fails."""
    fake = tmp_path / "speakers" / "templates"
    fake.mkdir(parents=True)
    (fake / "page.html").write_text("{% load wagtailcore_tags recap_questions_tags %}")
    (tmp_path / "questions" / "templatetags").mkdir(parents=True)
    (tmp_path / "questions" / "templatetags" / "recap_questions_tags.py").write_text("")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)

    assert violations("speakers") == [
        "speakers/templates/page.html:1: loads questions's recap_questions_tags"
    ]
