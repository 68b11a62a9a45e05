"""The bridge to the engine: records carry only what matching may use; suggestions are stored with explanations."""

import dataclasses

from sqlalchemy import select

from tests.factories import BAKER, make_jobseeker, make_vacancy
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.matching_bridge import indexes
from werkstation.models import Suggestion


def test_candidate_record_has_only_matching_fields(app):
    person = make_jobseeker(name="Amina B.", phone="06 11111111", email="amina@voorbeeld.nl")
    record = matching_bridge.candidate_record(person)
    values = dataclasses.asdict(record)
    assert "Amina" not in repr(values) and "06 11111111" not in repr(values) and "amina@" not in repr(values)
    assert record.id == str(person.id) and record.postcode == "3526 KL"


def test_rescore_vacancy_stores_ranked_suggestions_whose_parts_add_up(app):
    vacancy = make_vacancy()
    fits = make_jobseeker()
    baker = make_jobseeker(occupations=[BAKER], talents=["bereiden van voedsel en dranken"], about="Ik bak brood.")
    assert matching_bridge.rescore(vacancy) == 2
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
    matching_bridge.rescore(vacancy)
    db.session.commit()
    suggestion = db.session.scalar(select(Suggestion))
    suggestion.decision = "reject"
    person.status = "paused"
    db.session.commit()
    matching_bridge.rescore(vacancy)
    db.session.commit()
    assert db.session.scalar(select(Suggestion)).decision == "reject"


def test_ineligible_people_are_marked_with_a_reason(app):
    vacancy = make_vacancy(licences=["B"])
    make_jobseeker(licences=[])
    matching_bridge.rescore(vacancy)
    db.session.commit()
    row = db.session.scalar(select(Suggestion))
    assert row.eligible is False
    assert any("rijbewijs B" in reason for reason in row.explanation["reasons"])


def test_fit_counts_are_anonymous_numbers(app):
    vacancy = make_vacancy()
    make_jobseeker(postcode="3526 KL")
    make_jobseeker(postcode="3521 AL")
    make_jobseeker(licences=[], hours_min=40, hours_max=40)  # hours cannot fit
    counts = matching_bridge.fit_counts(vacancy)
    assert counts.good == 2 and counts.residents == 1
    assert 1 <= counts.walking <= 2


def test_rematch_all_covers_every_open_vacancy(app):
    open_one = make_vacancy()
    closed = make_vacancy(status="closed")
    make_jobseeker()
    assert matching_bridge.rematch_all() >= 1
    db.session.commit()
    vacancy_ids = set(db.session.scalars(select(Suggestion.vacancy_id)))
    assert open_one.id in vacancy_ids and closed.id not in vacancy_ids


def test_cached_indexes_follow_every_saved_change(app):
    vacancy = make_vacancy(licences=["B"])
    person = make_jobseeker(licences=[])
    assert matching_bridge.fit_counts(vacancy).good == 0
    person.licences = ["B"]
    db.session.commit()
    assert matching_bridge.fit_counts(vacancy).good == 1
    newcomer = make_jobseeker(licences=["B"])
    assert matching_bridge.fit_counts(vacancy).good == 2
    newcomer.status = "paused"
    db.session.commit()
    assert matching_bridge.fit_counts(vacancy).good == 1

    assert [v.id for v, _ in matching_bridge.vacancies_for(person)] == [vacancy.id]
    vacancy.status = "closed"
    db.session.commit()
    assert matching_bridge.vacancies_for(person) == []


def test_a_person_is_shown_only_vacancies_that_fit_well(app):
    cleaning = make_vacancy()
    cleaner = make_jobseeker()
    baker = make_jobseeker(occupations=[BAKER], talents=["bereiden van voedsel en dranken"], about="Ik bak brood.")
    assert [v.id for v, _ in matching_bridge.vacancies_for(cleaner)] == [cleaning.id]
    assert matching_bridge.vacancies_for(baker) == []


def test_a_saved_profile_updates_one_row_of_the_encoded_side_instead_of_rebuilding_it(app):
    vacancy = make_vacancy(hours_min=30, hours_max=36)
    people = [make_jobseeker(hours_min=8, hours_max=12) for _ in range(4)]
    assert matching_bridge.fit_counts(vacancy).good == 0  # nobody can work 30 hours
    index, _ = matching_bridge.candidate_index()
    base = index.base

    people[0].hours_max = 40
    db.session.commit()
    assert matching_bridge.fit_counts(vacancy).good == 1
    index, postcodes = matching_bridge.candidate_index()
    assert index.base is base and index.overlay_size == 1  # one row re-encoded, the rest kept
    people[1].status = "paused"
    newcomer = make_jobseeker(hours_min=30, hours_max=40, postcode="3511 AB")
    assert matching_bridge.fit_counts(vacancy).good == 2
    index, postcodes = matching_bridge.candidate_index()
    assert index.base is base and index.overlay_size == 3
    assert str(people[1].id) not in postcodes and postcodes[str(newcomer.id)] == "3511 AB"

    # a certificate nobody had yet is outside the base's vocabulary: the side is encoded anew
    people[2].certificates = ["HEFTRUCK"]
    db.session.commit()
    index, _ = matching_bridge.candidate_index()
    assert index.base is not base and index.overlay_size == 0
    assert matching_bridge.fit_counts(vacancy).good == 2


