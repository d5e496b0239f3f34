"""The self-play growth model on a graph, simulated.

A round of the model mirrors a round of leanplay:

1. the conjecturer starts `c * |S|` walkers at proved theorems, drawn from the
   stationary law restricted to the proved set `S` (`pi_S`), and each walks
   `t` steps; where a walker ends is its conjecture;
2. the conjectures are deduplicated; each new one that is a neighbour of `S`
   is proved with probability `p` (the prover, trained on `S`, reaches one
   step beyond it), any other is not;
3. `S` grows by what was proved.

With `t = 1` a walker from `pi_S` leaves `S` with probability
`w(S, S^c) / vol(S)`, the conductance of `S`, so the expected growth factor is
about `1 + p c Phi(S)`, less the walkers that conjecture the same theorem.
When every set up to half the volume has `Phi(S) >= Phi > 0` this is a
constant factor per round (exponential growth); on a grid `Phi(S)` falls like
`|S|^-1/2` (quadratic growth), on a path or cycle like `1 / |S|` (linear), and
on a barbell it is `1 / vol(clique)` once one clique is proved (a stall).

The diversity-aware conjecturer (the README's mathematics) moves from `u` to a neighbour `v`
with probability `∝ w(u, v) exp(-beta s(v))`, where
`s(v) = mean_{x in S} K_t(v, x)` is the mean diffusion similarity of `v` to
the proved set; `beta = 0` is the plain reversible walk.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

import numpy as np

from embeddings.diffusion import diffusion_kernel, weights_of
from theory.errors import TheoryError
from theory.graphs import Connectivity, connectivity, family

__all__ = [
    "RUN_GRAPH",
    "SATURATION",
    "GraphGrowth",
    "GrowthModel",
    "GrowthStudy",
    "GrowthTrace",
    "ball",
    "exit_probability",
    "expected_new",
    "growth_round",
    "growth_study",
    "simulate_growth",
    "tilted_transition",
]

logger = logging.getLogger(__name__)

SATURATION = 0.9
"""The growth rate is measured until the proved set first covers this share
of the graph: past it the last few theorems are found one by one whatever the
graph, and before it the barbell's stall (at one half) is still included."""


@dataclass(frozen=True)
class GrowthModel:
    """The parameters of the self-play model.

    Attributes:
        proof_probability: `p`, the chance the prover proves a conjectured
            neighbour of its training set. To first order only `p c`
            matters; 0.5 with `c = 2` makes the expected factor `1 + Phi(S)`,
            so a rate reads directly as a conductance. (leanplay's own prover
            is far weaker: 12 of 228 attempts in round 1 of runs/demo.)
        walkers: `c`, conjectures per proved theorem per round.
        walk_length: `t`, steps of each walk; 1 makes the exit probability
            exactly the conductance of the proved set.
        beta: strength of the diversity-aware walk; 0 is the reversible walk.
        scale: `t` of the diffusion similarity `K_t` the diversity walk uses;
            4 reaches past direct neighbours without washing out to `pi`
            (the same scale leanplay logs its diversity at).
        max_rounds: rounds simulated at most.
    """

    proof_probability: float = 0.5
    walkers: int = 2
    walk_length: int = 1
    beta: float = 0.0
    scale: int = 4
    max_rounds: int = 2000

    def __post_init__(self) -> None:
        if not 0 < self.proof_probability <= 1:
            raise TheoryError(f"p must be in (0, 1], not {self.proof_probability}")
        if self.walkers < 1 or self.walk_length < 1 or self.max_rounds < 1:
            raise TheoryError("walkers, walk length and rounds must be positive")
        if self.beta < 0:
            raise TheoryError(f"beta must be >= 0, not {self.beta}")


@dataclass(frozen=True)
class GrowthTrace:
    """The sizes of the proved set, round by round.

    Attributes:
        sizes: `|S_r|` for r = 0, 1, ..., `(rounds + 1,)`.
        exits: the conductance of each `S_r`, `w(S_r, S_r^c) / vol(S_r)`:
            the chance that one step from `pi_S` leaves it, `(rounds + 1,)`.
        nodes: how many nodes the proved set can reach (the whole graph when
            it is connected); saturation is measured against it.
    """

    sizes: np.ndarray
    exits: np.ndarray
    nodes: int

    @property
    def factors(self) -> np.ndarray:
        """Per-round growth factors `|S_r+1| / |S_r|`, `(rounds,)`."""
        return self.sizes[1:] / self.sizes[:-1]

    @property
    def saturation_round(self) -> int | None:
        """The first round at which `S` covers SATURATION of the graph, if any."""
        reached = np.flatnonzero(self.sizes >= SATURATION * self.nodes)
        return int(reached[0]) if len(reached) else None

    @property
    def rate(self) -> float:
        """The mean exponential growth rate until saturation, per round.

        `ln(|S_R| / |S_0|) / R` with R the saturation round (the last round if
        the set never saturated); 0 if no round was run.
        """
        end = self.saturation_round
        end = len(self.sizes) - 1 if end is None else end
        if end == 0:
            return 0.0
        return float(np.log(self.sizes[end] / self.sizes[0]) / end)

    @property
    def longest_stall(self) -> int:
        """The most consecutive rounds without growth before saturation."""
        end = self.saturation_round or len(self.sizes) - 1
        longest = current = 0
        for factor in self.factors[:end]:
            current = current + 1 if factor == 1 else 0
            longest = max(longest, current)
        return longest


