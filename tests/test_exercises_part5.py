"""Notebook 05's exercises: one_hot, cross_entropy_delta and softmax. Each worked answer passes,
and each typical slip is named.

The wrong answers are written as a learner would write them, as real functions, so the engine
reads their source lines as it does a notebook cell's."""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

import nnlib
from nnlib.exercises import check
from nnlib.exercises.engine import Wrong

from exercising import wrong_words


def says_right(check_call, answer, capsys):
    check_call(answer)
    check_call(answer)
    out = capsys.readouterr().out
    return out.count("Right:") == 2


def says_unwritten(check_call, capsys):
    check_call(lambda *arguments: ...)
    check_call(...)
    out = capsys.readouterr().out
    return out.count("is not written yet") == 2 and "Right" not in out


# One-hot targets

def worked_one_hot(labels, classes):
    table = np.zeros((len(labels), classes))
    table[np.arange(len(labels)), labels] = 1
    return table


def one_hot_by_loop(labels, classes):
    table = np.zeros((len(labels), classes))
    for k, label in enumerate(labels):
        table[k][label] = 1
    return table


def one_hot_by_comparison(labels, classes):
    return labels[:, None] == np.arange(classes)


def one_hot_as_lists(labels, classes):
    return [[1 if label == column else 0 for column in range(classes)] for label in labels]


@pytest.mark.parametrize("answer", [worked_one_hot, one_hot_by_loop, one_hot_by_comparison,
                                    nnlib.one_hot])
def test_one_hot_right(answer, capsys):
    assert says_right(check.one_hot, answer, capsys)


def test_one_hot_unwritten(capsys):
    assert says_unwritten(check.one_hot, capsys)


def largest_label(labels, classes):
    table = np.zeros((len(labels), labels.max() + 1))
    table[np.arange(len(labels)), labels] = 1
    return table


def transposed_comparison(labels, classes):
    return (np.arange(classes)[:, None] == labels).astype(float)


def zeros_with_one_bracket(labels, classes):
    table = np.zeros(len(labels), classes)
    table[np.arange(len(labels)), labels] = 1
    return table


def rows_and_columns_swapped(labels, classes):
    table = np.zeros((len(labels), classes))
    table[labels, np.arange(len(labels))] = 1
    return table


def labels_as_floats(labels, classes):
    labels = np.array(labels, dtype=float)
    table = np.zeros((len(labels), classes))
    table[np.arange(len(labels)), labels] = 1
    return table


def one_column_left(labels, classes):
    table = np.zeros((len(labels), classes))
    table[np.arange(len(labels)), labels - 1] = 1
    return table


def one_column_right(labels, classes):
    table = np.zeros((len(labels), classes))
    for k, label in enumerate(labels):
        table[k, label + 1] = 1
    return table


def one_column_too_many(labels, classes):
    table = np.zeros((len(labels), classes + 1))
    table[np.arange(len(labels)), labels] = 1
    return table


def whole_columns(labels, classes):
    table = np.zeros((len(labels), classes))
    table[:, labels] = 1
    return table


def ten_classes(labels, classes):
    return np.eye(10)[labels]


def identity_alone(labels, classes):
    return np.eye(classes)


def flat_list(labels, classes):
    return [1.0 if label == column else 0.0 for label in labels for column in range(classes)]


def no_return(labels, classes):
    table = np.zeros((len(labels), classes))
    table[np.arange(len(labels)), labels] = 1


def changes_the_labels(labels, classes):
    table = np.zeros(len(labels) * classes)
    labels += np.arange(len(labels)) * classes  # the place of each 1 in the flat table
    table[labels] = 1
    return table.reshape(len(labels), classes)


def one_parameter(labels):
    return np.eye(10)[labels]


def star_for_at(labels, classes):
    return labels * np.eye(classes)


def with_math(labels, classes):
    table = np.zeros((len(labels), classes))
    table[np.arange(len(labels)), math.floor(labels)] = 1
    return table


def python_sum(labels, classes):
    table = np.zeros((len(labels), classes))
    table[np.arange(len(labels)), labels] = 1
    return sum(table)


def labels_as_rows(labels, classes):
    table = np.zeros((len(labels), classes))
    table[labels] = 1
    return table


