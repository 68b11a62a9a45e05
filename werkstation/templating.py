"""Template helpers available in every template."""

from . import vocabulary
from .clock import local_time


def init_app(app):
    """Every template can name a status's words and compare with the enumerations, and show a moment in Dutch time."""
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.globals.update(
        status_label=vocabulary.status_label, VacancyStatus=vocabulary.VacancyStatus,
        JobseekerStatus=vocabulary.JobseekerStatus, Stage=vocabulary.Stage, Decision=vocabulary.Decision,
        Answer=vocabulary.Answer, EmployerOfRecord=vocabulary.EmployerOfRecord, Interest=vocabulary.Interest,
    )
    from .placements import holds  # a running proposal that stands still, and why

    app.jinja_env.globals.update(on_hold=holds.on_hold, holds=holds, in_week_order=vocabulary.in_week_order,
                                 hours_text=vocabulary.hours_text, pay_text=vocabulary.pay_text,
                                 contract_text=vocabulary.contract_text, business_words=vocabulary.business_words,
                                 schedule_words=vocabulary.schedule_words,
                                 sector_label=vocabulary.sector_label)
    from .explanations import model_words  # which weights made a score, in words

    app.jinja_env.globals["model_words"] = model_words
