"""Both sides say yes, then the pipeline: every move recorded, no double-booked person, no more people than places."""

import re
from datetime import date, datetime

import pytest
from sqlalchemy import select

from tests.factories import make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import page
from tests.werkstation.staff.workspace import answer, business_user, proposed, shortlisted
from werkstation.extensions import db
from werkstation.models import AuditEvent, FollowUp, Placement
from werkstation.placements import pipeline

MORNINGS = {"mon": ["morning"], "wed": ["morning"]}


def test_business_sees_an_anonymous_profile_until_both_said_yes(app, client):
    vacancy = make_vacancy()
    person = make_jobseeker(name="Amina Verborgen", phone="06 99887766", email="amina.v@voorbeeld.nl",
                            postcode="3526 KL")
    placement = proposed(vacancy, person)
    login(client, business_user(vacancy))
    html = client.get(f"/plaatsingen/{placement.id}").get_data(as_text=True)
    assert "Schoonmaken" in html and "min fietsen" in html  # talents (in the intake's words) and travel time
    for secret in ("Amina", "06 99887766", "amina.v@", "3526 KL"):
        assert secret not in html
    assert answer(client, placement, True).status_code == 302
    assert "Amina" not in client.get(f"/plaatsingen/{placement.id}").get_data(as_text=True)

    other = app.test_client()
    login(other, person.user)
    page = other.get(f"/plaatsingen/{placement.id}").get_data(as_text=True)
    assert vacancy.title in page and vacancy.business.phone not in page
    assert answer(other, placement, True).status_code == 302
    page = other.get(f"/plaatsingen/{placement.id}").get_data(as_text=True)
    assert vacancy.business.phone in page and vacancy.business.contact_name in page
    html = client.get(f"/plaatsingen/{placement.id}").get_data(as_text=True)
    assert "Amina Verborgen" in html and "06 99887766" in html and "amina.v@voorbeeld.nl" in html


def test_a_business_reads_the_profile_in_the_words_of_the_forms(client):
    vacancy = make_vacancy()
    person = make_jobseeker(languages={"nl": "B1", "ar": "C2"}, licences=["B"], certificates=["HACCP"],
                            talents=["tijd beheren"])
    placement = proposed(vacancy, person)
    login(client, business_user(vacancy))
    html = client.get(f"/plaatsingen/{placement.id}").get_data(as_text=True)
    for words in ("Nederlands: Kan gewone gesprekken op het werk voeren en eenvoudige teksten lezen (B1)",
                  "Arabisch (vloeiend)", "B (auto)", "HACCP (hygiëne met eten)", "Op tijd zijn en plannen"):
        assert words in html, words
    for code in ("NL B1", "AR C2", "tijd beheren"):
        assert code not in html, code


def test_business_views_of_a_profile_are_audited(app, client):
    vacancy = make_vacancy()
    placement = proposed(vacancy, make_jobseeker())
    user = business_user(vacancy)
    login(client, user)
    client.get(f"/plaatsingen/{placement.id}")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "jobseeker.view"))
    assert event.actor_id == user.id and event.jobseeker_id == placement.jobseeker_id


def test_a_no_needs_a_reason_and_ends_the_proposal(app, client):
    vacancy = make_vacancy()
    placement = proposed(vacancy, make_jobseeker())
    login(client, business_user(vacancy))
    assert answer(client, placement, False, "").status_code == 400
    assert answer(client, placement, False, "We zoeken iemand met ervaring.").status_code == 302
    placement = db.session.get(Placement, placement.id)
    assert placement.business_response == "declined" and placement.stage == "beeindigd"
    assert placement.outcome == "business_declined" and placement.history[-1].to_stage == "beeindigd"


def test_others_cannot_see_a_proposal(app, client):
    vacancy = make_vacancy()
    placement = proposed(vacancy, make_jobseeker())
    login(client, make_business().users[0])
    assert client.get(f"/plaatsingen/{placement.id}").status_code == 404
    stranger = app.test_client()
    login(stranger, make_jobseeker().user)
    assert stranger.get(f"/plaatsingen/{placement.id}").status_code == 404
    assert stranger.get(f"/plaatsingen/{placement.id}/laag-risico").status_code == 403


