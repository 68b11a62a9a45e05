"""The same person twice: warned at the staff intake and the CSV import, and merged by staff without losing a row."""

import io

from sqlalchemy import func, select

from tests.factories import make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import form_state, page, text
from tests.werkstation.jobseekers.test_intake import ANSWERS, post_step, run_intake
from tests.werkstation.staff.workspace import proposed, shortlisted
from werkstation import duplicates
from werkstation.contacts import service as contacts
from werkstation.extensions import db
from werkstation.models import (
    AuditEvent,
    FairnessSelfDescription,
    Jobseeker,
    Placement,
    Suggestion,
    User,
    Vacancy,
    utcnow,
)
from werkstation.outbox.models import Message


def names(found):
    return [d.jobseeker.name for d in found]


def test_likely_duplicates_by_phone_email_or_similar_name_and_postcode(app):
    make_jobseeker(name="Fatima el Amrani", phone="+31612345678", email="fatima@voorbeeld.nl", postcode="3526 KL")
    make_jobseeker(name="Fatima el Amrani", phone="+31699999999", email="ander@voorbeeld.nl", postcode="3511 AA")
    assert names(duplicates.likely_duplicates(phone="06-12 34 56 78")) == ["Fatima el Amrani"]
    assert names(duplicates.likely_duplicates(email="FATIMA@voorbeeld.nl ")) == ["Fatima el Amrani"]
    found = duplicates.likely_duplicates(name="Fatma El-Amrani", postcode="3526kl")
    assert names(found) == ["Fatima el Amrani"] and found[0].jobseeker.postcode == "3526 KL"
    assert names(duplicates.likely_duplicates(name="Amrani el Fatima", postcode="3526 KL")) == ["Fatima el Amrani"]
    assert duplicates.likely_duplicates(name="Johan de Boer", postcode="3526 KL") == []
    assert duplicates.likely_duplicates(name="Fatima el Amrani", postcode="9999 ZZ") == []
    assert duplicates.likely_duplicates(phone="'; DROP TABLE jobseeker; --", email="%", name="_", postcode="%") == []


def test_a_business_signed_up_twice_under_another_kvk_number_is_shown_on_its_contact_page(client):
    login(client, make_user("staff"))
    first = make_business(name="Bakkerij De Korenbloem", phone="+31301234567", postcode="3526 KL")
    by_phone = make_business(name="Korenbloem Brood", phone="030 123 45 67", postcode="3511 AA")
    by_name = make_business(name="Bakkerij de Korenbloem B.V.", phone="+31307654321", postcode="3526kl")
    other = make_business(name="Fietsenmaker Snel", phone="+31300000000", postcode="3526 KL")
    found = [d.business.id for d in duplicates.business_duplicates(first)]
    assert found == [by_phone.id, by_name.id]
    shown = page(client.get(f"/medewerker/bedrijven/{first.id}/contact"))
    warning = shown.find(class_="duplicates")
    assert [a.get_text(strip=True) for a in warning.find_all("a")] == [by_phone.name, by_name.name]
    assert warning.find("a")["href"] == f"/medewerker/bedrijven/{by_phone.id}/contact"
    assert "zelfde telefoonnummer" in warning.get_text()
    assert page(client.get(f"/medewerker/bedrijven/{other.id}/contact")).find(class_="duplicates") is None


