"""Every visible string is translatable and translated into every interface language."""

import pytest

from werkstation.config import Config
from werkstation.i18n_check import (
    TRANSLATIONS,
    broken_placeholders,
    catalog_languages,
    extracted_messages,
    missing_translations,
)

TRANSLATED = [lang for lang in Config.LANGUAGES if lang != Config.BABEL_DEFAULT_LOCALE]


def test_strings_are_extracted_from_code_and_templates():
    messages = extracted_messages()
    assert "Werk in de wijk, voor mensen uit de wijk" in messages  # a template
    assert "Kies een wachtwoord van minstens 10 tekens." in messages  # Python code


def test_every_interface_language_has_catalogs_and_every_catalog_is_offered():
    assert {"en", "ar", "tr"} <= set(TRANSLATED)
    assert set(catalog_languages()) == set(TRANSLATED)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_dutch_string_is_translated(lang):
    missing = missing_translations(lang)
    assert missing == {}, f"{lang} untranslated (run `make translations-check`): " + ", ".join(
        f"{where}: {msgid!r}" for msgid, where in list(missing.items())[:30]
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders(lang):
    assert broken_placeholders(lang) == []


@pytest.mark.parametrize("lang", ["ar", "tr"])
def test_new_catalogs_say_they_await_review_by_a_native_speaker(lang):
    for po in TRANSLATIONS.glob(f"*/{lang}/LC_MESSAGES/messages.po"):
        head = po.read_text(encoding="utf-8")[:600]
        assert "FIRST VERSION, to be reviewed by a native speaker from the neighbourhood" in head, po


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_intake_tile_has_words_in_every_language(lang):
    from werkstation.vocabulary import occupation_tiles, talent_tiles

    for tile in (*talent_tiles(), *occupation_tiles()):
        assert tile.get(f"phrase_{lang}"), (lang, tile["phrase"])


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_catalog_header_is_fuzzy_so_its_plural_rule_is_compiled(lang):
    # A fuzzy header is left out when compiling: that catalog then counts like English (one, many), and as the app
    # merges all catalogs, the last one's rule is used for every plural: Arabic "10 دقائق" became "دقيقة واحدة".
    from babel.messages.pofile import read_po

    for po in TRANSLATIONS.glob(f"*/{lang}/LC_MESSAGES/messages.po"):
        with po.open("rb") as f:
            assert not read_po(f).fuzzy, po


def test_arabic_plurals_follow_the_arabic_rule_in_the_app(app):
    from flask_babel import force_locale, ngettext

    with app.test_request_context("/"), force_locale("ar"):
        shown = [ngettext("%(num)d minuut", "%(num)d minuten", n) for n in (1, 2, 3, 10, 15)]
    assert shown == ["دقيقة واحدة", "دقيقتان", "3 دقائق", "10 دقائق", "15 دقيقة"]
