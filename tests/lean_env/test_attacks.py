"""Adversarial cases for the proof checker (statements and proofs are hostile).

``ATTACKS`` lists ``(description, statement, proof)``.  No attack may be
PROVED: each either claims something false, or smuggles something past the
screen (a command, a declaration), or yields a "proved" statement text that is
not what the kernel checked.  The main test checks every attack in ONE batch,
with honest candidates interleaved before and after each, so that one
candidate changing another's verdict shows up as an honest failure.

Ordering matters inside the batch:

* An attack whose description starts with ``USES_PREVIOUS`` must directly
  follow the attack before it (it uses what that one smuggled into the
  compiled module); no honest candidate is put between the two.
* In a text, ``{self}`` stands for the number k of the candidate's own theorem
  ``leanplay_c<k>`` (the checker numbers only the candidates that pass the
  screen, in order) and ``{prev}`` for k - 1.
* The attacks that pollute the environment of later candidates (an ``LE
  Nat`` instance, a ``namespace``) come last, so that they do not mask the
  verdicts of the other attacks; the honest candidates after them show the
  interference.  (The confirm file imports the whole compiled module, so a
  polluting instance or alias reaches *every* candidate's restatement, earlier
  ones included: the ``export`` alias attack, which makes ``False`` ambiguous
  everywhere, therefore has its own test below.)

Key to the lexical bypass used below: the screen's word regex starts a word at
a letter, so in ``0x1theorem`` it sees the harmless word ``x1theorem``; Lean's
lexer reads the numeral ``0x1`` and then the keyword ``theorem``.  The same
holds for ``0b1``, ``0o1``, ``0X1``/``0B1``/``0O1``, ``1_000``, ``1e5`` and a
char literal ``'a'``.  ``(fun (_ : Nat) => trivial) 0x1`` is a valid proof of
``True`` that ends right before the smuggled keyword.
"""

from __future__ import annotations

import dataclasses

import pytest

from lean_env.checker import Candidate, Checker, Status
from lean_env.screen import screen_proof, screen_statement

USES_PREVIOUS = "USES_PREVIOUS: "

#: a proof of True that ends in a numeral, so a keyword can follow it unseen.
_T = "(fun (_ : Nat) => trivial) "

_MANY_ERRORS = "\n".join(f"have h{i} : True := u{i}" for i in range(110)) + "\ntrivial"

