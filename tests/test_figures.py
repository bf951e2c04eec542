"""The figures' numbers come from the real layers; regeneration is exact and complete."""
import ctypes
import os
import resource
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import PIL.Image  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from common.functions import cross_entropy_error, sigmoid, softmax  # noqa: E402
from common.gradient import numerical_gradient  # noqa: E402
from common.graph import chapter, figures  # noqa: E402
from common.graph.drawing import LATIN_FONT, _ends, draw_graph  # noqa: E402
from common.graph.model import Graph, format_value  # noqa: E402
from common.graph.stepper import graph_steps  # noqa: E402
from common.labels import LANGS  # noqa: E402
from common.layers import AddLayer, Affine, MulLayer, Sigmoid, SoftmaxWithLoss  # noqa: E402
from conftest import MISSING_GLYPH

ROOT = Path(__file__).resolve().parent.parent
FIGURES_DIR = ROOT / "figures"


def draw_texts(g):
    return {t.get_text() for t in draw_graph(g).axes[0].texts}


def value(g, src, dst):
    return g.edge(src, dst).value


def grad(g, src, dst):
    return g.edge(src, dst).grad


# --- the purchase ---------------------------------------------------------------------------------

def test_apple_graph_book_values():
    g = chapter.apple_graph()
    assert value(g, "mul_apple", "mul_tax") == 200
    assert value(g, "mul_tax", "price") == pytest.approx(220)
    assert grad(g, "apple", "mul_apple") == pytest.approx(2.2)
    assert grad(g, "apple_num", "mul_apple") == pytest.approx(110)
    assert grad(g, "tax", "mul_tax") == pytest.approx(200)
    assert format_value(value(g, "mul_tax", "price")) == "220"
    assert format_value(grad(g, "apple", "mul_apple")) == "2.2"


@pytest.mark.parametrize("apple, apple_num, tax", [(120, 3, 1.08), (0, 7, 1.5), (250, 0, 1.0)])
def test_apple_graph_other_inputs(apple, apple_num, tax):
    g = chapter.apple_graph(apple=apple, apple_num=apple_num, tax=tax)
    assert value(g, "apple", "mul_apple") == apple
    assert value(g, "apple_num", "mul_apple") == apple_num
    assert value(g, "mul_tax", "price") == pytest.approx(apple * apple_num * tax)
    assert grad(g, "apple_num", "mul_apple") == pytest.approx(tax * apple)
    assert grad(g, "apple", "mul_apple") == pytest.approx(apple_num * tax)
    assert grad(g, "tax", "mul_tax") == pytest.approx(apple * apple_num)
    assert grad(g, "mul_apple", "mul_tax") == pytest.approx(tax)
    # the same as running the layers by hand, bit for bit
    m1, m2 = MulLayer(), MulLayer()
    price = m2.forward(m1.forward(float(apple), float(apple_num)), float(tax))
    d_apple_price, d_tax = m2.backward(1)
    assert value(g, "mul_tax", "price") == price
    assert (grad(g, "apple", "mul_apple"), grad(g, "apple_num", "mul_apple")) == \
        m1.backward(d_apple_price)
    assert grad(g, "tax", "mul_tax") == d_tax


def test_forward_only_graphs_have_no_gradients():
    for g in (chapter.apple_graph(backward=False), chapter.apple_orange_graph(backward=False)):
        assert all(e.grad is None for e in g.edges)
        assert all(e.value is not None for e in g.edges)
    assert any(e.grad is not None for e in chapter.apple_graph().edges)


@pytest.mark.parametrize("inputs", [{}, dict(apple=90, apple_num=4, orange=130, orange_num=1,
                                              tax=1.2)])
