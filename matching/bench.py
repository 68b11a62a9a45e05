"""Benchmark: ``python -m matching.bench [--candidates 50000] [--vacancies 5000] [--seed 7]``.

Builds a seeded synthetic neighbourhood (real ESCO entry-level occupations, Kanaleneiland-area PC4 codes, Dutch
texts, realistic shares of unknown fields) and measures wall time and peak memory (ru_maxrss) of:

1. full ranking: top-50 candidates per vacancy with explanations (encoding both sides included);
2. one new vacancy against all candidates; 3. one new candidate against all vacancies;
4. the neighbourhood-wide plan, against greedy per-vacancy picks, and whether its worker processes really ran side
   by side (their CPU time summed, against the wall time);
5. a naive per-pair Python loop over a sample of pairs, extrapolated to all pairs, as a speed ratio;
6. the command line end to end (``rank --top 10``, JSON Lines in and out, a fresh process), against a fresh process
   that only reads the same input and writes the same output with the standard ``json`` module;
7. the occupation search command line on 2,500 titles (loading the sentence encoder included).

Every figure is given as wall and CPU time (this process and its children), with the load average, the
processor's name and a host reference (a fixed piece of numpy work like the selection's, timed first: runs on a
slower or busier host show it), and a ready-to-paste Markdown table closes the output.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Sequence

import numpy as np

from .records import Candidate, Vacancy

# ISCO unit groups of typical neighbourhood work, with a relative frequency.
ISCO_WEIGHTS = {
    "9112": 14, "9111": 6, "9412": 8, "5120": 5, "9411": 5, "5131": 5, "5246": 3, "5223": 10, "5230": 6,
    "9333": 8, "4321": 4, "8322": 4, "9621": 2, "5311": 5, "5322": 5, "5312": 2, "5141": 4, "5153": 2,
    "9313": 5, "7119": 2, "5414": 4, "9329": 6, "9214": 3, "7411": 2, "8332": 2,
}
# Kanaleneiland and its neighbours first, then the rest of Utrecht city.
HOME_PC4 = {"3526": 40, "3521": 6, "3522": 5, "3523": 5, "3524": 5, "3525": 6, "3527": 7, "3528": 6}
OTHER_PC4 = ["3511", "3512", "3513", "3514", "3515", "3531", "3532", "3533", "3534", "3541", "3542", "3543",
             "3544", "3551", "3552", "3553", "3554", "3555", "3561", "3562", "3563", "3564", "3565", "3581",
             "3582", "3583", "3584", "3585"]
TALENTS = [
    "schoonmaken", "met anderen omgaan", "in teams werken", "efficiënt werken", "druk aankunnen",
    "hygiënische werkpraktijken toepassen", "goede manieren tonen", "verbintenissen nakomen", "moeite doen",
    "zich aan verandering aanpassen", "omgaan met frustratie", "enthousiasme tonen", "klanten bijstaan",
    "voedsel bereiden", "goederen verplaatsen en opheffen", "voertuigen besturen", "zorg verlenen",
    "kinderen verzorgen", "instructies volgen", "werkgerelateerde berekeningen uitvoeren",
    "praktische taken uitvoeren met slimme apparaten", "culturele diversiteit ondersteunen", "anderen onderwijzen",
    "leiding geven aan anderen", "kwaliteitsnormen toepassen", "lichaamstaal gebruiken", "nieuwsgierigheid tonen",
]
ABOUT_PHRASES = [
    "Ik heb {n} jaar als {occ} gewerkt.", "Ik werk graag met mensen.", "Ik ben handig en werk netjes.",
    "Ik zoek werk in de buurt, liefst in de ochtend.", "Ik heb ervaring met {occ} en wil graag verder leren.",
    "Mijn kinderen gaan naar school, dus ik kan overdag.", "Ik kook graag en heb in een keuken gestaan.",
    "Ik heb in een magazijn gewerkt en kan tillen.", "Ik help graag klanten in een winkel.",
    "Ik heb gepoetst in kantoren en scholen.", "Ik spreek Arabisch en een beetje Nederlands.",
    "Ik wil graag werken met kinderen of ouderen.", "Ik heb een rijbewijs en rijd veilig.",
    "Schoonmaken, opruimen en de was doen vind ik fijn.", "Ik ben kapper geweest in mijn eigen land.",
    "Ik heb in de bouw gewerkt als opperman.", "Ik ben beveiliger geweest bij evenementen.",
]
DESCRIPTION_PHRASES = [
    "Wij zoeken een {occ} voor ons team in Kanaleneiland.", "Je werkt in de ochtend of de middag.",
    "Ervaring is mooi maar niet nodig: wij leiden je op.", "Je bent klantvriendelijk en werkt netjes.",
    "Je helpt in de keuken en houdt alles schoon.", "Je werkt in ons magazijn en pakt bestellingen in.",
    "Je maakt kantoren en trappenhuizen schoon.", "Je helpt klanten bij de kassa.",
    "Je verzorgt kinderen op de opvang.", "Je ondersteunt ouderen thuis.", "Je rijdt pakketten rond in Utrecht.",
    "Je bewaakt het pand en loopt rondes.", "Je werkt mee op de bouwplaats.", "Je knipt en verzorgt haar.",
]
HOURS = [(8, 16), (12, 24), (16, 24), (20, 32), (24, 36), (32, 40), (0, 12), (4, 12)]
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekly(rng: random.Random, kind: str) -> dict[str, frozenset[str]]:
    if kind == "school":
        return {d: frozenset({"morning"}) for d in DAYS[:5]}
    if kind == "days":
        return {d: frozenset({"morning", "afternoon"}) for d in DAYS[:5]}
    if kind == "evenings":
        return {d: frozenset({"evening"}) for d in rng.sample(DAYS, 4)}
    parts = ("morning", "afternoon", "evening", "night")
    return {d: frozenset(rng.sample(parts, rng.randint(1, 3))) for d in rng.sample(DAYS, rng.randint(2, 6))}


def _level(rng: random.Random) -> str:
    return rng.choices(("A1", "A2", "B1", "B2", "C1", "C2"), (8, 20, 30, 20, 12, 10))[0]


def synthetic(n_candidates: int, n_vacancies: int, seed: int = 7) -> tuple[list[Candidate], list[Vacancy]]:
    """A seeded synthetic neighbourhood over real ESCO occupations and Utrecht PC4 codes."""
    from .taxonomy import load_taxonomy

    tax = load_taxonomy()
    rng = random.Random(seed)
    by_isco: dict[str, list] = {}
    for occ in tax.occupations:
        if occ.isco in ISCO_WEIGHTS:
            by_isco.setdefault(occ.isco, []).append(occ)
    groups = sorted(by_isco)
    weights = [ISCO_WEIGHTS[g] for g in groups]

    def pick_occ():
        group = rng.choices(groups, weights)[0]
        occs = by_isco[group]
        return occs[min(int(rng.paretovariate(1.2)) - 1, len(occs) - 1)]

    home = list(HOME_PC4)
    home_w = list(HOME_PC4.values())

    def postcode():
        r = rng.random()
        if r < 0.08:
            return None
        pc4 = rng.choices(home, home_w)[0] if r < 0.8 else rng.choice(OTHER_PC4)
        return f"{pc4} {rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}"

    candidates = []
    for i in range(n_candidates):
        occs = [pick_occ() for _ in range(rng.choices((0, 1, 2, 3), (10, 50, 30, 10))[0])]
        refs = []
        for occ in occs:
            if rng.random() < 0.3:  # free text as typed at the counter
                refs.append(rng.choice(occ.labels))
            else:
                refs.append(occ.uri)
        about = ""
        if rng.random() < 0.65:
            label = occs[0].label if occs else "schoonmaker"
            about = " ".join(p.format(n=rng.randint(1, 12), occ=label)
                             for p in rng.sample(ABOUT_PHRASES, rng.randint(1, 3)))
        hours = rng.choice(HOURS) if rng.random() < 0.85 else (None, None)
        avail = None if rng.random() < 0.2 else _weekly(rng, rng.choice(("school", "days", "evenings", "mixed")))
        langs = {}
        if rng.random() < 0.9:
            langs["nl"] = _level(rng)
        if rng.random() < 0.3:
            langs[rng.choice(("en", "ar", "tr", "pl", "so", "ti"))] = _level(rng)
        mode = rng.choices(("bike", "walk", "public_transport", "car", None), (40, 20, 25, 10, 5))[0]
        candidates.append(Candidate(
            id=f"c{i:06d}", postcode=postcode(), occupations=tuple(refs),
            talents=tuple(rng.sample(TALENTS, rng.choices((0, 1, 2, 3, 4, 5), (15, 15, 25, 20, 15, 10))[0])),
            about=about, hours_min=hours[0], hours_max=hours[1], availability=avail, languages=langs,
            licences=frozenset(x for x, p in (("B", 0.3), ("AM", 0.1)) if rng.random() < p),
            certificates=frozenset(x for x, p in (("VCA", 0.1), ("HACCP", 0.1), ("BHV", 0.05),
                                                  ("HEFTRUCK", 0.05)) if rng.random() < p),
            max_travel_minutes=rng.choice((15, 20, 30, 30, 45, 60, None)), travel_mode=mode,
        ))

    vacancies = []
    for i in range(n_vacancies):
        occ = pick_occ()
        isco = occ.isco
        licences = frozenset({"B"}) if isco in ("8322", "8332") or rng.random() < 0.05 else frozenset()
        certs = set()
        if isco in ("9313", "7119", "7411") and rng.random() < 0.6:
            certs.add("VCA")
        if isco in ("5120", "9411", "9412", "5246") and rng.random() < 0.4:
            certs.add("HACCP")
        if isco in ("9333", "4321") and rng.random() < 0.3:
            certs.add("HEFTRUCK")
        hours = rng.choice(HOURS) if rng.random() < 0.9 else (None, None)
        vacancies.append(Vacancy(
            id=f"v{i:05d}", title=occ.label, occupation=occ.uri if rng.random() < 0.9 else None,
            description=" ".join(p.format(occ=occ.label) for p in rng.sample(DESCRIPTION_PHRASES, 3)),
            postcode=postcode(), seats=rng.choices((1, 2, 3, 5), (70, 18, 8, 4))[0],
            hours_min=hours[0], hours_max=hours[1],
            schedule=None if rng.random() < 0.3 else _weekly(rng, rng.choice(("school", "days", "evenings",
                                                                               "mixed"))),
            required_talents=tuple(rng.sample(TALENTS, rng.choices((0, 1, 2, 3), (30, 30, 25, 15))[0])),
            preferred_talents=tuple(rng.sample(TALENTS, rng.choices((0, 1, 2), (50, 30, 20))[0])),
            languages={"nl": rng.choice(("A2", "B1"))} if rng.random() < 0.5 else {},
            licences=licences, certificates=frozenset(certs),
        ))
    return candidates, vacancies


# --- a naive per-pair loop, for the speed ratio ---------------------------------------------------------------


def naive_score(index, ci: int, vi: int) -> float:
    """Score one pair with plain Python over per-record data (what a per-pair loop costs): each registered
    comparison's ``naive`` value, weighted."""
    C, V, w = index.C.parts, index.V.parts, index.weight_map
    return sum(w[comp.name] * comp.naive(C[comp.name], V[comp.name], ci, vi) for comp in index.features.comparisons_)


