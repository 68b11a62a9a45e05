"""Review queues: ranked suggestions explained in plain Dutch, filters, decisions with reasons, the audit log."""

from sqlalchemy import select

from tests.factories import BAKER, make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import form_state, link, page, text
from tests.werkstation.staff.workspace import proposed, scored, shortlisted, suggestion_of
from werkstation.explanations import explain, rounded_points
from werkstation.extensions import db
from werkstation.models import AuditEvent, Placement, Suggestion
from werkstation.placements import pipeline


def test_queue_ranks_and_explains_in_plain_dutch(app, client):
    vacancy, _ = scored(name="Fatma Goed")
    make_jobseeker(name="Bram Bakker", occupations=[BAKER], talents=["bereiden van voedsel en dranken"],
                          about="Ik bak brood.")
    from werkstation import matching_bridge
    matching_bridge.rescore(vacancy)
    db.session.commit()
    login(client, make_user("staff"))
    html = client.get(f"/medewerker/vacatures/{vacancy.id}").get_data(as_text=True)
    assert html.index("Fatma Goed") < html.index("Bram Bakker")
    assert "Past:" in html and "Reistijd:" in html and "Uren:" in html
    assert "min fietsen" in html and "uur" in html
    assert "nog niet bekeken" in html


def test_breakdown_adds_up_to_the_score(app, client):
    vacancy, (person,) = scored()
    row = suggestion_of(vacancy, person)
    explained = explain(row.explanation)
    assert round(sum(p.points for p in explained.parts), 1) == explained.score_points
    login(client, make_user("staff"))
    html = client.get(f"/medewerker/suggesties/{row.id}").get_data(as_text=True)
    points, total = breakdown(html)
    assert len(points) == len(row.explanation["parts"]) and abs(sum(points) - total) < 1e-9
    assert abs(total - round(row.score * 100, 1)) < 1e-9


def breakdown(html):
    """([points of each part], the total) from the score's breakdown table."""
    cells = page(html).select("td.num")
    return [float(c.get_text()) for c in cells if c.strong is None], float(next(c for c in cells if c.strong).get_text())


def test_rounded_points_always_add_up():
    values = [0.1234, 0.0466, 0.33333, 0.0, 0.16667]
    total = round(sum(values) * 100, 1)
    assert round(sum(rounded_points(values, total)), 1) == total


def test_filters_eligible_residents_and_unreviewed(app, client):
    vacancy = make_vacancy(licences=[])
    resident = make_jobseeker(name="Ayse Wijk", postcode="3526 KL")
    make_jobseeker(name="Tom Buiten", postcode="3521 AL")
    make_jobseeker(name="Kees Teveel", hours_min=40, hours_max=40)
    scored(vacancy, people=0)
    staff = make_user("staff")
    login(client, staff)
    url = f"/medewerker/vacatures/{vacancy.id}"
    everyone = client.get(url).get_data(as_text=True)
    assert all(n in everyone for n in ("Ayse Wijk", "Tom Buiten", "Kees Teveel"))
    eligible = client.get(url + "?eligible=y").get_data(as_text=True)
    assert "Kees Teveel" not in eligible and "Ayse Wijk" in eligible
    residents = client.get(url + "?residents=y").get_data(as_text=True)
    assert "Ayse Wijk" in residents and "Tom Buiten" not in residents
    row = suggestion_of(vacancy, resident)
    token = csrf_token(client, f"/medewerker/suggesties/{row.id}")
    decided = client.post(f"/medewerker/suggesties/{row.id}", data={"csrf_token": token, "decision": "reject",
                                                                    "reason": "reject:travel", "note": ""})
    assert decided.status_code == 302
    unreviewed = client.get(url + "?unreviewed=y").get_data(as_text=True)
    # the decided person leaves the list; undecided people stay, whether they meet every requirement or not
    assert "Ayse Wijk" not in unreviewed and "Tom Buiten" in unreviewed and "Kees Teveel" in unreviewed


