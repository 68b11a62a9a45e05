"""Own words: TF-IDF cosine of Dutch stems between the vacancy's title + description and the jobseeker's text."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np
import scipy.sparse as sp

from .base import N_, Comparison, PairValues, SparseBlock

__all__ = ["JOB_STOPWORDS", "TextSimilarity"]

JOB_STOPWORDS: frozenset[str] = frozenset(
    """
    graag ervaring jaar jaren werk werken gewerkt baan banen zoek zoeken gezocht leuk leuke fijn fijne goed goede
    nieuw nieuwe vacature functie medewerker medewerkers bedrijf team collega collegas uur uren week per wij ik
    kunnen willen bieden biedt hebt heb ben bent zijn ga gaan ook echt heel erg lang veel paar keer
    """.split()
)
#: Terms in more than this share of ESCO occupation texts are too general to count.
TEXT_MAX_DF = 0.15


def _reference_idf(tax) -> dict[str, Any]:
    """IDF of Dutch stems over the ESCO occupation labels and descriptions (a fixed corpus, so a pair's text
    similarity never depends on which other records are ranked with it)."""
    from ..dutch import analyse

    def build() -> dict[str, Any]:
        df: Counter = Counter()
        for occ in tax.occupations:
            df.update(set(analyse(" ".join((*occ.labels, occ.description)))))
        n = len(tax.occupations)
        return {
            "idf": {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items() if k <= TEXT_MAX_DF * n},
            "common": frozenset(t for t, k in df.items() if k > TEXT_MAX_DF * n),
            "unseen": math.log(1 + n) + 1.0,
        }

    key = id(tax)
    got = _IDF_CACHE.get(key)
    if got is None or got[0] is not tax:
        fingerprint = getattr(tax, "fingerprint", "")
        if fingerprint:
            from ..taxonomy import cached

            idf = cached("text-idf-1", build, family="text-idf")
        else:
            idf = build()
        got = (tax, idf)
        _IDF_CACHE[key] = got
    return got[1]


_IDF_CACHE: dict[int, tuple[Any, dict[str, Any]]] = {}


class TextSimilarity(Comparison):
    """TF-IDF cosine between the vacancy's title + description and the jobseeker's own words: Dutch stems, stop
    words and generic job words dropped, IDF from the ESCO occupation texts (fixed, so scores are the same
    whatever else is ranked)."""

    name = "text"
    label = N_("Eigen woorden")
    default_weight = 0.10
    missing = frozenset({"none", "unknown"})

    @staticmethod
    def _vacancy_text(v) -> str:
        return f"{v.title}\n{v.description}"

    def fit(self, candidates, vacancies, context):
        ref = _reference_idf(context["taxonomy"]())
        idf = ref["idf"]
        self._idf, self._common, self._unseen_idf = idf, ref["common"], ref["unseen"]
        self._analysed: dict[str, list[str]] = {}
        self.surface_: dict[str, str] = {}
        terms = set()
        for v in vacancies:
            terms.update(self._analyse(self._vacancy_text(v), surface=True))
        for c in candidates:
            terms.update(self._analyse(c.about))
        vocab = sorted(terms)
        self.terms_ = vocab
        self.vocabulary_ = {t: j for j, t in enumerate(vocab)}
        self._ids = dict(self.vocabulary_)  # grows with words first seen later; the first len(vocab) stay put
        self._idf_list = [idf.get(t, self._unseen_idf) for t in vocab]
        return self

    def _analyse(self, text: str, surface: bool = False) -> list[str]:
        from ..dutch import STOPWORDS, stem, tokenize

        if not text:
            return []
        got = self._analysed.get(text)
        if got is None or surface:
            tokens = [t for t in tokenize(text) if len(t) > 1 and t not in STOPWORDS and t not in JOB_STOPWORDS]
            got = [stem(t) for t in tokens]
            got = [t for t in got if t not in self._common]
            if surface:
                for t in tokens:
                    self.surface_.setdefault(stem(t), t)
            if len(self._analysed) < 200_000:
                self._analysed[text] = got
        return got

    def _matrix(self, texts):
        """L2-normalised TF-IDF rows (sublinear tf) over the fitted vocabulary; terms outside it still count in
        the norm (a word no other record uses makes a text less similar, not more)."""
        analysed = [self._analyse(t) for t in texts]
        lengths = np.fromiter(map(len, analysed), dtype=np.int64, count=len(texts))
        ids = self._ids
        flat = [ids.setdefault(t, len(ids)) for terms in analysed for t in terms]
        if len(self._idf_list) < len(ids):
            terms = sorted(ids, key=ids.__getitem__)[len(self._idf_list):]
            self._idf_list.extend(self._idf.get(t, self._unseen_idf) for t in terms)
        idf = np.asarray(self._idf_list)
        doc = np.repeat(np.arange(len(texts)), lengths)
        counts = sp.csr_matrix((np.ones(len(flat)), (doc, np.asarray(flat, dtype=np.int64))),
                               shape=(len(texts), len(ids)))
        counts.sum_duplicates()
        counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).reshape(-1))
        scale = np.where(norms > 0, 1.0 / np.maximum(norms, 1e-12), 0.0)
        m = (sp.diags(scale) @ counts).tocsr()[:, : len(self.vocabulary_)].tocsr()
        m.sort_indices()
        return m

    def encode_candidates(self, candidates, context):
        m = self._matrix([c.about for c in candidates])
        return {"matrix": m, "matrix_t": m.T.tocsr().astype(np.float32),
                "has_text": np.array([bool(c.about.strip()) for c in candidates])}

    def encode_vacancies(self, vacancies, context):
        for v in vacancies:
            self._analyse(self._vacancy_text(v), surface=True)
        m = self._matrix([self._vacancy_text(v) for v in vacancies])
        return {"matrix": m, "matrix32": m.astype(np.float32)}

    def pairs(self, c, v, ci, vi):
        prod = v["matrix"][vi].multiply(c["matrix"][ci]).tocsr()
        value = np.clip(np.asarray(prod.sum(axis=1)).reshape(-1), 0.0, 1.0)
        return PairValues(value, None, {"top": self._top_terms(prod), "has_text": c["has_text"][ci]})

    def naive(self, c, v, ci, vi):
        vm, cm = v["matrix"], c["matrix"]
        weights = dict(zip(vm.indices[vm.indptr[vi]:vm.indptr[vi + 1]].tolist(),
                           vm.data[vm.indptr[vi]:vm.indptr[vi + 1]].tolist(), strict=True))
        similarity = sum(weights.get(j, 0.0) * x for j, x in zip(cm.indices[cm.indptr[ci]:cm.indptr[ci + 1]].tolist(),
                                                                  cm.data[cm.indptr[ci]:cm.indptr[ci + 1]].tolist(),
                                                                  strict=True))
        return min(max(similarity, 0.0), 1.0)

    def block(self, c, v, rows):
        return SparseBlock((v["matrix32"][rows] @ c["matrix_t"]).tocsr())

    @staticmethod
    def _top_terms(prod: sp.csr_matrix, per_pair: int = 3) -> np.ndarray:
        """Per pair, the vocabulary indices of the (up to 3) terms that add most to the similarity; -1 pads."""
        prod.sort_indices()
        counts = np.diff(prod.indptr)
        owner = np.repeat(np.arange(prod.shape[0]), counts)
        order = np.lexsort((prod.indices, -prod.data, owner))
        rank = np.arange(len(order)) - np.repeat(prod.indptr[:-1], counts)
        keep = order[rank < per_pair]
        top = np.full((prod.shape[0], per_pair), -1, dtype=np.int64)
        top[owner[keep], rank[rank < per_pair]] = prod.indices[keep]
        return top

    def signature(self, pv, c, v, ci, vi):
        top = pv.aux["top"]
        return [pv.aux["has_text"], *top.T, pv.values > 0]

    def describe(self, pv, c, v, ci, vi):
        out = []
        for has_text, top, value in zip(pv.aux["has_text"].tolist(), pv.aux["top"].tolist(), pv.values.tolist(),
                                        strict=True):
            words = [self.surface_.get(self.terms_[j], self.terms_[j]) for j in top if j >= 0]
            if not has_text:
                out.append(("geen eigen omschrijving", "text.unknown", {}))
            elif words and value > 0:
                out.append((f"eigen woorden passen bij vacature: {', '.join(words)}", "text.similar",
                            {"words": words}))
            else:
                out.append(("eigen woorden lijken niet op vacature", "text.none", {}))
        return out

