"""The one bridge between the web app and the matching engine.

ORM rows -> matching records -> scores with explanations -> stored Suggestions. Nothing else in werkstation
imports `matching` for scoring. Protected attributes never cross this bridge: records are built from an explicit
list of fields, and the fairness monitor's table is never read here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, delete, func, select

from matching import Candidate, Matcher
from matching import Vacancy as VacancyRecord
from matching.features import TRAVEL_MODES, travel_minutes
from matching.geo import PostcodeCentroids, haversine_km
from matching.live import LiveIndex

from .extensions import db
from .models import Jobseeker, MatchModel, Suggestion, Vacancy, utcnow
from .vocabulary import PLACED_STAGES, SEAT_STAGES, Answer, Decision, JobseekerStatus, Stage, VacancyStatus

SUGGESTIONS_PER_VACANCY = 50
SUGGESTIONS_PER_JOBSEEKER = 10
GOOD_FIT = 0.5
WALKING_MINUTES = 15


def _hours(row):
    hours = {}
    if row.hours_min is not None:
        hours["min"] = row.hours_min
    if row.hours_max is not None:
        hours["max"] = row.hours_max
    return hours


def candidate_record(jobseeker: Jobseeker) -> Candidate:
    """The matching record of a jobseeker: only what matching may use."""
    data = {
        "id": str(jobseeker.id),
        "occupations": list(jobseeker.occupations or []),
        "talents": list(jobseeker.talents or []),
        "about": jobseeker.about or "",
        "availability": dict(jobseeker.availability or {}),
        "languages": dict(jobseeker.languages or {}),
        "licences": list(jobseeker.licences or []),
        "certificates": list(jobseeker.certificates or []),
    }
    if jobseeker.postcode:
        data["postcode"] = jobseeker.postcode
    if _hours(jobseeker):
        data["hours_per_week"] = _hours(jobseeker)
    if jobseeker.max_travel_minutes is not None:
        data["max_travel_minutes"] = jobseeker.max_travel_minutes
    if jobseeker.travel_mode:
        data["travel_mode"] = jobseeker.travel_mode
    return Candidate.from_dict(data)


def vacancy_record(vacancy: Vacancy) -> VacancyRecord:
    """The matching record of a vacancy."""
    data = {
        "id": str(vacancy.id),
        "title": vacancy.title or "",
        "description": vacancy.description or "",
        "postcode": vacancy.postcode,
        "seats": max(1, vacancy.seats or 1),
        "hours_per_week": _hours(vacancy),
        "schedule": dict(vacancy.schedule or {}),
        "required_talents": list(vacancy.required_talents or []),
        "preferred_talents": list(vacancy.preferred_talents or []),
        "languages": dict(vacancy.languages or {}),
        "licences": list(vacancy.licences or []),
        "certificates": list(vacancy.certificates or []),
    }
    if vacancy.occupation_uri or vacancy.title:
        data["occupation"] = vacancy.occupation_uri or vacancy.title
    return VacancyRecord.from_dict(data)


def active_matcher() -> Matcher:
    """The active model: learned weights when staff accepted them, else the defaults."""
    resident = tuple(current_app.config.get("NEIGHBOURHOOD_PC4", ()))
    model = db.session.scalar(select(MatchModel).where(MatchModel.active).order_by(MatchModel.id.desc()))
    if model is not None:
        return Matcher.from_weights(model.weights, resident_pc4=resident or None)
    return Matcher(resident_pc4=resident or None)


MATCHABLE = (Jobseeker.status == JobseekerStatus.AVAILABLE, Jobseeker.consent_at.is_not(None), Jobseeker.erased_at.is_(None))


def matchable_jobseekers():
    """People who consented, are available and not erased."""
    return db.session.scalars(select(Jobseeker).where(*MATCHABLE).order_by(Jobseeker.id)).all()


def open_vacancies():
    return db.session.scalars(select(Vacancy).where(Vacancy.status == VacancyStatus.OPEN).order_by(Vacancy.id)).all()


# --- per-process live indexes: one side encoded once, then kept up to date row by row -------------------------
# Encoding every jobseeker costs a few hundred milliseconds per few thousand people; ranking one vacancy against
# the encoded side takes milliseconds. Each process keeps a LiveIndex per side: a cheap aggregate query (row count,
# sum of version counters, latest id and update) tells whether the side changed since the last look; if so, only
# rows whose (version, updated_at) differ are loaded and encoded into the overlay, and rows that left the side are
# masked. When the overlay grows past REBUILD_SHARE of the side, or the model or neighbourhood changes, the side is
# encoded anew.

REBUILD_SHARE = 0.2
REBUILD_MIN_ROWS = 200
SYNC_WINDOW = timedelta(minutes=5)  # rows committed later than this after they were changed are found by a full read


@dataclass(frozen=True)
class _SideSpec:
    """What differs between the two sides: which rows, how a row becomes a record, what is kept beside the index,
    how the side is encoded and how changed records enter its overlay."""

    name: str
    model: type
    conditions: tuple
    to_record: Callable
    describe: Callable  # row -> what callers look up by record id (postcode, vacancy id)
    encode: Callable  # (matcher, records) -> MatchIndex
    update: Callable  # (LiveIndex, records, removed ids) -> LiveIndex


@dataclass(frozen=True)
class _Side:
    key: tuple  # database, model version, neighbourhood: a change means a rebuild
    state: tuple  # the aggregate state the index reflects
    index: LiveIndex | None
    marks: dict  # row id -> (version, updated_at) as encoded
    info: dict  # record id -> what describe() keeps beside the index (postcode, vacancy id)


_SIDES: dict[str, _Side] = {}
_INDEX_LOCK = threading.Lock()


def _mark(row):
    """What tells that a row changed: its version counter and update time."""
    return row.version, row.updated_at


def _side_state(spec):
    model = spec.model
    row = db.session.execute(
        select(func.count(model.id), func.sum(model.version), func.max(model.id), func.max(model.updated_at)).where(
            *spec.conditions
        )
    ).one()
    return tuple(str(value) for value in row)


def _live_side(spec):
    """The LiveIndex over one side, brought up to date with the database; (None, {}) when the side is empty."""
    matcher = active_matcher()
    key = (str(db.engine.url), matcher.model_version, tuple(matcher.resident_pc4 or ()))
    state = _side_state(spec)
    with _INDEX_LOCK:
        side = _SIDES.get(spec.name)
        if side is None or side.key != key or side.index is None:
            side = _build_side(spec, key, state, matcher)
        elif side.state != state:
            side = _sync_side(spec, side, key, state, matcher)
        _SIDES[spec.name] = side
    return side.index, side.info


def _build_side(spec, key, state, matcher):
    # populate_existing: rows this session loaded earlier are read again, not taken as they were then
    rows = db.session.scalars(
        select(spec.model).where(*spec.conditions).order_by(spec.model.id).execution_options(populate_existing=True)
    ).all()
    index = LiveIndex(spec.encode(matcher, [spec.to_record(r) for r in rows])) if rows else None
    return _Side(key, state, index, {r.id: _mark(r) for r in rows}, {str(r.id): spec.describe(r) for r in rows})


def _recent_marks(spec, side, state):
    """The side's marks from the rows updated lately (since shortly before the newest row the index has seen), or
    None when they do not add up to the aggregate state (a long transaction, a deleted row): then read them all."""
    model = spec.model
    newest = max((m[1] for m in side.marks.values() if m[1] is not None), default=None)
    if newest is None:
        return None
    matchable = and_(*spec.conditions).label("matchable")
    recent = db.session.execute(
        select(model.id, model.version, model.updated_at, matchable).where(
            model.updated_at >= newest - SYNC_WINDOW
        )
    )
    marks = dict(side.marks)
    for row in recent:
        if row.matchable:
            marks[row.id] = _mark(row)
        else:
            marks.pop(row.id, None)
    if not marks:
        return None
    implied = (len(marks), sum(m[0] for m in marks.values()), max(marks), max(m[1] for m in marks.values()))
    return marks if tuple(str(value) for value in implied) == state else None


def _sync_side(spec, side, key, state, matcher):
    model = spec.model
    marks = _recent_marks(spec, side, state)
    if marks is None:
        marks = {row.id: _mark(row) for row in
                 db.session.execute(select(model.id, model.version, model.updated_at).where(*spec.conditions))}
    if not marks:
        return _Side(key, state, None, {}, {})
    changed = [rid for rid, mark in marks.items() if side.marks.get(rid) != mark]
    removed = [rid for rid in side.marks if rid not in marks]
    if side.index.overlay_size + len(changed) + len(removed) > max(REBUILD_MIN_ROWS, REBUILD_SHARE * len(marks)):
        return _build_side(spec, key, state, matcher)
    rows = db.session.scalars(
        select(model).where(model.id.in_(changed)).execution_options(populate_existing=True)
    ).all() if changed else []
    records = [spec.to_record(r) for r in rows]
    if not side.index.covers(records):  # e.g. the first person with a forklift certificate
        return _build_side(spec, key, state, matcher)
    gone = {str(rid) for rid in removed}
    info = {k: v for k, v in side.info.items() if k not in gone} | {str(r.id): spec.describe(r) for r in rows}
    new_marks = {rid: m for rid, m in side.marks.items() if rid in marks} | {r.id: _mark(r) for r in rows}
    return _Side(key, state, spec.update(side.index, records, gone), new_marks, info)


CANDIDATES = _SideSpec(
    "candidates", Jobseeker, MATCHABLE, candidate_record, lambda j: j.postcode,
    encode=lambda matcher, records: matcher.index(records, []),
    update=lambda index, records, gone: index.updated(candidates=records, removed_candidates=gone),
)
VACANCIES = _SideSpec(
    "vacancies", Vacancy, (Vacancy.status == VacancyStatus.OPEN,), vacancy_record, lambda v: v.id,
    encode=lambda matcher, records: matcher.index([], records),
    update=lambda index, records, gone: index.updated(vacancies=records, removed_vacancies=gone),
)


def candidate_index():
    """(LiveIndex over every matchable jobseeker, {jobseeker id: postcode}); (None, {}) when nobody is matchable."""
    return _live_side(CANDIDATES)


def vacancy_index():
    """(LiveIndex over every open vacancy, {record id: vacancy id}); (None, {}) when none is open."""
    return _live_side(VACANCIES)


def warm_indexes() -> None:
    """Encode both sides now (a new server process does this as it starts)."""
    candidate_index()
    vacancy_index()
    db.session.rollback()


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


def _store(matches, *, vacancy_ids=None, jobseeker_ids=None):
    """Upsert suggestions for `matches`; undecided suggestions in scope that dropped out are removed.

    Decided suggestions (staff shortlisted or rejected) are kept, with their score refreshed when re-ranked.
    """
    scope = select(Suggestion)
    if vacancy_ids is not None:
        scope = scope.where(Suggestion.vacancy_id.in_(vacancy_ids))
    if jobseeker_ids is not None:
        scope = scope.where(Suggestion.jobseeker_id.in_(jobseeker_ids))
    existing = {(s.vacancy_id, s.jobseeker_id): s for s in db.session.scalars(scope)}
    seen = set()
    now = utcnow()
    for match in matches:
        key = (int(match.vacancy_id), int(match.candidate_id))
        seen.add(key)
        suggestion = existing.get(key)
        in_scope = (vacancy_ids is None or key[0] in vacancy_ids) and (jobseeker_ids is None or key[1] in jobseeker_ids)
        if suggestion is None and not in_scope:
            suggestion = db.session.scalar(
                select(Suggestion).where(Suggestion.vacancy_id == key[0], Suggestion.jobseeker_id == key[1])
            )
        if suggestion is None:
            suggestion = Suggestion(vacancy_id=key[0], jobseeker_id=key[1], created_at=now)
            db.session.add(suggestion)
        suggestion.score = float(match.score)
        suggestion.eligible = bool(match.eligible)
        suggestion.explanation = explanation_json(match)
        suggestion.model_version = match.model_version
        suggestion.updated_at = now
    stale = [s.id for key, s in existing.items() if key not in seen and s.decision is None]
    if stale:
        db.session.execute(delete(Suggestion).where(Suggestion.id.in_(stale)))
    return len(seen)


def rescore_vacancy(vacancy: Vacancy) -> int:
    """Re-score one vacancy against every matchable jobseeker (caller commits)."""
    if vacancy.status != VacancyStatus.OPEN:
        db.session.execute(
            delete(Suggestion).where(Suggestion.vacancy_id == vacancy.id, Suggestion.decision.is_(None))
        )
        return 0
    db.session.flush()
    index, _postcodes = candidate_index()
    if index is None:
        return 0
    ranking = index.rank_vacancy(vacancy_record(vacancy), SUGGESTIONS_PER_VACANCY)
    return _store(ranking.matches, vacancy_ids=[vacancy.id])


def rescore_jobseeker(jobseeker: Jobseeker) -> int:
    """Re-score one jobseeker against every open vacancy (caller commits)."""
    if jobseeker.status != JobseekerStatus.AVAILABLE or jobseeker.consent_at is None or jobseeker.erased_at is not None:
        db.session.execute(
            delete(Suggestion).where(Suggestion.jobseeker_id == jobseeker.id, Suggestion.decision.is_(None))
        )
        return 0
    db.session.flush()
    index, _ids = vacancy_index()
    if index is None:
        return 0
    matches = index.rank_candidate(candidate_record(jobseeker), SUGGESTIONS_PER_JOBSEEKER)
    return _store(matches, jobseeker_ids=[jobseeker.id])


def rematch_all() -> int:
    """Re-score everything: the best candidates per open vacancy and the best vacancies per person."""
    people = matchable_jobseekers()
    vacancies = open_vacancies()
    db.session.execute(delete(Suggestion).where(Suggestion.decision.is_(None)))
    if not people or not vacancies:
        return 0
    index = active_matcher().index([candidate_record(j) for j in people], [vacancy_record(v) for v in vacancies])
    matches = {}
    for ranking in index.top_candidates(SUGGESTIONS_PER_VACANCY):
        for m in ranking.matches:
            matches[(m.vacancy_id, m.candidate_id)] = m
    for per_person in index.top_vacancies(SUGGESTIONS_PER_JOBSEEKER):
        for m in per_person:
            matches.setdefault((m.vacancy_id, m.candidate_id), m)
    return _store(matches.values())


@dataclass(frozen=True)
class FitCounts:
    """Anonymous counts for a business: never names, never profiles."""

    good: int
    residents: int
    walking: int


def fit_counts(vacancy: Vacancy) -> FitCounts:
    """How many neighbours fit this vacancy well, how many of them live in the district or within walking distance."""
    index, postcodes = candidate_index()
    if index is None:
        return FitCounts(0, 0, 0)
    good = [cid for cid, _score in index.eligible_at_least(vacancy_record(vacancy), GOOD_FIT)]
    neighbourhood = set(current_app.config.get("NEIGHBOURHOOD_PC4", ()))
    residents = sum(1 for cid in good if (postcodes[cid] or "")[:4] in neighbourhood)
    walking = 0
    for cid in good:
        minutes = walking_minutes(postcodes[cid], vacancy.postcode)
        walking += minutes is not None and minutes <= WALKING_MINUTES
    return FitCounts(len(good), residents, walking)


def walking_minutes(from_postcode, to_postcode):
    """Minutes on foot between two postcodes' PC4 centroids, as the engine explains travel; None if unknown."""
    centroids = PostcodeCentroids.load()
    a = centroids.centroid((from_postcode or "")[:4])
    b = centroids.centroid((to_postcode or "")[:4])
    if a is None or b is None:
        return None
    return float(travel_minutes(haversine_km(a[0], a[1], b[0], b[1]), TRAVEL_MODES.index("walk")))


