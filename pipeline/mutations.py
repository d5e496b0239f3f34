"""Symbolic mutations of statements: cheap neighbours for the conjecturer's walk.

Each mutation rewrites the body of a statement (the part after its binders)
at one token: swapping the sides of an equation, an operator for a sibling
(`+`/`*`, `∧`/`∨`, `≤`/`<`), a constant for another, or the operands of a
binary operator.  Results are not checked here; Lean decides later whether
they elaborate and whether they are true.

Specializations are the other kind of neighbour: one bound variable of the
leading binders replaced by a compound term of its type built on it
(`Nat.succ n`, `n + w` with a fresh `w`, `as ++ w`, `not b`, `p ∧ w`, ...).
A specialization of a true statement is true, so these are conjectures that
may well be provable by a variation of their parent's proof. Constants are
never substituted: `0 + 0 = 0` from `n + 0 = n` is true but says nothing.
"""

from __future__ import annotations

import random
import re

__all__ = ["mutations", "specializations"]

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


_BINDER = re.compile(r"\s*([({])\s*([^:(){}]+?)\s*:\s*([^(){},]+?)\s*([)}])")
_FRESH = ("w", "v", "u", "x", "y", "z", "j", "l")
#: Terms replacing a variable x of each type; "{x}" is the variable, "{w}" a
#: fresh variable of the same type added to its binder group.
_TERMS = {
    "Nat": ("Nat.succ {x}", "({x} + {w})", "({x} * {w})"),
    "Bool": ("(not {x})",),
    "Prop": ("({x} ∧ {w})", "({x} ∨ {w})", "(¬{x})"),
    "List": ("({x} ++ {w})", "{x}.reverse"),
}


def _binders(prefix: str) -> list[list[str]] | None:
    """The groups ``[open, names, type, close]`` of a ``∀ (..) {..},`` prefix,
    or None when it has another shape."""
    inner = prefix.strip()
    if not inner.startswith("∀") or not inner.endswith(","):
        return None
    inner = inner[1:-1]
    groups, at = [], 0
    for m in _BINDER.finditer(inner):
        if inner[at:m.start()].strip():
            return None
        groups.append([m.group(1), m.group(2), m.group(3), m.group(4)])
        at = m.end()
    return groups if groups and not inner[at:].strip() else None


def specializations(statement: str, rng: random.Random, limit: int) -> list[str]:
    """Return up to ``limit`` distinct specializations, in random order: one
    variable of the leading binders replaced by a term of its type."""
    prefix, body = _split_body(statement)
    groups = _binders(prefix)
    if groups is None:
        return []
    used = set(re.findall(r"[A-Za-z_][A-Za-z0-9_']*", statement))
    fresh = next((f for f in _FRESH if f not in used), None)
    out = []
    for gi, (_, names, type_, _) in enumerate(groups):
        head = type_.split()[0]
        for x in names.split():
            occurs = re.compile(rf"(?<![\w.']){re.escape(x)}(?![\w'])")
            rebinds = re.compile(rf"(∀|∃|fun|λ)[^,=]*(?<![\w.']){re.escape(x)}(?![\w'])")
            if not occurs.search(body) or rebinds.search(body):
                continue  # absent, or bound again inside: substituting would change meaning
            for template in _TERMS.get(head, ()):
                if "{w}" in template and fresh is None:
                    continue
                term = template.format(x=x, w=fresh)
                new_groups = [list(g) for g in groups]
                if "{w}" in template:
                    new_groups[gi][1] += " " + fresh
                new_body = occurs.sub(lambda _m: term, body)
                binders = " ".join(f"{o}{n} : {t}{c}" for o, n, t, c in new_groups)
                out.append(f"∀ {binders}, {new_body.strip()}")
    uniq = [s for s in dict.fromkeys(" ".join(o.split()) for o in out) if s != statement]
    rng.shuffle(uniq)
    return uniq[:limit]
