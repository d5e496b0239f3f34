"""Every kind of bad input: one line on stderr, a non-zero exit, nothing lost."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from pipeline.cli import main


def _digest(run_dir) -> str:
    """Hash of what a run directory stores: the database by its contents (SQLite
    may fold its write-ahead log into the file on open), every other file by
    its bytes."""
    h = hashlib.sha256()
    for path in sorted(run_dir.rglob("*")):
        if not path.is_file() or path.name in ("run.lock", "run.db-wal", "run.db-shm") \
                or ".matplotlib" in path.parts:
            continue
        h.update(path.name.encode())
        if path.name == "run.db":
            con = sqlite3.connect(path)
            h.update("\n".join(con.iterdump()).encode())
            con.close()
        else:
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture
def run_copy(tiny_run, tmp_path):
    copy = tmp_path / "run"
    shutil.copytree(tiny_run, copy)
    return copy


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("leanplay: error: ") and err.count("\n") == 1, err
    return err


def test_truncated_checkpoint(run_copy, tmp_path, capsys):
    weights = next((run_copy / "models" / "round-1" / "prover").glob("*.safetensors"))
    weights.write_bytes(weights.read_bytes()[:64])
    before = _digest(run_copy)
    targets = tmp_path / "T.lean"
    targets.write_text("theorem t : True := sorry\n")
    assert main(["eval", "--run-dir", str(run_copy), "--targets", str(targets)]) == 3
    assert "damaged or truncated" in _one_line_error(capsys)
    assert main(["run", "--run-dir", str(run_copy), "--rounds", "2", "--quiet"]) == 3
    assert "damaged or truncated" in _one_line_error(capsys)
    assert _digest(run_copy) == before


@pytest.mark.parametrize("content,needle", [
    ("roundz: 2\n", "unknown config key"), ("rounds: two\n", "must be int"),
    ("seed: 1.5\n", "must be int"), ("[1, 2]\n", "mapping"),
])
def test_bad_config_is_refused_before_anything_is_made(tmp_path, capsys, content, needle):
    config = tmp_path / "bad.yaml"
    config.write_text(content)
    new_run = tmp_path / "new"
    assert main(["run", "--run-dir", str(new_run), "--config", str(config), "--quiet"]) == 3
    assert needle in _one_line_error(capsys)
    assert not new_run.exists()


def test_resuming_keeps_the_run_config(run_copy, tmp_path, capsys):
    before = _digest(run_copy)
    config = tmp_path / "other.yaml"
    config.write_text("n_embd: 64\n")
    assert main(["run", "--run-dir", str(run_copy), "--config", str(config), "--quiet"]) == 3
    assert "already has its config" in _one_line_error(capsys)
    assert _digest(run_copy) == before


@pytest.mark.parametrize("damage,needle", [
    (b"garbage" * 500, "not a leanplay run database"),
    (None, "not a leanplay run database"),  # a foreign SQLite file
])
def test_corrupt_or_foreign_database(run_copy, capsys, damage, needle):
    db = run_copy / "run.db"
    for extra in ("run.db-wal", "run.db-shm"):
        (run_copy / extra).unlink(missing_ok=True)
    if damage is None:
        db.unlink()
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE songs (title TEXT)")
        con.commit()
        con.close()
    else:
        db.write_bytes(damage)
    before = db.read_bytes()
    assert main(["growth", str(run_copy)]) == 3
    assert needle in _one_line_error(capsys)
    assert main(["run", "--run-dir", str(run_copy), "--quiet"]) == 3
    assert needle in _one_line_error(capsys)
    assert db.read_bytes() == before


def test_run_directory_from_an_incompatible_version(run_copy, capsys):
    con = sqlite3.connect(run_copy / "run.db")
    with con:
        con.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    con.close()
    assert main(["run", "--run-dir", str(run_copy), "--quiet"]) == 3
    assert "incompatible" in _one_line_error(capsys)


@pytest.mark.parametrize("content,needle", [
    (b"theorem t : \xff\xfe := sorry\n", "not UTF-8"),
    ("theorem t : " + "True ∧ " * 300 + "True := sorry\n", "longer than 1000"),
    ("theorem t : ∀ (n : Nat), n + = n := sorry\n", "do not elaborate"),
    ("theorem t : True\n", "no `:=`"),
    ("", "no `theorem NAME : STATEMENT := sorry` found"),
])
def test_bad_targets_files(tiny_run, tmp_path, capsys, content, needle):
    path = tmp_path / "T.lean"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert main(["eval", "--run-dir", str(tiny_run), "--targets", str(path)]) == 3
    assert needle in _one_line_error(capsys)


def test_full_disk_is_reported_and_resumable(run_copy, capsys, monkeypatch):
    from pipeline.store import Store

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "add_round", full)
    assert main(["run", "--run-dir", str(run_copy), "--rounds", "2", "--quiet"]) == 5
    assert "the disk is full" in _one_line_error(capsys)
    monkeypatch.undo()
    assert main(["run", "--run-dir", str(run_copy), "--rounds", "2", "--quiet"]) == 0
    assert [r["round"] for r in Store(run_copy / "run.db").rounds()] == [1, 2]


def test_a_new_run_with_a_missing_targets_file_leaves_no_directory(tmp_path):
    from pipeline.cli import main

    run_dir = tmp_path / "typo"
    assert main(["run", "--run-dir", str(run_dir), "--targets", str(tmp_path / "nope.lean"),
                 "--quiet"]) == 3
    assert not run_dir.exists()


def test_resuming_with_another_library_is_refused(tiny_run, capsys):
    from pipeline.cli import main

    assert main(["run", "--run-dir", str(tiny_run), "--library",
                 "lean_env/core/examples/Order", "--quiet"]) != 0
    assert "library" in capsys.readouterr().err