def vacancies_for(jobseeker: Jobseeker, top_k: int = 10):
    """Open vacancies that fit this person well (eligible, score >= GOOD_FIT, best first): [(Vacancy, score)]."""
    index, ids = vacancy_index()
    if index is None:
        return []
    matches = [m for m in index.rank_candidate(candidate_record(jobseeker), top_k) if m.eligible and m.score >= GOOD_FIT]
    return [(db.session.get(Vacancy, ids[m.vacancy_id]), m.score) for m in matches]


# --- learning from staff decisions and placement outcomes -----------------------------------------------------


def training_examples():
    """(Jobseeker, Vacancy, label) for every staff decision and placement outcome; outcomes win over decisions.

    shortlist or placed = 1; reject or declined by the business or the jobseeker = 0. Erased people are left out.
    """
    from .models import Placement

    labels = {}
    rows = {}
    decided = db.session.scalars(select(Suggestion).where(Suggestion.decision.is_not(None)).order_by(Suggestion.id))
    for s in decided:
        labels[(s.vacancy_id, s.jobseeker_id)] = 1 if s.decision == Decision.SHORTLIST else 0
        rows[(s.vacancy_id, s.jobseeker_id)] = (s.jobseeker, s.vacancy)
    for p in db.session.scalars(select(Placement).order_by(Placement.id)):
        key = (p.vacancy_id, p.jobseeker_id)
        declined = Answer.DECLINED in (p.business_response, p.jobseeker_response)
        placed = p.stage in PLACED_STAGES or (p.stage == Stage.ENDED and p.trial_start is not None)
        if placed:
            labels[key] = 1
        elif declined:
            labels[key] = 0
        else:
            continue
        rows[key] = (p.jobseeker, p.vacancy)
    return [(rows[k][0], rows[k][1], label) for k, label in sorted(labels.items())
            if rows[k][0].erased_at is None]


