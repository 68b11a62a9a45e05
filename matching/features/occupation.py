"""Occupation fit, graded by the ESCO and ISCO hierarchies; free-text occupations resolved by the search."""

from __future__ import annotations

from typing import Any

import numpy as np

from .base import N_, Comparison, PairValues, VacancyProfiles

__all__ = ["KIND_FACTORS", "OCCUPATION_GRADES", "OCCUPATION_KINDS", "RESOLVE_MIN_SCORE", "OccupationFit"]

#: Occupation fit grades: same occupation, related (ESCO broader/narrower/sibling), same ISCO unit group (4
#: digits), same ISCO minor group (3 digits).
OCCUPATION_GRADES = {"same": 1.0, "related": 0.75, "unit_group": 0.5, "minor_group": 0.25, "none": 0.0}
#: Free-text occupations resolve to the best ESCO search hit only from this score up.
RESOLVE_MIN_SCORE = 0.5
#: Kinds of a candidate's occupation, in order of preference, and the share of the grade each keeps: work done and
#: the record field (work done or wanted, not said which) count fully; work only wanted counts for less.
OCCUPATION_KINDS = ("done", "either", "wanted", "described")
KIND_FACTORS = np.array([1.0, 1.0, 0.6, 0.6], dtype=np.float32)

_OCCUPATION_CACHE: dict[int, tuple[Any, tuple]] = {}


