"""Evaluate occupation search: ``python -m matching.eval_occupations``.

(a) Held-out labels from ESCO itself: for every occupation with alternative labels, one alternative label
    (chosen with a fixed seed) is removed from the index and used as the query. Relevant: every occupation that
    carries that label. Our search is compared with a plain word TF-IDF baseline (and a character n-gram TF-IDF
    baseline) fitted on the same reduced labels, in the same run.
(b) A hand-made set of realistic Dutch job-board titles (``evaluation/job_titles_nl.tsv``) with the ESCO
    occupations judged correct.

Reported: MAP (average precision over the top 10), recall@10, MRR and top-1 accuracy.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from .dutch import normalise
from .occupations import OccupationSearch
from .taxonomy import Taxonomy, load_taxonomy

TITLES_TSV = Path(__file__).with_name("evaluation") / "job_titles_nl.tsv"
K = 10

Ranker = Callable[[Sequence[str]], list[list[str]]]


def metrics(rankings: Sequence[Sequence[str]], relevant: Sequence[set[str]], k: int = K) -> dict[str, float]:
    """MAP@k, recall@k, MRR and top-1 accuracy of ranked URI lists against sets of relevant URIs."""
    ap, recall, rr, top1 = [], [], [], []
    for ranked, rel in zip(rankings, relevant, strict=True):
        ranked = list(ranked)[:k]
        hits, precision_sum, first = 0, 0.0, 0.0
        for i, uri in enumerate(ranked, start=1):
            if uri in rel:
                hits += 1
                precision_sum += hits / i
                if not first:
                    first = 1.0 / i
        ap.append(precision_sum / min(len(rel), k))
        recall.append(hits / len(rel))
        rr.append(first)
        top1.append(1.0 if ranked and ranked[0] in rel else 0.0)
    return {
        "MAP": float(np.mean(ap)),
        "recall@10": float(np.mean(recall)),
        "MRR": float(np.mean(rr)),
        "top1": float(np.mean(top1)),
        "n": len(ap),
    }


class TfidfBaseline:
    """Plain TF-IDF over the labels (scikit-learn defaults), an occupation scoring its best label's cosine."""

    def __init__(self, analyzer: str = "word", ngram_range: tuple[int, int] = (1, 1)):
        self.analyzer = analyzer
        self.ngram_range = ngram_range

    def fit(self, taxonomy: Taxonomy) -> TfidfBaseline:
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts, owners = [], []
        for i, occ in enumerate(taxonomy.occupations):
            for label in (occ.label, *occ.alt_labels, *occ.hidden_labels):
                texts.append(label)
                owners.append(i)
        self.vectorizer_ = TfidfVectorizer(analyzer=self.analyzer, ngram_range=self.ngram_range)
        self.matrix_ = self.vectorizer_.fit_transform(texts).T.tocsr()
        self.owners_ = np.array(owners)
        self.starts_ = np.searchsorted(self.owners_, np.arange(len(taxonomy.occupations)))
        self.uris_ = [o.uri for o in taxonomy.occupations]
        return self

    def rank(self, queries: Sequence[str], k: int = K) -> list[list[str]]:
        out = []
        for start in range(0, len(queries), 256):
            sims = (self.vectorizer_.transform(queries[start : start + 256]) @ self.matrix_).toarray()
            scores = np.maximum.reduceat(sims, self.starts_, axis=1)
            for row in scores:
                top = np.argsort(-row, kind="stable")[:k]
                out.append([self.uris_[j] for j in top if row[j] > 0])
        return out


def held_out_split(taxonomy: Taxonomy, seed: int = 0) -> tuple[Taxonomy, list[str], list[set[str]]]:
    """Remove one alternative label per occupation; return the reduced taxonomy, the queries and relevant sets."""
    rng = random.Random(seed)  # noqa: S311 - reproducible choice of test labels, not security
    owners: dict[str, set[str]] = {}
    for occ in taxonomy.occupations:
        for label in (occ.label, *occ.alt_labels, *occ.hidden_labels):
            owners.setdefault(normalise(label), set()).add(occ.uri)
    reduced, queries, relevant = [], [], []
    for occ in taxonomy.occupations:
        keep = {normalise(x) for x in (occ.label, *occ.hidden_labels)}
        # Only labels that differ from the ones we keep make a real test.
        choices = [a for a in occ.alt_labels if normalise(a) not in keep]
        if not choices:
            reduced.append(occ)
            continue
        held = rng.choice(choices)
        key = normalise(held)
        remaining = tuple(a for a in occ.alt_labels if normalise(a) != key)
        reduced.append(replace(occ, alt_labels=remaining))
        queries.append(held)
        relevant.append(owners[key])
    # Other occupations keep the held-out string when it is also theirs; they count as relevant above.
    return (
        Taxonomy(tuple(reduced), taxonomy.talents, dict(taxonomy._broader), taxonomy.isco_groups, "held-out"),
        queries,
        relevant,
    )


