"""Widgets (ipywidgets) for predict-then-reveal and for breaking the layers on purpose.

Thin views over common/exercises.py and common/breakit.py. Each factory takes
lang="ja" (default) or "en" and returns a box with the class "explore-widget",
an `.explore-values` HTML part with lines "name: value", an `.explore-message`
part for notes and errors, and `.controls` (and `.update` where a control
changes what is shown) for driving it from code.
"""
import html

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from common import breakit, drawing, exercises
from common.labels import check_lang, label
from common.widgets import (
    NOTE_COLOR,
    explore_box,
    figure_png,
    message_html,
    output_parts,
    text_parts,
    values_html,
)

FONT = drawing.FONT  # Latin first, then the Japanese font registered by common.drawing
RIGHT, WRONG = breakit.COLORS["ok"], breakit.COLORS["bug"]


# --- 5.7: break it ---------------------------------------------------------------------------

def error_plot(errors, lang="ja"):
    """A matplotlib Figure: each param's relative error as a bar on a log scale, coloured
    by its verdict, over the green, orange and red bands of breakit.verdict."""
    fig = Figure(figsize=(5.2, 2.8))
    ax = fig.add_subplot()
    lo, hi = 1e-13, 10.0
    for y0, y1, key in ((lo, breakit.OK_BELOW, "ok"),
                        (breakit.OK_BELOW, breakit.BUG_ABOVE, "suspect"),
                        (breakit.BUG_ABOVE, hi, "bug")):
        ax.axhspan(y0, y1, color=breakit.COLORS[key], alpha=0.12, lw=0)
    heights = [min(max(errors[k], lo), hi) if np.isfinite(errors[k]) else hi
               for k in breakit.PARAMS]
    colors = [breakit.COLORS[breakit.verdict(errors[k])] for k in breakit.PARAMS]
    ax.bar(breakit.PARAMS, heights, color=colors, bottom=lo)
    ax.set_yscale("log")
    ax.set_ylim(lo, hi)
    ax.set_title(label("breakit.plot.title", lang), fontfamily=FONT)
    ax.set_ylabel(label("breakit.plot.ylabel", lang), fontfamily=FONT)
    fig.tight_layout()
    return fig


def _table_html(table, lang):
    """The breakage table as HTML: one row per bug, each error coloured by its verdict."""
    head = "".join(f"<th style='padding:0 8px'>{k}</th>" for k in breakit.PARAMS)
    rows = [f"<tr><th style='text-align:left'>{html.escape(label('breakit.table.header', lang))}"
            f"</th>{head}</tr>"]
    for bug, errors in table.items():
        cells = "".join(
            f"<td style='padding:0 8px; color:{breakit.COLORS[breakit.verdict(errors[k])]}'>"
            f"{breakit.format_error(errors[k])}</td>" for k in breakit.PARAMS)
        rows.append(f"<tr><td>{html.escape(breakit.bug_name(bug, lang))}</td>{cells}</tr>")
    return "<table style='font-family:monospace'>" + "".join(rows) + "</table>"


def breakit_widget(lang="ja", seed=0):
    """Choose a bug (or none) and a network; see each parameter's gradient-check error.

    Shows the right and the wrong line of code, the relative error of W1, b1, W2, b2
    coloured by breakit.verdict (as lines and as bars), and the table of what
    every bug breaks in the chosen network.
    """
    check_lang(lang)
    bug = widgets.ToggleButtons(
        options=[(breakit.bug_name(None, lang), None)]
        + [(breakit.bug_name(key, lang), key) for key in breakit.BUGS],
        value=None, style={"button_width": "auto"})
    skip = widgets.Checkbox(value=False, description=label("breakit.skip", lang), indent=False)
    image, values, message = output_parts()
    code, net, bands, table = (widgets.HTML() for _ in range(4))
    code.add_class("breakit-code")
    table.add_class("breakit-table")
    bands.value = message_html(breakit.bands_text(lang))
    tables = {}  # skip -> the breakage table, computed once

    def update(change=None):
        key = "breakit.net.skip" if skip.value else "breakit.net.plain"
        net.value = message_html(label(key, lang, size=breakit.SIZE, batch=breakit.BATCH))
        errors = breakit.check(bug.value, skip.value, seed)
        values.value = values_html(
            [(k, f"{breakit.format_error(errors[k])}  "
                 f"{label('breakit.verdict.' + breakit.verdict(errors[k]), lang)}",
              breakit.COLORS[breakit.verdict(errors[k])]) for k in breakit.PARAMS], wrap=True)
        image.value = figure_png(error_plot(errors, lang))
        found = breakit.BUGS.get(bug.value)
        code.value = ("" if found is None else "<pre style='margin:0'>" + html.escape(
            label("breakit.code", lang, right=found.right.replace("\n", "; "),
                  wrong=found.wrong.replace("\n", "; "))) + "</pre>")
        note = ""
        if bug.value == "relu_in_place":
            note = label("breakit.in_place.harmful" if skip.value
                         else "breakit.in_place.harmless", lang)
        message.value = message_html(note)
        if skip.value not in tables:
            tables[skip.value] = breakit.breakage_table(skip.value, seed)
        table.value = _table_html(tables[skip.value], lang)

    bug.observe(update, names="value")
    skip.observe(update, names="value")
    update()
    return explore_box([bug, skip, net, code, values, bands, message, image, table],
                       controls={"bug": bug, "skip": skip}, update=update)


