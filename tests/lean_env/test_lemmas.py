"""The lemma module: proved theorems that later proofs may cite, with real Lean."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lean_env.checker import Candidate, Reason, Status
from lean_env.lemmas import build_lemmas

SWAP = ("t_swap", "∀ {a b : Prop}, a ∧ b → b ∧ a", "fun h => ⟨h.2, h.1⟩")
USES_SWAP = ("t_swap_twice", "∀ {a b : Prop}, a ∧ b → a ∧ b", "fun h => t_swap (t_swap h)")


def test_a_proof_may_cite_a_lemma_only_when_the_module_holds_it(checker, tmp_path):
    module = build_lemmas(checker, [SWAP], tmp_path)
    assert module.names == ("t_swap",)
    citing = Candidate("∀ (x y : Prop), x ∧ y → y ∧ x", "fun _ _ h => t_swap h")
    with_lemmas = dataclasses.replace(checker, lemmas=module)
    [verdict] = with_lemmas.check([citing])
    assert verdict.status is Status.PROVED and verdict.axioms == ()
    [without] = checker.check([citing])
    assert without.reason is Reason.ELABORATION and "t_swap" in without.message


def test_lemmas_cite_the_lemmas_above_them_and_a_failing_one_is_left_out(checker, tmp_path):
    broken = ("t_broken", "∀ (n : Nat), n = 0", "fun _ => rfl")
    cites_broken = ("t_after", "∀ (n : Nat), n = 0 ∧ True", "fun n => ⟨t_broken n, trivial⟩")
    module = build_lemmas(checker, [SWAP, broken, USES_SWAP, cites_broken], tmp_path)
    assert module.names == ("t_swap", "t_swap_twice")
    again = build_lemmas(checker, [SWAP, USES_SWAP], tmp_path)
    assert again == module  # the compiled module is reused


def test_a_lemma_using_an_axiom_outside_the_library_is_left_out(checker, tmp_path):
    # `sorry` never passes the screen, so nothing reaches Lean for it.
    assert build_lemmas(checker, [("t_sorry", "∀ (n : Nat), n = 0", "sorry")], tmp_path) is None


def test_statements_never_see_the_lemmas(checker, tmp_path):
    module = build_lemmas(checker, [SWAP], tmp_path)
    with_lemmas = dataclasses.replace(checker, lemmas=module)
    # A statement naming a lemma elaborates only where the lemma exists: the
    # clean restatement does not import the module, so it is rejected.
    [verdict] = with_lemmas.check([Candidate("@t_swap True True = @t_swap True True", "rfl")])
    assert verdict.reason is Reason.STATEMENT_MISMATCH


def test_the_cache_key_follows_the_lemma_module(checker, tmp_path):
    one = dataclasses.replace(checker, lemmas=build_lemmas(checker, [SWAP], tmp_path))
    two = dataclasses.replace(checker, lemmas=build_lemmas(checker, [SWAP, USES_SWAP], tmp_path))
    assert len({checker._key(), one._key(), two._key()}) == 3


def test_probes_see_the_lemmas(checker, tmp_path):
    with_lemmas = dataclasses.replace(checker, lemmas=build_lemmas(checker, [SWAP], tmp_path))
    cand = Candidate("∀ (x y : Prop), x ∧ y → y ∧ x", "by\n  intro x y h\n  exact t_swap h")
    assert with_lemmas.probe([cand])[0].status == "done"
    assert checker.probe([cand])[0].status == "failed"


@pytest.mark.parametrize("name", [
    "leanplay_s0", "leanplay_c0", "LeanplayBatch.x", "zz'", "zz.{u}", "a._b", "«x y»",
    "zz : True := True.intro\naxiom cheat : False\ntheorem zz2", "zz1._hyg.3"])
def test_a_lemma_name_must_be_plain_and_not_the_checkers(checker, tmp_path, name):
    module = build_lemmas(checker, [SWAP, (name, "True", "True.intro")], tmp_path)
    assert module.names == ("t_swap",)


def test_a_relative_root_is_found_from_wherever_lean_runs(checker, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    module = build_lemmas(checker, [SWAP], Path("runs") / "lemmas")
    assert module.directory.is_absolute()
    cited = dataclasses.replace(checker, lemmas=module)
    [verdict] = cited.check([Candidate("∀ (x y : Prop), x ∧ y → y ∧ x", "fun _ _ h => t_swap h")])
    assert verdict.status is Status.PROVED