@dataclass(frozen=True)
class LearnResult:
    """What `flask learn` reports: the cross-validation comparison and whether the learned model is now used."""

    report: dict
    used: bool
    model_version: str


def learn(random_state: int = 0) -> LearnResult:
    """Fit the scorer on decisions and outcomes; store and activate the learned weights only when they beat the
    model in use (the active learned model, else the default weights) on held-out decisions (caller commits)."""
    examples = training_examples()
    resident = tuple(current_app.config.get("NEIGHBOURHOOD_PC4", ())) or None
    active = db.session.scalar(select(MatchModel).where(MatchModel.active).order_by(MatchModel.id.desc()))
    current = active_matcher()
    matcher = Matcher(weights=active.weights["weights"] if active is not None else None, resident_pc4=resident,
                      random_state=random_state)
    if not examples:
        return LearnResult({"n_pairs": 0, "note": "no decisions yet", "used": "default",
                            "baseline": current.model_version}, False, current.model_version)
    people = {j.id: j for j, _, _ in examples}
    jobs = {v.id: v for _, v, _ in examples}
    matcher.fit(
        [candidate_record(j) for j in people.values()],
        [vacancy_record(v) for v in jobs.values()],
        [(str(j.id), str(v.id)) for j, v, _ in examples],
        [label for _, _, label in examples],
    )
    report = dict(matcher.cv_report_, baseline=current.model_version)  # "default_*" figures are of this model
    used = report.get("used") == "learned"
    if used:
        existing = db.session.scalar(select(MatchModel).where(MatchModel.version == matcher.model_version))
        for row in db.session.scalars(select(MatchModel).where(MatchModel.active)):
            row.active = False
        if existing is None:
            existing = MatchModel(version=matcher.model_version, weights=matcher.get_weights(), report=report)
            db.session.add(existing)
        existing.report = report
        existing.active = True
    return LearnResult(report, used, matcher.model_version)


