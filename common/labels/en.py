"""The English table: key -> text."""

LABELS = {
    "apple": "apple",
    "apple_num": "apple count",
    "orange": "orange",
    "orange_num": "orange count",
    "tax": "tax",
    "price": "price",
    "title.apple.forward": "Apple purchase: forward",
    "title.apple.backward": "Apple purchase: forward (black) and backward (red)",
    "title.apple_orange.forward": "Apple and orange purchase: forward",
    "title.apple_orange.backward": "Apple and orange purchase: forward (black) and "
                                   "backward (red)",
    "title.chain_rule": "Chain rule: z = (x + y)**2",
    "title.add_node": "Add node: the gradient passes through unchanged",
    "title.mul_node": "Mul node: the gradient times the other input",
    "title.sigmoid": "Sigmoid: y = 1 / (1 + exp(-x))",
    "caption.sigmoid": "∂L/∂x = ∂L/∂y · y(1 - y) = {dx}   "
                       "(Sigmoid().backward gives {dx_layer})",
    "title.affine_single": "Affine, one input row: Y = X · W + b",
    "caption.affine_single": "shapes (N = {N}, D = {D}, M = {M}) of a real Affine "
                             "layer's values",
    "title.affine_batch": "Affine, a batch of N rows: Y = X · W + b",
    "caption.affine_batch": "shapes (N = {N}, D = {D}, M = {M}) of a real Affine layer's "
                            "values;  ∂L/∂b = np.sum(∂L/∂Y, axis=0)",
    "title.cross_entropy": "Cross Entropy Error: L = -Σₖ tₖ log yₖ",
    "caption.cross_entropy": "y = softmax(a), a = {a} (as in the Softmax figure); "
                             "L = {loss}  (cross_entropy_error gives {loss_function})\n"
                             "to the Softmax layer flows ∂L/∂yₖ = -tₖ / yₖ",
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
    "phase.forward": "forward",
    "phase.backward": "backward",
    "and": "; ",
    "end": ". ",
    "rule.start.forward": "start from the inputs: {inputs}",
    "rule.start.joiner": ", ",
    "grad.of": "the gradient of {name}",
    "rule.start.backward": "start from the output: {grads}",
    "rule.branch": "Branch: add the {n} gradients {expr} = {out}",
    "rule.mul.forward": "Mul node: {expr} = {out}",
    "rule.mul.backward": "Mul node: {parts}",
    "rule.mul.part": "upstream {dout} × the other input {other} = {grad}",
    "rule.add.forward": "Add node: {expr} = {out}",
    "rule.add.backward": "Add node: the upstream {dout} passes through unchanged",
    "rule.exp.forward": "exp node: exp({x}) = {out}",
    "rule.exp.backward": "exp node: upstream × exp(input) = {dout} × {out} = {grad}",
    "rule.reciprocal.forward": "Reciprocal node (/): 1 / {x} = {out}",
    "rule.reciprocal.backward": "Reciprocal node (/): upstream × (-y²) = {dout} × (-{out}²)"
                                " = {grad}",
    "rule.log.forward": "log node: log({x}) = {out}",
    "rule.log.backward": "log node: upstream × 1/x = {dout} × 1/{x} = {grad}",
    "rule.square.forward": "Square node (**2): {x}² = {out}",
    "rule.square.backward": "Square node (**2): upstream × 2t = {dout} × 2 × {x} = {grad}",
    "rule.dot.forward": "dot node: X · W  {x}·{w} → {out}",
    "rule.dot.backward": "dot node: ∂L/∂X = ∂L/∂Y · Wᵀ  {dout}·{wt} → {dx}; "
                         "∂L/∂W = Xᵀ · ∂L/∂Y  {xt}·{dout} → {dw}",
    "rule.bias_add.forward": "Add node: X · W + b  {x} + {b} → {out} (b added to every row)",
    "rule.bias_add.backward": "Add node: the upstream {dout} passes to X · W unchanged; "
                              "b gets the sum over the N rows, np.sum(∂L/∂Y, axis=0)  "
                              "{dout} → {db}",
    "rule.affine.forward": "Affine: Y = X · W + b  {x}·{w} + {b} → {out}",
    "rule.affine.backward": "Affine: ∂L/∂X = ∂L/∂Y · Wᵀ  {dout}·{wt} → {dx}; "
                            "∂L/∂W = Xᵀ · ∂L/∂Y  {xt}·{dout} → {dw}",
    "rule.affine.backward_first": "Affine: ∂L/∂W = Xᵀ · ∂L/∂Y  {xt}·{dout} → {dw} "
                                  "(the first layer's ∂L/∂X is never used, so not computed)",
    "rule.relu.forward": "ReLU: the values at most 0 ({zeros} of {size}) become 0",
    "rule.relu.backward": "ReLU: the values set to 0 going forward ({zeros} of them) get"
                          " gradient 0; the rest pass the upstream through",
    "rule.softmax_with_loss.forward": "Softmax-with-Loss: y = softmax(a) and the labels t "
                                      "give the loss L = {out}",
    "rule.softmax_with_loss.backward": "Softmax-with-Loss: ∂L/∂a = (y - t) / N  → {grad}"
                                       " (row 1 {row})",
    "nudge.apple": "apple price",
    "nudge.apple_num": "apple count",
    "nudge.orange": "orange price",
    "nudge.orange_num": "orange count",
    "nudge.tax": "tax",
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
    "ui.whole.line": "The whole pass: every forward (black) and backward (red) value",
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
    "slider.tax": "tax",
    "graph.softmax": "Softmax",
    "graph.cross_entropy": "Cross Entropy Error",
    "plot.activation.title": "{kind} and its tangent at x",
    "plot.activation.curve": "y = f(x)",
    "plot.activation.tangent": "tangent (slope = local derivative)",
    "note.activation": "dx = dout × local_grad: backward multiplies the gradient from above"
                       " by the slope of the curve at x.",
    "plot.softmax.probabilities": "probabilities y and target t",
    "plot.softmax.gradient": "gradient ∂L/∂a = y - t",
    "plot.class": "class",
    "affine.hint": "Edit a box, then click outside it. Rows on separate lines, numbers split"
                   " by spaces. dX has the shape of X, dW the shape of W.",
    "affine.db": "db = sum of dout over axis 0 →",
    "dash.learning_rate": "learning rate",
    "dash.hidden_size": "hidden size",
    "dash.batch_size": "batch size",
    "dash.iters": "iterations",
    "dash.weight_scale": "weight scale",
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
                      " {last:.3f}): the network has only begun to learn. Train for more"
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
    "breakit.code": "right: {right}\nwrong: {wrong}",
    "breakit.in_place.harmless": "In TwoLayerNet this bug does no harm: the dout the ReLU gets "
                                 "is a new array made by Affine2's backward, and nobody else "
                                 "reads it. Turn on the skip connection: then the ReLU and the "
                                 "skip both use the same dout, and the write spoils a "
                                 "gradient.",
    "breakit.in_place.harmful": "With h + ReLU(h), the gradient of h is the ReLU's "
                                "backward(dz) + dz (the branch rule). The ReLU writes zeros "
                                "into dz, so the dz added after it is spoiled too.",
    "breakit.skip": "skip connection h + ReLU(h)",
    "breakit.net.plain": "TwoLayerNet({size}, {size}, {size}), batch {batch}, float64",
    "breakit.net.skip": "TwoLayerNet({size}, {size}, {size}) + skip connection, batch {batch}, "
                        "float64",
    "breakit.plot.title": "Relative error of backprop against the numerical gradient",
    "breakit.plot.ylabel": "relative error (log scale)",
    "exercise.title": "Exercise: find the backward values ① to ⑧ (the price's "
                               "gradient is 1)",
    "exercise.input.dAllPrice": "the total",
    "exercise.input.dTax": "the tax",
    "exercise.input.dApplePrice": "the apples' cost",
    "exercise.input.dOrangePrice": "the oranges' cost",
    "exercise.input.dApple": "the apple price",
    "exercise.input.dAppleNum": "the apple count",
    "exercise.input.dOrange": "the orange price",
    "exercise.input.dOrangeNum": "the orange count",
    "exercise.blank": "{mark} (the gradient of {what})",
    "exercise.upstream.given": "1 (the gradient of the price)",
    "exercise.hint.add": "An add node passes the gradient on unchanged: the upstream gradient "
                         "{upstream} flows through as it is.",
    "exercise.hint.mul": "A mul node swaps its inputs: multiply the upstream gradient "
                         "{upstream} by the other input ({other}).",
    "exercise.check_upstream": " The box upstream of it, {mark}, is not right either: check"
                               " {mark} first.",
    "exercise.right": "right",
    "exercise.wrong": "not right. Hint: {hint}",
    "exercise.empty": "not filled in",
    "exercise.not_a_number": "\"{text}\" is not a number: write digits, such as 1.1 or 650.",
    "exercise.button.check": "Check",
    "exercise.button.reveal": "Show the answers",
    "exercise.button.reveal_one": "Show the answer",
    "exercise.score": "{right} of {total} right",
    "exercise.answer": "answer",
    "exercise.revealed": "answer: {answer}",
    "exercise.choose_first": "Choose an answer first, then press \"Show the answer\".",
    "exercise.choice.positive": "positive",
    "exercise.choice.negative": "negative",
    "exercise.choice.zero": "0",
    "exercise.choice.right": "Right!",
    "exercise.choice.wrong": "Not quite: the answer is {answer}.",
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
    "exercise.q.softmax_sign.prompt": "What is the sign of y_k − t_k, the gradient of the "
                                      "score a_k of the correct class?",
    "exercise.q.softmax_sign.why": "y_k < 1 = t_k, so y_k − t_k is negative (the book's "
                                   "example a = {a} with k = {k} gives y_k = {y}, y_k − t_k = "
                                   "{grad}): gradient descent raises a_k.",
    "exercise.q.numgrad_passes.prompt": "For a 784-50-10 TwoLayerNet, how many forward passes "
                                        "(loss evaluations) does one numerical gradient take?",
    "exercise.q.numgrad_passes.why": "Each of the {n} parameters is moved by +h and by -h, one "
                                     "loss each: 2 × {n} = {passes}. Backpropagation needs one "
                                     "forward and one backward pass.",
    # your own expression (common/graph/expression.py, common/widgets/expression.py)
    "title.expression": "Computational graph: {text}",
    "caption.expression": "Gradients of the inputs: {grads}",
    "rule.power.forward": "Power node (**{n}): {x}{sup} = {out}",
    "rule.power.backward": "Power node (**{n}): upstream × {n}t{supm} = {dout} × {n} × {x}{supm}"
                           " = {grad}",
    "rule.branch.input": "Branch: {name} is used in {n} places: add the gradients {expr} = {out}",
    "nudge.expression": "{name} +{h} → {out} {before} → {after}: Δ{out}/h = {slope}"
                        " (gradient ∂{out}/∂{name} = {grad})",
    "nudge.expression.failed": "{name} +{h}: cannot compute ({error})",
    "ui.expression": "expression",
    "ui.expression.hint": "Press Enter after changing the expression: each variable gets a "
                          "slider. The last lines move each input by h and compare the output's "
                          "change Δ/h with the gradient.",
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
