"""Open Graph, Twitter card and canonical URL data for every public page.

`{% page_meta as meta %}` reads, in order: the context variables a routable
view sets (``meta_title``, ``meta_description``, ``meta_image``,
``canonical_url``, ``meta_type``), then the Wagtail ``page`` (its SEO title,
search description, hero image, full URL), then the request's own address.
"""

from django import template
from django.conf import settings
from django.utils.html import strip_tags

from recap.core.links import absolute
from recap.core.sanitize import single_line

register = template.Library()

SHARE_IMAGE_FILTER = "fill-1200x630-c50"
DESCRIPTION_LENGTH = 300


def image_url(request, image):
    """An absolute URL for a Wagtail image (as a share-sized rendition) or
    for an image URL given as a string."""
    if not image:
        return ""
    if isinstance(image, str):
        return absolute(request, image)
    try:
        return absolute(request, image.get_rendition(SHARE_IMAGE_FILTER).url)
    except Exception:  # A missing file must not break the page it decorates.
        return ""


@register.simple_tag(takes_context=True)
def page_meta(context):
    """A dict: title, description, url (canonical), image, type, site_name, card."""
    request = context.get("request")
    page = context.get("page")
    page = page if hasattr(page, "get_url_parts") else None
    site_name = getattr(settings, "WAGTAIL_SITE_NAME", "") or "Recap"

    title = context.get("meta_title") or ""
    if not title and page is not None:
        title = page.seo_title or page.title
    title = title or site_name

    description = context.get("meta_description") or ""
    if not description and page is not None:
        description = page.search_description or strip_tags(str(getattr(page, "intro", "") or ""))
    description = single_line(description, max_length=DESCRIPTION_LENGTH)

    canonical = context.get("canonical_url") or ""
    if not canonical and page is not None and request is not None:
        # A routable page's sub-route (a speaker, a topic) sets canonical_url;
        # the page's own address is canonical only when it is what was asked for.
        own_path = page.get_url(request)
        if own_path and request.path == own_path:
            canonical = absolute(request, own_path)
    if not canonical and request is not None:
        canonical = absolute(request, request.path)

    image = context.get("meta_image")
    if not image and page is not None:
        image = getattr(page, "hero_image", None)
    image = image_url(request, image)

    page_type = context.get("meta_type") or ""
    if not page_type:
        page_type = (
            "article" if page is not None and page._meta.model_name == "writeuppage" else "website"
        )

    return {
        "title": title,
        "description": description,
        "url": canonical,
        "image": image,
        "type": page_type,
        "site_name": site_name,
        "card": "summary_large_image" if image else "summary",
    }
