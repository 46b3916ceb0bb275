"""A rule for the notebooks nbval runs: on Run All, a check prints a verdict, never an answer.

The check after a ✏️ cell that still holds `...` must say "not written yet"; after a ✏️ cell that
the notebook fills in itself (the learner is asked to edit or break it), it must say "Right".
"""

import re

import pytest

CHECK_CALL = re.compile(r"^check\.\w+\(", re.M)


def exercise_cell_before(cells, index):
    """The nearest ✏️ code cell before cell `index`, or None."""
    for cell in reversed(cells[:index]):
        if cell.cell_type == "code" and "✏️" in cell.source:
            return cell
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    cell = getattr(item, "cell", None)
    if call.when != "call" or report.failed or cell is None or not CHECK_CALL.search(cell.source):
        return
    cells = item.parent.nb.cells
    exercise = exercise_cell_before(cells, cells.index(cell))
    printed = "".join(output.get("text", "") for output in item.test_outputs or ())
    unwritten = exercise is not None and re.search(r"=\s*\.\.\.|return\s*\.\.\.", exercise.source)
    expected = "not written yet" if unwritten else "Right"
    if expected not in printed or (unwritten and "Right:" in printed):
        report.outcome = "failed"
        report.longrepr = (f"{item.name}: on Run All this check should print '{expected}', and it "
                           f"printed: {printed!r}")
