"""Where on the computational graph the reader's backward goes wrong.

check_purchase_graph(MulLayer, AddLayer) builds the apple and orange graph of
5.4.2 (check_purchase_graph(MulLayer): the apple graph of 5.4.1) from the
reader's own classes, runs their forward and backward, and judges
every node locally: given the right upstream gradient, does it give the right
downstream ones? check_affine_graph(Affine) does the same on the Affine graph of
5.6.2 (a dot node and a bias-add node); check_gradient(gradient) on the layers
of TwoLayerNet, for a backward loop the reader writes.

Each returns a GraphReport: the graph with the reader's gradients on it, the node
where the error enters (ringed), its wrong edges (the reader's value against the
right one) and the edges downstream that carry the error on (grey, dashed). In a
notebook it shows the picture and the message.

    >>> from common.layers import AddLayer, MulLayer
    >>> class Mul(MulLayer):                       # a MulLayer that forgot to swap
    ...     def backward(self, dout):
    ...         return dout * self.x, dout * self.y
    >>> report = check_purchase_graph(Mul, AddLayer)
    >>> report.ok, report.nodes, report.edges("wrong")
    (False, ('mul_tax',), [('add', 'mul_tax'), ('tax', 'mul_tax')])
"""
import html
import io
import types
from dataclasses import dataclass, replace

import numpy as np

from common.graph import chapter
from common.graph.drawing import Marks, draw_graph
from common.graph.model import format_value, peek_text
from common.graph.stepper import topological_order
from common.labels import and_list, check_lang, label, spaced
from common.practice import purchase
from common.practice.checker import (
    KINDS,
    Example,
    Problem,
    attribute,
    call,
    hint_line,
    hints,
    judge,
    method_of,
    read_grads,
    reader_codes,
    require_class,
    run_reader,
    run_reference,
    same,
)
from common.two_layer_net import TwoLayerNet

# --- the report ---------------------------------------------------------------------------------


@dataclass
class GraphReport:
    """The verdict on a reader's backward, placed on a graph.

    graph: the graph with the reader's gradients (None when the check stopped
    before the backward pass: the message says why); marks: the nodes where an
    error enters and the wrong and inherited edges (common.graph.drawing.Marks);
    problem: "" when the reader's code ran, else what stopped it.
    """

    graph: object
    marks: Marks
    message: str
    problem: str = ""
    lang: str = "ja"

    @property
    def ok(self):
        return not self.problem and not self.marks.wrong and not self.marks.inherited

    @property
    def nodes(self):
        """The names of the nodes where an error enters."""
        return self.marks.nodes

    def edges(self, status):
        """(src, dst) of the edges marked `status`: "wrong" or "inherited"."""
        picked = self.marks.wrong if status == "wrong" else self.marks.inherited
        return [(self.graph.edges[k].src, self.graph.edges[k].dst) for k in picked]

    def figure(self):
        """The graph drawn with its marks (a matplotlib Figure), or None without a graph."""
        return None if self.graph is None else draw_graph(self.graph, marks=self.marks)

    def png(self):
        fig = self.figure()
        if fig is None:
            return None
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=fig.dpi)
        return buffer.getvalue()

    def text(self):
        return self.message

    def __repr__(self):
        return self.text()

    def _repr_html_(self):
        return (f"<div class='graph-check' data-ok='{str(self.ok).lower()}' "
                f"data-nodes='{html.escape(' '.join(self.nodes))}'>"
                f"<pre style='white-space:pre-wrap; margin:0'>{html.escape(self.message)}</pre>"
                "</div>")

    def _ipython_display_(self):
        """The picture (a PNG) and then the message: two outputs in a notebook."""
        from IPython.display import display
        if self.graph is not None:
            display({"image/png": self.png(), "text/plain": self.graph.title}, raw=True)
        display({"text/plain": self.text(), "text/html": self._repr_html_()}, raw=True)


def _stopped(problem, lang):
    return GraphReport(None, Marks(), problem.message, problem.key, lang)


# --- judging a graph ----------------------------------------------------------------------------

