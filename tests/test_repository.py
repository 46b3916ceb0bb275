"""Checks on the repository itself: notebooks stored clean, Binder's setup, the pins, the licence,
the README's links and commands, CI running the README's test command, nnlib's floors of imports,
and the README's count of the lines of nnlib's math.

Each check is a function that returns a list of problems; the tests assert that list is empty for
the real files, and that it is not empty for a made-up bad example, so no check passes by
construction.
"""

import ast
import fnmatch
import importlib.util
import json
import os
import re
import shlex
import shutil
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


def bare_asserts(source):
    """The asserts of a code cell whose message is not words (a string or an f-string): a
    learner who meets a failing check must be told what was expected, not shown a value."""
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in source.splitlines())
    return [node.lineno for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Assert)
            and not (isinstance(node.msg, ast.JoinedStr) or (isinstance(node.msg, ast.Constant)
                                                             and isinstance(node.msg.value, str)))]


def code_cells_where(path, finder):
    """{cell number (from 0): what `finder` found in it} for the notebook's code cells."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return {number: found for number, cell in enumerate(cells)
            if cell["cell_type"] == "code" and (found := finder("".join(cell["source"])))}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_every_assert_in_a_notebook_says_what_it_expected(path):
    bare = code_cells_where(path, bare_asserts)
    assert not bare, (f"{path.name}: asserts without a message in words, as {{cell (from 0): "
                      f"lines}}: {bare}")


def test_assert_check_catches_a_value_for_a_message():
    assert bare_asserts("%matplotlib widget\nassert x == 1, x\nassert y\n"
                        "assert z, f'z is {z}'\nassert w, 'w'") == [2, 3]


def canvases_shown(source):
    """The lines of a code cell that show a figure's bare canvas: a still figure shown so has no
    alt text (JupyterLab gives a canvas none); `show(figure, alt=...)` gives it one. An explorer
    shows its canvas inside its own widget, never as a cell's output."""
    lines = source.rstrip().splitlines()
    found = [number for number, line in enumerate(lines, 1)
             if re.search(r"display\(\s*[\w.()]*\.canvas\s*\)", line)]
    if lines and re.search(r"\.canvas\s*$", lines[-1]) and not lines[-1].startswith((" ", "#")):
        found.append(len(lines))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_every_still_figure_in_a_notebook_has_an_alt_text(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    bare = code_cells_where(path, canvases_shown)
    assert not bare, (f"{path.name}: figures shown as a bare canvas, with no alt text, as {{cell "
                      f"(from 0): lines}}: {bare}; show them with show(figure, alt=...)")
    drawn = sum("new_figure(" in "".join(cell["source"]) for cell in cells)
    shown = sum("show(" in "".join(cell["source"]) for cell in cells)
    assert shown or not drawn, \
        f"{path.name} draws figures and shows none with show(figure, alt=...)"


def test_canvas_check_catches_a_figure_shown_bare():
    assert canvases_shown("figure = new_figure('a', (3, 2))\nfigure.canvas") == [2]
    assert canvases_shown("display(figure.canvas)\nx = 1") == [1]
    assert canvases_shown("show_digits(a, b).canvas") == [1]
    assert canvases_shown("show(figure, alt='A line.')") == []
    assert canvases_shown("explorer = DescentExplorer()\nexplorer") == []
    assert canvases_shown("def f():\n    return figure.canvas") == []


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


# nnlib's floors: each module imports only from the floors beneath its own, so there is no circle

STANDARD_LIBRARY = frozenset(sys.stdlib_module_names)
DEPENDENCIES = frozenset(  # what `pip install nnlib` brings, without the explorers' extras
    canonicalize_name(Requirement(line).name).replace("-", "_")  # numpy, tqdm, pooch...
    for line in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])

