"""Predict, then reveal: the book's 5.3.3 exercise and three prediction questions, as data.

The purchase exercise: the reader fills in the backward values of the apple and
orange graph (figure 5-17 of the book). The answers come from
common.figures.apple_orange_graph, which runs the real MulLayer and AddLayer.

    >>> results = check_answers({"dAllPrice": "1.1", "dTax": "650", "dApple": "110"})
    >>> results["dTax"].status, results["dApple"].status, results["dOrange"].status
    ('right', 'wrong', 'empty')

The questions (5.5 ReLU, 5.6 Affine, 5.6.3 Softmax-with-Loss, 5.7 the cost of a
numerical gradient) each compute their
answer with the real layers: QUESTIONS[key].answer() is the index of the right choice.
"""
import copy
import math
import unicodedata
from dataclasses import dataclass

import numpy as np

from common.figures import apple_orange_graph
from common.labels import check_lang
from common.layers import Affine, Relu, SoftmaxWithLoss
from common.two_layer_net import TwoLayerNet

# --- 5.3.3: the backward values of the apple and orange purchase ---------------------------

BLANKS = {  # name -> the (src, dst) edge of apple_orange_graph, in the order to work them out
    "dAllPrice": ("add", "mul_tax"),
    "dTax": ("tax", "mul_tax"),
    "dApplePrice": ("mul_apple", "add"),
    "dOrangePrice": ("mul_orange", "add"),
    "dApple": ("apple", "mul_apple"),
    "dAppleNum": ("apple_num", "mul_apple"),
    "dOrange": ("orange", "mul_orange"),
    "dOrangeNum": ("orange_num", "mul_orange"),
}
GIVEN = ("mul_tax", "price")  # dPrice = 1, the start of backpropagation
MARKS = dict(zip(BLANKS, "①②③④⑤⑥⑦⑧", strict=True))
STATUSES = ("right", "wrong", "invalid", "empty")


def purchase_graph(lang="ja", **inputs):
    """figures.apple_orange_graph(**inputs) with every gradient: the answer figure."""
    return apple_orange_graph(lang=lang, **inputs)


def purchase_answers(**inputs):
    """{blank name: the gradient on its edge}, computed by the real layers."""
    graph = purchase_graph(**inputs)
    return {name: graph.edge(*edge).grad for name, edge in BLANKS.items()}


def blank_graph(lang="ja", **inputs):
    """The purchase graph with forward values, dPrice = 1, and ① to ⑧ for the other gradients."""
    graph = copy.deepcopy(purchase_graph(lang, **inputs))
    graph.title = label("title.exercise", lang)
    for name, edge in BLANKS.items():
        graph.edge(*edge).grad = MARKS[name]
    return graph


def parse_number(text, lang="ja"):
    """The number a reader typed, as a float: "3.3", " 3.30 ", "３．３" and "−2" are read.

    Raises ValueError with a message in `lang` for text that is not a finite number.
    """
    cleaned = unicodedata.normalize("NFKC", str(text)).strip().replace("−", "-")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(label("not_a_number", lang, text=str(text).strip())) from None
    if not math.isfinite(value):
        raise ValueError(label("not_a_number", lang, text=str(text).strip()))
    return value


def is_right(value, answer):
    """True when value equals answer up to float rounding (3.3 == 3.3000000000000003)."""
    return math.isclose(value, answer, rel_tol=1e-9, abs_tol=1e-12)


@dataclass(frozen=True)
class Check:
    """The result for one blank: status ("right", "wrong", "invalid", "empty") and a message."""

    status: str
    message: str


def hint(name, lang="ja", graph=None):
    """Which rule gives blank `name`: the node its edge enters, and what that node does."""
    graph = purchase_graph(lang) if graph is None else graph
    if name not in BLANKS:
        raise ValueError(f"unknown blank {name!r}: choose one of {', '.join(BLANKS)}")
    src, node = BLANKS[name]
    up = next(e for e in graph.edges if e.src == node)
    upstream = (label("upstream.given", lang) if (up.src, up.dst) == GIVEN
                else _blank_text(_blank_of(up), lang))
    if graph.nodes[node].kind == "add":
        return label("hint.add", lang, upstream=upstream)
    other = next(e for e in graph.edges if e.dst == node and e.src != src)
    return label("hint.mul", lang, upstream=upstream, other=label(f"input.{_blank_of(other)}",
                                                                   lang))


def _blank_of(edge):
    return next(name for name, ends in BLANKS.items() if ends == (edge.src, edge.dst))


def _blank_text(name, lang):
    """'① (合計金額の勾配)'."""
    return label("blank", lang, mark=MARKS[name], what=label(f"input.{name}", lang))


