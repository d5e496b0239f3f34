import pytest

from models import SPECIAL_TOKENS, train_tokenizer

LEAN_TEXTS = [
    "∀ (n : Nat), n + 0 = n",
    "∀ a b : Prop, a ∧ b → b ∧ a",
    "¬ (p ↔ q) → ∃ x, x ≠ 0 ∧ x ≤ 3",
    "xs ++ [] = xs",
    "by induction n with\n  | zero => rfl\n  | succ n ih => simp [ih]",
]


@pytest.fixture(scope="module")
def lean_tokenizer():
    return train_tokenizer(LEAN_TEXTS * 3, vocab_size=320)


@pytest.mark.parametrize(
    "text",
    LEAN_TEXTS
    + [
        "  two leading, two trailing  ",
        "⟨hb, ha⟩ ∘ λ x ↦ x⁻¹ ∈ ℕ ∪ ℤ",
        "never seen: 日本語 🙂 \t tab",
        "literal <sep> and <eos> text",
        "",
    ],
)
def test_round_trip_is_exact(lean_tokenizer, text):
    ids = lean_tokenizer.encode(text, add_special_tokens=False)
    assert lean_tokenizer.decode(ids) == text


def test_special_tokens_are_set_and_distinct(lean_tokenizer):
    ids = [
        lean_tokenizer.pad_token_id,
        lean_tokenizer.bos_token_id,
        lean_tokenizer.eos_token_id,
        lean_tokenizer.sep_token_id,
    ]
    assert lean_tokenizer.convert_ids_to_tokens(ids) == list(SPECIAL_TOKENS)
    assert all(0 <= i < len(lean_tokenizer) for i in ids)


def test_learns_merges_for_lean_words(lean_tokenizer):
    ids = lean_tokenizer.encode("induction", add_special_tokens=False)
    assert len(ids) < len("induction")


def test_rejects_vocab_smaller_than_bytes():
    with pytest.raises(ValueError):
        train_tokenizer(LEAN_TEXTS, vocab_size=100)
