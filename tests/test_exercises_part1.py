"""Notebook 01's exercises: each worked answer passes, and each typical slip is named.

The wrong answers are written as a learner would write them, as real functions, so the engine
reads their source lines as it does a notebook cell's."""

import math

import numpy as np
import pytest

import nnlib
from nnlib.exercises import check

from exercising import wrong_words


# The weighted sum 2·1 + (−1)·3 + 0.5·4

@pytest.mark.parametrize("answer, words", [
    (7, "the weight −1 was taken as +1"),
    (7.0, "the weight −1 was taken as +1"),
    (8, "without their weights"),
    (1.5, "the weights added up"),
    ([2, -3, 2], "those are the three products"),
    (np.array([2.0, -3.0, 2.0]), "those are the three products"),
    ("1", "is the text '1', not a number"),
    (None, "is None"),
    (True, "a yes/no value"),
    (0.5, "the sum of the earlier example"),
    (2, "one product alone (2·1 or 0.5·4)"),
    (-3, "one product alone, (−1)·3"),
    (-1, "a term is left out"),
    (4, "the middle term (−1)·3 left out"),
    (1 / 3, "the average of the three products"),
    (5.5, "pairs the weights with the inputs in reverse order"),
    (3, "not right yet"),
    (-2.5, "not right yet"),
    ([1, 1], "shape (2,) where one number is needed"),
])
def test_weighted_sum_names_each_slip(answer, words):
    assert words in wrong_words(check.weighted_sum, answer)


def test_weighted_sum_right_and_unwritten(capsys):
    check.weighted_sum(2 * 1 + (-1) * 3 + 0.5 * 4)
    assert capsys.readouterr().out.startswith("Right")
    check.weighted_sum(np.float64(1.0))
    assert capsys.readouterr().out.startswith("Right")
    check.weighted_sum(...)
    assert "not written yet" in capsys.readouterr().out


# The sigmoid

def mirrored(z):
    return 1 / (1 + np.exp(z))


def with_math(z):
    return 1 / (1 + math.exp(-z))


def no_brackets(z):
    return 1 / 1 + np.exp(-z)


def overflowing(z):
    return np.exp(z) / (1 + np.exp(z))


def no_return(z):
    1 / (1 + np.exp(-z))


def minus_for_plus(z):
    return 1 / (1 - np.exp(-z))


def exponential_alone(z):
    return np.exp(-z)


def in_place(z):
    z *= -1
    return 1 / (1 + np.exp(z))


def no_parameter():
    return 0.5


def tanh(z):
    return np.tanh(z)


def python_list(z):
    return [1 / (1 + math.exp(-v)) for v in z]


def text(z):
    return "1 / (1 + e^-z)"


def flattened(z):
    return 1 / (1 + np.exp(-np.ravel(z)))


def twice(z):
    return 2 / (1 + np.exp(-z))


@pytest.mark.parametrize("answer, words", [
    (mirrored, "it is mirrored"),
    (with_math, "Use numpy's version (np.exp"),
    (no_brackets, "put the denominator in brackets"),
    (overflowing, "∞/∞ is NaN"),
    (no_return, "did you forget `return`"),
    (minus_for_plus, "a minus where the plus belongs"),
    (exponential_alone, "e^(−z) alone"),
    (in_place, "changes its input `z`"),
    (no_parameter, "give it the parameter z"),
    (tanh, "np.tanh is another S, but it goes from −1 to 1"),
    (twice, "it is twice the sigmoid: it goes from 0 to 2"),
    (python_list, "is a Python list, where a numpy array belongs"),
    (text, "is the text '1 / (1 + e^-z)', not a number"),
    (flattened, "shape (6,) on a 2 × 3 table of sums, where (2, 3) is needed"),
    (0.5, "must be a function"),
])
def test_sigmoid_names_each_slip(answer, words):
    assert words in wrong_words(check.sigmoid, answer)


def e_rounded(z):
    return 1 / (1 + 2.718 ** (-z))


def e_rounded_less(z):
    return 1 / (1 + 2.7 ** -z)


def e_rounded_in_power(z):
    return 1 / (1 + np.power(2.71, -z))


e = 2.72  # a learner's e, written in the cell above


def e_rounded_by_name(z):
    return 1 / (1 + e ** -z)


def e_rounded_and_mirrored(z):
    return 1 / (1 + 2.718 ** z)