# --- measuring ---------------------------------------------------------------------------------------------------


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _worker_rss_mib() -> float:
    """Peak RSS of the largest finished worker process (pages shared with the parent are counted again)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def _timed(fn, repeat: int = 1):
    """(result, median wall seconds); the CPU seconds of the last run (this process + waited-for workers) are in
    ``_timed.cpu``."""
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        cpu = _cpu()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        _timed.cpu = _cpu() - cpu
    return result, statistics.median(times)


def cpu_model() -> str:
    """The processor's name as the kernel reports it (``/proc/cpuinfo``), or ``platform.processor()``."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or "unknown processor"


def host_reference(passes: int = 40) -> float:
    """Seconds for a fixed piece of work like the selection's (adding 32 MB float32 rows into a block and
    comparing it against a threshold, ``passes`` times, one process): the same code on a slower or busier host
    takes longer here too, so figures from different days can be compared through it."""
    block = np.zeros(8_000_000, dtype=np.float32)
    row = np.linspace(0.0, 1.0, block.size, dtype=np.float32)
    start = time.perf_counter()
    for _ in range(passes):
        block += row
        np.count_nonzero(block > 0.5)
    return time.perf_counter() - start


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run(n_candidates: int, n_vacancies: int, seed: int, top_k: int, naive_sample: int, out=sys.stdout,
        command_lines: bool = True) -> dict:
    """Run every measurement; print a table and return the figures."""
    from .allocation import allocate
    from .parallel import last_run
    from .scorer import Matcher

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    t0 = time.perf_counter()
    candidates, vacancies = synthetic(n_candidates + 1, n_vacancies + 1, seed)
    new_candidate, candidates = candidates[-1], candidates[:-1]
    new_vacancy, vacancies = vacancies[-1], vacancies[:-1]
    from .occupations import default_search
    from .taxonomy import load_taxonomy

    load_taxonomy()
    default_search()
    load_before = os.getloadavg()[0]
    reference, processor = host_reference(), cpu_model()
    say(f"machine: {os.cpu_count()} CPUs ({processor}), load average before the run {load_before:.1f}; host "
        f"reference (fixed numpy work like the selection's, one process): {reference:.2f} s")
    say(f"synthetic data: {n_candidates:,} candidates x {n_vacancies:,} vacancies "
        f"({n_candidates * n_vacancies:,} pairs), seed {seed}, built in {time.perf_counter() - t0:.1f} s; "
        f"RSS {_rss_mib():.0f} MiB")
    figures: dict = {"load_before": load_before, "host_reference_s": reference, "cpu_model": processor}
    matcher = Matcher()

    index, t_encode = _timed(lambda: matcher.index(candidates, vacancies))
    cpu_encode = _timed.cpu
    rankings, t_rank = _timed(lambda: index.top_candidates(top_k))
    cpu_rank = _timed.cpu
    n_matches = sum(len(r.matches) for r in rankings)
    n_contrib = sum(len(m.explanation) for r in rankings for m in r.matches)
    figures["encode_s"] = t_encode
    figures["rank_s"] = t_rank
    figures["full_ranking_s"] = t_encode + t_rank
    figures["full_ranking_rss_mib"] = _rss_mib()
    figures["full_ranking_cpu_s"] = cpu_encode + cpu_rank
    say(f"full ranking top-{top_k} with explanations: {t_encode + t_rank:.2f} s wall, "
        f"{cpu_encode + cpu_rank:.2f} s CPU (encode both sides {t_encode:.2f} s + rank {t_rank:.2f} s); "
        f"{n_matches:,} matches, {n_contrib:,} contributions; peak RSS {figures['full_ranking_rss_mib']:.0f} MiB "
        f"(largest worker {_worker_rss_mib():.0f} MiB, mostly pages shared with the parent)")
    del rankings
    gc.collect()

    _, t_vac = _timed(lambda: index.rank_vacancy(new_vacancy, top_k), repeat=5)
    figures["one_vacancy_ms"] = t_vac * 1000
    say(f"one new vacancy vs {n_candidates:,} candidates (top-{top_k}, explained): {t_vac * 1000:.1f} ms wall "
        f"(median of 5), {_timed.cpu * 1000:.1f} ms CPU")
    _, t_cand = _timed(lambda: index.rank_candidate(new_candidate, top_k), repeat=5)
    figures["one_candidate_ms"] = t_cand * 1000
    say(f"one new candidate vs {n_vacancies:,} vacancies (top-{top_k}, explained): {t_cand * 1000:.1f} ms wall "
        f"(median of 5), {_timed.cpu * 1000:.1f} ms CPU")

    plan, t_plan = _timed(lambda: allocate(candidates, vacancies, index=index, top_k=top_k))
    cpu_plan = _timed.cpu
    fresh = matcher.index(candidates, vacancies)
    _, t_plan_fresh = _timed(lambda: allocate(candidates, vacancies, index=fresh, top_k=top_k))
    cpu_plan_fresh = _timed.cpu
    par = last_run()
    figures.update(plan_from_scratch_cpu_s=cpu_plan_fresh, plan_workers=par["workers"],
                   plan_worker_cpu_s=par["worker_cpu_s"], plan_select_wall_s=par["wall_s"],
                   plan_parallelism=par["parallelism"], plan_overlap_s=par["overlap_s"])
    fresh = None  # free its memory
    figures.update(plan_s=t_plan, plan_from_scratch_s=t_plan_fresh, plan_placed=plan.placed,
                   greedy_placed=plan.greedy.placed, greedy_proposed_to_several=plan.greedy.proposed_to_several,
                   plan_total_score=plan.total_score, greedy_total_score=plan.greedy.total_score,
                   seats=int(sum(v.seats for v in vacancies)), plan_rss_mib=_rss_mib())
    say(f"plan over each vacancy's top-{top_k} eligible: {t_plan:.2f} s wall ({cpu_plan:.2f} s CPU) after the "
        f"ranking above; {t_plan_fresh:.2f} s wall ({cpu_plan_fresh:.2f} s CPU) when it must select the "
        f"candidates itself (encoding excluded); places "
        f"{plan.placed:,} people in {figures['seats']:,} seats (greedy per-vacancy picks: {plan.greedy.placed:,}, "
        f"so +{plan.extra_placed:,}; greedy proposes {plan.greedy.proposed_to_several:,} people to more than one "
        f"vacancy); total score {plan.total_score:.1f} vs greedy {plan.greedy.total_score:.1f}; "
        f"peak RSS {figures['plan_rss_mib']:.0f} MiB")
    say(_parallel_sentence(par))

    rng = np.random.default_rng(seed)
    ci = rng.integers(0, n_candidates, naive_sample)
    vi = rng.integers(0, n_vacancies, naive_sample)
    start = time.perf_counter()
    for a, b in zip(ci.tolist(), vi.tolist(), strict=True):
        naive_score(index, a, b)
    per_pair = (time.perf_counter() - start) / naive_sample
    naive_total = per_pair * n_candidates * n_vacancies
    figures.update(naive_pair_us=per_pair * 1e6, naive_extrapolated_s=naive_total,
                   speedup=naive_total / (t_encode + t_rank))
    say(f"naive per-pair Python loop: {per_pair * 1e6:.1f} us per pair on {naive_sample:,} pairs -> "
        f"{naive_total:,.0f} s for all pairs (scores only, no top-k, no explanations); "
        f"vectorised full ranking is {figures['speedup']:,.0f}x faster")
    if command_lines:
        _command_lines(candidates, vacancies, figures, say)
    figures["load_after"] = os.getloadavg()[0]
    say("")
    say(markdown_table(figures, n_candidates, n_vacancies, top_k))
    return figures


