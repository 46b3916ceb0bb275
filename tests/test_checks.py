"""Every public entry of nnlib answers a learner's mistake in plain words.

The bad inputs are generated: each argument of each public function and explorer gets every bad
value of its kind (not a number, the wrong shape, empty, NaN, a broken function of the learner's
...). Each must raise a TypeError or ValueError from nnlib's own checks, never from inside numpy
or matplotlib, with a message that names the argument.
"""

import math
import re
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlib
from nnlib import checks
from nnlib.explorers import BackpropExplorer, DescentExplorer, NeuronExplorer, SlopeExplorer

NNLIB = Path(nnlib.__file__).parent
TABLE = nnlib.article_table()
X, Y = TABLE.inputs, TABLE.outputs
W = np.array([0.2, 1.4, 30.0])


LAYER = (np.ones((4, 3)), np.zeros(4))  # a layer of 4 neurons reading 3 inputs
OUTPUT = (np.ones((1, 4)), np.zeros(1))
NET = nnlib.new_network([2, 3, 1], seed=0)
CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR = np.array([[0], [1], [1], [0]], dtype=float)
SUMS = ["identity", "identity_derivative", "step", "step_derivative", "sigmoid",
        "sigmoid_derivative"]


def error_of(weights):
    return nnlib.mean_squared_error(nnlib.predict(weights, X), Y)


# Each public entry: its good arguments, and the kind of each (what bad values it gets).
ENTRIES = {
    "predict": (nnlib.predict, dict(weights=W, inputs=X)),
    "mean_squared_error": (nnlib.mean_squared_error, dict(predictions=X @ W, targets=Y)),
    "mse_gradient": (nnlib.mse_gradient, dict(weights=W, inputs=X, targets=Y)),
    "numerical_gradient": (nnlib.numerical_gradient,
                           dict(error=error_of, weights=W, relative_step=1e-6)),
    "check_gradient": (nnlib.check_gradient,
                       dict(gradient=nnlib.mse_gradient, inputs=X, targets=Y, weights=W,
                            predict=nnlib.predict, tolerance=1e-5)),
    "gradient_descent": (nnlib.gradient_descent,
                         dict(inputs=X, targets=Y, initial_weights=W, learning_rate=0.001,
                              steps=10, predict=nnlib.predict, gradient=nnlib.mse_gradient)),
    "article_table": (nnlib.article_table, dict(rows=6, seed=191)),
    "DescentExplorer": (DescentExplorer,
                        dict(predict=nnlib.predict, gradient=nnlib.mse_gradient, table=TABLE,
                             initial_weights=W, learning_rate=0.001, steps=10,
                             name="checks under test")),
    "neuron_output": (nnlib.neuron_output,
                      dict(weights=W, inputs=X, bias=0.5, activation=nnlib.sigmoid)),
    "layer_output": (nnlib.layer_output,
                     dict(weights=LAYER[0], inputs=X, biases=LAYER[1], activation=nnlib.sigmoid)),
    "forward": (nnlib.forward, dict(layers=[LAYER, OUTPUT], inputs=X, activation="sigmoid")),
    **{name: (getattr(nnlib, name), dict(z=X @ W)) for name in SUMS},
    "SlopeExplorer": (SlopeExplorer, dict(row=X[0], target=Y[0], held=W[:2],
                                          name="checks under test")),
    "NeuronExplorer": (NeuronExplorer, dict(activation=nnlib.sigmoid, weights=[1.0, 1.0],
                                            bias=-1.5, name="checks under test")),
    "BackpropExplorer": (BackpropExplorer, dict(learning_rate=1.0, example=(1.0, 0.0), seed=1,
                                                name="checks under test")),
    "new_network": (nnlib.new_network, dict(sizes=[2, 3, 1], seed=0, scale=1.0,
                                            output="sigmoid", cost="quadratic")),
    "forward_pass": (nnlib.forward_pass, dict(network=NET, inputs=CORNERS)),
    "network_output": (nnlib.network_output, dict(network=NET, inputs=CORNERS)),
    "cost": (nnlib.cost, dict(network=NET, inputs=CORNERS, targets=XOR)),
    "accuracy": (nnlib.accuracy, dict(network=NET, inputs=CORNERS, targets=XOR)),
    "check_backward": (nnlib.check_backward, dict(backward=nnlib.backward_pass, network=NET,
                                                  inputs=CORNERS, targets=XOR)),
    "update": (nnlib.update, dict(network=NET, inputs=CORNERS, targets=XOR, learning_rate=1.0,
                                  backward=nnlib.backward_pass, weight_decay=0.1, examples=None)),
    "train": (nnlib.train, dict(network=NET, inputs=CORNERS, targets=XOR, epochs=2,
                                learning_rate=1.0, batch_size=2, test=(CORNERS, XOR), seed=0,
                                backward=nnlib.backward_pass, weight_decay=0.1,
                                measure_training=True, on_epoch=lambda epoch, history: None)),
    "softmax": (nnlib.softmax, dict(z=CORNERS)),
    "one_hot": (nnlib.one_hot, dict(labels=[0, 2, 1], classes=3)),
}
FUNCTIONS = {"predict": ("weights", "inputs"), "gradient": ("weights", "inputs", "targets"),
             "error": ("weights",), "activation": ("z",),
             "backward": ("network", "sums", "activations", "targets")}
