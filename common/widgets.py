"""Interactive views (ipywidgets) over the plain functions of common/.

Each factory returns a widget; end a notebook cell with the call to show it.
Every factory takes lang="ja" (default) or "en": its words come from
common.labels. Pictures are PNG images (ipywidgets.Image). Every widget has a
`.explore-values` HTML part with lines "name: value" (what a reader reads) and a
`.explore-message` part for errors.

Steppers walk a computational graph forward node by node, then backward in
reverse order (common.stepper.graph_steps), with the current node highlighted
(common.drawing.StepPicture) and the rule just applied written in the
`.explore-step` part (its data-node names the highlighted node):

    apple_widget, apple_orange_widget   5.4, with sliders and nudge checks
    sigmoid_widget                      5.5.2, sliders x and dout
    affine_widget                       5.6.2, X, W, b and dout in text boxes
    softmax_graph_widget                5.6.3, score sliders, the label, Softmax or Cross Entropy
    two_layer_net_widget, graph_stepper 5.7, and any graph of common.figures

A slider move keeps the step and changes only the numbers in the picture.
"""
import dataclasses
import html
import math
import struct
import threading
import time
import zlib

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from common import drawing, explore, figures
from common.breakit import check_seed
from common.labels import LabelledError, check_lang, label
from common.nudge import nudge_checks
from common.stepper import graph_steps

PLOT_DPI = 100
PLAY_MS = 1500  # how long the play button shows each step
STYLE = {"description_width": "120px"}
WIDTH = widgets.Layout(width="440px")


def png_bytes(rgba):
    """PNG bytes of an (H, W, 4) uint8 image without its alpha channel.

    Rows are stored unfiltered and compressed at zlib level 1: a widget's
    picture is mostly white, and Pillow's encoder (which tries five filters on
    every row) takes two to three times as long for the same picture.
    """
    rgb = np.asarray(rgba)[..., :3]
    height, width = rgb.shape[:2]
    rows = np.zeros((height, 1 + 3 * width), dtype=np.uint8)  # filter type 0, then the pixels
    rows[:, 1:] = rgb.reshape(height, -1)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + chunk(b"IEND", b""))


def figure_png(fig, dpi=PLOT_DPI):
    """PNG bytes of a matplotlib Figure, drawn once with Agg; a pyplot figure is closed."""
    if fig.canvas.manager is not None:  # made by pyplot: do not leave it open
        import matplotlib.pyplot as plt
        plt.close(fig)
    if fig.dpi != dpi:
        fig.set_dpi(dpi)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return png_bytes(canvas.buffer_rgba())


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
        return png_bytes(self.canvas.buffer_rgba())


# --- parts shared by the widgets (also by common/exercise_widgets.py) ---------------------------

NOTE_COLOR, ERROR_COLOR = "#555", "#b00020"


def values_html(lines, changed=(), wrap=False):
    """<pre> with one line per (name, text) or (name, text, colour or None).

    Names in `changed` are in bold; wrap=True wraps long lines (sentences, not matrices).
    """
    out = []
    for name, text, *rest in lines:
        line = html.escape(f"{name}: {text}")
        color = rest[0] if rest else None
        if name in changed:
            line = f"<b>{line}</b>"
        if color:
            line = f"<span style='color:{color}'>{line}</span>"
        out.append(line)
    style = "margin:0; font-size:14px" + ("; white-space:pre-wrap" if wrap else "")
    return f"<pre style='{style}'>" + "\n".join(out) + "</pre>"


def message_html(text, color=NOTE_COLOR):
    """A note (or, with color=ERROR_COLOR, an error) as HTML; '' for no text."""
    if not text:
        return ""
    return f"<div style='color:{color}; white-space:pre-wrap'>{html.escape(text)}</div>"


def html_part(css_class):
    """An empty HTML widget with the class `css_class`."""
    part = widgets.HTML()
    part.add_class(css_class)
    return part


