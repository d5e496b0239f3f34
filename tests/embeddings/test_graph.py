"""Tests of embeddings.graph: statement symbols and shapes, the graph, the walk."""

from itertools import pairwise

import networkx as nx
import numpy as np
import pytest

from embeddings.graph import (
    DuplicateTheoremError,
    GraphFormatError,
    TheoremGraph,
    TheoremNode,
    UnknownTheoremError,
    statement_key,
    statement_shape,
    statement_symbols,
)

ADD_ZERO = "∀ (n : Nat), n + 0 = n"
ADD_COMM = "∀ (a b : Nat), a + b = b + a"
LENGTH_APPEND = (
    "∀ {α : Type} (as bs : List α), "
    "List.length (as ++ bs) = List.length as + List.length bs"
)
AND_SWAP = "∀ (p q : Prop), p ∧ q → q ∧ p"
NOT_NOT = "∀ (b : Bool), not (not b) = b"
SUCC_NE_ZERO = "Nat.succ 0 ≠ 0"


def seed(name, statement, deps=(), proved=True):
    return TheoremNode(name, statement, "seed", proved, tuple(deps))


def synthetic_nodes(count, rng):
    """`count` statements in 40 families of constants.

    Each proof uses two earlier theorems and a lemma missing from the graph.
    """
    types = ["Nat", "Int", "Bool", "List Nat", "Prop"]
    nodes = []
    for i in range(count):
        family = i % 40
        f, g = rng.choice(6, size=2, replace=False)
        t = types[family % len(types)]
        statement = (
            f"∀ (a b : {t}), Fam{family}.op{f} a (Fam{family}.op{g} b) "
            f"= Fam{family}.op{g} (Fam{family}.op{f} b a) + {i % 7}"
        )
        deps = (f"t{i - 1}", f"t{i // 2}", "Missing.lemma") if i > 0 else ()
        nodes.append(TheoremNode(f"t{i}", statement, "seed", True, deps))
    return nodes


def chain_graph():
    """The path a - b - c with weights 1 and 2, and an isolated d.

    a - b is a dependency, b - c a dependency and a mutation of weight 1;
    there are no statement edges (k_similar = 0).
    """
    graph = TheoremGraph.build(
        [seed("a", "A"), seed("b", "B", deps=["a"]), seed("d", "D")], k_similar=0
    )
    graph.add(seed("c", "C", deps=["b"]), parent="b", mutation_weight=1.0)
    return graph


def weighted_graph():
    """A triangle with a pendant and an isolated node, several edge weights."""
    graph = TheoremGraph.build(
        [seed("a", "A"), seed("b", "B", deps=["a"]), seed("z", "Z")], k_similar=0
    )
    graph.add(seed("c", "C", deps=["a"]), parent="b", mutation_weight=3.0)
    graph.add(seed("e", "E"), parent="c", mutation_weight=0.5)
    return graph


# -- statement_symbols and statement_shape -----------------------------------


@pytest.mark.parametrize(
    ("statement", "symbols"),
    [
        (ADD_ZERO, {"∀", "Nat", "+", "0", "="}),
        (ADD_COMM, {"∀", "Nat", "+", "="}),
        (LENGTH_APPEND, {"∀", "Type", "List", "List.length", "++", "=", "+"}),
        (AND_SWAP, {"∀", "Prop", "∧", "→"}),
        (NOT_NOT, {"∀", "Bool", "not", "="}),
        (SUCC_NE_ZERO, {"Nat.succ", "0", "≠"}),
    ],
)
def test_symbols_of_examples(statement, symbols):
    assert statement_symbols(statement) == frozenset(symbols)


