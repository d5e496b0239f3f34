"""Random walks on the theorem graph: vectorized sampling and the diversity walk.

`WalkTable` holds the walk `P(u, v) = w(u, v) / d(u)` in sparse form and
samples many walks at once: the positive pairs `u ~ pi`, `v ~ P^t(u, .)` of
the contrastive loss come from it.

`diversity_walk` is the diversity-aware walk of the README's mathematics: from the current
node `u` it moves to a neighbour `v` with probability proportional to
`Q(u, v) exp(-beta s(v))`, where `Q` is a proposal (by default `P`) and
`s(v) = mean_{x in S} K_t(v, x)` is the mean similarity of `v` to the walk's
recent window `S` of visited nodes, its training set. Since
`C_t(S + v) - C_t(S) = (2n s(v) + K_t(v, v) - (2n + 1) C_t(S)) / (n + 1)^2`,
preferring small `s(v)` keeps `D_t` of the visited set high; `beta = 0` is
the plain walk driven by `Q`.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from embeddings.graph import TheoremGraph

__all__ = [
    "DEFAULT_WINDOW",
    "Proposal",
    "WalkTable",
    "WindowSimilarity",
    "diversity_walk",
    "diversity_weights",
]

logger = logging.getLogger(__name__)

DEFAULT_WINDOW = 200
"""The recent visits that stand for the training set. The planted trap
simulation uses 200: long enough to hold a few hundred distinct theorems, a
round's worth of conjectures, short enough to forget where the walk was long
ago."""

Proposal = Callable[[int, np.ndarray, np.ndarray], np.ndarray]
"""`proposal(u, neighbours (k,), weights (k,)) -> Q(u, neighbours) (k,)`:
non-negative proposal weights, not necessarily normalized."""


@dataclass(frozen=True)
class WalkTable:
    """The walk of a graph in compressed sparse rows.

    Node `u`'s neighbours are `indices[indptr[u]:indptr[u + 1]]` with weights
    `weights[...]` in the same slice. A node without edges has a self-loop,
    as in `TheoremGraph.weight_matrix`, so every degree is positive.

    Attributes:
        names: node names in index order (`graph.names()`), or `"0".."n-1"`.
        indptr: `(n + 1,)` row offsets.
        indices: `(nnz,)` neighbour indices.
        weights: `(nnz,)` positive edge weights.
    """

    names: list[str]
    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray

    @classmethod
    def from_graph(cls, graph: TheoremGraph) -> WalkTable:
        """The walk of a theorem graph, without building a dense matrix."""
        names = graph.names()
        position = {name: i for i, name in enumerate(names)}
        rows, cols, values = [], [], []
        for u, v, w in graph.graph.edges(data="weight"):
            if w > 0:
                rows += [position[u], position[v]]
                cols += [position[v], position[u]]
                values += [w, w]
        lonely = set(range(len(names))) - set(rows)
        rows += sorted(lonely)
        cols += sorted(lonely)
        values += [graph.isolated_weight] * len(lonely)
        return cls._from_triples(names, rows, cols, values)

    @classmethod
    def from_weights(cls, weights: np.ndarray) -> WalkTable:
        """The walk of a symmetric weight matrix `(n, n)`; names are indices.

        Raises:
            ValueError: as `embeddings.diffusion.weights_of`.
        """
        from embeddings.diffusion import weights_of

        dense = weights_of(weights)
        rows, cols = np.nonzero(dense)
        names = [str(i) for i in range(len(dense))]
        return cls._from_triples(names, rows, cols, dense[rows, cols])

    @classmethod
    def of(cls, source: TheoremGraph | np.ndarray) -> WalkTable:
        """`from_graph` or `from_weights`, whichever `source` needs."""
        if isinstance(source, TheoremGraph):
            return cls.from_graph(source)
        return cls.from_weights(source)

    @classmethod
    def _from_triples(cls, names, rows, cols, values) -> WalkTable:
        rows = np.asarray(rows, dtype=np.intp)
        cols = np.asarray(cols, dtype=np.intp)
        values = np.asarray(values, dtype=np.float64)
        order = np.lexsort((cols, rows))
        counts = np.bincount(rows, minlength=len(names))
        indptr = np.concatenate([[0], np.cumsum(counts)])
        return cls(list(names), indptr, cols[order], values[order])

    def __len__(self) -> int:
        return len(self.names)

    @property
    def degree(self) -> np.ndarray:
        """The degrees `d(u)`, `(n,)`."""
        return np.add.reduceat(self.weights, self.indptr[:-1])

    @property
    def stationary(self) -> np.ndarray:
        """The stationary law `pi(u) = d(u) / vol`, `(n,)`."""
        degree = self.degree
        return degree / degree.sum()

    def neighbours(self, u: int) -> tuple[np.ndarray, np.ndarray]:
        """Node `u`'s neighbours `(k,)` and edge weights `(k,)`."""
        span = slice(self.indptr[u], self.indptr[u + 1])
        return self.indices[span], self.weights[span]

    def sample_stationary(self, size: int, rng: np.random.Generator) -> np.ndarray:
        """`size` independent draws from `pi`, `(size,)` indices."""
        return rng.choice(len(self), size=size, p=self.stationary)

    def step(
        self, nodes: np.ndarray, rng: np.random.Generator, lazy: bool = True
    ) -> np.ndarray:
        """One step of the walk from each of `nodes` `(b,)`; returns `(b,)`.

        With `lazy`, each walker first stays put with probability 1/2.
        """
        nodes = np.asarray(nodes, dtype=np.intp)
        cumulative = self._cumulative()
        start = self.indptr[nodes]
        below = np.where(start > 0, cumulative[start - 1], 0.0)
        total = cumulative[self.indptr[nodes + 1] - 1] - below
        draw = below + rng.random(len(nodes)) * total
        slot = np.searchsorted(cumulative, draw, side="right")
        slot = np.minimum(slot, self.indptr[nodes + 1] - 1)
        moved = self.indices[slot]
        if lazy:
            moved = np.where(rng.random(len(nodes)) < 0.5, nodes, moved)
        return moved

    def walk_ends(
        self, starts: np.ndarray, t: int, rng: np.random.Generator, lazy: bool = True
    ) -> np.ndarray:
        """Where `t`-step walks from `starts` `(b,)` end: draws of `P^t(u, .)`."""
        nodes = np.asarray(starts, dtype=np.intp)
        for _ in range(t):
            nodes = self.step(nodes, rng, lazy)
        return nodes

    def positive_pairs(
        self, size: int, t: int, rng: np.random.Generator, lazy: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        """`size` pairs `u ~ pi`, `v ~ P^t(u, .)`; returns `(u (size,), v (size,))`.

        Both marginals are `pi`, since the walk is reversible.
        """
        starts = self.sample_stationary(size, rng)
        return starts, self.walk_ends(starts, t, rng, lazy)

    def _cumulative(self) -> np.ndarray:
        # Frozen dataclass: cache through __dict__.
        cached = self.__dict__.get("_cumulative_weights")
        if cached is None:
            cached = np.cumsum(self.weights)
            object.__setattr__(self, "_cumulative_weights", cached)
        return cached


class WindowSimilarity:
    """`s(v) = mean_{x in S} K_t(v, x)` for the last `window` visited nodes S.

    Give either the exact `kernel` `(n, n)` (then `s` is exact) or
    `embeddings` `(n, r)` (then `s(v) = <f(v), m>`, `m` the mean embedding of
    S). The sum over S is kept up to date as nodes enter and leave, so each
    visit costs O(n) (kernel) or O(r) (embeddings), and each score O(1) or
    O(r).

    Raises:
        ValueError: unless exactly one of `kernel` and `embeddings` is given,
            or if `window < 1`.
    """

    def __init__(
        self,
        kernel: np.ndarray | None = None,
        embeddings: np.ndarray | None = None,
        window: int = DEFAULT_WINDOW,
    ):
        if (kernel is None) == (embeddings is None):
            raise ValueError("give exactly one of kernel and embeddings")
        if window < 1:
            raise ValueError(f"window must be >= 1, not {window}")
        self.window = int(window)
        self._kernel = None if kernel is None else np.asarray(kernel, np.float64)
        self._embeddings = (
            None if embeddings is None else np.asarray(embeddings, np.float64)
        )
        rows = self._kernel if self._kernel is not None else self._embeddings
        self._total = np.zeros(rows.shape[1])
        self._members: deque[int] = deque()

    def __len__(self) -> int:
        return len(self._members)

    def _row(self, x: int) -> np.ndarray:
        if self._kernel is not None:
            return self._kernel[x]
        return self._embeddings[x]

    def push(self, x: int) -> None:
        """Add a visit of node `x`, forgetting the oldest beyond the window."""
        self._members.append(x)
        self._total += self._row(x)
        if len(self._members) > self.window:
            self._total -= self._row(self._members.popleft())

    def scores(self, candidates: np.ndarray) -> np.ndarray:
        """`s(v)` for each of `candidates` `(k,)`; zeros while S is empty."""
        candidates = np.asarray(candidates, dtype=np.intp)
        if not self._members:
            return np.zeros(len(candidates))
        if self._kernel is not None:
            total = self._total[candidates]
        else:
            total = self._embeddings[candidates] @ self._total
        return total / len(self._members)


def diversity_weights(
    proposal: np.ndarray, scores: np.ndarray, beta: float
) -> np.ndarray:
    """Move probabilities `∝ proposal * exp(-beta * scores)`.

    Args:
        proposal: `Q(u, v)` of the candidates, `(k,)`, non-negative.
        scores: `s(v)` of the candidates, `(k,)`.
        beta: the strength of the push towards diversity; 0 keeps `proposal`.

    Returns:
        Probabilities `(k,)` summing to 1.

    Raises:
        ValueError: if the shapes differ, a weight is negative, `beta` is
            negative, or no candidate has positive proposal weight.
    """
    proposal = np.asarray(proposal, dtype=np.float64)
    scores = np.asarray(scores, dtype=np.float64)
    if proposal.shape != scores.shape or proposal.ndim != 1:
        raise ValueError(f"shapes differ: {proposal.shape} vs {scores.shape}")
    if beta < 0 or np.any(proposal < 0):
        raise ValueError("beta and proposal weights must be non-negative")
    usable = proposal > 0
    if not usable.any():
        raise ValueError("no candidate has a positive proposal weight")
    # Shift by the smallest score among usable candidates: same law, no
    # overflow, and the best candidate keeps factor 1 (no underflow to 0/0).
    shifted = scores - scores[usable].min()
    odds = np.where(usable, proposal * np.exp(-beta * shifted), 0.0)
    return odds / odds.sum()


def diversity_walk(
    source: TheoremGraph | np.ndarray | WalkTable,
    start: int | str,
    steps: int,
    rng: np.random.Generator,
    *,
    beta: float = 1.0,
    similarity: WindowSimilarity | None = None,
    proposal: Proposal | None = None,
    lazy: bool = False,
) -> np.ndarray:
    """Run the diversity-aware walk for `steps` steps.

    Each step scores the neighbours `v` of the current node `u` by
    `similarity` (against the window of visits so far, the current node
    included) and moves with probability `∝ Q(u, v) exp(-beta s(v))`.

    Args:
        source: the graph, its weight matrix, or its `WalkTable`.
        start: the first node, by index or (for a graph) by name.
        steps: how many moves.
        rng: the random generator; the same seed gives the same walk.
        beta: diversity strength; 0 is the plain walk driven by `proposal`.
        similarity: the window and its `K_t`; needed when `beta > 0`. It is
            updated in place with every visit.
        proposal: `Q`; None is `P(u, .)` (the edge weights).
        lazy: stay put with probability 1/2 before each move.

    Returns:
        The visited node indices, `(steps + 1,)`, starting with `start`; names
        are `WalkTable.of(source).names[i]` (for a graph, `graph.names()`).

    Raises:
        ValueError: if `steps < 0`, `beta < 0`, `beta > 0` without a
            `similarity`, or a proposal gives no positive weight.
        KeyError: if `start` is not a node.
    """
    table = source if isinstance(source, WalkTable) else WalkTable.of(source)
    if steps < 0 or beta < 0:
        raise ValueError(f"steps and beta must be >= 0, not {steps}, {beta}")
    if beta > 0 and similarity is None:
        raise ValueError("a diversity walk with beta > 0 needs a similarity")
    if isinstance(start, str):
        if start not in table.names:
            raise KeyError(start)
        u = table.names.index(start)
    else:
        u = int(start)
        if not 0 <= u < len(table):
            raise KeyError(start)
    path = np.empty(steps + 1, dtype=np.intp)
    path[0] = u
    for i in range(1, steps + 1):
        if similarity is not None:
            similarity.push(u)
        if not (lazy and rng.random() < 0.5):
            u = _diverse_step(table, u, rng, beta, similarity, proposal)
        path[i] = u
    logger.debug("diversity walk: %d steps, %d nodes", steps, len(set(path)))
    return path


def _diverse_step(
    table: WalkTable,
    u: int,
    rng: np.random.Generator,
    beta: float,
    similarity: WindowSimilarity | None,
    proposal: Proposal | None,
) -> int:
    """One move of `diversity_walk` from `u`; returns the next node."""
    candidates, weights = table.neighbours(u)
    odds = weights if proposal is None else np.asarray(proposal(u, candidates, weights))
    if beta > 0:
        odds = diversity_weights(odds, similarity.scores(candidates), beta)
    else:
        odds = diversity_weights(odds, np.zeros(len(candidates)), 0.0)
    return int(candidates[rng.choice(len(candidates), p=odds)])
