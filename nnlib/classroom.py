"""Copies of the notebooks for a class: a student copy without the worked answers, and a key.

    python -m nnlib.classroom student OUTDIR    # the notebooks, every worked answer removed
    python -m nnlib.classroom key OUTDIR        # every ✏️ exercise filled in with its answer, run
    python -m nnlib.classroom both OUTDIR       # both: OUTDIR/student/ and OUTDIR/key/
    python -m nnlib.classroom slides            # the slide marks, rewritten in the notebooks

Options: `--only 01 03` takes the notebooks whose names start with those numbers; `--no-execute`
writes the key without running it; `--notebooks DIR` reads the notebooks from DIR (default: the
repository's notebooks/ folder); `--timeout SECONDS` limits each cell of the key's run.

The notebooks' exercise convention (the exercise engine's, nnlib/exercises/): a ✏️ code cell the
learner fills in, which holds `...` until then; a one-line check cell, `check.name(...)`; then a
markdown cell holding the worked answer, collapsed, with its code in one ```python block:

    <details>
    <summary><b>The worked answer</b> (click to open, once you have tried)</summary>
    …
    ```python
    …
    ```
    </details>

The student copy replaces each such block by a one-line note (ask your teacher) and changes
nothing else: the ✏️ cells keep their `...`, so each check says "not written yet" when run. The
key puts each worked answer's code into the ✏️ cell before it, then runs the notebook (nbclient,
with the notebook's kernel, in the key's folder; MNIST from NNLIB_DATA_DIR as on Run All) and
keeps the outputs; it fails, saying where, if a ✏️ cell still holding `...` has no worked answer,
if a cell raises, or if a check does not print its "Right" line. A ✏️ cell the notebook fills in
itself ("written for you: try breaking it") is left as it is, in both copies.

The slide marks (each cell's `slideshow` metadata, which JupyterLab's slideshow extension reads)
follow from the notebooks' headings, so that they stay right as the text changes: a section (#, ##)
starts a slide, a subsection (###) a slide below it, an explorer a slide of its own, and the
"# Check" cells that prove the text's claims are left out of the slides (they still run); an
exercise's check, one line into the exercise engine, stays on the exercise's slide.
"""

import argparse
import ast
import json
import re
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import nbformat

REPOSITORY_NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

WORKED_ANSWER = re.compile(  # the collapsed block, from <details> to its </details>
    r"<details>\s*<summary>\s*<b>\s*The worked answer\s*</b>.*?</details>[ \t]*", re.S)
PYTHON_BLOCK = re.compile(r"^[ \t]*```python[ \t]*\n(.*?)^[ \t]*```[ \t]*$", re.M | re.S)
CHECK_CALL = re.compile(r"^check\.\w+\(", re.M)  # a check cell's one line into the engine
EXERCISE_MARK = "✏️"

STUDENT_NOTE = "*Stuck? Ask your teacher: this copy of the notebook has no worked answers.*"
KEY_NOTE = ("**Teacher's key, not for learners.** Every ✏️ exercise below is filled in with its "
            "worked answer, and the notebook has been run: each check shows its \"Right\" line. "
            "Written by `python -m nnlib.classroom key`; the learners' copy, without the worked "
            "answers, by `python -m nnlib.classroom student`.")
KEY_NOTE_ID = "classroom-key-note"
KEY_FILLED = "# ✏️ The key: the worked answer, filled in.\n"


class ClassroomError(Exception):
    """A notebook the student copy or the key cannot be made from, in words."""


# Slides

EXPLORER = re.compile(r"^\s*\w+\s*=\s*\w+Explorer\(", re.M)  # explorer = DescentExplorer(…)


def slide_type(cell):
    """The cell's place in the slides: 'slide', 'subslide', 'skip', or '-' (on the slide above)."""
    text = cell.source.lstrip()
    if cell.cell_type == "markdown":
        if re.match(r"#{1,2}\s", text):
            return "slide"
        return "subslide" if re.match(r"#{3}\s", text) else "-"
    if text.startswith("# Check") and not CHECK_CALL.search(cell.source):
        return "skip"  # a proof of the text's claims; an exercise's check stays on its slide
    return "subslide" if EXPLORER.search(cell.source) else "-"


