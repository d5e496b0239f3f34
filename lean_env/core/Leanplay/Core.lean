prelude
/-!
# Leanplay core library: definitions

A prelude-mode replacement for the part of Lean 4's `Init` that the
embedded Lean (no `.olean` files of its own) needs: logic, `Nat`, `List`,
`Bool`, numerals, decidability, and the tactics and notation of `Init`
registered by native aliasing (see the section "Native aliases").

Names, argument order and notation follow Lean 4 core.  The fourteen `Nat`
operations that the kernel evaluates with GMP arithmetic are defined here with
their true meaning; `tests/lean_env/test_kernel_nat.py` compares them with the
kernel.
-/
set_option genCtorIdx false
universe u v w

/-! ## Universes, units, the code generator's placeholders -/

set_option bootstrap.inductiveCheckResultingUniverse false in
inductive PUnit : Sort u where
  | unit : PUnit

abbrev Unit : Type := PUnit
@[match_pattern] abbrev Unit.unit : Unit := PUnit.unit

unsafe axiom lcErased : Type
unsafe axiom lcAny : Type
unsafe axiom lcVoid : Type

/-! ## Equality -/

inductive True : Prop where
  | intro : True

inductive False : Prop

inductive Empty : Type

inductive Eq {α : Sort u} : α → α → Prop where
  | refl (a : α) : Eq a a

def id {α : Sort u} (a : α) : α := a

@[macro_inline] def Eq.ndrec.{u1, u2} {α : Sort u2} {a : α} {motive : α → Sort u1}
    (m : motive a) {b : α} (h : Eq a b) : motive b :=
  h.rec m

set_option linter.defProp false in
@[match_pattern] def rfl {α : Sort u} {a : α} : Eq a a := Eq.refl a

inductive HEq {α : Sort u} : α → {β : Sort u} → β → Prop where
  | refl (a : α) : HEq a a

set_option linter.defProp false in
@[match_pattern] protected def HEq.rfl {α : Sort u} {a : α} : HEq a a :=
  HEq.refl a

def cast {α β : Sort u} (h : Eq α β) (a : α) : β := h.rec a

theorem congrFun' {α : Sort u} {β : Sort v} {f g : α → β} (h : Eq f g) (a : α) :
    Eq (f a) (g a) :=
  h.rec rfl

theorem heq_of_eq {α : Sort u} {a a' : α} (h : Eq a a') : HEq a a' :=
  h.rec (HEq.refl a)

theorem eq_of_heq {α : Sort u} {a a' : α} (h : HEq a a') : Eq a a' :=
  have : (α β : Sort u) → (a : α) → (b : β) → HEq a b → (e : Eq α β) →
      Eq (cast e a) b :=
    fun _ _ _ _ h₁ => h₁.rec (fun (_ : Eq _ _) => rfl)
  this α α a a' h rfl

structure PProd (α : Sort u) (β : Sort v) where
  fst : α
  snd : β

structure MProd (α β : Type u) where
  fst : α
  snd : β

structure Prod (α : Type u) (β : Type v) where
  mk ::
  fst : α
  snd : β

@[inline] def Function.comp {α : Sort u} {β : Sort v} {δ : Sort w}
    (f : β → δ) (g : α → β) : α → δ :=
  fun x => f (g x)

@[inline] def Function.const {α : Sort u} (β : Sort v) (a : α) : β → α :=
  fun _ => a

theorem Eq.subst {α : Sort u} {motive : α → Prop} {a b : α}
    (h₁ : Eq a b) (h₂ : motive a) : motive b :=
  Eq.ndrec h₂ h₁

theorem Eq.symm {α : Sort u} {a b : α} (h : Eq a b) : Eq b a :=
  h.rec rfl

theorem Eq.trans {α : Sort u} {a b c : α} (h₁ : Eq a b) (h₂ : Eq b c) : Eq a c :=
  h₂.rec h₁

@[macro_inline] def Eq.mp {α β : Sort u} (h : Eq α β) (a : α) : β := h.rec a

@[macro_inline] def Eq.mpr {α β : Sort u} (h : Eq α β) (b : β) : α := h.symm.rec b

theorem congrArg {α : Sort u} {β : Sort v} {a₁ a₂ : α} (f : α → β)
    (h : Eq a₁ a₂) : Eq (f a₁) (f a₂) :=
  h.rec rfl

theorem congrFun {α : Sort u} {β : α → Sort v} {f g : (x : α) → β x}
    (h : Eq f g) (a : α) : Eq (f a) (g a) :=
  h.rec rfl

theorem congr {α : Sort u} {β : Sort v} {f₁ f₂ : α → β} {a₁ a₂ : α}
    (h₁ : Eq f₁ f₂) (h₂ : Eq a₁ a₂) : Eq (f₁ a₁) (f₂ a₂) :=
  h₁.rec (h₂.rec rfl)

/-! ## Propositional logic -/

def Not (a : Prop) : Prop := a → False

