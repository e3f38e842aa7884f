"""Topics as a managed vocabulary.

Topics stay what they were (``Topic``, a taggit tag model of its own, linked
through ``ResourceTopic``, ``EventTopic``, ``SessionTopic`` and
``WriteUpTopic``), so existing data needs no migration. What changes is how
they are edited and shown:

- editors pick existing topics, with autocomplete (Wagtail's tag widget with
  ``Topic.free_tagging = False``); a name that is not a topic is refused with
  a message, never created (``TopicsFormField``). A new topic is added
  deliberately, under Recap library › Topics, where a name that differs from
  an existing one only in case or spaces is refused;
- readers see only topics with something published under them
  (``published_topics``): the topic index, its sitemap entries, the search
  filter, and the topic page itself (404 otherwise). Resources count here;
  apps above resources add what counts for their pages through the
  ``recap_published_topics`` hook: a function taking ``public(prefix)`` and
  returning a ``Q`` on Topic.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField as TaggitTagField
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.tags import TagField, validate_tag_length
from wagtail.admin.widgets import AdminTagWidget
from wagtail.models import PageViewRestriction

PUBLISHED_TOPICS_HOOK = "recap_published_topics"


def published_topics():
    """Topics with something published under them: a resource, or a live
    public page of an app above, as the hook's functions say. Each is called
    with ``public(prefix)``, a Q for live pages outside every private
    section, as ``recap.core.pages.public_q`` says, written as a subquery
    so the whole list is one query."""
    from .models import ResourceTopic, Topic

    def public(prefix=""):
        restricted = PageViewRestriction.objects.filter(
            StartsWith(OuterRef(f"{prefix}path"), F("page__path"))
        )
        return Q(**{f"{prefix}live": True}) & ~Exists(restricted)

    published = [Q(pk__in=ResourceTopic.objects.values("tag_id"))]
    for hook in hooks.get_hooks(PUBLISHED_TOPICS_HOOK):
        q = hook(public)
        if q is not None:
            published.append(q)
    return Topic.objects.filter(reduce(or_, published))


def local_topic_names():
    """Topics' names in the reader's language: {topic id: {"name",
    "description"}}, or None in the site's default language (the topics'
    own names). One query per content version and language, kept by
    ``recap.core.versioning.cached``; a topic's saved names bump the
    version."""
    from recap.core.translations import active_language, default_language
    from recap.core.versioning import cached

    language = active_language()
    if language is None or language == default_language():
        return None

    def compute():
        from .models import TopicName

        rows = TopicName.objects.filter(locale__language_code=language).values(
            "topic_id", "name", "description"
        )
        return {row["topic_id"]: row for row in rows}

    return cached("topic-names", compute)


def topics_field(through):
    """A page's or resource's topics: called "topics" in the admin, as on the
    reader pages (taggit's default label is "Tags")."""
    from modelcluster.contrib.taggit import ClusterTaggableManager

    return ClusterTaggableManager(
        through=through,
        blank=True,
        verbose_name=_("topics"),
        help_text=_("New topics are added under Recap library › Topics."),
    )


def normalised(name):
    return " ".join(name.split()).casefold()


class TopicsWidget(AdminTagWidget):
    """Wagtail's tag widget, worded for topics (its own help speaks of tags)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["help_text"] = _("Type to find a topic, then pick it from the list.")
        return context


class TopicsFormField(TagField):
    """Existing topics only; an unknown name is an error that names it (not
    silently dropped, as Wagtail's tag field does, nor created). A name in
    another case ("social media") picks the topic ("Social media")."""

    widget = TopicsWidget

    def clean(self, value):
        names = TaggitTagField.clean(self, value)
        validate_tag_length(names, self.tag_model.name.field.max_length)
        if not names:
            return names
        wanted = {normalised(name): name for name in names}
        found = dict(
            self.tag_model.objects.annotate(lower=Lower("name"))
            .filter(lower__in=[name.casefold() for name in names] + list(wanted))
            .values_list("lower", "name")
        )
        found = {normalised(lower): name for lower, name in found.items()}
        unknown = [name for key, name in wanted.items() if key not in found]
        if unknown:
            raise ValidationError(
                _(
                    "Not a topic: %(names)s. Pick topics from the list, or add it under %(where)s first."
                )
                % {"names": ", ".join(unknown), "where": _("Recap library › Topics")},
                code="unknown_topic",
            )
        return [found[key] for key in wanted]


class TopicForm(WagtailAdminModelForm):
    """Adding a topic deliberately: the slug may be left empty (made from the
    name), and a name that only differs from a topic's in case or spaces is
    refused (it would be a second public page for one subject)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Left empty, it is made from the name.")

    def clean_name(self):
        from .models import Topic

        name = " ".join(self.cleaned_data["name"].split())
        clash = Topic.objects.exclude(pk=self.instance.pk).filter(name__iexact=name).first()
        if clash is not None:
            raise ValidationError(
                _("There is already a topic “%(name)s”.") % {"name": clash.name},
                code="duplicate_topic",
            )
        return name


def topic_form_field_override(db_field):
    """Wagtail's override for tag fields, with the topics' field for Topic."""
    from .models import Topic

    if db_field.related_model is Topic:
        return {"form_class": TopicsFormField, "tag_model": Topic}
    return {"form_class": TagField, "tag_model": db_field.related_model}
