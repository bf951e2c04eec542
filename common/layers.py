"""The layers of chapter 5 (the book's ``common/layers.py``), each with forward and backward.

Every layer keeps only what its backward needs. No method writes into an array it
was given. Calling backward before forward is an error that says so.
"""
import inspect
import math

import numpy as np

from common.functions import as_batch, as_float, log_softmax, nll, sigmoid


def check_forward(layer, kept):
    """Raise RuntimeError unless forward has run, that is unless `kept` (what forward keeps
    for backward) is set."""
    if kept is None:
        args = ", ".join(list(inspect.signature(type(layer).forward).parameters)[1:])
        raise RuntimeError(f"{type(layer).__name__}.backward called before forward: "
                           f"call forward({args}) first")


class MulLayer:
    """z = x * y.  backward(dout) -> (dout * y, dout * x): the inputs swapped."""

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        return x * y

    def backward(self, dout):
        check_forward(self, self.x)
        dx = dout * self.y
        dy = dout * self.x
        return dx, dy

    def __repr__(self):
        return f"MulLayer(x={self.x!r}, y={self.y!r})"


class AddLayer:
    """z = x + y.  backward(dout) -> (dout, dout): passed on unchanged."""

    def forward(self, x, y):
        return x + y

    def backward(self, dout):
        dx = dout * 1
        dy = dout * 1
        return dx, dy

    def __repr__(self):
        return "AddLayer()"


class Relu:
    """y = max(0, x).  x: any shape.  backward: dout where x > 0, else 0."""

    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        return np.maximum(x, 0)

    def backward(self, dout):
        check_forward(self, self.mask)
        dx = np.where(self.mask, 0, dout)  # a new array: the book wrote into dout itself
        return dx

    def __repr__(self):
        return f"Relu(mask shape={None if self.mask is None else self.mask.shape})"


class Sigmoid:
    """y = 1 / (1 + exp(-x)).  x: any shape.  backward: dout * y * (1 - y)."""

    def __init__(self):
        self.out = None

    def forward(self, x):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        check_forward(self, self.out)
        dx = dout * (1.0 - self.out) * self.out
        return dx

    def __repr__(self):
        return f"Sigmoid(out shape={None if self.out is None else np.shape(self.out)})"


class Affine:
    """y = x · W + b.

    W: (D, M), b: (M,).  x: (N, D), or (N, d1, d2, ...) with d1*d2*... = D, which
    is flattened to rows.  forward -> (N, M).  backward(dout (N, M)) -> dx shaped
    like x, and sets self.dW (D, M) and self.db (M,).  An integer x (uint8 images) is
    computed in W's float dtype.
    """

    def __init__(self, W, b):
        if np.ndim(W) != 2 or np.shape(b) != np.shape(W)[1:]:
            raise ValueError(f"Affine needs W of shape (D, M) and b of shape (M,), one bias per "
                             f"column of W; got W {np.shape(W)} and b {np.shape(b)}")
        self.W = np.asarray(W)  # the same array when given one: training updates it in place
        self.b = np.asarray(b)
        self.x = None
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        x = as_float(x, self.W.dtype)
        self.check_input(x)
        self.original_x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return np.dot(self.x, self.W) + self.b

    def check_input(self, x):
        """Raise ValueError naming the shapes unless x is a non-empty batch that fits W."""
        d = self.W.shape[0]
        if x.ndim < 2 or math.prod(x.shape[1:]) != d:
            raise ValueError(f"Affine with W of shape {self.W.shape} needs x of shape (N, {d}) "
                             f"or (N, ...) with {d} values per row; got x of shape {x.shape} "
                             "(for a single sample use x.reshape(1, -1))")
        if x.shape[0] == 0:
            raise ValueError(f"Affine got an empty batch, x of shape {x.shape}: "
                             "give at least one sample")

    def backward(self, dout, need_dx=True):
        """Set dW and db; return dx (or None with need_dx=False, for a first layer)."""
        check_forward(self, self.x)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        if not need_dx:
            return None
        dx = np.dot(dout, self.W.T)
        return dx.reshape(self.original_x_shape)

    def __repr__(self):
        return f"Affine(W shape={self.W.shape}, b shape={self.b.shape})"


class SoftmaxWithLoss:
    """Softmax followed by the cross-entropy error, as one layer.

    forward(x (N, C), t) -> batch-mean loss; t is one-hot (N, C) or labels (N,).
    backward(dout=1) -> dout * (y - t) / N, with y = softmax(x).
    """

    def __init__(self):
        self.loss = None
        self.y = None  # softmax output
        self.t = None  # target: one-hot as given, or labels as integers

    def forward(self, x, t):
        if np.ndim(x) != 2:
            raise ValueError(
                f"SoftmaxWithLoss needs scores x of shape (N, C), got shape {np.shape(x)} "
                "(for a single sample use x.reshape(1, -1))"
            )
        x, self.t = as_batch(x, t)
        logp = log_softmax(x)
        self.y = np.exp(logp)
        self.loss = nll(logp, self.t)
        return self.loss

    def backward(self, dout=1):
        check_forward(self, self.y)
        n = self.y.shape[0]
        if self.t.shape == self.y.shape:
            dx = self.y - self.t
        else:
            dx = self.y.copy()
            dx[np.arange(n), self.t] -= 1
        return dx * (dout / n)

    def __repr__(self):
        return f"SoftmaxWithLoss(loss={self.loss!r})"
