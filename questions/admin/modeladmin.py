"""The moderation queue (wagtail-modeladmin), registered in wagtail_hooks.

Moderators (the `moderate_delegatequestion` permission, or superusers) see
every question with the asker's name and can act on them; anyone else who
reaches the list sees only public questions and no personal data.
"""

from django.contrib import messages
from django.contrib.admin import FieldListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, When
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import HistoryView, IndexView

from recap.core.params import positive_int
from recap.core.sanitize import plain_text, single_line
from recap.events.models import SessionChapter

from ..forms import AskerFieldsMixin
from ..models import DelegateQuestion, QuestionStatus
from ..moderation import ACTIONS, can_capture, can_moderate, queue_version, visible_questions
from ..purging import purge_if_due

MODERATION_FORM_ID = "recap-moderation-form"

ROW_ACTIONS = {
    QuestionStatus.PENDING: ("approve", "reject", "highlight", "archive"),
    QuestionStatus.APPROVED: ("highlight", "answer", "reject", "archive"),
    QuestionStatus.REJECTED: ("approve", "archive"),
    QuestionStatus.ANSWERED: ("approve", "archive"),
    QuestionStatus.ARCHIVED: ("approve",),
}


class DelegateQuestionAdminForm(AskerFieldsMixin, WagtailAdminModelForm):
    """Moderators may fix typos in a question; the text as asked is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_chapters()

    def limit_chapters(self):
        """Offer only the chapters of the question's own session."""
        if "answered_in_chapter" not in self.fields:
            return
        session_id = self.instance.session_id
        field = self.fields["answered_in_chapter"]
        field.queryset = (
            SessionChapter.objects.filter(page_id=session_id).order_by("start")
            if session_id
            else SessionChapter.objects.none()
        )

    def clean_moderator_note(self):
        return plain_text(self.cleaned_data.get("moderator_note"))

    def clean_rejection_reason(self):
        return single_line(self.cleaned_data.get("rejection_reason"), max_length=255)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and not cleaned.get("email_consent"):
            self.add_error("email_consent", _("An email address is kept only with consent."))
        return cleaned

    def save(self, commit=True):
        if self.instance.pk and "text" in self.changed_data and not self.instance.original_text:
            self.instance.original_text = self.initial.get("text", "")
        return super().save(commit=commit)


class AskerContactPanel(Panel):
    """Whether the asker left an email address (with their consent), never
    the address: only the answer email (notifications.py) uses it. A
    moderator editing a question sees "given" or "not given"; the field is
    not on the edit form at all, so the address is not in the page."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "recap_questions/admin/panels/asker_contact.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            question = self.instance
            # (An address is stored only with consent: see submission.py.)
            context["email_given"] = bool(
                question is not None and question.email and question.email_consent
            )
            return context


class QuestionPermissionHelper(PermissionHelper):
    """Questions are recorded by whoever may capture them; only moderators
    may edit or delete them."""

    def user_can_create(self, user):
        return can_capture(user)

    def user_can_edit_obj(self, user, obj):
        return can_moderate(user) and super().user_can_edit_obj(user, obj)

    def user_can_delete_obj(self, user, obj):
        return can_moderate(user) and super().user_can_delete_obj(user, obj)


class QuestionIndexView(IndexView):
    # The model's plural is Django's "<verbose name>s", which is English
    # grammar: the list names itself in the moderator's language instead.
    page_title = _("Delegate questions")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.verbose_name_plural = gettext("delegate questions")

    def dispatch(self, request, *args, **kwargs):
        # Opening the queue purges old personal data, at most once a day.
        purge_if_due()
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            # A hand-edited filter ("?session__id__exact=²"): the whole list
            # with a message, as Django's own admin does, not a 500.
            messages.error(request, _("That filter is not valid; showing every question."))
            return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user_can_moderate = can_moderate(self.request.user)
        context["can_moderate"] = user_can_moderate
        context["moderation_form_id"] = MODERATION_FORM_ID
        context["moderation_actions"] = ACTIONS
        context["moderate_url"] = reverse("recap_questions_moderate")
        context["export_links"] = export_links(self.request) if user_can_moderate else []
        if user_can_moderate:
            context["queue_state_url"] = reverse("recap_questions_queue_state")
            context["queue_version"] = queue_version()
        return context


class QuestionHistoryView(HistoryView):
    """A question's history shows its text: editors who may not moderate get
    404 for a question the public may not see, as in the list and chooser."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            if not self.permission_helper.user_can_list(user):
                raise PermissionDenied
            if not (can_moderate(user) or self.instance.is_public):
                raise Http404
        return super().dispatch(request, *args, **kwargs)


