"""Argument checks with messages in plain words, used wherever nnlib is entered.

A learner meets nnlib mostly through its errors, so every message names the argument, says what
was expected and what was given, and how to fix it. The math modules stay free of checks: a public
function is wrapped by `checked(rule)`, where the rule checks and tidies its arguments, and loops
call the function underneath (`function.unchecked`), so the checks cost nothing per step.

This module sits beneath the math: it imports numpy and the standard library, no other part of
nnlib. What a rule needs from the math (the activations by name, the Network class, the forward
pass) the math module hands it: `checked(rule, Network=Network)` passes it to the rule.
"""

import functools
import inspect
import warnings
from functools import partial
from numbers import Integral, Real

import numpy as np

# Sizes that no lesson needs, refused so that no call can hang a kernel or fill its memory.
MOST_ROWS = 10_000  # rows of a made-up table
MOST_STEPS = 100_000  # updates of one descent: about a second, and a few MB of history
MOST_WEIGHTS = 100_000  # finite differences evaluate the error twice per weight


class DivergenceWarning(UserWarning):
    """A run blew up: the learning rate is too large, or a learner's function is wrong."""


class Diverged(Exception):
    """Raised by a loop's watcher to stop the loop: `checked` warns with `words` and returns
    `result`, the history up to the step that blew up."""

    def __init__(self, words, result):
        super().__init__(words)
        self.words, self.result = words, result


def checked(rule, **given):
    """Decorate a function so that `rule(**arguments, **given)` checks and tidies its arguments
    first, and a result made infinite or NaN by overflow is reported in words, not returned.
    `given` is what the rule needs from the module of the function, which this one cannot import."""

    def decorate(function):
        signature = inspect.signature(function)

        @functools.wraps(function)
        def entry(*args, **kwargs):
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as error:
                raise TypeError(f"{function.__name__}{signature}: {error}") from None
            bound.apply_defaults()
            arguments = rule(**bound.arguments, **given)
            try:
                with np.errstate(over="ignore", invalid="ignore"):
                    result = function(**arguments)
            except Diverged as stop:
                warnings.warn(stop.words, DivergenceWarning, stacklevel=2)
                return stop.result
            if not _finite(result):
                raise ValueError(f"{function.__name__} overflowed: {too_large(arguments)}")
            return result

        entry.unchecked = function
        return entry

    return decorate


def _finite(result):
    """Whether a result holds no NaN or infinity: a number, an array, or lists of arrays."""
    if isinstance(result, (float, np.floating, np.ndarray)):
        return bool(np.isfinite(result).all())
    if isinstance(result, (list, tuple)):
        return all(_finite(part) for part in result)
    return True


def unchecked(function):
    """nnlib's function without its entry checks, for use inside a loop; any other as it is."""
    return getattr(function, "unchecked", function)


def too_large(arguments):
    sizes = [f"{name} up to {np.abs(value).max():.3g}" for name, value in arguments.items()
             if isinstance(value, np.ndarray) and value.size]
    return (f"the numbers are too large to compute with ({', '.join(sizes)}): beyond about "
            "1e308 a float is infinite. Scale them down, for example divide them by 1000")


# Numbers

def numbers(values, name):
    """`values` as an array of floats, or an error naming `name` that says what is wrong."""
    if not (isinstance(values, np.ndarray) and values.dtype.kind in "iuf"):
        problem = _first_non_number(values)
        if problem and problem[0]:
            where, what = problem
            raise TypeError(f"{name}{where} is {what}, not a number: every entry of {name} "
                            "must be a number")
        if problem:
            raise TypeError(f"{name} must be a number or a list of numbers, like "
                            f"[0.2, 1.4, 30]; got {problem[1]}")
    try:
        array = np.asarray(values, dtype=float)
    except ValueError:  # lists of different lengths
        raise ValueError(f"{name} has rows of different lengths: give every row the same "
                         "number of values") from None
    except TypeError:
        raise TypeError(f"{name} must be numbers, got {_short(values)}") from None
    if array.size == 0:
        raise ValueError(f"{name} is empty: give at least one number")
    bad = ~np.isfinite(array)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        what = "NaN (not a number)" if np.isnan(array[where]) else "infinite"
        position = f"[{', '.join(map(str, where))}]" if where else ""
        raise ValueError(f"{name}{position} is {what}: replace it with an ordinary number")
    return array


def _first_non_number(values, where=""):
    """(where, what) for the first entry of `values` that is no real number, else None."""
    if isinstance(values, np.ndarray):
        if values.dtype.kind in "iuf":
            return None
        values = values.tolist()  # text, True/False, complex...: found entry by entry below
    if isinstance(values, (list, tuple)):
        for index, value in enumerate(values):
            problem = _first_non_number(value, f"{where}[{index}]")
            if problem:
                return problem
        return None
    if values is None:
        return where, "None"
    if isinstance(values, (bool, np.bool_)):
        return where, f"{values}, a yes/no value"
    if isinstance(values, (str, bytes)):
        return where, f"the text {values!r}"
    if isinstance(values, (complex, np.complexfloating)):
        return where, f"the complex number {values}"
    if isinstance(values, Real):
        return None
    return where, _short(values)


def _short(value):
    """A value as a learner would recognise it: its kind and the start of its repr."""
    if isinstance(value, str):
        return repr(value)
    text = " ".join(repr(value).split())
    text = text if len(text) <= 60 else text[:57] + "..."
    kind = type(value).__name__
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} ({text})"


def _count(n, thing):
    return f"{n} {thing}{'' if n == 1 else 's'}"


def flat(array, name, what="numbers"):
    """A flat array; a column or a row of a table is named as such, with how to flatten it."""
    if array.ndim == 1:
        return array
    if array.ndim == 0:
        return array.reshape(1)
    if array.ndim == 2 and 1 in array.shape:
        shape = "a column" if array.shape[1] == 1 else "a row of a table"
        raise ValueError(f"{name} has shape {array.shape}, {shape}; it must be a flat list of "
                         f"{what}, shape ({array.size},). `.ravel()` flattens it")
    raise ValueError(f"{name} has shape {array.shape}; it must be a flat list of {what}")