def classify(graph, got):
    """{edge index: "right", "wrong" or "inherited"} for every edge with a gradient.

    got: {edge index: the reader's gradient, None when it was not computed}; an
    edge not in got (the output's given gradient) is right. A wrong gradient is
    "wrong" where it enters: at a node whose upstream gradients are all right;
    "inherited" below a node whose upstream gradient is already wrong.
    """
    status = {}
    for name in reversed(topological_order(graph)):
        ups = [k for k, e in enumerate(graph.edges) if e.src == name and e.grad is not None]
        clean = all(status.get(k, "right") == "right" for k in ups)
        for k, e in enumerate(graph.edges):
            if e.dst == name and e.grad is not None:
                right = k not in got or same(got[k], e.grad)
                status[k] = "right" if right else ("wrong" if clean else "inherited")
    return {k: status.get(k, "right") for k, e in enumerate(graph.edges) if e.grad is not None}


def value_text(value, expected, lang, compact=False):
    """A gradient in short: 2.2, [1.5, 2, 0.5, 0.5], the first row "[0.12, -2, …]", or its
    shape "(4, 2)" when that differs from the expected one; "なし" for None.
    compact: one number of the first row only, "[0.12, …]" (for short arrows)."""
    if value is None:
        return label("check.graph.none", lang)
    try:
        array = np.asarray(value, dtype=float)
    except Exception:  # anything the reader returned
        return type(value).__name__
    if array.ndim == 0:
        return format_value(float(array))
    if array.shape != np.shape(expected):
        return format_value(array, shape=True)
    if array.ndim == 1 and array.size <= 4 and not compact:
        return format_value(array)
    return peek_text(array, 1 if compact else 2)


def pair_text(value, expected, lang, compact=False):
    """(the reader's value, the right one) in short; the right one by its shape when the
    reader's has none or another shape."""
    got = value_text(value, expected, lang, compact)
    if np.ndim(expected) > 0 and judge(value, expected) in ("none", "type", "shape"):
        return got, format_value(np.asarray(expected), shape=True)
    return got, value_text(expected, expected, lang, compact)


def marked(graph, got, lang):
    """(a copy of graph with the reader's gradients written on it, Marks, status by edge)."""
    status = classify(graph, got)
    edges = []
    for k, edge in enumerate(graph.edges):
        if status.get(k, "right") == "right":
            edges.append(edge)
            continue
        value, short = got.get(k), edge.grad_name.split(" = ")[0]
        if status[k] == "inherited" and value is not None and judge(value, edge.grad) == "value":
            edges.append(replace(edge, grad=np.asarray(value, dtype=float)))
            continue
        got_text, right = pair_text(value, edge.grad, lang, compact=edge.peek)
        text = f"{'✗ ' if status[k] == 'wrong' else ''}{got_text}"
        if status[k] == "wrong":
            text += "\n" + label("check.graph.should_be", lang, value=right)
        edges.append(replace(edge, grad=f"{short} {text}".strip(), grad_name=""))
    nodes = _entering(graph, status)
    marks = Marks(nodes, tuple(k for k, s in status.items() if s == "wrong"),
                  tuple(k for k, s in status.items() if s == "inherited"))
    return replace(graph, edges=edges, caption=label("check.graph.legend", lang)), marks, status


def _entering(graph, status):
    """The nodes where an error enters, from the output side."""
    wrong = {graph.edges[k].dst for k, s in status.items() if s == "wrong"}
    return tuple(n for n in reversed(topological_order(graph)) if n in wrong)


def _verdict_lines(graph, got, status, names, lang, enters="check.graph.enters"):
    """The lines that say where the error enters, with each wrong value, and what inherits it."""
    lines = []
    for node in _entering(graph, status):
        up = [e.grad for e in graph.edges if e.src == node and e.grad is not None]
        lines.append(label(enters, lang, node=spaced(names["node"](node), lang),
                           upstream=value_text(up[0], up[0], lang)))
        for k, s in status.items():
            e = graph.edges[k]
            if s == "wrong" and e.dst == node:
                got_text, right = (label("check.shape_of", lang, shape=t) if t.startswith("(")
                                   else t for t in pair_text(got.get(k), e.grad, lang))
                lines.append(label("check.graph.edge", lang, edge=names["edge"](k),
                                   expected=right, got=got_text))
    inherited = [names["edge"](k) for k, s in status.items() if s == "inherited"]
    if inherited:
        key = "check.graph.inherited" if len(inherited) > 1 else "check.graph.inherited.one"
        lines.append(label(key, lang, edges=spaced(gradients_list(inherited, lang), lang)))
    return lines


