"""Free-text Dutch job titles -> ranked ESCO occupations.

How a title is understood:

1. Dutch normalisation (case, accents, hyphens, slashes), then qualifiers that say nothing about the occupation are
   dropped ("(m/v)", "junior", "parttime", "1e graads", "ZZP" ...) and abbreviations expanded ("mdw" ->
   "medewerker"), from the hand-made list in ``data/occupation_synonyms.tsv``.
2. Each word becomes a *key* that folds gendered and plural forms together (kapster/kappers -> kapper,
   schoonmaakster -> schoonmaker, caissière -> caissier, kokkin -> kok, lerares -> leraar), via a Snowball stem.
3. Compounds are split against the label vocabulary (longest known head noun): "pannenkoekenbakker" ->
   "pannenkoeken" + "bakker", so the title still lands on a bakker occupation, and "chauffeur vrachtwagen" meets
   "vrachtwagenchauffeur".
4. Every ESCO label (preferred, alternative, hidden) and every hand-made synonym is a document. A title is scored
   against each label by a blend of word-key TF-IDF cosine (word order free) and character n-gram TF-IDF cosine
   (spelling variants, unknown compounds); a label whose key set equals the title's scores 1. An occupation takes
   the best score of its labels, slightly lower for alternative/hidden labels than for the preferred one.

All matrices are built once and pickled into the taxonomy cache, so start-up is a file read.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from .dutch import STOPWORDS, normalise
from .taxonomy import SYNONYMS_TSV, Taxonomy, cached, load_taxonomy

__all__ = [
    "OccupationHit",
    "OccupationSearch",
    "default_search",
    "occupation_hits_as_dicts",
    "occupation_key",
    "search_occupations",
]

SEARCH_FORMAT = "occupation-search-1"

# Label weights: the preferred label is the surest evidence, a curated synonym nearly as sure.
PREFERRED, SYNONYM, ALTERNATIVE, HIDDEN = 1.0, 0.99, 0.97, 0.93
SYNONYM_RANK_STEP = 0.01  # later targets of one synonym line rank just below earlier ones
WORD_WEIGHT = 0.4  # word keys vs character n-grams
NON_EXACT_CAP = 0.95  # only an exact key match scores above this
MIN_SCORE = 0.15  # weaker hits are noise: a query matching nothing returns []
MIN_HEAD, MIN_MODIFIER = 3, 3
COMPOUND_HEAD_WEIGHT, COMPOUND_MODIFIER_WEIGHT = 0.8, 0.6
CHUNK = 256
GENERIC_LABEL_DF, GENERIC_EXACT = 40, 0.6
HEAD_BOOST = (
    0.0  # >0: more query weight for words that head labels (tried 0.6, 1.2: no gain on the evaluations)
)
OCCUPATION_WEIGHT = 0.3  # share of the whole-occupation document in the score
CHAR_MAX_DF = 0.02  # character n-grams in more labels than this are left out of the products


@dataclass(frozen=True)
class OccupationHit:
    """One search result: an ESCO occupation with its Dutch preferred label and a score in [0, 1]."""

    uri: str
    label: str
    score: float

    def as_dict(self) -> dict:
        """JSON-ready form used by the command line: {"uri", "label", "score"}."""
        return {"uri": self.uri, "label": self.label, "score": round(float(self.score), 4)}


# --- Dutch job-title words -----------------------------------------------------------------------------------

# Gendered and plural endings folded onto the masculine singular before stemming; the first match wins.
_GENDER_RULES: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"sters$", "er"),
        (r"ster$", "er"),
        (r"trices?$", "teur"),
        (r"euses?$", "eur"),
        (r"ieres?$", "ier"),
        (r"essen$", ""),  # meesteressen
        (r"eres$", "er"),  # schilderes, danseres, onderwijzeres
        (r"ares$", "aar"),  # lerares, tekenares
        (r"([bdfgklmnprt])\1in$", r"\1"),  # kokkin -> kok, cheffin -> chef
        (r"(boer|kelner|vriend)in$", r"\1"),
        (r"mannen$", "man"),
        (r"lieden$", "man"),  # timmerlieden
        (r"vrouw(en)?$", "man"),  # timmervrouw ~ timmerman; schoonmaakvrouw
    )
)
_GENDER_ENDINGS = (
    "ster",
    "sters",
    "trice",
    "trices",
    "euse",
    "euses",
    "iere",
    "ieres",
    "es",
    "in",
    "en",
    "vrouw",
)
_SQUEEZE = re.compile(r"(.)\1+")


_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=200_000)
def occupation_key(word: str) -> str:
    """A key that is equal for gendered and plural forms of one job word: kapster, kappers -> same key.

    A light Dutch suffix stripper tuned to job titles (plural -en/-s, inflected -e, feminine -ster/-in/-es/-trice/
    -euse/-ière), then doubled letters squeezed so that "kapp-" and "kap-", "schoonmaak-" and "schoonmak-" meet.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    folded = word
    if len(word) > 5 and word.endswith(_GENDER_ENDINGS):
        for pattern, repl in _GENDER_RULES:
            new = pattern.sub(repl, word)
            if new != word:
                folded = new
                break
    if len(folded) > 5 and folded.endswith("en"):
        folded = folded[:-2]
    elif len(folded) > 4 and folded.endswith("s") and folded[-2] not in _VOWELS and folded[-2] not in "sj":
        folded = folded[:-1]
    elif len(folded) > 4 and folded.endswith(("ies", "as", "os", "us")) and folded[-3] not in _VOWELS - {"i"}:
        folded = folded[:-1]  # installaties, auto's, pizza's
    if len(folded) > 4 and folded.endswith("e") and folded[-2] not in _VOWELS:
        folded = folded[:-1]
    return _SQUEEZE.sub(r"\1", folded)