def number(value, name, example):
    """A real number (not text, None, True/False or complex), as a float."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, like {example}; got {_short(value)}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be an ordinary number, like {example}; got {value}")
    return float(value)


def positive_number(value, name, example, below=None):
    value = number(value, name, example)
    if not (np.isfinite(value) and value > 0) or (below is not None and value >= below):
        limit = f" and below {below:g}" if below is not None else ""
        raise ValueError(f"{name} must be a positive number{limit}, got {value:g}: "
                         f"try {example}")
    return value


def whole_number(value, name, least, most, why):
    """A whole number from `least` to `most`; `why` says what the upper limit protects."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Integral):
        if isinstance(value, float) and value.is_integer():
            hint = f": write {int(value)}, without the point"
        else:
            hint = ""
        raise TypeError(f"{name} must be a whole number, got {_short(value)}{hint}")
    if value < least:
        raise ValueError(f"{name} must be at least {least}, got {value}")
    if value > most:
        raise ValueError(f"{name} must be at most {most:,}, got {value:,}: {why}")
    return int(value)


# The pieces of a problem: a table of inputs, its targets, and the weights

def weights_and_inputs(weights, inputs, weights_name="weights", inputs_name="inputs"):
    """Weights as (n,), and inputs as one row (n,) or a table (rows, n), one weight per input."""
    weights = flat(numbers(weights, weights_name), weights_name, "weights, one per input")
    inputs = numbers(inputs, inputs_name)
    if inputs.ndim == 0 or inputs.ndim > 2:
        raise ValueError(f"{inputs_name} has shape {inputs.shape}: give one row of {len(weights)} "
                         f"numbers, or a table with {len(weights)} numbers in each row")
    per_row = inputs.shape[-1]
    if per_row != len(weights):
        rows = (f"{inputs_name} is one row of" if inputs.ndim == 1 else
                f"each row of {inputs_name} has")
        hint = (f" If these are {per_row} rows of one input each, make inputs a column: "
                f"{inputs_name}.reshape(-1, 1)" if inputs.ndim == 1 and len(weights) == 1 else "")
        raise ValueError(f"{rows} {_count(per_row, 'number')}, but {weights_name} has "
                         f"{len(weights)}: "
                         f"give one weight per input.{hint}")
    return weights, inputs


def problem(inputs, targets, weights, names=("inputs", "targets", "weights")):
    """Inputs as a table (rows, n), targets (rows,) and weights (n,), or what is wrong."""
    inputs_name, targets_name, weights_name = names
    weights, inputs = weights_and_inputs(weights, inputs, weights_name, inputs_name)
    inputs = np.atleast_2d(inputs)  # one row is a table of one row
    targets = flat(numbers(targets, targets_name), targets_name, "targets, one per row")
    if len(targets) != len(inputs):
        raise ValueError(f"there are {len(inputs)} rows of {inputs_name} but {len(targets)} "
                         f"{targets_name}: give one target per row")
    return inputs, targets, weights


def predictions_and_targets(predictions, targets):
    predictions = flat(numbers(predictions, "predictions"), "predictions",
                       "predictions, one per target")
    targets = flat(numbers(targets, "targets"), "targets", "targets, one per prediction")
    if predictions.shape != targets.shape:
        raise ValueError(f"there are {len(predictions)} predictions but {len(targets)} "
                         "targets: give one prediction per target")
    return predictions, targets


def settings(learning_rate, steps):
    return (positive_number(learning_rate, "the learning rate", "0.001"),
            whole_number(steps, "the number of steps", 1, MOST_STEPS,
                         "more would take minutes and fill memory with their history; "
                         "no lesson needs more"))


# A learner's own functions: tried once before use

def learner_function(function, name, parameters):
    """`function` can be called as name(*parameters), or a TypeError saying how to fix it."""
    call = f"{name}({', '.join(parameters)})"
    if not callable(function):
        raise TypeError(f"{name} must be a function, like `def {call}: ...`; "
                        f"got {_short(function)}")
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # some built-in functions do not tell
        return
    try:
        signature.bind(*parameters)
    except TypeError:
        raise TypeError(f"your {name} is defined as {name}{signature}, but nnlib calls it as "
                        f"{call}: give it {_count(len(parameters), 'parameter')}") from None


def call_learner(function, name, arguments, shape, each):
    """Call a learner's `function` with `arguments` (a dict, name → value) once, and return its
    answer as floats of `shape`, one per `each`; or say in words what it returned instead.
    An error raised inside it reaches the learner as it is, with a note on where it came from."""
    learner_function(function, name, tuple(arguments))
    try:
        result = function(*arguments.values())
    except Exception as error:
        error.add_note(f"(This was raised inside your {name}, which nnlib called as "
                       f"{name}({', '.join(arguments)}).)")
        if isinstance(error, TypeError) and "arrays can be converted" in str(error):
            error.add_note("Its arguments are numpy arrays: use np.exp, np.sqrt… where you "
                           "used math.exp, math.sqrt…, which take one number at a time.")
        raise
    return learner_result(result, name, shape, each)


def learner_result(result, name, shape, each):
    """`result` as floats of `shape`, or a ValueError naming what the function returned."""
    if result is None:
        raise ValueError(f"your {name} returned None: did you forget `return`?")
    if result is Ellipsis:
        raise ValueError(f"your {name} returned `...` (an ellipsis): it is not written yet, or "
                         "calls a function that is not. Write it, and run its cell again")
    problem = _first_non_number(result)
    if problem:
        where, what = problem
        raise ValueError(f"your {name} returned {what}{' at ' + where if where else ''}; "
                         "it must return numbers")
    try:
        array = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"your {name} returned {_short(result)}; it must return numbers, "
                         f"shape {shape}") from None
    if array.shape != shape:
        if array.size == 1 and int(np.prod(shape)) == 1:
            array = array.reshape(shape)
        elif array.size == 1:
            raise ValueError(f"your {name} returned one number, {array.item():.4g}, where one "
                             f"per {each} is needed, {shape[0]} in all. Did it add them up?")
        elif shape == ():
            raise ValueError(f"your {name} returned {array.size} numbers (shape "
                             f"{array.shape}) where one number is needed")
        elif len(shape) == 2 and array.shape == shape[::-1]:
            raise ValueError(f"your {name} returned shape {array.shape} where {shape} is "
                             "needed: transposed? One row per neuron, one column per input")
        elif array.size == int(np.prod(shape)) and array.ndim == 2 and len(shape) == 1:
            raise ValueError(f"your {name} returned shape {array.shape}, a column or a row of "
                             f"a table, where a flat array of shape {shape} is needed: one per "
                             f"{each}. `.ravel()` flattens it")
        else:
            raise ValueError(f"your {name} returned shape {array.shape} where one number per "
                             f"{each} is needed, shape {shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"your {name} returned {array}: NaN (not a number) or infinite "
                         "values. Look for a division by zero, or numbers far too large")
    return array


