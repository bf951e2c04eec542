"""5.6.2: the Affine layer on matrices the reader types, stepped through."""
import html

import ipywidgets as widgets
import numpy as np

from common.graph import chapter
from common.labels import LabelledError, check_lang, label
from common.widgets import logic
from common.widgets.stepper import graph_widget

AFFINE_DEFAULTS = {  # the numbers of chapter.affine_batch_graph: N = 3, D = 2, M = 4
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
        arrays = {name: logic.parse_matrix(text, name) for name, text in texts.items()}
        with np.errstate(over="ignore", invalid="ignore"):  # an overflow is named below
            result = logic.affine_values(arrays["X"], arrays["W"], arrays["b"], arrays["dout"])
        too_large = [name for name, value in result.items() if not np.all(np.isfinite(value))]
        if too_large:
            raise LabelledError("error.affine.overflow", name=too_large[0])
        state.update(arrays=arrays, result=result)
        return chapter.affine_batch_graph(arrays["X"], arrays["W"], arrays["b"].ravel(),
                                          arrays["dout"], lang=lang)

    def show(inputs, graph, values):
        arrays, result = state["arrays"], state["result"]
        shapes = {name: arrays[name].shape for name in ("X", "W", "dout")}
        parts = [
            logic.format_matrix("Y = X·W + b", result["Y"]),
            logic.format_matrix(f"dX = dout·Wᵀ  {shapes['dout']}·{shapes['W'][::-1]} →",
                                  result["dX"]),
            logic.format_matrix(f"dW = Xᵀ·dout  {shapes['X'][::-1]}·{shapes['dout']} →",
                                  result["dW"]),
            logic.format_matrix(label("affine.db", lang), result["db"]),
        ]
        values.value = ("<pre style='margin:0; font-size:14px'>"
                        + html.escape("\n\n".join(parts)) + "</pre>")

    view = graph_widget(lang, boxes, build, show)
    hint = widgets.HTML(f"<i>{html.escape(label('affine.hint', lang))}</i>")
    inputs, *rest = view.children
    view.children = [widgets.HBox(list(boxes.values())), hint, *rest]
    return view
