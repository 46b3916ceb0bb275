"""Parts 3 and 4: a network of sigmoid layers, backpropagation, and training by mini-batches.

Layer l reads the activations a_l of the layer before it (a_0 are the inputs) and gives
z_l = a_l W_lᵀ + b_l and a_(l+1) = σ(z_l), one row per example of a batch. The quadratic cost
C = (1/2n) Σ ‖y − a‖² is averaged over the n examples; its ½ cancels the 2 of the square.
"""

import time
from dataclasses import dataclass, field

import numpy as np
from tqdm.auto import tqdm

from nnlib import checks
from nnlib.checks import checked
from nnlib.neuron import sigmoid

sigmoid = sigmoid.unchecked  # used in loops


@dataclass
class Network:
    """weights[l] has one row per neuron of layer l + 1 and one column per input it reads;
    biases[l] one number per neuron."""

    weights: list
    biases: list

    @property
    def sizes(self):
        return (self.weights[0].shape[1], *(w.shape[0] for w in self.weights))


@checked(checks.new_network_arguments)
def new_network(sizes, seed=0, scale=1.0):
    """Weights and biases drawn from a normal distribution of spread `scale`, the same on every
    run for the same seed."""
    rng = np.random.default_rng(seed)
    return Network([rng.normal(0, scale, (n_out, n_in)) for n_in, n_out in zip(sizes, sizes[1:])],
                   [rng.normal(0, scale, n_out) for n_out in sizes[1:]])


@checked(checks.network_inputs_arguments)
def forward_pass(network, inputs):
    """The weighted sums z_l and activations a_l of every layer, for a batch of inputs."""
    sums, activations = [], [inputs]
    for weights, biases in zip(network.weights, network.biases):
        sums.append(activations[-1] @ weights.T + biases)
        activations.append(sigmoid(sums[-1]))
    return sums, activations


@checked(checks.network_inputs_arguments)
def network_output(network, inputs):
    return forward_pass.unchecked(network, inputs)[1][-1]


@checked(checks.network_targets_arguments)
def cost(network, inputs, targets):
    """C = (1/2n) Σₓ ‖y − a‖²: half the mean squared length of the misses."""
    misses = targets - network_output.unchecked(network, inputs)
    return float(np.sum(misses ** 2) / (2 * len(misses)))


@checked(checks.backward_arguments)
def backward_pass(network, sums, activations, targets):
    """The gradient of the batch's cost with respect to every weight and bias.

    The error signal of the output layer is δ = (a − y) ⊙ σ′(z); each layer passes it back
    through its weights, δ_l = (δ_(l+1) W_(l+1)) ⊙ σ′(z_l). Then ∂C/∂b = δ and ∂C/∂W = δ a_inᵀ,
    each averaged over the batch. (`sums` are not needed here, since σ′ is found from the
    activations; a backward pass for another activation would use them.)"""
    n = len(targets)
    delta = (activations[-1] - targets) * slope(activations[-1])
    weight_gradients, bias_gradients = [], []
    for layer in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[layer] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if layer:
            delta = (delta @ network.weights[layer]) * slope(activations[layer])
    return weight_gradients, bias_gradients


def slope(activation):
    """σ′(z) = σ(z)(1 − σ(z)) = a(1 − a): from the activation the forward pass kept, without
    computing σ again."""
    return activation * (1 - activation)


@checked(checks.check_backward_arguments)
def check_backward(backward, network, inputs, targets):
    """Compare `backward(network, sums, activations, targets)` with finite differences of the
    cost. Return those slopes, or raise an AssertionError naming the layer and the parameter
    that are off, and the likely slip."""
    yours = backward(network, *forward_pass.unchecked(network, inputs), targets)
    expected = _finite_differences(network, inputs, targets)
    for layer in range(len(network.weights)):
        for part, name in enumerate(("weights", "biases")):
            theirs, true = yours[part][layer], expected[part][layer]
            if not np.allclose(theirs, true, rtol=1e-4, atol=1e-8):
                raise AssertionError(f"layer {layer + 1}'s {name} are off: yours "
                                     f"{np.round(theirs, 5)}, finite differences "
                                     f"{np.round(true, 5)}. {_likely_slip(theirs, true)}")
    return expected


