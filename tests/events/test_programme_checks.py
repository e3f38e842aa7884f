"""Programme checks: warnings in the event's and session's editors and on the
admin dashboard, each naming its sessions with an edit link; never blocking
a save."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.test.utils.form_data import querydict_from_html

from recap.events.models import SessionPage
from tests.factories import EventPageFactory, SessionPageFactory, SpeakerFactory, add_speaker

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def warnings_in(html, check=None):
    """[(message, [(session title, link)])] of the programme warnings shown."""
    tree = lxml_html.fromstring(html)
    found = []
    for block in tree.xpath("//*[@data-recap-check]/.."):
        label = block.xpath("./*[@data-recap-check]")[0]
        if check and label.get("data-recap-check") != check:
            continue
        links = [(a.text_content().strip(), a.get("href")) for a in block.xpath(".//a")]
        found.append((" ".join(label.text_content().split()), links))
    return found


def session(event, title, hours_in, minutes=45, speakers=(), **kwargs):
    start = event.start + dt.timedelta(hours=hours_in)
    page = SessionPageFactory(
        parent=event,
        title=title,
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        revision=False,
        **kwargs,
    )
    for speaker, role in speakers:
        add_speaker(page, speaker, role)
    return page


@pytest.fixture
def event():
    return EventPageFactory(title="Social Media Day", revision=False)


def test_speaker_in_two_overlapping_sessions_is_warned_with_both_sessions(admin_client, event):
    ada = SpeakerFactory(name="Ada Okafor")
    first = session(event, "Opening panel", 1, speakers=[(ada, "moderator")], kind="panel")
    second = session(event, "Measuring reach", 1.5, room="Room B", speakers=[(ada, "speaker")])
    session(event, "Later talk", 4, room="Room B", speakers=[(ada, "speaker")])

    html = admin_client.get(edit_url(event)).content.decode()

    assert warnings_in(html, "speaker_clash") == [
        (
            "Ada Okafor is booked in two sessions at the same time:",
            [("Opening panel", edit_url(first)), ("Measuring reach", edit_url(second))],
        )
    ]


def test_same_room_at_the_same_time_is_warned(admin_client, event):
    speaker = SpeakerFactory()
    first = session(event, "Keynote", 1, room="Main hall", speakers=[(speaker, "speaker")])
    second = session(event, "Clashing talk", 1.25, room="Main hall", speakers=[(speaker, "host")])
    # Back to back (one ends as the next starts) is not a clash.
    session(event, "Next talk", 2, room="Main hall", speakers=[(SpeakerFactory(), "speaker")])

    html = admin_client.get(edit_url(event)).content.decode()

    assert warnings_in(html, "room_clash") == [
        (
            "Two sessions in Main hall at the same time:",
            [("Keynote", edit_url(first)), ("Clashing talk", edit_url(second))],
        )
    ]


def test_sessions_without_speakers_are_warned_but_not_breaks(admin_client, event):
    talk = session(event, "Talk nobody gives", 1)
    session(event, "Coffee", 2, kind="break")
    session(event, "Cancelled talk", 3, status="cancelled")

    html = admin_client.get(edit_url(event)).content.decode()

    assert warnings_in(html, "no_speakers") == [
        ("Sessions without speakers:", [("Talk nobody gives", edit_url(talk))])
    ]


def test_sessions_outside_the_event_dates_are_warned(admin_client, event):
    early = session(event, "Too early", -2, speakers=[(SpeakerFactory(), "speaker")])
    session(event, "In time", 2, speakers=[(SpeakerFactory(), "speaker")])

    html = admin_client.get(edit_url(event)).content.decode()

    assert warnings_in(html, "outside_event") == [
        ("Sessions outside the event's dates:", [("Too early", edit_url(early))])
    ]


def test_panel_without_moderator_is_warned(admin_client, event):
    unmoderated = session(
        event, "Panel A", 1, kind="panel", speakers=[(SpeakerFactory(), "panellist")]
    )
    session(
        event,
        "Panel B",
        2,
        kind="panel",
        speakers=[(SpeakerFactory(), "panellist"), (SpeakerFactory(), "moderator")],
    )

    html = admin_client.get(edit_url(event)).content.decode()

    assert warnings_in(html, "no_moderator") == [
        ("Panels without a moderator:", [("Panel A", edit_url(unmoderated))])
    ]


def test_a_clean_programme_shows_no_checks(admin_client, event):
    session(event, "Talk", 1, speakers=[(SpeakerFactory(), "speaker")])

    html = admin_client.get(edit_url(event)).content.decode()

    assert warnings_in(html) == []
    assert "data-recap-programme-checks" not in html  # no panel (the menu names the report)


def test_warnings_never_block_publishing_the_event(admin_client, event):
    ada = SpeakerFactory()
    session(event, "One", 1, speakers=[(ada, "speaker")])
    session(event, "Two", 1, speakers=[(ada, "speaker")])
    response = admin_client.get(edit_url(event))
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    assert warnings_in(response.content.decode(), "speaker_clash")
    data["title"] = "Social Media Day 2030"
    data["action-publish"] = "action-publish"

    response = admin_client.post(edit_url(event), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Social Media Day 2030"


def test_a_fix_saved_as_a_draft_clears_the_warning(admin_client, event):
    ada = SpeakerFactory()
    session(event, "One", 1, speakers=[(ada, "speaker")])
    moved = session(event, "Two", 1, speakers=[(ada, "speaker")])
    assert warnings_in(admin_client.get(edit_url(event)).content.decode(), "speaker_clash")
    published_start = moved.start
    draft = SessionPage.objects.get(pk=moved.pk)
    draft.start, draft.end = moved.start + 3 * HOUR, moved.end + 3 * HOUR
    draft.save_revision()

    html = admin_client.get(edit_url(event)).content.decode()

    assert warnings_in(html, "speaker_clash") == []
    assert SessionPage.objects.get(pk=moved.pk).start == published_start  # still a draft


def test_session_editor_shows_only_the_warnings_naming_it(admin_client, event):
    ada = SpeakerFactory(name="Ada Okafor")
    first = session(event, "One", 1, speakers=[(ada, "speaker")])
    second = session(event, "Two", 1, room="Room B", speakers=[(ada, "speaker")])
    session(event, "Speakerless", 5)

    html = admin_client.get(edit_url(second)).content.decode()

    assert warnings_in(html) == [
        (
            "Ada Okafor is booked in two sessions at the same time:",
            [("One", edit_url(first)), ("Two", edit_url(second))],
        )
    ]


def test_dashboard_lists_upcoming_events_with_warnings(admin_client, event):
    talk = session(event, "Talk nobody gives", 1)
    quiet = EventPageFactory(title="Quiet evening", revision=False)
    session(quiet, "Fine talk", 1, speakers=[(SpeakerFactory(), "speaker")])

    html = admin_client.get("/admin/").content.decode()

    assert "Programme checks" in html
    assert f'href="{edit_url(event)}"' in html
    assert warnings_in(html) == [
        ("Sessions without speakers:", [("Talk nobody gives", edit_url(talk))])
    ]


@pytest.mark.parametrize("count", [5, 25])
def test_checks_make_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries, count):
    events = [EventPageFactory(revision=False) for _ in range(2)]
    speakers = [SpeakerFactory() for _ in range(3)]
    for n in range(count):
        event = events[n % 2]
        page = session(event, f"Session {n}", n % 8, speakers=[(speakers[n % 3], "speaker")])
        if n % 3 == 0:
            page.save_revision()  # a draft: read from its revision
    session(events[0], "Talk nobody gives", 8)  # one warning at least, whatever the count

    from recap.events.admin.programme_checks import check_events

    with django_assert_max_num_queries(4):
        checked = check_events(events)

    assert sum(len(w) for w in checked.values()) > 0


REPORT = "/admin/reports/programme-checks/"


def past_event(title="Last year's day", days_ago=200):
    start = (timezone.now() - dt.timedelta(days=days_ago)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return EventPageFactory(
        title=title, start=start, end=start + dt.timedelta(hours=9), revision=False
    )


def reported_events(html):
    tree = lxml_html.fromstring(html)
    return [
        " ".join(section.xpath(".//h2")[0].text_content().split())
        for section in tree.xpath("//section[@data-recap-checked-event]")
    ]


def test_programme_checks_report_covers_past_events_when_asked(admin_client, event):
    session(event, "Talk nobody gives", 1)
    old = past_event()
    past_talk = session(old, "Old talk nobody gave", 1)
    older = past_event("Two years ago", days_ago=700)
    session(older, "Even older", 1)

    upcoming_only = admin_client.get(REPORT).content.decode()
    with_past = admin_client.get(REPORT, {"past": "on"}).content.decode()
    dashboard = admin_client.get("/admin/").content.decode()

    assert [title.split(" (")[0] for title in reported_events(upcoming_only)] == [
        "Social Media Day"
    ]
    assert [title.split(" (")[0] for title in reported_events(with_past)] == [
        "Social Media Day",
        "Last year's day",
        "Two years ago",
    ]
    assert ("Sessions without speakers:", [("Old talk nobody gave", edit_url(past_talk))]) in (
        warnings_in(with_past)
    )
    assert 'name="past"' in with_past and "checked" in with_past.split('name="past"')[1][:80]
    assert "Old talk nobody gave" not in dashboard  # the dashboard keeps upcoming events
    assert f"{REPORT}?past=on" in dashboard


def test_programme_checks_report_is_in_the_reports_menu(admin_client, event):
    html = admin_client.get("/admin/").content.decode()

    assert REPORT in html


def test_programme_checks_report_lists_only_events_the_user_may_edit(
    client, django_user_model, event
):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    session(event, "Talk nobody gives", 1)
    other = EventPageFactory(title="Someone else's", revision=False)
    session(other, "Their talk", 1)
    group = Group.objects.create(name="Event team")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=group, page=event, permission_type="change")
    user = django_user_model.objects.create_user("team", password="pw-team-1")
    user.groups.add(group)
    client.force_login(user)

    html = client.get(REPORT).content.decode()

    assert [title.split(" (")[0] for title in reported_events(html)] == ["Social Media Day"]


def test_programme_checks_report_is_refused_without_page_permissions(client, django_user_model):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Viewers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("viewer", password="pw-viewer-1")
    user.groups.add(group)
    client.force_login(user)

    assert client.get(REPORT).status_code in (302, 403)


@pytest.mark.parametrize("count", [3, 9])
def test_programme_checks_report_queries_do_not_grow_with_events(
    admin_client, django_assert_max_num_queries, count
):
    for n in range(count):
        checked_event = past_event(f"Past {n}", days_ago=100 + n) if n % 2 else EventPageFactory()
        session(checked_event, f"Talk {n}", 1)
    admin_client.get(REPORT, {"past": "on"})

    with django_assert_max_num_queries(20):
        html = admin_client.get(REPORT, {"past": "on"}).content.decode()

    assert len(reported_events(html)) == count
