"""Theorem records read from Lean sources.

A library file is read with simple, documented rules: a theorem starts at
column 0 with ``theorem NAME : STATEMENT :=`` (optionally after an
attribute line such as ``@[simp]``), its statement is the full type (no
binders before the colon), and its proof runs until the next line that
starts at column 0.  A proof of ``sorry`` marks a target.  The loader
confirms the records with Lean: the file must compile, and every theorem
read must be among the declarations Lean reports.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from lean_env.errors import LeanSourceError

__all__ = ["TheoremRecord", "parse_theorems", "read_theorems", "proof_dependencies"]

_HEAD = re.compile(r"^theorem\s+([^\s:]+)\s*:(?=\s)")
_ATTR = re.compile(r"^@\[([^\]]*)\]\s*$")
_SORRY = ("sorry", "by sorry")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_'.!?]*")
_OPEN = "([{⟨"
_CLOSE = ")]}⟩"


@dataclasses.dataclass(frozen=True)
class TheoremRecord:
    """One theorem of a Lean source.

    Attributes:
        name: the declared name.
        statement: the type, as written (e.g. ``∀ (n : Nat), n + 0 = n``).
        proof: the proof text after ``:=``, or None for a ``sorry`` target.
        file: the source file it came from.
        line: 1-based line of the ``theorem`` keyword.
        attributes: attribute names written above it (e.g. ``("simp",)``).
        dependencies: names of known theorems its proof mentions.
    """

    name: str
    statement: str
    proof: str | None
    file: str
    line: int
    attributes: tuple[str, ...] = ()
    dependencies: tuple[str, ...] = ()


def split_statement(text: str) -> tuple[str, str]:
    """Split ``STATEMENT := PROOF`` at the first ``:=`` outside brackets.

    Raises:
        ValueError: when there is no such ``:=``.
    """
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
        elif depth == 0 and text.startswith(":=", i):
            return text[:i].strip(), text[i + 2:].strip()
    raise ValueError("no `:=` after the statement")


def parse_theorems(text: str, file: str = "<string>") -> list[TheoremRecord]:
    """Return the theorems of a Lean source text, in order.

    Raises:
        LeanSourceError: for a theorem whose statement has no ``:=``.
    """
    lines = text.splitlines()
    records = []
    i = 0
    while i < len(lines):
        head = _HEAD.match(lines[i])
        if not head:
            if re.match(r"^(theorem|lemma)\s", lines[i]):
                raise LeanSourceError(
                    f"{file}:{i + 1}: write theorems as `theorem NAME : STATEMENT := PROOF` "
                    "with the whole statement after the colon (no binders before it)")
            i += 1
            continue
        attrs = _attributes(lines[i - 1]) if i > 0 else ()
        j = i + 1
        while j < len(lines) and (not lines[j] or lines[j][0].isspace()):
            j += 1
        body = "\n".join([lines[i][head.end():], *lines[i + 1:j]])
        try:
            statement, proof = split_statement(body)
        except ValueError as exc:
            raise LeanSourceError(f"{file}:{i + 1}: theorem {head.group(1)}: {exc}") from exc
        proof = _dedent(proof)
        if any(r.name == head.group(1) for r in records):
            raise LeanSourceError(f"{file}:{i + 1}: theorem {head.group(1)} is declared twice")
        records.append(TheoremRecord(head.group(1), " ".join(statement.split()),
                                     None if " ".join(proof.split()) in _SORRY else proof,
                                     file, i + 1, attrs))
        i = j
    return records


def _attributes(line: str) -> tuple[str, ...]:
    m = _ATTR.match(line)
    return tuple(a.strip() for a in m.group(1).split(",")) if m else ()


def _dedent(proof: str) -> str:
    rows = proof.rstrip().splitlines()
    if len(rows) <= 1:
        return proof.strip()
    rest = [r for r in rows[1:] if r.strip()]
    indent = min(len(r) - len(r.lstrip()) for r in rest) if rest else 0
    return "\n".join([rows[0].strip(), *(r[indent:] for r in rows[1:])]).strip()


def proof_dependencies(proof: str | None, known: set[str]) -> tuple[str, ...]:
    """Return the known theorem names a proof text mentions, in first-use order."""
    if not proof:
        return ()
    seen: dict[str, None] = {}
    for ident in _IDENT.findall(proof):
        if ident in known:
            seen.setdefault(ident)
    return tuple(seen)


def read_theorems(path: Path, known: set[str] | None = None) -> list[TheoremRecord]:
    """Read the theorems of a ``.lean`` file, with proof dependencies filled in.

    ``known`` names other theorems that proofs may cite (e.g. the library's).

    Raises:
        LeanSourceError: when the file is missing, unreadable, not UTF-8, or
            malformed.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LeanSourceError(f"{path}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise LeanSourceError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise LeanSourceError(f"{path}: cannot read ({exc.strerror})") from exc
    records = parse_theorems(text, str(path))
    names = set(known or ()) | {r.name for r in records}
    return [dataclasses.replace(r, dependencies=proof_dependencies(r.proof, names - {r.name}))
            for r in records]
