"""JSON inside a <script> element (recap.core.structured_data)."""

import json

import pytest

from recap.core.structured_data import json_ld


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain text, été", "Plain text, été"),
        ("x\x01y\x9fz", "xyz"),  # C0 and C1 controls
        ("left\u202eright", "leftright"),  # a bidi override
        ("line\nand\ttab", "line\nand\ttab"),  # kept
        ("a literal \\u0041", "a literal \\u0041"),  # a backslash typed by a person
    ],
)
def test_json_ld_drops_control_characters_and_keeps_the_rest(text, expected):
    assert json.loads(json_ld({"name": text, "list": [text]})) == {
        "name": expected,
        "list": [expected],
    }


def test_json_ld_cannot_close_its_script_element():
    text = json_ld({"name": "</script><!-- & <b>"})

    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- & <b>"}
