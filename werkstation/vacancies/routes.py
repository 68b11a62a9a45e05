"""Businesses post, change, pause and close their vacancies and see at once how many neighbours fit."""

from flask import Blueprint, abort, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from .. import audit, matching_bridge
from ..access import roles
from ..extensions import db
from ..models import Business, Vacancy
from ..persistence import save, save_changes
from ..placements import holds, work_state
from ..status_changes import StatusChanges, StatusForm, apply_status_change, status_form_for
from ..vocabulary import (
    CERTIFICATE_LABELS,
    LICENCE_LABELS,
    REQUIRED_LEVEL_WORDS,
    ROLES,
    STAFF_ROLES,
    Role,
    VacancyStatus,
    esco_name,
    form_level,
    occupation_label,
    search_occupations,
    talent_words,
)
from .forms import BusinessForm, StaffVacancyForm, VacancyForm

bp = Blueprint("vacancies", __name__)

STATUS_CHANGES = StatusChanges(
    transitions={
        "pause": ((VacancyStatus.OPEN,), VacancyStatus.PAUSED),
        "open": ((VacancyStatus.PAUSED, VacancyStatus.CLOSED, VacancyStatus.DRAFT), VacancyStatus.OPEN),
        "close": ((VacancyStatus.OPEN, VacancyStatus.PAUSED, VacancyStatus.DRAFT, VacancyStatus.FILLED),
                  VacancyStatus.CLOSED),
    },
    done={VacancyStatus.PAUSED: _l("De vacature is gepauzeerd."), VacancyStatus.OPEN: _l("De vacature staat weer open."),
          VacancyStatus.CLOSED: _l("De vacature is gesloten.")},
    not_now=_l("Deze vacature heeft die status al, of dat kan nu niet."),
)
EDITABLE = ("title", "occupation_uri", "description", "hours_min", "hours_max", "schedule", "seats", "start_date",
            "required_talents", "preferred_talents", "languages", "licences", "certificates", "postcode",
            "hourly_wage_cents", "cao_name", "contract_type", "work_address", "name_visible")


def vacancy_or_404(vacancy_id):
    """The vacancy if the current user may see it: their own business's, or any for staff; else 404."""
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None:
        abort(404)
    if current_user.is_staff:
        return vacancy
    if current_user.role == Role.BUSINESS and vacancy.business_id == current_user.business_id:
        return vacancy
    abort(404)


def snapshot(vacancy):
    return {name: getattr(vacancy, name) for name in EDITABLE}


def changed_fields(before, vacancy):
    return sorted(name for name in EDITABLE if before.get(name) != getattr(vacancy, name))


def vacancy_view_data(vacancy):
    """Readable words for the stored codes, for the detail page."""
    return {
        "occupation": occupation_label(vacancy.occupation_uri) if vacancy.occupation_uri else None,
        # A title that is no known job finds nobody: the nearest job names help the business choose one.
        "nearest": [] if vacancy.occupation_uri else search_occupations(vacancy.title, 3),
        "required": [talent_words(t) for t in vacancy.required_talents or []],
        "preferred": [talent_words(t) for t in vacancy.preferred_talents or []],
        "level": REQUIRED_LEVEL_WORDS.get(form_level((vacancy.languages or {}).get("nl"))),
        "licences": [LICENCE_LABELS.get(code, code) for code in vacancy.licences or []],
        "certificates": [CERTIFICATE_LABELS.get(code, code) for code in vacancy.certificates or []],
    }


@bp.route("/vacatures")
@roles(Role.BUSINESS, *STAFF_ROLES)
def index():
    """The business's own vacancies (staff: every vacancy)."""
    query = select(Vacancy).order_by(Vacancy.created_at.desc(), Vacancy.id.desc())
    if not current_user.is_staff:
        query = query.where(Vacancy.business_id == current_user.business_id)
    vacancies = db.session.scalars(query.limit(500)).all()
    return render_template("vacancies/index.html", vacancies=vacancies)


@bp.route("/vacatures/nieuw", methods=["GET", "POST"])
@roles(Role.BUSINESS)
def new():
    """Post a new vacancy; after saving the business sees how many neighbours fit."""
    business = current_user.business
    form = VacancyForm()
    if request.method == "GET":
        form.postcode.data = business.postcode
    if form.validate_on_submit():
        done = _create(form, business, _("Je vacature staat online."))
        if done is not None:
            return done
    return render_template("vacancies/form.html", form=form, vacancy=None, business=business)


@bp.route("/medewerker/vacatures/nieuw", methods=["GET", "POST"])
@roles(*STAFF_ROLES)
def new_for_business():
    """Staff enter a vacancy for a business (on the phone, at the counter); logged as done on its behalf."""
    form = StaffVacancyForm()
    if form.validate_on_submit():
        business = db.get_or_404(Business, form.business_id.data)
        done = _create(form, business, _("De vacature van %(name)s staat online.", name=business.name))
        if done is not None:
            return done
    return render_template("vacancies/form.html", form=form, vacancy=None, business=None)


