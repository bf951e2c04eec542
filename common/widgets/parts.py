"""Parts every widget is built of: PNG pictures, the HTML parts with their classes, sliders.

Every widget has an `.explore-values` HTML part with lines "name: value" (what a
reader reads) and an `.explore-message` part for notes and errors.
"""
import html
import math
import struct
import zlib

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg

from common.graph.drawing import fonts
from common.labels import check_lang, label
from common.practice.breakit import COLORS

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


def plot_fonts(lang):
    """A context in which matplotlib writes text in the fonts of `lang` (drawing.fonts):
    make a plot, and draw it, inside it. (matplotlib_fontja makes IPAexGothic the
    default for everything; English text should be in the Latin default.)"""
    return matplotlib.rc_context({"font.family": list(fonts(lang))})


def figure_png(fig, dpi=PLOT_DPI, lang=None):
    """PNG bytes of a matplotlib Figure, drawn once with Agg; a pyplot figure is closed.

    lang: draw it in plot_fonts(lang) (text made at drawing time, such as tick
    labels, takes the fonts then).
    """
    if fig.canvas.manager is not None:  # made by pyplot: do not leave it open
        import matplotlib.pyplot as plt
        plt.close(fig)
    if fig.dpi != dpi:
        fig.set_dpi(dpi)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if lang is None:
        canvas.draw()
    else:
        with plot_fonts(lang):
            canvas.draw()
    return png_bytes(canvas.buffer_rgba())


class BlitFigure:
    """A figure whose static part (axes, ticks, labels) is drawn once per `key`.

    Each png(key) restores that background and draws only the moving artists,
    which keeps a slider update to a few milliseconds of drawing. The figure is
    drawn in plot_fonts(lang).
    """

    def __init__(self, fig, moving, dpi=PLOT_DPI, lang="ja"):
        fig.set_dpi(dpi)
        self.fig, self.moving, self.lang = fig, moving, lang
        self.canvas = FigureCanvasAgg(fig)
        for artist in moving:
            artist.set_animated(True)
        self.key = self.background = None

    def png(self, key=None):
        if self.background is None or key != self.key:
            with plot_fonts(self.lang):
                self.canvas.draw()  # everything except the animated (moving) artists
            self.background = self.canvas.copy_from_bbox(self.fig.bbox)
            self.key = key
        else:
            self.canvas.restore_region(self.background)
        for artist in self.moving:
            self.fig.draw_artist(artist)
        return png_bytes(self.canvas.buffer_rgba())


# --- HTML parts ---------------------------------------------------------------------------------

NOTE_COLOR, ERROR_COLOR = "#555", "#b00020"
RIGHT, WRONG = COLORS["ok"], COLORS["bug"]  # the colours of a right and a wrong answer


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


def natural_width(image, pixels):
    """Show a picture at its own width (narrower if the page is): never stretched and blurred."""
    if image.width != str(pixels):
        image.width = str(pixels)


def slider(description, value, lo, hi, step, kind=widgets.IntSlider, style=STYLE, layout=WIDTH,
           **kwargs):
    return kind(value=value, min=lo, max=hi, step=step, description=description,
                continuous_update=True, style=style, layout=layout, **kwargs)


def not_finite(controls, lang):
    """A message naming the first slider whose value is not a number (NaN set in code), or ''.

    (A slider keeps other values within its range: inf becomes its max.)
    """
    check_lang(lang)
    for control in controls:
        if isinstance(control, widgets.FloatSlider) and not math.isfinite(control.value):
            return label("ui.not_a_number", lang, name=control.description, value=control.value,
                         lo=f"{control.min:g}", hi=f"{control.max:g}")
    return ""


def show_problem(message, values, problem):
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


def labels_in(lang):
    """label(key) in `lang` (for code where `label` names something else, as in the softmax
    widgets' argument)."""
    check_lang(lang)
    return lambda key, **fields: label(key, lang, **fields)
