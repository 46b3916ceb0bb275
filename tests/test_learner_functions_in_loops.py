"""A learner's function inside nnlib's loops, broken in every usual way, and networks built by
hand: each ends in nnlib's own words naming the function (or the argument) and the step, or
works (lists of numbers are converted), and never in numpy's words or a silent NaN."""

import warnings

import numpy as np
import pytest

import nnlib

NUMPYS_WORDS = ("could not be broadcast", "can't multiply sequence", "has no attribute",
                "matmul:", "not aligned", "unsupported operand", "object is not subscriptable",
                "only length-1", "only 0-dimensional", "setting an array element")

TABLE = nnlib.article_table()
XOR_INPUTS, XOR_LABELS = nnlib.xor()
XOR_TARGETS = XOR_LABELS[:, None].astype(float)
BREAK_AT = 6  # the call from which a broken function misbehaves: inside the loop, past its try


def broken(function, how, shape_of=np.shape):
    """`function` made to return something wrong from its call BREAK_AT on (its first call is
    nnlib's try at the entry, and for gradient_descent its second the check of its slopes)."""
    calls = 0

    def learners(*args):
        nonlocal calls
        calls += 1
        result = function(*args)
        return result if calls < BREAK_AT else how(result)

    learners.__name__ = function.__name__
    return learners


def each_array(change):
    """Apply `change` to an array, or to every array of a backward's two lists."""
    def how(result):
        if isinstance(result, tuple):
            return tuple([change(part) for part in parts] for parts in result)
        return change(np.asarray(result))
    return how


BREAKAGES = {  # name: (how the result is broken, whether nnlib should still work)
    "NaN": (each_array(lambda r: r * np.nan), False),
    "infinite": (each_array(lambda r: r * np.inf if np.ndim(r) else np.inf), False),
    "None": (lambda r: None, False),
    "text": (lambda r: "0.5", False),
    "an extra axis": (each_array(lambda r: np.asarray(r)[..., None]), False),
    "one short": (each_array(lambda r: np.asarray(r).ravel()[:-1]), False),
    "a list of numbers": (each_array(lambda r: np.asarray(r).tolist()), True),
    "transposed": (each_array(lambda r: np.asarray(r).T if np.ndim(r) == 2 else
                              np.asarray(r)[:, None] if np.ndim(r) == 1 else r), False),
}


def learner_gradient(weights, inputs, targets):
    return -2 * (targets - inputs @ weights) @ inputs / len(targets)


def learner_predict(weights, inputs):
    return inputs @ weights


def learner_error(weights):
    return float(np.sum((weights - 1.0) ** 2))


def learner_backward(network, sums, activations, targets):
    return nnlib.backward_pass(network, sums, activations, targets)


def descent(**functions):
    return nnlib.gradient_descent(TABLE.inputs, TABLE.outputs, [0.2, 1.4, 30.0], 0.001, 50,
                                  **functions)


CALLS = {  # public function → (the learner's function it takes, how to run it with one)
    "gradient_descent(gradient=…)": ("gradient", lambda f: descent(gradient=f)),
    "gradient_descent(predict=…)": ("predict", lambda f: descent(predict=f)),
    "numerical_gradient(error=…)": ("error", lambda f: nnlib.numerical_gradient(f, [0.5, 2.0, -1.0, 3.0])),
    "update(backward=…)": ("backward", lambda f: [nnlib.update(
        network, XOR_INPUTS, XOR_TARGETS, 1.0, backward=f)
        for network in [nnlib.new_network([2, 3, 1])] for _ in range(BREAK_AT + 1)][-1]),
    "train(backward=…)": ("backward", lambda f: nnlib.train(
        nnlib.new_network([2, 3, 1]), XOR_INPUTS, XOR_TARGETS, 10, 1.0, 2, backward=f)),
    "check_backward(backward=…)": ("backward", lambda f: [nnlib.check_backward(
        f, nnlib.new_network([2, 3, 1]), XOR_INPUTS, XOR_TARGETS) for _ in range(BREAK_AT + 1)][-1]),
}
LEARNERS = {"gradient": learner_gradient, "predict": learner_predict, "error": learner_error,
            "backward": learner_backward}