# --- the neighbourhood plan ------------------------------------------------------------------------------------


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


def neighbourhood_plan() -> NeighbourhoodPlan:
    """Allocate matchable people over all open vacancies (each person at most one, each vacancy at most its seats)."""
    import dataclasses

    from matching import allocate

    from .models import Placement

    # Places already taken (running proposals and placements) are not offered again, nor are people who already
    # have a running proposal or placement.
    taken = {}
    busy = set()
    for p in db.session.scalars(select(Placement).where(Placement.stage.in_(SEAT_STAGES))):
        taken[p.vacancy_id] = taken.get(p.vacancy_id, 0) + 1
        if p.stage != Stage.COMPLETED:
            busy.add(p.jobseeker_id)
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


def suggestion_for(vacancy: Vacancy, jobseeker: Jobseeker) -> Suggestion:
    """The stored suggestion for this pair, scored now when it was not stored yet (caller commits)."""
    row = db.session.scalar(
        select(Suggestion).where(Suggestion.vacancy_id == vacancy.id, Suggestion.jobseeker_id == jobseeker.id)
    )
    if row is not None:
        return row
    match = active_matcher().explain(candidate_record(jobseeker), vacancy_record(vacancy))
    row = Suggestion(
        vacancy_id=vacancy.id, jobseeker_id=jobseeker.id, score=float(match.score), eligible=bool(match.eligible),
        explanation=explanation_json(match), model_version=match.model_version,
    )
    db.session.add(row)
    return row


def occupation_label(uri: str) -> str:
    """The Dutch name of an ESCO occupation (the URI itself when unknown)."""
    from matching import load_taxonomy

    occupation = load_taxonomy().occupation(uri) if uri else None
    return occupation.label if occupation is not None else (uri or "")
