"""Werkstation's matching engine: Dutch occupation understanding, explained scores, ranking and a
neighbourhood-wide placement plan. Plain Python + numpy/scipy/scikit-learn; never imports Flask or SQLAlchemy.

    from matching import Matcher, load_candidates, load_vacancies, allocate
    rankings = Matcher().rank(load_candidates("c.jsonl"), load_vacancies("v.jsonl"), top_k=10)

Importing this package loads nothing heavy: names are resolved on first use, and the taxonomy and search index
load when first needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "COMPARISONS",
    "DEFAULT_WEIGHTS",
    "FEATURE_NAMES",
    "RESIDENT_PC4",
    "Candidate",
    "Contribution",
    "Match",
    "MatchIndex",
    "Matcher",
    "OccupationHit",
    "OccupationSearch",
    "PairFeatures",
    "Plan",
    "RecordError",
    "Vacancy",
    "VacancyRanking",
    "allocate",
    "default_search",
    "load_candidates",
    "load_taxonomy",
    "load_vacancies",
]

_LOCATIONS = {
    "Candidate": "records",
    "Vacancy": "records",
    "RecordError": "records",
    "load_candidates": "records",
    "load_vacancies": "records",
    "Matcher": "scorer",
    "Match": "results",
    "Contribution": "results",
    "VacancyRanking": "results",
    "DEFAULT_WEIGHTS": "scorer",
    "MatchIndex": "ranking",
    "PairFeatures": "features",
    "COMPARISONS": "features",
    "FEATURE_NAMES": "features",
    "RESIDENT_PC4": "features",
    "allocate": "allocation",
    "Plan": "allocation",
    "OccupationSearch": "occupations",
    "OccupationHit": "occupations",
    "default_search": "occupations",
    "load_taxonomy": "taxonomy",
}


def __getattr__(name: str) -> Any:
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'matching' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover
    from .allocation import Plan, allocate
    from .features import COMPARISONS, FEATURE_NAMES, RESIDENT_PC4, PairFeatures
    from .occupations import OccupationHit, OccupationSearch, default_search
    from .ranking import MatchIndex
    from .records import Candidate, RecordError, Vacancy, load_candidates, load_vacancies
    from .results import Contribution, Match, VacancyRanking
    from .scorer import DEFAULT_WEIGHTS, Matcher
    from .taxonomy import load_taxonomy
