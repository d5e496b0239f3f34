"""Tests of theory.truncation and theory.classifier: zero loss by construction."""

import numpy as np
import pytest

from theory import nets
from theory.classifier import (
    classifier_study,
    explicit_classifier,
    one_hot,
    well_separated_clusters,
)
from theory.errors import TheoryError
from theory.truncation import Cone, householder, largest_angle, simplex_directions


@pytest.mark.parametrize("m", [2, 3, 7])
def test_simplex_and_householder(m):
    s = simplex_directions(m)
    np.testing.assert_allclose(np.linalg.norm(s, axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(s.sum(axis=0), 0.0, atol=1e-12)
    gram = s @ s.T
    np.testing.assert_allclose(gram[~np.eye(m, dtype=bool)], -1 / (m - 1), atol=1e-12)
    axis = np.random.default_rng(m).normal(size=m)
    axis /= np.linalg.norm(axis)
    h = householder(axis)
    np.testing.assert_allclose(h @ axis, np.eye(m)[0], atol=1e-12)
    np.testing.assert_allclose(h @ h.T, np.eye(m), atol=1e-12)


def test_a_truncation_fixes_its_cone_and_collapses_the_opposite_one():
    rng = np.random.default_rng(0)
    axis = np.array([0.6, 0.8, 0.0])
    apex = np.array([1.0, -1.0, 2.0])
    inside = apex + 2 * axis + 0.3 * rng.normal(size=(20, 3))
    opposite = apex - 2 * axis + 0.3 * rng.normal(size=(20, 3))
    limit = largest_angle(apex, axis, inside, opposite)
    cone = Cone(apex, axis, 0.99 * limit)
    assert cone.contains(inside).all() and cone.contains(opposite, sign=-1).all()
    np.testing.assert_allclose(cone.truncate(inside), inside, atol=1e-12)
    np.testing.assert_allclose(
        cone.truncate(opposite), np.tile(apex, (20, 1)), atol=1e-12
    )
    # The bound is sharp: a little wider and some point leaves its cone.
    wider = Cone(apex, axis, min(1.01 * limit, np.pi / 2 - 1e-9))
    assert not (
        wider.contains(inside).all() and wider.contains(opposite, sign=-1).all()
    )


def test_zero_loss_with_q_m_plus_2_numbers_on_small_clusters():
    x, labels = well_separated_clusters(4, 6, 15, 0.05, np.random.default_rng(1))
    clf = explicit_classifier(x, labels)
    targets = one_hot(labels, 4)
    assert np.mean((clf(x) - targets) ** 2) < 1e-25
    assert clf.free_axes == 0 and clf.described_by == 4 * (6 + 2)
    assert clf.weight_count == 4 * (36 + 6) + 4 * 7
    np.testing.assert_allclose(clf.network(x), clf(x), atol=1e-10)
    model = nets.mlp([6] * 5 + [4], seed=0)
    nets.load_layers(model, clf.layers())
    outputs = model(nets.as_tensor(x)).detach().cpu().numpy()
    np.testing.assert_allclose(outputs, targets, atol=1e-10)


def test_each_layer_collapses_its_class_and_moves_nothing_else():
    x, labels = well_separated_clusters(3, 4, 10, 0.05, np.random.default_rng(2))
    clf = explicit_classifier(x, labels)
    current = x
    for cone, cls in zip(clf.cones, clf.order):
        after = cone.truncate(current)
        np.testing.assert_allclose(
            after[labels == cls], cone.apex[None, :].repeat(10, 0), atol=1e-12
        )
        np.testing.assert_allclose(
            after[labels != cls], current[labels != cls], atol=1e-12
        )
        current = after


def test_classes_that_are_not_sequentially_separable_are_refused():
    xor = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    with pytest.raises(TheoryError, match="not sequentially linearly separable"):
        explicit_classifier(xor, np.array([0, 0, 1, 1]))
    with pytest.raises(TheoryError, match="identical points"):
        explicit_classifier(np.array([[1.0, 2.0], [1.0, 2.0]]), np.array([0, 1]))
    with pytest.raises(TheoryError, match="input dimension of at least 4"):
        explicit_classifier(np.eye(5)[:, :3], np.arange(5))


def test_a_searched_axis_handles_separable_classes_that_are_not_small():
    rng = np.random.default_rng(3)
    # Two long, interleaved bars: the mean axis does not separate them.
    t = rng.uniform(-5, 5, size=40)
    x = np.c_[t, np.where(np.arange(40) < 20, 0.3, -0.3) + 0.05 * rng.normal(size=40)]
    x[:20, 0] += 4.0
    labels = (np.arange(40) >= 20).astype(int)
    clf = explicit_classifier(x, labels)
    assert clf.free_axes >= 1
    assert np.mean((clf(x) - one_hot(labels, 2)) ** 2) < 1e-20


def test_study_compares_with_networks_of_the_same_size():
    x, labels = well_separated_clusters(3, 4, 8, 0.05, np.random.default_rng(4))
    study, clf = classifier_study(x, labels, steps=30, seed=0)
    assert study.loss < 1e-25 and study.network_loss < 1e-20
    assert study.same_architecture.parameters == clf.weight_count
    assert abs(study.same_count.parameters - clf.described_by) <= 4 + 3
    assert len(study.same_architecture.trained.losses) == 31
    assert "explicit loss" in study.summary()
