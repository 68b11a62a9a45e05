"""When staff record that a trial or a contract starts, the resident and the business hear it, with the dates, in
their own language."""

from datetime import date

from sqlalchemy import select

from tests.factories import make_user
from tests.werkstation.placements.test_work_state import start_trial
from tests.werkstation.staff.workspace import business_user, proposed, scored
from werkstation.extensions import db
from werkstation.outbox.models import Message, MessageKind
from werkstation.placements import pipeline


def started():
    return db.session.scalars(select(Message).where(Message.kind == MessageKind.WORK_STARTED)
                              .order_by(Message.id)).all()


def test_both_sides_hear_when_a_trial_and_a_contract_start(app):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    person.user.locale = "en"
    placement = proposed(vacancy, person, staff)
    start_trial(placement, staff)
    told = started()
    business = business_user(vacancy)
    assert {m.recipient_user_id for m in told} == {business.id, person.user.id}
    to_business = next(m for m in told if m.recipient_user_id == business.id)
    assert "De proefplaatsing begint" in to_business.subject and "2026" in to_business.body_text
    assert person.name not in to_business.body_text
    to_person = next(m for m in told if m.recipient_user_id == person.user.id)
    assert to_person.language == "en" and "trial" in to_person.subject.lower()
    pipeline.move(placement, "in_dienst", staff, employed_since=date(2027, 2, 1), employer_of_record="cooperative")
    db.session.commit()
    contract = [m for m in started() if m.recipient_user_id == business.id and m.id != to_business.id]
    assert len(contract) == 1 and "de coöperatie" in contract[0].body_text