NUMBERS = {"learning_rate": "learning rate", "relative_step": "relative_step",
           "tolerance": "tolerance", "scale": "scale"}
COUNTS = {"steps": "number of steps", "rows": "rows", "seed": "seed", "epochs": "epochs",
          "batch_size": "batch_size", "classes": "classes", "examples": "examples",
          "measure_training": "measure_training"}
# How a message names each argument, where that is not its own name.
SAID = {**NUMBERS, **COUNTS, "initial_weights": "initial_weights", "target": "target",
        "held": "held", "layers": "layers", "z": "z"}
ONE_ROW = {"inputs"}  # a flat list is a row here, not a mistake
DEFAULTS_NONE = {"DescentExplorer": {"table", "name"}, "SlopeExplorer": {"row", "target", "name"},
                 "NeuronExplorer": {"name"}, "update": {"examples"}, "train": {"on_epoch"}}


def not_numbers(good):
    """Values that are no numbers at all, and lists with one entry that is not."""
    values = {"None": None, "text": "abc", "dict": {"a": 1}, "True": True, "complex": 1 + 2j,
              "a set": {1.0, 2.0}, "a generator": (v for v in [1.0])}
    flat = np.ravel(good)
    if np.ndim(good):
        for name, entry in [("None", None), ("text", "1.5"), ("True", True), ("complex", 2j)]:
            bad = flat.tolist()
            bad[-1] = entry
            values[f"list with {name}"] = bad
        values["text array"] = flat.astype(str)
        values["bool array"] = flat > 0
        values["complex array"] = flat.astype(complex)
    return values


def wrong_arrays(argument, good):
    """The right kind of value in the wrong shape or with values that are no ordinary numbers."""
    good = np.asarray(good, dtype=float)
    values = {"empty": [], "NaN": np.where(good == good, np.nan, 0.0),
              "inf": np.full_like(good, np.inf), "-inf": np.full_like(good, -np.inf)}
    if good.ndim == 1:
        values["one more"] = np.append(good, 1.0)
        if len(good) > 1:
            values["one fewer"] = good[:-1]
        values["column"] = good[:, None]
        values["3-D"] = good[None, None, :]
    if good.ndim == 2:
        values["ragged"] = [list(good[0]), list(good[1][:-1])]
        values["a column too few"] = good[:, :-1]
        values["3-D"] = good[None]
    return values


def broken_functions(parameters):
    n = len(parameters)
    shape_of = {"predict": lambda w, x: np.atleast_2d(x)[:, 0].shape,
                "gradient": lambda w, x, y: np.shape(w), "error": lambda w: ()}
    return {
        "not callable": 42,
        "text": "my function",
        "one parameter too few": eval(f"lambda {', '.join(parameters[:-1])}: 0.0"),
        "one parameter too many": eval(f"lambda {', '.join(parameters)}, extra: 0.0"),
        "returns None": eval(f"lambda {', '.join(parameters)}: None"),
        "returns text": eval(f"lambda {', '.join(parameters)}: 'abc'"),
        "returns NaN": eval(f"lambda {', '.join(parameters)}: np.full({n} and 3, np.nan)"),
        "returns a dict": eval(f"lambda {', '.join(parameters)}: {{'a': 1}}"),
        "returns the wrong shape": eval(f"lambda {', '.join(parameters)}: np.zeros((2, 7))"),
    }, shape_of


