"""Computational graphs in the book's style.

    model.py     Graph, Node, Edge: a graph as data, with each edge's value and gradient
    nodes.py     the nodes the book has no layer for (exp, 1/x, log, **2, sum)
    chapter.py   the chapter's graphs, computed by running the real layers
    drawing.py   draw_graph and StepPicture: black values above, red gradients below
    stepper.py   graph_steps: a forward pass node by node, then backward, with each rule
    nudge.py     nudge an input and compare the change of the output with the gradient
    expression.py  the reader's own expression (read with ast, never run) as such a graph
    layout.py    a layered layout: positions, and where each arrow's numbers go
    figures.py   the files of figures/ (python -m common.graph.figures)
"""
