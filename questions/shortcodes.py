"""Short codes for sessions' ask URLs (/q/<code>/), to type or scan from a screen.

The code is the session's page id in Crockford's base32, lower case: stable
for the session's life (ids never change), short, and without letters that
read like digits. It is a public id, as the session's page is public.

Codes are read in either case, as Crockford's base32 is: a code typed from
the screen as /q/Z/ works like /q/z/.
"""

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
CODE_PATTERN = r"[0-9a-hjkmnp-tv-zA-HJKMNP-TV-Z]{1,13}"
_VALUES = {char: index for index, char in enumerate(ALPHABET)}


def encode(number):
    """The short code for a positive integer."""
    if number < 0:
        raise ValueError("Short codes are for positive ids.")
    digits = []
    while True:
        number, remainder = divmod(number, 32)
        digits.append(ALPHABET[remainder])
        if number == 0:
            return "".join(reversed(digits))


def decode(code):
    """The integer for a short code, or None if it is not one."""
    number = 0
    for char in code.lower():
        if char not in _VALUES:
            return None
        number = number * 32 + _VALUES[char]
    return number


def session_code(session):
    return encode(session.pk)
