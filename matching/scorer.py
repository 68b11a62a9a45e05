"""The scorer: a linear model over the pair features, with explanations and learning from staff decisions.

``score = sum_f weight_f * value_f`` with non-negative weights that sum to 1 and feature values in [0, 1], so the
score lies in [0, 1] and the per-feature contributions ``weight_f * value_f`` add up to it. Hard requirements
(licence, certificate, language minimum, hours, travel limit) do not change the score; they make a pair
ineligible, and an ineligible candidate never ranks above an eligible one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .features import COMPARISONS, FEATURE_NAMES, RESIDENT_PC4, PairFeatures
from .ranking import MatchIndex
from .results import Contribution, Match, VacancyRanking

__all__ = [
    "DEFAULT_MODEL_VERSION",
    "DEFAULT_WEIGHTS",
    "Contribution",
    "Match",
    "Matcher",
    "VacancyRanking",
    "normalise_weights",
]

#: Default weights (sum 1), each comparison's ``default_weight``. Occupation and talents carry most; travel and
#: schedule decide day-to-day fit.
DEFAULT_WEIGHTS: dict[str, float] = {kind.name: kind.default_weight for kind in COMPARISONS}
DEFAULT_MODEL_VERSION = "default-2026.1"


def normalise_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """Complete, clip at zero and scale weights to sum 1 (unknown feature names are an error)."""
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    unknown = set(weights) - set(FEATURE_NAMES)
    if unknown:
        raise ValueError(f"unknown feature(s) in weights: {', '.join(sorted(unknown))}")
    raw = np.array([max(0.0, float(weights.get(name, 0.0))) for name in FEATURE_NAMES])
    if not np.all(np.isfinite(raw)) or raw.sum() <= 0:
        raise ValueError("weights must be finite and not all zero")
    raw = raw / raw.sum()
    return dict(zip(FEATURE_NAMES, raw.tolist(), strict=True))


def _version_for(weights: Mapping[str, float]) -> str:
    blob = json.dumps({k: round(v, 12) for k, v in sorted(weights.items())}, sort_keys=True)
    return "learned-" + hashlib.sha256(blob.encode()).hexdigest()[:10]


class Matcher:
    """Scores, explains and ranks (candidate, vacancy) pairs; scikit-learn estimator conventions.

    Parameters
    ----------
    weights : mapping feature -> weight, optional
        Starting weights (normalised to sum 1); default :data:`DEFAULT_WEIGHTS`.
    resident_pc4 : sequence of PC4 codes, optional
        The neighbourhood for the ``resident`` feature; default :data:`matching.features.RESIDENT_PC4`.
    taxonomy, centroids : optional
        Injected data (objects or zero-argument callables); default the data shipped with the package.
    cv : int
        Folds for the cross-validated comparison in :meth:`fit`.
    min_improvement : float
        The lower end of the 95% bootstrap interval of the ROC AUC improvement (learned minus given weights, on
        out-of-fold scores) must be above this before learned weights are used; 0 means "better beyond noise".
    n_bootstrap : int
        Resamples of the held-out pairs for that interval.
    C : float
        Inverse regularisation strength of the LogisticRegression.
    random_state : int, optional
        Seed for the fold split.
    chunk_size : int, optional
        Vacancies per ranking chunk; default keeps each score block around 8 million pairs.
    n_jobs : int
        Worker processes for large rankings (at least 20 million pairs; forked, so only where fork exists).
        Use 1 inside a threaded web server.
    """

    def __init__(self, weights=None, resident_pc4=None, taxonomy=None, centroids=None, cv=5,
                 min_improvement=0.0, C=1.0, random_state=None, chunk_size=None, n_jobs=2, n_bootstrap=1000):
        self.weights = weights
        self.resident_pc4 = resident_pc4
        self.taxonomy = taxonomy
        self.centroids = centroids
        self.cv = cv
        self.min_improvement = min_improvement
        self.C = C
        self.random_state = random_state
        self.chunk_size = chunk_size
        self.n_jobs = n_jobs
        self.n_bootstrap = n_bootstrap

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor parameters (scikit-learn convention)."""
        import inspect

        names = [p for p in inspect.signature(type(self).__init__).parameters if p != "self"]
        return {name: getattr(self, name) for name in names}

    def set_params(self, **params) -> Matcher:
        """Set constructor parameters (scikit-learn convention); returns self."""
        valid = self.get_params()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"invalid parameter {name!r} for Matcher")
            setattr(self, name, value)
        return self

    # --- model -------------------------------------------------------------------------------------------------

    @property
    def feature_names(self) -> tuple[str, ...]:
        """The features, in the order of the weight vector."""
        return FEATURE_NAMES

    def current_weights(self) -> dict[str, float]:
        """Weights in use: learned (after :meth:`fit`) or the given/default ones."""
        learned = getattr(self, "weights_", None)
        return dict(learned) if learned is not None else normalise_weights(self.weights)

    def weight_vector(self) -> np.ndarray:
        """Weights as an array in :attr:`feature_names` order."""
        w = self.current_weights()
        return np.array([w[name] for name in FEATURE_NAMES])

    @property
    def model_version(self) -> str:
        """"default-2026.1", "learned-<hash>" after learning, or "custom-<hash>" for given weights."""
        version = getattr(self, "model_version_", None)
        if version is not None:
            return version
        if self.weights is None:
            return DEFAULT_MODEL_VERSION
        return "custom-" + _version_for(normalise_weights(self.weights))[len("learned-"):]

    def get_weights(self) -> dict[str, Any]:
        """JSON-serialisable model: weights, version and (after fit) the cross-validation report."""
        out: dict[str, Any] = {"model_version": self.model_version, "weights": self.current_weights()}
        if self.resident_pc4 is not None:
            out["resident_pc4"] = list(self.resident_pc4)
        report = getattr(self, "cv_report_", None)
        if report is not None:
            out["cv_report"] = report
        return out

    @classmethod
    def from_weights(cls, data: Mapping[str, Any] | str, **params) -> Matcher:
        """Rebuild a matcher from :meth:`get_weights` output (a dict or its JSON text)."""
        if isinstance(data, str):
            data = json.loads(data)
        weights = normalise_weights(data["weights"])
        params.setdefault("resident_pc4", data.get("resident_pc4"))
        matcher = cls(weights=weights, **params)
        matcher.weights_ = weights
        matcher.model_version_ = str(data.get("model_version") or _version_for(weights))
        if "cv_report" in data:
            matcher.cv_report_ = data["cv_report"]
        return matcher

    def features(self) -> PairFeatures:
        """An unfitted :class:`PairFeatures` configured like this matcher."""
        return PairFeatures(
            resident_pc4=RESIDENT_PC4 if self.resident_pc4 is None else tuple(self.resident_pc4),
            taxonomy=self.taxonomy,
            centroids=self.centroids,
        )

    # --- scoring -----------------------------------------------------------------------------------------------

    def transform(self, candidates: Sequence, vacancies: Sequence, pairs: Sequence[tuple[str, str]]):
        """Feature matrix (pairs x features) and eligibility for (candidate id, vacancy id) pairs."""
        feats = self.features().fit(candidates, vacancies)
        C, V = feats.encode_candidates(candidates), feats.encode_vacancies(vacancies)
        ci, vi = _pair_indices(C.ids, V.ids, pairs)
        X, F, _ = feats.transform(C, V, ci, vi)
        return X, ~F.any(axis=1)

    def explain(self, candidate, vacancy) -> Match:
        """Score and explanation for one pair."""
        index = MatchIndex(self, [candidate], [vacancy])
        return index.matches(np.array([0]), np.array([0]))[0]

    def rank(self, candidates: Sequence, vacancies: Sequence, top_k: int = 10) -> list[VacancyRanking]:
        """The ``top_k`` best candidates per vacancy (vacancies in input order), with explanations."""
        return MatchIndex(self, candidates, vacancies).top_candidates(top_k)

    def rank_for_candidate(self, candidate, vacancies: Sequence, top_k: int = 10) -> list[Match]:
        """The ``top_k`` best vacancies for one candidate, with explanations."""
        return MatchIndex(self, [candidate], vacancies).top_vacancies(top_k)[0]

    def index(self, candidates: Sequence, vacancies: Sequence):
        """A :class:`matching.ranking.MatchIndex`: both sides encoded once, for repeated ranking."""
        return MatchIndex(self, candidates, vacancies)

    # --- learning ----------------------------------------------------------------------------------------------

    def fit(self, candidates: Sequence, vacancies: Sequence, pairs: Sequence[tuple[str, str]],
            labels: Sequence[int], sample_weight: Sequence[float] | None = None) -> Matcher:
        """Learn weights from staff decisions / outcomes (1 = good match, 0 = not).

        A LogisticRegression on the feature matrix gives the weights (negative coefficients clipped to zero,
        then scaled to sum 1). Learned and given weights are compared by ROC AUC on out-of-fold scores; the learned
        weights are used only when the lower end of the 95% bootstrap interval of the improvement is above
        ``min_improvement``. See ``cv_report_``; ``candidate_weights_`` holds the weights learned on all pairs
        even when they are not used (for an explicit choice by a person).

        ``sample_weight`` (one per pair, default 1): pairs with a weight below 1 (e.g. a resident's own "interested"
        or "not for me") count less in fitting and are never used to judge the weights: the comparison is made on
        the held-out pairs of full weight only (staff decisions and outcomes).
        """
        X, _ = self.transform(candidates, vacancies, pairs)
        y = np.asarray(labels, dtype=int)
        sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        if len(y) != len(X) or len(sw) != len(X):
            raise ValueError(f"{len(X)} pairs but {len(y)} labels and {len(sw)} weights")
        base = np.array([normalise_weights(self.weights)[n] for n in FEATURE_NAMES])
        report = self._cross_validate(X, y, base, sw)
        better = report.pop("better", False)
        learned = _learned_weights(X, y, self.C, sw) if "folds" in report and report["folds"] else None
        self.candidate_weights_ = None if learned is None else dict(zip(FEATURE_NAMES, learned.tolist(), strict=True))
        final = learned if better else None
        report["used"] = "default" if final is None else "learned"
        if final is not None:
            self.weights_ = dict(zip(FEATURE_NAMES, final.tolist(), strict=True))
            self.model_version_ = _version_for(self.weights_)
        else:
            self.weights_ = dict(zip(FEATURE_NAMES, base.tolist(), strict=True))
            self.model_version_ = DEFAULT_MODEL_VERSION if self.weights is None else \
                "custom-" + _version_for(self.weights_)[len("learned-"):]
        self.cv_report_ = report
        return self

    def _cross_validate(self, X: np.ndarray, y: np.ndarray, base: np.ndarray, sw: np.ndarray) -> dict[str, Any]:
        """The comparison of learned against ``base`` weights on out-of-fold scores of the full-weight pairs, with
        bootstrap intervals; ``better`` says whether the lower end of the improvement's interval is above
        ``min_improvement``."""
        from sklearn.metrics import average_precision_score, roc_auc_score
        from sklearn.model_selection import StratifiedKFold

        judged = sw >= 1.0
        classes, counts = np.unique(y[judged], return_counts=True)
        report: dict[str, Any] = {"metric": "roc_auc", "n_pairs": int(judged.sum()),
                                  "n_positive": int((y[judged] == 1).sum()), "folds": 0}
        if not judged.all():
            report["n_lower_weight"] = int((~judged).sum())
        if len(classes) != 2 or counts.min() < 2:
            report["note"] = "need at least two examples of each label"
            return report
        folds = StratifiedKFold(n_splits=int(min(self.cv, counts.min())), shuffle=True,
                                random_state=self.random_state)
        # Folds are drawn over the judged pairs (as without lower-weight pairs); those always help fitting.
        rows, extra = np.flatnonzero(judged), np.flatnonzero(~judged)
        held_out, learned_scores, n_folds = [], [], 0
        for train, test in folds.split(X[rows], y[rows]):
            train = np.concatenate([rows[train], extra])
            w = _learned_weights(X[train], y[train], self.C, sw[train])
            if w is None:
                continue
            held_out.append(rows[test])
            learned_scores.append(X[rows[test]] @ w)
            n_folds += 1
        if not n_folds:
            report["note"] = "no fold gave positive weights"
            return report
        index = np.concatenate(held_out)
        truth, learned, given = y[index], np.concatenate(learned_scores), X[index] @ base
        report.update(
            folds=n_folds, n_held_out=int(len(index)),
            learned_roc_auc=float(roc_auc_score(truth, learned)), default_roc_auc=float(roc_auc_score(truth, given)),
            learned_average_precision=float(average_precision_score(truth, learned)),
            default_average_precision=float(average_precision_score(truth, given)),
            **_bootstrap(truth, learned, given, self.n_bootstrap, self.random_state),
        )
        report["better"] = report["improvement_ci"][0] > self.min_improvement
        return report


