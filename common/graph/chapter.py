"""The chapter's computational graphs, computed by running the real layers.

Each builder runs layers from common.layers (MulLayer, AddLayer, Sigmoid, Affine,
SoftmaxWithLoss) or, for the nodes the book has no layer for (exp, 1/x, log, sum,
**2), the small node classes of common.graph.nodes, forward and then backward by
the chain rule, and returns a common.graph.model.Graph;
common.graph.drawing.draw_graph draws it.

Every builder takes lang="ja" (default) or "en": the words come from common.labels.
"""
import math
from dataclasses import dataclass, field

import numpy as np

from common.functions import cross_entropy_error, softmax
from common.graph.model import Graph
from common.graph.model import format_value as _fmt
from common.graph.nodes import ExpNode, LogNode, ReciprocalNode, SquareNode, SumNode
from common.labels import check_lang, label
from common.layers import AddLayer, Affine, MulLayer, Sigmoid, SoftmaxWithLoss
from common.two_layer_net import TwoLayerNet

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _sub(k):
    """Subscript digits: 1 -> '₁'."""
    return str(k).translate(SUB)


def _numbers(values):
    """'[0.01821, 0.2452, -0.2634]', however many there are (format_value shows 5 or more
    by their shape)."""
    return "[" + ", ".join(_fmt(v) for v in values) + "]"


@dataclass(repr=False)
class MarkedGraph(Graph):
    """A Graph with small marks beside some of its nodes, such as the (1) to (4) a text
    refers to; common.graph.drawing draws them.

    marks: {node name: (text, (dx, dy))}, dx and dy the offset from the node's centre
    in graph units (the text leans away from the node in that direction).
    """

    marks: dict = field(default_factory=dict)


# --- input checks ---------------------------------------------------------------------------------

def _number(name, value):
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return x


def _vector(name, value, lo=2, hi=5):
    v = np.asarray(value, dtype=float)
    if v.ndim != 1 or not lo <= v.size <= hi:
        raise ValueError(f"{name} must be a list of {lo} to {hi} numbers, got shape {v.shape}")
    if not np.all(np.isfinite(v)):
        raise ValueError(f"{name} must hold finite numbers, got {value!r}")
    return v


def _one_hot(name, value, size):
    t = _vector(name, value)
    if t.size != size or not (np.isin(t, (0, 1)).all() and t.sum() == 1):
        raise ValueError(f"{name} must be one-hot with {size} entries (one 1, the rest 0), "
                         f"got {value!r}")
    return t


def _matrix(name, value, ndim):
    a = np.asarray(value, dtype=float)
    if a.ndim != ndim or not np.all(np.isfinite(a)):
        raise ValueError(f"{name} must be a {ndim}-d array of finite numbers, got shape {a.shape}")
    return a


# --- 5.1 and 5.4: the purchase ------------------------------------------------------------------

def apple_graph(apple=100, apple_num=2, tax=1.1, backward=True, lang="ja"):
    """5.1.1 / 5.4.1: apple price × count × tax, with MulLayer objects.

    backward=False leaves out the gradients (the forward-only figure).
    lang: "ja" or "en" for the words (common.labels).
    """
    apple, apple_num, tax = (_number(n, v) for n, v in
                             (("apple", apple), ("apple_num", apple_num), ("tax", tax)))
    mul_apple, mul_tax = MulLayer(), MulLayer()
    apple_price = mul_apple.forward(apple, apple_num)
    price = mul_tax.forward(apple_price, tax)
    dprice = 1
    dapple_price, dtax = mul_tax.backward(dprice)
    dapple, dapple_num = mul_apple.backward(dapple_price)

    def grad(g):
        return g if backward else None

    g = _graph(lang, "title.apple." + ("backward" if backward else "forward"))
    g.add_input("apple", label("apple_price", lang), (0, 1))
    g.add_node("mul_apple", "×", (2.4, 1))
    g.add_input("apple_num", label("apple_num", lang), (2.4, -0.6), side="below")
    g.add_node("mul_tax", "×", (4.8, 1))
    g.add_input("tax", label("tax", lang), (4.8, -0.6), side="below")
    g.add_output("price", label("price", lang), (6.8, 1))
    g.add_edge("apple", "mul_apple", apple, grad(dapple))
    g.add_edge("apple_num", "mul_apple", apple_num, grad(dapple_num))
    g.add_edge("mul_apple", "mul_tax", apple_price, grad(dapple_price))
    g.add_edge("tax", "mul_tax", tax, grad(dtax))
    g.add_edge("mul_tax", "price", price, grad(dprice))
    return g