# Bottom to top: (name, modules, what else it may import: top-level names, or None for anything).
# A pattern "package.*" stands for a package and its modules, which build on each other: their
# order is kept by the check that no imports go round in a circle.
FLOORS = (
    ("the argument checks", ("nnlib.checks",), STANDARD_LIBRARY | {"numpy"}),
    ("the math", ("nnlib.data", "nnlib.neuron", "nnlib.descent", "nnlib.network", "nnlib.digits"),
     STANDARD_LIBRARY | DEPENDENCIES),
    ("the public names (nnlib/__init__.py)", ("nnlib",), STANDARD_LIBRARY | DEPENDENCIES),
    ("the exercises", ("nnlib.exercises.*",), None),
    ("the explorers", ("nnlib.explorers.*",), None),
    # the classroom copies (a student copy without the worked answers, and a key): notebooks only
    ("the classroom copies", ("nnlib.classroom",), STANDARD_LIBRARY | {"nbformat", "nbclient"}),
)
MATH = FLOORS[1][1]


def package_modules(package_dir):
    """{module name: its file} for every .py file of the package in `package_dir`."""
    modules = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imports_of(module, path, modules):
    """(line, statement, imported module) for every import in a module's file, at the top or
    inside a function alike. An import of the package's own modules names the module it reads
    (`from nnlib import checks` reads nnlib.checks); any other, its top-level name (numpy)."""
    found, own = [], {name.split(".")[0] for name in modules}
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package, one level up per extra dot
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[:len(package) - node.level + 1]
                base = ".".join(package + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        else:
            continue
        for target in dict.fromkeys(targets):
            if target.split(".")[0] in own:
                while target not in modules and "." in target:
                    target = target.rsplit(".", 1)[0]  # a name inside a module: the module
            else:
                target = target.split(".")[0]
            found.append((node.lineno, ast.unparse(node), target))
    return sorted(found)  # in the order of the file's lines (ast.walk goes level by level)


def floor_of(module, floors):
    """(index of the module's floor, the package it shares with its floor-mates or None)."""
    for index, (_, patterns, _) in enumerate(floors):
        for pattern in patterns:
            if module == pattern:
                return index, None
            if pattern.endswith(".*") and (module == pattern[:-2] or
                                           fnmatch.fnmatchcase(module, pattern)):
                return index, pattern[:-2]
    return None, None


def import_circles(graph):
    """Each circle of imports in `graph` (module → the modules it imports): [a, b, ..., a]."""
    circles, finished = [], set()

    def visit(module, path):
        if module in path:
            circle = path[path.index(module):]
            first = circle.index(min(circle))  # told from its first module in name order
            circles.append(circle[first:] + circle[:first + 1])
        elif module not in finished:
            path.append(module)
            for imported in sorted(graph.get(module, ())):
                visit(imported, path)
            path.pop()
            finished.add(module)

    for module in sorted(graph):
        visit(module, [])
    return circles


def floor_problems(package_dir, floors):
    """Each import of the package in `package_dir` that breaks its floors: one of a module on the
    same floor or above, or of a package its floor may not import; each module on no floor; each
    circle of imports."""
    modules = package_modules(package_dir)
    problems, graph = [], {}
    for module, path in modules.items():
        where = path.relative_to(package_dir.parent).as_posix()
        floor, package = floor_of(module, floors)
        if floor is None:
            problems.append(f"{where} is on no floor: add {module} to FLOORS in "
                            "tests/test_repository.py")
            continue
        name, _, outside = floors[floor]
        graph[module] = set()
        for line, statement, imported in imports_of(module, path, modules):
            said = f"{where}, line {line}: `{statement}` imports {imported}"
            if imported not in modules:
                if outside is not None and imported not in outside:
                    allowed = ", ".join(sorted(outside - STANDARD_LIBRARY))
                    problems.append(f"{said}, which {name} may not: only the standard library "
                                    f"and {allowed}")
                continue
            graph[module].add(imported)
            other, other_package = floor_of(imported, floors)
            if other is None:
                continue  # reported as on no floor itself
            if other > floor:
                problems.append(f"{said}, on the floor of {floors[other][0]}, above {name}: a "
                                "module may import only from the floors beneath its own")
            elif other == floor and not (package and package == other_package):
                problems.append(f"{said}, on its own floor ({name}): a module may import only "
                                "from the floors beneath its own")
    for circle in import_circles(graph):
        problems.append(f"the imports go round in a circle: {' → '.join(circle)}")
    return problems


def test_nnlib_modules_import_only_from_the_floors_beneath_their_own():
    drawing = {"matplotlib", "ipywidgets", "ipympl", "ipycanvas", "IPython", "PIL"}
    assert not drawing & FLOORS[1][2], "the math draws nothing: only the explorers may"
    problems = floor_problems(ROOT / "nnlib", FLOORS)
    assert not problems, "nnlib's floors are broken:\n" + "\n".join(problems)


PLANTED = {  # a package whose checks import the math, inside a function, as nnlib's once did
    "__init__.py": "from nnlib.network import Network\n",
    "checks.py": "import numpy as np\n\n\ndef network_of(network):\n"
                 "    from nnlib.network import Network  # here, not above\n"
                 "    return Network(network.weights, network.biases)\n",
    "network.py": "import matplotlib.pyplot as plt\n\nfrom nnlib import checks\n"
                  "from nnlib.neuron import sigmoid\nfrom . import data\n",
    "neuron.py": "import numpy as np\n\nfrom nnlib.checks import checked\n",
    "data.py": "from dataclasses import dataclass\n\nimport tqdm\n",
    "stray.py": "",
    "exercises/__init__.py": "from nnlib.exercises import part1\n",
    "exercises/part1.py": "from nnlib.explorers import NeuronExplorer\nfrom nnlib.neuron import "
                          "sigmoid\nfrom .engine import Exercise\n",
    "exercises/engine.py": "import IPython\n",
    "explorers/__init__.py": "from nnlib.explorers.neuron import NeuronExplorer\n",
    "explorers/neuron.py": "from nnlib import checks\nfrom nnlib.explorers.base import Explorer\n",
    "explorers/base.py": "def explorer():\n    from nnlib.explorers.neuron import line_width\n",
}


def test_floor_check_catches_imports_across_floors_and_circles(tmp_path):
    for name, text in PLANTED.items():
        (tmp_path / "nnlib" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "nnlib" / name).write_text(text)
    problems = floor_problems(tmp_path / "nnlib", FLOORS)
    text = "\n".join(problems)
    for expected in (
            "nnlib/checks.py, line 5: `from nnlib.network import Network` imports nnlib.network, "
            "on the floor of the math, above the argument checks",
            "nnlib/network.py, line 1: `import matplotlib.pyplot as plt` imports matplotlib, which "
            "the math may not",
            "nnlib/network.py, line 4: `from nnlib.neuron import sigmoid` imports nnlib.neuron, on "
            "its own floor (the math)",
            "nnlib/network.py, line 5: `from . import data` imports nnlib.data, on its own floor",
            "nnlib/exercises/part1.py, line 1: `from nnlib.explorers import NeuronExplorer` "
            "imports nnlib.explorers, on the floor of the explorers, above the exercises",
            "nnlib/stray.py is on no floor",
            "circle: nnlib.checks → nnlib.network → nnlib.checks",
            "circle: nnlib.explorers.base → nnlib.explorers.neuron → nnlib.explorers.base"):
        assert expected in text, f"not found: {expected}\nin:\n{text}"
    assert len(problems) == 8, text  # and nothing else: the imports the floors allow pass
    for allowed in ("nnlib/__init__.py", "nnlib/neuron.py", "nnlib/data.py", "engine.py",
                    "explorers/neuron.py"):
        assert allowed not in text, text


# The README's claim that nnlib's math reads in one sitting, with its count of the lines

def math_lines(root):
    return sum(len((root / (module.replace(".", "/") + ".py")).read_text(
        encoding="utf-8").splitlines()) for module in MATH)


def math_size_problems(readme, root):
    """The README's sentence that says nnlib's math reads in one sitting must link each math
    file, and no other, and give their lines in all: more than the real count, by 10% at most."""
    sentences = [s for s in re.split(r"(?<=\.)\s+", readme) if "one sitting" in s]
    if len(sentences) != 1:
        return [f"{len(sentences)} sentences say 'one sitting', not one: the one that says the "
                "math reads in one sitting, naming its files and lines"]
    sentence = " ".join(sentences[0].split())
    problems = []
    linked = set(re.findall(r"\]\((nnlib/[\w/]+\.py)\)", sentence))
    files = {module.replace(".", "/") + ".py" for module in MATH}
    if linked != files:
        problems.append(f"it links {', '.join(sorted(linked)) or 'no file'}; the math is "
                        f"{', '.join(sorted(files))}")
    figures = re.findall(r"fewer than (\d[\d,]*) lines", sentence)
    real = math_lines(root)
    if len(figures) != 1:
        problems.append(f"it says 'fewer than N lines' {len(figures)} times, not once; the math "
                        f"has {real:,}")
    elif not real < int(figures[0].replace(",", "")) <= 1.1 * real:
        problems.append(f"it says fewer than {figures[0]} lines; the math has {real:,}: give a "
                        f"round figure above that, by 10% at most")
    return problems


def test_readme_says_truly_that_the_math_reads_in_one_sitting():
    problems = math_size_problems(README.read_text(encoding="utf-8"), ROOT)
    assert not problems, "README.md, the sentence on nnlib's math: " + "; ".join(problems)


def test_math_size_check_catches_a_wrong_count_or_file_list():
    real = math_lines(ROOT)
    files = [module.replace(".", "/") + ".py" for module in MATH]

    def readme(lines, files=files):
        links = ", ".join(f"[`{path}`]({path})" for path in files)
        return f"Intro. Its math reads in one sitting: fewer than {lines:,} lines, {links}. End."

    assert math_size_problems(readme(real + 10), ROOT) == []
    for lines in (real - 1, 2 * real):
        assert f"the math has {real:,}" in " ".join(math_size_problems(readme(lines), ROOT))
    problems = " ".join(math_size_problems(readme(real + 10, files[1:]), ROOT))
    assert f"the math is {', '.join(sorted(files))}" in problems
    assert "not one" in " ".join(math_size_problems("Nothing here.", ROOT))


def test_postbuild_puts_mnist_in_the_image_checked(tmp_path):
    """Binder's postBuild fetches MNIST's four files through nnlib, which checks each file's
    SHA-256, into the folder the notebook reads; run here against a folder that already holds
    the files (no network), and against one holding a damaged file, which must fail the build."""
    post_build = (ROOT / "binder" / "postBuild").read_text()
    fetch = next(line for line in post_build.splitlines() if "mnist_file" in line)
    source = os.environ.get("NNLIB_DATA_DIR") or str(ROOT.parent / "shared" / "data" / "mnist")
    if not Path(source, "t10k-labels-idx1-ubyte.gz").is_file():
        pytest.skip("no copy of MNIST here to stand in for the download")
    good = tmp_path / "good"
    shutil.copytree(source, good)
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"  # this python
    run = subprocess.run(["bash", "-c", f"set -euo pipefail\n{fetch}"], capture_output=True,
                         text=True, env={**os.environ, "NNLIB_DATA_DIR": str(good), "PATH": path})
    assert run.returncode == 0, run.stderr
    assert len(run.stdout.split()) == 4, run.stdout
    damaged = tmp_path / "damaged"
    shutil.copytree(source, damaged)
    with open(damaged / "t10k-labels-idx1-ubyte.gz", "r+b") as file:
        file.write(b"\x00\x00")
    offline = {**os.environ, "NNLIB_DATA_DIR": str(damaged), "PATH": path,
               "HTTPS_PROXY": "http://127.0.0.1:9",
               "HTTP_PROXY": "http://127.0.0.1:9"}
    run = subprocess.run(["bash", "-c", f"set -euo pipefail\n{fetch}"], capture_output=True,
                         text=True, env=offline)
    assert run.returncode != 0 and "DataUnavailable" in run.stderr, run.stderr[-500:]


# Colours: Okabe and Ito's palette, told apart with every common kind of colour blindness

OKABE_ITO = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
             "#000000"}
