"""A computational graph's forward and backward pass, one step at a time.

graph_steps(graph) reads a common.graph.model.Graph whose edges already carry their
forward values and gradients and returns its steps: first the inputs, then every
node in topological order (its output values appear); then the output gradient,
then every node in reverse order (the gradients of its inputs appear). Each step
says which node is current, what is visible so far, and the rule just applied
with its numbers:

    >>> from common.graph.chapter import apple_graph
    >>> steps = graph_steps(apple_graph())
    >>> steps[-2].text.split("、")[0]
    '乗算ノード: リンゴの値段へ 上流 1.1 × 局所的な微分 (もう一方の入力) 2 = 2.2'
    >>> steps[-1].text.split("、")[0]
    '連鎖律: ∂支払い/∂リンゴの値段 = 1 × 1.1 × 2 = 2.2'

On a graph of numbers (not arrays), a last step ("chain") closes the loop to the
chain rule: for each input, the sum over the paths to the output of the products
of the local derivatives along them (chain_products).

common.graph.drawing.draw_graph(graph, step=steps[k]) draws step k.
"""
from dataclasses import dataclass

import numpy as np

from common.graph.model import edge_text, format_value, peek_text
from common.labels import check_lang, japanese, label


@dataclass(frozen=True)
class Step:
    """One step of a pass over a graph.

    phase: "forward", "backward" or "chain" (the chain rule stated along each
    path, after the backward pass); node: the current node's name (None for the
    first step of a phase and for the chain step); values / grads: indices of the
    edges whose forward value / gradient is visible after this step; new: the
    (edge index, "value" or "grad") pairs this step revealed; text: the rule
    applied, with its numbers.
    """

    index: int
    count: int
    phase: str
    node: object
    values: frozenset
    grads: frozenset
    new: tuple
    text: str
    lang: str = "ja"


def topological_order(graph):
    """Node names so that every node comes after the nodes it takes input from.

    Ties keep the order in which the nodes were added.
    """
    names = list(graph.nodes)
    waiting = {name: {e.src for e in graph.edges if e.dst == name and e.src in graph.nodes}
               for name in names}
    order = []
    while len(order) < len(names):
        ready = [n for n in names if n not in order and not waiting[n] - set(order)]
        if not ready:
            raise ValueError("the graph has a cycle: no topological order among "
                             + ", ".join(n for n in names if n not in order))
        order.append(ready[0])
    return order


def graph_steps(graph, lang=None):
    """The steps of the forward pass and, if the graph has gradients, the backward pass.

    lang: "ja" or "en" for the sentences; by default the graph's own language.
    """
    lang = graph.lang if lang is None else lang
    check_lang(lang)
    order = topological_order(graph)
    edges = list(enumerate(graph.edges))
    plan = []  # (phase, node, revealed pairs, text)
    first = [k for k, e in edges if e.src in graph.terminals]
    joiner = label("rule.start.joiner", lang)
    inputs = joiner.join(edge_text(graph.terminals[e.src].label, e.value, e.shape)
                         for k, e in edges if k in first and e.show_value and e.value is not None)
    plan.append(("forward", None, [(k, "value") for k in first],
                 label("rule.start.forward", lang, inputs=inputs)))
    for name in order:
        out = [k for k, e in edges if e.src == name]
        plan.append(("forward", name, [(k, "value") for k in out],
                     _forward_text(graph, name, lang)))
    if any(e.grad is not None for e in graph.edges):
        last = [k for k, e in edges if e.dst in graph.terminals and e.grad is not None]
        grads = joiner.join(edge_text(e.grad_name or _gradient_of(graph.terminals[e.dst].label,
                                                                   lang),
                                       e.grad, e.shape) for k, e in edges if k in last)
        plan.append(("backward", None, [(k, "grad") for k in last],
                     label("rule.start.backward", lang, grads=grads)))
        for name in reversed(order):
            into = [k for k, e in edges if e.dst == name and e.grad is not None]
            plan.append(("backward", name, [(k, "grad") for k in into],
                         _backward_text(graph, name, lang)))
        for term, ks in _shared_inputs(graph):  # an input used twice: the branch rule
            plan.append(("backward", term, [], _shared_input_text(graph, ks, lang)))
        products = chain_products(graph)
        if products:
            plan.append(("chain", None, [], _chain_text(graph, products, lang)))
    steps, shown = [], {"value": set(), "grad": set()}
    for index, (phase, node, new, text) in enumerate(plan):
        for k, kind in new:
            shown[kind].add(k)
        steps.append(Step(index, len(plan), phase, node, frozenset(shown["value"]),
                          frozenset(shown["grad"]), tuple(new), text, lang))
    return steps


