"""Staff find people and vacancies with filters, page and sort the results, and save a filter set to share."""

from urllib.parse import parse_qsl

from flask import abort, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import InputRequired, Length

from ..access import roles
from ..extensions import db
from ..forms import ButtonForm, Form
from ..models import Suggestion
from ..paging import paginate
from ..persistence import save, save_or_back
from ..vocabulary import STAFF_ROLES
from .models import SavedSearch
from .routes import bp
from .search import PAGE_SIZE, SEARCH_FORMS, SearchKind

LIST_VIEWS = {SearchKind.JOBSEEKERS: "staff.jobseekers", SearchKind.VACANCIES: "staff.vacancies"}


class SaveSearchForm(Form):
    """Keep the current filters under a name, for yourself or for every colleague."""

    name = StringField(_l("Naam van deze zoekopdracht"),
                       validators=[InputRequired(message=_l("Geef de zoekopdracht een naam.")), Length(max=80)])
    shared = BooleanField(_l("Ook voor collega's"))
    query = HiddenField()


def saved_searches(kind):
    """The staff member's own saved searches and those colleagues shared, by name."""
    return db.session.scalars(
        select(SavedSearch).where(SavedSearch.kind == kind,
                                  or_(SavedSearch.owner_id == current_user.id, SavedSearch.shared))
        .options(selectinload(SavedSearch.owner)).order_by(func.lower(SavedSearch.name), SavedSearch.id)
    ).all()


def _results(kind, form, status=200, save_form=None):
    """The search page: the filters, the saved searches and one page of results (none when a filter is wrong)."""
    valid = form.validate()
    page = paginate(form.statement(), PAGE_SIZE, max_per_page=PAGE_SIZE) if valid else None
    save_form = save_form or SaveSearchForm(formdata=None, query=form.query_string() if valid else "")
    template = "staff/jobseekers.html" if kind == SearchKind.JOBSEEKERS else "staff/vacancies.html"
    extra = {"unreviewed": _unreviewed_counts(page.items)} if page is not None and kind == SearchKind.VACANCIES else {}
    return render_template(template, form=form, page=page, kind=kind, query=form.query_string() if valid else "",
                           saved=saved_searches(kind), save_form=save_form, **extra), (status if valid else 400)


def _unreviewed_counts(vacancies):
    ids = [v.id for v in vacancies]
    if not ids:
        return {}
    return dict(db.session.execute(
        select(Suggestion.vacancy_id, func.count()).where(Suggestion.unreviewed, Suggestion.vacancy_id.in_(ids))
        .group_by(Suggestion.vacancy_id)
    ).all())


@bp.route("/werkzoekenden")
@roles(*STAFF_ROLES)
def jobseekers():
    """Find people by words, kind of work, talents, licences, languages, availability, travel, place and status."""
    return _results(SearchKind.JOBSEEKERS, SEARCH_FORMS[SearchKind.JOBSEEKERS](request.args))


@bp.route("/vacatures")
@roles(*STAFF_ROLES)
def vacancies():
    """Find vacancies (open ones first shown) with how many suggestions wait for a decision."""
    return _results(SearchKind.VACANCIES, SEARCH_FORMS[SearchKind.VACANCIES](request.args))


@bp.route("/zoekopdrachten/<kind>", methods=["POST"])
@roles(*STAFF_ROLES)
def save_search(kind):
    """Save the filters under a name; they are checked again, so only valid filters are ever kept."""
    if kind not in LIST_VIEWS:
        abort(404)
    save_form = SaveSearchForm()
    filters = SEARCH_FORMS[kind](MultiDict(parse_qsl((save_form.query.data or "")[:2000])))
    if not save_form.validate_on_submit() or not filters.validate():
        return _results(kind, filters, 400, save_form=save_form)
    db.session.add(SavedSearch(kind=kind, name=save_form.name.data.strip(), query=filters.query_string(),
                               owner_id=current_user.id, shared=bool(save_form.shared.data)))
    done = save(save_form, _search_url(kind, filters.query_string()), _l("De zoekopdracht is bewaard."))
    return done if done is not None else _results(kind, filters, 409, save_form=save_form)


@bp.route("/zoekopdrachten/<int:saved_id>/verwijderen", methods=["POST"])
@roles(*STAFF_ROLES)
def delete_search(saved_id):
    """Remove a saved search (only the staff member who saved it may)."""
    row = db.get_or_404(SavedSearch, saved_id)
    form = ButtonForm()
    if row.owner_id != current_user.id or not form.validate_on_submit():
        abort(404 if row.owner_id != current_user.id else 400)
    back = url_for(LIST_VIEWS.get(row.kind, "staff.jobseekers"))
    db.session.delete(row)
    return save_or_back(form, back, _l("De zoekopdracht is weg."))


def _search_url(kind, query):
    base = url_for(LIST_VIEWS[kind])
    return f"{base}?{query}" if query else base


@bp.app_template_global()
def saved_search_url(saved):
    """The address that runs a saved search."""
    return _search_url(saved.kind, saved.query)
