"""common/: the book's package at its top level, the companion's machinery in subpackages."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK_MODULES = {"functions", "gradient", "layers", "two_layer_net", "training"}
SUBPACKAGES = {"graph", "widgets", "practice", "labels"}


def test_the_top_level_holds_the_books_modules_and_named_subpackages():
    common = ROOT / "common"
    modules = {p.stem for p in common.glob("*.py") if p.name != "__init__.py"}
    packages = {p.name for p in common.iterdir() if (p / "__init__.py").exists()}
    assert modules == BOOK_MODULES
    assert packages == SUBPACKAGES
    for name in SUBPACKAGES:  # each says what it holds
        doc = (common / name / "__init__.py").read_text(encoding="utf-8")
        assert doc.startswith('"""') and len(doc.split('"""')[1].strip()) > 40, name


def test_the_books_modules_need_neither_matplotlib_nor_ipywidgets():
    code = ("import sys\n"
            + "".join(f"import common.{name}\n" for name in sorted(BOOK_MODULES))
            + "import dataset.mnist\n"
            + "heavy = ('matplotlib', 'ipywidgets', 'IPython')\n"
            + "print(sorted(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
