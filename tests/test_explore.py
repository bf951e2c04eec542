"""The widgets' logic (common/explore.py) and the widgets themselves, without a browser."""
import math

import numpy as np
import pytest

from common import drawing, explore, widgets
from common.layers import Affine
from common.training import TrainingDiverged

# --- apple and orange ---------------------------------------------------------------------------

def test_apple_values_are_the_books():
    v = explore.apple_values()
    assert explore.format_values(v, explore.APPLE_NAMES) == (
        "price: 220\ndApple: 2.2\ndApple_num: 110\ndTax: 200")


def test_apple_orange_values_are_the_books():
    v = explore.apple_orange_values()
    assert explore.format_values(v, explore.APPLE_ORANGE_NAMES) == (
        "price: 715\ndApple: 2.2\ndApple_num: 110\ndOrange: 3.3\ndOrange_num: 165\ndTax: 650")
    assert v["dOrange"] == 1.1 * 3  # the raw float, 3.3000000000000003, as in the book


@pytest.mark.parametrize("apple", [0, 1, 37, 100, 250])
@pytest.mark.parametrize("tax", [1.0, 1.08, 1.1, 1.37])
def test_mul_node_swaps_its_inputs(apple, tax):
    v = explore.apple_orange_values(apple=apple, apple_num=4, orange=90, orange_num=2, tax=tax)
    assert v["dApple_num"] == pytest.approx(tax * apple)
    assert v["dApple"] == pytest.approx(tax * 4)
    assert v["dOrange_num"] == pytest.approx(tax * 90)
    assert v["dOrange"] == pytest.approx(tax * 2)
    assert v["dTax"] == pytest.approx(apple * 4 + 90 * 2)
    assert v["price"] == pytest.approx(tax * (apple * 4 + 90 * 2))


def test_dapple_does_not_depend_on_the_apple_price():
    seen = {explore.apple_values(apple=a, apple_num=3, tax=1.2)["dApple"] for a in range(0, 300, 7)}
    assert len(seen) == 1 and seen.pop() == pytest.approx(3.6)


def test_format_number_hides_float_noise_only():
    assert explore.format_number(220.00000000000003) == "220"
    assert explore.format_number(3.3000000000000003) == "3.3"
    assert explore.format_number(111.1) == "111.1"
    assert explore.format_number(0.125) == "0.125"
    assert explore.format_number(7) == "7"


# --- activation -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["ReLU", "Sigmoid"])
@pytest.mark.parametrize("x", [-1000.0, -50.0, -2.0, -0.1, 0.0, 0.3, 3.0, 50.0, 1000.0, 1e300])
@pytest.mark.parametrize("dout", [1.0, -0.7, 2.5])
def test_activation_dx_is_dout_times_local_gradient(kind, x, dout):
    v = explore.activation_values(kind, x, dout)  # RuntimeWarnings are errors here
    assert all(math.isfinite(v[k]) for k in ("y", "local_grad", "dx"))
    assert v["dx"] == pytest.approx(dout * v["local_grad"])
    if kind == "ReLU":
        assert v["y"] == max(x, 0.0) and v["local_grad"] == (1.0 if x > 0 else 0.0)
    else:
        y = 1 / (1 + math.exp(-x)) if x > -700 else 0.0
        assert v["y"] == pytest.approx(y, abs=1e-15)
        assert v["local_grad"] == pytest.approx(y * (1 - y), abs=1e-15)


def test_sigmoid_local_gradient_matches_a_numerical_slope():
    h = 1e-5
    for x in (-3.0, 0.0, 0.5, 2.0):
        slope = (explore.activation_values("Sigmoid", x + h)["y"]
                 - explore.activation_values("Sigmoid", x - h)["y"]) / (2 * h)
        assert explore.activation_values("Sigmoid", x)["local_grad"] == pytest.approx(slope)


@pytest.mark.parametrize("x", [-1000.0, 0.5, 1000.0])
def test_activation_curve_contains_the_point_and_touches_the_tangent(x):
    xs, ys, tangent = explore.activation_curve("Sigmoid", x)
    assert xs[0] <= x <= xs[-1] and xs.shape == ys.shape == tangent.shape
    assert np.all(np.isfinite(ys)) and np.all(np.isfinite(tangent))
    i = np.argmin(np.abs(xs - x))
    y = explore.activation_values("Sigmoid", x)["y"]
    assert tangent[i] == pytest.approx(y + explore.activation_values("Sigmoid", x)["local_grad"]
                                       * (xs[i] - x))


