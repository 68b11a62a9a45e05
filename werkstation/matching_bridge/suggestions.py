"""Stored suggestions: score a saved vacancy or profile against the other side and keep the best pairs.

`rescore(row)` is the one function for both sides: a vacancy is ranked against every matchable jobseeker, a
jobseeker against every open vacancy. Decided suggestions (shortlisted or rejected by staff) are never removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, or_, select

from ..extensions import db
from ..models import Jobseeker, Suggestion, Vacancy, utcnow
from ..vocabulary import Interest
from .indexes import CANDIDATES, VACANCIES, SideSpec, index_cache
from .model import active_matcher
from .records import candidate_record, matchable_jobseekers, open_vacancies, vacancy_record

SUGGESTIONS_PER_VACANCY = 50
SUGGESTIONS_PER_JOBSEEKER = 10
#: A vacancy is ranked this many times deeper than what is kept, so related people below a crowd of unrelated
#: ones with better hours and travel are still found and kept first.
RELATED_DEPTH = 3

# Related work: an occupation that fits (done, wanted or told in own words); or a talent the vacancy asks; or a
# vacancy that names neither an occupation nor talents (then nothing can be related).
RELATED_OCCUPATION = frozenset({"occupation.same", "occupation.related", "occupation.unit_group",
                                "occupation.minor_group"})
TALENT_HELD = frozenset({"talents.required.all", "talents.required.partial", "talents.preferred.all",
                         "talents.preferred.partial"})
NOTHING_ASKED = frozenset({"occupation.no_requirement", "talents.required.no_requirement",
                           "talents.preferred.no_requirement"})


def is_related(match) -> bool:
    """Whether a match shows related work or an asked talent (see RELATED_OCCUPATION, TALENT_HELD)."""
    codes = {c.code for c in match.explanation}
    return bool(codes & (RELATED_OCCUPATION | TALENT_HELD)) or NOTHING_ASKED <= codes


def related_first(matches, keep: int) -> list:
    """The `keep` best matches: eligible first, then related work or an asked talent, then by score (stable)."""
    ordered = sorted(matches, key=lambda m: (not m.eligible, not is_related(m)))
    return ordered[:keep]


@dataclass(frozen=True)
class Rescoring:
    """How a saved row of one side is ranked against the other side's index."""

    column: object  # the Suggestion column holding the row's id
    against: SideSpec  # the other side
    rank: Callable  # (LiveIndex of the other side, the row) -> matches


RESCORING = {
    Vacancy: Rescoring(
        Suggestion.vacancy_id, CANDIDATES,
        lambda index, vacancy: related_first(
            index.rank_vacancy(vacancy_record(vacancy), SUGGESTIONS_PER_VACANCY * RELATED_DEPTH).matches,
            SUGGESTIONS_PER_VACANCY),
    ),
    Jobseeker: Rescoring(
        Suggestion.jobseeker_id, VACANCIES,
        lambda index, person: index.rank_candidate(candidate_record(person), SUGGESTIONS_PER_JOBSEEKER),
    ),
}


def explanation_json(match) -> dict:
    """What we store with a suggestion: the parts add up to the score."""
    return {
        "score": match.score,
        "eligible": match.eligible,
        "reasons": list(match.reasons),
        "parts": [
            {"feature": c.feature, "contribution": c.contribution, "detail": c.detail, "code": c.code, "params": c.params}
            for c in match.explanation
        ],
    }


def _fill(suggestion, match, now):
    suggestion.score = float(match.score)
    suggestion.eligible = bool(match.eligible)
    suggestion.related = is_related(match)
    suggestion.explanation = explanation_json(match)
    suggestion.model_version = match.model_version
    suggestion.updated_at = now


