"""Importing programmes from .ics files (domain functions and the command)."""

import datetime as dt
import zoneinfo
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from recap.events.importing import ImportRefused, apply_import, applying, plan_import, reading
from recap.events.models import EventPage, SessionPage
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ics"
LONDON = zoneinfo.ZoneInfo("Europe/London")
UTC = dt.UTC


def fixture(name):
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def index():
    return EventIndexPageFactory()


def run_import(data, filename="programme.ics", index_page=None, **kwargs):
    publish = kwargs.pop("publish", True)
    plan = plan_import(data, filename, **kwargs)
    return plan, apply_import(plan, index_page=index_page, publish=publish)


def sessions_of(event):
    return {s.title: s for s in SessionPage.objects.child_of(event).order_by("start")}


def test_pretalx_file_creates_a_published_event_named_after_the_file(index):
    plan, result = run_import(
        fixture("pretalx-comms-camp-2026.ics"), "pretalx-comms-camp-2026.ics", index_page=index
    )

    event = result.event
    assert event.title == "pretalx comms camp 2026"
    assert event.live
    sessions = sessions_of(event)
    listening = sessions["Listening at scale, without losing the plot"]
    assert listening.start == dt.datetime(2026, 10, 24, 8, 0, tzinfo=UTC)
    assert listening.live
    assert listening.room.name == "Saal Zwei"
    # Folded line joined, escaped comma and semicolon read, non-ASCII kept.
    assert "40,000 comments a month; and what they changed" in listening.abstract
    assert "Zoë Nkemelu" in listening.abstract
    assert "Straße, café and naïve" in sessions["Crisis comms after the clocks go back"].abstract
    assert (event.start, event.end) == (
        dt.datetime(2026, 10, 24, 8, 0, tzinfo=UTC),
        dt.datetime(2026, 10, 26, 11, 0, tzinfo=UTC),
    )


def test_reimporting_the_same_file_updates_nothing_and_duplicates_nothing(index):
    data = fixture("pretalx-comms-camp-2026.ics")
    _, first = run_import(data, index_page=index)

    plan, second = run_import(data, index_page=index)

    assert second.event.pk == first.event.pk
    assert [item.action for item in plan.sessions] == ["unchanged", "unchanged"]
    assert SessionPage.objects.count() == 2
    assert EventPage.objects.count() == 1


def test_reimport_with_a_moved_session_updates_it_in_place_and_bumps_sequence(index):
    data = fixture("pretalx-comms-camp-2026.ics")
    _, first = run_import(data, index_page=index)
    moved = data.replace(b"DTSTART:20261024T080000Z", b"DTSTART:20261024T081500Z").replace(
        b"SUMMARY:Crisis comms", b"SUMMARY:Calm comms"
    )

    plan, result = run_import(moved, index_page=index)

    assert [item.action for item in plan.sessions] == ["update", "update"]
    sessions = sessions_of(result.event)
    assert SessionPage.objects.count() == 2
    listening = sessions["Listening at scale, without losing the plot"]
    assert listening.start == dt.datetime(2026, 10, 24, 8, 15, tzinfo=UTC)
    assert listening.sequence == 1
    # A new title alone is not a change of time or place.
    assert sessions["Calm comms after the clocks go back"].sequence == 0


def test_sessionize_file_uses_calendar_name_zone_speakers_and_kinds(index):
    ada = SpeakerFactory(name="Ada Okafor")
    ben = SpeakerFactory(name="Ben Ito")

    _, result = run_import(fixture("sessionize-ic-summit.ics"), index_page=index)

    event = result.event
    assert event.title == "Internal Comms Summit 2026"
    assert event.time_zone == "Europe/London"
    sessions = sessions_of(event)
    panel = sessions["Panel: where do IC pros fit in social media?"]
    assert panel.kind == "panel"
    # 09:30 on 28 March is GMT; 14:00 on 30 March is BST (clocks change on the 29th).
    assert panel.start == dt.datetime(2026, 3, 28, 9, 30, tzinfo=UTC)
    assert sessions["Measuring what matters"].start == dt.datetime(2026, 3, 30, 13, tzinfo=UTC)
    assert sessions["Measuring what matters"].kind == "workshop"
    assert [link.speaker for link in panel.speaker_links.all()] == [ada, ben]