def _create(form, business, message):
    """Save a new open vacancy for `business` with its suggestions in one transaction; the redirect, or None when
    the form must be shown again (its error is on the form)."""
    vacancy = Vacancy(business=business, status=VacancyStatus.OPEN)
    form.populate_vacancy(vacancy, business.postcode)
    db.session.add(vacancy)
    db.session.flush()
    matching_bridge.rescore(vacancy)
    audit.record("vacancy.create", vacancy, title=vacancy.title, on_behalf=current_user.is_staff)
    return save(form, url_for("vacancies.detail", vacancy_id=vacancy.id, saved=1), message)


@bp.route("/vacatures/<int:vacancy_id>")
@roles(Role.BUSINESS, *STAFF_ROLES)
def detail(vacancy_id):
    """One vacancy with anonymous counts of the neighbours who fit it."""
    vacancy = vacancy_or_404(vacancy_id)
    counts = matching_bridge.fit_counts(vacancy) if vacancy.status == VacancyStatus.OPEN else None
    return render_template(
        "vacancies/detail.html", vacancy=vacancy, counts=counts, words=vacancy_view_data(vacancy),
        status_form=status_form_for(vacancy), actions=STATUS_CHANGES.actions_for(vacancy),
    )


@bp.route("/vacatures/<int:vacancy_id>/bewerken", methods=["GET", "POST"])
@roles(Role.BUSINESS, *STAFF_ROLES)
def edit(vacancy_id):
    """Change a vacancy; the matches are recalculated in the same transaction."""
    vacancy = vacancy_or_404(vacancy_id)
    stored = list(vacancy.required_talents or []) + list(vacancy.preferred_talents or [])
    form = VacancyForm(stored_talents=stored, previous_start=vacancy.start_date)
    if request.method == "GET":
        form.load_vacancy(vacancy)
        chosen = esco_name(request.args.get("beroep"))
        if chosen:  # "Bedoel je een van deze?" on the vacancy page: that job, ready to save
            form.title.data, form.occupation_uri.data = chosen, request.args["beroep"]

    def change():
        before = snapshot(vacancy)
        form.populate_vacancy(vacancy, vacancy.business.postcode)
        if not work_state.follow_vacancy(vacancy):  # more or fewer places: it may be full now, or open again
            matching_bridge.rescore(vacancy)
        audit.record("vacancy.update", vacancy, fields=changed_fields(before, vacancy), on_behalf=current_user.is_staff)

    done = save_changes(form, vacancy, change, url_for("vacancies.detail", vacancy_id=vacancy.id, saved=1),
                        _l("Je wijzigingen zijn opgeslagen."))
    if done is not None:
        return done
    return render_template("vacancies/form.html", form=form, vacancy=vacancy, business=vacancy.business)


@bp.route("/vacatures/<int:vacancy_id>/status", methods=["POST"])
@roles(Role.BUSINESS, *STAFF_ROLES)
def change_status(vacancy_id):
    """Pause, reopen or close a vacancy. Pausing and closing take a second press: the first shows "Weet je het
    zeker?" and what happens to running proposals, with the same form state (token and version), so an accidental
    press changes nothing."""
    vacancy = vacancy_or_404(vacancy_id)
    action = request.form.get("action")
    if (action in ("close", "pause") and request.form.get("confirmed") != "yes"
            and vacancy.status in STATUS_CHANGES.transitions[action][0]):
        return render_template("vacancies/confirm_status.html", vacancy=vacancy, status_form=StatusForm(),
                               running=holds.running_counts(vacancy), action=action)

    def after_change(old, new):
        # Opened again with every place taken: it is "vervuld" at once.
        if not (new == VacancyStatus.OPEN and work_state.follow_vacancy(vacancy)):
            matching_bridge.rescore(vacancy)
        if new in (VacancyStatus.PAUSED, VacancyStatus.CLOSED):
            work_state.flag_running_proposals(vacancy)
        audit.record("vacancy.status", vacancy, from_status=old, to_status=new, on_behalf=current_user.is_staff)

    return apply_status_change(vacancy, STATUS_CHANGES, url_for("vacancies.detail", vacancy_id=vacancy.id), after_change)


@bp.route("/bedrijf/gegevens", methods=["GET", "POST"])
@roles(Role.BUSINESS)
def business_details():
    """The business changes its own name, sector, postcode, contact person and phone number."""
    business = db.session.get(Business, current_user.business_id)
    if business is None:
        abort(404)
    form = BusinessForm(obj=business if request.method == "GET" else None)
    if form.validate_on_submit():
        before = {k: getattr(business, k) for k in ("name", "sector", "postcode", "contact_name", "phone")}
        business.name = form.name.data.strip()
        business.sector = form.sector.data
        business.postcode = form.postcode.data
        business.contact_name = form.contact_name.data.strip()
        business.phone = form.phone.data
        changes = sorted(k for k, v in before.items() if getattr(business, k) != v)
        audit.record("business.update", business, fields=changes)
        done = save(form, url_for("main.dashboard"), _l("De gegevens van je bedrijf zijn opgeslagen."))
        if done is not None:
            return done
    return render_template("vacancies/business.html", form=form, business=business)


@bp.route("/api/beroepen")
@roles(*ROLES)
def occupation_suggestions():
    """ESCO occupations for what someone is typing: [{uri, label}] (used by occupation-suggest.js)."""
    query = request.args.get("q", "")
    return jsonify({"results": [{"uri": uri, "label": label} for uri, label in search_occupations(query)]})