def export_links(request):
    """CSV download links: the session or event the list is filtered by,
    else every question (shown before any filter is chosen)."""
    links = []
    for param, value in request.GET.items():
        value = positive_int(value)
        if value is None:
            continue
        if param.startswith("session__"):
            links.append((_("Export this session as CSV"), f"?session={value}"))
        elif param.startswith("event__"):
            links.append((_("Export this event as CSV"), f"?event={value}"))
    if not links:
        links.append((_("Export every question as CSV"), ""))
    return [(label, reverse("recap_questions_export") + query) for label, query in links]


def titled_filter(title):
    """The filter Django picks for a field, titled in the moderator's language
    ("By status"): the fields' own names are Django's untranslated defaults."""

    def make(*args, **kwargs):
        spec = FieldListFilter.create(*args, **kwargs)
        spec.title = title
        return spec

    return make


class QuestionButtonHelper(ButtonHelper):
    """The queue's add button says what it does, in the words the question
    chooser's tab and the capture screen use (not "Add delegate question")."""

    def add_button(self, classnames_add=None, classnames_exclude=None):
        button = super().add_button(classnames_add, classnames_exclude)
        button["label"] = gettext("Record a question")
        button["title"] = gettext(
            "Record a question asked in the room, by email or after the session"
        )
        return button


