"""A reader changes the settings a notebook invites them to change, then runs all cells.

ch05_6 keeps its seed in the setup cell; ch05_7 keeps the seed, the learning rate and the
number of iterations of 5.7.4 in one settings cell. With other values every cell must still
run without an error (no check in a notebook may depend on them), and the outputs must show
that the new values were used. Runs of ch05_7 shorter than the loss curve's moving-average
window (100 iterations), one of them with mini-batches bigger than the training set, must
still print their tables and draw the plot, without a warning. The notebook runs in a
kernel, from a modified copy, in the notebooks/ folder as JupyterLab runs it; the copy is
written to tmp_path.
"""
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from common.training import read_table

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
# the book's values, and what a tinkering reader types instead
TINKERING = {
    "ch05_6_affine_softmax.ipynb": {"seed": ("0", "1")},
    "ch05_7_two_layer_net.ipynb": {"seed": ("0", "1"), "learning_rate": ("0.1", "0.05"),
                                   "iters_num": ("10000", "3000")},
}


def tinkered(name, changes):
    """The notebook with each `name = book value` line of its settings set to the new value."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    for setting, (book, new) in changes.items():
        line = re.compile(rf"^{setting} = {re.escape(book)}(?=\s|$)", re.M)
        cells = [c for c in nb.cells if c.cell_type == "code" and line.search(c.source)]
        assert len(cells) == 1 and len(line.findall(cells[0].source)) == 1, (
            f"{name}: the setting `{setting} = {book}` should be written once, in one cell")
        cells[0].source = line.sub(f"{setting} = {new}", cells[0].source)
    return nb


def run_all_cells(nb, tmp_path, name):
    """Run All, as a reader would: raises CellExecutionError at the first cell that fails."""
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    finally:
        nbformat.write(nb, tmp_path / name)  # what ran, outputs included, to look at


def stdout_of(nb, marker):
    [cell] = [c for c in nb.cells if c.cell_type == "code" and marker in c.source]
    return "".join(o.text for o in cell.outputs if o.output_type == "stream")


@pytest.mark.parametrize("name", TINKERING)
def test_other_settings_run_without_an_error(name, tmp_path):
    nb = tinkered(name, TINKERING[name])
    run_all_cells(nb, tmp_path, name)
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    if name.startswith("ch05_6"):
        # another seed: other random matrices from the first example on
        marker = "layer = Affine(W, b)"
        assert stdout_of(nb, marker) != stdout_of(book, marker)
    else:
        rows = read_table(stdout_of(nb, "history = train(network"))
        assert [row[1] for row in rows][-2:] == [2400, 2999]  # 3000 iterations
        assert rows[-1][0] == 5.0  # 2999 / 600, printed 5.00
        assert rows != read_table(stdout_of(book, "history = train(network"))
        assert stdout_of(nb, "book_iters = min(") != stdout_of(book, "book_iters = min(")



# runs shorter than the loss curve's moving-average window: the settings, the training table's
# (epoch, iteration) rows, and the number of rows the book's loop prints
SHORT_RUNS = {
    "50 iterations": ({"iters_num": ("10000", "50")}, [(0.0, 0), (0.08, 49)], 1),
    "batches bigger than the training set": (
        {"batch_size": ("100", "70000"), "iters_num": ("10000", "20")},
        [(float(i), i) for i in range(20)], 20),  # an epoch is 1 iteration, as in the book
}


@pytest.mark.parametrize("run", SHORT_RUNS)
def test_a_run_shorter_than_the_loss_window_still_plots(run, tmp_path):
    changes, table, book_rows = SHORT_RUNS[run]
    name = "ch05_7_two_layer_net.ipynb"
    nb = tinkered(name, changes)
    run_all_cells(nb, tmp_path, name)
    rows = read_table(stdout_of(nb, "history = train(network"))
    assert [(row[0], row[1]) for row in rows] == table
    assert len(stdout_of(nb, "book_iters = min(").splitlines()) == book_rows
    [plot] = [c for c in nb.cells if c.cell_type == "code" and "ax_loss.plot(" in c.source]
    assert [out.output_type for out in plot.outputs] == ["display_data"], plot.outputs  # no warning
    assert "image/png" in plot.outputs[0].data
