"""Notebook 01's exercises: a neuron's sum, the sigmoid, the bias trick, a layer, OR."""

import re

import numpy as np

from nnlib.exercises.engine import (Exercise, InTurn, NotWritten, Probe, Slip, Wrong, as_numbers,
                                    report)
from nnlib.neuron import layer_output, sigmoid

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
                "number, the three added up.", [2.0, -3.0, 2.0]),
           Slip("0.5 is the sum of the earlier example, w @ x with w = (0.4, −1, 0.3) and "
                "x = (1, 0.5, 2). This exercise has its own: w = (2, −1, 0.5), x = (1, 3, 4).",
                0.5),
           Slip("that is one product alone (2·1 or 0.5·4): the weighted sum adds all three, "
                "2·1 + (−1)·3 + 0.5·4.", 2.0),
           Slip("that is one product alone, (−1)·3: the weighted sum adds all three, "
                "2·1 + (−1)·3 + 0.5·4.", -3.0),
           Slip("that is two of the three products added up (2·1 + (−1)·3, or (−1)·3 + 0.5·4): "
                "a term is left out. Add all three.", -1.0),
           Slip("that is 2·1 + 0.5·4, with the middle term (−1)·3 left out. Add all three.",
                4.0),
           Slip("that is the average of the three products, their sum divided by 3: the "
                "weighted sum is the sum itself, not divided.", 1 / 3),
           Slip("that pairs the weights with the inputs in reverse order (0.5·1 + (−1)·3 + 2·4): "
                "the first weight goes with the first input, 2·1, and so on.", 5.5)])


def _sums():
    return [Probe({"z": np.linspace(-20, 20, 81)}, "on 81 sums from −20 to 20"),
            Probe({"z": np.array([[-2.0, 0.0, 1.5], [3.0, -0.5, 7.0]])},
                  "on a 2 × 3 table of sums"),
            Probe({"z": np.array([-800.0, -40.0, 40.0, 800.0])}, "at z = ±40 and ±800")]


sigmoid_exercise = Exercise(
    name="my_sigmoid", reference=sigmoid, parameters=("z",), probes=_sums,
    answer_functions=(sigmoid,),
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
           Slip("it is twice the sigmoid: it goes from 0 to 2, not from 0 to 1. The top of the "
                "fraction is 1: 1 / (1 + np.exp(-z)).", lambda z: 2 / (1 + np.exp(-z))),
           Slip("np.tanh is another S, but it goes from −1 to 1 and is 0 at z = 0; the sigmoid "
                "goes from 0 to 1 and is ½ at 0: 1 / (1 + np.exp(-z)).", np.tanh),
           Slip("e^z / (1 + e^z) is the sigmoid on paper, but at z = 800 e^z is too large for a "
                "float (infinite), and ∞/∞ is NaN. 1 / (1 + np.exp(-z)) never divides ∞ by ∞.",
                lambda z: np.exp(z) / (1 + np.exp(z)))])


_JOINS = ("column_stack", "hstack", "vstack", "concatenate", "append", "stack")


def _join_in(code):
    """The numpy function joining arrays on the learner's line ('np.column_stack'), or None."""
    found = re.search(r"\b(?:np|numpy)\.(" + "|".join(_JOINS) + r")\s*\(", code)
    return f"np.{found.group(1)}" if found else None


def _one_list_only(error, code):
    return (isinstance(error, TypeError) and "positional argument" in str(error)
            and _join_in(code) not in (None, "np.append"))


def _bare_arrays(error, code):
    join = _join_in(code)
    return (f"{join} takes the arrays to join as ONE list, in square brackets: "
            f"{join}([X, np.ones(len(X))]). Without the brackets the second array is read as "
            "another setting of the function, and the call fails.")


def _table_and_flat(error, code):
    return (isinstance(error, ValueError) and "same number of dimensions" in str(error)
            and _join_in(code) is not None)


def _flat_beside_table(error, code):
    join = _join_in(code)
    return (f"X is a table (rows and columns) and the ones a flat list, one per row. The sizes "
            f"agree, but {join} joins along an axis only arrays of the same "
            "kind, two tables. Make the ones a column of their own, np.ones((len(X), 1)) (two "
            "pairs of brackets: len(X) rows, 1 column), or use np.column_stack([X, "
            "np.ones(len(X))]), which takes a flat list as a column.")


def _array_of_mixed(error, code):
    return isinstance(error, ValueError) and "inhomogeneous" in str(error) and \
        re.search(r"\b(?:np|numpy)\.array\s*\(", code) is not None


def _tables():
    return [Probe({"X": np.array([[0.5, -1.0], [2.0, 0.0], [1.0, 1.0], [-3.0, 4.0]])},
                  "on a table of 4 rows and 2 columns"),
            Probe({"X": np.arange(10.0).reshape(2, 5)}, "on a table of 2 rows and 5 columns"),
            Probe({"X": np.array([[1.0, 2.0, 3.0]])}, "on a table of 1 row and 3 columns")]


