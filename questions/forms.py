"""Forms for asking a question (or responding to a write-up). Staff record
questions with `admin.forms.RecordQuestionForm`; one set of rules for all."""

import math
import time
import uuid

from django import forms
from django.conf import settings
from django.core import signing, validators
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from recap.core.sanitize import plain_text, single_line

from .models import TEXT_MAX_LENGTH, TEXT_MIN_LENGTH, retention_days

STARTED_SALT = "recap_questions.form_started"
DEFAULT_MIN_FILL_SECONDS = 3
# A conference day: a page opened in the morning can still ask in the evening.
DEFAULT_FORM_MAX_AGE = 12 * 60 * 60

# The id of the outcome next to the form's Send button, per kind of form:
# the form's action and the landing after a send point at it, so that a
# browser without JavaScript shows the answer where the delegate tapped.
OUTCOME_ID = {"question": "ask-outcome", "response": "respond-outcome"}
# The tag of the message that tells that outcome after a redirect (a vote's
# message is shown at the top of the questions, as before).
OUTCOME_TAG = "recap-outcome"

# Whole sentences per kind (a translation may need to agree with the noun).
WORDING = {
    "question": {
        "text": _("Your question"),
        "check": _("Please check your question"),
        "empty": _("Write your question before sending it."),
        "too_short": _("Your question is too short: write at least %(min)s characters."),
        "too_long": _(
            "Your question is %(length)s characters long: keep it to %(max)s characters or fewer."
        ),
        "offline": _(
            "You are offline. Your question is kept here and will be sent when the "
            "connection returns."
        ),
        "resending": _("Back online: sending your question."),
    },
    "response": {
        "text": _("Your response"),
        "check": _("Please check your response"),
        "empty": _("Write your response before sending it."),
        "too_short": _("Your response is too short: write at least %(min)s characters."),
        "too_long": _(
            "Your response is %(length)s characters long: keep it to %(max)s characters or fewer."
        ),
        "offline": _(
            "You are offline. Your response is kept here and will be sent when the "
            "connection returns."
        ),
        "resending": _("Back online: sending your response."),
    },
}


def min_fill_seconds():
    """How long a person takes at least to fill the form; quicker posts are bots."""
    return getattr(settings, "RECAP_QUESTIONS_MIN_FILL_SECONDS", DEFAULT_MIN_FILL_SECONDS)


def form_max_age():
    """How long, in seconds, a shown form may be sent back; older ones are shown again."""
    return getattr(settings, "RECAP_QUESTIONS_FORM_MAX_AGE", DEFAULT_FORM_MAX_AGE)


def sign_started(token, at=None):
    """The hidden value that records when the form was shown, bound to the
    form's submission token.

    The binding makes it single-use: a token stores at most one question, so
    replaying one start value stores nothing more, and pairing it with another
    token breaks the signature (a bot, quietly refused).
    """
    at = at if at is not None else time.time()
    return signing.dumps([at, str(token)], salt=STARTED_SALT)


def new_form_fields(at=None):
    """A fresh submission token and its start value, for a form shown again."""
    token = uuid.uuid4()
    return {"started": sign_started(token, at), "submission_token": str(token)}


