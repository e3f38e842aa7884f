"""StreamField blocks that the questions app offers to other apps' pages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .choosers import question_chooser_viewset
from .models import PUBLIC_STATUSES

DelegateQuestionChooserBlock = question_chooser_viewset.get_block_class(
    name="DelegateQuestionChooserBlock", module_path="recap.questions.blocks"
)


def uncitable_question_error(question_id):
    """The error for citing a question the public may not see.

    Named by its number only: the editor posting it may not be allowed to
    read a pending question's text.
    """
    return ValidationError(
        _(
            "Question #%(id)s cannot be cited: only approved or answered questions "
            "can appear in a write-up."
        ),
        code="question_not_public",
        params={"id": question_id},
    )


class QuestionAnswerBlock(blocks.StructBlock):
    """A delegate's question, cited, with the write-up's answer. Publishing
    the write-up marks the question answered and links it here."""

    question = DelegateQuestionChooserBlock()
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "recap_questions/blocks/question_answer_block.html"
        description = _("Answer a question a delegate asked, citing it.")
        preview_value = {
            "answer": "<p>Give social media a home: a small team that trains everyone else.</p>"
        }

    def clean(self, value):
        value = super().clean(value)
        question = value.get("question")
        # Checked on the server whoever saves: the chooser only offers public
        # questions to most editors, but an id can be posted by hand.
        if question is not None and question.status not in PUBLIC_STATUSES:
            raise StructBlockValidationError(
                block_errors={"question": uncitable_question_error(question.pk)}
            )
        return value
