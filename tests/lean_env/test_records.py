"""Reading theorem records from Lean sources."""

from __future__ import annotations

import pytest

from lean_env.errors import LeanSourceError
from lean_env.records import parse_theorems, proof_dependencies, read_theorems, split_statement

SOURCE = """prelude
import Leanplay.Core

@[simp]
theorem Nat.add_zero : ∀ (n : Nat), n + 0 = n := fun n => rfl

theorem Nat.zero_add : ∀ (n : Nat), 0 + n = n := by
  intro n
  induction n with
  | zero => rfl
  | succ n ih => simp [ih, Nat.add_zero]
theorem open_one : ∀ (p : Prop), p → p := sorry
"""


def test_parse_theorems_reads_name_statement_proof_position():
    recs = parse_theorems(SOURCE, "S.lean")
    assert [r.name for r in recs] == ["Nat.add_zero", "Nat.zero_add", "open_one"]
    assert recs[0].statement == "∀ (n : Nat), n + 0 = n"
    assert recs[0].proof == "fun n => rfl" and recs[0].attributes == ("simp",)
    assert recs[0].line == 5 and recs[1].line == 7
    assert recs[1].proof.splitlines() == [
        "by", "intro n", "induction n with", "| zero => rfl", "| succ n ih => simp [ih, Nat.add_zero]"]
    assert recs[2].proof is None


def test_dependencies_are_known_names_in_the_proof(tmp_path):
    path = tmp_path / "S.lean"
    path.write_text(SOURCE, encoding="utf-8")
    recs = read_theorems(path)
    assert recs[1].dependencies == ("Nat.add_zero",)
    assert proof_dependencies("simp [a, b.c]", {"b.c", "z"}) == ("b.c",)


def test_split_statement_ignores_assignments_inside_brackets():
    assert split_statement("(let x := 1; x = 1) := rfl") == ("(let x := 1; x = 1)", "rfl")
    with pytest.raises(ValueError):
        split_statement("True")


@pytest.mark.parametrize("content,needle", [
    (None, "no such file"), (b"theorem a : \xff := sorry", "not UTF-8"),
    (b"theorem a : True\n", "no `:=`"),
])
def test_bad_sources_raise_clear_errors(tmp_path, content, needle):
    path = tmp_path / "Bad.lean"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(LeanSourceError, match=needle):
        read_theorems(path)