def test_apple_orange_graph(inputs):
    args = dict(apple=100, apple_num=2, orange=150, orange_num=3, tax=1.1) | inputs
    g = chapter.apple_orange_graph(**inputs)
    a, an, o, on, tax = (args[k] for k in ("apple", "apple_num", "orange", "orange_num", "tax"))
    total = a * an + o * on
    assert value(g, "add", "mul_tax") == total
    assert value(g, "mul_tax", "price") == pytest.approx(total * tax)
    assert grad(g, "apple", "mul_apple") == pytest.approx(an * tax)
    assert grad(g, "apple_num", "mul_apple") == pytest.approx(a * tax)
    assert grad(g, "orange", "mul_orange") == pytest.approx(on * tax)
    assert grad(g, "orange_num", "mul_orange") == pytest.approx(o * tax)
    assert grad(g, "tax", "mul_tax") == pytest.approx(total)
    assert grad(g, "mul_apple", "add") == grad(g, "mul_orange", "add") == pytest.approx(tax)
    if not inputs:  # the book's figure: 715, 2.2, 110, 3.3, 165, 650
        texts = [format_value(grad(g, s, d)) for s, d in
                 [("apple", "mul_apple"), ("apple_num", "mul_apple"), ("orange", "mul_orange"),
                  ("orange_num", "mul_orange"), ("tax", "mul_tax")]]
        assert texts == ["2.2", "110", "3.3", "165", "650"]
        assert format_value(value(g, "mul_tax", "price")) == "715"


def test_apple_orange_graph_marks_the_nodes_the_text_refers_to():
    for backward in (False, True):
        for lang in LANGS:
            g = chapter.apple_orange_graph(backward=backward, lang=lang)
            assert {node: mark for node, (mark, _) in g.marks.items()} == {
                "mul_apple": "(1)", "mul_orange": "(2)", "add": "(3)", "mul_tax": "(4)"}
            fig = draw_graph(g)
            renderer = fig.canvas.get_renderer()
            ax = fig.axes[0]
            for node, (mark, _) in g.marks.items():  # each mark is nearest its own node
                text = next(t for t in ax.texts if t.get_text() == mark)
                box = text.get_window_extent(renderer)
                centre = ax.transData.inverted().transform(((box.x0 + box.x1) / 2,
                                                            (box.y0 + box.y1) / 2))
                nearest = min(g.nodes, key=lambda n: np.hypot(*(np.array(g.nodes[n].xy)
                                                                - centre)))
                assert nearest == node
                assert np.hypot(*(np.array(g.nodes[node].xy) - centre)) < 0.8
    assert not hasattr(chapter.apple_graph(), "marks")  # the apple graph has no marks


def test_apple_first_graph_has_the_numbers_inside_its_nodes():
    g = chapter.apple_first_graph()
    assert [n.op for n in g.nodes.values()] == ["×2", "×1.1"]
    assert [format_value(e.value) for e in g.edges] == ["100", "200", "220"]
    assert all(e.grad is None for e in g.edges)
    assert [s.text for s in graph_steps(g)][1:] == ["乗算ノード: 100 × 2 = 200",
                                                    "乗算ノード: 200 × 1.1 = 220"]
    other = chapter.apple_first_graph(apple=120, apple_num=3, tax=1.08, lang="en")
    assert [n.op for n in other.nodes.values()] == ["×3", "×1.08"]
    assert other.edge("mul_tax", "price").value == pytest.approx(120 * 3 * 1.08)
    assert other.terminals["apple"].label == "apple price"


@pytest.mark.parametrize("x, dout", [(1.0, 1.0), (-2.5, 0.3), (0.0, -1.0), (8.0, 2.0)])
def test_sigmoid_simple_graph_is_the_four_node_graph_folded(x, dout):
    g = chapter.sigmoid_simple_graph(x=x, dout=dout)
    layer = Sigmoid()
    y = layer.forward(np.array(x))
    assert value(g, "sigmoid", "y") == pytest.approx(y)
    assert grad(g, "x", "sigmoid") == pytest.approx(layer.backward(np.array(dout)), rel=1e-12)
    assert grad(g, "x", "sigmoid") == pytest.approx(grad(chapter.sigmoid_graph(x, dout), "x",
                                                         "neg"), rel=1e-9, abs=1e-15)
    assert g.edge("x", "sigmoid").grad_text().startswith("∂L/∂y · y(1 - y) = ")
    steps = graph_steps(g)
    assert [s.phase for s in steps] == ["forward", "forward", "backward", "backward", "chain"]
    assert "y(1 - y)" in steps[3].text


# --- chain rule, add and mul nodes ----------------------------------------------------------------

@pytest.mark.parametrize("x, y", [(2, 1), (-3.5, 0.25)])
def test_chain_rule_graph(x, y):
    g = chapter.chain_rule_graph(x=x, y=y)
    assert value(g, "add", "square") == x + y
    assert value(g, "square", "z") == pytest.approx((x + y) ** 2)
    assert grad(g, "x", "add") == grad(g, "y", "add") == pytest.approx(2 * (x + y))
    assert grad(g, "square", "z") == 1


