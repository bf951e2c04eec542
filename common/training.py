"""Mini-batch SGD for TwoLayerNet, as in the book's ``ch05/train_neuralnet.py``.

One loop shared by the notebook, the training dashboard and the benchmark.
"""
import copy
import numbers
import re
import unicodedata
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from common.functions import as_labels, non_finite_rows, target_advice
from common.labels import check_lang, label


@dataclass
class History:
    """What a training run recorded.

    train_loss: the mini-batch loss of every iteration.  epoch_iters: the
    iterations at which accuracy was measured (0 and every epoch after);
    train_acc, test_acc: the accuracies measured there.  warning: why a finished
    run stayed at chance level (see no_learning_cause), '' when it learned.
    """
    train_loss: list = field(default_factory=list)
    epoch_iters: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    test_acc: list = field(default_factory=list)
    stopped: bool = False
    warning: str = ""


class TrainingDiverged(ArithmeticError):
    """The loss or the weights stopped being finite numbers (learning rate too high?)."""

    def __init__(self, iteration, learning_rate, history):
        super().__init__(
            f"training diverged at iteration {iteration}: the loss is no longer a finite "
            f"number. The learning rate {learning_rate} is too large for this network; "
            "try a smaller one (the book uses 0.1)."
        )
        self.iteration = iteration
        self.history = history


def is_count(value):
    """True for a whole number given as an int (numpy ints too, not bool)."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_settings(iters_num, batch_size, learning_rate):
    """Raises ValueError naming a setting that cannot train."""
    if not (is_count(iters_num) and iters_num >= 1):
        raise ValueError(f"iters_num must be a whole number of at least 1, got {iters_num!r}")
    if not (is_count(batch_size) and batch_size >= 1):
        raise ValueError(
            f"batch_size must be a whole number of at least 1, got {batch_size!r} (it may "
            "exceed the training set size: samples are drawn with replacement)")
    if not (isinstance(learning_rate, numbers.Real) and np.isfinite(learning_rate)
            and learning_rate > 0):
        raise ValueError(
            f"learning_rate must be a positive number, got {learning_rate!r} (the book uses 0.1)")


def as_array(name, value):
    """value as a numpy array (lists are fine); ValueError naming it if it cannot be one."""
    try:
        return np.asarray(value)
    except ValueError:
        raise ValueError(f"{name} is not an array: its rows differ in length; give every "
                         "row the same number of values") from None


def non_finite_error(name, x, what):
    """ValueError naming the samples (`what`: images or targets) of x that hold NaN or inf."""
    bad = non_finite_rows(x)
    return ValueError(f"{name} has NaN or infinite values in {len(bad)} of its {len(x)} {what} "
                      f"(the first is {name}[{bad[0]}]): replace those values, or drop those "
                      f"{what} and their {'labels' if what == 'images' else 'images'}")


def check_data(network, x_train, t_train, x_test, t_test):
    """The data as arrays; raises ValueError naming what cannot train.

    That is: an empty data set, images and labels of different counts, images that are not
    numbers, hold NaN or inf, or are of another size than the network's input, and targets
    that are neither class labels 0 .. output_size - 1 (N,) nor finite one-hot (N, output_size).
    """
    inputs, outputs = network.params["W1"].shape[0], network.params["W2"].shape[1]
    data = []
    for name, x, t in (("train", x_train, t_train), ("test", x_test, t_test)):
        x, t = as_array(f"x_{name}", x), as_array(f"t_{name}", t)
        if len(x) == 0:
            raise ValueError(f"the {name} set is empty: x_{name} needs at least one image")
        if len(x) != len(t):
            raise ValueError(f"x_{name} has {len(x)} images but t_{name} has {len(t)} labels: "
                             "give one label per image")
        if x.dtype.kind not in "biuf":
            raise ValueError(f"x_{name} must hold numbers, got dtype {x.dtype}")
        if np.size(x[0]) != inputs:
            raise ValueError(f"each image of x_{name} has {np.size(x[0])} values but the "
                             f"network takes {inputs} (its input_size)")
        if non_finite_rows(x):
            raise non_finite_error(f"x_{name}", x, "images")
        if t.ndim == 1:
            try:
                as_labels(t, outputs)
            except ValueError as e:
                raise ValueError(f"t_{name}: {e}") from None
        elif t.shape != (len(t), outputs):
            raise ValueError(f"t_{name} has shape {t.shape}: "
                             + target_advice(f"t_{name}", t.shape, outputs))
        elif t.dtype.kind not in "biuf":
            raise ValueError(f"t_{name} must hold numbers, got dtype {t.dtype}")
        elif non_finite_rows(t):
            raise non_finite_error(f"t_{name}", t, "targets")
        data += [x, t]
    return tuple(data)


def new_history(history):
    """History() for None; a given History only when nothing is recorded in it yet."""
    if history is None:
        return History()
    if history.train_loss or history.epoch_iters or history.stopped:
        raise ValueError(
            f"this History already holds a run ({len(history.train_loss)} iterations): "
            "pass a new History() or none")
    return history


LOSS_WINDOW = 100  # iterations averaged in the table's avg_loss column
TABLE_COLUMNS = {
    "en": ("epoch", "iter", "loss", "avg_loss", "train_acc", "test_acc"),
    "ja": ("エポック", "繰り返し", "損失", "平均損失", "訓練精度", "テスト精度"),
}
TABLE_WIDTHS = (8, 8, 7, 8, 9, 10)  # in terminal columns: a Japanese character takes two


def right_aligned(text, width):
    """text padded on the left to `width` terminal columns (wide characters count twice)."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return " " * max(0, width - columns) + text


