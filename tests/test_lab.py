"""The README's `make lab` really starts JupyterLab: as root and as a normal user,
with and without MNIST, and leaves nothing behind when stopped.

The server gets no browser, a free port and its own Jupyter folders; make is told
not to rebuild the venv (-o), and uses the venv that runs this test (for the normal
user, a venv of the system's Python with that venv's packages).
"""
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "zero-dl-ch05-lab-test"
VENV = Path(sys.prefix)

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _repo_files():
    """Untracked and changed files of the repository (git ignores the venv and the cache)."""
    out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return set(out.splitlines())


def start_lab(tmp_path, mnist_dir, user=None, venv=VENV):
    """Run `make lab` as the README says; return (process, log path, url) once it answers."""
    port = _free_port()
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("JUPYTER")}
    env.update(HOME=str(home), MNIST_DIR=str(mnist_dir),
               JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"))
    if user is not None:
        shutil.chown(home, user.pw_uid, user.pw_gid)
        env.update(USER=user.pw_name, LOGNAME=user.pw_name)
    lab_args = (f"--no-browser --ip=127.0.0.1 --port={port} --port-retries=0 "
                f"--IdentityProvider.token={TOKEN}")
    log_path = tmp_path / "make-lab.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "-o", f"{venv}/bin/activate.done", "lab",
             f"VENV={venv}", f"LAB_ARGS={lab_args}"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            user=None if user is None else user.pw_uid,
            group=None if user is None else user.pw_gid)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2) as r:
                assert r.status == 200
                return process, log_path, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                pytest.fail("make lab did not start JupyterLab:\n" + log_path.read_text())
            time.sleep(0.25)


def stop(process):
    """SIGTERM to make and the server (one session); True if all of it ended."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return True
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return False
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)  # is any process of the session left?
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    return False


def _check_lab(tmp_path, mnist_dir, user=None, venv=VENV):
    before = _repo_files()
    process, log_path, url = start_lab(tmp_path, mnist_dir, user, venv)
    try:
        with urllib.request.urlopen(f"{url}/api/contents/ch05_1_computational_graph.ipynb"
                                    f"?content=0&token={TOKEN}", timeout=10) as r:
            assert r.status == 200, "the server does not serve the notebooks folder"
    finally:
        stopped = stop(process)
    log = log_path.read_text()
    assert stopped, f"processes of make lab were still running after SIGTERM:\n{log}"
    assert _repo_files() == before, "make lab left files behind in the repository"
    return log


def test_make_lab_starts_jupyterlab(tmp_path):
    log = _check_lab(tmp_path, os.environ.get("MNIST_DIR") or tmp_path / "no-mnist")
    if os.geteuid() == 0:
        assert "Running as root" in log and "--allow-root" in log
    else:
        assert "Running as root" not in log


def test_make_lab_starts_without_mnist(tmp_path):
    empty = tmp_path / "no-mnist"
    empty.mkdir()
    log = _check_lab(tmp_path, empty)
    lines = [line for line in log.splitlines() if line.startswith("MNIST is not ready")]
    assert len(lines) == 1, log
    assert "lacks train-images-idx3-ubyte.gz" in lines[0]
    assert "5.1-5.6 work without it" in lines[0] and "MNIST_DIR" in lines[0]


def _cannot_run(user, venv):
    """Why `user` cannot run the venv's Python, its packages and the repository ("" if it can)."""
    try:
        probe = subprocess.run(
            [str(venv / "bin" / "python"), "-c",
             f"import numpy, jupyterlab, matplotlib_fontja; open({str(ROOT / 'Makefile')!r})"],
            user=user.pw_uid, group=user.pw_gid, capture_output=True, text=True)
    except PermissionError as e:  # e.g. a Python installed under /root (mode 700), as pyenv does
        return str(e)
    return probe.stderr.strip() if probe.returncode else ""


