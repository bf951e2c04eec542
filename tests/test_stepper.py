"""Steps through every graph's forward and backward pass; labels per language; nudges."""
import re
import warnings

import numpy as np
import pytest

from common.graph import chapter
from common.graph.drawing import StepPicture, draw_graph, edge_labels, step_line, wrap_note
from common.graph.expression import expression_graph
from common.graph.figures import FIGURES
from common.graph.model import Graph
from common.graph.nudge import nudge_checks
from common.graph.stepper import (
    chain_products,
    graph_steps,
    local_derivative,
    topological_order,
)
from common.labels import LABELS, LANGS, fields, label
from conftest import MISSING_GLYPH

GRAPHS = {name: (builder, kwargs) for name, (builder, kwargs) in FIGURES.items()}


def build(name, lang="ja"):
    builder, kwargs = GRAPHS[name]
    return builder(**kwargs, lang=lang)


def edge_index(g, src, dst):
    return g.edges.index(g.edge(src, dst))


# --- the apple graph, step by step --------------------------------------------------------------

def test_apple_steps():
    g = chapter.apple_graph()
    steps = graph_steps(g)
    assert [(s.phase, s.node) for s in steps] == [
        ("forward", None), ("forward", "mul_apple"), ("forward", "mul_tax"),
        ("backward", None), ("backward", "mul_tax"), ("backward", "mul_apple"),
        ("chain", None)]
    assert [s.index for s in steps] == list(range(7)) and {s.count for s in steps} == {7}
    apple, num, mid, tax, price = (edge_index(g, *e) for e in [
        ("apple", "mul_apple"), ("apple_num", "mul_apple"), ("mul_apple", "mul_tax"),
        ("tax", "mul_tax"), ("mul_tax", "price")])
    assert steps[0].values == {apple, num, tax} and steps[0].grads == set()
    assert steps[1].values == {apple, num, tax, mid}
    assert steps[2].values == steps[5].values == set(range(5))
    assert steps[3].grads == {price}
    assert steps[4].grads == {price, mid, tax}
    assert steps[5].grads == set(range(5))
    assert steps[5].new == ((apple, "grad"), (num, "grad"))
    assert steps[6].values == steps[6].grads == set(range(5)) and steps[6].new == ()
    assert steps[1].text == "乗算ノード: 100 × 2 = 200"
    assert steps[2].text == "乗算ノード: 200 × 1.1 = 220"
    assert steps[5].text == ("乗算ノード: リンゴの値段へ 上流 1.1 × 局所的な微分 (もう一方の入力) 2"
                             " = 2.2、リンゴの個数へ 上流 1.1 × 局所的な微分 (もう一方の入力)"
                             " 100 = 110")
    # one input has no name (the apples' cost): no names at all
    assert "上流 1 × 局所的な微分 (もう一方の入力) 200 = 200" in steps[4].text
    assert steps[0].text == "入力から始める: リンゴの値段 = 100、リンゴの個数 = 2、消費税 = 1.1"
    assert steps[3].text == "出力から始める: 支払いの勾配 = 1"
    assert steps[6].text == ("連鎖律: ∂支払い/∂リンゴの値段 = 1 × 1.1 × 2 = 2.2、"
                             "∂支払い/∂リンゴの個数 = 1 × 1.1 × 100 = 110、"
                             "∂支払い/∂消費税 = 1 × 200 = 200")


def test_apple_steps_in_english():
    steps = graph_steps(chapter.apple_graph(lang="en"))
    assert steps[1].text == "multiplication node: 100 × 2 = 200"
    assert steps[5].text == ("multiplication node: apple price gets upstream 1.1 × local"
                             " derivative (the other input) 2 = 2.2; apple count gets upstream"
                             " 1.1 × local derivative (the other input) 100 = 110")
    assert steps[6].text == ("chain rule: ∂price/∂(apple price) = 1 × 1.1 × 2 = 2.2; "
                             "∂price/∂(apple count) = 1 × 1.1 × 100 = 110; "
                             "∂price/∂(consumption tax) = 1 × 200 = 200")
    assert step_line(steps[6]) == f"summary 7/7  {steps[6].text}"
    assert all(s.lang == "en" for s in steps)
    # the sentences follow the lang argument, whatever the graph was built with
    assert graph_steps(chapter.apple_graph(), lang="en")[1].text == steps[1].text


def test_forward_only_graph_has_forward_steps_only():
    steps = graph_steps(chapter.apple_graph(backward=False))
    assert [s.phase for s in steps] == ["forward"] * 3
    assert all(not s.grads for s in steps)


