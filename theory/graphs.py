"""Synthetic graph families, and exact measures of how well a graph is connected.

The families are the ones the growth theorem contrasts: random regular graphs
(expanders), 2-D grids, cycles and paths, and two cliques joined by one edge
(a barbell). Each is returned as a symmetric 0/1 weight matrix `(n, n)`, the
form `embeddings.diffusion` accepts.

Connectivity is measured two ways, both for the plain reversible walk
`P = D^-1 W`:

- the spectral gap `1 - lambda_2(P)`, exact to rounding (a dense eigensolve);
- the conductance `Phi = min_S w(S, S^c) / min(vol S, vol S^c)`. Finding it is
  NP-hard in general: `exact_conductance` enumerates every cut (up to 20
  nodes), `sweep_conductance` takes the best cut along the second eigenvector.
  The sweep is an upper bound; Cheeger's inequality
  `gap / 2 <= Phi <= sqrt(2 gap)` brackets the exact value.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from embeddings.diffusion import weights_of
from theory.errors import TheoryError

__all__ = [
    "EXACT_CONDUCTANCE_LIMIT",
    "FAMILIES",
    "Connectivity",
    "barbell",
    "connectivity",
    "cut_conductance",
    "cycle",
    "exact_conductance",
    "expander",
    "family",
    "grid",
    "path",
    "spectral_gap",
    "sweep_conductance",
]

FAMILIES = ("expander", "grid", "cycle", "path", "barbell")

EXACT_CONDUCTANCE_LIMIT = 20
"""Enumerating the 2^19 cuts of 20 nodes took 0.4 s here; the time doubles
with each node."""

# Degree of the random regular expanders: 4 is the smallest even degree whose
# random regular graphs are, with high probability, connected expanders with a
# gap bounded away from 0 (3-regular ones are too, but need n even).
EXPANDER_DEGREE = 4


def expander(n: int, seed: int, degree: int = EXPANDER_DEGREE) -> np.ndarray:
    """A connected random `degree`-regular graph on `n` nodes, `(n, n)`.

    Draws again (seed, seed + 1, ...) until the graph is connected.

    Raises:
        TheoryError: if `n * degree` is odd or `n <= degree`.
    """
    if n <= degree or (n * degree) % 2:
        raise TheoryError(f"no {degree}-regular graph on {n} nodes")
    for attempt in range(100):
        graph = nx.random_regular_graph(degree, n, seed=seed + attempt)
        if nx.is_connected(graph):
            return nx.to_numpy_array(graph, nodelist=range(n))
    raise TheoryError(f"no connected {degree}-regular graph on {n} nodes in 100 draws")


def grid(rows: int, cols: int) -> np.ndarray:
    """The `rows x cols` grid graph, nodes numbered row by row, `(n, n)`."""
    graph = nx.grid_2d_graph(rows, cols)
    order = [(r, c) for r in range(rows) for c in range(cols)]
    return nx.to_numpy_array(graph, nodelist=order)


def cycle(n: int) -> np.ndarray:
    """The cycle on `n >= 3` nodes, `(n, n)`."""
    return nx.to_numpy_array(nx.cycle_graph(n), nodelist=range(n))


def path(n: int) -> np.ndarray:
    """The path on `n >= 2` nodes, `(n, n)`."""
    return nx.to_numpy_array(nx.path_graph(n), nodelist=range(n))


def barbell(clique: int) -> np.ndarray:
    """Two cliques of `clique` nodes joined by one edge, `(2 clique, 2 clique)`.

    Nodes `0..clique-1` form the first clique; the bridge joins node
    `clique - 1` to node `clique`.
    """
    return nx.to_numpy_array(nx.barbell_graph(clique, 0), nodelist=range(2 * clique))


def family(name: str, nodes: int, seed: int = 0) -> np.ndarray:
    """A member of family `name` with about `nodes` nodes, `(n, n)`.

    The grid is `rows x 2 rows` (not square, so that its second eigenvalue is
    simple and the sweep cut is the straight cut across its long side); the
    barbell has two cliques of `nodes // 2`.

    Raises:
        TheoryError: if `name` is not one of FAMILIES, or `nodes < 6`.
    """
    if nodes < 6:
        raise TheoryError(f"a family member needs at least 6 nodes, not {nodes}")
    if name == "expander":
        return expander(nodes + nodes % 2, seed)
    if name == "grid":
        rows = max(2, round((nodes / 2) ** 0.5))
        return grid(rows, 2 * rows)
    if name == "cycle":
        return cycle(nodes)
    if name == "path":
        return path(nodes)
    if name == "barbell":
        return barbell(nodes // 2)
    raise TheoryError(
        f"unknown graph family {name!r}; choose from {', '.join(FAMILIES)}"
    )


# ---------------------------------------------------------------------------
# Connectivity
# ---------------------------------------------------------------------------


def _walk_spectrum(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Eigenvalues (decreasing) and eigenvectors of `D^-1/2 W D^-1/2`, and `d`."""
    degree = weights.sum(axis=1)
    scale = 1.0 / np.sqrt(degree)
    values, vectors = np.linalg.eigh(scale[:, None] * weights * scale[None, :])
    order = np.argsort(-values, kind="stable")
    return values[order], vectors[:, order], degree


