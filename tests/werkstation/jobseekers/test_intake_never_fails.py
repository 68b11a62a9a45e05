"""No form of the intake area answers with a 500, whatever is posted."""

import pytest

from tests.factories import make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import field_names, form_state

NASTY = ["", " ", "x" * 5000, "-1", "1e9", "99999999999999999999999", "\x00", "<script>alert(1)</script>",
         "NaN", "2027-02-30", "mon:morning", "☃", "../../etc/passwd", "0"]


def fuzz(client, url, extra=None, state_url=None):
    html = client.get(state_url or url).get_data(as_text=True)
    state = form_state(html, ("csrf_token", "form_token"))
    names = {n for n in field_names(html) if n not in ("csrf_token", "form_token")}
    for value in NASTY:
        data = {name: [value, value] for name in names}
        data.update(state)
        data.update(extra or {})
        response = client.post(url, data=data)
        assert response.status_code < 500, (url, value)


@pytest.mark.parametrize("name", ["werk", "talenten", "uren", "reizen", "talen", "papieren", "over-jou", "toestemming"])
def test_intake_pages_never_fail(client, name):
    login(client, make_user(role="jobseeker"))
    fuzz(client, f"/intake/{name}")


def test_profile_and_vacancy_pages_never_fail(client):
    jobseeker = make_jobseeker()
    login(client, jobseeker.user)
    for name in ["werk", "uren", "talen", "over-jou"]:
        fuzz(client, f"/profiel/wijzigen/{name}")
    fuzz(client, "/profiel/status", state_url="/profiel")
    business = make_business()
    vacancy = make_vacancy(business=business)
    client.post("/uitloggen", data=form_state(client.get("/profiel"), ("csrf_token",)))
    login(client, business.users[0])
    for url in ["/vacatures/nieuw", f"/vacatures/{vacancy.id}/bewerken", "/bedrijf/gegevens"]:
        fuzz(client, url)
    fuzz(client, f"/vacatures/{vacancy.id}/status", state_url=f"/vacatures/{vacancy.id}")
