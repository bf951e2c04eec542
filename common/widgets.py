"""Interactive views (ipywidgets) over the plain functions of common/explore.py.

Each function returns a widget; end a notebook cell with the call to show it.
Plots are PNG images (ipywidgets.Image) redrawn on every change. Every widget
has a `.explore-values` HTML part with lines "name: value" (what a reader reads)
and a `.explore-message` part for errors and notes.
"""
import html
import io
import math
import threading
import time

import ipywidgets as widgets
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from common import drawing, explore, figures

PLOT_DPI = 80


def figure_png(fig, dpi=PLOT_DPI):
    """PNG bytes of a matplotlib Figure, drawn once with Agg; a pyplot figure is closed.

    Faster than savefig (which draws twice here) so a widget updates within 0.1 s.
    """
    if fig.canvas.manager is not None:  # made by pyplot: do not leave it open
        import matplotlib.pyplot as plt
        plt.close(fig)
    if fig.dpi != dpi:
        fig.set_dpi(dpi)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return _png_bytes(canvas)


def _png_bytes(canvas):
    """PNG bytes of what an Agg canvas holds now (fast, lightly compressed)."""
    buffer = io.BytesIO()
    PIL.Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buffer, format="png",
                                                              compress_level=1)
    return buffer.getvalue()


class _BlitFigure:
    """A figure whose static part (axes, ticks, labels) is drawn once per `key`.

    Each png(key) restores that background and draws only the moving artists,
    which keeps a slider update to a few milliseconds of drawing.
    """

    def __init__(self, fig, moving, dpi=PLOT_DPI):
        fig.set_dpi(dpi)
        self.fig, self.moving = fig, moving
        self.canvas = FigureCanvasAgg(fig)
        for artist in moving:
            artist.set_animated(True)
        self.key = self.background = None

    def png(self, key=None):
        if self.background is None or key != self.key:
            self.canvas.draw()  # everything except the animated (moving) artists
            self.background = self.canvas.copy_from_bbox(self.fig.bbox)
            self.key = key
        else:
            self.canvas.restore_region(self.background)
        for artist in self.moving:
            self.fig.draw_artist(artist)
        return _png_bytes(self.canvas)


class _GraphFigure:
    """PNGs of a computational graph whose numbers change but not its shape.

    The first png(graph) draws everything. Later ones keep the nodes, arrows and
    titles as a background and draw only the numbers on the edges, unless anything
    else in the graph changed or a number would stick out of the picture: then
    everything is drawn again.
    """

    def __init__(self, dpi=PLOT_DPI):
        self.dpi = dpi
        self.plot = self.shape = None  # a _BlitFigure whose moving artists are the labels
        self.labels = {}

    @staticmethod
    def _shape(graph, texts):
        """All that is drawn in the background, and where the labels are."""
        edges = [(e.src, e.dst, e.at) for e in graph.edges]
        return repr((graph.nodes, graph.terminals, edges, graph.title, graph.caption,
                     list(texts)))

    def png(self, graph):
        texts = drawing.edge_labels(graph)
        shape = self._shape(graph, texts)
        if shape != self.shape or not self._fits(texts):
            self.labels = {}
            fig = drawing.draw_graph(graph, label_artists=self.labels)
            self.plot = _BlitFigure(fig, list(self.labels.values()), self.dpi)
            self.shape = shape
        return self.plot.png()

    def _fits(self, texts):
        for key, artist in self.labels.items():
            artist.set_text(texts[key])
        renderer = self.plot.canvas.get_renderer()
        return all(self.plot.fig.bbox.contains(*corner)
                   for artist in self.labels.values()
                   for corner in artist.get_window_extent(renderer).get_points())


def _values_html(lines, changed=()):
    """<pre> with one line per (name, text); names in `changed` in bold."""
    out = []
    for name, text in lines:
        line = html.escape(f"{name}: {text}")
        out.append(f"<b>{line}</b>" if name in changed else line)
    return "<pre style='margin:0; font-size:14px'>" + "\n".join(out) + "</pre>"