def try_function(function, name, arguments, shape, each):
    """Call `function` once on `arguments` and return its answer as floats of `shape`. A
    learner's function is checked by `call_learner`; nnlib's own fail only on numbers too large,
    and are not blamed for it."""
    if not getattr(function, "__module__", "").startswith("nnlib."):
        return call_learner(function, name, arguments, shape, each)
    with np.errstate(over="ignore", invalid="ignore"):
        result = np.asarray(unchecked(function)(*arguments.values()), dtype=float)
    if not np.isfinite(result).all():
        raise ValueError(too_large(arguments))
    return result.reshape(shape)


# A learner's function inside a loop: every result checked, cheaply

def watched(function, name, tidy, when):
    """A learner's `function` for use in a loop. Each result goes through `tidy(result, name)`,
    which gives it back as arrays (lists of numbers made arrays) or raises a ValueError in words
    (None, text, a wrong shape, NaN or infinite); `when(k)` says where the k-th call was ("at
    update 37"), so the words name the function and the step. nnlib's own functions are given
    back unchecked: a loop trusts them."""
    if getattr(function, "__module__", "").startswith("nnlib."):
        return unchecked(function)
    calls = 0

    @functools.wraps(function)
    def each(*args):
        nonlocal calls
        calls += 1
        try:
            result = function(*args)
        except Exception as error:
            error.add_note(f"(This was raised inside your {name}, {when(calls)}.)")
            raise
        return tidy(result, f"{name}, {when(calls)},")

    each.unwatched = function
    return each


def unwatched(function):
    """A watched function without its watch (to try it once, uncounted); any other as it is."""
    return getattr(function, "unwatched", function)


def numbers_of(shape, each):
    """A `tidy` for `watched`: floats of `shape`, one per `each`, all finite."""
    def tidy(result, name):
        if (type(result) is np.ndarray and result.shape == shape and result.dtype.kind == "f"
                and np.isfinite(result).all()):
            return result  # the usual case, in a few microseconds
        return learner_result(result, name, shape, each)

    return tidy


def one_number(result, name):
    """A `tidy` for `watched`: one finite number."""
    if isinstance(result, float) and np.isfinite(result):
        return result
    return float(learner_result(result, name, (), "call"))


# The rules of nnlib's public functions: each returns its function's arguments, checked and tidied

def predict_arguments(weights, inputs):
    weights, inputs = weights_and_inputs(weights, inputs)
    return dict(weights=weights, inputs=inputs)


def mean_squared_error_arguments(predictions, targets):
    predictions, targets = predictions_and_targets(predictions, targets)
    return dict(predictions=predictions, targets=targets)


def gradient_arguments(weights, inputs, targets):
    inputs, targets, weights = problem(inputs, targets, weights)
    return dict(weights=weights, inputs=inputs, targets=targets)


def numerical_gradient_arguments(error, weights, relative_step):
    weights = flat(numbers(weights, "weights"), "weights")
    if weights.size > MOST_WEIGHTS:
        raise ValueError(f"weights has {weights.size:,} entries, more than the {MOST_WEIGHTS:,} "
                         "that finite differences take: they evaluate the error twice per weight")
    relative_step = positive_number(relative_step, "relative_step", "1e-6", below=0.1)
    try_function(error, "error", dict(weights=weights), (), "weight")
    return dict(error=watched(error, "error", one_number, lambda k: f"at its evaluation {k}"),
                weights=weights, relative_step=relative_step)


def check_gradient_arguments(gradient, inputs, targets, weights, predict, tolerance):
    inputs, targets, weights = problem(inputs, targets, weights)
    tolerance = positive_number(tolerance, "tolerance", "1e-5", below=1)
    start = dict(weights=weights, inputs=inputs)
    try_function(predict, "predict", start, (len(inputs),), "row")
    try_function(gradient, "gradient", dict(start, targets=targets), weights.shape, "weight")
    return dict(gradient=unchecked(gradient), inputs=inputs, targets=targets, weights=weights,
                predict=unchecked(predict), tolerance=tolerance)


def descent_arguments(inputs, targets, initial_weights, learning_rate, steps, predict, gradient):
    inputs, targets, weights = problem(inputs, targets, initial_weights,
                                       ("inputs", "targets", "initial_weights"))
    learning_rate, steps = settings(learning_rate, steps)
    start = dict(weights=weights, inputs=inputs)
    predictions = try_function(predict, "predict", start, (len(inputs),), "row")
    with np.errstate(over="ignore", invalid="ignore"):
        misses = targets - predictions
        start_error = np.dot(misses, misses)
    if not np.isfinite(start_error):
        raise ValueError("the error at the starting weights overflows: "
                         + too_large(dict(inputs=inputs, targets=targets, weights=weights)))
    try_function(gradient, "gradient", dict(start, targets=targets), weights.shape, "weight")
    return dict(inputs=inputs, targets=targets, initial_weights=weights,
                learning_rate=learning_rate, steps=steps,
                predict=watched(predict, "predict", numbers_of((len(inputs),), "row"),
                                partial(_predict_call, checking=2 * len(weights))),
                gradient=watched(gradient, "gradient", numbers_of(weights.shape, "weight"),
                                 lambda k: "at the starting weights" if k == 1 else
                                 f"at update {k - 1}"))


def _predict_call(k, checking):
    """Where gradient_descent's k-th call of predict is: first `checking` calls for the finite
    differences that check the gradient at the start, one for the starting error, then one
    after each update."""
    if k <= checking:
        return "while the gradient was checked at the starting weights"
    return "at the starting weights" if k == checking + 1 else f"after update {k - checking - 1}"


def table_arguments(rows, seed):
    return dict(rows=whole_number(rows, "rows", 1, MOST_ROWS,
                                  "a table that large would only fill memory"),
                seed=whole_number(seed, "seed", 0, 2**63 - 1, "use a smaller seed"))


def explorer_name(name):
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be text, the figure's title, like 'my explorer'; "
                        f"got {_short(name)}")
    return name


def table(table):
    """A table of inputs and outputs such as `nnlib.article_table()` gives."""
    if not (hasattr(table, "inputs") and hasattr(table, "outputs")):
        raise TypeError("table must be a table with .inputs and .outputs, like the one "
                        f"nnlib.article_table() gives; got {_short(table)}")
    problem(table.inputs, table.outputs, np.zeros(np.shape(table.inputs)[-1]))
    return table


# Part 1: neurons, layers, networks

def activation_function(activation, z, *, activations):
    """`activation` (a function, or the name of one of nnlib's `activations`, name → (function,
    derivative)) tried once on the sums `z`."""
    if isinstance(activation, str):
        if activation not in activations:
            raise ValueError(f"activation {activation!r} is none of nnlib's: choose one of "
                             f"{', '.join(map(repr, activations))}, or give your own function")
        return unchecked(activations[activation][0])
    try_function(activation, "activation", dict(z=z), z.shape, "weighted sum")
    return unchecked(activation)


