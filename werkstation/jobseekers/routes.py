"""The intake (step by step, nothing stored before consent) and the jobseeker's own profile.

Staff use the same pages: the intake on behalf of a resident without an account (/medewerker/intake/...), and
any profile under /werkzoekenden/<id>/... Every change by staff lands in the audit log.
"""

import json

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, logout_user
from flask_wtf.csrf import CSRFError, validate_csrf
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField
from wtforms.validators import DataRequired
from wtforms.validators import ValidationError as WTFValidationError

from .. import audit, matching_bridge, vocabulary
from ..access import roles
from ..accounts.service import account_for_jobseeker
from ..duplicates import intake_duplicates
from ..extensions import db
from ..forms import Form
from ..i18n import ltr
from ..models import Jobseeker, utcnow
from ..persistence import commit, commit_form, save, save_changes
from ..phones import display_phone
from ..placements import work_state
from ..security import fresh_session
from ..status_changes import StatusChanges, apply_status_change, status_form_for
from ..vocabulary import (
    CERTIFICATE_LABELS,
    DUTCH_LEVEL_WORDS,
    LICENCE_LABELS,
    OTHER_LEVEL_WORDS,
    STAFF_ROLES,
    TRAVEL_MODE_LABELS,
    JobseekerStatus,
    Role,
    form_level,
    language_name,
    occupation_label,
    talent_words,
)
from ..writing import list_text
from . import steps as intake_steps
from .drafts import SESSION_KEYS, intake_state, raw_input, save_intake_state, too_long
from .export import build_export
from .interests import declined_vacancies, fitting_vacancies, interested_vacancies
from .privacy import erase_jobseeker
from .steps import BY_NAME, CONSENT, STEPS, ConsentForm, StaffConsentForm, step_number, total_steps

bp = Blueprint("jobseekers", __name__)

STATUS_CHANGES = StatusChanges(
    transitions={"pause": ((JobseekerStatus.AVAILABLE,), JobseekerStatus.PAUSED),
                 "resume": ((JobseekerStatus.PAUSED,), JobseekerStatus.AVAILABLE)},
    done={JobseekerStatus.PAUSED: _l("Je staat op pauze. Je krijgt nu geen voorstellen."),
          JobseekerStatus.AVAILABLE: _l("Je bent weer beschikbaar voor werk.")},
    not_now=_l("Dat lukte niet. Probeer het nog een keer."),
)


def intake_url(name, on_behalf):
    if name == CONSENT:
        return url_for("jobseekers.staff_consent" if on_behalf else "jobseekers.consent")
    return url_for("jobseekers.staff_step" if on_behalf else "jobseekers.step", name=name)


def own_profile():
    return db.session.scalar(select(Jobseeker).where(Jobseeker.user_id == current_user.id))


def neighbours(name):
    names = [s.name for s in STEPS] + [CONSENT]
    i = names.index(name)
    return (names[i - 1] if i > 0 else None), names[i + 1]


# --- intake --------------------------------------------------------------------------------------------------


@bp.route("/intake")
@roles(Role.JOBSEEKER)
def intake():
    """Start (or continue) the intake."""
    if own_profile() is not None:
        return redirect(url_for("jobseekers.profile"))
    answers = intake_state(False)["answers"]
    first_open = next((s.name for s in STEPS if s.name not in answers), CONSENT)
    return redirect(intake_url(first_open, False))


@bp.route("/medewerker/intake")
@roles(*STAFF_ROLES)
def staff_intake():
    """Staff start an intake with a resident at the neighbourhood centre; ?opnieuw=1 starts a fresh one."""
    if request.args.get("opnieuw"):
        session.pop(SESSION_KEYS[True], None)
    answers = intake_state(True)["answers"]
    first_open = next((s.name for s in STEPS if s.name not in answers), CONSENT)
    return redirect(intake_url(first_open, True))


@bp.route("/intake/<name>", methods=["GET", "POST"], defaults={"on_behalf": False})
@roles(Role.JOBSEEKER)
def step(name, on_behalf):
    """One topic of the intake; answers stay in the session until consent."""
    return intake_step(name, on_behalf)


@bp.route("/medewerker/intake/<name>", methods=["GET", "POST"], defaults={"on_behalf": True})
@roles(*STAFF_ROLES)
def staff_step(name, on_behalf):
    """One topic of an intake done by staff for a resident."""
    return intake_step(name, on_behalf)