def cases():
    for entry, (function, good) in ENTRIES.items():
        for argument, value in good.items():
            if argument in ("name",):
                bads = {"number": 42, "list": ["a"]}
            elif argument == "table":
                bads = {"dict": {"inputs": X}, "list": [1, 2, 3], "array": X}
            elif argument in FUNCTIONS:
                bads, _ = broken_functions(FUNCTIONS[argument])
                if argument == "activation":  # text names one of nnlib's activations
                    bads["unknown name"] = bads.pop("text")
            elif argument in ("output", "cost"):  # one of nnlib's names
                bads = {"unknown name": "relu", "None": None, "number": 3, "list": ["softmax"]}
            elif argument == "on_epoch":  # called after each epoch; what it returns is not used
                bads = {"not callable": 42, "text": "plot",
                        "one parameter too few": lambda epoch: None,
                        "one parameter too many": lambda epoch, history, extra: None}
            elif argument == "weight_decay":  # λ ≥ 0: zero is no decay
                bads = {"negative": -0.1, "NaN": math.nan, "inf": math.inf, "text": "0.1",
                        "None": None, "True": True, "complex": 1j, "list": [0.1]}
            elif argument == "bias":
                bads = {"NaN": math.nan, "inf": -math.inf, "text": "0.1", "None": None,
                        "True": True, "complex": 1j, "list": [0.1]}
            elif argument == "layers":
                bads = {"None": None, "number": 3, "empty": [], "one array": LAYER[0],
                        "not pairs": [LAYER[0], OUTPUT[0]], "a triple": [(*LAYER, 0)],
                        "sizes that do not chain": [LAYER, (np.ones((1, 3)), np.zeros(1))],
                        "too few biases": [(LAYER[0], np.zeros(3)), OUTPUT],
                        "vector weights": [(np.ones(3), np.zeros(1))],
                        "text weights": [(np.full((4, 3), "a"), LAYER[1])],
                        "NaN biases": [(LAYER[0], np.full(4, np.nan))]}
            elif argument == "network":
                bads = {"None": None, "dict": {"weights": []}, "list": [np.ones((3, 2))],
                        "layers that do not chain": nnlib.Network(
                            [np.ones((3, 2)), np.ones((1, 2))], [np.ones(3), np.ones(1)]),
                        "too few biases": nnlib.Network([np.ones((3, 2))], [np.ones(2)]),
                        "NaN weights": nnlib.Network([np.full((1, 2), np.nan)], [np.ones(1)])}
            elif argument == "sizes":
                bads = {"None": None, "number": 3, "text": "2-3-1", "one layer": [2],
                        "zero neurons": [2, 0, 1], "float": [2, 2.5, 1],
                        "far too many": [2, 10**6, 1]}
            elif argument == "test":
                bads = {"number": 42, "a triple": (CORNERS, XOR, XOR),
                        "a column too few": (CORNERS[:, :1], XOR)}
            elif argument == "z":
                bads = {**not_numbers(value), "empty": [], "NaN": [0.0, np.nan],
                        "inf": [np.inf]}
            elif argument in NUMBERS:
                bads = {"zero": 0, "negative": -1e-3, "NaN": math.nan, "inf": math.inf,
                        "text": "0.1", "None": None, "True": True, "complex": 1j, "list": [0.1]}
            elif argument in COUNTS:
                bads = {"negative": -1, "float": 2.5, "float with .0": 10.0, "text": "10",
                        "None": None, "True": True, "far too many": 10**12}
                if argument == "seed":
                    del bads["far too many"]  # any whole number from 0 up is a seed
                else:
                    bads["zero"] = 0
                if argument == "measure_training":  # True or False, or how many to measure
                    del bads["True"]
            else:
                bads = {**not_numbers(value), **wrong_arrays(argument, value)}
                if argument in ONE_ROW:
                    bads.pop("3-D", None)
                    bads["a flat row too long"] = np.ones(7)
                if argument == "labels":  # any number of labels will do
                    del bads["one more"], bads["one fewer"]
            if argument in DEFAULTS_NONE.get(entry, ()):
                bads.pop("None", None)  # None asks for the default
            for bad_name, bad in bads.items():
                error = ValueError if bad_name in WRONG_VALUES else TypeError
                yield pytest.param(function, good, argument, bad, error,
                                   id=f"{entry}-{argument}-{bad_name}")


# The right kind of thing with a wrong value is a ValueError; the wrong kind, a TypeError.
WRONG_VALUES = {"zero", "negative", "NaN", "inf", "-inf", "empty", "one more", "one fewer",
                "column", "3-D", "ragged", "a column too few", "a flat row too long",
                "far too many", "returns None", "returns text", "returns NaN", "returns a dict",
                "returns the wrong shape", "unknown name", "sizes that do not chain",
                "too few biases", "vector weights", "NaN biases", "layers that do not chain",
                "NaN weights", "one layer", "zero neurons"}


def names_argument(message, argument):
    said = SAID.get(argument, argument)
    return said in message


