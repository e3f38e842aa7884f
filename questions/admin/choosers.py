"""The admin chooser for delegate questions, used by the write-up's
question-and-answer block."""

from django import forms
from django.http import Http404
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from recap.core.params import positive_int, positive_ints
from recap.events.models import SessionPage, attach_sessions_to_events

from ..forms import AskerFieldsMixin
from ..models import DelegateQuestion
from ..moderation import can_moderate
from .modeladmin import RecordQuestionMixin


def _visible_questions(user):
    from ..moderation import visible_questions

    return visible_questions(user)


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


class QuestionCreationForm(AskerFieldsMixin, RecordQuestionMixin, forms.ModelForm):
    """The chooser's "Create" tab: record a question for a session and choose it."""

    class Meta:
        model = DelegateQuestion
        fields = ["session", "text", "source", "name", "organisation"]
        field_classes = {"session": SessionChoiceField}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.setup_record_fields()

    def save(self, commit=True):
        self.apply_record_rules(self.instance, self.user)
        return super().save(commit=commit)


class ModeratorsCreateMixin:
    """The "Create" tab is for moderators only: their questions are approved
    at once and can be cited straight away. Anyone else's would wait for a
    moderator, and a write-up citing a pending question cannot be saved, so
    other editors record questions on the capture screen or the queue's
    "Add" screen instead."""

    def can_create(self):
        return can_moderate(self.request.user)

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "user": self.request.user}


class VisibleQuestionsMixin(ModeratorsCreateMixin):
    """Editors without the moderation permission choose among public questions only."""

    def get_object_list(self):
        return _visible_questions(self.request.user).order_by("-created_at")


class QuestionChooseView(VisibleQuestionsMixin, chooser_views.ChooseView):
    pass


class QuestionChooseResultsView(VisibleQuestionsMixin, chooser_views.ChooseResultsView):
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
    creation_form_class = "recap.questions.admin.choosers.QuestionCreationForm"
    create_action_label = _("Record a question")
    choose_view_class = QuestionChooseView
    choose_results_view_class = QuestionChooseResultsView
    create_view_class = QuestionCreateView
    chosen_view_class = QuestionChosenView
    chosen_multiple_view_class = QuestionChosenMultipleView


question_chooser_viewset = DelegateQuestionChooserViewSet("recap_question_chooser")
