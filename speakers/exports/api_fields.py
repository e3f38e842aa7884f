"""Serializer fields for Recap's Wagtail API v2 ``api_fields``.

They read only what the API's viewsets prefetch (speakers with their links,
a session's event attached after pagination), so listings cost the same
number of queries however long they are. Speakers is the lowest Recap app,
so every other app can use these.
"""

from rest_framework.fields import Field
from wagtail.images.api import fields as image_fields

from recap.core.links import absolute, page_url


def speaker_summary(speaker, request=None):
    """A speaker as the API shows them inside other objects."""
    url = page_url(request, speaker) or None
    return {"id": speaker.pk, "name": speaker.name, "slug": speaker.slug, "url": url}


class SpeakerField(Field):
    """A foreign key to a speaker (a write-up's author)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, speaker):
        return speaker_summary(speaker, self.context.get("request"))


class SpeakerLinksField(Field):
    """Ordered links to speakers (a session's speakers with their roles, a
    write-up's featured people)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, links):
        request = self.context.get("request")
        result = []
        for link in links.all():
            item = speaker_summary(link.speaker, request)
            role = getattr(link, "role", None)
            if role:
                item["role"] = role
            result.append(item)
        return result


class SpeakerPageURLField(Field):
    """The absolute URL of a speaker's public page."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, speaker):
        return speaker_summary(speaker, self.context.get("request"))["url"]


class PageSummaryField(Field):
    """Another page (a session's event) as {id, title, url}."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        return {"id": page.pk, "title": page.title, "url": page_url(request, page) or None}


class TopicsField(Field):
    """A taggable manager's topics as [{name, slug}]."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, manager):
        return [{"name": topic.name, "slug": topic.slug} for topic in manager.all()]


class SpeakerSummariesField(Field):
    """A many-to-many of speakers (a resource's people)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, manager):
        request = self.context.get("request")
        return [speaker_summary(speaker, request) for speaker in manager.all()]


class ImageRenditionField(image_fields.ImageRenditionField):
    """Wagtail's rendition field, with ``full_url`` on the request's host
    (Wagtail's names WAGTAILADMIN_BASE_URL), like every link Recap gives."""

    def to_representation(self, image):
        data = super().to_representation(image)
        if data.get("url"):
            data["full_url"] = absolute(self.context.get("request"), data["url"])
        return data
