"""recap_writeups's migrations squashed before the first release.

A new database gets the tables in one step; a database that applied the
released migrations listed in `replaces` is taken as having applied this one.
"""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.contrib.taggit
import modelcluster.fields
import recap.core.stemming
import recap.writeups.blocks
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("recap_writeups", "0001_initial"),
        ("recap_writeups", "0002_topics_are_called_topics"),
        ("recap_writeups", "0003_several_events_and_lenient_video"),
        ("recap_writeups", "0004_verbose_names_in_french"),
    ]

    dependencies = [
        ("recap_events", "0001_squashed_0008_verbose_names_in_french"),
        ("recap_resources", "0001_squashed_0008_translatable"),
        ("recap_speakers", "0001_squashed_0007_translatable"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.CreateModel(
            name="WriteUpIndexPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("intro", wagtail.fields.RichTextField(blank=True, verbose_name="introduction")),
            ],
            options={
                "verbose_name": "write-up index",
                "verbose_name_plural": "write-up indexes",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="WriteUpPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        default=django.utils.timezone.localdate, verbose_name="published on"
                    ),
                ),
                ("intro", wagtail.fields.RichTextField(blank=True, verbose_name="introduction")),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [
                            ("text", 0),
                            ("heading", 3),
                            ("quote", 7),
                            ("image", 12),
                            ("video", 15),
                            ("resource", 18),
                            ("takeaways", 22),
                            ("call_to_action", 27),
                            ("question", 30),
                        ],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {
                                    "description": "Paragraphs of text.",
                                    "features": [
                                        "h2",
                                        "h3",
                                        "bold",
                                        "italic",
                                        "link",
                                        "ol",
                                        "ul",
                                        "blockquote",
                                    ],
                                    "icon": "pilcrow",
                                    "label": "Text",
                                    "preview_value": "<p>What the panel said, and what it means for you.</p>",
                                    "template": "recap_writeups/blocks/text_block.html",
                                },
                            ),
                            1: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Text", "max_length": 200},
                            ),
                            2: (
                                "wagtail.blocks.ChoiceBlock",
                                [],
                                {
                                    "choices": [("h2", "Heading 2"), ("h3", "Heading 3")],
                                    "label": "Level",
                                },
                            ),
                            3: (
                                "wagtail.blocks.StructBlock",
                                [[("text", 1), ("level", 2)]],
                                {"label": "Heading"},
                            ),
                            4: ("wagtail.blocks.TextBlock", (), {"label": "Quote"}),
                            5: (
                                "wagtail.snippets.blocks.SnippetChooserBlock",
                                ("recap_speakers.Speaker",),
                                {"label": "Speaker", "required": False},
                            ),
                            6: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Who said it, when they are not a speaker on the site.",
                                    "label": "Attribution",
                                    "required": False,
                                },
                            ),
                            7: (
                                "wagtail.blocks.StructBlock",
                                [[("quote", 4), ("speaker", 5), ("attribution", 6)]],
                                {"label": "Quote"},
                            ),
                            8: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "Image"}),
                            9: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Describe the image for people who cannot see it.",
                                    "label": "Alternative text",
                                    "required": False,
                                },
                            ),
                            10: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Caption", "required": False},
                            ),
                            11: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Credit", "required": False},
                            ),
                            12: (
                                "wagtail.blocks.StructBlock",
                                [[("image", 8), ("alt_text", 9), ("caption", 10), ("credit", 11)]],
                                {"label": "Image"},
                            ),
                            13: (
                                "recap.writeups.blocks.VideoURLBlock",
                                (),
                                {
                                    "help_text": "The address of the video page (YouTube, Vimeo...).",
                                    "label": "Video",
                                },
                            ),
                            14: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Shown as a link card when the video cannot be embedded.",
                                    "label": "Title",
                                },
                            ),
                            15: (
                                "wagtail.blocks.StructBlock",
                                [[("video", 13), ("title", 14), ("caption", 10)]],
                                {"label": "Video"},
                            ),
                            16: (
                                "wagtail.snippets.blocks.SnippetChooserBlock",
                                ("recap_resources.Resource",),
                                {"label": "Resource"},
                            ),
                            17: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Why the reader should look at it.",
                                    "label": "Note",
                                    "required": False,
                                },
                            ),
                            18: (
                                "wagtail.blocks.StructBlock",
                                [[("resource", 16), ("note", 17)]],
                                {"label": "Resource card"},
                            ),
                            19: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "default": recap.writeups.blocks.key_takeaways_heading,
                                    "label": "Heading",
                                },
                            ),
                            20: ("wagtail.blocks.CharBlock", (), {"max_length": 300}),
                            21: (
                                "wagtail.blocks.ListBlock",
                                (20,),
                                {"label": "Points", "min_num": 1},
                            ),
                            22: (
                                "wagtail.blocks.StructBlock",
                                [[("heading", 19), ("items", 21)]],
                                {"label": "Key takeaways"},
                            ),
                            23: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Text", "max_length": 300},
                            ),
                            24: (
                                "wagtail.blocks.URLBlock",
                                (),
                                {"label": "Link URL", "required": False},
                            ),
                            25: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Link text", "required": False},
                            ),
                            26: (
                                "wagtail.blocks.BooleanBlock",
                                (),
                                {
                                    "help_text": "Open a response form under the write-up; responses are moderated with delegate questions.",
                                    "label": "Invite responses",
                                    "required": False,
                                },
                            ),
                            27: (
                                "wagtail.blocks.StructBlock",
                                [
                                    [
                                        ("text", 23),
                                        ("link_url", 24),
                                        ("link_text", 25),
                                        ("invite_responses", 26),
                                    ]
                                ],
                                {"label": "Call to action"},
                            ),
                            28: (
                                "recap.writeups.blocks.DelegateQuestionChooserBlock",
                                (),
                                {"label": "Question"},
                            ),
                            29: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {
                                    "features": ["bold", "italic", "link", "ol", "ul"],
                                    "label": "Answer",
                                },
                            ),
                            30: (
                                "wagtail.blocks.StructBlock",
                                [[("question", 28), ("answer", 29)]],
                                {},
                            ),
                        },
                        verbose_name="body",
                    ),
                ),
                (
                    "responses_prompt",
                    models.CharField(
                        blank=True,
                        help_text="Shown above the response form when a call to action invites responses.",
                        max_length=255,
                        verbose_name="responses prompt",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        help_text="A person on the site (a speaker record), so guest authors get a profile page.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="authored_writeups",
                        to="recap_speakers.speaker",
                        verbose_name="author",
                    ),
                ),
                (
                    "hero_image",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailimages.image",
                        verbose_name="hero image",
                    ),
                ),
            ],
            options={
                "verbose_name": "write-up",
                "verbose_name_plural": "write-ups",
            },
            bases=(recap.core.stemming.StemmedSearch, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="WriteUpTopic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "content_object",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_topics",
                        to="recap_writeups.writeuppage",
                    ),
                ),
                (
                    "tag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tagged_writeups",
                        to="recap_resources.topic",
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="writeuppage",
            name="topics",
            field=modelcluster.contrib.taggit.ClusterTaggableManager(
                blank=True,
                help_text="New topics are added under Recap library › Topics.",
                through="recap_writeups.WriteUpTopic",
                to="recap_resources.Topic",
                verbose_name="topics",
            ),
        ),
        migrations.CreateModel(
            name="WriteUpEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="writeup_links",
                        to="recap_events.eventpage",
                        verbose_name="event",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="event_links",
                        to="recap_writeups.writeuppage",
                    ),
                ),
            ],
            options={
                "verbose_name": "event covered",
                "verbose_name_plural": "events covered",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("page", "event"), name="recap_writeup_event_once"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="WriteUpResource",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="resource_links",
                        to="recap_writeups.writeuppage",
                    ),
                ),
                (
                    "resource",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="writeup_links",
                        to="recap_resources.resource",
                        verbose_name="resource",
                    ),
                ),
            ],
            options={
                "verbose_name": "resource cited",
                "verbose_name_plural": "resources cited",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("page", "resource"), name="recap_writeup_resource_once"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="WriteUpSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="session_links",
                        to="recap_writeups.writeuppage",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="writeup_links",
                        to="recap_events.sessionpage",
                        verbose_name="session",
                    ),
                ),
            ],
            options={
                "verbose_name": "session covered",
                "verbose_name_plural": "sessions covered",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("page", "session"), name="recap_writeup_session_once"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="WriteUpSpeaker",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="speaker_links",
                        to="recap_writeups.writeuppage",
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="writeup_links",
                        to="recap_speakers.speaker",
                        verbose_name="person",
                    ),
                ),
            ],
            options={
                "verbose_name": "person featured",
                "verbose_name_plural": "people featured",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("page", "speaker"), name="recap_writeup_speaker_once"
                    )
                ],
            },
        ),
    ]
