"""The book's own code path for the same protocol, timed: python benchmarks/book_baseline.py

For comparison with benchmarks/train_mnist.py on the same machine. This re-states
the computations of the book's ch05 (two_layer_net.py, train_neuralnet.py and the
layers they use) with their costs left in on purpose:

- a float64 network (weights from np.random.randn) fed float32 images, so every
  product first converts its input to float64;
- one-hot labels, turned back into labels by argmax inside every loss and accuracy;
- the first Affine layer's backward computes dx, which nobody uses;
- a second forward pass after each update, only to record the loss;
- accuracy on all 60000 (and 10000) images in one product, not in chunks.

Same table and last line as train_mnist.py:
test_acc=... final_test_acc=... time_s=... peak_rss_mb=...
"""
import argparse
import os
import resource
import sys
import time

START = time.perf_counter()
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

import numpy as np  # noqa: E402
from arguments import whole_number  # noqa: E402  (benchmarks/arguments.py)

from dataset.mnist import load_mnist  # noqa: E402


def softmax(x):
    x = x.T
    x = x - np.max(x, axis=0)
    y = np.exp(x) / np.sum(np.exp(x), axis=0)
    return y.T


def cross_entropy_error(y, t):
    t = t.argmax(axis=1)  # one-hot -> labels, every call
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), t] + 1e-7)) / n


class Relu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0  # in place, as in the book
        return dout


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)  # computed for every layer, the first one included
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        return cross_entropy_error(self.y, t)

    def backward(self, dout=1):
        return (self.y - self.t) / self.t.shape[0]


class BookTwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }
        self.layers = [Affine(self.params["W1"], self.params["b1"]), Relu(),
                       Affine(self.params["W2"], self.params["b2"])]
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        y = np.argmax(self.predict(x), axis=1)  # all rows at once
        return np.sum(y == np.argmax(t, axis=1)) / float(x.shape[0])

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        first, second = self.layers[0], self.layers[2]
        return {"W1": first.dW, "b1": first.db, "W2": second.dW, "b2": second.db}



def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iters", type=whole_number(1), default=10000)
    parser.add_argument("--seed", type=whole_number(0, 2**32 - 1), default=0)
    args = parser.parse_args(argv)

    (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, one_hot_label=True)
    np.random.seed(args.seed)
    network = BookTwoLayerNet(784, 50, 10)
    train_size, batch_size, learning_rate = x_train.shape[0], 100, 0.1
    iter_per_epoch = max(train_size // batch_size, 1)

    print(f"{'epoch':>5} {'iter':>6} {'loss':>7} {'train_acc':>9} {'test_acc':>8}")
    for i in range(args.iters):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        grad = network.gradient(x_batch, t_batch)
        for key in ("W1", "b1", "W2", "b2"):
            network.params[key] -= learning_rate * grad[key]
        loss = network.loss(x_batch, t_batch)  # a second forward pass, for the record
        if i % iter_per_epoch == 0:
            train_acc = network.accuracy(x_train, t_train)
            test_acc = network.accuracy(x_test, t_test)
            print(f"{i // iter_per_epoch:>5} {i:>6} {loss:>7.3f} {train_acc:>9.3f} "
                  f"{test_acc:>8.3f}")

    final_test_acc = network.accuracy(x_test, t_test)  # after the last update

    elapsed = time.perf_counter() - START
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"test_acc={test_acc:.4f} final_test_acc={final_test_acc:.4f} "
          f"time_s={elapsed:.2f} peak_rss_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