@[macro_inline] def False.elim {C : Sort u} (h : False) : C := h.rec

@[macro_inline] def absurd {a : Prop} {b : Sort v} (h₁ : a) (h₂ : Not a) : b :=
  (h₂ h₁).rec

structure And (a b : Prop) : Prop where
  intro ::
  left : a
  right : b

inductive Or (a b : Prop) : Prop where
  | inl (h : a) : Or a b
  | inr (h : b) : Or a b

structure Iff (a b : Prop) : Prop where
  intro ::
  mp : a → b
  mpr : b → a

inductive Exists {α : Sort u} (p : α → Prop) : Prop where
  | intro (w : α) (h : p w) : Exists p

@[reducible] def Ne {α : Sort u} (a b : α) : Prop := Not (Eq a b)

structure Subtype {α : Sort u} (p : α → Prop) where
  val : α
  property : p val

axiom propext {a b : Prop} : Iff a b → Eq a b

/-! ## Bool, names and strings (needed by `sorry` and `match`) -/

inductive Bool : Type where
  | false : Bool
  | true : Bool

export Bool (false true)

inductive Nat where
  | zero : Nat
  | succ (n : Nat) : Nat

inductive List (α : Type u) where
  | nil : List α
  | cons (head : α) (tail : List α) : List α

structure String where
  data : List Nat

inductive Lean.Name where
  | anonymous : Lean.Name
  | str (pre : Lean.Name) (str : String)
  | num (pre : Lean.Name) (i : Nat)

@[reducible] def optParam (α : Sort u) (_default : α) : Sort u := α
@[reducible] def outParam (α : Sort u) : Sort u := α
@[reducible] def semiOutParam (α : Sort u) : Sort u := α
@[reducible] def autoParam (α : Sort u) (_tactic : Lean.Name) : Sort u := α

axiom sorryAx (α : Sort u) (synthetic : Bool := false) : α

/-! ## Classes for notation and numerals -/

class OfNat (α : Type u) (_ : Nat) where
  ofNat : α

@[default_instance 100]
instance instOfNatNat (n : Nat) : OfNat Nat n where
  ofNat := n

