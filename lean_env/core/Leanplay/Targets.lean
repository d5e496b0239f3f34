prelude
import Leanplay.Seeds

-- Leanplay benchmark targets: textbook facts to be proved by the prover.
-- Statements only; none of them is proved in Leanplay.Core or Leanplay.Seeds.
-- Working proofs of all of them: tests/lean_env/fixtures/target_proofs.lean.

-- ## Propositional logic

theorem and_comm : ∀ {a b : Prop}, a ∧ b ↔ b ∧ a := sorry

theorem or_comm : ∀ {a b : Prop}, a ∨ b ↔ b ∨ a := sorry

theorem and_assoc : ∀ {a b c : Prop}, (a ∧ b) ∧ c ↔ a ∧ b ∧ c := sorry

theorem or_assoc : ∀ {a b c : Prop}, (a ∨ b) ∨ c ↔ a ∨ b ∨ c := sorry

theorem and_self : ∀ (p : Prop), (p ∧ p) = p := sorry

theorem or_self : ∀ (p : Prop), (p ∨ p) = p := sorry

theorem not_not_intro : ∀ {p : Prop}, p → ¬¬p := sorry

theorem mt : ∀ {a b : Prop}, (a → b) → ¬b → ¬a := sorry

theorem and_not_self : ∀ {a : Prop}, ¬(a ∧ ¬a) := sorry

theorem Or.elim : ∀ {a b c : Prop}, a ∨ b → (a → c) → (b → c) → c := sorry

theorem imp_self : ∀ {a : Prop}, (a → a) ↔ True := sorry

theorem iff_of_true : ∀ {a b : Prop}, a → b → (a ↔ b) := sorry

theorem iff_comm : ∀ {a b : Prop}, (a ↔ b) ↔ (b ↔ a) := sorry

theorem and_imp : ∀ {a b c : Prop}, (a ∧ b → c) ↔ (a → b → c) := sorry

theorem or_imp : ∀ {a b c : Prop}, (a ∨ b → c) ↔ (a → c) ∧ (b → c) := sorry

theorem not_or : ∀ {p q : Prop}, ¬(p ∨ q) ↔ ¬p ∧ ¬q := sorry

theorem and_or_left : ∀ {a b c : Prop}, a ∧ (b ∨ c) ↔ a ∧ b ∨ a ∧ c := sorry

theorem or_and_left : ∀ {a b c : Prop}, a ∨ b ∧ c ↔ (a ∨ b) ∧ (a ∨ c) := sorry

theorem Ne.symm : ∀ {α : Sort _} {a b : α}, a ≠ b → b ≠ a := sorry

theorem not_exists : ∀ {α : Sort _} {p : α → Prop}, (¬∃ x, p x) ↔ ∀ x, ¬p x := sorry

theorem forall_and : ∀ {α : Sort _} {p q : α → Prop}, (∀ x, p x ∧ q x) ↔ (∀ x, p x) ∧ (∀ x, q x) := sorry

theorem Exists.imp : ∀ {α : Sort _} {p q : α → Prop}, (∀ a, p a → q a) → (∃ a, p a) → ∃ a, q a := sorry

-- ## Natural numbers: arithmetic

theorem Nat.add_comm : ∀ (n m : Nat), n + m = m + n := sorry

theorem Nat.add_assoc : ∀ (n m k : Nat), n + m + k = n + (m + k) := sorry

theorem Nat.add_left_comm : ∀ (n m k : Nat), n + (m + k) = m + (n + k) := sorry

theorem Nat.add_right_comm : ∀ (n m k : Nat), n + m + k = n + k + m := sorry

theorem Nat.succ_ne_zero : ∀ (n : Nat), Nat.succ n ≠ 0 := sorry

theorem Nat.succ_inj : ∀ {a b : Nat}, Nat.succ a = Nat.succ b ↔ a = b := sorry

theorem Nat.add_right_cancel : ∀ {n m k : Nat}, n + m = k + m → n = k := sorry

theorem Nat.add_left_cancel : ∀ {n m k : Nat}, n + m = n + k → m = k := sorry

theorem Nat.mul_one : ∀ (n : Nat), n * 1 = n := sorry

