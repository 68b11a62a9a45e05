"""Language: Dutch by default, English selectable; catalogs compiled by `make install`."""

from pathlib import Path

from flask import current_app, request, session
from flask_login import current_user

from .extensions import babel

TRANSLATIONS_ROOT = Path(__file__).resolve().parent / "translations"


def get_locale():
    """The chosen language: ?lang=, then the session, then the user's preference, else Dutch."""
    languages = current_app.config["LANGUAGES"]
    wanted = request.args.get("lang")
    if wanted in languages:
        session["lang"] = wanted
        return wanted
    if session.get("lang") in languages:
        return session["lang"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def translation_directories():
    """Each feature area keeps its own catalog folder under werkstation/translations/<area>/."""
    dirs = sorted(str(p) for p in TRANSLATIONS_ROOT.iterdir() if p.is_dir()) if TRANSLATIONS_ROOT.exists() else []
    return ";".join(dirs) or str(TRANSLATIONS_ROOT)


def init_app(app):
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", translation_directories())
    babel.init_app(app, locale_selector=get_locale)

    from .fields import DAYPART_LABELS, WEEKDAY_LABELS, WEEKDAY_SHORT

    app.jinja_env.globals.update(
        weekday_labels=WEEKDAY_LABELS, weekday_short=WEEKDAY_SHORT, daypart_labels=DAYPART_LABELS
    )

    @app.context_processor
    def inject_locale():
        from flask_babel import get_locale as babel_locale

        return {"current_locale": str(babel_locale() or "nl")}