def _finite_differences(network, inputs, targets, h=1e-6):
    """∂C/∂p ≈ (C(p + h) − C(p − h)) / 2h for every weight and bias p, nudged one at a time."""
    slopes = ([np.zeros_like(w) for w in network.weights],
              [np.zeros_like(b) for b in network.biases])
    for part, parameters in enumerate((network.weights, network.biases)):
        for layer, values in enumerate(parameters):
            for index in np.ndindex(values.shape):
                kept = values[index]
                values[index] = kept + h
                above = cost.unchecked(network, inputs, targets)
                values[index] = kept - h
                below = cost.unchecked(network, inputs, targets)
                values[index] = kept
                slopes[part][layer][index] = (above - below) / (2 * h)
    return slopes


def _likely_slip(yours, true):
    """The usual slips change a gradient in a recognisable way; name the one that fits."""
    if yours.shape == true.T.shape and np.allclose(yours, true.T, rtol=1e-4, atol=1e-8):
        return "It is transposed: ∂C/∂W = δᵀ a_in has one row per neuron, one column per input."
    if np.allclose(yours, -true, rtol=1e-4, atol=1e-8):
        return "The sign is flipped: the output layer's δ starts from (a − y), not (y − a)."
    ratio = yours[np.abs(true) > 1e-9] / true[np.abs(true) > 1e-9]
    if ratio.size and np.allclose(ratio, ratio[0], rtol=1e-3):
        return (f"It is {ratio[0]:.3g} times the true size: averaged over the batch once "
                "(÷ n), and no factor 2, since the cost's ½ cancels it?")
    return ("A factor differs from weight to weight: is σ′(z) missing from a δ? Each layer's δ is "
            "multiplied by σ′ of that layer's own sums.")


@checked(checks.update_arguments)
def update(network, inputs, targets, learning_rate, backward=backward_pass):
    """One step of gradient descent on one batch: W ← W − α ∂C/∂W and b ← b − α ∂C/∂b."""
    weight_gradients, bias_gradients = backward(network, *forward_pass.unchecked(network, inputs),
                                                targets)
    for layer, (dw, db) in enumerate(zip(weight_gradients, bias_gradients)):
        network.weights[layer] = network.weights[layer] - learning_rate * dw
        network.biases[layer] = network.biases[layer] - learning_rate * db
    return weight_gradients, bias_gradients


@dataclass
class TrainingHistory:
    """The cost and accuracy after each epoch, on the training data and on the test data."""

    costs: list = field(default_factory=list)
    accuracies: list = field(default_factory=list)
    test_costs: list = field(default_factory=list)
    test_accuracies: list = field(default_factory=list)
    seconds: float = 0.0  # how long the training took


@checked(checks.train_arguments)
def train(network, inputs, targets, epochs, learning_rate, batch_size, test=None, seed=0,
          backward=backward_pass):
    """Mini-batch gradient descent: each epoch shuffles the examples, then updates the network
    once per batch of `batch_size` of them. The network is changed in place."""
    rng, history = np.random.default_rng(seed), TrainingHistory()
    started = time.perf_counter()
    for _ in tqdm(range(epochs), desc="epochs", delay=1):  # the bar shows after a second
        order = rng.permutation(len(inputs))
        for start in range(0, len(inputs), batch_size):
            batch = order[start:start + batch_size]
            update.unchecked(network, inputs[batch], targets[batch], learning_rate, backward)
        history.costs.append(cost.unchecked(network, inputs, targets))
        history.accuracies.append(accuracy.unchecked(network, inputs, targets))
        if test is not None:
            history.test_costs.append(cost.unchecked(network, *test))
            history.test_accuracies.append(accuracy.unchecked(network, *test))
    history.seconds = time.perf_counter() - started
    return history


@checked(checks.network_targets_arguments)
def accuracy(network, inputs, targets):
    """The fraction of examples answered right: with one output, on the same side of ½ as the
    target; with several, the largest output where the target's largest is."""
    outputs = network_output.unchecked(network, inputs)
    if outputs.shape[1] == 1:
        return float(np.mean((outputs >= 0.5) == (targets >= 0.5)))
    return float(np.mean(outputs.argmax(axis=1) == targets.argmax(axis=1)))


@checked(checks.one_hot_arguments)
def one_hot(labels, classes):
    """Label k as a row of `classes` numbers, all 0 but a 1 at place k."""
    return np.eye(classes)[labels]