@pytest.mark.parametrize("builder, layer", [(chapter.add_node_graph, AddLayer),
                                            (chapter.mul_node_graph, MulLayer)])
@pytest.mark.parametrize("x, y, dout", [(10, 5, 1.3), (-2, 0.5, 3.0)])
def test_node_graphs_match_layers(builder, layer, x, y, dout):
    g = builder(x=x, y=y, dout=dout)
    real = layer()
    assert value(g, "op", "z") == real.forward(float(x), float(y))
    assert (grad(g, "x", "op"), grad(g, "y", "op")) == real.backward(dout)
    assert grad(g, "op", "z") == dout


def test_node_graph_book_texts():
    g = chapter.mul_node_graph()
    assert g.edge("x", "op").grad_text() == "∂L/∂z·y = 6.5"
    assert g.edge("y", "op").grad_text() == "∂L/∂z·x = 13"
    assert chapter.add_node_graph().edge("y", "op").grad_text() == "∂L/∂z·1 = 1.3"


# --- sigmoid ------------------------------------------------------------------------------------

@pytest.mark.parametrize("x, dout", [(1.0, 1.0), (-2.5, 0.3), (0.0, -1.0), (8.0, 2.0)])
def test_sigmoid_graph_matches_layer(x, dout):
    g = chapter.sigmoid_graph(x=x, dout=dout)
    layer = Sigmoid()
    y = layer.forward(np.array(x))
    assert value(g, "neg", "exp") == -x
    assert value(g, "exp", "add") == pytest.approx(np.exp(-x))
    assert value(g, "add", "inv") == pytest.approx(1 + np.exp(-x))
    assert value(g, "inv", "y") == pytest.approx(y)
    assert grad(g, "x", "neg") == pytest.approx(layer.backward(np.array(dout)), rel=1e-12)
    assert grad(g, "add", "inv") == pytest.approx(-dout * sigmoid(x) ** 2)
    assert grad(g, "exp", "add") == grad(g, "add", "inv")  # '+' passes it on


# --- Affine -----------------------------------------------------------------------------------

def check_affine(g, X, W, b, dY):
    layer = Affine(np.asarray(W, float), np.asarray(b, float))
    Y = layer.forward(np.asarray(X, float))
    dX = layer.backward(np.asarray(dY, float))
    np.testing.assert_allclose(value(g, "dot", "add"), np.dot(X, W))
    np.testing.assert_allclose(value(g, "add", "Y"), Y)
    np.testing.assert_allclose(grad(g, "X", "dot"), dX)
    np.testing.assert_allclose(grad(g, "W", "dot"), layer.dW)
    np.testing.assert_allclose(grad(g, "b", "add"), layer.db)
    np.testing.assert_allclose(grad(g, "b", "add"), np.sum(dY, axis=0))
    for src, dst in (("dot", "add"), ("add", "Y")):
        np.testing.assert_allclose(grad(g, src, dst), dY)


@pytest.mark.parametrize("builder, shapes", [(chapter.affine_single_graph, (1, 2, 3)),
                                            (chapter.affine_batch_graph, (3, 2, 4))])
def test_affine_graphs_defaults(builder, shapes):
    n, d, m = shapes  # the batch figure has N, D and M all different: each axis is visible
    g = builder()
    X, W = value(g, "X", "dot"), value(g, "W", "dot")
    check_affine(g, X, W, value(g, "b", "add"), grad(g, "add", "Y"))
    assert X.shape == (n, d) and W.shape == (d, m)
    assert g.edge("W", "dot").value_text() == f"W ({d}, {m})"
    assert g.edge("W", "dot").grad_text() == f"∂L/∂W = Xᵀ · ∂L/∂Y ({d}, {m})"
    assert g.edge("X", "dot").grad_text() == f"∂L/∂X = ∂L/∂Y · Wᵀ ({n}, {d})"
    assert g.edge("b", "add").value_text() == f"b ({m},)"
    assert f"(N = {n}, D = {d}, M = {m})" in g.caption
    assert f"(N = {n}, D = {d}, M = {m})" in builder(lang="en").caption