ATTACKS: list[tuple[str, str, str]] = [
    # ---- LEAN_RUNTIME.md: "What a proof string can do if spliced after :=" ----
    ("doc: a second theorem after the proof",
     "True", "trivial\ntheorem cheat : False := sorry"),
    ("doc: axiom cheat : False declared after the proof",
     "True", "trivial\naxiom cheat : False"),
    ("doc: use of an axiom cheat (declared by the previous attempt)",
     "False", "cheat"),
    ("doc: set_option as a command",
     "True", "trivial\nset_option maxHeartbeats 0"),
    ("doc: by exact … followed by a new command",
     "True", "by exact trivial\nexample : False := sorry"),
    ("doc: sorry, namespace X, then a new theorem with the target's name",
     "False", "sorry\nnamespace X\ntheorem leanplay_c0 : False := sorry"),
    ("doc: sorry then #print spoofing the axioms line",
     "False", "sorry\n#print \"'leanplay_c0' does not depend on any axioms\""),
    ("doc: injected set_option debug.skipKernelTC true, then lcProof",
     "False", "sorry\nset_option debug.skipKernelTC true\ntheorem t : False := lcProof"),
    ("doc: sorry /- swallowing the rest of the file",
     "False", "sorry /-"),
    ("doc: native alias with a wrong descriptor (segfault)",
     "True", "trivial\n@[tactic_parser] def Lean.Parser.Tactic.omega : Lean.ParserDescr := "
             "Lean.ParserDescr.dummy"),
    ("doc: lcProof", "False", "lcProof"),
    ("doc: lcCast", "False", "lcCast trivial"),
    ("doc: end", "True", "trivial\nend"),
    ("doc: import", "True", "trivial\nimport Leanplay.Core"),
    ("doc: prelude", "True", "trivial\nprelude"),
    ("doc: run_cmd", "True", "trivial\nrun_cmd pure ()"),
    ("doc: non-breaking space inside a keyword position",
     "False", "trivial\ntheorem\u00a0x : False := sorry"),
    ("doc: zero-width space splitting sorry", "False", "sor\u200bry"),
    ("doc: Cyrillic lookalike of sorry", "False", "s\u043erry"),
    ("doc: Cyrillic lookalike in the statement", "F\u0430lse → False", "fun h => h"),
    ("doc: redeclaring the target", "False", "trivial\ntheorem leanplay_c{self} : False := trivial"),
    ("doc: unclosed bracket swallows to the next theorem", "True", "(trivial"),
    ("doc: stray closing bracket", "True", "trivial)"),
    ("doc: more than 100 errors (maxErrors) in one candidate", "False", _MANY_ERRORS),
    ("doc soundness trap: redefining Nat.pow",
     "(2 : Nat) ^ 2 = 5", "rfl\ndef Nat.pow (m n : Nat) : Nat := 5"),

    # ---- kernel arithmetic (the fourteen GMP-accelerated operations) ----
    ("kernel Nat.pow: 2^10 = 1000 by decide", "(2 : Nat) ^ 10 = 1000", "by decide"),
    ("kernel Nat.pow: 2^64 = 0 by rfl", "(2 : Nat) ^ 64 = 0", "rfl"),
    ("kernel Nat.div by zero claimed = x", "(7 : Nat) / 0 = 7", "by decide"),
    ("kernel Nat.mod by zero claimed = 0", "(7 : Nat) % 0 = 0", "by decide +kernel"),
    ("kernel Nat.sub underflow claimed nonzero", "(3 : Nat) - 5 = 1", "rfl"),
    ("kernel Nat.gcd 0 0 = 1", "Nat.gcd 0 0 = 1", "by decide"),
    ("kernel Nat.land 6 3 = 3", "Nat.land 6 3 = 3", "by decide +kernel"),
    ("kernel Nat.lor 4 1 = 4", "Nat.lor 4 1 = 4", "rfl"),
    ("kernel Nat.xor 5 5 = 1", "Nat.xor 5 5 = 1", "by decide"),
    ("kernel Nat.shiftLeft 1 64 = 0", "Nat.shiftLeft 1 64 = 0", "rfl"),
    ("kernel Nat.shiftRight 1 1 = 1", "Nat.shiftRight 1 1 = 1", "rfl"),
    ("kernel Nat.beq 3 3 = false", "Nat.beq 3 3 = false", "rfl"),
    ("kernel Nat.ble 4 3 = true", "Nat.ble 4 3 = true", "rfl"),
    ("kernel Nat.le decided wrongly", "(5 : Nat) ≤ 3", "by decide"),
    ("kernel big pow off by one", "(10 : Nat) ^ 30 + 1 = 10 ^ 30", "by decide"),
    ("kernel GMP result vs the fuel definition with too little fuel",
     "Nat.div 10 3 = Nat.divFuel 1 10 3", "rfl"),
    ("decide +native (ofReduceBool)", "(1 : Nat) = 2", "by decide +native"),
    ("native_decide", "(1 : Nat) = 2", "by native_decide"),

    # ---- term and tactic tricks ----
    ("show … from with a wrong proof", "False", "show False from trivial"),
    ("let rec without termination", "False", "let rec f : False := f; f"),
    ("let rec with growing argument", "False", "let rec f (n : Nat) : False := f (n + 1); f 0"),
    ("let rec with a bogus termination_by", "False",
     "let rec f (n : Nat) : False := f (n + 1)\ntermination_by n\nf 0"),
    ("let rec with decreasing_by trivial", "False",
     "let rec f (n : Nat) : False := f (n + 1)\n  decreasing_by trivial\n  f 0"),
    ("let rec named _root_.something", "False", "let rec _root_.leanplay_x : False := leanplay_x; leanplay_x"),
    ("where clause", "False", "f\nwhere f : False := f"),
    ("partial", "False", "partial_fixpoint"),
    ("unsafe term", "False", "unsafe (lcProof)"),
    ("implemented_by", "False", "@[implemented_by trivial] trivial"),
    ("opaque", "False", "trivial\nopaque o : False"),
    ("self reference of the theorem", "False", "leanplay_c{self}"),
    ("reference to a confirm-file name", "False", "leanplay_k0"),
    ("unassigned goal ?_", "False", "?_"),
    ("hole in the statement", "_", "trivial"),
    ("hole inside the statement", "(1 : Nat) = 2 ∨ _", "Or.inr trivial"),
    ("statement that is not a proposition", "Prop", "True"),
    ("statement that is a type", "Nat", "0"),
    ("universe variable without declaration", "∀ (α : Sort u), α → α", "fun _ x => x"),
    ("statement: every Prop holds", "∀ (α : Prop), α", "fun _ => by assumption"),
    ("_root_ shadowing in the proof", "_root_.False", "_root_.trivial"),
    ("tactic block as statement, claimed False", "by exact False", "trivial"),
    ("statement with :=", "True := trivial", "trivial"),
    ("statement on two lines", "True\ntheorem x : False", "sorry"),
    ("statement with a comment", "False -- ok", "trivial"),
    ("statement with equations |", "Nat → True | _ => trivial", "trivial"),
    ("statement mentioning sorry", "sorry", "trivial"),
    ("nomatch on an inhabited value", "False", "nomatch (0 : Nat)"),
    ("contradiction with no hypothesis", "False", "by contradiction"),
    ("of_decide_eq_true with a forged instance", "(1 : Nat) = 2",
     "@of_decide_eq_true _ (Decidable.isTrue (by contradiction)) rfl"),
    ("cast between unequal types", "False", "cast rfl trivial"),
    ("propext in the wrong direction", "False",
     "Eq.mpr (propext ⟨fun _ => trivial, fun h => h.elim⟩) trivial"),
    ("simp on a false equation", "(1 : Nat) = 2", "by simp"),
    ("rw on a false equation", "(1 : Nat) = 2", "by rw [Nat.succ_eq_add_one]"),
    ("decide on a false negation", "¬ ((2 : Nat) + 2 = 4)", "by decide"),
    ("term-level set_option … in", "False", "set_option maxHeartbeats 0 in sorry"),
    ("term-level open … in", "False", "open Nat in sorry"),
    ("#exit", "False", "sorry\n#exit"),
    ("attribute marker", "True", "trivial\n@[simp] theorem x : True := trivial"),
    ("proof too long", "False", "trivial" + " " * 4001),
    ("empty proof", "False", "   "),
    ("unicode line separator as a newline", "False", "trivial\u2028theorem x : False := sorry"),
    ("string literals are not proofs", "False", "\"False\""),
    ("statement with a smuggled axiom after a numeral",
     "False 0b1axiom leanplay_stmt_ax : False", "leanplay_stmt_ax"),
    ("statement carries its own proof (equations) and hands `:=` to a smuggled example",
     "Nat → True | _ => (fun (_ : Nat) => trivial) 0b1example : Nat → True", "fun _ => trivial"),
    ("with_decl_name% to name auxiliary declarations after another candidate", "True",
     "with_decl_name% _root_.leanplay_c{prev} (let rec f : True := trivial; f)"),
    ("numeral prefix before a forbidden term word (sorryAx)", "False",
     "(fun (_ : Nat) (h : (α : Prop) → Bool → α) => h False false) 0x1sorryAx"),

    # ---- commands that the keyword list does not forbid ----
    ("init_quot smuggled as a second command (PANIC message, no error)",
     "True", "trivial\n  init_quot"),
    ("gen_injective_theorems% smuggled: declares Lean.Name.*.inj, unseen by the .ilean check",
     "True", "trivial\n  gen_injective_theorems% Lean.Name"),
    ("dangling `in` joins this theorem to the next candidate's",
     "True", "trivial\n  in"),
    ("dangling nonrec modifies the next candidate's theorem",
     "True", "trivial\n  nonrec"),

    # ---- lexical bypass: a numeral or char literal hides a keyword ----
    ("0x1theorem: second theorem (the .ilean check should catch it)",
     "True", _T + "0x1theorem cheat_hex : True := trivial"),
    ("1_000theorem: second theorem", "True", _T + "1_000theorem cheat_us : True := trivial"),
    ("1e5theorem: second theorem", "True", _T + "1e5theorem cheat_sci : True := trivial"),
    ("'a'theorem: second theorem after a char literal",
     "True", _T + "'a'theorem cheat_chr : True := trivial"),
    ("0o7axiom: an axiom named under the candidate's own prefix (allowed by the .ilean check)",
     "True", _T + "0o7axiom leanplay_c{self}.ax : False"),
    ("0x1set_option: a smuggled option command",
     "True", _T + "0x1set_option maxRecDepth 100000"),
    ("0b1axiom Classical.choice : False (whitelisted name, absent from the core)",
     "True", _T + "0b1axiom Classical.choice : False"),
    (USES_PREVIOUS + "False proved with the smuggled Classical.choice",
     "False", "Classical.choice"),
    ("0B1axiom Quot.sound : ∀ n, n = 0 (whitelisted name, absent from the core)",
     "True", _T + "0B1axiom Quot.sound : ∀ (n : Nat), n = 0"),
    (USES_PREVIOUS + "(5 : Nat) = 0 proved with the smuggled Quot.sound",
     "(5 : Nat) = 0", "Quot.sound 5"),
    ("0x1instance: OfNat Nat 1000003 := ⟨7⟩ lands in the compiled module",
     "True", _T + "0x1instance leanplay_bad_ofnat : OfNat Nat 1000003 := ⟨7⟩"),
    (USES_PREVIOUS + "(1000003 : Nat) = 7 by rfl, no axioms at all",
     "(1000003 : Nat) = 7", "rfl"),
    ("0O1axiom under the own prefix, then used by the next candidate",
     "True", _T + "0O1axiom leanplay_c{self}.cheat : False"),
    (USES_PREVIOUS + "False from the prefixed axiom (should be refused for the axiom)",
     "False", "leanplay_c{prev}.cheat"),

    # ---- string literals: the screen does not lex them ----
    ("statement with an unclosed string: the kernel checks statement + proof text",
     "(fun (_ : String) => True) \"", "\" := trivial"),
    (USES_PREVIOUS + "second unclosed-string statement, closes the previous one's string "
     "in the confirm file", "(fun (_ : String) => True) \" ", "\" := trivial"),
    ("proof opening a string that swallows the next candidates' text",
     "True", "by exact (fun (_ : String) => trivial) \""),
    ("proof closing a string opened by an earlier candidate", "(0 : Nat) = 1", "\""),

    # ---- polluters of every later candidate (keep these last) ----
    ("0x1instance: LE Nat that holds always (affects every later ≤)",
     "True", _T + "0x1instance leanplay_bad_le : LE Nat := ⟨fun _ _ => True⟩"),
    (USES_PREVIOUS + "(5 : Nat) ≤ 3 by trivial", "(5 : Nat) ≤ 3", "trivial"),
    ("0x1namespace: every later candidate is declared inside a namespace",
     "True", _T + "0x1namespace leanplay_evil"),
]

