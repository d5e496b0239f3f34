"""The command line on a real tiny run: run, growth, eval, doctor, bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from lean_env.checker import Candidate, Checker, Status
from lean_env.library import core_library
from pipeline.cli import main
from pipeline.store import Store


def test_run_writes_a_complete_run_directory(tiny_run):
    for name in ("run.db", "config.yaml", "graph.graphml", "growth.png",
                 "models/round-1/prover", "models/round-1/conjecturer"):
        assert (tiny_run / name).exists(), name
    store = Store(tiny_run / "run.db")
    [row] = store.rounds()
    seeds = store.count_proved("seed")
    assert seeds >= 40 and row["cumulative_proved"] == store.count_proved() >= seeds
    attempts = store.attempts()
    assert attempts and {a["status"] for a in attempts} <= {s.value for s in Status}
    assert row["attempted"] >= len(store.theorems("kind='target'"))
    assert 0 < row["diversity"] <= 1


def test_every_stored_proof_is_accepted_by_lean_again(tiny_run):
    store = Store(tiny_run / "run.db")
    proved = store.theorems("proof IS NOT NULL AND kind != 'seed'")
    verdicts = Checker(core_library()).check([Candidate(t.statement, t.proof) for t in proved])
    assert all(v.proved for v in verdicts)
    for t in proved:
        assert any(a["status"] == "proved" and a["proof"] == t.proof
                   for a in store.attempts() if a["theorem"] == t.name)


def test_growth_prints_the_table(tiny_run, capsys, tmp_path):
    assert main(["growth", str(tiny_run), "--plot", str(tmp_path / "g.png")]) == 0
    out = capsys.readouterr().out
    assert "cumulative proved" in out and "0 (seed)" in out and "diversity D_4" in out
    assert (tmp_path / "g.png").stat().st_size > 1000


def test_eval_reports_each_target(tiny_run, capsys, tmp_path):
    targets = tmp_path / "T.lean"
    targets.write_text("prelude\nimport Leanplay.Seeds\n\n"
                       "theorem e_one : ∀ (n : Nat), n * 1 = n + 0 := sorry\n"
                       "theorem e_two : ∀ (p : Prop), p → p := sorry\n")
    assert main(["eval", "--run-dir", str(tiny_run), "--targets", str(targets), "-k", "2"]) == 0
    lines = [r for r in capsys.readouterr().out.splitlines() if not r.startswith(" ")]
    assert lines[0].startswith("e_one") and lines[1].startswith("e_two")
    assert "distinct proofs of 2 samples" in lines[0]
    assert lines[-1].startswith("pass@2: ") and lines[-1].endswith("of 2 proved")


def test_eval_with_search_proves_what_the_generic_steps_reach(tiny_run, capsys, tmp_path):
    targets = tmp_path / "T.lean"
    targets.write_text("prelude\nimport Leanplay.Seeds\n\n"
                       "theorem s_one : ∀ {a b : Prop}, a ∧ b → b ∧ a := sorry\n"
                       "theorem s_two : (1 : Nat) = 2 := sorry\n")
    assert main(["eval", "--run-dir", str(tiny_run), "--targets", str(targets), "-k", "1",
                 "--search", "--quiet"]) == 0
    lines = [r for r in capsys.readouterr().out.splitlines() if not r.startswith(" ")]
    assert lines[0].startswith("s_one") and " proved " in lines[0]
    assert lines[1].startswith("s_two") and "not proved" in lines[1]
    assert lines[-1].startswith("pass@1 and search (") and lines[-1].endswith("1 of 2 proved")


def test_eval_passes_and_search_settings_from_the_command_line(tiny_run, capsys, tmp_path):
    # Which pass proves what is tested with a fixed prover in test_evaluate.
    targets = tmp_path / "T.lean"
    targets.write_text("prelude\nimport Leanplay.Seeds\n\n"
                       "theorem s_one : ∀ (a b : Prop), a ∧ b → b ∧ a := sorry\n"
                       "theorem s_two : (1 : Nat) = 2 := sorry\n")
    base = ["eval", "--run-dir", str(tiny_run), "--targets", str(targets), "-k", "1",
            "--search", "--quiet", "--set", "search_samples=0"]
    assert main(base + ["--set", "search_depth=1"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith(": 0 of 2 proved")
    assert main(base + ["--passes", "3", "--found"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("pass@1 and search (1 by search), 3 passes (0 proved after the "
                              "first, 0 of them citing targets proved before)")
    assert out[-1].endswith(": 1 of 2 proved")
    assert out[0].startswith("s_one") and out[0].endswith("(by search) (pass 1)")


def test_eval_set_takes_only_search_keys_and_needs_search(tiny_run, tmp_path, capsys):
    targets = tmp_path / "T.lean"
    targets.write_text("prelude\nimport Leanplay.Seeds\n\ntheorem s : True := sorry\n")
    base = ["eval", "--run-dir", str(tiny_run), "--targets", str(targets), "--quiet"]
    assert main(base + ["--set", "search_depth=2"]) == 2
    assert main(base + ["--search", "--set", "rounds=2"]) == 2
    assert "only the search_* keys" in capsys.readouterr().err


def test_resume_continues_with_the_next_round(tiny_run, tmp_path, tiny_config):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_run, copy)
    assert main(["run", "--run-dir", str(copy), "--rounds", "2", "--quiet"]) == 0
    assert [r["round"] for r in Store(copy / "run.db").rounds()] == [1, 2]


def test_missing_run_directory_is_a_one_line_error(tmp_path, capsys):
    assert main(["growth", str(tmp_path / "nope")]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith("leanplay: error: no leanplay run directory") and "\n" not in err


def test_targets_file_that_does_not_parse(tiny_run, tmp_path, capsys):
    bad = tmp_path / "Bad.lean"
    bad.write_text("theorem broken : ∀ (n : Nat), n + = n := sorry\n")
    assert main(["eval", "--run-dir", str(tiny_run), "--targets", str(bad)]) == 3
    err = capsys.readouterr().err
    assert "do not elaborate" in err and "broken" in err
    empty = tmp_path / "Empty.lean"
    empty.write_text("-- nothing here\n")
    assert main(["eval", "--run-dir", str(tiny_run), "--targets", str(empty)]) == 3
    assert "no `theorem NAME : STATEMENT := sorry` found" in capsys.readouterr().err
    assert main(["eval", "--run-dir", str(tiny_run), "--targets", str(tmp_path / "x.lean")]) == 3


def test_no_usable_lean_is_a_clear_error(tmp_path):
    env = dict(os.environ, LEANPLAY_LEAN=str(tmp_path / "no-such-lean"))
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "doctor"], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 4
    assert done.stderr.startswith("leanplay: error: no usable Lean")


def test_doctor_reports_the_embedded_lean(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "version: Lean (version 4.35.0" in out and "core library built: yes" in out
