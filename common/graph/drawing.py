"""Computational graphs drawn with matplotlib, in the book's style.

Each edge's forward value is written above its arrow in black; its gradient in red
below a second arrow that points back, from the edge's end to its start.

    >>> from common.graph.chapter import apple_graph
    >>> fig = draw_graph(apple_graph())

draw_graph(g, step=s) shows only what a step of common.graph.stepper has revealed;
StepPicture redraws steps fast by drawing only what changes between them, and
takes the numbers of another graph of the same shape (a slider moved) in a few
milliseconds.
"""
import math
import unicodedata
from dataclasses import dataclass, field

import matplotlib_fontja  # noqa: F401  (registers the Japanese font IPAexGothic)
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, get_hinting_flag
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from matplotlib.text import Text

from common.graph.model import NODE_RADIUS, Node
from common.labels import label

UNIT = 1.0  # inches per graph unit: circles stay round and text keeps its size
DPI = 110
FONT_SIZE = 11
FONT = ("DejaVu Sans", "IPAexGothic")  # Latin, math and subscripts; then Japanese
LATIN_FONT = ("DejaVu Sans",)  # matplotlib's default: the English edition uses it alone
MARK_COLOR = "#444444"  # the marks (1), (2), ... beside nodes
NOTE_WIDTH = 96  # a step's line under its picture wraps at this many columns (CJK count 2)
VALUE_COLOR = "black"
GRAD_COLOR = "#c8102e"  # red, the book's colour for backward values
LINE_COLOR = "#333333"
HIGHLIGHT_COLOR = "#f08c00"  # the node of the current step
LABEL_GAP = 0.07  # space between an arrow and its text, in graph units
BACK_GAP = 0.13  # space between a forward arrow and its backward arrow
BACK_LENGTH = 1.0  # longest backward arrow, in graph units
PAD = 0.12  # space around everything, in graph units

# --- drawing ------------------------------------------------------------------------------------

_TERMINAL_ALIGN = {  # side -> (offset direction, ha, va)
    "left": ((-1, 0), "right", "center"),
    "right": ((1, 0), "left", "center"),
    "above": ((0, 1), "center", "bottom"),
    "below": ((0, -1), "center", "top"),
}


def _rim(graph, name, u):
    """How far from the centre of `name` an arrow in direction u starts or stops."""
    node = graph.nodes.get(name)
    if node is None:
        return 0.0
    if node.box is None:
        return NODE_RADIUS + 0.04
    hw, hh = node.half_size()
    return min(hw / abs(u[0]) if u[0] else math.inf, hh / abs(u[1]) if u[1] else math.inf) + 0.04


def _ends(graph, edge):
    """Start and end points of an edge's arrow, stopping at nodes' rims, and its direction."""
    p = np.array(graph.position(edge.src), dtype=float)
    q = np.array(graph.position(edge.dst), dtype=float)
    d = q - p
    length = float(np.hypot(*d))
    if length == 0:
        raise ValueError(f"edge {edge.src!r} -> {edge.dst!r} has both ends at {tuple(p)}")
    u = d / length
    return p + u * _rim(graph, edge.src, u), q - u * _rim(graph, edge.dst, u), u


def _upper_normal(u):
    """The unit normal of direction u on the arrow's upper side (left side if vertical)."""
    n = np.array([-u[1], u[0]])
    if n[1] < -1e-9 or (abs(n[1]) <= 1e-9 and n[0] > 0):
        n = -n
    return n


def _side_align(n):
    """Text alignment for text placed from a point in direction n (a unit vector).

    Only text beside an exactly horizontal or vertical arrow is centred; beside a
    slanted one, the text's corner is at the point, so the text leans away from
    the arrow whatever its length.
    """
    ha = "center" if abs(n[0]) < 1e-9 else ("left" if n[0] > 0 else "right")
    va = "center" if abs(n[1]) < 1e-9 else ("bottom" if n[1] > 0 else "top")
    return ha, va


def edge_labels(graph):
    """{(edge index, "value" or "grad"): text} of the numbers written on the edges."""
    labels = {}
    for k, edge in enumerate(graph.edges):
        for kind, s in (("value", edge.value_text()), ("grad", edge.grad_text())):
            if s:
                labels[k, kind] = s
    return labels


