"""The checker of the reader's own layers (common/practice/checker.py, graph_check.py) and its
view (common/widgets/checker.py): typical mistakes are named, correct variants pass, the
reader's code never makes the checker raise, and the graph marks the node where the error
enters."""
import linecache
import warnings

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Circle

from common import layers
from common.functions import cross_entropy_error, softmax
from common.graph.drawing import ERROR_COLOR, INHERITED_COLOR
from common.labels import LABELS, fields, label
from common.practice.checker import KINDS, answer, check_layer, skeleton, todo_fields
from common.practice.graph_check import (
    check_affine_graph,
    check_gradient,
    check_purchase_graph,
)
from common.two_layer_net import TwoLayerNet
from common.widgets.checker import answer_widget
from conftest import MISSING_GLYPH, part

REFERENCE = {kind: spec.reference for kind, spec in KINDS.items()}


def hint(key, lang="ja", **fields):
    """The text of a hint label, for finding it in a message."""
    return label(f"check.hint.{key}", lang, **fields)


# --- the reader's classes: base shapes in the book's form -------------------------------------

class Mul:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        return x * y


class Add:
    def forward(self, x, y):
        self.x, self.y = x, y  # some mistakes use them
        return x + y


class ReluBase:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out


class SigmoidBase:
    def __init__(self):
        self.out = None

    def forward(self, x):
        self.x = x
        out = 1 / (1 + np.exp(-x))
        self.out = out
        return out


class AffineBase:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None
        self.dW = None
        self.db = None

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b


class SoftmaxBase:
    def __init__(self):
        self.loss = None
        self.y = None
        self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss


def layer(base, backward):
    """A subclass of `base` with `backward`."""
    return type(base.__name__, (base,), {"backward": backward})


# --- typical mistakes: (kind, class, the wrong gradients, a hint key the message gives) -------

def _affine(dx=None, dW=None, db=None):
    def backward(self, dout):
        self.dW = np.dot(self.x.T, dout) if dW is None else dW(self, dout)
        self.db = np.sum(dout, axis=0) if db is None else db(self, dout)
        return np.dot(dout, self.W.T) if dx is None else dx(self, dout)
    return layer(AffineBase, backward)


def _softmax(dx):
    return layer(SoftmaxBase, lambda self, dout=1: dx(self))