@pytest.mark.parametrize("answer, written, power", [
    (e_rounded, "2.718", "`2.718 ** (-z)`"),
    (e_rounded_less, "2.7", "`2.7 ** (-z)`"),
    (e_rounded_in_power, "2.71", "`np.power(2.71, -z)`"),
    (e_rounded_by_name, "e = 2.72", "`e ** (-z)`"),
])
def test_sigmoid_names_e_written_rounded_and_np_exp(answer, written, power):
    words = wrong_words(check.sigmoid, answer)
    assert words.startswith(f"✗ my_sigmoid: {written} is e rounded (e = 2.718281828…), so {power} "
                            "is not quite e to that power")
    assert "Use e itself: np.exp(-z) is e to the power -z, exactly." in words
    assert "close to the right value" not in words and "reads e" not in words


def test_sigmoid_names_e_rounded_and_then_the_slip_left_with_e_exact():
    words = wrong_words(check.sigmoid, e_rounded_and_mirrored)
    assert "2.718 is e rounded" in words and "np.exp(z) is e to the power z" in words
    assert "And with e exact, it is mirrored: it falls from 1 to 0" in words


def e_rounded_in_a_layer(W, x, b):
    return 1 / (1 + 2.718 ** -(W @ x + b))


def test_layer_names_e_written_rounded_too():
    words = wrong_words(check.layer, e_rounded_in_a_layer)
    assert "2.718 is e rounded" in words and "np.exp(-(W @ x + b))" in words


def mirrored_written_out(z):
    return np.exp(-z) / (1 + np.exp(-z))


def mirrored_one_minus(z):
    return 1 - 1 / (1 + np.exp(-z))


@pytest.mark.parametrize("answer", [mirrored, mirrored_written_out, mirrored_one_minus])
def test_sigmoid_names_the_mirrored_sigmoid_however_written(answer):
    """σ(−z) is named by its values: e^−z / (1 + e^−z) is 1 / (1 + e^z), though it overflows to
    NaN at z = −800, where the other way of writing it does not."""
    words = wrong_words(check.sigmoid, answer)
    assert words.startswith("✗ my_sigmoid: it is mirrored: it falls from 1 to 0.")
    if answer is mirrored_written_out:
        assert "(Besides, it gives NaN at z = −800, where the answer is 0: a number grew too " \
               "large for a float (overflowed) along the way.)" in words


def steeper(z):
    return 1 / (1 + np.exp(-2 * z))


def test_sigmoid_off_is_located_by_the_input_there():
    words = wrong_words(check.sigmoid, steeper)
    assert "my_sigmoid is off (on 81 sums from −20 to 20: where they differ most, at [38], " \
           "where z = −1: got 0.1192, expected 0.2689)" in words


def test_sigmoid_explains_math_exp_at_its_line():
    words = wrong_words(check.sigmoid, with_math)
    assert "Where: line 2 of with_math: return 1 / (1 + math.exp(-z))" in words
    assert "math works on one number at a time" in words


def test_sigmoid_right_and_unwritten(capsys):
    check.sigmoid(nnlib.sigmoid)
    check.sigmoid(lambda z: 1 / (1 + np.exp(-z)))
    assert capsys.readouterr().out.count("Right") == 2
    check.sigmoid(lambda z: ...)
    assert "not written yet" in capsys.readouterr().out


# The bias trick

def ones_for_columns(X):
    return np.column_stack([X, np.ones(X.shape[1])])


def ones_first(X):
    return np.column_stack([np.ones(len(X)), X])


def append_flat(X):
    return np.append(X, np.ones(len(X)))


def four_rows(X):
    return np.column_stack([X, np.ones(4)])


def hstack_flat(X):
    return np.hstack([X, np.ones(len(X))])


def row_of_ones(X):
    return np.vstack([X, np.ones(X.shape[1])])


def ones_instead(X):
    X[:, -1] = 1
    return X


def replaced(X):
    return np.column_stack([X[:, :-1], np.ones(len(X))])


def right_ones(X):
    return np.column_stack([X, np.ones(len(X))])


def ones_times_two(X):
    return np.column_stack([X, 2 * np.ones(len(X))])


def bias_first(w, b):
    return np.append(b, w)


def bias_added(w, b):
    return w + b


def right_weights(w, b):
    return np.append(w, b)


def forgot_return(w, b):
    np.append(w, b)


