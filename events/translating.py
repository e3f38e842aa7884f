"""A translated event goes out with its programme.

Translating an event with its subtree (Wagtail's "Translate", from
`wagtail.contrib.simple_translation`) copies the event and its sessions into
the other locale as drafts. Published on its own, the French event would say
that its programme is not out yet: its sessions are still drafts.

Decision (issue 22): when an event is published, each of its sessions that
was never published and is the translation of a published session (same
`translation_key`, another locale) is published with it, by the same
person, whether the event was published from its editor, through a
moderation workflow or from the shell. Those sessions show their source's
text until someone translates them, which is what a reader of the source
would see; the alternative (showing the source-language sessions, marked
as such, until each is translated) would give a French page two sets of
addresses for one programme. A session the translator deliberately
unpublished was published once, so it is not published again; a session that
is a draft in the source language stays a draft here too.
"""

from wagtail.models import PageLogEntry


def sessions_to_publish_with(event):
    """The sessions of `event` that go out with it (see the module's
    docstring): never published, and translations of published sessions."""
    from .models import SessionPage

    drafts = list(
        SessionPage.objects.child_of(event).filter(live=False, first_published_at__isnull=True)
    )
    if not drafts:
        return []
    published_sources = set(
        SessionPage.objects.live()
        .filter(translation_key__in=[session.translation_key for session in drafts])
        .exclude(locale_id=event.locale_id)
        .values_list("translation_key", flat=True)
    )
    return [session for session in drafts if session.translation_key in published_sources]


def publisher_of(event):
    """Who published `event` last (its log's latest publish), or None."""
    entry = (
        PageLogEntry.objects.filter(page=event, action="wagtail.publish")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.user if entry is not None else None


def publish_translated_sessions(event, user=None):
    """Publish the sessions `sessions_to_publish_with(event)` finds, each
    from its latest revision; returns them."""
    sessions = sessions_to_publish_with(event)
    for session in sessions:
        revision = session.get_latest_revision() or session.save_revision(user=user)
        revision.publish(user=user)
    return sessions


def on_event_published(sender, instance, revision=None, **kwargs):
    """`page_published` receiver for events."""
    publish_translated_sessions(instance, user=publisher_of(instance))
