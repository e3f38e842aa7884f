""" "Did you mean": the word of the site's names and titles closest to a word a
reader typed, so that "elison" finds Maya Ellison and "fisher" Lena Fischer.

The words come from what the search may show (speakers' names, topics,
public events, sessions and write-ups, resources: `vocabulary_sources` in
`recap.discover.search`), never from a private page. A word is corrected
only when it is none of those words, is four letters or more, and a word of
them is close enough (`difflib`'s ratio, at least `CUTOFF`: one or two
letters missing, extra or swapped in a name).

The same choice is made on every database; what differs is how the
candidate titles are read, always in a bounded number of rows:

- on PostgreSQL with the ``pg_trgm`` extension (Recap's migration
  ``recap_discover.0001_trigram_extension`` creates it), the titles that
  hold a word similar to one of the query's (``word_similarity``, through
  Django's `TrigramWordSimilarity`), best first, `TRIGRAM_ROWS` of each
  type;
- elsewhere (SQLite, or PostgreSQL without the extension), the newest
  `VOCABULARY_ROWS` titles of each type.
"""

import difflib
import re

from django.db import connection

from recap.core.stemming import stem

MIN_WORD_LENGTH = 4
CUTOFF = 0.8
# Candidate titles read per type.
TRIGRAM_ROWS = 50
VOCABULARY_ROWS = 2000
# pg_trgm's word_similarity a candidate title needs (its own default is 0.6:
# "fisher" and "Fischer" score 0.57).
TRIGRAM_THRESHOLD = 0.4
_WORD = re.compile(r"\w+", re.UNICODE)


def trigram_available():
    """Whether the database can rank by trigram similarity (PostgreSQL with
    pg_trgm)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def candidate_titles(sources, terms):
    """Titles from `sources` ((queryset, field) pairs) that may hold a word
    close to one of `terms`: one bounded query per source."""
    titles = []
    if trigram_available():
        from django.contrib.postgres.search import TrigramWordSimilarity
        from django.db.models.functions import Greatest

        for queryset, field in sources:
            scores = [TrigramWordSimilarity(term, field) for term in terms]
            score = scores[0] if len(scores) == 1 else Greatest(*scores)
            rows = (
                queryset.annotate(recap_similarity=score)
                .filter(recap_similarity__gte=TRIGRAM_THRESHOLD)
                .order_by("-recap_similarity")
                .values_list(field, flat=True)[:TRIGRAM_ROWS]
            )
            titles += list(rows)
    else:
        for queryset, field in sources:
            titles += list(queryset.order_by("-pk").values_list(field, flat=True)[:VOCABULARY_ROWS])
    return titles


def corrections(terms, sources):
    """{term: the closest word, as the title writes it} for each of `terms`
    (lower-cased words) that no title holds and a title's word is close to."""
    candidates = [
        term for term in dict.fromkeys(terms) if len(term) >= MIN_WORD_LENGTH and term.isalpha()
    ]
    if not candidates:
        return {}
    vocabulary = {}
    for title in candidate_titles(sources, candidates):
        for word in _WORD.findall(title or ""):
            vocabulary.setdefault(word.lower(), word)
    found = {}
    for term in candidates:
        if term in vocabulary:
            continue
        near = [
            word
            for word in vocabulary
            if abs(len(word) - len(term)) <= 3 and word.isalpha() and stem(word) != stem(term)
        ]
        # Sorted, so that ties go the same way whatever order the rows came in.
        close = difflib.get_close_matches(term, sorted(near), n=1, cutoff=CUTOFF)
        if close:
            found[term] = vocabulary[close[0]]
    return found
