"""Symbolic mutations of statements."""

from __future__ import annotations

import random

from pipeline.mutations import mutations, specializations


def test_mutations_keep_binders_and_change_the_body():
    out = mutations("∀ (n : Nat), n + 0 = n", random.Random(0), 10)
    assert sorted(out) == sorted([
        "∀ (n : Nat), n = n + 0", "∀ (n : Nat), n * 0 = n", "∀ (n : Nat), n + 1 = n"])


def test_mutations_are_distinct_limited_and_deterministic():
    stmt = "∀ (p q : Prop), p ∧ q → q ∧ p"
    a = mutations(stmt, random.Random(1), 1)
    assert len(a) == 1 and a == mutations(stmt, random.Random(1), 1)
    full = mutations(stmt, random.Random(1), 10)
    assert len(full) == len(set(full)) and stmt not in full


def test_specializations_substitute_one_variable_by_a_compound_term():
    out = specializations("∀ (n : Nat), n + 0 = n", random.Random(0), 10)
    assert sorted(out) == sorted([
        "∀ (n : Nat), Nat.succ n + 0 = Nat.succ n",
        "∀ (n w : Nat), (n + w) + 0 = (n + w)",
        "∀ (n w : Nat), (n * w) + 0 = (n * w)"])
    props = specializations("∀ {a b : Prop}, a ∧ b → b ∧ a", random.Random(0), 20)
    assert "∀ {a b w : Prop}, (a ∨ w) ∧ b → b ∧ (a ∨ w)" in props and len(props) == 6


def test_specializations_leave_rebound_variables_and_other_shapes_alone():
    # k is bound again inside the body: only n and m may be substituted.
    out = specializations("∀ (n m k : Nat), n ≤ m → ∀ (k : Nat), n + k ≤ m + k",
                          random.Random(0), 50)
    assert out and all("k + w" not in s and "Nat.succ k" not in s for s in out)
    assert specializations("(0 : Nat) ≠ 1", random.Random(0), 5) == []
    assert specializations("∀ x, x = x", random.Random(0), 5) == []


def test_specializations_of_the_seeds_elaborate_and_are_never_refuted(checker):
    from lean_env.library import core_source_dir
    from lean_env.records import read_theorems
    from pipeline.refute import refute

    seeds = [r.statement for r in read_theorems(core_source_dir() / "Leanplay/Seeds.lean")]
    rng = random.Random(3)
    specs = [s for stmt in seeds for s in specializations(stmt, rng, 4)]
    assert len(specs) >= 100
    assert [s for s in specs if refute(s) is not None] == []
    problems = checker.elaborates(specs)
    assert sum(p is None for p in problems) >= 0.9 * len(specs)
