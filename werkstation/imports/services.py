"""Bulk import and export of vacancies and jobseekers: check every row first, then write all or nothing."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from .. import audit, matching_bridge
from ..converters import whole_number
from ..duplicates import REASONS, likely_duplicates
from ..extensions import db
from ..fields import euro_digits
from ..jobseekers.steps import BY_NAME, NO_DUTCH, OTHER_LANGUAGE_ROWS
from ..models import Business, Jobseeker, Vacancy, utcnow
from ..vacancies.forms import NAME_NO, NAME_YES, PAY_CAO, PAY_HOURLY, VacancyForm
from ..vocabulary import LANGUAGE_CODES, JobseekerStatus, VacancyStatus, form_level
from .csvfiles import (
    CSV_JOBSEEKER_STATUS_WORDS,
    CSV_STATUS_WORDS,
    CSV_TRAVEL_WORDS,
    STATUS_WORDS_JOBSEEKER,
    STATUS_WORDS_VACANCY,
    TRAVEL_WORDS,
    YES,
    RowResult,
    form_errors,
    format_schedule,
    level,
    multidict,
    occupation_uri,
    parse_date,
    parse_schedule,
    split_list,
    talent_label,
)

NO_CSRF = {"csrf": False}
VACANCY_FIELD_COLUMNS = {
    "title": "titel", "description": "omschrijving", "postcode": "postcode", "hours_min": "uren_min",
    "hours_max": "uren_max", "seats": "plekken", "start_date": "startdatum", "schedule": "rooster",
    "required_talents": "talenten_nodig", "preferred_talents": "talenten_fijn", "dutch_level": "nederlands",
    "licences": "rijbewijzen", "certificates": "certificaten", "pay": "loon", "hourly_wage": "loon",
    "cao_name": "cao", "contract_type": "contract", "name_visible": "naam_tonen",
}
JOBSEEKER_FIELD_COLUMNS = {
    "occupations": "beroepen", "talents": "talenten", "hours_min": "uren_min", "hours_max": "uren_max",
    "availability": "beschikbaarheid", "postcode": "postcode", "travel_mode": "vervoer", "max_travel_minutes": "reistijd",
    "dutch": "talen", **{f"language_{i}": "talen" for i in range(1, 4)}, **{f"level_{i}": "talen" for i in range(1, 4)},
    "licences": "rijbewijzen", "certificates": "certificaten", "name": "naam", "phone": "telefoon", "about": "over",
    "email": "email",
}


def _row_results(rows, results):
    """Each CSV row with its RowResult (added to `results`); a row with more cells than the first line is an error
    and is not checked further."""
    for line, cells in rows:
        result = RowResult(line)
        results.append(result)
        if cells is None:
            result.errors.append(_("Deze regel heeft meer kolommen dan de eerste regel."))
        else:
            yield result, cells


def _codes(cells, column):
    """The driving licences or certificates of a cell, in capitals."""
    return [x.upper() for x in split_list(cells.get(column, ""))]


def _existing(model, text, result):
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        result.errors.append(_("id: vul een nummer in of laat het leeg."))
        return None
    number = whole_number(text)  # None when past every id: such a row cannot exist
    row = db.session.get(model, number) if number is not None else None
    if row is None or getattr(row, "status", None) == JobseekerStatus.ERASED:
        result.errors.append(_("id: nummer %(id)s bestaat niet.", id=text))
    return row


def _talents(column, text, result):
    labels = []
    for word in split_list(text):
        label = talent_label(word)
        if label is None:
            result.errors.append(_("%(column)s: talent '%(word)s' staat niet in de lijst.", column=column, word=word))
        elif label not in labels:
            labels.append(label)
    return labels


def _schedule(column, text, result):
    keys, bad = parse_schedule(text)
    if bad:
        result.errors.append(_("%(column)s: '%(part)s' begrijpen we niet. Schrijf bijvoorbeeld ma:ochtend.", column=column, part=bad[0]))
    return keys


def check_vacancies(rows, different_people=False):
    """One RowResult per CSV row; a row with errors has .errors, a good one .values (ready to write)."""
    results = []
    businesses = {}
    for result, cells in _row_results(rows, results):
        vacancy = _existing(Vacancy, cells.get("id", ""), result)
        kvk = cells.get("kvk", "").replace(" ", "").replace(".", "")
        business = businesses.get(kvk)
        if business is None and kvk:
            business = db.session.scalar(select(Business).where(Business.kvk_number == kvk))
            businesses[kvk] = business
        if business is None:
            result.errors.append(_("kvk: er is geen bedrijf met KvK-nummer '%(kvk)s'.", kvk=kvk))
        required = _talents("talenten_nodig", cells.get("talenten_nodig", ""), result)
        preferred = _talents("talenten_fijn", cells.get("talenten_fijn", ""), result)
        schedule = _schedule("rooster", cells.get("rooster", ""), result)
        dutch = cells.get("nederlands", "")
        dutch_level = level(dutch)
        if dutch and dutch_level is None:
            result.errors.append(_("nederlands: kies A1, A2, B1, B2, C1 of C2."))
        status = STATUS_WORDS_VACANCY.get(cells.get("status", "").lower() or VacancyStatus.OPEN)
        if status is None:
            result.errors.append(_("status: kies open, gepauzeerd, gesloten of concept."))
        occupation = None
        if cells.get("beroep"):
            occupation = occupation_uri(cells["beroep"])
            if occupation is None:
                result.errors.append(_("beroep: '%(word)s' vinden we niet.", word=cells["beroep"]))
        form = VacancyForm(
            formdata=multidict({
                "title": cells.get("titel", ""), "description": cells.get("omschrijving", ""),
                "postcode": cells.get("postcode", ""), "hours_min": cells.get("uren_min", ""),
                "hours_max": cells.get("uren_max", ""), "seats": cells.get("plekken", ""),
                "start_date": parse_date(cells.get("startdatum", "")), "schedule": schedule,
                "required_talents": required, "preferred_talents": preferred,
                "dutch_level": form_level(dutch_level or ""),
                "licences": _codes(cells, "rijbewijzen"),
                "certificates": _codes(cells, "certificaten"),
                "occupation_uri": occupation or "",
                **_terms(cells),
            }),
            meta=NO_CSRF, stored_talents=required + preferred, previous_start=vacancy.start_date if vacancy else None,
            terms_optional=not any(cells.get(c) for c in ("loon", "cao", "contract")),
        )
        if not form.validate():
            result.errors.extend(form_errors(form, VACANCY_FIELD_COLUMNS))
        if not result.errors:
            result.values = {"form": form, "vacancy": vacancy, "business": business, "status": status,
                             "dutch_level": dutch_level}
    return results


def _terms(cells):
    """The pay, contract and name-choice cells as the vacancy form's answers (a cao name means pay by the cao)."""
    cao, wage = cells.get("cao", "").strip(), cells.get("loon", "").strip()
    return {"pay": PAY_CAO if cao else PAY_HOURLY if wage else "", "hourly_wage": wage, "cao_name": cao,
            "contract_type": cells.get("contract", "").strip().lower(),
            "name_visible": NAME_YES if cells.get("naam_tonen", "").strip().lower() in ("ja", "yes") else NAME_NO}


