"""The logic behind the widgets of common/widgets.py, as plain functions.

Numbers in, numbers out: every function here runs the real layers of
common/layers.py, so a widget shows exactly what the layers compute. Each can be
called directly in a notebook or a test; none needs a browser.
"""
import numbers
import re
import threading
import time

import numpy as np

from common.gradient import gradient_check
from common.labels import LabelledError, check_lang, label
from common.layers import AddLayer, Affine, MulLayer, Relu, Sigmoid, SoftmaxWithLoss
from common.training import (
    History,
    TrainingDiverged,
    chance_level_warning,
    check_data,
    is_count,
    train,
)
from common.two_layer_net import TwoLayerNet

# --- 5.4 apple and orange -------------------------------------------------------------

APPLE_NAMES = ("price", "dApple", "dApple_num", "dTax")
APPLE_ORANGE_NAMES = ("price", "dApple", "dApple_num", "dOrange", "dOrange_num", "dTax")


def apple_values(apple=100, apple_num=2, tax=1.1):
    """Forward and backward of the apple purchase (5.4.1) with MulLayer objects.

    Returns {"price", "dApple", "dApple_num", "dTax"}: the price and its
    derivatives with respect to each input.
    """
    mul_apple_layer = MulLayer()
    mul_tax_layer = MulLayer()
    apple_price = mul_apple_layer.forward(apple, apple_num)
    price = mul_tax_layer.forward(apple_price, tax)
    dapple_price, dtax = mul_tax_layer.backward(1)
    dapple, dapple_num = mul_apple_layer.backward(dapple_price)
    return {"price": price, "dApple": dapple, "dApple_num": dapple_num, "dTax": dtax}


def apple_orange_values(apple=100, apple_num=2, orange=150, orange_num=3, tax=1.1):
    """Forward and backward of the apple and orange purchase (5.4.2).

    Uses MulLayer and AddLayer objects. Returns {"price", "dApple", "dApple_num",
    "dOrange", "dOrange_num", "dTax"}.
    """
    mul_apple_layer = MulLayer()
    mul_orange_layer = MulLayer()
    add_apple_orange_layer = AddLayer()
    mul_tax_layer = MulLayer()
    apple_price = mul_apple_layer.forward(apple, apple_num)
    orange_price = mul_orange_layer.forward(orange, orange_num)
    all_price = add_apple_orange_layer.forward(apple_price, orange_price)
    price = mul_tax_layer.forward(all_price, tax)
    dall_price, dtax = mul_tax_layer.backward(1)
    dapple_price, dorange_price = add_apple_orange_layer.backward(dall_price)
    dorange, dorange_num = mul_orange_layer.backward(dorange_price)
    dapple, dapple_num = mul_apple_layer.backward(dapple_price)
    return {"price": price, "dApple": dapple, "dApple_num": dapple_num,
            "dOrange": dorange, "dOrange_num": dorange_num, "dTax": dtax}


def format_number(value, digits=10):
    """A number as a reader writes it: 220 rather than 220.00000000000003, 2.2, 111.1.

    Rounds to `digits` decimals (hiding floating-point noise such as
    1.1 * 3 = 3.3000000000000003) and drops a trailing ".0".
    """
    value = round(float(value), digits)
    if value.is_integer():
        return str(int(value))
    return repr(value)


def format_values(values, names=None):
    """Lines "name: value" in the book's print format (``price: 715``, ``dApple: 2.2``)."""
    names = values.keys() if names is None else names
    return "\n".join(f"{name}: {format_number(values[name])}" for name in names)


# --- 5.5 activation layers --------------------------------------------------------------

ACTIVATIONS = {"ReLU": Relu, "Sigmoid": Sigmoid}


def _activation_layer(kind):
    try:
        return ACTIVATIONS[kind]()
    except KeyError:
        raise ValueError(
            f"unknown activation {kind!r}: choose one of {', '.join(ACTIVATIONS)}") from None


def activation_values(kind, x, dout=1.0):
    """One scalar through the Relu or Sigmoid layer, forward then backward.

    kind: "ReLU" or "Sigmoid".  Returns {"y", "local_grad", "dx"} as floats, with
    local_grad = dy/dx (backward of 1) and dx = dout * local_grad (backward of dout).
    Finite for any finite x.
    """
    layer = _activation_layer(kind)
    y = layer.forward(np.array([float(x)]))
    local_grad = layer.backward(np.ones(1))
    dx = layer.backward(np.array([float(dout)]))
    return {"y": float(y[0]), "local_grad": float(local_grad[0]), "dx": float(dx[0])}


