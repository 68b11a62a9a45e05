"""Evaluate job words in the residents' languages: ``python -m matching.eval_resident_words``.

Set: ``evaluation/job_titles_dev_tr_ar.tsv``, a DEVELOPMENT set (written together with the hand-made list
``data/occupation_words_tr_ar.tsv``; not independent of it). Methods, fitted and scored in the same run: the search
with the list, the same search without it (as it was before the list), and plain character 3-5-gram TF-IDF.

Reported: MAP, recall@10, MRR, and "accepted": the share of titles whose best hit is the correct occupation with a
score of at least 0.5, which is what the intake's "other work" box needs to take the word.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from .eval_occupations import K, TfidfBaseline, metrics, read_titles
from .occupations import OccupationSearch
from .taxonomy import load_taxonomy

RESIDENT_TITLES_TSV = Path(__file__).resolve().parent / "evaluation" / "job_titles_dev_tr_ar.tsv"
ACCEPT_SCORE = 0.5  # the web app's resolve_occupation threshold


def evaluate(path: Path = RESIDENT_TITLES_TSV) -> list[tuple[str, int, dict[str, float]]]:
    """(method, n, metrics) for every method on the set."""
    taxonomy = load_taxonomy()
    titles, relevant = read_titles(path, taxonomy)
    search = OccupationSearch().fit(taxonomy)
    rows = []
    for method, use_list in (("werkstation search with the Turkish/Arabic list", True),
                             ("werkstation search without the list (before)", False)):
        search.resident_words = use_list
        hits = search.search_many(titles, K)
        found = metrics([[h.uri for h in hs] for hs in hits], relevant)
        found["accepted"] = sum(
            bool(hs) and hs[0].uri in rel and hs[0].score >= ACCEPT_SCORE for hs, rel in zip(hits, relevant, strict=True)
        ) / len(titles)
        rows.append((method, len(titles), found))
    baseline = TfidfBaseline("char_wb", (3, 5)).fit(taxonomy).rank(titles)
    rows.append(("TF-IDF, character 3-5-grams (baseline)", len(titles), metrics(baseline, relevant)))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matching.eval_resident_words", description=__doc__)
    parser.add_argument("--titles", type=Path, default=RESIDENT_TITLES_TSV, help="title<TAB>label file")
    args = parser.parse_args(argv)
    print("| method | n | MAP | recall@10 | MRR | accepted by the intake |")
    print("| --- | --- | --- | --- | --- | --- |")
    for method, n, m in evaluate(args.titles):
        accepted = f"{m['accepted']:.3f}" if "accepted" in m else "-"
        print(f"| {method} | {n} | {m['MAP']:.3f} | {m['recall@10']:.3f} | {m['MRR']:.3f} | {accepted} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
