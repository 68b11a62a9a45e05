"""The state of people and vacancies follows the work: people at work leave the queues, full vacancies close."""

from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.werkstation.staff.workspace import business_user, proposed, scored, shortlisted, suggestion_of
from tests.werkstation.vacancies.test_vacancy_pages import GOOD_VACANCY, post_vacancy
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import Jobseeker, Placement, Suggestion, Vacancy
from werkstation.outbox.models import Message, MessageKind
from werkstation.placements import pipeline


def both_yes(placement):
    pipeline.respond(placement, "business", True, "", business_user(placement.vacancy))
    pipeline.respond(placement, "jobseeker", True, "", placement.jobseeker.user)


def start_trial(placement, staff):
    both_yes(placement)
    pipeline.move(placement, "kennismaking", staff)
    pipeline.move(placement, "proefplaatsing", staff, trial_start=date(2026, 12, 1), trial_end=date(2027, 1, 31))
    db.session.commit()


def test_a_person_who_starts_a_trial_leaves_the_other_queues(app):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    other, _ = scored(make_vacancy(title="Magazijn"))
    matching_bridge.rescore(person)
    db.session.commit()
    assert suggestion_of(other, person) is not None and suggestion_of(other, person).unreviewed
    start_trial(proposed(vacancy, person, staff), staff)
    person = db.session.get(Jobseeker, person.id)
    assert person.status == "placed" and not person.matchable
    assert suggestion_of(other, person) is None  # gone from the other queue
    # A later shortlist for them is refused with a clear reason, not a second job at once.
    row = shortlisted(other, person, staff)
    with pytest.raises(pipeline.RuleError) as refused:
        pipeline.propose(row, staff)
    with app.test_request_context():
        assert "aan het werk" in str(refused.value.message)


def test_a_trial_that_ends_makes_the_person_available_and_tells_staff(app):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person, staff)
    start_trial(placement, staff)
    pipeline.move(placement, "beeindigd", staff, reason="no_fit", note="Paste niet.")
    db.session.commit()
    assert db.session.get(Jobseeker, person.id).status == "available"
    told = db.session.scalars(select(Message).where(Message.kind == MessageKind.WORK_ENDED)).all()
    assert [m.recipient_user_id for m in told] == [staff.id]
    assert "weer als beschikbaar" in told[0].body_text


def test_a_proposal_that_ends_before_work_changes_nothing_for_the_person(app):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person, staff)
    pipeline.move(placement, "beeindigd", staff, reason="personal")
    db.session.commit()
    assert db.session.get(Jobseeker, person.id).status == "available"
    assert not db.session.scalars(select(Message).where(Message.kind == MessageKind.WORK_ENDED)).all()


def test_a_vacancy_whose_last_place_is_taken_is_filled_and_reopens_when_it_frees(app, client):
    staff = make_user("staff")
    vacancy, people = scored(make_vacancy(seats=2), people=4)
    first = proposed(vacancy, people[0], staff)
    start_trial(first, staff)
    assert db.session.get(Vacancy, vacancy.id).status == "open"  # one of two places taken
    second = proposed(vacancy, people[1], staff)
    start_trial(second, staff)
    vacancy = db.session.get(Vacancy, vacancy.id)
    assert vacancy.status == "filled" and not vacancy.matchable
    open_rows = db.session.scalars(select(Suggestion).where(Suggestion.vacancy_id == vacancy.id,
                                                            Suggestion.unreviewed)).all()
    assert open_rows == []  # the 2 people still waiting are no longer suggested
    assert matching_bridge.unreviewed_count() == 0
    login(client, staff)
    assert "vervuld" in client.get(f"/vacatures/{vacancy.id}").get_data(as_text=True)
    pipeline.move(db.session.get(Placement, second.id), "beeindigd", staff, reason="personal")
    db.session.commit()
    vacancy = db.session.get(Vacancy, vacancy.id)
    assert vacancy.status == "open"
    assert suggestion_of(vacancy, people[2]) is not None  # suggested again


