"""Numbers as residents type them: a decimal comma or letters in the hours keep what was typed with a message;
0 to 0 hours is refused; Arabic-Indic and Persian digits count as the digits 0-9; the Dutch-level list starts with
the lowest level."""

import pytest

from tests.factories import make_user
from tests.helpers import login
from tests.html import page, values
from tests.werkstation.jobseekers.test_intake import ANSWERS, post_step


@pytest.fixture
def seeker(client, app):
    login(client, make_user(role="jobseeker"))
    return client


def field_value(html, name):
    return page(html).find("input", attrs={"name": name}).get("value")


def error_of(html, name):
    found = page(html).find(id=f"{name}-error")
    return found.get_text(" ", strip=True) if found else ""


@pytest.mark.parametrize("typed", ["12,5", "abc"])
def test_hours_that_are_no_whole_number_stay_in_the_field_with_a_message(seeker, typed):
    response = post_step(seeker, "/intake/uren", {**ANSWERS["uren"], "hours_min": typed})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert field_value(html, "hours_min") == typed
    # A browser empties a type="number" box holding "12,5" or "abc": the box must be a text box to show it.
    assert page(html).find("input", attrs={"name": "hours_min"}).get("type") == "text"
    assert field_value(html, "hours_max") == "24"
    assert "Vul een heel getal in, zoals 12." in error_of(html, "hours_min")


def test_zero_to_zero_hours_is_refused(seeker):
    response = post_step(seeker, "/intake/uren", {**ANSWERS["uren"], "hours_min": "0", "hours_max": "0"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Vul minstens 1 uur in." in error_of(html, "hours_max")


@pytest.mark.parametrize("typed", ["٣٥٢٦ KL", "۳۵۲۶ KL", "٣٥٢٦kl"])
def test_a_postcode_in_arabic_or_persian_digits_is_taken(seeker, typed):
    response = post_step(seeker, "/intake/reizen", {**ANSWERS["reizen"], "postcode": typed})
    assert response.status_code == 302
    html = seeker.get("/intake/reizen").get_data(as_text=True)
    assert field_value(html, "postcode") == "3526 KL"


def test_hours_in_arabic_digits_are_taken(seeker):
    response = post_step(seeker, "/intake/uren", {**ANSWERS["uren"], "hours_min": "٨", "hours_max": "۲۴"})
    assert response.status_code == 302
    html = seeker.get("/intake/uren").get_data(as_text=True)
    assert (field_value(html, "hours_min"), field_value(html, "hours_max")) == ("8", "24")


def test_the_dutch_level_list_starts_with_not_speaking_dutch_yet(seeker):
    html = seeker.get("/intake/talen").get_data(as_text=True)
    assert values(html, "dutch")[0] == "none"
    labels = [label.get_text(" ", strip=True) for label in page(html).select("fieldset label")]
    assert labels[0] == "Ik spreek nog geen Nederlands"


def test_line_breaks_in_about_you_stay_on_the_summary(seeker):
    from tests.werkstation.jobseekers.test_intake import run_intake

    about = 'Eerste regel & "tırnak"\nTweede regel <b>niet vet</b>'
    run_intake(seeker, answers={**ANSWERS, "over-jou": {**ANSWERS["over-jou"], "about": about}})
    html = seeker.get("/intake/toestemming").get_data(as_text=True)
    shown = [dd for dd in page(html).find_all("dd") if "Eerste regel" in dd.get_text()]
    assert shown and "own-words" in shown[0]["class"]  # white-space: pre-line keeps the line break visible
    assert shown[0].get_text().replace("\r\n", "\n") == about.replace("\r\n", "\n")
    assert "<b>niet vet</b>" not in html
