"""The names of the languages people speak, in each language the web app is offered in: one table for the engine's
phrases (in Dutch), the web app's forms and its explanations. Codes are ISO 639-1, else ISO 639-3."""

from __future__ import annotations

__all__ = ["LANGUAGE_NAMES", "language_name"]

# code -> {interface language: name}
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "nl": {"nl": "Nederlands", "en": "Dutch"},
    "ar": {"nl": "Arabisch", "en": "Arabic"},
    "ber": {"nl": "Berbers (Tamazight)", "en": "Berber (Tamazight)"},
    "zgh": {"nl": "Berbers (Tamazight)", "en": "Berber (Tamazight)"},
    "tr": {"nl": "Turks", "en": "Turkish"},
    "en": {"nl": "Engels", "en": "English"},
    "fr": {"nl": "Frans", "en": "French"},
    "de": {"nl": "Duits", "en": "German"},
    "es": {"nl": "Spaans", "en": "Spanish"},
    "it": {"nl": "Italiaans", "en": "Italian"},
    "pt": {"nl": "Portugees", "en": "Portuguese"},
    "pl": {"nl": "Pools", "en": "Polish"},
    "ro": {"nl": "Roemeens", "en": "Romanian"},
    "bg": {"nl": "Bulgaars", "en": "Bulgarian"},
    "so": {"nl": "Somalisch", "en": "Somali"},
    "ti": {"nl": "Tigrinya", "en": "Tigrinya"},
    "fa": {"nl": "Perzisch (Farsi)", "en": "Persian (Farsi)"},
    "prs": {"nl": "Dari", "en": "Dari"},
    "ku": {"nl": "Koerdisch", "en": "Kurdish"},
    "uk": {"nl": "Oekraïens", "en": "Ukrainian"},
    "ru": {"nl": "Russisch", "en": "Russian"},
    "zh": {"nl": "Chinees", "en": "Chinese"},
    "hi": {"nl": "Hindi", "en": "Hindi"},
    "ur": {"nl": "Urdu", "en": "Urdu"},
    "pap": {"nl": "Papiaments", "en": "Papiamento"},
    "srn": {"nl": "Sranantongo", "en": "Sranan Tongo"},
}


def language_name(code: str, language: str = "nl") -> str:
    """The name of language `code` in `language` (the Dutch name when there is none in it; the code in capitals
    when the table does not know the code)."""
    names = LANGUAGE_NAMES.get(code)
    if names is None:
        return code.upper()
    return names.get(language) or names["nl"]