def test_decision_records_who_when_why_and_is_audited(app, client):
    vacancy, (person,) = scored()
    row = suggestion_of(vacancy, person)
    staff = make_user("staff", email="sanne@coop.nl")
    login(client, staff)
    url = f"/medewerker/suggesties/{row.id}"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "decision": "shortlist",
                                      "reason": "shortlist:good_fit", "note": "Kent de buurt goed."})
    assert response.status_code == 302
    row = db.session.get(Suggestion, row.id)
    assert (row.decision, row.decision_reason, row.decision_note) == ("shortlist", "good_fit", "Kent de buurt goed.")
    assert row.decided_by_id == staff.id and row.decided_at is not None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "suggestion.decide"))
    assert event.actor_id == staff.id and event.jobseeker_id == person.id and event.details["decision"] == "shortlist"
    html = client.get(url).get_data(as_text=True)
    assert "sanne@coop.nl" in html and "Kent de buurt goed." in html


def test_decision_needs_a_reason_that_fits_it(app, client):
    vacancy, (person,) = scored()
    row = suggestion_of(vacancy, person)
    login(client, make_user("staff"))
    url = f"/medewerker/suggesties/{row.id}"
    for data in ({"decision": "reject", "reason": ""}, {"decision": "reject", "reason": "shortlist:good_fit"},
                 {"decision": "maybe", "reason": "reject:travel"}):
        response = client.post(url, data={"csrf_token": csrf_token(client, url), **data})
        assert response.status_code == 400
    assert db.session.get(Suggestion, row.id).decision is None


def test_proposing_an_unreviewed_or_rejected_suggestion_is_refused_409(app, client):
    vacancy, (person,) = scored()
    row = suggestion_of(vacancy, person)
    login(client, make_user("staff"))
    page = f"/medewerker/suggesties/{row.id}"
    token = csrf_token(client, page)
    response = client.post(f"{page}/voorstellen", data={"csrf_token": token, "form_token": "a" * 20})
    assert response.status_code == 409
    client.post(page, data={"csrf_token": token, "decision": "reject", "reason": "reject:hours"})
    response = client.post(f"{page}/voorstellen", data={"csrf_token": token, "form_token": "b" * 20})
    assert response.status_code == 409
    assert db.session.scalar(select(Placement)) is None


def test_proposing_a_shortlisted_suggestion_creates_one_placement_even_on_double_click(app, client):
    vacancy, (person,) = scored()
    row = suggestion_of(vacancy, person)
    staff = make_user("staff")
    login(client, staff)
    page = f"/medewerker/suggesties/{row.id}"
    token = csrf_token(client, page)
    client.post(page, data={"csrf_token": token, "decision": "shortlist", "reason": "shortlist:good_fit"})
    first = client.post(f"{page}/voorstellen", data={"csrf_token": token, "form_token": "c" * 20})
    again = client.post(f"{page}/voorstellen", data={"csrf_token": token, "form_token": "c" * 20})
    assert first.status_code == 302 and again.headers["Location"] == first.headers["Location"]
    placements = db.session.scalars(select(Placement)).all()
    assert len(placements) == 1 and placements[0].stage == "voorgesteld" and placements[0].proposed_by_id == staff.id
    assert [h.to_stage for h in placements[0].history] == ["voorgesteld"]


def test_staff_profile_views_are_logged_and_readable_per_person(app, client):
    vacancy, (person,) = scored(name="Nadia Log")
    other = make_jobseeker(name="Andere Persoon")
    staff = make_user("staff", email="medewerker@coop.nl")
    login(client, staff)
    assert client.get(f"/medewerker/werkzoekenden/{person.id}").status_code == 200
    client.get(f"/medewerker/suggesties/{suggestion_of(vacancy, person).id}")
    views = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "jobseeker.view")).all()
    assert len(views) == 2 and {v.jobseeker_id for v in views} == {person.id}
    log = client.get(f"/medewerker/werkzoekenden/{person.id}/logboek").get_data(as_text=True)
    assert "medewerker@coop.nl" in log and "profiel bekeken" in log
    assert "profiel bekeken" not in client.get(f"/medewerker/werkzoekenden/{other.id}/logboek").get_data(as_text=True)


def test_jobseeker_queue_lists_vacancies_for_the_person(app, client):
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person)
    login(client, make_user("staff"))
    html = client.get(f"/medewerker/werkzoekenden/{person.id}").get_data(as_text=True)
    assert vacancy.title in html and vacancy.business.name in html and f"/medewerker/plaatsingen/{placement.id}" in html