def test_google_file_skips_all_day_and_recurring_items_with_reasons(index):
    plan, result = run_import(fixture("google-calendar-export.ics"), index_page=index)

    reasons = {item.title: item.reason for item in plan.skipped}
    assert "all-day" in reasons["Speaker prep day"]
    assert "repeats" in reasons["Weekly organisers' call"]
    event = result.event
    assert event.time_zone == "America/New_York"
    sessions = sessions_of(event)
    assert set(sessions) == {"Lightning talks", "Breakfast after the clocks change"}
    # 21:00 EDT on 31 October is 01:00 UTC on 1 November; 09:00 EST is 14:00 UTC.
    assert sessions["Lightning talks"].start == dt.datetime(2026, 11, 1, 1, 0, tzinfo=UTC)
    assert sessions["Breakfast after the clocks change"].start == dt.datetime(
        2026, 11, 1, 14, 0, tzinfo=UTC
    )
    assert sessions["Lightning talks"].room.name == "Loft, 5th floor"


def test_hostile_html_in_descriptions_is_reduced_to_escaped_text(index):
    _, google = run_import(fixture("google-calendar-export.ics"), index_page=index)
    _, outlook = run_import(fixture("outlook-export.ics"), index_page=index)

    for session in (
        sessions_of(google.event)["Lightning talks"],
        sessions_of(outlook.event)["An evening with the chief executive"],
    ):
        assert "<script" not in session.abstract
        assert "<img" not in session.abstract
        assert "onerror" not in session.abstract
        assert "<b>" not in session.abstract
    outlook_session = sessions_of(outlook.event)["An evening with the chief executive"]
    assert "Evening talk: the CEO on camera." in outlook_session.abstract


def test_outlook_windows_zone_name_is_read_as_its_iana_zone(index):
    carmen = SpeakerFactory(name="Carmen Ruiz")

    _, result = run_import(fixture("outlook-export.ics"), index_page=index)

    event = result.event
    assert event.time_zone == "Europe/London"
    session = sessions_of(event)["An evening with the chief executive"]
    # 18:30 "GMT Standard Time" in July is British Summer Time: 17:30 UTC.
    assert session.start == dt.datetime(2026, 7, 15, 17, 30, tzinfo=UTC)
    assert session.room.name == "Lecture Theatre; Level 1"
    assert [link.speaker for link in session.speaker_links.all()] == [carmen]


def test_floating_times_are_read_in_the_events_zone():
    event = EventPageFactory(
        time_zone="America/New_York",
        start=dt.datetime(2026, 7, 1, 13, tzinfo=UTC),
        end=dt.datetime(2026, 7, 1, 23, tzinfo=UTC),
    )
    data = calendar_with(
        "UID:floating-1\r\nDTSTART:20260701T100000\r\nDTEND:20260701T110000\r\nSUMMARY:Floating\r\n"
    )

    run_import(data, event=event)

    session = sessions_of(event)["Floating"]
    assert session.start == dt.datetime(2026, 7, 1, 14, 0, tzinfo=UTC)


def test_import_into_existing_event_widens_its_dates_to_fit(index):
    event = EventPageFactory(
        start=dt.datetime(2026, 10, 24, 7, tzinfo=UTC),
        end=dt.datetime(2026, 10, 24, 17, tzinfo=UTC),
    )

    plan, result = run_import(fixture("pretalx-comms-camp-2026.ics"), event=event)

    assert plan.widen_to is not None
    event.refresh_from_db()
    assert event.start == dt.datetime(2026, 10, 24, 7, tzinfo=UTC)
    assert event.end == dt.datetime(2026, 10, 26, 11, tzinfo=UTC)
    assert len(sessions_of(event)) == 2


def test_exported_programme_reimports_onto_the_same_sessions(client, index):
    event = EventPageFactory(
        parent=index,
        start=dt.datetime(2026, 10, 24, 8, tzinfo=UTC),
        end=dt.datetime(2026, 10, 24, 18, tzinfo=UTC),
    )
    session = SessionPageFactory(parent=event, title="Keynote")
    response = client.get(event.url + "programme.ics")
    exported = b"".join(response.streaming_content)

    plan = plan_import(exported, "programme.ics")

    assert plan.event.pk == event.pk
    (item,) = plan.sessions
    assert item.existing.pk == session.pk
    assert item.action == "update"  # our abstract adds speakers and the URL
    assert set(item.changes) == {"abstract"}


