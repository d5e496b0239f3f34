"""The theorem graph: statements as nodes, weighted edges between related ones.

Two statements are joined when they use the same rare constants and notation
(a "statement" edge, weighted by an IDF-weighted Jaccard similarity of their
symbols), when the proof of one uses the other (a "dependency" edge), or when
one was made from the other by the conjecturer (a "mutation" edge). Edges of
several kinds add their weights. On this graph the reversible random walk
`P(u, v) = w(u, v) / d(u)` has stationary law `pi(u) = d(u) / vol`; see the
mathematics section of the README.

Statements are read with a small Lean 4 tokenizer, not with Lean itself:
`statement_symbols` and `statement_shape` work on any string, well formed or
not, and never raise.
"""

from __future__ import annotations

import json
import logging
import itertools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import networkx as nx
import numpy as np

__all__ = [
    "DEFAULT_DEPENDENCY_WEIGHT",
    "DEFAULT_ISOLATED_WEIGHT",
    "DEFAULT_K_SIMILAR",
    "DEFAULT_MIN_SIMILARITY",
    "DEFAULT_MUTATION_WEIGHT",
    "EDGE_KINDS",
    "NODE_KINDS",
    "DuplicateTheoremError",
    "GraphFormatError",
    "NodeKind",
    "TheoremGraph",
    "TheoremGraphError",
    "TheoremNode",
    "UnknownTheoremError",
    "statement_key",
    "statement_shape",
    "statement_symbols",
]

logger = logging.getLogger(__name__)

NodeKind = Literal["seed", "target", "conjecture"]
NODE_KINDS: tuple[str, ...] = ("seed", "target", "conjecture")
EDGE_KINDS: tuple[str, ...] = ("statement", "dependency", "mutation")

# About ln(n) statement neighbours per node: a k-nearest-neighbour graph on a
# few thousand statements with k near ln(2000) = 7.6 is connected in practice,
# while the degree, and so the cost of walks and dense matrices, stays small.
DEFAULT_K_SIMILAR = 8
# On 52 core Nat, Int, List, Bool and Prop lemmas, pairs sharing only `∀`, `=`
# and type names scored a median 0.09 (90% below 0.18), pairs sharing a
# distinctive constant or operator a median 0.32: 0.2 keeps most of the first
# apart and joins most of the second.
DEFAULT_MIN_SIMILARITY = 0.2
# A proof that uses a lemma is as strong a sign of kinship as two statements
# with identical symbols, whose similarity is 1.
DEFAULT_DEPENDENCY_WEIGHT = 1.0
# A conjecture made by mutating its parent is its neighbour by construction:
# as strong as an identical-symbols match.
DEFAULT_MUTATION_WEIGHT = 1.0
# The walk needs d(u) > 0 everywhere, so a node without edges gets a virtual
# self-loop of this weight: as weak as the weakest statement edge the default
# build keeps, so an isolated statement carries little stationary mass, the
# way the contrived statements nobody else is near should.
DEFAULT_ISOLATED_WEIGHT = DEFAULT_MIN_SIMILARITY


class TheoremGraphError(Exception):
    """Base class of the errors raised by the theorem graph."""


class UnknownTheoremError(TheoremGraphError, KeyError):
    """A theorem name that is not a node of the graph."""


class DuplicateTheoremError(TheoremGraphError, ValueError):
    """A theorem name that is already a node of the graph."""


class GraphFormatError(TheoremGraphError, ValueError):
    """A GraphML file that does not describe a theorem graph."""


# ---------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------

_IDENT = "ident"
_NUMBER = "number"
_LITERAL = "literal"
_SYMBOL = "symbol"
_OPEN = "open"
_CLOSE = "close"

_OPENERS = {"(": ")", "[": "]", "{": "}", "⟨": "⟩", "⦃": "⦄"}
_CLOSERS = frozenset(_OPENERS.values())
# Term-level brackets are notation (list literal or indexing, set or structure
# notation, anonymous constructor); parentheses only group.
_BRACKET_SYMBOLS = {"[": "[]", "{": "{}", "⟨": "⟨⟩"}

# Multi-character operators, matched longest first; any other non-space
# character that starts no other token is an operator of its own.
# fmt: off
_OPERATORS = sorted(
    [
        "<->", "->", "<-", "=>", ":=", "::", "++", "<=", ">=", "!=", "==", "&&",
        "||", "^^", "<|>", "<$>", "<*>", ">>=", "|>.", "|>", "<|", "⁻¹", "∃!",
        "//", "..",
    ],
    key=len,
    reverse=True,
)
# fmt: on
# ASCII spellings and synonyms, rewritten to one form so that they compare
# equal in symbols and shapes.
_ALIASES = {
    "->": "→",
    "<->": "↔",
    "<=": "≤",
    ">=": "≥",
    "λ": "fun",
    "↦": "=>",
    "forall": "∀",
    "exists": "∃",
}
# Binder keywords and the token that ends their binders.
_BINDERS = {
    "∀": ",",
    "∃": ",",
    "∃!": ",",
    "fun": "=>",
    "Σ": ",",
    "∑": ",",
    "∏": ",",
    "⋃": ",",
    "⋂": ",",
    "⨆": ",",
    "⨅": ",",
}
# `∀ x > 0, p` and `∑ i ∈ s, f i`: the names are followed by a bound.
_BINDER_PREDICATES = frozenset(
    ["<", ">", "≤", "≥", "≠", "∈", "∉", "⊆", "⊂", "⊇", "⊃", "in"]
)
# Syntax that names no constant.
_PUNCTUATION = frozenset([",", ":", "=>", ":=", ";", "_", "."])
_UNIVERSE_SORTS = frozenset(["Type", "Sort"])
_SUBSCRIPTS = frozenset(
    [chr(c) for c in range(0x2080, 0x209D)] + [chr(c) for c in range(0x1D62, 0x1D6B)]
)
_NUMBER_PATTERN = re.compile(
    r"0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+"
    r"|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
)


