"""Required driving licences and certificates (hard): the share held; anything missing makes a pair ineligible."""

from __future__ import annotations

import numpy as np

from .base import N_, ProfileComparison

__all__ = ["Credentials"]


def _credential_keys(record) -> list[str]:
    return [f"licence:{x}" for x in sorted(record.licences)] + [f"certificate:{x}" for x in sorted(record.certificates)]


def _credential_phrase(key: str) -> str:
    kind, name = key.split(":", 1)
    if kind == "licence":
        return f"rijbewijs {name}"
    return {"HEFTRUCK": "heftruckcertificaat", "SOCIALE HYGIENE": "Sociale Hygiëne"}.get(name, name)


class Credentials(ProfileComparison):
    """Required driving licences and certificates (hard): share held; anything missing makes the pair ineligible."""

    name = "credentials"
    label = N_("Rijbewijs en certificaten")
    default_weight = 0.04
    hard = True
    failed = "missing"
    missing = frozenset({"missing"})

    def fit(self, candidates, vacancies, context):
        # both sides: a vacancy added later may ask for something only candidates mentioned so far
        keys = {k for r in (*vacancies, *candidates) for k in _credential_keys(r)}
        self.keys_ = tuple(sorted(keys))
        return self

    def covers(self, records, context):
        known = set(self.keys_)
        return all(k in known for r in records for k in _credential_keys(r))

    def _matrix(self, records):
        index = {k: j for j, k in enumerate(self.keys_)}
        out = np.zeros((len(records), len(self.keys_)), dtype=bool)
        extra = np.zeros(len(records), dtype=np.int64)
        for i, r in enumerate(records):
            for key in _credential_keys(r):
                j = index.get(key)
                if j is None:
                    extra[i] += 1
                else:
                    out[i, j] = True
        return out, extra

    def _cand_attrs(self, candidates, context):
        have, _ = self._matrix(candidates)
        return {"have": have}

    def encode_vacancies(self, vacancies, context):
        need, extra = self._matrix(vacancies)
        unseen = {int(i): [k for k in _credential_keys(vacancies[i]) if k not in set(self.keys_)]
                  for i in np.nonzero(extra)[0]}
        return self._with_profiles({"attrs": {"need": need, "extra": extra}, "unseen": unseen}, len(vacancies))

    def _compute(self, va, ca):
        need, have = va["need"], ca["have"]
        n_req = need.sum(-1) + va["extra"]
        n_have = (need & have).sum(-1)
        value = np.where(n_req > 0, n_have / np.maximum(n_req, 1), 1.0)
        fails = n_have < n_req
        shape = value.shape
        return value, fails, {"need": np.broadcast_to(need, (*shape, need.shape[-1])),
                              "have": np.broadcast_to(have, (*shape, have.shape[-1]))}

    def naive(self, c, v, ci, vi):
        need, have = v["attrs"]["need"][vi].tolist(), c["attrs"]["have"][ci].tolist()
        n_req = sum(need) + int(v["attrs"]["extra"][vi])
        return sum(a and b for a, b in zip(need, have, strict=True)) / n_req if n_req else 1.0

    def signature(self, pv, c, v, ci, vi):
        a = pv.aux
        unseen = np.where(v["attrs"]["extra"][vi] > 0, vi, -1)
        return [*a["need"].T, *a["have"].T, unseen]

    def _split(self, pv, k, v, vi):
        need, have = pv.aux["need"][k], pv.aux["have"][k]
        held = [self.keys_[j] for j in np.nonzero(need & have)[0]]
        missing = [self.keys_[j] for j in np.nonzero(need & ~have)[0]]
        missing += v["unseen"].get(int(vi[k]), [])
        licences_first = lambda key: (not key.startswith("licence:"), key)  # noqa: E731
        return sorted(held, key=licences_first), sorted(missing, key=licences_first)

    def describe(self, pv, c, v, ci, vi):
        out = []
        for k in range(len(pv.values)):
            held, missing = self._split(pv, k, v, vi)
            params = {"held": held, "missing": missing}
            if not held and not missing:
                out.append(("geen rijbewijs of certificaat gevraagd", "credentials.no_requirement", {}))
            elif missing:
                out.append(("mist " + " en ".join(_credential_phrase(x) for x in missing), "credentials.missing",
                            params))
            else:
                out.append(("heeft " + " en ".join(_credential_phrase(x) for x in held), "credentials.ok", params))
        return out

    def reasons(self, pv, k, v=None, vi=None):
        _, missing = self._split(pv, k, v, vi)
        return tuple(f"mist {_credential_phrase(x)}" for x in missing)

