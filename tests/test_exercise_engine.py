"""The exercise engine on its own: how it runs an answer, matches slips, names errors raised in a
learner's code, and shows a wrong answer; and the notebooks' exercises as a whole (each worked
answer passes its check, and Run All prints no answer)."""

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnlib.exercises import check
from nnlib.exercises.engine import Exercise, InTurn, Probe, Slip, Wrong

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def mean_rows(table):
    """A reference that averages over examples: one number per column."""
    return table.mean(axis=0)


def probes():
    rng = np.random.default_rng(0)
    return [Probe({"table": rng.normal(size=(n, 3))}, f"on {n} rows of 3 numbers", examples=n)
            for n in (1, 3, 5)]


AVERAGE = Exercise(name="my_average", reference=mean_rows, parameters=("table",), probes=probes,
                   right="Right.", slips=[Slip("the average of the first row alone.",
                                               lambda table: table[0])])


def words_of(exercise, *answers):
    with pytest.raises(Wrong) as caught:
        exercise.verdict(*answers)
    return " ".join(str(caught.value).split())


def test_right_answer_prints_the_right_line(capsys):
    AVERAGE(lambda table: np.sum(table, axis=0) / len(table))
    assert capsys.readouterr().out == "Right.\n"


def test_ratio_words_name_sign_factor_and_count_of_examples():
    assert "wrong sign" in words_of(AVERAGE, lambda table: -table.mean(axis=0))
    assert "twice the right value" in words_of(AVERAGE, lambda table: 2 * table.mean(axis=0))
    assert "a sum where the average belongs" in words_of(AVERAGE, lambda table: table.sum(axis=0))
    assert "once too often" in words_of(AVERAGE, lambda table: table.mean(axis=0) / len(table))
    assert "divided by 3 whatever the number of examples" in words_of(
        AVERAGE, lambda table: table.sum(axis=0) / 3)


def test_a_slip_that_fits_every_probe_is_named_not_the_ratio():
    # On one row, the first row is the average: only the probes of 3 and 5 rows tell them apart.
    assert "the average of the first row alone" in words_of(AVERAGE, lambda table: table[0])


def test_shape_words_name_a_transpose_an_extra_axis_and_a_fixed_size():
    assert "shape (1, 3)" in words_of(AVERAGE, lambda table: table.mean(axis=0, keepdims=True))
    assert "where each row or each neuron needs its own" in words_of(
        AVERAGE, lambda table: table.mean())
    row_sums = Exercise(name="my_row_sums", reference=lambda table: table.sum(axis=1),
                        parameters=("table",), probes=probes, right="Right.")
    assert "It has the shape of the answer on 3 rows of 3 numbers: is a size written as a fixed" \
        in words_of(row_sums, lambda table: np.zeros(3) + table.sum())


def decay_probes():
    return [Probe({"t": np.linspace(-10.0, 10.0, 21)}, "at 21 times from −10 to 10"),
            Probe({"t": np.array([0.0, 2000.0])}, "at t = 0 and 2000")]


DECAY = Exercise(name="my_decay", reference=lambda t: 3 * np.exp(-t / 2), parameters=("t",),
                 probes=decay_probes, right="Right.",
                 slips=[Slip("it grows where it decays.", lambda t: 3 * np.exp(t / 2))])


def decay_rounded(t):
    return 3 * 2.71828 ** (-t / 2)


def grows_rounded(t):
    return 3 * 2.72 ** (t / 2)


def decay_plus_a_near_e(t):
    return 3 * np.exp(-t / 2) + 2.72


def test_e_written_rounded_is_named_in_any_exercise_when_e_exact_mends_it():
    words = words_of(DECAY, decay_rounded)
    assert words == ("✗ my_decay: 2.71828 is e rounded (e = 2.718281828…), so `2.71828 ** (-t / "
                     "2)` is not quite e to that power: a little off, more so the farther the "
                     "power is from 0. Use e itself: np.exp(-t / 2) is e to the power -t / 2, "
                     "exactly.")
    assert words_of(DECAY, grows_rounded).endswith("And with e exact, it grows where it decays.")
    assert "e rounded" not in words_of(DECAY, decay_plus_a_near_e)  # e exact does not mend it


