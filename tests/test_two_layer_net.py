"""TwoLayerNet and the training loop."""
import time
from collections import OrderedDict

import numpy as np
import pytest

from common.layers import Affine, Relu, SoftmaxWithLoss
from common.training import (
    LOSS_WINDOW,
    AccuracyMeter,
    History,
    TrainingDiverged,
    read_table,
    table_header,
    table_row,
    train,
)
from common.two_layer_net import TwoLayerNet


def small_problem(seed=0, n=6, d=5, c=3):
    rng = np.random.default_rng(seed)
    return rng, rng.standard_normal((n, d)), rng.integers(0, c, n)


def test_structure_matches_the_book():
    net = TwoLayerNet(784, 50, 10)
    assert list(net.params) == ["W1", "b1", "W2", "b2"]
    assert [p.shape for p in net.params.values()] == [(784, 50), (50,), (50, 10), (10,)]
    assert isinstance(net.layers, OrderedDict)
    assert list(net.layers) == ["Affine1", "Relu1", "Affine2"]
    assert [type(v) for v in net.layers.values()] == [Affine, Relu, Affine]
    assert isinstance(net.lastLayer, SoftmaxWithLoss)
    assert net.layers["Affine1"].W is net.params["W1"]  # updates reach the layers
    assert net.params["W1"].dtype == np.float64
    assert 0.005 < net.params["W1"].std() < 0.015  # weight_init_std=0.01


def test_default_init_uses_np_random_like_the_book():
    np.random.seed(7)
    a = TwoLayerNet(3, 4, 2).params["W1"]
    np.random.seed(7)
    np.testing.assert_array_equal(a, 0.01 * np.random.randn(3, 4))


def test_rng_and_dtype():
    net = TwoLayerNet(3, 4, 2, rng=np.random.default_rng(0), dtype=np.float32)
    assert all(p.dtype == np.float32 for p in net.params.values())
    again = TwoLayerNet(3, 4, 2, rng=np.random.default_rng(0), dtype=np.float32)
    np.testing.assert_array_equal(net.params["W1"], again.params["W1"])


@pytest.mark.parametrize("one_hot", [False, True])
def test_gradient_matches_numerical_gradient(one_hot):
    rng, x, t = small_problem()
    if one_hot:
        t = np.eye(3)[t]
    net = TwoLayerNet(5, 4, 3, weight_init_std=0.5, rng=rng)
    grad = net.gradient(x, t)
    numeric = net.numerical_gradient(x, t)
    for key in net.params:
        assert grad[key].shape == net.params[key].shape
        np.testing.assert_allclose(grad[key], numeric[key], rtol=1e-5, atol=1e-8, err_msg=key)


def test_gradient_leaves_the_loss_of_its_forward_pass():
    rng, x, t = small_problem(1)
    net = TwoLayerNet(5, 4, 3, weight_init_std=0.5, rng=rng)
    net.gradient(x, t)
    assert net.lastLayer.loss == pytest.approx(net.loss(x, t))


def test_accuracy_in_chunks_equals_whole():
    rng, x, t = small_problem(2, n=25)
    net = TwoLayerNet(5, 4, 3, weight_init_std=1.0, rng=rng)
    whole = np.mean(np.argmax(net.predict(x), axis=1) == t)
    assert net.accuracy(x, t) == pytest.approx(whole)
    assert net.accuracy(x, t, batch_size=7) == pytest.approx(whole)
    assert net.accuracy(x, np.eye(3)[t], batch_size=4) == pytest.approx(whole)


def test_training_learns_a_separable_problem():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((300, 2))
    t = (x[:, 0] + x[:, 1] > 0).astype(int)
    net = TwoLayerNet(2, 8, 2, weight_init_std=0.5, rng=rng)
    history = train(net, x, t, x, t, iters_num=300, batch_size=30, learning_rate=0.5, rng=rng)
    assert history.epoch_iters == list(range(0, 300, 10)) + [299]
    assert len(history.train_loss) == 300
    assert history.test_acc[-1] > 0.95
    assert np.mean(history.train_loss[-20:]) < np.mean(history.train_loss[:20])


