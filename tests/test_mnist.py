"""dataset.mnist: the MNIST facts, the cache, bad files, and the download path (local server)."""
import ctypes
import gzip
import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
import warnings
import zlib
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
ROOT = Path(__file__).resolve().parents[1]


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

def test_cache_is_written_without_pickles_and_reused(source, cache, monkeypatch):
    first = load_arrays(cache)
    npz = cache / mnist.CACHE_NAME
    assert npz.exists() and not list(cache.glob("*.part"))
    with np.load(npz, allow_pickle=False) as z:
        assert sorted(z.files) == sorted([*FILES, "source"])
        assert z["source"].dtype.kind == "U"  # where the arrays came from, as plain strings
        assert z["source"][0] == str(source.resolve())

    def no_reading(*args):
        raise AssertionError("a source file was read: the cache was not used")

    monkeypatch.setattr(mnist, "read_gz", no_reading)
    second = load_arrays(cache)  # MNIST_DIR is unchanged: the cache alone is enough
    for key in FILES:
        np.testing.assert_array_equal(first[key], second[key], strict=True)


def test_cache_from_the_dataset_folder_is_used_without_mnist_dir(server, cache, monkeypatch):
    first = load_arrays(cache, mirrors=[f"{server}/good/"])
    monkeypatch.setattr(mnist, "read_gz", lambda *args: pytest.fail("a source file was read"))
    monkeypatch.setattr(mnist, "download", lambda *args: pytest.fail("a file was downloaded"))
    second = load_arrays(cache, mirrors=[])
    for key in FILES:
        np.testing.assert_array_equal(first[key], second[key], strict=True)


def test_changed_file_in_mnist_dir_is_verified_again_and_cached(source, cache, monkeypatch):
    load_arrays(cache)
    victim = source / FILES["t_test"][0]
    later = victim.stat().st_mtime_ns + 10**9
    os.utime(victim, ns=(later, later))  # the same content, seen as changed
    reads = []
    read_gz = mnist.read_gz
    monkeypatch.setattr(mnist, "read_gz", lambda *args: reads.append(args[0]) or read_gz(*args))
    load_arrays(cache)
    assert len(reads) == 4  # read and verified again, then cached with the new record
    with np.load(cache / mnist.CACHE_NAME, allow_pickle=False) as z:
        assert f"{victim.name} {victim.stat().st_size} {later}" in z["source"].tolist()
    load_arrays(cache)
    assert len(reads) == 4
    assert sorted(p.name for p in cache.iterdir()) == [mnist.CACHE_NAME]


def test_another_mnist_dir_is_read_even_with_the_same_sizes_and_times(source, cache, tmp_path,
                                                                       monkeypatch):
    load_arrays(cache)
    copy = tmp_path / "copy"
    shutil.copytree(source, copy)  # copy2: the same sizes and modification times
    victim = copy / FILES["x_test"][0]
    mtime = victim.stat().st_mtime_ns
    corrupt(victim)
    os.utime(victim, ns=(mtime, mtime))
    monkeypatch.setenv("MNIST_DIR", str(copy))
    with pytest.raises(MnistError, match=f"{victim}: a corrupt gzip file"):
        load_arrays(cache)


