"""The benchmark scripts run and print what their docstrings promise (no timing is checked),
and refuse a bad number as a usage error before they load anything."""
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def run(script, *args):
    result = subprocess.run([sys.executable, str(BENCHMARKS / script), *args],
                            capture_output=True, text=True, timeout=300, env=os.environ.copy())
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("script", ["train_mnist.py", "book_baseline.py"])
def test_training_benchmark_prints_table_and_summary(script):
    lines = run(script, "--iters", "601")
    assert lines[0].split()[:2] == ["epoch", "iter"]
    assert [line.split()[1] for line in lines[1:-1]] == ["0", "600"]
    last = re.fullmatch(r"test_acc=(\S+) (?:final_test_acc=\S+ )?time_s=(\S+) peak_rss_mb=(\d+)",
                        lines[-1])
    assert last, lines[-1]
    assert 0.85 < float(last[1]) <= 1  # one epoch of the book's protocol
    assert float(last[2]) > 0 and int(last[3]) > 0


def test_matmul_floor_prints_each_product():
    lines = run("matmul_floor.py", "--threads", "1", "--iters", "200")
    assert lines[0].startswith("BLAS threads: 1;")
    names = [line[:18].strip() for line in lines[2:5]]
    assert names == ["x @ W1 (forward)", "x.T @ dout (dW1)", "evaluations"]
    gflop = [float(line.split()[-2]) for line in lines[2:5]]
    assert gflop == [pytest.approx(200 * 2 * 100 * 784 * 50 / 1e9, abs=0.05)] * 2 + [
        pytest.approx(2 * 2 * 70000 * 784 * 50 / 1e9, abs=0.05)]  # measured at 0 and 199
    assert re.fullmatch(r"floor_s=\S+ gflop=\S+ at_peak_s=\S+", lines[-1])


def test_widget_benchmark_reports_every_widget():
    lines = run("widget_updates.py", "--repeat", "3")
    assert lines[0].split()[:3] == ["widget:move", "median", "ms"]
    names = [line.split()[0] for line in lines[1:]]
    steppers = ["apple_widget", "apple_orange_widget", "sigmoid_widget", "affine_widget",
                "softmax_graph_widget", "softmax_graph_widget:CE"]
    assert names == [f"{name}:{move}" for name in steppers for move in ("step", "slider")] + [
        "two_layer_net_widget:step", "expression_widget:step", "expression_widget:slider",
        "expression_widget:new", "activation_widget:Sigmoid", "activation_widget:ReLU",
        "softmax_widget"]
    for line in lines[1:]:
        median, worst = re.search(r"\s([\d.]+)\s+([\d.]+)(?:  over budget)?$", line).groups()
        assert 0 < float(median) <= float(worst), line


@pytest.mark.parametrize("script, args, name", [
    ("book_baseline.py", ["--iters", "0"], "--iters"),
    ("book_baseline.py", ["--seed", "-1"], "--seed"),
    ("book_baseline.py", ["--seed", str(2**32)], "--seed"),  # np.random.seed's limit
    ("matmul_floor.py", ["--iters", "0"], "--iters"),
    ("matmul_floor.py", ["--threads", "0"], "--threads"),
    ("widget_updates.py", ["--repeat", "0"], "--repeat"),
    ("train_mnist.py", ["--seed", "-1"], "--seed"),
    ("train_mnist.py", ["--iters", "0"], "--iters"),
    ("train_mnist.py", ["--iters", "ten"], "--iters"),
])
def test_bad_numbers_are_usage_errors_before_mnist_is_loaded(tmp_path, script, args, name):
    env = {**os.environ, "MNIST_DIR": str(tmp_path / "no-mnist")}  # loading it would fail
    start = time.monotonic()
    result = subprocess.run([sys.executable, str(BENCHMARKS / script), *args],
                            capture_output=True, text=True, timeout=60, env=env)
    assert time.monotonic() - start < 10
    assert result.returncode == 2 and result.stdout == "", result.stderr
    usage, error = result.stderr.splitlines()[0], result.stderr.splitlines()[-1]
    assert usage.startswith(f"usage: {script}")
    assert error.startswith(f"{script}: error: argument {name}: must be a whole number"), error
    assert args[1] in error  # the value given