def book_loop(net, x, t, iters_num, batch_size, learning_rate, rng=None):
    """The book's train_neuralnet.py loop, measuring accuracy in line."""
    losses, accs = [], []
    iter_per_epoch = max(x.shape[0] // batch_size, 1)
    for i in range(iters_num):
        if rng is None:
            batch_mask = np.random.choice(x.shape[0], batch_size)
        else:
            batch_mask = rng.integers(0, x.shape[0], batch_size)
        grad = net.gradient(x[batch_mask], t[batch_mask])
        for key in ("W1", "b1", "W2", "b2"):
            net.params[key] -= learning_rate * grad[key]
        losses.append(net.lastLayer.loss)
        if i % iter_per_epoch == 0 or i == iters_num - 1:
            accs.append((i, net.accuracy(x, t), net.accuracy(x[:7], t[:7])))
    return losses, accs


@pytest.mark.parametrize("use_generator", [False, True])
def test_training_gives_exactly_the_book_loops_numbers(use_generator):
    # accuracy is measured on a copy in another thread and batches are drawn an
    # epoch at a time: neither may change a single number, nor the rng's state
    _, x, t = small_problem(6, n=50)
    net_a, net_b = (TwoLayerNet(5, 8, 3, weight_init_std=0.5, rng=np.random.default_rng(6))
                    for _ in range(2))
    rng_a, rng_b = (np.random.default_rng(11) if use_generator else None for _ in range(2))
    np.random.seed(11)
    losses, accs = book_loop(net_b, x, t, iters_num=23, batch_size=10, learning_rate=0.3,
                             rng=rng_b)
    after_b = rng_b.integers(1 << 30) if use_generator else np.random.randint(1 << 30)
    np.random.seed(11)
    history = train(net_a, x, t, x[:7], t[:7], iters_num=23, batch_size=10, learning_rate=0.3,
                    rng=rng_a)
    after_a = rng_a.integers(1 << 30) if use_generator else np.random.randint(1 << 30)
    assert history.train_loss == losses
    assert list(zip(history.epoch_iters, history.train_acc, history.test_acc, strict=True)) == accs
    assert all(np.array_equal(net_a.params[k], net_b.params[k]) for k in net_a.params)
    assert after_a == after_b


def test_epoch_callbacks_come_in_order_and_all_before_train_returns():
    rng, x, t = small_problem(7, n=20)
    given = History()
    seen = []
    history = train(TwoLayerNet(5, 4, 3, rng=rng), x, t, x, t, iters_num=30, batch_size=5,
                    rng=rng, history=given, on_epoch=lambda h: seen.append(h.epoch_iters[-1]))
    assert history is given
    assert seen == history.epoch_iters == [0, 4, 8, 12, 16, 20, 24, 28, 29]


def test_training_stops_when_asked():
    rng, x, t = small_problem(3, n=20)  # 4 iterations per epoch
    calls = []

    def should_stop():
        calls.append(1)
        return len(calls) == 7  # before the 7th iteration

    history = train(TwoLayerNet(5, 4, 3, rng=rng), x, t, x, t, iters_num=100, batch_size=5,
                    rng=rng, should_stop=should_stop)
    assert history.stopped
    assert len(history.train_loss) == 6
    assert history.epoch_iters == [0, 4]  # what was asked for is measured before returning


class SlowNet(TwoLayerNet):
    def accuracy(self, x, t, batch_size=10000):
        time.sleep(0.05)
        return super().accuracy(x, t, batch_size)


def test_measurements_never_pile_up_behind_training():
    rng, x, t = small_problem(8, n=20)
    net = SlowNet(5, 4, 3, rng=rng)
    with AccuracyMeter(x, t, x, t) as meter:
        for i in range(6):
            meter.measure(i, net)
            assert sum(not f.done() for _, f in meter.pending) <= meter.max_running
        assert [m[0] for m in meter.results(wait=True)] == list(range(6))


def test_divergence_is_reported_clearly():
    rng, x, t = small_problem(4, n=50)
    net = TwoLayerNet(5, 20, 3, weight_init_std=1.0, rng=rng)
    with pytest.raises(TrainingDiverged, match="learning rate 1e\\+?0?30 is too large"):
        train(net, 100 * x, t, x, t, iters_num=200, batch_size=10, learning_rate=1e30, rng=rng)


def test_divergence_keeps_the_measurements_made_before_it():
    rng, x, t = small_problem(4, n=50)
    net = TwoLayerNet(5, 20, 3, weight_init_std=1.0, rng=rng)
    with pytest.raises(TrainingDiverged) as caught:
        train(net, x, t, x, t, iters_num=200, batch_size=10, learning_rate=1e6, rng=rng)
    error = caught.value
    assert error.iteration > 5  # diverged after the first measurement at iteration 5
    assert error.history.epoch_iters == list(range(0, error.iteration, 5))
    assert len(error.history.train_acc) == len(error.history.epoch_iters)


def test_verbose_prints_the_table(capsys):
    rng, x, t = small_problem(5, n=20)
    train(TwoLayerNet(5, 4, 3, rng=rng), x, t, x, t, iters_num=8, batch_size=5, rng=rng,
          verbose=True)
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0].split() == ["epoch", "iter", "loss", "avg_loss", "train_acc", "test_acc"]
    # 20 samples in batches of 5: 4 iterations per epoch, the last row after iteration 7
    assert [line.split()[:2] for line in lines[1:]] == [["0.00", "0"], ["1.00", "4"],
                                                       ["1.75", "7"]]
    rows = read_table(text)
    assert [row[:2] for row in rows] == [(0.0, 0), (1.0, 4), (1.75, 7)]


