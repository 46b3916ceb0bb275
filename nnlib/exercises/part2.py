"""Notebook 02's exercises: a neuron's predictions, a middle layer that collapses, the mean
squared error, its gradient, and the descent loop."""

import warnings
from dataclasses import dataclass

import numpy as np

from nnlib.data import TRUE_WEIGHTS, article_table
from nnlib.descent import (DivergenceWarning, gradient_descent, mean_squared_error, mse_gradient,
                           predict)
from nnlib.exercises.diagnosis import explain, learners_line
from nnlib.exercises.engine import (Exercise, InTurn, NotWritten, Probe, Slip, Wrong, as_numbers,
                                    report)


def _written(name):
    """The 'not written yet' line of an exercise whose cell came filled in: no worked answer."""
    return (f"{name} is not written yet: replace the ... with your code, run its cell, then this "
            "one.")


@dataclass
class _Function(Exercise):
    """An exercise whose function the later cells use: `or_nnlibs(answer)` gives the learner's
    function while it passes its check, and nnlib's (saying so) until then, so that a function
    broken on purpose does not stop the cells below it."""
    stand_in: str = ""  # nnlib's function, by the name a learner would write
    section: str = ""  # where the exercise is, for the line that says nnlib's stands in

    def or_nnlibs(self, answer):
        """`answer` if it passes this exercise's check, else nnlib's function, with a line
        saying which stands in and why."""
        if self.passes(answer):
            return answer
        print(f"Your {self.name} does not pass its check yet (the check after it, in "
              f"{self.section}, says why), so {self.stand_in} stands in for it in this cell.")
        return self.reference


# predict: z = W · x, for one row or for each row of a table

def _predict_probes():
    rng = np.random.default_rng(21)
    return [Probe({"weights": np.array([0.3, -1.2, 2.0]),
                   "inputs": np.array([[6.0, 5.0, 5.0], [2.0, -1.0, 0.5], [0.0, 3.0, -2.0],
                                       [1.0, 1.0, 1.0]])}, "on a table of 4 rows of 3 inputs"),
            Probe({"weights": np.array([1.5, -0.5]), "inputs": rng.normal(size=(5, 2))},
                  "on a table of 5 rows of 2 inputs"),
            Probe({"weights": rng.normal(size=4), "inputs": rng.normal(size=(1, 4))},
                  "on a table of 1 row of 4 inputs"),
            Probe({"weights": np.array([0.2, 1.4, 30.0]), "inputs": np.array([6.0, 5.0, 5.0])},
                  "on a single row, (6, 5, 5)")]


predict_exercise = _Function(
    name="predict", reference=predict, stand_in="nnlib.predict", section="section 2",
    parameters=("weights", "inputs"), probes=_predict_probes,
    answer_functions=(predict,),
    right="Right: predict gives one z per row, for tables of 4, 5 and 1 rows of 3, 2 and 4 "
          "inputs, and the dot product W · x for a single row, as nnlib.predict does.",
    not_written=_written("predict"),
    terms={"weights": "one weight per input", "inputs": "one row per example, one column per "
           "input; or a single row"},
    slips=[Slip("it multiplies each input by its weight but does not add the products: z is "
                "their sum, one number per row, W1·x1 + W2·x2 + …",
                lambda weights, inputs: inputs * weights),
           Slip("it adds down each column, over the rows (Python's sum(…), or np.sum with "
                "axis=0), where each row needs its own sum: W1·x1 + W2·x2 + … along the row, "
                "one z per row. inputs @ weights forms that dot product for every row at once.",
                lambda weights, inputs: np.sum(inputs * weights, axis=0)),
           Slip("it adds the products of every row into one number: each row needs its own z, "
                "the sum along that row alone (axis=-1), or inputs @ weights, one dot product "
                "per row.", lambda weights, inputs: np.sum(inputs * weights))])


# The middle layer: two_layers(V, u, x) and collapsed(V, u)