class OccupationFit(Comparison):
    """Occupation fit, graded: same ESCO occupation, related via broader/narrower (or a shared broader
    occupation), same ISCO unit group, same ISCO minor group. A candidate's best occupation counts.

    Free-text occupations are resolved with ``occupations.resolve_occupation`` once per distinct text.
    """

    name = "occupation"
    label = N_("Beroep en ervaring")
    default_weight = 0.30
    missing = frozenset({"none", "unknown", "unit_group", "minor_group"})

    def fit(self, candidates, vacancies, context):
        tax = context["taxonomy"]()
        self._tax = tax
        got = _OCCUPATION_CACHE.get(id(tax))
        if got is None or got[0] is not tax:
            got = (tax, self._relations(tax))
            _OCCUPATION_CACHE[id(tax)] = got
        self.n_occ_, self.unit_, self.minor_, self.related_keys_ = got[1]
        self._grade_rows: dict[int, np.ndarray] = {}
        self._resolved: dict[str, int | None] = context.setdefault("resolved_occupations", {})
        return self

    @staticmethod
    def _relations(tax):
        """ISCO unit/minor group codes and related-occupation pairs (computed once per taxonomy)."""
        occs = tax.occupations
        n = len(occs)
        isco = [o.isco or "" for o in occs]
        unit_codes = {c: i for i, c in enumerate(sorted({c for c in isco if c}))}
        minor_codes = {c: i for i, c in enumerate(sorted({c[:3] for c in isco if c}))}
        # Index n is a sentinel "no occupation" that matches nothing; occupations without an ISCO code get a
        # private negative code so they never share a group.
        own = -np.arange(10, n + 11, dtype=np.int64)
        unit = np.array([unit_codes[c] if c else -1 for c in isco] + [-1], dtype=np.int64)
        minor = np.array([minor_codes[c[:3]] if c else -1 for c in isco] + [-1], dtype=np.int64)
        unit = np.where(unit < 0, own, unit)
        minor = np.where(minor < 0, own, minor)
        pairs = set()
        for i, o in enumerate(occs):
            parents = [p for p in (tax.index_of(u) for u in tax.broader(o.uri)) if p is not None]
            related = set(parents)
            related.update(j for j in (tax.index_of(u) for u in tax.narrower(o.uri)) if j is not None)
            for p in parents:
                related.update(j for j in (tax.index_of(u) for u in tax.narrower(occs[p].uri)) if j is not None)
            related.discard(i)
            for j in related:
                pairs.add(i * (n + 1) + j)
                pairs.add(j * (n + 1) + i)
        return n, unit, minor, np.array(sorted(pairs), dtype=np.int64)

    def resolve_many(self, refs, tax) -> None:
        """Resolve distinct free-text references in one batch (the occupation search is vectorised)."""
        todo = sorted({r.strip() for r in refs if r and r.strip() and r not in self._resolved})
        todo = [r for r in todo if tax.index_of(r) is None and not r.startswith("http")]
        if not todo:
            return
        from ..taxonomy import load_taxonomy

        if tax is load_taxonomy():
            from ..occupations import default_search

            hits = default_search().search_many(todo, top_k=1)
            for ref, found in zip(todo, hits, strict=True):
                ok = found and found[0].score >= RESOLVE_MIN_SCORE
                self._resolved[ref] = tax.index_of(found[0].uri) if ok else None

    def _resolve(self, ref: str | None, tax) -> int:
        if not ref or not ref.strip():
            return -1
        ref = ref.strip()
        if ref not in self._resolved:
            from ..occupations import resolve_occupation

            uri = resolve_occupation(tax, ref, min_score=RESOLVE_MIN_SCORE)
            self._resolved[ref] = None if uri is None else tax.index_of(uri)
        j = self._resolved[ref]
        return -1 if j is None else j

    def encode_candidates(self, candidates, context):
        tax = context["taxonomy"]()
        self.resolve_many((ref for c in candidates for _, refs in c.occupations_by_kind() for ref in refs), tax)
        indptr, indices, kinds = [0], [], []
        for c in candidates:
            found: dict[int, int] = {}  # occupation -> most telling kind (done before either before wanted)
            for code, (_, refs) in enumerate(c.occupations_by_kind()):
                for j in (self._resolve(ref, tax) for ref in refs):
                    if j >= 0 and j not in found:
                        found[j] = code
            pairs = sorted(found.items()) or [(self.n_occ_, 0)]  # sentinel keeps every segment non-empty
            indices.extend(j for j, _ in pairs)
            kinds.extend(k for _, k in pairs)
            indptr.append(len(indices))
        kinds_arr = np.array(kinds, dtype=np.int64)
        return {"indptr": np.array(indptr, dtype=np.int64), "indices": np.array(indices, dtype=np.int64),
                "kinds": kinds_arr, "factors": KIND_FACTORS[kinds_arr],
                "has_any": np.array([any(refs for _, refs in c.occupations_by_kind()) for c in candidates],
                                    dtype=bool)}

    def encode_vacancies(self, vacancies, context):
        tax = context["taxonomy"]()
        self.resolve_many((v.occupation or v.title for v in vacancies), tax)
        occ = np.array([self._resolve(v.occupation, tax) if v.occupation else self._resolve(v.title, tax)
                        for v in vacancies], dtype=np.int64)
        return {"occ": occ}

    def _grade(self, cand_occ: np.ndarray, vac_occ: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Grade and level (0 same, 1 related, 2 unit group, 3 minor group, 4 none) per (candidate occupation,
        vacancy occupation); -1 or the sentinel means none."""
        n = self.n_occ_
        vo = np.where(vac_occ < 0, n, vac_occ)
        valid = (vo < n) & (cand_occ < n)
        same = cand_occ == vo
        keys = cand_occ * (n + 1) + vo
        pos = np.searchsorted(self.related_keys_, keys)
        related = self.related_keys_[np.minimum(pos, len(self.related_keys_) - 1)] == keys \
            if len(self.related_keys_) else np.zeros(keys.shape, dtype=bool)
        unit = self.unit_[cand_occ] == self.unit_[vo]
        minor = self.minor_[cand_occ] == self.minor_[vo]
        level = np.where(valid, np.select([same, related, unit, minor], [0, 1, 2, 3], 4), 4)
        grades = np.array([OCCUPATION_GRADES[k] for k in ("same", "related", "unit_group", "minor_group", "none")])
        return grades[level], level

    def _grade_row(self, occ: int) -> np.ndarray:
        """Grades of every occupation (plus the sentinel) against one vacancy occupation (cached)."""
        row = self._grade_rows.get(occ)
        if row is None:
            all_occ = np.arange(self.n_occ_ + 1)
            row, _ = self._grade(all_occ, np.full(all_occ.shape, occ))
            row = row.astype(np.float32)
            if len(self._grade_rows) < 4096:
                self._grade_rows[occ] = row
        return row

    def pairs(self, c, v, ci, vi):
        indptr, indices = c["indptr"], c["indices"]
        counts = indptr[ci + 1] - indptr[ci]
        owner = np.repeat(np.arange(len(ci)), counts)
        starts = np.repeat(indptr[ci], counts)
        offset = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
        entry = starts + offset
        cand_occ = indices[entry]
        kind = c["kinds"][entry]
        grade, level = self._grade(cand_occ, v["occ"][vi][owner])
        grade = grade * c["factors"][entry]
        # best per pair: highest grade, ties -> work done first, then lowest occupation index (deterministic)
        order = np.lexsort((cand_occ, kind, -grade, owner))
        first = np.cumsum(counts) - counts
        best = order[first] if len(ci) else np.zeros(0, dtype=np.intp)
        return PairValues(grade[best], None, {"level": level[best], "occ": cand_occ[best], "kind": kind[best],
                                              "vocc": v["occ"][vi], "has_any": c["has_any"][ci]})

    def vector(self, c, v, occ: int) -> tuple[np.ndarray, None]:
        """Best occupation grade of every candidate against vacancy occupation ``occ`` (-1: none)."""
        n = len(c["indptr"]) - 1
        if occ < 0 or n == 0:
            return np.zeros(n, dtype=np.float32), None
        vals = self._grade_row(int(occ))[c["indices"]] * c["factors"]
        return np.maximum.reduceat(vals, c["indptr"][:-1]), None

    def block(self, c, v, rows):
        return VacancyProfiles(v["occ"][rows], lambda p: self.vector(c, v, p), self.name)

    def naive(self, c, v, ci, vi):
        n, vocc = self.n_occ_, int(v["occ"][vi])
        if getattr(self, "_related_set", None) is None:
            self._related_set = set(self.related_keys_.tolist())
        best = 0.0
        segment = slice(c["indptr"][ci], c["indptr"][ci + 1])
        for occ, factor in zip(c["indices"][segment].tolist(), c["factors"][segment].tolist(), strict=True):
            if vocc < 0 or occ >= n:
                continue
            if occ == vocc:
                grade = OCCUPATION_GRADES["same"]
            elif occ * (n + 1) + vocc in self._related_set:
                grade = OCCUPATION_GRADES["related"]
            elif self.unit_[occ] == self.unit_[vocc]:
                grade = OCCUPATION_GRADES["unit_group"]
            elif self.minor_[occ] == self.minor_[vocc]:
                grade = OCCUPATION_GRADES["minor_group"]
            else:
                grade = OCCUPATION_GRADES["none"]
            best = max(best, grade * factor)
        return best

    def signature(self, pv, c, v, ci, vi):
        a = pv.aux
        return [a["level"], a["occ"], a["kind"], a["vocc"], a["has_any"]]

    def describe(self, pv, c, v, ci, vi):
        tax = self._tax
        a = pv.aux
        out = []
        codes = ("same", "related", "unit_group", "minor_group", "none")
        for k in range(len(pv.values)):
            vocc = int(a["vocc"][k])
            if vocc < 0:
                out.append(("vacature zonder herkend beroep", "occupation.no_requirement", {}))
                continue
            vuri = tax.occupations[vocc].uri
            level = int(a["level"][k])
            if level == 4:
                if not a["has_any"][k]:
                    out.append(("geen beroep opgegeven", "occupation.unknown", {"vacancy_occupation": vuri}))
                else:
                    out.append((f"geen ervaring als {tax.occupations[vocc].label}", "occupation.none",
                                {"vacancy_occupation": vuri}))
                continue
            occ = tax.occupations[int(a["occ"][k])]
            kind = OCCUPATION_KINDS[int(a["kind"][k])]
            params = {"occupation": occ.uri, "label": occ.label, "vacancy_occupation": vuri, "kind": kind}
            suffix = {0: "", 1: " (verwant beroep)", 2: " (zelfde beroepsgroep)", 3: " (verwante beroepsgroep)"}
            out.append((f"{KIND_PHRASES[kind]} {occ.label}{suffix[level]}", f"occupation.{codes[level]}", params))
        return out


#: How an explanation names each kind of occupation: "heeft gewerkt als" only for work done.
KIND_PHRASES = {"done": "heeft gewerkt als", "either": "heeft gewerkt als of wil werken als",
                "wanted": "wil graag werken als", "described": "vertelt in eigen woorden over werk als"}

