"""Exact diffusion similarity, its spectral embedding, and diversity.

For the lazy reversible walk `P = (I + D^-1 W) / 2` on a weighted graph with
stationary law `pi(u) = d(u) / vol`, the diffusion similarity at scale `t` is
`K_t(u, v) = P^t(u, v) / pi(v)`. With `A = D^-1/2 W_walk D^-1/2 =
sum_k lam_k psi_k psi_k^T`,

    K_t(u, v) = vol * sum_k lam_k^t psi_k(u) psi_k(v) / sqrt(d(u) d(v)),

so `f(u)_k = sqrt(vol) lam_k^(t/2) psi_k(u) / sqrt(d(u))` has
`<f(u), f(v)> = K_t(u, v)`. The collision `C_t(mu) = E_{u,v~mu} K_t(u, v)`
is at least 1, with equality exactly at `mu P^(t/2) = pi` (t even); the
diversity is `D_t(mu) = 1 / C_t(mu)`. See the mathematics section of
the README's mathematics.

Everything here is dense, `(n, n)`: meant for ground truth on graphs of a few
thousand nodes at most (n = 2,000 is 32 MB per matrix). Larger graphs are
handled by the learned embeddings of `embeddings.contrastive`.

A source is a `TheoremGraph` (its `weight_matrix`, virtual self-loops of
isolated nodes included, node order `names()`) or a symmetric weight matrix.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

import numpy as np

from embeddings.graph import TheoremGraph

__all__ = [
    "Agreement",
    "GraphSource",
    "collision",
    "collision_by_walk",
    "diffusion_kernel",
    "diversity",
    "embedding_collision",
    "embedding_diversity",
    "empirical_distribution",
    "similarity_agreement",
    "spectral_embedding",
    "stationary",
    "transition",
    "weights_of",
]

logger = logging.getLogger(__name__)

GraphSource = TheoremGraph | np.ndarray
"""A theorem graph, or a symmetric non-negative weight matrix `(n, n)`."""

# Lazy eigenvalues are >= 0 exactly; eigh returns them to within a few ulps.
_EIGENVALUE_TOLERANCE = 1e-10


def weights_of(source: GraphSource) -> np.ndarray:
    """The weight matrix of `source`, shape `(n, n)`, float64.

    Returns:
        A new array; for a `TheoremGraph`, rows in `names()` order.

    Raises:
        ValueError: if a matrix is not square, symmetric, finite and
            non-negative, or has a node of degree 0.
    """
    if isinstance(source, TheoremGraph):
        return source.weight_matrix()[1]
    weights = np.array(source, dtype=np.float64)
    if weights.ndim != 2 or weights.shape[0] != weights.shape[1]:
        raise ValueError(f"weight matrix must be square, not {weights.shape}")
    if not np.all(np.isfinite(weights)) or np.any(weights < 0):
        raise ValueError("weights must be finite and non-negative")
    if not np.allclose(weights, weights.T, rtol=1e-12, atol=1e-12):
        raise ValueError("weight matrix must be symmetric")
    if np.any(weights.sum(axis=1) <= 0):
        raise ValueError("every node needs a positive degree (add a self-loop)")
    return weights


def transition(source: GraphSource, lazy: bool = True) -> np.ndarray:
    """The walk `P = D^-1 W`, or `(I + P) / 2` if `lazy`; shape `(n, n)`.

    Raises:
        ValueError: as `weights_of`.
    """
    weights = weights_of(source)
    step = weights / weights.sum(axis=1, keepdims=True)
    return 0.5 * (np.eye(len(step)) + step) if lazy else step


def stationary(source: GraphSource) -> np.ndarray:
    """The stationary law `pi(u) = d(u) / vol`, shape `(n,)`.

    It is the same for the lazy and the plain walk.

    Raises:
        ValueError: as `weights_of`.
    """
    degree = weights_of(source).sum(axis=1)
    return degree / degree.sum()


def _spectrum(
    source: GraphSource, lazy: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Eigen-decompose the symmetrized walk `A = D^-1/2 W_walk D^-1/2`.

    Returns:
        `(eigenvalues (n,), eigenvectors (n, n) as columns, degrees (n,))`,
        eigenvalues in decreasing order; lazy eigenvalues are clipped to
        `[0, 1]`.
    """
    weights = weights_of(source)
    degree = weights.sum(axis=1)
    scale = 1.0 / np.sqrt(degree)
    symmetric = scale[:, None] * weights * scale[None, :]
    if lazy:
        symmetric = 0.5 * (np.eye(len(degree)) + symmetric)
    values, vectors = np.linalg.eigh(symmetric)
    order = np.argsort(-values, kind="stable")
    values, vectors = values[order], vectors[:, order]
    if lazy:
        assert values.min() > -_EIGENVALUE_TOLERANCE, values.min()
        values = np.clip(values, 0.0, 1.0)
    return values, vectors, degree


