"""Results leave the tool as Lean: export, and the config every key documented."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3

from pipeline.cli import main
from pipeline.config import RunConfig, key_docs, load_config, show_config
from pipeline.export import EXPORT_PREFIX


def _with_found_theorems(tiny_run, tmp_path):
    """A copy of the tiny run with two found theorems (proved for real by the
    checker in the test below) stored as a run stores them."""
    copy = tmp_path / "copy"
    shutil.copytree(tiny_run, copy)
    db = sqlite3.connect(copy / "run.db")
    with db:
        db.execute("UPDATE theorems SET proof=?, proved_round=1 WHERE name='Nat.add_comm'",
                   ("by\n  intro n m\n  induction m with\n  | zero => simp\n"
                    "  | succ m ih => simp [ih, Nat.succ_add]",))
        db.execute("INSERT INTO theorems VALUES ('conj.r1.99', '∀ (p : Prop), p → p ∨ p', "
                   "'s99', 'conjecture', 1, 'trivial', 'mutation', 'fun _ h => Or.inl h', 1)")
    db.close()
    return copy


def test_export_writes_a_file_that_lean_checks(tiny_run, tmp_path, capsys, checker):
    from lean_env.checker import Candidate

    run = _with_found_theorems(tiny_run, tmp_path)
    # The stored proofs are real proofs: the checker proves them.
    [add_comm] = checker.check([Candidate(
        "∀ (n m : Nat), n + m = m + n",
        "by\n  intro n m\n  induction m with\n  | zero => simp\n"
        "  | succ m ih => simp [ih, Nat.succ_add]")])
    assert add_comm.proved, add_comm.message
    out = tmp_path / "Found.lean"
    assert main(["export", str(run), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    proved = sqlite3.connect(run / "run.db").execute(
        "SELECT COUNT(*) FROM theorems WHERE kind != 'seed' AND proof IS NOT NULL").fetchone()[0]
    assert printed[0] == f"wrote {proved} proved theorems to {out}"
    assert printed[1] == f"Lean checked {out}: no errors; axioms used: propext"
    text = out.read_text()
    assert text.startswith("prelude\nimport Leanplay.Seeds\n")
    assert "-- conj.r1.99 (conjecture from trivial, proved in round 1)" in text
    assert f"theorem {EXPORT_PREFIX}{proved - 1} : ∀ (p : Prop), p → p ∨ p :=" in text


def test_export_reports_a_proof_lean_rejects(tiny_run, tmp_path, capsys):
    run = _with_found_theorems(tiny_run, tmp_path)
    db = sqlite3.connect(run / "run.db")
    with db:
        db.execute("UPDATE theorems SET proof='rfl' WHERE name='conj.r1.99'")
    db.close()
    assert main(["export", str(run), "--out", str(tmp_path / "F.lean")]) == 4
    assert "Lean rejects" in capsys.readouterr().err


def test_every_config_key_is_documented_and_shown(tmp_path, capsys):
    docs = key_docs()
    assert set(docs) == {f.name for f in dataclasses.fields(RunConfig)}
    assert all(len(text) > 15 for text in docs.values())
    shown = show_config(RunConfig(rounds=8))
    assert "rounds: 8  # default: 3" in shown and "\nseed: 0\n" in shown
    # The text shown is a config file that gives the same config back.
    path = tmp_path / "shown.yaml"
    path.write_text(shown)
    assert load_config(path) == RunConfig(rounds=8)
    assert main(["config", "--show"]) == 0
    assert capsys.readouterr().out == show_config(RunConfig())
