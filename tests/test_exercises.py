"""The 5.3.3 fill-in exercise and the prediction questions (common/purchase.py), and their
widgets (common/widgets/), without a browser."""
import re
import warnings

import numpy as np
import pytest

from common import widgets
from common.graph.drawing import draw_graph
from common.labels import LABELS, fields
from common.layers import Affine, MulLayer, Relu, SoftmaxWithLoss
from common.practice import purchase, questions
from common.widgets import logic
from common.widgets.parts import figure_png
from conftest import MISSING_GLYPH, part

BOOK = {"dAllPrice": "1.1", "dTax": "650", "dApplePrice": "1.1", "dOrangePrice": "1.1",
        "dApple": "2.2", "dAppleNum": "110", "dOrange": "3.3", "dOrangeNum": "165"}  # fig. 5-17

# --- the purchase exercise -------------------------------------------------------------------


def test_answers_are_the_books_figure_5_17():
    answers = purchase.purchase_answers()
    assert list(answers) == list(BOOK)
    for name, text in BOOK.items():
        assert answers[name] == pytest.approx(float(text), rel=1e-12)


def test_answers_come_from_the_layers_not_from_constants():
    v = logic.apple_orange_values(apple=90, apple_num=4, orange=120, orange_num=5, tax=1.08)
    answers = purchase.purchase_answers(apple=90, apple_num=4, orange=120, orange_num=5,
                                         tax=1.08)
    assert answers["dApple"] == v["dApple"] and answers["dAppleNum"] == v["dApple_num"]
    assert answers["dOrange"] == v["dOrange"] and answers["dOrangeNum"] == v["dOrange_num"]
    assert answers["dTax"] == v["dTax"] == 90 * 4 + 120 * 5
    assert answers["dAllPrice"] == answers["dApplePrice"] == answers["dOrangePrice"] == 1.08
    assert purchase.purchase_answers()["dOrange"] == 1.1 * 3  # 3.3000000000000003, unrounded


@pytest.mark.parametrize("text, value", [
    ("3.3", 3.3), ("3.30", 3.3), ("  3.3\n", 3.3), ("３．３", 3.3), ("−2", -2.0), ("-2", -2.0),
    ("650", 650.0), ("1e2", 100.0), ("+1.1", 1.1), (".5", 0.5),
])
def test_parse_number_reads_what_a_reader_types(text, value):
    assert purchase.parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "3,3", "1.1.1", "nan", "NaN", "inf", "-", "", "１円",
                                  "1e400", "-1e400", "１ｅ４００", "三", "百十"])
def test_parse_number_names_what_is_not_a_number(text):
    with pytest.raises(ValueError, match=f"「{re.escape(text.strip())}」は数として読めません"):
        purchase.parse_number(text)
    with pytest.raises(ValueError, match="is not a number: write digits"):
        purchase.parse_number(text, "en")


def test_the_books_answers_are_all_right_also_with_float_noise_and_trailing_zeros():
    results = purchase.check_answers(BOOK)
    assert {r.status for r in results.values()} == {"right"}
    near = {**BOOK, "dOrange": "3.3000000000000003", "dAppleNum": "110.00000000000001",
            "dTax": "650.00", "dApple": " 2.20 "}
    assert {r.status for r in purchase.check_answers(near).values()} == {"right"}


def test_wrong_answers_get_the_rule_of_their_node():
    results = purchase.check_answers({**BOOK, "dApplePrice": "2.2", "dApple": "110",
                                       "dTax": "3.31"})
    assert results["dApplePrice"].status == "wrong"
    assert "加算ノードはそのまま下流へ流す" in results["dApplePrice"].message
    assert "① (税抜きの合計金額の勾配)" in results["dApplePrice"].message
    assert results["dApple"].status == "wrong"
    assert "入力を入れ替えた値 (本の「ひっくり返した値」) を掛ける" in results["dApple"].message
    assert "③" in results["dApple"].message and "先に ③ を確かめよう" in results["dApple"].message
    assert "もう一方の入力 (税抜きの合計金額)" in results["dTax"].message
    assert "1 (支払いの勾配)" in results["dTax"].message
    assert results["dAppleNum"].status == "right"  # ③ is wrong, but 110 is right by itself