class DelegateQuestionAdmin(ModelAdmin):
    model = DelegateQuestion
    button_helper_class = QuestionButtonHelper
    menu_label = _("Questions")
    menu_icon = "help"
    menu_order = 250
    add_to_admin_menu = True
    list_filter = (
        ("status", titled_filter(_("status"))),
        ("source", titled_filter(_("source"))),
        ("highlighted", titled_filter(_("highlighted"))),
        ("event", titled_filter(_("event"))),
        ("session", titled_filter(pgettext_lazy("conference", "session"))),
    )
    search_fields = ("text", "name", "organisation")
    list_per_page = 50
    # Pending questions first, oldest first (a queue: whoever waited longest
    # is answered first, as in Slido's review queue); then every other
    # question, newest first, so the latest decisions are at hand. The two
    # keys are annotations of get_queryset.
    ordering = ("queue_rank", "pending_since", "-asked_at", "-pk")
    index_view_class = QuestionIndexView
    history_view_class = QuestionHistoryView
    index_template_name = "recap_questions/admin/moderation_index.html"
    permission_helper_class = QuestionPermissionHelper
    inspect_view_enabled = False
    panels = [
        FieldPanel("text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("highlighted")]),
                FieldPanel("rejection_reason"),
                FieldPanel("moderator_note"),
                FieldPanel("answered_in_chapter"),
            ],
            heading=_("Moderation"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("organisation")]),
                AskerContactPanel(),
            ],
            heading=_("Asked by"),
        ),
    ]
    edit_handler = ObjectList(panels, base_form_class=DelegateQuestionAdminForm)

    def create_view(self, request):
        # The queue's "Add" is the one record form (admin/forms.py), as on
        # the capture screen and in the chooser's "Create" tab.
        from .views import record_view

        return record_view(request)

    def history_view(self, request, instance_pk):
        # Question ids are numbers: anything else is not found (not a 500).
        if positive_int(instance_pk) is None:
            raise Http404
        return super().history_view(request, instance_pk)

    def edit_view(self, request, instance_pk):
        if positive_int(instance_pk) is None:
            raise Http404
        return super().edit_view(request, instance_pk)

    def delete_view(self, request, instance_pk):
        if positive_int(instance_pk) is None:
            raise Http404
        return super().delete_view(request, instance_pk)

    def get_queryset(self, request):
        # Not super(): it orders before the annotations the ordering names exist.
        queryset = (
            self.model._default_manager.select_related("session", "event", "page")
            .annotate(
                queue_rank=Case(When(status=QuestionStatus.PENDING, then=0), default=1),
                pending_since=Case(When(status=QuestionStatus.PENDING, then=F("asked_at"))),
            )
            .order_by(*self.get_ordering(request))
        )
        return visible_questions(request.user, queryset)

    def get_list_display(self, request):
        # One compact row per question, fitting a 1280 px laptop beside the
        # filters: the text with its session, asker and source under it and
        # the buttons to decide below (as Wagtail's listings put actions under
        # the title), then status, votes and time.
        if can_moderate(request.user):
            return ("select", "question", "status_label", "votes", "asked_when")
        return ("public_question", "status_label", "votes", "asked_when")

    def get_list_display_add_buttons(self, request):
        # Modeladmin wraps this column in a link to the edit view: not the
        # question cell, whose moderation buttons must not sit inside a link.
        # (The public question cell holds links of its own too.)
        return "status_label"

    def get_extra_attrs_for_row(self, obj, context):
        return {
            "data-recap-question": obj.pk,
            "class": f"recap-question-row recap-question-row--{obj.status}",
        }

    def get_extra_class_names_for_field_col(self, obj, field_name):
        return [f"recap-col-{field_name}"]

    # Columns are methods, not static methods: modeladmin reads the header
    # from the bound method's `short_description`, which a staticmethod's
    # function does not carry.
    def select(self, obj):
        return format_html(
            '<input type="checkbox" name="ids" value="{}" form="{}" aria-label="{}">',
            obj.pk,
            MODERATION_FORM_ID,
            _("Select question %(id)s") % {"id": obj.pk},
        )

    # Lazy: the header is written in the moderator's language, per request.
    select.short_description = lazy(
        lambda: format_html('<span class="w-sr-only">{}</span>', gettext("Select")), SafeString
    )()

    def question(self, obj):
        """The text, then where, by whom and how it was asked (for moderators:
        names are personal data)."""
        asker = ", ".join(part for part in (obj.name, obj.organisation) if part)
        return format_html(
            "{}{}",
            self._question_cell(obj, self.asked_at(obj), asker, obj.get_source_display()),
            self.actions(obj),
        )

    question.short_description = _("Question")

    def public_question(self, obj):
        """The text, where and how it was asked (for editors who may not
        moderate), with the links to answer it in writing and to add the
        asker's email."""
        return format_html(
            '{}<div class="recap-row-actions">{}</div>',
            self._question_cell(obj, self.asked_at(obj), obj.get_source_display()),
            self.links(obj),
        )

    public_question.short_description = _("Question")

    @staticmethod
    def _question_cell(obj, *meta):
        return format_html(
            '<span class="recap-question-text">{}</span> <small class="recap-question-meta">{}</small>',
            obj.text,
            " · ".join(part for part in meta if part),
        )

    @staticmethod
    def asked_at(obj):
        if obj.session_id:
            return obj.session.title
        if obj.page_id:
            return obj.page.title
        return obj.event.title if obj.event_id else ""

    def status_label(self, obj):
        if obj.highlighted:
            # The badge on a line of its own, inside its column (it ran
            # over the vote count beside it).
            return format_html(
                '{} <span class="w-status w-status--primary recap-highlighted-badge">{}</span>',
                obj.get_status_display(),
                _("Highlighted"),
            )
        return obj.get_status_display()

    status_label.short_description = _("Status")
    status_label.admin_order_field = "status"

    def asked_when(self, obj):
        # When it was asked, not when it was typed up (a question recorded
        # the day after was asked yesterday).
        local = timezone.localtime(obj.asked_at)
        return format_html(
            '<time datetime="{}">{}</time>', local.isoformat(), date_format(local, "j M H:i")
        )

    asked_when.short_description = _("Asked")
    asked_when.admin_order_field = "asked_at"

    def actions(self, obj):
        names = list(ROW_ACTIONS.get(obj.status, ()))
        if obj.highlighted and "highlight" in names:
            names[names.index("highlight")] = "unhighlight"
        return format_html(
            '<div class="recap-row-actions">{}{}</div>',
            format_html_join(
                "",
                '<button type="submit" class="button button-small button-secondary" '
                'form="{}" name="single" value="{}:{}" data-recap-action="{}">{}</button>',
                ((MODERATION_FORM_ID, name, obj.pk, name, ACTIONS[name]) for name in names),
            ),
            self.links(obj),
        )

    @staticmethod
    def links(obj):
        """ "Write an answer" (public questions not answered in writing yet,
        or to change it) and "Add the asker's email"."""
        links = []
        if obj.is_public:
            label = _("Change the written answer") if obj.written_answer else _("Write an answer")
            links.append((reverse("recap_questions_written_answer", args=[obj.pk]), label))
        if obj.session_id:
            label = _("Change the asker's email") if obj.email else _("Add the asker's email")
            links.append((reverse("recap_questions_asker_email", args=[obj.pk]), label))
        return format_html_join(
            "", '<a class="button button-small button-secondary" href="{}">{}</a>', links
        )
