"""Notebook 03's exercise: a backward pass, every layer's ∂C/∂W and ∂C/∂b for a batch.

The reference is the four equations in matrix form, written once with a `slips` parameter: which
equation goes wrong, how, and in which layers. Every known slip is that reference with one or two
of its equations changed, so a slip in the output layer's δ (which every layer's gradients
inherit) is told apart from a slip in one layer's ∂C/∂W, and named by its equation and layer.
Some slips in the δ passed back (the weights or the sums of the wrong layer) cannot be computed on
most networks: the reference then fails as a learner's code does, with the same arrays meeting in
the same operation, and the engine names the slip in place of numpy's complaint about sizes.
Layers are counted as in the notebook: layer 1 is the first hidden layer, whose weights W¹ are
network.weights[0]; the last layer, L, is the output layer.
"""

from functools import partial

import numpy as np

from nnlib.exercises.engine import Exercise, Probe, Slip, Wrong
from nnlib.network import backward_pass, forward_pass, new_network
from nnlib.neuron import sigmoid, sigmoid_derivative

NAME = "my_backward"

# The equations as the notebook writes them, for the words of the slips.
EQUATION_1 = "equation 1, Δᴸ = (Aᴸ − Y) ⊙ σ′(Zᴸ)"
EQUATION_2 = "equation 2, Δˡ = (Δˡ⁺¹ Wˡ⁺¹) ⊙ σ′(Zˡ)"
EQUATION_3 = "equation 3, ∂C/∂bˡ = the mean of the rows of Δˡ"
EQUATION_4 = "equation 4, ∂C/∂Wˡ = (Δˡ)ᵀ Aˡ⁻¹ / N"


def _scoped(scope, layer, layers):
    """Whether 1-based `layer` of a network of `layers` weight layers is in `scope`."""
    return (scope == "every" or (scope == "output" and layer == layers)
            or (scope == "hidden" and layer < layers))


def _slope(z, a, how):
    """σ′(Z) as the equations have it, or as a slip computes it."""
    if how == "σ′ missing":
        return 1.0
    if how == "σ′ of a":
        return sigmoid_derivative(a)
    if how == "z(1 − z)":
        return z * (1 - z)
    if how == "σ for σ′":
        return sigmoid(z)
    return sigmoid_derivative(z)


def backward(network, sums, activations, targets, slips=None):
    """The four equations for a batch, from the output layer back. `slips` maps an equation
    ("output δ", "passed back", "∂C/∂W", "∂C/∂b") to (how it goes wrong, "every", "output" or
    "hidden" layers); without it, the right gradients."""
    slips = slips or {}

    def slip(equation, layer):
        how, scope = slips.get(equation, (None, None))
        return how if how and _scoped(scope, layer, layers) else None

    n, layers = len(targets), len(network.weights)
    z, a, y = sums[-1], activations[-1], targets
    how = slip("output δ", layers)
    miss = {"sign": y - a, "z for a": z - y, "×2": 2 * (a - y)}.get(how, a - y)
    delta = miss * _slope(z, a, how)
    if how == "÷ n":
        delta = delta / n
    weight_gradients, bias_gradients = [], []
    for index in reversed(range(layers)):  # network.weights[index] is W of layer index + 1
        layer = index + 1
        how = slip("∂C/∂W", layer)  # at layer 1, index - 1 is -1, the last, as in a learner's loop
        entering = {"z for a": sums[index - 1], "own a": activations[index + 1],
                    "a two back": activations[index - 1]}.get(how, activations[index])
        product = entering.T @ delta if how == "transposed" else delta.T @ entering
        divisor = {"sum": 1, "÷ n twice": n * n, "÷ 4": 4}.get(how, n)
        weight_gradients.append((-1 if how == "sign" else 1) * product / divisor)
        how = slip("∂C/∂b", layer)
        bias = {"sum": delta.sum(axis=0), "÷ n twice": delta.mean(axis=0) / n,
                "÷ 4": delta.sum(axis=0) / 4, "zero": np.zeros(delta.shape[1]),
                "δ itself": delta, "axis 1": delta.mean(axis=1),
                "sign": -delta.mean(axis=0)}.get(how)
        bias_gradients.append(delta.mean(axis=0) if bias is None else bias)
        if index:
            how = slip("passed back", layer - 1)
            if how == "not passed":  # the new δ put in another name: δ stays the output's
                continue
            # W of the layer δ comes from, W^{l+1}; or, in a slip, of the layer it reaches, W^l.
            # The failing lines are written with plain names, so that the engine can read the
            # shapes that met there, as it reads a learner's (a slip that fails must fail alike).
            weights = network.weights[index - 1 if how in ("W one back", "W one back, .T")
                                      else index]
            if how == "W one back, .T":
                weights = weights.T
            back = delta @ weights
            # σ′ of the sums of the layer δ reaches, Z^l; or, in a slip, of the one it leaves
            reached = index if how == "σ′ one on" else index - 1
            slope = _slope(sums[reached], activations[reached + 1], how)
            delta = back * slope * (-1 if how == "sign" else 1)
    if slips.get("order") == ("reversed", "every"):
        return weight_gradients, bias_gradients
    return weight_gradients[::-1], bias_gradients[::-1]