def test_a_filled_vacancy_reopens_when_the_business_adds_a_place(app, client):
    staff = make_user("staff")
    vacancy, people = scored(make_vacancy(seats=1), people=2)
    start_trial(proposed(vacancy, people[0], staff), staff)
    assert db.session.get(Vacancy, vacancy.id).status == "filled"
    login(client, business_user(vacancy))
    url = f"/vacatures/{vacancy.id}/bewerken"
    response = post_vacancy(client, url, dict(GOOD_VACANCY, seats="2"))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert db.session.get(Vacancy, vacancy.id).status == "open"


def test_a_filled_vacancy_can_still_be_closed(app, client):
    staff = make_user("staff")
    vacancy, people = scored(make_vacancy(seats=1))
    start_trial(proposed(vacancy, people[0], staff), staff)
    login(client, staff)
    page = f"/vacatures/{vacancy.id}"
    vacancy = db.session.get(Vacancy, vacancy.id)
    response = client.post(f"{page}/status", data={"csrf_token": csrf_token(client, page), "action": "close", "confirmed": "yes",
                                                   "version": vacancy.version, "form_token": "c" * 20})
    assert response.status_code == 302
    assert db.session.get(Vacancy, vacancy.id).status == "closed"


def test_a_refused_proposal_explains_why_on_the_suggestion_page_with_next_steps(app, client):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    at_work = proposed(vacancy, person, staff)
    start_trial(at_work, staff)
    other = make_vacancy(title="Magazijn")
    row = shortlisted(other, person, staff)
    login(client, staff)
    page = f"/medewerker/suggesties/{row.id}"
    queue = f"/medewerker/vacatures/{vacancy.id}"
    response = client.post(f"{page}/voorstellen?next={queue}",
                           data={"csrf_token": csrf_token(client, page), "form_token": "p" * 20})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "aan het werk via de coöperatie" in html
    assert f"/medewerker/plaatsingen/{at_work.id}" in html  # where they work now
    assert f"/medewerker/vacatures/{other.id}" in html and queue in html  # someone else, or back to the list
    assert not db.session.scalars(select(Placement).where(Placement.vacancy_id == other.id)).all()


def test_the_queue_marks_people_proposed_elsewhere_and_can_hide_them(app, client):
    staff = make_user("staff")
    vacancy, people = scored(make_vacancy(title="Schoonmaker kantoren"), people=2)
    other = make_vacancy(title="Afwasser restaurant", schedule={"sat": ["evening"]})
    proposed(other, people[0], staff)
    login(client, staff)
    queue = f"/medewerker/vacatures/{vacancy.id}"
    html = client.get(queue).get_data(as_text=True)
    assert f"voorgesteld bij Afwasser restaurant ({other.business.name})" in html  # which business: titles repeat
    links = [f"/medewerker/suggesties/{suggestion_of(vacancy, p).id}?" for p in people]  # one row per person
    assert links[0] in html and links[1] in html
    hidden = client.get(f"{queue}?free=y").get_data(as_text=True)
    assert links[0] not in hidden and links[1] in hidden


def test_trial_and_contract_dates_get_the_right_message(app):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person, staff)
    both_yes(placement)
    pipeline.move(placement, "kennismaking", staff)
    with pytest.raises(pipeline.RuleError) as backwards, app.test_request_context():
        pipeline.move(placement, "proefplaatsing", staff, trial_start=date(2026, 12, 10), trial_end=date(2026, 12, 1))
    with app.test_request_context():
        assert "niet eindigen voordat die begint" in str(backwards.value.message)
    pipeline.move(placement, "proefplaatsing", staff, trial_start=date(2026, 12, 1), trial_end=date(2027, 1, 31))
    with pytest.raises(pipeline.RuleError) as early:
        pipeline.move(placement, "in_dienst", staff, employer_of_record="business", employed_since=date(2026, 11, 1))
    with app.test_request_context():
        assert "In dienst kan pas na de proefplaatsing" in str(early.value.message)
    assert placement.stage == "proefplaatsing"


def test_a_vacancy_of_zero_hours_is_refused_and_nothing_is_saved(app, client):
    staff = make_user("staff")
    vacancy, _people = scored()
    login(client, business_user(vacancy))
    response = post_vacancy(client, "/vacatures/nieuw", dict(GOOD_VACANCY, hours_min="0", hours_max="0"))
    assert response.status_code in (200, 400)
    assert "0 uur per week kan niet" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Vacancy)).all()) == 1 and staff