@dataclass(frozen=True)
class _Token:
    text: str
    kind: str
    # For identifiers, the part before the first dot: the name a binder could
    # bind (`x` in `x.succ`); empty for `.succ`.
    head: str = ""
    # A `.field` or `.1` written right after the previous token, as in
    # `(f x).succ`: shapes must keep it attached, `(f x) .succ` means otherwise.
    attached: bool = False

    @property
    def is_plain_ident(self) -> bool:
        return self.kind == _IDENT and self.text == self.head


def _is_id_start(c: str) -> bool:
    # As in Lean 4, λ, Π and Σ are letters that cannot start a name.
    return c == "_" or (c.isalpha() and c not in "λΠΣ")


def _is_id_rest(c: str) -> bool:
    # `✝` marks the inaccessible names in Lean's pretty-printed goals.
    return _is_id_start(c) or c in "0123456789'!?✝" or c in _SUBSCRIPTS


def _scan_ident(s: str, i: int) -> tuple[int, int]:
    """Return the end of the dotted identifier at `s[i]`, and the end of its head."""
    head_end = -1
    n = len(s)
    while True:
        if s[i] == "«":
            close = s.find("»", i + 1)
            i = n if close < 0 else close + 1
        else:
            i += 1
            while i < n and _is_id_rest(s[i]):
                i += 1
        if head_end < 0:
            head_end = i
        if i + 1 < n and s[i] == "." and (_is_id_start(s[i + 1]) or s[i + 1] == "«"):
            i += 1
            continue
        if i + 1 < n and s[i] == "." and s[i + 1].isascii() and s[i + 1].isdigit():
            i += 1
            while i < n and s[i].isascii() and s[i].isdigit():
                i += 1
            if (
                i + 1 < n
                and s[i] == "."
                and (_is_id_start(s[i + 1]) or s[i + 1] == "«")
            ):
                i += 1
                continue
        return i, head_end


def _scan_literal(s: str, i: int) -> int:
    """Return the end of the string or character literal at `s[i]`, or `i`."""
    quote = s[i]
    if quote == "'":
        if s.startswith("\\", i + 1):
            close = s.find("'", i + 2)
            return i if close < 0 else close + 1
        return i + 3 if i + 2 < len(s) and s[i + 2] == "'" else i
    j = i + 1
    while j < len(s) and s[j] != '"':
        j += 2 if s[j] == "\\" else 1
    return min(j + 1, len(s))


def _tokenize(statement: str) -> list[_Token]:
    """Split a Lean 4 statement into identifiers, numerals, literals and symbols."""
    tokens: list[_Token] = []
    s, i, n = statement, 0, len(statement)
    while i < n:
        c = s[i]
        if c.isspace():
            i += 1
            continue
        start = i
        if _is_id_start(c) or c == "«":
            i, head_end = _scan_ident(s, i)
            text = s[start:i]
            if text == "_":
                tokens.append(_Token("_", _SYMBOL))
            elif text in _ALIASES or text in _BINDERS:
                tokens.append(_Token(_ALIASES.get(text, text), _SYMBOL))
            else:
                tokens.append(_Token(text, _IDENT, s[start:head_end]))
            continue
        if c == "." and i + 1 < n and (_is_id_start(s[i + 1]) or s[i + 1] == "«"):
            i, _ = _scan_ident(s, i + 1)
            attached = bool(tokens) and not s[start - 1].isspace()
            tokens.append(_Token(s[start:i], _IDENT, attached=attached))
            continue
        if c == "." and i + 1 < n and s[i + 1].isascii() and s[i + 1].isdigit():
            # A projection such as `(a, b).1`.
            i += 1
            while i < n and s[i].isascii() and s[i].isdigit():
                i += 1
            attached = bool(tokens) and not s[start - 1].isspace()
            tokens.append(_Token(s[start:i], _SYMBOL, attached=attached))
            continue
        number = _NUMBER_PATTERN.match(s, i) if c.isascii() and c.isdigit() else None
        if number:
            i = number.end()
            tokens.append(_Token(s[start:i], _NUMBER))
            continue
        if c in "\"'" and (end := _scan_literal(s, i)) > i:
            i = end
            tokens.append(_Token(s[start:i], _LITERAL))
            continue
        if c in _OPENERS or c in _CLOSERS:
            i += 1
            tokens.append(_Token(c, _OPEN if c in _OPENERS else _CLOSE))
            continue
        op = next((op for op in _OPERATORS if s.startswith(op, i)), c)
        i += len(op)
        tokens.append(_Token(_ALIASES.get(op, op), _SYMBOL))
    return tokens


# ---------------------------------------------------------------------------
# Binder resolution
# ---------------------------------------------------------------------------