@pytest.fixture(scope="module")
def good_arrays(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("MNIST_DIR", str(SHARED))
        return load_arrays(tmp_path_factory.mktemp("good"))


class Payload:
    """Creates the file `unpickled` in the current folder if it is ever unpickled."""

    def __reduce__(self):
        return open, ("unpickled", "w")


def truncated_zip(npz, arrays):
    np.savez(npz, **arrays)
    npz.write_bytes(npz.read_bytes()[:100000])


def saved(change):
    """A cache damage: the good arrays updated with change(arrays); None drops a key."""
    def damage(npz, arrays):
        arrays = {**arrays, **change(arrays)}
        np.savez(npz, **{key: value for key, value in arrays.items() if value is not None})
    return damage


CACHE_DAMAGES = {
    "truncated zip": truncated_zip,
    "garbage": lambda npz, arrays: npz.write_bytes(b"not a zip file at all"),
    "missing key": saved(lambda a: {"x_test": None}),
    "wrong label": saved(lambda a: {"t_test": (a["t_test"] + 1) % 10}),
    "wrong dtype": saved(lambda a: {"t_test": a["t_test"].astype(np.int64)}),
    "flat images": saved(lambda a: {"x_train": a["x_train"].reshape(-1)}),
    "column labels": saved(lambda a: {"t_train": a["t_train"].reshape(-1, 1)}),
    "pickled object": saved(lambda a: {"x_test": np.array([Payload()], dtype=object)}),
}


@pytest.mark.parametrize("damage", CACHE_DAMAGES)
def test_broken_cache_is_rebuilt(source, cache, good_arrays, damage, monkeypatch):
    monkeypatch.chdir(cache.parent)
    npz = cache / mnist.CACHE_NAME
    CACHE_DAMAGES[damage](npz, good_arrays)
    with pytest.warns(UserWarning, match="rebuilding"):
        rebuilt = load_arrays(cache)
    for key in FILES:
        np.testing.assert_array_equal(rebuilt[key], good_arrays[key], strict=True)
    assert not Path("unpickled").exists()  # the pickle was never loaded
    assert sorted(p.name for p in cache.iterdir()) == [mnist.CACHE_NAME]
    monkeypatch.setattr(mnist, "load_arrays", lambda: load_arrays(cache))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the rebuilt cache is healthy: no second rebuild
        (x_train, t_train), _ = mnist.load_mnist(one_hot_label=True)
    assert x_train.shape == (60000, 784)
    np.testing.assert_array_equal(t_train.sum(axis=1), 1)


# --- bad files in MNIST_DIR ---------------------------------------------------------------

def html_page(path):
    path.write_text("<!DOCTYPE html><html><body>403 Forbidden</body></html>")


def truncated(path):
    path.write_bytes(path.read_bytes()[:2000])


def wrong_content(path):
    path.write_bytes(gzip.compress(b"\x00\x00\x08\x01" + bytes(1000)))


def missing(path):
    path.unlink()


def corrupted(data):
    """`data` with one byte flipped inside the compressed stream."""
    data = bytearray(data)
    data[100] ^= 0xFF
    return bytes(data)


def corrupt(path):
    path.write_bytes(corrupted(path.read_bytes()))


def swapped(path):
    """Swapped with the file of the other set (train <-> t10k)."""
    other = path.with_name(path.name.replace("train", "t10k"))
    data = path.read_bytes()
    path.write_bytes(other.read_bytes())
    other.write_bytes(data)


@pytest.mark.parametrize("damage, message", [
    (html_page, "HTML page"),
    (truncated, "truncated"),
    (corrupt, "a corrupt gzip file (damaged compressed data"),
    (wrong_content, "wrong content"),
    (swapped, "wrong content"),
    (missing, "lacks"),
])
@pytest.mark.parametrize("cached", [False, True], ids=["no cache", "cached before"])
def test_bad_file_in_mnist_dir_is_named_and_nothing_is_written(source, cache, damage, message,
                                                               cached):
    if cached:  # MNIST_DIR is authoritative: a cache made from it does not hide a bad file
        load_arrays(cache)
        cached_bytes = (cache / mnist.CACHE_NAME).read_bytes()
    victim = source / FILES["t_train"][0]
    damage(victim)
    before = listing(source)
    with pytest.raises(MnistError) as excinfo:
        load_arrays(cache)
    text = str(excinfo.value)
    assert message in text and victim.name in text
    assert "MNIST_DIR" in text or "replace it" in text  # says what to do
    if cached:  # the cache is left as it was, and no half-written file
        assert [p.name for p in cache.iterdir()] == [mnist.CACHE_NAME]
        assert (cache / mnist.CACHE_NAME).read_bytes() == cached_bytes
    else:
        assert list(cache.iterdir()) == []  # no cache, no half-written file
    assert listing(source) == before  # MNIST_DIR is never written to


@pytest.mark.parametrize("make, what", [
    (lambda path: None, "folder does not exist"),
    (lambda path: path.write_text("a file"), "file is not a folder"),
])
def test_mnist_dir_that_is_no_folder_is_named(cache, tmp_path, monkeypatch, make, what):
    folder = tmp_path / "mnist"
    make(folder)
    monkeypatch.setenv("MNIST_DIR", str(folder))
    with pytest.raises(MnistError) as excinfo:
        load_arrays(cache)
    text = str(excinfo.value)
    assert text.startswith(f"MNIST_DIR={folder}: this {what}; set MNIST_DIR to the folder")
    assert "four MNIST .gz files" in text and "or unset it" in text and "lacks" not in text
    assert list(cache.iterdir()) == []


def test_larger_file_is_wrong_content():
    with pytest.raises(MnistError, match="wrong content .it decompresses to more than the "
                                         "10008 bytes of t10k-labels"):
        mnist.read_gz(SHARED / FILES["t_train"][0], "t_test")


def test_decompression_stops_at_the_size_of_the_file(tmp_path):
    """A small .gz that expands to 64 MiB, not the 10008 bytes of the test labels."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    bomb = tmp_path / FILES["t_test"][0]
    bomb.write_bytes(b"".join([compressor.compress(bytes(1 << 20)) for _ in range(64)]
                              + [compressor.flush()]))
    tracemalloc.start()
    try:
        with pytest.raises(MnistError, match="more than the 10008 bytes"):
            mnist.read_gz(bomb, "t_test")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20


def run_python(code, env=None, **kwargs):
    """Run Python `code` from the project folder; env entries set to None are removed."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, **kwargs)


@pytest.fixture(scope="module")
def unprivileged():
    """run_python in a process that file permissions apply to, even when the tests run as root.

    Root keeps its user id but gives up the Linux capabilities that let it ignore
    permissions (CAP_DAC_OVERRIDE = 1, CAP_DAC_READ_SEARCH = 2, dropped with prctl).
    """
    if not hasattr(os, "geteuid"):
        pytest.skip("file permissions are POSIX only")
    kwargs = {}
    if os.geteuid() == 0:
        if sys.platform != "linux":
            pytest.skip("dropping root's power over file permissions is Linux only")
        prctl = ctypes.CDLL(None, use_errno=True).prctl

        def drop_permission_override():  # in the child, before it runs Python
            for capability in (1, 2):
                if prctl(24, capability, 0, 0, 0):  # PR_CAPBSET_DROP
                    raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")

        kwargs["preexec_fn"] = drop_permission_override
    try:
        probe = run_python("import dataset.mnist", **kwargs)
    except subprocess.SubprocessError as e:
        pytest.skip(f"cannot give up root's power over file permissions here: {e}")
    assert probe.returncode == 0, probe.stderr
    return lambda code, **env: run_python(code, env, **kwargs)


def test_unreadable_file_is_named_once(unprivileged, tmp_path):
    src, cache = tmp_path / "src", tmp_path / "cache"
    src.mkdir()
    cache.mkdir()
    for name in NAMES:
        (src / name).write_bytes(b"")
    victim = src / FILES["x_train"][0]  # the first file read
    victim.chmod(0)
    result = unprivileged(f"""
from dataset.mnist import MnistError, load_arrays
try:
    open({str(victim)!r}, "rb")
    raise SystemExit("the file is readable: nothing is tested")
except PermissionError:
    pass
try:
    load_arrays({str(cache)!r})
except MnistError as e:
    print(e)
    print("chained:", e.__context__ is not None and not e.__suppress_context__)
""", MNIST_DIR=str(src))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"cannot read {victim}: permission denied; make it readable")
    assert result.stdout.count("permission denied") == 1
    assert lines[-1] == "chained: False"
    assert list(cache.iterdir()) == []


