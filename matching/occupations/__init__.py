"""Free-text Dutch job titles -> ranked ESCO occupations (see ``search.py`` for how a title is understood)."""

from __future__ import annotations

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
