"""Notebook 04's exercises: my_update, mini_batches and my_train. Any update in place, any order
drawn from the generator given, any loop that does what a training loop does is right; each typical
slip is named.

The wrong answers are written as a learner would write them, as real functions, so the engine
reads their source lines as it does a notebook cell's."""

import copy
import math
import random

import numpy as np
import pytest

import nnlib
from nnlib.exercises import check
from nnlib.exercises.engine import Wrong

from exercising import wrong_words


# Right answers: rng.permutation, rng.shuffle, rng.choice without replacement, and the like

def worked(count, batch_size, rng):
    order = rng.permutation(count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def shuffled_in_place(count, batch_size, rng):
    order = np.arange(count)
    rng.shuffle(order)
    batches = []
    for start in range(0, count, batch_size):
        batches.append(order[start:start + batch_size])
    return batches


def chosen(count, batch_size, rng):
    order = rng.choice(count, size=count, replace=False)
    return [list(order[start:start + batch_size]) for start in range(0, count, batch_size)]


def split_at(count, batch_size, rng):
    return np.split(rng.permutation(count), range(batch_size, count, batch_size))


def yielded(count, batch_size, rng):
    order = rng.permutation(count)
    for start in range(0, count, batch_size):
        yield order[start:start + batch_size]


def sorted_inside(count, batch_size, rng):
    order = rng.permutation(count)
    return [np.sort(order[start:start + batch_size]) for start in range(0, count, batch_size)]


def as_object_array(count, batch_size, rng):
    order = rng.permutation(count)
    return np.array([order[start:start + batch_size] for start in range(0, count, batch_size)],
                    dtype=object)


@pytest.mark.parametrize("answer", [worked, shuffled_in_place, chosen, split_at, yielded,
                                    sorted_inside, as_object_array])
def test_any_order_drawn_from_rng_is_right(answer, capsys):
    check.mini_batches(answer)
    check.mini_batches(answer)
    assert capsys.readouterr().out.count("Right: every example exactly once per epoch") == 2


def test_unwritten_says_so_and_raises_nothing(capsys):
    def mini_batches(count, batch_size, rng):
        return ...  # ✏️ a list of arrays of example numbers

    check.mini_batches(mini_batches)
    check.mini_batches(...)
    out = capsys.readouterr().out
    assert out.count("mini_batches is not written yet") == 2 and "Right" not in out


# Wrong answers

def global_generator(count, batch_size, rng):
    order = np.random.permutation(count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def fresh_generator(count, batch_size, rng):
    order = np.random.default_rng().permutation(count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def seeded_inside(count, batch_size, rng):
    order = np.random.default_rng(0).permutation(count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def python_random(count, batch_size, rng):
    order = random.sample(range(count), count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def unshuffled(count, batch_size, rng):
    order = np.arange(count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def shuffled_within_batches(count, batch_size, rng):
    order = np.arange(count)
    return [rng.permutation(order[start:start + batch_size])
            for start in range(0, count, batch_size)]


def last_dropped(count, batch_size, rng):
    order = rng.permutation(count)
    return [order[k * batch_size:(k + 1) * batch_size] for k in range(count // batch_size)]


def last_padded(count, batch_size, rng):
    order = rng.permutation(count)
    batches = math.ceil(count / batch_size)
    return np.resize(order, (batches, batch_size))


def padded_with_zeros(count, batch_size, rng):
    order = rng.permutation(count)
    full = math.ceil(count / batch_size) * batch_size
    order = np.pad(order, (0, full - count))
    return [order[start:start + batch_size] for start in range(0, full, batch_size)]


def overlapping(count, batch_size, rng):
    order = rng.permutation(count)
    return [order[start:start + batch_size] for start in range(count - batch_size + 1)]


def one_short(count, batch_size, rng):
    order = rng.permutation(count)
    return [order[start:start + batch_size - 1] for start in range(0, count, batch_size)]


def no_return(count, batch_size, rng):
    order = rng.permutation(count)
    [order[start:start + batch_size] for start in range(0, count, batch_size)]


def shuffle_gives_none(count, batch_size, rng):
    order = rng.shuffle(np.arange(count))
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def swapped(batch_size, count, rng):
    order = rng.permutation(count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def swapped_inside(count, batch_size, rng):
    order = rng.permutation(batch_size)
    return [order[start:start + count] for start in range(0, batch_size, count)]


def hard_coded(count, batch_size, rng):
    order = rng.permutation(10)
    return [order[start:start + 4] for start in range(0, 10, 4)]


def four_at_a_time(count, batch_size, rng):
    order = rng.permutation(count)
    return [order[start:start + 4] for start in range(0, count, 4)]


def one_batch(count, batch_size, rng):
    return [rng.permutation(count)]


def not_cut(count, batch_size, rng):
    return rng.permutation(count)


def drawn_at_random(count, batch_size, rng):
    return [rng.integers(0, count, min(batch_size, count - start))
            for start in range(0, count, batch_size)]


def array_split(count, batch_size, rng):
    return np.array_split(rng.permutation(count), count // batch_size)


def split_into_batch_size(count, batch_size, rng):
    return np.array_split(rng.permutation(count), batch_size)


def equal_pieces(count, batch_size, rng):
    return np.split(rng.permutation(count), count // batch_size)


def reshaped(count, batch_size, rng):
    return rng.permutation(count).reshape(-1, batch_size)


def counted_from_one(count, batch_size, rng):
    order = rng.permutation(count) + 1
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def empty_at_the_end(count, batch_size, rng):
    order = rng.permutation(count)
    return [order[start:start + batch_size] for start in range(0, count + 1, batch_size)]


def as_floats(count, batch_size, rng):
    order = rng.permutation(count) / 1
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def python_list(count, batch_size, rng):
    return list(rng.permutation(count))


def two_parameters(count, batch_size):
    order = np.random.permutation(count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def length_of_count(count, batch_size, rng):
    order = rng.permutation(count)
    return [order[start:start + batch_size] for start in range(0, len(count), batch_size)]


RNG = "Draw it from the rng given, rng.permutation(count)"


@pytest.mark.parametrize("answer, words", [
    (global_generator, "the order comes from another generator (np.random.permutation"),
    (global_generator, RNG),
    (fresh_generator, "two epochs given generators of the same seed have different batches"),
    (seeded_inside, "generators of different seeds give the same batches"),
    (seeded_inside, "np.random.default_rng(0)"),
    (python_random, "Python's random"),
    (unshuffled, "in their original order 0, 1, 2, …: shuffle first, with rng.permutation(count)"),
    (shuffled_within_batches, "each batch holds the same examples in every epoch"),
    (last_dropped, "it leaves out the last, shorter batch"),
    (last_padded, "the last batch is filled up to batch_size"),
    (padded_with_zeros, "the last batch is filled up to batch_size"),
    (overlapping, "the batches overlap"),
    (one_short, "each batch holds batch_size − 1 examples"),
    (no_return, "did you forget `return`?"),
    (shuffle_gives_none, "`order` is None: it was set by `order = rng.shuffle(np.arange(count))`"),
    (shuffle_gives_none, "rng.permutation(...) gives back a shuffled copy"),
    (swapped, "your parameters are (batch_size, count, rng), and the check calls "
              "mini_batches(count, batch_size, rng)"),
    (swapped_inside, "count and batch_size are the other way round"),
    (hard_coded, "for 7 examples in batches of 3, your batches have sizes 4, 4, 2, the sizes that "
                 "are right for 10 examples in batches of 4: is a size written as a fixed number"),
    (four_at_a_time, "your batches hold 4 examples each: is the size of a batch written as a "
                     "fixed number, where batch_size belongs?"),
    (one_batch, "it returns one batch of all the examples"),
    (not_cut, "it returns one flat array of example numbers"),
    (drawn_at_random, "must appear exactly once: cut one shuffled order into pieces, do not draw "
                      "each batch at random"),
    (array_split, "np.array_split(order, k) cuts the order into k pieces of nearly equal sizes"),
    (split_into_batch_size, "not into pieces of batch_size"),
    (equal_pieces, "np.split and .reshape cut only into pieces of equal size"),
    (reshaped, "np.split and .reshape cut only into pieces of equal size"),
    (counted_from_one, "the examples are numbered from 1 to count"),
    (empty_at_the_end, "for 12 examples in batches of 4, batch 4 is empty"),
    (as_floats, "holds numbers with a decimal point (floats), 4.0, 6.0, 2.0, 7.0: example numbers "
                "are whole numbers (ints)"),
    (python_list, "it returns one flat list of example numbers"),
    (two_parameters, "give it 3 parameters, count, batch_size, rng"),
    (length_of_count, "len() was given a single number"),
    (3, "must be a function"),
])
def test_mini_batches_names_each_slip(answer, words):
    assert words in wrong_words(check.mini_batches, answer)


def test_the_slip_is_named_where_the_learner_wrote_it():
    words = wrong_words(check.mini_batches, shuffle_gives_none)
    assert ("Where: line 3 of shuffle_gives_none: return [order[start:start + batch_size] for "
            "start in range(0, count, batch_size)]") in words
    assert "(Python said: TypeError: 'NoneType' object is not subscriptable)" in words


def test_a_wrong_answer_leaves_the_next_check_right(capsys):
    for answer in (global_generator, shuffle_gives_none, hard_coded):
        with pytest.raises(Wrong):
            check.mini_batches(answer)
    check.mini_batches(worked)
    assert capsys.readouterr().out.startswith("Right")


def test_the_generators_given_are_the_ones_used():
    """Equal seeds, equal batches; the check's probes never reuse the learner's generator state."""
    seen = []

    def recording(count, batch_size, rng):
        seen.append(rng)
        return worked(count, batch_size, rng)

    check.mini_batches(recording)
    assert len({id(rng) for rng in seen}) == len(seen)


# my_update: one step of gradient descent, in place

def update_worked(network, inputs, targets, learning_rate, backward):
    sums, activations = nnlib.forward_pass(network, inputs)
    weight_gradients, bias_gradients = backward(network, sums, activations, targets)
    for i in range(len(network.weights)):
        network.weights[i] -= learning_rate * weight_gradients[i]
        network.biases[i] -= learning_rate * bias_gradients[i]


def update_assigned_back(network, inputs, targets, learning_rate, backward):
    sums, activations = nnlib.forward_pass(network, inputs)
    gradients = backward(network, sums, activations, targets)
    for i, (dw, db) in enumerate(zip(*gradients)):
        network.weights[i] = network.weights[i] - learning_rate * dw
        network.biases[i] = network.biases[i] - learning_rate * db


def update_zipped_in_place(network, inputs, targets, learning_rate, backward):
    sums, activations = nnlib.forward_pass(network, inputs)
    weight_gradients, bias_gradients = backward(network, sums, activations, targets)
    for w, b, dw, db in zip(network.weights, network.biases, weight_gradients, bias_gradients):
        w -= learning_rate * dw
        b -= learning_rate * db


def update_by_nnlib(network, inputs, targets, learning_rate, backward):
    nnlib.update(network, inputs, targets, learning_rate, backward)


@pytest.mark.parametrize("answer", [update_worked, update_assigned_back, update_zipped_in_place])
def test_an_update_in_place_is_right(answer, capsys):
    check.update(answer)
    check.update(answer)
    out = capsys.readouterr().out
    assert out.count("Right: my_update steps every layer's weights") == 2
    # in place or assigned back into network.weights[l]: both update the network given
    assert "on the network it is given" in out and "in place" not in out


def test_the_unwritten_update_says_so(capsys):
    def my_update(network, inputs, targets, learning_rate, backward):
        return ...  # ✏️ the forward pass, the backward pass, then a step for every layer

    check.update(my_update)
    check.update(...)
    out = capsys.readouterr().out
    assert out.count("my_update is not written yet") == 2 and "Right" not in out


def _gradients(network, inputs, targets, backward):
    return backward(network, *nnlib.forward_pass(network, inputs), targets)


def update_uphill(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.weights)):
        network.weights[i] += learning_rate * weight_gradients[i]
        network.biases[i] += learning_rate * bias_gradients[i]


def update_without_alpha(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.weights)):
        network.weights[i] -= weight_gradients[i]
        network.biases[i] -= bias_gradients[i]


def update_uphill_without_alpha(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.weights)):
        network.weights[i] += weight_gradients[i]
        network.biases[i] += bias_gradients[i]


def update_weights_only(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.weights)):
        network.weights[i] -= learning_rate * weight_gradients[i]


def update_biases_only(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.biases)):
        network.biases[i] -= learning_rate * bias_gradients[i]


def update_last_layer(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    network.weights[-1] -= learning_rate * weight_gradients[-1]
    network.biases[-1] -= learning_rate * bias_gradients[-1]


def update_first_layer(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    network.weights[0] -= learning_rate * weight_gradients[0]
    network.biases[0] -= learning_rate * bias_gradients[0]


def update_two_layers(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(2):
        network.weights[i] -= learning_rate * weight_gradients[i]
        network.biases[i] -= learning_rate * bias_gradients[i]


def update_a_name(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for w, b, dw, db in zip(network.weights, network.biases, weight_gradients, bias_gradients):
        w = w - learning_rate * dw
        b = b - learning_rate * db


def update_a_copy(network, inputs, targets, learning_rate, backward):
    network = copy.deepcopy(network)
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.weights)):
        network.weights[i] -= learning_rate * weight_gradients[i]
        network.biases[i] -= learning_rate * bias_gradients[i]


def update_returns_a_network(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    return nnlib.Network(
        [w - learning_rate * dw for w, dw in zip(network.weights, weight_gradients)],
        [b - learning_rate * db for b, db in zip(network.biases, bias_gradients)])


def update_recomputing(network, inputs, targets, learning_rate, backward):
    for i in range(len(network.weights)):
        weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
        network.weights[i] -= learning_rate * weight_gradients[i]
        network.biases[i] -= learning_rate * bias_gradients[i]


def update_averaged_again(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.weights)):
        network.weights[i] -= learning_rate * weight_gradients[i] / len(inputs)
        network.biases[i] -= learning_rate * bias_gradients[i] / len(inputs)


def update_with_nnlibs_backward(network, inputs, targets, learning_rate, backward):
    sums, activations = nnlib.forward_pass(network, inputs)
    weight_gradients, bias_gradients = nnlib.backward_pass(network, sums, activations, targets)
    for i in range(len(network.weights)):
        network.weights[i] -= learning_rate * weight_gradients[i]
        network.biases[i] -= learning_rate * bias_gradients[i]


def update_off_by_one(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.weights)):
        network.weights[i] -= learning_rate * weight_gradients[i - 1]
        network.biases[i] -= learning_rate * bias_gradients[i - 1]


def update_swapped_lists(network, inputs, targets, learning_rate, backward):
    bias_gradients, weight_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.weights)):
        network.weights[i] -= learning_rate * weight_gradients[i]
        network.biases[i] -= learning_rate * bias_gradients[i]


def update_transposed(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.weights)):
        network.weights[i] -= learning_rate * weight_gradients[i].T
        network.biases[i] -= learning_rate * bias_gradients[i]


def update_whole_lists(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    network.weights -= learning_rate * weight_gradients
    network.biases -= learning_rate * bias_gradients


def update_backward_on_inputs(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = backward(network, inputs, targets)
    for i in range(len(network.weights)):
        network.weights[i] -= learning_rate * weight_gradients[i]


def update_twice_the_step(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.weights)):
        network.weights[i] -= 2 * learning_rate * weight_gradients[i]
        network.biases[i] -= 2 * learning_rate * bias_gradients[i]


def update_half_the_step(network, inputs, targets, learning_rate, backward):
    weight_gradients, bias_gradients = _gradients(network, inputs, targets, backward)
    for i in range(len(network.weights)):
        network.weights[i] -= learning_rate / 2 * weight_gradients[i]
        network.biases[i] -= learning_rate / 2 * bias_gradients[i]


def update_unpacked_the_wrong_way(network, inputs, targets, learning_rate, backward):
    activations, sums = nnlib.forward_pass(network, inputs)
    weight_gradients, bias_gradients = backward(network, sums, activations, targets)
    for i in range(len(network.weights)):
        network.weights[i] -= learning_rate * weight_gradients[i]
        network.biases[i] -= learning_rate * bias_gradients[i]


def update_centring_the_inputs(network, inputs, targets, learning_rate, backward):
    inputs -= inputs.mean(axis=0)
    update_worked(network, inputs, targets, learning_rate, backward)


def update_four_parameters(network, inputs, targets, learning_rate):
    update_worked(network, inputs, targets, learning_rate, nnlib.backward_pass)


@pytest.mark.parametrize("answer, words", [
    (update_uphill, "every weight and bias steps uphill, + where − belongs"),
    (update_without_alpha, "the steps leave out α"),
    (update_uphill_without_alpha, "the steps go uphill and leave out α"),
    (update_weights_only, "the biases do not move"),
    (update_biases_only, "the weights do not move, only the biases"),
    (update_last_layer, "only the last layer moves"),
    (update_first_layer, "only the first layer moves"),
    (update_two_layers, "only layers 1 and 2 move"),
    (update_a_name, "the network given is left as it was"),
    (update_a_name, "`weights = weights - learning_rate * dw` made a new array"),
    (update_a_copy, "a copy was updated (copy.deepcopy(network)"),
    (update_returns_a_network, "my_update returns a new network and leaves the one it is given"),
    (update_recomputing, "the gradients are worked out again before each layer's step"),
    (update_averaged_again, "every step is divided by the number of examples"),
    (update_with_nnlibs_backward, "not with the backward it is given"),
    (update_off_by_one, "a step does not fit the array it changes (shapes (4,2) and (3,4))"),
    (update_swapped_lists, "A backward pass returns (weight_gradients, bias_gradients)"),
    (update_transposed, "a step does not fit the array it changes"),
    (update_whole_lists, "a whole list was used as one array"),
    (update_backward_on_inputs,
     "backward is called as backward(network, sums, activations, targets)"),
    (update_twice_the_step, "each step is twice α times the gradient: the update is "
                            "W ← W − α ∂C/∂W and b ← b − α ∂C/∂b"),
    (update_twice_the_step, "with no factor 2"),
    (update_half_the_step, "each step is half α times the gradient"),
    (update_unpacked_the_wrong_way, "the sums and the activations are swapped before they reach "
                                    "backward: nnlib.forward_pass gives (sums, activations)"),
    (update_unpacked_the_wrong_way, "Is it unpacked as activations, sums = …?"),
    (update_by_nnlib, "your my_update calls nnlib.update, which is the answer itself"),
    (update_centring_the_inputs, "changes its input `inputs`"),
    (update_four_parameters, "give it 5 parameters"),
    ("update", "must be a function"),
])
def test_update_names_each_slip(answer, words):
    assert words in wrong_words(check.update, answer)


def test_an_update_slip_is_named_where_the_learner_wrote_it():
    words = wrong_words(check.update, update_off_by_one)
    assert "Where: line 4 of update_off_by_one: network.weights[i] -= learning_rate * " \
           "weight_gradients[i - 1]" in words
    assert "It failed on a 2-4-3 network with 5 examples and α = 0.5" in words


# my_train: the loop. The module's own mini_batches and my_update are broken on purpose: the check
# runs a loop with its own pieces in their place, so that it judges the loop alone.

def mini_batches(count, batch_size, rng):
    return [np.arange(count)]


def my_update(network, inputs, targets, learning_rate, backward):
    raise RuntimeError("this update is never called by the check")


def train_worked(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_with_nnlib_update(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                            backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        order = rng.permutation(len(inputs))
        for start in range(0, len(inputs), batch_size):
            batch = order[start:start + batch_size]
            nnlib.update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_by_nnlib(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    nnlib.train(network, inputs, targets, epochs, learning_rate, batch_size, seed=seed,
                backward=backward)


def train_printing(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)
        print("epoch", epoch, "cost", nnlib.cost(network, inputs, targets))
    return network


def train_batches_swapped(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                          backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(batch_size, len(inputs), rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_row_length(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs[0]), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


@pytest.mark.parametrize("answer", [train_worked, train_printing])
def test_a_training_loop_is_right(answer, capsys):
    check.train(answer)
    check.train(answer)
    out = capsys.readouterr().out
    assert out.count("Right: my_train makes one update per batch") == 2 and "epoch 0" not in out


def test_the_check_leaves_the_learners_pieces_as_they_are():
    check.train(train_worked)
    assert mini_batches(5, 2, None)[0].tolist() == [0, 1, 2, 3, 4]
    with pytest.raises(RuntimeError):
        my_update(None, None, None, None, None)


def test_the_unwritten_loop_says_so(capsys):
    def my_train(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
        rng = np.random.default_rng(seed)  # noqa: F841 (one generator for the whole run)
        return ...  # ✏️ for each epoch, its mini-batches; for each batch, one update

    check.train(my_train)
    check.train(...)
    out = capsys.readouterr().out
    assert out.count("my_train is not written yet") == 2 and "Right" not in out


def train_unshuffled(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    for epoch in range(epochs):
        for start in range(0, len(inputs), batch_size):
            rows = slice(start, start + batch_size)
            my_update(network, inputs[rows], targets[rows], learning_rate, backward)


def train_one_batch_an_epoch(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                             backward):
    for epoch in range(epochs):
        my_update(network, inputs, targets, learning_rate, backward)


def train_first_batch_only(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                           backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        batch = mini_batches(len(inputs), batch_size, rng)[0]
        my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_one_epoch(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    rng = np.random.default_rng(seed)
    for batch in mini_batches(len(inputs), batch_size, rng):
        my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_from_one(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    rng = np.random.default_rng(seed)
    for epoch in range(1, epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_to_epochs(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs + 1):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_generator_each_epoch(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                               backward):
    for epoch in range(epochs):
        rng = np.random.default_rng(seed)
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_batches_drawn_once(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                             backward):
    batches = mini_batches(len(inputs), batch_size, np.random.default_rng(seed))
    for epoch in range(epochs):
        for batch in batches:
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_unseeded(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    rng = np.random.default_rng()
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_seed_zero(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    rng = np.random.default_rng(0)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_numpys_own_shuffle(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                             backward):
    for epoch in range(epochs):
        order = np.random.permutation(len(inputs))
        for start in range(0, len(inputs), batch_size):
            batch = order[start:start + batch_size]
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_a_copy(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    network = copy.deepcopy(network)
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)
    return network


def train_copies_each_time(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                           backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(copy.deepcopy(network), inputs[batch], targets[batch], learning_rate,
                      backward)


def train_fixed_rate(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], 0.1, backward)


def train_rate_per_example(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                           backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate / len(batch), backward)


def train_nnlibs_backward(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                          backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, nnlib.backward_pass)


def train_targets_in_order(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                           backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for k, batch in enumerate(mini_batches(len(inputs), batch_size, rng)):
            rows = slice(k * batch_size, (k + 1) * batch_size)
            my_update(network, inputs[batch], targets[rows], learning_rate, backward)


def train_shuffling_the_data(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                             backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        rng.shuffle(inputs)
        for start in range(0, len(inputs), batch_size):
            rows = slice(start, start + batch_size)
            my_update(network, inputs[rows], targets[rows], learning_rate, backward)


def train_all_inputs(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            my_update(network, inputs, targets, learning_rate, backward)


def train_batches_of_four(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                          backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), 4, rng):
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_network_from_update(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                              backward):
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        for batch in mini_batches(len(inputs), batch_size, rng):
            network = my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_dots_left(network, inputs, targets, epochs, learning_rate, batch_size, seed, backward):
    rng = np.random.default_rng(seed)  # noqa: F841
    for epoch in range(epochs):
        for batch in ...:
            my_update(network, inputs[batch], targets[batch], learning_rate, backward)


def train_seven_parameters(network, inputs, targets, epochs, learning_rate, batch_size, seed):
    train_worked(network, inputs, targets, epochs, learning_rate, batch_size, seed,
                 nnlib.backward_pass)


def train_renamed(net, x, y, epochs, rate, size, seed, backward):
    train_worked(net, x, y, epochs, rate, size, seed, backward)


@pytest.mark.parametrize("answer, words", [
    (train_by_nnlib, "my_train calls nnlib.train, which is the training loop itself"),
    (train_with_nnlib_update, "my_train calls nnlib.update: make each update with your my_update"),
    (train_batches_swapped, "mini_batches is handed its numbers the other way round, "
                            "mini_batches(batch_size, len(inputs), rng): every epoch the loop made "
                            "1 batch of 4 examples, from examples 0 to 3 only"),
    (train_batches_swapped, "mini_batches(len(inputs), batch_size, rng) = mini_batches(10, 4, rng)"),
    (train_row_length, "mini_batches is handed 2, the length of one row, len(inputs[0])"),
    (train_row_length, "len(inputs) counts them"),
    (train_unshuffled,
     "the examples come in their original order, 0, 1, 2, …, in every epoch: no shuffle"),
    (train_one_batch_an_epoch, "one update per epoch, on all 10 examples at once"),
    (train_first_batch_only, "one update per epoch, on its first batch only"),
    (train_one_epoch,
     "my_train made 3 updates, where 3 epochs of 3 batches make 9: one epoch only"),
    (train_from_one, "one epoch too few"),
    (train_to_epochs, "one epoch too many"),
    (train_generator_each_epoch, "every epoch meets the examples in the same order"),
    (train_batches_drawn_once, "or the batches are drawn once, before it"),
    (train_unseeded, "two runs with the same seed meet the examples in different orders"),
    (train_seed_zero, "runs with different seeds meet the examples in the same order"),
    (train_numpys_own_shuffle, "np.random's own functions"),
    (train_a_copy, "the network given is left as it was: the loop trains a copy of it"),
    (train_copies_each_time, "each update starts from the network as it was at the start"),
    (train_fixed_rate, "update 1 steps by 0.1 times −∂C/∂W, where learning_rate is 0.5"),
    (train_rate_per_example, "pass learning_rate on to the update as it is given"),
    (train_nnlibs_backward, "but not through the backward pass my_train is given"),
    (train_targets_in_order, "was given targets that are not those of its inputs"),
    (train_shuffling_the_data, "my_train changes `inputs` in place"),
    (train_all_inputs, "each update is given all 10 examples, where it takes one batch"),
    (train_batches_of_four, "the batches hold 4 examples, where batch_size is 3"),
    (train_network_from_update, "`network` became None"),
    (train_dots_left, "my_train met a `...`"),
    (train_seven_parameters, "give it 8 parameters"),
    (train_renamed, "the cells below call my_train with these names"),
    (len, "give it 8 parameters"),
])
def test_train_names_each_slip(answer, words):
    assert words in wrong_words(check.train, answer)
