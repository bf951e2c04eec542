"""The stepper: ◀ ▶, play, a step slider and 全部見る over the steps of any graph.

Steppers walk a computational graph forward node by node, then backward in
reverse order (common.graph.stepper.graph_steps), with the current node highlighted
(common.graph.drawing.StepPicture) and the rule just applied written in the
`.explore-step` part (its data-node names the highlighted node). A slider move
keeps the step and changes only the numbers in the picture.
"""
import dataclasses
import html

import ipywidgets as widgets

from common.graph import drawing
from common.graph.stepper import graph_steps
from common.labels import LabelledError, check_lang, label
from common.widgets.parts import (
    PLOT_DPI,
    explore_box,
    html_part,
    message_html,
    natural_width,
    not_finite,
    png_bytes,
    show_problem,
    text_parts,
)

PLAY_MS = 1500  # how long the play button shows each step


# --- steppers ---------------------------------------------------------------------------------

class Pictures:
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
    check_lang(lang)
    if step is None:
        return ("<div data-node='' data-phase='whole' style='font-size:14px'>"
                f"{html.escape(label('ui.whole.line', lang))}</div>")
    head = f"{label('phase.' + step.phase, step.lang)} {step.index + 1}/{step.count}"
    return (f"<div data-node='{html.escape(step.node or '')}' data-phase='{step.phase}' "
            f"style='font-size:14px'><b>{html.escape(head)}</b>&nbsp; "
            f"{html.escape(step.text)}</div>")


class Stepper:
    """◀ / ▶ buttons, a play button, a step slider and 全部見る over the steps of a graph.

    set_graph(graph) shows a new graph at the same step; the step slider counts
    from 1. `box` holds the controls, the picture, the step sentence and the caption.
    """

    def __init__(self, lang, dpi=PLOT_DPI):
        self.lang = lang
        self.pictures = Pictures(dpi)
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
        natural_width(self.image, self.pictures.current.background.shape[1])
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


def graph_widget(lang, controls, build, show=None, parts=(), notes=()):
    """A stepper over build(**inputs), with `controls` ({name: widget}) giving the inputs.

    show(inputs, graph, values) fills the values and the other `parts` (cleared
    while the inputs are bad) after every change; `notes` are fixed texts.
    A NaN slider or a ValueError from build (a LabelledError is said in `lang`)
    is shown in the message part, and the next good input recovers.
    """
    check_lang(lang)
    stepper = Stepper(lang)
    values, message = text_parts()

    def update(change=None):
        problem = not_finite(controls.values(), lang)
        if not problem:
            inputs = {name: control.value for name, control in controls.items()}
            try:
                graph = build(**inputs)
            except LabelledError as error:
                problem = label("ui.cannot_compute", lang, error=error.text(lang))
            except ValueError as error:
                problem = label("ui.cannot_compute", lang, error=str(error))
        if show_problem(message, values, problem):
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
    """A stepper over builder(**inputs, lang=lang): any graph builder of common.graph.chapter."""
    return graph_widget(lang, {}, lambda: builder(**inputs, lang=lang))
