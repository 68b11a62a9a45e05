"""The residents' own answers ("Ik heb interesse" / "Niet voor mij") are learned from with a lower weight: they move
the learned weights their way, but the model is judged on staff decisions and outcomes only."""

from sqlalchemy import select

from tests.factories import BAKER, make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import page
from tests.werkstation.matching_bridge.test_plan_and_learning import decide_many
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import Suggestion


def staff_pick_by_occupation_everyone_near():
    """16 staff decisions in which everybody lives near: the occupation predicts them, travel cannot."""
    staff = make_user("staff")
    vacancy = make_vacancy(title="Schoonmaker kantoren")
    cleaners = [make_jobseeker(postcode="3526 KL") for _ in range(8)]
    bakers = [make_jobseeker(postcode="3526 KL", occupations=[BAKER], talents=["bereiden van voedsel en dranken"],
                             about="Ik bak.") for _ in range(8)]
    decide_many(vacancy, cleaners + bakers, staff, good=lambda p: p in cleaners)


def residents_say_yes_near_and_no_far():
    """On another vacancy, cleaners who live near say "Ik heb interesse", those who live far "Niet voor mij"."""
    vacancy = make_vacancy(title="Schoonmaker school")
    near = [make_jobseeker(postcode="3526 KL") for _ in range(10)]
    far = [make_jobseeker(postcode="3451 AA", max_travel_minutes=90, travel_mode="public_transport")
           for _ in range(10)]
    for person in near + far:
        row = matching_bridge.suggestion_for(vacancy, person)
        row.interest = "interested" if person in near else "not_for_me"
    db.session.commit()


def test_interest_pulls_the_learned_travel_weight_up_and_is_not_what_the_model_is_judged_on(app, client):
    staff_pick_by_occupation_everyone_near()
    residents_say_yes_near_and_no_far()
    assert len(matching_bridge.interest_examples()) == 20 and len(matching_bridge.training_examples()) == 16
    login(client, make_user("admin"))
    said = page(client.get("/beheer/leren")).find(id="interest").get_text(" ", strip=True)
    assert said.startswith("Ook 20 antwoorden van bewoners zelf") and "een derde van een besluit" in said
    with_interest = matching_bridge.learn()
    assert with_interest.report["n_pairs"] == 16 and with_interest.report["n_lower_weight"] == 20
    for row in db.session.scalars(select(Suggestion).where(Suggestion.interest.is_not(None))):
        row.interest = None
    db.session.commit()
    without = matching_bridge.learn()
    assert "n_lower_weight" not in without.report and without.report["n_pairs"] == 16
    assert with_interest.learned_weights["travel"] > without.learned_weights["travel"] + 0.02


def test_a_staff_decision_wins_over_the_residents_own_answer(app):
    staff = make_user("staff")
    vacancy = make_vacancy()
    person = make_jobseeker()
    decide_many(vacancy, [person], staff, good=lambda p: False)
    row = matching_bridge.suggestion_for(vacancy, person)
    row.interest = "interested"
    db.session.commit()
    assert matching_bridge.interest_examples() == []
    assert [label for _j, _v, label in matching_bridge.training_examples()] == [0]
