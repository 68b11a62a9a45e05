"""Every visible string is translatable and has an English translation."""

from werkstation.i18n_check import extracted_messages, missing_translations


def test_strings_are_extracted_from_code_and_templates():
    messages = extracted_messages()
    assert "Werk in de wijk, voor mensen uit de wijk" in messages  # a template
    assert "Kies een wachtwoord van minstens 10 tekens." in messages  # Python code


def test_every_dutch_string_has_an_english_translation():
    missing = missing_translations()
    assert missing == {}, "untranslated (run `python -m werkstation.i18n_check`): " + ", ".join(
        f"{where}: {msgid!r}" for msgid, where in list(missing.items())[:30]
    )
