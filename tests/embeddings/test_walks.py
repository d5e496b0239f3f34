"""Tests of embeddings.walks: sampling the walk, and the diversity-aware walk."""

import numpy as np
import pytest

from embeddings.diffusion import (
    diffusion_kernel,
    diversity,
    empirical_distribution,
    spectral_embedding,
    stationary,
    transition,
)
from embeddings.graph import TheoremGraph, TheoremNode
from embeddings.walks import (
    WalkTable,
    WindowSimilarity,
    diversity_walk,
    diversity_weights,
)


def test_table_of_a_theorem_graph_matches_its_matrices():
    nodes = [
        TheoremNode("a", "A", "seed", True),
        TheoremNode("b", "B", "seed", True, ("a",)),
        TheoremNode("c", "C", "seed", True, ("a", "b")),
        TheoremNode("z", "Z", "seed", True),
    ]
    graph = TheoremGraph.build(nodes, k_similar=0)
    table = WalkTable.from_graph(graph)
    assert table.names == graph.names()
    np.testing.assert_allclose(table.stationary, graph.stationary())
    dense = np.zeros((4, 4))
    for u in range(4):
        neighbours, weights = table.neighbours(u)
        dense[u, neighbours] = weights
    np.testing.assert_allclose(dense, graph.weight_matrix()[1])


def test_sampled_walks_follow_the_powers_of_p(small_weights):
    table = WalkTable.from_weights(small_weights)
    rng = np.random.default_rng(0)
    for t in (1, 3):
        ends = table.walk_ends(np.full(40_000, 5), t, rng)
        observed = np.bincount(ends, minlength=30) / len(ends)
        exact = np.linalg.matrix_power(transition(small_weights), t)[5]
        np.testing.assert_allclose(observed, exact, atol=0.01)


def test_positive_pairs_have_law_pi_times_p_t(small_weights):
    table = WalkTable.from_weights(small_weights)
    u, v = table.positive_pairs(200_000, 2, np.random.default_rng(1))
    joint = np.zeros((30, 30))
    np.add.at(joint, (u, v), 1.0 / len(u))
    pi = stationary(small_weights)
    exact = pi[:, None] * np.linalg.matrix_power(transition(small_weights), 2)
    np.testing.assert_allclose(joint, exact, atol=0.003)
    np.testing.assert_allclose(np.bincount(v, minlength=30) / len(v), pi, atol=0.005)


def test_window_similarity_exact_and_by_embeddings_agree(small_weights):
    kernel = diffusion_kernel(small_weights, 4)
    exact = WindowSimilarity(kernel=kernel, window=3)
    embedded = WindowSimilarity(
        embeddings=spectral_embedding(small_weights, 4), window=3
    )
    candidates = np.array([0, 4, 17])
    np.testing.assert_array_equal(exact.scores(candidates), 0.0)
    for x in (1, 2, 2, 8):
        exact.push(x)
        embedded.push(x)
    assert len(exact) == 3  # the first visit, of 1, has left the window
    expected = kernel[candidates][:, [2, 2, 8]].mean(axis=1)
    np.testing.assert_allclose(exact.scores(candidates), expected, atol=1e-12)
    np.testing.assert_allclose(embedded.scores(candidates), expected, atol=1e-9)
    with pytest.raises(ValueError):
        WindowSimilarity()
    with pytest.raises(ValueError):
        WindowSimilarity(kernel=kernel, window=0)


def test_diversity_weights():
    proposal = np.array([1.0, 2.0, 1.0, 0.0])
    scores = np.array([0.0, 1.0, 5.0, -9.0])
    np.testing.assert_allclose(diversity_weights(proposal, scores, 0.0), proposal / 4)
    odds = proposal * np.exp(-scores)
    np.testing.assert_allclose(
        diversity_weights(proposal, scores, 1.0), odds / odds.sum()
    )
    # Huge scores neither overflow nor leave every weight 0.
    far = diversity_weights(proposal, scores + 1e4, 1.0)
    np.testing.assert_allclose(far, odds / odds.sum())
    with pytest.raises(ValueError):
        diversity_weights(np.zeros(2), np.zeros(2), 1.0)
    with pytest.raises(ValueError):
        diversity_weights(proposal, scores, -1.0)


def test_plain_walk_moves_along_edges_and_repeats_by_seed(small_weights):
    path = diversity_walk(small_weights, 0, 300, np.random.default_rng(3), beta=0.0)
    assert path.shape == (301,)
    assert all(small_weights[a, b] > 0 for a, b in zip(path, path[1:]))
    again = diversity_walk(small_weights, 0, 300, np.random.default_rng(3), beta=0.0)
    np.testing.assert_array_equal(path, again)
    with pytest.raises(ValueError, match="similarity"):
        diversity_walk(small_weights, 0, 10, np.random.default_rng(0), beta=1.0)


def test_walk_starts_by_name_on_a_theorem_graph(family_graph):
    start = family_graph.names()[3]
    path = diversity_walk(family_graph, start, 20, np.random.default_rng(0), beta=0.0)
    assert path[0] == 3
    with pytest.raises(KeyError):
        diversity_walk(family_graph, "nope", 5, np.random.default_rng(0), beta=0.0)


# -- the planted trap ----------------------------------------------------------

TRAP_STEPS = 4000
TRAP_T = 4


def run_trap(trap, beta, similarity_of):
    """Walk the trap from the hub with the 4:1 deeper-first proposal.

    Returns:
        `(share of steps in the tree, D_4 of the visits, the tree's
        stationary share)`.
    """
    weights, depth = trap
    kernel = diffusion_kernel(weights, TRAP_T)

    def deeper_first(u, neighbours, edge_weights):
        return edge_weights * np.where(depth[neighbours] > depth[u], 4.0, 1.0)

    similarity = similarity_of(weights, kernel) if beta > 0 else None
    path = diversity_walk(
        weights,
        0,
        TRAP_STEPS,
        np.random.default_rng(0),
        beta=beta,
        similarity=similarity,
        proposal=deeper_first,
    )
    tree = depth > 0
    visits = empirical_distribution(path, [str(i) for i in range(len(weights))])
    return tree[path].mean(), diversity(visits, kernel), stationary(weights)[tree].sum()


def exact_window(weights, kernel):
    return WindowSimilarity(kernel=kernel, window=200)


def test_diversity_walk_escapes_the_trap(trap):
    # Seed 0 gives plain 100% in the tree, D = 0.05; beta = 1: 40%, D = 0.64.
    # Over trap seeds 0..19, beta = 1 kept 26-48% (1.8-3.3x the stationary
    # 14.5%) and raised D 8.4x or more; the plain walk stayed >= 60% in.
    plain_share, plain_d, stationary_share = run_trap(trap, 0.0, exact_window)
    share, d, _ = run_trap(trap, 1.0, exact_window)
    assert stationary_share == pytest.approx(122 / 844)
    assert plain_share >= 0.9  # over 6x the stationary share
    assert plain_d <= 0.1
    assert share <= 3 * stationary_share
    assert d >= 5 * plain_d
    assert d >= 0.5


def test_trap_escape_with_truncated_embeddings(trap):
    # s(v) = <f(v), m> with a rank-32 spectral embedding instead of K_4.
    def embedded_window(weights, kernel):
        embedding = spectral_embedding(weights, TRAP_T, 32)
        return WindowSimilarity(embeddings=embedding, window=200)

    share, d, stationary_share = run_trap(trap, 1.0, embedded_window)
    assert share <= 3.5 * stationary_share
    assert d >= 0.4
