"""The neighbourhood plan (next to greedy, accepted as staff decisions) and learning from decisions."""

import json

from sqlalchemy import select

from tests.factories import BAKER, make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import values as html_values
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import AuditEvent, Jobseeker, MatchModel, Suggestion
from werkstation.placements import pipeline


def two_vacancies_one_good_person():
    """Greedy gives the all-rounder to both vacancies; the plan places the all-rounder and the specialist."""
    cleaning = make_vacancy(title="Schoonmaker")
    baking = make_vacancy(title="Bakker", occupation_uri=BAKER, required_talents=["bereiden van voedsel en dranken"],
                          preferred_talents=[], description="Brood bakken.")
    make_jobseeker(name="Alleskunner", occupations=[BAKER, cleaning.occupation_uri],
                   talents=["schoonmaken", "bereiden van voedsel en dranken", "tijd beheren"])
    make_jobseeker(name="Schoonmaker Sam")
    return cleaning, baking


def test_plan_is_shown_next_to_greedy_and_accepted_as_shortlist_decisions(app, client):
    cleaning, baking = two_vacancies_one_good_person()
    staff = make_user("staff")
    login(client, staff)
    html = client.get("/medewerker/plan").get_data(as_text=True)
    assert "Wijkplan" in html and "Mensen zonder voorstel" in html
    values = html_values(html, "assignments")
    assert len(values) == 2
    plan = matching_bridge.neighbourhood_plan()
    assert plan.placed == 2 and plan.left_out == 0
    # Untick one assignment: only the other becomes a decision.
    keep, drop = values
    response = client.post("/medewerker/plan", data={"csrf_token": csrf_token(client, "/medewerker/plan"),
                                                      "assignments": [keep]})
    assert response.status_code == 302
    decided = db.session.scalars(select(Suggestion).where(Suggestion.decision.is_not(None))).all()
    assert [(s.vacancy_id, s.jobseeker_id) for s in decided] == [tuple(int(x) for x in keep.split(":"))]
    assert decided[0].decision == "shortlist" and decided[0].decided_by_id == staff.id
    assert decided[0].decision_reason == "plan"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "suggestion.decide")).actor_id == staff.id


def test_plan_leaves_out_people_and_places_already_taken(app):
    from tests.werkstation.staff.workspace import proposed

    cleaning, baking = two_vacancies_one_good_person()
    sam = db.session.scalar(select(Jobseeker).where(Jobseeker.name == "Schoonmaker Sam"))
    proposed(cleaning, sam)
    plan = matching_bridge.neighbourhood_plan()
    assert plan.seats == 1 and plan.people == 1
    assert [(v.id, j.name) for v, j, _ in plan.assignments] == [(baking.id, "Alleskunner")]


def test_plan_ignores_tampered_assignments(app, client):
    two_vacancies_one_good_person()
    login(client, make_user("staff"))
    response = client.post("/medewerker/plan", data={"csrf_token": csrf_token(client, "/medewerker/plan"),
                                                     "assignments": ["999:999"]})
    assert response.status_code == 400
    assert db.session.scalar(select(Suggestion).where(Suggestion.decision.is_not(None))) is None


def decide_many(vacancy, people, staff, good):
    for person in people:
        row = matching_bridge.suggestion_for(vacancy, person)
        db.session.flush()
        if good(person):
            pipeline.decide(row, "shortlist", "good_fit", "", staff)
        else:
            pipeline.decide(row, "reject", "work", "", staff)
    db.session.commit()


def staff_pick_people_close_by():
    """16 decisions on one vacancy: staff consistently pick people who live close by, whatever their occupation,
    so travel predicts the decision."""
    staff = make_user("staff")
    vacancy = make_vacancy()
    near = [make_jobseeker(postcode="3526 KL", occupations=[BAKER], talents=[], about="") for _ in range(8)]
    far = [make_jobseeker(postcode="3451 AA", max_travel_minutes=90, travel_mode="public_transport")
           for _ in range(8)]
    decide_many(vacancy, near + far, staff, good=lambda p: p in near)


def test_learn_keeps_the_default_without_enough_decisions(app, runner):
    result = runner.invoke(args=["learn"])
    assert result.exit_code == 0 and "keeping the current model" in result.output
    assert db.session.scalar(select(MatchModel)) is None


