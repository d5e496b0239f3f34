"""Shared fixtures: a tokenizer and a tiny model trained once per session."""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest  # noqa: E402

from models import LMConfig, Seq2SeqLM, train_tokenizer  # noqa: E402

PAIRS = [
    (
        "∀ (n : Nat), n + 0 = n",
        "by induction n with | zero => rfl | succ n ih => simp [ih]",
    ),
    ("∀ (a b : Prop), a ∧ b → b ∧ a", "fun a b ⟨ha, hb⟩ => ⟨hb, ha⟩"),
    ("∀ (p q : Prop), p ∨ q → q ∨ p", "by intro p q h; cases h <;> simp [*]"),
    ("∀ (xs : List Nat), xs ++ [] = xs", "by simp"),
]
"""(statement, proof) pairs the tiny model learns by heart."""

TINY = LMConfig(n_layer=1, n_head=4, n_embd=64, n_positions=128)
"""Small enough to train in seconds on two CPU cores."""

TRAIN_STEPS = 250
"""Enough for TINY to reproduce all PAIRS greedily (it does by ~150)."""


@pytest.fixture(scope="session")
def tokenizer():
    """A tokenizer trained on the statements and proofs of PAIRS."""
    return train_tokenizer([text for pair in PAIRS for text in pair], vocab_size=400)


@pytest.fixture(scope="session")
def trained_lm(tokenizer) -> Seq2SeqLM:
    """TINY trained on PAIRS on the CPU; tests must not train it further."""
    lm = Seq2SeqLM.create(tokenizer, TINY, seed=0, device="cpu")
    lm.train(PAIRS, steps=TRAIN_STEPS, seed=0)
    return lm


@pytest.fixture(scope="session")
def pairs() -> list[tuple[str, str]]:
    """PAIRS, for tests (a fixture because conftest is not importable)."""
    return PAIRS
