"""Your own expression as a computational graph: read with ast, computed with layers.

    >>> e = evaluate_expression("(x + y) ** 2", x=2, y=1)
    >>> e.value, e.grads
    (9.0, {'x': 6.0, 'y': 6.0})
    >>> e
    Expression('(x + y) ** 2', x=2, y=1) → out = 9, ∂out/∂x = 6, ∂out/∂y = 6
    >>> e.graph
    Graph('計算グラフ: (x + y) ** 2', 2 nodes, 3 terminals, 4 edges)

The text is read by Python's ast module and never run. Allowed: numbers, names,
+ - * /, unary -, ** with a whole number from 1 to 9, exp( ) and log( ); a leading
"z = " names the output (out by default). Anything else is refused with an
ExpressionError (a ValueError, and a common.labels.LabelledError that a widget says in
its language) that gives the position and what is allowed; so are values that an
operation cannot take (a log of a number <= 0, a division by zero, an overflow),
naming the operation.

Each operation is one of the book's nodes, computed forward and backward by a layer:

    a + b           '+'     AddLayer
    a * b           '×'     MulLayer
    -a              '×' with the constant -1 (MulLayer), as in the book's Sigmoid graph
    a - b           a + (-1 × b): the book has no minus node; '+' and '×' keep its rules
    a / b           a × (1/b): the book's '/' node (ReciprocalNode), then '×';
                    1 / b is the '/' node alone, as in the Sigmoid graph
    a ** 2          '**2' (SquareNode);  a ** n: '**n' (PowerNode)
    exp(a), log(a)  'exp' (ExpNode), 'log' (LogNode)

A part without a variable (2 * 3, exp(1)) is worked out first and drawn as one
constant under the node it feeds, as the book draws the -1 and the 1 of the Sigmoid
graph. A variable appears once, with an edge to each place it is used; its gradient
is the sum of the gradients on those edges (the branch rule). Where one node takes
the same variable twice (x * x), the second edge comes from below, named again.
"""
import ast
import math
from dataclasses import dataclass

from common.graph.layout import apply_layout, layout_graph
from common.graph.model import Graph, format_value
from common.graph.nodes import ExpNode, LogNode, PowerNode, ReciprocalNode, SquareNode
from common.labels import LabelledError, check_lang, label
from common.layers import AddLayer, MulLayer

MAX_LENGTH = 200  # characters
MAX_DEPTH = 20  # parentheses inside parentheses
MAX_NESTING = 50  # operations inside operations (a sum of many terms nests too)
MAX_NODES = 24  # nodes of the graph: more would not be readable
MAX_POWER = 9  # largest exponent of **
FUNCTIONS = ("exp", "log")
NUDGE = 1e-3  # the h of the nudge lines
OUTPUT = "out"  # the output's name when the text does not give one

_SYMBOLS = {"add": "+", "mul": "×", "exp": "exp", "log": "log", "reciprocal": "/",
            "square": "**2"}


# --- errors -------------------------------------------------------------------------------------

class _Words:
    """A label said in the language of the message it is part of."""

    def __init__(self, key, **fields):
        self.key, self.fields = key, fields

    def text(self, lang):
        return label(self.key, lang, **self.fields)


class ExpressionError(LabelledError):
    """A refused expression, or a value an operation cannot take.

    str(error) is English; error.text(lang) is in `lang`; error.position is the
    1-based column in the text it is about, or None.
    """

    def __init__(self, key, position=None, **fields):
        self.key, self.fields, self.position = key, fields, position
        ValueError.__init__(self, self.text("en"))

    def text(self, lang="ja"):
        words = {k: v.text(lang) if isinstance(v, _Words) else v for k, v in self.fields.items()}
        return label(self.key, lang, **words)


def _refuse(what, position, snippet, **fields):
    """The error for a part of the text that is not allowed."""
    return ExpressionError("error.expr.refused", position, pos=position, text=snippet,
                           what=_Words(f"expr.what.{what}", **fields),
                           allowed=_Words("expr.allowed", top=MAX_POWER))


