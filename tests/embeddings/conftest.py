"""Shared graphs for the embeddings tests, built once per session."""

import networkx as nx
import numpy as np
import pytest
import torch

from embeddings.graph import TheoremGraph, TheoremNode


@pytest.fixture(scope="package", autouse=True)
def one_torch_thread():
    """Run these tests' tiny models on one torch thread, then restore.

    On two shared, busy cores a one-block encoder step took 0.24 s on two
    threads and 0.04 s on one: waking the second thread costs more than the
    work it takes over.
    """
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def geometric_weights(n: int, k: int, seed: int) -> np.ndarray:
    """A k-nearest-neighbour graph of n random points of the unit square.

    Edge weights are `exp(-dist^2 / s)`, `s` the median squared distance to
    the k-th neighbour: smooth, distinct weights, so that top-10 lists of
    `K_t` have no ties, and degrees that vary little.

    Returns:
        The symmetric weight matrix `(n, n)`.
    """
    rng = np.random.default_rng(seed)
    points = rng.random((n, 2))
    squared = ((points[:, None] - points[None]) ** 2).sum(axis=-1)
    np.fill_diagonal(squared, np.inf)
    nearest = np.argsort(squared, axis=1)[:, :k]
    scale = np.median(np.sort(squared, axis=1)[:, k - 1])
    weights = np.zeros((n, n))
    for i in range(n):
        for j in nearest[i]:
            weights[i, j] = weights[j, i] = np.exp(-squared[i, j] / scale)
    return weights


@pytest.fixture(scope="session")
def geometric_200() -> np.ndarray:
    """The 200-node graph of the free-vector acceptance test, `(200, 200)`."""
    return geometric_weights(200, k=8, seed=0)


@pytest.fixture(scope="session")
def small_weights() -> np.ndarray:
    """A connected 30-node weighted graph for exact identities, `(30, 30)`."""
    return geometric_weights(30, k=4, seed=1)


@pytest.fixture(scope="session")
def trap():
    """The planted trap: a 120-node 6-regular core and a binary tree on a hub.

    The hub is core node 0 and the root of a full binary tree of depth 5
    whose 62 other nodes are the contrived statements; all weights are 1.

    Returns:
        `(weights (182, 182), depth (182,))`: depth 0 on the core, 1..5 down
        the tree.
    """
    core = nx.random_regular_graph(6, 120, seed=0)
    graph = nx.Graph(core)
    depth = dict.fromkeys(core, 0)
    frontier, fresh = [0], 120
    for level in range(1, 6):
        children = []
        for parent in frontier:
            for _ in range(2):
                graph.add_edge(parent, fresh)
                depth[fresh] = level
                children.append(fresh)
                fresh += 1
        frontier = children
    order = range(fresh)
    weights = nx.to_numpy_array(graph, nodelist=order)
    return weights, np.array([depth[i] for i in order])


def family_nodes(families: int, per_family: int) -> list[TheoremNode]:
    """Statements in families that share rare constants, and nothing else.

    Family `f` uses `Famf.opA` ... on one of five types; its members differ in
    which operations they combine and in a numeral. Statement edges of the
    graph join members of one family.
    """
    types = ["Nat", "Int", "Bool", "List Nat", "Prop"]
    ops = ["add", "mul", "swap", "lift", "fold", "scan"]
    rng = np.random.default_rng(7)
    nodes = []
    for family in range(families):
        kind = types[family % len(types)]
        for member in range(per_family):
            f, g = rng.choice(len(ops), size=2, replace=False)
            name = f"Fam{family}"
            statement = (
                f"∀ (a b : {kind}), {name}.{ops[f]} a ({name}.{ops[g]} b) "
                f"= {name}.{ops[g]} ({name}.{ops[f]} b a) + {member % 5}"
            )
            nodes.append(TheoremNode(f"{name}.thm{member}", statement, "seed", True))
    return nodes


@pytest.fixture(scope="session")
def family_graph() -> TheoremGraph:
    """A theorem graph of 10 families of 8 statements, 80 nodes."""
    return TheoremGraph.build(family_nodes(10, 8))
