"""Break it: known bugs in the layers of section 5.7, and how a gradient check sees them.

Each bug is a subclass of a layer of common/layers.py whose backward is the
layer's own with one mistake written in, as a learner writes it; the real classes
are never changed.
broken_net(bug) builds a small float64 TwoLayerNet whose layers use the buggy
class, and check(bug) compares its backprop gradients with numerical ones.

    >>> errors = check("affine_db_mean")        # {"W1": ..., "b1": ..., "W2": ..., "b2": ...}
    >>> [key for key in PARAMS if verdict(errors[key]) == "bug"]
    ['b1', 'b2']

W1 and W2 are square (SIZE × SIZE) so that the bugs which transpose the wrong
factor still run: without a gradient check they would go unnoticed.

The weights and data of a seed are drawn until the check can tell right from
wrong on them (fit_for_check), so that the verdicts hold for every seed.
"""
import functools
import math
import unicodedata
from dataclasses import dataclass

import numpy as np

from common.gradient import numerical_gradient, relative_error
from common.labels import label
from common.layers import Affine, Relu, SoftmaxWithLoss, check_forward
from common.two_layer_net import TwoLayerNet

PARAMS = ("W1", "b1", "W2", "b2")
SIZE = 3  # input, hidden and output size: W1 and W2 are 3 × 3
BATCH = 4  # samples in the check; with 1, forgetting "/ batch_size" would not show
WEIGHT_STD = 1.0  # gradients well above the numerical gradient's own error

# Relative error bands (CS231n's reading of a gradient check in float64):
OK_BELOW = 1e-7  # error < 1e-7: the gradients agree
BUG_ABOVE = 1e-2  # error > 1e-2 (or nan): a bug; in between: suspicious, look closer

# A draw the check can tell (fit_for_check):
H = 1e-4  # numerical_gradient's step, the book's
KINK_MARGIN = 1e-2  # every ReLU input this far from 0; a step moves it by H * (1 + |x|) at most
GRAD_MIN = 1e-3  # every entry of the right gradient is 0 or this large: rounding (~1e-12) << 1e-7
CLEAR = 0.1  # each bug changes each gradient not at all, or by a relative error above this
MAX_DRAWS = 1000  # about half the draws fit; 1000 failures in a row do not happen
COLORS = {"ok": "#1b7a1b", "suspect": "#d97700", "bug": "#c8102e"}  # green, orange, red


# --- the buggy layers -----------------------------------------------------------------------

class SoftmaxWithLossNoBatchMean(SoftmaxWithLoss):
    """Bug: backward forgets to divide by the batch size n."""

    def backward(self, dout=1):
        check_forward(self, self.y)
        n = self.y.shape[0]
        if self.t.shape == self.y.shape:
            dx = self.y - self.t
        else:
            dx = self.y.copy()
            dx[np.arange(n), self.t] -= 1
        return dx * dout


class ReluInvertedMask(Relu):
    """Bug: the gradient passes where x <= 0 and stops where x > 0."""

    def backward(self, dout):
        check_forward(self, self.mask)
        dx = np.where(self.mask, dout, 0)
        return dx


class ReluInPlace(Relu):
    """The book's backward: it writes zeros into the caller's dout."""

    def backward(self, dout):
        check_forward(self, self.mask)
        dout[self.mask] = 0
        dx = dout
        return dx


class AffineBiasMean(Affine):
    """Bug: db is the mean of dout over the batch, not the sum."""

    def backward(self, dout, need_dx=True):
        check_forward(self, self.x)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.mean(dout, axis=0)
        if not need_dx:
            return None
        dx = np.dot(dout, self.W.T)
        return dx.reshape(self.original_x_shape)


class AffineSwappedDW(Affine):
    """Bug: dW = dout.T · x, the transpose of dW; it runs only because W is square."""

    def backward(self, dout, need_dx=True):
        check_forward(self, self.x)
        self.dW = np.dot(dout.T, self.x)
        self.db = np.sum(dout, axis=0)
        if not need_dx:
            return None
        dx = np.dot(dout, self.W.T)
        return dx.reshape(self.original_x_shape)


class AffineNoTransposeDX(Affine):
    """Bug: dx = dout · W without the transpose; it runs only because W is square."""

    def backward(self, dout, need_dx=True):
        check_forward(self, self.x)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        if not need_dx:
            return None
        dx = np.dot(dout, self.W)
        return dx.reshape(self.original_x_shape)


@dataclass(frozen=True)
class Bug:
    """A known bug: the layer it replaces, the buggy subclass, and the lines of the layer's
    backward that the bug replaces (right) with its own (wrong), "\n" between lines."""

    key: str
    layer: type
    cls: type
    right: str
    wrong: str