def test_unknown_activation_is_named():
    with pytest.raises(ValueError, match="unknown activation 'tanh'.*ReLU, Sigmoid"):
        explore.activation_values("tanh", 1.0)


# --- softmax ----------------------------------------------------------------------------------

@pytest.mark.parametrize("logits", [[0.3, 2.9, 4.0], [0, 0, 0, 0], [1000, -1000, 3],
                                    [-5.5, 2.0, 0.1, 4.4, -1.0]])
def test_softmax_gradient_is_y_minus_t(logits):
    for label in range(len(logits)):
        v = explore.softmax_values(logits, label)
        assert v["y"].sum() == pytest.approx(1.0)
        assert np.all(v["y"] >= 0) and np.isfinite(v["loss"])
        t = np.eye(len(logits))[label]
        np.testing.assert_array_equal(v["t"], t)
        np.testing.assert_allclose(v["dx"], v["y"] - t, atol=1e-15)
        assert v["loss"] == pytest.approx(-np.log(max(v["y"][label], 1e-300)), rel=1e-9) or (
            v["y"][label] == 0 and v["loss"] > 700)


def test_softmax_matches_the_books_example():
    v = explore.softmax_values([0.3, 2.9, 4.0], 2)
    np.testing.assert_allclose(v["y"], [0.01821127, 0.24519181, 0.73659691], rtol=1e-6)
    assert v["loss"] == pytest.approx(-np.log(0.73659691), rel=1e-6)


def test_softmax_gradient_matches_a_numerical_gradient():
    logits = np.array([0.5, -1.2, 2.0, 0.1])
    v = explore.softmax_values(logits, 1)
    h = 1e-6
    numerical = [(explore.softmax_values(logits + h * e, 1)["loss"]
                  - explore.softmax_values(logits - h * e, 1)["loss"]) / (2 * h)
                 for e in np.eye(4)]
    np.testing.assert_allclose(v["dx"], numerical, atol=1e-8)


@pytest.mark.parametrize("label", [-1, 3, 1.0, "0"])
def test_softmax_bad_label_is_named(label):
    with pytest.raises(ValueError, match="label must be a class index from 0 to 2"):
        explore.softmax_values([1, 2, 3], label)


# --- affine -----------------------------------------------------------------------------------

def test_parse_matrix_reads_rows_and_names_bad_entries():
    np.testing.assert_array_equal(explore.parse_matrix("1 2; 3 4"), [[1, 2], [3, 4]])
    np.testing.assert_array_equal(explore.parse_matrix("1, -2.5\n 3e1 ,4\n"), [[1, -2.5], [30, 4]])
    with pytest.raises(ValueError, match=r"W, row 2: 'x' is not a number"):
        explore.parse_matrix("1 2\n3 x", "W")
    with pytest.raises(ValueError, match="X: row 2 has 3 numbers but row 1 has 2"):
        explore.parse_matrix("1 2\n3 4 5", "X")
    with pytest.raises(ValueError, match="b is empty"):
        explore.parse_matrix("  \n", "b")
    with pytest.raises(ValueError, match="finite"):
        explore.parse_matrix("1 inf", "X")


def test_affine_values_match_the_layer_and_the_formulas():
    rng = np.random.default_rng(0)
    X, W, b, dout = (rng.standard_normal(s) for s in ((4, 3), (3, 2), (2,), (4, 2)))
    v = explore.affine_values(X, W, b, dout)
    layer = Affine(W, b)
    np.testing.assert_array_equal(v["Y"], layer.forward(X))
    np.testing.assert_array_equal(v["dX"], layer.backward(dout))
    np.testing.assert_array_equal(v["dW"], layer.dW)
    np.testing.assert_array_equal(v["db"], layer.db)
    np.testing.assert_allclose(v["dX"], dout @ W.T)
    np.testing.assert_allclose(v["dW"], X.T @ dout)
    np.testing.assert_allclose(v["db"], dout.sum(axis=0))
    assert (v["Y"].shape, v["dX"].shape, v["dW"].shape, v["db"].shape) == (
        (4, 2), X.shape, W.shape, b.shape)


