"""Staff views: review queues, decisions, proposals, the pipeline, follow-ups, the neighbourhood plan, impact."""

from functools import partial

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import audit, duplicates, matching_bridge
from ..access import roles
from ..auth.sessions import safe_next
from ..explanations import explain
from ..extensions import db
from ..models import AuditEvent, FollowUp, Jobseeker, Placement, Suggestion, Vacancy
from ..neighbourhood import lives_here
from ..paging import paginate
from ..persistence import (
    FAILED_MESSAGE,
    commit,
    jobseeker_or_404,
    previous_result,
    save,
    save_changes,
    save_or_back,
    versions_match,
)
from ..placements import instruments as instrument_list
from ..placements import pipeline
from ..vocabulary import (
    ACTIVE_STAGES,
    STAFF_ROLES,
    WORKING_STAGES,
    Decision,
    Stage,
    occupation_label,
)
from . import impact, queues
from .forms import (
    DecisionForm,
    FollowUpForm,
    InstrumentsForm,
    MoveForm,
    OnBehalfForm,
    PlanForm,
    ProposeForm,
    QueueFilterForm,
    meeting_form_for,
)
from .replaced import replaced_suggestion

# cli_group=None: the commands are `flask rematch` and `flask learn`, not `flask staff ...`.
bp = Blueprint("staff", __name__, url_prefix="/medewerker", cli_group=None)

QUEUE_PAGE = 20


def refused(error: pipeline.RuleError):
    """A rule said no: show why, with the rule's status code (409 for a refused step)."""
    db.session.rollback()
    return render_template("errors/error.html", code=error.status, message=error.message), error.status


def is_resident(jobseeker):
    """Whether the person lives in the neighbourhood."""
    return lives_here(jobseeker.postcode)


@bp.app_context_processor
def staff_helpers():
    """Helpers for the staff dashboard panel (queried only when a template calls them)."""
    return {"due_follow_ups": pipeline.due_follow_ups, "staff_is_resident": is_resident, "audit_label": audit_label}


AUDIT_LABELS = {
    "jobseeker.view": _l("profiel bekeken"),
    "suggestion.decide": _l("besluit over suggestie"),
    "placement.propose": _l("voorgesteld"),
    "placement.respond": _l("antwoord op voorstel"),
    "placement.stage": _l("stap in plaatsing"),
    "placement.instruments": _l("regelingen aangevinkt"),
    "placement.follow_up": _l("opvolging"),
    "fairness.save": _l("vrijwillige vragen ingevuld"),
    "fairness.remove": _l("vrijwillige antwoorden gewist"),
}


def audit_label(action):
    """A readable name for an audit action (the code itself when unknown)."""
    return AUDIT_LABELS.get(action, action)


@bp.route("/")
@roles(*STAFF_ROLES)
def home():
    """The workspace's start: what needs doing now."""
    counts = {
        "unreviewed": matching_bridge.unreviewed_count(),
        "waiting": db.session.scalar(
            select(func.count()).select_from(Placement).where(Placement.stage == Stage.PROPOSED)
        ),
        "working": db.session.scalar(
            select(func.count()).select_from(Placement).where(Placement.stage.in_(WORKING_STAGES))
        ),
    }
    return render_template("staff/home.html", counts=counts, follow_ups=pipeline.due_follow_ups())


@bp.route("/vacatures/<int:vacancy_id>")
@roles(*STAFF_ROLES)
def vacancy_queue(vacancy_id):
    """The ranked suggestions for one vacancy, with filters and each decision."""
    vacancy = db.get_or_404(Vacancy, vacancy_id)
    filters = QueueFilterForm(request.args)
    query = queues.vacancy_queue(vacancy, filters)
    page = paginate(query, QUEUE_PAGE)
    rows = [(s, explain(s.explanation)) for s in page.items]
    placements = {p.jobseeker_id: p for p in vacancy.placements if p.is_active}
    shown = [s.jobseeker_id for s in page.items]
    elsewhere = {p.jobseeker_id: p for p in db.session.scalars(
        select(Placement).where(Placement.jobseeker_id.in_(shown), Placement.stage.in_(ACTIVE_STAGES),
                                Placement.vacancy_id != vacancy.id).options(selectinload(Placement.vacancy)))}
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("staff/vacancy_queue.html", vacancy=vacancy, rows=rows, filters=filters, page=page,
                           args=args, more_hours=queues.more_hours_of(page.items),
                           interested=queues.interested_count(vacancy),
                           without_interest={k: v for k, v in args.items() if k != "interested"},
                           placements=placements, elsewhere=elsewhere, seats_taken=pipeline.seats_taken(vacancy),
                           seats_full=pipeline.seats_full(vacancy),
                           rescore_form=ProposeForm())