def first_values(name, on_behalf):
    """A step's answers before the first visit: a resident who signed up with a phone number finds it filled in."""
    if name == "over-jou" and not on_behalf and getattr(current_user, "phone", None):
        return {"phone": current_user.phone}
    return {}


def say_what_was_understood(form):
    """After saving: typed words that were saved as a job with another name are said back (see WorkForm.understood)."""
    line = form.understood() if hasattr(form, "understood") else None
    if line:
        flash(line, "info")


def intake_step(name, on_behalf):
    step_ = BY_NAME.get(name)
    if step_ is None:
        abort(404)
    if not on_behalf and own_profile() is not None:
        return redirect(url_for("jobseekers.profile"))
    state = intake_state(on_behalf)
    values = state["answers"].get(name)
    previous, following = neighbours(name)
    suggest_url = url_for("vacancies.occupation_suggestions")
    if request.method == "POST":
        form = step_.make_form(values=values, with_email=on_behalf, suggest_url=suggest_url)
        if request.form.get("nav") == "back":
            try:
                validate_csrf(request.form.get("csrf_token"))
            except (WTFValidationError, CSRFError):
                abort(400)
            if form.validate():
                state["answers"][name] = step_.answers(form)
                state["raw"].pop(name, None)
            else:
                state["raw"][name] = raw_input()
            if save_intake_state(on_behalf, state):
                if previous is None:
                    return redirect(url_for("jobseekers.staff_intake_start" if on_behalf else "main.dashboard"))
                return redirect(intake_url(previous, on_behalf))
            too_long(form)
        elif form.validate_on_submit():
            state["answers"][name] = step_.answers(form)
            state["raw"].pop(name, None)
            if save_intake_state(on_behalf, state):
                say_what_was_understood(form)
                return redirect(intake_url(following, on_behalf))
            too_long(form)
        else:
            state["raw"][name] = raw_input()
            save_intake_state(on_behalf, state)  # only to fill the form again later: nothing lost if it is too big
    elif name in state["raw"]:
        form = step_.make_form(formdata=MultiDict([(k, v) for k, vs in state["raw"][name].items() for v in vs]),
                               with_email=on_behalf, suggest_url=suggest_url)
    else:
        values = intake_steps.own_words_shown(name, values or first_values(name, on_behalf), state["answers"])
        form = step_.make_form(values=values, with_email=on_behalf, suggest_url=suggest_url)
    return render_template(
        "jobseekers/step.html", form=form, step=step_, number=step_number(name), total=total_steps(),
        on_behalf=on_behalf, has_previous=True, mode="intake",
    )


@bp.route("/medewerker/intake/start")
@roles(*STAFF_ROLES)
def staff_intake_start():
    """What staff need to know before an intake for a resident."""
    return render_template("jobseekers/staff_start.html", in_progress=bool(intake_state(True)["answers"]))


@bp.route("/intake/toestemming", methods=["GET", "POST"], defaults={"on_behalf": False})
@roles(Role.JOBSEEKER)
def consent(on_behalf):
    """The last step: what happens with the data; only after consent is a profile stored."""
    return consent_step(on_behalf)


@bp.route("/medewerker/intake/toestemming", methods=["GET", "POST"], defaults={"on_behalf": True})
@roles(*STAFF_ROLES)
def staff_consent(on_behalf):
    """The last step of an intake by staff: the resident's consent, given in person."""
    return consent_step(on_behalf)


def missing_steps_message(missing):
    """Which steps still need an answer, by number and title, and where the resident is sent."""
    steps = list_text(_("stap %(number)s (%(title)s)", number=step_number(s.name), title=s.title) for s in missing)
    return " ".join((
        ngettext("Je bent nog niet klaar. Deze stap heeft nog geen antwoord: %(steps)s.",
                 "Je bent nog niet klaar. Deze stappen hebben nog geen antwoord: %(steps)s.", len(missing), steps=steps),
        _("Vul hier stap %(number)s in.", number=step_number(missing[0].name)),
    ))


