"""Lexical screening of untrusted Lean text (model-written proofs and statements).

A proof is spliced after ``:=`` in a file that Lean elaborates, so it must
not be able to end the theorem and start a command. The screen lexes the
text the way Lean would, with a deliberately small language, and refuses
anything outside it:

* tokens are identifiers (dotted, with Greek letters and subscripts),
  decimal numerals, and a fixed set of symbols; whitespace is spaces and
  newlines;
* a numeral must not run into a letter, ``_`` or a decimal point
  (``0x1axiom``, ``0b1``, ``1_000``, ``1e5``, ``1.5`` are all refused: Lean
  would read a numeral and then a keyword the screen never saw);
* no string, character or name literals (``"``, ``'x'``, backtick), no
  comments, no ``#``, no attributes, no term elaborators (``name%``);
* no identifier part may be a command keyword or an escape hatch;
* brackets balance.

Statements are screened the same way, and may not contain ``:=``, ``|``
or ``by`` either (a statement could otherwise carry its own proof).
"""

from __future__ import annotations

import re

__all__ = ["screen_proof", "screen_statement", "MAX_PROOF_CHARS", "MAX_STATEMENT_CHARS"]

#: Longer proofs than this are not written by the models trained here and would
#: only slow the checker; statements are shorter still.
MAX_PROOF_CHARS = 4000
MAX_STATEMENT_CHARS = 1000

_GREEK = "αβγδεζηθικμνξοπρστυφχψω"  # lowercase Greek, λ excluded (it is `fun`)
_SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉ₐ"
_ID_START = re.escape(_GREEK) + "A-Za-z_"
_ID_REST = _ID_START + re.escape(_SUBSCRIPTS) + "0-9'!?"
_IDENT = re.compile(f"[{_ID_START}][{_ID_REST}]*(?:\\.[{_ID_START}][{_ID_REST}]*)*")
_NUMERAL = re.compile(r"[0-9]+")
#: Multi-character symbols first, so that `:=` is not read as `:` `=`.
_SYMBOLS = sorted("""
:= => <;> <| |> ++ :: <-> -> <= >= != == && || ∘ ▸ ← ↦ ⊢ ∀ ∃ → ↔ ∧ ∨ ¬ ≠ ≤ ≥ · × ⟨ ⟩
( ) [ ] { } , : ; . = < > + - * / % ^ | ! ? @ $ & ~ λ
""".split(), key=len, reverse=True)

#: Identifier parts that start a command, attach an attribute, change
#: options, or smuggle an unchecked proof.
_FORBIDDEN_WORDS = frozenset("""
theorem lemma def example axiom axioms instance abbrev structure class inductive
coinductive opaque set_option open namespace section end import prelude universe
variable variables mutual private protected noncomputable unsafe partial nonrec
attribute macro macro_rules syntax notation infix infixl infixr prefix postfix
elab elab_rules run_cmd run_tac run_elab initialize builtin_initialize deriving
export sorry admit sorryAx lcProof lcCast native_decide nativeDecide
implemented_by extern debug omit include in where meta public local scoped
register_tactic_tag tactic_extension recommended_spelling grind_pattern
binder_predicate assert_not_exists with_decl_name init_quot gen_injective_theorems
declare_syntax_cat add_decl_doc unif_hint simproc dsimproc builtin_simproc
seal unseal irreducible_def termination_by decreasing_by
""".split())

_STATEMENT_FORBIDDEN = frozenset({"by"})
_PAIRS = {")": "(", "]": "[", "}": "{", "⟩": "⟨"}


def screen_proof(text: str) -> str | None:
    """Return why a proof text is refused, or None when it may be checked."""
    problem, _ = _lex(text, MAX_PROOF_CHARS, "proof")
    return problem


def screen_statement(text: str) -> str | None:
    """Return why a statement text is refused, or None when it may be elaborated."""
    if "\n" in text:
        return "statement spans several lines"
    problem, tokens = _lex(text, MAX_STATEMENT_CHARS, "statement")
    if problem:
        return problem
    for tok in tokens:
        if tok in (":=", "|", "<;>") or tok in _STATEMENT_FORBIDDEN:
            return f"statement contains `{tok}`"
    return None


def _lex(text: str, limit: int, what: str) -> tuple[str | None, list[str]]:
    if not text.strip():
        return f"empty {what}", []
    if len(text) > limit:
        return f"{what} longer than {limit} characters", []
    tokens: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in " \n":
            i += 1
            continue
        problem, tok = _token(text, i, tokens, what)
        if problem:
            return problem, tokens
        tokens.append(tok)
        i += len(tok)
    return _bracket_problem(tokens, what), tokens


def _token(text: str, i: int, previous: list[str], what: str) -> tuple[str | None, str]:
    m = _IDENT.match(text, i)
    if m:
        word = m.group()
        for part in word.split("."):
            if part in _FORBIDDEN_WORDS:
                return f"{what} uses the keyword `{part}`", word
        if text.startswith("%", m.end()):
            return f"{what} uses a term elaborator (`{word}%`)", word
        return None, word
    m = _NUMERAL.match(text, i)
    if m:
        end = m.end()
        after = text[end:end + 2]
        projection = bool(previous) and previous[-1] == "." and i > 0 and text[i - 1] == "."
        if after[:1] and (re.match(f"[{_ID_REST}]", after[:1]) or after[:1] == "_"):
            return f"{what} has a numeral running into `{after[:1]}`", m.group()
        if not projection and after[:1] == "." and after[1:2].isdigit():
            return f"{what} has a decimal numeral", m.group()
        return None, m.group()
    for sym in _SYMBOLS:
        if text.startswith(sym, i):
            if sym in ("-", "/") and text.startswith(("--", "/-", "-/"), i):
                return f"{what} contains a comment", sym
            if sym == "@" and text.startswith("@[", i):
                return f"{what} contains an attribute marker", sym
            return None, sym
    ch = text[i]
    if ch in "\"'`":
        return f"{what} contains a string, character or name literal", ch
    if ch == "#":
        return f"{what} contains a command marker (`#`)", ch
    return f"{what} contains a disallowed character (U+{ord(ch):04X})", ch


def _bracket_problem(tokens: list[str], what: str) -> str | None:
    stack = []
    for tok in tokens:
        if tok in ("(", "[", "{", "⟨"):
            stack.append(tok)
        elif tok in _PAIRS:
            if not stack or stack.pop() != _PAIRS[tok]:
                return f"{what} has unbalanced brackets"
    return f"{what} has unbalanced brackets" if stack else None
