"""The widgets' logic (common/widgets/) and the widgets themselves, without a browser."""
import html
import math

import numpy as np
import pytest

from common import widgets
from common.graph import chapter
from common.graph.nudge import nudge_checks
from common.graph.stepper import graph_steps
from common.labels import LabelledError
from common.labels import label as label_of
from common.layers import Affine
from common.practice import breakit
from common.training import TrainingDiverged
from common.widgets import affine, logic, network, parts, training_run
from common.widgets import breakit as breakit_widget
from common.widgets.stepper import PLAY_MS
from conftest import MISSING_GLYPH, part, widget_tree

# --- apple and orange ---------------------------------------------------------------------------

def test_apple_values_are_the_books():
    v = logic.apple_values()
    assert logic.format_values(v, logic.APPLE_NAMES) == (
        "price: 220\ndApple: 2.2\ndApple_num: 110\ndTax: 200")


def test_apple_orange_values_are_the_books():
    v = logic.apple_orange_values()
    assert logic.format_values(v, logic.APPLE_ORANGE_NAMES) == (
        "price: 715\ndApple: 2.2\ndApple_num: 110\ndOrange: 3.3\ndOrange_num: 165\ndTax: 650")
    assert v["dOrange"] == 1.1 * 3  # the raw float, 3.3000000000000003, as in the book


@pytest.mark.parametrize("apple", [0, 1, 37, 100, 250])
@pytest.mark.parametrize("tax", [1.0, 1.08, 1.1, 1.37])
def test_mul_node_swaps_its_inputs(apple, tax):
    v = logic.apple_orange_values(apple=apple, apple_num=4, orange=90, orange_num=2, tax=tax)
    assert v["dApple_num"] == pytest.approx(tax * apple)
    assert v["dApple"] == pytest.approx(tax * 4)
    assert v["dOrange_num"] == pytest.approx(tax * 90)
    assert v["dOrange"] == pytest.approx(tax * 2)
    assert v["dTax"] == pytest.approx(apple * 4 + 90 * 2)
    assert v["price"] == pytest.approx(tax * (apple * 4 + 90 * 2))


def test_dapple_does_not_depend_on_the_apple_price():
    seen = {logic.apple_values(apple=a, apple_num=3, tax=1.2)["dApple"] for a in range(0, 300, 7)}
    assert len(seen) == 1 and seen.pop() == pytest.approx(3.6)


def test_format_number_hides_float_noise_only():
    assert logic.format_number(220.00000000000003) == "220"
    assert logic.format_number(3.3000000000000003) == "3.3"
    assert logic.format_number(111.1) == "111.1"
    assert logic.format_number(0.125) == "0.125"
    assert logic.format_number(7) == "7"


# --- activation -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["ReLU", "Sigmoid"])
@pytest.mark.parametrize("x", [-1000.0, -50.0, -2.0, -0.1, 0.0, 0.3, 3.0, 50.0, 1000.0, 1e300])
@pytest.mark.parametrize("dout", [1.0, -0.7, 2.5])
def test_activation_dx_is_dout_times_local_gradient(kind, x, dout):
    v = logic.activation_values(kind, x, dout)  # RuntimeWarnings are errors here
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
        slope = (logic.activation_values("Sigmoid", x + h)["y"]
                 - logic.activation_values("Sigmoid", x - h)["y"]) / (2 * h)
        assert logic.activation_values("Sigmoid", x)["local_grad"] == pytest.approx(slope)


@pytest.mark.parametrize("x", [-1000.0, 0.5, 1000.0])
def test_activation_curve_contains_the_point_and_touches_the_tangent(x):
    xs, ys, tangent = logic.activation_curve("Sigmoid", x)
    assert xs[0] <= x <= xs[-1] and xs.shape == ys.shape == tangent.shape
    assert np.all(np.isfinite(ys)) and np.all(np.isfinite(tangent))
    i = np.argmin(np.abs(xs - x))
    y = logic.activation_values("Sigmoid", x)["y"]
    assert tangent[i] == pytest.approx(y + logic.activation_values("Sigmoid", x)["local_grad"]
                                       * (xs[i] - x))


def test_unknown_activation_is_named():
    with pytest.raises(ValueError, match="unknown activation 'tanh'.*ReLU, Sigmoid"):
        logic.activation_values("tanh", 1.0)


# --- softmax ----------------------------------------------------------------------------------

@pytest.mark.parametrize("logits", [[0.3, 2.9, 4.0], [0, 0, 0, 0], [1000, -1000, 3],
                                    [-5.5, 2.0, 0.1, 4.4, -1.0]])
def test_softmax_gradient_is_y_minus_t(logits):
    for label in range(len(logits)):
        v = logic.softmax_values(logits, label)
        assert v["y"].sum() == pytest.approx(1.0)
        assert np.all(v["y"] >= 0) and np.isfinite(v["loss"])
        t = np.eye(len(logits))[label]
        np.testing.assert_array_equal(v["t"], t)
        np.testing.assert_allclose(v["dx"], v["y"] - t, atol=1e-15)
        assert v["loss"] == pytest.approx(-np.log(max(v["y"][label], 1e-300)), rel=1e-9) or (
            v["y"][label] == 0 and v["loss"] > 700)


def test_softmax_matches_the_books_example():
    v = logic.softmax_values([0.3, 2.9, 4.0], 2)
    np.testing.assert_allclose(v["y"], [0.01821127, 0.24519181, 0.73659691], rtol=1e-6)
    assert v["loss"] == pytest.approx(-np.log(0.73659691), rel=1e-6)


def test_softmax_gradient_matches_a_numerical_gradient():
    logits = np.array([0.5, -1.2, 2.0, 0.1])
    v = logic.softmax_values(logits, 1)
    h = 1e-6
    numerical = [(logic.softmax_values(logits + h * e, 1)["loss"]
                  - logic.softmax_values(logits - h * e, 1)["loss"]) / (2 * h)
                 for e in np.eye(4)]
    np.testing.assert_allclose(v["dx"], numerical, atol=1e-8)