def test_the_table_header_speaks_the_notebook_language(capsys):
    rng, x, t = small_problem(5, n=20)
    train(TwoLayerNet(5, 4, 3, rng=rng), x, t, x, t, iters_num=8, batch_size=5, rng=rng,
          verbose=True, lang="ja")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["エポック", "繰り返し", "損失", "平均損失", "訓練精度",
                                "テスト精度"]
    assert table_header("ja") == lines[0] and table_header() != lines[0]
    # the columns line up in a terminal, where a Japanese character takes two columns
    assert len(lines[0].encode("euc-jp")) == len(lines[1]) == len(table_header("en"))
    with pytest.raises(ValueError, match="lang must be one of 'ja', 'en', got 'fr'"):
        table_header("fr")


def test_table_row_averages_the_last_losses():
    history = History(train_loss=[float(i) for i in range(250)], epoch_iters=[0, 120, 249],
                      train_acc=[0.1, 0.5, 0.9], test_acc=[0.1, 0.4, 0.8])
    rows = read_table("\n".join(table_row(history, k, 120) for k in range(3)))
    assert rows[0] == (0.0, 0, 0.0, 0.0, 0.1, 0.1)  # only one loss so far
    assert rows[1] == (1.0, 120, 120.0, 70.5, 0.5, 0.4)  # mean of losses 21..120
    assert rows[2] == (2.08, 249, 249.0, 199.5, 0.9, 0.8)  # mean of losses 150..249
    assert LOSS_WINDOW == 100


def test_accuracy_names_unequal_lengths():
    net = TwoLayerNet(4, 3, 2, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="accuracy got 2 images but 1 labels"):
        net.accuracy(np.ones((2, 4)), np.array([[1.0, 0.0]]))


@pytest.mark.parametrize("value", [np.nan, np.inf])
def test_accuracy_refuses_non_finite_images(value):
    net = TwoLayerNet(4, 3, 2, rng=np.random.default_rng(0))
    x = np.ones((25, 4))
    x[[12, 17], 1] = value
    with pytest.raises(ValueError) as excinfo:
        net.accuracy(x, np.zeros(25, int), batch_size=10)  # found in the second chunk
    assert str(excinfo.value) == ("accuracy got NaN or infinite values in 2 of the 25 images of "
                                  "x (the first is x[12]): replace those values, or drop those "
                                  "images and their labels")


@pytest.mark.parametrize("shape, advice", [
    ((5, 1), "; for a column of labels use t.ravel()"),
    ((5, 3), ""),
])
def test_accuracy_refuses_targets_that_are_neither_labels_nor_one_hot(shape, advice):
    net = TwoLayerNet(4, 3, 2, rng=np.random.default_rng(0))
    with pytest.raises(ValueError) as excinfo:
        net.accuracy(np.ones((5, 4)), np.zeros(shape, int))
    assert str(excinfo.value) == (f"accuracy got t of shape {shape}: give class labels of shape "
                                  "(5,) or one-hot targets of shape (5, 2), for the network's 2 "
                                  f"outputs{advice}")


def test_accuracy_takes_python_lists():
    net = TwoLayerNet(4, 3, 2, rng=np.random.default_rng(0))
    x, t = np.random.default_rng(1).random((6, 4)), np.array([0, 1, 1, 0, 1, 0])
    assert net.accuracy(x.tolist(), t.tolist()) == net.accuracy(x, t)
