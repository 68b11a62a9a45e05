"""The period report for the municipality or funder: a page with the charts, a CSV file and a PDF (WeasyPrint)."""

from pathlib import Path

from flask import Response, render_template, request

from ..access import roles
from ..vocabulary import STAFF_ROLES
from . import report
from .routes import bp

PRINT_CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "report.css"


def _chosen():
    """The period form and, when it is valid, the report for it."""
    form = report.PeriodForm(request.args)
    if not form.validate():
        return form, None
    start, end = form.bounds()
    return form, report.build(start, end)


def _filename(built, extension):
    return f"werkstation-rapport-{built.start.isoformat()}-{built.end.isoformat()}.{extension}"


@bp.route("/impact/rapport")
@roles(*STAFF_ROLES)
def period_report():
    """The report for a chosen period, with its chart and the links to the CSV and PDF."""
    form, built = _chosen()
    return render_template("staff/report.html", form=form, report=built,
                           query=request.query_string.decode("utf-8", "replace")), 200 if built else 400


@bp.route("/impact/rapport.csv")
@roles(*STAFF_ROLES)
def period_report_csv():
    """The period report's figures as CSV."""
    form, built = _chosen()
    if built is None:
        return period_report()
    return Response(built.csv(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{_filename(built, "csv")}"'})


def _no_fetching(url, *args, **kwargs):
    """WeasyPrint may load nothing from outside the document (no network, no files)."""
    raise ValueError(f"not fetched: {url[:80]}")


@bp.route("/impact/rapport.pdf")
@roles(*STAFF_ROLES)
def period_report_pdf():
    """The period report as a PDF a municipality can file."""
    from weasyprint import CSS, HTML  # imported here: it loads Pango, needed only for this download

    form, built = _chosen()
    if built is None:
        return period_report()
    html = render_template("staff/report_print.html", report=built)
    pdf = HTML(string=html, url_fetcher=_no_fetching).write_pdf(
        stylesheets=[CSS(string=PRINT_CSS.read_text(encoding="utf-8"))])
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{_filename(built, "pdf")}"'})