def test_numbers_in_sentences_have_no_float_noise():
    steps = graph_steps(chapter.apple_orange_graph())
    texts = " ".join(s.text for s in steps)
    assert "1.1 × 局所的な微分 (もう一方の入力) 3 = 3.3" in texts  # 1.1 * 3 = 3.3000000000000003
    assert "0000000" not in texts
    assert "650 × 1.1 = 715" in texts and "200 + 450 = 650" in texts
    assert "加算ノード: 上流 1.1 × 局所的な微分 1 = 1.1 (そのまま下流へ流す)" in texts
    assert "∂支払い/∂みかんの値段 = 1 × 1.1 × 1 × 3 = 3.3" in steps[-1].text


# --- every graph --------------------------------------------------------------------------------

GRAPH_NAMES = [name for name in GRAPHS if not name.endswith("_forward")]
MATRIX_GRAPHS = {"affine_single", "affine_batch", "two_layer_net"}  # no chain step on arrays


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", GRAPH_NAMES)
def test_steps_of_every_graph(name, lang):
    g = build(name, lang)
    steps = graph_steps(g)
    nodes = list(g.nodes)
    chain = name not in MATRIX_GRAPHS
    assert len(steps) == 2 * (len(nodes) + 1) + chain
    assert [s.phase for s in steps].count("chain") == chain
    if chain:
        assert steps[-1].phase == "chain" and steps[-1].node is None and steps[-1].new == ()
        steps = steps[:-1]
    forward = [s.node for s in steps[1:len(nodes) + 1]]
    backward = [s.node for s in steps[len(nodes) + 2:]]
    assert sorted(forward) == sorted(nodes) and backward == forward[::-1]
    position = {name: k for k, name in enumerate(forward)}
    for e in g.edges:  # topological: every node after the nodes feeding it
        if e.src in g.nodes and e.dst in g.nodes:
            assert position[e.src] < position[e.dst], (e.src, e.dst)
    for s in steps:
        if s.phase == "forward" and s.node is not None:
            assert {k for k, _ in s.new} == {k for k, e in enumerate(g.edges)
                                              if e.src == s.node}
        if s.phase == "backward" and s.node is not None:  # the gradients of its inputs
            assert {k for k, _ in s.new} == {k for k, e in enumerate(g.edges)
                                              if e.dst == s.node and e.grad is not None}
        assert s.text and "0000000" not in s.text and "nan" not in s.text
    assert steps[len(nodes)].values == set(range(len(g.edges)))
    assert steps[-1].grads == {k for k, e in enumerate(g.edges) if e.grad is not None}
    for earlier, later in zip(steps, steps[1:], strict=False):  # revealed stays revealed
        assert earlier.values <= later.values and earlier.grads <= later.grads
    # gradients appear in reverse order: nothing before the backward phase
    assert all(not s.grads for s in steps if s.phase == "forward")
    texts = {s.text for s in steps}
    other = {s.text for s in graph_steps(g, lang="en" if lang == "ja" else "ja")}
    assert texts != other


def test_sigmoid_sentences():
    texts = [s.text for s in graph_steps(chapter.sigmoid_graph())]
    assert "exp ノード: exp(-1) = 0.3679" in texts
    assert "/ ノード: 1 / 1.368 = 0.7311" in texts
    assert "/ ノード: 上流 1 × 局所的な微分 -y² = 1 × (-0.5344) = -0.5344" in texts
    assert "exp ノード: 上流 (-0.5344) × 局所的な微分 exp(a) = (-0.5344) × 0.3679 = -0.1966" \
        in texts
    # a negative upstream gradient in parentheses, as the other operand
    assert "加算ノード: 上流 (-0.5344) × 局所的な微分 1 = -0.5344 (そのまま下流へ流す)" in texts
    assert texts[-2] == ("乗算ノード: x へ 上流 (-0.1966) × 局所的な微分 (もう一方の入力) (-1)"
                         " = 0.1966")
    # 1 × (-y²) × 1 × exp(-x) × (-1) = y(1 - y)
    assert texts[-1] == "連鎖律: ∂y/∂x = 1 × (-0.5344) × 1 × 0.3679 × (-1) = 0.1966"
    y = 1 / (1 + np.exp(-1.0))
    assert f"{y * (1 - y):.4f}" == "0.1966"
    other = [s.text for s in graph_steps(chapter.sigmoid_graph(x=0.5, dout=0.7), "en")]
    assert other[-1].startswith("chain rule: ∂L/∂x = 0.7 × ")  # a loss beyond y