def _middle_layers():
    rng = np.random.default_rng(2)
    return [Probe({"V": rng.normal(size=(2, 3)), "u": rng.normal(size=2),
                   "x": np.array([6.0, 5.0, 5.0])}, "for 2 middle neurons and 3 inputs"),
            Probe({"V": rng.normal(size=(3, 4)), "u": rng.normal(size=3), "x": rng.normal(size=4)},
                  "for 3 middle neurons and 4 inputs"),
            Probe({"V": rng.normal(size=(2, 4)), "u": rng.normal(size=2), "x": rng.normal(size=4)},
                  "for 2 middle neurons and 4 inputs"),
            Probe({"V": rng.normal(size=(3, 2)), "u": rng.normal(size=3), "x": rng.normal(size=2)},
                  "for 3 middle neurons and 2 inputs")]


def _collapse_probes():
    return [Probe({"V": probe.arguments["V"], "u": probe.arguments["u"]}, probe.about)
            for probe in _middle_layers()]


_MIDDLE_TERMS = {"V": "one row per middle neuron, one column per input",
                 "u": "the output neuron's weights, one per middle neuron",
                 "x": "one row's inputs", "h": "the middle values, one per middle neuron"}

two_layers = Exercise(
    name="two_layers", parameters=("V", "u", "x"), probes=_middle_layers,
    reference=lambda V, u, x: u @ (V @ x), right="", terms=_MIDDLE_TERMS,
    slips=[Slip("two_layers returns the middle values h, one per middle neuron. The output "
                "neuron weighs them: z = u · h = u1 h1 + u2 h2 + …, one number.",
                lambda V, u, x: V @ x),
           Slip("it multiplies each middle value by its weight in u but does not add the "
                "products: z = u · h is their sum, one number.", lambda V, u, x: u * (V @ x)),
           Slip("it adds the middle values without their weights: the output neuron multiplies "
                "h_j by u_j before adding, z = u · h.", lambda V, u, x: np.sum(V @ x)),
           Slip("V * x multiplies number by number and gives a table; the middle values are one "
                "dot product per row of V, h_j = V_j · x, a table-times-list product.",
                lambda V, u, x: u @ (V * x)),
           Slip("it uses only the first two middle neurons: with three, the third is left out. "
                "z = u · h adds every middle value, however many there are.",
                lambda V, u, x: u[0] * (V[0] @ x) + u[1] * (V[1] @ x)),
           Slip("it averages where a sum belongs: z = u · h = u1 h1 + u2 h2 + … adds the "
                "weighted middle values, and np.mean divides that sum by the number of middle "
                "neurons. Add them; do not average.", lambda V, u, x: np.mean(u * (V @ x))),
           Slip("it averages the middle values, without their weights: the output neuron "
                "multiplies h_j by u_j, then adds, z = u · h = u1 h1 + u2 h2 + ….",
                lambda V, u, x: np.mean(V @ x))])

collapsed = Exercise(
    name="collapsed", parameters=("V", "u"), probes=_collapse_probes,
    reference=lambda V, u: u @ V, right="", terms=_MIDDLE_TERMS,
    slips=[Slip("collapsed adds the rows of V but leaves out u: the output neuron multiplies "
                "middle value j by u_j, so row j of V is multiplied by u_j too.",
                lambda V, u: V.sum(axis=0)),
           Slip("collapsed adds rows 1 and 2 of V and leaves out u: the output neuron multiplies "
                "middle value j by u_j, so row j of V is multiplied by u_j too, and every row "
                "counts (a middle layer may have three neurons).", lambda V, u: V[0] + V[1]),
           Slip("it uses only the first two rows of V: with three middle neurons the third is "
                "left out. Add every row of V, each multiplied by its weight in u: a list times "
                "a table, u @ V, does that for any number of rows.",
                lambda V, u: u[0] * V[0] + u[1] * V[1]),
           Slip("collapsed returns a table the shape of V: each row of V multiplied by its u, "
                "but the rows not added. One neuron has one weight per input: add those rows "
                "(.sum(axis=0) adds a table's rows).",
                lambda V, u: u[:, None] * V),
           Slip("collapsed returns V itself, a table with one row per middle neuron. One neuron "
                "has one weight per input: add the rows of V, each multiplied first by its "
                "weight in u.", lambda V, u: V),
           Slip("it adds the columns of V, one number per middle neuron: one neuron has one "
                "weight per input, so add the rows of V, each multiplied by its weight in u.",
                lambda V, u: V @ np.ones(V.shape[1]) * u),
           Slip("collapsed returns u, the output neuron's weights, one per middle neuron. The "
                "single neuron needs one weight per input, W = u1 V1 + u2 V2 + …: the rows of "
                "V, each multiplied by its weight in u, then added.", lambda V, u: u),
           Slip("it averages where a sum belongs: W = u1 V1 + u2 V2 + … adds the rows of V, "
                "each multiplied by its weight in u; dividing by the number of middle neurons "
                "(np.mean, or / len(u)) halves it for two. Add them; do not average.",
                lambda V, u: (u @ V) / len(u)),
           Slip("it averages the rows of V, without their weights: W = u1 V1 + u2 V2 + … "
                "multiplies row j of V by u_j, then adds.",
                lambda V, u: V.mean(axis=0))])