def test_affine_values_name_the_shape_mismatch():
    X, W = np.ones((2, 3)), np.ones((2, 4))
    with pytest.raises(ValueError, match=r"X has 3 columns but W has 2 rows"):
        explore.affine_values(X, W, np.ones(4), np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"b needs one row of 4 numbers"):
        explore.affine_values(np.ones((2, 2)), W, np.ones(3), np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"dout must have the shape of Y = X·W \+ b, \(2, 4\)"):
        explore.affine_values(np.ones((2, 2)), W, np.ones((1, 4)), np.ones((4, 2)))


def test_format_matrix_states_the_shape():
    assert explore.format_matrix("dW", np.array([[1.0, 2.5]])) == "dW (1, 2):\n[[1.  2.5]]"


# --- training -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_mnist():
    """A synthetic, learnable 10-class problem shaped like MNIST (784 inputs)."""
    rng = np.random.default_rng(1)
    centers = rng.random((10, 784)).astype(np.float32)
    labels = rng.integers(0, 10, 600)
    x = np.clip(centers[labels] + 0.3 * rng.standard_normal((600, 784)), 0, 1)
    x = x.astype(np.float32)
    return x[:500], labels[:500], x[500:], labels[500:]


def test_training_run_learns_and_reports_often(small_mnist):
    settings = explore.training_settings(0.1, 20, 50, 120, 0.01)
    reports = []
    run = explore.TrainingRun(settings, *small_mnist, report_every=20, eval_size=100,
                              on_progress=lambda r: reports.append((r.status, r.iteration)))
    run.run()
    assert run.status == "done" and run.iteration == 120
    assert run.network.params["W1"].dtype == np.float32
    assert [i for _, i in reports[:-1]] == [20, 40, 60, 80, 100]  # more often than per epoch
    assert reports[-1] == ("done", 120)
    assert run.eval_iters == [0, 20, 40, 60, 80, 100, 120]
    assert run.final_test_acc > 0.9 and run.test_acc[-1] > 0.9
    assert len(run.history.train_loss) == 120
    assert run.history.train_loss[-1] < run.history.train_loss[0]
    assert "Done after 120 iterations" in run.message and run.warning == ""


def test_training_run_shows_the_loss_from_the_first_report(small_mnist):
    settings = explore.training_settings(0.1, 20, 50, 60, 0.01)
    losses = []
    run = explore.TrainingRun(settings, *small_mnist, report_every=20, eval_size=100,
                              on_progress=lambda r: losses.append(len(r.history.train_loss)))
    run.run()
    assert losses == [20, 40, 60]


def test_training_run_stops_when_asked(small_mnist):
    settings = explore.training_settings(0.1, 10, 50, 10_000, 0.01)

    def stop_early(run):
        if run.iteration >= 30:
            run.stop()

    run = explore.TrainingRun(settings, *small_mnist, report_every=10, eval_size=50,
                              on_progress=stop_early)
    run.run()
    assert run.status == "stopped" and run.iteration == 30
    assert run.message.startswith("Stopped after 30 iterations")


def test_diverging_training_gives_a_message_not_nan(small_mnist):
    settings = explore.training_settings(1e9, 20, 50, 50, 1.0)
    run = explore.TrainingRun(settings, *small_mnist, eval_size=50)
    run.run()
    assert run.status == "diverged"
    assert "Training diverged at iteration" in run.message
    assert "learning rate 1e+09 is far too large" in run.message
    assert all(np.isfinite(run.history.train_loss))


def test_diverged_message_names_iteration_and_rate():
    error = TrainingDiverged(7, 50.0, history=None)
    message = explore.diverged_message(error, 50.0)
    assert "iteration 7" in message and "50" in message and "0.1" in message


def test_a_second_run_starts_over_and_repeats_the_first(small_mnist):
    settings = explore.training_settings(0.1, 10, 50, 40, 0.01)
    run = explore.TrainingRun(settings, *small_mnist, report_every=20, eval_size=50)
    run.run()

    def results():
        return (list(run.eval_iters), list(run.train_acc), list(run.test_acc), run.iteration,
                list(run.history.train_loss), run.final_test_acc, run.message, run.status)

    first = results()
    assert run.run() is run
    assert results() == first and run.eval_iters == [0, 20, 40]


def test_stop_before_run_ends_that_run_at_once_and_no_later_one(small_mnist):
    settings = explore.training_settings(0.1, 10, 50, 40, 0.01)
    run = explore.TrainingRun(settings, *small_mnist, report_every=20, eval_size=50)
    run.stop()  # as a Stop pressed right after Train, before the thread got going
    run.run()
    assert run.status == "stopped" and run.iteration == 0 and run.warning == ""
    assert run.message.startswith("Stopped after 0 iterations")
    run.run()
    assert run.status == "done" and run.iteration == 40


