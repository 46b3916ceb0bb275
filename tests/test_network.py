"""Parts 3 and 4: networks of sigmoid layers, backpropagation against finite differences,
training, and the diagnosis of a learner's backward pass."""

import re

import numpy as np
import pytest

import nnlib

XOR_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_TARGETS = np.array([0, 1, 1, 0], dtype=float)


def random_problem(sizes, batch, seed):
    rng = np.random.default_rng(seed)
    network = nnlib.new_network(sizes, seed=seed)
    return network, rng.normal(size=(batch, sizes[0])), rng.uniform(size=(batch, sizes[-1]))


def plain_cost(network, inputs, targets):
    """C = (1/2n) Σ ‖y − a‖², with the forward pass written out again."""
    a = inputs
    for w, b in zip(network.weights, network.biases):
        a = 1 / (1 + np.exp(-(a @ w.T + b)))
    return np.sum((targets - a) ** 2) / (2 * len(inputs))


def circle_and_ring(points=400, seed=0):
    rng = np.random.default_rng(seed)
    radius = np.concatenate([rng.uniform(0, 0.45, points // 2),
                             rng.uniform(0.75, 1.2, points // 2)])
    angle = rng.uniform(0, 2 * np.pi, points)
    inputs = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return inputs, (radius < 0.6).astype(float)


# The network and its forward pass

def test_a_new_network_has_the_layer_sizes_asked_for_and_is_seeded():
    network = nnlib.new_network([3, 5, 4, 2], seed=7)
    assert network.sizes == (3, 5, 4, 2)
    assert [w.shape for w in network.weights] == [(5, 3), (4, 5), (2, 4)]
    assert [b.shape for b in network.biases] == [(5,), (4,), (2,)]
    again = nnlib.new_network([3, 5, 4, 2], seed=7)
    assert all(np.array_equal(a, b) for a, b in zip(network.weights, again.weights))
    other = nnlib.new_network([3, 5, 4, 2], seed=8)
    assert not np.array_equal(network.weights[0], other.weights[0])


def test_the_forward_pass_keeps_every_layers_sums_and_activations():
    network, inputs, _ = random_problem((3, 4, 2), 5, seed=1)
    sums, activations = nnlib.forward_pass(network, inputs)
    assert len(sums) == 2 and len(activations) == 3
    np.testing.assert_array_equal(activations[0], inputs)
    for layer in range(2):
        expected = activations[layer] @ network.weights[layer].T + network.biases[layer]
        np.testing.assert_allclose(sums[layer], expected)
        np.testing.assert_allclose(activations[layer + 1], 1 / (1 + np.exp(-expected)))
    np.testing.assert_allclose(nnlib.network_output(network, inputs), activations[-1])
    assert nnlib.network_output(network, inputs[0]).shape == (1, 2)  # one example, one row


def test_the_cost_is_half_the_mean_squared_length_of_the_misses():
    network, inputs, targets = random_problem((2, 3, 2), 6, seed=2)
    assert nnlib.cost(network, inputs, targets) == pytest.approx(
        plain_cost(network, inputs, targets), rel=1e-12)


# Backpropagation

@pytest.mark.parametrize("sizes", [(2, 1), (2, 2, 1), (2, 3, 1), (3, 5, 4, 2), (4, 3, 3, 3, 2),
                                   (6, 10, 3)])
@pytest.mark.parametrize("batch", [1, 7])
def test_backpropagation_matches_finite_differences(sizes, batch):
    network, inputs, targets = random_problem(sizes, batch, seed=len(sizes) + batch)
    weight_gradients, bias_gradients = nnlib.backward_pass(
        network, *nnlib.forward_pass(network, inputs), targets)
    h = 1e-6
    for layer, (w, b) in enumerate(zip(network.weights, network.biases)):
        for values, gradient in ((w, weight_gradients[layer]), (b, bias_gradients[layer])):
            assert gradient.shape == values.shape
            for index in np.ndindex(values.shape):
                kept = values[index]
                values[index] = kept + h
                above = plain_cost(network, inputs, targets)
                values[index] = kept - h
                below = plain_cost(network, inputs, targets)
                values[index] = kept
                assert gradient[index] == pytest.approx((above - below) / (2 * h), rel=1e-5,
                                                        abs=1e-9)


def test_check_backward_accepts_backpropagation():
    network, inputs, targets = random_problem((3, 4, 2), 5, seed=3)
    slopes = nnlib.check_backward(nnlib.backward_pass, network, inputs, targets)
    gradients = nnlib.backward_pass(network, *nnlib.forward_pass(network, inputs), targets)
    for ours, theirs in zip(gradients[0] + gradients[1], slopes[0] + slopes[1]):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-9)


def slipped(kind):
    """A learner's backward with one of the usual slips."""
    def backward(network, sums, activations, targets):
        s = nnlib.sigmoid_derivative
        n = len(targets)
        delta = (activations[-1] - targets) * s(sums[-1])
        if kind == "sign":
            delta = -delta
        dws, dbs = [], []
        for layer in reversed(range(len(network.weights))):
            dw = delta.T @ activations[layer] / n
            dws.insert(0, dw.T if kind == "transposed" and layer == 0 else dw)
            dbs.insert(0, delta.mean(axis=0) * (n if kind == "sum" else 1))
            if layer:
                delta = delta @ network.weights[layer]
                if kind != "no σ′":
                    delta = delta * s(sums[layer - 1])
        return dws, dbs
    return backward


@pytest.mark.parametrize("kind, said", [
    ("sign", "sign is flipped"), ("no σ′", r"σ′\(z\) missing"), ("sum", "times the true size"),
])
def test_check_backward_names_the_layer_the_parameter_and_the_slip(kind, said):
    network, inputs, targets = random_problem((2, 3, 1), 4, seed=5)
    with pytest.raises(AssertionError, match=said) as raised:
        nnlib.check_backward(slipped(kind), network, inputs, targets)
    assert re.search(r"layer \d's (weights|biases) are off", str(raised.value))


def test_a_transposed_weight_gradient_is_named_by_its_layer():
    network, inputs, targets = random_problem((2, 3, 1), 4, seed=5)
    with pytest.raises(ValueError, match=r"layer 1's weights returned shape \(2, 3\) .*transposed"):
        nnlib.check_backward(slipped("transposed"), network, inputs, targets)


def test_a_missing_sigma_prime_is_found_in_the_hidden_layer():
    network, inputs, targets = random_problem((2, 3, 1), 4, seed=5)
    with pytest.raises(AssertionError, match="layer 1's weights are off"):
        nnlib.check_backward(slipped("no σ′"), network, inputs, targets)


# Training

def test_gradient_descent_steps_against_the_gradient():
    network, inputs, targets = random_problem((2, 3, 1), 8, seed=6)
    before = [w.copy() for w in network.weights]
    gradients, _ = nnlib.update(network, inputs, targets, 0.5)
    for old, new, gradient in zip(before, network.weights, gradients):
        np.testing.assert_allclose(new, old - 0.5 * gradient)


def test_training_learns_xor():
    network = nnlib.new_network([2, 3, 1], seed=1)
    history = nnlib.train(network, XOR_INPUTS, XOR_TARGETS, epochs=2000, learning_rate=3.0,
                          batch_size=4)
    assert nnlib.accuracy(network, XOR_INPUTS, XOR_TARGETS) == 1.0
    assert history.accuracies[-1] == 1.0 and history.costs[-1] < history.costs[0] / 10
    assert len(history.costs) == 2000 and history.test_costs == []


def test_training_learns_a_circle_inside_a_ring_and_holds_on_new_points():
    inputs, labels = circle_and_ring(400, seed=0)
    test_inputs, test_labels = circle_and_ring(200, seed=1)
    network = nnlib.new_network([2, 8, 1], seed=0)
    history = nnlib.train(network, inputs, labels, epochs=300, learning_rate=3.0, batch_size=10,
                          test=(test_inputs, test_labels))
    assert history.test_accuracies[-1] >= 0.95, history.test_accuracies[-1]
    assert len(history.test_costs) == 300


def test_training_is_seeded():
    runs = []
    for _ in range(2):
        network = nnlib.new_network([2, 3, 1], seed=4)
        runs.append(nnlib.train(network, XOR_INPUTS, XOR_TARGETS, epochs=20, learning_rate=1.0,
                                batch_size=2, seed=9).costs)
    assert runs[0] == runs[1]


def test_a_learners_backward_is_the_one_used():
    halved_calls = []

    def halved(network, sums, activations, targets):
        halved_calls.append(1)
        dws, dbs = nnlib.backward_pass(network, sums, activations, targets)
        return [0.5 * d for d in dws], [0.5 * d for d in dbs]

    ours, theirs = nnlib.new_network([2, 3, 1], seed=1), nnlib.new_network([2, 3, 1], seed=1)
    nnlib.update(ours, XOR_INPUTS, XOR_TARGETS, 1.0)
    nnlib.update(theirs, XOR_INPUTS, XOR_TARGETS, 2.0, backward=halved)
    assert halved_calls
    for a, b in zip(ours.weights, theirs.weights):
        np.testing.assert_allclose(a, b)


@pytest.mark.parametrize("returned, said", [
    (None, "did you forget `return`"),
    (([np.zeros((3, 2))],), "two lists"),
    (([np.zeros((3, 2))], [np.zeros(3), np.zeros(1)]), "weights gradients must be a list of 2"),
    (([np.zeros((3, 2)), np.zeros((1, 3))], [np.zeros(3), np.zeros(2)]),
     "layer 2's biases returned shape"),
    (([np.zeros((3, 2)), np.full((1, 3), np.nan)], [np.zeros(3), np.zeros(1)]), "NaN"),
], ids=["None", "one list", "one layer short", "wrong bias shape", "NaN"])
def test_a_broken_backward_is_named_by_layer_and_parameter(returned, said):
    network = nnlib.new_network([2, 3, 1])
    with pytest.raises(ValueError, match=said):
        nnlib.train(network, XOR_INPUTS, XOR_TARGETS, 1, 1.0, 4,
                    backward=lambda network, sums, activations, targets: returned)


# Labels and accuracy

def test_one_hot_and_accuracy_with_several_outputs():
    np.testing.assert_array_equal(nnlib.one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])
    network = nnlib.Network([np.eye(2) * 10], [np.zeros(2)])
    inputs = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    assert nnlib.accuracy(network, inputs, nnlib.one_hot([0, 1, 1], 2)) == pytest.approx(2 / 3)


@pytest.mark.parametrize("labels, said", [([0, 3], "labels\\[1\\] is 3"), ([0.5], "whole"),
                                          ([-1], "from 0 to 2")])
def test_labels_out_of_range_are_refused(labels, said):
    with pytest.raises(ValueError, match=said):
        nnlib.one_hot(labels, 3)


@pytest.mark.parametrize("call, said", [
    (lambda: nnlib.cost(nnlib.new_network([2, 3, 1]), np.zeros((4, 3)), XOR_TARGETS),
     "first layer reads 2 inputs"),
    (lambda: nnlib.cost(nnlib.new_network([2, 3, 2]), XOR_INPUTS, [0, 1, 1, 0]),
     "one_hot"),
    (lambda: nnlib.forward_pass(nnlib.Network([np.ones((3, 2)), np.ones((1, 2))],
                                              [np.ones(3), np.ones(1)]), XOR_INPUTS),
     r"network.weights\[1\] has 2 columns, one per input, but the layer before it "
     r"\(network.weights\[0\]\) gives 3"),
    (lambda: nnlib.new_network([2]), "at least two"),
    (lambda: nnlib.new_network([2, 10**6, 1]), "at most 10,000"),
    (lambda: nnlib.train(nnlib.new_network([2, 3, 1]), XOR_INPUTS, XOR_TARGETS, 1, 1.0, 5),
     "only 4 examples"),
], ids=["inputs too wide", "labels for several outputs", "layers that do not chain",
        "one layer", "too wide", "batch larger than the data"])
def test_mismatches_point_at_the_layer_or_the_data(call, said):
    with pytest.raises((ValueError, TypeError), match=said):
        call()