def ball(weights: np.ndarray, centre: int, size: int) -> np.ndarray:
    """The first `size` nodes of a breadth-first search from `centre`, `(size,)`.

    Neighbours are visited in index order, so the ball is deterministic.
    """
    seen, frontier = [centre], [centre]
    member = np.zeros(len(weights), dtype=bool)
    member[centre] = True
    while frontier and len(seen) < size:
        nxt = []
        for u in frontier:
            for v in np.flatnonzero(weights[u] > 0):
                if not member[v]:
                    member[v] = True
                    seen.append(int(v))
                    nxt.append(int(v))
        frontier = nxt
    return np.asarray(seen[:size], dtype=np.intp)


def tilted_transition(
    weights: np.ndarray, proved: np.ndarray, beta: float, kernel: np.ndarray | None
) -> np.ndarray:
    """The conjecturer's walk as a dense matrix `(n, n)`, rows summing to 1.

    `Q(u, v) ∝ w(u, v) exp(-beta s(v))` with `s(v) = mean_{x in S} K(v, x)`;
    `beta = 0` (or `kernel` None) gives the reversible walk `P = D^-1 W`. Each
    row is shifted by its smallest score among the neighbours, which leaves
    the law unchanged and keeps the best neighbour's factor at 1, as
    `embeddings.walks.diversity_weights` does.
    """
    if beta == 0 or kernel is None:
        return weights / weights.sum(axis=1, keepdims=True)
    scores = kernel[:, proved].mean(axis=1)
    neighbour = weights > 0
    lowest = np.where(neighbour, scores[None, :], np.inf).min(axis=1, keepdims=True)
    exponent = np.where(neighbour, -beta * (scores[None, :] - lowest), -np.inf)
    odds = weights * np.exp(exponent)
    return odds / odds.sum(axis=1, keepdims=True)


def _start_law(weights: np.ndarray, proved: np.ndarray) -> np.ndarray:
    """`pi` restricted to the proved set and renormalized, `(n,)`."""
    law = np.where(proved, weights.sum(axis=1), 0.0)
    return law / law.sum()


def _frontier(weights: np.ndarray, proved: np.ndarray) -> np.ndarray:
    """The mask `(n,)` of unproved nodes with a proved neighbour."""
    return ~proved & (weights[:, proved].sum(axis=1) > 0)


def expected_new(
    weights: np.ndarray,
    proved: np.ndarray,
    model: GrowthModel,
    kernel: np.ndarray | None = None,
) -> float:
    """The exact expected number of theorems one round proves.

    Each of `B = c |S|` walkers ends at `v` with probability
    `q(v) = (pi_S Q^t)(v)`; a frontier node conjectured at least once is
    proved with probability `p`: the expectation is
    `sum_{v in frontier} p (1 - (1 - q(v))^B)`.

    Args:
        weights: the graph `(n, n)`.
        proved: the mask `(n,)` of the proved set.
        model: the model; `kernel` is needed when `model.beta > 0`.
        kernel: `K_t` `(n, n)` for the diversity-aware walk.
    """
    proved = np.asarray(proved, dtype=bool)
    step = tilted_transition(weights, proved, model.beta, kernel)
    law = _start_law(weights, proved)
    for _ in range(model.walk_length):
        law = law @ step
    budget = model.walkers * int(proved.sum())
    hit = 1.0 - (1.0 - law) ** budget
    return float(model.proof_probability * hit[_frontier(weights, proved)].sum())


