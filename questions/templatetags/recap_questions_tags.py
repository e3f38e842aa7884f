"""Template tags that put the question features on other apps' pages
(to be completed: issue 3)."""

from django import template

register = template.Library()


@register.inclusion_tag("recap_questions/includes/session_questions.html", takes_context=True)
def session_questions(context, session):
    """The ask form and approved questions for a session page."""
    return {"request": context.get("request"), "session": session}


@register.inclusion_tag("recap_questions/includes/writeup_responses.html", takes_context=True)
def writeup_responses(context, writeup):
    """The reader-response form and approved responses under a write-up."""
    return {"request": context.get("request"), "writeup": writeup}
