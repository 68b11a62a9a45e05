"""The one base class of every form (`Form`): what comes in is plain text before any other check sees it.

Refused in every field, with a message next to it and the typed text kept:
- control characters (NUL and friends; PostgreSQL cannot store NUL, which was a server error), tabs and newlines
  included in one-line fields, only tabs and newlines allowed in multi-line text;
- in one-line fields (names, titles, codes, e-mail addresses): the characters that turn the reading direction
  (U+202A-U+202E, U+2066-U+2069), which make a text read differently than it is stored. Multi-line text keeps
  them: Arabic text may need them, and it is never a name or a code;
- whole numbers no column can hold.
The field's own validators (and `validate_<field>` methods, which may query the database) then never see such text.
Forms read from the query string (search and filter pages) are `Form`s too, so `?q=%00` is a message as well.
"""

import re

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, TextAreaField

from .converters import MAX_ID

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # any text: all but tab, LF and CR
LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # one line: no tab or line break either
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")

CONTROL_MESSAGE = _l("Deze tekst bevat vreemde tekens. Typ hem opnieuw.")
BIDI_MESSAGE = _l("Hier staat een onzichtbaar teken in dat de leesrichting omdraait. Haal het weg of typ de tekst "
                  "opnieuw.")
NUMBER_MESSAGE = _l("Dit getal is te groot. Vul een kleiner getal in.")


def text_problem(field):
    """The message for what was sent in `field` that no field may hold, or None."""
    multi_line = isinstance(field, TextAreaField)
    for value in field.raw_data or ():
        if not isinstance(value, str):  # an uploaded file
            continue
        if (CONTROL if multi_line else LINE_CONTROL).search(value):
            return CONTROL_MESSAGE
        if not multi_line and not isinstance(field, PasswordField) and BIDI.search(value):
            return BIDI_MESSAGE
    if isinstance(field, IntegerField) and isinstance(field.data, int) and abs(field.data) > MAX_ID:
        return NUMBER_MESSAGE
    return None


class Form(FlaskForm):
    """Every form's base: refuses what no field may hold (see the module) before the fields' own checks run."""

    def validate(self, extra_validators=None):
        refused = {name: message for name, field in self._fields.items() if (message := text_problem(field))}
        if not refused:
            return super().validate(extra_validators)
        order = list(self._fields)
        held = {name: self._fields.pop(name) for name in refused}
        try:
            super().validate(extra_validators)
        finally:
            self._fields.update(held)
            for name in order:  # the fields in their own order again (the error summary follows it)
                self._fields.move_to_end(name)
        for name, message in refused.items():
            held[name].errors = [message]
        return False


class ButtonForm(Form):
    """A form that is only a button (mark done, send again, delete): it carries the CSRF token and nothing else."""

    @classmethod
    def pressed(cls):
        """The button's form, sent with a valid token; anything else is refused (400)."""
        form = cls()
        if not form.validate_on_submit():
            abort(400)
        return form