def test_near_misses_beyond_rounding_are_wrong():
    for name, text in (("dOrange", "3.31"), ("dOrange", "3.2999"), ("dTax", "650.1"),
                       ("dAllPrice", "1")):
        assert purchase.check_answers({**BOOK, name: text})[name].status == "wrong"


@pytest.mark.parametrize("name, rule", [
    ("dAllPrice", "mul"), ("dTax", "mul"), ("dApplePrice", "add"), ("dOrangePrice", "add"),
    ("dApple", "mul"), ("dAppleNum", "mul"), ("dOrange", "mul"), ("dOrangeNum", "mul"),
])
def test_each_hint_names_the_rule_of_the_node_the_edge_enters(name, rule):
    text = purchase.hint(name)
    assert ("乗算ノード" in text) == (rule == "mul") and ("加算ノード" in text) == (rule == "add")
    assert ("A multiplication node" in purchase.hint(name, "en")) == (rule == "mul")
    assert ("An addition node" in purchase.hint(name, "en")) == (rule == "add")


def test_garbage_and_empty_answers_are_told_apart():
    results = purchase.check_answers({"dAllPrice": "1,1", "dTax": "  ", "dApple": "abc"})
    assert results["dAllPrice"].status == "invalid" and "「1,1」" in results["dAllPrice"].message
    assert results["dApple"].status == "invalid"
    assert results["dTax"] == purchase.Check("empty", "未入力")
    assert results["dOrangeNum"].status == "empty"  # not given at all
    with pytest.raises(ValueError, match="unknown blank dPrice: the blanks are dAllPrice"):
        purchase.check_answers({"dPrice": "1"})


def test_blank_graph_keeps_the_forward_values_and_hides_the_gradients():
    blank, full = purchase.blank_graph(), purchase.purchase_graph()
    assert [e.value for e in blank.edges] == [e.value for e in full.edges]
    grads = {(e.src, e.dst): e.grad for e in blank.edges}
    assert grads[purchase.GIVEN] == 1
    assert sorted(grads[edge] for edge in purchase.BLANKS.values()) == list("①②③④⑤⑥⑦⑧")
    assert full.edge("add", "mul_tax").grad == 1.1  # the builder's graph is left alone
    assert blank.title.startswith("練習") and purchase.blank_graph(lang="en").title.startswith(
        "Exercise")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_blank_graph_draws_without_missing_glyphs(lang):
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH)  # only that warning
        assert figure_png(draw_graph(purchase.blank_graph(lang)))[:4] == b"\x89PNG"


# --- the prediction questions ----------------------------------------------------------------

def test_relu_question_answer_is_what_relu_backward_gives():
    relu = Relu()
    relu.forward(np.array([[-2.0, 5.0]]))
    dx = relu.backward(np.array([[3.0, 3.0]]))
    q = questions.question("relu_dx")
    assert q.choices[q.answer()] == dx[0, 0] == 0
    assert q.choices == (0, 3, -6, -2)


def test_affine_question_answer_is_the_shape_of_affine_dw():
    rng = np.random.default_rng(0)
    W = rng.standard_normal((2, 4))
    layer = Affine(W, rng.standard_normal(4))
    layer.forward(rng.standard_normal((3, 2)))
    layer.backward(rng.standard_normal((3, 4)))
    q = questions.question("affine_dw_shape")
    assert q.choices[q.answer()] == layer.dW.shape == W.shape == (2, 4)


@pytest.mark.parametrize("seed", range(5))
def test_softmax_question_answer_is_the_sign_softmax_with_loss_gives(seed):
    rng = np.random.default_rng(seed)
    scores = rng.standard_normal((4, 5)) * 3
    labels = rng.integers(0, 5, 4)
    layer = SoftmaxWithLoss()
    layer.forward(scores, labels)
    grads = layer.backward(1)[np.arange(4), labels]
    assert np.all(grads < 0)
    q = questions.question("softmax_sign")
    assert q.choices[q.answer()] == "negative" and q.choice_text("negative") == "負"