def slide_types(cells):
    """Each cell's `slide_type`, and after an explorer the next cell shown starts a slide, so
    that the explorer's slide holds it alone."""
    types, after_explorer = [], False
    for cell in cells:
        kind = slide_type(cell)
        if after_explorer and kind != "skip":
            kind, after_explorer = ("subslide" if kind == "-" else kind), False
        after_explorer = after_explorer or (cell.cell_type == "code" and kind == "subslide")
        types.append(kind)
    return types


def marked_for_slides(notebook):
    """Whether any cell's slide mark changed, after setting each to `slide_types`' (a cell that
    goes on the slide above has no mark: that is what no mark means)."""
    changed = False
    for cell, wanted in zip(notebook.cells, slide_types(notebook.cells)):
        if cell.metadata.get("slideshow", {}).get("slide_type", "-") != wanted:
            changed = True
        if wanted == "-":
            cell.metadata.pop("slideshow", None)
        else:
            cell.metadata["slideshow"] = {"slide_type": wanted}
    return changed


# Reading the exercises

def is_worked_answer(cell):
    return cell.cell_type == "markdown" and WORKED_ANSWER.search(cell.source) is not None


def is_exercise(cell):
    """A ✏️ code cell, filled in or not."""
    return cell.cell_type == "code" and EXERCISE_MARK in cell.source


def holds_ellipsis(source):
    """Whether the code holds `...` (the learner's blank), not counting comments and strings."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a cell magic, say: fall back on the text
        return re.search(r"=\s*\.\.\.|return\s*\.\.\.", source) is not None
    in_slices = {id(node) for subscript in ast.walk(tree) if isinstance(subscript, ast.Subscript)
                 for node in ast.walk(subscript.slice)}  # x[..., 0] is no blank
    return any(isinstance(node, ast.Constant) and node.value is Ellipsis
               and id(node) not in in_slices for node in ast.walk(tree))


def is_unfilled_exercise(cell):
    return is_exercise(cell) and holds_ellipsis(cell.source)


def first_line(cell):
    line = next((line for line in cell.source.splitlines() if line.strip()), "")
    return line if len(line) <= 60 else line[:57] + "…"


def worked_code(cell, where):
    """The code of the ```python block of a worked-answer cell."""
    block = WORKED_ANSWER.search(cell.source).group(0)
    found = PYTHON_BLOCK.findall(block)
    if len(found) != 1:
        raise ClassroomError(
            f"{where}: its worked answer has {len(found)} ```python blocks; the key needs exactly "
            "one, the code that fills in the ✏️ cell before it")
    return textwrap.dedent(found[0]).rstrip() + "\n"


def exercises(notebook, name="the notebook"):
    """[(index of a ✏️ cell that still holds `...`, index of its worked answer)]: the worked answer
    is the first one after the ✏️ cell, before the next ✏️ cell. Raises ClassroomError, saying
    which cell, when one has none."""
    cells, pairs = notebook.cells, []
    for index, cell in enumerate(cells):
        if not is_unfilled_exercise(cell):
            continue
        answer = None
        for later in range(index + 1, len(cells)):
            if is_exercise(cells[later]):
                break
            if is_worked_answer(cells[later]):
                answer = later
                break
        if answer is None:
            raise ClassroomError(
                f"{name}, cell {index + 1} (`{first_line(cell)}`): this ✏️ cell still holds `...`"
                " and no worked answer follows it (a markdown cell with <summary><b>The worked "
                "answer</b> and a ```python block, after its check and before the next ✏️ cell),"
                " so the key cannot fill it in. Write its worked answer, or fill the cell in.")
        pairs.append((index, answer))
    return pairs


# The two copies

def student_copy(notebook):
    """The notebook with each worked-answer block replaced by a one-line note; the rest as is."""
    copy = nbformat.reads(nbformat.writes(notebook), as_version=4)
    for cell in copy.cells:
        if is_worked_answer(cell):
            cell.source = WORKED_ANSWER.sub(STUDENT_NOTE, cell.source)
    return copy


