"""Notebook 03's exercise, my_backward: the worked answer passes, and each typical slip is named
by its equation and its layer.

The wrong answers are written as a learner would write them, as real functions, so the engine
reads their source lines as it does a notebook cell's."""

import itertools
import json
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

import nnlib
from nnlib.exercises import check, part3
from nnlib.exercises.engine import Slip, _outcome, _same

import exercising

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "03_backpropagation.ipynb"
sigmoid_derivative = nnlib.sigmoid_derivative


def verdict(answer):
    return exercising.verdict(check.backward, answer)


def wrong_words(answer):
    return exercising.wrong_words(check.backward, answer)


# Wrong answers, as a learner writes them


def sign_flipped(network, sums, activations, targets):
    n = len(targets)
    delta = (targets - activations[-1]) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def slope_of_activations(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(activations[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(activations[l])
    return weight_gradients, bias_gradients


def slope_of_activations_hidden(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(activations[l])
    return weight_gradients, bias_gradients


def sums_for_outputs(network, sums, activations, targets):
    n = len(targets)
    delta = (sums[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def biases_left_at_zero(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients = []
    bias_gradients = [np.zeros_like(b) for b in network.biases]
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def four_rows(network, sums, activations, targets):
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / 4)
        bias_gradients.insert(0, delta.sum(axis=0) / 4)
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def weights_transposed_back(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l].T) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def gradient_transposed(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, activations[l].T @ delta / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def star_for_at(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T * activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def math_exp_slope(z):
    s = 1 / (1 + math.exp(-z))
    return s * (1 - s)


def with_math(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * math_exp_slope(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * math_exp_slope(sums[l - 1])
    return weight_gradients, bias_gradients


def no_return(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])


def one_flat_list(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients + bias_gradients


def weights_only(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients = []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients


def two_layers_only(network, sums, activations, targets):
    n = len(targets)
    output_delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    hidden_delta = (output_delta @ network.weights[1]) * sigmoid_derivative(sums[0])
    return ([hidden_delta.T @ activations[0] / n, output_delta.T @ activations[1] / n],
            [hidden_delta.mean(axis=0), output_delta.mean(axis=0)])


def last_two_layers(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    output_w, output_b = delta.T @ activations[-2] / n, delta.mean(axis=0)
    delta = (delta @ network.weights[-1]) * sigmoid_derivative(sums[-2])
    return [delta.T @ activations[-3] / n, output_w], [delta.mean(axis=0), output_b]


def in_place(network, sums, activations, targets):
    n = len(targets)
    delta = activations[-1]
    delta -= targets
    delta *= sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def three_parameters(network, activations, targets):
    return nnlib.backward_pass(network, None, activations, targets)


def python_sum_axis(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, sum(delta, axis=0) / n)
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def python_sum(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, sum(delta))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def appended(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.append(delta.T @ activations[l] / n)
        bias_gradients.append(delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def no_slope_anywhere(network, sums, activations, targets):
    n = len(targets)
    delta = activations[-1] - targets
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = delta @ network.weights[l]
    return weight_gradients, bias_gradients


def no_output_slope(network, sums, activations, targets):
    n = len(targets)
    delta = activations[-1] - targets
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def square_not_halved(network, sums, activations, targets):
    n = len(targets)
    delta = 2 * (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def averaged_twice(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1]) / n
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def not_averaged(network, sums, activations, targets):
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l])
        bias_gradients.insert(0, delta.sum(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def biases_summed(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.sum(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def slope_from_sums(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sums[-1] * (1 - sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sums[l - 1] * (1 - sums[l - 1])
    return weight_gradients, bias_gradients


def own_activations(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l + 1] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def bias_wrong_axis(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=1))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def slope_of_next_layer(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l])
    return weight_gradients, bias_gradients


def weights_of_the_layer_reached(network, sums, activations, targets):
    # W^l, the weights of the layer δ is passed back to, where W^{l+1} belongs
    N = len(targets)
    delta = (activations[-1] - targets) * nnlib.sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / N)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l - 1]) * nnlib.sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def weights_of_the_layer_reached_turned(network, sums, activations, targets):
    # the same, after the product's words sent the learner to a .T
    N = len(targets)
    delta = (activations[-1] - targets) * nnlib.sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / N)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l - 1].T) * nnlib.sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def slope_of_next_layer_from_activations(network, sums, activations, targets):
    # σ′ as a·(1 − a), of the activations of the layer δ comes from
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            a = activations[l + 1]
            delta = (delta @ network.weights[l]) * a * (1 - a)
    return weight_gradients, bias_gradients


def delta_never_passed_back(network, sums, activations, targets):
    # the new δ computed into another name: delta stays the output layer's
    N = len(targets)
    delta = (activations[-1] - targets) * nnlib.sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / N)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            dummy = (delta @ network.weights[l]) * nnlib.sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def gradients_as_object_arrays(network, sums, activations, targets):
    N = len(targets)
    delta = (activations[-1] - targets) * nnlib.sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / N)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * nnlib.sigmoid_derivative(sums[l - 1])
    return np.array(weight_gradients, dtype=object), np.array(bias_gradients, dtype=object)


def output_outside_loop_transposed(network, sums, activations, targets):
    n = len(targets)
    L = len(network.weights)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients = [None] * L
    bias_gradients = [None] * L
    weight_gradients[L - 1] = activations[L - 1].T @ delta / n
    bias_gradients[L - 1] = delta.mean(axis=0)
    for l in range(L - 2, -1, -1):
        delta = (delta @ network.weights[l + 1]) * sigmoid_derivative(sums[l])
        weight_gradients[l] = delta.T @ activations[l] / n
        bias_gradients[l] = delta.mean(axis=0)
    return weight_gradients, bias_gradients


def two_slips_at_once(network, sums, activations, targets):
    # the weights divided by a fixed 3, and the biases summed
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / 3)
        bias_gradients.insert(0, delta.sum(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def left_unfinished(network, sums, activations, targets):
    delta = ...
    return [delta.T @ a for a in activations[:-1]], ...


def unwritten(network, sums, activations, targets):
    return ...  # ✏️ (weight_gradients, bias_gradients)


def right_answer(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * nnlib.sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * nnlib.sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def sigmoid_for_slope(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * nnlib.sigmoid(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * nnlib.sigmoid(sums[l - 1])
    return weight_gradients, bias_gradients


def sigmoid_for_slope_at_output(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * nnlib.sigmoid(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def sigmoid_for_slope_passed_back(network, sums, activations, targets):
    n = len(targets)
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * nnlib.sigmoid(sums[l - 1])
    return weight_gradients, bias_gradients


def a_without_one_minus_a(network, sums, activations, targets):
    # σ′ as a·(1 − a) with the (1 − a) forgotten: a is σ(z), the sigmoid itself
    n = len(targets)
    a = activations[-1]
    delta = (a - targets) * a
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / n)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * activations[l]
    return weight_gradients, bias_gradients


def n_is_four(network, sums, activations, targets):
    N = 4  # XOR's rows
    delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
    weight_gradients, bias_gradients = [], []
    for l in reversed(range(len(network.weights))):
        weight_gradients.insert(0, delta.T @ activations[l] / N)
        bias_gradients.insert(0, delta.mean(axis=0))
        if l > 0:
            delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
    return weight_gradients, bias_gradients


def from_activations(network, sums, activations, targets):
    # right too: δ divided by n once, at the output, then sums; σ′ as a(1 − a)
    a = activations[-1]
    delta = (a - targets) * a * (1 - a) / len(targets)
    weight_gradients, bias_gradients = [], []
    for l in range(len(network.weights) - 1, -1, -1):
        weight_gradients = [delta.T @ activations[l]] + weight_gradients
        bias_gradients = [delta.sum(axis=0)] + bias_gradients
        a = activations[l]
        delta = (delta @ network.weights[l]) * a * (1 - a)
    return weight_gradients, bias_gradients


SLIPS = [
    # slips in the output layer's δ reach every layer, and are named as the δ's
    (sign_flipped, "the sign is flipped in the output layer's δ"),
    (no_output_slope, "the output layer's δ has no σ′ (equation 1"),
    (sums_for_outputs, "the output layer's δ starts from z − y, the sums, where the outputs "
                       "belong"),
    (square_not_halved, "every gradient is twice the right size"),
    (slope_of_activations, "σ′ is taken of the activations a, sigmoid_derivative(activations[…]), "
                           "where it belongs to the sums z, in every δ"),
    (slope_from_sums, "σ′ is computed as z·(1 − z) in every δ"),
    (no_slope_anywhere, "no δ has its σ′"),
    # nnlib.sigmoid where its slope σ′ belongs
    (sigmoid_for_slope, "every δ is multiplied by σ(z), the sigmoid itself (nnlib.sigmoid(sums[…]), "
                        "the same numbers as the activations a), where its slope σ′(z) belongs: "
                        "nnlib.sigmoid_derivative(sums[…])"),
    (a_without_one_minus_a, "every δ is multiplied by σ(z), the sigmoid itself"),
    (sigmoid_for_slope_at_output, "in the output layer's δ, the miss is multiplied by σ(Zᴸ), the "
                                  "sigmoid itself (nnlib.sigmoid(sums[-1])"),
    (sigmoid_for_slope_passed_back, "in the δ passed back to the hidden layers, σ(Zˡ), the sigmoid "
                                    "itself"),
    (sigmoid_for_slope_passed_back, "The output layer's gradients are right; the hidden layers' "
                                    "are off"),
    # the δ passed back
    (slope_of_activations_hidden, "in the δ passed back to the hidden layers, σ′ is taken of "
                                  "their activations a"),
    (slope_of_next_layer, "in the δ passed back, σ′ is taken of the sums of the layer δ comes "
                          "from, Zˡ⁺¹, one layer too far on: it belongs to the sums of the layer "
                          "δ is passed back to, σ′(Zˡ)"),
    (slope_of_next_layer, "Where: line 9 of slope_of_next_layer: delta = (delta @ "
                          "network.weights[l]) * sigmoid_derivative(sums[l])"),
    (slope_of_next_layer_from_activations, "σ′ is taken of the sums of the layer δ comes from"),
    (weights_of_the_layer_reached, "the δ passed back is multiplied by the wrong layer's weights: "
                                   "by Wˡ, the weights of the layer it is passed back to, where it "
                                   "takes Wˡ⁺¹, the weights of the layer δ comes from"),
    (weights_of_the_layer_reached, "In code Wˡ⁺¹ is network.weights[l], as the notation card has "
                                   "Wˡ at network.weights[l - 1]"),
    (weights_of_the_layer_reached_turned, "the δ passed back is multiplied by the wrong layer's "
                                          "weights"),
    (weights_of_the_layer_reached_turned, "The .T goes too"),
    (delta_never_passed_back, "δ is never passed back: every layer's ∂C/∂W and ∂C/∂b are computed "
                              "from the output layer's δ, Δᴸ, unchanged"),
    (gradients_as_object_arrays, "the first item my_backward returns is an array of shape (2,), "
                                 "where a list of arrays, one per layer, belongs"),
    (weights_transposed_back, "`delta @ network.weights[l].T` cannot be computed"),
    (weights_transposed_back, "delta (δ of a layer, one row per example, one column per neuron) "
                              "has shape (5, 3) and network.weights[l].T has shape (4, 3)"),
    # ∂C/∂W and ∂C/∂b
    (gradient_transposed, "∂C/∂W is transposed in every layer: rows and columns are swapped"),
    (output_outside_loop_transposed, "∂C/∂W is transposed in the output layer"),
    (own_activations, "∂C/∂W uses the layer's own activations in every layer"),
    (biases_left_at_zero, "∂C/∂b is all zeros in every layer"),
    (biases_summed, "∂C/∂b is added up over the batch in every layer: N times the right size"),
    (bias_wrong_axis, "∂C/∂b is averaged along the wrong axis in every layer"),
    (python_sum, "∂C/∂b is added up over the batch in every layer"),
    (not_averaged, "every gradient is added up over the batch: N times the right size"),
    (averaged_twice, "every gradient is divided by the number of examples twice"),
    (four_rows, "every gradient is divided by 4 whatever the number of examples"),
    (n_is_four, "∂C/∂W is divided by 4 in every layer, whatever the number of examples: 4 is "
                "XOR's number of rows"),
    (two_slips_at_once, "layer 1's ∂C/∂W is divided by 3 whatever the number of examples"),
    (two_slips_at_once, "layer 1's ∂C/∂b, layer 2's ∂C/∂W, layer 2's ∂C/∂b are off too, on a "
                        "2-4-3 network (2 layers of weights) with 5 examples"),
    (appended, "the lists are in the wrong order, the output layer first"),
    # errors inside the learner's code, and answers of the wrong kind
    (star_for_at, "`delta.T * activations[l]` multiplies number by number; a matrix product, "
                  "one dot product for each row, is written with @"),
    (with_math, "math works on one number at a time"),
    (with_math, "Where: line 2 of math_exp_slope: s = 1 / (1 + math.exp(-z))"),
    (no_return, "my_backward returned None: did you forget `return`?"),
    (one_flat_list, "my_backward returned a list of 4 items, where two lists belong"),
    (weights_only, "the first item my_backward returns is an array of shape (4, 2), where a list "
                   "of arrays, one per layer, belongs"),
    (two_layers_only, "It ran on a 2-4-3 network (2 layers of weights) with 5 examples, and failed "
                      "on a 4-6-3-2 network (3 layers of weights) with 3 examples"),
    (last_two_layers, "my_backward gives 4 parts on a 4-6-3-2 network (3 layers of weights) with "
                      "3 examples, where 6 are needed: layer 3's ∂C/∂W and layer 3's ∂C/∂b are "
                      "missing. It gives the right parts on a 2-4-3 network"),
    (in_place, "changes its input `activations`"),
    (three_parameters, "give it 4 parameters, network, sums, activations, targets"),
    (python_sum_axis, "Python's sum() takes no axis"),
    (np.zeros(3), "my_backward must be a function"),
]


@pytest.mark.parametrize("answer, words", SLIPS)
def test_backward_names_each_slip(answer, words):
    assert words in wrong_words(answer)


def usual_slips_cell():
    sources = ["".join(cell["source"])
               for cell in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]]
    index = next(i for i, source in enumerate(sources) if "**The usual slips" in source)
    return sources, index


def test_the_notebooks_list_of_usual_slips_is_collapsed_with_the_worked_answer():
    """It shows the fixes, so it opens only on a click: at the end of the worked answer's
    collapsed block, which comes right after the check (and which the classroom's student copy
    leaves out)."""
    sources, index = usual_slips_cell()
    listing = sources[index]
    assert listing.startswith("<details>\n<summary><b>The worked answer</b>")
    assert listing.rstrip().endswith("</details>")
    assert listing.index("```python") < listing.index("**The usual slips")
    assert sources[index - 1].strip().endswith("check.backward(my_backward)")
    assert sum("The usual slips" in source for source in sources) == 1


def test_the_notebooks_list_of_usual_slips_quotes_the_checks_own_words():
    """The notebook quotes the check's answers to the usual slips, in italics, with … where it
    leaves words out: each quoted piece is in what the check says to one of the wrong answers."""
    sources, index = usual_slips_cell()
    listing = sources[index][sources[index].index("**The usual slips"):]
    said = " ".join(wrong_words(answer) for answer in dict.fromkeys(
        answer for answer, _ in SLIPS if callable(answer)))
    quotes = re.findall(r"(?<![*\w])\*([^*]+)\*(?!\*)", listing)
    assert len(quotes) >= 15, quotes
    for quote in quotes:
        for piece in " ".join(quote.split()).split("…"):
            piece = piece.strip(" .:,()")
            if piece:
                assert piece in said, piece


def test_a_slip_in_the_output_delta_is_not_blamed_on_a_layers_weights():
    for answer in (sign_flipped, no_output_slope, sums_for_outputs, slope_of_activations):
        words = wrong_words(answer)
        assert "δ" in words and "layer 1's" not in words and "times the true size" not in words


def test_a_hard_coded_number_of_examples_does_not_pass():
    for divisor in (3, 4, 5):
        def fixed(network, sums, activations, targets, divisor=divisor):
            delta = (activations[-1] - targets) * sigmoid_derivative(sums[-1])
            weight_gradients, bias_gradients = [], []
            for l in reversed(range(len(network.weights))):
                weight_gradients.insert(0, delta.T @ activations[l] / divisor)
                bias_gradients.insert(0, delta.sum(axis=0) / divisor)
                if l > 0:
                    delta = (delta @ network.weights[l]) * sigmoid_derivative(sums[l - 1])
            return weight_gradients, bias_gradients
        assert f"divided by {divisor}" in wrong_words(fixed)


def test_right_answers_pass(capsys):
    for answer in (right_answer, from_activations, nnlib.backward_pass, part3.reference):
        check.backward(answer)
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 4 and all(line.startswith("Right: my_backward gives every layer's")
                                     for line in printed)


def test_unwritten_says_so_and_raises_nothing(capsys):
    for answer in (unwritten, left_unfinished, ...):
        check.backward(answer)
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == 3 and all("my_backward is not written yet" in line for line in printed)


def test_passes_is_quiet(capsys):
    assert check.backward.passes(right_answer)
    assert not check.backward.passes(unwritten)
    assert not check.backward.passes(sign_flipped)
    assert not check.backward.passes(no_return)
    assert capsys.readouterr().out == ""


def test_the_worked_answer_in_the_notebook_passes(capsys):
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells]
    index = next(i for i, source in enumerate(sources) if source.strip().endswith(
        "check.backward(my_backward)"))
    worked = re.search(r"```python\n(.*?)```", sources[index + 1], re.S).group(1)
    namespace = {"np": np, "nnlib": nnlib}
    exec(worked, namespace)
    check.backward(namespace["my_backward"])
    assert capsys.readouterr().out.startswith("Right")


def test_the_reference_agrees_with_finite_differences():
    for probe in part3._probes():
        arguments = probe.arguments
        nnlib.check_backward(part3.reference, arguments["network"], arguments["activations"][0],
                             arguments["targets"])


def test_probes_have_several_shapes_and_batch_sizes():
    probes = part3._probes()
    assert sorted(probe.examples for probe in probes) == [1, 3, 5]
    assert {len(probe.arguments["network"].weights) for probe in probes} == {2, 3}
    for probe in probes:
        sizes = probe.arguments["network"].sizes
        assert all(w.shape[0] != w.shape[1] for w in probe.arguments["network"].weights), sizes
        assert probe.arguments["targets"].dtype == np.float64
    first = probes[0]
    assert first.examples not in first.arguments["network"].sizes
    assert len(set(first.arguments["network"].sizes)) == len(first.arguments["network"].sizes)


def outcome(exercise, answer, probe):
    """An answer's parts on a probe, or, if it raises there, the error as the engine tells errors
    apart: its kind, its words, and the shapes that met where it was raised."""
    parts = exercise._slip_parts(Slip("", answer), probe)
    return parts if parts is not None else _outcome(answer, probe)


def alike(first, second, exercise):
    if isinstance(first, tuple) or isinstance(second, tuple):
        return first == second
    return _same(first, second, exercise)


def test_every_slip_is_wrong_and_told_apart_from_the_others():
    """A slip gives its parts on every probe, or fails on some as a learner's code does, in an
    operation whose arrays can be read off its line (so that an error is matched by the shapes
    that met, not by numpy's words alone, which name only the sizes that differ)."""
    exercise, probes = check.backward, part3._probes()
    right = [exercise._parts(part3.reference(*probe.arguments.values())) for probe in probes]
    made = [[outcome(exercise, slip.answer, probe) for probe in probes] for slip in exercise.slips]
    for slip, answers in zip(exercise.slips, made):
        assert not all(alike(a, r, exercise) for a, r in zip(answers, right)), slip.words
        for answer in answers:
            if isinstance(answer, tuple):
                assert answer[0] == "error" and answer[3], (slip.words, answer)
    for (i, first), (j, second) in itertools.combinations(enumerate(made), 2):
        assert not all(alike(a, b, exercise) for a, b in zip(first, second)), \
            (exercise.slips[i].words, exercise.slips[j].words)


def test_a_slip_that_fails_is_told_apart_by_the_shapes_that_met():
    """δ times the layer's own W, and δ times the next layer's W turned round, raise numpy's
    same words on every probe (which name only the sizes that differ); the shapes that met tell
    them apart, so a .T where it does not belong is not named as the wrong layer's weights."""
    probes = part3._probes()
    mine = [_outcome(weights_transposed_back, probe) for probe in probes]
    slip = [_outcome(weights_of_the_layer_reached, probe) for probe in probes]
    assert [m[:3] for m in mine] == [s[:3] for s in slip]
    assert mine != slip
    assert "wrong layer's weights" not in wrong_words(weights_transposed_back)


def test_a_wrong_first_result_is_named_before_a_later_error():
    """δ never passed back runs on the 2-4-3 network, with layer 1's ∂C/∂W of the wrong shape,
    and fails on the 4-6-3-2 one: the wrong result comes first, and no fixed size is asked
    about, since none is written."""
    words = wrong_words(delta_never_passed_back)
    assert "is a size written as a fixed number" not in words
    assert "Further on, on a 4-6-3-2 network (3 layers of weights) with 3 examples, it failed " \
           "with an error" in words


def test_object_arrays_bring_no_numpy_warning(recwarn):
    """Looking for nnlib's backward_pass among the names the answer uses meets `object` (from
    dtype=object): numpy warns when asked for np.object, and that warning is the check's, not
    the learner's, so it stays off the learner's screen."""
    warnings.simplefilter("always")
    wrong_words(gradients_as_object_arrays)
    assert not [w for w in recwarn if issubclass(w.category, (FutureWarning, DeprecationWarning))]


def test_each_slip_given_as_an_answer_is_named_by_its_own_words():
    for slip in check.backward.slips:
        assert " ".join(slip.words.split()) in wrong_words(slip.answer)
        assert "equation" in slip.words or "the lists" in slip.words


def test_a_change_in_place_spoils_nothing_for_the_next_check(capsys):
    assert not check.backward.passes(in_place)
    check.backward(right_answer)
    assert capsys.readouterr().out.startswith("Right")
