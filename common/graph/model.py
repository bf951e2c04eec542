"""The computational graph as data: nodes, terminals and edges, with the numbers on them.

A `Graph` holds nodes (circles labelled with their operation, or boxes for whole
layers), terminals (the named inputs and outputs at the ends of the graph) and
edges (arrows). Each edge carries its forward value and optionally its gradient.
common.graph.drawing draws a Graph; common.graph.stepper walks through it.

    >>> g = Graph()
    >>> g.add_input("x", "x", (0, 0))
    >>> g.add_node("sq", "**2", (2, 0))
    >>> g.add_output("z", "z", (4, 0))
    >>> edge = g.add_edge("x", "sq", value=3.0, grad=6.0)
    >>> edge = g.add_edge("sq", "z", value=9.0, grad=1.0)
    >>> g
    Graph('', 1 nodes, 2 terminals, 2 edges)
    >>> g.edge("x", "sq").grad_text()
    '6'

"""
import math
from dataclasses import dataclass, field

import numpy as np

from common.labels import check_lang

NODE_RADIUS = 0.28  # in graph units

KINDS = {  # node op -> kind, which says which rule of backpropagation applies
    "×": "mul", "+": "add", "exp": "exp", "/": "reciprocal", "log": "log", "**2": "square",
    "dot": "dot", "Affine": "affine", "ReLU": "relu", "Softmax-with-Loss": "softmax_with_loss",
}


def format_value(value, shape=False):
    """Short text for a value on an edge.

    Numbers get about 4 significant digits and no floating-point noise
    (2.2, 220, 0.1966); small 1-D arrays become short lists; bigger arrays,
    and every array when shape=True, are shown by their shape "(2, 3)";
    strings are kept as they are.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    array = np.asarray(value)
    if array.ndim == 0:
        return _format_number(float(array))
    if array.ndim == 1 and array.size <= 4 and not shape:
        return "[" + ", ".join(_format_number(float(v)) for v in array) + "]"
    return str(tuple(int(n) for n in array.shape))


def _format_number(x):
    if not math.isfinite(x):
        return str(x)
    if x == 0:
        return "0"  # also for -0.0
    digits = max(4, int(math.floor(math.log10(abs(x)))) + 1)  # never 1.234e+04 for prices
    text = f"{x:.{digits}g}"
    return "0" if float(text) == 0 else text


def peek_text(value, count=2):
    """The first `count` numbers of an array's first row, 3 digits: "[0.123, -2, …]"."""
    array = np.asarray(value)
    row = array.reshape(array.shape[0], -1)[0] if array.ndim > 1 else array.ravel()
    more = ", …" if row.size > count else ""
    return "[" + ", ".join(_format_short(float(v)) for v in row[:count]) + more + "]"


def _format_short(x):
    text = f"{x:.3g}"
    return "0" if float(text) == 0 else text


@dataclass
class Node:
    """An operation at `xy`: "+", "×", "exp", ... in a circle, or a layer's name in a box.

    kind: the rule of backpropagation it follows (mul, add, exp, reciprocal, log,
    square, dot, bias_add, affine, relu, softmax_with_loss); by default from op.
    box: (width, height) of a box in graph units, or None for a circle.
    """

    op: str
    xy: tuple
    kind: str = ""
    box: tuple = None

    def __post_init__(self):
        self.kind = self.kind or KINDS.get(self.op, self.op)

    def half_size(self):
        """Half the width and height the node takes."""
        if self.box is None:
            return NODE_RADIUS, NODE_RADIUS
        return self.box[0] / 2, self.box[1] / 2


@dataclass
class Terminal:
    """A named input or output end of the graph; its label sits on `side` of `xy`."""

    label: str
    xy: tuple
    side: str = "left"  # "left", "right", "above" or "below"


@dataclass
class Edge:
    """An arrow from `src` to `dst` (names of nodes or terminals).

    value: the forward value (number, array or text); grad: the gradient flowing
    back along the edge, or None. value_name / grad_name, when given, are written
    in front: "x = 10", "∂L/∂x = 1.3"; an array shown by its shape gets "X (2, 3)".
    at: where along the arrow the text sits (0 = start, 1 = end).
    shape: show arrays by their shape only; peek: and the start of their first row.
    show_value: False writes value_name alone, or nothing (a constant named by its
    terminal, or a value already written on another branch of the same output).
    """

    src: str
    dst: str
    value: object = None
    grad: object = None
    value_name: str = ""
    grad_name: str = ""
    at: float = 0.5
    shape: bool = False
    show_value: bool = True
    peek: bool = False

    def value_text(self):
        return edge_text(self.value_name, self.value if self.show_value else None,
                          self.shape, self.peek)

    def grad_text(self):
        return edge_text(self.grad_name, self.grad, self.shape, self.peek)


def edge_text(name, value, shape, peek=False):
    shown = format_value(value, shape or peek)
    if peek and value is not None and np.ndim(value) > 0:
        shown += "\n" + peek_text(value)
    if not name:
        return shown
    if not shown:
        return name
    joiner = " " if shown.startswith("(") else " = "  # shapes: "X (2, 3)"
    return f"{name}{joiner}{shown}"


@dataclass
class Graph:
    """Nodes, terminals and edges of one computational graph, with positions."""

    nodes: dict = field(default_factory=dict)
    terminals: dict = field(default_factory=dict)
    edges: list = field(default_factory=list)
    title: str = ""
    caption: str = ""
    lang: str = "ja"

    def __post_init__(self):
        check_lang(self.lang)

    def add_node(self, name, op, xy, kind="", box=None):
        self._check_new(name)
        self.nodes[name] = Node(op, tuple(xy), kind, None if box is None else tuple(box))

    def add_input(self, name, label, xy, side="left"):
        self._add_terminal(name, label, xy, side)

    def add_output(self, name, label, xy, side="right"):
        self._add_terminal(name, label, xy, side)

    def add_edge(self, src, dst, value=None, grad=None, value_name="", grad_name="", at=0.5,
                 shape=False, show_value=True, peek=False):
        for end in (src, dst):
            if end not in self.nodes and end not in self.terminals:
                raise ValueError(f"edge {src!r} -> {dst!r}: no node or terminal named {end!r}; "
                                 "add it with add_node, add_input or add_output first")
        if not 0 <= at <= 1:
            raise ValueError(f"at must be between 0 (arrow start) and 1 (arrow end), got {at}")
        edge = Edge(src, dst, value, grad, value_name, grad_name, at, shape, show_value, peek)
        self.edges.append(edge)
        return edge

    def edge(self, src, dst):
        """The edge from src to dst."""
        for edge in self.edges:
            if edge.src == src and edge.dst == dst:
                return edge
        raise KeyError(f"no edge {src!r} -> {dst!r}; edges: "
                       + ", ".join(f"{e.src}->{e.dst}" for e in self.edges))

    def position(self, name):
        item = self.nodes.get(name) or self.terminals[name]
        return item.xy

    def _add_terminal(self, name, label, xy, side):
        if side not in ("left", "right", "above", "below"):
            raise ValueError(f"side must be 'left', 'right', 'above' or 'below', got {side!r}")
        self._check_new(name)
        self.terminals[name] = Terminal(label, tuple(xy), side)

    def _check_new(self, name):
        if name in self.nodes or name in self.terminals:
            raise ValueError(f"the graph already has a node or terminal named {name!r}")

    def __repr__(self):
        return (f"Graph({self.title!r}, {len(self.nodes)} nodes, "
                f"{len(self.terminals)} terminals, {len(self.edges)} edges)")


