"""CSV import and export for staff: documented columns, ';' or ',', UTF-8 with or without BOM, all or nothing."""

import io

import pytest
from sqlalchemy import func, select

from tests.factories import CLEANER, make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import form_state, page
from werkstation.extensions import db
from werkstation.imports.csvfiles import JOBSEEKER_COLUMNS, VACANCY_COLUMNS
from werkstation.models import AuditEvent, Jobseeker, Suggestion, Vacancy

VACANCY_CSV = (
    "kvk;titel;omschrijving;uren_min;uren_max;plekken;rooster;talenten_nodig;talenten_fijn;nederlands;rijbewijzen;certificaten;loon;cao;contract;naam_tonen\n"
    "12345678;Schoonmaker kantoren;Kantoren schoonmaken;12;20;2;ma:ochtend wo:ochtend;schoonmaken;Op tijd zijn en plannen;A2;;;14,75;;tijdelijk;ja\n"
    "12345678;Keukenhulp;Afwassen en snijden;8;16;1;vr:avond za:avond;Koken;;A1;;HACCP;;cao Horeca;oproep;\n"
)
JOBSEEKER_CSV = (
    "naam,telefoon,postcode,beroepen,talenten,uren_min,uren_max,beschikbaarheid,vervoer,reistijd,talen,rijbewijzen,certificaten,over,toestemming\n"
    "Amina,06 12345678,3526kl,schoonmaker,Schoonmaken|tijd beheren,8,24,ma:ochtend wo:ochtend,fiets,30,nl:A2|ar:C2,B,,Werkt graag vroeg,ja\n"
    "Youssef,,3526 AB,keukenhulp,Koken,0,20,vr:avond,lopen,15,nl:B1,,HACCP,,ja\n"
)


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def staff(client):
    user = make_user(role="staff")
    login(client, user)
    return user


def refused_lines(html):
    """{line number: the reasons listed for it} from the table of refused lines."""
    return {row.td.get_text(strip=True): row.ul.get_text(" ") for row in page(html).find_all("tr") if row.ul}


def upload(client, kind, text, encoding="utf-8", filename="bestand.csv"):
    state = form_state(client.get(f"/medewerker/import/{kind}"), ("csrf_token", "form_token"))
    data = {**state, "file": (io.BytesIO(text.encode(encoding) if isinstance(text, str) else text), filename)}
    return client.post(f"/medewerker/import/{kind}", data=data, content_type="multipart/form-data")


def test_import_vacancies_semicolons_with_bom(client, staff):
    business = make_business(kvk_number="12345678")
    make_jobseeker()
    response = upload(client, "vacatures", "\ufeff" + VACANCY_CSV)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    vacancies = db.session.scalars(select(Vacancy).order_by(Vacancy.id)).all()
    assert [v.title for v in vacancies] == ["Schoonmaker kantoren", "Keukenhulp"]
    first, second = vacancies
    assert first.business_id == business.id and first.postcode == business.postcode
    assert first.schedule == {"mon": ["morning"], "wed": ["morning"]}
    assert first.preferred_talents == ["tijd beheren"]  # everyday tile words mapped to the vocabulary
    assert second.required_talents == ["bereiden van voedsel en dranken"]
    assert second.certificates == ["HACCP"] and second.languages == {"nl": "A1"}
    assert first.occupation_uri is not None
    assert (first.hourly_wage_cents, first.contract_type, first.name_visible) == (1475, "tijdelijk", True)
    assert (second.cao_name, second.hourly_wage_cents, second.contract_type, second.name_visible) == (
        "cao Horeca", None, "oproep", False)
    assert count(Suggestion) >= 1  # matched after the import
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "import.vacatures")).details["rows"] == 2


def test_import_jobseekers_commas_without_bom(client, staff):
    response = upload(client, "werkzoekenden", JOBSEEKER_CSV)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    amina, youssef = db.session.scalars(select(Jobseeker).order_by(Jobseeker.id)).all()
    assert amina.name == "Amina" and amina.postcode == "3526 KL"
    assert amina.occupations and amina.talents == ["schoonmaken", "tijd beheren"]
    assert amina.languages == {"nl": "A2", "ar": "C1"}
    assert amina.travel_mode == "bike" and amina.max_travel_minutes == 30
    assert amina.consent_in_person and amina.consent_recorded_by_id == staff.id and amina.consent_at is not None
    assert youssef.hours_min == 0 and youssef.travel_mode == "walk" and youssef.certificates == ["HACCP"]
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "jobseeker.import")).all()
    assert {e.jobseeker_id for e in events} == {amina.id, youssef.id}