add_one_input = Exercise(
    name="add_one_input", parameters=("X",), probes=_tables,
    reference=lambda X: np.column_stack([X, np.ones(len(X))]), right="",
    terms={"X": "the table, one row per example"},
    errors=[(_one_list_only, _bare_arrays), (_table_and_flat, _flat_beside_table),
            (_array_of_mixed, "np.array([...]) makes a new table from its items, and X (a "
             "table) and a list of ones do not fit together as items. Put the ones beside the "
             "table as a column: np.column_stack([X, np.ones(len(X))]).")],
    slips=[Slip("it puts the ones first. Either place would work if the bias stood at the same "
                "place among the weights; this exercise puts both last, so that the inputs keep "
                "their places 1 … n. Put the ones after the inputs.",
                lambda X: np.column_stack([np.ones(len(X)), X])),
           Slip("it adds a column of zeros. The extra input is always 1 (that 1 times the "
                "weight b gives the bias), so its column is ones: np.ones(len(X)).",
                lambda X: np.column_stack([X, np.zeros(len(X))])),
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
    errors=[(_array_of_mixed, "np.array([w, b]) does not put b after the weights: it tries to "
             "make a table of two items, the array w and the single number b, and they do not "
             "fit together. np.append(w, b) makes one flat array, the weights, then b."),
            (lambda error, code: isinstance(error, ValueError)
             and _join_in(code) == "np.concatenate" and "dimension" in str(error),
             "b is one number, not a list, and np.concatenate joins lists (arrays). Put b in "
             "brackets, np.concatenate([w, [b]]), or use np.append(w, b), which takes a "
             "single number as it is.")],
    slips=[Slip("it puts the bias first. Either place would work if the ones stood at the same "
                "place among the inputs; this exercise puts both last: the bias goes after the "
                "weights, to meet the column of ones that add_one_input puts last.",
                lambda w, b: np.append(b, w)),
           Slip("it appends −b. The bias goes in as it is: the extra input is +1, and "
                "b · 1 = b is the bias, so the last weight is b itself, np.append(w, b).",
                lambda w, b: np.append(w, -b)),
           Slip("it appends 1, the extra input, where its weight belongs: the last weight is "
                "the bias b (it meets the input 1 in the sum, b · 1 = b), np.append(w, b).",
                lambda w, b: np.append(w, 1.0)),
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
    answer_functions=(layer_output,),
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
                lambda W, x, b: sigmoid(np.sum(W * x) + b)),
           Slip("the biases enter with a minus: the sums are W @ x + b, with a plus. (If you "
                "wrote the sigmoid out, np.exp(-W @ x + b) puts the minus on W @ x alone; the "
                "whole sum needs it, np.exp(-(W @ x + b)).)",
                lambda W, x, b: sigmoid(W @ x - b)),
           Slip("it is mirrored: it falls from 1 to 0 as the sum grows. The sigmoid's exponent "
                "needs its minus sign: 1 / (1 + np.exp(-(W @ x + b))), with the sum in "
                "brackets.", lambda W, x, b: 1 / (1 + np.exp(W @ x + b))),
           Slip("np.tanh is another S, but it goes from −1 to 1; the layer asks for sigmoid "
                "neurons, which go from 0 to 1: nnlib.sigmoid(W @ x + b).",
                lambda W, x, b: np.tanh(W @ x + b)),
           Slip("it uses the step: the layer asks for sigmoid neurons, nnlib.sigmoid(W @ x + b).",
                lambda W, x, b: (W @ x + b >= 0).astype(float)),
           Slip("it adds b[0], the first neuron's bias, to every neuron: each neuron has its "
                "own, so add the whole list, W @ x + b.",
                lambda W, x, b: sigmoid(W @ x + b[0])),
           Slip("x[:, None] makes x a column, so W @ x[:, None] is a column of sums, and adding "
                "b, a flat list, to a column spreads them into a table of every sum plus every "
                "bias. Keep x flat: W @ x gives one sum per neuron, a flat list like b.",
                lambda W, x, b: sigmoid(W @ x[:, None] + b))])

bias_trick = InTurn("Right: the extra input of 1, weighted by b, gives the outputs of a neuron "
                    "with a bias, on tables of 4, 2 and 1 rows.", add_one_input, weights_with_bias)

CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


def or_gate(or_weights, or_bias):
    """Weights and a bias for OR: outputs of ½ or more at (0,1), (1,0), (1,1), below at (0,0)."""
    def verdict():
        if or_weights is ...:
            raise NotWritten
        weights = as_numbers(or_weights, "or_weights")
        bias_too = ("; if the third number is the bias, it goes in or_bias, on a line of its "
                    "own" if weights.size == 3 else "")
        if or_bias is ... and weights.size == 3:
            raise Wrong("or_weights", "or_weights holds 3 numbers, and or_bias is not written "
                        "yet. The neuron has two weights, (w1, w2), one per input; its bias goes "
                        "in or_bias, on a line of its own.")
        if or_bias is ...:
            raise NotWritten
        bias = as_numbers(or_bias, "or_bias")
        if weights.size == 2 and weights.shape != (2,):
            raise Wrong("or_weights", f"or_weights holds two numbers, but as an array of shape "
                        f"{weights.shape} (brackets inside brackets, a table): write the two "
                        "weights as one flat pair, like (1, 1).")
        if weights.shape != (2,):
            raise Wrong("or_weights", f"or_weights holds {weights.size} number"
                        f"{'s' * (weights.size != 1)}; the neuron has two inputs, so it needs two "
                        f"weights, like (1, 1){bias_too}.")
        if bias.size != 1:
            raise Wrong("or_bias", "or_bias is one number, the neuron's bias.")
        for name, value in (("or_weights", weights), ("or_bias", bias)):
            if not np.isfinite(value).all():
                shown = ", ".join(f"{v:g}" for v in value.ravel())
                raise Wrong(name, f"{name} holds ({shown}): NaN (not a number) or an infinity "
                            "has no place in a sum. Use ordinary numbers, like 1 or −0.5.")
        with np.errstate(over="ignore"):  # a sum of ±inf gives an output of 0 or 1, rightly
            outputs = 1 / (1 + np.exp(-(CORNERS @ weights + bias.item())))
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