def test_a_server_worker_encodes_both_sides_before_its_first_request(app):
    import importlib.util
    import logging
    import types
    from pathlib import Path

    make_vacancy()
    make_jobseeker()
    spec = importlib.util.spec_from_file_location("gunicorn_conf", Path(__file__).parents[3] / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    matching_bridge.index_cache().reset()
    worker = types.SimpleNamespace(wsgi=app, log=logging.getLogger("test"))
    conf.post_worker_init(worker)
    worker.warming.join(60)
    cache = matching_bridge.index_cache()
    assert all(cache.side(name) is not None and cache.side(name).index is not None
               for name in ("candidates", "vacancies"))


def test_index_sync_reads_only_recent_rows_and_falls_back_to_all_when_they_do_not_add_up(app):
    from datetime import timedelta


    people = [make_jobseeker() for _ in range(3)]
    matching_bridge.candidate_index()
    side = matching_bridge.index_cache().side("candidates")
    people[0].hours_max = 30
    db.session.commit()
    state = indexes._side_state(indexes.CANDIDATES)
    recent = indexes._recent_marks(indexes.CANDIDATES, side, state)
    assert recent is not None and recent[people[0].id][0] == people[0].version

    # a change committed long after it was made (its updated_at lies before the window) is not among the recent
    # rows: the marks no longer add up and the sync reads every row instead
    people[1].hours_max = 31
    people[1].updated_at = people[1].updated_at - timedelta(hours=1)
    db.session.commit()
    state = indexes._side_state(indexes.CANDIDATES)
    assert indexes._recent_marks(indexes.CANDIDATES, side, state) is None
    index, _ = matching_bridge.candidate_index()
    vacancy = make_vacancy(hours_min=31, hours_max=31)
    ranked = {m.candidate_id: m.eligible for m in index.rank_vacancy(matching_bridge.vacancy_record(vacancy), 5).matches}
    assert ranked == {str(people[0].id): False, str(people[1].id): True, str(people[2].id): False}


def test_walking_distance_in_fit_counts_is_the_minutes_the_explanation_shows(app):
    vacancy = make_vacancy(postcode="3521 AL")
    walker = make_jobseeker(postcode="3526 KL", travel_mode="walk", max_travel_minutes=60)
    matching_bridge.rescore(vacancy)
    db.session.commit()
    row = db.session.scalar(select(Suggestion).where(Suggestion.jobseeker_id == walker.id))
    travel = next(p for p in row.explanation["parts"] if p["feature"] == "travel")
    minutes = matching_bridge.walking_minutes(walker.postcode, vacancy.postcode)
    assert travel["detail"] == f"{minutes:.0f} min lopen"


def test_an_index_handed_out_stays_consistent_with_its_lookup_table_after_a_sync(app):
    vacancy = make_vacancy()
    make_jobseeker()
    index, postcodes = matching_bridge.candidate_index()
    make_jobseeker(postcode="3511 AB")  # the next sync adds a person
    new_index, new_postcodes = matching_bridge.candidate_index()
    assert len(new_index.candidate_ids) == 2 and len(index.candidate_ids) == 1
    record = matching_bridge.vacancy_record(vacancy)
    for ranked_index, table in ((index, postcodes), (new_index, new_postcodes)):
        assert all(cid in table for cid, _ in ranked_index.eligible_at_least(record, 0.0))


def test_a_change_committed_elsewhere_is_seen_even_for_rows_this_session_already_loaded(app):
    from sqlalchemy.orm import Session

    from werkstation.models import Jobseeker

    vacancy = make_vacancy(hours_min=30, hours_max=36)
    person = make_jobseeker(hours_min=8, hours_max=12)
    assert matching_bridge.fit_counts(vacancy).good == 0
    assert db.session.get(Jobseeker, person.id).hours_max == 12  # loaded in this session
    with Session(db.engine) as other:  # another request saves the profile
        other.get(Jobseeker, person.id).hours_max = 40
        other.commit()
    assert matching_bridge.fit_counts(vacancy).good == 1
    assert matching_bridge.fit_counts(vacancy).good == 1


def test_only_the_engine_module_imports_the_matching_engine():
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    importers = set()
    for path in (root / "werkstation").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            if any(name == "matching" or name.startswith("matching.") for name in names):
                importers.add(path.relative_to(root).as_posix())
    assert importers == {"werkstation/engine.py"}


def test_each_app_keeps_its_own_encoded_sides(app):
    from werkstation import create_app

    make_jobseeker()
    index, _ = matching_bridge.candidate_index()
    assert index is not None and matching_bridge.index_cache().side("candidates") is not None
    other = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                        "SECRET_KEY": "x"})
    with other.app_context():
        assert matching_bridge.index_cache().side("candidates") is None
    matching_bridge.index_cache().reset()
    assert matching_bridge.index_cache().side("candidates") is None