def apple_orange_graph(apple=100, apple_num=2, orange=150, orange_num=3, tax=1.1,
                       backward=True, lang="ja"):
    """5.1.2 / 5.4.2: (apple × count + orange × count) × tax, with MulLayer and AddLayer."""
    apple, apple_num, orange, orange_num, tax = (
        _number(n, v) for n, v in (("apple", apple), ("apple_num", apple_num),
                                   ("orange", orange), ("orange_num", orange_num), ("tax", tax)))
    mul_apple, mul_orange, add, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
    apple_price = mul_apple.forward(apple, apple_num)
    orange_price = mul_orange.forward(orange, orange_num)
    all_price = add.forward(apple_price, orange_price)
    price = mul_tax.forward(all_price, tax)
    dprice = 1
    dall_price, dtax = mul_tax.backward(dprice)
    dapple_price, dorange_price = add.backward(dall_price)
    dorange, dorange_num = mul_orange.backward(dorange_price)
    dapple, dapple_num = mul_apple.backward(dapple_price)

    def grad(g):
        return g if backward else None

    g = _graph(lang, "title.apple_orange." + ("backward" if backward else "forward"),
               cls=MarkedGraph)
    g.add_input("apple", label("apple_price", lang), (0, 2.4))
    g.add_input("apple_num", label("apple_num", lang), (2.4, 3.9), side="above")
    g.add_node("mul_apple", "×", (2.4, 2.4))
    g.add_input("orange", label("orange_price", lang), (0, 0))
    g.add_input("orange_num", label("orange_num", lang), (2.4, -1.5), side="below")
    g.add_node("mul_orange", "×", (2.4, 0))
    g.add_node("add", "+", (4.8, 1.2))
    g.add_node("mul_tax", "×", (6.8, 1.2))
    g.add_input("tax", label("tax", lang), (6.8, -0.5), side="below")
    g.add_output("price", label("price", lang), (8.7, 1.2))
    g.add_edge("apple", "mul_apple", apple, grad(dapple))
    g.add_edge("apple_num", "mul_apple", apple_num, grad(dapple_num))
    g.add_edge("orange", "mul_orange", orange, grad(dorange))
    g.add_edge("orange_num", "mul_orange", orange_num, grad(dorange_num))
    g.add_edge("mul_apple", "add", apple_price, grad(dapple_price))
    g.add_edge("mul_orange", "add", orange_price, grad(dorange_price))
    g.add_edge("add", "mul_tax", all_price, grad(dall_price))
    g.add_edge("tax", "mul_tax", tax, grad(dtax))
    g.add_edge("mul_tax", "price", price, grad(dprice))
    g.marks = dict(APPLE_ORANGE_MARKS)
    return g


APPLE_ORANGE_MARKS = {  # the nodes (1) to (4) of the text: the apples' ×, the oranges' ×, +, tax ×
    "mul_apple": ("(1)", (-0.36, 0.36)),
    "mul_orange": ("(2)", (-0.36, 0.36)),
    "add": ("(3)", (0, 0.4)),
    "mul_tax": ("(4)", (0, 0.4)),
}