# --- the parsed expression ----------------------------------------------------------------------

@dataclass(frozen=True)
class _Const:
    value: float
    text: str
    position: float = 0  # where it is written: edges come in the order of the text


@dataclass(frozen=True)
class _Var:
    name: str
    position: float = 0


@dataclass(eq=False)
class _Op:
    """One node: its kind, inputs (_Op, _Var or _Const) and the text it comes from."""

    name: str
    kind: str
    inputs: tuple
    source: str  # the reader's text of the operation, for messages
    position: int  # its 1-based column
    argument: str = ""  # the text of the operand a domain error is about
    n: int = 0  # the exponent of a power node

    @property
    def symbol(self):
        return f"**{self.n}" if self.kind == "power" else _SYMBOLS[self.kind]


@dataclass(frozen=True)
class Nudge:
    """Input `name` moved by +h: the output before and after, Δout/h and the gradient.

    after and slope are None when the output cannot be computed at name + h
    (then text says why).
    """

    name: str
    h: float
    before: float
    after: object
    slope: object
    grad: float
    text: str


@dataclass(repr=False)
class Expression:
    """An expression at some values: its output, gradients and computational graph.

    value: the output; grads: {variable: ∂out/∂variable}; parts: {variable: the
    gradients on each of its edges, in order} (their sum is the gradient);
    graph: a common.graph.model.Graph that draw_graph draws and graph_steps steps through.
    """

    parsed: "ParsedExpression"
    values: dict
    value: float
    grads: dict
    parts: dict
    graph: Graph

    @property
    def text(self):
        return self.parsed.text

    @property
    def output(self):
        return self.parsed.output

    def nudges(self, lang="ja", h=NUDGE):
        """One Nudge per variable: move it by +h, compare Δout/h with its gradient."""
        check_lang(lang)
        out, checks = self.output, []
        for name in self.parsed.variables:
            fields = {"name": name, "h": f"{h:g}", "out": out,
                      "grad": format_value(self.grads[name])}
            try:
                after = self.parsed.value_at(self.values | {name: self.values[name] + h})
            except ExpressionError as error:
                text = label("nudge.expression.failed", lang, error=error.text(lang), **fields)
                checks.append(Nudge(name, h, self.value, None, None, self.grads[name], text))
                continue
            slope = (after - self.value) / h
            before_text, after_text = change_text(self.value, after)
            text = label("nudge.expression", lang, before=before_text, after=after_text,
                         slope=format_value(slope), **fields)
            checks.append(Nudge(name, h, self.value, after, slope, self.grads[name], text))
        return checks

    def __repr__(self):
        given = ", ".join(f"{k}={format_value(v)}" for k, v in self.values.items())
        grads = ", ".join(f"∂{self.output}/∂{k} = {format_value(v)}" for k, v in self.grads.items())
        return (f"Expression({self.parsed.body!r}, {given}) → {self.output} = "
                f"{format_value(self.value)}, {grads}")