def key_copy(notebook, name="the notebook"):
    """The notebook with each ✏️ cell that holds `...` filled in with its worked answer's code,
    and a note on top saying it is the key. Not run."""
    copy = nbformat.reads(nbformat.writes(notebook), as_version=4)
    for exercise, answer in exercises(copy, name):
        where = f"{name}, cell {answer + 1}"
        copy.cells[exercise].source = KEY_FILLED + worked_code(copy.cells[answer], where)
    if not any(cell.get("id") == KEY_NOTE_ID for cell in copy.cells):
        note = nbformat.v4.new_markdown_cell(KEY_NOTE)
        note["id"] = KEY_NOTE_ID
        copy.cells.insert(0, note)
    return copy


def printed(cell):
    """The text a code cell's outputs show: its prints, its results and its errors."""
    texts = []
    for output in cell.get("outputs", ()):
        if output.get("output_type") == "stream":
            texts.append(output.get("text", ""))
        elif output.get("output_type") in ("execute_result", "display_data"):
            texts.append(output.get("data", {}).get("text/plain", ""))
        elif output.get("output_type") == "error":
            texts.append(f"{output.get('ename')}: {output.get('evalue')}")
    return "".join(texts)


def cell_number(notebook, index):
    """The cell's number, counted from 1 as in the notebook the key was made from."""
    noted = bool(notebook.cells) and notebook.cells[0].get("id") == KEY_NOTE_ID
    return index + 1 - noted