class _Resolution:
    """Which identifier tokens of a statement are bound, and by which binder.

    `binding[i]` numbers the binder that token `i` names or refers to, counting
    binder names from 0 in the order they appear; `universe[i]` numbers the
    universe variable token `i` is; `term_bracket[i]` says an opening bracket
    is notation rather than part of a binder.

    The scope of `∀`, `∃`, `fun` and the big operators runs as far as possible:
    to the closing bracket around them, to a comma at their own depth, or to
    the end. Also understood: bracketed, instance, strict-implicit and bare
    binders, binder predicates (`∀ x > 0,`), anonymous-constructor patterns in
    `fun`, set-builder and subtype notation (`{x | p x}`, `{x // p x}`), and
    universe variables right after `Type` or `Sort`.

    Limitation: dependent arrows `(x : α) → β x`, `let`, `match` and
    universe expressions such as `Type (max u v)` bind nothing here, so their
    names count as constants. Theorem statements printed by Lean use `∀` for
    propositions, which keeps this rare; handling them needs a real Lean
    parser (lean_env) instead of this tokenizer.
    """

    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        n = len(tokens)
        self.binding: list[int | None] = [None] * n
        self.universe: list[int | None] = [None] * n
        self.term_bracket = [False] * n
        self._close = _match_brackets(tokens)
        self._binders = 0
        self._universes: dict[str, int] = {}
        try:
            i = 0
            while i < n:
                i = self._term(i, {}, frozenset()) + 1
        except RecursionError:
            # Brackets nested hundreds deep: no statement Lean prints looks
            # like this, so read it as binding nothing rather than fail.
            logger.debug("statement nested too deeply to resolve binders")
            self.binding = [None] * n
            self.universe = [None] * n
            self.term_bracket = [token.kind == _OPEN for token in tokens]

    def _term(self, i: int, env: dict[str, int], stop: frozenset[str]) -> int:
        """Resolve one term from token `i`; return the index of the token ending it."""
        tokens = self.tokens
        while i < len(tokens):
            token = tokens[i]
            if token.kind == _CLOSE or token.text == "," or token.text in stop:
                return i
            if token.kind == _SYMBOL and token.text in _BINDERS:
                separators = frozenset([_BINDERS[token.text]])
                i = self._binder(i + 1, env, separators, stop)
            elif token.kind == _OPEN:
                i = self._group(i, env)
            else:
                if token.kind == _IDENT:
                    self._use(i, env)
                i += 1
        return i

    def _sequence(self, i: int, env: dict[str, int]) -> int:
        """Resolve comma-separated terms; return the index of the closer ending them."""
        i = self._term(i, env, frozenset())
        while i < len(self.tokens) and self.tokens[i].text == ",":
            i = self._term(i + 1, env, frozenset())
        return i

    def _group(self, i: int, env: dict[str, int]) -> int:
        """Resolve the bracketed term opened at token `i`; return the index after it."""
        self.term_bracket[i] = True
        if self.tokens[i].text == "{" and self._is_set_builder(i):
            j = self._binder(i + 1, env, frozenset(["|", "//"]), frozenset())
            while j < len(self.tokens) and self.tokens[j].text == ",":
                j = self._term(j + 1, env, frozenset())
        else:
            j = self._sequence(i + 1, env)
        return j + 1

    def _is_set_builder(self, i: int) -> bool:
        end = self._close[i]
        if i + 1 >= end:
            return False
        first = self.tokens[i + 1]
        if not (first.is_plain_ident or first.text == "("):
            return False
        for j in self._top_level(i + 1, end):
            text = self.tokens[j].text
            if text in ("|", "//"):
                return True
            if text in (",", ":="):
                return False
        return False

    def _binder(
        self,
        i: int,
        env: dict[str, int],
        separators: frozenset[str],
        stop: frozenset[str],
    ) -> int:
        """Resolve binders from token `i` and the body after them.

        Returns the index of the token that ends the body.
        """
        tokens = self.tokens
        local = dict(env)
        pending: list[int] = []
        while i < len(tokens):
            token = tokens[i]
            if token.text in separators:
                self._bind(pending, local)
                return self._term(i + 1, local, stop)
            if token.kind == _OPEN:
                i = self._binder_group(i, local)
            elif token.is_plain_ident and token.text != "in":
                self._reserve(i)
                pending.append(i)
                i += 1
            elif token.text == "_":
                i += 1
            elif token.text == ":" or token.text in _BINDER_PREDICATES:
                i = self._term(i + 1, local, stop | separators)
            else:
                break
        # Malformed binders: end the scope here and let the caller go on.
        return i

    def _binder_group(self, i: int, local: dict[str, int]) -> int:
        """Resolve a bracketed binder at token `i`, binding its names in `local`."""
        end = self._close[i]
        colon = next(
            (j for j in self._top_level(i + 1, end) if self.tokens[j].text == ":"),
            None,
        )
        if self.tokens[i].text == "[" and colon is None:
            self._sequence(i + 1, local)
            return end + 1
        names = []
        for j in range(i + 1, end if colon is None else colon):
            token = self.tokens[j]
            if token.is_plain_ident:
                self._reserve(j)
                names.append(j)
            elif token.kind == _IDENT:
                self._use(j, local)
        if colon is not None:
            self._sequence(colon + 1, local)
        self._bind(names, local)
        return end + 1

    def _top_level(self, start: int, end: int) -> Iterator[int]:
        """Indices in `[start, end)` outside any bracket nested there."""
        j = start
        while j < end:
            yield j
            j = self._close[j] + 1 if self.tokens[j].kind == _OPEN else j + 1

    def _reserve(self, i: int) -> None:
        self.binding[i] = self._binders
        self._binders += 1

    def _bind(self, names: list[int], local: dict[str, int]) -> None:
        for j in names:
            local[self.tokens[j].text] = self.binding[j]

    def _use(self, i: int, env: dict[str, int]) -> None:
        token = self.tokens[i]
        if token.head in env:
            self.binding[i] = env[token.head]
        elif (
            token.is_plain_ident
            and i > 0
            and self.tokens[i - 1].kind == _IDENT
            and self.tokens[i - 1].text in _UNIVERSE_SORTS
        ):
            self.universe[i] = self._universes.setdefault(
                token.text, len(self._universes)
            )


