"""What the room's screen shows, and the public view of a question.

The same dictionaries feed the present page and its JSON endpoint; they
never carry an email address or anything else private. Only what the screen
shows is read: the highlighted question, the top few and the last answered,
each a bounded query, however many questions the session has.

Polls are answered from a version per session read from the database by one
primary-key query on every poll (see `present_version`): a counter that every
change moves on in its own transaction, so whichever process made a change (a
vote, an ask, a moderation in the admin or a shell), and whether or not the
cache is up, the next poll sees it. Nothing is kept in the cache.
"""

import datetime as dt
import functools
import hashlib
import json

import segno
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from recap.core.models import ContentVersion
from recap.core.pages import is_public, private_section_paths
from recap.core.structured_data import escape_script_json
from recap.core.versioning import ROW_ID
from recap.events.models import SessionPage

from .models import DelegateQuestion, PresentVersion, QuestionStatus, SessionQuestionSettings
from .session_settings import accepts_questions

TOP_QUESTIONS = 8
HISTORY_LENGTH = 10
# Part of every ETag: change it when the shape of the JSON changes.
STATE_FORMAT = "2"


def present_version(session_id):
    """The session's question version, or None when there is no such live
    session: one query, by primary key.

    Its parts: the session's counter (`PresentVersion`, moved on in the same
    transaction as every ask, vote, edit and moderation of its questions:
    `bump_present_versions`), the site's content version (a session
    published or unpublished, a cited write-up made private), and whether
    the clock has closed the session's questions (the moment they close, the
    version moves and the screen says so).

    Written as one SQL statement (the tables named from the models' _meta):
    a poll is little else, and building the same query through the ORM costs
    several times the query itself (1.5 ms against 0.3 ms a poll, measured on
    PostgreSQL).
    """
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [ROW_ID, session_id, True])
        row = cursor.fetchone()
    if row is None:
        return None
    close_at, end, counter, epoch, content = row
    close_at = _aware(close_at or end)
    closed_by_time = close_at is not None and timezone.now() >= close_at
    parts = (counter or 0, epoch, content, closed_by_time)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


@functools.cache
def _version_sql():
    """The statement; its parameters: the content version's row id, the
    session's id, True (live)."""
    quote = connection.ops.quote_name
    session = SessionPage._meta
    page = session.get_field("page_ptr").remote_field.model._meta
    counter = PresentVersion._meta
    settings = SessionQuestionSettings._meta
    content = ContentVersion._meta
    # Names from the models' _meta, quoted; every value is a parameter.
    return (
        f"SELECT q.{_column(settings, 'questions_close_at')}, s.{_column(session, 'end')}, "  # noqa: S608
        f"v.{_column(counter, 'value')}, c.{_column(content, 'epoch')}, "
        f"c.{_column(content, 'value')} "
        f"FROM {quote(session.db_table)} s "
        f"JOIN {quote(page.db_table)} p ON p.{quote(page.pk.column)} = s.{quote(session.pk.column)} "
        f"LEFT JOIN {quote(settings.db_table)} q "
        f"ON q.{_column(settings, 'session')} = s.{quote(session.pk.column)} "
        f"LEFT JOIN {quote(counter.db_table)} v "
        f"ON v.{quote(counter.pk.column)} = s.{quote(session.pk.column)} "
        f"LEFT JOIN {quote(content.db_table)} c ON c.{quote(content.pk.column)} = %s "
        f"WHERE s.{quote(session.pk.column)} = %s AND p.{_column(page, 'live')} = %s"
    )


def _column(meta, name):
    return connection.ops.quote_name(meta.get_field(name).column)


def _aware(value):
    """A datetime from a raw row, aware in UTC as the ORM gives it (SQLite
    returns text, and naive values where USE_TZ stores UTC)."""
    if value is None or isinstance(value, dt.datetime) and timezone.is_aware(value):
        return value
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return timezone.make_aware(value, dt.UTC) if timezone.is_naive(value) else value


