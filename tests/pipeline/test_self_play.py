"""Difficulty selection, strategies, the sampling budget, honest counts, compare."""

from __future__ import annotations

import dataclasses
import random
import shutil

import pytest

from pipeline.cli import main
from pipeline.config import RunConfig, load_config
from pipeline.difficulty import cites_same_statement, is_trivial, kept_conjectures, proof_steps
from pipeline.growth import citing_targets, growth_table
from pipeline.rounds import Run, target_samples
from pipeline.store import Store


@pytest.mark.parametrize("proof,steps", [
    ("rfl", 1), ("by rfl", 1), ("by simp", 1), ("by simp [Nat.add_comm]", 1),
    ("fun _ => rfl", 1), ("fun a b => Nat.le_refl a", 1), ("True.intro", 1),
    ("by induction n <;> simp [*]", 2), ("by intro h; exact h", 2),
    ("by\n  intro p\n  exact propext ⟨fun h => h.1, fun h => ⟨h, h⟩⟩", 4),
    ("⟨h.2, h.1⟩", 2), ("fun h => (h rfl).elim", 2),
    ("by cases b with | true => rfl | false => rfl", 3),
])
def test_proof_steps(proof, steps):
    assert proof_steps(proof) == steps


def test_trivial_means_every_sample_or_one_step():
    assert is_trivial(1.0, "by intro h; exact h")
    assert is_trivial(0.2, "by simp")
    assert not is_trivial(0.5, "by intro h; exact h")


def _store_with_conjectures(tmp_path) -> Store:
    store = Store(tmp_path / "run.db", create=True)
    with store.db:
        store.add_theorem("s", "True", "True", "seed", 0, "library", proof="True.intro",
                          proved_round=0)
        # (name, proof, [(proof tried, status, samples)]) of round 1, k = 4
        cases = [
            ("rare", "by intro h; exact h", [("by intro h; exact h", "proved", 1),
                                             ("by simp", "rejected", 3)]),
            ("half", "by intro h; exact h", [("by intro h; exact h", "proved", 2),
                                             ("rfl", "rejected", 2)]),
            ("always", "by intro h; exact h", [("by intro h; exact h", "proved", 4)]),
            ("onestep", "by simp", [("by simp", "proved", 1), ("rfl", "rejected", 3)]),
            ("hard", "by intro h; exact h", [("by intro h; exact h", "proved", 1),
                                             ("by intro h; exact h.1", "proved", 2),
                                             ("rfl", "timeout", 1)]),
        ]
        for i, (name, proof, tried) in enumerate(cases):
            store.add_theorem(name, f"P{i}", f"P{i}", "conjecture", 1, "mutation", parent="s")
            for text, status, samples in tried:
                store.add_attempt(1, name, text, status, "", "", 0.1, samples)
            store.mark_proved(name, proof, 1)
    return store


def test_success_rates_count_samples(tmp_path):
    store = _store_with_conjectures(tmp_path)
    assert store.success_rates(1) == {"rare": 0.25, "half": 0.5, "always": 1.0,
                                      "onestep": 0.25, "hard": 0.75}


def test_kept_conjectures_are_the_rarely_proved_non_trivial_ones(tmp_path):
    store = _store_with_conjectures(tmp_path)
    assert [t.name for t in kept_conjectures(store, 0.0, 0.75)] == ["rare", "half", "hard"]
    assert [t.name for t in kept_conjectures(store, 0.3, 0.6)] == ["half"]
    assert [t.name for t in kept_conjectures(store, 0.0, 1.0)] == ["rare", "half", "hard"]


def test_citing_a_same_statement_lemma_is_counted_apart(tmp_path):
    store = Store(tmp_path / "run.db", create=True)
    with store.db:
        store.add_theorem("Nat.add_zero", "∀ (n : Nat), n + 0 = n", "a", "seed", 0, "library",
                          proof="fun _ => rfl", proved_round=0)
        store.add_theorem("t.cited", "∀ (m : Nat), m = m + 0", "b", "target", 0, "library",
                          proof="fun m => (Nat.add_zero m).symm", proved_round=1)
        store.add_theorem("t.real", "∀ (m : Nat), m + 0 = m + 0", "c", "target", 0, "library",
                          proof="fun _ => rfl", proved_round=1)
        store.add_theorem("t.open", "∀ (m : Nat), 0 + m = m", "d", "target", 0, "library")
        store.add_round(1, 0, 0, 3, 2, 2, 1.0, 0.5)
    assert citing_targets(store) == ["t.cited"]
    assert growth_table(store).splitlines()[-1] == (
        "targets proved so far: 1 of 3 (and 1 more only by citing a library theorem with the "
        "same statement)")
    assert cites_same_statement("by exact @Nat.add_zero", {"Nat.add_zero"})
    assert not cites_same_statement("by simp [Nat.add_zero_x]", {"Nat.add_zero"})


