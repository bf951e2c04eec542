"""Every notebook is stored as one clean top-to-bottom run, and its images resolve."""
import io
import json
import re
import tokenize
from pathlib import Path

import pytest
from nbval.plugin import find_comment_markers

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = {"ja": ROOT / "notebooks", "en": ROOT / "notebooks" / "en"}
NOTEBOOKS = [p for folder in EDITIONS.values() for p in sorted(folder.glob("*.ipynb"))]
MACHINE_PATH = re.compile(r"/(?:work|tmp|root|home|Users|usr|opt)/[\w.-]+/|[A-Z]:\\\\")
IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(([^)\s]+)|<img[^>]*\bsrc=[\"']([^\"']+)")


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.relative_to(ROOT / "notebooks").as_posix())
def notebook(request):
    return request.param, json.loads(request.param.read_text(encoding="utf-8"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ holds no notebook"


def test_every_code_cell_ran_once_in_order(notebook):
    path, nb = notebook
    counts = [c["execution_count"] for c in code_cells(nb)]
    assert None not in counts, f"{path.name}: {counts.count(None)} code cell(s) never executed"
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: counts {counts} are not 1..N"


def test_no_error_outputs(notebook):
    path, nb = notebook
    for i, cell in enumerate(code_cells(nb)):
        if "raises-exception" in cell.get("metadata", {}).get("tags", []):
            continue
        errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
        assert not errors, f"{path.name}: code cell {i} stored an error: {errors[0]['ename']}"


def test_no_machine_paths_in_outputs(notebook):
    path, nb = notebook
    for i, cell in enumerate(code_cells(nb)):
        for out in cell["outputs"]:
            text = json.dumps({k: v for k, v in out.items() if k != "data"} | {
                "data": {k: v for k, v in out.get("data", {}).items() if not k.startswith("image/")}
            })
            match = MACHINE_PATH.search(text)
            assert not match, f"{path.name}: code cell {i} output shows a machine path {match[0]!r}"


def test_image_links_resolve(notebook):
    path, nb = notebook
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for groups in IMAGE_LINK.findall("".join(cell["source"])):
            link = next(g for g in groups if g)
            if link.startswith(("http://", "https://", "data:", "attachment:")):
                continue
            target = (path.parent / link).resolve()
            assert target.is_file(), f"{path.name}: image link {link} does not resolve"


# Notebooks speak to readers: the machinery that checks them stays out of their words.
TEST_WORDS = re.compile(r"nbval|pytest|tests/|test_\w+\.py|\bBLAS\b|OpenBLAS|saniti[sz]",
                        re.IGNORECASE)
TEST_WORDS_CASED = re.compile(r"\bCI\b")  # "CI" as a word; "ci" in other words is fine
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
IGNORE_OUTPUT = "nbval-ignore-output"


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def comments_and_strings(src):
    """The comments and string literals of a code cell's source (what a reader reads in it)."""
    # IPython's magics and shell escapes are not Python: read those lines as comments
    lines = ["#" + line if line.lstrip().startswith(("%", "!")) else line
             for line in src.splitlines()]
    wanted = {tokenize.COMMENT, tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)}
    tokens = tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline)
    return [tok.string for tok in tokens if tok.type in wanted]


def test_words_for_maintainers_stay_out_of_the_notebooks(notebook):
    path, nb = notebook
    for i, cell in enumerate(nb["cells"]):
        src = "".join(cell["source"])
        texts = [src] if cell["cell_type"] == "markdown" else comments_and_strings(src)
        for text in texts:
            found = TEST_WORDS.search(text) or TEST_WORDS_CASED.search(text)
            assert not found, (f"{path.name}: {cell['cell_type']} cell {i} speaks of the test "
                               f"machinery ({found[0]!r}) in {text[:200]!r}: say it in tests/ "
                               "or README.md, and use cell tags (metadata.tags) for nbval")