def layer_weights(weights, name, biases, biases_name="biases", inputs_count=None, before=""):
    """A layer's weight matrix (neurons, inputs) and its biases (neurons,)."""
    weights = numbers(weights, name)
    if weights.ndim != 2:
        raise ValueError(f"{name} has shape {weights.shape}; a layer's weights are a matrix "
                         "with one row per neuron and one column per input. For one neuron, "
                         f"write [{name}]")
    neurons, per_neuron = weights.shape
    if inputs_count is not None and per_neuron != inputs_count:
        raise ValueError(f"{name} has {_count(per_neuron, 'column')}, one per input, but "
                         f"{before} gives {inputs_count}: give each neuron one weight per input")
    biases = flat(numbers(biases, biases_name), biases_name, "biases, one per neuron")
    if len(biases) != neurons:
        raise ValueError(f"{name} has {_count(neurons, 'row')} (one per neuron) but "
                         f"{biases_name} has {len(biases)}: give one bias per neuron")
    return weights, biases


def layer_inputs(inputs, count, weights_name):
    inputs = numbers(inputs, "inputs")
    if inputs.ndim not in (1, 2) or inputs.shape[-1] != count:
        raise ValueError(f"inputs has shape {inputs.shape}, but {weights_name} has "
                         f"{_count(count, 'column')}, one per input: give rows of {count} "
                         f"inputs, or {weights_name} one column per input")
    return inputs


def sums_arguments(z):
    return dict(z=numbers(z, "z"))


def neuron_arguments(weights, inputs, bias, activation, *, activations):
    weights, inputs = weights_and_inputs(weights, inputs)
    bias = number(bias, "bias", "0.5")
    with np.errstate(over="ignore", invalid="ignore"):
        z = inputs @ weights + bias
    return dict(weights=weights, inputs=inputs, bias=bias,
                activation=activation_function(activation, z, activations=activations))


def layer_arguments(weights, inputs, biases, activation, *, activations):
    weights, biases = layer_weights(weights, "weights", biases)
    inputs = layer_inputs(inputs, weights.shape[1], "weights")
    with np.errstate(over="ignore", invalid="ignore"):
        z = inputs @ weights.T + biases
    return dict(weights=weights, inputs=inputs, biases=biases,
                activation=activation_function(activation, z, activations=activations))


def forward_arguments(layers, inputs, activation, *, activations):
    if not isinstance(layers, (list, tuple)):
        raise TypeError("layers must be a list of (weights, biases) pairs, one per layer; got "
                        f"{_short(layers)}")
    if not layers:
        raise ValueError("layers is empty: give at least one (weights, biases) pair")
    checked_layers = []
    for k, pair in enumerate(layers):
        if not (isinstance(pair, (list, tuple)) and len(pair) == 2):
            raise TypeError(f"layers[{k}] must be a pair (weights, biases); got {_short(pair)}")
        before = None if k == 0 else checked_layers[-1][0].shape[0]  # the neurons it reads
        checked_layers.append(layer_weights(pair[0], f"layers[{k}] weights", pair[1],
                                            f"layers[{k}] biases", before, f"layer {k - 1}"))
    inputs = layer_inputs(inputs, checked_layers[0][0].shape[1], "layers[0] weights")
    first_weights, first_biases = checked_layers[0]
    with np.errstate(over="ignore", invalid="ignore"):
        z = inputs @ first_weights.T + first_biases
    return dict(layers=checked_layers, inputs=inputs,
                activation=activation_function(activation, z, activations=activations))


# Parts 3 and 4: networks of sigmoid layers

MOST_NEURONS = 10_000  # in one layer: a 784-wide image is the largest input of the series
MOST_EPOCHS = 10_000


def network_of(network, Network):
    """A network whose layers fit together, or what is wrong with it. One of weights and biases
    alone is made a `Network` (the class, handed in by network.py): sigmoids, quadratic cost."""
    if not (hasattr(network, "weights") and hasattr(network, "biases")):
        raise TypeError("network must be a Network, like nnlib.new_network([2, 3, 1]) makes; "
                        f"got {_short(network)}")
    if not network.weights or len(network.weights) != len(network.biases):
        raise ValueError(f"network has {len(network.weights)} weight matrices and "
                         f"{len(network.biases)} bias lists: give one of each per layer")
    reads, layers = None, []
    for k, (weights, biases) in enumerate(zip(network.weights, network.biases)):
        layers.append(layer_weights(weights, f"network.weights[{k}]", biases,
                                    f"network.biases[{k}]", reads,
                                    f"the layer before it (network.weights[{k - 1}])"))
        reads = np.shape(weights)[0]
    if not (hasattr(network, "output") and hasattr(network, "cost")):  # weights and biases only
        network = Network(network.weights, network.biases)
    if not all(type(p) is np.ndarray and p.dtype.kind == "f"
               for p in [*network.weights, *network.biases]):  # lists, or whole numbers
        # Made float arrays on the same network, so that training changes the learner's own.
        network.weights, network.biases = (list(part) for part in zip(*layers))
    output_and_cost(network.output, network.cost, network.weights[-1].shape[0], "network.")
    return network


OUTPUTS = ("sigmoid", "softmax")
COSTS = ("quadratic", "cross-entropy")


def output_and_cost(output, cost, outputs, prefix=""):
    """The kind of the last layer and the cost, which must suit each other."""
    for name, value, choices in ((f"{prefix}output", output, OUTPUTS),
                                 (f"{prefix}cost", cost, COSTS)):
        if value not in choices:
            raise (ValueError if isinstance(value, str) else TypeError)(
                f"{name} must be {' or '.join(map(repr, choices))}, got {_short(value)}")
    if output == "softmax" and cost == "quadratic":
        raise ValueError(f"{prefix}cost 'quadratic' does not suit softmax outputs: give "
                         "cost='cross-entropy', the log-likelihood −Σ y ln a. Softmax outputs are "
                         "probabilities; with the quadratic cost a wrong, confident output learns "
                         "slowly, which is what softmax with log-likelihood avoids")
    if output == "softmax" and outputs < 2:
        raise ValueError(f"{prefix}output 'softmax' needs at least 2 outputs, one per class: "
                         "over one output it is always 1. Use output='sigmoid'")