@pytest.mark.parametrize("function, good, argument, bad, error", list(cases()))
def test_every_bad_argument_gets_a_clear_error_from_nnlib(function, good, argument, bad, error):
    arguments = dict(good, **{argument: bad})
    open_before = len(plt.get_fignums())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy warning on the way, no divergence either
        with pytest.raises((TypeError, ValueError)) as raised:
            function(**arguments)
    message = str(raised.value)
    assert issubclass(raised.type, error), f"{raised.typename} where a {error.__name__} fits: {message}"
    assert names_argument(message, argument), f"the message does not name {argument}: {message}"
    innermost = Path(raised.traceback[-1].path)
    assert NNLIB in innermost.parents, (
        f"raised from {innermost}, not by nnlib's checks: {raised.typename}: {message}")
    assert not re.search(r"broadcast|matmul|could not convert|ufunc|dtype", message), message
    assert len(plt.get_fignums()) == open_before, "a refused explorer left a figure open"


@pytest.mark.parametrize("entry", list(ENTRIES))
def test_the_good_arguments_pass(entry):
    function, good = ENTRIES[entry]
    function(**good)


def test_numpy_numbers_and_lists_are_good_arguments():
    history = nnlib.gradient_descent(X.tolist(), list(Y), [0.2, 1.4, 30], np.float64(0.001),
                                     np.int64(10))
    assert len(history.errors) == 11
    assert nnlib.predict([1, 2, 3], [1.0, 1.0, 1.0]) == 6


# The particular mistakes the learners made

def test_a_column_of_predictions_is_refused_not_broadcast_into_a_6_by_6_error():
    with pytest.raises(ValueError, match=r"predictions has shape \(6, 1\), a column.*ravel"):
        nnlib.mean_squared_error((X @ W)[:, None], Y)


@pytest.mark.parametrize("value", [None, [0.2, None, 30.0]])
def test_none_is_called_none_not_nan(value):
    with pytest.raises(TypeError, match="None") as raised:
        nnlib.predict(value, X)
    assert "NaN" not in str(raised.value)


def test_a_tolerance_of_zero_is_refused_instead_of_calling_identical_slopes_off():
    with pytest.raises(ValueError, match="tolerance must be a positive number"):
        nnlib.check_gradient(nnlib.mse_gradient, X, Y, W, tolerance=0)


def test_a_one_input_table_written_flat_gets_a_hint():
    with pytest.raises(ValueError, match=r"reshape\(-1, 1\)"):
        nnlib.predict([0.5], [1.0, 2.0, 3.0])


@pytest.mark.parametrize("call, limit", [
    (lambda: nnlib.gradient_descent(X, Y, W, 0.001, 10**9), "100,000"),
    (lambda: nnlib.article_table(rows=10**9), "10,000"),
    (lambda: nnlib.numerical_gradient(np.sum, np.zeros(10**6)), "100,000"),
])
def test_sizes_no_lesson_needs_are_refused_at_once_with_the_limit_and_why(call, limit):
    with pytest.raises(ValueError, match=f"at most {limit}|more than the {limit}") as raised:
        call()
    assert ":" in str(raised.value).split(limit, 1)[1], "the message should say why"


def test_an_error_that_starts_infinite_is_refused_not_called_a_divergence():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="error at the starting weights overflows.*Scale"):
            nnlib.gradient_descent(X * 1e200, Y, W, 0.001, 10)


def test_nnlibs_own_overflow_is_not_blamed_on_your_gradient():
    # The error, (1e154)², still fits in a float; its slope, 2·1e154·1e154, does not.
    inputs, targets = [[1e154, 0.0, 0.0]], [0.0]
    assert np.isfinite(nnlib.mean_squared_error(nnlib.predict([1.0, 0, 0], inputs), targets))
    with pytest.raises(ValueError, match="too large") as raised:
        nnlib.gradient_descent(inputs, targets, [1.0, 0.0, 0.0], 0.001, 10)
    assert "your" not in str(raised.value)


@pytest.mark.parametrize("call", [
    lambda: nnlib.mean_squared_error([1e200], [0.0]),
    lambda: nnlib.predict([1e200, 1e200], [1e200, 1.0]),
    lambda: nnlib.mse_gradient([1e307, 1e307, 1e307], X, Y),
], ids=["error", "predict", "gradient"])
def test_overflow_is_reported_in_words_not_returned_as_inf(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="overflowed: the numbers are too large"):
            call()


def test_a_wrong_number_of_arguments_names_the_parameters():
    with pytest.raises(TypeError, match=r"predict\(weights, inputs\): missing .*'inputs'"):
        nnlib.predict(W)


