"""Phone numbers are shown the way people here write them ("06 12345678", "030 123 4567"), wherever staff, a
business or a resident read them, whether they were saved as "+31..." or as typed."""

from tests.factories import make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import text
from tests.werkstation.placements.test_work_state import both_yes
from tests.werkstation.staff.workspace import business_user, proposed
from werkstation import matching_bridge
from werkstation.extensions import db


def test_after_both_said_yes_each_side_reads_the_others_number_as_people_write_it(app, client):
    business = make_business(phone="+31301234567")
    vacancy = make_vacancy(business=business)
    person = make_jobseeker(phone="+31612345678")
    matching_bridge.rescore(vacancy)
    db.session.commit()
    placement = proposed(vacancy, person)
    both_yes(placement)
    db.session.commit()
    login(client, business_user(vacancy))
    shown = text(client.get(f"/plaatsingen/{placement.id}").get_data(as_text=True))
    assert "06 12345678" in shown and "+31612345678" not in shown
    resident = app.test_client()
    login(resident, person.user)
    shown = text(resident.get(f"/plaatsingen/{placement.id}").get_data(as_text=True))
    assert "030 123 4567" in shown and "+31301234567" not in shown


def test_staff_read_a_persons_number_as_people_write_it(app, client):
    person = make_jobseeker(phone="+31612345678")
    db.session.commit()
    login(client, make_user("staff"))
    for url in (f"/medewerker/werkzoekenden/{person.id}", f"/medewerker/werkzoekenden/{person.id}/contact"):
        shown = text(client.get(url).get_data(as_text=True))
        assert "06 12345678" in shown and "+31612345678" not in shown, url


def test_a_resident_reads_her_own_number_as_she_would_write_it(app, client):
    person = make_jobseeker(phone="+31612345678")
    db.session.commit()
    login(client, person.user)
    shown = text(client.get("/profiel/mijn-gegevens").get_data(as_text=True))
    assert "06 12345678" in shown and "+31612345678" not in shown