@pytest.mark.parametrize("label", [-1, 3, 1.0, "0"])
def test_softmax_bad_label_is_named(label):
    with pytest.raises(ValueError, match="label must be a class index from 0 to 2"):
        logic.softmax_values([1, 2, 3], label)


# --- affine -----------------------------------------------------------------------------------

def test_parse_matrix_reads_rows_and_names_bad_entries():
    np.testing.assert_array_equal(logic.parse_matrix("1 2; 3 4"), [[1, 2], [3, 4]])
    np.testing.assert_array_equal(logic.parse_matrix("1, -2.5\n 3e1 ,4\n"), [[1, -2.5], [30, 4]])
    with pytest.raises(ValueError, match=r"W, row 2: 'x' is not a number"):
        logic.parse_matrix("1 2\n3 x", "W")
    with pytest.raises(ValueError, match="X: row 2 has 3 numbers but row 1 has 2"):
        logic.parse_matrix("1 2\n3 4 5", "X")
    with pytest.raises(ValueError, match="b is empty"):
        logic.parse_matrix("  \n", "b")
    with pytest.raises(ValueError, match="finite"):
        logic.parse_matrix("1 inf", "X")


@pytest.mark.parametrize("text", ["１．５　－１；３，４", "1.5 −1\n３ｅ０, 4", "１.５，－１\n3 ４"])
def test_parse_matrix_reads_full_width_input(text):
    np.testing.assert_array_equal(logic.parse_matrix(text), [[1.5, -1], [3, 4]])


def test_affine_values_match_the_layer_and_the_formulas():
    rng = np.random.default_rng(0)
    X, W, b, dout = (rng.standard_normal(s) for s in ((4, 3), (3, 2), (2,), (4, 2)))
    v = logic.affine_values(X, W, b, dout)
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
        logic.affine_values(X, W, np.ones(4), np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"b needs one row of 4 numbers"):
        logic.affine_values(np.ones((2, 2)), W, np.ones(3), np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"dout must have the shape of Y = X·W \+ b, \(2, 4\)"):
        logic.affine_values(np.ones((2, 2)), W, np.ones((1, 4)), np.ones((4, 2)))


def test_bad_matrices_can_be_named_in_japanese():
    with pytest.raises(LabelledError) as caught:
        logic.parse_matrix("1 2\n3 x", "W")
    assert caught.value.text("ja") == ("W の 2 行目: 'x' は数ではありません"
                                       " (0.5 や -2 のように書き、空白かコンマで区切ります)")
    assert caught.value.text("en") == str(caught.value)
    with pytest.raises(LabelledError) as caught:
        logic.affine_values(np.ones((2, 3)), np.ones((2, 4)), np.ones(4), np.ones((2, 4)))
    assert caught.value.text() == ("X は 3 列ですが W は 2 行です: X·W にはこの 2 つが"
                                   "等しい必要があります (X の形は (2, 3)、W の形は (2, 4))")


