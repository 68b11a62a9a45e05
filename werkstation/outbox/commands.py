"""`flask --app werkstation outbox send [--watch]` and `flask --app werkstation reminders`."""

from __future__ import annotations

import signal
import time

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from .backends import mail_folder
from .sender import send_due

outbox_cli = AppGroup("outbox", help="Send the messages in the outbox.")


def _where() -> str:
    if current_app.config.get("MAIL_SERVER"):
        return f"via {current_app.config['MAIL_SERVER']}:{current_app.config['MAIL_PORT']}"
    return f"no MAIL_SERVER set: e-mails are written as .eml files to {mail_folder()}"


@outbox_cli.command("send")
@click.option("--watch", is_flag=True, help="Keep running and send new messages as they come.")
@click.option("--interval", default=10.0, show_default=True, help="Seconds between looks (with --watch).")
def send_command(watch, interval):
    """Send every message that is due, then exit (for cron or a systemd timer); --watch keeps running."""
    click.echo(f"Outbox {_where()}")
    if not watch:
        report = send_due()
        click.echo("Outbox: " + report.summary())
        return
    stopping = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_args: stopping.append(True))
    while not stopping:
        try:
            report = send_due()
        except SQLAlchemyError as error:  # the database restarts or is busy: try again at the next look
            db.session.rollback()
            click.echo(f"Outbox: database not reachable ({type(error).__name__}); trying again", err=True)
        else:
            if report.sent or report.retry or report.failed:
                click.echo("Outbox: " + report.summary())
        slept = 0.0
        while slept < interval and not stopping:
            time.sleep(0.2)
            slept += 0.2
    click.echo("Outbox: stopped")




@click.command("reminders")
def reminders_command():
    """Write today's reminders (run daily; running it twice writes nothing twice). The sender sends them."""
    from .reminders import run

    click.echo("Reminders: " + run().summary())


def init_app(app):
    app.cli.add_command(outbox_cli)
    app.cli.add_command(reminders_command)