def apple_first_graph(apple=100, apple_num=2, tax=1.1, lang="ja"):
    """5.1.1, the first form of the graph: the apple price through "×2" and "×1.1" nodes.

    The count and the tax are not inputs yet but numbers inside the nodes, as in
    the book's first figure; the forward values come from MulLayer objects.
    """
    apple, apple_num, tax = (_number(n, v) for n, v in
                             (("apple", apple), ("apple_num", apple_num), ("tax", tax)))
    apple_price = MulLayer().forward(apple, apple_num)
    price = MulLayer().forward(apple_price, tax)
    g = _graph(lang, "title.apple_first")
    g.add_input("apple", label("apple_price", lang), (0, 0))
    g.add_node("mul_num", f"×{_fmt(apple_num)}", (2.4, 0), kind="scale")
    g.add_node("mul_tax", f"×{_fmt(tax)}", (4.8, 0), kind="scale")
    g.add_output("price", label("price", lang), (6.8, 0))
    g.add_edge("apple", "mul_num", apple)
    g.add_edge("mul_num", "mul_tax", apple_price)
    g.add_edge("mul_tax", "price", price)
    return g


def _graph(lang, title_key, caption="", cls=Graph):
    check_lang(lang)
    return cls(title=label(title_key, lang), caption=caption, lang=lang)


# --- 5.2 and 5.3: chain rule, add and mul nodes ---------------------------------------------------

def chain_rule_graph(x=2, y=1, lang="ja"):
    """5.2: z = (x + y)**2 as a '+' node (AddLayer) then a '**2' node; dz/dx = 2(x + y)."""
    x, y = _number("x", x), _number("y", y)
    add, square = AddLayer(), SquareNode()
    t = add.forward(x, y)
    z = square.forward(t)
    dz = 1
    dt = square.backward(dz)
    dx, dy = add.backward(dt)
    g = _graph(lang, "title.chain_rule", f"∂z/∂x = ∂z/∂t · ∂t/∂x = 2t · 1 = {_fmt(dx)}")
    g.add_input("x", "x", (0, 2.0))
    g.add_input("y", "y", (0, -0.8))
    g.add_node("add", "+", (2.6, 0.6))
    g.add_node("square", "**2", (5.1, 0.6))
    g.add_output("z", "z", (7.4, 0.6))
    g.add_edge("x", "add", x, dx, "x", "∂z/∂x", at=0.4)
    g.add_edge("y", "add", y, dy, "y", "∂z/∂y", at=0.4)
    g.add_edge("add", "square", t, dt, "t", "∂z/∂t = 2t")
    g.add_edge("square", "z", z, dz, "z", "∂z/∂z")
    return g


def _binary_node_graph(op, layer, x, y, dout, grad_names, lang, title_key):
    x, y, dout = _number("x", x), _number("y", y), _number("dout", dout)
    z = layer.forward(x, y)
    dx, dy = layer.backward(dout)
    g = _graph(lang, title_key, f"{type(layer).__name__}: forward({_fmt(x)}, {_fmt(y)}) = "
               f"{_fmt(z)},  backward({_fmt(dout)}) = ({_fmt(dx)}, {_fmt(dy)})")
    g.add_input("x", "x", (0, 2.0))
    g.add_input("y", "y", (0, -0.8))
    g.add_node("op", op, (2.8, 0.6))
    g.add_output("z", "z", (5.0, 0.6))
    g.add_edge("x", "op", x, dx, "x", grad_names[0], at=0.4)
    g.add_edge("y", "op", y, dy, "y", grad_names[1], at=0.4)
    g.add_edge("op", "z", z, dout, "z", "∂L/∂z")
    return g


def add_node_graph(x=10, y=5, dout=1.3, lang="ja"):
    """5.3.1: z = x + y with an AddLayer; dL/dz flows back unchanged to x and y."""
    return _binary_node_graph("+", AddLayer(), x, y, dout, ("∂L/∂z·1", "∂L/∂z·1"), lang,
                              "title.add_node")


def mul_node_graph(x=10, y=5, dout=1.3, lang="ja"):
    """5.3.2: z = x * y with a MulLayer; dL/dz is multiplied by the other input."""
    return _binary_node_graph("×", MulLayer(), x, y, dout, ("∂L/∂z·y", "∂L/∂z·x"), lang,
                              "title.mul_node")


# --- 5.5: sigmoid -------------------------------------------------------------------------------