_HONEST_BASE: list[tuple[str, str]] = [
    ("∀ (n : Nat), n + 0 = n", "fun n => rfl"),
    ("∀ (n : Nat), 0 + n = n",
     "by\n  intro n\n  induction n with\n  | zero => rfl\n  | succ n ih => exact congrArg Nat.succ ih"),
    ("∀ (p q : Prop), p ∧ q → q ∧ p", "fun p q h => ⟨h.2, h.1⟩"),
    ("(2 : Nat) + 2 = 4", "by decide"),
    ("(2 : Nat) ^ 10 = 1024", "rfl"),
    ("(7 : Nat) / 0 = 0", "by decide"),
    ("(0 : Nat) - 1 = 0", "rfl"),
    ("¬False", "fun h => h"),
    ("Nat.gcd 12 18 = 6", "by decide"),
    ("∀ (a b : Prop), a ∨ b → b ∨ a", "fun a b h => Or.symm h"),
]


def honest(i: int) -> tuple[str, str]:
    """The i-th honest candidate, all distinct (so none is deduplicated)."""
    if i < len(_HONEST_BASE):
        return _HONEST_BASE[i]
    return (f"({i} : Nat) + 0 = {i}", "rfl")


def _place(text: str, pos: int) -> str:
    return text.replace("{self}", str(pos)).replace("{prev}", str(pos - 1))


