"""Part 2's neuron, its error and gradient descent, checked against independent computations."""

import re
import warnings

import numpy as np
import pytest

from nnlib.data import article_table
from nnlib.descent import (DivergenceWarning, check_gradient, gradient_descent,
                           mean_squared_error, mse_gradient, numerical_gradient, predict)

TRUE = np.array([0.5, 0.9, 1.2])  # the weights that made the article's table
BLIND_GUESS = (0.2, 1.4, 30.0)
WILD_GUESS = (40000.0, -25000.0, 60000.0)
WORKED_ROW, WORKED_OUTPUT = np.array([6.0, 5.0, 5.0]), 13.5


@pytest.fixture
def table():
    return article_table()


def central_differences(weights, inputs, targets, h=1e-3):
    """∂E/∂Wi ≈ (E(W + h·ei) − E(W − h·ei)) / 2h, with E = mean_squared_error(predict(W, X), y)."""
    slopes = np.empty(len(weights))
    for i in range(len(weights)):
        step = np.zeros(len(weights))
        step[i] = h
        above = mean_squared_error(predict(weights + step, inputs), targets)
        below = mean_squared_error(predict(weights - step, inputs), targets)
        slopes[i] = (above - below) / (2 * h)
    return slopes


def errors_of(weights_rows, inputs, targets):
    """The mean squared error of each row of weights, computed with plain numpy."""
    return np.mean((inputs @ weights_rows.T - targets[:, None]) ** 2, axis=0)


# The error and its gradient

def test_mean_squared_error_by_hand():
    # misses 1, 0, 2 → (1 + 0 + 4) / 3
    assert mean_squared_error(np.array([1.0, 2.0, 3.0]), [2, 2, 5]) == pytest.approx(5 / 3)


@pytest.mark.parametrize("size", [1, 6, 50])
def test_mean_squared_error_is_the_mean_of_the_squared_misses(size):
    rng = np.random.default_rng(size)
    predictions, targets = rng.normal(size=size), rng.normal(size=size)
    assert mean_squared_error(predictions, targets) == pytest.approx(
        np.mean((targets - predictions) ** 2), rel=1e-12)


