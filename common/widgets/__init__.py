"""Interactive views (ipywidgets) over the plain functions of common/.

Each factory returns a widget; end a notebook cell with the call to show it.
Every factory takes lang="ja" (default) or "en".

    purchase.py      5.3-5.4  apple_widget, apple_orange_widget, purchase_exercise_widget
    activation.py    5.5      sigmoid_widget, activation_widget
    affine.py        5.6.2    affine_widget
    softmax.py       5.6.3    softmax_graph_widget, softmax_widget
    network.py       5.7      two_layer_net_widget, training_dashboard
    breakit.py       5.7      breakit_widget
    expression.py    5.1-5.5  expression_widget (your own expression as a graph)
    questions.py              question_widget (predict, then reveal)
    checker.py                answer_widget (the answer of a write-it-yourself exercise)
    stepper.py                the stepper of every graph (graph_stepper for any graph)
    parts.py                  the pictures and HTML parts the widgets are built of
    logic.py, training_run.py the numbers the widgets show, as plain functions
"""
from common.widgets.activation import activation_widget, sigmoid_widget
from common.widgets.affine import affine_widget
from common.widgets.breakit import breakit_widget
from common.widgets.checker import answer_widget
from common.widgets.expression import expression_widget
from common.widgets.network import training_dashboard, two_layer_net_widget
from common.widgets.purchase import apple_orange_widget, apple_widget, purchase_exercise_widget
from common.widgets.questions import question_widget
from common.widgets.softmax import softmax_graph_widget, softmax_widget
from common.widgets.stepper import graph_stepper

__all__ = [
    "activation_widget", "affine_widget", "answer_widget", "apple_orange_widget", "apple_widget",
    "breakit_widget", "expression_widget", "graph_stepper", "purchase_exercise_widget",
    "question_widget", "sigmoid_widget", "softmax_graph_widget", "softmax_widget",
    "training_dashboard", "two_layer_net_widget",
]
