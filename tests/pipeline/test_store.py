"""The run database."""

from __future__ import annotations

import sqlite3

import pytest

from pipeline.store import Store, StoreError


def test_round_trip(tmp_path):
    store = Store(tmp_path / "run.db", create=True)
    with store.db:
        store.add_theorem("a", "True", "True", "seed", 0, "library", proof="trivial", proved_round=0)
        store.add_theorem("t", "False → False", "False → False", "target", 0, "library")
        store.add_attempt(1, "t", "fun h => h", "proved", "", "", 0.01)
        store.mark_proved("t", "fun h => h", 1)
        store.add_round(1, 5, 4, 2, 1, 1, 0.5, 0.25)
    assert store.count_proved() == 2 and store.count_proved("target") == 1
    assert store.rounds()[0]["cumulative_proved"] == 2
    assert store.rounds()[0]["diversity"] == 0.25
    assert store.attempts(1)[0]["status"] == "proved"
    store.close()
    again = Store(tmp_path / "run.db")
    assert [t.name for t in again.theorems()] == ["a", "t"]


def test_missing_foreign_and_corrupt_databases_are_refused(tmp_path):
    with pytest.raises(StoreError, match="no run database"):
        Store(tmp_path / "none.db")
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(StoreError, match="not a leanplay run database"):
        Store(foreign)
    old = Store(tmp_path / "old.db", create=True)
    with old.db:
        old.db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    old.close()
    with pytest.raises(StoreError, match="incompatible"):
        Store(tmp_path / "old.db")
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a leanplay run database"):
        Store(corrupt)