def test_branch_question_adds_the_gradients_of_a_node_used_twice():
    q = questions.question("branch")
    layer = MulLayer()
    assert layer.forward(3.0, 3.0) == 9.0  # z = x · x with x = 3
    dx1, dx2 = layer.backward(1.0)
    assert q.choices[q.answer()] == (dx1, dx2, dx1 + dx2) == (3, 3, 6)  # each edge 3, dz/dx 6
    numeric = (((3 + 1e-4) ** 2) - ((3 - 1e-4) ** 2)) / 2e-4  # dz/dx = 2x
    assert dx1 + dx2 == pytest.approx(numeric)
    assert len(set(q.choices)) == len(q.choices)
    assert q.answer() not in (0, len(q.choices) - 1)  # not where a guess would go first
    assert q.choice_text(q.choices[1]) == "エッジ 1 に 3、エッジ 2 に 3、∂L/∂x = 6"
    assert q.choice_text(q.choices[0], "en") == "edge 1 gets 3, edge 2 gets 3, ∂L/∂x = 3"
    assert "x = 3" in q.prompt() and "上流から ∂L/∂z = 1 が届くとき" in q.prompt()
    assert "∂L/∂z = 1 arrives from upstream" in q.prompt("en")
    for lang in ("ja", "en"):  # one notation (∂), and the notebooks' word for an edge
        text = q.prompt(lang) + q.explanation(lang) + q.choice_text(q.choices[1], lang)
        assert "dz/dx" not in text and "辺" not in text
    assert "∂L/∂x = 3 + 3 = 6 (∂L/∂z × 2x と同じ)" in q.explanation()
    assert "branch rule" in q.explanation("en")
    right, text = questions.check_choice("branch", 0)  # the branches not added
    assert not right and text == "残念、違います。" + q.explanation()


def test_numerical_gradient_question_counts_the_real_forward_passes():
    from common.two_layer_net import TwoLayerNet
    net = TwoLayerNet(6, 4, 3, rng=np.random.default_rng(0))
    calls = []
    loss = net.loss
    net.loss = lambda x, t: calls.append(1) or loss(x, t)
    net.numerical_gradient(np.ones((2, 6)), np.array([0, 2]))
    n = 6 * 4 + 4 + 4 * 3 + 3
    assert len(calls) == questions._numgrad_facts((6, 4, 3))["passes"] == 2 * n
    q = questions.question("numgrad_passes")
    assert q.choices[q.answer()] == 79520 == 2 * (784 * 50 + 50 + 50 * 10 + 10)
    assert "2 × 39760 = 79520" in q.explanation()


@pytest.mark.parametrize("key", list(questions.QUESTIONS))
def test_check_choice_says_right_or_gives_the_answer(key):
    q = questions.question(key)
    right, text = questions.check_choice(key, q.answer())
    assert right and text.startswith("正解!") and q.explanation() in text
    wrong = (q.answer() + 1) % len(q.choices)
    right, text = questions.check_choice(key, wrong, "en")
    assert not right
    # the verdict, then why: the right choice is shown on its own line, not repeated here
    assert text == f"Incorrect. {q.explanation('en')}"


def test_explanations_carry_the_layers_numbers():
    assert "(2, 3) · (3, 4) → (2, 4)" in questions.question("affine_dw_shape").explanation()
    assert "dx = 0。" in questions.question("relu_dx").explanation()
    assert "y_k − t_k = -0.2634" in questions.question("softmax_sign").explanation()