def test_format_matrix_states_the_shape():
    assert logic.format_matrix("dW", np.array([[1.0, 2.5]])) == "dW (1, 2):\n[[1.  2.5]]"


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
    settings = training_run.training_settings(0.1, 20, 50, 120, 0.01)
    reports = []
    run = training_run.TrainingRun(settings, *small_mnist, report_every=20, eval_size=100,
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
    assert run.message.startswith("120 回の学習で完了: 訓練データの精度 1.000")
    assert run.warning == ""


def test_training_run_shows_the_loss_from_the_first_report(small_mnist):
    settings = training_run.training_settings(0.1, 20, 50, 60, 0.01)
    losses = []
    run = training_run.TrainingRun(settings, *small_mnist, report_every=20, eval_size=100,
                              on_progress=lambda r: losses.append(len(r.history.train_loss)))
    run.run()
    assert losses == [20, 40, 60]


def test_training_run_stops_when_asked(small_mnist):
    settings = training_run.training_settings(0.1, 10, 50, 10_000, 0.01)

    def stop_early(run):
        if run.iteration >= 30:
            run.stop()

    run = training_run.TrainingRun(settings, *small_mnist, report_every=10, eval_size=50,
                              on_progress=stop_early)
    run.run()
    assert run.status == "stopped" and run.iteration == 30
    assert run.message.startswith("30 回の学習で停止")


def test_diverging_training_gives_a_message_not_nan(small_mnist):
    settings = training_run.training_settings(1e9, 20, 50, 50, 1.0)
    run = training_run.TrainingRun(settings, *small_mnist, eval_size=50, lang="en")
    run.run()
    assert run.status == "diverged"
    assert "Training diverged at iteration" in run.message
    assert "learning rate 1e+09 is far too large" in run.message
    assert all(np.isfinite(run.history.train_loss))


def test_training_run_speaks_the_language_asked_for(small_mnist):
    settings = training_run.training_settings(0.1, 10, 50, 20, 0.01)
    run = training_run.TrainingRun(settings, *small_mnist, eval_size=50, lang="en").run()
    assert run.message.startswith("Done after 20 iterations: train_acc=")
    assert run.message.endswith("(all 500 / 100 images)")
    ja = training_run.TrainingRun(settings, *small_mnist, eval_size=50).run()
    assert ja.message.startswith("20 回の学習で完了: 訓練データの精度 ")
    with pytest.raises(ValueError, match="lang must be one of 'ja', 'en', got 'fr'"):
        training_run.TrainingRun(settings, *small_mnist, lang="fr")


def test_diverged_message_names_iteration_and_rate():
    error = TrainingDiverged(7, 50.0, history=None)
    message = training_run.diverged_message(error, 50.0, lang="en")
    assert training_run.diverged_message(error, 50.0).startswith("7 回目で学習が発散しました")
    assert "iteration 7" in message and "50" in message and "0.1" in message


def test_a_second_run_starts_over_and_repeats_the_first(small_mnist):
    settings = training_run.training_settings(0.1, 10, 50, 40, 0.01)
    run = training_run.TrainingRun(settings, *small_mnist, report_every=20, eval_size=50)
    run.run()

    def results():
        return (list(run.eval_iters), list(run.train_acc), list(run.test_acc), run.iteration,
                list(run.history.train_loss), run.final_test_acc, run.message, run.status)

    first = results()
    assert run.run() is run
    assert results() == first and run.eval_iters == [0, 20, 40]


def test_stop_before_run_ends_that_run_at_once_and_no_later_one(small_mnist):
    settings = training_run.training_settings(0.1, 10, 50, 40, 0.01)
    run = training_run.TrainingRun(settings, *small_mnist, report_every=20, eval_size=50)
    run.stop()  # as a Stop pressed right after Train, before the thread got going
    run.run()
    assert run.status == "stopped" and run.iteration == 0 and run.warning == ""
    assert run.message.startswith("0 回の学習で停止")
    run.run()
    assert run.status == "done" and run.iteration == 40


def test_stop_after_a_run_ended_does_not_reach_the_next_run(small_mnist):
    settings = training_run.training_settings(0.1, 10, 50, 40, 0.01)
    run = training_run.TrainingRun(settings, *small_mnist, report_every=20, eval_size=50)
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
    settings = training_run.training_settings(0.1, 10, 50, 40, 0.01)
    settings, data, kwargs = change(settings, small_mnist)
    with pytest.raises(ValueError, match=match):
        training_run.TrainingRun(settings, *data, **kwargs)


def test_training_run_names_a_too_large_learning_rate(small_mnist):
    settings = training_run.training_settings(100.0, 20, 50, 100, 0.01)
    run = training_run.TrainingRun(settings, *small_mnist, eval_size=50, lang="en").run()
    assert run.status == "done" and run.final_test_acc < 0.2
    assert "stayed at chance level" in run.warning
    assert "the learning rate is probably too large: 100% of the hidden units" in run.warning
    run = training_run.TrainingRun(settings, *small_mnist, eval_size=50).run()  # the dashboard's
    assert "当てずっぽうと同じ水準" in run.warning
    assert "学習率が大きすぎるようです: 隠れ層のニューロンの 100% が" in run.warning


@pytest.mark.parametrize("batch_size, iters, weight_scale", [(50, 1, 0.01), (1, 1, 1e-4),
                                                             (50, 20, 1e-4), (1, 20, 1e-4)])
def test_training_run_does_not_blame_the_learning_rate_for_a_short_run(
        small_mnist, batch_size, iters, weight_scale):
    settings = training_run.training_settings(0.1, 20, batch_size, iters, weight_scale)
    for lang, rate in (("en", "learning rate"), ("ja", "学習率")):
        run = training_run.TrainingRun(settings, *small_mnist, eval_size=50, lang=lang).run()
        assert run.final_test_acc < 0.2  # not learned yet
        assert rate not in run.warning


def test_training_run_says_train_longer_when_the_loss_goes_down(small_mnist):
    settings = training_run.training_settings(0.1, 20, 50, 30, 1e-4)
    run = training_run.TrainingRun(settings, *small_mnist, eval_size=50, lang="en").run()
    assert "the loss is going down" in run.warning and "Train for more iterations" in run.warning
    assert "learning rate" not in run.warning
    run = training_run.TrainingRun(settings, *small_mnist, eval_size=50).run()
    assert "損失は下がっています" in run.warning and "繰り返しの回数を増やして" in run.warning


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
        training_run.training_settings(*args)


def test_gradient_check_report_uses_a_float64_copy(small_mnist):
    x, t = small_mnist[0], small_mnist[1]
    network = training_run.make_network(hidden_size=4, weight_scale=0.1, seed=3)
    network.params["b1"] += 0.01  # non-zero biases: every gradient is non-trivial
    before = {k: v.copy() for k, v in network.params.items()}
    rows, text = training_run.gradient_check_report(network, x, t)
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
    text = html.unescape(re.sub(r"<[^>]+>", "", html_widget.value))
    return dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)


def text_of(html_widget):
    import re
    return html.unescape(re.sub(r"<[^>]+>", "", html_widget.value))


def _pixels(png):
    import io

    import PIL.Image
    return np.asarray(PIL.Image.open(io.BytesIO(png)))


def shown_node(view):
    """The node named by the step line (data-node), '' for none."""
    import re
    return re.search(r"data-node='([^']*)'", part(view, "explore-step").value).group(1)


def test_png_bytes_hold_the_picture():
    rng = np.random.default_rng(0)
    rgba = rng.integers(0, 256, (7, 5, 4), dtype=np.uint8)
    png = parts.png_bytes(rgba)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    np.testing.assert_array_equal(_pixels(png), rgba[..., :3])


def test_apple_orange_widget_updates_values_graph_and_nudges():
    view = widgets.apple_orange_widget()
    values, image = part(view, "explore-values"), part(view, "explore-plot")
    assert lines(values)["price"] == "715" and image.value[:4] == b"\x89PNG"
    view.stepper.whole.value = True
    old_png = image.value
    view.controls["apple"].value = 123
    v = lines(values)
    assert float(v["dApple_num"]) == pytest.approx(1.1 * 123)
    assert v["dApple"] == "2.2"
    assert "<b>dApple_num: 135.3</b>" in values.value  # what changed is in bold
    assert "<b>dApple:" not in values.value
    assert image.value != old_png
    nudges = text_of(part(view, "explore-nudge")).splitlines()
    assert nudges == [c.text for c in nudge_checks(chapter.apple_orange_graph, apple=123)]
    assert nudges[0] == "リンゴの値段を +1 円 → 支払い 765.6 → 767.8 (勾配 2.2 × 1 = 2.2 のとおり)"