def table_header(lang="en"):
    """The header line of the per-epoch table, in `lang` ("en" or "ja")."""
    check_lang(lang)
    return " ".join(right_aligned(name, width)
                    for name, width in zip(TABLE_COLUMNS[lang], TABLE_WIDTHS, strict=True))


def table_row(history, k, iter_per_epoch):
    """Row k of the per-epoch table.

    epoch is the iteration divided by iter_per_epoch (as the x axis of an accuracy plot:
    iteration 9999 of 600 per epoch is epoch 16.66); loss is the mini-batch loss of that
    iteration (one noisy sample); avg_loss is the mean of the last LOSS_WINDOW mini-batch
    losses up to it; then the accuracies, all at 3 decimals.
    """
    i = history.epoch_iters[k]
    avg_loss = float(np.mean(history.train_loss[max(0, i + 1 - LOSS_WINDOW):i + 1]))
    cells = (f"{i / iter_per_epoch:.2f}", str(i), f"{history.train_loss[i]:.3f}",
             f"{avg_loss:.3f}", f"{history.train_acc[k]:.3f}", f"{history.test_acc[k]:.3f}")
    return " ".join(f"{cell:>{width}}" for cell, width in zip(cells, TABLE_WIDTHS, strict=True))


TABLE_ROW = re.compile(r"^ *(\d+\.\d+) +(\d+)" + r" +(\d+\.\d+)" * 4 + r" *$", re.M)


def read_table(text):
    """The rows (epoch, iter, loss, avg_loss, train_acc, test_acc) of a table of table_row."""
    return [(float(epoch), int(i), *map(float, numbers))
            for epoch, i, *numbers in TABLE_ROW.findall(text)]


def class_indices(t):
    """Class labels (N,) from labels (N,) or one-hot targets (N, C)."""
    t = np.asarray(t)
    return t if t.ndim == 1 else t.argmax(axis=1)