class HAdd (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hAdd : α → β → γ
class HSub (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hSub : α → β → γ
class HMul (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hMul : α → β → γ
class HDiv (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hDiv : α → β → γ
class HMod (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hMod : α → β → γ
class HPow (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hPow : α → β → γ
class HAppend (α : Type u) (β : Type v) (γ : outParam (Type w)) where
  hAppend : α → β → γ

class Add (α : Type u) where
  add : α → α → α
class Sub (α : Type u) where
  sub : α → α → α
class Mul (α : Type u) where
  mul : α → α → α
class Div (α : Type u) where
  div : α → α → α
class Mod (α : Type u) where
  mod : α → α → α
class Pow (α : Type u) (β : Type v) where
  pow : α → β → α
class Append (α : Type u) where
  append : α → α → α

@[default_instance]
instance instHAdd {α : Type u} [Add α] : HAdd α α α := ⟨fun a b => Add.add a b⟩
@[default_instance]
instance instHSub {α : Type u} [Sub α] : HSub α α α := ⟨fun a b => Sub.sub a b⟩
@[default_instance]
instance instHMul {α : Type u} [Mul α] : HMul α α α := ⟨fun a b => Mul.mul a b⟩
@[default_instance]
instance instHDiv {α : Type u} [Div α] : HDiv α α α := ⟨fun a b => Div.div a b⟩
@[default_instance]
instance instHMod {α : Type u} [Mod α] : HMod α α α := ⟨fun a b => Mod.mod a b⟩
@[default_instance]
instance instHPow {α : Type u} {β : Type v} [Pow α β] : HPow α β α :=
  ⟨fun a b => Pow.pow a b⟩
@[default_instance]
instance instHAppend {α : Type u} [Append α] : HAppend α α α :=
  ⟨fun a b => Append.append a b⟩

class LE (α : Type u) where
  le : α → α → Prop
class LT (α : Type u) where
  lt : α → α → Prop

@[reducible] def GE.ge {α : Type u} [LE α] (a b : α) : Prop := LE.le b a
@[reducible] def GT.gt {α : Type u} [LT α] (a b : α) : Prop := LT.lt b a

/-! ## Decidability -/

class inductive Decidable (p : Prop) where
  | isFalse (h : Not p) : Decidable p
  | isTrue (h : p) : Decidable p

abbrev DecidableEq (α : Sort u) := (a b : α) → Decidable (Eq a b)

def Decidable.decide (p : Prop) [h : Decidable p] : Bool :=
  Decidable.casesOn (motive := fun _ => Bool) h (fun _ => false) (fun _ => true)

export Decidable (isTrue isFalse decide)

/-! ## Bool -/

@[macro_inline] def cond {α : Sort u} (c : Bool) (x y : α) : α :=
  match c with
  | true => x
  | false => y

@[inline] def Bool.not : Bool → Bool
  | true => false
  | false => true

@[macro_inline] def Bool.and (x y : Bool) : Bool :=
  match x with
  | false => false
  | true => y

@[macro_inline] def Bool.or (x y : Bool) : Bool :=
  match x with
  | true => true
  | false => y

export Bool (not and or)

@[inline] def Bool.xor : Bool → Bool → Bool
  | true, b => not b
  | false, b => b

/-! ## Natural numbers

The kernel evaluates `Nat.add sub mul div mod gcd beq ble land lor xor
shiftLeft shiftRight pow` on literals with GMP arithmetic, whatever their
definition says, so each is defined here with its true meaning.  The runtime
functions are the C ones (`@[extern]`), as in Lean 4 core.  Division,
remainder, gcd and the bitwise operations recurse on a fuel argument instead
of well-founded recursion, which this core does not provide; the fuel given
always exceeds the number of steps needed.
-/

set_option bootstrap.genMatcherCode false in
@[extern "lean_nat_dec_eq"]
def Nat.beq : (@& Nat) → (@& Nat) → Bool
  | Nat.zero, Nat.zero => true
  | Nat.zero, Nat.succ _ => false
  | Nat.succ _, Nat.zero => false
  | Nat.succ n, Nat.succ m => Nat.beq n m

set_option bootstrap.genMatcherCode false in
@[extern "lean_nat_dec_le"]
def Nat.ble : (@& Nat) → (@& Nat) → Bool
  | Nat.zero, _ => true
  | Nat.succ _, Nat.zero => false
  | Nat.succ n, Nat.succ m => Nat.ble n m

set_option bootstrap.genMatcherCode false in
@[extern "lean_nat_add"]
protected def Nat.add : (@& Nat) → (@& Nat) → Nat
  | n, Nat.zero => n
  | n, Nat.succ m => Nat.succ (Nat.add n m)

instance : Add Nat := ⟨Nat.add⟩

theorem noConfusion_of_Nat.aux :
    (a : Nat) → Bool.rec (motive := fun _ => Prop) False True (Nat.beq a a)
  | Nat.zero => True.intro
  | Nat.succ n => noConfusion_of_Nat.aux n

/-- From `a = b` and `f a ≠ f b` (as Booleans) derive `False`; the
no-confusion principle of enumeration types is built from it. -/
theorem noConfusion_of_Nat {α : Sort u} (f : α → Nat) {a b : α} (h : Eq a b) :
    Bool.rec (motive := fun _ => Prop) False True (Nat.beq (f a) (f b)) :=
  (congrArg f h).rec
    (motive := fun x _ => Bool.rec (motive := fun _ => Prop) False True (Nat.beq (f a) x))
    (noConfusion_of_Nat.aux (f a))

def Bool.ctorIdx : Bool → Nat
  | false => Nat.zero
  | true => Nat.succ Nat.zero

def Bool.decEq (a b : Bool) : Decidable (Eq a b) :=
  match a, b with
  | false, false => isTrue rfl
  | false, true => isFalse (fun h => Bool.noConfusion h)
  | true, false => isFalse (fun h => Bool.noConfusion h)
  | true, true => isTrue rfl

instance : DecidableEq Bool := Bool.decEq

theorem of_decide_eq_true {p : Prop} [inst : Decidable p]
    (h : Eq (decide p) true) : p :=
  match inst, h with
  | isTrue hp, _ => hp

theorem of_decide_eq_false {p : Prop} [inst : Decidable p]
    (h : Eq (decide p) false) : Not p :=
  match inst, h with
  | isFalse hp, _ => hp

theorem decide_eq_true {p : Prop} [inst : Decidable p] (hp : p) :
    Eq (decide p) true :=
  match inst with
  | isTrue _ => rfl
  | isFalse hn => absurd hp hn

theorem decide_eq_false {p : Prop} [inst : Decidable p] (hn : Not p) :
    Eq (decide p) false :=
  match inst with
  | isTrue hp => absurd hp hn
  | isFalse _ => rfl



set_option bootstrap.genMatcherCode false in
@[extern "lean_nat_pred"]
def Nat.pred : (@& Nat) → Nat
  | Nat.zero => Nat.zero
  | Nat.succ n => n

set_option bootstrap.genMatcherCode false in
@[extern "lean_nat_sub"]
protected def Nat.sub : (@& Nat) → (@& Nat) → Nat
  | n, Nat.zero => n
  | n, Nat.succ m => Nat.pred (Nat.sub n m)

instance : Sub Nat := ⟨Nat.sub⟩

set_option bootstrap.genMatcherCode false in
@[extern "lean_nat_mul"]
protected def Nat.mul : (@& Nat) → (@& Nat) → Nat
  | _, Nat.zero => Nat.zero
  | n, Nat.succ m => Nat.add (Nat.mul n m) n

instance : Mul Nat := ⟨Nat.mul⟩

set_option bootstrap.genMatcherCode false in
@[extern "lean_nat_pow"]
protected def Nat.pow (m : @& Nat) : (@& Nat) → Nat
  | Nat.zero => Nat.succ Nat.zero
  | Nat.succ n => Nat.mul (Nat.pow m n) m

instance : Pow Nat Nat := ⟨Nat.pow⟩

/-- `x / y` by repeated subtraction with `fuel` steps; `x / 0 = 0`. -/
noncomputable def Nat.divFuel : Nat → Nat → Nat → Nat
  | Nat.zero, _, _ => Nat.zero
  | Nat.succ fuel, x, y =>
    cond (and (Nat.ble y x) (not (Nat.beq y Nat.zero)))
      (Nat.succ (Nat.divFuel fuel (Nat.sub x y) y)) Nat.zero

/-- `x % y` by repeated subtraction with `fuel` steps; `x % 0 = x`. -/
noncomputable def Nat.modFuel : Nat → Nat → Nat → Nat
  | Nat.zero, x, _ => x
  | Nat.succ fuel, x, y =>
    cond (and (Nat.ble y x) (not (Nat.beq y Nat.zero)))
      (Nat.modFuel fuel (Nat.sub x y) y) x

@[extern "lean_nat_div"]
protected def Nat.div (x y : @& Nat) : Nat := Nat.divFuel (Nat.succ x) x y

@[extern "lean_nat_mod"]
protected def Nat.mod (x y : @& Nat) : Nat := Nat.modFuel (Nat.succ x) x y

instance : Div Nat := ⟨Nat.div⟩
instance : Mod Nat := ⟨Nat.mod⟩

/-- Euclid's algorithm; the first argument strictly decreases, so `x + 1`
steps of fuel suffice. -/
noncomputable def Nat.gcdFuel : Nat → Nat → Nat → Nat
  | Nat.zero, _, y => y
  | Nat.succ _, Nat.zero, y => y
  | Nat.succ fuel, Nat.succ x, y => Nat.gcdFuel fuel (Nat.mod y (Nat.succ x)) (Nat.succ x)

@[extern "lean_nat_gcd"]
def Nat.gcd (x y : @& Nat) : Nat := Nat.gcdFuel (Nat.succ x) x y

/-- Bitwise combination of the binary digits of `x` and `y` by `f`, for
`f false false = false`; each step halves both, so `x + y + 1` steps suffice. -/
noncomputable def Nat.bitwiseFuel (f : Bool → Bool → Bool) : Nat → Nat → Nat → Nat
  | Nat.zero, _, _ => Nat.zero
  | Nat.succ fuel, x, y =>
    cond (and (Nat.beq x Nat.zero) (Nat.beq y Nat.zero)) Nat.zero
      (Nat.add
        (Nat.mul (Nat.bitwiseFuel f fuel (Nat.div x 2) (Nat.div y 2)) 2)
        (cond (f (Nat.beq (Nat.mod x 2) 1) (Nat.beq (Nat.mod y 2) 1)) 1 0))

@[extern "lean_nat_land"]
def Nat.land (x y : @& Nat) : Nat := Nat.bitwiseFuel and (Nat.succ (Nat.add x y)) x y

@[extern "lean_nat_lor"]
def Nat.lor (x y : @& Nat) : Nat := Nat.bitwiseFuel or (Nat.succ (Nat.add x y)) x y

@[extern "lean_nat_lxor"]
def Nat.xor (x y : @& Nat) : Nat := Nat.bitwiseFuel Bool.xor (Nat.succ (Nat.add x y)) x y

@[extern "lean_nat_shiftl"]
def Nat.shiftLeft (n m : @& Nat) : Nat := Nat.mul n (Nat.pow 2 m)

@[extern "lean_nat_shiftr"]
def Nat.shiftRight (n m : @& Nat) : Nat := Nat.div n (Nat.pow 2 m)

theorem Nat.eq_of_beq_eq_true : {n m : Nat} → Eq (Nat.beq n m) true → Eq n m
  | Nat.zero, Nat.zero, _ => rfl
  | Nat.zero, Nat.succ _, h => Bool.noConfusion h
  | Nat.succ _, Nat.zero, h => Bool.noConfusion h
  | Nat.succ _, Nat.succ _, h => congrArg Nat.succ (Nat.eq_of_beq_eq_true h)

theorem Nat.ne_of_beq_eq_false : {n m : Nat} → Eq (Nat.beq n m) false → Not (Eq n m)
  | Nat.zero, Nat.zero, h₁, _ => Bool.noConfusion h₁
  | Nat.zero, Nat.succ _, _, h₂ => Nat.noConfusion h₂
  | Nat.succ _, Nat.zero, _, h₂ => Nat.noConfusion h₂
  | Nat.succ n, Nat.succ m, h₁, h₂ =>
    Nat.noConfusion h₂ (fun h => Nat.ne_of_beq_eq_false (n := n) (m := m) h₁ h)

@[reducible, extern "lean_nat_dec_eq"]
protected def Nat.decEq (n m : @& Nat) : Decidable (Eq n m) :=
  match h : Nat.beq n m with
  | true => isTrue (Nat.eq_of_beq_eq_true h)
  | false => isFalse (Nat.ne_of_beq_eq_false h)

instance : DecidableEq Nat := Nat.decEq

def Nat.ctorIdx : Nat → Nat
  | Nat.zero => Nat.zero
  | Nat.succ _ => Nat.succ Nat.zero

def List.ctorIdx {α : Type u} : List α → Nat
  | List.nil => Nat.zero
  | List.cons _ _ => Nat.succ Nat.zero


/-! ## Order on Nat -/

protected inductive Nat.le (n : Nat) : Nat → Prop where
  | refl : Nat.le n n
  | step {m : Nat} : Nat.le n m → Nat.le n (Nat.succ m)

instance instLENat : LE Nat := ⟨Nat.le⟩

protected def Nat.lt (n m : Nat) : Prop := Nat.le (Nat.succ n) m

instance instLTNat : LT Nat := ⟨Nat.lt⟩

/-! ## Lists -/

def List.append {α : Type u} : List α → List α → List α
  | List.nil, bs => bs
  | List.cons a as, bs => List.cons a (List.append as bs)

instance {α : Type u} : Append (List α) := ⟨List.append⟩

def List.length {α : Type u} : List α → Nat
  | List.nil => Nat.zero
  | List.cons _ as => Nat.succ (List.length as)

def List.reverseAux {α : Type u} : List α → List α → List α
  | List.nil, r => r
  | List.cons a l, r => List.reverseAux l (List.cons a r)

def List.reverse {α : Type u} (as : List α) : List α := List.reverseAux as List.nil

def List.map {α : Type u} {β : Type v} (f : α → β) : List α → List β
  | List.nil => List.nil
  | List.cons a as => List.cons (f a) (List.map f as)

/-! ## Native aliases -/

inductive Lean.ParserDescr where
  | dummy : Lean.ParserDescr
inductive Lean.TrailingParserDescr where
  | dummy : Lean.TrailingParserDescr
def Lean.Macro : Type := Unit → Unit → Unit → Unit

/-
Each `def` below has the exact name of a parser or macro of Lean 4's `Init`.
The embedded Lean binary contains `Init` compiled to native code, and the
interpreter prefers a native symbol of the same name to the body given here,
so the attribute registers `Init`'s real parser or macro; the built-in
elaborators do the rest.  The bodies are placeholders.  A wrong name or type
here crashes Lean (SIGSEGV), so `tests/lean_env/test_aliases.py` exercises
every alias.  The helper parsers (`location`, `rwRule`, ...) are referenced by
name from other parsers' descriptors and are not registered themselves.
-/
def Lean.Parser.Tactic.location : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.locationHyp : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.locationWildcard : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.locationType : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.rwRule : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.rwRuleSeq : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.simpLemma : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.simpErase : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.simpStar : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.simpPre : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.simpPost : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.simpArgs : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.simpArg : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.discharger : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.optConfig : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.config : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.configItem : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.posConfigItem : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.negConfigItem : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.valConfigItem : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.inductionAlts : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.inductionAlt : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.inductionAltLHS : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.elimTarget : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.caseArg : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.generalizeArg : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.Parser.Tactic.tacticSeqIndentGt : Lean.ParserDescr := Lean.ParserDescr.dummy
@[term_parser] def «term_=_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_=_»] def «_aux_Init_Notation___macroRules_term_=__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_≠_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_≠_»] def «_aux_Init_Core___macroRules_term_≠__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[macro «term_≠_»] def «_aux_Init_Core___macroRules_term_≠__2» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_+_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_+_»] def «_aux_Init_Notation___macroRules_term_+__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_-_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_-_»] def «_aux_Init_Notation___macroRules_term_-__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_*_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_*_»] def «_aux_Init_Notation___macroRules_term_*__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_/_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_/_»] def «_aux_Init_Notation___macroRules_term_/__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_%_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_%_»] def «_aux_Init_Notation___macroRules_term_%__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_^_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_^_»] def «_aux_Init_Notation___macroRules_term_^__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_++_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_++_»] def «_aux_Init_Notation___macroRules_term_++__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_≤_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_≤_»] def «_aux_Init_Notation___macroRules_term_≤__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_<_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_<_»] def «_aux_Init_Notation___macroRules_term_<__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_≥_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_≥_»] def «_aux_Init_Notation___macroRules_term_≥__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_>_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_>_»] def «_aux_Init_Notation___macroRules_term_>__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_∧_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_∧_»] def «_aux_Init_Notation___macroRules_term_∧__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_∨_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_∨_»] def «_aux_Init_Notation___macroRules_term_∨__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_↔_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_↔_»] def «_aux_Init_Core___macroRules_term_↔__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_∘_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_∘_»] def «_aux_Init_Notation___macroRules_term_∘__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_::_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_::_»] def «_aux_Init_Notation___macroRules_term_::__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_==_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_==_»] def «_aux_Init_Notation___macroRules_term_==__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_&&_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_&&_»] def «_aux_Init_Notation___macroRules_term_&&__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_||_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_||_»] def «_aux_Init_Notation___macroRules_term_||__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term_!=_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_!=_»] def «_aux_Init_Core___macroRules_term_!=__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[macro «term_!=_»] def «_aux_Init_Core___macroRules_term_!=__2» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term¬_» : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro «term¬_»] def «_aux_Init_Notation___macroRules_term¬__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term∃_,_» : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro «term∃_,_»] def «_aux_Init_NotationExtra___macroRules_term∃_,__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def termIfThenElse : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro termIfThenElse] def _aux_Init_Notation___macroRules_termIfThenElse_1 : Lean.Macro := fun _ _ _ => Unit.unit
@[term_parser] def «term[_]» : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.exact : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.intro : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.intros : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.apply : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.refine : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.refine' : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.induction : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.cases : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.tacticRfl : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.tacticRfl] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticRfl_1 : Lean.Macro := fun _ _ _ => Unit.unit
@[macro Lean.Parser.Tactic.tacticRfl] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticRfl_2 : Lean.Macro := fun _ _ _ => Unit.unit
@[macro Lean.Parser.Tactic.tacticRfl] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticRfl_3 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.decide : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.constructor : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.assumption : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.tacticTrivial : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.tacticTrivial] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticTrivial_1 : Lean.Macro := fun _ _ _ => Unit.unit
@[macro Lean.Parser.Tactic.tacticTrivial] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticTrivial_2 : Lean.Macro := fun _ _ _ => Unit.unit
@[macro Lean.Parser.Tactic.tacticTrivial] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticTrivial_3 : Lean.Macro := fun _ _ _ => Unit.unit
@[macro Lean.Parser.Tactic.tacticTrivial] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticTrivial_4 : Lean.Macro := fun _ _ _ => Unit.unit
@[macro Lean.Parser.Tactic.tacticTrivial] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticTrivial_5 : Lean.Macro := fun _ _ _ => Unit.unit
@[macro Lean.Parser.Tactic.tacticTrivial] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticTrivial_6 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.tacticTry_ : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.tacticTry_] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticTry__1 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.first : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.show : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.tacticHave__ : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.tacticHave__] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticHave___1 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.tacticRefine_lift_ : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.tacticRefine_lift_] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticRefine_lift__1 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.tacticSuffices_ : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.tacticSuffices_] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticSuffices__1 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.tacticLet__ : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.tacticLet__] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticLet___1 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.tacticAnd_intros : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.tacticAnd_intros] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticAnd_intros_1 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.«tacticExists_,,» : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.«tacticExists_,,»] def Lean.Parser.Tactic.«_aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticExists_,,_1» : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.left : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.right : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.subst : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.injection : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.unfold : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.change : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.revert : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.case : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.tacticNofun : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.tacticNofun] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticNofun_1 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.allGoals : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.repeat' : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.contradiction : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.tacticExfalso : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.tacticExfalso] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticExfalso_1 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.tacticSorry : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.tacticSorry] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticSorry_1 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.rwSeq : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.rwSeq] def Lean.Parser.Tactic._aux_Init_Tactics___macroRules_Lean_Parser_Tactic_rwSeq_1 : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.rewriteSeq : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.simp : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.simpAll : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.skip : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.done : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.renameI : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.specialize : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.generalize : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.«tacticNext_=>_» : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro Lean.Parser.Tactic.«tacticNext_=>_»] def Lean.Parser.Tactic.«_aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tacticNext_=>__1» : Lean.Macro := fun _ _ _ => Unit.unit
@[tactic_parser] def Lean.Parser.Tactic.symm : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.Parser.Tactic.«tactic_<;>_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro Lean.Parser.Tactic.«tactic_<;>_»] def Lean.Parser.Tactic.«_aux_Init_Tactics___macroRules_Lean_Parser_Tactic_tactic_<;>__1» : Lean.Macro := fun _ _ _ => Unit.unit
def Lean.calcSteps : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.calcFirstStep : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.calcStep : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.cdotTk : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.explicitBinders : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.bracketedExplicitBinders : Lean.ParserDescr := Lean.ParserDescr.dummy
def Lean.unbracketedExplicitBinders : Lean.ParserDescr := Lean.ParserDescr.dummy
@[term_parser] def Lean.calc : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.calcTactic : Lean.ParserDescr := Lean.ParserDescr.dummy
@[tactic_parser] def Lean.cdot : Lean.ParserDescr := Lean.ParserDescr.dummy