theorem Nat.zero_mul : ∀ (n : Nat), 0 * n = 0 := sorry

theorem Nat.one_mul : ∀ (n : Nat), 1 * n = n := sorry

theorem Nat.succ_mul : ∀ (n m : Nat), Nat.succ n * m = n * m + m := sorry

theorem Nat.mul_comm : ∀ (n m : Nat), n * m = m * n := sorry

theorem Nat.left_distrib : ∀ (n m k : Nat), n * (m + k) = n * m + n * k := sorry

theorem Nat.right_distrib : ∀ (n m k : Nat), (n + m) * k = n * k + m * k := sorry

theorem Nat.mul_assoc : ∀ (n m k : Nat), n * m * k = n * (m * k) := sorry

theorem Nat.two_mul : ∀ (n : Nat), 2 * n = n + n := sorry

theorem Nat.pow_one : ∀ (a : Nat), a ^ 1 = a := sorry

theorem Nat.one_pow : ∀ (n : Nat), 1 ^ n = 1 := sorry

theorem Nat.pow_add : ∀ (a m n : Nat), a ^ (m + n) = a ^ m * a ^ n := sorry

theorem Nat.zero_sub : ∀ (n : Nat), 0 - n = 0 := sorry

theorem Nat.succ_sub_succ : ∀ (n m : Nat), Nat.succ n - Nat.succ m = n - m := sorry

theorem Nat.sub_self : ∀ (n : Nat), n - n = 0 := sorry

theorem Nat.add_sub_cancel : ∀ {n m : Nat}, n + m - m = n := sorry

theorem Nat.succ_pred_eq_of_ne_zero : ∀ {n : Nat}, n ≠ 0 → Nat.succ (Nat.pred n) = n := sorry

theorem Nat.exists_eq_succ_of_ne_zero : ∀ {n : Nat}, n ≠ 0 → ∃ k, n = Nat.succ k := sorry

-- ## Natural numbers: order

theorem Nat.zero_le : ∀ (n : Nat), 0 ≤ n := sorry

theorem Nat.le_add_right : ∀ (n k : Nat), n ≤ n + k := sorry

theorem Nat.le_add_left : ∀ (n m : Nat), n ≤ m + n := sorry

theorem Nat.lt_succ_self : ∀ (n : Nat), n < Nat.succ n := sorry

theorem Nat.zero_lt_succ : ∀ (n : Nat), 0 < Nat.succ n := sorry

theorem Nat.le_of_succ_le_succ : ∀ {n m : Nat}, Nat.succ n ≤ Nat.succ m → n ≤ m := sorry

theorem Nat.succ_le_succ_iff : ∀ {a b : Nat}, Nat.succ a ≤ Nat.succ b ↔ a ≤ b := sorry

theorem Nat.le_of_lt : ∀ {n m : Nat}, n < m → n ≤ m := sorry

theorem Nat.lt_irrefl : ∀ (n : Nat), ¬n < n := sorry

theorem Nat.lt_trans : ∀ {n m k : Nat}, n < m → m < k → n < k := sorry

theorem Nat.lt_of_le_of_lt : ∀ {n m k : Nat}, n ≤ m → m < k → n < k := sorry

theorem Nat.le_antisymm : ∀ {n m : Nat}, n ≤ m → m ≤ n → n = m := sorry

theorem Nat.le_zero : ∀ {i : Nat}, i ≤ 0 ↔ i = 0 := sorry

theorem Nat.pos_of_ne_zero : ∀ {n : Nat}, n ≠ 0 → 0 < n := sorry

theorem Nat.eq_or_lt_of_le : ∀ {a b : Nat}, a ≤ b → a = b ∨ a < b := sorry

theorem Nat.add_le_add_right : ∀ {n m : Nat}, n ≤ m → ∀ (k : Nat), n + k ≤ m + k := sorry

theorem Nat.add_le_add_left : ∀ {n m : Nat}, n ≤ m → ∀ (k : Nat), k + n ≤ k + m := sorry

theorem Nat.lt_or_ge : ∀ (a b : Nat), a < b ∨ a ≥ b := sorry