def spectral_gap(weights: np.ndarray) -> float:
    """`1 - lambda_2` of the plain walk `P = D^-1 W`; 0 for a disconnected graph.

    The lazy walk `(I + P) / 2` has half this gap.

    Raises:
        ValueError: as `embeddings.diffusion.weights_of`.
    """
    values, _, _ = _walk_spectrum(weights_of(weights))
    return float(max(0.0, 1.0 - values[1]))


def cut_conductance(weights: np.ndarray, inside: np.ndarray) -> float:
    """`w(S, S^c) / min(vol S, vol S^c)` of the cut given by the mask `inside` `(n,)`.

    Raises:
        ValueError: if `inside` selects no node or every node.
    """
    inside = np.asarray(inside, dtype=bool)
    if inside.all() or not inside.any():
        raise ValueError("a cut needs nodes on both sides")
    degree = weights.sum(axis=1)
    cut = weights[inside][:, ~inside].sum()
    return float(cut / min(degree[inside].sum(), degree[~inside].sum()))


def exact_conductance(weights: np.ndarray) -> tuple[float, np.ndarray]:
    """The conductance by enumerating every cut; feasible up to 20 nodes.

    Returns:
        `(Phi, inside)`: the value and the mask `(n,)` of a minimizing side
        (the one not containing the last node).

    Raises:
        TheoryError: if the graph has more than EXACT_CONDUCTANCE_LIMIT nodes.
    """
    weights = weights_of(weights)
    n = len(weights)
    if n > EXACT_CONDUCTANCE_LIMIT:
        raise TheoryError(
            f"exact conductance enumerates 2^n cuts: {n} nodes is over the "
            f"limit of {EXACT_CONDUCTANCE_LIMIT}; use the sweep cut"
        )
    degree = weights.sum(axis=1)
    best, best_mask = np.inf, None
    # Sides that leave out the last node: each cut once.
    codes = np.arange(1, 2 ** (n - 1), dtype=np.int64)
    for chunk in np.array_split(codes, max(1, len(codes) // 65536)):
        inside = ((chunk[:, None] >> np.arange(n)) & 1).astype(np.float64)
        cut = ((inside @ weights) * (1.0 - inside)).sum(axis=1)
        volume = inside @ degree
        ratio = cut / np.minimum(volume, degree.sum() - volume)
        i = int(np.argmin(ratio))
        if ratio[i] < best:
            best, best_mask = float(ratio[i]), inside[i].astype(bool)
    return best, best_mask


def sweep_conductance(weights: np.ndarray) -> tuple[float, np.ndarray]:
    """The best cut among the prefixes of the nodes sorted by the second eigenvector.

    The eigenvector is that of `D^-1/2 W D^-1/2`, rescaled by `D^-1/2`. The
    value is an upper bound on the conductance, within Cheeger's bracket.

    Returns:
        `(Phi_sweep, inside)`: the value and the mask `(n,)` of its smaller side.

    Raises:
        ValueError: as `embeddings.diffusion.weights_of`.
    """
    weights = weights_of(weights)
    _, vectors, degree = _walk_spectrum(weights)
    order = np.argsort(vectors[:, 1] / np.sqrt(degree), kind="stable")
    ordered = weights[np.ix_(order, order)]
    inner = np.diagonal(ordered.cumsum(axis=0).cumsum(axis=1))[:-1]
    volume = np.cumsum(degree[order])[:-1]
    cut = volume - inner
    ratio = cut / np.minimum(volume, degree.sum() - volume)
    k = int(np.argmin(ratio))
    inside = np.zeros(len(weights), dtype=bool)
    inside[order[: k + 1]] = True
    if degree[inside].sum() > degree.sum() / 2:
        inside = ~inside
    return float(ratio[k]), inside


@dataclass(frozen=True)
class Connectivity:
    """How well connected a graph is.

    Attributes:
        nodes: number of nodes.
        gap: spectral gap `1 - lambda_2` of the plain walk.
        conductance: the exact conductance (up to 20 nodes), else the sweep cut.
        exact: whether `conductance` is exact; if not it is an upper bound.
        cheeger_low: `gap / 2`, a lower bound on the conductance.
    """

    nodes: int
    gap: float
    conductance: float
    exact: bool

    @property
    def cheeger_low(self) -> float:
        return self.gap / 2


def connectivity(weights: np.ndarray) -> Connectivity:
    """Spectral gap and conductance of a graph (exact when it has at most 20 nodes).

    Raises:
        ValueError: as `embeddings.diffusion.weights_of`.
    """
    weights = weights_of(weights)
    exact = len(weights) <= EXACT_CONDUCTANCE_LIMIT
    value = exact_conductance(weights)[0] if exact else sweep_conductance(weights)[0]
    return Connectivity(len(weights), spectral_gap(weights), value, exact)
