"""What questions add to other apps' pages, through their hooks (registered
in wagtail_hooks.py): the ask form and the delegates' questions on a
session's page, and reader responses under a write-up that invites them.
Without recap.questions installed, those pages simply have no such part."""

from django.template.context_processors import csrf
from django.utils import timezone

from recap.core.sections import Section

from .record import event_asked_url, session_has_ended, session_record
from .session_settings import accepts_questions, page_settings
from .templatetags.recap_questions_tags import (
    answering_pages,
    session_questions,
    writeup_responses,
)


def _tag_context(request):
    return {"request": request, **csrf(request)}


class SessionQuestionsSection(Section):
    template_name = "recap_questions/includes/session_questions.html"
    slot = "after_abstract"

    def get_context(self, request, session):
        if session.is_break:
            return None  # a break or lunch: nobody to ask
        if session_has_ended(session) and not accepts_questions(session):
            return None  # the record (SessionRecordSection) takes its place
        return session_questions(_tag_context(request), session)


class SessionAskLinkSection(Section):
    """ "Ask a question" near the top of a session under way, jumping to the
    form: on a phone the form starts screens down, under the speakers and
    the abstract. Shown from the session's start while it takes questions
    (no query: the settings are kept per content version)."""

    template_name = "recap_questions/includes/session_ask_link.html"
    slot = "header"

    def get_context(self, request, session):
        if session.is_break or session.start is None or timezone.now() < session.start:
            return None
        if not accepts_questions(session, page_settings(session, request)):
            return None
        return {}


class SessionRecordSection(Section):
    """After a session ends (and questions are closed): what was asked,
    kept with the talk (record.py), where the live list was."""

    template_name = "recap_questions/includes/session_record.html"
    slot = "after_abstract"

    def get_context(self, request, session):
        if session.is_break or not session_has_ended(session):
            return None
        if accepts_questions(session):
            return None  # still taking questions after its end: the live list stays
        context = session_record(request, session)
        context["answering_pages"] = answering_pages(session, request)
        return context


class EventAskedLinkSection(Section):
    """The event page's link to its "What was asked" page, once the event
    has started. No query (the event page counts its queries), and right
    in the shared page cache: from the event's start its key follows the
    clock."""

    template_name = "recap_questions/includes/event_asked_link.html"
    order = 40

    def get_context(self, request, event):
        if event.start is None or event.start > timezone.now():
            return None
        return {"event_asked_url": event_asked_url(event)}


class WriteUpResponsesSection(Section):
    template_name = "recap_questions/includes/writeup_responses.html"
    slot = "responses"

    def get_context(self, request, writeup):
        return writeup_responses(_tag_context(request), writeup)
