"""An old link to a suggestion still leads somewhere useful after the resident paused and resumed their search (the
undecided suggestion is removed and stored again with a new id): to the new suggestion for the same pair, or to the
vacancy's queue while the resident pauses; a decided suggestion keeps its id and its decision."""

from tests.factories import make_user
from tests.helpers import login
from tests.html import form_state, text
from tests.werkstation.staff.workspace import scored, shortlisted, suggestion_of


def pause_or_resume(app, person, action):
    """The resident presses "Pauzeren" or "Weer zoeken" on their own page (in their own browser)."""
    resident = app.test_client()
    login(resident, person.user)
    response = resident.post("/profiel/status", data={**form_state(resident.get("/profiel")), "action": action})
    assert response.status_code == 302


def test_an_old_suggestion_link_after_pause_and_resume_leads_to_the_new_suggestion(app, client):
    staff = make_user("staff")
    vacancy, people = scored(people=2)
    # the resident with the older suggestion: a database may hand out the highest id again, never a lower one
    person = min(people, key=lambda p: suggestion_of(vacancy, p).id)
    old_id = suggestion_of(vacancy, person).id
    login(client, staff)
    queue = f"/medewerker/vacatures/{vacancy.id}"
    assert client.get(f"/medewerker/suggesties/{old_id}?next={queue}").status_code == 200
    pause_or_resume(app, person, "pause")
    assert suggestion_of(vacancy, person) is None  # a paused resident is suggested to nobody
    response = client.get(f"/medewerker/suggesties/{old_id}")
    assert response.status_code == 302 and response.location.endswith(f"/medewerker/vacatures/{vacancy.id}")
    assert "Deze suggestie is vernieuwd" in text(client.get(response.location).get_data(as_text=True))
    pause_or_resume(app, person, "resume")
    new = suggestion_of(vacancy, person)
    assert new is not None and new.id != old_id
    response = client.get(f"/medewerker/suggesties/{old_id}?next={queue}")
    assert response.status_code == 302 and f"/medewerker/suggesties/{new.id}" in response.location
    page = client.get(response.location)
    assert page.status_code == 200 and "Deze suggestie is vernieuwd" in text(page.get_data(as_text=True))


def test_a_decided_suggestion_keeps_its_id_through_pause_and_resume(app, client):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    row = shortlisted(vacancy, person, staff)
    pause_or_resume(app, person, "pause")
    pause_or_resume(app, person, "resume")
    kept = suggestion_of(vacancy, person)
    assert kept.id == row.id and kept.decision == "shortlist"
    login(client, staff)
    assert client.get(f"/medewerker/suggesties/{row.id}").status_code == 200


def test_an_unknown_suggestion_id_is_still_404(app, client):
    login(client, make_user("staff"))
    assert client.get("/medewerker/suggesties/987654").status_code == 404


def test_the_id_of_a_removed_suggestion_never_goes_to_another_pair(app, client):
    """SQLite without AUTOINCREMENT hands the highest deleted id to the next row: the old link to the newest
    suggestion would then open the suggestion of someone else for another vacancy."""
    staff = make_user("staff")
    vacancy, people = scored(people=2)
    person = max(people, key=lambda p: suggestion_of(vacancy, p).id)
    newest = suggestion_of(vacancy, person).id
    login(client, staff)
    assert client.get(f"/medewerker/suggesties/{newest}").status_code == 200
    pause_or_resume(app, person, "pause")  # her suggestion, the newest row, is removed
    other_vacancy, (newcomer,) = scored()  # new suggestions for other pairs
    fresh = suggestion_of(other_vacancy, newcomer).id
    assert fresh > newest
    response = client.get(f"/medewerker/suggesties/{newest}")
    assert response.status_code == 302 and response.location.endswith(f"/medewerker/vacatures/{vacancy.id}")
