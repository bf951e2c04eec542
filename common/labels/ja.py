"""日本語の表: key -> text."""

LABELS = {
    # purchase graphs
    "apple": "リンゴ",
    "apple_price": "リンゴの値段",
    "apple_num": "リンゴの個数",
    "orange": "みかん",
    "orange_price": "みかんの値段",
    "orange_num": "みかんの個数",
    "tax": "消費税",
    "price": "支払い",
    "title.apple.forward": "リンゴの買い物: 順伝播",
    "title.apple.backward": "リンゴの買い物: 順伝播 (黒) と逆伝播 (赤)",
    "title.apple_orange.forward": "リンゴとみかんの買い物: 順伝播",
    "title.apple_orange.backward": "リンゴとみかんの買い物: 順伝播 (黒) と逆伝播 (赤)",
    "title.apple_first": "リンゴの買い物: 「×2」と「×1.1」のノードで (計算グラフの最初の形)",
    # 5.2, 5.3
    "title.chain_rule": "連鎖律: z = (x + y)**2",
    "title.add_node": "加算ノードの逆伝播: 上流の勾配をそのまま下流へ流す",
    "title.mul_node": "乗算ノードの逆伝播: 上流の勾配に、入力を「ひっくり返した値」を掛ける",
    # 5.5
    "title.sigmoid": "Sigmoid レイヤの計算グラフ: y = 1 / (1 + exp(-x))",
    "caption.sigmoid": "∂L/∂x = ∂L/∂y · y(1 - y) = {dx}   (Sigmoid().backward も {dx_layer})",
    "title.sigmoid_simple": "Sigmoid レイヤの計算グラフ (簡略版): sigmoid ノード 1 つ",
    "caption.sigmoid_simple": "∂L/∂x = ∂L/∂y · y(1 - y) = {dout} × {y} × (1 - {y}) = {dx}   "
                              "(4 つのノードのグラフでも {dx_graph})",
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
    "caption.two_layer_net": "TwoLayerNet({D}, {H}, {M}) に N = {N} 個のデータ (シード {seed})。"
                             " 矢印の値: 形状と 1 行目の先頭。 L = {loss}",
    "data": "データ",
    "label": "正解ラベル",
    "loss": "損失",
    # steps
    "phase.forward": "順伝播",
    "phase.backward": "逆伝播",
    "phase.chain": "まとめ",
    "and": "、",
    "end": "。",
    "rule.start.forward": "入力から始める: {inputs}",
    "rule.start.joiner": "、",
    "grad.of": "{name} の勾配",
    "rule.start.backward": "出力から始める: {grads}",
    "rule.branch": "分岐: {n} つの勾配を足す {expr} = {out}",
    "rule.mul.forward": "乗算ノード: {expr} = {out}",
    "rule.mul.backward": "乗算ノード: {parts}",
    "rule.mul.part": "上流 {dout} × 局所的な微分 (もう一方の入力) {other} = {grad}",
    "rule.mul.named": "{name}へ {part}",
    "rule.add.forward": "加算ノード: {expr} = {out}",
    "rule.add.backward": "加算ノード: 上流 {dout} × 局所的な微分 1 = {grad} (そのまま下流へ流す)",
    "rule.scale.forward": "乗算ノード: {x} × {c} = {out}",
    "rule.scale.backward": "乗算ノード: 上流 {dout} × 局所的な微分 (掛ける定数) {c} = {grad}",
    "rule.sigmoid.forward": "sigmoid ノード: 1 / (1 + exp(-{x})) = {out}",
    "rule.sigmoid.backward": "sigmoid ノード: 上流 {dout} × 局所的な微分 y(1 - y) = "
                             "{dout} × {local} = {grad}",
    "rule.chain": "連鎖律: {parts}",
    "rule.input": "入力",
    "rule.output": "出力",
    "rule.exp.forward": "exp ノード: exp({x}) = {out}",
    "rule.exp.backward": "exp ノード: 上流 {dout} × 局所的な微分 exp({t}) = {dout} × {local}"
                         " = {grad}",
    "rule.reciprocal.forward": "/ ノード: 1 / {x} = {out}",
    "rule.reciprocal.backward": "/ ノード: 上流 {dout} × 局所的な微分 -{y}² = {dout} × {local}"
                                " = {grad}",
    "rule.log.forward": "log ノード: log({x}) = {out}",
    "rule.log.backward": "log ノード: 上流 {dout} × 局所的な微分 1/{t} = {dout} × {local}"
                         " = {grad}",
    "rule.square.forward": "**2 ノード: {x}² = {out}",
    "rule.square.backward": "**2 ノード: 上流 {dout} × 局所的な微分 2{t} = {dout} × {local}"
                            " = {grad}",
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
                          "残りは上流の勾配をそのまま下流へ流す",
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
    # widgets (common/widgets/)
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
    "note.activation": "dx = dout × 局所的な微分: 逆伝播では、上流から届いた勾配に"
                       " x での曲線の傾きを掛ける",
    "ui.local_derivative": "局所的な微分",
    "plot.softmax.probabilities": "確率 y と正解 t",
    "plot.softmax.gradient": "勾配 ∂L/∂a = y - t",
    "plot.class": "クラス",
    "affine.hint": "箱を書き換えたら、箱の外をクリックしてください。"
                   "行は改行で、数は空白で区切ります。dX は X と、dW は W と同じ形になります。",
    "affine.db": "db = dout の第0軸の和 →",
    # the dashboard
    "dash.learning_rate": "学習率",
    "dash.hidden_size": "隠れ層のニューロン数",
    "dash.batch_size": "バッチサイズ",
    "dash.iters": "繰り返しの回数",
    "dash.weight_scale": "重みの初期値の大きさ",
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
    # training runs (common/widgets/training_run.py)
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
    # break it (common/practice/breakit.py)
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
                                 "ほかに誰も読まない。「スキップ構造」をオンにすると、同じ "
                                 "dout を ReLU とスキップの両方が使うので、"
                                 "書き込みが勾配を壊す。",
    "breakit.in_place.harmful": "h + ReLU(h) では h の勾配は ReLU の backward(dz) + dz "
                                "(分岐の和)。ReLU が dz に 0 を書き込むので、後から足す dz "
                                "も壊れている。",
    "breakit.skip": "スキップ構造 h + ReLU(h) (本の 8 章の ResNet の形)",
    "breakit.net.plain": "TwoLayerNet({size}, {size}, {size}), バッチ {batch}, float64",
    "breakit.net.skip": "TwoLayerNet({size}, {size}, {size}) + スキップ構造, バッチ {batch}, "
                        "float64",
    "breakit.plot.title": "逆伝播と数値微分の相対誤差",
    "breakit.plot.ylabel": "相対誤差 (対数目盛)",
    # exercises (common/practice/purchase.py, questions.py)
    "exercise.title": "練習: 逆伝播の値 ①〜⑧ を求めよう (支払いの勾配は 1)",
    "exercise.input.dAllPrice": "税抜きの合計金額",
    "exercise.input.dTax": "消費税",
    "exercise.input.dApplePrice": "リンゴの金額",
    "exercise.input.dOrangePrice": "みかんの金額",
    "exercise.input.dApple": "リンゴの値段",
    "exercise.input.dAppleNum": "リンゴの個数",
    "exercise.input.dOrange": "みかんの値段",
    "exercise.input.dOrangeNum": "みかんの個数",
    "exercise.blank": "{mark} ({what}の勾配)",
    "exercise.upstream.given": "1 (支払いの勾配)",
    "exercise.hint.add": "加算ノードはそのまま下流へ流す: 上流から来た勾配 {upstream} "
                         "がそのまま流れる。",
    "exercise.hint.mul": "乗算ノードは入力を入れ替えた値 (本の「ひっくり返した値」) を掛ける: "
                         "上流から来た勾配 {upstream} に、もう一方の入力 ({other}) を掛ける。",
    "exercise.check_upstream": "その上流の {mark} も正しくないので、先に {mark} を確かめよう。",
    "exercise.right": "正解",
    "mark.right": "○",
    "mark.wrong": "×",
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
    "exercise.choice.wrong": "残念、違います。",
    "exercise.verdict_and_why": "{verdict}{why}",
    "exercise.q.relu_dx.prompt": "ReLU の入力 x = -2 のとき、逆伝播で下流へ流れる勾配 dx は? "
                                 "(dout = 3)",
    "exercise.q.relu_dx.why": "x = -2 ≤ 0 なので順伝播で 0 にされ、"
                              "逆伝播でもマスクが勾配を止める: dout が 3 でも dx = {dx}。",
    "exercise.q.affine_dw_shape.prompt": "X の形が (3, 2)、W の形が (2, 4) のとき、∂L/∂W "
                                         "の形は?",
    "exercise.q.affine_dw_shape.why": "∂L/∂W = Xᵀ · ∂L/∂Y は {xt} · {dy} → {dw}: "
                                      "パラメータの勾配はパラメータ W と同じ形。",
    "exercise.q.softmax_sign.prompt": "Softmax-with-Loss レイヤで、正解のクラス k のスコアを"
                                      " a_k とする。損失の勾配 ∂L/∂a_k の符号は?",
    "exercise.q.softmax_sign.why": "∂L/∂a_k = y_k − t_k で、正解のクラスでは t_k = 1、y_k < 1 "
                                   "なので負 (本の 3.5 節のスコア a = {a} に、このノートブックで"
                                   "正解 k = {k} を選んだ例では y_k = {y}、y_k − t_k = {grad})。"
                                   "a_k を大きくすると損失は減る。勾配降下法はパラメータを勾配と"
                                   "逆向きに動かすので、正解のクラスのスコアが上がる向きに重みと"
                                   "バイアスが変わる。",
    "exercise.q.numgrad_passes.prompt": "784-50-10 の TwoLayerNet で、数値微分で勾配を 1 "
                                        "回求めるには、順伝播 (損失の計算) が何回必要?",
    "exercise.q.branch.prompt": "z = x · x を乗算ノード 1 つで計算する (x は 2 本のエッジに"
                                "分岐してノードに入る)。x = {x} で、上流から ∂L/∂z = {dout} が"
                                "届くとき、逆伝播で 2 本のエッジに流れる勾配と、∂L/∂x は?",
    "exercise.q.branch.choice": "エッジ 1 に {a}、エッジ 2 に {b}、∂L/∂x = {total}",
    "exercise.q.branch.why": "乗算ノードはそれぞれのエッジに「上流 × もう一方の入力」"
                             "= {dout} × {x} を流すので、2 本のエッジはどちらも {a}。"
                             "x は 2 本に分岐しているので、勾配は足す"
                             " (分岐の和): ∂L/∂x = {a} + {b} = {total} (∂L/∂z × 2x と同じ)。",
    "exercise.q.numgrad_passes.why": "パラメータ {n} 個のそれぞれを +h と -h に動かして"
                                     "損失を 2 回ずつ求めるので 2 × {n} = {passes} 回。"
                                     "誤差逆伝播法なら順伝播 1 回と逆伝播 1 回で済む。",
    # the checker of the reader's own layers (common/practice/checker.py, graph_check.py)
    "check.title": "{name} の確認",
    "check.ok": "正解です。forward の戻り値と {grads} は、{examples} common.layers の"
                " {reference} と一致しました。",
    "check.examples.both": "2 つの例の両方で",
    "check.examples.all": "{n} つの例すべてで",
    "check.unchecked": "{mark}: まだ確かめられない",
    "check.wrong": "{names} が違います。",
    "check.wrong_some_right": "{names} が違います ({right} は正しい)。",
    "check.example": "例 {k} ({of} つのうち):",
    "check.forward_value": "forward の戻り値",
    "check.expected": "正しい {name}",
    "check.got": "あなたの {name}",
    "check.shape_of": "形 {shape} の配列",
    "check.not_a_number": "{type} (数でも配列でもない)",
    "check.hint": "ヒント: {text}",
    "check.hint.return": "backward の最後に return {what} を書きましたか?",
    "check.hint.set_attr": "backward の中で self.{name} に勾配を入れます"
                           " (TwoLayerNet はそこから読みます)。",
    "check.hint.dout": "上流から来た勾配 dout を掛け忘れていませんか? 逆伝播では、局所的な微分に"
                       "上流の勾配を掛けます (dout が 1 とは限りません)。",
    "check.hint.mul.swapped": "乗算ノードは入力を入れ替えて掛けます: dx には上流の勾配 × もう一方の"
                              "入力 y、dy には上流の勾配 × x。",
    "check.hint.mul.like_add": "それは加算ノードの逆伝播です。乗算ノードでは、上流の勾配に"
                               "もう一方の入力を掛けます。",
    "check.hint.add.like_mul": "それは乗算ノードの逆伝播です。加算ノードは上流の勾配をそのまま"
                               "流します (入力の値は掛けません)。",
    "check.hint.relu.inverted": "マスクが逆です: self.mask は x <= 0 の所が True。勾配を 0 に"
                                "するのは mask が True の所で、残りは dout をそのまま流します。",
    "check.hint.relu.no_mask": "順伝播で 0 にした所 (x <= 0) は、逆伝播でも勾配を 0 にします。",
    "check.hint.sigmoid.from_input": "y(1 - y) の y は Sigmoid の出力 (順伝播で覚えた self.out)"
                                     " です。入力 x ではありません。",
    "check.hint.affine.db_mean": "db は dout を N 行ぶん足したもの (np.sum(dout, axis=0)) です。"
                                 "平均ではありません: N で割るのは Softmax-with-Loss の役目です。",
    "check.hint.affine.db_sum": "db は b と同じ形 (M,) です: dout を N 行ぶん足します"
                                " (axis=0 の和)。",
    "check.hint.affine.db_axis": "足す向きが違います: axis=0 (N 行の向き) に足すと b と同じ形"
                                 " (M,) になります。",
    "check.hint.affine.transpose": "形が転置になっています: 掛ける順番と転置 (.T) の位置を形で"
                                   "確かめましょう。dx は (N, M)·(M, D) → (N, D)、dW は "
                                   "(D, N)·(N, M) → (D, M)。勾配はいつも元の変数と同じ形です。",
    "check.hint.affine.shapes": "行列の形が合っていません。形で確かめましょう: dx = dout · Wᵀ は"
                                " (N, M)·(M, D) → (N, D)、dW = xᵀ · dout は (D, N)·(N, M) →"
                                " (D, M)。",
    "check.hint.affine.divided": "N で割る必要はありません: バッチの平均は Softmax-with-Loss が"
                                 " (y - t) / N で済ませています。",
    "check.hint.softmax.batch": "バッチの大きさ N で割るのを忘れていませんか? 損失は N 個の"
                                "データの平均なので、勾配も N で割ります。N は行の数"
                                " (self.t.shape[0])。",
    "check.hint.softmax.classes": "割る数が違います: N はデータの数 (行の数、self.t.shape[0])"
                                  " です。クラスの数 (列の数) ではありません。",
    "check.hint.softmax.sign": "符号が逆です: y - t です (t - y ではありません)。",
    "check.hint.import": "先に {code} を実行しましょう。",
    "check.rule.mul": "乗算ノードは上流の勾配 dout に「もう一方の入力」を掛けます: "
                      "∂L/∂x = dout · y、∂L/∂y = dout · x。backward は (dx, dy) を返します。",
    "check.rule.add": "加算ノードは上流の勾配 dout をそのまま両方へ流します: ∂L/∂x = dout · 1、"
                      "∂L/∂y = dout · 1。backward は (dx, dy) を返します。",
    "check.rule.relu": "ReLU は、順伝播で x > 0 だった所は dout をそのまま流し、x <= 0 だった所は"
                       " 0 にします (forward で覚えたマスク self.mask を使います)。",
    "check.rule.sigmoid": "Sigmoid の局所的な微分は y(1 - y) です (y は順伝播の出力 self.out):"
                          " dx = dout · y(1 - y)。",
    "check.rule.affine": "Affine: dx = dout · Wᵀ、dW = xᵀ · dout、db = dout の N 行の和"
                         " (axis=0)。dW と db は self.dW と self.db に入れ、dx を返します。",
    "check.rule.softmax_with_loss": "Softmax-with-Loss: dx = (y - t) / N (y は softmax の出力、"
                                    "t は正解の one-hot、N はバッチの大きさ)。",
    "check.rule.mul.forward": "forward は x * y を返し、backward のために x と y を覚えておきます"
                              " (self.x = x)。",
    "check.rule.add.forward": "forward は x + y を返します。",
    "check.rule.relu.forward": "forward は x <= 0 の所を 0 にした配列を返し、その場所をマスク"
                               " self.mask に覚えます。",
    "check.rule.sigmoid.forward": "forward は 1 / (1 + exp(-x)) を返し、それを self.out に"
                                  "覚えます。",
    "check.rule.affine.forward": "forward は np.dot(x, self.W) + self.b を返し、x を self.x に"
                                 "覚えます。",
    "check.rule.softmax_with_loss.forward": "forward は t と y = softmax(x) を覚え、損失"
                                            " cross_entropy_error(y, t) を返します。",
    "check.signature": "{method} の引数が本と違います。本では def {signature}: です。",
    "check.missing_method": "{cls} に {method} がありません: def {signature}: を書きましょう。",
    "check.not_implemented": "{method} はまだ書かれていません (NotImplementedError)。"
                             "まず {method} を書きましょう。{rule}",
    "check.not_implemented.backward": "{method} はまだ書かれていません (NotImplementedError)。"
                                      "raise NotImplementedError の行を消して、{returns}コードを"
                                      "書きましょう。書いたら、クラスのセルとこのセルをもう一度"
                                      "実行します。{section}",
    "check.returns_none.backward": "backward が None を返しました: まだ書かれていないか、return"
                                   " を忘れています。backward には{returns}コードを書きます。"
                                   "{section}",
    "check.todo.returns.mul": "x と y の勾配 dx と dy を求めて return dx, dy で返す",
    "check.todo.returns.add": "x と y の勾配 dx と dy を求めて return dx, dy で返す",
    "check.todo.returns.relu": "x の勾配 dx を求めて return dx で返す",
    "check.todo.returns.sigmoid": "x の勾配 dx を求めて return dx で返す",
    "check.todo.returns.affine": "W と b の勾配を self.dW と self.db に入れ、x の勾配 dx を"
                                 "求めて return dx で返す",
    "check.todo.returns.softmax_with_loss": "スコア x の勾配 dx を求めて return dx で返す",
    "check.todo.section.mul": "乗算ノードの逆伝播は 5.3.2 で説明しています。",
    "check.todo.section.add": "加算ノードの逆伝播は 5.3.1 で説明しています。",
    "check.todo.section.relu": "ReLU レイヤの逆伝播は 5.5.1 で説明しています。",
    "check.todo.section.sigmoid": "Sigmoid レイヤの逆伝播は 5.5.2 で説明しています。",
    "check.todo.section.affine": "Affine レイヤの逆伝播 (バッチ版) は 5.6.2 で説明しています。",
    "check.todo.section.softmax_with_loss": "Softmax-with-Loss レイヤの逆伝播は 5.6.3 で"
                                            "説明しています。",
    "check.returns_none": "{method} が None を返しました: まだ書かれていないか、return を"
                          "忘れています。{rule}",
    "check.exception": "{method} の {line} 行目でエラーになりました:\n    {code}\n{error}",
    "check.exception.no_code": "{method} の {line} 行目でエラーになりました: {error}",
    "check.exception.outside": "{method} を呼ぶとエラーになりました: {error}",
    "check.missing_attribute": "{method} の {line} 行目が self.{attr} を読みましたが、まだ"
                               "入っていません。{where} で self.{attr} = ... と入れておきましょう"
                               " (例: self.x = x)。",
    "check.none_attributes": "forward の後も self.{attrs} が None のままです: forward で"
                             " self.{first} = ... と覚えておきましょう。",
    "check.count": "backward は 2 つの勾配を返します: return dx, dy。あなたの backward が"
                   "返したのは {got}。",
    "check.count.values": "{n} 個の値",
    "check.count.one": "1 つの値 {value}",
    "check.not_a_class": "クラスそのものを () を付けずに渡しましょう: check_layer(\"{kind}\","
                         " {name})。渡されたのは {got} です。",
    "check.note.dout_in_place": "注: backward が受け取った dout の中身を書き換えています (本の"
                                " Relu の dout[self.mask] = 0 と同じ)。このレイヤの勾配は正しい"
                                "のですが、同じ dout を別の所でも使うとき (分岐があるとき) は、"
                                "そちらの勾配が壊れます。dx = dout.copy() に書くか、np.where を"
                                "使うと安全です。",
    "check.note.input_in_place": "注: forward が受け取った入力の中身を書き換えています。呼び出した"
                                 "側の配列も変わってしまうので、out = x.copy() のようにコピーに"
                                 "書きましょう。",
    "check.skeleton.todo": "ここを書く: 上流の勾配 dout から下流への勾配を求める",
    "check.graph.none": "なし",
    "check.graph.should_be": "(正しくは {value})",
    "check.graph.legend": "紫: 誤りが入るノードと、その誤った勾配 (✗ あなたの値、( ) 内は"
                          "正しい値)。灰色の破線: 上流の誤りを引き継いだ勾配",
    "check.graph.ok": "すべての勾配が正しい値です ({n} 本の矢印すべてで、参照のレイヤと同じ)。",
    "check.graph.enters": "誤りが入るのは{node}です: 上流から正しい勾配 {upstream} を受け取った"
                          "のに、下流への勾配が違います。",
    "check.graph.edge": "  {edge}: 正しくは {expected}、あなたの値は {got}",
    "check.graph.inherited": "その下流の{edges}は、この誤りを引き継いでいます (そこで新しく"
                             "誤りが入ったのではありません)。",
    "check.graph.inherited.one": "その下流の{edges}は、この誤りを引き継いでいます (そこで新しく"
                                 "誤りが入ったのではありません)。",
    "list.and": "、",
    "check.graph.also": "({nodes}も、正しい上流の勾配を与えて単独で調べると誤ります: 同じクラスの"
                        "レイヤだからです。)",
    "check.graph.forward": "{node}で {cls}.forward の戻り値が違います: 正しくは {expected}、"
                           "あなたの値は {got}。まず check_layer(\"{kind}\", {cls}) で forward を"
                           "直しましょう。",
    "check.graph.grad_of": "{name}の勾配",
    "check.graph.grads_of": "{names}の勾配",
    "check.graph.title.purchase": "{mul} と {add} による逆伝播: リンゴとみかんの買い物",
    "check.graph.title.affine": "{name} による逆伝播: Affine レイヤ (N = 3, D = 2, M = 4)",
    "check.graph.title.gradient": "gradient による逆伝播: TwoLayerNet のレイヤ",
    "check.node.mul_apple": "リンゴの × ノード",
    "check.node.mul_orange": "みかんの × ノード",
    "check.node.add": "+ ノード",
    "check.node.mul_tax": "消費税の × ノード",
    "check.node.dot": "dot ノード (X · W)",
    "check.node.bias_add": "+ ノード (b を足す)",
    "check.loop.not_a_function": "gradient 関数 (def gradient(self, x, t): ...) か、TwoLayerNet"
                                 " を継承したクラスを渡しましょう。渡されたのは {got} です。",
    "check.loop.not_implemented": "gradient はまだ書かれていません (NotImplementedError)。"
                                  "「ここを書く」とある順伝播と逆伝播のところを書き、"
                                  "raise NotImplementedError の行を消しましょう。書いたら、"
                                  "gradient のセルとこのセルをもう一度実行します。ループが何を"
                                  "するかは、練習のすぐ上の説明にあります。",
    "check.loop.not_dict": "gradient は勾配の辞書 grads を返します (return grads)。返ったのは"
                           " {got} です。",
    "check.loop.first_wrong": "出力側から数えて、下流への勾配が最初に違うのは{node}です"
                              " (上流から来た勾配 {upstream} は正しい)。",
    "check.loop.order": "あなたの gradient が backward を呼んだ順: {calls}\n"
                        "正しい順 (出力側から): {expected}",
    "check.loop.returned": "{layer}.backward の戻り値",
    "check.loop.hint.no_forward": "逆伝播の前に順伝播をします: self.loss(x, t) を先に呼ぶと、"
                                  "各レイヤが backward に要るもの (x やマスク) を覚えます。",
    "check.loop.hint.no_last_layer": "最初に dout = self.lastLayer.backward(1) を呼び、その"
                                     "戻り値を Affine2 から順に渡します。",
    "check.loop.hint.not_reversed": "逆伝播は出力側から入力側へ進みます: レイヤを逆の順番に"
                                    "呼びます (layers = list(self.layers.values()) の後に"
                                    " layers.reverse())。",
    "check.loop.hint.not_chained": "各レイヤの backward の戻り値を次のレイヤに渡します:"
                                   " dout = layer.backward(dout)。",
    "check.loop.hint.grads_key": "grads['{param}'] には self.layers['{layer}'].{attr} を入れます。",
    "check.skeleton.forward": "ここを書く: 順伝播 (各レイヤが backward に要るものを覚える)",
    "check.skeleton.backward": "ここを書く: dout = 1 から、lastLayer、そしてレイヤを出力側から"
                               "順に backward する",
    "check.answer": "答え: 本の形で書いたもの ({where} と同じ勾配を返します)",
    "check.loop.no_calls": "(1 度も呼ばれていません)",
    "check.joiner": "、",
    "check.graph.title.apple": "{mul} による逆伝播: リンゴの買い物",
    # your own expression (common/graph/expression.py, common/widgets/expression.py)
    "title.expression": "計算グラフ: {text}",
    "caption.expression": "入力の勾配: {grads}",
    "rule.power.forward": "**{n} ノード: {x}{sup} = {out}",
    "rule.power.backward": "**{n} ノード: 上流 {dout} × 局所的な微分 {formula} = {dout} × {local}"
                           " = {grad}",
    "rule.branch.input": "分岐: {name} は {n} か所で使われる。勾配を足す {expr} = {out}",
    "nudge.expression": "{name} を +{h} → {out} {before} → {after}: Δ{out}/h = {slope}"
                        " (勾配 ∂{out}/∂{name} = {grad})",
    "nudge.expression.failed": "{name} を +{h}: 計算できません ({error})",
    "ui.expression": "式",
    "ui.expression.hint": "式を書き換えたら Enter を押してください。"
                          "変数ごとにスライダーができます。Δ/h の行 (入力ごとに 1 行) では、"
                          "入力を h だけ増やしたときの出力の変化 Δ/h と勾配を比べます。",
    "expr.allowed": "使えるのは 数、名前、+ - * /、符号の -、** (指数は 1 から {top} の整数)、"
                    "exp( )、log( ) です。",
    "expr.what.attribute": "属性 (.)",
    "expr.what.call": "関数 {name}( ) の呼び出し",
    "expr.what.call_other": "関数の呼び出し",
    "expr.what.lambda": "lambda",
    "expr.what.comprehension": "内包表記",
    "expr.what.subscript": "添字 [ ]",
    "expr.what.comparison": "比較",
    "expr.what.conditional": "条件式 (if ... else)",
    "expr.what.boolean": "and / or",
    "expr.what.operator": "演算子 {op}",
    "expr.what.string": "文字列",
    "expr.what.constant": "定数 {value}",
    "expr.what.collection": "リスト・タプル・集合・辞書",
    "expr.what.walrus": "演算子 :=",
    "expr.what.statement": "文 ({kind})",
    "expr.what.other": "{kind}",
    "error.expr.refused": "位置 {pos} の「{text}」: {what}は使えません。{allowed}",
    "error.expr.empty": "式を書いてください。例: (x + y) ** 2",
    "error.expr.too_long": "式が {length} 文字あります: {limit} 文字までにしてください",
    "error.expr.character": "位置 {pos}: 文字 {char} は使えません (式は 1 行で書きます)",
    "error.expr.too_deep": "位置 {pos}: 入れ子が深すぎます ({limit} 段まで)",
    "error.expr.syntax": "位置 {pos}: Python の式として読めません ({detail})。{allowed}",
    "error.expr.statements": "位置 {pos}: 式は 1 つだけ書きます ({count} 個あります)",
    "error.expr.no_variable": "式に変数がありません: 2 * x のように x などの名前を使ってください",
    "error.expr.no_operation": "{name} だけでは計算がありません: {name} * 2 のように"
                               "演算を書いてください",
    "error.expr.output_is_input": "{name} が出力の名前と変数の両方に使われています:"
                                  " 出力には別の名前を付けてください",
    "error.expr.unknown": "式に変数 {names} はありません。変数は {variables} です",
    "error.expr.missing": "{names} の値がありません: {example} のように変数ごとに与えてください",
    "error.expr.value": "{name} は有限の数にしてください ({value} になっています)",
    "error.expr.arguments": "位置 {pos}: {function}( ) は引数を 1 つ取ります。例: {function}(x)",
    "error.expr.number": "位置 {pos}: {text} は有限の数ではありません",
    "error.expr.function_name": "位置 {pos}: {name} は関数です: {name}(x) のように書いてください",
    "error.expr.name": "位置 {pos}: 名前 {name} は使えません:"
                       " 名前は文字で始め、12 文字までにします",
    "error.expr.power": "位置 {pos}: ** の指数は 1 から {top} までの整数を数字で書いてください"
                        " ({got} になっています)",
    "error.expr.too_many": "ノードが {limit} 個を超えます:"
                           " グラフが読めるように式を短くしてください",
    "error.expr.log": "{node} (位置 {pos}): log には 0 より大きい数が必要ですが、"
                      "{arg} = {value} です",
    "error.expr.division": "{node} (位置 {pos}): 0 で割っています ({arg} = 0)",
    "error.expr.overflow": "{node} (位置 {pos}): 値が大きすぎて float で表せません"
                           " (オーバーフロー)。数を小さくしてください",
    "error.expr.grad_overflow": "{node} (位置 {pos}): 勾配が大きすぎて float で表せません"
                                " (オーバーフロー)。ほかの値にしてください",
}