/-! ## Decidable instances and if-then-else -/

@[macro_inline] def ite {α : Sort u} (c : Prop) [h : Decidable c] (t e : α) : α :=
  Decidable.casesOn (motive := fun _ => α) h (fun _ => e) (fun _ => t)

@[macro_inline] def dite {α : Sort u} (c : Prop) [h : Decidable c]
    (t : c → α) (e : Not c → α) : α :=
  Decidable.casesOn (motive := fun _ => α) h e t

instance instDecidableTrue : Decidable True := isTrue True.intro
instance instDecidableFalse : Decidable False := isFalse (fun h => h)

instance instDecidableNot {p : Prop} [dp : Decidable p] : Decidable (Not p) :=
  match dp with
  | isTrue hp => isFalse (fun hn => hn hp)
  | isFalse hn => isTrue hn

instance instDecidableAnd {p q : Prop} [dp : Decidable p] [dq : Decidable q] :
    Decidable (And p q) :=
  match dp with
  | isTrue hp =>
    match dq with
    | isTrue hq => isTrue ⟨hp, hq⟩
    | isFalse hq => isFalse (fun h => hq h.2)
  | isFalse hp => isFalse (fun h => hp h.1)

instance instDecidableOr {p q : Prop} [dp : Decidable p] [dq : Decidable q] :
    Decidable (Or p q) :=
  match dp with
  | isTrue hp => isTrue (Or.inl hp)
  | isFalse hp =>
    match dq with
    | isTrue hq => isTrue (Or.inr hq)
    | isFalse hq => isFalse (fun h => Or.casesOn (motive := fun _ => False) h hp hq)

