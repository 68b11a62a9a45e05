"""Demo history for the staff workspace: decisions, placements in every stage with their history and follow-ups,
and voluntary self-descriptions, so the queues, pipeline, impact and fairness pages have something to show.

Deterministic for a seed; dates are relative to today so the dashboards always look current.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy import select

from .. import matching_bridge
from ..extensions import db
from ..models import Business, FairnessSelfDescription, Jobseeker, Suggestion, User, Vacancy, utcnow
from ..placements import pipeline
from ..vocabulary import Decision, EmployerOfRecord, Role, Stage, VacancyStatus

# (target stage, how many); the timeline stops earlier when it would run past today.
# Besides the stages: a proposal one side says no to, and a placement ended after the trial.
TARGETS = [(Stage.PROPOSED, 3), (Stage.INTRODUCTION, 3), (Stage.TRIAL, 5), (Stage.EMPLOYED, 14), (Stage.COMPLETED, 4),
           ("declined_business", 3), ("declined_jobseeker", 3), ("ended", 3)]
LONG_TARGETS = (Stage.EMPLOYED, Stage.COMPLETED, "ended")


def _at(day, hour=10):
    return datetime.combine(day, time(hour, 0))


def seed_history(rng_seed=2026):
    """Rematch everything, then add decisions, placements and self-descriptions. Returns counts."""
    rng = random.Random(rng_seed + 1)  # noqa: S311 (deterministic demo data, not security)
    now = utcnow()
    today = now.date()
    matching_bridge.rematch_all()
    db.session.commit()
    staff = db.session.scalar(select(User).where(User.email == "medewerker@werkstation-demo.nl"))
    business_users = {u.business_id: u for u in db.session.scalars(select(User).where(User.role == Role.BUSINESS))}

    rows = db.session.scalars(
        select(Suggestion).join(Vacancy).where(Suggestion.eligible, Vacancy.status == VacancyStatus.OPEN)
        .order_by(Suggestion.vacancy_id, Suggestion.score.desc(), Suggestion.jobseeker_id)
    ).all()
    by_vacancy = {}
    for row in rows:
        by_vacancy.setdefault(row.vacancy_id, []).append(row)

    # Top three suggestions of most open vacancies get a decision; some shortlisted ones become placements.
    picked = []
    for vacancy_id in sorted(by_vacancy)[:48]:
        for rank, row in enumerate(by_vacancy[vacancy_id][:3]):
            picked.append((row, rank == 0 or (rank == 1 and rng.random() < 0.5)))
    plan = [stage for stage, n in TARGETS for _ in range(n)]
    rng.shuffle(plan)
    long_runs = [t for t in plan if t in LONG_TARGETS]
    short_runs = [t for t in plan if t not in LONG_TARGETS]
    target_of, start_of, used_people = {}, {}, set()
    for row, good in picked:
        if not good or row.jobseeker_id in used_people:
            continue
        early = row.jobseeker.created_at < now - timedelta(days=120)
        queue = long_runs if early and long_runs else short_runs
        if not queue:
            continue
        target = queue.pop()
        if target in LONG_TARGETS:
            begin = row.jobseeker.created_at + timedelta(days=rng.randint(7, 40))
            begin = min(begin, now - timedelta(days=rng.randint(80, 100)))
        else:
            begin = max(now - timedelta(days=rng.randint(3, 50)), row.jobseeker.created_at + timedelta(days=2))
        target_of[row.id], start_of[row.id] = target, begin
        used_people.add(row.jobseeker_id)

    decisions = 0
    for row, good in picked:
        when = start_of[row.id] - timedelta(days=rng.randint(1, 3)) if row.id in start_of else \
            max(now - timedelta(days=rng.randint(5, 230), hours=rng.randint(0, 8)),
                row.jobseeker.created_at + timedelta(days=1))
        if good:
            pipeline.decide(row, Decision.SHORTLIST, rng.choice(["good_fit", "good_fit", "talents", "neighbour"]), "",
                            staff, at=when)
        else:
            pipeline.decide(row, Decision.REJECT, rng.choice(["hours", "travel", "work", "language", "not_available"]),
                            "", staff, at=when)
        decisions += 1
    db.session.flush()

    placements = 0
    for row in sorted((r for r, _ in picked if r.id in target_of), key=lambda r: (start_of[r.id], r.id)):
        placements += _play(row, target_of[row.id], start_of[row.id], staff, business_users, rng, today)

    # The demo logins get something to answer: Amina a proposal, the bakery a proposal.
    amina = db.session.scalar(select(Jobseeker).join(User, Jobseeker.user_id == User.id)
                              .where(User.email == "amina@werkstation-demo.nl"))
    bakery = db.session.scalar(select(Business).join(User).where(User.email == "bakkerij@werkstation-demo.nl"))
    for row in _first_for(amina, bakery):
        if row.decision is None:
            pipeline.decide(row, Decision.SHORTLIST, "good_fit", "", staff, at=now - timedelta(days=2))
        placements += _play(row, Stage.PROPOSED, now - timedelta(days=2), staff, business_users, rng, today,
                            jobseeker_says_yes=row.vacancy.business_id == (bakery.id if bakery else None))

    described = 0
    for person in db.session.scalars(select(Jobseeker).order_by(Jobseeker.id)):
        if rng.random() < 0.6:
            db.session.add(FairnessSelfDescription(
                jobseeker_id=person.id,
                gender=rng.choices(["vrouw", "man", "anders", "liever_niet"], [46, 44, 2, 8])[0],
                age_band=rng.choices(["tot_27", "27_44", "45_54", "55_plus", "liever_niet"], [20, 40, 20, 12, 8])[0],
                migration_background=rng.choices(["ja", "nee", "liever_niet"], [55, 35, 10])[0],
                disability=rng.choices(["ja", "nee", "liever_niet"], [12, 73, 15])[0],
            ))
            described += 1
    db.session.commit()
    return {"decisions": decisions, "placements": placements, "self_descriptions": described}


def _first_for(amina, bakery):
    rows = []
    if amina is not None:
        row = db.session.scalar(select(Suggestion).where(Suggestion.jobseeker_id == amina.id, Suggestion.eligible)
                                .order_by(Suggestion.score.desc()))
        if row is not None:
            rows.append(row)
    if bakery is not None:
        row = db.session.scalar(
            select(Suggestion).join(Vacancy)
            .where(Vacancy.business_id == bakery.id, Vacancy.status == VacancyStatus.OPEN, Suggestion.eligible,
                   Suggestion.undecided)
            .order_by(Suggestion.score.desc(), Suggestion.id)
        )
        if row is not None and (amina is None or row.jobseeker_id != amina.id):
            rows.append(row)
    return rows


def _play(row, target, start, staff, business_users, rng, today, jobseeker_says_yes=False):
    """Propose and move one placement along the pipeline with realistic dates; 1 when it was created."""
    try:
        placement = pipeline.propose(row, staff, at=start)
    except pipeline.RuleError:
        return 0
    business_user = business_users.get(row.vacancy.business_id)
    person_user = row.jobseeker.user
    if target == Stage.PROPOSED:
        if jobseeker_says_yes:
            pipeline.respond(placement, Role.JOBSEEKER, True, "", person_user, at=start + timedelta(hours=20))
        return 1
    day = start + timedelta(days=rng.randint(1, 4))
    if target == "declined_business":
        pipeline.respond(placement, Role.BUSINESS, False, rng.choice(
            ["We zoeken iemand met meer ervaring.", "De uren passen toch niet bij ons rooster."]), business_user, at=day)
        return 1
    pipeline.respond(placement, Role.BUSINESS, True, "", business_user, at=day)
    day += timedelta(days=rng.randint(0, 3))
    if target == "declined_jobseeker":
        pipeline.respond(placement, Role.JOBSEEKER, False, rng.choice(
            ["Ik heb al ander werk gevonden.", "De reistijd is te lang voor mij."]), person_user, at=day)
        return 1
    pipeline.respond(placement, Role.JOBSEEKER, True, "", person_user, at=day)
    day += timedelta(days=rng.randint(3, 8))
    if day.date() > today:
        return 1
    pipeline.move(placement, Stage.INTRODUCTION, staff, at=day, note="Kennismaking op de werkplek.")
    if target == Stage.INTRODUCTION:
        return 1
    trial_start = (day + timedelta(days=rng.randint(5, 10))).date()
    trial_end = trial_start + timedelta(days=rng.choice([28, 42, 56]))
    if trial_start > today:
        return 1
    pipeline.move(placement, Stage.TRIAL, staff, trial_start=trial_start, trial_end=trial_end,
                  at=_at(trial_start - timedelta(days=2)))
    _follow_ups(placement, today, rng, staff)
    if target == Stage.TRIAL or trial_end >= today:
        return 1
    if target == "ended":
        pipeline.move(placement, Stage.ENDED, staff, reason=rng.choice(["no_fit", "personal"]),
                      note="Na de proefplaatsing gestopt.", at=_at(trial_end))
        return 1
    employer = rng.choice(list(EmployerOfRecord))
    pipeline.move(placement, Stage.EMPLOYED, staff, employer_of_record=employer, employed_since=trial_end + timedelta(days=1),
                  hours_per_week=placement.vacancy.hours_min, at=_at(trial_end))
    placement.instruments = rng.sample(["proefplaatsing", "no_riskpolis", "loonkostenvoordeel", "jobcoach",
                                        "werkgeverscheque_utrecht"], rng.randint(1, 3))
    _follow_ups(placement, today, rng, staff)
    if target == Stage.COMPLETED and placement.trial_start + timedelta(days=180) < today:
        pipeline.move(placement, Stage.COMPLETED, staff, at=_at(placement.trial_start + timedelta(days=181)),
                      note="Vast contract bij het bedrijf.")
    return 1


def _follow_ups(placement, today, rng, staff):
    """Most follow-ups due over a month ago were done; newer (and a few forgotten) ones wait on the dashboard."""
    for follow_up in placement.follow_ups:
        if follow_up.done_at is None and follow_up.due_on + timedelta(days=30) < today and rng.random() < 0.85:
            pipeline.record_follow_up(follow_up, rng.random() < 0.9, "Gaat goed, blij met het werk.", staff,
                                      at=_at(follow_up.due_on + timedelta(days=rng.randint(0, 6)), 14))
