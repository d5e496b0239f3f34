"""Symbolic mutations of statements."""

from __future__ import annotations

import random

from pipeline.mutations import mutations


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