def text_parts():
    """(values, message) HTML widgets with the classes the tests and the browser look for."""
    return html_part("explore-values"), html_part("explore-message")


def output_parts():
    """(image, values, message): text_parts() after a PNG picture of the class explore-plot."""
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
    image.add_class("explore-plot")
    return (image, *text_parts())


def _natural_width(image, pixels):
    """Show a picture at its own width (narrower if the page is): never stretched and blurred."""
    if image.width != str(pixels):
        image.width = str(pixels)


def _slider(description, value, lo, hi, step, kind=widgets.IntSlider, **kwargs):
    return kind(value=value, min=lo, max=hi, step=step, description=description,
                continuous_update=True, style=STYLE, layout=WIDTH, **kwargs)


def _not_finite(controls, lang):
    """A message naming the first slider whose value is not a number (NaN set in code), or ''.

    (A slider keeps other values within its range: inf becomes its max.)
    """
    for control in controls:
        if isinstance(control, widgets.FloatSlider) and not math.isfinite(control.value):
            return label("ui.not_a_number", lang, name=control.description, value=control.value,
                         lo=f"{control.min:g}", hi=f"{control.max:g}")
    return ""


def _show_problem(message, values, problem):
    """Show `problem` in the message part; True (and the values cleared) when there is one."""
    message.value = message_html(problem, ERROR_COLOR)
    if problem:
        values.value = ""
    return bool(problem)


def explore_box(children, **attributes):
    """A VBox of the class explore-widget, with `attributes` (controls=..., update=...) set."""
    box = widgets.VBox(children)
    box.add_class("explore-widget")
    for name, value in attributes.items():
        setattr(box, name, value)
    return box


# --- steppers ---------------------------------------------------------------------------------

class _Pictures:
    """StepPictures of the graphs a widget shows, one per graph shape (drawing.graph_shape).

    A new graph of a shape seen before only changes that picture's numbers.
    """

    KEEP = 4  # shapes kept (a widget has one or two)

    def __init__(self, dpi=PLOT_DPI):
        self.dpi = dpi
        self.pictures = {}
        self.current = None

    def show(self, graph):
        shape = drawing.graph_shape(graph)
        picture = self.pictures.pop(shape, None)
        if picture is None or not picture.update(graph):
            picture = drawing.StepPicture(graph, [], self.dpi, sentences=False)
        self.pictures[shape] = picture  # the most recent last
        while len(self.pictures) > self.KEEP:
            del self.pictures[next(iter(self.pictures))]
        self.current = picture

    def png(self, step):
        return png_bytes(self.current.render(step))


def step_html(step, lang="ja"):
    """The `.explore-step` line: the phase, k/n and the rule with its numbers (None: the whole)."""
    if step is None:
        return ("<div data-node='' data-phase='whole' style='font-size:14px'>"
                f"{html.escape(label('ui.whole.line', lang))}</div>")
    head = f"{label('phase.' + step.phase, step.lang)} {step.index + 1}/{step.count}"
    return (f"<div data-node='{html.escape(step.node or '')}' data-phase='{step.phase}' "
            f"style='font-size:14px'><b>{html.escape(head)}</b>&nbsp; "
            f"{html.escape(step.text)}</div>")


