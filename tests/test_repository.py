"""Checks on the repository itself: notebooks stored clean, Binder's setup, the pins, the licence,
the README's links and commands, and CI running the README's test command.

Each check is a function that returns a list of problems; the tests assert that list is empty for
the real files, and that it is not empty for a made-up bad example, so no check passes by
construction.
"""

import importlib.util
import json
import os
import re
import shlex
import stat
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


# Notebooks are stored clean

def notebook_problems(notebook):
    """What stops a notebook (parsed JSON) from counting as stored clean."""
    problems = []
    if notebook.get("nbformat") != 4:
        problems.append(f"nbformat is {notebook.get('nbformat')!r}, not 4")
    metadata = notebook.get("metadata", {})
    if "widgets" in metadata:
        problems.append("metadata.widgets is stored (saved widget state)")
    kernel = metadata.get("kernelspec", {}).get("name")
    if kernel != "python3":
        problems.append(f"metadata.kernelspec.name is {kernel!r}, not 'python3'")
    if not metadata.get("language_info", {}).get("name"):
        problems.append("metadata.language_info is missing")
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {number} has outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {number} has execution count {cell['execution_count']}")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_notebook_is_stored_clean(path):
    problems = notebook_problems(json.loads(path.read_text(encoding="utf-8")))
    assert not problems, (
        f"{path.name} is not stored clean: {'; '.join(problems)}. Clear it before committing: "
        "in JupyterLab, Edit > Clear Outputs of All Cells and save, or run nbstripout on it.")


def test_clean_check_catches_a_notebook_that_was_run():
    run = {"nbformat": 4, "metadata": {"widgets": {"state": {}}},
           "cells": [{"cell_type": "markdown", "source": "# Title", "metadata": {}},
                     {"cell_type": "code", "execution_count": 3, "source": "1 + 1",
                      "metadata": {}, "outputs": [{"output_type": "execute_result"}]}]}
    problems = " ".join(notebook_problems(run))
    for expected in ("widgets", "kernelspec", "language_info", "cell 2 has outputs",
                     "cell 2 has execution count 3"):
        assert expected in problems


def test_clean_check_passes_a_clean_notebook():
    clean = {"nbformat": 4, "metadata": {"kernelspec": {"name": "python3"},
                                         "language_info": {"name": "python"}},
             "cells": [{"cell_type": "code", "execution_count": None, "source": "1 + 1",
                        "metadata": {}, "outputs": []}]}
    assert notebook_problems(clean) == []


# Binder

def run_repo2docker_dry(repo):
    """`repo2docker --no-build --debug repo`, as mybinder.org's user; prints the Dockerfile."""
    if importlib.util.find_spec("repo2docker") is None:
        message = ("jupyter-repo2docker is not installed, so Binder's setup is not checked "
                   "(pip install -r requirements-test.txt)")
        if IN_CI:
            pytest.fail(message + "; CI must check it")
        pytest.skip(message)
    return subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug",
         "--user-id", "1000", "--user-name", "jovyan", str(repo)],
        capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)


def dockerfile_problems(dockerfile, log, python_version):
    """What is missing from a dry run's Dockerfile (stdout) and log (stderr)."""
    problems = []
    install = re.search(r'^RUN .*pip install .*-r "?binder/requirements\.txt"?', dockerfile, re.M)
    post_build = re.search(r"^RUN \./binder/postBuild\s*$", dockerfile, re.M)
    if not install:
        problems.append("no `pip install -r binder/requirements.txt`")
    if not post_build:
        problems.append("binder/postBuild is not run")
    if install and post_build and post_build.start() < install.start():
        problems.append("postBuild runs before the requirements are installed")
    if f"python={python_version}" not in log:
        problems.append(f"the image's Python is not {python_version} (binder/runtime.txt)")
    return problems


def test_binder_setup_gives_a_dockerfile_that_installs_requirements_and_runs_postbuild():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert match, f"binder/runtime.txt says {runtime!r}; repo2docker wants e.g. 'python-3.12'"
    result = run_repo2docker_dry(ROOT)
    assert result.returncode == 0, f"repo2docker failed:\n{result.stderr[-3000:]}"
    problems = dockerfile_problems(result.stdout, result.stderr, match.group(1))
    assert not problems, "; ".join(problems) + f"\n\nDockerfile:\n{result.stdout}"


