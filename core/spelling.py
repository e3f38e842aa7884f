"""Other ways of writing what a reader typed: British and American spellings,
and abbreviations with what they stand for.

The site search looks for each word of a query or any of its variants, so
"center of excellence" finds "Centre of excellence" and "ceo" finds "Chief
Executive". A variant only widens a search: one that is no real word
("precize" from "precise") finds nothing, so the rules below can be simple.

Abbreviations come from the ``RECAP_SEARCH_SYNONYMS`` setting: a list of
groups, each a list of words or phrases that mean the same
(``[["ceo", "chief executive"], ...]``); without the setting,
`DEFAULT_SYNONYMS` below. A phrase in a query ("chief executive") finds its
abbreviation too.
"""

import re

from django.conf import settings

_WORD = re.compile(r"\w+", re.UNICODE)

# British and American spellings that no simple rule gives (a rule for
# "-our" would also turn "four" into "for").
SPELLING_PAIRS = [
    ("centre", "center"),
    ("centres", "centers"),
    ("theatre", "theater"),
    ("fibre", "fiber"),
    ("litre", "liter"),
    ("colour", "color"),
    ("colours", "colors"),
    ("behaviour", "behavior"),
    ("behaviours", "behaviors"),
    ("favourite", "favorite"),
    ("honour", "honor"),
    ("humour", "humor"),
    ("labour", "labor"),
    ("neighbour", "neighbor"),
    ("rumour", "rumor"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("catalogue", "catalog"),
    ("dialogue", "dialog"),
    ("licence", "license"),
    ("defence", "defense"),
    ("judgement", "judgment"),
    ("ageing", "aging"),
    ("grey", "gray"),
    ("travelled", "traveled"),
    ("travelling", "traveling"),
    ("modelling", "modeling"),
    ("labelled", "labeled"),
    ("cancelled", "canceled"),
    ("enrol", "enroll"),
]
_PAIRS = {}
for _british, _american in SPELLING_PAIRS:
    _PAIRS[_british] = _american
    _PAIRS[_american] = _british

# "organise", "organisation", "analyse": -ise/-yse and -ize/-yze, with their endings.
_ISE = re.compile(r"^(\w{3,})([iy])s(e|ed|es|er|ers|ing|ation|ations)$")
_IZE = re.compile(r"^(\w{3,})([iy])z(e|ed|es|er|ers|ing|ation|ations)$")

DEFAULT_SYNONYMS = [
    ["ceo", "chief executive", "chief executive officer"],
    ["cfo", "chief financial officer"],
    ["coo", "chief operating officer"],
    ["cto", "chief technology officer"],
    ["cmo", "chief marketing officer"],
    ["cco", "chief communications officer"],
    ["hr", "human resources"],
    ["pr", "public relations"],
    ["ic", "internal communication", "internal communications"],
    ["esn", "enterprise social network", "enterprise social networks"],
    ["coe", "centre of excellence", "center of excellence"],
    ["ai", "artificial intelligence"],
    ["pdg", "président directeur général"],
    ["dg", "directeur général"],
    ["rh", "ressources humaines"],
]
# The longest phrase looked for in a query.
MAX_PHRASE_WORDS = 4


def words(text):
    """The lower-cased words of `text`."""
    return _WORD.findall(str(text).lower())


def spelling_variants(word):
    """The other spellings of one lower-cased word (not the word itself)."""
    found = set()
    if word in _PAIRS:
        found.add(_PAIRS[word])
    for pattern, letter in ((_ISE, "z"), (_IZE, "s")):
        match = pattern.match(word)
        if match:
            found.add(f"{match.group(1)}{match.group(2)}{letter}{match.group(3)}")
    found.discard(word)
    return found


def synonym_groups():
    """The setting's groups, each a tuple of phrases (tuples of words)."""
    groups = getattr(settings, "RECAP_SEARCH_SYNONYMS", DEFAULT_SYNONYMS)
    return [tuple(tuple(words(phrase)) for phrase in group) for group in groups]


def query_groups(terms):
    """The words of a query as groups, each the list of phrases (tuples of
    words) any of which the reader may mean: a word with its other
    spellings, or a phrase of the synonyms with its synonyms.

    >>> query_groups(["ceo", "centre"])
    [[('ceo',), ('chief', 'executive'), ...], [('centre',), ('center',)]]
    """
    synonyms = synonym_groups()
    groups, position = [], 0
    while position < len(terms):
        for size in range(min(MAX_PHRASE_WORDS, len(terms) - position), 0, -1):
            phrase = tuple(terms[position : position + size])
            group = next((group for group in synonyms if phrase in group), None)
            if group is not None:
                others = [other for other in group if other != phrase]
                groups.append([phrase, *others])
                position += size
                break
        else:
            term = terms[position]
            groups.append([(term,), *((variant,) for variant in sorted(spelling_variants(term)))])
            position += 1
    return groups