def test_file_whose_sessions_span_two_events_is_refused(index):
    one = SessionPageFactory(parent=EventPageFactory(title="One"))
    two = SessionPageFactory(parent=EventPageFactory(title="Two"))
    data = calendar_with(
        *(
            f"UID:{s.calendar_uid}@recap\r\nDTSTART:{s.start:%Y%m%dT%H%M%SZ}\r\n"
            f"DTEND:{s.end:%Y%m%dT%H%M%SZ}\r\nSUMMARY:{s.title}\r\n"
            for s in (one, two)
        )
    )

    with pytest.raises(ImportRefused, match="several events"):
        plan_import(data, "x.ics")


def calendar_with(*events):
    body = "".join(f"BEGIN:VEVENT\r\n{event}END:VEVENT\r\n" for event in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{body}END:VCALENDAR\r\n".encode()
    )


BROKEN = [
    (b"This is a shopping list, not a calendar.\r\n", "not an iCalendar file"),
    (fixture("sessionize-ic-summit.ics")[:900], "cut short"),
    (
        calendar_with("UID:bad-date\r\nDTSTART:20261340T250000Z\r\nDTEND:20261024T100000Z\r\n"),
        r"Line 6, UID bad-date: DTSTART is not valid",
    ),
    (
        calendar_with(
            "UID:backwards\r\nDTSTART:20261024T100000Z\r\nDTEND:20261024T090000Z\r\nSUMMARY:Back\r\n"
        ),
        "UID backwards: “Back” ends before it starts",
    ),
    (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n", "Line 4"),
]

# Values icalendar reads without complaint but that cannot be a session's
# times: refused naming the line, in the domain, the command and the admin.
FAR_FUTURE = calendar_with(
    "UID:far-future\r\nDTSTART:99991231T090000Z\r\nDURATION:PT2H\r\nSUMMARY:Far\r\n"
)
FAR_FUTURE_MESSAGE = "Line 6, UID far-future: DTSTART falls in the year 9999"
UNKNOWN_ZONE = calendar_with(
    "UID:mars\r\nDTSTART;TZID=Mars/Olympus_Mons:20261024T090000\r\n"
    "DTEND;TZID=Mars/Olympus_Mons:20261024T100000\r\nSUMMARY:On Mars\r\n"
)
UNKNOWN_ZONE_MESSAGE = "Line 6, UID mars: DTSTART names an unknown time zone"
BROKEN += [
    (FAR_FUTURE, FAR_FUTURE_MESSAGE),
    (
        calendar_with(
            "UID:forever\r\nDTSTART:20261024T090000Z\r\nDURATION:P999999999D\r\nSUMMARY:Long\r\n"
        ),
        "Line 7, UID forever: DTSTART plus DURATION ends after the year 9999",
    ),
    (
        calendar_with(
            "UID:early\r\nDTSTART:20261024T090000Z\r\nDTEND:00010101T100000Z\r\nSUMMARY:Early\r\n"
        ),
        "Line 7, UID early: DTEND falls in the year 1",
    ),
    (UNKNOWN_ZONE, UNKNOWN_ZONE_MESSAGE),
    (
        calendar_with(
            "UID:path\r\nDTSTART:20261024T090000Z\r\n"
            "DTEND;TZID=../../etc/passwd:20261024T100000\r\nSUMMARY:Path\r\n"
        ),
        r"Line 7, UID path: DTEND names an unknown time zone \(TZID='\.\./\.\./etc/passwd'\)",
    ),
]


@pytest.mark.parametrize(("data", "message"), BROKEN)
def test_broken_file_is_refused_naming_the_problem_and_nothing_is_written(index, data, message):
    with pytest.raises(ImportRefused, match=message):
        run_import(data, index_page=index)

    assert not EventPage.objects.exists()
    assert not SessionPage.objects.exists()


def test_too_large_file_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_SIZE", 100)

    with pytest.raises(ImportRefused, match="the limit is"):
        plan_import(fixture("pretalx-comms-camp-2026.ics"), "big.ics")


def test_failure_halfway_through_writes_nothing(index, monkeypatch):
    plan = plan_import(fixture("pretalx-comms-camp-2026.ics"), "x.ics")

    def fail(*args, **kwargs):
        # After the pages, their speakers and revisions are written.
        raise ImportRefused("disk full")

    monkeypatch.setattr(applying, "_log_created", fail)

    with pytest.raises(ImportRefused):
        apply_import(plan, index_page=index)

    assert not EventPage.objects.exists()
    assert not SessionPage.objects.exists()


def test_command_imports_and_reports_counts(index, capsys):
    call_command("import_ics", str(FIXTURES / "sessionize-ic-summit.ics"))

    out = capsys.readouterr().out
    assert "2 created, 0 updated" in out
    assert SessionPage.objects.live().count() == 2


def test_command_dry_run_writes_nothing(index, capsys):
    call_command("import_ics", str(FIXTURES / "google-calendar-export.ics"), "--dry-run")

    out = capsys.readouterr().out
    assert "Dry run, nothing written: 2 to create" in out
    assert "skip: Speaker prep day" in out
    assert not EventPage.objects.exists()


def test_command_draft_leaves_event_and_sessions_unpublished(index):
    call_command("import_ics", str(FIXTURES / "outlook-export.ics"), "--draft")

    assert EventPage.objects.get().live is False
    assert SessionPage.objects.get().live is False


def test_command_uses_the_given_time_zone_for_a_new_event(index):
    call_command(
        "import_ics", str(FIXTURES / "pretalx-comms-camp-2026.ics"), "--timezone", "Europe/Berlin"
    )

    assert EventPage.objects.get().time_zone == "Europe/Berlin"


def test_command_into_an_event_by_slug(index):
    event = EventPageFactory(
        slug="camp",
        start=dt.datetime(2026, 10, 24, 7, tzinfo=UTC),
        end=dt.datetime(2026, 10, 26, 17, tzinfo=UTC),
    )

    call_command("import_ics", str(FIXTURES / "pretalx-comms-camp-2026.ics"), "--event", "camp")

    assert len(sessions_of(event)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--event", "nope"], "No event with the slug"),
        (["--timezone", "Mars/Olympus"], "Unknown time zone"),
    ],
)
def test_command_refuses_bad_options_without_traceback(index, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_ics", str(FIXTURES / "outlook-export.ics"), *args)


def test_command_refuses_a_broken_file_with_a_command_error(index, tmp_path):
    broken = tmp_path / "broken.ics"
    broken.write_bytes(fixture("sessionize-ic-summit.ics")[:900])

    with pytest.raises(CommandError, match="broken.ics refused: .*cut short"):
        call_command("import_ics", str(broken))

    assert not EventPage.objects.exists()


def test_command_shows_a_progress_bar_for_large_files(index, monkeypatch):
    from io import StringIO

    from recap.events.management.commands import import_ics

    monkeypatch.setattr(import_ics, "PROGRESS_THRESHOLD", 2)
    stderr = StringIO()

    call_command("import_ics", str(FIXTURES / "pretalx-comms-camp-2026.ics"), stderr=stderr)

    assert "Importing sessions" in stderr.getvalue()
    assert "2/2" in stderr.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [(FAR_FUTURE, FAR_FUTURE_MESSAGE), (UNKNOWN_ZONE, UNKNOWN_ZONE_MESSAGE)],
)
def test_command_refuses_impossible_times_naming_the_line(index, tmp_path, data, message):
    programme = tmp_path / "programme.ics"
    programme.write_bytes(data)

    with pytest.raises(CommandError, match=f"programme.ics refused: {message}"):
        call_command("import_ics", str(programme))

    assert not EventPage.objects.exists()


