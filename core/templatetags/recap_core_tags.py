"""Template helpers every Recap app may use: embeds that never break a page,
and links to objects that know their own URL (speakers, topics, pages)."""

import logging

from django import template
from django.utils.dateformat import format as date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, pgettext
from django.utils.translation import gettext as _
from wagtail.embeds.format import embed_to_frontend_html

from recap.core.language_links import language_links as links
from recap.core.translations import in_other_language
from recap.core.typography import elide as elide_text
from recap.core.versioning import content_version as current

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def embed_or_empty(url, max_width=None):
    """The embed HTML for a video page, or "" when it cannot be fetched (no
    provider, no network, a timeout...), so the template can show a link card
    instead. Wagtail already turns EmbedException into ""; anything else a
    finder raises while offline is treated the same way, never as an error."""
    if not url:
        return ""
    try:
        return embed_to_frontend_html(url, max_width)
    except Exception:  # noqa: BLE001 - a broken embed must never break the page
        logger.warning("Could not embed %s", url, exc_info=True)
        return ""


@register.filter
def embed_url(value):
    """The URL behind an EmbedBlock value (an EmbedValue) or a plain string."""
    return getattr(value, "url", value) or ""


@register.simple_tag(takes_context=True)
def object_url(context, obj):
    """The URL of anything with a ``get_url(request)`` (a speaker, a topic, a
    page), so shared includes link objects without knowing their app."""
    get_url = getattr(obj, "get_url", None)
    return get_url(context.get("request")) if get_url is not None else ""


@register.simple_tag(takes_context=True)
def render_sections(context, sections, slot="main"):
    """Render the sections (from ``recap.core.sections.build_sections``) that
    go in `slot`, each with the page's context plus its own."""
    parts = []
    for built in sections or ():
        if built.slot != slot or built.data is None:  # None: a lazy section with nothing
            continue
        template = context.template.engine.get_template(built.template_name)
        with context.push(**built.data):
            parts.append(template.render(context))
    return mark_safe("".join(parts))  # noqa: S308 - rendered by templates, escaped there


@register.simple_tag
def content_version():
    """The version cached fragments put in their keys (recap.core.versioning),
    with the active language, so a page cached in one language is never served
    in another (with or without the i18n context processor):
    ``{% content_version as version %}{% wagtailcache 3600 "name" version %}``."""
    return f"{current()}-{get_language() or ''}"


@register.simple_tag(takes_context=True)
def language_links(context):
    """The language switcher's links for the page being shown (the same page
    in each language, else that language's home): see recap.core.language_links.
    ``{% language_links as languages %}``."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page") or context.get("self")
    # A sub-route (a speaker's page) names its own translations.
    urls = context.get("language_urls")
    return links(request, page if hasattr(page, "get_translations") else None, urls=urls)


@register.filter
def is_public_page(page):
    """Whether the public may see `page`: live, with no view restriction on it
    or an ancestor (Wagtail's own `get_view_restrictions`, one query). For a
    page named inside another page's content (the session a quoted question
    was asked at), so a private page's title is never shown."""
    return bool(page) and page.live and not page.get_view_restrictions().exists()


@register.simple_tag
def other_language(obj):
    """`obj`'s language when it is not the reader's, for a page listed in its
    own language for lack of a translation: ``{"code": "en-gb", "label": "(in
    English)"}`` (the label in the reader's language), else None.
    ``{% other_language event as other %}``, then ``lang="{{ other.code }}"``
    on the item and ``<span lang="{{ other.reader }}">{{ other.label }}</span>``
    after its title."""
    code = in_other_language(obj)
    if not code:
        return None
    labels = {"en": _("(in English)"), "fr": _("(in French)")}
    label = labels.get(code.split("-")[0])
    if label is None:
        try:
            name = get_language_info(code)["name_local"]
        except KeyError:
            name = code
        label = _("(in %(language)s)") % {"language": name}
    # `reader`: the label's own language, inside an item marked `code`.
    return {"code": code, "label": label, "reader": get_language()}


@register.filter(is_safe=True)
def elide(text):
    """French elision where "de {name}" was built: ``{{ label|elide }}`` (see
    recap.core.typography). Unchanged in other languages."""
    return elide_text(text)


@register.filter(expects_localtime=True)
def short_date(value, parts=""):
    """A date with its weekday and month abbreviated as the reader's language
    writes them: "Mon 7 Dec" in English, "lun 7 déc." in French (Django's
    "M" would give "Déc", capitalised, and "Jui" for both June and July).
    `parts`: "year", "time" or "year,time" to add them:
    ``{{ start|short_date:"year,time" }}``."""
    if value in (None, ""):
        return ""
    # Translators: a PHP-style date format (Django's "date" filter); French
    # uses "N", whose abbreviations are French's own ("déc.", "juil.").
    fmt = pgettext("short date format", "D j M")
    wanted = {part.strip() for part in str(parts).split(",")}
    if "year" in wanted:
        fmt += " Y"
    if "time" in wanted:
        fmt += ", H:i"
    return date_format(value, fmt)