def _parallel_sentence(par: dict) -> str:
    if not par.get("workers"):
        return "plan selection ran in this process (too few pairs to fork workers)"
    verdict = ("ran in parallel" if par["parallelism"] >= 1.5 else
               "did NOT run in parallel (they took turns on the CPUs)" if par["parallelism"] < 1.15 else
               "ran partly in parallel")
    return (f"plan selection workers: {par['workers']} forked, {par['worker_cpu_s']:.2f} s CPU summed over them in "
            f"{par['wall_s']:.2f} s wall -> parallelism {par['parallelism']:.2f} (CPU / wall; {par['workers']} = "
            f"fully parallel), {par['overlap_s']:.2f} s with two or more running at once: they {verdict}")


def _command_lines(candidates, vacancies, figures: dict, say) -> None:
    from .bench_cli import cli_end_to_end
    from .eval_occupations import speed

    cli = cli_end_to_end(candidates, vacancies, top=10)
    figures.update(cli)
    say(f"command line `rank --top 10`, JSON Lines in and out ({cli['json_mib']:.0f} MiB of JSON), fresh process: "
        f"{cli['cli_wall_s']:.2f} s wall, {cli['cli_cpu_s']:.2f} s CPU; reading and writing the same JSON with "
        f"nothing else done: {cli['json_wall_s']:.2f} s wall, {cli['json_cpu_s']:.2f} s CPU; ratio "
        f"{cli['cli_json_ratio_wall']:.1f}x wall, {cli['cli_json_ratio_cpu']:.1f}x CPU")
    wall, cpu = speed(2500, cold=False)
    figures.update(occupations_wall_s=wall, occupations_cpu_s=cpu)
    say(f"command line `occupations --top 10`, 2,500 titles on standard input (fresh process, sentence encoder "
        f"loaded, index cache warm): {wall:.2f} s wall, {cpu:.2f} s CPU")