def one_event(summary, extra=""):
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:prefix-1\r\nDTSTART:20261024T090000Z\r\nDTEND:20261024T100000Z\r\n"
        f"SUMMARY:{summary}\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("summary", "kind"),
    [
        ("Panel: Where do IC pros fit?", "panel"),
        ("Keynote: The year in comms", "keynote"),
        ("WORKSHOP : Measuring what matters", "workshop"),
        ("Fireside chat: With the CEO", "fireside"),
        ("Lessons: what we learned", "talk"),
        ("Panel", "talk"),
    ],
)
def test_summary_prefix_sets_the_kind_and_the_title_keeps_it(summary, kind):
    plan = plan_import(one_event(summary), zone_name="UTC")

    item = plan.sessions[0]
    assert item.kind == kind
    assert item.title == summary


def test_categories_win_over_a_summary_prefix():
    plan = plan_import(one_event("Panel: Where next?", "CATEGORIES:Keynote\r\n"), zone_name="UTC")

    assert plan.sessions[0].kind == "keynote"


def test_dry_run_describes_items_by_title_and_time_not_uid(tmp_path, index):
    path = tmp_path / "programme.ics"
    path.write_bytes(fixture("google-calendar-export.ics"))
    out = __import__("io").StringIO()

    call_command("import_ics", str(path), "--dry-run", stdout=out)

    text = out.getvalue()
    assert "Weekly organisers' call (repeats, from Fri 02 Oct 2026 12:00)" in text
    assert "Lightning talks (Sat 31 Oct 2026 21:00–22:" in text
    assert "@google.com" not in text


