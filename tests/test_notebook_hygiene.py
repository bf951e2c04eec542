"""Every notebook is stored as one clean top-to-bottom run, and its images resolve."""
import json
import re
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


def test_ignored_outputs_are_widgets_and_say_why(notebook):
    """`# NBVAL_IGNORE_OUTPUT` alone on its line (nbval recognises nothing else), the reason
    on the next comment line, and only in cells that show a widget."""
    path, nb = notebook
    for i, cell in enumerate(code_cells(nb)):
        src = "".join(cell["source"])
        if "NBVAL_IGNORE_OUTPUT" not in src:
            continue
        where = f"{path.name}: code cell {i}"
        markers = dict(find_comment_markers(src))
        assert markers.get("check") is False, f"{where}: nbval does not see the marker"
        lines = [line.strip() for line in src.splitlines()]
        k = lines.index("# NBVAL_IGNORE_OUTPUT")
        reason = lines[k + 1] if k + 1 < len(lines) else ""
        assert reason.startswith("#") and reason.lstrip("# "), (
            f"{where} ignores its output without a reason on the next line")
        assert any("widget-view" in json.dumps(o) for o in cell["outputs"]), (
            f"{where} ignores its output but shows no widget")


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