def test_workspace_is_for_staff_only(app, client):
    vacancy, (person,) = scored()
    login(client, make_business().users[0])
    for url in ("/medewerker/", f"/medewerker/vacatures/{vacancy.id}", f"/medewerker/werkzoekenden/{person.id}",
                "/medewerker/plan", "/medewerker/impact", "/medewerker/eerlijkheid"):
        assert client.get(url).status_code == 403, url


def test_staff_dashboard_links_to_the_queue(app, client):
    vacancy, _ = scored()
    login(client, make_user("staff"))
    html = client.get("/dashboard").get_data(as_text=True)
    assert f"/medewerker/vacatures/{vacancy.id}" in html


def test_explanation_is_phrased_in_english_for_the_english_interface(app, client):
    vacancy, (person,) = scored(licences=[])
    vacancy.licences = ["B"]
    db.session.commit()
    from werkstation import matching_bridge
    matching_bridge.rescore(vacancy)
    db.session.commit()
    row = suggestion_of(vacancy, person)
    login(client, make_user("staff"))
    html = client.get(f"/medewerker/suggesties/{row.id}?lang=en").get_data(as_text=True)
    assert "min by bike" in html and "has worked as" in html and "missing driving licence B" in html
    assert "fietsen" not in html and "mist rijbewijs" not in html and "heeft gewerkt" not in html
    points, total = breakdown(html)
    assert abs(sum(points) - total) < 1e-9
    dutch = client.get(f"/medewerker/suggesties/{row.id}?lang=nl").get_data(as_text=True)
    assert "min fietsen" in dutch and "mist rijbewijs B" in dutch


def test_every_engine_code_has_an_english_phrase(app):
    from werkstation.explanations import english_detail

    vacancy = make_vacancy(licences=["B"], languages={"nl": "B2"}, hours_min=30, hours_max=40)
    make_jobseeker(postcode=None, hours_min=None, hours_max=None, about="", talents=[], occupations=[],
                   availability={}, travel_mode=None, max_travel_minutes=None)
    make_jobseeker(occupations=[BAKER], postcode="3451 AA", max_travel_minutes=15)
    make_jobseeker()
    from werkstation import matching_bridge
    matching_bridge.rescore(vacancy)
    db.session.commit()
    with app.test_request_context():
        for row in db.session.scalars(select(Suggestion)):
            for part in row.explanation["parts"]:
                assert english_detail(part["code"], part["params"]), part


def test_after_a_decision_staff_return_to_the_queue_they_came_from(app, client):
    vacancy, (person,) = scored()
    row = suggestion_of(vacancy, person)
    login(client, make_user("staff"))
    queue = f"/medewerker/vacatures/{vacancy.id}?unreviewed=y"
    assert f"next=/medewerker/vacatures/{vacancy.id}" in client.get(queue).get_data(as_text=True)
    url = f"/medewerker/suggesties/{row.id}"
    data = {"decision": "reject", "reason": "reject:hours"}
    back = client.post(f"{url}?next={queue}", data={"csrf_token": csrf_token(client, url), **data})
    assert back.headers["Location"].endswith(queue)
    outside = client.post(f"{url}?next=https://elders.example/x", data={"csrf_token": csrf_token(client, url), **data})
    assert outside.headers["Location"].endswith(url)


def test_long_queues_are_paged_and_keep_their_filters(app, client):
    vacancy = make_vacancy()
    for i in range(23):
        make_jobseeker(name=f"Persoon {i:02d}", with_user=False)
    scored(vacancy, people=0)
    login(client, make_user("staff"))
    first = client.get(f"/medewerker/vacatures/{vacancy.id}?eligible=y").get_data(as_text=True)
    assert "23 suggesties" in first and first.count('class="list-item suggestion"') == 20
    next_link = link(first, "page=2")
    assert "eligible=y" in next_link
    second = client.get(f"/medewerker/vacatures/{vacancy.id}?eligible=y&page=2").get_data(as_text=True)
    assert second.count('class="list-item suggestion"') == 3 and 'start="21"' in second