def test_binder_check_catches_a_setup_that_ignores_requirements(tmp_path):
    # An environment.yml wins over requirements.txt on Binder: requirements.txt is then ignored.
    (tmp_path / "binder").mkdir()
    (tmp_path / "binder" / "requirements.txt").write_text("-r ../requirements.txt\n")
    (tmp_path / "binder" / "environment.yml").write_text("dependencies:\n  - python=3.12\n")
    (tmp_path / "requirements.txt").write_text("numpy==2.4.6\n")
    result = run_repo2docker_dry(tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    problems = " ".join(dockerfile_problems(result.stdout, result.stderr, "3.12"))
    assert "binder/requirements.txt" in problems and "postBuild" in problems


def test_postbuild_stops_at_the_first_error():
    post_build = ROOT / "binder" / "postBuild"
    lines = post_build.read_text().splitlines()
    assert lines[0] == "#!/bin/bash", "repo2docker runs postBuild by its #! line"
    assert any(re.match(r"set -[a-z]*e", line) for line in lines), (
        "without `set -e`, a failing step in postBuild is ignored and Binder builds anyway")
    assert post_build.stat().st_mode & stat.S_IXUSR, "postBuild should be executable"


# Pins

def requirement_lines(text):
    """(line number, line) for each line with content, comments removed."""
    for number, line in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*", "", line).strip()
        if line:
            yield number, line


def included_file(line):
    """The file named by a `-r FILE` / `--requirement FILE` line, else None."""
    words = shlex.split(line)
    if len(words) == 2 and words[0] in ("-r", "--requirement"):
        return words[1]
    match = re.fullmatch(r"(?:-r|--requirement=)(\S+)", line)
    return match.group(1) if match else None


def binder_requirements_problems(text, binder_dir):
    """binder/requirements.txt must be exactly `-r ../requirements.txt`: one list of pins."""
    lines = list(requirement_lines(text))
    problems = []
    for number, line in lines:
        included = included_file(line)
        if included is None:
            problems.append(f"line {number}, {line!r}: only `-r ../requirements.txt` belongs here")
        elif (binder_dir / included).resolve() != (ROOT / "requirements.txt").resolve():
            problems.append(f"line {number} includes {included!r}, not the root requirements.txt")
    if not lines:
        problems.append("it is empty: it should say `-r ../requirements.txt`")
    return problems


def test_binder_requirements_reuse_the_one_pin_list():
    binder = ROOT / "binder"
    problems = binder_requirements_problems((binder / "requirements.txt").read_text(), binder)
    assert not problems, "binder/requirements.txt: " + "; ".join(problems)


def test_binder_requirements_check_catches_a_second_pin_list():
    binder = ROOT / "binder"
    assert binder_requirements_problems("-r ../requirements.txt\nnumpy==2.4.6\n", binder)
    assert binder_requirements_problems("-r ../requirements-test.txt\n", binder)
    assert binder_requirements_problems("# nothing\n", binder)
    assert not binder_requirements_problems("# the one list\n-r ../requirements.txt\n", binder)


def pin_problems(text, allowed_includes=()):
    """Every requirement pinned to one exact version with ==, each package once."""
    problems, seen = [], set()
    for number, line in requirement_lines(text):
        if line.startswith("-"):
            if included_file(line) not in allowed_includes:
                problems.append(f"line {number}, {line!r}: not a pinned requirement")
            continue
        try:
            requirement = Requirement(line)
        except InvalidRequirement as error:
            problems.append(f"line {number}, {line!r}: {error}")
            continue
        specifiers = list(requirement.specifier)
        exact = (len(specifiers) == 1 and specifiers[0].operator == "=="
                 and "*" not in specifiers[0].version)
        if requirement.url or not exact:
            problems.append(f"line {number}, {line!r}: pin it to one version with ==")
        name = canonicalize_name(requirement.name)
        if name in seen:
            problems.append(f"line {number}: {requirement.name} is listed twice")
        seen.add(name)
    return problems


@pytest.mark.parametrize("name, allowed_includes", [
    ("requirements.txt", ()),
    ("requirements-test.txt", ("requirements.txt",)),
])
def test_requirements_are_pinned(name, allowed_includes):
    problems = pin_problems((ROOT / name).read_text(), allowed_includes)
    assert not problems, f"{name}: " + "; ".join(problems)


def test_pin_check_catches_loose_requirements():
    loose = "numpy>=2\nmatplotlib\nipywidgets==8.*\nipympl==0.10.0\nipympl==0.10.0\n-e .\n"
    problems = " ".join(pin_problems(loose))
    for expected in ("'numpy>=2'", "'matplotlib'", "'ipywidgets==8.*'", "listed twice",
                     "'-e .'"):
        assert expected in problems
    assert not pin_problems("numpy==2.4.6  # the math\n\n# comment\n")


# The licence: MIT for the code, CC BY 4.0 for the notebooks' prose and figures

def licence_problems(root):
    """What is missing for the licence to be given in writing, in `root`."""
    problems = []
    texts = {name: (root / name).read_text(encoding="utf-8") if (root / name).is_file() else ""
             for name in ("LICENSE", "LICENSE-notebooks", "README.md")}
    if not texts["LICENSE"].startswith("MIT License") or (
            "Permission is hereby granted, free of charge" not in texts["LICENSE"]):
        problems.append("LICENSE is not the MIT License")
    if "creativecommons.org/licenses/by/4.0/legalcode" not in texts["LICENSE-notebooks"]:
        problems.append("LICENSE-notebooks does not link the legal code of CC BY 4.0")
    for name in ("LICENSE", "LICENSE-notebooks"):
        if "The neural-networks-from-scratch contributors" not in texts[name]:
            problems.append(f"{name} does not name the copyright holder")
        if f"]({name})" not in texts["README.md"]:
            problems.append(f"the README does not link {name}")
    pyproject = root / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text()).get("project", {}) if pyproject.is_file() else {}
    if project.get("license") != "MIT":
        problems.append(f"pyproject.toml declares license {project.get('license')!r}, not 'MIT'")
    if "LICENSE" not in project.get("license-files", []):
        problems.append("pyproject.toml's license-files does not name LICENSE")
    return problems


