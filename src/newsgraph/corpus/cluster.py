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


def average_link(vectors: Sequence[Vector], threshold: float, ratio: float = 0.0, min_size: int = 0) -> list[int]:
    """A cluster label for each vector: groups whose average pairwise similarity stays at
    or above ``threshold``.

    With ``ratio`` > 0, two groups of at least ``min_size`` each also stay apart when the
    average similarity across them is below ``ratio`` times the cohesion (average
    pairwise similarity inside) of the less cohesive of the two. Two events of one kind
    (two title fights of one boxer) share so many words that their articles clear any
    threshold that keeps a story whole; what gives them away is that each is a tight
    group and the two are much less alike than either is inside. A group must be of a
    size that makes its cohesion mean something: a pair of near-copies is very cohesive
    and says nothing of the story around it."""
    n = len(vectors)
    if n == 0:
        return []
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - similarity_matrix(vectors)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    size = [1] * n
    inner = [0.0] * n  # sum of the pairwise similarities inside each node
    keep = [True] * n  # the node is (inside) one cluster
    for left, right, height, _ in tree:
        a, b = int(left), int(right)
        cross = 1.0 - float(height)  # average link: the mean similarity across a and b
        cross_sum = cross * size[a] * size[b]
        # a hair of slack keeps an exact tie on the threshold's side.
        ok = keep[a] and keep[b] and cross >= threshold - 1e-9
        if ok and ratio > 0 and min(size[a], size[b]) >= max(2, min_size):
            cohesion = min(inner[a] / _pairs(size[a]), inner[b] / _pairs(size[b]))
            ok = cross >= ratio * cohesion
        size.append(size[a] + size[b])
        inner.append(inner[a] + inner[b] + cross_sum)
        keep.append(ok)
    # Each leaf takes the label of its highest kept ancestor (a node is kept only when
    # both its children are).
    members: list[list[int]] = [[i] for i in range(n)]
    for left, right, _, _ in tree:
        members.append(members[int(left)] + members[int(right)])
    labels = [-1] * n
    label = 0
    for node in range(len(members) - 1, -1, -1):
        if keep[node] and labels[members[node][0]] == -1:
            for i in members[node]:
                labels[i] = label
            label += 1
    return labels


def _pairs(k: int) -> int:
    return k * (k - 1) // 2
