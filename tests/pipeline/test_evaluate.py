"""`evaluate_targets` with passes: later passes may cite the targets proved before."""

from __future__ import annotations

from pipeline.evaluate import TargetResult, evaluate_targets, later_passes

T_A = ("t_a", "∀ {a b : Prop}, a ∧ b → b ∧ a")
T_B = ("t_b", "∀ (x y : Prop), x ∧ y → y ∧ x")


class FixedProver:
    """A prover that always proposes the same proof for a statement (the
    checking is real Lean)."""

    def __init__(self, proofs: dict[str, str]) -> None:
        self.proofs = proofs

    def prove(self, prompts, k, **_):
        return [[self.proofs.get(p, "rfl")] * k for p in prompts]


PROVER = FixedProver({T_B[1]: "fun _ _ h => t_a h", T_A[1]: "fun h => ⟨h.2, h.1⟩"})


def test_one_pass_cites_nothing(checker, tmp_path):
    results = evaluate_targets(PROVER, checker, [T_B, T_A], 2, 1.0, passes=1,
                               lemma_root=tmp_path)
    assert [(r.proved, r.pass_) for r in results] == [(False, 0), (True, 1)]
    assert results[0].outcomes == {"rejected": 1}


def test_a_later_pass_cites_a_target_proved_before(checker, tmp_path):
    results = evaluate_targets(PROVER, checker, [T_B, T_A], 2, 1.0, passes=3,
                               lemma_root=tmp_path)
    assert [(r.proved, r.pass_) for r in results] == [(True, 2), (True, 1)]
    assert results[0].proof == "fun _ _ h => t_a h"
    assert results[0].outcomes == {"rejected": 1, "proved": 1}
    assert list(tmp_path.iterdir())  # the lemma module was compiled there


def test_without_a_lemma_root_there_is_one_pass(checker):
    results = evaluate_targets(PROVER, checker, [T_B, T_A], 2, 1.0, passes=3)
    assert [r.proved for r in results] == [False, True]


def test_later_passes_counts_only_proofs_naming_an_earlier_target():
    def result(name, pass_, proof):
        return TargetResult(name, "s", pass_ > 0, proof, 1, {}, False, pass_)

    results = [result("t_one", 1, "by rfl"),
               result("t_two", 2, "by\n  exact t_one"),
               result("t_three", 2, "by\n  simp"),
               result("t_four", 3, "by\n  rw [t_two]"),
               result("t_five", 0, None)]
    assert later_passes(results) == (3, 2)
    assert later_passes(results[:1]) == (0, 0)