def gradients_list(names, lang):
    """The names of several edges in one list: in English "the gradients of a, b and c" where
    each is "the gradient of ...", so that the words are not repeated."""
    prefix = label("check.graph.grad_of", lang, name="")
    if lang == "en" and len(names) > 1 and all(n.startswith(prefix) for n in names):
        return label("check.graph.grads_of", lang,
                     names=and_list([n.removeprefix(prefix) for n in names], lang))
    return and_list(names, lang)


def _edge_index(graph, src, dst):
    return graph.edges.index(graph.edge(src, dst))


# --- 5.4: the purchase, from the reader's MulLayer and AddLayer -------------------------------

def _node_name(lang, aliases=None):
    """node name -> its name for the reader, the label check.node.<name> (or of its alias)."""
    aliases = aliases or {}
    return lambda node: label(f"check.node.{aliases.get(node, node)}", lang)


def _purchase_edge_name(graph, lang):
    blanks = {ends: name for name, ends in purchase.BLANKS.items()}
    blanks["mul_apple", "mul_tax"] = "dApplePrice"  # the apple graph's edge into the tax node

    def name(k):
        e = graph.edges[k]
        blank = blanks.get((e.src, e.dst))
        return (label("check.graph.grad_of", lang, name=label(f"exercise.input.{blank}", lang))
                if blank else f"{e.src} → {e.dst}")
    return name


def _run_purchase(graph, classes, codes, lang):
    """The reader's gradient on every edge: {edge index: value}.

    Forward and backward through one reader's layer per node, as the book's
    5.4.2 code does; a Problem when their code fails or forward is wrong.
    """
    order = topological_order(graph)
    edges = list(enumerate(graph.edges))
    layers = {}
    for node in order:
        kind = graph.nodes[node].kind
        spec = KINDS[kind]
        layer = call(codes, "__init__", classes[kind], signature=spec.init_signature, lang=lang)
        args = [e.value for k, e in edges if e.dst == node]
        out = call(codes, "forward", method_of(layer, "forward", spec.forward_signature, lang),
                   *args, signature=spec.forward_signature,
                   rule=label(f"check.rule.{kind}.forward", lang), lang=lang)
        expected = next(e.value for e in graph.edges if e.src == node)
        if not same(out, expected):
            cls = classes[kind].__name__
            raise Problem("forward", label("check.graph.forward", lang, cls=cls,
                                           node=spaced(_node_name(lang)(node), lang).lstrip(),
                                           expected=format_value(expected),
                                           got=value_text(out, expected, lang), kind=kind))
        layers[node] = layer
    got = {}
    for node in reversed(order):
        kind = graph.nodes[node].kind
        spec = KINDS[kind]
        ups = [got.get(k, e.grad) for k, e in edges if e.src == node]
        ins = [k for k, e in edges if e.dst == node]
        if any(judge(u, 0.0) in ("none", "type", "shape") for u in ups):
            got.update(dict.fromkeys(ins))  # nothing usable came from upstream
            continue
        returned = call(codes, f"{classes[kind].__name__}.backward",
                        method_of(layers[node], "backward", spec.backward_signature, lang),
                        sum(ups), signature=spec.backward_signature, todo=kind, lang=lang)
        grads = read_grads(kind, layers[node], returned, lang)
        got.update(zip(ins, (grads["dx"], grads["dy"]), strict=True))
    return got


def _node_example(graph, node):
    """The node's right inputs and right upstream gradient, as an Example for its layer."""
    ins = [e for e in graph.edges if e.dst == node]
    up = sum(e.grad for e in graph.edges if e.src == node)
    return Example((), {"x": ins[0].value, "y": ins[1].value}, up)


def _alone_wrong(graph, node, cls):
    """True when the reader's layer at `node`, given the right inputs and the right upstream
    gradient, gives a wrong gradient (or fails): judged locally, whatever came from upstream."""
    kind = graph.nodes[node].kind
    try:
        got, _ = run_reader(kind, cls, _node_example(graph, node), reader_codes(cls), "en")
    except Problem:
        return True
    ins = [e for e in graph.edges if e.dst == node]
    return not (same(got["dx"], ins[0].grad) and same(got["dy"], ins[1].grad))