def _message_html(text, error=False):
    if not text:
        return ""
    color = "#b00020" if error else "#555"
    return f"<div style='color:{color}; white-space:pre-wrap'>{html.escape(text)}</div>"


def _parts():
    """(image, values, message) widgets with the classes the browser test looks for."""
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
    image.add_class("explore-plot")
    values = widgets.HTML()
    values.add_class("explore-values")
    message = widgets.HTML()
    message.add_class("explore-message")
    return image, values, message


def _slider(description, value, lo, hi, step, kind=widgets.IntSlider, **kwargs):
    return kind(value=value, min=lo, max=hi, step=step, description=description,
                continuous_update=True, style={"description_width": "110px"},
                layout=widgets.Layout(width="420px"), **kwargs)


def _not_finite(sliders):
    """A message naming the first slider whose value is not a number (NaN set in code), or ''.

    (A slider keeps other values within its range: inf becomes its max.)
    """
    for slider in sliders:
        if not math.isfinite(slider.value):
            return (f"{slider.description} is {slider.value}, not a number: "
                    f"set it to a value from {slider.min:g} to {slider.max:g}")
    return ""


def _show_problem(message, values, problem):
    """Show `problem` in the message part; True (and the values cleared) when there is one."""
    message.value = _message_html(problem, error=True)
    if problem:
        values.value = ""
    return bool(problem)


# --- 5.4 apple and orange ------------------------------------------------------------------

def _purchase_widget(graph_name, values_function, names, sliders):
    image, values, message = _parts()
    previous = {}
    picture = _GraphFigure()

    def update(change=None):
        if _show_problem(message, values, _not_finite(sliders.values())):
            return
        inputs = {key: slider.value for key, slider in sliders.items()}
        result = values_function(**inputs)
        texts = {name: explore.format_number(result[name]) for name in names}
        changed = {name for name in names if previous and previous.get(name) != texts[name]}
        previous.update(texts)
        values.value = _values_html([(name, texts[name]) for name in names], changed)
        image.value = picture.png(getattr(figures, graph_name)(**inputs))

    for slider in sliders.values():
        slider.observe(update, names="value")
    update()
    note = widgets.HTML("<i>Bold: the values that changed with the last move.</i>")
    box = widgets.VBox([widgets.VBox(list(sliders.values())), image, values, note, message])
    box.add_class("explore-widget")
    box.update = update
    box.sliders = sliders
    return box


def apple_widget():
    """Sliders for the apple purchase (5.4.1); redraws its graph; prints price and gradients."""
    sliders = {
        "apple": _slider("apple price", 100, 0, 300, 1),
        "apple_num": _slider("apple count", 2, 0, 10, 1),
        "tax": _slider("tax", 1.1, 1.0, 1.5, 0.01, kind=widgets.FloatSlider),
    }
    return _purchase_widget("apple_graph", explore.apple_values, explore.APPLE_NAMES, sliders)


def apple_orange_widget():
    """Sliders for the apple and orange purchase (5.4.2); graph, price and gradients."""
    sliders = {
        "apple": _slider("apple price", 100, 0, 300, 1),
        "apple_num": _slider("apple count", 2, 0, 10, 1),
        "orange": _slider("orange price", 150, 0, 300, 1),
        "orange_num": _slider("orange count", 3, 0, 10, 1),
        "tax": _slider("tax", 1.1, 1.0, 1.5, 0.01, kind=widgets.FloatSlider),
    }
    return _purchase_widget("apple_orange_graph", explore.apple_orange_values,
                            explore.APPLE_ORANGE_NAMES, sliders)


# --- 5.5 activation layers ----------------------------------------------------------------------

def _num(value):
    return f"{value:.6g}"