class _Stepper:
    """◀ / ▶ buttons, a play button, a step slider and 全部見る over the steps of a graph.

    set_graph(graph) shows a new graph at the same step; the step slider counts
    from 1. `box` holds the controls, the picture, the step sentence and the caption.
    """

    def __init__(self, lang, dpi=PLOT_DPI):
        self.lang = lang
        self.pictures = _Pictures(dpi)
        self.graph, self.steps = None, []
        self.back = widgets.Button(description=label("ui.back", lang),
                                   layout=widgets.Layout(width="80px"))
        self.next = widgets.Button(description=label("ui.next", lang),
                                   layout=widgets.Layout(width="80px"))
        self.index = widgets.IntSlider(value=1, min=1, max=1, description=label("ui.step", lang),
                                       continuous_update=True, style={"description_width": "60px"},
                                       layout=widgets.Layout(width="300px"))
        self.play = widgets.Play(value=1, min=1, max=1, interval=PLAY_MS, show_repeat=False,
                                 description=label("ui.play", lang),
                                 tooltip=label("ui.play", lang))
        widgets.link((self.play, "value"), (self.index, "value"))
        self.whole = widgets.ToggleButton(value=False, description=label("ui.whole", lang),
                                          layout=widgets.Layout(width="110px"))
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.image.add_class("explore-plot")
        self.sentence = html_part("explore-step")
        self.caption = html_part("explore-caption")
        self._quiet = False
        self.back.on_click(lambda _: self._move(-1))
        self.next.on_click(lambda _: self._move(+1))
        self.index.observe(self._on_index, names="value")
        self.whole.observe(self._on_whole, names="value")
        play_name = widgets.Label(label("ui.play", lang),
                                  layout=widgets.Layout(margin="0 0 0 12px"))
        controls = widgets.HBox([self.back, self.next, play_name, self.play, self.index,
                                 self.whole])
        self.box = widgets.VBox([controls, self.image, self.sentence, self.caption])

    def _move(self, by):
        self.index.value = min(max(self.index.value + by, self.index.min), self.index.max)

    def _on_index(self, change):
        if self._quiet:
            return
        self._quiet = True
        self.whole.value = False  # a step is shown, not the whole
        self._quiet = False
        self.redraw()

    def _on_whole(self, change):
        if not self._quiet:
            self.redraw()

    def set_graph(self, graph):
        """Show `graph` (its numbers changed, or its shape) at the same step."""
        self.graph = graph
        self.steps = graph_steps(graph, self.lang)
        self.pictures.show(dataclasses.replace(graph, caption=""))  # the caption goes below
        self.caption.value = message_html(graph.caption)
        self._quiet = True
        for control in (self.index, self.play):  # a shorter pass keeps the last step
            control.max = len(self.steps)
        self._quiet = False
        self.redraw()

    @property
    def step(self):
        """The Step shown, or None for the whole picture."""
        return None if self.whole.value else self.steps[self.index.value - 1]

    def redraw(self):
        if not self.steps:  # the inputs are bad: nothing to show until they are good again
            return
        step = self.step
        self.image.value = self.pictures.png(step)
        _natural_width(self.image, self.pictures.current.background.shape[1])
        self.sentence.value = step_html(step, self.lang)
        self.back.disabled = self.index.value <= 1
        self.next.disabled = self.index.value >= len(self.steps)

    def blank(self):
        """Say nothing about a step while the inputs are bad; the last picture stays.

        The step controls keep working; set_graph shows the step they are at.
        """
        self.steps = []
        self.sentence.value = ""
        self.caption.value = ""


def _graph_widget(lang, controls, build, show=None, parts=(), notes=()):
    """A stepper over build(**inputs), with `controls` ({name: widget}) giving the inputs.

    show(inputs, graph, values) fills the values and the other `parts` (cleared
    while the inputs are bad) after every change; `notes` are fixed texts.
    A NaN slider or a ValueError from build (a LabelledError is said in `lang`)
    is shown in the message part, and the next good input recovers.
    """
    check_lang(lang)
    stepper = _Stepper(lang)
    values, message = text_parts()

    def update(change=None):
        problem = _not_finite(controls.values(), lang)
        if not problem:
            inputs = {name: control.value for name, control in controls.items()}
            try:
                graph = build(**inputs)
            except LabelledError as error:
                problem = label("ui.cannot_compute", lang, error=error.text(lang))
            except ValueError as error:
                problem = label("ui.cannot_compute", lang, error=str(error))
        if _show_problem(message, values, problem):
            stepper.blank()
            for part in parts:
                part.value = ""
            return
        stepper.set_graph(graph)
        if show is not None:
            show(inputs, graph, values)

    for control in controls.values():
        control.observe(update, names="value")
    update()
    inputs = widgets.VBox(list(controls.values()))
    return explore_box([inputs, stepper.box, values, *notes, *parts, message], controls=controls,
                stepper=stepper, update=update)


