"""Helpers for the message tests: run the real sender, follow an e-mail's link with a logged-in client."""

from sqlalchemy import select

from tests.mailbox import link_in
from werkstation.extensions import db
from werkstation.outbox.models import Message


def send_outbox(runner):
    """Run `flask --app werkstation outbox send` (in this process) and return its output."""
    result = runner.invoke(args=["outbox", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def follow(client, app, message):
    """GET the e-mail's link (on PUBLIC_URL) with `client`; returns the response."""
    url = link_in(message)
    base = app.config["PUBLIC_URL"].rstrip("/")
    assert url.startswith(base + "/"), url
    return client.get(url[len(base):])


def messages(**where):
    query = select(Message).order_by(Message.id)
    for key, value in where.items():
        query = query.where(getattr(Message, key) == value)
    return db.session.scalars(query).all()