def test_branches_add_their_gradients():
    g = chapter.softmax_graph()
    steps = {s.node: s.text for s in graph_steps(g) if s.phase == "backward"}
    r = g.edge("sum", "inv")
    parts = [g.edge("inv", f"mul{k}").grad for k in range(3)]
    assert steps["inv"].startswith("分岐: 3 つの勾配を足す 0 + 0 + (-74.12) = -74.12。")
    assert sum(parts) == pytest.approx(-74.12, abs=0.01)
    assert f"= {r.grad:.4g}" in steps["inv"]  # then the / node's rule
    # its output is 1/S, not the softmax output y: named so
    assert ("/ ノード: 上流 (-74.12) × 局所的な微分 -(1/S)² = (-74.12) × (-0.000182) = 0.01349"
            in steps["inv"])
    assert steps["exp2"].startswith("分岐: 2 つの勾配を足す (-0.01832) + 0.01349 = -0.004824")
    assert steps["exp2"].endswith("= -0.2634")
    assert "branch: add the 3 gradients" in graph_steps(g, "en")[13].text
    chain = graph_steps(g)[-1].text  # every a_k reaches the output along 4 paths
    assert chain.startswith("連鎖律: ∂L/∂a₁ = 0 × 0.01349 × 1.35 + 0 × 1.35 × (-0.000182) × 1 × "
                            "1.35 + ")
    assert chain.count(" + ") == 3 * 3 and chain.endswith("= -0.2634")


ONE_INPUT = ("exp", "reciprocal", "log", "square", "power", "sigmoid")


def one_input_sentences(lang):
    """(graph, node, backward sentence) of every one-input node of the chapter's graphs and of
    a few typed expressions."""
    graphs = [build(name, lang) for name in SCALAR_GRAPHS]
    for text in ("(x + y) ** 2", "1 / (1 + exp(-x))", "log(x) * y ** 3", "x ** 1 + y ** 4"):
        values = {name: value for name, value in (("x", 1.5), ("y", -0.4)) if name in text}
        graphs.append(expression_graph(text, lang=lang, **values))
    for g in graphs:
        for s in graph_steps(g):
            if s.phase == "backward" and s.node in g.nodes and g.nodes[s.node].kind in ONE_INPUT:
                yield g, s.node, s.text


