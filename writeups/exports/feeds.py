"""RSS 2.0 and Atom feeds of write-ups: the whole site, one speaker, one
topic, one event (Django's syndication framework).

Each feed lists the newest published write-ups, in a fixed number of
queries however many there are. `feed_urls(obj)` is the one place that knows
where an object's feeds live; templates use it through the
``recap_feed_tags`` library to announce them with ``<link rel="alternate">``.
"""

import datetime as dt
import hashlib

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recap.core import page_views
from recap.core.links import page_url
from recap.core.sanitize import scrub, single_line
from recap.core.translations import canonical
from recap.core.versioning import FRAGMENT_TIMEOUT, content_version
from recap.events.models import EventPage
from recap.resources.models import Topic
from recap.speakers.models import Speaker

from ..models import WriteUpIndexPage, WriteUpPage, about_event_q

FEED_LENGTH = 50


def published_writeups():
    """Live, public write-ups, newest first, with what a feed item shows."""
    return (
        WriteUpPage.objects.live()
        .public()
        .select_related("author")
        .prefetch_related("tagged_topics__tag")
        .order_by("-date", "-first_published_at", "-pk")
    )


def writeups_featuring(speaker):
    """Write-ups by `speaker` or featuring them (their sessions, quotes)."""
    return (
        published_writeups()
        .filter(Q(author=speaker) | Q(pk__in=speaker.writeup_links.values("page_id")))
        .distinct()
    )


def writeups_on_topic(topic):
    return published_writeups().filter(pk__in=topic.tagged_writeups.values("content_object_id"))


def writeups_about_event(event):
    """Write-ups about the event, or about one of its sessions."""
    return published_writeups().filter(about_event_q(event))


def site_name():
    """The site's name, as its pages' Open Graph tags give it."""
    return getattr(settings, "WAGTAIL_SITE_NAME", "") or "Recap"


def feed_heading(obj):
    """What the write-up feed of a speaker, topic or event holds: its title
    in feed readers and in the page's feed links."""
    if isinstance(obj, Speaker):
        return _("Write-ups featuring %(name)s") % {"name": obj.name}
    if isinstance(obj, Topic):
        return _("Write-ups on %(topic)s") % {"topic": obj.name}
    return _("Write-ups about %(event)s") % {"event": obj.title}


