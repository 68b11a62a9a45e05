"""Staff import and export CSV files of vacancies and jobseekers. An import is all or nothing."""

from flask import Blueprint, Response, abort, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField

from .. import audit
from ..access import roles
from ..models import utcnow
from ..persistence import OnceOnlyForm, commit, save
from ..vocabulary import STAFF_ROLES
from .csvfiles import JOBSEEKER_COLUMNS, VACANCY_COLUMNS, CsvError, read_rows, write_csv
from .services import (
    check_jobseekers,
    check_vacancies,
    jobseeker_rows,
    rematch,
    vacancy_rows,
    write_jobseekers,
    write_vacancies,
)

bp = Blueprint("imports", __name__)

KINDS = {
    "vacatures": {
        "columns": VACANCY_COLUMNS, "check": check_vacancies, "write": write_vacancies, "rows": vacancy_rows,
        "title": _l("Vacatures importeren"), "done": _l("%(n)s vacature(s) geïmporteerd."), "filename": "vacatures",
    },
    "werkzoekenden": {
        "columns": JOBSEEKER_COLUMNS, "check": check_jobseekers, "write": write_jobseekers, "rows": jobseeker_rows,
        "title": _l("Werkzoekenden importeren"), "done": _l("%(n)s werkzoekende(n) geïmporteerd."), "filename": "werkzoekenden",
    },
}


class UploadForm(OnceOnlyForm):
    file = FileField(_l("CSV-bestand"), validators=[FileRequired(_l("Kies een bestand."))],
                     description=_l("UTF-8, met ; of , tussen de kolommen. Een bestand uit Excel ('CSV UTF-8') werkt."))
    different_people = BooleanField(
        _l("Ik heb de mogelijke dubbelen nagekeken: het zijn andere mensen"),
        description=_l("Alleen aanvinken nadat een eerdere poging regels liet zien die op iemand lijken."))


@bp.route("/medewerker/import")
@roles(*STAFF_ROLES)
def index():
    """Import and export, with the columns explained."""
    return render_template("imports/index.html", kinds=KINDS)


@bp.route("/medewerker/import/uitleg")
@roles(*STAFF_ROLES)
def help():
    """The documented columns of both CSV files."""
    return render_template("imports/help.html", kinds=KINDS)


@bp.route("/medewerker/import/<kind>", methods=["GET", "POST"])
@roles(*STAFF_ROLES)
def upload(kind):
    """Check every row; import all rows only when none has an error."""
    spec = KINDS.get(kind)
    if spec is None:
        abort(404)
    form = UploadForm()
    bad_rows = []
    if form.validate_on_submit():
        try:
            rows = read_rows(form.file.data.read(), spec["columns"])
        except CsvError as exc:
            form.file.errors.append(str(exc))
        else:
            results = spec["check"](rows, different_people=form.different_people.data)
            bad_rows = [r for r in results if r.errors]
            if bad_rows:
                form.form_errors.append(_("Er is niets geïmporteerd. Verbeter de regels hieronder en probeer het opnieuw."))
            else:
                actor = current_user._get_current_object()
                written = spec["write"](results, actor)
                rematch()
                audit.record(f"import.{kind}", None, actor=actor, rows=len(written))
                done = save(form, url_for("imports.index"), spec["done"] % {"n": len(written)})
                if done is not None:
                    return done
    return render_template("imports/upload.html", form=form, kind=kind, spec=spec, bad_rows=bad_rows)


@bp.route("/medewerker/export/<kind>.csv")
@roles(*STAFF_ROLES)
def export(kind):
    """Everything of one kind as a CSV file with the same columns as the import."""
    spec = KINDS.get(kind)
    if spec is None:
        abort(404)
    rows = spec["rows"]()
    audit.record(f"export.{kind}", None, rows=len(rows))
    commit()
    filename = f"{spec['filename']}-{utcnow():%Y%m%d}.csv"
    return Response(write_csv(spec["columns"], rows), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})