middle_layer = InTurn("Right: for middle layers of 2 and 3 neurons on 2, 3 and 4 inputs, "
                      "two_layers gives the network's one output, and one neuron with the "
                      "weights collapsed(V, u) gives the same z for every x.",
                      two_layers, collapsed)


# The mean squared error

def _error_probes():
    rng = np.random.default_rng(4)
    table = article_table()
    # 5 rows first: a factor found on the first probe that goes wrong is then told apart from a
    # count (N + 1 is 2 for one row, and would read as "half").
    return [Probe({"predictions": np.array([1.0, 4.0, -2.0, 3.5, 0.0]),
                   "targets": np.array([3.0, 1.0, -1.0, 0.5, 2.5])},
                  "on 5 rows, misses of both signs", examples=5),
            Probe({"predictions": np.float64(158.2), "targets": np.float64(13.5)},
                  "on one row, z = 158.2 and y = 13.5 (two single numbers)", examples=1),
            Probe({"predictions": rng.normal(size=2), "targets": rng.normal(size=2)},
                  "on 2 rows", examples=2),
            Probe({"predictions": predict(np.array([0.2, 1.4, 30.0]), table.inputs),
                   "targets": table.outputs}, "on the table's 6 rows, with the blind guess",
                  examples=6)]


def _misses(predictions, targets):
    return np.subtract(targets, predictions)


_DOUBLED = ("`* 2` doubles each miss, where `** 2` squares it: this is twice the average miss, "
            "and misses of opposite signs cancel. Square each miss, then average: "
            "np.mean((targets - predictions) ** 2).")

mean_squared_error_exercise = _Function(
    name="mean_squared_error", reference=mean_squared_error,
    stand_in="nnlib.mean_squared_error", section="section 4",
    answer_functions=(mean_squared_error,),
    parameters=("predictions", "targets"), probes=_error_probes,
    right="Right: your mean_squared_error gives (13.5 − 158.2)² = 20938.1 for the first row "
          "alone, and the average squared miss on tables of 5, 2 and 6 rows, as nnlib's does.",
    not_written=_written("mean_squared_error"),
    terms={"predictions": "one z per row", "targets": "one y per row"},
    slips=[Slip("the square is missing: the average of y − z lets misses of opposite signs "
                "cancel; square each miss, ** 2.",
                lambda predictions, targets: np.mean(_misses(predictions, targets))),
           Slip("the sign of the misses is kept: the average of z − y lets misses of opposite "
                "signs cancel; square each miss, ** 2.",
                lambda predictions, targets: np.mean(-_misses(predictions, targets))),
           Slip(_DOUBLED, lambda predictions, targets: np.mean(_misses(predictions, targets) * 2)),
           Slip(_DOUBLED, lambda predictions, targets: np.mean(-_misses(predictions, targets) * 2)),
           Slip("that is the average size of the misses, |y − z|; square them instead, ** 2.",
                lambda predictions, targets: np.mean(np.abs(_misses(predictions, targets)))),
           Slip("that is the sum of the squared misses; divide by N, or use np.mean.",
                lambda predictions, targets: np.sum(_misses(predictions, targets) ** 2)),
           Slip("that is the square root of the error; leave out np.sqrt.",
                lambda predictions, targets: np.sqrt(np.mean(_misses(predictions, targets) ** 2))),
           Slip("the average is squared, not the misses: square each miss first, then average.",
                lambda predictions, targets: np.mean(_misses(predictions, targets)) ** 2),
           Slip("it divides by N − 1; E is the plain average of the N squared misses: divide by "
                "N, or use np.mean.",
                lambda predictions, targets: np.sum(_misses(predictions, targets) ** 2)
                / (np.size(targets) - 1)),
           Slip("it divides by N + 1; E is the plain average of the N squared misses: divide "
                "by N, np.size(targets), or use np.mean.",
                lambda predictions, targets: np.sum(_misses(predictions, targets) ** 2)
                / (np.size(targets) + 1)),
           Slip("it returns the squared misses, one per row, without averaging them: E is one "
                "number, their average, np.mean((targets - predictions) ** 2).",
                lambda predictions, targets: _misses(predictions, targets) ** 2),
           Slip("it returns the squared misses, one per row, without averaging them: E is one "
                "number, their average, np.mean((targets - predictions) ** 2).",
                lambda predictions, targets: np.atleast_1d(_misses(predictions, targets) ** 2)),
           Slip("it divides by N twice: np.mean already divides by N, or (after a sum) divide "
                "once.", lambda predictions, targets: np.mean(_misses(predictions, targets) ** 2)
                / np.size(targets)),
           Slip("it has a ½ in front: some books write the error as ½ (y − z)², but E here is "
                "the plain average of (y − z)², with no ½.",
                lambda predictions, targets: 0.5 * np.mean(_misses(predictions, targets) ** 2))])


