"""MNIST for the book's code: ``load_mnist(normalize, flatten, one_hot_label)``.

The four IDX files are looked for in this order:

1. ``$MNIST_DIR``, if set: a read-only folder that must hold all four ``.gz`` files;
2. this ``dataset/`` folder: the converted cache ``mnist.npz``, or the ``.gz`` files;
3. public mirrors, tried in turn, downloaded into this folder.

Every file is checked against the SHA-256 of its decompressed content, and never
decompressed past the known size of that file. The arrays are cached in ``mnist.npz``
(no pickles), checked on every load and rebuilt when broken. The cache records the
folder its arrays were read from and each file's size and modification time; while
``$MNIST_DIR`` is set, the cache is used only if that record matches ``$MNIST_DIR``
now, otherwise the files are read and verified again. Files are written to a
temporary ``.part`` name and renamed when complete; the ``.part`` files of a killed run
are removed by a later one. ``python -m dataset.mnist`` prepares the data.
"""
import gzip
import hashlib
import os
import struct
import sys
import tempfile
import time
import urllib.request
import warnings
import zlib
from pathlib import Path
from stat import S_ISDIR, S_ISREG

import numpy as np

DATASET_DIR = Path(__file__).resolve().parent
CACHE_NAME = "mnist.npz"
SOURCE_KEY = "source"  # the cache's record of where its arrays come from, as strings