def sigmoid_graph(x=1.0, dout=1.0, lang="ja"):
    """5.5.2: y = 1 / (1 + exp(-x)) as ×(-1), exp, +1 and / nodes (the book's figure).

    The chain rule through the four nodes gives dx = dout * y * (1 - y), which is
    checked against a real Sigmoid layer.
    """
    x, dout = _number("x", x), _number("dout", dout)
    neg, exp, add, inv = MulLayer(), ExpNode(), AddLayer(), ReciprocalNode()
    a = neg.forward(x, -1.0)
    b = exp.forward(a)
    c = add.forward(b, 1.0)
    y = inv.forward(c)
    dc = inv.backward(dout)
    db, _ = add.backward(dc)
    da = exp.backward(db)
    dx, _ = neg.backward(da)
    layer = Sigmoid()
    layer.forward(np.array(x))
    dx_layer = float(layer.backward(np.array(dout)))
    if not math.isclose(dx, dx_layer, rel_tol=1e-9, abs_tol=1e-15):
        raise AssertionError(f"sigmoid graph gives dx = {dx}, Sigmoid.backward gives {dx_layer}")
    g = _graph(lang, "title.sigmoid",
               label("caption.sigmoid", lang, dx=_fmt(dx), dx_layer=_fmt(dx_layer)))
    g.add_input("x", "x", (0, 1))
    g.add_node("neg", "×", (2.0, 1))
    g.add_input("minus_one", "-1", (2.0, -0.2), side="below")
    g.add_node("exp", "exp", (4.0, 1))
    g.add_node("add", "+", (6.0, 1))
    g.add_input("one", "1", (6.0, -0.2), side="below")
    g.add_node("inv", "/", (8.0, 1))
    g.add_output("y", "y", (9.9, 1))
    g.add_edge("x", "neg", x, dx, "x")
    g.add_edge("minus_one", "neg", -1.0, show_value=False)  # constants: named by their end
    g.add_edge("neg", "exp", a, da, "a")
    g.add_edge("exp", "add", b, db, "b")
    g.add_edge("one", "add", 1.0, show_value=False)
    g.add_edge("add", "inv", c, dc, "c")
    g.add_edge("inv", "y", y, dout, "y")
    return g


def sigmoid_simple_graph(x=1.0, dout=1.0, lang="ja"):
    """5.5.2, simplified: one "sigmoid" node from x to y, run through a real Sigmoid layer.

    Its backward is ∂L/∂y · y(1 - y): the four nodes of sigmoid_graph folded into one.
    """
    x, dout = _number("x", x), _number("dout", dout)
    layer = Sigmoid()
    y = float(layer.forward(np.array(x)))
    dx = float(layer.backward(np.array(dout)))
    dx_graph = sigmoid_graph(x, dout).edge("x", "neg").grad  # the four nodes, one by one
    g = _graph(lang, "title.sigmoid_simple", label(
        "caption.sigmoid_simple", lang, dout=_fmt(dout), y=_fmt(y), dx=_fmt(dx),
        dx_graph=_fmt(dx_graph)))
    g.add_input("x", "x", (0, 0))
    g.add_node("sigmoid", "sigmoid", (3.2, 0), kind="sigmoid", box=(1.1, 0.56))
    g.add_output("y", "y", (6.4, 0))
    g.add_edge("x", "sigmoid", x, dx, "x", "∂L/∂y · y(1 - y)")
    g.add_edge("sigmoid", "y", y, dout, "y", "∂L/∂y")
    return g


# --- 5.6: Affine and Softmax-with-Loss ------------------------------------------------------------

def _affine_parts(X, W, b, dY):
    X, W, b, dY = (_matrix("X", X, 2), _matrix("W", W, 2), _matrix("b", b, 1),
                   _matrix("dY", dY, 2))
    if b.shape != W.shape[1:] or dY.shape != (X.shape[0], W.shape[1]):
        raise ValueError(f"shapes do not fit: X {X.shape}, W {W.shape}, b {b.shape}, dY "
                         f"{dY.shape}; need X (N, D), W (D, M), b (M,), dY (N, M)")
    layer = Affine(W, b)
    Y = layer.forward(X)
    dX = layer.backward(dY)
    return X, W, b, dY, np.dot(X, W), Y, dX, layer.dW, layer.db


