"""Test helpers: log in through the real form, post forms with their CSRF token."""

import pyotp
from sqlalchemy import select

from tests.factories import PASSWORD
from tests.html import form_state


def csrf_token(client, url="/inloggen"):
    """The CSRF token from a page's form (tests run with CSRF on)."""
    token = form_state(client.get(url), ("csrf_token",)).get("csrf_token")
    assert token, f"no CSRF token on {url}"
    return token


def totp_code(user, moment=None):
    """A fresh, not yet used code for a staff/admin user's TOTP secret (the app refuses a code used before)."""
    from werkstation import security
    from werkstation.auth.totp import last_step

    totp = pyotp.TOTP(user.totp_secret)
    moment = security.now() if moment is None else moment
    step = max(int(moment // totp.interval), last_step(user) + 1)
    return totp.at(step * totp.interval)


def login(client, user_or_email, password=PASSWORD):
    """Log in through the real login form; for staff and admin also through the code step (TOTP)."""
    from werkstation.extensions import db
    from werkstation.models import User

    email = getattr(user_or_email, "email", user_or_email)
    token = csrf_token(client, "/inloggen")
    response = client.post("/inloggen", data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    if response.headers["Location"].endswith("/inloggen/code"):
        user = db.session.scalar(select(User).where(User.email == User.normalise_email(email)))
        token = csrf_token(client, "/inloggen/code")
        response = client.post("/inloggen/code", data={"code": totp_code(user), "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response


def post_form(client, url, data, *, follow_redirects=False, token_from=None):
    """POST `data` to `url` with a CSRF token taken from `token_from` (default: the same URL)."""
    data = dict(data)
    data["csrf_token"] = csrf_token(client, token_from or url)
    return client.post(url, data=data, follow_redirects=follow_redirects)


def finish_signup(client, email):
    """Use the link from the sign-up e-mail to `email` (read from the outbox), as its owner would: open the page
    and press the button. Returns the response of the button."""
    from werkstation.extensions import db
    from werkstation.outbox.models import Message

    message = db.session.scalars(
        select(Message).where(Message.kind == "signup_confirm", Message.address == email).order_by(Message.id.desc())
    ).first()
    assert message is not None, f"no sign-up e-mail to {email}"
    path = "/" + message.link.split("/", 3)[3]
    return post_form(client, path, {})