def check_answers(texts, lang="ja", **inputs):
    """{blank name: Check} for the texts a reader typed ({blank name: text}; missing = empty).

    A wrong answer gets the hint of its rule, and a note when the blank it
    depends on is wrong too.
    """
    unknown = set(texts) - set(BLANKS)
    if unknown:
        raise ValueError(f"unknown blank {', '.join(sorted(unknown))}: the blanks are "
                         f"{', '.join(BLANKS)}")
    graph = purchase_graph(lang, **inputs)
    answers = {name: graph.edge(*edge).grad for name, edge in BLANKS.items()}
    results = {}
    for name in BLANKS:  # upstream blanks come first
        text = str(texts.get(name, "")).strip()
        if not text:
            results[name] = Check("empty", label("empty", lang))
            continue
        try:
            value = parse_number(text, lang)
        except ValueError as error:
            results[name] = Check("invalid", str(error))
            continue
        if is_right(value, answers[name]):
            results[name] = Check("right", label("right", lang))
            continue
        message = label("wrong", lang, hint=hint(name, lang, graph))
        up = next(e for e in graph.edges if e.src == BLANKS[name][1])
        if (up.src, up.dst) != GIVEN and results[_blank_of(up)].status != "right":
            message += label("check_upstream", lang, mark=MARKS[_blank_of(up)])
        results[name] = Check("wrong", message)
    return results


# --- prediction questions ------------------------------------------------------------------------

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


SOFTMAX_SCORES = (0.3, 2.9, 4.0)  # the book's example scores; the correct class is the last


def _softmax_facts():
    layer = SoftmaxWithLoss()
    k = len(SOFTMAX_SCORES) - 1
    layer.forward(np.array([SOFTMAX_SCORES]), np.array([k]))
    grad = float(layer.backward(1)[0, k])  # (y - t) / N with N = 1
    sign = {1: "positive", -1: "negative", 0: "zero"}[int(np.sign(grad))]
    return {"answer": sign, "a": str(SOFTMAX_SCORES), "k": k + 1, "y": f"{layer.y[0, k]:.4f}",
            "grad": f"{grad:.4f}"}


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

    def answer(self):
        """The index of the right choice."""
        return self.choices.index(self.facts()["answer"])

    def choice_text(self, value, lang="ja"):
        """How a choice is written: words for "positive" and the like, else str(value)."""
        return label(f"choice.{value}", lang) if isinstance(value, str) else str(value)

    def prompt(self, lang="ja"):
        return label(f"q.{self.key}.prompt", lang)

    def explanation(self, lang="ja"):
        return label(f"q.{self.key}.why", lang, **self.facts())


