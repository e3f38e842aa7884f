"""Does loading Recap change any attribute of Django or Wagtail?

Run as a script, in a fresh interpreter, in one of two modes:

``full``
    The reference settings (every Recap app, the reference site), as a
    running site loads them: ``django.setup()`` (every app's models and
    ``ready()``), the URLconf, and Wagtail's hook modules. Prints, as JSON, a
    fingerprint of every attribute of every ``django.*`` and ``wagtail.*``
    module loaded, and of every class defined in them.
``baseline``
    The same settings without Recap's apps and the site's own, then the same
    Django and Wagtail modules imported (their names read from stdin, as the
    full run printed them). Prints the same JSON.

`compare()` lists every attribute whose fingerprint differs: what a
monkeypatch (``LocaleManager.get_for_language = ...``) changes. Fingerprints,
not ``id()``, because the two runs are two processes: a function is known by
where its code is (file and line), a class by its module and name, a plain
value by its type (by its value when immutable). Reverse relations that
Django adds to a model of Django or Wagtail when a Recap model points at it
(``Page.recap_...``) are what Django's public model API does, not patches,
and are not compared.

``--probe MODULE`` imports MODULE after setup in the full run: the test
proves with a tiny patching module that a patch is caught.
"""

import importlib
import inspect
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "conference.settings.test"
PREFIXES = ("django.", "wagtail.")
OWN_APPS = ("recap", "recap.", "home")
SIMPLE = (bool, int, float, str, bytes, type(None))


def _code_of(value):
    """Where a callable's code is, following decorators' ``__wrapped__``."""
    seen = 0
    while hasattr(value, "__wrapped__") and seen < 20:
        value = value.__wrapped__
        seen += 1
    code = getattr(value, "__code__", None)
    if code is not None:
        return f"{code.co_filename}:{code.co_firstlineno}"
    return None


def fingerprint(value):
    if isinstance(value, SIMPLE):
        return f"{type(value).__name__}:{value!r}"
    if isinstance(value, tuple) and all(isinstance(item, SIMPLE) for item in value):
        return f"tuple:{value!r}"
    if inspect.isclass(value):
        return f"class:{value.__module__}.{value.__qualname__}"
    if isinstance(value, (staticmethod, classmethod)):
        return f"{type(value).__name__}({fingerprint(value.__func__)})"
    if isinstance(value, property):
        return (
            "property("
            + ",".join(fingerprint(part) for part in (value.fget, value.fset, value.fdel))
            + ")"
        )
    code = _code_of(value)
    if code is not None:
        name = getattr(value, "__qualname__", type(value).__qualname__)
        return f"code:{getattr(value, '__module__', '')}.{name}@{code}"
    if inspect.ismodule(value):
        return f"module:{value.__name__}"
    if callable(value) and hasattr(value, "__qualname__"):
        # A builtin, a C function.
        return f"callable:{getattr(value, '__module__', '')}.{value.__qualname__}"
    kind = type(value)
    return f"object:{kind.__module__}.{kind.__qualname__}"


def _is_added_relation(value):
    """A descriptor Django or modelcluster puts on a model for a relation
    declared on another model (a reverse accessor)."""
    module = type(value).__module__
    return module.startswith(
        ("django.db.models.fields.related_descriptors", "django.contrib.contenttypes.fields")
    ) or module.startswith("modelcluster.")


def snapshot(module_names):
    """{"module.attr" or "module.Class.attr": fingerprint}."""
    found = {}
    for name in sorted(module_names):
        module = sys.modules.get(name)
        if module is None:
            continue
        for attribute, value in list(vars(module).items()):
            if attribute.startswith("__") and attribute.endswith("__"):
                continue
            found[f"{name}.{attribute}"] = fingerprint(value)
            if inspect.isclass(value) and value.__module__ == name:
                for class_attribute, class_value in list(vars(value).items()):
                    if class_attribute in ("__dict__", "__weakref__", "__doc__"):
                        continue
                    if _is_added_relation(class_value):
                        continue
                    key = f"{name}.{value.__qualname__}.{class_attribute}"
                    found[key] = fingerprint(class_value)
    return found


def loaded_modules():
    return [name for name in sys.modules if name.startswith(PREFIXES)]


def _settings_values():
    settings_module = importlib.import_module(SETTINGS)
    return {name: getattr(settings_module, name) for name in dir(settings_module) if name.isupper()}


def run_full(probe=None):
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()
    from django.conf import settings
    from django.urls import get_resolver
    from wagtail import hooks

    get_resolver(settings.ROOT_URLCONF).url_patterns  # noqa: B018 (imports every view)
    hooks.search_for_hooks()
    if probe:
        importlib.import_module(probe)
    modules = loaded_modules()
    return {"modules": modules, "attributes": snapshot(modules)}


def run_baseline(module_names):
    from django.conf import settings

    values = _settings_values()
    values["INSTALLED_APPS"] = [
        app for app in values["INSTALLED_APPS"] if not app.startswith(OWN_APPS)
    ]
    settings.configure(**values)
    import django

    django.setup()
    imported = []
    for name in module_names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 (needs Recap's apps: not comparable)
            continue
        imported.append(name)
    return {"modules": imported, "attributes": snapshot(imported)}


def compare(baseline, full, allowed=()):
    """The attributes whose fingerprint changed (or that appeared on a class
    or module of Django or Wagtail), except those in `allowed`."""
    owners = {key.rsplit(".", 1)[0] for key in baseline}
    changed = []
    for key, value in sorted(full.items()):
        if key in allowed:
            continue
        if key in baseline:
            if baseline[key] != value:
                changed.append(f"{key}: {baseline[key]} -> {value}")
        elif key.rsplit(".", 1)[0] in owners:
            changed.append(f"{key}: added ({value})")
    return changed


def main(argv):
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    mode = argv[1]
    if mode == "full":
        probe = argv[3] if len(argv) > 3 and argv[2] == "--probe" else None
        result = run_full(probe)
    else:
        result = run_baseline(json.load(sys.stdin))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