def test_stop_after_a_run_ended_does_not_reach_the_next_run(small_mnist):
    settings = explore.training_settings(0.1, 10, 50, 40, 0.01)
    run = explore.TrainingRun(settings, *small_mnist, report_every=20, eval_size=50)
    run.run()
    run.stop()
    run.run()
    assert run.status == "done" and run.iteration == 40


def _without_test_images(d):
    return d[0], d[1], d[2][:0], d[3][:0]


@pytest.mark.parametrize("change, match", [
    (lambda s, d: (s | {"batch_size": 0}, d, {}), "batch size must be at least 1"),
    (lambda s, d: (s | {"iters": 2.5}, d, {}), "iterations must be at least 1 and a whole number"),
    (lambda s, d: (s | {"learning_rate": -1.0}, d, {}), "learning rate must be a positive number"),
    (lambda s, d: (s, _without_test_images(d), {}), "the test set is empty"),
    (lambda s, d: (s, (d[0], d[1][:400], d[2], d[3]), {}),
     "x_train has 500 images but t_train has 400 labels"),
    (lambda s, d: (s, d, {"report_every": 0}), "report_every must be a whole number"),
    (lambda s, d: (s, d, {"eval_size": 0}), "eval_size must be a whole number"),
])
def test_training_run_refuses_what_cannot_train_before_it_starts(small_mnist, change, match):
    settings = explore.training_settings(0.1, 10, 50, 40, 0.01)
    settings, data, kwargs = change(settings, small_mnist)
    with pytest.raises(ValueError, match=match):
        explore.TrainingRun(settings, *data, **kwargs)


def test_training_run_names_a_too_large_learning_rate(small_mnist):
    settings = explore.training_settings(100.0, 20, 50, 100, 0.01)
    run = explore.TrainingRun(settings, *small_mnist, eval_size=50).run()
    assert run.status == "done" and run.final_test_acc < 0.2
    assert "stayed at chance level" in run.warning
    assert "the learning rate is probably too large: 100% of the hidden units" in run.warning


@pytest.mark.parametrize("batch_size, iters, weight_scale", [(50, 1, 0.01), (1, 1, 1e-4),
                                                             (50, 20, 1e-4), (1, 20, 1e-4)])
def test_training_run_does_not_blame_the_learning_rate_for_a_short_run(
        small_mnist, batch_size, iters, weight_scale):
    settings = explore.training_settings(0.1, 20, batch_size, iters, weight_scale)
    run = explore.TrainingRun(settings, *small_mnist, eval_size=50).run()
    assert run.final_test_acc < 0.2  # not learned yet
    assert "learning rate" not in run.warning


def test_training_run_says_train_longer_when_the_loss_goes_down(small_mnist):
    settings = explore.training_settings(0.1, 20, 50, 30, 1e-4)
    run = explore.TrainingRun(settings, *small_mnist, eval_size=50).run()
    assert "the loss is going down" in run.warning and "Train for more iterations" in run.warning
    assert "learning rate" not in run.warning


@pytest.mark.parametrize("args, match", [
    ((0, 50, 100, 10, 0.01), "learning rate must be a positive number"),
    ((float("nan"), 50, 100, 10, 0.01), "learning rate"),
    ((0.1, 0, 100, 10, 0.01), "hidden size must be at least 1"),
    ((0.1, 50, 0, 10, 0.01), "batch size must be at least 1"),
    ((0.1, 50, 100, 0, 0.01), "iterations must be at least 1"),
    ((0.1, 50, 100, 10, -1), "weight scale must be a positive number"),
    ((0.1, 50, 100, 10, float("nan")), "weight scale must be a positive number, got nan"),
    ((0.1, 2.5, 100, 10, 0.01), "hidden size must be at least 1 and a whole number, got 2.5"),
    ((0.1, 50, 100, float("nan"), 0.01), "iterations must be at least 1 and a whole number"),
    ((0.1, 50, True, 10, 0.01), "batch size must be at least 1 and a whole number, got True"),
])
def test_training_settings_are_checked(args, match):
    with pytest.raises(ValueError, match=match):
        explore.training_settings(*args)