def bump_present_versions(session_ids, *, create=True):
    """Move the counters of these sessions on, in the caller's transaction
    (so a poll never sees the new version before the change it stands for).
    Two statements at most: the update, and rows for sessions that had none
    (unless `create` is off: a question deleted with its session must not
    make a row for the session being deleted)."""
    ids = {pk for pk in session_ids if pk is not None}
    if not ids:
        return
    moved = PresentVersion.objects.filter(session_id__in=ids).update(value=F("value") + 1)
    if create and moved < len(ids):
        have = set(
            PresentVersion.objects.filter(session_id__in=ids).values_list("session_id", flat=True)
        )
        PresentVersion.objects.bulk_create(
            [PresentVersion(session_id=pk, value=1) for pk in ids - have],
            ignore_conflicts=True,
        )


def question_changed(sender, instance, **kwargs):
    """post_save / post_delete receiver: any change to a question (an ask, an
    edit in the admin or a shell) moves its session's counter."""
    bump_present_versions([instance.session_id], create="created" in kwargs)


def etag_for_version(version):
    """The present.json ETag for a session version (None for no version)."""
    return None if version is None else f'"{STATE_FORMAT}-{version}"'


def if_none_match(request):
    """The ETags a client holds; a weak one (W/, as a proxy that compressed
    the body sends it back) matches its strong form."""
    tags = (tag.strip() for tag in request.headers.get("If-None-Match", "").split(","))
    return {tag[2:] if tag.startswith("W/") else tag for tag in tags}


def public_question(question, request=None, private_paths=()):
    """The public face of a question: text, asker's name if they gave it, votes,
    and the write-up that answers it unless that page is not public (its
    title stays private: `private_paths` are the private sections' paths)."""
    answered_in = None
    page = question.answered_in if question.answered_in_id else None
    if page is not None and is_public(page, private_paths):
        answered_in = {
            "title": question.answered_in.title,
            # The answer itself: the write-up's Q&A block has the question's id.
            "url": f"{question.answered_in.get_url(request)}#question-{question.pk}",
        }
    return {
        "id": question.pk,
        "text": question.text,
        # Not after the retention date, even before the purge has run.
        "name": question.public_name,
        "organisation": question.public_organisation,
        "votes": question.votes,
        "status": question.status,
        "highlighted": question.highlighted,
        "answered_in": answered_in,
    }


def present_state(session, request=None):
    """The highlighted question, the top approved questions and the last answered ones."""
    questions = DelegateQuestion.objects.filter(session=session).select_related("answered_in")
    approved = questions.filter(status=QuestionStatus.APPROVED)
    highlighted = approved.filter(highlighted=True).order_by("-updated_at", "-pk").first()
    if highlighted is not None:
        approved = approved.exclude(pk=highlighted.pk)
    top = list(approved.order_by("-votes", "created_at", "pk")[:TOP_QUESTIONS])
    answered = list(
        questions.filter(status=QuestionStatus.ANSWERED).order_by("-updated_at", "-pk")[
            :HISTORY_LENGTH
        ]
    )
    shown = [q for q in (highlighted, *top, *answered) if q is not None]
    # The private sections are read only when some question has an answer.
    paths = private_section_paths() if any(q.answered_in_id for q in shown) else ()
    return {
        "session": {"id": session.pk, "title": session.title},
        "closed": not accepts_questions(session),
        "highlighted": public_question(highlighted, request, paths) if highlighted else None,
        "top": [public_question(q, request, paths) for q in top],
        "answered": [public_question(q, request, paths) for q in answered],
    }


def safe_json(data):
    """JSON with <, > and & escaped, so no stored text can read as markup
    even if the response were ever sniffed or inlined into a page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
    return escape_script_json(text)


def qr_svg(url):
    """The URL as an inline SVG QR code (segno), scaled by CSS."""
    qr = segno.make(url, error="m")
    return qr.svg_inline(
        scale=1,
        border=2,
        dark="#000",
        light="#fff",
        omitsize=True,
        svgclass="recap-present__qr-code",
        title=gettext("QR code: scan to ask a question"),
    )