# Folded lines (RFC 5545 3.1): unfolding is linear in the file's size (issue 18).


def folded_calendar(description_length, events=1, fold=74):
    """A calendar whose events each carry a DESCRIPTION of
    `description_length` characters, folded every `fold` characters."""
    body = []
    for number in range(events):
        text = "DESCRIPTION:" + "".join(f"w{n % 10}" + " " for n in range(description_length // 3))
        folded = "\r\n ".join(text[i : i + fold] for i in range(0, len(text), fold))
        body.append(
            "BEGIN:VEVENT\r\n"
            f"UID:folded-{number}@example.org\r\n"
            "DTSTAMP:20260101T000000Z\r\n"
            "DTSTART:20260601T090000Z\r\n"
            "DTEND:20260601T100000Z\r\n"
            f"SUMMARY:Talk {number}\r\n"
            f"{folded}\r\n"
            "END:VEVENT\r\n"
        )
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        + "".join(body)
        + ("END:VCALENDAR\r\n")
    )


def reference_unfold(text):
    """RFC 5545's rule as one substitution (linear), for comparison."""
    import re

    return [line for line in re.sub(r"\r?\n[ \t]", "", text).split("\r\n") if line.strip()]


@pytest.mark.parametrize("length", [100, 10_000, 100_000, 1_000_000])
def test_unfolding_matches_the_rfc_rule_at_growing_sizes(length):
    text = folded_calendar(length)

    assert [line for _n, line in reading._unfolded_lines(text)] == reference_unfold(text)


def test_unfolding_copies_each_character_of_a_5_mb_file_once():
    # One description of almost 5 MB (the upload limit), folded every 74
    # characters: 67,000 continuations of one line. Each piece is sliced
    # from the text once and the line joined once: the work is counted in
    # characters, not timed.
    text = folded_calendar(int(reading.MAX_FILE_SIZE * 0.95))
    assert 4_900_000 < len(text.encode()) <= reading.MAX_FILE_SIZE

    parts = list(reading._folded_parts(text))

    copied = sum(len(piece) for _number, pieces in parts for piece in pieces)
    assert copied <= len(text)
    description = next(pieces for _number, pieces in parts if pieces[0].startswith("DESCRIPTION"))
    assert len(description) > 60_000
    assert [(n, "".join(p)) for n, p in parts] == reading._unfolded_lines(text)


def test_a_5_mb_file_with_long_folded_lines_reads_whole():
    text = folded_calendar(int(reading.MAX_FILE_SIZE * 0.95) // 5, events=5)
    assert 4_900_000 < len(text.encode()) <= reading.MAX_FILE_SIZE

    calendar = reading.read_calendar(text.encode(), "folded.ics")

    assert [item.title for item in calendar.items] == [f"Talk {n}" for n in range(5)]
    assert all(len(item.description) > 900_000 for item in calendar.items)
