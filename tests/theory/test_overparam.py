"""Tests of theory.overparam: explicit zero-loss deep networks for N <= M."""

import numpy as np
import pytest

from theory.errors import TheoryError
from theory.overparam import explicit_interpolant, gaussian_classes, overparam_study


@pytest.fixture(scope="module")
def data():
    x, labels = gaussian_classes(3, 12, 8 + 200, 6.0, np.random.default_rng(0))
    return x[:8], np.eye(3)[labels[:8]], x[8:], labels


@pytest.mark.parametrize("width, depth", [(12, 1), (12, 3), (48, 1), (48, 3)])
def test_zero_training_loss_at_every_width_and_depth(data, width, depth):
    x, y, _, _ = data
    f = explicit_interpolant(x, y, width, depth, np.random.default_rng(width + depth))
    assert f.depth == depth and f.width == width
    assert f.active(x).all()
    assert np.mean((f(x) - y) ** 2) < 1e-20


def test_on_active_inputs_the_network_is_b_x_whatever_the_width(data):
    x, y, test, _ = data
    outputs = []
    for width in (12, 24, 96):
        f = explicit_interpolant(x, y, width, 2, np.random.default_rng(width))
        alive = f.active(test)
        assert alive.mean() > 0.5
        np.testing.assert_allclose(f(test)[alive], test[alive] @ f.linear.T, atol=1e-9)
        outputs.append((f(test), alive))
    both = outputs[0][1] & outputs[2][1]
    np.testing.assert_allclose(outputs[0][0][both], outputs[2][0][both], atol=1e-9)


def test_the_hypotheses_are_checked(data):
    x, y, _, _ = data
    rng = np.random.default_rng(0)
    with pytest.raises(TheoryError, match="exceed the input dimension"):
        explicit_interpolant(np.ones((13, 12)), np.ones((13, 3)), 12, 1, rng)
    with pytest.raises(TheoryError, match="linearly dependent"):
        explicit_interpolant(np.r_[x[:3], x[:1]], y[:4], 12, 1, rng)
    with pytest.raises(TheoryError, match="below the input dimension"):
        explicit_interpolant(x, y, 8, 1, rng)


def test_study_test_error_does_not_depend_on_width_where_all_are_active():
    x, labels = gaussian_classes(3, 10, 6 + 100, 6.0, np.random.default_rng(1))
    study = overparam_study(
        x[:6], labels[:6], x[6:], labels[6:], (10, 40), (1, 2), 20, 0, margin=10.0
    )
    errors = np.array([w.explicit_error for w in study.widths])
    active = np.array([w.active for w in study.widths])
    assert (active == 1).all()
    assert np.all(errors == study.linear_error)
    assert all(w.explicit_loss.max() < 1e-20 for w in study.widths)
