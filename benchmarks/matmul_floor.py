"""The float32 matrix products the training protocol cannot avoid, timed alone.

python benchmarks/matmul_floor.py [--threads N]

The protocol of benchmarks/train_mnist.py needs, whatever the code around them:
10000 forward products x (100, 784) @ W1 (784, 50), 10000 backward products
x.T @ dout (784, 100) @ (100, 50) for dW1, and 18 evaluations of
(60000 + 10000, 784) @ W1 in chunks of 10000 rows (the second layer's products
are 16 times smaller and left out). This script times only those products, on
real MNIST mini-batches gathered outside the timer, and a large square product
for the machine's peak rate. With one BLAS thread, no code doing the protocol's
work on one core can go below the sum; common.training measures accuracy on a
second core, so for it the floor is the training products (forward + dW1).
"""
import argparse
import os
import sys
import time

from arguments import whole_number  # benchmarks/arguments.py

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir)



def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=whole_number(1), default=None,
                        help="BLAS threads (default: OPENBLAS_NUM_THREADS, else all cores)")
    parser.add_argument("--iters", type=whole_number(1), default=10000,
                        help="training iterations (batch 100)")
    args = parser.parse_args(argv)
    if args.threads is not None:  # must be set before numpy loads OpenBLAS
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)

    sys.path.insert(0, ROOT)
    import numpy as np

    from dataset.mnist import load_mnist

    (x_train, _), (x_test, _) = load_mnist(normalize=True)
    rng = np.random.default_rng(0)
    W1 = (0.01 * rng.standard_normal((784, 50))).astype(np.float32)
    dout = (0.01 * rng.standard_normal((100, 50))).astype(np.float32)
    iters, batch, chunk, iter_per_epoch = args.iters, 100, 10000, 600
    # measured at 0, every epoch and after the last iteration (18 times for 10000)
    evals = len(range(0, iters, iter_per_epoch)) + ((iters - 1) % iter_per_epoch != 0)

    forward = backward = 0.0
    clock = time.perf_counter
    for first in range(0, iters, 100):
        masks = rng.integers(0, len(x_train), (min(100, iters - first), batch))
        batches = [x_train[m] for m in masks]  # gathered outside the timer
        for x in batches:
            start = clock()
            x @ W1
            middle = clock()
            x.T @ dout
            forward += middle - start
            backward += clock() - middle
    start = clock()
    for _ in range(evals):
        for data in (x_train, x_test):
            for i in range(0, len(data), chunk):
                data[i:i + chunk] @ W1
    evaluation = clock() - start

    a = rng.standard_normal((2000, 2000), dtype=np.float32)
    a @ a
    start = clock()
    for _ in range(5):
        a @ a
    peak = 5 * 2 * 2000 ** 3 / (clock() - start) / 1e9

    step_flop = 2 * batch * 784 * 50
    rows = [("x @ W1 (forward)", forward, iters * step_flop),
            ("x.T @ dout (dW1)", backward, iters * step_flop),
            ("evaluations", evaluation, evals * 2 * (len(x_train) + len(x_test)) * 784 * 50)]
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(f"BLAS threads: {threads}; peak on a 2000x2000 float32 product: {peak:.0f} GFLOP/s")
    print(f"{'product':<18} {'time_s':>7} {'GFLOP':>6} {'GFLOP/s':>8}")
    for name, seconds, flop in rows:
        print(f"{name:<18} {seconds:>7.2f} {flop / 1e9:>6.1f} {flop / seconds / 1e9:>8.1f}")
    total = sum(seconds for _, seconds, _ in rows)
    total_flop = sum(flop for _, _, flop in rows)
    print(f"training products (forward + dW1): {forward + backward:.2f} s")
    print(f"floor_s={total:.2f} gflop={total_flop / 1e9:.1f} "
          f"at_peak_s={total_flop / 1e9 / peak:.2f}")


if __name__ == "__main__":
    main()
