"""Notebook 02's exercises: each answer the notebook gives passes, and each typical slip is named.

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

from exercising import verdict, wrong_words

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "02_training_from_scratch.ipynb"


def notebook_code(cell_id):
    """The source of one of the notebook's cells, by its id."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    return "".join(next(cell for cell in cells if cell["id"] == cell_id)["source"])


def defined_in(cell_id, name, namespace=None):
    """`name` as the notebook's cell defines it, run in `namespace` (numpy as np by default)."""
    namespace = {"np": np} if namespace is None else namespace
    exec(notebook_code(cell_id), namespace)
    return namespace[name]


# predict: one z per row of a table, the dot product for a single row

def order_swapped(weights, inputs):
    return weights @ inputs


def star_for_at(weights, inputs):
    return inputs * weights


def python_sum(weights, inputs):
    return sum(inputs * weights)


def all_added(weights, inputs):
    return np.sum(inputs * weights)


def three_inputs(weights, inputs):
    return inputs[:, 0] * weights[0] + inputs[:, 1] * weights[1] + inputs[:, 2] * weights[2]


def row_by_row(weights, inputs):
    return [row @ weights for row in inputs]


def no_return(weights, inputs):
    inputs @ weights


def in_place(weights, inputs):
    inputs *= weights
    return inputs.sum(axis=-1)


def no_inputs(weights):
    return weights.sum()


def with_math(weights, inputs):
    return math.fsum(inputs * weights)


def transposed_table(weights, inputs):
    return inputs.T @ weights


def rounded(weights, inputs):
    return np.round(inputs @ weights)


def dot_swapped(weights, inputs):
    return np.dot(weights, inputs)


@pytest.mark.parametrize("answer, words", [
    (order_swapped, "`weights @ inputs` cannot be computed"),
    (order_swapped, "`weights @ inputs` cannot be computed"),
    (dot_swapped, "`np.dot(weights, inputs)` cannot be computed"),
    (transposed_table, "`inputs.T @ weights` cannot be computed"),
    (star_for_at, "does not add the products"),
    (python_sum, "it adds down each column, over the rows (Python's sum(…)"),
    (all_added, "adds the products of every row into one number"),
    (three_inputs, "index 2 is out of bounds"),
    (three_inputs, "failed on a table of 5 rows of 2 inputs: is a size written as a fixed number?"),
    (row_by_row, "predict is a Python list"),
    (no_return, "predict returned None: did you forget `return`?"),
    (in_place, "changes its input `inputs`"),
    (no_inputs, "give it 2 parameters, weights, inputs"),
    (with_math, "math works on one number at a time"),
    (rounded, "predict is off (on a table of 4 rows of 3 inputs"),
    ("inputs @ weights", "predict must be a function"),
])
def test_predict_names_each_slip(answer, words):
    assert words in wrong_words(check.predict, answer)


def axis_one(weights, inputs):
    return np.sum(inputs * weights, axis=1)


def one_per_row(weights, inputs):
    return (inputs @ weights).reshape(len(inputs))


def test_predict_an_axis_slip_is_not_asked_about_a_fixed_size():
    """axis=1 runs on tables and fails on a single row, which has one axis: an axis slip, so the
    words do not ask whether a size is written as a fixed number. A fixed count of inputs, which
    fails on a table as flat as the one it ran on, still is asked about."""
    words = wrong_words(check.predict, axis_one)
    assert "there is no such axis" in words and "axis=-1, the last axis, works for both." in words
    assert words.count("(It ran on a table of 4 rows of 3 inputs, and failed on a single row, "
                       "(6, 5, 5).)") == 1
    assert "fixed number" not in words
    assert "is a size written as a fixed number?" in wrong_words(check.predict, three_inputs)
    reshaped = wrong_words(check.predict, one_per_row)
    assert "failed on a single row, (6, 5, 5).)" in reshaped and "fixed number" not in reshaped


