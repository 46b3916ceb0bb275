"""Part 1: a neuron weighs its inputs, adds a bias, and passes the sum through an activation.

A layer is many neurons reading the same inputs, a matrix times a vector; a network is layers
in a row, each reading the outputs of the one before (the forward pass).
"""

import numpy as np

from nnlib import checks
from nnlib.checks import checked


# Activation functions f(z), each with its derivative f'(z), which training needs (part 3).

@checked(checks.sums_arguments)
def identity(z):
    """f(z) = z: the output is the weighted sum itself, for linear problems (part 2)."""
    return z + 0.0  # a new array, as every other activation returns


@checked(checks.sums_arguments)
def identity_derivative(z):
    return np.ones_like(z)


@checked(checks.sums_arguments)
def step(z):
    """f(z) = 1 where z ≥ 0, else 0: fire or not, like the brain's neuron."""
    return np.where(z >= 0, 1.0, 0.0)


@checked(checks.sums_arguments)
def step_derivative(z):
    """0 everywhere (and undefined at 0): no slope to follow, so a step cannot be trained."""
    return np.zeros_like(z)


@checked(checks.sums_arguments)
def sigmoid(z):
    """f(z) = 1 / (1 + e^−z): an S from 0 to 1, read as "how sure" the neuron is.

    Written with e^−|z|, which lies between 0 and 1, so no z overflows: for z < 0 the same
    value is e^z / (1 + e^z)."""
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


@checked(checks.sums_arguments)
def sigmoid_derivative(z):
    """f'(z) = f(z)·(1 − f(z)): largest, 1/4, at z = 0, and nearly 0 far from it."""
    s = sigmoid(z)
    return s * (1 - s)


# By name, as in activation="step"; handed to the checks below, which import none of the math.
ACTIVATIONS = {"identity": (identity, identity_derivative), "step": (step, step_derivative),
               "sigmoid": (sigmoid, sigmoid_derivative)}


# One neuron, one layer, a network

@checked(checks.neuron_arguments, activations=ACTIVATIONS)
def neuron_output(weights, inputs, bias=0.0, activation=sigmoid):
    """a = f(w · x + b), for one row of inputs or for each row of a table."""
    return activation(inputs @ weights + bias)


@checked(checks.layer_arguments, activations=ACTIVATIONS)
def layer_output(weights, inputs, biases, activation=sigmoid):
    """a = f(W x + b): row j of the matrix W holds the weights of neuron j.

    For a table, each row of inputs gives one row of outputs, one per neuron."""
    return activation(inputs @ weights.T + biases)


@checked(checks.forward_arguments, activations=ACTIVATIONS)
def forward(layers, inputs, activation=sigmoid):
    """The forward pass: `layers` is a list of (weights, biases), each layer reading the
    outputs of the one before. Returns the last layer's outputs."""
    outputs = inputs
    for weights, biases in layers:
        outputs = layer_output.unchecked(weights, outputs, biases, activation)
    return outputs
