"""Template helpers available in every template."""

from flask import url_for
from werkzeug.routing import BuildError

from . import vocabulary


def url_for_safe(endpoint, **values):
    """url_for that gives None for an area that is not built (yet), so shared templates never break."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def init_app(app):
    app.jinja_env.globals.update(
        status_label=vocabulary.status_label, url_for_safe=url_for_safe, VacancyStatus=vocabulary.VacancyStatus,
        JobseekerStatus=vocabulary.JobseekerStatus, Stage=vocabulary.Stage, Decision=vocabulary.Decision,
        Answer=vocabulary.Answer, EmployerOfRecord=vocabulary.EmployerOfRecord,
    )
