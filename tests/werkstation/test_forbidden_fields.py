"""We never collect what matching must not use: no model column or form field may carry such data."""

import importlib
import inspect
import pkgutil
import re

from flask_wtf import FlaskForm

import werkstation
from werkstation.extensions import db

FORBIDDEN = re.compile(
    r"(bsn|burgerservice|social_security|birth|geboorte|dob|(^|_)age($|_)|leeftijd|photo|foto|picture|avatar|"
    r"gender|geslacht|sex($|_)|nationality|nationaliteit|religion|religie|geloof|health|gezondheid|medical|medisch|"
    r"ethnic|etnic|afkomst|disability|handicap|beperking)",
    re.IGNORECASE,
)
# The fairness monitor's voluntary self-description: its own table, never read by matching or businesses.
EXEMPT_TABLES = {"fairness_self_description"}


def test_no_model_column_holds_forbidden_personal_data(app):
    offenders = [
        f"{table.name}.{column.name}"
        for table in db.metadata.sorted_tables
        if table.name not in EXEMPT_TABLES
        for column in table.columns
        if FORBIDDEN.search(column.name)
    ]
    assert offenders == []


def test_the_scan_catches_a_forbidden_name():
    assert FORBIDDEN.search("date_of_birth") and FORBIDDEN.search("bsn") and FORBIDDEN.search("gender")
    assert FORBIDDEN.search("age") and not FORBIDDEN.search("languages") and not FORBIDDEN.search("postcode")


def all_form_classes():
    for module_info in pkgutil.walk_packages(werkstation.__path__, "werkstation."):
        module = importlib.import_module(module_info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, FlaskForm) and obj is not FlaskForm and obj.__module__ == module.__name__:
                yield obj


def test_no_form_field_asks_for_forbidden_personal_data(app):
    offenders = []
    with app.test_request_context():
        for form_class in all_form_classes():
            if getattr(form_class, "fairness_monitoring_only", False):
                continue
            form = form_class(meta={"csrf": False})
            offenders += [f"{form_class.__name__}.{f.name}" for f in form if FORBIDDEN.search(f.name)]
    assert offenders == []