@pytest.mark.parametrize("conjectures,targets,expected", [
    (0, 100, 15), (160, 100, 6), (100, 100, 9), (200, 100, 6), (10, 0, 6)])
def test_every_strategy_gets_the_same_sampling_budget(conjectures, targets, expected):
    config = RunConfig(max_conjectures=160, proofs_per_statement=6)
    assert target_samples(config, conjectures, targets) == expected


def test_no_self_play_spends_the_budget_on_the_targets(tiny_config, tmp_path):
    run_dir = tmp_path / "none"
    config = tmp_path / "none.yaml"
    config.write_text(tiny_config.read_text()
                      + "conjecture_strategy: none\nrepair_samples: 0\nsearch_width: 0\n")
    assert main(["run", "--run-dir", str(run_dir), "--config", str(config), "--quiet"]) == 0
    store = Store(run_dir / "run.db")
    assert store.theorems("kind='conjecture'") == []
    per_target = {}
    for a in store.attempts(1):
        per_target[a["theorem"]] = per_target.get(a["theorem"], 0) + a["samples"]
    cfg = load_config(config)
    targets = len(store.theorems("kind='target'"))
    assert set(per_target) == {t.name for t in store.theorems("kind='target'")}
    expected = (cfg.max_conjectures + targets) * cfg.proofs_per_statement // targets
    assert set(per_target.values()) == {expected}


