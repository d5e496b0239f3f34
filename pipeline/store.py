"""The run database (SQLite): theorems, attempts with verdicts, rounds."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import time
from pathlib import Path

__all__ = ["Store", "StoreError", "SCHEMA_VERSION"]

SCHEMA_VERSION = 4

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS theorems (
    name TEXT PRIMARY KEY,
    statement TEXT NOT NULL,
    shape TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('seed', 'target', 'conjecture')),
    origin_round INTEGER NOT NULL,
    parent TEXT,
    source TEXT NOT NULL,
    proof TEXT,
    proved_round INTEGER
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    round INTEGER NOT NULL,
    theorem TEXT NOT NULL REFERENCES theorems(name),
    proof TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    seconds REAL NOT NULL,
    samples INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS steps (
    round INTEGER NOT NULL,
    step TEXT NOT NULL,
    info TEXT NOT NULL,
    finished_at REAL NOT NULL,
    PRIMARY KEY (round, step)
);
CREATE TABLE IF NOT EXISTS rounds (
    round INTEGER PRIMARY KEY,
    conjectured INTEGER NOT NULL,
    elaborated INTEGER NOT NULL,
    attempted INTEGER NOT NULL,
    new_proved INTEGER NOT NULL,
    targets_proved INTEGER NOT NULL,
    cumulative_proved INTEGER NOT NULL,
    diversity REAL NOT NULL,
    seconds REAL NOT NULL,
    finished_at REAL NOT NULL,
    kept INTEGER NOT NULL
);
"""


class StoreError(RuntimeError):
    """The run database is missing, corrupt, or from another program or version."""


@dataclasses.dataclass(frozen=True)
class TheoremRow:
    name: str
    statement: str
    kind: str
    origin_round: int
    parent: str | None
    source: str
    proof: str | None
    proved_round: int | None


class Store:
    """Access to one run's ``run.db``."""

    def __init__(self, path: Path, *, create: bool = False) -> None:
        """Open a run database; with ``create``, make it when there is none.

        An existing file is checked before anything is written to it, so a
        foreign or damaged file is left exactly as it was.

        Raises:
            StoreError: missing (without ``create``), not SQLite, not a
                leanplay database, or written by an incompatible version.
        """
        path = Path(path)
        exists = path.exists() and path.stat().st_size > 0
        if not exists and not create:
            raise StoreError(f"no run database at {path}")
        try:
            self.db = sqlite3.connect(str(path))
            if exists:
                version = self.db.execute(
                    "SELECT value FROM meta WHERE key='schema_version'").fetchone()
            else:
                self.db.executescript(_SCHEMA)
                with self.db:
                    self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)",
                                    (str(SCHEMA_VERSION),))
                version = (str(SCHEMA_VERSION),)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a leanplay run database ({exc})") from exc
        if version is None or version[0] != str(SCHEMA_VERSION):
            self.db.close()
            raise StoreError(f"{path} was written by an incompatible leanplay "
                             f"(schema {version[0] if version else 'none'})")
        self.db.execute("PRAGMA journal_mode=WAL")

    def close(self) -> None:
        self.db.close()

    def add_theorem(self, name: str, statement: str, shape: str, kind: str,
                    origin_round: int, source: str, parent: str | None = None,
                    proof: str | None = None, proved_round: int | None = None) -> None:
        self.db.execute(
            "INSERT INTO theorems VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (name, statement, shape, kind, origin_round, parent, source, proof, proved_round))

    def mark_proved(self, name: str, proof: str, round_: int) -> None:
        self.db.execute("UPDATE theorems SET proof=?, proved_round=? WHERE name=?",
                        (proof, round_, name))

    def add_attempt(self, round_: int, theorem: str, proof: str, status: str,
                    reason: str, message: str, seconds: float, samples: int = 1) -> None:
        """Store one distinct proof tried; ``samples`` is how many of the
        prover's samples were this proof."""
        self.db.execute(
            "INSERT INTO attempts (round, theorem, proof, status, reason, message, seconds, "
            "samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (round_, theorem, proof, status, reason, message, seconds, samples))

    def add_round(self, round_: int, conjectured: int, elaborated: int, attempted: int,
                  new_proved: int, targets_proved: int, seconds: float,
                  diversity: float, kept: int = 0) -> None:
        """Record a round; ``kept`` counts the conjectures of the round kept
        for the conjecturer's training (proved, in the difficulty band)."""
        cumulative = self.db.execute(
            "SELECT COUNT(*) FROM theorems WHERE proof IS NOT NULL").fetchone()[0]
        self.db.execute("INSERT INTO rounds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (round_, conjectured, elaborated, attempted, new_proved,
                         targets_proved, cumulative, diversity, seconds, time.time(), kept))

    def record_step(self, round_: int, step: str, **info: int) -> None:
        """Record that ``step`` of ``round_`` is complete (call inside the
        transaction that wrote the step's results)."""
        self.db.execute("INSERT INTO steps VALUES (?, ?, ?, ?)",
                        (round_, step, json.dumps(info), time.time()))

    def step_done(self, round_: int, step: str) -> bool:
        return self.db.execute("SELECT 1 FROM steps WHERE round=? AND step=?",
                               (round_, step)).fetchone() is not None

    def step_info(self, round_: int, step: str) -> dict:
        row = self.db.execute("SELECT info FROM steps WHERE round=? AND step=?",
                              (round_, step)).fetchone()
        return json.loads(row[0]) if row else {}

    def steps(self) -> list[tuple[int, str]]:
        return [(r, s) for r, s in self.db.execute(
            "SELECT round, step FROM steps ORDER BY round, finished_at")]

    def last_round_with(self, step: str) -> int:
        """Return the last round whose ``step`` is recorded.

        Raises:
            StoreError: when none is.
        """
        row = self.db.execute("SELECT MAX(round) FROM steps WHERE step=?", (step,)).fetchone()
        if row[0] is None:
            raise StoreError(f"the run has no completed {step!r} step")
        return row[0]

    def theorems(self, where: str = "1", params: tuple = ()) -> list[TheoremRow]:
        rows = self.db.execute(
            "SELECT name, statement, kind, origin_round, parent, source, proof, "
            f"proved_round FROM theorems WHERE {where} ORDER BY rowid", params)
        return [TheoremRow(*r) for r in rows]

    def rounds(self) -> list[dict]:
        cur = self.db.execute("SELECT * FROM rounds ORDER BY round")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur]

    def attempts(self, round_: int | None = None) -> list[dict]:
        q = ("SELECT round, theorem, proof, status, reason, message, seconds, samples "
             "FROM attempts")
        cur = self.db.execute(q + (" WHERE round=?" if round_ is not None else "") + " ORDER BY id",
                              (round_,) if round_ is not None else ())
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur]

    def success_rates(self, round_: int) -> dict[str, float]:
        """Per theorem attempted in ``round_``: the share of its proof samples
        that Lean accepted."""
        rows = self.db.execute(
            "SELECT theorem, SUM(CASE WHEN status='proved' THEN samples ELSE 0 END), "
            "SUM(samples) FROM attempts WHERE round=? GROUP BY theorem", (round_,))
        return {name: proved / total for name, proved, total in rows if total}

    def count_proved(self, kind: str | None = None) -> int:
        q = "SELECT COUNT(*) FROM theorems WHERE proof IS NOT NULL"
        return self.db.execute(q + (" AND kind=?" if kind else ""), (kind,) if kind else ()).fetchone()[0]
