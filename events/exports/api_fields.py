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
