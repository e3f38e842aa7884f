import html
import re

import pytest

from recap.core.sanitize import plain_text, single_line


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<script>alert(1)</script>Hello", "alert(1)Hello"),
        ('<img src=x onerror="alert(1)">Hi', "Hi"),
        ('<a href="javascript:alert(1)">click</a>', "click"),
        ("a\x00b\x07c", "abc"),
        ("safe \u202eevil\u202c text", "safe evil text"),
        ("caf\u0065\u0301", "caf\u00e9"),
        ("Great talk 🎉 — merci, спасибо, 谢谢", "Great talk 🎉 — merci, спасибо, 谢谢"),
        ("  one\n\n\n\ntwo  ", "one\n\ntwo"),
        ("=SUM(A1:A2)", "=SUM(A1:A2)"),
    ],
)
def test_plain_text_cleans_hostile_input(raw, expected):
    assert plain_text(raw) == expected


def test_plain_text_strips_markup_hidden_behind_entities():
    assert plain_text("&lt;b&gt;bold&lt;/b&gt;") == "bold"


NASTY = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "&amp;lt;img src=x onerror=alert(1)&amp;gt;",
    "&amp;amp;lt;svg onload=alert(1)&amp;amp;gt;",
    "&#60;svg onload=alert(1)&#62;",
    "&#x3C;iframe src=javascript:alert(1)&#x3E;",
    "&lt;&lt;script&gt;script&gt;alert(1)",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "</textarea><script>alert(1)</script>",
    "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    "x<y onmouseover=alert(1)>z",
    "<a",
    "&lt;a href=javascript:alert(1)",
    "<\x00script>alert(1)</script>",
    "<scr\x0bipt>alert(1)",
    "&lt;" * 20 + "script" + "&gt;" * 20,
    "&amp;" * 12 + "lt;script&gt;",
]
# Anything an HTML parser would read as the start of a tag, a comment or a
# declaration.
TAG_START = re.compile(r"<[A-Za-z/!?]")


@pytest.mark.parametrize("raw", NASTY)
def test_plain_text_output_holds_no_tag_even_after_decoding(raw):

    cleaned = plain_text(raw)

    assert not TAG_START.search(cleaned)
    assert not TAG_START.search(html.unescape(cleaned))
    assert not TAG_START.search(single_line(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a < b", "a < b"),
        ("5 &lt; 6 &amp; 7 &gt; 2", "5 < 6 & 7 > 2"),
        ("I <3 this", "I <3 this"),
        ("-> and <-", "-> and <-"),
        ("AT&T", "AT&T"),
    ],
)
def test_plain_text_keeps_angle_brackets_a_person_typed(raw, expected):
    assert plain_text(raw) == expected


def test_single_line_joins_lines():
    assert single_line("one\ntwo\tthree") == "one two three"


def test_plain_text_cuts_to_max_length():
    assert plain_text("x" * 10_000, max_length=500) == "x" * 500
