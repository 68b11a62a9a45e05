"""The demo's workspace history: decisions, placements in several stages with history and follow-ups."""

from sqlalchemy import func, select

from werkstation.contacts import service as contacts
from werkstation.demo import seed_demo
from werkstation.extensions import db
from werkstation.models import (
    AuditEvent,
    FairnessSelfDescription,
    FollowUp,
    Placement,
    Suggestion,
    User,
    Vacancy,
    utcnow,
)
from werkstation.placements import pipeline, work_state


def test_demo_history_fills_every_dashboard(app):
    counts = seed_demo()
    assert counts["decisions"] >= 60 and counts["placements"] >= 15
    stages = dict(db.session.execute(select(Placement.stage, func.count()).group_by(Placement.stage)).all())
    assert {"voorgesteld", "kennismaking", "proefplaatsing", "in_dienst", "beeindigd"} <= set(stages)
    for placement in db.session.scalars(select(Placement)):
        # every placement obeys the rules it was created under and has its history
        assert placement.history[0].to_stage == "voorgesteld" and placement.history[-1].to_stage == placement.stage
        assert placement.suggestion.decision == "shortlist"
        assert pipeline.seats_taken(placement.vacancy) <= placement.vacancy.seats
    assert db.session.scalar(select(func.count()).select_from(FollowUp).where(FollowUp.done_at.is_not(None))) > 5
    assert pipeline.due_follow_ups()  # something to do on the staff dashboard
    assert db.session.scalar(select(func.count()).select_from(Suggestion)) > 1000
    assert db.session.scalar(select(func.count()).select_from(FairnessSelfDescription)) > 100
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                             .where(AuditEvent.action == "placement.stage")) >= 20
    staff = db.session.scalar(select(User).where(User.email == "medewerker@werkstation-demo.nl"))
    due = contacts.tasks_due(staff, utcnow().date())
    assert counts["contact_notes"] >= 4 and len(due) >= 3  # "Mijn taken voor vandaag" shows a working day
    assert any(t.due_on < utcnow().date() for t in due) and any(t.business_id for t in due)
    # the demo tells the same story as the work: nobody at work is offered elsewhere, no full vacancy stays open
    working = db.session.scalars(select(Placement).where(Placement.stage.in_(("proefplaatsing", "in_dienst")))).all()
    assert working and all(p.jobseeker.status == "placed" and not p.jobseeker.matchable for p in working)
    for vacancy in db.session.scalars(select(Vacancy).where(Vacancy.status == "open")):
        assert work_state.places_taken(vacancy) < max(1, vacancy.seats or 1)