@pytest.mark.parametrize(
    ("statement", "shape"),
    [
        (ADD_ZERO, "∀ (x0 : Nat), x0 + 0 = x0"),
        (ADD_COMM, "∀ (x0 x1 : Nat), x0 + x1 = x1 + x0"),
        (
            LENGTH_APPEND,
            (
                "∀ {x0 : Type} (x1 x2 : List x0), "
                "List.length (x1 ++ x2) = List.length x1 + List.length x2"
            ),
        ),
        (AND_SWAP, "∀ (x0 x1 : Prop), x0 ∧ x1 → x1 ∧ x0"),
        (NOT_NOT, "∀ (x0 : Bool), not (not x0) = x0"),
        (SUCC_NE_ZERO, "Nat.succ 0 ≠ 0"),
    ],
)
def test_shape_of_examples(statement, shape):
    assert statement_shape(statement) == shape


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("∀ (n : Nat), n + 0 = n", "∀ (m : Nat), m + 0 = m"),
        (AND_SWAP, "∀ (a b : Prop), a ∧ b → b ∧ a"),
        ("∃ x, x = 0", "∃ y, y = 0"),
        ("fun x => x + 1", "fun y => y + 1"),
        ("{x | x > 0}", "{y | y > 0}"),
        ("∀ {α : Type u} (l : List α), l = l", "∀ {β : Type v} (m : List β), m = m"),
    ],
)
def test_alpha_equivalent_statements_agree(first, second):
    assert statement_shape(first) == statement_shape(second)
    assert statement_symbols(first) == statement_symbols(second)


def test_shape_distinguishes_different_variable_use():
    assert statement_shape(ADD_COMM) != statement_shape("∀ (a b : Nat), a + b = a + b")


def test_shape_normalises_spacing_and_ascii_spellings():
    assert statement_shape("∀ (n:Nat), n+0=n") == statement_shape(ADD_ZERO)
    assert statement_shape("∀ (p q : Prop), p -> q") == "∀ (x0 x1 : Prop), x0 → x1"
    assert statement_shape("λ x ↦ x") == statement_shape("fun x => x") == "fun x0 => x0"
    assert statement_symbols("∀ (a b : Nat), a <= b") == {"∀", "Nat", "≤"}


def test_inner_binder_shadows_and_scope_ends_at_bracket():
    assert (
        statement_shape("∀ (x : Nat), (∀ (x : Nat), x = x) ∧ x = x")
        == "∀ (x0 : Nat), (∀ (x1 : Nat), x1 = x1) ∧ x0 = x0"
    )
    # Outside the parentheses `n` is no longer bound: it is a constant.
    statement = "(∀ (n : Nat), n = n) ∧ n = n"
    assert statement_shape(statement) == "(∀ (x0 : Nat), x0 = x0) ∧ n = n"
    assert "n" in statement_symbols(statement)


def test_binders_see_earlier_binders_only():
    statement = "∀ (h : ∀ x, P x) (y : T), h y = y"
    assert statement_shape(statement) == "∀ (x0 : ∀ x1, P x1) (x2 : T), x0 x2 = x2"
    assert statement_symbols(statement) == {"∀", "P", "T", "="}


@pytest.mark.parametrize(
    ("statement", "shape", "symbols"),
    [
        (
            "∀ {α : Type} [inst : Add α] (a : α), a + a = a",
            "∀ {x0 : Type} [x1 : Add x0] (x2 : x0), x2 + x2 = x2",
            {"∀", "Type", "Add", "+", "="},
        ),
        (
            "∀ {α : Type} [Add α] (a : α), a + a = a",
            "∀ {x0 : Type} [Add x0] (x1 : x0), x1 + x1 = x1",
            {"∀", "Type", "Add", "+", "="},
        ),
        (
            "∀ x > 0, ∃ y < x, y + 1 = x",
            "∀ x0 > 0, ∃ x1 < x0, x1 + 1 = x0",
            {"∀", ">", "0", "∃", "<", "+", "1", "="},
        ),
        ("∃! x, x = 0", "∃! x0, x0 = 0", {"∃!", "=", "0"}),
        ("fun ⟨a, b⟩ => a + b", "fun ⟨x0, x1⟩ => x0 + x1", {"fun", "+"}),
        (
            "{ x : Nat // x > 0 }",
            "{x0 : Nat // x0 > 0}",
            {"{}", "Nat", "//", ">", "0"},
        ),
        (
            "∀ {α : Type u_1} (l : List α), l ++ [] = l",
            "∀ {x0 : Type u0} (x1 : List x0), x1 ++ [] = x1",
            {"∀", "Type", "List", "++", "[]", "="},
        ),
        (
            "∀ (n : Nat), n.succ ≠ 0 ∧ (n, n).1 = n",
            "∀ (x0 : Nat), x0.succ ≠ 0 ∧ (x0, x0).1 = x0",
            {"∀", "Nat", ".succ", "≠", "0", "∧", ".1", "="},
        ),
        ("∀ (x✝ : Nat), x✝ = x✝", "∀ (x0 : Nat), x0 = x0", {"∀", "Nat", "="}),
        (
            '∀ (s : String), s ++ "a" ≠ ""',
            '∀ (x0 : String), x0 ++ "a" ≠ ""',
            {"∀", "String", "++", '"a"', "≠", '""'},
        ),
    ],
)
def test_binder_forms(statement, shape, symbols):
    assert statement_shape(statement) == shape
    assert statement_symbols(statement) == frozenset(symbols)


