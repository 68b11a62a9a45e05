"""`flask --app werkstation auth deactivate EMAIL` and `auth reactivate EMAIL` (next to `auth reset-totp`)."""

import click

from ..auth import bp as auth_bp
from ..auth.lookup import find_account
from ..extensions import db
from . import service


def _switch(identifier, active):
    user = find_account(identifier)
    if user is None:
        raise click.ClickException(f"no account {identifier}")
    (service.reactivate if active else service.deactivate)(user, by=None)
    db.session.commit()
    return user.email or user.phone


@auth_bp.cli.command("deactivate")
@click.argument("email")
def deactivate_command(email):
    """Deactivate an account (e-mail address or phone number): no login, every running session ends at once."""
    click.echo(f"Deactivated {_switch(email, False)}; all its sessions have ended.")


@auth_bp.cli.command("reactivate")
@click.argument("email")
def reactivate_command(email):
    """Reactivate a deactivated account."""
    click.echo(f"Reactivated {_switch(email, True)}.")
