"""What the room's screen shows, and the public view of a question.

The same dictionaries feed the present page and its JSON endpoint; they
never carry an email address or anything else private. Only what the screen
shows is read: the highlighted question, the top few and the last answered,
each a bounded query, however many questions the session has.

Polls are answered from a version per session, derived from the database
by one cheap query (the session's last publish, its questions' latest change
and their number: every change, whether a question asked, a vote, a
moderation or an edit, moves one of them; and whether the clock has closed
its questions) and kept in the cache. Every change
deletes the cached version once it is committed, so the next poll reads it
again; in between, polls cost no query. Cached versions expire after
VERSION_TIMEOUT, which bounds how long a change can go unseen when a poll's
reading races a commit, or when the cache was down during the change.
"""

import hashlib
import json

import segno
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext

from recap.core.pages import is_public, private_section_paths
from recap.core.structured_data import escape_script_json
from recap.events.models import SessionPage

from .models import DelegateQuestion, QuestionStatus

TOP_QUESTIONS = 8
HISTORY_LENGTH = 10
VERSION_TIMEOUT = 10
# Part of every ETag: change it when the shape of the JSON changes.
STATE_FORMAT = "2"


def _version_key(session_id):
    return f"recap_questions:present_version:{session_id}"


def cached_present_version(session_id):
    """The session's question version if the cache holds it, else None (no
    query: the caller falls back to `present_version`)."""
    return cache.get(_version_key(session_id))


def present_version(session_id):
    """The session's question version: from the cache, else from one query.
    None when there is no such live session."""
    version = cached_present_version(session_id)
    if version is not None:
        return version
    row = (
        SessionPage.objects.filter(pk=session_id, live=True)
        .values("last_published_at", "questions_close_at", "end")
        .annotate(latest=Max("questions__updated_at"), count=Count("questions"))
        .first()
    )
    if row is None:
        return None
    # Questions close by the clock too (at questions_close_at, or the session's
    # end): the moment they do, the version moves and the screen says so.
    close_at = row["questions_close_at"] or row["end"]
    closed_by_time = close_at is not None and timezone.now() >= close_at
    parts = [row["last_published_at"], row["latest"], row["count"], closed_by_time]
    version = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    cache.set(_version_key(session_id), version, VERSION_TIMEOUT)
    return version


def bump_present_versions(session_ids):
    """Forget these sessions' versions now and again once the current
    transaction commits.

    The second time is the one that matters: a poll between now and the
    commit reads (and caches) the version from before the change. The first
    serves callers whose transaction is never committed here (a test's).
    """
    keys = [_version_key(pk) for pk in {pk for pk in session_ids if pk is not None}]
    if not keys:
        return

    def forget():
        cache.delete_many(keys)

    if transaction.get_connection().in_atomic_block:
        forget()
        transaction.on_commit(forget)
    else:
        # Already committed (a vote's counter, in autocommit): once is enough.
        forget()


def question_saved_or_deleted(sender, instance, **kwargs):
    """post_save / post_delete receiver for DelegateQuestion (admin edits, asks)."""
    bump_present_versions([instance.session_id])


def session_published_or_unpublished(sender, instance, **kwargs):
    """page_published / page_unpublished receiver: the title shows on the screen."""
    if isinstance(instance, SessionPage):
        bump_present_versions([instance.pk])


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
            "url": question.answered_in.get_url(request),
        }
    return {
        "id": question.pk,
        "text": question.text,
        "name": question.name,
        "organisation": question.organisation,
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
        "closed": not session.accepts_questions(),
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