def both_yes(placement, at=None):
    pipeline.respond(placement, "business", True, "", business_user(placement.vacancy), at=at)
    pipeline.respond(placement, "jobseeker", True, "", placement.jobseeker.user, at=at)


def test_full_pipeline_records_every_move_and_plans_follow_ups(app):
    staff = make_user("staff")
    placement = proposed(make_vacancy(), make_jobseeker(), staff)
    with pytest.raises(pipeline.RuleError):
        pipeline.move(placement, "kennismaking", staff)  # nobody said yes yet
    both_yes(placement)
    pipeline.move(placement, "kennismaking", staff)
    with pytest.raises(pipeline.RuleError):
        pipeline.move(placement, "proefplaatsing", staff)  # dates missing
    pipeline.move(placement, "proefplaatsing", staff, trial_start=date(2026, 1, 31), trial_end=date(2026, 3, 31))
    with pytest.raises(pipeline.RuleError):
        pipeline.move(placement, "in_dienst", staff)  # employer of record missing
    pipeline.move(placement, "in_dienst", staff, employer_of_record="cooperative", employed_since=date(2026, 4, 1))
    pipeline.move(placement, "afgerond", staff)
    db.session.commit()
    assert [(h.from_stage, h.to_stage) for h in placement.history] == [
        (None, "voorgesteld"), ("voorgesteld", "kennismaking"), ("kennismaking", "proefplaatsing"),
        ("proefplaatsing", "in_dienst"), ("in_dienst", "afgerond")]
    assert all(h.by_user_id == staff.id and h.at for h in placement.history)
    assert [(f.months, f.due_on) for f in placement.follow_ups] == [  # counted from the contract's start
        (1, date(2026, 5, 1)), (3, date(2026, 7, 1)), (6, date(2026, 10, 1))]
    stage_events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "placement.stage")).all()
    assert len(stage_events) == 4
    with pytest.raises(pipeline.RuleError):
        pipeline.move(placement, "in_dienst", staff, employer_of_record="business")  # no way back


def test_ending_needs_a_reason(app):
    staff = make_user("staff")
    placement = proposed(make_vacancy(), make_jobseeker(), staff)
    with pytest.raises(pipeline.RuleError):
        pipeline.move(placement, "beeindigd", staff)
    pipeline.move(placement, "beeindigd", staff, reason="personal", note="Verhuisd.")
    assert placement.stage == "beeindigd" and placement.ended_at and placement.outcome_reason == "Verhuisd."


def test_a_person_cannot_have_two_active_placements_at_overlapping_hours(app, client):
    person = make_jobseeker(availability={"mon": ["morning", "afternoon"], "wed": ["morning"]})
    first = make_vacancy(schedule=MORNINGS)
    second = make_vacancy(schedule={"wed": ["morning"], "fri": ["afternoon"]})
    afternoons = make_vacancy(schedule={"mon": ["afternoon"]})
    staff = make_user("staff")
    proposed(first, person, staff)
    row = shortlisted(second, person, staff)
    with pytest.raises(pipeline.RuleError) as refused:
        pipeline.propose(row, staff)
    assert refused.value.status == 409
    db.session.rollback()
    assert proposed(afternoons, person, staff).stage == "voorgesteld"  # no overlap: fine
    login(client, staff)
    page = f"/medewerker/suggesties/{row.id}"
    response = client.post(f"{page}/voorstellen", data={"csrf_token": csrf_token(client, page), "form_token": "x" * 20})
    assert response.status_code == 409 and "dezelfde tijden" in response.get_data(as_text=True)


def test_a_vacancy_never_gets_more_placements_than_places(app, client):
    vacancy = make_vacancy(seats=1)
    staff = make_user("staff")
    placement = proposed(vacancy, make_jobseeker(), staff)
    late = shortlisted(vacancy, make_jobseeker(), staff)
    login(client, staff)
    page = f"/medewerker/suggesties/{late.id}"
    response = client.post(f"{page}/voorstellen", data={"csrf_token": csrf_token(client, page), "form_token": "y" * 20})
    assert response.status_code == 409 and "plekken" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Placement)).all()) == 1
    # A place frees up when a proposal ends.
    pipeline.move(db.session.get(Placement, placement.id), "beeindigd", staff, reason="no_fit")
    db.session.commit()
    response = client.post(f"{page}/voorstellen", data={"csrf_token": csrf_token(client, page), "form_token": "z" * 20})
    assert response.status_code == 302


