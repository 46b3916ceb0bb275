"""The classroom copies (nnlib/classroom.py): the student copy has no worked answer left and
nothing else changed; the key has every ✏️ cell filled in with its worked answer, and run, every
check says "Right"; the student copy's checks say "not written yet"."""

import re
from pathlib import Path

import nbformat
import pytest

from nnlib import classroom

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FAST = ("01", "03")  # the notebooks whose key the tests run: a few seconds each

# Told apart here on their own, not with the module's patterns, so a slip there cannot hide
WORKED = "<b>The worked answer</b>"
PYTHON = re.compile(r"```python\n(.*?)```", re.S)
CHECK = re.compile(r"^check\.\w+\(", re.M)


def unfilled(cell):
    return (cell.cell_type == "code" and "✏️" in cell.source
            and re.search(r"=\s*\.\.\.|return\s*\.\.\.", cell.source) is not None)


def worked_codes(notebook):
    return [code.strip() for cell in notebook.cells if WORKED in cell.source
            for code in PYTHON.findall(cell.source)]


def read(path):
    return nbformat.read(path, as_version=4)


def exercise_before(cells, index):
    """The nearest ✏️ code cell before cell `index` (as the notebooks' conftest.py finds it)."""
    return next((cell for cell in reversed(cells[:index])
                 if cell.cell_type == "code" and "✏️" in cell.source), None)


def printed(cell):
    return "".join(output.get("text", "") for output in cell.outputs
                   if output.output_type == "stream")


def errors(notebook):
    return [(index, output.ename) for index, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" for output in cell.outputs
            if output.output_type == "error"]


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """The student copy and the unrun key of every notebook, written by the command."""
    out = tmp_path_factory.mktemp("classroom")
    assert classroom.main(["both", str(out), "--no-execute"]) == 0
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name[:2])
def test_the_student_copy_has_no_worked_answer_and_nothing_else_changed(path, copies):
    original, student = read(path), read(copies / "student" / path.name)
    codes = worked_codes(original)
    assert len(codes) >= sum(map(unfilled, original.cells)), path.name
    assert student.metadata == original.metadata
    assert len(student.cells) == len(original.cells)
    for index, (before, after) in enumerate(zip(original.cells, student.cells)):
        where = f"{path.name}, cell {index + 1}"
        assert WORKED not in after.source and "<details>" not in after.source, where
        for code in codes:
            assert code not in after.source, f"{where} still holds a worked answer's code"
        assert (after.cell_type, after.get("id"), after.metadata) == \
            (before.cell_type, before.get("id"), before.metadata), where
        if WORKED in before.source:
            assert "ask your teacher" in after.source.lower(), where
        else:
            assert after.source == before.source, f"{where} changed"
        if unfilled(before):
            assert unfilled(after) and "..." in after.source, where


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name[:2])
def test_the_key_fills_each_exercise_with_its_worked_answer(path, copies):
    original, key = read(path), read(copies / "key" / path.name)
    assert key.cells[0].cell_type == "markdown" and "key" in key.cells[0].source.lower()
    assert len(key.cells) == len(original.cells) + 1
    filled = 0
    for index, (before, after) in enumerate(zip(original.cells, key.cells[1:])):
        where = f"{path.name}, cell {index + 1}"
        assert (after.cell_type, after.get("id")) == (before.cell_type, before.get("id")), where
        if unfilled(before):  # its answer: the first worked answer after it
            answer = next(cell for cell in original.cells[index:] if WORKED in cell.source)
            (code,) = PYTHON.findall(answer.source)
            assert code.strip() in after.source and "✏️" in after.source, where
            assert not unfilled(after), where
            filled += 1
        else:
            assert after.source == before.source, f"{where} changed"
    assert filled == sum(map(unfilled, original.cells))
    assert not any(cell.outputs for cell in key.cells if cell.cell_type == "code")  # not run


@pytest.fixture(scope="module")
def run_key(tmp_path_factory):
    out = tmp_path_factory.mktemp("key")
    assert classroom.main(["key", str(out), "--only", *FAST]) == 0
    return out