def graph_stepper(builder, lang="ja", **inputs):
    """A stepper over builder(**inputs, lang=lang): any graph builder of common.figures."""
    return _graph_widget(lang, {}, lambda: builder(**inputs, lang=lang))


def two_layer_net_widget(lang="ja"):
    """5.7: step through TwoLayerNet's layers Affine → ReLU → Affine → Softmax-with-Loss."""
    return graph_stepper(figures.two_layer_net_graph, lang)


# --- 5.4 apple and orange ------------------------------------------------------------------

def _purchase_widget(builder, values_function, names, controls, lang):
    nudges = html_part("explore-nudge")
    previous = {}
    note = widgets.HTML(f"<i>{html.escape(label('ui.changed', lang))}</i>")

    def show(inputs, graph, values):
        result = values_function(**inputs)
        texts = {name: explore.format_number(result[name]) for name in names}
        changed = {name for name in names if previous and previous.get(name) != texts[name]}
        previous.update(texts)
        values.value = values_html([(name, texts[name]) for name in names], changed)
        lines = [check.text for check in nudge_checks(builder, lang, **inputs)]
        nudges.value = ("<pre style='margin:0; font-size:14px'>"
                        + html.escape("\n".join(lines)) + "</pre>")

    return _graph_widget(lang, controls, lambda **inputs: builder(**inputs, lang=lang), show,
                         parts=[nudges], notes=[note])


def _purchase_slider(name, value, lang):
    if name == "tax":
        return _slider(label("slider.tax", lang), value, 1.0, 1.5, 0.01,
                       kind=widgets.FloatSlider)
    top = 10 if name.endswith("_num") else 300
    return _slider(label(f"slider.{name}", lang), value, 0, top, 1)


def apple_widget(lang="ja"):
    """5.4.1: the apple purchase, stepped through, with sliders for price, count and tax.

    Shows price and gradients (the book's names) and a nudge check per input.
    """
    check_lang(lang)
    controls = {name: _purchase_slider(name, value, lang)
                for name, value in (("apple", 100), ("apple_num", 2), ("tax", 1.1))}
    return _purchase_widget(figures.apple_graph, explore.apple_values, explore.APPLE_NAMES,
                            controls, lang)


def apple_orange_widget(lang="ja"):
    """5.4.2: the apple and orange purchase, stepped through, with a slider per input."""
    check_lang(lang)
    controls = {name: _purchase_slider(name, value, lang)
                for name, value in (("apple", 100), ("apple_num", 2), ("orange", 150),
                                    ("orange_num", 3), ("tax", 1.1))}
    return _purchase_widget(figures.apple_orange_graph, explore.apple_orange_values,
                            explore.APPLE_ORANGE_NAMES, controls, lang)


# --- 5.5 activation layers ----------------------------------------------------------------------

def _num(value):
    return f"{value:.6g}"


def sigmoid_widget(lang="ja"):
    """5.5.2: the Sigmoid graph (×(-1), exp, +1, /) stepped through, with sliders x and dout."""
    check_lang(lang)
    controls = {"x": _slider("x", 1.0, -6.0, 6.0, 0.1, kind=widgets.FloatSlider),
                "dout": _slider("dout", 1.0, -2.0, 2.0, 0.1, kind=widgets.FloatSlider)}

    def show(inputs, graph, values):
        result = explore.activation_values("Sigmoid", inputs["x"], inputs["dout"])
        values.value = values_html([("y", _num(result["y"])), ("y(1 - y)", _num(
            result["local_grad"])), ("dx", _num(result["dx"]))])

    return _graph_widget(lang, controls,
                         lambda x, dout: figures.sigmoid_graph(x, dout, lang=lang), show)


