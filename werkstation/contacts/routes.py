"""Staff pages of the contact log: a person's or business's timeline with the note-and-task form, and tasks."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from .. import duplicates
from ..access import roles
from ..auth.sessions import safe_next
from ..extensions import db
from ..forms import ButtonForm
from ..models import Business, Jobseeker, User, utcnow
from ..persistence import jobseeker_or_404, previous_result, save, save_or_back
from ..placements import attention
from ..vocabulary import STAFF_ROLES
from . import service
from .forms import BusinessMergeForm, ContactForm
from .models import Task

bp = Blueprint("contacts", __name__, url_prefix="/medewerker")


@bp.app_context_processor
def task_helpers():
    """'My tasks today' for the staff home page (queried only when a template calls it)."""

    def my_tasks_today():
        tasks = service.tasks_due(current_user, utcnow().date())
        return tasks, service.subject_names(tasks)

    return {"my_tasks_today": my_tasks_today, "today_for_tasks": utcnow().date(), "done_form_for_tasks": ButtonForm}


def _log_page(subject, form, status=200, merge_form=None):
    """The contact page: the form and the timeline."""
    if isinstance(subject, Jobseeker):
        timeline, action = service.person_timeline(subject), url_for("contacts.person", jobseeker_id=subject.id)
    else:
        timeline, action = service.business_timeline(subject), url_for("contacts.business", business_id=subject.id)
    look_alikes = [] if isinstance(subject, Jobseeker) else duplicates.business_duplicates(subject)
    merge_form = (merge_form or BusinessMergeForm(formdata=None)).offer(look_alikes)
    return render_template("contacts/log.html", subject=subject, person=isinstance(subject, Jobseeker), form=form,
                           timeline=timeline, action=action, done_form=ButtonForm(), today=utcnow().date(),
                           look_alikes=look_alikes, merge_form=merge_form), status


def _handle(subject, page_url):
    """GET: the page with an empty form. POST: save the note and/or task as one transaction."""
    form = ContactForm()
    if request.method == "GET":
        form.task_owner.data = str(current_user.id)
        return _log_page(subject, form)
    if not form.validate_on_submit():
        return _log_page(subject, form, 400)
    earlier = previous_result(form)
    if earlier is not None:
        return redirect(earlier)
    body, title = (form.body.data or "").strip(), (form.task_title.data or "").strip()
    if body:
        service.add_note(subject, form.kind.data, body, form.happened_on.data or utcnow().date(), current_user)
    if title:
        owner = db.session.get(User, int(form.task_owner.data)) if form.task_owner.data else None
        service.add_task(subject, title, form.task_due.data, owner, current_user)
    done = save(form, page_url, _l("Opgeslagen in het contactlog."))
    return done if done is not None else _log_page(subject, form, 409)


@bp.route("/werkzoekenden/<int:jobseeker_id>/contact", methods=["GET", "POST"])
@roles(*STAFF_ROLES)
def person(jobseeker_id):
    """A person's contact log: calls, visits, agreements, tasks, messages, decisions and placement steps."""
    person = jobseeker_or_404(jobseeker_id)
    return _handle(person, url_for("contacts.person", jobseeker_id=person.id))


@bp.route("/bedrijven/<int:business_id>/contact", methods=["GET", "POST"])
@roles(*STAFF_ROLES)
def business(business_id):
    """A business's contact log."""
    business = db.get_or_404(Business, business_id)
    return _handle(business, url_for("contacts.business", business_id=business.id))


@bp.route("/taken")
@roles(*STAFF_ROLES)
def tasks():
    """Every open task of the staff member, the oldest date first; and placements that wait for staff (a
    kennismaking to plan, a trial that ends within a week): first the ones this staff member proposed, then the
    rest of the team's."""
    mine = db.session.scalars(select(Task).where(Task.owner_id == current_user.id, Task.done_at.is_(None))
                              .order_by(Task.due_on, Task.id)).all()
    today = utcnow().date()
    to_plan, team_to_plan = attention.split(attention.meetings_to_plan(), current_user)
    ending, team_ending = attention.split(attention.trials_ending(today), current_user)
    return render_template("contacts/tasks.html", tasks=mine, names=service.subject_names(mine),
                           today=today, done_form=ButtonForm(), meetings_to_plan=to_plan, trials_ending=ending,
                           team_meetings_to_plan=team_to_plan, team_trials_ending=team_ending)


@bp.route("/taken/<int:task_id>/klaar", methods=["POST"])
@roles(*STAFF_ROLES)
def task_done(task_id):
    """Tick a task off; back to where the staff member came from."""
    task = db.get_or_404(Task, task_id)
    form = ButtonForm.pressed()
    back = safe_next(request.form.get("next", ""))
    local = back is not None and back.startswith("/medewerker/") and "\\" not in back
    back = back if local else url_for("contacts.tasks")
    if service.complete_task(task, current_user):
        return save_or_back(form, back, _l("De taak is klaar."))
    return redirect(back)


@bp.route("/bedrijven/<int:business_id>/samenvoegen", methods=["POST"])
@roles(*STAFF_ROLES)
def merge_business(business_id):
    """Merge a business that signed up twice into this one (only a likely duplicate can be chosen)."""
    business = db.get_or_404(Business, business_id)
    form = BusinessMergeForm().offer(duplicates.business_duplicates(business))
    if not form.validate_on_submit():
        return _log_page(business, ContactForm(formdata=None), 400, merge_form=form)
    earlier = previous_result(form)
    if earlier is not None:
        return redirect(earlier)
    duplicates.merge_businesses(business, db.session.get(Business, int(form.other.data)), current_user)
    done = save(form, url_for("contacts.business", business_id=business.id),
                _l("De bedrijven zijn samengevoegd. Alles staat nu bij dit bedrijf."))
    return done if done is not None else _log_page(db.get_or_404(Business, business_id), ContactForm(formdata=None),
                                                   409, merge_form=form)
