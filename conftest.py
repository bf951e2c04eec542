"""pytest setup shared by the unit tests and nbval (works from any folder)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def pytest_configure(config):
    # nbval opens its sanitize file relative to the current folder: make it absolute.
    if config.pluginmanager.hasplugin("nbval"):
        config.option.nbval_sanitize_with = str(ROOT / "tests" / "nbval_sanitize.cfg")
