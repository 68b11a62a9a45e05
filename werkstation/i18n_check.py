"""List the Dutch strings that a language's catalogs do not translate yet.

    python -m werkstation.i18n_check            # every language in LANGUAGES (nl is the source)
    python -m werkstation.i18n_check ar tr      # only these
    make translations-check                     # the same, for every language

Prints each missing string as a PO entry (with the file and line it comes from) to paste into a catalog, and
exits 1 while anything is missing. Also reports translations whose placeholders (%(name)s) differ from the
Dutch text: such a translation would break the page. Used by tests/werkstation/test_i18n.py.
"""

import re
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "werkstation" / "translations"
# The matching engine's comparison labels (marked N_ in matching/features/) are shown, translated, to staff.
METHOD_MAP = [("werkstation/**.py", "python"), ("matching/features/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None, "lazy_ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")


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


def catalog_languages():
    """Every language with a catalog folder in at least one area (werkstation/translations/<area>/<lang>/)."""
    return sorted({p.parent.parent.name for p in TRANSLATIONS.glob("*/*/LC_MESSAGES/messages.po")})


def catalog_messages(lang):
    """[(msgid, translation)] with a non-empty, non-fuzzy translation, over every area's catalog of `lang`."""
    found = []
    for po in sorted(TRANSLATIONS.glob(f"*/{lang}/LC_MESSAGES/messages.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.id and all(strings) and not message.fuzzy:
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                found.append((key, message.string))
    return found


def translated(lang):
    return dict(catalog_messages(lang))


def english_catalog():
    return translated("en")


def missing_translations(lang="en"):
    catalog = translated(lang)
    return {msgid: where for msgid, where in extracted_messages().items() if msgid not in catalog}


def broken_placeholders(lang):
    """Translations whose named placeholders are not the Dutch text's (one form may leave the number out)."""
    broken = []
    for msgid, string in catalog_messages(lang):
        wanted = set(PLACEHOLDER.findall(msgid))
        forms = string if isinstance(string, tuple) else (string,)
        for form in forms:
            have = set(PLACEHOLDER.findall(form))
            if not have <= wanted or (not isinstance(string, tuple) and have != wanted):
                broken.append((msgid, form))
    return broken


def _po_entry(msgid, where):
    escaped = msgid.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f"#: {where}\nmsgid \"{escaped}\"\nmsgstr \"\"\n"


def main(argv=None):
    languages = (argv if argv is not None else sys.argv[1:]) or [lang for lang in catalog_languages() if lang != "nl"]
    problems = 0
    for lang in languages:
        missing = missing_translations(lang)
        broken = broken_placeholders(lang)
        for msgid, where in sorted(missing.items(), key=lambda kv: kv[1]):
            print(f"# {lang}\n" + _po_entry(msgid, where))
        for msgid, form in broken:
            print(f"# {lang}: placeholders differ\n# {msgid!r}\n# {form!r}\n")
        print(f"# {lang}: {len(missing)} missing, {len(broken)} with wrong placeholders", file=sys.stderr)
        problems += len(missing) + len(broken)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