def network_inputs(network, inputs, name="inputs"):
    """Inputs as a table, one row per example: float32 kept as it is (half the memory and time
    of float64, and MNIST's images come so), anything else made float64."""
    if not (isinstance(inputs, np.ndarray) and inputs.dtype == np.float32 and inputs.size and
            np.isfinite(inputs).all()):
        inputs = numbers(inputs, name)  # or which entry is not a number, NaN or infinite
    if inputs.ndim == 1:
        inputs = inputs[np.newaxis, :]  # one example
    expected = network.weights[0].shape[1]
    if inputs.ndim != 2 or inputs.shape[1] != expected:
        images = (f". For images, make each one a row: {name}.reshape(len({name}), -1)"
                  if inputs.ndim == 3 and inputs[0].size == expected else "")
        raise ValueError(f"{name} has shape {inputs.shape}, but the network's first layer reads "
                         f"{_count(expected, 'input')}: give one row of {expected} numbers per "
                         f"example{images}")
    return inputs


def network_targets(network, inputs, targets, name="targets"):
    targets = numbers(targets, name)
    outputs = network.weights[-1].shape[0]
    if targets.ndim == 1 and outputs == 1:
        targets = targets[:, np.newaxis]  # one output per example, written flat
    if targets.ndim == 1 and len(targets) == len(inputs) and outputs > 1:
        raise ValueError(f"{name} is one label per example, but the network has {outputs} "
                         f"outputs: give one row of {outputs} per example; nnlib.one_hot(labels, "
                         f"{outputs}) makes them from labels")
    if targets.shape != (len(inputs), outputs):
        raise ValueError(f"{name} has shape {targets.shape}; with {len(inputs)} examples and "
                         f"{_count(outputs, 'output')} it must be ({len(inputs)}, {outputs})")
    if ((targets < 0) | (targets > 1)).any():
        k = tuple(int(i) for i in np.argwhere((targets < 0) | (targets > 1))[0])
        raise ValueError(f"{name}[{k[0]}, {k[1]}] is {targets[k]:g}: the network's outputs "
                         f"({network.output}) are from 0 to 1, so its targets must be from 0 "
                         "to 1 too. "
                         "Scale them into 0 to 1, or give labels as nnlib.one_hot(labels, …)")
    sums = targets.sum(axis=1)
    if network.output == "softmax" and not np.allclose(sums, 1, rtol=0, atol=1e-5):
        k = int(np.argmax(np.abs(sums - 1)))
        raise ValueError(f"row {k} of {name} sums to {sums[k]:g}: softmax outputs are "
                         "probabilities that sum to 1, so each row of targets must too; "
                         f"nnlib.one_hot(labels, {outputs}) makes such rows from labels")
    return targets.astype(inputs.dtype, copy=False)  # float32 with float32 inputs


def parameters_like(network, inputs):
    """The network's weights and biases as float arrays of the inputs' type, in place: float32
    with float32 inputs, so that no product mixes the two types."""
    for parameters in (network.weights, network.biases):
        parameters[:] = [np.asarray(p, dtype=inputs.dtype) for p in parameters]
    return network


def new_network_arguments(sizes, seed, scale, output, cost):
    if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
        raise (TypeError if not isinstance(sizes, (list, tuple)) else ValueError)(
            "sizes must list the number of neurons of each layer, inputs first, at least two "
            f"numbers, like [2, 3, 1]; got {_short(sizes)}")
    sizes = [whole_number(size, f"sizes[{k}]", 1, MOST_NEURONS,
                          "no network of the series is that wide") for k, size in enumerate(sizes)]
    output_and_cost(output, cost, sizes[-1])
    if scale != "1/sqrt(inputs)":
        if isinstance(scale, str):
            raise TypeError(f"scale must be a positive number, like 1.0, or the text "
                            f"'1/sqrt(inputs)'; got {scale!r}")
        scale = positive_number(scale, "scale", "1.0 or '1/sqrt(inputs)'")
    return dict(sizes=sizes, seed=whole_number(seed, "seed", 0, 2**63 - 1, "use a smaller seed"),
                scale=scale, output=output, cost=cost)


def network_inputs_arguments(network, inputs, *, Network):
    network = network_of(network, Network)
    return dict(network=network, inputs=network_inputs(network, inputs))


def network_targets_arguments(network, inputs, targets, *, Network):
    network = network_of(network, Network)
    inputs = network_inputs(network, inputs)
    return dict(network=network, inputs=inputs, targets=network_targets(network, inputs, targets))


def backward_arguments(network, sums, activations, targets, *, Network):
    network = network_of(network, Network)
    layers = len(network.weights)
    if not (isinstance(sums, (list, tuple)) and len(sums) == layers and
            isinstance(activations, (list, tuple)) and len(activations) == layers + 1):
        raise ValueError(f"sums and activations must be what forward_pass gives: {layers} lists "
                         f"of sums and {layers + 1} of activations (the inputs first)")
    inputs = network_inputs(network, activations[0], "activations[0]")
    sums = [numbers(z, f"sums[{k}]") for k, z in enumerate(sums)]
    activations = [inputs, *(numbers(a, f"activations[{k}]")
                             for k, a in enumerate(activations[1:], start=1))]
    for k, size in enumerate(w.shape[0] for w in network.weights):  # layer k + 1's
        for name, values in ((f"sums[{k}]", sums[k]), (f"activations[{k + 1}]",
                                                       activations[k + 1])):
            if values.shape != (len(inputs), size):
                raise ValueError(f"{name} has shape {values.shape}; with {len(inputs)} "
                                 f"examples and {_count(size, 'neuron')} in layer {k + 1} it "
                                 f"must be ({len(inputs)}, {size}): pass what forward_pass gives")
        if ((activations[k + 1] < 0) | (activations[k + 1] > 1)).any():
            raise ValueError(f"activations[{k + 1}] holds values outside 0 to 1, up to "
                             f"{np.abs(activations[k + 1]).max():.3g}, which no sigmoid or softmax "
                             "gives: pass what forward_pass gives")
    return dict(network=network, sums=sums, activations=activations,
                targets=network_targets(network, inputs, targets))


def backward_result(result, network, name="backward"):
    """What a backward function returned, as two lists of float arrays shaped like the network's
    weights and biases, or a ValueError that names the layer and the parameter."""
    if result is None:
        raise ValueError(f"your {name} returned None: did you forget `return`?")
    if not (isinstance(result, (list, tuple)) and len(result) == 2):
        raise ValueError(f"your {name} must return two lists, (weight_gradients, "
                         f"bias_gradients); it returned {_short(result)}")
    tidy = []
    for gradients, parameters, what in zip(result, (network.weights, network.biases),
                                           ("weights", "biases")):
        if not isinstance(gradients, (list, tuple)) or len(gradients) != len(parameters):
            raise ValueError(f"the {what} gradients of your {name} must be a list of "
                             f"{len(parameters)}, one per layer; got {_short(gradients)}")
        tidy.append([])
        for layer, (gradient, parameter) in enumerate(zip(gradients, parameters), start=1):
            where = f"layer {layer}'s {what}"
            array = learner_result(gradient, f"{name} for {where}", parameter.shape,
                                   "weight" if what == "weights" else "neuron")
            tidy[-1].append(array)
    return tidy


