"""Notebook 01's exercises: a neuron's sum, the sigmoid, the bias trick, a layer, OR."""

import numpy as np

from nnlib.exercises.engine import Exercise, InTurn, NotWritten, Probe, Slip, Wrong, as_numbers, report
from nnlib.neuron import layer_output, neuron_output, sigmoid

weighted_sum = Exercise(
    name="my_z", reference=1.0,
    right="Right: z = 2·1 + (−1)·3 + 0.5·4 = 2 − 3 + 2 = 1.",
    not_written="my_z is not written yet: replace the ... with your number.",
    slips=[Slip("the weight −1 was taken as +1. A negative weight subtracts its input: "
                "(−1)·3 = −3.", 7.0),
           Slip("that is the inputs added up without their weights: multiply each input by its "
                "weight first.", 8.0),
           Slip("that is the weights added up: multiply each input by its weight, then add the "
                "products.", 1.5),
           Slip("those are the three products, 2·1, (−1)·3 and 0.5·4: the weighted sum is one "
                "number, the three added up.", [2.0, -3.0, 2.0])])


def _sums():
    return [Probe({"z": np.linspace(-20, 20, 81)}, "on 81 sums from −20 to 20"),
            Probe({"z": np.array([[-2.0, 0.0, 1.5], [3.0, -0.5, 7.0]])}, "on a 2 × 3 table of sums"),
            Probe({"z": np.array([-800.0, -40.0, 40.0, 800.0])}, "at z = ±40 and ±800")]


sigmoid_exercise = Exercise(
    name="my_sigmoid", reference=sigmoid, parameters=("z",), probes=_sums,
    right="Right: my_sigmoid is ½ at 0 and agrees with nnlib.sigmoid from −800 to 800, on a "
          "list of sums and on a table of them.",
    slips=[Slip("it is mirrored: it falls from 1 to 0. The exponent needs its minus sign, "
                "np.exp(-z).", lambda z: 1 / (1 + np.exp(z))),
           Slip("it returns e^(−z) alone: the sigmoid is 1 / (1 + e^(−z)).",
                lambda z: np.exp(-z)),
           Slip("it returns 1 + e^(−z), the denominator. If you wrote 1 / 1 + np.exp(-z), "
                "Python divides first: put the denominator in brackets, 1 / (1 + np.exp(-z)).",
                lambda z: 1 + np.exp(-z)),
           Slip("it has a minus where the plus belongs: 1 / (1 + e^(−z)).",
                lambda z: 1 / (1 - np.exp(-z))),
           Slip("e^z / (1 + e^z) is the sigmoid on paper, but at z = 800 e^z is too large for a "
                "float (infinite), and ∞/∞ is NaN. 1 / (1 + np.exp(-z)) never divides ∞ by ∞.",
                lambda z: np.exp(z) / (1 + np.exp(z)))])


def _tables():
    return [Probe({"X": np.array([[0.5, -1.0], [2.0, 0.0], [1.0, 1.0], [-3.0, 4.0]])},
                  "on a table of 4 rows and 2 columns"),
            Probe({"X": np.arange(10.0).reshape(2, 5)}, "on a table of 2 rows and 5 columns"),
            Probe({"X": np.array([[1.0, 2.0, 3.0]])}, "on a table of 1 row and 3 columns")]


add_one_input = Exercise(
    name="add_one_input", parameters=("X",), probes=_tables,
    reference=lambda X: np.column_stack([X, np.ones(len(X))]), right="",
    terms={"X": "the table, one row per example"},
    slips=[Slip("it puts the ones first; put them last, after the inputs, where "
                "weights_with_bias puts the bias.",
                lambda X: np.column_stack([np.ones(len(X)), X])),
           Slip("np.append without axis= flattens the table into one long list. Put the ones "
                "beside the table: np.column_stack([X, np.ones(len(X))]).",
                lambda X: np.append(X, np.ones(len(X)))),
           Slip("it adds a row of ones under the table; the ones are a column, one per row: "
                "np.column_stack([X, np.ones(len(X))]).",
                lambda X: np.vstack([X, np.ones(X.shape[1])])),
           Slip("it replaces the last input with the ones; keep every input and add the ones "
                "beside them.", lambda X: np.column_stack([X[:, :-1], np.ones(len(X))]))])


def _weights_and_bias():
    return [Probe({"w": np.array([0.4, -1.0]), "b": 0.3}, "with 2 weights and b = 0.3"),
            Probe({"w": np.array([1.5, 0.0, -2.0, 0.5, 1.0]), "b": -1.2},
                  "with 5 weights and b = −1.2")]


