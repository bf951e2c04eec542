"""Activation and loss functions (the book's ``common/functions.py``), numerically stable."""
import numpy as np


def identity_function(x):
    return x


def step_function(x):
    return np.array(x > 0, dtype=int)


def sigmoid(x):
    """1 / (1 + exp(-x)), elementwise, without overflow for large |x|.

    For x < 0 it uses the equal form exp(x) / (1 + exp(x)), so exp never sees a
    large positive argument.
    """
    x = np.asarray(x)
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    """Derivative of the sigmoid: y (1 - y)."""
    y = sigmoid(x)
    return (1.0 - y) * y


def relu(x):
    return np.maximum(0, x)


def relu_grad(x):
    """Derivative of ReLU: 1 where x > 0, else 0 (0 at x = 0, as in the book)."""
    return (np.asarray(x) > 0).astype(float)


def log_softmax(x):
    """log(softmax(x)) along the last axis, computed without overflow or log(0)."""
    x = np.asarray(x)
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax(x):
    """Softmax along the last axis; x is (C,) or (N, C). Safe for large inputs."""
    x = np.asarray(x)
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def as_batch(y, t):
    """(y, t) as a batch: y (N, C); t one-hot (N, C) or labels (N,). Checks the shapes."""
    y = np.asarray(y)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y.reshape(1, -1)
        t = t.reshape(1, -1) if t.size == y.size else t.reshape(1)
    if t.shape != y.shape and t.shape != y.shape[:1]:
        raise ValueError(
            f"target shape {t.shape} does not fit score shape {y.shape}: "
            f"give one-hot targets of shape {y.shape} or class labels of shape {y.shape[:1]}"
        )
    return y, t


def nll(logp, t):
    """Batch-mean negative log-likelihood -sum(t * logp) / N.

    logp: (N, C) log-probabilities; t: one-hot (N, C) or labels (N,).
    """
    n = logp.shape[0]
    if t.shape == logp.shape:
        return -(t * logp).sum() / n
    return -logp[np.arange(n), t].sum() / n


def cross_entropy_error(y, t):
    """Batch-mean cross-entropy of probabilities y (N, C) or (C,) against t.

    t is one-hot (same shape as y) or class labels (N,). A probability of 0 for
    the true class gives a large finite loss (about 708 in float64), not inf.
    """
    y, t = as_batch(y, t)
    tiny = np.finfo(np.result_type(y, np.float32)).tiny
    return nll(np.log(np.maximum(y, tiny)), t)


def softmax_loss(x, t):
    """Batch-mean cross-entropy of softmax(x) against t, from a stable log-softmax.

    x is (N, C) or (C,) scores; t is one-hot (same shape) or labels (N,). Always finite.
    """
    x, t = as_batch(x, t)
    return nll(log_softmax(x), t)
