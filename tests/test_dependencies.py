"""Recap's apps depend one way: core < speakers < resources < events <
materials < questions < writeups. Nothing in a lower app (Python, templates, tag
libraries) may import, load, include, extend, name or query a higher one;
pages that show more use the hooks of recap.core.sections instead."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORDER = [
    "core",
    "speakers",
    "resources",
    "events",
    "materials",
    "questions",
    "writeups",
    "discover",
]
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
    # Names that `lower` or an app below it declares are its own to use
    # (materials adds to a session's resource_links, which events declares).
    own = set()
    for app in ORDER[: ORDER.index(lower) + 1]:
        if (ROOT / app / "models.py").exists():
            own |= set(re.findall(r'related_name="(\w+)"', (ROOT / app / "models.py").read_text()))
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


# A page model's routes and get_context find their views through
# recap.core.page_views (registered when the app is ready): models.py
# never imports its views, and imports nothing of its own exports or admin
# inside a function (the way a circle used to be dodged). At the top it
# may still take the panels, forms and API field classes its class bodies
# declare (docs/layout.md).
NEVER_IMPORTED = ("views",)
NOT_INSIDE_FUNCTIONS = ("views", "exports", "admin")


def within_app(app, module):
    """`module` relative to app `app` ("views.pages"), "" for the app's
    package itself, or None when it is not the app's."""
    for prefix in (f"recap.{app}", app):
        if module == prefix:
            return ""
        if module.startswith(prefix + "."):
            return module[len(prefix) + 1 :]
    return None


def imported_modules(app, node):
    """The app-relative modules an import statement may load."""
    if isinstance(node, ast.Import):
        return [m for m in (within_app(app, alias.name) for alias in node.names) if m]
    if not isinstance(node, ast.ImportFrom) or node.level > 1:
        return []
    base = (node.module or "") if node.level == 1 else within_app(app, node.module or "")
    if base is None:
        return []
    if base:
        return [base]
    return [alias.name for alias in node.names]  # from . import views


def function_imports(tree):
    """The import statements inside functions and methods of `tree`."""
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for node in ast.walk(function):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    yield node


def own_higher_imports(app, source):
    """The imports in `source` (an app's models.py) of that app's own views
    (at any level) or of its views, exports or admin modules inside a
    function, as "line: module"."""
    tree = ast.parse(source)
    found = set()
    for node in ast.walk(tree):
        for module in imported_modules(app, node):
            if module.split(".")[0] in NEVER_IMPORTED:
                found.add((node.lineno, module))
    for node in function_imports(tree):
        for module in imported_modules(app, node):
            if module.split(".")[0] in NOT_INSIDE_FUNCTIONS:
                found.add((node.lineno, module))
    return [f"{line}: {module}" for line, module in sorted(found)]


@pytest.mark.parametrize("app", [app for app in ORDER if (ROOT / app / "models.py").exists()])
def test_models_do_not_import_their_own_views(app):
    source = (ROOT / app / "models.py").read_text()
    assert own_higher_imports(app, source) == []


def test_models_check_catches_an_import_inside_a_method():
    source = """
from django.db import models
from .admin.forms import EventPageForm
from .views import calendars


class EventPage:
    def detail(self, request):
        from .views.pages import serve_event_page
        from . import exports
        import recap.events.admin.panels
        from recap.events.views import calendars

        return serve_event_page(request, self)
"""
    assert own_higher_imports("events", source) == [
        "4: views",
        "9: views.pages",
        "10: exports",
        "11: admin.panels",
        "12: views",
    ]