def reference(network, sums, activations, targets):
    return backward(network, sums, activations, targets)


# The slips, each with words that name its equation and its layers

_IN = {"every": "in every layer", "output": "in the output layer",
       "hidden": "in the hidden layers"}

_WEIGHTS = {
    "sign": "∂C/∂W has the wrong sign (−1 times the right value) {where}: {eq4} has no minus; "
            "the minus of gradient descent comes later, in the update W ← W − α ∂C/∂W.",
    "transposed": "∂C/∂W is transposed {where}: rows and columns are swapped. It has the shape "
                  "of Wˡ, one row per neuron and one column per input it reads: (Δˡ)ᵀ Aˡ⁻¹, not "
                  "(Aˡ⁻¹)ᵀ Δˡ ({eq4}).",
    "z for a": "∂C/∂W uses the sums z of the layer before {where}, where its activations a "
               "belong ({eq4}): what enters layer l is Aˡ⁻¹ = σ(Zˡ⁻¹), the activations of the "
               "layer before, and for layer 1 the inputs, activations[0].",
    "own a": "∂C/∂W uses the layer's own activations {where}, one layer too far on ({eq4}): a "
             "weight's slope is what enters the layer, Aˡ⁻¹, the activations of the layer "
             "before it (for layer 1, the inputs, activations[0]).",
    "a two back": "∂C/∂W uses the activations of two layers back {where}, one layer too far "
                  "back ({eq4}): it takes Aˡ⁻¹, the activations that enter layer l (for layer "
                  "1, the inputs, activations[0]).",
    "sum": "∂C/∂W is added up over the batch {where}: N times the right size. The cost is an "
           "average over the N examples, so its slopes are averages too ({eq4}): (Δˡ)ᵀ Aˡ⁻¹ "
           "adds up over the examples, and ÷ N makes it their mean.",
    "÷ n twice": "∂C/∂W is divided by the number of examples twice {where}: (Δˡ)ᵀ Aˡ⁻¹ adds up "
                 "over the examples, and one ÷ N makes it the mean ({eq4}).",
    "÷ 4": "∂C/∂W is divided by 4 {where}, whatever the number of examples: 4 is XOR's number "
           "of rows, and a batch may have any number, N = len(targets) ({eq4}).",
}

_BIASES = {
    "sign": "∂C/∂b has the wrong sign (−1 times the right value) {where}: it is the mean of "
            "the rows of Δˡ, with no minus ({eq3}).",
    "sum": "∂C/∂b is added up over the batch {where}: N times the right size. It is the mean "
           "over the examples (axis 0), since the cost is an average ({eq3}).",
    "÷ n twice": "∂C/∂b is divided by the number of examples twice {where}: the mean of the "
                 "rows of Δˡ already divides by N ({eq3}).",
    "÷ 4": "∂C/∂b is divided by 4 {where}, whatever the number of examples: 4 is XOR's number "
           "of rows, and a batch may have any number; the mean of the rows of Δˡ divides by "
           "the number there is ({eq3}).",
    "zero": "∂C/∂b is all zeros {where}, as if left as it started. A bias adds to its "
            "neuron's sum one for one, so its slope is that neuron's δ, averaged over the "
            "examples ({eq3}).",
    "δ itself": "∂C/∂b is Δˡ itself {where}, one row per example: for the batch, a bias's slope "
                "is the average of those rows, one number per neuron ({eq3}).",
    "axis 1": "∂C/∂b is averaged along the wrong axis {where}: axis 1 averages each example's "
              "neurons, one number per example. It needs one number per neuron, the mean over "
              "the examples, axis 0 ({eq3}).",
}

