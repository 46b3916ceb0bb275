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