def _affine_graph(X, W, b, dY, lang, key, db_name):
    X, W, b, dY, XW, Y, dX, dW, db = _affine_parts(X, W, b, dY)
    (n, d), m = X.shape, W.shape[1]
    g = _graph(lang, f"title.{key}", label(f"caption.{key}", lang, N=n, D=d, M=m))
    g.add_input("X", "X", (0, 1.6))
    g.add_node("dot", "dot", (3.4, 1.6))
    g.add_input("W", "W", (3.4, -0.5), side="below")
    g.add_node("add", "+", (7.0, 1.6), kind="bias_add")
    g.add_input("b", "b", (7.0, -0.5), side="below")
    g.add_output("Y", "Y", (9.2, 1.6))
    g.add_edge("X", "dot", X, dX, "X", "∂L/∂X = ∂L/∂Y · Wᵀ", shape=True)
    g.add_edge("W", "dot", W, dW, "W", "∂L/∂W = Xᵀ · ∂L/∂Y", shape=True, at=0.3)
    g.add_edge("dot", "add", XW, dY, "X · W", "∂L/∂Y", shape=True)
    g.add_edge("b", "add", b, db, "b", db_name, shape=True, at=0.7)
    g.add_edge("add", "Y", Y, dY, "Y", "∂L/∂Y", shape=True)
    return g


AFFINE_W = ((0.1, 0.3, 0.5), (0.2, 0.4, 0.6))
AFFINE_BATCH_W = ((0.1, 0.3, 0.5, 0.7), (0.2, 0.4, 0.6, 0.8))  # D = 2, M = 4


def affine_single_graph(X=((1.0, 2.0),), W=AFFINE_W, b=(0.1, 0.2, 0.3),
                        dY=((1.0, -1.0, 0.5),), lang="ja"):
    """5.6.1: Affine for one row X (1, D), run through a real Affine layer; shapes shown."""
    return _affine_graph(X, W, b, dY, lang, "affine_single", "∂L/∂b = ∂L/∂Y")


def affine_batch_graph(X=((1.0, 2.0), (3.0, 4.0), (5.0, 6.0)), W=AFFINE_BATCH_W,
                       b=(0.1, 0.2, 0.3, 0.4),
                       dY=((1.0, -1.0, 0.5, 0.0), (0.5, 2.0, -1.0, 1.0), (0.0, 1.0, 1.0, -0.5)),
                       lang="ja"):
    """5.6.2: Affine for a batch X (N, D), N = 3, D = 2, M = 4; db sums dY over axis 0."""
    return _affine_graph(X, W, b, dY, lang, "affine_batch", "∂L/∂b = Σₙ ∂L/∂Y")


SOFTMAX_A = (0.3, 2.9, 4.0)  # the scores of the Softmax figure; Cross Entropy uses softmax(a)
SOFTMAX_T = (0, 0, 1)


def _rows(n, gap):
    """y positions of n rows, top to bottom."""
    return [gap * (n - 1 - k) for k in range(n)]


