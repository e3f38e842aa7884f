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


def test_plain_text_keeps_escaped_markup_as_text():
    assert plain_text("&lt;b&gt;bold&lt;/b&gt;") == "<b>bold</b>"


def test_single_line_joins_lines():
    assert single_line("one\ntwo\tthree") == "one two three"


def test_plain_text_cuts_to_max_length():
    assert plain_text("x" * 10_000, max_length=500) == "x" * 500
