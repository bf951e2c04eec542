"""The English edition (notebooks/en/) stays in lockstep with the Japanese one (notebooks/).

Both editions hold the same notebooks with the same code cells in the same order. A
code cell may differ only in its comments, in string literals that hold Japanese
text in the Japanese edition (printed labels, translated), in a lang="en" or lang="ja"
argument, and in the setup cell's path to the repository (one folder deeper). The stored
outputs carry the same numbers in the same order, and the same words of LABEL_WORDS;
other words are translated. No Japanese remains anywhere in the English edition:
prose, code, outputs or the stored widget states.
"""
import io
import json
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JA = ROOT / "notebooks"
EN = JA / "en"
NAMES = sorted(p.name for p in JA.glob("*.ipynb"))
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef「」『』、。]")
SETUP_PATHS = ("sys.path.append(os.pardir)",  # the setup cell: the repository is one folder
               "sys.path.append(os.path.join(os.pardir, os.pardir))")  # further up from en/

# words of the outputs that stand for the same thing in both editions (whole words only);
# English words count in both editions, as in code listings shown by both
LABEL_WORDS = {"正": "positive", "負": "negative", "正しい": "correct", "正解": "correct",
               "怪しい": "suspicious"}
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?|True|False|nan|inf")
WORD_SPLIT = re.compile(r"[\s,:;()\[\]{}<>=+*/|→、。「」（）：]+")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def source(cell):
    return "".join(cell["source"])


# string literals, and the text inside f-strings (a token of its own from Python 3.12)
TEXT_TOKENS = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}


def code_tokens(text):
    """(type, text) of the code's tokens without comments, with lang="en" and lang="ja"
    arguments removed and Japanese string literals (translated labels) replaced by one
    placeholder."""
    for ja, en in [SETUP_PATHS]:
        text = text.replace(en, ja)
    text = re.sub(r",\s*lang=\"(?:en|ja)\"|lang=\"(?:en|ja)\",?\s*", "", text)
    tokens = []
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT,
                        tokenize.NEWLINE, tokenize.ENDMARKER):
            continue
        tokens.append((tok.type, tok.string))
    return tokens


def same_code(ja_text, en_text):
    ja, en = code_tokens(ja_text), code_tokens(en_text)
    if len(ja) != len(en):
        return False
    for (ja_type, ja_str), (en_type, en_str) in zip(ja, en, strict=True):
        if ja_type != en_type:
            return False
        if ja_str != en_str and not (ja_type in TEXT_TOKENS and JAPANESE.search(ja_str)
                                     and not JAPANESE.search(en_str)):
            return False
    return True


def output_text(out):
    if out["output_type"] == "stream":
        return "".join(out["text"])
    if out["output_type"] == "error":
        return out["ename"] + ": " + out["evalue"]
    data = out.get("data", {})
    if "application/vnd.jupyter.widget-view+json" in data or "image/png" in data:
        return ""  # widget views and pictures: compared by kind only
    return "".join(data.get("text/plain", ""))


FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # ４．３２ reads as 4.32


def meaning(text, lang):
    """The numbers and label words of an output's text, in order, label words in English."""
    text = text.translate(FULL_WIDTH)
    found = []
    for word in WORD_SPLIT.split(text):
        bare = word.strip(".!?")
        if lang == "ja" and bare in LABEL_WORDS:
            found.append(LABEL_WORDS[bare])
        elif bare in LABEL_WORDS.values():
            found.append(bare)
        else:
            found += NUMBER.findall(word)
    return found


def outputs_meaning(cell, lang):
    """(kinds of output, meaning of all stdout, meaning of each other output) of a cell."""
    outs = cell.get("outputs", [])
    streams = "".join(output_text(o) for o in outs if o["output_type"] == "stream")
    return (sorted({o["output_type"] for o in outs}), meaning(streams, lang),
            [meaning(output_text(o), lang) for o in outs if o["output_type"] != "stream"])


