"""Login limits behind a reverse proxy (X-Forwarded-For only when configured) and shared between gunicorn workers
through the Redis server on this machine."""

import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.factories import PASSWORD, make_user
from tests.helpers import csrf_token
from werkstation import create_app

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


@pytest.fixture
def quick_passwords(monkeypatch):
    from werkstation.auth import routes
    from werkstation.models import User

    monkeypatch.setattr(routes, "spend_password_time", lambda password: None)
    monkeypatch.setattr(User, "check_password", lambda self, password: password == PASSWORD)


def make_app(database_url, tmp_path, **config):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "test-secret-key",
                      "RATELIMIT_STORAGE_URI": "memory://", **config})
    app.instance_path = str(tmp_path / "instance")
    return app


def attempt(app, email, forwarded_for, password="verkeerd-wachtwoord"):  # noqa: S107
    client = app.test_client()
    headers = {"X-Forwarded-For": forwarded_for}
    token = csrf_token(client, "/inloggen")
    return client.post("/inloggen", data={"email": email, "password": password, "csrf_token": token},
                       headers=headers).status_code


def test_without_proxy_hops_a_forwarded_address_is_ignored(app, database_url, tmp_path, quick_passwords, monkeypatch):
    """By default anyone could send X-Forwarded-For, so it must not give a visitor a fresh address per attempt."""
    monkeypatch.delenv("WERKSTATION_PROXY_HOPS", raising=False)
    user = make_user(role="jobseeker")
    direct = make_app(database_url, tmp_path)
    for i in range(50):
        assert attempt(direct, f"niemand{i}@voorbeeld.nl", f"198.51.100.{i}") == 200
    # The 51st failure-counting request comes from the same real address, whatever the header says.
    assert attempt(direct, user.email, "203.0.113.7", password=PASSWORD) == 429


def test_with_one_proxy_hop_limits_count_the_visitors_address(app, database_url, tmp_path, quick_passwords,
                                                              monkeypatch):
    """Behind one proxy every request comes from the proxy: the limits must count the address it forwards."""
    monkeypatch.setenv("WERKSTATION_PROXY_HOPS", "1")
    user = make_user(role="jobseeker")
    proxied = make_app(database_url, tmp_path)
    for i in range(50):
        assert attempt(proxied, f"niemand{i}@voorbeeld.nl", "198.51.100.1") == 200
    assert attempt(proxied, user.email, "198.51.100.1", password=PASSWORD) == 429  # that visitor is limited
    assert attempt(proxied, user.email, "198.51.100.2", password=PASSWORD) == 302  # everyone else is not
    # A visitor cannot escape by adding its own header in front: only the proxy's (last) entry counts.
    assert attempt(proxied, user.email, "10.0.0.1, 198.51.100.1", password=PASSWORD) == 429


def test_proxy_hops_must_be_a_whole_number(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("WERKSTATION_PROXY_HOPS", "twee")
    with pytest.raises(RuntimeError, match="WERKSTATION_PROXY_HOPS"):
        make_app(database_url, tmp_path)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(tmp_path, database_url, port):
    conf = tmp_path / "gunicorn_test.conf.py"
    conf.write_text("# no index warm-up: this test only logs in\n")
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "gunicorn-test-key",
           "RATELIMIT_STORAGE_URI": REDIS_URL, "WERKSTATION_ENV": "development", "WERKSTATION_PROXY_HOPS": "0"}
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    log = tmp_path / "access.log"
    process = subprocess.Popen(
        [gunicorn, "-c", str(conf), "-w", "2", "-b", f"127.0.0.1:{port}", "--access-logfile", str(log),
         "--access-logformat", "%(p)s %(m)s %(s)s", "werkstation:create_app()"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=Path(__file__).parents[3],
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("gunicorn did not start: " + process.stderr.read().decode()[-3000:])
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/inloggen", timeout=5)  # noqa: S310
            return process, log
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise AssertionError("gunicorn did not answer within 60 s")


def http_attempt(base, email):
    """One failed login as a fresh browser: load the form (CSRF token, session cookie), post a wrong password."""
    from bs4 import BeautifulSoup

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/inloggen", timeout=30).read().decode()
    token = BeautifulSoup(page, "html.parser").find("input", {"name": "csrf_token"})["value"]
    body = urllib.parse.urlencode({"email": email, "password": "verkeerd-wachtwoord", "csrf_token": token})
    try:
        return opener.open(base + "/inloggen", data=body.encode(), timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


def test_two_gunicorn_workers_share_the_limits_through_redis(app, database_url, tmp_path):
    """With RATELIMIT_STORAGE_URI=redis://… the app boots, and 20 parallel wrong passwords for one account from one
    address let exactly the configured 5 through (a store per worker would let up to 10 through)."""
    redis = pytest.importorskip("redis")  # a dependency of the app: this import must work
    store = redis.Redis.from_url(REDIS_URL)
    try:
        store.flushdb()
    except redis.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    email = make_user(role="jobseeker").email
    port = free_port()
    process, log = start_gunicorn(tmp_path, database_url, port)
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            statuses = list(pool.map(lambda _: http_attempt(f"http://127.0.0.1:{port}", email), range(20)))
    finally:
        process.terminate()
        process.wait(timeout=30)
        store.flushdb()
    assert sorted(statuses) == [200] * 5 + [429] * 15
    posts = [line.split() for line in log.read_text().splitlines() if " POST " in line]
    assert len({pid for pid, _method, _status in posts}) == 2, "both workers answered login attempts"