# The gradient of the mean squared error

def _gradient_probes():
    """Tables of 5, 1, 7 and 6 rows, of 2, 3, 4 and 3 inputs: rows ≠ columns, and the ratio of
    rows to weights differs from probe to probe, so ÷ len(weights) is not mistaken for a 2."""
    rng = np.random.default_rng(7)
    table = article_table()

    def probe(rows, columns, about):
        inputs = rng.normal(size=(rows, columns)) * 3
        targets = inputs @ rng.normal(size=columns) + rng.normal(size=rows)
        return Probe({"weights": rng.normal(size=columns), "inputs": inputs,
                      "targets": targets}, about, examples=rows)

    return [probe(5, 2, "on 5 rows of 2 inputs"),
            probe(1, 3, "on 1 row of 3 inputs"),
            probe(7, 4, "on 7 rows of 4 inputs"),
            Probe({"weights": np.array([0.2, 1.4, 30.0]), "inputs": table.inputs,
                   "targets": table.outputs}, "on the table's 6 rows, at the blind guess",
                  examples=6)]


def _misses_at(weights, inputs, targets):
    return targets - inputs @ weights


gradient_exercise = _Function(
    name="gradient", reference=mse_gradient, parameters=("weights", "inputs", "targets"),
    stand_in="nnlib.mse_gradient", section="section 7",
    answer_functions=(mse_gradient,),
    probes=_gradient_probes,
    right="Right: your gradient gives the true slopes ∂E/∂Wᵢ, on tables of 1, 5, 6 and 7 rows "
          "and for 2, 3 and 4 weights, as nnlib.mse_gradient does.",
    not_written=_written("gradient"),
    terms={"weights": "one weight per input", "inputs": "one row per example, one column per "
           "input", "targets": "one y per row", "misses": "one miss y − z per row"},
    slips=[Slip("the 2 is missing, so every slope is half the true size: the square brings "
                "down a factor 2, ∂E/∂z = −2(y − z).",
                lambda weights, inputs, targets: -_misses_at(weights, inputs, targets) @ inputs
                / len(targets)),
           Slip("it has ½ where the 2 belongs: the square brings down a factor 2, "
                "∂E/∂z = −2(y − z) (a ½ appears only when the error is written ½(y − z)²).",
                lambda weights, inputs, targets: -0.5 * _misses_at(weights, inputs, targets)
                @ inputs / len(targets)),
           Slip("the sign is flipped: ∂E/∂z = −2(y − z), so with misses = y − z the gradient "
                "needs −2 (or +2 with z − y). With this sign, descent would climb.",
                lambda weights, inputs, targets: 2 * _misses_at(weights, inputs, targets)
                @ inputs / len(targets)),
           Slip("the 2 is counted twice, so every slope is twice the true size: ∂E/∂z = "
                "−2(y − z) has one factor 2.",
                lambda weights, inputs, targets: -4 * _misses_at(weights, inputs, targets)
                @ inputs / len(targets)),
           Slip("a sum where the average belongs, so the slopes are N times too big: E is the "
                "average over the N rows, so its slope is too. Divide by len(targets).",
                lambda weights, inputs, targets: -2 * _misses_at(weights, inputs, targets)
                @ inputs),
           Slip("it divides by N twice, so the slopes are N times too small: divide by the "
                "number of rows once.",
                lambda weights, inputs, targets: -2 * _misses_at(weights, inputs, targets)
                @ inputs / len(targets) ** 2),
           Slip("it divides by the number of weights, len(weights); the average is over the "
                "rows: divide by len(targets), the number of rows N.",
                lambda weights, inputs, targets: -2 * _misses_at(weights, inputs, targets)
                @ inputs / len(weights)),
           Slip("it uses the predictions z where the misses belong: misses = targets − "
                "predict(weights, inputs), y − z, one per row.",
                lambda weights, inputs, targets: -2 * (inputs @ weights) @ inputs / len(targets)),
           Slip("it uses the targets y where the misses belong: misses = targets − "
                "predict(weights, inputs), y − z, one per row.",
                lambda weights, inputs, targets: -2 * targets @ inputs / len(targets)),
           Slip("it leaves out ∂z/∂Wᵢ = xᵢ: each weight's slope is −2(y − z) times its own "
                "input xᵢ, averaged over the rows, one number per weight (misses @ inputs does "
                "that for every weight at once).",
                lambda weights, inputs, targets: np.mean(-2 * _misses_at(weights, inputs,
                                                                        targets))),
           Slip("it adds up everything into one number: each weight has its own slope, "
                "−2(y − z)·xᵢ averaged over the rows, one number per weight (misses @ inputs "
                "adds over the rows only).",
                lambda weights, inputs, targets: np.sum(-2 * _misses_at(weights, inputs, targets)
                                                        @ inputs) / len(targets)),
           *(Slip("it averages along each row (axis=1), across the inputs, which gives one "
                  "number per row; each weight needs its own slope, the average down its own "
                  "column, over the rows: axis=0, or misses @ inputs / N, one number per weight.",
                  answer) for answer in (
               lambda weights, inputs, targets: np.mean(
                   -2 * _misses_at(weights, inputs, targets)[:, None] * inputs, axis=1),
               lambda weights, inputs, targets: np.sum(
                   -2 * _misses_at(weights, inputs, targets)[:, None] * inputs, axis=1)
               / len(targets))),
           *(Slip("it uses the first row only: each slope is the average over all N rows of "
                  "−2(yₖ − zₖ)·xₖ,ᵢ, one term per row (misses @ inputs adds them all).",
                  answer) for answer in (
               lambda weights, inputs, targets: -2 * _misses_at(weights, inputs, targets)[0]
               * inputs[0],
               lambda weights, inputs, targets: -2 * _misses_at(weights, inputs, targets)[0]
               * inputs[0] / len(targets))),
           *(Slip("it multiplies the average miss by the average input: each slope is the "
                  "average of the products, −2(yₖ − zₖ)·xₖ,ᵢ row by row, and an average of "
                  "products is not a product of averages. Multiply each row's miss by that "
                  "row's inputs first, then average over the rows: misses @ inputs / N.",
                  answer) for answer in (
               lambda weights, inputs, targets: -2 * np.mean(_misses_at(weights, inputs, targets))
               * np.mean(inputs, axis=0),
               lambda weights, inputs, targets: -2 * np.mean(_misses_at(weights, inputs, targets))
               * np.mean(inputs)))])


