"""The teacher's guide, TEACHING.md, kept true to the notebooks, the explorers and the README.

- It has a section for every notebook, each with the same six parts, in the same order.
- Every notebook section it names, § “n · Title”, is a heading of that notebook.
- Every explorer control it names (in bold, as labelled on screen: the **α** slider, pick **XOR**
  in the **data** menu, press **Reset**, preset **α too large**, set **w1** to -1) is a control of
  an explorer that notebook shows, holding the option or value named.
- Every command it gives is one the README gives (or Binder's postBuild runs); its classroom
  commands are run here, into a temporary folder, without running the key.
- Its Binder and nbgitpuller links have the README's form, and it does not write the repository's
  address (the README is the one place it is written).
- Its measured run times are there and positive, and said the same in both places; its word
  counts are within 20% of the notebooks' own; the answers it gives to its questions hold.
- The README links it from "For teachers" and lists it in "What is where".

As in test_repository.py, each check returns a list of problems, and is also tried on a made-up
bad guide, so that no check passes by construction.
"""

import json
import re
import shlex
import textwrap
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import ipywidgets as widgets
import numpy as np
import pytest

import nnlib
from nnlib import classroom, explorers

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "TEACHING.md"
README = ROOT / "README.md"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PARTS = ("What learners can do afterwards", "What they need before", "Time",
         "A 45–60 minute lesson", "Questions to ask the class",
         "Misconceptions, and what answers them")
NOTEBOOK_HEADING = re.compile(r"^## (\d\d) · (.+)$", re.M)
SECTION_REFERENCE = re.compile(r"(?:\b[Nn]otebook (\d\d)['’]s )?§ “([^”]+)”")


def guide_text():
    return GUIDE.read_text(encoding="utf-8")


def flat(text):
    """The text with every run of white space made one space: a phrase may break a line."""
    return " ".join(text.split())


def without_fences(text):
    """The text with its fenced code blocks blanked out (their lines kept, empty)."""
    return re.sub(r"^ *```.*?^ *```", lambda m: "\n" * m.group(0).count("\n"), text,
                  flags=re.M | re.S)


def level_two_sections(text):
    """[(heading, body)] for each `## ` heading, outside code blocks; the text before the first
    one comes as ("", body)."""
    text = without_fences(text)
    starts = [match.start() for match in re.finditer(r"^## ", text, re.M)]
    pieces = [("", text[:starts[0] if starts else len(text)])]
    for start, end in zip(starts, starts[1:] + [len(text)]):
        heading, _, body = text[start:end].partition("\n")
        pieces.append((heading[3:].strip(), body))
    return pieces


def notebook_number(path):
    return path.name[:2]


def markdown_cells(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"]
            if cell["cell_type"] == "markdown"]


def headings(path):
    """The titles of a notebook's headings, any level, as written after the #s."""
    return {line.lstrip("#").strip() for source in markdown_cells(path)
            for line in source.splitlines() if re.match(r"#+ ", line)}


def markdown_words(path):
    return sum(len(source.split()) for source in markdown_cells(path))


