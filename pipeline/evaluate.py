"""Evaluating a run's prover on a targets file (pass@k)."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from lean_env.checker import Checker
from lean_env.errors import LeanSourceError
from lean_env.records import read_theorems
from models import Prover
from pipeline.proving import attempt_proofs, shortest_proved

__all__ = ["TargetResult", "evaluate_targets", "read_target_file"]


@dataclasses.dataclass(frozen=True)
class TargetResult:
    name: str
    statement: str
    proved: bool
    proof: str | None
    attempts: int
    outcomes: dict[str, int]  # status -> count
    by_search: bool = False  # proved only by the tactic-level search


def read_target_file(path: Path, checker: Checker) -> list[tuple[str, str]]:
    """Return ``(name, statement)`` of every ``sorry`` theorem of a file.

    Raises:
        LeanSourceError: unreadable file, no targets, or statements that Lean
            does not elaborate.
    """
    records = read_theorems(Path(path))
    targets = [(r.name, r.statement) for r in records if r.proof is None]
    if not targets:
        raise LeanSourceError(f"{path}: no `theorem NAME : STATEMENT := sorry` found")
    problems = checker.elaborates([s for _, s in targets])
    bad = [(n, p) for (n, _), p in zip(targets, problems) if p]
    if bad:
        name, problem = bad[0]
        first = problem.strip().splitlines()[0] if problem.strip() else problem
        raise LeanSourceError(f"{path}: {len(bad)} statement(s) do not elaborate; "
                              f"first: {name}: {first}")
    return targets


def evaluate_targets(prover: Prover, checker: Checker, targets: list[tuple[str, str]],
                     k: int, temperature: float, seed: int = 0,
                     max_new_tokens: int = 96, search: dict | None = None,
                     progress: bool = False) -> list[TargetResult]:
    """Sample ``k`` proofs per target, check them, and return one result each.

    Args:
        search: the tactic-level search's settings (``width``, ``samples``,
            ``depth``, ``menu``; see ``pipeline.search.search``) for the
            targets that sampling left unproved; None: no search.
    """
    rng = random.Random(seed)
    results = attempt_proofs(prover, checker, [s for _, s in targets], k,
                             temperature=temperature, max_new_tokens=max_new_tokens,
                             rng=rng, progress=progress)
    searched: set[int] = set()
    if search is not None:
        from pipeline.search import search_open

        searched = search_open(prover, checker, [s for _, s in targets], results,
                               temperature=temperature, max_new_tokens=max_new_tokens,
                               rng=rng, progress=progress, **search)
    out = []
    for j, ((name, stmt), attempts) in enumerate(zip(targets, results)):
        outcomes: dict[str, int] = {}
        for a in attempts:
            outcomes[a.verdict.status.value] = outcomes.get(a.verdict.status.value, 0) + 1
        proof = shortest_proved(attempts)
        out.append(TargetResult(name, stmt, proof is not None, proof, len(attempts), outcomes,
                                j in searched))
    return out
