"""Lexical screening of untrusted Lean text (model-written proofs and statements).

A proof is spliced after ``:=`` in a file that Lean elaborates, so it must not
be able to end the theorem and start a command.  The screen accepts only
text that could be one term or tactic block: a limited alphabet (ASCII, the
mathematical symbols of the core's notation, lowercase Greek for variables,
subscript digits), no control characters but newline, no comments, balanced
brackets, and no command keyword or escape hatch anywhere as a token.
"""

from __future__ import annotations

import re

__all__ = ["screen_proof", "screen_statement", "MAX_PROOF_CHARS", "MAX_STATEMENT_CHARS"]

#: Longer proofs than this are not written by the models trained here and would
#: only slow the checker; statements are shorter still.
MAX_PROOF_CHARS = 4000
MAX_STATEMENT_CHARS = 1000

_SYMBOLS = set("∀∃→↔∧∨¬≠≤≥⟨⟩·×∘▸←↦λ⊢ₐ₀₁₂₃₄₅₆₇₈₉'")
_GREEK = {chr(c) for c in range(ord("α"), ord("ω") + 1)} - {"λ"} | {"λ"}
_ALLOWED = {chr(c) for c in range(0x20, 0x7F)} | {"\n"} | _SYMBOLS | _GREEK

#: Tokens that start a command, attach an attribute, change options, or
#: smuggle an unchecked proof.
_FORBIDDEN_WORDS = frozenset("""
theorem lemma def example axiom axioms instance abbrev structure class inductive
coinductive opaque set_option open namespace section end import prelude universe
variable variables mutual private protected noncomputable unsafe partial
attribute macro macro_rules syntax notation infix infixl infixr prefix postfix
elab elab_rules run_cmd run_tac initialize builtin_initialize deriving export
sorry admit sorryAx lcProof lcCast native_decide nativeDecide implemented_by
extern debug omit include in_namespace declare_syntax_cat where
""".split())

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_'!?]*(?:\.[A-Za-z_][A-Za-z0-9_'!?]*)*")
_PAIRS = {")": "(", "]": "[", "}": "{", "⟩": "⟨"}


def screen_proof(text: str) -> str | None:
    """Return why a proof text is refused, or None when it may be checked."""
    return _screen(text, MAX_PROOF_CHARS, "proof")


def screen_statement(text: str) -> str | None:
    """Return why a statement text is refused, or None when it may be elaborated."""
    if "\n" in text:
        return "statement spans several lines"
    if ":=" in text:
        return "statement contains `:=`"
    return _screen(text, MAX_STATEMENT_CHARS, "statement")


def _screen(text: str, limit: int, what: str) -> str | None:
    if not text.strip():
        return f"empty {what}"
    if len(text) > limit:
        return f"{what} longer than {limit} characters"
    bad = sorted({ch for ch in text if ch not in _ALLOWED})
    if bad:
        shown = ", ".join(f"U+{ord(ch):04X}" for ch in bad[:5])
        return f"{what} contains disallowed characters ({shown})"
    if "--" in text or "/-" in text or "-/" in text:
        return f"{what} contains a comment"
    if "#" in text or "@[" in text:
        return f"{what} contains a command or attribute marker"
    for word in _WORD.findall(text):
        for part in word.split("."):
            if part in _FORBIDDEN_WORDS:
                return f"{what} uses the keyword `{part}`"
    return _bracket_problem(text, what)


def _bracket_problem(text: str, what: str) -> str | None:
    stack = []
    for ch in text:
        if ch in "([{⟨":
            stack.append(ch)
        elif ch in _PAIRS:
            if not stack or stack.pop() != _PAIRS[ch]:
                return f"{what} has unbalanced brackets"
    return f"{what} has unbalanced brackets" if stack else None
