"""Learning from staff decisions and placement outcomes: new weights are used only when they beat the model in use
beyond noise (the lower end of the bootstrap interval of the AUC improvement above zero), or when an administrator
chooses them explicitly (`adopt`).

A resident's own answer on a fitting vacancy ("Ik heb interesse" = 1, "Niet voor mij" = 0) is learned from too, with
a lower weight (INTEREST_WEIGHT) and only for pairs staff did not decide on: it helps fitting the weights, but the
learned model is judged on staff decisions and outcomes alone (see `Matcher.fit`'s `sample_weight`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..engine import Matcher
from ..extensions import db
from ..models import MatchModel, Placement, Suggestion
from ..neighbourhood import pc4_codes
from ..vocabulary import PLACED_STAGES, Answer, Decision, Interest, Stage
from .model import active_matcher, active_model
from .records import candidate_record, vacancy_record

# A resident's own answer counts for a third of a staff decision: it says what the resident wants, not whether staff
# (and then the business) would find the pair a good match.
INTEREST_WEIGHT = 1 / 3


def _label(placement) -> int | None:
    """1 when the person was placed, 0 when the business or the person said no, None while undecided."""
    placed = placement.stage in PLACED_STAGES or (placement.stage == Stage.ENDED and placement.trial_start is not None)
    if placed:
        return 1
    if Answer.DECLINED in (placement.business_response, placement.jobseeker_response):
        return 0
    return None


def training_examples():
    """(Jobseeker, Vacancy, label) for every staff decision and placement outcome; outcomes win over decisions.

    shortlist or placed = 1; reject or declined by the business or the jobseeker = 0. Erased people are left out.
    """
    labels = {}
    rows = {}
    decided = db.session.scalars(select(Suggestion).where(Suggestion.decision.is_not(None)).order_by(Suggestion.id))
    for s in decided:
        labels[(s.vacancy_id, s.jobseeker_id)] = 1 if s.decision == Decision.SHORTLIST else 0
        rows[(s.vacancy_id, s.jobseeker_id)] = (s.jobseeker, s.vacancy)
    for p in db.session.scalars(select(Placement).order_by(Placement.id)):
        label = _label(p)
        if label is not None:
            labels[(p.vacancy_id, p.jobseeker_id)] = label
            rows[(p.vacancy_id, p.jobseeker_id)] = (p.jobseeker, p.vacancy)
    return [(rows[k][0], rows[k][1], label) for k, label in sorted(labels.items())
            if rows[k][0].erased_at is None]


def interest_examples():
    """(Jobseeker, Vacancy, label) for the residents' own answers ("Ik heb interesse" = 1, "Niet voor mij" = 0) on
    pairs without a staff decision or a placement (those already give a label of their own)."""
    labelled = {(v.id, j.id) for j, v, _label in training_examples()}
    rows = db.session.scalars(select(Suggestion).where(Suggestion.interest.is_not(None)).order_by(Suggestion.id))
    return [(s.jobseeker, s.vacancy, 1 if s.interest == Interest.YES else 0) for s in rows
            if (s.vacancy_id, s.jobseeker_id) not in labelled and s.jobseeker.erased_at is None]


@dataclass(frozen=True)
class LearnResult:
    """What `flask learn` reports: the cross-validation comparison and whether the learned model is now used."""

    report: dict
    used: bool
    model_version: str
    learned_weights: dict | None = None  # what was learned on all pairs, used or not


def _activate(matcher, report) -> None:
    """Store the learned weights (once per version) and make them the only active model."""
    existing = db.session.scalar(select(MatchModel).where(MatchModel.version == matcher.model_version))
    for row in db.session.scalars(select(MatchModel).where(MatchModel.active)):
        row.active = False
    if existing is None:
        existing = MatchModel(version=matcher.model_version, weights=matcher.get_weights(), report=report)
        db.session.add(existing)
    existing.report = report
    existing.active = True


def learn(random_state: int = 0) -> LearnResult:
    """Fit the scorer on decisions and outcomes; store and activate the learned weights only when they beat the
    model in use (the active learned model, else the default weights) on held-out decisions (caller commits)."""
    examples = training_examples()
    extra = interest_examples() if examples else []
    active = active_model()
    current = active_matcher()
    matcher = Matcher(weights=active.weights["weights"] if active is not None else None,
                      resident_pc4=pc4_codes() or None, random_state=random_state)
    if not examples:
        return LearnResult({"n_pairs": 0, "note": "no decisions yet", "used": "default",
                            "baseline": current.model_version}, False, current.model_version)
    every = examples + extra
    people = {j.id: j for j, _, _ in every}
    jobs = {v.id: v for _, v, _ in every}
    matcher.fit(
        [candidate_record(j) for j in people.values()],
        [vacancy_record(v) for v in jobs.values()],
        [(str(j.id), str(v.id)) for j, v, _ in every],
        [label for _, _, label in every],
        sample_weight=[1.0] * len(examples) + [INTEREST_WEIGHT] * len(extra),
    )
    report = dict(matcher.cv_report_, baseline=current.model_version)  # "default_*" figures are of this model
    used = report.get("used") == "learned"
    if used:
        _activate(matcher, report)
    elif matcher.candidate_weights_ is not None:
        _keep_candidate(matcher.candidate_weights_, report)
    return LearnResult(report, used, matcher.model_version, matcher.candidate_weights_)


def _keep_candidate(weights, report) -> MatchModel:
    """Store learned weights that were not adopted (inactive), so an administrator can still choose them."""
    candidate = Matcher.from_weights({"weights": weights})
    row = db.session.scalar(select(MatchModel).where(MatchModel.version == candidate.model_version))
    if row is None:
        row = MatchModel(version=candidate.model_version, weights=candidate.get_weights(), report=report,
                         active=False)
        db.session.add(row)
    row.report = report
    return row


def adopt(model: MatchModel | None) -> None:
    """Make `model` the only active one (None: back to the default weights). The caller audits and commits."""
    for row in db.session.scalars(select(MatchModel).where(MatchModel.active)):
        row.active = False
    if model is not None:
        model.active = True
