"""The English table: key -> text."""

LABELS = {
    "apple": "apple",
    "apple_price": "apple price",
    "apple_num": "apple count",
    "orange": "orange",
    "orange_price": "orange price",
    "orange_num": "orange count",
    "tax": "consumption tax",
    "price": "price",
    "title.apple.forward": "Apple purchase: forward pass",
    "title.apple.backward": "Apple purchase: forward pass (black) and backward pass (red)",
    "title.apple_orange.forward": "Apple and orange purchase: forward pass",
    "title.apple_orange.backward": "Apple and orange purchase: forward pass (black) and "
                                   "backward pass (red)",
    "title.apple_first": "Apple purchase with \"×2\" and \"×1.1\" nodes"
                         " (the first form of the graph)",
    "title.chain_rule": "Chain rule: z = (x + y)**2",
    "title.add_node": "Addition node: the upstream gradient passes on unchanged",
    "title.mul_node": "Multiplication node: the upstream gradient times the other input",
    "title.sigmoid": "Sigmoid: y = 1 / (1 + exp(-x))",
    "caption.sigmoid": "∂L/∂x = ∂L/∂y · y(1 - y) = {dx}   "
                       "(Sigmoid().backward gives {dx_layer})",
    "title.sigmoid_simple": "Sigmoid, simplified: one sigmoid node",
    "caption.sigmoid_simple": "∂L/∂x = ∂L/∂y · y(1 - y) = {dout} × {y} × (1 - {y}) = {dx}   "
                              "(the four-node graph gives {dx_graph})",
    "title.affine_single": "Affine, one input row: Y = X · W + b",
    "caption.affine_single": "shapes (N = {N}, D = {D}, M = {M}) of a real Affine "
                             "layer's values",
    "title.affine_batch": "Affine, a batch of N rows: Y = X · W + b",
    "caption.affine_batch": "shapes (N = {N}, D = {D}, M = {M}) of a real Affine layer's "
                            "values;  ∂L/∂b = np.sum(∂L/∂Y, axis=0)",
    "title.cross_entropy": "Cross-Entropy Error: L = -Σₖ tₖ log yₖ",
    "caption.cross_entropy": "y = softmax(a), a = {a} (as in the Softmax figure); "
                             "L = {loss}  (cross_entropy_error gives {loss_function})\n"
                             "∂L/∂yₖ = -tₖ / yₖ flows back into the Softmax layer",
    "title.softmax": "Softmax: yₖ = exp(aₖ) / S,  S = Σᵢ exp(aᵢ)",
    "caption.softmax": "1/S = {r} flows from the / node to every × node.\n"
                       "∂L/∂aₖ = yₖ - tₖ = {da}   (SoftmaxWithLoss().backward() × N gives "
                       "{layer})",
    "title.two_layer_net": "Two-layer net: Affine → ReLU → Affine → Softmax-with-Loss",
    "caption.two_layer_net": "TwoLayerNet({D}, {H}, {M}) on N = {N} samples (seed {seed})."
                             " On the arrows: shape and the start of row 1.  L = {loss}",
    "data": "data",
    "label": "labels",
    "loss": "loss",
    "phase.forward": "forward pass",
    "phase.backward": "backward pass",
    "phase.chain": "summary",
    "and": "; ",
    "end": ". ",
    "rule.start.forward": "start from the inputs: {inputs}",
    "rule.start.joiner": ", ",
    "grad.of": "the gradient of {name}",
    "rule.start.backward": "start from the output: {grads}",
    "rule.branch": "branch: add the {n} gradients {expr} = {out}",
    "rule.mul.forward": "multiplication node: {expr} = {out}",
    "rule.mul.backward": "multiplication node: {parts}",
    "rule.mul.part": "upstream {dout} × local derivative (the other input) {other} = {grad}",
    "rule.mul.named": "{name} gets {part}",
    "rule.add.forward": "addition node: {expr} = {out}",
    "rule.add.backward": "addition node: upstream {dout} × local derivative 1 = {grad}"
                         " (passed on unchanged)",
    "rule.scale.forward": "multiplication node: {x} × {c} = {out}",
    "rule.scale.backward": "multiplication node: upstream {dout} × local derivative (the"
                           " constant) {c} = {grad}",
    "rule.sigmoid.forward": "sigmoid node: 1 / (1 + exp(-{x})) = {out}",
    "rule.sigmoid.backward": "sigmoid node: upstream {dout} × local derivative y(1 - y) = "
                             "{dout} × {local} = {grad}",
    "rule.chain": "chain rule: {parts}",
    "rule.input": "input",
    "rule.output": "output",
    "rule.exp.forward": "exp node: exp({x}) = {out}",
    "rule.exp.backward": "exp node: upstream {dout} × local derivative exp({t}) = {dout} ×"
                         " {local} = {grad}",
    "rule.reciprocal.forward": "/ node: 1 / {x} = {out}",
    "rule.reciprocal.backward": "/ node: upstream {dout} × local derivative -{y}² = {dout} ×"
                                " {local} = {grad}",
    "rule.log.forward": "log node: log({x}) = {out}",
    "rule.log.backward": "log node: upstream {dout} × local derivative 1/{t} = {dout} ×"
                         " {local} = {grad}",
    "rule.square.forward": "**2 node: {x}² = {out}",
    "rule.square.backward": "**2 node: upstream {dout} × local derivative 2{t} = {dout} ×"
                            " {local} = {grad}",
    "rule.dot.forward": "dot node: X · W  {x}·{w} → {out}",
    "rule.dot.backward": "dot node: ∂L/∂X = ∂L/∂Y · Wᵀ  {dout}·{wt} → {dx}; "
                         "∂L/∂W = Xᵀ · ∂L/∂Y  {xt}·{dout} → {dw}",
    "rule.bias_add.forward": "addition node: X · W + b  {x} + {b} → {out} (b added to every row)",
    "rule.bias_add.backward": "addition node: the upstream gradient {dout} passes to X · W "
                              "unchanged; "
                              "b gets the sum over the N rows, np.sum(∂L/∂Y, axis=0)  "
                              "{dout} → {db}",
    "rule.affine.forward": "Affine: Y = X · W + b  {x}·{w} + {b} → {out}",
    "rule.affine.backward": "Affine: ∂L/∂X = ∂L/∂Y · Wᵀ  {dout}·{wt} → {dx}; "
                            "∂L/∂W = Xᵀ · ∂L/∂Y  {xt}·{dout} → {dw}",
    "rule.affine.backward_first": "Affine: ∂L/∂W = Xᵀ · ∂L/∂Y  {xt}·{dout} → {dw} "
                                  "(the first layer's ∂L/∂X is never used, so not computed)",
    "rule.relu.forward": "ReLU: the values of 0 or less ({zeros} of the {size}) are set to 0",
    "rule.relu.backward": "ReLU: where the forward pass gave 0 ({zeros} values), the gradient"
                          " becomes 0; the rest pass the upstream gradient on unchanged",
    "rule.softmax_with_loss.forward": "Softmax-with-Loss: y = softmax(a) and the labels t "
                                      "give the loss L = {out}",
    "rule.softmax_with_loss.backward": "Softmax-with-Loss: ∂L/∂a = (y - t) / N  → {grad}"
                                       " (row 1 {row})",
    "nudge.apple": "apple price",
    "nudge.apple_num": "apple count",
    "nudge.orange": "orange price",
    "nudge.orange_num": "orange count",
    "nudge.tax": "consumption tax",
    "unit.apple": " yen",
    "unit.apple_num": "",
    "unit.orange": " yen",
    "unit.orange_num": "",
    "unit.tax": "",
    "nudge": "{input} {step}{unit} → price {before} → {after} "
             "(as the gradient says: {grad} × {h} = {predicted})",
    "ui.back": "◀ Back",
    "ui.next": "Next ▶",
    "ui.play": "Play",
    "ui.step": "step",
    "ui.whole": "Show all",
    "ui.whole.line": "Both passes: every forward (black) and backward (red) value",
    "ui.changed": "Bold: the values that changed with the last move.",
    "ui.not_a_number": "{name} is {value}, not a number: set it to a value from {lo} to {hi}",
    "ui.cannot_compute": "Cannot compute: {error}",
    "ui.graph": "graph",
    "ui.label_t": "label t",
    "ui.layer": "layer",
    "slider.apple": "apple price",
    "slider.apple_num": "apple count",
    "slider.orange": "orange price",
    "slider.orange_num": "orange count",
    "slider.tax": "consumption tax",
    "graph.softmax": "Softmax",
    "graph.cross_entropy": "Cross-Entropy Error",
    "plot.activation.title": "{kind} and its tangent at x",
    "plot.activation.curve": "y = f(x)",
    "plot.activation.tangent": "tangent (slope = local derivative)",
    "note.activation": "dx = dout × local derivative: the backward pass multiplies the"
                       " upstream gradient by the slope of the curve at x (the local"
                       " derivative).",
    "ui.local_derivative": "local derivative",
    "plot.softmax.probabilities": "probabilities y and target t",
    "plot.softmax.gradient": "gradient ∂L/∂a = y - t",
    "plot.class": "class",
    "affine.hint": "Edit a box, then click outside it. Rows on separate lines, numbers split"
                   " by spaces. dX has the shape of X, dW the shape of W.",
    "affine.db": "db = sum of dout over axis 0 →",
    "dash.learning_rate": "learning rate",
    "dash.hidden_size": "hidden-layer neurons",
    "dash.batch_size": "batch size",
    "dash.iters": "iterations",
    "dash.weight_scale": "initial weight scale",
    "dash.train": "Train",
    "dash.stop": "Stop",
    "dash.check": "Gradient check",
    "dash.progress": "progress",
    "dash.status": "status",
    "dash.iteration": "iteration",
    "dash.train_acc": "train_acc",
    "dash.test_acc": "test_acc",
    "dash.training": "Training...",
    "dash.checking": "Checking: numerical gradients of every parameter take a few seconds...",
    "dash.check.title": "backprop vs numerical gradient (float64 copy, 3 images):",
    "dash.check.failed": "Gradient check failed: {error}",
    "status.ready": "ready",
    "status.running": "running",
    "status.done": "done",
    "status.stopped": "stopped",
    "status.diverged": "diverged",
    "status.failed": "failed",
    "plot.loss.title": "loss",
    "plot.iteration": "iteration",
    "plot.minibatch_loss": "mini-batch loss",
    "plot.accuracy": "accuracy",
    "plot.accuracy.title": "accuracy (first {n} images)",
    "plot.train": "train",
    "plot.test": "test",
    "run.done": "Done after {n} iterations: train_acc={train:.3f} test_acc={test:.3f}"
                " (all {n_train} / {n_test} images)",
    "run.stopped": "Stopped after {n} iterations: train_acc={train:.3f} test_acc={test:.3f}"
                   " (all {n_train} / {n_test} images)",
    "run.diverged": "Training diverged at iteration {iteration}: the loss became inf or nan."
                    " The learning rate {rate:g} is far too large; try a smaller one"
                    " (the book uses 0.1).",
    "run.failed": "Training failed: {error}",
    "warn.chance": "Test accuracy {accuracy:.3f} stayed at chance level (always guessing the"
                   " most common class scores {chance:.3f})",
    "warn.dead": "{fraction:.0%} of the hidden units never activate",
    "warn.loss_rose": "the loss rose from {first:.3g} to {last:.3g}",
    "warn.evidence_joiner": " and ",
    "warn.rate_too_large": "{fact}; the learning rate is probably too large: {evidence}."
                           " Try a smaller one (the book uses 0.1).",
    "warn.too_short": "{fact} after {n} iterations, but the loss is going down ({first:.3f} to"
                      " {last:.3f}): training has only begun. Train for more"
                      " iterations.",
    "error.matrix.empty": "{name} is empty: type numbers such as '1 2; 3 4'",
    "error.matrix.not_a_number": "{name}, row {row}: {entry} is not a number"
                                 " (write numbers like 0.5 or -2, split by spaces or commas)",
    "error.matrix.not_finite": "{name}, row {row}: use finite numbers (no inf or nan)",
    "error.matrix.ragged": "{name}: row {row} has {count} numbers but row 1 has {first};"
                           " every row needs the same count",
    "error.affine.not_matrices": "X, W and dout must be matrices (rows of numbers)",
    "error.affine.inner": "X has {cols} columns but W has {rows} rows: X·W needs them equal"
                          " (X is {x}, W is {w})",
    "error.affine.bias": "b needs one row of {m} numbers (one per column of W), got shape"
                         " {shape}",
    "error.affine.dout": "dout must have the shape of Y = X·W + b, {shape}, got {got}",
    "error.affine.overflow": "{name} is too large for float64 (beyond about 1.8e308): use"
                             " smaller numbers in X, W, b and dout",
    "breakit.verdict.ok": "correct",
    "breakit.verdict.suspect": "suspicious",
    "breakit.verdict.bug": "bug",
    "breakit.bug.none": "no bug",
    "breakit.bug.softmax_no_batch_mean": "Softmax: forget / batch_size",
    "breakit.bug.relu_inverted_mask": "ReLU: mask inverted",
    "breakit.bug.relu_in_place": "ReLU: writes into dout (the book's code)",
    "breakit.bug.affine_db_mean": "Affine: db as a mean, not a sum",
    "breakit.bug.affine_dw_swapped": "Affine: dW = dout.T · x",
    "breakit.bug.affine_dx_no_transpose": "Affine: dx without W's transpose",
    "breakit.bands": "relative error < {ok:g}: correct,  {ok:g} to {bug:g}: suspicious,  "
                     "> {bug:g}: bug",
    "breakit.broken.none": "nothing breaks",
    "breakit.table.header": "bug",
    "breakit.code": "correct: {right}\nbuggy: {wrong}",
    "breakit.in_place.harmless": "In TwoLayerNet this bug does no harm: the dout the ReLU gets "
                                 "is a new array made by Affine2's backward, and nothing else "
                                 "reads it. Turn on the skip connection: then the ReLU and the "
                                 "skip both use the same dout, and the write spoils a "
                                 "gradient.",
    "breakit.in_place.harmful": "With h + ReLU(h), the gradient of h is the ReLU's "
                                "backward(dz) + dz (the branch rule). The ReLU writes zeros "
                                "into dz, so the dz added after it is spoiled too.",
    "breakit.skip": "skip connection h + ReLU(h) (the ResNet form of the book's chapter 8)",
    "breakit.net.plain": "TwoLayerNet({size}, {size}, {size}), batch {batch}, float64",
    "breakit.net.skip": "TwoLayerNet({size}, {size}, {size}) + skip connection, batch {batch}, "
                        "float64",
    "breakit.plot.title": "Backprop vs numerical gradient: relative error",
    "breakit.plot.ylabel": "relative error (log scale)",
    "exercise.title": "Exercise: find the backward values ① to ⑧ (the price's "
                               "gradient is 1)",
    "exercise.input.dAllPrice": "the total before tax",
    "exercise.input.dTax": "the consumption tax",
    "exercise.input.dApplePrice": "the apples' cost",
    "exercise.input.dOrangePrice": "the oranges' cost",
    "exercise.input.dApple": "the apple price",
    "exercise.input.dAppleNum": "the apple count",
    "exercise.input.dOrange": "the orange price",
    "exercise.input.dOrangeNum": "the orange count",
    "exercise.blank": "{mark} (the gradient of {what})",
    "exercise.upstream.given": "1 (the gradient of the price)",
    "exercise.hint.add": "An addition node passes the upstream gradient {upstream} on "
                         "unchanged.",
    "exercise.hint.mul": "A multiplication node multiplies the upstream gradient {upstream} by "
                         "the other input ({other}): each input gets the other's value.",
    "exercise.check_upstream": " The box upstream of it, {mark}, is incorrect too: check"
                               " {mark} first.",
    "exercise.right": "correct",
    "mark.right": "✓",
    "mark.wrong": "✗",
    "exercise.wrong": "incorrect. Hint: {hint}",
    "exercise.empty": "not filled in",
    "exercise.not_a_number": "\"{text}\" is not a number: write digits, such as 1.1 or 650.",
    "exercise.button.check": "Check",
    "exercise.button.reveal": "Show the answers",
    "exercise.button.reveal_one": "Show the answer",
    "exercise.score": "{right} of {total} correct",
    "exercise.answer": "answer",
    "exercise.revealed": "answer: {answer}",
    "exercise.choose_first": "Choose an answer first, then press \"Show the answer\".",
    "exercise.choice.positive": "positive",
    "exercise.choice.negative": "negative",
    "exercise.choice.zero": "0",
    "exercise.choice.right": "Correct!",
    "exercise.choice.wrong": "Incorrect.",
    "exercise.verdict_and_why": "{verdict} {why}",
    "exercise.q.relu_dx.prompt": "The ReLU's input is x = -2. What gradient dx flows "
                                 "downstream in the backward pass? (dout = 3)",
    "exercise.q.relu_dx.why": "x = -2 ≤ 0, so the forward pass set it to 0, and the mask stops"
                              " the gradient in the backward pass: although dout is 3,"
                              " dx = {dx}.",
    "exercise.q.affine_dw_shape.prompt": "X has shape (3, 2) and W has shape (2, 4). What is "
                                         "the shape of ∂L/∂W?",
    "exercise.q.affine_dw_shape.why": "∂L/∂W = Xᵀ · ∂L/∂Y is {xt} · {dy} → {dw}: a parameter's "
                                      "gradient has the parameter's shape.",
    "exercise.q.softmax_sign.prompt": "In the Softmax-with-Loss layer, a_k is the score of the"
                                      " correct class k. What is the sign of the loss's"
                                      " gradient ∂L/∂a_k?",
    "exercise.q.softmax_sign.why": "∂L/∂a_k = y_k − t_k, and for the correct class t_k = 1 while "
                                   "y_k < 1, so it is negative (with the scores a = {a} of the "
                                   "book's 3.5 and k = {k} chosen as the correct class in this "
                                   "notebook, y_k = {y}, y_k − t_k = {grad}). A larger a_k lowers "
                                   "the loss. Gradient descent moves the parameters against their "
                                   "gradients, so the weights and biases change in the direction "
                                   "that raises the correct class's score.",
    "exercise.q.numgrad_passes.prompt": "For a 784-50-10 TwoLayerNet, how many forward passes "
                                        "(loss evaluations) does one numerical gradient take?",
    "exercise.q.branch.prompt": "z = x · x is computed by one multiplication node (x branches"
                                " into both of its inputs). With x = {x}, when ∂L/∂z = {dout}"
                                " arrives from upstream, what flows back along each of the two"
                                " edges, and what is ∂L/∂x?",
    "exercise.q.branch.choice": "edge 1 gets {a}, edge 2 gets {b}, ∂L/∂x = {total}",
    "exercise.q.branch.why": "The multiplication node sends each edge upstream × the other input"
                             " = {dout} × {x}, so both edges get {a}. x branches into the two"
                             " edges, so their gradients add (the branch rule):"
                             " ∂L/∂x = {a} + {b} = {total}, which is ∂L/∂z × 2x.",
    "exercise.q.numgrad_passes.why": "Each of the {n} parameters is moved by +h and by -h, one "
                                     "loss each: 2 × {n} = {passes}. Backpropagation needs one "
                                     "forward and one backward pass.",
    # the checker of the reader's own layers (common/practice/checker.py, graph_check.py)
    "check.title": "Checking {name}",
    "check.ok": "Correct: forward's return value and {grads} equal those of common.layers'"
                " {reference} {examples}.",
    "check.examples.both": "on both examples",
    "check.examples.all": "on all {n} examples",
    "check.unchecked": "{mark}: not checked yet",
    "check.wrong": "Incorrect: {names}.",
    "check.wrong_some_right": "Incorrect: {names} ({right}: correct).",
    "check.example": "Example {k} of {of}:",
    "check.forward_value": "forward's return value",
    "check.expected": "expected {name}",
    "check.got": "your {name}",
    "check.shape_of": "an array of shape {shape}",
    "check.not_a_number": "{type} (not a number or an array)",
    "check.hint": "Hint: {text}",
    "check.hint.return": "Does backward end with return {what}?",
    "check.hint.set_attr": "Put the gradient in self.{name} in backward (TwoLayerNet reads it"
                           " from there).",
    "check.hint.dout": "Did you forget to multiply by the upstream gradient dout? Backward"
                       " multiplies the local derivative by the gradient from upstream (dout is"
                       " not always 1).",
    "check.hint.mul.swapped": "A multiplication node multiplies the upstream gradient by the"
                              " other input: dx = dout · y and dy = dout · x.",
    "check.hint.mul.like_add": "That is the backward of an addition node. A multiplication"
                               " node multiplies the upstream gradient by the other input.",
    "check.hint.add.like_mul": "That is the backward of a multiplication node. An addition node"
                               " passes the upstream gradient on unchanged (no input value"
                               " multiplies it).",
    "check.hint.relu.inverted": "The mask is the wrong way round: self.mask is True where"
                                " x <= 0. The gradient becomes 0 where the mask is True; elsewhere"
                                " dout flows on unchanged.",
    "check.hint.relu.no_mask": "Where forward set the output to 0 (x <= 0), backward sets the"
                               " gradient to 0 too.",
    "check.hint.sigmoid.from_input": "The y of y(1 - y) is the Sigmoid's output (self.out, kept"
                                     " by forward), not its input x.",
    "check.hint.affine.db_mean": "db is dout summed over the N rows (np.sum(dout, axis=0)), not"
                                 " their mean: dividing by N is Softmax-with-Loss's job.",
    "check.hint.affine.db_sum": "db has b's shape (M,): sum dout over its N rows (axis=0).",
    "check.hint.affine.db_axis": "Sum along the other axis: summing over axis=0 (the N rows)"
                                 " gives b's shape (M,).",
    "check.hint.affine.transpose": "The shape is transposed: check the order of the product and"
                                   " where the .T goes, by the shapes. dx is (N, M)·(M, D) →"
                                   " (N, D), dW is (D, N)·(N, M) → (D, M). A gradient always has"
                                   " its variable's shape.",
    "check.hint.affine.shapes": "The shapes of the matrices do not fit. Check them: dx = dout · Wᵀ"
                                " is (N, M)·(M, D) → (N, D), dW = xᵀ · dout is (D, N)·(N, M) →"
                                " (D, M).",
    "check.hint.affine.divided": "No division by N here: Softmax-with-Loss already takes the"
                                 " batch mean with (y - t) / N.",
    "check.hint.softmax.batch": "Did you forget to divide by the batch size N? The loss is the"
                                " mean over N samples, so its gradient is divided by N too. N is"
                                " the number of rows (self.t.shape[0]).",
    "check.hint.softmax.classes": "Divided by the wrong number: N is the number of samples (the"
                                  " rows, self.t.shape[0]), not the number of classes (the"
                                  " columns).",
    "check.hint.softmax.sign": "The sign is flipped: it is y - t, not t - y.",
    "check.hint.import": "Run {code} first.",
    "check.rule.mul": "A multiplication node multiplies the upstream gradient dout by the other"
                      " input: ∂L/∂x = dout · y, ∂L/∂y = dout · x. backward returns (dx, dy).",
    "check.rule.add": "An addition node passes the upstream gradient dout on to both inputs"
                      " unchanged: ∂L/∂x = dout · 1, ∂L/∂y = dout · 1. backward returns"
                      " (dx, dy).",
    "check.rule.relu": "ReLU passes dout on unchanged where x > 0 in the forward pass and gives"
                       " 0 where x <= 0 (with the mask self.mask kept by forward).",
    "check.rule.sigmoid": "The Sigmoid's local derivative is y(1 - y), with y its output"
                          " self.out: dx = dout · y(1 - y).",
    "check.rule.affine": "Affine: dx = dout · Wᵀ, dW = xᵀ · dout, db = dout summed over the N"
                         " rows (axis=0). Put dW and db in self.dW and self.db, and return dx.",
    "check.rule.softmax_with_loss": "Softmax-with-Loss: dx = (y - t) / N (y the softmax output,"
                                    " t the one-hot target, N the batch size).",
    "check.rule.mul.forward": "forward returns x * y and keeps x and y for backward"
                              " (self.x = x).",
    "check.rule.add.forward": "forward returns x + y.",
    "check.rule.relu.forward": "forward returns x with 0 where x <= 0, and keeps those places"
                               " in the mask self.mask.",
    "check.rule.sigmoid.forward": "forward returns 1 / (1 + exp(-x)) and keeps it in"
                                  " self.out.",
    "check.rule.affine.forward": "forward returns np.dot(x, self.W) + self.b and keeps x in"
                                 " self.x.",
    "check.rule.softmax_with_loss.forward": "forward keeps t and y = softmax(x), and returns"
                                            " the loss cross_entropy_error(y, t).",
    "check.signature": "{method} takes other arguments than in the book, where it is"
                       " def {signature}:.",
    "check.missing_method": "{cls} has no {method}: write def {signature}:.",
    "check.not_implemented": "{method} is not written yet (NotImplementedError). Write {method}"
                             " first. {rule}",
    "check.not_implemented.backward": "{method} is not written yet (NotImplementedError)."
                                      " Replace the line raise NotImplementedError with code"
                                      " that {returns}, then run the class's cell and this one"
                                      " again. {section}",
    "check.returns_none.backward": "backward returned None: it is not written yet, or its"
                                   " return is missing. backward is to {returns}. {section}",
    "check.todo.returns.mul": "returns dx and dy, the gradients of x and y (return dx, dy)",
    "check.todo.returns.add": "returns dx and dy, the gradients of x and y (return dx, dy)",
    "check.todo.returns.relu": "returns dx, the gradient of x (return dx)",
    "check.todo.returns.sigmoid": "returns dx, the gradient of x (return dx)",
    "check.todo.returns.affine": "puts the gradients of W and b in self.dW and self.db, and"
                                 " returns dx, the gradient of x (return dx)",
    "check.todo.returns.softmax_with_loss": "returns dx, the gradient of the scores x"
                                            " (return dx)",
    "check.todo.section.mul": "5.3.2 explains the multiplication node's backward pass.",
    "check.todo.section.add": "5.3.1 explains the addition node's backward pass.",
    "check.todo.section.relu": "5.5.1 explains the ReLU layer's backward pass.",
    "check.todo.section.sigmoid": "5.5.2 explains the Sigmoid layer's backward pass.",
    "check.todo.section.affine": "5.6.2 explains the Affine layer's backward pass (for a"
                                 " batch).",
    "check.todo.section.softmax_with_loss": "5.6.3 explains the Softmax-with-Loss layer's"
                                            " backward pass.",
    "check.returns_none": "{method} returned None: it is not written yet, or its return is"
                          " missing. {rule}",
    "check.exception": "{method} failed at its line {line}:\n    {code}\n{error}",
    "check.exception.no_code": "{method} failed at its line {line}: {error}",
    "check.exception.outside": "Calling {method} failed: {error}",
    "check.missing_attribute": "Line {line} of {method} reads self.{attr}, which has not been"
                               " set. Set it in {where}: self.{attr} = ... (as in self.x = x).",
    "check.none_attributes": "After forward, self.{attrs} is still None: keep it in forward"
                             " (self.{first} = ...).",
    "check.count": "backward returns two gradients: return dx, dy. Yours returned {got}.",
    "check.count.values": "{n} values",
    "check.count.one": "one value, {value}",
    "check.not_a_class": "Pass the class itself, without (): check_layer(\"{kind}\", {name})."
                         " You passed {got}.",
    "check.note.dout_in_place": "Note: backward writes into the dout it was given (as the"
                                " book's Relu does with dout[self.mask] = 0). This layer's"
                                " gradient is correct, but where the same dout is used elsewhere"
                                " too (a branch), that gradient breaks. Write into"
                                " dx = dout.copy(), or use np.where.",
    "check.note.input_in_place": "Note: forward writes into the input it was given, which"
                                 " changes the caller's array too. Write into a copy, as"
                                 " out = x.copy().",
    "check.skeleton.todo": "write this: the gradients downstream from the upstream gradient"
                           " dout",
    "check.graph.none": "nothing",
    "check.graph.should_be": "(should be {value})",
    "check.graph.legend": "Purple: the node where the error enters, and its incorrect"
                          " gradients (✗ yours, the correct value in brackets). Grey, dashed:"
                          " gradients that carry the error on from upstream",
    "check.graph.ok": "Every gradient is correct (all {n} arrows carry the reference layers'"
                      " values).",
    "check.graph.enters": "The error enters at {node}: it receives the right upstream"
                          " gradient {upstream}, but gives incorrect gradients downstream.",
    "check.graph.edge": "  {edge}: should be {expected}, yours is {got}",
    "check.graph.inherited": "Downstream, {edges} carry this error on (no new error enters"
                             " there).",
    "check.graph.inherited.one": "Downstream, {edges} carries this error on (no new error"
                                 " enters there).",
    "list.and": " and ",
    "check.graph.also": "(Given the correct upstream gradient, {nodes} would give incorrect"
                        " gradients too: the same class is at work there.)",
    "check.graph.forward": "At {node}, {cls}.forward should return {expected}, but yours"
                           " returns {got}. Fix forward first, with check_layer(\"{kind}\","
                           " {cls}).",
    "check.graph.grad_of": "the gradient of {name}",
    "check.graph.grads_of": "the gradients of {names}",
    "check.graph.title.purchase": "Backward with {mul} and {add}: the apple and orange"
                                  " purchase",
    "check.graph.title.affine": "Backward with {name}: the Affine layer (N = 3, D = 2, M = 4)",
    "check.graph.title.gradient": "Backward with gradient: the layers of TwoLayerNet",
    "check.node.mul_apple": "the apples' × node",
    "check.node.mul_orange": "the oranges' × node",
    "check.node.add": "the + node",
    "check.node.mul_tax": "the tax's × node",
    "check.node.dot": "the dot node (X · W)",
    "check.node.bias_add": "the + node (adding b)",
    "check.loop.not_a_function": "Pass the function gradient (def gradient(self, x, t): ...) or"
                                 " a subclass of TwoLayerNet. You passed {got}.",
    "check.loop.not_implemented": "gradient is not written yet (NotImplementedError). Fill in"
                                  " the two places marked \"write this\" (the forward pass and"
                                  " the backward pass) and delete the line raise"
                                  " NotImplementedError, then run gradient's cell and this one"
                                  " again. The text above the exercise says what the loop"
                                  " does.",
    "check.loop.not_dict": "gradient returns the dictionary grads (return grads). It returned"
                           " {got}.",
    "check.loop.first_wrong": "Counting from the output side, the first layer whose downstream"
                              " gradient is incorrect is {node} (the upstream gradient"
                              " {upstream} it got is correct).",
    "check.loop.order": "Your gradient called backward in this order: {calls}\n"
                        "The right order (from the output): {expected}",
    "check.loop.returned": "what {layer}.backward returns",
    "check.loop.hint.no_forward": "Run the forward pass before the backward pass: calling"
                                  " self.loss(x, t) first makes every layer keep what its"
                                  " backward needs (x, the mask).",
    "check.loop.hint.no_last_layer": "Start with dout = self.lastLayer.backward(1) and pass its"
                                     " result on, beginning with Affine2.",
    "check.loop.hint.not_reversed": "The backward pass goes from the output to the input: call"
                                    " the layers in reverse order (layers ="
                                    " list(self.layers.values()), then layers.reverse()).",
    "check.loop.hint.not_chained": "Pass what each layer's backward returns on to the next"
                                   " layer: dout = layer.backward(dout).",
    "check.loop.hint.grads_key": "grads['{param}'] is self.layers['{layer}'].{attr}.",
    "check.skeleton.forward": "write this: the forward pass (every layer keeps what its"
                              " backward needs)",
    "check.skeleton.backward": "write this: from dout = 1, backward through lastLayer, then"
                               " through the layers from the output side",
    "check.answer": "The answer, in the book's form (it gives the gradients of {where}):",
    "check.loop.no_calls": "(never called)",
    "check.joiner": ", ",
    "check.graph.title.apple": "Backward with {mul}: the apple purchase",
    # your own expression (common/graph/expression.py, common/widgets/expression.py)
    "title.expression": "Computational graph: {text}",
    "caption.expression": "Gradients of the inputs: {grads}",
    "rule.power.forward": "**{n} node: {x}{sup} = {out}",
    "rule.power.backward": "**{n} node: upstream {dout} × local derivative {formula} = {dout} ×"
                           " {local} = {grad}",
    "rule.branch.input": "branch: {name} is used in {n} places: add the gradients {expr} = {out}",
    "nudge.expression": "{name} +{h} → {out} {before} → {after}: Δ{out}/h = {slope}"
                        " (gradient ∂{out}/∂{name} = {grad})",
    "nudge.expression.failed": "{name} +{h}: cannot compute ({error})",
    "ui.expression": "expression",
    "ui.expression.hint": "Press Enter after changing the expression: each variable gets a "
                          "slider. The Δ/h lines (one per input) move that input by h and "
                          "compare the output's change Δ/h with the gradient.",
    "expr.allowed": "Allowed: numbers, names, + - * /, unary -, ** with a whole number from 1 to"
                    " {top}, exp( ) and log( ).",
    "expr.what.attribute": "attribute access (.)",
    "expr.what.call": "a call to {name}( )",
    "expr.what.call_other": "a call",
    "expr.what.lambda": "lambda",
    "expr.what.comprehension": "a comprehension",
    "expr.what.subscript": "indexing [ ]",
    "expr.what.comparison": "a comparison",
    "expr.what.conditional": "a conditional (if ... else)",
    "expr.what.boolean": "and / or",
    "expr.what.operator": "the operator {op}",
    "expr.what.string": "a string",
    "expr.what.constant": "the constant {value}",
    "expr.what.collection": "a list, tuple, set or dict",
    "expr.what.walrus": "the operator :=",
    "expr.what.statement": "a statement ({kind})",
    "expr.what.other": "{kind}",
    "error.expr.refused": "Position {pos}, '{text}': {what} is not allowed. {allowed}",
    "error.expr.empty": "Type an expression, such as (x + y) ** 2",
    "error.expr.too_long": "The expression has {length} characters; at most {limit} are allowed",
    "error.expr.character": "Position {pos}: the character {char} cannot be used (write the "
                            "expression on one line)",
    "error.expr.too_deep": "Position {pos}: nested too deeply (at most {limit} levels)",
    "error.expr.syntax": "Position {pos}: this is not an expression Python can read ({detail})."
                         " {allowed}",
    "error.expr.statements": "Position {pos}: write one expression only (there are {count})",
    "error.expr.no_variable": "The expression has no variable: use a name such as x, as in 2 * x",
    "error.expr.no_operation": "{name} alone has no operation: write one, such as {name} * 2",
    "error.expr.output_is_input": "{name} is both the output's name and a variable: give the "
                                  "output another name",
    "error.expr.unknown": "The expression has no variable {names}; its variables are {variables}",
    "error.expr.missing": "No value for {names}: give one for each variable, such as {example}",
    "error.expr.value": "{name} must be a finite number, got {value}",
    "error.expr.arguments": "Position {pos}: {function}( ) takes one argument, such as "
                            "{function}(x)",
    "error.expr.number": "Position {pos}: {text} is not a finite number",
    "error.expr.function_name": "Position {pos}: {name} is a function: write {name}(x)",
    "error.expr.name": "Position {pos}: the name {name} cannot be used: names start with a letter"
                       " and have at most 12 characters",
    "error.expr.power": "Position {pos}: the exponent of ** must be a whole number from 1 to "
                        "{top}, written as a number; got {got}",
    "error.expr.too_many": "More than {limit} nodes: shorten the expression so that its graph "
                           "stays readable",
    "error.expr.log": "{node} (position {pos}): log needs a number above 0, but {arg} = {value}",
    "error.expr.division": "{node} (position {pos}): division by zero ({arg} = 0)",
    "error.expr.overflow": "{node} (position {pos}): the value is too large for a float "
                           "(overflow); use smaller numbers",
    "error.expr.grad_overflow": "{node} (position {pos}): the gradient is too large for a float "
                                "(overflow); use other values",
}
