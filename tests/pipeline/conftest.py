"""A tiny real run (real Lean, real models), built once per test session."""

from __future__ import annotations

import pytest

TINY = """rounds: 1
seed: 0
walk_starts: 6
walk_steps: 2
conjectures_per_node: 1
mutations_per_node: 2
max_conjectures: 40
proofs_per_statement: 2
initial_train_steps: 40
round_train_steps: 10
encoder_initial_steps: 10
encoder_round_steps: 5
vocab_size: 400
n_layer: 1
n_head: 2
n_embd: 32
search_width: 2
search_depth: 3
search_samples: 2
"""


@pytest.fixture(scope="session")
def tiny_config(tmp_path_factory):
    path = tmp_path_factory.mktemp("cfg") / "tiny.yaml"
    path.write_text(TINY)
    return path


@pytest.fixture(scope="session")
def tiny_run(tmp_path_factory, tiny_config):
    from pipeline.cli import main

    run_dir = tmp_path_factory.mktemp("runs") / "tiny"
    assert main(["run", "--run-dir", str(run_dir), "--config", str(tiny_config), "--quiet"]) == 0
    return run_dir
