"""Positions for a computational graph: a small layered (Sugiyama-style) layout.

layout_graph(graph) places every node and terminal of a common.graph.model.Graph in
the book's style, inputs on the left and the output on the right, and says where
along each arrow its numbers go so that they meet no other number, node, name or
arrow. A terminal on the "below" (or "above") side, such as a constant, hangs under
(over) the node it feeds, as the book draws the -1 and the 1 of the Sigmoid graph.

The steps of Sugiyama's method, small enough for a graph of a few dozen nodes:

1. columns: the output in the last one, each node one column left of its first user
   (a chain stays next to where it is used), an input one column left of its first
   user (two when its lines fan out to three users or to several columns, so that
   they part before their numbers); an edge that spans several columns gets a
   placeholder in each column it crosses;
2. order: the rows of each column follow a depth-first walk back from the output,
   first operand on top, which draws a tree without crossings (and again with the
   last operand on top); sweeps by the mean position of the neighbours, then swaps of
   neighbours, remove the crossings that shared inputs bring;
3. rows: a least-squares fit, one column at a time with its spacing kept exactly
   (pooling adjacent violators), of edges level and placeholders on their edges'
   straight lines, so that the straight arrows the drawing makes pass through the
   room kept for them;
4. numbers: each edge's value and gradient go to the place along it (the middle of
   its last column first) where they meet least, judged from their estimated size;
   rows are spread once if something still meets (_place_labels, layout_graph).

Written here rather than taken from a library: grandalf's Sugiyama layout (the one
pure-Python candidate, GPL/EPL, last released in 2023) routes long edges as polylines
where the drawing makes straight arrows, knows nothing of the numbers on the arrows
or of hanging constants, and its import alone takes longer than this whole layout.
"""
import math
from itertools import pairwise

from common.graph.drawing import BACK_GAP, BACK_LENGTH, FONT_SIZE, LABEL_GAP, UNIT

COLUMN = 2.0  # graph units between columns: room for "x = -0.1234" above an arrow
ROW = 1.5  # least distance between two items of a column: a value above, a gradient below
HANG = 1.2  # how far a constant hangs below (or above) the node it feeds
SWEEPS = 8  # ordering sweeps
ROUNDS = 60  # height-fitting rounds at most
PASS = 0.45  # room either side of a line passing a column (its numbers are further on)
STRAIGHT = 100.0  # how much a long edge's straightness counts against an edge's ends being level


def layout_graph(graph):
    """(xy, places): positions ({name: (x, y)}) and label places ([at] per edge).

    Rows are spread further apart once if some numbers would still meet;
    the closest rows that do best are kept.
    """
    best = None
    for row in (ROW, ROW * 1.3):
        xy = layered_layout(graph, row)
        places, clashes = _place_labels(graph, xy)
        if best is None or clashes < best[2] - 1:  # more room only if it clearly helps
            best = xy, places, clashes
        if not clashes:
            break
    return best[:2]


def layered_layout(graph, row=ROW):
    """{name: (x, y)} for every node and terminal of `graph`; the graph is left as it is.

    row: the least distance between two items of a column.

    Terminals on the "left" side with no incoming edge are the inputs, terminals
    with an incoming edge are outputs, and "below" / "above" terminals hang from
    the one node they feed. Raises ValueError for a cycle or a hanging terminal
    that does not feed exactly one node.
    """
    hanging = _hanging(graph)
    items = [n for n in graph.terminals if n not in hanging] + list(graph.nodes)
    preds = {n: [] for n in items}
    succs = {n: [] for n in items}
    for e in graph.edges:
        if e.src in hanging:
            continue
        if e.dst in hanging:
            raise ValueError(f"terminal {e.dst!r} hangs {graph.terminals[e.dst].side} a node, "
                             "so it cannot receive an edge; give it the side 'right'")
        preds[e.dst].append(e.src)
        succs[e.src].append(e.dst)
    outputs = {n for n in graph.terminals if n not in hanging and preds[n]}
    layer = _layers(items, preds, succs, outputs)
    links, preds, succs = _placeholders(items, layer, preds, succs)
    chains = [via for _, _, via in links if via]
    columns = _order(items + [d for chain in chains for d in chain], layer, preds, succs)
    reach = {n: (row / 2, row / 2) for column in columns for n in column}
    passing = {dummy for chain in chains for dummy in chain[:-1]}
    for dummy in passing:  # a line passing by needs less room than numbers
        reach[dummy] = (PASS, PASS)
    for node, side in hanging.values():
        up, down = reach[node]
        reach[node] = (up + HANG, down) if side == "above" else (up, down + HANG)
    y = _rows(_heights(columns, layer, links, reach, passing))
    top = max(y.values())
    xy = {n: (_tidy(layer[n] * COLUMN), _tidy(y[n] - top)) for n in items}
    for name, (node, side) in hanging.items():
        x0, y0 = xy[node]
        xy[name] = (x0, _tidy(y0 + (HANG if side == "above" else -HANG)))
    return xy


