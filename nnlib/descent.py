"""Part 2: one linear neuron, its mean squared error, and gradient descent on its weights."""

import warnings
from dataclasses import dataclass

import numpy as np

from nnlib import checks
from nnlib.checks import DivergenceWarning, checked

# The error may grow to this many times its starting size (or 1, if that is smaller) before the
# descent is called diverged: far past anything a converging run does, far below float overflow.
DIVERGENCE_FACTOR = 1e6
LARGEST = np.finfo(float).max  # an error that overflowed is recorded as this




@checked(checks.predict_arguments)
def predict(weights, inputs):
    """The neuron's output z = w · x, for one row of inputs or for each row of a table."""
    return inputs @ weights


@checked(checks.mean_squared_error_arguments)
def mean_squared_error(predictions, targets):
    """E = (1/N) Σₖ (yₖ − zₖ)²: the average of the squared misses, over the N rows."""
    misses = np.subtract(targets, predictions)
    return np.dot(misses, misses) / np.size(misses)  # as np.mean(misses**2), faster on few rows


@checked(checks.gradient_arguments)
def mse_gradient(weights, inputs, targets):
    """∂E/∂W by the chain rule: ∂E/∂z · ∂z/∂W = −2(y − z) · x, averaged over the rows."""
    misses = np.subtract(targets, inputs @ weights)
    return np.dot(misses, inputs) * (-2 / np.size(misses))  # Σ over rows of −2(y − z)·x, / N


@checked(checks.numerical_gradient_arguments)
def numerical_gradient(error, weights, relative_step=1e-6):
    """The slope of `error(weights)` along each weight by central differences,
    (E(w + ε) − E(w − ε)) / 2ε: slow, but hard to get wrong, so it checks gradients by hand."""
    slopes = np.empty_like(weights)
    for i in range(len(weights)):
        nudge = np.zeros_like(weights)
        nudge[i] = relative_step * max(1.0, abs(weights[i]))
        slopes[i] = (error(weights + nudge) - error(weights - nudge)) / (2 * nudge[i])
    return slopes


@checked(checks.check_gradient_arguments)
def check_gradient(gradient, inputs, targets, weights, predict=predict, tolerance=1e-5):
    """Compare `gradient(weights, inputs, targets)` with the finite-difference slopes of the mean
    squared error. Return those slopes, or raise an AssertionError naming the slopes that are
    off and the likely slip."""
    slip, expected = _gradient_slip(gradient, inputs, targets, weights, predict, tolerance)
    if slip:
        raise AssertionError(slip)
    return expected


def _gradient_slip(gradient, inputs, targets, weights, predict, tolerance=1e-5):
    """(what is wrong with `gradient` at `weights` in words, or None; the true slopes)."""
    def error(w):
        return _error(predict, w, inputs, targets)

    expected = numerical_gradient.unchecked(error, weights, 1e-6)
    yours = np.asarray(gradient(weights, inputs, targets), dtype=float)
    scale = tolerance * max(1.0, np.abs(expected).max())
    off = ~np.isclose(yours, expected, rtol=tolerance, atol=scale)
    if not off.any():
        return None, expected
    names = ", ".join(f"W{i + 1}" for i in np.flatnonzero(off))
    return (f"the slopes for {names} are off: yours {np.round(yours, 4)}, finite differences "
            f"{np.round(expected, 4)}. {_likely_slip(yours, expected, len(inputs))}"), expected


def _likely_slip(yours, expected, rows):
    """Most slips scale every slope by the same factor; name the factor's usual cause."""
    usable = np.abs(expected) > 1e-9
    ratios = yours[usable] / expected[usable]
    if ratios.size and np.allclose(ratios, ratios[0], rtol=1e-3):
        causes = {-1.0: "The sign is flipped: ∂E/∂z = −2(y − z), so with misses y − z the "
                        "gradient needs −2 (and with z − y, +2).",
                  0.5: "Half the true size: squaring brings down a factor 2.",
                  2.0: "Twice the true size: is the 2 of the square counted twice?",
                  float(rows): f"{rows} times too big: average over the {rows} rows (÷ N).",
                  1 / rows: f"{rows} times too small: divide by N once, not twice."}
        for factor, cause in causes.items():
            if np.isclose(ratios[0], factor, rtol=1e-3):
                return cause
    return "Compare each term with −2(y − z)·xᵢ, averaged over the rows."


@dataclass
class DescentHistory:
    """Every step of a descent: row k of `weights` and entry k of `errors` are after k updates."""

    weights: np.ndarray  # shape (updates + 1, number of weights)
    errors: np.ndarray  # shape (updates + 1,)
    learning_rate: float
    diverged_at: int | None = None  # the update at which the error blew up, if it did
    gradient_slip: str | None = None  # how the gradient in use differs from the true slopes

    @property
    def final_weights(self):
        return self.weights[-1]

    @property
    def status(self):
        if self.diverged_at is not None and self.gradient_slip:
            return (f"diverged at step {self.diverged_at}: the gradient is wrong, not α. "
                    f"{self.gradient_slip}")
        if self.diverged_at is not None:
            return f"diverged at step {self.diverged_at}: the learning rate is too large"
        done = f"{len(self.errors) - 1} updates, error {self.errors[-1]:.3g}"
        return f"{done}, but the gradient is wrong: {self.gradient_slip}" if (
            self.gradient_slip) else done

    def __repr__(self):
        weights = np.array2string(self.final_weights, precision=4)
        return f"DescentHistory({self.status}, final weights {weights})"


@checked(checks.descent_arguments)
def gradient_descent(inputs, targets, initial_weights, learning_rate, steps,
                     predict=predict, gradient=mse_gradient):
    """Repeat W ← W − α ∂E/∂W `steps` times; return the weights and the error at every step.

    `predict(weights, inputs)` and `gradient(weights, inputs, targets)` may be your own: your
    gradient is first compared with the true slopes, so that a run gone wrong blames the right
    thing. A learning rate so large that the error blows up stops the loop early, with a
    DivergenceWarning and `history.diverged_at` set, instead of overflowing.
    """
    weights = initial_weights
    slip, _ = _gradient_slip(gradient, inputs, targets, weights, predict)
    all_weights = np.empty((steps + 1, len(weights)))
    errors = np.empty(steps + 1)
    all_weights[0] = weights
    errors[0] = error = _error(predict, weights, inputs, targets)
    limit = DIVERGENCE_FACTOR * max(error, 1.0)
    for step in range(1, steps + 1):
        weights = weights - learning_rate * gradient(weights, inputs, targets)
        all_weights[step] = weights
        errors[step] = error = _error(predict, weights, inputs, targets)
        if not error <= limit:  # also catches NaN
            errors[step] = min(error, LARGEST) if error == error else LARGEST  # no inf, no NaN
            advice = (f"The gradient is wrong, not α: {slip}" if slip else
                      f"Try a learning rate smaller than {learning_rate:g}.")
            warnings.warn(f"diverged at step {step}: the error grew past {limit:.3g}. {advice}",
                          DivergenceWarning, stacklevel=3)
            return DescentHistory(all_weights[:step + 1], errors[:step + 1], learning_rate,
                                  diverged_at=step, gradient_slip=slip)
    return DescentHistory(all_weights, errors, learning_rate, gradient_slip=slip)


def _error(predict, weights, inputs, targets):
    return float(mean_squared_error.unchecked(predict(weights, inputs), targets))
