"""Reading values from a query string or a form, the one way.

Hand-written parsing went wrong in the same ways everywhere: `"²".isdigit()`
is true but `int("²")` fails; a 30-digit id overflows the database's integer;
a NUL byte in a string reaches PostgreSQL, which refuses it. Each of those
was a 500. These helpers answer `None` (or clean text) instead, so a view can
ignore the value or answer 400.
"""

import re

from .sanitize import strip_controls

# Page and snippet ids are 32-bit integers in every supported database.
MAX_ID = 2**31 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,10}")


def positive_int(value, *, minimum=1, maximum=MAX_ID):
    """`value` as an int when it is `minimum` to `maximum` in ASCII digits, else None.

    Pass `minimum=0` for offsets."""
    if value is None:
        return None
    value = str(value).strip()
    if not _ASCII_DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def positive_ints(values, *, maximum=MAX_ID):
    """The valid ids among `values` (a list from `getlist`), others left out."""
    return [n for n in (positive_int(v, maximum=maximum) for v in values) if n is not None]


def text(value, *, max_length=200):
    """A free-text parameter: no control characters (NUL included), trimmed, cut."""
    return strip_controls(str(value or "")).strip()[:max_length]