def activation_widget(lang="ja"):
    """ReLU or Sigmoid: slide x and dout; the curve, the point, its tangent, y and dx."""
    check_lang(lang)
    kind = widgets.ToggleButtons(options=list(explore.ACTIVATIONS), value="Sigmoid",
                                 description=label("ui.layer", lang), style=STYLE)
    x = _slider("x", 1.0, -6.0, 6.0, 0.1, kind=widgets.FloatSlider)
    dout = _slider("dout", 1.0, -2.0, 2.0, 0.1, kind=widgets.FloatSlider)
    image, values, message = output_parts()
    fig = Figure(figsize=(5, 3.2))
    ax = fig.add_subplot()
    curve, = ax.plot([], [], color="C0", label=label("plot.activation.curve", lang))
    tangent, = ax.plot([], [], "--", color="C3", label=label("plot.activation.tangent", lang))
    point, = ax.plot([], [], "o", color="C3")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", prop={"family": list(drawing.FONT), "size": 8})
    ax.set_title(label("plot.activation.title", lang, kind="Sigmoid"), fontfamily=drawing.FONT)
    fig.tight_layout()
    plot = _BlitFigure(fig, [tangent, point])

    def update(change=None):
        if _show_problem(message, values, _not_finite([x, dout], lang)):
            return
        result = explore.activation_values(kind.value, x.value, dout.value)
        xs, ys, line = explore.activation_curve(kind.value, x.value)
        curve.set_data(xs, ys)
        tangent.set_data(xs, line)
        point.set_data([x.value], [result["y"]])
        ax.set_xlim(xs[0], xs[-1])
        ylim = (min(ys.min(), 0) - 0.3, max(ys.max(), 1) + 0.3)
        ax.set_ylim(*ylim)
        ax.set_title(label("plot.activation.title", lang, kind=kind.value),
                     fontfamily=drawing.FONT)
        image.value = plot.png(key=(kind.value, xs[0], xs[-1], ylim))
        _natural_width(image, plot.canvas.get_width_height()[0])
        values.value = values_html([
            ("y", _num(result["y"])),
            ("local_grad", _num(result["local_grad"])),
            ("dout", _num(dout.value)),
            ("dx", _num(result["dx"])),
        ])

    for control in (kind, x, dout):
        control.observe(update, names="value")
    update()
    note = widgets.HTML(f"<i>{html.escape(label('note.activation', lang))}</i>")
    return explore_box([kind, x, dout, image, values, note, message], update=update,
                controls={"kind": kind, "x": x, "dout": dout})


# --- 5.6 Affine and Softmax-with-Loss ---------------------------------------------------------

def _vector(a):
    return np.array2string(np.asarray(a), precision=4, suppress_small=True, floatmode="fixed")


LOGIT_RANGE = (-6.0, 6.0)  # the score sliders' range


def _check_softmax_arguments(logits, label, most=None):
    """logits as floats, or ValueError naming the argument and what it may be."""
    lo, hi = LOGIT_RANGE
    count = "2 or more" if most is None else f"2 to {most}"
    wanted = (f"logits must be {count} numbers from {lo:g} to {hi:g}, "
              "such as (0.3, 2.9, 4.0)")
    try:
        items = list(logits) if not isinstance(logits, str) else []
        values = [float(v) for v in items]
    except (TypeError, ValueError):
        values = []
    if len(values) < 2 or (most is not None and len(values) > most):
        raise ValueError(f"{wanted}; got {logits!r}")
    for item, value in zip(items, values, strict=True):
        if not lo <= value <= hi:  # nan too
            raise ValueError(f"{wanted}; got {item!r} in {logits!r}")
    if not (isinstance(label, (int, np.integer)) and not isinstance(label, bool)
            and 0 <= label < len(values)):
        raise ValueError(f"label must be a class index from 0 to {len(values) - 1} "
                         f"(one per logit), got {label!r}")
    return values


