"""The delegate-question chooser as a StreamField block, for sites' own pages.

The write-up body's question-and-answer block lives with write-ups, with a
chooser block of its own that can be imported without this app (so their
migrations load on a site without recap.questions). This class stays
importable for migrations that already name it; `uncitable_question_error` is
the one message for citing a question the public may not see."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .admin.choosers import question_chooser_viewset

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
