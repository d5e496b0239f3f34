"""`leanplay doctor DIR`: what a run directory holds and whether it is whole."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.store import Store

__all__ = ["check_run_dir"]

_STEPS = ("conjecture", "prove", "train")


def check_run_dir(run_dir: Path) -> tuple[list[str], list[str]]:
    """Return (facts, problems) found in a run directory; no problems means
    the run can be resumed as it is.

    Raises:
        StoreError: when there is no readable run database at all.
    """
    run_dir = Path(run_dir)
    store = Store(run_dir / "run.db")
    facts: list[str] = []
    problems: list[str] = []
    try:
        problems += _database_problems(store)
        steps = store.steps()
        problems += _step_problems(steps)
        rounds = store.rounds()
        facts.append(f"{len(store.theorems())} theorems, {store.count_proved()} proved, "
                     f"{len(store.attempts())} attempts, {len(rounds)} complete rounds")
        if any(r != rd["round"] for r, rd in zip(range(1, len(rounds) + 1), rounds)):
            problems.append("the rounds table has gaps")
        done = [r for r, s in steps if s == "train"]
        if done:
            problems += _model_problems(run_dir / "models" / f"round-{max(done)}")
            facts.append(f"current models: models/round-{max(done)}")
        pending = [f"{r}:{s}" for r, s in steps if r == max(done or [0]) + 1]
        if pending:
            facts.append("interrupted round in progress; completed steps: " + ", ".join(pending))
    finally:
        store.close()
    problems += _file_problems(run_dir)
    return facts, problems


def _database_problems(store: Store) -> list[str]:
    problems = []
    integrity = store.db.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append(f"SQLite integrity check: {integrity}")
    orphans = store.db.execute(
        "SELECT COUNT(*) FROM attempts WHERE theorem NOT IN (SELECT name FROM theorems)"
    ).fetchone()[0]
    if orphans:
        problems.append(f"{orphans} attempts name no stored theorem")
    dupes = store.db.execute(
        "SELECT COUNT(*) FROM (SELECT round, theorem, proof FROM attempts "
        "GROUP BY round, theorem, proof HAVING COUNT(*) > 1)").fetchone()[0]
    if dupes:
        problems.append(f"{dupes} attempts are stored more than once")
    unbacked = store.db.execute(
        "SELECT COUNT(*) FROM theorems t WHERE t.proof IS NOT NULL AND t.kind != 'seed' AND "
        "NOT EXISTS (SELECT 1 FROM attempts a WHERE a.theorem = t.name AND a.proof = t.proof "
        "AND a.status = 'proved')").fetchone()[0]
    if unbacked:
        problems.append(f"{unbacked} proved theorems have no proved attempt behind them")
    return problems


def _step_problems(steps: list[tuple[int, str]]) -> list[str]:
    problems = []
    by_round: dict[int, list[str]] = {}
    for r, s in steps:
        by_round.setdefault(r, []).append(s)
    if steps and by_round.get(0) != ["train"]:
        problems.append("round 0 (the first models) is not recorded")
    for r, names in sorted(by_round.items()):
        if r == 0:
            continue
        if names != list(_STEPS[:len(names)]):
            problems.append(f"round {r} has steps out of order: {', '.join(names)}")
        if r < max(by_round) and len(names) != len(_STEPS):
            problems.append(f"round {r} is incomplete but a later round exists")
    return problems


def _model_problems(model_dir: Path) -> list[str]:
    problems = []
    for role in ("prover", "conjecturer", "encoder/transformer"):
        folder = model_dir / role
        weights = list(folder.glob("*.safetensors")) if folder.is_dir() else []
        if not weights:
            problems.append(f"{folder} holds no model weights")
            continue
        try:
            json.loads((folder / "config.json").read_text())
        except (OSError, ValueError) as exc:
            problems.append(f"{folder}/config.json is unreadable ({exc})")
        for w in weights:
            if w.stat().st_size < 1024:
                problems.append(f"{w} is truncated ({w.stat().st_size} bytes)")
    try:
        from embeddings.index import EmbeddingIndex

        EmbeddingIndex.load(model_dir / "index", use_gpu=False)
    except Exception as exc:  # missing, truncated or inconsistent: a finding, not a crash
        problems.append(f"{model_dir / 'index'} is unreadable ({type(exc).__name__}: "
                        f"{str(exc)[:100]})")
    return problems


def _file_problems(run_dir: Path) -> list[str]:
    problems = []
    if not (run_dir / "config.yaml").exists():
        problems.append("config.yaml is missing")
    graph = run_dir / "graph.graphml"
    if graph.exists():
        try:
            from embeddings.graph import TheoremGraph

            TheoremGraph.from_graphml(graph)
        except Exception as exc:  # any parse failure is a finding, not a crash
            problems.append(f"graph.graphml is unreadable ({type(exc).__name__})")
    return problems