@bp.route("/vacatures/<int:vacancy_id>/opnieuw", methods=["POST"])
@roles(*STAFF_ROLES)
def rescore_vacancy(vacancy_id):
    """Score this vacancy again against everyone available now."""
    vacancy = db.get_or_404(Vacancy, vacancy_id)
    form = ProposeForm()
    back = url_for("staff.vacancy_queue", vacancy_id=vacancy.id)
    if form.validate_on_submit():
        n = matching_bridge.rescore(vacancy)
        return save_or_back(form, back, _l("Opnieuw berekend: %(n)s suggesties.", n=n))
    return redirect(back)


@bp.route("/werkzoekenden/<int:jobseeker_id>")
@roles(*STAFF_ROLES)
def jobseeker_queue(jobseeker_id):
    """One person's profile and the vacancies suggested for them (the view is logged)."""
    person = jobseeker_or_404(jobseeker_id)
    filters = QueueFilterForm(request.args)
    query = (
        select(Suggestion).join(Vacancy).where(Suggestion.jobseeker_id == person.id)
        .options(selectinload(Suggestion.vacancy).selectinload(Vacancy.business))
        .order_by(queues.SAID_NO_UNDECIDED, Suggestion.eligible.desc(), queues.SAID_YES_FIRST, Suggestion.score.desc(),
                  Suggestion.id)
    )
    if filters.eligible.data:
        query = query.where(Suggestion.eligible)
    if filters.undecided.data:
        query = query.where(Suggestion.undecided)
    rows = [(s, explain(s.explanation)) for s in db.session.scalars(query)]
    audit.record("jobseeker.view", person, jobseeker_id=person.id, page="staff.jobseeker_queue")
    commit()
    occupations = [occupation_label(u) for u in person.occupations or []]
    wanted = None if person.wanted_occupations is None else [occupation_label(u) for u in person.wanted_occupations]
    return render_template("staff/jobseeker_queue.html", person=person, rows=rows, filters=filters,
                           occupations=occupations, wanted=wanted, resident=is_resident(person),
                           duplicates=duplicates.duplicates_of(person))


@bp.route("/werkzoekenden/<int:jobseeker_id>/logboek")
@roles(*STAFF_ROLES)
def jobseeker_audit(jobseeker_id):
    """Everything the log holds about one person: who viewed, decided or moved what, when."""
    person = db.get_or_404(Jobseeker, jobseeker_id)
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.jobseeker_id == person.id)
        .options(selectinload(AuditEvent.actor)).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    ).all()
    return render_template("staff/audit.html", person=person, events=events)


@bp.route("/suggesties/<int:suggestion_id>", methods=["GET", "POST"])
@roles(*STAFF_ROLES)
def suggestion(suggestion_id):
    """One suggestion: the full explanation, the decision and, once shortlisted, the proposal."""
    row = db.session.get(Suggestion, suggestion_id)
    back = safe_next(request.args.get("next"))  # the queue the staff member came from
    if row is None:  # an old link: removed and stored again with a new id (see replaced.py)
        return replaced_suggestion(suggestion_id, back)
    form = DecisionForm()
    if request.method == "GET":
        form.load(row)
    try:
        done = save_changes(
            form, row, lambda: pipeline.decide(row, form.decision.data, form.reason_key, form.note.data, current_user),
            back or url_for("staff.suggestion", suggestion_id=row.id), _l("Je besluit is opgeslagen."),
        )
    except pipeline.RuleError as error:
        return refused(error)
    if done is not None:
        return done
    if request.method == "GET":
        audit.record("jobseeker.view", row.jobseeker, jobseeker_id=row.jobseeker_id, page="staff.suggestion",
                     vacancy_id=row.vacancy_id, suggestion_id=row.id)
        commit()
    return _suggestion_page(row, form, back, 200 if request.method == "GET" else 400)