instance instDecidableImp {p q : Prop} [dp : Decidable p] [dq : Decidable q] :
    Decidable (p → q) :=
  match dp with
  | isFalse hp => isTrue (fun h => absurd h hp)
  | isTrue hp =>
    match dq with
    | isTrue hq => isTrue (fun _ => hq)
    | isFalse hq => isFalse (fun h => hq (h hp))

instance instDecidableIff {p q : Prop} [dp : Decidable p] [dq : Decidable q] :
    Decidable (Iff p q) :=
  match dp, dq with
  | isTrue hp, isTrue hq => isTrue ⟨fun _ => hq, fun _ => hp⟩
  | isFalse hp, isFalse hq => isTrue ⟨fun h => absurd h hp, fun h => absurd h hq⟩
  | isTrue hp, isFalse hq => isFalse (fun h => hq (h.mp hp))
  | isFalse hp, isTrue hq => isFalse (fun h => hp (h.mpr hq))

theorem Nat.le_of_ble_eq_true : {n m : Nat} → Eq (Nat.ble n m) true → Nat.le n m
  | Nat.zero, Nat.zero, _ => Nat.le.refl
  | Nat.zero, Nat.succ _, _ => Nat.le.step (Nat.le_of_ble_eq_true rfl)
  | Nat.succ _, Nat.zero, h => Bool.noConfusion h
  | Nat.succ _, Nat.succ _, h => Nat.succ_le_succ' (Nat.le_of_ble_eq_true h)