def consent_step(on_behalf):
    if not on_behalf:
        existing = own_profile()
        if existing is not None:
            return redirect(url_for("jobseekers.profile"))
    state = intake_state(on_behalf)
    missing = [s for s in STEPS if s.name not in state["answers"]]
    form = (StaffConsentForm if on_behalf else ConsentForm)()
    if request.method == "POST" and request.form.get("nav") == "back":
        return redirect(intake_url(STEPS[-1].name, on_behalf))
    if missing:
        flash(missing_steps_message(missing), "error")
        return redirect(intake_url(missing[0].name, on_behalf))
    found = intake_duplicates(state["answers"]) if on_behalf else []
    if form.validate_on_submit() and (not found or form.different_person.data):
        jobseeker = Jobseeker(
            status=JobseekerStatus.AVAILABLE, consent_at=utcnow(), consent_version=current_app.config["CONSENT_VERSION"],
            consent_in_person=on_behalf, last_active_at=utcnow(),
        )
        for step_ in reversed(STEPS):  # work last: it adds work typed in own words to 'Over jou', never over it
            step_.to_model(state["answers"][step_.name], jobseeker)
        if on_behalf:
            jobseeker.consent_recorded_by_id = current_user.id
        else:
            jobseeker.user = current_user._get_current_object()
            jobseeker.email = current_user.email
        db.session.add(jobseeker)
        db.session.flush()
        if on_behalf and form.make_account.data:
            account_for_jobseeker(jobseeker, current_user)
        matching_bridge.rescore(jobseeker)
        audit.record("jobseeker.create", jobseeker, jobseeker_id=jobseeker.id, on_behalf=on_behalf,
                     consent_version=jobseeker.consent_version, consent_in_person=on_behalf)
        # Staff go back to their own area (the person's page with the work that fits), not the resident's page.
        result = (url_for("staff.jobseeker_queue", jobseeker_id=jobseeker.id) if on_behalf
                  else url_for("jobseekers.profile", klaar=1))
        done = save(form, result, _("Het profiel van %(name)s is opgeslagen, met toestemming in persoon. Hieronder "
                                    "zie je welk werk past.", name=jobseeker.name) if on_behalf
                    else _l("Dank je wel! Je profiel is opgeslagen."))
        if done is not None:
            session.pop(SESSION_KEYS[on_behalf], None)
            return done
    if found and request.method == "POST" and not form.different_person.data:
        form.different_person.errors = [_l("Open het bestaande profiel, of vink aan dat dit een ander persoon is.")]
    return render_template(
        "jobseekers/consent.html", form=form, summary=summary(state["answers"]), number=total_steps(),
        total=total_steps(), on_behalf=on_behalf, edit_urls={s.name: intake_url(s.name, on_behalf) for s in STEPS},
        duplicates=found,
    )


# --- readable answers --------------------------------------------------------------------------------------


def summary(answers):
    """Readable answers per step, for the consent page and the profile page: [(step, [(label, text)])]."""
    work = answers.get("werk", {})
    talents = answers.get("talenten", {})
    hours = answers.get("uren", {})
    travel = answers.get("reizen", {})
    languages = dict(answers.get("talen", {}).get("languages", {}))
    papers = answers.get("papieren", {})
    about = answers.get("over-jou", {})
    days = vocabulary.schedule_words(hours.get("availability"))
    dutch = languages.pop("nl", None)
    language_text = [str(DUTCH_LEVEL_WORDS.get(form_level(dutch), "")) if dutch else _("Ik spreek nog geen Nederlands")]
    language_text.append(list_text(
        f"{language_name(code)} ({OTHER_LEVEL_WORDS.get(form_level(level), level)})"
        for code, level in languages.items()
    ))
    nothing = _("niets gekozen")
    rows = {
        "werk": [
            (_("Werk dat je hebt gedaan"), list_text(occupation_label(u) for u in work.get("occupations", [])) or nothing),
            (_("Werk dat je graag wilt doen"),
             list_text(occupation_label(u) for u in work.get("wanted_occupations") or []) or nothing),
        ],
        "talenten": [(_("Talenten"), list_text(talent_words(t) for t in talents.get("talents", [])) or nothing)],
        "uren": [
            (_("Uren per week"), vocabulary.hours_text(hours.get("hours_min"), hours.get("hours_max"))),
            (_("Dagdelen"), days or nothing),
        ],
        "reizen": [
            (_("Postcode"), ltr(travel.get("postcode")) or ""),
            (_("Reizen"), ngettext("%(mode)s, hoogstens %(num)d minuut", "%(mode)s, hoogstens %(num)d minuten",
                                   travel.get("max_travel_minutes") or 0,
                                   mode=TRAVEL_MODE_LABELS.get(travel.get("travel_mode"), ""))),
        ],
        "talen": [(_("Nederlands"), language_text[0]), (_("Andere talen"), language_text[1] or nothing)],
        "papieren": [
            (_("Rijbewijs"), list_text(str(LICENCE_LABELS.get(c, c)) for c in papers.get("licences", [])) or nothing),
            (_("Certificaten"), list_text(str(CERTIFICATE_LABELS.get(c, c)) for c in papers.get("certificates", [])) or nothing),
        ],
        "over-jou": [(_("Naam"), about.get("name") or _("Niet ingevuld")), (_("Telefoon"), ltr(display_phone(about.get("phone"))) if about.get("phone") else _("Niet ingevuld"))]
        + ([(_("E-mail"), about.get("email"))] if about.get("email") else [])
        + [(_("Over jou"), about.get("about") or nothing)],
    }
    return [(s, rows[s.name]) for s in STEPS]


