"""How a session can be followed: recorded or not, live captions, sign
language, slides before the talk, its language.

An event sets each once (its ``default_*`` fields); a session takes them
unless it says otherwise (its own fields, empty meaning "as the event").
`following_of` works on SessionPage instances and on the programme's rows
alike (anything with those attributes), without a query.
"""

from dataclasses import dataclass

from django.utils.translation import get_language_info, pgettext
from django.utils.translation import gettext as _

# The session fields that say how it can be followed (the programme reads them).
FOLLOWING_FIELDS = (
    "recording_status",
    "recording_url",
    "live_captions",
    "sign_language",
    "slides_in_advance",
    "language",
)

# The programme's filters (?follow=...): name -> what a session must offer.
FILTERS = ("recorded", "captions", "sign_language", "slides")


def language_name(code):
    """A language code's name in the reader's language ("French"), or the
    code itself when Django does not know it."""
    if not code:
        return ""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        try:
            return get_language_info(code.split("-")[0])["name_translated"]
        except KeyError:
            return code


@dataclass(frozen=True)
class Following:
    recording_status: str
    has_recording: bool
    live_captions: str
    sign_language: bool
    slides_in_advance: bool
    language: str

    @property
    def is_recorded(self):
        """Recorded or to be: what the "recorded" filter keeps."""
        return self.has_recording or self.recording_status in ("recorded", "will_be_recorded")

    def matches(self, wanted):
        """Whether the session offers every one of `wanted` (FILTERS names)."""
        checks = {
            "recorded": self.is_recorded,
            "captions": self.live_captions in ("human", "automatic"),
            "sign_language": self.sign_language,
            "slides": self.slides_in_advance,
        }
        return all(checks.get(name, True) for name in wanted)

    def labels(self):
        """Short text labels, in the reader's language: (css name, text)."""
        labels = []
        if self.has_recording:
            labels.append(("recording", pgettext("recording", "Recording online")))
        elif self.recording_status == "recorded":
            labels.append(("recorded", pgettext("recording", "Recorded")))
        elif self.recording_status == "will_be_recorded":
            labels.append(("recorded", pgettext("recording", "Will be recorded")))
        elif self.recording_status == "not_recorded":
            labels.append(("not-recorded", pgettext("recording", "Not recorded")))
        if self.live_captions == "human":
            labels.append(("captions", _("Live captions")))
        elif self.live_captions == "automatic":
            labels.append(("captions", _("Automatic captions")))
        if self.sign_language:
            labels.append(("sign-language", _("Sign language")))
        if self.slides_in_advance:
            labels.append(("slides", _("Slides in advance")))
        if self.language:
            labels.append(("language", language_name(self.language)))
        return labels

    def accessibility_features(self):
        """schema.org accessibilityFeature values for the live session."""
        features = []
        if self.live_captions in ("human", "automatic"):
            features.append("captions")
        if self.sign_language:
            features.append("signLanguage")
        return features


def _yes_no(value, default):
    if value == "yes":
        return True
    if value == "no":
        return False
    return bool(default)


def following_of(session, event):
    """The session's Following: its own choices, else its event's."""
    recording_url = getattr(session, "recording_url", "") or ""
    return Following(
        recording_status=session.recording_status
        or getattr(event, "default_recording_status", "unknown"),
        has_recording=bool(recording_url),
        live_captions=session.live_captions or getattr(event, "default_live_captions", "none"),
        sign_language=_yes_no(
            session.sign_language, getattr(event, "default_sign_language", False)
        ),
        slides_in_advance=_yes_no(
            session.slides_in_advance, getattr(event, "default_slides_in_advance", False)
        ),
        language=session.language or getattr(event, "default_language", ""),
    )


def recording_licence(session, event):
    return session.recording_licence or getattr(event, "default_recording_licence", "")


def wanted_filters(request):
    """The programme's validated ?follow= filters, in FILTERS order."""
    asked = set(request.GET.getlist("follow"))
    return tuple(name for name in FILTERS if name in asked)
