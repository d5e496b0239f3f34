"""Tests of theory.graphs: families, spectral gap, exact and sweep conductance."""

import numpy as np
import pytest

from theory.errors import TheoryError
from theory.graphs import (
    barbell,
    connectivity,
    cut_conductance,
    cycle,
    exact_conductance,
    expander,
    family,
    grid,
    path,
    spectral_gap,
    sweep_conductance,
)


def test_families_have_the_stated_shapes():
    assert family("expander", 30, 0).sum(axis=1).tolist() == [4.0] * 30
    assert family("grid", 50, 0).shape == (50, 50)  # 5 x 10
    assert barbell(4).sum() == 2 * (2 * 6 + 1)  # two K4 and the bridge, both directions
    with pytest.raises(TheoryError, match="unknown graph family"):
        family("torus", 30)
    with pytest.raises(TheoryError, match="no 3-regular graph"):
        expander(7, 0, degree=3)


@pytest.mark.parametrize(
    "weights, gap",
    [
        (cycle(10), 1 - np.cos(2 * np.pi / 10)),
        (path(9), 1 - np.cos(np.pi / 8)),
        (np.ones((6, 6)) - np.eye(6), 6 / 5),  # K_6: eigenvalues 1 and -1/5
    ],
)
def test_spectral_gap_matches_closed_forms(weights, gap):
    assert spectral_gap(weights) == pytest.approx(gap, rel=1e-12)


@pytest.mark.parametrize(
    "weights, phi",
    [
        (cycle(10), 2 / 10),  # half the cycle: 2 edges cut, volume 10
        (path(10), 1 / 9),  # half the path: 1 edge, volume 9
        (barbell(5), 1 / 21),  # one clique: 1 edge, volume 5 * 4 + 1
        (grid(3, 4), 3 / 17),  # across the long side: 3 edges, volume 17
    ],
)
def test_exact_conductance_and_the_sweep_agree_with_closed_forms(weights, phi):
    exact, side = exact_conductance(weights)
    assert exact == pytest.approx(phi, rel=1e-12)
    assert cut_conductance(weights, side) == pytest.approx(phi, rel=1e-12)
    assert sweep_conductance(weights)[0] == pytest.approx(phi, rel=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_cheeger_brackets_the_exact_conductance_of_random_expanders(seed):
    weights = expander(16, seed)
    shape = connectivity(weights)
    assert shape.exact
    assert shape.cheeger_low <= shape.conductance <= np.sqrt(2 * shape.gap)
    assert sweep_conductance(weights)[0] >= shape.conductance - 1e-12


def test_exact_conductance_refuses_large_graphs():
    with pytest.raises(TheoryError, match="over the limit"):
        exact_conductance(cycle(21))
    assert not connectivity(cycle(21)).exact
