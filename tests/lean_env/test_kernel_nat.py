"""The fourteen kernel-accelerated Nat operations, against the kernel.

The kernel evaluates `Nat.add` … `Nat.pow` on literals (and on `Nat.succ`
chains, which it folds into literals) with GMP arithmetic, whatever the
core's definitions say, so a wrong definition would let a proof of `False`
through.  Three checks close the gap:

1. on literals, each operation against Python's arithmetic (the GMP path);
2. each definition's equations with free variables, by `rfl`: the kernel
   cannot use GMP on variables, so it must unfold the core's definition;
   the equations are the textbook recursions (Python-checked below);
3. the fuel-driven bodies of div, mod, gcd and the bitwise operations,
   which are not accelerated, evaluated on many literals against Python.
"""

from __future__ import annotations

import itertools


OPS = {
    "Nat.add": (lambda a, b: a + b, range(0, 9), range(0, 9)),
    "Nat.sub": (lambda a, b: max(a - b, 0), range(0, 9), range(0, 9)),
    "Nat.mul": (lambda a, b: a * b, range(0, 8), range(0, 8)),
    "Nat.div": (lambda a, b: a // b if b else 0, range(0, 13), range(0, 6)),
    "Nat.mod": (lambda a, b: a % b if b else a, range(0, 13), range(0, 6)),
    "Nat.gcd": (lambda a, b: __import__("math").gcd(a, b), range(0, 10), range(0, 10)),
    "Nat.beq": (lambda a, b: a == b, range(0, 7), range(0, 7)),
    "Nat.ble": (lambda a, b: a <= b, range(0, 7), range(0, 7)),
    "Nat.land": (lambda a, b: a & b, range(0, 10), range(0, 10)),
    "Nat.lor": (lambda a, b: a | b, range(0, 10), range(0, 10)),
    "Nat.xor": (lambda a, b: a ^ b, range(0, 10), range(0, 10)),
    "Nat.shiftLeft": (lambda a, b: a << b, range(0, 5), range(0, 4)),
    "Nat.shiftRight": (lambda a, b: a >> b, range(0, 20), range(0, 4)),
    "Nat.pow": (lambda a, b: a**b, range(0, 5), range(0, 4)),
}


def lean_value(v) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


def cases():
    for op, (fn, xs, ys) in OPS.items():
        for a, b in itertools.product(xs, ys):
            yield op, a, b, fn(a, b)


#: Each operation's defining equations, which `rfl` proves only by unfolding
#: the core's definition.  Together with the base cases they determine the
#: function; `test_equations_define_the_true_function` checks that in Python.
EQUATIONS = {
    "Nat.add": ["∀ (n : Nat), Nat.add n Nat.zero = n",
                "∀ (n m : Nat), Nat.add n (Nat.succ m) = Nat.succ (Nat.add n m)"],
    "Nat.sub": ["∀ (n : Nat), Nat.sub n Nat.zero = n",
                "∀ (n m : Nat), Nat.sub n (Nat.succ m) = Nat.pred (Nat.sub n m)",
                "Nat.pred Nat.zero = Nat.zero", "∀ (n : Nat), Nat.pred (Nat.succ n) = n"],
    "Nat.mul": ["∀ (n : Nat), Nat.mul n Nat.zero = Nat.zero",
                "∀ (n m : Nat), Nat.mul n (Nat.succ m) = Nat.add (Nat.mul n m) n"],
    "Nat.pow": ["∀ (n : Nat), Nat.pow n Nat.zero = Nat.succ Nat.zero",
                "∀ (n m : Nat), Nat.pow n (Nat.succ m) = Nat.mul (Nat.pow n m) n"],
    "Nat.beq": ["Nat.beq Nat.zero Nat.zero = true",
                "∀ (n : Nat), Nat.beq Nat.zero (Nat.succ n) = false",
                "∀ (n : Nat), Nat.beq (Nat.succ n) Nat.zero = false",
                "∀ (n m : Nat), Nat.beq (Nat.succ n) (Nat.succ m) = Nat.beq n m"],
    "Nat.ble": ["∀ (n : Nat), Nat.ble Nat.zero n = true",
                "∀ (n : Nat), Nat.ble (Nat.succ n) Nat.zero = false",
                "∀ (n m : Nat), Nat.ble (Nat.succ n) (Nat.succ m) = Nat.ble n m"],
    "Nat.div": ["∀ (x y : Nat), Nat.div x y = Nat.divFuel (Nat.succ x) x y"],
    "Nat.mod": ["∀ (x y : Nat), Nat.mod x y = Nat.modFuel (Nat.succ x) x y"],
    "Nat.gcd": ["∀ (x y : Nat), Nat.gcd x y = Nat.gcdFuel (Nat.succ x) x y"],
    "Nat.land": ["∀ (x y : Nat), Nat.land x y = Nat.bitwiseFuel and (Nat.succ (Nat.add x y)) x y"],
    "Nat.lor": ["∀ (x y : Nat), Nat.lor x y = Nat.bitwiseFuel or (Nat.succ (Nat.add x y)) x y"],
    "Nat.xor": ["∀ (x y : Nat), Nat.xor x y = Nat.bitwiseFuel Bool.xor (Nat.succ (Nat.add x y)) x y"],
    "Nat.shiftLeft": ["∀ (n m : Nat), Nat.shiftLeft n m = Nat.mul n (Nat.pow 2 m)"],
    "Nat.shiftRight": ["∀ (n m : Nat), Nat.shiftRight n m = Nat.div n (Nat.pow 2 m)"],
}

#: The unaccelerated bodies of the fuel-driven operations, as Lean terms.
BODIES = {
    "Nat.div": "Nat.divFuel (Nat.succ {a}) {a} {b}",
    "Nat.mod": "Nat.modFuel (Nat.succ {a}) {a} {b}",
    "Nat.gcd": "Nat.gcdFuel (Nat.succ {a}) {a} {b}",
    "Nat.land": "Nat.bitwiseFuel and (Nat.succ ({a} + {b})) {a} {b}",
    "Nat.lor": "Nat.bitwiseFuel or (Nat.succ ({a} + {b})) {a} {b}",
    "Nat.xor": "Nat.bitwiseFuel Bool.xor (Nat.succ ({a} + {b})) {a} {b}",
}


def _lean_file(lines: list[str]) -> str:
    return "\n".join(["prelude", "import Leanplay.Core", *lines]) + "\n"


def _assert_clean(run_lean, core_lib, tmp_path, lines):
    code, messages = run_lean(core_lib, _lean_file(lines), tmp_path)
    errors = [m for m in messages if m["severity"] == "error"]
    assert errors == [] and code == 0, errors[:3]


def test_every_operation_is_covered():
    assert len(OPS) == 14 and set(EQUATIONS) == set(OPS)
    assert sum(1 for _ in cases()) >= 1000


def test_literals_match_python(core_lib, tmp_path, run_lean):
    _assert_clean(run_lean, core_lib, tmp_path, [
        f"theorem k{k} : {op} {a} {b} = {lean_value(c)} := rfl"
        for k, (op, a, b, c) in enumerate(cases())])


def test_definitions_unfold_to_their_equations(core_lib, tmp_path, run_lean):
    lines = []
    for op, eqs in EQUATIONS.items():
        for j, eq in enumerate(eqs):
            binders = eq.count("∀")
            proof = "rfl" if not binders else "by intros; rfl"
            lines.append(f"theorem eq_{op.split('.')[1]}_{j} : {eq} := {proof}")
    _assert_clean(run_lean, core_lib, tmp_path, lines)


def test_fuel_bodies_match_python(core_lib, tmp_path, run_lean):
    lines = []
    for op, body in BODIES.items():
        fn, xs, ys = OPS[op]
        for a, b in itertools.product(xs, ys):
            lines.append(f"theorem f{len(lines)} : {body.format(a=a, b=b)} = {fn(a, b)} := rfl")
    _assert_clean(run_lean, core_lib, tmp_path, lines)


def test_equations_define_the_true_function():
    # The recursions of EQUATIONS, run in Python, give the true operations.
    def add(n, m): return n if m == 0 else add(n, m - 1) + 1
    def sub(n, m): return n if m == 0 else max(sub(n, m - 1) - 1, 0)
    def mul(n, m): return 0 if m == 0 else add(mul(n, m - 1), n)
    def pow_(n, m): return 1 if m == 0 else mul(pow_(n, m - 1), n)
    def beq(n, m): return (n == m == 0) or (n > 0 and m > 0 and beq(n - 1, m - 1))
    def ble(n, m): return n == 0 or (m > 0 and ble(n - 1, m - 1))
    for n, m in itertools.product(range(7), range(5)):
        assert (add(n, m), sub(n, m), mul(n, m), pow_(n, m)) == (n + m, max(n - m, 0), n * m, n**m)
        assert (beq(n, m), ble(n, m)) == (n == m, n <= m)


def test_a_wrong_value_is_refused(core_lib, tmp_path, run_lean):
    text = _lean_file(["theorem bad : Nat.pow 2 10 = 1023 := rfl",
                       "theorem bad2 : ∀ (n : Nat), Nat.pow n 1 = Nat.add n 1 := by intros; rfl"])
    code, messages = run_lean(core_lib, text, tmp_path)
    lines = {m["pos"]["line"] for m in messages if m["severity"] == "error"}
    assert code == 1 and lines == {3, 4}
