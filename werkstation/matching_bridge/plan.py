"""The neighbourhood plan: matchable people over the open places, next to greedy per-vacancy picks.

Pairs staff rejected never enter it, nor pairs the resident marked "Niet voor mij" (unless staff put them on the
shortlist after seeing why); people at work (unless they want more hours), people with a proposal
running and vacancies without a free place are left out; shortlisted pairs are kept when that is as good as
anything else. The plan and the greedy picks it is compared with are computed on the same pairs."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from sqlalchemy import select

from ..engine import allocate
from ..extensions import db
from ..models import Placement, Suggestion
from ..vocabulary import PROPOSAL_STAGES, SEAT_STAGES, Decision, Interest
from .model import active_matcher
from .records import candidate_record, matchable_jobseekers, open_vacancies, vacancy_record


@dataclass(frozen=True)
class NeighbourhoodPlan:
    """The engine's plan next to greedy per-vacancy picks, with the rows it refers to, and how it compares with
    the decisions staff made already."""

    assignments: list  # [(Vacancy, Jobseeker, score)]
    placed: int
    greedy_placed: int
    people: int
    vacancies: int
    seats: int
    shortlisted: dict = field(default_factory=dict)  # {(vacancy id, jobseeker id): (Vacancy, Jobseeker)}
    suggestion_ids: dict = field(default_factory=dict)  # {(vacancy id, jobseeker id): suggestion id}

    @property
    def left_out(self):
        return self.people - self.placed

    @property
    def greedy_left_out(self):
        return self.people - self.greedy_placed

    @property
    def new(self):
        """Assignments that are not on the shortlist yet: what accepting the plan would add."""
        return [a for a in self.assignments if (a[0].id, a[1].id) not in self.shortlisted]

    @property
    def kept(self):
        """Assignments already on the shortlist: they stay as they are."""
        return [a for a in self.assignments if (a[0].id, a[1].id) in self.shortlisted]

    @property
    def not_in_plan(self):
        """Shortlisted pairs (of people and vacancies in the plan) the plan would pair differently."""
        planned = {(v.id, j.id) for v, j, _s in self.assignments}
        return [pair for key, pair in self.shortlisted.items() if key not in planned]


def _taken():
    """({vacancy id: places taken}, {people busy}): running proposals and placements hold a place; people with a
    proposal or kennismaking running are not offered again (people at work are not matchable unless they want more
    hours)."""
    taken, busy = {}, set()
    for p in db.session.scalars(select(Placement).where(Placement.stage.in_(SEAT_STAGES))):
        taken[p.vacancy_id] = taken.get(p.vacancy_id, 0) + 1
        if p.stage in PROPOSAL_STAGES:
            busy.add(p.jobseeker_id)
    return taken, busy


def _decisions(people, vacancies):
    """({pair: decision}, {pair: suggestion id}, {pairs the resident said "Niet voor mij" to}) of the stored
    suggestions between these people and vacancies."""
    rows = db.session.execute(
        select(Suggestion.vacancy_id, Suggestion.jobseeker_id, Suggestion.decision, Suggestion.id,
               Suggestion.interest)
        .where(Suggestion.vacancy_id.in_([v.id for v in vacancies]),
               Suggestion.jobseeker_id.in_([j.id for j in people]))
    ).all()
    said_no = {(r[0], r[1]) for r in rows if r[4] == Interest.NO}
    return {(r[0], r[1]): r[2] for r in rows if r[2]}, {(r[0], r[1]): r[3] for r in rows}, said_no


def neighbourhood_plan() -> NeighbourhoodPlan:
    """Allocate matchable people over all open vacancies (each person at most one, each vacancy at most its free
    places), never over a rejected pair."""
    taken, busy = _taken()
    people = [j for j in matchable_jobseekers() if j.id not in busy]
    free = {v.id: max(1, v.seats or 1) - taken.get(v.id, 0) for v in open_vacancies()}
    vacancies = [v for v in open_vacancies() if free[v.id] > 0]
    seats = sum(free[v.id] for v in vacancies)
    if not people or not vacancies:
        return NeighbourhoodPlan([], 0, 0, len(people), len(vacancies), seats)
    decisions, suggestion_ids, said_no = _decisions(people, vacancies)
    by_person = {j.id: j for j in people}
    by_job = {v.id: v for v in vacancies}
    rejected = [(str(v), str(j)) for (v, j), d in decisions.items() if d == Decision.REJECT]
    rejected += [(str(v), str(j)) for v, j in said_no if decisions.get((v, j)) is None]
    shortlisted = {(v, j): (by_job[v], by_person[j]) for (v, j), d in decisions.items() if d == Decision.SHORTLIST}
    plan = allocate(
        [candidate_record(j) for j in people],
        [dataclasses.replace(vacancy_record(v), seats=free[v.id]) for v in vacancies],
        matcher=active_matcher(), exclude=rejected, keep=[(str(v), str(j)) for v, j in shortlisted],
    )
    assignments = [(by_job[int(v)], by_person[int(c)], s) for v, c, s in plan.assignments]
    return NeighbourhoodPlan(assignments, plan.placed, plan.greedy.placed, len(people), len(vacancies), seats,
                             shortlisted, suggestion_ids)