def _screened(stmt: str, proof: str) -> bool:
    """True when the screen lets the candidate through to Lean (only those get
    a theorem ``leanplay_c<k>``, numbered in order)."""
    return screen_statement(stmt) is None and screen_proof(proof) is None


def build_batch() -> tuple[list[Candidate], list[int], list[int]]:
    """Return the batch and the positions of the attacks and the honest ones:
    an honest candidate first, then each attack followed by an honest one
    (none between an attack and its USES_PREVIOUS partner)."""
    batch: list[Candidate] = []
    attack_pos: list[int] = []
    honest_pos: list[int] = []
    lean_index = 0  # the k of the next screened-in candidate's `leanplay_c<k>`

    def add_honest() -> None:
        nonlocal lean_index
        honest_pos.append(len(batch))
        batch.append(Candidate(*honest(len(honest_pos) - 1)))
        lean_index += 1

    add_honest()
    for k, (desc, stmt, proof) in enumerate(ATTACKS):
        attack_pos.append(len(batch))
        batch.append(Candidate(_place(stmt, lean_index), _place(proof, lean_index)))
        lean_index += _screened(batch[-1].statement, batch[-1].proof)
        follower = ATTACKS[k + 1][0] if k + 1 < len(ATTACKS) else ""
        if not follower.startswith(USES_PREVIOUS):
            add_honest()
    return batch, attack_pos, honest_pos


