"""Part 1's pieces: activations and their derivatives, a neuron, a layer, the forward pass."""

import itertools
import warnings

import numpy as np
import pytest

from nnlib import neuron as nn

SUMS = np.concatenate([-np.logspace(308, -3, 400), [0.0], np.logspace(-3, 308, 400)])


def plainly_sigmoid(z):
    return 1 / (1 + np.exp(-z))  # overflows for z below about −709, so only used above that


# Activations

def test_sigmoid_neither_overflows_nor_warns_for_any_finite_sum():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = nn.sigmoid(SUMS)
        slopes = nn.sigmoid_derivative(SUMS)
    assert np.all((0 <= values) & (values <= 1)) and np.all(np.diff(values) >= 0)
    assert np.all((0 <= slopes) & (slopes <= 0.25))
    assert nn.sigmoid(np.finfo(float).max) == 1 and nn.sigmoid(-np.finfo(float).max) == 0


def test_sigmoid_is_one_over_one_plus_e_to_the_minus_z():
    z = np.linspace(-700, 700, 2001)
    np.testing.assert_allclose(nn.sigmoid(z), plainly_sigmoid(z), rtol=1e-12, atol=0)
    np.testing.assert_allclose(nn.sigmoid(-z), 1 - nn.sigmoid(z), atol=1e-15)
    assert nn.sigmoid(0.0) == 0.5


@pytest.mark.parametrize("name", ["identity", "sigmoid"])
def test_derivatives_match_finite_differences(name):
    function, derivative = nn.ACTIVATIONS[name]
    z, h = np.linspace(-8, 8, 161), 1e-6
    np.testing.assert_allclose(derivative(z), (function(z + h) - function(z - h)) / (2 * h),
                               rtol=1e-6, atol=1e-9)


def test_the_step_fires_from_zero_up_and_has_no_slope_to_follow():
    np.testing.assert_array_equal(nn.step([-2.0, -1e-9, 0.0, 3.0]), [0, 0, 1, 1])
    np.testing.assert_array_equal(nn.step_derivative([-2.0, 0.5]), [0, 0])


def test_identity_returns_a_new_array():
    z = np.array([1.0, -2.0])
    out = nn.identity(z)
    out[0] = 5
    assert z[0] == 1.0


# Neuron, layer, network

def test_a_neuron_is_the_activation_of_the_weighted_sum_plus_bias():
    w, x, b = np.array([0.5, -1.0, 2.0]), np.array([1.0, 2.0, 3.0]), 0.25
    z = 0.5 * 1 - 1.0 * 2 + 2.0 * 3 + 0.25
    assert nn.neuron_output(w, x, b, nn.identity) == pytest.approx(z)
    assert nn.neuron_output(w, x, b) == pytest.approx(1 / (1 + np.exp(-z)))
    assert nn.neuron_output(w, x, b, "step") == 1.0


def test_the_bias_is_a_weight_on_an_input_fixed_at_one():
    rng = np.random.default_rng(1)
    table, w, b = rng.normal(size=(20, 3)), rng.normal(size=3), -0.7
    with_bias = nn.neuron_output(w, table, b)
    extra_input = nn.neuron_output(np.append(w, b), np.column_stack([table, np.ones(20)]), 0.0)
    np.testing.assert_allclose(with_bias, extra_input, rtol=1e-15)


def test_a_layer_is_its_neurons_side_by_side():
    rng = np.random.default_rng(2)
    weights, biases, table = rng.normal(size=(4, 3)), rng.normal(size=4), rng.normal(size=(5, 3))
    outputs = nn.layer_output(weights, table, biases)
    assert outputs.shape == (5, 4)
    for j in range(4):
        np.testing.assert_allclose(outputs[:, j], nn.neuron_output(weights[j], table, biases[j]))
    np.testing.assert_allclose(nn.layer_output(weights, table[0], biases), outputs[0])


def test_the_forward_pass_of_a_2_2_1_network_by_hand():
    hidden = (np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([0.0, -1.0]))
    output = (np.array([[2.0, -3.0]]), np.array([0.5]))
    x = np.array([1.0, 2.0])
    h = 1 / (1 + np.exp(-np.array([1 - 2, 0.5 + 4 - 1])))
    y = 1 / (1 + np.exp(-(2 * h[0] - 3 * h[1] + 0.5)))
    assert nn.forward([hidden, output], x) == pytest.approx([y])


def test_identity_layers_collapse_into_one():
    rng = np.random.default_rng(3)
    (v, c), (u, d) = (rng.normal(size=(2, 3)), rng.normal(size=2)), (rng.normal(size=(1, 2)),
                                                                     rng.normal(size=1))
    table = rng.normal(size=(6, 3))
    two = nn.forward([(v, c), (u, d)], table, "identity")
    one = nn.layer_output(u @ v, table, u @ c + d, "identity")
    np.testing.assert_allclose(two, one, rtol=1e-12)


CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)


@pytest.mark.parametrize("targets, weights, bias", [
    ([0, 0, 0, 1], [1, 1], -1.5), ([0, 1, 1, 1], [1, 1], -0.5)], ids=["AND", "OR"])
def test_one_step_neuron_computes_and_and_or(targets, weights, bias):
    np.testing.assert_array_equal(nn.neuron_output(weights, CORNERS, bias, "step"), targets)


def test_no_weights_on_a_fine_grid_make_one_neuron_compute_xor():
    grid = np.linspace(-3, 3, 25)
    for w1, w2, b in itertools.product(grid, grid, grid):
        outputs = nn.step.unchecked(CORNERS @ np.array([w1, w2]) + b)
        assert not np.array_equal(outputs, [0, 1, 1, 0])
