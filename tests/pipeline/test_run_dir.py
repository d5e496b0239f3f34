"""The run directory: its lock, `leanplay doctor DIR`, and damaged contents."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

from pipeline.cli import main
from pipeline.lock import RunLock


def test_second_run_on_a_locked_directory_names_the_holder(tiny_run, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_run, copy)
    with RunLock(copy):
        done = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--run-dir",
                               str(copy), "--quiet"], capture_output=True, text=True)
    assert done.returncode == 3
    assert "is in use by leanplay pid" in done.stderr and done.stderr.count("\n") == 1


def test_doctor_accepts_a_whole_run(tiny_run, capsys):
    assert main(["doctor", str(tiny_run)]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith(": OK") and "current models: models/round-1" in out


def test_doctor_finds_damage(tiny_run, tmp_path, capsys):
    copy = tmp_path / "damaged"
    shutil.copytree(tiny_run, copy)
    weights = next((copy / "models" / "round-1" / "prover").glob("*.safetensors"))
    weights.write_bytes(weights.read_bytes()[:100])
    db = sqlite3.connect(copy / "run.db")
    with db:
        db.execute("DELETE FROM steps WHERE round=1 AND step='prove'")
    db.close()
    assert main(["doctor", str(copy)]) == 3
    out = capsys.readouterr().out
    assert "truncated" in out and "out of order" in out and "2 problem(s)" in out
