"""A verdict cache in SQLite, so that a repeated attempt costs nothing.

Keyed by (Lean version, library digest, statement, proof): a change of Lean
or of the library invalidates it. Timeouts and crashes are not cached, since
they may not recur on a quieter machine.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from lean_env.checker import Candidate, Status, Verdict

__all__ = ["VerdictCache"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    lean_version TEXT NOT NULL,
    library TEXT NOT NULL,
    statement TEXT NOT NULL,
    proof TEXT NOT NULL,
    verdict TEXT NOT NULL,
    PRIMARY KEY (lean_version, library, statement, proof)
)
"""


class VerdictCache:
    """Verdicts stored in the table ``verdicts`` of a SQLite file (the run's
    database, or any other)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock, self._db:
            self._db.execute(_SCHEMA)

    def get_many(self, key: tuple[str, str],
                 candidates: Sequence[Candidate]) -> dict[Candidate, Verdict]:
        """Return the cached verdicts among ``candidates``."""
        found = {}
        with self._lock:
            for cand in set(candidates):
                row = self._db.execute(
                    "SELECT verdict FROM verdicts WHERE lean_version=? AND library=? "
                    "AND statement=? AND proof=?", (*key, cand.statement, cand.proof)).fetchone()
                if row:
                    found[cand] = Verdict.from_json(row[0])
        return found

    def put_many(self, key: tuple[str, str], verdicts: Mapping[Candidate, Verdict]) -> None:
        """Store verdicts that are final (proved or rejected)."""
        rows = [(*key, c.statement, c.proof, v.to_json()) for c, v in verdicts.items()
                if v.status in (Status.PROVED, Status.REJECTED)]
        with self._lock, self._db:
            self._db.executemany("INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?, ?)", rows)

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0]

    def close(self) -> None:
        self._db.close()
