"""Notebook 04's exercises: one update of gradient descent, the mini-batches of one epoch, and the
training loop that puts them together.

my_update changes the network it is given, in place. Its check compares the step every weight and
bias took (after − before) with −α ∂C/∂W and −α ∂C/∂b, part by part and layer by layer, so the
engine's words for a sign, a factor or a shape apply to the steps; its known slips are updates
built from the reference with one thing changed.

mini_batches has no single right answer: any order drawn from the generator given is right
(rng.permutation, rng.shuffle, rng.choice without replacement, ...). So the check is
property-based: every example exactly once, in batches of batch_size and a shorter last one, and
an order that comes from `rng` (the same seed gives the same batches, another seed others). Known
slips are still matched first, each by the batches it gives on every probe.

my_train is judged by what it does: it is handed a backward pass that notes every call (the
network at that moment, the batch's inputs and targets), and the check reads off the updates per
epoch, the examples in each batch, the order from epoch to epoch and from seed to seed, and each
step. It runs with the check's own mini_batches and my_update in place of the learner's (each has
its check), so that it judges the loop alone.
"""

import contextlib
import copy
import inspect
import io
import re
import types
from numbers import Number

import numpy as np

from nnlib.exercises.diagnosis import explain, learners_line
from nnlib.exercises.engine import Exercise, NotWritten, Probe, Slip, Wrong, functions_used
from nnlib.network import train as nnlib_train, update as nnlib_update
from nnlib.network import Network, backward_pass, forward_pass, new_network


def _refuse(name, answer, refused):
    """Wrong, in words, if `answer` calls one of nnlib's functions that `refused` maps to words
    (nnlib's own update or loop, which are the answer itself)."""
    used = functions_used(answer)
    for function, words in refused:
        if any(function is other for other in used):
            raise Wrong(name, words)

NAME = "mini_batches"