def _char_ngrams(text: str) -> list[str]:
    return [gram for word in text.split() for gram in _word_ngrams(word)]


# --- the hand-made list ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    drop: frozenset[str]
    abbreviations: dict[str, tuple[str, ...]]
    synonyms: tuple[tuple[str, tuple[str, ...]], ...]
    english: dict[str, tuple[str, ...]] = field(default_factory=dict)  # titles only


def _read_lexicon(path: Path = SYNONYMS_TSV) -> _Lexicon:
    drop: set[str] = set()
    abbreviations: dict[str, tuple[str, ...]] = {}
    english: dict[str, tuple[str, ...]] = {}
    synonyms: list[tuple[str, tuple[str, ...]]] = []
    if path.exists():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            kind = parts[0].strip()
            if kind == "drop" and len(parts) >= 2:
                drop.add(normalise(parts[1]))
            elif kind == "abbr" and len(parts) >= 3:
                abbreviations[normalise(parts[1])] = tuple(normalise(parts[2]).split())
            elif kind == "en" and len(parts) >= 3:
                english[normalise(parts[1])] = tuple(normalise(parts[2]).split())
            elif kind == "syn" and len(parts) >= 3:
                targets = tuple(t.strip() for t in parts[2].split(";") if t.strip())
                synonyms.append((parts[1].strip(), targets))
            else:
                raise ValueError(f"{path}:{number}: cannot read line {line!r}")
    return _Lexicon(frozenset(drop), abbreviations, tuple(synonyms), english)


# --- the search ----------------------------------------------------------------------------------------------