# The descent loop of section 8

BLIND_GUESS = np.array([0.2, 1.4, 30.0])
STEPS = 2000


def _the_notebooks_loop(alpha, sign=-1.0, steps=STEPS):
    """The loop of section 8 with nnlib's functions, as the notebook writes it (W ← W − α ∇E,
    stopping once the error has grown a million-fold), or with `sign` = +1, W ← W + α ∇E: the
    last weights and the step it stopped at (None if it ran to the end)."""
    table = article_table()
    weights = BLIND_GUESS.copy()
    first = mean_squared_error.unchecked(predict.unchecked(weights, table.inputs), table.outputs)
    with np.errstate(all="ignore"):
        for step in range(1, steps + 1):
            weights = weights + sign * alpha * mse_gradient.unchecked(weights, table.inputs,
                                                                      table.outputs)
            error = mean_squared_error.unchecked(predict.unchecked(weights, table.inputs),
                                                 table.outputs)
            if not error < 1e6 * first:
                return weights, step
    return weights, None


def _one_number(learning_rate):
    """α as a float, or Wrong naming what it is instead (a tuple made by a stray comma, a list,
    several numbers, a number not above 0)."""
    if isinstance(learning_rate, tuple):
        shown = _number_list(learning_rate)
        comma = (": the comma after the number made it (`learning_rate = 0.001,` is the tuple "
                 "(0.001,))" if len(learning_rate) == 1 else "")
        raise Wrong("learning_rate", f"learning_rate is {shown}, a tuple{comma}. α is one plain "
                    "number, the size of every step: `learning_rate = 0.001`, with no comma or "
                    "bracket. Run the loop's cell again, then this one.")
    if isinstance(learning_rate, (list, np.ndarray)):
        kind = "a list" if isinstance(learning_rate, list) else "an array"
        alpha = as_numbers(learning_rate, "learning_rate")
        if alpha.ndim > 0:
            many = (f"{alpha.size} numbers; α is one number" if alpha.size != 1 else
                    "one number inside brackets; α is one plain number")
            raise Wrong("learning_rate", f"learning_rate is {kind} of {many}, the size of every "
                        "step: learning_rate = 0.001, without brackets. Run the loop's cell "
                        "again, then this one.")
    alpha = as_numbers(learning_rate, "learning_rate")
    if alpha.size != 1:
        raise Wrong("learning_rate", f"learning_rate is {alpha.size} numbers; α is one "
                    "number, the size of every step, such as 0.001.")
    alpha = alpha.item()
    if not (alpha > 0 and np.isfinite(alpha)):
        raise Wrong("learning_rate", f"learning_rate is {alpha:g}: α must be an ordinary "
                    "number above 0. A negative α steps uphill, and 0 does not move at all. "
                    "Try 0.001.")
    return alpha