def mini_batches(count, batch_size, rng):
    order = rng.permutation(count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def _cut(order, batch_size, starts):
    return [order[start:start + batch_size] for start in starts]


def _padded(count, batch_size, rng, pad):
    order = rng.permutation(count)
    full = -(-count // batch_size) * batch_size
    return _cut(pad(order, full), batch_size, range(0, full, batch_size))


CASES = ((10, 4), (7, 3), (12, 4), (5, 1), (6, 6), (3, 8), (23, 5))  # (count, batch_size)


def _probes():
    return [Probe({"count": count, "batch_size": size, "rng": np.random.default_rng(seed)},
                  f"for {count} examples in batches of {size}")
            for seed, (count, size) in enumerate(CASES)]


def _sizes(count, batch_size):
    return [batch_size] * (count // batch_size) + [count % batch_size] * bool(count % batch_size)


def _batches(answer):
    """An answer as {'sizes': the batches' sizes, 'order': their examples one after the other},
    or Wrong saying why it is not a list of batches of example numbers."""
    if (isinstance(answer, np.ndarray) and answer.ndim == 1 and not (
            answer.dtype.kind == "O" and answer.size
            and all(isinstance(item, (list, tuple, np.ndarray)) for item in answer))) or (
            isinstance(answer, (list, tuple)) and answer
            and all(isinstance(item, (Number, np.number)) for item in answer)):
        kind = "array" if isinstance(answer, np.ndarray) else "list"
        raise Wrong(NAME, f"it returns one flat {kind} of example numbers: an epoch needs them cut "
                    "into batches, a list of arrays, one per batch.")
    if isinstance(answer, (str, bytes, Number, dict, set)) or not hasattr(answer, "__iter__"):
        raise Wrong(NAME, f"it returns {answer!r:.60}: an epoch needs a list of batches, each an "
                    "array of example numbers.")
    batches = list(answer)  # a list, a tuple, a generator, or a table (one batch per row)
    arrays = []
    for number, batch in enumerate(batches, start=1):
        if batch is ...:
            raise NotWritten
        try:
            array = np.asarray(batch)
        except ValueError:
            array = np.asarray(batch, dtype=object)
        if array.dtype.kind == "O" and array.ndim == 1 and all(
                isinstance(item, (int, np.integer)) for item in array):
            array = array.astype(int)  # a row of np.array(batches, dtype=object): whole numbers
        if array.ndim == 0:
            raise Wrong(NAME, f"batch {number} is the single number {batch!r:.20}: each batch is "
                        "an array of example numbers (a slice of the shuffled order, "
                        "order[start:stop], is one), and the answer a list of them.")
        if array.ndim > 1:
            raise Wrong(NAME, f"batch {number} is a table of shape {array.shape}: each batch is a "
                        "flat array of example numbers.")
        if array.size and array.dtype.kind not in "iu":
            kind = {"f": "numbers with a decimal point (floats)", "b": "yes/no values"}.get(
                array.dtype.kind, "things that are not whole numbers")
            raise Wrong(NAME, f"batch {number} holds {kind}, {', '.join(map(str, array[:4]))}"
                        f"{', …' * (array.size > 4)}: example numbers "
                        "are whole numbers (ints), since they pick rows of the data, "
                        "inputs[batch]. rng.permutation(count) gives ints.")
        arrays.append(array.astype(int))
    return {"sizes": np.array([len(array) for array in arrays], dtype=int),
            "order": np.concatenate(arrays) if arrays else np.zeros(0, dtype=int)}


SLIPS = [
    Slip("it returns one batch of all the examples: cut the shuffled order into pieces of "
         "batch_size, order[start:start + batch_size].",
         lambda count, batch_size, rng: [rng.permutation(count)]),
    Slip("it leaves out the last, shorter batch when batch_size does not divide count (10 "
         "examples in batches of 4 make batches of 4, 4 and 2): every example belongs in a batch "
         "in every epoch, so the last batch is simply shorter. range(0, count, batch_size) gives "
         "the start of every batch.",
         lambda count, batch_size, rng: _cut(rng.permutation(count), batch_size,
                                             range(0, count - batch_size + 1, batch_size))),
    Slip("count and batch_size are the other way round: the check calls mini_batches(count, "
         "batch_size, rng), count being the number of examples and batch_size the size of each "
         "batch.", lambda count, batch_size, rng: mini_batches(batch_size, count, rng)),
    *[Slip("the last batch is filled up to batch_size with examples already used, or with "
           "numbers that are no examples: the last batch is simply shorter, and holds what is "
           "left of the order.", lambda count, batch_size, rng, pad=pad:
           _padded(count, batch_size, rng, pad))
      for pad in (np.resize, lambda order, full: np.pad(order, (0, full - len(order))))],
    Slip("the batches overlap: each starts one example after the one before, so most examples "
         "are in several batches. Step the start by batch_size: range(0, count, batch_size).",
         lambda count, batch_size, rng: _cut(rng.permutation(count), batch_size,
                                             range(count - batch_size + 1))),
    Slip("each batch holds batch_size − 1 examples, and some examples are left out: a slice "
         "leaves out its end, so order[start:start + batch_size] already holds batch_size of "
         "them.", lambda count, batch_size, rng: [
             order[start:start + batch_size - 1] for order in [rng.permutation(count)]
             for start in range(0, count, batch_size)]),
    Slip("each batch holds one example more than batch_size, the first of the next batch: a "
         "slice leaves out its end, so order[start:start + batch_size] already holds batch_size "
         "of them.", lambda count, batch_size, rng: [
             order[start:start + batch_size + 1] for order in [rng.permutation(count)]
             for start in range(0, count, batch_size)]),
    *[Slip("np.array_split(order, k) cuts the order into k pieces of nearly equal sizes, not "
           "into pieces of batch_size: 10 examples in batches of 4 must give 4, 4 and 2. Cut with "
           "slices instead, order[start:start + batch_size], start going up by batch_size.",
           lambda count, batch_size, rng, pieces=pieces:
           np.array_split(rng.permutation(count), pieces(count, batch_size)))
      for pieces in (lambda count, size: count // size, lambda count, size: -(-count // size),
                     lambda count, size: size)],
    Slip("the examples are numbered from 1 to count: they are counted from 0, 0 to count − 1, as "
         "rng.permutation(count) gives them and as the rows of the data are numbered.",
         lambda count, batch_size, rng: [batch + 1
                                         for batch in mini_batches(count, batch_size, rng)]),
]


class MiniBatches(Exercise):
    """mini_batches' check: known slips first, then the properties of an epoch in plain words."""

    def verdict(self, answer):
        if answer is ...:
            raise NotWritten
        self._check_callable(answer)
        probes = self.probes()
        runs = []
        for index, probe in enumerate(probes):
            try:
                runs.append(self._run(answer, probe, index, probes))
            except Wrong as wrong:
                runs.append(wrong)
        for slip in self.slips:
            made = [self._slip_parts(slip, probe) for probe in probes]
            if _fits(runs, made):
                raise Wrong(self.name, slip.words)
        failed = next((run for run in runs if isinstance(run, Wrong)), None)
        if failed is not None:
            raise _uneven(failed)
        for probe, run in zip(probes, runs):
            words = _content_words(probe, run, probes, runs)
            if words:
                raise Wrong(self.name, words)
        words = self._order_words(answer, probes, runs)
        if words:
            raise Wrong(self.name, words)

    def _order_words(self, answer, probes, runs):
        shuffled = [(probe, run) for probe, run in zip(probes, runs)
                    if probe.arguments["count"] > 1]
        if all(np.array_equal(run["order"], np.arange(len(run["order"]))) for _, run in shuffled):
            return ("the batches hold the examples in their original order 0, 1, 2, …: shuffle "
                    "first, with rng.permutation(count), so that each epoch meets them in a new "
                    "order.")
        mixed = [(probe, run) for probe, run in shuffled
                 if probe.arguments["count"] > probe.arguments["batch_size"] > 1]
        if mixed and all(_groups(run) == _groups(_unshuffled(**probe.arguments))
                         for probe, run in mixed):
            return ("each batch holds the same examples in every epoch (0 to 3, then 4 to 7, … "
                    "for batches of 4), only in another order: shuffle the whole order first, "
                    "then cut it into batches, so that examples meet in new batches each epoch.")
        same = [self._order(answer, 10, 4, np.random.default_rng(seed)) for seed in (100, 100, 101)]
        if not np.array_equal(same[0], same[1]):
            return ("two epochs given generators of the same seed have different batches: the "
                    "order comes from another generator (np.random.permutation, np.random.shuffle, "
                    "Python's random, or a new np.random.default_rng()), not from rng. Draw it "
                    "from the rng given, rng.permutation(count), so that a seed gives the same "
                    "epochs on every run.")
        if np.array_equal(same[0], same[2]):
            return ("generators of different seeds give the same batches: the order does not come "
                    "from the rng given (is a generator made inside, with a fixed seed, such as "
                    "np.random.default_rng(0)?). Draw it from rng: rng.permutation(count).")
        return None

    def _order(self, answer, count, batch_size, rng):
        probe = Probe({"count": count, "batch_size": batch_size, "rng": rng},
                      f"for {count} examples in batches of {batch_size}")
        return self._run(answer, probe, 0, [probe])["order"]


def _uneven(failed):
    """A cut into equal pieces (np.split, reshape) that fails where the last batch is shorter:
    said in the exercise's words."""
    cause = failed.__cause__
    if isinstance(cause, ValueError) and ("equal division" in str(cause)
                                          or "cannot reshape" in str(cause)):
        wrong = Wrong(NAME, "np.split and .reshape cut only into pieces of equal size, and the "
                      "last batch is shorter when batch_size does not divide count (10 examples "
                      "in batches of 4 make batches of 4, 4 and 2). Cut with slices instead, "
                      "order[start:start + batch_size], start going up by batch_size.",
                      failed.where)
        wrong.__cause__ = cause
        return wrong
    return failed


def _fits(runs, made):
    """Whether a slip gives the learner's batches on every probe (its sizes, and the same
    examples: the order may come from rng otherwise), and fails where the learner's fails."""
    both = 0
    for run, slip in zip(runs, made):
        if isinstance(run, Wrong):
            if slip is not None:
                return False
            continue
        if slip is None or not (np.array_equal(run["sizes"], slip["sizes"]) and np.array_equal(
                np.sort(run["order"]), np.sort(slip["order"]))):
            return False
        both += 1
    return both > 0


def _unshuffled(count, batch_size, rng):
    return {"sizes": np.array(_sizes(count, batch_size)), "order": np.arange(count)}


def _groups(run):
    """The batches as sets of examples, whatever the order within and between them."""
    ends = np.cumsum(run["sizes"]).astype(int)
    return sorted(tuple(sorted(part)) for part in np.split(run["order"].astype(int), ends[:-1]))


def _listed(values, most=12):
    values = [int(value) for value in values]
    return (", ".join(map(str, values)) if len(values) <= most
            else ", ".join(map(str, values[:most])) + ", …")


def _content_words(probe, run, probes, runs):
    """Words for batches that are not every example once, in batches of batch_size."""
    count, batch_size = probe.arguments["count"], probe.arguments["batch_size"]
    sizes, order = run["sizes"].astype(int), run["order"].astype(int)
    want = _sizes(count, batch_size)
    said = probe.about
    if list(sizes) != want:
        for other, other_run in zip(probes, runs):
            theirs = _sizes(other.arguments["count"], other.arguments["batch_size"])
            if other is not probe and list(sizes) == theirs and list(other_run["sizes"]) == theirs:
                return (f"{said}, your batches have sizes {_listed(sizes)}, the sizes that are "
                        f"right {other.about}: is a size written as a fixed number, where count "
                        "or batch_size belongs?")
        others = {other.arguments["batch_size"] for other in probes} - {batch_size}
        if len(sizes) > 1 and len(set(sizes[:-1])) == 1 and sizes[0] in others:
            return (f"{said}, your batches hold {sizes[0]} examples each: is the size of a batch "
                    "written as a fixed number, where batch_size belongs?")
        if 0 in sizes:
            return (f"{said}, batch {list(sizes).index(0) + 1} is empty: every batch holds at "
                    "least one example (an empty one would make an update from no examples). "
                    "range(0, count, batch_size) gives the start of each batch that holds some.")
        held = (f" (they hold {sizes.sum()} examples in all, where there are {count})"
                if sizes.sum() != count else "")
        return (f"{count} examples in batches of {batch_size} make batches of {_listed(want)}; "
                f"yours have {_listed(sizes) or 'none'}{held}. Step the start by batch_size, "
                "range(0, count, batch_size), and cut order[start:start + batch_size].")
    outside = order[(order < 0) | (order >= count)]
    if outside.size:
        return (f"{said}, your batches hold example {outside[0]}, which does not exist: the "
                f"{count} examples are numbered 0 to {count - 1}.")
    times = np.bincount(order, minlength=count)
    if (times != 1).any():
        twice, missing = np.flatnonzero(times > 1), np.flatnonzero(times == 0)
        return (f"{said}, your batches hold {_listed(np.sort(order))}: example {twice[0]} is in "
                f"{times[twice[0]]} of them and example {missing[0]} in none. Every example "
                f"from 0 to {count - 1} must appear exactly once: cut one shuffled order into "
                "pieces, do not draw each batch at random.")
    return None


mini_batches_exercise = MiniBatches(
    name=NAME, reference=mini_batches, parameters=("count", "batch_size", "rng"), probes=_probes,
    parts=_batches, slips=SLIPS,
    terms={"count": "the number of examples", "batch_size": "the examples in each batch",
           "rng": "the random generator"},
    right="Right: every example exactly once per epoch, batch_size at a time and fewer in the last "
          "batch where batch_size does not divide count (10 examples in batches of 4: 4, 4 and "
          "2), for batch sizes from 1 to more than count, in an order drawn from rng: the same "
          "seed gives the same batches, another seed others.")


# One update: W ← W − α ∂C/∂W and b ← b − α ∂C/∂b for every layer, in place

UPDATE = "my_update"


def update(network, inputs, targets, learning_rate, backward):
    """The worked answer: one step of gradient descent on one batch, changing `network`."""
    sums, activations = forward_pass(network, inputs)
    weight_gradients, bias_gradients = backward(network, sums, activations, targets)
    for i in range(len(network.weights)):  # list place i holds layer i + 1
        network.weights[i] -= learning_rate * weight_gradients[i]
        network.biases[i] -= learning_rate * bias_gradients[i]


def _update_with(network, inputs, targets, learning_rate, backward, sign=-1, alpha=True,
                 layers="every", weights=True, biases=True, divisor=1, again=None,
                 own_backward=False):
    """The reference update with one thing changed, as a slip changes it: the sign of the step,
    α left out, which layers and which parameters step, a divisor, the gradients worked out again
    before each layer's step (`again`: "forward" or "backward", the order of the layers), or
    nnlib.backward_pass in place of the backward given."""
    backward = backward_pass if own_backward else backward
    count = len(network.weights)
    stepping = {"every": range(count), "last": [count - 1], "first": [0],
                "first two": range(min(2, count))}[layers]
    if again:
        stepping = stepping if again == "forward" else reversed(stepping)
    gradients = None
    for i in stepping:
        if gradients is None or again:
            gradients = backward(network, *forward_pass(network, inputs), targets)
        rate = (learning_rate if alpha else 1) / divisor
        if weights:
            network.weights[i] += sign * rate * gradients[0][i]
        if biases:
            network.biases[i] += sign * rate * gradients[1][i]


def cross_entropy_backward(network, sums, activations, targets):
    """The backward pass of another cost, cross-entropy, whose output δ is a − y (no σ′): one
    probe hands it to the update, so an update that calls nnlib.backward_pass in place of the
    backward it is given shows."""
    return backward_pass(Network(network.weights, network.biases, cost="cross-entropy"), sums,
                         activations, targets)


class _Said(Exception):
    """Words for a wrong update found while taking its steps (raised through the engine's run)."""


def _steps(function):
    """`function`, an update that changes the network in place, made into an answer the engine
    compares: the step each weight and bias took, after − before. The network is then put back
    as it was, so that the engine, which names any change of an input, sees none."""
    def stepped(network, inputs, targets, learning_rate, backward):
        before = ([np.array(w, dtype=float) for w in network.weights],
                  [np.array(b, dtype=float) for b in network.biases])
        result = function(network, inputs, targets, learning_rate, backward)
        if result is ...:
            return ...
        steps = {}
        for layer, (w, b) in enumerate(zip(*before), start=1):
            for name, then, parameters in (("W", w, "weights"), ("b", b, "biases")):
                now = _parameter(network, parameters, layer - 1)
                if now.shape != then.shape:
                    raise _Said(f"after my_update, layer {layer}'s {parameters} have shape "
                                f"{now.shape} where they had {then.shape}: a step changes the "
                                "values of W and b, never their shape. Is a gradient of another "
                                "layer used, or the lists of gradients in another order?")
                steps[f"layer {layer}'s step of {name}"] = now - then
        moved = any(np.any(step != 0) for step in steps.values())
        if not moved and isinstance(result, Network):
            raise _Said("my_update returns a new network and leaves the one it is given as it "
                        "was; the loop goes on with the network it has, so the update must "
                        "change that one: network.weights[l] -= learning_rate * "
                        "weight_gradients[l] changes its arrays in place.")
        network.weights, network.biases = ([a.copy() for a in arrays] for arrays in before)
        return steps
    return stepped


def _parameter(network, parameters, index):
    try:
        return np.asarray(getattr(network, parameters)[index], dtype=float)
    except (TypeError, ValueError, IndexError, AttributeError):
        raise _Said(f"after my_update, network.{parameters} is no longer a list of arrays, one "
                    "per layer: change the numbers in those arrays (network.weights[l] -= …), "
                    "and keep the lists as they are.") from None


def _update_probe(sizes, examples, learning_rate, seed, backward=backward_pass, about=""):
    rng = np.random.default_rng(seed)
    inputs = rng.normal(size=(examples, sizes[0]))
    targets = rng.uniform(0, 1, size=(examples, sizes[-1]))
    return Probe({"network": new_network(sizes, seed=seed), "inputs": inputs, "targets": targets,
                  "learning_rate": learning_rate, "backward": backward},
                 f"on a {'-'.join(map(str, sizes))} network with {examples} "
                 f"example{'s' * (examples != 1)} and α = {learning_rate:g}{about}",
                 examples=examples)


def _update_probes():
    return [_update_probe((2, 4, 3), 5, 0.5, 1), _update_probe((4, 6, 3, 2), 3, 3.0, 2),
            _update_probe((2, 3, 1), 1, 0.1, 3),
            _update_probe((3, 5, 2), 7, 1.5, 4, cross_entropy_backward,
                          ", handed the backward pass of another cost (cross-entropy)")]


_STEP = "W ← W − α ∂C/∂W and b ← b − α ∂C/∂b"
_IN_PLACE = ("network.weights[l] -= learning_rate * weight_gradients[l] changes the network's "
             "own array (-= works in place)")

UPDATE_SLIPS = [
    Slip(f"every weight and bias steps uphill, + where − belongs: the gradient points the way the "
         f"cost grows, so the update goes against it, {_STEP}.",
         _steps(lambda *a: _update_with(*a, sign=1))),
    Slip(f"the steps leave out α: each is the whole gradient, −∂C/∂W, where the update takes "
         f"−α ∂C/∂W ({_STEP}), α = learning_rate being the size of the step.",
         _steps(lambda *a: _update_with(*a, alpha=False))),
    Slip(f"the steps go uphill and leave out α: the update is {_STEP}, with the minus and with α.",
         _steps(lambda *a: _update_with(*a, sign=1, alpha=False))),
    Slip("the biases do not move: they learn as the weights do, b ← b − α ∂C/∂b, with "
         "bias_gradients[l] for network.biases[l].",
         _steps(lambda *a: _update_with(*a, biases=False))),
    Slip("the weights do not move, only the biases: every layer's weights step too, "
         "W ← W − α ∂C/∂W, with weight_gradients[l] for network.weights[l].",
         _steps(lambda *a: _update_with(*a, weights=False))),
    Slip("only the last layer moves: every layer steps in each update, from the first to the "
         "last; loop over all of them, for l in range(len(network.weights)).",
         _steps(lambda *a: _update_with(*a, layers="last"))),
    Slip("only the first layer moves: every layer steps in each update; loop over all of them, "
         "for l in range(len(network.weights)).",
         _steps(lambda *a: _update_with(*a, layers="first"))),
    Slip("only layers 1 and 2 move: a network may have more layers (the check tries one with 3 "
         "layers of weights). Loop over all of them, for l in range(len(network.weights)).",
         _steps(lambda *a: _update_with(*a, layers="first two"))),
    Slip("the network given is left as it was: the steps were taken on something else. Either a "
         "copy was updated (copy.deepcopy(network), or a Network made anew), or a line such as "
         "`weights = weights - learning_rate * dw` made a new array and gave it a name, leaving "
         f"network.weights[l] as it was. Instead, {_IN_PLACE}; or assign the new array back, "
         "network.weights[l] = network.weights[l] - ….",
         _steps(lambda *a: None)),
    *[Slip("the gradients are worked out again before each layer's step, so a layer steps with "
           "slopes taken after other layers have already moved: one update takes one forward "
           "and one backward pass, then steps every layer with those gradients.",
           _steps(lambda *a, again=again: _update_with(*a, again=again)))
      for again in ("forward", "backward")],
    Slip(f"each step is twice α times the gradient: the update is {_STEP}, α times the gradient "
         "as the backward pass gives it, with no factor 2.",
         _steps(lambda *a: _update_with(*a, divisor=0.5))),
    Slip(f"each step is half α times the gradient: the update is {_STEP}, α times the gradient "
         "as the backward pass gives it, with no ½.",
         _steps(lambda *a: _update_with(*a, divisor=2))),
    Slip("every step is divided by the number of examples: the backward pass already averages "
         "the slopes over the batch (∂C/∂W is a mean), so the update takes −α ∂C/∂W as it is.",
         _steps(lambda network, inputs, *a: _update_with(network, inputs, *a,
                                                         divisor=len(inputs)))),
    Slip("the update works out the gradients with nnlib.backward_pass, not with the backward it "
         "is given: call backward(network, sums, activations, targets), so that the loop can "
         "train with whichever backward pass it is handed (yours from notebook 03, say). The "
         "check hands one probe the backward pass of another cost.",
         _steps(lambda *a: _update_with(*a, own_backward=True))),
]


class Update(Exercise):
    """my_update's check: the learner's update run on each probe, its steps compared with the
    reference's part by part (see `_steps`)."""

    def verdict(self, answer):
        if answer is ...:
            raise NotWritten
        self._check_callable(answer)
        _refuse(self.name, answer, [(nnlib_update, (
            "your my_update calls nnlib.update, which is the answer itself (this update, as "
            "nnlib keeps it): write the step yourself, the forward pass, the backward pass given, "
            f"then {_STEP} for every layer."))])
        return super().verdict(_steps(answer))

    def _run(self, answer, probe, index, probes):
        try:
            return super()._run(answer, probe, index, probes)
        except Wrong as wrong:
            if isinstance(wrong.__cause__, _Said):
                raise Wrong(self.name, str(wrong.__cause__)) from None
            words = _update_error_words(wrong.__cause__, wrong.where)
            if words is None:
                raise
            said = Wrong(self.name, f"{words} (It failed {probe.about}.)", wrong.where)
            said.__cause__ = wrong.__cause__
            raise said from wrong.__cause__


def _update_error_words(error, where):
    """Words, in the update's terms, for the errors its usual slips raise; None for others."""
    message, code = str(error), where.code if where else ""
    if isinstance(error, ValueError) and "broadcast" in message and ("-=" in code or "+=" in code
                                                                     or "weights" in code
                                                                     or "biases" in code):
        shapes = " and ".join(dict.fromkeys(re.findall(r"\([\d, ]*\)", message)))
        return (f"a step does not fit the array it changes (shapes {shapes}): each layer steps "
                "with its own gradient, network.weights[l] with weight_gradients[l] and "
                "network.biases[l] with bias_gradients[l], the same l. A backward pass returns "
                "(weight_gradients, bias_gradients), the weights' first, in the order of the "
                "layers.")
    if isinstance(error, TypeError) and ("can't multiply sequence" in message
                                         or "unsupported operand" in message and "list" in message):
        return ("a whole list was used as one array: weight_gradients holds one array per layer "
                "(and network.weights one W per layer), and α times a list, or a list minus "
                "another, is no step. Go through the layers, and step each array in turn: for l "
                "in range(len(network.weights)): network.weights[l] -= learning_rate * "
                "weight_gradients[l], and the same for the biases.")
    if isinstance(error, (TypeError, ValueError)) and "backward" in code and (
            "argument" in message or "forward_pass gives" in message):
        if re.search(r"backward\(\s*network\s*,\s*sums\s*,\s*activations\s*,", code):
            return ("the sums and the activations are swapped before they reach backward: "
                    "nnlib.forward_pass gives (sums, activations), in that order, so unpack it as "
                    "sums, activations = nnlib.forward_pass(network, inputs). Is it unpacked as "
                    "activations, sums = …? The call backward(network, sums, activations, targets) "
                    "is right as it stands.")
        return ("backward is called as backward(network, sums, activations, targets), with the "
                "sums and activations that nnlib.forward_pass(network, inputs) gives: "
                "sums, activations = nnlib.forward_pass(network, inputs) first.")
    return None


update_exercise = Update(
    name=UPDATE, reference=_steps(update),
    parameters=("network", "inputs", "targets", "learning_rate", "backward"),
    probes=_update_probes, slips=UPDATE_SLIPS, parts=dict,
    terms={"weight_gradients": "one ∂C/∂W per layer", "bias_gradients": "one ∂C/∂b per layer",
           "network.weights": "one W per layer", "network.biases": "one b per layer",
           "inputs": "one row per example", "targets": "one row per example, one column per "
           "output", "learning_rate": "α, one number"},
    right="Right: my_update steps every layer's weights and biases by −α times their gradient, "
          "on the network it is given, on networks of 2 and 3 layers of weights "
          "(2-4-3, 4-6-3-2, 2-3-1, 3-5-2), "
          "batches of 5, 3, 1 and 7 examples, and with the backward pass it is handed.")


# The training loop: epochs, each its own shuffled mini-batches, one update per batch

TRAIN = "my_train"


def train(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    """The worked answer: the loop around mini_batches and update, a plain Python loop as a
    learner writes it (a notebook runs it where the learner's own does not pass its checks)."""
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            update(network, inputs[batch], targets[batch], learning_rate, backward)


# The loop is judged alone: where it calls these names, it gets the check's own pieces.
PIECES = {"mini_batches": mini_batches, "my_update": update}


def _alone(answer):
    """`answer` with the check's mini_batches and my_update in place of the learner's, as a new
    function: the learner's own names and function are left as they are."""
    code = getattr(answer, "__code__", None)
    if code is None or not isinstance(getattr(answer, "__globals__", None), dict):
        return answer
    namespace = {**answer.__globals__, **PIECES}
    alone = types.FunctionType(code, namespace, answer.__name__, answer.__defaults__,
                               answer.__closure__)
    alone.__kwdefaults__ = answer.__kwdefaults__
    return alone


class _Recorder:
    """A backward pass that notes each call, the network as it was then and the batch, and gives
    nnlib's gradients. Its module is nnlib's, so that nnlib.update trusts it as it is."""

    def __init__(self):
        self.calls = []

    def __call__(self, network, sums, activations, targets):
        gradients = backward_pass(network, sums, activations, targets)
        self.calls.append(_Call(id(network), [np.array(w, dtype=float) for w in network.weights],
                                [np.array(b, dtype=float) for b in network.biases],
                                np.array(activations[0], dtype=float),
                                np.array(targets, dtype=float), gradients))
        return gradients


class _Call:
    def __init__(self, network, weights, biases, inputs, targets, gradients):
        self.network, self.weights, self.biases = network, weights, biases
        self.inputs, self.targets, self.gradients = inputs, targets, gradients
        self.examples = None  # the example numbers of the batch, once found


def _loop_probe(examples, sizes, epochs, learning_rate, batch_size, seed):
    rng = np.random.default_rng(100 + seed)
    inputs = np.round(rng.normal(size=(examples, sizes[0])), 3) + np.arange(examples)[:, None]
    targets = rng.uniform(0, 1, size=(examples, sizes[-1]))
    return Probe({"network": new_network(sizes, seed=seed), "inputs": inputs, "targets": targets,
                  "epochs": epochs, "learning_rate": learning_rate, "batch_size": batch_size,
                  "seed": seed, "backward": None},
                 f"for {epochs} epochs of {examples} examples in batches of {batch_size}",
                 examples=examples)


def _loop_probes():
    return [_loop_probe(10, (2, 3, 1), 3, 0.5, 4, 5), _loop_probe(7, (3, 4, 2), 2, 2.0, 3, 6),
            _loop_probe(6, (2, 5, 3, 1), 2, 1.0, 1, 7), _loop_probe(5, (2, 3, 1), 4, 0.3, 5, 8)]


def _per_epoch(probe):
    count, size = len(probe.arguments["inputs"]), probe.arguments["batch_size"]
    return [size] * (count // size) + [count % size] * bool(count % size)


_GIVEN = "my_update(network, inputs[batch], targets[batch], learning_rate, backward)"


class TrainingLoop(Exercise):
    """my_train's check: the loop run on each probe with a recording backward (see the module's
    docstring), and what it did compared with what a training loop does."""

    def verdict(self, answer):
        if answer is ...:
            raise NotWritten
        self._check_callable(answer)
        try:
            inspect.signature(answer).bind(**dict.fromkeys(self.parameters))
        except TypeError:
            raise Wrong(self.name, f"your function is defined as {answer.__name__}"
                        f"{inspect.signature(answer)}, and the cells below call my_train with "
                        f"these names: {', '.join(self.parameters)}. Name its parameters so.") \
                from None
        except ValueError:  # a built-in function that does not tell its parameters
            pass
        _refuse(self.name, answer, [
            (nnlib_train, "my_train calls nnlib.train, which is the training loop itself: write "
             "the loop yourself, one generator from the seed, then for each epoch the batches of "
             "your mini_batches, and for each batch one update with your my_update."),
            (nnlib_update, "my_train calls nnlib.update: make each update with your my_update "
             "(checked above), my_update(network, inputs[batch], targets[batch], learning_rate, "
             "backward), so that the loop is yours from end to end.")])
        loop, probes = _alone(answer), self.probes()
        runs = [self._record(loop, probe, probe.arguments["seed"]) for probe in probes]
        for probe, run in zip(probes, runs):
            words = _loop_words(probe, run)
            if words:
                raise Wrong(self.name, f"{words} ({probe.about.capitalize()}.)")
        words = self._seed_words(loop, probes[0], runs[0])
        if words:
            raise Wrong(self.name, words)

    def _record(self, loop, probe, seed):
        """(the calls of the backward pass, the network after the loop) for one run."""
        given = copy.deepcopy(probe.arguments)
        given["seed"], given["backward"] = seed, _Recorder()
        start = copy.deepcopy(given["network"])
        try:  # what the loop prints (a cost per epoch, say) is not shown for each probe
            with np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()):
                result = loop(*given.values())
        except NotWritten:
            raise
        except Exception as error:
            if isinstance(error, (TypeError, AttributeError)) and "ellipsis" in str(error).lower():
                raise Wrong(self.name, "my_train met a `...`: one is still left in it (in place of "
                            "a value or a loop's list), or a function it calls gives `...` back, "
                            "not being written yet. Write every part of the loop; the check uses "
                            "its own mini_batches and my_update.", learners_line(error)) from error
            where = learners_line(error)
            if where and re.match(r"\s*network\s*=\s*[\w.]*update\(", where.code):
                words = ("`network` became None: `network = …update(…)` gives it what the update "
                         "returns, and an update that changes the network in place returns "
                         "nothing (None). Call it on a line of its own, without `network =`: the "
                         "network it is given is the one it changes.")
            else:
                words = explain(error, self.name, self.terms)
            raise Wrong(self.name, f"{words.rstrip()} (It failed {probe.about}.)",
                        where) from error
        if result is ...:
            raise NotWritten
        for name in ("inputs", "targets"):
            if not np.array_equal(given[name], probe.arguments[name]):
                raise Wrong(self.name, f"my_train changes `{name}` in place (a line such as "
                            f"rng.shuffle({name}) or {name}[…] = …), so the caller's data are "
                            "altered, and inputs and targets may no longer pair up. Leave them as "
                            "they are: a batch takes its rows, inputs[batch] and targets[batch].")
        return dict(calls=given["backward"].calls, start=start, end=given["network"],
                    network=id(given["network"]))

    def _seed_words(self, loop, probe, run):
        seed = probe.arguments["seed"]
        again = self._record(loop, probe, seed)
        other = self._record(loop, probe, seed + 1)
        orders = [np.concatenate([call.examples for call in r["calls"]])
                  for r in (run, again, other) if _examples(probe, r["calls"]) is None]
        if len(orders) < 3:
            return None
        if not np.array_equal(orders[0], orders[1]):
            return ("two runs with the same seed meet the examples in different orders: the order "
                    "comes from a generator not made from seed (np.random.default_rng() without "
                    "it, or np.random's own functions). Make one, once, from the seed given: rng = "
                    "np.random.default_rng(seed), and draw every epoch's batches from it.")
        if np.array_equal(orders[0], orders[2]):
            return ("runs with different seeds meet the examples in the same order: the generator "
                    "does not come from seed (is it made with a fixed number, such as "
                    "np.random.default_rng(0)?). Make it from the seed given: rng = "
                    "np.random.default_rng(seed).")
        return None


def _examples(probe, calls):
    """Find each call's example numbers (call.examples); words if a batch is no set of rows of
    `inputs` with their own targets, else None."""
    inputs, targets = probe.arguments["inputs"], probe.arguments["targets"]
    rows = {row.tobytes(): k for k, row in enumerate(inputs)}
    for number, call in enumerate(calls, start=1):
        if call.inputs.ndim != 2 or call.inputs.shape[1:] != inputs.shape[1:]:
            return (f"update {number} was given inputs of shape {call.inputs.shape}, not rows of "
                    f"`inputs`, whose shape is {inputs.shape}: pass the batch's rows, "
                    "inputs[batch].")
        found = [rows.get(row.tobytes()) for row in call.inputs]
        if None in found:
            return (f"update {number} was given inputs that are not rows of `inputs`: pass the "
                    "batch's rows as they are, inputs[batch].")
        call.examples = np.array(found, dtype=int)
        if call.targets.shape != targets[call.examples].shape or not np.array_equal(
                call.targets, targets[call.examples]):
            return (f"update {number} was given targets that are not those of its inputs: take "
                    "the same rows of both, inputs[batch] and targets[batch], so that each "
                    "example keeps its own target.")
    return None


def _loop_words(probe, run):
    """What is wrong with one run of a loop, in words; None if nothing."""
    calls, start, end = run["calls"], run["start"], run["end"]
    moved = _moved(start, end)
    if not calls:
        if moved:
            return ("the network changed, but not through the backward pass my_train is given: "
                    f"pass it on, {_GIVEN}, so that the loop trains with whichever backward pass "
                    "it is handed (yours from notebook 03, say).")
        return ("my_train leaves the network as it was: no update ran. For every batch of every "
                f"epoch, call {_GIVEN}.")
    words = _examples(probe, calls)
    if words:
        return words
    count, epochs = len(probe.arguments["inputs"]), probe.arguments["epochs"]
    size = probe.arguments["batch_size"]
    sizes, per_epoch = [len(call.examples) for call in calls], _per_epoch(probe)
    total = epochs * len(per_epoch)
    if sizes != per_epoch * epochs:
        return (_handed_words(probe, calls)
                or _count_words(sizes, per_epoch, epochs, count, size, total))
    orders = [np.concatenate([call.examples for call in calls[k:k + len(per_epoch)]])
              for k in range(0, len(calls), len(per_epoch))]
    for epoch, order in enumerate(orders, start=1):
        if not np.array_equal(np.sort(order), np.arange(count)):
            twice = np.flatnonzero(np.bincount(order, minlength=count) > 1)
            return (f"in epoch {epoch} the batches hold example {twice[0]} more than once, and "
                    "leave others out: every example once per epoch, as mini_batches(len(inputs), "
                    "batch_size, rng) gives them, a new call for each epoch.")
    if count > 1 and all(np.array_equal(order, np.arange(count)) for order in orders):
        return ("the examples come in their original order, 0, 1, 2, …, in every epoch: no "
                "shuffle. Draw each epoch's batches from the generator, mini_batches(len(inputs), "
                "batch_size, rng), inside the loop over the epochs.")
    if count > 1 and epochs > 1 and all(np.array_equal(order, orders[0]) for order in orders):
        return ("every epoch meets the examples in the same order: the generator starts afresh "
                "each epoch (rng = np.random.default_rng(seed) inside the loop over epochs), or "
                "the batches are drawn once, before it. Make rng once, before the loop, and draw "
                "new batches from it each epoch.")
    return _step_words(probe, run)


def _handed_words(probe, calls):
    """Words for a loop whose batches are, every epoch, those of mini_batches handed other numbers
    than (len(inputs), batch_size): the examples 0 to m − 1 only, shuffled, in pieces of s. None if
    the batches are not so."""
    inputs, epochs = probe.arguments["inputs"], probe.arguments["epochs"]
    count, size = len(inputs), probe.arguments["batch_size"]
    sizes = [len(call.examples) for call in calls]
    likeliest = [(size, count), (inputs.shape[1], size)]  # the numbers swapped; a row's length
    pairs = likeliest + [(m, s) for m in range(1, count) for s in (size, *range(1, count + 1))]
    for m, s in dict.fromkeys(pair for pair in pairs if 0 < pair[0] < count):
        per_epoch = _sizes(m, s)
        if sizes != per_epoch * epochs:
            continue
        orders = [np.concatenate([call.examples for call in calls[k:k + len(per_epoch)]])
                  for k in range(0, len(calls), len(per_epoch))]
        if not all(np.array_equal(np.sort(order), np.arange(m)) for order in orders):
            continue
        made = (f"every epoch the loop made {len(per_epoch)} "
                f"batch{'es' * (len(per_epoch) != 1)} of {_listed(per_epoch)} example"
                f"{'s' * (per_epoch != [1])}, from examples 0 to {m - 1} only, as "
                f"mini_batches({m}, {s}, rng) gives them; the {count} examples in batches of "
                f"{size} are those of mini_batches(len(inputs), batch_size, rng) = "
                f"mini_batches({count}, {size}, rng)")
        if (m, s) == (size, count):
            return (f"mini_batches is handed its numbers the other way round, "
                    f"mini_batches(batch_size, len(inputs), rng): {made}. It takes the number "
                    "of examples first, then the size of a batch.")
        if m == inputs.shape[1]:
            return (f"mini_batches is handed {m}, the length of one row, len(inputs[0]) (the "
                    f"number of inputs of one example), as the number of examples: {made}. "
                    "The examples are the rows of inputs, and len(inputs) counts them.")
        return (f"mini_batches is handed other numbers than len(inputs) and batch_size: "
                f"{made}.")
    return None


def _count_words(sizes, per_epoch, epochs, count, size, total):
    made = len(sizes)
    said = (f"my_train made {made} update{'s' * (made != 1)}, where {epochs} epochs of "
            f"{len(per_epoch)} batch{'es' * (len(per_epoch) != 1)} make {total}")
    if all(s == count for s in sizes) and count > size:
        if made == epochs:
            return (f"{said}: one update per epoch, on all {count} examples at once. The loop over "
                    "the batches is missing: for batch in mini_batches(len(inputs), batch_size, "
                    f"rng): {_GIVEN}.")
        return (f"each update is given all {count} examples, where it takes one batch: pass the "
                "batch's rows, inputs[batch] and targets[batch].")
    if sizes == per_epoch and epochs > 1:
        return (f"{said}: one epoch only. The batches and their updates repeat for every epoch: "
                "for epoch in range(epochs): … around them.")
    if made == epochs and len(per_epoch) > 1:
        return (f"{said}: one update per epoch, on its first batch only. Every batch of the "
                f"epoch makes an update: for batch in mini_batches(...): {_GIVEN}.")
    if sizes == per_epoch * (epochs - 1):
        return (f"{said}: one epoch too few. range(epochs) counts epochs of them (0 to epochs − "
                "1); range(1, epochs) one fewer.")
    if sizes == per_epoch * (epochs + 1):
        return f"{said}: one epoch too many. range(epochs) counts exactly epochs of them."
    for other in range(1, count + 1):
        theirs = [other] * (count // other) + [count % other] * bool(count % other)
        if other != size and sizes == theirs * epochs:
            return (f"{said}: the batches hold {other} examples, where batch_size is {size}: is "
                    "the size of a batch written as a fixed number, where batch_size belongs?")
    return (f"{said}, with batches of {', '.join(map(str, per_epoch))} examples each epoch; "
            f"yours held {', '.join(map(str, sizes[:12]))}{', …' * (len(sizes) > 12)}. One update "
            "per batch: for batch in mini_batches(len(inputs), batch_size, rng).")


def _moved(start, end):
    return any(not np.array_equal(a, b) for a, b in zip(start.weights + start.biases,
                                                         end.weights + end.biases))


def _state(call):
    return call.weights + call.biases


def _step_words(probe, run):
    """Words for steps that are not −α times the gradient of the batch, or for a network given
    that is not the one trained."""
    calls, start, end = run["calls"], run["start"], run["end"]
    alpha = probe.arguments["learning_rate"]
    if not _moved(start, end):
        if all(not _moved(start, _as_network(call)) for call in calls):
            return ("each update starts from the network as it was at the start, and what it "
                    "changes is lost: the updates are made on copies (copy.deepcopy(network) "
                    "passed to the update?). Pass the network itself: the update changes it in "
                    "place, and the next batch goes on from there.")
        return ("the network given is left as it was: the loop trains a copy of it "
                "(copy.deepcopy(network), or a Network made anew) and keeps it to itself. Train "
                "the network given: the caller's network is the one that should learn.")
    afters = [_state(call) for call in calls[1:]] + [end.weights + end.biases]
    for number, (call, after) in enumerate(zip(calls, afters), start=1):
        expected = [p - alpha * g for p, g in zip(_state(call), call.gradients[0] +
                                                  call.gradients[1])]
        if all(np.allclose(a, e, rtol=1e-6, atol=1e-9) for a, e in zip(after, expected)):
            continue
        step = np.concatenate([(a - p).ravel() for a, p in zip(after, _state(call))])
        gradient = np.concatenate([g.ravel() for g in call.gradients[0] + call.gradients[1]])
        ratio = _ratio(step, -gradient)
        if ratio is not None and not np.isclose(ratio, alpha):
            return (f"update {number} steps by {ratio:.3g} times −∂C/∂W, where learning_rate is "
                    f"{alpha:g}: pass learning_rate on to the update as it is given.")
        return (f"the network after update {number} is not the one that update made: is the "
                "network changed between updates, or are two networks trained side by side? "
                f"Each batch: {_GIVEN}, on the network given, and nothing else.")
    return None


def _as_network(call):
    return Network(call.weights, call.biases)


def _ratio(step, gradient):
    big = np.abs(gradient) > 1e-9 * max(np.abs(gradient).max(), 1e-300)
    if not big.any():
        return None
    ratios = step[big] / gradient[big]
    ratio = float(np.median(ratios))
    return ratio if np.allclose(step, ratio * gradient, rtol=1e-6, atol=1e-12) else None


training_loop_exercise = TrainingLoop(
    name=TRAIN, reference=train,
    parameters=("network", "inputs", "targets", "epochs", "learning_rate", "batch_size", "seed",
                "backward"),
    probes=_loop_probes,
    terms={"inputs": "one row per example", "targets": "one row per example",
           "batch": "the example numbers of one batch"},
    right="Right: my_train makes one update per batch, every example once per epoch in a new "
          "order drawn from the seed (the same seed, the same run; another seed, another), each "
          "update a step of −α times the gradient of the backward pass it is handed, on the "
          "network given: for 3, 2, 2 and 4 epochs of 10, 7, 6 and 5 examples in batches of 4, "
          "3, 1 and 5.")

CHECKS = dict(mini_batches=mini_batches_exercise, update=update_exercise,
              train=training_loop_exercise)