def learner_backward(backward, network, inputs, targets, forward_pass, when=None):
    """A learner's backward tried once on the first examples, after nnlib's `forward_pass`
    (handed in), then watched: every result it gives in a loop is checked (`watched`), and
    `when(k)` names its k-th call. nnlib's own backward is returned unchecked."""
    if getattr(backward, "__module__", "").startswith("nnlib."):
        return unchecked(backward)
    learner_function(backward, "backward", ("network", "sums", "activations", "targets"))
    sample = slice(0, 10)
    sums, activations = unchecked(forward_pass)(network, inputs[sample])
    try:
        result = backward(network, sums, activations, targets[sample])
    except Exception as error:
        error.add_note("(This was raised inside your backward, which nnlib called as "
                       "backward(network, sums, activations, targets).)")
        raise
    backward_result(result, network)
    return watched(backward, "backward", lambda result, name: gradients_of(result, network, name),
                   when or (lambda k: f"on its call {k}"))


def gradients_of(result, network, name):
    """A `tidy` for a watched backward: the usual result (two lists of finite float arrays
    shaped like the network's parameters) passes in microseconds; any other is tidied or
    refused by `backward_result`."""
    if isinstance(result, (list, tuple)) and len(result) == 2 and all(
            isinstance(part, (list, tuple)) and len(part) == len(parameters) and all(
                type(g) is np.ndarray and g.shape == p.shape and g.dtype.kind == "f"
                and np.isfinite(g).all() for g, p in zip(part, parameters))
            for part, parameters in zip(result, (network.weights, network.biases))):
        return result
    return backward_result(result, network, name)


def check_backward_arguments(backward, network, inputs, targets, *, Network, forward_pass):
    arguments = network_targets_arguments(network, inputs, targets, Network=Network)
    if sum(w.size + b.size for w, b in zip(network.weights, network.biases)) > MOST_WEIGHTS:
        raise ValueError(f"the network has more than {MOST_WEIGHTS:,} weights and biases: "
                         "finite differences evaluate the cost twice for each; check a smaller one")
    network = arguments["network"]
    largest = np.abs(arguments["inputs"]).max()
    if largest > MOST_NUDGED:
        raise ValueError(f"the inputs go up to {largest:.3g}, too large for finite differences: "
                         f"a nudge of 1e-6 to a weight would move a sum by {largest * 1e-6:.3g}, "
                         f"no small step. Scale the inputs below {MOST_NUDGED:g} to check a "
                         "backward pass")
    if any(np.asarray(p).dtype != float for p in network.weights + network.biases):
        network = Network(  # float64: a nudge of 1e-6 is lost in float32
[np.array(w, float) for w in network.weights],
                          [np.array(b, float) for b in network.biases], network.output,
                          network.cost)
    inputs, targets = (np.asarray(arguments[k], float) for k in ("inputs", "targets"))
    backward = learner_backward(backward, network, inputs, targets, forward_pass)
    return dict(network=network, inputs=inputs, targets=targets,
                backward=lambda *a: backward_result(backward(*a), network))


def update_arguments(network, inputs, targets, learning_rate, backward, weight_decay=0.0,
                     examples=None, *, Network, forward_pass, when=lambda k: "in this update"):
    arguments = network_targets_arguments(network, inputs, targets, Network=Network)
    parameters_like(arguments["network"], arguments["inputs"])
    learning_rate = positive_number(learning_rate, "the learning rate", "3.0")
    if examples is not None:
        examples = whole_number(examples, "examples", 1, 10**9, "no data set is that large")
    return dict(arguments, learning_rate=learning_rate,
                backward=learner_backward(backward, *arguments.values(), forward_pass, when),
                weight_decay=decay(weight_decay, learning_rate,
                                   examples or len(arguments["inputs"])),
                examples=examples)


def decay(weight_decay, learning_rate, examples):
    """λ ≥ 0, small enough that each step keeps the weights' sign: 1 − αλ/N > 0."""
    weight_decay = number(weight_decay, "weight_decay", "5.0")
    if weight_decay < 0:
        raise ValueError(f"weight_decay (λ) must be 0 or more, got {weight_decay:g}: it pulls "
                         "the weights toward 0; 0 means no pull")
    if learning_rate * weight_decay / examples >= 1:
        raise ValueError(f"weight_decay (λ) = {weight_decay:g} is too large for the learning "
                         f"rate {learning_rate:g} and {examples:,} examples: each step would "
                         f"multiply the weights by 1 − αλ/N = "
                         f"{1 - learning_rate * weight_decay / examples:.3g}, which must stay "
                         f"above 0. Take λ below N/α = {examples / learning_rate:.3g}")
    return weight_decay


