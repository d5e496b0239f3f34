"""The batch checker on real Lean: honest proofs, failures, sorry, runaways."""

from __future__ import annotations

import pytest

from lean_env.checker import Candidate, Checker, Reason, Status, render_batch
from lean_env.screen import screen_proof, screen_statement

HONEST = [
    Candidate("∀ (n : Nat), n + 0 = n", "fun n => rfl"),
    Candidate("∀ (n : Nat), 0 + n = n",
              "by\n  intro n\n  induction n with\n  | zero => rfl\n"
              "  | succ n ih => exact congrArg Nat.succ ih"),
    Candidate("∀ (p q : Prop), p ∧ q → q ∧ p", "fun p q h => ⟨h.2, h.1⟩"),
    Candidate("(2 : Nat) + 2 = 4", "by decide"),
]


def test_honest_candidates_are_proved(checker):
    verdicts = checker.check(HONEST)
    assert [v.status for v in verdicts] == [Status.PROVED] * 4
    assert all(set(v.axioms) <= {"propext"} for v in verdicts)


def test_wrong_proof_fails_with_lean_message(checker):
    [v] = checker.check([Candidate("(1 : Nat) = 2", "rfl")])
    assert v.status is Status.REJECTED and v.reason is Reason.ELABORATION
    assert "definitionally equal" in v.message or "rfl" in v.message


@pytest.mark.parametrize("proof", [
    "sorry",
    "by sorry",
    "by exact sorryAx _",
    "trivial\ntheorem cheat : False := sorry",
    "trivial -- comment",
    "(trivial",
    "by set_option debug.skipKernelTC true in trivial",
    "trivial\n#print \"does not depend on any axioms\"",
])
def test_dishonest_text_is_rejected_and_neighbours_keep_verdicts(checker, proof):
    verdicts = checker.check([HONEST[0], Candidate("True", proof), HONEST[2]])
    assert verdicts[1].status is Status.REJECTED
    assert verdicts[0].proved and verdicts[2].proved


def test_one_bad_candidate_does_not_change_another(checker):
    batch = [HONEST[0], Candidate("∀ (n : Nat), n = n + 1", "fun n => rfl"), HONEST[1]]
    verdicts = checker.check(batch)
    assert [v.status for v in verdicts] == [Status.PROVED, Status.REJECTED, Status.PROVED]
    assert verdicts[1].reason is Reason.ELABORATION


def test_runaway_proof_times_out_and_rest_of_batch_is_checked(core_lib):
    # The kernel unfolds 3·10^7 steps of an unaccelerated recursion: no
    # heartbeat limit stops it within the wall-clock limit.
    limited = Checker(core_lib, batch_seconds=4.0, per_candidate_seconds=0.0)
    runaway = Candidate("Nat.divFuel 30000000 30000000 1 = 30000000", "by decide +kernel")
    verdicts = limited.check([HONEST[0], runaway, HONEST[2]])
    assert [v.status for v in verdicts] == [Status.PROVED, Status.TIMEOUT, Status.PROVED]


def test_statements_elaborate_or_say_why(checker):
    out = checker.elaborates(["∀ (n : Nat), n + 0 = n", "foo = 1", "Nat", "∀ (n : Nat), n + = n"])
    assert out[0] is None
    assert "foo" in out[1]
    assert "not a proposition" in out[2]
    assert out[3]


def test_render_batch_places_axioms_lines_after_all_theorems():
    text, spans = render_batch("prelude\n", [("leanplay_c0", "True", "trivial"),
                                              ("leanplay_c1", "True", "by\n  trivial")])
    lines = text.splitlines()
    assert lines[spans[0].first - 1] == "theorem leanplay_c0 : True :="
    assert lines[spans[1].last - 1] == "    trivial"
    assert [lines[s.axioms_line - 1] for s in spans] == [
        "#print axioms leanplay_c0", "#print axioms leanplay_c1"]


@pytest.mark.parametrize("text,needle", [
    ("trivial\u00a0", "disallowed"), ("trіvial", "disallowed"), ("a\x00", "disallowed"),
    ("x" * 5000, "longer"), ("by exact (show True from trivial", "unbalanced"),
    ("by decide /- x -/", "comment"), ("by native_decide", "native_decide"),
    ("@[simp] trivial", "attribute"),
])
def test_screen_refuses(text, needle):
    assert needle in screen_proof(text)


def test_screen_accepts_honest_text():
    for c in HONEST:
        assert screen_proof(c.proof) is None and screen_statement(c.statement) is None


