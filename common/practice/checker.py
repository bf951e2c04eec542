"""Check the reader's own layer: which gradient is wrong, by how much, and what to write.

check_layer(kind, layer_class) builds the reader's class as the book does
(MulLayer(), Relu(), Affine(W, b), SoftmaxWithLoss()), runs forward and backward
on small examples chosen so that the usual mistakes show (an upstream gradient
that is not 1, x ≠ y, N, D and M all different, inputs on both sides of 0, one
row and a batch), and compares every result with the layer of common.layers:

    >>> class Mul:
    ...     def forward(self, x, y):
    ...         self.x, self.y = x, y
    ...         return x * y
    ...     def backward(self, dout):
    ...         return dout * self.x, dout * self.y      # the inputs not swapped
    >>> report = check_layer("mul", Mul, lang="en")
    >>> report.ok, sorted(report.wrong)
    (False, ['dx', 'dy'])

The reader's code never makes the checker raise: a skeleton, a missing
attribute, a wrong shape or an exception inside the reader's method becomes a
message (in the report) that names the method and the line.
"""
import html
import inspect
import linecache
import traceback
import warnings
from dataclasses import dataclass

import numpy as np

from common.functions import softmax
from common.graph.model import format_value
from common.labels import check_lang, label
from common.layers import AddLayer, Affine, MulLayer, Relu, Sigmoid, SoftmaxWithLoss
from common.practice.breakit import COLORS

RTOL, ATOL = 1e-4, 1e-6  # a float32 layer passes; every mistake tested is off by far more
BOOK_NAMES = ("np", "softmax", "cross_entropy_error", "sigmoid")  # NameError -> how to import


# --- the six kinds of layer -------------------------------------------------------------------

@dataclass(frozen=True)
class Example:
    """One run: constructor arguments, forward's arguments (name -> value), the upstream dout."""

    init: tuple
    inputs: dict
    dout: object


@dataclass(frozen=True)
class Kind:
    """What the book's layer of one kind looks like, and the examples it is checked on.

    forward_code: the book's forward (the skeleton gives it). The rules are said in words
    by the labels check.rule.<kind> and check.rule.<kind>.forward, not as code.
    """

    reference: type
    grads: tuple
    init_signature: str
    forward_signature: str
    backward_signature: str
    forward_code: str
    examples: tuple


def _a(rows):
    return np.array(rows, dtype=float)


_X = _a([[0.5, -1.2, 2.0, -0.3], [-2.5, 1.5, -0.7, 0.9], [1.1, -0.4, 0.2, -1.8]])
_DX = _a([[1.5, -0.5, 2.0, 1.0], [0.3, -1.2, 0.8, 2.5], [-0.6, 1.4, -2.0, 0.7]])
_ACTIVATION = (Example((), {"x": _a([1.0, -0.5, -2.0, 3.0])}, _a([0.5, 2.0, -1.0, 1.5])),
               Example((), {"x": _X}, _DX))
_BINARY = (Example((), {"x": 2.0, "y": 3.0}, 1.5),
           Example((), {"x": _a([[1.0, -2.0, 3.0], [0.5, 4.0, -1.5]]),
                        "y": _a([[2.0, 0.5, -1.0], [-3.0, 1.5, 2.5]])},
                   _a([[1.5, -0.5, 2.0], [0.3, -1.2, 0.8]])))

