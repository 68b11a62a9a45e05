"""The bridge to the engine: records carry only what matching may use; suggestions are stored with explanations."""

import dataclasses

from sqlalchemy import select

from tests.factories import BAKER, make_jobseeker, make_vacancy
from werkstation import match_service
from werkstation.extensions import db
from werkstation.models import Suggestion


def test_candidate_record_has_only_matching_fields(app):
    person = make_jobseeker(name="Amina B.", phone="06 11111111", email="amina@voorbeeld.nl")
    record = match_service.candidate_record(person)
    values = dataclasses.asdict(record)
    assert "Amina" not in repr(values) and "06 11111111" not in repr(values) and "amina@" not in repr(values)
    assert record.id == str(person.id) and record.postcode == "3526 KL"


def test_rescore_vacancy_stores_ranked_suggestions_whose_parts_add_up(app):
    vacancy = make_vacancy()
    fits = make_jobseeker()
    baker = make_jobseeker(occupations=[BAKER], talents=["bereiden van voedsel en dranken"], about="Ik bak brood.")
    assert match_service.rescore_vacancy(vacancy) == 2
    db.session.commit()
    rows = db.session.scalars(select(Suggestion).order_by(Suggestion.score.desc())).all()
    assert [r.jobseeker_id for r in rows] == [fits.id, baker.id]
    for row in rows:
        parts = row.explanation["parts"]
        assert abs(sum(p["contribution"] for p in parts) - row.score) < 1e-6
        assert row.model_version
    assert any("schoonmaker" in p["detail"] for p in rows[0].explanation["parts"])


def test_decided_suggestions_survive_a_rescore(app):
    vacancy = make_vacancy()
    person = make_jobseeker()
    match_service.rescore_vacancy(vacancy)
    db.session.commit()
    suggestion = db.session.scalar(select(Suggestion))
    suggestion.decision = "reject"
    person.status = "paused"
    db.session.commit()
    match_service.rescore_vacancy(vacancy)
    db.session.commit()
    assert db.session.scalar(select(Suggestion)).decision == "reject"


def test_ineligible_people_are_marked_with_a_reason(app):
    vacancy = make_vacancy(licences=["B"])
    make_jobseeker(licences=[])
    match_service.rescore_vacancy(vacancy)
    db.session.commit()
    row = db.session.scalar(select(Suggestion))
    assert row.eligible is False
    assert any("rijbewijs B" in reason for reason in row.explanation["reasons"])


def test_fit_counts_are_anonymous_numbers(app):
    vacancy = make_vacancy()
    make_jobseeker(postcode="3526 KL")
    make_jobseeker(postcode="3521 AL")
    make_jobseeker(licences=[], hours_min=40, hours_max=40)  # hours cannot fit
    counts = match_service.fit_counts(vacancy)
    assert counts.good == 2 and counts.residents == 1
    assert 1 <= counts.walking <= 2


def test_rematch_all_covers_every_open_vacancy(app):
    open_one = make_vacancy()
    closed = make_vacancy(status="closed")
    make_jobseeker()
    assert match_service.rematch_all() >= 1
    db.session.commit()
    vacancy_ids = set(db.session.scalars(select(Suggestion.vacancy_id)))
    assert open_one.id in vacancy_ids and closed.id not in vacancy_ids


def test_cached_indexes_follow_every_saved_change(app):
    vacancy = make_vacancy(licences=["B"])
    person = make_jobseeker(licences=[])
    assert match_service.fit_counts(vacancy).good == 0
    person.licences = ["B"]
    db.session.commit()
    assert match_service.fit_counts(vacancy).good == 1
    newcomer = make_jobseeker(licences=["B"])
    assert match_service.fit_counts(vacancy).good == 2
    newcomer.status = "paused"
    db.session.commit()
    assert match_service.fit_counts(vacancy).good == 1

    assert [v.id for v, _ in match_service.vacancies_for(person)] == [vacancy.id]
    vacancy.status = "closed"
    db.session.commit()
    assert match_service.vacancies_for(person) == []


def test_a_person_is_shown_only_vacancies_that_fit_well(app):
    cleaning = make_vacancy()
    cleaner = make_jobseeker()
    baker = make_jobseeker(occupations=[BAKER], talents=["bereiden van voedsel en dranken"], about="Ik bak brood.")
    assert [v.id for v, _ in match_service.vacancies_for(cleaner)] == [cleaning.id]
    assert match_service.vacancies_for(baker) == []
