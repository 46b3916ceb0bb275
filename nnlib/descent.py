"""Part 2: one linear neuron, its mean squared error, and gradient descent on its weights."""

import warnings
from dataclasses import dataclass

import numpy as np

# The error may grow to this many times its starting size (or 1, if that is smaller) before the
# descent is called diverged: far past anything a converging run does, far below float overflow.
DIVERGENCE_FACTOR = 1e6
LARGEST = np.finfo(float).max  # an error that overflowed is recorded as this


class DivergenceWarning(UserWarning):
    """The error grew without bound: the learning rate is too large for this data."""


def predict(weights, inputs):
    """The neuron's output z = w · x, for one row of inputs or for each row of a table."""
    return inputs @ weights


def mean_squared_error(predictions, targets):
    """E = (1/N) Σ (yᵢ − ŷᵢ)²: the average of the squared misses."""
    misses = np.subtract(targets, predictions)
    return np.dot(misses, misses) / np.size(misses)  # as np.mean(misses**2), faster on few rows


def mse_gradient(weights, inputs, targets):
    """∂E/∂W by the chain rule: ∂E/∂Z · ∂Z/∂W = −2(y − Z) · x, averaged over the rows."""
    misses = np.subtract(targets, inputs @ weights)
    return np.dot(misses, inputs) * (-2 / np.size(misses))  # Σ over rows of −2(y − Z)·x, / N


def numerical_gradient(error, weights, relative_step=1e-6):
    """The slope of `error(weights)` along each weight by central differences,
    (E(w + h) − E(w − h)) / 2h: slow, but hard to get wrong, so it checks gradients by hand."""
    weights = np.asarray(weights, dtype=float)
    slopes = np.empty_like(weights)
    for i in range(len(weights)):
        nudge = np.zeros_like(weights)
        nudge[i] = relative_step * max(1.0, abs(weights[i]))
        slopes[i] = (error(weights + nudge) - error(weights - nudge)) / (2 * nudge[i])
    return slopes


def check_gradient(gradient, inputs, targets, weights, predict=predict, tolerance=1e-5):
    """Compare `gradient(weights, inputs, targets)` with the finite-difference slopes of the mean
    squared error. Return those slopes, or raise an AssertionError naming the slopes that are
    off and the likely slip."""
    inputs, targets, weights = check_problem(inputs, targets, weights)
    expected = numerical_gradient(lambda w: mean_squared_error(predict(w, inputs), targets),
                                  weights)
    yours = np.asarray(gradient(weights, inputs, targets), dtype=float)
    if yours.shape != expected.shape:
        raise AssertionError(f"your gradient has shape {yours.shape}; it needs one slope per "
                             f"weight, shape {expected.shape}")
    scale = tolerance * max(1.0, np.abs(expected).max())
    off = ~np.isclose(yours, expected, rtol=tolerance, atol=scale)
    if off.any():
        names = ", ".join(f"W{i + 1}" for i in np.flatnonzero(off))
        raise AssertionError(f"the slopes for {names} are off: yours {np.round(yours, 4)}, "
                             f"finite differences {np.round(expected, 4)}. "
                             f"{_likely_slip(yours, expected, len(inputs))}")
    return expected


def _likely_slip(yours, expected, rows):
    """Most slips scale every slope by the same factor; name the factor's usual cause."""
    usable = np.abs(expected) > 1e-9
    ratios = yours[usable] / expected[usable]
    if ratios.size and np.allclose(ratios, ratios[0], rtol=1e-3):
        causes = {-1.0: "The sign is flipped: ∂E/∂Z = −2(y − Z), so (Z − y) needs +2.",
                  0.5: "Half the true size: squaring brings down a factor 2.",
                  2.0: "Twice the true size: is the 2 of the square counted twice?",
                  float(rows): f"{rows} times too big: average over the {rows} rows (÷ N).",
                  1 / rows: f"{rows} times too small: divide by N once, not twice."}
        for factor, cause in causes.items():
            if np.isclose(ratios[0], factor, rtol=1e-3):
                return cause
    return "Compare each term with −2(y − Z)·xᵢ, averaged over the rows."


@dataclass
class DescentHistory:
    """Every step of a descent: row k of `weights` and entry k of `errors` are after k updates."""

    weights: np.ndarray  # shape (updates + 1, number of weights)
    errors: np.ndarray  # shape (updates + 1,)
    learning_rate: float
    diverged_at: int | None = None  # the update at which the error blew up, if it did

    @property
    def final_weights(self):
        return self.weights[-1]

    @property
    def status(self):
        if self.diverged_at is not None:
            return f"diverged at step {self.diverged_at}: the learning rate is too large"
        return f"{len(self.errors) - 1} updates, error {self.errors[-1]:.3g}"

    def __repr__(self):
        weights = np.array2string(self.final_weights, precision=4)
        return f"DescentHistory({self.status}, final weights {weights})"


