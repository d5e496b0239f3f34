"""The run's text encoder and FAISS index: query, neighbors, the diversity walk."""

from __future__ import annotations

import dataclasses
import shutil

import numpy as np
import pytest

from embeddings.diffusion import collision_by_walk, empirical_distribution
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.rounds import DIVERSITY_SCALE, Run
from pipeline.similarity import RunSimilarity
from pipeline.store import Store


def _table(out: str) -> list[list[str]]:
    lines = out.strip().splitlines()
    assert lines[0].split()[:4] == ["rank", "similarity", "proved", "name"]
    return [line.split(None, 4) for line in lines[1:]]


def test_each_round_saves_an_encoder_and_an_index_of_the_graph(tiny_run):
    similarity = RunSimilarity(tiny_run)
    store = Store(tiny_run / "run.db")
    graph_names = {t.name for t in store.theorems("kind != 'conjecture' OR proof IS NOT NULL")}
    assert set(similarity.index.names) == graph_names
    first = similarity.index.names[0]
    statement = next(t.statement for t in store.theorems() if t.name == first)
    assert np.allclose(similarity.encoder.encode([statement])[0],
                       similarity.index.vector(first), atol=1e-5)


def test_query_prints_the_nearest_theorems_best_first(tiny_run, capsys):
    statement = "∀ (l : List Nat), l ++ [] = l"
    assert main(["query", str(tiny_run), statement, "-k", "7"]) == 0
    rows = _table(capsys.readouterr().out)
    assert [int(r[0]) for r in rows] == list(range(1, 8))
    scores = [float(r[1]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    hits = RunSimilarity(tiny_run).query(statement, 7)
    assert [r[3] for r in rows] == [h.name for h in hits]
    proved = {t.name for t in Store(tiny_run / "run.db").theorems("proof IS NOT NULL")}
    assert [r[2] == "yes" for r in rows] == [h.name in proved for h in hits]


def test_neighbors_leaves_the_theorem_itself_out(tiny_run, capsys):
    assert main(["neighbors", str(tiny_run), "Nat.add_zero", "-k", "5"]) == 0
    rows = _table(capsys.readouterr().out)
    assert len(rows) == 5 and "Nat.add_zero" not in [r[3] for r in rows]
    similarity = RunSimilarity(tiny_run)
    vectors = np.stack([similarity.index.vector(n) for n in similarity.index.names])
    scores = vectors @ similarity.index.vector("Nat.add_zero")
    best = [similarity.index.names[i] for i in np.argsort(-scores) if
            similarity.index.names[i] != "Nat.add_zero"][:5]
    assert [r[3] for r in rows] == best


def test_k_larger_than_the_index_returns_everything(tiny_run, capsys):
    assert main(["query", str(tiny_run), "True", "-k", "1024"]) == 0
    assert len(_table(capsys.readouterr().out)) == len(RunSimilarity(tiny_run).index)


@pytest.mark.parametrize("argv,needle", [
    (["neighbors", "{run}", "Nat.add_zro"], "did you mean Nat.add_zero"),
    (["query", "{run}", "   "], "empty"),
    (["query", "{run}/nowhere", "True"], "no leanplay run directory"),
])
def test_bad_queries_are_one_line_errors(tiny_run, capsys, argv, needle):
    assert main([a.format(run=tiny_run) for a in argv]) == 3
    err = capsys.readouterr().err.strip()
    assert needle in err and len(err.splitlines()) == 1


def test_a_missing_index_is_reported(tiny_run, tmp_path, capsys):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_run, copy)
    shutil.rmtree(copy / "models" / "round-1" / "index")
    assert main(["query", str(copy), "True"]) == 3
    assert "has no text encoder or index" in capsys.readouterr().err
    assert main(["doctor", str(copy)]) == 3
    assert "index is unreadable" in capsys.readouterr().out


def _visit_diversity(run: Run, config, seed: int) -> tuple[float, float]:
    """(D_4 of the visits, share of visits on proved theorems) of one round's walks."""
    run.config = config
    graph = run._build_graph()
    proved = [t.name for t in run.store.theorems("proof IS NOT NULL") if t.name in graph]
    rng = np.random.default_rng(seed)
    starts = [proved[i] for i in rng.choice(len(proved), 24, replace=False)]
    visits = run._walk(graph, proved, starts, rng)
    assert len(visits) == 24 * (config.walk_steps + 1) and visits[0] == starts[0]
    mu = empirical_distribution(visits, graph.names())
    share = np.mean([v in set(proved) for v in visits])
    return 1 / collision_by_walk(mu, graph, DIVERSITY_SCALE), share


def test_the_diversity_walk_leaves_the_proved_set_more_than_the_plain_walk(
        tiny_run, tiny_config, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_run, copy)
    base = dataclasses.replace(load_config(tiny_config), walk_steps=6)
    run = Run(copy, base, progress=False)
    try:
        run.prepare()
        plain = _visit_diversity(run, base, seed=5)
        exact = _visit_diversity(run, dataclasses.replace(
            base, conjecture_strategy="diverse", diversity_similarity="exact",
            diversity_beta=4.0), seed=5)
        learned = _visit_diversity(run, dataclasses.replace(
            base, conjecture_strategy="diverse", diversity_beta=4.0), seed=5)
    finally:
        run.close()
    # Fixed seed; the margins leave room for another torch or BLAS build.
    assert exact[1] < plain[1] - 0.1, (plain, exact)
    assert exact[0] > plain[0] + 0.02, (plain, exact)
    assert 0 < learned[0] <= 1 and 0 <= learned[1] <= 1
