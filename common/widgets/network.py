"""5.7: the two-layer network stepped through, and a training dashboard with live curves."""
import html
import threading
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from common.graph import chapter
from common.labels import check_lang, label
from common.practice.breakit import check_seed
from common.widgets import training_run
from common.widgets.parts import (
    ERROR_COLOR,
    NOTE_COLOR,
    explore_box,
    figure_png,
    html_part,
    labels_in,
    message_html,
    output_parts,
    plot_fonts,
    slider,
    values_html,
)
from common.widgets.stepper import graph_stepper


def two_layer_net_widget(lang="ja"):
    """5.7: step through TwoLayerNet's layers Affine → ReLU → Affine → Softmax-with-Loss."""
    return graph_stepper(chapter.two_layer_net_graph, lang)


# --- 5.7 training dashboard ---------------------------------------------------------------------

EVAL_SIZE = 2000  # the accuracy curves' images (the first of the training and of the test data)
DASH_STYLE = {"description_width": "170px"}  # room for the longest name, 重みの初期値の大きさ
DASH_WIDTH = widgets.Layout(width="500px")


def _curves_png(run, lang, iterations=None):
    """curves_figure(run, lang, iterations) as PNG bytes."""
    return figure_png(curves_figure(run, lang, iterations), lang=lang)


def curves_figure(run, lang, iterations=None):
    """Loss per iteration and subset accuracies of a TrainingRun: a matplotlib Figure.

    run None gives the empty axes shown before the first run, from 0 to `iterations`.
    Its text is in plot_fonts(lang); draw it with figure_png(fig, lang=lang).
    """
    words = labels_in(lang)
    with plot_fonts(lang):
        fig = Figure(figsize=(8, 3))
        ax_loss, ax_acc = fig.subplots(1, 2)
        loss = list(run.history.train_loss) if run and run.history is not None else []
        if loss:
            ax_loss.plot(np.arange(len(loss)), loss, lw=0.8)
        ax_loss.set_xlabel(words("plot.iteration"))
        ax_loss.set_ylabel(words("plot.minibatch_loss"))
        ax_loss.set_title(words("plot.loss.title"))
        iters, train, test = (run.eval_iters, run.train_acc, run.test_acc) if run else ([],) * 3
        ax_acc.plot(iters, train, "o-", ms=3, label=words("plot.train"))
        ax_acc.plot(iters, test, "s--", ms=3, label=words("plot.test"))
        ax_acc.set_ylim(0, 1)
        ax_acc.set_xlabel(words("plot.iteration"))
        ax_acc.set_ylabel(words("plot.accuracy"))
        ax_acc.set_title(words("plot.accuracy.title", n=run.eval_size if run else EVAL_SIZE))
        ax_acc.legend(loc="lower right")
        for ax in (ax_loss, ax_acc):
            ax.grid(alpha=0.3)
            if run is None:
                ax.set_xlim(0, iterations)
        fig.tight_layout()
    return fig