def test_apple_widget_updates():
    view = widgets.apple_widget()
    values = part(view, "explore-values")
    view.controls["tax"].value = 1.2
    assert lines(values) == {"price": "240", "dApple": "2.4", "dApple_num": "120", "dTax": "200"}
    assert text_of(part(view, "explore-nudge")).splitlines()[2] == (
        "消費税を +0.01 → 支払い 240 → 242 (勾配 200 × 0.01 = 2 のとおり)")


def test_stepper_walks_forward_then_backward_and_stops_at_the_ends():
    view = widgets.apple_widget()
    stepper = view.stepper
    steps = graph_steps(chapter.apple_graph())
    assert stepper.index.value == 1 and stepper.index.max == len(steps) == 7
    assert stepper.back.disabled and not stepper.next.disabled
    pictures, seen = set(), []
    for k, step in enumerate(steps):
        if k:
            stepper.next.click()
        assert stepper.index.value == k + 1
        sentence = text_of(part(view, "explore-step"))
        assert sentence == f"{label_of('phase.' + step.phase)} {k + 1}/7\xa0 {step.text}"
        assert shown_node(view) == (step.node or "")
        pictures.add(part(view, "explore-plot").value)
        seen.append(step.node)
    assert seen == [None, "mul_apple", "mul_tax", None, "mul_tax", "mul_apple", None]
    assert len(pictures) == 7  # every step looks different (the last: all, no highlight)
    assert sentence.startswith("まとめ 7/7\xa0 連鎖律: ∂支払い/∂リンゴの値段 = 1 × 1.1 × 2 = 2.2")
    image = part(view, "explore-plot")
    assert int(image.width) == _pixels(image.value).shape[1]  # shown at its own size
    assert stepper.next.disabled
    stepper.next.click()  # nothing after the last step
    assert stepper.index.value == 7
    for _ in range(8):
        stepper.back.click()
    assert stepper.index.value == 1 and stepper.back.disabled
    first = text_of(part(view, "explore-step"))
    assert first.startswith("順伝播 1/7\xa0 入力から始める: リンゴの値段 = 100、リンゴの個数 = 2")


def test_play_moves_the_step_slider_within_its_bounds():
    view = widgets.softmax_graph_widget()
    stepper = view.stepper
    count = len(graph_steps(chapter.softmax_graph()))
    assert (stepper.play.min, stepper.play.max) == (stepper.index.min, stepper.index.max) == (
        1, count)
    assert stepper.play.interval == PLAY_MS and not stepper.play.repeat
    stepper.play.value = 5  # what the play button does in the browser, one step at a time
    assert stepper.index.value == 5 and text_of(part(view, "explore-step")).startswith("順伝播 5/")
    stepper.index.value = 9
    assert stepper.play.value == 9
    stepper.play.value = count + 3  # beyond the end: stays at the last step
    assert stepper.index.value == count


def test_whole_shows_every_number_without_a_highlight_until_a_step_is_taken():
    view = widgets.apple_widget()
    stepper = view.stepper
    stepper.index.value = 3
    stepper.whole.value = True
    assert text_of(part(view, "explore-step")) == "全体: 順伝播 (黒) と逆伝播 (赤) のすべての値"
    assert shown_node(view) == ""
    full = drawing_of(chapter.apple_graph())
    np.testing.assert_array_equal(_pixels(part(view, "explore-plot").value),
                                  full.render(None)[..., :3])
    stepper.next.click()
    assert not stepper.whole.value and stepper.index.value == 4
    assert shown_node(view) == "" and "逆伝播 4/7" in text_of(part(view, "explore-step"))


def drawing_of(graph):
    import dataclasses

    from common.graph.drawing import StepPicture
    return StepPicture(dataclasses.replace(graph, caption=""), [], parts.PLOT_DPI,
                       sentences=False)


@pytest.mark.parametrize("make, control, value, builder, inputs", [
    (widgets.apple_widget, "apple", 150, chapter.apple_graph, {"apple": 150}),
    (widgets.apple_orange_widget, "tax", 1.08, chapter.apple_orange_graph, {"tax": 1.08}),
    (widgets.sigmoid_widget, "x", -2.5, chapter.sigmoid_graph, {"x": -2.5}),
    (widgets.softmax_graph_widget, "a1", -1.0, chapter.softmax_graph,
     {"a": (0.3, -1.0, 4.0)}),
    (widgets.softmax_graph_widget, "label", 0, chapter.softmax_graph, {"t": (1, 0, 0)}),
])
def test_a_slider_move_keeps_the_step_and_changes_the_numbers(make, control, value, builder,
                                                              inputs):
    import dataclasses

    from common.graph.drawing import edge_labels
    new_graph = builder(**inputs)
    new_steps = graph_steps(new_graph)
    for k in (2, len(new_steps) - 1):  # a forward step, then a backward one
        view = make()
        stepper = view.stepper
        stepper.index.value = k
        picture, png = stepper.pictures.current, part(view, "explore-plot").value
        view.controls[control].value = value
        assert stepper.index.value == k
        assert text_of(part(view, "explore-step")).endswith(new_steps[k - 1].text)
        assert stepper.pictures.current is picture  # the same drawing with new numbers
        assert {key: a.get_text() for key, a in picture.artists.labels.items()} == edge_labels(
            dataclasses.replace(new_graph, caption=""))
    assert part(view, "explore-plot").value != png  # at a backward step every number shows


def test_slider_moves_redraw_numbers_only_and_keep_the_step():
    view = widgets.sigmoid_widget()
    stepper = view.stepper
    stepper.index.value = 7
    picture = stepper.pictures.current
    for x in (-6.0, -0.3, 2.2, 6.0):
        view.controls["x"].value = x
        assert stepper.pictures.current is picture  # the same drawing, new numbers
        assert stepper.index.value == 7
        steps = graph_steps(chapter.sigmoid_graph(x))
        assert text_of(part(view, "explore-step")).endswith(steps[6].text)
        y = 1 / (1 + math.exp(-x))
        assert float(lines(part(view, "explore-values"))["dx"]) == pytest.approx(
            y * (1 - y), rel=1e-5)
    assert "∂L/∂x = ∂L/∂y · y(1 - y) = " in text_of(part(view, "explore-caption"))


