"""Tests of theory.ramp: global minimizers and the other configurations, Q = 2, 3."""

import numpy as np
import pytest

from theory.classifier import well_separated_clusters
from theory.errors import TheoryError
from theory.ramp import configuration_network, ramp_study, stratum_infimum


@pytest.fixture(scope="module")
def two():
    return ramp_study(2, 2, 6, 0.1, seed=0)


def test_the_global_minimizers_have_zero_cost_and_gradient(two):
    best = two.global_minimum
    assert best.collapsed == (0, 1)
    assert best.cost < 1e-25 and best.gradient < 1e-12
    assert max(two.family_costs) < 1e-25
    assert best.flat > 0  # degenerate: flat directions of the Hessian


def test_the_other_configurations_have_distinct_costs_and_one_is_a_minimum(two):
    others = two.others
    assert [c.collapsed for c in others] == [(), (0,), (1,)]
    assert len({round(c.cost, 12) for c in others}) == 3
    assert all(c.readout_gradient < 1e-12 for c in others)
    empty, *truncated = others
    assert empty.critical and empty.hessian_min > -1e-10
    assert empty.cost == pytest.approx(empty.infimum, rel=1e-9)
    assert all(not c.critical and c.hessian_min < 0 for c in truncated)


def test_three_classes():
    study = ramp_study(3, 3, 5, 0.1, seed=1)
    assert len(study.others) == 2**3 - 1
    assert len({round(c.cost, 12) for c in study.others}) == 7
    assert [c.collapsed for c in study.others if c.critical] == [()]
    assert study.global_minimum.cost < 1e-25


def test_configurations_collapse_what_they_say():
    x, labels = well_separated_clusters(3, 3, 5, 0.1, np.random.default_rng(2))
    network = configuration_network(x, labels, (0, 1, 2), depth=4)
    np.testing.assert_allclose(network(x), np.eye(3)[labels], atol=1e-12)
    assert stratum_infimum(x, labels, (0, 1, 2)) == 0.0
    with pytest.raises(TheoryError, match="needs as many layers"):
        configuration_network(x, labels, (0, 1, 2), depth=2)
    with pytest.raises(TheoryError, match="L >= Q"):
        ramp_study(3, 2, 5, 0.1, seed=0)
