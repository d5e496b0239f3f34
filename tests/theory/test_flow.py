"""Tests of theory.flow: straight output paths at one rate, against gradient descent."""

import numpy as np
import pytest
import torch

from theory import nets
from theory.errors import TheoryError
from theory.flow import adapted_step, flow_study, integrate, path_deviation


def _data():
    rng = np.random.default_rng(0)
    return rng.normal(size=(4, 3)), np.eye(2)[[0, 1, 1, 0]]


def test_the_adapted_velocity_moves_outputs_straight_at_the_targets():
    x, y = _data()
    model = nets.mlp([3, 8, 2], seed=0, activation=torch.nn.Tanh)
    tx, ty = nets.as_tensor(x), nets.as_tensor(y)
    velocity = adapted_step(model, tx, ty)
    jacobian = nets.flat_jacobian(model, tx)
    residual = (model(tx) - ty).reshape(-1)
    np.testing.assert_allclose(
        (jacobian @ velocity).detach().cpu().numpy(),
        -residual.detach().cpu().numpy(),
        atol=1e-10,
    )


def test_a_smooth_head_loses_loss_at_one_rate_on_a_straight_path():
    x, y = _data()
    study = flow_study(
        x, y, hidden=16, steps=30, step_size=0.1, seed=0, activation="tanh"
    )
    factors = study.adapted.decay_factors()
    assert np.all(np.abs(factors - 0.81) < 0.01)  # (1 - eta)^2 to 1%, every step
    assert study.adapted.deviation < 0.02  # O(eta) from the Euler steps
    assert study.descent.deviation > 0.1
    assert study.adapted.losses[-1] < study.adapted.losses[0] * 0.81**30 * 1.5


def test_the_flow_needs_as_many_parameters_as_outputs():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(30, 3)), np.eye(2)[rng.integers(2, size=30)]
    with pytest.raises(TheoryError, match="cannot move 60 outputs"):
        flow_study(x, y, hidden=2, steps=1, step_size=0.1, seed=0)
    model = nets.mlp([3, 20, 2], seed=0)
    with pytest.raises(TheoryError, match="needs full row rank"):
        integrate(
            model, nets.as_tensor(np.ones((30, 3))), nets.as_tensor(y), 1, 0.1, True
        )


def test_path_deviation():
    targets = np.array([1.0, 0.0])
    straight = np.array([[0.0, 0.0], [0.5, 0.0], [1.0, 0.0]])
    np.testing.assert_allclose(path_deviation(straight, targets), 0.0)
    bent = np.array([[0.0, 0.0], [0.5, 0.25], [1.0, 0.0]])
    np.testing.assert_allclose(path_deviation(bent, targets), [0.0, 0.25, 0.0])
