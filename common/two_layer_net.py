"""The two-layer network of section 5.7 (the book's ``ch05/two_layer_net.py``)."""
from collections import OrderedDict

import numpy as np

from common.functions import non_finite_rows, target_advice
from common.gradient import numerical_gradient
from common.layers import Affine, Relu, SoftmaxWithLoss


class TwoLayerNet:
    """Affine -> ReLU -> Affine -> SoftmaxWithLoss.

    params: W1 (input_size, hidden_size), b1 (hidden_size,), W2 (hidden_size,
    output_size), b2 (output_size,).  Weights are weight_init_std * N(0, 1) draws
    from np.random (the book's behaviour) or from `rng` when one is given; `dtype`
    is float64 by default, float32 for fast training.
    """

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01,
                 *, rng=None, dtype=np.float64):
        randn = np.random.randn if rng is None else lambda *shape: rng.standard_normal(shape)
        self.params = {}
        self.params['W1'] = (weight_init_std * randn(input_size, hidden_size)).astype(dtype)
        self.params['b1'] = np.zeros(hidden_size, dtype=dtype)
        self.params['W2'] = (weight_init_std * randn(hidden_size, output_size)).astype(dtype)
        self.params['b2'] = np.zeros(output_size, dtype=dtype)

        self.layers = OrderedDict()
        self.layers['Affine1'] = Affine(self.params['W1'], self.params['b1'])
        self.layers['Relu1'] = Relu()
        self.layers['Affine2'] = Affine(self.params['W2'], self.params['b2'])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        """Scores (N, output_size) for x (N, input_size)."""
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        """Batch-mean loss; t one-hot (N, output_size) or labels (N,)."""
        y = self.predict(x)
        return self.lastLayer.forward(y, t)

    def accuracy(self, x, t, batch_size=10000):
        """Fraction of x classified as t, predicted batch_size rows at a time.

        t: labels (N,) or one-hot (N, output_size). NaN or inf in x raise ValueError.
        """
        x, t = np.asarray(x), np.asarray(t)
        if len(t) != len(x):
            raise ValueError(f"accuracy got {len(x)} images but {len(t)} labels: "
                             "pass x and t of the same length")
        outputs = self.params['W2'].shape[1]
        if t.ndim != 1:
            if t.shape != (len(t), outputs):
                raise ValueError(f"accuracy got t of shape {t.shape}: "
                                 + target_advice("t", t.shape, outputs))
            t = np.argmax(t, axis=1)
        correct = 0
        for i in range(0, x.shape[0], batch_size):
            chunk = x[i:i + batch_size]
            if not np.isfinite(chunk).all():
                bad = non_finite_rows(x)
                raise ValueError(f"accuracy got NaN or infinite values in {len(bad)} of the "
                                 f"{len(x)} images of x (the first is x[{bad[0]}]): replace "
                                 "those values, or drop those images and their labels")
            y = self.predict(chunk)
            correct += np.sum(np.argmax(y, axis=1) == t[i:i + batch_size])
        return correct / float(x.shape[0])

    def numerical_gradient(self, x, t):
        """Gradients of the loss by central differences: slow, for checking gradient()."""
        loss_W = lambda W: self.loss(x, t)  # noqa: E731 (the book's form)
        grads = {}
        for key in ('W1', 'b1', 'W2', 'b2'):
            grads[key] = numerical_gradient(loss_W, self.params[key])
        return grads

    def gradient(self, x, t):
        """Gradients of the loss by backpropagation, as a dict like params.

        The loss of this forward pass is left in self.lastLayer.loss.
        """
        # forward
        self.loss(x, t)

        # backward
        dout = 1
        dout = self.lastLayer.backward(dout)
        layers = list(self.layers.values())
        layers.reverse()
        for layer in layers[:-1]:
            dout = layer.backward(dout)
        layers[-1].backward(dout, need_dx=False)  # nobody uses the input's gradient

        grads = {}
        grads['W1'], grads['b1'] = self.layers['Affine1'].dW, self.layers['Affine1'].db
        grads['W2'], grads['b2'] = self.layers['Affine2'].dW, self.layers['Affine2'].db
        return grads
