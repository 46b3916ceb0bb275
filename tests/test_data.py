"""The article's table (part 2): the worked row, the rule that made the outputs, the unknown row."""

import numpy as np
import pytest

from nnlib.data import TRUE_WEIGHTS, article_table


def made_by_the_rule(inputs):
    """Part 2's rule, written out by hand: output = 0.5·x1 + 0.9·x2 + 1.2·x3."""
    x1, x2, x3 = inputs[:, 0], inputs[:, 1], inputs[:, 2]
    return 0.5 * x1 + 0.9 * x2 + 1.2 * x3


def test_true_weights_are_the_articles():
    np.testing.assert_array_equal(TRUE_WEIGHTS, [0.5, 0.9, 1.2])


def test_worked_row_six_five_five_gives_13_5():
    table = article_table()
    np.testing.assert_array_equal(table.inputs[0], [6, 5, 5])
    assert table.outputs[0] == pytest.approx(13.5)  # 0.5·6 + 0.9·5 + 1.2·5 = 3 + 4.5 + 6


@pytest.mark.parametrize("rows, seed", [(6, 191), (1, 191), (12, 0), (50, 7)])
def test_every_output_follows_the_rule(rows, seed):
    table = article_table(rows=rows, seed=seed)
    assert table.inputs.shape == (rows, 3)
    assert table.outputs.shape == (rows,)
    np.testing.assert_allclose(table.outputs, made_by_the_rule(table.inputs), rtol=0, atol=1e-9)


@pytest.mark.parametrize("seed", [191, 0, 7])
def test_inputs_are_whole_numbers_from_1_to_9(seed):
    table = article_table(rows=30, seed=seed)
    every_input = np.concatenate([table.inputs.ravel(), table.unknown_input])
    np.testing.assert_array_equal(every_input, np.round(every_input))
    assert every_input.min() >= 1 and every_input.max() <= 9


@pytest.mark.parametrize("rows", [1, 6])
def test_unknown_row_has_three_inputs_and_no_output(rows):
    table = article_table(rows=rows)
    assert table.unknown_input.shape == (3,)
    assert np.all(np.isfinite(table.unknown_input))
    assert len(table.outputs) == len(table.inputs) == rows  # outputs only for the known rows


def test_same_seed_gives_the_same_table():
    first, second = article_table(rows=8, seed=3), article_table(rows=8, seed=3)
    np.testing.assert_array_equal(first.inputs, second.inputs)
    np.testing.assert_array_equal(first.outputs, second.outputs)
    np.testing.assert_array_equal(first.unknown_input, second.unknown_input)


def test_another_seed_gives_another_table():
    first, second = article_table(rows=8, seed=3), article_table(rows=8, seed=4)
    # The worked row is the same in every table; the rows after it come from the seed.
    np.testing.assert_array_equal(first.inputs[0], second.inputs[0])
    assert not np.array_equal(first.inputs[1:], second.inputs[1:])


@pytest.mark.parametrize("rows", [0, -1, -10])
def test_fewer_than_one_row_is_refused(rows):
    with pytest.raises(ValueError, match=rf"rows must be at least 1, got {rows}"):
        article_table(rows=rows)