def _number_list(values):
    try:
        return "(" + ", ".join(f"{float(value):g}" for value in values) + ("," if len(values) == 1
                                                                          else "") + ")"
    except (TypeError, ValueError):
        return repr(values)


class DescentLoop:
    """The check of the loop of section 8 (`check.descent_loop(...)`), and `ready(...)`, the loop
    cell's second line: it stops the loop in words when a function it calls fails."""

    def __init__(self):
        self.stopped = None  # the Wrong with which `ready` last stopped the loop's cell, if it did

    def __call__(self, weights, learning_rate, diverged_at, gradient, guess=None):
        """A wrong gradient is named before α is judged, since a halved gradient looks like
        steps too small, and a flipped one like an α too large; a + in the update line is told
        from an α too large by the step the run blew up at; and a guess changed by the loop
        (`weights = guess`, then `weights -= …`) is named."""
        report(lambda: self._verdict(weights, learning_rate, diverged_at, gradient, guess),
               f"Right: your gradient gives the true slopes, and with α = "
               f"{_number(learning_rate)} the {STEPS} updates from the blind guess end within "
               "0.0005 of (0.5, 0.9, 1.2), the weights that made the table, as "
               "nnlib.gradient_descent's do.",
               "learning_rate, weights or gradient is not written yet: replace the ... in its "
               "cell, run it, then the loop and this check.")

    def _verdict(self, weights, learning_rate, diverged_at, gradient, guess):
        if learning_rate is ... or weights is ...:
            raise NotWritten
        if self.stopped is not None:  # the loop did not run: weights are an earlier run's
            raise Wrong(self.stopped.title, "the loop's cell stopped before the loop: "
                        + self.stopped.words, self.stopped.where)
        if guess is not None:
            _guess_untouched(guess, weights)
        try:
            gradient_exercise.verdict(gradient)
        except Wrong as wrong:
            words = wrong.words[:1].upper() + wrong.words[1:]
            raise Wrong("the loop", "the loop steps with your gradient, and it is off, so α is "
                        f"not the thing to change yet. {words} Repair gradient in "
                        "section 7, run its cell, then the loop and this check again.",
                        wrong.where) from wrong.__cause__
        alpha = _one_number(learning_rate)
        table = article_table()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DivergenceWarning)
            run = gradient_descent(table.inputs, table.outputs, BLIND_GUESS, alpha, STEPS)
        reaches = run.diverged_at is None and np.allclose(run.final_weights, TRUE_WEIGHTS,
                                                          atol=5e-4)
        if diverged_at is not None:
            climbed, climbed_at = _the_notebooks_loop(alpha, sign=1.0)
            if diverged_at == climbed_at and diverged_at != run.diverged_at:
                raise Wrong("the loop", f"the loop diverged at step {diverged_at}, and so does a "
                            "loop that steps *with* the gradient, W ← W + α ∇E, from the blind "
                            f"guess with α = {alpha:g}; the loop as given, W ← W − α ∇E, "
                            + ("diverges later, at step " f"{run.diverged_at}"
                               if run.diverged_at is not None else
                               f"runs all {STEPS} updates") + ". Is there a + in the update "
                            "line where the − belongs (or a minus sign too many)? The gradient "
                            "points uphill, so descent steps against it: weights = weights − "
                            "learning_rate * gradient(weights, X, y).")
            if run.diverged_at is None:
                raise Wrong("the loop", f"the loop stopped at step {diverged_at}, yet from the "
                            f"blind guess with α = {alpha:g} the error does not blow up (nnlib's "
                            f"loop runs all {STEPS} updates). The loop watches the error with "
                            "your mean_squared_error: does its check in section 4 pass? Is the "
                            "loop as given, with W ← W − α ∇E?")
            raise Wrong("the loop", f"the loop diverged at step {diverged_at}: α = {alpha:g} is "
                        "too large for this table, every step overshoots the bottom by more than "
                        "the last (section 9 finds the limit, about 0.015). Set learning_rate = "
                        "0.001 and run the loop again.")
        final = as_numbers(weights, "weights")
        if final.shape != TRUE_WEIGHTS.shape:
            raise Wrong("weights", f"weights has shape {final.shape}; the neuron has 3 weights, "
                        "one per input. Run the loop's cell again as given.")
        there = np.allclose(final, TRUE_WEIGHTS, atol=5e-4)
        if there and reaches:
            return
        shown = np.array2string(final, precision=4)
        if there or run.diverged_at is not None:  # weights that this α does not give
            happens = (f"diverges at step {run.diverged_at}" if run.diverged_at is not None
                       else "does not get there")
            raise Wrong("the loop", f"weights is {shown}, yet from the blind guess with α = "
                        f"{alpha:g} the loop {happens}: were these weights made with another α? "
                        "Run the loop's cell after setting learning_rate, then this one.")
        if reaches:
            raise Wrong("the loop", f"after the loop W = {shown}, but with α = {alpha:g} nnlib's "
                        f"loop reaches (0.5, 0.9, 1.2) in {STEPS} updates from the blind guess: "
                        f"is the loop as given (it starts from guess.copy(), makes {STEPS} "
                        "updates, each W ← W − α ∇E)? Run its cell again, then this one.")
        curvatures = 2 * table.inputs.T @ table.inputs / len(table.inputs)
        lowest, highest = np.linalg.eigvalsh(curvatures)[[0, -1]]
        if alpha > 2 / (lowest + highest):  # past the fastest α: each step overshoots
            raise Wrong("the loop", f"after {STEPS} updates W = {shown}, not yet within 0.0005 "
                        f"of (0.5, 0.9, 1.2): α = {alpha:g} is close to the limit, about 0.015, "
                        "so every step overshoots the bottom and the weights rock from side to "
                        "side, settling slowly. Try 0.001.")
        raise Wrong("the loop", f"after {STEPS} updates W = {shown}, not yet within 0.0005 of "
                    f"(0.5, 0.9, 1.2): α = {alpha:g} makes steps too small for {STEPS} updates to "
                    "get there. Try 0.001.")

    def ready(self, predict, mean_squared_error, gradient):
        """Stop the loop's cell before the loop, in words, if one of the functions it calls
        fails on the table (an error inside it, `...` left in it, or no numbers of the right
        shape). A function that runs but gives wrong numbers is let through: the check after
        the loop names it, and tells a wrong gradient from a wrong α."""
        table = article_table()
        inputs, targets = table.inputs, table.outputs
        tries = [("predict", predict_exercise, predict, (BLIND_GUESS.copy(), inputs.copy()),
                  (len(inputs),)),
                 ("mean_squared_error", mean_squared_error_exercise, mean_squared_error,
                  (inputs @ BLIND_GUESS, targets.copy()), ()),
                 ("gradient", gradient_exercise, gradient,
                  (BLIND_GUESS.copy(), inputs.copy(), targets.copy()), BLIND_GUESS.shape)]
        self.stopped = None
        for name, exercise, function, arguments, shape in tries:
            failure = _fails(name, exercise, function, arguments, shape)
            if failure:
                words, where, cause = failure
                inner = where.function if where is not None else name
                its_own = where is None or where.frame.f_code is getattr(function, "__code__",
                                                                         None)
                repair = name if its_own or not inner.isidentifier() else inner
                if repair != name:
                    words = words.replace("it fails on the table:", "it fails on the table, "
                                          f"inside the {inner} it calls:", 1)
                section = CHECKS[repair].section if repair in _LATER else exercise.section
                self.stopped = Wrong("the loop", f"the loop calls your {name}, and {words} "
                                     f"Repair {repair} ({section}; its check says the same), "
                                     "run its cell, then the loop's.", where)
                self.stopped.__cause__ = cause
                raise self.stopped.with_traceback(None)