class AccuracyMeter:
    """Measures train and test accuracy on a second thread while training goes on.

    measure(i, network) takes a copy of the network as it is at iteration i, so the
    numbers are exactly those of measuring in line; results() yields the finished
    measurements (i, train_acc, test_acc) in the order they were asked for, and
    results(wait=True) all of them. At most `max_running` measurements wait or run
    at a time: measure() waits when training gets that far ahead. Use it in a with
    block.
    """

    max_running = 2

    def __init__(self, x_train, t_train, x_test, t_test):
        self.data = (x_train, class_indices(t_train), x_test, class_indices(t_test))
        self.pending = deque()
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="accuracy")

    def _accuracies(self, network):
        x_train, t_train, x_test, t_test = self.data
        return network.accuracy(x_train, t_train), network.accuracy(x_test, t_test)

    def measure(self, i, network):
        unfinished = [future for _, future in self.pending if not future.done()]
        if len(unfinished) >= self.max_running:
            unfinished[0].result()  # training is too far ahead: let the oldest finish
        self.pending.append((i, self.worker.submit(self._accuracies, copy.deepcopy(network))))

    def results(self, wait=False):
        while self.pending and (wait or self.pending[0][1].done()):
            i, future = self.pending.popleft()
            yield (i, *future.result())

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.worker.shutdown(cancel_futures=True)


def draw_batches(rng, train_size, batch_size, count):
    """count mini-batches of sample indices, (count, batch_size), drawn with replacement.

    The same numbers as drawing them one at a time, as the book does, with
    np.random.choice (rng None) or with rng.integers. (A run stopped in the middle
    of an epoch has drawn that whole epoch's batches from rng.)
    """
    if rng is None:
        return np.random.choice(train_size, (count, batch_size))
    return rng.integers(0, train_size, (count, batch_size))


def sgd_step(network, x_batch, t_batch, learning_rate):
    """One SGD update with the gradient of this mini-batch; returns the mini-batch loss.

    Raises FloatingPointError when the loss or the weights overflow.
    """
    with np.errstate(over="raise", invalid="raise"):
        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= learning_rate * grad[key]
    loss = float(network.lastLayer.loss)  # from the gradient's own forward pass
    if not np.isfinite(loss):
        raise FloatingPointError(f"the loss is {loss}")
    return loss


CHANCE_MARGIN = 0.05  # accuracy below chance + this counts as chance level


def chance_accuracy(t):
    """The accuracy of always guessing the most common class of labels t."""
    _, counts = np.unique(class_indices(t), return_counts=True)
    return counts.max() / counts.sum()


def dead_unit_fraction(network, x, n=1000):
    """The share of hidden ReLU units that output 0 for every one of the first n images."""
    x = np.reshape(x[:n], (len(x[:n]), -1))
    hidden = x @ network.params["W1"] + network.params["b1"]
    return float(np.mean(np.all(hidden <= 0, axis=0)))