KINDS = {
    "mul": Kind(MulLayer, ("dx", "dy"), "__init__(self)", "forward(self, x, y)",
                "backward(self, dout)", "self.x = x\nself.y = y\nout = x * y", _BINARY),
    "add": Kind(AddLayer, ("dx", "dy"), "__init__(self)", "forward(self, x, y)",
                "backward(self, dout)", "out = x + y", _BINARY),
    "relu": Kind(Relu, ("dx",), "__init__(self)", "forward(self, x)", "backward(self, dout)",
                 "self.mask = (x <= 0)\nout = x.copy()\nout[self.mask] = 0", _ACTIVATION),
    "sigmoid": Kind(Sigmoid, ("dx",), "__init__(self)", "forward(self, x)",
                    "backward(self, dout)", "out = 1 / (1 + np.exp(-x))\nself.out = out",
                    _ACTIVATION),
    "affine": Kind(Affine, ("dx", "dW", "db"), "__init__(self, W, b)", "forward(self, x)",
                   "backward(self, dout)", "self.x = x\nout = np.dot(x, self.W) + self.b", (
                       Example((_a([[0.1, -0.3, 0.5], [0.2, 0.4, -0.6]]), _a([0.1, -0.2, 0.3])),
                               {"x": _a([[1.0, -2.0]])}, _a([[1.0, -1.0, 0.5]])),
                       Example((_a([[0.1, -0.3, 0.5, 0.7], [0.2, 0.4, -0.6, -0.8]]),
                                _a([0.1, -0.2, 0.3, 0.0])),
                               {"x": _a([[1.0, -2.0], [0.5, 3.0], [-1.5, 0.5]])},
                               _a([[1.0, -1.0, 0.5, 0.0], [0.5, 2.0, -1.0, 1.0],
                                   [0.0, 1.0, 1.0, -0.5]])))),
    "softmax_with_loss": Kind(
        SoftmaxWithLoss, ("dx",), "__init__(self)", "forward(self, x, t)",
        "backward(self, dout=1)",
        "self.t = t\nself.y = softmax(x)\nself.loss = cross_entropy_error(self.y, self.t)", (
            Example((), {"x": _a([[0.3, 2.9, 4.0]]), "t": np.array([[0, 0, 1]])}, 1),
            Example((), {"x": _a([[0.3, 2.9, 4.0], [1.0, -0.5, 0.2]]),
                         "t": np.array([[0, 0, 1], [1, 0, 0]])}, 1))),
}