def _fails(name, exercise, function, arguments, shape):
    """What is wrong when the loop calls `function` once on the table, as (words, where, the
    error raised in it), or None when it gives numbers of `shape`."""
    if function is ...:
        return "it is not written yet: it still holds `...`.", None, None
    if not callable(function):
        return f"{name} is not a function.", None, None
    try:
        with np.errstate(all="ignore"):
            result = function(*arguments)
    except Exception as error:
        if isinstance(error, (TypeError, AttributeError)) and "ellipsis" in str(error).lower():
            return ("it still holds `...` (or calls a function that does).", learners_line(error),
                    None)
        words = explain(error, name, exercise.terms)
        return f"it fails on the table: {words}", learners_line(error), error
    if result is ...:
        return "it is not written yet: it still returns `...`.", None, None
    if result is None:
        return f"it returns None: did {name} forget its `return`?", None, None
    try:
        values = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        return "it returns something that is not numbers.", None, None
    if values.shape != shape:
        wanted = "one number" if shape == () else f"shape {shape}"
        return (f"on the table it returns shape {values.shape}, where {wanted} is needed.",
                None, None)
    return None


def _guess_untouched(guess, weights):
    """Wrong if the blind guess is no longer (0.2, 1.4, 30): the loop changed it in place."""
    try:
        now = np.asarray(guess, dtype=float)
    except (TypeError, ValueError):
        now = None
    if now is not None and now.shape == BLIND_GUESS.shape and np.array_equal(now, BLIND_GUESS):
        return
    shown = np.array2string(now, precision=4) if now is not None else repr(guess)
    same = " (guess and weights are one and the same array)" if guess is weights else ""
    raise Wrong("guess", f"guess is now {shown}, no longer the blind guess [0.2 1.4 30.]{same}. "
                "Did the loop change it? After `weights = guess`, weights is another name for "
                "the same array, and `weights -= …` changes guess too, so every later run "
                "would start where this one ended. Start the loop from a copy, `weights = "
                "guess.copy()`, as given (or write `weights = weights - …`). Run the cell that "
                "makes guess (section 3) again, then the loop and this check.")


descent_loop = DescentLoop()
_LATER = ("predict", "mean_squared_error", "gradient")  # the functions later cells use


def _number(value):
    """A learner's number as short text, whatever it is."""
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return str(value)


CHECKS = dict(predict=predict_exercise, middle_layer=middle_layer,
              mean_squared_error=mean_squared_error_exercise, gradient=gradient_exercise,
              descent_loop=descent_loop)
