"""Parts 3 to 5: a network of sigmoid layers, backpropagation, and training by mini-batches.

Layer l = 1 … L reads the activations A^(l−1) of the layer before it (A⁰ are the inputs) and
gives Z^l = A^(l−1) (W^l)ᵀ + b^l and A^l = σ(Z^l), one row per example of a batch. In code,
lists count from 0: weights[l − 1] is W^l. The last layer may give softmax(z) instead, a
probability for each class. The cost is averaged over the batch's N examples: quadratic,
C = (1/2N) Σₖ ‖yₖ − aₖ‖² (its ½ cancels the 2 of the square), or cross-entropy.
"""

import time
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits
from tqdm.auto import tqdm

# The checks sit beneath the math and import none of it: their rules are handed the Network class
# (to make one of bare weights and biases) and forward_pass (to try a learner's backward once).
from nnlib import checks
from nnlib.checks import checked


@dataclass
class Network:
    """weights[l] has one row per neuron of layer l + 1 and one column per input it reads;
    biases[l] one number per neuron. `output` is the last layer's activation, "sigmoid" or
    "softmax"; `cost` is "quadratic" or "cross-entropy"."""

    weights: list
    biases: list
    output: str = "sigmoid"
    cost: str = "quadratic"

    @property
    def sizes(self):
        return (self.weights[0].shape[1], *(w.shape[0] for w in self.weights))


@checked(checks.new_network_arguments)
def new_network(sizes, seed=0, scale=1.0, output="sigmoid", cost="quadratic"):
    """Weights and biases drawn from a normal distribution of spread `scale`, the same on every
    run for the same seed. With scale="1/sqrt(inputs)", each neuron's weights have the spread
    1/√(number of inputs it reads) and biases spread 1: on MNIST the weighted sums then start
    with a spread near 1, not 9, so the sigmoids start unsaturated (σ′ not ≈ 0) and learn."""
    rng = np.random.default_rng(seed)
    nielsen = scale == "1/sqrt(inputs)"
    return Network([rng.normal(0, 1 / np.sqrt(n_in) if nielsen else scale, (n_out, n_in))
                    for n_in, n_out in zip(sizes, sizes[1:])],
                   [rng.normal(0, 1.0 if nielsen else scale, n_out) for n_out in sizes[1:]],
                   output, cost)


def sigmoid(z):
    """σ(z) = 1 / (1 + e^−z), in steps that reuse one array: the sigmoid of part 1
    (nnlib.sigmoid) in a quicker form, for it runs in every layer of every update. −z is capped
    at 80, so that e^−z never overflows, even in float32; below z = −80, where part 1's gives
    the exact tiny value, this one gives σ(−80) < 2e-35, which changes no training."""
    a = np.minimum(-z, 80.0)
    np.exp(a, out=a)
    a += 1
    return np.reciprocal(a, out=a)