QUESTIONS = {q.key: q for q in (
    Question("relu_dx", "5.5", (0, 3, -6, -2), _relu_facts),
    Question("affine_dw_shape", "5.6", ((3, 4), (2, 4), (4, 2), (3, 2)), _affine_facts),
    Question("softmax_sign", "5.6.3", ("positive", "negative", "zero"), _softmax_facts),
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
    """(right, text) for choice number `index` of question `key`: the verdict and why."""
    q = question(key)
    if not (isinstance(index, (int, np.integer)) and 0 <= index < len(q.choices)):
        raise ValueError(f"index must be a choice number from 0 to {len(q.choices) - 1}, "
                         f"got {index!r}")
    answer = q.answer()
    right = index == answer
    verdict = (label("choice.right", lang) if right else
               label("choice.wrong", lang, answer=q.choice_text(q.choices[answer], lang)))
    return right, label("verdict_and_why", lang, verdict=verdict, why=q.explanation(lang))


# --- words ----------------------------------------------------------------------------------------

LABELS = {  # same shape as common.labels.LABELS; to move there
    "ja": {
        "title.exercise": "練習: 逆伝播の値 ①〜⑧ を求めよう (支払いの勾配は 1)",
        "input.dAllPrice": "合計金額",
        "input.dTax": "消費税",
        "input.dApplePrice": "リンゴの金額",
        "input.dOrangePrice": "みかんの金額",
        "input.dApple": "リンゴの値段",
        "input.dAppleNum": "リンゴの個数",
        "input.dOrange": "みかんの値段",
        "input.dOrangeNum": "みかんの個数",
        "blank": "{mark} ({what}の勾配)",
        "upstream.given": "1 (支払いの勾配)",
        "hint.add": "加算ノードはそのまま流す: 上流から来た勾配 {upstream} がそのまま流れる。",
        "hint.mul": "乗算ノードは入力を入れ替えて掛ける: 上流から来た勾配 {upstream} に、"
                    "もう一方の入力 ({other}) を掛ける。",
        "check_upstream": "その上流の {mark} も正しくないので、先に {mark} を確かめよう。",
        "right": "正解",
        "wrong": "違います。ヒント: {hint}",
        "empty": "未入力",
        "not_a_number": "「{text}」は数として読めません。1.1 や 650 のように数字で書いてください。",
        "button.check": "答え合わせ",
        "button.reveal": "答えを見る",
        "button.reveal_one": "答えを見る",
        "score": "正解 {right} / {total}",
        "answer": "答え",
        "revealed": "答え: {answer}",
        "choose_first": "まず答えを選んでから「答えを見る」を押してください。",
        "choice.positive": "正",
        "choice.negative": "負",
        "choice.zero": "0",
        "choice.right": "正解!",
        "choice.wrong": "残念、答えは {answer}。",
        "verdict_and_why": "{verdict}{why}",
        "q.relu_dx.prompt": "ReLU の入力 x = -2 のとき、逆伝播で下流へ流れる勾配 dx は? (dout = 3)",
        "q.relu_dx.why": "x = -2 ≤ 0 なので順伝播で 0 にされ、逆伝播でもマスクが勾配を止める: "
                         "dout が 3 でも dx = {dx}。",
        "q.affine_dw_shape.prompt": "X の形が (3, 2)、W の形が (2, 4) のとき、∂L/∂W の形は?",
        "q.affine_dw_shape.why": "∂L/∂W = Xᵀ · ∂L/∂Y は {xt} · {dy} → {dw}: "
                                 "パラメータの勾配はパラメータ W と同じ形。",
        "q.softmax_sign.prompt": "正解ラベルのクラスのスコア a_k の勾配 y_k − t_k の符号は?",
        "q.softmax_sign.why": "y_k < 1 = t_k なので y_k − t_k は負 (本の例 a = {a}、正解 k = {k} "
                              "では y_k = {y}、y_k − t_k = {grad}): 勾配降下で a_k は大きくなる。",
        "q.numgrad_passes.prompt": "784-50-10 の TwoLayerNet で、数値微分で勾配を 1 回求めるには、"
                                   "順伝播 (損失の計算) が何回必要?",
        "q.numgrad_passes.why": "パラメータ {n} 個のそれぞれを +h と -h に動かして"
                                "損失を 2 回ずつ求めるので 2 × {n} = {passes} 回。"
                                "誤差逆伝播法なら順伝播 1 回と逆伝播 1 回で済む。",
    },
    "en": {
        "title.exercise": "Exercise: find the backward values ① to ⑧ (the price's gradient is 1)",
        "input.dAllPrice": "the total",
        "input.dTax": "the tax",
        "input.dApplePrice": "the apples' cost",
        "input.dOrangePrice": "the oranges' cost",
        "input.dApple": "the apple price",
        "input.dAppleNum": "the apple count",
        "input.dOrange": "the orange price",
        "input.dOrangeNum": "the orange count",
        "blank": "{mark} (the gradient of {what})",
        "upstream.given": "1 (the gradient of the price)",
        "hint.add": "An add node passes the gradient on unchanged: the upstream gradient "
                    "{upstream} flows through as it is.",
        "hint.mul": "A mul node swaps its inputs: multiply the upstream gradient {upstream} by "
                    "the other input ({other}).",
        "check_upstream": " The blank above it, {mark}, is not right either: check {mark}"
                          " first.",
        "right": "right",
        "wrong": "not right. Hint: {hint}",
        "empty": "not filled in",
        "not_a_number": "\"{text}\" is not a number: write digits, such as 1.1 or 650.",
        "button.check": "Check",
        "button.reveal": "Show the answers",
        "button.reveal_one": "Show the answer",
        "score": "{right} of {total} right",
        "answer": "answer",
        "revealed": "answer: {answer}",
        "choose_first": "Choose an answer first, then press \"Show the answer\".",
        "choice.positive": "positive",
        "choice.negative": "negative",
        "choice.zero": "0",
        "choice.right": "Right!",
        "choice.wrong": "Not quite: the answer is {answer}.",
        "verdict_and_why": "{verdict} {why}",
        "q.relu_dx.prompt": "The ReLU's input is x = -2. What gradient dx flows downstream in "
                            "backward? (dout = 3)",
        "q.relu_dx.why": "x = -2 <= 0 was set to 0 going forward, and the mask stops the gradient "
                         "going backward: dx = {dx} although dout is 3.",
        "q.affine_dw_shape.prompt": "X has shape (3, 2) and W has shape (2, 4). What is the shape "
                                    "of ∂L/∂W?",
        "q.affine_dw_shape.why": "∂L/∂W = Xᵀ · ∂L/∂Y is {xt} · {dy} → {dw}: a parameter's "
                                 "gradient has the parameter's shape.",
        "q.softmax_sign.prompt": "What is the sign of y_k − t_k, the gradient of the score a_k of "
                                 "the correct class?",
        "q.softmax_sign.why": "y_k < 1 = t_k, so y_k − t_k is negative (the book's example "
                              "a = {a} with k = {k} gives y_k = {y}, y_k − t_k = {grad}): "
                              "gradient descent raises a_k.",
        "q.numgrad_passes.prompt": "For a 784-50-10 TwoLayerNet, how many forward passes (loss "
                                   "evaluations) does one numerical gradient take?",
        "q.numgrad_passes.why": "Each of the {n} parameters is moved by +h and by -h, one loss "
                                "each: 2 × {n} = {passes}. Backpropagation needs one forward and "
                                "one backward pass.",
    },
}


def label(key, lang="ja", **fields):
    """The text for `key` in `lang` from LABELS, with {fields} filled in."""
    check_lang(lang)
    text = LABELS[lang][key]
    return text.format(**fields) if fields else text
