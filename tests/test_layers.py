"""common.layers: the book's exact numbers, and every backward against a numerical gradient."""
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.gradient import numerical_gradient
from common.layers import AddLayer, Affine, MulLayer, Relu, Sigmoid, SoftmaxWithLoss

SETTINGS = settings(max_examples=25, deadline=None)


def relative_error(a, b):
    """|a - b| / (|a| + |b|) over the whole array: scale-free, and O(1) for a wrong formula.

    (The elementwise measure of common.gradient.relative_error is too strict for random
    shapes: entries near zero carry the central difference's own error of about h^2.)
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.linalg.norm(a - b) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(b))
dims = st.integers(min_value=1, max_value=5)
seeds = st.integers(min_value=0, max_value=2**32 - 1)


def test_apple_example_exact():
    mul_apple, mul_tax = MulLayer(), MulLayer()
    price = mul_tax.forward(mul_apple.forward(100, 2), 1.1)
    dapple_price, dtax = mul_tax.backward(1)
    dapple, dapple_num = mul_apple.backward(dapple_price)
    assert int(price) == 220
    assert (dapple, int(dapple_num), dtax) == (2.2, 110, 200)


def test_apple_orange_example_exact():
    mul_apple, mul_orange, add, mul_tax = MulLayer(), MulLayer(), AddLayer(), MulLayer()
    all_price = add.forward(mul_apple.forward(100, 2), mul_orange.forward(150, 3))
    price = mul_tax.forward(all_price, 1.1)
    dall_price, dtax = mul_tax.backward(1)
    dapple_price, dorange_price = add.backward(dall_price)
    dorange, dorange_num = mul_orange.backward(dorange_price)
    dapple, dapple_num = mul_apple.backward(dapple_price)
    assert int(price) == 715
    assert (dapple, int(dapple_num), dtax) == (2.2, 110, 650)
    assert repr(dorange) == "3.3000000000000003"
    assert int(dorange_num) == 165


def check_layer_gradient(forward, backward, x, dout):
    """Backward's dx against the numerical gradient of sum(forward(x) * dout)."""
    analytic = backward(dout)
    numeric = numerical_gradient(lambda v: np.sum(forward(v) * dout), x)
    return relative_error(analytic, numeric), analytic


@SETTINGS
@given(n=dims, d=dims, seed=seeds)
def test_mul_and_add_backward(n, d, seed):
    rng = np.random.default_rng(seed)
    x, y, dout = rng.standard_normal((3, n, d))
    for layer in (MulLayer(), AddLayer()):
        layer.forward(x, y)
        dx, dy = layer.backward(dout)
        fresh = type(layer)()
        num_dx = numerical_gradient(lambda v: np.sum(fresh.forward(v, y) * dout), x.copy())  # noqa: B023
        num_dy = numerical_gradient(lambda v: np.sum(fresh.forward(x, v) * dout), y.copy())  # noqa: B023
        assert relative_error(dx, num_dx) < 1e-7
        assert relative_error(dy, num_dy) < 1e-7


@SETTINGS
@given(n=dims, d=dims, seed=seeds)
def test_relu_backward(n, d, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d))
    x[np.abs(x) < 1e-3] = 0.5  # keep away from the kink, where the derivative is undefined
    dout = rng.standard_normal((n, d))
    layer = Relu()
    layer.forward(x)
    err, _ = check_layer_gradient(lambda v: Relu().forward(v), layer.backward, x, dout)
    assert err < 1e-7


@SETTINGS
@given(n=dims, d=dims, seed=seeds)
def test_sigmoid_backward(n, d, seed):
    rng = np.random.default_rng(seed)
    x = 3 * rng.standard_normal((n, d))
    dout = rng.standard_normal((n, d))
    layer = Sigmoid()
    layer.forward(x)
    err, _ = check_layer_gradient(lambda v: Sigmoid().forward(v), layer.backward, x, dout)
    assert err < 1e-7


