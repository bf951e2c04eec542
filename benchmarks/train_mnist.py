"""The chapter's MNIST training protocol, timed: python benchmarks/train_mnist.py

784-50-10 TwoLayerNet, 10000 iterations, batch 100, learning rate 0.1, accuracy on
all 60000 training and 10000 test images every epoch, seeded. Prints the per-epoch
table, then one line: test_acc=... time_s=... peak_rss_mb=...

test_acc is the table's last row, measured after the last iteration (9999; the book's
table stops at 9600). time_s and peak_rss_mb are for the whole process, from the
operating system's accounting.
"""
import argparse
import os
import resource
import sys
import time

START = time.perf_counter()
# One BLAS thread for each of the two Python threads (training, and the accuracy
# measurement that common.training runs beside it): set before numpy loads OpenBLAS.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

import numpy as np  # noqa: E402
from arguments import whole_number  # noqa: E402  (benchmarks/arguments.py)

from common.training import train  # noqa: E402
from common.two_layer_net import TwoLayerNet  # noqa: E402
from dataset.mnist import load_mnist  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    parser.add_argument("--iters", type=whole_number(1), default=10000)
    parser.add_argument("--seed", type=whole_number(0), default=0)
    parser.add_argument("--one-hot", action="store_true",
                        help="one-hot (N, 10) targets, as the book and the notebook use")
    args = parser.parse_args(argv)

    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=args.one_hot)
    if args.dtype == "float64":
        x_train, x_test = x_train.astype(np.float64), x_test.astype(np.float64)
    rng = np.random.default_rng(args.seed)
    network = TwoLayerNet(784, 50, 10, rng=rng, dtype=args.dtype)
    history = train(network, x_train, t_train, x_test, t_test, iters_num=args.iters,
                    batch_size=100, learning_rate=0.1, rng=rng, verbose=True)

    elapsed = time.perf_counter() - START
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"test_acc={history.test_acc[-1]:.4f} time_s={elapsed:.2f} peak_rss_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
