"""A vacancy a resident marked "Niet voor mij" leaves their list of fitting vacancies, shows under "Niet voor jou
gemarkeerd" with "Toch interesse", goes below the others in the staff queue with the reason, and stays out of the
plan until staff decide on it. "Ik heb interesse" is a signal to staff only: no message reaches the business."""

from sqlalchemy import select

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import form_state, page, text
from tests.werkstation.jobseekers.test_fitting_vacancy import answer, row_of
from tests.werkstation.matching_bridge.test_plan_follows_decisions import decide, pairs
from tests.werkstation.staff.workspace import answer as answer_proposal
from tests.werkstation.staff.workspace import proposed, scored
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import AuditEvent, Placement
from werkstation.outbox.models import Message


def fitting_links(html):
    """The vacancy links of the list of fitting vacancies (not of the "Niet voor jou gemarkeerd" part)."""
    section = page(html).find("section", attrs={"aria-labelledby": "fitting-title"})
    declined = section.find("ul", attrs={"aria-labelledby": "declined-title"})
    first = section.find("ul", class_="list", attrs={"aria-labelledby": None})
    own = [a["href"] for a in first.find_all("a")] if first is not None else []
    return own, [a["href"] for a in declined.find_all("a")] if declined else []


def two_cleaning_vacancies_and_a_cleaner(client):
    """Two cleaning vacancies that both fit a resident who cleans; she is logged in."""
    cleaning = make_vacancy(title="Schoonmaker kantoren")
    other = make_vacancy(title="Schoonmaker scholen")
    person = make_jobseeker()
    matching_bridge.rescore(person)
    db.session.commit()
    login(client, person.user)
    return cleaning, other, person


def test_not_for_me_leaves_the_list_and_toch_interesse_brings_it_back(app, client):
    cleaning, other, person = two_cleaning_vacancies_and_a_cleaner(client)
    own, declined = fitting_links(client.get("/profiel").get_data(as_text=True))
    assert f"/profiel/vacatures/{cleaning.id}" in own and declined == []
    assert answer(client, cleaning, "not_for_me", "Te vroeg").status_code == 302
    html = client.get("/profiel").get_data(as_text=True)
    own, declined = fitting_links(html)
    assert f"/profiel/vacatures/{cleaning.id}" not in own and f"/profiel/vacatures/{other.id}" in own
    assert declined == [f"/profiel/vacatures/{cleaning.id}"] and "Niet voor jou gemarkeerd" in html
    # "Toch interesse": the small form on the profile page
    form = page(html).find("ul", attrs={"aria-labelledby": "declined-title"}).find("form")
    assert "Toch interesse" in form.get_text()
    data = {**form_state(str(form)), "answer": form.find("input", attrs={"name": "answer"})["value"]}
    response = client.post(form["action"], data=data)
    assert response.status_code == 302
    assert row_of(cleaning, person).interest == "interested" and row_of(cleaning, person).interest_reason is None
    html = client.get("/profiel").get_data(as_text=True)
    own, declined = fitting_links(html)
    assert declined == [] and f"/profiel/vacatures/{cleaning.id}" not in own  # not twice on the page:
    interested = page(html).find("ul", attrs={"aria-labelledby": "interested-title"})
    assert [a["href"] for a in interested.find_all("a")] == [f"/profiel/vacatures/{cleaning.id}"]  # here now


def test_interest_shows_in_the_staff_queue_with_words_and_never_reaches_the_business(app, client):
    vacancy = make_vacancy(title="Schoonmaker kantoren")
    keen = make_jobseeker(name="Keen")
    make_jobseeker(name="Unsure")  # in the same queue, without an answer: no mark
    matching_bridge.rescore(vacancy)
    db.session.commit()
    login(client, keen.user)
    assert answer(client, vacancy, "interested").status_code == 302
    staff = app.test_client()
    login(staff, make_user("staff"))
    for url in (f"/medewerker/vacatures/{vacancy.id}", f"/medewerker/suggesties/{row_of(vacancy, keen).id}",
                f"/medewerker/werkzoekenden/{keen.id}"):
        words = text(staff.get(url).get_data(as_text=True))
        assert "★ zelf gezegd: heeft interesse" in words, url
    queue = page(staff.get(f"/medewerker/vacatures/{vacancy.id}"))
    marked = [li.find("h3").get_text(" ", strip=True) for li in queue.select("li.suggestion")
              if "zelf gezegd: heeft interesse" in li.get_text()]
    assert len(marked) == 1 and marked[0].startswith("Keen")
    assert db.session.scalars(select(Message)).all() == [] and db.session.scalars(select(Placement)).all() == []


