"""Without MAIL_SERVER (the `make run` default) each e-mail is written as an .eml file in the instance folder.

A newcomer can open the files with any mail program; the sender prints where they are.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from flask import current_app
from flask_mailman.backends.base import BaseEmailBackend

log = logging.getLogger(__name__)


def mail_folder() -> Path:
    """Where .eml files go: MAIL_FILE_PATH, else <instance folder>/mail."""
    configured = current_app.config.get("MAIL_FILE_PATH")
    return Path(configured) if configured else Path(current_app.instance_path) / "mail"


class EmailBackend(BaseEmailBackend):
    """One .eml file per message, named after its Message-ID (a message sent again overwrites its own file)."""

    written: list[Path]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.written = []

    def send_messages(self, email_messages):
        folder = mail_folder()
        folder.mkdir(parents=True, exist_ok=True)
        for email in email_messages:
            message = email.message()
            ident = re.sub(r"[^A-Za-z0-9]+", "", str(message.get("Message-ID", "")))[:40] or "bericht"
            path = folder / f"{ident}.eml"
            path.write_bytes(message.as_bytes())
            self.written.append(path)
            log.warning("e-mail written to %s", path)
        return len(email_messages)