def _bootstrap(truth, learned, given, n, random_state) -> dict[str, list[float]]:
    """95% percentile intervals of both AUCs and of their difference over `n` resamples of the held-out pairs."""
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(random_state)
    rows = []
    for _ in range(max(1, int(n))):
        pick = rng.integers(0, len(truth), len(truth))
        if len(np.unique(truth[pick])) < 2:
            continue
        a, b = roc_auc_score(truth[pick], learned[pick]), roc_auc_score(truth[pick], given[pick])
        rows.append((a, b, a - b))
    values = np.array(rows) if rows else np.zeros((1, 3))
    low, high = np.percentile(values, [2.5, 97.5], axis=0)
    return {"learned_roc_auc_ci": [float(low[0]), float(high[0])],
            "default_roc_auc_ci": [float(low[1]), float(high[1])],
            "improvement_ci": [float(low[2]), float(high[2])]}


def _learned_weights(X: np.ndarray, y: np.ndarray, C: float, sw: np.ndarray | None = None) -> np.ndarray | None:
    """LogisticRegression coefficients, negative ones clipped to zero, scaled to sum 1 (None when all are <= 0)."""
    from sklearn.linear_model import LogisticRegression

    if len(np.unique(y)) < 2:
        return None
    model = LogisticRegression(C=C, max_iter=1000).fit(X, y, sample_weight=sw)
    w = np.clip(model.coef_.reshape(-1), 0.0, None)
    return w / w.sum() if w.sum() > 0 else None


def _pair_indices(cand_ids, vac_ids, pairs) -> tuple[np.ndarray, np.ndarray]:
    cpos = {cid: i for i, cid in enumerate(cand_ids)}
    vpos = {vid: i for i, vid in enumerate(vac_ids)}
    try:
        ci = np.array([cpos[c] for c, _ in pairs], dtype=np.intp)
        vi = np.array([vpos[v] for _, v in pairs], dtype=np.intp)
    except KeyError as exc:
        raise ValueError(f"pair refers to unknown id {exc.args[0]!r}") from None
    return ci, vi