def answers_of(jobseeker):
    return {s.name: s.from_model(jobseeker) for s in STEPS}


# --- the profile -----------------------------------------------------------------------------------------------


def profile_or_404(jobseeker_id):
    """The jobseeker's own profile (no id), or for staff the profile with this id; anyone else gets 404."""
    if jobseeker_id is None:
        if current_user.role != Role.JOBSEEKER:
            abort(404)
        return own_profile()
    if not current_user.is_staff:
        abort(404)
    jobseeker = db.session.get(Jobseeker, jobseeker_id)
    if jobseeker is None or jobseeker.status == JobseekerStatus.ERASED:
        abort(404)
    return jobseeker


def touched(jobseeker):
    """A change by the person themselves counts as activity (for the retention period); one by staff does not."""
    if not current_user.is_staff:
        jobseeker.last_active_at = utcnow()


def profile_url(jobseeker, endpoint="jobseekers.profile", **values):
    if current_user.is_staff:
        values["jobseeker_id"] = jobseeker.id
    return url_for(endpoint, **values)


class DeleteForm(Form):
    confirm = BooleanField(
        _l("Ja, ik weet het zeker. Verwijder alles."),
        validators=[DataRequired(_l("Vink het vakje aan als je zeker weet dat je alles wilt verwijderen."))],
    )


@bp.route("/profiel", defaults={"jobseeker_id": None})
@bp.route("/werkzoekenden/<int:jobseeker_id>")
@roles(Role.JOBSEEKER, *STAFF_ROLES)
def profile(jobseeker_id):
    """View the profile, with open vacancies that fit (titles and businesses only)."""
    jobseeker = profile_or_404(jobseeker_id)
    if jobseeker is None:
        return redirect(url_for("jobseekers.intake"))
    if current_user.is_staff:
        audit.record("jobseeker.view", jobseeker, jobseeker_id=jobseeker.id)
        commit()
    fitting = fitting_vacancies(jobseeker) if jobseeker.matchable else []
    declined = declined_vacancies(jobseeker) if jobseeker.matchable and not current_user.is_staff else []
    interested = interested_vacancies(jobseeker) if jobseeker.matchable and not current_user.is_staff else []
    status_form = status_form_for(jobseeker)
    return render_template(
        "jobseekers/profile.html", jobseeker=jobseeker, summary=summary(answers_of(jobseeker)), fitting=fitting,
        declined=declined, interested=interested,
        hours_left=matching_bridge.hours_left(jobseeker) if matching_bridge.looks_for_more_hours(jobseeker) else None,
        status_form=status_form, edit_url=lambda name: profile_url(jobseeker, "jobseekers.edit_step", name=name),
        profile_url=lambda endpoint: profile_url(jobseeker, endpoint), just_saved=bool(request.args.get("klaar")),
    )


