"""Reliability: one transaction per submission (a failure mid-way leaves nothing), no lost updates, no doubles.

Failures are injected for real: an engine event raises a database error on a chosen statement in the middle of the
request's transaction, after earlier statements of the same submission already ran.
"""

import threading
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from tests.factories import make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import form_state
from werkstation.extensions import db
from werkstation.models import AuditEvent, FormSubmission, Jobseeker, Suggestion, Vacancy
from werkstation.persistence import OnceOnlyForm, commit_form, versions_match

VACANCY = {
    "title": "Schoonmaker kantoren", "occupation_uri": "", "description": "Kantoren schoonmaken in de ochtend.",
    "hours_min": "12", "hours_max": "20", "schedule": ["mon:morning", "wed:morning"], "seats": "2", "start_date": "",
    "required_talents": ["schoonmaken"], "preferred_talents": [], "dutch_level": "A2", "licences": [],
    "certificates": [], "postcode": "", "pay": "cao", "hourly_wage": "", "cao_name": "cao Schoonmaak- en glazenwassersbedrijf",
    "contract_type": "vast", "work_address": "", "name_visible": "no",
}
FRIENDLY = "Opslaan lukte niet door een storing. Er is niets opgeslagen."


def state_of(client, url):
    return form_state(client.get(url))


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@contextmanager
def failing(statement_start, times=1):
    """Make the database fail on the next `times` statements that start with `statement_start`."""
    engine = db.engine
    left = {"n": times, "seen": 0}

    def before(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(statement_start.upper()) and left["n"] > 0:
            left["n"] -= 1
            left["seen"] += 1
            raise OperationalError(statement, parameters, Exception("disk I/O error (injected)"))

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield left
    finally:
        event.remove(engine, "before_cursor_execute", before)


@pytest.fixture
def business_client(app, client):
    business = make_business(name="Glans")
    make_jobseeker()  # so a new vacancy gets suggestions in the same transaction
    login(client, business.users[0])
    client.business = business
    return client


def test_failure_while_posting_a_vacancy_leaves_nothing_and_gives_the_form_back(business_client):
    state = state_of(business_client, "/vacatures/nieuw")
    with failing("INSERT INTO audit_event") as injected:
        response = business_client.post("/vacatures/nieuw", data={**state, **dict(VACANCY, title="Bakker (storing)")})
    assert injected["seen"] == 1, "the failure was not reached: the test would prove nothing"
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert FRIENDLY in html
    assert 'value="Bakker (storing)"' in html  # the input is given back
    assert count(Vacancy) == 0 and count(Suggestion) == 0
    assert count(AuditEvent, AuditEvent.action == "vacancy.create") == 0
    assert count(FormSubmission) == 0  # the one-time token is still unused: sending again works
    retry = business_client.post("/vacatures/nieuw", data={**state, **dict(VACANCY, title="Bakker (storing)")})
    assert retry.status_code == 302
    assert count(Vacancy) == 1 and count(Suggestion) >= 1


def test_failure_while_editing_a_vacancy_keeps_the_old_version(business_client):
    vacancy = make_vacancy(business=business_client.business, title="Oude titel")
    url = f"/vacatures/{vacancy.id}/bewerken"
    state = state_of(business_client, url)
    version = vacancy.version
    with failing("INSERT INTO audit_event") as injected:
        response = business_client.post(url, data={**state, **dict(VACANCY, title="Nieuwe titel")})
    assert injected["seen"] == 1
    assert response.status_code == 200 and FRIENDLY in response.get_data(as_text=True)
    assert 'value="Nieuwe titel"' in response.get_data(as_text=True)
    db.session.expire_all()
    vacancy = db.session.get(Vacancy, vacancy.id)
    assert vacancy.title == "Oude titel" and vacancy.version == version


def test_failure_while_changing_a_profile_leaves_it_as_it_was(app, client):
    jobseeker = make_jobseeker(name="Amina", talents=["schoonmaken"])
    make_vacancy()
    login(client, jobseeker.user)
    state = state_of(client, "/profiel/wijzigen/talenten")
    with failing("INSERT INTO audit_event") as injected:
        response = client.post("/profiel/wijzigen/talenten",
                               data={**state, "talents": ["bereiden van voedsel en dranken"]})
    assert injected["seen"] == 1
    assert response.status_code == 200 and FRIENDLY in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Jobseeker, jobseeker.id).talents == ["schoonmaken"]
    assert count(AuditEvent, AuditEvent.action == "jobseeker.update") == 0


def test_failure_at_commit_itself_rolls_everything_back(business_client, monkeypatch):
    """Even when the very last step (COMMIT) fails, the error page is friendly and nothing is stored."""
    state = state_of(business_client, "/vacatures/nieuw")
    real_commit = db.session.commit
    calls = {"n": 0}

    def broken_commit():
        calls["n"] += 1
        db.session.flush()  # every row is written in the transaction ...
        raise OperationalError("COMMIT", {}, Exception("connection lost (injected)"))  # ... then the commit fails

    monkeypatch.setattr(db.session, "commit", broken_commit, raising=False)
    response = business_client.post("/vacatures/nieuw", data={**state, **VACANCY})
    monkeypatch.setattr(db.session, "commit", real_commit, raising=False)
    assert calls["n"] >= 1
    assert response.status_code == 200 and FRIENDLY in response.get_data(as_text=True)
    db.session.rollback()
    assert count(Vacancy) == 0 and count(Suggestion) == 0 and count(FormSubmission) == 0