def _suggestion_page(row, form, back, status, refusal=None):
    """The suggestion page; `refusal` is why a proposal was refused, shown above the next steps."""
    placement = next((p for p in row.jobseeker.placements if p.vacancy_id == row.vacancy_id and p.is_active), None)
    elsewhere = [p for p in row.jobseeker.placements if p.is_active and p.vacancy_id != row.vacancy_id]
    return render_template(
        "staff/suggestion.html", s=row, e=explain(row.explanation), form=form, propose_form=ProposeForm(), back=back,
        placement=placement, resident=is_resident(row.jobseeker), refusal=refusal, elsewhere=elsewhere,
        seats_full=pipeline.seats_full(row.vacancy),
        reasons=pipeline.SHORTLIST_REASONS if row.decision == Decision.SHORTLIST else pipeline.REJECT_REASONS,
    ), status


@bp.route("/suggesties/<int:suggestion_id>/voorstellen", methods=["POST"])
@roles(*STAFF_ROLES)
def propose(suggestion_id):
    """Propose a shortlisted person: refused (409) when no staff member shortlisted the suggestion."""
    row = db.get_or_404(Suggestion, suggestion_id)
    form = ProposeForm()
    if not form.validate_on_submit():
        abort(400)
    earlier = previous_result(form)
    if earlier:  # a double click: the first click made the proposal
        return redirect(earlier)
    try:
        placement = pipeline.propose(row, current_user)
    except pipeline.RuleError as error:
        return _propose_refused(suggestion_id, error.message, error.status)
    done = save(form, url_for("staff.placement", placement_id=placement.id),
                _l("Voorgesteld. Het bedrijf en de werkzoekende kunnen nu ja of nee zeggen."))
    if done is None:
        return _propose_refused(suggestion_id, form.form_errors[-1] if form.form_errors else FAILED_MESSAGE, 409)
    return done


def _propose_refused(suggestion_id, message, status):
    """A refused proposal: why, on the suggestion's own page, with the next steps."""
    db.session.rollback()
    row = db.session.get(Suggestion, suggestion_id)
    form = DecisionForm(formdata=None)
    form.load(row)
    return _suggestion_page(row, form, safe_next(request.args.get("next")), status, message)


@bp.route("/plaatsingen")
@roles(*STAFF_ROLES)
def placements():
    """Every placement by stage."""
    stage = request.args.get("fase")
    query = (
        select(Placement).options(selectinload(Placement.vacancy).selectinload(Vacancy.business),
                                  selectinload(Placement.jobseeker))
        .order_by(Placement.updated_at.desc(), Placement.id.desc())
    )
    if stage in pipeline.NEXT_STAGES:
        query = query.where(Placement.stage == stage)
    counts = dict(db.session.execute(select(Placement.stage, func.count()).group_by(Placement.stage)).all())
    return render_template("staff/placements.html", rows=db.session.scalars(query).all(), stage=stage,
                           stages=list(pipeline.NEXT_STAGES), counts=counts)


def move_form_for(placement):
    """The next-step form as a GET shows it."""
    form = MoveForm(formdata=None, obj=placement)
    form.version.data = placement.version
    form.note.data = None
    form.set_stages(pipeline.NEXT_STAGES.get(placement.stage, ()))
    return form