def store(matches, scope=None) -> int:
    """Upsert suggestions for `matches`; undecided suggestions in `scope` (a condition on Suggestion, everything
    when None) that dropped out are removed. Every match lies in the scope. Returns how many pairs were stored.

    Decided suggestions (staff shortlisted or rejected) are kept, with their score refreshed when re-ranked.
    """
    query = select(Suggestion) if scope is None else select(Suggestion).where(scope)
    existing = {(s.vacancy_id, s.jobseeker_id): s for s in db.session.scalars(query)}
    seen = set()
    now = utcnow()
    for match in matches:
        key = (int(match.vacancy_id), int(match.candidate_id))
        seen.add(key)
        suggestion = existing.get(key)
        if suggestion is None:
            suggestion = Suggestion(vacancy_id=key[0], jobseeker_id=key[1], created_at=now)
            db.session.add(suggestion)
        _fill(suggestion, match, now)
    stale = [s.id for key, s in existing.items() if key not in seen and s.decision is None and s.interest is None]
    if stale:
        db.session.execute(delete(Suggestion).where(Suggestion.id.in_(stale)))
    return len(seen)


def rescore(row: Vacancy | Jobseeker) -> int:
    """Re-score one vacancy against every matchable jobseeker, or one jobseeker against every open vacancy; a row
    that left its side (closed, paused, erased) loses its undecided suggestions, except a resident's "Niet voor mij"
    (a pause or a trial does not undo it). Caller commits."""
    rescoring = RESCORING[type(row)]
    if not row.matchable:
        db.session.execute(delete(Suggestion).where(
            rescoring.column == row.id, Suggestion.undecided,
            or_(Suggestion.interest.is_(None), Suggestion.interest != Interest.NO)))
        return 0
    db.session.flush()
    index, _info = index_cache().get(rescoring.against)
    if index is None:
        return 0
    return store(rescoring.rank(index, row), rescoring.column == row.id)


def rematch_all() -> int:
    """Re-score everything: the best candidates per open vacancy and the best vacancies per person."""
    people = matchable_jobseekers()
    vacancies = open_vacancies()
    # What residents said stays, as with rescore(): "Niet voor mij" always, "Ik heb interesse" while both sides
    # are still matchable (store() below drops the other undecided suggestions that left the lists).
    left = or_(Suggestion.jobseeker_id.not_in(select(Jobseeker.id).where(Jobseeker.matchable)),
               Suggestion.vacancy_id.not_in(select(Vacancy.id).where(Vacancy.matchable)))
    db.session.execute(delete(Suggestion).where(
        Suggestion.undecided, or_(Suggestion.interest.is_(None), and_(Suggestion.interest != Interest.NO, left))))
    if not people or not vacancies:
        return 0
    index = active_matcher().index([candidate_record(j) for j in people], [vacancy_record(v) for v in vacancies])
    matches = {}
    for ranking in index.top_candidates(SUGGESTIONS_PER_VACANCY * RELATED_DEPTH):
        for m in related_first(ranking.matches, SUGGESTIONS_PER_VACANCY):
            matches[(m.vacancy_id, m.candidate_id)] = m
    for per_person in index.top_vacancies(SUGGESTIONS_PER_JOBSEEKER):
        for m in per_person:
            matches.setdefault((m.vacancy_id, m.candidate_id), m)
    return store(matches.values())


def unreviewed_count() -> int:
    """How many suggestions for open vacancies wait for a staff member's decision."""
    return db.session.scalar(
        select(func.count()).select_from(Suggestion).join(Vacancy).where(Suggestion.unreviewed, Vacancy.matchable)
    )


def suggestion_for(vacancy: Vacancy, jobseeker: Jobseeker) -> Suggestion:
    """The stored suggestion for this pair, scored now when it was not stored yet (caller commits)."""
    row = db.session.scalar(
        select(Suggestion).where(Suggestion.vacancy_id == vacancy.id, Suggestion.jobseeker_id == jobseeker.id)
    )
    if row is not None:
        return row
    row = Suggestion(vacancy_id=vacancy.id, jobseeker_id=jobseeker.id, created_at=utcnow())
    _fill(row, active_matcher().explain(candidate_record(jobseeker), vacancy_record(vacancy)), row.created_at)
    db.session.add(row)
    return row