@pytest.mark.parametrize("number", FAST)
def test_the_run_key_says_right_at_every_check(number, run_key):
    (path,) = run_key.glob(f"{number}_*.ipynb")
    key = read(path)
    assert not errors(key), errors(key)
    checks = [cell for cell in key.cells if cell.cell_type == "code" and CHECK.search(cell.source)]
    assert checks, path.name
    for cell in checks:
        text = printed(cell)
        assert "Right" in text and "not written yet" not in text, (cell.source, text)
    assert all(cell.execution_count for cell in key.cells if cell.cell_type == "code")


def test_the_run_student_copy_says_not_written_yet(tmp_path):
    assert classroom.main(["student", str(tmp_path), "--only", "01"]) == 0
    (path,) = tmp_path.glob("01_*.ipynb")
    student = classroom.execute(read(path), tmp_path, path.name)
    assert not errors(student), errors(student)
    cells = student.cells
    checks = [index for index, cell in enumerate(cells)
              if cell.cell_type == "code" and CHECK.search(cell.source)]
    assert checks
    for index in checks:
        text = printed(cells[index])
        if unfilled(exercise_before(cells, index)):
            assert "not written yet" in text and "Right" not in text, (cells[index].source, text)
        else:
            assert "Right" in text, (cells[index].source, text)


# Made-up notebooks: a missing worked answer, a key whose check does not pass

def made_up(folder, worked=True, answer="x = 2"):
    """A notebook of one exercise, its check (a stand-in for nnlib's) and maybe its answer."""
    cells = [nbformat.v4.new_code_cell(
                 "import types\n\ncheck = types.SimpleNamespace(double=lambda x: print(\n"
                 "    'x is not written yet' if x is ... else 'Right: 2' if x == 2 else 'Wrong'))"),
             nbformat.v4.new_markdown_cell("### ✏️ Exercise: two"),
             nbformat.v4.new_code_cell("x = ...  # ✏️ the number two"),
             nbformat.v4.new_code_cell("check.double(x)")]
    if worked:
        cells.append(nbformat.v4.new_markdown_cell(
            "<details>\n<summary><b>The worked answer</b> (click to open)</summary>\n\nTwo.\n\n"
            f"```python\n{answer}\n```\n</details>"))
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}})
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / "01_made_up.ipynb")
    return folder


def test_a_missing_worked_answer_stops_the_key_and_says_where(tmp_path, capsys):
    source = made_up(tmp_path / "notebooks", worked=False)
    assert classroom.main(["key", str(tmp_path / "key"), "--notebooks", str(source),
                           "--no-execute"]) == 1
    said = capsys.readouterr().err
    assert "01_made_up.ipynb, cell 3 (`x = ...  # ✏️ the number two`)" in said, said
    assert "no worked answer follows it" in said, said
    assert not (tmp_path / "key" / "01_made_up.ipynb").exists()
    with pytest.raises(classroom.ClassroomError, match="no worked answer"):
        classroom.key_copy(read(source / "01_made_up.ipynb"))
    # the student copy needs none
    assert classroom.main(["student", str(tmp_path / "student"), "--notebooks", str(source)]) == 0


def test_a_key_whose_check_does_not_say_right_fails(tmp_path, capsys):
    source = made_up(tmp_path / "notebooks", answer="x = 3")
    assert classroom.main(["key", str(tmp_path / "key"), "--notebooks", str(source)]) == 1
    said = capsys.readouterr().err
    assert "cell 4 (`check.double(x)`)" in said and "'Wrong'" in said, said
    made_up(source, answer="x = 2")
    assert classroom.main(["key", str(tmp_path / "key"), "--notebooks", str(source)]) == 0
    key = read(tmp_path / "key" / "01_made_up.ipynb")
    assert "x = 2" in key.cells[3].source and printed(key.cells[4]) == "Right: 2\n"