def number(text):
    return float(text.strip("()"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_backward_sentence_is_upstream_times_local_derivative(lang):
    # "exp ノード: 上流 0.5 × 局所的な微分 exp(a) = 0.5 × 0.3679 = 0.1839": the local derivative
    # named by its formula, then its value as one number, and the product
    term = r"(\(-[\d.e+-]+\)|[\d.e+-]+)"
    pattern = re.compile(rf"(?:上流|upstream) {term} × (?:局所的な微分|local derivative) (.+?)"
                         rf" = {term} × {term} = {term}$")
    seen = set()
    for g, node, text in one_input_sentences(lang):
        kind = g.nodes[node].kind
        seen.add(kind)
        match = pattern.search(text)
        assert match, text
        dout, formula, dout_again, local, grad = match.groups()
        assert dout == dout_again and formula
        edge = next(e for e in g.edges if e.dst == node)
        assert number(local) == pytest.approx(local_derivative(g, edge), rel=1e-3), text
        assert number(grad) == pytest.approx(number(dout) * number(local), rel=2e-3, abs=1e-4)
        assert number(grad) == pytest.approx(edge.grad, rel=1e-3, abs=1e-12)
        assert "²)" not in text.split("=")[-2]  # a value, never (-0.01349²)
    assert seen == set(ONE_INPUT)


def test_local_derivatives_are_named_by_their_formula():
    texts = [text for _, _, text in one_input_sentences("ja")]
    assert "**2 ノード: 上流 1 × 局所的な微分 2t = 1 × 6 = 6" in texts
    assert any("局所的な微分 -(1/S)² = (-74.12) × (-0.000182) = 0.01349" in t
               for t in texts)
    assert any("局所的な微分 1/y₃ = " in t for t in texts)  # the log node's input
    assert any("局所的な微分 4y³ = " in t for t in texts)
    assert any("局所的な微分 1 = " in t for t in texts)  # x ** 1
    assert any("sigmoid ノード: 上流 1 × 局所的な微分 y(1 - y) = 1 × 0.1966 = 0.1966" == t
               for t in texts)


def test_english_node_names_are_lower_case_as_in_japanese():
    words = {"multiplication node", "addition node", "exp node", "log node", "/ node",
             "**2 node", "**3 node", "dot node", "branch"}
    seen = set()
    for name in GRAPH_NAMES:
        for s in graph_steps(build(name, "en")):
            head = re.split(r"[:.]", s.text)[0]
            seen |= {w for w in words if s.text.startswith(w) or f". {w}" in s.text}
            assert not head[:1].isupper() or head.split()[0] in (
                "Affine", "ReLU", "Softmax-with-Loss"), s.text
    assert seen >= words - {"**3 node"}
    text = graph_steps(expression_graph("y ** 3", lang="en", y=2.0))[-2].text
    assert text.startswith("**3 node: upstream 1 × local derivative 3y² = 1 × 12 = 12")
    assert not [key for key, text in LABELS["en"].items() if key.startswith("rule.") and
                re.match(r"(Reciprocal|Square|Power|Multiplication|Addition|Branch)", text)]


def test_a_multiplication_node_says_which_input_gets_which_gradient():
    mul = {lang: graph_steps(chapter.mul_node_graph(lang=lang))[-2].text for lang in LANGS}
    assert mul["ja"] == ("乗算ノード: x へ 上流 1.3 × 局所的な微分 (もう一方の入力) 5 = 6.5、"
                         "y へ 上流 1.3 × 局所的な微分 (もう一方の入力) 10 = 13")
    assert mul["en"] == ("multiplication node: x gets upstream 1.3 × local derivative (the"
                         " other input) 5 = 6.5; y gets upstream 1.3 × local derivative (the"
                         " other input) 10 = 13")
    softmax = {s.node: s.text for s in graph_steps(chapter.softmax_graph())}
    assert softmax["mul2"].startswith("乗算ノード: exp(a₃) へ 上流 (-1.358) × ")
    assert "、1/S へ 上流 (-1.358) × " in softmax["mul2"]
    # an input without a name (the apples' cost), a name used twice (x * x) or a long name:
    # no names, the sentence as before
    apple = graph_steps(chapter.apple_graph())[4].text
    assert apple.startswith("乗算ノード: 上流 1 × 局所的な微分 (もう一方の入力) 1.1 = 1.1、上流")
    square = graph_steps(expression_graph("x * x", x=2.0))[3].text
    assert square == ("乗算ノード: 上流 1 × 局所的な微分 (もう一方の入力) 2 = 2、"
                      "上流 1 × 局所的な微分 (もう一方の入力) 2 = 2")
    g = chapter.mul_node_graph()
    g.edge("x", "op").value_name = "a_very_long_input_name"
    assert "へ" not in graph_steps(g)[-2].text


# --- the chain rule along each path -----------------------------------------------------------

SCALAR_GRAPHS = [name for name in GRAPH_NAMES if name not in MATRIX_GRAPHS]
RULES = {  # the local derivative of each kind, from the forward values alone
    "mul": lambda g, e, ins, out: next(x.value for x in ins if x is not e),
    "add": lambda g, e, ins, out: 1.0,
    "exp": lambda g, e, ins, out: out,
    "reciprocal": lambda g, e, ins, out: -out ** 2,
    "log": lambda g, e, ins, out: 1 / e.value,
    "square": lambda g, e, ins, out: 2 * e.value,
    "sigmoid": lambda g, e, ins, out: out * (1 - out),
}


def rule(g, e):
    ins = [x for x in g.edges if x.dst == e.dst]
    out = next(x.value for x in g.edges if x.src == e.dst)
    return RULES[g.nodes[e.dst].kind](g, e, ins, out)


@pytest.mark.parametrize("name, kwargs", [(name, {}) for name in SCALAR_GRAPHS] + [
    ("sigmoid_graph", {"x": -2.5, "dout": 0.0}),  # every upstream gradient 0: the rules give them
    ("softmax_graph", {"a": (1.0, -2.0, 0.5, 3.0), "t": (0, 1, 0, 0)}),
    ("apple_orange_backward", {"apple": 0, "orange_num": 7, "tax": 1.37}),
])
def test_chain_products_are_the_gradients_on_the_input_edges(name, kwargs):
    builder, base = GRAPHS[name]
    g = builder(**base | kwargs)
    for e in g.edges:  # each local derivative is what the node's rule says
        if e.dst in g.nodes and e.grad is not None:
            assert local_derivative(g, e) == pytest.approx(rule(g, e), rel=1e-12, abs=1e-300)
    products = chain_products(g)
    inputs = [k for k, e in enumerate(g.edges) if e.src in g.terminals and e.grad is not None]
    assert sorted(products) == inputs
    for k, paths in products.items():
        total = sum(top * np.prod(factors) for top, factors in paths)
        assert total == pytest.approx(g.edges[k].grad, rel=1e-9, abs=1e-12)
        assert all(len(factors) >= 1 for _, factors in paths)
    text = graph_steps(g)[-1].text
    for k in inputs:
        assert f"/∂{g.terminals[g.edges[k].src].label}" in text.replace("(", "").replace(")", "")


def test_chain_products_follow_every_path():
    g = chapter.softmax_graph()
    paths = chain_products(g)[g.edges.index(g.edge("a0", "exp0"))]
    assert len(paths) == 1 + 3  # straight to its ×, or through +, / and each of the 3 ×
    assert [len(factors) for _, factors in paths] == [2, 4, 4, 4]
    apple = chapter.apple_graph()
    assert chain_products(apple)[0] == [(1, [pytest.approx(1.1), 2.0])]
    assert chain_products(chapter.affine_batch_graph()) == {}  # arrays: no chain step
    assert chain_products(chapter.apple_graph(backward=False)) == {}


def test_long_step_lines_wrap_at_their_clauses():
    text = graph_steps(chapter.apple_orange_graph())[-1].text
    wrapped = wrap_note(text, width=60)
    assert wrapped.replace("\n", "") == text and wrapped.count("\n") >= 2
    assert all(line.endswith("、") for line in wrapped.split("\n")[:-1])
    assert wrap_note("short、text") == "short、text"
    en = graph_steps(chapter.apple_graph(lang="en"))[-1].text
    assert all(line.endswith("; ") for line in wrap_note(en, width=60).split("\n")[:-1])


def test_layer_sentences_give_shapes():
    affine = {s.node: s.text for s in graph_steps(chapter.affine_batch_graph())
              if s.phase == "backward"}
    assert "∂L/∂X = ∂L/∂Y · Wᵀ  (3, 4)·(4, 2) → (3, 2)" in affine["dot"]
    assert "∂L/∂W = Xᵀ · ∂L/∂Y  (2, 3)·(3, 4) → (2, 4)" in affine["dot"]
    assert "(3, 4) → (4,)" in affine["add"]
    net = {(s.phase, s.node): s.text for s in graph_steps(chapter.two_layer_net_graph())}
    assert net["forward", "affine1"] == "Affine: Y = X · W + b  (3, 4)·(4, 5) + (5,) → (3, 5)"
    assert "∂L/∂X = ∂L/∂Y · Wᵀ  (3, 3)·(3, 5) → (3, 5)" in net["backward", "affine2"]
    assert "使わない" in net["backward", "affine1"]  # TwoLayerNet skips the first layer's dX
    g = chapter.two_layer_net_graph()
    zeros = int(np.sum(g.edge("affine1", "relu").value <= 0))
    assert f"{zeros} 個" in net["forward", "relu"] and f"{zeros} 個" in net["backward", "relu"]
    assert "(y - t) / N" in net["backward", "loss"]


def test_two_layer_net_graph_runs_the_real_net():
    g = chapter.two_layer_net_graph(batch=4, input_size=6, hidden_size=7, output_size=2)
    assert g.edge("X", "affine1").value.shape == (4, 6)
    assert g.edge("affine1", "relu").value.shape == (4, 7)
    assert g.edge("W2", "affine2").grad.shape == (7, 2)
    relu_in, relu_out = g.edge("affine1", "relu").value, g.edge("relu", "affine2").value
    np.testing.assert_array_equal(relu_out, np.maximum(relu_in, 0))
    np.testing.assert_array_equal(g.edge("affine1", "relu").grad,
                                  np.where(relu_in > 0, g.edge("relu", "affine2").grad, 0))
    assert g.edge("X", "affine1").grad is None  # as in TwoLayerNet.gradient
    with pytest.raises(ValueError, match="batch must be a whole number"):
        chapter.two_layer_net_graph(batch=0)


def test_the_two_layer_net_graph_checks_its_gradients_against_two_layer_net(monkeypatch):
    from common.two_layer_net import TwoLayerNet

    def skips_the_relu(self, x, t):  # a gradient() that sets dW and db, but wrongly
        self.loss(x, t)
        dout = self.layers["Affine2"].backward(self.lastLayer.backward(1))
        self.layers["Affine1"].backward(dout)
        return {"W1": self.layers["Affine1"].dW, "b1": self.layers["Affine1"].db,
                "W2": self.layers["Affine2"].dW, "b2": self.layers["Affine2"].db}

    g = chapter.two_layer_net_graph()  # the drawn gradients are the layer-by-layer ones
    monkeypatch.setattr(TwoLayerNet, "gradient", skips_the_relu)
    with pytest.raises(AssertionError, match="layer-by-layer W1 gradient differs"):
        chapter.two_layer_net_graph()
    monkeypatch.undo()
    np.testing.assert_allclose(g.edge("W1", "affine1").grad, TwoLayerNet.gradient(
        *_net_of(g))["W1"], rtol=1e-12)


def _net_of(g):
    """(a TwoLayerNet with the graph's parameters, its x, its t)."""
    from common.two_layer_net import TwoLayerNet
    w1, w2 = g.edge("W1", "affine1").value, g.edge("W2", "affine2").value
    net = TwoLayerNet(w1.shape[0], w1.shape[1], w2.shape[1])
    for key, ends in (("W1", ("W1", "affine1")), ("b1", ("b1", "affine1")),
                      ("W2", ("W2", "affine2")), ("b2", ("b2", "affine2"))):
        net.params[key][...] = g.edge(*ends).value
    return net, g.edge("X", "affine1").value, g.edge("t", "loss").value


def test_unknown_kinds_and_cycles_get_clear_errors():
    g = Graph()
    g.add_input("x", "x", (0, 0))
    g.add_node("n", "sin", (1, 0))
    g.add_output("y", "y", (2, 0))
    g.add_edge("x", "n", 1.0)
    g.add_edge("n", "y", 0.84)
    with pytest.raises(ValueError, match="kind 'sin'.*kind="):
        graph_steps(g)
    g.add_node("m", "+", (1, 1))
    g.add_edge("n", "m", 1.0)
    g.add_edge("m", "n", 1.0)
    with pytest.raises(ValueError, match="cycle"):
        topological_order(g)
    with pytest.raises(ValueError, match="lang must be one of"):
        graph_steps(chapter.apple_graph(), lang="fr")


# --- drawing the steps ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["apple_backward", "softmax_graph", "two_layer_net"])
def test_step_drawings_keep_their_size_and_show_only_what_is_reached(name):
    g = build(name)
    steps = graph_steps(g)
    sizes = set()
    for step in steps:
        fig = draw_graph(g, step=step, notes=steps)
        sizes.add(tuple(fig.get_size_inches()))
        texts = {t.get_text() for t in fig.axes[0].texts if t.get_visible() and t.get_text()}
        for k, edge in enumerate(g.edges):
            for kind, shown in (("value", step.values), ("grad", step.grads)):
                text = edge.value_text() if kind == "value" else edge.grad_text()
                if text and k in shown:
                    assert text in texts
        rings = [p for p in fig.axes[0].patches if p.get_visible() and p.get_linewidth() > 3]
        assert len(rings) == (step.node is not None)
        assert any(t.startswith(label("phase." + step.phase)) and step.text in t.replace("\n", "")
                   for t in texts)
    assert len(sizes) == 1
    first = draw_graph(g, step=steps[0], notes=steps)
    hidden = [t for t in first.axes[0].texts if not t.get_visible()]
    assert {t.get_text() for t in hidden} >= {e.grad_text() for e in g.edges if e.grad_text()}


@pytest.mark.parametrize("name", ["apple_orange_backward", "softmax_graph", "two_layer_net"])
def test_step_picture_matches_a_full_drawing(name):
    g = build(name)
    steps = graph_steps(g)
    picture = StepPicture(g, steps, dpi=80)
    shapes = set()
    for step in [*steps[::3], steps[-1], None]:
        fast = picture.render(step)
        fig = draw_graph(g, step=step, notes=steps)
        fig.set_dpi(80)
        fig.canvas.draw()
        full = np.asarray(fig.canvas.buffer_rgba())
        assert fast.shape == full.shape
        assert np.abs(fast.astype(int) - full.astype(int)).max() <= 3  # rounding of layers
        shapes.add(fast.shape)
    assert len(shapes) == 1
    assert not np.array_equal(picture.render(steps[0]), picture.render(steps[-1]))


def test_step_sentences_have_every_glyph():
    for lang in LANGS:
        g = chapter.softmax_graph(lang=lang)
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=MISSING_GLYPH)  # only that warning
            StepPicture(g, graph_steps(g), dpi=40)
            g = chapter.two_layer_net_graph(lang=lang)
            StepPicture(g, graph_steps(g), dpi=40)


# --- labels -------------------------------------------------------------------------------------

def test_every_label_exists_in_every_language_with_the_same_fields():
    keys = set(LABELS["ja"])
    for lang in LANGS:
        assert set(LABELS[lang]) == keys, lang
    for key in keys:
        assert fields(key, "ja") == fields(key, "en"), key
    assert label("apple") == "リンゴ" and label("apple", "en") == "apple"
    with pytest.raises(KeyError, match="no label 'nope'"):
        label("nope")
    with pytest.raises(ValueError, match="lang must be one of 'ja', 'en'"):
        label("apple", "de")


def test_label_with_missing_fields_names_the_key_and_the_fields():
    assert label("rule.mul.forward", expr="100 × 2", out="200") == "乗算ノード: 100 × 2 = 200"
    for filled in ({}, {"expr": "100 × 2"}, {"out": "200", "other": "1"}):
        with pytest.raises(KeyError) as caught:
            label("rule.mul.forward", "en", **filled)
        message = str(caught.value)
        assert message.startswith("label 'rule.mul.forward' (lang='en') needs the fields "), message
        missing = sorted({"expr", "out"} - set(filled))
        assert f"missing: {', '.join(missing)}" in message, message
    for lang in LANGS:  # every template: all its fields, or an error; none comes back with {…}
        for key, text in LABELS[lang].items():
            names = fields(key, lang)
            assert label(key, lang, **dict.fromkeys(names, 1)).count("{") == text.count("{{")
            if names:
                with pytest.raises(KeyError, match=f"label {key!r}"):
                    label(key, lang)


@pytest.mark.parametrize("name", list(GRAPHS))
def test_figures_speak_the_language_asked_for(name):
    ja, en = build(name, "ja"), build(name, "en")
    assert ja.title != en.title
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in ja.title)
    assert all(ord(ch) < 0x3000 for ch in en.title + en.caption
               + "".join(t.label for t in en.terminals.values()))


