"""Predict, then reveal: five questions whose answers the real layers compute.

The questions (5.5 ReLU, 5.6 Affine, 5.6.3 Softmax-with-Loss and the branch rule of
a node used twice, 5.7 the cost of a numerical gradient) each compute their answer
with the real layers:
QUESTIONS[key].answer() is the index of the right choice.

    >>> check_choice("relu_dx", 0, "en")[0]
    True
"""
from dataclasses import dataclass

import numpy as np

from common.graph.model import format_value
from common.labels import label
from common.layers import Affine, MulLayer, Relu, SoftmaxWithLoss
from common.two_layer_net import TwoLayerNet


def _relu_facts():
    relu = Relu()
    relu.forward(np.array([-2.0]))
    dx = float(relu.backward(np.array([3.0]))[0]) + 0.0  # + 0.0: never "-0"
    return {"answer": dx, "dx": f"{dx:g}"}


def _affine_facts():
    X, W, dY = np.ones((3, 2)), np.ones((2, 4)), np.ones((3, 4))
    layer = Affine(W, np.zeros(4))
    layer.forward(X)
    layer.backward(dY)
    return {"answer": layer.dW.shape, "xt": X.T.shape, "dy": dY.shape, "dw": layer.dW.shape}


SOFTMAX_SCORES = (0.3, 2.9, 4.0)  # the book's 3.5 scores (no label there); ours: the last class


def _softmax_facts():
    layer = SoftmaxWithLoss()
    k = len(SOFTMAX_SCORES) - 1
    layer.forward(np.array([SOFTMAX_SCORES]), np.array([k]))
    grad = float(layer.backward(1)[0, k])  # (y - t) / N with N = 1
    sign = {1: "positive", -1: "negative", 0: "zero"}[int(np.sign(grad))]
    return {"answer": sign, "a": str(SOFTMAX_SCORES), "k": k + 1, "y": f"{layer.y[0, k]:.4f}",
            "grad": f"{grad:.4f}"}


BRANCH_X, BRANCH_DOUT = 3.0, 1.0  # z = x · x at x = 3, with the upstream gradient 1


def _branch_facts():
    layer = MulLayer()
    layer.forward(BRANCH_X, BRANCH_X)  # one node, x on both of its inputs
    a, b = layer.backward(BRANCH_DOUT)
    return {"answer": (a, b, a + b), "x": format_value(BRANCH_X),
            "dout": format_value(BRANCH_DOUT), "a": format_value(a), "b": format_value(b),
            "total": format_value(a + b)}


def _numgrad_facts(sizes=(784, 50, 10)):
    net = TwoLayerNet(*sizes)
    n = sum(p.size for p in net.params.values())
    return {"answer": 2 * n, "n": n, "passes": 2 * n}


@dataclass(frozen=True)
class Question:
    """A question with choices. facts() runs the real layers: the right choice is
    facts()["answer"], and the other facts fill in the explanation."""

    key: str
    section: str
    choices: tuple
    facts: object
    choice_label: str = ""  # a label that writes a choice of several numbers (a, b, total)

    def answer(self):
        """The index of the right choice."""
        return self.choices.index(self.facts()["answer"])

    def choice_text(self, value, lang="ja"):
        """How a choice is written: words for "positive" and the like, the choice_label
        for a choice of numbers (a, b, total), else str(value)."""
        if isinstance(value, str):
            return label(f"exercise.choice.{value}", lang)
        if self.choice_label:
            a, b, total = (format_value(v) for v in value)
            return label(self.choice_label, lang, a=a, b=b, total=total)
        return str(value)

    def prompt(self, lang="ja"):
        return label(f"exercise.q.{self.key}.prompt", lang, **self.facts())

    def explanation(self, lang="ja"):
        return label(f"exercise.q.{self.key}.why", lang, **self.facts())


QUESTIONS = {q.key: q for q in (
    Question("relu_dx", "5.5", (0, 3, -6, -2), _relu_facts),
    Question("affine_dw_shape", "5.6", ((3, 4), (2, 4), (4, 2), (3, 2)), _affine_facts),
    Question("softmax_sign", "5.6.3", ("positive", "negative", "zero"), _softmax_facts),
    # the branches not added (one overwrites the other), right, each edge doubled, as an add node
    Question("branch", "5.6.3", ((3, 3, 3), (3, 3, 6), (6, 6, 12), (1, 1, 2)), _branch_facts,
             "exercise.q.branch.choice"),
    Question("numgrad_passes", "5.7", (2, 784, 39760, 79520), _numgrad_facts),
)}


def question(key):
    """QUESTIONS[key], or ValueError naming the questions there are."""
    try:
        return QUESTIONS[key]
    except KeyError:
        raise ValueError(f"unknown question {key!r}: choose one of {', '.join(QUESTIONS)}") \
            from None


def check_choice(key, index, lang="ja"):
    """(right, text) for choice number `index` of question `key`: the verdict and why (the
    right choice itself is shown apart, on its own line)."""
    q = question(key)
    if not (isinstance(index, (int, np.integer)) and 0 <= index < len(q.choices)):
        raise ValueError(f"index must be a choice number from 0 to {len(q.choices) - 1}, "
                         f"got {index!r}")
    right = index == q.answer()
    verdict = label("exercise.choice.right" if right else "exercise.choice.wrong", lang)
    return right, label("exercise.verdict_and_why", lang, verdict=verdict, why=q.explanation(lang))
