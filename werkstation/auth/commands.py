"""`flask auth reset-totp EMAIL`: a lost phone."""

import click
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import User
from .routes import bp


@bp.cli.command("reset-totp")
@click.argument("email")
def reset_totp_command(email):
    """Forget a staff member's TOTP key (lost phone): they set up a new one at their next login."""
    user = db.session.scalar(select(User).where(User.email == User.normalise_email(email)))
    if user is None:
        raise click.ClickException(f"no account {email}")
    user.totp_secret = None
    user.rotate_session_token()  # running sessions end too
    audit.record("user.totp_reset", user)
    db.session.commit()
    click.echo(f"TOTP key removed for {user.email}; they set up a new one at their next login.")