_OUTPUT = {
    "sign": "every gradient has the wrong sign (−1 times the right value): the sign is flipped "
            "in the output layer's δ. It starts from the miss a − y, activations[-1] - targets, "
            "not y − a ({eq1}): the cost grows as an output moves past its target.",
    "×2": "every gradient is twice the right size: the output layer's δ has a factor 2, from "
          "differentiating the square, but the cost's ½ cancels it (section 2): {eq1}, with "
          "no 2.",
    "σ′ missing": "the output layer's δ has no σ′ ({eq1}): the miss a − y is multiplied by the "
                  "slope of the output neurons' sigmoid, σ′(Zᴸ). Every layer's gradients "
                  "inherit that δ, so all of them are off.",
    "σ′ of a": "in the output layer's δ, σ′ is taken of the activations a, "
               "sigmoid_derivative(activations[-1]), where it belongs to the sums z: σ′(Zᴸ) is "
               "sigmoid_derivative(sums[-1]), or a·(1 − a) from the activations ({eq1}). σ′(a) "
               "is another number. Every layer's gradients inherit that δ.",
    "z(1 − z)": "in the output layer's δ, σ′ is computed as z·(1 − z): the form σ(1 − σ) takes "
                "the activation a = σ(z), not the sum, so σ′(Zᴸ) is a·(1 − a) with "
                "a = activations[-1] ({eq1}). Every layer's gradients inherit that δ.",
    "σ for σ′": "in the output layer's δ, the miss is multiplied by σ(Zᴸ), the sigmoid itself "
                "(nnlib.sigmoid(sums[-1]), the same numbers as activations[-1]), where its slope "
                "σ′(Zᴸ) belongs: nnlib.sigmoid_derivative(sums[-1]), or a·(1 − a) with "
                "a = activations[-1] ({eq1}). Every layer's gradients inherit that δ.",
    "z for a": "the output layer's δ starts from z − y, the sums, where the outputs belong: the "
               "miss is a − y, activations[-1] - targets ({eq1}); z is the sum before the "
               "sigmoid. Every layer's gradients inherit that δ.",
}

_ONE_BACK = ("the δ passed back is multiplied by the wrong layer's weights: by Wˡ, the weights "
             "of the layer it is passed back to, where it takes Wˡ⁺¹, the weights of the layer "
             "δ comes from, the ones its signal went forward through ({eq2}). That is why the "
             "product cannot be computed, and a .T is not the fix: Δˡ⁺¹ has one column per "
             "neuron of layer l + 1, and Wˡ⁺¹ one row per neuron of that same layer. In code "
             "Wˡ⁺¹ is network.weights[l], as the notation card has Wˡ at network.weights[l - 1].")