def activation_curve(kind, x, half_width=6.0, n=241):
    """Points to plot the activation around x and its tangent at x.

    Returns (xs (n,), ys (n,), tangent (n,)): the curve on
    [min(-half_width, x - 1), max(half_width, x + 1)] and the tangent line
    y(x) + local_grad * (xs - x), both from the real layer.
    """
    lo = min(-half_width, float(x) - 1.0)
    hi = max(half_width, float(x) + 1.0)
    xs = np.linspace(lo, hi, n)
    ys = _activation_layer(kind).forward(xs)
    point = activation_values(kind, x)
    tangent = point["y"] + point["local_grad"] * (xs - float(x))
    return xs, ys, tangent


# --- 5.6 Affine and Softmax-with-Loss ----------------------------------------------------------

def softmax_values(logits, label):
    """One sample through SoftmaxWithLoss, forward and backward.

    logits: (C,) scores; label: the true class, 0 <= label < C.  Returns
    {"y" (C,) probabilities, "t" (C,) one-hot target, "dx" (C,) = y - t, "loss"}.
    """
    x = np.asarray(logits, dtype=float).reshape(1, -1)
    classes = x.shape[1]
    if classes < 2:
        raise ValueError(f"softmax needs at least 2 logits, got {classes}")
    if not (isinstance(label, (int, np.integer)) and 0 <= label < classes):
        raise ValueError(f"label must be a class index from 0 to {classes - 1}, got {label!r}")
    t = np.zeros_like(x)
    t[0, label] = 1.0
    layer = SoftmaxWithLoss()
    loss = layer.forward(x, t)
    dx = layer.backward(1)  # (y - t) / N with N = 1
    return {"y": layer.y[0], "t": t[0], "dx": dx[0], "loss": float(loss)}


def parse_matrix(text, name="matrix"):
    """A 2-D float array from text: rows on separate lines (or split by ';'),
    entries split by spaces or commas.  "1 2; 3 4" -> [[1, 2], [3, 4]].

    Raises a ValueError (a common.labels.LabelledError, which a widget shows in
    its language) naming `name` and what to fix for an empty entry list, a
    non-number or rows of unequal length.
    """
    rows = [row for row in re.split(r"[;\n]", str(text)) if row.strip()]
    if not rows:
        raise LabelledError("error.matrix.empty", name=name)
    matrix = []
    for r, row in enumerate(rows, start=1):
        entries = [e for e in re.split(r"[,\s]+", row.strip()) if e]
        values = []
        for entry in entries:
            try:
                values.append(float(entry))
            except ValueError:
                raise LabelledError("error.matrix.not_a_number", name=name, row=r,
                                    entry=repr(entry)) from None
        if not np.all(np.isfinite(values)):
            raise LabelledError("error.matrix.not_finite", name=name, row=r)
        if matrix and len(values) != len(matrix[0]):
            raise LabelledError("error.matrix.ragged", name=name, row=r, count=len(values),
                                first=len(matrix[0]))
        matrix.append(values)
    return np.array(matrix)


def affine_values(X, W, b, dout):
    """An Affine layer forward (Y = X·W + b) and backward, with shape checks.

    X: (N, D), W: (D, M), b: (M,) or (1, M), dout: (N, M).  Returns {"Y" (N, M),
    "dX" (N, D), "dW" (D, M), "db" (M,)}. Raises a ValueError (LabelledError)
    naming the mismatch.
    """
    X, W, dout = (np.asarray(a, dtype=float) for a in (X, W, dout))
    b = np.asarray(b, dtype=float)
    if X.ndim != 2 or W.ndim != 2 or dout.ndim != 2:
        raise LabelledError("error.affine.not_matrices")
    if b.ndim == 2 and b.shape[0] == 1:
        b = b[0]
    if X.shape[1] != W.shape[0]:
        raise LabelledError("error.affine.inner", cols=X.shape[1], rows=W.shape[0], x=X.shape,
                            w=W.shape)
    if b.shape != (W.shape[1],):
        raise LabelledError("error.affine.bias", m=W.shape[1], shape=b.shape)
    if dout.shape != (X.shape[0], W.shape[1]):
        raise LabelledError("error.affine.dout", shape=(X.shape[0], W.shape[1]), got=dout.shape)
    layer = Affine(W, b)
    Y = layer.forward(X)
    dX = layer.backward(dout)
    return {"Y": Y, "dX": dX, "dW": layer.dW, "db": layer.db}


