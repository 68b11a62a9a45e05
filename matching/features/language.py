"""Language levels against the vacancy's minimum per language (hard); a level not given counts as not shown."""

from __future__ import annotations

import numpy as np

from ..languages import language_gaps, language_name
from ..record_fields import CEFR_LEVELS
from .base import N_, ProfileComparison

__all__ = ["Language"]


class Language(ProfileComparison):
    """Language levels against the vacancy's minimum per language (hard); missing level = not shown."""

    name = "language"
    label = N_("Taal")
    default_weight = 0.04
    hard = True
    failed = "below"
    missing = frozenset({"below"})

    def fit(self, candidates, vacancies, context):
        codes = {code for r in (*candidates, *vacancies) for code in r.languages}
        self.codes_ = tuple(sorted(codes)) or ("nl",)
        return self

    def covers(self, records, context):
        return all(code in self.codes_ for r in records for code in r.languages)

    def _levels(self, records):
        index = {code: j for j, code in enumerate(self.codes_)}
        out = np.full((len(records), len(self.codes_)), -1, dtype=np.int64)
        extra = np.zeros(len(records), dtype=np.int64)
        for i, r in enumerate(records):
            for code, level in r.languages.items():
                j = index.get(code)
                if j is None:
                    extra[i] += 1
                else:
                    out[i, j] = CEFR_LEVELS.index(level)
        return out, extra

    def _cand_attrs(self, candidates, context):
        levels, _ = self._levels(candidates)
        return {"levels": levels}

    def _vac_attrs(self, vacancies, context):
        levels, extra = self._levels(vacancies)
        # A language outside the vocabulary still counts as required, and unmet by everyone.
        return {"levels": levels, "extra": extra}

    def _compute(self, va, ca):
        vl, cl = va["levels"], ca["levels"]
        required = vl >= 0
        met = required & (cl >= vl)
        n_req = required.sum(-1) + va["extra"]
        n_met = met.sum(-1)
        value = np.where(n_req > 0, n_met / np.maximum(n_req, 1), 1.0)
        fails = n_met < n_req
        shape = value.shape
        return value, fails, {"vl": np.broadcast_to(vl, (*shape, vl.shape[-1])),
                              "cl": np.broadcast_to(cl, (*shape, cl.shape[-1])),
                              "extra": np.broadcast_to(va["extra"], shape)}

    def naive(self, c, v, ci, vi):
        asked = v["attrs"]["levels"][vi].tolist()
        have = c["attrs"]["levels"][ci].tolist()
        required = [(need, level) for need, level in zip(asked, have, strict=True) if need >= 0]
        n_req = len(required) + int(v["attrs"]["extra"][vi])
        return sum(level >= need for need, level in required) / n_req if n_req else 1.0

    def signature(self, pv, c, v, ci, vi):
        a = pv.aux
        return [*a["vl"].T, *a["cl"].T, a["extra"]]

    def _items(self, pv, k):
        vl, cl = pv.aux["vl"][k], pv.aux["cl"][k]
        items = []
        for j, code in enumerate(self.codes_):
            if vl[j] >= 0:
                items.append((code, CEFR_LEVELS[vl[j]], CEFR_LEVELS[cl[j]] if cl[j] >= 0 else None))
        return items

    def describe(self, pv, c, v, ci, vi):
        out = []
        for k in range(len(pv.values)):
            items = self._items(pv, k)
            if not items and not pv.aux["extra"][k]:
                out.append(("geen taaleis", "language.no_requirement", {}))
                continue
            params = {"required": {code: need for code, need, _ in items},
                      "levels": {code: have for code, _, have in items if have}}
            if pv.fails[k]:
                out.append(("; ".join(self.reasons(pv, k)), "language.below", params))
            else:
                text = ", ".join(f"{language_name(code)} {have} (vraagt {need})" for code, need, have in items)
                out.append((text, "language.ok", params))
        return out

    def reasons(self, pv, k, v=None, vi=None):
        items = self._items(pv, k)
        out = language_gaps({code: need for code, need, _ in items}, {code: have for code, _, have in items if have})
        if pv.aux["extra"][k] and not out:
            out.append("taal gevraagd die niemand opgeeft")
        return tuple(out)