def write_vacancies(results, actor):
    """Create or update every checked vacancy (caller commits)."""
    written = []
    for result in results:
        values = result.values
        vacancy = values["vacancy"]
        created = vacancy is None
        if created:
            vacancy = Vacancy(business=values["business"])
            db.session.add(vacancy)
        else:
            vacancy.business = values["business"]
        values["form"].populate_vacancy(vacancy, values["business"].postcode)
        if values["dutch_level"]:
            vacancy.languages = {"nl": values["dutch_level"]}
        vacancy.status = values["status"]
        db.session.flush()
        audit.record("vacancy.import", vacancy, actor=actor, created=created, line=result.line)
        written.append(vacancy)
    return written


def _occupations(text, result):
    """ESCO URIs for the 'beroepen' cell (each once); an unknown word is an error."""
    occupations = []
    for word in split_list(text):
        uri = occupation_uri(word)
        if uri is None:
            result.errors.append(_("beroepen: '%(word)s' vinden we niet.", word=word))
        elif uri not in occupations:
            occupations.append(uri)
    return occupations


def _languages(text, result):
    """({code: level} of the other languages, the language step's form fields) for the 'talen' cell."""
    languages = {}
    for part in split_list(text):
        code, _sep, lvl = part.partition(":")
        code, lvl = code.strip().lower(), level(lvl)
        if code not in LANGUAGE_CODES or lvl is None:
            result.errors.append(_("talen: '%(part)s' begrijpen we niet. Schrijf bijvoorbeeld nl:A2|ar:C2.", part=part))
        else:
            languages[code] = form_level(lvl)
    dutch = languages.pop("nl", NO_DUTCH)
    if len(languages) > OTHER_LANGUAGE_ROWS:
        result.errors.append(_("talen: hoogstens %(n)s andere talen dan Nederlands.", n=OTHER_LANGUAGE_ROWS))
    fields = {"dutch": dutch} | {f"{kind}_{i}": "" for kind in ("language", "level") for i in range(1, OTHER_LANGUAGE_ROWS + 1)}
    for i, (code, lvl) in enumerate(list(languages.items())[:OTHER_LANGUAGE_ROWS], start=1):
        fields[f"language_{i}"] = code
        fields[f"level_{i}"] = lvl
    return languages, fields


