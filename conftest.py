"""pytest setup shared by the unit tests and nbval (works from any folder)."""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


def pytest_configure(config):
    # Without MNIST_DIR or the cache, load_mnist would download MNIST: tests never do.
    if not (os.environ.get("MNIST_DIR") or config.option.help
            or (ROOT / "dataset" / "mnist.npz").exists()):
        raise pytest.UsageError(
            "the tests need MNIST and never download it: export "
            "MNIST_DIR=/path/to/the/four/mnist/.gz/files, or run `make data` first"
        )
    # nbval opens its sanitize file relative to the current folder: make it absolute.
    if config.pluginmanager.hasplugin("nbval"):
        config.option.nbval_sanitize_with = str(ROOT / "tests" / "nbval_sanitize.cfg")
