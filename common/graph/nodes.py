"""Nodes the book draws but has no layer for (exp, 1/x, log, **2, a sum of many inputs).

Each is a small class in the style of common.layers: forward(x) keeps what
backward needs, backward(dout) returns dout times the local derivative.
"""
import math


class ExpNode:
    """y = exp(x); dy/dx = exp(x) = y."""

    def forward(self, x):
        self.out = math.exp(x)
        return self.out

    def backward(self, dout):
        return dout * self.out


class ReciprocalNode:
    """The '/' node: y = 1 / x; dy/dx = -1/x**2 = -y**2."""

    def forward(self, x):
        self.out = 1.0 / x
        return self.out

    def backward(self, dout):
        return dout * -(self.out ** 2)


class LogNode:
    """y = log(x); dy/dx = 1/x."""

    def forward(self, x):
        self.x = x
        return math.log(x)

    def backward(self, dout):
        return dout / self.x


class SquareNode:
    """The '**2' node: y = x**2; dy/dx = 2x."""

    def forward(self, x):
        self.x = x
        return x ** 2

    def backward(self, dout):
        return dout * 2 * self.x


class SumNode:
    """The '+' node with any number of inputs; each input gets dout unchanged."""

    def forward(self, *xs):
        self.n = len(xs)
        return sum(xs)

    def backward(self, dout):
        return (dout,) * self.n


class PowerNode:
    """The '**n' node for a whole number n: y = x**n; dy/dx = n * x**(n - 1)."""

    def __init__(self, n):
        self.n = n

    def forward(self, x):
        self.x = x
        return x ** self.n

    def backward(self, dout):
        return dout * self.n * self.x ** (self.n - 1)
