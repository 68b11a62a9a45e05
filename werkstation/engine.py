"""Everything the web app takes from the matching engine (`matching/`), imported here and nowhere else.

The engine never imports the web side; the web side reaches it only through this module, so this list is the whole
contract between the two. `werkstation/matching_bridge/` turns rows into the engine's records and stores its scores.
"""

from matching import COMPARISONS, Candidate, Matcher, allocate, default_search, load_taxonomy
from matching import Vacancy as VacancyRecord
from matching.features import DEFAULT_TRAVEL_MODE, TRAVEL_MODES, travel_minutes
from matching.geo import PostcodeCentroids, haversine_km
from matching.languages import LANGUAGE_NAMES, language_gaps, language_name
from matching.live import LiveIndex
from matching.occupations import occupations_in_own_words
from matching.record_fields import CEFR_LEVELS
from matching.records import normalise_postcode

__all__ = [
    "DEFAULT_TRAVEL_MODE",
    "CEFR_LEVELS",
    "COMPARISONS",
    "LANGUAGE_NAMES",
    "TRAVEL_MODES",
    "Candidate",
    "LiveIndex",
    "Matcher",
    "PostcodeCentroids",
    "VacancyRecord",
    "allocate",
    "default_search",
    "haversine_km",
    "language_gaps",
    "language_name",
    "load_taxonomy",
    "normalise_postcode",
    "occupations_in_own_words",
    "travel_minutes",
]