def grows_written_to_overflow(t):
    return 3 * np.exp(t) / np.exp(t / 2)


def test_a_slip_is_named_by_its_values_where_the_answer_overflows_at_a_few_entries():
    words = words_of(DECAY, grows_written_to_overflow)
    assert words == ("✗ my_decay: it grows where it decays. (Besides, it gives NaN at t = 2000, "
                     "where the answer is 0: a number grew too large for a float (overflowed) "
                     "along the way.)")
    assert "it grows" not in words_of(DECAY, lambda t: t * np.nan)  # NaN everywhere fits none


def row_probes():
    return [Probe({"v": np.ones((3, 2))}, "on a table of 3 rows"),
            Probe({"v": np.ones((4, 2))}, "on a table of 4 rows"),
            Probe({"v": np.ones(2)}, "on a single row")]


ROW_SUMS = Exercise(name="my_sums", reference=lambda v: v.sum(axis=-1), parameters=("v",),
                    probes=row_probes, right="Right.")


def test_a_fixed_size_is_asked_about_only_where_a_probe_of_as_many_axes_ran():
    axis = words_of(ROW_SUMS, lambda v: v.sum(axis=1))
    assert "failed on a single row.)" in axis and "fixed number" not in axis
    three = words_of(ROW_SUMS, lambda v: v.reshape(3, -1).sum(axis=-1))
    assert "failed on a table of 4 rows: is a size written as a fixed number?)" in three


def broadcast_slip(table):
    means = table.mean(axis=1)
    return (table - means).mean(axis=0) + means.mean()


def test_errors_in_the_learners_code_name_the_line_and_the_shapes():
    words = words_of(AVERAGE, broadcast_slip)
    assert "`table - means` works number by number" in words
    assert "means has one number per row of table" in words and "keepdims=True" in words
    assert "Where: line 3 of broadcast_slip" in words
    assert "Python said: ValueError" in words


def recursive_average(table):
    return recursive_average(table)


def test_unusual_errors_still_get_words():
    assert "calls itself without end" in words_of(AVERAGE, recursive_average)
    assert "uses `undefined_name`, which is not defined" in words_of(
        AVERAGE, lambda table: undefined_name)  # noqa: F821
    assert "an index goes past the end" in words_of(AVERAGE, lambda table: table[:, 7])
    assert "np.zeros (and np.ones, np.empty) takes the shape as one tuple" in words_of(
        AVERAGE, lambda table: np.zeros(3, 1))
    assert "raised KeyError" in words_of(AVERAGE, lambda table: {}["rows"])


def test_a_wrong_answer_shows_its_words_without_a_traceback():
    with pytest.raises(Wrong) as caught:
        AVERAGE(broadcast_slip)
    shown = "\n".join(caught.value._render_traceback_())
    assert shown.startswith("\x1b[31m✗ my_average:") and "Traceback" not in shown
    assert isinstance(caught.value.__cause__, ValueError), "the learner's own error stays chained"


def test_each_probe_gets_a_copy_and_a_change_in_place_is_named():
    seen = []

    def keeps(table):
        seen.append(table)
        table[0, 0] = 99.0
        return table.mean(axis=0)

    assert "changes its input `table`" in words_of(AVERAGE, keeps)
    fresh = probes()
    assert not np.array_equal(seen[0], fresh[0].arguments["table"]), "the probe itself changed"


def test_in_turn_reports_the_first_unwritten_or_wrong(capsys):
    both = InTurn("Both right.", AVERAGE, AVERAGE)
    right = lambda table: table.mean(axis=0)  # noqa: E731
    both(right, right)
    both(right, ...)
    assert capsys.readouterr().out == ("Both right.\nRight so far: my_average. my_average is not "
                                       "written yet: replace the ... with your code, run its cell, "
                                       "then this one (stuck? open the worked answer below).\n")
    with pytest.raises(Wrong):
        both(right, lambda table: table.sum(axis=0))