# name in the cache -> (file, SHA-256 of the decompressed IDX content, item count)
FILES = {
    "x_train": ("train-images-idx3-ubyte.gz",
                "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 60000),
    "t_train": ("train-labels-idx1-ubyte.gz",
                "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60000),
    "x_test": ("t10k-images-idx3-ubyte.gz",
               "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 10000),
    "t_test": ("t10k-labels-idx1-ubyte.gz",
               "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10000),
}

MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://yann.lecun.com/exdb/mnist/",
)

IMAGE_SHAPE = (28, 28)

# A write in progress keeps its .part file fresh; one untouched this long lost its writer.
STALE_PART_SECONDS = 10 * 60


class MnistError(RuntimeError):
    """A MNIST file is missing, unreadable or not the expected content."""


# --- IDX format ----------------------------------------------------------------

def _idx_header(key):
    """The 16-byte (images) or 8-byte (labels) IDX header of FILES[key]."""
    count = FILES[key][2]
    if key.startswith("x"):
        return struct.pack(">IIII", 0x00000803, count, *IMAGE_SHAPE)
    return struct.pack(">II", 0x00000801, count)


def _shape(key):
    """The array shape of FILES[key]: images (N, 784), labels (N,)."""
    count = FILES[key][2]
    return (count, IMAGE_SHAPE[0] * IMAGE_SHAPE[1]) if key.startswith("x") else (count,)


def _idx_size(key):
    """The size in bytes of the decompressed IDX file FILES[key]."""
    return len(_idx_header(key)) + int(np.prod(_shape(key)))


def _idx_sha256(key, array):
    """SHA-256 of the IDX file that holds `array`: header plus the raw bytes."""
    digest = hashlib.sha256(_idx_header(key))
    digest.update(np.ascontiguousarray(array).data)
    return digest.hexdigest()


def _gzip_problem(head, error):
    """What is wrong with a file that starts with `head` and failed to decompress."""
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "an HTML page (a server's error page saved under this name), not gzip data"
    if isinstance(error, EOFError):
        return "a truncated gzip file (the download stopped early)"
    if isinstance(error, zlib.error):
        return f"a corrupt gzip file (damaged compressed data: {error})"
    return f"not readable gzip data ({error})"


def read_gz(path, key, advice=""):
    """The uint8 array of FILES[key], shaped (N, 784) or (N,), from the gzip file `path`.

    Raises MnistError naming the file if it cannot be read, or is not gzip data, truncated,
    corrupt or not the expected content; `advice` (what to do) ends the latter messages.
    Decompresses at most one byte more than the expected size.
    """
    path, size, head = Path(path), _idx_size(key), b""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
            f.seek(0)
            raw = gzip.GzipFile(fileobj=f).read(size + 1)
    except FileNotFoundError:
        raise MnistError(f"{path}: file not found") from None
    except PermissionError:
        raise MnistError(f"cannot read {path}: permission denied; make it readable "
                         "by this user") from None
    except (OSError, EOFError, zlib.error) as e:
        raise MnistError(f"{path}: {_gzip_problem(head, e)}\n{advice}".rstrip()) from None
    if len(raw) > size:
        what = f"it decompresses to more than the {size} bytes of {FILES[key][0]}"
    elif (digest := hashlib.sha256(raw).hexdigest()) != FILES[key][1]:
        what = f"SHA-256 of the decompressed data is {digest}, expected {FILES[key][1]}"
    else:
        array = np.frombuffer(raw, dtype=np.uint8, offset=len(_idx_header(key)))
        return array.reshape(_shape(key)).copy()
    raise MnistError(f"{path}: wrong content ({what})\n{advice}".rstrip())


# --- writing files safely -------------------------------------------------------

def _atomic_write(dest, write, check=None):
    """Call write(file) on a temporary file beside dest, check(path) it, rename it to dest."""
    dest = Path(dest)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=dest.name + ".", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        if check is not None:
            check(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale_parts(folder):
    """Remove the .part files that killed runs left in folder (ours only, and only stale)."""
    now = time.time()
    for name in [CACHE_NAME] + [name for name, _, _ in FILES.values()]:
        for part in Path(folder).glob(f"{name}.*.part"):
            try:
                if now - part.stat().st_mtime > STALE_PART_SECONDS:
                    part.unlink()
            except OSError:  # removed meanwhile by another run, or a read-only folder
                pass


def _check_writable(folder):
    """Raise MnistError naming folder if no file can be created in it."""
    try:
        tempfile.TemporaryFile(dir=folder).close()
    except OSError as e:
        raise MnistError(
            f"cannot write to the folder {folder} ({e.strerror}): make it writable, or "
            "download the four MNIST files by hand and set MNIST_DIR to their folder"
        ) from None


def download(key, dest_dir=DATASET_DIR, mirrors=MIRRORS, timeout=30, deadline=600):
    """Download FILES[key] into dest_dir from the first mirror that serves it intact.

    `timeout` bounds each wait for the network; `deadline` (seconds) bounds the whole
    transfer from one mirror, after which the next mirror is tried.
    """
    from tqdm.auto import tqdm

    name = FILES[key][0]
    dest = Path(dest_dir) / name
    _check_writable(dest.parent)
    limit = _idx_size(key) + (1 << 16)  # gzip data is never that much larger than its content
    failures = []
    for mirror in mirrors:
        url = mirror + name

        def fetch(f, url=url):
            start = time.monotonic()
            with urllib.request.urlopen(url, timeout=timeout) as response:
                total = int(response.headers.get("Content-Length") or 0) or None
                with tqdm(total=total, unit="B", unit_scale=True, desc=name, leave=False) as bar:
                    while chunk := response.read1(1 << 16):
                        if time.monotonic() - start > deadline:
                            raise TimeoutError(f"too slow: not complete after {deadline} s")
                        if bar.n + len(chunk) > limit:
                            raise MnistError(f"too large: more than {limit} bytes")
                        f.write(chunk)
                        bar.update(len(chunk))

        try:
            _atomic_write(dest, fetch, check=lambda path: read_gz(path, key))
            return dest
        except (OSError, MnistError) as e:
            failures.append(f"  {url}: {e}")
    raise MnistError(
        f"could not download {name} from any mirror:\n" + "\n".join(failures) + "\n"
        "Check the network, or download the four MNIST files by hand and set MNIST_DIR "
        "to their folder."
    )


# --- the cache ------------------------------------------------------------------

def _stamp(path):
    """'name size mtime_ns' of a source file: it changes when the file is replaced or edited."""
    try:
        stat = path.stat()
    except OSError:
        return f"{path.name} unreadable"
    return f"{path.name} {stat.st_size} {stat.st_mtime_ns}"


def _record(folder):
    """Where cached arrays come from: the folder, then the _stamp of each file in it."""
    folder = Path(folder)
    return [str(folder.resolve())] + [_stamp(folder / name) for name, _, _ in FILES.values()]


def _read_cache(path):
    """(the four arrays, the record of their source) from the cache file.

    (None, None) if the file is missing or broken; the record is None if it has none.
    """
    if not path.exists():
        return None, None
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {key: z[key] for key in FILES}
            record = z[SOURCE_KEY] if SOURCE_KEY in z.files else None
    except Exception as e:  # noqa: BLE001 - any failure means "rebuild"
        warnings.warn(f"{path}: unreadable MNIST cache ({e.__class__.__name__}); rebuilding it",
                      stacklevel=3)
        return None, None
    for key, array in arrays.items():
        if array.dtype != np.uint8 or array.shape != _shape(key):
            problem = f"{key} is {array.dtype} {array.shape}, not uint8 {_shape(key)}"
        elif _idx_sha256(key, array) != FILES[key][1]:
            problem = f"wrong content for {key}"
        else:
            continue
        warnings.warn(f"{path}: MNIST cache holds {problem}; rebuilding it", stacklevel=3)
        return None, None
    if record is not None and (record.dtype.kind != "U" or record.ndim != 1):
        record = None
    return arrays, None if record is None else record.tolist()


def _write_cache(path, arrays, record):
    try:
        _atomic_write(path, lambda f: np.savez(f, **arrays, **{SOURCE_KEY: np.array(record)}))
    except OSError as e:  # a read-only checkout still works, only slower
        warnings.warn(f"could not write the MNIST cache {path}: {e}", stacklevel=3)


def load_arrays(cache_dir=DATASET_DIR, mirrors=MIRRORS):
    """The raw uint8 arrays {x_train, t_train, x_test, t_test}, from the best source.

    Images are flat (N, 784); labels (N,). See the module docstring for the order
    of the sources.
    """
    cache_dir = Path(cache_dir)
    source_dir = os.environ.get("MNIST_DIR")
    if source_dir:
        _check_source_dir(Path(source_dir))
        source_dir = Path(os.path.abspath(source_dir))  # errors name the folder read
    _remove_stale_parts(cache_dir)
    cache = cache_dir / CACHE_NAME
    arrays, record = _read_cache(cache)
    if arrays is not None and (not source_dir or record == _record(source_dir)):
        return arrays

    folder = source_dir or cache_dir
    advice = ("replace it with an intact copy (MNIST_DIR is never written to)" if source_dir
              else "delete it and run again to download it afresh")
    arrays, record = {}, [str(folder.resolve())]
    for key, (name, _, _) in FILES.items():
        path = folder / name
        if not source_dir and not path.exists():
            download(key, cache_dir, mirrors)
        record.append(_stamp(path))  # before reading: a later change is seen as a change
        arrays[key] = read_gz(path, key, advice)
    _write_cache(cache, arrays, record)
    return arrays


def _looked_in(folder):
    """' (looked in ...)' naming the absolute folder a relative one means, '' otherwise."""
    if folder.is_absolute():
        return ""
    return (f" (looked in {os.path.abspath(folder)}: a relative MNIST_DIR is resolved against "
            "the current folder)")


def _mode(path):
    """The st_mode of path, 0 if nothing is there; PermissionError if this user may not look."""
    try:
        return os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return 0


def _check_source_dir(folder):
    """Raise MnistError if MNIST_DIR is not a folder that holds the four files."""
    try:
        mode = _mode(folder)
        missing = [n for n, _, _ in FILES.values()
                   if S_ISDIR(mode) and not S_ISREG(_mode(folder / n))]
    except PermissionError:
        raise MnistError(
            f"MNIST_DIR={folder}: permission denied{_looked_in(folder)}: this user cannot look "
            "into the folder; make it and the folders above it readable and searchable "
            "(chmod a+rx), or set MNIST_DIR to a folder this user can read"
        ) from None
    if not S_ISDIR(mode):
        what = "file is not a folder" if mode else "folder does not exist"
        raise MnistError(
            f"MNIST_DIR={folder}: this {what}{_looked_in(folder)}; set MNIST_DIR to the folder "
            "that holds the four MNIST .gz files, or unset it to use the dataset/ folder"
        )
    if missing:
        raise MnistError(
            f"MNIST_DIR={folder} lacks {', '.join(missing)}{_looked_in(folder)}: put the four "
            "MNIST .gz files there, or unset MNIST_DIR to use the dataset/ folder"
        )


def _one_hot(labels, num_classes=10, dtype=np.float32):
    out = np.zeros((labels.size, num_classes), dtype=dtype)
    out[np.arange(labels.size), labels] = 1
    return out


def load_mnist(normalize=True, flatten=True, one_hot_label=False):
    """MNIST as ((x_train, t_train), (x_test, t_test)), the book's API.

    normalize: images as float32 in [0, 1]; otherwise uint8 in 0..255.
    flatten: images as (N, 784); otherwise (N, 1, 28, 28).
    one_hot_label: labels as float32 one-hot (N, 10); otherwise uint8 labels (N,).
    N is 60000 for training and 10000 for test.
    """
    arrays = load_arrays()
    out = {}
    for key in list(arrays):
        array = arrays.pop(key)  # each uint8 array is freed once converted: a lower peak
        if key.startswith("x"):
            if normalize:
                array = array.astype(np.float32)
                array /= 255.0
            if not flatten:
                array = array.reshape(-1, 1, *IMAGE_SHAPE)
        elif one_hot_label:
            array = _one_hot(array)
        out[key] = array
    return (out["x_train"], out["t_train"]), (out["x_test"], out["t_test"])


def main(argv=None):
    """Prepare the data ahead of time and say where it came from.

    --optional: when MNIST cannot be prepared, say so in one line and exit 0
    (``make lab`` opens the notebooks anyway; only 5.7 needs MNIST).
    """
    import argparse

    parser = argparse.ArgumentParser(description="Download (or find), verify and cache MNIST.")
    parser.add_argument("--optional", action="store_true",
                        help="on failure print one line and exit 0")
    args = parser.parse_args(argv)
    try:
        (x_train, t_train), (x_test, t_test) = load_mnist(normalize=False)
    except MnistError as e:
        if args.optional:
            reason = str(e).splitlines()[0].rstrip(":")
            how = ("fix MNIST_DIR, then run `make data`" if os.environ.get("MNIST_DIR") else
                   "connect to the network and run `make data`, or set MNIST_DIR to a folder "
                   "holding the four MNIST .gz files")
            print(f"MNIST is not ready: {reason}. Notebooks 5.1-5.6 work without it; "
                  f"5.7 needs it: {how}.")
            return 0
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"MNIST ready: {x_train.shape[0]} training and {x_test.shape[0]} test images, "
          f"cached in {DATASET_DIR / CACHE_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