def weights_alone(w, b):
    return w


def bare_arrays(X):
    return np.column_stack(X, np.ones(len(X)))


def concatenated_flat(X):
    return np.concatenate([X, np.ones(len(X))], axis=1)


def appended_flat_on_axis(X):
    return np.append(X, np.ones(len(X)), axis=1)


def array_of_table_and_ones(X):
    return np.array([X, np.ones(len(X))])


def zeros_column(X):
    return np.column_stack([X, np.zeros(len(X))])


def array_of_weights_and_bias(w, b):
    return np.array([w, b])


def concatenated_number(w, b):
    return np.concatenate([w, b])


def minus_bias(w, b):
    return np.append(w, -b)


def one_for_bias(w, b):
    return np.append(w, 1)


@pytest.mark.parametrize("add, weights, words", [
    (ones_for_columns, right_weights, "np.column_stack(...) puts columns side by side"),
    (ones_for_columns, right_weights, "np.ones(X.shape[1]) has shape (2,)"),
    (ones_first, right_weights, "it puts the ones first"),
    (ones_first, right_weights, "Either place would work if the bias stood at the same place"),
    (append_flat, right_weights, "np.append without axis= flattens the table"),
    (four_rows, right_weights, "is a size written as a fixed number?"),
    (hstack_flat, right_weights,
     "the ones a flat list, one per row. The sizes agree, but np.hstack"),
    (bare_arrays, right_weights, "np.column_stack takes the arrays to join as ONE list, in square "
                                 "brackets: np.column_stack([X, np.ones(len(X))])"),
    (concatenated_flat, right_weights,
     "The sizes agree, but np.concatenate joins along an axis only"),
    (concatenated_flat, right_weights, "np.ones((len(X), 1))"),
    (appended_flat_on_axis, right_weights, "The sizes agree, but np.append joins"),
    (array_of_table_and_ones, right_weights, "Put the ones beside the table as a column"),
    (zeros_column, right_weights, "it adds a column of zeros. The extra input is always 1"),
    (row_of_ones, right_weights, "it adds a row of ones under the table"),
    (ones_instead, right_weights, "changes its input `X`"),
    (replaced, right_weights, "it replaces the last input with the ones"),
    (ones_times_two, right_weights, "add_one_input is off"),
    (right_ones, bias_first, "it puts the bias first"),
    (right_ones, bias_added, "it adds b to every weight"),
    (right_ones, forgot_return, "weights_with_bias returned None"),
    (right_ones, weights_alone, "it returns the weights alone"),
    (right_ones, array_of_weights_and_bias, "np.array([w, b]) does not put b after the weights"),
    (right_ones, concatenated_number, "Put b in brackets, np.concatenate([w, [b]])"),
    (right_ones, minus_bias, "it appends −b. The bias goes in as it is"),
    (right_ones, one_for_bias, "it appends 1, the extra input, where its weight belongs"),
])
def test_bias_trick_names_each_slip(add, weights, words):
    assert words in wrong_words(check.bias_trick, add, weights)


def test_bias_trick_right_then_unwritten_in_turn(capsys):
    check.bias_trick(right_ones, right_weights)
    assert capsys.readouterr().out.startswith("Right")
    check.bias_trick(right_ones, ...)
    assert capsys.readouterr().out.startswith("Right so far: add_one_input. weights_with_bias is not written yet")
    check.bias_trick(lambda X: ..., ...)
    assert capsys.readouterr().out.startswith("add_one_input is not written yet")


# A layer

def inputs_first(W, x, b):
    return nnlib.sigmoid(x @ W + b)


def star_for_at(W, x, b):
    return nnlib.sigmoid(W * x + b)


def sums_only(W, x, b):
    return W @ x + b


def no_bias(W, x, b):
    return nnlib.sigmoid(W @ x)


def bias_after(W, x, b):
    return nnlib.sigmoid(W @ x) + b


def transposed_weights(W, x, b):
    return nnlib.sigmoid(W.T @ x + b)


def dot_swapped(W, x, b):
    return nnlib.sigmoid(np.dot(x, W) + b)


def column(W, x, b):
    return nnlib.sigmoid(W @ x + b).reshape(-1, 1)


def summed(W, x, b):
    return nnlib.sigmoid(np.sum(W * x) + b)


def python_sum(W, x, b):
    return nnlib.sigmoid(sum(W @ x + b))


