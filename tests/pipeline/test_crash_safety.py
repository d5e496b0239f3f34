"""A run killed with SIGKILL at random moments resumes to the same end state."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

KILLS = 20


def _start(run_dir, config):
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "run", "--run-dir", str(run_dir),
         "--config", str(config), "--rounds", "2", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _finish(run_dir, config) -> float:
    start = time.monotonic()
    proc = _start(run_dir, config)
    _, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err
    return time.monotonic() - start


def _state(run_dir):
    db = sqlite3.connect(run_dir / "run.db")
    return {
        "proved": sorted(db.execute(
            "SELECT name, statement, proof, proved_round FROM theorems WHERE proof IS NOT NULL")),
        "theorems": sorted(db.execute("SELECT name, statement, kind, parent FROM theorems")),
        "attempts": sorted(db.execute(
            "SELECT round, theorem, proof, status, reason FROM attempts")),
        "steps": sorted(db.execute("SELECT round, step FROM steps")),
        "rounds": sorted(db.execute(
            "SELECT round, conjectured, elaborated, attempted, new_proved, targets_proved, "
            "cumulative_proved FROM rounds")),
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory, tiny_config):
    run_dir = tmp_path_factory.mktemp("reference") / "run"
    seconds = _finish(run_dir, tiny_config)
    return run_dir, seconds


def test_uninterrupted_runs_are_deterministic(reference, tmp_path, tiny_config):
    run_dir, _ = reference
    again = tmp_path / "again"
    _finish(again, tiny_config)
    assert _state(again) == _state(run_dir)


def test_sigkill_at_random_points_then_resume(reference, tmp_path, tiny_config):
    ref_dir, seconds = reference
    run_dir = tmp_path / "killed"
    rng = random.Random(1234)
    for _ in range(KILLS):
        proc = _start(run_dir, tiny_config)
        time.sleep(rng.uniform(0.5, seconds))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
    _finish(run_dir, tiny_config)
    state = _state(run_dir)
    assert state == _state(ref_dir)
    attempts = state["attempts"]
    assert len(attempts) == len(set(attempts))  # every verdict exactly once
    assert state["steps"] == sorted([(0, "train")] + [(r, s) for r in (1, 2)
                                                     for s in ("conjecture", "prove", "train")])
