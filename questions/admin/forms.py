"""The one form that records a question asked earlier: the moderation
queue's "Add" screen, the capture screen and the write-up question
chooser's "Create" tab all use `RecordQuestionForm` (and its fields'
template, ``recap_questions/admin/includes/record_fields.html``)."""

import datetime as dt
import uuid

from django import forms
from django.utils import dateformat, timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from recap.core.sanitize import plain_text, single_line
from recap.events.models import SessionPage, attach_sessions_to_events

from ..forms import AskerFieldsMixin, allow_nul_to_be_cleaned
from ..models import RECORD_SOURCES, DelegateQuestion, QuestionSource, QuestionStatus
from ..moderation import can_moderate
from ..submission import submit_question

# A question recorded "now" may be stamped a little ahead of the server's
# clock by a browser's; anything later than this is a typing mistake.
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


class SessionChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices, with every session's event fetched in one query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for session in attach_sessions_to_events(self.field.queryset):
            yield self.choice(session)


class SessionChoiceField(forms.ModelChoiceField):
    """Every session, newest first, named with its event and start, so a
    session of any day (yesterday's included) can be picked in the modal.
    A select, not a page chooser: Wagtail's modals do not open a second
    modal. Two queries, whatever the number of sessions."""

    iterator = SessionChoiceIterator

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", SessionPage.objects.order_by("-start", "title"))
        super().__init__(**kwargs)

    def label_from_instance(self, session):
        # Django's date format: the month in the editor's language.
        start = dateformat.format(timezone.localtime(session.start, session.tz), "d M Y H:i")
        event = session.event.title if session.event else ""
        return " · ".join(part for part in (event, start, session.title) if part)


class AskedWhen:
    NOW = "now"
    START = "start"
    END = "end"
    OTHER = "other"

    CHOICES = [
        (NOW, _("Now")),
        (START, _("When the session started")),
        (END, _("When the session ended")),
        (OTHER, _("At another time (below)")),
    ]