BUGS = {bug.key: bug for bug in (
    Bug("softmax_no_batch_mean", SoftmaxWithLoss, SoftmaxWithLossNoBatchMean,
        "return dx * (dout / n)", "return dx * dout"),
    Bug("relu_inverted_mask", Relu, ReluInvertedMask,
        "dx = np.where(self.mask, 0, dout)", "dx = np.where(self.mask, dout, 0)"),
    Bug("relu_in_place", Relu, ReluInPlace,
        "dx = np.where(self.mask, 0, dout)", "dout[self.mask] = 0\ndx = dout"),
    Bug("affine_db_mean", Affine, AffineBiasMean,
        "self.db = np.sum(dout, axis=0)", "self.db = np.mean(dout, axis=0)"),
    Bug("affine_dw_swapped", Affine, AffineSwappedDW,
        "self.dW = np.dot(self.x.T, dout)", "self.dW = np.dot(dout.T, self.x)"),
    Bug("affine_dx_no_transpose", Affine, AffineNoTransposeDX,
        "dx = np.dot(dout, self.W.T)", "dx = np.dot(dout, self.W)"),
)}


# --- the networks -----------------------------------------------------------------------------

class SkipNet(TwoLayerNet):
    """TwoLayerNet with a skip connection around the ReLU: Affine -> h + ReLU(h) -> Affine.

    h feeds both the ReLU and the skip, so by the branch rule its gradient is the
    sum of the two: ReLU's backward(dz) + dz. A ReLU that writes into dz spoils
    the second term.
    """

    def predict(self, x):
        h = self.layers['Affine1'].forward(x)
        z = self.layers['Relu1'].forward(h) + h
        return self.layers['Affine2'].forward(z)

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        dz = self.layers['Affine2'].backward(dout)
        dh = self.layers['Relu1'].backward(dz) + dz  # the branch rule: add both gradients
        self.layers['Affine1'].backward(dh, need_dx=False)
        return {'W1': self.layers['Affine1'].dW, 'b1': self.layers['Affine1'].db,
                'W2': self.layers['Affine2'].dW, 'b2': self.layers['Affine2'].db}


def _bug(bug):
    if bug is not None and bug not in BUGS:
        raise ValueError(f"unknown bug {bug!r}: choose None (no bug) or one of "
                         f"{', '.join(BUGS)}")
    return None if bug is None else BUGS[bug]


def check_seed(seed):
    """Raise a ValueError unless seed is a whole number of at least 0 (for default_rng)."""
    if not (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0):
        raise ValueError(f"seed must be a whole number of at least 0, got {seed!r}")


def _net(bug, skip, params):
    """A float64 TwoLayerNet(SIZE, SIZE, SIZE) (SkipNet with skip=True) with a copy of params
    and the buggy class of `bug` (a key of BUGS, or None) in place of its layer."""
    found = _bug(bug)
    net = (SkipNet if skip else TwoLayerNet)(SIZE, SIZE, SIZE, WEIGHT_STD,
                                             rng=np.random.default_rng(0))
    for key in PARAMS:
        net.params[key][...] = params[key]  # the layers hold these arrays
    if found is None:
        return net
    for name, layer in net.layers.items():
        if type(layer) is found.layer:  # an Affine keeps the W and b arrays of net.params
            net.layers[name] = found.cls(layer.W, layer.b) if found.layer is Affine else found.cls()
    if type(net.lastLayer) is found.layer:
        net.lastLayer = found.cls()
    return net


def fit_for_check(params, x, t):
    """True when a gradient check on these weights and data can tell every bug from none.

    - every ReLU input is at least KINK_MARGIN from 0, so no step of the numerical
      gradient straddles ReLU's kink, where the slope jumps;
    - some ReLU inputs are positive and some negative, so the mask matters;
    - in both networks every entry of the right gradient is 0 or at least GRAD_MIN, so
      that the numerical gradient's own error is far below OK_BELOW of it;
    - every bug leaves each gradient exactly as it is or changes it by more than CLEAR
      (relative error), so a bug that breaks a gradient reads well above BUG_ABOVE.
    All of this is worked out by backpropagation alone.
    """
    h = x @ params["W1"] + params["b1"]
    if np.abs(h).min() < KINK_MARGIN or not 0 < np.mean(h > 0) < 1:
        return False
    for skip in (False, True):
        right = _net(None, skip, params).gradient(x, t)
        if any(np.any((g != 0) & (np.abs(g) < GRAD_MIN)) for g in right.values()):
            return False
        for bug in BUGS:
            wrong = _net(bug, skip, params).gradient(x, t)
            if any(0 < relative_error(wrong[key], right[key]) <= CLEAR for key in PARAMS):
                return False
    return True


