"""The library a run starts from: seeds and targets, confirmed by Lean."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path

from lean_env.checker import Checker
from lean_env.errors import LeanSourceError
from lean_env.library import Library, core_library, module_path, user_library
from lean_env.records import TheoremRecord, read_theorems

__all__ = ["LibraryData", "load_core_data", "run_library"]


def run_library(path: str) -> Library:
    """The library of a run: the embedded core (``path`` empty) or the
    user's library at ``path`` (see `lean_env.library.user_library`)."""
    return user_library(Path(path)) if path else core_library()


@dataclasses.dataclass(frozen=True)
class LibraryData:
    """Seed theorems (with proofs) and target statements of a library."""

    seeds: tuple[TheoremRecord, ...]
    targets: tuple[TheoremRecord, ...]
    text: str  # all source text, for the tokenizer


def _undeclared(library: Library, names: list[str]) -> list[str]:
    """Those of `names` that the library does not declare, asked of Lean
    itself (`#check @NAME`): the `.ilean` misses some declarations."""
    if not names:
        return []
    with tempfile.TemporaryDirectory(prefix="leanplay-decl-") as tmp:
        probe = Path(tmp) / "Probe.lean"
        probe.write_text(library.header + "".join(f"#check @{n}\n" for n in names),
                         encoding="utf-8")
        done = library.toolchain.run(["--json", str(probe)], cwd=tmp, env=library.env(),
                                     timeout=600)
    first = library.header.count("\n") + 1
    bad_lines = {json.loads(r)["pos"]["line"] for r in done.stdout.splitlines()
                 if r.startswith("{") and json.loads(r).get("severity") == "error"}
    return [n for i, n in enumerate(names) if first + i in bad_lines]


def load_core_data(library: Library, checker: Checker,
                   targets_file: str = "") -> LibraryData:
    """Read a library's seeds and targets and confirm them with Lean.

    Every seed must be a declaration of the compiled library, and every target
    statement must elaborate. With ``targets_file``, the targets are that
    file's ``sorry`` theorems instead of the library's.

    Raises:
        LeanSourceError: when a record is not confirmed.
    """
    seeds: list[TheoremRecord] = []
    text = []
    for module in library.modules:
        text.append(module_path(library.source_dir, module).read_text(encoding="utf-8"))
    targets: list[TheoremRecord] = []
    names: set[str] = set()
    for module in dict.fromkeys(library.seed_modules + library.target_modules):
        path = module_path(library.source_dir, module)
        records = read_theorems(path, names)
        names |= {r.name for r in records}
        if module in library.seed_modules:
            declared = library.declarations(module)
            missing = _undeclared(library, [r.name for r in records
                                            if r.proof is not None and r.name not in declared])
            if missing:
                raise LeanSourceError(f"{path}: Lean did not declare {', '.join(missing[:5])}")
            seeds.extend(r for r in records if r.proof is not None)
        if module in library.target_modules and not targets_file:
            targets.extend(r for r in records if r.proof is None)
        if module not in library.modules:
            text.append(path.read_text(encoding="utf-8"))
    if targets_file:
        path = Path(targets_file)
        targets = [r for r in read_theorems(path, names) if r.proof is None]
        text.append(path.read_text(encoding="utf-8"))
        if not targets:
            raise LeanSourceError(f"{path}: no `theorem NAME : STATEMENT := sorry` found")
    if not targets:
        raise LeanSourceError("the library has no target (a `theorem NAME : STATEMENT := sorry`)")
    problems = checker.elaborates([t.statement for t in targets])
    bad = [f"{t.name}: {p.splitlines()[0]}" for t, p in zip(targets, problems) if p]
    if bad:
        raise LeanSourceError("targets that do not elaborate: " + "; ".join(bad[:5]))
    return LibraryData(tuple(seeds), tuple(targets), "\n".join(text))
