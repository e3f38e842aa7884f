"""French typography: elision where "de {name}" is built, and dates whose
months are abbreviated as French writes them (issue 21)."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeData, mark_safe

from recap.core.typography import elide


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Programme de Open Channels Live", "Programme d’Open Channels Live"),
        ("Photo de Ada Lovelace", "Photo d’Ada Lovelace"),
        ("Comptes rendus de Émile", "Comptes rendus d’Émile"),
        ("Retour au programme de Journée Open", "Retour au programme de Journée Open"),
        ("de Hélène", "de Hélène"),  # h aspiré or not: left alone
        ("Aide à la lecture", "Aide à la lecture"),
    ],
)
def test_elide_in_french(text, expected):
    assert elide(text, "fr") == expected


def test_elide_leaves_english_alone_and_keeps_safe_text_safe():
    assert elide("Programme de Open", "en-gb") == "Programme de Open"
    assert isinstance(elide(mark_safe("de <b>Ada</b>"), "fr"), SafeData)


def render(template, **context):
    return Template("{% load recap_core_tags %}" + template).render(Context(context))


@pytest.mark.parametrize(
    ("month", "french", "english"),
    [
        (12, "lun 7 déc.", "Mon 7 Dec"),
        (7, "mar 7 juil.", "Tue 7 Jul"),
        (6, "dim 7 juin", "Sun 7 Jun"),
    ],
)
def test_short_date_abbreviates_months_as_each_language_does(month, french, english):
    day = dt.date(2026, month, 7)

    with translation.override("fr"):
        assert render("{{ day|short_date }}", day=day) == french
    with translation.override("en-gb"):
        assert render("{{ day|short_date }}", day=day) == english


def test_short_date_adds_the_year_and_time_asked_for():
    moment = dt.datetime(2026, 12, 7, 12, 30)

    with translation.override("fr"):
        assert render('{{ m|short_date:"year,time" }}', m=moment) == "lun 7 déc. 2026, 12:30"