def test_purchase_figures_use_japanese_words():
    g = chapter.apple_orange_graph()
    words = {t.label for t in g.terminals.values()}
    assert words == {"リンゴの値段", "リンゴの個数", "みかんの値段", "みかんの個数", "消費税",
                     "支払い"}
    assert chapter.apple_graph().title == "リンゴの買い物: 順伝播 (黒) と逆伝播 (赤)"
    en = {t.label for t in chapter.apple_orange_graph(lang="en").terminals.values()}
    assert en == {"apple price", "apple count", "orange price", "orange count", "consumption tax",
                  "price"}


def test_labels_use_the_books_words():
    ja, en = LABELS["ja"], LABELS["en"]
    assert "ひっくり返した値" in ja["title.mul_node"]
    assert "ひっくり返した値" in ja["exercise.hint.mul"]
    assert ja["exercise.input.dAllPrice"] == "税抜きの合計金額"
    assert "シード" in ja["caption.two_layer_net"]
    assert not [key for key, text in ja.items() if "種" in text or "税率" in text]
    assert "下流" in ja["rule.add.backward"] and "下流" in ja["rule.relu.backward"]
    stiff = (r"as it is", r"nobody", r"the upstream(?! gradient)", r"CS231n's reading",
             r"swaps its inputs", r"to the Softmax layer flows", r"at most 0", r"\bMul node",
             r"\bAdd node", r"\blearn(s|ed)?\b", r"Cross Entropy")  # "training", not "learning"
    assert not [(key, s) for key, text in en.items() for s in stiff if re.search(s, text)]
    assert (en["mark.right"], en["mark.wrong"]) == ("✓", "✗")
    assert (ja["mark.right"], ja["mark.wrong"]) == ("○", "×")
    assert "chapter 8" in en["breakit.skip"] and "8 章" in ja["breakit.skip"]


