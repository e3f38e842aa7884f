"""Starting a write-up from an event or from one session: a draft under the
write-up index, pre-filled with what they hold, so the editor writes
instead of copying (or deleting).

From an event, the draft covers the event and the sessions the editor
ticked (offered in programme order, breaks left out: nobody writes up the
coffee; none ticked makes a write-up of the event alone). From a session,
it covers that session and its event. Either way it features the covered
sessions' speakers only, cites as resource cards the event's resources (from
an event) and the covered sessions', and, when recap.questions is installed, has a
question-and-answer block with an empty answer for each approved or answered
delegate question of those sessions (most up-voted first within a session),
for the editor to answer. An empty answer is fine in a draft; publishing asks
for it, as for any required field.

Starting twice does not silently make a second draft: `existing_drafts`
finds the drafts that already cover the event (or the session), and the
admin view offers them first (pretalx and Wagtail's own copy view ask before duplicating)."""

import uuid

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from recap.events.models import EventResource, SessionKind, SessionPage, SessionResource

from .blocks import QUESTIONS_INSTALLED
from .featuring import fill_featured_speakers
from .models import WriteUpEvent, WriteUpIndexPage, WriteUpPage, WriteUpResource, WriteUpSession


def writeup_index_for(event):
    """Where a write-up of `event` goes: the write-up index of the event's
    site, else the first one (None when the site has none)."""
    indexes = WriteUpIndexPage.objects.order_by("path")
    site = event.get_site()
    if site is not None:
        in_site = indexes.descendant_of(site.root_page, inclusive=True).first()
        if in_site is not None:
            return in_site
    return indexes.first()


def existing_drafts(event=None, session=None):
    """Write-ups covering `event` (or `session`) that were never published,
    newest first."""
    drafts = WriteUpPage.objects.filter(live=False)
    if session is not None:
        drafts = drafts.filter(session_links__session=session)
    else:
        drafts = drafts.filter(event_links__event=event)
    return list(drafts.order_by("-latest_revision_created_at", "-pk").distinct())


def covered_sessions(event):
    """The event's sessions, in programme order, breaks left out."""
    return list(
        SessionPage.objects.child_of(event)
        .exclude(kind=SessionKind.BREAK)
        .order_by("start", "path")
    )


def resources_of(event, sessions):
    """The event's resources (none when `event` is None), then each
    session's, each once."""
    links = []
    if event is not None:
        links = list(EventResource.objects.filter(page=event).order_by("sort_order"))
    by_session = {}
    for link in SessionResource.objects.filter(page__in=sessions).order_by("sort_order"):
        by_session.setdefault(link.page_id, []).append(link)
    for session in sessions:
        links += by_session.get(session.pk, [])
    return list(dict.fromkeys(link.resource_id for link in links))


def questions_of(sessions):
    """Ids of the approved or answered questions of `sessions` (programme
    order, then most up-voted and oldest first); [] without recap.questions."""
    if not QUESTIONS_INSTALLED or not sessions:
        return []
    from recap.questions.models import PUBLIC_STATUSES, DelegateQuestion

    order = {session.pk: n for n, session in enumerate(sessions)}
    rows = DelegateQuestion.objects.filter(
        session__in=sessions, status__in=PUBLIC_STATUSES
    ).values_list("pk", "session_id", "votes", "created_at")
    rows = sorted(rows, key=lambda row: (order[row[1]], -(row[2] or 0), row[3], row[0]))
    return [row[0] for row in rows]


def prefilled_body(resource_ids, question_ids):
    body = [
        {"type": "question", "value": {"question": pk, "answer": ""}, "id": str(uuid.uuid4())}
        for pk in question_ids
    ]
    body += [
        {"type": "resource", "value": {"resource": pk, "note": ""}, "id": str(uuid.uuid4())}
        for pk in resource_ids
    ]
    return body


def start_writeup(event, user, index=None, sessions=None):
    """Create and return a draft write-up of `event` and `sessions` (default:
    all of `covered_sessions(event)`) under `index` (default:
    `writeup_index_for(event)`), with a first revision by `user`."""
    sessions = covered_sessions(event) if sessions is None else list(sessions)
    title = gettext("Write-up: %(event)s") % {"event": event.title}
    return _start(event, sessions, resources_of(event, sessions), title, user, index)


def start_session_writeup(session, user, index=None):
    """Create and return a draft write-up of one session (and its event):
    that session's speakers, resources and questions only."""
    event = session.get_parent().specific
    title = gettext("Write-up: %(session)s") % {"session": session.title}
    return _start(event, [session], resources_of(None, [session]), title, user, index)


def _start(event, sessions, resource_ids, title, user, index):
    index = index or writeup_index_for(event)
    page = WriteUpPage(
        title=title,
        slug=find_available_slug(index, slugify(title)[:200] or "write-up"),
        live=False,
        owner=user,
        body=prefilled_body(resource_ids, questions_of(sessions)),
        event_links=[WriteUpEvent(event=event)],
        session_links=[WriteUpSession(session=session) for session in sessions],
        resource_links=[WriteUpResource(resource_id=pk) for pk in resource_ids],
    )
    fill_featured_speakers(page)
    with transaction.atomic():
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=False)
        log(instance=page, action="wagtail.create", user=user)
    return page