def _placement_page(placement, form, status=200, meeting_form=None):
    instruments_form = InstrumentsForm(formdata=None, instruments=placement.instruments or [], version=placement.version)
    instruments_form.instruments.choices = [(i.key, i.name) for i in instrument_list.instruments()]
    follow_up_forms = {f.id: FollowUpForm(prefix=f"f{f.id}") for f in placement.follow_ups if f.done_at is None}
    return render_template(
        "staff/placement.html", p=placement, form=form, instruments_form=instruments_form,
        follow_up_forms=follow_up_forms, contact_shared=pipeline.contact_shared(placement),
        on_behalf_form=OnBehalfForm(formdata=None, prefix="ob") if placement.stage == Stage.PROPOSED else None,
        meeting_form=meeting_form or (meeting_form_for(placement) if placement.stage == Stage.INTRODUCTION else None),
        today=pipeline.utcnow().date(), end_reasons=pipeline.END_REASONS,
    ), status


@bp.route("/plaatsingen/<int:placement_id>", methods=["GET", "POST"])
@roles(*STAFF_ROLES)
def placement(placement_id):
    """A placement's history and its next step."""
    row = db.get_or_404(Placement, placement_id)
    form = MoveForm(obj=None if request.method == "POST" else row)
    if request.method == "GET":
        form.version.data = row.version
        form.note.data = None
    form.set_stages(pipeline.NEXT_STAGES.get(row.stage, ()))
    if request.method == "GET":
        return _placement_page(row, form)

    def change():
        pipeline.move(
            row, form.to_stage.data, current_user, trial_start=form.trial_start.data,
            trial_end=form.trial_end.data, employed_since=form.employed_since.data,
            employer_of_record=form.employer_of_record.data, hours_per_week=form.hours_per_week.data,
            reason=form.reason.data or None, note=form.note.data,
            meeting=(form.meeting_date.data, form.meeting_time.data, form.meeting_place.data),
            long_trial=form.long_trial.data,
        )

    try:
        done = save_changes(form, row, change, url_for("staff.placement", placement_id=row.id),
                            _l("De nieuwe stap is opgeslagen."))
    except pipeline.RuleError as error:
        db.session.rollback()
        field = getattr(form, error.field, None) if error.field else None
        if field is not None:  # next to the field it is about (the summary at the top links to it)
            field.errors = [*field.errors, error.message]
        else:
            form.form_errors.append(error.message)
        return _placement_page(db.session.get(Placement, placement_id), form, error.status)
    if done is not None:
        return done
    return _placement_page(db.session.get(Placement, placement_id), form, 409 if form.form_errors else 400)


@bp.route("/plaatsingen/<int:placement_id>/antwoord", methods=["POST"])
@roles(*STAFF_ROLES)
def placement_answer(placement_id):
    """Note the answer a jobseeker or business gave in person or by phone (recorded as given by this staff member)."""
    row = db.get_or_404(Placement, placement_id)
    form = OnBehalfForm(prefix="ob")
    if not form.validate_on_submit():
        abort(400)
    side = form.side.data
    if getattr(row, f"{side}_response") is not None:
        return refused(pipeline.RuleError(_l("Op dit voorstel is al geantwoord.")))
    try:
        return save_or_back(form, url_for("staff.placement", placement_id=row.id), _l("Het antwoord is opgeslagen."),
                            partial(pipeline.respond, row, side, form.answer.data == "yes", form.reason.data,
                                    current_user))
    except pipeline.RuleError as error:
        return refused(error)


@bp.route("/plaatsingen/<int:placement_id>/instrumenten", methods=["POST"])
@roles(*STAFF_ROLES)
def placement_instruments(placement_id):
    """Staff tick the instruments that may apply (for the business's low-risk summary)."""
    row = db.get_or_404(Placement, placement_id)
    form = InstrumentsForm()
    form.instruments.choices = [(i.key, i.name) for i in instrument_list.instruments()]
    if not form.validate_on_submit():
        abort(400)
    back = url_for("staff.placement", placement_id=row.id)
    if previous_result(form) is None and not versions_match(form, row):  # saved elsewhere since: that list stays
        flash(str(form.form_errors[-1]), "error")
        return redirect(back + "#regelingen")
    row.instruments = list(form.instruments.data or [])
    audit.record("placement.instruments", row, jobseeker_id=row.jobseeker_id, instruments=row.instruments)
    return save_or_back(form, back, _l("De lijst is opgeslagen."))