def _duplicate_errors(answers, jobseeker, seen, result):
    """A new person who looks like someone stored, or like an earlier row of the same file."""
    about, travel = answers.get("over-jou", {}), answers.get("reizen", {})
    if jobseeker is None:
        for found in likely_duplicates(about.get("name"), about.get("phone"), about.get("email"), travel.get("postcode")):
            result.errors.append(_(
                "lijkt op %(name)s (id %(id)s: %(why)s). Dezelfde persoon? Zet %(id)s in de kolom id. Een ander "
                "persoon? Vink bij het uploaden aan dat je de dubbelen hebt nagekeken.",
                name=found.jobseeker.name or "?", id=found.jobseeker.id, why=found.reason_text))
    for key in ("phone", "email"):
        value = (about.get(key) or "").strip().lower()
        if value and (key, value) in seen:
            result.errors.append(_("%(what)s als regel %(line)s.", what=REASONS[key], line=seen[(key, value)]))
        elif value:
            seen[(key, value)] = result.line


def check_jobseekers(rows, different_people=False):
    """One RowResult per CSV row, checked with the intake's own step forms; likely duplicates are errors unless
    staff said they checked them (`different_people`)."""
    results, seen = [], {}
    for result, cells in _row_results(rows, results):
        jobseeker = _existing(Jobseeker, cells.get("id", ""), result)
        if cells.get("toestemming", "").strip().lower() not in YES:
            result.errors.append(_("toestemming: zonder toestemming (ja) importeren we niemand."))
        status = STATUS_WORDS_JOBSEEKER.get(cells.get("status", "").lower() or JobseekerStatus.AVAILABLE)
        if status is None:
            result.errors.append(_("status: kies beschikbaar of pauze."))
        occupations = _occupations(cells.get("beroepen", ""), result)
        talents = _talents("talenten", cells.get("talenten", ""), result)
        availability = _schedule("beschikbaarheid", cells.get("beschikbaarheid", ""), result)
        travel = cells.get("vervoer", "").lower()
        languages, language_fields = _languages(cells.get("talen", ""), result)
        has_account = jobseeker is not None and jobseeker.user_id is not None
        data = {
            "werk": {"occupations": occupations},
            "talenten": {"talents": talents},
            "uren": {"hours_min": cells.get("uren_min", ""), "hours_max": cells.get("uren_max", ""), "availability": availability},
            "reizen": {"postcode": cells.get("postcode", ""), "travel_mode": TRAVEL_WORDS.get(travel, travel),
                       "max_travel_minutes": cells.get("reistijd", "")},
            "talen": language_fields,
            "papieren": {"licences": _codes(cells, "rijbewijzen"),
                         "certificates": _codes(cells, "certificaten")},
            "over-jou": {"name": cells.get("naam", ""), "phone": cells.get("telefoon", ""), "about": cells.get("over", ""),
                         **({} if has_account else {"email": cells.get("email", "")})},
        }
        answers = {}
        for name, values in data.items():
            step = BY_NAME[name]
            form = step.build(values, with_email=not has_account, formdata=multidict(values), meta=NO_CSRF)
            if form.validate():
                answers[name] = step.answers(form)
            else:
                result.errors.extend(form_errors(form, JOBSEEKER_FIELD_COLUMNS))
        if not result.errors and not different_people:
            _duplicate_errors(answers, jobseeker, seen, result)
        if not result.errors:
            result.values = {"answers": answers, "jobseeker": jobseeker, "status": status, "languages": languages}
    return results