def gradient_descent(inputs, targets, initial_weights, learning_rate, steps,
                     predict=predict, gradient=mse_gradient):
    """Repeat W ← W − α ∂E/∂W `steps` times; return the weights and the error at every step.

    `predict(weights, inputs)` and `gradient(weights, inputs, targets)` may be your own.
    A learning rate so large that the error blows up stops the loop early, with a
    DivergenceWarning and `history.diverged_at` set, instead of overflowing.
    """
    inputs, targets, weights = check_problem(inputs, targets, initial_weights)
    learning_rate, steps = check_settings(learning_rate, steps)

    all_weights = np.empty((steps + 1, len(weights)))
    errors = np.empty(steps + 1)
    all_weights[0] = weights
    errors[0] = error = _error(predict, weights, inputs, targets)
    limit = DIVERGENCE_FACTOR * max(error, 1.0)
    _check_gradient(gradient, weights, inputs, targets)
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            weights = weights - learning_rate * np.asarray(gradient(weights, inputs, targets))
            all_weights[step] = weights
            errors[step] = error = _error(predict, weights, inputs, targets)
            if not error <= limit:  # also catches NaN
                errors[step] = min(error, LARGEST) if error == error else LARGEST  # no inf, no NaN
                warnings.warn(f"diverged at step {step}: the error grew past {limit:.3g}. "
                              f"Try a learning rate smaller than {learning_rate:g}.",
                              DivergenceWarning, stacklevel=2)
                return DescentHistory(all_weights[:step + 1], errors[:step + 1],
                                      learning_rate, diverged_at=step)
    return DescentHistory(all_weights, errors, learning_rate)


def _error(predict, weights, inputs, targets):
    return float(mean_squared_error(predict(weights, inputs), targets))


def _check_gradient(gradient, weights, inputs, targets):
    slope = np.asarray(gradient(weights, inputs, targets))
    if slope.shape != weights.shape or not np.issubdtype(slope.dtype, np.number):
        raise ValueError(f"the gradient function returned {slope!r}; it must return one number "
                         f"per weight, an array of shape {weights.shape}")
    if not np.all(np.isfinite(slope)):
        raise ValueError(f"the gradient function returned {slope} at the starting weights: "
                         "NaN or infinite slopes. Look for a division by zero in it")


# Checks that turn bad input into a message that says what to do.

def check_problem(inputs, targets, weights):
    """Return inputs as (rows, n), targets as (rows,) and weights as (n,), or say what is wrong."""
    inputs = _finite_array(inputs, "inputs")
    targets = _finite_array(targets, "targets")
    weights = _finite_array(weights, "weights")
    if inputs.ndim == 1:
        inputs = inputs[np.newaxis, :]  # one row
    targets = np.atleast_1d(targets)
    if inputs.ndim != 2:
        raise ValueError(f"inputs must be one row or a table of rows, got {inputs.ndim} dimensions")
    if weights.ndim != 1:
        raise ValueError(f"weights must be a flat list of numbers, got shape {weights.shape}")
    if targets.ndim != 1:
        raise ValueError(f"targets must be a flat list, one per row, got shape {targets.shape}")
    if inputs.shape[1] != len(weights):
        raise ValueError(f"each row has {inputs.shape[1]} inputs but there are {len(weights)} "
                         "weights: give one weight per input")
    if len(targets) != len(inputs):
        raise ValueError(f"there are {len(inputs)} rows of inputs but {len(targets)} targets: "
                         "give one target per row")
    return inputs, targets, weights


def check_settings(learning_rate, steps):
    """Return (learning_rate, steps) as (float, int), or say what is wrong."""
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, (int, float, np.number)):
        raise TypeError(f"the learning rate must be a number, got {learning_rate!r}")
    if not np.isfinite(learning_rate) or learning_rate <= 0:
        raise ValueError(f"the learning rate must be a positive number, got {learning_rate}: "
                         "try 0.001")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)):
        raise TypeError(f"the number of steps must be a whole number, got {steps!r}")
    if steps < 1:
        raise ValueError(f"the number of steps must be at least 1, got {steps}")
    return float(learning_rate), int(steps)


def _finite_array(values, name):
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be numbers, got {values!r}") from None
    if array.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values: {array}. "
                         "Replace them with ordinary numbers")
    return array