def softmax_widget(logits=(0.3, 2.9, 4.0), label=2, lang="ja"):
    """Score sliders for one sample and a label; bars of y, t and y - t; the loss.

    logits: 2 or more starting values from -6 to 6; label: the true class,
    0 <= label < len(logits).  Raises ValueError for anything else.
    """
    logits = _check_softmax_arguments(logits, label)
    check_lang(lang)
    words = _labels_in(lang)
    sub = lambda k: str(k).translate(figures.SUB)  # noqa: E731  classes counted from 1, as the book
    sliders = [_slider(f"a{sub(k + 1)}", v, *LOGIT_RANGE, 0.1, kind=widgets.FloatSlider)
               for k, v in enumerate(logits)]
    label_choice = widgets.ToggleButtons(
        options=[(f"t{sub(k + 1)} = 1", k) for k in range(len(sliders))], value=label,
        description=words("ui.label_t"), style=STYLE)
    image, values, message = output_parts()
    fig = Figure(figsize=(6.5, 2.8))
    ax_p, ax_g = fig.subplots(1, 2)
    classes = np.arange(len(sliders))
    bars_y = ax_p.bar(classes - 0.2, np.zeros(len(classes)), width=0.4, label="y (softmax)")
    bars_t = ax_p.bar(classes + 0.2, np.zeros(len(classes)), width=0.4, label="t (one-hot)",
                      color="C2", alpha=0.6)
    bars_g = ax_g.bar(classes, np.zeros(len(classes)), color="C3")
    ax_p.set_ylim(0, 1.05)
    ax_p.set_title(words("plot.softmax.probabilities"), fontfamily=drawing.FONT)
    ax_p.legend(fontsize=8, loc="upper left")
    ax_g.set_ylim(-1.05, 1.05)
    ax_g.axhline(0, color="black", lw=0.8)
    ax_g.set_title(words("plot.softmax.gradient"), fontfamily=drawing.FONT)
    for ax in (ax_p, ax_g):
        ax.set_xticks(classes, [str(k + 1) for k in classes])
        ax.set_xlabel(words("plot.class"), fontfamily=drawing.FONT)
    fig.tight_layout()
    plot = _BlitFigure(fig, [*bars_y, *bars_t, *bars_g])

    def update(change=None):
        if _show_problem(message, values, _not_finite(sliders, lang)):
            return
        result = explore.softmax_values([s.value for s in sliders], label_choice.value)
        for bars, heights in ((bars_y, result["y"]), (bars_t, result["t"]),
                              (bars_g, result["dx"])):
            for bar, h in zip(bars, heights, strict=True):
                bar.set_height(h)
        image.value = plot.png()
        _natural_width(image, plot.canvas.get_width_height()[0])
        values.value = _softmax_lines(result)

    for control in (*sliders, label_choice):
        control.observe(update, names="value")
    update()
    return explore_box([*sliders, label_choice, image, values, message], update=update,
                controls={"logits": sliders, "label": label_choice})


def _labels_in(lang):
    """label(key) in `lang` (the softmax widgets have an argument called label)."""
    return lambda key, **fields: label(key, lang, **fields)


def _softmax_lines(result):
    return values_html([
        ("y", _vector(result["y"])),
        ("t", _vector(result["t"])),
        ("y - t", _vector(result["dx"])),
        ("loss", f"{result['loss']:.4f}"),
    ])


