"""Time the checks of the reader's own layers: what a notebook's check cell computes.

A layer check builds the reader's class, runs every example and writes the
message; a graph check also draws the graph and encodes its PNG, as the cell
shows it. Prints the first (cold) and the median milliseconds of each; a check
should answer within 1 s.

    python benchmarks/check_times.py [--repeat N]
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from arguments import whole_number  # noqa: E402  (benchmarks/arguments.py)

from common import layers  # noqa: E402
from common.practice import breakit  # noqa: E402
from common.practice.checker import KINDS, check_layer  # noqa: E402
from common.practice.graph_check import (  # noqa: E402
    check_affine_graph,
    check_gradient,
    check_purchase_graph,
)
from common.two_layer_net import TwoLayerNet  # noqa: E402

BUDGET_MS = 1000


class MulNotSwapped(layers.MulLayer):
    def backward(self, dout):
        return dout * self.x, dout * self.y


def not_reversed(self, x, t):
    self.loss(x, t)
    dout = self.lastLayer.backward(1)
    for layer in self.layers.values():
        dout = layer.backward(dout)
    return {}


def cases():
    """{name: a function that runs one check as a notebook cell shows it}."""
    found = {f"check_layer:{kind}": (lambda k=kind: check_layer(k, KINDS[k].reference))
             for kind in KINDS}
    found |= {
        "check_layer:affine db mean": lambda: check_layer("affine", breakit.AffineBiasMean),
        "check_layer:relu inverted": lambda: check_layer("relu", breakit.ReluInvertedMask),
        "check_layer:softmax no ÷N": lambda: check_layer(
            "softmax_with_loss", breakit.SoftmaxWithLossNoBatchMean),
    }
    graphs = {
        "purchase_graph:right": lambda: check_purchase_graph(layers.MulLayer, layers.AddLayer),
        "purchase_graph:mul wrong": lambda: check_purchase_graph(MulNotSwapped, layers.AddLayer),
        "affine_graph:db mean": lambda: check_affine_graph(breakit.AffineBiasMean),
        "gradient:right": lambda: check_gradient(TwoLayerNet.gradient),
        "gradient:not reversed": lambda: check_gradient(not_reversed),
    }
    for name, check in graphs.items():
        found[name] = check
        found[name + " +png"] = lambda c=check: c().png()
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=whole_number(0), default=10,
                        help="runs per check after the first")
    args = parser.parse_args()
    print(f"{'check':<34} {'first ms':>9} {'median ms':>9}  (budget: {BUDGET_MS} ms)")
    worst = 0.0
    for name, check in cases().items():
        times = []
        for _ in range(1 + args.repeat):
            start = time.perf_counter()
            check()
            times.append((time.perf_counter() - start) * 1000)
        first, median = times[0], statistics.median(times[1:] or times)
        worst = max(worst, first, median)
        flag = "  over budget" if max(first, median) > BUDGET_MS else ""
        print(f"{name:<34} {first:>9.1f} {median:>9.1f}{flag}")
    print(f"worst_ms={worst:.1f}")


if __name__ == "__main__":
    main()