def write_jobseekers(results, actor):
    """Create or update every checked jobseeker (caller commits). Imported people gave consent in person."""
    written = []
    for result in results:
        values = result.values
        jobseeker = values["jobseeker"]
        created = jobseeker is None
        if created:
            jobseeker = Jobseeker(
                consent_at=utcnow(), consent_version=current_app.config["CONSENT_VERSION"], consent_in_person=True,
                consent_recorded_by_id=actor.id,
            )
            db.session.add(jobseeker)
        for name, answers in values["answers"].items():
            BY_NAME[name].to_model(answers, jobseeker)
        if jobseeker.status in (JobseekerStatus.AVAILABLE, JobseekerStatus.PAUSED):
            jobseeker.status = values["status"]
        elif created:
            jobseeker.status = values["status"]
        db.session.flush()
        audit.record("jobseeker.import", jobseeker, jobseeker_id=jobseeker.id, actor=actor, created=created, line=result.line)
        written.append(jobseeker)
    return written


def rematch():
    """One vectorised pass over everything after a bulk change."""
    matching_bridge.rematch_all()


# --- export ----------------------------------------------------------------------------------------------------


def _join(values):
    return "|".join(values or [])


def vacancy_rows():
    rows = []
    for v in db.session.scalars(select(Vacancy).order_by(Vacancy.id)):
        rows.append({
            "id": v.id, "kvk": v.business.kvk_number, "titel": v.title, "beroep": v.occupation_uri or "",
            "omschrijving": v.description, "postcode": v.postcode, "uren_min": v.hours_min, "uren_max": v.hours_max,
            "plekken": v.seats, "startdatum": v.start_date.isoformat() if v.start_date else "",
            "rooster": format_schedule(v.schedule), "talenten_nodig": _join(v.required_talents),
            "talenten_fijn": _join(v.preferred_talents), "nederlands": (v.languages or {}).get("nl", ""),
            "rijbewijzen": _join(v.licences), "certificaten": _join(v.certificates),
            "status": CSV_STATUS_WORDS.get(v.status, (v.status,))[0],
            "loon": euro_digits(v.hourly_wage_cents) if v.hourly_wage_cents else "",
            "cao": v.cao_name or "", "contract": v.contract_type or "", "naam_tonen": "ja" if v.name_visible else "nee",
        })
    return rows


def jobseeker_rows():
    rows = []
    query = select(Jobseeker).where(Jobseeker.status != JobseekerStatus.ERASED, Jobseeker.erased_at.is_(None)).order_by(Jobseeker.id)
    for j in db.session.scalars(query):
        rows.append({
            "id": j.id, "naam": j.name or "", "email": j.email or "", "telefoon": j.phone or "", "postcode": j.postcode or "",
            "beroepen": _join(j.occupations), "talenten": _join(j.talents), "uren_min": j.hours_min, "uren_max": j.hours_max,
            "beschikbaarheid": format_schedule(j.availability),
            "vervoer": CSV_TRAVEL_WORDS.get(j.travel_mode or "", ("",))[0],
            "reistijd": j.max_travel_minutes or "", "talen": "|".join(f"{k}:{v}" for k, v in (j.languages or {}).items()),
            "rijbewijzen": _join(j.licences), "certificaten": _join(j.certificates), "over": j.about or "",
            "toestemming": "ja" if j.consent_at else "nee",
            # a person at work is exported as available: the import knows only available and paused
            "status": CSV_JOBSEEKER_STATUS_WORDS.get(
                JobseekerStatus.AVAILABLE if j.status == JobseekerStatus.PLACED else j.status, ("",))[0],
        })
    return rows