def test_affine_batch_graph_other_shapes():
    rng = np.random.default_rng(0)
    X, W, b, dY = (rng.normal(size=s) for s in [(4, 3), (3, 2), (2,), (4, 2)])
    g = chapter.affine_batch_graph(X=X, W=W, b=b, dY=dY)
    check_affine(g, X, W, b, dY)
    assert g.edge("add", "Y").value_text() == "Y (4, 2)"


def test_affine_graph_rejects_bad_shapes():
    with pytest.raises(ValueError, match="shapes do not fit"):
        chapter.affine_batch_graph(b=(1.0, 2.0))


# --- Softmax-with-Loss ----------------------------------------------------------------------------

def test_cross_entropy_graph_uses_the_softmax_figures_output():
    g = chapter.cross_entropy_graph()
    s = chapter.softmax_graph()
    for k in range(3):
        assert value(g, f"y{k}", f"log{k}") == pytest.approx(value(s, f"mul{k}", f"y{k}"),
                                                             rel=1e-12)
        assert value(g, f"t{k}", f"mul{k}") == chapter.SOFTMAX_T[k]
    np.testing.assert_allclose([value(g, f"y{k}", f"log{k}") for k in range(3)],
                               softmax(np.array(chapter.SOFTMAX_A)))
    assert "0.01821" in draw_texts(g) and "0.7366" in draw_texts(g)


@pytest.mark.parametrize("y, t", [((0.1, 0.3, 0.6), (0, 0, 1)), ((0.7, 0.2, 0.05, 0.05),
                                                                 (0, 1, 0, 0))])
def test_cross_entropy_graph(y, t):
    g = chapter.cross_entropy_graph(y=y, t=t)
    n = len(y)
    y, t = np.array(y), np.array(t, float)
    loss = value(g, "neg", "L")
    assert loss == pytest.approx(cross_entropy_error(y, t), rel=1e-12)
    dy = np.array([grad(g, f"y{k}", f"log{k}") for k in range(n)])
    np.testing.assert_allclose(dy, -t / y)
    numeric = numerical_gradient(lambda v: -np.sum(t * np.log(v)), y.copy())
    np.testing.assert_allclose(dy, numeric, rtol=1e-6)
    assert [grad(g, f"mul{k}", "sum") for k in range(n)] == [-1] * n


@pytest.mark.parametrize("a, t", [((0.3, 2.9, 4.0), (0, 0, 1)), ((1.0, -2.0, 0.5), (1, 0, 0)),
                                  ((0.2, 0.1, -0.3, 3.0, 1.0), (0, 0, 1, 0, 0))])
