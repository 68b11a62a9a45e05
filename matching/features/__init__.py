"""Pair features: one named comparison per aspect of a (candidate, vacancy) pair, vectorised over all pairs.

The staging follows the ``recordlinkage`` package: records are *encoded* once per side (occupations resolved,
texts analysed, postcodes turned into coordinates...), then every comparison works on whole arrays of pairs.
:class:`PairFeatures` composes the comparisons like scikit-learn's ``ColumnTransformer``.

One module per comparison (``occupation``, ``talents``, ``text``, ``hours``, ``schedule``, ``travel``,
``language``, ``credentials``, ``resident``), what they share in ``base``, their order in ``registry`` (a new
comparison is one new module plus one line there) and the composition in ``compose``.
"""

from __future__ import annotations

from .base import (
    PENALTY,
    UNKNOWN_VALUE,
    CandidateVector,
    Comparison,
    Encoded,
    LinearDense,
    PairValues,
    ProfileComparison,
    SparseBlock,
    VacancyProfiles,
    concat_pairs,
    factorise,
    subset_pairs,
)
from .compose import PairFeatures
from .credentials import Credentials
from .hours import Hours
from .language import Language
from .occupation import OccupationFit
from .registry import COMPARISONS, FEATURE_NAMES, comparison
from .resident import RESIDENT_PC4, Resident
from .schedule import Schedule, schedule_bits
from .talents import PreferredTalents, RequiredTalents, TalentCoverage
from .text import TextSimilarity
from .travel import (
    DEFAULT_MAX_TRAVEL_MINUTES,
    DEFAULT_TRAVEL_MODE,
    DETOUR_FACTOR,
    TRAVEL_MODES,
    TRAVEL_OVERHEAD_MINUTES,
    TRAVEL_SPEED_KMH,
    Travel,
    travel_minutes,
)

__all__ = [
    "COMPARISONS",
    "DEFAULT_MAX_TRAVEL_MINUTES",
    "DEFAULT_TRAVEL_MODE",
    "DETOUR_FACTOR",
    "FEATURE_NAMES",
    "PENALTY",
    "RESIDENT_PC4",
    "TRAVEL_MODES",
    "TRAVEL_OVERHEAD_MINUTES",
    "TRAVEL_SPEED_KMH",
    "UNKNOWN_VALUE",
    "CandidateVector",
    "Comparison",
    "Credentials",
    "Encoded",
    "Hours",
    "Language",
    "LinearDense",
    "OccupationFit",
    "PairFeatures",
    "PairValues",
    "PreferredTalents",
    "ProfileComparison",
    "RequiredTalents",
    "Resident",
    "Schedule",
    "SparseBlock",
    "TalentCoverage",
    "TextSimilarity",
    "Travel",
    "VacancyProfiles",
    "comparison",
    "concat_pairs",
    "factorise",
    "schedule_bits",
    "subset_pairs",
    "travel_minutes",
]