def labels_as_rows_in_a_loop(labels, classes):
    table = np.zeros((len(labels), classes))
    for label in labels:
        table[label, :] = 1
    return table


def on_the_diagonal(labels, classes):
    table = np.zeros((len(labels), classes))
    for label in labels:
        table[label][label] = 1
    return table


def identity_of_the_labels(labels, classes):
    return np.eye(len(labels))[labels]


def rows_by_class(labels, classes):
    table = np.zeros((len(labels), classes))
    table[range(classes), labels] = 1
    return table


def return_inside_the_loop(labels, classes):
    table = np.zeros((len(labels), classes))
    for k, label in enumerate(labels):
        table[k, label] = 1
        return table


def hint_names_taken_for_sizes(labels, classes):
    rows, columns = len(labels), classes
    table = np.zeros((rows, columns))
    table[rows, columns] = 1
    return table


@pytest.mark.parametrize("answer, words", [
    (largest_label, "it has labels.max() + 1 columns"),
    (transposed_comparison, "it has one row per class and one column per label: turn it round"),
    (zeros_with_one_bracket, "np.zeros((rows, columns)), with two pairs of brackets"),
    (rows_and_columns_swapped, "the row numbers and the labels stand in each other's places in "
                               "the index"),
    (rows_and_columns_swapped, "Where: line 3 of rows_and_columns_swapped: "
                               "table[labels, np.arange(len(labels))] = 1"),
    (rows_and_columns_swapped, "(Python said: IndexError: index 9 is out of bounds for axis 0 with "
                               "size 4)"),
    (labels_as_floats, "an index must be a whole number (an int)"),
    (labels_as_floats, ".astype(int)"),
    (one_column_left, "its 1s are one column to the left of their labels"),
    (one_column_right, "Where: line 4 of one_column_right: table[k, label + 1] = 1"),
    (one_column_right, "(Python said: IndexError: index 10 is out of bounds for axis 1"),
    (one_column_too_many, "it has classes + 1 columns"),
    (whole_columns, "each row must hold exactly one 1"),
    (ten_classes, "is the number of classes written as 10, where `classes` belongs?"),
    (identity_alone, "it returns the identity table np.eye(classes), one row per class"),
    (flat_list, "one_hot is a Python list, where a numpy array belongs"),
    (one_hot_as_lists, "one_hot is a Python list, where a numpy array belongs"),
    (no_return, "one_hot returned None: did you forget `return`?"),
    (changes_the_labels, "changes its input `labels`"),
    (one_parameter, "give it 2 parameters, labels, classes"),
    (star_for_at, "`labels * np.eye(classes)` works number by number"),
    (with_math, "math works on one number at a time"),
    (python_sum, "it adds up the rows of the table (Python's sum(table)"),
    (labels_as_rows, "it uses the labels as row numbers: table[labels] = 1 fills whole rows"),
    (labels_as_rows, "Where: line 3 of labels_as_rows: table[labels] = 1"),
    (labels_as_rows_in_a_loop, "it uses the labels as row numbers"),
    (on_the_diagonal, "it puts each 1 at (label, label), in the row numbered by the label itself"),
    (identity_of_the_labels, "it picks rows of np.eye(len(labels)), an identity table with one "
                             "column per label"),
    (rows_by_class, "it numbers the rows with range(classes), one per class, where the table has "
                    "one row per label"),
    (return_inside_the_loop, "only its first row holds its 1: is the `return` indented inside the "
                             "loop?"),
    (hint_names_taken_for_sizes, "Where: line 4 of hint_names_taken_for_sizes: "
                                 "table[rows, columns] = 1"),
])
def test_one_hot_names_each_slip(answer, words):
    assert words in wrong_words(check.one_hot, answer)


# The cross-entropy's δ

def worked_delta(outputs, targets):
    return outputs - targets


def delta_by_rows(outputs, targets):
    return np.array([a - y for a, y in zip(outputs, targets)])


@pytest.mark.parametrize("answer", [worked_delta, delta_by_rows])
def test_cross_entropy_delta_right(answer, capsys):
    assert says_right(check.cross_entropy_delta, answer, capsys)


