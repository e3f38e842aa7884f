"""A session's question settings (`SessionQuestionSettings`), read where the
questions app needs them, without a query per session.

A session without a settings row behaves as the model's defaults. Querysets
of sessions (or of questions, through ``session__``) are annotated with the
three values in the same query (`with_settings`); a page served by Wagtail
reads its row once (`settings_for`), or its in-memory child in a preview."""

from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from recap.core.versioning import cached

from .models import SessionQuestionSettings

FIELDS = ("questions_open", "questions_close_at", "questions_auto_approve")
RELATION = "recap_question_settings"


def _default(name):
    return SessionQuestionSettings._meta.get_field(name).get_default()


def settings_annotations(prefix=""):
    """Annotations giving a queryset's rows the three settings (defaults when
    the session has no row), named `prefix` + the field's name; `prefix` is
    also the path to the session (e.g. "session__" from a question)."""
    annotations = {}
    for name in FIELDS:
        ref = F(f"{prefix}{RELATION}__{name}")
        default = _default(name)
        annotations[f"{prefix.replace('__', '_')}{name}"] = (
            ref if default is None else Coalesce(ref, Value(default))
        )
    return annotations


def with_settings(sessions):
    """`sessions` (a SessionPage queryset) with each session's settings as
    attributes (`session.questions_open`, ...), in the same query: the
    relation has at most one row per session, so the join adds no rows."""
    return sessions.annotate(**settings_annotations())


def settings_from(obj, prefix=""):
    """Unsaved settings from the values `settings_annotations(prefix)` put on `obj`."""
    attname = prefix.replace("__", "_")
    return SessionQuestionSettings(**{name: getattr(obj, f"{attname}{name}") for name in FIELDS})


def settings_for(session):
    """The session's settings: annotated on it, its (prefetched or in-memory,
    as in a preview) row, or the defaults (an unsaved instance)."""
    if all(hasattr(session, name) for name in FIELDS):
        return settings_from(session)
    row = next(iter(getattr(session, RELATION).all()), None)
    return row if row is not None else SessionQuestionSettings()


def page_settings(session, request=None):
    """`settings_for` for the session's page, which Wagtail loaded without
    them: kept per content version (a publish, or any save of a settings
    row, bumps it), so the page's budget carries no query for them. A
    preview reads the page's own, unsaved, settings."""
    if getattr(request, "is_preview", False) or all(hasattr(session, n) for n in FIELDS):
        return settings_for(session)

    def compute():
        # Plain values (or None for no row): what the cache keeps.
        return SessionQuestionSettings.objects.filter(session=session.pk).values(*FIELDS).first()

    values = cached(f"questions:session-settings:{session.pk}", compute)
    return SessionQuestionSettings(**values) if values else SessionQuestionSettings()


def accepts_questions(session, settings=None, now=None):
    """Whether delegates may ask questions on `session` now: while its box is
    ticked, until its close time, or, left empty, until the session ends (as
    Slido closes an event's Q&A when it ends); never on a cancelled session
    or a break."""
    settings = settings if settings is not None else settings_for(session)
    if not settings.questions_open or session.is_cancelled or session.is_break:
        return False
    now = now or timezone.now()
    close_at = settings.questions_close_at or session.end
    return close_at is None or now < close_at
