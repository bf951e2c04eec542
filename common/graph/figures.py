"""The files of figures/: every graph of the chapter as PNG, and step-by-step GIFs.

    python -m common.graph.figures [--out DIR]   # what `make figures` runs

The folder must be new, empty, or one this command made (its README.md starts
with HEADER): nothing else is ever overwritten or removed.
"""
import argparse
import os
import tempfile
from functools import partial
from pathlib import Path

import PIL.Image

from common.graph.chapter import (
    add_node_graph,
    affine_batch_graph,
    affine_single_graph,
    apple_first_graph,
    apple_graph,
    apple_orange_graph,
    chain_rule_graph,
    cross_entropy_graph,
    mul_node_graph,
    sigmoid_graph,
    sigmoid_simple_graph,
    softmax_graph,
    two_layer_net_graph,
)
from common.graph.drawing import DPI, StepPicture, draw_graph
from common.graph.expression import expression_graph
from common.graph.stepper import graph_steps

FIGURES = {  # file name (without .png) -> (builder, keyword arguments)
    "apple_forward": (apple_graph, {"backward": False}),
    "apple_orange_forward": (apple_orange_graph, {"backward": False}),
    "chain_rule": (chain_rule_graph, {}),
    "add_node_backward": (add_node_graph, {}),
    "mul_node_backward": (mul_node_graph, {}),
    "apple_backward": (apple_graph, {}),
    "apple_orange_backward": (apple_orange_graph, {}),
    "sigmoid_graph": (sigmoid_graph, {}),
    "affine_single": (affine_single_graph, {}),
    "affine_batch": (affine_batch_graph, {}),
    "cross_entropy_graph": (cross_entropy_graph, {}),
    "softmax_graph": (softmax_graph, {}),
    "two_layer_net": (two_layer_net_graph, {}),
    "apple_first_forward": (apple_first_graph, {}),
    "sigmoid_simple": (sigmoid_simple_graph, {}),
    "expression_sigmoid": (partial(expression_graph, "y = 1 / (1 + exp(-x))"), {"x": 1.0}),
}

ANIMATIONS = {  # file name (without .gif) -> (builder, keyword arguments)
    "apple_steps": (apple_graph, {}),
}
FRAME_DPI = 90
FRAME_MS = 1600  # each step; the last one stays three times as long


def write_whole(path, write):
    """Call write(file) on a temporary file beside path, then rename it to path.

    A write that fails (a full disk) leaves what was at path as it was, and no
    temporary file; the OSError raised names path.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(e.errno, e.strerror or str(e), str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_png(fig, path):
    """Write fig as a PNG with no metadata that changes between runs or versions."""
    write_whole(path, lambda f: fig.savefig(f, format="png", dpi=DPI,
                                            metadata={"Software": None}))


def save_steps_gif(graph, path, lang=None, dpi=FRAME_DPI):
    """Write the forward and backward steps of `graph` as an animated GIF (same bytes each run)."""
    steps = graph_steps(graph, lang)
    picture = StepPicture(graph, steps, dpi=dpi)
    frames = [PIL.Image.fromarray(picture.render(step)).convert("RGB") for step in steps]
    durations = [FRAME_MS] * (len(frames) - 1) + [3 * FRAME_MS]
    write_whole(path, lambda f: frames[0].save(f, format="gif", save_all=True,
                                               append_images=frames[1:], duration=durations,
                                               loop=0))


EDITIONS = {"ja": "", "en": "en"}  # language -> its subfolder of figures/


class FolderError(ValueError):
    """The folder given for the figures cannot take them; the message says why and what to do."""


def is_figures_folder(folder):
    """True when `folder` holds a README.md that this command wrote (it starts with HEADER)."""
    try:
        return (Path(folder) / "README.md").read_text(encoding="utf-8").startswith(HEADER)
    except (OSError, UnicodeDecodeError):
        return False


def check_folder(out):
    """Create `out` and its edition subfolders, or raise FolderError.

    `out` must be new, empty, or a figures folder (is_figures_folder), and writable.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise FolderError(f"cannot use {out}: it is a file, not a folder; choose a new or "
                          "empty folder")
    if out.is_dir() and any(out.iterdir()) and not is_figures_folder(out):
        raise FolderError(f"cannot use {out}: the folder holds other files, which the figures "
                          "would replace; choose an empty or new folder")
    for folder in [out / sub for sub in EDITIONS.values()]:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tempfile.TemporaryFile(dir=folder).close()
        except (FileExistsError, NotADirectoryError) as e:
            raise FolderError(f"cannot use {folder}: {e.strerror} (part of the path is a file, "
                              "not a folder); choose a new or empty folder") from None
        except OSError as e:
            raise FolderError(f"cannot use {folder}: {e.strerror}; choose a folder you can "
                              "write to") from None


def write_all(out):
    """Write every figure of FIGURES (PNG) and ANIMATIONS (GIF) of every edition.

    README.md saying how they were made first (it marks the folder as a figures
    folder), then Japanese into the folder `out` and English into `out`/en
    (EDITIONS); stale PNG and GIF files there are removed. Raises FolderError
    (check_folder) before writing anything to a folder that cannot take them.
    Returns the paths written, in order.
    """
    out = Path(out)
    check_folder(out)
    path = out / "README.md"
    text = made_with()
    write_whole(path, lambda f: f.write(text.encode("utf-8")))
    paths = [path]
    for lang, sub in EDITIONS.items():
        paths += _write_edition(out / sub, lang)
    return paths


def _write_edition(out, lang):
    wanted = {f"{name}.png" for name in FIGURES} | {f"{name}.gif" for name in ANIMATIONS}
    for stale in [*out.glob("*.png"), *out.glob("*.gif")]:
        if stale.name not in wanted:
            stale.unlink()
    paths = []
    for name, (builder, kwargs) in FIGURES.items():
        path = out / f"{name}.png"
        save_png(draw_graph(builder(**kwargs, lang=lang)), path)
        paths.append(path)
    for name, (builder, kwargs) in ANIMATIONS.items():
        path = out / f"{name}.gif"
        save_steps_gif(builder(**kwargs, lang=lang), path)
        paths.append(path)
    return paths


def rendering_versions():
    """The versions that decide the figures' bytes: {package: version}."""
    from importlib.metadata import version
    return {name: version(name) for name in ("matplotlib", "pillow", "matplotlib-fontja")}


HEADER = ("# figures/\n\nGenerated by `make figures` (`python -m common.graph.figures`) from "
          "the real layers, Japanese here and English in en/; do not edit by hand.\n")


def made_with():
    """The text of figures/README.md: how the figures were made, and with which versions."""
    return (HEADER + "The bytes depend on these versions:\n\n"
            + "".join(f"- {name} {v}\n" for name, v in rendering_versions().items()))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Regenerate the computational-graph figures.")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "figures"),
                        help="folder for the PNG and GIF files: new, empty, or made by this "
                             "command (default: the project's figures/)")
    args = parser.parse_args(argv)
    if not args.out.strip():
        parser.error("--out is empty: give the folder for the figures, or leave --out out "
                     "for the project's figures/")
    try:
        paths = write_all(args.out)
    except FolderError as e:
        parser.exit(2, f"{parser.prog}: error: {e}\n")
    except OSError as e:
        parser.exit(1, f"{parser.prog}: error: cannot write {e.filename} ({e.strerror}); the "
                       "file there is left as it was: free some space, or choose another "
                       "folder with --out\n")
    for path in paths:
        print(path)


if __name__ == "__main__":
    main()