@SETTINGS
@given(n=dims, d=dims, m=dims, seed=seeds)
def test_affine_backward(n, d, m, seed):
    rng = np.random.default_rng(seed)
    W, b = rng.standard_normal((d, m)), rng.standard_normal(m)
    x, dout = rng.standard_normal((n, d)), rng.standard_normal((n, m))
    layer = Affine(W, b)
    layer.forward(x)
    err, dx = check_layer_gradient(lambda v: Affine(W, b).forward(v), layer.backward, x, dout)
    assert err < 1e-7 and dx.shape == x.shape
    f = lambda _: np.sum(Affine(W, b).forward(x) * dout)  # noqa: E731
    assert relative_error(layer.dW, numerical_gradient(f, W)) < 1e-7
    assert relative_error(layer.db, numerical_gradient(f, b)) < 1e-7
    assert layer.dW.shape == W.shape and layer.db.shape == b.shape


@SETTINGS
@given(n=dims, c=st.integers(min_value=2, max_value=6), seed=seeds, one_hot=st.booleans())
def test_softmax_with_loss_backward(n, c, seed, one_hot):
    rng = np.random.default_rng(seed)
    x = 3 * rng.standard_normal((n, c))
    labels = rng.integers(0, c, n)
    t = np.eye(c)[labels] if one_hot else labels
    layer = SoftmaxWithLoss()
    layer.forward(x, t)
    dx = layer.backward()
    numeric = numerical_gradient(lambda v: SoftmaxWithLoss().forward(v, t), x)
    assert relative_error(dx, numeric) < 1e-7
    y = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(dx, (y - np.eye(c)[labels]) / n, atol=1e-15)


def test_affine_nd_input_batch_of_one():
    rng = np.random.default_rng(0)
    W, b = rng.standard_normal((8, 3)), rng.standard_normal(3)
    x = rng.standard_normal((1, 2, 2, 2))
    layer = Affine(W, b)
    out = layer.forward(x)
    np.testing.assert_allclose(out, x.reshape(1, 8) @ W + b)
    dx = layer.backward(np.ones((1, 3)))
    assert dx.shape == (1, 2, 2, 2)
    np.testing.assert_allclose(dx.reshape(1, 8), np.ones((1, 3)) @ W.T)


def test_affine_first_layer_can_skip_dx():
    layer = Affine(np.ones((2, 3)), np.zeros(3))
    layer.forward(np.ones((4, 2)))
    assert layer.backward(np.ones((4, 3)), need_dx=False) is None
    np.testing.assert_array_equal(layer.db, [4, 4, 4])


@pytest.mark.parametrize("shape", [(3,), (2, 5), (2, 1, 3)])
def test_affine_wrong_shape_names_the_shapes(shape):
    layer = Affine(np.ones((4, 2)), np.zeros(2))
    with pytest.raises(ValueError, match=r"\(4, 2\).*" + re_shape(shape)):
        layer.forward(np.ones(shape))


def re_shape(shape):
    return str(shape).replace("(", r"\(").replace(")", r"\)")