def format_matrix(name, a, digits=4):
    """'name (shape): values' with the array printed at `digits` decimals."""
    a = np.asarray(a)
    body = np.array2string(np.round(a, digits) + 0.0, precision=digits, suppress_small=True)
    return f"{name} {a.shape}:\n{body}"


# --- 5.7 training ---------------------------------------------------------------------------------

def make_network(hidden_size=50, weight_scale=0.01, seed=0, dtype=np.float32,
                 input_size=784, output_size=10):
    """A TwoLayerNet drawn from np.random.default_rng(seed), float32 by default."""
    if hidden_size < 1:
        raise ValueError(f"hidden_size must be at least 1, got {hidden_size}")
    if not weight_scale > 0:
        raise ValueError(f"weight_scale must be positive, got {weight_scale}")
    return TwoLayerNet(input_size, hidden_size, output_size, weight_init_std=weight_scale,
                       rng=np.random.default_rng(seed), dtype=dtype)


def float64_copy(network):
    """A float64 TwoLayerNet with the same parameters (for gradient checks)."""
    input_size, hidden_size = network.params["W1"].shape
    output_size = network.params["W2"].shape[1]
    copy = TwoLayerNet(input_size, hidden_size, output_size, dtype=np.float64)
    for key, value in network.params.items():
        copy.params[key][...] = value  # in place: the layers share these arrays
    return copy


def gradient_check_report(network, x, t, n=3):
    """gradient_check on a float64 copy of `network` with the first n samples.

    Returns (rows, text): rows is [(name, mean |backprop - numerical|, max relative
    error)] for W1, b1, W2, b2; text is a readable table of them.
    """
    copy = float64_copy(network)
    x = np.asarray(x[:n], dtype=np.float64)
    t = np.asarray(t[:n])
    result = gradient_check(copy, x, t)
    rows = [(key, *result[key]) for key in ("W1", "b1", "W2", "b2")]
    lines = [f"{'param':<5} {'mean |diff|':>12} {'max rel. error':>15}"]
    lines += [f"{key:<5} {diff:>12.2e} {rel:>15.2e}" for key, diff, rel in rows]
    return rows, "\n".join(lines)


def _whole(value):
    """True for a whole number (3 or 3.0, not 2.5, nan or True)."""
    return (isinstance(value, numbers.Real) and not isinstance(value, bool)
            and np.isfinite(value) and float(value).is_integer())


def training_settings(learning_rate, hidden_size, batch_size, iters, weight_scale):
    """The dashboard's settings checked; returns them as a dict or raises ValueError."""
    if not (isinstance(learning_rate, numbers.Real) and np.isfinite(learning_rate)
            and learning_rate > 0):
        raise ValueError(f"learning rate must be a positive number, got {learning_rate} "
                         "(the book uses 0.1)")
    for name, value in (("hidden size", hidden_size), ("batch size", batch_size),
                        ("iterations", iters)):
        if not (_whole(value) and value >= 1):
            raise ValueError(f"{name} must be at least 1 and a whole number, got {value}")
    if not (isinstance(weight_scale, numbers.Real) and np.isfinite(weight_scale)
            and weight_scale > 0):
        raise ValueError(f"weight scale must be a positive number, got {weight_scale} "
                         "(the book uses 0.01)")
    return {"learning_rate": float(learning_rate), "hidden_size": int(hidden_size),
            "batch_size": int(batch_size), "iters": int(iters),
            "weight_scale": float(weight_scale)}


def diverged_message(error, learning_rate, lang="ja"):
    """What the dashboard says when training diverged (a TrainingDiverged error)."""
    return label("run.diverged", lang, iteration=error.iteration, rate=learning_rate)