def test_cross_entropy_delta_unwritten(capsys):
    assert says_unwritten(check.cross_entropy_delta, capsys)


def quadratic_delta(outputs, targets):
    return (outputs - targets) * outputs * (1 - outputs)


def sign_flipped(outputs, targets):
    return targets - outputs


def averaged(outputs, targets):
    return (outputs - targets) / len(outputs)


def averaged_over_everything(outputs, targets):
    return (outputs - targets) / outputs.size


def the_cost(outputs, targets):
    return -np.sum(targets * np.log(outputs) + (1 - targets) * np.log(1 - outputs)) / len(outputs)


def each_examples_cost(outputs, targets):
    return -np.sum(targets * np.log(outputs) + (1 - targets) * np.log(1 - outputs), axis=1)


def slope_by_a(outputs, targets):
    return -targets / outputs + (1 - targets) / (1 - outputs)


def not_simplified(outputs, targets):
    slope_by_a = (outputs - targets) / (outputs * (1 - outputs))
    return slope_by_a * outputs * (1 - outputs)


def sigmoid_again(outputs, targets):
    return nnlib.sigmoid(outputs) - targets


def transposed_delta(outputs, targets):
    return targets.T - outputs.T


def in_place_delta(outputs, targets):
    outputs -= targets
    return outputs


def with_math_exp(outputs, targets):
    return 1 / (1 + math.exp(-outputs)) - targets


def four_by_three(outputs, targets):
    delta = np.zeros((4, 3))
    delta[:] = outputs - targets
    return delta


def outputs_only(outputs):
    return outputs - 1


def wrapped_in_a_list(outputs, targets):
    return [outputs - targets]


def python_sum_of_rows(outputs, targets):
    return sum(outputs - targets)


def product_for_star(outputs, targets):
    return (outputs - targets) @ (outputs * (1 - outputs))


def forgot_return(outputs, targets):
    delta = outputs - targets  # noqa: F841


def squared_miss(outputs, targets):
    return (outputs - targets) ** 2 / 2


def doubled(outputs, targets):
    return 2 * (outputs - targets)


def slope_from_the_sigmoid_of_the_outputs(outputs, targets):
    s = nnlib.sigmoid(outputs)
    return (outputs - targets) * s * (1 - s)


def quadratic_and_flipped(outputs, targets):
    return (targets - outputs) * outputs * (1 - outputs)


def slope_alone(outputs, targets):
    return outputs * (1 - outputs)


def half_the_slope_left(outputs, targets):
    return (outputs - targets) * (1 - outputs)


def averaged_over_the_examples(outputs, targets):
    return (outputs - targets).mean(axis=0)


def averaged_over_the_outputs(outputs, targets):
    return np.mean(outputs - targets, axis=1)


