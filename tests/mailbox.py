"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, on a free port, keeping what it receives.

    mailbox.messages            every e-mail received (email.message.EmailMessage)
    mailbox.to(address)         the e-mails for one address
    mailbox.stall_before(n)     hold the (n+1)-th e-mail before its data is sent, until release()
"""

from __future__ import annotations

import asyncio
import email
import re
import socket
import threading
from email import policy

from aiosmtpd.controller import Controller

LINK_RE = re.compile(r"https?://[^\s<>\"]+")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse_with: str | None = None  # e.g. "451 try again later": every e-mail is refused
        self.delay = 0.0
        self._stall_at: int | None = None
        self.stalled = threading.Event()
        self._release = threading.Event()
        self.controller: Controller | None = None
        self.port: int | None = None

    # aiosmtpd handler hooks -------------------------------------------------------------------------------------
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self._stall_at is not None and len(self.messages) == self._stall_at:
            self.stalled.set()
            while not self._release.is_set():
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_with:
            return self.refuse_with
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    # test helpers -----------------------------------------------------------------------------------------------
    def start(self):
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        self._release.set()
        if self.controller is not None:
            self.controller.stop()

    def stall_before(self, n: int):
        self._stall_at = n

    def release(self):
        self._release.set()

    def to(self, address: str):
        return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def one(self, address: str, subject_part: str = ""):
        found = [m for m in self.to(address) if subject_part in str(m["Subject"])]
        assert len(found) == 1, [str(m["Subject"]) for m in self.to(address)]
        return found[0]


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message) -> str:
    """The one link to act on, from the plain-text part."""
    links = LINK_RE.findall(text_of(message))
    assert len(links) == 1, links
    return links[0]
