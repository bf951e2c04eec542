"""The exercises of writing each layer yourself: the answer, revealed on request.

The check itself needs no widget: check_layer(...) and check_purchase_graph(...)
(common.practice.checker, graph_check) return reports that a notebook shows as
a table, a message and a picture of the graph.
"""
import html

import ipywidgets as widgets

from common.labels import check_lang, label
from common.practice import checker
from common.widgets.parts import explore_box, html_part

KIND_NAMES = {"gradient": "common.two_layer_net.TwoLayerNet.gradient",
              **{kind: f"common.layers.{spec.reference.__name__}"
                 for kind, spec in checker.KINDS.items()}}


def answer_widget(kind, lang="ja"):
    """A button "答えを見る" that shows the answer to the exercise of `kind` in the book's form
    (checker.answer): the layer's class ("mul", ..., "softmax_with_loss") with its backward
    written, or TwoLayerNet.gradient ("gradient")."""
    check_lang(lang)
    if kind not in KIND_NAMES:
        raise ValueError(f"unknown kind {kind!r}: choose one of {', '.join(map(repr, KIND_NAMES))}")
    source = checker.answer(kind)
    button = widgets.Button(description=label("exercise.button.reveal_one", lang))
    shown = html_part("checker-answer")

    def reveal(_=None):
        shown.value = (f"<div>{html.escape(label('check.answer', lang, where=KIND_NAMES[kind]))}"
                       f"</div><pre style='margin:4px 0; font-size:13px'>{html.escape(source)}"
                       "</pre>")

    button.on_click(reveal)
    return explore_box([button, shown], controls={"reveal": button}, update=reveal)
