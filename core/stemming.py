"""Stemmed words in the search index, so that every database stems alike.

Wagtail's database backends differ: PostgreSQL's full-text search stems
with the database's text-search configuration ("centres" and "centre" are
both "centr" in English), SQLite's FTS5 table does not stem at all. So each
searchable model also indexes `search_stems`: the words of its other search
fields, stemmed in Python with the Snowball stemmer of the site's language
(the algorithm PostgreSQL's own configurations use), and the site search
looks for the stemmed words of a query as well as the words themselves
(with `stemmed`). "centre of excellence" then finds "centres of
excellence" on SQLite and PostgreSQL alike, whatever text-search
configuration the database has.

The language is `settings.LANGUAGE_CODE`'s (en-gb: English). A language
with no Snowball stemmer indexes the words unchanged, which costs nothing
and matches what it matched before. After upgrading, `manage.py
update_index` adds the stems to what is already indexed.
"""

import functools
import re

import snowballstemmer
from django.conf import settings
from django.db.models import Manager
from wagtail.search import index

STEMS_FIELD_NAME = "search_stems"
_WORD = re.compile(r"\w+", re.UNICODE)
_TAG = re.compile(r"<[^>]*>")

# Language codes (the part before "-") to Snowball's algorithm names.
SNOWBALL_LANGUAGES = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "tr": "turkish",
}


@functools.cache
def _stemmer(language_code):
    algorithm = SNOWBALL_LANGUAGES.get(language_code.split("-")[0].lower())
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@functools.lru_cache(maxsize=50_000)
def stem(word):
    """One lower-cased word's stem in the site's language (cached: the same
    words come back in every session and query)."""
    stemmer = _stemmer(settings.LANGUAGE_CODE)
    return stemmer.stemWord(word) if stemmer else word


def stemmed(text):
    """The words of `text` (markup left out), lower-cased and stemmed, joined
    by spaces."""
    return " ".join(stem(word) for word in _WORD.findall(_TAG.sub(" ", text).lower()))


def _texts(value):
    if value is None:
        return
    if isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        yield from _texts(list(value.values()))
    else:
        yield str(value)


def _field_texts(obj, fields):
    for field in fields:
        if isinstance(field, index.SearchField) and field.field_name != STEMS_FIELD_NAME:
            yield from _texts(field.get_value(obj))
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for item in related:
                yield from _field_texts(item, field.fields)


class StemmedSearch:
    """Mixin for an indexed model: add `STEMS_FIELD` to its `search_fields`
    and its other search fields are indexed stemmed too."""

    def search_stems(self):
        return stemmed(" ".join(_field_texts(self, self.get_search_fields())))


STEMS_FIELD = index.SearchField(STEMS_FIELD_NAME)