def test_softmax_graph_matches_softmax_with_loss(a, t):
    g = chapter.softmax_graph(a=a, t=t)
    n = len(a)
    layer = SoftmaxWithLoss()
    layer.forward(np.array([a], float), np.array([t], float))
    expected = layer.backward() * 1  # N = 1
    da = np.array([grad(g, f"a{k}", f"exp{k}") for k in range(n)])
    np.testing.assert_allclose(da, expected[0], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(da, softmax(np.array(a)) - np.array(t))
    y = np.array([value(g, f"mul{k}", f"y{k}") for k in range(n)])
    np.testing.assert_allclose(y, softmax(np.array(a)))
    assert value(g, "sum", "inv") == pytest.approx(np.exp(a).sum())
    # branch rule: the gradient reaching exp(a_k) is the sum over its two branches
    for k in range(n):
        both = grad(g, f"exp{k}", "sum") + grad(g, f"exp{k}", f"mul{k}")
        assert da[k] == pytest.approx(both * np.exp(a[k]))


@pytest.mark.parametrize("call, word", [
    (lambda: chapter.apple_graph(apple="abc"), "apple"),
    (lambda: chapter.apple_orange_graph(tax=float("nan")), "tax"),
    (lambda: chapter.softmax_graph(t=(0, 1, 1)), "one-hot"),
    (lambda: chapter.softmax_graph(a=(1.0,), t=(1,)), "2 to 5"),
    (lambda: chapter.cross_entropy_graph(y=(0.0, 0.5, 0.5)), "above 0"),
])
def test_bad_inputs_get_clear_errors(call, word):
    with pytest.raises(ValueError, match=word):
        call()


# --- drawing ------------------------------------------------------------------------------

@pytest.mark.parametrize("number, text", [(2.2000000000000002, "2.2"), (220.00000000000003, "220"),
                                          (3.3000000000000003, "3.3"), (0.19661193, "0.1966"),
                                          (-0.0, "0"), (12345.6, "12346"), (1e-20, "1e-20"),
                                          (-1.3579, "-1.358")])
def test_format_value_numbers(number, text):
    assert format_value(number) == text


def test_format_value_arrays():
    assert format_value(np.array([0.5, 1 / 3])) == "[0.5, 0.3333]"
    assert format_value(np.zeros((2, 3))) == "(2, 3)"
    assert format_value(np.zeros(3), shape=True) == "(3,)"
    assert format_value("∂L/∂z") == "∂L/∂z"


def test_graph_rejects_unknown_ends_and_duplicates():
    g = Graph()
    g.add_node("a", "+", (0, 0))
    with pytest.raises(ValueError, match="no node or terminal named 'b'"):
        g.add_edge("a", "b")
    with pytest.raises(ValueError, match="already has"):
        g.add_input("a", "a", (1, 0))
    with pytest.raises(KeyError):
        g.edge("a", "a")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_draw_graph_returns_a_figure_without_warnings_or_leaks(name, lang):
    builder, kwargs = figures.FIGURES[name]
    open_before = plt.get_fignums()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH)  # only that warning
        fig = draw_graph(builder(**kwargs, lang=lang))
        fig.canvas.draw()
    assert isinstance(fig, Figure)
    assert plt.get_fignums() == open_before  # not registered with pyplot: nothing to close
    width, height = fig.get_size_inches()
    assert 4 < width <= 13 and 1 < height <= 7.5, (width, height)  # a one-row graph is low
    # every text lies inside the figure (nothing clipped)
    box = fig.bbox
    renderer = fig.canvas.get_renderer()
    for text in fig.axes[0].texts:
        ext = text.get_window_extent(renderer)
        assert box.x0 <= ext.x0 and ext.x1 <= box.x1 and box.y0 <= ext.y0 and ext.y1 <= box.y1, \
            text.get_text()


def _outline(patch):
    """Points along an arrow's or a node's outline, in display coordinates."""
    path = patch.get_transform().transform_path(patch.get_path())
    points = []
    for line in path.to_polygons(closed_only=False):
        for a, b in zip(line[:-1], line[1:], strict=True):
            points.extend(a + (b - a) * f for f in np.linspace(0, 1, 25))
    return np.array(points)


def overlaps(fig):
    """(text, what it overlaps) for every text touching another text, an arrow or a node."""
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    texts = [t for t in ax.texts if t.get_text()]
    boxes = [t.get_window_extent(renderer).padded(-1.5) for t in texts]
    found = []
    for i, a in enumerate(boxes):
        found += [(texts[i].get_text(), texts[j].get_text()) for j in range(i)
                  if a.overlaps(boxes[j])]
    for patch in ax.patches:
        if not patch.get_visible():
            continue  # the highlight rings of steps
        points = _outline(patch)
        for text, box in zip(texts, boxes, strict=True):
            inside = ((points[:, 0] > box.x0) & (points[:, 0] < box.x1)
                      & (points[:, 1] > box.y0) & (points[:, 1] < box.y1))
            if inside.any():
                found.append((text.get_text(), type(patch).__name__))
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_no_text_overlaps_text_arrows_or_nodes(name, lang):
    builder, kwargs = figures.FIGURES[name]
    assert overlaps(draw_graph(builder(**kwargs, lang=lang))) == []


