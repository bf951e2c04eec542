"""common.training: settings and data checked up front, and what a run that did not learn says."""
import numpy as np
import pytest

from common.training import (
    History,
    chance_accuracy,
    check_settings,
    dead_unit_fraction,
    no_learning_cause,
    table_header,
    train,
)
from common.two_layer_net import TwoLayerNet


def blobs(seed=0, n=200, d=20, classes=4):
    """A learnable problem: noisy copies of one random center per class."""
    rng = np.random.default_rng(seed)
    centers = rng.random((classes, d))
    t = rng.integers(0, classes, n)
    x = np.clip(centers[t] + 0.2 * rng.standard_normal((n, d)), 0, 1)
    return x[:150], t[:150], x[150:], t[150:]


def network(weight_scale=0.01):
    return TwoLayerNet(20, 10, 4, weight_init_std=weight_scale, rng=np.random.default_rng(1))


def run(iters_num, learning_rate, weight_scale=0.01, **kwargs):
    return train(network(weight_scale), *blobs(), iters_num=iters_num, batch_size=10,
                 learning_rate=learning_rate, rng=np.random.default_rng(2), **kwargs)


# --- a History is filled by one run only --------------------------------------------------------

def test_a_used_history_is_refused_not_mixed_into_the_next_table(capsys):
    history = run(40, 0.1)
    before = (list(history.train_loss), list(history.epoch_iters))
    with pytest.raises(ValueError, match=r"already holds a run \(40 iterations\).*new History"):
        run(40, 0.1, history=history, verbose=True)
    assert (history.train_loss, history.epoch_iters) == before  # left as it was
    assert "iter" not in capsys.readouterr().out  # refused before the table starts


def test_a_stopped_history_is_refused_too():
    with pytest.raises(ValueError, match="already holds a run"):
        run(10, 0.1, history=History(stopped=True))


def test_an_empty_history_is_filled_in():
    given = History()
    assert run(20, 0.1, history=given) is given and len(given.train_loss) == 20


# --- impossible settings and data ---------------------------------------------------------------

@pytest.mark.parametrize("settings, match", [
    ({"batch_size": 0}, r"batch_size must be a whole number of at least 1, got 0"),
    ({"batch_size": 2.5}, r"batch_size must be a whole number .* got 2\.5"),
    ({"iters_num": 0}, r"iters_num must be a whole number of at least 1, got 0"),
    ({"iters_num": -3}, r"iters_num .* got -3"),
    ({"learning_rate": -0.1}, r"learning_rate must be a positive number, got -0\.1 .*0\.1"),
    ({"learning_rate": 0}, r"learning_rate must be a positive number, got 0"),
    ({"learning_rate": float("nan")}, r"learning_rate must be a positive number, got nan"),
    ({"learning_rate": "0.1"}, r"learning_rate must be a positive number, got '0\.1'"),
])
def test_impossible_settings_are_named_before_training(settings, match):
    net = network()
    before = {k: v.copy() for k, v in net.params.items()}
    args = {"iters_num": 20, "batch_size": 10, "learning_rate": 0.1} | settings
    with pytest.raises(ValueError, match=match):
        train(net, *blobs(), **args)
    assert all(np.array_equal(net.params[k], before[k]) for k in before)  # untouched


@pytest.mark.parametrize("change, match", [
    (lambda d: (d[0], d[1], d[2][:0], d[3][:0]), r"the test set is empty: x_test needs"),
    (lambda d: (d[0][:0], d[1][:0], d[2], d[3]), r"the train set is empty"),
    (lambda d: (d[0], d[1][:100], d[2], d[3]),
     r"x_train has 150 images but t_train has 100 labels: give one label per image"),
    (lambda d: (d[0], d[1], d[2], d[3][:7]), r"x_test has 50 images but t_test has 7 labels"),
    (lambda d: (d[0], d[1], d[2][:, :5], d[3]),
     r"each image of x_test has 5 values but the network takes 20 \(its input_size\)"),
])
def test_impossible_data_is_named_before_training(change, match):
    with pytest.raises(ValueError, match=match):
        train(network(), *change(blobs()), iters_num=20, batch_size=10)


def test_a_batch_larger_than_the_training_set_is_allowed():
    # the book draws with replacement, so this is a legal (if odd) setting
    history = train(network(), *blobs(), iters_num=5, batch_size=400, learning_rate=0.1,
                    rng=np.random.default_rng(0))
    assert len(history.train_loss) == 5 and history.epoch_iters == [0, 1, 2, 3, 4]


def test_one_hot_targets_and_numpy_ints_are_fine():
    x, t, xt, tt = blobs()
    history = train(network(), x, np.eye(4)[t], xt, np.eye(4)[tt], iters_num=np.int64(12),
                    batch_size=np.int32(10), learning_rate=np.float32(0.1))
    assert len(history.train_loss) == 12


