"""Tactic-level search: proofs cut into steps, Lean's goals, the menu, and
searches that real Lean checks."""

from __future__ import annotations

import random

from lean_env.checker import Candidate, Status
from lean_env.library import core_source_dir
from lean_env.records import read_theorems
from pipeline.search import (
    STEP_MARK,
    CLOSE,
    LemmaIndex,
    constants,
    menu_steps,
    render_steps,
    search,
    split_steps,
    step_pairs,
    step_prompt,
)

SEEDS = [(r.statement, r.proof) for r in read_theorems(core_source_dir() / "Leanplay/Seeds.lean")
         if r.proof is not None]


def test_split_steps_flattens_bullets_and_keeps_alternatives_together():
    assert split_steps("fun h => h") == ["exact fun h => h"]
    assert split_steps("by simp [ih]") == ["simp [ih]"]
    assert split_steps("by intro n; rfl") == ["intro n", "rfl"]
    proof = ("by\n  intro p\n  apply propext\n  constructor\n  · intro h\n"
             "    cases h with\n    | inl h => exact h\n    | inr h => exact h\n"
             "  · intro h\n    exact Or.inl h")
    assert split_steps(proof) == [
        "intro p", "apply propext", "constructor", "intro h",
        "cases h with\n| inl h => exact h\n| inr h => exact h", "intro h", "exact Or.inl h"]
    assert render_steps(["intro n", "induction n with\n| zero => rfl"]) == (
        "by\n  intro n\n  induction n with\n  | zero => rfl")


def test_every_seed_proof_cut_into_steps_still_proves_its_theorem(checker):
    verdicts = checker.check([Candidate(s, render_steps(split_steps(p))) for s, p in SEEDS])
    assert len(SEEDS) == 55
    assert [v.status for v in verdicts] == [Status.PROVED] * len(SEEDS)


def test_step_pairs_read_the_goal_before_each_step(checker):
    stmt, proof = next((s, p) for s, p in SEEDS if s.startswith("∀ {a b : Prop}, a ∧ b → b ∧ a"))
    assert step_pairs(checker, [(stmt, proof)]) == [
        (STEP_MARK + "⊢ ∀ {a b : Prop}, And a b → And b a", "intro a b h"),
        (STEP_MARK + "a b : Prop h : And a b ⊢ And b a", "exact ⟨h.2, h.1⟩")]
    assert step_prompt("a : Prop\n⊢   a") == STEP_MARK + "a : Prop ⊢ a"


def test_menu_steps_follow_the_goal():
    steps = menu_steps("a b : Prop\nh : And a b\n⊢ Or b a")
    for step in ("left", "right", "cases h", "exact h.1", "exact h", "assumption"):
        assert step in steps
    assert "constructor" not in steps
    assert menu_steps("⊢ ∀ (n m : Nat), Eq n n")[0] == "intro n m"
    assert "induction n" in menu_steps("n : Nat\n⊢ Eq (HAdd.hAdd 0 n) n")
    assert "intro h1" in menu_steps("a : Prop\n⊢ Not (Not a)")


def test_menu_search_finds_proofs_the_checker_accepts(checker):
    statements = ["∀ {a b : Prop}, a ∧ b → b ∧ a", "∀ (n : Nat), 0 + n = n",
                  "∀ {a b : Prop}, a ∨ b → b ∨ a", "(1 : Nat) = 2"]
    found = search(None, checker, statements, width=4, samples=0, depth=6, temperature=1.0,
                   max_new_tokens=32, rng=random.Random(0))
    assert [bool(f) for f in found] == [True, True, True, False]
    verdicts = checker.check([Candidate(s, f[0]) for s, f in zip(statements, found) if f])
    assert [v.status for v in verdicts] == [Status.PROVED] * 3


def test_constants_leave_bound_variables_out():
    assert constants("Eq (HAdd.hAdd n 0) n") == {"Eq", "HAdd.hAdd", "0"}
    assert constants("Eq (and b true) b") == {"Eq", "and", "true"}


def test_lemma_index_offers_the_lemmas_sharing_most_constants(checker):
    named = [("Nat.add_zero", "∀ (n : Nat), n + 0 = n"),
             ("Nat.mul_zero", "∀ (n : Nat), n * 0 = 0"),
             ("Bool.true_and", "∀ (b : Bool), and true b = b"),
             ("And.symm", "∀ {a b : Prop}, a ∧ b → b ∧ a")]
    index = LemmaIndex.build(checker, named, per_goal=2)
    assert [name for name, _ in index.entries] == [n for n, _ in named]
    assert index.nearest("n : Nat\n⊢ Eq (HAdd.hAdd (HAdd.hAdd n 0) 0) n") == [
        "Nat.add_zero", "Nat.mul_zero"]
    assert index.nearest("b : Bool\n⊢ Eq (and true (and true b)) b") == [
        "Bool.true_and", "Nat.add_zero"]  # a tie with Nat.mul_zero: the first
    assert index.nearest("p : Prop\n⊢ Or p p") == []
    goal = "n : Nat\n⊢ Eq (HAdd.hAdd (HAdd.hAdd n 0) 0) n"
    assert index.nearest(goal, count=1) == ["Nat.add_zero"]
    assert index.nearest(goal, count=6) == ["Nat.add_zero", "Nat.mul_zero", "Bool.true_and"]