@pytest.mark.parametrize("answer, words", [
    (quadratic_delta, "that is the quadratic cost's δ, (a − y) σ′(z): its first factor, a − y, is "
                      "the quadratic cost's ∂C/∂a. The cross-entropy has a ∂C/∂a of its own"),
    (sign_flipped, "it has the wrong sign (−1 times the right δ)"),
    (sign_flipped, "Check the signs of ∂C/∂a"),
    (averaged, "it is divided by the number of examples (or of all the outputs): give each "
               "example its own δ"),
    (averaged_over_everything, "it is divided by the number of examples"),
    (the_cost, "that is the cost C, not its slope δ = ∂C/∂z"),
    (each_examples_cost, "that is the cost C, not its slope"),
    (slope_by_a, "that is ∂C/∂a, (a − y)/(a(1 − a)). The chain rule multiplies it by ∂a/∂z"),
    (not_simplified, "where an output is exactly 1 (a saturated neuron"),
    (not_simplified, "which is NaN. Simplify first"),
    (sigmoid_again, "outputs are already the activations a = σ(z)"),
    (transposed_delta, "returns shape (3, 4) on 4 examples of 3 outputs, where (4, 3) is needed: "
                       "rows and columns are swapped"),
    (in_place_delta, "changes its input `outputs`"),
    (with_math_exp, "math works on one number at a time"),
    (four_by_three, "It ran on 4 examples of 3 outputs, and failed on 1 example of 10 outputs: is "
                    "a size written as a fixed number?"),
    (outputs_only, "give it 2 parameters, outputs, targets"),
    (wrapped_in_a_list, "cross_entropy_delta is a Python list"),
    (python_sum_of_rows, "it adds up or averages the examples (Python's sum, or a sum or a "
                         "mean along axis=0"),
    (product_for_star, "`(outputs - targets) @ (outputs * (1 - outputs))` cannot be computed"),
    (product_for_star, "`(outputs - targets) @ (outputs * (1 - outputs))` cannot be computed"),
    (forgot_return, "cross_entropy_delta returned None: did you forget `return`?"),
    (squared_miss, "that is the quadratic cost of each output, ½(a − y)²"),
    (doubled, "is twice the right value"),
    (slope_from_the_sigmoid_of_the_outputs, "it takes the sigmoid of the outputs again, "
                                            "σ(a)(1 − σ(a)), for σ′"),
    (slope_from_the_sigmoid_of_the_outputs, "work out ∂C/∂a · σ′(z) and simplify"),
    (quadratic_and_flipped, "that is (y − a) σ′(z): the quadratic cost's δ with its sign flipped "
                            "too"),
    (slope_alone, "that is σ′(z) = a(1 − a) alone, the second factor of the chain rule: the first, "
                  "∂C/∂a, is missing"),
    (half_the_slope_left, "it keeps a factor 1 − a, a part of σ′(z) = a(1 − a)"),
    (averaged_over_the_examples, "it adds up or averages the examples"),
    (averaged_over_the_outputs, "it adds up or averages each example's outputs"),
])
def test_cross_entropy_delta_names_each_slip(answer, words):
    assert words in wrong_words(check.cross_entropy_delta, answer)


@pytest.mark.parametrize("answer", [quadratic_delta, sign_flipped, quadratic_and_flipped,
                                    slope_alone, slope_from_the_sigmoid_of_the_outputs])
def test_no_cross_entropy_message_hands_over_the_answer(answer):
    """The words point at the step (∂C/∂a, times σ′, simplified), never at δ = a − y itself."""
    words = wrong_words(check.cross_entropy_delta, answer)
    assert "a − y (output minus target)" not in words and "leave out the a(1 − a)" not in words
    assert "∂C/∂a" in words


# Softmax

