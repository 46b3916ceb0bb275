"""What a newcomer sees on opening JupyterLab: no "Would you like to get notified about official
Jupyter news?" prompt. Installing nnlib (`pip install -e .`, or `pip install .` on Binder) puts
jupyterlab-settings/nnlib.json into this environment's JupyterLab settings; these tests start
JupyterLab with its default settings folders (and the user's own settings empty), so they see
what the README's command gives. As a counter-example, a JupyterLab that does not read that folder
shows the prompt."""

import json
import os
import secrets
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import REPO_ROOT, JupyterLab, free_loopback_port, stop, wait_until_answering

SETTINGS = REPO_ROOT / "jupyterlab-settings" / "nnlib.json"
INSTALLED = Path(sys.prefix, "share", "jupyter", "lab", "settings", "overrides.d", SETTINGS.name)
NOTIFICATION = "@jupyterlab/apputils-extension:notification"
KERNELS = "@jupyterlab/apputils-extension:kernels-settings"
NEWS_PROMPT = "Would you like to get notified about official Jupyter news?"
# After JupyterLab has started in the page, the prompt shows at once when it shows at all.
PROMPT_TIMEOUT = 10_000  # ms to wait for it where it must show
QUIET_TIME = 1_500  # ms to look for it where it must not


def start_jupyter_lab(home, *options):
    """JupyterLab started in the repository as the README starts it, with the user's settings,
    configuration and workspaces in empty folders under `home`."""
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "user-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"))
    env.pop("JUPYTERLAB_DIR", None)  # JupyterLab's app folder: the environment's own
    port, token = free_loopback_port(), secrets.token_hex(16)
    lab = JupyterLab(port, token, home / "jupyterlab.log")
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               "--LabApp.expose_app_in_browser=True", *options]  # to know when it has started
    with open(lab.log_path, "wb") as log:
        server = subprocess.Popen(command, env=env, cwd=REPO_ROOT, stdout=log,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    return lab, server


@pytest.fixture(scope="module")
def labs(tmp_path_factory):
    """Two JupyterLabs, started side by side: a newcomer's, and one that does not read the
    environment's settings folder (it reads an empty one instead)."""
    empty = tmp_path_factory.mktemp("empty-app-settings")
    started = [start_jupyter_lab(tmp_path_factory.mktemp("newcomer")),
               start_jupyter_lab(tmp_path_factory.mktemp("without-settings"),
                                 f"--LabApp.app_settings_dir={empty}")]
    try:
        for lab, server in started:
            wait_until_answering(lab, server)
        yield [lab for lab, _ in started]
    finally:
        for _, server in started:
            stop(server)


@pytest.fixture
def newcomers_lab(labs):
    return labs[0]


@pytest.fixture
def lab_without_the_settings(labs):
    return labs[1]


def served_notification_defaults(lab):
    with urllib.request.urlopen(lab.url(f"lab/api/settings/{NOTIFICATION}"), timeout=10) as answer:
        properties = json.load(answer)["schema"]["properties"]
    return properties["fetchNews"]["default"], properties["checkForUpdates"]["default"]


def served_default(lab, plugin, setting):
    with urllib.request.urlopen(lab.url(f"lab/api/settings/{plugin}"), timeout=10) as answer:
        return json.load(answer)["schema"]["properties"][setting]["default"]


def news_prompts_after_start(browser, lab, wait_ms):
    """How many news prompts JupyterLab shows, looking until one shows or `wait_ms` after the
    page has started."""
    page = browser.new_page()
    try:
        page.goto(lab.url("lab"))
        page.wait_for_function("window.jupyterapp", timeout=60_000)
        page.evaluate("() => window.jupyterapp.restored.then(() => true)")
        prompt = page.get_by_text(NEWS_PROMPT)
        try:
            prompt.first.wait_for(timeout=wait_ms)
        except PlaywrightTimeout:
            pass
        return prompt.count()
    finally:
        page.close()


def test_installing_nnlib_installed_the_settings():
    assert INSTALLED.is_file() and INSTALLED.read_text() == SETTINGS.read_text(), (
        f"{INSTALLED} is missing or out of date: reinstall nnlib with `pip install -e .`")
    assert json.loads(SETTINGS.read_text())[NOTIFICATION] == {
        "fetchNews": "false", "checkForUpdates": False}
    assert json.loads(SETTINGS.read_text())[KERNELS] == {"commsOverSubshells": "disabled"}


def test_jupyterlab_serves_news_and_update_checks_off(newcomers_lab, lab_without_the_settings):
    assert served_notification_defaults(newcomers_lab) == ("false", False)
    # The counter-example: JupyterLab's own defaults ask about the news and check for updates.
    assert served_notification_defaults(lab_without_the_settings) == ("none", True)


def test_jupyterlab_sends_widget_messages_on_the_main_shell(newcomers_lab,
                                                         lab_without_the_settings):
    """Sent over subshells, the messages of one widget may reach the kernel on two threads and
    be handled out of order: a slider would stay at a value it showed before the last. On one
    shell they are handled one after another, in the order sent."""
    assert served_default(newcomers_lab, KERNELS, "commsOverSubshells") == "disabled"
    assert served_default(lab_without_the_settings, KERNELS, "commsOverSubshells") == \
        "perCommTarget"


def test_no_news_prompt_when_jupyterlab_opens(browser, newcomers_lab):
    assert news_prompts_after_start(browser, newcomers_lab, QUIET_TIME) == 0


def test_without_the_settings_the_news_prompt_shows(browser, lab_without_the_settings):
    assert news_prompts_after_start(browser, lab_without_the_settings, PROMPT_TIMEOUT) == 1