def training_dashboard(x_train, t_train, x_test, t_test, seed=0, lang="ja"):
    """Train a float32 TwoLayerNet on the given data with live curves.

    x_*: (N, 784) images, N >= 1; t_*: labels (N,) or one-hot (N, 10). Controls:
    learning rate, hidden-layer neurons, batch size, iterations, initial weight
    scale; Train (one run at a time: Train is ignored while a run goes on) and Stop;
    a gradient check of the current network (float64 copy, 3 samples). Before the
    first run the curves' axes are shown empty.
    """
    for name, x, t in (("train", x_train, t_train), ("test", x_test, t_test)):
        if np.ndim(x) != 2 or np.shape(x)[1] != 784 or len(t) != len(x) or len(x) == 0:
            raise ValueError(
                f"training_dashboard needs {name} images of shape (N, 784) with N >= 1 and N "
                f"labels, got {np.shape(x)} and {np.shape(t)}: load them with "
                "load_mnist(flatten=True)")
    check_seed(seed)
    check_lang(lang)
    words = labels_in(lang)
    # 1e-3 to 1e2: at 10 and 100 the hidden units die and the run says the rate is too large
    learning_rate = widgets.FloatLogSlider(value=0.1, base=10, min=-3, max=2, step=0.1,
                                           description=words("dash.learning_rate"),
                                           readout_format=".3g", style=DASH_STYLE,
                                           layout=DASH_WIDTH, continuous_update=False)
    hidden_size = slider(words("dash.hidden_size"), 50, 1, 300, 1, style=DASH_STYLE,
                         layout=DASH_WIDTH)
    batch_size = slider(words("dash.batch_size"), 100, 1, 1000, 1, style=DASH_STYLE,
                        layout=DASH_WIDTH)
    iters = widgets.BoundedIntText(value=2000, min=1, max=100000, description=words("dash.iters"),
                                   style=DASH_STYLE, layout=DASH_WIDTH)
    weight_scale = widgets.FloatLogSlider(value=0.01, base=10, min=-4, max=1, step=0.1,
                                          description=words("dash.weight_scale"),
                                          readout_format=".3g", style=DASH_STYLE,
                                          layout=DASH_WIDTH, continuous_update=False)
    train_button = widgets.Button(description=words("dash.train"), button_style="primary",
                                  icon="play")
    stop_button = widgets.Button(description=words("dash.stop"), icon="stop", disabled=True)
    check_button = widgets.Button(description=words("dash.check"), icon="check")
    progress = widgets.IntProgress(value=0, min=0, max=1, description=words("dash.progress"),
                                   style=DASH_STYLE, layout=DASH_WIDTH)
    image, values, message = output_parts()
    image.value = _curves_png(None, lang, iters.value)  # empty axes, not a broken picture
    check_output = html_part("explore-gradcheck")
    state = {"run": None, "thread": None, "last_draw": 0.0, "training": False}

    def show(run, force=False):
        progress.max = run.settings["iters"]
        progress.value = min(run.iteration, progress.max)
        values.value = values_html([
            (words("dash.status"), words(f"status.{run.status}")),
            (words("dash.iteration"), str(run.iteration)),
            (words("dash.train_acc"), f"{run.train_acc[-1]:.3f}" if run.train_acc else "-"),
            (words("dash.test_acc"), f"{run.test_acc[-1]:.3f}" if run.test_acc else "-"),
        ])
        now = time.monotonic()
        if force or now - state["last_draw"] > 0.5:
            state["last_draw"] = now
            image.value = _curves_png(run, lang)

    def finished(run):
        try:
            show(run, force=True)
        finally:  # whatever happened, the page says so and Train works again
            text = "\n".join(filter(None, [run.message, run.warning]))
            error = run.status in ("diverged", "failed") or bool(run.warning)
            message.value = message_html(text, ERROR_COLOR if error else NOTE_COLOR)
            train_button.disabled = False
            stop_button.disabled = True
            state["training"] = False

    def on_progress(run):
        if run.status == "running":
            show(run)
        else:
            finished(run)

    def start(button=None):
        if state["training"]:  # a second click before the first run ended
            return
        try:
            settings = training_run.training_settings(learning_rate.value, hidden_size.value,
                                                 batch_size.value, iters.value,
                                                 weight_scale.value)
            run = training_run.TrainingRun(settings, x_train, t_train, x_test, t_test, seed=seed,
                                           eval_size=EVAL_SIZE, on_progress=on_progress,
                                           lang=lang)
        except ValueError as error:
            message.value = message_html(str(error), ERROR_COLOR)
            return
        state["training"] = True
        state["run"] = run
        train_button.disabled = True
        stop_button.disabled = False
        message.value = message_html(words("dash.training"))
        thread = threading.Thread(target=_run_safely, args=(run, finished), daemon=True)
        state["thread"] = thread
        thread.start()

    def stop(button=None):
        if state["run"] is not None:
            state["run"].stop()

    def check(button=None):
        run = state["run"]
        network = run.network if run is not None else training_run.make_network(
            hidden_size.value, weight_scale.value, seed)
        check_button.disabled = True
        check_output.value = message_html(words("dash.checking"))

        def work():
            try:
                _, text = training_run.gradient_check_report(network, x_train, t_train)
                check_output.value = ("<pre style='margin:0'>" + html.escape(
                    words("dash.check.title") + "\n" + text) + "</pre>")
            except Exception as error:  # shown to the reader instead of lost in a thread
                check_output.value = message_html(words("dash.check.failed", error=error),
                                                  ERROR_COLOR)
            finally:
                check_button.disabled = False

        threading.Thread(target=work, daemon=True).start()

    train_button.on_click(start)
    stop_button.on_click(stop)
    check_button.on_click(check)
    controls = widgets.VBox([learning_rate, hidden_size, batch_size, iters, weight_scale])
    return explore_box([controls, widgets.HBox([train_button, stop_button, check_button]), progress,
                 message, values, image, check_output], state=state,
                controls={"learning_rate": learning_rate, "hidden_size": hidden_size,
                          "batch_size": batch_size, "iters": iters,
                          "weight_scale": weight_scale, "train": train_button,
                          "stop": stop_button, "check": check_button, "progress": progress})


def _run_safely(run, finished):
    """Body of the training thread: errors end up on the page, not in a log."""
    try:
        run.run()
    except Exception as error:
        run.status = "failed"
        run.message = label("run.failed", run.lang, error=f"{type(error).__name__}: {error}")
        run.warning = ""
        finished(run)