def test_shape_avoids_free_names_that_look_canonical():
    assert statement_shape("∀ (n : Nat), n = x0") == "∀ (x_0 : Nat), x_0 = x0"
    assert statement_shape("∀ (m : Nat), m = x0") == "∀ (x_0 : Nat), x_0 = x0"


def test_field_access_stays_attached():
    assert statement_shape("(f x).succ = f (.succ x)") == "(f x).succ = f (.succ x)"


def test_symbols_and_shape_never_raise_on_garbage():
    rng = np.random.default_rng(0)
    alphabet = list("∀∃(){}[]⟨⟩,:=>|.«»'\"_ xyz0→λ") + ["fun ", "Nat", "Type "]
    for _ in range(500):
        text = "".join(rng.choice(alphabet, size=int(rng.integers(0, 30))))
        assert isinstance(statement_symbols(text), frozenset)
        assert isinstance(statement_shape(text), str)
    deep = "(" * 3000 + "x" + ")" * 3000
    assert statement_symbols(deep) == {"x"}


def test_empty_statement():
    assert statement_symbols("") == frozenset()
    assert statement_shape("") == ""


# -- TheoremNode ---------------------------------------------------------------


def test_node_rejects_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        TheoremNode("t", ADD_ZERO, "lemma", False, ())


def test_node_deps_become_a_tuple():
    assert TheoremNode("t", ADD_ZERO, "seed", True, ["a"]).deps == ("a",)


# -- build, add, mark_proved ---------------------------------------------------


def test_statement_edges_join_similar_statements():
    graph = TheoremGraph.build(
        [
            seed("add_zero", ADD_ZERO),
            seed("zero_add", "∀ (n : Nat), 0 + n = n"),
            seed("not_not", NOT_NOT),
        ],
        # Three statements make a poor symbol-frequency sample: `∀` and `=`
        # still weigh 0.6 of `not` here, so ask for more than they can give.
        min_similarity=0.5,
    )
    assert graph.neighbours("add_zero") == [("zero_add", pytest.approx(1.0))]
    assert graph.neighbours("not_not") == []
    assert graph.graph.edges["add_zero", "zero_add"]["kinds"] == {"statement"}


def test_ties_are_broken_by_name():
    nodes = [seed(name, ADD_ZERO) for name in "dcba"]
    graph = TheoremGraph.build(nodes, k_similar=2)
    edges = {frozenset(edge) for edge in graph.graph.edges}
    assert edges == {frozenset(e) for e in ["ab", "ac", "bc", "ad", "bd"]}


def test_build_does_not_depend_on_node_order():
    nodes = synthetic_nodes(300, np.random.default_rng(1))
    first = TheoremGraph.build(nodes)
    second = TheoremGraph.build(reversed(nodes))
    assert edge_table(first) == edge_table(second)


def test_build_rejects_duplicate_names():
    with pytest.raises(DuplicateTheoremError):
        TheoremGraph.build([seed("t", ADD_ZERO), seed("t", ADD_COMM)])


