"""Every kind of e-mail, in every language, arrives with its subject exactly as written: no space in front or after.

A subject that is not plain ASCII (Arabic, Turkish) used to be folded right after "Subject:", and a mail program
then read the folding space as the subject's first character.
"""

from datetime import date, datetime

import pytest

from tests.werkstation.messages.outbox_helpers import messages, send_outbox
from werkstation.extensions import db
from werkstation.outbox.compose import Recipient, write
from werkstation.outbox.models import MessageKind

# Long enough that every subject with the title in it has to be folded.
CONTEXT = dict(
    title="Medewerker bediening in het grand café aan de Kanaalstraat", business="Bakkerij Öztürk & Zonen",
    sector="horeca", start=date(2026, 12, 1), end=date(2027, 1, 31), at=datetime(2026, 12, 3, 10, 30),
    place="Kanaalstraat 12", day=date(2026, 12, 24), months=3, who=["Yusuf", None], days=7, minutes=30, hours=24,
    hold="person_at_work",
)
# The texts differ by who reads them (jobseeker, business, staff) and by the kind of work that starts.
SIDES = [dict(side="jobseeker", stage="proefplaatsing", employer="cooperative"),
         dict(side="business", stage="contract", employer="business"),
         dict(side="staff", stage="contract", employer="cooperative")]


@pytest.mark.parametrize("language", ["nl", "en", "ar", "tr"])
def test_no_subject_starts_or_ends_with_white_space(app, runner, mailbox, language):
    assert language in app.config["LANGUAGES"]
    for kind in MessageKind:
        for i, side in enumerate(SIDES):
            write(kind, Recipient(language=language, email=f"{kind.value}.{i}@voorbeeld.nl"), context=CONTEXT | side,
                  link="https://werkstation.example/profiel")
    db.session.commit()
    written = {m.address: m.subject for m in messages()}
    assert len(written) == len(MessageKind) * len(SIDES)
    send_outbox(runner)
    assert len(mailbox.messages) == len(written)
    for mail in mailbox.messages:
        subject, address = str(mail["Subject"]), str(mail["To"])
        assert subject == subject.strip(), (address, subject)
        assert subject == written[address], address
        assert written[address] == written[address].strip() and written[address]
