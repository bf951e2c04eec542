"""A reader's own expression: parsed with ast (never run), computed with layers, laid out,
stepped through, nudged, and shown in its widget."""
import builtins
import dataclasses
import html
import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from common import widgets
from common.graph import chapter, expression
from common.graph.drawing import _ends, draw_graph
from common.graph.expression import ExpressionError, evaluate_expression, parse_expression
from common.graph.layout import layered_layout, layout_graph
from common.graph.model import NODE_RADIUS, Graph
from common.graph.stepper import graph_steps
from common.layers import Sigmoid
from conftest import MISSING_GLYPH, part, widget_tree

# --- the book's examples ------------------------------------------------------------------------

def test_the_chain_rule_example_is_the_chapters_graph():
    e = evaluate_expression("z = (x + y) ** 2", x=2, y=1)
    assert (e.value, e.grads, e.output) == (9.0, {"x": 6.0, "y": 6.0}, "z")
    book = chapter.chain_rule_graph(x=2, y=1)
    assert [(n.op, n.kind) for n in e.graph.nodes.values()] == [
        (n.op, n.kind) for n in book.nodes.values()] == [("+", "add"), ("**2", "square")]
    assert sorted((e.value, e.grad) for e in e.graph.edges) == sorted(
        (e.value, e.grad) for e in book.edges)
    assert repr(e) == "Expression('(x + y) ** 2', x=2, y=1) → z = 9, ∂z/∂x = 6, ∂z/∂y = 6"


def test_the_sigmoid_from_its_primitives_is_the_books_graph_and_the_layers_gradient():
    e = evaluate_expression("y = 1 / (1 + exp(-x))", x=1.0)
    book = chapter.sigmoid_graph(x=1.0)
    assert [n.op for n in e.graph.nodes.values()] == [n.op for n in book.nodes.values()] == [
        "×", "exp", "+", "/"]
    constants = {t.label: t.side for name, t in e.graph.terminals.items() if "const" in name}
    assert constants == {"-1": "below", "1": "below"}  # hanging under ×(-1) and +1
    layer = Sigmoid()
    y = layer.forward(np.array(1.0))
    assert e.value == pytest.approx(float(y), rel=1e-15)
    assert e.grads["x"] == pytest.approx(float(layer.backward(np.array(1.0))), rel=1e-12)
    assert e.grads["x"] == pytest.approx(e.value * (1 - e.value), rel=1e-12)  # y(1 - y)
    assert sorted(round(e.grad, 12) for e in e.graph.edges if e.grad is not None) == sorted(
        round(e.grad, 12) for e in book.edges if e.grad is not None)


def test_a_variable_used_twice_appears_once_and_its_gradient_is_the_sum():
    e = evaluate_expression("x * y + y * z", x=1, y=2, z=3)
    g = e.graph
    assert [t.label for t in g.terminals.values()].count("y") == 1
    y_edges = [edge for edge in g.edges if edge.src == "input.y"]
    assert len(y_edges) == 2 and [edge.grad for edge in y_edges] == [1.0, 3.0]
    assert e.grads == {"x": 2.0, "y": 4.0, "z": 2.0} and e.parts["y"] == (1.0, 3.0)
    assert g.caption == "入力の勾配: ∂out/∂x = 2、∂out/∂y = 1 + 3 = 4、∂out/∂z = 2"


def test_x_times_x_brings_the_second_edge_from_below_named_again():
    e = evaluate_expression("x * x", x=3)
    assert e.grads == {"x": 6.0}
    below = [t for t in e.graph.terminals.values() if t.side == "below"]
    assert [t.label for t in below] == ["x"]
    main, second = (edge for edge in e.graph.edges if edge.dst == "node1")
    assert (main.show_value, second.show_value) == (True, False)
    assert (main.grad, second.grad) == (3.0, 3.0)


@pytest.mark.parametrize("text, ops, constants", [
    ("x - y", ["×", "+"], ["-1"]),  # a + (-1 × b): the book's nodes
    ("-x", ["×"], ["-1"]),
    ("x / y", ["/", "×"], []),  # a × (1/b) with the book's / node
    ("1 / x", ["/"], []),
    ("x / 2", ["×"], ["1/2"]),
    ("x - 3", ["+"], ["-3"]),
    ("2 * 3 * x", ["×"], ["2 * 3"]),  # a part without a variable is worked out first
    ("exp(1) * x", ["×"], ["exp(1)"]),
    ("x ** 2", ["**2"], []),
    ("x ** 3", ["**3"], []),
    ("+x * 2", ["×"], ["2"]),
    ("log(x)", ["log"], []),
])
def test_each_operation_becomes_the_books_nodes(text, ops, constants):
    g = evaluate_expression(text, x=1.5, y=0.5).graph if "y" in text else evaluate_expression(
        text, x=1.5).graph
    assert [n.op for n in g.nodes.values()] == ops
    assert [t.label for name, t in g.terminals.items() if name.startswith("const")] == constants


