"""Symbolic mutations of statements: cheap neighbours for the conjecturer's walk.

Each mutation rewrites the body of a statement (the part after its binders)
at one token: swapping the sides of an equation, an operator for a sibling
(`+`/`*`, `∧`/`∨`, `≤`/`<`), a constant for another, or the operands of a
binary operator.  Results are not checked here; Lean decides later whether
they elaborate and whether they are true.
"""

from __future__ import annotations

import random
import re

__all__ = ["mutations"]

_SWAPS = {"+": "*", "*": "+", "∧": "∨", "∨": "∧", "≤": "<", "<": "≤",
          "0": "1", "1": "0", "true": "false", "false": "true", "List.length": "List.length",
          "List.reverse": "List.map id", "++": "++"}
_TOKEN = re.compile(r"List\.[A-Za-z]+|[A-Za-z_][A-Za-z0-9_'.]*|\d+|\+\+|[+*∧∨≤<]")


def _split_body(statement: str) -> tuple[str, str]:
    """Split ``∀ (x : T), body`` into its binder prefix and body."""
    depth, cut = 0, 0
    if not statement.startswith(("∀", "∃")):
        return "", statement
    for i, ch in enumerate(statement):
        if ch in "([{⟨":
            depth += 1
        elif ch in ")]}⟩":
            depth -= 1
        elif ch == "," and depth == 0:
            cut = i + 1
            break
    return statement[:cut], statement[cut:]


def mutations(statement: str, rng: random.Random, limit: int) -> list[str]:
    """Return up to ``limit`` distinct mutated statements, in random order."""
    prefix, body = _split_body(statement)
    out: list[str] = []
    eq = _top_level_eq(body)
    if eq is not None:
        out.append(prefix + " " + body[eq + 1:].strip() + " = " + body[:eq].strip())
    for m in _TOKEN.finditer(body):
        new = _SWAPS.get(m.group())
        if new and new != m.group():
            out.append(prefix + body[:m.start()] + new + body[m.end():])
    uniq = [s for s in dict.fromkeys(" ".join(o.split()) for o in out) if s != statement]
    rng.shuffle(uniq)
    return uniq[:limit]


def _top_level_eq(body: str) -> int | None:
    depth = 0
    for i, ch in enumerate(body):
        if ch in "([{⟨":
            depth += 1
        elif ch in ")]}⟩":
            depth -= 1
        elif ch == "=" and depth == 0 and body[i - 1:i] not in ("<", ">", "!", ":", "=") \
                and body[i + 1:i + 2] not in ("=", ">"):
            return i
    return None