def with_values(x, rows, value):
    """A copy of x with one value of each of `rows` set to `value`."""
    x = x.copy()
    x[rows, 3] = value
    return x


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_non_finite_training_images_are_named_not_blamed_on_the_learning_rate(value):
    x, t, xt, tt = blobs()
    net = network()
    before = {k: v.copy() for k, v in net.params.items()}
    with pytest.raises(ValueError) as excinfo:
        train(net, with_values(x, [7, 9, 120], value), t, xt, tt, iters_num=20, batch_size=10)
    assert str(excinfo.value) == (
        "x_train has NaN or infinite values in 3 of its 150 images (the first is x_train[7]): "
        "replace those values, or drop those images and their labels")
    assert all(np.array_equal(net.params[k], before[k]) for k in before)  # untouched


def test_non_finite_test_images_are_named_not_counted_as_class_0():
    x, t, xt, tt = blobs()
    with pytest.raises(ValueError, match=r"^x_test has NaN or infinite values in 2 of its 50 "
                                         r"images \(the first is x_test\[0\]\)"):
        train(network(), x, t, with_values(xt, [0, 49], np.nan), tt, iters_num=20, batch_size=10)


def test_non_finite_one_hot_targets_are_named():
    x, t, xt, tt = blobs()
    targets = np.eye(4)[t]
    targets[5, 0] = np.nan
    with pytest.raises(ValueError, match=r"^t_train has NaN or infinite values in 1 of its 150 "
                                         r"targets \(the first is t_train\[5\]\)"):
        train(network(), x, targets, xt, tt, iters_num=20, batch_size=10)


@pytest.mark.parametrize("name", ["t_train", "t_test"])
@pytest.mark.parametrize("change, message", [
    (lambda t: t.reshape(-1, 1), "{name} has shape ({n}, 1): give class labels of shape ({n},) "
                                 "or one-hot targets of shape ({n}, 4), for the network's 4 "
                                 "outputs; for a column of labels use {name}.ravel()"),
    (lambda t: np.eye(3)[t % 3], "{name} has shape ({n}, 3): give class labels of shape ({n},) "
                                 "or one-hot targets of shape ({n}, 4), for the network's 4 "
                                 "outputs"),
    (lambda t: t + 1, "{name}: class label 4 is out of range: scores with 4 classes need labels "
                      "0 to 3"),
    (lambda t: t - 1, "{name}: class label -1 is out of range"),
    (lambda t: t.astype(str), "{name}: class labels must be whole numbers 0 to 3, got '"),
    (lambda t: t + 0.5, "{name}: class labels must be whole numbers 0 to 3, got "),
], ids=["column", "one-hot too narrow", "labels 1..4", "labels -1..2", "strings", "fractions"])
def test_bad_labels_are_named_before_training(name, change, message):
    x, t, xt, tt = blobs()
    data = {"t_train": t, "t_test": tt}
    data[name] = change(data[name])
    message = message.format(name=name, n=len(data[name]))
    with pytest.raises(ValueError) as excinfo:
        train(network(), x, data["t_train"], xt, data["t_test"], iters_num=20, batch_size=10)
    assert str(excinfo.value).startswith(message)


def test_python_lists_train_like_arrays():
    x, t, xt, tt = blobs()
    arrays = run(20, 0.1)
    lists = train(network(), x.tolist(), t.tolist(), xt.tolist(), tt.tolist(), iters_num=20,
                  batch_size=10, learning_rate=0.1, rng=np.random.default_rng(2))
    assert lists.train_loss == arrays.train_loss and lists.test_acc == arrays.test_acc


@pytest.mark.parametrize("change, match", [
    (lambda d: ([[0.5] * 20] * 149 + [[0.5]], *d[1:]),
     r"^x_train is not an array: its rows differ in length"),
    (lambda d: (d[0].astype(str), *d[1:]), r"^x_train must hold numbers, got dtype <U"),
    (lambda d: (*d[:2], d[2].astype(object), d[3]), r"^x_test must hold numbers, got dtype object"),
], ids=["ragged list", "strings", "objects"])
def test_data_that_is_no_array_of_numbers_is_named(change, match):
    with pytest.raises(ValueError, match=match):
        train(network(), *change(blobs()), iters_num=20, batch_size=10)


# --- what is already refused, and training stopped at once -------------------------------------

@pytest.mark.parametrize("settings, match", [
    ({"iters_num": True}, r"iters_num must be a whole number of at least 1, got True"),
    ({"iters_num": 20.0}, r"iters_num .* got 20\.0"),
    ({"batch_size": None}, r"batch_size .* got None"),
    ({"batch_size": -1}, r"batch_size .* got -1"),
    ({"learning_rate": float("inf")}, r"learning_rate must be a positive number, got inf"),
    ({"learning_rate": None}, r"learning_rate must be a positive number, got None"),
])
def test_check_settings_names_the_setting(settings, match):
    with pytest.raises(ValueError, match=match):
        check_settings(**({"iters_num": 20, "batch_size": 10, "learning_rate": 0.1} | settings))


