"""schema.org JSON-LD: the one serialiser every Recap page uses, and the
Person a speaker page describes.

Speakers is the lowest Recap app, so events and write-ups import
`json_ld_script` from here rather than each writing their own.
"""

import json

from django.utils.safestring import mark_safe

# Inside <script> the HTML parser only looks for "</script" (and "<!--"), but
# escaping every <, > and & keeps any text a person typed from closing the
# element or starting a comment, whatever it contains.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as JSON that is safe to put inside a <script> element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_ESCAPES)


def json_ld_script(data):
    """A complete <script type="application/ld+json"> element for `data`."""
    return mark_safe(  # noqa: S308 - the JSON is escaped for a script element above
        f'<script type="application/ld+json">{json_ld(data)}</script>'
    )


def absolute(request, url):
    """An absolute URL for `url` (which may already be absolute)."""
    if not url:
        return url
    if url.startswith(("http://", "https://")) or request is None:
        return url
    return request.build_absolute_uri(url)


def person(speaker, request=None, url=None, image_url=None):
    """A schema.org Person for a speaker; `url` is their page's address."""
    data = {"@type": "Person", "name": speaker.name}
    if url:
        data["url"] = absolute(request, url)
    if speaker.job_title:
        data["jobTitle"] = speaker.job_title
    if speaker.organisation:
        data["worksFor"] = {"@type": "Organization", "name": speaker.organisation}
    if image_url:
        data["image"] = absolute(request, image_url)
    return data


def person_document(speaker, request=None, url=None, image_url=None, bio_text=""):
    """The JSON-LD document of a speaker's own page."""
    data = {"@context": "https://schema.org", **person(speaker, request, url, image_url)}
    if bio_text:
        data["description"] = bio_text
    if speaker.same_as:
        data["sameAs"] = speaker.same_as
    return data
