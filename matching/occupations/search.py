"""Free-text Dutch job titles -> ranked ESCO occupations.

How a title is understood:

0. Residents' words (``resident_words.py``): a common job named in Turkish or Arabic ("fırıncı", "خبّاز") is
   searched as its Dutch title ("bakker").
1. Rewrites (``query.py``): shortened pairs get their head noun back ("schoonmaak- en onderhoudsmedewerker"), and in
   teacher titles the school level and subject are named as ESCO names them ("Docent Engels 1e graads" ->
   "docent moderne talen voortgezet onderwijs").
2. Words (``lexical.py``): Dutch normalisation, qualifiers dropped, abbreviations and English job-board words
   expanded, gendered and plural forms folded, compounds split; word-key and character n-gram TF-IDF against every
   ESCO label and hand-made synonym; exact label matches.
3. Meaning (``semantic.py``): multilingual sentence-embedding cosine with every label and with the occupation's
   description, so that the same job in other words, or in English, is still found.
4. The blend: ``(words + w_job * job words + w_label * label cosine + w_description * description cosine) /
   (1 + w_job + w_label + w_description)``, capped below every exact match, so exact label matches always come
   first. "Job words" scores the title's head nouns alone ("verkoopmedewerker" of "Verkoopmedewerker fietsen"), so
   the job counts more than the branch or product it is done in. A title that puts a specialty before a job whose
   general form ESCO calls "algemeen X" ("IC-verpleegkundige") ranks "gespecialiseerd X" above "algemeen X".

A title whose words come close to no label returns no hits; otherwise the best ``top_k`` occupations are returned,
without a score cut-off, so a large ``top_k`` gives the full ranking.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..taxonomy import Taxonomy, cached, load_taxonomy
from .lexical import LexicalIndex
from .lexicon import Lexicon, read_lexicon
from .query import rewrite_title
from .resident_words import to_dutch_title
from .semantic import VECTORS_FILE, SemanticIndex, encoder
from .words import occupation_key

__all__ = [
    "OccupationHit",
    "OccupationSearch",
    "default_search",
    "occupation_hits_as_dicts",
    "search_occupations",
]

SEARCH_FORMAT = "occupation-search-2"
NON_EXACT_CAP = 0.9  # blended scores stay below every exact label match (0.93 and up)
MIN_WORD_SCORE = 0.15  # a title whose words come no closer than this to any label matches nothing
CHUNK = 256


@dataclass(frozen=True)
class OccupationHit:
    """One search result: an ESCO occupation with its Dutch preferred label and a score in [0, 1]."""

    uri: str
    label: str
    score: float

    def as_dict(self) -> dict:
        """JSON-ready form used by the command line: {"uri", "label", "score"}."""
        return {"uri": self.uri, "label": self.label, "score": round(float(self.score), 4)}


class OccupationSearch:
    """Ranks ESCO occupations for free-text Dutch job titles (see the module docstring for how)."""

    def __init__(
        self,
        use_synonyms: bool = True,
        semantic: bool = True,
        label_weight: float = 0.6,
        description_weight: float = 0.4,
        job_weight: float = 0.4,
        specialty_factor: float = 0.9,
        resident_words: bool = True,
    ):
        self.use_synonyms = use_synonyms
        self.semantic = semantic
        self.label_weight = label_weight
        self.description_weight = description_weight
        self.job_weight = job_weight
        self.specialty_factor = specialty_factor
        self.resident_words = resident_words

    def fit(self, taxonomy: Taxonomy | None = None) -> OccupationSearch:
        """Index every occupation of ``taxonomy`` (default: the shipped ESCO taxonomy)."""
        taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
        self.lexicon_ = read_lexicon() if self.use_synonyms else Lexicon()
        self.lexical_ = LexicalIndex().fit(taxonomy, self.lexicon_)
        self.unknown_synonym_targets_ = self.lexical_.unknown_synonym_targets_
        use_meaning = self.semantic and VECTORS_FILE.exists() and encoder() is not None
        self.semantic_ = SemanticIndex().fit(taxonomy, self.lexical_.generic_labels_) if use_meaning else None
        self.uris_ = np.array([o.uri for o in taxonomy.occupations], dtype=object)
        self.labels_ = np.array([o.label for o in taxonomy.occupations], dtype=object)
        self.specialties_ = _specialty_pairs(taxonomy)
        return self

    def score_matrix(self, queries: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Dense (len(queries), n_occupations) scores in [0, 1], and whether each query matches anything."""
        rewritten = [rewrite_title(q, self.lexicon_, self.lexical_.split) for q in queries]
        words = [
            self.lexical_.words(r if r is not None else q, query=True)
            for q, r in zip(queries, rewritten, strict=True)
        ]
        lexical, exact = self.lexical_.score(words)
        weight = 1.0
        blended = lexical.copy()
        if self.job_weight:
            blended += self.job_weight * self._job_score(words, lexical, exact)
            weight += self.job_weight
        if self.semantic_ is not None:
            texts = [r if r is not None else q for q, r in zip(queries, rewritten, strict=True)]
            labels, descriptions = self.semantic_.score(texts)
            blended += self.label_weight * np.clip(labels, 0.0, None)
            blended += self.description_weight * np.clip(descriptions, 0.0, None)
            weight += self.label_weight + self.description_weight
        blended *= NON_EXACT_CAP / weight
        self._prefer_specialties(blended, words)
        scores = np.maximum(blended, exact)
        # Sentence embeddings find something close to any string, so only words decide that a title is nonsense.
        matched = np.array([bool(w) for w in words]) & (
            (lexical.max(axis=1) >= MIN_WORD_SCORE) | (exact.max(axis=1) > 0)
        )
        return np.clip(scores, 0.0, 1.0), matched

    def _job_score(self, words, lexical: np.ndarray, exact: np.ndarray) -> np.ndarray:
        """How well each occupation matches the title's job words alone ("verkoopmedewerker" of "Verkoopmedewerker
        fietsen"); the whole title's score for a title without job words."""
        jobs = [[w for w in ws if self.lexical_.job_words([w])] for ws in words]
        todo = [r for r, (ws, js) in enumerate(zip(words, jobs, strict=True)) if js and len(js) < len(ws)]
        out = np.maximum(lexical, exact)
        if todo:
            job_lexical, job_exact = self.lexical_.score([jobs[r] for r in todo])
            out[todo] = np.maximum(job_lexical, job_exact)
        return out

    def _prefer_specialties(self, scores: np.ndarray, words: Sequence[Sequence[str]]) -> None:
        """A title that puts a specialty before the job word ("IC-verpleegkundige") ranks "gespecialiseerd
        verpleegkundige" above "algemeen verpleegkundige"."""
        if not self.specialties_:
            return
        for row, w in enumerate(words):
            jobs = self.lexical_.job_words(w)
            for general, special, job in self.specialties_:
                if job in jobs and _names_specialty(w, job):
                    top = max(scores[row, general], scores[row, special])
                    scores[row, special] = top
                    scores[row, general] = top * self.specialty_factor

    def _best_hits(self, queries: list[str]) -> list[list[OccupationHit]]:
        """The single best hit per query. An exact label match (0.93 and up) beats every blended score (at most
        NON_EXACT_CAP), so a query with one clear exact match is answered from the words alone; only the others
        need the sentence encoder (resolving typed occupations then never loads it when all are exact labels)."""
        answers: dict[int, list[OccupationHit]] = {}
        for start in range(0, len(queries), CHUNK):
            chunk = queries[start:start + CHUNK]
            rewritten = [rewrite_title(q, self.lexicon_, self.lexical_.split) for q in chunk]
            words = [self.lexical_.words(r if r is not None else q, query=True)
                     for q, r in zip(chunk, rewritten, strict=True)]
            _, exact = self.lexical_.score(words)
            best = exact.max(axis=1) if exact.size else np.zeros(len(chunk))
            for row in np.nonzero(best > NON_EXACT_CAP)[0].tolist():
                cols = np.nonzero(exact[row] == best[row])[0]
                if len(cols) == 1 and words[row]:
                    j = int(cols[0])
                    answers[start + row] = [OccupationHit(self.uris_[j], self.labels_[j],
                                                          round(min(float(best[row]), 1.0), 6))]
        rest = [i for i in range(len(queries)) if i not in answers]
        if rest:
            for i, hits in zip(rest, self._search_chunks([queries[i] for i in rest], 1), strict=True):
                answers[i] = hits
        return [answers[i] for i in range(len(queries))]

    def search_many(self, queries: Sequence[str], top_k: int = 10) -> list[list[OccupationHit]]:
        """Hits for each query, in input order; each list best first, distinct URIs, scores in [0, 1]."""
        queries = list(queries)
        if getattr(self, "resident_words", True):
            queries = [to_dutch_title(q) for q in queries]
        if top_k <= 0:
            return [[] for _ in queries]
        if top_k == 1 and self.semantic_ is not None:
            return self._best_hits(queries)
        return self._search_chunks(queries, top_k)

    def _search_chunks(self, queries: list[str], top_k: int) -> list[list[OccupationHit]]:
        results: list[list[OccupationHit]] = []
        for start in range(0, len(queries), CHUNK):
            scores, matched = self.score_matrix(queries[start : start + CHUNK])
            k = min(top_k, scores.shape[1])
            top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
            for row in range(scores.shape[0]):
                if not matched[row]:
                    results.append([])
                    continue
                idx = top[row]
                values = scores[row, idx]
                order = np.lexsort((idx, -values))
                results.append(
                    [
                        OccupationHit(self.uris_[j], self.labels_[j], round(v, 6))
                        for j, v in zip(idx[order].tolist(), values[order].tolist(), strict=True)
                    ]
                )
        return results

    def search(self, query: str, top_k: int = 10) -> list[OccupationHit]:
        """Best ESCO occupations for one Dutch job title, best first."""
        return self.search_many([query], top_k)[0]


