"""Time one update of each widget: compute with the layers, redraw the PNG, set the text.

Each update is what happens in the kernel when a reader moves a control: the
widget's observer runs once. Prints median and max milliseconds per widget.

    python benchmarks/widget_updates.py [--repeat N]
"""
import argparse
import importlib.util
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from common import widgets  # noqa: E402

BUDGET_MS = 100


def time_updates(moves, repeat):
    """Milliseconds of each of `repeat` control changes, cycling through `moves`."""
    times = []
    for i in range(repeat):
        control, value = moves[i % len(moves)]
        start = time.perf_counter()
        control.value = value  # runs the widget's observer, as a slider move does
        times.append((time.perf_counter() - start) * 1000)
    return times


def cases():
    """{name: [(control, value), ...]}: the moves timed for each widget."""
    activation = widgets.activation_widget()
    relu = widgets.activation_widget()
    relu.controls["kind"].value = "ReLU"
    softmax = widgets.softmax_widget()
    affine = widgets.affine_widget()
    a = activation.controls
    s = softmax.controls
    moves = {}
    if importlib.util.find_spec("common.figures") is None:
        print("(apple widgets skipped: common/figures.py is missing)")
    else:
        apple = widgets.apple_widget()
        apple_orange = widgets.apple_orange_widget()
        moves["apple_widget"] = [(apple.sliders["apple"], v) for v in range(90, 130, 3)]
        moves["apple_orange_widget"] = [(apple_orange.sliders["orange"], v)
                                        for v in range(140, 180, 3)]
    return moves | {
        "activation_widget (Sigmoid)": [(a["x"], v / 10) for v in range(-50, 50, 7)],
        "activation_widget (ReLU)": [(relu.controls["x"], v / 10) for v in range(-50, 50, 7)],
        "softmax_widget": [(s["logits"][0], v / 10) for v in range(-40, 40, 7)],
        "affine_widget": [(affine.controls["X"], f"{v} 2\n3 4") for v in range(10)],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="updates per widget")
    args = parser.parse_args()
    print(f"{'widget':<30} {'median ms':>9} {'max ms':>8}  (budget {BUDGET_MS} ms)")
    for name, moves in cases().items():
        moves[0][0].value = moves[0][1]  # warm up (first draw of a figure is slower)
        times = time_updates(moves, args.repeat)
        flag = "" if max(times) < BUDGET_MS else "  over budget"
        print(f"{name:<30} {statistics.median(times):>9.1f} {max(times):>8.1f}{flag}")


if __name__ == "__main__":
    main()