class WriteUpFeed(Feed):
    """The common shape of every write-up feed (RSS 2.0; see AtomMixin)."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        """The feed, kept in the cache under the content version (a publish,
        an edit of a speaker or topic... starts afresh; recap.core.versioning),
        with an ETag for conditional requests. Feeds hold nothing personal."""
        key = (
            f"recap:feed:{content_version()}:{get_language()}:{request.scheme}:{request.get_host()}:"
            f"{request.get_full_path()}"
        )
        entry = cache.get(key)
        if entry is None:
            self.request = request
            response = super().__call__(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            etag = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
            entry = {"body": response.content, "type": response["Content-Type"], "etag": etag}
            cache.set(key, entry, FRAGMENT_TIMEOUT)
        not_modified = get_conditional_response(
            request, etag=entry["etag"], response=HttpResponse()
        )
        if not_modified.status_code == 304:
            return not_modified
        response = HttpResponse(entry["body"], content_type=entry["type"])
        response["ETag"] = entry["etag"]
        return response

    def get_feed(self, obj, request):
        # XML 1.0 cannot carry control characters: one title typed with one
        # would make the whole feed fail, so every text is scrubbed here.
        feed = super().get_feed(obj, request)
        feed.feed = scrub(feed.feed)
        feed.items = [scrub(item) for item in feed.items]
        return feed

    def feed_title(self, obj):
        """What the feed holds, e.g. "Write-ups featuring Maya Ellison"."""
        raise NotImplementedError

    def feed_description(self, obj, site_name):
        raise NotImplementedError

    def title(self, obj):
        # Feed readers list feeds by title: what it holds, then whose site.
        return f"{self.feed_title(obj)} · {site_name()}"

    def description(self, obj):
        return self.feed_description(obj, site_name())

    subtitle = description

    def writeups(self, obj):
        raise NotImplementedError

    def items(self, obj):
        return self.writeups(obj)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Plain text: the syndication framework escapes it; readers render it as text.
        return single_line(item.search_description or str(item.intro or ""))

    def item_link(self, item):
        return page_url(self.request, item)

    def item_guid(self, item):
        return page_url(self.request, item)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        if item.first_published_at and timezone.localdate(item.first_published_at) == item.date:
            return item.first_published_at
        return dt.datetime.combine(item.date, dt.time(9), tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.author.name if item.author_id else None

    def item_categories(self, item):
        return [link.tag.name for link in item.tagged_topics.all()]


class AtomMixin:
    feed_type = Atom1Feed


class SiteFeed(WriteUpFeed):
    def get_object(self, request, index_page):
        return index_page

    def feed_title(self, obj):
        return obj.title

    def feed_description(self, obj, site_name):
        return _("The newest write-ups published on %(site)s.") % {"site": site_name}

    def link(self, obj):
        return page_url(self.request, obj)

    def writeups(self, obj):
        return published_writeups().descendant_of(obj)


class SiteAtomFeed(AtomMixin, SiteFeed):
    pass


class SpeakerFeed(WriteUpFeed):
    def get_object(self, request, slug):
        # The person (a translation shares the slug: recap.core.translations).
        return get_object_or_404(canonical(Speaker.objects.all()), slug=slug)

    def feed_title(self, obj):
        return feed_heading(obj)

    def feed_description(self, obj, site_name):
        return _("The newest write-ups by or featuring %(name)s, on %(site)s.") % {
            "name": obj.name,
            "site": site_name,
        }

    def link(self, obj):
        return page_url(self.request, obj)

    def writeups(self, obj):
        return writeups_featuring(obj)


class SpeakerAtomFeed(AtomMixin, SpeakerFeed):
    pass


class TopicFeed(WriteUpFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def feed_title(self, obj):
        return feed_heading(obj)

    def feed_description(self, obj, site_name):
        return _("The newest write-ups on %(topic)s, on %(site)s.") % {
            "topic": obj.name,
            "site": site_name,
        }

    def link(self, obj):
        return page_url(self.request, obj)

    def writeups(self, obj):
        return writeups_on_topic(obj)


class TopicAtomFeed(AtomMixin, TopicFeed):
    pass


class EventFeed(WriteUpFeed):
    def get_object(self, request, event_id):
        return get_object_or_404(EventPage.objects.live().public(), pk=event_id)

    def feed_title(self, obj):
        return feed_heading(obj)

    def feed_description(self, obj, site_name):
        return _("The newest write-ups about %(event)s and its sessions, on %(site)s.") % {
            "event": obj.title,
            "site": site_name,
        }

    def link(self, obj):
        return page_url(self.request, obj)

    def writeups(self, obj):
        return writeups_about_event(obj)


class EventAtomFeed(AtomMixin, EventFeed):
    pass


@page_views.register("recap_writeups.WriteUpIndexPage")
def site_rss_view(request, index_page):
    """<write-ups index>/feed/rss/: every write-up under the index."""
    return SiteFeed()(request, index_page=index_page)


@page_views.register("recap_writeups.WriteUpIndexPage")
def site_atom_view(request, index_page):
    """<write-ups index>/feed/atom/."""
    return SiteAtomFeed()(request, index_page=index_page)


def feed_urls(obj):
    """{"title", "rss", "atom"} for the write-up feeds of a write-up index
    page, an event page, a speaker or a topic; None for anything else."""
    try:
        if isinstance(obj, WriteUpIndexPage):
            base = obj.url or ""
            if not base:
                return None
            return {
                "title": f"{obj.title}",
                "rss": base + obj.reverse_subpage("rss"),
                "atom": base + obj.reverse_subpage("atom"),
            }
        if isinstance(obj, Speaker):
            kwargs, name = {"slug": obj.slug}, "speaker"
        elif isinstance(obj, Topic):
            kwargs, name = {"slug": obj.slug}, "topic"
        elif isinstance(obj, EventPage):
            kwargs, name = {"event_id": obj.pk}, "event"
        else:
            return None
        return {
            "title": feed_heading(obj),
            "rss": reverse(f"recap_writeups:{name}_rss", kwargs=kwargs),
            "atom": reverse(f"recap_writeups:{name}_atom", kwargs=kwargs),
        }
    except NoReverseMatch:
        # A host site that does not mount writeups.urls has no such feeds.
        return None