def _match_brackets(tokens: list[_Token]) -> list[int]:
    """For each opening bracket, the index of its closer (`len(tokens)` if none).

    A closer matches the innermost open bracket whatever its kind, so
    mismatched input still nests.
    """
    close = [len(tokens)] * len(tokens)
    open_at: list[int] = []
    for i, token in enumerate(tokens):
        if token.kind == _OPEN:
            open_at.append(i)
        elif token.kind == _CLOSE and open_at:
            close[open_at.pop()] = i
    return close


def _fresh_prefix(base: str, free_heads: set[str]) -> str:
    """`base`, lengthened with `_` until no free name is the prefix and digits."""
    prefix = base
    while any(re.fullmatch(re.escape(prefix) + r"[0-9]+", h) for h in free_heads):
        prefix += "_"
    return prefix


def statement_symbols(statement: str) -> frozenset[str]:
    """The constants and notation symbols a Lean 4 statement uses.

    Bound variable names are left out; constants, type names (`Nat`, `Prop`),
    numerals, literals and operators are kept, ASCII spellings rewritten to
    their unicode form (`->` to `→`, `<=` to `≤`, `λ` to `fun`). Field access
    on a bound variable keeps the field: `n.succ` gives `.succ`. Brackets that
    are notation give `[]`, `{}` or `⟨⟩`; parentheses, commas and colons give
    nothing.

    Returns:
        The set of symbols; empty for an empty statement. Never raises.

    >>> sorted(statement_symbols("∀ (n : Nat), n + 0 = n"))
    ['+', '0', '=', 'Nat', '∀']
    """
    tokens = _tokenize(statement)
    resolution = _Resolution(tokens)
    symbols = set()
    for i, token in enumerate(tokens):
        if token.kind == _OPEN:
            if resolution.term_bracket[i] and token.text in _BRACKET_SYMBOLS:
                symbols.add(_BRACKET_SYMBOLS[token.text])
        elif token.kind == _CLOSE or token.text in _PUNCTUATION:
            continue
        elif resolution.binding[i] is not None:
            if token.text != token.head:
                symbols.add(token.text[len(token.head) :])
        elif resolution.universe[i] is None:
            symbols.add(token.text)
    return frozenset(symbols)


def statement_shape(statement: str) -> str:
    """The statement with bound variables renamed `x0, x1, ...` and spacing normalised.

    Binder names are numbered in the order they appear, and universe
    variables after `Type`/`Sort` are renamed `u0, u1, ...`, so two
    statements equal up to the names of bound variables (alpha-equivalent)
    have the same shape. Tokens are joined by single spaces, with none after
    an opening bracket or before a closing bracket or comma, so `n+0=n` and
    `n + 0 = n` agree too. If a free constant is itself named like `x0`, the
    prefix is lengthened (`x_0`) so that no bound name collides with it.

    Returns:
        The canonical text. Never raises.

    >>> statement_shape("∀ (m : Nat), m + 0 = m")
    '∀ (x0 : Nat), x0 + 0 = x0'
    """
    tokens = _tokenize(statement)
    resolution = _Resolution(tokens)
    free_heads = {
        token.head
        for token, bound, universe in zip(
            tokens, resolution.binding, resolution.universe, strict=True
        )
        if token.kind == _IDENT and bound is None and universe is None
    }
    variable = _fresh_prefix("x", free_heads)
    universe = _fresh_prefix("u", free_heads)
    pieces: list[str] = []
    for i, token in enumerate(tokens):
        text = token.text
        if resolution.binding[i] is not None:
            text = f"{variable}{resolution.binding[i]}{text[len(token.head) :]}"
        elif resolution.universe[i] is not None:
            text = f"{universe}{resolution.universe[i]}"
        glued = token.kind == _CLOSE or token.text == "," or token.attached
        if pieces and not glued and tokens[i - 1].kind != _OPEN:
            pieces.append(" ")
        pieces.append(text)
    return "".join(pieces)


#: At most this many binder orders are tried by `statement_key`.
_MAX_BINDER_ORDERS = 120
#: Words that, at the top level of an equation's body, bind looser than `=`
#: (or are binders): the sides of such a body cannot be swapped as text.
_LOOSER_THAN_EQ = frozenset(["→", "∧", "∨", "↔", "¬", "≠", "<", "≤", ">", "≥", "∣", "∈", "∉",
                             *_BINDERS])


def statement_key(statement: str) -> str:
    """A canonical text shared by syntactic variants of one statement.

    Two statements get the same key when they are equal up to the names of
    bound variables (as `statement_shape`), the order of the names inside one
    leading binder group (`∀ (a b : Nat), p a b` and `∀ (b a : Nat), p a b`),
    whether a leading binder is explicit or implicit (`∀ {a : Prop}, a → a`
    and `∀ (a : Prop), a → a` state the same), and the sides of a top-level
    `=` or `↔` (`a = b` and `b = a`). The key is
    the least `statement_shape` over those variants (at most 120 binder orders
    are tried).

    Returns:
        The key. Never raises.

    >>> statement_key("∀ (b a : Nat), a + b = b") == statement_key("∀ (x y : Nat), y = x + y")
    True
    """
    shape = statement_shape(statement)
    groups, body_start = _leading_binder_groups(shape)
    bodies = [shape]
    swapped = _swap_sides(shape[body_start:])
    if swapped is not None:
        bodies.append(shape[:body_start] + swapped)
    orders = itertools.islice(_binder_orders(groups), _MAX_BINDER_ORDERS)
    names = [name for group in groups for name in group]
    prefix = shape[:body_start].translate(_EXPLICIT)
    variants = set()
    for order in orders:
        # Renaming the body alone, under the same binder list, reorders the binders.
        renaming = dict(zip(names, (name for group in order for name in group)))
        for text in bodies:
            body = _rename(text[body_start:], renaming) if renaming else text[body_start:]
            variants.add(statement_shape(prefix + body))
    return min(variants)


