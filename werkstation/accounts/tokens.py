"""Reset and confirmation links: signed with itsdangerous (tamper-proof, with an age limit) and single-use through a
stored marker (AccountToken). Staff one-time codes: random digits, stored as a keyed hash, valid 24 hours.

    link = issue(user, TokenPurpose.RESET)          # caller commits (the marker joins the caller's transaction)
    user, marker = redeem(token, TokenPurpose.RESET)  # raises TokenProblem; caller marks used and commits
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select, update

from ..extensions import db
from ..models import User, utcnow
from .models import AccountToken, TokenPurpose

LIFETIMES = {
    TokenPurpose.RESET: timedelta(minutes=30),
    TokenPurpose.WELCOME: timedelta(days=7),
    TokenPurpose.EMAIL: timedelta(hours=24),
    TokenPurpose.STAFF_CODE: timedelta(hours=24),
    TokenPurpose.SIGNUP: timedelta(hours=24),
}
CODE_DIGITS = 8


class TokenProblem(Exception):
    """A link or code that cannot be used; `message` tells the person what to do."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


EXPIRED = _l("Deze link is te oud. Vraag een nieuwe link aan.")
USED = _l("Deze link is al gebruikt. Vraag een nieuwe link aan als je nog een nieuw wachtwoord nodig hebt.")
INVALID = _l("Deze link klopt niet. Kopieer de hele link uit de e-mail, of vraag een nieuwe link aan.")
BAD_CODE = _l("Deze code klopt niet of is te oud. Vraag de coöperatie om een nieuwe code.")


def lifetime(purpose) -> timedelta:
    configured = current_app.config.get("PASSWORD_RESET_MINUTES") if purpose == TokenPurpose.RESET else None
    return timedelta(minutes=int(configured)) if configured else LIFETIMES[purpose]


def _serializer(purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"werkstation-{purpose}")


def _digest(value: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def issue(user: User, purpose: TokenPurpose, *, new_email: str | None = None, by=None) -> str:
    """A signed, single-use token for `user` (its marker is added to the session)."""
    nonce = secrets.token_urlsafe(24)
    now = utcnow()
    db.session.add(AccountToken(user_id=user.id, purpose=purpose, digest=_digest(nonce), new_email=new_email,
                                created_at=now, expires_at=now + lifetime(purpose),
                                created_by_id=by.id if by is not None else None))
    return _serializer(purpose).dumps({"u": user.id, "n": nonce})


def redeem(token: str, purpose: TokenPurpose) -> AccountToken:
    """The unused marker of a valid token; raises TokenProblem for an old, used, tampered or unknown token."""
    try:
        data = _serializer(purpose).loads(token or "", max_age=int(lifetime(purpose).total_seconds()))
    except SignatureExpired as error:
        raise TokenProblem(EXPIRED) from error
    except BadSignature as error:
        raise TokenProblem(INVALID) from error
    if not isinstance(data, dict) or not isinstance(data.get("n"), str):
        raise TokenProblem(INVALID)
    marker = db.session.scalar(
        select(AccountToken).where(AccountToken.digest == _digest(data["n"]), AccountToken.purpose == purpose)
    )
    if marker is None or marker.user_id != data.get("u") or marker.user is None:
        raise TokenProblem(INVALID)
    if not marker.user.active and purpose != TokenPurpose.SIGNUP:  # a new sign-up is inactive until confirmed
        raise TokenProblem(INVALID)
    if marker.used_at is not None:
        raise TokenProblem(USED)
    if marker.expires_at <= utcnow():
        raise TokenProblem(EXPIRED)
    return marker


PASSWORD_PURPOSES = (TokenPurpose.RESET, TokenPurpose.WELCOME, TokenPurpose.STAFF_CODE)


def use_up(marker: AccountToken) -> None:
    """Mark the token used, or raise TokenProblem when someone else used it a moment ago (two tabs, two clicks).

    A new password also ends the person's other open reset links and codes."""
    now = utcnow()
    claimed = db.session.execute(
        update(AccountToken).where(AccountToken.id == marker.id, AccountToken.used_at.is_(None)).values(used_at=now),
        execution_options={"synchronize_session": False},
    )
    if claimed.rowcount != 1:
        raise TokenProblem(USED if marker.purpose != TokenPurpose.STAFF_CODE else BAD_CODE)
    if marker.purpose in PASSWORD_PURPOSES:
        db.session.execute(
            update(AccountToken)
            .where(AccountToken.user_id == marker.user_id, AccountToken.used_at.is_(None),
                   AccountToken.purpose.in_(PASSWORD_PURPOSES))
            .values(used_at=now),
            execution_options={"synchronize_session": False},
        )


def new_code(user: User, by) -> str:
    """A one-time code of 8 digits for a resident without e-mail (shown once to staff; caller commits)."""
    code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
    now = utcnow()
    db.session.add(AccountToken(user_id=user.id, purpose=TokenPurpose.STAFF_CODE, digest=_digest(f"code:{user.id}:{code}"),
                                created_at=now, expires_at=now + lifetime(TokenPurpose.STAFF_CODE),
                                created_by_id=by.id if by is not None else None))
    return f"{code[:4]} {code[4:]}"


def redeem_code(user: User | None, code: str) -> AccountToken:
    """The unused, unexpired code marker for this person; raises TokenProblem otherwise."""
    digits = "".join(ch for ch in code or "" if ch.isdigit())
    if user is None or len(digits) != CODE_DIGITS or not user.active:
        raise TokenProblem(BAD_CODE)
    marker = db.session.scalar(
        select(AccountToken).where(AccountToken.digest == _digest(f"code:{user.id}:{digits}"),
                                   AccountToken.purpose == TokenPurpose.STAFF_CODE)
    )
    if marker is None or marker.used_at is not None or marker.expires_at <= utcnow():
        raise TokenProblem(BAD_CODE)
    return marker