weights_with_bias = Exercise(
    name="weights_with_bias", parameters=("w", "b"), probes=_weights_and_bias,
    reference=lambda w, b: np.append(w, b), right="",
    slips=[Slip("it puts the bias first; it goes last, to meet the column of ones that "
                "add_one_input puts last.", lambda w, b: np.append(b, w)),
           Slip("it adds b to every weight; the bias is one more weight, appended after them: "
                "np.append(w, b).", lambda w, b: w + b),
           Slip("it returns the weights alone: append the bias, np.append(w, b).",
                lambda w, b: w)])


def _layers():
    rng = np.random.default_rng(1)
    return [Probe({"W": np.array([[1.0, -2.0], [0.5, 0.5], [-1.0, 3.0]]),
                   "x": np.array([2.0, 1.0]), "b": np.array([0.1, -0.4, 0.3])},
                  "for 3 neurons reading 2 inputs"),
            Probe({"W": rng.normal(size=(2, 5)), "x": rng.normal(size=5), "b": rng.normal(size=2)},
                  "for 2 neurons reading 5 inputs"),
            Probe({"W": np.array([[0.5, -1.0, 2.0]]), "x": np.array([1.0, 2.0, 0.5]),
                   "b": np.array([0.25])}, "for 1 neuron reading 3 inputs")]


layer = Exercise(
    name="my_layer", reference=layer_output, parameters=("W", "x", "b"), probes=_layers,
    right="Right: my_layer gives every neuron's output at once, as nnlib.layer_output does, for "
          "layers of 3, 2 and 1 neurons.",
    terms={"W": "one row per neuron, one column per input", "x": "the inputs",
           "b": "one bias per neuron"},
    slips=[Slip("it returns the weighted sums W @ x + b: pass them through the sigmoid.",
                lambda W, x, b: W @ x + b),
           Slip("it leaves out the biases: add b to W @ x before the sigmoid.",
                lambda W, x, b: sigmoid(W @ x)),
           Slip("it adds the biases after the sigmoid: they belong inside, sigmoid(W @ x + b).",
                lambda W, x, b: sigmoid(W @ x) + b),
           Slip("it multiplies number by number and adds up everything: each neuron has its own "
                "sum, one row of W times x, which W @ x gives for all rows at once.",
                lambda W, x, b: sigmoid(np.sum(W * x) + b))])

bias_trick = InTurn("Right: the extra input of 1, weighted by b, gives the outputs of a neuron "
                    "with a bias, on tables of 4, 2 and 1 rows.", add_one_input, weights_with_bias)

CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def or_gate(or_weights, or_bias):
    """Weights and a bias for OR: outputs of ½ or more at (0,1), (1,0), (1,1), below at (0,0)."""
    def verdict():
        if or_weights is ... or or_bias is ...:
            raise NotWritten
        weights, bias = as_numbers(or_weights, "or_weights"), as_numbers(or_bias, "or_bias")
        if weights.shape != (2,):
            raise Wrong("or_weights", f"or_weights is {weights.size} number"
                        f"{'s' * (weights.size != 1)}; the neuron has two inputs, so it needs two "
                        "weights, like (1, 1).")
        if bias.size != 1:
            raise Wrong("or_bias", "or_bias is one number, the neuron's bias.")
        outputs = neuron_output(weights, CORNERS, bias.item())
        said, wanted = outputs >= 0.5, np.array([False, True, True, True])
        if (said == wanted).all():
            return
        wrong = [f"({x1:.0f}, {x2:.0f}) gives {a:.2f}, where OR says {int(t)}"
                 for (x1, x2), a, s, t in zip(CORNERS, outputs, said, wanted) if s != t]
        if (said == [False, False, False, True]).all():
            hint = ("that neuron computes AND, not OR: one input alone must already be enough, "
                    "w1 + b ≥ 0 and w2 + b ≥ 0, while the bias alone stays below 0")
        elif said[0]:
            hint = "at (0, 0) the sum is the bias alone, so the bias must be negative"
        else:
            hint = ("at (0, 1) the sum is w2 + b and at (1, 0) it is w1 + b: for OR each weight "
                    "alone must outweigh the bias, w1 + b ≥ 0 and w2 + b ≥ 0")
        raise Wrong("OR", "; ".join(wrong) + ". Hint: " + hint + ".")

    report(verdict, "Right: your neuron says 1 for (0, 1), (1, 0) and (1, 1), and 0 for (0, 0).",
           "or_weights or or_bias is not written yet: replace the ... with numbers.")


CHECKS = dict(weighted_sum=weighted_sum, sigmoid=sigmoid_exercise, bias_trick=bias_trick,
              layer=layer, or_gate=or_gate)