def _venv_for(user, tmp_path):
    """(venv, None) with a venv `user` can run, or (None, the reason there is none).

    That is the venv running the tests if the user can run it. Otherwise (its Python lies
    under /root) a venv of the system's Python of the same version, with this venv's
    packages (readable by all) on its path and this venv's scripts pointed at its Python.
    """
    if not _cannot_run(user, VENV):
        return VENV, None
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system_python = shutil.which(version, path="/usr/local/bin:/usr/bin")
    if system_python is None:
        return None, f"user {user.pw_name} cannot run {VENV}, and there is no system {version}"
    venv = tmp_path / "venv"
    subprocess.run([system_python, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = venv / "lib" / version / "site-packages"
    (site / "project-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    shebang = f"#!{VENV}/bin/python".encode()
    for script in (VENV / "bin").iterdir():
        if script.is_file() and not script.is_symlink() and script.read_bytes().startswith(shebang):
            target = venv / "bin" / script.name
            target.write_bytes(f"#!{venv}/bin/python".encode()
                               + script.read_bytes()[len(shebang):])
            target.chmod(0o755)
    reason = _cannot_run(user, venv)
    if reason:
        return None, f"user {user.pw_name} cannot use the packages: {reason}"
    return venv, None


@pytest.fixture
def shared_tmp():
    """A folder another user can reach (pytest's own tmp_path lies under a mode-700 folder)."""
    path = Path(tempfile.mkdtemp(prefix="zero-dl-ch05-lab-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


@pytest.mark.skipif(os.geteuid() != 0, reason="runs `make lab` as another user: needs root")
def test_make_lab_as_a_normal_user(shared_tmp):
    user = pwd.getpwnam("nobody")
    venv, reason = _venv_for(user, shared_tmp)
    if venv is None:
        pytest.skip(reason)
    work = shared_tmp / "lab"
    work.mkdir()
    shutil.chown(work, user.pw_uid, user.pw_gid)
    log = _check_lab(work, os.environ.get("MNIST_DIR") or work / "no-mnist", user, venv)
    assert "Running as root" not in log


# --- what make hands to the processes it starts (a stub venv: nothing is installed or served) ---

def stub_venv(tmp_path, python=None):
    """A venv for make whose jupyter prints its first argument and MNIST_DIR, then exits.

    Its python does the same, or runs `python` when one is given.
    """
    venv = tmp_path / "stub-venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "activate.done").touch()
    echo = '#!/bin/sh\necho "$(basename "$0") $1 MNIST_DIR=${MNIST_DIR-(unset)}"\n'
    scripts = {"jupyter": echo,
               "python": echo if python is None else f'#!/bin/sh\nexec "{python}" "$@"\n'}
    for name, text in scripts.items():
        (venv / "bin" / name).write_text(text)
        (venv / "bin" / name).chmod(0o755)
    return venv


def run_make(target, venv, mnist_dir, *args, prefix=()):
    """make target with the stub venv; MNIST_DIR in the environment (None: unset)."""
    env = {key: value for key, value in os.environ.items() if key != "MNIST_DIR"}
    if mnist_dir is not None:
        env["MNIST_DIR"] = mnist_dir
    return subprocess.run([*prefix, "make", "--no-print-directory", "-o",
                           f"{venv}/bin/activate.done", target, f"VENV={venv}", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("target", ["data", "lab"])
@pytest.mark.parametrize("given, args, seen", [
    ("mydata", [], f"{ROOT}/mydata"),
    (None, ["MNIST_DIR=mydata"], f"{ROOT}/mydata"),  # on make's command line
    ("../my data", [], f"{ROOT}/../my data"),
    ("/somewhere/my data", [], "/somewhere/my data"),
    ("", [], ""),
    (None, [], "(unset)"),
], ids=["relative", "relative on the command line", "relative with a space", "absolute",
        "empty", "unset"])
def test_make_gives_its_processes_an_absolute_mnist_dir(tmp_path, target, given, args, seen):
    """Notebook kernels run in notebooks/: a relative MNIST_DIR would mean another folder there."""
    result = run_make(target, stub_venv(tmp_path), given, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    said = [line.split(" MNIST_DIR=", 1) for line in result.stdout.splitlines()
            if " MNIST_DIR=" in line]
    programs = ["python -m"] + (["jupyter lab"] if target == "lab" else [])
    assert said == [[program, seen] for program in programs], result.stdout


def test_make_lab_goes_on_when_mnist_dir_cannot_be_searched(tmp_path):
    prefix = []
    if os.geteuid() == 0:  # root ignores file permissions unless it gives up that power
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv to run make without root's power over file permissions")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    locked = tmp_path / "mnist"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = run_make("lab", stub_venv(tmp_path, python=sys.executable), str(locked),
                          prefix=prefix)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"MNIST is not ready: MNIST_DIR={locked}: permission denied")
    assert lines[-1] == f"jupyter lab MNIST_DIR={locked}"  # JupyterLab is started
    assert "Traceback" not in result.stderr