# --- nudges -------------------------------------------------------------------------------------

def test_nudges_of_the_apple_graph():
    checks = nudge_checks(chapter.apple_graph)
    assert [c.name for c in checks] == ["apple", "apple_num", "tax"]
    assert checks[0].text == ("リンゴの値段を +1 円 → 支払い 220 → 222.2 "
                              "(勾配 2.2 × 1 = 2.2 のとおり)")
    assert checks[2].text == "消費税を +0.01 → 支払い 220 → 222 (勾配 200 × 0.01 = 2 のとおり)"
    en = nudge_checks(chapter.apple_graph, lang="en")
    assert en[0].text == ("apple price +1 yen → price 220 → 222.2 "
                          "(as the gradient says: 2.2 × 1 = 2.2)")


@pytest.mark.parametrize("inputs", [{}, {"apple": 130, "orange_num": 5, "tax": 1.08}])
def test_nudges_agree_with_the_gradients(inputs):
    checks = nudge_checks(chapter.apple_orange_graph, **inputs)
    assert len(checks) == 5
    for check in checks:
        assert check.change == pytest.approx(check.predicted, rel=1e-9, abs=1e-9)
    with pytest.raises(TypeError, match="no input banana"):
        nudge_checks(chapter.apple_graph, banana=3)


# --- new numbers on a drawn picture (a slider moved) ---------------------------------------------