theorem Nat.le_total : ∀ (m n : Nat), m ≤ n ∨ n ≤ m := sorry

-- ## Lists

theorem List.length_singleton : ∀ {α : Type _} (a : α), (a :: List.nil).length = 1 := sorry

theorem List.singleton_append : ∀ {α : Type _} (x : α) (l : List α), (x :: List.nil) ++ l = x :: l := sorry

theorem List.reverse_singleton : ∀ {α : Type _} (a : α), (a :: List.nil).reverse = a :: List.nil := sorry

theorem List.cons_ne_nil : ∀ {α : Type _} (a : α) (l : List α), a :: l ≠ List.nil := sorry

theorem List.length_append : ∀ {α : Type _} (as bs : List α), (as ++ bs).length = as.length + bs.length := sorry

theorem List.append_assoc : ∀ {α : Type _} (as bs cs : List α), as ++ bs ++ cs = as ++ (bs ++ cs) := sorry

theorem List.map_append : ∀ {α β : Type _} (f : α → β) (l₁ l₂ : List α), List.map f (l₁ ++ l₂) = List.map f l₁ ++ List.map f l₂ := sorry

theorem List.length_map : ∀ {α β : Type _} (as : List α) (f : α → β), (List.map f as).length = as.length := sorry

theorem List.map_id : ∀ {α : Type _} (l : List α), List.map id l = l := sorry

theorem List.map_map : ∀ {α β γ : Type _} (g : β → γ) (f : α → β) (l : List α), List.map g (List.map f l) = List.map (g ∘ f) l := sorry

theorem List.append_eq_nil_iff : ∀ {α : Type _} {as bs : List α}, as ++ bs = List.nil ↔ as = List.nil ∧ bs = List.nil := sorry

theorem List.length_eq_zero_iff : ∀ {α : Type _} {l : List α}, l.length = 0 ↔ l = List.nil := sorry

theorem List.reverseAux_eq : ∀ {α : Type _} (as bs : List α), List.reverseAux as bs = as.reverse ++ bs := sorry

theorem List.reverse_cons : ∀ {α : Type _} (a : α) (as : List α), (a :: as).reverse = as.reverse ++ a :: List.nil := sorry

theorem List.reverse_append : ∀ {α : Type _} (as bs : List α), (as ++ bs).reverse = bs.reverse ++ as.reverse := sorry

theorem List.reverse_reverse : ∀ {α : Type _} (as : List α), as.reverse.reverse = as := sorry

theorem List.length_reverse : ∀ {α : Type _} (as : List α), as.reverse.length = as.length := sorry

theorem List.map_reverse : ∀ {α β : Type _} (f : α → β) (l : List α), List.map f l.reverse = (List.map f l).reverse := sorry

-- ## Booleans

theorem Bool.not_not : ∀ (b : Bool), not (not b) = b := sorry

theorem Bool.and_true : ∀ (b : Bool), and b true = b := sorry

theorem Bool.and_false : ∀ (b : Bool), and b false = false := sorry

theorem Bool.or_true : ∀ (b : Bool), or b true = true := sorry

theorem Bool.or_false : ∀ (b : Bool), or b false = b := sorry

theorem Bool.and_self : ∀ (b : Bool), and b b = b := sorry

theorem Bool.or_self : ∀ (b : Bool), or b b = b := sorry

theorem Bool.and_comm : ∀ (x y : Bool), and x y = and y x := sorry

theorem Bool.or_comm : ∀ (x y : Bool), or x y = or y x := sorry

theorem Bool.and_assoc : ∀ (a b c : Bool), and (and a b) c = and a (and b c) := sorry

theorem Bool.or_assoc : ∀ (a b c : Bool), or (or a b) c = or a (or b c) := sorry

theorem Bool.not_and : ∀ (a b : Bool), not (and a b) = or (not a) (not b) := sorry

theorem Bool.not_or : ∀ (a b : Bool), not (or a b) = and (not a) (not b) := sorry

theorem Bool.and_not_self : ∀ (x : Bool), and x (not x) = false := sorry

theorem Bool.not_ne_self : ∀ (b : Bool), not b ≠ b := sorry