def growth_round(
    weights: np.ndarray,
    proved: np.ndarray,
    model: GrowthModel,
    rng: np.random.Generator,
    kernel: np.ndarray | None = None,
) -> np.ndarray:
    """One round of the model: returns the new proved mask `(n,)`.

    Args: as `expected_new`, with `rng` the random generator.
    """
    proved = np.asarray(proved, dtype=bool)
    step = tilted_transition(weights, proved, model.beta, kernel)
    cumulative = np.cumsum(step, axis=1)
    cumulative[:, -1] = 1.0  # rounding must not leave a draw above the last node
    budget = model.walkers * int(proved.sum())
    nodes = rng.choice(len(weights), size=budget, p=_start_law(weights, proved))
    for _ in range(model.walk_length):
        draws = rng.random(budget)
        nodes = (cumulative[nodes] < draws[:, None]).sum(axis=1)
    conjectures = np.unique(nodes)
    candidates = conjectures[_frontier(weights, proved)[conjectures]]
    found = candidates[rng.random(len(candidates)) < model.proof_probability]
    grown = proved.copy()
    grown[found] = True
    return grown


def simulate_growth(
    weights: np.ndarray,
    start: np.ndarray,
    model: GrowthModel,
    rng: np.random.Generator,
) -> GrowthTrace:
    """Run rounds from the proved set `start` until the graph is covered.

    Stops when every node reachable from `start` is proved, or after
    `model.max_rounds` rounds.

    Args:
        weights: the graph, a symmetric weight matrix `(n, n)`.
        start: indices of the initially proved nodes `(s,)`, s >= 1.
        model: the model.
        rng: the random generator; the same seed gives the same trace.

    Returns:
        The trace of `|S_r|`.

    Raises:
        TheoryError: if `start` is empty.
        ValueError: as `embeddings.diffusion.weights_of`.
    """
    weights = weights_of(weights)
    if len(start) == 0:
        raise TheoryError("growth needs at least one proved theorem to start from")
    proved = np.zeros(len(weights), dtype=bool)
    proved[np.asarray(start, dtype=np.intp)] = True
    reachable = _reachable(weights, proved)
    kernel = diffusion_kernel(weights, model.scale) if model.beta > 0 else None
    sizes, exits = [int(proved.sum())], [exit_probability(weights, proved)]
    for _ in range(model.max_rounds):
        if sizes[-1] == reachable:
            break
        proved = growth_round(weights, proved, model, rng, kernel)
        sizes.append(int(proved.sum()))
        exits.append(exit_probability(weights, proved))
    logger.debug(
        "growth: %d rounds, %d of %d proved", len(sizes) - 1, sizes[-1], reachable
    )
    return GrowthTrace(
        np.asarray(sizes, dtype=np.float64), np.asarray(exits), reachable
    )


def exit_probability(weights: np.ndarray, proved: np.ndarray) -> float:
    """`w(S, S^c) / vol(S)` for the mask `proved` `(n,)`: the conductance of S."""
    return float(weights[proved][:, ~proved].sum() / weights[proved].sum())


def _reachable(weights: np.ndarray, proved: np.ndarray) -> int:
    """How many nodes are connected to the proved set."""
    seen = proved.copy()
    frontier = seen.copy()
    while frontier.any():
        frontier = (weights[frontier].sum(axis=0) > 0) & ~seen
        seen |= frontier
    return int(seen.sum())


# ---------------------------------------------------------------------------
# The study: families against the theorem graph
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GraphGrowth:
    """Repeated simulations on one graph with one conjecturer.

    Attributes:
        name: the family, or "theorem graph".
        beta: the conjecturer's diversity strength (0: reversible walk).
        connectivity: the graph's gap and conductance.
        traces: one trace per trial.
    """

    name: str
    beta: float
    connectivity: Connectivity
    traces: tuple[GrowthTrace, ...]

    @property
    def rate(self) -> float:
        """The mean over trials of the growth rate until saturation."""
        return float(np.mean([t.rate for t in self.traces]))

    @property
    def stall(self) -> float:
        """The mean over trials of the longest run of rounds without growth."""
        return float(np.mean([t.longest_stall for t in self.traces]))

    @property
    def exponent(self) -> float:
        """The mean over trials of `a` in `|S_r| ~ r^a`, fitted while
        `0.1 n <= |S_r| <= 0.5 n`: 1 on a cycle, 2 on a grid (nan when that
        window holds fewer than 3 rounds)."""
        slopes = []
        for t in self.traces:
            share = t.sizes / t.nodes
            rounds = np.flatnonzero((share >= 0.1) & (share <= 0.5))
            rounds = rounds[rounds > 0]
            if len(rounds) >= 3:
                slopes.append(np.polyfit(np.log(rounds), np.log(t.sizes[rounds]), 1)[0])
        return float(np.mean(slopes)) if slopes else float("nan")

    def early_rate(self, rounds: int) -> float:
        """The mean rate over the first `rounds` rounds (or all there were)."""
        rates = []
        for t in self.traces:
            end = min(rounds, len(t.sizes) - 1)
            rates.append(np.log(t.sizes[end] / t.sizes[0]) / max(end, 1))
        return float(np.mean(rates))


