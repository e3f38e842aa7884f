"""JSON inside HTML: the one serialiser for schema.org JSON-LD and any other
JSON a page embeds in a <script> element."""

import json

from django.utils.safestring import mark_safe

from .sanitize import _ANY_CONTROL, scrub

# Inside <script> the HTML parser only looks for "</script" (and "<!--"), but
# escaping every <, > and & keeps any text a person typed from closing the
# element or starting a comment, whatever it contains.


def escape_script_json(text):
    """JSON text made safe to put inside a <script> element."""
    # Three replace() calls, not str.translate: translate walks a long
    # non-ASCII text (a programme's JSON-LD) character by character.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _dumps(data):
    # Compact separators: a programme's 200 sub-events are most of its page.
    return json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def json_ld(data):
    """`data` as JSON that is safe to put inside a <script> element, without
    control characters (recap.core.sanitize.scrub)."""
    text = _dumps(data)
    # Nearly always clean already (text is cleaned when saved): one scan of
    # the JSON instead of scrubbing every string of the document. json writes
    # C0 controls as \u escapes and the others as they are; anything that
    # looks like either is scrubbed the long way.
    if "\\u" in text or _ANY_CONTROL.search(text):
        text = _dumps(scrub(data))
    return escape_script_json(text)


def json_ld_script(data):
    """A complete <script type="application/ld+json"> element for `data`."""
    return mark_safe(  # noqa: S308 - the JSON is escaped for a script element above
        f'<script type="application/ld+json">{json_ld(data)}</script>'
    )