def check_cells(notebook):
    return [index for index, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" and CHECK_CALL.search(cell.source)]


def execute(notebook, folder, name="the notebook", timeout=600):
    """Run the notebook in `folder` with its own kernel (nbclient), keeping the outputs. The
    kernel's own warnings go to stderr, less ipykernel's notice that it talks over TCP without
    encryption (its sockets are local)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    kernel = notebook.metadata.get("kernelspec", {}).get("name", "python3")
    client = NotebookClient(notebook, timeout=timeout, kernel_name=kernel,
                            resources={"metadata": {"path": str(folder)}})
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as kernel_stderr:
        try:
            client.execute(stderr=kernel_stderr)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
            raise ClassroomError(f"{name}: running it stopped: {error}") from error
        finally:
            kernel_stderr.seek(0)
            for line in kernel_stderr:
                if "without encryption" not in line:
                    sys.stderr.write(line)
    return notebook


def run(notebook, folder, name="the notebook", timeout=600):
    """Run the key in `folder` (see execute), then make sure every check printed its "Right"
    line."""
    execute(notebook, folder, name, timeout)
    for index in check_cells(notebook):
        cell, text = notebook.cells[index], printed(notebook.cells[index])
        if "Right" not in text or "not written yet" in text:
            call = next(line for line in cell.source.splitlines() if CHECK_CALL.match(line))
            raise ClassroomError(
                f"{name}, cell {cell_number(notebook, index)} (`{call}`): in the key this check "
                f"should print its \"Right\" line, and it printed: {text.strip()!r}")
    return notebook


# The command

def number_of(path):
    """A notebook's number, from its name (03 of 03_backpropagation.ipynb), or None."""
    prefix = path.name.split("_")[0]
    return int(prefix) if prefix.isdigit() else None


def chosen(source, only=None):
    """The notebooks of `source`, or those whose names start with one of `only` (01, 3, ...)."""
    notebooks = sorted(Path(source).glob("*.ipynb"))
    if not notebooks:
        raise ClassroomError(f"no notebooks in {source}: give the folder with --notebooks")
    if not only:
        return notebooks
    picked = []
    for wanted in only:
        found = [path for path in notebooks if path.name.startswith(wanted) or number_of(path)
                 is not None and wanted.isdigit() and number_of(path) == int(wanted)]
        if not found:
            raise ClassroomError(f"--only {wanted}: no notebook of {source} starts with {wanted}"
                                 f" (there are {', '.join(path.name for path in notebooks)})")
        picked += [path for path in found if path not in picked]
    return sorted(picked)


def write(notebook, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(notebook)
    nbformat.write(notebook, path)


def write_slide_marks(paths, say=print):
    """Rewrite each notebook's slide marks in place, keeping the file as stored (its keys in their
    order, its lines as they are), so that only the marks change."""
    for path in paths:
        stored = json.loads(path.read_text(encoding="utf-8"))
        notebook = nbformat.from_dict(stored)
        for cell in notebook.cells:
            cell.source = "".join(cell.source) if isinstance(cell.source, list) else cell.source
        if not marked_for_slides(notebook):
            say(f"slide marks already right: {path}")
            continue
        for raw, cell in zip(stored["cells"], notebook.cells):
            raw["metadata"] = cell.metadata
        nbformat.validate(nbformat.from_dict(stored))
        path.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        say(f"slide marks rewritten: {path}")


def write_student(paths, outdir, say=print):
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        removed = sum(len(WORKED_ANSWER.findall(cell.source))
                      for cell in notebook.cells if is_worked_answer(cell))
        write(student_copy(notebook), outdir / path.name)
        say(f"student copy: {outdir / path.name} ({removed} worked "
            f"answer{'' if removed == 1 else 's'} removed)")


def write_key(paths, outdir, run_them=True, timeout=600, say=print):
    keys = [(path, key_copy(nbformat.read(path, as_version=4), path.name)) for path in paths]
    outdir.mkdir(parents=True, exist_ok=True)
    for path, key in keys:  # every notebook is read and filled in before any is run
        filled = sum(cell.cell_type == "code" and cell.source.startswith(KEY_FILLED)
                     for cell in key.cells)
        if run_them:
            start = time.perf_counter()
            run(key, outdir, path.name, timeout)
            ran = (f", run in {time.perf_counter() - start:.1f} s: "
                   f"every check ({len(check_cells(key))}) says Right")
        else:
            ran = ", not run"
        write(key, outdir / path.name)
        say(f"key: {outdir / path.name} ({filled} exercise{'' if filled == 1 else 's'} "
            f"filled in{ran})")


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m nnlib.classroom",
        description="Write a student copy of the notebooks, without the worked answers, and/or "
                    "a key: every ✏️ exercise filled in with its worked answer, and run.")
    parser.add_argument("what", choices=("student", "key", "both", "slides"),
                        help="student: the copy for learners; key: the teacher's key; both: "
                             "OUTDIR/student and OUTDIR/key; slides: rewrite the slide marks "
                             "in the notebooks themselves (no OUTDIR)")
    parser.add_argument("outdir", type=Path, nargs="?",
                        help="the folder to write the notebooks to")
    parser.add_argument("--only", nargs="+", metavar="NN",
                        help="only the notebooks whose names start with these (e.g. 01 03)")
    parser.add_argument("--no-execute", action="store_true",
                        help="write the key without running it (no outputs, nothing checked)")
    parser.add_argument("--notebooks", type=Path, default=REPOSITORY_NOTEBOOKS,
                        help="the folder of the notebooks (default: the repository's)")
    parser.add_argument("--timeout", type=float, default=600,
                        help="seconds each cell of the key may take (default 600)")
    options = parser.parse_args(argv)
    outdir = options.outdir
    if (options.what == "slides") != (outdir is None):
        parser.error("slides takes no OUTDIR" if outdir is not None
                     else f"{options.what} needs OUTDIR, the folder to write the notebooks to")
    try:
        paths = chosen(options.notebooks, options.only)
        if options.what == "slides":
            write_slide_marks(paths)
            return 0
        student_dir, key_dir = ((outdir / "student", outdir / "key") if options.what == "both"
                                else (outdir, outdir))
        for folder in (student_dir, key_dir):
            if folder.resolve() == Path(options.notebooks).resolve():
                raise ClassroomError(f"{folder} is the folder of the notebooks themselves: "
                                     "write the copies to another folder")
        if options.what in ("student", "both"):
            write_student(paths, student_dir)
        if options.what in ("key", "both"):
            write_key(paths, key_dir, not options.no_execute, options.timeout)
    except ClassroomError as error:
        print(f"nnlib.classroom: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