def kind_spec(kind):
    """The Kind of `kind`, or a ValueError naming the kinds there are."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: choose one of {', '.join(map(repr, KINDS))}")
    return KINDS[kind]


def _mistakes(kind, example, ref):
    """[(hint keys, {name: value})]: what the usual mistakes give on `example`."""
    d, v = example.dout, example.inputs
    if kind == "mul":
        return [(("mul.swapped",), {"dx": d * v["x"], "dy": d * v["y"]}),
                (("mul.like_add",), {"dx": d, "dy": d})]
    if kind == "add":
        return [(("add.like_mul",), {"dx": d * v["y"], "dy": d * v["x"]}),
                (("add.like_mul",), {"dx": d * v["x"], "dy": d * v["y"]})]
    if kind == "relu":
        mask = v["x"] <= 0
        return [(("relu.inverted",), {"dx": np.where(mask, d, 0)}),
                (("relu.no_mask",), {"dx": d})]
    if kind == "sigmoid":
        x = v["x"]
        return [(("sigmoid.from_input",), {"dx": d * x * (1 - x)}),
                (("sigmoid.from_input", "dout"), {"dx": x * (1 - x)})]
    if kind == "affine":
        n = len(v["x"])
        return [(("affine.db_mean",), {"db": ref["db"] / n}),
                (("affine.divided",), {name: ref[name] / n for name in ("dx", "dW", "db")})]
    y, t = softmax(v["x"]), v["t"]
    n, c = t.shape
    return [(("softmax.batch",), {"dx": y - t}), (("softmax.classes",), {"dx": (y - t) / c}),
            (("softmax.sign",), {"dx": (t - y) / n}),
            (("softmax.sign", "softmax.batch"), {"dx": t - y})]


# --- calling the reader's code safely ---------------------------------------------------------

class Problem(Exception):
    """What stops a check, in words for the reader. key: not_a_class, missing_method,
    signature, not_implemented, returns_none, count, missing_attribute, exception; and in
    graph_check, forward (a wrong forward) and not_a_function."""

    def __init__(self, key, message, error=None):
        super().__init__(message)
        self.key, self.message, self.error = key, message, error


def reader_codes(*objects):
    """The code objects of the reader's classes and functions (the frames to name in a message).

    The project's own classes (a reader's subclass of a layer of common/) are left out.
    """
    codes = set()
    for obj in objects:
        if not isinstance(obj, type):
            codes.update([obj.__code__] if hasattr(obj, "__code__") else [])
            continue
        for klass in obj.__mro__:
            if klass is object or klass.__module__.startswith("common."):
                continue
            for item in vars(klass).values():
                item = getattr(item, "__func__", getattr(item, "fget", item))
                if hasattr(item, "__code__"):
                    codes.add(item.__code__)
    return codes


def call(codes, method, function, *args, signature="", rule="", todo=None, lang="ja", **kwargs):
    """function(*args, **kwargs), the reader's `method`; a Problem instead of any exception.

    signature: the book's signature, said when the arguments do not fit; rule: what
    the method does, said when it is not written yet; todo: for the backward of an
    exercise, the kind whose todo() is said instead (what to write, not how). numpy's
    warnings are silenced: a nan or inf answer is judged, not warned about.
    """
    try:
        inspect.signature(function).bind(*args, **kwargs)
    except TypeError:
        raise Problem("signature", label("check.signature", lang, method=method,
                                         signature=signature)) from None
    except ValueError:  # no signature to read (a builtin): just call it
        pass
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return function(*args, **kwargs)
    except Exception as error:  # the reader's code: anything may happen in it
        raise explain(error, codes, method, lang, rule, todo) from None


def _reader_frame(error, codes):
    """(function name, line within it counting its def as 1, the line's text) of the last frame
    of the reader's code in the traceback of `error`, or None."""
    found = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code in codes:
            found = frame.f_code, lineno
    if found is None:
        return None
    code, lineno = found
    text = linecache.getline(code.co_filename, lineno).strip()
    if not text:  # no file for it: try the source inspect keeps, then give the number alone
        try:
            lines, first = inspect.getsourcelines(code)
            text = lines[lineno - first].strip()
        except (OSError, TypeError, IndexError):
            text = ""
    return code.co_name, lineno - code.co_firstlineno + 1, text


def explain(error, codes, method, lang, rule="", todo=None):
    """A Problem that says what `error` (raised while calling the reader's `method`) means;
    todo: the kind of layer whose backward this is (see call)."""
    where = _reader_frame(error, codes)
    name, line, text = where if where else (method, 0, "")
    shown = f"{type(error).__name__}: {error}"
    if isinstance(error, NotImplementedError):
        message = (label("check.not_implemented.backward", lang, method=method,
                         **todo_fields(todo, lang)) if todo else
                   label("check.not_implemented", lang, method=method, rule=rule))
        return Problem("not_implemented", message, error)
    attr, obj = getattr(error, "name", None), getattr(error, "obj", None)
    if isinstance(error, AttributeError) and attr and where and reader_codes(type(obj)) & codes:
        keep = "__init__" if name == "forward" else "forward"
        return Problem("missing_attribute", label("check.missing_attribute", lang, method=name,
                                                  attr=attr, line=line, where=keep), error)
    if not where:
        return Problem("exception", label("check.exception.outside", lang, method=method,
                                          error=shown), error)
    key = "check.exception" if text else "check.exception.no_code"
    message = label(key, lang, method=name, line=line, code=text, error=shown)
    if isinstance(error, NameError) and getattr(error, "name", None) in BOOK_NAMES:
        fix = ("import numpy as np" if error.name == "np"
               else f"from common.functions import {error.name}")
        message += "\n" + label("check.hint", lang, text=label("check.hint.import", lang,
                                                                 code=fix))
    return Problem("exception", message, error)


def todo_fields(kind, lang):
    """What the backward of `kind` is to give, and the section that explains its rule: the
    words for a skeleton, which leave the formula to the reader."""
    return {"returns": label(f"check.todo.returns.{kind}", lang),
            "section": label(f"check.todo.section.{kind}", lang)}


# --- running one example ----------------------------------------------------------------------

def _copy(value):
    return np.array(value) if isinstance(value, np.ndarray) else value


def show(value, prefix=""):
    """A number or an array in short form: 3.3, [[1, -2], [0.5, 3]] (rows under each other)."""
    if value is None:
        return "None"
    try:
        array = np.asarray(value, dtype=float)
    except Exception:  # anything the reader returned
        return f"{type(value).__name__}"
    if array.ndim == 0:
        return format_value(float(array))
    return np.array2string(array, separator=", ", prefix=prefix,
                           formatter={"float_kind": lambda v: format_value(float(v))})


def example_text(kind, example, lang):
    """The inputs of an example, one "name = value" per line."""
    names = ("W", "b") if kind == "affine" else ()
    items = [*zip(names, example.init, strict=True), *example.inputs.items(),
             ("dout", example.dout)]
    return "\n".join(f"  {name} = {show(value, '  ' + name + ' = ')}" for name, value in items)


def attribute(obj, name):
    """obj.name, or None when reading it fails (the reader's property or __getattr__)."""
    try:
        return getattr(obj, name, None)
    except Exception:
        return None


def method_of(layer, name, signature, lang):
    method = attribute(layer, name)
    if not callable(method):
        raise Problem("missing_method", label("check.missing_method", lang,
                                              cls=type(layer).__name__, method=name,
                                              signature=signature))
    return method


def _count_problem(got, lang):
    if isinstance(got, (tuple, list)):
        shown = label("check.count.values", lang, n=len(got))
    else:
        shown = label("check.count.one", lang, value=show(got))
    return Problem("count", label("check.count", lang, got=shown))


def read_grads(kind, layer, returned, lang="ja"):
    """{gradient name: what the reader's layer gave}: backward's return value(s), and for
    Affine its dW and db attributes."""
    if kind in ("mul", "add"):
        if returned is None:
            return {"dx": None, "dy": None}
        pair = isinstance(returned, (tuple, list)) or (isinstance(returned, np.ndarray)
                                                       and returned.ndim > 0)
        if not pair or len(returned) != 2:
            raise _count_problem(returned, lang)
        return {"dx": returned[0], "dy": returned[1]}
    if kind == "affine":
        return {"dx": returned, "dW": attribute(layer, "dW"), "db": attribute(layer, "db")}
    return {"dx": returned}


def _none_attributes(layer):
    """The names of the layer's attributes that are None (what forward forgot to keep)."""
    return [name for name, value in vars(layer).items()
            if value is None and name not in ("dW", "db")] if hasattr(layer, "__dict__") else []


def run_forward(kind, layer_class, example, codes, lang):
    """(the reader's layer, forward's result, the inputs it was given) on `example`; a Problem
    when the reader's code cannot give them."""
    spec = KINDS[kind]
    init = [_copy(v) for v in example.init]
    layer = call(codes, "__init__", layer_class, *init, signature=spec.init_signature,
                 lang=lang)
    inputs = {name: _copy(v) for name, v in example.inputs.items()}
    forward = method_of(layer, "forward", spec.forward_signature, lang)
    out = call(codes, "forward", forward, *inputs.values(), signature=spec.forward_signature,
               rule=label(f"check.rule.{kind}.forward", lang), lang=lang)
    if out is None:
        raise Problem("returns_none", label("check.returns_none", lang, method="forward",
                                            rule=label(f"check.rule.{kind}.forward", lang)))
    return layer, out, inputs


def run_reader(kind, layer_class, example, codes, lang):
    """({"forward": forward's result, gradient name: value}, notes) of the reader's layer on
    `example`; a Problem when the reader's code cannot give them."""
    spec = KINDS[kind]
    layer, out, inputs = run_forward(kind, layer_class, example, codes, lang)
    unset = _none_attributes(layer)
    dout = _copy(example.dout)
    backward = method_of(layer, "backward", spec.backward_signature, lang)
    try:
        returned = call(codes, "backward", backward, dout, signature=spec.backward_signature,
                        todo=kind, lang=lang)
    except Problem as problem:
        if "NoneType" in str(problem.error) and unset:
            problem.message += "\n" + label("check.none_attributes", lang, attrs=", self.".join(
                unset), first=unset[0])
        if kind == "affine" and isinstance(problem.error, ValueError):
            problem.message += "\n" + hint_line(("affine.shapes",), lang)
        raise problem from None
    grads = read_grads(kind, layer, returned, lang)
    if all(value is None for value in grads.values()):
        raise Problem("returns_none", label("check.returns_none.backward", lang,
                                            **todo_fields(kind, lang)))
    notes = []
    if isinstance(dout, np.ndarray) and not np.array_equal(dout, example.dout):
        notes.append("check.note.dout_in_place")
    for name, value in inputs.items():
        if isinstance(value, np.ndarray) and not np.array_equal(value, example.inputs[name]):
            notes.append("check.note.input_in_place")
    return {"forward": out, **grads}, notes


def run_reference(kind, example, dout=None):
    """{"forward": ..., gradient name: ...} of the layer of common.layers on `example`."""
    layer = KINDS[kind].reference(*(_copy(v) for v in example.init))
    out = layer.forward(*(_copy(v) for v in example.inputs.values()))
    returned = layer.backward(_copy(example.dout if dout is None else dout))
    return {"forward": out, **read_grads(kind, layer, returned)}


# --- judging ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Failure:
    """A value that is wrong on example `index`: why ("none", "type", "shape", "value")."""

    index: int
    reason: str
    expected: object
    got: object
    hints: tuple


def judge(got, expected):
    """None when `got` equals `expected` within the tolerances, else the reason it does not."""
    if got is None:
        return "none"
    try:
        got = np.asarray(got, dtype=float)
    except Exception:  # anything the reader returned
        return "type"
    if got.shape != np.shape(expected):
        return "shape"
    same = np.allclose(got, np.asarray(expected, dtype=float), rtol=RTOL, atol=ATOL)
    return None if same else "value"


def same(a, b):
    """True when judge finds nothing wrong: b within the tolerances of a."""
    return judge(a, b) is None


def hints(kind, name, reason, example, ref, got):
    """The keys of the hints that fit a wrong value, the likeliest mistake first."""
    if name == "forward":
        return ("forward",)
    if reason == "none":
        return ("set_attr",) if name in ("dW", "db") else ("return",)
    if reason == "shape":
        shape, want = np.shape(np.asarray(got, dtype=float)), np.shape(ref[name])
        if kind == "affine" and name == "db":
            return ("affine.db_sum",) if len(shape) == 2 else ("affine.db_axis",)
        if kind == "affine" and shape == want[::-1]:
            return ("affine.transpose",)
        return ("formula",)
    if reason == "value":
        candidates = _mistakes(kind, example, ref)
        if kind != "softmax_with_loss":  # its dout is always 1
            ones = run_reference(kind, example, dout=np.ones_like(example.dout, dtype=float))
            candidates.append((("dout",), ones))
        for keys, values in candidates:
            if name in values and same(got, values[name]):
                return keys
    return ("formula",)


def hint_line(keys, lang, kind=None, **fields):
    """"ヒント: ..." with the text of each hint key ("formula": the rule of `kind` in words)."""
    texts = []
    for key in keys:
        if key == "formula":
            texts.append(label(f"check.rule.{kind}", lang))
        elif key == "forward":
            texts.append(label(f"check.rule.{kind}.forward", lang))
        else:
            texts.append(label(f"check.hint.{key}", lang, **fields))
    return label("check.hint", lang, text=" ".join(texts))


def _value_lines(name, failure, lang):
    """"  正しい dx = 4.5" and "  あなたの dx = 3" (their shapes when the shapes differ)."""
    lines = []
    for key, value in (("check.expected", failure.expected), ("check.got", failure.got)):
        head = f"  {label(key, lang, name=name)} = "
        if failure.reason == "shape":
            text = str(np.shape(np.asarray(value, dtype=float)))
            text = label("check.shape_of", lang, shape=text)
        elif failure.reason == "type":
            text = label("check.not_a_number", lang, type=type(value).__name__)
        else:
            text = show(value, head)
        lines.append(head + text)
    return lines


def examples_text(count, lang):
    """"2 つの例の両方で" / "on both examples"; "3 つの例すべてで" / "on all 3 examples"."""
    return label("check.examples.both" if count == 2 else "check.examples.all", lang, n=count)


def _message(kind, failures, lang, grads_checked=True):
    """Which values are wrong, on the smallest example where each is, and the hints.
    grads_checked: False when only forward was judged (none of the gradients is right)."""
    spec = KINDS[kind]
    names = ["forward", *spec.grads]
    wrong = [n for n in names if n in failures]
    right = [n for n in spec.grads if n not in failures] if grads_checked else []
    if not wrong:
        return label("check.ok", lang, grads=", ".join(spec.grads),
                     examples=examples_text(len(spec.examples), lang),
                     reference=spec.reference.__name__)
    lines = [label("check.wrong_some_right" if right else "check.wrong", lang,
                   names=", ".join(wrong), right=", ".join(right))]
    by_example = {}
    for name in wrong:
        by_example.setdefault(failures[name].index, []).append(name)
    for index, group in sorted(by_example.items()):
        example = spec.examples[index]
        lines.append(label("check.example", lang, k=index + 1, of=len(spec.examples)))
        lines.append(example_text(kind, example, lang))
        keys = []
        for name in group:
            failure = failures[name]
            shown = label("check.forward_value", lang) if name == "forward" else name
            lines.extend(_value_lines(shown, failure, lang))
            keys += [key for key in failure.hints if key not in keys]
        fields = {"what": ", ".join(spec.grads) if kind in ("mul", "add") else "dx",
                  "name": group[0]}
        lines.append(hint_line(keys, lang, kind, **fields))
    return "\n".join(lines)


# --- the report ---------------------------------------------------------------------------------

MARK = {"ok": "✓", "wrong": "✗", "unchecked": "–"}
MARK_COLOR = {"ok": COLORS["ok"], "wrong": COLORS["bug"], "unchecked": "#777777"}


@dataclass(frozen=True)
class LayerReport:
    """The verdict on a reader's layer.

    statuses: "forward" and each gradient name -> "ok", "wrong" or "unchecked" (not
    computed: the check stopped at a problem). problem: "" when every example ran,
    else what stopped the check (see Problem). notes: remarks that do not make a
    gradient wrong (a backward that writes into dout). Shown as a line of ✓ / ✗ / –
    marks (a small table in HTML), the meaning of – when it appears, and the message.
    """

    kind: str
    name: str
    statuses: dict
    message: str
    notes: tuple = ()
    problem: str = ""
    lang: str = "ja"

    @property
    def ok(self):
        return not self.problem and all(s == "ok" for s in self.statuses.values())

    @property
    def wrong(self):
        """The names of the wrong gradients, among dx, dy, dW, db."""
        return frozenset(n for n, s in self.statuses.items() if s == "wrong" and n != "forward")

    def legend(self):
        """"–: まだ確かめられない" when a value could not be checked, else ""."""
        unchecked = "unchecked" in self.statuses.values()
        return label("check.unchecked", self.lang, mark=MARK["unchecked"]) if unchecked else ""

    def text(self):
        marks = "  ".join(f"{n} {MARK[s]}" for n, s in self.statuses.items())
        title = label("check.title", self.lang, name=self.name)
        legend = f"  ({self.legend()})" if self.legend() else ""
        return "\n".join([f"{title}: {marks}{legend}", self.message, *self.notes])

    def __repr__(self):
        return self.text()

    def _repr_html_(self):
        head = "".join(f"<th style='padding:2px 10px'>{n}</th>" for n in self.statuses)
        cells = "".join(f"<td style='padding:2px 10px; text-align:center; "
                        f"color:{MARK_COLOR[s]}'>{MARK[s]}</td>" for s in self.statuses.values())
        notes = "".join(f"<div style='color:#555; white-space:pre-wrap'>{html.escape(n)}</div>"
                        for n in self.notes)
        legend = (f"<div style='color:#555'>{html.escape(self.legend())}</div>"
                  if self.legend() else "")
        return (f"<div class='layer-check' data-ok='{str(self.ok).lower()}'>"
                f"<b>{html.escape(label('check.title', self.lang, name=self.name))}</b>"
                f"<table style='margin:4px 0'><tr>{head}</tr><tr>{cells}</tr></table>{legend}"
                f"<pre style='white-space:pre-wrap; margin:0'>{html.escape(self.message)}</pre>"
                f"{notes}</div>")


def require_class(kind, layer_class, lang="ja"):
    """A Problem unless layer_class is a class (MulLayer() is passed for MulLayer, say)."""
    if isinstance(layer_class, type):
        return
    instance = hasattr(layer_class, "forward")
    name = type(layer_class).__name__ if instance else kind_spec(kind).reference.__name__
    got = f"{name}()" if instance else type(layer_class).__name__
    raise Problem("not_a_class", label("check.not_a_class", lang, kind=kind, name=name, got=got))


def _on_example(kind, index, lang, function, *args):
    """function(*args) on example `index`; a Problem from an exception in the reader's code
    says first which inputs made it fail."""
    try:
        return function(*args)
    except Problem as problem:
        if problem.key == "exception":
            spec = KINDS[kind]
            problem.message = "\n".join([
                label("check.example", lang, k=index + 1, of=len(spec.examples)),
                example_text(kind, spec.examples[index], lang), problem.message])
        raise


def check_layer(kind, layer_class, lang="ja"):
    """Check the reader's `layer_class` of `kind` against common.layers; a LayerReport.

    kind: "mul", "add", "relu", "sigmoid", "affine" or "softmax_with_loss".
    layer_class: the reader's class, built as the book builds it (Affine(W, b),
    the others with no argument) and used through forward and backward with the
    book's arguments; an Affine's dW and db are read from its attributes.
    """
    spec = kind_spec(kind)
    check_lang(lang)
    name = layer_class.__name__ if isinstance(layer_class, type) else spec.reference.__name__
    statuses = {n: "unchecked" for n in ("forward", *spec.grads)}
    forward = {}  # forward alone, first: judged even when backward is not written yet
    try:
        require_class(kind, layer_class, lang)
        codes = reader_codes(layer_class)
        for index, example in enumerate(spec.examples):
            _, out, _ = _on_example(kind, index, lang, run_forward, kind, layer_class, example,
                                    codes, lang)
            ref = run_reference(kind, example)
            reason = judge(out, ref["forward"])
            if reason and not forward:
                forward["forward"] = Failure(index, reason, ref["forward"], out, ("forward",))
        statuses["forward"] = "wrong" if forward else "ok"
        failures, notes = dict(forward), []
        for index, example in enumerate(spec.examples):
            got, found = _on_example(kind, index, lang, run_reader, kind, layer_class, example,
                                     codes, lang)
            notes += [n for n in found if n not in notes]
            ref = run_reference(kind, example)
            for n, value in got.items():
                reason = judge(value, ref[n])
                if reason and n not in failures:
                    failures[n] = Failure(index, reason, ref[n], value,
                                          hints(kind, n, reason, example, ref, value))
    except Problem as problem:
        message = problem.message
        if forward:  # a wrong forward is said first
            message = _message(kind, forward, lang, grads_checked=False) + "\n" + message
        return LayerReport(kind, name, statuses, message, (), problem.key, lang)
    statuses = {n: "wrong" if n in failures else "ok" for n in statuses}
    return LayerReport(kind, name, statuses, _message(kind, failures, lang),
                       tuple(label(n, lang) for n in notes), "", lang)


# --- the exercise texts -----------------------------------------------------------------------

IMPORTS = {"relu": "import numpy as np\n\n\n", "sigmoid": "import numpy as np\n\n\n",
           "affine": "import numpy as np\n\n\n",
           "softmax_with_loss": "from common.functions import cross_entropy_error, softmax\n\n\n"}
INIT = {"mul": "self.x = None\nself.y = None", "add": "pass", "relu": "self.mask = None",
        "sigmoid": "self.out = None",
        "affine": "self.W = W\nself.b = b\nself.x = None\nself.dW = None\nself.db = None",
        "softmax_with_loss": "self.loss = None\nself.y = None\nself.t = None"}


BACKWARD = {  # the book's backward of each kind, for the forward of the skeleton
    "mul": "dx = dout * self.y\ndy = dout * self.x\nreturn dx, dy",
    "add": "dx = dout * 1\ndy = dout * 1\nreturn dx, dy",
    "relu": "dx = dout.copy()\ndx[self.mask] = 0\nreturn dx",  # the book writes into dout
    "sigmoid": "dx = dout * (1.0 - self.out) * self.out\nreturn dx",
    "affine": "dx = np.dot(dout, self.W.T)\nself.dW = np.dot(self.x.T, dout)\n"
              "self.db = np.sum(dout, axis=0)\nreturn dx",
    "softmax_with_loss": "batch_size = self.t.shape[0]\ndx = (self.y - self.t) / batch_size\n"
                         "return dx",
}

GRADIENT = """def gradient(self, x, t):
    # forward
    {forward}

    # backward
    {backward}

    grads = {{}}
    grads['W1'], grads['b1'] = self.layers['Affine1'].dW, self.layers['Affine1'].db
    grads['W2'], grads['b2'] = self.layers['Affine2'].dW, self.layers['Affine2'].db
    return grads
"""
GRADIENT_FORWARD = "self.loss(x, t)"
GRADIENT_BACKWARD = """dout = 1
    dout = self.lastLayer.backward(dout)

    layers = list(self.layers.values())
    layers.reverse()
    for layer in layers:
        dout = layer.backward(dout)"""


def _indent(code, spaces):
    return code.replace("\n", "\n" + " " * spaces)


def _layer_class(kind, backward):
    """The reader's class of `kind` (named My + the book's name, so that running it never
    replaces the package's layer) in the book's form: the book's __init__ and forward, and
    `backward` as the body of its backward."""
    spec = kind_spec(kind)
    returns = "return self.loss" if kind == "softmax_with_loss" else "return out"
    return (f"{IMPORTS.get(kind, '')}class My{spec.reference.__name__}:\n"
            f"    def {spec.init_signature}:\n        {_indent(INIT[kind], 8)}\n\n"
            f"    def {spec.forward_signature}:\n        {_indent(spec.forward_code, 8)}\n"
            f"        {returns}\n\n"
            f"    def {spec.backward_signature}:\n        {_indent(backward, 8)}\n")


def skeleton(kind, lang="ja"):
    """The code for the reader to complete. For a layer kind: the class with the book's
    __init__ and forward, and a backward that says it is not written yet. For "gradient":
    TwoLayerNet's gradient(self, x, t) without its forward and backward passes."""
    if kind == "gradient":
        return GRADIENT.format(
            forward="# " + label("check.skeleton.forward", lang),
            backward=f"# {label('check.skeleton.backward', lang)}\n    raise NotImplementedError")
    return _layer_class(kind, f"# {label('check.skeleton.todo', lang)}\n"
                              "raise NotImplementedError")


def answer(kind):
    """The answer to reveal, in the book's form: the skeleton's class with the book's backward
    (it gives the gradients of the layer of common.layers), or for "gradient" the book's
    TwoLayerNet.gradient. Either runs as it is (the class is the reader's My... class), or its
    backward pasted into the reader's own."""
    if kind == "gradient":
        return GRADIENT.format(forward=GRADIENT_FORWARD, backward=GRADIENT_BACKWARD)
    kind_spec(kind)
    return _layer_class(kind, BACKWARD[kind])