def test_both_editions_hold_the_same_notebooks():
    assert NAMES, "notebooks/ holds no notebook"
    assert sorted(p.name for p in EN.glob("*.ipynb")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_code_cells_match_one_for_one(name):
    ja, en = code_cells(load(JA / name)), code_cells(load(EN / name))
    assert len(ja) == len(en), f"{name}: {len(ja)} code cells in Japanese, {len(en)} in English"
    for k, (a, b) in enumerate(zip(ja, en, strict=True)):
        assert same_code(source(a), source(b)), (
            f"{name}, code cell {k}: the editions differ in more than comments, translated "
            f"strings and lang=\"en\" or lang=\"ja\":\n--- ja\n{source(a)}\n--- en\n{source(b)}")
        assert a.get("metadata", {}).get("tags", []) == b.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("name", NAMES)
def test_stored_outputs_carry_the_same_numbers(name):
    ja, en = code_cells(load(JA / name)), code_cells(load(EN / name))
    for k, (a, b) in enumerate(zip(ja, en, strict=True)):
        assert outputs_meaning(a, "ja") == outputs_meaning(b, "en"), (
            f"{name}, code cell {k}: the stored outputs differ in more than words")


def all_text(nb):
    """Every text of a notebook: prose, code, outputs and the stored widget states."""
    for cell in nb["cells"]:
        yield f"{cell['cell_type']} cell", source(cell)
        for out in cell.get("outputs", []):
            text = output_text(out)
            html = "".join(out.get("data", {}).get("text/html", ""))
            yield "output", text + html
    yield "widget state", json.dumps(nb.get("metadata", {}).get("widgets", {}),
                                     ensure_ascii=False)


@pytest.mark.parametrize("name", NAMES)
def test_no_japanese_in_the_english_edition(name):
    for where, text in all_text(load(EN / name)):
        found = JAPANESE.search(text)
        assert not found, (f"en/{name}: Japanese in a {where}: "
                           f"{text[max(0, found.start() - 40):found.end() + 40]!r}")


@pytest.mark.parametrize("name", NAMES)
def test_each_edition_links_to_the_other(name):
    ja_intro = source(load(JA / name)["cells"][0])
    en_intro = source(load(EN / name)["cells"][0])
    assert f"](en/{name})" in ja_intro, f"{name}: the first cell has no link to en/{name}"
    assert f"](../{name})" in en_intro, f"en/{name}: the first cell has no link to ../{name}"


def test_same_code_sees_real_differences():
    setup = "import os\nimport sys\n\n" + SETUP_PATHS[0]
    assert same_code(setup, "import os\nimport sys\n\n" + SETUP_PATHS[1])
    assert same_code('print("誤差:", err)  # 確かめる', 'print("error:", err)  # check')
    assert same_code("apple_widget()", 'apple_widget(lang="en")')
    assert same_code("f(x, 2)", 'f(x, 2, lang="en")')
    assert same_code('train(x, verbose=True, lang="ja")', 'train(x, verbose=True, lang="en")')
    assert not same_code("f(x, 2)", "f(x, 3)")
    assert not same_code('d["W1"]', 'd["W2"]')  # a string without Japanese must stay the same
    assert not same_code("x = 1", "x = 1\ny = 2")


def test_outputs_compare_numbers_and_label_words():
    assert meaning("相対誤差: 2.8e-12 (1e-7 未満なら一致)", "ja") == meaning(
        "relative error: 2.8e-12 (a match below 1e-7)", "en") == ["2.8e-12", "1e-7"]
    assert meaning("relative error: 3.1e-12", "en") != meaning("相対誤差: 2.8e-12", "ja")
    assert meaning("勾配 y₃ - t₃ = -0.2634: 負", "ja") == ["-0.2634", "negative"]
    assert meaning("gradient y₃ - t₃ = -0.2634: negative.", "en") == ["-0.2634", "negative"]
    assert meaning("正解のクラス", "ja") == []  # 正 only as a whole word
    assert meaning("４．３２", "ja") == ["4.32"]
    assert meaning("negative log-likelihood", "ja") == ["negative"]  # a code listing
