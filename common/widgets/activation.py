"""5.5: the Sigmoid graph stepped through, and an activation curve with its tangent."""
import html

import ipywidgets as widgets
from matplotlib.figure import Figure

from common.graph import chapter
from common.labels import check_lang, label
from common.widgets import logic
from common.widgets.parts import (
    STYLE,
    BlitFigure,
    explore_box,
    natural_width,
    not_finite,
    output_parts,
    plot_fonts,
    show_problem,
    slider,
    values_html,
)
from common.widgets.stepper import graph_widget

# --- 5.5 activation layers ----------------------------------------------------------------------

def _num(value):
    return f"{value:.6g}"


def sigmoid_widget(lang="ja"):
    """5.5.2: the Sigmoid graph (×(-1), exp, +1, /) stepped through, with sliders x and dout."""
    check_lang(lang)
    controls = {"x": slider("x", 1.0, -6.0, 6.0, 0.1, kind=widgets.FloatSlider),
                "dout": slider("dout", 1.0, -2.0, 2.0, 0.1, kind=widgets.FloatSlider)}

    def show(inputs, graph, values):
        result = logic.activation_values("Sigmoid", inputs["x"], inputs["dout"])
        values.value = values_html([("y", _num(result["y"])), ("y(1 - y)", _num(
            result["local_grad"])), ("dx", _num(result["dx"]))])

    return graph_widget(lang, controls,
                         lambda x, dout: chapter.sigmoid_graph(x, dout, lang=lang), show)


def activation_widget(lang="ja"):
    """ReLU or Sigmoid: slide x and dout; the curve, the point, its tangent, y and dx."""
    check_lang(lang)
    kind = widgets.ToggleButtons(options=list(logic.ACTIVATIONS), value="Sigmoid",
                                 description=label("ui.layer", lang), style=STYLE)
    x = slider("x", 1.0, -6.0, 6.0, 0.1, kind=widgets.FloatSlider)
    dout = slider("dout", 1.0, -2.0, 2.0, 0.1, kind=widgets.FloatSlider)
    image, values, message = output_parts()
    with plot_fonts(lang):
        fig = Figure(figsize=(5, 3.2))
        ax = fig.add_subplot()
        curve, = ax.plot([], [], color="C0", label=label("plot.activation.curve", lang))
        tangent, = ax.plot([], [], "--", color="C3",
                           label=label("plot.activation.tangent", lang))
        point, = ax.plot([], [], "o", color="C3")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=8)
        title = ax.set_title(label("plot.activation.title", lang, kind="Sigmoid"))
        fig.tight_layout()
    plot = BlitFigure(fig, [tangent, point], lang=lang)

    def update(change=None):
        if show_problem(message, values, not_finite([x, dout], lang)):
            return
        result = logic.activation_values(kind.value, x.value, dout.value)
        xs, ys, line = logic.activation_curve(kind.value, x.value)
        curve.set_data(xs, ys)
        tangent.set_data(xs, line)
        point.set_data([x.value], [result["y"]])
        ax.set_xlim(xs[0], xs[-1])
        ylim = (min(ys.min(), 0) - 0.3, max(ys.max(), 1) + 0.3)
        ax.set_ylim(*ylim)
        title.set_text(label("plot.activation.title", lang, kind=kind.value))
        image.value = plot.png(key=(kind.value, xs[0], xs[-1], ylim))
        natural_width(image, plot.canvas.get_width_height()[0])
        values.value = values_html([
            ("y", _num(result["y"])),
            (label("ui.local_derivative", lang), _num(result["local_grad"])),
            ("dout", _num(dout.value)),
            ("dx", _num(result["dx"])),
        ])

    for control in (kind, x, dout):
        control.observe(update, names="value")
    update()
    note = widgets.HTML(f"<i>{html.escape(label('note.activation', lang))}</i>")
    return explore_box([kind, x, dout, image, values, note, message], update=update,
                       controls={"kind": kind, "x": x, "dout": dout}, figure=fig)
