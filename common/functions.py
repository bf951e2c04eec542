"""Activation and loss functions (the book's ``common/functions.py``), numerically stable."""
import numpy as np


def as_float(x, dtype=np.float64):
    """x as a floating-point array, so that no arithmetic wraps around or overflows.

    A float array is returned as it is (float32 stays float32); integers and booleans
    (uint8 images, say) are converted to dtype when that is a float type, else to float64.
    """
    x = np.asarray(x)
    if x.dtype.kind == "f":
        return x
    return x.astype(dtype if np.dtype(dtype).kind == "f" else np.float64)


def non_finite_rows(x, chunk=1000):
    """Indices of the samples x[i] that hold NaN or inf, checked chunk samples at a time."""
    x = np.asarray(x)
    rows = []
    for start in range(0, len(x), chunk):
        finite = np.isfinite(x[start:start + chunk])
        rows.extend(start + np.flatnonzero(~finite.reshape(len(finite), -1).all(axis=1)))
    return rows


def identity_function(x):
    return x


def step_function(x):
    return np.array(x > 0, dtype=int)


def sigmoid(x):
    """1 / (1 + exp(-x)), elementwise, without overflow for large |x|.

    For x < 0 it uses the equal form exp(x) / (1 + exp(x)), so exp never sees a
    large positive argument.
    """
    x = as_float(x)
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    """Derivative of the sigmoid: y (1 - y)."""
    y = sigmoid(x)
    return (1.0 - y) * y


def relu(x):
    return np.maximum(0, x)


def relu_grad(x):
    """Derivative of ReLU: 1 where x > 0, else 0.

    At x = 0 this gives 0, as the book's Relu layer does (its mask is x <= 0); the
    book's own relu_grad gives 1 there (grad[x >= 0] = 1).
    """
    return (np.asarray(x) > 0).astype(float)


def log_softmax(x):
    """log(softmax(x)) along the last axis, computed without overflow or log(0)."""
    x = as_float(x)
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax(x):
    """Softmax along the last axis; x is (C,) or (N, C). Safe for large inputs."""
    x = as_float(x)
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def as_batch(y, t):
    """(y, t) as a batch: y (N, C) floats; t one-hot (N, C) or class labels (N,).

    A single sample y (C,) becomes a batch of one. Labels are checked by as_labels.
    Shapes that do not fit and an empty y raise ValueError naming the shapes.
    """
    y, t = as_float(y), np.asarray(t)
    given = y.shape, t.shape  # for the messages
    if y.ndim == 1:  # one sample: a one-hot t (C,) or a single label
        y = y.reshape(1, -1)
        if t.size == y.size:
            t = t.reshape(y.shape)
        elif t.size == 1:
            t = t.reshape(1)
    if t.shape != y.shape and t.shape != y.shape[:1]:
        labels = "one class label" if len(given[0]) == 1 else f"labels of shape {y.shape[:1]}"
        raise ValueError(f"target shape {given[1]} does not fit score shape {given[0]}: "
                         f"give one-hot targets of shape {given[0]} or {labels}")
    if y.size == 0:
        raise ValueError(f"scores of shape {given[0]} are empty: give at least one sample "
                         "and one class")
    return y, (t if t.shape == y.shape else as_labels(t, y.shape[1]))


def as_labels(t, classes):
    """Class labels t (N,) as integers, checked to lie in 0 .. classes - 1.

    Integer labels (the uint8 labels of MNIST) are returned as they are. Float or bool
    labels are accepted when they hold whole numbers (3.0 is class 3) and are returned
    as integers. Anything else (2.5, nan, -1, classes or more) raises ValueError:
    -1 is not read as the last class.
    """
    if t.dtype.kind not in "iu":
        numeric = t.dtype.kind in "bf"
        whole = np.isfinite(t) & (np.floor(t) == t) if numeric else np.zeros(t.shape, bool)
        if not whole.all():
            raise ValueError(f"class labels must be whole numbers 0 to {classes - 1}, got "
                             f"{t[~whole][0].item()!r} (dtype {t.dtype}); one-hot targets "
                             f"need shape ({len(t)}, {classes})")
        t = t.astype(np.intp)
    if (t.dtype.kind != "u" and t.min() < 0) or t.max() >= classes:  # unsigned: never < 0
        bad = t[(t < 0) | (t >= classes)][0]
        raise ValueError(f"class label {bad} is out of range: scores with {classes} classes "
                         f"need labels 0 to {classes - 1}")
    return t


def target_advice(name, shape, outputs):
    """What to give instead of targets `name` of a shape that fits a network of `outputs`."""
    n = shape[0]
    advice = (f"give class labels of shape ({n},) or one-hot targets of shape ({n}, {outputs}), "
              f"for the network's {outputs} outputs")
    if shape[1:] == (1,):
        advice += f"; for a column of labels use {name}.ravel()"
    return advice


def nll(logp, t):
    """Batch-mean negative log-likelihood -sum(t * logp) / N.

    logp: (N, C) log-probabilities; t: one-hot (N, C) or labels (N,).
    """
    n = logp.dtype.type(logp.shape[0])  # in logp's dtype: float32 stays float32 on numpy 1.x too
    if t.shape == logp.shape:
        return -(t * logp).sum() / n
    return -logp[np.arange(logp.shape[0]), t].sum() / n


def mean_squared_error(y, t):
    """0.5 * sum((y - t)**2): the book's squared error (named as in the book)."""
    return 0.5 * np.sum((as_float(y) - as_float(t)) ** 2)


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