def test_softmax_graph_widget_names_its_controls_as_the_graph_does():
    view = widgets.softmax_graph_widget()
    assert [view.controls[f"a{k}"].description for k in range(3)] == ["a₁", "a₂", "a₃"]
    assert [name for name, _ in view.controls["label"].options] == ["t₁ = 1", "t₂ = 1", "t₃ = 1"]
    assert view.controls["label"].value == 2
    assert view.controls["graph"].options == (("Softmax", "softmax"),
                                              ("交差エントロピー誤差", "cross_entropy"))


def test_softmax_graph_widget_switches_to_the_cross_entropy_graph_and_back():
    view = widgets.softmax_graph_widget()
    stepper = view.stepper
    softmax_picture = stepper.pictures.current
    stepper.index.value = 4
    view.controls["graph"].value = "cross_entropy"
    assert stepper.pictures.current is not softmax_picture
    y = logic.softmax_values(chapter.SOFTMAX_A, 2)["y"]
    steps = graph_steps(chapter.cross_entropy_graph(y))
    assert stepper.index.max == len(steps) and stepper.index.value == 4
    assert text_of(part(view, "explore-step")).endswith(steps[3].text)
    assert lines(part(view, "explore-values"))["loss"] == "0.3057"
    view.controls["a0"].value = 1.0
    view.controls["graph"].value = "softmax"
    assert stepper.pictures.current is softmax_picture  # drawn once, new numbers
    steps = graph_steps(chapter.softmax_graph((1.0, 2.9, 4.0)))
    assert text_of(part(view, "explore-step")).endswith(steps[3].text)


@pytest.mark.parametrize("kwargs, match", [
    ({"logits": (1, 2, 3, 4, 5, 6)}, r"logits must be 2 to 5 numbers"),
    ({"label": 3}, r"label must be a class index from 0 to 2"),
])
def test_softmax_graph_widget_names_a_bad_argument(kwargs, match):
    with pytest.raises(ValueError, match=match):
        widgets.softmax_graph_widget(**kwargs)


def test_affine_widget_steps_through_the_batch_graph_of_its_boxes():
    view = widgets.affine_widget()
    stepper = view.stepper
    values, message = part(view, "explore-values"), part(view, "explore-message")
    assert "dW = Xᵀ·dout  (2, 3)·(3, 4) → (2, 4)" in text_of(values)
    assert "db = dout の第0軸の和 → (4,)" in text_of(values)
    steps = graph_steps(chapter.affine_batch_graph())
    stepper.index.value = len(steps)  # the dot node, backward
    assert text_of(part(view, "explore-step")).endswith(steps[-1].text)
    assert "(3, 4)·(4, 2) → (3, 2)" in steps[-1].text
    view.controls["X"].value = "1 2\n3 4"  # N = 2: dout no longer fits
    assert "計算できません: dout は Y = X·W + b と同じ形 (2, 4)" in text_of(message)
    assert values.value == "" and part(view, "explore-step").value == ""
    view.controls["dout"].value = "1 0 0 1\n0 1 1 0"
    assert message.value == "" and stepper.index.value == len(steps)
    assert "(2, 4)·(4, 2) → (2, 2)" in text_of(part(view, "explore-step"))
    assert "N = 2, D = 2, M = 4" in text_of(part(view, "explore-caption"))
    view.controls["W"].value = "1 2\n3 oops"
    assert "W の 2 行目: 'oops' は数ではありません" in text_of(message)


def test_affine_widget_speaks_english_when_asked():
    view = widgets.affine_widget(lang="en")
    view.controls["W"].value = "1 2\n3 oops"
    assert "Cannot compute: W, row 2: 'oops' is not a number" in text_of(
        part(view, "explore-message"))


@pytest.mark.parametrize("lang, said", [
    ("ja", "計算できません: Y が大きすぎて float64 で表せません (約 1.8e308 を超えます)"),
    ("en", "Cannot compute: Y is too large for float64 (beyond about 1.8e308)"),
])
def test_affine_widget_names_an_overflow_and_recovers(lang, said):
    view = widgets.affine_widget(lang=lang)  # RuntimeWarnings are errors here (pyproject.toml)
    values, message = part(view, "explore-values"), part(view, "explore-message")
    view.controls["X"].value = "1e200 1e200\n3 4\n5 6"  # Y = X·W + b still fits a float64
    assert message.value == "" and "3.0e+199" in text_of(values)
    view.controls["W"].value = "1e200 0.3 0.5 0.7\n0.2 0.4 0.6 0.8"  # 1e200 × 1e200 does not
    assert said in text_of(message) and values.value == ""
    assert part(view, "explore-step").value == ""
    view.controls["W"].value = affine.AFFINE_DEFAULTS["W"]
    assert message.value == "" and "Y = X·W + b" in text_of(values)
    assert part(view, "explore-step").value != ""


def test_two_layer_net_widget_steps_through_the_layers():
    view = widgets.two_layer_net_widget()
    steps = graph_steps(chapter.two_layer_net_graph())
    nodes = []
    for k in range(1, len(steps) + 1):
        view.stepper.index.value = k
        nodes.append(shown_node(view))
    assert nodes == [s.node or "" for s in steps]
    assert nodes[1:5] == ["affine1", "relu", "affine2", "loss"]
    assert "TwoLayerNet(4, 5, 3)" in text_of(part(view, "explore-caption"))


