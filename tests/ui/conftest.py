"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, and a real JupyterLab
started on a loopback port for the whole session."""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# JupyterLab settings: no news prompt over the screenshots, and no autosave, which would write
# the outputs of a long run into the repository's notebooks.
OVERRIDES = Path(__file__).with_name("overrides.json")
NNLIB_SETTINGS = REPO_ROOT / "jupyterlab-settings" / "nnlib.json"
SERVER_START_TIMEOUT = 90  # seconds; a cold start on a loaded CI machine is slow

# Playwright's own browser download does not work here: use the system Chromium. Without the
# networking flags Chromium keeps trying to reach Google, which this machine's network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--no-first-run"]


def find_chromium():
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        reason = ("no Chromium found (/usr/bin/chromium or `chromium` on PATH); "
                  "install Debian's package: apt-get install chromium")
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the browser tests must run, but {reason}", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class JupyterLab:
    def __init__(self, port, token, log_path):
        self.base_url = f"http://127.0.0.1:{port}"
        self.token = token
        self.log_path = log_path

    def url(self, path, query=""):
        """The address of `path` on this server, with the token in the query."""
        query = f"{query}&" if query else ""
        return f"{self.base_url}/{path}?{query}token={self.token}"

    def shut_down_kernels(self):
        """So that one notebook's kernel does not linger while the next one runs."""
        with urllib.request.urlopen(self.url("api/kernels"), timeout=10) as answer:
            kernels = json.load(answer)
        for kernel in kernels:
            request = urllib.request.Request(self.url(f"api/kernels/{kernel['id']}"),
                                             method="DELETE")
            try:
                urllib.request.urlopen(request, timeout=30).close()
            except urllib.error.HTTPError as error:
                if error.code != 404:  # 404: it had stopped already
                    raise

    def log_tail(self, lines=40):
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])


def free_loopback_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def jupyter_lab(chromium_path, tmp_path_factory):
    """JupyterLab serving the repository, with its settings and state kept in a temporary
    folder so that neither the user's settings nor earlier runs change what the test sees."""
    home = tmp_path_factory.mktemp("jupyter")
    app_settings = home / "app-settings"  # where JupyterLab reads overrides.json
    app_settings.mkdir()
    # nnlib's own settings (installed where this JupyterLab, given its own folder, does not
    # look), and the tests' (no autosave: the notebooks stay as stored).
    overrides = {**json.loads(NNLIB_SETTINGS.read_text()), **json.loads(OVERRIDES.read_text())}
    (app_settings / "overrides.json").write_text(json.dumps(overrides))
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "user-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"))
    port, token = free_loopback_port(), secrets.token_hex(16)
    lab = JupyterLab(port, token, home / "jupyterlab.log")
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={REPO_ROOT}", f"--LabApp.app_settings_dir={app_settings}",
               # Opening a notebook saves a checkpoint of it: keep those out of the repository.
               f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}",
               "--LabApp.expose_app_in_browser=True"]  # window.jupyterapp, to run commands
    with open(lab.log_path, "wb") as log:
        # A session of its own: a Ctrl-C meant for pytest does not reach it (it would ask
        # "Shutdown this Jupyter server?"), and `stop` can signal all of its processes.
        server = subprocess.Popen(command, env=env, cwd=REPO_ROOT, stdout=log,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_answering(lab, server)
        yield lab
    finally:
        stop(server)


def wait_until_answering(lab, server):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited with code {server.returncode}:\n{lab.log_tail()}",
                        pytrace=False)
        try:
            with urllib.request.urlopen(lab.url("api/status"), timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n{lab.log_tail()}",
                pytrace=False)


def stop(server):
    """SIGTERM to JupyterLab's process group, on which it shuts its kernels down (they run in
    sessions of their own); SIGKILL if it lingers."""
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue
