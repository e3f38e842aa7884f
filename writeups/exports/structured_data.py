"""schema.org JSON-LD for write-up pages: a BlogPosting about the event and
sessions it covers, mentioning the people featured and the resources cited."""

from django.utils.html import strip_tags

from recap.core.links import absolute
from recap.events.exports.structured_data import iso
from recap.speakers.exports.structured_data import person


def _event_ref(event, request):
    return {
        "@type": "Event",
        "name": event.title,
        "url": absolute(request, event.get_url(request)),
        "startDate": iso(event.start, event.tz),
    }


def _resource_ref(resource, request):
    data = {"@type": "CreativeWork", "name": resource.title}
    href = resource.href
    if href:
        data["url"] = absolute(request, href)
    if resource.publisher:
        data["publisher"] = {"@type": "Organization", "name": resource.publisher}
    return data


def writeup_document(
    page,
    request=None,
    *,
    events=(),
    sessions=(),
    speakers=(),
    resources=(),
    speaker_urls=None,
    image_url=None,
):
    """The JSON-LD document of a write-up page."""
    speaker_urls = speaker_urls or {}
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": page.title,
        "datePublished": page.date.isoformat(),
        "url": absolute(request, page.get_url(request)),
        "mainEntityOfPage": absolute(request, page.get_url(request)),
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    description = strip_tags(page.search_description or page.intro or "").strip()
    if description:
        data["description"] = description
    if page.author_id and page.author:
        data["author"] = person(page.author, request, url=speaker_urls.get(page.author_id))
    if image_url:
        data["image"] = [absolute(request, image_url)]
    about = [_event_ref(event, request) for event in events]
    about += [
        {
            "@type": "Event",
            "name": session.title,
            "url": absolute(request, session.get_url(request)),
            "startDate": iso(session.start, session.tz),
        }
        for session in sessions
    ]
    if about:
        data["about"] = about
    mentions = [person(s, request, url=speaker_urls.get(s.pk)) for s in speakers]
    mentions += [_resource_ref(resource, request) for resource in resources]
    if mentions:
        data["mentions"] = mentions
    return data
