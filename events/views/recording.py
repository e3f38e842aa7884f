"""The session page's recording: its captions file, chapters and transcript.

`recording_context` is what session_page.html's recording section reads;
`captions_view` serves the captions as a WebVTT file for the page's
<track>, through the session page's own routing (so Wagtail's view
restrictions apply to it as to the page).
"""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext

from recap.core import page_views

from .. import recording
from ..models import BREAK_KINDS


@page_views.register("recap_events.SessionPage")
def captions_view(request, session):
    """GET <session>/captions.vtt: the captions in use, as WebVTT."""
    if not session.captions_vtt:
        raise Http404(gettext("This session has no captions."))
    response = HttpResponse(session.captions_vtt, content_type="text/vtt; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{session.slug}.vtt"'
    return response


def recording_context(request, session, with_transcript=True, embed=True):
    """What the recording include (recap_events/includes/recording.html)
    shows: how to play the recording, its chapters (each with `link`, the
    URL that opens the video at that time), the transcript's cues, the
    captions track's URL and language, the licence, and how the session
    can be followed (short labels). Without `embed`, a video host's
    recording is a link card (a page listing many recordings costs no
    embed lookup per recording); without `with_transcript`, the transcript
    is a link to the session page's."""
    chapters = session.chapter_list
    url = session.recording_url
    for chapter in chapters:
        chapter.link = recording.url_at(url, chapter.seconds) if url else f"#{chapter.anchor}"
    page_url = session.get_url(request) or ""
    return {
        "session": session,
        "url": url,
        "player": recording.player_kind(url),
        "embed": embed,
        "video_type": session.video_type,
        "chapters": chapters,
        "transcript": session.captions if with_transcript else [],
        "has_transcript": bool(session.captions_vtt),
        "page_url": page_url,
        "captions_url": f"{page_url}captions.vtt" if session.captions_vtt and page_url else "",
        "captions_language": session.captions_language_code,
        "licence": session.recording_licence
        or getattr(session.event, "default_recording_licence", ""),
        "optout": session.recording_optout,
        # Nothing to follow in a break.
        "following_labels": [] if session.kind in BREAK_KINDS else session.following.labels(),
    }