class TrainingRun:
    """One training run of the dashboard, with progress reports more often than per epoch.

    settings: as from training_settings() (checked again here, as is the data).
    Calls on_progress(run) every `report_every` iterations (and at the end) from
    the thread that runs run().  While it runs, `iteration`, `history.train_loss`
    and the subset accuracies `eval_iters`, `train_acc`, `test_acc` (measured on at
    most `eval_size` samples) grow.  After run(): `status` is "done", "stopped" or
    "diverged" ("failed" if an error came through), `message` says what happened
    (in `lang`, "ja" or "en"), `warning` says (in `lang`) why a finished run
    stayed at chance level (see common.training.no_learning_cause), and
    `final_train_acc`/`final_test_acc` hold accuracies on all the given data.

    run() always starts over: a new network drawn from `seed` and nothing recorded,
    so a second run() repeats the first.  stop() asks the run in progress to end
    after its current iteration; called before run(), it makes that run end at
    once (as a Stop pressed just after Train should).  A stop request ends with the
    run it stopped: stop() never reaches a later run, and after a run has ended
    stop() does nothing.
    """

    def __init__(self, settings, x_train, t_train, x_test, t_test, seed=0,
                 report_every=50, eval_size=2000, on_progress=None, lang="ja"):
        check_lang(lang)
        self.lang = lang
        for name, value in (("report_every", report_every), ("eval_size", eval_size)):
            if not (is_count(value) and value >= 1):
                raise ValueError(f"{name} must be a whole number of at least 1, got {value!r}")
        self.settings = training_settings(**settings)
        self.data = (x_train, t_train, x_test, t_test)
        self.seed = seed
        self.report_every = report_every
        self.eval_size = eval_size
        self.on_progress = on_progress
        self._stop = threading.Event()
        self._lock = threading.Lock()  # between stop() and the start and end of run()
        self._reset()
        check_data(self.network, x_train, t_train, x_test, t_test)

    def _reset(self):
        """The state before a run: a new network from the seed, nothing recorded."""
        s = self.settings
        self.network = make_network(s["hidden_size"], s["weight_scale"], self.seed)
        self.iteration = 0
        self.history = None
        self.eval_iters, self.train_acc, self.test_acc = [], [], []
        self.status = "ready"
        self.message = ""
        self.warning = ""
        self.final_train_acc = self.final_test_acc = None
        self.elapsed = 0.0

    def stop(self):
        """End the run in progress, or the one about to start, after the current iteration."""
        with self._lock:
            if self.status in ("ready", "running"):
                self._stop.set()

    def _evaluate(self):
        x_train, t_train, x_test, t_test = self.data
        k = self.eval_size
        self.eval_iters.append(self.iteration)
        self.train_acc.append(float(self.network.accuracy(x_train[:k], t_train[:k])))
        self.test_acc.append(float(self.network.accuracy(x_test[:k], t_test[:k])))

    def _report(self):
        if self.on_progress is not None:
            self.on_progress(self)

    def _should_stop(self):
        # training.train calls this before every iteration (our per-iteration hook),
        # with self.iteration iterations done
        if self.iteration > 0 and self.iteration % self.report_every == 0:
            self._evaluate()
            self._report()
        if self._stop.is_set():
            return True
        self.iteration += 1  # the one about to run
        return False

    def run(self):
        """Train (blocking) from the start; the dashboard calls this in a background thread."""
        start = time.perf_counter()
        with self._lock:
            self._reset()
            self.status = "running"
        status = "failed"
        try:
            status = self._train()
        finally:
            self.elapsed = time.perf_counter() - start
            with self._lock:
                self.status = status
                self._stop.clear()  # the stop request, if any, ends with this run
        self._report()
        return self

    def _train(self):
        """The body of run(): trains, sets the results and returns the status."""
        x_train, t_train, x_test, t_test = self.data
        s = self.settings
        self.history = History()  # filled in by train as it goes
        self._evaluate()
        try:
            history = train(self.network, x_train, t_train, x_test, t_test,
                            iters_num=s["iters"], batch_size=s["batch_size"],
                            learning_rate=s["learning_rate"],
                            rng=np.random.default_rng(self.seed + 1),
                            should_stop=self._should_stop, history=self.history)
        except TrainingDiverged as error:
            self.history = error.history
            self.iteration = len(error.history.train_loss)
            self.message = diverged_message(error, s["learning_rate"], self.lang)
            return "diverged"
        self.history = history
        self.iteration = len(history.train_loss)
        if self.iteration != (self.eval_iters[-1] if self.eval_iters else -1):
            self._evaluate()
        self.final_train_acc = float(self.network.accuracy(x_train, t_train))
        self.final_test_acc = float(self.network.accuracy(x_test, t_test))
        self.message = label("run.stopped" if history.stopped else "run.done", self.lang,
                             n=self.iteration, train=self.final_train_acc,
                             test=self.final_test_acc, n_train=len(t_train), n_test=len(t_test))
        self.warning = chance_level_warning(self.network, x_train, t_test,
                                            self.final_test_acc, history.train_loss, self.lang)
        return "stopped" if history.stopped else "done"
