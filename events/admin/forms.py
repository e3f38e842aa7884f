"""Admin forms for events and sessions.

Editors type times as the event's local wall-clock time, whatever their own
admin time zone is: the forms show stored times in the event's zone and read
typed times in it, so "09:30" means 09:30 in the room.
"""

import datetime as dt
import zoneinfo

from django import forms
from django.db.models import Q
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from recap.core.admin.picks import DropDuplicatePicksMixin

TIME_FIELDS = ("start", "end")


def as_wall_time(value, zone):
    """An aware datetime shown as naive wall-clock time in `zone`."""
    return timezone.make_naive(value, zone)


def read_wall_time(value, zone):
    """Re-read a datetime the form made aware in the admin's zone as
    wall-clock time in `zone`. Ambiguous times at a clock change resolve to
    the first occurrence (zoneinfo's fold=0)."""
    if value is None:
        return None
    naive = timezone.make_naive(value, timezone.get_current_timezone())
    return naive.replace(tzinfo=zone)


def zone_or_none(name):
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class LocalTimesMixin:
    """Show and read the form's start/end in the event's own zone."""

    def event_zone(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def show_local_times(self, zone):
        if zone is None:
            return
        for name in TIME_FIELDS:
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                self.initial[name] = as_wall_time(value, zone)
                self.fields[name].help_text = _("Local time in %(zone)s.") % {"zone": zone.key}

    def read_local_times(self, cleaned_data, zone):
        if zone is None:
            return
        for name in TIME_FIELDS:
            if cleaned_data.get(name) is not None:
                cleaned_data[name] = read_wall_time(cleaned_data[name], zone)


class EventPageForm(DropDuplicatePicksMixin, LocalTimesMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_local_times(zone_or_none(self.instance.time_zone))

    def clean(self):
        cleaned_data = super().clean()
        self.check_rooms()
        zone = zone_or_none(cleaned_data.get("time_zone"))
        self.read_local_times(cleaned_data, zone)
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The event must end after it starts."))
        elif start and end and self.instance.pk:
            self.check_sessions_still_fit(start, end)
        return cleaned_data

    def check_rooms(self):
        """Room names are unique in the event whatever their case and spacing
        ("Main hall" and "Main  Hall" would be two grid columns), and a room
        that sessions use cannot be removed (they would lose their room)."""
        formset = self.formsets.get("rooms")
        if formset is None or not formset.is_valid():
            return
        from ..models import SessionPage, room_name_key

        seen = {}
        for form in formset.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if formset.can_delete and form in formset.deleted_forms:
                room = form.instance
                used = SessionPage.objects.filter(room_id=room.pk).count() if room.pk else 0
                if used:
                    self.add_error(
                        None,
                        _(
                            "The room “%(room)s” has %(count)s session(s): give them another "
                            "room before removing it."
                        )
                        % {"room": room.name, "count": used},
                    )
                continue
            name, key = room_name_key(form.cleaned_data.get("name"))
            if not name:
                continue
            form.cleaned_data["name"] = name
            form.instance.name = name
            if key in seen and not form.errors.get("name"):
                form.add_error(
                    "name",
                    _("“%(name)s” is already a room of this event (as “%(other)s”).")
                    % {"name": name, "other": seen[key]},
                )
            else:
                seen[key] = name

    def check_sessions_still_fit(self, start, end):
        from ..models import SessionPage

        outside = SessionPage.objects.child_of(self.instance).filter(
            Q(start__lt=start) | Q(end__gt=end)
        )
        count = outside.count()
        if count:
            first = outside.order_by("start").first()
            self.add_error(
                None,
                _(
                    "%(count)s session(s) would fall outside the new dates, for example "
                    "“%(title)s”. Move them first, or widen the dates."
                )
                % {"count": count, "title": first.title},
            )


class SessionPageForm(DropDuplicatePicksMixin, LocalTimesMixin, WagtailAdminPageForm):
    # Not a model field: pasted chapters replace the session's chapters on save.
    chapters_paste = forms.CharField(
        label=_("Read chapters from text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            'Paste a YouTube description\'s timestamps ("00:00 Introduction", one a line) '
            "or a WebVTT chapters file: they replace the chapters below when you save."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = self.find_event()
        self.show_local_times(self.event.tz if self.event else None)
        self.limit_rooms()
        if self.event is not None and not self.instance.pk and not self.is_bound:
            self.prefill_times()

    def limit_rooms(self):
        """Offer only the rooms of the session's own event; any other room is
        refused as an invalid choice."""
        if "room" not in self.fields:
            return
        from ..models import EventRoom

        field = self.fields["room"]
        field.queryset = (
            EventRoom.objects.filter(page=self.event) if self.event else EventRoom.objects.none()
        )
        field.empty_label = _("No room (the whole event)")
        field.error_messages["invalid_choice"] = _("Choose one of this event's rooms.")

    def prefill_times(self):
        """A new session starts when the event's last session ends (or when
        the event starts), for an hour within the event, in the event's zone:
        a programme is usually built in order, so the editor only adjusts."""
        from ..models import SessionPage

        zone = self.event.tz
        last_end = (
            SessionPage.objects.child_of(self.event)
            .filter(end__lt=self.event.end)
            .order_by("-end")
            .values_list("end", flat=True)
            .first()
        )
        start = timezone.localtime(max(last_end or self.event.start, self.event.start), zone)
        end = min(start + dt.timedelta(hours=1), timezone.localtime(self.event.end, zone))
        for name, value in (("start", start), ("end", end)):
            if name in self.fields and not self.initial.get(name):
                self.initial[name] = as_wall_time(value, zone)
                self.fields[name].help_text = _("Local time in %(zone)s.") % {"zone": zone.key}

    def give_panel_roles(self, kind):
        """On a panel, new speakers left at "Speaker": the first moderates,
        the others are panellists (recap.events.roles)."""
        formset = self.formsets.get("speaker_links")
        if formset is None or not formset.is_valid():
            return
        from ..roles import give_panel_roles

        rows = [form for form in formset.ordered_forms if form not in formset.deleted_forms]
        new = [
            form.instance
            for form in rows
            if not form.instance.pk and "role" not in form.changed_data
        ]
        give_panel_roles(kind, [form.instance for form in rows], new)
        for form in rows:
            if "role" in form.cleaned_data:
                form.cleaned_data["role"] = form.instance.role

    def find_event(self):
        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        if parent is None:
            return None
        parent = parent.specific
        return parent if hasattr(parent, "time_zone") else None

    def clean(self):
        cleaned_data = super().clean()
        self.give_panel_roles(cleaned_data.get("kind"))
        event = self.event
        self.read_local_times(cleaned_data, event.tz if event else None)
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The session must end after it starts."))
        elif start and end and event is not None:
            zone = event.tz
            window = {
                "start": dateformat.format(timezone.localtime(event.start, zone), "d M Y H:i"),
                "end": dateformat.format(timezone.localtime(event.end, zone), "d M Y H:i"),
                "zone": zone.key,
            }
            if start < event.start:
                self.add_error(
                    "start",
                    _("The session must start within the event: %(start)s to %(end)s (%(zone)s).")
                    % window,
                )
            if end > event.end:
                self.add_error(
                    "end",
                    _("The session must end within the event: %(start)s to %(end)s (%(zone)s).")
                    % window,
                )
        self.clean_captions(cleaned_data)
        return cleaned_data

    def clean_captions(self, cleaned_data):
        """Bad WebVTT, pasted or uploaded, is a message on its field."""
        from .. import recording
        from ..models import read_captions_document

        text = cleaned_data.get("captions_text") or ""
        if text.strip():
            try:
                recording.parse_webvtt(text)
            except forms.ValidationError as error:
                self.add_error("captions_text", error)
        document = cleaned_data.get("captions_document")
        if document is not None:
            content = read_captions_document(document)
            if content is None:
                self.add_error(
                    "captions_document", _("This file cannot be read as WebVTT (UTF-8 text).")
                )
            else:
                try:
                    recording.parse_webvtt(content)
                except forms.ValidationError as error:
                    self.add_error("captions_document", error)

    def clean_chapters_paste(self):
        from .. import recording

        text = self.cleaned_data.get("chapters_paste") or ""
        self.pasted_chapters = recording.parse_chapters(text) if text.strip() else None
        return text

    def save(self, commit=True):
        page = super().save(commit=False)
        chapters = getattr(self, "pasted_chapters", None)
        if chapters is not None:
            from ..models import SessionChapter

            page.chapters = [
                SessionChapter(start=chapter.start, title=chapter.title, sort_order=index)
                for index, chapter in enumerate(chapters)
            ]
        if commit:
            page.save()
        return page


class ImportUploadForm(forms.Form):
    """The .ics file to import, and the zone of an event it creates."""

    file = forms.FileField(
        label=_("iCalendar file (.ics)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".ics,text/calendar"}),
    )
    time_zone = forms.CharField(
        label=_("Time zone of a new event"),
        required=False,
        help_text=_("An IANA name such as Europe/London. Left empty: the file's own zone."),
    )

    def __init__(self, *args, new_event=True, **kwargs):
        super().__init__(*args, **kwargs)
        # Imported here: the importer needs the models, which need this module.
        from ..importing import MAX_FILE_SIZE

        if not new_event:
            # Importing into an event: its own zone is used.
            del self.fields["time_zone"]

        self.max_size = MAX_FILE_SIZE
        self.fields["file"].help_text = _(
            "From pretalx, Sessionize, Google Calendar, Outlook... At most %(size)s MB."
        ) % {"size": MAX_FILE_SIZE // 1024 // 1024}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_size:
            raise forms.ValidationError(
                _("This file is %(size).1f MB; the limit is %(limit)s MB.")
                % {"size": upload.size / 1024 / 1024, "limit": self.max_size // 1024 // 1024}
            )
        return upload

    def clean_time_zone(self):
        from ..importing import zone_by_name

        name = self.cleaned_data.get("time_zone", "").strip()
        if name and zone_by_name(name) is None:
            raise forms.ValidationError(
                _("Unknown time zone: use an IANA name such as Europe/London.")
            )
        return name