def test_not_for_me_goes_below_the_others_in_the_queue_with_the_reason(app, client):
    vacancy = make_vacancy(title="Schoonmaker kantoren")
    people = [make_jobseeker(name=f"Persoon {i}") for i in range(3)]
    matching_bridge.rescore(vacancy)
    db.session.commit()
    staff = app.test_client()
    login(staff, make_user("staff"))
    queue = f"/medewerker/vacatures/{vacancy.id}"
    names = [li.find("h3").find("a").get_text(strip=True) for li in page(staff.get(queue)).select("li.suggestion")]
    first = next(p for p in people if p.name == names[0])
    login(client, first.user)
    assert answer(client, vacancy, "not_for_me", "Ik werk liever buiten").status_code == 302
    rows = page(staff.get(queue)).select("li.suggestion")
    assert rows[-1].find("h3").find("a").get_text(strip=True) == first.name
    assert "✗ zelf gezegd: niet voor mij: Ik werk liever buiten" in rows[-1].get_text(" ", strip=True)


def test_the_plan_leaves_out_a_pair_the_resident_said_no_to_until_staff_decide(app, client):
    staff = make_user("staff")
    vacancy = make_vacancy()
    person = make_jobseeker()
    matching_bridge.rescore(vacancy)
    db.session.commit()
    assert pairs(matching_bridge.neighbourhood_plan().assignments) == {(vacancy.id, person.id)}
    login(client, person.user)
    assert answer(client, vacancy, "not_for_me").status_code == 302
    plan = matching_bridge.neighbourhood_plan()
    assert plan.assignments == [] and plan.greedy_placed == 0
    decide(vacancy, person, "shortlist", staff)  # a staff member saw the reason and still thinks it fits
    assert pairs(matching_bridge.neighbourhood_plan().kept) == {(vacancy.id, person.id)}


def test_not_for_me_outlives_a_pause(app, client):
    cleaning, other, person = two_cleaning_vacancies_and_a_cleaner(client)
    assert answer(client, cleaning, "not_for_me", "Te vroeg").status_code == 302
    for status in ("paused", "available"):  # pause, then available again, each through the same rescoring
        person.status = status
        matching_bridge.rescore(person)
        db.session.commit()
    own, declined = fitting_links(client.get("/profiel").get_data(as_text=True))
    assert own == [f"/profiel/vacatures/{other.id}"] and declined == [f"/profiel/vacatures/{cleaning.id}"]
    assert row_of(cleaning, person).interest_reason == "Te vroeg"


def test_a_full_rematch_keeps_what_residents_said(app, client):
    """Everything is scored again after a CSV import or a new model (rematch_all): a "Niet voor mij" and an
    "Ik heb interesse" stay, with the reason, and the declined vacancy stays out of the list."""
    cleaning, other, person = two_cleaning_vacancies_and_a_cleaner(client)
    assert answer(client, cleaning, "not_for_me", "Te vroeg").status_code == 302
    assert answer(client, other, "interested").status_code == 302
    matching_bridge.rematch_all()
    db.session.commit()
    assert row_of(cleaning, person).interest == "not_for_me" and row_of(cleaning, person).interest_reason == "Te vroeg"
    assert row_of(other, person).interest == "interested"
    html = client.get("/profiel").get_data(as_text=True)
    own, declined = fitting_links(html)
    assert own == [] and declined == [f"/profiel/vacatures/{cleaning.id}"]
    interested = page(html).find("ul", attrs={"aria-labelledby": "interested-title"})
    assert [a["href"] for a in interested.find_all("a")] == [f"/profiel/vacatures/{other.id}"]