def test_licence_is_given_and_declared():
    problems = licence_problems(ROOT)
    assert not problems, "; ".join(problems)


def test_licence_check_catches_a_missing_or_undeclared_licence(tmp_path):
    problems = " ".join(licence_problems(tmp_path))
    for expected in ("LICENSE is not", "LICENSE-notebooks does not link", "does not link LICENSE",
                     "copyright holder", "license None", "license-files"):
        assert expected in problems
    (tmp_path / "LICENSE").write_text("Apache License\nVersion 2.0\n")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nlicense = {text = "MIT"}\nlicense-files = ["LICENSE*"]\n')
    problems = " ".join(licence_problems(tmp_path))
    assert "LICENSE is not the MIT License" in problems and "{'text': 'MIT'}" in problems


# The README

README = ROOT / "README.md"
BADGE = re.compile(r"\[!\[[^\]]*\]\(https://mybinder\.org/badge_logo\.svg\)\]"
                   r"(?:\((?P<url>[^)\s]+)\)|\[(?P<ref>[^\]]+)\])")


def binder_badge_notebook(readme):
    """The path the README's Binder badge opens in JupyterLab (None if there is no badge)."""
    badge = BADGE.search(readme)
    if not badge:
        return None
    url = badge.group("url")
    if url is None:
        definition = re.search(rf"^\[{re.escape(badge.group('ref'))}\]:\s*(\S+)", readme, re.M)
        assert definition, f"the badge's link [{badge.group('ref')}] is not defined"
        url = definition.group(1)
    parts = urlsplit(url)
    assert parts.netloc == "mybinder.org" and parts.path.startswith("/v2/gh/"), url
    urlpath = parse_qs(parts.query).get("urlpath", [""])[0].lstrip("/")
    assert urlpath.startswith("lab/tree/"), f"the badge should open JupyterLab: {url}"
    return urlpath.removeprefix("lab/tree/")


def readme_notebook_problems(readme, root):
    """The README's Binder badge, notebook links and map, against the notebooks that exist."""
    problems = []
    existing = sorted(path.relative_to(root).as_posix()
                      for path in (root / "notebooks").glob("*.ipynb"))
    badge = binder_badge_notebook(readme)
    if badge is None:
        problems.append("there is no Binder badge")
    elif not (root / badge).is_file():
        problems.append(f"the Binder badge opens {badge}, which does not exist")
    elif existing and badge != existing[0]:
        problems.append(f"the Binder badge opens {badge}, not the first notebook, {existing[0]}")
    for mentioned in sorted(set(re.findall(r"notebooks/[\w.-]+\.ipynb", readme))):
        if not (root / mentioned).is_file():
            problems.append(f"{mentioned} is named in the README but does not exist")
    linked = set(re.findall(r"\]\((notebooks/[\w.-]+\.ipynb)\)", readme))
    for path in existing:
        if path not in linked:
            problems.append(f"{path} is not linked from the README's map of notebooks")
    for row in (line for line in readme.splitlines() if line.startswith("|")):
        if "coming" in row.lower():
            for name in re.findall(r"[\w.-]+\.ipynb", row):
                if (root / "notebooks" / name).is_file():
                    problems.append(f"the README says {name} is coming, but it exists: link it")
    return problems


def test_readme_links_the_notebooks_that_exist():
    problems = readme_notebook_problems(README.read_text(encoding="utf-8"), ROOT)
    assert not problems, "README.md: " + "; ".join(problems)


