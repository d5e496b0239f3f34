"""Tests of embeddings.diffusion: K_t, the spectral embedding, C_t and D_t."""

import numpy as np
import pytest

from embeddings.diffusion import (
    collision,
    collision_by_walk,
    diffusion_kernel,
    diversity,
    embedding_collision,
    embedding_diversity,
    empirical_distribution,
    similarity_agreement,
    spectral_embedding,
    stationary,
    transition,
)
from embeddings.graph import TheoremGraph, TheoremNode

# The path a - b - c with unit weights: d = (1, 2, 1), pi = (1/4, 1/2, 1/4).
# Lazy steps: a -> (1/2, 1/2, 0), b -> (1/4, 1/2, 1/4), c -> (0, 1/2, 1/2).
PATH = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])


def path_graph() -> TheoremGraph:
    """PATH as a theorem graph of dependency edges, plus an isolated node."""
    nodes = [
        TheoremNode("a", "A", "seed", True),
        TheoremNode("b", "B", "seed", True, ("a", "c")),
        TheoremNode("c", "C", "seed", True),
        TheoremNode("z", "Z", "seed", True),
    ]
    return TheoremGraph.build(nodes, k_similar=0)


@pytest.mark.parametrize("t", [0, 1, 2, 5, 8])
def test_power_and_spectral_forms_agree_and_are_symmetric(small_weights, t):
    power = diffusion_kernel(small_weights, t, method="power")
    spectral = diffusion_kernel(small_weights, t, method="spectral")
    np.testing.assert_allclose(power, spectral, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(power, power.T, rtol=1e-9, atol=1e-9)


def test_kernel_of_the_path_by_hand():
    # P^2(a, a) = 1/2 * 1/2 + 1/2 * 1/4 = 3/8, and K_2(a, a) = (3/8) / (1/4).
    kernel = diffusion_kernel(PATH, 2, method="power")
    assert kernel[0, 0] == pytest.approx(3 / 2, abs=1e-12)
    assert kernel[0, 2] == pytest.approx((1 / 8) / (1 / 4), abs=1e-12)
    np.testing.assert_allclose(
        diffusion_kernel(PATH, 0), np.diag([4, 2, 4]), atol=1e-12
    )


def test_kernel_averages_to_one_under_pi(small_weights):
    # sum_v pi(v) K_t(u, v) = sum_v P^t(u, v) = 1.
    kernel = diffusion_kernel(small_weights, 6)
    np.testing.assert_allclose(kernel @ stationary(small_weights), 1.0, atol=1e-9)


def test_theorem_graph_source_uses_its_weight_matrix():
    graph = path_graph()
    names, weights = graph.weight_matrix()
    assert names == ["a", "b", "c", "z"]
    np.testing.assert_allclose(diffusion_kernel(graph, 3), diffusion_kernel(weights, 3))
    np.testing.assert_allclose(transition(graph), graph.transition_matrix()[1])
    np.testing.assert_allclose(stationary(graph), graph.stationary())
    # The isolated z stays put: K_t(z, z) = 1 / pi(z), zero to the others.
    kernel = diffusion_kernel(graph, 3)
    assert kernel[3, 3] == pytest.approx(1 / graph.stationary()[3])
    np.testing.assert_allclose(kernel[3, :3], 0.0, atol=1e-12)


@pytest.mark.parametrize("t", [1, 4, 7])
def test_full_embedding_reproduces_the_kernel(small_weights, t):
    embedding = spectral_embedding(small_weights, t)
    assert embedding.shape == (30, 30)
    np.testing.assert_allclose(
        embedding @ embedding.T, diffusion_kernel(small_weights, t), atol=1e-9
    )


def test_truncation_error_is_the_dropped_spectrum(small_weights):
    # sqrt(pi(u) pi(v)) K_t(u, v) = sum_k lam_k^t psi_k(u) psi_k(v), so the
    # pi x pi weighted squared error of the rank-r truncation is
    # sum_{k > r} lam_k^(2t): the best any rank-r approximation can do.
    t = 4
    kernel = diffusion_kernel(small_weights, t)
    pi = stationary(small_weights)
    full = spectral_embedding(small_weights, t)
    dropped = (full**2 * pi[:, None]).sum(axis=0) ** 2  # lam_k^(2t)
    errors = []
    for r in (1, 5, 10, 20):
        part = spectral_embedding(small_weights, t, r)
        assert part.shape == (30, r)
        error = np.sum(np.outer(pi, pi) * (kernel - part @ part.T) ** 2)
        assert error == pytest.approx(dropped[r:].sum(), rel=1e-7, abs=1e-12)
        errors.append(error)
    assert errors == sorted(errors, reverse=True)
    # The first coordinate is the constant eigenvector: f(u)_1 = 1 for all u.
    np.testing.assert_allclose(np.abs(full[:, 0]), 1.0, atol=1e-9)


def test_plain_walk_embedding_needs_even_t_when_periodic():
    two = np.array([[0.0, 1.0], [1.0, 0.0]])  # bipartite: eigenvalue -1
    with pytest.raises(ValueError, match="odd t"):
        spectral_embedding(two, 3, lazy=False)
    embedding = spectral_embedding(two, 2, lazy=False)
    np.testing.assert_allclose(
        embedding @ embedding.T, diffusion_kernel(two, 2, lazy=False), atol=1e-12
    )


@pytest.mark.parametrize(
    "bad",
    [
        np.array([[0.0, 1.0], [2.0, 0.0]]),  # not symmetric
        np.array([[0.0, -1.0], [-1.0, 0.0]]),  # negative
        np.array([[0.0, 0.0], [0.0, 1.0]]),  # a node of degree 0
        np.ones((2, 3)),  # not square
    ],
)
def test_bad_weight_matrices_raise(bad):
    with pytest.raises(ValueError):
        diffusion_kernel(bad, 2)


def test_bad_arguments_raise(small_weights):
    with pytest.raises(ValueError):
        diffusion_kernel(small_weights, -1)
    with pytest.raises(ValueError):
        diffusion_kernel(small_weights, 2, method="other")
    with pytest.raises(ValueError):
        spectral_embedding(small_weights, 2, r=31)
    with pytest.raises(ValueError, match="even"):
        collision_by_walk(stationary(small_weights), small_weights, 3)
    with pytest.raises(ValueError, match="distribution"):
        collision(np.full(30, 0.5), diffusion_kernel(small_weights, 2))


# -- diversity ----------------------------------------------------------------


@pytest.mark.parametrize("t", [0, 2, 4, 8])
def test_diversity_of_the_stationary_law_is_one(small_weights, t):
    pi = stationary(small_weights)
    kernel = diffusion_kernel(small_weights, t)
    assert diversity(pi, kernel) == pytest.approx(1.0, abs=1e-9)
    assert collision_by_walk(pi, small_weights, t) == pytest.approx(1.0, abs=1e-9)
    embedding = spectral_embedding(small_weights, t)
    assert embedding_diversity(embedding, pi) == pytest.approx(1.0, abs=1e-9)


def test_diversity_of_point_masses_on_the_path():
    # delta_a P = (1/2, 1/2, 0): C_2 = (1/2)^2 / (1/4) + (1/2)^2 / (1/2) = 3/2.
    # delta_b P = (1/4, 1/2, 1/4) = pi: C_2 = 1 exactly, the equality case.
    kernel = diffusion_kernel(PATH, 2)
    a, b = np.eye(3)[0], np.eye(3)[1]
    assert diversity(a, kernel) == pytest.approx(2 / 3, abs=1e-12)
    assert diversity(b, kernel) == pytest.approx(1.0, abs=1e-12)
    assert collision_by_walk(a, PATH, 2) == pytest.approx(3 / 2, abs=1e-12)
    # At t = 4: delta_a P^2 = (3/8, 1/2, 1/8), C_4 = 9/16 + 1/2 + 1/16 = 9/8.
    assert diversity(a, diffusion_kernel(PATH, 4)) == pytest.approx(8 / 9, abs=1e-12)


@pytest.mark.parametrize("s", [1, 2, 3])
def test_diversity_of_a_point_mass_is_pi_over_return_probability(small_weights, s):
    # D_2s(delta_u) = pi(u) / P^2s(u, u) = 1 / sum_w P^s(u, w)^2 / pi(w).
    pi = stationary(small_weights)
    step = np.linalg.matrix_power(transition(small_weights), s)
    kernel = diffusion_kernel(small_weights, 2 * s)
    for u in (0, 7, 29):
        point = np.eye(30)[u]
        returning = (step @ step)[u, u]
        assert diversity(point, kernel) == pytest.approx(pi[u] / returning, rel=1e-9)
        by_walk = 1 / np.sum(step[u] ** 2 / pi)
        assert diversity(point, kernel) == pytest.approx(by_walk, rel=1e-9)


def test_diversity_falls_as_the_law_concentrates(small_weights):
    # C_t((1 - e) pi + e delta_u) = 1 + e^2 (K_t(u, u) - 1), exactly.
    kernel = diffusion_kernel(small_weights, 4)
    pi = stationary(small_weights)
    u = int(np.argmin(pi))
    values = []
    for share in np.linspace(0.0, 1.0, 6):
        mu = (1 - share) * pi + share * np.eye(30)[u]
        expected = 1 + share**2 * (kernel[u, u] - 1)
        assert collision(mu, kernel) == pytest.approx(expected, rel=1e-9)
        assert collision_by_walk(mu, small_weights, 4) == pytest.approx(expected)
        values.append(diversity(mu, kernel))
    assert values[0] == pytest.approx(1.0)
    assert all(later < earlier for earlier, later in zip(values, values[1:]))
    assert values[-1] < 0.5 * values[0]


def test_embedding_collision_of_a_multiset(small_weights):
    kernel = diffusion_kernel(small_weights, 4)
    embedding = spectral_embedding(small_weights, 4)
    items = [0, 0, 3, 9, 9, 9]
    mu = empirical_distribution(items, [str(i) for i in range(30)])
    assert mu[9] == pytest.approx(0.5)
    exact = collision(mu, kernel)
    assert embedding_collision(embedding[items]) == pytest.approx(exact, rel=1e-9)
    truncated = embedding_collision(spectral_embedding(small_weights, 4, 10)[items])
    assert truncated < exact  # dropped coordinates only add
    with pytest.raises(ValueError):
        embedding_collision(np.zeros((0, 3)))


def test_empirical_distribution_by_name():
    mu = empirical_distribution(["b", "a", "b", "b"], ["a", "b", "c"])
    np.testing.assert_allclose(mu, [0.25, 0.75, 0.0])
    with pytest.raises(KeyError):
        empirical_distribution(["x"], ["a"])
    with pytest.raises(ValueError):
        empirical_distribution([], ["a"])


# -- agreement ---------------------------------------------------------------


def test_agreement_of_exact_and_noisy_estimates(small_weights):
    kernel = diffusion_kernel(small_weights, 4)
    same = similarity_agreement(kernel, kernel, k=5, exclude=np.arange(30))
    assert same.pearson == pytest.approx(1.0)
    assert same.recall == 1.0
    assert same.pairs == 30 * 29
    noise = np.random.default_rng(0).standard_normal(kernel.shape)
    worse = similarity_agreement(kernel + 3 * noise, kernel, k=5)
    assert worse.pearson < same.pearson and worse.recall < 1.0
    with pytest.raises(ValueError):
        similarity_agreement(kernel, kernel[:3], k=5)
    with pytest.raises(ValueError):
        similarity_agreement(kernel, kernel, k=30)