SEARCH_DENIED = {  # how the folder is locked: (the folder's mode, its parent's mode)
    "folder mode 000": (0o000, 0o755),
    "folder mode 600": (0o600, 0o755),  # its names can be listed, its files not opened
    "parent mode 000": (0o755, 0o000),
}


@pytest.fixture(params=SEARCH_DENIED)
def locked(request, tmp_path):
    """A MNIST_DIR with the four files that the unprivileged process may not look into."""
    folder = tmp_path / "locked" / "mnist"
    folder.mkdir(parents=True)
    for name in NAMES:
        (folder / name).write_bytes(b"")
    mode, parent_mode = SEARCH_DENIED[request.param]
    folder.chmod(mode)
    folder.parent.chmod(parent_mode)
    yield folder
    folder.parent.chmod(0o755)
    folder.chmod(0o755)  # for pytest to remove it


PROBE = """
try:
    open({path!r}, "rb")
    raise SystemExit("the file can be opened: nothing is tested")
except PermissionError:
    pass
"""


def test_mnist_dir_that_cannot_be_searched_is_named(unprivileged, locked):
    result = unprivileged(PROBE.format(path=str(locked / NAMES[0])) + """
from dataset.mnist import MnistError, load_mnist
try:
    load_mnist()
except MnistError as e:
    print(e)
""", MNIST_DIR=str(locked))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"MNIST_DIR={locked}: permission denied: this user cannot "
                                    "look into the folder; make it and the folders above it "
                                    "readable and searchable")
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize("args, code", [(["--optional"], 0), ([], 1)],
                         ids=["make lab", "make data"])