def first_neuron(W, x, b):
    return nnlib.sigmoid(W[0] @ x + b[0])


def minus_biases(W, x, b):
    return nnlib.sigmoid(W @ x - b)


def minus_on_the_product_alone(W, x, b):
    return 1 / (1 + np.exp(-W @ x + b))


def mirrored_layer(W, x, b):
    return 1 / (1 + np.exp(W @ x + b))


def tanh_layer(W, x, b):
    return np.tanh(W @ x + b)


def step_layer(W, x, b):
    return nnlib.step(W @ x + b)


def first_bias_only(W, x, b):
    return nnlib.sigmoid(W @ x + b[0])


def inputs_as_column(W, x, b):
    return nnlib.sigmoid(W @ x[:, None] + b)


def right_layer(W, x, b):
    return nnlib.sigmoid(W @ x + b)


@pytest.mark.parametrize("answer, words", [
    (inputs_first, "`x @ W` cannot be computed: x (the inputs) has shape (2,) and W (one row per neuron"),
    (inputs_first, "Which sizes should meet here?"),
    (star_for_at, "`W * x` multiplies number by number; a matrix product, one dot product for each row, is written with @"),
    (sums_only, "pass them through the sigmoid"),
    (no_bias, "it leaves out the biases"),
    (bias_after, "it adds the biases after the sigmoid"),
    (transposed_weights, "`W.T @ x` cannot be computed"),
    (dot_swapped, "`np.dot(x, W)` cannot be computed"),
    (column, "returns shape (3, 1) for 3 neurons reading 2 inputs, where (3,) is needed"),
    (summed, "each neuron has its own sum"),
    (python_sum, "one number where several are needed"),
    (first_neuron, "one number where several are needed"),
    (minus_biases, "the biases enter with a minus"),
    (minus_on_the_product_alone, "np.exp(-W @ x + b) puts the minus on W @ x alone"),
    (mirrored_layer, "it is mirrored: it falls from 1 to 0 as the sum grows"),
    (tanh_layer, "np.tanh is another S, but it goes from −1 to 1"),
    (step_layer, "it uses the step: the layer asks for sigmoid neurons"),
    (first_bias_only, "it adds b[0], the first neuron's bias, to every neuron"),
    (inputs_as_column, "x[:, None] makes x a column"),
])
def test_layer_names_each_slip(answer, words):
    assert words in wrong_words(check.layer, answer)


def test_layer_right(capsys):
    check.layer(right_layer)
    check.layer(nnlib.layer_output)
    assert capsys.readouterr().out.count("Right") == 2


# OR

@pytest.mark.parametrize("weights, bias, words", [
    ((1, 1), -1.5, "that neuron computes AND, not OR"),
    ((1, 1), 0.5, "the bias must be negative"),
    ((1, 1), 0, "the bias must be negative"),
    ((0.2, 0.2), -0.5, "each weight alone must outweigh the bias"),
    ((1, -1), -0.5, "(0, 1) gives 0.18, where OR says 1"),
    ((1, 1, 1), -0.5, "needs two weights"),
    ((1,), -0.5, "needs two weights"),
    ("1, 1", -0.5, "is the text '1, 1'"),
    ((1, 1), "-0.5", "is the text '-0.5'"),
    ((1, 1), (-0.5, -0.5), "or_bias is one number"),
    ((1, 1), None, "or_bias is None"),
    ((float("nan"), 1), -0.5, "or_weights holds (nan, 1): NaN (not a number)"),
    ((1, 1), float("inf"), "or_bias holds (inf): NaN (not a number) or an infinity"),
    (np.array([[1, 1]]), -0.5, "or_weights holds two numbers, but as an array of shape (1, 2)"),
    ((1, 1, -0.5), ..., "its bias goes in or_bias, on a line of its own"),
    ((1, 1, -0.5), 0, "if the third number is the bias, it goes in or_bias"),
])
def test_or_names_each_slip(weights, bias, words):
    assert words in wrong_words(check.or_gate, weights, bias)


def test_or_right_and_unwritten(capsys):
    check.or_gate((1.0, 1.0), -0.5)
    check.or_gate(np.array([3, 2]), -1)
    assert capsys.readouterr().out.count("Right") == 2
    check.or_gate(..., ...)
    check.or_gate((1, 1), ...)
    assert capsys.readouterr().out.count("not written yet") == 2
