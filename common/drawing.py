"""Computational graphs drawn with matplotlib, in the book's style.

A `Graph` holds nodes (circles labelled with their operation), terminals (the named
inputs and outputs at the ends of the graph) and edges (arrows). Each edge carries
its forward value, written above the arrow in black, and optionally its gradient,
written below the arrow in red.

    >>> g = Graph()
    >>> g.add_input("x", "x", (0, 0))
    >>> g.add_node("sq", "**2", (2, 0))
    >>> g.add_output("z", "z", (4, 0))
    >>> g.add_edge("x", "sq", value=3.0, grad=6.0)
    >>> g.add_edge("sq", "z", value=9.0, grad=1.0)
    >>> fig = draw_graph(g)
"""
import math
from dataclasses import dataclass, field

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

UNIT = 1.0  # inches per graph unit: circles stay round and text keeps its size
DPI = 110
FONT_SIZE = 11
NODE_RADIUS = 0.28
VALUE_COLOR = "black"
GRAD_COLOR = "#c8102e"  # red, the book's colour for backward values
LINE_COLOR = "#333333"
LABEL_GAP = 0.07  # space between an arrow and its text, in graph units
PAD = 0.12  # space around everything, in graph units


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


@dataclass
class Node:
    """An operation: a circle at `xy` with `op` written inside ("+", "×", "exp", ...)."""

    op: str
    xy: tuple


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
    shape: show arrays by their shape only.
    """

    src: str
    dst: str
    value: object = None
    grad: object = None
    value_name: str = ""
    grad_name: str = ""
    at: float = 0.5
    shape: bool = False

    def value_text(self):
        return _edge_text(self.value_name, self.value, self.shape)

    def grad_text(self):
        return _edge_text(self.grad_name, self.grad, self.shape)


def _edge_text(name, value, shape):
    shown = format_value(value, shape)
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

    def add_node(self, name, op, xy):
        self._check_new(name)
        self.nodes[name] = Node(op, tuple(xy))

    def add_input(self, name, label, xy, side="left"):
        self._add_terminal(name, label, xy, side)

    def add_output(self, name, label, xy, side="right"):
        self._add_terminal(name, label, xy, side)

    def add_edge(self, src, dst, value=None, grad=None, value_name="", grad_name="", at=0.5,
                 shape=False):
        for end in (src, dst):
            if end not in self.nodes and end not in self.terminals:
                raise ValueError(f"edge {src!r} -> {dst!r}: no node or terminal named {end!r}; "
                                 "add it with add_node, add_input or add_output first")
        if not 0 <= at <= 1:
            raise ValueError(f"at must be between 0 (arrow start) and 1 (arrow end), got {at}")
        edge = Edge(src, dst, value, grad, value_name, grad_name, at, shape)
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


# --- drawing ------------------------------------------------------------------------------------

_TERMINAL_ALIGN = {  # side -> (offset direction, ha, va)
    "left": ((-1, 0), "right", "center"),
    "right": ((1, 0), "left", "center"),
    "above": ((0, 1), "center", "bottom"),
    "below": ((0, -1), "center", "top"),
}


def _ends(graph, edge):
    """Start and end points of an edge's arrow, stopping at circles' rims."""
    p = np.array(graph.position(edge.src), dtype=float)
    q = np.array(graph.position(edge.dst), dtype=float)
    d = q - p
    length = float(np.hypot(*d))
    if length == 0:
        raise ValueError(f"edge {edge.src!r} -> {edge.dst!r} has both ends at {tuple(p)}")
    u = d / length
    gap = NODE_RADIUS + 0.04
    start = p + u * gap if edge.src in graph.nodes else p
    end = q - u * gap if edge.dst in graph.nodes else q
    return start, end, u


def _side_align(n):
    """Text alignment for text placed from a point in direction n (a unit vector)."""
    ha = "center" if abs(n[0]) < 0.3 else ("left" if n[0] > 0 else "right")
    va = "center" if abs(n[1]) < 0.3 else ("bottom" if n[1] > 0 else "top")
    return ha, va


def edge_labels(graph):
    """{(edge index, "value" or "grad"): text} of the numbers written on the edges."""
    labels = {}
    for k, edge in enumerate(graph.edges):
        for kind, s in (("value", edge.value_text()), ("grad", edge.grad_text())):
            if s:
                labels[k, kind] = s
    return labels


def draw_graph(graph, ax=None, label_artists=None):
    """Draw `graph` and return the matplotlib Figure.

    Without `ax`, a new Figure (not registered with pyplot, so nothing to close)
    is sized to the graph at UNIT inches per graph unit and DPI dots per inch.
    With `ax`, the graph is drawn into it and its figure is returned.
    label_artists: a dict that receives the Text of each edge label, keyed as in
    edge_labels(graph), for redrawing only the numbers later.
    """
    own = ax is None
    if own:
        fig = Figure(dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
    else:
        fig = ax.figure
    ax.set_axis_off()
    texts = []

    def text(x, y, s, **kw):
        t = ax.text(x, y, s, fontsize=kw.pop("fontsize", FONT_SIZE), **kw)
        texts.append(t)
        return t

    for node in graph.nodes.values():
        ax.add_artist(Circle(node.xy, NODE_RADIUS, facecolor="white", edgecolor=LINE_COLOR,
                            linewidth=1.6, zorder=3))
        size = FONT_SIZE + 5 if len(node.op) == 1 else FONT_SIZE + 1 - (len(node.op) > 3)
        text(*node.xy, node.op, ha="center", va="center", zorder=4, fontsize=size)
    for term in graph.terminals.values():
        (dx, dy), ha, va = _TERMINAL_ALIGN[term.side]
        text(term.xy[0] + dx * 0.08, term.xy[1] + dy * 0.08, term.label, ha=ha, va=va,
             fontsize=FONT_SIZE + 1)
    labels = edge_labels(graph)
    for k, edge in enumerate(graph.edges):
        start, end, u = _ends(graph, edge)
        ax.add_artist(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14,
                                     shrinkA=0, shrinkB=0, color=LINE_COLOR, linewidth=1.3,
                                     zorder=2))
        mid = start + (end - start) * edge.at
        n = np.array([-u[1], u[0]])
        if n[1] < -1e-9 or (abs(n[1]) <= 1e-9 and n[0] > 0):
            n = -n  # the "upper" side; for a vertical arrow, the left side
        for sign, kind, color in ((1, "value", VALUE_COLOR), (-1, "grad", GRAD_COLOR)):
            if (k, kind) in labels:
                ha, va = _side_align(sign * n)
                t = text(*(mid + sign * n * LABEL_GAP), labels[k, kind], ha=ha, va=va,
                         color=color)
                if label_artists is not None:
                    label_artists[k, kind] = t
    title = caption = None
    if graph.title:
        title = ax.text(0, 0, graph.title, ha="left", va="bottom", fontsize=FONT_SIZE + 1,
                        fontweight="bold")
    if graph.caption:
        caption = ax.text(0, 0, graph.caption, ha="left", va="top", fontsize=FONT_SIZE - 1,
                          color="#444444")
    _fit(graph, fig, ax, texts, title, caption, own)
    return fig


def _fit(graph, fig, ax, texts, title, caption, own):
    """Set the limits (and, for our own figure, the size) so every artist fits."""
    points = [item.xy for item in (*graph.nodes.values(), *graph.terminals.values())]
    if not points:
        raise ValueError("the graph is empty: add nodes or terminals before drawing it")
    xs, ys = zip(*points, strict=True)
    r = NODE_RADIUS
    x0, x1, y0, y1 = min(xs) - r, max(xs) + r, min(ys) - r, max(ys) + r
    # Provisional view at the final scale, to measure the text in graph units.
    fig.set_size_inches((x1 - x0) * UNIT, (y1 - y0) * UNIT)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    for t in texts:
        (a, b), (c, d) = to_data.transform(t.get_window_extent(renderer).get_points())
        x0, x1, y0, y1 = min(x0, a), max(x1, c), min(y0, b), max(y1, d)
    # Title above and caption below everything else, starting at the left edge.
    for t, y, sign in ((title, y1, 1), (caption, y0, -1)):
        if t is None:
            continue
        t.set_position((x0, y + sign * 0.15))
        (a, b), (c, d) = to_data.transform(t.get_window_extent(renderer).get_points())
        x1, y0, y1 = max(x1, c), min(y0, b), max(y1, d)
    x0, x1, y0, y1 = x0 - PAD, x1 + PAD, y0 - PAD, y1 + PAD
    if own:
        fig.set_size_inches((x1 - x0) * UNIT, (y1 - y0) * UNIT)
    else:
        ax.set_aspect("equal")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