def _as_uuid(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def clean_text(raw, kind="question"):
    """Clean untrusted text and apply the length rule; raises ValidationError
    worded for a question or a response (`kind`)."""
    wording = WORDING[kind]
    text = plain_text(raw or "")
    if not text:
        raise forms.ValidationError(wording["empty"], code="required")
    if len(text) < TEXT_MIN_LENGTH:
        raise forms.ValidationError(
            str(wording["too_short"]) % {"min": TEXT_MIN_LENGTH}, code="too_short"
        )
    if len(text) > TEXT_MAX_LENGTH:
        raise forms.ValidationError(
            str(wording["too_long"]) % {"length": len(text), "max": TEXT_MAX_LENGTH},
            code="too_long",
        )
    return text


def allow_nul_to_be_cleaned(form, *names):
    """Django refuses NUL characters outright; our sanitiser removes them
    (with every other control character) instead, so the question gets through."""
    for name in names:
        form.fields[name].validators = [
            v
            for v in form.fields[name].validators
            if not isinstance(v, validators.ProhibitNullCharactersValidator)
        ]


class AskerFieldsMixin:
    """How every form that takes a question cleans what the asker typed (the
    public form, capture, the admin's add and edit screens, the chooser's
    Create tab): the text, and name and organisation on one line each."""

    def clean_text(self):
        return clean_text(self.cleaned_data.get("text"))

    def clean_name(self):
        return single_line(self.cleaned_data.get("name"), max_length=100)

    def clean_organisation(self):
        return single_line(self.cleaned_data.get("organisation"), max_length=150)


class QuestionForm(AskerFieldsMixin, forms.Form):
    """A delegate's question or a reader's response, as typed on a public page."""

    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "data-recap-text": ""}),
    )
    name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=100)
    organisation = forms.CharField(
        label=_("Organisation (optional)"), required=False, max_length=150
    )
    email = forms.EmailField(
        label=_("Email (optional, never shown)"),
        required=False,
        error_messages={"invalid": _("Enter a whole email address, like name@example.org.")},
    )
    email_consent = forms.BooleanField(
        label=_(
            "You may keep my email address to send me the answer. It is never shown or "
            "shared, and is deleted after the event."
        ),
        required=False,
    )
    # Honeypot: hidden from people (off-screen, skipped by keyboard and screen
    # readers); bots that fill every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # The browser id for a browser without its cookie yet (see identity.py).
    browser = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, kind="question", browser="", **kwargs):
        self.kind = kind
        self.wording = WORDING[kind]
        if not args and "initial" not in kwargs:
            kwargs["initial"] = {**new_form_fields(), "browser": browser}
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["text"].label = self.wording["text"]
        self.fields["text"].help_text = gettext("Between %(min)s and %(max)s characters.") % {
            "min": TEXT_MIN_LENGTH,
            "max": TEXT_MAX_LENGTH,
        }
        allow_nul_to_be_cleaned(self, "text", "name", "organisation")
        days = retention_days()
        if days:
            # Public pages stop showing them at that date, purged or not yet.
            self.fields["name"].help_text = ngettext(
                "Your name and organisation are shown with your question for %(days)s day, "
                "then removed; the question stays.",
                "Your name and organisation are shown with your question for %(days)s days, "
                "then removed; the question stays.",
                days,
            ) % {"days": days}
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def started_at(self):
        """When this form was shown, if its start value is genuine and belongs
        to its submission token; else None."""
        try:
            started, token = signing.loads(self.data.get("started") or "", salt=STARTED_SALT)
            started = float(started)
        except (signing.BadSignature, TypeError, ValueError):
            return None
        posted = _as_uuid(self.data.get("submission_token"))
        if posted is None or _as_uuid(token) != posted:
            return None
        return started

    def is_bot(self, now=None):
        """A filled honeypot, a start value that is forged or not this form's,
        or a form sent quicker than a person could type it. Bots are refused
        quietly (they are shown the usual confirmation)."""
        if (self.data.get("website") or "").strip():
            return True
        started = self.started_at()
        if started is None:
            return True
        now = now if now is not None else time.time()
        return now - started < min_fill_seconds()

    def seconds_to_wait(self, now=None):
        """How many whole seconds a person who sent this form too quickly
        must still wait before it goes through (0 when it may go now, or
        when it is not a person's form: a filled honeypot, a forged start)."""
        if (self.data.get("website") or "").strip():
            return 0
        started = self.started_at()
        if started is None:
            return 0
        now = now if now is not None else time.time()
        return max(0, math.ceil(min_fill_seconds() - (now - started)))

    def is_expired(self, now=None):
        """A genuine form shown longer ago than RECAP_QUESTIONS_FORM_MAX_AGE."""
        started = self.started_at()
        now = now if now is not None else time.time()
        return started is not None and now - started > form_max_age()

    def clean_text(self):
        return clean_text(self.cleaned_data.get("text"), self.kind)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and not cleaned.get("email_consent"):
            self.add_error(
                "email_consent",
                gettext(
                    "Tick this box if we may keep your email address, or leave the email empty."
                ),
            )
        if not cleaned.get("email"):
            cleaned["email_consent"] = False
        return cleaned