class OccupationSearch:
    """Ranks ESCO occupations for free-text Dutch job titles (see the module docstring for how)."""

    def __init__(
        self,
        word_weight: float = WORD_WEIGHT,
        min_score: float = MIN_SCORE,
        use_synonyms: bool = True,
        char_max_df: float = CHAR_MAX_DF,
        occupation_weight: float = OCCUPATION_WEIGHT,
        head_boost: float = HEAD_BOOST,
    ):
        self.word_weight = word_weight
        self.head_boost = head_boost
        self.occupation_weight = occupation_weight
        self.char_max_df = char_max_df
        self.min_score = min_score
        self.use_synonyms = use_synonyms

    # -- analysis shared by labels and queries

    def _words(self, text: str, *, query: bool) -> list[str]:
        """Normalised words with qualifiers dropped (queries only) and abbreviations expanded."""
        tokens = normalise(text).split()
        if query:
            tokens = self._join_split_compounds(
                [t for t in tokens if t not in self.lexicon_.drop and not t.isdigit()]
            )
        words: list[str] = []
        for token in tokens:
            expansion = self.lexicon_.abbreviations.get(token)
            if expansion is None and query:
                expansion = self.lexicon_.english.get(token)
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

    def _split(self, word: str) -> tuple[str, str] | None:
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
            split = self._split(word) if len(word) >= MIN_HEAD + MIN_MODIFIER else None
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

    @staticmethod
    def _exact_key(words: Sequence[str]) -> str:
        return " ".join(sorted({occupation_key(w) for w in words}))

    # -- fitting

    def fit(self, taxonomy: Taxonomy | None = None) -> OccupationSearch:
        """Index every label of every occupation in ``taxonomy`` (default: the shipped ESCO taxonomy)."""
        taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
        self.lexicon_ = _read_lexicon() if self.use_synonyms else _Lexicon(frozenset(), {}, ())
        self.uris_ = np.array([o.uri for o in taxonomy.occupations], dtype=object)
        self.labels_ = np.array([o.label for o in taxonomy.occupations], dtype=object)

        documents: list[tuple[int, str, float]] = []  # (occupation index, text, weight)
        for i, occ in enumerate(taxonomy.occupations):
            documents.append((i, occ.label, PREFERRED))
            documents.extend((i, alt, ALTERNATIVE) for alt in occ.alt_labels)
            documents.extend((i, hidden, HIDDEN) for hidden in occ.hidden_labels)
        synonyms = self._synonym_documents(taxonomy)
        curated = {(i, text) for i, text, _ in synonyms}
        documents.extend(synonyms)
        documents.sort(key=lambda d: d[0])

        label_words = [
            [] if (i, text) in curated else self._words(text, query=False) for i, text, _ in documents
        ]
        # Known head nouns for compound splitting: keys of whole ESCO label words.
        self.heads_ = frozenset(
            occupation_key(w) for words in label_words for w in words if len(w) >= MIN_HEAD
        )
        # Hand-made synonyms are written like titles, so they are analysed exactly as titles are.
        for n, (i, text, _) in enumerate(documents):
            if (i, text) in curated:
                label_words[n] = self._words(text, query=True)
        self.vocabulary_ = {}
        vocabulary = self.vocabulary_
        for words in label_words:
            for w in words:
                vocabulary.setdefault(occupation_key(w), len(vocabulary))
        # How often a word is the head of a label (its first or only word: "manager kledingwinkel") rather than a
        # modifier; a title's head words then weigh more than its modifiers ("verkoopster kledingwinkel").
        as_head: Counter = Counter()
        seen: Counter = Counter()
        for words in label_words:
            keys = [occupation_key(w) for w in words]
            seen.update(set(keys))
            if keys:
                as_head[keys[0]] += 1
        self.headness_ = {k: as_head[k] / n for k, n in seen.items() if n >= 3}
        label_terms = [self._terms(words) for words in label_words]
        for terms in label_terms:
            for key in terms:
                vocabulary.setdefault(key, len(vocabulary))

        self.word_idf_, self.word_matrix_ = self._fit_tfidf(label_terms, vocabulary)
        self.char_vocabulary_, self.char_idf_, self.char_matrix_ = _fit_char_tfidf(
            [self._char_text(words).split() for words in label_words], self.char_max_df
        )

        self.label_occupation_ = np.array([d[0] for d in documents], dtype=np.int64)
        self.label_weight_ = np.array([d[2] for d in documents], dtype=np.float64)
        # Start of each occupation's run of labels, for per-occupation maxima with np.maximum.reduceat.
        self.occupation_starts_ = np.searchsorted(self.label_occupation_, np.arange(len(self.uris_)))
        # A one-word ESCO alternative label that is a generic job word ("monteur" under film editor, "operator"
        # under a filtration technician) is weak evidence: its exact match must not outrank real matches.
        label_df = Counter(occupation_key(w) for words in label_words for w in set(words))
        exact: dict[str, dict[int, float]] = defaultdict(dict)
        for (i, text, weight), words in zip(documents, label_words, strict=True):
            if words:
                key = self._exact_key(words)
                if (
                    len(words) == 1
                    and weight < PREFERRED
                    and (i, text) not in curated
                    and label_df[key] > GENERIC_LABEL_DF
                ):
                    weight = GENERIC_EXACT
                exact[key][i] = max(exact[key].get(i, 0.0), weight)
        self.exact_ = dict(exact)
        # Occupation documents: all labels of an occupation together, so that several labels that each match part
        # of a title add up ("kinderjuffrouw" shares words with more than one label of "nanny").
        owner = sp.csr_matrix(
            (np.ones(len(documents)), (np.arange(len(documents)), self.label_occupation_)),
            shape=(len(documents), len(self.uris_)),
        )
        word_occupation = _normalise_columns(self.word_matrix_ @ owner)
        char_occupation = _normalise_columns(self.char_matrix_ @ owner)
        # One stacked product per chunk of queries: [word | char] terms against labels and against occupations,
        # with every weight folded into the matrices.
        ww, ow = self.word_weight, self.occupation_weight
        label_scale = sp.diags((self.label_weight_ * NON_EXACT_CAP * (1.0 - ow)).astype(np.float32))
        self.label_matrix_ = sp.vstack([ww * self.word_matrix_, (1 - ww) * self.char_matrix_]) @ label_scale
        self.label_matrix_ = self.label_matrix_.astype(np.float32).tocsr()
        self.occupation_matrix_ = (
            (sp.vstack([ww * word_occupation, (1 - ww) * char_occupation]) * (NON_EXACT_CAP * ow))
            .astype(np.float32)
            .tocsr()
        )
        del self.word_matrix_, self.char_matrix_
        return self

    def _synonym_documents(self, taxonomy: Taxonomy) -> list[tuple[int, str, float]]:
        by_label: dict[str, list[int]] = defaultdict(list)
        for i, occ in enumerate(taxonomy.occupations):
            by_label[normalise(occ.label)].append(i)
        documents = []
        unknown = []
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
                for i in matches:
                    documents.append((i, phrase, SYNONYM - SYNONYM_RANK_STEP * rank))
        self.unknown_synonym_targets_ = tuple(unknown)
        return documents

    @staticmethod
    def _char_text(words: Sequence[str]) -> str:
        # Gender folding on the surface form keeps kapster/kapper close in character n-grams too.
        out = []
        for w in words:
            key = occupation_key(w)
            out.append(w if key == w else _fold_surface(w))
        return " ".join(out)

    @staticmethod
    def _fit_tfidf(rows, vocabulary: dict[str, int], sublinear: bool = False, max_df: float = 1.0):
        """IDF and the (n_terms, n_labels) matrix of L2-normalised label rows.

        Terms in more than ``max_df`` of the labels still count in each label's norm but are left out of the
        matrix: they add almost nothing to a cosine and make the products slow.
        """
        n = len(rows)
        df = np.bincount([vocabulary[key] for row in rows for key in row], minlength=len(vocabulary))
        idf = np.log((1 + n) / (1 + df)) + 1.0
        matrix = _tfidf_matrix(rows, vocabulary, idf, sublinear)
        if max_df < 1.0:
            common = np.flatnonzero(df > max_df * n)
            if len(common):
                keep = np.ones(len(vocabulary))
                keep[common] = 0.0
                matrix = matrix @ sp.diags(keep)
                matrix.eliminate_zeros()
        return idf, matrix.T.tocsr().astype(np.float32)

    # -- searching

    def _query_matrices(self, queries: Sequence[str]):
        words = [self._words(q, query=True) for q in queries]
        word_rows = [self._terms(w) for w in words]
        if self.head_boost:
            headness, boost = self.headness_, self.head_boost
            word_rows = [
                {k: v * (1.0 + boost * (headness.get(k, 0.5) - 0.5)) for k, v in row.items()}
                for row in word_rows
            ]
        unknown_idf = float(self.word_idf_.max()) if len(self.word_idf_) else 1.0
        word_q = _tfidf_matrix(word_rows, self.vocabulary_, self.word_idf_, False, unknown_idf=unknown_idf)
        char_rows = [Counter(_char_ngrams(self._char_text(w))) for w in words]
        char_idf_unknown = float(self.char_idf_.max()) if len(self.char_idf_) else 1.0
        char_q = _tfidf_matrix(
            char_rows, self.char_vocabulary_, self.char_idf_, True, unknown_idf=char_idf_unknown
        )
        exact_keys = [self._exact_key(w) if w else None for w in words]
        return word_q, char_q, exact_keys

    def score_matrix(self, queries: Sequence[str]) -> np.ndarray:
        """Dense (len(queries), n_occupations) matrix of scores in [0, 1]."""
        out = np.zeros((len(queries), len(self.uris_)), dtype=np.float32)
        for start in range(0, len(queries), CHUNK):
            chunk = queries[start : start + CHUNK]
            word_q, char_q, exact_keys = self._query_matrices(chunk)
            query = sp.hstack([word_q, char_q], format="csr").astype(np.float32)
            by_label = (query @ self.label_matrix_).toarray()
            scores = np.maximum.reduceat(by_label, self.occupation_starts_, axis=1)
            if self.occupation_weight:
                scores += (query @ self.occupation_matrix_).toarray()
            for row, key in enumerate(exact_keys):
                for occ, weight in (self.exact_.get(key, {}) if key else {}).items():
                    scores[row, occ] = max(scores[row, occ], weight)
            out[start : start + len(chunk)] = scores
        np.clip(out, 0.0, 1.0, out=out)
        return out

    def search_many(self, queries: Sequence[str], top_k: int = 10) -> list[list[OccupationHit]]:
        """Hits for each query, in input order; each list best first, distinct URIs, scores in [0, 1]."""
        queries = list(queries)
        results: list[list[OccupationHit]] = []
        if top_k <= 0:
            return [[] for _ in queries]
        for start in range(0, len(queries), CHUNK):
            scores = self.score_matrix(queries[start : start + CHUNK])
            k = min(top_k, scores.shape[1])
            top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
            for row in range(scores.shape[0]):
                idx = top[row]
                values = scores[row, idx]
                order = np.lexsort((idx, -values))
                results.append(
                    [
                        OccupationHit(self.uris_[j], self.labels_[j], round(v, 6))
                        for j, v in zip(idx[order].tolist(), values[order].tolist(), strict=True)
                        if v >= self.min_score
                    ]
                )
        return results

    def search(self, query: str, top_k: int = 10) -> list[OccupationHit]:
        """Best ESCO occupations for one Dutch job title, best first."""
        return self.search_many([query], top_k)[0]