def check_purchase_graph(mul_class, add_class=None, lang="ja"):
    """The apple and orange purchase (5.4.2) built from the reader's MulLayer and AddLayer;
    without add_class, the apple purchase (5.4.1) from their MulLayer alone.

    Returns a GraphReport: the nodes where an error enters, the wrong edges (the
    reader's value against the right one) and the inherited ones.
    """
    check_lang(lang)
    classes = {"mul": mul_class} if add_class is None else {"mul": mul_class, "add": add_class}
    graph = (chapter.apple_graph if add_class is None else chapter.apple_orange_graph)(lang=lang)
    try:
        for kind, cls in classes.items():
            require_class(kind, cls, lang)
        got = _run_purchase(graph, classes, reader_codes(*classes.values()), lang)
    except Problem as problem:
        return _stopped(problem, lang)
    drawn, marks, status = marked(graph, got, lang)
    drawn.title = (label("check.graph.title.apple", lang, mul=mul_class.__name__)
                   if add_class is None else
                   label("check.graph.title.purchase", lang, mul=mul_class.__name__,
                         add=add_class.__name__))
    names = {"node": _node_name(lang), "edge": _purchase_edge_name(graph, lang)}
    if not marks.nodes:
        return GraphReport(drawn, marks, label("check.graph.ok", lang, n=len(status)), "", lang)
    lines = _verdict_lines(graph, got, status, names, lang)
    for node in marks.nodes:  # the hint for the first wrong gradient of each
        kind, example = graph.nodes[node].kind, _node_example(graph, node)
        ref = run_reference(kind, example)
        ins = [k for k, e in enumerate(graph.edges) if e.dst == node]
        k = next(k for k in ins if status[k] == "wrong")
        name = ("dx", "dy")[ins.index(k)]
        reason = judge(got[k], ref[name])
        lines.append(hint_line(hints(kind, name, reason, example, ref, got[k]), lang, kind,
                               what="dx, dy", name=name))
    inherited_nodes = dict.fromkeys(graph.edges[k].dst for k, s in status.items()
                                    if s == "inherited")
    also = [n for n in inherited_nodes if _alone_wrong(graph, n, classes[graph.nodes[n].kind])]
    if also:
        nodes = and_list([names["node"](n) for n in also], lang)
        lines.append(label("check.graph.also", lang, nodes=spaced(nodes, lang).lstrip()))
    return GraphReport(drawn, marks, "\n".join(lines), "", lang)


# --- 5.6: the Affine graph, from the reader's Affine ------------------------------------------

AFFINE_EDGES = {("X", "dot"): "dx", ("W", "dot"): "dW", ("b", "add"): "db"}


def check_affine_graph(affine_class, lang="ja"):
    """The Affine graph of a batch (5.6.2: N = 3, D = 2, M = 4) from the reader's Affine.

    The dot node gives ∂L/∂X and ∂L/∂W, the bias-add node ∂L/∂b; the reader's
    dx, dW and db are placed on those edges and judged. Returns a GraphReport.
    """
    check_lang(lang)
    graph = chapter.affine_batch_graph(lang=lang)
    values = {ends: graph.edge(*ends).value for ends in AFFINE_EDGES}
    dout = graph.edge("add", "Y").grad
    example = Example((values["W", "dot"], values["b", "add"]), {"x": values["X", "dot"]}, dout)
    try:
        require_class("affine", affine_class, lang)
        reader, _ = run_reader("affine", affine_class, example, reader_codes(affine_class), lang)
    except Problem as problem:
        return _stopped(problem, lang)
    ref = run_reference("affine", example)
    if not same(reader["forward"], ref["forward"]):
        return GraphReport(None, Marks(), label(
            "check.graph.forward", lang, cls=affine_class.__name__, node=spaced("Affine", lang)
            .lstrip(),
            expected=value_text(ref["forward"], ref["forward"], lang),
            got=value_text(reader["forward"], ref["forward"], lang), kind="affine"), "forward",
            lang)
    got = {_edge_index(graph, *ends): reader[name] for ends, name in AFFINE_EDGES.items()}
    got[_edge_index(graph, "dot", "add")] = dout  # the bias add passes dout on, inside Affine
    drawn, marks, status = marked(graph, got, lang)
    drawn.title = label("check.graph.title.affine", lang, name=affine_class.__name__)
    if not marks.nodes:
        return GraphReport(drawn, marks, label("check.graph.ok", lang, n=len(status)), "", lang)

    def edge_name(k):
        return graph.edges[k].grad_name.split(" = ")[0]

    names = {"node": _node_name(lang, {"add": "bias_add"}), "edge": edge_name}
    lines = _verdict_lines(graph, got, status, names, lang)
    for ends, name in reversed(AFFINE_EDGES.items()):  # a hint per wrong gradient, output first
        if status[_edge_index(graph, *ends)] == "wrong":
            keys = hints("affine", name, judge(reader[name], ref[name]), example, ref,
                         reader[name])
            line = hint_line(keys, lang, "affine", what="dx", name=name)
            lines += [] if line in lines else [line]
    return GraphReport(drawn, marks, "\n".join(lines), "", lang)