def read_titles(
    path: Path = TITLES_TSV, taxonomy: Taxonomy | None = None
) -> tuple[list[str], list[set[str]]]:
    """The hand-made job titles and the URIs of their correct occupations."""
    taxonomy = taxonomy or load_taxonomy()
    by_label: dict[str, list] = {}
    for occ in taxonomy.occupations:
        by_label.setdefault(normalise(occ.label), []).append(occ)
    titles, relevant = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        title, targets = line.split("\t")
        uris = set()
        for target in targets.split(";"):
            label, _, isco = target.strip().partition("@")
            found = [o.uri for o in by_label.get(normalise(label), []) if not isco or o.isco == isco]
            if len(found) != 1:
                raise ValueError(f"{path}:{number}: {target.strip()!r} is not one ESCO occupation")
            uris.update(found)
        titles.append(title)
        relevant.append(uris)
    return titles, relevant


def _ours(search: OccupationSearch) -> Ranker:
    return lambda queries: [[h.uri for h in hits] for hits in search.search_many(list(queries), K)]


def evaluate(seed: int = 0) -> dict[str, dict[str, dict[str, float]]]:
    """Run both evaluations; returns {evaluation: {method: metrics}}."""
    taxonomy = load_taxonomy()
    reduced, queries, relevant = held_out_split(taxonomy, seed)
    titles, title_relevant = read_titles(taxonomy=taxonomy)
    results: dict[str, dict[str, dict[str, float]]] = {"held-out ESCO labels": {}, "job-board titles": {}}
    methods = {
        "werkstation search": lambda tx: _ours(OccupationSearch().fit(tx)),
        "werkstation, no hand-made list": lambda tx: _ours(OccupationSearch(use_synonyms=False).fit(tx)),
        "plain TF-IDF (words)": lambda tx: TfidfBaseline().fit(tx).rank,
        "TF-IDF (char 3-5 n-grams)": lambda tx: TfidfBaseline("char_wb", (3, 5)).fit(tx).rank,
    }
    for name, make in methods.items():
        ranker = make(reduced)
        results["held-out ESCO labels"][name] = metrics(ranker(queries), relevant)
        full = make(taxonomy)
        results["job-board titles"][name] = metrics(full(titles), title_relevant)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m matching.eval_occupations", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for choosing the held-out labels")
    parser.add_argument(
        "--errors", action="store_true", help="list the hand-made titles whose top hit is wrong"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = evaluate(args.seed)
    for evaluation, rows in results.items():
        n = next(iter(rows.values()))["n"]
        print(f"\n{evaluation} (n={n})")
        print(f"  {'method':34} {'MAP':>6} {'R@10':>6} {'MRR':>6} {'top1':>6}")
        for name, m in rows.items():
            print(f"  {name:34} {m['MAP']:6.3f} {m['recall@10']:6.3f} {m['MRR']:6.3f} {m['top1']:6.3f}")
    if args.errors:
        taxonomy = load_taxonomy()
        titles, relevant = read_titles(taxonomy=taxonomy)
        search = OccupationSearch().fit(taxonomy)
        print("\nhand-made titles whose top hit is not judged correct:")
        for title, rel, hits in zip(titles, relevant, search.search_many(titles, 3), strict=True):
            if not hits or hits[0].uri not in rel:
                wanted = ", ".join(sorted(taxonomy.occupation(u).label for u in rel))
                got = "; ".join(f"{h.label} {h.score:.2f}" for h in hits) or "-"
                print(f"  {title!r}: got {got} | want {wanted}")
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
