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
    given = [] if (run_dir / "config.yaml").exists() else ["--config", str(config)]
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "run", "--run-dir", str(run_dir),
         *given, "--rounds", "2", "--quiet"],
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
            "diversity, cumulative_proved FROM rounds")),
    }


def _steps_recorded(run_dir) -> int:
    if not (run_dir / "run.db").exists():
        return -1
    db = sqlite3.connect(run_dir / "run.db")
    try:
        return db.execute("SELECT COUNT(*) FROM steps").fetchone()[0]
    except sqlite3.OperationalError:
        return -1
    finally:
        db.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory, tiny_config):
    run_dir = tmp_path_factory.mktemp("reference") / "run"
    seconds = _finish(run_dir, tiny_config)
    return run_dir, seconds


def _step_durations(run_dir) -> list[float]:
    """Seconds each step of the reference run took, the first counted from
    the moment the process took the run's lock."""
    db = sqlite3.connect(run_dir / "run.db")
    times = [t for (t,) in db.execute("SELECT finished_at FROM steps ORDER BY finished_at")]
    db.close()
    started = (run_dir / "run.lock").stat().st_mtime
    return [b - a for a, b in zip([started, *times], times)]


def _wait_until_working(proc, run_dir, timeout=300.0) -> None:
    """Wait until the process holds the run's lock (its imports are done)."""
    deadline = time.monotonic() + timeout
    lock = run_dir / "run.lock"
    while proc.poll() is None and time.monotonic() < deadline:
        if lock.exists() and f'"pid": {proc.pid}' in lock.read_text(errors="replace"):
            return
        time.sleep(0.02)


def test_sigkill_at_random_points_then_resume(reference, tmp_path, tiny_config):
    ref_dir, _ = reference  # the reference is an uninterrupted run
    durations = _step_durations(ref_dir)
    run_dir = tmp_path / "killed"
    killed_after: list[int] = []
    rng = random.Random(1234)
    # Even kills land at a random moment of the step the restarted process is
    # working on (drawn from that step's length in the reference run); odd ones
    # just after a step commits, the moment a half-written step would show.
    # Each restart resumes where the last one stopped, so the kills walk
    # through every step of the run, whatever the machine's speed.
    for i in range(KILLS):
        before = _steps_recorded(run_dir)
        proc = _start(run_dir, tiny_config)
        _wait_until_working(proc, run_dir)
        if i % 2 == 0:
            step = min(max(before, 0), len(durations) - 1)
            time.sleep(rng.uniform(0.0, durations[step]))
        else:
            deadline = time.monotonic() + 600
            while (proc.poll() is None and _steps_recorded(run_dir) <= before
                   and time.monotonic() < deadline):
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.5))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        killed_after.append(_steps_recorded(run_dir))
    _finish(run_dir, tiny_config)
    assert len(set(killed_after)) >= 3, killed_after  # the kills hit several steps
    state = _state(run_dir)
    assert state == _state(ref_dir)
    attempts = state["attempts"]
    assert len(attempts) == len(set(attempts))  # every verdict exactly once
    assert state["steps"] == sorted([(0, "train")] + [(r, s) for r in (1, 2)
                                                     for s in ("conjecture", "prove", "train")])
