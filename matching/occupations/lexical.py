"""The word index over ESCO labels: word-key TF-IDF and character n-gram TF-IDF, exact label matches, and the
job words (head nouns) of titles and labels.

Every ESCO label (preferred, alternative, hidden) and every hand-made synonym is a document. A title is scored
against each label by a blend of word-key TF-IDF cosine (word order free) and character n-gram TF-IDF cosine
(spelling variants, unknown compounds), per label (an occupation takes its best label, slightly lower for
alternative/hidden labels) and per whole occupation (all its labels together). A label whose word keys equal the
title's is an exact match.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from ..dutch import STOPWORDS, normalise
from ..taxonomy import Taxonomy
from .lexicon import Lexicon
from .tfidf import fit_char_tfidf, fit_word_tfidf, normalise_columns, tfidf_matrix
from .words import char_ngrams, fold_surface, occupation_key

__all__ = ["LexicalIndex"]

# Label weights: the preferred label is the surest evidence, a curated synonym nearly as sure.
PREFERRED, SYNONYM, ALTERNATIVE, HIDDEN = 1.0, 0.99, 0.97, 0.93
SYNONYM_RANK_STEP = 0.01  # later targets of one synonym line rank just below earlier ones
MIN_HEAD, MIN_MODIFIER = 3, 3
COMPOUND_HEAD_WEIGHT, COMPOUND_MODIFIER_WEIGHT = 0.8, 0.6
GENERIC_LABEL_DF, GENERIC_WEIGHT = 40, 0.5
CHAR_MAX_DF = 0.02  # character n-grams in more labels than this are left out of the products
# Endings of Dutch words for people who do a job (bakker, leraar, monteur, specialist, docent, verpleegkundige,
# timmerman, psycholoog, kapper, leerkracht): such a word in a label names the job, the others name its field.
AGENT_ENDINGS = ("er", "aar", "eur", "ist", "ant", "ent", "ige", "man", "oog", "ier", "or", "kracht", "ach")  # fmt: skip
# Words with such an ending that name a thing or a place, not a person.
NOT_PEOPLE = frozenset(
    "restaurant evenement element instrument document management cement pigment moment segment departement "
    "supplement monument experiment parlement talent patient client continent fundament ornament water computer "
    "centrum interieur exterieur materiaal kantoor".split()
)


class LexicalIndex:
    """Word and character TF-IDF over the labels of a taxonomy (see the module docstring)."""

    def __init__(
        self, word_weight: float = 0.4, occupation_weight: float = 0.3, char_max_df: float = CHAR_MAX_DF
    ):
        self.word_weight = word_weight
        self.occupation_weight = occupation_weight
        self.char_max_df = char_max_df

    # -- analysis shared by labels and queries

    def words(self, text: str, *, query: bool) -> list[str]:
        """Normalised words with qualifiers dropped (queries only) and abbreviations expanded."""
        lexicon = self.lexicon_
        tokens = normalise(text).split()
        if query:
            tokens = self._join_split_compounds(
                [t for t in tokens if t not in lexicon.drop and not t.isdigit()]
            )
        words: list[str] = []
        for token in tokens:
            expansion = lexicon.abbreviations.get(token)
            if expansion is None and query:
                expansion = lexicon.english.get(token)
            if expansion is not None:
                words.extend(expansion)
            elif token not in STOPWORDS:
                words.append(token)
        if query and not words:  # a title that is only qualifiers ("medewerker", "junior") keeps its words
            words = [t for t in normalise(text).split() if t not in STOPWORDS and len(t) >= 3]
        return words

    def _join_split_compounds(self, tokens: list[str]) -> list[str]:
        """Join neighbours that form a known job word: "productie medewerker" -> "productiemedewerker"."""
        out: list[str] = []
        for token in tokens:
            if out and len(out[-1]) >= 3 and len(token) >= 3:
                joined = out[-1] + token
                expansion = self.lexicon_.abbreviations.get(joined, (joined,))
                if len(expansion) == 1 and occupation_key(expansion[0]) in self.heads_:
                    out[-1] = joined
                    continue
            out.append(token)
        return out

    def split(self, word: str) -> tuple[str, str] | None:
        """(modifier, head) when the word ends in a known job word: pannenkoekenbakker -> (pannenkoeken, bakker)."""
        for i in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
            head = word[i:]
            if occupation_key(head) in self.heads_:
                return word[:i], head
        return None

    def _terms(self, words: Sequence[str]) -> dict[str, float]:
        """Weighted word keys: each word's key, plus its compound parts."""
        terms: dict[str, float] = defaultdict(float)
        for word in words:
            key = occupation_key(word)
            split = self.split(word) if len(word) >= MIN_HEAD + MIN_MODIFIER else None
            known = key in self.vocabulary_
            if known or split is None:
                terms[key] = max(terms[key], 1.0)
            if split is not None:
                modifier, head = split
                scale = 0.6 if known else 1.0
                for part, weight in ((head, COMPOUND_HEAD_WEIGHT), (modifier, COMPOUND_MODIFIER_WEIGHT)):
                    part_key = occupation_key(part)
                    terms[part_key] = max(terms[part_key], weight * scale)
        return terms

    def job_words(self, words: Sequence[str]) -> set[str]:
        """Keys of the words that name a job on their own (or end in one): a title's head nouns."""
        found = set()
        for word in words:
            key = occupation_key(word)
            if key in self.job_vocabulary_:
                found.add(key)
                continue
            split = self.split(word) if len(word) >= MIN_HEAD + MIN_MODIFIER else None
            if split is not None and occupation_key(split[1]) in self.job_vocabulary_:
                found.add(occupation_key(split[1]))
        return found

    @staticmethod
    def exact_key(words: Sequence[str]) -> str:
        """Order-free key of a word list: equal for a title and a label that use the same words."""
        return " ".join(sorted({occupation_key(w) for w in words}))

    @staticmethod
    def _char_text(words: Sequence[str]) -> str:
        # Gender folding on the surface form keeps kapster/kapper close in character n-grams too.
        return " ".join(w if occupation_key(w) == w else fold_surface(w) for w in words)

    # -- fitting

    def fit(self, taxonomy: Taxonomy, lexicon: Lexicon) -> LexicalIndex:
        """Index every label of every occupation in ``taxonomy`` plus the hand-made synonyms of ``lexicon``."""
        self.lexicon_ = lexicon
        n_occupations = len(taxonomy.occupations)
        documents: list[tuple[int, str, float]] = []  # (occupation index, text, weight)
        for i, occ in enumerate(taxonomy.occupations):
            documents.append((i, occ.label, PREFERRED))
            documents.extend((i, alt, ALTERNATIVE) for alt in occ.alt_labels)
            documents.extend((i, hidden, HIDDEN) for hidden in occ.hidden_labels)
        synonyms = self._synonym_documents(taxonomy)
        curated = {(i, text) for i, text, _ in synonyms}
        documents.extend(synonyms)
        documents.sort(key=lambda d: d[0])

        label_words = [[] if (i, t) in curated else self.words(t, query=False) for i, t, _ in documents]
        # Known head nouns for compound splitting: keys of whole ESCO label words.
        self.heads_ = frozenset(
            occupation_key(w) for words in label_words for w in words if len(w) >= MIN_HEAD
        )
        # Hand-made synonyms are written like titles, so they are analysed exactly as titles are.
        for n, (i, text, _) in enumerate(documents):
            if (i, text) in curated:
                label_words[n] = self.words(text, query=True)
        # Job words: a whole preferred label on its own ("kok", "ober") or a word for a person who does a job
        # ("bedrijfsleider" in "bedrijfsleider bakkerswinkel", "docent" in "docent hoger onderwijs").
        self.job_vocabulary_ = frozenset(
            occupation_key(w)
            for (_, _, weight), words in zip(documents, label_words, strict=True)
            for w in words
            if _names_a_person(w) or (len(words) == 1 and weight == PREFERRED)
        )
        # A one-word ESCO alternative label that is a generic job word ("monteur" under film editor, "operator"
        # under a filtration technician) is weak evidence: no exact match, and it counts for little.
        label_df = Counter(occupation_key(w) for words in label_words for w in set(words))
        self.generic_labels_ = frozenset(
            (i, normalise(text))
            for (i, text, weight), words in zip(documents, label_words, strict=True)
            if len(words) == 1
            and weight < PREFERRED
            and (i, text) not in curated
            and label_df[occupation_key(words[0])] > GENERIC_LABEL_DF
        )
        documents = [
            (i, text, GENERIC_WEIGHT if (i, normalise(text)) in self.generic_labels_ else weight)
            for i, text, weight in documents
        ]
        self._fit_matrices(label_words, documents, n_occupations)
        self._fit_exact(label_words, documents)
        return self

    def _fit_matrices(self, label_words, documents, n_occupations: int) -> None:
        vocabulary: dict[str, int] = {}
        for words in label_words:
            for w in words:
                vocabulary.setdefault(occupation_key(w), len(vocabulary))
        self.vocabulary_ = vocabulary
        label_terms = [self._terms(words) for words in label_words]
        for terms in label_terms:
            for key in terms:
                vocabulary.setdefault(key, len(vocabulary))
        self.word_idf_, word_matrix = fit_word_tfidf(label_terms, vocabulary)
        self.char_vocabulary_, self.char_idf_, char_matrix = fit_char_tfidf(
            [self._char_text(words).split() for words in label_words], self.char_max_df
        )
        self.label_occupation_ = np.array([d[0] for d in documents], dtype=np.int64)
        label_weight = np.array([d[2] for d in documents], dtype=np.float64)
        # Start of each occupation's run of labels, for per-occupation maxima with np.maximum.reduceat.
        self.occupation_starts_ = np.searchsorted(self.label_occupation_, np.arange(n_occupations))
        # Occupation documents: all labels of an occupation together, so that several labels that each match part
        # of a title add up ("kinderjuffrouw" shares words with more than one label of "nanny").
        owner = sp.csr_matrix(
            (np.ones(len(documents)), (np.arange(len(documents)), self.label_occupation_)),
            shape=(len(documents), n_occupations),
        )
        ww, ow = self.word_weight, self.occupation_weight
        label_scale = sp.diags((label_weight * (1.0 - ow)).astype(np.float32))
        self.label_matrix_ = (sp.vstack([ww * word_matrix, (1 - ww) * char_matrix]) @ label_scale).astype(
            np.float32
        )
        self.label_matrix_ = self.label_matrix_.tocsr()
        self.occupation_matrix_ = (
            (
                sp.vstack(
                    [
                        ww * normalise_columns(word_matrix @ owner),
                        (1 - ww) * normalise_columns(char_matrix @ owner),
                    ]
                )
                * ow
            )
            .astype(np.float32)
            .tocsr()
        )

    def _fit_exact(self, label_words, documents) -> None:
        exact: dict[str, dict[int, float]] = defaultdict(dict)
        for (i, _, weight), words in zip(documents, label_words, strict=True):
            if words and weight > GENERIC_WEIGHT:
                key = self.exact_key(words)
                exact[key][i] = max(exact[key].get(i, 0.0), weight)
        self.exact_ = dict(exact)

    def _synonym_documents(self, taxonomy: Taxonomy) -> list[tuple[int, str, float]]:
        by_label: dict[str, list[int]] = defaultdict(list)
        for i, occ in enumerate(taxonomy.occupations):
            by_label[normalise(occ.label)].append(i)
        documents, unknown = [], []
        for phrase, targets in self.lexicon_.synonyms:
            for rank, target in enumerate(targets):
                label, _, isco = target.partition("@")
                matches = [
                    i
                    for i in by_label.get(normalise(label), [])
                    if not isco or taxonomy.occupations[i].isco == isco
                ]
                if not matches:
                    unknown.append(target)
                documents.extend((i, phrase, SYNONYM - SYNONYM_RANK_STEP * rank) for i in matches)
        self.unknown_synonym_targets_ = tuple(unknown)
        return documents

    # -- scoring

    def score(self, words: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """(similarity, exact) for analysed queries: dense (n_queries, n_occupations) similarities in [0, 1] (best
        label blended with the whole occupation) and exact-match weights (0 where none)."""
        word_q, char_q = self._query_matrices(words)
        query = sp.hstack([word_q, char_q], format="csr").astype(np.float32)
        by_label = (query @ self.label_matrix_).toarray()
        scores = np.maximum.reduceat(by_label, self.occupation_starts_, axis=1)
        if self.occupation_weight:
            scores += (query @ self.occupation_matrix_).toarray()
        exact = np.zeros_like(scores)
        for row, w in enumerate(words):
            for occ, weight in (self.exact_.get(self.exact_key(w), {}) if w else {}).items():
                exact[row, occ] = weight
        return np.clip(scores, 0.0, 1.0), exact

    def _query_matrices(self, words: Sequence[Sequence[str]]):
        word_rows = [self._terms(w) for w in words]
        unknown_idf = float(self.word_idf_.max()) if len(self.word_idf_) else 1.0
        word_q = tfidf_matrix(word_rows, self.vocabulary_, self.word_idf_, False, unknown_idf=unknown_idf)
        char_rows = [Counter(char_ngrams(self._char_text(w))) for w in words]
        char_unknown = float(self.char_idf_.max()) if len(self.char_idf_) else 1.0
        char_q = tfidf_matrix(
            char_rows, self.char_vocabulary_, self.char_idf_, True, unknown_idf=char_unknown
        )
        return word_q, char_q


def _names_a_person(word: str) -> bool:
    return len(word) >= 4 and word.endswith(AGENT_ENDINGS) and word not in NOT_PEOPLE