# The notebooks' exercises

def cells(path):
    return [("".join(cell["source"]), cell["cell_type"]) for cell in json.loads(path.read_text())["cells"]]


def check_cells(path):
    """(the check line, the code of the worked answer under it or None, the import cell)."""
    notebook = cells(path)
    imports = next(source for source, kind in notebook if kind == "code")
    for index, (source, kind) in enumerate(notebook):
        calls = re.findall(r"^check\.\w+\(.*\)$", source, re.M) if kind == "code" else []
        if not calls:
            continue
        worked = None
        for later, later_kind in notebook[index + 1:index + 3]:
            if later_kind == "markdown" and "The worked answer" in later:
                found = re.search(r"```python\n(.*?)```", later, re.S)
                worked = found.group(1) if found else None
                break
        yield calls[0], worked, imports


EXERCISES = [(path.name, *found) for path in NOTEBOOKS for found in check_cells(path)]


def test_every_check_cell_is_one_line_into_the_engine():
    for path in NOTEBOOKS:
        notebook = cells(path)
        for source, kind in notebook:
            if kind == "code" and re.search(r"^check\.\w+\(", source, re.M):
                code = [line for line in source.splitlines() if line and not line.startswith("#")]
                assert len(code) == 1, f"{path.name}: a check cell holds more than its one line:\n{source}"
    assert len(EXERCISES) >= 11


def test_no_code_cell_runs_a_worked_answer():
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell["source"])
            hidden = cell["metadata"].get("jupyter", {}).get("source_hidden")
            assert not (cell["cell_type"] == "code" and (hidden or re.search(
                r"worked_\w+\(", source))), \
                f"{path.name}: a code cell runs a worked answer on Run All:\n{source[:300]}"


@pytest.mark.parametrize("notebook, call, worked, imports",
                         [e for e in EXERCISES if e[2] is not None],
                         ids=[f"{e[0][:2]}-{e[1]}" for e in EXERCISES if e[2] is not None])
def test_each_worked_answer_passes_its_check(notebook, call, worked, imports):
    namespace = {}
    exec("\n".join(line for line in imports.splitlines() if not line.startswith("%")), namespace)
    exec(worked, namespace)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(call, namespace)
    assert printed.getvalue().startswith("Right"), f"{notebook}: {call} said {printed.getvalue()!r}"


def test_every_exercise_has_its_check_registered():
    for _, call, _, _ in EXERCISES:
        name = re.match(r"check\.(\w+)\(", call).group(1)
        assert name in dir(check), f"{call}: no exercise {name!r}"