@lru_cache(maxsize=100_000)
def _fold_surface(word: str) -> str:
    if not word.endswith(_GENDER_ENDINGS):
        return word
    for pattern, repl in _GENDER_RULES:
        new = pattern.sub(repl, word)
        if new != word:
            return new
    return word


@lru_cache(maxsize=100_000)
def _word_ngrams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple(padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1))


def _fit_char_tfidf(texts: list[list[str]], max_df: float):
    """Character n-gram vocabulary, IDF and (n_grams, n_labels) matrix, built as (labels x words) @ (words x grams)
    so each distinct word is cut into n-grams once."""
    words: dict[str, int] = {}
    rows, cols = [], []
    for r, text in enumerate(texts):
        for word in text:
            rows.append(r)
            cols.append(words.setdefault(word, len(words)))
    label_words = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(words)))
    vocabulary: dict[str, int] = {}
    g_rows, g_cols = [], []
    for word, w in words.items():
        for gram in _word_ngrams(word):
            g_rows.append(w)
            g_cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    word_grams = sp.csr_matrix((np.ones(len(g_rows)), (g_rows, g_cols)), shape=(len(words), len(vocabulary)))
    counts = (label_words @ word_grams).tocsr()
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=len(vocabulary))
    idf = np.log((1 + n) / (1 + df)) + 1.0
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    matrix = (sp.diags(scale) @ counts).tocsr()
    if max_df < 1.0:  # common n-grams still count in the norms, but are left out of the products
        matrix.data[df[matrix.indices] > max_df * n] = 0.0
        matrix.eliminate_zeros()
    return vocabulary, idf, matrix.T.tocsr().astype(np.float32)


