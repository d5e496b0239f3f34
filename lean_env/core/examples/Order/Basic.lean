prelude
import Leanplay.Seeds

-- A small library of order facts about the natural numbers, in prelude mode
-- on top of the core: a second library for `leanplay run --library`.
-- Theorems with proofs are seeds; `sorry` theorems are the targets.

theorem Order.zero_le : ∀ (n : Nat), 0 ≤ n := by
  intro n
  induction n with
  | zero => exact Nat.le.refl
  | succ n ih => exact Nat.le.step ih

theorem Order.le_step : ∀ {n m : Nat}, n ≤ m → n ≤ Nat.succ m := fun h => Nat.le.step h

theorem Order.lt_succ : ∀ (n : Nat), n < Nat.succ n := fun _ => Nat.le.refl

theorem Order.le_succ_succ : ∀ (n : Nat), n ≤ Nat.succ (Nat.succ n) := sorry

theorem Order.zero_lt_one : 0 < 1 := sorry

theorem Order.le_two : ∀ (n : Nat), n ≤ n + 2 := sorry