# --- 5.7: the reader's backward loop over TwoLayerNet's layers --------------------------------

ORDER = ("lastLayer", "Affine2", "Relu1", "Affine1")  # the backward pass, from the output
LAYER_AT = {"loss": "lastLayer", "affine2": "Affine2", "relu": "Relu1", "affine1": "Affine1"}
RETURNED_ON = {("affine2", "loss"): "lastLayer", ("relu", "affine2"): "Affine2",
               ("affine1", "relu"): "Relu1"}  # edge -> the layer whose backward returns it
PARAM_ON = {("W1", "affine1"): ("W1", "Affine1", "dW"), ("b1", "affine1"): ("b1", "Affine1", "db"),
            ("W2", "affine2"): ("W2", "Affine2", "dW"), ("b2", "affine2"): ("b2", "Affine2", "db")}
PARAM_OF = {key: (layer, attr) for key, layer, attr in PARAM_ON.values()}
BATCH = 2  # N differs from the input (4), hidden (5) and output (3) sizes of the figure


@dataclass
class Call:
    """One call of a layer's forward or backward during the reader's gradient."""

    layer: str
    method: str
    dout: object = None
    result: object = None
    done: bool = False


def _record(net, log):
    """Make every layer of `net` append a Call to `log` when its forward or backward runs."""
    for name, layer in [*net.layers.items(), ("lastLayer", net.lastLayer)]:
        for method in ("forward", "backward"):
            original = getattr(layer, method)

            def recorded(*args, _name=name, _method=method, _original=original, **kwargs):
                entry = Call(_name, _method, _snapshot(args[0]) if _method == "backward" and args
                             else None)
                log.append(entry)
                entry.result = _original(*args, **kwargs)
                entry.done = True
                return entry.result

            setattr(layer, method, recorded)  # on the instance: the class is untouched


def _snapshot(value):
    """A copy of what a backward received (the reader may change it later), or the value."""
    try:
        return np.array(value, dtype=float)
    except Exception:
        return value


def _reader_net(gradient, params, lang):
    """(a TwoLayerNet with `params`, the function to call as f(net, x, t), the reader's codes)."""
    cls = gradient if isinstance(gradient, type) else TwoLayerNet
    if isinstance(gradient, type) and not issubclass(gradient, TwoLayerNet):
        raise Problem("not_a_function", label("check.loop.not_a_function", lang,
                                              got=gradient.__name__))
    if not isinstance(gradient, type) and not isinstance(gradient, types.FunctionType):
        raise Problem("not_a_function", label("check.loop.not_a_function", lang,
                                              got=type(gradient).__name__))
    net = cls.__new__(cls)  # TwoLayerNet's own __init__, on the reader's class
    w1, w2 = params["W1"], params["W2"]
    TwoLayerNet.__init__(net, w1.shape[0], w1.shape[1], w2.shape[1])
    for key, value in params.items():
        net.params[key][...] = value  # in place: the Affine layers hold these arrays
    function = gradient.gradient if isinstance(gradient, type) else gradient
    return net, function, reader_codes(gradient)


