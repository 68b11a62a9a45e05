"""Free-text Dutch job titles -> ranked ESCO occupations (see ``search.py`` for how a title is understood)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..taxonomy import OCCUPATION_PREFIX, Taxonomy
from .search import (
    OccupationHit,
    OccupationSearch,
    default_search,
    occupation_hits_as_dicts,
    search_occupations,
)
from .words import occupation_key

__all__ = [
    "OccupationHit",
    "OccupationSearch",
    "default_search",
    "occupation_hits_as_dicts",
    "occupation_key",
    "occupations_in_own_words",
    "resolve_occupation",
    "search_occupations",
]


def resolve_occupation(taxonomy: Taxonomy, ref: str, min_score: float = 0.5) -> str | None:
    """An ESCO URI for an occupation reference: a known URI as is, free text via the best search hit whose score
    reaches ``min_score``; None when nothing fits."""
    if not ref or not ref.strip():
        return None
    ref = ref.strip()
    if taxonomy.index_of(ref) is not None:
        return ref
    if ref.startswith(OCCUPATION_PREFIX):
        return None
    hits = default_search().search(ref, top_k=1)
    return hits[0].uri if hits and hits[0].score >= min_score else None


#: A sentence of someone's own words names an occupation only from this search score up (sentences score lower
#: than titles: "ervaring in een magazijn" gives magazijnmedewerker 0.41).
OWN_WORDS_MIN_SCORE = 0.35
OWN_WORDS_MAX = 3
_SENTENCE = re.compile(r"[.!?;:\n]+")
#: Words about how long or that someone worked ("Ik heb drie jaar ervaring in een magazijn"): they say nothing about
#: which work, and they dilute the search score of the words that do ("in een magazijn"), so they are left out.
_HOW_LONG = re.compile(
    r"\b(?:(?:\d+|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|paar|veel|ruim|bijna|ongeveer)\s+)?"
    r"(?:jaar|jaren|maand|maanden|week|weken)\b|\b(?:ervaring|gewerkt|werkte)\b",
    re.IGNORECASE)


def _about_the_work(sentence: str) -> str:
    """A sentence without the words about how long or that someone worked (see _HOW_LONG)."""
    return " ".join(_HOW_LONG.sub(" ", sentence).split())


def occupations_in_own_words(texts: Sequence[str], min_score: float = OWN_WORDS_MIN_SCORE) -> list[tuple[str, ...]]:
    """For each text in someone's own words, the ESCO occupations (URIs, at most three, best first) its sentences
    mean, found by the occupation search (words and sentence embeddings) one sentence at a time."""
    sentences = [[x for x in map(_about_the_work, _SENTENCE.split(text or "")) if len(x) > 2][:10] for text in texts]
    distinct = sorted({x for group in sentences for x in group})
    best = {}
    if distinct:
        for sentence, hits in zip(distinct, default_search().search_many(distinct, top_k=1), strict=True):
            if hits and hits[0].score >= min_score:
                best[sentence] = (hits[0].score, hits[0].uri)
    out = []
    for group in sentences:
        found = sorted((best[x] for x in group if x in best), key=lambda hit: -hit[0])
        out.append(tuple(dict.fromkeys(uri for _, uri in found))[:OWN_WORDS_MAX])
    return out
