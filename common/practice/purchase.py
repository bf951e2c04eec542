"""Predict, then reveal: the book's 5.3.3 exercise, the backward values of the purchase.

The reader fills in the backward values of the apple and orange graph (figure
5-17 of the book). The answers come from common.graph.chapter.apple_orange_graph,
which runs the real MulLayer and AddLayer.

    >>> results = check_answers({"dAllPrice": "1.1", "dTax": "650", "dApple": "110"})
    >>> results["dTax"].status, results["dApple"].status, results["dOrange"].status
    ('right', 'wrong', 'empty')
"""
import copy
import math
import unicodedata
from dataclasses import dataclass

from common.graph.chapter import apple_orange_graph
from common.labels import check_lang, label

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
    """apple_orange_graph(**inputs) with every gradient: the answer figure."""
    return apple_orange_graph(lang=lang, **inputs)


def purchase_answers(**inputs):
    """{blank name: the gradient on its edge}, computed by the real layers."""
    graph = purchase_graph(**inputs)
    return {name: graph.edge(*edge).grad for name, edge in BLANKS.items()}


def blank_graph(lang="ja", **inputs):
    """The purchase graph with forward values, dPrice = 1, and ① to ⑧ for the other gradients."""
    graph = copy.deepcopy(purchase_graph(lang, **inputs))
    graph.title = label("exercise.title", lang)
    for name, edge in BLANKS.items():
        graph.edge(*edge).grad = MARKS[name]
    return graph


def parse_number(text, lang="ja"):
    """The number a reader typed, as a float: "3.3", " 3.30 ", "３．３" and "−2" are read.

    Raises ValueError with a message in `lang` for text that is not a finite number.
    """
    check_lang(lang)
    cleaned = unicodedata.normalize("NFKC", str(text)).strip().replace("−", "-")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(label("exercise.not_a_number", lang, text=str(text).strip())) from None
    if not math.isfinite(value):
        raise ValueError(label("exercise.not_a_number", lang, text=str(text).strip()))
    return value


def is_right(value, answer):
    """True when value equals answer up to float rounding (3.3 == 3.3000000000000003)."""
    return math.isclose(value, answer, rel_tol=1e-9, abs_tol=1e-12)


def answer_text(answer):
    """The answer as a reader types it: the fewest digits that is_right still accepts.

    Exact where it matters (132.84, not 132.8), without float noise (3.3, not
    3.3000000000000003), and never in powers of ten for a whole price (220).
    """
    answer = float(answer)
    whole = len(str(int(abs(answer))))
    for digits in range(whole, 18):
        text = f"{answer:.{digits}g}"
        if is_right(float(text), answer):
            return "0" if float(text) == 0 else text
    return repr(answer)


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
    upstream = (label("exercise.upstream.given", lang) if (up.src, up.dst) == GIVEN
                else _blank_text(_blank_of(up), lang))
    if graph.nodes[node].kind == "add":
        return label("exercise.hint.add", lang, upstream=upstream)
    other = next(e for e in graph.edges if e.dst == node and e.src != src)
    return label("exercise.hint.mul", lang, upstream=upstream,
                 other=label(f"exercise.input.{_blank_of(other)}", lang))


def _blank_of(edge):
    return next(name for name, ends in BLANKS.items() if ends == (edge.src, edge.dst))


def _blank_text(name, lang):
    """'① (合計金額の勾配)'."""
    return label("exercise.blank", lang, mark=MARKS[name],
                 what=label(f"exercise.input.{name}", lang))


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
            results[name] = Check("empty", label("exercise.empty", lang))
            continue
        try:
            value = parse_number(text, lang)
        except ValueError as error:
            results[name] = Check("invalid", str(error))
            continue
        if is_right(value, answers[name]):
            results[name] = Check("right", label("exercise.right", lang))
            continue
        message = label("exercise.wrong", lang, hint=hint(name, lang, graph))
        up = next(e for e in graph.edges if e.src == BLANKS[name][1])
        if (up.src, up.dst) != GIVEN and results[_blank_of(up)].status != "right":
            message += label("exercise.check_upstream", lang, mark=MARKS[_blank_of(up)])
        results[name] = Check("wrong", message)
    return results
