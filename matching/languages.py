"""The names of the languages people speak, in each language the web app is offered in: one table for the engine's
phrases (in Dutch), the web app's forms and its explanations. Codes are ISO 639-1, else ISO 639-3."""

from __future__ import annotations

from .record_fields import CEFR_LEVELS

__all__ = ["LANGUAGE_NAMES", "language_gaps", "language_name"]

# code -> {interface language: name}
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "nl": {"nl": "Nederlands", "en": "Dutch", "ar": "الهولندية", "tr": "Felemenkçe"},
    "ar": {"nl": "Arabisch", "en": "Arabic", "ar": "العربية", "tr": "Arapça"},
    "ber": {"nl": "Berbers (Tamazight)", "en": "Berber (Tamazight)", "ar": "الأمازيغية (تمازيغت)", "tr": "Berberice (Tamazight)"},
    "zgh": {"nl": "Berbers (Tamazight)", "en": "Berber (Tamazight)", "ar": "الأمازيغية (تمازيغت)", "tr": "Berberice (Tamazight)"},
    "tr": {"nl": "Turks", "en": "Turkish", "ar": "التركية", "tr": "Türkçe"},
    "en": {"nl": "Engels", "en": "English", "ar": "الإنجليزية", "tr": "İngilizce"},
    "fr": {"nl": "Frans", "en": "French", "ar": "الفرنسية", "tr": "Fransızca"},
    "de": {"nl": "Duits", "en": "German", "ar": "الألمانية", "tr": "Almanca"},
    "es": {"nl": "Spaans", "en": "Spanish", "ar": "الإسبانية", "tr": "İspanyolca"},
    "it": {"nl": "Italiaans", "en": "Italian", "ar": "الإيطالية", "tr": "İtalyanca"},
    "pt": {"nl": "Portugees", "en": "Portuguese", "ar": "البرتغالية", "tr": "Portekizce"},
    "pl": {"nl": "Pools", "en": "Polish", "ar": "البولندية", "tr": "Lehçe"},
    "ro": {"nl": "Roemeens", "en": "Romanian", "ar": "الرومانية", "tr": "Rumence"},
    "bg": {"nl": "Bulgaars", "en": "Bulgarian", "ar": "البلغارية", "tr": "Bulgarca"},
    "so": {"nl": "Somalisch", "en": "Somali", "ar": "الصومالية", "tr": "Somalice"},
    "ti": {"nl": "Tigrinya", "en": "Tigrinya", "ar": "التغرينية", "tr": "Tigrinya dili"},
    "fa": {"nl": "Perzisch (Farsi)", "en": "Persian (Farsi)", "ar": "الفارسية", "tr": "Farsça"},
    "prs": {"nl": "Dari", "en": "Dari", "ar": "الدارية", "tr": "Darice"},
    "ku": {"nl": "Koerdisch", "en": "Kurdish", "ar": "الكردية", "tr": "Kürtçe"},
    "uk": {"nl": "Oekraïens", "en": "Ukrainian", "ar": "الأوكرانية", "tr": "Ukraynaca"},
    "ru": {"nl": "Russisch", "en": "Russian", "ar": "الروسية", "tr": "Rusça"},
    "zh": {"nl": "Chinees", "en": "Chinese", "ar": "الصينية", "tr": "Çince"},
    "hi": {"nl": "Hindi", "en": "Hindi", "ar": "الهندية", "tr": "Hintçe"},
    "ur": {"nl": "Urdu", "en": "Urdu", "ar": "الأردية", "tr": "Urduca"},
    "pap": {"nl": "Papiaments", "en": "Papiamento", "ar": "البابيامنتو", "tr": "Papiamento"},
    "srn": {"nl": "Sranantongo", "en": "Sranan Tongo", "ar": "السرانانية", "tr": "Sranan Tongo"},
}


def language_name(code: str, language: str = "nl") -> str:
    """The name of language `code` in `language` (the Dutch name when there is none in it; the code in capitals
    when the table does not know the code)."""
    names = LANGUAGE_NAMES.get(code)
    if names is None:
        return code.upper()
    return names.get(language) or names["nl"]


# The phrase for a language level that is not given, and for one below what the vacancy asks.
GAP_PHRASES = {
    "nl": ("{name} niveau onbekend, vraagt {need}", "{name} onder {need}"),
    "en": ("{name} level unknown, asks {need}", "{name} below {need}"),
}


def language_gaps(required: dict[str, str], levels: dict[str, str], language: str = "nl") -> list[str]:
    """One phrase (in Dutch or English) for each language in `required` whose level in `levels` is missing or
    below the level asked; the order of `required`."""
    unknown, below = GAP_PHRASES[language]
    out = []
    for code, need in required.items():
        have = levels.get(code)
        if have is None:
            out.append(unknown.format(name=language_name(code, language), need=need))
        elif need in CEFR_LEVELS and have in CEFR_LEVELS and CEFR_LEVELS.index(have) < CEFR_LEVELS.index(need):
            out.append(below.format(name=language_name(code, language), need=need))
    return out
