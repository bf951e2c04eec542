"""dataset.mnist: the MNIST facts, the cache, bad files, and the download path (local server)."""
import gzip
import http.server
import os
import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from dataset import mnist
from dataset.mnist import FILES, MnistError, load_arrays, load_mnist

# The four files: from MNIST_DIR (CI), or downloaded into dataset/ by `make data`.
SHARED = Path(os.environ.get("MNIST_DIR") or mnist.DATASET_DIR)
pytestmark = pytest.mark.skipif(not all((SHARED / n).exists() for n, _, _ in FILES.values()),
                                reason="set MNIST_DIR to a folder with the four MNIST files")
NAMES = [name for name, _, _ in FILES.values()]


@pytest.fixture
def source(tmp_path, monkeypatch):
    """A writable copy of the MNIST files, used as MNIST_DIR."""
    src = tmp_path / "src"
    src.mkdir()
    for name in NAMES:
        shutil.copy(SHARED / name, src / name)
    monkeypatch.setenv("MNIST_DIR", str(src))
    return src


@pytest.fixture
def cache(tmp_path):
    path = tmp_path / "cache"
    path.mkdir()
    return path


def listing(folder):
    return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in Path(folder).iterdir())


# --- the book's API and the facts of MNIST -------------------------------------------

def test_facts_of_mnist(monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(SHARED))
    (x_train, t_train), (x_test, t_test) = load_mnist()
    assert x_train.shape == (60000, 784) and x_test.shape == (10000, 784)
    assert x_train.dtype == np.float32 and 0.0 <= x_train.min() and x_train.max() == 1.0
    np.testing.assert_array_equal(np.bincount(t_train),
                                  [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
    np.testing.assert_array_equal(np.bincount(t_test),
                                  [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    assert x_train.mean(dtype=np.float64) == pytest.approx(0.1306605, abs=1e-7)


def test_options_of_load_mnist(monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(SHARED))
    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=False, flatten=False,
                                                      one_hot_label=True)
    assert x_train.shape == (60000, 1, 28, 28) and x_train.dtype == np.uint8
    assert x_test.shape == (10000, 1, 28, 28) and x_train.max() == 255
    assert t_train.shape == (60000, 10) and t_test.shape == (10000, 10)
    np.testing.assert_array_equal(t_train.sum(axis=1), 1)
    (_, labels), _ = load_mnist()
    np.testing.assert_array_equal(t_train.argmax(axis=1), labels)


def test_first_training_labels_are_the_well_known_ones(monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(SHARED))
    (_, t_train), _ = load_mnist()
    np.testing.assert_array_equal(t_train[:10], [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])


# --- the cache -------------------------------------------------------------------------

def test_cache_is_written_without_pickles_and_reused(source, cache):
    first = load_arrays(cache)
    npz = cache / mnist.CACHE_NAME
    assert npz.exists() and not list(cache.glob("*.part"))
    with np.load(npz, allow_pickle=False) as z:
        assert sorted(z.files) == sorted(FILES)
    for name in NAMES:  # the cache alone is enough now: the sources are not read again
        (source / name).write_bytes(b"garbage")
    second = load_arrays(cache)
    for key in FILES:
        np.testing.assert_array_equal(first[key], second[key])


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong content"])
def test_broken_cache_is_rebuilt(source, cache, damage):
    arrays = load_arrays(cache)
    npz = cache / mnist.CACHE_NAME
    if damage == "truncate":
        npz.write_bytes(npz.read_bytes()[: npz.stat().st_size // 2])
    elif damage == "garbage":
        npz.write_bytes(b"not a zip file at all")
    else:
        bad = dict(arrays)
        bad["t_test"] = (arrays["t_test"] + 1) % 10
        np.savez(npz, **bad)
    with pytest.warns(UserWarning, match="rebuilding"):
        rebuilt = load_arrays(cache)
    np.testing.assert_array_equal(rebuilt["t_test"], arrays["t_test"])
    assert load_arrays(cache)["x_test"].shape == (10000, 784)  # and it is healthy again


def test_cached_load_is_fast(monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(SHARED))
    load_mnist(normalize=False)
    start = time.perf_counter()
    load_mnist(normalize=False)
    assert time.perf_counter() - start < 2.0  # about 0.1 s here; generous for busy machines


# --- bad files in MNIST_DIR ---------------------------------------------------------------

def html_page(path):
    path.write_text("<!DOCTYPE html><html><body>403 Forbidden</body></html>")


def truncated(path):
    path.write_bytes(path.read_bytes()[:2000])


def wrong_content(path):
    path.write_bytes(gzip.compress(b"\x00\x00\x08\x01" + bytes(1000)))


def missing(path):
    path.unlink()


@pytest.mark.parametrize("damage, message", [
    (html_page, "HTML page"),
    (truncated, "truncated"),
    (wrong_content, "wrong content"),
    (missing, "lacks"),
])
def test_bad_file_in_mnist_dir_is_named_and_nothing_is_written(source, cache, damage, message):
    victim = source / FILES["t_train"][0]
    damage(victim)
    before = listing(source)
    with pytest.raises(MnistError) as excinfo:
        load_arrays(cache)
    text = str(excinfo.value)
    assert message in text and victim.name in text
    assert "MNIST_DIR" in text or "replace it" in text  # says what to do
    assert list(cache.iterdir()) == []  # no cache, no half-written file
    assert listing(source) == before  # MNIST_DIR is never written to


def test_mnist_dir_is_never_written(source, cache):
    before = listing(source)
    load_arrays(cache)
    assert listing(source) == before


# --- downloads, from a server on 127.0.0.1 ----------------------------------------------------

class MirrorHandler(http.server.BaseHTTPRequestHandler):
    """/good/NAME serves the file; /broken/ 404s; /wrong/ serves other bytes; /html/ a page;
    /slow/ never answers in time."""

    def do_GET(self):
        kind, name = self.path.strip("/").split("/", 1)
        if kind == "slow":
            time.sleep(3)
        if kind == "broken" or name not in NAMES:
            self.send_error(404)
            return
        body = {
            "good": lambda: (SHARED / name).read_bytes(),
            "wrong": lambda: gzip.compress(b"not mnist" * 100),
            "html": lambda: b"<html><body>Service Unavailable</body></html>",
            "slow": lambda: b"",
        }[kind]()
        try:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch):
    monkeypatch.delenv("MNIST_DIR", raising=False)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), MirrorHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_download_tries_mirrors_in_turn(server, cache):
    mirrors = [f"{server}/broken/", f"{server}/wrong/", f"{server}/html/", f"{server}/good/"]
    arrays = load_arrays(cache, mirrors=mirrors)
    assert arrays["t_train"].shape == (60000,)
    assert sorted(p.name for p in cache.iterdir()) == sorted(NAMES + [mnist.CACHE_NAME])


def test_download_failure_lists_every_mirror_and_leaves_nothing(server, cache):
    mirrors = [f"{server}/broken/", f"{server}/wrong/", f"{server}/html/"]
    with pytest.raises(MnistError) as excinfo:
        load_arrays(cache, mirrors=mirrors)
    text = str(excinfo.value)
    for mirror in mirrors:
        assert mirror in text
    assert "404" in text and "wrong content" in text and "HTML page" in text
    assert "MNIST_DIR" in text
    assert list(cache.iterdir()) == []


def test_download_times_out(server, cache):
    start = time.perf_counter()
    with pytest.raises(MnistError, match="timed out"):
        mnist.download("t_test", cache, mirrors=[f"{server}/slow/"], timeout=0.5)
    assert time.perf_counter() - start < 2.5
    assert list(cache.iterdir()) == []


def test_bad_downloaded_file_in_dataset_folder_is_named(server, cache):
    mnist.download("x_test", cache, mirrors=[f"{server}/good/"])
    truncated(cache / FILES["x_test"][0])
    with pytest.raises(MnistError, match="t10k-images-idx3-ubyte.gz: a truncated[^\n]*\ndelete it"):
        load_arrays(cache, mirrors=[f"{server}/good/"])