def softmax_graph_widget(logits=figures.SOFTMAX_A, label=2, lang="ja"):
    """5.6.3: the Softmax graph (or the Cross Entropy Error graph) stepped through.

    Sliders for the scores a₁, a₂, ... (2 to 5 of them, from -6 to 6) and a
    choice of the label (which tₖ is 1) drive both graphs. label counts from 0.
    Shows y, t, y - t and the loss of a real SoftmaxWithLoss.
    """
    logits = _check_softmax_arguments(logits, label, most=5)
    check_lang(lang)
    words = _labels_in(lang)

    def sub(k):
        return str(k).translate(figures.SUB)

    controls = {f"a{k}": _slider(f"a{sub(k + 1)}", v, *LOGIT_RANGE, 0.1,
                                 kind=widgets.FloatSlider) for k, v in enumerate(logits)}
    controls["label"] = widgets.ToggleButtons(
        options=[(f"t{sub(k + 1)} = 1", k) for k in range(len(logits))], value=label,
        description=words("ui.label_t"), style=STYLE)
    controls["graph"] = widgets.ToggleButtons(
        options=[(words("graph.softmax"), "softmax"),
                 (words("graph.cross_entropy"), "cross_entropy")],
        value="softmax", description=words("ui.graph"), style=STYLE | {"button_width": "auto"})

    def scores(inputs):
        return [inputs[f"a{k}"] for k in range(len(logits))]

    def build(graph, label, **inputs):
        a = np.array(scores(inputs))
        t = np.eye(a.size)[label]
        if graph == "softmax":
            return figures.softmax_graph(a, t, lang=lang)
        return figures.cross_entropy_graph(explore.softmax_values(a, label)["y"], t, lang=lang)

    def show(inputs, graph, values):
        values.value = _softmax_lines(explore.softmax_values(scores(inputs), inputs["label"]))

    return _graph_widget(lang, controls, build, show)


AFFINE_DEFAULTS = {  # the numbers of figures.affine_batch_graph: N = 3, D = 2, M = 4
    "X": "1 2\n3 4\n5 6",
    "W": "0.1 0.3 0.5 0.7\n0.2 0.4 0.6 0.8",
    "b": "0.1 0.2 0.3 0.4",
    "dout": "1 -1 0.5 0\n0.5 2 -1 1\n0 1 1 -0.5",
}


def affine_widget(lang="ja", **texts):
    """5.6.2: editable X, W, b, dout (rows on lines, numbers split by spaces).

    Steps through the batch Affine graph of those arrays (their shapes on the
    arrows) and prints Y, dX, dW, db. Keyword arguments X, W, b, dout give the
    starting text of each box (by default the figure's, N = 3, D = 2, M = 4).
    """
    unknown = set(texts) - set(AFFINE_DEFAULTS)
    if unknown:
        raise TypeError(f"affine_widget takes X, W, b, dout; got {', '.join(sorted(unknown))}")
    for name, text in texts.items():
        if not isinstance(text, str):
            raise TypeError(f"affine_widget: {name} must be text such as {AFFINE_DEFAULTS[name]!r} "
                            f"(rows on lines, numbers split by spaces), got {type(text).__name__}")
    check_lang(lang)
    boxes = {}
    for name, default in AFFINE_DEFAULTS.items():
        boxes[name] = widgets.Textarea(value=texts.get(name, default), description=name,
                                       continuous_update=False, rows=3,
                                       layout=widgets.Layout(width="240px"))
    state = {}

    def build(**texts):
        arrays = {name: explore.parse_matrix(text, name) for name, text in texts.items()}
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow is named below
            result = explore.affine_values(arrays["X"], arrays["W"], arrays["b"], arrays["dout"])
        too_large = [name for name, value in result.items() if not np.all(np.isfinite(value))]
        if too_large:
            raise LabelledError("error.affine.overflow", name=too_large[0])
        state.update(arrays=arrays, result=result)
        return figures.affine_batch_graph(arrays["X"], arrays["W"], arrays["b"].ravel(),
                                          arrays["dout"], lang=lang)

    def show(inputs, graph, values):
        arrays, result = state["arrays"], state["result"]
        shapes = {name: arrays[name].shape for name in ("X", "W", "dout")}
        parts = [
            explore.format_matrix("Y = X·W + b", result["Y"]),
            explore.format_matrix(f"dX = dout·Wᵀ  {shapes['dout']}·{shapes['W'][::-1]} →",
                                  result["dX"]),
            explore.format_matrix(f"dW = Xᵀ·dout  {shapes['X'][::-1]}·{shapes['dout']} →",
                                  result["dW"]),
            explore.format_matrix(label("affine.db", lang), result["db"]),
        ]
        values.value = ("<pre style='margin:0; font-size:14px'>"
                        + html.escape("\n\n".join(parts)) + "</pre>")

    view = _graph_widget(lang, boxes, build, show)
    hint = widgets.HTML(f"<i>{html.escape(label('affine.hint', lang))}</i>")
    inputs, *rest = view.children
    view.children = [widgets.HBox(list(boxes.values())), hint, *rest]
    return view


