"""Numbers typed on an Arabic keyboard: Arabic-Indic (٠-٩) and Persian (۰-۹) digits count as 0-9 in the KvK number,
the phone number and dates and times, as they already do in postcodes and hours."""

import pytest
from sqlalchemy import select

from tests.helpers import finish_signup, post_form
from tests.werkstation.auth.test_register_login_logout import GOOD_BUSINESS
from werkstation.extensions import db
from werkstation.models import Business


@pytest.mark.parametrize(("kvk", "phone"), [("١٢٣٤٥٦٧٨", "٠٦ ١٢٣٤٥٦٧٨"), ("۱۲ ۳۴ ۵۶ ۷۸", "۰۶-۱۲۳۴۵۶۷۸")])
def test_a_kvk_number_in_arabic_or_persian_digits_is_taken(client, kvk, phone):
    response = post_form(client, "/registreren/bedrijf", {**GOOD_BUSINESS, "kvk_number": kvk, "phone": phone})
    assert "Kijk in je e-mail" in response.get_data(as_text=True)
    assert finish_signup(client, "hanna@demolen.nl").status_code == 302
    business = db.session.scalar(select(Business))
    assert (business.kvk_number, business.phone) == ("12345678", "+31612345678")


def test_the_same_kvk_number_in_arabic_digits_is_recognised_as_taken(client):
    from tests.factories import make_business

    make_business(kvk_number="12345678")
    html = post_form(client, "/registreren/bedrijf", {**GOOD_BUSINESS, "kvk_number": "١٢٣٤٥٦٧٨"}).get_data(as_text=True)
    assert "Dit KvK-nummer is al aangemeld." in html


def test_dates_and_times_in_arabic_digits_are_read(app):
    from datetime import date, time

    from werkzeug.datastructures import MultiDict

    from werkstation.fields import DateField, TimeField
    from werkstation.forms import Form

    class MeetingForm(Form):
        day = DateField("Datum")
        at = TimeField("Tijd")

    with app.test_request_context(method="POST"):
        form = MeetingForm(formdata=MultiDict({"day": "٢٠٢٧-٠٣-٠١", "at": "۱۰:۳۰"}), meta={"csrf": False})
        assert form.validate(), form.errors
        assert (form.day.data, form.at.data) == (date(2027, 3, 1), time(10, 30))