def _check_scale(t: int) -> None:
    if int(t) != t or t < 0:
        raise ValueError(f"t must be a non-negative integer, not {t}")


def diffusion_kernel(
    source: GraphSource,
    t: int,
    *,
    lazy: bool = True,
    method: Literal["spectral", "power"] = "spectral",
) -> np.ndarray:
    """The diffusion similarity `K_t(u, v) = P^t(u, v) / pi(v)`, shape `(n, n)`.

    `method="power"` takes the matrix power of P; `"spectral"` sums the
    eigen-decomposition, which is exactly symmetric. Both agree to rounding.

    Raises:
        ValueError: if `t` is not a non-negative integer, if `method` is
            unknown, or as `weights_of`.
    """
    _check_scale(t)
    if method == "power":
        step = transition(source, lazy=lazy)
        return np.linalg.matrix_power(step, int(t)) / stationary(source)[None, :]
    if method != "spectral":
        raise ValueError(f"method must be 'spectral' or 'power', not {method!r}")
    values, vectors, degree = _spectrum(source, lazy)
    scaled = vectors / np.sqrt(degree)[:, None]
    return degree.sum() * (scaled * values**t) @ scaled.T


def spectral_embedding(
    source: GraphSource, t: int, r: int | None = None, *, lazy: bool = True
) -> np.ndarray:
    """The exact embedding `f(u)_k = sqrt(vol) lam_k^(t/2) psi_k(u) / sqrt(d(u))`.

    Its inner products are `K_t`: `f @ f.T == diffusion_kernel(source, t)` when
    `r` is None. With `r`, only the `r` coordinates of largest `|lam_k|^t` are
    kept, which gives the best rank-`r` approximation of `K_t` in the
    `pi (x) pi`-weighted squared error.

    Returns:
        An array `(n, r)` (`(n, n)` if `r` is None), rows in node order,
        columns by decreasing `|lam_k|`.

    Raises:
        ValueError: if `r` is not in `1..n`; if `t` is odd for the plain walk
            and an eigenvalue is negative (`lam^(t/2)` would not be real); or
            as `diffusion_kernel`.
    """
    _check_scale(t)
    values, vectors, degree = _spectrum(source, lazy)
    n = len(values)
    if r is not None and not 1 <= r <= n:
        raise ValueError(f"r must be in 1..{n}, not {r}")
    if not lazy:
        if t % 2 and values.min() < -_EIGENVALUE_TOLERANCE:
            raise ValueError("odd t needs non-negative eigenvalues: use lazy=True")
        order = np.argsort(-np.abs(values), kind="stable")
        values, vectors = np.abs(values[order]), vectors[:, order]
    keep = n if r is None else r
    root = np.sqrt(values[:keep]) ** t
    embedding = np.sqrt(degree.sum()) * vectors[:, :keep] * root
    embedding /= np.sqrt(degree)[:, None]
    assert embedding.shape == (n, keep)
    return embedding


# ---------------------------------------------------------------------------
# Diversity
# ---------------------------------------------------------------------------


def _check_distribution(mu: np.ndarray, n: int) -> np.ndarray:
    mu = np.asarray(mu, dtype=np.float64)
    if mu.shape != (n,):
        raise ValueError(f"distribution must have shape ({n},), not {mu.shape}")
    if np.any(mu < 0) or not np.isclose(mu.sum(), 1.0, rtol=0, atol=1e-9):
        raise ValueError("distribution must be non-negative and sum to 1")
    return mu


def collision(mu: np.ndarray, kernel: np.ndarray) -> float:
    """The collision `C_t(mu) = sum_{u,v} mu(u) mu(v) K_t(u, v)`.

    Args:
        mu: a probability distribution over the nodes, `(n,)`.
        kernel: `K_t` from `diffusion_kernel`, `(n, n)`.

    Returns:
        `C_t(mu)`, at least 1 (to rounding) for a true `K_t`.

    Raises:
        ValueError: if `mu` is not a distribution of matching length.
    """
    mu = _check_distribution(mu, len(kernel))
    return float(mu @ kernel @ mu)


