prelude
import Leanplay.Core

-- Leanplay seed theorems: defining equations and a few basic lemmas, with
-- proofs in the short styles a small prover can imitate.  Names follow Lean 4
-- core.  The Boolean operations are Core's `not`, `and`, `or` (the notations
-- `!`, `&&`, `||` are not available here).

-- ## Logic

theorem trivial : True := True.intro

theorem not_false : ¬False := fun h => h

theorem And.symm : ∀ {a b : Prop}, a ∧ b → b ∧ a := by
  intro a b h
  exact ⟨h.2, h.1⟩

theorem Or.symm : ∀ {a b : Prop}, a ∨ b → b ∨ a := by
  intro a b h
  cases h with
  | inl ha => exact Or.inr ha
  | inr hb => exact Or.inl hb

@[simp]
theorem true_and : ∀ (p : Prop), (True ∧ p) = p := by
  intro p
  exact propext ⟨fun h => h.2, fun h => ⟨True.intro, h⟩⟩

@[simp]
theorem and_true : ∀ (p : Prop), (p ∧ True) = p := by
  intro p
  exact propext ⟨fun h => h.1, fun h => ⟨h, True.intro⟩⟩

@[simp]
theorem false_and : ∀ (p : Prop), (False ∧ p) = False := by
  intro p
  exact propext ⟨fun h => h.1, fun h => h.elim⟩

@[simp]
theorem and_false : ∀ (p : Prop), (p ∧ False) = False := by
  intro p
  exact propext ⟨fun h => h.2, fun h => h.elim⟩

@[simp]
theorem true_or : ∀ (p : Prop), (True ∨ p) = True := by
  intro p
  exact propext ⟨fun _ => True.intro, fun h => Or.inl h⟩

@[simp]
theorem or_true : ∀ (p : Prop), (p ∨ True) = True := by
  intro p
  exact propext ⟨fun _ => True.intro, fun h => Or.inr h⟩

@[simp]
theorem false_or : ∀ (p : Prop), (False ∨ p) = p := by
  intro p
  apply propext
  constructor
  · intro h
    cases h with
    | inl h => exact h.elim
    | inr h => exact h
  · intro h
    exact Or.inr h

@[simp]
theorem or_false : ∀ (p : Prop), (p ∨ False) = p := by
  intro p
  apply propext
  constructor
  · intro h
    cases h with
    | inl h => exact h
    | inr h => exact h.elim
  · intro h
    exact Or.inl h

@[simp]
theorem not_true_eq_false : (¬True) = False := by
  exact propext ⟨fun h => h True.intro, fun h => h.elim⟩

@[simp]
theorem not_false_eq_true : (¬False) = True := by
  exact propext ⟨fun _ => True.intro, fun _ h => h⟩

@[simp]
theorem implies_true : ∀ (α : Sort _), (α → True) = True := by
  intro α
  exact propext ⟨fun _ => True.intro, fun _ _ => True.intro⟩

@[simp]
theorem id_eq : ∀ {α : Sort _} (a : α), id a = a := fun _ => rfl

@[simp]
theorem Function.comp_apply : ∀ {α β γ : Sort _} (f : β → γ) (g : α → β) (x : α), (f ∘ g) x = f (g x) := fun _ _ _ => rfl

-- ## Natural numbers: defining equations

@[simp]
theorem Nat.zero_eq : Nat.zero = 0 := rfl

@[simp]
theorem Nat.add_zero : ∀ (n : Nat), n + 0 = n := fun _ => rfl

@[simp]
theorem Nat.add_succ : ∀ (n m : Nat), n + Nat.succ m = Nat.succ (n + m) := fun _ _ => rfl

@[simp]
theorem Nat.add_one : ∀ (n : Nat), n + 1 = Nat.succ n := fun _ => rfl

@[simp]
theorem Nat.mul_zero : ∀ (n : Nat), n * 0 = 0 := fun _ => rfl

@[simp]
theorem Nat.mul_succ : ∀ (n m : Nat), n * Nat.succ m = n * m + n := fun _ _ => rfl

@[simp]
theorem Nat.pow_zero : ∀ (b : Nat), b ^ 0 = 1 := fun _ => rfl

@[simp]
theorem Nat.pow_succ : ∀ (b n : Nat), b ^ Nat.succ n = b ^ n * b := fun _ _ => rfl