def test_predict_the_notebooks_own_and_nnlibs_pass_and_unwritten(capsys):
    check.predict(defined_in("cell0007", "predict"))
    check.predict(nnlib.predict)
    check.predict(lambda weights, inputs: np.dot(inputs, weights))
    check.predict(lambda weights, inputs: np.sum(inputs * weights, axis=-1))
    assert capsys.readouterr().out.count("Right") == 4
    check.predict(lambda weights, inputs: ...)
    check.predict(...)
    out = capsys.readouterr().out
    assert out.count("predict is not written yet") == 2 and "Right" not in out


# The middle layer: two_layers(V, u, x), then collapsed(V, u)

def right_two_layers(V, u, x):
    h = V @ x
    z = u @ h
    return z


def right_collapsed(V, u):
    return u @ V


def middle_values(V, u, x):
    h = V @ x
    return h


def h_times_u(V, u, x):
    h = V @ x
    return u * h


def u_left_out(V, u, x):
    return np.sum(V @ x)


def x_first(V, u, x):
    h = x @ V
    return u @ h


def star_in_middle(V, u, x):
    h = V * x
    return u @ h


def two_neurons(V, u, x):
    return u[0] * (V[0] @ x) + u[1] * (V[1] @ x)


def no_return_two_layers(V, u, x):
    h = V @ x
    z = u @ h  # noqa: F841


def python_sum_axis(V, u, x):
    h = sum(V * x, axis=1)
    return u @ h


def in_place_two_layers(V, u, x):
    V *= x
    return u @ V.sum(axis=1)


def rows_added(V, u):
    return V[0] + V[1]


def all_rows_added(V, u):
    return V.sum(axis=0)


def u_star_v(V, u):
    return u * V


def v_at_u(V, u):
    return V @ u


def rows_scaled(V, u):
    return u[:, None] * V


def first_two_rows(V, u):
    return u[0] * V[0] + u[1] * V[1]


def table_returned(V, u):
    return V


def as_list(V, u):
    return [u[0] * V[0][i] + u[1] * V[1][i] for i in range(3)]


def with_x(V, u, x):
    return u @ V


def mean_for_sum(V, u, x):
    h = V @ x
    return np.mean(u * h)


def mean_unweighted(V, u, x):
    return np.mean(V @ x)


def u_returned(V, u):
    return u


def averaged_rows(V, u):
    return (u @ V) / len(u)


def mean_of_scaled_rows(V, u):
    return np.mean(u[:, None] * V, axis=0)


def plain_mean_of_rows(V, u):
    return V.mean(axis=0)


def in_place_collapsed(V, u):
    V *= u[:, None]
    return V.sum(axis=0)


@pytest.mark.parametrize("two, one, words", [
    (middle_values, right_collapsed, "two_layers returns the middle values h"),
    (h_times_u, right_collapsed, "does not add the products: z = u · h is their sum"),
    (u_left_out, right_collapsed, "adds the middle values without their weights"),
    (x_first, right_collapsed, "`x @ V` cannot be computed: x (one row's inputs) has shape (3,)"),
    (x_first, right_collapsed, "`x @ V` cannot be computed"),
    (star_in_middle, right_collapsed, "V * x multiplies number by number and gives a table"),
    (two_neurons, right_collapsed, "it uses only the first two middle neurons"),
    (no_return_two_layers, right_collapsed, "two_layers returned None"),
    (python_sum_axis, right_collapsed, "Python's sum() takes no axis"),
    (in_place_two_layers, right_collapsed, "changes its input `V`"),
    (right_two_layers, rows_added, "collapsed adds rows 1 and 2 of V and leaves out u"),
    (right_two_layers, all_rows_added, "collapsed adds the rows of V but leaves out u"),
    (right_two_layers, u_star_v, "`u * V` multiplies number by number; a matrix product, one "
                                 "dot product for each row, is written with @"),
    (right_two_layers, v_at_u, "`V @ u` cannot be computed"),
    (right_two_layers, rows_scaled, "each row of V multiplied by its u, but the rows not added"),
    (right_two_layers, first_two_rows, "it uses only the first two rows of V"),
    (right_two_layers, table_returned, "collapsed returns V itself"),
    (right_two_layers, as_list, "collapsed is a Python list"),
    (right_two_layers, with_x, "give it 2 parameters, V, u"),
    (right_two_layers, in_place_collapsed, "changes its input `V`"),
    (right_two_layers, lambda V, u: None, "collapsed returned None"),
    (mean_for_sum, right_collapsed, "it averages where a sum belongs: z = u · h"),
    (mean_unweighted, right_collapsed, "it averages the middle values, without their weights"),
    (right_two_layers, u_returned, "collapsed returns u, the output neuron's weights"),
    (right_two_layers, u_returned, "one weight per input"),
    (right_two_layers, averaged_rows, "it averages where a sum belongs: W = u1 V1 + u2 V2"),
    (right_two_layers, mean_of_scaled_rows, "it averages where a sum belongs"),
    (right_two_layers, plain_mean_of_rows, "it averages the rows of V, without their weights"),
])
def test_middle_layer_names_each_slip(two, one, words):
    assert words in wrong_words(check.middle_layer, two, one)


