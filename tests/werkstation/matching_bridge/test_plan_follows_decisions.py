"""The neighbourhood plan follows what staff decided and what happened: rejected pairs, people at work and full
vacancies stay out, shortlisted pairs are kept, and accepting records only the new decisions."""

from sqlalchemy import select

from tests.factories import make_user
from tests.helpers import csrf_token, login
from tests.html import values as html_values
from tests.werkstation.matching_bridge.test_plan_and_learning import two_vacancies_one_good_person
from tests.werkstation.placements.test_work_state import start_trial
from tests.werkstation.staff.workspace import proposed, scored
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import Suggestion
from werkstation.placements import pipeline


def pairs(assignments):
    return {(v.id, j.id) for v, j, _s in assignments}


def decide(vacancy, person, decision, staff):
    row = matching_bridge.suggestion_for(vacancy, person)
    db.session.flush()
    pipeline.decide(row, decision, "good_fit" if decision == "shortlist" else "work", "", staff)
    db.session.commit()
    return row


def test_a_rejected_pair_never_comes_back_in_the_plan_nor_in_the_greedy_figure(app):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    before = matching_bridge.neighbourhood_plan()
    assert pairs(before.assignments) == {(vacancy.id, person.id)} and before.greedy_placed == 1
    decide(vacancy, person, "reject", staff)
    after = matching_bridge.neighbourhood_plan()
    assert after.assignments == [] and after.placed == 0
    assert after.greedy_placed == 0  # greedy counted on the same pairs, not on the rejected one


def test_a_shortlisted_pair_is_kept_and_accepting_records_only_the_new_ones(app, client):
    cleaning, baking = two_vacancies_one_good_person()
    staff = make_user("staff")
    plan = matching_bridge.neighbourhood_plan()
    (v, j, _s), (v2, j2, _s2) = plan.assignments
    decide(v, j, "shortlist", staff)
    plan = matching_bridge.neighbourhood_plan()
    assert pairs(plan.kept) == {(v.id, j.id)} and pairs(plan.new) == {(v2.id, j2.id)}
    login(client, staff)
    page = client.get("/medewerker/plan").get_data(as_text=True)
    assert "1 paar staat al op de shortlist en blijft" in page and "1 nieuw paar voor de shortlist" in page
    assert html_values(page, "assignments") == [f"{v2.id}:{j2.id}"]  # only the new pair can be accepted
    response = client.post("/medewerker/plan", data={"csrf_token": csrf_token(client, "/medewerker/plan"),
                                                      "assignments": [f"{v2.id}:{j2.id}"]})
    assert response.status_code == 302
    new_row = db.session.scalar(select(Suggestion).where(Suggestion.vacancy_id == v2.id,
                                                         Suggestion.jobseeker_id == j2.id))
    assert new_row.decision == "shortlist" and new_row.decision_reason == "plan"
    kept_row = db.session.scalar(select(Suggestion).where(Suggestion.vacancy_id == v.id,
                                                          Suggestion.jobseeker_id == j.id))
    assert kept_row.decision_reason == "good_fit"  # the earlier decision is left as it was
    listed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Net vastgelegd uit het plan" in listed and f"/medewerker/suggesties/{new_row.id}" in listed


def test_people_at_work_and_full_vacancies_stay_out_of_the_plan(app):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    start_trial(proposed(vacancy, person, staff), staff)
    plan = matching_bridge.neighbourhood_plan()
    assert plan.people == 0 and plan.vacancies == 0 and plan.assignments == []
