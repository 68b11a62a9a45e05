"""A form sent after the session ended (away too long) or after the form expired keeps what was typed: log in
again and the text is there, with one button to send it; nobody else on the same computer sees it."""


from tests.factories import PASSWORD, make_jobseeker, make_user
from tests.helpers import csrf_token, login
from tests.html import form_state, page
from werkstation.extensions import db
from werkstation.models import Jobseeker

ABOUT = "Ik werkte tien jaar in de bakkerij van mijn oom en sta graag vroeg op."
EDIT = "/profiel/wijzigen/over-jou"


def send_after_a_long_break(app, client, clock, person):
    """Open the form, go away longer than the idle time, then send it."""
    state = form_state(client.get(EDIT))
    clock.offset += app.config["SESSION_IDLE_TIMEOUT"].total_seconds() + 60
    return client.post(EDIT, data={**state, "name": person.name, "phone": "", "about": ABOUT})


def log_in_again(client, email):
    token = csrf_token(client, "/inloggen")
    return client.post("/inloggen?next=/formulier-terug", data={"email": email, "password": PASSWORD,
                                                              "csrf_token": token})


def send_again(client, response):
    form = page(response).find("form", attrs={"action": EDIT})
    data = {tag["name"]: tag.get("value", "") for tag in form.find_all("input")}
    return client.post(form["action"], data=data)


def test_after_the_idle_time_the_text_comes_back_after_logging_in_and_is_saved(app, client, clock):
    person = make_jobseeker()
    login(client, person.user)
    sent = send_after_a_long_break(app, client, clock, person)
    assert sent.status_code == 302 and "/inloggen" in sent.headers["Location"]
    assert "niet actief" in client.get(sent.headers["Location"]).get_data(as_text=True)
    back = log_in_again(client, person.user.email)
    assert back.status_code == 302 and back.headers["Location"].endswith("/formulier-terug")
    kept = client.get("/formulier-terug")
    assert kept.status_code == 200 and ABOUT in page(kept).select_one("main").get_text()
    saved = send_again(client, kept)
    assert saved.status_code == 302
    assert db.session.get(Jobseeker, person.id).about == ABOUT


def test_someone_else_logging_in_on_the_same_computer_does_not_see_it(app, client, clock):
    person = make_jobseeker()
    login(client, person.user)
    send_after_a_long_break(app, client, clock, person)
    neighbour = make_user(role="jobseeker")
    response = log_in_again(client, neighbour.email)
    assert response.status_code == 302
    assert ABOUT not in client.get("/formulier-terug", follow_redirects=True).get_data(as_text=True)
    assert client.post(EDIT, data={"about": ABOUT}).status_code == 400  # no token at all: not one of our forms
    assert db.session.get(Jobseeker, person.id).about != ABOUT


def test_an_expired_form_while_logged_in_shows_the_text_at_once(app, client):
    person = make_jobseeker()
    login(client, person.user)
    state = form_state(client.get(EDIT))
    sent = client.post(EDIT, data={**state, "csrf_token": "verlopen", "name": person.name, "phone": "",
                                   "about": ABOUT})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/formulier-terug")
    kept = client.get("/formulier-terug")
    assert ABOUT in kept.get_data(as_text=True)
    assert send_again(client, kept).status_code == 302
    assert db.session.get(Jobseeker, person.id).about == ABOUT


def test_a_password_is_never_kept(app, client):
    response = client.post("/registreren/werkzoekende", data={
        "phone": "06 12345678", "email": "", "password": "geheim wachtwoord 77 oranje",
        "password_again": "geheim wachtwoord 77 oranje", "csrf_token": "van-een-verlopen-sessie"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/formulier-terug")
    kept = client.get("/formulier-terug").get_data(as_text=True)
    assert "06 12345678" in kept and "geheim wachtwoord" not in kept


def test_a_form_another_site_sends_is_not_kept(app, client):
    person = make_jobseeker()
    login(client, person.user)
    state = form_state(client.get(EDIT))
    for headers in ({"Origin": "https://kwaadwillend.example"}, {"Sec-Fetch-Site": "cross-site"}):
        sent = client.post(EDIT, data={**state, "csrf_token": "oud", "about": ABOUT}, headers=headers)
        assert sent.status_code == 400
    assert ABOUT not in client.get("/formulier-terug", follow_redirects=True).get_data(as_text=True)
    assert client.post(EDIT, data={"about": ABOUT}).status_code == 400  # no token at all: not one of our forms