def test_gradient_check_report_uses_a_float64_copy(small_mnist):
    x, t = small_mnist[0], small_mnist[1]
    network = explore.make_network(hidden_size=4, weight_scale=0.1, seed=3)
    network.params["b1"] += 0.01  # non-zero biases: every gradient is non-trivial
    before = {k: v.copy() for k, v in network.params.items()}
    rows, text = explore.gradient_check_report(network, x, t)
    assert [r[0] for r in rows] == ["W1", "b1", "W2", "b2"]
    for _, mean_diff, rel_err in rows:
        assert mean_diff < 1e-8 and rel_err < 1e-4
    assert "W1" in text and "max rel. error" in text
    for k, v in network.params.items():  # the float32 network is untouched
        assert v.dtype == np.float32
        np.testing.assert_array_equal(v, before[k])


# --- the widgets, headless ------------------------------------------------------------------

def lines(html_widget):
    """{name: value} from the "name: value" lines of a widget's HTML."""
    import re
    text = re.sub(r"<[^>]+>", "", html_widget.value)
    return dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)


def part(view, css_class):
    return next(w for w in _walk(view) if css_class in w._dom_classes)


def _walk(w):
    yield w
    for child in getattr(w, "children", ()):
        yield from _walk(child)


def test_apple_orange_widget_updates_values_and_graph():
    view = widgets.apple_orange_widget()
    values, image = part(view, "explore-values"), part(view, "explore-plot")
    assert lines(values)["price"] == "715" and image.value[:4] == b"\x89PNG"
    old_png = image.value
    view.sliders["apple"].value = 123
    v = lines(values)
    assert float(v["dApple_num"]) == pytest.approx(1.1 * 123)
    assert v["dApple"] == "2.2"
    assert "<b>dApple_num: 135.3</b>" in values.value  # what changed is in bold
    assert "<b>dApple:" not in values.value
    assert image.value != old_png


def test_apple_widget_updates():
    view = widgets.apple_widget()
    values = part(view, "explore-values")
    view.sliders["tax"].value = 1.2
    assert lines(values) == {"price": "240", "dApple": "2.4", "dApple_num": "120", "dTax": "200"}


def test_activation_widget_updates():
    view = widgets.activation_widget()
    values, image = part(view, "explore-values"), part(view, "explore-plot")
    old_png = image.value
    view.controls["kind"].value = "ReLU"
    view.controls["x"].value = -2.0
    view.controls["dout"].value = 1.5
    assert lines(values) == {"y": "0", "local_grad": "0", "dout": "1.5", "dx": "0"}
    view.controls["x"].value = 2.5
    assert lines(values) == {"y": "2.5", "local_grad": "1", "dout": "1.5", "dx": "1.5"}
    view.controls["kind"].value = "Sigmoid"
    view.controls["x"].value = 0.0
    assert lines(values) == {"y": "0.5", "local_grad": "0.25", "dout": "1.5", "dx": "0.375"}
    assert image.value != old_png and image.value[:4] == b"\x89PNG"


def test_softmax_widget_updates():
    view = widgets.softmax_widget()
    values, image = part(view, "explore-values"), part(view, "explore-plot")
    assert lines(values)["y"] == "[0.0182 0.2452 0.7366]"
    old_png = image.value
    for slider in view.controls["logits"]:
        slider.value = 1.0
    view.controls["label"].value = 1
    v = lines(values)
    assert v["y"] == "[0.3333 0.3333 0.3333]" and v["t"] == "[0.0000 1.0000 0.0000]"
    assert v["y - t"] == "[ 0.3333 -0.6667  0.3333]"
    assert float(v["loss"]) == pytest.approx(np.log(3), abs=1e-4)
    assert image.value != old_png


def test_affine_widget_shows_shapes_and_a_clear_error():
    view = widgets.affine_widget()
    values, message = part(view, "explore-values"), part(view, "explore-message")
    assert "dW = Xᵀ·dout  (2, 2)·(2, 3) → (2, 3)" in values.value.replace("&#x27;", "'")
    view.controls["W"].value = "1 2\n3 oops"
    assert "W, row 2: &#x27;oops&#x27; is not a number" in message.value
    assert values.value == ""
    view.controls["W"].value = "1 0 -1\n0.5 1 2"
    assert message.value == "" and "db = sum of dout over axis 0 → (3,)" in values.value