def test_memory_hungry_proof_is_stopped_by_the_memory_limit(core_lib):
    # The same runaway grows past 400 MB within 4 s; the wall-clock limit is
    # far away, so only the memory limit can stop it.
    limited = Checker(core_lib, memory_mb=300, batch_seconds=60.0, per_candidate_seconds=0.0)
    runaway = Candidate("Nat.divFuel 30000000 30000000 1 = 30000000", "by decide +kernel")
    verdicts = limited.check([HONEST[0], runaway, HONEST[2]])
    assert [v.status for v in verdicts] == [Status.PROVED, Status.CRASHED, Status.PROVED]
    assert "300 MB" in verdicts[1].message


def test_universe_polymorphic_statements_are_checked_for_every_universe(checker):
    honest = [
        Candidate("∀ {α : Type _} (as : List α), List.nil ++ as = as", "fun _ => rfl"),
        Candidate("∀ {α : Type _} (as : List α), as ++ List.nil = as",
                  "by\n  intro α as\n  induction as with\n  | nil => rfl\n"
                  "  | cons a as ih => simp [ih]"),
        Candidate("∀ {α β : Sort _} (f : α → β) (x : α), f x = f x", "fun _ _ => rfl"),
    ]
    assert [v.status for v in checker.check(honest)] == [Status.PROVED] * 3
    wrong = [
        Candidate("∀ {α : Type _} (as : List α), as ++ List.nil = List.nil", "fun _ => rfl"),
        # A proof that only works in Prop (Sort 0) must not pass for Sort _.
        Candidate("∀ {α : Sort _} (a b : α), a = b", "fun a b => rfl"),
    ]
    assert [v.status for v in checker.check(wrong)] == [Status.REJECTED] * 2




def test_universe_counts_come_from_lean_not_from_the_text(checker):
    honest = [
        Candidate("∀ (F : Type _ → Type _) (α : Type _) (x : F α), x = x", "fun _ _ _ => rfl"),
        Candidate("∀ {α β : Sort _} (h : α = β) (a : α), cast h a = cast h a", "fun _ _ => rfl"),
        Candidate("∀ {α : Sort _} (a : α), (fun (β : Sort _) (b : β) => b) α a = a", "fun _ => rfl"),
        Candidate("∀ {α : Sort _} (f : (β : Sort _) → β → β) (a : α), f α a = f α a", "fun _ _ => rfl"),
        Candidate("∀ {α : Sort _} (f : {β : Sort _} → β → β) (a : α), f a = f a", "fun _ _ => rfl"),
        Candidate("∀ α β : Sort _, ∀ (a : α) (b : β), a = a", "fun _ _ _ _ => rfl"),
        Candidate("∀ (f : ∀ (α β : Sort _), α → β → α), True", "fun _ => True.intro"),
        Candidate("∀ (α : Type _), (α : Type _) = α", "fun _ => rfl"),
        Candidate("∀ (α : Sort (_)) (a : α), a = a", "fun _ _ => rfl"),
        Candidate("∀ (x : PUnit), x = x", "fun _ => rfl"),
        Candidate("∀ (x : PUnit.{_}), x = x", "fun _ => rfl"),
    ]
    assert [v.status for v in checker.check(honest)] == [Status.PROVED] * len(honest)
    wrong = [  # Prop-only proofs of statements the old count got wrong
        Candidate("∀ α β : Sort _, ∀ (a b : α), a = b", "fun _ _ _ _ => rfl"),
        Candidate("∀ (α : Sort (_)) (a b : α), a = b", "fun _ _ _ => rfl"),
    ]
    assert [v.status for v in checker.check(wrong)] == [Status.REJECTED] * 2


def test_probe_reports_open_goals_done_and_failures(checker):
    stmt = "∀ {a b : Prop}, a ∧ b ↔ b ∧ a"
    open_, done, failed, nested = checker.probe([
        Candidate(stmt, "by\n  intro a b\n  constructor"),
        Candidate("∀ (n : Nat), n + 0 = n", "by\n  intro n\n  rfl"),
        Candidate("∀ (n : Nat), n + 0 = n", "by\n  exact no_such_lemma"),
        Candidate("∀ (n : Nat), 0 + n = n",
                  "by\n  intro n\n  induction n with\n  | zero => rfl\n  | succ n ih => skip"),
    ])
    assert open_.status == "open" and open_.goals == (
        "case mp\na b : Prop\n⊢ And a b → And b a", "case mpr\na b : Prop\n⊢ And b a → And a b")
    assert done.status == "done"
    assert failed.status == "failed" and "no_such_lemma" in failed.message
    assert nested.status == "failed"  # goals left inside an alternative cannot be continued