def test_learn_uses_learned_weights_only_when_they_beat_the_default(app, runner):
    staff_pick_people_close_by()
    result = runner.invoke(args=["learn", "--no-rematch"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["n_pairs"] == 16 and "learned_roc_auc" in report
    assert report["learned_roc_auc"] > report["default_roc_auc"] + 0.005
    assert "now using" in result.output
    model = db.session.scalar(select(MatchModel).where(MatchModel.active))
    assert model is not None and model.report["used"] == "learned"
    assert model.weights["weights"]["travel"] > 0.1 and matching_bridge.active_matcher().model_version == model.version


def test_learn_compares_with_the_model_in_use_not_with_the_defaults(app, runner):
    from matching.scorer import FEATURE_NAMES

    staff_pick_people_close_by()
    # staff already use a model that ranks these decisions perfectly (travel only); learning may beat the defaults
    # but not this model, so it stays
    in_use = MatchModel(version="learned-travel-only", active=True, report={"used": "learned"},
                        weights={"model_version": "learned-travel-only",
                                 "weights": {name: float(name == "travel") for name in FEATURE_NAMES}})
    db.session.add(in_use)
    db.session.commit()
    result = runner.invoke(args=["learn", "--no-rematch"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["baseline"] == "learned-travel-only" and report["default_roc_auc"] == 1.0
    assert report["used"] == "default" and "does not beat learned-travel-only" in result.output
    active = db.session.scalars(select(MatchModel).where(MatchModel.active)).all()
    assert [m.version for m in active] == ["learned-travel-only"]
    assert matching_bridge.active_matcher().model_version == "learned-travel-only"


def test_learn_keeps_the_default_when_it_already_ranks_decisions_right(app, runner):
    staff = make_user("staff")
    vacancy = make_vacancy()
    cleaners = [make_jobseeker() for _ in range(8)]
    bakers = [make_jobseeker(occupations=[BAKER], talents=["bereiden van voedsel en dranken"], about="Ik bak.",
                             postcode="3451 AA", max_travel_minutes=90, travel_mode="public_transport")
              for _ in range(8)]
    decide_many(vacancy, cleaners + bakers, staff, good=lambda p: p in cleaners)
    result = runner.invoke(args=["learn"])
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["default_roc_auc"] == 1.0 and report["used"] == "default"
    assert "keeping the current model" in result.output
    # the learned weights are kept for an administrator's explicit choice, but not used
    assert db.session.scalar(select(MatchModel).where(MatchModel.active)) is None


def test_training_examples_use_outcomes_over_decisions(app):
    from tests.werkstation.staff.workspace import proposed

    staff = make_user("staff")
    vacancy = make_vacancy(seats=2)
    person, other = make_jobseeker(), make_jobseeker()
    declined = proposed(vacancy, person, staff)
    pipeline.respond(declined, "jobseeker", False, "Te ver.", person.user)
    rejected = matching_bridge.suggestion_for(vacancy, other)
    db.session.flush()
    pipeline.decide(rejected, "reject", "hours", "", staff)
    db.session.commit()
    labels = {(j.id, v.id): label for j, v, label in matching_bridge.training_examples()}
    assert labels == {(person.id, vacancy.id): 0, (other.id, vacancy.id): 0}


def test_rematch_command_rescores_everything(app, runner):
    vacancy = make_vacancy()
    make_jobseeker()
    result = runner.invoke(args=["rematch"])
    assert result.exit_code == 0 and "Rematched" in result.output
    assert db.session.scalar(select(Suggestion).where(Suggestion.vacancy_id == vacancy.id)) is not None


def test_matching_code_never_reads_the_fairness_table():
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    # The matching bridge, the engine, and what businesses see (proposals and their own vacancies).
    sources = [*sorted((root / "werkstation" / "matching_bridge").rglob("*.py")), *sorted((root / "matching").rglob("*.py"))]
    for business_side in ("placements", "vacancies"):
        sources += sorted((root / "werkstation" / business_side).rglob("*.py"))
        sources += sorted((root / "templates" / business_side).rglob("*.html"))
    assert len(sources) > 5
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "FairnessSelfDescription" not in text and "fairness_self_description" not in text, path