# --- the sentences ------------------------------------------------------------------------------

def _gradient_of(name, lang):
    """'y の勾配', '支払いの勾配' (a space only after Latin letters), 'the gradient of y'."""
    text = label("grad.of", lang, name=name)
    return text.replace(f"{name} ", name, 1) if lang == "ja" and not name[-1].isascii() else text


def _fmt(value):
    return format_value(value)


def _term(value):
    """A number inside an expression: negative numbers in parentheses."""
    text = _fmt(value)
    return f"({text})" if text.startswith("-") else text


def _shape(value):
    return format_value(np.asarray(value), shape=True)


def _flip(value):
    """The shape of the transpose."""
    return str(tuple(reversed(np.shape(value))))


def _inputs(graph, name):
    return [e for e in graph.edges if e.dst == name]


def _outputs(graph, name):
    return [e for e in graph.edges if e.src == name]


def _forward_text(graph, name, lang):
    kind = graph.nodes[name].kind
    ins = [e.value for e in _inputs(graph, name)]
    out = next((e.value for e in _outputs(graph, name) if e.value is not None), None)
    if kind in ("mul", "add"):
        join = " × " if kind == "mul" else " + "
        fields = {"expr": join.join(_term(v) for v in ins), "out": _fmt(out)}
    elif kind in ("exp", "log"):
        fields = {"x": _fmt(ins[0]), "out": _fmt(out)}
    elif kind in ("reciprocal", "square", "sigmoid"):
        fields = {"x": _term(ins[0]), "out": _fmt(out)}
    elif kind == "scale":
        fields = {"x": _term(ins[0]), "c": _term(_constant(graph.nodes[name])), "out": _fmt(out)}
    elif kind == "power":
        n = _power(graph, name)
        fields = {"n": n, "x": _term(ins[0]), "sup": _sup(n), "out": _fmt(out)}
    elif kind == "dot":
        fields = {"x": _shape(ins[0]), "w": _shape(ins[1]), "out": _shape(out)}
    elif kind == "bias_add":
        fields = {"x": _shape(ins[0]), "b": _shape(ins[1]), "out": _shape(out)}
    elif kind == "affine":
        fields = {"x": _shape(ins[0]), "w": _shape(ins[1]), "b": _shape(ins[2]),
                  "out": _shape(out)}
    elif kind == "relu":
        x = np.asarray(ins[0])
        fields = {"zeros": int(np.sum(x <= 0)), "size": x.size}
    elif kind == "softmax_with_loss":
        fields = {"out": _fmt(out)}
    else:
        raise ValueError(_unknown(name, kind))
    return label(f"rule.{kind}.forward", lang, **fields)


def _backward_text(graph, name, lang):
    kind = graph.nodes[name].kind
    ins = _inputs(graph, name)
    ups = [e.grad for e in _outputs(graph, name) if e.grad is not None]
    dout = ups[0] if len(ups) == 1 else sum(ups)
    out = next((e.value for e in _outputs(graph, name) if e.value is not None), None)
    first = next((e.grad for e in ins if e.grad is not None), None)
    key = f"rule.{kind}.backward"
    if kind == "mul":
        if len(ins) != 2:
            raise ValueError(f"mul node {name!r} has {len(ins)} inputs; it needs 2")
        with_grad = [(i, e) for i, e in enumerate(ins) if e.grad is not None]
        parts = [label("rule.mul.part", lang, dout=_term(dout), other=_term(ins[1 - i].value),
                       grad=_fmt(e.grad)) for i, e in with_grad]
        names = _part_names(graph, [e for _, e in with_grad], lang)
        if names:
            parts = [label("rule.mul.named", lang, name=n, part=p)
                     for n, p in zip(names, parts, strict=True)]
        fields = {"parts": label("and", lang).join(parts)}
    elif kind == "add":
        fields = {"dout": _term(dout), "grad": _fmt(first)}
    elif kind == "scale":
        fields = {"dout": _term(dout), "c": _term(_constant(graph.nodes[name])),
                  "grad": _fmt(first)}
    elif kind in ONE_INPUT:
        # upstream × local derivative (its formula) = upstream × its value = gradient
        fields = {"dout": _term(dout), "grad": _fmt(first),
                  "local": _term(_local(graph, ins[0], kind, out))}
        if kind == "exp":
            fields["t"] = _edge_name(graph, ins[0]) or label("rule.input", lang)
        elif kind == "reciprocal":
            fields["y"] = _output_name(graph, name, lang)
        elif kind in ("log", "square"):
            fields["t"] = _input_name(graph, ins[0], lang)
        elif kind == "power":
            n = _power(graph, name)
            fields["n"] = n
            t = _input_name(graph, ins[0], lang)
            fields["formula"] = "1" if n == 1 else f"{n}{t}{_sup(n - 1)}"
    elif kind in ("dot", "affine"):
        x, w = ins[0], ins[1]
        fields = {"dout": _shape(dout), "wt": _flip(w.value), "xt": _flip(x.value),
                  "dw": _shape(w.grad)}
        if x.grad is None:  # a first layer: nobody needs dX
            key = f"rule.{kind}.backward_first"
        else:
            fields["dx"] = _shape(x.grad)
    elif kind == "bias_add":
        fields = {"dout": _shape(dout), "db": _shape(ins[1].grad)}
    elif kind == "relu":
        fields = {"zeros": int(np.sum(np.asarray(ins[0].value) <= 0))}
    elif kind == "softmax_with_loss":
        fields = {"grad": _shape(first), "row": peek_text(first)}
    else:
        raise ValueError(_unknown(name, kind))
    text = label(key, lang, **fields)
    if len(ups) > 1:
        branch = label("rule.branch", lang, n=len(ups), expr=" + ".join(_term(g) for g in ups),
                       out=_fmt(dout) if np.ndim(dout) == 0 else _shape(dout))
        text = branch + label("end", lang) + text
    return text


