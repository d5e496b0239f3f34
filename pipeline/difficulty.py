"""How hard a proved conjecture was, and whether it is worth learning from.

The prover samples k proofs per conjecture; the share of samples that Lean
accepted estimates the conjecture's success rate. The conjecturer learns from
conjectures proved, but rarely: a rate inside the configured band, and not
trivial (proved by every sample, or by a one-step proof).
"""

from __future__ import annotations

import re

from pipeline.store import Store, TheoremRow

__all__ = ["proof_steps", "is_trivial", "conjecture_rates", "kept_conjectures",
           "cites_same_statement"]

#: What separates tactics inside a `by` block.
_TACTIC_SEPARATORS = re.compile(r"\n|;|<;>|=>|·")
#: Leading `fun x y =>` binders of a term proof.
_LEADING_FUN = re.compile(r"^(?:fun\b[^=]*=>\s*)+")
_IDENTIFIER = re.compile(r"[A-Za-z_\u0370-\u03ff\u1f00-\u1fff][\w.'\u2080-\u2089]*")


def proof_steps(proof: str) -> int:
    """The number of steps of a proof: tactics of a `by` block (pieces between
    newlines, `;`, `<;>`, `=>` and bullets), or for a term 1 when, under its
    leading `fun … =>`, it is an application without brackets (`rfl`,
    `Nat.le_refl n`), else 2.

    >>> proof_steps("by simp"), proof_steps("by induction n <;> simp [*]")
    (1, 2)
    >>> proof_steps("fun _ => rfl"), proof_steps("⟨h.2, h.1⟩")
    (1, 2)
    """
    text = proof.strip()
    if text.startswith("by") and (len(text) == 2 or not text[2].isalnum()):
        pieces = [p for p in _TACTIC_SEPARATORS.split(text[2:]) if p.strip()]
        return max(1, len(pieces))
    body = _LEADING_FUN.sub("", text)
    return 1 if body and not any(c in body for c in "(⟨{[") and " by " not in body else 2


def is_trivial(rate: float, proof: str) -> bool:
    """A conjecture proved by every sample, or by a one-step proof."""
    return rate >= 1.0 or proof_steps(proof) <= 1


def conjecture_rates(store: Store) -> list[tuple[float, TheoremRow]]:
    """Every proved conjecture with its success rate in the round it was proved."""
    found, rates = [], {}
    for t in store.theorems("kind='conjecture' AND proof IS NOT NULL"):
        if t.proved_round not in rates:
            rates[t.proved_round] = store.success_rates(t.proved_round)
        found.append((rates[t.proved_round].get(t.name, 0.0), t))
    return found


def kept_conjectures(store: Store, low: float, high: float) -> list[TheoremRow]:
    """The proved conjectures of every round whose success rate (in the round
    they were proved) lies in [low, high] and that are not trivial."""
    return [t for rate, t in conjecture_rates(store)
            if low <= rate <= high and not is_trivial(rate, t.proof)]


def cites_same_statement(proof: str, same_statement: set[str]) -> bool:
    """Whether `proof` names one of `same_statement` (library theorems whose
    statement is the proved statement up to `statement_key`)."""
    return any(name.lstrip("@") in same_statement for name in _IDENTIFIER.findall(proof))
