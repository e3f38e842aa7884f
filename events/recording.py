"""Recordings: WebVTT captions and transcripts, chapters, and links that
open a video at a moment.

Everything here is plain Python on text and URLs (no models), so the admin
form, the session page, the JSON-LD and the tests share one reading of a
WebVTT file or a pasted list of chapters.

WebVTT is read as the W3C format has it (https://www.w3.org/TR/webvtt1/):
a "WEBVTT" header, then blocks separated by blank lines; a cue is an
optional identifier line, a timing line ``00:01:02.500 --> 00:01:05.000``
(hours optional) with optional settings, and its text. NOTE, STYLE and
REGION blocks are skipped. Voice and styling tags (``<v Ana>``, ``<i>``)
are dropped from the text a reader sees.
"""

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_TIMESTAMP = r"(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t].*)?$")
_TAG = re.compile(r"<[^>]*>")
_VOICE = re.compile(r"<v(?:\.[^ >]*)?[ \t]+([^>]+)>")
# "00:00 Intro", "1:02:03 - Questions", "(12:30) Demo": a YouTube
# description's chapters, one a line.
_CHAPTER_LINE = re.compile(
    r"^\s*[\[(]?((?:\d{1,2}:)?\d{1,2}:\d{2})[\])]?\s*(?:[-–—:|]\s*)?(.+?)\s*$"
)

# Video files Recap serves itself (a document, or any URL to such a file):
# shown in a <video> element, where captions are a <track>.
VIDEO_FILE_TYPES = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
}


@dataclass(frozen=True)
class Cue:
    start: dt.timedelta
    end: dt.timedelta
    text: str
    voice: str = ""

    @property
    def seconds(self):
        return int(self.start.total_seconds())

    @property
    def timestamp(self):
        return clock(self.start)


def _delta(hours, minutes, seconds, millis):
    return dt.timedelta(
        hours=int(hours or 0), minutes=int(minutes), seconds=int(seconds), milliseconds=int(millis)
    )


def clock(delta):
    """A time into a recording as people write it: 4:05, 1:02:03."""
    total = int(delta.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def iso_duration(delta):
    """An offset as schema.org wants it in a Clip: seconds (a number)."""
    return int(delta.total_seconds())


def parse_webvtt(text):
    """The cues of a WebVTT document, in order. Raises ValidationError (with
    the line number) on anything that is not WebVTT, never another error."""
    if text is None:
        text = ""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = lines[0] if lines else ""
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError(_('A WebVTT file starts with the line "WEBVTT".'), code="webvtt")
    cues = []
    index = 1
    # Skip the header's own lines, up to the first blank line.
    while index < len(lines) and lines[index].strip():
        index += 1
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        start_line = index
        block = []
        while index < len(lines) and lines[index].strip():
            block.append(lines[index])
            index += 1
        head = block[0].strip()
        if head.startswith(("NOTE", "STYLE", "REGION")) and "-->" not in head:
            continue
        if "-->" not in block[0]:
            # An identifier line first, then the timing.
            block = block[1:]
            start_line += 1
        if not block or "-->" not in block[0]:
            raise ValidationError(
                _("Line %(line)d: a cue needs a timing line such as 00:01.000 --> 00:04.000.")
                % {"line": start_line + 1},
                code="webvtt",
            )
        match = _TIMING.match(block[0].strip())
        if not match:
            raise ValidationError(
                _("Line %(line)d: this timing is not WebVTT (00:01.000 --> 00:04.000).")
                % {"line": start_line + 1},
                code="webvtt",
            )
        start = _delta(*match.groups()[:4])
        end = _delta(*match.groups()[4:])
        if end < start:
            raise ValidationError(
                _("Line %(line)d: a cue ends before it starts.") % {"line": start_line + 1},
                code="webvtt",
            )
        payload = "\n".join(block[1:])
        voice = _VOICE.search(payload)
        cues.append(
            Cue(
                start=start,
                end=end,
                text=" ".join(_TAG.sub("", payload).split())
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">"),
                voice=voice.group(1).strip() if voice else "",
            )
        )
    return cues


def transcript_text(cues):
    """The transcript as plain text (what the search index holds)."""
    return "\n".join(cue.text for cue in cues if cue.text)


@dataclass(frozen=True)
class ChapterEntry:
    start: dt.timedelta
    title: str


def parse_chapters(text):
    """Chapters from pasted text: a WebVTT chapters file (each cue's text a
    title) or a YouTube description's lines ("00:00 Intro"; other lines are
    ignored). Raises ValidationError when nothing can be read."""
    text = (text or "").strip()
    if not text:
        return []
    if text.lstrip("\ufeff").startswith("WEBVTT"):
        return [ChapterEntry(cue.start, cue.text[:200]) for cue in parse_webvtt(text) if cue.text]
    chapters = []
    for line in text.splitlines():
        match = _CHAPTER_LINE.match(line)
        if not match:
            continue
        parts = [int(part) for part in match.group(1).split(":")]
        while len(parts) < 3:
            parts.insert(0, 0)
        hours, minutes, seconds = parts
        if minutes > 59 or seconds > 59:
            continue
        title = match.group(2).strip()
        if title:
            chapters.append(
                ChapterEntry(
                    dt.timedelta(hours=hours, minutes=minutes, seconds=seconds), title[:200]
                )
            )
    if not chapters:
        raise ValidationError(
            _(
                'No chapters found: give one a line, such as "00:00 Introduction", or a WebVTT file.'
            ),
            code="chapters",
        )
    return sorted(chapters, key=lambda chapter: chapter.start)


def video_file_type(url):
    """The MIME type of a video file Recap can play in a <video>, or ""."""
    path = urlsplit(url or "").path.lower()
    for extension, mime in VIDEO_FILE_TYPES.items():
        if path.endswith(extension):
            return mime
    return ""


def _youtube_id(parts):
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    if host == "youtu.be":
        return parts.path.strip("/").split("/")[0]
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch":
            return dict(parse_qsl(parts.query)).get("v", "")
        for prefix in ("/embed/", "/live/", "/shorts/", "/v/"):
            if parts.path.startswith(prefix):
                return parts.path[len(prefix) :].split("/")[0]
    return ""


def player_kind(url):
    """ "youtube", "vimeo", "file" (a <video> Recap serves) or "" (other)."""
    parts = urlsplit(url or "")
    if _youtube_id(parts):
        return "youtube"
    if parts.netloc.lower().removeprefix("www.").removeprefix("player.") == "vimeo.com":
        return "vimeo"
    if video_file_type(url):
        return "file"
    return ""


def url_at(url, seconds):
    """The recording's URL opened at `seconds` (what a chapter link points to
    without JavaScript): YouTube's ``t=``, Vimeo's ``#t=``, a media fragment
    ``#t=`` for a video file; other hosts' URL unchanged."""
    if not url:
        return ""
    seconds = max(0, int(seconds))
    parts = urlsplit(url)
    kind = player_kind(url)
    if kind == "youtube":
        query = [(key, value) for key, value in parse_qsl(parts.query) if key not in ("t", "start")]
        query.append(("t", f"{seconds}s"))
        return urlunsplit(parts._replace(query=urlencode(query)))
    if kind == "vimeo":
        return urlunsplit(parts._replace(fragment=f"t={seconds}s"))
    if kind == "file":
        return urlunsplit(parts._replace(fragment=f"t={seconds}"))
    return url
