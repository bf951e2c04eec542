"""End to end: the widget notebooks in JupyterLab, driven in headless Chromium.

JupyterLab runs on 127.0.0.1 with its own config, data, runtime, settings and
workspace folders, on a copy of notebooks/ (with common/, dataset/ and figures/
linked beside it), so the repository stays untouched. Each test opens a notebook,
runs all cells through the Run menu, moves controls as a reader would and checks
what the page shows. Failures leave a screenshot in test-artifacts/.

BROWSER_TEST_NOTEBOOKS may name another folder of notebooks to test (default:
the repository's notebooks/).
"""
import json
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
TOKEN = "zero-dl-ch05-browser-test"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-dev-shm-usage"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian chromium at /usr/bin/chromium "
                              "(apt-get install -y chromium)"),
]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of the notebooks; yields its URL and notebook folder."""
    tmp = tmp_path_factory.mktemp("lab")
    work = tmp / "work"
    work.mkdir()
    source = Path(os.environ.get("BROWSER_TEST_NOTEBOOKS", ROOT / "notebooks"))
    shutil.copytree(source, work / "notebooks")
    for name in ("common", "dataset", "figures"):
        if (ROOT / name).exists():
            (work / name).symlink_to(ROOT / name)
    dirs = {name: tmp / name
            for name in ("config", "data", "path", "runtime", "settings", "workspaces")}
    for d in dirs.values():
        d.mkdir()
    # the kernel is this test's Python (the project's .venv); JUPYTER_PATH comes first
    kernel_dir = dirs["path"] / "kernels" / "python3"
    kernel_dir.mkdir(parents=True)
    (kernel_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (test)", "language": "python"}))
    tracker = dirs["settings"] / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    news = dirs["settings"] / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(dirs["config"]), JUPYTER_DATA_DIR=str(dirs["data"]),
               JUPYTER_PATH=str(dirs["path"]),
               JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
               JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
               JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
               OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    port = _free_port()
    log = open(tmp / "lab.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1",
         f"--port={port}", f"--IdentityProvider.token={TOKEN}",
         f"--ServerApp.root_dir={work}", "--ServerApp.open_browser=False", "--allow-root"],
        env=env, cwd=work, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("JupyterLab did not start:\n" + (tmp / "lab.log").read_text())
                time.sleep(0.2)
        yield {"url": url, "notebooks": work / "notebooks"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS,
            viewport={"width": 1400, "height": 1000})
        yield context
        context.close()


@pytest.fixture
def page(browser, request):
    """A new tab; a screenshot goes to test-artifacts/ when the test fails."""
    page = browser.new_page()
    failures = request.session.testsfailed
    yield page
    if request.session.testsfailed > failures:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    page.close()


# --- helpers ------------------------------------------------------------------------------------

def run_notebook(page, lab, name, widgets, timeout=90):
    """Open notebooks/<name>, Run All Cells from the Run menu, wait until all ran.

    widgets: how many `.explore-widget` views the notebook must show.
    """
    assert (lab["notebooks"] / name).exists(), f"notebooks/{name} is missing"
    page.goto(f"{lab['url']}/lab/tree/notebooks/{name}?reset&token={TOKEN}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    # the kernel must be ready before "Run All Cells" (accept a kernel choice if asked)
    kernel = page.locator(".jp-Toolbar-kernelName").first
    select = page.locator(".jp-Dialog").get_by_role("button", name="Select", exact=True)
    deadline = time.monotonic() + 60
    while "Python 3 (test)" not in kernel.inner_text():
        if select.count():
            select.click()
        assert time.monotonic() < deadline, f"the kernel did not start: {kernel.inner_text()}"
        time.sleep(0.1)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(
        state="attached", timeout=60_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # done when every code cell has its number, or when a cell failed (Run All stops there)
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            const failed = [...document.querySelectorAll('.jp-OutputArea-output')].some(
                o => o.textContent.includes('Traceback'));
            const running = prompts.some(p => p.textContent.includes('*'));
            return prompts.length > 0 && !running &&
                (failed || prompts.every(p => /\\[\\d+\\]/.test(p.textContent)));
        }""", timeout=timeout * 1000)
    errors = [o for o in page.locator(".jp-OutputArea-output").all_inner_texts()
              if "Traceback" in o]
    assert not errors, f"a cell of {name} raised an error:\n{errors[0][-2000:]}"
    views = page.locator(".explore-widget")
    views.nth(widgets - 1).wait_for(timeout=30_000)
    assert views.count() == widgets
    text = page.locator(".jp-Notebook").inner_text()
    assert "Error displaying widget" not in text
    return views