def train_on_dashboard(data, **settings):
    """A dashboard after pressing Train with these control values and waiting for the end."""
    view = widgets.training_dashboard(*data)
    for name, value in settings.items():
        view.controls[name].value = value
    view.controls["train"].click()
    view.state["thread"].join(timeout=60)
    return view


def test_training_dashboard_trains_in_a_thread_and_reports(small_mnist):
    view = train_on_dashboard(small_mnist, iters=60, hidden_size=10, batch_size=50)
    c = view.controls
    values, message = part(view, "explore-values"), part(view, "explore-message")
    assert lines(values)["status"] == "done" and lines(values)["iteration"] == "60"
    assert "Done after 60 iterations" in message.value
    assert c["progress"].value == c["progress"].max == 60
    assert part(view, "explore-plot").value[:4] == b"\x89PNG"
    assert not c["train"].disabled and c["stop"].disabled


def test_training_dashboard_shows_divergence(small_mnist):
    view = train_on_dashboard(small_mnist, learning_rate=1e9, weight_scale=1.0, iters=50)
    message = part(view, "explore-message").value
    assert "Training diverged" in message and "#b00020" in message  # shown in red


def test_training_dashboard_rejects_wrong_data():
    with pytest.raises(ValueError, match=r"images of shape \(N, 784\).*load_mnist"):
        widgets.training_dashboard(np.zeros((5, 28, 28)), np.zeros(5), np.zeros((2, 784)),
                                   np.zeros(2))


def test_training_dashboard_rejects_an_empty_set_and_a_bad_seed(small_mnist):
    x, t = small_mnist[0], small_mnist[1]
    with pytest.raises(ValueError, match=r"test images of shape \(N, 784\) with N >= 1"):
        widgets.training_dashboard(x, t, x[:0], t[:0])
    for seed in (-1, 1.5, "0"):
        with pytest.raises(ValueError, match="seed must be a whole number of at least 0"):
            widgets.training_dashboard(x, t, x, t, seed=seed)


def test_training_dashboard_runs_one_training_at_a_time(small_mnist):
    view = widgets.training_dashboard(*small_mnist)
    c = view.controls
    c["hidden_size"].value, c["batch_size"].value, c["iters"].value = 10, 50, 5000
    c["train"].click()
    first, thread = view.state["run"], view.state["thread"]
    c["train"].click()  # a second click before the first run ended: ignored
    assert view.state["run"] is first and view.state["thread"] is thread
    c["stop"].click()
    thread.join(timeout=60)
    assert first.status == "stopped" and first.iteration < 5000
    assert "Stopped after" in part(view, "explore-message").value
    assert not c["train"].disabled and c["stop"].disabled
    c["iters"].value = 20
    c["train"].click()  # Train works again once the run ended
    view.state["thread"].join(timeout=60)
    assert view.state["run"] is not first and view.state["run"].status == "done"
    assert "Done after 20 iterations" in part(view, "explore-message").value


def test_training_dashboard_names_a_too_large_learning_rate(small_mnist):
    view = train_on_dashboard(small_mnist, learning_rate=100.0, iters=100, hidden_size=20,
                              batch_size=50)
    message = part(view, "explore-message").value
    assert "Done after 100 iterations" in message
    assert "the learning rate is probably too large" in message and "#b00020" in message


@pytest.mark.parametrize("batch_size, iters, weight_scale", [(100, 1, 0.01), (1, 20, 1e-4)])
def test_training_dashboard_does_not_blame_the_learning_rate_for_a_short_run(
        small_mnist, batch_size, iters, weight_scale):
    view = train_on_dashboard(small_mnist, batch_size=batch_size, iters=iters,
                              weight_scale=weight_scale)
    message = part(view, "explore-message").value
    assert view.state["run"].final_test_acc < 0.2 and f"Done after {iters} iterations" in message
    assert "learning rate" not in message


@pytest.mark.parametrize("make, control, valid, name", [
    (widgets.apple_widget, lambda v: v.sliders["tax"], 1.2, "tax"),
    (widgets.apple_orange_widget, lambda v: v.sliders["tax"], 1.3, "tax"),
    (widgets.activation_widget, lambda v: v.controls["x"], 0.5, "x"),
    (widgets.activation_widget, lambda v: v.controls["dout"], -0.5, "dout"),
    (widgets.softmax_widget, lambda v: v.controls["logits"][1], 0.5, "a1"),
])
def test_a_slider_set_to_nan_in_code_shows_a_message_and_recovers(make, control, valid, name):
    view = make()
    values, message = part(view, "explore-values"), part(view, "explore-message")
    control(view).value = float("nan")  # a FloatSlider lets nan through (inf becomes max)
    assert f"{name} is nan, not a number: set it to a value from" in message.value
    assert "nan" not in values.value
    control(view).value = valid
    assert message.value == ""
    fresh = make()
    control(fresh).value = valid
    assert lines(values) == lines(part(fresh, "explore-values"))


