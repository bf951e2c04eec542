"""Every human-language string of the figures, the stepper, the widgets and the exercises,
one table per language.

    >>> label("apple")
    'リンゴ'
    >>> label("apple", "en")
    'apple'
    >>> label("rule.mul.forward", expr="100 × 2", out="200")
    '乗算ノード: 100 × 2 = 200'

Math (x, ∂L/∂x, W, X · W) is written in the code, not here: it reads the same in
every language.
"""
import string

LANGS = ("ja", "en")

LABELS = {
    "ja": {
        # purchase graphs
        "apple": "リンゴ",
        "apple_num": "リンゴの個数",
        "orange": "みかん",
        "orange_num": "みかんの個数",
        "tax": "消費税",
        "price": "支払い",
        "title.apple.forward": "リンゴの買い物: 順伝播",
        "title.apple.backward": "リンゴの買い物: 順伝播 (黒) と逆伝播 (赤)",
        "title.apple_orange.forward": "リンゴとみかんの買い物: 順伝播",
        "title.apple_orange.backward": "リンゴとみかんの買い物: 順伝播 (黒) と逆伝播 (赤)",
        # 5.2, 5.3
        "title.chain_rule": "連鎖律: z = (x + y)**2",
        "title.add_node": "加算ノードの逆伝播: 上流の勾配をそのまま流す",
        "title.mul_node": "乗算ノードの逆伝播: 上流の勾配にもう一方の入力を掛ける",
        # 5.5
        "title.sigmoid": "Sigmoid レイヤの計算グラフ: y = 1 / (1 + exp(-x))",
        "caption.sigmoid": "∂L/∂x = ∂L/∂y · y(1 - y) = {dx}   (Sigmoid().backward も {dx_layer})",
        # 5.6
        "title.affine_single": "Affine レイヤ (入力 1 行): Y = X · W + b",
        "caption.affine_single": "実際の Affine レイヤの値の形状 (N = {N}, D = {D}, M = {M})",
        "title.affine_batch": "Affine レイヤ (N 行のバッチ): Y = X · W + b",
        "caption.affine_batch": "実際の Affine レイヤの値の形状 (N = {N}, D = {D}, M = {M})。"
                                "  ∂L/∂b = np.sum(∂L/∂Y, axis=0)",
        "title.cross_entropy": "交差エントロピー誤差: L = -Σₖ tₖ log yₖ",
        "caption.cross_entropy": "y = softmax(a), a = {a} (Softmax の図と同じ)。"
                                 "L = {loss} (cross_entropy_error も {loss_function})\n"
                                 "Softmax レイヤへ ∂L/∂yₖ = -tₖ / yₖ が流れる",
        "title.softmax": "Softmax レイヤ: yₖ = exp(aₖ) / S,  S = Σᵢ exp(aᵢ)",
        "caption.softmax": "1/S = {r} は / ノードから各 × ノードへ分岐する。\n"
                           "∂L/∂aₖ = yₖ - tₖ = {da}   "
                           "(SoftmaxWithLoss().backward() × N も {layer})",
        # 5.7
        "title.two_layer_net": "2 層ネットワークのレイヤ: "
                               "Affine → ReLU → Affine → Softmax-with-Loss",
        "caption.two_layer_net": "TwoLayerNet({D}, {H}, {M}) に N = {N} 個のデータ (seed {seed})。"
                                 " 矢印の値: 形状と 1 行目の先頭。 L = {loss}",
        "data": "データ",
        "label": "正解ラベル",
        "loss": "損失",
        # steps
        "phase.forward": "順伝播",
        "phase.backward": "逆伝播",
        "and": "、",
        "end": "。",
        "rule.start.forward": "入力から始める: {inputs}",
        "rule.start.joiner": "、",
        "grad.of": "{name} の勾配",
        "rule.start.backward": "出力から始める: {grads}",
        "rule.branch": "分岐: {n} つの勾配を足す {expr} = {out}",
        "rule.mul.forward": "乗算ノード: {expr} = {out}",
        "rule.mul.backward": "乗算ノード: {parts}",
        "rule.mul.part": "上流 {dout} × もう一方の入力 {other} = {grad}",
        "rule.add.forward": "加算ノード: {expr} = {out}",
        "rule.add.backward": "加算ノード: 上流の {dout} をそのまま流す",
        "rule.exp.forward": "exp ノード: exp({x}) = {out}",
        "rule.exp.backward": "exp ノード: 上流 × exp(入力) = {dout} × {out} = {grad}",
        "rule.reciprocal.forward": "/ ノード: 1 / {x} = {out}",
        "rule.reciprocal.backward": "/ ノード: 上流 × (-y²) = {dout} × (-{out}²) = {grad}",
        "rule.log.forward": "log ノード: log({x}) = {out}",
        "rule.log.backward": "log ノード: 上流 × 1/x = {dout} × 1/{x} = {grad}",
        "rule.square.forward": "**2 ノード: {x}² = {out}",
        "rule.square.backward": "**2 ノード: 上流 × 2t = {dout} × 2 × {x} = {grad}",
        "rule.dot.forward": "dot ノード: X · W  {x}·{w} → {out}",
        "rule.dot.backward": "dot ノード: ∂L/∂X = ∂L/∂Y · Wᵀ  {dout}·{wt} → {dx}、"
                             "∂L/∂W = Xᵀ · ∂L/∂Y  {xt}·{dout} → {dw}",
        "rule.bias_add.forward": "加算ノード: X · W + b  {x} + {b} → {out} (b は各行に足す)",
        "rule.bias_add.backward": "加算ノード: X · W へは上流 {dout} をそのまま、"
                                  "b へは N 行の和 np.sum(∂L/∂Y, axis=0)  {dout} → {db}",
        "rule.affine.forward": "Affine: Y = X · W + b  {x}·{w} + {b} → {out}",
        "rule.affine.backward": "Affine: ∂L/∂X = ∂L/∂Y · Wᵀ  {dout}·{wt} → {dx}、"
                                "∂L/∂W = Xᵀ · ∂L/∂Y  {xt}·{dout} → {dw}",
        "rule.affine.backward_first": "Affine: ∂L/∂W = Xᵀ · ∂L/∂Y  {xt}·{dout} → {dw} "
                                      "(最初の層の ∂L/∂X は使わないので計算しない)",
        "rule.relu.forward": "ReLU: 0 以下の {zeros} 個 ({size} 個中) を 0 にする",
        "rule.relu.backward": "ReLU: 順伝播で 0 にした {zeros} 個の勾配を 0 にし、"
                              "残りは上流をそのまま流す",
        "rule.softmax_with_loss.forward": "Softmax-with-Loss: y = softmax(a) と正解 t から"
                                          "損失 L = {out}",
        "rule.softmax_with_loss.backward": "Softmax-with-Loss: ∂L/∂a = (y - t) / N  → {grad}"
                                           " (1 行目 {row})",
        # nudges
        "nudge.apple": "リンゴの値段",
        "nudge.apple_num": "リンゴの個数",
        "nudge.orange": "みかんの値段",
        "nudge.orange_num": "みかんの個数",
        "nudge.tax": "消費税",
        "unit.apple": " 円",
        "unit.apple_num": " 個",
        "unit.orange": " 円",
        "unit.orange_num": " 個",
        "unit.tax": "",
        "nudge": "{input}を {step}{unit} → 支払い {before} → {after} "
                 "(勾配 {grad} × {h} = {predicted} のとおり)",
        # widgets (common/widgets.py)
        "ui.back": "◀ 戻る",
        "ui.next": "進む ▶",
        "ui.play": "再生",
        "ui.step": "ステップ",
        "ui.whole": "全部見る",
        "ui.whole.line": "全体: 順伝播 (黒) と逆伝播 (赤) のすべての値",
        "ui.changed": "太字: 直前の操作で変わった値",
        "ui.not_a_number": "{name} が {value} になっています。数ではありません: "
                           "{lo} から {hi} の値にしてください",
        "ui.cannot_compute": "計算できません: {error}",
        "ui.graph": "グラフ",
        "ui.label_t": "正解 t",
        "ui.layer": "レイヤ",
        "slider.apple": "リンゴの値段",
        "slider.apple_num": "リンゴの個数",
        "slider.orange": "みかんの値段",
        "slider.orange_num": "みかんの個数",
        "slider.tax": "消費税",
        "graph.softmax": "Softmax",
        "graph.cross_entropy": "交差エントロピー誤差",
        "plot.activation.title": "{kind} と x での接線",
        "plot.activation.curve": "y = f(x)",
        "plot.activation.tangent": "接線 (傾き = 局所的な微分)",
        "note.activation": "dx = dout × local_grad: 逆伝播では、上流から届いた勾配に"
                           " x での曲線の傾きを掛ける",
        "plot.softmax.probabilities": "確率 y と正解 t",
        "plot.softmax.gradient": "勾配 ∂L/∂a = y - t",
        "plot.class": "クラス",
        "affine.hint": "箱を書き換えたら、箱の外をクリックしてください。"
                       "行は改行で、数は空白で区切ります。dX は X と、dW は W と同じ形になります。",
        "affine.db": "db = dout の第0軸の和 →",
        # the dashboard
        "dash.learning_rate": "学習率",
        "dash.hidden_size": "隠れ層のサイズ",
        "dash.batch_size": "バッチサイズ",
        "dash.iters": "繰り返しの回数",
        "dash.weight_scale": "重みの大きさ",
        "dash.train": "学習",
        "dash.stop": "停止",
        "dash.check": "勾配確認",
        "dash.progress": "進み具合",
        "dash.status": "状態",
        "dash.iteration": "繰り返し",
        "dash.train_acc": "訓練データの精度",
        "dash.test_acc": "テストデータの精度",
        "dash.training": "学習中...",
        "dash.checking": "確認中: すべてのパラメータの数値微分に数秒かかります...",
        "dash.check.title": "誤差逆伝播法と数値微分の差 (float64 のコピー、画像 3 枚):",
        "dash.check.failed": "勾配確認に失敗しました: {error}",
        "status.ready": "準備完了",
        "status.running": "学習中",
        "status.done": "完了",
        "status.stopped": "停止",
        "status.diverged": "発散",
        "status.failed": "失敗",
        "plot.loss.title": "損失",
        "plot.iteration": "繰り返し",
        "plot.minibatch_loss": "ミニバッチの損失",
        "plot.accuracy": "精度",
        "plot.accuracy.title": "精度 (先頭 {n} 枚)",
        "plot.train": "訓練",
        "plot.test": "テスト",
        # training runs (common/explore.py)
        "run.done": "{n} 回の学習で完了: 訓練データの精度 {train:.3f}、"
                    "テストデータの精度 {test:.3f} (全 {n_train} 枚 / {n_test} 枚)",
        "run.stopped": "{n} 回の学習で停止: 訓練データの精度 {train:.3f}、"
                       "テストデータの精度 {test:.3f} (全 {n_train} 枚 / {n_test} 枚)",
        "run.diverged": "{iteration} 回目で学習が発散しました: 損失が inf か nan になりました。"
                        "学習率 {rate:g} は大きすぎます。小さくしてください (本では 0.1)。",
        "run.failed": "学習に失敗しました: {error}",
        # a run that stayed at chance level (common/training.py no_learning_cause)
        "warn.chance": "テストデータの精度 {accuracy:.3f} は当てずっぽうと同じ水準のままです"
                       " (いちばん多いクラスを答え続けると {chance:.3f})",
        "warn.dead": "隠れ層のニューロンの {fraction:.0%} が一度も活性化しない",
        "warn.loss_rose": "損失が {first:.3g} から {last:.3g} に増えた",
        "warn.evidence_joiner": "、",
        "warn.rate_too_large": "{fact}。学習率が大きすぎるようです: {evidence}。"
                               "小さくしてみてください (本では 0.1)。",
        "warn.too_short": "{fact} ({n} 回の学習の後)。ただし損失は下がっています"
                          " ({first:.3f} → {last:.3f}): 学習は始まったばかりです。"
                          "繰り返しの回数を増やしてください。",
        # bad input (common.labels.LabelledError)
        "error.matrix.empty": "{name} が空です: '1 2; 3 4' のように数を書いてください",
        "error.matrix.not_a_number": "{name} の {row} 行目: {entry} は数ではありません"
                                     " (0.5 や -2 のように書き、空白かコンマで区切ります)",
        "error.matrix.not_finite": "{name} の {row} 行目: 有限の数を使ってください"
                                   " (inf や nan は使えません)",
        "error.matrix.ragged": "{name}: {row} 行目は {count} 個ですが 1 行目は {first} 個です。"
                               "どの行も同じ個数にしてください",
        "error.affine.not_matrices": "X, W, dout は行列 (数の行) にしてください",
        "error.affine.inner": "X は {cols} 列ですが W は {rows} 行です: X·W にはこの 2 つが"
                              "等しい必要があります (X の形は {x}、W の形は {w})",
        "error.affine.bias": "b は W の列ごとに 1 つ、{m} 個の数の 1 行にしてください"
                             " (いまの形 {shape})",
        "error.affine.dout": "dout は Y = X·W + b と同じ形 {shape} にしてください (いまの形 {got})",
        "error.affine.overflow": "{name} が大きすぎて float64 で表せません (約 1.8e308 を超えます):"
                                 " X, W, b, dout の数を小さくしてください",
        # break it (common/breakit.py)
        "breakit.verdict.ok": "正しい",
        "breakit.verdict.suspect": "怪しい",
        "breakit.verdict.bug": "バグ",
        "breakit.bug.none": "バグなし",
        "breakit.bug.softmax_no_batch_mean": "Softmax: / batch_size を忘れる",
        "breakit.bug.relu_inverted_mask": "ReLU: マスクが逆",
        "breakit.bug.relu_in_place": "ReLU: dout に書き込む (本のコード)",
        "breakit.bug.affine_db_mean": "Affine: db を和でなく平均",
        "breakit.bug.affine_dw_swapped": "Affine: dW = dout.T · x",
        "breakit.bug.affine_dx_no_transpose": "Affine: dx で W の転置を忘れる",
        "breakit.bands": "相対誤差 < {ok:g}: 正しい、{ok:g} 〜 {bug:g}: 怪しい、> {bug:g}: バグ",
        "breakit.broken.none": "どれも壊れない",
        "breakit.table.header": "バグ",
        "breakit.code": "正: {right}\n誤: {wrong}",
        "breakit.in_place.harmless": "TwoLayerNet ではこのバグは害がない: ReLU が受け取る dout は "
                                     "Affine2 の backward が新しく作った配列で、"
                                     "ほかに誰も読まない。「スキップ接続」をオンにすると、同じ "
                                     "dout を ReLU とスキップの両方が使うので、"
                                     "書き込みが勾配を壊す。",
        "breakit.in_place.harmful": "h + ReLU(h) では h の勾配は ReLU の backward(dz) + dz "
                                    "(分岐の和)。ReLU が dz に 0 を書き込むので、後から足す dz "
                                    "も壊れている。",
        "breakit.skip": "スキップ接続 h + ReLU(h)",
        "breakit.net.plain": "TwoLayerNet({size}, {size}, {size}), バッチ {batch}, float64",
        "breakit.net.skip": "TwoLayerNet({size}, {size}, {size}) + スキップ接続, バッチ {batch}, "
                            "float64",
        "breakit.plot.title": "逆伝播と数値微分の相対誤差",
        "breakit.plot.ylabel": "相対誤差 (対数目盛)",
        # exercises (common/exercises.py)
        "exercise.title": "練習: 逆伝播の値 ①〜⑧ を求めよう (支払いの勾配は 1)",
        "exercise.input.dAllPrice": "合計金額",
        "exercise.input.dTax": "消費税",
        "exercise.input.dApplePrice": "リンゴの金額",
        "exercise.input.dOrangePrice": "みかんの金額",
        "exercise.input.dApple": "リンゴの値段",
        "exercise.input.dAppleNum": "リンゴの個数",
        "exercise.input.dOrange": "みかんの値段",
        "exercise.input.dOrangeNum": "みかんの個数",
        "exercise.blank": "{mark} ({what}の勾配)",
        "exercise.upstream.given": "1 (支払いの勾配)",
        "exercise.hint.add": "加算ノードはそのまま流す: 上流から来た勾配 {upstream} "
                             "がそのまま流れる。",
        "exercise.hint.mul": "乗算ノードは入力を入れ替えて掛ける: 上流から来た勾配 {upstream} に、"
                             "もう一方の入力 ({other}) を掛ける。",
        "exercise.check_upstream": "その上流の {mark} も正しくないので、先に {mark} を確かめよう。",
        "exercise.right": "正解",
        "exercise.wrong": "違います。ヒント: {hint}",
        "exercise.empty": "未入力",
        "exercise.not_a_number": "「{text}」は数として読めません。1.1 や 650 "
                                 "のように数字で書いてください。",
        "exercise.button.check": "答え合わせ",
        "exercise.button.reveal": "答えを見る",
        "exercise.button.reveal_one": "答えを見る",
        "exercise.score": "正解 {right} / {total}",
        "exercise.answer": "答え",
        "exercise.revealed": "答え: {answer}",
        "exercise.choose_first": "まず答えを選んでから「答えを見る」を押してください。",
        "exercise.choice.positive": "正",
        "exercise.choice.negative": "負",
        "exercise.choice.zero": "0",
        "exercise.choice.right": "正解!",
        "exercise.choice.wrong": "残念、答えは {answer}。",
        "exercise.verdict_and_why": "{verdict}{why}",
        "exercise.q.relu_dx.prompt": "ReLU の入力 x = -2 のとき、逆伝播で下流へ流れる勾配 dx は? "
                                     "(dout = 3)",
        "exercise.q.relu_dx.why": "x = -2 ≤ 0 なので順伝播で 0 にされ、"
                                  "逆伝播でもマスクが勾配を止める: dout が 3 でも dx = {dx}。",
        "exercise.q.affine_dw_shape.prompt": "X の形が (3, 2)、W の形が (2, 4) のとき、∂L/∂W "
                                             "の形は?",
        "exercise.q.affine_dw_shape.why": "∂L/∂W = Xᵀ · ∂L/∂Y は {xt} · {dy} → {dw}: "
                                          "パラメータの勾配はパラメータ W と同じ形。",
        "exercise.q.softmax_sign.prompt": "正解ラベルのクラスのスコア a_k の勾配 y_k − t_k "
                                          "の符号は?",
        "exercise.q.softmax_sign.why": "y_k < 1 = t_k なので y_k − t_k は負 (本の例 a = {a}、正解 "
                                       "k = {k} では y_k = {y}、y_k − t_k = {grad}): 勾配降下で "
                                       "a_k は大きくなる。",
        "exercise.q.numgrad_passes.prompt": "784-50-10 の TwoLayerNet で、数値微分で勾配を 1 "
                                            "回求めるには、順伝播 (損失の計算) が何回必要?",
        "exercise.q.numgrad_passes.why": "パラメータ {n} 個のそれぞれを +h と -h に動かして"
                                         "損失を 2 回ずつ求めるので 2 × {n} = {passes} 回。"
                                         "誤差逆伝播法なら順伝播 1 回と逆伝播 1 回で済む。",
    },
    "en": {
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
    },
}


class LabelledError(ValueError):
    """A ValueError whose message is a label, so that a widget can say it in its language.

    str(error) is the English text (as every error message of the project);
    error.text(lang) is the same in `lang`.
    """

    def __init__(self, key, **fields):
        super().__init__(label(key, "en", **fields))
        self.key, self.fields = key, fields

    def text(self, lang="ja"):
        return label(self.key, lang, **self.fields)


def check_lang(lang):
    """Raise a ValueError naming the languages there are, unless lang is one of them."""
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGS))}, got {lang!r}")


def label(key, lang="ja", **fields):
    """The text for `key` in `lang`, with {fields} filled in."""
    check_lang(lang)
    try:
        text = LABELS[lang][key]
    except KeyError:
        raise KeyError(f"no label {key!r} for lang={lang!r}; add it to LABELS in "
                       "common/labels.py") from None
    return text.format(**fields) if fields else text


def fields(key, lang="ja"):
    """The names of the {fields} that label(key, lang) fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(label(key, lang)) if name}
