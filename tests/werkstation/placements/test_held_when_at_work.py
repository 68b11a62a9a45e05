"""A resident who starts working elsewhere, or who paused their profile, cannot say yes to a running proposal any
more: staff are told it stands still, the resident reads why, and the business never hears "wil kennismaken"."""

from flask import Flask
from sqlalchemy import select

from tests.factories import make_user, make_vacancy
from tests.helpers import login
from tests.html import form_state, text
from tests.werkstation.placements.test_work_state import start_trial
from tests.werkstation.staff.workspace import answer, business_user, proposed, scored
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import Placement
from werkstation.outbox.models import Message, MessageKind


def messages_of(kind):
    return db.session.scalars(select(Message).where(Message.kind == kind).order_by(Message.id)).all()


def two_proposals(staff):
    """One person proposed for a morning job and for an afternoon job (no clash in time)."""
    vacancy, (person,) = scored()
    other = make_vacancy(title="Afwasser", schedule={"mon": ["afternoon"]}, hours_min=4, hours_max=8)
    matching_bridge.rescore(other)
    db.session.commit()
    return proposed(vacancy, person, staff), proposed(other, person, staff)


def test_a_trial_elsewhere_flags_the_other_proposal_and_the_resident_cannot_say_yes(app: Flask, client):
    staff = make_user("staff")
    working, other = two_proposals(staff)
    start_trial(working, staff)
    held = [m for m in messages_of(MessageKind.PROPOSAL_ON_HOLD) if m.placement_id == other.id]
    assert staff.id in {m.recipient_user_id for m in held}
    to_staff = next(m for m in held if m.recipient_user_id == staff.id)
    assert "ergens anders aan het werk" in to_staff.body_text
    business = business_user(other.vacancy)
    assert any(m.recipient_user_id == business.id for m in held)
    person = other.jobseeker
    login(client, person.user)
    page = text(client.get(f"/plaatsingen/{other.id}").get_data(as_text=True))
    assert "Je bent nu ergens anders aan het werk" in page and "Antwoord versturen" not in page
    refused = answer(client, other, yes=True)
    assert refused.status_code == 409
    assert "ergens anders aan het werk" in refused.get_data(as_text=True)
    assert db.session.get(Placement, other.id).jobseeker_response is None
    assert not [m for m in messages_of(MessageKind.ANSWER_YES) if m.placement_id == other.id]
    staff_client = app.test_client()
    login(staff_client, staff)
    staff_page = staff_client.get(f"/medewerker/plaatsingen/{other.id}").get_data(as_text=True)
    assert "Staat stil: de werkzoekende is ergens anders aan het werk gegaan." in staff_page


def test_a_paused_resident_cannot_say_yes_to_a_proposal_that_stands_still(app: Flask, client):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person, staff)
    login(client, person.user)
    client.post("/profiel/status", data={**form_state(client.get("/profiel")), "action": "pause"})
    page = text(client.get(f"/plaatsingen/{placement.id}").get_data(as_text=True))
    assert "Je profiel staat op pauze" in page and "Antwoord versturen" not in page
    refused = answer(client, placement, yes=True)
    assert refused.status_code == 409 and "Je profiel staat op pauze" in refused.get_data(as_text=True)
    assert db.session.get(Placement, placement.id).jobseeker_response is None
