"""Data sets, made in code so every machine gets the same numbers."""

from dataclasses import dataclass

import numpy as np

from nnlib import checks

TRUE_WEIGHTS = np.array([0.5, 0.9, 1.2])
WORKED_ROW = np.array([6.0, 5.0, 5.0])  # the row whose expected output is 13.5


@dataclass(frozen=True)
class Table:
    """Rows of inputs with known outputs, and one row whose output is to be predicted."""

    inputs: np.ndarray  # shape (rows, 3)
    outputs: np.ndarray  # shape (rows,)
    unknown_input: np.ndarray  # shape (3,): the last row, no output given


@checks.checked(checks.table_arguments)
def article_table(rows=6, seed=191):
    """Part 2's table: whole numbers from 1 to 9, outputs made by 0.5·x1 + 0.9·x2 + 1.2·x3.

    The first row is the worked example (6, 5, 5) → 13.5.
    """
    rng = np.random.default_rng(seed)
    inputs = rng.integers(1, 10, size=(rows + 1, 3)).astype(float)
    inputs[0] = WORKED_ROW
    # Every output is a multiple of 0.1: rounding removes the float noise of 0.9 and 1.2.
    outputs = np.round(inputs[:rows] @ TRUE_WEIGHTS, 10)
    return Table(inputs=inputs[:rows], outputs=outputs, unknown_input=inputs[rows])



# Toy sets for parts 3 and 4: points of the plane in two classes, labels 0 and 1, half the points
# in each (one more in class 0 when the count is odd), made by a seeded generator so that every
# machine gets the same points. `noise` is the spread of a normal jitter added to both
# coordinates of every point.

XOR_CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_LABELS = np.array([0.0, 1.0, 1.0, 0.0])
CIRCLE_RADIUS = 0.5  # class 1 lies within it, before noise
RING = (0.7, 1.0)  # class 0 lies between these radii, before noise
SPIRAL_TURNS = 1.0  # how far each arm winds, in whole turns


def _classes(points):
    """How many points of class 0 and of class 1."""
    return points - points // 2, points // 2


def _labelled(zeros, ones, noise, rng):
    """Both classes' points in one table, jittered by `noise`, and their labels."""
    inputs = np.concatenate([zeros, ones])
    if noise:
        inputs = inputs + rng.normal(0.0, noise, inputs.shape)
    return inputs, np.concatenate([np.zeros(len(zeros)), np.ones(len(ones))])


@checks.checked(checks.toy_data_arguments)
def xor(points=4, noise=0.0, seed=0):
    """XOR: label 1 where exactly one of x1, x2 is 1. With 4 points and no noise, the four corners
    of the unit square in the order (0,0), (0,1), (1,0), (1,1); with more, each class's two
    corners in turn, jittered by `noise`."""
    if points == 4:
        inputs = XOR_CORNERS.copy()
        if noise:
            inputs += np.random.default_rng(seed).normal(0.0, noise, inputs.shape)
        return inputs, XOR_LABELS.copy()
    zeros, ones = _classes(points)
    return _labelled(XOR_CORNERS[np.arange(zeros) % 2 * 3], XOR_CORNERS[1 + np.arange(ones) % 2],
                     noise, np.random.default_rng(seed))


@checks.checked(checks.toy_data_arguments)
def circle(points=200, noise=0.05, seed=0):
    """A disc of radius 0.5 (label 1) inside a ring from radius 0.7 to 1 (label 0), both centred
    on (0, 0); points spread evenly over their areas."""
    rng = np.random.default_rng(seed)
    zeros, ones = _classes(points)

    def spread(count, inner, outer):  # evenly over the area: the radius goes as √uniform
        radius = np.sqrt(rng.uniform(inner ** 2, outer ** 2, count))
        angle = rng.uniform(0, 2 * np.pi, count)
        return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])

    return _labelled(spread(zeros, *RING), spread(ones, 0.0, CIRCLE_RADIUS), noise, rng)


@checks.checked(checks.toy_data_arguments)
def moons(points=200, noise=0.1, seed=0):
    """Two interleaved half circles of radius 1: the upper one (label 0) centred on (−0.5, −0.25)
    and bulging up, the lower one (label 1) centred on (0.5, 0.25) and bulging down, each
    reaching into the other's hollow."""
    rng = np.random.default_rng(seed)
    zeros, ones = _classes(points)
    upper, lower = rng.uniform(0, np.pi, zeros), rng.uniform(0, np.pi, ones)
    return _labelled(np.column_stack([np.cos(upper) - 0.5, np.sin(upper) - 0.25]),
                     np.column_stack([0.5 - np.cos(lower), 0.25 - np.sin(lower)]), noise, rng)


@checks.checked(checks.toy_data_arguments)
def spiral(points=200, noise=0.05, seed=0):
    """Two arms winding out from (0, 0) to radius 1, one turn each, the second (label 1) the
    first (label 0) turned by half a turn."""
    rng = np.random.default_rng(seed)
    zeros, ones = _classes(points)

    def arm(count, offset):
        along = rng.uniform(0.05, 1.0, count)  # how far out, from near the centre to radius 1
        angle = 2 * np.pi * SPIRAL_TURNS * along + offset
        return np.column_stack([along * np.cos(angle), along * np.sin(angle)])

    return _labelled(arm(zeros, 0.0), arm(ones, np.pi), noise, rng)


TOY_SETS = {"XOR": xor, "circle": circle, "moons": moons, "spiral": spiral}


@checks.checked(checks.split_arguments)
def train_test_split(inputs, labels, test_fraction=0.25, seed=0):
    """Held-out test points: `test_fraction` of each class, drawn at random (seeded), kept apart
    from the training points. Returns (training_inputs, training_labels) and (test_inputs,
    test_labels), each class in the same proportion in both."""
    rng = np.random.default_rng(seed)
    test = np.zeros(len(labels), dtype=bool)
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        test[rng.choice(members, int(round(test_fraction * len(members))), replace=False)] = True
    training_order, test_order = rng.permutation(np.flatnonzero(~test)), rng.permutation(
        np.flatnonzero(test))
    return ((inputs[training_order], labels[training_order]),
            (inputs[test_order], labels[test_order]))