class ParsedExpression:
    """A checked expression, ready to be computed at any values (evaluate, value_at).

    text: the expression as Python writes it ("z = (x + y) ** 2"); body: without the
    output's name; output: that name; variables: the names in order of first use.
    """

    def __init__(self, body, output, variables, ops, root):
        self.body, self.output, self.variables = body, output, tuple(variables)
        self.ops, self.root = ops, root
        self.text = body if output == OUTPUT else f"{output} = {body}"
        self._layout = None

    def __repr__(self):
        return (f"ParsedExpression({self.text!r}, variables {self.variables}, "
                f"{len(self.ops)} nodes)")

    def values(self, given):
        """{variable: float} from `given`, each checked; every variable needs one."""
        unknown = [k for k in given if k not in self.variables]
        if unknown:
            raise ExpressionError("error.expr.unknown", names=", ".join(unknown),
                                  variables=", ".join(self.variables))
        missing = [k for k in self.variables if k not in given]
        if missing:
            example = ", ".join(f"{k}=1.0" for k in self.variables)
            raise ExpressionError("error.expr.missing", names=", ".join(missing),
                                  example=example)
        return {k: _finite(k, given[k]) for k in self.variables}

    def value_at(self, values):
        """The output at `values` ({variable: number}), forward only."""
        values = self.values(values)
        outs = {}
        for op in self.ops:
            outs[op.name] = _forward(op, [_input_value(i, values, outs) for i in op.inputs])[1]
        return outs[self.root.name]

    def evaluate(self, values, lang="ja"):
        """The Expression at `values`: forward through every node's layer, then backward."""
        check_lang(lang)
        values = self.values(values)
        layers, outs = {}, {}
        for op in self.ops:  # in topological order
            layers[op.name], outs[op.name] = _forward(
                op, [_input_value(i, values, outs) for i in op.inputs])
        douts = {self.root.name: 1.0}
        grads = {}  # (op name, input index) -> gradient
        for op in reversed(self.ops):
            try:
                back = layers[op.name].backward(douts[op.name])
            except OverflowError:
                back = (math.inf,) * len(op.inputs)
            back = back if isinstance(back, tuple) else (back,)
            for k, (item, g) in enumerate(zip(op.inputs, back, strict=True)):
                if isinstance(item, _Const):
                    continue
                if not math.isfinite(g):
                    raise ExpressionError("error.expr.grad_overflow", op.position,
                                          node=op.source, pos=op.position)
                grads[op.name, k] = g
                if isinstance(item, _Op):
                    douts[item.name] = g
        graph = self._graph(values, outs, grads, lang)
        parts = {v: [] for v in self.variables}  # the gradients on each variable's edges
        for e in graph.edges:
            if e.src.startswith("input."):
                parts[graph.terminals[e.src].label].append(e.grad)
        graph.caption = self._caption(parts, lang)
        return Expression(self, values, outs[self.root.name],
                          {v: sum(p) for v, p in parts.items()},  # the branch rule
                          {v: tuple(p) for v, p in parts.items()}, graph)

    def _graph(self, values, outs, grads, lang):
        g = Graph(title=label("title.expression", lang, text=self.text), lang=lang)
        edges = []  # (where its start is written, node, input index, item)
        for op in self.ops:
            g.add_node(op.name, op.symbol, (0, 0), kind=op.kind)
            edges += [(_where(item), op, k, item) for k, item in enumerate(op.inputs)]
        constants = 0
        for _, op, k, item in sorted(edges, key=lambda edge: edge[0]):  # stable: a node's
            grad = grads.get((op.name, k))  # inputs stay in their order
            if isinstance(item, _Op):
                g.add_edge(item.name, op.name, outs[item.name], grad)
            elif isinstance(item, _Const):
                constants += 1
                name = f"const{constants}"
                g.add_input(name, item.text, (0, 0), side="below")
                g.add_edge(name, op.name, item.value, show_value=False)
            elif k == 1 and getattr(op.inputs[0], "name", None) == item.name:  # x * x: the
                name = f"input.{item.name}.{op.name}"  # second edge from below, named again
                g.add_input(name, item.name, (0, 0), side="below")
                g.add_edge(name, op.name, values[item.name], grad, show_value=False)
            else:
                name = f"input.{item.name}"
                first = name not in g.terminals
                if first:
                    g.add_input(name, item.name, (0, 0))
                g.add_edge(name, op.name, values[item.name], grad, item.name,
                           show_value=first)
        g.add_output("output", self.output, (0, 0))
        g.add_edge(self.root.name, "output", outs[self.root.name], 1.0, self.output)
        if self._layout is None:  # the same for every value: laid out once
            self._layout = layout_graph(g)
        xy, places = self._layout
        apply_layout(g, xy)
        for e, at in zip(g.edges, places, strict=True):
            e.at = at
        return g

    def _caption(self, parts, lang):
        """"∂z/∂x = 6, ∂z/∂y = 1 + 3 = 4": each gradient, a sum where a variable branches."""
        lines = []
        for v, grads in parts.items():
            text = f"∂{self.output}/∂{v} = "
            if len(grads) > 1:
                text += " + ".join(_term(g) for g in grads) + " = "
            lines.append(text + format_value(sum(grads)))
        return label("caption.expression", lang, grads=label("rule.start.joiner", lang).join(
            lines))