_BACK = {
    "sign": "the δ passed back to the hidden layers has the wrong sign: {eq2} has no minus.",
    "σ′ missing": "the δ passed back to the hidden layers has no σ′ ({eq2}): each layer's δ is "
                  "multiplied by σ′ of that layer's own sums, Zˡ, the slope of its sigmoids. "
                  "The output layer's gradients are right; the hidden layers' are off.",
    "σ′ of a": "in the δ passed back to the hidden layers, σ′ is taken of their activations a, "
               "where it belongs to their sums z: σ′(Zˡ), or a·(1 − a) from the activations "
               "({eq2}). The output layer's gradients are right; the hidden layers' are off.",
    "z(1 − z)": "in the δ passed back to the hidden layers, σ′ is computed as z·(1 − z): the "
                "form σ(1 − σ) takes the activation a = σ(z), not the sum ({eq2}). The output "
                "layer's gradients are right; the hidden layers' are off.",
    "σ for σ′": "in the δ passed back to the hidden layers, σ(Zˡ), the sigmoid itself "
                "(nnlib.sigmoid(sums[…]), the same numbers as their activations), is used where "
                "its slope σ′(Zˡ) belongs: nnlib.sigmoid_derivative(sums[…]), or a·(1 − a) "
                "({eq2}). The output layer's gradients are right; the hidden layers' are off.",
    "W one back": _ONE_BACK,
    "W one back, .T": _ONE_BACK + " (The .T goes too: Δˡ⁺¹ Wˡ⁺¹ needs none.)",
    "σ′ one on": "in the δ passed back, σ′ is taken of the sums of the layer δ comes from, "
                 "Zˡ⁺¹, one layer too far on: it belongs to the sums of the layer δ is passed "
                 "back to, σ′(Zˡ) ({eq2}), the slope of that layer's own sigmoids, one number "
                 "for each of its neurons, as Δˡ⁺¹ Wˡ⁺¹ has. In code Zˡ is sums[l - 1] (the "
                 "notation card), so Zˡ⁺¹ is sums[l], one place too far on.",
    "not passed": "δ is never passed back: every layer's ∂C/∂W and ∂C/∂b are computed from the "
                  "output layer's δ, Δᴸ, unchanged, so a hidden layer's gradients have one row "
                  "(∂C/∂W) or one number (∂C/∂b) per output neuron, where they need one per "
                  "neuron of their own layer. "
                  "Each layer gets its own δ from the δ of the layer after it ({eq2}): store it "
                  "in delta itself (`delta = …`, not in a new name), so that the loop's next "
                  "round, one layer further back, uses it.",
}

_EVERY_DELTA = {
    "σ′ missing": "no δ has its σ′: equation 1 multiplies the miss a − y by σ′(Zᴸ), and "
                  "equation 2 multiplies Δˡ⁺¹ Wˡ⁺¹ by σ′(Zˡ), the slope of each layer's own "
                  "sigmoids.",
    "σ′ of a": "σ′ is taken of the activations a, sigmoid_derivative(activations[…]), where it "
               "belongs to the sums z, in every δ: σ′(Z) is sigmoid_derivative(sums[…]), or "
               "a·(1 − a) from the activations (equations 1 and 2). σ′(a) is another number.",
    "z(1 − z)": "σ′ is computed as z·(1 − z) in every δ: the form σ(1 − σ) takes the activation "
                "a = σ(z), not the sum, so σ′(Z) is a·(1 − a) with the activations (equations "
                "1 and 2).",
    "σ for σ′": "every δ is multiplied by σ(z), the sigmoid itself (nnlib.sigmoid(sums[…]), "
                "the same numbers as the activations a), where its slope σ′(z) belongs: "
                "nnlib.sigmoid_derivative(sums[…]), or a·(1 − a) from the activations "
                "(equations 1 and 2).",
}


def _slip(words, **slips):
    return Slip(words, partial(backward, slips=slips))


def _slips():
    eq = dict(eq1=EQUATION_1, eq2=EQUATION_2, eq3=EQUATION_3, eq4=EQUATION_4)
    found = [_slip(words.format(**eq), **{"output δ": (how, "output")})
             for how, words in _OUTPUT.items()]
    found += [_slip(words, **{"output δ": (how, "output"), "passed back": (how, "every")})
              for how, words in _EVERY_DELTA.items()]
    found += [_slip(words.format(**eq), **{"passed back": (how, "every")})
              for how, words in _BACK.items()]
    found += [
        _slip("every gradient is added up over the batch: N times the right size. The cost is "
              "an average over the N examples, so every slope is averaged over the batch once: "
              "÷ N in equation 4, the mean of the rows of Δˡ in equation 3.",
              **{"∂C/∂W": ("sum", "every"), "∂C/∂b": ("sum", "every")}),
        _slip("every gradient is divided by the number of examples twice: the average over the "
              "batch is taken once, either by dividing the output layer's δ by N (and then "
              "adding up over the examples in equations 3 and 4), or in equations 3 and 4 "
              "(÷ N, the mean), not in both.", **{"output δ": ("÷ n", "output")}),
        _slip("every gradient is divided by 4 whatever the number of examples: 4 is XOR's "
              "number of rows, and a batch may have any number. Divide by N = len(targets), "
              "or take the mean, in equations 3 and 4.",
              **{"∂C/∂W": ("÷ 4", "every"), "∂C/∂b": ("÷ 4", "every")}),
        _slip("the output layer's δ and ∂C/∂W use the sums z where the activations a belong: "
              "the miss is a − y, activations[-1] - targets ({eq1}), and what enters layer l "
              "is Aˡ⁻¹, activations[l - 1] ({eq4}).".format(**eq),
              **{"output δ": ("z for a", "output"), "∂C/∂W": ("z for a", "every")}),
        _slip("the lists are in the wrong order, the output layer first: built from the output "
              "layer back with append, they need reversing (or insert(0, …)), so that item l "
              "is layer l + 1's, as network.weights[l] is.", order=("reversed", "every")),
    ]
    for scope in ("every", "output", "hidden"):
        where = _IN[scope]
        found += [_slip(words.format(where=where, **eq), **{"∂C/∂W": (how, scope)})
                  for how, words in _WEIGHTS.items()]
        found += [_slip(words.format(where=where, **eq), **{"∂C/∂b": (how, scope)})
                  for how, words in _BIASES.items()]
    return found


