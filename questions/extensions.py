"""What questions add to other apps' pages, through their hooks (registered
in wagtail_hooks.py): the ask form and the delegates' questions on a
session's page, and reader responses under a write-up that invites them.
Without recap.questions installed, those pages simply have no such part."""

from django.template.context_processors import csrf

from recap.core.sections import Section

from .templatetags.recap_questions_tags import session_questions, writeup_responses


def _tag_context(request):
    return {"request": request, **csrf(request)}


class SessionQuestionsSection(Section):
    template_name = "recap_questions/includes/session_questions.html"
    slot = "after_abstract"

    def get_context(self, request, session):
        if session.is_break:
            return None  # a break or lunch: nobody to ask
        return session_questions(_tag_context(request), session)


class WriteUpResponsesSection(Section):
    template_name = "recap_questions/includes/writeup_responses.html"
    slot = "responses"

    def get_context(self, request, writeup):
        return writeup_responses(_tag_context(request), writeup)
