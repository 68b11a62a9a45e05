"""Black-box probe of a running Werkstation: every route, every role, odd ids and hostile text; no 5xx allowed.

Starts nothing itself. Give it the base URL of a running app that was seeded with `flask seed-demo`:

    .venv/bin/python -m bench.probe_hostile --base http://127.0.0.1:5150

It reads the routes from the app's url_map (the code, not the server) and the demo logins from werkstation.demo
(override with --password and --totp-secret). As anonymous, jobseeker, business and staff it:

- opens every route with odd ids (0, -1, 2**31, 2**63, 'abc') and with real ids 1-4 (other parties' rows);
- adds hostile query strings (?page= with 20 digits, ?q= with a NUL, a next= with CR/LF);
- posts every form it finds with hostile text in every field (NUL, bidi override, 10 kB, SQL, HTML), keeping the
  form's CSRF token, so the text reaches the validators.

Routes that would end the probe's own sessions (log out, delete or switch off an account with a real id) are only
probed with odd ids. Prints the responses counted by status and role, lists every 5xx, and exits 1 if there was any
5xx or a connection error (a dead worker), else 0.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

from bs4 import BeautifulSoup

ODD_IDS = ("0", "-1", str(2**31), str(2**63), "99999999999999999999", "abc")
REAL_IDS = ("1", "2", "3", "4")
ODD_TEXT = ("abc", "..%2F..%2Fetc%2Fpasswd", "%00", "%E2%80%AEcod.exe", "x" * 300)
STEP_NAMES = ("werk", "over-jou")
HOSTILE = {
    "nul": "a\x00b@example.nl",
    "bidi": "Bakker\u202egnp.exe\u2066",
    "long": "Ω" * 10_000,
    "sql": "'; DROP TABLE users; -- \" OR 1=1",
    "html": '<script>alert(1)</script><img src=x onerror=alert(1)>"\'',
    "number": "99999999999999999999",
}
QUERIES = ("page=99999999999999999999", "q=%00", "next=/%0d%0aX:1", "page=-1&q=%E2%80%AE", "sort=%27--")
STATE_FIELDS = ("csrf_token", "form_token", "version")
NEVER_WITH_REAL_IDS = ("deactivate", "delete", "erase")
SKIP_ENDPOINTS = {"static", "auth.logout"}
OWN_ACCOUNT = {"accounts.change_password", "accounts.change_email", "jobseekers.delete"}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    by_role: dict = field(default_factory=dict)
    server_errors: list = field(default_factory=list)
    requests: int = 0

    def add(self, role, method, path, status, note=""):
        self.requests += 1
        self.statuses[status] += 1
        self.by_role.setdefault(role, Counter())[status] += 1
        if status >= 500 or status == 0:
            self.server_errors.append(f"{status} {role} {method} {path[:160]} {note}")


class Client:
    """One browser: its own cookies, no redirects followed, answers as (status, text)."""

    def __init__(self, base, role, tally, timeout=60):
        self.base, self.role, self.tally, self.timeout = base.rstrip("/"), role, tally, timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
        )

    def request(self, method, path, data=None, note="", count=True):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, method=method)  # noqa: S310 (http only, see main)
        try:
            with self.opener.open(req, timeout=self.timeout) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError) as error:
            status, text = 0, str(error)
        if count:
            self.tally.add(self.role, method, path, status, note)
        return status, text


def form_fields(html, path):
    """The POST forms on a page: (action path, {name: [values]} with the page's own values, {name: kind})."""
    soup = BeautifulSoup(html, "html.parser")
    forms = []
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        action = urllib.parse.urlsplit(form.get("action") or path)
        target = (action.path or path.split("?")[0]) + (f"?{action.query}" if action.query else "")
        values, kinds = {}, {}
        for tag in form.find_all(["input", "select", "textarea"]):
            name = tag.get("name")
            if not name:
                continue
            kind = tag.name if tag.name != "input" else (tag.get("type") or "text").lower()
            kinds[name] = kind
            if kind == "select":
                option = tag.find("option", selected=True) or tag.find("option")
                values.setdefault(name, []).append(option.get("value", "") if option else "")
            elif kind in ("checkbox", "radio"):
                values.setdefault(name, []).append(tag.get("value", "y"))
            else:
                values.setdefault(name, []).append(tag.get("value", "") if kind != "textarea" else tag.text)
        forms.append((target, values, kinds))
    return forms


def hostile_versions(values, kinds):
    """For one form: one version per hostile text, that text in every free field (choices keep a valid value and get
    the text as one more value)."""
    for label, text in HOSTILE.items():
        data = {}
        for name, original in values.items():
            if name in STATE_FIELDS:
                data[name] = original
            elif kinds.get(name) in ("checkbox", "radio", "select"):
                data[name] = original[:1] + [text]
            elif kinds.get(name) in ("submit", "button"):
                data[name] = original
            else:
                data[name] = [text]
        yield label, data


REAL_WORDS = {"name": ("werk", "over-jou", "talen", "uren"), "lang": ("nl", "en", "ar", "tr"),
              "kind": ("werkzoekenden", "vacatures", "jobseekers", "vacancies")}


def _variables(rule):
    return [name for name in rule.arguments if name in rule._converters]


def _fill(rule, value_for):
    path = rule.rule
    for name in _variables(rule):
        path = re.sub(rf"<[^>]*\b{name}>", value_for(name), path)
    return path


def paths_for(rule, real_ids):
    """Concrete paths for one url_map rule: odd and real values for every variable."""
    from werkzeug.routing.converters import NumberConverter

    if not _variables(rule):
        return [(rule.rule, "plain")]
    numeric = {name: isinstance(rule._converters[name], NumberConverter) for name in _variables(rule)}
    paths = [(_fill(rule, lambda _name, v=value: v), "odd") for value in ODD_IDS]
    for i, value in enumerate(real_ids):
        paths.append((_fill(rule, lambda name, v=value, i=i: v if numeric[name] else
                            REAL_WORDS.get(name, ("abc",) * 4)[i % 4]), "real"))
    if not all(numeric.values()):
        paths += [(_fill(rule, lambda _name, t=text: t), "odd") for text in ODD_TEXT]
    return paths


def probe_rule(client, rule, real_ids):
    """GET each concrete path (plus hostile query strings once), and post hostile text into its forms."""
    methods = rule.methods - {"HEAD", "OPTIONS"}
    logged_in = client.role != "anonymous"
    for number, (path, label) in enumerate(paths_for(rule, real_ids)):
        risky = any(word in rule.endpoint for word in NEVER_WITH_REAL_IDS)
        if logged_in and label != "odd" and (risky or rule.endpoint in OWN_ACCOUNT) and "POST" in methods:
            if rule.endpoint in OWN_ACCOUNT and "GET" in methods:
                client.request("GET", path)
            continue
        html = ""
        if "GET" in methods:
            status, html = client.request("GET", path)
            if number == 0 or label == "real":
                for query in QUERIES[: (len(QUERIES) if number == 0 else 1)]:
                    client.request("GET", f"{path}?{query}")
        if "POST" not in methods:
            continue
        forms = [(target, values, kinds) for target, values, kinds in form_fields(html, path)
                 if target.split("?")[0] == path] if html else []
        if not forms:
            token = csrf_of(client)
            client.request("POST", path, {"csrf_token": token, "text": HOSTILE["nul"]}, note="bare")
            continue
        for target, values, kinds in forms[:2]:
            for hostile_label, data in hostile_versions(values, kinds):
                client.request("POST", target, data, note=hostile_label)
                refreshed = client.request("GET", path, count=False)[1]
                fresh = [v for t, v, _k in form_fields(refreshed, path) if t == target]
                if fresh:
                    values = {**values, **{k: fresh[0][k] for k in STATE_FIELDS if k in fresh[0]}}


def csrf_of(client):
    """A valid CSRF token for this browser's session (from the login page, or the account page when logged in)."""
    for path in ("/account", "/inloggen"):
        status, html = client.request("GET", path, count=False)
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
        if status == 200 and found:
            return found.group(1)
    return ""


def log_in(client, email, password, totp_secret):
    """The real login form, and the code step for staff (waits for a fresh code when this one was used)."""
    token = csrf_of(client)
    status, _text = client.request("POST", "/inloggen", {"email": email, "password": password, "csrf_token": token},
                                   count=False)
    if status != 302:
        raise SystemExit(f"login of {email} failed with {status}")
    status, html = client.request("GET", "/inloggen/code", count=False)
    if status != 200 or not totp_secret:
        return
    import pyotp

    totp = pyotp.TOTP(totp_secret)
    for _attempt in range(3):
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
        status, html = client.request("POST", "/inloggen/code", {"code": totp.now(), "csrf_token": token},
                                      count=False)
        if status == 302:
            return
        time.sleep(totp.interval - time.time() % totp.interval + 1)
    raise SystemExit(f"code step of {email} failed")


def app_rules():
    """The app's routes, read from its url_map (the app is built in memory only; no server, no database work)."""
    from werkstation import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "probe"})
    return sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule)