def test_prepare_says_in_one_line_that_mnist_dir_cannot_be_searched(unprivileged, locked, args,
                                                                     code):
    result = unprivileged(PROBE.format(path=str(locked / NAMES[0])) + f"""
import runpy, sys
sys.argv = ["mnist.py", *{args!r}]
runpy.run_module("dataset.mnist", run_name="__main__")
""", MNIST_DIR=str(locked))
    assert result.returncode == code, result.stderr
    if args:  # one line, and make lab goes on
        assert result.stderr == ""
        [line] = result.stdout.splitlines()
        assert line.startswith(f"MNIST is not ready: MNIST_DIR={locked}: permission denied")
        assert line.endswith("5.7 needs it: fix MNIST_DIR, then run `make data`.")
    else:  # one line, and make data fails
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith(f"error: MNIST_DIR={locked}: permission denied")


@pytest.mark.parametrize("make, what", [
    (lambda path: None, ": this folder does not exist (looked in "),
    (lambda path: path.mkdir(), " lacks train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                                "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz (looked in "),
], ids=["missing", "empty"])
def test_relative_mnist_dir_is_named_with_the_folder_it_means(cache, tmp_path, monkeypatch, make,
                                                             what):
    notebooks = tmp_path / "notebooks"  # where a notebook's kernel runs
    notebooks.mkdir()
    make(notebooks / "mydata")
    monkeypatch.chdir(notebooks)
    monkeypatch.setenv("MNIST_DIR", "mydata")
    with pytest.raises(MnistError) as excinfo:
        load_arrays(cache)
    text = str(excinfo.value)
    assert text.startswith(f"MNIST_DIR=mydata{what}{Path.cwd() / 'mydata'}: a relative "
                           "MNIST_DIR is resolved against the current folder)")
    assert list(cache.iterdir()) == []


def test_absolute_mnist_dir_is_named_as_given(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(tmp_path / "mydata"))
    with pytest.raises(MnistError) as excinfo:
        load_arrays(cache)
    assert "looked in" not in str(excinfo.value) and "relative" not in str(excinfo.value)


@pytest.mark.parametrize("spell", [
    lambda folder: os.path.relpath(folder),  # relative to the current folder
    lambda folder: f"{folder}{os.sep}",
    lambda folder: f"{folder}{os.sep}..{os.sep}{folder.name}",
    lambda folder: f".{os.sep}{os.path.relpath(folder)}{os.sep}",
], ids=["relative", "trailing slash", "detour", "dot and slash"])
def test_odd_spellings_of_a_good_mnist_dir_work_and_share_the_cache(source, cache, tmp_path,
                                                                   monkeypatch, spell):
    folder = source.rename(source.with_name("my mnist"))  # a space in the name
    monkeypatch.chdir(tmp_path / "cache")
    monkeypatch.setenv("MNIST_DIR", spell(folder))
    assert load_arrays(cache)["t_test"].shape == (10000,)
    with np.load(cache / mnist.CACHE_NAME, allow_pickle=False) as z:
        assert z["source"][0] == str(folder.resolve())
    monkeypatch.setattr(mnist, "read_gz", lambda *args: pytest.fail("the cache was not used"))
    monkeypatch.setenv("MNIST_DIR", str(folder))  # the same folder, spelled plainly
    load_arrays(cache)


def test_empty_mnist_dir_means_the_dataset_folder(cache, monkeypatch):
    for name in NAMES:  # as if downloaded there earlier
        shutil.copy(SHARED / name, cache / name)
    monkeypatch.setenv("MNIST_DIR", "")
    monkeypatch.setattr(mnist, "download", lambda *args: pytest.fail("a file was downloaded"))
    assert load_arrays(cache, mirrors=[])["x_train"].shape == (60000, 784)
    assert (cache / mnist.CACHE_NAME).exists()


def test_mnist_dir_is_never_written(source, cache):
    before = listing(source)
    load_arrays(cache)
    assert listing(source) == before


# --- pytest refuses to start when the tests would download MNIST ----------------------------

@pytest.mark.parametrize("mnist_dir, npz, args, code", [
    (None, False, [], pytest.ExitCode.USAGE_ERROR),
    ("", False, [], pytest.ExitCode.USAGE_ERROR),
    ("/any/folder", False, [], pytest.ExitCode.OK),
    (None, True, [], pytest.ExitCode.OK),
    (None, False, ["--help"], pytest.ExitCode.OK),
], ids=["unset", "empty", "MNIST_DIR", "cache", "help"])
def test_pytest_needs_mnist_dir_or_the_cache(tmp_path, mnist_dir, npz, args, code):
    """The root conftest.py, in a copy of the project's layout with one passing test."""
    shutil.copy(ROOT / "conftest.py", tmp_path)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "dataset").mkdir()
    if npz:
        (tmp_path / "dataset" / mnist.CACHE_NAME).write_bytes(b"")
    (tmp_path / "test_one.py").write_text("def test_one():\n    pass\n")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "MNIST_DIR": mnist_dir,
           "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}  # nbval, playwright...: not needed, slow to load
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=tmp_path, env={k: v for k, v in env.items() if v is not None},
        capture_output=True, text=True, timeout=120)
    assert result.returncode == code, result.stdout + result.stderr
    advice = ("export MNIST_DIR=/path/to/the/four/mnist/.gz/files, or run `make data` first")
    assert (advice in result.stderr) == (code == pytest.ExitCode.USAGE_ERROR)
    assert ("1 passed" in result.stdout) == (not args and code == pytest.ExitCode.OK)


