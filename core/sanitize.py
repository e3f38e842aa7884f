"""The one place Recap cleans untrusted text.

bleach is no longer maintained (6.4.0 is its last release), so it is used only
here, only to strip every tag (no allowed tags or attributes, so its URL
sanitising is never relied on), and everything cleaned here is still rendered
escaped. To replace bleach, change `_strip_markup` and nothing else.
"""

import html
import re
import unicodedata

import bleach

# Bidirectional overrides and isolates: they can make text read differently
# from how it is stored ("Trojan Source"); dropped along with control characters.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
KEPT_CONTROLS = frozenset("\n\t")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_SPACES = re.compile(r"[ \t]+")


def _strip_markup(value):
    return bleach.clean(
        value, tags=set(), attributes={}, protocols=set(), strip=True, strip_comments=True
    )


# str.translate table: C0 and C1 controls (NUL included) but newline and tab,
# and the bidi controls. Public so other exporters strip the same characters.
CONTROLS_TABLE = {
    code: None for code in [*range(0x20), *range(0x7F, 0xA0)] if chr(code) not in KEPT_CONTROLS
}
CONTROLS_TABLE.update({ord(char): None for char in BIDI_CONTROLS})
_SURROGATES = re.compile("[\ud800-\udfff]")
# Any character strip_controls removes: one scan finds clean text (nearly all
# of it) clean, without building a copy.
_ANY_CONTROL = re.compile(
    "[" + "".join(re.escape(chr(code)) for code in CONTROLS_TABLE) + "\ud800-\udfff]"
)


def strip_controls(text):
    """`text` without control, bidi-override or lone surrogate characters."""
    if not _ANY_CONTROL.search(text):
        return text
    return _SURROGATES.sub("", text.translate(CONTROLS_TABLE))


# Each pass strips one level of markup and decodes one level of entities;
# text nested deeper than this is hostile, not typed by a person.
MAX_PASSES = 8
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def _without_markup(text):
    """`text` with every tag stripped, after decoding entities as often as it
    takes: "&lt;script&gt;" or "<<script>script>" must not become a tag.

    A "<" a person typed ("a < b", "<3") is kept. One that could open a tag
    if the text were ever read as HTML ("x<y", a left-over "<a") gets a space
    after it, so the stored text holds nothing that parses as a tag.
    """
    if "<" not in text and "&" not in text:
        # No tag and no entity: the parser would give the text back as it
        # is (most titles, names and rooms), so it is not asked.
        return text
    for _ in range(MAX_PASSES):
        # Controls may come back from entities ("&#11;").
        cleaned = strip_controls(html.unescape(_strip_markup(text)))
        if cleaned == text:
            break
        text = cleaned
    return _TAG_START.sub("< ", text)


def plain_text(value, *, max_length=None):
    """Untrusted input as plain text: no markup, NFC, no control characters.

    Emoji and every script are kept. Newlines and tabs are kept; runs of
    blank lines collapse to one. The result is trimmed, and cut to
    `max_length` characters when given (callers that must refuse long text
    check the length before cleaning).
    """
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    # Drop NUL and other controls before the HTML parser sees them.
    text = _without_markup(strip_controls(text))
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if max_length is not None:
        text = text[:max_length].rstrip()
    return text


def single_line(value, *, max_length=None):
    """As `plain_text`, on one line: newlines and tabs become single spaces."""
    text = _SPACES.sub(" ", plain_text(value).replace("\n", " ")).strip()
    if max_length is not None:
        text = text[:max_length].rstrip()
    return text


_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def rich_text_as_plain(value):
    """Editor rich text (Wagtail's RichTextField HTML) as plain text, one
    blank line between paragraphs, headings and list items: what feeds,
    calendars, schedules and JSON-LD carry. Stored once on save as a cleaned
    copy (`recap.core.cleaned_text`), never computed per render."""
    return plain_text(_BLOCK_END.sub(lambda m: m.group(0) + "\n\n", str(value or "")))


def scrub(data):
    """`data` (strings, or dicts, lists and tuples of them, at any depth) with
    control characters dropped from every string: for serialisers whose
    format refuses them (XML 1.0 feeds and schedules) or whose readers choke.
    Other values pass through unchanged."""
    if isinstance(data, str):
        return strip_controls(data)
    if isinstance(data, dict):
        return type(data)((scrub(key), scrub(value)) for key, value in data.items())
    if isinstance(data, list | tuple):
        return type(data)(scrub(item) for item in data)
    return data
