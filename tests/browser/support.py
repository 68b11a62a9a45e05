"""Helpers for the browser journeys: request recorder, screenshots, axe-core, language checks."""

import contextlib
import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
ALLOWED_HOST = "127.0.0.1"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
MAX_SCREENSHOT_HEIGHT = 5000

# axe-core: WCAG 2.0/2.1 level A and AA rules; serious and critical violations fail the journey.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
FAILING_IMPACTS = ("serious", "critical")


def chromium_path():
    """Debian's Chromium (or WERKSTATION_CHROMIUM), or None when it is not installed."""
    override = os.environ.get("WERKSTATION_CHROMIUM")
    if override:
        return override if Path(override).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    return found


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def is_local(url: str) -> bool:
    scheme = urlsplit(url).scheme
    if scheme in ("data", "blob", "about"):
        return True
    return host_of(url) == ALLOWED_HOST


def format_violations(violations, url):
    lines = [f"axe-core: {len(violations)} serious/critical WCAG 2.1 A/AA violation(s) on {url}"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v.get('helpUrl', '')})")
        for node in v["nodes"][:5]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary[:300]}")
            lines.append(f"       html: {node.get('html', '')[:200]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more element(s)")
    return "\n".join(lines)


SIDEWAYS_SCROLL_JS = """
() => [...document.querySelectorAll('body *')].filter((el) => {
  const style = getComputedStyle(el);
  return ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.offsetParent !== null;
}).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''))
"""

# Visible text of the UI in the page's own language: text nodes plus the attributes people hear or see.
# Elements marked with another lang (the language switch link, user content marked lang="nl") are left out.
PAGE_TEXT_JS = """
() => {
  const pageLang = (document.documentElement.lang || '').slice(0, 2);
  const parts = [document.title];
  const otherLang = (el) => {
    const holder = el && el.closest('[lang]');
    return holder && holder !== document.documentElement && holder.lang.slice(0, 2) !== pageLang;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || el.closest('script, style, template, noscript') || otherLang(el)) continue;
    const t = node.textContent.trim();
    if (t) parts.push(t);
  }
  for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title], [alt], input[type=submit], input[type=button]')) {
    if (otherLang(el)) continue;
    for (const a of ['placeholder', 'aria-label', 'title', 'alt']) { if (el.getAttribute(a)) parts.push(el.getAttribute(a)); }
    if (el.matches('input[type=submit], input[type=button]') && el.value) parts.push(el.value);
  }
  return parts.join('\\n');
}
"""

# Common Dutch words of the Werkstation UI: none of these may show on an English page.
DUTCH_WORDS = (
    "je", "jij", "jouw", "jou", "het", "een", "voor", "met", "niet", "naar", "wat", "wij", "ons", "onze",
    "zijn", "wordt", "kunt", "kun", "kies", "vul", "uur", "ook", "nog", "geen", "hier", "waar", "wanneer",
    "vacature", "vacatures", "werkzoekende", "werkzoekenden", "bedrijf", "bedrijven", "inloggen", "uitloggen",
    "aanmelden", "opslaan", "volgende", "vorige", "terug", "verder", "wachtwoord", "e-mailadres", "maandag",
    "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "ochtend", "middag", "avond", "nacht",
    "rijbewijs", "overzicht", "bekijken", "toestemming", "gegevens", "wijk", "werk", "plek", "plekken",
    "mensen", "passen", "sluiten", "verwijderen", "wissen", "ja", "nee", "stap", "klaar", "naam",
)
# English UI strings (including WTForms' and Flask-WTF's built-in messages) that may not show on a Dutch page.
ENGLISH_WORDS = (
    "the", "and", "your", "you", "with", "please", "submit", "save", "cancel", "next", "previous", "delete",
    "required", "optional", "search", "sign", "login", "logout", "password", "email", "register", "vacancy",
    "jobseeker", "business", "morning", "afternoon", "evening", "monday", "tuesday", "yes", "step", "continue",
    "this field", "not a valid", "invalid", "field must be", "csrf", "token", "error", "choose", "select",
)