def test_softmax_sign_question_asks_before_it_tells():
    """The prompt leaves y_k − t_k to the answer; the answer speaks of the parameters moving,
    not of gradient descent moving a score, and names the correct class as the notebook's."""
    q = questions.question("softmax_sign")
    for lang in ("ja", "en"):
        assert "y_k" not in q.prompt(lang) and "∂L/∂a_k" in q.prompt(lang)
        # one question, which the choices answer: the sign, not whether L goes up or down
        assert q.prompt(lang).count("?") == 1 and "増える" not in q.prompt(lang)
        assert "up or down" not in q.prompt(lang)
    assert "3.5" in q.explanation() and "このノートブックで正解 k = 3 を選んだ" in q.explanation()
    assert "a_k は大きくなる" not in q.explanation()
    assert "正解のクラスのスコアが上がる向きに重みとバイアスが変わる" in q.explanation()
    assert "k = 3 chosen as the correct class in this notebook" in q.explanation("en")
    assert "raises a_k" not in q.explanation("en")


def test_bad_question_and_choice_are_named():
    with pytest.raises(ValueError, match="unknown question 'sigmoid': choose one of relu_dx"):
        questions.question("sigmoid")
    with pytest.raises(ValueError, match="index must be a choice number from 0 to 3, got 4"):
        questions.check_choice("relu_dx", 4)


def test_every_label_exists_in_both_languages_with_the_same_fields():
    keys = {key for key in LABELS["ja"] if key.startswith("exercise.")}
    assert keys == {key for key in LABELS["en"] if key.startswith("exercise.")}
    for key in keys:
        assert fields(key, "ja") == fields(key, "en"), key
    for q in questions.QUESTIONS.values():
        assert {f"exercise.q.{q.key}.prompt", f"exercise.q.{q.key}.why"} <= keys
    assert all(f"exercise.input.{name}" in keys for name in purchase.BLANKS)
    with pytest.raises(KeyError, match="no label 'exercise.choice.maybe' for lang='ja'"):
        questions.QUESTIONS["softmax_sign"].choice_text("maybe")
    with pytest.raises(ValueError, match="lang must be one of 'ja', 'en'"):
        purchase.check_answers(BOOK, lang="de")


# --- the widgets, headless ---------------------------------------------------------------------

def _text(html_widget):
    return re.sub(r"<[^>]+>", "", html_widget.value).replace("&#x27;", "'")


def _lines(html_widget):
    return dict(line.split(": ", 1) for line in _text(html_widget).splitlines() if ": " in line)


def test_purchase_widget_marks_answers_and_reveals_them():
    view = widgets.purchase_exercise_widget()
    assert "explore-widget" in view._dom_classes
    image, values, message = (part(view, c) for c in
                              ("explore-plot", "explore-values", "explore-message"))
    blank_png = image.value
    assert blank_png[:4] == b"\x89PNG" and values.value == ""
    boxes, marks = view.controls["boxes"], view.controls["marks"]
    assert boxes["dAllPrice"].description == "① dAllPrice"
    for name, text in BOOK.items():
        boxes[name].value = text
    boxes["dOrange"].value = "3.3000000000000003"
    boxes["dApple"].value = "110"
    boxes["dTax"].value = "abc"
    view.controls["check"].click()
    assert _text(marks["dOrange"]) == "○ 正解"
    assert _text(marks["dApple"]).startswith("× 違います。ヒント: 乗算ノードは入力を入れ替え")
    assert _text(marks["dTax"]).startswith("? 「abc」は数として読めません")
    assert _lines(values)["dAllPrice"] == "正解" and "正解 6 / 8" in message.value
    assert image.value == blank_png  # checking does not give the answers away
    view.controls["reveal"].click()
    assert _lines(values) == {name: text for name, text in BOOK.items()}
    assert _text(marks["dApple"]) == "× 答え: 2.2" and _text(marks["dOrange"]) == "○ 答え: 3.3"
    assert image.value != blank_png and image.value[:4] == b"\x89PNG"


def _reveal_and_type_back(**inputs):
    """The answers the widget reveals for inputs, and the marks when they are typed back."""
    view = widgets.purchase_exercise_widget(**inputs)
    view.controls["reveal"].click()
    shown = _lines(part(view, "explore-values"))
    for name, box in view.controls["boxes"].items():
        box.value = shown[name]
    view.controls["check"].click()
    return shown, {name: _text(mark) for name, mark in view.controls["marks"].items()}


