"""One Lean theorem per tactic or notation alias registered in Leanplay/Core.lean.

Each entry of ``ALIAS_CASES`` is ``(alias_name, lean_theorem_text)``: a complete
``theorem alias_case_N : STATEMENT := PROOF`` whose proof exercises that alias.
All cases compile together in one file that starts with ``prelude`` and
``import Leanplay.Seeds``.  The case named ``"sorry"`` is proved by ``sorry``
and is expected to be rejected.

Every alias of Core.lean has a case, including `×`, `&&`, `||`, `==`,
`!=`, `!` and `symm` (added with `Bool.and`/`Bool.or`, `BEq`, `bne` and the
`[symm]` attribute).
"""

ALIAS_CASES: list[tuple[str, str]] = [
    # ---- tactics ----
    ("exact", """theorem alias_case_1 : True := by
  exact True.intro"""),
    ("intro", """theorem alias_case_2 : ∀ (p : Prop), p → p := by
  intro p h
  exact h"""),
    ("intros", """theorem alias_case_3 : ∀ (p q : Prop), p → q → p := by
  intros p q hp hq
  exact hp"""),
    ("apply", """theorem alias_case_4 : ∀ (p q : Prop), (p → q) → p → q := by
  intro p q f hp
  apply f
  exact hp"""),
    ("refine", """theorem alias_case_5 : ∀ (p q : Prop), p → q → p ∧ q := by
  intro p q hp hq
  refine ⟨?_, hq⟩
  exact hp"""),
    ("refine'", """theorem alias_case_6 : ∀ (p q : Prop), p → q → p ∧ q := by
  intro p q hp hq
  refine' ⟨_, hq⟩
  exact hp"""),
    ("induction", """theorem alias_case_7 : ∀ (n : Nat), 0 + n = n := by
  intro n
  induction n with
  | zero => rfl
  | succ n ih => exact congrArg Nat.succ ih"""),
    ("cases", """theorem alias_case_8 : ∀ (p q : Prop), p ∨ q → q ∨ p := by
  intro p q h
  cases h with
  | inl hp => exact Or.inr hp
  | inr hq => exact Or.inl hq"""),
    ("rfl", """theorem alias_case_9 : ∀ (n : Nat), n + 0 = n := by
  intro n
  rfl"""),
    ("decide", """theorem alias_case_10 : (2 : Nat) + 2 = 4 := by
  decide"""),
    ("constructor", """theorem alias_case_11 : ∀ (p q : Prop), p → q → p ∧ q := by
  intro p q hp hq
  constructor
  exact hp
  exact hq"""),
    ("assumption", """theorem alias_case_12 : ∀ (p q : Prop), p → q → q := by
  intro p q hp hq
  assumption"""),
    ("trivial", """theorem alias_case_13 : True := by
  trivial"""),
    ("try", """theorem alias_case_14 : ∀ (p : Prop), p → p := by
  intro p h
  try contradiction
  exact h"""),
    ("first", """theorem alias_case_15 : ∀ (p : Prop), p → p := by
  intro p h
  first | contradiction | exact h"""),
    ("<;>", """theorem alias_case_16 : True ∧ True := by
  constructor <;> exact True.intro"""),
    ("·", """theorem alias_case_17 : ∀ (p q : Prop), p → q → p ∧ q := by
  intro p q hp hq
  constructor
  · exact hp
  · exact hq"""),
    ("show", """theorem alias_case_18 : ∀ (n : Nat), n + 0 = n := by
  intro n
  show n = n
  rfl"""),
    ("have", """theorem alias_case_19 : ∀ (p q : Prop), p → (p → q) → q := by
  intro p q hp f
  have hq : q := f hp
  exact hq"""),
    ("suffices", """theorem alias_case_20 : ∀ (p q : Prop), p → (p → q) → q := by
  intro p q hp f
  suffices h : p by exact f h
  exact hp"""),
    ("let", """theorem alias_case_21 : ∀ (n : Nat), n + 0 = n := by
  intro n
  let m := n + 0
  show m = n
  rfl"""),
    ("exists", """theorem alias_case_22 : ∃ (n : Nat), n + 1 = 3 := by
  exists 2"""),
    ("left", """theorem alias_case_23 : ∀ (p q : Prop), p → p ∨ q := by
  intro p q hp
  left
  exact hp"""),
    ("right", """theorem alias_case_24 : ∀ (p q : Prop), q → p ∨ q := by
  intro p q hq
  right
  exact hq"""),
    ("subst", """theorem alias_case_25 : ∀ (a b : Nat), a = b → b = a := by
  intro a b h
  subst h
  rfl"""),
    ("injection", """theorem alias_case_26 : ∀ (a b : Nat), Nat.succ a = Nat.succ b → a = b := by
  intro a b h
  injection h"""),
    ("unfold", """theorem alias_case_27 : ∀ (p : Prop), ¬p → p → False := by
  intro p h hp
  unfold Not at h
  exact h hp"""),
    ("change", """theorem alias_case_28 : ∀ (n : Nat), n + 0 = n := by
  intro n
  change n = n
  rfl"""),
    ("revert", """theorem alias_case_29 : ∀ (a b : Nat), a = b → b = a := by
  intro a b h
  revert h
  intro h
  exact h.symm"""),
    ("case", """theorem alias_case_30 : ∀ (p q : Prop), p → q → p ∧ q := by
  intro p q hp hq
  constructor
  case left => exact hp
  case right => exact hq"""),
    ("nofun", """theorem alias_case_31 : ¬((0 : Nat) = 1) := by
  nofun"""),
    ("all_goals", """theorem alias_case_32 : ∀ (p : Prop), p → p ∧ p := by
  intro p hp
  constructor
  all_goals exact hp"""),
    ("repeat'", """theorem alias_case_33 : True ∧ (True ∧ True) := by
  repeat' constructor"""),
    ("contradiction", """theorem alias_case_34 : ∀ (p : Prop), False → p := by
  intro p h
  contradiction"""),
    ("exfalso", """theorem alias_case_35 : ∀ (p : Prop), False → p := by
  intro p h
  exfalso
  exact h"""),
    ("sorry", """theorem alias_case_36 : (1 : Nat) = 1 := by
  sorry"""),
    ("rw", """theorem alias_case_37 : ∀ (n m : Nat), n + 0 = m → n = m := by
  intro n m h
  rw [Nat.add_zero] at h
  rw [h]"""),
    ("rewrite", """theorem alias_case_38 : ∀ (a b : Nat), a = b → b = a := by
  intro a b h
  rewrite [h]
  rfl"""),
    ("simp", """theorem alias_case_39 : ∀ (n : Nat), 0 + n + 0 = n := by
  intro n
  simp only [Nat.add_zero, Nat.zero_add]"""),
    ("simp_all", """theorem alias_case_40 : ∀ (n m : Nat), n = m → m = 0 → n + 0 = 0 := by
  intro n m h1 h2
  simp_all"""),
    ("skip", """theorem alias_case_41 : True := by
  skip
  exact True.intro"""),
    ("done", """theorem alias_case_42 : True := by
  exact True.intro
  done"""),
    ("rename_i", """theorem alias_case_43 : ∀ (p : Prop), p → p := by
  intro _ _
  rename_i q h
  exact h"""),
    ("specialize", """theorem alias_case_44 : ∀ (p q : Prop), (p → q) → p → q := by
  intro p q f hp
  specialize f hp
  exact f"""),
    ("generalize", """theorem alias_case_45 : (2 : Nat) + 0 = 2 := by
  generalize (2 : Nat) = x
  rfl"""),
    ("next", """theorem alias_case_46 : ∀ (p q : Prop), p → q → p ∧ q := by
  intro p q hp hq
  constructor
  next => exact hp
  next => exact hq"""),
    ("and_intros", """theorem alias_case_47 : ∀ (p : Prop), p → p ∧ p ∧ p := by
  intro p hp
  and_intros
  all_goals exact hp"""),
    ("calc", """theorem alias_case_48 : ∀ (a b c : Nat), a = b → b = c → a = c :=
  fun a b c h1 h2 =>
    calc a = b := h1
      _ = c := h2"""),
    ("calc (tactic)", """theorem alias_case_49 : ∀ (a b c : Nat), a = b → b = c → a = c := by
  intro a b c h1 h2
  calc a = b := h1
    _ = c := h2"""),
    ("refine_lift", """theorem alias_case_50 : ∀ (p q : Prop), p → q → p ∧ q := by
  intro p q hp hq
  refine_lift ⟨?_, hq⟩
  exact hp"""),
    # ---- notation ----
    ("=", """theorem alias_case_51 : (1 : Nat) = 1 := rfl"""),
    ("≠", """theorem alias_case_52 : (1 : Nat) ≠ 2 := by decide"""),
    ("+", """theorem alias_case_53 : (2 : Nat) + 3 = 5 := by decide"""),
    ("-", """theorem alias_case_54 : (5 : Nat) - 3 = 2 := by decide"""),
    ("*", """theorem alias_case_55 : (2 : Nat) * 3 = 6 := by decide"""),
    ("/", """theorem alias_case_56 : (7 : Nat) / 2 = 3 := by decide"""),
    ("%", """theorem alias_case_57 : (7 : Nat) % 2 = 1 := by decide"""),
    ("^", """theorem alias_case_58 : (2 : Nat) ^ 3 = 8 := by decide"""),
    ("++", """theorem alias_case_59 : ∀ (l : List Nat), List.nil ++ l = l := fun _ => rfl"""),
    ("≤", """theorem alias_case_60 : (2 : Nat) ≤ 3 := by decide"""),
    ("<", """theorem alias_case_61 : (2 : Nat) < 3 := by decide"""),
    ("≥", """theorem alias_case_62 : (3 : Nat) ≥ 2 := by decide"""),
    (">", """theorem alias_case_63 : (3 : Nat) > 2 := by decide"""),
    ("∧", """theorem alias_case_64 : True ∧ True := ⟨True.intro, True.intro⟩"""),
    ("∨", """theorem alias_case_65 : False ∨ True := Or.inr True.intro"""),
    ("↔", """theorem alias_case_66 : ∀ (p : Prop), p ↔ p := fun p => Iff.refl p"""),
    ("∘", """theorem alias_case_67 : (Nat.succ ∘ Nat.succ) 0 = 2 := rfl"""),
    ("::", """theorem alias_case_68 : List.length ((1 : Nat) :: List.nil) = 1 := rfl"""),
    ("¬", """theorem alias_case_69 : ¬False := fun h => h"""),
    ("∃", """theorem alias_case_70 : ∃ (n : Nat), n + n = 4 := ⟨2, rfl⟩"""),
    ("if-then-else", """theorem alias_case_71 : (if (1 : Nat) = 1 then (2 : Nat) else 3) = 2 := by decide"""),
    ("×", """theorem alias_case_101 : ∀ (a b : Nat), (Prod.mk a b : Nat × Nat).fst = a := fun _ _ => rfl"""),
    ("&&", """theorem alias_case_102 : (true && false) = false := rfl"""),
    ("||", """theorem alias_case_103 : (true || false) = true := rfl"""),
    ("==", """theorem alias_case_104 : ((2 : Nat) == 2) = true := by decide"""),
    ("!=", """theorem alias_case_105 : ((2 : Nat) != 3) = true := by decide"""),
    ("!", """theorem alias_case_106 : (!true) = false := rfl"""),
    ("symm", """theorem alias_case_107 : ∀ (a b : Nat), a = b → b = a := by
  intro a b h
  symm
  exact h"""),
]