@dataclass
class GraphArtists:
    """The artists of a drawn graph that change from step to step.

    labels: {(edge index, "value" or "grad"): Text}; back_arrows: {edge index:
    the backward arrow}; highlights: {node name: the ring shown on the current
    node}; note: the Text line of the step's sentence, or None.
    """

    labels: dict = field(default_factory=dict)
    back_arrows: dict = field(default_factory=dict)
    highlights: dict = field(default_factory=dict)
    note: object = None

    def dynamic(self):
        """Every artist that show() may change."""
        extra = [] if self.note is None else [self.note]
        return [*self.labels.values(), *self.back_arrows.values(), *self.highlights.values(),
                *extra]

    def show(self, step):
        """Show what `step` has revealed: values, gradients, the current node, the sentence.

        step None shows everything and no highlight (the finished picture).
        """
        for (k, kind), text in self.labels.items():
            text.set_visible(step is None or k in (step.values if kind == "value"
                                                   else step.grads))
        for k, arrow in self.back_arrows.items():
            arrow.set_visible(step is None or k in step.grads)
        for name, ring in self.highlights.items():
            ring.set_visible(step is not None and name == step.node)
        if self.note is not None:
            self.note.set_text("" if step is None else _note(step))


def step_line(step):
    """The line written under a step's picture: "順伝播 3/10  乗算ノード: 100 × 2 = 200"."""
    return f"{label('phase.' + step.phase, step.lang)} {step.index + 1}/{step.count}  {step.text}"


def fonts(lang):
    """The font families for text in `lang`: Latin alone for English, Latin then the
    Japanese IPAexGothic for Japanese."""
    return LATIN_FONT if lang == "en" else FONT


def _columns(text):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_note(text, width=NOTE_WIDTH):
    """`text` broken into lines of at most `width` columns after its clauses ("、", "; ",
    "。", ". "); a clause longer than that stays whole. Joining the lines gives `text`."""
    pieces, start = [], 0
    for k, ch in enumerate(text):
        if ch in "、。" or (ch in ";." and text[k + 1:k + 2] == " "):
            end = k + 1 + (ch in ";.")
            pieces.append(text[start:end])
            start = end
    pieces.append(text[start:])
    lines = [""]
    for piece in filter(None, pieces):
        if lines[-1] and _columns(lines[-1] + piece) > width:
            lines.append("")
        lines[-1] += piece
    return "\n".join(lines)


def _note(step):
    return wrap_note(step_line(step))


