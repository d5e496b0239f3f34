"""Evaluating a run's prover on a targets file (pass@k)."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from lean_env.checker import Candidate, Checker, Status
from lean_env.errors import LeanSourceError
from lean_env.records import read_theorems
from models import Prover

__all__ = ["TargetResult", "evaluate_targets", "read_target_file"]


@dataclasses.dataclass(frozen=True)
class TargetResult:
    name: str
    statement: str
    proved: bool
    proof: str | None
    attempts: int
    outcomes: dict[str, int]  # status -> count


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
                     k: int, temperature: float, seed: int = 0) -> list[TargetResult]:
    """Sample ``k`` proofs per target, check them, and return one result each."""
    rng = random.Random(seed)
    samples = []
    for i in range(0, len(targets), 16):
        samples += prover.prove([s for _, s in targets[i:i + 16]], k,
                                temperature=temperature, seed=rng.randrange(2**31))
    owners, cands = [], []
    for j, ((_, stmt), proofs) in enumerate(zip(targets, samples)):
        for proof in dict.fromkeys(p.strip() for p in proofs):
            owners.append(j)
            cands.append(Candidate(stmt, proof))
    verdicts = checker.check(cands)
    results = []
    for j, (name, stmt) in enumerate(targets):
        mine = [(c, v) for o, c, v in zip(owners, cands, verdicts) if o == j]
        outcomes: dict[str, int] = {}
        for _, v in mine:
            outcomes[v.status.value] = outcomes.get(v.status.value, 0) + 1
        good = sorted((c.proof for c, v in mine if v.status is Status.PROVED), key=len)
        results.append(TargetResult(name, stmt, bool(good), good[0] if good else None,
                                    len(mine), outcomes))
    return results