#: Implicit and strict-implicit binder brackets, made explicit.
_EXPLICIT = str.maketrans({"{": "(", "}": ")", "⦃": "(", "⦄": ")"})


def _binder_orders(groups: list[list[str]]):
    """Every choice of one order per group, lazily and in `itertools.product`
    order (`product` itself would build every permutation of a long group
    before the first one is used: n! of them)."""
    if not groups:
        yield ()
        return
    for first in itertools.permutations(groups[0]):
        for rest in _binder_orders(groups[1:]):
            yield (first, *rest)


def _leading_binder_groups(shape: str) -> tuple[list[list[str]], int]:
    """The names of each bracketed group of a leading `∀`, and where its body
    starts; `([], 0)` when the statement does not start so."""
    if not shape.startswith("∀ "):
        return [], 0
    groups, i = [], 2
    while i < len(shape) and shape[i] in _OPENERS:
        depth, j = 0, i
        while j < len(shape):
            depth += (shape[j] in _OPENERS) - (shape[j] in _CLOSERS)
            j += 1
            if depth == 0:
                break
        names, colon, _ = shape[i + 1 : j - 1].partition(" : ")
        if not colon or depth:
            return [], 0
        groups.append(names.split())
        if shape.startswith(", ", j):
            return groups, j + 2
        if not shape.startswith(" ", j):
            return [], 0
        i = j + 1
    return [], 0


def _top_level_words(body: str) -> list[tuple[int, str]]:
    """The (offset, word) of the space-separated words of `body` at bracket depth 0."""
    words, depth, offset = [], 0, 0
    for word in body.split(" "):
        if depth == 0:
            words.append((offset, word))
        depth += sum(c in _OPENERS for c in word) - sum(c in _CLOSERS for c in word)
        offset += len(word) + 1
    return words


def _swap_sides(body: str) -> str | None:
    """`b = a` for the body `a = b` (or `↔`) when that is the same statement, else None."""
    top = _top_level_words(body)
    relations = [(offset, word) for offset, word in top if word in ("=", "↔")]
    if len(relations) != 1:
        return None
    offset, relation = relations[0]
    looser = _BINDERS.keys() if relation == "↔" else _LOOSER_THAN_EQ
    if any(word in looser for _, word in top):
        return None
    left, right = body[: offset - 1], body[offset + len(relation) + 1 :]
    return f"{right} {relation} {left}" if left and right else None


def _rename(text: str, renaming: dict[str, str]) -> str:
    """`text` with whole-word names replaced at once by `renaming`."""
    pattern = re.compile(r"(?<![\w.'])(" + "|".join(map(re.escape, renaming)) + r")(?![\w'])")
    return pattern.sub(lambda m: renaming[m.group(1)], text)


# ---------------------------------------------------------------------------
# Similarity index
# ---------------------------------------------------------------------------


