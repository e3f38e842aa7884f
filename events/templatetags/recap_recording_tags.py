"""Links to a moment of a session's recording, for templates of any app
above events (a delegate question "answered in the room" links to the
chapter where it was answered).

    {% load recap_recording_tags %}
    {% with chapter=question.answered_in_chapter %}{% if chapter %}
    <a href="{{ chapter|chapter_url }}" data-recap-seek="{{ chapter.seconds }}">{{ chapter.clock }} {{ chapter.title }}</a>
    {% endif %}{% endwith %}

`chapter_url` is the recording opened at the chapter's time (YouTube
``t=``, Vimeo ``#t=``, a video file's ``#t=``), or the chapter on the
session page when the recording has no URL. On a session page whose
recording section has loaded recording.js, a link with ``data-recap-seek``
seeks the page's player instead. Load questions with
``select_related("answered_in_chapter__page")`` to avoid a query per chapter.
"""

from django import template

register = template.Library()


@register.filter
def chapter_url(chapter):
    if not chapter:
        return ""
    session = chapter.page
    if session.recording_url:
        return chapter.watch_url(session.recording_url)
    return f"{session.url or ''}#{chapter.anchor}"
