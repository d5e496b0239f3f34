"""Tests of theory.run_data: reading a run directory without changing it."""

import sqlite3
from types import SimpleNamespace

import numpy as np
import pytest

from embeddings.diffusion import diffusion_kernel
from pipeline.rounds import Run
from pipeline.store import Store
from theory.errors import TheoryError
from theory.run_data import load_run, topic_of


def test_the_graph_is_the_one_the_pipeline_builds(run_dir):
    snapshot = load_run(run_dir)
    store = Store(run_dir / "run.db")
    try:
        pipeline_graph = Run._build_graph(SimpleNamespace(store=store))
    finally:
        store.close()
    assert snapshot.names == pipeline_graph.names()
    np.testing.assert_array_equal(snapshot.weights(), pipeline_graph.weight_matrix()[1])
    assert snapshot.seeds == 15
    np.testing.assert_array_equal(snapshot.cumulative, [20, 20])
    assert len(snapshot.seed_indices()) == 15
    assert snapshot.proved().sum() == 20  # the unproved conjecture is not in the graph


def test_loading_leaves_the_directory_as_it_was(run_dir):
    before = {p.name: p.read_bytes() for p in run_dir.iterdir()}
    load_run(run_dir)
    assert {p.name: p.read_bytes() for p in run_dir.iterdir()} == before


@pytest.mark.parametrize(
    "statement, topic",
    [
        ("∀ (l : List Nat), l ++ [] = l", "List"),
        ("∀ (n : Nat), Nat.succ n ≠ 0", "Nat"),
        ("∀ (b : Bool), (b && true) = b", "Bool"),
        ("∀ (a b : Nat), Nat.beq a b = Nat.beq b a", "Nat"),
        ("∀ {a b : Prop}, a ∧ b → b ∧ a", "logic"),
    ],
)
def test_topics(statement, topic):
    assert topic_of(statement) == topic


def test_labels_and_embedding(run_dir):
    snapshot = load_run(run_dir)
    topics, names = snapshot.labels("topic")
    assert names == ("List", "Nat", "Bool", "logic")
    assert np.bincount(topics).tolist() == [6, 11, 5, 5]
    proved, names = snapshot.labels("proved")
    assert names == ("proved", "unproved") and np.bincount(proved).tolist() == [20, 7]
    n = len(snapshot.names)
    full = snapshot.embedding(n - 1)
    # The dropped coordinate is the constant 1: K_t = 1 + f f^T.
    np.testing.assert_allclose(
        1 + full @ full.T, diffusion_kernel(snapshot.graph, 4), atol=1e-9
    )
    weights, seeds = snapshot.largest_component()
    assert len(weights) == 17 and len(seeds) > 0


def test_bad_run_directories_are_one_line_errors(tmp_path):
    with pytest.raises(TheoryError, match="no leanplay run directory"):
        load_run(tmp_path)
    (tmp_path / "run.db").write_text("not sqlite")
    with pytest.raises(TheoryError, match="not a leanplay run database"):
        load_run(tmp_path)
    (tmp_path / "run.db").unlink()
    db = sqlite3.connect(tmp_path / "run.db")
    db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    db.commit()
    db.close()
    with pytest.raises(TheoryError, match="incompatible leanplay"):
        load_run(tmp_path)


def test_an_embedding_needs_more_theorems_than_dimensions(run_dir):
    snapshot = load_run(run_dir)
    with pytest.raises(TheoryError, match="too few"):
        snapshot.embedding(len(snapshot.names))
