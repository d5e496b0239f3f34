"""LeanDojo interoperability: its benchmark files and, with a full toolchain,
its interactive prover.

A LeanDojo benchmark file is a JSON list of traced theorems (``url``,
``commit``, ``file_path``, ``full_name``, ``start``/``end`` positions,
``traced_tactics`` with the goal before and after each tactic, and in recent
releases ``theorem_statement``). They are read into ``lean_dojo``'s own
``Theorem`` and ``Pos`` and converted to leanplay's ``TheoremRecord``.

Importing ``lean_dojo`` has side effects (it creates a cache folder and reads
a ``.env`` file), so it is imported lazily with ``CACHE_DIR`` pointed inside
leanplay's cache. Its ``LeanGitRepo`` contacts GitHub for a GitHub URL, so a
repository is only resolved when its URL is a local path; otherwise the
theorem's repository is a plain ``DojoRepo`` (url, commit).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path
from typing import Any

from lean_env.errors import LeanNotFound, LeanSourceError
from lean_env.records import TheoremRecord
from lean_env.toolchain import cache_dir

__all__ = ["DojoRepo", "DojoTheorem", "read_benchmark", "to_record", "dojo_session"]


@dataclasses.dataclass(frozen=True)
class DojoRepo:
    """A repository named by a benchmark entry but not resolved (no network)."""

    url: str
    commit: str


@dataclasses.dataclass(frozen=True)
class DojoTheorem:
    """One traced theorem of a LeanDojo benchmark.

    Attributes:
        theorem: ``lean_dojo.Theorem`` (repository, file, full name).
        start, end: ``lean_dojo.Pos`` of the theorem in its file.
        statement: the theorem's type, as text (None when the entry has
            neither a statement nor a traced goal).
        tactics: the traced tactics, in order.
    """

    theorem: Any
    start: Any
    end: Any
    statement: str | None
    tactics: tuple[str, ...]


def _lean_dojo():
    os.environ.setdefault("CACHE_DIR", str(cache_dir() / "lean_dojo"))
    import lean_dojo

    return lean_dojo


def read_benchmark(path: Path) -> list[DojoTheorem]:
    """Read a LeanDojo benchmark JSON file.

    Raises:
        LeanSourceError: unreadable file, not JSON, or an entry without the
            required fields.
    """
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LeanSourceError(f"{path}: not a LeanDojo benchmark file ({exc})") from exc
    if not isinstance(entries, list):
        raise LeanSourceError(f"{path}: expected a JSON list of traced theorems")
    ld = _lean_dojo()
    return [_entry(ld, e, f"{path}[{i}]") for i, e in enumerate(entries)]


def _entry(ld, entry: dict, where: str) -> DojoTheorem:
    try:
        url, commit = entry["url"], entry["commit"]
        file_path, name = entry["file_path"], entry["full_name"]
        start, end = ld.Pos(*entry["start"]), ld.Pos(*entry["end"])
        tactics = tuple(t["tactic"] for t in entry.get("traced_tactics", []))
    except (KeyError, TypeError) as exc:
        raise LeanSourceError(f"{where}: missing or malformed field {exc}") from exc
    repo = ld.LeanGitRepo(url, commit) if Path(url).is_dir() else DojoRepo(url, commit)
    theorem = ld.Theorem(repo, Path(file_path), name)
    return DojoTheorem(theorem, start, end, _statement(entry), tactics)


def _statement(entry: dict) -> str | None:
    text = entry.get("theorem_statement")
    if text:
        head, _, rest = text.partition(":")
        return " ".join(rest.split()) if head.split()[:1] in (["theorem"], ["lemma"]) else \
            " ".join(text.split())
    traced = entry.get("traced_tactics") or []
    if traced and "⊢" in traced[0].get("state_before", ""):
        before = traced[0]["state_before"]
        if before.count("⊢") == 1 and not before.split("⊢")[0].strip():
            return " ".join(before.split("⊢", 1)[1].split())
    return None


def to_record(t: DojoTheorem) -> TheoremRecord:
    """Convert a traced theorem to a record: its proof is the traced tactic
    script (``by`` and one tactic per line), or None when none was traced.

    Raises:
        LeanSourceError: when the entry gives no statement.
    """
    if t.statement is None:
        raise LeanSourceError(f"{t.theorem.full_name}: the benchmark entry has no statement")
    proof = "by\n" + "\n".join(t.tactics) if t.tactics else None
    return TheoremRecord(t.theorem.full_name, t.statement, proof,
                         str(t.theorem.file_path), t.start.line_nb)


def dojo_session(t: DojoTheorem):
    """Open LeanDojo's interactive prover on a traced theorem.

    Returns ``lean_dojo.Dojo(theorem)``: use it as a context manager giving
    ``(dojo, initial_state)``, then ``dojo.run_tac(state, tactic)``.

    Raises:
        LeanNotFound: without a full toolchain (``lake`` on PATH) or when the
            theorem's repository was not resolved locally.
    """
    if shutil.which("lake") is None:
        raise LeanNotFound("LeanDojo's prover needs a full Lean toolchain (lake on PATH)")
    if isinstance(t.theorem.repo, DojoRepo):
        raise LeanNotFound(f"{t.theorem.repo.url} is not a local repository; "
                           "LeanDojo would have to fetch and trace it")
    return _lean_dojo().Dojo(t.theorem)
