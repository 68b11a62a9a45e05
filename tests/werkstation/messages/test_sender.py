"""The sender: .eml files without a mail server, retries with backoff, failures for staff, at most once."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.mailbox import Mailbox
from tests.werkstation.messages.outbox_helpers import messages, send_outbox
from tests.werkstation.staff.workspace import shortlisted
from werkstation.extensions import db
from werkstation.models import Placement, utcnow
from werkstation.outbox.compose import Recipient, write
from werkstation.outbox.models import Message, MessageKind
from werkstation.outbox.sender import send_due

ROOT = Path(__file__).resolve().parents[3]


def queue(n, language="nl"):
    """`n` password-changed notices to p0..p<n-1>@voorbeeld.nl, committed."""
    for i in range(n):
        write(MessageKind.PASSWORD_CHANGED, Recipient(language=language, email=f"p{i}@voorbeeld.nl"))
    db.session.commit()


def test_without_a_mail_server_messages_become_eml_files_and_the_console_says_where(app, runner):
    queue(2)
    output = send_outbox(runner)
    folder = Path(app.instance_path) / "mail"
    assert f"written as .eml files to {folder}" in output and "2 sent" in output
    files = sorted(folder.glob("*.eml"))
    assert len(files) == 2
    first = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert str(first["Subject"]) == "Je wachtwoord is veranderd"
    assert first.get_body(preferencelist=("html",)) is not None
    assert {m.status for m in messages()} == {"sent"}


def test_a_refused_message_is_tried_again_later_then_shown_to_staff_as_failed(app, runner, mailbox, client):
    app.config.update(OUTBOX_MAX_TRIES=3, OUTBOX_RETRY_SECONDS=60)
    mailbox.refuse_with = "451 4.3.0 Probeer het later nog eens"
    queue(1)
    send_outbox(runner)
    row = messages()[0]
    assert (row.status, row.tries) == ("queued", 1) and "451" in row.error
    assert timedelta(seconds=55) < row.next_attempt_at - utcnow() <= timedelta(seconds=60)
    send_outbox(runner)  # not due yet: nothing happens
    assert db.session.get(Message, row.id).tries == 1

    later = utcnow() + timedelta(seconds=61)
    send_due(now=later)
    db.session.expire_all()
    row = db.session.get(Message, row.id)
    assert (row.status, row.tries) == ("queued", 2)
    assert row.next_attempt_at - later > timedelta(minutes=3)  # backoff: 4x longer
    send_due(now=later + timedelta(hours=1))
    db.session.expire_all()
    assert db.session.get(Message, row.id).status == "failed"
    mailbox.refuse_with = None
    send_due(now=later + timedelta(days=1))  # a failed message is not sent any more
    assert mailbox.messages == []

    login(client, make_user("staff"))
    page = client.get("/medewerker/berichten").get_data(as_text=True)
    assert "p0@voorbeeld.nl" in page and "Je wachtwoord is veranderd" in page and "451" in page


def test_an_event_that_is_rolled_back_leaves_no_message(app, client, mailbox, runner):
    staff = make_user("staff")
    row = shortlisted(make_vacancy(), make_jobseeker(), staff)
    login(client, staff)
    token = csrf_token(client, f"/medewerker/suggesties/{row.id}")

    def fail_on_message_insert(conn, cursor, statement, params, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO MESSAGE"):
            raise OperationalError(statement, params, Exception("disk I/O error (injected)"))

    event.listen(db.engine, "before_cursor_execute", fail_on_message_insert)
    try:
        response = client.post(f"/medewerker/suggesties/{row.id}/voorstellen",
                               data={"csrf_token": token, "form_token": "x1"})
    finally:
        event.remove(db.engine, "before_cursor_execute", fail_on_message_insert)
    assert response.status_code == 409
    assert db.session.scalars(select(Placement)).all() == []  # the event itself was rolled back too
    assert messages() == []
    send_outbox(runner)
    assert mailbox.messages == []


def _sender(database_url, port, **env):
    environment = {**os.environ, "DATABASE_URL": database_url, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(port),
                   "SECRET_KEY": "test-secret-key", **{k: str(v) for k, v in env.items()}}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "werkstation", "outbox", "send"], cwd=ROOT,
                            env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _ids(box):
    return [str(m["Message-ID"]) for m in box.messages]


@pytest.mark.slow
def test_two_senders_at_once_send_every_message_exactly_once(app, database_url):
    queue(30)
    box = Mailbox().start()
    box.delay = 0.05
    try:
        first = _sender(database_url, box.port, OUTBOX_BATCH=2)
        second = _sender(database_url, box.port, OUTBOX_BATCH=2)
        outputs = [p.communicate(timeout=120)[0] for p in (first, second)]
    finally:
        box.stop()
    assert first.returncode == 0 and second.returncode == 0, outputs
    assert len(_ids(box)) == 30 and len(set(_ids(box))) == 30, outputs
    db.session.expire_all()
    assert {m.status for m in messages()} == {"sent"}


@pytest.mark.slow
def test_a_sender_killed_half_way_loses_nothing_and_sends_nothing_twice(app, database_url):
    queue(8)
    box = Mailbox().start()
    box.stall_before(3)  # the 4th e-mail hangs in the middle of its conversation with the mail server
    try:
        victim = _sender(database_url, box.port, OUTBOX_BATCH=5, OUTBOX_LEASE_SECONDS=2)
        assert box.stalled.wait(60), victim.communicate(timeout=5)[0] if victim.poll() is not None else "no stall"
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=30)
        assert len(box.messages) == 3
        db.session.expire_all()
        statuses = [m.status for m in messages()]
        assert statuses == ["sent"] * 3 + ["sending"] * 2 + ["queued"] * 3  # claimed, not sent, not lost
        box.release()

        time.sleep(2.5)  # the dead sender's lease runs out
        rescue = _sender(database_url, box.port)
        output = rescue.communicate(timeout=120)[0]
    finally:
        box.stop()
    assert rescue.returncode == 0, output
    assert "5 sent" in output
    assert len(box.messages) == 8 and len(set(_ids(box))) == 8
    assert sorted(str(m["To"]) for m in box.messages) == sorted(f"p{i}@voorbeeld.nl" for i in range(8))
    db.session.expire_all()
    assert {m.status for m in messages()} == {"sent"}
