"""A leanplay run directory, read without touching it: its graph, labels, growth.

The run's `run.db` (with its write-ahead log) is copied into a temporary
folder and opened there, so nothing in the run directory is touched, and the
theorem graph is rebuilt from the copy the way `pipeline.rounds.Run` rebuilds
it at each step: library theorems (seeds and targets) first, then the proved
conjectures, each joined to its parent by a mutation edge.

The learned component the ReLU results are checked on is the spectral
embedding of that graph (`embeddings.diffusion.spectral_embedding`), whose
inner products are the diffusion similarity `K_t`.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np

from embeddings.diffusion import spectral_embedding
from embeddings.graph import TheoremGraph, TheoremNode, statement_symbols
from pipeline.store import Store, StoreError
from theory.errors import TheoryError
from theory.truncation import householder

__all__ = [
    "LABELLINGS",
    "TOPICS",
    "RunSnapshot",
    "load_run",
    "topic_of",
]

TOPICS = ("List", "Nat", "Bool", "logic")
"""Topic labels, by the namespace a statement is about. A statement that uses
several is given the first in this order: `List Nat` statements are about
lists, `Nat.beq` ones about numbers; what mentions none is logic."""

LABELLINGS = ("topic", "proved")

EMBEDDING_SCALE = 4
"""The walk length t of the embedding's `K_t`: the scale leanplay measures
diversity at (`pipeline.rounds.DIVERSITY_SCALE`)."""


def topic_of(statement: str) -> str:
    """The topic of a Lean statement: the first of TOPICS whose namespace it uses.

    >>> topic_of("∀ (l : List Nat), l ++ [] = l")
    'List'
    >>> topic_of("∀ (p : Prop), (p ∧ True) = p")
    'logic'
    """
    symbols = statement_symbols(statement)
    for namespace in TOPICS[:-1]:
        if any(s == namespace or s.startswith(namespace + ".") for s in symbols):
            return namespace
    return TOPICS[-1]


@dataclass(frozen=True)
class RunSnapshot:
    """What the theory commands use of a run directory.

    Attributes:
        directory: the run directory.
        graph: the theorem graph rebuilt from `run.db`.
        seeds: how many theorems were proved before round 1 (the library's).
        cumulative: the proved set's size after each completed round,
            `(rounds,)`, from the `rounds` table.
    """

    directory: Path
    graph: TheoremGraph
    seeds: int
    cumulative: np.ndarray

    @property
    def names(self) -> list[str]:
        """Node order of every array below: `graph.names()`."""
        return self.graph.names()

    def proved(self) -> np.ndarray:
        """Whether each theorem is proved, `(n,)` bool."""
        return np.array([self.graph.node(name).proved for name in self.names])

    def seed_indices(self) -> np.ndarray:
        """Indices of the seed theorems (proved at round 0), `(seeds,)`."""
        return np.flatnonzero([self.graph.node(n).kind == "seed" for n in self.names])

    def topics(self) -> np.ndarray:
        """The topic of each theorem, `(n,)` of TOPICS strings."""
        return np.array([topic_of(self.graph.node(n).statement) for n in self.names])

    def labels(self, kind: str) -> tuple[np.ndarray, tuple[str, ...]]:
        """Class labels of the theorems: by topic or by proved/unproved.

        Args:
            kind: "topic" (classes in TOPICS order) or "proved" (proved first).

        Returns:
            `(labels (n,) in 0..Q-1, class names (Q,))`, only the classes
            that occur.

        Raises:
            TheoryError: on another kind, or if only one class occurs.
        """
        if kind == "topic":
            values, order = self.topics(), TOPICS
        elif kind == "proved":
            values = np.where(self.proved(), "proved", "unproved")
            order = ("proved", "unproved")
        else:
            raise TheoryError(f"labels are by 'topic' or 'proved', not {kind!r}")
        names = tuple(c for c in order if c in set(values))
        if len(names) < 2:
            raise TheoryError(f"every theorem of the run has the same {kind} label")
        return np.array([names.index(v) for v in values]), names

    def embedding(self, dims: int, scale: int = EMBEDDING_SCALE) -> np.ndarray:
        """The spectral embedding of the graph, without its constant coordinate.

        The embedding `f` of `spectral_embedding` has the constant function 1
        as the coordinate along the top eigenvector `sqrt(d / vol)` (for a
        connected graph, its coordinate 0). That direction carries no
        information, so it is rotated out: the result `g` has
        `<g(u), g(v)> = <f(u), f(v)> - 1`.

        Returns:
            `(n, dims)` float64, rows in `names` order.

        Raises:
            TheoryError: if the graph has `dims` nodes or fewer, or more
                components than `dims + 1` coordinates can hold.
        """
        if not 1 <= dims < len(self.graph):
            raise TheoryError(
                f"the run's graph has {len(self.graph)} theorems: too few for "
                f"a {dims}-dimensional embedding"
            )
        full = spectral_embedding(self.graph, scale, dims + 1)
        constant = np.linalg.lstsq(full, np.ones(len(full)), rcond=None)[0]
        if not np.allclose(full @ constant, 1.0, atol=1e-8):
            raise TheoryError(
                f"the run's graph has more components than a {dims}-dimensional "
                "embedding holds"
            )
        if np.allclose(constant, np.eye(dims + 1)[0], atol=1e-8):
            return full[:, 1:]  # connected: coordinate 0 is the constant
        rotated = full @ householder(constant / np.linalg.norm(constant))
        return rotated[:, 1:]

    def weights(self) -> np.ndarray:
        """The graph's weight matrix `(n, n)`, rows in `names` order."""
        return self.graph.weight_matrix()[1]

    def largest_component(self) -> tuple[np.ndarray, np.ndarray]:
        """The largest connected component, to grow on from its seeds.

        Walks never leave a component, and a disconnected graph has spectral
        gap 0, so the growth model runs on one component.

        Returns:
            `(weights (k, k), indices of its seed theorems (s,))`, in `names`
            order restricted to the component.

        Raises:
            TheoryError: if the component holds no seed theorem.
        """
        weights = self.weights()
        component = max(nx.connected_components(nx.from_numpy_array(weights)), key=len)
        keep = np.array(sorted(component))
        seeds = np.flatnonzero(np.isin(keep, self.seed_indices()))
        if len(seeds) == 0:
            raise TheoryError(
                f"the largest component of {self.directory}'s graph has no seeds"
            )
        return weights[np.ix_(keep, keep)], seeds


def load_run(run_dir: str | Path) -> RunSnapshot:
    """Read a run directory's graph and growth table, leaving the directory as it was.

    Raises:
        TheoryError: if there is no `run.db`, it is not a leanplay database,
            or it holds no theorems.
    """
    run_dir = Path(run_dir)
    database = run_dir / "run.db"
    if not database.is_file():
        raise TheoryError(f"no leanplay run directory at {run_dir} (no {database})")
    with tempfile.TemporaryDirectory(prefix="leanplay-theory-") as scratch:
        copy = Path(scratch) / "run.db"
        _snapshot(database, copy)
        try:
            store = Store(copy)
        except StoreError as exc:
            raise TheoryError(str(exc).replace(str(copy), str(database))) from exc
        try:
            graph = _rebuild_graph(store)
            seeds = store.count_proved("seed")
            cumulative = np.array([r["cumulative_proved"] for r in store.rounds()])
        except sqlite3.DatabaseError as exc:
            raise TheoryError(f"{database} is damaged ({exc})") from exc
        finally:
            store.close()
    if len(graph) == 0:
        raise TheoryError(f"the run database {database} holds no theorems")
    return RunSnapshot(run_dir, graph, seeds, cumulative.astype(np.float64))


def _snapshot(database: Path, copy: Path) -> None:
    """Copy `database` and its write-ahead log, if any, byte for byte to `copy`.

    Not even a read-only SQLite connection is opened on the original: a
    reader of a database in WAL mode writes to its shared-memory file.
    Limitation: a copy taken while a run commits can be torn; SQLite then
    finds the copy damaged and `load_run` says so (running again helps).
    """
    shutil.copyfile(database, copy)
    log = database.with_name(database.name + "-wal")
    if log.is_file() and log.stat().st_size > 0:
        shutil.copyfile(log, copy.with_name(copy.name + "-wal"))


def _rebuild_graph(store: Store) -> TheoremGraph:
    """The theorem graph as `pipeline.rounds.Run._build_graph` builds it.

    Kept in step with it by `tests/theory/test_run_data.py`, which compares
    the result with the `graph.graphml` a run writes.
    """
    nodes = [
        TheoremNode(t.name, t.statement, t.kind, t.proof is not None)
        for t in store.theorems("kind != 'conjecture'")
    ]
    graph = TheoremGraph.build(nodes)
    for t in store.theorems("kind = 'conjecture' AND proof IS NOT NULL"):
        parent = t.parent if t.parent in graph else None
        graph.add(TheoremNode(t.name, t.statement, "conjecture", True), parent=parent)
    return graph
