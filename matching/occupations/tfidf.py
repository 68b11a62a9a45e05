"""Sparse TF-IDF building blocks for the label index (words and character n-grams)."""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

from .words import word_ngrams

__all__ = ["fit_char_tfidf", "fit_word_tfidf", "normalise_columns", "tfidf_matrix"]


def tfidf_matrix(rows, vocabulary, idf, sublinear, unknown_idf: float | None = None) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows; unknown terms (queries only) count towards the norm with ``unknown_idf``."""
    get = vocabulary.get
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    unknown_mass = np.zeros(len(rows))
    for r, row in enumerate(rows):
        cols = [get(key) for key in row]
        if None in cols:
            known = [(c, tf) for c, tf in zip(cols, row.values(), strict=True) if c is not None]
            if unknown_idf is not None:
                missing = [tf for c, tf in zip(cols, row.values(), strict=True) if c is None]
                weights = [(1.0 + math.log(tf)) if sublinear else tf for tf in missing]
                unknown_mass[r] = sum((w * unknown_idf) ** 2 for w in weights)
            indices.extend(c for c, _ in known)
            data.extend(tf for _, tf in known)
        else:
            indices.extend(cols)
            data.extend(row.values())
        indptr.append(len(indices))
    indices_arr = np.array(indices, dtype=np.int64)
    values = np.array(data, dtype=np.float64)
    if sublinear and len(values):
        values = 1.0 + np.log(values)
    if len(values):
        values *= idf[indices_arr]
    matrix = sp.csr_matrix((values, indices_arr, np.array(indptr)), shape=(len(rows), len(vocabulary)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel() + unknown_mass)
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.diags(scale) @ matrix


def fit_word_tfidf(rows, vocabulary: dict[str, int]):
    """IDF and the (n_terms, n_labels) matrix of L2-normalised label rows of weighted word keys."""
    n = len(rows)
    df = np.bincount([vocabulary[key] for row in rows for key in row], minlength=len(vocabulary))
    idf = np.log((1 + n) / (1 + df)) + 1.0
    matrix = tfidf_matrix(rows, vocabulary, idf, False)
    return idf, matrix.T.tocsr().astype(np.float32)


def fit_char_tfidf(texts: list[list[str]], max_df: float):
    """Character n-gram vocabulary, IDF and (n_grams, n_labels) matrix, built as (labels x words) @ (words x grams)
    so each distinct word is cut into n-grams once.

    N-grams in more than ``max_df`` of the labels still count in each label's norm but are left out of the
    matrix: they add almost nothing to a cosine and make the products slow.
    """
    words: dict[str, int] = {}
    rows, cols = [], []
    for r, text in enumerate(texts):
        for word in text:
            rows.append(r)
            cols.append(words.setdefault(word, len(words)))
    label_words = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(words)))
    vocabulary: dict[str, int] = {}
    g_rows, g_cols = [], []
    for word, w in words.items():
        for gram in word_ngrams(word):
            g_rows.append(w)
            g_cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    word_grams = sp.csr_matrix((np.ones(len(g_rows)), (g_rows, g_cols)), shape=(len(words), len(vocabulary)))
    counts = (label_words @ word_grams).tocsr()
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=len(vocabulary))
    idf = np.log((1 + n) / (1 + df)) + 1.0
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    matrix = (sp.diags(scale) @ counts).tocsr()
    if max_df < 1.0:
        matrix.data[df[matrix.indices] > max_df * n] = 0.0
        matrix.eliminate_zeros()
    return vocabulary, idf, matrix.T.tocsr().astype(np.float32)


def normalise_columns(matrix: sp.spmatrix) -> sp.csr_matrix:
    """Columns scaled to unit length (empty columns stay zero)."""
    matrix = sp.csc_matrix(matrix, dtype=np.float32)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=0)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return (matrix @ sp.diags(scale.astype(np.float32))).tocsr()
