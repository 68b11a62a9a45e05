"""Retention with a frozen clock: notice first, anonymise after the grace period, old audit events deleted."""

from datetime import datetime, timedelta

from sqlalchemy import func, select

from tests.factories import make_jobseeker, make_user
from tests.helpers import csrf_token, login
from werkstation.extensions import db
from werkstation.models import AuditEvent, FormSubmission, Jobseeker, User
from werkstation.retention import months_before, purge

NOW = datetime(2027, 6, 15, 12, 0)


def ago(**kwargs):
    return NOW - timedelta(**kwargs)


def test_months_before_clamps_to_the_end_of_the_month():
    assert months_before(datetime(2027, 3, 31), 1) == datetime(2027, 2, 28)
    assert months_before(datetime(2027, 1, 15), 12) == datetime(2026, 1, 15)


def test_inactive_profile_gets_a_notice_first_then_is_anonymised_after_the_grace_period(app):
    old = make_jobseeker(last_active_at=ago(days=400), name="Karim O.", phone="06 11112222")
    recent = make_jobseeker(last_active_at=ago(days=30))
    old_id, user_id = old.id, old.user_id

    report = purge(NOW)
    assert report.noticed == [old_id] and report.anonymised == []
    db.session.expire_all()
    old = db.session.get(Jobseeker, old_id)
    assert old.retention_notice_at == NOW and old.name == "Karim O."
    assert db.session.get(Jobseeker, recent.id).retention_notice_at is None

    # Still within the grace period: nothing more happens.
    assert purge(NOW + timedelta(days=29)).anonymised == []
    assert db.session.get(Jobseeker, old_id).name == "Karim O."

    report = purge(NOW + timedelta(days=31))
    assert report.anonymised == [old_id]
    db.session.expire_all()
    old = db.session.get(Jobseeker, old_id)
    assert old.status == "erased" and old.name is None and old.phone is None and old.email is None
    assert old.postcode == "3526"  # the anonymous stub keeps the area for statistics
    assert db.session.get(User, user_id) is None
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.jobseeker_id == old_id)))
    assert {"jobseeker.retention_notice", "jobseeker.retention_erase", "jobseeker.erase"} <= actions
    # Running again changes nothing.
    again = purge(NOW + timedelta(days=60))
    assert again.noticed == [] and again.anonymised == []


def test_logging_in_after_the_notice_keeps_the_profile_and_says_so(app, client):
    jobseeker = make_jobseeker(last_active_at=ago(days=400))
    jobseeker_id = jobseeker.id
    purge(NOW)
    version = db.session.get(Jobseeker, jobseeker_id).version
    response = login(client, jobseeker.user)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Je was lang niet actief." in page
    db.session.expire_all()
    jobseeker = db.session.get(Jobseeker, jobseeker_id)
    assert jobseeker.retention_notice_at is None
    assert jobseeker.version == version  # logging in does not make open forms stale
    # The grace period passes: the profile stays, because the person is active again.
    assert purge(NOW + timedelta(days=40)).anonymised == []
    assert db.session.get(Jobseeker, jobseeker_id).status != "erased"


def test_profile_active_again_by_other_means_loses_its_notice(app):
    jobseeker = make_jobseeker(last_active_at=ago(days=400))
    purge(NOW)
    db.session.get(Jobseeker, jobseeker.id).last_active_at = NOW + timedelta(days=1)
    db.session.commit()
    report = purge(NOW + timedelta(days=31))
    assert report.notices_cleared == [jobseeker.id] and report.anonymised == []


def test_profiles_without_an_account_are_covered_too(app):
    walk_in = make_jobseeker(with_user=False, last_active_at=ago(days=500))
    assert purge(NOW).noticed == [walk_in.id]
    assert purge(NOW + timedelta(days=30)).anonymised == [walk_in.id]


def test_retention_period_is_configurable(app):
    jobseeker = make_jobseeker(last_active_at=ago(days=200))
    assert purge(NOW).noticed == []
    app.config["RETENTION_MONTHS"] = 6
    assert purge(NOW).noticed == [jobseeker.id]


def test_old_audit_events_are_deleted_and_never_younger_than_six_months(app):
    user = make_user(role="staff")
    for days in (10, 150, 200, 800):
        db.session.add(AuditEvent(at=ago(days=days), actor_id=user.id, action="test.event", object_type="x"))
    db.session.add(FormSubmission(token="oud", created_at=ago(days=60)))
    db.session.add(FormSubmission(token="nieuw", created_at=ago(days=1)))
    db.session.commit()
    app.config["AUDIT_RETENTION_MONTHS"] = 24
    report = purge(NOW)
    assert report.audit_deleted == 1 and report.form_tokens_deleted == 1
    assert sorted(t for t in db.session.scalars(select(FormSubmission.token))) == ["nieuw"]
    # A configured period below six months is raised to six.
    app.config["AUDIT_RETENTION_MONTHS"] = 1
    assert purge(NOW).audit_deleted == 1  # only the 200-day event; the 150-day one stays
    ages = sorted((NOW - at).days for at in db.session.scalars(
        select(AuditEvent.at).where(AuditEvent.action == "test.event")))
    assert ages == [10, 150]


def test_dry_run_changes_nothing(app):
    jobseeker = make_jobseeker(last_active_at=ago(days=400))
    report = purge(NOW, dry_run=True)
    assert report.noticed == [jobseeker.id]
    assert db.session.get(Jobseeker, jobseeker.id).retention_notice_at is None


def test_purge_command(app, runner):
    make_jobseeker(last_active_at=datetime(2020, 1, 1))
    result = runner.invoke(args=["purge", "--now", "2027-06-15"])
    assert result.exit_code == 0, result.output
    assert "1 notices given" in result.output
    assert db.session.scalar(select(func.count()).select_from(Jobseeker).where(Jobseeker.retention_notice_at.is_not(None))) == 1


def test_staff_see_the_notice_list_and_can_keep_a_profile(app, client):
    jobseeker = make_jobseeker(last_active_at=ago(days=400), name="Noor el A.")
    purge(NOW)
    login(client, make_user(role="staff"))
    page = client.get("/privacy/bewaartermijn").get_data(as_text=True)
    assert "Noor el A." in page
    assert (NOW + timedelta(days=30)).strftime("%d-%m-%Y") in page
    token = csrf_token(client, "/privacy/bewaartermijn")
    response = client.post(f"/privacy/bewaartermijn/{jobseeker.id}/bewaren", data={"csrf_token": token})
    assert response.status_code == 302
    assert db.session.get(Jobseeker, jobseeker.id).retention_notice_at is None
    assert "Noor el A." not in client.get("/privacy/bewaartermijn").get_data(as_text=True)


def test_keep_needs_csrf_and_staff(app, client):
    jobseeker = make_jobseeker(last_active_at=ago(days=400))
    purge(NOW)
    login(client, make_user(role="staff"))
    assert client.post(f"/privacy/bewaartermijn/{jobseeker.id}/bewaren").status_code == 400
    assert db.session.get(Jobseeker, jobseeker.id).retention_notice_at is not None