MISTAKES = {
    "mul: inputs not swapped": ("mul", layer(Mul, lambda s, d: (d * s.x, d * s.y)),
                                {"dx", "dy"}, "mul.swapped"),
    "mul: dout forgotten": ("mul", layer(Mul, lambda s, d: (s.y, s.x)), {"dx", "dy"}, "dout"),
    "mul: add's rule": ("mul", layer(Mul, lambda s, d: (d, d)), {"dx", "dy"}, "mul.like_add"),
    "mul: dx twice": ("mul", layer(Mul, lambda s, d: (d * s.y, d * s.y)), {"dy"},
                      "mul.swapped"),
    "add: mul's rule": ("add", layer(Add, lambda s, d: (d * s.y, d * s.x)), {"dx", "dy"},
                        "add.like_mul"),
    "add: dout forgotten": ("add", layer(Add, lambda s, d: (1, 1)), {"dx", "dy"}, "dout"),
    "add: dy dropped": ("add", layer(Add, lambda s, d: (d, 0)), {"dy"}, None),
    "relu: mask inverted": ("relu", layer(ReluBase, lambda s, d: np.where(s.mask, d, 0)),
                            {"dx"}, "relu.inverted"),
    "relu: no mask": ("relu", layer(ReluBase, lambda s, d: d), {"dx"}, "relu.no_mask"),
    "relu: dout forgotten": ("relu", layer(ReluBase, lambda s, d: (~s.mask) * 1.0), {"dx"},
                             "dout"),
    "sigmoid: x instead of y": ("sigmoid", layer(SigmoidBase,
                                                 lambda s, d: d * s.x * (1 - s.x)),
                                {"dx"}, "sigmoid.from_input"),
    "sigmoid: 1 - y only": ("sigmoid", layer(SigmoidBase, lambda s, d: d * (1 - s.out)),
                            {"dx"}, None),
    "sigmoid: y(1 + y)": ("sigmoid", layer(SigmoidBase,
                                           lambda s, d: d * s.out * (1 + s.out)), {"dx"}, None),
    "sigmoid: dout forgotten": ("sigmoid", layer(SigmoidBase,
                                                 lambda s, d: s.out * (1 - s.out)),
                                {"dx"}, "dout"),
    "affine: db averaged": ("affine", _affine(db=lambda s, d: np.mean(d, axis=0)), {"db"},
                            "affine.db_mean"),
    "affine: db not summed": ("affine", _affine(db=lambda s, d: d), {"db"}, "affine.db_sum"),
    "affine: db summed over axis 1": ("affine", _affine(db=lambda s, d: d.sum(axis=1)), {"db"},
                                      "affine.db_axis"),
    "affine: dW transposed": ("affine", _affine(dW=lambda s, d: np.dot(d.T, s.x)), {"dW"},
                              "affine.transpose"),
    "affine: divided by N": ("affine", _affine(dW=lambda s, d: np.dot(s.x.T, d) / len(d)),
                             {"dW"}, "affine.divided"),
    "affine: dout forgotten in dx": ("affine", _affine(dx=lambda s, d: np.dot(np.ones_like(d),
                                                                            s.W.T)),
                                     {"dx"}, "dout"),
    "affine: dW not set": ("affine", _affine(dW=lambda s, d: None), {"dW"}, "set_attr"),
    "softmax: ÷N missing": ("softmax_with_loss", _softmax(lambda s: s.y - s.t), {"dx"},
                            "softmax.batch"),
    "softmax: ÷ classes": ("softmax_with_loss", _softmax(lambda s: (s.y - s.t) / s.t.shape[1]),
                           {"dx"}, "softmax.classes"),
    "softmax: t - y": ("softmax_with_loss", _softmax(lambda s: (s.t - s.y) / len(s.t)), {"dx"},
                       "softmax.sign"),
    "softmax: t forgotten": ("softmax_with_loss", _softmax(lambda s: s.y / len(s.t)), {"dx"},
                             None),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_reference_layers_pass(kind):
    report = check_layer(kind, REFERENCE[kind])
    assert report.ok and report.wrong == frozenset() and not report.problem
    assert set(report.statuses.values()) == {"ok"}
    assert report.message.startswith("正解です")
    assert f"common.layers の {REFERENCE[kind].__name__}" in report.message
    assert "2 つの例の両方で" in report.message  # every kind has two examples
    english = check_layer(kind, REFERENCE[kind], "en").message
    assert english.startswith("Correct: ") and english.endswith(" on both examples.")
    assert "–" not in report.text()  # no legend where nothing is unchecked


def test_the_verdict_counts_the_examples_in_words():
    from common.practice.checker import examples_text
    assert examples_text(2, "ja") == "2 つの例の両方で"
    assert examples_text(3, "ja") == "3 つの例すべてで"
    assert examples_text(2, "en") == "on both examples"
    assert examples_text(3, "en") == "on all 3 examples"
    assert not [k for k in ("check.wrong", "check.wrong_some_right", "check.ok")
                if "Right" in label(k, "en", **dict.fromkeys(fields(k, "en"), "x"))
                or "Wrong" in label(k, "en", **dict.fromkeys(fields(k, "en"), "x"))]


def test_there_are_at_least_20_mistakes_across_the_six_kinds():
    assert len(MISTAKES) >= 20
    assert {kind for kind, *_ in MISTAKES.values()} == set(KINDS)


@pytest.mark.parametrize("name", list(MISTAKES))
def test_a_typical_mistake_is_named_with_its_gradient_and_hint(name):
    kind, cls, wrong, key = MISTAKES[name]
    report = check_layer(kind, cls)
    assert not report.ok and not report.problem
    assert report.wrong == wrong
    assert report.statuses["forward"] == "ok"
    first = report.message.splitlines()[0]
    assert first.startswith(", ".join(n for n in KINDS[kind].grads if n in wrong) + " が違います")
    for n in wrong:
        assert f"正しい {n} = " in report.message and f"あなたの {n} = " in report.message
    assert (hint(key, name=min(wrong)) if key else label(f"check.rule.{kind}")) in report.message


@pytest.mark.parametrize("name", list(MISTAKES))
def test_a_mistake_in_english(name):
    kind, cls, wrong, key = MISTAKES[name]
    report = check_layer(kind, cls, lang="en")
    assert report.wrong == wrong
    assert report.message.startswith("Incorrect: ")
    assert (hint(key, "en", name=min(wrong)) if key else label(f"check.rule.{kind}", "en")) \
        in report.message
    assert not any("\u3040" <= c <= "\u30ff" for c in report.message)  # no kana in English


def test_expected_and_got_are_shown_on_the_smallest_example_where_the_gradient_is_wrong():
    message = check_layer("mul", MISTAKES["mul: inputs not swapped"][1]).message
    assert message.splitlines()[1:9] == [
        "例 1 (2 つのうち):", "  x = 2", "  y = 3", "  dout = 1.5",
        "  正しい dx = 4.5", "  あなたの dx = 3", "  正しい dy = 3", "  あなたの dy = 4.5"]
    # db averaged is right for one row: the batch of three rows shows it
    message = check_layer("affine", MISTAKES["affine: db averaged"][1]).message
    assert "例 2 (2 つのうち):" in message and "例 1 " not in message
    assert "  正しい db = [1.5, 2, 0.5, 0.5]" in message
    assert "  あなたの db = [0.5, 0.6667, 0.1667, 0.1667]" in message
    # a wrong shape is said by the shapes
    message = check_layer("affine", MISTAKES["affine: dW transposed"][1]).message
    assert "正しい dW = 形 (2, 3) の配列" in message and "あなたの dW = 形 (3, 2) の配列" in message


def test_the_examples_leave_no_room_for_mistakes_to_hide():
    for kind, spec in KINDS.items():
        douts = [np.asarray(e.dout, dtype=float) for e in spec.examples]
        if kind != "softmax_with_loss":  # the last layer: its dout is 1
            assert all(np.any(d != 1) for d in douts), kind
        if "x" in spec.examples[0].inputs and kind in ("relu", "sigmoid", "affine"):
            xs = np.concatenate([np.ravel(e.inputs["x"]) for e in spec.examples])
            assert (xs > 0).any() and (xs < 0).any() and not (xs == 0).any(), kind
    for example in KINDS["mul"].examples:
        assert np.all(np.asarray(example.inputs["x"]) != np.asarray(example.inputs["y"]))
    (one, batch) = KINDS["affine"].examples
    assert np.shape(one.inputs["x"])[0] == 1
    n, d = np.shape(batch.inputs["x"])
    assert len({n, d, np.shape(batch.init[0])[1]}) == 3 and n > 1
    n, c = np.shape(KINDS["softmax_with_loss"].examples[1].inputs["t"])
    assert n > 1 and n != c
    for example in KINDS["softmax_with_loss"].examples:  # one-hot, as in the book's text
        assert set(np.unique(example.inputs["t"])) == {0, 1}
        assert np.all(example.inputs["t"].sum(axis=1) == 1)


# --- correct variants: no false alarm ---------------------------------------------------------

class MulList(Mul):
    def backward(self, dout):
        return [np.multiply(dout, self.y), np.multiply(dout, self.x)]


class AddNoTimes(Add):
    def backward(self, dout):
        return dout, dout


class ReluOutOfPlace(ReluBase):
    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx


class ReluFromX:
    def forward(self, x):
        self.x = x
        return np.maximum(0, x)

    def backward(self, dout):
        return dout * (self.x > 0)


class ReluBook(ReluBase):
    def backward(self, dout):
        dout[self.mask] = 0
        dx = dout
        return dx


class SigmoidFromX(SigmoidBase):
    def backward(self, dout):
        y = 1 / (1 + np.exp(-self.x))
        return dout * y * (1 - y)


class SigmoidFloat32(SigmoidBase):
    def backward(self, dout):
        y = self.out.astype(np.float32)
        return (dout.astype(np.float32) * y * (1 - y)).astype(np.float32)


class AffineMatmul(AffineBase):
    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T


class AffineFloat32(AffineBase):
    def __init__(self, W, b):
        super().__init__(W.astype(np.float32), b.astype(np.float32))

    def forward(self, x):
        self.x = x.astype(np.float32)
        return self.x @ self.W + self.b

    def backward(self, dout):
        dout = dout.astype(np.float32)
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T


class SoftmaxDout(SoftmaxBase):
    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        return (self.y - self.t) / batch_size * dout


class SoftmaxBookLog(SoftmaxBase):
    """The book's later cross_entropy_error adds 1e-7 inside the log: a slightly other loss."""

    def forward(self, x, t):
        self.t, self.y = t, softmax(x)
        self.loss = -np.sum(t * np.log(self.y + 1e-7)) / t.shape[0]
        return self.loss

    def backward(self, dout=1):
        return (self.y - self.t) / self.t.shape[0]


@pytest.mark.parametrize("kind, cls", [
    ("mul", MulList), ("add", AddNoTimes), ("relu", ReluOutOfPlace), ("relu", ReluFromX),
    ("relu", ReluBook), ("sigmoid", SigmoidFromX), ("sigmoid", SigmoidFloat32),
    ("affine", AffineMatmul), ("affine", AffineFloat32), ("softmax_with_loss", SoftmaxDout),
    ("softmax_with_loss", SoftmaxBookLog),
])
def test_a_correct_variant_passes(kind, cls):
    report = check_layer(kind, cls)
    assert report.ok, report.text()


def test_writing_into_dout_is_a_note_with_the_books_caveat_not_a_wrong_gradient():
    report = check_layer("relu", ReluBook)
    assert report.ok and report.notes == (label("check.note.dout_in_place"),)
    assert "dout[self.mask] = 0" in report.notes[0] and "分岐" in report.notes[0]
    assert check_layer("relu", ReluOutOfPlace).notes == ()
    assert "Note: backward writes into the dout" in check_layer("relu", ReluBook, "en").notes[0]


# --- the reader's code never makes the checker raise ------------------------------------------

@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_skeleton_gets_the_not_implemented_message(kind, lang):
    namespace = {}
    exec(skeleton(kind, lang), namespace)
    report = check_layer(kind, namespace["My" + REFERENCE[kind].__name__], lang)
    assert report.problem == "not_implemented" and not report.ok
    # the skeleton's forward is right, and says so; the gradients are not checked yet
    assert report.statuses == {"forward": "ok", **dict.fromkeys(KINDS[kind].grads, "unchecked")}
    assert report.wrong == frozenset()
    assert report.message == label("check.not_implemented.backward", lang, method="backward",
                                   **todo_fields(kind, lang))
    section = {"mul": "5.3.2", "add": "5.3.1", "relu": "5.5.1", "sigmoid": "5.5.2",
               "affine": "5.6.2", "softmax_with_loss": "5.6.3"}[kind]
    assert section in report.message and "return dx" in report.message
    # what to write, not the formula: the reader writes that from the section
    assert label(f"check.rule.{kind}", lang) not in report.message
    for formula in ("·", "dout *", "y(1 - y)", "(y - t)", "もう一方", "other input", "mask"):
        assert formula not in report.message, formula
    first = report.text().splitlines()[0]
    assert first.endswith(f"forward ✓  {'  '.join(n + ' –' for n in KINDS[kind].grads)}  "
                          f"({label('check.unchecked', lang, mark='–')})")
    assert label("check.unchecked", lang, mark="–") in report._repr_html_()


def test_a_wrong_forward_is_said_even_when_backward_is_not_written():
    namespace = {}
    exec(skeleton("mul"), namespace)
    cls = namespace["MyMulLayer"]
    cls.forward = lambda self, x, y: x + y
    report = check_layer("mul", cls)
    assert report.statuses == {"forward": "wrong", "dx": "unchecked", "dy": "unchecked"}
    lines = report.message.splitlines()
    assert lines[0] == "forward が違います。"  # not "(dx, dy は正しい)": they are unchecked
    assert "  正しい forward の戻り値 = 6" in lines and "  あなたの forward の戻り値 = 5" in lines
    assert lines[-1].startswith("backward はまだ書かれていません")


def test_a_pass_or_a_forgotten_return_says_what_to_write():
    report = check_layer("mul", layer(Mul, lambda s, d: None))
    assert report.problem == "returns_none"
    assert report.message.startswith("backward が None を返しました")
    report = check_layer("relu", type("Relu", (), {"forward": lambda s, x: None,
                                                    "backward": lambda s, d: d}))
    assert report.problem == "returns_none" and "forward が None を返しました" in report.message

    class ForwardSkeleton:
        def forward(self, x, y):
            raise NotImplementedError

    report = check_layer("mul", ForwardSkeleton)
    assert report.problem == "not_implemented"
    assert report.message.startswith("forward はまだ書かれていません")
    assert label("check.rule.mul.forward") in report.message


def test_a_forgotten_attribute_is_named():
    class NoX:
        def forward(self, x, y):
            self.y = y
            return x * y

        def backward(self, dout):
            return dout * self.y, dout * self.x

    report = check_layer("mul", NoX)
    assert report.problem == "missing_attribute"
    assert "backward の 2 行目が self.x を読みましたが" in report.message
    assert "forward で self.x = ... と入れておきましょう" in report.message

    class NoneX(Mul):
        def forward(self, x, y):
            self.y = y
            return x * y

        def backward(self, dout):
            return dout * self.y, dout * self.x

    report = check_layer("mul", NoneX)
    assert report.problem == "exception" and "NoneType" in report.message
    assert "forward の後も self.x が None のままです" in report.message


def test_an_exception_names_the_method_and_the_line_of_the_readers_code():
    class AffineNoTranspose(AffineBase):
        def backward(self, dout):
            self.dW = np.dot(self.x.T, dout)
            self.db = np.sum(dout, axis=0)
            dx = np.dot(dout, self.W)
            return dx

    report = check_layer("affine", AffineNoTranspose)
    assert report.problem == "exception"
    lines = report.message.splitlines()
    at = lines.index("backward の 4 行目でエラーになりました:")
    assert lines[at + 1] == "    dx = np.dot(dout, self.W)"
    assert lines[at + 2].startswith("ValueError: shapes (1,3) and (2,3) not aligned")
    assert lines[0] == "例 1 (2 つのうち):" and lines[1] == "  W = [[0.1, -0.3, 0.5],"
    assert hint("affine.shapes") in report.message
    assert "test_checker.py" not in report.message  # no file path, only the method's line


def test_an_exception_in_code_without_a_source_file_still_names_the_line():
    """A class typed in a notebook cell may have no file inspect can read: the line number
    within the method is enough."""
    source = ("class Relu:\n"
              "    def forward(self, x):\n"
              "        self.mask = x <= 0\n"
              "        return np.maximum(x, 0)\n"
              "    def backward(self, dout):\n"
              "        dx = dout\n"
              "        dx[self.mask] = undefined_name\n"
              "        return dx\n")
    namespace = {"np": np}
    exec(compile(source, "<cell without source>", "exec"), namespace)
    assert not linecache.getline("<cell without source>", 7)
    report = check_layer("relu", namespace["Relu"])
    assert report.problem == "exception"
    assert "backward の 3 行目でエラーになりました: NameError" in report.message


def test_a_missing_import_gets_the_import_to_run():
    class NoNumpy(ReluBase):
        def backward(self, dout):
            return nmp.where(self.mask, 0, dout)  # noqa: F821

    report = check_layer("relu", NoNumpy)
    assert report.problem == "exception" and "NameError" in report.message
    assert "import" not in report.message  # not a name the book imports: no guess

    namespace = {}
    exec("class Relu:\n"
         "    def forward(self, x):\n"
         "        self.x = x\n"
         "        return x * (x > 0)\n"
         "    def backward(self, dout):\n"
         "        return np.where(self.x > 0, dout, 0)\n", namespace)
    report = check_layer("relu", namespace["Relu"])
    assert "先に import numpy as np を実行しましょう" in report.message

    namespace = {"softmax": softmax}
    exec("class S:\n"
         "    def forward(self, x, t):\n"
         "        self.t, self.y = t, softmax(x)\n"
         "        return cross_entropy_error(self.y, t)\n"
         "    def backward(self, dout=1):\n"
         "        return (self.y - self.t) / len(self.t)\n", namespace)
    report = check_layer("softmax_with_loss", namespace["S"])
    assert "先に from common.functions import cross_entropy_error を実行しましょう" in \
        report.message


@pytest.mark.parametrize("cls, key, words", [
    (type("M", (), {"forward": lambda self, x, y: x * y, "backward": lambda self: 0}),
     "signature", "本では def backward(self, dout): です"),
    (type("M", (), {"forward": lambda self, x, y: x * y}), "missing_method",
     "M に backward がありません"),
    (type("M", (), {"forward": lambda self, x, y: x * y, "backward": lambda self, d: d * 2}),
     "count", "あなたの backward が返したのは 1 つの値 3"),
    (type("M", (), {"forward": lambda self, x, y: x * y,
                    "backward": lambda self, d: (d, d, d)}), "count", "3 個の値"),
    (layers.MulLayer(), "not_a_class", 'check_layer("mul", MulLayer)'),
    (None, "not_a_class", "渡されたのは NoneType です"),
])
def test_other_problems_get_a_message(cls, key, words):
    report = check_layer("mul", cls)
    assert report.problem == key and words in report.message, report.message


def test_an_affine_whose_constructor_differs_from_the_books():
    report = check_layer("affine", type("Affine", (), {"__init__": lambda self: None}))
    assert report.problem == "signature" and "def __init__(self, W, b):" in report.message


@pytest.mark.parametrize("returned", [
    "text", {"dx": 1}, [1, [2, 3]], np.zeros((2, 3)), float("nan"), np.array([1.0]),
])
def test_odd_return_values_are_judged_not_raised(returned):
    cls = type("Relu", (ReluBase,), {"backward": lambda self, dout: returned})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = check_layer("relu", cls)
    assert not report.ok and report.wrong == {"dx"} and not report.problem
    assert "正しい dx" in report.message


class Hostile:
    """A value that refuses to become a number."""

    def __array__(self, *args, **kwargs):
        raise RuntimeError("no array")

    def __float__(self):
        raise RuntimeError("no float")


class AffineHostile(AffineBase):
    dW = property(lambda self: 1 / 0)  # reading self.dW fails

    def __init__(self, W, b):
        self.W, self.b = W, b

    def __getattr__(self, name):
        raise KeyError(name)

    def backward(self, dout):
        self.db = np.sum(dout, axis=0)
        return np.dot(dout, self.W.T)


def test_hostile_values_give_a_report_not_an_exception():
    report = check_layer("mul", layer(Mul, lambda s, d: np.array(3.0)))
    assert report.problem == "count"
    report = check_layer("relu", layer(ReluBase, lambda s, d: Hostile()))
    assert report.wrong == {"dx"} and "Hostile (数でも配列でもない)" in report.message
    report = check_layer("sigmoid", type("S", (), {"forward": lambda s, x: (v for v in x),
                                                  "backward": lambda s, d: d}))
    assert report.statuses["forward"] == "wrong"
    report = check_layer("affine", AffineHostile)
    assert report.wrong == {"dW"} and hint("set_attr", name="dW") in report.message
    report = check_gradient(lambda self, x, t: {"W1": Hostile(), "b1": None})
    assert report.nodes == ("loss",) and not report.problem  # no backward was called at all
    assert report.graph.edge("W1", "affine1").grad == "∂L/∂W1 Hostile"
    assert "backward を呼んだ順: (1 度も呼ばれていません)" in report.message
    assert label("check.loop.hint.no_last_layer") in report.message
    report.png()


def test_a_wrong_forward_is_shown_before_the_gradients():
    cls = type("Add", (), {"forward": lambda self, x, y: x * y,
                           "backward": lambda self, d: (d, d)})
    report = check_layer("add", cls)
    assert report.statuses == {"forward": "wrong", "dx": "ok", "dy": "ok"}
    assert not report.ok and report.wrong == frozenset()
    assert "正しい forward の戻り値 = 5" in report.message
    assert label("check.rule.add.forward") in report.message


def test_the_report_shows_a_table_of_marks_and_the_message():
    report = check_layer("mul", MISTAKES["mul: inputs not swapped"][1])
    assert report.text().splitlines()[0] == "Mul の確認: forward ✓  dx ✗  dy ✗"
    assert repr(report) == report.text()
    page = report._repr_html_()
    assert page.count("<th") == 3 and page.count("✓") == 1 and page.count("✗") == 2
    assert "data-ok='false'" in page and "入れ替えて" in page
    assert "data-ok='true'" in check_layer("mul", layers.MulLayer)._repr_html_()


def test_unknown_kinds_are_refused_clearly():
    with pytest.raises(ValueError, match="unknown kind 'conv'.*'mul'"):
        check_layer("conv", layers.MulLayer)
    with pytest.raises(ValueError, match="lang must be one of"):
        check_layer("mul", layers.MulLayer, lang="fr")


def test_reader_code_in_a_notebook_cell():
    """Classes typed in IPython cells: the message quotes the line of the cell."""
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    try:
        shell.run_cell("import numpy as np\n"
                       "class Sigmoid:\n"
                       "    def forward(self, x):\n"
                       "        self.out = 1 / (1 + np.exp(-x))\n"
                       "        return self.out\n"
                       "    def backward(self, dout):\n"
                       "        return dout * (1.0 - self.out) * self.outt\n")
        shell.run_cell("from common.practice.checker import check_layer\n"
                       "report = check_layer('sigmoid', Sigmoid)")
        report = shell.user_ns["report"]
    finally:
        InteractiveShell.clear_instance()
    assert report.problem == "missing_attribute"
    assert "backward の 2 行目が self.outt を読みましたが" in report.message


# --- the exercise texts -------------------------------------------------------------------------

@pytest.mark.parametrize("kind", [*KINDS, "gradient"])
def test_skeletons_and_answers(kind):
    for lang in ("ja", "en"):
        code = skeleton(kind, lang)
        compile(code, "<skeleton>", "exec")
        assert "raise NotImplementedError" in code
    assert ("ここを書く" in skeleton(kind)) and ("write this" in skeleton(kind, "en"))
    source = answer(kind)
    compile(source, "<answer>", "exec")
    # the book's form: nothing of the project's own machinery
    for word in ("check_forward", "__repr__", '"""', "need_dx", "reshape", "check_input"):
        assert word not in source, word
    if kind == "gradient":
        assert source.startswith("def gradient(self, x, t):") and "layers.reverse()" in source
    else:
        # named as the reader's class: running it never replaces the package's layer
        assert f"class My{REFERENCE[kind].__name__}:" in source


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_revealed_answer_runs_as_it_is_and_pasted_into_the_readers_class(kind):
    name = "My" + REFERENCE[kind].__name__
    namespace = {}
    exec(answer(kind), namespace)
    assert check_layer(kind, namespace[name]).ok
    assert REFERENCE[kind].__name__ not in namespace  # the package's name is left alone
    # or its backward alone pasted over the skeleton's
    skeleton_lines = skeleton(kind).split("    def backward")[0]
    backward = "    def backward" + answer(kind).split("    def backward")[1]
    namespace = {}
    exec(skeleton_lines + backward, namespace)
    assert check_layer(kind, namespace[name]).ok


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_answers_backward_gives_the_gradients_of_common_layers(kind):
    namespace = {}
    exec(answer(kind), namespace)
    rng = np.random.default_rng(7)
    for example in KINDS[kind].examples:
        ours, book = (cls(*example.init) for cls in (REFERENCE[kind], namespace[
            "My" + REFERENCE[kind].__name__]))
        inputs = {k: v + (rng.normal(size=np.shape(v)) if k != "t" else 0)
                  for k, v in example.inputs.items()}
        dout = example.dout if kind == "softmax_with_loss" else \
            rng.normal(size=np.shape(example.dout))
        for layer in (ours, book):
            layer.forward(*inputs.values())
        a, b = ours.backward(dout), book.backward(dout)
        for x, y in zip(np.atleast_1d(a) if kind in ("mul", "add") else [a],
                        np.atleast_1d(b) if kind in ("mul", "add") else [b], strict=True):
            np.testing.assert_allclose(x, y, rtol=1e-12)
        if kind == "affine":
            np.testing.assert_allclose(ours.dW, book.dW, rtol=1e-12)
            np.testing.assert_allclose(ours.db, book.db, rtol=1e-12)


def test_the_revealed_gradient_is_the_books_and_passes():
    namespace = {}
    exec(answer("gradient"), namespace)
    assert check_gradient(namespace["gradient"]).ok


def test_the_answer_widget_reveals_the_source_on_request():
    view = answer_widget("affine")
    shown = part(view, "checker-answer")
    assert shown.value == ""
    view.controls["reveal"].click()
    assert "class MyAffine" in shown.value and "self.db = np.sum(dout, axis=0)" in shown.value
    assert "common.layers.Affine と同じ勾配" in shown.value
    view = answer_widget("gradient", "en")
    view.controls["reveal"].click()
    assert "gradients of common.two_layer_net.TwoLayerNet.gradient" in part(
        view, "checker-answer").value
    with pytest.raises(ValueError, match="unknown kind 'conv'"):
        answer_widget("conv")


# --- the purchase graph -------------------------------------------------------------------------

class MulSwapped(Mul):
    def backward(self, dout):
        return dout * self.x, dout * self.y


class AddDropsDy(Add):
    def backward(self, dout):
        return dout, 0


def test_the_purchase_graph_of_the_reference_layers_is_all_right():
    report = check_purchase_graph(layers.MulLayer, layers.AddLayer)
    assert report.ok and report.nodes == () and not report.problem
    assert report.message == label("check.graph.ok", n=9)
    assert report.graph.edge("apple", "mul_apple").grad == pytest.approx(2.2)


def test_a_wrong_mul_layer_enters_at_the_tax_node_and_is_inherited_below():
    report = check_purchase_graph(MulSwapped, layers.AddLayer)
    assert not report.ok and report.nodes == ("mul_tax",)
    assert report.edges("wrong") == [("add", "mul_tax"), ("tax", "mul_tax")]
    assert set(report.edges("inherited")) == {
        ("apple", "mul_apple"), ("apple_num", "mul_apple"), ("orange", "mul_orange"),
        ("orange_num", "mul_orange"), ("mul_apple", "add"), ("mul_orange", "add")}
    lines = report.message.splitlines()
    assert lines[:3] == [
        "誤りが入るのは消費税の × ノードです: 上流から正しい勾配 1 を受け取ったのに、"
        "下流への勾配が違います。",
        "  税抜きの合計金額の勾配: 正しくは 1.1、あなたの値は 650",
        "  消費税の勾配: 正しくは 650、あなたの値は 1.1"]
    assert lines[3].startswith("その下流のリンゴの値段の勾配、リンゴの個数の勾配、")
    assert "、みかんの金額の勾配は、この誤りを引き継いでいます" in lines[3]
    assert hint("mul.swapped") in report.message
    assert "(リンゴの × ノード、みかんの × ノードも、正しい上流の勾配を与えて" in report.message
    english = check_purchase_graph(MulSwapped, layers.AddLayer, "en").message.splitlines()
    assert english[3] == (
        "Downstream, the gradients of the apple price, the apple count, the orange price, the"
        " orange count, the apples' cost and the oranges' cost carry this error on (no new"
        " error enters there).")
    assert english[-1] == ("(Given the correct upstream gradient, the apples' × node and the"
                           " oranges' × node would give incorrect gradients too: the same"
                           " class is at work there.)")
    wrong = report.graph.edge("add", "mul_tax").grad
    assert wrong == "✗ 650\n(正しくは 1.1)"


def test_the_apple_graph_needs_only_the_mul_layer():
    assert check_purchase_graph(layers.MulLayer).ok
    report = check_purchase_graph(MulSwapped)
    assert report.nodes == ("mul_tax",)
    assert report.edges("wrong") == [("mul_apple", "mul_tax"), ("tax", "mul_tax")]
    assert set(report.edges("inherited")) == {("apple", "mul_apple"), ("apple_num", "mul_apple")}
    assert "  リンゴの金額の勾配: 正しくは 1.1、あなたの値は 200" in report.message
    assert report.graph.title == "MulSwapped による逆伝播: リンゴの買い物"  # neutral: whoever's
    one = check_purchase_graph(MulSwapped, lang="en").message.splitlines()
    assert one[3] == ("Downstream, the gradients of the apple price and the apple count carry"
                      " this error on (no new error enters there).")


def test_a_wrong_add_layer_enters_at_the_add_node():
    report = check_purchase_graph(layers.MulLayer, AddDropsDy)
    assert report.nodes == ("add",)
    assert report.edges("wrong") == [("mul_orange", "add")]
    assert set(report.edges("inherited")) == {("orange", "mul_orange"),
                                              ("orange_num", "mul_orange")}
    assert report.graph.edge("apple", "mul_apple").grad == pytest.approx(2.2)  # still right
    assert "リンゴの × ノード も" not in report.message  # MulLayer is right on its own
    report = check_purchase_graph(layers.MulLayer, MISTAKES["add: mul's rule"][1], "en")
    assert report.nodes == ("add",)
    assert report.message.startswith("The error enters at the + node:")
    assert hint("add.like_mul", "en") in report.message


def test_both_languages_give_the_right_value_before_the_readers():
    """The editions of a notebook print the same numbers in the same order."""
    import re
    number = re.compile(r"-?\d+(?:\.\d+)?")
    report = check_purchase_graph(MulSwapped, layers.AddLayer)
    english = check_purchase_graph(MulSwapped, layers.AddLayer, "en")
    assert "  the gradient of the total before tax: should be 1.1, yours is 650" in english.message
    assert number.findall(report.message) == number.findall(english.message)
    cls = type("AddLayer", (), {"forward": lambda self, x, y: x - y,
                                "backward": lambda self, d: (d, d)})
    ja, en = (check_purchase_graph(layers.MulLayer, cls, lang).message for lang in ("ja", "en"))
    assert en.startswith("At the + node, AddLayer.forward should return 650, but yours "
                         "returns -250.")
    assert number.findall(ja) == number.findall(en)


def test_the_picture_marks_the_node_and_colours_the_edges():
    report = check_purchase_graph(MulSwapped, layers.AddLayer)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", MISSING_GLYPH)
        fig = report.figure()
        fig.canvas.draw()
    ax = fig.axes[0]
    texts = {t.get_text(): t for t in ax.texts}
    assert to_hex(texts["✗ 650\n(正しくは 1.1)"].get_color()) == ERROR_COLOR
    assert to_hex(texts["1300"].get_color()) == INHERITED_COLOR  # the apple count's gradient
    rings = [p for p in ax.patches if isinstance(p, Circle) and p.get_visible()
             and to_hex(p.get_edgecolor()) == ERROR_COLOR]
    assert len(rings) == 1 and tuple(rings[0].center) == report.graph.nodes["mul_tax"].xy
    assert report.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_report_shows_the_picture_and_then_the_message(monkeypatch):
    shown = []
    import IPython.display
    monkeypatch.setattr(IPython.display, "display", lambda data, raw: shown.append(data))
    check_purchase_graph(MulSwapped, layers.AddLayer)._ipython_display_()
    assert [sorted(d) for d in shown] == [["image/png", "text/plain"],
                                          ["text/html", "text/plain"]]
    assert shown[0]["text/plain"] == label("check.graph.title.purchase", mul="MulSwapped",
                                           add="AddLayer")
    assert "data-nodes='mul_tax'" in shown[1]["text/html"]


def test_the_purchase_graph_of_a_skeleton_or_a_wrong_forward_says_what_to_do_first():
    namespace = {}
    exec(skeleton("mul"), namespace)
    report = check_purchase_graph(namespace["MyMulLayer"], layers.AddLayer)
    assert report.problem == "not_implemented" and report.graph is None
    assert report.figure() is None and report.png() is None
    assert report.message == label("check.not_implemented.backward", method="MyMulLayer.backward",
                                   **todo_fields("mul", "ja"))
    assert "·" not in report.message and "もう一方" not in report.message
    cls = type("AddLayer", (), {"forward": lambda self, x, y: x - y,
                                "backward": lambda self, d: (d, d)})
    report = check_purchase_graph(layers.MulLayer, cls)
    assert report.problem == "forward"
    assert report.message.startswith("+ ノードで AddLayer.forward の戻り値が違います")
    assert 'check_layer("add", AddLayer)' in report.message
    assert check_purchase_graph(layers.MulLayer(), layers.AddLayer).problem == "not_a_class"


# --- the Affine graph ---------------------------------------------------------------------------

def test_the_affine_graph_places_db_on_the_bias_node_and_dw_on_the_dot_node():
    assert check_affine_graph(layers.Affine).ok
    report = check_affine_graph(MISTAKES["affine: db averaged"][1])
    assert report.nodes == ("add",) and report.edges("wrong") == [("b", "add")]
    assert report.edges("inherited") == []
    assert "∂L/∂b: 正しくは [1.5, 2, 0.5, 0.5]、あなたの値は [0.5, 0.6667, 0.1667, 0.1667]" in \
        report.message
    assert hint("affine.db_mean") in report.message
    report = check_affine_graph(MISTAKES["affine: dW transposed"][1], "en")
    assert report.nodes == ("dot",) and report.edges("wrong") == [("W", "dot")]
    assert "∂L/∂W: should be an array of shape (2, 4), yours is an array of shape (4, 2)" in \
        report.message
    assert report.graph.edge("W", "dot").grad == "∂L/∂W ✗ (4, 2)\n(should be (2, 4))"
    report = check_affine_graph(MISTAKES["affine: dout forgotten in dx"][1])
    assert report.nodes == ("dot",) and report.edges("wrong") == [("X", "dot")]


# --- the gradient loop of TwoLayerNet -------------------------------------------------------------

def book_gradient(self, x, t):
    # forward
    self.loss(x, t)

    # backward
    dout = 1
    dout = self.lastLayer.backward(dout)

    layers = list(self.layers.values())
    layers.reverse()
    for layer in layers:
        dout = layer.backward(dout)

    grads = {}
    grads['W1'], grads['b1'] = self.layers['Affine1'].dW, self.layers['Affine1'].db
    grads['W2'], grads['b2'] = self.layers['Affine2'].dW, self.layers['Affine2'].db
    return grads


def not_reversed(self, x, t):
    self.loss(x, t)
    dout = self.lastLayer.backward(1)
    for layer in self.layers.values():
        dout = layer.backward(dout)
    return {'W1': self.layers['Affine1'].dW, 'b1': self.layers['Affine1'].db,
            'W2': self.layers['Affine2'].dW, 'b2': self.layers['Affine2'].db}


def no_forward(self, x, t):
    dout = self.lastLayer.backward(1)
    for layer in reversed(list(self.layers.values())):
        dout = layer.backward(dout)
    return {'W1': self.layers['Affine1'].dW, 'b1': self.layers['Affine1'].db,
            'W2': self.layers['Affine2'].dW, 'b2': self.layers['Affine2'].db}


def not_chained(self, x, t):
    self.loss(x, t)
    dout = self.lastLayer.backward(1)
    for layer in reversed(list(self.layers.values())):
        layer.backward(dout)
    return {'W1': self.layers['Affine1'].dW, 'b1': self.layers['Affine1'].db,
            'W2': self.layers['Affine2'].dW, 'b2': self.layers['Affine2'].db}


def keys_swapped(self, x, t):
    grads = book_gradient(self, x, t)
    grads['W1'], grads['W2'] = grads['W2'], grads['W1']
    return grads


class BookNet(TwoLayerNet):
    gradient = book_gradient


@pytest.mark.parametrize("gradient", [book_gradient, TwoLayerNet.gradient, BookNet])
def test_a_right_gradient_loop_passes(gradient):
    report = check_gradient(gradient)
    assert report.ok and report.nodes == () and report.message == label("check.graph.ok", n=8)


def test_layers_not_reversed_mark_affine2_the_first_layer_whose_gradient_is_wrong():
    report = check_gradient(not_reversed)
    assert report.nodes == ("affine2",) and report.problem == "exception" and not report.ok
    assert set(report.edges("wrong")) == {("relu", "affine2"), ("W2", "affine2"),
                                          ("b2", "affine2")}
    assert set(report.edges("inherited")) == {("affine1", "relu"), ("W1", "affine1"),
                                              ("b1", "affine1")}
    lines = report.message.splitlines()
    assert lines[0] == "not_reversed の 5 行目でエラーになりました:"
    assert lines[1] == "    dout = layer.backward(dout)"
    assert "出力側から数えて、下流への勾配が最初に違うのは Affine2 です" in report.message
    assert "あなたの gradient が backward を呼んだ順: lastLayer → Affine1" in report.message
    assert label("check.loop.hint.not_reversed") in report.message
    assert "grads['" not in report.message.split("ヒント:")[1]  # no false hint about keys


def test_no_forward_pass_marks_the_loss_layer():
    report = check_gradient(no_forward)
    assert report.nodes == ("loss",) and report.edges("wrong") == [("affine2", "loss")]
    assert "called before forward" in report.message
    assert label("check.loop.hint.no_forward") in report.message
    report = check_gradient(no_forward, "en")
    assert "Counting from the output side, the first layer whose downstream gradient is" \
        " incorrect is lastLayer" in report.message
    assert label("check.loop.hint.no_forward", "en") in report.message


def predict_only(self, x, t):
    self.predict(x)  # the scores, but no loss: lastLayer has not run forward
    return book_gradient_without_forward(self)


def book_gradient_without_forward(self):
    dout = self.lastLayer.backward(1)
    for layer in reversed(list(self.layers.values())):
        dout = layer.backward(dout)
    return {'W1': self.layers['Affine1'].dW, 'b1': self.layers['Affine1'].db,
            'W2': self.layers['Affine2'].dW, 'b2': self.layers['Affine2'].db}


def test_predict_instead_of_loss_gets_the_hint_of_a_missing_forward_pass():
    report = check_gradient(predict_only)
    assert report.problem == "exception" and report.nodes == ("loss",)
    assert "SoftmaxWithLoss.backward called before forward" in report.message
    assert label("check.loop.hint.no_forward") in report.message
    assert label("check.loop.hint.no_forward", "en") in check_gradient(predict_only, "en").message


def test_other_loop_mistakes():
    report = check_gradient(not_chained)
    assert report.nodes == ("relu",)
    assert label("check.loop.hint.not_chained") in report.message
    report = check_gradient(keys_swapped)
    assert report.nodes == ("affine2", "affine1")
    assert "grads['W1'] には self.layers['Affine1'].dW を入れます" in report.message
    namespace = {}
    exec(skeleton("gradient"), namespace)
    report = check_gradient(namespace["gradient"])
    assert report.problem == "not_implemented" and report.graph is None
    assert report.message == label("check.loop.not_implemented")
    for lang in ("ja", "en"):  # what to write, not the code: neither self.loss nor "return grads"
        text = label("check.loop.not_implemented", lang)
        assert "self.loss" not in text and "grads" not in text
    assert check_gradient(lambda self, x: 0).problem == "signature"
    assert check_gradient(lambda self, x, t: None).problem == "returns_none"

    def fails_at_the_end(self, x, t):
        book_gradient(self, x, t)
        return grads_not_defined  # noqa: F821

    report = check_gradient(fails_at_the_end)  # every layer right, but gradient fails
    assert report.nodes == () and report.problem == "exception" and not report.ok
    assert "fails_at_the_end の 3 行目でエラーになりました" in report.message
    assert check_gradient(layers.Affine).problem == "not_a_function"
    assert check_gradient("gradient").problem == "not_a_function"


def test_every_label_of_the_checker_is_in_both_tables_with_the_same_fields():
    keys = {k for k in LABELS["ja"] if k.startswith("check.")}
    assert len(keys) > 80 and keys == {k for k in LABELS["en"] if k.startswith("check.")}
    for key in keys:
        assert fields(key, "ja") == fields(key, "en"), key


def test_the_benchmark_prints_the_time_of_every_check():
    import subprocess
    import sys
    from pathlib import Path
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "check_times.py"
    result = subprocess.run([sys.executable, str(script), "--repeat", "1"], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["check", "first", "ms"]
    names = [line[:34].strip() for line in lines[1:-1]]
    assert [n for n in names if n.startswith("check_layer:")][:6] == [
        f"check_layer:{kind}" for kind in KINDS]
    assert "gradient:not reversed +png" in names
    for line in lines[1:-1]:
        first, median = (float(v) for v in line[34:].split()[:2])
        assert first > 0 and median > 0, line
    worst = float(lines[-1].removeprefix("worst_ms="))
    assert 0 < worst < 30000  # a sanity bound only: the figures are what the script is for