def _place_labels(graph, xy):
    """([at] for each edge, how much their numbers still meet): where along each edge of
    `graph` laid out at `xy` its numbers go.

    Each edge's value and gradient (with its backward arrow) go where they overlap
    the fewest other numbers, nodes, names and arrows, judged from their estimated
    size; an edge that spans several columns prefers the middle of its last column
    (kept free for it), so the lines that fan out of an input are written on near
    their ends.
    """
    geometry = [_edge_geometry(graph, xy, e) for e in graph.edges]
    fixed = [_node_box(node, xy[name]) for name, node in graph.nodes.items()]
    fixed += [_terminal_box(term, xy[name]) for name, term in graph.terminals.items()]
    places = [g[4] for g in geometry]  # the preferred place of each
    boxes = [_label_boxes(graph.edges[k], geometry[k], places[k]) for k in range(len(places))]

    def around(k):
        """The boxes and arrows near edge k, other than its own."""
        start, end = geometry[k][:2]
        near = _grow(_span(start, end), 1.5)
        others = [b for j, bs in enumerate(boxes) if j != k for b in bs if _overlap(b, near)]
        lines = [g[:2] for j, g in enumerate(geometry) if j != k
                 and _overlap(_span(*g[:2]), near)]
        return others + [b for b in fixed if _overlap(b, near)], lines

    costs = [math.inf] * len(places)
    for _ in range(2):
        for k, e in enumerate(graph.edges):
            if not costs[k]:
                continue  # nothing near it moved onto it: its place stays
            others, lines = around(k)
            best = min(geometry[k][5], key=lambda at, k=k, e=e: _cost(
                _label_boxes(e, geometry[k], at), others, lines) + abs(at - geometry[k][4]) / 4)
            places[k], boxes[k] = best, _label_boxes(e, geometry[k], best)
            costs[k] = _cost(boxes[k], others, lines)
    return places, sum(_cost(boxes[k], *around(k)) for k in range(len(places)))


def _span(p, q):
    """The box spanned by two points."""
    return (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))


def _grow(box, by):
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _overlap(a, b):
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


# --- where the numbers go: estimated boxes (x0, y0, x1, y1) in graph units ---

EM = FONT_SIZE / 72 / UNIT  # graph units per em of the edge labels
WIDTHS = {".": 0.32, ",": 0.32, " ": 0.32, "-": 0.36, "=": 0.84, "(": 0.39, ")": 0.39}


def _text_size(text, size=1.0):
    """(width, height) of a line of text, estimated from DejaVu Sans' widths."""
    lines = text.split("\n") or [""]
    width = max(sum(WIDTHS.get(ch, 0.64 if ch.isascii() else 1.0) for ch in line)
                for line in lines)
    return width * EM * size, 1.2 * EM * size * len(lines)


def _aligned_box(x, y, w, h, ha, va):
    x0 = {"left": x, "center": x - w / 2, "right": x - w}[ha]
    y0 = {"bottom": y, "center": y - h / 2, "top": y - h}[va]
    return (x0, y0, x0 + w, y0 + h)


def _side(n):
    """Alignment of text set from a point in direction n, as common.graph.drawing sets it."""
    ha = "center" if abs(n[0]) < 1e-9 else ("left" if n[0] > 0 else "right")
    va = "center" if abs(n[1]) < 1e-9 else ("bottom" if n[1] > 0 else "top")
    return ha, va


def _edge_geometry(graph, xy, e):
    """(start, end, direction, upper normal, preferred at, candidate places) of an arrow."""
    p, q = xy[e.src], xy[e.dst]
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = math.hypot(dx, dy) or 1.0
    u = (dx / length, dy / length)
    a = _rim(graph, e.src)
    b = _rim(graph, e.dst)
    start = (p[0] + u[0] * a, p[1] + u[1] * a)
    end = (q[0] - u[0] * b, q[1] - u[1] * b)
    n = (-u[1], u[0])
    if n[1] < -1e-9 or (abs(n[1]) <= 1e-9 and n[0] > 0):
        n = (-n[0], -n[1])
    span = round(dx / COLUMN)
    if span > 1:  # in the last column first, then in the others
        last = [(span - 0.5 + d) / span for d in (0, -0.15, 0.15, -0.3, 0.3)]
        places = last + [(k + 0.5) / span for k in range(span - 1)]
        preferred = last[0]
    else:
        places, preferred = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78], 0.5
    return start, end, u, n, preferred, places


