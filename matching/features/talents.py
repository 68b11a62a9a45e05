"""Talent coverage: the share of the vacancy's required (or preferred) talents the jobseeker has."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .base import N_, Comparison, LinearDense, PairValues, SparseBlock

__all__ = ["PreferredTalents", "RequiredTalents", "TalentCoverage"]

#: Talent coverage uses a dense (talents x candidates) matrix up to this many cells, else sparse products.
DENSE_TALENT_LIMIT = 64_000_000


def _talent_key(label: str, tax) -> str:
    from ..dutch import analyse, normalise

    talent = tax.talent_by_label(label) if tax is not None else None
    if talent is not None:
        return talent.uri
    return " ".join(analyse(label, keep_stopwords=True)) or normalise(label)


class TalentCoverage(Comparison):
    """Share of the vacancy's required (or preferred) talents the jobseeker has (``kind`` says which list)."""

    kind = "required"
    missing = frozenset({"none", "partial"})

    def fit(self, candidates, vacancies, context):
        keys = context.get("talent_keys")
        if keys is None:
            tax = context["taxonomy"]()
            cache = context.setdefault("talent_key_cache", {})
            labels = {t for r in candidates for t in r.talents}
            labels |= {t for r in vacancies for t in (*r.required_talents, *r.preferred_talents)}
            for label in labels:
                if label not in cache:
                    cache[label] = _talent_key(label, tax)
            keys = tuple(sorted({cache[label] for label in labels}))
            context["talent_keys"] = keys
        self.keys_ = keys
        self._index = {k: j for j, k in enumerate(keys)}
        return self

    def covers(self, records, context):
        labels = [t for r in records
                  for t in (r.talents if hasattr(r, "talents") else (*r.required_talents, *r.preferred_talents))]
        return all(self._key(label, context) in self._index for label in labels)

    def _key(self, label, context):
        cache = context.setdefault("talent_key_cache", {})
        if label not in cache:
            cache[label] = _talent_key(label, context["taxonomy"]())
        return cache[label]

    def _matrix(self, lists, context):
        rows, cols, labels = [], [], []
        extra = np.zeros(len(lists), dtype=np.int64)
        for i, items in enumerate(lists):
            seen = set()
            for label in items:
                key = self._key(label, context)
                if key in seen:
                    continue
                seen.add(key)
                j = self._index.get(key)
                if j is None:
                    extra[i] += 1
                else:
                    rows.append(i)
                    cols.append(j)
            labels.append(tuple(items))
        m = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(lists), len(self.keys_)))
        return m, extra, labels

    def encode_candidates(self, candidates, context):
        m, _, labels = self._matrix([c.talents for c in candidates], context)
        coo = m.tocoo()
        keys = np.sort(coo.row.astype(np.int64) * max(1, len(self.keys_)) + coo.col)
        enc = {"matrix": m, "matrix_t": m.T.tocsr(), "labels": labels, "keys": keys}
        if m.shape[0] * m.shape[1] <= DENSE_TALENT_LIMIT:
            cached = context.get("_talent_dense")
            if cached is not None and cached[0] is candidates:  # required and preferred share one matrix
                enc["dense_t"] = cached[1]
            else:
                # (talents + 1) x candidates; the last row is all ones and carries per-vacancy constants
                dense = np.ones((m.shape[1] + 1, m.shape[0]), dtype=np.float32)
                dense[:-1] = m.T.toarray()
                enc["dense_t"] = dense
                context["_talent_dense"] = (candidates, dense)
        return enc

    def encode_vacancies(self, vacancies, context):
        lists = [v.required_talents if self.kind == "required" else v.preferred_talents for v in vacancies]
        m, extra, labels = self._matrix(lists, context)
        total = np.asarray(m.sum(axis=1)).reshape(-1) + extra
        scale = np.where(total > 0, 1.0 / np.maximum(total, 1), 0.0)
        normalised = sp.diags(scale.astype(np.float32)) @ m
        items = []
        for labels_of_row in labels:
            seen, row_items = set(), []
            for label in labels_of_row:
                key = self._key(label, context)
                if key not in seen:
                    seen.add(key)
                    row_items.append((label, self._index.get(key)))
            items.append(row_items)
        return {"matrix": m.tocsr(), "normalised": normalised.tocsr(), "total": total, "labels": labels,
                "items": items}

    def pairs(self, c, v, ci, vi):
        sub = v["matrix"][vi]
        sub.sort_indices()
        n_keys = max(1, len(self.keys_))
        counts = np.diff(sub.indptr)
        owner = np.repeat(np.arange(len(vi)), counts)
        pos = np.arange(sub.nnz) - np.repeat(sub.indptr[:-1], counts)
        ckeys = c["keys"]
        query = ci[owner].astype(np.int64) * n_keys + sub.indices
        at = np.minimum(np.searchsorted(ckeys, query), max(len(ckeys) - 1, 0))
        present = (ckeys[at] == query) if len(ckeys) else np.zeros(len(query), dtype=bool)
        have = np.bincount(owner, weights=present, minlength=len(vi)).astype(np.int64)
        missing = np.bincount(owner, weights=np.where(present, 0.0, np.ldexp(1.0, np.minimum(pos, 60))),
                              minlength=len(vi)).astype(np.int64)
        total = v["total"][vi]
        value = np.where(total > 0, have / np.maximum(total, 1), 1.0)
        return PairValues(value, None, {"have": have, "total": total, "missing": missing})

    def naive(self, c, v, ci, vi):
        vm, cm = v["matrix"], c["matrix"]
        asked = set(vm.indices[vm.indptr[vi]:vm.indptr[vi + 1]].tolist())
        held = set(cm.indices[cm.indptr[ci]:cm.indptr[ci + 1]].tolist())
        total = int(v["total"][vi])
        return len(asked & held) / total if total else 1.0

    def signature(self, pv, c, v, ci, vi):
        return [vi, pv.aux["missing"], pv.aux["have"]]

    def block(self, c, v, rows):
        const = (v["total"][rows] == 0).astype(np.float32)
        if "dense_t" in c:
            left = sp.hstack([v["normalised"][rows], sp.csr_matrix(const[:, None])], format="csr")
            return LinearDense(left, c["dense_t"])
        return SparseBlock((v["normalised"][rows] @ c["matrix_t"]).tocsr(), const)

    def describe(self, pv, c, v, ci, vi):
        word = "gevraagde" if self.kind == "required" else "gewenste"
        code = f"talents.{self.kind}"
        cm = c["matrix"]
        out = []
        for k in range(len(pv.values)):
            total, have = int(pv.aux["total"][k]), int(pv.aux["have"][k])
            if total == 0:
                out.append((f"geen {word} talenten", f"{code}.no_requirement", {}))
                continue
            row = int(ci[k])
            held = set(cm.indices[cm.indptr[row]:cm.indptr[row + 1]].tolist())
            missing = [label for label, j in v["items"][int(vi[k])] if j is None or j not in held]
            params = {"have": have, "total": total, "missing": missing}
            if have == total:
                out.append((f"heeft alle {total} {word} talenten", f"{code}.all", params))
            elif have == 0:
                out.append((f"mist {word} talenten: {', '.join(missing)}", f"{code}.none", params))
            else:
                out.append((f"heeft {have} van {total} {word} talenten (mist {', '.join(missing)})",
                            f"{code}.partial", params))
        return out


class RequiredTalents(TalentCoverage):
    """Share of the vacancy's required talents the jobseeker has."""

    name = "talents_required"
    label = N_("Gevraagde talenten")
    default_weight = 0.15
    kind = "required"


class PreferredTalents(TalentCoverage):
    """Share of the vacancy's preferred talents the jobseeker has."""

    name = "talents_preferred"
    label = N_("Gewenste talenten")
    default_weight = 0.05
    kind = "preferred"