def worked_softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_along_axis_1(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_by_transposing(z):
    e = np.exp(z.T - z.max(axis=1))
    return (e / e.sum(axis=0)).T


def softmax_by_rows(z):
    rows = []
    for row in z:
        e = np.exp(row - np.max(row))
        rows.append(e / np.sum(e))
    return np.array(rows)


@pytest.mark.parametrize("answer", [worked_softmax, softmax_along_axis_1, softmax_by_transposing,
                                    softmax_by_rows, nnlib.softmax])
def test_softmax_right(answer, capsys):
    assert says_right(check.softmax, answer, capsys)


def test_softmax_unwritten(capsys):
    assert says_unwritten(check.softmax, capsys)


def no_largest_subtracted(z):
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def largest_without_keepdims(z):
    e = np.exp(z - z.max(axis=1))
    return e / e.sum(axis=1, keepdims=True)


def largest_kept_apart(z):
    largest = np.max(z, axis=1)
    e = np.exp(z - largest)
    return e / np.sum(e, axis=1, keepdims=True)


def sum_without_keepdims(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1)


def smallest_subtracted(z):
    e = np.exp(z - z.min(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def first_column_subtracted(z):
    e = np.exp(z - z[:, [0]])
    return e / e.sum(axis=1, keepdims=True)


def largest_of_the_table(z):
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=1, keepdims=True)


def down_the_columns(z):
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)


def sum_without_axis(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / np.sum(e)


def python_sum(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / sum(e)


def python_sum_with_axis(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / sum(e, axis=1)


def in_place_softmax(z):
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def math_exp(z):
    e = math.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def no_return_softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    e / e.sum(axis=1, keepdims=True)


def four_rows(z):
    e = np.exp(z - z.max(axis=1).reshape(4, 1))
    return e / e.sum(axis=1).reshape(4, 1)


def not_divided(z):
    return np.exp(z - z.max(axis=1, keepdims=True))


def naive(z):
    return np.exp(z) / np.sum(np.exp(z))


def transposed_softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e.T / e.sum(axis=1)


def product_for_division(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e @ (1 / e.sum(axis=1, keepdims=True))


def no_parameter():
    return np.ones(3) / 3


def sigmoid_instead(z):
    return 1 / (1 + np.exp(-z))


def safe_top_only(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / np.exp(z).sum(axis=1, keepdims=True)


def subtracted_after_the_exponential(z):
    e = np.exp(z) - z.max(axis=1, keepdims=True)
    return e / e.sum(axis=1, keepdims=True)


def no_exponential_at_the_bottom(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / z.sum(axis=-1, keepdims=True)


def no_exponential_at_all(z):
    return z / z.sum(axis=1, keepdims=True)


def largest_added(z):
    e = np.exp(z + z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("answer, words", [
    (no_largest_subtracted, "e^z overflows for z above about 709 (e^800 is infinite, and ∞/∞ is "
                            "NaN): subtract each row's largest value first"),
    (largest_without_keepdims, "`z - z.max(axis=1)` works number by number, and z (one row of "
                               "sums per example) has shape (4, 3) while z.max(axis=1) has shape "
                               "(4,)"),
    (largest_without_keepdims, "keep the axis where it was computed (keepdims=True)"),
    (largest_without_keepdims, "Where: line 2 of largest_without_keepdims"),
    (largest_kept_apart, "`z - largest` works number by number"),
    (largest_kept_apart, "largest has one number per row of z"),
    (sum_without_keepdims, "`e / e.sum(axis=1)` works number by number"),
    (smallest_subtracted, "it subtracts each row's smallest value"),
    (first_column_subtracted, "it subtracts each row's first value, which need not be its largest"),
    (largest_of_the_table, "it subtracts the largest value of the whole table, not each row's own"),
    (down_the_columns, "it works down the columns (axis=0): each column adds up to 1"),
    (sum_without_axis, "the whole table adds up to 1, not each row"),
    (python_sum, "each column adds up to 1, not each row"),
    (python_sum, "Python's sum(e)"),
    (python_sum_with_axis, "Python's sum() takes no axis"),
    (in_place_softmax, "changes its input `z`"),
    (math_exp, "math works on one number at a time"),
    (no_return_softmax, "softmax returned None: did you forget `return`?"),
    (four_rows, "is a size written as a fixed number?"),
    (not_divided, "its rows do not add up to 1"),
    (naive, "e^z overflows for z above about 709"),
    (naive, "And: the whole table adds up to 1, not each row"),
    (transposed_softmax, "rows and columns are swapped"),
    (product_for_division, "`e @ (1 / e.sum(axis=1, keepdims=True))` cannot be computed"),
    (no_parameter, "give it the parameter z"),
    (sigmoid_instead, "that is the sigmoid of each sum, each output on its own"),
    (safe_top_only, "its top subtracts each row's largest, and its bottom does not"),
    (safe_top_only, "the rows do not add up to 1"),
    (subtracted_after_the_exponential, "it subtracts the largest after taking e^z, from the e^z "
                                       "themselves"),
    (no_exponential_at_the_bottom, "its bottom adds up the sums z themselves"),
    (no_exponential_at_all, "it divides the sums z by their total, with no e^ at all"),
    (largest_added, "it adds each row's largest where it should subtract it"),
])
def test_softmax_names_each_slip(answer, words):
    assert words in wrong_words(check.softmax, answer)


def test_a_change_in_place_does_not_spoil_the_next_check(capsys):
    """The engine gives each probe a copy: a learner's z -= ... cannot alter the expected table."""
    with pytest.raises(Wrong):
        check.softmax(in_place_softmax)
    with pytest.raises(Wrong):
        check.cross_entropy_delta(in_place_delta)
    check.softmax(worked_softmax)
    check.cross_entropy_delta(worked_delta)
    assert capsys.readouterr().out.count("Right:") == 2


def test_the_overflow_probes_catch_every_shift_but_the_largest():
    """At (0, 800) and (−800, 0), subtracting nothing, the row's smallest or its first value
    overflows; the row's largest does not."""
    z = np.array([[0.0, 800.0], [-800.0, 0.0]])
    with np.errstate(all="ignore"):
        for shift in (0, z.min(axis=1, keepdims=True), z[:, :1]):
            e = np.exp(z - shift)
            assert np.isnan(e / e.sum(axis=1, keepdims=True)).any()
    assert np.allclose(worked_softmax(z), [[0, 1], [0, 1]])


def notebook_cells():
    path = Path(__file__).parent.parent / "notebooks" / "05_handwritten_digits.ipynb"
    return ["".join(cell["source"]) for cell in json.loads(path.read_text())["cells"]]


def test_the_worked_softmax_also_takes_a_single_row():
    """The notebook's worked answer and hint use axis=-1, so trying it on one flat row works."""
    cells = notebook_cells()
    worked = next(cell for cell in cells if "def softmax(z):" in cell and "<details>" in cell)
    namespace = {"np": np}
    exec(re.search(r"```python\n(.*?)```", worked, re.S).group(1), namespace)
    row = namespace["softmax"](np.array([1.0, 2.0, 3.0]))
    np.testing.assert_allclose(row, nnlib.softmax(np.array([[1.0, 2.0, 3.0]]))[0])
    exercise = next(cell for cell in cells if "### ✏️ Exercise: softmax" in cell)
    assert "axis=-1" in exercise and "axis=1)" not in exercise


def test_the_one_hot_hint_keeps_sizes_and_positions_apart():
    """The hint names the table's shape and the arrays of positions differently, and no cell of
    the notebook makes global `rows` or `columns` that a learner's one_hot could pick up."""
    cells = notebook_cells()
    at = next(k for k, cell in enumerate(cells) if "### ✏️ Exercise: one-hot targets" in cell)
    exercise = cells[at - 1] + cells[at]  # the text just before the heading, and the exercise
    assert "table[which_rows, which_columns]" in exercise and "table[rows, columns]" not in exercise
    assert "axis 0" in exercise and "axis 1" in exercise
    for cell in cells:
        assert not re.search(r"^(rows|columns)\b.*=|^rows, columns =", cell, re.M), cell[:200]


def test_a_slip_that_fails_is_named_however_it_is_spelled():
    """A slip is matched by what it does on every probe, the same error where it fails: the
    labels as rows, written with a loop, get the words of table[labels] = 1."""
    assert wrong_words(check.one_hot, labels_as_rows_in_a_loop).startswith(
        wrong_words(check.one_hot, labels_as_rows).split(" Where:")[0])


def test_an_error_no_slip_explains_keeps_the_engines_words():
    words = wrong_words(check.one_hot, one_column_right)
    assert "index 10" in words and "Where: line 4 of one_column_right" in words


# Slips a newcomer made that were once only "off", or named in numpy's own words

def python_max(z):
    e = np.exp(z - max(z))
    return e / e.sum(axis=-1, keepdims=True)


def keepdim_misspelled(z):
    e = np.exp(z - z.max(axis=-1, keepdim=True))
    return e / e.sum(axis=-1, keepdims=True)


def exponent_turned_round(z):
    e = np.exp(-(z - z.max(axis=-1, keepdims=True)))
    return e / e.sum(axis=-1, keepdims=True)


def absolute_miss(outputs, targets):
    return np.abs(outputs - targets)


def squared_miss_unhalved(outputs, targets):
    return (outputs - targets) ** 2


@pytest.mark.parametrize("check_call, answer, words", [
    (check.softmax, python_max, "Python's max() goes through a table row by row"),
    (check.softmax, python_max, "z.max(axis=-1, keepdims=True) is the largest of each row"),
    (check.softmax, keepdim_misspelled, "`z.max(…)` takes no keyword `keepdim=`: it is spelled "
                                        "`keepdims=`"),
    (check.softmax, exponent_turned_round, "it takes e^(−z)"),
    (check.cross_entropy_delta, absolute_miss, "the absolute value loses the sign"),
    (check.cross_entropy_delta, squared_miss_unhalved, "that is the squared miss, (a − y)²"),
])
def test_a_newcomers_slips_are_named(check_call, answer, words):
    said = wrong_words(check_call, answer)
    assert words in said, said
    assert "_amax" not in said.split("(Python said")[0]
