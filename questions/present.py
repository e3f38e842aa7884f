"""What the room's screen shows, and the public view of a question.

The same dictionaries feed the present page and its JSON endpoint; they
never carry an email address or anything else private. Only what the screen
shows is read: the highlighted question, the top few and the last answered,
each a bounded query, however many questions the session has.

Polls are answered from a version per session read from the database by one
small query on every poll (see `present_version`): whichever process made a
change (a vote, an ask, a moderation in the admin or a shell), and whether or
not the cache is up, the next poll sees it. Nothing is kept in the cache.
"""

import hashlib
import json

import segno
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, Max, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext

from recap.core.models import ContentVersion
from recap.core.pages import is_public, private_section_paths
from recap.core.structured_data import escape_script_json
from recap.core.versioning import ROW_ID
from recap.events.models import SessionPage

from .models import DelegateQuestion, QuestionStatus
from .session_settings import RELATION, accepts_questions

CLOSE_AT = f"{RELATION}__questions_close_at"

TOP_QUESTIONS = 8
HISTORY_LENGTH = 10
# Part of every ETag: change it when the shape of the JSON changes.
STATE_FORMAT = "2"


def present_version(session_id):
    """The session's question version, or None when there is no such live
    session: one query, on the session and its questions.

    Every change moves one of its parts: the session's last publish (its
    title), its questions' number, latest change and votes, how many are
    approved and answered, which one is highlighted (a highlight moved from
    one question to another in one transaction changes no count), the site's
    content version (a cited write-up published or made private), and
    whether the clock has closed the session's questions. The counts catch
    what the latest change time alone could miss: a change whose time was
    taken before another's but committed after it. What they cannot catch is
    an edit of a question's text in exactly that race: it shows at the
    session's next change.
    """
    content = ContentVersion.objects.filter(pk=ROW_ID).values("value")[:1]
    rows = (
        SessionPage.objects.filter(pk=session_id, live=True)
        # No ordering: the pages' path would join the grouping (and a sort).
        .order_by()
        # The settings row (at most one per session) adds no rows to count.
        .values("last_published_at", "end", questions_close_at=F(CLOSE_AT))
        .annotate(
            latest=Max("questions__updated_at"),
            count=Count("questions"),
            votes=Sum("questions__votes"),
            approved=Count("questions", filter=Q(questions__status=QuestionStatus.APPROVED)),
            answered=Count("questions", filter=Q(questions__status=QuestionStatus.ANSWERED)),
            highlighted=Max("questions__pk", filter=Q(questions__highlighted=True)),
            content=Subquery(content),
        )[:1]
    )
    row = next(iter(rows), None)
    if row is None:
        return None
    # Questions close by the clock too (at questions_close_at, or the session's
    # end): the moment they do, the version moves and the screen says so.
    close_at = row.pop("questions_close_at")
    end = row.pop("end")
    close_at = close_at or end
    row["closed_by_time"] = close_at is not None and timezone.now() >= close_at
    parts = sorted(row.items())
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def bump_present_versions(session_ids):
    """Nothing to do: the version is read from the database on every poll.
    Kept for callers (asks, votes, moderation) written when it lived in the
    cache; they may drop the call."""


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