def test_softmax_with_loss_wrong_target_shape_names_the_shapes():
    with pytest.raises(ValueError, match=r"\(3, 2\).*\(2, 4\)|\(2, 4\).*\(3, 2\)"):
        SoftmaxWithLoss().forward(np.zeros((2, 4)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"\(4,\)"):
        SoftmaxWithLoss().forward(np.zeros(4), np.array([1]))


def test_no_layer_writes_into_its_inputs():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((3, 4))
    dout = rng.standard_normal((3, 4))
    t = np.eye(4)[[0, 1, 2]]
    for layer in (Relu(), Sigmoid()):
        x0, d0 = x.copy(), dout.copy()
        layer.forward(x)
        layer.backward(dout)
        np.testing.assert_array_equal(x, x0)
        np.testing.assert_array_equal(dout, d0)  # the book's Relu zeroed dout in place
    W, b = rng.standard_normal((4, 2)), rng.standard_normal(2)
    W0, b0 = W.copy(), b.copy()
    affine = Affine(W, b)
    affine.forward(x)
    affine.backward(np.ones((3, 2)))
    np.testing.assert_array_equal(W, W0)
    np.testing.assert_array_equal(b, b0)
    loss = SoftmaxWithLoss()
    x0, t0 = x.copy(), t.copy()
    loss.forward(x, t)
    loss.backward()
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(t, t0)


def test_softmax_with_loss_hopeless_and_extreme_inputs_are_finite():
    layer = SoftmaxWithLoss()
    loss = layer.forward(np.array([[1000.0, -1000.0]]), np.array([1]))
    assert loss == pytest.approx(2000.0)
    dx = layer.backward()
    np.testing.assert_allclose(dx, [[1.0, -1.0]])


@pytest.mark.parametrize("x", [-1000.0, -50.0, 50.0, 1000.0])
def test_activation_layers_extreme_inputs(x):
    for layer in (Relu(), Sigmoid()):
        y = layer.forward(np.array([x]))
        dx = layer.backward(np.array([1.0]))
        assert np.all(np.isfinite(y)) and np.all(np.isfinite(dx))


def test_relu_mask_and_values():
    layer = Relu()
    out = layer.forward(np.array([[1.0, -0.5], [-2.0, 3.0]]))
    np.testing.assert_array_equal(layer.mask, [[False, True], [True, False]])
    np.testing.assert_array_equal(out, [[1.0, 0.0], [0.0, 3.0]])
    np.testing.assert_array_equal(layer.backward(np.full((2, 2), 7.0)), [[7.0, 0.0], [0.0, 7.0]])


def test_reprs_are_helpful():
    layer = MulLayer()
    layer.forward(100, 2)
    assert "100" in repr(layer) and "2" in repr(layer)
    assert "(4, 2)" in repr(Affine(np.ones((4, 2)), np.zeros(2)))


@pytest.mark.parametrize("layer, args, call", [
    (MulLayer, (1.0,), "forward(x, y)"),
    (Relu, (np.ones(3),), "forward(x)"),
    (Sigmoid, (np.ones(3),), "forward(x)"),
    (lambda: Affine(np.ones((2, 3)), np.zeros(3)), (np.ones((1, 3)),), "forward(x)"),
    (SoftmaxWithLoss, (), "forward(x, t)"),
])
def test_backward_before_forward_says_call_forward_first(layer, args, call):
    layer = layer()
    name = type(layer).__name__
    with pytest.raises(RuntimeError, match=re_shape(f"^{name}.backward called before forward: "
                                                    f"call {call} first$")):
        layer.backward(*args)


def test_add_layer_has_no_state_so_backward_needs_no_forward():
    assert AddLayer().backward(2.0) == (2.0, 2.0)


@pytest.mark.parametrize("t, message", [
    ([0, -1], r"class label -1 is out of range: scores with 3 classes need labels 0 to 2"),
    ([3, 0], r"class label 3 is out of range"),
    ([0.0, 2.5], r"whole numbers 0 to 2, got 2\.5 .*\(2, 3\)"),
    ([np.nan, 1.0], r"whole numbers 0 to 2, got nan"),
    (["a", "b"], r"whole numbers 0 to 2, got 'a'"),
])
def test_softmax_with_loss_rejects_labels_that_are_not_classes(t, message):
    x = np.array([[1.0, 2.0, 3.0], [0.5, 0.0, -0.5]])
    layer = SoftmaxWithLoss()
    with pytest.raises(ValueError, match=message):
        layer.forward(x, np.array(t))
    with pytest.raises(RuntimeError, match="before forward"):  # nothing half-written
        layer.backward()


def test_softmax_with_loss_keeps_its_last_good_forward_after_a_bad_label():
    x = np.array([[1.0, 2.0, 3.0], [0.5, 0.0, -0.5]])
    layer = SoftmaxWithLoss()
    loss = layer.forward(x, np.array([2, 0]))
    dx = layer.backward()
    with pytest.raises(ValueError):
        layer.forward(2 * x, np.array([2, -1]))
    assert layer.loss == loss
    np.testing.assert_array_equal(layer.backward(), dx)


def test_softmax_with_loss_whole_float_and_bool_labels_are_classes():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((4, 2))
    labels = np.array([1, 0, 0, 1])
    expected = SoftmaxWithLoss()
    loss = expected.forward(x, labels)
    for t in (labels.astype(np.float32), labels.astype(bool)):
        layer = SoftmaxWithLoss()
        assert layer.forward(x, t) == loss
        np.testing.assert_array_equal(layer.backward(), expected.backward())


def test_softmax_with_loss_uint8_labels_and_float32_one_hot_as_the_book_gives_them():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((5, 10)).astype(np.float32)
    labels = rng.integers(0, 10, 5)
    by_int = SoftmaxWithLoss()
    loss = by_int.forward(x, labels)
    dx = by_int.backward()
    layer = SoftmaxWithLoss()
    t = labels.astype(np.uint8)
    assert layer.forward(x, t) == loss
    assert layer.t is t  # integer labels are used as given, not copied
    np.testing.assert_array_equal(layer.backward(), dx)
    one_hot = np.eye(10, dtype=np.float32)[labels]
    assert layer.forward(x, one_hot) == pytest.approx(loss, rel=1e-6)
    assert layer.t is one_hot
    np.testing.assert_allclose(layer.backward(), dx, atol=1e-7)


def test_softmax_with_loss_uint8_scores_are_computed_in_float64():
    x = np.array([[0, 255, 3], [200, 100, 50]], dtype=np.uint8)
    t = np.array([1, 2])
    reference = SoftmaxWithLoss()
    expected = reference.forward(x.astype(np.float64), t)
    layer = SoftmaxWithLoss()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = layer.forward(x, t)
        dx = layer.backward()
    assert loss == expected and np.isfinite(loss)
    assert dx.dtype == np.float64
    np.testing.assert_array_equal(dx, reference.backward())


def test_affine_integer_input_is_computed_in_w_float_dtype():
    x = np.array([[200, 100, 255]], dtype=np.uint8)
    W = np.arange(6, dtype=np.float32).reshape(3, 2)
    b = np.ones(2, dtype=np.float32)
    layer = Affine(W, b)
    out = layer.forward(x)
    assert out.dtype == np.float32 and layer.x.dtype == np.float32
    np.testing.assert_array_equal(out, x.astype(np.float32) @ W + b)
    assert layer.backward(np.ones((1, 2), dtype=np.float32)).dtype == np.float32
    assert layer.dW.dtype == np.float32


def test_affine_integer_input_and_weights_do_not_wrap_around():
    layer = Affine(np.array([[200]], dtype=np.uint8), np.array([0], dtype=np.uint8))
    out = layer.forward(np.array([[2]], dtype=np.uint8))  # 2 * 200 = 400 does not fit uint8
    np.testing.assert_array_equal(out, [[400.0]])
    assert out.dtype == np.float64


def test_affine_float32_input_is_used_as_it_is():
    x = np.ones((3, 4), dtype=np.float32)
    layer = Affine(np.ones((4, 2), dtype=np.float32), np.zeros(2, dtype=np.float32))
    assert layer.forward(x).dtype == np.float32
    assert np.shares_memory(layer.x, x)  # no copy on the training path


@pytest.mark.parametrize("shape", [(0, 4), (0, 2, 2)])
def test_affine_empty_batch_names_the_shape(shape):
    layer = Affine(np.ones((4, 2)), np.zeros(2))
    with pytest.raises(ValueError, match=r"Affine got an empty batch, x of shape "
                                         + re_shape(shape) + ": give at least one sample"):
        layer.forward(np.ones(shape))


@pytest.mark.parametrize("b_shape", [(3,), (), (2, 2)])
def test_affine_wrong_bias_shape_is_caught_at_construction(b_shape):
    with pytest.raises(ValueError, match=r"b of shape \(M,\).*got W \(4, 2\) and b "
                                         + re_shape(b_shape)):
        Affine(np.ones((4, 2)), np.zeros(b_shape))


def test_affine_takes_lists_and_keeps_arrays_it_is_given():
    layer = Affine([[1.0, 2.0], [3.0, 4.0]], [0.5, -0.5])
    np.testing.assert_array_equal(layer.forward(np.array([[1.0, 1.0]])), [[4.5, 5.5]])
    W, b = np.ones((2, 2)), np.zeros(2)
    layer = Affine(W, b)
    assert layer.W is W and layer.b is b  # params[...] -= ... must reach the layer
