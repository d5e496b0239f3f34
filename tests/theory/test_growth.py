"""Tests of theory.growth: a round against its exact expectation, traces, study."""

import numpy as np
import pytest

from embeddings.diffusion import diffusion_kernel
from embeddings.walks import diversity_weights
from theory.errors import TheoryError
from theory.graphs import barbell, connectivity, cycle, expander, grid
from theory.growth import (
    GraphGrowth,
    GrowthModel,
    GrowthTrace,
    ball,
    exit_probability,
    expected_new,
    growth_round,
    growth_study,
    simulate_growth,
    tilted_transition,
)


def _mask(n, members):
    mask = np.zeros(n, dtype=bool)
    mask[members] = True
    return mask


@pytest.mark.parametrize("beta", [0.0, 1.0])
def test_one_round_averages_to_its_exact_expectation(beta):
    weights = expander(30, 0)
    proved = _mask(30, ball(weights, 0, 6))
    model = GrowthModel(proof_probability=0.5, walkers=2, walk_length=2, beta=beta)
    kernel = diffusion_kernel(weights, model.scale)
    rng = np.random.default_rng(0)
    new = [
        growth_round(weights, proved, model, rng, kernel).sum() - 6 for _ in range(3000)
    ]
    exact = expected_new(weights, proved, model, kernel)
    assert abs(np.mean(new) - exact) < 4 * np.std(new) / np.sqrt(len(new))


def test_one_step_from_pi_s_leaves_s_with_probability_its_conductance():
    weights = barbell(5)
    proved = _mask(10, [0, 1, 2, 4])
    law = np.where(proved, weights.sum(axis=1), 0.0)
    leaving = (law / law.sum()) @ tilted_transition(weights, proved, 0.0, None)
    assert leaving[~proved].sum() == pytest.approx(
        exit_probability(weights, proved), rel=1e-12
    )
    # Cut: 0, 1, 2 and 4 to node 3, and the bridge 4-5; volume 4 + 4 + 4 + 5.
    assert exit_probability(weights, proved) == pytest.approx(5 / 17, rel=1e-12)


def test_the_tilted_walk_is_the_diversity_walk_of_embeddings():
    weights = expander(20, 1)
    proved = _mask(20, ball(weights, 3, 5))
    kernel = diffusion_kernel(weights, 4)
    step = tilted_transition(weights, proved, 1.5, kernel)
    scores = kernel[:, proved].mean(axis=1)
    for u in range(20):
        neighbours = np.flatnonzero(weights[u])
        expected = diversity_weights(weights[u, neighbours], scores[neighbours], 1.5)
        np.testing.assert_allclose(step[u, neighbours], expected, rtol=1e-12)


def test_trace_measures():
    trace = GrowthTrace(np.array([4.0, 8, 8, 8, 16, 19, 20]), np.zeros(7), 20)
    np.testing.assert_array_equal(trace.factors, [2, 1, 1, 2, 19 / 16, 20 / 19])
    assert trace.saturation_round == 5  # the first size >= 0.9 * 20
    assert trace.rate == pytest.approx(np.log(19 / 4) / 5, rel=1e-12)
    assert trace.longest_stall == 2


def test_expanders_grow_exponentially_cycles_linearly_barbells_stall():
    model = GrowthModel()
    rates, stalls = {}, {}
    for name, weights in (
        ("expander", expander(100, 0)),
        ("cycle", cycle(100)),
        ("barbell", barbell(30)),
    ):
        traces = [
            simulate_growth(
                weights, ball(weights, 0, 4), model, np.random.default_rng(s)
            )
            for s in range(3)
        ]
        rates[name] = np.mean([t.rate for t in traces])
        stalls[name] = np.mean([t.longest_stall for t in traces])
    assert rates["expander"] > 0.2 and rates["expander"] > 5 * rates["cycle"]
    # A cycle gains at most 2 theorems per round: at most ln(90/4)/43 per round.
    assert rates["cycle"] <= np.log(90 / 4) / 43
    assert stalls["barbell"] >= 5 > stalls["expander"]


def test_simulation_refuses_an_empty_start_and_bad_parameters():
    with pytest.raises(TheoryError, match="at least one proved theorem"):
        simulate_growth(
            cycle(5), np.array([], dtype=int), GrowthModel(), np.random.default_rng(0)
        )
    with pytest.raises(TheoryError, match="p must be"):
        GrowthModel(proof_probability=0)


def test_study_places_a_run_graph_beside_the_families():
    weights = expander(24, 2)
    study = growth_study(
        ("cycle",),
        20,
        1,
        0,
        GrowthModel(),
        (0.0,),
        run=(weights, np.arange(3), (3.0, np.array([4.0, 6.0]))),
    )
    assert [g.name for g in study.graphs] == ["cycle", "theorem graph"]
    assert study.observed_rate == pytest.approx(np.log(2) / 2, rel=1e-12)
    assert "the run itself 0.347 over 2 rounds" in study.summary()


def test_the_polynomial_exponent_of_a_trace():
    rounds = np.arange(0, 41, dtype=float)
    sizes = np.maximum(1.0, 0.25 * rounds**2)  # |S_r| = r^2 / 4 on 400 nodes
    trace = GrowthTrace(sizes, np.zeros(41), 400)
    grown = GraphGrowth("grid", 0.0, connectivity(grid(3, 4)), (trace,))
    assert grown.exponent == pytest.approx(2.0, abs=1e-9)
