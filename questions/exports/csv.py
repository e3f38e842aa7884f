"""CSV export of questions for organisers: no email, no IP, safe to open in
a spreadsheet (cells that would start a formula are neutralised)."""

import csv
import datetime as dt

from django.http import HttpResponse
from django.utils.translation import gettext, pgettext_lazy

from recap.core.links import page_url

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# The header row, in the organiser's language.
COLUMNS = [
    pgettext_lazy("CSV column", "id"),
    pgettext_lazy("CSV column", "event"),
    pgettext_lazy("CSV column", "session"),
    pgettext_lazy("CSV column", "question"),
    pgettext_lazy("CSV column", "asked by"),
    pgettext_lazy("CSV column", "organisation"),
    pgettext_lazy("CSV column", "source"),
    pgettext_lazy("CSV column", "status"),
    pgettext_lazy("CSV column", "highlighted"),
    pgettext_lazy("CSV column", "votes"),
    pgettext_lazy("CSV column", "asked at (UTC)"),
    pgettext_lazy("CSV column", "answered in"),
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
    queryset = queryset.select_related("event", "session", "answered_in").order_by("asked_at", "pk")
    yes, no = gettext("yes"), gettext("no")
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
            yes if question.highlighted else no,
            question.votes,
            # When it was asked, not when it was typed up.
            question.asked_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M"),
            answered_in,
        ]


def questions_csv_response(queryset, filename, request=None):
    """An attachment download of `queryset` as CSV (UTF-8 with a BOM for Excel)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(column) for column in COLUMNS])
    for row in question_rows(queryset, request):
        writer.writerow([neutralise(cell) for cell in row])
    return response