def _place_and_ink(a, b):
    """(largest offset between the inked boxes in pixels, ratio of total ink) of two layers."""
    (ta, la, _, alpha_a), (tb, lb, _, alpha_b) = a, b
    edges = max(abs(ta - tb), abs(la - lb), abs(ta + alpha_a.shape[0] - tb - alpha_b.shape[0]),
                abs(la + alpha_a.shape[1] - lb - alpha_b.shape[1]))
    return edges, alpha_b.sum() / alpha_a.sum()


@pytest.mark.parametrize("name", ["apple_orange_backward", "sigmoid_graph", "softmax_graph",
                                  "cross_entropy_graph", "affine_batch"])
def test_label_stamps_draw_where_matplotlib_draws(name):
    from common.graph.drawing import _LabelStamp
    picture = StepPicture(build(name), [], dpi=80, sentences=False)
    renderer = picture.fig.canvas.get_renderer()
    for key, artist in picture.artists.labels.items():
        stamp = _LabelStamp(artist, renderer)
        edges, ink = _place_and_ink(picture.label_layer(key), stamp.layer(artist.get_text()))
        assert edges <= 1 and 0.85 < ink < 1.15, (artist.get_text(), edges, ink)
        longer = stamp.layer(artist.get_text() + "0")  # another text does not pass
        assert _place_and_ink(picture.label_layer(key), longer)[0] > 1