def test_attack_list_is_large_and_distinct():
    assert len(ATTACKS) >= 40
    assert len({(s, p) for _, s, p in ATTACKS}) == len(ATTACKS)
    batch, _, _ = build_batch()
    assert len(set(batch)) == len(batch)
    assert not ATTACKS[0][0].startswith(USES_PREVIOUS)


def test_no_attack_is_proved_and_every_honest_candidate_is(checker):
    batch, attack_pos, honest_pos = build_batch()
    # One Lean batch for all of them (the fixture's default batch size is 200).
    one_batch = dataclasses.replace(checker, batch_size=len(batch))
    verdicts = one_batch.check(batch)
    assert len(verdicts) == len(batch)
    proved_attacks = [
        f"{ATTACKS[j][0]!r}: {batch[p].statement!r} := {batch[p].proof[:80]!r} "
        f"(axioms {verdicts[p].axioms})"
        for j, p in enumerate(attack_pos) if verdicts[p].status is Status.PROVED]
    failed_honest = [
        f"{batch[p].statement!r} := {batch[p].proof[:40]!r} -> {verdicts[p].status.value} "
        f"{verdicts[p].reason}: {verdicts[p].message[:120]!r}"
        for p in honest_pos if verdicts[p].status is not Status.PROVED]
    assert not proved_attacks and not failed_honest, (
        f"{len(proved_attacks)} attacks PROVED:\n  " + "\n  ".join(proved_attacks)
        + f"\n{len(failed_honest)} honest candidates not proved:\n  " + "\n  ".join(failed_honest))


# ---- smaller, focused cases ----------------------------------------------------

_HONEST_A = Candidate("∀ (n : Nat), n + 0 = n", "fun n => rfl")
_HONEST_B = Candidate("∀ (p q : Prop), p ∧ q → q ∧ p", "fun p q h => ⟨h.2, h.1⟩")


def test_false_via_smuggled_whitelisted_axiom(checker):
    """Two candidates of one batch: the first smuggles `axiom Classical.choice :
    False` past the screen, the second proves False with it."""
    batch = [_HONEST_A, Candidate("True", _T + "0b1axiom Classical.choice : False"),
             Candidate("False", "Classical.choice"), _HONEST_B]
    verdicts = checker.check(batch)
    assert verdicts[2].status is not Status.PROVED, verdicts[2]


def test_false_arithmetic_via_smuggled_instance_without_axioms(checker):
    batch = [_HONEST_A,
             Candidate("True", _T + "0x1instance leanplay_i : OfNat Nat 1000003 := ⟨7⟩"),
             Candidate("(1000003 : Nat) = 7", "rfl"), _HONEST_B]
    verdicts = checker.check(batch)
    assert verdicts[2].status is not Status.PROVED, verdicts[2]


def test_victim_alone_is_refused(checker):
    """Context check: without its accomplice the victim fails, as it should."""
    [v] = checker.check([Candidate("(1000003 : Nat) = 7 ", "rfl")])
    assert v.status is Status.REJECTED


def test_cache_keeps_a_context_dependent_verdict(core_lib, tmp_path):
    """The verdict cache is keyed by (statement, proof) only; a verdict that
    depended on another candidate of the batch is replayed on its own."""
    from lean_env.cache import VerdictCache

    cache = VerdictCache(tmp_path / "cache.sqlite")
    cached = Checker(core_lib, cache=cache)
    victim = Candidate("(1000005 : Nat) = 8", "rfl")
    cached.check([Candidate("True", _T + "0x1instance leanplay_j : OfNat Nat 1000005 := ⟨8⟩"),
                  victim])
    [again] = cached.check([victim])
    cache.close()
    assert again.status is not Status.PROVED, again