def no_learning_cause(accuracy, chance, losses, dead_fraction, lang="en"):
    """What to say about a finished run from the evidence; '' when it learned.

    accuracy: the trained network's test accuracy; chance: chance_accuracy of the
    test labels; losses: the mini-batch loss of every iteration (losses[0] is the
    untrained network's); dead_fraction: dead_unit_fraction of the trained network;
    lang: "en" or "ja" (common.labels). The learning rate is blamed only on evidence
    of overshooting: most hidden units dead (steps so large that the ReLUs never fire
    again) or the loss more than doubled. A loss that went down over at least 10
    iterations (the first and the last fifth compared) means the run was too short.
    Otherwise the evidence is unclear and it says nothing.
    """
    if accuracy >= chance + CHANCE_MARGIN or len(losses) == 0:
        return ""
    n = len(losses)
    window = max(1, n // 5)
    first, last = float(np.mean(losses[:window])), float(np.mean(losses[-window:]))
    fact = label("warn.chance", lang, accuracy=accuracy, chance=chance)
    evidence = []
    if dead_fraction >= 0.5:
        evidence.append(label("warn.dead", lang, fraction=dead_fraction))
    if last > 2 * losses[0]:
        evidence.append(label("warn.loss_rose", lang, first=losses[0], last=last))
    if evidence:
        return label("warn.rate_too_large", lang, fact=fact,
                     evidence=label("warn.evidence_joiner", lang).join(evidence))
    if n >= 10 and last < 0.999 * first:
        return label("warn.too_short", lang, fact=fact, n=n, first=first, last=last)
    return ""


def chance_level_warning(network, x_train, t_test, accuracy, losses, lang="en"):
    """no_learning_cause for a trained network, with the evidence taken from it and the data."""
    chance = chance_accuracy(t_test)
    if accuracy >= chance + CHANCE_MARGIN:
        return ""  # learned: no need to look at the hidden units
    return no_learning_cause(accuracy, chance, losses, dead_unit_fraction(network, x_train),
                             lang)


def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, rng=None, verbose=False, on_epoch=None, should_stop=None,
          history=None, lang="en"):
    """Train `network` by SGD and return its History.

    Each iteration takes batch_size training samples (drawn with replacement, as
    the book does; an epoch's batches are drawn at once, the same numbers),
    computes the gradient by backpropagation and updates the params. Accuracy on
    the whole training and test sets is measured at iteration 0, once per epoch
    (train_size / batch_size iterations) as the book does, and after the last
    iteration, so that the last row is the trained network's. The measuring runs
    on a copy of the network in a second thread while training goes on, so its
    result arrives some iterations later (all of them before train returns).

    rng: a np.random.Generator for the mini-batches (default: np.random, like the
    book).  verbose: print the per-epoch table (table_header, table_row).
    on_epoch(history): called when a measurement arrives, in order.  should_stop():
    checked every iteration; True stops early.  history: an empty History to fill
    in (default: a new one), for a caller that watches it during training.  A run
    that ends at chance level gets history.warning (printed when verbose).  lang
    ("en" or "ja"): the language of the table's header and of the warning.  Raises
    ValueError for settings or data that cannot train, TrainingDiverged when the
    loss or the weights overflow.
    """
    check_settings(iters_num, batch_size, learning_rate)
    check_lang(lang)
    x_train, t_train, x_test, t_test = check_data(network, x_train, t_train, x_test, t_test)
    train_size = x_train.shape[0]
    iter_per_epoch = max(train_size // batch_size, 1)
    history = new_history(history)
    if verbose:
        print(table_header(lang))

    def record(measurements):
        for i, train_acc, test_acc in measurements:
            history.epoch_iters.append(i)
            history.train_acc.append(train_acc)
            history.test_acc.append(test_acc)
            if verbose:
                print(table_row(history, len(history.epoch_iters) - 1, iter_per_epoch))
            if on_epoch is not None:
                on_epoch(history)

    with AccuracyMeter(x_train, t_train, x_test, t_test) as meter:
        for i in range(iters_num):
            if should_stop is not None and should_stop():
                history.stopped = True
                break
            if i % iter_per_epoch == 0:  # the epoch's mini-batches, drawn at once
                batch_masks = draw_batches(rng, train_size, batch_size,
                                           min(iter_per_epoch, iters_num - i))
            batch_mask = batch_masks[i % iter_per_epoch]
            try:
                loss = sgd_step(network, x_train[batch_mask], t_train[batch_mask],
                                learning_rate)
            except FloatingPointError:
                record(meter.results(wait=True))
                raise TrainingDiverged(i, learning_rate, history) from None
            history.train_loss.append(loss)

            if i % iter_per_epoch == 0 or i == iters_num - 1:  # and once after the last update
                meter.measure(i, network)
            record(meter.results())  # the measurements that have arrived
        record(meter.results(wait=True))
    if not history.stopped:  # the last row is the trained network's
        history.warning = chance_level_warning(network, x_train, t_test, history.test_acc[-1],
                                               history.train_loss, lang)
        if verbose and history.warning:
            print(history.warning)
    return history
