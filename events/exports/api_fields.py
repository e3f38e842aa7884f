"""Serializer fields for events' Wagtail API v2 ``api_fields``."""

from rest_framework.fields import Field

from recap.core.links import absolute

from ..following import recording_licence


class WholeSessionField(Field):
    """A read-only field computed from the whole session (``source="*"``)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)


class RoomNameField(WholeSessionField):
    """A session's room as its name ("" without a room), as the API gave it
    when rooms were free text."""

    def to_representation(self, session):
        return session.room_name


class SessionResourcesField(Field):
    """A session's resources (slides, links... approved from its speakers
    too): title, kind and an absolute href each, in the editor's order."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, links):
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


class RecordingField(WholeSessionField):
    """A session's recording, as frab's ``recording`` and the session page
    give it: its URL, whether it is or will be recorded (the session's
    choice, else its event's), licence, the speakers' opt-out, the captions
    file's address and the chapters (seconds into the recording)."""

    def to_representation(self, session):
        request = self.context.get("request")
        event = session.event
        captions = (
            absolute(request, session.url + "captions.vtt")
            if session.captions_vtt and session.url
            else None
        )
        return {
            "url": session.recording_url,
            "status": session.following.recording_status,
            "licence": recording_licence(session, event),
            "optout": session.recording_optout,
            "captions_url": captions,
            "captions_language": session.captions_language_code if captions else "",
            "chapters": [
                {
                    "start": chapter.seconds,
                    "end": int(chapter.end.total_seconds()) if chapter.end else None,
                    "title": chapter.title,
                }
                for chapter in session.chapter_list
            ],
        }


class FollowingField(WholeSessionField):
    """How a session can be followed (recap.events.following): live
    captions ("human", "automatic" or "none"), sign language
    interpretation, slides before the talk, the talk's language, and the
    schema.org accessibilityFeature values."""

    def to_representation(self, session):
        following = session.following
        return {
            "live_captions": following.live_captions,
            "sign_language": following.sign_language,
            "slides_in_advance": following.slides_in_advance,
            "language": following.language,
            "accessibility_features": following.accessibility_features(),
        }