def test_the_command_refuses_the_notebooks_folder_and_unknown_numbers(tmp_path, capsys):
    source = made_up(tmp_path / "notebooks")
    before = (source / "01_made_up.ipynb").read_text()
    assert classroom.main(["student", str(source), "--notebooks", str(source)]) == 1
    assert "the folder of the notebooks themselves" in capsys.readouterr().err
    assert (source / "01_made_up.ipynb").read_text() == before
    assert classroom.main(["student", str(tmp_path / "out"), "--notebooks", str(source),
                           "--only", "07"]) == 1
    assert "--only 07: no notebook" in capsys.readouterr().err


def test_a_filled_cell_that_slices_with_ellipsis_is_no_blank():
    assert classroom.holds_ellipsis("x = ...  # ✏️") and classroom.holds_ellipsis("return ...")
    assert not classroom.holds_ellipsis("corner = image[..., 0]  # ✏️ written for you")
    assert not classroom.holds_ellipsis("# x = ... was the blank\nx = 2")


# Slides

def stored_slide_types(path):
    return [cell.metadata.get("slideshow", {}).get("slide_type", "-") for cell in read(path).cells]


def heading_level(cell):
    found = re.match(r"(#+)\s", cell.source.lstrip()) if cell.cell_type == "markdown" else None
    return len(found.group(1)) if found else 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_the_slides_start_at_each_heading_and_give_each_explorer_a_slide(path):
    cells, types = read(path).cells, stored_slide_types(path)
    assert types == classroom.slide_types(cells), (
        f"{path.name}: its slide marks are not what its headings give; run "
        "`python -m nnlib.classroom slides` and commit the notebooks")
    for index, (cell, kind) in enumerate(zip(cells, types)):
        level = heading_level(cell)
        if level in (1, 2):
            assert kind == "slide", f"{path.name}, cell {index}: a section starts no slide"
        elif level == 3:
            assert kind == "subslide", f"{path.name}, cell {index}: a subsection is no subslide"
        elif cell.cell_type == "markdown":  # a heading further down would start mid-slide
            assert not re.search(r"^#{1,3}\s", cell.source, re.M) or "```" in cell.source, \
                f"{path.name}, cell {index}: a heading inside a cell; start a cell with it"
        if cell.cell_type == "code" and cell.source.startswith("# Check"):
            exercise_check = CHECK.search(cell.source) is not None
            assert (kind == "skip") != exercise_check, (
                f"{path.name}, cell {index}: a proof shows on a slide, or an exercise's check "
                "is left out")
    explorers = [index for index, cell in enumerate(cells) if cell.cell_type == "code"
                 and re.search(r"^\w+ = \w+Explorer\(", cell.source, re.M)
                 and not cell.source.startswith("# Check")]
    assert explorers, f"{path.name}: no explorer found"
    for index in explorers:
        assert types[index] == "subslide", f"{path.name}, cell {index}: the explorer shares a slide"
        shown_next = next((kind for kind in types[index + 1:] if kind != "skip"), "slide")
        assert shown_next in ("slide", "subslide"), \
            f"{path.name}: the cell after the explorer in cell {index} shares its slide"


def test_the_slides_command_rewrites_only_the_marks(tmp_path, capsys):
    for path in NOTEBOOKS[:2]:
        unmarked = read(path)
        for cell in unmarked.cells:
            cell.metadata.pop("slideshow", None)
        nbformat.write(unmarked, tmp_path / path.name)
    assert classroom.main(["slides", "--notebooks", str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("slide marks rewritten") == 2
    for path in NOTEBOOKS[:2]:
        assert stored_slide_types(tmp_path / path.name) == stored_slide_types(path)
        assert [cell.source for cell in read(tmp_path / path.name).cells] == \
            [cell.source for cell in read(path).cells]
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert classroom.main(["slides", "--notebooks", str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("already right") == 2
    assert before == {path.name: path.read_bytes() for path in tmp_path.iterdir()}


def test_the_slides_command_takes_no_folder_and_the_copies_need_one(capsys):
    with pytest.raises(SystemExit):
        classroom.main(["slides", "out"])
    with pytest.raises(SystemExit):
        classroom.main(["student"])
    assert "needs OUTDIR" in capsys.readouterr().err
