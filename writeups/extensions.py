"""What write-ups add to the pages of apps below them, through the hooks
those pages offer (registered in wagtail_hooks.py):

- an event's page and a session's page: the write-ups about it, feed
  links, and (on sessions) share links;
- a speaker's page: write-ups they wrote and those that feature them, and
  their feeds;
- a topic's page: write-ups on the topic and its feeds;
- the resource library: the write-ups each resource is cited in.

Every section makes a fixed number of queries.
"""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from recap.core.pages import public_q
from recap.core.sections import Section
from recap.resources.views import ResourceRelation, first_and_total

from .models import WriteUpPage, WriteUpResource, WriteUpTopic


class FeedAlternatesSection(Section):
    """<link rel="alternate"> to the write-up feeds of the page's object."""

    template_name = "recap_writeups/sections/feed_alternates.html"
    slot = "head"
    order = 30

    def get_context(self, request, obj):
        return {"feed_object": obj}


class FeedLinksSection(FeedAlternatesSection):
    """Visible "RSS" and "Atom" links where the page offers to follow it."""

    template_name = "recap_writeups/sections/feed_links.html"
    slot = "header"
    order = 10


class ShareLinksSection(Section):
    """Share links on a session's page; none on a break or lunch (nothing to share)."""

    template_name = "recap_writeups/includes/share_links.html"
    order = 90

    def get_context(self, request, session):
        if session.is_break:
            return None
        return {}


class WriteUpListSection(Section):
    """A list of write-ups with a heading (subclasses say which)."""

    template_name = "recap_writeups/sections/writeup_list.html"
    heading = _("Write-ups")
    heading_id = "writeups-heading"

    def writeups(self, obj):
        return []

    def get_heading(self, obj):
        return self.heading

    def get_context(self, request, obj):
        writeups = self.writeups(obj) if obj.pk else []
        if not writeups:
            return None
        return {
            "writeups": writeups,
            "writeups_heading": self.get_heading(obj),
            "writeups_heading_id": self.heading_id,
        }


class EventWriteUpsSection(WriteUpListSection):
    def writeups(self, event):
        return list(
            WriteUpPage.objects.live()
            .public()
            .filter(event_links__event=event)
            .select_related("author")
            .order_by("-date", "-pk")
        )


class SessionWriteUpsSection(WriteUpListSection):
    heading = _("Write-ups of this session")
    order = 10

    def writeups(self, session):
        return [
            link.page
            for link in session.writeup_links.filter(public_q("page__"))
            .select_related("page", "page__author")
            .order_by("-page__date")
        ]


def authored_and_featured(speaker):
    """Write-ups the speaker wrote, and those that feature them (newest first)."""
    authored = list(
        speaker.authored_writeups.live().public().select_related("author").order_by("-date", "-pk")
    )
    authored_ids = {writeup.pk for writeup in authored}
    featured = [
        link.page
        for link in speaker.writeup_links.filter(public_q("page__"))
        .select_related("page", "page__author")
        .order_by("-page__date", "-page__pk")
        if link.page.pk not in authored_ids
    ]
    return authored, featured


class SpeakerWriteUpsSection(Section):
    """ "Write-ups by" and "Write-ups featuring" the speaker (two lists, two
    queries)."""

    template_name = "recap_writeups/sections/speaker_writeups.html"
    order = 20

    def get_context(self, request, speaker):
        if not speaker.pk:
            return None
        authored, featured = authored_and_featured(speaker)
        if not (authored or featured):
            return None
        return {"authored_writeups": authored, "featured_writeups": featured}


class TopicWriteUpsSection(Section):
    template_name = "recap_writeups/sections/topic_writeups.html"
    order = 30

    def get_context(self, request, topic):
        items, total = first_and_total(
            WriteUpPage.objects.live()
            .public()
            .filter(tagged_topics__tag=topic)
            .select_related("author")
            .order_by("-date", "-pk")
        )
        return {"items": items, "total": total}

    def item_list_entries(self, request, data):
        return [(writeup.title, writeup.get_url(request)) for writeup in data["items"]]


class WriteUpResourceRelation(ResourceRelation):
    label = _("Write-ups")
    order = 40

    def prefetch(self):
        return Prefetch(
            "writeup_links",
            queryset=WriteUpResource.objects.filter(public_q("page__"))
            .select_related("page")
            .order_by("page__title"),
        )

    def pages(self, resource):
        return [link.page for link in resource.writeup_links.all()]


def event_page_sections():
    return [FeedAlternatesSection(), EventWriteUpsSection()]


def session_page_sections():
    return [SessionWriteUpsSection(), ShareLinksSection()]


def speaker_page_sections():
    # Visible feed links too, as a topic's page has (issue 21).
    return [FeedAlternatesSection(), FeedLinksSection(), SpeakerWriteUpsSection()]


def topic_page_sections():
    return [FeedAlternatesSection(), FeedLinksSection(), TopicWriteUpsSection()]


def resource_relations():
    return WriteUpResourceRelation()


def published_topics_q(public):
    """Topics of live, public write-ups: they count as published topics
    (``recap_published_topics``; listed on the topic index)."""
    return Q(pk__in=WriteUpTopic.objects.filter(public("content_object__")).values("tag_id"))
