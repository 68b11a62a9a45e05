"""The comparisons, in the order of the feature vector (and of the weights and explanations).

A new comparison is one new module in this package (a :class:`~matching.features.base.Comparison` subclass with
its name, label, default weight and what its outcomes mean) plus its line here; everything else (the feature
names, the default weights, the labels and "missing" outcomes the web app shows) is read from this tuple.
"""

from __future__ import annotations

from .base import Comparison
from .credentials import Credentials
from .hours import Hours
from .language import Language
from .occupation import OccupationFit
from .resident import Resident
from .schedule import Schedule
from .talents import PreferredTalents, RequiredTalents
from .text import TextSimilarity
from .travel import Travel

__all__ = ["COMPARISONS", "FEATURE_NAMES", "comparison"]

COMPARISONS: tuple[type[Comparison], ...] = (
    OccupationFit,
    RequiredTalents,
    PreferredTalents,
    TextSimilarity,
    Hours,
    Schedule,
    Travel,
    Language,
    Credentials,
    Resident,
)

#: The feature names, in the order of the feature vector.
FEATURE_NAMES: tuple[str, ...] = tuple(kind.name for kind in COMPARISONS)

_BY_NAME = {kind.name: kind for kind in COMPARISONS}


def comparison(name: str) -> type[Comparison]:
    """The registered comparison class with this feature name (KeyError when none)."""
    return _BY_NAME[name]