def activation_widget():
    """ReLU or Sigmoid: slide x and dout; the curve, the point, its tangent, y and dx."""
    kind = widgets.ToggleButtons(options=list(explore.ACTIVATIONS), value="Sigmoid",
                                 description="layer")
    x = _slider("x", 1.0, -6.0, 6.0, 0.1, kind=widgets.FloatSlider)
    dout = _slider("dout", 1.0, -2.0, 2.0, 0.1, kind=widgets.FloatSlider)
    image, values, message = _parts()
    fig = Figure(figsize=(5, 3.2))
    ax = fig.add_subplot()
    curve, = ax.plot([], [], color="C0", label="y = f(x)")
    tangent, = ax.plot([], [], "--", color="C3", label="tangent (slope = local gradient)")
    point, = ax.plot([], [], "o", color="C3")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title("Sigmoid and its tangent at x")  # room for the title in the layout
    fig.tight_layout()
    plot = _BlitFigure(fig, [tangent, point])

    def update(change=None):
        if _show_problem(message, values, _not_finite([x, dout])):
            return
        result = explore.activation_values(kind.value, x.value, dout.value)
        xs, ys, line = explore.activation_curve(kind.value, x.value)
        curve.set_data(xs, ys)
        tangent.set_data(xs, line)
        point.set_data([x.value], [result["y"]])
        ax.set_xlim(xs[0], xs[-1])
        ylim = (min(ys.min(), 0) - 0.3, max(ys.max(), 1) + 0.3)
        ax.set_ylim(*ylim)
        ax.set_title(f"{kind.value} and its tangent at x")
        image.value = plot.png(key=(kind.value, xs[0], xs[-1], ylim))
        values.value = _values_html([
            ("y", _num(result["y"])),
            ("local_grad", _num(result["local_grad"])),
            ("dout", _num(dout.value)),
            ("dx", _num(result["dx"])),
        ])

    for control in (kind, x, dout):
        control.observe(update, names="value")
    update()
    note = widgets.HTML("<i>dx = dout × local_grad: backward multiplies the gradient "
                        "from above by the slope of the curve at x.</i>")
    box = widgets.VBox([kind, x, dout, image, values, note, message])
    box.add_class("explore-widget")
    box.update = update
    box.controls = {"kind": kind, "x": x, "dout": dout}
    return box


# --- 5.6 Affine and Softmax-with-Loss ---------------------------------------------------------

def _vector(a):
    return np.array2string(np.asarray(a), precision=4, suppress_small=True, floatmode="fixed")


LOGIT_RANGE = (-6.0, 6.0)  # the logit sliders' range


def _check_softmax_arguments(logits, label):
    """logits as floats, or ValueError naming the argument and what it may be."""
    lo, hi = LOGIT_RANGE
    wanted = f"logits must be 2 or more numbers from {lo:g} to {hi:g}, such as (0.3, 2.9, 4.0)"
    try:
        items = list(logits) if not isinstance(logits, str) else []
        values = [float(v) for v in items]
    except (TypeError, ValueError):
        values = []
    if len(values) < 2:
        raise ValueError(f"{wanted}; got {logits!r}")
    for item, value in zip(items, values, strict=True):
        if not lo <= value <= hi:  # nan too
            raise ValueError(f"{wanted}; got {item!r} in {logits!r}")
    if not (isinstance(label, (int, np.integer)) and not isinstance(label, bool)
            and 0 <= label < len(values)):
        raise ValueError(f"label must be a class index from 0 to {len(values) - 1} "
                         f"(one per logit), got {label!r}")
    return values


