"""A readable copy of my data: every category of the JSON export (export.py), in plain words and in the person's
language, printable (the print stylesheet leaves out menus; the browser's print view saves a PDF)."""

from flask import abort, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit
from ..access import roles
from ..fairness.forms import QUESTIONS
from ..i18n import language_name
from ..outbox.compose import default_language
from ..persistence import commit
from ..vocabulary import STAFF_ROLES, Role
from .export import build_export
from .routes import answers_of, bp, profile_or_404, profile_url, summary

# Every category of the JSON export, in the order of the page, with its heading in plain words.
CATEGORIES = {
    "profile": _l("Je profiel: wat je kunt en wilt"),
    "account": _l("Je account"),
    "suggestions": _l("Vacatures die de computer bij je vond"),
    "placements": _l("Voorstellen aan bedrijven, en werk"),
    "messages": _l("Berichten die we je stuurden"),
    "contact_notes": _l("Notities van gesprekken met een medewerker"),
    "tasks": _l("Afspraken die een medewerker voor jou noteerde"),
    "self_description": _l("Wat je vrijwillig over jezelf vertelde"),
    "profile_views": _l("Wie je profiel bekeek of downloadde"),
    "audit_events": _l("Alles wat er met je gegevens gebeurde (het logboek)"),
}
# Shown in the opening lines, not as a section of their own.
ABOUT_THE_COPY = ("format", "exported_at", "consent_version_current")

ACTION_WORDS = {
    "jobseeker.create": _l("profiel gemaakt"), "jobseeker.update": _l("profiel veranderd"),
    "jobseeker.view": _l("profiel bekeken"), "jobseeker.export": _l("gegevens gedownload"),
    "jobseeker.export_csv": _l("gegevens gedownload"), "jobseeker.status": _l("pauze of weer beschikbaar"),
    "suggestion.decide": _l("besluit over een vacature"), "placement.propose": _l("voorstel aan een bedrijf"),
    "placement.respond": _l("antwoord op een voorstel"), "placement.stage": _l("volgende stap in het werk"),
    "placement.meeting": _l("kennismaking gepland"), "user.login": _l("ingelogd"), "user.logout": _l("uitgelogd"),
    "fairness.save": _l("vrijwillige vragen ingevuld"), "fairness.remove": _l("vrijwillige antwoorden gewist"),
    "user.register": _l("account gemaakt"), "user.create_on_behalf": _l("account gemaakt door de coöperatie"),
    "user.password_reset_requested": _l("nieuw wachtwoord gevraagd"),
    "user.password_help_requested": _l("hulp bij inloggen gevraagd (de coöperatie belt met een code)"),
    "user.email_change": _l("e-mailadres veranderd"),
    "user.reset_code": _l("inlogcode gegeven"), "contact.note": _l("notitie van een gesprek"),
    "contact.task": _l("afspraak genoteerd"), "placement.meeting_cancel": _l("kennismaking afgezegd"),
    "jobseeker.retention_notice": _l("bericht: profiel wordt gewist"), "jobseeker.retention_keep": _l("profiel blijft bewaard"),
    "jobseeker.retention_notice_seen": _l("bericht over wissen gelezen"),
    "jobseeker.import": _l("profiel ingevoerd door de coöperatie"), "jobseeker.merge": _l("twee profielen samengevoegd"),
    "jobseeker.merged_into": _l("twee profielen samengevoegd"), "jobseeker.more_hours": _l("meer uren gevraagd of niet meer"),
    "message.called": _l("de coöperatie belde je met een bericht"), "placement.follow_up": _l("nagevraagd hoe het gaat"),
    "placement.on_hold": _l("voorstel staat even stil"), "placement.instruments": _l("regelingen bij het werk aangepast"),
    "user.signup_finished": _l("aanmelding afgemaakt"), "user.register_existing": _l("aanmelding met een bestaand adres"),
    "user.email_change_requested": _l("nieuw e-mailadres gevraagd"), "user.deactivate": _l("account uitgezet"),
    "user.reactivate": _l("account weer aangezet"), "user.totp_reset": _l("tweede stap opnieuw ingesteld"),
    "user.totp_setup": _l("tweede stap ingesteld"), "message.retry": _l("bericht opnieuw verstuurd"),
    "jobseeker.erase": _l("gegevens gewist"), "jobseeker.retention_erase": _l("gegevens gewist na lange tijd niet actief"),
    "suggestion.interest": _l("je antwoord bij een vacature: interesse of niet voor mij"),
    "contact.task_done": _l("afspraak gedaan"),
}
#: Opening this page used to be logged as a download ("jobseeker.export" with readable=True); it was only read.
READ_NOT_DOWNLOADED = _l("gegevens bekeken")
OTHER_ACTION = _l("iets anders aan je gegevens")


def event_words(row):
    """What happened, in plain words."""
    if row["action"] == "jobseeker.export" and (row.get("details") or {}).get("readable"):
        return READ_NOT_DOWNLOADED
    return ACTION_WORDS.get(row["action"], OTHER_ACTION)


def who_did_it(row):
    if row.get("by_you"):
        return _l("door jou")
    if row.get("by_role") in STAFF_ROLES:
        return _l("door een medewerker")
    return _l("door Werkstation zelf")


def self_description_words(row):
    """[(question, answer)] in the words of the voluntary form."""
    if not row:
        return []
    return [(label, dict(choices).get(row.get(key), row.get(key))) for key, (label, choices) in QUESTIONS.items()
            if row.get(key)]


@bp.route("/profiel/mijn-gegevens", defaults={"jobseeker_id": None})
@bp.route("/werkzoekenden/<int:jobseeker_id>/gegevens")
@roles(Role.JOBSEEKER, *STAFF_ROLES)
def readable_copy(jobseeker_id):
    """Everything in the download, as a page a person can read (and print, or save as PDF). Reading is not
    downloading: only a staff member's look is logged (as a view of the profile); the file logs its own download."""
    jobseeker = profile_or_404(jobseeker_id)
    if jobseeker is None:
        abort(404)
    if current_user.is_staff:
        audit.record("jobseeker.view", jobseeker, jobseeker_id=jobseeker.id, readable=True)
        commit()
    return render_template(
        "jobseekers/my_data.html", jobseeker=jobseeker, data=build_export(jobseeker), categories=CATEGORIES,
        summary=summary(answers_of(jobseeker)), event_words=event_words, who_did_it=who_did_it,
        self_description=self_description_words, profile_url=lambda endpoint: profile_url(jobseeker, endpoint),
        language_label=lambda code: language_name(code or default_language()),
    )