where
  Nat.succ_le_succ' {n m : Nat} (h : Nat.le n m) : Nat.le (Nat.succ n) (Nat.succ m) :=
    Nat.le.rec (motive := fun m _ => Nat.le (Nat.succ n) (Nat.succ m))
      Nat.le.refl (fun _ ih => Nat.le.step ih) h

/-! ## What `simp`, `rw` and `calc` need -/

theorem Iff.refl (a : Prop) : a ↔ a := ⟨fun h => h, fun h => h⟩
protected theorem Iff.rfl {a : Prop} : a ↔ a := Iff.refl a
theorem Iff.symm {a b : Prop} (h : a ↔ b) : b ↔ a := ⟨h.mpr, h.mp⟩
theorem Iff.trans {a b c : Prop} (h₁ : a ↔ b) (h₂ : b ↔ c) : a ↔ c :=
  ⟨fun x => h₂.mp (h₁.mp x), fun x => h₁.mpr (h₂.mpr x)⟩
theorem Eq.to_iff {a b : Prop} (h : a = b) : a ↔ b := h ▸ Iff.refl a
@[simp] theorem eq_self {α : Sort u} (a : α) : (a = a) = True :=
  propext ⟨fun _ => True.intro, fun _ => rfl⟩
@[simp] theorem iff_self (p : Prop) : (p ↔ p) = True :=
  propext ⟨fun _ => True.intro, fun _ => Iff.refl p⟩