def test_no_approximation_markers_in_outputs(notebook):
    """Numbers are printed plain and labelled; "≈ 0.1090 ≈ 0.1136" reads as an approximation
    sign between values. A number that differs by machine goes in a tagged cell instead."""
    path, nb = notebook
    for i, cell in enumerate(code_cells(nb)):
        for out in cell["outputs"]:
            text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
            assert "≈" not in text, f"{path.name}: code cell {i} prints ≈: {text[:200]!r}"
        assert "≈" not in "".join(cell["source"]), f"{path.name}: code cell {i} writes ≈"


def test_no_cell_opens_a_notebook(notebook):
    """A cell that reads a notebook file depends on where the reader put it and on its name."""
    path, nb = notebook
    for i, cell in enumerate(code_cells(nb)):
        assert ".ipynb" not in "".join(cell["source"]), (
            f"{path.name}: code cell {i} names a notebook file")


def test_widget_cells_carry_the_ignore_output_tag(notebook):
    """nbval cannot see what a widget shows (it lives in the widget state): such a cell is
    tagged in its metadata, invisible to readers, and its logic is tested in tests/."""
    path, nb = notebook
    for i, cell in enumerate(code_cells(nb)):
        if any(WIDGET_VIEW in out.get("data", {}) for out in cell["outputs"]):
            assert IGNORE_OUTPUT in tags(cell), (
                f"{path.name}: code cell {i} shows a widget but has no {IGNORE_OUTPUT} tag")


def test_no_comment_markers_for_nbval(notebook):
    """nbval also reads "# NBVAL_..." comments; this project uses the cell tags only."""
    path, nb = notebook
    for i, cell in enumerate(code_cells(nb)):
        markers = find_comment_markers("".join(cell["source"]))
        assert not list(markers), f"{path.name}: code cell {i} has an nbval comment marker"


def test_the_words_check_sees_them():
    assert comments_and_strings('x = 1  # checked in tests/test_x.py\nprint("nbval")') == [
        "# checked in tests/test_x.py", '"nbval"']
    assert TEST_WORDS.search("OpenBLAS kernels") and TEST_WORDS.search("the BLAS library")
    assert not TEST_WORDS.search("test_acc=0.9069 and the test data")
    assert TEST_WORDS_CASED.search("run by CI") and not TEST_WORDS_CASED.search("CIFAR, circle")


SECTIONS = ["5.1", "5.1.1", "5.1.2", "5.1.3", "5.2", "5.2.1", "5.2.2", "5.2.3",
            "5.3", "5.3.1", "5.3.2", "5.3.3", "5.4", "5.4.1", "5.4.2", "5.5", "5.5.1", "5.5.2",
            "5.6", "5.6.1", "5.6.2", "5.6.3", "5.7", "5.7.1", "5.7.2", "5.7.3", "5.7.4", "5.8"]


def headings(folder):
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                found += re.findall(r"^#{1,4} (5(?:\.\d+)+) ", "".join(cell["source"]), re.M)
    return found


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_numbered_section_has_its_heading_once(lang):
    found = headings(EDITIONS[lang])
    assert [s for s in SECTIONS if s not in found] == []
    assert sorted(found, key=lambda s: [int(p) for p in s.split(".")]) == found, "out of order"
    assert len(found) == len(set(found)), "a section heading appears twice"


def stored_stdout(folder, name):
    nb = json.loads((folder / name).read_text(encoding="utf-8"))
    # one text per cell: a cell's stdout may be stored in several pieces, as it arrived
    return ["".join("".join(o["text"]) for o in c["outputs"]
                    if o["output_type"] == "stream" and o["name"] == "stdout")
            for c in code_cells(nb)]


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_seed_outputs_are_stored_verbatim(lang):
    outputs = stored_stdout(EDITIONS[lang], "ch05_3_simple_layers.ipynb")
    assert "price: 220\ndApple: 2.2\ndApple_num: 110\ndTax: 200\n" in outputs
    assert ("price: 715\ndApple: 2.2\ndApple_num: 110\ndOrange: 3.3000000000000003\n"
            "dOrange_num: 165\ndTax: 650\n") in outputs