@pytest.mark.parametrize("two, one", [(mean_for_sum, right_collapsed),
                                      (right_two_layers, averaged_rows),
                                      (right_two_layers, u_returned)])
def test_middle_layer_a_mean_or_u_is_not_taken_for_a_half_or_a_fixed_size(two, one):
    words = wrong_words(check.middle_layer, two, one)
    assert "half the right value" not in words and "fixed number" not in words


def test_middle_layer_right_in_either_order_and_unwritten_in_turn(capsys):
    check.middle_layer(right_two_layers, right_collapsed)
    check.middle_layer(lambda V, u, x: u @ V @ x, lambda V, u: V.T @ u)
    check.middle_layer(lambda V, u, x: (V @ x) @ u, lambda V, u: np.sum(u[:, None] * V, axis=0))
    assert capsys.readouterr().out.count("Right:") == 3
    namespace = {"np": np}
    exec(notebook_code("cell0010"), namespace)  # the cell as the notebook gives it
    check.middle_layer(namespace["two_layers"], namespace["collapsed"])
    assert capsys.readouterr().out.startswith("two_layers is not written yet")
    check.middle_layer(right_two_layers, namespace["collapsed"])
    assert capsys.readouterr().out.startswith(
        "Right so far: two_layers. collapsed is not written yet")


def test_middle_layer_worked_answer_passes_and_no_code_cell_runs_it(capsys):
    block = notebook_code("cell0012")
    assert block.startswith("<details>\n<summary><b>The worked answer</b>")
    namespace = {"np": np}
    exec(re.search(r"```python\n(.*?)```", block, re.S).group(1), namespace)
    check.middle_layer(namespace["two_layers"], namespace["collapsed"])
    assert capsys.readouterr().out.startswith("Right")
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    assert all("cell0013" != cell["id"] for cell in cells), "the hidden worked-answer cell is back"
    assert not any(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden")
                   for cell in cells)


# The mean squared error

def square_missing(predictions, targets):
    return np.mean(targets - predictions)


def sign_kept(predictions, targets):
    return np.mean(predictions - targets)


def absolute(predictions, targets):
    return np.mean(np.abs(targets - predictions))


def sum_of_squares(predictions, targets):
    return np.sum((targets - predictions) ** 2)


def square_root(predictions, targets):
    return np.sqrt(np.mean((targets - predictions) ** 2))


def average_squared(predictions, targets):
    return np.mean(targets - predictions) ** 2


def n_minus_one(predictions, targets):
    return np.sum((targets - predictions) ** 2) / (np.size(targets) - 1)


def divided_twice(predictions, targets):
    return np.mean((targets - predictions) ** 2) / np.size(targets)


def half(predictions, targets):
    return 0.5 * np.mean((targets - predictions) ** 2)


def len_of_a_number(predictions, targets):
    return np.sum((targets - predictions) ** 2) / len(targets)


def six_rows(predictions, targets):
    return np.sum((targets - predictions) ** 2) / 6


def caret(predictions, targets):
    return np.mean((targets - predictions) ^ 2)


def math_pow(predictions, targets):
    return np.mean(math.pow(targets - predictions, 2))


def squares_returned(predictions, targets):
    return (targets - predictions) ** 2


def squares_as_list(predictions, targets):
    return [miss ** 2 for miss in np.atleast_1d(targets - predictions)]