def explorer_names(path):
    """The explorer classes a notebook imports from nnlib.explorers."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(cell["source"]) for cell in notebook["cells"]
                     if cell["cell_type"] == "code")
    names = set()
    for match in re.finditer(r"from nnlib\.explorers import \(?([^)\n]+)\)?", code):
        names |= {name.strip() for name in match.group(1).split(",")}
    return {name for name in names if name.endswith("Explorer")}


# A section for every notebook, each with the same parts

def section_problems(text, notebooks):
    problems, found = [], {}
    for heading, body in level_two_sections(text):
        match = re.fullmatch(r"(\d\d) · (.+)", heading)
        if match:
            found[match.group(1)] = body
    for path in notebooks:
        number = notebook_number(path)
        if number not in found:
            problems.append(f"no section '## {number} · …' for {path.name}")
            continue
        body = found.pop(number)
        if f"](notebooks/{path.name})" not in body:
            problems.append(f"the section of {number} does not link notebooks/{path.name}")
        parts = tuple(re.findall(r"^### (.+)$", body, re.M))
        if parts != PARTS:
            problems.append(f"the section of {number} has the parts {list(parts)}, not "
                            f"{list(PARTS)}")
    for number in found:
        problems.append(f"a section '## {number} · …' for a notebook that does not exist")
    return problems


def test_the_guide_has_a_section_for_every_notebook_with_the_same_parts():
    problems = section_problems(guide_text(), NOTEBOOKS)
    assert not problems, "TEACHING.md: " + "; ".join(problems)


def test_section_check_catches_a_missing_notebook_and_a_part_out_of_order():
    first = NOTEBOOKS[0]
    parts = "\n".join(f"### {part}\n" for part in (PARTS[1], PARTS[0], *PARTS[2:]))
    bad = f"# Guide\n\n## {notebook_number(first)} · A title\n\n{parts}\n## 99 · Gone\n"
    problems = " ".join(section_problems(bad, NOTEBOOKS))
    assert f"does not link notebooks/{first.name}" in problems
    assert "not ['What learners can do afterwards'" in problems
    assert f"no section '## {notebook_number(NOTEBOOKS[1])} · …'" in problems
    assert "'## 99 · …' for a notebook that does not exist" in problems


# Every notebook section it names is a heading of that notebook

def reference_problems(text, notebooks):
    by_number = {notebook_number(path): path for path in notebooks}
    problems = []
    for heading, body in level_two_sections(text):
        match = re.fullmatch(r"(\d\d) · .+", heading)
        own = match.group(1) if match else None
        for number, title in SECTION_REFERENCE.findall(body):
            number, title = number or own, flat(title)  # a title may break a line
            where = f"in '{heading or 'the introduction'}'"
            if number is None:
                problems.append(f"{where}, § “{title}” does not say which notebook: write "
                                "notebook NN's § “…”")
            elif number not in by_number:
                problems.append(f"{where}, § “{title}” names notebook {number}, which does not "
                                "exist")
            elif title not in headings(by_number[number]):
                problems.append(f"{where}, § “{title}” is no heading of "
                                f"{by_number[number].name}")
    return problems


def test_every_section_the_guide_names_is_a_heading_of_its_notebook():
    problems = reference_problems(guide_text(), NOTEBOOKS)
    assert not problems, "TEACHING.md names sections that do not exist:\n" + "\n".join(problems)


def test_reference_check_catches_a_renamed_heading_and_an_unsaid_notebook():
    number = notebook_number(NOTEBOOKS[0])
    real = sorted(headings(NOTEBOOKS[0]))[0]
    bad = textwrap.dedent(f"""\
        Intro, naming § “{real}”.

        ## {number} · A notebook

        See § “{real}” and § “9 · A heading nobody wrote”, and notebook 77's § “{real}”.
        """)
    problems = " ".join(reference_problems(bad, NOTEBOOKS))
    assert "in 'the introduction', § “" in problems and "does not say which notebook" in problems
    assert f"§ “9 · A heading nobody wrote” is no heading of {NOTEBOOKS[0].name}" in problems
    assert "names notebook 77, which does not exist" in problems
    assert f"§ “{real}” is no heading" not in problems


# Every explorer control it names exists, with the option or value named

def bump(z):
    return np.exp(-z ** 2)


@pytest.fixture(scope="module")
def explorer_controls():
    """{explorer class name: [every widget it shows]}, one explorer of each kind."""
    images, labels = nnlib.small_digits()
    made = {
        "NeuronExplorer": explorers.NeuronExplorer(activation=bump, name="guide: neuron"),
        "SlopeExplorer": explorers.SlopeExplorer(name="guide: slope"),
        "DescentExplorer": explorers.DescentExplorer(name="guide: descent"),
        "BackpropExplorer": explorers.BackpropExplorer(name="guide: backprop"),
        "TrainingExplorer": explorers.TrainingExplorer(name="guide: training"),
        "DigitsExplorer": explorers.DigitsExplorer(nnlib.new_network((64, 30, 10), seed=0),
                                                   images[:50], labels[:50],
                                                   name="guide: digits"),
    }
    assert set(made) == set(explorers.__all__) - {"new_figure", "show"}, "a new explorer: add it here"
    controls = {}
    for name, explorer in made.items():
        found, waiting = [], [explorer.widget]
        while waiting:
            widget = waiting.pop()
            found.append(widget)
            waiting.extend(child for child in getattr(widget, "children", ())
                           if isinstance(child, widgets.Widget))
        controls[name] = found
    yield controls
    for explorer in made.values():
        explorer.close()


KINDS = {"slider": (widgets.IntSlider, widgets.FloatSlider, widgets.SelectionSlider),
         "menu": (widgets.Dropdown,), "button": (widgets.Button,),
         "box": (widgets.BoundedIntText, widgets.IntText, widgets.Text)}
CONTROL_PATTERNS = (  # (pattern, what its groups are)
    (re.compile(r"\*\*([^*\n]+)\*\* in the \*\*([^*\n]+)\*\* menu"), ("option", "menu")),
    (re.compile(r"\*\*([^*\n]+)\*\* (slider|menu|button|box)\b"), ("name", "kind")),
    (re.compile(r"\*\*([^*\n]+)\*\* to ([-−]?\d+(?:\.\d+)?)"), ("slider", "value")),
    (re.compile(r"press \*\*([^*\n]+)\*\*", re.I), ("button",)),
    (re.compile(r"preset \*\*([^*\n]+)\*\*", re.I), ("preset",)),
)  # applied to the text with its line breaks made spaces (see flat)


def options(widget):
    return [option if isinstance(option, str) else option[0] for option in widget.options]


def slider_holds(widget, value):
    if isinstance(widget, widgets.SelectionSlider):
        return any(np.isclose(held, value) for _, held in widget.options)
    steps = (value - widget.min) / widget.step
    return widget.min <= value <= widget.max and np.isclose(steps, round(steps))


def control_problems(text, notebooks, controls):
    """Each control the guide names, checked against the explorers of the notebook whose
    section names it (outside the notebooks' sections: against every explorer)."""
    shown = {notebook_number(path): explorer_names(path) for path in notebooks}
    problems = []
    for heading, body in level_two_sections(text):
        match = re.fullmatch(r"(\d\d) · .+", heading)
        names = shown.get(match.group(1), set()) if match else set(controls)
        pool = [widget for name in sorted(names) for widget in controls[name]]
        where = f"in '{heading or 'the introduction'}' ({', '.join(sorted(names)) or 'none'})"

        def described(label, kinds):
            return [widget for widget in pool if isinstance(widget, kinds)
                    and getattr(widget, "description", None) == label]

        for pattern, groups in CONTROL_PATTERNS:
            for found in pattern.findall(flat(body)):
                found = dict(zip(groups, (found,) if isinstance(found, str) else found))
                if "menu" in found:
                    menus = described(found["menu"], KINDS["menu"])
                    if not menus:
                        problems.append(f"{where}: no **{found['menu']}** menu")
                    elif not any(found["option"] in options(menu) for menu in menus):
                        problems.append(f"{where}: the **{found['menu']}** menu has no "
                                        f"**{found['option']}**")
                elif "kind" in found:
                    if not described(found["name"], KINDS[found["kind"]]):
                        problems.append(f"{where}: no **{found['name']}** {found['kind']}")
                elif "slider" in found:
                    sliders = described(found["slider"], KINDS["slider"])
                    value = float(found["value"].replace("−", "-"))
                    if not sliders:
                        problems.append(f"{where}: no **{found['slider']}** slider")
                    elif not any(slider_holds(slider, value) for slider in sliders):
                        problems.append(f"{where}: the **{found['slider']}** slider cannot be "
                                        f"set to {found['value']}")
                elif "button" in found:
                    if not described(found["button"], KINDS["button"]):
                        problems.append(f"{where}: no **{found['button']}** button")
                elif not any(found["preset"] in options(menu)
                             for menu in described("preset", KINDS["menu"])):
                    problems.append(f"{where}: no preset **{found['preset']}**")
    return problems


def test_every_control_and_preset_the_guide_names_exists(explorer_controls):
    problems = control_problems(guide_text(), NOTEBOOKS, explorer_controls)
    assert not problems, "TEACHING.md names controls the explorers lack:\n" + "\n".join(problems)


def test_control_check_catches_made_up_controls_values_and_presets(explorer_controls):
    by_name = {path.name: path for path in NOTEBOOKS}
    neuron = next(path for path in NOTEBOOKS if "NeuronExplorer" in explorer_names(path))
    training = next(path for path in NOTEBOOKS if "TrainingExplorer" in explorer_names(path))
    assert by_name
    bad = textwrap.dedent(f"""\
        ## {notebook_number(neuron)} · One neuron

        Pick **NAND** in the **data** menu, set **w1** to 7.5 and **bias b** to 0.05, press
        **Undo**, drag the **hidden units** slider, pick **XOR** in the **data** menu and set
        **w2** to -1.

        ## {notebook_number(training)} · Training

        Choose preset **α too small**, then preset **α too large**, and set **hidden units** to 2.
        """)
    problems = "\n".join(control_problems(bad, NOTEBOOKS, explorer_controls))
    for expected in ("the **data** menu has no **NAND**", "**w1** slider cannot be set to 7.5",
                     "**bias b** slider cannot be set to 0.05", "no **Undo** button",
                     "no **hidden units** slider", "no preset **α too small**"):
        assert expected in problems, f"not found: {expected}\nin:\n{problems}"
    assert len(problems.splitlines()) == 6, problems


# Every command it gives is one the README gives, or runs here

ENVIRONMENT = re.compile(r"^(?:[A-Z_]+=\S+\s+)+")
COMMAND_START = re.compile(r"^(?:[A-Z_]+=\S+\s+)*(?:\.venv/bin/|python3? |pip )")


def fenced_lines(text, languages=None):
    blocks = re.findall(r"^ *```([^\n]*)\n(.*?)^ *```", text, re.M | re.S)
    return [line.strip() for language, block in blocks
            if languages is None or language.strip() in languages
            for line in block.splitlines() if line.strip()]


def inline_code(text):
    return [span.strip() for span in re.findall(r"`([^`\n]+)`", without_fences(text))]


def guide_commands(text):
    """The lines of the guide's ```sh blocks, and its inline code that is a command."""
    return fenced_lines(text, {"sh"}) + [span for span in inline_code(text)
                                         if COMMAND_START.match(span)]


def known_commands(readme, post_build):
    """What the README gives (its code blocks, its inline code, each part of a `&&` chain) and
    what Binder's postBuild runs, without leading environment settings; `python` standing for
    `.venv/bin/python` as well."""
    lines = fenced_lines(readme) + inline_code(readme)
    lines += [line.strip() for line in post_build.splitlines()
              if line.strip() and not line.startswith("#")]
    known = set()
    for line in lines:
        for part in [line, *line.split("&&")]:
            part = ENVIRONMENT.sub("", part.strip())
            known.add(part)
            if part.startswith("python "):
                known.add(".venv/bin/" + part)
    return known


def classroom_arguments(command):
    """The arguments of a `python -m nnlib.classroom …` command, else None."""
    words = shlex.split(ENVIRONMENT.sub("", command))
    if len(words) > 2 and words[0].endswith("python") and words[1:3] == ["-m", "nnlib.classroom"]:
        return words[3:]
    return None


def command_problems(text, readme, post_build):
    known = known_commands(readme, post_build)
    problems = []
    for command in guide_commands(text):
        if classroom_arguments(command) is not None:
            continue  # run by the test below
        if ENVIRONMENT.sub("", command) not in known:
            problems.append(f"`{command}` is not a command the README gives")
    return problems


def test_every_command_the_guide_gives_is_one_the_readme_gives():
    problems = command_problems(guide_text(), README.read_text(encoding="utf-8"),
                                (ROOT / "binder" / "postBuild").read_text())
    assert not problems, "TEACHING.md: " + "; ".join(problems)


def test_command_check_catches_a_command_the_readme_does_not_give():
    readme = "Run `.venv/bin/jupyter lab notebooks`, or\n\n```sh\npython3 -m venv .venv && " \
             ".venv/bin/pip install -r requirements.txt -e .\n```\n"
    bad = ("```sh\nNNLIB_DATA_DIR=~/mnist .venv/bin/jupyter lab notebooks\n"
           ".venv/bin/pip install -r requirements.txt -e .\n.venv/bin/jupyter notebook\n"
           "python -c \"import nnlib\"\n```\nor `pip install nnlib`.\n")
    problems = command_problems(bad, readme, "python -c \"import nnlib\"\n")
    assert problems == ["`.venv/bin/jupyter notebook` is not a command the README gives",
                        "`pip install nnlib` is not a command the README gives"], problems


def test_the_guides_classroom_commands_run(tmp_path):
    """Each `python -m nnlib.classroom …` of the guide, run into a temporary folder; the key is
    written without being run (--no-execute): running it is tested in test_classroom.py."""
    commands = [command for command in guide_commands(guide_text())
                if classroom_arguments(command) is not None]
    assert commands, "the guide should give the classroom command"
    for number, command in enumerate(commands):
        arguments = classroom_arguments(command)
        what, outdir, rest = arguments[0], Path(arguments[1].replace("~", str(tmp_path))), \
            arguments[2:]
        assert not outdir.is_relative_to(ROOT), command
        if what in ("key", "both") and "--no-execute" not in rest:
            rest = [*rest, "--no-execute"]
        outdir = tmp_path / f"run{number}" / outdir.relative_to(tmp_path)
        assert classroom.main([what, str(outdir), *rest]) == 0, command
        only = rest[rest.index("--only") + 1:] if "--only" in rest else None
        expected = [path.name for path in classroom.chosen(ROOT / "notebooks", only and [
            word for word in only if not word.startswith("--")])]
        folders = [outdir / "student", outdir / "key"] if what == "both" else [outdir]
        for folder in folders:
            assert sorted(path.name for path in folder.glob("*.ipynb")) == expected, command


# Its links: Binder's and nbgitpuller's forms, the README's; the repository's address unwritten

def readme_definition(readme, name):
    match = re.search(rf"^\[{name}\]:\s*(\S+)", readme, re.M)
    assert match, f"the README defines no [{name}] link"
    return match.group(1)


def link_problems(text, readme, root):
    problems = []
    repository = readme_definition(readme, "repo")
    if repository.removeprefix("https://") in text:
        problems.append(f"it writes the repository's address, {repository}: the README is the "
                        "one place it is written")
    binder = readme_definition(readme, "binder")
    owner_repository = urlsplit(binder).path.removeprefix("/v2/gh/").rsplit("/", 1)[0]
    for link in (link.rstrip(".,;") for link in re.findall(r"https://mybinder\.org/v2/\S+", text)):
        filled = link.replace("OWNER/REPOSITORY", owner_repository).replace("/TAG?", "/HEAD?")
        if "/TAG?" not in link or filled != binder:
            problems.append(f"the Binder link {link} is not the README's with HEAD replaced by "
                            "TAG (and OWNER/REPOSITORY for the repository)")
    pullers = [line for line in fenced_lines(readme) if "git-pull?" in line]
    assert len(pullers) == 1, "the README gives one nbgitpuller link"
    readme_link = urlsplit(pullers[0])
    for link in (link.rstrip(".,;") for link in re.findall(r"\S+/git-pull\?\S+", text)):
        parts, query = urlsplit(link), parse_qs(urlsplit(link).query)
        if (parts.scheme, parts.netloc, parts.path) != \
                (readme_link.scheme, readme_link.netloc, readme_link.path) or \
                set(query) != set(parse_qs(readme_link.query)):
            problems.append(f"the nbgitpuller link {link} does not have the README's form")
            continue
        path = query["urlpath"][0].removeprefix("lab/tree/").split("/", 1)[-1]
        if not (root / path).is_file():
            problems.append(f"the nbgitpuller link opens {path}, which does not exist")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        linked = root / file if file else None
        if linked is not None and not linked.exists():
            problems.append(f"it links {target}, which does not exist")
        elif anchor:
            heading_text = (linked.read_text(encoding="utf-8") if linked else text)
            slugs = {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
                     for heading in re.findall(r"^#+ (.+)$", heading_text, re.M)}
            if anchor not in slugs:
                problems.append(f"it links {target}, a heading that does not exist")
    return problems


def test_the_guides_links_have_the_readmes_forms():
    problems = link_problems(guide_text(), README.read_text(encoding="utf-8"), ROOT)
    assert not problems, "TEACHING.md: " + "; ".join(problems)


def test_link_check_catches_wrong_links():
    readme = README.read_text(encoding="utf-8")
    repository = readme_definition(readme, "repo")
    binder = readme_definition(readme, "binder")
    hub = "https://YOUR-HUB/hub"
    first = NOTEBOOKS[0].relative_to(ROOT)
    bad = textwrap.dedent(f"""\
        Clone {repository}.git, or open {binder}, or
        https://mybinder.org/v2/gh/OWNER/REPOSITORY/TAG?urlpath=lab/tree/notebooks/gone.ipynb
        {hub}/user-redirect/git-pull?repo=X&branch=main&urlpath=lab/tree/x/notebooks/gone.ipynb
        {hub}/git-pull?repo=X&urlpath=lab/tree/notebooks/{first}
        See [the guide](GONE.md) and [the README](README.md#no-such-heading).
        """)
    problems = " ".join(link_problems(bad, readme, ROOT))
    for expected in ("writes the repository's address", f"the Binder link {binder} is not",
                     "TAG?urlpath=lab/tree/notebooks/gone.ipynb is not",
                     "opens notebooks/gone.ipynb, which does not exist",
                     "does not have the README's form", "links GONE.md, which does not exist",
                     "README.md#no-such-heading, a heading that does not exist"):
        assert expected in problems, f"not found: {expected}\nin: {problems}"


# The measured times, and the counted words

def measured_seconds(text):
    """{notebook number: (wall clock seconds, CPU seconds)} from the table of the section
    "How the times were measured"."""
    section = dict(level_two_sections(text)).get("How the times were measured", "")
    rows = {}
    for row in re.findall(r"^\| *(\d\d) *\|([^|\n]*)\|([^|\n]*)\|", section, re.M):
        try:
            rows[row[0]] = (float(row[1]), float(row[2]))
        except ValueError:
            rows[row[0]] = (None, None)
    return rows


def timing_problems(text, notebooks):
    problems = []
    section = dict(level_two_sections(text)).get("How the times were measured")
    if section is None:
        return ["no section '## How the times were measured'"]
    if "nbclient" not in section or not re.search(r"\b\d{1,2} [A-Z][a-z]+ 20\d\d\b", section):
        problems.append("the section on the times does not say when (a date) and how (nbclient) "
                        "they were measured")
    measured = measured_seconds(text)
    sections = {heading[:2]: body for heading, body in level_two_sections(text)
                if re.fullmatch(r"\d\d · .+", heading)}
    for path in notebooks:
        number = notebook_number(path)
        wall, cpu = measured.get(number, (None, None))
        if not (wall and wall > 0 and cpu and cpu > 0):
            problems.append(f"no measured Run All seconds for {number} (wall clock and CPU, "
                            "both positive)")
            continue
        said = re.findall(r"^\| Run All, measured[^|]*\| ([\d.]+) s \|", sections.get(number, ""),
                          re.M)
        if not said or float(said[0]) != wall:
            problems.append(f"the section of {number} says Run All takes {said or 'nothing'}, "
                            f"the measurements {wall:g} s")
    return problems


def test_the_guide_gives_the_measured_run_times():
    problems = timing_problems(guide_text(), NOTEBOOKS)
    assert not problems, "TEACHING.md: " + "; ".join(problems)


def test_timing_check_catches_missing_or_unsaid_times():
    number = notebook_number(NOTEBOOKS[0])
    bad = textwrap.dedent(f"""\
        ## {number} · A notebook

        | Run All, measured | 9 s |

        ## How the times were measured

        Measured once.

        | Notebook | wall | CPU |
        |---|---|---|
        | {number} | 6 | 2 |
        """)
    problems = " ".join(timing_problems(bad, NOTEBOOKS))
    assert "does not say when" in problems
    assert f"the section of {number} says Run All takes ['9']" in problems
    assert f"no measured Run All seconds for {notebook_number(NOTEBOOKS[1])}" in problems


def word_problems(text, notebooks, tolerance=0.2):
    sections = {heading[:2]: body for heading, body in level_two_sections(text)
                if re.fullmatch(r"\d\d · .+", heading)}
    problems = []
    for path in notebooks:
        said = re.findall(r"about ([\d,]+) words", sections.get(notebook_number(path), ""))
        real = markdown_words(path)
        if len(said) != 1:
            problems.append(f"the section of {path.name[:2]} should say 'about N words' once")
        elif abs(int(said[0].replace(",", "")) - real) > tolerance * real:
            problems.append(f"the section of {path.name[:2]} says about {said[0]} words; the "
                            f"notebook's markdown has {real:,}: count again, and its time")
    return problems


def test_the_guides_word_counts_are_near_the_notebooks():
    problems = word_problems(guide_text(), NOTEBOOKS)
    assert not problems, "TEACHING.md: " + "; ".join(problems)


def test_word_check_catches_a_wrong_count():
    number = notebook_number(NOTEBOOKS[0])
    bad = f"## {number} · A notebook\n\nReading: about 100 words.\n"
    problems = " ".join(word_problems(bad, NOTEBOOKS[:2]))
    assert f"the section of {number} says about 100 words" in problems
    assert f"the section of {notebook_number(NOTEBOOKS[1])} should say" in problems


# The answers to the questions, computed

def untrained_xor_cost_after(updates, seed=1, alpha=3.0):
    network = nnlib.new_network((2, 3, 1), seed=seed)
    inputs = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    targets = np.array([[0.0], [1.0], [1.0], [0.0]])
    for _ in range(updates):
        nnlib.update(network, inputs, targets, alpha)
    return nnlib.cost(network, inputs, targets)


def three_way(inputs, labels):  # notebook 04's split: 100 training, 50 validation, 50 test
    rest, test = nnlib.train_test_split(inputs, labels, test_fraction=0.25, seed=0)
    training, validation = nnlib.train_test_split(*rest, test_fraction=1 / 3, seed=0)
    return [(points, point_labels[:, None])
            for points, point_labels in (training, validation, test)]


def answers_01():
    w, x = np.array([2.0, -1.0, 0.5]), np.array([1.0, 3.0, 4.0])
    W1, b1 = np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([0.0, -1.0])
    W2, b2 = np.array([[2.0, -3.0]]), np.array([0.5])
    (a, b), (c,) = (W2 @ W1)[0], W2 @ b1 + b2
    view = explorers.NeuronExplorer(data="OR", name="guide: OR")
    biases = []
    for bias in np.round(np.arange(-6, 6.01, 0.1), 1):
        view.bias_slider.value = bias
        if "4 of 4 right" in view.readout.value:
            biases.append(bias)
    view.close()
    corner = np.array([0.0, 1.0])
    return [f"= {w @ x:g}$; through the sigmoid, $\\sigma(1) = {nnlib.sigmoid(1.0):.3f}$",
            f"$\\sigma(0) = {nnlib.sigmoid(0.0):g}$, and step(0) = {nnlib.step(0.0):g}",
            f"weights $W^2 W^1 = ({a:g}, {b:g})$ and bias $W^2 b^1 + b^2 = {c:g}$",
            f"any bias from {min(biases):g} to {max(biases):g}",
            f"goes from {nnlib.neuron_output([-1.0, 1.0], corner, 0.0):.2f} to "
            f"{nnlib.neuron_output([-2.0, 2.0], corner, 0.0):.2f}"]


def answers_02():
    table = nnlib.article_table()
    guess = np.array([0.2, 1.4, 30.0])
    z = float(nnlib.predict(guess, table.inputs[0]))
    slope = explorers.SlopeExplorer(name="guide: slope")
    slope.slider.value = 1.2
    assert "downhill is left" in slope.readout.value
    descent = explorers.DescentExplorer(name="guide: descent")
    said = []
    for alpha in (0.005, 0.01, 0.014, 0.015):
        descent.learning_rate_slider.value = alpha
        said.append(f"**α** to {alpha:g} ({descent.reached_at}")
    descent.learning_rate_slider.value = 0.016
    said.append(f"**α** to 0.016 (diverged at step {descent.history.diverged_at})")
    descent.reset()
    before = descent.reached_at
    descent.weight_sliders[2].value = -40
    said.append(f"{descent.reached_at} updates instead of {before}")
    descent.close()
    halved = explorers.DescentExplorer(gradient=lambda w, i, t: 0.5 * nnlib.mse_gradient(w, i, t),
                                       name="guide: halved")
    for words in ("your gradient is off", "Half the true size"):
        assert words in halved.readout.value, halved.readout.value
        said.append(f"\"{words}\"")
    halved.close()
    with pytest.warns(nnlib.DivergenceWarning):
        fast = nnlib.gradient_descent(table.inputs, table.outputs, guess, 0.02, 2000)
    said.append(f"diverged at step {fast.diverged_at}, and the check says α is too large")
    return [f"$1.2 + 7 + 150 = {z:g}$ where 13.5 was wanted; the squared miss is "
            f"$144.7^2 = {(table.outputs[0] - z) ** 2:.2f}$",
            f"exactly at $W_3 = (13.5 - 1.2 - 7)/5 = {slope.bottom:.2f}$",
            f"= {float(nnlib.predict(nnlib.TRUE_WEIGHTS, table.unknown_input)):g}$.", *said]


def answers_03():
    outputs, flat_targets = np.zeros((4, 1)), np.zeros(4)
    sizes = (784, 30, 10)
    parameters = sum(n * m + m for n, m in zip(sizes, sizes[1:]))
    cost = untrained_xor_cost_after(10)
    assert 0.124 < cost < 0.125, "just below 0.125"
    view = explorers.BackpropExplorer(name="guide: backprop")
    readouts = []
    for _ in range(3):
        readouts.append(view.readout.value)
        view.next_button.click()
    view.close()
    assert "output a = 0.389" in readouts[0] and "cost C = 0.187" in readouts[1]
    assert "δ(out) = −0.145" in readouts[2]
    slope_at_5 = float(nnlib.sigmoid_derivative(5.0))
    return [f"$\\sigma'(0) = {float(nnlib.sigmoid_derivative(0.0)):g}$, its largest; "
            f"$\\sigma'(5) \\approx {slope_at_5:.4f}$",
            f"*Answer:* {(outputs - flat_targets).shape}: every output minus every target",
            f"{parameters:,} weights and biases, two passes each: {2 * parameters:,}",
            "the output 0.389, the cost 0.187, δ of the output -0.145"]


def answers_04():
    view = explorers.TrainingExplorer(name="guide: training")
    per_epoch = len(view.training[0]) / view.batch_slider.value
    view.close()
    xor_inputs, xor_labels = nnlib.xor()
    solved = []
    for seed in range(4):
        small = nnlib.new_network((2, 2, 1), seed=seed)
        nnlib.train(small, xor_inputs, xor_labels[:, None], epochs=3000, learning_rate=3.0,
                    batch_size=4)
        solved.append(nnlib.accuracy(small, xor_inputs, xor_labels[:, None]) == 1.0)
    assert solved == [False, False, False, True], solved
    training, validation, _ = three_way(*nnlib.spiral(points=200, seed=0))
    scores, costs = {}, {}
    for hidden in (2, 4, 8, 16):
        history = nnlib.train(nnlib.new_network((2, hidden, 1), seed=0), *training, epochs=400,
                              learning_rate=3.0, batch_size=10, test=validation)
        scores[hidden], costs[hidden] = history.test_accuracies[-1], history.test_costs[-1]
    assert abs(scores[2] - 0.70) <= 0.05 and all(abs(scores[h] - 0.90) <= 0.05 for h in (4, 8, 16))
    circle_training, circle_validation, _ = three_way(*nnlib.circle(points=200, seed=0))
    large = nnlib.train(nnlib.new_network((2, 8, 1), seed=0), *circle_training, epochs=100,
                        learning_rate=300.0, batch_size=10, test=circle_validation)
    assert min(large.costs) > 0.24 and large.test_accuracies[-1] == 0.5
    return [f"150 training points, 10 a batch: {per_epoch:g} updates",
            f"from seed {solved.index(True)} only, of the seeds 0 to 3",
            f"By the validation cost, {min(costs, key=costs.get)} units are chosen",
            "the same answer everywhere, cost 0.25, accuracy 50%"]


def answers_05():
    a = float(nnlib.sigmoid(4.0))
    slope = a * (1 - a)
    assert a / (a * slope) > 50, "more than fifty times larger"
    return [f"$(a - y)\\,\\sigma'(z) = {a:.3f} \\times {slope:.4f} \\approx {a * slope:.3f}$; "
            f"cross-entropy: $a - y = {a:.3f}$",
            f"$\\lambda = 5 \\times 1000 / 50000 = {5 * 1000 / 50000:g}$",
            f"where $\\sigma' < {float(nnlib.sigmoid_derivative(5.0)):.4f}$"]


def answers_05_on_mnist(monkeypatch):
    """Question 4 of notebook 05: the hidden sums' spread on MNIST, at either start; skipped
    where there is no copy of MNIST here (the notebook's own cells check it on Run All)."""
    import os

    source = os.environ.get("NNLIB_DATA_DIR") or str(ROOT.parent / "shared" / "data" / "mnist")
    if not Path(source, "train-images-idx3-ubyte.gz").is_file():
        pytest.skip("no copy of MNIST here")
    monkeypatch.setenv("NNLIB_DATA_DIR", source)
    images, _ = nnlib.mnist("train")
    sample = images[:1000].reshape(1000, -1)
    spreads = {}
    for scale in (1.0, "1/sqrt(inputs)"):
        network = nnlib.new_network((784, 30, 10), seed=0, scale=scale)
        sums = nnlib.forward_pass(network, sample)[0][0]
        spreads[scale] = (sums.std(), np.mean(np.abs(sums) > 5))
    assert spreads[1.0][1] > 0.5, "more than half of the sums beyond ±5"
    return [f"has a spread of about {spreads[1.0][0]:.0f}",
            f"brings the sums' spread to about {spreads['1/sqrt(inputs)'][0]:.0f}"]


@pytest.mark.parametrize("answers", [answers_01, answers_02, answers_03, answers_04, answers_05,
                                     answers_05_on_mnist],
                         ids=lambda answers: answers.__name__)
def test_the_answers_the_guide_gives_hold(answers, monkeypatch):
    text = flat(guide_text())
    found = answers(monkeypatch) if answers is answers_05_on_mnist else answers()
    missing = [phrase for phrase in found if flat(phrase) not in text]
    assert not missing, "TEACHING.md does not say (any more) what the code computes:\n" + \
        "\n".join(missing)


# The README points to it

def readme_section(readme, title):
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    return match.group(1) if match else ""


def test_the_readme_links_the_guide_for_teachers_and_in_its_map():
    readme = README.read_text(encoding="utf-8")
    assert "](TEACHING.md)" in readme_section(readme, "For teachers"), \
        "the README's 'For teachers' should link TEACHING.md"
    where = readme_section(readme, "What is where")
    assert re.search(r"^TEACHING\.md\s+\S", where, re.M), \
        "the README's 'What is where' should list TEACHING.md"
