"""The admin chooser for delegate questions, used by the write-up's
question-and-answer block."""

from wagtail.admin.viewsets.chooser import ChooserViewSet


class DelegateQuestionChooserViewSet(ChooserViewSet):
    model = "recap_questions.DelegateQuestion"
    icon = "help"
    choose_one_text = "Choose a delegate question"
    choose_another_text = "Choose another question"
    edit_item_text = "Edit question"
    form_fields = []  # questions are created by delegates, not from the chooser
    creation_form_class = None


question_chooser_viewset = DelegateQuestionChooserViewSet("recap_question_chooser")
