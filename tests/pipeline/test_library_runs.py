"""Self-play on libraries other than the embedded core (`run --library`)."""

from __future__ import annotations

import pytest

from lean_env.errors import LeanSourceError
from lean_env.library import core_source_dir, user_library
from pipeline.cli import main
from pipeline.store import Store

USER_BASE = """prelude
import Leanplay.Seeds

theorem Mine.id_true : True → True := fun h => h
theorem Mine.and_intro : ∀ (p q : Prop), p → q → p ∧ q := fun _ _ hp hq => ⟨hp, hq⟩
theorem Mine.true_and_true : True ∧ True := sorry
"""

USER_MORE = """prelude
import Leanplay.Seeds
import Mine.Base

theorem Mine.and_true_intro : ∀ (p : Prop), p → p ∧ True := fun p hp => Mine.and_intro p True hp True.intro
theorem Mine.or_left : ∀ (p q : Prop), p → p ∨ q := sorry
theorem Mine.imp_self : ∀ (p : Prop), p → p := sorry
"""


def _two_rounds(tiny_config, tmp_path, library, name):
    run_dir = tmp_path / name
    assert main(["run", "--run-dir", str(run_dir), "--config", str(tiny_config),
                 "--library", str(library), "--rounds", "2", "--quiet"]) == 0
    return run_dir, Store(run_dir / "run.db")


def test_two_rounds_on_the_shipped_order_library(tiny_config, tmp_path, capsys):
    run_dir, store = _two_rounds(tiny_config, tmp_path, core_source_dir() / "examples" / "Order",
                                 "order")
    targets = {t.name for t in store.theorems("kind='target'")}
    assert targets == {"Order.le_succ_succ", "Order.zero_lt_one", "Order.le_two",
                       "Order.zero_le_two", "Order.succ_le_succ_self"}
    seeds = {t.name for t in store.theorems("kind='seed'")}
    assert {"Order.zero_le", "Order.le_step", "Order.lt_succ", "Order.le_two_steps",
            "Order.zero_le_one"} <= seeds
    assert "Nat.add_zero" in seeds  # the core's seeds come along
    assert [r["round"] for r in store.rounds()] == [1, 2]
    attempted = {a["theorem"] for a in store.attempts(1)}
    assert targets - {t.name for t in store.theorems("kind='target' AND proved_round < 1")} \
        <= attempted
    # Results leave as Lean checked against the same library.
    assert main(["export", str(run_dir), "--out", str(tmp_path / "F.lean")]) == 0
    assert "no errors" in capsys.readouterr().out


def test_two_rounds_on_a_user_library_written_here(tiny_config, tmp_path):
    lib = tmp_path / "Mine"
    lib.mkdir()
    (lib / "Base.lean").write_text(USER_BASE)
    (lib / "More.lean").write_text(USER_MORE)  # imports Mine.Base: built after it
    run_dir, store = _two_rounds(tiny_config, tmp_path, lib, "mine")
    assert {t.name for t in store.theorems("kind='target'")} == {
        "Mine.true_and_true", "Mine.or_left", "Mine.imp_self"}
    assert {"Mine.id_true", "Mine.and_intro", "Mine.and_true_intro"} <= {
        t.name for t in store.theorems("kind='seed'")}
    assert [r["round"] for r in store.rounds()] == [1, 2]
    # Resuming finds the same library from the run's config.
    assert main(["run", "--run-dir", str(run_dir), "--rounds", "2", "--quiet"]) == 0


def test_library_errors_are_clear(tmp_path):
    with pytest.raises(LeanSourceError, match="no Lean library at"):
        user_library(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(LeanSourceError, match="holds no .lean file"):
        user_library(tmp_path / "empty")
    cyc = tmp_path / "Cyc"
    cyc.mkdir()
    (cyc / "A.lean").write_text("prelude\nimport Leanplay.Seeds\nimport Cyc.B\n")
    (cyc / "B.lean").write_text("prelude\nimport Leanplay.Seeds\nimport Cyc.A\n")
    with pytest.raises(LeanSourceError, match="import cycle: Cyc.A -> Cyc.B -> Cyc.A"):
        user_library(cyc)
    bad = tmp_path / "Leanplay"
    bad.mkdir()
    (bad / "X.lean").write_text("prelude\n")
    with pytest.raises(LeanSourceError, match="cannot be a module name"):
        user_library(bad)


def test_a_missing_library_is_a_one_line_error(tmp_path, capsys):
    assert main(["run", "--run-dir", str(tmp_path / "r"),
                 "--library", str(tmp_path / "nowhere.lean")]) == 3
    err = capsys.readouterr().err.strip()
    assert "no Lean library at" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "r").exists()  # a failed new run leaves no directory


def test_a_targets_file_replaces_the_librarys_targets(tiny_config, tmp_path):
    targets = tmp_path / "T.lean"
    targets.write_text("prelude\nimport Leanplay.Seeds\n\n"
                       "theorem t.one : ∀ (n : Nat), n + 0 + 0 = n := sorry\n"
                       "theorem t.two : ∀ (p : Prop), p → p ∧ p := sorry\n")
    run_dir = tmp_path / "run"
    assert main(["run", "--run-dir", str(run_dir), "--config", str(tiny_config),
                 "--targets", str(targets), "--quiet"]) == 0
    store = Store(run_dir / "run.db")
    assert {t.name for t in store.theorems("kind='target'")} == {"t.one", "t.two"}
    assert len(store.theorems("kind='seed'")) == 55
    assert {a["theorem"] for a in store.attempts(1)} >= {"t.one", "t.two"}


def test_a_user_librarys_own_targets_are_not_lemmas_under_their_names(core_lib):
    from pipeline.found import targets_in_library

    order = user_library(core_source_dir() / "examples" / "Order")
    assert targets_in_library(order, "")  # declared there, with `sorry`
    assert not targets_in_library(order, "T.lean")  # a targets file is not imported
    assert not targets_in_library(core_lib, "")  # Leanplay.Targets is not imported