def test_a_full_rematch_drops_interest_of_a_paused_resident_as_a_pause_does(app, client):
    """A pause removes the undecided suggestions of a resident except "Niet voor mij"; a full re-match does the same
    and does not bring a paused resident's "Ik heb interesse" back into the staff queue."""
    cleaning, other, person = two_cleaning_vacancies_and_a_cleaner(client)
    assert answer(client, cleaning, "not_for_me").status_code == 302
    assert answer(client, other, "interested").status_code == 302
    person.status = "paused"
    db.session.commit()  # paused without rescoring: the full re-match must apply the same rule
    matching_bridge.rematch_all()
    db.session.commit()
    assert row_of(cleaning, person).interest == "not_for_me"
    assert row_of(other, person) is None


def test_not_for_me_during_a_waiting_proposal_is_the_residents_no_to_it(app, client):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person, staff)
    login(client, person.user)
    assert answer(client, vacancy, "not_for_me", "Te ver weg").status_code == 302
    placement = db.session.get(Placement, placement.id)
    assert placement.stage == "beeindigd" and placement.outcome == "jobseeker_declined"
    assert placement.jobseeker_response == "declined" and placement.jobseeker_reason == "Niet voor mij: Te ver weg"
    assert row_of(vacancy, person).interest == "not_for_me"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "placement.respond",
                                                      AuditEvent.object_id == placement.id)) is not None
    # the business hears the same as after "Nee" on the proposal's page
    told = db.session.scalars(select(Message).where(Message.placement_id == placement.id)).all()
    assert told and any(m.recipient_user_id != person.user_id for m in told)


def test_not_for_me_after_saying_yes_to_the_proposal_is_refused_and_changes_nothing(app, client):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person, staff)
    login(client, person.user)
    answer_proposal(client, placement, True)
    response = answer(client, vacancy, "not_for_me", "Toch niet")
    assert response.status_code == 409
    assert "Daarom kan 'Niet voor mij' hier niet" in text(response.get_data(as_text=True))
    placement = db.session.get(Placement, placement.id)
    assert placement.stage == "voorgesteld" and placement.jobseeker_response == "accepted"
    assert row_of(vacancy, person).interest != "not_for_me"


WARNING = ("Je hebt een voorstel voor dit werk. Kies je 'Niet voor mij'? Dan zeg je daarmee ook nee tegen het "
           "voorstel. Het bedrijf en de coöperatie zien dat.")


def warning_at_the_choice(client, vacancy):
    """The hint the answer question carries (read out with it), or None."""
    doc = page(client.get(f"/profiel/vacatures/{vacancy.id}").get_data(as_text=True))
    question = doc.find("fieldset", id="answer")
    hint = doc.find(id="answer-hint")
    if hint is None:
        return None
    assert "answer-hint" in question["aria-describedby"].split()
    return hint.get_text(" ", strip=True)


def test_the_page_says_beforehand_that_not_for_me_is_also_no_to_a_waiting_proposal(app, client):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    login(client, person.user)
    assert warning_at_the_choice(client, vacancy) is None  # no proposal: nothing to warn about
    placement = proposed(vacancy, person, staff)
    assert warning_at_the_choice(client, vacancy) == WARNING
    doc = page(client.get(f"/profiel/vacatures/{vacancy.id}").get_data(as_text=True))
    assert doc.find("a", href=f"/plaatsingen/{placement.id}").get_text(strip=True) == "Bekijk het voorstel"
    answer_proposal(client, placement, True)  # she said yes: "Niet voor mij" no longer answers the proposal
    assert warning_at_the_choice(client, vacancy) is None


def test_the_warning_is_translated(app, client):
    vacancy, (person,) = scored()
    proposed(vacancy, person)
    login(client, person.user)
    client.get("/taal/en")
    assert "Then you also say no to the proposal" in warning_at_the_choice(client, vacancy)