def cross_entropy_graph(y=None, t=SOFTMAX_T, lang="ja"):
    """5.6.3: L = -Σ t_k log y_k as log, ×, + and ×(-1) nodes; dL/dy_k = -t_k / y_k.

    y: probabilities; by default softmax(SOFTMAX_A), the Softmax figure's output.
    """
    from_softmax = y is None
    y = softmax(np.array(SOFTMAX_A)) if from_softmax else _vector("y", y)
    t = _one_hot("t", t, y.size)
    if np.any(y <= 0):
        raise ValueError(f"y must be probabilities above 0 (log needs them), got {y.tolist()}")
    n = y.size
    logs = [LogNode() for _ in range(n)]
    muls = [MulLayer() for _ in range(n)]
    total, neg = SumNode(), MulLayer()
    log_y = [node.forward(v) for node, v in zip(logs, y, strict=True)]
    products = [m.forward(lv, tv) for m, lv, tv in zip(muls, log_y, t, strict=True)]
    s = total.forward(*products)
    loss = neg.forward(s, -1.0)
    dloss = 1.0
    ds, _ = neg.backward(dloss)
    dproducts = total.backward(ds)
    dlogs = [m.backward(d)[0] for m, d in zip(muls, dproducts, strict=True)]
    dy = [node.backward(d) for node, d in zip(logs, dlogs, strict=True)]
    loss_function = cross_entropy_error(y, t)
    caption = label("caption.cross_entropy", lang, loss=_fmt(loss),
                    loss_function=_fmt(loss_function), a=_fmt(np.array(SOFTMAX_A)))
    if not from_softmax:
        caption = caption.split("\n", 1)[1]  # the y given is not the Softmax figure's
        caption = f"L = {_fmt(loss)}  (cross_entropy_error: {_fmt(loss_function)})\n" + caption
    g = _graph(lang, "title.cross_entropy", caption)
    rows = _rows(n, 1.9)
    mid = sum(rows) / n
    g.add_node("sum", "+", (6.3, mid))
    g.add_node("neg", "×", (8.0, mid))
    g.add_input("minus_one", "-1", (8.0, mid - 1.1), side="below")
    g.add_output("L", "L", (9.8, mid))
    for k, row in enumerate(rows):
        i = _sub(k + 1)
        g.add_input(f"y{k}", f"y{i}", (0, row))
        g.add_node(f"log{k}", "log", (2.0, row))
        g.add_input(f"t{k}", f"t{i}", (4.3, row + 1.0), side="above")
        g.add_node(f"mul{k}", "×", (4.3, row))
        g.add_edge(f"y{k}", f"log{k}", y[k], dy[k], "", f"-t{i}/y{i}")
        g.add_edge(f"log{k}", f"mul{k}", log_y[k], dlogs[k], f"log y{i}")
        g.add_edge(f"t{k}", f"mul{k}", t[k])
        g.add_edge(f"mul{k}", "sum", products[k], dproducts[k], at=0.45)
    g.add_edge("sum", "neg", s, ds)
    g.add_edge("minus_one", "neg", -1.0, show_value=False)
    g.add_edge("neg", "L", loss, dloss, "L")
    return g


SOFTMAX_GAP = 1.6  # between rows
SOFTMAX_NEAR = 1.3  # from the band of + and / to the nearest rows
SOFTMAX_SHIFTS = (1.5, 0.9, 0.35)  # how far out of + and / the exp and × nodes of a row above
                                   # the band are, by its place counted from it (0 = nearest)


def _softmax_row(k, n):
    """(height, place counted from the middle band, 0 = nearest) of row k of n; row 0 on top."""
    above = (n + 1) // 2
    far = above - 1 - k if k < above else k - above
    height = SOFTMAX_NEAR + far * SOFTMAX_GAP
    return (height if k < above else -height), far