def change_text(before, after):
    """Two values written with the same decimals, enough to show the change between them with
    4 significant digits: (18, 18.003) -> ("18", "18.003"), not "18 → 18"."""
    change = abs(after - before)
    if change == 0 or not math.isfinite(change):
        return format_value(before), format_value(after)
    decimals = min(15, max(0, 3 - math.floor(math.log10(change))))
    return tuple(_strip(f"{v:.{decimals}f}") for v in (before, after))


def _strip(text):
    """"18.003000" -> "18.003", "9.000" -> "9", "-0" -> "0"."""
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def _where(item):
    """Where an input is written in the text (a node: where its text starts)."""
    return item.position


def _term(value):
    text = format_value(value)
    return f"({text})" if text.startswith("-") else text


def _finite(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(
            value, "__float__"):
        raise ExpressionError("error.expr.value", name=name, value=repr(value))
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        raise ExpressionError("error.expr.value", name=name, value=repr(value)) from None
    if not math.isfinite(x):
        raise ExpressionError("error.expr.value", name=name, value=repr(value))
    return x


def _input_value(item, values, outs):
    if isinstance(item, _Const):
        return item.value
    if isinstance(item, _Var):
        return values[item.name]
    return outs[item.name]


def _forward(op, args):
    """(layer, output) of one node, with its domain checked and its output finite."""
    kind = op.kind
    if kind == "log" and not args[0] > 0:
        raise ExpressionError("error.expr.log", op.position, node=op.source, pos=op.position,
                              arg=op.argument, value=format_value(args[0]))
    if kind == "reciprocal" and args[0] == 0:
        raise ExpressionError("error.expr.division", op.position, node=op.source,
                              pos=op.position, arg=op.argument)
    layer = {"add": AddLayer, "mul": MulLayer, "exp": ExpNode, "log": LogNode,
             "reciprocal": ReciprocalNode, "square": SquareNode}.get(kind)
    layer = PowerNode(op.n) if kind == "power" else layer()
    try:
        out = layer.forward(*args)
    except OverflowError:
        out = math.inf
    if not math.isfinite(out):
        raise ExpressionError("error.expr.overflow", op.position, node=op.source,
                              pos=op.position)
    return layer, out


# --- reading the text ---------------------------------------------------------------------------

def parse_expression(text):
    """Check `text` and turn it into a ParsedExpression; never runs it.

    Raises ExpressionError (a ValueError) naming the position and what is allowed.
    """
    if not isinstance(text, str):
        raise TypeError(f"the expression must be text (str), such as '(x + y) ** 2', "
                        f"got {type(text).__name__}")
    if not text.strip():
        raise ExpressionError("error.expr.empty")
    text = text.rstrip()
    if len(text) > MAX_LENGTH:
        raise ExpressionError("error.expr.too_long", length=len(text), limit=MAX_LENGTH)
    for k, ch in enumerate(text):
        if not ch.isprintable():
            raise ExpressionError("error.expr.character", k + 1, pos=k + 1, char=repr(ch))
    depth = 0
    for k, ch in enumerate(text):
        depth += (ch in "([{") - (ch in ")]}")
        if depth > MAX_DEPTH:
            raise ExpressionError("error.expr.too_deep", k + 1, pos=k + 1, limit=MAX_DEPTH)
    lead = len(text) - len(text.lstrip())  # positions count from the text as typed
    try:
        tree = ast.parse(text[lead:], mode="exec")
    except SyntaxError as error:
        position = (error.offset or 1) + lead
        raise ExpressionError("error.expr.syntax", position, pos=position, detail=error.msg,
                              allowed=_Words("expr.allowed", top=MAX_POWER)) from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError("error.expr.too_deep", 1, pos=1, limit=MAX_DEPTH) from None
    return _Reader(text[lead:], lead).read(tree)


def evaluate_expression(text, /, lang="ja", **values):
    """`text` at `values`: .value, .grads ({name: ∂out/∂name}), .graph, .nudges().

        evaluate_expression("(x + y) ** 2", x=2, y=1).grads   # {'x': 6.0, 'y': 6.0}

    lang: the language of the graph's title and caption ("ja" or "en").
    """
    check_lang(lang)
    return parse_expression(text).evaluate(values, lang)


def expression_graph(text, /, lang="ja", **values):
    """The Graph of `text` at `values`: a builder as those of common.graph.chapter are.

        draw_graph(expression_graph("y = 1 / (1 + exp(-x))", x=1.0))
    """
    return evaluate_expression(text, lang, **values).graph


class _Reader:
    """Turns the ast of a checked text into _Op nodes, refusing what is not allowed."""

    def __init__(self, text, lead=0):
        self.text, self.lead = text, lead
        self.raw = text.encode("utf-8")
        self.ops = []
        self.variables = []

    def read(self, tree):
        if len(tree.body) != 1:
            if not tree.body:
                raise ExpressionError("error.expr.empty")
            second = tree.body[1]
            raise ExpressionError("error.expr.statements", self.position(second),
                                  pos=self.position(second), count=len(tree.body))
        statement = tree.body[0]
        output = OUTPUT
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(
                statement.targets[0], ast.Name):
            output = self.name(statement.targets[0])
            body = statement.value
        elif isinstance(statement, ast.Expr):
            body = statement.value
        else:
            raise self.refuse(statement)
        root = self.node(body, 1)
        if isinstance(root, _Const) or not self.variables:
            raise ExpressionError("error.expr.no_variable")
        if isinstance(root, _Var):  # "x" alone: no node to draw
            raise ExpressionError("error.expr.no_operation", name=root.name)
        if output in self.variables:
            raise ExpressionError("error.expr.output_is_input", name=output)
        return ParsedExpression(ast.unparse(body), output, self.variables, self.ops, root)

    # positions and snippets

    def position(self, node):
        """1-based column (in characters) of an ast node."""
        return len(self.raw[:node.col_offset].decode("utf-8", "ignore")) + 1 + self.lead

    def snippet(self, node, limit=30):
        text = ast.get_source_segment(self.text, node) or type(node).__name__
        return text if len(text) <= limit else text[:limit - 1] + "…"

    # the parts that are allowed

    def node(self, node, depth):
        if depth > MAX_NESTING:
            position = self.position(node)
            raise ExpressionError("error.expr.too_deep", position, pos=position,
                                  limit=MAX_NESTING)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            name = self.name(node)
            if name not in self.variables:
                self.variables.append(name)
            return _Var(name, self.position(node))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = self.node(node.operand, depth + 1)
            return operand if isinstance(node.op, ast.UAdd) else self.negate(
                operand, node, node.operand)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            return self.power(node, depth)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult,
                                                                ast.Div)):
            left = self.node(node.left, depth + 1)
            right = self.node(node.right, depth + 1)
            if isinstance(node.op, ast.Add):
                return self.op("add", (left, right), node)
            if isinstance(node.op, ast.Mult):
                return self.op("mul", (left, right), node)
            if isinstance(node.op, ast.Sub):  # a - b = a + (-1 × b)
                return self.op("add", (left, self.negate(right, node, node.right)), node)
            inverse = self.op("reciprocal", (right,), node, node.right)  # a / b = a × (1/b)
            if isinstance(left, _Const) and left.value == 1:
                return inverse
            return self.op("mul", (left, inverse), node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (
                node.func.id in FUNCTIONS):
            if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
                position = self.position(node)
                raise ExpressionError("error.expr.arguments", position, pos=position,
                                      function=node.func.id)
            return self.op(node.func.id, (self.node(node.args[0], depth + 1),), node,
                           node.args[0])
        raise self.refuse(node)

    def constant(self, node):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.refuse(node)
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):
            position = self.position(node)
            raise ExpressionError("error.expr.number", position, pos=position,
                                  text=self.snippet(node))
        return _Const(number, self.snippet(node, 12), self.position(node))

    def name(self, node):
        name = node.id
        if name in FUNCTIONS:
            position = self.position(node)
            raise ExpressionError("error.expr.function_name", position, pos=position, name=name)
        if name.startswith("_") or len(name) > 12:
            position = self.position(node)
            raise ExpressionError("error.expr.name", position, pos=position, name=name[:20])
        return name

    def power(self, node, depth):
        exponent = node.right
        if not (isinstance(exponent, ast.Constant) and type(exponent.value) is int
                and 1 <= exponent.value <= MAX_POWER):
            position = self.position(exponent)
            raise ExpressionError("error.expr.power", position, pos=position,
                                  got=self.snippet(exponent, 20), top=MAX_POWER)
        base = self.node(node.left, depth + 1)
        n = exponent.value
        if n == 2:
            return self.op("square", (base,), node, node.left)
        return self.op("power", (base,), node, node.left, n)

    def negate(self, item, node, operand):
        """-item: the constant's negative, or a '×' node with the constant -1."""
        if isinstance(item, _Const):
            text = item.text[1:] if item.text.startswith("-") else (
                "-" + item.text if _simple(item.text) else f"-({item.text})")
            return _Const(-item.value, text, item.position)
        return self.op("mul", (item, _Const(-1.0, "-1", _where(item) + 0.5)), node, operand)

    def op(self, kind, inputs, node, operand=None, n=0):
        """A new node, or a constant when no input depends on a variable."""
        op = _Op(f"node{len(self.ops) + 1}", kind, tuple(inputs), self.snippet(node),
                 self.position(node), self.snippet(operand) if operand is not None else "", n)
        if all(isinstance(i, _Const) for i in inputs):
            value = _forward(op, [i.value for i in inputs])[1]
            if kind == "reciprocal":
                text = f"1/{inputs[0].text}" if _simple(inputs[0].text) else (
                    f"1/({inputs[0].text})")
            else:
                text = self.snippet(node, 12)
            return _Const(value, text, min(_where(i) for i in inputs))
        if len(self.ops) >= MAX_NODES:
            raise ExpressionError("error.expr.too_many", limit=MAX_NODES)
        self.ops.append(op)
        return op

    # the parts that are not

    def refuse(self, node):
        position, snippet = self.position(node), self.snippet(node, 20)
        what, fields = _describe(node)
        return _refuse(what, position, snippet, **fields)