def test_staff_move_form_saves_a_step_and_refuses_a_bad_one(app, client):
    staff = make_user("staff")
    placement = proposed(make_vacancy(), make_jobseeker(), staff)
    login(client, staff)
    url = f"/medewerker/plaatsingen/{placement.id}"
    refused = client.post(url, data={"csrf_token": csrf_token(client, url), "form_token": "m1" * 10,
                                     "version": placement.version, "to_stage": "kennismaking"})
    assert refused.status_code == 409 and "allebei ja" in refused.get_data(as_text=True)
    both_yes(placement)
    db.session.commit()
    ok = client.post(url, data={"csrf_token": csrf_token(client, url), "form_token": "m2" * 10,
                                "version": db.session.get(Placement, placement.id).version, "to_stage": "kennismaking"})
    assert ok.status_code == 302
    assert db.session.get(Placement, placement.id).stage == "kennismaking"
    html = client.get(url).get_data(as_text=True)
    assert staff.email in html and "kennismaking" in html


def test_due_follow_ups_appear_on_the_staff_dashboard_until_done(app, client):
    staff = make_user("staff")
    placement = proposed(make_vacancy(), make_jobseeker(name="Omar Opvolg"), staff)
    both_yes(placement)
    pipeline.move(placement, "kennismaking", staff)
    pipeline.move(placement, "in_dienst", staff, employer_of_record="business", employed_since=date(2020, 1, 1))
    db.session.commit()
    login(client, staff)
    assert "Omar Opvolg" in client.get("/dashboard").get_data(as_text=True)
    for f in db.session.scalars(select(FollowUp)).all():
        url = f"/medewerker/plaatsingen/{placement.id}"
        client.post(f"/medewerker/opvolging/{f.id}", data={"csrf_token": csrf_token(client, url),
                                                            f"f{f.id}-still_working": "yes"})
    assert all(f.still_working for f in db.session.scalars(select(FollowUp)))
    assert "Omar Opvolg" not in client.get("/dashboard").get_data(as_text=True)


def test_follow_ups_not_yet_due_stay_hidden(app):
    staff = make_user("staff")
    placement = proposed(make_vacancy(), make_jobseeker(), staff)
    both_yes(placement)
    pipeline.move(placement, "kennismaking", staff)
    pipeline.move(placement, "proefplaatsing", staff, trial_start=date(2026, 11, 1), trial_end=date(2026, 12, 31))
    db.session.commit()
    assert [f.months for f in pipeline.due_follow_ups(date(2027, 2, 1))] == [1]  # a month after the trial's end
    assert pipeline.due_follow_ups(date(2027, 1, 30)) == []


def test_low_risk_summary_shows_ticked_instruments_with_the_check_note(app, client):
    staff = make_user("staff")
    vacancy = make_vacancy()
    placement = proposed(vacancy, make_jobseeker(), staff)
    login(client, staff)
    url = f"/medewerker/plaatsingen/{placement.id}"
    page = client.get(url).get_data(as_text=True)
    assert "No-riskpolis" in page and "Werkgeverscheque" in page
    client.post(f"{url}/instrumenten", data={"csrf_token": csrf_token(client, url),
                                              "instruments": ["no_riskpolis", "jobcoach"]})
    assert db.session.get(Placement, placement.id).instruments == ["no_riskpolis", "jobcoach"]
    business = app.test_client()
    login(business, business_user(vacancy))
    html = business.get(f"/plaatsingen/{placement.id}/laag-risico").get_data(as_text=True)
    assert "No-riskpolis" in html and "Jobcoach" in html and "Loonkostensubsidie" not in html
    assert html.count("Werkgeversservicepunt") >= 2 and "coöperatie kan de werkgever zijn" in html


