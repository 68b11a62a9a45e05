"""List the Dutch strings that have no English translation yet: `python -m werkstation.i18n_check`.

Used by tests/werkstation/test_i18n.py and by developers adding translations.
"""

import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
# The matching engine's comparison labels (marked N_ in matching/features/) are shown, translated, to staff.
METHOD_MAP = [("werkstation/**.py", "python"), ("matching/features/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None, "lazy_ngettext": (1, 2)}


def extracted_messages():
    """{msgid: 'file:line'} for every translatable string in the code and templates."""
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), METHOD_MAP, keywords=KEYWORDS, options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    ):
        if filename.startswith((".venv/", "tests/")):
            continue
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, f"{filename}:{lineno}")
    return found


def english_catalog():
    """All English msgids with a non-empty, non-fuzzy translation, merged over every area's catalog."""
    translated = {}
    for po in sorted((ROOT / "werkstation" / "translations").glob("*/en/LC_MESSAGES/messages.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                translated[key] = message.string
    return translated


def missing_translations():
    catalog = english_catalog()
    return {msgid: where for msgid, where in extracted_messages().items() if msgid not in catalog}


def main():
    missing = missing_translations()
    for msgid, where in sorted(missing.items(), key=lambda kv: kv[1]):
        escaped = msgid.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        print(f"#: {where}\nmsgid \"{escaped}\"\nmsgstr \"\"\n")
    print(f"# {len(missing)} missing", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