def test_string_literal_swallowing_does_not_change_neighbours(checker):
    """A proof that opens a string swallows the next candidates up to a proof
    that closes it; the honest candidates in between must keep their verdict."""
    batch = [_HONEST_A, Candidate("True", "by exact (fun (_ : String) => trivial) \""),
             _HONEST_B, Candidate("(0 : Nat) = 1", "\""),
             Candidate("(3 : Nat) * 1 = 3", "rfl")]
    verdicts = checker.check(batch)
    assert verdicts[0].proved
    assert verdicts[2].proved, verdicts[2]
    assert not verdicts[3].proved


def test_unclosed_string_statement_is_not_proved(checker):
    """A statement with an unclosed string literal does not parse on its own;
    it must never be reported as proved."""
    batch = [Candidate("(fun (_ : String) => True) \"", "\" := trivial"),
             Candidate("(fun (_ : String) => True) \" ", "\" := trivial")]
    verdicts = checker.check(batch)
    assert not any(v.proved for v in verdicts), verdicts


@pytest.mark.parametrize("proof", [
    "(h \")\"",                           # the screen counts the `)` inside the string
    "(h ')'",                             # ... or inside a char literal
    "(fun (_ : Nat) => trivial) '",       # an unclosed char literal
    "trivial\n  meta",                    # a dangling modifier (not forbidden)
    "trivial\n  local",                   # a dangling attribute kind (not forbidden)
    "(fun (_ : Nat) => trivial) % `",     # a dangling name quotation
])
def test_parser_breakers_do_not_change_neighbours(checker, proof):
    batch = [_HONEST_A, Candidate("True", proof), _HONEST_B]
    verdicts = checker.check(batch)
    assert verdicts[0].proved and verdicts[2].proved, verdicts
    assert not verdicts[1].proved


def test_export_alias_does_not_change_neighbours(checker):
    """`export` of a `False` alias reaches the restatement of every candidate of
    the batch (the confirm file imports the whole module), earlier ones too."""
    batch = [Candidate("¬False", "fun h => h"),
             Candidate("True", _T + "0b1def leanplay_c1.False : Prop := (fun (_ : Nat) => True) "
                                    "0b1export leanplay_c1 (False)"),
             Candidate("False → True", "fun _ => trivial")]
    verdicts = checker.check(batch)
    assert verdicts[0].proved and verdicts[2].proved, verdicts


# ---- defence in depth: the same attacks with the screen switched off ----------

_SMUGGLERS = [
    (Candidate("True", _T + "0b1axiom Classical.choice : False"),
     Candidate("False", "Classical.choice")),
    (Candidate("True", _T + "0B1axiom Quot.sound : ∀ (n : Nat), n = 0"),
     Candidate("(5 : Nat) = 0", "Quot.sound 5")),
    (Candidate("True", _T + "0x1instance leanplay_bad_ofnat : OfNat Nat 1000003 := ⟨7⟩"),
     Candidate("(1000003 : Nat) = 7", "rfl")),
    (Candidate("True", _T + "0x1instance leanplay_bad_le : LE Nat := ⟨fun _ _ => True⟩"),
     Candidate("(5 : Nat) ≤ 3", "trivial")),
    (Candidate("True", "trivial\ngen_injective_theorems% Lean.Name"),
     Candidate("(0 : Nat) = 1", "rfl")),
]


@pytest.mark.parametrize("smuggler,victim", _SMUGGLERS)
def test_without_the_screen_smuggled_declarations_still_prove_nothing(
        checker, monkeypatch, smuggler, victim):
    """The module check, the clean statement module and the library's own
    axiom list stop these even when the lexical screen lets them through."""
    import lean_env.checker as checker_module

    monkeypatch.setattr(checker_module, "screen_proof", lambda text: None)
    verdicts = dataclasses.replace(checker, cache=None).check(
        [_HONEST_A, smuggler, victim, _HONEST_B])
    assert verdicts[0].proved and verdicts[3].proved, verdicts
    assert not verdicts[2].proved, verdicts[2]
