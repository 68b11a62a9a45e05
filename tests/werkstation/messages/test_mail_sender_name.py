"""The cooperative's name in the From of every e-mail arrives as written, also with a letter outside ASCII
("coöperatie"), a long name that has to be folded, or Arabic; and a reply goes to the cooperative, under that name.

The subject once arrived with a space in front when Flask-Mailman folded a non-ASCII header (see _Email in
werkstation/outbox/sender.py); this checks the sender's name through a real SMTP server the same way."""

from email.utils import formataddr

import pytest

from tests.werkstation.messages.outbox_helpers import send_outbox
from werkstation import outbox
from werkstation.extensions import db
from werkstation.outbox.compose import Recipient, write
from werkstation.outbox.models import MessageKind

ADDRESS = "info@wijkcooperatie.example"


@pytest.mark.parametrize("name", [
    "Wijkcoöperatie Kanaleneiland",
    "Wijkcoöperatie Kanaleneiland – WerkdoordeWijk, werk in de wijk voor de wijk",  # folded; a comma to quote
    "تعاونية حي كنالينايلاند",
])
def test_the_senders_name_arrives_as_written_in_every_language(app, runner, mailbox, name):
    app.config["MAIL_DEFAULT_SENDER"] = formataddr((name, ADDRESS))
    outbox.configure_mail(app)
    for language in ("nl", "ar"):
        write(MessageKind.PASSWORD_CHANGED, Recipient(language=language, email=f"{language}@voorbeeld.nl"))
    db.session.commit()
    send_outbox(runner)
    assert len(mailbox.messages) == 2
    for mail in mailbox.messages:
        (sender,) = mail["From"].addresses
        assert (sender.display_name, sender.addr_spec) == (name, ADDRESS), str(mail["To"])
        # Pressing "Beantwoorden" writes to the Reply-To when there is one, else to the From.
        (reply_to,) = (mail["Reply-To"] or mail["From"]).addresses
        assert (reply_to.display_name, reply_to.addr_spec) == (name, ADDRESS), str(mail["To"])