def main(argv=None):
    from werkstation.demo import DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRET

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="e.g. http://127.0.0.1:5150 (a running, seeded app)")
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--totp-secret", default=DEMO_TOTP_SECRET)
    parser.add_argument("--roles", default="anonymous,jobseeker,business,staff")
    args = parser.parse_args(argv)
    if not args.base.startswith(("http://", "https://")):
        parser.error("--base must be an http:// or https:// address")
    logins = {str(role): email for role, email in DEMO_LOGINS}
    tally, started = Tally(), time.time()
    rules = [rule for rule in app_rules() if rule.endpoint not in SKIP_ENDPOINTS]
    for role in args.roles.split(","):
        client = Client(args.base, role, tally)
        if role != "anonymous":
            log_in(client, logins[role], args.password, args.totp_secret)
        for rule in rules:
            probe_rule(client, rule, REAL_IDS)
            if role != "anonymous" and client.request("GET", "/account", count=False)[0] != 200:
                log_in(client, logins[role], args.password, args.totp_secret)  # e.g. after a hostile language switch
        print(f"{role:10} {dict(sorted(tally.by_role.get(role, Counter()).items()))}", flush=True)
    print(f"requests: {tally.requests} in {time.time() - started:.0f} s against {args.base}")
    print(f"by status: {dict(sorted(tally.statuses.items()))}")
    print(f"5xx or no answer: {len(tally.server_errors)}")
    for line in tally.server_errors:
        print("  " + line)
    return 1 if tally.server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