def every_table_count():
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def test_staff_merge_a_business_signed_up_twice_keeping_every_row(client):
    staff = make_user("staff")
    login(client, staff)
    keep = make_vacancy(title="Bakker", business=make_business(name="Bakkerij Zon", phone="+31301112233")).business
    vacancy = make_vacancy(title="Verkoper", business=make_business(name="Zon Brood", phone="030 111 22 33"))
    drop = vacancy.business
    proposed(vacancy, make_jobseeker(name="Mila Verkoop"))
    contacts.add_note(drop, "call", "Gebeld over de zomer.", utcnow().date(), staff)
    contacts.add_task(drop, "Terugbellen", utcnow().date(), staff, staff)
    db.session.commit()
    drop_id, drop_user_ids = drop.id, [u.id for u in drop.users]
    url = f"/medewerker/bedrijven/{keep.id}/samenvoegen"
    form = form_state(client.get(f"/medewerker/bedrijven/{keep.id}/contact"), ("merge-csrf_token", "merge-form_token"))
    refused = client.post(url, data={**form, "merge-other": str(drop_id)})
    assert refused.status_code == 400 and "Vink aan dat het hetzelfde bedrijf is." in text(refused)
    assert client.post(url, data={**form, "merge-other": "999999", "merge-confirm": "y"}).status_code == 400
    before = every_table_count()
    merged = client.post(url, data={**form, "merge-other": str(drop_id), "merge-confirm": "y"})
    assert merged.status_code == 302
    after = every_table_count()
    assert after["business"] == before["business"] - 1 and after["audit_event"] == before["audit_event"] + 2
    assert {k: v for k, v in after.items() if k not in ("business", "audit_event", "form_submission")} == \
        {k: v for k, v in before.items() if k not in ("business", "audit_event", "form_submission")}
    db.session.expire_all()
    assert db.session.get(Vacancy, vacancy.id).business_id == keep.id
    assert all(db.session.get(User, uid).business_id == keep.id for uid in drop_user_ids)
    timeline = text(client.get(merged.headers["Location"]))
    assert "Gebeld over de zomer." in timeline and "Terugbellen" in timeline
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "business")))
    assert {"business.merge", "business.merged_into"} <= actions
    assert client.get(f"/medewerker/bedrijven/{drop_id}/contact").status_code == 404


def test_staff_intake_warns_before_saving_and_saves_only_after_different_person(client):
    existing = make_jobseeker(name="Amina Bestaat", phone="+31612345678")
    login(client, make_user("staff"))
    client.get("/medewerker/intake?opnieuw=1")
    run_intake(client, "/medewerker/intake", ANSWERS)  # the same phone number: 06 12345678
    warning = page(client.get("/medewerker/intake/toestemming")).find(id="duplicates")
    assert warning is not None and "Amina Bestaat" in warning.get_text()
    assert warning.find("a")["href"].endswith(f"/medewerker/werkzoekenden/{existing.id}")
    refused = post_step(client, "/medewerker/intake/toestemming", {"consent": "y"}, nav="save")
    assert refused.status_code == 200
    assert "vink aan dat dit een ander persoon is" in text(refused)
    assert db.session.scalar(select(func.count()).select_from(Jobseeker)) == 1
    saved = post_step(client, "/medewerker/intake/toestemming", {"consent": "y", "different_person": "y"}, nav="save")
    assert saved.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Jobseeker)) == 2


CSV_HEADER = "naam;telefoon;email;postcode;beroepen;talenten;uren_min;uren_max;beschikbaarheid;vervoer;reistijd;talen;toestemming\n"


def _upload(client, body, different=False):
    url = "/medewerker/import/werkzoekenden"
    data = {**form_state(client.get(url)), "file": (io.BytesIO((CSV_HEADER + body).encode()), "mensen.csv")}
    if different:
        data["different_people"] = "y"
    return client.post(url, data=data, content_type="multipart/form-data")


def test_csv_import_shows_likely_duplicates_and_imports_after_they_were_checked(client):
    existing = make_jobseeker(name="Yusuf Dubbel", phone="+31611112222")
    login(client, make_user("staff"))
    row = "Yusuf Dubbel;06 11112222;;3526 KL;schoonmaker;schoonmaken;8;16;ma:ochtend;fiets;20;nl:A2;ja\n"
    other = "Nieuw Mens;06 33334444;;3526 KL;schoonmaker;schoonmaken;8;16;ma:ochtend;fiets;20;nl:A2;ja\n"
    twice = other.replace("Nieuw Mens", "Nieuw Mens Twee")
    refused = _upload(client, row + other + twice)
    assert refused.status_code == 200
    errors = page(refused).find(id="bad-rows").get_text(" ")
    assert f"id {existing.id}" in errors and "zelfde telefoonnummer als regel 3" in errors
    assert db.session.scalar(select(func.count()).select_from(Jobseeker)) == 1
    done = _upload(client, row + other, different=True)
    assert done.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Jobseeker)) == 3


