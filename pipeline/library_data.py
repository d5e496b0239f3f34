"""The library a run starts from: seeds and targets, confirmed by Lean."""

from __future__ import annotations

import dataclasses

from lean_env.checker import Checker
from lean_env.errors import LeanSourceError
from lean_env.library import SEED_MODULES, TARGETS_MODULE, Library, module_path
from lean_env.records import TheoremRecord, read_theorems

__all__ = ["LibraryData", "load_core_data"]


@dataclasses.dataclass(frozen=True)
class LibraryData:
    """Seed theorems (with proofs) and target statements of a library."""

    seeds: tuple[TheoremRecord, ...]
    targets: tuple[TheoremRecord, ...]
    text: str  # all source text, for the tokenizer


def load_core_data(library: Library, checker: Checker) -> LibraryData:
    """Read the core's seeds and targets and confirm them with Lean.

    Every seed must be a declaration of the compiled library, and every target
    statement must elaborate.

    Raises:
        LeanSourceError: when a record is not confirmed.
    """
    seeds: list[TheoremRecord] = []
    text = []
    for module in library.modules:
        text.append(module_path(library.source_dir, module).read_text(encoding="utf-8"))
    for module in SEED_MODULES:
        path = module_path(library.source_dir, module)
        records = read_theorems(path, {r.name for r in seeds})
        declared = library.declarations(module)
        missing = [r.name for r in records if r.name not in declared]
        if missing:
            raise LeanSourceError(f"{path}: Lean did not declare {', '.join(missing[:5])}")
        seeds.extend(r for r in records if r.proof is not None)
    target_path = module_path(library.source_dir, TARGETS_MODULE)
    targets = [r for r in read_theorems(target_path) if r.proof is None]
    text.append(target_path.read_text(encoding="utf-8"))
    problems = checker.elaborates([t.statement for t in targets])
    bad = [f"{t.name}: {p.splitlines()[0]}" for t, p in zip(targets, problems) if p]
    if bad:
        raise LeanSourceError(f"{target_path}: targets that do not elaborate: " + "; ".join(bad[:5]))
    return LibraryData(tuple(seeds), tuple(targets), "\n".join(text))