def test_build_rejects_negative_parameters():
    with pytest.raises(ValueError):
        TheoremGraph.build([], k_similar=-1)
    with pytest.raises(ValueError):
        TheoremGraph(isolated_weight=0.0)


def test_kinds_of_one_edge_add_their_weights():
    graph = TheoremGraph.build(
        [
            seed("add_zero", ADD_ZERO),
            seed("zero_add", "∀ (n : Nat), 0 + n = n", deps=["add_zero"]),
        ],
        dependency_weight=0.5,
    )
    data = graph.graph.edges["add_zero", "zero_add"]
    assert data["kinds"] == {"statement", "dependency"}
    assert data["weight"] == pytest.approx(1.5)


def test_build_on_two_thousand_statements():
    nodes = synthetic_nodes(2000, np.random.default_rng(0))
    graph = TheoremGraph.build(nodes)
    assert len(graph) == 2000
    assert "Missing.lemma" not in graph
    for i in (1, 2, 999, 1999):
        kinds = graph.graph.edges[f"t{i}", f"t{i - 1}"]["kinds"]
        assert "dependency" in kinds
    statement_edges = [
        (u, v) for u, v, k in graph.graph.edges(data="kinds") if "statement" in k
    ]
    assert statement_edges
    for u, v in statement_edges[:200]:
        # Statement edges stay inside a family of constants.
        assert int(u[1:]) % 40 == int(v[1:]) % 40


def test_add_links_statement_dependency_and_mutation_edges():
    graph = TheoremGraph.build(
        [
            seed("add_zero", ADD_ZERO),
            seed("uses_later", NOT_NOT, deps=["later"]),
            seed("and_swap", AND_SWAP),
        ]
    )
    graph.add(
        TheoremNode("zero_add", "∀ (m : Nat), 0 + m = m", "conjecture", False, ()),
        parent="and_swap",
        mutation_weight=0.25,
    )
    assert graph.graph.edges["zero_add", "add_zero"]["kinds"] == {"statement"}
    assert graph.graph.edges["zero_add", "and_swap"]["kinds"] == {"mutation"}
    assert graph.graph.edges["zero_add", "and_swap"]["weight"] == 0.25
    graph.add(seed("later", SUCC_NE_ZERO))
    assert graph.graph.edges["uses_later", "later"]["kinds"] == {"dependency"}


def test_a_theorem_among_its_own_deps_makes_no_self_loop():
    graph = TheoremGraph.build([seed("a", ADD_ZERO, deps=["a"])])
    graph.add(seed("b", NOT_NOT, deps=["b"]))
    graph.mark_proved("a", deps=["a"])
    assert nx.number_of_selfloops(graph.graph) == 0


def test_add_rejects_duplicates_and_unknown_parents():
    graph = TheoremGraph.build([seed("add_zero", ADD_ZERO)])
    with pytest.raises(DuplicateTheoremError):
        graph.add(seed("add_zero", ADD_COMM))
    with pytest.raises(UnknownTheoremError):
        graph.add(seed("new", ADD_COMM), parent="nowhere")
    assert "new" not in graph
    with pytest.raises(ValueError):
        graph.add(seed("new", ADD_COMM), mutation_weight=-1.0)


def test_mark_proved_adds_deps_and_their_edges():
    graph = TheoremGraph.build(
        [
            seed("a", ADD_ZERO),
            seed("b", NOT_NOT),
            TheoremNode("c", AND_SWAP, "target", False, ("a",)),
        ],
        k_similar=0,
    )
    graph.mark_proved("c", deps=["b", "a", "b", "absent"])
    node = graph.node("c")
    assert node.proved and node.deps == ("a", "b", "absent")
    assert graph.neighbours("c") == [("a", 1.0), ("b", 1.0)]
    with pytest.raises(UnknownTheoremError):
        graph.mark_proved("nowhere")


def test_container_protocol():
    graph = chain_graph()
    assert len(graph) == 4
    assert "c" in graph and "x" not in graph
    assert graph.names() == ["a", "b", "c", "d"]
    assert graph.node("c") == seed("c", "C", deps=["b"])
    with pytest.raises(UnknownTheoremError):
        graph.node("x")