# The learner's own functions, tried once

def forgot_return(weights, inputs):
    inputs @ weights


@pytest.mark.parametrize("predict, message", [
    (forgot_return, r"your predict returned None: did you forget `return`\?"),
    (lambda weights, inputs: np.sum(inputs @ weights), "one number, .* per row is needed, 6 in"),
    (lambda weights, inputs: (inputs @ weights)[:, None], r"shape \(6, 1\).*\.ravel\(\)"),
    (lambda weights, inputs: ["a"] * 6, "returned the text 'a'"),
    (lambda weights, inputs: inputs @ weights / 0.0 * 0.0, "NaN"),
    (lambda weights: weights, r"defined as predict\(weights\).* give it 2 parameters"),
    (np.ones(3), "predict must be a function"),
], ids=["forgot return", "one number", "column", "text", "NaN", "one parameter",
        "not a function"])
def test_a_learners_broken_predict_is_named_with_what_it_returned(predict, message):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # their 0/0, not ours
        with pytest.raises((TypeError, ValueError), match=message):
            nnlib.gradient_descent(X, Y, W, 0.001, 10, predict=predict)


def test_an_error_inside_the_learners_function_reaches_them_unchanged_with_a_note():
    def gradient(weights, inputs, targets):
        return weights / 0 if isinstance(weights, int) else {}["missing key"]

    with pytest.raises(KeyError, match="missing key") as raised:
        nnlib.gradient_descent(X, Y, W, 0.001, 10, gradient=gradient)
    assert raised.traceback[-1].name == "gradient", "their own line is where it points"
    assert "raised inside your gradient" in "".join(raised.value.__notes__)


def test_the_checks_run_once_per_call_not_once_per_step(monkeypatch):
    calls = []
    original = checks.weights_and_inputs
    monkeypatch.setattr(checks, "weights_and_inputs",
                        lambda *a, **k: calls.append(1) or original(*a, **k))
    nnlib.gradient_descent(X, Y, W, 0.001, 10)
    few = len(calls)
    calls.clear()
    nnlib.gradient_descent(X, Y, W, 0.001, 2000)
    assert len(calls) == few <= 2


# A run gone wrong blames the gradient before α

def scaled(factor):
    def gradient(weights, inputs, targets):
        return factor * nnlib.mse_gradient(weights, inputs, targets)
    return gradient


def test_a_flipped_gradient_is_named_not_blamed_on_alpha():
    with pytest.warns(nnlib.DivergenceWarning) as caught:
        history = nnlib.gradient_descent(X, Y, W, 0.001, 2000, gradient=scaled(-1.0))
    message = str(caught[0].message)
    assert "sign is flipped" in message and "not α" in message
    assert "smaller" not in message
    assert history.diverged_at is not None and "sign is flipped" in history.gradient_slip
    assert "the gradient is wrong" in history.status


def test_a_halved_gradient_is_named_when_the_run_ends_short():
    history = nnlib.gradient_descent(X, Y, W, 0.001, 300, gradient=scaled(0.5))
    assert history.diverged_at is None
    assert "Half the true size" in history.gradient_slip
    assert "Half the true size" in history.status


def test_a_right_gradient_leaves_the_blame_on_alpha():
    with pytest.warns(nnlib.DivergenceWarning, match="learning rate smaller than"):
        history = nnlib.gradient_descent(X, Y, W, 0.05, 2000)
    assert history.gradient_slip is None
    assert nnlib.gradient_descent(X, Y, W, 0.001, 10).gradient_slip is None


def test_the_diagnosis_uses_the_learners_predict_for_the_true_slopes():
    def predict_twice(weights, inputs):  # a different model: nnlib's gradient is not its slope
        return 2 * (inputs @ weights)

    history = nnlib.gradient_descent(X, Y, W, 0.0001, 50, predict=predict_twice)
    assert history.gradient_slip is not None
    history = nnlib.gradient_descent(X, Y, W, 0.0001, 50, predict=predict_twice,
                                     gradient=lambda w, x, y: 2 * nnlib.mse_gradient(2 * w, x, y))
    assert history.gradient_slip is None


# Explorers

@pytest.mark.parametrize("explorer", [DescentExplorer, SlopeExplorer])
def test_an_explorer_tries_a_learners_function_before_making_its_figure(explorer):
    open_before = len(plt.get_fignums())
    arguments = ({"predict": forgot_return} if explorer is DescentExplorer else {"held": [None, 1]})
    with pytest.raises((TypeError, ValueError), match="None"):
        explorer(**arguments)
    assert len(plt.get_fignums()) == open_before