def test_every_node_is_computed_by_its_layer(monkeypatch):
    calls = []
    for name in ("AddLayer", "MulLayer", "ExpNode", "LogNode", "ReciprocalNode", "SquareNode",
                 "PowerNode"):
        cls = getattr(expression, name)
        monkeypatch.setattr(cls, "forward", _spy(cls.forward, calls, name, "forward"))
        monkeypatch.setattr(cls, "backward", _spy(cls.backward, calls, name, "backward"))
    evaluate_expression("log(x) * exp(y) / (x - y) ** 2 + y ** 3", x=2.0, y=0.5)
    forward = sorted(name for name, kind in calls if kind == "forward")
    assert forward == sorted(name for name, kind in calls if kind == "backward") == sorted([
        "LogNode", "ExpNode", "MulLayer", "ReciprocalNode", "SquareNode", "AddLayer", "MulLayer",
        "MulLayer", "AddLayer", "PowerNode"])


def _spy(method, calls, name, kind):
    def spy(self, *args):
        calls.append((name, kind))
        return method(self, *args)
    return spy


def test_the_output_can_be_named_and_the_text_is_normalized():
    p = parse_expression("  L=(a*x+b-t)**2 ")
    assert (p.output, p.body, p.text, p.variables) == (
        "L", "(a * x + b - t) ** 2", "L = (a * x + b - t) ** 2", ("a", "x", "b", "t"))
    assert parse_expression("x + 1").output == "out"


# --- random expressions against central differences ---------------------------------------------

LEAVES = st.one_of(st.sampled_from(["x", "y", "z"]), st.sampled_from(["1", "2", "0.5", "3"]))


def _trees(leaves):
    return st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/"]), leaves, leaves),
        st.tuples(st.just("**"), leaves, st.integers(1, 4)),
        st.tuples(st.sampled_from(["neg", "exp", "log"]), leaves),
    )


TREES = st.recursive(LEAVES, _trees, max_leaves=8)


def _text(tree):
    if isinstance(tree, str):
        return tree
    op, *args = tree
    if op == "neg":
        return f"-({_text(args[0])})"
    if op in ("exp", "log"):
        return f"{op}({_text(args[0])})"
    if op == "**":
        return f"({_text(args[0])}) ** {args[1]}"
    return f"({_text(args[0])}) {op} ({_text(args[1])})"


class _Unfit(Exception):
    """The reference evaluation is out of the range where differences are accurate."""


def _reference(tree, v):
    """The tree's value with plain math, refusing ill-conditioned parts."""
    if isinstance(tree, str):
        return v[tree] if tree in v else float(tree)
    op, *args = tree
    a = _reference(args[0], v)
    if op == "neg":
        return -a
    if op == "exp":
        if a > 20:
            raise _Unfit
        return math.exp(a)
    if op == "log":
        if a < 0.05:
            raise _Unfit
        return math.log(a)
    if op == "**":
        out = a ** args[1]
    else:
        b = _reference(args[1], v)
        if op == "/" and abs(b) < 0.05:
            raise _Unfit
        out = {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else 0.0}[op]
    if abs(out) > 1e5:
        raise _Unfit
    return out


@settings(max_examples=300, deadline=None)
@given(TREES, st.floats(-2, 2), st.floats(-2, 2), st.floats(-2, 2))
def test_random_expressions_match_central_differences(tree, x, y, z):
    text = _text(tree)
    values = {"x": x, "y": y, "z": z}
    try:
        reference = _reference(tree, values)
    except _Unfit:
        assume(False)
    try:
        parsed = parse_expression(text)
    except ExpressionError as error:  # only no variable or operation, or too many nodes
        assert error.key in ("error.expr.no_variable", "error.expr.no_operation",
                             "error.expr.too_many"), error
        assume(False)
    given_values = {name: values[name] for name in parsed.variables}
    e = parsed.evaluate(given_values)
    assert e.value == pytest.approx(reference, rel=1e-9, abs=1e-12)
    h = 1e-6
    for name in parsed.variables:
        up, down = dict(values), dict(values)
        up[name] += h
        down[name] -= h
        try:
            slope = (_reference(tree, up) - _reference(tree, down)) / (2 * h)
        except _Unfit:
            continue
        assert e.grads[name] == pytest.approx(slope, rel=1e-4, abs=1e-5), (text, name)
    steps = graph_steps(e.graph)  # every graph steps through, both passes
    assert steps[-1].phase == "chain" and all(s.text for s in steps)


# --- refusals: never run, always named ----------------------------------------------------------

