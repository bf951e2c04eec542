"""5.7: break it: pick a bug, see which gradient the gradient check flags."""
import html

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from common.labels import check_lang, label
from common.practice import breakit
from common.widgets.parts import (
    explore_box,
    figure_png,
    message_html,
    output_parts,
    plot_fonts,
    values_html,
)

# --- 5.7: break it ---------------------------------------------------------------------------

def error_plot(errors, lang="ja"):
    """A matplotlib Figure: each param's relative error as a bar on a log scale, coloured
    by its verdict, over the green, orange and red bands of breakit.verdict.

    Its text is in plot_fonts(lang); draw it with figure_png(fig, lang=lang).
    """
    with plot_fonts(lang):
        return _error_plot(errors, lang)


def _error_plot(errors, lang):
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
    ax.set_title(label("breakit.plot.title", lang), fontsize="medium")
    ax.set_ylabel(label("breakit.plot.ylabel", lang))
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
        image.value = figure_png(error_plot(errors, lang), lang=lang)
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