# The probes: networks whose layer sizes all differ, batches of 5, 3 and 1 examples. The first
# has no size twice (not even the batch's), so a product in the wrong order or a * for @ fails
# there, where no table is square; the second has three layers of weights, so a backward pass
# written for two layers runs on the first and fails there.

def _probe(sizes, examples, seed):
    rng = np.random.default_rng(seed)
    network = new_network(sizes, seed=seed)
    inputs = rng.normal(size=(examples, sizes[0]))
    targets = rng.uniform(0, 1, size=(examples, sizes[-1]))
    sums, activations = forward_pass(network, inputs)
    layers = len(sizes) - 1
    return Probe({"network": network, "sums": sums, "activations": activations,
                  "targets": targets},
                 f"on a {'-'.join(map(str, sizes))} network ({layers} layers of weights) with "
                 f"{examples} example{'s' * (examples != 1)}", examples=examples)


def _probes():
    return [_probe((2, 4, 3), 5, 1), _probe((4, 6, 3, 2), 3, 2), _probe((2, 3, 1), 1, 3)]


def _describe(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"{'an' if type(value).__name__[0] in 'aeiou' else 'a'} {type(value).__name__}"


def parts(answer):
    """Each layer's ∂C/∂W and ∂C/∂b as a part of its own, or Wrong saying what the answer is."""
    pair = ("`return weight_gradients, bias_gradients`, the first with one ∂C/∂W per layer, "
            "the second with one ∂C/∂b per layer")
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        count = f" of {len(answer)} items" if isinstance(answer, (tuple, list)) else ""
        raise Wrong(NAME, f"{NAME} returned {_describe(answer)}{count}, where two lists "
                    f"belong: {pair}.")
    for item, what in zip(answer, ("first", "second")):
        if item is ...:
            continue
        if not isinstance(item, (list, tuple)):
            raise Wrong(NAME, f"the {what} item {NAME} returns is {_describe(item)}, where a "
                        f"list of arrays, one per layer, belongs. Return two lists: {pair}.")
    weights, biases = answer
    if weights is ... or biases is ...:
        return {"the weight gradients": ..., "the bias gradients": ...}
    if len(weights) != len(biases):
        raise Wrong(NAME, f"{NAME} returns {len(weights)} weight gradients and {len(biases)} "
                    "bias gradients: one of each per layer of weights.")
    named = {}
    for layer, (dw, db) in enumerate(zip(weights, biases), start=1):
        named[f"layer {layer}'s ∂C/∂W"] = dw
        named[f"layer {layer}'s ∂C/∂b"] = db
    return named


backward_exercise = Exercise(
    name=NAME, reference=reference, parameters=("network", "sums", "activations", "targets"),
    answer_functions=(backward_pass,),
    probes=_probes, parts=parts, slips=_slips(),
    right="Right: my_backward gives every layer's ∂C/∂W and ∂C/∂b, on networks of 2 and 3 "
          "layers of weights (2-4-3, 4-6-3-2, 2-3-1) and batches of 5, 3 and 1 examples.",
    terms={"delta": "δ of a layer, one row per example, one column per neuron",
           "targets": "one row per example, one column per output",
           "activations[-1]": "the outputs, one row per example",
           "sums[-1]": "the output layer's sums, one row per example"})

CHECKS = dict(backward=backward_exercise)