def test_a_file_with_errors_imports_nothing_and_lists_every_bad_row(client, staff):
    make_business(kvk_number="12345678")
    bad = VACANCY_CSV + (
        "12345678;Inpakker;;30;10;1;ma:ochtend;schoonmaken;;;;;14,75;;vast;\n"  # line 4: min > max
        "99999999;Bezorger;;8;16;1;zo:middernacht;vliegen;;Z9;Q;;9,00;;altijd;\n"  # line 5: many problems
    )
    response = upload(client, "vacatures", bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Er is niets geïmporteerd" in html
    assert count(Vacancy) == 0  # the two good rows were not imported either
    rows = refused_lines(html)
    assert set(rows) == {"4", "5"}
    assert "Het maximum moet even groot of groter zijn dan het minimum." in rows["4"]
    for reason in ("kvk:", "zo:middernacht", "vliegen", "nederlands:", "rijbewijzen:", "loon:", "contract:"):
        assert reason in rows["5"], reason


def test_jobseeker_rows_need_consent_and_valid_values(client, staff):
    bad = JOBSEEKER_CSV + (
        "Piet,12,1000 AA,astronautje-xyz-qq,Schoonmaken,8,80,ma:ochtend,raket,25,kl:A1,,,,nee\n"
    )
    html = upload(client, "werkzoekenden", bad).get_data(as_text=True)
    assert count(Jobseeker) == 0
    rows = refused_lines(html)
    assert set(rows) == {"4"}
    for reason in ("toestemming:", "telefoon:", "postcode:", "uren_max:", "vervoer:", "reistijd:", "talen:"):
        assert reason in rows["4"], reason


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("naam;postcode\n".encode("utf-16"), "geen UTF-8"),
        (b"", "Kies een bestand."),
        (b"kvk;titel;geheim\n1;2;3\n", "Onbekende kolom"),
        (b"kvk;titel\n12345678;Kok\n", "ontbreken"),
        (b"kvk;titel;uren_min;uren_max;plekken;rooster\n", "geen regels met gegevens"),
        ("Schoonmaker kantoren;12\n".encode("latin-1") + "café".encode("latin-1"), "geen UTF-8"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(client, staff, content, message):
    response = upload(client, "vacatures", content, filename="" if not content else "x.csv")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert count(Vacancy) == 0


def test_too_many_cells_on_a_row_is_reported(client, staff):
    make_business(kvk_number="12345678")
    text = VACANCY_CSV + "12345678;Extra;;8;16;1;ma:ochtend;schoonmaken;;;;;;;;;;;;\n"
    html = upload(client, "vacatures", text).get_data(as_text=True)
    assert "meer kolommen" in html and count(Vacancy) == 0


def test_export_then_import_round_trip_updates_in_place(client, staff):
    business = make_business(kvk_number="12345678")
    vacancy = make_vacancy(business=business, title="=HYPERLINK(\"x\")", seats=3)
    jobseeker = make_jobseeker(name="Amina", phone="+31 6 12345678")
    vacancies_csv = client.get("/medewerker/export/vacatures.csv")
    assert vacancies_csv.headers["Content-Type"].startswith("text/csv")
    text = vacancies_csv.get_data(as_text=True)
    assert text.startswith("\ufeff") and text.splitlines()[0].lstrip("\ufeff") == ";".join(c.name for c in VACANCY_COLUMNS)
    assert "'=HYPERLINK" in text  # a formula is written as text
    people_csv = client.get("/medewerker/export/werkzoekenden.csv").get_data(as_text=True)
    assert people_csv.splitlines()[0].lstrip("\ufeff") == ";".join(c.name for c in JOBSEEKER_COLUMNS)
    assert "Amina" in people_csv and "'+31 6 12345678" in people_csv
    # Re-import both files unchanged: same rows, updated in place, nothing new.
    assert upload(client, "vacatures", text).status_code == 302
    assert upload(client, "werkzoekenden", people_csv).status_code == 302
    assert count(Vacancy) == 1 and count(Jobseeker) == 1
    db.session.refresh(vacancy)
    db.session.refresh(jobseeker)
    assert vacancy.title == '=HYPERLINK("x")' and vacancy.seats == 3
    assert jobseeker.phone == "+31612345678" and jobseeker.occupations == [CLEANER]  # stored in one form (E.164)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export.werkzoekenden")) is not None


def test_erased_people_are_not_exported(client, staff):
    make_jobseeker(name="Weg", status="erased")
    assert "Weg" not in client.get("/medewerker/export/werkzoekenden.csv").get_data(as_text=True)


def test_help_page_documents_every_column(client, staff):
    html = client.get("/medewerker/import/uitleg").get_data(as_text=True)
    for column in (*VACANCY_COLUMNS, *JOBSEEKER_COLUMNS):
        assert f"<code>{column.name}</code>" in html


@pytest.mark.parametrize("role", ["jobseeker", "business"])
def test_import_and_export_are_for_staff_only(client, role):
    user = make_business().users[0] if role == "business" else make_user(role=role)
    login(client, user)
    assert client.get("/medewerker/import").status_code == 403
    assert client.get("/medewerker/export/werkzoekenden.csv").status_code == 403
