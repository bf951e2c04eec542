"""The book's package for chapter 5 of 『ゼロから作るDeep Learning』, and the companion's machinery.

The book's modules, plain numpy, as in the book's common/:

    functions.py       sigmoid, relu, softmax, cross_entropy_error, ...
    gradient.py        numerical_gradient (and relative_error, gradient_check)
    layers.py          MulLayer, AddLayer, Relu, Sigmoid, Affine, SoftmaxWithLoss
    two_layer_net.py   TwoLayerNet
    training.py        the mini-batch SGD loop of ch05/train_neuralnet.py

The companion's machinery, in subpackages:

    graph/       computational graphs: the model, drawing, the chapter's figures, the stepper
    widgets/     the interactive views (ipywidgets) of the notebooks
    practice/    exercises for the reader: questions, the purchase exercise, break-it
    labels/      the words of figures, widgets and messages, one table per language
"""
