"""The admin chooser for delegate questions, used by the write-up's
question-and-answer block."""

from urllib.parse import urlparse

from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.models import Page

from recap.core.params import positive_int, positive_ints

from ..models import PUBLIC_STATUSES
from ..moderation import can_moderate
from .forms import RecordQuestionForm, SessionChoiceField  # noqa: F401 (kept importable)


def _visible_questions(user):
    from ..moderation import visible_questions

    return visible_questions(user)


CREATION_FORM_TEMPLATE = "recap_questions/admin/chooser/creation_form.html"


class ModeratorsCreateMixin:
    """The "Create" tab (the one record form) is for moderators only: their
    questions are approved at once and can be cited straight away. Anyone
    else's would wait for a moderator, and a write-up citing a pending
    question cannot be saved, so other editors record questions on the
    capture screen or the queue's "Add" screen instead."""

    creation_form_template_name = CREATION_FORM_TEMPLATE

    def can_create(self):
        return can_moderate(self.request.user)

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "user": self.request.user}


def writeup_event_ids(request):
    """The events of the write-up being edited (from ?writeup=<id>, or the
    editor's page the chooser was opened from), latest draft included: []
    when there is none. Duck-typed (`covered_events`): questions never
    import write-ups."""
    page_id = positive_int(request.GET.get("writeup"))
    if page_id is None:
        referer = urlparse(request.headers.get("Referer", "")).path
        try:
            match = resolve(referer) if referer else None
        except Resolver404:
            match = None
        if match is not None and match.url_name == "edit" and "page_id" in match.kwargs:
            page_id = positive_int(str(match.kwargs["page_id"]))
    if page_id is None:
        return []
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return []
    draft = page.specific.get_latest_revision_as_object()
    covered = getattr(draft, "covered_events", None)
    if not callable(covered):
        return []
    return [event.pk for event in covered() if event is not None]


class CitableQuestionsMixin(ModeratorsCreateMixin):
    """Only questions a write-up may cite (approved or answered), for every
    editor, moderators included: the write-up's own events' questions
    first, then the newest asked. Each row shows the whole text, the
    session, the event and the status."""

    def get_object_list(self):
        questions = _visible_questions(self.request.user).filter(status__in=PUBLIC_STATUSES)
        events = writeup_event_ids(self.request)
        rank = Case(
            When(event_id__in=events, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return (
            questions.select_related("session", "event")
            .annotate(writeup_rank=rank)
            .order_by("writeup_rank", "-asked_at", "-pk")
        )

    def apply_object_list_ordering(self, objects):
        return objects

    @property
    def columns(self):
        title = self.title_column
        title.accessor = "text"
        title.label = _("Question")
        return [
            title,
            Column(
                "session",
                label=_("Session"),
                accessor=lambda q: q.session.title if q.session else "",
            ),
            Column("event", label=_("Event"), accessor=lambda q: q.event.title if q.event else ""),
            Column("status", label=_("Status"), accessor="get_status_display"),
        ]


class QuestionChooseView(CitableQuestionsMixin, chooser_views.ChooseView):
    pass


class QuestionChooseResultsView(CitableQuestionsMixin, chooser_views.ChooseResultsView):
    pass


class QuestionCreateView(ModeratorsCreateMixin, chooser_views.CreateView):
    pass


class QuestionChosenView(chooser_views.ChosenView):
    """ "Chosen" answers with the question's text: ids are sequential, so a
    question the user may not see is not found (404), whatever the id."""

    def get_object(self, pk):
        question_id = positive_int(pk)
        if question_id is None:
            raise Http404
        return _visible_questions(self.request.user).get(pk=question_id)


class QuestionChosenMultipleView(chooser_views.ChosenMultipleView):
    """As QuestionChosenView: questions the user may not see are left out."""

    def get_objects(self, pks):
        return _visible_questions(self.request.user).filter(pk__in=positive_ints(pks))


class DelegateQuestionChooserViewSet(ChooserViewSet):
    model = "recap_questions.DelegateQuestion"
    icon = "help"
    choose_one_text = _("Choose a delegate question")
    choose_another_text = _("Choose another question")
    edit_item_text = _("Edit question")
    creation_form_class = RecordQuestionForm
    create_action_label = _("Record a question")
    choose_view_class = QuestionChooseView
    choose_results_view_class = QuestionChooseResultsView
    create_view_class = QuestionCreateView
    chosen_view_class = QuestionChosenView
    chosen_multiple_view_class = QuestionChosenMultipleView


question_chooser_viewset = DelegateQuestionChooserViewSet("recap_question_chooser")