def _rim(graph, name):
    node = graph.nodes.get(name)
    if node is None:
        return 0.0
    return max(node.half_size()) + 0.04


def _label_boxes(e, geometry, at):
    """The boxes of an edge's value text, gradient text and backward arrow at `at`."""
    start, end, u, n, _, _ = geometry
    mid = (start[0] + (end[0] - start[0]) * at, start[1] + (end[1] - start[1]) * at)
    boxes = []
    value = e.value_text()
    if value:
        gap = LABEL_GAP
        boxes.append(_aligned_box(mid[0] + n[0] * gap, mid[1] + n[1] * gap,
                                  *_text_size(_padded(value)), *_side(n)))
    if e.grad is not None:
        length = math.hypot(end[0] - start[0], end[1] - start[1])
        half = min(BACK_LENGTH, 0.55 * length) / 2
        cx, cy = mid[0] - n[0] * BACK_GAP, mid[1] - n[1] * BACK_GAP
        boxes.append((min(cx - u[0] * half, cx + u[0] * half) - 0.03,
                      min(cy - u[1] * half, cy + u[1] * half) - 0.03,
                      max(cx - u[0] * half, cx + u[0] * half) + 0.03,
                      max(cy - u[1] * half, cy + u[1] * half) + 0.03))
        gap = BACK_GAP + LABEL_GAP
        boxes.append(_aligned_box(mid[0] - n[0] * gap, mid[1] - n[1] * gap,
                                  *_text_size(_padded(e.grad_text())), *_side((-n[0], -n[1]))))
    return boxes


def _padded(text):
    """A number's text at least as wide as "0.1234": another value must fit there too."""
    return text if len(text.split("= ")[-1]) >= 6 else text + " " * 3


def _node_box(node, xy):
    hw, hh = node.half_size()
    return (xy[0] - hw, xy[1] - hh, xy[0] + hw, xy[1] + hh)


def _terminal_box(term, xy):
    w, h = _text_size(term.label, (FONT_SIZE + 1) / FONT_SIZE)
    ha, va = {"left": ("right", "center"), "right": ("left", "center"),
              "above": ("center", "bottom"), "below": ("center", "top")}[term.side]
    dx, dy = {"left": (-0.08, 0), "right": (0.08, 0), "above": (0, 0.08),
              "below": (0, -0.08)}[term.side]
    return _aligned_box(xy[0] + dx, xy[1] + dy, w, h, ha, va)


def _cost(boxes, others, lines):
    """How much `boxes` overlap the other boxes (area) and how many arrows cross them."""
    cost = 0.0
    for a in boxes:
        for b in others:
            w = min(a[2], b[2]) - max(a[0], b[0])
            h = min(a[3], b[3]) - max(a[1], b[1])
            if w > 0 and h > 0:
                cost += 1 + w * h * 10
        cost += sum(1 for p, q in lines if _crosses(p, q, a))
    return cost


