"""Language: Dutch by default; every language in LANGUAGES selectable; catalogs compiled by `make install`.

The choice is kept in the session and, for a logged-in person, on the account (`User.locale`): it is used again
after the next login and for every message sent to that account.
"""

from contextlib import contextmanager
from pathlib import Path

from babel import Locale
from flask import current_app, g, has_request_context, request, session
from flask_babel import force_locale, get_translations
from flask_login import current_user
from markupsafe import Markup, escape

from .extensions import babel
from .persistence import commit
from .writing import list_text

TRANSLATIONS_ROOT = Path(__file__).resolve().parent / "translations"


def get_locale():
    """The chosen language: ?lang=, then the session, then the user's preference, else Dutch."""
    languages = current_app.config["LANGUAGES"]
    wanted = request.args.get("lang")
    if wanted in languages:
        remember_language(wanted)
        return wanted
    if session.get("lang") in languages:
        return session["lang"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def remember_language(lang):
    """Keep a chosen language in the session and, for a logged-in person, on the account (committed)."""
    session["lang"] = lang
    if current_user and current_user.is_authenticated and current_user.locale != lang:
        current_user.locale = lang
        commit()


def language_at_login(user):
    """At login the account's language wins; an account that never chose takes the one on screen."""
    languages = current_app.config["LANGUAGES"]
    if user.locale in languages:
        session["lang"] = user.locale
    elif session.get("lang") in languages:
        user.locale = session["lang"]


def language_name(code):
    """A language's name in its own script (العربية, Türkçe), from the Unicode CLDR data Babel ships."""
    name = Locale.parse(code).display_name or code
    return name[:1].upper() + name[1:]


def text_direction(code):
    return Locale.parse(code).text_direction


def ltr(value):
    """Numbers, dates, postcodes, phone numbers and addresses stay left-to-right inside right-to-left text."""
    if value is None or value == "":
        return value
    return Markup('<bdi dir="ltr">%s</bdi>') % escape(value)


def _request_translations():
    """The request's catalog, looked up once per request (outside a request: Flask-Babel's own lookup)."""
    if not has_request_context():
        return get_translations()
    found = getattr(g, "_werkstation_translations", None)
    if found is None:
        found = g._werkstation_translations = get_translations()
    return found


@contextmanager
def in_language(locale):
    """Render in `locale` (a message in its recipient's language), also inside a request in another language."""
    if locale not in current_app.config["LANGUAGES"]:
        locale = current_app.config["BABEL_DEFAULT_LOCALE"]
    cached = g.pop("_werkstation_translations", None)
    try:
        with force_locale(locale):
            yield locale
    finally:
        g.pop("_werkstation_translations", None)
        if cached is not None:
            g._werkstation_translations = cached


def translation_directories():
    """Each feature area keeps its own catalog folder under werkstation/translations/<area>/."""
    dirs = sorted(str(p) for p in TRANSLATIONS_ROOT.iterdir() if p.is_dir()) if TRANSLATIONS_ROOT.exists() else []
    return ";".join(dirs) or str(TRANSLATIONS_ROOT)


def init_app(app):
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", translation_directories())
    babel.init_app(app, locale_selector=get_locale)
    # Templates call _() hundreds of times per page (every explanation line); Flask-Babel looks the catalog up
    # through several context lookups on each call. The catalog cannot change within a request (the locale is
    # chosen once, nothing here calls flask_babel.refresh or force_locale), so look it up once per request.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _request_translations().ugettext(s),
        ngettext=lambda s, p, n: _request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: _request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _request_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )

    from .vocabulary import DAYPART_LABELS, WEEKDAY_LABELS, WEEKDAY_SHORT

    @app.before_request
    def language_from_link():
        """A link with ?lang= (every message's link) sets the language before a login redirect can drop it."""
        if request.args.get("lang") in app.config["LANGUAGES"]:
            remember_language(request.args["lang"])

    from .phones import display_phone

    app.jinja_env.filters["ltr"] = ltr
    app.jinja_env.filters["phone"] = display_phone
    app.jinja_env.filters["listing"] = list_text
    app.jinja_env.globals.update(
        weekday_labels=WEEKDAY_LABELS, weekday_short=WEEKDAY_SHORT, daypart_labels=DAYPART_LABELS
    )

    @app.context_processor
    def inject_locale():
        from flask_babel import get_locale as babel_locale

        locale = str(babel_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
        return {"current_locale": locale, "text_direction": text_direction(locale), "language_choices": [
            (code, language_name(code), text_direction(code)) for code in current_app.config["LANGUAGES"]]}