def test_run_all_rule_fails_a_check_that_prints_an_answer(tmp_path):
    """The root conftest.py fails a notebook whose untouched exercise's check says 'Right'."""
    notebook = {"cells": [
        {"cell_type": "code", "execution_count": None, "id": "a", "metadata": {}, "outputs": [],
         "source": "from nnlib.exercises import check"},
        {"cell_type": "code", "execution_count": None, "id": "b", "metadata": {}, "outputs": [],
         "source": "my_z = ...  # ✏️ your number"},
        {"cell_type": "code", "execution_count": None, "id": "c", "metadata": {}, "outputs": [],
         "source": "check.weighted_sum(1.0)"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    for source, fails in (("check.weighted_sum(1.0)", True), ("check.weighted_sum(my_z)", False)):
        notebook["cells"][2]["source"] = source
        (tmp_path / "exercise.ipynb").write_text(json.dumps(notebook))
        (tmp_path / "conftest.py").write_text((ROOT / "conftest.py").read_text())
        run = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider",
                              "-q", "exercise.ipynb"], cwd=tmp_path, capture_output=True, text=True)
        assert (run.returncode != 0) == fails, run.stdout[-800:]
        if fails:
            assert "should print 'not written yet'" in run.stdout


# General slips, the same in every exercise

def right_average(table):
    return table.mean(axis=0)


def test_parameters_in_another_order_are_named():
    two = Exercise(name="my_scaled", reference=lambda table, factor: table * factor,
                   parameters=("table", "factor"), right="Right.",
                   probes=lambda: [Probe({"table": np.ones((2, 3)), "factor": 2.0})])
    assert "your parameters are (factor, table), and the check calls my_scaled(table, factor)" \
        in words_of(two, lambda factor, table: table * factor)


NOTEBOOKS_TABLE = np.arange(6.0).reshape(3, 2)
N = 4


def reads_the_notebook(table):
    return NOTEBOOKS_TABLE.mean(axis=0)


def divides_by_a_leftover(table):
    return table.sum(axis=0) / N


def test_a_function_that_reads_the_notebooks_values_is_told_so():
    assert "it reads NOTEBOOKS_TABLE (shape (3, 2)) from outside the function" in words_of(
        AVERAGE, reads_the_notebook)
    words = words_of(AVERAGE, divides_by_a_leftover)
    assert "divided by 4 whatever the number of examples" in words and "it reads N = 4" in words


def unwritten_helper(table):
    return ...


def uses_the_helper(table):
    return unwritten_helper(table)


def test_a_helper_not_written_yet_is_named_not_the_answer(capsys):
    words = words_of(AVERAGE, uses_the_helper)
    assert "gave back `...` from unwritten_helper, which it calls and which is not written yet" \
        in words
    AVERAGE(lambda table: ...)
    assert "not written yet" in capsys.readouterr().out


def test_a_python_list_is_named_where_an_array_belongs():
    assert "is a Python list, where a numpy array belongs" in words_of(
        AVERAGE, lambda table: list(table.mean(axis=0)))


def test_calling_nnlibs_own_answer_is_named():
    import nnlib

    softmax_like = Exercise(name="my_softmax", reference=nnlib.softmax, parameters=("z",),
                            right="Right.", answer_functions=(nnlib.softmax,),
                            probes=lambda: [Probe({"z": np.ones((2, 3))})])
    assert "calls nnlib's softmax, which is the answer itself" in words_of(
        softmax_like, lambda z: nnlib.softmax(z))


def wraps_round(table):
    rows = [table[k - 1] - table[k - 2][:2] for k in range(len(table))]
    return np.mean(rows, axis=0)


def test_an_index_that_wraps_round_is_pointed_out():
    assert "Python reads a negative index as counting from the end" in words_of(
        AVERAGE, wraps_round)


def test_numpys_usual_complaints_are_put_in_words():
    assert "np.where(condition, value_if_yes, value_if_no)" in words_of(
        AVERAGE, lambda table: table.mean(axis=0) if table > 0 else 0)
    assert "a numpy array has no .append: np.append(a, value)" in words_of(
        AVERAGE, lambda table: table.append(1))
    assert "@ is for arrays" in words_of(AVERAGE, lambda table: table.mean() @ table)
    assert "there is no such axis" in words_of(AVERAGE, lambda table: table.mean(axis=2))


def test_a_nearly_right_answer_shows_where_it_differs_with_digits_that_differ():
    words = words_of(AVERAGE, lambda table: np.round(table.mean(axis=0), 2))
    assert "close to the right value but not equal: rounded somewhere" in words
    got, expected = re.search(r"got (.*), expected (.*)\)\.$", words).groups()
    assert got != expected, words


def test_a_value_set_to_what_print_gives_is_told_why():
    value = Exercise(name="my_z", reference=1.0, right="Right.")
    assert "print(...) shows a value but gives back None" in words_of(value, None)


def test_no_message_names_the_product_that_fits():
    """A product's words say which sizes met and what @ needs, never which product fits: that
    is often the exercise's answer."""
    layer = Exercise(name="my_layer", reference=lambda W, x: W @ x, parameters=("W", "x"),
                     right="Right.", probes=lambda: [Probe({"W": np.ones((3, 2)),
                                                            "x": np.ones(2)})])
    words = words_of(layer, lambda W, x: x @ W)
    assert "`x @ W` cannot be computed" in words and "W @ x" not in words and "fits" not in words


def test_index_errors_say_rows_and_columns_and_module_slips_are_spelled():
    assert "there is 1 row (axis 0), numbered 0. Is a number used as a row number" in words_of(
        AVERAGE, lambda table: table[[0, 1, 5]].mean(axis=0))
    assert "picks one entry for each pair (rows[i], columns[i])" in words_of(
        AVERAGE, lambda table: table[np.arange(3), np.arange(2)].mean() * np.ones(3))
    assert "np has no `zero`: did you mean np.zeros" in words_of(
        AVERAGE, lambda table: np.zero(3))
    words = words_of(Exercise(name="my_table", reference=lambda table: table * 2,
                              parameters=("table",), right="Right.",
                              probes=lambda: [Probe({"table": np.ones((3, 4))})]),
                     lambda table: table * 2 + np.eye(3, 4))
    assert "where they differ most, at row 0, column 0" in words


def written_but_placeholder_left(table):
    means = table.mean(axis=0)  # noqa: F841 (computed, then not returned: the slip)
    return ...


def loops_over_a_number(table):
    for k in len(table):
        pass
    return table.mean(axis=0)


def test_code_above_a_leftover_placeholder_is_not_called_unwritten(capsys):
    assert "has code, and still ends in `return ...`" in words_of(AVERAGE,
                                                                  written_but_placeholder_left)

    def untouched(table):
        return ...  # ✏️

    AVERAGE(untouched)
    assert "not written yet" in capsys.readouterr().out


def test_a_loop_over_a_single_number_says_range():
    assert "write `for k in range(n)`" in words_of(AVERAGE, loops_over_a_number)


def test_a_slip_that_fails_as_the_learners_code_does_is_named_not_the_error():
    """A known slip that raises the same error on the same probes as the learner's code (and
    gives the same result on the others) is named, in place of the general words for the
    error; an exercise's own words for an error come first."""
    slip = Slip("the rows are taken as columns.", lambda table: table[:, [0, 1, 2, 3]].mean(axis=0))
    rows = Exercise(name="my_average", reference=mean_rows, parameters=("table",), probes=probes,
                    right="Right.", slips=[slip])
    assert "the rows are taken as columns" in words_of(
        rows, lambda table: table[:, np.arange(4)].mean(axis=0))
    own = Exercise(name="my_average", reference=mean_rows, parameters=("table",), probes=probes,
                   right="Right.", errors=[(lambda error, code: "arange" in code,
                                            "four columns, where the table has three.")])
    assert "four columns, where the table has three" in words_of(
        own, lambda table: table[:, np.arange(4)].mean(axis=0))


def square_first():
    rng = np.random.default_rng(4)
    return [Probe({"table": rng.normal(size=(n, 3))}, f"on {n} rows of 3 numbers", examples=n)
            for n in (3, 5)]


def rows_for_columns(table):
    # each row's average where each column's belongs: it runs on a square table, and fails on
    # the next, where the rows are more than the columns
    return table @ np.ones(len(table)) / len(table)


def test_a_wrong_result_is_named_before_an_error_on_a_later_probe():
    """Each probe's result is judged before the error a later probe raised: an answer that is
    wrong on the first probe and fails on the second is told what it got wrong, not asked
    whether a size is written as a fixed number. The error's own words follow, with its line,
    since no known slip explains the result."""
    average = Exercise(name="my_average", reference=mean_rows, parameters=("table",),
                       probes=square_first, right="Right.")
    words = words_of(average, rows_for_columns)
    assert words.startswith("✗ my_average: my_average is off (on 3 rows of 3 numbers: got")
    assert "Further on, on 5 rows of 3 numbers, it failed with an error: `table @ " \
           "np.ones(len(table))` cannot be computed" in words
    assert "Where: line 4 of rows_for_columns" in words
    assert "fixed number" not in words and "It ran on" not in words


def one_row_too_many(table):
    return np.ones(len(table) + 1) @ table / len(table)


def two_rows_of_one_too_many(table):
    return np.ones((2, len(table) + 1)) @ table


def test_a_slip_that_fails_alike_is_matched_by_the_shapes_that_met():
    """numpy's words for @ name only the sizes that differ, alike for other arrays: a slip is
    named for an error only if the same shapes met in the failing operation."""
    slip = Slip("one row too many.", lambda table: np.ones(len(table) + 1) @ table)
    average = Exercise(name="my_average", reference=mean_rows, parameters=("table",),
                       probes=probes, right="Right.", slips=[slip])
    assert "one row too many" in words_of(average, one_row_too_many)
    words = words_of(average, two_rows_of_one_too_many)
    assert "one row too many" not in words and "cannot be computed" in words


def as_text(table):
    rows = np.array([str(row) for row in table], dtype=object)
    return np.array(list(rows), dtype=object)


def test_the_checks_look_ups_bring_no_numpy_warning(recwarn):
    """Looking for nnlib's answer among the names an answer uses meets `str` and `object`, for
    which numpy warns ("In the future `np.object` will be defined as …"): the warning would be
    the check's, not the learner's, so none is shown."""
    import warnings

    import nnlib

    warnings.simplefilter("always")
    average = Exercise(name="my_average", reference=mean_rows, parameters=("table",),
                       probes=probes, right="Right.", answer_functions=(nnlib.softmax,))
    assert "not numbers" in words_of(average, as_text)
    assert not [w for w in recwarn if issubclass(w.category, (FutureWarning, DeprecationWarning))]


# A cell Python could not read: its function is the one from before, and is not judged

def test_a_check_says_when_the_cell_of_its_answer_could_not_be_read(tmp_path):
    """In a real IPython shell, as in a notebook: the ✏️ cell with a syntax slip does not run,
    so the name still holds the earlier function; the check says so, every time it is run, until
    the cell runs."""
    script = tmp_path / "cells.py"
    script.write_text(
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "cells = ['import numpy as np\\nfrom nnlib.exercises import check',\n"
        "         'def my_sigmoid(z):\\n    return ...',\n"
        "         'def my_sigmoid(z):\\n    return 1 / (1 + np.exp(-z)',\n"
        "         'check.sigmoid(my_sigmoid)', 'check.sigmoid(my_sigmoid)',\n"
        "         'def my_sigmoid(z):\\n    return 1 / (1 + np.exp(-z))',\n"
        "         'check.sigmoid(my_sigmoid)']\n"
        "for cell in cells:\n"
        "    print('>>>', cell.splitlines()[0], flush=True)\n"
        "    shell.run_cell(cell)\n")
    ran = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=300, env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"})
    said = re.sub(r"\x1b\[[0-9;]*m", "", ran.stdout + ran.stderr)
    unread = "the cell that defines my_sigmoid did not run: Python could not read it (SyntaxError"
    assert said.count(unread) == 2, said
    assert "is not written yet" not in said, said
    assert said.rstrip().endswith("on a list of sums and on a table of them."), said


def test_a_cell_that_runs_forgets_its_unread_function():
    from types import SimpleNamespace

    from nnlib.exercises import engine

    def cell(source, error=None):
        return SimpleNamespace(info=SimpleNamespace(raw_cell=source), error_before_exec=error)

    engine.remember_unread_cells(cell("def f(x):\n    return (x", SyntaxError("incomplete")))
    assert "f" in engine.UNREAD

    def f(x):
        return x

    assert "the cell that defines f did not run" in engine.unread_words(f)
    engine.remember_unread_cells(cell("def f(x):\n    return x"))
    assert engine.unread_words(f) is None
    engine.remember_unread_cells(cell("x = (", SyntaxError("incomplete")))  # defines nothing
    assert engine.UNREAD == {}
