prelude
import Leanplay.Seeds
import Order.Basic

-- Built on `Order.Basic`: the library's own modules are compiled in order.

theorem Order.le_two_steps : ∀ {n m : Nat}, n ≤ m → n ≤ Nat.succ (Nat.succ m) :=
  fun h => Order.le_step (Order.le_step h)

theorem Order.zero_le_one : 0 ≤ 1 := Order.zero_le 1

theorem Order.zero_le_two : 0 ≤ 2 := sorry

theorem Order.succ_le_succ_self : ∀ (n : Nat), Nat.succ n ≤ Nat.succ n := sorry