class RecordQuestionForm(AskerFieldsMixin, forms.ModelForm):
    """Record a question asked in the room, by email or after the session.

    Anyone who may capture questions may use it: an Editor's question is
    held for a moderator; a Question moderator's is approved unless they
    untick "Approve now". `asked_at` is when it was asked (now, the
    session's start or end, or a time typed in the session's time zone),
    not when it was typed up. One submission token per form shown: a
    double click stores once."""

    asked_when = forms.ChoiceField(
        label=_("When was it asked?"),
        choices=AskedWhen.CHOICES,
        initial=AskedWhen.NOW,
        required=False,
        widget=forms.RadioSelect,
    )
    asked_at_local = forms.DateTimeField(
        label=_("Asked at"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the session's time zone. Only with “At another time”."),
    )
    approve = forms.BooleanField(
        label=_("Approve now (shown on the session's page)"),
        required=False,
        initial=True,
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DelegateQuestion
        fields = ["session", "text", "name", "organisation", "email", "email_consent", "source"]
        field_classes = {"session": SessionChoiceField}
        labels = {
            "text": _("Question"),
            "name": _("Asked by (optional)"),
            "organisation": _("Organisation (optional)"),
            "email": _("Email (optional, private)"),
            "email_consent": _("The asker agreed to be emailed the answer"),
            "source": _("Where was it asked?"),
        }
        help_texts = {
            "email": _("Only used to send the answer, once; never shown or exported."),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "source": forms.RadioSelect,
        }

    def __init__(self, *args, user=None, session=None, **kwargs):
        self.user = user
        self.fixed_session = session
        if not args and "data" not in kwargs:
            kwargs.setdefault("initial", {})
            kwargs["initial"].setdefault("submission_token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        allow_nul_to_be_cleaned(self, "text", "name", "organisation")
        if session is not None:
            # The capture screen stays on one session, question after question.
            del self.fields["session"]
            self.fields["text"].widget.attrs["autofocus"] = True
        else:
            self.fields["session"].required = True
            self.fields["session"].label = pgettext_lazy("conference", "Session")
        source = self.fields["source"]
        source.choices = [(v, label) for v, label in source.choices if v in RECORD_SOURCES]
        source.initial = QuestionSource.ROOM
        source.required = False  # said aloud in the room unless told otherwise
        self.initial.setdefault("source", QuestionSource.ROOM)
        if not can_moderate(user):
            # Held for a moderator, whoever records it.
            del self.fields["approve"]

    @property
    def will_be_approved(self):
        return "approve" in self.fields

    def clean_source(self):
        return self.cleaned_data.get("source") or QuestionSource.ROOM

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and not cleaned.get("email_consent"):
            self.add_error(
                "email_consent",
                gettext("An email address is kept only with the asker's consent: tick the box."),
            )
        if not cleaned.get("email"):
            cleaned["email_consent"] = False
        session = self.fixed_session or cleaned.get("session")
        when = cleaned.get("asked_when") or AskedWhen.NOW
        if session is not None:
            asked_at = self._asked_at(session, when, cleaned.get("asked_at_local"))
            if asked_at is not None:
                cleaned["asked_at"] = asked_at
        return cleaned

    def _asked_at(self, session, when, local):
        now = timezone.now()
        if when == AskedWhen.START:
            asked_at = session.start
        elif when == AskedWhen.END:
            asked_at = session.end
        elif when == AskedWhen.OTHER:
            if local is None:
                self.add_error(
                    "asked_at_local", gettext("Give the day and time it was asked, or pick “Now”.")
                )
                return None
            # Typed in the session's zone, whatever the admin's is.
            asked_at = timezone.make_aware(local.replace(tzinfo=None), session.tz)
        else:
            asked_at = now
        if asked_at is None or asked_at > now + FUTURE_TOLERANCE:
            field = "asked_at_local" if when == AskedWhen.OTHER else "asked_when"
            self.add_error(field, gettext("A question cannot be asked in the future."))
            return None
        return asked_at

    def save(self, commit=True):
        """Store the question once per submission token; returns it (with
        `created` set to whether this call stored it)."""
        data = self.cleaned_data
        approved = self.will_be_approved and data.get("approve")
        submission = submit_question(
            text=data["text"],
            session=self.fixed_session or data["session"],
            source=data["source"],
            status=QuestionStatus.APPROVED if approved else QuestionStatus.PENDING,
            name=data["name"],
            organisation=data["organisation"],
            email=data["email"],
            email_consent=data["email_consent"],
            asked_at=data["asked_at"],
            submission_token=data.get("submission_token"),
        )
        self.instance = submission.question
        self.instance.created = submission.created
        return self.instance


class AskerEmailForm(forms.ModelForm):
    """Add or change the asker's email (with their consent) after the
    question was recorded. The address on file is never shown back: a new
    one replaces it, and unticking consent removes it."""

    class Meta:
        model = DelegateQuestion
        fields = ["email", "email_consent"]
        labels = {
            "email": _("Email"),
            "email_consent": _("The asker agreed to be emailed the answer"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["email"] = ""
        self.fields["email"].help_text = (
            gettext("An address is on file: a new one replaces it. Untick the box to delete it.")
            if self.instance.email
            else gettext("Only used to send the answer, once; never shown or exported.")
        )

    def clean(self):
        cleaned = super().clean()
        email = (cleaned.get("email") or "").strip()
        consent = cleaned.get("email_consent")
        if email and not consent:
            self.add_error(
                "email_consent",
                gettext("An email address is kept only with the asker's consent: tick the box."),
            )
        if not consent:
            cleaned["email"] = ""
        elif not email:
            if self.instance.email:
                cleaned["email"] = self.instance.email  # unchanged
            else:
                self.add_error("email", gettext("Give the asker's email address."))
        return cleaned

    def save(self, commit=True):
        self.instance.email = self.cleaned_data["email"]
        self.instance.email_consent = bool(self.cleaned_data["email"])
        if commit:
            DelegateQuestion.objects.filter(pk=self.instance.pk).update(
                email=self.instance.email,
                email_consent=self.instance.email_consent,
                updated_at=timezone.now(),
            )
        return self.instance


class WrittenAnswerForm(forms.ModelForm):
    """A speaker's or editor's answer, written after the event, to a
    question that was not answered in the room."""

    class Meta:
        model = DelegateQuestion
        fields = ["written_answer", "written_answer_by"]
        labels = {"written_answer": _("Written answer")}
        widgets = {"written_answer": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["written_answer"].required = True
        allow_nul_to_be_cleaned(self, "written_answer", "written_answer_by")

    def clean_written_answer(self):
        text = plain_text(self.cleaned_data.get("written_answer") or "")
        if not text:
            raise forms.ValidationError(gettext("Write the answer before saving it."))
        return text

    def clean_written_answer_by(self):
        return single_line(self.cleaned_data.get("written_answer_by"), max_length=150)
