"""`flask --app werkstation auth deactivate EMAIL` and `auth reactivate EMAIL` (next to `auth reset-totp`)."""

import click

from ..auth import bp as auth_bp
from ..auth.lookup import find_account
from ..extensions import db
from . import service


def _account(identifier):
    user = find_account(identifier)
    if user is None:
        raise click.ClickException(f"no account {identifier}")
    return user


@auth_bp.cli.command("deactivate")
@click.argument("email")
def deactivate_command(email):
    """Deactivate an account (e-mail address or phone number): no login, every running session ends at once."""
    user = _account(email)
    service.deactivate(user, by=None)
    db.session.commit()
    click.echo(f"Deactivated {user.email or user.phone}; all its sessions have ended.")


@auth_bp.cli.command("reactivate")
@click.argument("email")
def reactivate_command(email):
    """Reactivate a deactivated account."""
    user = _account(email)
    service.reactivate(user, by=None)
    db.session.commit()
    click.echo(f"Reactivated {user.email or user.phone}.")
