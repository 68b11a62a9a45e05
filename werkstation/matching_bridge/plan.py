"""The neighbourhood plan: matchable people over the open places, next to greedy per-vacancy picks."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import select

from ..engine import allocate
from ..extensions import db
from ..models import Placement
from ..vocabulary import SEAT_STAGES, Stage
from .model import active_matcher
from .records import candidate_record, matchable_jobseekers, open_vacancies, vacancy_record


@dataclass(frozen=True)
class NeighbourhoodPlan:
    """The engine's plan next to greedy per-vacancy picks, with the rows it refers to."""

    assignments: list  # [(Vacancy, Jobseeker, score)]
    placed: int
    greedy_placed: int
    people: int
    vacancies: int
    seats: int

    @property
    def left_out(self):
        return self.people - self.placed

    @property
    def greedy_left_out(self):
        return self.people - self.greedy_placed


def _taken():
    """({vacancy id: places taken}, {people busy}): running proposals and placements hold a place; people with a
    proposal or kennismaking running are not offered again (people at work are not matchable unless they want more
    hours)."""
    taken, busy = {}, set()
    for p in db.session.scalars(select(Placement).where(Placement.stage.in_(SEAT_STAGES))):
        taken[p.vacancy_id] = taken.get(p.vacancy_id, 0) + 1
        if p.stage in (Stage.PROPOSED, Stage.INTRODUCTION):
            busy.add(p.jobseeker_id)
    return taken, busy


def neighbourhood_plan() -> NeighbourhoodPlan:
    """Allocate matchable people over all open vacancies (each person at most one, each vacancy at most its seats)."""
    taken, busy = _taken()
    people = [j for j in matchable_jobseekers() if j.id not in busy]
    free = {v.id: max(1, v.seats or 1) - taken.get(v.id, 0) for v in open_vacancies()}
    vacancies = [v for v in open_vacancies() if free[v.id] > 0]
    seats = sum(free[v.id] for v in vacancies)
    if not people or not vacancies:
        return NeighbourhoodPlan([], 0, 0, len(people), len(vacancies), seats)
    plan = allocate(
        [candidate_record(j) for j in people],
        [dataclasses.replace(vacancy_record(v), seats=free[v.id]) for v in vacancies],
        matcher=active_matcher(),
    )
    by_person = {str(j.id): j for j in people}
    by_job = {str(v.id): v for v in vacancies}
    assignments = [(by_job[v], by_person[c], s) for v, c, s in plan.assignments]
    return NeighbourhoodPlan(assignments, plan.placed, plan.greedy.placed, len(people), len(vacancies), seats)
