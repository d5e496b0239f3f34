"""Tests of theory.depth: the training Jacobian's rank as depth grows."""

import numpy as np
import torch

from theory import nets
from theory.depth import depth_study, numerical_rank


def test_numerical_rank_counts_values_above_the_tolerance():
    assert numerical_rank(np.array([1.0, 1e-2, 1e-4])) == 2
    assert numerical_rank(np.array([2.0, 1e-2, 1e-4]), tolerance=1e-5) == 3


def test_a_linear_model_has_the_rank_of_its_lifted_inputs():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(6, 2)) @ rng.normal(size=(2, 4))  # rank 2 in R^4
    model = nets.mlp([4, 1], seed=0)
    jacobian = nets.flat_jacobian(model, nets.as_tensor(x)).cpu().numpy()
    np.testing.assert_allclose(jacobian, np.c_[x, np.ones(6)], atol=1e-12)
    singular = torch.linalg.svdvals(torch.as_tensor(jacobian)).numpy()
    assert numerical_rank(singular, 1e-9) == 3


def test_default_initialization_loses_rank_with_depth_and_he_does_not():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(8, 4)), rng.choice([-1.0, 1.0], size=(8, 1))
    study = depth_study(x, y, (1, 12), width=16, steps=5, seed=0)
    default, he = study.of("default"), study.of("he")
    assert [r.rank for r in default] == [8, 1]
    assert [r.rank for r in he] == [8, 8]
    assert default[1].condition > 1e6 * default[0].condition
    assert len(default[0].losses) == 6


def test_both_initializations_are_drawn_from_the_seed():
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=(5, 3)), rng.choice([-1.0, 1.0], size=(5, 1))
    first, again = (depth_study(x, y, (2,), width=6, steps=3, seed=7) for _ in range(2))
    for a, b in zip(first.results, again.results):
        np.testing.assert_array_equal(a.singular, b.singular)
        np.testing.assert_array_equal(a.losses, b.losses)
