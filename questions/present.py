"""What the room's screen shows, and the public view of a question.

The same dictionaries feed the present page and its JSON endpoint; they
never carry an email address or anything else private.
"""

import hashlib
import json

import segno
from django.core.serializers.json import DjangoJSONEncoder

from recap.core.structured_data import escape_script_json

from .models import DelegateQuestion, QuestionStatus

TOP_QUESTIONS = 8
HISTORY_LENGTH = 10


def public_question(question, request=None):
    """The public face of a question: text, asker's name if they gave it, votes."""
    answered_in = None
    if question.answered_in_id and question.answered_in is not None:
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
    """The highlighted question, the top approved questions and the answered ones."""
    questions = list(
        DelegateQuestion.objects.filter(
            session=session, status__in=(QuestionStatus.APPROVED, QuestionStatus.ANSWERED)
        )
        .select_related("answered_in")
        .order_by("-votes", "created_at", "pk")
    )
    highlighted = next(
        (q for q in questions if q.highlighted and q.status == QuestionStatus.APPROVED), None
    )
    top = [q for q in questions if q.status == QuestionStatus.APPROVED and q is not highlighted][
        :TOP_QUESTIONS
    ]
    answered = sorted(
        (q for q in questions if q.status == QuestionStatus.ANSWERED),
        key=lambda q: q.updated_at,
        reverse=True,
    )[:HISTORY_LENGTH]
    return {
        "session": {"id": session.pk, "title": session.title},
        "highlighted": public_question(highlighted, request) if highlighted else None,
        "top": [public_question(q, request) for q in top],
        "answered": [public_question(q, request) for q in answered],
    }


def safe_json(data):
    """JSON with <, > and & escaped, so no stored text can read as markup
    even if the response were ever sniffed or inlined into a page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
    return escape_script_json(text)


def etag_for(body):
    """A strong ETag for a JSON body."""
    return '"' + hashlib.sha256(body.encode("utf-8")).hexdigest()[:32] + '"'


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
        title="QR code: scan to ask a question",
    )