def finite(result):
    if isinstance(result, (list, tuple)):
        return all(finite(part) for part in result)
    if hasattr(result, "weights") and hasattr(result, "errors"):  # a DescentHistory
        return np.isfinite(result.weights).all() and np.isfinite(result.errors).all()
    if hasattr(result, "costs"):  # a TrainingHistory
        return np.isfinite(result.costs).all()
    return np.isfinite(np.asarray(result, dtype=float)).all()


@pytest.mark.parametrize("breakage", list(BREAKAGES))
@pytest.mark.parametrize("call", list(CALLS))
def test_a_broken_learner_function_in_a_loop_is_named_with_its_step(call, breakage):
    name, run = CALLS[call]
    how, works = BREAKAGES[breakage]
    works = works or (name == "error" and breakage in ("an extra axis", "transposed"))  # [[x]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy RuntimeWarning may spill either
        try:
            result = run(broken(LEARNERS[name], how))
        except (ValueError, TypeError, AssertionError) as error:
            words = str(error)
            assert not works, f"{call} with {breakage} should work, and raised: {words}"
            assert f"your {name}" in words, f"the message does not name your {name}: {words}"
            assert not any(phrase in words for phrase in NUMPYS_WORDS), words
            assert type(error).__module__ == "builtins" and error.__traceback__ is not None
            return
    assert works, f"{call} with a {name} returning {breakage} passed silently"
    assert finite(result), f"{call} gave a NaN or infinite result"


def test_the_step_is_named_in_the_words():
    with pytest.raises(ValueError, match=r"your gradient, at update 4, returned \[nan nan nan\]"):
        descent(gradient=broken(learner_gradient, BREAKAGES["NaN"][0]))
    with pytest.raises(ValueError, match=r"your predict, while the gradient was checked at the "
                       "starting weights, returned"):
        descent(predict=broken(learner_predict, BREAKAGES["NaN"][0]))
    late = BREAK_AT
    try:
        globals()["BREAK_AT"] = 12  # past the 2 × 3 + 1 calls of the start
        with pytest.raises(ValueError, match=r"your predict, after update 4, returned"):
            descent(predict=broken(learner_predict, BREAKAGES["NaN"][0]))
    finally:
        globals()["BREAK_AT"] = late
    with pytest.raises(ValueError, match=r"your backward, in epoch 2, batch 1, for layer 1's"):
        CALLS["train(backward=…)"][1](broken(learner_backward, BREAKAGES["NaN"][0]))


def test_training_with_an_off_backward_says_so_in_its_history():
    def halved(network, sums, activations, targets):
        weights, biases = nnlib.backward_pass(network, sums, activations, targets)
        return [w / 2 for w in weights], [b / 2 for b in biases]

    history = nnlib.train(nnlib.new_network([2, 3, 1]), XOR_INPUTS, XOR_TARGETS, 3, 1.0, 2,
                          backward=halved)
    assert history.problem.startswith("your backward is off") and "0.5 times" in history.problem
    right = nnlib.train(nnlib.new_network([2, 3, 1]), XOR_INPUTS, XOR_TARGETS, 3, 1.0, 2)
    assert right.problem is None and right.diverged_at is None


def test_training_that_blows_up_stops_warns_and_keeps_a_finite_history():
    def exploding(network, sums, activations, targets):
        weights, biases = nnlib.backward_pass(network, sums, activations, targets)
        if np.abs(network.weights[0]).max() > 1e300:
            network.weights[0][0, 0] = np.inf  # a learner's slip that reaches the weights
        return [w * 1e305 for w in weights], [b * 1e305 for b in biases]

    with pytest.warns(nnlib.DivergenceWarning, match="diverged in epoch") as said:
        history = nnlib.train(nnlib.new_network([2, 3, 1]), XOR_INPUTS, XOR_TARGETS, 20, 1.0, 2,
                              backward=exploding, test=(XOR_INPUTS, XOR_TARGETS))
    assert history.diverged_at is not None and history.diverged_at <= 20
    assert len(history.costs) == len(history.test_costs) == history.diverged_at - 1
    assert np.isfinite(history.costs).all() and np.isfinite(history.test_costs).all()
    assert "your backward is off" in str(said[0].message).lower()