def test_readme_check_catches_missing_and_stale_notebooks(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01_intro.ipynb").write_text("{}")
    (tmp_path / "notebooks" / "02_training.ipynb").write_text("{}")
    readme = textwrap.dedent("""\
        [![Binder](https://mybinder.org/badge_logo.svg)][binder]

        | Part | Notebook |
        |---|---|
        | 1 | coming: `01_intro.ipynb` |
        | 3 | [03](notebooks/03_gone.ipynb) |

        [binder]: https://mybinder.org/v2/gh/o/r/HEAD?urlpath=lab/tree/notebooks/02_training.ipynb
        """)
    problems = " ".join(readme_notebook_problems(readme, tmp_path))
    for expected in ("not the first notebook", "03_gone.ipynb is named", "01_intro.ipynb is not "
                     "linked", "02_training.ipynb is not linked", "01_intro.ipynb is coming"):
        assert expected in problems
    assert "no Binder badge" in " ".join(readme_notebook_problems("# Nothing here", tmp_path))


def test_readme_relative_links_resolve():
    readme = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", readme)
    targets += re.findall(r"^\[[^\]]+\]:\s*(\S+)", readme, re.M)
    missing = [target for target in targets
               if not re.match(r"[a-z]+:", target) and not target.startswith("#")
               and not (ROOT / target.split("#")[0]).exists()]
    assert not missing, f"README.md links to files that do not exist: {missing}"


# CI runs the README's test command

def readme_commands(readme):
    """The lines of the README's fenced code blocks."""
    blocks = re.findall(r"^ *```[^\n]*\n(.*?)^ *```", readme, re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def readme_test_command(readme):
    commands = [line for line in readme_commands(readme) if "-m pytest" in line]
    assert len(commands) == 1, f"expected one test command in the README, found {commands}"
    return commands[0]


def test_readme_gives_the_two_commands():
    commands = readme_commands(README.read_text(encoding="utf-8"))
    run = [line for line in commands if "jupyter lab" in line]
    test = [line for line in commands if "-m pytest" in line]
    assert len(run) == 1 and len(test) == 1, commands
    assert "-r requirements.txt" in run[0] and "-e ." in run[0], run[0]
    assert "-r requirements-test.txt" in test[0] and "-e ." in test[0], test[0]
    opened = re.findall(r"notebooks/[\w.-]+\.ipynb", run[0])
    assert opened and all((ROOT / path).is_file() for path in opened), run[0]
    first = NOTEBOOKS[0].relative_to(ROOT).as_posix()
    assert opened == [first], f"the open command should open the first notebook, {first}: {run[0]}"


def test_ci_runs_the_readme_test_command():
    command = readme_test_command(README.read_text(encoding="utf-8"))
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    # The command, word for word, with nothing added to it: at most `|| status=$?` after it.
    runs_it = re.compile(re.escape(command) + r"\s*(\|\|.*)?")
    assert any(runs_it.fullmatch(line) for line in ci_lines), (
        f".ci/run does not run the README's test command as it stands:\n  {command}")
    assert "set -euo pipefail" in ci_lines


STUB = """#!/bin/sh
# {name}, stubbed for the test of .ci/run
case "$*" in
  "-m venv .venv") mkdir -p .venv/bin
      printf '#!/bin/sh\\nexit 0\\n' > .venv/bin/pip
      printf '#!/bin/sh\\necho "pytest ran: $*"\\nexit {pytest_status}\\n' > .venv/bin/python
      chmod +x .venv/bin/pip .venv/bin/python ;;
esac
exit 0
"""


@pytest.mark.parametrize("pytest_status, passes", [(0, True), (1, False), (5, False)])
def test_ci_run_fails_when_pytest_fails_or_collects_nothing(tmp_path, pytest_status, passes):
    """.ci/run in a copy whose apt-get, python3, chromium and git are stand-ins."""
    (tmp_path / ".ci").mkdir()
    (tmp_path / ".ci" / "run").write_text((ROOT / ".ci" / "run").read_text())
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    for name in ("apt-get", "python3", "chromium", "git", "sudo"):
        (stubs / name).write_text(STUB.format(name=name, pytest_status=pytest_status))
        (stubs / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}", "CI": "true"}
    result = subprocess.run(["bash", str(tmp_path / ".ci" / "run")], capture_output=True,
                            text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
    output = result.stdout + result.stderr
    assert "pytest ran: -m pytest" in output, output
    assert (result.returncode == 0) == passes, (
        f"pytest exit {pytest_status} gave .ci/run exit {result.returncode}:\n{output}")
    if pytest_status:
        assert result.returncode == pytest_status, output