def test_the_blind_guess_is_far_from_13_5_on_the_worked_row():
    # 0.2·6 + 1.4·5 + 30·5 = 158.2
    assert predict(np.array(BLIND_GUESS), WORKED_ROW) == pytest.approx(158.2)
    assert mean_squared_error(predict(np.array(BLIND_GUESS), WORKED_ROW),
                              WORKED_OUTPUT) == pytest.approx((158.2 - 13.5) ** 2)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_gradient_of_one_row_matches_finite_differences(seed):
    weights = np.random.default_rng(seed).uniform(-5, 5, size=3)
    slopes = mse_gradient(weights, WORKED_ROW, WORKED_OUTPUT)
    assert slopes.shape == (3,)
    np.testing.assert_allclose(slopes, central_differences(weights, WORKED_ROW, WORKED_OUTPUT),
                               rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_gradient_of_the_whole_table_matches_finite_differences(table, seed):
    weights = np.random.default_rng(seed).uniform(-5, 5, size=3)
    slopes = mse_gradient(weights, table.inputs, table.outputs)
    assert slopes.shape == (3,)
    np.testing.assert_allclose(
        slopes, central_differences(weights, table.inputs, table.outputs), rtol=1e-6, atol=1e-6)


def test_gradient_is_zero_at_the_true_weights(table):
    np.testing.assert_allclose(mse_gradient(TRUE, table.inputs, table.outputs), 0, atol=1e-10)


# The descent

def test_two_thousand_steps_from_the_blind_guess_reach_the_true_weights(table):
    history = gradient_descent(table.inputs, table.outputs, BLIND_GUESS, 0.001, 2000)
    np.testing.assert_allclose(history.final_weights, TRUE, rtol=0, atol=5e-4)
    assert history.diverged_at is None


def test_the_answer_agrees_with_least_squares(table):
    solution = np.linalg.lstsq(table.inputs, table.outputs, rcond=None)[0]
    history = gradient_descent(table.inputs, table.outputs, BLIND_GUESS, 0.001, 2000)
    np.testing.assert_allclose(history.final_weights, solution, rtol=0, atol=5e-4)
    assert predict(history.final_weights, table.unknown_input) == pytest.approx(
        table.unknown_input @ solution, abs=1e-2)


def test_descent_on_the_worked_row_alone_learns_13_5():
    # The article's own setting: one row, N = 1.
    history = gradient_descent(WORKED_ROW, WORKED_OUTPUT, BLIND_GUESS, 0.001, 2000)
    assert predict(history.final_weights, WORKED_ROW) == pytest.approx(WORKED_OUTPUT, abs=1e-6)


def test_history_has_one_row_per_step_and_the_error_of_each(table):
    steps = 300
    history = gradient_descent(table.inputs, table.outputs, BLIND_GUESS, 0.001, steps)
    assert history.weights.shape == (steps + 1, 3)
    assert history.errors.shape == (steps + 1,)
    np.testing.assert_array_equal(history.weights[0], BLIND_GUESS)
    np.testing.assert_allclose(history.errors,
                               errors_of(history.weights, table.inputs, table.outputs),
                               rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("k", [0, 1, 2, 150, 299])
def test_each_step_is_w_minus_alpha_times_the_gradient(table, k):
    alpha = 0.001
    history = gradient_descent(table.inputs, table.outputs, BLIND_GUESS, alpha, 300)
    before = history.weights[k]
    expected = before - alpha * mse_gradient(before, table.inputs, table.outputs)
    np.testing.assert_allclose(history.weights[k + 1], expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("start", [BLIND_GUESS, WILD_GUESS], ids=["blind", "wild"])
@pytest.mark.parametrize("alpha", [0.001, 0.002])
def test_error_never_rises_for_a_stable_learning_rate(table, start, alpha):
    history = gradient_descent(table.inputs, table.outputs, start, alpha, 2000)
    assert np.all(np.diff(history.errors) <= 0)


def test_a_wild_guess_needs_more_than_two_thousand_steps(table):
    short = gradient_descent(table.inputs, table.outputs, WILD_GUESS, 0.001, 2000)
    assert not np.allclose(short.final_weights, TRUE, rtol=0, atol=5e-4)
    longer = gradient_descent(table.inputs, table.outputs, WILD_GUESS, 0.001, 4000)
    np.testing.assert_allclose(longer.final_weights, TRUE, rtol=0, atol=5e-4)


# A learner's own functions

def test_a_halved_gradient_walks_like_half_the_learning_rate(table):
    def halved(weights, inputs, targets):
        return 0.5 * mse_gradient(weights, inputs, targets)

    theirs = gradient_descent(table.inputs, table.outputs, BLIND_GUESS, 0.001, 500,
                              gradient=halved)
    half_alpha = gradient_descent(table.inputs, table.outputs, BLIND_GUESS, 0.0005, 500)
    full = gradient_descent(table.inputs, table.outputs, BLIND_GUESS, 0.001, 500)
    np.testing.assert_allclose(theirs.weights, half_alpha.weights, rtol=1e-12)
    assert not np.allclose(theirs.weights, full.weights)


def test_the_learners_gradient_is_called_at_every_step(table):
    seen = []

    def recording(weights, inputs, targets):
        seen.append(np.array(weights))
        return mse_gradient(weights, inputs, targets)

    steps = 20
    history = gradient_descent(table.inputs, table.outputs, BLIND_GUESS, 0.001, steps,
                               gradient=recording)
    assert len(seen) >= steps
    # The update to row k + 1 used the gradient at row k.
    np.testing.assert_array_equal(np.array(seen[-steps:]), history.weights[:-1])


def test_the_learners_predict_measures_the_error(table):
    def predict_plus_one(weights, inputs):
        return inputs @ weights + 1.0

    history = gradient_descent(table.inputs, table.outputs, BLIND_GUESS, 0.001, 50,
                               predict=predict_plus_one)
    expected = np.mean((table.inputs @ history.weights.T + 1.0 - table.outputs[:, None]) ** 2,
                       axis=0)
    np.testing.assert_allclose(history.errors, expected, rtol=1e-10)


# A learning rate too large

@pytest.mark.parametrize("alpha", [0.05, 0.1, 1.0, 1e200])
def test_a_diverging_learning_rate_stops_early_with_a_warning_and_finite_values(table, alpha):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.simplefilter("error", RuntimeWarning)  # numpy overflow must not spill
        history = gradient_descent(table.inputs, table.outputs, BLIND_GUESS, alpha, 2000)

    divergence = [w for w in caught if issubclass(w.category, DivergenceWarning)]
    assert len(divergence) == 1
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)]
    message = str(divergence[0].message)
    found = re.search(r"diverged at step (\d+)", message)
    assert found, message
    assert re.search(r"learning rate smaller than", message)  # says what to do
    k = int(found.group(1))
    assert history.diverged_at == k
    assert 1 <= k < 2000
    assert len(history.errors) == len(history.weights) == k + 1
    assert np.all(np.isfinite(history.weights))
    assert np.all(np.isfinite(history.errors))
    assert history.errors[k] > 1000 * history.errors[0]  # it really blew up
    assert "diverged at step" in history.status


# Checking a gradient written by hand

def test_numerical_gradient_of_a_known_function():
    weights = np.array([1.5, -2.0, 0.25])
    slopes = numerical_gradient(lambda w: np.sum(w ** 3), weights)  # the slopes are 3w²
    assert np.allclose(slopes, 3 * weights ** 2, rtol=1e-6)


def test_check_gradient_accepts_the_chain_rule_and_returns_the_finite_differences(table):
    weights = np.array([0.2, 1.4, 30.0])
    slopes = check_gradient(mse_gradient, table.inputs, table.outputs, weights)
    assert np.allclose(slopes, mse_gradient(weights, table.inputs, table.outputs), rtol=1e-6)


@pytest.mark.parametrize("factor, hint", [
    (-1.0, "sign is flipped"), (0.5, "Half the true size"), (2.0, "Twice the true size"),
    (6.0, "6 times too big"), (1 / 6, "6 times too small")])
def test_check_gradient_names_the_usual_slips(table, factor, hint):
    def slipped(weights, inputs, targets):
        return factor * mse_gradient(weights, inputs, targets)

    with pytest.raises(AssertionError, match=hint):
        check_gradient(slipped, table.inputs, table.outputs, [0.2, 1.4, 30.0])


def test_check_gradient_names_the_one_weight_that_is_off(table):
    def third_slope_wrong(weights, inputs, targets):
        return mse_gradient(weights, inputs, targets) + [0, 0, 1.0]

    with pytest.raises(AssertionError, match=r"slopes for W3 are off") as raised:
        check_gradient(third_slope_wrong, table.inputs, table.outputs, [0.2, 1.4, 30.0])
    assert "W1" not in str(raised.value) and "W2" not in str(raised.value)


def test_check_gradient_says_when_the_shape_is_wrong(table):
    with pytest.raises(ValueError, match=r"your gradient returned one number.* one per weight"):
        check_gradient(lambda w, x, y: 0.0, table.inputs, table.outputs, [0.2, 1.4, 30.0])
