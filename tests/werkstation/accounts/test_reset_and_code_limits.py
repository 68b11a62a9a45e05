"""Asking for a reset link and logging in with a code from staff are limited like the login: strangers who ask for
someone's link or guess their code are slowed down, but the owner on a device that logged in before gets through."""

from sqlalchemy import select

from tests.factories import make_jobseeker, make_user
from tests.helpers import csrf_token, login
from tests.werkstation.auth.test_login_limits import Clock, logged_out_known_device
from werkstation.accounts import tokens
from werkstation.extensions import db
from werkstation.models import User
from werkstation.outbox.models import Message

NEW_PASSWORD = "kastanje 61 snelweg viool"


def ask_link(client, email, address):
    token = csrf_token(client, "/wachtwoord-vergeten")
    return client.post("/wachtwoord-vergeten", data={"email": email, "csrf_token": token},
                       environ_base={"REMOTE_ADDR": address})


def try_code(client, account, code, address):
    token = csrf_token(client, "/inloggen/met-code")
    data = {"account": account, "code": code, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD,
            "csrf_token": token}
    return client.post("/inloggen/met-code", data=data, environ_base={"REMOTE_ADDR": address})


def reset_links(email):
    return db.session.scalar(select(db.func.count()).select_from(Message).where(
        Message.address == email, Message.kind == "password_reset"))


def test_strangers_asking_links_for_an_address_do_not_refuse_its_owner(app, monkeypatch):
    Clock(monkeypatch)
    user = make_user(role="jobseeker")
    owner = logged_out_known_device(app, user)
    statuses = [ask_link(app.test_client(), user.email.upper(), f"10.3.{i}.1").status_code for i in range(21)]
    assert statuses == [200] * 20 + [429]  # strangers: 20 an hour for one address, however it is typed
    assert reset_links(user.email) == 20
    # The owner's phone, where they logged in before, still gets a link, from an address never seen before.
    response = ask_link(owner, user.email, "10.5.5.5")
    assert response.status_code == 200
    assert reset_links(user.email) == 21


def test_a_known_device_has_its_own_limit_for_links(app, monkeypatch):
    Clock(monkeypatch)
    user = make_user(role="jobseeker")
    owner = logged_out_known_device(app, user)
    statuses = [ask_link(owner, user.email, f"10.6.{i}.1").status_code for i in range(6)]
    assert statuses == [200] * 5 + [429]


def test_the_wait_page_after_too_many_link_requests_offers_the_cooperative_not_the_same_page(app, monkeypatch):
    from tests.html import link, page, text

    Clock(monkeypatch)
    user = make_user(role="jobseeker")
    statuses = [ask_link(app.test_client(), user.email, f"10.7.{i}.1").status_code for i in range(21)]
    blocked = ask_link(app.test_client(), user.email, "10.7.99.1")
    assert statuses[-1] == blocked.status_code == 429
    html = blocked.get_data(as_text=True)
    in_page = [a["href"] for a in page(html).select("main a[href]")]
    assert "/wachtwoord-vergeten" not in in_page  # they are on that page already: no link back to it
    assert "Bel of kom langs bij de coöperatie. Wij helpen je weer inloggen." in text(html)
    assert link(html, "tel:") and link(html, "/cooperatie")


def resident_with_code(app):
    person = make_jobseeker(with_user=False, email=None, phone="06 12312312")
    staff = make_user("staff")
    client = app.test_client()
    login(client, staff)
    client.post(f"/medewerker/werkzoekenden/{person.id}/code",
                data={"csrf_token": csrf_token(client, f"/medewerker/werkzoekenden/{person.id}")})
    return db.session.scalar(select(User).where(User.phone == "+31612312312"))


def test_strangers_guessing_a_code_do_not_refuse_the_resident_on_a_known_device(app, monkeypatch):
    clock = Clock(monkeypatch)
    user = resident_with_code(app)
    user.set_password("oud wachtwoord van de buurman 12")
    db.session.commit()
    owner = logged_out_known_device_by_phone(app, "06 12312312", "oud wachtwoord van de buurman 12")
    code = tokens.new_code(user, None)
    db.session.commit()
    statuses = []
    for i in range(21):  # the number typed in several ways counts as one account
        typed = ("06-12312312", "+31 6 1231 2312", "0612312312")[i % 3]
        statuses.append(try_code(app.test_client(), typed, f"{i:08d}", f"10.3.{i}.1").status_code)
        clock.offset += 1
    assert statuses == [200] * 20 + [429]
    assert try_code(app.test_client(), "0612312312", code, "10.4.4.4").status_code == 429  # strangers wait
    done = try_code(owner, "0612312312", code, "10.5.5.5")
    assert done.status_code == 302 and owner.get("/dashboard").status_code == 200


def logged_out_known_device_by_phone(app, phone, password):
    client = app.test_client()
    login(client, phone, password)
    assert client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/account")}).status_code == 302
    return client


def test_a_right_code_does_not_count_and_a_wrong_one_does(app, monkeypatch):
    Clock(monkeypatch)
    user = resident_with_code(app)
    client = app.test_client()
    statuses = [try_code(client, "0612312312", "1111 1111", "10.7.7.7").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]  # 5 a minute from one address for one account
    code = tokens.new_code(user, None)
    db.session.commit()
    assert try_code(app.test_client(), "0612312312", code, "10.8.8.8").status_code == 302