def values(view):
    """{name: text} from the view's "name: value" lines."""
    lines = view.locator(".explore-values").first.inner_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if ": " in line)


def wait_values(view, predicate, timeout=10):
    """The view's values once predicate(values) holds (AssertionError after timeout)."""
    deadline = time.monotonic() + timeout
    while True:
        v = values(view)
        if predicate(v):
            return v
        if time.monotonic() > deadline:
            raise AssertionError(f"the widget never showed the expected values; last: {v}")
        time.sleep(0.05)


def slider(view, label):
    return view.locator(".widget-slider", has_text=label)


def readout(view, label):
    text = slider(view, label).locator(".widget-readout").inner_text()
    return float(text.replace("\u2212", "-"))  # the readout writes a minus sign


def press(view, label, key, times):
    """Move a slider with the keyboard, as a reader can."""
    handle = slider(view, label).locator(".noUi-handle")
    handle.focus()
    for _ in range(times):
        handle.press(key)


def image_src(view):
    return view.locator("img.explore-plot").get_attribute("src")


def wait_new_image(view, old, timeout=10):
    deadline = time.monotonic() + timeout
    while image_src(view) == old:
        assert time.monotonic() < deadline, "the plot was not redrawn"
        time.sleep(0.05)


def numbers(text):
    return [float(s) for s in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", text)]


# --- tests --------------------------------------------------------------------------------------

def close(a, b):
    return abs(float(a) - b) <= 1e-6 * max(1.0, abs(b))


def step_state(view):
    """(sentence, highlighted node, picture src) the stepper shows now."""
    step = view.locator(".explore-step [data-node]")
    return step.inner_text(), step.get_attribute("data-node"), image_src(view)


def wait_step(view, old, timeout=10):
    """The stepper's state once it differs from `old`."""
    deadline = time.monotonic() + timeout
    while True:
        now = step_state(view)
        if now[0] != old[0] and now[2] != old[2]:
            return now
        assert time.monotonic() < deadline, f"the step did not change from {old[:2]}"
        time.sleep(0.05)


def results(sentence):
    """The numbers a rule ends with: what follows each '=' up to '、' or the end."""
    rule = sentence.split("\xa0", 1)[-1].split("  ", 1)[-1]
    return [numbers(part.split("=")[-1])[0] for part in rule.split("、") if "=" in part]


def check_apple_stepper(apple):
    """The apple stepper walks forward, then backward from right to left, then states the
    chain rule along each path."""
    state = step_state(apple)
    assert state[0].startswith("順伝播 1/7") and state[1] == ""
    states = [state]
    for _ in range(6):
        apple.get_by_role("button", name="進む ▶").click()
        states.append(wait_step(apple, states[-1]))
    sentences, nodes, pictures = zip(*states, strict=True)
    assert [s.split("\xa0")[0].strip() for s in sentences] == [
        "順伝播 1/7", "順伝播 2/7", "順伝播 3/7", "逆伝播 4/7", "逆伝播 5/7", "逆伝播 6/7",
        "まとめ 7/7"]
    assert list(nodes) == ["", "mul_apple", "mul_tax", "", "mul_tax", "mul_apple", ""]
    assert len(set(pictures)) == 7  # the picture changed at every step
    assert sentences[1].endswith("乗算ノード: 100 × 2 = 200")
    # backward: the gradient of the price first, then each node's gradients, right to left;
    # then the chain rule: the product along each path gives each input's gradient
    assert [results(s) for s in sentences[3:]] == [[1], [1.1, 200], [2.2, 110], [2.2, 110, 200]]
    assert apple.get_by_role("button", name="進む ▶").is_disabled()

    press(apple, "リンゴの値段", "ArrowRight", 1)  # a slider move keeps the step
    state = wait_step(apple, states[-1])
    assert state[0].startswith("まとめ 7/7") and state[1] == ""
    assert results(state[0]) == [2.2, 111.1, 202]
    nudge = apple.locator(".explore-nudge").inner_text()
    assert "リンゴの値段を +1 円 → 支払い 222.2 → 224.4 (勾配 2.2 × 1 = 2.2 のとおり)" in nudge

    apple.get_by_role("button", name="◀ 戻る").click()
    state = wait_step(apple, state)
    assert state[0].startswith("逆伝播 6/7") and state[1] == "mul_apple"
    assert results(state[0]) == [2.2, 111.1]
    apple.get_by_role("button", name="全部見る").click()
    whole = wait_step(apple, state)
    assert whole[0].startswith("全体") and whole[1] == ""


def test_apple_stepper_exercise_and_purchase_widgets(page, lab):
    # the last two views are the answers to the MulLayer and AddLayer exercises
    exercise, apple, apple_orange, _, _ = run_notebook(page, lab, "ch05_3_simple_layers.ipynb",
                                                       5).all()
    check_apple_stepper(apple)

    # the book's 5.3.3 exercise: type two answers, one right and one wrong, then check
    old = image_src(exercise)
    for name, typed in (("dAllPrice", "1.1"), ("dTax", "1.1")):
        box = exercise.locator(".widget-text", has_text=name).locator("input")
        box.fill(typed)
        box.press("Tab")
    exercise.get_by_role("button", name="答え合わせ").click()
    message = exercise.locator(".explore-message")
    message.filter(has_text="正解 1 / 8").wait_for(timeout=10_000)
    marks = exercise.locator(".explore-values").inner_text()
    assert "dAllPrice: 正解" in marks and "dTax: 違います" in marks and "乗算ノード" in marks
    assert "○" in exercise.inner_text() and "×" in exercise.inner_text()  # the marks by the boxes
    exercise.get_by_role("button", name="答えを見る").click()
    wait_new_image(exercise, old)  # the whole backward figure
    v = values(exercise)
    assert {k: v[k] for k in ("dTax", "dOrange", "dOrangeNum")} == {
        "dTax": "650", "dOrange": "3.3", "dOrangeNum": "165"}

    v = values(apple_orange)
    assert {k: v[k] for k in ("price", "dApple", "dApple_num", "dOrange_num", "dTax")} == {
        "price": "715", "dApple": "2.2", "dApple_num": "110", "dOrange_num": "165",
        "dTax": "650"}
    apple_orange.get_by_role("button", name="全部見る").click()
    old = image_src(apple_orange)
    press(apple_orange, "リンゴの値段", "ArrowRight", 5)

    def inputs(view, names):
        return [readout(view, name) for name in names]

    names = ("リンゴの値段", "リンゴの個数", "みかんの値段", "みかんの個数", "消費税")
    # the values shown must match the sliders, whatever their positions now
    v = wait_values(apple_orange, lambda v: readout(apple_orange, "リンゴの値段") == 105
                    and close(v["dApple_num"], 1.1 * 105))
    a, n, o, m, tax = inputs(apple_orange, names)
    assert close(v["dApple_num"], tax * a)
    assert close(v["dApple"], tax * n) and v["dApple"] == "2.2"  # independent of the price
    assert close(v["price"], tax * (a * n + o * m))
    assert close(v["dTax"], a * n + o * m)
    assert close(v["dOrange"], tax * m) and close(v["dOrange_num"], tax * o)
    wait_new_image(apple_orange, old)

    old = image_src(apple)
    press(apple, "消費税", "ArrowRight", 3)
    v = wait_values(apple, lambda v: readout(apple, "消費税") == 1.13
                    and close(v["dApple"], 1.13 * 2))
    a, n, tax = inputs(apple, ("リンゴの値段", "リンゴの個数", "消費税"))
    assert close(v["dApple"], tax * n)
    assert close(v["dApple_num"], tax * a)
    assert close(v["price"], tax * a * n)
    assert close(v["dTax"], a * n)
    wait_new_image(apple, old)

    # the play button walks through the steps by itself
    start = step_state(apple_orange)
    apple_orange.locator(".widget-play button").first.click()
    seen = set()
    deadline = time.monotonic() + 20
    while len(seen) < 3:
        assert time.monotonic() < deadline, f"play showed only {seen}"
        sentence = step_state(apple_orange)[0]
        if sentence != start[0]:
            seen.add(sentence.split("\xa0")[0])
        time.sleep(0.1)
    assert all(s.startswith("順伝播") or s.startswith("逆伝播") for s in seen)


MUL_LAYER = """class MyMulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        return x * y

    def backward(self, dout):
        return {dx}, {dy}
"""


def code_cell(page, text):
    """The code cell whose input holds `text` (exactly one)."""
    cell = page.locator(".jp-CodeCell").filter(
        has=page.locator(".jp-InputArea", has_text=text))
    assert cell.count() == 1, f"{cell.count()} code cells hold {text!r}"
    return cell


def replace_and_run(cell, text):
    """Replace the cell's text as a reader does (select all, type) and run it in place."""
    editor = cell.locator(".cm-content")
    editor.click()
    editor.press("ControlOrMeta+a")
    editor.page.keyboard.insert_text(text)
    editor.press("ControlOrMeta+Enter")


def marks(cell, expected, timeout=15):
    """The check's ✓ / ✗ / – row once it equals `expected`."""
    deadline = time.monotonic() + timeout
    while True:
        row = [t.strip() for t in cell.locator(".layer-check td").all_inner_texts()]
        if row == expected:
            return row
        assert time.monotonic() < deadline, f"the check shows {row}, not {expected}"
        time.sleep(0.1)


def test_writing_mul_layer_in_the_page_turns_the_check_from_wrong_to_right(page, lab):
    run_notebook(page, lab, "ch05_3_simple_layers.ipynb", 5)
    skeleton = code_cell(page, "class MyMulLayer:")
    check = code_cell(page, 'check_layer("mul", MyMulLayer)')
    assert "raise NotImplementedError" in skeleton.locator(".jp-InputArea").inner_text()
    marks(check, ["✓", "–", "–"])  # as stored: the skeleton's forward, no gradient checked yet
    assert "NotImplementedError" in check.locator(".jp-OutputArea").inner_text()

    # a first try that forgets to swap the inputs: forward is right, both gradients wrong
    replace_and_run(skeleton, MUL_LAYER.format(dx="dout * self.x", dy="dout * self.y"))
    check.locator(".cm-content").click()
    check.locator(".cm-content").press("ControlOrMeta+Enter")
    marks(check, ["✓", "✗", "✗"])
    output = check.locator(".jp-OutputArea").inner_text()
    assert "dx, dy が違います。" in output
    assert "正しい dx = 4.5" in output and "あなたの dx = 3" in output  # x = 2, y = 3, dout = 1.5
    assert "乗算ノードは入力を入れ替えて掛けます" in output  # the hint for this mistake
    assert check.locator(".layer-check").get_attribute("data-ok") == "false"

    # swapped: every mark turns ✓
    replace_and_run(skeleton, MUL_LAYER.format(dx="dout * self.y", dy="dout * self.x"))
    check.locator(".cm-content").click()
    check.locator(".cm-content").press("ControlOrMeta+Enter")
    marks(check, ["✓", "✓", "✓"])
    assert check.locator(".layer-check").get_attribute("data-ok") == "true"
    assert "正解です" in check.locator(".jp-OutputArea").inner_text()


def sigmoid_matches(view, v):
    x, dout = readout(view, "x"), readout(view, "dout")
    y = 1 / (1 + math.exp(-x))
    return (close_rel(v["y"], y) and close_rel(v["局所的な微分"], y * (1 - y))
            and close_rel(v["dx"], dout * y * (1 - y)) and close_rel(v["dout"], dout))


def relu_matches(view, v):
    x, dout = readout(view, "x"), readout(view, "dout")
    grad = 1.0 if x > 0 else 0.0
    return (close_rel(v["y"], max(x, 0.0)) and float(v["局所的な微分"]) == grad
            and close_rel(v["dx"], dout * grad) and close_rel(v["dout"], dout))


def close_rel(text, b):
    return abs(float(text) - b) <= 1e-5 * max(abs(b), 1e-3)


def test_activation_widgets(page, lab):
    question, sigmoid, expression, view, relu_answer, sigmoid_answer = run_notebook(
        page, lab, "ch05_5_activation_layers.ipynb", 6).all()
    question.locator("label").filter(has_text=re.compile(r"^\s*3\s*$")).click()  # a wrong guess
    question.get_by_role("button", name="答えを見る").click()
    message = question.locator(".explore-message")
    message.filter(has_text="残念").wait_for(timeout=10_000)
    assert "違います" in message.inner_text() and values(question)["答え"] == "0"
    question.locator("label").filter(has_text=re.compile(r"^\s*0\s*$")).click()
    message.filter(has_text="正解!").wait_for(timeout=10_000)
    for _ in range(9):
        state = step_state(sigmoid)
        sigmoid.get_by_role("button", name="進む ▶").click()
        wait_step(sigmoid, state)
    state = step_state(sigmoid)
    assert state[0].startswith("逆伝播 10/11") and state[1] == "neg"
    press(sigmoid, "x", "ArrowLeft", 10)  # x from 1 to 0: dx = y(1 - y) = 0.25
    deadline = time.monotonic() + 10
    while not step_state(sigmoid)[0].endswith("= 0.25"):
        assert time.monotonic() < deadline, step_state(sigmoid)[0]
        time.sleep(0.05)
    assert step_state(sigmoid)[0].startswith("逆伝播 10/11")
    assert float(values(sigmoid)["dx"]) == pytest.approx(0.25)
    state = step_state(sigmoid)  # the last step: the chain rule, 1 × (-y²) × 1 × exp(-x) × (-1)
    sigmoid.get_by_role("button", name="進む ▶").click()
    state = wait_step(sigmoid, state)
    assert state[0].startswith("まとめ 11/11") and state[0].endswith(
        "= 1 × (-0.25) × 1 × 1 × (-1) = 0.25")

    # the reader's own sigmoid: the same gradient y(1 - y) at x = 1, and its nudge agrees
    v = values(expression)
    assert float(v["y"]) == pytest.approx(0.7311) and float(v["∂y/∂x"]) == pytest.approx(0.1966)
    assert "Δy/h = 0.1966" in expression.locator(".explore-nudge").inner_text()

    view.get_by_role("button", name="Sigmoid").click()
    old = image_src(view)
    start = readout(view, "x")
    press(view, "x", "ArrowLeft", 15)
    v = wait_values(view, lambda v: readout(view, "x") < start - 1 and sigmoid_matches(view, v))
    assert float(v["dx"]) == pytest.approx(float(v["dout"]) * float(v["局所的な微分"]), rel=1e-5)
    wait_new_image(view, old)

    press(view, "dout", "ArrowLeft", 7)
    view.get_by_role("button", name="ReLU").click()
    v = wait_values(view, lambda v: readout(view, "dout") < 0.5 and relu_matches(view, v))
    assert float(v["dx"]) == pytest.approx(float(v["dout"]) * float(v["局所的な微分"]))

    # the exercises: the answers stay hidden until asked for
    for answer, name in [(relu_answer, "Relu"), (sigmoid_answer, "Sigmoid")]:
        shown = answer.locator(".checker-answer")
        assert "def backward" not in shown.inner_text()
        answer.get_by_role("button", name="答えを見る").click()
        shown.filter(has_text=f"class My{name}:").wait_for(timeout=10_000)
        assert f"common.layers.{name}" in shown.inner_text()
        assert "def backward(self, dout)" in shown.inner_text()


def test_affine_and_softmax_widgets(page, lab):
    _, affine_answer, affine, _, softmax_graph, loss_answer, softmax = run_notebook(
        page, lab, "ch05_6_affine_softmax.ipynb", 7).all()

    # the exercises' answers, revealed on request: the layers of common.layers
    for view, name in ((affine_answer, "Affine"), (loss_answer, "SoftmaxWithLoss")):
        shown = view.locator(".checker-answer")
        assert "def backward" not in shown.inner_text()
        view.get_by_role("button", name="答えを見る").click()
        shown.filter(has_text="def backward").wait_for(timeout=10_000)
        assert f"common.layers.{name}" in shown.inner_text()
        assert f"class My{name}:" in shown.inner_text()

    box = affine.locator("textarea").first  # X
    box.fill("1 2 3")
    box.blur()
    message = affine.locator(".explore-message")
    message.filter(has_text="列").wait_for(timeout=10_000)
    assert "X は 3 列ですが W は 2 行です" in message.inner_text()
    box.fill("2 0\n0 1\n1 1")
    affine.locator("textarea").nth(3).fill("1 0 0 1\n0 1 -1 0\n2 2 2 2")  # dout (3, 4)
    affine.locator("textarea").nth(3).blur()

    def gradients():
        """(dW header, dW numbers, db numbers) as the widget shows them now."""
        text = affine.locator(".explore-values").inner_text()
        if "dW = " not in text or "db = " not in text:  # still showing the last error
            return "", [], []
        header, body = text.split("dW = ")[1].split("db = ")[0].split("\n", 1)
        return header, numbers(body), numbers(text.split("db = ")[1].split("\n", 1)[1])

    # dW = Xᵀ·dout with X = [[2, 0], [0, 1], [1, 1]]; the default dout is (3, 4) as well,
    # so wait for the new numbers, not for a shape
    deadline = time.monotonic() + 10
    while gradients()[1] != [4, 2, 2, 4, 2, 3, 1, 2]:
        assert time.monotonic() < deadline, f"dW never became Xᵀ·dout: {gradients()}"
        time.sleep(0.05)
    header, _, db = gradients()
    assert "(2, 4)" in header.split("→")[-1]
    assert db == [3, 3, 1, 3]
    assert message.inner_text().strip() == ""
    for _ in range(5):  # to the last step: the dot node's backward, with the shapes
        state = step_state(affine)
        affine.get_by_role("button", name="進む ▶").click()
        wait_step(affine, state)
    assert "(3, 4)·(4, 2) → (3, 2)" in step_state(affine)[0]

    state = step_state(softmax_graph)
    softmax_graph.get_by_role("button", name="全部見る").click()
    state = wait_step(softmax_graph, state)
    softmax_graph.get_by_role("button", name="t₁ = 1").click()
    deadline = time.monotonic() + 10
    while not values(softmax_graph)["t"].startswith("[1."):
        assert time.monotonic() < deadline, values(softmax_graph)
        time.sleep(0.05)
    wait_new_image(softmax_graph, state[2])

    old = image_src(softmax)
    press(softmax, "a₁", "ArrowRight", 20)
    softmax.get_by_role("button", name="t₁ = 1", exact=True).click()

    def expected():
        logits = [readout(softmax, f"a{k}") for k in ("₁", "₂", "₃")]
        exps = [math.exp(a - max(logits)) for a in logits]
        return [e / sum(exps) for e in exps]

    def matches(v):
        y = expected()
        return (readout(softmax, "a₁") > 2 and v["t"].startswith("[1.")
                and all(abs(a - b) < 1e-4 for a, b in zip(numbers(v["y"]), y, strict=True)))

    v = wait_values(softmax, matches)
    y = expected()
    assert sum(numbers(v["y"])) == pytest.approx(1, abs=1e-3)
    assert numbers(v["y - t"]) == pytest.approx([y[0] - 1, y[1], y[2]], abs=1e-4)
    assert float(v["loss"]) == pytest.approx(-math.log(y[0]), abs=1e-4)
    wait_new_image(softmax, old)


def widget_cells_only(path, keep_through):
    """A copy of the notebook at `path` with its widget cells and the code cells up to the
    first one containing `keep_through` (what the widgets need), written beside it.

    The rest of the notebook (here, minutes of training) is run by nbval; leaving it out
    keeps the browser test short. Returns the copy's name.
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    first = next(k for k, c in enumerate(code) if keep_through in "".join(c["source"]))
    nb["cells"] = [c for k, c in enumerate(code)
                   if k <= first or any("application/vnd.jupyter.widget-view+json" in
                                        out.get("data", {}) for out in c["outputs"])]
    copy = path.with_name(path.stem + ".widgets.ipynb")
    copy.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return copy.name


def test_two_layer_net_stepper_breakit_and_training_dashboard(page, lab):
    name = widget_cells_only(lab["notebooks"] / "ch05_7_two_layer_net.ipynb", "load_mnist(")
    question, answer, net, breakit, view = run_notebook(page, lab, name, 5).all()
    question.locator("label").filter(has_text="79520").click()
    question.get_by_role("button", name="答えを見る").click()
    question.locator(".explore-message").filter(has_text="正解!").wait_for(timeout=10_000)

    # the gradient exercise's answer: TwoLayerNet.gradient, shown on request only
    assert "layers.reverse()" not in answer.inner_text()
    answer.get_by_role("button", name="答えを見る").click()
    shown = answer.locator(".checker-answer").filter(has_text="layers.reverse()")
    shown.wait_for(timeout=10_000)
    assert "def gradient(self, x, t):" in shown.inner_text()

    # break it: no bug, every gradient right; forgetting / batch_size breaks all four
    assert set(values(breakit).values()) == {v for v in values(breakit).values()
                                             if v.endswith("正しい")}
    breakit.get_by_role("button", name="Softmax: / batch_size を忘れる").click()
    deadline = time.monotonic() + 10
    while not all(v.endswith("バグ") for v in values(breakit).values()):
        assert time.monotonic() < deadline, values(breakit)
        time.sleep(0.05)
    assert sorted(values(breakit)) == ["W1", "W2", "b1", "b2"]
    code = breakit.locator(".breakit-code").filter(has_text="正:")
    code.wait_for(timeout=10_000)
    assert "正: return dx * (dout / n)" in code.inner_text()
    assert "誤: return dx * dout" in code.inner_text()
    nodes = []
    for _ in range(9):
        state = step_state(net)
        net.get_by_role("button", name="進む ▶").click()
        nodes.append(wait_step(net, state)[1])
    assert nodes == ["affine1", "relu", "affine2", "loss", "", "loss", "affine2", "relu",
                     "affine1"]

    iters = view.locator(".widget-text", has_text="繰り返しの回数").locator("input")
    iters.fill("400")
    iters.press("Enter")
    view.get_by_role("button", name="学習").click()
    message = view.locator(".explore-message")
    message.filter(has_text="回の学習で完了").wait_for(timeout=60_000)
    v = values(view)
    assert v["状態"] == "完了" and v["繰り返し"] == "400"
    test_acc = float(re.search(r"テストデータの精度 (\d\.\d+)", message.inner_text()).group(1))
    assert test_acc > 0.8
    assert (image_src(view) or "").startswith("blob:") or image_src(view).startswith("data:")
    bar = view.locator(".progress-bar")
    assert bar.get_attribute("style") and "100%" in bar.get_attribute("style")
    assert "Error displaying widget" not in page.locator(".jp-Notebook").inner_text()


def test_english_edition_apple_widget(page, lab):
    exercise, apple, apple_orange, answer, _ = run_notebook(
        page, lab, "en/ch05_3_simple_layers.ipynb", 5).all()
    answer.get_by_role("button", name="Show the answer").click()
    answer.locator(".checker-answer").filter(has_text="def backward(self, dout):").wait_for(
        timeout=10_000)
    assert "gradients of common.layers.MulLayer" in answer.inner_text()
    assert "Check" in exercise.inner_text() and "Show the answers" in exercise.inner_text()
    state = step_state(apple)
    assert state[0].startswith("forward pass 1/7")
    assert "start from the inputs: apple price = 100" in state[0]
    apple.get_by_role("button", name="Next ▶").click()
    state = wait_step(apple, state)
    assert state[0].startswith("forward pass 2/7") and state[1] == "mul_apple"
    old = image_src(apple)
    press(apple, "apple price", "ArrowRight", 2)  # the slider named in English moves the numbers
    v = wait_values(apple, lambda v: readout(apple, "apple price") == 102
                    and close(v["dApple_num"], 1.1 * 102))
    assert close(v["price"], 1.1 * 102 * 2)
    wait_new_image(apple, old)
    text = page.locator(".jp-Notebook").inner_text()
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), "Japanese in the English edition"