def _crossings(g):
    """Points (graph units) where two edges' arrows cross, away from their ends."""
    found = []
    segments = [_ends(g, e)[:2] for e in g.edges]
    for i, (p, q) in enumerate(segments):
        for j, (r, s) in enumerate(segments[:i]):
            d1, d2 = q - p, s - r
            cross = d1[0] * d2[1] - d1[1] * d2[0]
            if abs(cross) < 1e-12:
                continue
            t = ((r - p)[0] * d2[1] - (r - p)[1] * d2[0]) / cross
            u = ((r - p)[0] * d1[1] - (r - p)[1] * d1[0]) / cross
            if 0.02 < t < 0.98 and 0.02 < u < 0.98:
                found.append((g.edges[i], g.edges[j], p + t * d1))
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_crossing_arrows_are_away_from_every_label(name, lang):
    builder, kwargs = figures.FIGURES[name]
    g = builder(**kwargs, lang=lang)
    fig = draw_graph(g)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text()]
    margin = 0.3 * fig.dpi  # 0.3 graph units (inches) around each text
    for first, second, point in _crossings(g):
        x, y = ax.transData.transform(point)
        near = [t.get_text() for t, b in zip([t for t in ax.texts if t.get_text()], boxes,
                                              strict=True)
                if b.x0 - margin < x < b.x1 + margin and b.y0 - margin < y < b.y1 + margin]
        assert not near, (first.src, first.dst, second.src, second.dst, near)


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_softmax_branch_lines_cross_only_the_rows_between_them_and_the_band(n):
    g = chapter.softmax_graph(a=np.linspace(-1, 2, n), t=np.eye(n)[0])
    crossings = _crossings(g)
    above = (n + 1) // 2
    between = sum(range(above)) + sum(range(n - above))  # rows between each row and the band
    assert len(crossings) == 2 * between  # on the side of +, and on the side of /
    for first, second, _ in crossings:  # a branch line across the exp → × line of a row
        kinds = {(e.src.rstrip("0123456789"), e.dst.rstrip("0123456789"))
                 for e in (first, second)}
        assert ("exp", "mul") in kinds and kinds & {("exp", "sum"), ("inv", "mul")}
    assert overlaps(draw_graph(g)) == []


@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_english_figures_use_the_latin_font_alone(name):
    builder, kwargs = figures.FIGURES[name]
    for lang, families in (("en", {LATIN_FONT}), ("ja", {("DejaVu Sans", "IPAexGothic")})):
        fig = draw_graph(builder(**kwargs, lang=lang))
        assert {tuple(t.get_fontfamily()) for t in fig.axes[0].texts} == families


def test_overlaps_are_found():
    g = chapter.softmax_graph()
    for edge in g.edges:  # "1/S = 0.01349" on every branch of 1/S: they cross other lines
        edge.show_value = True
    assert ("1/S = 0.01349", "FancyArrowPatch") in overlaps(draw_graph(g))
    g = Graph()
    g.add_node("n", "+", (0, 0))
    g.add_output("y", "a long name", (1.2, 0))
    g.add_edge("n", "y", 1, value_name="a value too long for its arrow")
    found = overlaps(draw_graph(g))
    assert ("a value too long for its arrow = 1", "Circle") in found
    assert all(text != "a long name" for text, _ in found)  # right of the arrow's end


def test_draw_graph_into_given_axes():
    fig, ax = plt.subplots()
    try:
        assert draw_graph(chapter.chain_rule_graph(), ax=ax) is fig
        assert any(t.get_text() == "t = 3" for t in ax.texts)
        assert any(t.get_text() == "∂z/∂t = 2t = 6" and t.get_color() != "black"
                   for t in ax.texts)
    finally:
        plt.close(fig)
    assert not plt.fignum_exists(fig.number)


# --- regeneration -----------------------------------------------------------------------------