# Tints used as backgrounds or as the ends of a shading, each a lighter Okabe-Ito colour.
TINTS = {"#3d8fc9": "a lighter blue, the 0 end of the neuron's and the network's output shading",
         "#f2b84b": "a lighter orange, the 1 end of that shading",
         "#fdf7c3": "a pale yellow behind the backprop explorer's chosen weight"}
# Sequential maps of one hue or of grey, and the blue-to-orange and purple-to-orange diverging
# ones, all readable without telling red from green.
SAFE_COLOUR_MAPS = {"gray", "gray_r", "Greys", "Greys_r", "Blues", "Blues_r", "PuOr", "PuOr_r",
                    "viridis", "cividis", "SHADING"}
NAMED_COLOURS = {"white", "black", "grey", "gray", "none"}
PLOT_CALL = re.compile(r"\.(plot|scatter|bar|barh|hist|fill_between|errorbar)\(")


def code_of_the_project():
    """(where, code): nnlib's explorers, and every notebook's code cells."""
    for path in sorted((ROOT / "nnlib" / "explorers").glob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "code":
                yield f"{path.name}, cell {number}", "".join(cell["source"])


def call_text(code, start):
    """The text of the call whose name ends at `start` (its opening bracket), brackets matched."""
    depth = 0
    for end in range(start, len(code)):
        depth += {"(": 1, ")": -1}.get(code[end], 0)
        if depth == 0:
            return code[start:end + 1]
    return code[start:]


def colour_problems(where, code):
    problems = []
    for colour in re.findall(r"#[0-9A-Fa-f]{6}\b", code):
        red, green, blue = (int(colour[k:k + 2], 16) for k in (1, 3, 5))
        if (colour.upper() not in OKABE_ITO and colour.lower() not in TINTS
                and not red == green == blue):
            problems.append(f"{where}: {colour} is not in Okabe and Ito's palette, nor a grey")
    for name in re.findall(r"""cmap\s*=\s*["']?([\w.]+)""", code):
        if name.split(".")[-1] not in SAFE_COLOUR_MAPS:
            problems.append(f"{where}: the colour map {name} is not among the safe ones")
    for name in re.findall(r"""\bcolou?r\s*=\s*["']([a-z]+)["']""", code):
        if name not in NAMED_COLOURS:
            problems.append(f"{where}: the colour {name!r}: name an Okabe-Ito colour by its code")
    for found in PLOT_CALL.finditer(code):
        call = call_text(code, found.end() - 1)
        explicit = re.search(r"\b(color|c|colors|cmap|facecolor|mec|mfc)\s*=", call)
        if not explicit and "**" not in call:
            problems.append(f"{where}: {found.group(0)}…) takes matplotlib's default colours, "
                            "whose red and green many cannot tell apart: give color=")
    return problems


def test_every_colour_is_colour_blind_safe():
    problems = [problem for where, code in code_of_the_project()
                for problem in colour_problems(where, code)]
    assert not problems, "\n".join(problems)


def test_colour_check_catches_unsafe_colours():
    code = ('axes.plot(x, y, color="#FF0000")\naxes.imshow(a, cmap="jet")\n'
            'axes.plot(x, y)\naxes.bar(k, v, color="red")\naxes.plot(x, y, color="#0072B2")\n'
            'axes.scatter(x, y, c=colours, cmap="gray_r")\naxes.plot(x, y, color="#777777")')
    problems = colour_problems("here", code)
    assert len(problems) == 4, problems
    for words in ("#FF0000", "jet", "default colours", "'red'"):
        assert any(words in problem for problem in problems), words
