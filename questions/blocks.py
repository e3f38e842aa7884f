"""StreamField blocks that the questions app offers to other apps' pages."""

from wagtail import blocks

from .choosers import question_chooser_viewset

DelegateQuestionChooserBlock = question_chooser_viewset.get_block_class(
    name="DelegateQuestionChooserBlock", module_path="recap.questions.blocks"
)


class QuestionAnswerBlock(blocks.StructBlock):
    """A delegate's question, cited, with the write-up's answer. Publishing
    the write-up marks the question answered and links it here."""

    question = DelegateQuestionChooserBlock()
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        label = "Question and answer"
        template = "recap_questions/blocks/question_answer_block.html"
        description = "Answer a question a delegate asked, citing it."
        preview_value = {
            "answer": "<p>Give social media a home: a small team that trains everyone else.</p>"
        }
