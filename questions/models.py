"""Delegate questions and reader responses: one model, one moderation flow.

Questions depend on events (the session or event they were asked at). The
pages they were asked on or answered in are plain Wagtail page links, so this
app never imports write-ups: write-ups point at questions, not the reverse.
"""

import datetime as dt

import swapper
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.search import index

PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")

TEXT_MIN_LENGTH = 10
TEXT_MAX_LENGTH = 500


class QuestionStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("question status", "Pending")
    APPROVED = "approved", pgettext_lazy("question status", "Approved")
    REJECTED = "rejected", pgettext_lazy("question status", "Rejected")
    ANSWERED = "answered", pgettext_lazy("question status", "Answered")
    ARCHIVED = "archived", pgettext_lazy("question status", "Archived")


# Statuses whose questions the public may see.
PUBLIC_STATUSES = (QuestionStatus.APPROVED, QuestionStatus.ANSWERED)


class QuestionSource(models.TextChoices):
    ONLINE = "online", _("Online form")
    ROOM = "room", _("In the room")
    EMAIL = "email", _("By email")
    AFTER = "after", _("After the session")
    SOCIAL = "social", _("Social media")
    READER = "reader", _("Reader response")


# Where a question recorded by staff may come from (the record form).
RECORD_SOURCES = (QuestionSource.ROOM, QuestionSource.EMAIL, QuestionSource.AFTER)