# Latin-script words an Arabic page may show: names, and the Dutch names of institutions and papers people meet on
# letters and signs (written next to their Arabic explanation).
LATIN_ALLOWED = {
    "werkstation", "whatsapp", "kvk", "esco", "bsn", "json", "csv", "pdf", "utf", "krachtstation", "kanaleneiland",
    "kamer", "van", "koophandel", "werkgeversservicepunt", "autoriteit", "persoonsgegevens", "uitzenden", "vca",
    "haccp", "bhv", "ehbo", "geonames", "www", "org", "creative", "commons", "utrecht", "voorbeeld", "name",
}


def latin_words(text: str) -> list[str]:
    """Latin-script words of three letters or more that are not in LATIN_ALLOWED (for an Arabic page)."""
    found = sorted({w for w in re.findall(r"[A-Za-zÀ-ÿ]{3,}", text) if w.lower() not in LATIN_ALLOWED})
    return found


def foreign_words(text: str, words) -> list[str]:
    """The listed words or phrases that occur as whole words in `text` (case-insensitive), with context."""
    found = []
    for word in words:
        pattern = re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", re.IGNORECASE)
        for m in pattern.finditer(text):
            start, end = max(0, m.start() - 40), min(len(text), m.end() + 40)
            found.append(f"{word!r} in …{text[start:end].replace(chr(10), ' | ')}…")
            break
    return found


def stored_content():
    """Texts people entered (run inside the app context): left out of the language checks."""
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import Business, Jobseeker, Vacancy

    values = set()
    for column in (Business.name, Business.contact_name, Vacancy.title, Vacancy.description, Jobseeker.name,
                   Jobseeker.about):
        values.update(v.strip() for v in db.session.scalars(select(column)) if v and len(v.strip()) > 2)
    return values


class Recorder:
    """Everything a browser context asked for, and what went wrong."""

    def __init__(self, context):
        self.requests = []
        self.foreign = []
        self.server_errors = []
        self.page_errors = []
        self.navigations = []
        context.route("**/*", self._route)
        context.on("request", lambda req: self.requests.append(req.url))
        context.on("response", self._response)

    def _route(self, route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")

    def _response(self, response):
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} {response.url}")

    def watch(self, page):
        page.on("pageerror", lambda exc: self.page_errors.append(f"JavaScript error: {exc}"))
        page.on(
            "console",
            lambda msg: self.page_errors.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" and ("Content Security Policy" in msg.text or "Refused" in msg.text)
            else None,
        )
        page.on("framenavigated", lambda frame: self.navigations.append(frame.url) if frame == page.main_frame else None)