def test_activation_widget_updates():
    view = widgets.activation_widget()
    values, image = part(view, "explore-values"), part(view, "explore-plot")
    old_png = image.value
    view.controls["kind"].value = "ReLU"
    view.controls["x"].value = -2.0
    view.controls["dout"].value = 1.5
    assert lines(values) == {"y": "0", "局所的な微分": "0", "dout": "1.5", "dx": "0"}
    view.controls["x"].value = 2.5
    assert lines(values) == {"y": "2.5", "局所的な微分": "1", "dout": "1.5", "dx": "1.5"}
    view.controls["kind"].value = "Sigmoid"
    view.controls["x"].value = 0.0
    assert lines(values) == {"y": "0.5", "局所的な微分": "0.25", "dout": "1.5", "dx": "0.375"}
    assert image.value != old_png and image.value[:4] == b"\x89PNG"
    english = widgets.activation_widget("en")
    assert "local derivative" in lines(part(english, "explore-values"))
    for view in (widgets.activation_widget(), english):  # no code name in what a reader reads
        assert "local_grad" not in part(view, "explore-values").value
        assert "local_grad" not in text_of_all(view)


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


def train_on_dashboard(data, lang="ja", **settings):
    """A dashboard after pressing Train with these control values and waiting for the end."""
    view = widgets.training_dashboard(*data, lang=lang)
    for name, value in settings.items():
        view.controls[name].value = value
    view.controls["train"].click()
    wait_for(view.state["thread"])
    return view


def wait_for(thread, timeout=60):
    """Join a training thread; fail, saying so, if it has not ended within `timeout` seconds."""
    assert thread is not None, "Train did not start a run"
    thread.join(timeout=timeout)
    assert not thread.is_alive(), f"the training thread still runs after {timeout} s"


def test_training_dashboard_trains_in_a_thread_and_reports(small_mnist):
    view = train_on_dashboard(small_mnist, iters=60, hidden_size=10, batch_size=50)
    c = view.controls
    values, message = part(view, "explore-values"), part(view, "explore-message")
    assert lines(values)["状態"] == "完了" and lines(values)["繰り返し"] == "60"
    assert "60 回の学習で完了" in message.value
    assert c["progress"].value == c["progress"].max == 60
    assert part(view, "explore-plot").value[:4] == b"\x89PNG"
    assert not c["train"].disabled and c["stop"].disabled
    assert c["train"].description == "学習" and c["check"].description == "勾配確認"


def test_training_dashboard_in_english(small_mnist):
    view = train_on_dashboard(small_mnist, lang="en", iters=20, hidden_size=10, batch_size=50)
    values = lines(part(view, "explore-values"))
    assert values["status"] == "done" and values["iteration"] == "20"
    assert "Done after 20 iterations" in part(view, "explore-message").value
    assert view.controls["train"].description == "Train"


def test_training_dashboard_shows_empty_curves_before_its_first_run(small_mnist):
    for lang in ("ja", "en"):
        view = widgets.training_dashboard(*small_mnist, lang=lang)
        image = part(view, "explore-plot").value
        assert image[:4] == b"\x89PNG"  # a picture, not the broken-image icon of an empty one
        pixels = _pixels(image)
        assert pixels.shape[1] > 400 and (pixels < 128).any()  # axes and their names


def test_training_dashboard_names_its_settings_as_the_text_does(small_mnist):
    # the words of the 5.7 text: 学習率, 隠れ層のニューロン数, バッチサイズ, 繰り返しの回数,
    # 重みの初期値の大きさ (learning rate, hidden-layer neurons, ..., initial weight scale)
    for lang, names in (("ja", ["学習率", "隠れ層のニューロン数", "バッチサイズ", "繰り返しの回数",
                                "重みの初期値の大きさ"]),
                        ("en", ["learning rate", "hidden-layer neurons", "batch size",
                                "iterations", "initial weight scale"])):
        c = widgets.training_dashboard(*small_mnist, lang=lang).controls
        assert [c[k].description for k in ("learning_rate", "hidden_size", "batch_size",
                                           "iters", "weight_scale")] == names
        rate = c["learning_rate"]  # 0.001 to 100: every value a reader can learn from
        assert (rate.base ** rate.min, rate.base ** rate.max) == (pytest.approx(1e-3), 100)
        width = int(c["weight_scale"].style.description_width.rstrip("px"))
        assert width >= 14 * len(names[-1]) or lang == "en"  # the longest Japanese name fits


def _fonts_of(fig):
    """The font families of every text of a figure, once it is drawn (tick labels too)."""
    from matplotlib.text import Text
    return {tuple(t.get_fontfamily()) for t in fig.findobj(Text) if t.get_text()}


@pytest.mark.parametrize("make", [
    lambda lang: widgets.softmax_widget(lang=lang).figure,
    lambda lang: widgets.activation_widget(lang=lang).figure,
    lambda lang: _drawn(network.curves_figure(None, lang, 100), lang),
    lambda lang: _drawn(breakit_widget.error_plot(breakit.check(None), lang), lang),
])
def test_plots_are_in_the_latin_font_in_english_and_ipaexgothic_in_japanese(make):
    assert _fonts_of(make("en")) == {("DejaVu Sans",)}  # not the Japanese font
    assert _fonts_of(make("ja")) == {("DejaVu Sans", "IPAexGothic")}


def _drawn(fig, lang):
    parts.figure_png(fig, lang=lang)
    return fig


def test_steppers_end_with_the_chain_rule_on_scalar_graphs_only():
    for view, graph in ((widgets.sigmoid_widget(), chapter.sigmoid_graph()),
                        (widgets.softmax_graph_widget(), chapter.softmax_graph()),
                        (widgets.apple_orange_widget(lang="en"),
                         chapter.apple_orange_graph(lang="en"))):
        stepper = view.stepper
        steps = graph_steps(graph)
        stepper.index.value = stepper.index.max
        assert stepper.index.max == len(steps) and steps[-1].phase == "chain"
        assert text_of(part(view, "explore-step")).endswith(steps[-1].text)
    assert graph_steps(chapter.affine_batch_graph())[-1].phase == "backward"


def test_training_dashboard_at_its_largest_rate_says_the_rate_is_too_large(small_mnist):
    view = train_on_dashboard(small_mnist, learning_rate=1e9, iters=50)
    assert view.controls["learning_rate"].value == 100  # the slider stops there
    message = part(view, "explore-message").value
    assert "学習率が大きすぎるようです" in message and "#b00020" in message  # shown in red