HOSTILE = [
    ("__import__('os').system('echo hacked')", 1, "call"),
    ("x.real", 1, "attribute access"),
    ("(lambda: 1)() * x", 1, "call"),
    ("lambda x: x", 1, "lambda"),
    ("[x for x in y]", 1, "comprehension"),
    ("x[0]", 1, "indexing"),
    ("x < y", 1, "comparison"),
    ("x if y else z", 1, "conditional"),
    ("x and y", 1, "and / or"),
    ("'a' * x", 1, "a string"),
    ("True * x", 1, "True"),
    ("x % 2", 1, "the operator %"),
    ("x // 2", 1, "the operator //"),
    ("x @ y", 1, "the operator @"),
    ("~x", 1, "the operator ~"),
    ("print(x)", 1, "a call to print( )"),
    ("open('f') * x", 1, "a call to open( )"),
    ("x + sin(y)", 5, "a call to sin( )"),
    ("(x, y)", 1, "a list, tuple, set or dict"),
    ("(y := x)", 2, "the operator :="),
    ("import os", 1, "a statement (import)"),
    ("del x", 1, "a statement (delete)"),
    ("x += 1", 1, "a statement (augassign)"),
]


@pytest.mark.parametrize("text, position, what", HOSTILE)
def test_what_is_not_allowed_is_refused_with_its_position(text, position, what):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    error = caught.value
    assert isinstance(error, ValueError) and error.position == position
    message = str(error)
    assert message.startswith(f"Position {position}, '") and f"{what}" in message
    assert "Allowed: numbers, names, + - * /, unary -, ** with a whole number from 1 to 9, " \
           "exp( ) and log( )." in message
    assert "使えるのは 数、名前" in error.text("ja") and f"位置 {position}" in error.text("ja")


@pytest.mark.parametrize("text, key, position, said", [
    ("9**9**9 * x", "error.expr.power", 4, "the exponent of ** must be a whole number from 1 "
                                           "to 9, written as a number; got 9**9"),
    ("x ** 10", "error.expr.power", 6, "got 10"),
    ("x ** y", "error.expr.power", 6, "got y"),
    ("x ** 2.0", "error.expr.power", 6, "got 2.0"),
    ("x ** -1", "error.expr.power", 6, "got -1"),
    ("x ** True", "error.expr.power", 6, "got True"),
    ("(" * 21 + "x" + ")" * 21, "error.expr.too_deep", 21, "nested too deeply (at most 20"),
    ("-" * 25 + "x", "error.expr.too_many", None, "More than 24 nodes"),
    ("+" * 60 + "x", "error.expr.too_deep", 51, "nested too deeply (at most 50 levels)"),
    ("x" + " + x" * 25, "error.expr.too_many", None, "More than 24 nodes"),
    ("x + " * 60 + "x", "error.expr.too_long", None, "has 241 characters; at most 200"),
    ("", "error.expr.empty", None, "Type an expression"),
    ("# x", "error.expr.empty", None, "Type an expression"),
    ("x +", "error.expr.syntax", 4, "not an expression Python can read (invalid syntax)"),
    ("x\n+ y", "error.expr.character", 2, "the character '\\n' cannot be used"),
    ("x\x00", "error.expr.character", 2, "the character '\\x00'"),
    ("x; y", "error.expr.statements", 4, "write one expression only (there are 2)"),
    ("exp(x, y)", "error.expr.arguments", 1, "exp( ) takes one argument, such as exp(x)"),
    ("log(x=1)", "error.expr.arguments", 1, "log( ) takes one argument"),
    ("exp + x", "error.expr.function_name", 1, "exp is a function: write exp(x)"),
    ("__class__ * 2", "error.expr.name", 1, "the name __class__ cannot be used"),
    ("1e999 * x", "error.expr.number", 1, "1e999 is not a finite number"),
    ("2 + 3", "error.expr.no_variable", None, "has no variable"),
    ("x", "error.expr.no_operation", None, "x alone has no operation"),
    ("x = x * 2", "error.expr.output_is_input", None, "x is both the output's name"),
])
def test_limits_and_mistakes_are_named(text, key, position, said):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    assert caught.value.key == key and caught.value.position == position
    assert said in str(caught.value)
    assert caught.value.text("ja") != str(caught.value)


