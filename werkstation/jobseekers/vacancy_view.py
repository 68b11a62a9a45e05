"""A fitting vacancy as a resident sees it: what the work is, where (the trade and the neighbourhood; the business's
name only when the business allows it or both said yes), hours, days, pay, contract, start, travel time from home and
what is asked, in plain words. The resident says
"Ik heb interesse" or "Niet voor mij"; staff see it in their queue as a signal. Nothing here contacts the business:
a staff member still decides and proposes first."""

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length
from wtforms.validators import Optional as OptionalValue

from .. import audit, matching_bridge
from ..access import roles
from ..engine import DEFAULT_TRAVEL_MODE
from ..extensions import db
from ..fields import RadioField
from ..models import Placement, Suggestion, Vacancy, utcnow
from ..persistence import OnceOnlyForm, save
from ..placements import holds, pipeline
from ..settings.store import pc4_names
from ..vocabulary import REQUIRED_LEVEL_WORDS, Interest, Role, Stage, form_level, talent_words
from .routes import bp, own_profile, touched

#: "about N minutes <by the resident's own travel mode>", the figure the engine scores and staff read.
TRAVEL_WORDS = {
    "walk": lambda n: ngettext("ongeveer %(num)d minuut lopen", "ongeveer %(num)d minuten lopen", n),
    "bike": lambda n: ngettext("ongeveer %(num)d minuut fietsen", "ongeveer %(num)d minuten fietsen", n),
    "public_transport": lambda n: ngettext("ongeveer %(num)d minuut met het ov", "ongeveer %(num)d minuten met het ov",
                                           n),
    "car": lambda n: ngettext("ongeveer %(num)d minuut met de auto", "ongeveer %(num)d minuten met de auto", n),
}


def travel_words(minutes, mode):
    if minutes is None:
        return _("onbekend")
    return TRAVEL_WORDS[mode if mode in TRAVEL_WORDS else DEFAULT_TRAVEL_MODE](round(minutes))


class InterestForm(OnceOnlyForm):
    answer = RadioField(_l("Wat vind je van dit werk?"),
                        choices=[(Interest.YES, _l("Ik heb interesse")), (Interest.NO, _l("Niet voor mij"))],
                        validators=[InputRequired(_l("Kies: Ik heb interesse, of Niet voor mij."))])
    reason = TextAreaField(_l("Waarom niet? (mag je leeg laten)"),
                           validators=[OptionalValue(), Length(max=500)])


def vacancy_or_404(jobseeker, vacancy_id):
    """The vacancy with this person's suggestion for it (None when none is stored and the vacancy is closed), when
    it fits them (open, and the engine finds it eligible) or was put before them: a proposal, or a suggestion they
    answered. Any other vacancy is 404, so nobody reads vacancies that have nothing to do with them."""
    vacancy = db.session.get(Vacancy, vacancy_id)
    if jobseeker is None or vacancy is None:
        abort(404)
    if vacancy.matchable:
        row = matching_bridge.suggestion_for(vacancy, jobseeker)
    else:
        row = db.session.scalar(select(Suggestion).where(Suggestion.vacancy_id == vacancy.id,
                                                         Suggestion.jobseeker_id == jobseeker.id))
    fits = vacancy.matchable and jobseeker.matchable and row.eligible
    answered = row is not None and row.interest is not None  # (a suggestion scored just now has no answer)
    if not (fits or answered or proposals_for(jobseeker, vacancy)):
        abort(404)
    return vacancy, row


def asked(vacancy) -> list[str]:
    """What the vacancy asks, in plain words."""
    words = [str(talent_words(t)) for t in vacancy.required_talents or []]
    dutch = (vacancy.languages or {}).get("nl")
    if dutch:
        words.append(str(REQUIRED_LEVEL_WORDS.get(form_level(dutch), dutch)))
    return words + list(vacancy.licences or []) + list(vacancy.certificates or [])


def area_words(postcode) -> str:
    """The neighbourhood of a postcode: "Kanaleneiland (3526)" when the district names it, else its four digits."""
    pc4 = (postcode or "")[:4]
    name = dict(pc4_names()).get(pc4)
    return f"{name} ({pc4})" if name else _("in de buurt van postcode %(pc)s", pc=pc4)


def proposals_for(jobseeker, vacancy) -> list[Placement]:
    """Every proposal of this vacancy to this person, running or ended."""
    return db.session.scalars(select(Placement).where(Placement.vacancy_id == vacancy.id,
                                                      Placement.jobseeker_id == jobseeker.id)).all()


def name_for(jobseeker, vacancy):
    """The business's name for this resident, or None (see Vacancy.name_for_resident)."""
    return next((name for p in proposals_for(jobseeker, vacancy) if (name := vacancy.name_for_resident(p))),
                vacancy.name_for_resident())


