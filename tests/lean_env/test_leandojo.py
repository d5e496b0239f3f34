"""Reading LeanDojo-format traced theorems with lean_dojo's own classes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lean_env.checker import Candidate
from lean_env.errors import LeanNotFound, LeanSourceError
from lean_env.leandojo import DojoRepo, dojo_session, read_benchmark, to_record

FIXTURE = Path(__file__).parent / "fixtures" / "leandojo_benchmark.json"


def test_benchmark_entries_become_lean_dojo_theorems_and_records():
    import lean_dojo

    theorems = read_benchmark(FIXTURE)
    assert [t.theorem.full_name for t in theorems] == ["foo.add_zero", "foo.and_swap",
                                                       "foo.open_goal"]
    assert all(isinstance(t.theorem, lean_dojo.Theorem) for t in theorems)
    assert isinstance(theorems[0].start, lean_dojo.Pos) and theorems[0].start.line_nb == 3
    assert isinstance(theorems[0].theorem.repo, DojoRepo)  # GitHub: not contacted
    rec = to_record(theorems[0])
    assert (rec.statement, rec.proof, rec.file, rec.line) == (
        "∀ (n : Nat), n + 0 = n", "by\nintro n\nrfl", "Lean4Example.lean", 3)
    assert to_record(theorems[1]).statement == "∀ (p q : Prop), p ∧ q → q ∧ p"
    with pytest.raises(LeanSourceError, match="no statement"):
        to_record(theorems[2])


def test_traced_proofs_check_on_the_embedded_core(checker):
    records = [to_record(t) for t in read_benchmark(FIXTURE)[:2]]
    verdicts = checker.check([Candidate(r.statement, r.proof) for r in records])
    assert all(v.proved for v in verdicts)


@pytest.mark.parametrize("text,needle", [("{", "not a LeanDojo"), ("{}", "JSON list"),
                                         ('[{"url": "x"}]', "missing")])
def test_malformed_benchmark_files(tmp_path, text, needle):
    path = tmp_path / "b.json"
    path.write_text(text)
    with pytest.raises(LeanSourceError, match=needle):
        read_benchmark(path)


def test_dojo_needs_a_full_toolchain_and_a_local_repository():
    t = read_benchmark(FIXTURE)[0]
    with pytest.raises(LeanNotFound):
        dojo_session(t)
