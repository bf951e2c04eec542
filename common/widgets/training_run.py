"""The logic of the training dashboard: a training run in the background, with progress reports."""
import numbers
import threading
import time

import numpy as np

from common.gradient import gradient_check
from common.labels import check_lang, label
from common.training import (
    History,
    TrainingDiverged,
    chance_level_warning,
    check_data,
    is_count,
    train,
)
from common.two_layer_net import TwoLayerNet

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
