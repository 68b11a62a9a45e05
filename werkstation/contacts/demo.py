"""Demo contact log: a few calls, visits and agreements, and tasks for the demo staff member today, yesterday (so
one is late) and tomorrow, so "Mijn taken voor vandaag" and the timelines show a working day."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import Business, Placement, User, utcnow
from ..vocabulary import ContactKind, Stage
from .service import add_note, add_task

# (stage of the placement, what was noted, the task, in how many days it is due)
PERSON_DAY = [
    (Stage.TRIAL, ContactKind.CALL, "Gebeld: de eerste week gaat goed, begint om 8 uur.",
     "Vragen hoe de proefplaatsing gaat", 0),
    (Stage.INTRODUCTION, ContactKind.VISIT, "Samen de kennismaking voorbereid: wat neem je mee, hoe kom je er.",
     "Na de kennismaking bellen", 0),
    (Stage.PROPOSED, ContactKind.MESSAGE, "App gestuurd over het voorstel; belt morgen terug.",
     "Terugbellen over het voorstel", 1),
    (Stage.EMPLOYED, ContactKind.AGREEMENT, "Afgesproken: over drie maanden samen kijken hoe het werk bevalt.",
     "Contract en uren nakijken", -1),
]
BUSINESS_DAY = [
    (ContactKind.VISIT, "Langs geweest bij de eigenaar; zoekt in het voorjaar meer mensen.",
     "Vragen welke vacatures er in het voorjaar komen", -2),
    (ContactKind.CALL, "Gebeld over de roosters; zaterdag is het drukst.", "Rooster voor zaterdag doorsturen", 0),
]


def seed_contacts() -> int:
    """Notes and tasks for the demo staff member; returns how many notes were written."""
    staff = db.session.scalar(select(User).where(User.email == "medewerker@werkstation-demo.nl"))
    if staff is None:
        return 0
    today, written = utcnow().date(), 0
    for stage, kind, body, task, due_in in PERSON_DAY:
        placement = db.session.scalar(select(Placement).where(Placement.stage == stage).order_by(Placement.id))
        if placement is None:
            continue
        add_note(placement.jobseeker, kind, body, today - timedelta(days=2), staff)
        add_task(placement.jobseeker, task, today + timedelta(days=due_in), staff, staff)
        written += 1
    businesses = db.session.scalars(select(Business).order_by(Business.id).limit(len(BUSINESS_DAY))).all()
    for business, (kind, body, task, due_in) in zip(businesses, BUSINESS_DAY, strict=False):
        add_note(business, kind, body, today - timedelta(days=5), staff)
        add_task(business, task, today + timedelta(days=due_in), staff, staff)
        written += 1
    db.session.commit()
    return written
