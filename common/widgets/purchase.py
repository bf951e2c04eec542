"""5.3 and 5.4: the apple and orange purchase, stepped through, and the book's 5.3.3 exercise."""
import html

import ipywidgets as widgets

from common.graph import chapter, drawing
from common.graph.nudge import nudge_checks
from common.labels import check_lang, label
from common.practice import purchase
from common.widgets import logic
from common.widgets.parts import (
    NOTE_COLOR,
    RIGHT,
    WRONG,
    explore_box,
    figure_png,
    html_part,
    message_html,
    output_parts,
    slider,
    values_html,
)
from common.widgets.stepper import graph_widget

# --- 5.4 apple and orange ------------------------------------------------------------------

def _purchase_widget(builder, values_function, names, controls, lang):
    nudges = html_part("explore-nudge")
    previous = {}
    note = widgets.HTML(f"<i>{html.escape(label('ui.changed', lang))}</i>")

    def show(inputs, graph, values):
        result = values_function(**inputs)
        texts = {name: logic.format_number(result[name]) for name in names}
        changed = {name for name in names if previous and previous.get(name) != texts[name]}
        previous.update(texts)
        values.value = values_html([(name, texts[name]) for name in names], changed)
        lines = [check.text for check in nudge_checks(builder, lang, **inputs)]
        nudges.value = ("<pre style='margin:0; font-size:14px'>"
                        + html.escape("\n".join(lines)) + "</pre>")

    return graph_widget(lang, controls, lambda **inputs: builder(**inputs, lang=lang), show,
                         parts=[nudges], notes=[note])


def _purchase_slider(name, value, lang):
    if name == "tax":
        return slider(label("slider.tax", lang), value, 1.0, 1.5, 0.01,
                       kind=widgets.FloatSlider)
    top = 10 if name.endswith("_num") else 300
    return slider(label(f"slider.{name}", lang), value, 0, top, 1)


def apple_widget(lang="ja"):
    """5.4.1: the apple purchase, stepped through, with sliders for price, count and tax.

    Shows price and gradients (the book's names) and a nudge check per input.
    """
    check_lang(lang)
    controls = {name: _purchase_slider(name, value, lang)
                for name, value in (("apple", 100), ("apple_num", 2), ("tax", 1.1))}
    return _purchase_widget(chapter.apple_graph, logic.apple_values, logic.APPLE_NAMES,
                            controls, lang)


def apple_orange_widget(lang="ja"):
    """5.4.2: the apple and orange purchase, stepped through, with a slider per input."""
    check_lang(lang)
    controls = {name: _purchase_slider(name, value, lang)
                for name, value in (("apple", 100), ("apple_num", 2), ("orange", 150),
                                    ("orange_num", 3), ("tax", 1.1))}
    return _purchase_widget(chapter.apple_orange_graph, logic.apple_orange_values,
                            logic.APPLE_ORANGE_NAMES, controls, lang)


# --- 5.3.3: fill in the backward values -----------------------------------------------------

def _symbols(lang):
    """{status: (mark, colour)}: ○ and × in Japanese, ✓ and ✗ in English."""
    return {"right": (label("mark.right", lang), RIGHT),
            "wrong": (label("mark.wrong", lang), WRONG),
            "invalid": ("?", WRONG), "empty": ("", None)}


def purchase_exercise_widget(lang="ja", **inputs):
    """The apple and orange graph with ① to ⑧ for its gradients and a box for each.

    "答え合わせ" marks each answer and gives a hint for a wrong one; "答えを見る"
    shows every answer and the whole backward figure. inputs: apple, apple_num,
    orange, orange_num, tax, as for chapter.apple_orange_graph.
    """
    check_lang(lang)
    answers = purchase.purchase_answers(**inputs)  # checks the inputs before any widget
    image, values, message = output_parts()
    image.value = figure_png(drawing.draw_graph(purchase.blank_graph(lang, **inputs)))
    boxes = {name: widgets.Text(description=f"{purchase.MARKS[name]} {name}", placeholder="?",
                                style={"description_width": "130px"},
                                layout=widgets.Layout(width="260px"))
             for name in purchase.BLANKS}
    marks = {name: widgets.HTML() for name in purchase.BLANKS}
    check = widgets.Button(description=label("exercise.button.check", lang))
    reveal = widgets.Button(description=label("exercise.button.reveal", lang))
    symbols = _symbols(lang)

    def mark(name, status, text):
        symbol, color = symbols[status]
        marks[name].value = (f"<span style='color:{color or NOTE_COLOR}'>"
                             f"{html.escape((symbol + ' ' + text).strip())}</span>")

    def on_check(button=None):
        results = purchase.check_answers({n: b.value for n, b in boxes.items()}, lang,
                                          **inputs)
        for name, result in results.items():
            mark(name, result.status, result.message)
        right = sum(r.status == "right" for r in results.values())
        values.value = values_html([(name, r.message, symbols[r.status][1])
                                    for name, r in results.items()], wrap=True)
        message.value = message_html(label("exercise.score", lang, right=right,
                                           total=len(results)))

    def on_reveal(button=None):
        results = purchase.check_answers({n: b.value for n, b in boxes.items()}, lang,
                                          **inputs)
        lines = []
        for name, answer in answers.items():
            shown = purchase.answer_text(answer)
            mark(name, results[name].status, label("exercise.revealed", lang, answer=shown))
            lines.append((name, shown))
        values.value = values_html(lines, wrap=True)
        image.value = figure_png(drawing.draw_graph(purchase.purchase_graph(lang, **inputs)))
        message.value = ""

    check.on_click(on_check)
    reveal.on_click(on_reveal)
    rows = [widgets.HBox([boxes[name], marks[name]]) for name in purchase.BLANKS]
    return explore_box([image, *rows, widgets.HBox([check, reveal]), values, message],
                       controls={"boxes": boxes, "marks": marks, "check": check,
                                 "reveal": reveal})


# --- prediction questions ------------------------------------------------------------------------