def test_two_people_editing_the_same_vacancy_the_second_is_refused(app, business_client):
    vacancy = make_vacancy(business=business_client.business, title="Begin")
    url = f"/vacatures/{vacancy.id}/bewerken"
    staff = app.test_client()
    login(staff, make_user(role="staff"))
    business_state = state_of(business_client, url)
    staff_state = state_of(staff, url)
    first = staff.post(url, data={**staff_state, **dict(VACANCY, title="Door de medewerker")})
    assert first.status_code == 302
    second = business_client.post(url, data={**business_state, **dict(VACANCY, title="Door het bedrijf")})
    html = second.get_data(as_text=True)
    assert second.status_code == 200
    assert "Iemand anders heeft dit net veranderd" in html
    assert 'value="Door het bedrijf"' in html  # their input is not lost
    db.session.expire_all()
    assert db.session.get(Vacancy, vacancy.id).title == "Door de medewerker"
    # After looking at the new data, saving again works.
    again = business_client.post(url, data={**state_of(business_client, url), **dict(VACANCY, title="Door het bedrijf")})
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(Vacancy, vacancy.id).title == "Door het bedrijf"


def test_two_people_editing_the_same_profile_the_second_is_refused(app, client):
    jobseeker = make_jobseeker(name="Amina")
    login(client, jobseeker.user)
    staff = app.test_client()
    login(staff, make_user(role="staff"))
    own_url, staff_url = "/profiel/wijzigen/over-jou", f"/werkzoekenden/{jobseeker.id}/wijzigen/over-jou"
    mine, theirs = state_of(client, own_url), state_of(staff, staff_url)
    data = {"phone": "06 12345678", "about": "", "email": ""}
    assert staff.post(staff_url, data={**theirs, **data, "name": "Amina (medewerker)"}).status_code == 302
    response = client.post(own_url, data={**mine, **data, "name": "Amina (zelf)"})
    assert "Iemand anders heeft dit net veranderd" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Jobseeker, jobseeker.id).name == "Amina (medewerker)"


def test_double_click_and_resent_form_create_one_vacancy(business_client):
    state = state_of(business_client, "/vacatures/nieuw")
    responses = [business_client.post("/vacatures/nieuw", data={**state, **VACANCY}) for _ in range(3)]
    assert {r.status_code for r in responses} == {302}
    assert len({r.headers["Location"] for r in responses}) == 1
    assert count(Vacancy) == 1
    assert count(AuditEvent, AuditEvent.action == "vacancy.create") == 1


def test_simultaneous_double_submit_creates_one_vacancy(app, business_client, tmp_path):
    """Two requests with the same form at the same moment (two threads, two connections): one record."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite serialises writers; the PostgreSQL run covers true concurrency")
    state = state_of(business_client, "/vacatures/nieuw")
    statuses = []
    barrier = threading.Barrier(2)

    def send():
        barrier.wait()
        statuses.append(business_client.post("/vacatures/nieuw", data={**state, **VACANCY}).status_code)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert count(Vacancy) == 1
    assert len(statuses) == 2 and all(s in (200, 302) for s in statuses)


# The persistence module on its own -----------------------------------------------------------------------------


class VacancyTitleForm(OnceOnlyForm):
    pass


def test_commit_form_saves_once_per_token(app):
    vacancy = make_vacancy()
    with app.test_request_context(method="POST", data={"form_token": "tok-1"}):
        form = VacancyTitleForm(meta={"csrf": False})
        db.session.get(Vacancy, vacancy.id).title = "Eerste"
        assert commit_form(form, "/klaar").ok
        db.session.get(Vacancy, vacancy.id).title = "Tweede"
        outcome = commit_form(form, "/klaar2")
        assert outcome.duplicate and outcome.url == "/klaar"
    db.session.expire_all()
    assert db.session.get(Vacancy, vacancy.id).title == "Eerste"


def test_versions_match_refuses_a_stale_form(app):
    vacancy = make_vacancy()
    with app.test_request_context(method="POST", data={"form_token": "t", "version": str(vacancy.version)}):
        form = VacancyTitleForm(meta={"csrf": False})
        assert versions_match(form, vacancy)
        vacancy.title = "Veranderd"
        db.session.commit()
        assert not versions_match(form, vacancy)
        assert "Iemand anders heeft dit net veranderd" in str(form.form_errors[0])


def test_stale_write_in_the_database_is_caught_as_a_conflict(app):
    """Two sessions load version 1; the second UPDATE finds no row with that version and is refused."""
    from sqlalchemy.orm import Session

    vacancy = make_vacancy(title="Begin")
    other = Session(db.engine)
    theirs = other.get(Vacancy, vacancy.id)
    theirs.title = "Zij waren eerst"
    other.commit()
    other.close()
    with app.test_request_context(method="POST", data={"form_token": "t2"}):
        form = VacancyTitleForm(meta={"csrf": False})
        vacancy.title = "Ik daarna"
        outcome = commit_form(form, "/x")
    assert outcome.status == "conflict"
    assert "Iemand anders heeft dit net veranderd" in str(form.form_errors[0])
    db.session.expire_all()
    assert db.session.get(Vacancy, vacancy.id).title == "Zij waren eerst"
    assert count(FormSubmission) == 0


def test_database_error_is_a_friendly_failure(app):
    vacancy = make_vacancy(title="Begin")
    with app.test_request_context(method="POST", data={"form_token": "t3"}), failing("UPDATE vacancy"):
        form = VacancyTitleForm(meta={"csrf": False})
        db.session.get(Vacancy, vacancy.id).title = "Nooit"
        outcome = commit_form(form, "/x")
    assert outcome.status == "failed" and FRIENDLY in str(form.form_errors[0])
    db.session.expire_all()
    assert db.session.get(Vacancy, vacancy.id).title == "Begin" and count(FormSubmission) == 0
