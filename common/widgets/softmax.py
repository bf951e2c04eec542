"""5.6.3: Softmax-with-Loss: the graph stepped through, and a bar chart of y and y - t."""

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from common.graph import chapter
from common.labels import check_lang
from common.widgets import logic
from common.widgets.parts import (
    STYLE,
    BlitFigure,
    explore_box,
    labels_in,
    natural_width,
    not_finite,
    output_parts,
    plot_fonts,
    show_problem,
    slider,
    values_html,
)
from common.widgets.stepper import graph_widget

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
    words = labels_in(lang)
    sub = lambda k: str(k).translate(chapter.SUB)  # noqa: E731  classes counted from 1, as the book
    sliders = [slider(f"a{sub(k + 1)}", v, *LOGIT_RANGE, 0.1, kind=widgets.FloatSlider)
               for k, v in enumerate(logits)]
    label_choice = widgets.ToggleButtons(
        options=[(f"t{sub(k + 1)} = 1", k) for k in range(len(sliders))], value=label,
        description=words("ui.label_t"), style=STYLE)
    image, values, message = output_parts()
    classes = np.arange(len(sliders))
    with plot_fonts(lang):
        fig = Figure(figsize=(6.5, 2.8))
        ax_p, ax_g = fig.subplots(1, 2)
        bars_y = ax_p.bar(classes - 0.2, np.zeros(len(classes)), width=0.4,
                          label="y (softmax)")
        bars_t = ax_p.bar(classes + 0.2, np.zeros(len(classes)), width=0.4,
                          label="t (one-hot)", color="C2", alpha=0.6)
        bars_g = ax_g.bar(classes, np.zeros(len(classes)), color="C3")
        ax_p.set_ylim(0, 1.05)
        ax_p.set_title(words("plot.softmax.probabilities"))
        ax_p.legend(fontsize=8, loc="upper left")
        ax_g.set_ylim(-1.05, 1.05)
        ax_g.axhline(0, color="black", lw=0.8)
        ax_g.set_title(words("plot.softmax.gradient"))
        for ax in (ax_p, ax_g):
            ax.set_xticks(classes, [str(k + 1) for k in classes])
            ax.set_xlabel(words("plot.class"))
        fig.tight_layout()
    plot = BlitFigure(fig, [*bars_y, *bars_t, *bars_g], lang=lang)

    def update(change=None):
        if show_problem(message, values, not_finite(sliders, lang)):
            return
        result = logic.softmax_values([s.value for s in sliders], label_choice.value)
        for bars, heights in ((bars_y, result["y"]), (bars_t, result["t"]),
                              (bars_g, result["dx"])):
            for bar, h in zip(bars, heights, strict=True):
                bar.set_height(h)
        image.value = plot.png()
        natural_width(image, plot.canvas.get_width_height()[0])
        values.value = _softmax_lines(result)

    for control in (*sliders, label_choice):
        control.observe(update, names="value")
    update()
    return explore_box([*sliders, label_choice, image, values, message], update=update,
                       controls={"logits": sliders, "label": label_choice}, figure=fig)



def _softmax_lines(result):
    return values_html([
        ("y", _vector(result["y"])),
        ("t", _vector(result["t"])),
        ("y - t", _vector(result["dx"])),
        ("loss", f"{result['loss']:.4f}"),
    ])


def softmax_graph_widget(logits=chapter.SOFTMAX_A, label=2, lang="ja"):
    """5.6.3: the Softmax graph (or the Cross Entropy Error graph) stepped through.

    Sliders for the scores a₁, a₂, ... (2 to 5 of them, from -6 to 6) and a
    choice of the label (which tₖ is 1) drive both graphs. label counts from 0.
    Shows y, t, y - t and the loss of a real SoftmaxWithLoss.
    """
    logits = _check_softmax_arguments(logits, label, most=5)
    check_lang(lang)
    words = labels_in(lang)

    def sub(k):
        return str(k).translate(chapter.SUB)

    controls = {f"a{k}": slider(f"a{sub(k + 1)}", v, *LOGIT_RANGE, 0.1,
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
            return chapter.softmax_graph(a, t, lang=lang)
        return chapter.cross_entropy_graph(logic.softmax_values(a, label)["y"], t, lang=lang)

    def show(inputs, graph, values):
        values.value = _softmax_lines(logic.softmax_values(scores(inputs), inputs["label"]))

    return graph_widget(lang, controls, build, show)