def softmax_graph(a=SOFTMAX_A, t=SOFTMAX_T, lang="ja"):
    """5.6.3: y_k = exp(a_k) / S with S = Σ exp(a_i), as exp, +, / and × nodes.

    From dL/dy_k = -t_k / y_k (the Cross Entropy Error's backward), the chain rule
    with the branch rule gives dL/da_k = y_k - t_k, checked against a real
    SoftmaxWithLoss (whose backward is (y - t) / N, so times N).

    Layout: + and / lie in a band across the middle, half the rows above it and
    half below; rows farther from the band have their exp and × nodes nearer the
    middle, so the branch lines cross the rows between at wide angles, away from
    the text on the rows (_softmax_row, SOFTMAX_SHIFTS).
    """
    a = _vector("a", a)
    t = _one_hot("t", t, a.size)
    n = a.size
    exps = [ExpNode() for _ in range(n)]
    muls = [MulLayer() for _ in range(n)]
    total, inv = SumNode(), ReciprocalNode()
    e = [node.forward(v) for node, v in zip(exps, a, strict=True)]
    s = total.forward(*e)
    r = inv.forward(s)
    y = [m.forward(ek, r) for m, ek in zip(muls, e, strict=True)]
    dy = [-tk / yk for tk, yk in zip(t, y, strict=True)]  # from the Cross Entropy Error
    de_mul, dr_parts = zip(*(m.backward(d) for m, d in zip(muls, dy, strict=True)), strict=True)
    dr = sum(dr_parts)  # 1/S branches to every × node: add the gradients
    ds = inv.backward(dr)
    de_sum = total.backward(ds)
    da = [node.backward(d1 + d2) for node, d1, d2 in zip(exps, de_sum, de_mul, strict=True)]
    layer = SoftmaxWithLoss()
    layer.forward(a.reshape(1, -1), t.reshape(1, -1))
    da_layer = layer.backward(1) * 1  # N = 1 row
    if not np.allclose(da, da_layer[0], rtol=1e-9, atol=1e-12):
        raise AssertionError(f"softmax graph gives {da}, SoftmaxWithLoss.backward gives "
                             f"{da_layer[0]}")
    g = _graph(lang, "title.softmax", label("caption.softmax", lang, r=_fmt(r),
                                             da=_numbers(da), layer=_numbers(da_layer[0])))
    # The + and / nodes sit in a band across the middle, the rows above and below it,
    # so a branch line crosses only the rows between its own and the band.
    x_sum, x_inv = 3.1, 6.3
    x_out = x_inv + SOFTMAX_SHIFTS[0] + 1.6
    g.add_node("sum", "+", (x_sum, 0))
    g.add_node("inv", "/", (x_inv, 0))
    middle = (x_sum + x_inv) / 2  # no branch line crosses a row between + and /: text goes here
    crowded = n - (n + 1) // 2 > 1  # two rows or more below the band
    for k in range(n):
        i = _sub(k + 1)
        row, far = _softmax_row(k, n)
        # nearer rows further out: the lines cross at wide angles; below the band a farther
        # row's line is upright, keeping clear of the text below a nearer row's line
        shift = SOFTMAX_SHIFTS[far] if row > 0 or far == 0 else 0.0
        x_exp, x_mul = x_sum - shift, x_inv + shift
        # the branch lines' text: halfway to the next row nearer the band, beside its own line;
        # below the band a nearest row's text (below its line, so towards the lines from the
        # farther rows) leans to the row's end, where those lines are farthest from it
        at = SOFTMAX_GAP / 2 / abs(row) if far else (0.4 if row < 0 and crowded else 0.5)
        g.add_input(f"a{k}", f"a{i}", (0, row))
        g.add_node(f"exp{k}", "exp", (x_exp, row))
        g.add_node(f"mul{k}", "×", (x_mul, row))
        g.add_output(f"y{k}", f"y{i}", (x_out, row))
        g.add_edge(f"a{k}", f"exp{k}", a[k], da[k], f"a{i}")
        g.add_edge(f"exp{k}", f"mul{k}", e[k], de_mul[k], f"exp(a{i})",
                   at=(middle - x_exp) / (x_mul - x_exp))
        g.add_edge(f"exp{k}", "sum", e[k], de_sum[k], show_value=False, at=at)
        g.add_edge(f"mul{k}", f"y{k}", y[k], dy[k], f"y{i}", f"-t{i}/y{i}")
    g.add_edge("sum", "inv", s, ds, "S")
    shown = 0  # the number of 1/S once, on the line to the top row; then "1/S"
    for k in range(n):  # 1/S branches from / to every ×
        row, far = _softmax_row(k, n)
        at = 1 - SOFTMAX_GAP / 2 / abs(row) if far else (0.6 if row < 0 and crowded else 0.5)
        g.add_edge("inv", f"mul{k}", r, dr_parts[k], "1/S", at=at, show_value=k == shown)
    return g


# --- 5.7: the two-layer net ---------------------------------------------------------------------