def softmax_widget(logits=(0.3, 2.9, 4.0), label=2):
    """Logit sliders for one sample and a label; bars of y, t and y - t; the loss.

    logits: 2 or more starting values from -6 to 6; label: the true class,
    0 <= label < len(logits).  Raises ValueError for anything else.
    """
    logits = _check_softmax_arguments(logits, label)
    sliders = [_slider(f"a{k}", v, *LOGIT_RANGE, 0.1, kind=widgets.FloatSlider)
               for k, v in enumerate(logits)]
    label_choice = widgets.ToggleButtons(options=list(range(len(sliders))), value=label,
                                         description="label t")
    image, values, message = _parts()
    fig = Figure(figsize=(6.5, 2.8))
    ax_p, ax_g = fig.subplots(1, 2)
    classes = np.arange(len(sliders))
    bars_y = ax_p.bar(classes - 0.2, np.zeros(len(classes)), width=0.4, label="y (softmax)")
    bars_t = ax_p.bar(classes + 0.2, np.zeros(len(classes)), width=0.4, label="t (one-hot)",
                      color="C2", alpha=0.6)
    bars_g = ax_g.bar(classes, np.zeros(len(classes)), color="C3")
    ax_p.set_ylim(0, 1.05)
    ax_p.set_title("probabilities y and target t")
    ax_p.legend(fontsize=8, loc="upper left")
    ax_g.set_ylim(-1.05, 1.05)
    ax_g.axhline(0, color="black", lw=0.8)
    ax_g.set_title("gradient dL/da = y - t")
    for ax in (ax_p, ax_g):
        ax.set_xticks(classes)
        ax.set_xlabel("class")
    fig.tight_layout()
    plot = _BlitFigure(fig, [*bars_y, *bars_t, *bars_g])

    def update(change=None):
        if _show_problem(message, values, _not_finite(sliders)):
            return
        result = explore.softmax_values([s.value for s in sliders], label_choice.value)
        for bars, heights in ((bars_y, result["y"]), (bars_t, result["t"]),
                              (bars_g, result["dx"])):
            for bar, h in zip(bars, heights, strict=True):
                bar.set_height(h)
        image.value = plot.png()
        values.value = _values_html([
            ("y", _vector(result["y"])),
            ("t", _vector(result["t"])),
            ("y - t", _vector(result["dx"])),
            ("loss", f"{result['loss']:.4f}"),
        ])

    for control in (*sliders, label_choice):
        control.observe(update, names="value")
    update()
    box = widgets.VBox([*sliders, label_choice, image, values, message])
    box.add_class("explore-widget")
    box.update = update
    box.controls = {"logits": sliders, "label": label_choice}
    return box


AFFINE_DEFAULTS = {
    "X": "1 2\n3 4",
    "W": "1 0 -1\n0.5 1 2",
    "b": "0.1 0.2 0.3",
    "dout": "1 0 0\n0 1 -1",
}


def affine_widget(**texts):
    """Editable X, W, b, dout (rows on lines, numbers split by spaces); Y, dX, dW, db.

    Keyword arguments X, W, b, dout give the starting text of each box.
    """
    unknown = set(texts) - set(AFFINE_DEFAULTS)
    if unknown:
        raise TypeError(f"affine_widget takes X, W, b, dout; got {', '.join(sorted(unknown))}")
    for name, text in texts.items():
        if not isinstance(text, str):
            raise TypeError(f"affine_widget: {name} must be text such as {AFFINE_DEFAULTS[name]!r} "
                            f"(rows on lines, numbers split by spaces), got {type(text).__name__}")
    boxes = {}
    for name, default in AFFINE_DEFAULTS.items():
        boxes[name] = widgets.Textarea(value=texts.get(name, default), description=name,
                                       continuous_update=False, rows=3,
                                       layout=widgets.Layout(width="240px"))
    _, values, message = _parts()

    def update(change=None):
        try:
            arrays = {name: explore.parse_matrix(box.value, name) for name, box in boxes.items()}
            result = explore.affine_values(arrays["X"], arrays["W"], arrays["b"], arrays["dout"])
        except ValueError as error:
            message.value = _message_html(f"Cannot compute: {error}", error=True)
            values.value = ""
            return
        message.value = ""
        shapes = {name: arrays[name].shape for name in ("X", "W", "dout")}
        parts = [
            explore.format_matrix("Y = X·W + b", result["Y"]),
            explore.format_matrix(f"dX = dout·Wᵀ  {shapes['dout']}·{shapes['W'][::-1]} →",
                                  result["dX"]),
            explore.format_matrix(f"dW = Xᵀ·dout  {shapes['X'][::-1]}·{shapes['dout']} →",
                                  result["dW"]),
            explore.format_matrix("db = sum of dout over axis 0 →", result["db"]),
        ]
        values.value = ("<pre style='margin:0; font-size:14px'>"
                        + html.escape("\n\n".join(parts)) + "</pre>")

    for box in boxes.values():
        box.observe(update, names="value")
    update()
    hint = widgets.HTML("<i>Edit a box, then click outside it. Rows on separate lines, "
                        "numbers split by spaces. dX has the shape of X, dW the shape of W.</i>")
    box = widgets.VBox([widgets.HBox(list(boxes.values())), hint, message, values])
    box.add_class("explore-widget")
    box.update = update
    box.controls = boxes
    return box