# --- 5.7 training dashboard ---------------------------------------------------------------------

def _curves_png(run, lang):
    """Loss per iteration and subset accuracies of a TrainingRun, as PNG bytes."""
    words = _labels_in(lang)
    fig = Figure(figsize=(8, 3))
    ax_loss, ax_acc = fig.subplots(1, 2)
    loss = list(run.history.train_loss) if run.history is not None else []
    if loss:
        ax_loss.plot(np.arange(len(loss)), loss, lw=0.8)
    ax_loss.set_xlabel(words("plot.iteration"))
    ax_loss.set_ylabel(words("plot.minibatch_loss"))
    ax_loss.set_title(words("plot.loss.title"))
    ax_acc.plot(run.eval_iters, run.train_acc, "o-", ms=3, label=words("plot.train"))
    ax_acc.plot(run.eval_iters, run.test_acc, "s--", ms=3, label=words("plot.test"))
    ax_acc.set_ylim(0, 1)
    ax_acc.set_xlabel(words("plot.iteration"))
    ax_acc.set_ylabel(words("plot.accuracy"))
    ax_acc.set_title(words("plot.accuracy.title", n=run.eval_size))
    ax_acc.legend(loc="lower right")
    for ax in (ax_loss, ax_acc):
        ax.grid(alpha=0.3)
    fig.tight_layout()
    return figure_png(fig)


def training_dashboard(x_train, t_train, x_test, t_test, seed=0, lang="ja"):
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
    check_seed(seed)
    check_lang(lang)
    words = _labels_in(lang)
    learning_rate = widgets.FloatLogSlider(value=0.1, base=10, min=-3, max=9, step=0.1,
                                           description=words("dash.learning_rate"),
                                           readout_format=".3g", style=STYLE, layout=WIDTH,
                                           continuous_update=False)
    hidden_size = _slider(words("dash.hidden_size"), 50, 1, 300, 1)
    batch_size = _slider(words("dash.batch_size"), 100, 1, 1000, 1)
    iters = widgets.BoundedIntText(value=2000, min=1, max=100000, description=words("dash.iters"),
                                   style=STYLE, layout=WIDTH)
    weight_scale = widgets.FloatLogSlider(value=0.01, base=10, min=-4, max=1, step=0.1,
                                          description=words("dash.weight_scale"),
                                          readout_format=".3g", style=STYLE, layout=WIDTH,
                                          continuous_update=False)
    train_button = widgets.Button(description=words("dash.train"), button_style="primary",
                                  icon="play")
    stop_button = widgets.Button(description=words("dash.stop"), icon="stop", disabled=True)
    check_button = widgets.Button(description=words("dash.check"), icon="check")
    progress = widgets.IntProgress(value=0, min=0, max=1, description=words("dash.progress"),
                                   style=STYLE, layout=WIDTH)
    image, values, message = output_parts()
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
            settings = explore.training_settings(learning_rate.value, hidden_size.value,
                                                 batch_size.value, iters.value,
                                                 weight_scale.value)
            run = explore.TrainingRun(settings, x_train, t_train, x_test, t_test, seed=seed,
                                      on_progress=on_progress, lang=lang)
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
        network = run.network if run is not None else explore.make_network(
            hidden_size.value, weight_scale.value, seed)
        check_button.disabled = True
        check_output.value = message_html(words("dash.checking"))

        def work():
            try:
                _, text = explore.gradient_check_report(network, x_train, t_train)
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
