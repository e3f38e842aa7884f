"""Capturing questions asked aloud in the room."""

import datetime as dt
import uuid

import pytest

from recap.questions.models import DelegateQuestion, QuestionSource, QuestionStatus

pytestmark = pytest.mark.django_db


def capture_url(session):
    return f"/admin/recap-questions/capture/{session.pk}/"


def test_capture_choose_lists_sessions_and_goes_to_the_chosen_one(client, moderator, session):
    client.force_login(moderator)

    listing = client.get("/admin/recap-questions/capture/")
    chosen = client.get("/admin/recap-questions/capture/", {"session": session.pk})

    assert session.title in listing.content.decode()
    assert chosen["Location"] == capture_url(session)


def test_capture_saves_a_room_question_and_stays_on_the_screen(client, moderator, session):
    client.force_login(moderator)

    response = client.post(
        capture_url(session),
        {"text": "How do we measure engagement?", "name": "Delegate at the back", "approve": "on"},
    )

    assert response.status_code == 302
    assert response["Location"] == capture_url(session)
    question = DelegateQuestion.objects.get()
    assert question.source == QuestionSource.ROOM
    assert question.status == QuestionStatus.APPROVED
    assert question.session_id == session.pk
    screen = client.get(capture_url(session)).content.decode()
    assert "Saved and approved: “How do we measure engagement?”" in screen
    assert "autofocus" in screen
    assert screen.count("How do we measure engagement?") >= 2  # message and recent list


def test_capture_refuses_short_text_and_keeps_it(client, moderator, session):
    client.force_login(moderator)

    response = client.post(capture_url(session), {"text": "Budget?"})

    assert response.status_code == 400
    assert "Budget?</textarea>" in response.content.decode()
    assert not DelegateQuestion.objects.exists()


def test_capture_double_tap_saves_once(client, moderator, session):
    client.force_login(moderator)
    token = str(uuid.uuid4())

    for _ in range(2):
        client.post(
            capture_url(session), {"text": "Same question twice?", "submission_token": token}
        )

    assert DelegateQuestion.objects.count() == 1


def test_capture_refused_without_permission(client, django_user_model, session):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("viewer", password="pw-viewer-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.post(capture_url(session), {"text": "Should not be saved"})

    assert response.status_code in (302, 403)
    assert not DelegateQuestion.objects.exists()


def test_capture_menu_item_shown_to_moderators(client, moderator):
    client.force_login(moderator)

    html = client.get("/admin/").content.decode()

    assert "Capture questions" in html


def test_capture_recent_list_hides_pending_online_questions_from_non_moderators(
    client, django_user_model, session
):
    from django.contrib.auth.models import Permission

    from tests.questions.factories import DelegateQuestionFactory

    DelegateQuestionFactory(
        session=session, status=QuestionStatus.PENDING, text="Pending online question"
    )
    user = django_user_model.objects.create_user("steward", password="pw-steward-1")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_delegatequestion"),
    )
    client.force_login(user)

    client.post(capture_url(session), {"text": "Asked aloud at the front"})
    screen = client.get(capture_url(session)).content.decode()

    assert "Asked aloud at the front" in screen
    assert "Pending online question" not in screen
    assert DelegateQuestion.objects.get(source=QuestionSource.ROOM).status == "pending"


def _past_session(title, days_ago=1):
    from django.utils import timezone

    from tests.factories import EventPageFactory, SessionPageFactory

    # 09:00 UTC on that day: the event's 9 hours never cross a clock change
    # (whose night the session validation of events trips on).
    day = timezone.now() - dt.timedelta(days=days_ago)
    event = EventPageFactory(
        title=f"Event of {title}", start=day.replace(hour=9, minute=0, second=0, microsecond=0)
    )
    return SessionPageFactory(parent=event, title=title)


def test_capture_choose_offers_yesterdays_session(client, moderator, session):
    yesterday = _past_session("Yesterday panel on internal comms")
    client.force_login(moderator)

    html = client.get("/admin/recap-questions/capture/").content.decode()

    assert session.title in html
    assert yesterday.title in html
    assert f'href="{capture_url(yesterday)}"' in html


def test_capture_choose_search_finds_an_old_session_by_its_event(client, moderator):
    old = _past_session("Measuring engagement", days_ago=400)
    client.force_login(moderator)

    html = client.get("/admin/recap-questions/capture/", {"q": "event of measuring"}).content
    other = client.get("/admin/recap-questions/capture/", {"q": "no such session"}).content

    assert f'href="{capture_url(old)}"'.encode() in html
    assert b"No session matches." in other


def test_capture_saves_a_question_for_a_session_that_ended_yesterday(client, moderator):
    yesterday = _past_session("Yesterday panel on internal comms")
    client.force_login(moderator)

    response = client.post(capture_url(yesterday), {"text": "Where can I find resources?"})

    assert response.status_code == 302
    assert DelegateQuestion.objects.get().session_id == yesterday.pk


@pytest.mark.parametrize("count", [5, 25])
def test_capture_choose_query_count_does_not_grow(
    client, moderator, count, django_assert_max_num_queries
):
    from tests.factories import EventPageFactory, SessionPageFactory

    today, past = EventPageFactory(), _past_session("An old panel").get_parent()
    for n in range(count):
        SessionPageFactory(parent=today if n % 2 else past.specific)
    client.force_login(moderator)
    client.get("/admin/")  # session and permission caches out of the way

    with django_assert_max_num_queries(25):
        listing = client.get("/admin/recap-questions/capture/")
        found = client.get("/admin/recap-questions/capture/", {"q": "Event of"})

    assert listing.status_code == found.status_code == 200


def test_capture_confirmation_cuts_a_long_question_at_a_whole_word(client, moderator, session):
    client.force_login(moderator)
    text = " ".join(["communications"] * 30) + " endword"

    client.post(capture_url(session), {"text": text, "approve": "on"})
    screen = client.get(capture_url(session)).content.decode()

    shown = screen.split("Saved and approved: “", 1)[1].split("”", 1)[0]
    assert shown.endswith("communications…")
    assert "endword" not in shown