def test_no_code_runs_while_reading(monkeypatch, tmp_path):
    """The text goes to ast.parse only: eval and exec are never called, compile only for an ast."""
    import ast

    def refuse(*args, **kwargs):
        raise AssertionError("code was run")

    real_compile = builtins.compile

    def ast_only(source, filename, mode, flags=0, *args, **kwargs):
        assert flags & ast.PyCF_ONLY_AST, "compile was asked for code, not an ast"
        return real_compile(source, filename, mode, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    monkeypatch.setattr(builtins, "compile", ast_only)
    canary = tmp_path / "ran"
    attempts = [f"__import__('pathlib').Path({str(canary)!r}).touch()",
                f"open({str(canary)!r}, 'w')",
                f"x * (__import__('os').system('touch {canary}') or 1)",
                "x + " + "(" * 19 + "1" + ")" * 19]
    for text in attempts[:3]:
        with pytest.raises(ExpressionError):
            evaluate_expression(text, x=1.0)
    assert evaluate_expression(attempts[3], x=1.0).value == 2.0
    assert not canary.exists()


# --- values and domains -------------------------------------------------------------------------

@pytest.mark.parametrize("text, values, key, said", [
    ("log(x - 1)", {"x": 0.5}, "error.expr.log",
     "log(x - 1) (position 1): log needs a number above 0, but x - 1 = -0.5"),
    ("log(x)", {"x": 0.0}, "error.expr.log", "but x = 0"),
    ("y / (x - 1)", {"x": 1.0, "y": 2.0}, "error.expr.division",
     "y / (x - 1) (position 1): division by zero (x - 1 = 0)"),
    ("1 / x", {"x": 0.0}, "error.expr.division", "division by zero (x = 0)"),
    ("exp(x)", {"x": 1000.0}, "error.expr.overflow", "exp(x) (position 1): the value is too "
                                                     "large for a float (overflow)"),
    ("x ** 9", {"x": 1e40}, "error.expr.overflow", "x ** 9 (position 1)"),
    ("x * y", {"x": 1e200, "y": 1e200}, "error.expr.overflow", "x * y (position 1)"),
    ("1 / x", {"x": 1e-200}, "error.expr.grad_overflow", "the gradient is too large"),
    ("x + y", {"x": 1.0}, "error.expr.missing", "No value for y: give one for each variable, "
                                                "such as x=1.0, y=1.0"),
    ("x + 1", {"x": 1.0, "q": 2.0}, "error.expr.unknown", "no variable q; its variables are x"),
    ("x + 1", {"x": float("nan")}, "error.expr.value", "x must be a finite number, got nan"),
    ("x + 1", {"x": float("inf")}, "error.expr.value", "got inf"),
    ("x + 1", {"x": "2"}, "error.expr.value", "got '2'"),
    ("x + 1", {"x": True}, "error.expr.value", "got True"),
    ("log(1 - 1) * x", {"x": 1.0}, "error.expr.log", "log(1 - 1) (position 1)"),
])
def test_values_an_operation_cannot_take_name_the_operation(text, values, key, said):
    with pytest.raises(ExpressionError) as caught:
        evaluate_expression(text, **values)
    assert caught.value.key == key and said in str(caught.value), str(caught.value)
    assert caught.value.text("ja")  # and in Japanese, for the widget


def test_a_non_text_expression_is_a_type_error():
    with pytest.raises(TypeError, match="the expression must be text"):
        parse_expression(3)


def test_numpy_numbers_are_values():
    assert evaluate_expression("x * 2", x=np.float32(1.5)).value == 3.0


# --- the stepper's sentences --------------------------------------------------------------------

def test_steps_of_the_chain_rule_example_in_both_languages():
    steps = graph_steps(evaluate_expression("z = (x + y) ** 2", x=2, y=1).graph)
    assert [s.text for s in steps] == [
        "入力から始める: x = 2、y = 1", "加算ノード: 2 + 1 = 3", "**2 ノード: 3² = 9",
        "出力から始める: z の勾配 = 1", "**2 ノード: 上流 1 × 局所的な微分 2(入力) = 1 × 6 = 6",
        "加算ノード: 上流 6 × 局所的な微分 1 = 6 (そのまま下流へ流す)",
        "連鎖律: ∂z/∂x = 1 × 6 × 1 = 6、∂z/∂y = 1 × 6 × 1 = 6"]
    steps = graph_steps(evaluate_expression("z = (x + y) ** 2", lang="en", x=2, y=1).graph)
    assert [s.text for s in steps][1:] == [
        "addition node: 2 + 1 = 3", "**2 node: 3² = 9",
        "start from the output: the gradient of z = 1",
        "**2 node: upstream 1 × local derivative 2(input) = 1 × 6 = 6",
        "addition node: upstream 6 × local derivative 1 = 6 (passed on unchanged)",
        "chain rule: ∂z/∂x = 1 × 6 × 1 = 6; ∂z/∂y = 1 × 6 × 1 = 6"]


def test_the_branch_rule_is_the_last_backward_step_for_an_input_used_twice():
    e = evaluate_expression("x * y + y * z", x=1, y=2, z=3)
    steps = graph_steps(e.graph)
    assert (steps[-2].phase, steps[-2].node, steps[-2].new) == ("backward", "input.y", ())
    assert steps[-2].text == "分岐: y は 2 か所で使われる。勾配を足す 1 + 3 = 4"
    assert graph_steps(e.graph, "en")[-2].text == (
        "branch: y is used in 2 places: add the gradients 1 + 3 = 4")
    assert steps[-1].text == ("連鎖律: ∂out/∂x = 1 × 1 × 2 = 2、"
                              "∂out/∂y = 1 × 1 × 1 + 1 × 1 × 3 = 4、∂out/∂z = 1 × 1 × 2 = 2")
    assert len(steps) == 2 * (3 + 1) + 2
    twice = graph_steps(evaluate_expression("x * x", x=3).graph)
    assert twice[-3].text == ("乗算ノード: 上流 1 × 局所的な微分 (もう一方の入力) 3 = 3、"
                              "上流 1 × 局所的な微分 (もう一方の入力) 3 = 3")
    assert twice[-2].text == "分岐: x は 2 か所で使われる。勾配を足す 3 + 3 = 6"
    assert twice[-1].text == "連鎖律: ∂out/∂x = 1 × 3 + 1 × 3 = 6"


def test_power_and_the_other_nodes_say_their_rule():
    texts = [s.text for s in graph_steps(evaluate_expression("x ** 3 - x", x=2).graph)]
    assert texts == [
        "入力から始める: x = 2", "**3 ノード: 2³ = 8", "乗算ノード: 2 × (-1) = -2",
        "加算ノード: 8 + (-2) = 6", "出力から始める: out の勾配 = 1",
        "加算ノード: 上流 1 × 局所的な微分 1 = 1 (そのまま下流へ流す)",
        "乗算ノード: x へ 上流 1 × 局所的な微分 (もう一方の入力) (-1) = -1",
        "**3 ノード: 上流 1 × 局所的な微分 3x² = 1 × 12 = 12",
        "分岐: x は 2 か所で使われる。勾配を足す 12 + (-1) = 11",
        "連鎖律: ∂out/∂x = 1 × 1 × 12 + 1 × 1 × (-1) = 11"]
    english = [s.text for s in graph_steps(evaluate_expression("x ** 3 / y", lang="en", x=-2,
                                                                y=4).graph)]
    assert english[1:4] == ["**3 node: (-2)³ = -8", "/ node: 1 / 4 = 0.25",
                            "multiplication node: (-8) × 0.25 = -2"]
    assert english[-2] == "**3 node: upstream 0.25 × local derivative 3x² = 0.25 × 12 = 3"
    assert english[-1] == ("chain rule: ∂out/∂x = 1 × 0.25 × 12 = 3; "
                           "∂out/∂y = 1 × (-8) × (-0.0625) = 0.5")
    logs = [s.text for s in graph_steps(evaluate_expression("log(x)", x=4).graph)]
    assert logs[1] == "log ノード: log(4) = 1.386"
    assert logs[-2] == "log ノード: 上流 1 × 局所的な微分 1/x = 1 × 0.25 = 0.25"


def test_the_inputs_start_in_the_order_of_the_text():
    steps = graph_steps(evaluate_expression("a / b - c", a=1, b=2, c=3).graph)
    assert steps[0].text == "入力から始める: a = 1、b = 2、c = 3"


# --- nudges -------------------------------------------------------------------------------------

def test_nudges_compare_the_change_with_the_gradient():
    e = evaluate_expression("z = (x + y) ** 2", x=2, y=1)
    x, y = e.nudges()
    assert (x.name, x.h, x.before, x.grad) == ("x", 1e-3, 9.0, 6.0)
    assert x.after == pytest.approx(3.001 ** 2) and x.slope == pytest.approx(6.001)
    assert x.text == "x を +0.001 → z 9 → 9.006001: Δz/h = 6.001 (勾配 ∂z/∂x = 6)"
    assert e.nudges("en")[1].text == (
        "y +0.001 → z 9 → 9.006001: Δz/h = 6.001 (gradient ∂z/∂y = 6)")
    for n in evaluate_expression("1 / (1 + exp(-x)) * x * x", x=0.7).nudges():
        assert n.slope == pytest.approx(n.grad, rel=1e-2)  # Δout/h → the gradient


@pytest.mark.parametrize("text, values", [
    ("L = x * y * z", {"x": 2, "y": 3, "z": 3}),  # L 18 → 18.009, never 18 → 18
    ("log(x) * y ** 3", {"x": 2, "y": 3}), ("1 / x", {"x": 50}), ("exp(x)", {"x": 12}),
    ("x * 0 + y", {"x": 1, "y": -2.5}), ("x ** 2 - 1000 * y", {"x": 0.3, "y": 7.25}),
])
def test_a_nudge_line_shows_the_change_its_slope_is_made_of(text, values):
    number = r"(-?[\d.]+(?:e[+-]\d+)?)"
    pattern = re.compile(rf"→ \S+ {number} → {number}: Δ\S+/h = {number} ")
    for n in evaluate_expression(text, **values).nudges():
        before, after, slope = pattern.search(n.text).groups()
        decimals = max(len(v.partition(".")[2]) for v in (before, after))
        shown = (float(after) - float(before)) / n.h
        # the shown values give the shown slope, to their last digit and the slope's 4 digits
        assert shown == pytest.approx(float(slope), rel=1e-3, abs=10 ** -decimals / n.h), n.text
        assert float(slope) == pytest.approx(n.slope, rel=1e-3)
        assert (after != before) == (n.after != n.before), n.text


def test_a_nudge_across_a_domain_edge_says_so():
    e = evaluate_expression("1 / x", x=-0.001)
    (n,) = e.nudges("en")
    assert (n.after, n.slope) == (None, None)
    assert n.text.startswith("x +0.001: cannot compute (1 / x (position 1): division by zero")


# --- layout -------------------------------------------------------------------------------------

GALLERY = {
    "chain rule": ("z = (x + y) ** 2", {"x": 2, "y": 1}),
    "sigmoid": ("y = 1 / (1 + exp(-x))", {"x": 1.0}),
    "branch": ("x * y + y * z", {"x": 1, "y": 2, "z": 3}),
    "x times x": ("x * x", {"x": 3}),
    "three uses": ("x * exp(x) - log(x)", {"x": 1.5}),
    "softmax of two": ("exp(a) / (exp(a) + exp(b))", {"a": 0.3, "b": 2.9}),
    "cross entropy": ("L = -(t * log(y) + (1 - t) * log(1 - y))", {"t": 1, "y": 0.8}),
    "neuron": ("y = 1 / (1 + exp(-(w * x + b)))", {"w": 0.5, "x": 2, "b": -0.3}),
    "squared error": ("L = (1 / (1 + exp(-(w1 * x1 + w2 * x2 + b))) - t) ** 2",
                      {"w1": 0.5, "x1": 1.0, "w2": -0.3, "x2": 2.0, "b": 0.2, "t": 1}),
    "tanh": ("(exp(x) - exp(-x)) / (exp(x) + exp(-x))", {"x": 0.5}),
    "polynomial": ("x ** 3 - 2 * x ** 2 + x - 1", {"x": 1.5}),
    "nineteen nodes": ("(x - y) ** 3 / (1 + exp(-x * y)) + log(1 + x ** 2) * z - 2 * z / y",
                       {"x": 0.5, "y": 1.5, "z": 2.0}),
}


def clashes(graph):
    """Texts that overlap each other or a node, and texts an arrow runs through."""
    fig = draw_graph(graph)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    boxes = []
    for t in ax.texts:
        if t.get_text() and t.get_visible():
            (a, b), (c, d) = to_data.transform(t.get_window_extent(renderer).get_points())
            boxes.append((t.get_text(), a + 0.01, b + 0.01, c - 0.01, d - 0.01))
    found = []
    arrows = [(_ends(graph, e)[:2], f"{e.src}->{e.dst}") for e in graph.edges]
    for i, (s, a, b, c, d) in enumerate(boxes):
        found += [(s, other[0]) for other in boxes[i + 1:]
                  if a < other[3] and other[1] < c and b < other[4] and other[2] < d]
        for node in graph.nodes.values():
            x, y = node.xy
            nx, ny = min(max(x, a), c), min(max(y, b), d)
            if (nx - x) ** 2 + (ny - y) ** 2 < NODE_RADIUS ** 2 and s != node.op:
                found.append((s, node.op))
        for (p, q), name in arrows:
            points = p + (q - p) * np.linspace(0, 1, 400)[:, None]
            if np.any((points[:, 0] > a) & (points[:, 0] < c) & (points[:, 1] > b)
                      & (points[:, 1] < d)):
                found.append((s, name))
    return found


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", list(GALLERY))
def test_no_number_or_name_meets_another_or_an_arrow(name, lang):
    text, values = GALLERY[name]
    graph = parse_expression(text).evaluate(values, lang).graph
    assert clashes(graph) == []


@pytest.mark.parametrize("name", list(GALLERY))
def test_inputs_left_output_right_every_edge_pointing_right(name):
    text, values = GALLERY[name]
    g = evaluate_expression(text, **values).graph
    out = g.terminals["output"].xy[0]
    for e in g.edges:
        src, dst = g.position(e.src), g.position(e.dst)
        if g.terminals.get(e.src) and g.terminals[e.src].side == "below":
            assert src[0] == dst[0] and src[1] < dst[1]  # hanging straight below its node
        else:
            assert src[0] < dst[0], (e.src, e.dst)
    assert all(t.xy[0] < out for n, t in g.terminals.items() if n != "output")
    labels = [t.label for n, t in g.terminals.items() if n.startswith("input.")
              and t.side == "left"]
    assert sorted(labels) == sorted(set(labels))  # each variable once on the left


def test_the_layout_is_computed_once_per_expression():
    p = parse_expression("x * y + y * z")
    first = p.evaluate({"x": 1, "y": 2, "z": 3}).graph
    second = p.evaluate({"x": -4, "y": 0.5, "z": 8}).graph
    assert {n: t.xy for n, t in first.terminals.items()} == {
        n: t.xy for n, t in second.terminals.items()}
    assert [e.at for e in first.edges] == [e.at for e in second.edges]


def test_layout_rejects_a_cycle_and_a_terminal_hanging_from_nothing():
    g = Graph()
    g.add_node("a", "+", (0, 0))
    g.add_node("b", "+", (1, 0))
    g.add_edge("a", "b")
    g.add_edge("b", "a")
    with pytest.raises(ValueError, match="the graph has a cycle among a, b"):
        layered_layout(g)
    g = Graph()
    g.add_input("c", "1", (0, 0), side="below")
    g.add_output("out", "out", (1, 0))
    g.add_edge("c", "out")
    with pytest.raises(ValueError, match="must feed exactly one node"):
        layout_graph(g)


def test_a_chapter_graph_laid_out_anew_keeps_its_order():
    g = chapter.apple_orange_graph()
    xy = layered_layout(g)
    assert xy["apple"][0] < xy["mul_apple"][0] < xy["add"][0] < xy["mul_tax"][0] < xy["price"][0]
    assert xy["apple_num"][0] == xy["mul_apple"][0]  # hanging below, as the book draws it
    assert xy["mul_apple"][1] > xy["mul_orange"][1]  # the first operand on top


# --- the widget ---------------------------------------------------------------------------------

def text_of(html_widget):
    return html.unescape(re.sub(r"<[^>]+>", "", html_widget.value))


def test_widget_shows_values_gradients_nudges_and_steps():
    view = widgets.expression_widget("z = (x + y) ** 2", x=2, y=1)
    assert list(view.controls) == ["expression", "x", "y"]
    assert [view.controls[n].value for n in "xy"] == [2.0, 1.0]
    assert text_of(part(view, "explore-values")).splitlines() == ["z: 9", "∂z/∂x: 6", "∂z/∂y: 6"]
    assert text_of(part(view, "explore-nudge")).splitlines()[0] == (
        "x を +0.001 → z 9 → 9.006001: Δz/h = 6.001 (勾配 ∂z/∂x = 6)")
    assert text_of(part(view, "explore-caption")) == "入力の勾配: ∂z/∂x = 6、∂z/∂y = 6"
    stepper = view.stepper
    assert stepper.index.max == 7
    seen = []
    for k in range(1, 8):
        stepper.index.value = k
        seen.append(text_of(part(view, "explore-step")))
    assert seen[2] == "順伝播 3/7\xa0 **2 ノード: 3² = 9"
    assert seen[5] == "逆伝播 6/7\xa0 加算ノード: 上流 6 × 局所的な微分 1 = 6 (そのまま下流へ流す)"
    assert seen[6] == "まとめ 7/7\xa0 連鎖律: ∂z/∂x = 1 × 6 × 1 = 6、∂z/∂y = 1 × 6 × 1 = 6"
    assert part(view, "explore-plot").value[:4] == b"\x89PNG"


def test_a_slider_keeps_the_step_and_the_drawing_and_changes_the_numbers():
    view = widgets.expression_widget("x * y + y * z", x=1, y=2, z=3)
    stepper = view.stepper
    stepper.index.value = 9
    picture, png = stepper.pictures.current, part(view, "explore-plot").value
    view.controls["y"].value = 0.5
    assert stepper.index.value == 9 and stepper.pictures.current is picture
    assert part(view, "explore-plot").value != png
    assert text_of(part(view, "explore-step")).endswith("勾配を足す 1 + 3 = 4")
    assert text_of(part(view, "explore-values")).splitlines()[:3] == [
        "out: 2", "∂out/∂x: 0.5", "∂out/∂y: 4"]


def test_a_new_expression_makes_new_sliders_and_keeps_the_values_of_the_names_kept():
    view = widgets.expression_widget("x * y", x=3, y=2)
    controls = view.controls
    controls["expression"].value = "y * z + exp(-y)"
    assert view.controls is controls and list(controls) == ["expression", "y", "z"]
    assert (controls["y"].value, controls["z"].value) == (2.0, 1.0)
    sliders = [w for w in widget_tree(view) if getattr(w, "description", None) in ("x", "y", "z")]
    assert [s.description for s in sliders] == ["y", "z"]
    assert text_of(part(view, "explore-values")).splitlines()[0] == "out: 2.135"
    controls["z"].value = 4.0
    assert text_of(part(view, "explore-values")).splitlines()[0] == "out: 8.135"


def test_a_bad_expression_is_said_and_the_last_good_graph_stays():
    view = widgets.expression_widget("x * y", x=3, y=2)
    view.stepper.index.value = 4
    png, step = part(view, "explore-plot").value, part(view, "explore-step").value
    values = part(view, "explore-values").value
    view.controls["expression"].value = "x.__class__"
    assert text_of(part(view, "explore-message")).startswith(
        "位置 1 の「x.__class__」: 属性 (.)は使えません。使えるのは")
    assert part(view, "explore-plot").value == png and part(view, "explore-step").value == step
    assert part(view, "explore-values").value == values and list(view.controls) == [
        "expression", "x", "y"]
    view.stepper.index.value = 3  # the last good graph still steps
    assert text_of(part(view, "explore-step")).startswith("逆伝播 3/")
    view.controls["expression"].value = "x * y + 1"
    assert part(view, "explore-message").value == ""


def test_a_value_out_of_the_domain_is_said_and_the_next_good_one_recovers():
    view = widgets.expression_widget("log(x)", lang="en", x=2.0)
    view.controls["x"].value = -1.0
    assert text_of(part(view, "explore-message")) == (
        "Cannot compute: log(x) (position 1): log needs a number above 0, but x = -1")
    assert part(view, "explore-step").value == "" and part(view, "explore-values").value == ""
    view.controls["x"].value = float("nan")
    assert "x is nan, not a number" in text_of(part(view, "explore-message"))
    view.controls["x"].value = 1.0
    assert part(view, "explore-message").value == ""
    assert text_of(part(view, "explore-values")).splitlines() == ["out: 0", "∂out/∂x: 1"]


def test_the_widget_checks_its_arguments_before_making_any_widget(monkeypatch):
    import ipywidgets

    def no_widget(*args, **kwargs):
        raise AssertionError("a widget was made before the arguments were checked")

    monkeypatch.setattr(ipywidgets.Widget, "__init__", no_widget)
    with pytest.raises(ExpressionError, match="Position 1, 'x.y': attribute access"):
        widgets.expression_widget("x.y")
    with pytest.raises(ExpressionError, match="no variable q; its variables are x"):
        widgets.expression_widget("x * 2", q=1)
    with pytest.raises(ValueError, match="lang must be one of 'ja', 'en', got 'fr'"):
        widgets.expression_widget("x * 2", lang="fr")


def test_a_slider_reaches_a_value_given_beyond_five():
    view = widgets.expression_widget("x * 2", x=12.5)
    assert (view.controls["x"].min, view.controls["x"].max, view.controls["x"].value) == (
        -25, 25, 12.5)


def _japanese(text):
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_widget_speaks_its_language_and_draws_every_glyph(lang):
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH)
        view = widgets.expression_widget("L = log(x ** 3 + 1) / (w * x) - exp(-w) ** 2", lang=lang,
                                         x=0.8, w=1.2)
        stepper = view.stepper
        for k in range(1, stepper.index.max + 1):
            stepper.index.value = k
        stepper.whole.value = True
        words = [text_of(w) for w in widget_tree(view) if isinstance(w, type(part(
            view, "explore-values")))] + [str(getattr(w, "description", "") or "")
                                          for w in widget_tree(view)]
    assert any(_japanese(w) for w in words) == (lang == "ja")


def test_the_expression_figure_is_the_step_picture_of_the_widget():
    view = widgets.expression_widget("x * y + y * z", x=1, y=2, z=3)
    view.stepper.whole.value = True
    graph = evaluate_expression("x * y + y * z", x=1, y=2, z=3).graph
    from common.graph.drawing import StepPicture
    from common.widgets.parts import png_bytes
    picture = StepPicture(dataclasses.replace(graph, caption=""), [],
                          view.stepper.pictures.dpi, sentences=False)
    assert part(view, "explore-plot").value == png_bytes(picture.render(None))


def test_the_docstring_examples_hold():
    import doctest
    result = doctest.testmod(expression)
    assert result.attempted >= 3 and result.failed == 0


def test_expression_graph_is_a_builder_as_the_chapters():
    g = expression.expression_graph("y = 1 / (1 + exp(-x))", lang="en", x=1.0)
    assert g.title == "Computational graph: y = 1 / (1 + exp(-x))"
    assert g.caption == "Gradients of the inputs: ∂y/∂x = 0.1966"
    assert g.lang == "en" and [n.op for n in g.nodes.values()] == ["×", "exp", "+", "/"]
