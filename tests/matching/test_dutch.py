"""Dutch normalisation, tokenising, stemming and stop words."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from matching.dutch import STOPWORDS, analyse, normalise, stem, strip_accents, tokenize


def test_normalise_folds_case_accents_and_punctuation():
    assert normalise("Caissière (m/v)") == "caissiere m v"
    assert normalise("Coördinator  Schoonmaak-Dienst") == "coordinator schoonmaak dienst"
    assert normalise("BHV'er / EHBO'er") == "bhver ehboer"
    assert normalise("") == ""


def test_tokenize_splits_on_hyphens_and_slashes():
    assert tokenize("brood- en banketbakker/patissier") == ["brood", "en", "banketbakker", "patissier"]


def test_stem_joins_plural_forms():
    assert stem("bakkers") == stem("bakker")
    assert stem("chauffeurs") == stem("chauffeur")


def test_analyse_drops_stop_words_and_stems():
    terms = analyse("Ik werk graag in de keuken en met de klanten")
    assert "de" not in terms and "ik" not in terms
    assert stem("klanten") in terms and stem("keuken") in terms
    assert {"de", "het", "een", "en", "van"} <= STOPWORDS


@given(st.text())
def test_normalise_is_idempotent_and_clean(text):
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip() and "  " not in once


def test_strip_accents_drops_exactly_the_combining_marks_of_every_character():
    """The translate table must give what decomposing and dropping every combining mark gives, for any text."""
    def reference(text):
        return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))

    everything = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000)
    for start in range(0, len(everything), 5000):
        piece = everything[start:start + 5000]
        assert strip_accents(piece) == reference(piece)
    assert strip_accents("Coördinator Hygiëne café") == "Coordinator Hygiene cafe"
    assert strip_accents("ﬁets ²") == "fiets 2"