def _table_counts():
    counts = {}
    for table in db.metadata.sorted_tables:
        counts[table.name] = db.session.scalar(select(func.count()).select_from(table))
    return counts


def _rich_pair():
    """Two profiles of the same person, each with decisions, a placement, notes, tasks and messages."""
    staff = make_user("staff")
    keep = make_jobseeker(name="Samir Twee", with_user=False)
    drop = make_jobseeker(name="Samir Twee", postcode="3526 KL")
    proposed(make_vacancy(title="Vacature een"), keep, staff)
    proposed(make_vacancy(title="Vacature twee"), drop, staff)
    shortlisted(make_vacancy(title="Vacature drie"), drop, staff)
    for person in (keep, drop):
        contacts.add_note(person, "call", f"Gebeld met {person.id}", utcnow().date(), staff)
        contacts.add_task(person, f"Terugbellen {person.id}", utcnow().date(), staff, staff)
    db.session.add(FairnessSelfDescription(jobseeker_id=drop.id, gender="liever niet"))
    db.session.commit()
    return staff, keep, drop


def test_merge_keeps_every_related_row_and_is_audited(app):
    staff, keep, drop = _rich_pair()
    drop_id, drop_user = drop.id, drop.user_id
    before = _table_counts()
    duplicates.merge(keep, drop, staff)
    db.session.commit()
    after = _table_counts()
    expected = dict(before, jobseeker=before["jobseeker"] - 1, audit_event=before["audit_event"] + 2)
    assert after == expected
    for model in (Suggestion, Placement, Message, FairnessSelfDescription):
        assert db.session.scalar(select(func.count()).select_from(model).where(model.jobseeker_id == drop_id)) == 0
    assert db.session.scalar(select(func.count()).select_from(Placement).where(Placement.jobseeker_id == keep.id)) == 2
    assert db.session.get(User, drop_user).jobseeker.id == keep.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "jobseeker.merge"))
    assert event.actor_id == staff.id and event.details["merged_id"] == drop_id


def test_staff_merge_from_the_person_page(app, client):
    staff, keep, drop = _rich_pair()
    keep_id, drop_id = keep.id, drop.id
    login(client, staff)
    person_page = client.get(f"/medewerker/werkzoekenden/{keep.id}")
    assert "Bekijken of samenvoegen" in text(person_page)
    url = f"/medewerker/werkzoekenden/{keep.id}/dubbel"
    assert "Samir Twee" in text(client.get(url))
    unconfirmed = client.post(url, data={**form_state(client.get(url)), "other": str(drop.id)})
    assert unconfirmed.status_code == 400 and "Vink aan dat het dezelfde persoon is." in text(unconfirmed)
    tampered = client.post(url, data={**form_state(client.get(url)), "other": "999999", "confirm": "y"})
    assert tampered.status_code == 400
    merged = client.post(url, data={**form_state(client.get(url)), "other": str(drop.id), "confirm": "y"})
    assert merged.status_code == 302
    assert client.get(f"/medewerker/werkzoekenden/{drop_id}").status_code == 404
    timeline = text(client.get(f"/medewerker/werkzoekenden/{keep_id}/contact"))
    assert f"Gebeld met {drop_id}" in timeline and f"Gebeld met {keep_id}" in timeline


def test_two_profiles_with_their_own_accounts_are_not_merged(app, client):
    staff = make_user("staff")
    keep, drop = make_jobseeker(name="Twee Accounts"), make_jobseeker(name="Twee Accounts")
    login(client, staff)
    url = f"/medewerker/werkzoekenden/{keep.id}/dubbel"
    refused = client.post(url, data={**form_state(client.get(url)), "other": str(drop.id), "confirm": "y"})
    assert refused.status_code == 409 and "Beide profielen hebben een eigen account." in text(refused)
    assert db.session.get(Jobseeker, drop.id) is not None
    assert csrf_token(client, url)