def _specialty_pairs(taxonomy: Taxonomy) -> list[tuple[int, int, str]]:
    """(index of "algemeen X", index of "gespecialiseerd X", job-word key of X) for every such pair in ESCO."""
    by_label = {o.label: i for i, o in enumerate(taxonomy.occupations)}
    pairs = []
    for label, i in by_label.items():
        if label.startswith("algemeen ") and len(label.split()) == 2:
            job = label.split()[1]
            j = by_label.get(f"gespecialiseerd {job}")
            if j is not None:
                pairs.append((i, j, occupation_key(job)))
    return pairs


def _names_specialty(words: Sequence[str], job: str) -> bool:
    """Whether the title puts a specialty before the job word: a compound on it ("wijkverpleegkundige", "IC-
    verpleegkundige") or a word in front of it ("sociaal psychiatrisch verpleegkundige"). Words after it usually
    name the ward or workplace ("verpleegkundige dagbehandeling"), not a specialty."""
    keys = [occupation_key(w) for w in words]
    if job not in keys:
        return any(k.endswith(job) for k in keys)
    return keys.index(job) > 0


def _code_version() -> str:
    # The cache also depends on this package's code and vectors: an edited analysis must never meet an old index.
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    if VECTORS_FILE.exists():
        digest.update(str(VECTORS_FILE.stat().st_size).encode())
    return digest.hexdigest()[:12]


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
