"""Average-link clustering of sparse vectors (SciPy's hierarchical clustering).

Average link rather than single link: one background sentence shared by two reports of
different events ("the team's second such arrest") pulls two articles together, but not
two groups of articles.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

Vector = Mapping[str, float]


def similarity_matrix(vectors: Sequence[Vector]) -> np.ndarray:
    """Dot products of every pair (cosines, for unit vectors), clipped to [0, 1]."""
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, v in enumerate(vectors):
        for k, x in v.items():
            rows.append(i)
            cols.append(vocab.setdefault(k, len(vocab)))
            vals.append(x)
    m = csr_matrix((vals, (rows, cols)), shape=(len(vectors), max(1, len(vocab))), dtype=np.float64)
    s = (m @ m.T).toarray()
    return np.clip(s, 0.0, 1.0)


def average_link(vectors: Sequence[Vector], threshold: float) -> list[int]:
    """A cluster label for each vector: groups whose average pairwise similarity stays at
    or above ``threshold``."""
    n = len(vectors)
    if n == 0:
        return []
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - similarity_matrix(vectors)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    # fcluster cuts at distance <= t; a hair of slack keeps an exact tie on the threshold's side.
    labels = fcluster(tree, 1.0 - threshold + 1e-9, criterion="distance")
    return [int(x) - 1 for x in labels]