def _crosses(p, q, box):
    """True if the segment p-q passes through the box (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = box
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for d, lo, hi, v in ((dx, x0, x1, p[0]), (dy, y0, y1, p[1])):
        if abs(d) < 1e-12:
            if not lo < v < hi:
                return False
            continue
        a, b = (lo - v) / d, (hi - v) / d
        a, b = min(a, b), max(a, b)
        t0, t1 = max(t0, a), min(t1, b)
        if t0 >= t1:
            return False
    return True


def apply_layout(graph, xy):
    """Move the nodes and terminals of `graph` to the positions `xy` ({name: (x, y)})."""
    for name, item in [*graph.nodes.items(), *graph.terminals.items()]:
        item.xy = tuple(xy[name])
    return graph


def _tidy(v):
    """Round away float noise (and -0.0) so positions print and compare cleanly."""
    return round(v, 6) + 0.0


def _hanging(graph):
    """{terminal: (node it feeds, side)} for the terminals drawn above or below a node."""
    hanging = {}
    for name, term in graph.terminals.items():
        if term.side not in ("above", "below"):
            continue
        out = [e.dst for e in graph.edges if e.src == name]
        if len(out) != 1 or out[0] not in graph.nodes:
            raise ValueError(f"terminal {name!r} is drawn {term.side} a node, so it must feed "
                             f"exactly one node; it feeds {out}")
        hanging[name] = (out[0], term.side)
    return hanging


def _layers(items, preds, succs, outputs):
    """Column of each item: the outputs last, each node just left of its first user
    (a chain stays together next to where it is used), each input left of its users."""
    layer, left = {}, list(items)
    while left:  # longest path from the inputs: every edge points right
        ready = [n for n in left if all(p in layer for p in preds[n])]
        if not ready:
            raise ValueError("the graph has a cycle among " + ", ".join(left))
        for n in ready:
            layer[n] = 1 + max((layer[p] for p in preds[n]), default=-1)
            left.remove(n)
    last = max(layer.values(), default=0)
    for n in outputs:
        layer[n] = last
    for n in sorted((n for n in items if preds[n] and succs[n]), key=layer.get, reverse=True):
        layer[n] = min(layer[s] for s in succs[n]) - 1
    for n in items:
        if not preds[n] and succs[n]:  # an input: one column left of its first user,
            users = {layer[s] for s in succs[n]}  # two if its lines fan out far
            fan = len(succs[n]) > 2 or len(users) > 1
            layer[n] = min(users) - (2 if fan else 1)
    low = min(layer.values(), default=0)
    return {n: v - low for n, v in layer.items()}


def _placeholders(items, layer, preds, succs):
    """Split each edge that spans several columns with a placeholder per column crossed.

    Returns (links, preds, succs): links lists each edge as (src, dst, its placeholders),
    and the new preds / succs link items through the placeholders, whose names are
    tuples ("via", src, dst, k, column).
    """
    new_preds = {n: [] for n in items}
    new_succs = {n: [] for n in items}
    links = []
    for dst in items:
        for k, src in enumerate(preds[dst]):
            path = [src]
            for col in range(layer[src] + 1, layer[dst]):
                dummy = ("via", src, dst, k, col)
                layer[dummy] = col
                new_preds[dummy], new_succs[dummy] = [], []
                path.append(dummy)
            links.append((src, dst, path[1:]))
            path.append(dst)
            for a, b in pairwise(path):
                new_succs[a].append(b)
                new_preds[b].append(a)
    return links, new_preds, new_succs


def _order(items, layer, preds, succs):
    """Columns (lists of items, top row first) with few crossings between neighbours.

    Starts from a depth-first walk back from the outputs with the first operand on top
    (a tree comes out without crossings), and again with the last operand on top (an
    input also used at the far end then runs along the top); sweeps by the mean position
    of the neighbours, then swaps of neighbours, remove crossings; the order with the
    fewest wins, the first one on a tie.
    """
    best, best_crossings = None, None
    for flip in (False, True):
        columns = _sweep(_walk(items, layer, preds, succs, flip), preds, succs)
        crossings = _crossings(columns, succs)
        if best is None or crossings < best_crossings:
            best, best_crossings = columns, crossings
    return best


def _walk(items, layer, preds, succs, flip):
    """Columns in the order of a depth-first walk back from the outputs."""
    seen = {}

    def visit(n):
        if n in seen:
            return
        seen[n] = len(seen)
        for p in reversed(preds[n]) if flip else preds[n]:
            visit(p)

    for n in items:
        if not succs[n]:
            visit(n)
    for n in items:
        visit(n)
    count = max(layer.values()) + 1
    return [sorted((n for n in items if layer[n] == c), key=seen.get) for c in range(count)]


def _sweep(columns, preds, succs):
    count = len(columns)
    best, best_crossings = [list(c) for c in columns], _crossings(columns, succs)
    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        steps = range(1, count) if forward else range(count - 2, -1, -1)
        for c in steps:
            pos = {n: i for i, n in enumerate(columns[c - 1 if forward else c + 1])}
            links = preds if forward else succs

            def key(item, pos=pos, links=links, column=columns[c]):
                near = [pos[m] for m in links[item] if m in pos]
                return sum(near) / len(near) if near else column.index(item)

            columns[c] = sorted(columns[c], key=key)  # stable: ties keep their order
        crossings = _crossings(columns, succs)
        if crossings < best_crossings:
            best, best_crossings = [list(c) for c in columns], crossings
    improved = best_crossings > 0
    while improved:  # then swap neighbours while that removes crossings
        improved = False
        for column in best:
            for i in range(len(column) - 1):
                column[i], column[i + 1] = column[i + 1], column[i]
                crossings = _crossings(best, succs)
                if crossings < best_crossings:
                    best_crossings, improved = crossings, True
                else:
                    column[i], column[i + 1] = column[i + 1], column[i]
    return best


def _crossings(columns, succs):
    """How many pairs of edges between neighbouring columns cross."""
    total = 0
    for left, right in pairwise(columns):
        pos = {n: i for i, n in enumerate(right)}
        edges = [(i, pos[s]) for i, n in enumerate(left) for s in succs[n] if s in pos]
        total += sum(1 for a, (i1, j1) in enumerate(edges) for i2, j2 in edges[a + 1:]
                     if (i1 - i2) * (j1 - j2) < 0)
    return total


def _heights(columns, layer, links, reach, passing):
    """y of each item: the least-squares fit of a few wishes, with each column's spacing kept.

    The wishes: an edge's ends at one height (an edge across k columns counts 1/k, as
    a chain of k springs would); a placeholder on the straight line between its edge's
    ends (a long edge's k placeholders count STRAIGHT/k together), so that when the
    column holds a placeholder off the line, the ends move until the line passes
    through it. Each round fits one column at a time exactly, so the fit only ever
    improves. reach[n] = (room above, room below) the item needs; `passing`
    placeholders (lines that carry no numbers there) may meet; y grows upwards and the
    first item of a column is the top one.
    """
    y = {}
    for column in columns:  # start stacked from 0 downwards
        level = 0.0
        for i, n in enumerate(column):
            if i:
                level -= reach[column[i - 1]][1] + reach[n][0]
            y[n] = level
    # Each item's wish, the others held still: y = sum of c * y[other] over its pairs,
    # with a weight (how much it counts against its column's other items).
    wishes = {n: ([], 0.0) for column in columns for n in column}

    def wish(n, pairs, weight):
        old, total = wishes[n]
        wishes[n] = (old + pairs, total + weight)

    for src, dst, via in links:
        k = len(via)
        wish(src, [(1.0 / (k + 1), dst)], 1.0 / (k + 1))  # the ends at one height
        wish(dst, [(1.0 / (k + 1), src)], 1.0 / (k + 1))
        for p in via:  # p on the line, or its ends moved so that the line passes through p
            f, pull = (layer[p] - layer[src]) / (layer[dst] - layer[src]), STRAIGHT / k
            wish(p, [(pull * (1 - f), src), (pull * f, dst)], pull)
            wish(src, [(pull * (1 - f), p), (-pull * f * (1 - f), dst)], pull * (1 - f) ** 2)
            wish(dst, [(pull * f, p), (-pull * f * (1 - f), src)], pull * f ** 2)
    wishes = {n: (pairs, total) if total else ([(1.0, n)], 1.0)
              for n, (pairs, total) in wishes.items()}

    def want(n):
        pairs, total = wishes[n]
        return sum(c * y[m] for c, m in pairs) / total, total

    for _ in range(ROUNDS):
        moved = 0.0
        for column in (*columns, *reversed(columns)):
            wanted, weights = zip(*(want(n) for n in column), strict=True)
            gaps = [0.0 if a in passing and b in passing else reach[a][1] + reach[b][0]
                    for a, b in pairwise(column)]  # lines may cross each other
            for n, v in zip(column, _fit_column(wanted, gaps, weights), strict=True):
                moved = max(moved, abs(v - y[n]))
                y[n] = v
        if moved < 1e-3:  # far below what shows: rows within 0.01 are made level
            break
    return y


def _rows(y, tolerance=0.01):
    """The heights with those within `tolerance` of each other made equal.

    The fit settles to about 1e-4: an arrow between two items meant to be level would
    otherwise lean a little, and its numbers would be set beside it as on a slanted one.
    """
    out, level, last = {}, None, None
    for n, v in sorted(y.items(), key=lambda item: item[1]):
        if last is None or v - last > tolerance:
            level = v
        out[n], last = level, v
    return out


def _fit_column(wanted, gaps, weights):
    """Heights closest to `wanted` (weighted least squares) with h[i] - h[i+1] >= gaps[i].

    With offsets c[i] = gaps[0] + ... + gaps[i-1], q = h + c must not increase: an
    isotonic fit of wanted + c, done by pooling adjacent violators.
    """
    offsets = [0.0]
    for g in gaps:
        offsets.append(offsets[-1] + g)
    blocks = []  # [weighted mean, total weight, count]
    for w, c, weight in zip(wanted, offsets, weights, strict=True):
        blocks.append([w + c, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] < blocks[-1][0]:
            mean, total, count = blocks.pop()
            m0, t0, c0 = blocks[-1]
            blocks[-1] = [(m0 * t0 + mean * total) / (t0 + total), t0 + total, c0 + count]
    q = [mean for mean, _, count in blocks for _ in range(count)]
    return [v - c for v, c in zip(q, offsets, strict=True)]