def test_uniform_strategy_draws_proved_theorems(tiny_run, tiny_config, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(tiny_run, copy)
    config = dataclasses.replace(load_config(tiny_config), conjecture_strategy="uniform",
                                 conjectures_per_node=0)
    run = Run(copy, config, progress=False)
    try:
        run.prepare()
        proposals = run._propose(run._build_graph(), random.Random(3))
        proved = {t.name for t in run.store.theorems("proof IS NOT NULL")}
    finally:
        run.close()
    parents = {p.parent for p in proposals}
    assert parents <= proved
    assert len(parents) >= config.walk_starts  # 6 x 3 drawn; some have no mutation


def test_compare_prints_one_row_per_run_and_writes_the_plot(tiny_run, tmp_path, capsys):
    other = tmp_path / "other"
    shutil.copytree(tiny_run, other)
    plot = tmp_path / "c.png"
    assert main(["compare", str(tiny_run), str(other), "--plot", str(plot)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["run", "strategy", "rounds"]
    assert lines[1].split()[0] == tiny_run.name and lines[2].split()[0] == "other"
    store = Store(tiny_run / "run.db")
    [row] = store.rounds()
    series = f"{store.count_proved('seed')} → {row['cumulative_proved']}"
    assert series in lines[1] and series in lines[2]
    assert lines[-1] == f"plot: {plot}" and plot.stat().st_size > 5000
    assert main(["compare", str(tiny_run), "--plot", str(tmp_path / "c.txt")]) == 3


def _attempt(proof, status, reason=None, message="", samples=1):
    from lean_env.checker import Reason, Status, Verdict
    from pipeline.proving import Attempt

    verdict = Verdict(Status(status), Reason(reason) if reason else None, message, (), 0.0)
    return Attempt(proof, verdict, samples)


def test_close_failure_is_the_most_sampled_elaboration_error():
    from pipeline.proving import close_failure

    attempts = [_attempt("rfl", "rejected", "elaboration", "Type mismatch\n  rfl", 1),
                _attempt("by simp", "rejected", "elaboration", "unsolved goals\nn : Nat", 3),
                _attempt("by (", "rejected", "parse", "unexpected end of input", 5)]
    assert close_failure(attempts).proof == "by simp"
    assert close_failure(attempts[2:]) is None
    assert close_failure(attempts + [_attempt("by decide", "proved")]) is None


def test_repair_prompt_holds_statement_proof_and_complaint():
    from pipeline.proving import repair_prompt

    assert repair_prompt("∀ (n : Nat), n + 0 = n", "by\n  intro n\n  simp",
                         "unsolved goals\nn : Nat\n⊢ n + 0 = n") == (
        "∀ (n : Nat), n + 0 = n ⟸ by intro n simp ⟸ unsolved goals")


def test_compare_can_cut_runs_to_equal_rounds(tmp_path):
    from pipeline.compare import read_history

    store = Store(tmp_path / "run.db", create=True)
    with store.db:
        store.add_theorem("s", "True", "True", "seed", 0, "library", proof="True.intro",
                          proved_round=0)
        for r in (1, 2, 3):
            store.add_theorem(f"c{r}", f"P{r}", f"P{r}", "conjecture", r, "mutation",
                              proof="by intro h; exact h", proved_round=r)
            store.add_round(r, 5, 4, 4, 1, 0, 60.0 * r, 0.1 * r)
    store.close()
    (tmp_path / "config.yaml").write_text("conjecture_strategy: uniform\n")
    full, cut = read_history(tmp_path), read_history(tmp_path, 2)
    assert (full.strategy, full.cumulative, full.seconds) == ("uniform", [1, 2, 3, 4], 360.0)
    assert (cut.cumulative, cut.diversity, cut.seconds) == ([1, 2, 3], [0.1, 0.2], 180.0)


def test_refuted_and_specialized_conjectures_in_a_round(tiny_run, tiny_config, tmp_path):
    from pipeline.growth import growth_table
    from pipeline.refute import refute

    store = Store(tiny_run / "run.db")
    try:
        refuted = store.step_info(1, "conjecture")["refuted"]
        conjectures = store.theorems("kind='conjecture'")
        table = growth_table(store)
    finally:
        store.close()
    assert refuted > 0 and "refuted" in table.splitlines()[0]
    # The round refuted with seed = config seed + round.
    assert [t.statement for t in conjectures
            if refute(t.statement, trials=64, seed=1) is not None] == []
    assert any(t.source == "specialization" for t in conjectures)
    # With the counterexample search off, proposals it would refute are kept.
    copy = tmp_path / "copy"
    shutil.copytree(tiny_run, copy)
    config = dataclasses.replace(load_config(tiny_config), refute_trials=0)
    run = Run(copy, config, progress=False)
    try:
        run.prepare()
        proposals = run._propose(run._build_graph(), random.Random(5))
        kept, none_refuted = run._keep_elaborating(proposals, 2)
    finally:
        run.close()
    assert none_refuted == 0
    assert any(refute(p.statement) is not None for p in kept)


def test_targets_proved_in_earlier_rounds_are_lemmas(tiny_run, tiny_config, tmp_path):
    from lean_env.checker import Candidate, Status

    copy = tmp_path / "copy"
    shutil.copytree(tiny_run, copy)
    config = load_config(tiny_config)
    run = Run(copy, config, progress=False)
    try:
        run.prepare()
        target = next(t for t in run.store.theorems("kind='target'")
                      if t.statement == "∀ {a b : Prop}, a ∧ b ↔ b ∧ a")
        if target.proof is None:
            with run.store.db:
                run.store.mark_proved(target.name, "⟨And.symm, And.symm⟩", 1)
        proved_round = run.store.theorems("name=?", (target.name,))[0].proved_round
        run._use_lemmas(proved_round)
        assert run.checker.lemmas is None
        run._use_lemmas(proved_round + 1)
        assert target.name in run.checker.lemmas.names
        assert target.name in [name for name, _ in run._lemma_index().entries]
        citing = Candidate("∀ (x y : Prop), (x ∧ y ↔ y ∧ x) ∧ True",
                           f"fun _ _ => ⟨{target.name}, trivial⟩")
        assert run.checker.check([citing])[0].status is Status.PROVED
        off = Run(copy, dataclasses.replace(config, cite_found=False), progress=False)
        try:
            off._use_lemmas(proved_round + 1)
            assert off.checker.lemmas is None
            assert off.checker.check([citing])[0].status is Status.REJECTED
        finally:
            off.close()
    finally:
        run.close()


def test_found_lemmas_are_what_earlier_rounds_proved_but_specializations(tmp_path):
    from pipeline.found import found_lemmas

    store = Store(tmp_path / "run.db", create=True)
    with store.db:
        store.add_theorem("trivial", "True", "s", "seed", 0, "library", proof="True.intro",
                          proved_round=0)
        store.add_theorem("t.two", "(2 : Nat) = 2", "a", "target", 0, "library",
                          proof="rfl", proved_round=2)
        store.add_theorem("conj.r1.0", "(1 : Nat) = 1", "b", "conjecture", 1, "mutation",
                          parent="trivial", proof="rfl", proved_round=1)
        store.add_theorem("conj.r1.1", "(0 : Nat) = 0", "c", "conjecture", 1, "specialization",
                          parent="trivial", proof="rfl", proved_round=1)
        store.add_theorem("conj.r1.2", "(3 : Nat) = 4", "d", "conjecture", 1, "conjecturer",
                          parent="trivial")
        store.add_theorem("conj.r2.0", "(5 : Nat) = 5", "e", "conjecture", 2, "conjecturer",
                          parent="trivial", proof="rfl", proved_round=2)
    assert found_lemmas(store, 1) == []
    assert found_lemmas(store, 2) == [("conj_r1_0", "(1 : Nat) = 1", "rfl")]
    assert [name for name, _, _ in found_lemmas(store, 3)] == ["conj_r1_0", "t.two", "conj_r2_0"]