def _label_boxes(picture, grow=2):
    """A mask of the pixels within `grow` of any label layer of the picture."""
    mask = np.zeros(picture.background.shape[:2], dtype=bool)
    keys = picture.artists.labels
    for layer in [*(picture.label_layer(k) for k in keys),
                  *(picture.label_layer(k, first=True) for k in keys)]:
        if layer is not None:
            top, left, _, alpha = layer
            mask[max(0, top - grow):top + alpha.shape[0] + grow,
                 max(0, left - grow):left + alpha.shape[1] + grow] = True
    return mask


@pytest.mark.parametrize("builder, inputs", [
    (chapter.apple_orange_graph, {"apple": 123, "orange_num": 7, "tax": 1.37}),
    (chapter.sigmoid_graph, {"x": -6.0, "dout": 0.7}),
    (chapter.softmax_graph, {"a": (-6.0, 2.9, 6.0), "t": (1, 0, 0)}),
    (chapter.two_layer_net_graph, {"seed": 5}),
])
def test_step_picture_takes_the_numbers_of_a_graph_of_the_same_shape(builder, inputs):
    import dataclasses
    first = dataclasses.replace(builder(), caption="")
    other = dataclasses.replace(builder(**inputs), caption="")
    picture = StepPicture(first, [], dpi=80, sentences=False)
    steps = graph_steps(other)
    before = [picture.render(step) for step in (steps[-1], None)]
    assert picture.update(other)
    assert {k: a.get_text() for k, a in picture.artists.labels.items()} == edge_labels(other)
    fresh = StepPicture(other, [], dpi=80, sentences=False)
    for step in (*steps[::3], steps[-1], None):
        new, expected = picture.render(step), fresh.render(step)
        assert new.shape == expected.shape
        differs = np.abs(new.astype(int) - expected.astype(int)).max(axis=2) > 3
        assert not np.any(differs & ~_label_boxes(picture))  # only the numbers were redrawn
    for key, artist in fresh.artists.labels.items():  # and each where a full drawing has it
        if "\n" not in artist.get_text():
            edges, ink = _place_and_ink(fresh.label_layer(key), picture.label_layer(key))
            assert edges <= 1 and 0.85 < ink < 1.15, artist.get_text()
    assert picture.update(first)  # back to the first numbers: the first picture exactly
    assert [picture.render(step) for step in (steps[-1], None)][1].tobytes() == before[1].tobytes()


def test_step_picture_refuses_another_shape_or_a_label_that_does_not_fit():
    import dataclasses
    g = chapter.apple_graph()
    picture = StepPicture(g, [], dpi=80, sentences=False)
    image = picture.render(None)
    assert not picture.update(chapter.apple_graph(lang="en"))  # other words: another shape
    assert not picture.update(chapter.apple_graph(backward=False))  # no gradients
    longer = dataclasses.replace(chapter.apple_graph(), edges=list(chapter.apple_graph().edges))
    longer.edges[-1] = dataclasses.replace(longer.edges[-1], value_name="a very long name for "
                                           "the price that sticks out of the picture")
    assert not picture.update(longer)
    assert np.array_equal(picture.render(None), image)  # nothing changed
    with_sentences = StepPicture(g, graph_steps(g), dpi=80)
    assert not with_sentences.update(chapter.apple_graph(apple=120))