@functools.lru_cache(maxsize=64)
def _draw(seed):
    """(params, x, t) of seed: the first draw that fits (fit_for_check), weights from
    default_rng(seed) (std WEIGHT_STD) and data from default_rng(seed + 1)."""
    weights, data = np.random.default_rng(seed), np.random.default_rng(seed + 1)
    for _ in range(MAX_DRAWS):
        params = TwoLayerNet(SIZE, SIZE, SIZE, WEIGHT_STD, rng=weights).params
        x = data.standard_normal((BATCH, SIZE))
        t = np.eye(SIZE)[data.integers(0, SIZE, BATCH)]
        if fit_for_check(params, x, t):
            return params, x, t
    raise RuntimeError(f"no draw of seed {seed} fits a gradient check in {MAX_DRAWS} tries: "
                       "try another seed")


def broken_net(bug=None, skip=False, seed=0):
    """A float64 TwoLayerNet(SIZE, SIZE, SIZE) (SkipNet with skip=True) with `bug` in its layers.

    bug: a key of BUGS, or None for the correct layers. The weights are the seed's
    draw (see _draw and fit_for_check): standard deviation WEIGHT_STD, first drawn
    from np.random.default_rng(seed).
    """
    _bug(bug)
    check_seed(seed)
    return _net(bug, skip, _draw(seed)[0])


def check_data(seed=0):
    """(x (BATCH, SIZE), t one-hot (BATCH, SIZE)) of the seed's draw: first drawn from
    np.random.default_rng(seed + 1), drawn again with the weights until they fit."""
    check_seed(seed)
    _, x, t = _draw(seed)
    return x.copy(), t.copy()


def numerical_gradients(net, x, t):
    """{param: the gradient of net.loss(x, t)} by Richardson's extrapolation.

    (4 g(H/2) - g(H)) / 3, where g(h) is numerical_gradient's central difference
    with step h. The error of g(h) is c·h² (truncation) plus rounding; with
    weights of standard deviation 1, c·h² reaches 1e-8, which reads as 1e-7 on
    a gradient entry of 1e-2. The combination cancels it; rounding, about
    1e-12, stays.
    """
    def loss(_):
        return net.loss(x, t)

    return {key: (4 * numerical_gradient(loss, net.params[key], H / 2)
                  - numerical_gradient(loss, net.params[key], H)) / 3 for key in PARAMS}


def check(bug=None, skip=False, seed=0):
    """{param: max relative error of backprop against the numerical gradient} with `bug`."""
    net = broken_net(bug, skip, seed)  # checks the arguments
    x, t = check_data(seed)
    backprop = net.gradient(x, t)
    numerical = numerical_gradients(net, x, t)
    return {key: relative_error(backprop[key], numerical[key]) for key in PARAMS}


def verdict(error):
    """"ok" below OK_BELOW, "suspect" from OK_BELOW to BUG_ABOVE, "bug" above (and for nan)."""
    error = float(error)
    if error < OK_BELOW:
        return "ok"
    if error <= BUG_ABOVE:
        return "suspect"
    return "bug"  # also nan: a gradient that is not a number is broken


def breakage_table(skip=False, seed=0):
    """{bug key or None: {param: relative error}} for no bug and every bug of BUGS."""
    return {bug: check(bug, skip, seed) for bug in [None, *BUGS]}


def broken_params(errors):
    """The params whose error reads as a bug, in PARAMS order."""
    return [key for key in PARAMS if verdict(errors[key]) == "bug"]


# --- words --------------------------------------------------------------------------------------

def bug_name(bug, lang="ja"):
    """The short name of a bug (None: no bug) in `lang`."""
    return label("breakit.bug.none" if bug is None else f"breakit.bug.{bug}", lang)


def bands_text(lang="ja"):
    """The verdict bands in words."""
    return label("breakit.bands", lang, ok=OK_BELOW, bug=BUG_ABOVE)


def format_error(error):
    """A relative error in two significant digits: 3.1e-10, nan."""
    return f"{error:.1e}" if math.isfinite(error) else str(error)


def _columns(text):
    """How many columns of a monospaced font `text` takes (Japanese characters take 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text, width):
    return text + " " * (width - _columns(text))


def _cell(error, floor):
    return f"<{floor:.0e}" if floor is not None and error < floor else format_error(error)


def format_table(table, lang="ja", floor=None):
    """A plain-text table: one row per bug, each param's relative error, and what breaks.

    floor: errors below it are written "<floor" (their digits are rounding noise that
    differs between machines), e.g. floor=1e-7.
    """
    width = max(_columns(bug_name(bug, lang)) for bug in table) + 2
    header = _pad(label("breakit.table.header", lang), width)
    lines = [header + "".join(f"{k:>9}" for k in PARAMS)]
    for bug, errors in table.items():
        broken = ", ".join(broken_params(errors)) or label("breakit.broken.none", lang)
        lines.append(_pad(bug_name(bug, lang), width)
                     + "".join(f"{_cell(errors[k], floor):>9}" for k in PARAMS)
                     + f"   → {broken}")
    return "\n".join(lines)
