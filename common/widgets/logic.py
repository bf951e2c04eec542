"""The logic behind the widgets, as plain functions (no ipywidgets here).

Numbers in, numbers out: every function here runs the real layers of
common/layers.py, so a widget shows exactly what the layers compute. Each can be
called directly in a notebook or a test; none needs a browser.
"""
import re
import unicodedata

import numpy as np

from common.labels import LabelledError
from common.layers import AddLayer, Affine, MulLayer, Relu, Sigmoid, SoftmaxWithLoss

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
    Full-width input ("１．５　－１；３，４") and the minus sign "−" are read too.

    Raises a ValueError (a common.labels.LabelledError, which a widget shows in
    its language) naming `name` and what to fix for an empty entry list, a
    non-number or rows of unequal length.
    """
    text = unicodedata.normalize("NFKC", str(text)).replace("−", "-")
    rows = [row for row in re.split(r"[;\n]", text) if row.strip()]
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
