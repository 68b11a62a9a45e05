"""Placements that wait for a staff member, for "Mijn taken": proposals both sides said yes to (the kennismaking is
still to plan) and trials that end within a week (decide: in dienst or stop). A placement has no owner field, so
each staff member's own are the ones they proposed; the rest belong to the team (see `split`)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Placement, Vacancy
from ..vocabulary import Answer, Stage

TRIAL_ENDING_DAYS = 7


def _placements(condition, order):
    return db.session.scalars(
        select(Placement).where(condition).order_by(*order)
        .options(selectinload(Placement.jobseeker), selectinload(Placement.vacancy).selectinload(Vacancy.business),
                 selectinload(Placement.proposed_by))
    ).all()


def meetings_to_plan():
    """Both sides said yes, and no kennismaking is planned yet (still "voorgesteld", or at kennismaking without a
    date)."""
    both_yes = and_(Placement.stage == Stage.PROPOSED, Placement.business_response == Answer.ACCEPTED,
                    Placement.jobseeker_response == Answer.ACCEPTED)
    no_date = and_(Placement.stage == Stage.INTRODUCTION, Placement.meeting_at.is_(None))
    return _placements(or_(both_yes, no_date), (Placement.updated_at, Placement.id))


def trials_ending(today: date, days: int = TRIAL_ENDING_DAYS):
    """Trials that end within `days` days, or ended already while nobody chose the next step; soonest first."""
    return _placements(and_(Placement.stage == Stage.TRIAL, Placement.trial_end <= today + timedelta(days=days)),
                       (Placement.trial_end, Placement.id))


def split(placements, user):
    """(the ones `user` proposed, the rest of the team's), each in the order given; a placement whose proposer's
    account is gone belongs to the team."""
    mine = [p for p in placements if p.proposed_by_id == user.id]
    return mine, [p for p in placements if p.proposed_by_id != user.id]