@bp.route("/profiel/wijzigen/<name>", methods=["GET", "POST"], defaults={"jobseeker_id": None})
@bp.route("/werkzoekenden/<int:jobseeker_id>/wijzigen/<name>", methods=["GET", "POST"])
@roles(Role.JOBSEEKER, *STAFF_ROLES)
def edit_step(name, jobseeker_id):
    """Change one topic of the profile with the same page as in the intake; matches are recalculated."""
    jobseeker = profile_or_404(jobseeker_id)
    if jobseeker is None:
        return redirect(url_for("jobseekers.intake"))
    step_ = BY_NAME.get(name)
    if step_ is None:
        abort(404)
    with_email = current_user.is_staff and jobseeker.user_id is None
    form = step_.make_form(values=step_.from_model(jobseeker), with_email=with_email,
                           suggest_url=url_for("vacancies.occupation_suggestions"))
    if request.method == "GET":
        form.version.data = jobseeker.version

    def change():
        before = step_.from_model(jobseeker)
        step_.to_model(step_.answers(form), jobseeker)
        after = step_.from_model(jobseeker)
        touched(jobseeker)
        matching_bridge.rescore(jobseeker)
        audit.record("jobseeker.update", jobseeker, jobseeker_id=jobseeker.id, step=name,
                     fields=sorted(k for k in after if after[k] != before.get(k)), on_behalf=current_user.is_staff)

    done = save_changes(form, jobseeker, change, profile_url(jobseeker), _l("Je wijzigingen zijn opgeslagen."))
    if done is not None:
        say_what_was_understood(form)
        return done
    return render_template(
        "jobseekers/step.html", form=form, step=step_, number=None, total=None, on_behalf=current_user.is_staff,
        mode="edit", cancel_url=profile_url(jobseeker), jobseeker=jobseeker,
    )


@bp.route("/profiel/status", methods=["POST"], defaults={"jobseeker_id": None})
@bp.route("/werkzoekenden/<int:jobseeker_id>/status", methods=["POST"])
@roles(Role.JOBSEEKER, *STAFF_ROLES)
def change_status(jobseeker_id):
    """Pause or resume: a paused person is not suggested for any vacancy."""
    jobseeker = profile_or_404(jobseeker_id)
    if jobseeker is None:
        abort(404)

    def after_change(old, new):
        touched(jobseeker)
        matching_bridge.rescore(jobseeker)
        audit.record("jobseeker.status", jobseeker, jobseeker_id=jobseeker.id, from_status=old, to_status=new,
                     on_behalf=current_user.is_staff)
        if new == JobseekerStatus.PAUSED:
            work_state.flag_running_proposals(jobseeker)

    return apply_status_change(jobseeker, STATUS_CHANGES, profile_url(jobseeker), after_change)


def exported_profile(jobseeker_id):
    """The profile whose data file is downloaded (as `profile_or_404`; 404 without one), with that logged once."""
    jobseeker = profile_or_404(jobseeker_id)
    if jobseeker is None:
        abort(404)
    audit.record("jobseeker.export", jobseeker, jobseeker_id=jobseeker.id, on_behalf=current_user.is_staff)
    commit()
    return jobseeker


@bp.route("/profiel/download", defaults={"jobseeker_id": None})
@bp.route("/werkzoekenden/<int:jobseeker_id>/download")
@roles(Role.JOBSEEKER, *STAFF_ROLES)
def download(jobseeker_id):
    """All data about the person as one JSON file."""
    jobseeker = exported_profile(jobseeker_id)
    body = json.dumps(build_export(jobseeker), ensure_ascii=False, indent=2)
    return Response(
        body, mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="werkstation-gegevens-{jobseeker.id}.json"',
                 "Cache-Control": "no-store"},
    )


@bp.route("/profiel/verwijderen", methods=["GET", "POST"], defaults={"jobseeker_id": None})
@bp.route("/werkzoekenden/<int:jobseeker_id>/verwijderen", methods=["GET", "POST"])
@roles(Role.JOBSEEKER, *STAFF_ROLES)
def delete(jobseeker_id):
    """Delete the account and profile; an anonymous stub stays for statistics."""
    jobseeker = profile_or_404(jobseeker_id)
    if jobseeker is None:
        abort(404)
    form = DeleteForm()
    if form.validate_on_submit():
        by_self = not current_user.is_staff
        erase_jobseeker(jobseeker, actor=current_user._get_current_object())
        if commit_form(form).ok:
            if by_self:
                logout_user()
                fresh_session()  # the goodbye page stays in the person's language
                flash(_("Je account en je gegevens zijn verwijderd."), "success")
                return redirect(url_for("main.index"))
            flash(_("Het profiel is verwijderd."), "success")
            return redirect(url_for("main.dashboard"))
    return render_template("jobseekers/delete.html", form=form, jobseeker=jobseeker,
                           cancel_url=profile_url(jobseeker))