@pytest.mark.parametrize("kwargs, match", [
    ({"logits": (1.0,)}, r"logits must be 2 or more numbers from -6 to 6, such as "
                         r"\(0\.3, 2\.9, 4\.0\); got \(1\.0,\)"),
    ({"logits": ()}, r"logits must be 2 or more numbers .*; got \(\)"),
    ({"logits": 3}, r"logits must be .*; got 3"),
    ({"logits": "123"}, r"logits must be .*; got '123'"),
    ({"logits": (10, 0), "label": 0}, r"logits must be .*; got 10 in \(10, 0\)"),
    ({"logits": (float("nan"), 0), "label": 0}, r"logits must be .*; got nan"),
    ({"label": 3}, r"label must be a class index from 0 to 2 \(one per logit\), got 3"),
    ({"label": -1}, r"label must be a class index from 0 to 2 .*got -1"),
    ({"label": 1.0}, r"label must be a class index .*got 1\.0"),
    ({"logits": (1, 2), "label": 2}, r"label must be a class index from 0 to 1 .*got 2"),
])
def test_softmax_widget_names_a_bad_argument_before_building_anything(kwargs, match,
                                                                       monkeypatch):
    import ipywidgets

    def no_widget(*args, **kwargs):
        raise AssertionError("a widget was built before the arguments were checked")

    monkeypatch.setattr(ipywidgets.Widget, "__init__", no_widget)
    with pytest.raises(ValueError, match=match):
        widgets.softmax_widget(**kwargs)


def test_affine_widget_names_a_box_given_other_than_text():
    with pytest.raises(TypeError, match=r"affine_widget: X must be text such as '1 2\\n3 4' "
                                        r"\(rows on lines, numbers split by spaces\), got list"):
        widgets.affine_widget(X=[[1, 2]])


def _pixels(png):
    import io

    import PIL.Image
    return np.asarray(PIL.Image.open(io.BytesIO(png)))


def test_graph_redraws_only_numbers_and_equals_a_full_drawing():
    from common import figures
    picture = widgets._GraphFigure()
    picture.png(figures.apple_orange_graph())
    background = picture.plot.background
    for inputs in ({"apple": 120}, {"apple": 300, "apple_num": 10, "orange": 300, "tax": 1.5},
                   {"apple": 0, "apple_num": 0, "orange": 0, "orange_num": 0, "tax": 1.0}):
        png = picture.png(figures.apple_orange_graph(**inputs))
        assert picture.plot.background is background  # only the numbers were drawn
        full = widgets.figure_png(drawing.draw_graph(figures.apple_orange_graph(**inputs)))
        assert np.array_equal(_pixels(png), _pixels(full))


def test_graph_is_drawn_again_when_a_number_would_not_fit_or_the_graph_changes():
    def graph(name, title="t"):
        g = drawing.Graph(title=title)
        g.add_input("x", "x", (0, 0))
        g.add_output("y", "y", (1, 0))
        g.add_edge("x", "y", value=1, grad=1, value_name=name)
        return g

    long_name = "a name far longer than the first picture is wide"
    picture = widgets._GraphFigure()
    small = picture.png(graph("v"))
    background = picture.plot.background
    wide = picture.png(graph(long_name))
    assert picture.plot.background is not background
    assert _pixels(wide).shape[1] > _pixels(small).shape[1]
    assert np.array_equal(_pixels(wide), _pixels(widgets._GraphFigure().png(graph(long_name))))
    background = picture.plot.background
    picture.png(graph(long_name, title="another title"))
    assert picture.plot.background is not background


def test_draw_graph_hands_out_the_edge_label_artists():
    from common import figures
    g = figures.apple_orange_graph()
    artists = {}
    drawing.draw_graph(g, label_artists=artists)
    texts = drawing.edge_labels(g)
    assert {k: a.get_text() for k, a in artists.items()} == texts
    assert texts[0, "value"] == "100" and texts[0, "grad"] == "2.2"  # apple -> x: 100, dapple