@bp.route("/profiel/vacatures/<int:vacancy_id>", methods=["GET", "POST"])
@roles(Role.JOBSEEKER)
def fitting_vacancy(vacancy_id):
    """One fitting vacancy (or one proposed to the person), with "Ik heb interesse" and "Niet voor mij" while it
    is open."""
    jobseeker = own_profile()
    vacancy, row = vacancy_or_404(jobseeker, vacancy_id)
    if not vacancy.matchable:  # closed or paused: shown, nothing to answer here
        return fitting_page(jobseeker, vacancy, row, None), 409 if request.method == "POST" else 200
    form = InterestForm()
    if form.validate_on_submit():
        running = running_proposal(jobseeker, vacancy)
        if running is not None and Interest(form.answer.data) == Interest.NO:
            return not_for_me_with_proposal(jobseeker, vacancy, row, form, running)
        mark_interest(jobseeker, vacancy, row, form)
        message = (_l("Dank je. Een medewerker ziet dat je interesse hebt en neemt contact op als het past.")
                   if row.interest == Interest.YES else _l("Dank je. Een medewerker ziet dat dit werk niet voor je is."))
        done = save(form, url_for("jobseekers.profile"), message)
        if done is not None:
            return done
    elif not form.is_submitted() and row.interest:
        form.answer.data = row.interest
    return fitting_page(jobseeker, vacancy, row, form)


def mark_interest(jobseeker, vacancy, row, form):
    """The resident's answer on the suggestion (with their reason for a "Niet voor mij"), audited."""
    row.interest = Interest(form.answer.data)
    row.interest_reason = (form.reason.data or "").strip() or None if row.interest == Interest.NO else None
    row.interest_at = utcnow()
    touched(jobseeker)
    audit.record("suggestion.interest", row, jobseeker_id=jobseeker.id, vacancy_id=vacancy.id, interest=row.interest)


def fitting_page(jobseeker, vacancy, row, form):
    """The vacancy's page; with the waiting proposal when "Niet voor mij" would be the resident's "nee" to it."""
    minutes = matching_bridge.travel_time(jobseeker.postcode, vacancy.postcode, jobseeker.travel_mode)
    running = running_proposal(jobseeker, vacancy)
    return render_template("jobseekers/fitting_vacancy.html", vacancy=vacancy, row=row, form=form,
                           asked=asked(vacancy), travel=travel_words(minutes, jobseeker.travel_mode),
                           name=name_for(jobseeker, vacancy), area=area_words(vacancy.postcode),
                           waiting=running if waits_for_answer(running) else None)


#: The stored reason of a proposal a resident turned down with "Niet voor mij" (staff and the business read it).
NOT_FOR_ME_REASON = "Niet voor mij"


def running_proposal(jobseeker, vacancy):
    """The proposal for this vacancy and person that has not ended yet, or None."""
    return db.session.scalar(select(Placement).where(
        Placement.vacancy_id == vacancy.id, Placement.jobseeker_id == jobseeker.id,
        Placement.stage.not_in((Stage.ENDED, Stage.COMPLETED))).order_by(Placement.id.desc()).limit(1))


def waits_for_answer(placement) -> bool:
    """A proposal waiting for the resident's yes or no, which they can give now: "Niet voor mij" is then their no."""
    return (placement is not None and placement.stage == Stage.PROPOSED and placement.jobseeker_response is None
            and holds.cannot_answer(placement, Role.JOBSEEKER) is None)


def not_for_me_with_proposal(jobseeker, vacancy, row, form, placement):
    """"Niet voor mij" while a proposal for this vacancy runs. Still waiting for the resident's answer: it is their
    "nee" to the proposal, through the same pipeline.respond as the answer on the proposal's page, saved in one
    transaction with the mark. Already past their answer (they said yes, kennismaking, trial): nothing changes, and
    the form says why."""
    if placement.stage != Stage.PROPOSED or placement.jobseeker_response is not None:
        form.answer.errors = list(form.answer.errors) + [_(
            "Je hebt al ja gezegd tegen een voorstel voor deze vacature. Daarom kan 'Niet voor mij' hier niet. "
            "Wil je toch stoppen? Neem contact op met de coöperatie.")]
        return fitting_page(jobseeker, vacancy, row, form), 409
    note = (form.reason.data or "").strip()
    mark_interest(jobseeker, vacancy, row, form)  # (the answer is "Niet voor mij" here)
    try:
        pipeline.respond(placement, Role.JOBSEEKER, False, f"{NOT_FOR_ME_REASON}: {note}" if note else NOT_FOR_ME_REASON,
                         current_user)
    except pipeline.RuleError as error:
        db.session.rollback()
        form.answer.errors = list(form.answer.errors) + [str(error.message)]
        return fitting_page(jobseeker, vacancy, row, form), 409
    done = save(form, url_for("jobseekers.profile"),
                _l("Dank je. Je hebt ook nee gezegd tegen het voorstel voor deze vacature. De coöperatie en het bedrijf "
                   "zien dat."))
    return done if done is not None else fitting_page(jobseeker, vacancy, row, form)
