"""Layout where the words themselves are the point: the new-messages badge next to "Berichten" in every language on
a 375 px phone, and long words on a 320 px screen with the text at 200 %."""

import pytest

from tests.browser.actions import JOBSEEKER_EMAIL, log_in
from tests.browser.support import PHONE

pytestmark = pytest.mark.browser

LANGUAGE_LINKS = {"nl": "Nederlands", "en": "English", "tr": "Türkçe", "ar": "العربية"}

# Where the word "Berichten" (in the page's language) and its badge are on screen.
BADGE_BOXES_JS = """
() => {
  const badge = document.querySelector('.nav-list .count');
  const link = badge.closest('a');
  const range = document.createRange();
  range.setStart(link.firstChild, 0);
  range.setEnd(link.firstChild, link.firstChild.textContent.trimEnd().length);
  const word = range.getBoundingClientRect(), box = badge.getBoundingClientRect();
  return {word: [word.left, word.right, word.top, word.bottom], badge: [box.left, box.right, box.top, box.bottom]};
}
"""


def give_new_messages(server, email, count=3):
    """`count` unread messages in the person's inbox (as the outbox writes them)."""
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import User
    from werkstation.outbox.models import Message, MessageStatus

    def add():
        user = db.session.scalar(select(User).where(User.email == email))
        for n in range(count):
            db.session.add(Message(kind="account_created", recipient_user_id=user.id, address=email,
                                   status=MessageStatus.SENT, subject=f"Bericht {n}", body_text="x", body_html="x"))
        db.session.commit()

    server.query(add)


@pytest.mark.parametrize("lang", ["nl", "tr", "ar"])
def test_the_new_messages_badge_sits_next_to_the_word_not_on_it(journey, lang):
    give_new_messages(journey.server, JOBSEEKER_EMAIL)
    page = journey.page(viewport=PHONE)
    log_in(journey, page, JOBSEEKER_EMAIL, check_as="bewoner")
    page.get_by_role("link", name=LANGUAGE_LINKS[lang]).click()
    journey.check(page, f"badge-{lang}")
    boxes = page.evaluate(BADGE_BOXES_JS)
    (w_left, w_right, w_top, w_bottom), (b_left, b_right, b_top, b_bottom) = boxes["word"], boxes["badge"]
    same_line = b_top < w_bottom and w_top < b_bottom
    if same_line:
        # Left to right the badge follows the word, right to left it comes before it (on its left): space between.
        gap = b_left - w_right if lang != "ar" else w_left - b_right
        assert gap >= 4, f"{lang}: the badge touches or covers the word ({gap:.1f}px apart): {boxes}"