class _SymbolIndex:
    """An inverted index from symbols to statements, for weighted Jaccard similarity.

    The similarity of statements with symbol sets A and B is
    `sum(idf(s) for s in A & B) / sum(idf(s) for s in A | B)`, with the smooth
    inverse document frequency `idf(s) = 1 + ln((1 + n) / (1 + df(s)))` over
    the `n` indexed statements, `df(s)` of which use `s`: symbols every
    statement uses (`∀`, `=`) weigh 1, rare constants up to `1 + ln(n)`, and
    no weight is ever 0. Sums run over symbols in sorted order, so the
    similarity is bitwise symmetric and does not depend on the hash seed.
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self._position: dict[str, int] = {}
        self._symbols: list[tuple[int, ...]] = []
        self._symbol_id: dict[str, int] = {}
        self._postings: list[list[int]] = []
        self._posting_arrays: dict[int, np.ndarray] = {}
        self._entry_node: list[int] = []
        self._entry_symbol: list[int] = []
        self._idf: np.ndarray | None = None
        self._norms: np.ndarray | None = None

    def add(self, name: str, symbols: frozenset[str]) -> None:
        position = len(self.names)
        self.names.append(name)
        self._position[name] = position
        ids = []
        for symbol in sorted(symbols):
            if symbol not in self._symbol_id:
                self._symbol_id[symbol] = len(self._postings)
                self._postings.append([])
            sid = self._symbol_id[symbol]
            ids.append(sid)
            self._postings[sid].append(position)
            self._posting_arrays.pop(sid, None)
            self._entry_node.append(position)
            self._entry_symbol.append(sid)
        self._symbols.append(tuple(ids))
        self._idf = self._norms = None

    def position(self, name: str) -> int:
        return self._position[name]

    def similarities(self, name: str) -> np.ndarray:
        """Similarities of `name` to all statements, shape `(n,)`, in `names` order."""
        position = self._position[name]
        idf, norms = self._weights()
        overlap = np.zeros(len(self.names))
        for sid in self._symbols[position]:
            overlap[self._posting_array(sid)] += idf[sid]
        union = norms[position] + norms - overlap
        similarity = np.zeros_like(overlap)
        np.divide(overlap, union, out=similarity, where=union > 0)
        return similarity

    def _weights(self) -> tuple[np.ndarray, np.ndarray]:
        if self._idf is None or self._norms is None:
            n = len(self.names)
            df = np.array([len(p) for p in self._postings], dtype=np.float64)
            self._idf = 1.0 + np.log((1.0 + n) / (1.0 + df))
            entry_symbol = np.array(self._entry_symbol, dtype=np.intp)
            self._norms = np.bincount(
                np.array(self._entry_node, dtype=np.intp),
                weights=self._idf[entry_symbol],
                minlength=n,
            )
        return self._idf, self._norms

    def _posting_array(self, sid: int) -> np.ndarray:
        if sid not in self._posting_arrays:
            self._posting_arrays[sid] = np.array(self._postings[sid], dtype=np.intp)
        return self._posting_arrays[sid]


def _most_similar(
    similarity: np.ndarray, names: list[str], exclude: int, k: int, threshold: float
) -> list[int]:
    """Indices of the `k` largest similarities above `threshold`, ties by name."""
    if k <= 0:
        return []
    similarity = similarity.copy()
    similarity[exclude] = -np.inf
    candidates = np.flatnonzero(similarity > threshold)
    if len(candidates) > k:
        values = similarity[candidates]
        kth = np.partition(values, len(values) - k)[len(values) - k]
        candidates = candidates[values >= kth]
    ranked = sorted(candidates.tolist(), key=lambda j: (-similarity[j], names[j]))
    return ranked[:k]


# ---------------------------------------------------------------------------
# The graph
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TheoremNode:
    """One theorem of the graph.

    Attributes:
        name: the theorem's unique name, the node key.
        statement: the Lean 4 statement.
        kind: "seed" (from the starting library), "target" (a theorem the run
            aims at) or "conjecture" (proposed during self-play).
        proved: whether a proof has been checked by Lean.
        deps: names of the theorems its proof uses.

    Raises:
        ValueError: if `kind` is not one of NODE_KINDS.
    """

    name: str
    statement: str
    kind: NodeKind
    proved: bool = False
    deps: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in NODE_KINDS:
            raise ValueError(
                f"theorem kind must be one of {NODE_KINDS}, not {self.kind!r}"
            )
        object.__setattr__(self, "deps", tuple(self.deps))


class TheoremGraph:
    """A weighted undirected graph of theorems, and the reversible random walk on it.

    Node keys are theorem names, with the other TheoremNode fields as node
    attributes. Each edge has a `weight` (float, >= 0) and `kinds` (a set of
    EDGE_KINDS); an edge of several kinds has the sum of their weights. Node
    orders in arrays are those of `names()`: sorted by name.

    Args:
        k_similar: statement edges each new node makes, to its most similar
            others.
        min_similarity: a statement edge needs a similarity above this.
        dependency_weight: weight of a dependency edge.
        isolated_weight: weight of the virtual self-loop a node without edges
            gets in the walk, its matrices and its stationary law (it is not
            stored in the graph, nor shown by `neighbours`).

    Raises:
        ValueError: if `k_similar`, `min_similarity` or `dependency_weight`
            is negative, or `isolated_weight` is not positive.
    """

    def __init__(
        self,
        *,
        k_similar: int = DEFAULT_K_SIMILAR,
        min_similarity: float = DEFAULT_MIN_SIMILARITY,
        dependency_weight: float = DEFAULT_DEPENDENCY_WEIGHT,
        isolated_weight: float = DEFAULT_ISOLATED_WEIGHT,
    ):
        if k_similar < 0 or min_similarity < 0 or dependency_weight < 0:
            raise ValueError(
                "k_similar, min_similarity and dependency_weight must be >= 0"
            )
        if not isolated_weight > 0:
            raise ValueError(f"isolated_weight must be > 0, not {isolated_weight}")
        self.k_similar = int(k_similar)
        self.min_similarity = float(min_similarity)
        self.dependency_weight = float(dependency_weight)
        self.isolated_weight = float(isolated_weight)
        self._graph = nx.Graph()
        self._index = _SymbolIndex()
        self._step_tables: dict[str, tuple[list[str], np.ndarray]] = {}

    # -- construction -------------------------------------------------------

    @classmethod
    def build(
        cls,
        nodes: Iterable[TheoremNode],
        k_similar: int = DEFAULT_K_SIMILAR,
        min_similarity: float = DEFAULT_MIN_SIMILARITY,
        dependency_weight: float = DEFAULT_DEPENDENCY_WEIGHT,
        *,
        isolated_weight: float = DEFAULT_ISOLATED_WEIGHT,
    ) -> TheoremGraph:
        """Build the graph of `nodes`.

        Each node gets statement edges to its `k_similar` most similar other
        nodes (weighted Jaccard of `statement_symbols`, see `_SymbolIndex`)
        whose similarity is above `min_similarity`, ties broken by name; an
        edge chosen from both ends counts once, so degrees can exceed
        `k_similar`. Each node also gets a dependency edge to each of its
        `deps` that is in the graph. The result does not depend on the order
        of `nodes`.

        Raises:
            DuplicateTheoremError: if two nodes share a name.
            ValueError: on a negative parameter.
        """
        graph = cls(
            k_similar=k_similar,
            min_similarity=min_similarity,
            dependency_weight=dependency_weight,
            isolated_weight=isolated_weight,
        )
        nodes = list(nodes)
        for node in nodes:
            graph._insert(node)
        for node in nodes:
            graph._link_similar(node.name)
        for node in nodes:
            graph._link_dependencies(node.name, node.deps)
        logger.info(
            "built theorem graph: %d nodes, %d edges",
            graph._graph.number_of_nodes(),
            graph._graph.number_of_edges(),
        )
        return graph

    def add(
        self,
        node: TheoremNode,
        parent: str | None = None,
        mutation_weight: float = DEFAULT_MUTATION_WEIGHT,
    ) -> None:
        """Add one node, such as a newly proved conjecture.

        The node gets statement edges to its most similar existing nodes, as
        in `build`, dependency edges to its deps in the graph and from the
        nodes whose deps name it, and a mutation edge to `parent` if given.
        Existing statement edges keep the weights they were made with, though
        the new node shifts the symbol frequencies a little; building again
        from `nodes()` refreshes them.

        Raises:
            DuplicateTheoremError: if the name is already in the graph.
            UnknownTheoremError: if `parent` is not in the graph.
            ValueError: if `mutation_weight` is negative.
        """
        if parent is not None and parent not in self._graph:
            raise UnknownTheoremError(parent)
        if mutation_weight < 0:
            raise ValueError(f"mutation_weight must be >= 0, not {mutation_weight}")
        self._insert(node)
        self._link_similar(node.name)
        self._link_dependencies(node.name, node.deps)
        for other, deps in self._graph.nodes(data="deps"):
            if node.name in deps:
                self._add_edge(other, node.name, "dependency", self.dependency_weight)
        if parent is not None:
            self._add_edge(node.name, parent, "mutation", mutation_weight)

    def mark_proved(self, name: str, deps: Iterable[str] = ()) -> None:
        """Mark a theorem proved, with the theorems its proof uses.

        The new deps are added to those already recorded (a second proof adds
        its lemmas, it removes none), with dependency edges to those in the
        graph.

        Raises:
            UnknownTheoremError: if `name` is not in the graph.
        """
        attributes = self._attributes(name)
        new = tuple(dict.fromkeys(d for d in deps if d not in attributes["deps"]))
        attributes["proved"] = True
        attributes["deps"] = attributes["deps"] + new
        self._link_dependencies(name, new)

    def _insert(self, node: TheoremNode) -> None:
        if node.name in self._graph:
            raise DuplicateTheoremError(node.name)
        self._graph.add_node(
            node.name,
            statement=node.statement,
            kind=node.kind,
            proved=node.proved,
            deps=node.deps,
        )
        self._index.add(node.name, statement_symbols(node.statement))

    def _link_similar(self, name: str) -> None:
        names = self._index.names
        similarity = self._index.similarities(name)
        chosen = _most_similar(
            similarity,
            names,
            exclude=self._index.position(name),
            k=self.k_similar,
            threshold=self.min_similarity,
        )
        for j in chosen:
            self._add_edge(name, names[j], "statement", float(similarity[j]))

    def _link_dependencies(self, name: str, deps: Iterable[str]) -> None:
        for dep in deps:
            if dep in self._graph:
                self._add_edge(name, dep, "dependency", self.dependency_weight)

    def _add_edge(self, u: str, v: str, kind: str, weight: float) -> None:
        """Add `weight` to edge u-v for `kind`, unless that kind joins them already.

        Self-loops are never stored (a theorem listed among its own deps adds
        nothing): isolated nodes get theirs virtually, in `weight_matrix`.
        """
        if u == v:
            return
        if self._graph.has_edge(u, v):
            data = self._graph[u][v]
            if kind in data["kinds"]:
                return
            data["weight"] += weight
            data["kinds"].add(kind)
        else:
            self._graph.add_edge(u, v, weight=float(weight), kinds={kind})
        self._step_tables.pop(u, None)
        self._step_tables.pop(v, None)

    # -- queries ------------------------------------------------------------

    def __len__(self) -> int:
        return self._graph.number_of_nodes()

    def __contains__(self, name: object) -> bool:
        return name in self._graph

    def names(self) -> list[str]:
        """All theorem names, sorted: the node order of every array returned."""
        return sorted(self._graph)

    def node(self, name: str) -> TheoremNode:
        """The theorem called `name`.

        Raises:
            UnknownTheoremError: if `name` is not in the graph.
        """
        attributes = self._attributes(name)
        return TheoremNode(name=name, **attributes)

    def nodes(self) -> list[TheoremNode]:
        """All theorems, sorted by name."""
        return [self.node(name) for name in self.names()]

    @property
    def graph(self) -> nx.Graph:
        """A read-only view of the underlying networkx graph."""
        return self._graph.copy(as_view=True)

    def neighbours(self, name: str) -> list[tuple[str, float]]:
        """The neighbours of `name` with edge weights, heaviest first, ties by name.

        Raises:
            UnknownTheoremError: if `name` is not in the graph.
        """
        self._attributes(name)
        pairs = [(v, data["weight"]) for v, data in self._graph[name].items()]
        return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))

    def _attributes(self, name: str) -> dict:
        if name not in self._graph:
            raise UnknownTheoremError(name)
        return self._graph.nodes[name]

    # -- the random walk ------------------------------------------------------

    def walk(
        self, start: str, steps: int, rng: np.random.Generator, lazy: bool = True
    ) -> list[str]:
        """A run of the reversible random walk `P(u, v) = w(u, v) / d(u)`.

        With `lazy`, each step first stays put with probability 1/2: the walk
        `(I + P) / 2`, which is aperiodic. A node without edges stays put.

        Returns:
            The `steps + 1` visited names, starting with `start`.

        Raises:
            UnknownTheoremError: if `start` is not in the graph.
            ValueError: if `steps` is negative.
        """
        self._attributes(start)
        if steps < 0:
            raise ValueError(f"steps must be >= 0, not {steps}")
        path = [start]
        for _ in range(steps):
            if lazy and rng.random() < 0.5:
                path.append(path[-1])
            else:
                path.append(self._step(path[-1], rng))
        return path

    def _step(self, u: str, rng: np.random.Generator) -> str:
        if u not in self._step_tables:
            targets = sorted(self._graph[u])
            weights = [self._graph[u][v]["weight"] for v in targets]
            self._step_tables[u] = (targets, np.cumsum(weights))
        targets, cumulative = self._step_tables[u]
        if not targets or cumulative[-1] <= 0:
            return u
        draw = rng.random() * cumulative[-1]
        j = int(np.searchsorted(cumulative, draw, side="right"))
        return targets[min(j, len(targets) - 1)]

    def weight_matrix(self) -> tuple[list[str], np.ndarray]:
        """The symmetric weight matrix W, shape `(n, n)`, rows in `names()` order.

        A node of degree 0 gets the virtual self-loop `W[u, u] = isolated_weight`,
        so that every degree `d(u) = W[u].sum()` is positive. Dense: n = 2,000
        takes 32 MB; graphs much larger need a sparse form.
        """
        names = self.names()
        position = {name: i for i, name in enumerate(names)}
        weights = np.zeros((len(names), len(names)))
        for u, v, w in self._graph.edges(data="weight"):
            weights[position[u], position[v]] = w
            weights[position[v], position[u]] = w
        isolated = np.flatnonzero(weights.sum(axis=1) <= 0)
        weights[isolated, isolated] = self.isolated_weight
        return names, weights

    def transition_matrix(self, lazy: bool = True) -> tuple[list[str], np.ndarray]:
        """The walk's transition matrix, shape `(n, n)`, rows in `names()` order.

        `P = D^-1 W` with W from `weight_matrix`, or `(I + P) / 2` if `lazy`.
        P is row-stochastic and reversible with respect to `stationary()`.
        """
        names, weights = self.weight_matrix()
        transition = weights / weights.sum(axis=1, keepdims=True)
        if lazy:
            transition = 0.5 * (np.eye(len(names)) + transition)
        assert transition.shape == (len(names), len(names))
        return names, transition

    def stationary(self) -> np.ndarray:
        """The stationary law `pi(u) = d(u) / vol`, shape `(n,)`, in `names()` order.

        Degrees are those of `weight_matrix`, virtual self-loops included; the
        same law serves the lazy walk.
        """
        _, weights = self.weight_matrix()
        degree = weights.sum(axis=1)
        return degree / degree.sum() if len(degree) else degree

    # -- files --------------------------------------------------------------

    def to_graphml(self, path: str | Path) -> None:
        """Write the graph to a GraphML file.

        `deps` is stored as a JSON list, `kinds` as sorted comma-separated
        names, and the graph parameters as graph attributes.
        """
        out = nx.Graph(
            k_similar=self.k_similar,
            min_similarity=self.min_similarity,
            dependency_weight=self.dependency_weight,
            isolated_weight=self.isolated_weight,
        )
        for name, data in self._graph.nodes(data=True):
            out.add_node(
                name,
                statement=data["statement"],
                kind=data["kind"],
                proved=bool(data["proved"]),
                deps=json.dumps(list(data["deps"]), ensure_ascii=False),
            )
        for u, v, data in self._graph.edges(data=True):
            out.add_edge(
                u, v, weight=data["weight"], kinds=",".join(sorted(data["kinds"]))
            )
        nx.write_graphml(out, str(path))

    @classmethod
    def from_graphml(cls, path: str | Path) -> TheoremGraph:
        """Read a graph written by `to_graphml`.

        Edges are taken as stored, not recomputed.

        Raises:
            GraphFormatError: if a node or edge lacks its attributes or has
                invalid ones.
        """
        stored = nx.read_graphml(str(path))
        parameters = {
            key: stored.graph[key]
            for key in (
                "k_similar",
                "min_similarity",
                "dependency_weight",
                "isolated_weight",
            )
            if key in stored.graph
        }
        graph = cls(**parameters)
        for name, data in stored.nodes(data=True):
            graph._insert(_node_from_graphml(name, data))
        for u, v, data in stored.edges(data=True):
            weight, kinds = _edge_from_graphml(u, v, data)
            graph._graph.add_edge(u, v, weight=weight, kinds=kinds)
        return graph


def _node_from_graphml(name: str, data: dict) -> TheoremNode:
    try:
        deps = json.loads(data["deps"])
        if not (isinstance(deps, list) and all(isinstance(d, str) for d in deps)):
            raise ValueError("deps is not a list of names")
        return TheoremNode(
            name=str(name),
            statement=data["statement"],
            kind=data["kind"],
            proved=bool(data["proved"]),
            deps=tuple(deps),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise GraphFormatError(f"node {name!r}: {error!r}") from error


def _edge_from_graphml(u: str, v: str, data: dict) -> tuple[float, set[str]]:
    try:
        weight = float(data["weight"])
        kinds = {k for k in str(data["kinds"]).split(",") if k}
    except (KeyError, ValueError) as error:
        raise GraphFormatError(f"edge {u!r}-{v!r}: {error!r}") from error
    if not (weight >= 0 and math.isfinite(weight)) or not kinds <= set(EDGE_KINDS):
        raise GraphFormatError(f"edge {u!r}-{v!r}: weight {weight}, kinds {kinds}")
    return weight, kinds
