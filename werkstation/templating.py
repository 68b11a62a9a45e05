"""Template helpers available in every template."""

from flask import url_for
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

STATUS_LABELS = {
    # vacancies
    "draft": _l("concept"), "open": _l("open"), "paused": _l("gepauzeerd"), "filled": _l("vervuld"),
    "closed": _l("gesloten"),
    # jobseekers
    "available": _l("beschikbaar"), "placed": _l("aan het werk"), "erased": _l("gewist"),
    # placements
    "voorgesteld": _l("voorgesteld"), "kennismaking": _l("kennismaking"), "proefplaatsing": _l("proefplaatsing"),
    "in_dienst": _l("in dienst"), "afgerond": _l("afgerond"), "beeindigd": _l("beëindigd"),
    # decisions
    "shortlist": _l("op de shortlist"), "reject": _l("afgewezen"),
    "accepted": _l("ja"), "declined": _l("nee"),
}


def status_label(status):
    """The Dutch (or English) word for a status code."""
    return STATUS_LABELS.get(status, status)


def url_for_safe(endpoint, **values):
    """url_for that gives None for an area that is not built (yet), so shared templates never break."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def init_app(app):
    app.jinja_env.globals.update(status_label=status_label, url_for_safe=url_for_safe)
