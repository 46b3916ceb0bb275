"""The toy data sets of parts 3 and 4: shapes, seeds, balanced labels, their geometry, the split
into training and test points, and plain-words errors for bad arguments."""

import numpy as np
import pytest

from nnlib.data import (CIRCLE_RADIUS, RING, TOY_SETS, XOR_CORNERS, circle, moons, spiral,
                        train_test_split, xor)

CURVED = {"circle": circle, "moons": moons, "spiral": spiral}


@pytest.mark.parametrize("name", TOY_SETS)
@pytest.mark.parametrize("points", [4, 9, 200, 401])
def test_shapes_and_balanced_zero_one_labels(name, points):
    inputs, labels = TOY_SETS[name](points=points, noise=0.1, seed=3)
    assert inputs.shape == (points, 2) and labels.shape == (points,)
    assert set(np.unique(labels)) == {0.0, 1.0}
    assert (labels == 0).sum() - (labels == 1).sum() == points % 2, "half each, one more 0"
    assert np.isfinite(inputs).all()


@pytest.mark.parametrize("name", TOY_SETS)
def test_the_same_seed_gives_the_same_points_and_another_seed_others(name):
    make = TOY_SETS[name]
    first, again = make(points=50, noise=0.2, seed=7), make(points=50, noise=0.2, seed=7)
    np.testing.assert_array_equal(first[0], again[0])
    np.testing.assert_array_equal(first[1], again[1])
    assert not np.array_equal(first[0], make(points=50, noise=0.2, seed=8)[0])


def test_xor_is_the_four_corners_with_exclusive_or_labels():
    inputs, labels = xor()
    np.testing.assert_array_equal(inputs, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(labels, [0, 1, 1, 0])
    inputs, labels = xor(points=40, noise=0.0)
    for point, label in zip(inputs, labels):
        assert any(np.array_equal(point, corner) for corner in XOR_CORNERS)
        assert label == float(point[0] != point[1]), f"{point} has label {label}"
    assert len(np.unique(inputs, axis=0)) == 4, "every corner is used"


def test_circle_points_lie_inside_the_radius_and_the_ring_outside_it():
    inputs, labels = circle(points=1000, noise=0.0)
    radius = np.hypot(*inputs.T)
    assert radius[labels == 1].max() <= CIRCLE_RADIUS
    assert RING[0] <= radius[labels == 0].min() and radius[labels == 0].max() <= RING[1]
    assert radius[labels == 1].max() > 0.9 * CIRCLE_RADIUS, "the disc is filled to its edge"


def test_moons_lie_on_their_half_circles_interleaved():
    inputs, labels = moons(points=1000, noise=0.0)
    upper, lower = inputs[labels == 0], inputs[labels == 1]
    np.testing.assert_allclose(np.hypot(*(upper - [-0.5, -0.25]).T), 1.0)
    np.testing.assert_allclose(np.hypot(*(lower - [0.5, 0.25]).T), 1.0)
    assert (upper[:, 1] >= -0.25 - 1e-12).all() and (lower[:, 1] <= 0.25 + 1e-12).all()
    # Interleaved: each moon's tip reaches into the other's hollow, within its circle.
    assert np.hypot(*(upper - [0.5, 0.25]).T).min() < 0.6
    assert np.hypot(*(lower - [-0.5, -0.25]).T).min() < 0.6


def test_the_spiral_arms_are_each_others_half_turn():
    inputs, labels = spiral(points=1000, noise=0.0)
    radius = np.hypot(*inputs.T)
    assert radius.max() <= 1.0 and radius.min() >= 0.05 - 1e-12
    for label, offset in ((0, 0.0), (1, np.pi)):
        arm = inputs[labels == label]
        along = np.hypot(*arm.T)
        expected = np.column_stack([along * np.cos(2 * np.pi * along + offset),
                                    along * np.sin(2 * np.pi * along + offset)])
        np.testing.assert_allclose(arm, expected, atol=1e-12)


@pytest.mark.parametrize("name", CURVED)
def test_noise_jitters_the_points_by_about_its_size(name):
    clean, _ = CURVED[name](points=2000, noise=0.0, seed=1)
    noisy, _ = CURVED[name](points=2000, noise=0.2, seed=1)
    assert np.std(noisy - clean) == pytest.approx(0.2, rel=0.1)


def test_the_split_keeps_test_points_apart_and_each_class_in_proportion():
    inputs, labels = circle(points=200)
    (train_x, train_y), (test_x, test_y) = train_test_split(inputs, labels, test_fraction=0.25,
                                                            seed=0)
    assert len(train_x) == 150 and len(test_x) == 50
    assert train_y.mean() == 0.5 and test_y.mean() == 0.5
    together = np.concatenate([train_x, test_x])
    assert len(np.unique(together, axis=0)) == 200, "no point in both, none lost"
    rows = {tuple(row): label for row, label in zip(inputs, labels)}
    assert all(rows[tuple(row)] == label for row, label in zip(test_x, test_y))
    again = train_test_split(inputs, labels, test_fraction=0.25, seed=0)
    np.testing.assert_array_equal(again[1][0], test_x)


@pytest.mark.parametrize("call, error, words", [
    (lambda: circle(points=3), ValueError, "points must be at least 4"),
    (lambda: circle(points=2.5), TypeError, "points must be a whole number"),
    (lambda: moons(points=10**7), ValueError, "points must be at most 10,000"),
    (lambda: spiral(noise=-0.1), ValueError, "noise must be from 0"),
    (lambda: spiral(noise=float("nan")), ValueError, "noise must be an ordinary number"),
    (lambda: xor(noise="a lot"), TypeError, "noise must be a number"),
    (lambda: xor(seed=-1), ValueError, "seed must be at least 0"),
    (lambda: circle(seed=1.5), TypeError, "seed must be a whole number"),
    (lambda: train_test_split(np.ones((4, 2)), [0, 1, 0], 0.25), ValueError,
     "4 rows of inputs but 3"),
    (lambda: train_test_split(np.ones((4, 2)), [0, 1, 0, 1], 1.5), ValueError,
     "test_fraction must be"),
], ids=["too few", "fraction", "too many", "negative noise", "NaN noise", "text noise",
        "negative seed", "fraction seed", "labels", "fraction of 1.5"])
def test_bad_arguments_are_refused_in_plain_words(call, error, words):
    with pytest.raises(error, match=words):
        call()