@[simp]
theorem Nat.pred_zero : Nat.pred 0 = 0 := rfl

@[simp]
theorem Nat.pred_succ : ∀ (n : Nat), Nat.pred (Nat.succ n) = n := fun _ => rfl

@[simp]
theorem Nat.sub_zero : ∀ (n : Nat), n - 0 = n := fun _ => rfl

@[simp]
theorem Nat.sub_succ : ∀ (n m : Nat), n - Nat.succ m = Nat.pred (n - m) := fun _ _ => rfl

-- ## Natural numbers: basic lemmas

@[simp]
theorem Nat.zero_add : ∀ (n : Nat), 0 + n = n := by
  intro n
  induction n with
  | zero => rfl
  | succ n ih => simp [ih]

theorem Nat.succ_add : ∀ (n m : Nat), Nat.succ n + m = Nat.succ (n + m) := by
  intro n m
  induction m with
  | zero => rfl
  | succ m ih => simp [ih]

theorem Nat.one_ne_zero : (1 : Nat) ≠ 0 := by decide

theorem Nat.zero_ne_one : (0 : Nat) ≠ 1 := by decide

@[simp]
theorem Nat.le_refl : ∀ (n : Nat), n ≤ n := fun _ => Nat.le.refl

theorem Nat.le_succ : ∀ (n : Nat), n ≤ Nat.succ n := fun _ => Nat.le.step Nat.le.refl

theorem Nat.lt_iff_add_one_le : ∀ {m n : Nat}, m < n ↔ m + 1 ≤ n := by
  intro m n
  exact Iff.rfl

-- ## Lists

@[simp]
theorem List.nil_append : ∀ {α : Type _} (as : List α), List.nil ++ as = as := fun _ => rfl

@[simp]
theorem List.cons_append : ∀ {α : Type _} (a : α) (as bs : List α), (a :: as) ++ bs = a :: (as ++ bs) := fun _ _ _ => rfl

@[simp]
theorem List.length_nil : ∀ {α : Type _}, List.length (List.nil : List α) = 0 := rfl

@[simp]
theorem List.length_cons : ∀ {α : Type _} (a : α) (as : List α), List.length (a :: as) = Nat.succ (List.length as) := fun _ _ => rfl

@[simp]
theorem List.map_nil : ∀ {α β : Type _} (f : α → β), List.map f List.nil = List.nil :=
  fun _ => rfl

@[simp]
theorem List.map_cons : ∀ {α β : Type _} (f : α → β) (a : α) (as : List α), List.map f (a :: as) = f a :: List.map f as := fun _ _ _ => rfl

@[simp]
theorem List.reverseAux_nil : ∀ {α : Type _} (r : List α), List.reverseAux List.nil r = r :=
  fun _ => rfl

@[simp]
theorem List.reverseAux_cons : ∀ {α : Type _} (a : α) (l r : List α), List.reverseAux (a :: l) r = List.reverseAux l (a :: r) := fun _ _ _ => rfl

@[simp]
theorem List.reverse_nil : ∀ {α : Type _}, List.reverse (List.nil : List α) = List.nil := rfl

@[simp]
theorem List.append_nil : ∀ {α : Type _} (as : List α), as ++ List.nil = as := by
  intro α as
  induction as with
  | nil => rfl
  | cons a as ih => simp [ih]

-- ## Booleans

@[simp]
theorem Bool.not_true : not true = false := rfl

@[simp]
theorem Bool.not_false : not false = true := rfl

@[simp]
theorem Bool.true_and : ∀ (b : Bool), and true b = b := fun _ => rfl

@[simp]
theorem Bool.false_and : ∀ (b : Bool), and false b = false := fun _ => rfl

@[simp]
theorem Bool.true_or : ∀ (b : Bool), or true b = true := fun _ => rfl

@[simp]
theorem Bool.false_or : ∀ (b : Bool), or false b = b := fun _ => rfl

@[simp]
theorem cond_true : ∀ {α : Sort _} (a b : α), cond true a b = a := fun _ _ => rfl

@[simp]
theorem cond_false : ∀ {α : Sort _} (a b : α), cond false a b = b := fun _ _ => rfl

theorem Bool.false_ne_true : false ≠ true := by decide
