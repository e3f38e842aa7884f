"""The admin chooser for delegate questions, used by the write-up's
question-and-answer block."""

from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet


class VisibleQuestionsMixin:
    """Editors without the moderation permission choose among public questions only."""

    def get_object_list(self):
        from .moderation import visible_questions

        return visible_questions(self.request.user).order_by("-created_at")


class QuestionChooseView(VisibleQuestionsMixin, chooser_views.ChooseView):
    pass


class QuestionChooseResultsView(VisibleQuestionsMixin, chooser_views.ChooseResultsView):
    pass


class DelegateQuestionChooserViewSet(ChooserViewSet):
    model = "recap_questions.DelegateQuestion"
    icon = "help"
    choose_one_text = "Choose a delegate question"
    choose_another_text = "Choose another question"
    edit_item_text = "Edit question"
    form_fields = []  # questions are created by delegates, not from the chooser
    creation_form_class = None
    choose_view_class = QuestionChooseView
    choose_results_view_class = QuestionChooseResultsView


question_chooser_viewset = DelegateQuestionChooserViewSet("recap_question_chooser")
