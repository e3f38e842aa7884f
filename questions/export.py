"""CSV export of questions for organisers: no email, no IP, safe to open in
a spreadsheet (cells that would start a formula are neutralised)."""

import csv
import datetime as dt

from django.http import HttpResponse

from recap.core.links import page_url

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = [
    "id",
    "event",
    "session",
    "question",
    "asked by",
    "organisation",
    "source",
    "status",
    "highlighted",
    "votes",
    "asked at (UTC)",
    "answered in",
]


def neutralise(value):
    """A cell value a spreadsheet shows as text: a leading formula character
    gets a single quote in front (OWASP's advice for CSV injection)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def question_rows(queryset, request=None):
    """One list of cells per question, in COLUMNS order."""
    queryset = queryset.select_related("event", "session", "answered_in").order_by(
        "created_at", "pk"
    )
    for question in queryset.iterator(chunk_size=500):
        answered_in = ""
        if question.answered_in is not None:
            answered_in = page_url(request, question.answered_in) or question.answered_in.title
        yield [
            question.pk,
            question.event.title if question.event else "",
            question.session.title if question.session else "",
            question.text,
            question.name,
            question.organisation,
            question.get_source_display(),
            question.get_status_display(),
            "yes" if question.highlighted else "no",
            question.votes,
            question.created_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M"),
            answered_in,
        ]


def questions_csv_response(queryset, filename, request=None):
    """An attachment download of `queryset` as CSV (UTF-8 with a BOM for Excel)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for row in question_rows(queryset, request):
        writer.writerow([neutralise(cell) for cell in row])
    return response