def _simple(text):
    """True for a number or name that needs no parentheses after a sign."""
    return all(ch.isalnum() or ch in "._" for ch in text)


_OPERATORS = {ast.Mod: "%", ast.FloorDiv: "//", ast.MatMult: "@", ast.BitAnd: "&",
              ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>",
              ast.Not: "not", ast.Invert: "~"}


def _describe(node):
    """(what, fields): the label key (under expr.what.) for a refused ast node."""
    if isinstance(node, ast.Attribute):
        return "attribute", {}
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        return ("call", {"name": name}) if name else ("call_other", {})
    if isinstance(node, ast.Lambda):
        return "lambda", {}
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        return "comprehension", {}
    if isinstance(node, ast.Subscript):
        return "subscript", {}
    if isinstance(node, ast.Compare):
        return "comparison", {}
    if isinstance(node, ast.IfExp):
        return "conditional", {}
    if isinstance(node, ast.BoolOp):
        return "boolean", {}
    if isinstance(node, (ast.BinOp, ast.UnaryOp)):
        return "operator", {"op": _OPERATORS.get(type(node.op), type(node.op).__name__)}
    if isinstance(node, (ast.Constant, ast.JoinedStr)):
        value = getattr(node, "value", "")
        return ("string", {}) if isinstance(value, (str, bytes)) or isinstance(
            node, ast.JoinedStr) else ("constant", {"value": repr(value)})
    if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
        return "collection", {}
    if isinstance(node, ast.NamedExpr):
        return "walrus", {}
    if isinstance(node, ast.stmt):
        return "statement", {"kind": type(node).__name__.lower()}
    return "other", {"kind": type(node).__name__}