def test_menu_cites_lemmas_and_splits_booleans():
    steps = menu_steps("b : Bool\n⊢ Eq (and b true) b", ["Bool.true_and"])
    for step in ("rw [Bool.true_and]", "rw [← Bool.true_and]", "simp [*, Bool.true_and]",
                 "apply Bool.true_and", "exact Bool.true_and", "cases b", "cases b <;> rfl",
                 "cases b <;> decide", "cases b <;> simp [*, Bool.true_and]"):
        assert step in steps
    assert "induction b" not in steps
    assert "induction n <;> simp [*]" in menu_steps("n : Nat\n⊢ Eq (HAdd.hAdd 0 n) n")


def test_search_proves_by_citing_a_lemma(checker, tmp_path):
    import dataclasses

    from lean_env.lemmas import build_lemmas

    lemma = ("t_add_comm", "∀ (n m : Nat), n + m = m + n",
             "by\n  intro n m\n  induction m <;> simp [*, Nat.add_succ, Nat.succ_add, Nat.zero_add]")
    cited = dataclasses.replace(checker, lemmas=build_lemmas(checker, [lemma], tmp_path))
    statement = "∀ (a b c : Nat), a + b + c = c + (a + b)"
    index = LemmaIndex.build(cited, [lemma[:2]], per_goal=1)
    [found] = search(None, cited, [statement], width=4, samples=0, depth=2, temperature=1.0,
                     max_new_tokens=32, rng=random.Random(0), lemmas=index)
    assert found and "t_add_comm" in found[0]
    [verdict] = cited.check([Candidate(statement, found[0])])
    assert verdict.status is Status.PROVED
    [none] = search(None, checker, [statement], width=4, samples=0, depth=2, temperature=1.0,
                    max_new_tokens=32, rng=random.Random(0))
    assert none == []


def test_lemma_index_never_offers_a_restatement(checker):
    index = LemmaIndex.build(checker, [("And.symm", "∀ {a b : Prop}, a ∧ b → b ∧ a")])
    goal = "⊢ ∀ {a b : Prop}, And a b → And b a"
    assert index.nearest(goal) == ["And.symm"]
    assert index.nearest(goal, "∀ {x y : Prop}, x ∧ y → y ∧ x") == []


def test_menu_uses_constructors_of_inductive_predicates():
    steps = menu_steps("n m : Nat\nh : LT.lt n m\n⊢ LE.le n m")
    assert "constructor" in steps
    assert f"constructor <;> {CLOSE}" in steps
    for step in ("cases h", "induction h", f"cases h <;> {CLOSE}",
                 f"induction h <;> constructor <;> {CLOSE} | constructor",
                 f"induction n <;> constructor <;> {CLOSE}"):
        assert step in steps
    # Not predicates: connectives, equations, values.
    assert "constructor" not in menu_steps("a b : Prop\nh : And a b\n⊢ Or b a")
    assert not any(s.startswith("induction h") for s in menu_steps("h : Eq 1 1\n⊢ Eq 2 2"))
    assert "induction n <;> constructor" not in " ".join(menu_steps("n : Nat\n⊢ Eq n n"))


def test_menu_names_inaccessible_hypotheses_and_finds_witnesses():
    steps = menu_steps("a b : Prop\nh✝ : Or a b\n⊢ Or b a")
    assert "rename_i h1" in steps
    assert "rename_i h1" not in menu_steps("a b : Prop\nh : Or a b\n⊢ Or b a")
    exists = menu_steps("n : Nat\n⊢ Exists fun k => Eq n (Nat.succ k)")
    assert exists[:3] == ["refine ⟨n, ?_⟩", "refine ⟨_, rfl⟩", "constructor"]


def test_menu_wide_simp_takes_all_the_wide_lemmas():
    steps = menu_steps("n : Nat\n⊢ Eq (HMul.hMul 0 n) 0", ["A"], ["A", "B", "C"])
    assert "simp [*, A, B, C]" in steps
    assert "induction n <;> simp [*, A, B, C]" in steps
    assert "induction n <;> simp [*, A]" in steps
    assert "simp [*, A, B, C]" not in menu_steps("n : Nat\n⊢ Eq (HMul.hMul 0 n) 0", ["A"])


def test_menu_search_proves_order_facts_by_constructors(checker):
    statements = ["∀ (n : Nat), 0 ≤ n", "∀ {n m : Nat}, n < m → n ≤ m",
                  "∀ {n m k : Nat}, n < m → m < k → n < k",
                  "∀ {n : Nat}, n ≠ 0 → ∃ k, n = Nat.succ k"]
    found = search(None, checker, statements, width=4, samples=0, depth=6, temperature=1.0,
                   max_new_tokens=32, rng=random.Random(0))
    assert all(found)
    verdicts = checker.check([Candidate(s, f[0]) for s, f in zip(statements, found)])
    assert [v.status for v in verdicts] == [Status.PROVED] * 4


def test_menu_renames_only_inaccessible_hypotheses_not_bound_variables():
    # A `✝` in the target is a bound variable's name, not a hypothesis to rename.
    assert "rename_i h1" not in menu_steps("n : Nat\n⊢ ∀ (x✝ : Nat), Eq x✝ n")
    assert "rename_i h1" in menu_steps("n✝ : Nat\n⊢ Eq 0 0")