def collision_by_walk(
    mu: np.ndarray, source: GraphSource, t: int, *, lazy: bool = True
) -> float:
    """`C_t(mu) = sum_w (mu P^s)(w)^2 / pi(w)` for even `t = 2s`, without K_t.

    Returns:
        `C_t(mu)`, equal to `collision(mu, diffusion_kernel(source, t))`.

    Raises:
        ValueError: if `t` is not even and non-negative, if `mu` is not a
            distribution, or as `weights_of`.
    """
    _check_scale(t)
    if t % 2:
        raise ValueError(f"collision_by_walk needs an even t, not {t}")
    step = transition(source, lazy=lazy)
    spread = _check_distribution(mu, len(step))
    for _ in range(t // 2):
        spread = spread @ step
    return float(np.sum(spread**2 / stationary(source)))


def diversity(mu: np.ndarray, kernel: np.ndarray) -> float:
    """The diversity `D_t(mu) = 1 / C_t(mu)`, in `(0, 1]`; 1 exactly at `pi`.

    Raises:
        ValueError: as `collision`.
    """
    return 1.0 / collision(mu, kernel)


def embedding_collision(
    embeddings: np.ndarray, weights: np.ndarray | None = None
) -> float:
    """`C_t(mu) ~ ||E_mu f||^2`, the squared norm of the mean embedding.

    Args:
        embeddings: `f` of the items, `(m, r)`; an item listed twice counts
            twice.
        weights: the law `mu` over the rows, `(m,)`; uniform if None.

    Returns:
        `||sum_i weights_i f_i||^2`; exact when `f` is the full
        `spectral_embedding`. Costs O(m r).

    Raises:
        ValueError: if `embeddings` is not a non-empty 2-d array, or
            `weights` is not a distribution over its rows.
    """
    embeddings = np.asarray(embeddings, dtype=np.float64)
    if embeddings.ndim != 2 or len(embeddings) == 0:
        raise ValueError(f"embeddings must be (m, r) with m > 0: {embeddings.shape}")
    m = len(embeddings)
    mu = np.full(m, 1.0 / m) if weights is None else _check_distribution(weights, m)
    mean = mu @ embeddings
    return float(mean @ mean)


def embedding_diversity(
    embeddings: np.ndarray, weights: np.ndarray | None = None
) -> float:
    """`D_t(mu) ~ 1 / ||E_mu f||^2`: the diversity from embeddings.

    Raises:
        ValueError: as `embedding_collision`.
    """
    return 1.0 / embedding_collision(embeddings, weights)


def empirical_distribution(
    items: list[str] | np.ndarray, names: list[str]
) -> np.ndarray:
    """The law of a multiset of nodes, as a vector over `names`.

    Args:
        items: node names (or integer indices into `names`), repeats allowed.
        names: the node order, e.g. `graph.names()`.

    Returns:
        `mu`, shape `(len(names),)`: each node's share of `items`.

    Raises:
        ValueError: if `items` is empty.
        KeyError: if an item is not in `names`.
    """
    if len(items) == 0:
        raise ValueError("no items")
    items = list(items)
    if isinstance(items[0], str):
        position = {name: i for i, name in enumerate(names)}
        items = [position[item] for item in items]
    counts = np.bincount(np.asarray(items, dtype=np.intp), minlength=len(names))
    return counts / counts.sum()


# ---------------------------------------------------------------------------
# Agreement of estimated and exact similarities
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    """How well estimated similarities match exact ones.

    Attributes:
        pearson: Pearson correlation over all compared pairs.
        recall: mean over rows of the share of the `k` most similar by the
            exact values found among the `k` most similar by the estimate.
        k: the `k` of `recall`.
        pairs: how many pairs `pearson` compared.
    """

    pearson: float
    recall: float
    k: int
    pairs: int


def similarity_agreement(
    estimate: np.ndarray,
    exact: np.ndarray,
    k: int = 10,
    exclude: np.ndarray | None = None,
) -> Agreement:
    """Compare estimated similarities with exact ones, row by row.

    Args:
        estimate: estimated similarities, `(m, n)`, e.g. inner products of
            embeddings of m query nodes with n nodes.
        exact: the exact similarities, `(m, n)`, e.g. rows of `K_t`.
        k: how many most similar nodes `recall` compares.
        exclude: for each row, a column left out of both measures (the
            query node itself), `(m,)` of column indices; -1 for none.

    Returns:
        An `Agreement`. Ties in `exact` at the k-th place are broken by
        column order.

    Raises:
        ValueError: if the shapes differ, or `k` is not in `1..n-1`.
    """
    estimate = np.asarray(estimate, dtype=np.float64)
    exact = np.asarray(exact, dtype=np.float64)
    if estimate.shape != exact.shape or estimate.ndim != 2:
        raise ValueError(f"shapes differ: {estimate.shape} vs {exact.shape}")
    m, n = exact.shape
    if not 1 <= k <= n - 1:
        raise ValueError(f"k must be in 1..{n - 1}, not {k}")
    keep = np.ones((m, n), dtype=bool)
    if exclude is not None:
        rows = np.flatnonzero(np.asarray(exclude) >= 0)
        keep[rows, np.asarray(exclude)[rows]] = False
    pearson = float(np.corrcoef(estimate[keep], exact[keep])[0, 1])
    masked_estimate = np.where(keep, estimate, -np.inf)
    masked_exact = np.where(keep, exact, -np.inf)
    true_top = np.argsort(-masked_exact, axis=1, kind="stable")[:, :k]
    found_top = np.argsort(-masked_estimate, axis=1, kind="stable")[:, :k]
    hits = [len(np.intersect1d(a, b)) for a, b in zip(true_top, found_top)]
    return Agreement(pearson, float(np.mean(hits)) / k, k, int(keep.sum()))
