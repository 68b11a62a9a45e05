"""Businesses and jobseekers see the proposals made to them and say yes or no.

The business sees an anonymised profile (no name, no contact details, no address) until both sides said yes.
"""

from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import audit
from ..access import roles
from ..explanations import explain
from ..extensions import db
from ..models import Jobseeker, Placement, Vacancy
from ..persistence import commit, commit_form
from ..vocabulary import (
    CERTIFICATE_LABELS,
    LICENCE_LABELS,
    OTHER_LEVEL_WORDS,
    REQUIRED_LEVEL_WORDS,
    STAFF_ROLES,
    Role,
    Stage,
    form_level,
    language_name,
    occupation_label,
    talent_words,
)
from . import holds, pipeline
from .forms import ResponseForm
from .instruments import check_note, instruments

bp = Blueprint("placements", __name__, url_prefix="/plaatsingen")


def my_side():
    """'business' or 'jobseeker' for the current user."""
    return current_user.role


def own_placement(placement_id) -> Placement:
    """The placement if it belongs to the current business or jobseeker; 404 for anyone else's."""
    placement = db.get_or_404(Placement, placement_id)
    if current_user.role == Role.BUSINESS:
        if placement.vacancy.business_id != current_user.business_id:
            abort(404)
    elif current_user.role == Role.JOBSEEKER:
        if placement.jobseeker.user_id != current_user.id:
            abort(404)
    elif current_user.role not in STAFF_ROLES:
        abort(404)
    return placement


def languages_in_words(languages: dict) -> list[str]:
    """'Nederlands: kan gewone gesprekken op het werk voeren ... (B1)', 'Arabisch (vloeiend)': the forms' words."""
    words = []
    for code, level in languages.items():
        if code == "nl":
            words.append(f"{language_name(code)}: {REQUIRED_LEVEL_WORDS.get(form_level(level), level)}")
        else:
            words.append(f"{language_name(code)} ({OTHER_LEVEL_WORDS.get(form_level(level), level)})")
    return words


def anonymous_profile(placement: Placement) -> dict:
    """What a business may see before both said yes: talents, experience, availability, hours, travel time."""
    person = placement.jobseeker
    travel = None
    if placement.suggestion is not None:
        travel = explain(placement.suggestion.explanation).travel
    return {
        "talents": [talent_words(t) for t in person.talents or []],
        "experience": [occupation_label(u) for u in person.occupations or []],
        # An older profile answered one question for work done or wanted: then it is not called experience.
        "experience_known": person.wanted_occupations is not None,
        "availability": dict(person.availability or {}),
        "hours": (person.hours_min, person.hours_max),
        "languages": languages_in_words(person.languages or {}),
        "licences": [LICENCE_LABELS.get(code, code) for code in person.licences or []],
        "certificates": [CERTIFICATE_LABELS.get(code, code) for code in person.certificates or []],
        "travel": travel,
    }


@bp.route("/")
@roles(Role.BUSINESS, Role.JOBSEEKER)
def index():
    """The proposals made to me (business: for my vacancies; jobseeker: for me)."""
    query = select(Placement).options(selectinload(Placement.vacancy).selectinload(Vacancy.business))
    if current_user.role == Role.BUSINESS:
        query = query.join(Vacancy).where(Vacancy.business_id == current_user.business_id)
    else:
        query = query.join(Jobseeker).where(Jobseeker.user_id == current_user.id)
    rows = db.session.scalars(query.order_by(Placement.created_at.desc(), Placement.id.desc())).all()
    return render_template("placements/index.html", rows=rows, side=my_side())


@bp.route("/<int:placement_id>", methods=["GET", "POST"])
@roles(Role.BUSINESS, Role.JOBSEEKER)
def detail(placement_id):
    """One proposal: the anonymised profile or the vacancy, the answer, and contact details once both said yes."""
    placement = own_placement(placement_id)
    side = my_side()
    form = ResponseForm()
    if form.validate_on_submit():
        return answer(placement, side, form)
    if side == Role.BUSINESS:
        audit.record("jobseeker.view", placement.jobseeker, jobseeker_id=placement.jobseeker_id,
                     page="placements.detail", placement_id=placement.id,
                     contact=pipeline.contact_shared(placement))
        commit()
    my_answer = getattr(placement, f"{side}_response")
    open_question = placement.stage == Stage.PROPOSED and my_answer is None
    # Paused or closed on this side: no form, but why not and what to do (the server refuses an answer too).
    cannot_answer = holds.cannot_answer(placement, side) if open_question else None
    return render_template(
        "placements/detail.html", p=placement, side=side, form=form, my_answer=my_answer,
        can_answer=open_question and cannot_answer is None, cannot_answer=cannot_answer,
        contact_shared=pipeline.contact_shared(placement),
        profile=anonymous_profile(placement) if side == Role.BUSINESS else None,
    ), 200 if not form.is_submitted() else 400


def answer(placement, side, form):
    """Save the yes or no as one transaction; a second answer (a double click, also two at the same moment) changes
    nothing and says the first one was saved."""
    here = url_for("placements.detail", placement_id=placement.id)
    if getattr(placement, f"{side}_response") is None:
        change = partial(pipeline.respond, placement, side, form.answer.data == "yes", form.reason.data, current_user)
        try:
            outcome = commit_form(form, here, change)
        except pipeline.RuleError as error:
            db.session.rollback()
            return render_template("errors/error.html", code=error.status, message=error.message), error.status
        if outcome.ok:
            flash(_("Dank je wel. Je antwoord is opgeslagen."), "success")
            return redirect(here)
        if getattr(placement, f"{side}_response") is None:  # someone else changed the proposal: try again
            flash(str(form.form_errors[-1]), "error")
            return redirect(here)
    flash(_("Je antwoord was al opgeslagen."), "info")
    return redirect(here)


@bp.route("/<int:placement_id>/laag-risico")
@roles(Role.BUSINESS, *STAFF_ROLES)
def low_risk(placement_id):
    """For the business: the trial period, who is the employer, and instruments that may apply."""
    placement = own_placement(placement_id)
    ticked = set(placement.instruments or [])
    return render_template(
        "placements/low_risk.html", p=placement, check_note=check_note(),
        instruments=[i for i in instruments() if i.key in ticked],
    )