def test_instruments_come_from_a_data_file_staff_can_edit(app, tmp_path):
    from werkstation.placements.instruments import instruments

    path = tmp_path / "instruments.json"
    path.write_text('{"check_note": {"nl": "Check het."}, "instruments": '
                    '[{"key": "nieuw", "name": {"nl": "Nieuwe regeling"}, "explanation": {"nl": "Uitleg."}}]}')
    app.config["INSTRUMENTS_FILE"] = str(path)
    with app.test_request_context():
        assert [(i.key, i.name) for i in instruments()] == [("nieuw", "Nieuwe regeling")]
    app.config.pop("INSTRUMENTS_FILE")
    with app.test_request_context():
        keys = {i.key for i in instruments()}
    assert {"proefplaatsing", "no_riskpolis", "loonkostenvoordeel", "loonkostensubsidie", "jobcoach",
            "werkgeverscheque_utrecht"} <= keys


def test_dashboards_link_to_proposals(app, client):
    vacancy = make_vacancy()
    person = make_jobseeker()
    proposed(vacancy, person)
    login(client, person.user)
    assert "/plaatsingen/" in client.get("/dashboard").get_data(as_text=True)
    business = app.test_client()
    login(business, business_user(vacancy))
    assert "/plaatsingen/" in business.get("/dashboard").get_data(as_text=True)


def test_at_is_used_for_backdated_history(app):
    staff = make_user("staff")
    when = datetime(2026, 3, 1, 10, 0)
    placement = proposed(make_vacancy(), make_jobseeker(), staff)
    pipeline.move(placement, "beeindigd", staff, reason="other", at=when)
    assert placement.history[-1].at == when and placement.ended_at == date(2026, 3, 1)


def test_staff_can_note_an_answer_given_in_person(app, client):
    staff = make_user("staff")
    vacancy = make_vacancy()
    placement = proposed(vacancy, make_jobseeker(with_user=False), staff)
    login(client, staff)
    url = f"/medewerker/plaatsingen/{placement.id}"
    for side in ("jobseeker", "business"):
        response = client.post(f"{url}/antwoord", data={"csrf_token": csrf_token(client, url), "ob-side": side,
                                                        "ob-answer": "yes"})
        assert response.status_code == 302
    placement = db.session.get(Placement, placement.id)
    assert pipeline.contact_shared(placement)
    again = client.post(f"{url}/antwoord", data={"csrf_token": csrf_token(client, url), "ob-side": "business",
                                                 "ob-answer": "no", "ob-reason": "Toch niet."})
    assert again.status_code == 409 and db.session.get(Placement, placement.id).business_response == "accepted"
    answers = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "placement.respond")).all()
    assert {e.details["side"] for e in answers} == {"jobseeker", "business"} and all(e.actor_id == staff.id for e in answers)


def test_a_proposal_based_on_a_stale_read_is_refused(app):
    from sqlalchemy import update

    from werkstation.models import Vacancy

    staff = make_user("staff")
    vacancy = make_vacancy(seats=1)
    row = shortlisted(vacancy, make_jobseeker(), staff)
    version = row.vacancy.version
    # Someone else proposes (or edits the vacancy) after we read it: the row's version moves on.
    with db.engine.begin() as other:
        other.execute(update(Vacancy).where(Vacancy.id == vacancy.id).values(version=version + 1))
    with pytest.raises(pipeline.RuleError) as refused:
        pipeline.propose(row, staff)
    assert refused.value.status == 409
    db.session.rollback()
    fresh = db.session.get(type(row), row.id)
    placement = pipeline.propose(fresh, staff)  # after reloading it works
    db.session.commit()
    assert placement.id and db.session.get(Vacancy, vacancy.id).version == version + 2


def test_the_history_line_reads_moment_colon_step_with_no_space_before_the_colon(app, client):
    staff = make_user("staff")
    placement = proposed(make_vacancy(), make_jobseeker(), staff)
    login(client, staff)
    doc = page(client.get(f"/medewerker/plaatsingen/{placement.id}"))
    line = doc.find("h2", string="Geschiedenis").find_next("ol").find("li")
    # Every child of a list line is its own box with a gap after it (display: flex): a colon outside the moment's
    # box stood apart from it on screen ("18:41 : voorgesteld").
    assert [bit for bit in line.find_all(string=True, recursive=False) if bit.strip().startswith(":")] == []
    first = " ".join(line.find(recursive=False).get_text().split())
    assert re.fullmatch(r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}: voorgesteld", first), first