@bp.route("/opvolging/<int:follow_up_id>", methods=["POST"])
@roles(*STAFF_ROLES)
def follow_up(follow_up_id):
    """Note a 1, 3 or 6 month check-in."""
    row = db.get_or_404(FollowUp, follow_up_id)
    form = FollowUpForm(prefix=f"f{row.id}")
    if not form.validate_on_submit():
        flash(_("Kies ja of nee."), "error")
        return redirect(url_for("staff.placement", placement_id=row.placement_id))
    back = url_for("staff.placement", placement_id=row.placement_id)
    if row.done_at is None:
        pipeline.record_follow_up(row, form.still_working.data == "yes", form.note.data, current_user)
        return save_or_back(form, back, _l("De opvolging is opgeslagen."))
    return redirect(back)


def _plan_choices(plan):
    """Checkboxes for the plan's new pairs only: pairs already on the shortlist stay as they are."""
    return [
        (f"{v.id}:{j.id}", _("%(title)s bij %(business)s — %(name)s (%(score)s punten)", title=v.title,
                            business=v.business.name, name=j.name or _("zonder naam"), score=round(score * 100)))
        for v, j, score in plan.new
    ]


def _recorded(ids_text):
    """The shortlist decisions just taken from the plan (ids in the address), to list after accepting."""
    ids = [int(x) for x in (ids_text or "").split(",") if x.isdigit()][:200]
    if not ids:
        return []
    return db.session.scalars(select(Suggestion).where(Suggestion.id.in_(ids), Suggestion.decision_reason == "plan")
                              .options(selectinload(Suggestion.jobseeker), selectinload(Suggestion.vacancy))
                              .order_by(Suggestion.id)).all()


@bp.route("/plan", methods=["GET", "POST"])
@roles(*STAFF_ROLES)
def plan():
    """The neighbourhood plan next to greedy picks and against the decisions made; accepting it records only the
    new shortlist decisions, listed afterwards."""
    computed = matching_bridge.neighbourhood_plan()
    form = PlanForm()
    form.assignments.choices = _plan_choices(computed)
    recorded = _recorded(request.args.get("vastgelegd"))
    if request.method == "GET":
        form.assignments.data = [key for key, _label in form.assignments.choices]
    elif form.validate_on_submit():
        wanted = set(form.assignments.data or [])
        decided = []
        for vacancy, person, _score in computed.new:
            if f"{vacancy.id}:{person.id}" not in wanted:
                continue
            row = matching_bridge.suggestion_for(vacancy, person)
            if row.decision is not None:
                continue
            db.session.flush()
            pipeline.decide(row, Decision.SHORTLIST, "plan", _("Geaccepteerd uit het wijkplan"), current_user)
            decided.append(row)
        recorded_url = url_for("staff.plan", vastgelegd=",".join(str(r.id) for r in decided) or None)
        done = save(form, recorded_url, ngettext("%(num)d nieuw besluit vastgelegd: op de shortlist.",
                                                 "%(num)d nieuwe besluiten vastgelegd: op de shortlist.", len(decided)))
        if done is not None:
            return done
    if request.method == "POST":
        return render_template("staff/plan.html", plan=computed, form=form, recorded=recorded), \
            409 if form.form_errors else 400
    return render_template("staff/plan.html", plan=computed, form=form, recorded=recorded)


@bp.route("/impact")
@roles(*STAFF_ROLES)
def impact_dashboard():
    """Charts of what the work does for the neighbourhood, each with its numbers as a table and a CSV file."""
    return render_template("staff/impact.html", figures=impact.all_figures())


@bp.route("/impact/<name>.csv")
@roles(*STAFF_ROLES)
def impact_csv(name):
    """One figure's numbers as CSV."""
    figure = impact.figure(name)
    if figure is None:
        abort(404)
    return Response(
        figure.csv(), mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="werkstation-{name}.csv"'},
    )
