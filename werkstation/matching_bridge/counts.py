"""What the web pages show from the engine without storing it: anonymous fit counts for a business and the
vacancies that fit a person."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..engine import DEFAULT_TRAVEL_MODE, TRAVEL_MODES, PostcodeCentroids, haversine_km, travel_minutes
from ..extensions import db
from ..models import Jobseeker, Vacancy
from ..neighbourhood import lives_here
from .indexes import candidate_index, vacancy_index
from .records import candidate_record, vacancy_record

GOOD_FIT = 0.5
WALKING_MINUTES = 15


@dataclass(frozen=True)
class FitCounts:
    """Anonymous counts for a business: never names, never profiles."""

    good: int
    residents: int
    walking: int
    # Of the good ones, how many have every talent the business marked as important (None: it marked none). Those
    # talents add points but are no hard requirement, so someone may fit well without one: the page says how many.
    with_talents: int | None = None


def fit_counts(vacancy: Vacancy) -> FitCounts:
    """How many neighbours fit this vacancy well, how many of them live in the district or within walking distance."""
    index, postcodes = candidate_index()
    if index is None:
        return FitCounts(0, 0, 0)
    good = [cid for cid, _score in index.eligible_at_least(vacancy_record(vacancy), GOOD_FIT)]
    residents = sum(1 for cid in good if lives_here(postcodes[cid]))
    walking = 0
    for cid in good:
        minutes = walking_minutes(postcodes[cid], vacancy.postcode)
        walking += minutes is not None and minutes <= WALKING_MINUTES
    return FitCounts(len(good), residents, walking, _with_talents(good, vacancy.required_talents or []))


def _with_talents(ids, talents) -> int | None:
    """How many of these jobseekers (record ids) have every one of `talents`; None when no talent is asked."""
    if not talents:
        return None
    rows = db.session.scalars(select(Jobseeker.talents).where(Jobseeker.id.in_([int(i) for i in ids]))) if ids else []
    return sum(1 for have in rows if set(talents) <= set(have or []))


def walking_minutes(from_postcode, to_postcode):
    """Minutes on foot between two postcodes' PC4 centroids, as the engine explains travel; None if unknown."""
    return travel_time(from_postcode, to_postcode, "walk")


def travel_time(from_postcode, to_postcode, mode):
    """Minutes between two postcodes' PC4 centroids by this travel mode (None: the engine's default), the same figure
    the engine scores and staff read; None if a postcode is unknown."""
    centroids = PostcodeCentroids.load()
    a = centroids.centroid((from_postcode or "")[:4])
    b = centroids.centroid((to_postcode or "")[:4])
    if a is None or b is None:
        return None
    mode = mode if mode in TRAVEL_MODES else DEFAULT_TRAVEL_MODE
    return float(travel_minutes(haversine_km(a[0], a[1], b[0], b[1]), TRAVEL_MODES.index(mode)))


def vacancies_for(jobseeker: Jobseeker, top_k: int = 10):
    """Open vacancies that fit this person well (eligible, score >= GOOD_FIT, best first): [(Vacancy, score)]."""
    index, ids = vacancy_index()
    if index is None:
        return []
    matches = [m for m in index.rank_candidate(candidate_record(jobseeker), top_k) if m.eligible and m.score >= GOOD_FIT]
    return [(db.session.get(Vacancy, ids[m.vacancy_id]), m.score) for m in matches]
