"""Known bugs in the layers and what a gradient check makes of them (common/practice/breakit.py)."""
import ast
import difflib
import inspect
import math
import re
import textwrap
import warnings

import matplotlib.colors
import numpy as np
import pytest

from common import widgets
from common.gradient import gradient_check
from common.labels import LABELS, fields
from common.layers import Affine, Relu, SoftmaxWithLoss
from common.practice import breakit
from common.two_layer_net import TwoLayerNet
from common.widgets.breakit import error_plot
from common.widgets.parts import figure_png
from conftest import MISSING_GLYPH, part

# What each bug breaks, worked out from the chain rule (not read off the module):
# the softmax bug scales every gradient by N; the ReLU bugs and the missing W.T in
# Affine2's dx only reach the first layer; db as a mean spoils both biases; the
# swapped dW spoils both weights. The book's in-place ReLU does no harm in
# TwoLayerNet (its dout is a fresh array from Affine2), only where dout is also
# used after the ReLU, as in h + ReLU(h).
BREAKS = {
    None: [],
    "softmax_no_batch_mean": ["W1", "b1", "W2", "b2"],
    "relu_inverted_mask": ["W1", "b1"],
    "relu_in_place": [],
    "affine_db_mean": ["b1", "b2"],
    "affine_dw_swapped": ["W1", "W2"],
    "affine_dx_no_transpose": ["W1", "b1"],
}
BREAKS_WITH_SKIP = {**BREAKS, "relu_in_place": ["W1", "b1"]}


def test_every_bug_has_an_expectation():
    assert set(BREAKS) == {None, *breakit.BUGS}


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("skip", [False, True])
@pytest.mark.parametrize("bug", [None, *breakit.BUGS])
def test_each_bug_breaks_its_parameters_past_the_bug_threshold(bug, skip, seed):
    errors = breakit.check(bug, skip, seed)
    broken = (BREAKS_WITH_SKIP if skip else BREAKS)[bug]
    for key in breakit.PARAMS:
        if key in broken:
            assert errors[key] > 1e-2, (bug, key, errors)
        else:
            assert errors[key] < 1e-7, (bug, key, errors)
    assert breakit.broken_params(errors) == broken


WIDE_SEEDS = [*range(300), 1326, 10**6 + 7, 2**40 + 3, 2**70]  # 1326: a ReLU input near 0


def test_verdicts_hold_for_a_wide_range_of_seeds():
    wrong = []
    for seed in WIDE_SEEDS:
        for skip in (False, True):
            for bug, errors in breakit.breakage_table(skip, seed).items():
                broken = (BREAKS_WITH_SKIP if skip else BREAKS)[bug]
                verdicts = {key: breakit.verdict(errors[key]) for key in breakit.PARAMS}
                if verdicts != {key: "bug" if key in broken else "ok" for key in breakit.PARAMS}:
                    wrong.append((seed, skip, bug, errors))
    assert not wrong, f"{len(wrong)} wrong verdicts, the first: {wrong[:3]}"


@pytest.mark.parametrize("bug", list(breakit.BUGS))
def test_no_bug_passes_the_check_in_the_network_where_it_matters(bug):
    errors = breakit.check(bug, skip=True)
    assert not all(e < 1e-7 for e in errors.values())


def test_forgetting_the_batch_mean_scales_every_gradient_by_n():
    n = breakit.BATCH
    assert n > 1  # with a batch of one the bug would be invisible
    for bug, keys in (("softmax_no_batch_mean", breakit.PARAMS), ("affine_db_mean", ("b1", "b2"))):
        errors = breakit.check(bug)
        for key in keys:  # |Ng - g| / (|Ng| + |g|) = (N - 1) / (N + 1), and likewise for g / N
            assert errors[key] == pytest.approx((n - 1) / (n + 1), rel=1e-6)


def test_the_in_place_write_really_changes_the_callers_array():
    dz = np.array([[1.0, 2.0], [3.0, 4.0]])
    relu = breakit.ReluInPlace()
    relu.forward(np.array([[-1.0, 1.0], [1.0, -1.0]]))
    dx = relu.backward(dz)
    assert dx is dz and dz.tolist() == [[0.0, 2.0], [3.0, 0.0]]
    kept = np.array([[1.0, 2.0], [3.0, 4.0]])
    fixed = Relu()
    fixed.forward(np.array([[-1.0, 1.0], [1.0, -1.0]]))
    fixed.backward(kept)
    assert kept.tolist() == [[1.0, 2.0], [3.0, 4.0]]  # the project's Relu leaves it alone


