"""Serializer fields for events' Wagtail API v2 ``api_fields``."""

from rest_framework.fields import Field


class RoomNameField(Field):
    """A session's room as its name ("" without a room), as the API gave it
    when rooms were free text."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, session):
        return session.room_name


class SessionResourcesField(Field):
    """A session's resources (slides, links... approved from its speakers
    too): title, kind and an absolute href each, in the editor's order."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, links):
        from recap.core.links import absolute

        request = self.context.get("request")
        return [
            {
                "id": link.resource.pk,
                "title": link.resource.title,
                "kind": link.resource.kind,
                "href": absolute(request, link.resource.href),
            }
            for link in links.all()
        ]
