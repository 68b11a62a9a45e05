"""The bridge between the web app and the matching engine: ORM rows -> matching records -> stored suggestions.
What it takes from the engine comes through `werkstation/engine.py`, the one module that imports `matching`.

    records.py      rows -> matching records; who is matchable
    model.py        the scoring model in use (the one query for the active model)
    indexes.py      per-app cache of the encoded sides, kept up to date row by row (IndexCache)
    suggestions.py  rescore(row) for a saved vacancy or profile, rematch_all(), stored explanations
    counts.py       anonymous fit counts for a business, fitting vacancies for a person
    learning.py     fitting weights on staff decisions and outcomes (and, lighter, residents' own interest)
    plan.py         the neighbourhood plan

Protected attributes never cross this bridge: records are built from an explicit list of fields, and the fairness
monitor's table is never read here.
"""

from .counts import GOOD_FIT, FitCounts, fit_counts, travel_time, vacancies_for, walking_minutes
from .indexes import IndexCache, candidate_index, index_cache, init_app, vacancy_index, warm_indexes
from .learning import INTEREST_WEIGHT, LearnResult, adopt, interest_examples, learn, training_examples
from .model import active_matcher, active_model
from .plan import NeighbourhoodPlan, neighbourhood_plan
from .records import (
    candidate_record,
    hours_at_work,
    hours_left,
    looks_for_more_hours,
    matchable_jobseekers,
    open_vacancies,
    vacancy_record,
)
from .suggestions import explanation_json, rematch_all, rescore, suggestion_for, unreviewed_count

__all__ = [
    "GOOD_FIT",
    "INTEREST_WEIGHT",
    "FitCounts",
    "IndexCache",
    "LearnResult",
    "NeighbourhoodPlan",
    "active_matcher",
    "active_model",
    "adopt",
    "candidate_index",
    "candidate_record",
    "explanation_json",
    "fit_counts",
    "hours_at_work",
    "hours_left",
    "index_cache",
    "init_app",
    "interest_examples",
    "learn",
    "looks_for_more_hours",
    "matchable_jobseekers",
    "neighbourhood_plan",
    "open_vacancies",
    "rematch_all",
    "rescore",
    "suggestion_for",
    "training_examples",
    "unreviewed_count",
    "vacancies_for",
    "vacancy_index",
    "vacancy_record",
    "travel_time",
    "walking_minutes",
    "warm_indexes",
]
