"""The write-up body's StreamField blocks: one module, each block with an
icon, a template, a description and a preview value for the block picker."""

from functools import cached_property

from django.apps import apps
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

# recap.questions is optional: without it, the body has no question-and-answer
# block (and nothing here imports it).
QUESTIONS_INSTALLED = apps.is_installed("recap.questions")

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        template = "recap_writeups/blocks/heading_block.html"
        description = _("A section heading.")
        preview_value = {"text": "Centres of excellence", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    speaker = SnippetChooserBlock("recap_speakers.Speaker", required=False, label=_("Speaker"))
    attribution = blocks.CharBlock(
        label=_("Attribution"),
        required=False,
        help_text=_("Who said it, when they are not a speaker on the site."),
    )

    class Meta:
        icon = "openquote"
        template = "recap_writeups/blocks/quote_block.html"
        description = _("Words a speaker said, attributed to them.")
        preview_value = {
            "quote": "Every employee talks about the brand every day.",
            "attribution": "A chief executive",
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))
    credit = blocks.CharBlock(required=False, label=_("Credit"))

    class Meta:
        icon = "image"
        template = "recap_writeups/blocks/image_block.html"
        description = _("An image with a caption and credit.")


class VideoURLBlock(EmbedBlock):
    """An EmbedBlock that never blocks saving: Wagtail's own refuses a URL it
    cannot find an embed for ("Cannot find an embed for this URL"), which
    also stops previews, and fetches the provider on every save. Here the
    address only has to be a URL; a video without an oEmbed provider (a plain
    .mp4), or whose provider cannot be reached, is stored as it is and shown
    as a link card with its title (see video_block.html)."""

    def clean(self, value):
        # Skip EmbedBlock.clean (the fetch); URLBlock's URL check still runs.
        return blocks.URLBlock.clean(self, value)


class VideoBlock(blocks.StructBlock):
    video = VideoURLBlock(
        label=_("Video"), help_text=_("The address of the video page (YouTube, Vimeo...).")
    )
    title = blocks.CharBlock(
        label=_("Title"), help_text=_("Shown as a link card when the video cannot be embedded.")
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "media"
        template = "recap_writeups/blocks/video_block.html"
        description = _("An embedded video, with a link card when it cannot be shown.")


class ResourceCardBlock(blocks.StructBlock):
    resource = SnippetChooserBlock("recap_resources.Resource", label=_("Resource"))
    note = blocks.CharBlock(
        required=False, label=_("Note"), help_text=_("Why the reader should look at it.")
    )

    class Meta:
        icon = "link"
        template = "recap_writeups/blocks/resource_card_block.html"
        description = _("A card for an article, video, report or book from the resource library.")


def key_takeaways_heading():
    """The heading a new "Key takeaways" block starts with, in the editor's
    language (a callable default is evaluated when the block is added)."""
    return gettext("Key takeaways")


class KeyTakeawaysBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default=key_takeaways_heading, label=_("Heading"))
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1, label=_("Points"))

    class Meta:
        icon = "list-ul"
        template = "recap_writeups/blocks/key_takeaways_block.html"
        description = _("The points a reader should remember.")
        preview_value = {
            "heading": "Key takeaways",
            "items": ["Give social media a home", "Train people, not just tools"],
        }


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300, label=_("Text"))
    link_url = blocks.URLBlock(required=False, label=_("Link URL"))
    link_text = blocks.CharBlock(required=False, label=_("Link text"))
    invite_responses = blocks.BooleanBlock(
        label=_("Invite responses"),
        required=False,
        help_text=_(
            "Open a response form under the write-up; responses are moderated "
            "with delegate questions."
        ),
    )

    class Meta:
        icon = "pick"
        template = "recap_writeups/blocks/call_to_action_block.html"
        description = _("Ask readers to respond or act.")
        preview_value = {"text": "Do you have a centre of excellence? Tell us."}


class DelegateQuestionChooserBlock(blocks.ChooserBlock):
    """Chooses a delegate question (recap.questions) with its admin chooser.

    Migrations name a block by its import path, and writeups' first migration
    once named ``recap.questions.blocks.DelegateQuestionChooserBlock``, which
    cannot be imported on a site without recap.questions (it resolves the
    model when imported). This class, importable on every site because it
    finds the model and the chooser only when used, took its place in that
    migration: block definitions live in the migration state only (the column
    holds JSON either way), so databases that already ran it are unchanged.
    ``recap.questions.blocks`` keeps its own class for sites that import it."""

    class Meta:
        icon = "help"

    @property
    def target_model(self):
        return apps.get_model("recap_questions", "DelegateQuestion")

    @cached_property
    def widget(self):
        from recap.questions.admin.choosers import question_chooser_viewset

        return question_chooser_viewset.widget_class()


class QuestionAnswerBlock(blocks.StructBlock):
    """A delegate's question, cited, with the write-up's answer. Publishing
    the write-up marks the question answered and links it here."""

    question = DelegateQuestionChooserBlock(label=_("Question"))
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], label=_("Answer")
    )

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "recap_questions/blocks/question_answer_block.html"
        description = _("Answer a question a delegate asked, citing it.")
        preview_value = {
            "answer": "<p>Give social media a home: a small team that trains everyone else.</p>"
        }

    def clean(self, value):
        from recap.questions.blocks import uncitable_question_error
        from recap.questions.models import PUBLIC_STATUSES

        value = super().clean(value)
        question = value.get("question")
        # Checked on the server whoever saves: the chooser only offers public
        # questions to most editors, but an id can be posted by hand.
        if question is not None and question.status not in PUBLIC_STATUSES:
            raise StructBlockValidationError(
                block_errors={"question": uncitable_question_error(question.pk)}
            )
        return value


class WriteUpBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        features=TEXT_FEATURES,
        template="recap_writeups/blocks/text_block.html",
        icon="pilcrow",
        label=_("Text"),
        description=_("Paragraphs of text."),
        preview_value="<p>What the panel said, and what it means for you.</p>",
    )
    heading = HeadingBlock(label=_("Heading"))
    quote = QuoteBlock(label=_("Quote"))
    image = CaptionedImageBlock(label=_("Image"))
    video = VideoBlock(label=_("Video"))
    resource = ResourceCardBlock(label=_("Resource card"))
    takeaways = KeyTakeawaysBlock(label=_("Key takeaways"))
    call_to_action = CallToActionBlock(label=_("Call to action"))
    if QUESTIONS_INSTALLED:
        question = QuestionAnswerBlock()


class WriteUpBodyField(StreamField):
    """The write-up body: a StreamField of :class:`WriteUpBodyBlock` whose
    migration state is the same on every site.

    Without recap.questions the body offers no question-and-answer block, but
    Django's migration state must not depend on which apps a site installs:
    otherwise a host without questions sees ``makemigrations`` write a
    migration into Recap's installed package (and ``makemigrations --check``
    fail). So the field deconstructs as Wagtail's own StreamField with the
    whole block list, question block included (its definition needs nothing
    from recap.questions); the column holds the same JSON either way.
    """

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        if "question" not in self.stream_block.child_blocks:
            whole = StreamField(WriteUpBodyBlock([("question", QuestionAnswerBlock())]))
            _name, _path, args, whole_kwargs = whole.deconstruct()
            kwargs["block_lookup"] = whole_kwargs["block_lookup"]
        # Wagtail's path: migrations never name this class, so they stay as
        # they were before it existed.
        return name, "wagtail.fields.StreamField", args, kwargs
