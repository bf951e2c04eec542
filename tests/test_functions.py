"""common.functions: exact values, stability for extreme inputs, batch handling."""
import re
import warnings

import numpy as np
import pytest

from common.functions import (
    cross_entropy_error,
    log_softmax,
    mean_squared_error,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    softmax,
    softmax_loss,
)


def test_sigmoid_values():
    np.testing.assert_allclose(sigmoid(np.array([0.0, 1.0, -1.0])),
                               [0.5, 1 / (1 + np.exp(-1)), 1 / (1 + np.exp(1))], rtol=1e-15)


@pytest.mark.parametrize("x", [-1000.0, -50.0, 50.0, 1000.0, -1e308, 1e308])
def test_sigmoid_extreme_inputs_finite_without_warnings(x):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = sigmoid(np.array([x]))
        g = sigmoid_grad(np.array([x]))
    assert np.all(np.isfinite(y)) and 0.0 <= y[0] <= 1.0
    assert np.all(np.isfinite(g)) and g[0] >= 0.0


def test_sigmoid_symmetry_and_float32():
    x = np.linspace(-30, 30, 61, dtype=np.float32)
    y = sigmoid(x)
    assert y.dtype == np.float32
    np.testing.assert_allclose(y + sigmoid(-x), 1.0, rtol=1e-6)


def test_sigmoid_grad_is_y_times_one_minus_y():
    x = np.array([-2.0, 0.0, 3.0])
    y = sigmoid(x)
    np.testing.assert_allclose(sigmoid_grad(x), y * (1 - y))
    assert sigmoid_grad(np.array([0.0]))[0] == 0.25


def test_relu():
    np.testing.assert_array_equal(relu(np.array([-1.0, 0.0, 2.5])), [0.0, 0.0, 2.5])


def test_relu_grad_is_what_the_relu_layer_passes_back_even_at_0():
    from common.layers import Relu
    x = np.array([-1.0, 0.0, 2.5])
    layer = Relu()
    layer.forward(x)
    np.testing.assert_array_equal(relu_grad(x), [0.0, 0.0, 1.0])  # the book's relu_grad: 1 at 0
    np.testing.assert_array_equal(relu_grad(x), layer.backward(np.ones(3)))


def test_softmax_1d_and_batch_agree():
    a = np.array([0.3, 2.9, 4.0])
    y = softmax(a)
    np.testing.assert_allclose(y, np.exp(a) / np.exp(a).sum())
    batch = np.stack([a, a + 100, -a])
    yb = softmax(batch)
    np.testing.assert_allclose(yb[0], y)
    np.testing.assert_allclose(yb[1], y)  # shift invariance
    np.testing.assert_allclose(yb.sum(axis=1), 1.0)


def test_softmax_large_inputs():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = softmax(np.array([[1000.0, 0.0, -1000.0]]))
    np.testing.assert_allclose(y, [[1.0, 0.0, 0.0]])


def test_cross_entropy_book_example():
    # The book's 4.2.2 example: t is "2"; y puts 0.6 there.
    t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    assert cross_entropy_error(np.array(y), np.array(t)) == pytest.approx(-np.log(0.6), rel=1e-12)


def test_cross_entropy_one_hot_and_labels_agree_and_average():
    y = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    labels = np.array([0, 2])
    one_hot = np.eye(3)[labels]
    expected = -(np.log(0.7) + np.log(0.8)) / 2
    assert cross_entropy_error(y, labels) == pytest.approx(expected, rel=1e-12)
    assert cross_entropy_error(y, one_hot) == pytest.approx(expected, rel=1e-12)


def test_cross_entropy_hopeless_prediction_is_finite():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = cross_entropy_error(np.array([[1.0, 0.0]]), np.array([1]))
    assert np.isfinite(loss) and loss > 700