theorem of_eq_true {p : Prop} (h : p = True) : p := h ▸ True.intro
theorem eq_true {p : Prop} (h : p) : p = True := propext ⟨fun _ => True.intro, fun _ => h⟩
theorem eq_false {p : Prop} (h : Not p) : p = False := propext ⟨fun hp => h hp, fun f => f.elim⟩
theorem of_eq_false {p : Prop} (h : p = False) : Not p := fun hp => h ▸ hp
theorem eq_true_intro {p : Prop} (h : p) : p = True := eq_true h
theorem ne_eq {α : Sort u} (a b : α) : (a ≠ b) = Not (a = b) := rfl
theorem implies_congr {p₁ p₂ : Sort u} {q₁ q₂ : Sort v} (h₁ : p₁ = p₂) (h₂ : q₁ = q₂) :
    (p₁ → q₁) = (p₂ → q₂) := h₁ ▸ h₂ ▸ rfl
theorem Nat.succ_eq_add_one (n : Nat) : Nat.succ n = n + 1 := rfl

/-- The universe parameters are in `Init`'s order, which `calc` relies on. -/
class Trans.{u₁, v₁, w₁, u₂, v₂, w₂} {α : Sort u₂} {β : Sort v₂} {γ : Sort w₂}
    (r : α → β → Sort u₁) (s : β → γ → Sort v₁) (t : outParam (α → γ → Sort w₁)) where
  trans {a : α} {b : β} {c : γ} : r a b → s b c → t a c