def two_layer_net_graph(batch=3, input_size=4, hidden_size=5, output_size=3, seed=2,
                        weight_init_std=1.0, lang="ja"):
    """5.7: TwoLayerNet's layers Affine → ReLU → Affine → Softmax-with-Loss as boxes.

    Runs a real TwoLayerNet (weights drawn from a seeded Generator) on a seeded
    random batch with random labels, layer by layer forward and then backward,
    and checks the gradients against TwoLayerNet.gradient. Each arrow shows its
    array's shape and the start of its first row.
    """
    sizes = {"batch": batch, "input_size": input_size, "hidden_size": hidden_size,
             "output_size": output_size}
    for name, size in sizes.items():
        if not isinstance(size, (int, np.integer)) or not 1 <= size <= 100:
            raise ValueError(f"{name} must be a whole number from 1 to 100, got {size!r}")
    rng = np.random.default_rng(seed)
    net = TwoLayerNet(input_size, hidden_size, output_size, weight_init_std, rng=rng)
    x = rng.standard_normal((batch, input_size))
    t = rng.integers(0, output_size, batch)
    affine1, relu, affine2 = net.layers.values()
    h = affine1.forward(x)
    z = relu.forward(h)
    s = affine2.forward(z)
    loss = net.lastLayer.forward(s, t)
    ds = net.lastLayer.backward(1)
    dz = affine2.backward(ds)
    dh = relu.backward(dz)
    affine1.backward(dh, need_dx=False)  # as TwoLayerNet.gradient: dX is never used
    mine = {"W1": affine1.dW.copy(), "b1": affine1.db.copy(), "W2": affine2.dW.copy(),
            "b2": affine2.db.copy()}  # copies: gradient() below sets the layers' dW and db anew
    grads = net.gradient(x, t)
    for key, value in mine.items():
        if not np.allclose(grads[key], value, rtol=1e-12, atol=0):
            raise AssertionError(f"layer-by-layer {key} gradient differs from TwoLayerNet's")
    g = _graph(lang, "title.two_layer_net", label(
        "caption.two_layer_net", lang, D=input_size, H=hidden_size, M=output_size, N=batch,
        seed=seed, loss=_fmt(loss)))
    y0 = 0.0
    g.add_input("X", "X", (0, y0))
    g.add_node("affine1", "Affine", (2.2, y0), box=(0.9, 0.6))
    g.add_node("relu", "ReLU", (4.8, y0), box=(0.8, 0.6))
    g.add_node("affine2", "Affine", (7.4, y0), box=(0.9, 0.6))
    g.add_node("loss", "Softmax-\nwith-Loss", (10.0, y0), kind="softmax_with_loss",
               box=(1.1, 0.8))
    g.add_output("L", "L", (11.8, y0))
    for k, node in ((1, "affine1"), (2, "affine2")):
        xk = g.nodes[node].xy[0]
        g.add_input(f"W{k}", f"W{k}", (xk, y0 - 1.6), side="below")
        g.add_input(f"b{k}", f"b{k}", (xk, y0 + 1.6), side="above")
    g.add_input("t", "t", (10.0, y0 - 1.6), side="below")
    g.add_edge("X", "affine1", x, None, "X", peek=True)
    g.add_edge("W1", "affine1", net.params["W1"], mine["W1"], "W1", "∂L/∂W1", shape=True)
    g.add_edge("b1", "affine1", net.params["b1"], mine["b1"], "b1", "∂L/∂b1", shape=True)
    g.add_edge("affine1", "relu", h, dh, peek=True)
    g.add_edge("relu", "affine2", z, dz, peek=True)
    g.add_edge("W2", "affine2", net.params["W2"], mine["W2"], "W2", "∂L/∂W2", shape=True)
    g.add_edge("b2", "affine2", net.params["b2"], mine["b2"], "b2", "∂L/∂b2", shape=True)
    g.add_edge("affine2", "loss", s, ds, peek=True)
    g.add_edge("t", "loss", t, None, "t", shape=True)
    g.add_edge("loss", "L", loss, 1.0, "L")
    return g
