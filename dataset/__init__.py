"""Data sets for the notebooks: MNIST (``dataset.mnist.load_mnist``)."""