KNOWN_KINDS = ("mul", "add", "exp", "reciprocal", "log", "square", "dot", "bias_add", "affine",
               "relu", "softmax_with_loss", "scale", "sigmoid", "power")


def _unknown(name, kind):
    return (f"node {name!r} has kind {kind!r}, which has no rule; give it one of "
            f"{', '.join(KNOWN_KINDS)} (Graph.add_node(..., kind=...))")


def _constant(node):
    """The number a 'scale' node multiplies by, written after × in its op: "×1.1" -> 1.1."""
    try:
        return float(node.op.lstrip("×*").strip())
    except ValueError:
        raise ValueError(f"a scale node's op is × and its number, such as '×2', got {node.op!r}") \
            from None


def _output_name(graph, name, lang):
    """What a node's output is called on its edge ("y", "1/S"), bracketed if it is not one
    symbol; "出力" / "output" when its edge has no name."""
    named = next((e.value_name for e in _outputs(graph, name) if e.value_name), "")
    if not named:
        return label("rule.output", lang)
    return named if named.isalnum() else f"({named})"


def _edge_name(graph, edge):
    """What an edge's value is called: its value_name, else the label of the input terminal it
    starts from, else ""."""
    if edge.value_name:
        return edge.value_name
    return graph.terminals[edge.src].label if edge.src in graph.terminals else ""


def _input_name(graph, edge, lang):
    """What a node's input is called ("t", "y₁"), bracketed if it is not one symbol:
    "(入力)" / "(input)" when it has no name."""
    named = _edge_name(graph, edge)
    return named if named and named.isalnum() else f"({named or label('rule.input', lang)})"


SHORT_NAME = 12  # longer names of a multiplication node's inputs are left out of its sentence


def _part_names(graph, edges, lang):
    """The names to put before each part of a multiplication node's sentence ("x", "リンゴの値段"),
    or [] when one of the edges has no short name or two have the same name."""
    names = [_edge_name(graph, e) for e in edges]
    if not all(0 < len(n) <= SHORT_NAME for n in names) or len(set(names)) < len(names):
        return []
    return [n if lang != "ja" or japanese(n[-1]) else n + " " for n in names]


ONE_INPUT = ("exp", "reciprocal", "sigmoid", "log", "square", "power")


def _local(graph, edge, kind, out):
    """The local derivative of a one-input node of `kind`, from its forward values."""
    x = edge.value
    if kind == "exp":
        return out
    if kind == "reciprocal":
        return -out ** 2
    if kind == "sigmoid":
        return out * (1 - out)
    if kind == "log":
        return 1 / x
    if kind == "square":
        return 2 * x
    n = _power(graph, edge.dst)
    return n * x ** (n - 1)


# --- the chain rule along each path ---------------------------------------------------------------

def _upstream(graph, name):
    """The gradient reaching node `name` from above: the sum over its output edges."""
    return sum(e.grad for e in _outputs(graph, name) if e.grad is not None)


