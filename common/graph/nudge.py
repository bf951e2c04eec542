"""Check a purchase graph's gradients by nudging one input and paying again.

    >>> from common.graph.chapter import apple_graph
    >>> nudge_checks(apple_graph)[0].text
    'リンゴの値段を +1 円 → 支払い 220 → 222.2 (勾配 2.2 × 1 = 2.2 のとおり)'
"""
import inspect
from dataclasses import dataclass

from common.graph.model import format_value
from common.labels import check_lang, label

STEPS = {"apple": 1, "apple_num": 1, "orange": 1, "orange_num": 1, "tax": 0.01}


@dataclass(frozen=True)
class Nudge:
    """Input `name` moved by `step`: the price before and after, and what the gradient said."""

    name: str
    step: float
    before: float
    after: float
    grad: float
    text: str

    @property
    def change(self):
        return self.after - self.before

    @property
    def predicted(self):
        return self.grad * self.step


def nudge_checks(builder, lang="ja", **inputs):
    """One Nudge per input of `builder` (apple_graph or apple_orange_graph) at `inputs`.

    The price is linear in each input, so the change equals gradient × step exactly
    (up to rounding).
    """
    check_lang(lang)
    defaults = {name: p.default for name, p in inspect.signature(builder).parameters.items()
                if name in STEPS}
    unknown = set(inputs) - set(defaults)
    if unknown:
        raise TypeError(f"{builder.__name__} has no input {', '.join(sorted(unknown))}; "
                        f"its inputs are {', '.join(defaults)}")
    now = defaults | inputs
    graph = builder(**now)
    before = _price(graph)
    checks = []
    for name, step in STEPS.items():
        if name not in now:
            continue
        after = _price(builder(**(now | {name: float(now[name]) + step})))
        grad = next(e.grad for e in graph.edges if e.src == name)
        text = label("nudge", lang, input=label(f"nudge.{name}", lang), step=f"{step:+g}",
                     h=f"{step:g}", unit=label(f"unit.{name}", lang), before=format_value(before),
                     after=format_value(after), grad=format_value(grad),
                     predicted=format_value(grad * step))
        checks.append(Nudge(name, step, before, after, grad, text))
    return checks


def _price(graph):
    return next(e.value for e in graph.edges if e.dst == "price")