def test_training_stopped_before_the_first_iteration_changes_nothing(capsys):
    net = network()
    before = {k: v.copy() for k, v in net.params.items()}
    history = train(net, *blobs(), iters_num=50, batch_size=10, should_stop=lambda: True,
                    verbose=True)
    assert history.stopped and history.train_loss == [] and history.epoch_iters == []
    assert history.warning == ""  # a stopped run is not judged
    assert capsys.readouterr().out.splitlines() == [table_header("en")]
    assert all(np.array_equal(net.params[k], before[k]) for k in before)


# --- what a run that stayed at chance level says ------------------------------------------------

def test_chance_accuracy_is_guessing_the_most_common_class():
    assert chance_accuracy(np.array([0, 1, 1, 2])) == 0.5
    assert chance_accuracy(np.eye(3)[[2, 2, 2, 0]]) == 0.75  # one-hot targets


def test_dead_unit_fraction_counts_units_silent_for_every_image():
    net = TwoLayerNet(2, 4, 2)
    net.params["W1"][...] = [[1, -1, 0, 1], [0, 0, 0, 1]]
    net.params["b1"][...] = [0, 0, 0, -10]
    x = np.array([[1.0, 2.0], [3.0, -1.0]])
    # unit 0 fires, unit 1 never (x0 > 0), unit 2 is always 0, unit 3 is pushed below 0
    assert dead_unit_fraction(net, x) == 0.75
    assert dead_unit_fraction(net, np.array([[6.0, 6.0]])) == 0.5  # now unit 3 fires too


FLAT = [2.30] * 100
RISING = [2.30] + [40.0] * 99
FALLING = list(np.linspace(2.30, 2.20, 100))


@pytest.mark.parametrize("accuracy, losses, dead", [
    (0.95, RISING, 1.0),   # learned: nothing to say, whatever else
    (0.16, FLAT, 0.0),     # above chance + 0.05
])
def test_nothing_is_said_about_a_run_that_learned(accuracy, losses, dead):
    assert no_learning_cause(accuracy, 0.11, losses, dead) == ""


@pytest.mark.parametrize("losses, dead, evidence", [
    (FLAT, 0.96, "96% of the hidden units never activate"),
    (RISING, 0.0, "the loss rose from 2.3 to 40"),
    (RISING, 1.0, "100% of the hidden units never activate and the loss rose from 2.3 to 40"),
    ([2.30], 0.9, "90% of the hidden units"),  # one huge step can kill them all
])
def test_the_learning_rate_is_blamed_on_evidence_of_overshooting(losses, dead, evidence):
    message = no_learning_cause(0.098, 0.114, losses, dead)
    assert message.startswith("Test accuracy 0.098 stayed at chance level (always guessing the "
                              "most common class scores 0.114); the learning rate is probably "
                              "too large: ")
    assert evidence in message and "smaller" in message


def test_a_run_too_short_is_told_to_train_longer_not_to_change_the_learning_rate():
    message = no_learning_cause(0.11, 0.114, FALLING, 0.0)
    # the means of the first and the last fifth of the losses
    assert "after 100 iterations, but the loss is going down (2.290 to 2.210)" in message
    assert "Train for more iterations" in message and "learning rate" not in message


@pytest.mark.parametrize("losses", [
    [],                                  # stopped before the first iteration
    [2.30],                              # one iteration: no trend
    [2.30, 2.10, 2.25],                  # too few to tell noise from a trend
    FLAT,                                # flat: learning too slowly, or cannot learn
    list(np.linspace(2.30, 2.35, 100)),  # a little up: noise, not a blow-up
])
def test_unclear_evidence_says_nothing(losses):
    assert no_learning_cause(0.10, 0.114, losses, 0.1) == ""


def test_train_prints_the_cause_after_the_table_when_the_learning_rate_is_too_large(capsys):
    history = run(50, 100.0, verbose=True)
    lines = capsys.readouterr().out.splitlines()
    assert history.warning.startswith("Test accuracy 0.300 stayed at chance level (always "
                                      "guessing the most common class scores 0.300); the "
                                      "learning rate is probably too large: 100% of the hidden "
                                      "units never activate and the loss rose from 1.39 to 43")
    assert lines[-1] == history.warning and lines[-2].split()[:2] == ["3.27", "49"]  # 15 per epoch


@pytest.mark.parametrize("iters_num, weight_scale", [(1, 0.01), (3, 0.01), (30, 1e-4)])
def test_train_does_not_blame_the_learning_rate_for_a_short_run(iters_num, weight_scale):
    history = run(iters_num, 0.1, weight_scale)
    assert history.test_acc[-1] < chance_accuracy(blobs()[3]) + 0.05  # still at chance
    assert "learning rate" not in history.warning


def test_train_says_train_longer_when_the_loss_is_still_going_down():
    history = run(60, 0.1, 1e-4)
    assert "the loss is going down" in history.warning
    assert "Train for more iterations" in history.warning


def test_a_run_that_learned_has_no_warning_and_prints_only_the_table(capsys):
    history = run(300, 0.1, verbose=True)
    assert history.test_acc[-1] == 1.0 and history.warning == ""
    assert len(capsys.readouterr().out.splitlines()) == 1 + len(history.epoch_iters)