def test_neighbours_are_sorted_by_weight_then_name():
    graph = weighted_graph()
    assert graph.neighbours("c") == [("b", 3.0), ("a", 1.0), ("e", 0.5)]
    assert graph.neighbours("a") == [("b", 1.0), ("c", 1.0)]
    assert graph.neighbours("z") == []


# -- the walk and its matrices -------------------------------------------------


@pytest.mark.parametrize("lazy", [True, False])
def test_transition_matrix_is_stochastic_reversible_and_fixes_pi(lazy):
    synthetic = TheoremGraph.build(synthetic_nodes(150, np.random.default_rng(2)))
    for graph in (weighted_graph(), synthetic):
        names, transition = graph.transition_matrix(lazy=lazy)
        pi = graph.stationary()
        n = len(names)
        assert transition.shape == (n, n) and pi.shape == (n,)
        assert names == graph.names()
        assert np.all(transition >= 0)
        np.testing.assert_allclose(transition.sum(axis=1), 1.0, atol=1e-12)
        flow = pi[:, None] * transition
        np.testing.assert_allclose(flow, flow.T, atol=1e-12, rtol=0)
        np.testing.assert_allclose(pi @ transition, pi, atol=1e-12, rtol=0)
        assert pi.sum() == pytest.approx(1.0)


def test_isolated_node_gets_a_self_loop():
    graph = weighted_graph()
    names, transition = graph.transition_matrix(lazy=False)
    z = names.index("z")
    assert transition[z, z] == 1.0
    _, weights = graph.weight_matrix()
    pi = graph.stationary()
    assert pi[z] == pytest.approx(graph.isolated_weight / weights.sum())


def test_walk_stays_on_edges():
    graph = weighted_graph()
    rng = np.random.default_rng(7)
    path = graph.walk("a", 500, rng)
    assert len(path) == 501 and path[0] == "a"
    for u, v in pairwise(path):
        assert u == v or graph.graph.has_edge(u, v)
    assert set(path) == {"a", "b", "c", "e"}


def test_plain_walk_always_moves_and_isolated_node_stays():
    graph = chain_graph()
    path = graph.walk("a", 100, np.random.default_rng(3), lazy=False)
    assert all(u != v and graph.graph.has_edge(u, v) for u, v in pairwise(path))
    assert graph.walk("d", 10, np.random.default_rng(3)) == ["d"] * 11


def test_walk_is_reproducible_and_matches_stationary_law():
    graph = weighted_graph()
    first = graph.walk("a", 40_000, np.random.default_rng(11))
    assert first == graph.walk("a", 40_000, np.random.default_rng(11))
    names = graph.names()
    pi = graph.stationary()
    reachable = [i for i, name in enumerate(names) if name != "z"]
    expected = pi[reachable] / pi[reachable].sum()
    counts = np.array([first.count(names[i]) for i in reachable]) / len(first)
    np.testing.assert_allclose(counts, expected, atol=0.02)


def test_walk_rejects_bad_arguments():
    graph = chain_graph()
    with pytest.raises(UnknownTheoremError):
        graph.walk("nowhere", 3, np.random.default_rng(0))
    with pytest.raises(ValueError):
        graph.walk("a", -1, np.random.default_rng(0))


# -- GraphML ---------------------------------------------------------------------


def edge_table(graph):
    return {
        frozenset((u, v)): (data["weight"], frozenset(data["kinds"]))
        for u, v, data in graph.graph.edges(data=True)
    }