@dataclass(frozen=True)
class GrowthStudy:
    """The growth model on the synthetic families and, optionally, a run's graph.

    Attributes:
        model: the model (its beta is overridden by each entry's).
        graphs: one GraphGrowth per (graph, beta).
        observed: the leanplay run's own growth, `(seeds, cumulative after
            each round)`, or None without a run.
    """

    model: GrowthModel
    graphs: tuple[GraphGrowth, ...]
    observed: tuple[float, np.ndarray] | None = None

    @property
    def observed_rate(self) -> float | None:
        """`ln(|S_R| / |S_0|) / R` of the run itself."""
        if self.observed is None or len(self.observed[1]) == 0:
            return None
        seeds, cumulative = self.observed
        return float(np.log(cumulative[-1] / seeds) / len(cumulative))

    def by_name(self) -> dict[str, list[GraphGrowth]]:
        named: dict[str, list[GraphGrowth]] = {}
        for g in self.graphs:
            named.setdefault(g.name, []).append(g)
        return named

    def summary(self) -> str:
        betas = "/".join(f"{b:g}" for b in dict.fromkeys(g.beta for g in self.graphs))
        parts = []
        for name, runs in self.by_name().items():
            c = runs[0].connectivity
            rates = "/".join(f"{r.rate:.3f}" for r in runs)
            stalls = "/".join(f"{r.stall:.0f}" for r in runs)
            powers = "/".join(
                f"{r.exponent:.1f}" if np.isfinite(r.exponent) else "-" for r in runs
            )
            phi = "=" if c.exact else "<="
            parts.append(
                f"{name} ({c.nodes} nodes, gap {c.gap:.2g}, "
                f"Phi{phi}{c.conductance:.2g}) "
                f"rate {rates}, |S|~r^{powers}, stall {stalls}"
            )
        line = (
            f"growth (p={self.model.proof_probability:g}, c={self.model.walkers}, "
            f"beta {betas}, {len(self.graphs[0].traces)} trials): " + "; ".join(parts)
        )
        if self.observed_rate is not None:
            rounds = len(self.observed[1])
            line += (
                f"; the run itself {self.observed_rate:.3f} over {rounds} rounds "
                f"(simulated on its graph: "
                + "/".join(
                    f"{g.early_rate(rounds):.3f}" for g in self.by_name()[RUN_GRAPH]
                )
                + f" over {rounds})"
            )
        return line


RUN_GRAPH = "theorem graph"
"""The name the run's graph goes by in a GrowthStudy."""

# Diffusion similarity and a dense walk cost O(n^2) memory: 2,000 nodes is
# 32 MB per matrix, as in embeddings.diffusion.
MAX_NODES = 2000


def growth_study(
    families: tuple[str, ...],
    nodes: int,
    trials: int,
    seed: int,
    model: GrowthModel,
    betas: tuple[float, ...] = (0.0, 1.0),
    start_size: int = 4,
    run: tuple[np.ndarray, np.ndarray, tuple[float, np.ndarray]] | None = None,
) -> GrowthStudy:
    """Simulate growth on each family (and a run's graph) for each beta.

    Args:
        families: names from `theory.graphs.FAMILIES`.
        nodes: about how many nodes each family member has.
        trials: simulations per graph and beta, seeds `seed..seed+trials-1`.
        seed: the random graphs' and the simulations' seed.
        model: the model; `beta` comes from `betas`.
        start_size: the initial proved set of a family member: a ball of
            this many nodes around node 0.
        run: `(weights, start indices, (seeds, cumulative))` of a run's graph,
            started from its seed theorems.

    Raises:
        TheoryError: on an unknown family, too few or too many nodes.
    """
    if nodes > MAX_NODES:
        raise TheoryError(f"at most {MAX_NODES} nodes (dense matrices), not {nodes}")
    graphs = [(name, family(name, nodes, seed), None) for name in families]
    if run is not None:
        graphs.append((RUN_GRAPH, run[0], run[1]))
    results = []
    for name, weights, start in graphs:
        shape = connectivity(weights)
        begin = ball(weights, 0, start_size) if start is None else start
        for beta in betas:
            chosen = dataclasses.replace(model, beta=beta)
            traces = tuple(
                simulate_growth(weights, begin, chosen, np.random.default_rng(seed + i))
                for i in range(trials)
            )
            results.append(GraphGrowth(name, beta, shape, traces))
            logger.info(
                "growth on %s, beta %g: rate %.3f", name, beta, results[-1].rate
            )
    return GrowthStudy(model, tuple(results), None if run is None else run[2])
