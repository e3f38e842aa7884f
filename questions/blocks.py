"""The delegate-question chooser as a StreamField block, for sites' own pages.

The write-up body's question-and-answer block lives with write-ups, with a
chooser block of its own that can be imported without this app (so their
migrations load on a site without recap.questions). This class stays
importable for migrations that already name it."""

from .choosers import question_chooser_viewset

DelegateQuestionChooserBlock = question_chooser_viewset.get_block_class(
    name="DelegateQuestionChooserBlock", module_path="recap.questions.blocks"
)