class Journey:
    """One user journey: browser contexts (one per person), screenshots, axe and request checks."""

    def __init__(self, name, browser, server, folder: Path):
        self.name = name
        self.browser = browser
        self.server = server
        self.base_url = server.url
        self.folder = folder
        self.counter = 0
        self.contexts = []
        self.recorders = []
        self.checked = set()
        self.screens = []
        self.axe_pages = 0
        self.started = time.perf_counter()
        self.timings = []  # (file, seconds for the screenshot, for screenshot + axe + checks, since the journey began)

    def url(self, path: str) -> str:
        return self.base_url + path

    def page(self, viewport=DESKTOP, accept_downloads=False):
        """A new person at a new browser (own cookies), with every request recorded."""
        context = self.browser.new_context(
            viewport=viewport, base_url=self.base_url, accept_downloads=accept_downloads,
            locale="nl-NL", timezone_id="Europe/Amsterdam",
            is_mobile=viewport["width"] < 500, has_touch=viewport["width"] < 500,
        )
        context.set_default_timeout(10_000)
        recorder = Recorder(context)
        self.contexts.append(context)
        self.recorders.append(recorder)
        page = context.new_page()
        recorder.watch(page)
        return page

    def check(self, page, name: str, *, axe=True, lang=None):
        """Screenshot this screen, run axe-core on it, and check the recorder so far.

        With `lang` ("nl", "en", "ar", "tr"), also check that no UI text of another language shows.
        """
        page.wait_for_load_state("load")
        started = time.perf_counter()
        self.counter += 1
        path = self.folder / f"{self.counter:02d}-{name}.png"
        # The whole page, up to 5000 px tall (a long staff list would make a slow, unreadable image).
        height = page.evaluate("() => document.documentElement.scrollHeight")
        size = page.viewport_size or DESKTOP
        page.screenshot(path=str(path), full_page=True,
                        clip={"x": 0, "y": 0, "width": size["width"], "height": min(height, MAX_SCREENSHOT_HEIGHT)})
        shot = time.perf_counter() - started
        self.screens.append(path)
        if axe:
            from axe_playwright_python.sync_playwright import Axe

            results = Axe().run(page, options=AXE_OPTIONS).response
            bad = [v for v in results["violations"] if v.get("impact") in FAILING_IMPACTS]
            assert not bad, format_violations(bad, page.url) + f"\n(screenshot: {path})"
            self.axe_pages += 1
            self.checked.add(_strip_fragment(page.url))
        width = page.viewport_size["width"] if page.viewport_size else None
        if width and width < 500:
            # Against the screen width: a phone browser zooms out to fit a too-wide page (innerWidth grows).
            overflow = page.evaluate("() => document.documentElement.scrollWidth") - width
            assert overflow <= 1, f"{page.url} is {overflow}px wider than a {width}px phone screen (screenshot: {path})"
            # Nothing a resident needs may hide in a box that scrolls sideways (like a week grid cut off).
            cut = page.evaluate(SIDEWAYS_SCROLL_JS)
            assert not cut, f"{page.url}: parts only visible by scrolling sideways on a {width}px phone: {cut} (screenshot: {path})"
        self.assert_clean()
        if lang:
            self.assert_language(page, lang)
        self.timings.append((path.name, shot, time.perf_counter() - started, time.perf_counter() - self.started))
        return path

    def assert_clean(self, final=False):
        for rec in self.recorders:
            assert not rec.foreign, "requests outside 127.0.0.1: " + ", ".join(rec.foreign)
            assert not rec.server_errors, "server errors: " + ", ".join(rec.server_errors)
            assert not rec.page_errors, "errors in the page: " + " | ".join(rec.page_errors)
            outside = [u for u in rec.requests if not is_local(u)]
            assert not outside, "requests outside 127.0.0.1: " + ", ".join(outside)
        if final:
            visited = {_strip_fragment(u) for rec in self.recorders for u in rec.navigations if u != "about:blank"}
            unchecked = sorted(visited - self.checked)
            assert not unchecked, "pages visited without an accessibility check: " + ", ".join(unchecked)

    def text(self, page) -> str:
        return page.evaluate(PAGE_TEXT_JS)

    def assert_language(self, page, lang: str):
        """No Dutch UI words on an English page, no English UI strings on a Dutch page; on an Arabic or Turkish page
        neither, and on an Arabic page no Latin-script word but names (LATIN_ALLOWED)."""
        assert page.evaluate("() => document.documentElement.lang") == lang, f"{page.url}: <html lang> is not {lang}"
        words = {"en": DUTCH_WORDS, "nl": ENGLISH_WORDS}.get(lang, DUTCH_WORDS + ENGLISH_WORDS)
        text = self.text(page)
        # What people typed (business names, vacancy titles, descriptions, names) is content, not UI text.
        for value in sorted(self.server.query(stored_content), key=len, reverse=True):
            text = text.replace(value, " ")
        found = foreign_words(text, words) + (latin_words(text) if lang == "ar" else [])
        other = {"en": "Dutch", "nl": "English"}.get(lang, "Dutch or English")
        assert not found, f"{page.url} ({lang}) shows {other} UI text:\n  " + "\n  ".join(found)

    def close(self):
        lines = [f"{name}\tscreenshot {shot:.2f}s\tcheck {spent:.2f}s\tat {at:.2f}s" for name, shot, spent, at in self.timings]
        (self.folder / "timings.txt").write_text("\n".join(lines) + "\n")
        for context in self.contexts:
            # Closing after a failure must not hide the failure.
            with contextlib.suppress(Exception):
                context.close()


def _strip_fragment(url: str) -> str:
    return url.split("#", 1)[0]