def network_of_lists():
    return nnlib.Network([[[1.0, -2.0], [0.5, 0.5], [-1.0, 3.0]], [[2.0, -1.0, 1.0]]],
                         [[0.1, -0.2, 0.3], [0.0]])


NETWORK_CALLS = {
    "forward_pass": lambda n: nnlib.forward_pass(n, XOR_INPUTS),
    "network_output": lambda n: nnlib.network_output(n, XOR_INPUTS),
    "cost": lambda n: nnlib.cost(n, XOR_INPUTS, XOR_TARGETS),
    "accuracy": lambda n: nnlib.accuracy(n, XOR_INPUTS, XOR_TARGETS),
    "update": lambda n: nnlib.update(n, XOR_INPUTS, XOR_TARGETS, 1.0),
    "train": lambda n: nnlib.train(n, XOR_INPUTS, XOR_TARGETS, 2, 1.0, 2),
    "check_backward": lambda n: nnlib.check_backward(nnlib.backward_pass, n, XOR_INPUTS,
                                                     XOR_TARGETS),
}


def hand_built(kind):
    network = network_of_lists()
    if kind == "lists of lists":
        return network, None
    if kind == "whole numbers":
        network.weights = [np.array([[1, -2], [0, 1], [-1, 3]]), np.array([[2, -1, 1]])]
        return network, None
    if kind == "a layer transposed":
        network.weights[0] = np.array(network.weights[0]).T.tolist()
        return network, r"network.weights\[0\]|network.weights\[1\]"
    if kind == "a bias short":
        network.biases[0] = network.biases[0][:-1]
        return network, r"network.biases\[0\] has 2"
    if kind == "a layer without biases":
        network.biases = network.biases[:1]
        return network, "2 weight matrices and 1 bias lists"
    if kind == "text inside":
        network.weights[1][0][1] = "1"
        return network, r"network.weights\[1\]\[0\]\[1\] is the text"
    if kind == "None for a layer":
        network.weights[1] = None
        return network, r"network.weights\[1\]"
    if kind == "a flat layer":
        network.weights[1] = [2.0, -1.0, 1.0]
        return network, r"network.weights\[1\] has shape \(3,\)"
    raise ValueError(kind)