# --- 5.3.3: fill in the backward values -----------------------------------------------------

_SYMBOLS = {"right": ("○", RIGHT), "wrong": ("×", WRONG), "invalid": ("?", WRONG),
            "empty": ("", None)}


def purchase_exercise_widget(lang="ja", **inputs):
    """The apple and orange graph with ① to ⑧ for its gradients and a box for each.

    "答え合わせ" marks each answer and gives a hint for a wrong one; "答えを見る"
    shows every answer and the whole backward figure. inputs: apple, apple_num,
    orange, orange_num, tax, as for figures.apple_orange_graph.
    """
    check_lang(lang)
    answers = exercises.purchase_answers(**inputs)  # checks the inputs before any widget
    image, values, message = output_parts()
    image.value = figure_png(drawing.draw_graph(exercises.blank_graph(lang, **inputs)))
    boxes = {name: widgets.Text(description=f"{exercises.MARKS[name]} {name}", placeholder="?",
                                style={"description_width": "130px"},
                                layout=widgets.Layout(width="260px"))
             for name in exercises.BLANKS}
    marks = {name: widgets.HTML() for name in exercises.BLANKS}
    check = widgets.Button(description=label("exercise.button.check", lang))
    reveal = widgets.Button(description=label("exercise.button.reveal", lang))

    def mark(name, status, text):
        symbol, color = _SYMBOLS[status]
        marks[name].value = (f"<span style='color:{color or NOTE_COLOR}'>"
                             f"{html.escape((symbol + ' ' + text).strip())}</span>")

    def on_check(button=None):
        results = exercises.check_answers({n: b.value for n, b in boxes.items()}, lang,
                                          **inputs)
        for name, result in results.items():
            mark(name, result.status, result.message)
        right = sum(r.status == "right" for r in results.values())
        values.value = values_html([(name, r.message, _SYMBOLS[r.status][1])
                                    for name, r in results.items()], wrap=True)
        message.value = message_html(label("exercise.score", lang, right=right,
                                           total=len(results)))

    def on_reveal(button=None):
        results = exercises.check_answers({n: b.value for n, b in boxes.items()}, lang,
                                          **inputs)
        lines = []
        for name, answer in answers.items():
            shown = drawing.format_value(answer)
            mark(name, results[name].status, label("exercise.revealed", lang, answer=shown))
            lines.append((name, shown))
        values.value = values_html(lines, wrap=True)
        image.value = figure_png(drawing.draw_graph(exercises.purchase_graph(lang, **inputs)))
        message.value = ""

    check.on_click(on_check)
    reveal.on_click(on_reveal)
    rows = [widgets.HBox([boxes[name], marks[name]]) for name in exercises.BLANKS]
    return explore_box([image, *rows, widgets.HBox([check, reveal]), values, message],
                       controls={"boxes": boxes, "marks": marks, "check": check,
                                 "reveal": reveal})


# --- prediction questions ------------------------------------------------------------------------

def question_widget(key, lang="ja"):
    """One question of exercises.QUESTIONS: choose, then press "答えを見る".

    The answer and its one-line explanation appear only after a choice is made;
    changing the choice afterwards updates the verdict.
    """
    check_lang(lang)
    q = exercises.question(key)
    prompt = widgets.HTML(f"<b>{html.escape(q.prompt(lang))}</b>")
    choice = widgets.RadioButtons(
        options=[(q.choice_text(value, lang), k) for k, value in enumerate(q.choices)],
        value=None)
    reveal = widgets.Button(description=label("exercise.button.reveal_one", lang))
    values, message = text_parts()
    state = {"revealed": False}

    def update(change=None):
        if not state["revealed"]:
            return
        if choice.value is None:
            message.value = message_html(label("exercise.choose_first", lang), WRONG)
            state["revealed"] = False
            return
        right, text = exercises.check_choice(key, choice.value, lang)
        answer = q.choice_text(q.choices[q.answer()], lang)
        values.value = values_html([(label("exercise.answer", lang), answer)], wrap=True)
        message.value = message_html(text, RIGHT if right else WRONG)

    def on_reveal(button=None):
        state["revealed"] = True
        update()

    choice.observe(update, names="value")
    reveal.on_click(on_reveal)
    return explore_box([prompt, choice, reveal, values, message],
                       controls={"choice": choice, "reveal": reveal}, update=update)
