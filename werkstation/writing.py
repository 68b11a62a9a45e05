"""How text is written in the language of the page: lists with that language's comma, and Dutch names or amounts
kept in their own order inside right-to-left sentences. Depends on nothing of Werkstation's own, so the vocabulary
and the templates can both use it."""

from __future__ import annotations

from flask import has_app_context
from flask_babel import get_locale as babel_locale


def _text_locale():
    """The language text is being written in now; None outside a request and outside force_locale (then the
    default language's way)."""
    try:
        return babel_locale() if has_app_context() else None
    except RuntimeError:
        return None


def isolated(value) -> str:
    """Dutch names and amounts inside a right-to-left sentence ("حسب cao Bakkersbedrijf (2025-2026)") keep their own
    order: wrapped in Unicode first-strong isolates on a right-to-left page, as they are elsewhere."""
    locale = _text_locale()
    if not value or locale is None or locale.text_direction != "rtl":
        return value
    return f"\u2068{value}\u2069"


# Languages whose lists are separated by the Arabic comma.
ARABIC_COMMA_LANGUAGES = ("ar", "fa", "ur")


def list_text(items, groups: bool = False):
    """Words in a list the way the page's language writes them: "a, b" in Dutch, "a، b" in Arabic; with ``groups``
    (items that hold commas themselves, such as "maandag: ochtend, middag") the semicolon: "; " or Arabic "؛ "."""
    locale = _text_locale()
    arabic = locale is not None and locale.language in ARABIC_COMMA_LANGUAGES
    separator = ("؛ " if arabic else "; ") if groups else ("، " if arabic else ", ")
    return separator.join(str(item) for item in items)
