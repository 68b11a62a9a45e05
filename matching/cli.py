"""``python -m matching``: occupations, rank and allocate, exactly as matching/CLI.md says.

Everything is loaded and computed before anything is printed: a failed run writes nothing to standard output,
one line to standard error naming the file, line and field at fault, and exits with status 2.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import sys
from collections.abc import Sequence

from .parallel import without_cyclic_gc

__all__ = ["main"]

EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad command-line usage or input: one line on standard error, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear line instead of usage + message
        raise UsageError(f"{self.prog}: {message}")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {value}")
    return value


def _parser() -> _Parser:
    parser = _Parser(prog="python -m matching", description="Werkstation matching engine.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    occ = sub.add_parser("occupations", help="ESCO occupations for free-text Dutch job titles")
    occ.add_argument("--top", type=_positive_int, default=10, metavar="K", help="results per query (default 10)")
    occ.add_argument("queries", nargs="*", metavar="QUERY", help="job titles; none = one per line on stdin")

    for name, help_text in (("rank", "best candidates per vacancy, with explanations"),
                            ("allocate", "one neighbourhood-wide placement plan")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--candidates", required=True, metavar="C.jsonl", help="candidates, JSON Lines")
        p.add_argument("--vacancies", required=True, metavar="V.jsonl", help="vacancies, JSON Lines")
        p.add_argument("--weights", metavar="MODEL.json", help="weights saved with Matcher.get_weights()")
        p.add_argument("--resident-pc4", metavar="PC4,PC4", help="neighbourhood PC4 codes (default 3526)")
        if name == "rank":
            p.add_argument("--top", type=_positive_int, default=10, metavar="K",
                           help="candidates per vacancy (default 10)")
            p.add_argument("--codes", action="store_true",
                           help="also print code/params per contribution and the reasons when ineligible")
        else:
            p.add_argument("--top", type=_positive_int, default=None, metavar="K",
                           help="best eligible candidates per vacancy considered by the plan (default 50)")
            p.add_argument("--greedy", action="store_true",
                           help="also report what greedy per-vacancy picks would do")
    return parser


def _matcher(args):
    from .scorer import Matcher

    resident = None
    if args.resident_pc4:
        resident = tuple(x.strip() for x in args.resident_pc4.split(",") if x.strip())
    if not args.weights:
        return Matcher(resident_pc4=resident)
    try:
        with open(args.weights, encoding="utf-8") as handle:
            data = json.load(handle)
        return Matcher.from_weights(data, resident_pc4=resident or data.get("resident_pc4"))
    except OSError as exc:
        raise UsageError(f"{args.weights}: cannot read file: {exc.strerror}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{args.weights}: not a weights file: {exc}") from None


def _load(args):
    """Both record files, frozen out of the cyclic garbage collector's passes (``gc.freeze``): they live until
    the end of the command."""
    from .records import load_candidates, load_vacancies

    records = load_candidates(args.candidates), load_vacancies(args.vacancies)
    gc.freeze()
    return records


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def _occupations(args, stdin) -> list[str]:
    from .occupations import occupation_hits_as_dicts

    if args.queries:
        queries = list(args.queries)
        for number, query in enumerate(queries, start=1):
            try:
                query.encode("utf-8")
            except UnicodeEncodeError:  # undecodable bytes in an argument arrive as lone surrogates
                raise UsageError(f"QUERY {number}: not valid UTF-8") from None
    else:
        queries = []
        source = getattr(stdin, "buffer", stdin)
        for number, line in enumerate(source, start=1):
            if isinstance(line, bytes):
                try:
                    line = line.decode("utf-8")
                except UnicodeDecodeError:
                    raise UsageError(f"<stdin>:{number}: not valid UTF-8") from None
            queries.append(line.lstrip("\ufeff") if number == 1 else line)
    queries = [q.strip() for q in queries]
    return [_dumps(obj) for obj in occupation_hits_as_dicts(queries, args.top)]


def _rank(args) -> list[str]:
    candidates, vacancies = _load(args)
    matcher = _matcher(args)
    rankings = matcher.index(candidates, vacancies).top_candidates(args.top)
    write = _RankWriter(args.codes)
    return [write.line(ranking) for ranking in rankings]


class _RankWriter:
    """The ``rank`` output lines, byte for byte what ``_dumps`` of the whole object gives: the ranking shares one
    Contribution object among all pairs with the same explanation line, so each is written once and its text
    reused (joined with the same separators ``json`` uses)."""

    def __init__(self, codes: bool):
        self.codes = codes
        self._done: dict[int, tuple[object, str]] = {}
        self._string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes a str with

    def _contribution(self, c) -> str:
        got = self._done.get(id(c))
        if got is None or got[0] is not c:
            item = {"feature": c.feature, "contribution": c.contribution, "detail": c.detail}
            if self.codes:
                item.update(code=c.code, params=c.params)
            got = (c, _dumps(item))
            self._done[id(c)] = got
        return got[1]

    def _text(self, x) -> str:
        return self._string(x) if type(x) is str else _dumps(x)

    def _number(self, x) -> str:
        return float.__repr__(x) if type(x) is float and math.isfinite(x) else _dumps(x)

    def _match(self, m) -> str:
        eligible = "true" if m.eligible is True else "false" if m.eligible is False else _dumps(m.eligible)
        reasons = f', "reasons": {_dumps(list(m.reasons))}' if self.codes else ""
        explanation = ", ".join(self._contribution(c) for c in m.explanation)
        return (f'{{"id": {self._text(m.candidate_id)}, "score": {self._number(m.score)}, "eligible": {eligible}'
                f'{reasons}, "explanation": [{explanation}]}}')

    def line(self, ranking) -> str:
        items = ", ".join(self._match(m) for m in ranking.matches)
        return f'{{"vacancy": {self._text(ranking.vacancy_id)}, "candidates": [{items}]}}'


def _allocate(args) -> list[str]:
    from .allocation import DEFAULT_PLAN_TOP_K, allocate

    candidates, vacancies = _load(args)
    matcher = _matcher(args)
    top = DEFAULT_PLAN_TOP_K if args.top is None else args.top
    plan = allocate(candidates, vacancies, matcher=matcher, top_k=top)
    out = plan.to_dict()
    if args.greedy:
        g = plan.greedy
        out["greedy"] = {"placed": g.placed, "proposals": g.proposals, "proposed_to_several": g.proposed_to_several,
                         "total_score": g.total_score, "extra_placed_by_plan": plan.extra_placed}
    return [_dumps(out)]


def main(argv: Sequence[str] | None = None, stdin=None, stdout=None, stderr=None) -> int:
    """Run the command line; returns the exit status."""
    from .records import RecordError

    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    try:
        args = _parser().parse_args(argv)
        if args.command == "occupations":
            lines = _occupations(args, stdin)
        else:
            with without_cyclic_gc():  # the command ends after one run
                lines = _rank(args) if args.command == "rank" else _allocate(args)
    except (RecordError, UsageError) as exc:
        stderr.write(f"error: {exc}\n".replace("\n", " ").rstrip() + "\n")
        return EXIT_BAD_INPUT
    text = "".join(line + "\n" for line in lines)
    buffer = getattr(stdout, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stdout.write(text)
        stdout.flush()
    return 0