def files(folder):
    """{path relative to folder: bytes} of every file below it."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def test_regeneration_is_exact_and_complete(tmp_path):
    (tmp_path / "README.md").write_text(figures.made_with(), encoding="utf-8")
    (tmp_path / "stale.png").write_bytes(b"old")  # in a folder of figures made earlier
    figures.main(["--out", str(tmp_path)])
    made = files(tmp_path)
    committed = files(FIGURES_DIR)
    one_edition = ({f"{name}.png" for name in figures.FIGURES}  # the stale file is gone
                   | {f"{name}.gif" for name in figures.ANIMATIONS})
    assert set(made) == one_edition | {f"en/{name}" for name in one_edition} | {"README.md"}
    assert set(made) == set(committed), \
        "figures/ is out of date: run python -m common.graph.figures"
    second = tmp_path / "again"
    figures.write_all(second)
    assert files(second) == made  # the same bytes each run
    if made["README.md"] != committed["README.md"]:  # other versions draw text a pixel apart
        pytest.skip("figures/ were made with other versions of the packages that draw them "
                    "(figures/README.md); the byte comparison holds only for the same versions")
    changed = [name for name in made if made[name] != committed[name]]
    assert not changed, f"run python -m common.graph.figures; these differ: {changed}"


# --- where the figures may go -------------------------------------------------------------------

def run_figures(*args, preexec_fn=None):
    """python -m common.graph.figures *args in a fresh process: (exit code, stderr lines)."""
    result = subprocess.run([sys.executable, "-m", "common.graph.figures", *args], cwd=ROOT,
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
                            capture_output=True, text=True, timeout=300, preexec_fn=preexec_fn)
    return result.returncode, result.stderr.splitlines()


def refused(argv, capsys):
    """figures.main(argv), which must exit: (exit code, stderr lines)."""
    with pytest.raises(SystemExit) as exit_info:
        figures.main(argv)
    return exit_info.value.code, capsys.readouterr().err.splitlines()


def test_the_projects_figures_folder_is_recognised():
    assert figures.is_figures_folder(FIGURES_DIR)  # so that `make figures` rewrites it in place


def test_folder_of_other_files_is_refused(tmp_path, capsys):
    mine = {"README.md": b"# my holiday\n", "photo.png": b"my photo", "clip.gif": b"my clip",
            "en/notes.png": b"my notes"}
    for name, data in mine.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(data)
    code, err = refused(["--out", str(tmp_path)], capsys)
    assert code == 2 and len(err) == 1, err
    assert str(tmp_path) in err[0] and "holds other files" in err[0]
    assert "empty or new folder" in err[0]
    assert files(tmp_path) == mine


def test_empty_out_is_refused(tmp_path, monkeypatch, capsys):
    (tmp_path / "README.md").write_text("# the project\n")
    monkeypatch.chdir(tmp_path)
    code, err = refused(["--out", ""], capsys)
    assert code == 2 and err[0].startswith("usage:"), err
    assert "--out" in err[-1] and "folder" in err[-1]
    assert files(tmp_path) == {"README.md": b"# the project\n"}


@pytest.mark.parametrize("below, why", [("", "is a file"), ("sub", "Not a directory")])
def test_out_that_is_a_file_is_refused(tmp_path, capsys, below, why):
    (tmp_path / "notes.txt").write_text("mine")
    out = tmp_path / "notes.txt" / below if below else tmp_path / "notes.txt"
    code, err = refused(["--out", str(out)], capsys)
    assert code == 2 and len(err) == 1, err
    assert f"cannot use {out}" in err[0] and why in err[0]
    assert files(tmp_path) == {"notes.txt": b"mine"}


def drop_permission_override():
    """In a child process of root, before it runs Python: give up root's power over file
    permissions (CAP_DAC_OVERRIDE = 1, CAP_DAC_READ_SEARCH = 2, dropped with prctl)."""
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    for capability in (1, 2):
        if prctl(24, capability, 0, 0, 0):  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.mark.skipif(sys.platform != "linux", reason="file permissions tested the Linux way")
def test_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "figures"
    folder.mkdir()
    folder.chmod(0o555)
    preexec = drop_permission_override if os.geteuid() == 0 else None
    probe = subprocess.run([sys.executable, "-c", f"open({str(folder / 'probe')!r}, 'w')"],
                           capture_output=True, preexec_fn=preexec)
    if probe.returncode == 0:
        (folder / "probe").unlink()
        pytest.skip("this process can write into a read-only folder: nothing would be tested")
    code, err = run_figures("--out", str(folder), preexec_fn=preexec)
    assert code == 2 and len(err) == 1, err
    assert f"cannot use {folder}" in err[0] and "Permission denied" in err[0]
    assert "Traceback" not in err[0]
    assert list(folder.iterdir()) == []


def limit_file_size():
    """In a child process: files may grow to 25 kB only (as on a full disk); Python ignores
    SIGXFSZ, so a longer write raises OSError instead of killing the process."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (25_000, 25_000))


def test_failed_write_leaves_every_figure_whole(tmp_path):
    folder = tmp_path / "figures"
    shutil.copytree(FIGURES_DIR, folder)
    before = files(folder)
    assert any(len(data) > 25_000 for data in before.values())  # one write will fail
    code, err = run_figures("--out", str(folder), preexec_fn=limit_file_size)
    assert code == 1 and len(err) == 1, err
    assert "cannot write" in err[0] and "File too large" in err[0]
    failed = next(name for name in before if str(folder / name) in err[0])
    after = files(folder)
    assert set(after) == set(before)  # no temporary file left behind
    assert after[failed] == before[failed]
    for name in after:  # no figure is cut short
        if name.endswith((".png", ".gif")):
            with PIL.Image.open(folder / name) as image:
                image.load()