def _normalise_columns(matrix: sp.spmatrix) -> sp.csr_matrix:
    matrix = sp.csc_matrix(matrix, dtype=np.float32)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=0)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return (matrix @ sp.diags(scale.astype(np.float32))).tocsr()


def _tfidf_matrix(rows, vocabulary, idf, sublinear, unknown_idf: float | None = None) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows; unknown terms (queries only) count towards the norm with ``unknown_idf``."""
    get = vocabulary.get
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    unknown_mass = np.zeros(len(rows))
    for r, row in enumerate(rows):
        cols = [get(key) for key in row]
        if None in cols:
            known = [(c, tf) for c, tf in zip(cols, row.values(), strict=True) if c is not None]
            if unknown_idf is not None:
                missing = [tf for c, tf in zip(cols, row.values(), strict=True) if c is None]
                weights = [(1.0 + math.log(tf)) if sublinear else tf for tf in missing]
                unknown_mass[r] = sum((w * unknown_idf) ** 2 for w in weights)
            indices.extend(c for c, _ in known)
            data.extend(tf for _, tf in known)
        else:
            indices.extend(cols)
            data.extend(row.values())
        indptr.append(len(indices))
    indices_arr = np.array(indices, dtype=np.int64)
    values = np.array(data, dtype=np.float64)
    if sublinear and len(values):
        values = 1.0 + np.log(values)
    if len(values):
        values *= idf[indices_arr]
    matrix = sp.csr_matrix((values, indices_arr, np.array(indptr)), shape=(len(rows), len(vocabulary)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel() + unknown_mass)
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.diags(scale) @ matrix


def _code_version() -> str:
    # The cache also depends on this module's code: an edited analysis must never meet an old index.
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def _build_default() -> OccupationSearch:
    return OccupationSearch().fit(load_taxonomy())


@lru_cache(maxsize=1)
def default_search() -> OccupationSearch:
    """The occupation search fitted on the shipped taxonomy (cached per process and on disk)."""
    return cached(f"{SEARCH_FORMAT}-{_code_version()}", _build_default, family="occupation-search")


def search_occupations(queries: Sequence[str], top_k: int = 10) -> list[list[OccupationHit]]:
    """Hits for each query with the default search."""
    return default_search().search_many(queries, top_k)


def occupation_hits_as_dicts(queries: Sequence[str], top_k: int = 10) -> list[dict]:
    """The command line's output objects: {"query", "results": [{"uri", "label", "score"}]} per query, in order."""
    hits = search_occupations(list(queries), top_k)
    return [
        {"query": q, "results": [h.as_dict() for h in found]} for q, found in zip(queries, hits, strict=True)
    ]