def draw_graph(graph, ax=None, label_artists=None, step=None, notes=(), artists=None,
               marks=None):
    """Draw `graph` and return the matplotlib Figure.

    Without `ax`, a new Figure (not registered with pyplot, so nothing to close)
    is sized to the graph at UNIT inches per graph unit and DPI dots per inch.
    With `ax`, the graph is drawn into it and its figure is returned.
    label_artists: a dict that receives the Text of each edge label, keyed as in
    edge_labels(graph), for redrawing only the numbers later.
    step: a common.graph.stepper.Step; only what it has revealed is shown, its node is
    highlighted and its sentence written below (wrapped, wrap_note). The size does not depend on the
    step: every label is laid out and measured, then hidden if not yet reached.
    notes: the steps (or their lines) to make room for below the graph; with
    `step` and no notes, room is made for that step's line only.
    artists: a GraphArtists that receives the artists that change between steps.
    marks: a Marks (where a reader's backward goes wrong) drawn over the graph.
    Text is in fonts(graph.lang); the node numbers of a graph that has them (a
    common.graph.chapter.MarkedGraph: {node: (text, offset)}) are drawn small beside
    their nodes.
    """
    own = ax is None
    if own:
        fig = Figure(dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
    else:
        fig = ax.figure
    ax.set_axis_off()
    artists = GraphArtists() if artists is None else artists
    texts = []
    family = fonts(graph.lang)

    def text(x, y, s, **kw):
        t = ax.text(x, y, s, fontsize=kw.pop("fontsize", FONT_SIZE), fontfamily=family, **kw)
        texts.append(t)
        return t

    for name, node in graph.nodes.items():
        _draw_node(ax, node, text)
        artists.highlights[name] = ax.add_artist(_node_patch(
            node, 0.06, facecolor=(0.94, 0.55, 0.0, 0.16), edgecolor=HIGHLIGHT_COLOR,
            linewidth=3.2, zorder=5, visible=False))
    for name, (mark, offset) in getattr(graph, "marks", {}).items():
        ha, va = _side_align(np.array(offset, dtype=float) / np.hypot(*offset))
        x, y = graph.nodes[name].xy
        text(x + offset[0], y + offset[1], mark, ha=ha, va=va, fontsize=FONT_SIZE,
             color=MARK_COLOR)
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
        n = _upper_normal(u)
        if (k, "value") in labels:
            ha, va = _side_align(n)
            artists.labels[k, "value"] = text(*(mid + n * LABEL_GAP), labels[k, "value"],
                                              ha=ha, va=va, color=VALUE_COLOR)
        if edge.grad is not None:
            half = min(BACK_LENGTH, 0.55 * float(np.hypot(*(end - start)))) / 2
            back = mid - n * BACK_GAP
            artists.back_arrows[k] = ax.add_artist(FancyArrowPatch(
                back + u * half, back - u * half, arrowstyle="-|>", mutation_scale=11,
                shrinkA=0, shrinkB=0, color=GRAD_COLOR, linewidth=1.2, zorder=2))
        if (k, "grad") in labels:
            ha, va = _side_align(-n)
            artists.labels[k, "grad"] = text(*(mid - n * (BACK_GAP + LABEL_GAP)),
                                             labels[k, "grad"], ha=ha, va=va, color=GRAD_COLOR)
    if marks is not None:
        _draw_marks(ax, graph, artists, marks)
    if label_artists is not None:
        label_artists.update(artists.labels)
    title = caption = note = None
    if graph.title:
        title = ax.text(0, 0, graph.title, ha="left", va="bottom", fontsize=FONT_SIZE + 2,
                        fontfamily=family)  # not bold: the Japanese font has no bold face
    if graph.caption:
        caption = ax.text(0, 0, graph.caption, ha="left", va="top", fontsize=FONT_SIZE - 1,
                          color="#444444", fontfamily=family)
    lines = [n if isinstance(n, str) else _note(n) for n in (notes or ([step] if step else []))]
    if lines:
        note = artists.note = ax.text(0, 0, "", ha="left", va="top", fontsize=FONT_SIZE,
                                      fontfamily=family, color="#222222")
    _fit(graph, fig, ax, texts, title, caption, note, lines, own)
    if step is not None:
        artists.show(step)
    return fig


def _node_patch(node, grow, **kw):
    """The circle or box of a node, `grow` graph units bigger all round."""
    if node.box is None:
        return Circle(node.xy, NODE_RADIUS + grow, **kw)
    hw, hh = node.half_size()
    return FancyBboxPatch((node.xy[0] - hw - grow, node.xy[1] - hh - grow), 2 * (hw + grow),
                          2 * (hh + grow), boxstyle="round,pad=0,rounding_size=0.08", **kw)


def _draw_node(ax, node, text):
    ax.add_artist(_node_patch(node, 0, facecolor="white", edgecolor=LINE_COLOR, linewidth=1.6,
                              zorder=3))
    if node.box is not None:
        size = FONT_SIZE
    elif len(node.op) == 1:
        size = FONT_SIZE + 5
    else:
        size = FONT_SIZE + 1 - (len(node.op) > 3)
    text(*node.xy, node.op, ha="center", va="center", multialignment="center", zorder=4,
         fontsize=size)


def _fit(graph, fig, ax, texts, title, caption, note, lines, own):
    """Set the limits (and, for our own figure, the size) so every artist fits."""
    items = [*graph.nodes.values(), *graph.terminals.values()]
    if not items:
        raise ValueError("the graph is empty: add nodes or terminals before drawing it")
    x0 = y0 = math.inf
    x1 = y1 = -math.inf
    for item in items:
        hw, hh = item.half_size() if isinstance(item, Node) else (NODE_RADIUS, NODE_RADIUS)
        x0, x1 = min(x0, item.xy[0] - hw), max(x1, item.xy[0] + hw)
        y0, y1 = min(y0, item.xy[1] - hh), max(y1, item.xy[1] + hh)
    # Provisional view at the final scale, to measure the text in graph units.
    fig.set_size_inches((x1 - x0) * UNIT, (y1 - y0) * UNIT)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()

    def extent(t):
        return to_data.transform(t.get_window_extent(renderer).get_points())

    for t in texts:
        (a, b), (c, d) = extent(t)
        x0, x1, y0, y1 = min(x0, a), max(x1, c), min(y0, b), max(y1, d)
    # Title above and caption below everything else, starting at the left edge.
    for t, y, sign in ((title, y1, 1), (caption, y0, -1)):
        if t is None:
            continue
        t.set_position((x0, y + sign * 0.15))
        (a, b), (c, d) = extent(t)
        x1, y0, y1 = max(x1, c), min(y0, b), max(y1, d)
    if note is not None:  # below the caption, with room for the widest and tallest line
        note.set_position((x0, y0 - 0.15))
        bottom = y0
        for line in lines:
            note.set_text(line)
            (a, b), (c, d) = extent(note)
            x1, bottom = max(x1, c), min(bottom, b)
        y0 = bottom
        note.set_text("")
    x0, x1, y0, y1 = x0 - PAD, x1 + PAD, y0 - PAD, y1 + PAD
    if own:
        fig.set_size_inches((x1 - x0) * UNIT, (y1 - y0) * UNIT)
    else:
        ax.set_aspect("equal")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def graph_shape(graph):
    """All that a picture of `graph` draws except the texts of its edge labels.

    Two graphs with the same shape differ only in the numbers on their edges, so
    a StepPicture of one can show the other (StepPicture.update).
    """
    edges = [(e.src, e.dst, e.at, e.grad is not None) for e in graph.edges]
    return repr((graph.nodes, graph.terminals, edges, graph.title, graph.caption,
                 sorted(edge_labels(graph)), getattr(graph, "marks", {}), graph.lang))


class _LabelStamp:
    """One line of text rasterized with FreeType directly, where and as `text` would be drawn.

    Drawing a Text through matplotlib 3.11 takes 2 to 5 ms (it renders glyph by
    glyph); this takes well under 1 ms, as matplotlib's own Agg backend drew text
    up to 3.10. The result lies within a pixel of matplotlib's.
    """

    def __init__(self, text, renderer):
        fig = text.figure
        self.dpi, self.canvas_height = fig.dpi, renderer.height
        self.x, self.y = text.get_transform().transform(text.get_position())
        self.ha, self.va = text.get_horizontalalignment(), text.get_verticalalignment()
        self.color = np.array(to_rgb(text.get_color()), dtype=np.float32) * 255
        prop = text.get_fontproperties()
        self.size = prop.get_size_in_points()
        self.font = get_font([findfont(FontProperties(family=family, style=prop.get_style(),
                                                      weight=prop.get_weight()))
                              for family in prop.get_family()])
        # matplotlib gives every line at least the font's ascent and descent: measure them
        probe = Text(0, 0, ".", fontproperties=prop, va="baseline")
        probe.set_figure(fig)
        box = probe.get_window_extent(renderer)
        self.ascent, self.descent = box.y1, -box.y0

    def layer(self, s):
        """(top, left, rgb, alpha) of the one-line text s, as StepPicture layers are."""
        font = self.font
        font.set_size(self.size, self.dpi)
        font.set_text(s, 0.0, flags=get_hinting_flag())
        w, h = (v / 64 for v in font.get_width_height())
        d = font.get_descent() / 64
        height = max(h - d, self.ascent) + max(d, self.descent)
        left = self.x - {"left": 0, "center": w / 2, "right": w}[self.ha]
        bottom = self.y - {"bottom": 0, "top": height, "center": height / 2,
                           "baseline": max(d, self.descent)}[self.va]
        baseline = bottom + max(d, self.descent)  # display coordinates: y goes up
        font.draw_glyphs_to_bitmap(antialiased=True)
        ink = np.asarray(font.get_image())
        xo, yo = (v / 64 for v in font.get_bitmap_offset())
        top = round(self.canvas_height - baseline + yo + d) + 1 - ink.shape[0]  # rows go down
        return _crop(top, round(left + xo), self.color, ink)


def _crop(top, left, rgb, ink):
    """The layer (top, left, rgb, alpha) of the inked part of `ink` (uint8 coverage), or None."""
    rows, cols = np.nonzero(ink)
    if rows.size == 0:
        return None
    r0, r1, c0, c1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    alpha = ink[r0:r1, c0:c1, None].astype(np.float32) / 255
    rgb = rgb if np.ndim(rgb) == 1 else rgb[r0:r1, c0:c1]
    return top + r0, left + c0, rgb, alpha


class StepPicture:
    """A graph drawn once, then pictured step by step in a few milliseconds.

    The background (nodes, forward arrows, names, title, caption) is drawn once,
    and so is every label, backward arrow, highlight ring and step sentence, each
    on its own transparent layer. render(step) lays the layers that the step
    shows over the background with numpy: no text is drawn again. Every step has
    the same size.

    sentences=False leaves out the step sentences (a widget writes them beside
    the picture). update(graph) then takes the numbers of another graph of the
    same shape, drawing only the labels whose text changed.

        picture = StepPicture(graph, steps, dpi=80)
        rgba = picture.render(steps[3])   # (height, width, 4) uint8
    """

    def __init__(self, graph, steps, dpi=DPI, sentences=True):
        self.artists = GraphArtists()
        self.fig = draw_graph(graph, notes=steps if sentences else (), artists=self.artists)
        self.fig.set_dpi(dpi)
        self.shape = graph_shape(graph)
        canvas = self.fig.canvas
        dynamic = self.artists.dynamic()
        for artist in dynamic:
            artist.set_animated(True)
        canvas.draw()
        self.background = np.asarray(canvas.buffer_rgba()).copy()
        self.label_of = {id(a): key for key, a in self.artists.labels.items()}
        self.layers = {}  # id(artist) -> its layer, drawn when first shown (_layer_of)
        self.initial = {key: a.get_text() for key, a in self.artists.labels.items()}
        self.first_layers = {}  # key -> the layer of its initial text, drawn when first needed
        self.labels = {}  # key -> the layer of a text that update() changed
        self.stamps = {}
        self.notes = {}
        for step in steps if sentences else ():
            self.artists.note.set_text(_note(step))
            self.notes[step.text] = self._layer(self.artists.note)
        self.order = sorted((a for a in dynamic if a is not self.artists.note),
                            key=lambda a: a.get_zorder())

    def _layer_of(self, artist):
        """The layer of a label, backward arrow or ring, drawn the first time it is shown:
        a picture of many labels starts in the time of the few its first step shows."""
        key = self.label_of.get(id(artist))
        if key is None:
            if id(artist) not in self.layers:
                self.layers[id(artist)] = self._layer(artist)
            return self.layers[id(artist)]
        return self.label_layer(key)

    def label_layer(self, key, first=False):
        """The layer of label `key` (a key of edge_labels) as shown now, or with first=True as
        the graph given at the start had it."""
        if key in self.labels and not first:
            return self.labels[key]
        if key not in self.first_layers:
            artist = self.artists.labels[key]
            text = artist.get_text()
            artist.set_text(self.initial[key])
            self.first_layers[key] = self._layer(artist)
            artist.set_text(text)
        return self.first_layers[key]

    def _layer(self, artist):
        """(top, left, rgb, alpha) of `artist` drawn alone on a transparent canvas."""
        canvas = self.fig.canvas
        canvas.get_renderer().clear()
        visible = artist.get_visible()
        artist.set_visible(True)
        self.fig.draw_artist(artist)
        artist.set_visible(visible)
        pixels = np.asarray(canvas.buffer_rgba())
        height = pixels.shape[0]
        (x0, y0), (x1, y1) = artist.get_window_extent(canvas.get_renderer()).get_points()
        top, left = max(0, int(height - y1) - 4), max(0, int(x0) - 4)  # rows count down
        crop = pixels[top:int(height - y0) + 5, left:int(x1) + 5]
        return _crop(top, left, crop[..., :3].astype(np.float32), crop[..., 3])

    def update(self, graph):
        """Show the numbers of `graph` from now on; True if done.

        False, with nothing changed, when `graph` has another shape (graph_shape),
        a new label would stick out of the picture, or the picture writes step
        sentences: then make a new StepPicture.
        """
        if self.notes or graph_shape(graph) != self.shape:
            return False
        labels = {}
        for key, text in edge_labels(graph).items():
            if text == self.initial[key]:
                continue  # its first layer, drawn when needed
            layer = self._label_layer(key, text)
            if not self._inside(layer):
                return False
            labels[key] = layer
        self.labels = labels
        for key, text in edge_labels(graph).items():
            self.artists.labels[key].set_text(text)
        return True

    def _label_layer(self, key, text):
        artist = self.artists.labels[key]
        if "\n" in text:  # rare (shapes with the start of a row): matplotlib draws it
            old = artist.get_text()
            artist.set_text(text)
            layer = self._layer(artist)
            artist.set_text(old)
            return layer
        if key not in self.stamps:
            self.stamps[key] = _LabelStamp(artist, self.fig.canvas.get_renderer())
        return self.stamps[key].layer(text)

    def _inside(self, layer):
        if layer is None:
            return True
        top, left, _, alpha = layer
        height, width = self.background.shape[:2]
        return top >= 0 and left >= 0 and top + alpha.shape[0] <= height and (
            left + alpha.shape[1] <= width)

    def render(self, step):
        """The picture of `step` (None: everything, no highlight) as an RGBA array."""
        self.artists.show(step)
        image = self.background.copy()
        layers = [self._layer_of(a) for a in self.order if a.get_visible()]
        if step is not None and self.artists.note is not None:
            layers.append(self.notes.get(step.text) or self._note(step))
        for layer in layers:
            if layer is None:
                continue
            top, left, rgb, alpha = layer
            h, w = alpha.shape[:2]
            region = image[top:top + h, left:left + w, :3]
            region[...] = np.rint(region + (rgb - region) * alpha)
        return image

    def _note(self, step):
        """The layer of a sentence not among the steps given at the start."""
        self.artists.note.set_text(_note(step))
        self.notes[step.text] = self._layer(self.artists.note)
        return self.notes[step.text]


# --- marks: where a reader's backward goes wrong --------------------------------------------------

ERROR_COLOR = "#7b1fa2"  # purple: red is already the colour of every gradient
INHERITED_COLOR = "#8c8c8c"


@dataclass(frozen=True)
class Marks:
    """Where a reader's backward goes wrong, for draw_graph(graph, marks=...).

    nodes: names of the nodes where an error enters (ringed in ERROR_COLOR);
    wrong: indices of the edges whose gradient is a new error (ERROR_COLOR, boxed);
    inherited: indices of the edges that carry an error on from upstream (grey, dashed).
    """

    nodes: tuple = ()
    wrong: tuple = ()
    inherited: tuple = ()


def _draw_marks(ax, graph, artists, marks):
    for name in marks.nodes:
        ax.add_artist(_node_patch(graph.nodes[name], 0.06, facecolor=(0.48, 0.12, 0.64, 0.12),
                                  edgecolor=ERROR_COLOR, linewidth=3.2, zorder=5))
    for k in (*marks.wrong, *marks.inherited):
        wrong = k in marks.wrong
        color = ERROR_COLOR if wrong else INHERITED_COLOR
        arrow, text = artists.back_arrows.get(k), artists.labels.get((k, "grad"))
        if arrow is not None:
            arrow.set_color(color)
            arrow.set_linestyle("-" if wrong else (0, (3, 2)))
            arrow.set_linewidth(2.0 if wrong else 1.2)
        if text is not None:
            text.set_color(color)
            if wrong:
                text.set_bbox({"boxstyle": "round,pad=0.15", "facecolor": "#f6edf9",
                               "edgecolor": ERROR_COLOR, "linewidth": 1.0})