def test_a_decision_on_a_page_loaded_before_someone_elses_decision_is_refused_and_keeps_the_input(app, client):
    vacancy, (person,) = scored()
    row = suggestion_of(vacancy, person)
    login(client, make_user("staff"))
    url = f"/medewerker/suggesties/{row.id}"
    state = form_state(client.get(url))
    from werkstation.placements import pipeline

    pipeline.decide(db.session.get(Suggestion, row.id), "reject", "travel", "Te ver.", make_user("staff"))
    db.session.commit()
    response = client.post(url, data={**state, "decision": "shortlist", "reason": "shortlist:good_fit",
                                      "note": "Mijn notitie"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Iemand anders heeft dit net veranderd" in html and "Mijn notitie" in html
    assert db.session.get(Suggestion, row.id).decision == "reject"


def test_a_double_clicked_decision_is_saved_once(app, client):
    vacancy, (person,) = scored()
    row = suggestion_of(vacancy, person)
    login(client, make_user("staff"))
    url = f"/medewerker/suggesties/{row.id}"
    data = {**form_state(client.get(url)), "decision": "shortlist", "reason": "shortlist:good_fit"}
    first, again = client.post(url, data=data), client.post(url, data=data)
    assert first.status_code == again.status_code == 302 and first.location == again.location
    assert len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "suggestion.decide")).all()) == 1


def test_both_staff_start_pages_count_the_same_suggestions_waiting_for_a_decision(app, client):
    vacancy, people = scored(people=2)
    closed = make_vacancy(status="closed")
    from werkstation import matching_bridge

    matching_bridge.suggestion_for(closed, people[0])  # an undecided pair of a closed vacancy does not wait
    db.session.commit()
    login(client, make_user("staff"))
    for start in ("/dashboard", "/medewerker/"):
        assert "2 suggesties om te bekijken" in text(client.get(start)), start


def test_queue_counts_one_suggestion_in_the_singular(app, client):
    vacancy, _ = scored(people=1)
    login(client, make_user("staff"))
    heading = page(client.get(f"/medewerker/vacatures/{vacancy.id}").get_data(as_text=True)).h2.get_text(" ", strip=True)
    assert heading == "1 suggestie", heading
    client.get("/taal/en")
    english = page(client.get(f"/medewerker/vacatures/{vacancy.id}").get_data(as_text=True)).h2.get_text(" ", strip=True)
    assert english == "1 suggestion", english


def test_a_full_vacancy_says_so_instead_of_offering_the_propose_button(app, client):
    vacancy = make_vacancy(seats=1)
    staff = make_user("staff")
    placement = proposed(vacancy, make_jobseeker(), staff)
    late = shortlisted(vacancy, make_jobseeker(), staff)
    login(client, staff)
    url = f"/medewerker/suggesties/{late.id}"
    response = client.get(url)
    assert "Alle plekken van deze vacature zijn al bezet of voorgesteld." in text(response)
    assert page(response).find("form", action=lambda a: a and "/voorstellen" in a) is None
    # The vacancy's list of suggestions says it at the top too, before anyone is opened.
    queue = f"/medewerker/vacatures/{vacancy.id}"
    assert "Alle plekken van deze vacature zijn al bezet of voorgesteld." in text(client.get(queue))
    # The server still refuses a press from a page opened before the place was taken.
    refused = client.post(f"{url}/voorstellen", data={"csrf_token": csrf_token(client, url), "form_token": "f" * 20})
    assert refused.status_code == 409
    assert len(db.session.scalars(select(Placement)).all()) == 1
    # A place frees up when the other proposal ends: the button is back.
    pipeline.move(db.session.get(Placement, placement.id), "beeindigd", staff, reason="no_fit")
    db.session.commit()
    response = client.get(url)
    assert "Alle plekken" not in text(response) and "Alle plekken" not in text(client.get(queue))
    assert page(response).find("form", action=lambda a: a and "/voorstellen" in a) is not None


def test_the_queue_says_its_order_and_a_closed_vacancy_says_why_it_has_no_suggestions(app, client):
    vacancy, _ = scored(name="Fatma Goed")
    login(client, make_user("staff"))
    shown = page(client.get(f"/medewerker/vacatures/{vacancy.id}").get_data(as_text=True))
    assert shown.find(id="order").get_text(" ", strip=True).startswith("Volgorde: eerst wie aan alle eisen voldoet.")
    closed = make_vacancy(status="closed")
    words = text(client.get(f"/medewerker/vacatures/{closed.id}").get_data(as_text=True))
    assert "Deze vacature staat niet open (gesloten)." in words
    assert "Geen suggesties met deze filters." not in words  # no filter was set