def markdown_table(f: dict, n_candidates: int, n_vacancies: int, top_k: int) -> str:
    """The figures as a Markdown table for the README."""
    rows = [
        (f"full ranking, top-{top_k} with explanations (encode + rank)", f["full_ranking_s"],
         f["full_ranking_cpu_s"], "<= 10 s"),
        (f"plan from scratch (selects each vacancy's top-{top_k} eligible itself; encoding excluded)",
         f["plan_from_scratch_s"], f.get("plan_from_scratch_cpu_s"), "<= 1.5 s"),
        ("plan after the ranking (matching only)", f["plan_s"], None, ""),
    ]
    lines = [f"machine: {os.cpu_count()} CPUs ({f['cpu_model']}), host reference {f['host_reference_s']:.2f} s; "
             f"load average {f['load_before']:.1f} before, {f['load_after']:.1f} after the run; "
             f"{n_candidates:,} candidates x {n_vacancies:,} vacancies", "",
             "| measurement | wall | CPU | target |", "| --- | --- | --- | --- |"]
    for name, wall, cpu, target in rows:
        lines.append(f"| {name} | {wall:.2f} s | {'' if cpu is None else f'{cpu:.2f} s'} | {target} |")
    if f.get("plan_workers"):
        lines.append(f"| plan selection workers: CPU summed over {f['plan_workers']} workers / wall = parallelism "
                     f"({f['plan_workers']} = fully parallel) | {f['plan_select_wall_s']:.2f} s | "
                     f"{f['plan_worker_cpu_s']:.2f} s | parallelism {f['plan_parallelism']:.2f} |")
    lines.append(f"| one new vacancy / one new candidate (top-{top_k}, explained) | {f['one_vacancy_ms']:.1f} ms / "
                 f"{f['one_candidate_ms']:.1f} ms | | <= 100 ms |")
    if "cli_wall_s" in f:
        lines += [
            f"| command line `rank --top 10`, JSON in and out ({f['json_mib']:.0f} MiB) | {f['cli_wall_s']:.2f} s "
            f"| {f['cli_cpu_s']:.2f} s | <= 8 s |",
            f"| baseline: read and write the same JSON, nothing else | {f['json_wall_s']:.2f} s | "
            f"{f['json_cpu_s']:.2f} s | |",
            f"| ratio command line / JSON only | {f['cli_json_ratio_wall']:.1f}x | {f['cli_json_ratio_cpu']:.1f}x | |",
            f"| command line `occupations`, 2,500 titles (encoder loaded) | {f['occupations_wall_s']:.2f} s | "
            f"{f['occupations_cpu_s']:.2f} s | <= 10 s |",
        ]
    lines.append(f"| naive per-pair loop extrapolated; speed-up of the full ranking | {f['naive_extrapolated_s']:,.0f} s; "
                 f"{f['speedup']:,.0f}x | | >= 200x |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m matching.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=50_000)
    parser.add_argument("--vacancies", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--naive-sample", type=int, default=20_000)
    parser.add_argument("--no-command-line", action="store_true", help="skip the command-line timings")
    args = parser.parse_args(argv)
    run(args.candidates, args.vacancies, args.seed, args.top, args.naive_sample,
        command_lines=not args.no_command_line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