def test_revealed_answers_are_exact():
    shown, marks = _reveal_and_type_back(apple=123, tax=1.08)
    assert shown["dAppleNum"] == "132.84" and shown["dOrange"] == "3.24"  # not 132.8
    assert set(marks.values()) == {"○ 正解"}
    assert _reveal_and_type_back()[0] == BOOK  # float noise stays hidden: 3.3, not 3.3000...03


def test_revealed_answers_typed_back_are_right_for_any_inputs():
    rng = np.random.default_rng(12)
    for _ in range(40):
        scale = 10.0 ** rng.integers(-8, 9)
        inputs = {name: float(rng.choice([round(rng.uniform(-300, 300), rng.integers(0, 4)),
                                           rng.uniform(-1, 1) * scale, int(rng.integers(0, 11))]))
                  for name in ("apple", "apple_num", "orange", "orange_num")}
        inputs["tax"] = float(rng.choice([round(rng.uniform(1, 1.5), 2), rng.uniform(0, 2)]))
        shown, marks = _reveal_and_type_back(**inputs)
        assert set(marks.values()) == {"○ 正解"}, (inputs, shown, marks)


def test_purchase_widget_in_english_with_other_prices():
    view = widgets.purchase_exercise_widget(lang="en", apple=50, tax=1.2)
    view.controls["boxes"]["dAppleNum"].value = "60"  # 1.2 × 50
    view.controls["boxes"]["dApple"].value = "2"
    view.controls["check"].click()
    assert _text(view.controls["marks"]["dAppleNum"]) == "✓ correct"  # ○ is Japanese
    assert _text(view.controls["marks"]["dApple"]).startswith("✗ incorrect. Hint: A multiplication")
    assert view.controls["check"].description == "Check"
    with pytest.raises(ValueError, match="apple must be a number"):
        widgets.purchase_exercise_widget(apple="many")


def test_question_widget_reveals_only_after_a_choice():
    view = widgets.question_widget("relu_dx")
    values, message = part(view, "explore-values"), part(view, "explore-message")
    choice = view.controls["choice"]
    assert choice.value is None and [o[0] for o in choice.options] == ["0", "3", "-6", "-2"]
    view.controls["reveal"].click()
    assert values.value == "" and "まず答えを選んでから" in _text(message)
    choice.value = 1  # 3
    assert values.value == ""  # choosing alone does not reveal
    view.controls["reveal"].click()
    assert _lines(values) == {"答え": "0"} and _text(message).startswith("× 残念、違います。x = -2")
    assert "0" not in _text(message).split("。")[0]  # the answer is not said twice
    choice.value = 0
    assert _text(message).startswith("○ 正解!")


def test_question_widget_marks_its_verdict_in_the_editions_way():
    for lang, (good, bad) in (("ja", ("○", "×")), ("en", ("✓", "✗"))):
        view = widgets.question_widget("branch", lang)
        message = part(view, "explore-message")
        view.controls["choice"].value = 2
        view.controls["reveal"].click()
        assert _text(message).startswith(f"{bad} ")
        answer = questions.question("branch").choice_text((3, 3, 6), lang)
        assert answer in part(view, "explore-values").value and answer not in _text(message)
        view.controls["choice"].value = 1
        assert _text(message).startswith(f"{good} ")
        assert "○" not in _text(message) or lang == "ja"


@pytest.mark.parametrize("key", list(questions.QUESTIONS))
def test_every_question_has_a_widget_in_both_languages(key):
    for lang, reveal in (("ja", "答えを見る"), ("en", "Show the answer")):
        view = widgets.question_widget(key, lang)
        q = questions.question(key)
        assert view.controls["reveal"].description == reveal
        assert q.prompt(lang) in _text(view.children[0])
        view.controls["choice"].value = q.answer()
        view.controls["reveal"].click()
        assert part(view, "explore-message").value != ""
