"""Selection rates per group per funnel step, with the four-fifths rule, and people nobody proposed lately.

Reads the voluntary self-descriptions; the matching bridge, matching and the business views never do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import FairnessSelfDescription, Jobseeker, Placement, Suggestion, utcnow
from ..neighbourhood import lives_here_condition
from ..vocabulary import ACTIVE_STAGES, Decision
from .forms import PREFER_NOT, QUESTIONS

MIN_GROUP = 20
FOUR_FIFTHS = 0.8
NEVER_PROPOSED_DAYS = 60
NOT_GIVEN = "niet_ingevuld"

STEPS = (
    ("suggested", _l("Suggestie"), _l("Van alle beschikbare mensen: kreeg een suggestie")),
    ("shortlisted", _l("Shortlist"), _l("Van wie een suggestie kreeg: op de shortlist")),
    ("proposed", _l("Voorgesteld"), _l("Van wie op de shortlist stond: voorgesteld aan een bedrijf")),
    ("placed", _l("Aan het werk"), _l("Van wie voorgesteld werd: begon met werken")),
)


@dataclass
class GroupRate:
    group: str
    label: str
    base: int
    selected: int
    compared: bool  # large enough and a real answer

    @property
    def rate(self):
        return self.selected / self.base if self.base else None

    @property
    def enough(self):
        return self.base >= MIN_GROUP


@dataclass
class StepResult:
    key: str
    label: str
    explanation: str
    groups: list[GroupRate]

    @property
    def compared(self):
        return [g for g in self.groups if g.compared]

    @property
    def impact_ratio(self):
        """Lowest selection rate divided by the highest, over groups large enough to compare."""
        rates = [g.rate for g in self.compared]
        if len(rates) < 2 or max(rates) == 0:
            return None
        return min(rates) / max(rates)

    @property
    def warning(self):
        ratio = self.impact_ratio
        return ratio is not None and ratio < FOUR_FIFTHS

    @property
    def too_few(self):
        return len(self.compared) < 2


def _reached():
    """Sets of jobseeker ids per funnel step."""
    suggested = set(db.session.scalars(select(Suggestion.jobseeker_id).where(Suggestion.eligible)))
    shortlisted = set(db.session.scalars(select(Suggestion.jobseeker_id).where(Suggestion.decision == Decision.SHORTLIST)))
    proposed = set(db.session.scalars(select(Placement.jobseeker_id)))
    placed = set(db.session.scalars(
        select(Placement.jobseeker_id).where(Placement.trial_start.is_not(None) | Placement.employed_since.is_not(None))
    ))
    return {"suggested": suggested | shortlisted | proposed, "shortlisted": shortlisted | proposed,
            "proposed": proposed, "placed": placed}


def selection_rates():
    """{question: [StepResult]} over everyone available or placed (not erased)."""
    people = db.session.scalars(
        select(Jobseeker.id).where(Jobseeker.erased_at.is_(None), Jobseeker.consent_at.is_not(None))
    ).all()
    answers = {row.jobseeker_id: row for row in db.session.scalars(select(FairnessSelfDescription))}
    reached = _reached()
    result = {}
    for question, (title, choices) in QUESTIONS.items():
        labels = dict(choices)
        labels[NOT_GIVEN] = _l("Niet ingevuld")
        group_of = {}
        for pid in people:
            row = answers.get(pid)
            group_of[pid] = (getattr(row, question, None) if row else None) or NOT_GIVEN
        steps = []
        previous = set(people)
        for key, label, explanation in STEPS:
            now = reached[key] & previous if key != "suggested" else reached[key] & set(people)
            groups = []
            for group in [c for c, _ in choices] + [NOT_GIVEN]:
                base = [p for p in previous if group_of[p] == group]
                selected = sum(1 for p in base if p in now)
                groups.append(GroupRate(group, str(labels[group]), len(base), selected,
                                        compared=len(base) >= MIN_GROUP and group not in (PREFER_NOT, NOT_GIVEN)))
            steps.append(StepResult(key, str(label), str(explanation), groups))
            previous = now
        result[question] = (str(title), steps)
    return result


def never_proposed(days=NEVER_PROPOSED_DAYS):
    """Available residents (consent given) registered at least `days` days ago with no proposal in the last `days`
    days and none running, longest waiting first (someone who joined last week has not been left out)."""
    since = utcnow() - timedelta(days=days)
    # Proposed lately, or still in a running proposal or job: not "left out".
    recent = select(Placement.jobseeker_id).where(
        (Placement.created_at >= since) | Placement.stage.in_(ACTIVE_STAGES)
    )
    return db.session.scalars(
        select(Jobseeker)
        .where(Jobseeker.matchable, lives_here_condition(Jobseeker.postcode), Jobseeker.id.not_in(recent),
               Jobseeker.created_at <= since)
        .order_by(Jobseeker.created_at, Jobseeker.id)
    ).all()
