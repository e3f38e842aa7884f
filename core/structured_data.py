"""JSON inside HTML: the one serialiser for schema.org JSON-LD and any other
JSON a page embeds in a <script> element."""

import json

from django.utils.safestring import mark_safe

from .sanitize import scrub

# Inside <script> the HTML parser only looks for "</script" (and "<!--"), but
# escaping every <, > and & keeps any text a person typed from closing the
# element or starting a comment, whatever it contains.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def escape_script_json(text):
    """JSON text made safe to put inside a <script> element."""
    return text.translate(_SCRIPT_ESCAPES)


def json_ld(data):
    """`data` as JSON that is safe to put inside a <script> element."""
    # Compact separators: a programme's 200 sub-events are most of its page.
    return escape_script_json(
        json.dumps(scrub(data), ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    )


def json_ld_script(data):
    """A complete <script type="application/ld+json"> element for `data`."""
    return mark_safe(  # noqa: S308 - the JSON is escaped for a script element above
        f'<script type="application/ld+json">{json_ld(data)}</script>'
    )