# --- 5.7 training dashboard ---------------------------------------------------------------------

def _curves_png(run):
    """Loss per iteration and subset accuracies of a TrainingRun, as PNG bytes."""
    fig = Figure(figsize=(8, 3))
    ax_loss, ax_acc = fig.subplots(1, 2)
    loss = list(run.history.train_loss) if run.history is not None else []
    if loss:
        ax_loss.plot(np.arange(len(loss)), loss, lw=0.8)
    ax_loss.set_xlabel("iteration")
    ax_loss.set_ylabel("mini-batch loss")
    ax_loss.set_title("loss")
    ax_acc.plot(run.eval_iters, run.train_acc, "o-", ms=3, label="train")
    ax_acc.plot(run.eval_iters, run.test_acc, "s--", ms=3, label="test")
    ax_acc.set_ylim(0, 1)
    ax_acc.set_xlabel("iteration")
    ax_acc.set_ylabel("accuracy")
    ax_acc.set_title(f"accuracy (first {run.eval_size} images)")
    ax_acc.legend(loc="lower right")
    for ax in (ax_loss, ax_acc):
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return figure_png(fig)


def training_dashboard(x_train, t_train, x_test, t_test, seed=0):
    """Train a float32 TwoLayerNet on the given data with live curves.

    x_*: (N, 784) images, N >= 1; t_*: labels (N,) or one-hot (N, 10). Controls:
    learning rate, hidden size, batch size, iterations, weight scale; Train (one run
    at a time: Train is ignored while a run goes on) and Stop; a gradient check of
    the current network (float64 copy, 3 samples).
    """
    for name, x, t in (("train", x_train, t_train), ("test", x_test, t_test)):
        if np.ndim(x) != 2 or np.shape(x)[1] != 784 or len(t) != len(x) or len(x) == 0:
            raise ValueError(
                f"training_dashboard needs {name} images of shape (N, 784) with N >= 1 and N "
                f"labels, got {np.shape(x)} and {np.shape(t)}: load them with "
                "load_mnist(flatten=True)")
    if not (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0):
        raise ValueError(f"seed must be a whole number of at least 0, got {seed!r}")
    style = {"description_width": "110px"}
    width = widgets.Layout(width="420px")
    learning_rate = widgets.FloatLogSlider(value=0.1, base=10, min=-3, max=9, step=0.1,
                                           description="learning rate", readout_format=".3g",
                                           style=style, layout=width, continuous_update=False)
    hidden_size = _slider("hidden size", 50, 1, 300, 1)
    batch_size = _slider("batch size", 100, 1, 1000, 1)
    iters = widgets.BoundedIntText(value=2000, min=1, max=100000, description="iterations",
                                   style=style, layout=width)
    weight_scale = widgets.FloatLogSlider(value=0.01, base=10, min=-4, max=1, step=0.1,
                                          description="weight scale", readout_format=".3g",
                                          style=style, layout=width, continuous_update=False)
    train_button = widgets.Button(description="Train", button_style="primary", icon="play")
    stop_button = widgets.Button(description="Stop", icon="stop", disabled=True)
    check_button = widgets.Button(description="Gradient check", icon="check")
    progress = widgets.IntProgress(value=0, min=0, max=1, description="progress",
                                   style=style, layout=width)
    image, values, message = _parts()
    check_output = widgets.HTML()
    check_output.add_class("explore-gradcheck")
    state = {"run": None, "thread": None, "last_draw": 0.0, "training": False}

    def show(run, force=False):
        progress.max = run.settings["iters"]
        progress.value = min(run.iteration, progress.max)
        values.value = _values_html([
            ("status", run.status),
            ("iteration", str(run.iteration)),
            ("train_acc", f"{run.train_acc[-1]:.3f}" if run.train_acc else "-"),
            ("test_acc", f"{run.test_acc[-1]:.3f}" if run.test_acc else "-"),
        ])
        now = time.monotonic()
        if force or now - state["last_draw"] > 0.5:
            state["last_draw"] = now
            image.value = _curves_png(run)

    def finished(run):
        try:
            show(run, force=True)
        finally:  # whatever happened, the page says so and Train works again
            text = "\n".join(filter(None, [run.message, run.warning]))
            error = run.status in ("diverged", "failed") or bool(run.warning)
            message.value = _message_html(text, error=error)
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
            settings = explore.training_settings(learning_rate.value, hidden_size.value,
                                                 batch_size.value, iters.value,
                                                 weight_scale.value)
            run = explore.TrainingRun(settings, x_train, t_train, x_test, t_test, seed=seed,
                                      on_progress=on_progress)
        except ValueError as error:
            message.value = _message_html(str(error), error=True)
            return
        state["training"] = True
        state["run"] = run
        train_button.disabled = True
        stop_button.disabled = False
        message.value = _message_html("Training...")
        thread = threading.Thread(target=_run_safely, args=(run, finished), daemon=True)
        state["thread"] = thread
        thread.start()

    def stop(button=None):
        if state["run"] is not None:
            state["run"].stop()

    def check(button=None):
        run = state["run"]
        network = run.network if run is not None else explore.make_network(
            hidden_size.value, weight_scale.value, seed)
        check_button.disabled = True
        check_output.value = _message_html(
            "Checking: numerical gradients of every parameter take a few seconds...")

        def work():
            try:
                _, text = explore.gradient_check_report(network, x_train, t_train)
                check_output.value = (
                    "<pre style='margin:0'>" + html.escape(
                        "backprop vs numerical gradient (float64 copy, 3 images):\n" + text)
                    + "</pre>")
            except Exception as error:  # shown to the reader instead of lost in a thread
                check_output.value = _message_html(f"Gradient check failed: {error}", True)
            finally:
                check_button.disabled = False

        threading.Thread(target=work, daemon=True).start()

    train_button.on_click(start)
    stop_button.on_click(stop)
    check_button.on_click(check)
    controls = widgets.VBox([learning_rate, hidden_size, batch_size, iters, weight_scale])
    box = widgets.VBox([controls, widgets.HBox([train_button, stop_button, check_button]),
                        progress, message, values, image, check_output])
    box.add_class("explore-widget")
    box.controls = {"learning_rate": learning_rate, "hidden_size": hidden_size,
                    "batch_size": batch_size, "iters": iters, "weight_scale": weight_scale,
                    "train": train_button, "stop": stop_button, "check": check_button,
                    "progress": progress}
    box.state = state
    return box


def _run_safely(run, finished):
    """Body of the training thread: errors end up on the page, not in a log."""
    try:
        run.run()
    except Exception as error:
        run.status = "failed"
        run.message = f"Training failed: {type(error).__name__}: {error}"
        run.warning = ""
        finished(run)