def test_bugs_leave_the_real_classes_alone():
    before = {cls: dict(vars(cls)) for cls in (Affine, Relu, SoftmaxWithLoss, TwoLayerNet)}
    for bug in breakit.BUGS:
        breakit.check(bug)
        breakit.check(bug, skip=True)
    assert {cls: dict(vars(cls)) for cls in before} == before
    net = TwoLayerNet(3, 3, 3, 1.0, rng=np.random.default_rng(0))
    x, t = breakit.check_data()
    assert all(rel < 1e-7 for _, rel in gradient_check(net, x, t).values())


@pytest.mark.parametrize("bug", list(breakit.BUGS))
def test_the_broken_net_uses_the_buggy_class_and_shares_its_params(bug):
    found = breakit.BUGS[bug]
    net = breakit.broken_net(bug)
    used = [*net.layers.values(), net.lastLayer]
    assert any(type(layer) is found.cls for layer in used)
    assert not any(type(layer) is found.layer for layer in used)
    assert issubclass(found.cls, found.layer)
    assert net.layers["Affine1"].W is net.params["W1"] and net.layers["Affine2"].b is \
        net.params["b2"]  # numerical_gradient moves params; the layers must see it
    assert net.params["W1"].shape == net.params["W2"].shape == (breakit.SIZE, breakit.SIZE)


def _code_lines(method):
    """The statements of a method, one a line, without its docstring and comments."""
    body = ast.parse(textwrap.dedent(inspect.getsource(method))).body[0].body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return [line.strip() for line in ast.unparse(ast.Module(body, [])).splitlines()]


@pytest.mark.parametrize("bug", list(breakit.BUGS))
def test_a_buggy_backward_is_the_real_one_with_the_shown_lines_changed(bug):
    found = breakit.BUGS[bug]
    real, buggy = _code_lines(found.layer.backward), _code_lines(found.cls.backward)
    removed, added = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=real, b=buggy).get_opcodes():
        if op != "equal":
            removed += real[i1:i2]
            added += buggy[j1:j2]
    assert removed == found.right.splitlines() and added == found.wrong.splitlines()
    assert found.wrong.splitlines()[0] not in _code_lines(found.layer.backward)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_checks_are_deterministic_and_the_correct_net_is_far_from_relus_kink(seed):
    assert breakit.check("affine_dw_swapped", seed=seed) == breakit.check("affine_dw_swapped",
                                                                          seed=seed)
    x, _ = breakit.check_data(seed)
    h = breakit.broken_net(seed=seed).layers["Affine1"].forward(x)
    assert np.abs(h).min() > 1e-2  # numerical_gradient's h = 1e-4 never crosses 0
    assert 0 < np.mean(h > 0) < 1  # some units on, some off: the mask matters


@pytest.mark.parametrize("error, expected", [
    (0.0, "ok"), (3e-10, "ok"), (9.99e-8, "ok"), (1e-7, "suspect"), (1e-4, "suspect"),
    (1e-2, "suspect"), (1.0001e-2, "bug"), (0.6, "bug"), (math.inf, "bug"), (math.nan, "bug"),
])
def test_verdict_bands(error, expected):
    assert breakit.verdict(error) == expected


def test_colours_are_green_orange_red():
    r, g, b = (matplotlib.colors.to_rgb(breakit.COLORS[k]) for k in ("ok", "suspect", "bug"))
    assert r[1] > r[0] and r[1] > r[2]  # green
    assert g[0] > g[1] > g[2]  # orange
    assert b[0] > 2 * max(b[1], b[2])  # red
    assert breakit.bands_text() == "相対誤差 < 1e-07: 正しい、1e-07 〜 0.01: 怪しい、> 0.01: バグ"


def test_unknown_bug_and_bad_seed_are_named():
    with pytest.raises(ValueError, match=r"unknown bug 'relu'.*relu_inverted_mask"):
        breakit.check("relu")
    for seed in (-1, 1.5, "0", True):
        with pytest.raises(ValueError, match="seed must be a whole number of at least 0"):
            breakit.check(None, seed=seed)


