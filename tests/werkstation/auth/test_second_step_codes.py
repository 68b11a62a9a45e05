"""Staff and admin log in with a password and a TOTP code; a code works once; set-up at first login."""

import pyotp
import pytest
from sqlalchemy import select

from tests.factories import PASSWORD, make_user
from tests.helpers import csrf_token, login, totp_code
from tests.html import page
from werkstation import security
from werkstation.extensions import db
from werkstation.models import AuditEvent, User


def password_step(client, email, next_url=None):
    token = csrf_token(client, "/inloggen")
    url = "/inloggen" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": PASSWORD, "csrf_token": token})


def send_code(client, code, url="/inloggen/code"):
    token = csrf_token(client, url)
    return client.post(url, data={"code": code, "csrf_token": token})


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_password_alone_does_not_log_staff_in(client, role):
    user = make_user(role=role)
    response = password_step(client, user.email)
    assert response.headers["Location"].endswith("/inloggen/code")
    with client.session_transaction() as sess:
        assert "_user_id" not in sess
    # Halfway is not logged in: personal pages stay closed.
    assert client.get("/dashboard").status_code == 302


def test_right_code_finishes_login_and_renews_the_session(client):
    user = make_user(role="staff")
    password_step(client, user.email, next_url="/dashboard")
    with client.session_transaction() as sess:
        pending = dict(sess)
    response = send_code(client, totp_code(user))
    assert response.status_code == 302 and response.headers["Location"].endswith("/dashboard")
    with client.session_transaction() as sess:
        assert "_user_id" in sess
        assert "totp_pending" not in sess
        assert sess.get("_id") != pending.get("_id")
    assert client.get("/dashboard").status_code == 200
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == user.id)).all()
    assert "user.totp_verified" in actions and "user.login" in actions


def test_wrong_code_is_refused_with_a_clear_message(client):
    user = make_user(role="staff")
    password_step(client, user.email)
    response = send_code(client, "000000" if totp_code(user) != "000000" else "111111")
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "<script>", "１２３４５６"])
def test_malformed_codes_are_refused(client, code):
    user = make_user(role="admin")
    password_step(client, user.email)
    response = send_code(client, code)
    assert response.status_code == 200
    assert client.get("/dashboard").status_code == 302


def test_a_code_cannot_be_used_twice(app, client):
    user = make_user(role="staff")
    login(client, user)
    used = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "user.totp_verified").order_by(AuditEvent.id.desc())
    ).details["step"]
    code = pyotp.TOTP(user.totp_secret).at(used * 30)
    other = app.test_client()
    password_step(other, user.email)
    response = send_code(other, code)
    assert response.status_code == 200 and "Deze code klopt niet." in response.get_data(as_text=True)


def test_code_page_without_password_step_sends_to_login(client):
    response = client.get("/inloggen/code")
    assert response.status_code == 302 and response.headers["Location"].endswith("/inloggen")
    response = client.post("/inloggen/code", data={"code": "123456", "csrf_token": csrf_token(client)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/inloggen")


def test_halfway_login_expires_after_five_minutes(client, monkeypatch):
    user = make_user(role="staff")
    password_step(client, user.email)
    real_now = security.now()
    monkeypatch.setattr(security, "now", lambda: real_now + 6 * 60)
    response = client.get("/inloggen/code")
    assert response.status_code == 302 and response.headers["Location"].endswith("/inloggen")


def test_deactivated_account_cannot_finish_the_second_step(client):
    user = make_user(role="staff")
    password_step(client, user.email)
    user.active = False
    db.session.commit()
    assert client.get("/inloggen/code").status_code == 302


def test_first_login_sets_up_the_app_then_asks_for_codes(app, client):
    user = make_user(role="staff", totp_secret=None)
    response = password_step(client, user.email)
    assert response.headers["Location"].endswith("/inloggen/code-instellen")
    html = client.get("/inloggen/code-instellen").get_data(as_text=True)
    shown = page(html).find(id="totp-secret").get_text().replace(" ", "")
    assert "otpauth://totp/Werkstation:" in html
    # A wrong code keeps the account without a secret.
    wrong = "000000" if pyotp.TOTP(shown).now() != "000000" else "111111"
    assert send_code(client, wrong, "/inloggen/code-instellen").status_code == 200
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret is None
    response = send_code(client, pyotp.TOTP(shown).now(), "/inloggen/code-instellen")
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200
    assert db.session.get(User, user.id).totp_secret == shown
    # Next time: the code step, not the set-up.
    other = app.test_client()
    assert password_step(other, user.email).headers["Location"].endswith("/inloggen/code")
    assert other.get("/inloggen/code-instellen").status_code == 302


def test_business_and_jobseeker_log_in_without_a_code(client):
    user = make_user(role="jobseeker")
    response = password_step(client, user.email)
    assert response.headers["Location"].endswith("/dashboard")


def test_admin_can_reset_a_lost_totp_key(app, runner, client):
    user = make_user(role="staff")
    login(client, user)
    result = runner.invoke(args=["auth", "reset-totp", user.email.upper()])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret is None
    # The running session ended, and the next login asks to set up a new key.
    assert client.get("/dashboard").status_code == 302
    assert password_step(client, user.email).headers["Location"].endswith("/inloggen/code-instellen")
    assert runner.invoke(args=["auth", "reset-totp", "niemand@voorbeeld.nl"]).exit_code != 0


def send_at_once(app, clients, code):
    """Both clients post `code` to the code page at the same moment (each in its own thread and session)."""
    import threading

    tokens = [csrf_token(client, "/inloggen/code") for client in clients]
    start = threading.Barrier(len(clients))
    results = [None] * len(clients)

    def send(i):
        start.wait()
        with app.app_context():
            results[i] = clients[i].post("/inloggen/code", data={"code": code, "csrf_token": tokens[i]})

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_the_same_code_sent_at_once_from_two_sessions_works_once(app, monkeypatch):
    """Two browsers halfway through logging in send the same code at the same moment: exactly one gets in, the
    other gets the normal "code is wrong" page (no 500), round after round."""
    user = make_user(role="staff")
    clock = [security.now()]
    monkeypatch.setattr(security, "now", lambda: clock[0])
    for _round in range(3):
        clock[0] += 90  # a fresh time step each round
        clients = [app.test_client(), app.test_client()]
        for client in clients:
            assert password_step(client, user.email).headers["Location"].endswith("/inloggen/code")
        results = send_at_once(app, clients, totp_code(user, clock[0]))
        statuses = sorted(response.status_code for response in results)
        assert statuses == [200, 302], statuses
        refused = next(response for response in results if response.status_code == 200)
        assert "Deze code klopt niet." in refused.get_data(as_text=True)
        assert sum(client.get("/dashboard").status_code == 200 for client in clients) == 1


def test_parallel_wrong_codes_get_exactly_five_tries(app):
    """Ten browsers halfway into one account send a wrong code at the same moment: 5 are checked, 5 refused."""
    import threading

    user = make_user(role="staff")
    clients = [app.test_client() for _ in range(10)]
    for client in clients:
        password_step(client, user.email)
    right = totp_code(user)
    wrong = "000000" if right != "000000" else "111111"
    tokens = [csrf_token(client, "/inloggen/code") for client in clients]
    start = threading.Barrier(len(clients))
    statuses = [None] * len(clients)

    def send(i):
        start.wait()
        with app.app_context():
            statuses[i] = clients[i].post("/inloggen/code", data={"code": wrong, "csrf_token": tokens[i]}).status_code

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 5 + [429] * 5
