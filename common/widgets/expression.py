"""Your own expression: type it, see its graph in the book's style, step through it, nudge it.

    expression_widget("(x + y) ** 2", x=2, y=1)

The text is read by common.graph.expression (with ast, never run). Each variable
gets a slider, made again when the names change; the stepper walks the graph
forward and backward; one line per input moves it by +h and compares Δout/h with
its gradient. A text that cannot be read says why in the message part, and the last
good graph stays.
"""
import html
import math

import ipywidgets as widgets

from common.graph import drawing
from common.graph.expression import ExpressionError, parse_expression
from common.graph.model import format_value
from common.labels import check_lang, label
from common.widgets.parts import (
    ERROR_COLOR,
    PLOT_DPI,
    STYLE,
    explore_box,
    html_part,
    message_html,
    not_finite,
    slider,
    text_parts,
    values_html,
)
from common.widgets.stepper import Stepper

DEFAULT = 1.0  # a new variable's value
WIDEST = 1300  # pixels: a wider graph is drawn at a lower resolution, down to LOWEST_DPI
LOWEST_DPI = 60
RANGE = 5.0  # a slider goes from -RANGE to RANGE, or wider for a value given beyond it


def expression_widget(text="(x + y) ** 2", lang="ja", **values):
    """A text box for an expression, a slider per variable, its graph stepped through, nudges.

    values: the starting value of any variable (1.0 for the others). The widget has
    .controls ({"expression": the text box, name: slider, ...}, the same dict as the
    sliders change), .stepper and .update. A bad `text` or value raises ExpressionError
    (a ValueError) before any widget is made.
    """
    check_lang(lang)
    parsed = parse_expression(text)
    start = parsed.values({name: DEFAULT for name in parsed.variables} | values)
    box = widgets.Text(value=text, description=label("ui.expression", lang),
                       continuous_update=False, style=STYLE,
                       layout=widgets.Layout(width="560px"))
    box.add_class("explore-expression")
    controls = {"expression": box}
    sliders = widgets.VBox()
    stepper = Stepper(lang)
    values_part, message = text_parts()
    nudges = html_part("explore-nudge")
    state = {"parsed": parsed}

    def make_sliders(names, keep):
        for name in [n for n in controls if n != "expression"]:
            controls.pop(name).unobserve(update, names="value")
        for name in names:
            controls[name] = _slider(name, keep.get(name, DEFAULT))
            controls[name].observe(update, names="value")
        sliders.children = [controls[name] for name in names]

    def update(change=None):
        parsed = state["parsed"]
        problem = not_finite([controls[name] for name in parsed.variables], lang)
        if not problem:
            try:
                expression = parsed.evaluate({n: controls[n].value for n in parsed.variables},
                                             lang)
            except ExpressionError as error:
                problem = label("ui.cannot_compute", lang, error=error.text(lang))
        if problem:
            message.value = message_html(problem, ERROR_COLOR)
            values_part.value = nudges.value = ""
            stepper.blank()
            return
        message.value = ""
        stepper.pictures.dpi = _dpi(expression.graph)  # for a new picture; one seen keeps its
        stepper.set_graph(expression.graph)
        out = expression.output
        values_part.value = values_html(
            [(out, format_value(expression.value))]
            + [(f"∂{out}/∂{name}", format_value(grad)) for name, grad in expression.grads.items()])
        nudges.value = ("<pre style='margin:0; font-size:14px'>" + html.escape(
            "\n".join(n.text for n in expression.nudges(lang))) + "</pre>")

    def on_text(change):
        try:
            new = parse_expression(box.value)
        except ExpressionError as error:  # the last good graph stays
            message.value = message_html(error.text(lang), ERROR_COLOR)
            return
        if new.variables != state["parsed"].variables:
            now = {name: controls[name].value for name in state["parsed"].variables}
            make_sliders(new.variables, now)
        state["parsed"] = new
        update()

    make_sliders(parsed.variables, start)
    box.observe(on_text, names="value")
    update()
    hint = widgets.HTML(f"<i>{html.escape(label('ui.expression.hint', lang))}</i>")
    return explore_box([box, sliders, stepper.box, values_part, nudges, hint, message],
                       controls=controls, stepper=stepper, update=update)


def _slider(name, value):
    """A slider from -RANGE to RANGE in steps of 0.1, wider if `value` lies beyond."""
    reach = max(RANGE, math.ceil(abs(value) * 2))
    return slider(name, value, -reach, reach, 0.1, kind=widgets.FloatSlider)


def _dpi(graph):
    """Dots per inch for `graph`'s picture: PLOT_DPI, less for a graph wider than WIDEST.

    The page would shrink a wider picture anyway; drawn smaller, it stays sharp and a
    step takes less time.
    """
    xs = [item.xy[0] for item in [*graph.nodes.values(), *graph.terminals.values()]]
    inches = (max(xs) - min(xs) + 1.5) * drawing.UNIT  # and the names at both ends
    return max(LOWEST_DPI, min(PLOT_DPI, int(WIDEST / inches)))