# --- downloads, from a server on 127.0.0.1 ----------------------------------------------------

class MirrorHandler(http.server.BaseHTTPRequestHandler):
    """/good/NAME serves the file; /broken/ 404s; /wrong/ serves other bytes; /html/ a page;
    /corrupt/ the file with one byte flipped; /slow/ never answers in time; /trickle/ sends
    the file 1 KiB every 0.1 s; /endless/ sends zeros until the client hangs up."""

    def do_GET(self):
        kind, name = self.path.strip("/").split("/", 1)
        if kind == "slow":
            time.sleep(3)
        if kind == "broken" or name not in NAMES:
            self.send_error(404)
            return
        body = {
            "good": lambda: (SHARED / name).read_bytes(),
            "corrupt": lambda: corrupted((SHARED / name).read_bytes()),
            "trickle": lambda: (SHARED / name).read_bytes(),
            "wrong": lambda: gzip.compress(b"not mnist" * 100),
            "html": lambda: b"<html><body>Service Unavailable</body></html>",
            "slow": lambda: b"",
            "endless": lambda: bytes(64 << 20),
        }[kind]()
        step = 1024 if kind == "trickle" else len(body)
        try:
            self.send_response(200)
            if kind != "endless":
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for start in range(0, len(body), step):
                self.wfile.write(body[start:start + step])
                if kind == "trickle":
                    time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up
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
    mirrors = [f"{server}/{kind}/" for kind in ("broken", "wrong", "html", "corrupt", "good")]
    arrays = load_arrays(cache, mirrors=mirrors)
    assert arrays["t_train"].shape == (60000,)
    assert sorted(p.name for p in cache.iterdir()) == sorted(NAMES + [mnist.CACHE_NAME])


def test_download_failure_lists_every_mirror_and_leaves_nothing(server, cache):
    mirrors = [f"{server}/{kind}/" for kind in ("broken", "wrong", "html", "corrupt")]
    with pytest.raises(MnistError) as excinfo:
        load_arrays(cache, mirrors=mirrors)
    text = str(excinfo.value)
    for mirror in mirrors:
        assert mirror in text
    assert "404" in text and "wrong content" in text and "HTML page" in text
    assert "a corrupt gzip file" in text
    assert "MNIST_DIR" in text
    assert list(cache.iterdir()) == []


def test_download_times_out(server, cache):
    start = time.perf_counter()
    with pytest.raises(MnistError, match="timed out"):
        mnist.download("t_test", cache, mirrors=[f"{server}/slow/"], timeout=0.5)
    assert time.perf_counter() - start < 2.5
    assert list(cache.iterdir()) == []