class DelegateQuestion(index.Indexed, models.Model):
    """A question a delegate asked at a session or event, or a reader's
    response to a write-up's call to action."""

    session = models.ForeignKey(
        "recap_events.SessionPage",
        verbose_name=pgettext_lazy("conference", "session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
    )
    event = models.ForeignKey(
        "recap_events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questions",
        help_text=_("Filled from the session when there is one."),
    )
    page = models.ForeignKey(
        PAGE_MODEL,
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("For reader responses: the write-up responded to."),
    )
    text = models.TextField(verbose_name=_("question"), max_length=TEXT_MAX_LENGTH)
    original_text = models.TextField(
        verbose_name=_("original text"),
        blank=True,
        editable=False,
        help_text=_("The text as submitted, kept when a moderator edits it."),
    )
    name = models.CharField(verbose_name=_("name"), max_length=100, blank=True)
    organisation = models.CharField(verbose_name=_("organisation"), max_length=150, blank=True)
    # Private: never shown publicly, never exported; only kept with consent.
    email = models.EmailField(verbose_name=_("email"), blank=True)
    email_consent = models.BooleanField(verbose_name=_("email consent"), default=False)
    source = models.CharField(
        verbose_name=_("source"),
        max_length=10,
        choices=QuestionSource.choices,
        default=QuestionSource.ONLINE,
    )
    status = models.CharField(
        verbose_name=pgettext_lazy("question", "status"),
        max_length=10,
        choices=QuestionStatus.choices,
        default=QuestionStatus.PENDING,
        db_index=True,
    )
    highlighted = models.BooleanField(verbose_name=_("highlighted"), default=False)
    votes = models.PositiveIntegerField(verbose_name=_("votes"), default=0)
    moderator_note = models.TextField(verbose_name=_("moderator note"), blank=True)
    rejection_reason = models.CharField(
        verbose_name=_("rejection reason"), max_length=255, blank=True
    )
    answered_in = models.ForeignKey(
        PAGE_MODEL,
        verbose_name=_("answered in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The write-up that answers this question (set when it is published)."),
    )
    answered_in_chapter = models.ForeignKey(
        "recap_events.SessionChapter",
        verbose_name=_("answered in chapter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The moment of the session's recording where it was answered."),
    )
    # One per rendered form: a double-click or a retried POST stores once.
    submission_token = models.UUIDField(
        verbose_name=_("submission token"), unique=True, null=True, blank=True, editable=False
    )
    # Hash of the asking browser's id, so the asker can see their own pending
    # questions. Not personal data: it identifies a cookie, not a person.
    asker_key = models.CharField(
        verbose_name=_("asker key"), max_length=64, blank=True, db_index=True, editable=False
    )
    personal_data_purged_at = models.DateTimeField(
        verbose_name=_("personal data purged at"), null=True, blank=True, editable=False
    )
    # When the asker was emailed the link to the answer (sent once: see answers.py).
    answer_emailed_at = models.DateTimeField(
        verbose_name=_("answer emailed at"), null=True, blank=True, editable=False
    )
    # When the question was asked (a question typed up the day after was
    # asked yesterday); `created_at` is when it was stored.
    asked_at = models.DateTimeField(verbose_name=_("asked at"), default=timezone.now, db_index=True)
    # A speaker's or editor's answer written after the event (answers.py).
    written_answer = models.TextField(verbose_name=_("written answer"), blank=True)
    written_answer_by = models.CharField(
        verbose_name=_("answered by"),
        max_length=150,
        blank=True,
        help_text=_("Who answers, as the public sees it (a speaker's name, say)."),
    )
    written_answer_at = models.DateTimeField(
        verbose_name=_("written answer added at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(
        verbose_name=_("recorded at"), auto_now_add=True, db_index=True
    )
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)

    # Not in Wagtail's reference index: a plenary asks hundreds of questions,
    # and each would cost four queries inside its insert, to record links
    # (to its session, event and answering write-up) that no "usage" listing
    # needs; the write-up's own question blocks are indexed with the write-up.
    wagtail_reference_index_ignore = True
    # Indexed when public, by moderators' actions, never on a delegate's ask
    # (see indexing.py): Wagtail's update on every save is switched off.
    search_auto_update = False

    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.FilterField("status"),
        index.FilterField("source"),
        index.FilterField("session"),
        index.FilterField("event"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("delegate question")
        verbose_name_plural = _("delegate questions")
        permissions = [("moderate_delegatequestion", _("Can moderate delegate questions"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=QuestionStatus.values), name="recap_question_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=QuestionSource.values), name="recap_question_source_valid"
            ),
            models.CheckConstraint(
                condition=Q(email="") | Q(email_consent=True),
                name="recap_question_email_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(session__isnull=False) | Q(event__isnull=False) | Q(page__isnull=False),
                name="recap_question_has_a_place",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "-votes"])]

    def __str__(self):
        # The whole text: a chooser or a breadcrumb wraps it, never cuts it mid-word.
        return self.text

    @classmethod
    def get_indexed_objects(cls):
        """Only public questions are searchable (indexing.py)."""
        return super().get_indexed_objects().filter(status__in=PUBLIC_STATUSES)

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    def asker_is_shown(self, now=None):
        """Whether public pages may still show the asker's name and
        organisation: not after the retention date, purged or not yet."""
        retained_until = self.personal_data_retained_until()
        if retained_until is None:
            return not self.personal_data_purged_at
        return (now or timezone.now()) < retained_until

    def personal_data_retained_until(self):
        """When the asker's personal data goes (None: kept until purged by hand)."""
        days = retention_days()
        if days is None:
            return None
        return (self.created_at or self.asked_at) + dt.timedelta(days=days)

    @property
    def public_name(self):
        return self.name if self.asker_is_shown() else ""

    @property
    def public_organisation(self):
        return self.organisation if self.asker_is_shown() else ""


DEFAULT_RETENTION_DAYS = 90


def retention_days():
    """Days an asker's personal data is kept (RECAP_QUESTIONS_RETENTION_DAYS),
    or None when it is never purged automatically."""
    return getattr(settings, "RECAP_QUESTIONS_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)


class QuestionVote(models.Model):
    """One up-vote, from one browser, for one question."""

    question = models.ForeignKey(
        DelegateQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="+"
    )
    # A keyed hash of the browser's random id (never an IP address).
    voter_key = models.CharField(verbose_name=_("voter key"), max_length=64)
    created_at = models.DateTimeField(verbose_name=_("voted at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "voter_key"], name="recap_vote_once")
        ]

    def __str__(self):
        return f"Vote on {self.question_id}"


class SessionQuestionSettings(models.Model):
    """Whether and how a session takes delegates' questions: at most one row
    per session, edited in the session's "Questions" tab.

    The questions app owns these settings (a site without recap.questions has
    no such fields). A child of the page (ParentalKey, edited with an
    InlinePanel of at most one) rather than a one-to-one row saved on its
    own: the settings ride the page's drafts, revisions, previews and
    scheduled publishing like every other field of the session. A session
    without a row behaves as the defaults below (`settings.settings_for`)."""

    session = ParentalKey(
        "recap_events.SessionPage",
        verbose_name=pgettext_lazy("conference", "session"),
        on_delete=models.CASCADE,
        related_name="recap_question_settings",
    )
    questions_open = models.BooleanField(
        verbose_name=_("questions open"),
        default=True,
        help_text=_("Delegates may ask questions on this session's page."),
    )
    questions_close_at = models.DateTimeField(
        verbose_name=_("questions close at"),
        null=True,
        blank=True,
        help_text=_("Left empty, questions close when the session ends."),
    )
    questions_auto_approve = models.BooleanField(
        _("publish questions at once"),
        default=False,
        help_text=_("Show delegates' questions without waiting for a moderator."),
    )

    class Meta:
        verbose_name = _("question settings")
        verbose_name_plural = _("question settings")
        constraints = [
            models.UniqueConstraint(fields=["session"], name="recap_question_settings_once")
        ]

    def __str__(self):
        return f"Question settings of session {self.session_id}"


class PresentVersion(models.Model):
    """A session's question counter, moved on by every change the room's
    screen could show (an ask, a vote, an edit, a moderation), in the same
    transaction as the change. Present mode's polls read it by primary key:
    whichever process made the change, and whatever the cache holds."""

    session = models.OneToOneField(
        "recap_events.SessionPage",
        verbose_name=pgettext_lazy("conference", "session"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    value = models.BigIntegerField(verbose_name=_("version"), default=0)

    class Meta:
        verbose_name = _("present-mode version")

    def __str__(self):
        return f"{self.session_id}: {self.value}"