KINDS = ["lists of lists", "whole numbers", "a layer transposed", "a bias short",
         "a layer without biases", "text inside", "None for a layer", "a flat layer"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("call", list(NETWORK_CALLS))
def test_a_network_built_by_hand_is_converted_or_refused_in_words(call, kind):
    network, refused = hand_built(kind)
    if refused is None:
        result = NETWORK_CALLS[call](network)
        assert all(type(w) is np.ndarray and w.dtype.kind == "f" for w in network.weights)
        assert finite(result if not hasattr(result, "costs") else result.costs)
        return
    with pytest.raises((ValueError, TypeError), match=refused) as caught:
        NETWORK_CALLS[call](network)
    assert not any(phrase in str(caught.value) for phrase in NUMPYS_WORDS), str(caught.value)


def test_training_a_network_of_lists_trains_that_network():
    network = network_of_lists()
    before = np.array(network.weights[0], dtype=float)
    nnlib.train(network, XOR_INPUTS, XOR_TARGETS, 5, 1.0, 2)
    assert not np.allclose(network.weights[0], before), "the learner's own network did not change"


def forward():
    network = nnlib.new_network([2, 4, 3, 1])
    return (network, *nnlib.forward_pass(network, XOR_INPUTS))


SUMS_AND_ACTIVATIONS = {  # how a later array is broken → the words
    "activations[2] transposed": (lambda s, a: (s, [*a[:2], a[2].T, a[3]]), r"activations\[2\] has shape \(3, 4\)"),
    "activations[1] a column more": (lambda s, a: (s, [a[0], np.column_stack([a[1], a[1][:, :1]]), *a[2:]]), r"activations\[1\] has shape \(4, 5\)"),
    "activations[3] a row short": (lambda s, a: (s, [*a[:3], a[3][:-1]]), r"activations\[3\] has shape \(3, 1\)"),
    "sums[1] transposed": (lambda s, a: ([s[0], s[1].T, s[2]], a), r"sums\[1\] has shape \(3, 4\)"),
    "activations of 1e200": (lambda s, a: (s, [a[0], a[1] * 1e200, *a[2:]]), "outside 0 to 1"),
    "one activation missing": (lambda s, a: (s, a[:-1]), "4 of activations"),
    "lists of lists": (lambda s, a: ([z.tolist() for z in s], [x.tolist() for x in a]), None),
}


@pytest.mark.parametrize("case", list(SUMS_AND_ACTIVATIONS))
def test_backward_pass_checks_every_layers_arrays(case):
    network, sums, activations = forward()
    change, said = SUMS_AND_ACTIVATIONS[case]
    sums, activations = change(sums, activations)
    if said is None:
        weights, biases = nnlib.backward_pass(network, sums, activations, XOR_TARGETS)
        assert finite(weights) and finite(biases)
        return
    with pytest.raises(ValueError, match=said):
        nnlib.backward_pass(network, sums, activations, XOR_TARGETS)


def test_targets_far_outside_the_outputs_are_refused_before_training():
    with pytest.raises(ValueError, match="targets must be from 0 to 1"):
        nnlib.train(nnlib.new_network([2, 3, 1]), XOR_INPUTS, XOR_TARGETS * 1e200, 2, 1.0, 2)


def test_finite_differences_refuse_inputs_too_large_to_nudge():
    with pytest.raises(ValueError, match="too large for finite differences"):
        nnlib.check_backward(nnlib.backward_pass, nnlib.new_network([2, 3, 1]),
                             XOR_INPUTS * 1e200, XOR_TARGETS)


def test_count_of_generated_cases(request):
    """The number of generated cases, for the record."""
    cases = ((len(CALLS) + len(EXPLORERS)) * len(BREAKAGES) + len(NETWORK_CALLS) * len(KINDS)
             + len(SUMS_AND_ACTIVATIONS))
    assert cases >= 100, cases


def explorer_run(explorer_class, **functions):
    """An explorer made with a learner's function, and moved as a learner would: the readout
    after the run, which must say what broke (or nothing, for a harmless form)."""
    import matplotlib

    matplotlib.use("Agg")
    from nnlib.explorers import DescentExplorer, TrainingExplorer

    explorer = {"descent": DescentExplorer, "training": TrainingExplorer}[explorer_class](
        **functions)
    try:
        if explorer_class == "descent":
            explorer.learning_rate_slider.value = 0.002
        else:
            explorer.updates_slider.value = 60
        return explorer.readout.value
    finally:
        explorer.close()


EXPLORERS = {
    "DescentExplorer(gradient=…)": ("gradient", lambda f: explorer_run("descent", gradient=f)),
    "DescentExplorer(predict=…)": ("predict", lambda f: explorer_run("descent", predict=f)),
    "TrainingExplorer(backward=…)": ("backward", lambda f: explorer_run("training", backward=f)),
}


@pytest.mark.parametrize("breakage", list(BREAKAGES))
@pytest.mark.parametrize("call", list(EXPLORERS))
def test_an_explorer_with_a_learner_function_that_breaks_says_so_in_its_readout(call, breakage):
    """Moved as a learner would, an explorer whose learner's function breaks along the way
    shows it in its readout, in words naming the function; it raises nothing, and no numpy
    warning spills. A harmless form (a list of numbers) just works."""
    name, run = EXPLORERS[call]
    how, works = BREAKAGES[breakage]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        readout = run(broken(LEARNERS[name], how))
    if works:
        assert "stopped" not in readout and "broke" not in readout, readout
    else:
        assert "stopped" in readout and f"your {name}" in readout, (call, breakage, readout)
        assert not any(phrase in readout for phrase in NUMPYS_WORDS), readout