def test_training_dashboard_shows_divergence(small_mnist, monkeypatch):
    # a run that overflows (a rate far beyond the slider's, as a script may use) is said in red
    settings = training_run.training_settings

    def larger(*args, **kwargs):
        if args:  # the dashboard gives the rate first; the run, by name and already larger
            args = (args[0] * 1e7, *args[1:])
        return settings(*args, **kwargs)

    monkeypatch.setattr(training_run, "training_settings", larger)
    view = train_on_dashboard(small_mnist, learning_rate=100, weight_scale=1.0, iters=50)
    message = part(view, "explore-message").value
    assert "回目で学習が発散しました" in message and "#b00020" in message  # shown in red


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
    wait_for(thread)
    assert first.status == "stopped" and first.iteration < 5000
    assert "回の学習で停止" in part(view, "explore-message").value
    assert not c["train"].disabled and c["stop"].disabled
    c["iters"].value = 20
    c["train"].click()  # Train works again once the run ended
    wait_for(view.state["thread"])
    assert view.state["run"] is not first and view.state["run"].status == "done"
    assert "20 回の学習で完了" in part(view, "explore-message").value


def test_training_dashboard_names_a_too_large_learning_rate(small_mnist):
    view = train_on_dashboard(small_mnist, learning_rate=100.0, iters=100, hidden_size=20,
                              batch_size=50)
    message = part(view, "explore-message").value
    assert "100 回の学習で完了" in message
    assert "学習率が大きすぎるようです" in message and "#b00020" in message


@pytest.mark.parametrize("batch_size, iters, weight_scale", [(100, 1, 0.01), (1, 20, 1e-4)])
def test_training_dashboard_does_not_blame_the_learning_rate_for_a_short_run(
        small_mnist, batch_size, iters, weight_scale):
    view = train_on_dashboard(small_mnist, batch_size=batch_size, iters=iters,
                              weight_scale=weight_scale)
    message = part(view, "explore-message").value
    assert view.state["run"].final_test_acc < 0.2 and f"{iters} 回の学習で完了" in message
    assert "学習率" not in message


@pytest.mark.parametrize("make, control, valid, name", [
    (widgets.apple_widget, lambda v: v.controls["tax"], 1.2, "消費税"),
    (widgets.apple_orange_widget, lambda v: v.controls["tax"], 1.3, "消費税"),
    (widgets.sigmoid_widget, lambda v: v.controls["dout"], -0.5, "dout"),
    (widgets.softmax_graph_widget, lambda v: v.controls["a1"], 0.5, "a₂"),
    (widgets.activation_widget, lambda v: v.controls["x"], 0.5, "x"),
    (widgets.activation_widget, lambda v: v.controls["dout"], -0.5, "dout"),
    (widgets.softmax_widget, lambda v: v.controls["logits"][1], 0.5, "a₂"),
])
def test_a_slider_set_to_nan_in_code_shows_a_message_and_recovers(make, control, valid, name):
    view = make()
    values, message = part(view, "explore-values"), part(view, "explore-message")
    stepper = getattr(view, "stepper", None)
    if stepper is not None:
        stepper.index.value = 3
    control(view).value = float("nan")  # a FloatSlider lets nan through (inf becomes max)
    assert f"{name} が nan になっています。数ではありません:" in text_of(message)
    assert "nan" not in values.value
    control(view).value = valid
    assert message.value == ""
    fresh = make()
    control(fresh).value = valid
    assert lines(values) == lines(part(fresh, "explore-values"))
    if stepper is not None:  # back at the same step, with the good numbers
        fresh.stepper.index.value = 3
        assert stepper.index.value == 3
        assert part(view, "explore-step").value == part(fresh, "explore-step").value


def test_bad_inputs_blank_the_step_until_good_ones_come_back():
    view = widgets.apple_widget()
    stepper, note = view.stepper, "太字: 直前の操作で変わった値"
    stepper.index.value = 2
    assert note in text_of_all(view)
    view.controls["tax"].value = float("nan")
    assert part(view, "explore-step").value == "" and part(view, "explore-nudge").value == ""
    stepper.next.click()  # the steps still move, with nothing to say
    assert stepper.index.value == 3 and part(view, "explore-step").value == ""
    view.controls["tax"].value = 1.1
    assert text_of(part(view, "explore-step")).endswith("乗算ノード: 200 × 1.1 = 220")
    assert note in text_of_all(view) and part(view, "explore-nudge").value


def text_of_all(view):
    return "\n".join(text_of(w) for w in widget_tree(view) if isinstance(w, ipywidgets_html()))


def test_a_nan_message_in_english():
    view = widgets.apple_widget(lang="en")
    view.controls["tax"].value = float("nan")
    assert text_of(part(view, "explore-message")) == (
        "consumption tax is nan, not a number: set it to a value from 1 to 1.5")


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
    with pytest.raises(TypeError, match=r"affine_widget: X must be text such as '1 2\\n3 4\\n5 6' "
                                        r"\(rows on lines, numbers split by spaces\), got list"):
        widgets.affine_widget(X=[[1, 2]])


# --- every widget, in both languages ------------------------------------------------------------

def _small_data():
    rng = np.random.default_rng(0)
    return (rng.random((20, 784)), rng.integers(0, 10, 20), rng.random((10, 784)),
            rng.integers(0, 10, 10))


FACTORIES = {
    "apple_widget": widgets.apple_widget,
    "apple_orange_widget": widgets.apple_orange_widget,
    "sigmoid_widget": widgets.sigmoid_widget,
    "activation_widget": widgets.activation_widget,
    "affine_widget": widgets.affine_widget,
    "softmax_graph_widget": widgets.softmax_graph_widget,
    "softmax_widget": widgets.softmax_widget,
    "two_layer_net_widget": widgets.two_layer_net_widget,
    "training_dashboard": lambda lang: widgets.training_dashboard(*_small_data(), lang=lang),
}


