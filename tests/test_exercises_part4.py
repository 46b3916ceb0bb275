"""Notebook 04's exercise: mini_batches. Any order drawn from the generator given is right; each
typical slip is named.

The wrong answers are written as a learner would write them, as real functions, so the engine
reads their source lines as it does a notebook cell's."""

import math
import random

import numpy as np
import pytest

from nnlib.exercises import check
from nnlib.exercises.engine import Wrong


def verdict(check_call, *answers):
    """The words a check gives: what it prints, or the Wrong it raises (twice: the same)."""
    said = []
    for _ in range(2):
        try:
            check_call(*answers)
        except Wrong as wrong:
            said.append(str(wrong))
        else:
            said.append(None)
    assert said[0] == said[1], "the check answered differently when run again"
    return said[0]


def wrong_words(check_call, *answers):
    with pytest.raises(Wrong):
        check_call(*answers)
    words = verdict(check_call, *answers)
    assert "Traceback" not in words and "File \"" not in words
    return " ".join(words.split())  # the words, whatever the line breaks


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


@pytest.mark.parametrize("answer", [worked, shuffled_in_place, chosen, split_at, yielded,
                                    sorted_inside])
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
    (swapped, "count and batch_size are the other way round"),
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