def test_softmax_loss_matches_softmax_then_cross_entropy():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((5, 4))
    t = rng.integers(0, 4, 5)
    assert softmax_loss(x, t) == pytest.approx(cross_entropy_error(softmax(x), t), rel=1e-12)
    assert softmax_loss(x, np.eye(4)[t]) == pytest.approx(softmax_loss(x, t), rel=1e-12)


def test_softmax_loss_hopeless_is_finite_and_exact():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = softmax_loss(np.array([[1000.0, 0.0]]), np.array([1]))
    assert loss == pytest.approx(1000.0)


def test_target_shape_error_names_both_shapes():
    with pytest.raises(ValueError, match=r"\(3,\).*\(2, 4\)"):
        cross_entropy_error(np.full((2, 4), 0.25), np.array([0, 1, 2]))


def test_uint8_inputs_are_computed_in_float64_without_warnings():
    x = np.array([[0, 255, 3], [200, 100, 50]], dtype=np.uint8)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        results = softmax(x), log_softmax(x), sigmoid(x), softmax_loss(x, np.array([1, 2]))
    expected = (softmax(x.astype(float)), log_softmax(x.astype(float)), sigmoid(x.astype(float)),
                softmax_loss(x.astype(float), np.array([1, 2])))
    for got, want in zip(results, expected, strict=True):
        assert np.asarray(got).dtype == np.float64
        np.testing.assert_array_equal(got, want)
    np.testing.assert_allclose(softmax(x)[0], [np.exp(-255), 1.0, np.exp(-252)], rtol=1e-12)


def test_float32_stays_float32():
    x = np.array([[1.0, 2.0, 300.0]], dtype=np.float32)
    assert softmax(x).dtype == np.float32
    assert log_softmax(x).dtype == np.float32
    assert sigmoid(x).dtype == np.float32
    assert softmax_loss(x, np.array([2])).dtype == np.float32


@pytest.mark.parametrize("y_shape, t_shape", [((3,), (2,)), ((3,), (2, 3)), ((2, 4), (2, 3))])
def test_target_shape_error_names_the_shapes_as_given(y_shape, t_shape):
    with pytest.raises(ValueError, match=r"target shape " + re.escape(str(t_shape))
                       + r" does not fit score shape " + re.escape(str(y_shape))):
        cross_entropy_error(np.full(y_shape, 0.25), np.zeros(t_shape))


@pytest.mark.parametrize("loss", [cross_entropy_error, softmax_loss])
def test_labels_must_be_classes(loss):
    y = np.full((2, 3), 1 / 3)
    for t, message in (([0, -1], "class label -1 is out of range"),
                       ([3, 1], "class label 3 is out of range"),
                       ([1.5, 1.0], r"whole numbers 0 to 2, got 1\.5"),
                       ([np.inf, 1.0], "whole numbers 0 to 2, got inf")):
        with pytest.raises(ValueError, match=message):
            loss(y, np.array(t))
    with pytest.raises(ValueError, match="class label 200 is out of range"):
        loss(y, np.array([0, 200], dtype=np.uint8))
    with pytest.raises(ValueError, match="class label 7 is out of range"):
        loss(y[0], 7)  # a single sample with a single label


@pytest.mark.parametrize("loss", [cross_entropy_error, softmax_loss])
def test_whole_float_labels_count_as_classes(loss):
    y = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    assert loss(y, np.array([0.0, 2.0])) == loss(y, np.array([0, 2]))
    assert loss(y[1], 2.0) == loss(y[1], 2)


@pytest.mark.parametrize("shape", [(0, 3), (2, 0), (0,)])
def test_empty_scores_name_the_shape(shape):
    with pytest.raises(ValueError, match=re.escape(f"scores of shape {shape} are empty")):
        softmax_loss(np.zeros(shape), np.zeros(shape))


def test_mean_squared_error_is_the_books():
    y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])  # the book's 4.2.1 example
    t = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    assert mean_squared_error(y, t) == pytest.approx(0.0975)
    assert mean_squared_error(np.array([3], dtype=np.uint8), np.array([5], dtype=np.uint8)) == 2.0
