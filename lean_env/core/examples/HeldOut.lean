prelude
import Leanplay.Seeds

-- Held-out textbook facts: in neither Seeds.lean nor Targets.lean, not even as
-- syntactic variants (`statement_key`), and never trained on.
-- `leanplay eval --targets` proves each with a run's prover.

theorem held.add_one_ne_zero : ∀ (n : Nat), n + 1 ≠ 0 := sorry
theorem held.zero_add_zero : (0 : Nat) + 0 = 0 := sorry
theorem held.one_add_one : (1 : Nat) + 1 = 2 := sorry
theorem held.mul_one_one : ∀ (n : Nat), n * 1 * 1 = n := sorry
theorem held.succ_succ_add : ∀ (n : Nat), Nat.succ (Nat.succ n) = n + 2 := sorry
theorem held.and_left : ∀ (p q : Prop), p ∧ q → p := sorry
theorem held.or_intro_right : ∀ (p q : Prop), q → p ∨ q := sorry
theorem held.imp_trans : ∀ (p q r : Prop), (p → q) → (q → r) → p → r := sorry
theorem held.not_true_false : ¬ (True → False) := sorry
theorem held.length_cons_cons : ∀ {α : Type} (a b : α), List.length (a :: b :: List.nil) = 2 := sorry
theorem held.nil_append_nil : ∀ {α : Type}, (List.nil : List α) ++ List.nil = List.nil := sorry
theorem held.map_singleton : ∀ {α β : Type} (f : α → β) (a : α), List.map f (a :: List.nil) = f a :: List.nil := sorry
theorem held.and_true_true : and true true = true := sorry
theorem held.or_false_true : or false true = true := sorry
theorem held.double_neg_bool : ∀ (b : Bool), not (not (not b)) = not b := sorry
theorem held.le_succ_succ : ∀ (n : Nat), n ≤ n + 2 := sorry