def local_derivative(graph, edge):
    """∂(output of edge.dst)/∂(edge), a number: edge.grad / the node's upstream gradient.

    Where the upstream gradient is 0 (a ratio says nothing), the node's own rule
    gives it from the forward values. None for a node kind with no rule here.
    """
    node = graph.nodes[edge.dst]
    upstream = _upstream(graph, edge.dst)
    if upstream != 0:
        return edge.grad / upstream
    ins = _inputs(graph, edge.dst)
    out = next((e.value for e in _outputs(graph, edge.dst) if e.value is not None), None)
    if node.kind == "mul" and len(ins) == 2:
        return ins[1].value if ins[0] is edge else ins[0].value
    if node.kind == "add":
        return 1.0
    if node.kind == "scale":
        return _constant(node)
    if node.kind in ONE_INPUT:
        return float(_local(graph, edge, node.kind, out))
    return None


def _is_number(value):
    return value is not None and not isinstance(value, str) and np.ndim(value) == 0


def chain_products(graph):
    """{input edge index: [(output gradient, [local derivatives from the output down])]}.

    For each input edge with a gradient, every path from it to an output: the
    gradient arriving at that output, then the local derivative of each node on
    the path, nearest the output first. The sum over the paths of the products is
    the input's gradient (the chain rule, with the branch rule where paths part).
    Empty for a graph of arrays, or one with a node whose local derivative is unknown.
    """
    with_grad = [e for e in graph.edges if e.grad is not None]
    if not with_grad or not all(_is_number(e.grad) and _is_number(e.value) for e in with_grad):
        return {}
    products = {}
    for k, edge in enumerate(graph.edges):
        if edge.src not in graph.terminals or edge.grad is None or edge.dst not in graph.nodes:
            continue
        paths = _paths(graph, edge)
        if paths is None or not paths:
            return {}
        products[k] = paths
    return products


def _paths(graph, edge):
    """[(output gradient, [local derivatives])] of every path from `edge` up to an output."""
    if edge.dst in graph.terminals:
        return [(edge.grad, [])]
    local = local_derivative(graph, edge)
    if local is None:
        return None
    paths = []
    for out in _outputs(graph, edge.dst):
        if out.grad is None:
            continue
        above = _paths(graph, out)
        if above is None:
            return None
        paths += [(top, [*factors, local]) for top, factors in above]
    return paths


def _chain_text(graph, products, lang):
    """'連鎖律: ∂支払い/∂リンゴの値段 = 1 × 1.1 × 2 = 2.2、...'."""
    outputs = [e for e in graph.edges if e.dst in graph.terminals and e.grad is not None]
    top = (graph.terminals[outputs[0].dst].label if len(outputs) == 1 and outputs[0].grad == 1
           else "L")  # the output itself, or a loss beyond the outputs
    inputs = {}  # input label -> (its paths, its gradient): a variable used twice sums both
    for k, paths in products.items():
        edge = graph.edges[k]
        name = graph.terminals[edge.src].label
        before, grad = inputs.get(name, ([], 0))
        inputs[name] = (before + paths, grad + edge.grad)
    parts = []
    for name, (paths, grad) in inputs.items():
        expr = " + ".join(" × ".join(_term(f) for f in (first, *factors))
                          for first, factors in paths)
        parts.append(f"∂{_symbol(top)}/∂{_symbol(name)} = {expr} = {_fmt(grad)}")
    return label("rule.chain", lang, parts=label("and", lang).join(parts))


def _symbol(name):
    """A name inside ∂·/∂·: bracketed when it has spaces ("∂(apple price)")."""
    return f"({name})" if " " in name else name


# --- the reader's own expressions (common.graph.expression) -------------------------------------

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power(graph, name):
    """The exponent n of a '**n' node."""
    return int(graph.nodes[name].op.lstrip("*"))


def _sup(n):
    """x², x³ ...; nothing for the exponent 1."""
    return "" if n == 1 else str(n).translate(SUPERSCRIPT)


def _shared_inputs(graph):
    """[(terminal, edge indices)] for each input whose gradient flows back along several edges.

    Inputs are grouped by their label: x used twice in one node has a second terminal
    of the same name.
    """
    groups = {}
    for k, e in enumerate(graph.edges):
        if e.src in graph.terminals and e.grad is not None:
            groups.setdefault(graph.terminals[e.src].label, []).append((e.src, k))
    return [(pairs[0][0], [k for _, k in pairs]) for pairs in groups.values() if len(pairs) > 1]


def _shared_input_text(graph, ks, lang):
    grads = [graph.edges[k].grad for k in ks]
    total = sum(grads)
    return label("rule.branch.input", lang, name=graph.terminals[graph.edges[ks[0]].src].label,
                 n=len(ks), expr=" + ".join(_term(g) for g in grads),
                 out=_fmt(total) if np.ndim(total) == 0 else _shape(total))
