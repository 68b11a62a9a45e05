"""Sessions end on the server after idle time and after an absolute lifetime; cookies and headers are strict."""

from datetime import timedelta

from tests.factories import make_user
from tests.helpers import login
from werkstation import create_app
from werkstation.config import ProductionConfig


def test_idle_session_ends_after_the_idle_timeout(app, client, clock):
    login(client, make_user(role="jobseeker"))
    clock.offset += app.config["SESSION_IDLE_TIMEOUT"].total_seconds() - 60
    assert client.get("/dashboard").status_code == 200
    # Activity keeps it alive ...
    clock.offset += app.config["SESSION_IDLE_TIMEOUT"].total_seconds() - 60
    assert client.get("/dashboard").status_code == 200
    # ... being away too long ends it.
    clock.offset += app.config["SESSION_IDLE_TIMEOUT"].total_seconds() + 1
    response = client.get("/dashboard")
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]
    with client.session_transaction() as sess:
        assert "_user_id" not in sess
    page = client.get("/inloggen").get_data(as_text=True)
    assert "Je was een tijd niet actief." in page


def test_the_chosen_language_outlives_the_idle_timeout(app, client, clock):
    login(client, make_user(role="jobseeker"))
    client.get("/taal/en")
    clock.offset += app.config["SESSION_IDLE_TIMEOUT"].total_seconds() + 1
    assert "/inloggen" in client.get("/dashboard").headers["Location"]
    page = client.get("/inloggen").get_data(as_text=True)
    assert "You were inactive for a while. Log in again to continue." in page


def test_absolute_lifetime_ends_even_an_active_session(app, client, clock):
    login(client, make_user(role="jobseeker"))
    lifetime = app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    step = app.config["SESSION_IDLE_TIMEOUT"].total_seconds() / 2
    while clock.offset + step < lifetime:
        clock.offset += step
        assert client.get("/dashboard").status_code == 200
    clock.offset = lifetime + 1
    assert client.get("/dashboard").status_code == 302


def test_a_replayed_cookie_is_refused_after_timeout(app, client, clock):
    login(client, make_user(role="jobseeker"))
    with client.session_transaction() as sess:
        old = dict(sess)
    clock.offset += app.config["SESSION_IDLE_TIMEOUT"].total_seconds() + 1
    replay = app.test_client()
    with replay.session_transaction() as sess:
        sess.update(old)
    assert replay.get("/dashboard").status_code == 302


def test_a_session_without_login_time_is_not_trusted(app, client):
    login(client, make_user(role="jobseeker"))
    with client.session_transaction() as sess:
        del sess["login_at"]
        del sess["seen_at"]
    assert client.get("/dashboard").status_code == 302


def test_post_after_timeout_is_refused_not_performed(app, client, clock):
    user = make_user(role="jobseeker")
    login(client, user)
    from tests.helpers import csrf_token

    token = csrf_token(client, "/dashboard")
    clock.offset += app.config["SESSION_IDLE_TIMEOUT"].total_seconds() + 1
    # The logout form needs a logged-in user: not run with someone's old session, but sent to the login page
    # (where a form with typed text would be offered back after logging in).
    response = client.post("/uitloggen", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")
    assert client.get("/dashboard").status_code == 302  # still logged out: nothing ran as the old session


def test_session_cookie_flags(app, client):
    login(client, make_user(role="jobseeker"))
    cookies = [h for h in client.get("/dashboard").headers.getlist("Set-Cookie") if h.startswith("session=")]
    response = client.get("/inloggen")
    cookies += [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]
    assert cookies, "a logged-in request refreshes the session cookie"
    for cookie in cookies:
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("WERKSTATION_ENV", "production")
    assert ProductionConfig.SESSION_COOKIE_SECURE is True
    assert ProductionConfig.REMEMBER_COOKIE_SECURE is True
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite", "SECRET_KEY": "x"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["PERMANENT_SESSION_LIFETIME"] <= timedelta(hours=12)
    assert app.config["SESSION_IDLE_TIMEOUT"] <= timedelta(minutes=30)


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_static_files_may_be_cached_pages_may_not(client):
    assert client.get("/").headers["Cache-Control"] == "no-store"
    static = client.get("/static/css/site.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")
    assert static.headers["X-Content-Type-Options"] == "nosniff"


def test_password_hashing_is_slow_scrypt():
    from werkstation.models import User

    user = User(email="a@b.nl", role="jobseeker")
    user.set_password("een-lang-wachtwoord")
    method = user.password_hash.split("$")[0]
    assert method.startswith("scrypt:")
    n = int(method.split(":")[1])
    assert n >= 2**15
