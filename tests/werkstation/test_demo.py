"""The demo neighbourhood: realistic sizes, deterministic, and every demo login works."""

from sqlalchemy import func, select

from tests.helpers import login
from werkstation.demo import DEMO_LOGINS, DEMO_PASSWORD
from werkstation.extensions import db
from werkstation.models import Business, Jobseeker, User, Vacancy


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_demo_builds_a_neighbourhood_and_logins_work(app, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert count(Business) >= 25 and count(Vacancy) >= 60 and count(Jobseeker) >= 300
    sectors = set(db.session.scalars(select(Business.sector)))
    assert {"bakkerij", "supermarkt", "schoonmaak", "kinderopvang", "garage", "horeca", "thuiszorg", "magazijn", "kapper"} <= sectors
    uris = set(db.session.scalars(select(Vacancy.occupation_uri)))
    assert all(u.startswith("http://data.europa.eu/esco/occupation/") for u in uris) and len(uris) > 15
    residents = db.session.scalar(select(func.count()).select_from(Jobseeker).where(Jobseeker.postcode.like("3526%")))
    assert residents > count(Jobseeker) / 3
    # A second run leaves the data alone.
    again = runner.invoke(args=["seed-demo"])
    assert "already has data" in again.output and count(Business) == 30

    for role, email in DEMO_LOGINS:
        client = app.test_client()
        login(client, email, DEMO_PASSWORD)  # staff and admin: with the demo TOTP key
        assert client.get("/dashboard").status_code == 200
        assert db.session.scalar(select(User.role).where(User.email == email)) == role


def test_demo_explanations_say_work_done_not_done_or_wanted(app, runner):
    # Demo residents answered both questions of today's intake (work done; no other work wanted), so staff read
    # "heeft gewerkt als", never the wording for older profiles ("heeft gewerkt als of wil werken als").
    from werkstation.models import Suggestion

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    details = [part.get("detail", "") for s in db.session.scalars(select(Suggestion).limit(400))
               for part in (s.explanation or {}).get("parts", [])]
    assert any("heeft gewerkt als" in d for d in details)
    assert not any("of wil werken als" in d for d in details)
    assert db.session.scalar(select(func.count()).select_from(Jobseeker)
                             .where(Jobseeker.wanted_occupations.is_(None))) == 0


def test_seed_demo_is_deterministic(app):
    from sqlalchemy import delete

    from werkstation.demo import seed_demo

    def snapshot():
        people = [(j.name, j.postcode, tuple(j.talents), j.hours_min) for j in db.session.scalars(select(Jobseeker).order_by(Jobseeker.id))]
        jobs = [(v.title, v.postcode, v.seats, v.schedule) for v in db.session.scalars(select(Vacancy).order_by(Vacancy.id))]
        return people, jobs

    seed_demo()
    first = snapshot()
    from werkstation.models import (
        AuditEvent,
        FairnessSelfDescription,
        FollowUp,
        Placement,
        PlacementStageChange,
        Suggestion,
    )

    for model in (AuditEvent, FairnessSelfDescription, FollowUp, PlacementStageChange, Placement, Suggestion,
                  Jobseeker, Vacancy, User, Business):
        db.session.execute(delete(model))
    db.session.commit()
    seed_demo()
    assert snapshot() == first
    assert len(first[0]) >= 300


def test_seed_demo_refuses_on_a_production_server_unless_forced(app, runner, monkeypatch):
    """The demo has an admin with a public password and TOTP key: never on a real server by accident."""
    monkeypatch.setenv("WERKSTATION_ENV", "production")
    refused = runner.invoke(args=["seed-demo"])
    assert refused.exit_code != 0
    assert "production" in refused.output
    assert count(User) == 0 and count(Business) == 0
    forced = runner.invoke(args=["seed-demo", "--force"])
    assert forced.exit_code == 0, forced.output
    assert count(Business) == 30