def squares_in_a_row(predictions, targets):
    return np.atleast_1d(targets - predictions) ** 2


def n_plus_one(predictions, targets):
    return np.sum((targets - predictions) ** 2) / (np.size(targets) + 1)


def no_return_error(predictions, targets):
    np.mean((targets - predictions) ** 2)


def in_place_error(predictions, targets):
    predictions -= targets
    return np.mean(predictions ** 2)


def one_argument(misses):
    return np.mean(misses ** 2)


def python_sum_error(predictions, targets):
    return sum((targets - predictions) ** 2) / np.size(targets)


def shape_zero(predictions, targets):
    return np.sum((targets - predictions) ** 2) / targets.shape[0]


@pytest.mark.parametrize("answer, words", [
    (square_missing, "the square is missing: the average of y − z lets misses of opposite signs"),
    (sign_kept, "the sign of the misses is kept: the average of z − y"),
    (absolute, "that is the average size of the misses, |y − z|; square them instead"),
    (sum_of_squares, "that is the sum of the squared misses; divide by N, or use np.mean"),
    (square_root, "that is the square root of the error; leave out np.sqrt"),
    (average_squared, "the average is squared, not the misses"),
    (n_minus_one, "it divides by N − 1"),
    (divided_twice, "it divides by N twice"),
    (half, "it has a ½ in front"),
    (len_of_a_number, "len() was given a single number"),
    (len_of_a_number, "and failed on one row, z = 158.2 and y = 13.5 (two single numbers).)"),
    (six_rows, "divided by 6 whatever the number of examples"),
    (caret, "`^` is not a power in Python"),
    (math_pow, "math works on one number at a time"),
    (squares_returned, "it returns the squared misses, one per row, without averaging them"),
    (squares_in_a_row, "it returns the squared misses, one per row, without averaging them"),
    (n_plus_one, "it divides by N + 1"),
    (squares_as_list, "is a Python list"),
    (no_return_error, "mean_squared_error returned None"),
    (in_place_error, "changes its input `predictions`"),
    (one_argument, "give it 2 parameters, predictions, targets"),
    (shape_zero, "an index goes past the end"),
    (python_sum_error, "a single number was gone through as if it were a list (by Python's sum()"),
])
def test_mean_squared_error_names_each_slip(answer, words):
    assert words in wrong_words(check.mean_squared_error, answer)


def doubled(predictions, targets):
    return np.mean((targets - predictions) * 2)


def doubled_by_method(predictions, targets):
    return ((targets - predictions) * 2).mean()


def doubled_outside(predictions, targets):
    return 2 * np.sum(predictions - targets) / np.size(targets)


@pytest.mark.parametrize("answer", [doubled, doubled_by_method, doubled_outside])
def test_mean_squared_error_names_a_star_for_two_stars_by_its_values(answer):
    """2 × the average miss (of either sign), however written, is `* 2` where `** 2` belongs."""
    words = wrong_words(check.mean_squared_error, answer)
    assert words == ("✗ mean_squared_error: `* 2` doubles each miss, where `** 2` squares it: "
                     "this is twice the average miss, and misses of opposite signs cancel. Square "
                     "each miss, then average: np.mean((targets - predictions) ** 2).")


def test_mean_squared_error_n_plus_one_and_the_squares_are_named_not_a_half_or_a_shape():
    assert "half" not in wrong_words(check.mean_squared_error, n_plus_one)
    assert "shape" not in wrong_words(check.mean_squared_error, squares_returned)


def test_mean_squared_error_right_and_unwritten(capsys):
    check.mean_squared_error(defined_in("cell0018", "mean_squared_error"))
    check.mean_squared_error(nnlib.mean_squared_error)
    check.mean_squared_error(lambda predictions, targets: np.mean(np.square(predictions - targets)))
    check.mean_squared_error(lambda predictions, targets: np.sum((targets - predictions) ** 2)
                             / np.size(targets))
    assert capsys.readouterr().out.count("Right") == 4
    check.mean_squared_error(lambda predictions, targets: ...)
    assert "mean_squared_error is not written yet" in capsys.readouterr().out


# The gradient

