"""Speaker links and what speakers send through them.

A speaker link is one row per speaker and event: its URL carries a signed
token naming the row and its version (``links.py``), so a new link (the
version moved on) replaces the old one, and a revoked or expired row refuses
every token. What a speaker sends is a ``MaterialSubmission``, which waits
for an editor (``approval.py``) unless the event publishes speakers'
materials at once.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SpeakerLink(models.Model):
    """The signed link of one speaker for one event."""

    speaker = models.ForeignKey(
        "recap_speakers.Speaker",
        verbose_name=_("speaker"),
        on_delete=models.CASCADE,
        related_name="material_links",
    )
    event = models.ForeignKey(
        "recap_events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="material_links",
    )
    # Part of the signed token: bumped by a new link, so older ones stop working.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("speaker link")
        verbose_name_plural = _("speaker links")
        constraints = [
            models.UniqueConstraint(fields=["speaker", "event"], name="recap_speaker_link_once")
        ]

    def __str__(self):
        return f"{self.speaker} – {self.event}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("speaker materials", "Waiting for approval")
    APPROVED = "approved", pgettext_lazy("speaker materials", "Approved")
    REJECTED = "rejected", pgettext_lazy("speaker materials", "Rejected")


class MaterialSubmission(models.Model):
    """What a speaker sent for one session in one go: slides (a document or
    a URL), a recording URL, other links, and suggested corrections."""

    link = models.ForeignKey(
        SpeakerLink,
        verbose_name=_("speaker link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    speaker = models.ForeignKey(
        "recap_speakers.Speaker",
        verbose_name=_("speaker"),
        on_delete=models.CASCADE,
        related_name="material_submissions",
    )
    session = models.ForeignKey(
        "recap_events.SessionPage",
        verbose_name=pgettext_lazy("conference", "session"),
        on_delete=models.CASCADE,
        related_name="material_submissions",
    )
    status = models.CharField(
        pgettext_lazy("speaker materials", "status"),
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.PENDING,
        db_index=True,
    )
    slides_title = models.CharField(_("slides title"), max_length=255, blank=True)
    slides_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slides file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    slides_url = models.URLField(_("slides URL"), max_length=500, blank=True)
    recording_url = models.URLField(_("recording URL"), max_length=500, blank=True)
    # [{"title": ..., "url": ...}], at most a few, cleaned when received.
    links = models.JSONField(_("other links"), default=list, blank=True)
    title_correction = models.CharField(_("suggested title"), max_length=255, blank=True)
    abstract_correction = models.TextField(_("suggested abstract"), blank=True)
    bio_correction = models.TextField(_("suggested bio"), blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("speaker materials")
        verbose_name_plural = _("speaker materials")
        permissions = [("approve_materialsubmission", _("Can approve speakers' materials"))]

    def __str__(self):
        return f"{self.speaker} – {self.session.title}"

    @property
    def has_slides(self):
        return bool(self.slides_document_id or self.slides_url)

    def parts(self):
        """What it holds, named for a person: ["Slides", "Recording"...]."""
        names = []
        if self.has_slides:
            names.append(_("Slides"))
        if self.recording_url:
            names.append(_("Recording"))
        if self.links:
            names.append(_("Links"))
        if self.title_correction or self.abstract_correction:
            names.append(_("Session corrections"))
        if self.bio_correction:
            names.append(_("Bio"))
        return names