instance instTransEq {α : Sort u} : Trans (@Eq α) (@Eq α) (@Eq α) :=
  ⟨fun h₁ h₂ => Eq.trans h₁ h₂⟩

/-! ## Deciding `≤` on Nat (for `decide` and `if`) -/

theorem Nat.pred_le_core : (n : Nat) → Nat.le (Nat.pred n) n
  | Nat.zero => Nat.le.refl
  | Nat.succ _ => Nat.le.step Nat.le.refl

theorem Nat.le_trans_core {n m k : Nat} (h₁ : Nat.le n m) (h₂ : Nat.le m k) : Nat.le n k :=
  Nat.le.rec (motive := fun k _ => Nat.le n k) h₁ (fun _ ih => Nat.le.step ih) h₂

theorem Nat.pred_le_pred_core {n m : Nat} (h : Nat.le n m) :
    Nat.le (Nat.pred n) (Nat.pred m) :=
  Nat.le.rec (motive := fun m _ => Nat.le (Nat.pred n) (Nat.pred m)) Nat.le.refl
    (fun {m} _ ih => Nat.le_trans_core ih (Nat.pred_le_core m)) h

theorem Nat.not_succ_le_zero_core (n : Nat) : Not (Nat.le (Nat.succ n) Nat.zero) :=
  fun h => Nat.le.casesOn (motive := fun m _ => Eq m Nat.zero → False) h
    (fun e => Nat.noConfusion e) (fun _ e => Nat.noConfusion e) rfl

theorem Nat.not_le_of_ble_eq_false : {n m : Nat} → Eq (Nat.ble n m) false → Not (Nat.le n m)
  | Nat.zero, _, h, _ => Bool.noConfusion h
  | Nat.succ n, Nat.zero, _, hle => Nat.not_succ_le_zero_core n hle
  | Nat.succ n, Nat.succ m, h, hle =>
    Nat.not_le_of_ble_eq_false (n := n) (m := m) h (Nat.pred_le_pred_core hle)

@[extern "lean_nat_dec_le"]
instance Nat.decLe (n m : @& Nat) : Decidable (LE.le n m) :=
  match h : Nat.ble n m with
  | true => isTrue (Nat.le_of_ble_eq_true h)
  | false => isFalse (Nat.not_le_of_ble_eq_false h)

@[extern "lean_nat_dec_lt"]
instance Nat.decLt (n m : @& Nat) : Decidable (LT.lt n m) := Nat.decLe (Nat.succ n) m

/-! ## Symmetry, Boolean equality, injectivity of constructors -/

attribute [symm] Eq.symm Iff.symm

class BEq (α : Type u) where
  beq : α → α → Bool

instance instBEqOfDecidableEq {α : Type u} [DecidableEq α] : BEq α :=
  ⟨fun a b => decide (Eq a b)⟩

@[inline] def bne {α : Type u} [BEq α] (a b : α) : Bool := not (BEq.beq a b)

@[term_parser] def «term!_» : Lean.ParserDescr := Lean.ParserDescr.dummy
@[macro «term!_»] def «_aux_Init_Notation___macroRules_term!__1» : Lean.Macro :=
  fun _ _ _ => Unit.unit
@[term_parser] def «term_×_» : Lean.TrailingParserDescr := Lean.TrailingParserDescr.dummy
@[macro «term_×_»] def «_aux_Init_Notation___macroRules_term_×__1» : Lean.Macro :=
  fun _ _ _ => Unit.unit

theorem Eq.propIntro {a b : Prop} (h₁ : a → b) (h₂ : b → a) : a = b := propext ⟨h₁, h₂⟩
theorem Lean.injEq_helper {P Q R : Prop} : (P → Q → R) → (P ∧ Q → R) :=
  fun h hpq => h hpq.1 hpq.2

gen_injective_theorems% Nat
gen_injective_theorems% List
gen_injective_theorems% Prod
