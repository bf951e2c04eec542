"""Predict, then reveal: a question with choices, the verdict and why."""
import html

import ipywidgets as widgets

from common.labels import check_lang, label
from common.practice import questions
from common.widgets.parts import (
    RIGHT,
    WRONG,
    explore_box,
    message_html,
    text_parts,
    values_html,
)


def question_widget(key, lang="ja"):
    """One question of questions.QUESTIONS: choose, then press "答えを見る".

    The answer and its one-line explanation appear only after a choice is made,
    the verdict marked ○/× (✓/✗ in English); changing the choice afterwards
    updates the verdict.
    """
    check_lang(lang)
    q = questions.question(key)
    prompt = widgets.HTML(f"<b>{html.escape(q.prompt(lang))}</b>")
    choice = widgets.RadioButtons(
        options=[(q.choice_text(value, lang), k) for k, value in enumerate(q.choices)],
        value=None)
    reveal = widgets.Button(description=label("exercise.button.reveal_one", lang))
    values, message = text_parts()
    state = {"revealed": False}

    def update(change=None):
        if not state["revealed"]:
            return
        if choice.value is None:
            message.value = message_html(label("exercise.choose_first", lang), WRONG)
            state["revealed"] = False
            return
        right, text = questions.check_choice(key, choice.value, lang)
        answer = q.choice_text(q.choices[q.answer()], lang)
        values.value = values_html([(label("exercise.answer", lang), answer)], wrap=True)
        mark = label("mark.right" if right else "mark.wrong", lang)  # ○/× or ✓/✗
        message.value = message_html(f"{mark} {text}", RIGHT if right else WRONG)

    def on_reveal(button=None):
        state["revealed"] = True
        update()

    choice.observe(update, names="value")
    reveal.on_click(on_reveal)
    return explore_box([prompt, choice, reveal, values, message],
                       controls={"choice": choice, "reveal": reveal}, update=update)