def _words(view):
    """Every description, button text, option and HTML text of a widget and its parts."""
    import re
    words = []
    for w in widget_tree(view):
        for name in ("description", "tooltip"):
            words.append(str(getattr(w, name, "") or ""))
        words += [str(o[0] if isinstance(o, tuple) else o) for o in getattr(w, "options", ())]
        if isinstance(w, ipywidgets_html()):
            words.append(html.unescape(re.sub(r"<[^>]+>", "", w.value)))
    return [w for w in words if w]


def ipywidgets_html():
    import ipywidgets
    return ipywidgets.HTML


def _japanese(text):
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("name", list(FACTORIES))
def test_every_widget_speaks_japanese_by_default_and_english_when_asked(name):
    ja, en = FACTORIES[name](lang="ja"), FACTORIES[name](lang="en")
    assert any(_japanese(w) for w in _words(ja)), _words(ja)
    assert not [w for w in _words(en) if _japanese(w)]
    with pytest.raises(ValueError, match="lang must be one of 'ja', 'en', got 'fr'"):
        FACTORIES[name](lang="fr")


def _unknown_language_calls(tmp_path):
    """A call with lang="fr" of every function outside the widget factories that takes a lang."""
    from common import labels, training
    from common.graph import figures, model
    from common.practice import breakit, purchase, questions
    from common.widgets import breakit as breakit_view
    from common.widgets import questions as question_view
    from common.widgets import stepper

    g = chapter.apple_graph()
    q = questions.QUESTIONS["softmax_sign"]
    return {
        "Graph": lambda: model.Graph(lang="fr"),
        "graph builder": lambda: chapter.sigmoid_graph(lang="fr"),
        "graph_steps": lambda: graph_steps(g, "fr"),
        "save_steps_gif": lambda: figures.save_steps_gif(g, tmp_path / "x.gif", lang="fr"),
        "nudge_checks": lambda: nudge_checks(chapter.apple_graph, "fr"),
        "label": lambda: labels.label("apple", "fr"),
        "fields": lambda: labels.fields("apple", "fr"),
        "LabelledError.text": lambda: LabelledError("error.affine.not_matrices").text("fr"),
        "bug_name": lambda: breakit.bug_name(None, "fr"),
        "bands_text": lambda: breakit.bands_text("fr"),
        "format_table": lambda: breakit.format_table(breakit.breakage_table(), "fr"),
        "error_plot": lambda: breakit_view.error_plot(breakit.check(), "fr"),
        "purchase_graph": lambda: purchase.purchase_graph("fr"),
        "blank_graph": lambda: purchase.blank_graph("fr"),
        "parse_number": lambda: purchase.parse_number("3.3", "fr"),
        "hint": lambda: purchase.hint("dTax", "fr"),
        "check_answers": lambda: purchase.check_answers({"dTax": "650"}, "fr"),
        "Question": lambda: [q.prompt("fr"), q.explanation("fr"), q.choice_text("zero", "fr")],
        "check_choice": lambda: questions.check_choice("softmax_sign", 0, "fr"),
        "question_widget": lambda: question_view.question_widget("softmax_sign", lang="fr"),
        "no_learning_cause": lambda: training.no_learning_cause(0.1, 0.1, [2.3, 2.3], 0.0,
                                                                lang="fr"),
        "diverged_message": lambda: training_run.diverged_message(
            TrainingDiverged(5, 0.1, None), 0.1, lang="fr"),
        "not_finite": lambda: parts.not_finite([], "fr"),
        "labels_in": lambda: parts.labels_in("fr"),
        "step_html": lambda: stepper.step_html(graph_steps(g)[0], lang="fr"),
        "Stepper": lambda: stepper.Stepper(lang="fr"),
        "graph_stepper": lambda: stepper.graph_stepper(chapter.apple_graph, lang="fr"),
    }


def test_every_function_that_takes_a_language_refuses_an_unknown_one(tmp_path):
    for name, call in _unknown_language_calls(tmp_path).items():
        with pytest.raises(ValueError, match="lang must be one of 'ja', 'en', got 'fr'"):
            call()
            pytest.fail(f"{name} took lang='fr'")
    assert list(tmp_path.iterdir()) == []


def test_slider_names_and_buttons_are_the_japanese_labels():
    view = widgets.apple_orange_widget()
    assert [c.description for c in view.controls.values()] == [
        "リンゴの値段", "リンゴの個数", "みかんの値段", "みかんの個数", "消費税"]
    s = view.stepper
    assert (s.back.description, s.next.description, s.play.description,
            s.whole.description, s.index.description) == (
        "◀ 戻る", "進む ▶", "再生", "全部見る", "ステップ")


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("name", [n for n in FACTORIES if n != "training_dashboard"])
def test_widgets_draw_every_glyph(name, lang):
    import warnings
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH)  # only that warning
        view = FACTORIES[name](lang=lang)
        stepper = getattr(view, "stepper", None)
        controls = getattr(view, "controls", {})
        if stepper is not None:
            for k in range(1, stepper.index.max + 1):
                stepper.index.value = k
            stepper.whole.value = True
        for control in controls.values():
            if isinstance(control, list):  # the score sliders of softmax_widget
                control[0].value = control[0].min
            elif isinstance(control.value, float):
                control.value = control.max
            for option in getattr(control, "options", ()):  # every layer, label and graph
                control.value = option[1] if isinstance(option, tuple) else option
        view.update()


def test_training_dashboard_draws_every_glyph(small_mnist):
    import warnings
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH)  # also in the training thread
        for lang in ("ja", "en"):
            view = train_on_dashboard(small_mnist, lang=lang, iters=20, hidden_size=10,
                                      batch_size=50)
            run = view.state["run"]  # an error in the thread ends the run as "failed"
            assert run.status == "done", run.message
            assert part(view, "explore-plot").value[:4] == b"\x89PNG"
