"""Mini-batch SGD for TwoLayerNet, as in the book's ``ch05/train_neuralnet.py``.

One loop shared by the notebook, the training dashboard and the benchmark.
"""
from dataclasses import dataclass, field

import numpy as np


@dataclass
class History:
    """What a training run recorded.

    train_loss: the mini-batch loss of every iteration.  epoch_iters: the
    iterations at which accuracy was measured (0 and every epoch after);
    train_acc, test_acc: the accuracies measured there.
    """
    train_loss: list = field(default_factory=list)
    epoch_iters: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    test_acc: list = field(default_factory=list)
    stopped: bool = False


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


TABLE_HEADER = f"{'epoch':>5} {'iter':>6} {'loss':>7} {'train_acc':>9} {'test_acc':>8}"


def table_row(history, k):
    """Row k of the per-epoch table, at 3 decimals (stable across CPUs)."""
    i = history.epoch_iters[k]
    return (f"{k:>5} {i:>6} {history.train_loss[i]:>7.3f} "
            f"{history.train_acc[k]:>9.3f} {history.test_acc[k]:>8.3f}")


def as_labels(t):
    """Class labels (N,) from labels (N,) or one-hot targets (N, C)."""
    t = np.asarray(t)
    return t if t.ndim == 1 else t.argmax(axis=1)


def train(network, x_train, t_train, x_test, t_test, iters_num=10000, batch_size=100,
          learning_rate=0.1, rng=None, verbose=False, on_epoch=None, should_stop=None):
    """Train `network` by SGD and return its History.

    Each iteration draws batch_size training samples (with replacement, as the
    book does), computes the gradient by backpropagation and updates the params.
    Accuracy on the whole training and test sets is measured at iteration 0,
    once per epoch (train_size / batch_size iterations) as the book does, and
    after the last iteration, so that the last row is the trained network's.
    The loss recorded is the one of the gradient's own forward pass: no second
    forward pass.

    rng: a np.random.Generator for the mini-batches (default: np.random, like the
    book).  verbose: print the per-epoch table.  on_epoch(history): called after
    each measurement.  should_stop(): checked every iteration; True stops early.
    Raises TrainingDiverged when the loss or the weights overflow.
    """
    train_labels, test_labels = as_labels(t_train), as_labels(t_test)  # once, for accuracy
    train_size = x_train.shape[0]
    iter_per_epoch = max(train_size // batch_size, 1)
    draw = (lambda: np.random.choice(train_size, batch_size)) if rng is None else (
        lambda: rng.integers(0, train_size, batch_size))
    history = History()
    if verbose:
        print(TABLE_HEADER)
    for i in range(iters_num):
        if should_stop is not None and should_stop():
            history.stopped = True
            break
        batch_mask = draw()
        try:
            with np.errstate(over="raise", invalid="raise"):
                grad = network.gradient(x_train[batch_mask], t_train[batch_mask])
                for key in ("W1", "b1", "W2", "b2"):
                    network.params[key] -= learning_rate * grad[key]
        except FloatingPointError:
            raise TrainingDiverged(i, learning_rate, history) from None
        loss = float(network.lastLayer.loss)
        if not np.isfinite(loss):
            raise TrainingDiverged(i, learning_rate, history)
        history.train_loss.append(loss)

        if i % iter_per_epoch == 0 or i == iters_num - 1:  # and once after the last update
            history.epoch_iters.append(i)
            history.train_acc.append(network.accuracy(x_train, train_labels))
            history.test_acc.append(network.accuracy(x_test, test_labels))
            if verbose:
                print(table_row(history, len(history.epoch_iters) - 1))
            if on_epoch is not None:
                on_epoch(history)
    return history