def test_download_deadline_cuts_off_a_trickling_mirror(server, cache):
    start = time.perf_counter()
    with pytest.raises(MnistError, match="trickle/t10k-images-idx3-ubyte.gz: too slow"):
        mnist.download("x_test", cache, mirrors=[f"{server}/trickle/"], timeout=5, deadline=0.5)
    assert time.perf_counter() - start < 3
    assert list(cache.iterdir()) == []
    mirrors = [f"{server}/trickle/", f"{server}/good/"]  # the next mirror gets its turn
    mnist.download("x_test", cache, mirrors=mirrors, timeout=5, deadline=0.5)
    assert [p.name for p in cache.iterdir()] == [FILES["x_test"][0]]


def test_download_stops_at_the_size_of_the_file(server, cache):
    with pytest.raises(MnistError, match="endless/t10k-labels-idx1-ubyte.gz: too large"):
        mnist.download("t_test", cache, mirrors=[f"{server}/endless/"])
    assert list(cache.iterdir()) == []


def test_download_into_read_only_folder_names_the_folder(unprivileged, tmp_path):
    folder = tmp_path / "dataset"
    folder.mkdir()
    folder.chmod(0o555)
    result = unprivileged(f"""
from dataset.mnist import MnistError, load_arrays
try:
    open({str(folder / "probe")!r}, "wb")
    raise SystemExit("the folder is writable: nothing is tested")
except PermissionError:
    pass
try:
    load_arrays({str(folder)!r}, mirrors=["http://127.0.0.1:9/"])
except MnistError as e:
    print(e)
""", MNIST_DIR=None)
    assert result.returncode == 0, result.stderr
    assert f"cannot write to the folder {folder}" in result.stdout
    assert "make it writable" in result.stdout and "network" not in result.stdout
    assert list(folder.iterdir()) == []


def test_bad_downloaded_file_in_dataset_folder_is_named(server, cache):
    mnist.download("x_test", cache, mirrors=[f"{server}/good/"])
    truncated(cache / FILES["x_test"][0])
    with pytest.raises(MnistError, match="t10k-images-idx3-ubyte.gz: a truncated[^\n]*\ndelete it"):
        load_arrays(cache, mirrors=[f"{server}/good/"])


# --- interrupted writes and concurrent loads -------------------------------------------

WRITER = """
import sys, time
from pathlib import Path
from dataset import mnist
def write(f):
    f.write(b"the first bytes of a cache")
    f.flush()
    print("writing", flush=True)
    time.sleep(60)
mnist._atomic_write(Path(sys.argv[1]) / mnist.CACHE_NAME, write)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
@pytest.mark.parametrize("sig", ["SIGKILL", "SIGTERM"])
def test_part_files_of_a_killed_write_are_removed_once_stale(source, cache, sig):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(cache)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "writing\n"
        load_arrays(cache)  # while the write is live: its .part file is left alone
        assert writer.poll() is None
    finally:
        writer.send_signal(getattr(signal, sig))
        writer.wait(timeout=10)
        writer.stdout.close()
    [part] = cache.glob("mnist.npz.*.part")  # what the killed write left behind
    load_arrays(cache)  # still fresh: it might be a live write's
    assert part.exists()
    download_part = cache / (FILES["x_test"][0] + ".abcd1234.part")
    download_part.write_bytes(b"half a download")
    (cache / "notes.part").write_text("not made by load_arrays")
    stale = time.time() - 3600  # untouched for an hour: no live write is that idle
    for path in (part, download_part, cache / "notes.part"):
        os.utime(path, (stale, stale))
    load_arrays(cache)
    assert sorted(p.name for p in cache.iterdir()) == [mnist.CACHE_NAME, "notes.part"]


def test_concurrent_loads_share_one_cache(source, cache, good_arrays):
    code = f"from dataset.mnist import load_arrays; load_arrays({str(cache)!r})"
    loads = [subprocess.Popen([sys.executable, "-c", code], cwd=ROOT) for _ in range(2)]
    assert [load.wait(timeout=120) for load in loads] == [0, 0]
    assert [p.name for p in cache.iterdir()] == [mnist.CACHE_NAME]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        arrays = load_arrays(cache)
    for key in FILES:
        np.testing.assert_array_equal(arrays[key], good_arrays[key], strict=True)
