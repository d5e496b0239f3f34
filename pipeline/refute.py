"""Counterexample search for conjectures, by evaluation on small instances.

Self-play proposes many false statements; `refute` looks for a small instance
of a statement's universally bound variables on which the statement evaluates
to False, in Python, before any proof search is spent on it.  It is a filter
only: Lean still decides every proof.  It must never refute a true statement,
so it understands a small fragment of Lean exactly and gives up (returns None)
on everything else.

The fragment follows the definitions of `lean_env/core/Leanplay/Core.lean`
and Lean 4's notation (the core registers `Init`'s own parsers):

* binders ``∀ (x y : T), …``, ``∀ {x : T}, …``, ``∀ x y : T, …``,
  ``∀ x, …`` (type inferred by unification), hypotheses ``∀ (h : P), …``
  (unused ``h``),
  type binders ``{α : Type _}`` / ``{α : Sort u}`` (instantiated by `Nat`),
  ``∃``, ``fun``/``λ``, ``if … then … else`` on decidable conditions;
* types `Nat`, `Bool`, `Prop`, ``List T``, type variables, and functions
  ``A → B`` between `Nat`/type variables, `Bool` and `Prop` (drawn from a small
  pool of functions such as ``fun x => x + 1``);
* `Nat`: numerals, ``+ - * / % ^`` (truncated subtraction, ``n / 0 = 0``,
  ``n % 0 = n``), `Nat.succ/pred/zero/add/sub/mul/div/mod/pow/gcd/beq/ble/
  land/lor/xor/shiftLeft/shiftRight/le/lt`, ``≤ < ≥ > <= >=``;
* `Bool`: ``true false``, `not and or` and `Bool.not/and/or/xor`, ``! && ||``,
  ``==`` and ``!=`` on `Nat` and `Bool`, `cond`, `decide`;
* `List`: `List.nil`, `List.cons`, ``::``, ``++``, `List.append/length/
  reverse/reverseAux/map`, dot notation (``as.reverse.length``);
* logic: ``True False ∧ ∨ ¬ → ↔ = ≠`` (``=`` between Props is ``↔``), the
  constants `Not And Or Iff Eq Ne`, `id`, ``∘``.

Not supported (the statement is given up on): ``[]`` list literals (the core
has no elaborator for them), ``↦``, ``·`` sections, anonymous constructors,
``match``, ``let``, instance binders, equality of functions, functions of
several arguments as variables, ``∃`` over types or proofs, type variables
used as propositions, and any name the core does not define (``Nat.min``,
``List.filter``, …).  Lifting one of these means adding its parser case, its
typing rule in `_Elaborator` and its evaluation in `_Compiler`.

Semantics of quantifiers.  Values are three-valued for Props (True, False,
unknown).  A ``∀`` in positive position (the statement itself, the body of
another such ``∀``, the conclusion of ``→``, either side of ``∧``/``∨``), and
an ``∃`` in negative position, is *sampled*: each trial picks one value for
it, and a False result under that choice refutes the statement (the quantifier
is at most as true as its instance, and the context is monotone).  Every other
quantifier is *searched* over a few small values: exactly for `Bool` and
`Prop`, otherwise it can only come out False (``∀``) or True (``∃``) when a
witness is found, and unknown otherwise, so an incomplete search never
refutes.  Refutations are classical (a `Prop` variable ranges over True and
False); a classically false statement is not provable in the core either.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import random
import re
from collections.abc import Callable

__all__ = ["Counterexample", "evaluable", "refute"]


@dataclasses.dataclass(frozen=True)
class Counterexample:
    """Values of the sampled variables on which a statement is False.

    Attributes:
        assignment: ``(variable, value as Lean text)`` pairs in binder order;
            a type variable's value is ``Nat``; compound values are
            parenthesized, e.g. ``("as", "(0 :: List.nil)")``.
    """

    assignment: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        if not self.assignment:
            return "(no variables)"
        return ", ".join(f"{name} := {value}" for name, value in self.assignment)


def refute(statement: str, *, trials: int = 64, seed: int = 0) -> Counterexample | None:
    """Search small instances of ``statement`` for one on which it is False.

    Args:
        statement: a Lean proposition, e.g. ``∀ (n m : Nat), n + m = n``.
        trials: how many assignments of the sampled variables to try; when
            they range over `Bool`/`Prop` only and there are at most this many
            assignments, all of them are tried.
        seed: seed of the random assignments (same seed, same answer).

    Returns:
        A counterexample, or None when none was found or the statement uses
        something the evaluator does not know.  Never raises on any input.
    """
    try:
        plan = _plan(statement)
    except Exception:  # any failure to understand the text means "unknown"
        return None
    try:
        return plan.search(trials, seed)
    except Exception:
        return None


def evaluable(statement: str) -> bool:
    """Whether `refute` understands ``statement`` (parses and type-checks it
    within the supported fragment), whatever the outcome of the search."""
    try:
        _plan(statement)
    except Exception:
        return False
    return True


# --------------------------------------------------------------------------
# Errors


class _GiveUp(Exception):
    """The statement is outside the supported fragment."""


class _Inconclusive(Exception):
    """One trial cannot be evaluated (a number would be too large)."""


# --------------------------------------------------------------------------
# Tokens

_IDENT = r"(?![λΠΣ])[^\W\d][\w'!?₀-₉ₐ-ₜᵢ-ᵪⱼ]*"
_TOKEN = re.compile(
    rf"(?P<ws>\s+)|(?P<num>[0-9]+)|(?P<ident>{_IDENT}(?:\.{_IDENT})*)"
    r"|(?P<sym>->|<=|>=|==|!=|\+\+|::|:=|=>|&&|\|\||/\\|\\/"
    r"|[()\[\]{}⦃⦄,:=≠≤≥<>+\-*/%^∧∨¬→↔∀∃∘λ!.])"
)
_IDENT_REST = re.compile(r"[\w'!?.₀-₉ₐ-ₜᵢ-ᵪⱼ]")
_KEYWORDS = frozenset({"fun", "if", "then", "else", "let", "have", "show", "by",
                       "match", "with", "do", "at", "from", "in", "Type", "Sort"})
#: ASCII spellings that the core's parsers accept (checked against its Lean).
_ALIASES = {"->": "→", "<=": "≤", ">=": "≥", "/\\": "∧", "\\/": "∨",
            "λ": "fun"}


def _tokens(text: str) -> list[tuple[str, str, bool]]:
    """Split ``text`` into ``(kind, text, space_before)`` tokens, ending with
    an ``eof`` token.  Raises `_GiveUp` on a character outside the fragment."""
    out, pos, space = [], 0, False
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise _GiveUp(f"unexpected character {text[pos]!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            space = True
            continue
        word = m.group()
        if kind == "num" and pos < len(text) and _IDENT_REST.match(text, pos):
            raise _GiveUp("numeric literal other than a decimal natural")
        if kind == "ident" and word in _KEYWORDS:
            kind = "kw"
        word = _ALIASES.get(word, word)
        if word == "fun":
            kind = "kw"
        out.append((kind, word, space))
        space = False
    out.append(("eof", "", space))
    return out


# --------------------------------------------------------------------------
# Parser: Lean 4's Pratt parser, restricted to the fragment.
#
# AST nodes are tuples: ("num", n), ("ident", name), ("app", head, args),
# ("proj", term, field), ("bin", op, lhs, rhs), ("not", t), ("bnot", t),
# ("forall" | "exists" | "fun", groups, body), ("ascribe", t, type),
# ("if", c, t, e), ("universe",).  `groups` is a list of (names, type|None).

_MAX, _ARG, _LEAD = 1024, 1023, 1022
#: op -> (precedence, associativity); from Lean 4's `Init` notation.
_INFIX = {
    "∘": (90, "r"), "^": (75, "r"), "*": (70, "l"), "/": (70, "l"), "%": (70, "l"),
    "::": (67, "r"), "+": (65, "l"), "-": (65, "l"), "++": (65, "l"),
    "=": (50, "n"), "≠": (50, "n"), "≤": (50, "n"), "<": (50, "n"),
    "≥": (50, "n"), ">": (50, "n"), "==": (50, "n"), "!=": (50, "n"),
    "∧": (35, "r"), "&&": (35, "l"),
    "∨": (30, "r"), "||": (30, "l"), "↔": (20, "n"),
}
_ARROW_PREC = 25
_UNIVERSE_LEVEL = re.compile(r"_|[uvw](_?[0-9]+)?|[0-9]+")


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, str, bool]:
        return self.toks[self.i]

    def take(self) -> tuple[str, str, bool]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, word: str) -> None:
        if self.take()[1] != word:
            raise _GiveUp(f"expected {word!r}")

    def statement(self) -> tuple:
        node = self.term(0)
        if self.peek()[0] != "eof":
            raise _GiveUp(f"unexpected {self.peek()[1]!r}")
        return node

    def _starts_arg(self) -> bool:
        kind, word, _ = self.peek()
        return kind in ("ident", "num") or word in ("(", "¬", "!")

    def term(self, prec: int) -> tuple:
        left, lhs = self.leading(prec)
        while True:
            kind, word, space = self.peek()
            if word == ".":
                if space or lhs < _MAX:
                    raise _GiveUp("projection")
                self.take()
                kind, field, space = self.take()
                if kind != "ident" or space:
                    raise _GiveUp("projection")
                for part in field.split("."):
                    left = ("proj", left, part)
            elif kind == "sym" and word in _INFIX:
                p, assoc = _INFIX[word]
                need = p if assoc == "l" else p + 1
                if p < prec or lhs < need:
                    break
                self.take()
                rhs = self.term(p if assoc == "r" else p + 1)
                left, lhs = ("bin", word, left, rhs), p
            elif word == "→":
                if _ARROW_PREC < prec:
                    break
                self.take()
                left, lhs = ("bin", "→", left, self.term(_ARROW_PREC)), _ARROW_PREC
            elif self._starts_arg() and prec <= _LEAD and lhs >= _MAX:
                args = []
                while self._starts_arg():
                    args.append(self.term(_ARG))
                left, lhs = ("app", left, args), _LEAD
            else:
                break
        return left

    def term0(self) -> tuple:
        return self.term(0)

    def leading(self, prec: int) -> tuple[tuple, int]:
        kind, word, _ = self.take()
        if kind == "num":
            return ("num", int(word)), _MAX
        if kind == "ident":
            return ("ident", word), _MAX
        if word == "(":
            inner = self.term0()
            if self.peek()[1] == ":":
                self.take()
                inner = ("ascribe", inner, self.term0())
            self.expect(")")
            return inner, _MAX
        if word == "¬":
            return ("not", self.term(40)), _MAX
        if word == "!":
            return ("bnot", self.term(40)), _MAX
        if prec > _LEAD:
            raise _GiveUp(f"{word!r} as an argument")
        if word in ("∀", "∃"):
            groups = self.binders(",")
            kind = "forall" if word == "∀" else "exists"
            return (kind, groups, self.term0()), _LEAD
        if word == "fun":
            groups = self.binders("=>")
            return ("fun", groups, self.term0()), _LEAD
        if word == "if":
            cond = self.term0()
            self.expect("then")
            then = self.term0()
            self.expect("else")
            return ("if", cond, then, self.term0()), _LEAD
        if word in ("Type", "Sort"):
            nxt = self.peek()
            if nxt[0] in ("ident", "num") and _UNIVERSE_LEVEL.fullmatch(nxt[1]):
                self.take()
            return ("universe",), _MAX
        raise _GiveUp(f"unexpected {word!r}")

    def _names(self) -> list[str]:
        names = []
        while self.peek()[0] == "ident" and "." not in self.peek()[1]:
            names.append(self.take()[1])
        if not names:
            raise _GiveUp("expected a binder name")
        return names

    def binders(self, end: str) -> list[tuple[list[str], tuple | None]]:
        groups: list[tuple[list[str], tuple | None]] = []
        closing = {"(": ")", "{": "}", "⦃": "⦄"}
        while self.peek()[1] != end:
            word = self.peek()[1]
            if word in closing:
                self.take()
                names = self._names()
                typ = None
                if self.peek()[1] == ":":
                    self.take()
                    typ = self.term0()
                self.expect(closing[word])
                groups.append((names, typ))
            else:
                names = self._names()
                typ = None
                if self.peek()[1] == ":":
                    self.take()
                    typ = self.term0()
                groups.append((names, typ))
                if typ is not None:
                    break
        self.expect(end)
        if not groups:
            raise _GiveUp("binder expected")
        return groups


# --------------------------------------------------------------------------
# Types: ("Nat",), ("Bool",), ("Prop",), ("List", t), ("Fun", a, b),
# ("TVar", name, uid), or a `_Meta` (a unification variable).

NAT, BOOL, PROP = ("Nat",), ("Bool",), ("Prop",)
_SORT = ("Sort",)  # marks a binder whose type is `Type _`/`Sort _`


class _Meta:
    __slots__ = ("ref",)

    def __init__(self) -> None:
        self.ref = None


def _prune(t):
    while isinstance(t, _Meta) and t.ref is not None:
        t = t.ref
    return t


def _occurs(m: _Meta, t) -> bool:
    t = _prune(t)
    if t is m:
        return True
    return isinstance(t, tuple) and t[0] in ("List", "Fun") and any(
        _occurs(m, s) for s in t[1:])


def _unify(a, b) -> None:
    a, b = _prune(a), _prune(b)
    if a is b:
        return
    if isinstance(a, _Meta) or isinstance(b, _Meta):
        m, t = (a, b) if isinstance(a, _Meta) else (b, a)
        if _occurs(m, t):
            raise _GiveUp("cyclic type")
        m.ref = t
        return
    if a[0] != b[0] or len(a) != len(b):
        raise _GiveUp(f"type mismatch {a[0]} / {b[0]}")
    if a[0] == "TVar":
        if a[2] != b[2]:
            raise _GiveUp("type variable mismatch")
        return
    for x, y in zip(a[1:], b[1:]):
        _unify(x, y)


def _resolve(t):
    """``t`` with every solved unification variable replaced; raises
    `_GiveUp` when one is unsolved (Lean would not elaborate it either)."""
    t = _prune(t)
    if isinstance(t, _Meta):
        raise _GiveUp("type not determined")
    if t[0] in ("List", "Fun"):
        return (t[0],) + tuple(_resolve(s) for s in t[1:])
    return t


def _has_fun(t) -> bool:
    return t[0] == "Fun" or (t[0] == "List" and _has_fun(t[1]))


# --------------------------------------------------------------------------
# Constants of the core: name -> (signature, implementation).  A signature
# builds fresh (parameter types, result type); the implementation takes all
# explicit arguments at once.

_POW_BITS = 1 << 14  # a power or shift beyond 16384 bits ends the trial


def _pow(b: int, e: int) -> int:
    if b > 1 and e * b.bit_length() > _POW_BITS:
        raise _Inconclusive("power too large")
    return b ** e


def _shl(a: int, b: int) -> int:
    if a and a.bit_length() + b > _POW_BITS:
        raise _Inconclusive("shift too large")
    return a << b


def _nat2(impl):
    return (lambda: ([NAT, NAT], NAT)), impl


def _bool2(impl):
    return (lambda: ([BOOL, BOOL], BOOL)), impl


def _poly(build):
    """A signature with fresh unification variables for its type parameters."""
    n = build.__code__.co_argcount
    return lambda: build(*(_Meta() for _ in range(n)))


def _comp(f, g):
    return lambda x: f(g(x))


_CONSTANTS: dict[str, tuple[Callable, Callable]] = {
    "Nat.zero": ((lambda: ([], NAT)), lambda: 0),
    "Nat.succ": ((lambda: ([NAT], NAT)), lambda n: n + 1),
    "Nat.pred": ((lambda: ([NAT], NAT)), lambda n: n - 1 if n else 0),
    "Nat.add": _nat2(lambda a, b: a + b),
    "Nat.sub": _nat2(lambda a, b: a - b if a > b else 0),
    "Nat.mul": _nat2(lambda a, b: a * b),
    "Nat.div": _nat2(lambda a, b: a // b if b else 0),
    "Nat.mod": _nat2(lambda a, b: a % b if b else a),
    "Nat.pow": _nat2(_pow),
    "Nat.gcd": _nat2(math.gcd),
    "Nat.land": _nat2(lambda a, b: a & b),
    "Nat.lor": _nat2(lambda a, b: a | b),
    "Nat.xor": _nat2(lambda a, b: a ^ b),
    "Nat.shiftLeft": _nat2(_shl),
    "Nat.shiftRight": _nat2(lambda a, b: a >> b if b < _POW_BITS else 0),
    "Nat.beq": ((lambda: ([NAT, NAT], BOOL)), lambda a, b: a == b),
    "Nat.ble": ((lambda: ([NAT, NAT], BOOL)), lambda a, b: a <= b),
    "Nat.le": ((lambda: ([NAT, NAT], PROP)), lambda a, b: a <= b),
    "Nat.lt": ((lambda: ([NAT, NAT], PROP)), lambda a, b: a < b),
    "true": ((lambda: ([], BOOL)), lambda: True),
    "false": ((lambda: ([], BOOL)), lambda: False),
    "Bool.true": ((lambda: ([], BOOL)), lambda: True),
    "Bool.false": ((lambda: ([], BOOL)), lambda: False),
    "not": ((lambda: ([BOOL], BOOL)), lambda b: not b),
    "Bool.not": ((lambda: ([BOOL], BOOL)), lambda b: not b),
    "and": _bool2(lambda a, b: a and b),
    "Bool.and": _bool2(lambda a, b: a and b),
    "or": _bool2(lambda a, b: a or b),
    "Bool.or": _bool2(lambda a, b: a or b),
    "Bool.xor": _bool2(lambda a, b: a != b),
    "cond": (_poly(lambda a: ([BOOL, a, a], a)), lambda c, x, y: x if c else y),
    "id": (_poly(lambda a: ([a], a)), lambda x: x),
    "Function.comp": (_poly(lambda a, b, c: ([("Fun", b, c), ("Fun", a, b)],
                                            ("Fun", a, c))), _comp),
    "List.nil": (_poly(lambda a: ([], ("List", a))), lambda: ()),
    "List.cons": (_poly(lambda a: ([a, ("List", a)], ("List", a))),
                  lambda x, xs: (x,) + xs),
    "List.append": (_poly(lambda a: ([("List", a), ("List", a)], ("List", a))),
                    lambda xs, ys: xs + ys),
    "List.length": (_poly(lambda a: ([("List", a)], NAT)), len),
    "List.reverse": (_poly(lambda a: ([("List", a)], ("List", a))),
                     lambda xs: xs[::-1]),
    "List.reverseAux": (_poly(lambda a: ([("List", a), ("List", a)], ("List", a))),
                        lambda xs, ys: xs[::-1] + ys),
    "List.map": (_poly(lambda a, b: ([("Fun", a, b), ("List", a)], ("List", b))),
                 lambda f, xs: tuple(f(x) for x in xs)),
}
#: Logical constants: name -> (IR kind, arity); only fully applied.
_LOGIC = {"Not": ("not", 1), "And": ("and", 2), "Or": ("or", 2), "Iff": ("iff", 2),
          "Eq": ("eq", 2), "Ne": ("ne", 2), "True": ("lit", 0), "False": ("lit", 0),
          "decide": ("decide", 1)}
_ARITH = {"+": "Nat.add", "-": "Nat.sub", "*": "Nat.mul", "/": "Nat.div",
          "%": "Nat.mod", "^": "Nat.pow", "++": "List.append", "::": "List.cons",
          "∘": "Function.comp", "&&": "and", "||": "or"}
_LOGIC_OPS = {"∧": "and", "∨": "or", "→": "imp", "↔": "iff"}


# --------------------------------------------------------------------------
# Elaboration: AST -> typed IR.


class _IR:
    """A typed node: ``kind`` as in `_Compiler`, ``ty`` its type, ``a b c``
    its parts."""

    __slots__ = ("kind", "ty", "a", "b", "c")

    def __init__(self, kind: str, ty, a=None, b=None, c=None) -> None:
        self.kind, self.ty, self.a, self.b, self.c = kind, ty, a, b, c


_HYP = ("hyp",)


class _Elaborator:
    """Type-checks an AST against the fragment, like Lean's elaborator would
    (no coercions: the core declares none)."""

    def term(self, node: tuple, scope: dict) -> _IR:
        kind = node[0]
        if kind == "num":
            return _IR("lit", NAT, node[1])
        if kind == "ident":
            return self.ident(node[1], scope, [])
        if kind == "app":
            head, args = node[1], node[2]
            if head[0] == "ident":
                return self.ident(head[1], scope, args)
            if head[0] == "proj":
                return self.dot(self.term(head[1], scope), head[2], args, scope)
            return self.apply(self.term(head, scope), args, scope)
        if kind == "proj":
            return self.dot(self.term(node[1], scope), node[2], [], scope)
        if kind == "bin":
            return self.binary(node[1], node[2], node[3], scope)
        if kind == "not":
            return _IR("not", PROP, self.prop(node[1], scope))
        if kind == "bnot":
            return self.call("not", [node[1]], scope)
        if kind in ("forall", "exists"):
            return self.quantifier(kind, node[1], node[2], scope)
        if kind == "fun":
            return self.lam(node[1], node[2], scope)
        if kind == "ascribe":
            ir = self.term(node[1], scope)
            typ = self.type_of(node[2], scope)
            if typ is None or typ is _SORT:
                raise _GiveUp("ascription to a non-type")
            _unify(ir.ty, typ)
            return ir
        if kind == "if":
            cond = self.prop(node[1], scope)
            then, other = self.term(node[2], scope), self.term(node[3], scope)
            _unify(then.ty, other.ty)
            return _IR("ite", then.ty, cond, then, other)
        raise _GiveUp(f"unsupported {kind}")

    def prop(self, node: tuple, scope: dict) -> _IR:
        ir = self.term(node, scope)
        _unify(ir.ty, PROP)
        return ir

    def type_of(self, node: tuple, scope: dict):
        """The type that ``node`` denotes, `_SORT` for a universe, or None
        when it is not a type of the fragment (e.g. a proposition)."""
        kind = node[0]
        if kind == "universe":
            return _SORT
        if kind == "ident":
            entry = scope.get(node[1])
            if entry is not None:
                return entry[1] if entry[0] == "tvar" else None
            return {"Nat": NAT, "Bool": BOOL, "Prop": PROP}.get(node[1])
        if kind == "app" and node[1] == ("ident", "List") and len(node[2]) == 1:
            elem = self.type_of(node[2][0], scope)
            return None if elem is None or elem is _SORT else ("List", elem)
        if kind == "bin" and node[1] == "→":
            dom, cod = self.type_of(node[2], scope), self.type_of(node[3], scope)
            if dom is None or cod is None or _SORT in (dom, cod):
                return None
            return ("Fun", dom, cod)
        return None

    def ident(self, name: str, scope: dict, args: list) -> _IR:
        parts = name.split(".")
        if parts[0] in scope:
            entry = scope[parts[0]]
            if entry[0] != "val":
                raise _GiveUp(f"{parts[0]} is not a value")
            base, fields = _IR("var", entry[1], parts[0]), parts[1:]
        else:
            for k in range(len(parts), 0, -1):
                head = ".".join(parts[:k])
                if head in _CONSTANTS or head in _LOGIC:
                    break
            else:
                raise _GiveUp(f"unknown identifier {name}")
            fields = parts[k:]
            if not fields:
                return self.call(head, args, scope)
            base = self.call(head, [], scope)
        for field in fields[:-1]:
            base = self.dot(base, field, [], scope)
        if fields:
            return self.dot(base, fields[-1], args, scope)
        return self.apply(base, args, scope)

    def arg(self, item, scope: dict) -> _IR:
        return item if isinstance(item, _IR) else self.term(item, scope)

    def dot(self, base: _IR, field: str, args: list, scope: dict) -> _IR:
        head = _prune(base.ty)
        if isinstance(head, _Meta) or head[0] not in ("Nat", "Bool", "List"):
            raise _GiveUp("field notation on this type")
        name = f"{head[0]}.{field}"
        if name not in _CONSTANTS:
            raise _GiveUp(f"unknown constant {name}")
        return self.call(name, list(args), scope, dot=base)

    def call(self, name: str, args: list, scope: dict, dot: _IR | None = None) -> _IR:
        if name in _LOGIC:
            return self.logic(name, args, scope)
        params, result = _CONSTANTS[name][0]()
        if dot is not None:
            tag = _prune(dot.ty)[0]
            heads = [None if isinstance(_prune(p), _Meta) else _prune(p)[0]
                     for p in params]
            where = heads.index(tag) if tag in heads else None
            if where is None or where > len(args):
                raise _GiveUp("field notation without a place for the receiver")
            args = args[:where] + [dot] + args[where:]
        irs = []
        for param, item in zip(params, args):
            ir = self.arg(item, scope)
            _unify(ir.ty, param)
            irs.append(ir)
        typ = result
        for param in reversed(params[len(irs):]):
            typ = ("Fun", param, typ)
        node = _IR("call", typ, name, irs)
        return self.apply(node, args[len(params):], scope)

    def logic(self, name: str, args: list, scope: dict) -> _IR:
        kind, arity = _LOGIC[name]
        if len(args) != arity:
            raise _GiveUp(f"{name} not fully applied")
        if kind == "lit":
            return _IR("lit", PROP, name == "True")
        irs = [self.arg(a, scope) for a in args]
        if kind in ("eq", "ne"):
            _unify(irs[0].ty, irs[1].ty)
            eq = _IR("eq", PROP, irs[0], irs[1])
            return eq if kind == "eq" else _IR("not", PROP, eq)
        for ir in irs:
            _unify(ir.ty, PROP)
        if kind == "decide":
            return _IR("decide", BOOL, irs[0])
        return _IR(kind, PROP, *irs)

    def apply(self, fn: _IR, args: list, scope: dict) -> _IR:
        for item in args:
            ft = _prune(fn.ty)
            if isinstance(ft, _Meta):
                _unify(ft, ("Fun", _Meta(), _Meta()))
                ft = _prune(ft)
            if ft[0] != "Fun":
                raise _GiveUp("application of a non-function")
            arg = self.arg(item, scope)
            _unify(arg.ty, ft[1])
            fn = _IR("apply", ft[2], fn, arg)
        return fn

    def binary(self, op: str, lhs: tuple, rhs: tuple, scope: dict) -> _IR:
        if op in _ARITH:
            return self.call(_ARITH[op], [lhs, rhs], scope)
        if op in _LOGIC_OPS:
            a, b = self.prop(lhs, scope), self.prop(rhs, scope)
            return _IR(_LOGIC_OPS[op], PROP, a, b)
        a, b = self.term(lhs, scope), self.term(rhs, scope)
        if op in ("≤", "<", "≥", ">"):
            _unify(a.ty, NAT)
            _unify(b.ty, NAT)
            if op in ("≥", ">"):
                a, b = b, a
            return _IR("le" if op in ("≤", "≥") else "lt", PROP, a, b)
        _unify(a.ty, b.ty)
        if op in ("==", "!="):
            beq = _IR("beq", BOOL, a, b)
            return beq if op == "==" else _IR("call", BOOL, "not", [beq])
        eq = _IR("eq", PROP, a, b)
        return eq if op == "=" else _IR("not", PROP, eq)

    def binder_list(self, groups, scope: dict):
        """Yield ``(name, kind, type_or_ir)`` per binder, extending ``scope``
        in place; kind is "val", "tvar" or "hyp"."""
        for names, typ_node in groups:
            for name in names:
                if typ_node is None:
                    typ = _Meta()
                else:
                    typ = self.type_of(typ_node, scope)
                if typ is _SORT:
                    tvar = ("TVar", name, object())
                    yield name, "tvar", tvar
                    scope[name] = ("tvar", tvar)
                elif typ is None:
                    hyp = self.prop(typ_node, scope)
                    yield name, "hyp", hyp
                    scope[name] = _HYP
                else:
                    yield name, "val", typ
                    scope[name] = ("val", typ)

    def quantifier(self, kind: str, groups, body: tuple, scope: dict) -> _IR:
        scope = dict(scope)
        binders = list(self.binder_list(groups, scope))
        ir = self.prop(body, scope)
        for name, bkind, typ in reversed(binders):
            if bkind == "hyp":
                if kind == "exists":
                    raise _GiveUp("∃ over a proof")
                ir = _IR("imp", PROP, typ, ir)
            elif bkind == "tvar":
                if kind == "exists":
                    raise _GiveUp("∃ over a type")
                ir = _IR("tforall", PROP, name, ir)
            else:
                ir = _IR(kind, PROP, name, typ, ir)
        return ir

    def lam(self, groups, body: tuple, scope: dict) -> _IR:
        scope = dict(scope)
        binders = list(self.binder_list(groups, scope))
        ir = self.term(body, scope)
        for name, bkind, typ in reversed(binders):
            if bkind != "val":
                raise _GiveUp("fun over a type or proof")
            ir = _IR("lam", ("Fun", typ, ir.ty), name, ir)
        return ir


# --------------------------------------------------------------------------
# Values: Nat -> int, Bool/Prop -> bool (Prop: None when unknown), List ->
# tuple, type variable -> int (it is instantiated by Nat), function -> callable.


class _Fn:
    """A function drawn for a function-typed variable, with its Lean text."""

    __slots__ = ("fn", "text")

    def __init__(self, fn: Callable, text: str) -> None:
        self.fn, self.text = fn, text

    def __call__(self, x):
        return self.fn(x)


def _kind(t) -> str:
    return {"Nat": "N", "TVar": "N", "Bool": "B", "Prop": "P"}.get(t[0], "?")


#: Functions tried for a variable ``f : A → B``, by the kinds of A and B.
_POOLS = {
    "NN": [("fun x => x", lambda x: x), ("fun x => x + 1", lambda x: x + 1),
           ("fun _ => 0", lambda x: 0), ("fun x => 2 * x", lambda x: 2 * x),
           ("fun _ => 1", lambda x: 1),
           ("fun x => x - 1", lambda x: x - 1 if x else 0)],
    "NB": [("fun x => Nat.beq x 0", lambda x: x == 0),
           ("fun _ => true", lambda x: True), ("fun _ => false", lambda x: False),
           ("fun x => Nat.ble x 1", lambda x: x <= 1)],
    "NP": [("fun x => x = 0", lambda x: x == 0), ("fun _ => True", lambda x: True),
           ("fun _ => False", lambda x: False), ("fun x => x ≤ 1", lambda x: x <= 1),
           ("fun x => 1 ≤ x", lambda x: x >= 1)],
    "BB": [("fun b => b", lambda b: b), ("fun b => not b", lambda b: not b),
           ("fun _ => true", lambda b: True), ("fun _ => false", lambda b: False)],
    "BN": [("fun b => cond b 1 0", lambda b: 1 if b else 0),
           ("fun _ => 0", lambda b: 0)],
    "BP": [("fun b => b = true", lambda b: b), ("fun _ => True", lambda b: True),
           ("fun _ => False", lambda b: False)],
}
_SMALL_NATS = tuple(range(8))


@dataclasses.dataclass(frozen=True)
class _Domain:
    """How to draw, enumerate and print the values of one type.

    Attributes:
        draw: a random value, biased to small ones.
        small: a few small values, the least first.
        finite: whether ``small`` is every value of the type.
        text: the value as Lean text.
        shrink: values smaller than a given one, the least first (to make a
            counterexample small before reporting it).
    """

    draw: Callable[[random.Random], object]
    small: tuple
    finite: bool
    text: Callable[[object], str]
    shrink: Callable[[object], tuple]


def _shrink_nat(n: int) -> tuple:
    return tuple(range(n)) if n <= 40 else (0, 1, 2, n // 2, n - 1)


def _shrink_bool(b: bool) -> tuple:
    return (False,) if b else ()


def _shrink_list(elem: _Domain) -> Callable[[tuple], tuple]:
    def shrink(xs: tuple) -> tuple:
        shorter = [xs[:i] + xs[i + 1:] for i in range(len(xs))]
        smaller = [xs[:i] + (y,) + xs[i + 1:]
                   for i, x in enumerate(xs) for y in elem.shrink(x)[:3]]
        return tuple(shorter + smaller)
    return shrink


def _draw_nat(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.6:
        return rng.randrange(4)
    return rng.randrange(11) if r < 0.9 else rng.randrange(41)


def _list_text(elem: _Domain) -> Callable[[tuple], str]:
    def text(xs: tuple) -> str:
        if not xs:
            return "List.nil"
        return "(" + " :: ".join(elem.text(x) for x in xs) + " :: List.nil)"
    return text


def _as_nat(t):
    """``t`` with its type variables replaced by `Nat` (their instance)."""
    if t[0] == "TVar":
        return NAT
    if t[0] in ("List", "Fun"):
        return (t[0],) + tuple(_as_nat(s) for s in t[1:])
    return t


@functools.lru_cache(maxsize=256)
def _domain(t) -> _Domain:
    """The domain of a resolved type; raises `_GiveUp` if it has none here."""
    tag = t[0]
    if tag in ("Nat", "TVar"):
        return _Domain(_draw_nat, _SMALL_NATS, False, str, _shrink_nat)
    if tag == "Bool":
        return _Domain(lambda rng: rng.random() < 0.5, (False, True), True,
                       lambda b: "true" if b else "false", _shrink_bool)
    if tag == "Prop":
        return _Domain(lambda rng: rng.random() < 0.5, (False, True), True,
                       lambda b: "True" if b else "False", _shrink_bool)
    if tag == "List":
        elem = _domain(t[1])

        def draw(rng: random.Random) -> tuple:
            n = rng.choice((0, 1, 1, 2, 2, 3, 3, 4))
            return tuple(elem.draw(rng) for _ in range(n))
        a, b = elem.small[0], elem.small[1] if len(elem.small) > 1 else elem.small[0]
        small = ((), (a,), (b,), (a, b), (b, a))
        return _Domain(draw, small, False, _list_text(elem), _shrink_list(elem))
    if tag == "Fun":
        pool = _POOLS.get(_kind(t[1]) + _kind(t[2]))
        if pool is None:
            raise _GiveUp("function variable of this type")
        fns = tuple(_Fn(fn, f"({text})") for text, fn in pool)
        return _Domain(lambda rng: rng.choice(fns), fns, False, lambda f: f.text,
                       lambda f: fns[:fns.index(f)])
    raise _GiveUp(f"no domain for {tag}")


# --------------------------------------------------------------------------
# Compilation: IR -> closures over an environment dict (names -> values;
# integer keys hold the current trial's sampled values).

_SHRINK_PASSES = 8  # each pass lowers every value once; small values settle fast


def _and3(a, b):
    if a is False or b is False:
        return False
    return True if a is True and b is True else None


def _or3(a, b):
    if a is True or b is True:
        return True
    return False if a is False and b is False else None


def _imp3(a, b):
    if a is False or b is True:
        return True
    return False if a is True and b is False else None


def _iff3(a, b):
    return None if a is None or b is None else a == b


def _not3(a):
    return None if a is None else not a


def _curry(impl: Callable, arity: int, got: list):
    if len(got) == arity:
        return impl(*got)
    return lambda x: _curry(impl, arity, got + [x])


def _decidable(ir: _IR) -> bool:
    """Whether the core has a `Decidable` instance for the proposition."""
    kind = ir.kind
    if kind == "lit":
        return True
    if kind in ("not",):
        return _decidable(ir.a)
    if kind in ("and", "or", "imp", "iff"):
        return _decidable(ir.a) and _decidable(ir.b)
    if kind == "eq":
        return _resolve(ir.a.ty) in (NAT, BOOL)
    return kind in ("le", "lt")


class _Compiler:
    """Turns typed IR into closures; collects the sampled binders."""

    def __init__(self) -> None:
        self.binders: list[tuple[str, _Domain | None]] = []

    def definite(self, ir: _IR) -> Callable:
        fn, unknown = self.compile(ir, 0)
        if unknown:
            raise _GiveUp("a quantified proposition used as a value")
        return fn

    def compile(self, ir: _IR, pol: int) -> tuple[Callable, bool]:
        """Return (closure, may be unknown); ``pol`` is +1/-1 in positive or
        negative logical position, 0 elsewhere."""
        return getattr(self, "c_" + ir.kind)(ir, pol)

    def c_lit(self, ir, pol):
        value = ir.a
        return (lambda env: value), False

    def c_var(self, ir, pol):
        name = ir.a
        return (lambda env: env[name]), False

    def c_call(self, ir, pol):
        impl, arity = _CONSTANTS[ir.a][1], len(_CONSTANTS[ir.a][0]()[0])
        args = [self.definite(a) for a in ir.b]
        if arity == 0:
            value = impl()
            return (lambda env: value), False
        if len(args) < arity:
            return (lambda env: _curry(impl, arity, [a(env) for a in args])), False
        if arity == 1:
            (a,) = args
            return (lambda env: impl(a(env))), False
        if arity == 2:
            a, b = args
            return (lambda env: impl(a(env), b(env))), False
        return (lambda env: impl(*[a(env) for a in args])), False

    def c_apply(self, ir, pol):
        fn, arg = self.definite(ir.a), self.definite(ir.b)
        return (lambda env: fn(env)(arg(env))), False

    def c_lam(self, ir, pol):
        name, body = ir.a, self.definite(ir.b)

        def make(env):
            saved = dict(env)

            def call(x):
                inner = dict(saved)
                inner[name] = x
                return body(inner)
            return call
        return make, False

    def c_ite(self, ir, pol):
        if not _decidable(ir.a):
            raise _GiveUp("if on an undecidable condition")
        c, t, e = self.definite(ir.a), self.definite(ir.b), self.definite(ir.c)
        return (lambda env: t(env) if c(env) else e(env)), False

    def c_decide(self, ir, pol):
        if not _decidable(ir.a):
            raise _GiveUp("decide on an undecidable proposition")
        c = self.definite(ir.a)
        return (lambda env: bool(c(env))), False

    def c_eq(self, ir, pol):
        typ = _resolve(ir.a.ty)
        if _has_fun(typ):
            raise _GiveUp("equality of functions")
        if typ == PROP:
            (a, ua), (b, ub) = self.compile(ir.a, 0), self.compile(ir.b, 0)
            return (lambda env: _iff3(a(env), b(env))), ua or ub
        a, b = self.definite(ir.a), self.definite(ir.b)
        return (lambda env: a(env) == b(env)), False

    def c_beq(self, ir, pol):
        if _resolve(ir.a.ty) not in (NAT, BOOL):
            raise _GiveUp("== needs DecidableEq, here Nat or Bool")
        a, b = self.definite(ir.a), self.definite(ir.b)
        return (lambda env: a(env) == b(env)), False

    def c_le(self, ir, pol):
        a, b = self.definite(ir.a), self.definite(ir.b)
        return (lambda env: a(env) <= b(env)), False

    def c_lt(self, ir, pol):
        a, b = self.definite(ir.a), self.definite(ir.b)
        return (lambda env: a(env) < b(env)), False

    def c_not(self, ir, pol):
        a, unknown = self.compile(ir.a, -pol)
        if not unknown:
            return (lambda env: not a(env)), False
        return (lambda env: _not3(a(env))), True

    def _pair(self, ir, pol_a, pol_b, op3, op2):
        (a, ua), (b, ub) = self.compile(ir.a, pol_a), self.compile(ir.b, pol_b)
        if ua or ub:
            return (lambda env: op3(a(env), b(env))), True
        return op2(a, b), False

    def c_and(self, ir, pol):
        return self._pair(ir, pol, pol, _and3,
                          lambda a, b: lambda env: a(env) and b(env))

    def c_or(self, ir, pol):
        return self._pair(ir, pol, pol, _or3, lambda a, b: lambda env: a(env) or b(env))

    def c_imp(self, ir, pol):
        return self._pair(ir, -pol, pol, _imp3,
                          lambda a, b: lambda env: (not a(env)) or b(env))

    def c_iff(self, ir, pol):
        return self._pair(ir, 0, 0, _iff3, lambda a, b: lambda env: a(env) == b(env))

    def c_tforall(self, ir, pol):
        if pol != 1:
            raise _GiveUp("type quantifier in a searched position")
        self.binders.append((ir.a, None))
        return self.compile(ir.b, pol)

    def c_forall(self, ir, pol):
        return self._quantifier(ir, pol, sampled=pol == 1, universal=True)

    def c_exists(self, ir, pol):
        return self._quantifier(ir, pol, sampled=pol == -1, universal=False)

    def _quantifier(self, ir, pol, *, sampled: bool, universal: bool):
        name, domain = ir.a, _domain(_as_nat(_resolve(ir.b)))
        if sampled:
            slot = len(self.binders)
            self.binders.append((name, domain))
            body, unknown = self.compile(ir.c, pol)

            def bind(env):
                had, old = name in env, env.get(name)
                env[name] = env[slot]
                try:
                    return body(env)
                finally:
                    if had:
                        env[name] = old
                    else:
                        del env[name]
            return bind, unknown
        body, _ = self.compile(ir.c, 0)
        values, finite = domain.small, domain.finite
        stop = not universal  # the value that decides the search

        def search(env):
            had, old = name in env, env.get(name)
            unknown = False
            try:
                for v in values:
                    env[name] = v
                    r = body(env)
                    if r is stop:
                        return stop
                    if r is None:
                        unknown = True
            finally:
                if had:
                    env[name] = old
                else:
                    env.pop(name, None)
            return None if unknown or not finite else universal
        return search, True


# --------------------------------------------------------------------------
# Plans


@dataclasses.dataclass(frozen=True)
class _Plan:
    """A compiled statement: its closure and its sampled binders (a `None`
    domain marks a type variable, instantiated by `Nat`)."""

    root: Callable[[dict], object]
    binders: tuple[tuple[str, _Domain | None], ...]

    def assignments(self, trials: int, seed: int):
        """Yield value lists for the binders: every one when they range over
        Bool/Prop only and fit in ``trials``, else the least values first and
        then random ones."""
        domains = [d for _, d in self.binders if d is not None]
        if all(d.finite for d in domains) and 2 ** len(domains) <= trials:
            yield from itertools.product(*(d.small for d in domains))
            return
        if trials > 0:
            yield [d.small[0] for d in domains]
        rng = random.Random(seed)
        for _ in range(trials - 1):
            yield [d.draw(rng) for d in domains]

    def search(self, trials: int, seed: int) -> Counterexample | None:
        slots = [i for i, (_, d) in enumerate(self.binders) if d is not None]
        for values in self.assignments(trials, seed):
            if self.refutes(slots, values):
                smallest = self.shrink(slots, list(values))
                return self.counterexample(dict(zip(slots, smallest)))
        return None

    def refutes(self, slots: list[int], values) -> bool:
        try:
            return self.root(dict(zip(slots, values))) is False
        except _Inconclusive:
            return False

    def shrink(self, slots: list[int], values: list) -> list:
        """Make each value of a refuting assignment as small as it can be
        while the statement stays False (a few greedy passes)."""
        for _ in range(_SHRINK_PASSES):
            changed = False
            for k, slot in enumerate(slots):
                for smaller in self.binders[slot][1].shrink(values[k]):
                    trial = values[:k] + [smaller] + values[k + 1:]
                    if self.refutes(slots, trial):
                        values, changed = trial, True
                        break
            if not changed:
                break
        return values

    def counterexample(self, env: dict) -> Counterexample:
        return Counterexample(tuple(
            (name, "Nat" if d is None else d.text(env[i]))
            for i, (name, d) in enumerate(self.binders)))


@functools.lru_cache(maxsize=4096)
def _plan(statement: str) -> _Plan:
    """Parse, type-check and compile ``statement``; raises on anything
    outside the fragment."""
    if not isinstance(statement, str):
        raise _GiveUp("not text")
    ast = _Parser(statement).statement()
    ir = _Elaborator().prop(ast, {})
    compiler = _Compiler()
    root, _ = compiler.compile(ir, 1)
    return _Plan(root, tuple(compiler.binders))
