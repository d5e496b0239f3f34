"""Shared fixtures of the theory tests: a small run directory, one torch thread."""

from __future__ import annotations

import pytest
import torch

from embeddings.graph import statement_shape
from pipeline.store import Store

# Statements of the four topics, as a run of leanplay stores them: (name,
# statement, kind, proved). Sharing symbols within a topic, they make a
# theorem graph with a few components.
THEOREMS = [
    ("Nat.add_zero", "∀ (n : Nat), n + 0 = n", "seed", True),
    ("Nat.zero_add", "∀ (n : Nat), 0 + n = n", "seed", True),
    ("Nat.add_comm", "∀ (n m : Nat), n + m = m + n", "seed", True),
    ("Nat.mul_one", "∀ (n : Nat), n * 1 = n", "seed", True),
    ("Nat.mul_zero", "∀ (n : Nat), n * 0 = 0", "seed", True),
    ("Nat.succ_ne_zero", "∀ (n : Nat), Nat.succ n ≠ 0", "seed", True),
    ("List.append_nil", "∀ (l : List Nat), l ++ [] = l", "seed", True),
    ("List.nil_append", "∀ (l : List Nat), [] ++ l = l", "seed", True),
    ("List.length_nil", "List.length ([] : List Nat) = 0", "seed", True),
    ("Bool.and_true", "∀ (b : Bool), (b && true) = b", "seed", True),
    ("Bool.or_false", "∀ (b : Bool), (b || false) = b", "seed", True),
    ("Bool.not_not", "∀ (b : Bool), (!(!b)) = b", "seed", True),
    ("and_true", "∀ (p : Prop), (p ∧ True) = p", "seed", True),
    ("or_false", "∀ (p : Prop), (p ∨ False) = p", "seed", True),
    ("And.symm", "∀ {a b : Prop}, a ∧ b → b ∧ a", "seed", True),
    ("Nat.add_assoc", "∀ (n m k : Nat), n + m + k = n + (m + k)", "target", True),
    ("Nat.mul_comm", "∀ (n m : Nat), n * m = m * n", "target", False),
    ("Nat.one_mul", "∀ (n : Nat), 1 * n = n", "target", False),
    (
        "List.length_append",
        "∀ (l m : List Nat), List.length (l ++ m) = List.length l + List.length m",
        "target",
        False,
    ),
    (
        "List.append_assoc",
        "∀ (l m k : List Nat), l ++ m ++ k = l ++ (m ++ k)",
        "target",
        False,
    ),
    ("Bool.and_comm", "∀ (a b : Bool), (a && b) = (b && a)", "target", True),
    ("Bool.or_comm", "∀ (a b : Bool), (a || b) = (b || a)", "target", False),
    ("or_comm", "∀ {a b : Prop}, a ∨ b ↔ b ∨ a", "target", False),
    ("and_comm", "∀ {a b : Prop}, a ∧ b ↔ b ∧ a", "target", False),
]
# Conjectures: (name, statement, parent, proved).
CONJECTURES = [
    ("c1", "∀ (n : Nat), n + 1 = Nat.succ n", "Nat.add_zero", True),
    ("c2", "∀ (n : Nat), n * 0 = 0 * n", "Nat.mul_zero", True),
    ("c3", "∀ (l : List Nat), l ++ [] = [] ++ l", "List.append_nil", True),
    ("c4", "∀ (b : Bool), (b && false) = false", "Bool.and_true", False),
]


def write_run(directory) -> None:
    """A run directory holding only `run.db`: THEOREMS, CONJECTURES, 2 rounds."""
    directory.mkdir(parents=True, exist_ok=True)
    store = Store(directory / "run.db", create=True)
    with store.db:
        for name, statement, kind, proved in THEOREMS:
            store.add_theorem(
                name,
                statement,
                statement_shape(statement),
                kind,
                0,
                "library",
                proof="rfl" if proved else None,
                proved_round=(0 if kind == "seed" else 1) if proved else None,
            )
        for i, (name, statement, parent, proved) in enumerate(CONJECTURES):
            store.add_theorem(
                name,
                statement,
                statement_shape(statement),
                "conjecture",
                1 + i % 2,
                "mutation",
                parent=parent,
                proof="rfl" if proved else None,
                proved_round=1 + i % 2 if proved else None,
            )
    with store.db:
        store.add_round(1, 10, 5, 8, 3, 2, 1.0, 0.5)
        store.add_round(2, 10, 5, 8, 1, 0, 1.0, 0.5)
    store.close()


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory):
    """A small run directory, built once; tests must not write to it."""
    directory = tmp_path_factory.mktemp("theory-run") / "run"
    write_run(directory)
    return directory


@pytest.fixture(scope="package", autouse=True)
def one_torch_thread():
    """Tiny networks run faster on one torch thread on two shared cores."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
