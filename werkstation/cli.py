"""Flask commands: create-user, seed-demo, demo-logins (more are added by feature areas)."""

import os

import click
from flask import current_app
from sqlalchemy import select

from .extensions import db
from .models import User
from .vocabulary import STAFF_ROLES


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice([role.value for role in STAFF_ROLES]), default="staff", show_default=True)
@click.password_option(help="Asked for when not given; at least 10 characters.")
def create_user_command(email, role, password):
    """Create a staff or admin account."""
    from .passwords import common_passwords, is_strong

    email = User.normalise_email(email)
    if "@" not in email:
        raise click.BadParameter("not an e-mail address", param_hint="EMAIL")
    if len(password) < 10 or password.lower() in common_passwords() or not is_strong(password, (email,)):
        raise click.BadParameter(
            "too easy to guess: use at least 10 characters, e.g. three or four unrelated words, and not the e-mail "
            "address", param_hint="--password")
    if db.session.scalar(select(User).where(User.email == email)):
        raise click.ClickException(f"{email} already has an account")
    user = User(email=email, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {role} account {email}")


@click.command("seed-demo")
@click.option("--force", is_flag=True, help="Load the demo even when WERKSTATION_ENV=production.")
def seed_demo_command(force):
    """Load the demo neighbourhood into an empty database (does nothing when there is data).

    The demo has an admin with a public password and TOTP key, so a production server refuses it unless forced."""
    from .demo import seed_demo

    if os.environ.get("WERKSTATION_ENV", "").strip().lower() == "production" and not force:
        raise click.ClickException(
            "WERKSTATION_ENV=production: the demo data has an admin with a public password and TOTP key, so it is "
            "not loaded. Use --force only on a demonstration server."
        )

    counts = seed_demo()
    if counts is None:
        click.echo("Database already has data; demo not loaded.")
    else:
        click.echo("Demo loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


@click.command("demo-logins")
def demo_logins_command():
    """Print the demo accounts."""
    import pyotp

    from .demo import DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRET

    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for role, email in DEMO_LOGINS:
        click.echo(f"  {role:10} {email}")
    click.echo(f"Staff and admin also need a code: add key {DEMO_TOTP_SECRET} to an authenticator app,")
    click.echo(f"  or use the code valid right now: {pyotp.TOTP(DEMO_TOTP_SECRET).now()} (run `.venv/bin/flask --app werkstation demo-logins` for a new one)")
    click.echo(f"Open {current_app.config.get('PUBLIC_URL', 'http://127.0.0.1:5000')}")


def init_app(app):
    for command in (create_user_command, seed_demo_command, demo_logins_command):
        app.cli.add_command(command)