def test_table_lists_every_bug_and_what_it_breaks():
    text = breakit.format_table(breakit.breakage_table())
    lines = text.splitlines()
    assert len(lines) == 1 + 1 + len(breakit.BUGS)
    assert lines[1].startswith("バグなし") and lines[1].endswith("→ どれも壊れない")
    assert any(line.startswith("Affine: db を和でなく平均") and line.endswith("→ b1, b2")
               for line in lines)
    # The numbers line up under the headers, Japanese names taking two columns a character.
    ends = {breakit._columns(line[:line.index(m.group())]) + len(m.group())
            for line in lines[1:] for m in [re.search(r"\d\.\de[-+]\d\d", line)]}
    assert ends == {breakit._columns(lines[0][:lines[0].index("W1") + 2])}
    english = breakit.format_table(breakit.breakage_table(skip=True), "en")
    assert "ReLU: writes into dout (the book's code)" in english and "→ W1, b1" in english


def test_every_label_exists_in_both_languages_with_the_same_fields():
    keys = {key for key in LABELS["ja"] if key.startswith("breakit.")}
    assert keys == {key for key in LABELS["en"] if key.startswith("breakit.")}
    for key in keys:
        assert fields(key, "ja") == fields(key, "en"), key
    assert all(f"breakit.bug.{key}" in keys for key in breakit.BUGS)
    with pytest.raises(KeyError, match="no label 'breakit.bug.relu' for lang='en'"):
        breakit.bug_name("relu", "en")


# --- the widget, headless ------------------------------------------------------------------

def _lines(html_widget):
    text = re.sub(r"<[^>]+>", "", html_widget.value)
    return dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)


def test_breakit_widget_shows_each_bug_and_the_table():
    view = widgets.breakit_widget()
    assert "explore-widget" in view._dom_classes
    values, message, image = (part(view, c) for c in
                              ("explore-values", "explore-message", "explore-plot"))
    assert {v.split()[1] for v in _lines(values).values()} == {"正しい"}
    assert image.value[:4] == b"\x89PNG"
    table = part(view, "breakit-table").value
    assert all(breakit.bug_name(bug) in table for bug in [None, *breakit.BUGS])
    for bug in breakit.BUGS:
        old = image.value
        view.controls["bug"].value = bug
        shown = _lines(values)
        for key in breakit.PARAMS:
            expected = "バグ" if key in BREAKS[bug] else "正しい"
            assert shown[key].split()[1] == expected, (bug, key)
        code = part(view, "breakit-code").value.replace("&#x27;", "'")
        assert breakit.BUGS[bug].wrong.replace("\n", "; ") in code
        assert (image.value != old) == bool(BREAKS[bug]) or bug == "relu_in_place"
    assert "害がない" not in message.value
    view.controls["bug"].value = "relu_in_place"
    assert "害がない" in message.value
    view.controls["skip"].value = True
    assert _lines(values)["W1"].split()[1] == "バグ" and "書き込む" in message.value
    assert "#c8102e'>1.0e+00" in part(view, "breakit-table").value


def test_breakit_widget_in_english_and_without_missing_glyphs():
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH)  # only that warning
        view = widgets.breakit_widget(lang="en")
        figure_png(error_plot(breakit.check("relu_inverted_mask"), "ja"))
    view.controls["bug"].value = "affine_db_mean"
    assert _lines(part(view, "explore-values"))["b1"].endswith("bug")
    with pytest.raises(ValueError, match="lang must be one of 'ja', 'en'"):
        widgets.breakit_widget(lang="fr")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_error_plot_text_fits_in_its_figure(lang):
    fig = error_plot(breakit.check("affine_db_mean"), lang)
    figure_png(fig, lang=lang)
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    for text in (ax.title, ax.yaxis.label):
        box = text.get_window_extent(renderer)
        assert text.get_text() and fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1, text
        assert fig.bbox.y0 <= box.y0 and box.y1 <= fig.bbox.y1, text


def test_skip_connection_says_it_is_the_books_chapter_8_form():
    assert "ResNet" in widgets.breakit_widget(lang="en").controls["skip"].description
    assert "8 章" in widgets.breakit_widget().controls["skip"].description


def test_format_table_floor_hides_only_rounding_noise():
    table = breakit.breakage_table()
    text = breakit.format_table(table, floor=1e-7)
    none_row = next(line for line in text.splitlines() if line.startswith("バグなし"))
    assert none_row.count("<1e-07") == 4
    softmax_row = next(line for line in text.splitlines() if "batch_size" in line)
    assert softmax_row.count("6.0e-01") == 4 and "<1e-07" not in softmax_row
    assert "<" not in breakit.format_table(table)  # without a floor every number is shown