def test_graphml_round_trip(tmp_path):
    graph = TheoremGraph.build(
        [
            seed("Nat.add_zero", ADD_ZERO),
            seed("Nat.zero_add", "∀ (n : Nat), 0 + n = n", deps=["Nat.add_zero"]),
            seed("List.length_append", LENGTH_APPEND, deps=["Nat.add_zero", "gone"]),
            TheoremNode("and_swap", AND_SWAP, "target", False, ()),
            seed("«odd name»", SUCC_NE_ZERO),
        ],
        k_similar=3,
        min_similarity=0.1,
    )
    graph.add(
        TheoremNode("c1", "∀ (m : Nat), m + 0 + 0 = m", "conjecture", False, ()),
        parent="Nat.add_zero",
        mutation_weight=0.75,
    )
    path = tmp_path / "graph.graphml"
    graph.to_graphml(path)
    loaded = TheoremGraph.from_graphml(path)
    assert loaded.nodes() == graph.nodes()
    assert edge_table(loaded) == edge_table(graph)
    assert (loaded.k_similar, loaded.min_similarity) == (3, 0.1)
    np.testing.assert_array_equal(
        loaded.transition_matrix()[1], graph.transition_matrix()[1]
    )
    loaded.add(seed("later", "∀ (k : Nat), k + 0 = k"))
    assert "statement" in loaded.graph.edges["later", "Nat.add_zero"]["kinds"]


def test_from_graphml_rejects_foreign_files(tmp_path):
    path = tmp_path / "plain.graphml"
    nx.write_graphml(nx.path_graph(3), str(path))
    with pytest.raises(GraphFormatError):
        TheoremGraph.from_graphml(path)


@pytest.mark.parametrize("left,right", [
    ("∀ (n m : Nat), n + m = m + n", "∀ (a b : Nat), b + a = a + b"),
    ("∀ (b a : Nat), a + b = b", "∀ (x y : Nat), y = x + y"),
    ("∀ (a b c : Nat), a + b = c", "∀ (a b c : Nat), a + c = b"),
    ("∀ {a b : Prop}, a ∧ b ↔ b ∧ a", "∀ {p q : Prop}, q ∧ p ↔ p ∧ q"),
    ("∀ (n : Nat), n + 0 = n", "∀ (m : Nat), m = m + 0"),
    ("∀ {α : Type _} (as : List α), as ++ List.nil = as",
     "∀ {β : Type _} (l : List β), l = l ++ List.nil"),
    ("∀ {a b : Prop}, (a → b) ↔ (¬b → ¬a)", "∀ {a b : Prop}, (¬a → ¬b) ↔ (b → a)"),
    # Implicit or explicit, a leading binder states the same.
    ("∀ {a b : Prop}, a ∧ b → b ∧ a", "∀ (x y : Prop), x ∧ y → y ∧ x"),
    ("∀ ⦃n : Nat⦄, n = n", "∀ (m : Nat), m = m"),
])
def test_statement_key_merges_syntactic_variants(left, right):
    assert statement_key(left) == statement_key(right)


@pytest.mark.parametrize("left,right", [
    # `→` binds looser than `=`: the sides of `p → p = True` are not `p → p` and `True`.
    ("∀ (p : Prop), p → p = True", "∀ (p : Prop), True = p → p"),
    ("∀ (a b : Nat), a ≤ b → a < b", "∀ (a b : Nat), b ≤ a → a < b"),
    # Binders of different groups keep their order.
    ("∀ (a : Nat) (b : Bool), a = a", "∀ (b : Bool) (a : Nat), a = a"),
    ("∀ (a b : Nat), a ≤ b", "∀ (a b : Nat), a < b"),
])
def test_statement_key_keeps_different_statements_apart(left, right):
    assert statement_key(left) != statement_key(right)


def test_statement_key_values():
    assert statement_key("∀ (y x : Nat), x * y = y") == "∀ (x0 x1 : Nat), x0 * x1 = x1"
    assert statement_key("0 = Nat.pred 0") == statement_key("Nat.pred 0 = 0") == "0 = Nat.pred 0"
    assert statement_key("") == "" and statement_key("∀ (x : Nat") == "∀ (x0 : Nat"


def test_statement_key_of_a_long_binder_group_tries_at_most_120_orders():
    names = "a b c d e f g h i j k l m"
    key = statement_key(f"∀ ({names} : Nat), a + m = m + a")
    assert key == statement_key(f"∀ ({names} : Nat), m + a = a + m")
    assert statement_key("∀ (b a : Nat), a + b = b") == statement_key("∀ (x y : Nat), y = x + y")