def train_arguments(network, inputs, targets, epochs, learning_rate, batch_size, test, seed,
                    backward, weight_decay, measure_training, on_epoch, *, Network, forward_pass,
                    check_backward):
    per_epoch = {}  # batches per epoch, known once batch_size is checked below

    def when(k):
        batches = per_epoch["batches"]
        return f"in epoch {(k - 1) // batches + 1}, batch {(k - 1) % batches + 1}"

    arguments = update_arguments(network, inputs, targets, learning_rate, backward, weight_decay,
                                 Network=Network, forward_pass=forward_pass, when=when)
    network, inputs = arguments["network"], arguments["inputs"]
    if test is not None:
        if not (isinstance(test, (list, tuple)) and len(test) == 2):
            raise TypeError("test must be a pair (test_inputs, test_targets), or None; got "
                            f"{_short(test)}")
        test_inputs = network_inputs(network, test[0], "test inputs").astype(inputs.dtype,
                                                                            copy=False)
        test = (test_inputs, network_targets(network, test_inputs, test[1], "test targets"))
    if isinstance(measure_training, (bool, np.bool_)):
        measure_training = bool(measure_training)
    else:  # a sample of that many examples
        measure_training = whole_number(measure_training, "measure_training", 1, len(inputs),
                                        f"there are only {len(inputs)} examples; True "
                                        "measures them all")
    del arguments["examples"]  # train gives update N = len(inputs) itself
    batch_size = whole_number(batch_size, "batch_size", 1, len(inputs),
                              f"there are only {len(inputs)} examples")
    per_epoch["batches"] = -(-len(inputs) // batch_size)
    slip = backward_slip(backward, network, inputs, arguments["targets"], check_backward)
    return dict(arguments, test=test, batch_size=batch_size,
                epochs=whole_number(epochs, "epochs", 1, MOST_EPOCHS, "no lesson needs more"),
                seed=whole_number(seed, "seed", 0, 2**63 - 1, "use a smaller seed"),
                measure_training=measure_training,
                on_epoch=training_watch(network, arguments["learning_rate"], slip,
                                        epoch_callback(on_epoch)))


MOST_NUDGED = 1e4  # the largest input with which finite differences still take small steps
MOST_CHECKED = 5_000  # parameters of a network whose learner's backward is checked at the start


def backward_slip(backward, network, inputs, targets, check_backward):
    """What is wrong with a learner's backward on the first examples, compared with finite
    differences by nnlib's `check_backward` (handed in), in words; None if it is right, if it
    is nnlib's own, or if the network is too large to check quickly."""
    if getattr(backward, "__module__", "").startswith("nnlib.") or sum(
            w.size + b.size for w, b in zip(network.weights, network.biases)) > MOST_CHECKED:
        return None
    try:
        check_backward(backward, network, inputs[:10], targets[:10])
    except AssertionError as slip:
        return " ".join(str(slip).split())
    except ValueError:  # numbers that finite differences cannot measure: no verdict
        return None
    return None


def training_watch(network, learning_rate, slip, on_epoch):
    """An on_epoch for `train` that keeps its history finite: after an epoch whose weights or
    costs are NaN or infinite, that epoch's measures are dropped, the history says where and
    why it broke, and the training stops (`Diverged`, which `checked` turns into a warning)."""
    def watch(epoch, history):
        if slip and history.problem is None:
            history.problem = f"your backward is off: {slip}"
        measured = [values[-1] for values in (history.costs, history.test_costs) if values]
        if np.isfinite(measured).all() and all(np.isfinite(w).all() for w in network.weights):
            if on_epoch is not None:
                on_epoch(epoch, history)
            return
        for values in (history.costs, history.accuracies, history.test_costs,
                       history.test_accuracies, history.epoch_seconds):
            del values[epoch - 1:]
        cause = (f"Your backward is off: {slip}" if slip else f"The learning rate "
                 f"{learning_rate:g} is too large for this network: try a smaller one.")
        history.diverged_at = epoch
        history.problem = (f"diverged in epoch {epoch}: the network's weights or costs became "
                           f"NaN or infinite. {cause}")
        raise Diverged(history.problem, history)

    return watch


def epoch_callback(on_epoch):
    """A learner's on_epoch, checked to take (epoch, history); an error raised inside it reaches
    them as it is, with a note on where it came from."""
    if on_epoch is None:
        return None
    learner_function(on_epoch, "on_epoch", ("epoch", "history"))

    def noted(epoch, history):
        try:
            on_epoch(epoch, history)
        except Exception as error:
            error.add_note(f"(This was raised inside your on_epoch, which nnlib.train called "
                           f"as on_epoch(epoch, history) after epoch {epoch}.)")
            raise

    return noted


def one_hot_arguments(labels, classes):
    classes = whole_number(classes, "classes", 1, MOST_NEURONS, "no lesson has that many classes")
    labels = flat(numbers(labels, "labels"), "labels", "labels, one per example")
    bad = (labels != np.round(labels)) | (labels < 0) | (labels >= classes)
    if bad.any():
        k = int(np.argmax(bad))
        raise ValueError(f"labels[{k}] is {labels[k]:g}: labels must be whole numbers from 0 to "
                         f"{classes - 1}, one of the {classes} classes")
    return dict(labels=labels.astype(int), classes=classes)


# The toy data sets of parts 3 and 4 (nnlib/data.py)

MOST_NOISE = 10.0  # a jitter far larger than the sets themselves (radius 1) hides them


def toy_data_arguments(points, noise, seed):
    points = whole_number(points, "points", 4, MOST_ROWS,
                          "more points would only fill memory and slow training")
    noise = number(noise, "noise", "0.1")
    if not 0 <= noise <= MOST_NOISE:
        raise ValueError(f"noise must be from 0 to {MOST_NOISE:g}, got {noise:g}: it is the "
                         "spread of the jitter added to the points; 0 means none, and beyond "
                         f"{MOST_NOISE:g} the jitter hides the shape entirely")
    return dict(points=points, noise=noise,
                seed=whole_number(seed, "seed", 0, 2**63 - 1, "use a smaller seed"))


def split_arguments(inputs, labels, test_fraction, seed):
    inputs = numbers(inputs, "inputs")
    if inputs.ndim != 2:
        raise ValueError(f"inputs has shape {inputs.shape}; give a table, one row per point")
    labels = flat(numbers(labels, "labels"), "labels", "labels, one per point")
    if len(labels) != len(inputs):
        raise ValueError(f"there are {len(inputs)} rows of inputs but {len(labels)} labels: "
                         "give one label per row")
    test_fraction = positive_number(test_fraction, "test_fraction", "0.25", below=1)
    return dict(inputs=inputs, labels=labels, test_fraction=test_fraction,
                seed=whole_number(seed, "seed", 0, 2**63 - 1, "use a smaller seed"))


# Part 5: digits

def mnist_arguments(part):
    if part not in ("train", "test"):
        raise ValueError(f"part must be 'train' (60,000 images) or 'test' (10,000), got "
                         f"{_short(part)}")
    return dict(part=part)


# Part 5: a digit drawn on a pad, and the digits explorer

MOST_PAD = 2000  # pixels along a side of the drawing pad: a screen's worth
MOST_POINTS = 100_000  # points of all the strokes of one drawing: many minutes of drawing


def pad_dimensions(pad_size):
    """The pad's (width, height): one whole number for a square pad, or a pair."""
    sizes = pad_size if isinstance(pad_size, (list, tuple)) else (pad_size, pad_size)
    if len(sizes) != 2:
        raise ValueError(f"pad_size must be one whole number (a square pad, like 280) or a pair "
                         f"(width, height), like (280, 200); got {_short(pad_size)}")
    return tuple(whole_number(size, "pad_size", 8, MOST_PAD, "no screen shows a pad that large")
                 for size in sizes)


def strokes_of(strokes):
    """The strokes of a drawing, each an array (points, 2) of (x, y); or what is wrong."""
    example = "[[(40, 50), (42, 90), (45, 130)]]"
    if isinstance(strokes, np.ndarray) and strokes.ndim == 2:
        strokes = [strokes]  # the points of one stroke, as an array: take it as one stroke
    if not isinstance(strokes, (list, tuple, np.ndarray)):
        raise TypeError(f"strokes must be a list of strokes, each a list of (x, y) points on the "
                        f"pad, like {example}; got {_short(strokes)}")
    tidy, count = [], 0
    for k, stroke in enumerate(strokes):
        if isinstance(stroke, Real) and not isinstance(stroke, (bool, np.bool_)):
            raise ValueError(f"strokes[{k}] is the number {stroke}: strokes must be a list of "
                             f"strokes, each a list of (x, y) points, like {example}. For a "
                             "single stroke, write [points]")
        if not isinstance(stroke, (list, tuple, np.ndarray)):
            raise TypeError(f"strokes[{k}] must be a list of (x, y) points; got {_short(stroke)}")
        if len(stroke) == 0:
            continue  # a stroke with no point leaves no ink
        points = numbers(stroke, f"strokes[{k}]")
        if points.ndim == 1 and len(points) == 2:
            raise ValueError(f"strokes[{k}] is one point {tuple(points.tolist())}, not a stroke: "
                             "strokes must be a list of strokes, each a list of (x, y) points, "
                             f"like {example}. For a single stroke, write [points]")
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(f"strokes[{k}] has shape {points.shape}: a stroke is a list of "
                             "(x, y) points, two numbers each")
        count += len(points)
        if count > MOST_POINTS:
            raise ValueError(f"the strokes have more than {MOST_POINTS:,} points: no digit needs "
                             "that many; draw it again")
        tidy.append(points)
    return tidy


def drawing_arguments(strokes, pad_size, pen_width):
    width, height = pad_dimensions(pad_size)
    return dict(strokes=strokes_of(strokes), pad_size=(width, height),
                pen_width=pen(pen_width, min(width, height)))


def pen(pen_width, side):
    """A pen's width in pixels, narrower than the pad's shorter `side`."""
    example = "36" if side >= 280 else f"{side / 8:g}"  # a digit's strokes, as on a 280 pad
    return positive_number(pen_width, "pen_width", example, below=side)


def grey_values(values, name, shape):
    """Grey levels from 0 to 1 (a large array of floats is checked without a copy)."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        if not values.size:
            raise ValueError(f"{name} is empty: give at least one {shape}")
        if not np.isfinite(values).all():
            numbers(values, name)  # finds the first NaN or infinite entry and says where
    else:
        values = numbers(values, name)
    low, high = values.min(), values.max()
    if low < 0 or high > 1:
        scale = (f": divide them by {high:g}" if high in (16, 255) else
                 ": scale them to that range")
        raise ValueError(f"{name} has values from {low:g} to {high:g}, but grey levels go from "
                         f"0 (no ink) to 1 (ink), as a network trained on MNIST or the small "
                         f"digits reads them{scale}")
    return values


def picture_arguments(picture):
    picture = grey_values(picture, "picture", "row of pixels")
    if picture.ndim != 2:
        raise ValueError(f"picture has shape {picture.shape}: give a grey picture, a table of "
                         "one number per pixel (rows, columns), like draw_strokes makes")
    if max(picture.shape) > MOST_PAD:
        raise ValueError(f"picture has shape {picture.shape}: at most {MOST_PAD:,} pixels a side")
    return dict(picture=picture)


DIGIT_IMAGE_SIZES = {784: 28, 64: 8}  # what the pad makes: MNIST's images, the small set's


def digits_explorer_arguments(network, images, labels, name, *, Network):
    """A Network that reads 28 × 28 or 8 × 8 images and gives 10 outputs, images (n, side, side)
    from 0 to 1 that it reads, and one label from 0 to 9 per image."""
    network = network_of(network, Network)
    reads, outputs = network.weights[0].shape[1], network.weights[-1].shape[0]
    if outputs != 10:
        raise ValueError(f"the network has {_count(outputs, 'output')}; to classify digits it "
                         f"needs 10, one per digit 0 to 9, like new_network([{reads}, 30, 10])")
    if reads not in DIGIT_IMAGE_SIZES:
        raise ValueError(f"the network reads {_count(reads, 'input')}, but the drawing pad makes "
                         "images of 28 × 28 pixels (784 inputs, like MNIST's) or 8 × 8 (64, like "
                         "the small digits'): give a network whose first layer reads 784 or 64")
    side = DIGIT_IMAGE_SIZES[reads]
    images = grey_values(images, "images", "image")
    if images.ndim == 2 and images.shape[1] == reads:
        images = images.reshape(len(images), side, side)  # one flat row per image
    if images.ndim != 3:
        raise ValueError(f"images has shape {images.shape}: give images (count, {side}, {side}) "
                         f"or one flat row of {reads} per image (count, {reads})")
    if images.shape[1:] != (side, side):
        given = f"{images.shape[1]} × {images.shape[2]}"
        raise ValueError(f"images are {given} pixels, but the network reads {reads} inputs, "
                         f"one per pixel of a {side} × {side} image: give it images of "
                         f"{side} × {side} ({'nnlib.mnist' if side == 28 else 'nnlib.small_digits'}"
                         "() gives them), or a network made for its images")
    labels = numbers(labels, "labels")
    if labels.ndim == 2 and labels.shape == (len(images), 10):
        raise ValueError(f"labels has shape {labels.shape}, one row of 10 per image (one-hot, "
                         "as training reads them); give the digits themselves, one per image: "
                         "labels.argmax(axis=1) gives them")
    labels = flat(labels, "labels", "labels, one per image")
    if len(labels) != len(images):
        raise ValueError(f"there are {len(images)} images but {len(labels)} labels: give one "
                         "label per image")
    bad = (labels != np.round(labels)) | (labels < 0) | (labels > 9)
    if bad.any():
        k = int(np.argmax(bad))
        raise ValueError(f"labels[{k}] is {labels[k]:g}: a label is the digit shown, a whole "
                         "number from 0 to 9")
    return dict(network=network, images=images, labels=labels.astype(int),
                name=explorer_name(name))


def paint_arguments(picture, points, pen_width):
    if not (isinstance(picture, np.ndarray) and picture.dtype.kind == "f" and picture.ndim == 2):
        raise TypeError("picture must be a table of floats to paint into, in place, like "
                        f"np.zeros((280, 280)); got {_short(picture)}")
    pen_width = pen(pen_width, min(picture.shape))
    strokes = strokes_of([points])
    return dict(picture=picture, points=strokes[0] if strokes else np.zeros((0, 2)),
                pen_width=pen_width)