@checked(checks.sums_arguments)
def softmax(z):
    """e^z_j / Σ_k e^z_k along each row: positive outputs that sum to 1, one probability per
    class. The row's largest z is subtracted first, which changes nothing but keeps e^z ≤ 1."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    e /= e.sum(axis=-1, keepdims=True)
    return e


@checked(checks.network_inputs_arguments, Network=Network)
def forward_pass(network, inputs):
    """The weighted sums z_l and activations a_l of every layer, for a batch of inputs."""
    sums, activations, last = [], [inputs], len(network.weights) - 1
    for layer, (weights, biases) in enumerate(zip(network.weights, network.biases)):
        sums.append(activations[-1] @ weights.T)
        sums[-1] += biases  # in place: one array fewer
        activations.append(softmax.unchecked(sums[-1]) if layer == last and
                           network.output == "softmax" else sigmoid(sums[-1]))
    return sums, activations


@checked(checks.network_inputs_arguments, Network=Network)
def network_output(network, inputs):
    return forward_pass.unchecked(network, inputs)[1][-1]


@checked(checks.network_targets_arguments, Network=Network)
def cost(network, inputs, targets):
    """The network's cost, averaged over the examples:
    quadratic C = (1/2N) Σₖ ‖yₖ − aₖ‖², half the mean squared length of the misses;
    cross-entropy with sigmoid outputs C = −(1/N) Σₖ Σ_j [y ln a + (1 − y) ln(1 − a)];
    with softmax outputs, the log-likelihood C = −(1/N) Σₖ Σ_j y ln a."""
    sums, activations = forward_pass.unchecked(network, inputs)
    return _cost(network, sums[-1], activations[-1], targets)


def _cost(network, z, a, y):
    """The cost from the last layer's sums z and outputs a. Cross-entropy is computed from z,
    where it has no logarithm of 0 however saturated a is: with a = σ(z), −[y ln a + (1 − y)
    ln(1 − a)] = ln(1 + e^z) − y z; with a = softmax(z), −ln a_j = ln Σ_k e^z_k − z_j."""
    if network.cost == "quadratic":
        losses = 0.5 * (y - a) ** 2
    elif network.output == "sigmoid":
        losses = np.logaddexp(0, z) - y * z
    else:
        top = z.max(axis=1, keepdims=True)
        losses = y * (top + np.log(np.exp(z - top).sum(axis=1, keepdims=True)) - z)
    return float(np.sum(losses, dtype=float) / len(y))


@checked(checks.backward_arguments, Network=Network)
def backward_pass(network, sums, activations, targets):
    """The gradient of the batch's cost with respect to every weight and bias.

    The error signal of the output layer is δ = ∂C/∂z. For the quadratic cost it is
    δ = (a − y) ⊙ σ′(z): a saturated output neuron (σ′ ≈ 0) learns slowly even when it is
    badly wrong. For cross-entropy with sigmoid outputs, and for softmax with log-likelihood,
    it is δ = a − y: the σ′ cancels, so the further off, the faster it learns. Each layer
    passes δ back through its weights, δ_l = (δ_(l+1) W_(l+1)) ⊙ σ′(z_l). Then ∂C/∂b = δ and
    ∂C/∂W = δ a_inᵀ, each averaged over the batch. (`sums` are not needed here, since σ′ is
    found from the activations; a backward pass for another activation would use them.)"""
    delta = activations[-1] - targets
    if network.cost == "quadratic":
        delta *= slope(activations[-1])
    delta /= len(targets)  # averaged over the batch once, here: every gradient below is a mean
    weight_gradients, bias_gradients = [], []
    for layer in reversed(range(len(network.weights))):
        weight_gradients.append(delta.T @ activations[layer])
        bias_gradients.append(delta.sum(axis=0))
        if layer:
            delta = delta @ network.weights[layer]
            delta *= slope(activations[layer])
    return weight_gradients[::-1], bias_gradients[::-1]  # built from the last layer back


def slope(activation):
    """σ′(z) = σ(z)(1 − σ(z)) = a(1 − a): from the activation the forward pass kept, without
    computing σ again."""
    return activation * (1 - activation)


@checked(checks.check_backward_arguments, Network=Network, forward_pass=forward_pass)
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


def _finite_differences(network, inputs, targets, eps=1e-6):
    """∂C/∂p ≈ (C(p + ε) − C(p − ε)) / 2ε for every weight and bias p, nudged one at a time."""
    slopes = ([np.zeros_like(w) for w in network.weights],
              [np.zeros_like(b) for b in network.biases])
    for part, parameters in enumerate((network.weights, network.biases)):
        for layer, values in enumerate(parameters):
            for index in np.ndindex(values.shape):
                kept = values[index]
                values[index] = kept + eps
                above = cost.unchecked(network, inputs, targets)
                values[index] = kept - eps
                below = cost.unchecked(network, inputs, targets)
                values[index] = kept
                slopes[part][layer][index] = (above - below) / (2 * eps)
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
                "(÷ N), and no factor 2, since the cost's ½ cancels it?")
    return ("A factor differs from weight to weight: is σ′(z) missing from a δ? Each layer's δ is "
            "multiplied by σ′ of that layer's own sums.")


@checked(checks.update_arguments, Network=Network, forward_pass=forward_pass)
def update(network, inputs, targets, learning_rate, backward=backward_pass, weight_decay=0.0,
           examples=None):
    """One step of gradient descent on one batch: W ← W − α ∂C/∂W and b ← b − α ∂C/∂b.

    With weight decay λ (L2 regularisation, the cost plus λ/2N Σ w² over all N = `examples`
    training examples, the batch's size by default), the weights first shrink:
    W ← (1 − αλ/N) W − α ∂C/∂W. Biases are not decayed. The arrays are changed in place."""
    weight_gradients, bias_gradients = backward(network, *forward_pass.unchecked(network, inputs),
                                                targets)
    shrink = 1 - learning_rate * weight_decay / (examples or len(inputs))
    for weights, biases, dw, db in zip(network.weights, network.biases, weight_gradients,
                                       bias_gradients):
        if shrink != 1:
            weights *= shrink
        weights -= learning_rate * dw  # in place (-=): no new array per step
        biases -= learning_rate * db
    return weight_gradients, bias_gradients


@dataclass
class TrainingHistory:
    """The cost and accuracy after each epoch, on the training data (all of it, or a fixed
    sample) and on the test data, and the seconds from the start to the end of each epoch."""

    costs: list = field(default_factory=list)
    accuracies: list = field(default_factory=list)
    test_costs: list = field(default_factory=list)
    test_accuracies: list = field(default_factory=list)
    seconds: float = 0.0  # how long the training took, measurements included
    epoch_seconds: list = field(default_factory=list)  # seconds since the start, per epoch
    diverged_at: int | None = None  # the epoch whose weights or costs became NaN or infinite
    problem: str | None = None  # what went wrong, in words: a divergence, a backward that is off


@checked(checks.train_arguments, Network=Network, forward_pass=forward_pass,
         check_backward=check_backward)
def train(network, inputs, targets, epochs, learning_rate, batch_size, test=None, seed=0,
          backward=backward_pass, weight_decay=0.0, measure_training=True, on_epoch=None):
    """Mini-batch gradient descent: each epoch shuffles the examples, then updates the network
    once per batch of `batch_size` of them. The network is changed in place; float32 inputs
    (as nnlib.mnist gives) make its weights float32 too: half the memory to read per product.

    weight_decay is λ of L2 regularisation (see `update`). After each epoch the cost and accuracy
    are measured on the test data, and on the training data: all of it (measure_training=True),
    a fixed random sample of that many examples (a whole number: quicker on 60,000 images), or
    none (False). Then on_epoch(epoch, history) is called, if given: to draw a live plot."""
    rng, history = np.random.default_rng(seed), TrainingHistory()
    measured = (inputs, targets) if measure_training is True else None
    if not isinstance(measure_training, bool):  # a sample drawn by a generator of its own,
        sample = np.random.default_rng([seed, 1]).choice(  # so measuring leaves shuffles alone
            len(inputs), measure_training, replace=False)
        measured = inputs[sample], targets[sample]
    with threadpool_limits(limits=1, user_api="blas"):
        return _train(network, inputs, targets, epochs, learning_rate, batch_size, test, rng,
                      backward, weight_decay, measured, on_epoch, history)


def _train(network, inputs, targets, epochs, learning_rate, batch_size, test, rng, backward,
           weight_decay, measured, on_epoch, history):
    """`train`'s loop, on one thread of BLAS: a batch's products are too small to share, and on
    a busy machine (a browser beside the kernel, a shared Binder) two threads waiting for each
    other made an epoch several times slower (measured: 1.5 s against 0.25 s)."""
    started = time.perf_counter()
    for epoch in tqdm(range(1, epochs + 1), desc="epochs", delay=1):  # shows after a second
        order = rng.permutation(len(inputs))
        for start in range(0, len(inputs), batch_size):  # in `checked`'s one np.errstate
            batch = order[start:start + batch_size]
            # One gather per batch: quicker than a shuffled copy of all the data (measured).
            x, y = inputs.take(batch, axis=0), targets.take(batch, axis=0)
            update.unchecked(network, x, y, learning_rate, backward, weight_decay, len(inputs))
        if measured is not None:
            _measure(network, *measured, history.costs, history.accuracies)
        if test is not None:
            _measure(network, *test, history.test_costs, history.test_accuracies)
        history.seconds = time.perf_counter() - started
        history.epoch_seconds.append(history.seconds)
        if on_epoch is not None:
            on_epoch(epoch, history)
    return history


def _measure(network, inputs, targets, costs, accuracies):
    """Append the cost and the accuracy on these examples, from one forward pass for both."""
    sums, activations = forward_pass.unchecked(network, inputs)
    costs.append(_cost(network, sums[-1], activations[-1], targets))
    accuracies.append(_accuracy(activations[-1], targets))


@checked(checks.network_targets_arguments, Network=Network)
def accuracy(network, inputs, targets):
    """The fraction of examples answered right: with one output, on the same side of ½ as the
    target; with several, the largest output where the target's largest is."""
    return _accuracy(network_output.unchecked(network, inputs), targets)


def _accuracy(outputs, targets):
    if outputs.shape[1] == 1:
        return float(np.mean((outputs >= 0.5) == (targets >= 0.5)))
    return float(np.mean(outputs.argmax(axis=1) == targets.argmax(axis=1)))


@checked(checks.one_hot_arguments)
def one_hot(labels, classes):
    """Label k as a row of `classes` numbers, all 0 but a 1 at place k."""
    return np.eye(classes)[labels]