def _loop_hints(log, grads, layers):
    """Hint keys that name what the reader's loop did wrong, read from the calls it made and
    from grads, the dictionary it returned (None if it returned none)."""
    keys = []
    backs = [c for c in log if c.method == "backward"]
    first = log.index(backs[0]) if backs else 0
    forwarded = {c.layer for c in log[:first] if c.method == "forward"}
    if backs and forwarded != set(ORDER):  # no forward pass, or predict without the loss layer
        keys.append("no_forward")
    order = list(dict.fromkeys(c.layer for c in backs))
    if not order or order[0] != "lastLayer":
        keys.append("no_last_layer")
    inner = [n for n in order if n != "lastLayer"]
    if inner and inner[0] != "Affine2":
        keys.append("not_reversed")
    for a, b in zip(backs, backs[1:], strict=False):
        if a.layer != b.layer and a.dout is not None and b.dout is not None and \
                np.shape(a.dout) == np.shape(b.dout) and np.array_equal(a.dout, b.dout):
            keys.append("not_chained")
            break
    arrays = {key: getattr(layers[layer], attr, None) for key, layer, attr in PARAM_ON.values()}
    for key, value in (grads or {}).items():  # another layer's array under this key
        if key in arrays and value is not arrays[key] and any(
                value is a for k, a in arrays.items() if k != key):
            keys.append(("grads_key", key))
    return keys


def check_gradient(gradient, lang="ja"):
    """The reader's backward loop, judged layer by layer on TwoLayerNet's layers (5.7).

    gradient: a function gradient(self, x, t) in the book's form (self is a
    TwoLayerNet), or a subclass of TwoLayerNet with its own gradient. It runs on
    the small net of chapter.two_layer_net_graph (N = 2) with the reference
    layers, each call recorded; the GraphReport marks the first layer, from the
    output side, whose downstream gradient is wrong, on the layer-sequence figure.
    """
    check_lang(lang)
    graph = chapter.two_layer_net_graph(batch=BATCH, lang=lang)
    x, t = graph.edge("X", "affine1").value, graph.edge("t", "loss").value
    params = {key: graph.edge(*ends).value for ends, (key, _, _) in PARAM_ON.items()}
    try:
        net, function, codes = _reader_net(gradient, params, lang)
    except Problem as problem:
        return _stopped(problem, lang)
    log = []
    _record(net, log)
    failure, grads = None, None
    try:
        grads = call(codes, "gradient", function, net, x, t, signature="gradient(self, x, t)",
                     lang=lang)
    except Problem as problem:
        if problem.key in ("signature", "not_implemented"):
            if problem.key == "not_implemented":
                problem.message = label("check.loop.not_implemented", lang)
            return _stopped(problem, lang)
        failure = problem
    if failure is None and not isinstance(grads, dict):
        return _stopped(Problem("returns_none", label("check.loop.not_dict", lang,
                                                       got=type(grads).__name__)), lang)
    layers = {**net.layers, "lastLayer": net.lastLayer}
    got = {}
    for ends, layer in RETURNED_ON.items():
        done = [c for c in log if c.layer == layer and c.method == "backward" and c.done]
        got[_edge_index(graph, *ends)] = done[-1].result if done else None
    for ends, (key, layer, attr) in PARAM_ON.items():
        value = grads.get(key) if isinstance(grads, dict) else attribute(layers[layer], attr)
        got[_edge_index(graph, *ends)] = value
    drawn, marks, status = marked(graph, got, lang)
    drawn.title = label("check.graph.title.gradient", lang)
    if not marks.nodes and failure is None:
        return GraphReport(drawn, marks, label("check.graph.ok", lang, n=len(status)), "", lang)
    names = {"node": LAYER_AT.get, "edge": lambda k: _loop_edge_name(graph, k, lang)}
    lines = [failure.message] if failure is not None else []
    lines += _verdict_lines(graph, got, status, names, lang, enters="check.loop.first_wrong")
    called = [c.layer for c in log if c.method == "backward"]
    lines.append(label("check.loop.order", lang,
                       calls=" → ".join(called) or label("check.loop.no_calls", lang),
                       expected=" → ".join(ORDER)))
    keys = _loop_hints(log, grads if isinstance(grads, dict) else None, layers)
    texts = [label(f"check.loop.hint.{k}", lang) if isinstance(k, str) else
             label("check.loop.hint.grads_key", lang, param=k[1], layer=PARAM_OF[k[1]][0],
                   attr=PARAM_OF[k[1]][1]) for k in keys]
    if texts:
        lines.append(label("check.hint", lang, text=" ".join(texts)))
    return GraphReport(drawn, marks, "\n".join(lines), failure.key if failure else "", lang)


def _loop_edge_name(graph, k, lang):
    e = graph.edges[k]
    if (e.src, e.dst) in RETURNED_ON:
        return label("check.loop.returned", lang, layer=RETURNED_ON[e.src, e.dst])
    return f"grads['{PARAM_ON[e.src, e.dst][0]}']"
