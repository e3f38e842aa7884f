"""The admin chooser for delegate questions, used by the write-up's
question-and-answer block."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from recap.core.params import positive_int, positive_ints


def _visible_questions(user):
    from .moderation import visible_questions

    return visible_questions(user)


class VisibleQuestionsMixin:
    """Editors without the moderation permission choose among public questions only."""

    def get_object_list(self):
        return _visible_questions(self.request.user).order_by("-created_at")


class QuestionChooseView(VisibleQuestionsMixin, chooser_views.ChooseView):
    pass


class QuestionChooseResultsView(VisibleQuestionsMixin, chooser_views.ChooseResultsView):
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
    form_fields = []  # questions are created by delegates, not from the chooser
    creation_form_class = None
    choose_view_class = QuestionChooseView
    choose_results_view_class = QuestionChooseResultsView
    chosen_view_class = QuestionChosenView
    chosen_multiple_view_class = QuestionChosenMultipleView


question_chooser_viewset = DelegateQuestionChooserViewSet("recap_question_chooser")
