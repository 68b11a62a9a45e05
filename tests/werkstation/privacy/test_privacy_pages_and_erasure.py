"""Privacy (AVG): plain-Dutch pages, a complete export, erasure that leaves nothing personal anywhere."""

import json

import pytest
from sqlalchemy import select

from tests.factories import make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from werkstation import audit
from werkstation.backup import table_contents
from werkstation.extensions import db
from werkstation.models import FairnessSelfDescription, Jobseeker, Placement, PlacementStageChange, Suggestion


@pytest.mark.parametrize("url", ["/privacy", "/hoe-werkt-het-matchen"])
def test_privacy_pages_are_public_and_linked_from_every_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert f'href="{url}"' in client.get("/").get_data(as_text=True)


def test_privacy_page_says_what_is_kept_never_used_and_how_to_object(client):
    html = client.get("/privacy").get_data(as_text=True)
    for phrase in ("Wat we van je bewaren", "Wat we nooit vragen of gebruiken", "BSN", "Bezwaar maken",
                   "Uitleg vragen", "12 maanden", "Autoriteit Persoonsgegevens"):
        assert phrase in html, phrase


def test_matching_page_says_what_is_used_never_used_and_that_a_person_decides(client):
    html = client.get("/hoe-werkt-het-matchen").get_data(as_text=True)
    for phrase in ("Wat de computer nooit gebruikt", "Een mens beslist", "geslacht", "reistijd", "Vragen of bezwaar",
                   "in je eigen woorden",  # own words earn points too: the page names everything that does
                   "Woon je buiten de wijk, dan krijg je alleen de kleine plus niet."):
        assert phrase in html, phrase


def test_privacy_pages_have_english(client):
    html = client.get("/privacy?lang=en").get_data(as_text=True)
    assert "What we keep about you" in html


def world_for(jobseeker):
    """A suggestion with its explanation, a placement with history, a staff view and a self-description."""
    vacancy = make_vacancy(business=make_business(name="Bakkerij Ouarzazate"), title="Bakker", name_visible=True)
    suggestion = Suggestion(
        vacancy=vacancy, jobseeker=jobseeker, score=0.74, eligible=True, model_version="default-1",
        explanation={"score": 0.74, "eligible": True, "reasons": ["Woont in de wijk"],
                     "parts": [{"feature": "travel", "contribution": 0.2, "detail": "12 minuten fietsen"}]},
        decision="shortlist", decision_note="Belt graag 's ochtends",
    )
    placement = Placement(vacancy=vacancy, jobseeker=jobseeker, stage="kennismaking", jobseeker_reason="Lijkt me leuk")
    db.session.add_all([suggestion, placement])
    db.session.flush()
    db.session.add(PlacementStageChange(placement=placement, from_stage="voorgesteld", to_stage="kennismaking",
                                        note="Gesprek met Karim op dinsdag"))
    db.session.add(FairnessSelfDescription(jobseeker_id=jobseeker.id, gender="vrouw"))
    staff = make_user(role="staff")
    audit.record("jobseeker.view", jobseeker, jobseeker_id=jobseeker.id, actor=staff)
    db.session.commit()
    return vacancy, staff


def test_export_holds_everything_including_explanations_and_who_viewed(client):
    jobseeker = make_jobseeker(name="Karim Oukili", phone="06 99887766")
    world_for(jobseeker)
    login(client, jobseeker.user)
    response = client.get("/profiel/download")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["name"] == "Karim Oukili" and data["profile"]["phone"] == "06 99887766"
    assert data["account"]["email"] == jobseeker.user.email
    [suggestion] = data["suggestions"]
    assert suggestion["explanation"]["parts"][0]["detail"] == "12 minuten fietsen"
    assert suggestion["decision"] == "shortlist"
    [placement] = data["placements"]
    assert placement["history"][0]["to"] == "kennismaking"
    assert data["self_description"]["gender"] == "vrouw"
    views = data["profile_views"]
    assert any(v["action"] == "jobseeker.view" and v["by_role"] == "staff" for v in views)
    # The download itself is logged too.
    assert any(v["action"] == "jobseeker.export" and v["by_you"] for v in data["audit_events"])


def test_export_never_contains_secrets(client):
    jobseeker = make_jobseeker()
    login(client, jobseeker.user)
    body = client.get("/profiel/download").get_data(as_text=True)
    user = jobseeker.user
    assert user.password_hash not in body and user.session_token not in body


def test_someone_else_cannot_download_your_data(client):
    owner = make_jobseeker()
    other = make_jobseeker()
    login(client, other.user)
    assert client.get(f"/werkzoekenden/{owner.id}/download").status_code == 404
    data = json.loads(client.get("/profiel/download").get_data(as_text=True))
    assert data["profile"]["id"] == other.id


def test_erasure_removes_personal_data_from_every_table(app, client):
    jobseeker = make_jobseeker(name="Karim Oukili", phone="06 99887766", about="Ik woon aan de Vasco da Gamalaan.")
    world_for(jobseeker)
    email = jobseeker.user.email
    jobseeker_id = jobseeker.id
    login(client, jobseeker.user)
    token = csrf_token(client, "/profiel/verwijderen")
    response = client.post("/profiel/verwijderen", data={"confirm": "y", "csrf_token": token})
    assert response.status_code == 302
    everything = repr(table_contents(app.config["SQLALCHEMY_DATABASE_URI"]))
    for personal in ("Karim", "Oukili", "06 99887766", email, "Vasco da Gamalaan", "Belt graag", "Lijkt me leuk",
                     "vrouw"):
        assert personal not in everything, personal
    stub = db.session.get(Jobseeker, jobseeker_id)
    assert stub is not None and stub.status == "erased" and stub.postcode == "3526"
    # Statistics keep the decided suggestion and the placement, without the person.
    assert db.session.scalar(select(Suggestion).where(Suggestion.jobseeker_id == jobseeker_id)).decision == "shortlist"
    assert db.session.scalar(select(Placement).where(Placement.jobseeker_id == jobseeker_id)).stage == "kennismaking"
    # The old session is gone and cannot log in again.
    assert client.get("/profiel").status_code == 302


def test_each_request_gets_the_catalog_of_its_own_language(client):
    # the templates' catalog is looked up once per request: switching language takes effect on the next page
    assert "What we keep about you" in client.get("/privacy?lang=en").get_data(as_text=True)
    assert "What we keep about you" in client.get("/privacy").get_data(as_text=True)  # remembered in the session
    dutch = client.get("/privacy?lang=nl").get_data(as_text=True)
    assert "What we keep about you" not in dutch and "Wat we van je bewaren" in dutch
