"""A person at work who wants more hours is proposed again, for the hours and times they have left."""

import pytest

from tests.factories import make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.werkstation.placements.test_work_state import start_trial
from tests.werkstation.staff.workspace import proposed, scored, shortlisted, suggestion_of
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import Jobseeker, Placement
from werkstation.placements import pipeline

AFTERNOON = {"mon": ["afternoon"]}


def at_work(staff):
    """A person working 12 hours on weekday mornings, who is available on Monday afternoon as well."""
    vacancy, (person,) = scored(hours_max=16, availability={"mon": ["morning", "afternoon"], "wed": ["morning"],
                                                          "fri": ["morning"]})
    placement = proposed(vacancy, person, staff)
    start_trial(placement, staff)
    return db.session.get(Jobseeker, person.id), placement


def ask_more_hours(client, person, total, action="start"):
    page = "/profiel/meer-uren"
    person = db.session.get(Jobseeker, person.id)
    return client.post(page, data={"csrf_token": csrf_token(client, "/profiel"), "action": action,
                                   "total_hours": total, "version": person.version,
                                   "form_token": f"{action}{total}".ljust(20, "x")})


def test_a_person_at_work_who_wants_more_hours_is_proposed_again_for_the_hours_left(app, client):
    staff = make_user("staff")
    person, _work = at_work(staff)
    small = make_vacancy(title="Schoonmaker middag", hours_min=4, hours_max=8, schedule=AFTERNOON)
    big = make_vacancy(title="Schoonmaker lange middag", hours_min=14, hours_max=20, schedule=AFTERNOON)
    matching_bridge.rescore(small)
    db.session.commit()
    assert suggestion_of(small, person) is None  # at work: not in other queues
    login(client, person.user)
    html = client.get("/profiel").get_data(as_text=True)
    assert "Ik wil meer uren werken" in html
    refused = ask_more_hours(client, person, 12)
    assert refused.status_code == 200
    assert "Je werkt nu 12 uur per week. Vul een hoger aantal in." in refused.get_data(as_text=True)
    assert not db.session.get(Jobseeker, person.id).wants_more_hours
    response = ask_more_hours(client, person, 20)
    assert response.status_code == 302
    person = db.session.get(Jobseeker, person.id)
    assert person.wants_more_hours and person.matchable and person.hours_max == 20
    assert "nog 8 uur per week" in client.get("/profiel").get_data(as_text=True)
    # 8 hours left on Monday afternoon: the small vacancy fits, the one of 14 hours or more does not
    assert suggestion_of(small, person) is not None and suggestion_of(small, person).eligible
    row = suggestion_of(big, person)
    assert row is None or not row.eligible
    record = matching_bridge.candidate_record(person)
    assert (record.hours_min, record.hours_max) == (None, 8)
    assert set(record.availability) == {"mon"} and record.availability["mon"] == frozenset({"afternoon"})
    # staff can propose them for the extra hours
    placement = pipeline.propose(shortlisted(small, person, staff), staff)
    db.session.commit()
    assert placement.stage == "voorgesteld"


def test_saying_no_more_hours_takes_the_person_out_of_the_queues_again(app, client):
    staff = make_user("staff")
    person, _work = at_work(staff)
    small = make_vacancy(title="Schoonmaker middag", hours_min=4, hours_max=8, schedule=AFTERNOON)
    login(client, person.user)
    assert ask_more_hours(client, person, 20).status_code == 302
    assert suggestion_of(small, person) is not None
    assert ask_more_hours(client, person, "", action="stop").status_code == 302
    person = db.session.get(Jobseeker, person.id)
    assert not person.wants_more_hours and not person.matchable
    assert suggestion_of(small, person) is None
    assert "Ik wil meer uren werken" in client.get("/profiel").get_data(as_text=True)


def test_someone_not_at_work_has_no_more_hours_page_and_ending_work_resets_the_wish(app, client):
    staff = make_user("staff")
    person, work = at_work(staff)
    login(client, person.user)
    assert ask_more_hours(client, person, 20).status_code == 302
    pipeline.move(db.session.get(Placement, work.id), "beeindigd", staff, reason="personal")
    db.session.commit()
    person = db.session.get(Jobseeker, person.id)
    assert person.status == "available" and not person.wants_more_hours
    assert client.get("/profiel/meer-uren").status_code == 404


def test_a_person_at_work_without_the_wish_is_still_refused(app):
    staff = make_user("staff")
    person, _work = at_work(staff)
    other = make_vacancy(title="Schoonmaker middag", hours_min=4, hours_max=8, schedule=AFTERNOON)
    with pytest.raises(pipeline.RuleError):
        pipeline.propose(shortlisted(other, person, staff), staff)