def two_dropped(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -misses @ inputs / len(targets)


def half_for_two(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -0.5 * misses @ inputs / len(targets)


def sign_flipped(weights, inputs, targets):
    misses = targets - inputs @ weights
    return 2 * misses @ inputs / len(targets)


def two_counted_twice(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * 2 * misses @ inputs / len(targets)


def sum_for_mean(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * misses @ inputs


def divided_by_n_twice(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * misses @ inputs / len(targets) / len(inputs)


def by_number_of_weights(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * misses @ inputs / len(weights)


def inputs_first(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * inputs @ misses / len(targets)


def z_for_misses(weights, inputs, targets):
    misses = inputs @ weights
    return -2 * misses @ inputs / len(targets)


def star_for_at_gradient(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * misses * inputs / len(targets)


def x_left_out(weights, inputs, targets):
    misses = targets - inputs @ weights
    return np.mean(-2 * misses)


def fixed_six(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * misses @ inputs / 6


def python_sum_with_axis(weights, inputs, targets):
    misses = targets - inputs @ weights
    return sum(-2 * misses[:, None] * inputs, axis=0) / len(targets)


def no_return_gradient(weights, inputs, targets):
    misses = targets - inputs @ weights
    -2 * misses @ inputs / len(targets)


def in_place_gradient(weights, inputs, targets):
    targets -= inputs @ weights
    return -2 * targets @ inputs / len(targets)


def without_targets(weights, inputs):
    return -2 * inputs @ weights


def as_list_gradient(weights, inputs, targets):
    misses = targets - inputs @ weights
    return [-2 * misses @ inputs[:, i] / len(targets) for i in range(3)]


def overflowing(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * misses @ inputs / len(targets) * np.exp(1000.0) / np.exp(1000.0)


def exp_with_math(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * misses @ inputs / len(targets) * math.exp(inputs @ weights)


def all_summed(weights, inputs, targets):
    misses = targets - inputs @ weights
    return np.sum(-2 * misses @ inputs) / len(targets)


def mean_along_rows(weights, inputs, targets):
    misses = targets - inputs @ weights
    return np.mean(-2 * misses[:, None] * inputs, axis=1)


def sum_along_rows(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * np.sum(misses[:, None] * inputs, axis=1) / len(targets)


def first_row_only(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * misses[0] * inputs[0]


def first_row_averaged(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * misses[0] * inputs[0] / len(targets)


def product_of_means(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * np.mean(misses) * np.mean(inputs, axis=0)


def product_of_plain_means(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * np.mean(misses) * np.mean(inputs)


@pytest.mark.parametrize("answer, words", [
    (two_dropped, "the 2 is missing, so every slope is half the true size"),
    (half_for_two, "it has ½ where the 2 belongs"),
    (sign_flipped, "the sign is flipped: ∂E/∂z = −2(y − z)"),
    (two_counted_twice, "the 2 is counted twice"),
    (sum_for_mean, "a sum where the average belongs, so the slopes are N times too big"),
    (divided_by_n_twice, "it divides by N twice"),
    (by_number_of_weights, "it divides by the number of weights, len(weights)"),
    (inputs_first, "`-2 * inputs @ misses` cannot be computed"),
    (inputs_first, "misses (one miss y − z per row) has shape (5,)"),
    (z_for_misses, "it uses the predictions z where the misses belong"),
    (star_for_at_gradient, "a matrix product, one dot product for each row, is written with @"),
    (x_left_out, "it leaves out ∂z/∂Wᵢ = xᵢ"),
    (all_summed, "it adds up everything into one number"),
    (fixed_six, "divided by 6 whatever the number of examples"),
    (python_sum_with_axis, "Python's sum() takes no axis"),
    (no_return_gradient, "gradient returned None: did you forget `return`?"),
    (in_place_gradient, "changes its input `targets`"),
    (without_targets, "give it 3 parameters, weights, inputs, targets"),
    (as_list_gradient, "index 2 is out of bounds"),
    (overflowing, "NaN or infinite values"),
    (exp_with_math, "math works on one number at a time"),
    (mean_along_rows, "it averages along each row (axis=1)"),
    (sum_along_rows, "it averages along each row (axis=1)"),
    (first_row_only, "it uses the first row only"),
    (first_row_averaged, "it uses the first row only"),
    (product_of_means, "it multiplies the average miss by the average input"),
    (product_of_plain_means, "an average of products is not a product of averages"),
])
def test_gradient_names_each_slip(answer, words):
    assert words in wrong_words(check.gradient, answer)


def test_gradient_weights_count_is_not_taken_for_a_two():
    # On the table, 6 rows / 3 weights = 2: the other probes tell ÷ len(weights) from a 2
    # counted twice.
    words = wrong_words(check.gradient, by_number_of_weights)
    assert "counted twice" not in words


def test_gradient_right_and_unwritten(capsys):
    namespace = {"np": np, "predict": nnlib.predict}
    check.gradient(defined_in("cell0026", "gradient", namespace))
    check.gradient(nnlib.mse_gradient)
    check.gradient(lambda weights, inputs, targets: 2 * inputs.T @ (inputs @ weights - targets)
                   / len(inputs))
    assert capsys.readouterr().out.count("Right") == 3
    check.gradient(lambda weights, inputs, targets: ...)
    assert "gradient is not written yet" in capsys.readouterr().out


def test_gradient_check_rebinds_nothing_and_leaves_the_trained_weights():
    cell = notebook_code("cell0026b")
    code = [line for line in cell.splitlines() if line and not line.startswith("#")]
    assert code == ["check.gradient(gradient)"]
    assert "for weights in" not in "".join(
        notebook_code(cell_id) for cell_id in ("cell0027", "cell0028", "cell0029"))


# The descent loop of section 8

X, Y = nnlib.article_table().inputs, nnlib.article_table().outputs
GUESS = np.array([0.2, 1.4, 30.0])


def loop(learning_rate, gradient, mean_squared_error=nnlib.mean_squared_error, steps=2000,
         predict=nnlib.predict, **edits):
    """The notebook's loop, as the learner runs it: (weights, learning_rate, diverged_at,
    gradient, guess), the arguments of its check. `edits` replace a piece of the loop's code
    with another, as a learner's edit would (`update=("- learning_rate", "+ learning_rate")`)."""
    namespace = {"np": np, "X": X, "y": Y, "guess": GUESS.copy(), "predict": predict,
                 "gradient": gradient, "mean_squared_error": mean_squared_error, "check": check}
    code = notebook_code("cell0031").replace("learning_rate = 0.001",
                                             f"learning_rate = {learning_rate}")
    code = code.replace("range(1, 2001)", f"range(1, {steps + 1})")
    for old, new in edits.values():
        assert old in code, old
        code = code.replace(old, new)
    exec(code, namespace)
    return (namespace["weights"], namespace["learning_rate"], namespace["diverged_at"], gradient,
            namespace["guess"])


@pytest.fixture(autouse=True)
def loop_not_stopped():
    """Each test starts as if the loop's cell had last run its guard line with working
    functions (the guard remembers a failure for the check after the loop)."""
    check.descent_loop.stopped = None
    yield
    check.descent_loop.stopped = None


def halved(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -misses @ inputs / len(targets)  # the 2 left out


def flipped(weights, inputs, targets):
    misses = targets - inputs @ weights
    return 2 * misses @ inputs / len(targets)


def doubled(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -4 * misses @ inputs / len(targets)


def sum_gradient(weights, inputs, targets):
    misses = targets - inputs @ weights
    return -2 * misses @ inputs


@pytest.mark.parametrize("arguments, words", [
    (lambda: loop(0.001, halved), "the loop steps with your gradient, and it is off"),
    (lambda: loop(0.001, halved), "the 2 is missing"),
    (lambda: loop(0.001, flipped), "the sign is flipped"),
    (lambda: loop(0.001, doubled), "the 2 is counted twice"),
    (lambda: loop(0.001, sum_gradient), "a sum where the average belongs"),
    (lambda: (GUESS, 0.001, None, no_return_gradient), "gradient returned None"),
    (lambda: (GUESS, 0.001, None, without_targets), "give it 3 parameters"),
    (lambda: loop(0.02, nnlib.mse_gradient), "the loop diverged at step"),
    (lambda: loop(0.02, nnlib.mse_gradient), "every step overshoots the bottom by more than"),
    (lambda: loop(0.0003, nnlib.mse_gradient), "makes steps too small for 2000 updates"),
    (lambda: loop(0.01514, nnlib.mse_gradient), "the weights rock from side to side"),
    (lambda: loop(-0.001, nnlib.mse_gradient), "α must be an ordinary number above 0"),
    (lambda: loop(0.001, nnlib.mse_gradient, steps=200), "is the loop as given"),
    (lambda: loop(0.001, nnlib.mse_gradient, square_missing), "with your mean_squared_error"),
    (lambda: (nnlib.TRUE_WEIGHTS, "0.001", None, nnlib.mse_gradient), "learning_rate is the text"),
    (lambda: (nnlib.TRUE_WEIGHTS, [0.001, 0.01], None, nnlib.mse_gradient), "α is one number"),
    (lambda: (nnlib.TRUE_WEIGHTS[:2], 0.001, None, nnlib.mse_gradient), "the neuron has 3 weights"),
    (lambda: (nnlib.TRUE_WEIGHTS, float("inf"), None, nnlib.mse_gradient), "an ordinary number"),
    # α set to 0.02 and checked without running the loop again: the weights are the old run's
    (lambda: (loop(0.001, nnlib.mse_gradient)[0], 0.02, None, nnlib.mse_gradient),
     "were these weights made with another α?"),
])
def test_descent_loop_names_the_gradient_before_alpha(arguments, words):
    assert words.lower() in wrong_words(check.descent_loop, *arguments()).lower()


PLUS = ("weights - learning_rate", "weights + learning_rate")
IN_PLACE = ("weights = guess.copy()", "weights = guess")


MINUS_IN_PLACE = ("weights = weights - learning_rate", "weights -= learning_rate")


@pytest.mark.parametrize("arguments, words", [
    # a + in the update line: the loop climbs, and the step it blew up at says so
    (lambda: loop(0.001, nnlib.mse_gradient, update=PLUS), "Is there a + in the update line"),
    (lambda: loop(0.001, nnlib.mse_gradient, update=PLUS), "diverged at step 58"),
    (lambda: loop(0.005, nnlib.mse_gradient, update=PLUS), "W ← W + α ∇E"),
    (lambda: loop(0.02, nnlib.mse_gradient, update=PLUS), "diverges later, at step 15"),
    # `weights = guess` and `weights -= …`: guess is changed, and the check says so
    (lambda: loop(0.001, nnlib.mse_gradient, start=IN_PLACE, update=MINUS_IN_PLACE),
     "guess is now [0.5 0.9 1.2], no longer the blind guess"),
    (lambda: loop(0.001, nnlib.mse_gradient, start=IN_PLACE, update=MINUS_IN_PLACE),
     "guess and weights are one and the same array"),
    (lambda: loop(0.001, nnlib.mse_gradient, start=IN_PLACE, update=MINUS_IN_PLACE),
     "Start the loop from a copy, `weights = guess.copy()`"),
    # α that is no plain number
    (lambda: loop("0.001,", nnlib.mse_gradient), "a tuple: the comma after the number made it"),
    (lambda: loop("(0.001,)", nnlib.mse_gradient), "learning_rate is (0.001,), a tuple"),
    (lambda: loop("[0.001]", nnlib.mse_gradient), "a list of one number inside brackets"),
    (lambda: loop("np.array([0.001])", nnlib.mse_gradient), "an array of one number"),
    (lambda: (nnlib.TRUE_WEIGHTS, (0.001, 0.01), None, nnlib.mse_gradient, GUESS),
     "learning_rate is (0.001, 0.01), a tuple"),
])
def test_descent_loop_names_the_update_line_the_guess_and_alpha(arguments, words):
    assert words.lower() in wrong_words(check.descent_loop, *arguments()).lower()


def test_descent_loop_a_plus_is_not_blamed_on_alpha_or_the_error():
    words = wrong_words(check.descent_loop, *loop(0.001, nnlib.mse_gradient, update=PLUS))
    assert "too large" not in words and "mean_squared_error" not in words


def test_the_right_loop_leaves_guess_as_it_was():
    *_, guess = loop(0.001, nnlib.mse_gradient)
    assert np.array_equal(guess, GUESS)


def broken_predict(weights, inputs):
    return weights @ inputs


def gradient_calling_predict(weights, inputs, targets):
    misses = targets - broken_predict(weights, inputs)
    return -2 * misses @ inputs / len(targets)


def squares_only(predictions, targets):
    return (targets - predictions) ** 2


@pytest.mark.parametrize("functions, words", [
    ((broken_predict, nnlib.mean_squared_error, nnlib.mse_gradient),
     "the loop calls your predict, and it fails on the table: `weights @ inputs` cannot be "
     "computed"),
    ((broken_predict, nnlib.mean_squared_error, nnlib.mse_gradient), "Repair predict (section 2"),
    ((nnlib.predict, nnlib.mean_squared_error, gradient_calling_predict),
     "the loop calls your gradient, and it fails on the table, inside the broken_predict it calls"),
    ((nnlib.predict, squares_only, nnlib.mse_gradient),
     "on the table it returns shape (6,), where one number is needed"),
    ((nnlib.predict, nnlib.mean_squared_error, no_return_gradient), "it returns None"),
    ((nnlib.predict, nnlib.mean_squared_error, ...), "it is not written yet"),
    ((nnlib.predict, nnlib.mean_squared_error, lambda weights, inputs, targets: ...),
     "it still returns `...`"),
])
def test_the_loops_guard_stops_it_in_words_and_the_check_says_the_same(functions, words):
    with pytest.raises(Wrong) as stopped:
        check.descent_loop.ready(*functions)
    said = " ".join(str(stopped.value).split())
    assert words in said and "Traceback" not in said
    after = wrong_words(check.descent_loop, nnlib.TRUE_WEIGHTS, 0.001, None, nnlib.mse_gradient,
                        GUESS)
    assert after.startswith("✗ the loop: the loop's cell stopped before the loop")
    assert words in after
    check.descent_loop.ready(nnlib.predict, nnlib.mean_squared_error, nnlib.mse_gradient)
    assert verdict(check.descent_loop, nnlib.TRUE_WEIGHTS, 0.001, None, nnlib.mse_gradient,
                   GUESS) is None


def test_the_loop_cell_stops_in_words_with_a_broken_predict():
    with pytest.raises(Wrong, match="the loop calls your predict"):
        loop(0.001, nnlib.mse_gradient, predict=broken_predict)


def test_descent_loop_a_halved_or_flipped_gradient_is_not_blamed_on_alpha():
    for gradient in (halved, flipped):
        words = wrong_words(check.descent_loop, *loop(0.001, gradient))
        assert "too small" not in words and "too large" not in words
        assert "α is not the thing to change yet" in words


def test_descent_loop_right_and_unwritten(capsys):
    check.descent_loop(*loop(0.001, nnlib.mse_gradient))
    check.descent_loop(*loop(0.005, defined_in("cell0026", "gradient",
                                                  {"np": np, "predict": nnlib.predict})))
    assert capsys.readouterr().out.count("Right: your gradient gives the true slopes") == 2
    check.descent_loop(GUESS, ..., None, nnlib.mse_gradient)
    check.descent_loop(GUESS, 0.001, None, ...)
    check.descent_loop(..., 0.001, None, nnlib.mse_gradient)
    assert capsys.readouterr().out.count("not written yet") == 3


def test_the_notebooks_checks_are_one_line_each():
    for cell_id, call in [("cell0008", "check.predict(predict)"),
                          ("cell0011", "check.middle_layer(two_layers, collapsed)"),
                          ("cell0019", "check.mean_squared_error(mean_squared_error)"),
                          ("cell0026b", "check.gradient(gradient)"),
                          ("cell0032", "check.descent_loop(weights, learning_rate, diverged_at, "
                                       "gradient, guess)")]:
        code = [line for line in notebook_code(cell_id).splitlines()
                if line and not line.startswith("#")]
        assert code == [call], cell_id
    source = json.loads(NOTEBOOK.read_text())
    assert "call_learner" not in json.dumps(source)
