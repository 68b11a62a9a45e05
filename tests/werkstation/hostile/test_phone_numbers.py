"""Phone numbers are stored in one form (E.164), however people type them, and every form's length limit equals
the column it is stored in: a long but valid number never breaks a save (it did on PostgreSQL's 20-character column)."""

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import EqualTo, Length

from tests.factories import make_business, make_jobseeker
from tests.helpers import login, post_form
from tests.html import page
from werkstation.auth.forms import BusinessRegistrationForm, LoginForm
from werkstation.extensions import db
from werkstation.fields import EuroField, PhoneField
from werkstation.jobseekers.steps import AboutForm, StaffAboutForm
from werkstation.models import Business, Jobseeker, Placement, User, Vacancy
from werkstation.staff.forms import MoveForm
from werkstation.vacancies.forms import BusinessForm, VacancyForm
from werkstation.validators import KvkNumber, Postcode, StrongPassword

LONG_BUT_VALID = "+31 (0)6 - 12 - 34 - 56 - 78"  # 29 characters, a valid Dutch mobile number


def test_business_registration_stores_a_long_typed_number_as_e164(client):
    data = {"name": "Bakkerij De Molen", "kvk_number": "12345678", "sector": "bakkerij", "postcode": "3526ab",
            "contact_name": "Hanna de Wit", "phone": LONG_BUT_VALID, "email": "hanna@demolen.nl",
            "password": "brood-bakken-om-vijf", "password_again": "brood-bakken-om-vijf"}
    assert "Kijk in je e-mail" in post_form(client, "/registreren/bedrijf", data).get_data(as_text=True)
    assert db.session.scalar(select(Business)).phone == "+31612345678"


def test_resident_finishes_the_about_step_with_a_long_typed_number(client):
    person = make_jobseeker(name="Amina")
    login(client, person.user)
    data = {"name": "Amina", "phone": LONG_BUT_VALID, "about": ""}
    assert post_form(client, "/profiel/wijzigen/over-jou", data).status_code == 302
    db.session.refresh(person)
    assert person.phone == "+31612345678"


def test_business_details_accept_a_long_number_and_refuse_a_wrong_one_keeping_it(client):
    business = make_business(phone="06 11122233")
    login(client, business.users[0])
    data = {"name": business.name, "sector": business.sector, "postcode": business.postcode,
            "contact_name": "Piet", "phone": "0031 6 11 12 22 33 "}
    assert post_form(client, "/bedrijf/gegevens", data).status_code == 302
    db.session.refresh(business)
    assert business.phone == "+31611122233"
    wrong = "06 1234 5678 9012 3456 7890 1234"
    html = page(post_form(client, "/bedrijf/gegevens", dict(data, phone=wrong)))
    assert html.find(id="phone-error") is not None and html.find("input", attrs={"name": "phone"})["value"] == wrong
    db.session.refresh(business)
    assert business.phone == "+31611122233"


@pytest.mark.parametrize("typed", ["06-12345678", "0612345678", "+31612345678", "06 12 34 56 78", "+31 (0)6 12345678"])
def test_every_way_of_typing_a_number_gives_the_same_stored_form(app, typed):
    with app.test_request_context(method="POST", data={"phone": typed}):
        form = BusinessForm(meta={"csrf": False})
        form.phone.validate(form)
        assert form.phone.data == "+31612345678" and not form.phone.errors


FORM_COLUMNS = [  # (form, field, column it is stored in)
    (BusinessRegistrationForm, "name", Business.name), (BusinessRegistrationForm, "contact_name", Business.contact_name),
    (BusinessRegistrationForm, "email", User.email), (BusinessForm, "name", Business.name),
    (BusinessForm, "contact_name", Business.contact_name), (VacancyForm, "title", Vacancy.title),
    (AboutForm, "name", Jobseeker.name), (StaffAboutForm, "email", Jobseeker.email),
    (MoveForm, "meeting_place", Placement.meeting_place),
    (VacancyForm, "cao_name", Vacancy.cao_name), (VacancyForm, "work_address", Vacancy.work_address),
    (LoginForm, "email", User.email),
]


def max_length(field):
    limits = [v.max for v in field.kwargs.get("validators", []) if isinstance(v, Length)]
    return min(limits) if limits else None


@pytest.mark.parametrize(("form", "name", "column"), FORM_COLUMNS, ids=lambda x: getattr(x, "__name__", str(x)))
def test_every_form_length_limit_equals_its_column(form, name, column):
    field = getattr(form, name)
    assert max_length(field) == column.type.length


def test_every_phone_field_fits_its_column_after_normalising():
    forms = [BusinessRegistrationForm, BusinessForm, AboutForm]
    for form in forms:
        assert form.phone.field_class is PhoneField
    assert len("+" + "9" * 15) <= min(Business.phone.type.length, Jobseeker.phone.type.length, User.phone.type.length)


def every_form_class(base=FlaskForm):
    for sub in base.__subclasses__():
        yield sub
        yield from every_form_class(sub)


def shaped(field):
    """A validator that only lets through a fixed shape (a postcode, a KvK number, a password of at most 200)."""
    kinds = (Postcode, KvkNumber, StrongPassword, EqualTo)
    return any(isinstance(v, kinds) for v in field.kwargs.get("validators", []))


def test_every_text_box_has_a_length_limit(app):
    """A text box without a limit would let a 5000-character text reach a String column (the app is made first, so
    every blueprint's forms are imported)."""
    unlimited = []
    for form in set(every_form_class()):
        for name in dir(form):
            field_class = getattr(getattr(form, name, None), "field_class", None)
            if not field_class or not issubclass(field_class, (StringField, TextAreaField)):
                continue
            # A phone number and an amount in euros are parsed into their own short shape (or refused).
            if issubclass(field_class, (PhoneField, EuroField, HiddenField)) or name == "csrf_token" or shaped(getattr(form, name)):
                continue
            if max_length(getattr(form, name)) is None:
                unlimited.append(f"{form.__name__}.{name}")
    assert sorted(unlimited) == [], sorted(unlimited)
