"""Evaluate occupation search: ``python -m matching.eval_occupations``.

Every set is scored with our search and with plain TF-IDF baselines fitted on the same labels, in the same run.
Development sets (weights, rules and synonyms were chosen while looking at them):

- held-out ESCO labels: for every occupation with alternative labels, one alternative label (fixed seed) is removed
  from the index and used as the query; relevant: every occupation that carries that label. Many of them are
  gendered or plural forms of labels that stay in the index (the share is printed), so this set mostly measures
  spelling variants, not real titles.
- ``evaluation/job_titles_nl.tsv``: 135 job-board titles written together with the hand-made synonym list.
- ``evaluation/job_titles_dev_nl.tsv``: titles written while tuning, for the failure causes found on real titles
  (teacher levels, branch and product words, specialty nurses, English words, shortened word pairs).

Test set (blind; no rule, synonym or weight may be written from it):

- ``evaluation/job_titles_test_nl.tsv``: 171 job-board titles of the kinds of work posted in a Dutch city district
  and on general vacancy sites, written and annotated (one ESCO occupation each) by the developer and frozen before
  the search was run on them.

Reported: MAP (average precision over the top 10), recall@10 and MRR.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from .dutch import normalise
from .occupations import OccupationSearch, occupation_key
from .taxonomy import Taxonomy, load_taxonomy

EVALUATION_DIR = Path(__file__).with_name("evaluation")
TITLES_TSV = EVALUATION_DIR / "job_titles_nl.tsv"
DEV_TITLES_TSV = EVALUATION_DIR / "job_titles_dev_nl.tsv"
TEST_TITLES_TSV = EVALUATION_DIR / "job_titles_test_nl.tsv"
TITLE_SETS = {  # name: (file, development or test)
    "job-board titles, hand-made with the synonym list": (TITLES_TSV, "development"),
    "job-board titles, written while tuning": (DEV_TITLES_TSV, "development"),
    "job-board titles, blind, frozen before the first run": (TEST_TITLES_TSV, "test"),
}
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


METHODS: dict[str, Callable[[Taxonomy], Ranker]] = {
    "werkstation search": lambda tx: _ours(OccupationSearch().fit(tx)),
    "werkstation, words only (no sentence embeddings)": lambda tx: _ours(
        OccupationSearch(semantic=False).fit(tx)
    ),
    "TF-IDF, character 3-5-grams (baseline)": lambda tx: TfidfBaseline("char_wb", (3, 5)).fit(tx).rank,
    "TF-IDF, words": lambda tx: TfidfBaseline().fit(tx).rank,
}


def variant_share(taxonomy: Taxonomy, reduced: Taxonomy, queries: Sequence[str]) -> float:
    """Share of held-out labels whose word keys equal those of a label that stays in the index (gendered or
    plural forms such as "kapster" held out while "kapper" stays)."""
    kept = {
        " ".join(sorted(occupation_key(w) for w in normalise(label).split()))
        for occ in reduced.occupations
        for label in (occ.label, *occ.alt_labels, *occ.hidden_labels)
    }
    keys = [" ".join(sorted(occupation_key(w) for w in normalise(q).split())) for q in queries]
    return sum(k in kept for k in keys) / max(len(keys), 1)


def evaluate(seed: int = 0) -> tuple[list[tuple[str, str, str, int, dict[str, float]]], float]:
    """Every set with every method: rows (set, development/test, method, n, metrics) and the held-out labels'
    share of gendered/plural variants."""
    taxonomy = load_taxonomy()
    reduced, queries, relevant = held_out_split(taxonomy, seed)
    sets = {"held-out ESCO alternative labels": (reduced, queries, relevant, "development")}
    for name, (path, kind) in TITLE_SETS.items():
        titles, title_relevant = read_titles(path, taxonomy)
        sets[name] = (taxonomy, titles, title_relevant, kind)
    rows = []
    for method, make in METHODS.items():
        rankers: dict[int, Ranker] = {}
        for name, (tx, qs, rel, kind) in sets.items():
            ranker = rankers.setdefault(id(tx), make(tx))
            rows.append((name, kind, method, len(qs), metrics(ranker(qs), rel)))
    return rows, variant_share(taxonomy, reduced, queries)


def print_table(rows, share: float, out=None) -> None:
    """The evaluation as a Markdown table (development sets first, then the test set)."""
    print("| set | kind | n | method | MAP | recall@10 | MRR |", file=out)
    print("| --- | --- | --- | --- | --- | --- | --- |", file=out)
    for name, kind, method, n, m in sorted(rows, key=lambda r: (r[1] == "test", r[0])):
        print(
            f"| {name} | {kind} | {n} | {method} | {m['MAP']:.3f} | {m['recall@10']:.3f} | {m['MRR']:.3f} |",
            file=out,
        )
    print(
        f"\nheld-out ESCO labels that are gendered or plural forms of a label kept in the index: {share:.1%}",
        file=out,
    )


def print_errors(path: Path, limit: int = 60) -> None:
    """Titles of one set whose top hit is not judged correct, with what came first instead."""
    taxonomy = load_taxonomy()
    titles, relevant = read_titles(path, taxonomy)
    search = OccupationSearch().fit(taxonomy)
    print(f"\n{path.name}: titles whose top hit is not judged correct")
    wrong = [
        (title, rel, hits)
        for title, rel, hits in zip(titles, relevant, search.search_many(titles, 3), strict=True)
        if not hits or hits[0].uri not in rel
    ]
    for title, rel, hits in wrong[:limit]:
        wanted = ", ".join(sorted(taxonomy.occupation(u).label for u in rel))
        got = "; ".join(f"{h.label} {h.score:.2f}" for h in hits) or "-"
        print(f"  {title!r}: got {got} | want {wanted}")


def speed(n_titles: int, cold: bool) -> tuple[float, float]:
    """(wall, CPU) seconds of ``python -m matching occupations`` on ``n_titles`` distinct titles from standard
    input, in a fresh process (imports, reading or building the index and loading the sentence encoder included);
    ``cold`` starts from an empty cache directory, so the index is built first."""
    taxonomy = load_taxonomy()
    titles = [t for path, _ in TITLE_SETS.values() for t in read_titles(path, taxonomy)[0]]
    titles += [label for occ in taxonomy.occupations for label in occ.alt_labels]
    titles = list(dict.fromkeys(titles))[:n_titles]
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as cache:
        if cold:
            env["WERKSTATION_CACHE_DIR"] = cache
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "matching", "occupations", "--top", "10"],
            input="\n".join(titles) + "\n",
            text=True,
            capture_output=True,
            check=True,
            env=env,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m matching.eval_occupations", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for choosing the held-out labels")
    parser.add_argument("--errors", type=Path, help="list the titles of this .tsv whose top hit is wrong")
    parser.add_argument("--speed", type=int, metavar="N", help="time the command line on N titles instead")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.speed:
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        for cold in (False, True):
            state = "empty cache (index built first)" if cold else "warm cache"
            wall, cpu = speed(args.speed, cold)
            print(
                f"python -m matching occupations, {args.speed} titles, {state}: {wall:.1f} s wall, {cpu:.1f} s CPU"
            )
        return 0
    if args.errors:
        print_errors(args.errors)
        return 0
    rows, share = evaluate(args.seed)
    print_table(rows, share)
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
