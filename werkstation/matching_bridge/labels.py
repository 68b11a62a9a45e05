"""Names from the engine's taxonomy and occupation search, for pages and forms."""

from __future__ import annotations

from ..engine import default_search, load_taxonomy

QUERY_MAX = 120


def taxonomy():
    """The ESCO taxonomy the engine uses (loaded once)."""
    return load_taxonomy()


def occupation_label(uri: str) -> str:
    """The Dutch ESCO name of an occupation (the URI itself when unknown)."""
    occupation = taxonomy().occupation(uri) if uri else None
    return occupation.label if occupation is not None else (uri or "")


def known_occupation(uri) -> bool:
    """Whether `uri` is a real ESCO occupation."""
    return bool(uri) and taxonomy().occupation(uri) is not None


def known_talent(label) -> bool:
    """Whether `label` is an ESCO talent the engine knows."""
    return bool(label) and taxonomy().talent_by_label(label) is not None


def search_occupations(query, top_k=8):
    """[(uri, ESCO label)] for a typed job title, best first."""
    query = (query or "").strip()[:QUERY_MAX]
    if len(query) < 2:
        return []
    return [(hit.uri, hit.label) for hit in default_search().search(query, top_k=top_k)]


def resolve_occupation(text, min_score=0.5):
    """The ESCO URI for a typed title, or None when nothing fits well enough."""
    text = (text or "").strip()
    if not text:
        return None
    hits = default_search().search(text[:QUERY_MAX], top_k=1)
    return hits[0].uri if hits and hits[0].score >= min_score else None
