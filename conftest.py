"""pytest setup shared by the unit tests and nbval (works from any folder)."""
import atexit
import os
import shutil
import tempfile
import uuid
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
        use_ipc_kernels()


def use_ipc_kernels():
    """nbval's kernels talk over IPC sockets in a folder of their own, not over TCP ports.

    With two pytest workers, two kernels start at the same moment; each picks free TCP
    ports by trying them, and now and then both get the same one and a kernel dies
    before it answers ("Kernel died before replying to kernel_info").
    """
    import nbval.kernel

    folder = tempfile.mkdtemp(prefix="nbval-kernels-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)

    class IpcKernelManager(nbval.kernel.KernelManager):
        def __init__(self, **kwargs):
            super().__init__(transport="ipc", ip=os.path.join(folder, uuid.uuid4().hex), **kwargs)

    nbval.kernel.KernelManager = IpcKernelManager
