"""Numerical gradient by central differences (the book's ``common/gradient.py``)."""
import numpy as np


def numerical_gradient(f, x, h=1e-4):
    """Gradient of the scalar function f at x by central differences.

    x is an array of any shape; each entry is moved by +h and -h in turn and put
    back, so x holds its original values afterwards. Returns an array shaped like x.
    f is called as f(x), the book's convention (f may ignore its argument and read
    x through a closure, as TwoLayerNet.numerical_gradient does).
    """
    if not isinstance(x, np.ndarray) or not np.issubdtype(x.dtype, np.floating):
        raise TypeError(
            f"numerical_gradient needs x as a floating-point numpy array, got {type(x).__name__}"
            f"{' of dtype ' + str(x.dtype) if isinstance(x, np.ndarray) else ''}: "
            "pass e.g. np.array(x, dtype=float)"
        )
    if x.size == 0:
        raise ValueError(f"numerical_gradient got an empty x of shape {x.shape}: there is no "
                         "entry to move; pass the array of parameters, with at least one entry")
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):  # any memory layout: x may be a view such as W.T
        original = x[idx]
        try:
            x[idx] = original + h
            f_plus = float(f(x))
            x[idx] = original - h
            f_minus = float(f(x))
        finally:
            x[idx] = original
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b):
    """max over the entries of |a - b| / max(1e-8, |a| + |b|): the usual gradient-check measure.

    How to read it (CS231n's reading): below 1e-7 the gradients agree; about 1e-2 or more
    means a bug; in between, look at which entries give it. The numerical gradient's own
    error is absolute (here about 1e-12 to 1e-10 in float64 with h = 1e-4), so small entries
    of a correct gradient read large: entries near 1e-6 give about 1e-6, and where |a| + |b|
    is below 1e-8 the floor applies and the measure is |a - b| / 1e-8, so two entries near
    1e-10 that differ by 1e-10 give 1e-2. Judge such entries by the absolute difference.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def gradient_check(network, x, t):
    """Compare network.gradient with network.numerical_gradient on (x, t).

    Returns {param name: (mean |difference|, max relative error)}. For a correct
    gradient in float64 the mean |difference| is about 1e-10 or less; the relative
    error is below 1e-7 unless the gradient has tiny entries (see relative_error), and
    about 1e-2 or more points to a bug. Use float64 parameters and a small batch: the
    numerical side costs two forward passes per parameter entry.
    """
    grad_backprop = network.gradient(x, t)
    grad_numerical = network.numerical_gradient(x, t)
    return {
        key: (float(np.mean(np.abs(grad_backprop[key] - grad_numerical[key]))),
              relative_error(grad_backprop[key], grad_numerical[key]))
        for key in grad_numerical
    }
