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


NARROW = {"width": 320, "height": 640}
LONG_NAME = "Zeynep-Schoonmaakwerkzaamhedencoördinatrice"
LONG_ABOUT = ("Ik was arbeidsongeschiktheidsverzekeringsaanvraagformulierbehandelaar en kinderdagverblijfleidster. "
              "Mijn e-mail: zeynep.heel.lang.adres.zonder.spaties@voorbeeld-buurtcooperatie-kanaleneiland.nl")
RESIDENT_PAGES = ["/", "/dashboard", "/profiel", "/profiel/mijn-gegevens", "/profiel/wijzigen/over-jou", "/berichten",
                  "/account", "/cooperatie"]


def make_resident_with_long_words(server):
    """A resident whose name, story and messages hold long Dutch compounds and an address without spaces."""
    from tests.factories import make_jobseeker
    from werkstation.extensions import db
    from werkstation.outbox.models import Message, MessageStatus

    def add():
        jobseeker = make_jobseeker(name=LONG_NAME, about=LONG_ABOUT)
        db.session.add(Message(kind="account_created", recipient_user_id=jobseeker.user.id, status=MessageStatus.SENT,
                               subject="Kennismakingsgesprekuitnodiging", body_text=LONG_ABOUT, body_html=LONG_ABOUT))
        db.session.commit()
        return jobseeker.user.email

    return server.query(add)


def test_long_words_at_twice_the_text_size_on_a_320px_screen_never_scroll_sideways(journey):
    from tests.factories import PASSWORD

    email = make_resident_with_long_words(journey.server)
    page = journey.page(viewport=NARROW)
    # The phone's own text size at 200 % (what rem and em follow), as a person with low vision sets it.
    page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    log_in(journey, page, email, PASSWORD, check_as="bewoner")
    assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") >= 32
    for path in RESIDENT_PAGES:
        page.goto(path)
        # journey.check fails when the page is wider than the 320 px screen or hides a part in a sideways box.
        journey.check(page, "groot-" + (path.strip("/").replace("/", "-") or "start"))


LONG_TITLE = "Ervaren magazijnmedewerker orderpicker voor de nachtploeg"
# The words of the page title that the browser split over two lines.
SPLIT_WORDS_JS = """
(selector = 'main h1') => {
  const split = [];
  for (const root of document.querySelectorAll(selector)) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) split.push(match[0]);
    }
  }
  }
  return split;
}
"""


def test_a_long_vacancy_title_on_a_375px_phone_breaks_between_words_not_inside_one(journey):
    from sqlalchemy import select

    from tests.browser.actions import BUSINESS_EMAIL
    from tests.factories import make_vacancy
    from werkstation.extensions import db
    from werkstation.models import User

    def add():
        business = db.session.scalar(select(User).where(User.email == BUSINESS_EMAIL)).business
        return make_vacancy(business=business, title=LONG_TITLE, status="closed").id

    vacancy_id = journey.server.query(add)
    page = journey.page(viewport=PHONE)
    log_in(journey, page, BUSINESS_EMAIL, check_as="bedrijf")
    journey.check(page, "overzicht-met-lange-titel")
    page.goto(f"/vacatures/{vacancy_id}")
    journey.check(page, "lange-titel")
    assert page.evaluate(SPLIT_WORDS_JS) == [], "a word of the title is split over two lines on a 375 px phone"


def test_talent_tiles_at_desktop_width_keep_every_word_whole(journey):
    # The page-wide "break anywhere" once split "Samenwerken" as "Samenwerke / n" inside its tile at 1280 px.
    page = journey.page()
    log_in(journey, page, JOBSEEKER_EMAIL, check_as="werkzoekende")
    journey.check(page, "overzicht-werkzoekende")
    page.goto("/profiel/wijzigen/talenten")
    journey.check(page, "talenten-tegels-breed")
    assert page.evaluate(SPLIT_WORDS_JS, ".tiles .choice label") == []
