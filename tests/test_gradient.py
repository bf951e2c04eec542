"""common.gradient.numerical_gradient and the gradient-check helpers."""
import re

import numpy as np
import pytest

from common.gradient import gradient_check, numerical_gradient, relative_error
from common.two_layer_net import TwoLayerNet


def test_numerical_gradient_of_a_quadratic_any_shape():
    x = np.arange(12, dtype=float).reshape(2, 3, 2) - 5.5
    grad = numerical_gradient(lambda v: np.sum(v ** 2), x)
    assert grad.shape == x.shape
    np.testing.assert_allclose(grad, 2 * x, rtol=1e-8, atol=1e-8)


def test_numerical_gradient_book_example():
    # The book's 4.4: f(x0, x1) = x0^2 + x1^2 at (3, 4) -> (6, 8).
    grad = numerical_gradient(lambda x: x[0] ** 2 + x[1] ** 2, np.array([3.0, 4.0]))
    np.testing.assert_allclose(grad, [6.0, 8.0], rtol=1e-9)


def test_x_is_restored_even_when_f_raises():
    x = np.array([1.0, 2.0])
    before = x.copy()
    numerical_gradient(lambda v: float(np.sum(np.sin(v))), x)
    np.testing.assert_array_equal(x, before)

    def failing(v):
        raise KeyError("boom")

    with pytest.raises(KeyError):
        numerical_gradient(failing, x)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_rejects_integer_arrays():
    with pytest.raises(TypeError, match="floating-point"):
        numerical_gradient(lambda v: v.sum(), np.array([1, 2, 3]))


def test_relative_error():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([1.0], [1.1]) == pytest.approx(0.1 / 2.1)
    assert relative_error([0.0], [1e-12]) == pytest.approx(1e-4)  # floor of 1e-8 below


def test_gradient_check_reports_small_differences():
    rng = np.random.default_rng(3)
    net = TwoLayerNet(6, 5, 3, weight_init_std=0.5, rng=rng)
    x = rng.standard_normal((4, 6))
    t = rng.integers(0, 3, 4)
    result = gradient_check(net, x, t)
    assert set(result) == {"W1", "b1", "W2", "b2"}
    for key, (mean_abs, rel) in result.items():
        assert mean_abs < 1e-8, key
        assert rel < 1e-5, key


def test_gradient_check_catches_a_wrong_gradient():
    rng = np.random.default_rng(4)
    net = TwoLayerNet(4, 3, 2, weight_init_std=0.5, rng=rng)
    x = rng.standard_normal((2, 4))
    t = np.array([0, 1])
    correct = net.gradient

    def wrong(x, t):
        grads = correct(x, t)
        return {**grads, "W2": grads["W2"] * 2}

    net.gradient = wrong
    assert gradient_check(net, x, t)["W2"][1] > 0.1


@pytest.mark.parametrize("shape", [(0,), (0, 3)])
def test_numerical_gradient_of_an_empty_array_names_the_shape(shape):
    with pytest.raises(ValueError, match=r"empty x of shape " + re.escape(str(shape))):
        numerical_gradient(lambda v: 0.0, np.zeros(shape))


def test_relative_error_of_tiny_entries_is_their_difference_over_the_floor():
    # as the docstring says: below |a| + |b| = 1e-8 the measure is |a - b| / 1e-8, so two
    # correct entries near 1e-10 that differ by rounding read like a bug
    assert relative_error([1e-10], [2e-10]) == pytest.approx(1e-2)
    assert relative_error([1e-6], [1e-6 + 2e-12]) == pytest.approx(1e-6, rel=1e-3)


def test_numerical_gradient_moves_a_view_in_place():
    W = np.arange(6.0).reshape(2, 3)
    x = np.array([1.0, -2.0])

    def loss(_):  # the book's style: f reads W through a closure, not its argument
        return float(np.sum((x @ W) ** 2))

    grad_of_transpose = numerical_gradient(loss, W.T)  # a non-contiguous view of W
    expected = 2 * np.outer(x, x @ W)  # d/dW of sum((xW)^2)
    np.testing.assert_allclose(grad_of_transpose, expected.T, rtol=1e-6)
    np.testing.assert_array_equal(W, np.arange(6.0).reshape(2, 3))  # put back
