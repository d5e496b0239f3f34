"""Evaluating a run's prover on a targets file (pass@k)."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from lean_env.checker import Checker
from lean_env.errors import LeanSourceError
from lean_env.lemmas import build_lemmas
from lean_env.records import read_theorems
from models import Prover
from pipeline.difficulty import cites_same_statement
from pipeline.proving import attempt_proofs, shortest_proved

__all__ = ["TargetResult", "evaluate_targets", "read_target_file", "later_passes"]


@dataclasses.dataclass(frozen=True)
class TargetResult:
    name: str
    statement: str
    proved: bool
    proof: str | None
    attempts: int
    outcomes: dict[str, int]  # status -> count
    by_search: bool = False  # proved only by the tactic-level search
    pass_: int = 0  # the pass that proved it (0: not proved)


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
                     progress: bool = False, passes: int = 1,
                     lemma_root: Path | None = None,
                     found: list[tuple[str, str, str]] | None = None) -> list[TargetResult]:
    """Sample ``k`` proofs per target, check them, and return one result each.

    Args:
        search: the tactic-level search's settings (``width``, ``samples``,
            ``depth``, ``menu``; see ``pipeline.search.search``; ``lemmas``,
            the theorems offered per goal, from ``seeds``, a list of
            ``(name, statement)``, and the targets already proved) for the
            targets that sampling left unproved; None: no search.
        passes: with ``lemma_root``, up to this many passes: the targets
            proved in a pass become lemmas (under their own names, compiled
            under ``lemma_root``) that the next pass's proofs may cite, and
            the next pass tries the targets still open. It stops at a pass
            that proves nothing new.
        found: with ``lemma_root``, ``(name, statement, proof)`` lemmas every
            pass may cite (a run's found conjectures, ``pipeline.found``).
    """
    rng = random.Random(seed)
    settings = dict(search or {})
    seeds = settings.pop("seeds", [])
    per_goal = settings.pop("lemmas", 0)
    results: list[list] = [[] for _ in targets]
    searched: set[int] = set()
    proved_in: dict[int, int] = {}
    lemmas: list[tuple[str, str, str]] = list(found or []) if lemma_root is not None else []
    current = checker
    if lemmas:
        current = dataclasses.replace(checker, lemmas=build_lemmas(checker, lemmas, lemma_root))
    for pass_ in range(1, max(1, passes) + 1):
        todo = [j for j in range(len(targets)) if j not in proved_in]
        statements = [targets[j][1] for j in todo]
        tried = attempt_proofs(prover, current, statements, k, temperature=temperature,
                               max_new_tokens=max_new_tokens, rng=rng, progress=progress)
        if search is not None:
            from pipeline.search import LemmaIndex, search_open

            index = None
            if per_goal and settings.get("menu", True):
                index = LemmaIndex.build(current, list(seeds) + [(n, s) for n, s, _ in lemmas],
                                         per_goal)
            searched |= {todo[i] for i in search_open(
                prover, current, statements, tried, temperature=temperature,
                max_new_tokens=max_new_tokens, rng=rng, progress=progress, lemmas=index,
                **settings)}
        new = []
        for j, attempts in zip(todo, tried):
            results[j] += attempts
            proof = shortest_proved(attempts)
            if proof is not None:
                proved_in[j] = pass_
                new.append((targets[j][0], targets[j][1], proof))
        if not new or lemma_root is None or pass_ == passes:
            break
        lemmas += new
        current = dataclasses.replace(checker, lemmas=build_lemmas(checker, lemmas, lemma_root))
    out = []
    for j, ((name, stmt), attempts) in enumerate(zip(targets, results)):
        outcomes: dict[str, int] = {}
        for a in attempts:
            outcomes[a.verdict.status.value] = outcomes.get(a.verdict.status.value, 0) + 1
        proof = shortest_proved(attempts)
        out.append(TargetResult(name, stmt, proof is not None, proof, len(attempts), outcomes,
                                j in searched, proved_in.get(j, 0)))
    return out


def later_passes(results: list[TargetResult]) -> tuple[int, int]:
    """How many targets a pass after the first proved, and how many of those
    proofs name a target proved in an earlier pass (a later pass samples
    anew, so it also finds proofs that cite nothing new)."""
    later = [r for r in results if r.proved and r.pass_ > 1]
    citing = sum(cites_same_statement(r.proof or "", {e.name for e in results
                                                      if e.proved and 0 < e.pass_ < r.pass_})
                 for r in later)
    return len(later), citing
