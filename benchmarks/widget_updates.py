"""Time the updates of each widget: compute with the layers, redraw the PNG, set the texts.

Each update is what happens in the kernel when a reader moves a control: the
widget's observer runs once, PNG encoding included. For a stepper, "step" is a
move to another step (◀ / ▶, the step slider or play) and "slider" is a move of
an input at every step in turn, the last ones showing every number. For the
expression widget, "new" is a new expression typed in: read, laid out and drawn
(its budget is NEW_MS). Prints the median and the worst milliseconds per widget
and kind of move.

    python benchmarks/widget_updates.py [--repeat N]
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from arguments import whole_number  # noqa: E402  (benchmarks/arguments.py)

from common import widgets  # noqa: E402

MEDIAN_MS, WORST_MS = 50, 100  # the budget of one update
NEW_MS, NEW_WORST_MS = 200, 400  # the budget of a new expression in expression_widget

EXPRESSION = "L = c * (1 / (1 + exp(-(w1 * x1 + w2 * x2 + w3 * x3 + b))) - t) ** 2 / {k}"
EXPRESSION_VALUES = {"c": 0.5, "w1": 0.5, "x1": 1.0, "w2": -0.3, "x2": 2.0, "w3": 0.8,
                     "x3": -1.0, "b": 0.1, "t": 1.0}  # 15 nodes: a neuron and its squared error


def time_updates(moves, repeat):
    """Milliseconds of each of `repeat` control changes, cycling through `moves`.

    A move is (control, value) or (control, value, (other control, its value)):
    the other control is set first, untimed (to time a slider move at a step).
    """
    times = []
    for i in range(repeat):
        control, value, *before = moves[i % len(moves)]
        for other, other_value in before:
            other.value = other_value
        start = time.perf_counter()
        control.value = value  # runs the widget's observer, as a slider move does
        times.append((time.perf_counter() - start) * 1000)
    return times


def stepper_moves(view, inputs):
    """{"step": moves through every step and back, "slider": `inputs` at every step in turn}."""
    index = view.stepper.index
    there_and_back = [*range(1, index.max + 1), *range(index.max - 1, 1, -1)]
    return {"step": [(index, k) for k in there_and_back],
            "slider": [(*move, (index, 1 + k % index.max)) for k, move in enumerate(inputs)]}


def cases():
    """{name: [(control, value), ...]}: the moves timed for each widget."""
    apple = widgets.apple_widget()
    apple_orange = widgets.apple_orange_widget()
    sigmoid = widgets.sigmoid_widget()
    affine = widgets.affine_widget()
    softmax_graph = widgets.softmax_graph_widget()
    cross_entropy = widgets.softmax_graph_widget()
    cross_entropy.controls["graph"].value = "cross_entropy"
    net = widgets.two_layer_net_widget()
    expression = widgets.expression_widget(EXPRESSION.format(k=2), **EXPRESSION_VALUES)
    steppers = {
        "apple_widget": (apple, [(apple.controls["apple"], v) for v in range(90, 150, 3)]),
        "apple_orange_widget": (apple_orange, [(apple_orange.controls["orange"], v)
                                               for v in range(140, 200, 3)]),
        "sigmoid_widget": (sigmoid, [(sigmoid.controls["x"], v / 10)
                                     for v in range(-50, 50, 7)]),
        "affine_widget": (affine, [(affine.controls["X"], f"{v} 2\n3 4\n5 {v % 3}")
                                   for v in range(20)]),
        "softmax_graph_widget": (softmax_graph, [
            *((softmax_graph.controls["a0"], v / 10) for v in range(-40, 40, 7)),
            *((softmax_graph.controls["label"], k % 3) for k in range(4))]),
        "softmax_graph_widget:CE": (cross_entropy, [(cross_entropy.controls["a1"], v / 10)
                                                    for v in range(-40, 40, 7)]),
        "two_layer_net_widget": (net, []),
        "expression_widget": (expression, [(expression.controls["w1"], v / 10)
                                           for v in range(-40, 40, 7)]),
    }
    moves = {}
    for name, (view, inputs) in steppers.items():
        for kind, kind_moves in stepper_moves(view, inputs).items():
            if kind_moves:
                moves[f"{name}:{kind}"] = kind_moves
    activation = widgets.activation_widget()
    relu = widgets.activation_widget()
    relu.controls["kind"].value = "ReLU"
    softmax = widgets.softmax_widget()
    typed = widgets.expression_widget(EXPRESSION.format(k=2), **EXPRESSION_VALUES)
    moves["expression_widget:new"] = [(typed.controls["expression"], EXPRESSION.format(k=k))
                                      for k in range(3, 200)]  # each one new
    return moves | {
        "activation_widget:Sigmoid": [(activation.controls["x"], v / 10)
                                      for v in range(-50, 50, 7)],
        "activation_widget:ReLU": [(relu.controls["x"], v / 10) for v in range(-50, 50, 7)],
        "softmax_widget": [(softmax.controls["logits"][0], v / 10) for v in range(-40, 40, 7)],
    }



def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=whole_number(1), default=40,
                        help="updates per widget and move")
    args = parser.parse_args()
    print(f"{'widget:move':<34} {'median ms':>9} {'max ms':>8}  "
          f"(budget: median {MEDIAN_MS} ms, max {WORST_MS} ms; a new expression "
          f"{NEW_MS} and {NEW_WORST_MS} ms)")
    for name, moves in cases().items():
        control, value, *_ = moves[-1]
        control.value = value  # warm up (the first draws of a figure are slower)
        times = time_updates(moves, args.repeat)
        median, worst = statistics.median(times), max(times)
        budget = (NEW_MS, NEW_WORST_MS) if name.endswith(":new") else (MEDIAN_MS, WORST_MS)
        flag = "" if median <= budget[0] and worst <= budget[1] else "  over budget"
        print(f"{name:<34} {median:>9.1f} {worst:>8.1f}{flag}")


if __name__ == "__main__":
    main()
