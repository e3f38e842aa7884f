"""French typography for text built from a translation and a name.

"Programme de %(title)s" with "Open Channels Live" must read "Programme
d’Open Channels Live": French elides "de" before a vowel. The translation
cannot know the name, so :func:`elide` is applied where "de {name}" is built
(``{{ text|elide }}`` in templates). A name starting with "h" is left alone:
whether it elides (l’hôtel) or not (le héros) depends on the word.
"""

import re

from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"
_DE_BEFORE_VOWEL = re.compile(rf"\b([Dd])e (?=[{_VOWELS}{_VOWELS.upper()}])")


def elide(text, language=None):
    """`text` with "de " elided to "d’" before a vowel, in French (any other
    language: unchanged). Keeps `text` safe if it was."""
    language = language or get_language() or ""
    if text is None or not language.lower().startswith("fr"):
        return text
    elided = _DE_BEFORE_VOWEL.sub(r"\1’", str(text))
    return mark_safe(elided) if isinstance(text, SafeData) else elided  # noqa: S308 - same text
