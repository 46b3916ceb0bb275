"""Notebook 05's exercises: one-hot targets, the cross-entropy's δ, and a safe softmax."""

import itertools

import numpy as np

from nnlib.exercises.engine import Exercise, Probe, Slip


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


# One-hot targets

def one_hot(labels, classes):
    return np.eye(classes)[labels]


def _labels():
    cases = (([3, 0, 9, 3], 10), ([1, 0, 2], 5), ([2], 4), ([0, 6, 1, 1, 0, 4, 2], 8),
             ([1, 0, 1, 1, 0, 1], 2))
    return [Probe({"labels": np.array(labels), "classes": classes},
                  f"for the label{'s' * (len(labels) > 1)} {', '.join(map(str, labels))} with "
                  f"{classes} classes") for labels, classes in cases]


def _whole_columns(labels, classes):
    table = np.zeros((len(labels), classes))
    table[:, labels] = 1
    return table


one_hot_exercise = Exercise(
    name="one_hot", reference=one_hot, parameters=("labels", "classes"), probes=_labels,
    answer_functions=(one_hot,),
    right="Right: one_hot gives one row per label and one column per class, with each row's 1 in "
          "the column of its label, for 1 to 7 labels and 2 to 10 classes, as nnlib.one_hot does.",
    terms={"labels": "one label per example", "classes": "the number of classes",
           "table": "the one-hot table"},
    slips=[Slip("it has labels.max() + 1 columns, one up to the largest label that happens to be "
                "there: the table needs `classes` columns, one per class, also for classes no "
                "label of this batch has (the labels 1, 0, 2 with 5 classes need 5 columns).",
                lambda labels, classes: np.eye(labels.max() + 1)[labels]),
           Slip("it has one row per class and one column per label: turn it round, one row per "
                "label and one column per class, shape (len(labels), classes).",
                lambda labels, classes: one_hot(labels, classes).T),
           Slip("its 1s are one column to the left of their labels (label 0's in the last "
                "column): Python counts from 0, so label 0 goes in column 0 and label 3 in "
                "column 3.", lambda labels, classes: np.eye(classes)[labels - 1]),
           Slip("its 1s are one column to the right of their labels: Python counts from 0, so "
                "label 0 goes in column 0 and label 3 in column 3.",
                lambda labels, classes: np.eye(classes)[(labels + 1) % classes]),
           Slip("it has classes + 1 columns: the classes are numbered 0 to classes − 1, so "
                "`classes` columns hold them all.",
                lambda labels, classes: np.eye(classes + 1)[labels]),
           Slip("each row must hold exactly one 1, and its rows hold a 1 in the column of every "
                "label: set one entry per row (row k, column labels[k]), not whole columns.",
                _whole_columns),
           Slip("it has 10 columns whatever `classes` says: is the number of classes written as "
                "10, where `classes` belongs?", lambda labels, classes: np.eye(10)[labels]),
           Slip("it returns the identity table np.eye(classes), one row per class: the answer has "
                "one row per label, the row of the identity table that belongs to that label.",
                lambda labels, classes: np.eye(classes)),
           Slip("it holds the labels themselves, where each label needs a row of `classes` "
                "numbers: all 0 but a 1 in the column of the label.",
                lambda labels, classes: labels.astype(float)),
           Slip("it adds up the rows of the table (Python's sum(table), or a sum along axis=0), "
                "where each label keeps its own row: return the table itself.",
                lambda labels, classes: one_hot(labels, classes).sum(axis=0)),
           Slip("its 1s are where the 0s belong and its 0s where the 1s belong: start from zeros "
                "and put a single 1 in each row.",
                lambda labels, classes: 1 - one_hot(labels, classes))])


# The output layer's δ for sigmoid outputs and the cross-entropy cost

def cross_entropy_delta(outputs, targets):
    return outputs - targets


def _batches():
    rng = np.random.default_rng(5)
    probes = []
    for examples, classes in ((4, 3), (1, 10), (7, 10), (2, 3)):
        outputs = _sigmoid(rng.normal(0, 2, (examples, classes)))
        targets = np.eye(classes)[rng.integers(0, classes, examples)]
        probes.append(Probe({"outputs": outputs, "targets": targets},
                            f"on {examples} example{'s' * (examples > 1)} of {classes} outputs",
                            examples=examples))
    saturated = np.array([[1.0, 1e-20, 0.3], [1e-20, 1.0, 1.0], [0.6, 1.0, 1e-20]])
    probes.append(Probe({"outputs": saturated,
                         "targets": np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]])},
                        "on 3 examples of 3 saturated outputs, some exactly 1 (as σ(40) is in "
                        "floating point)", examples=3))
    return probes


def _costs(outputs, targets):
    return -(targets * np.log(outputs) + (1 - targets) * np.log(1 - outputs))


DIVIDED = ("it is divided by the number of examples (or of all the outputs): give each example "
           "its own δ, the averaging over the batch comes later, in the gradients.")
COST = ("that is the cost C, not its slope δ = ∂C/∂z: differentiate the cost with respect to z, "
        "through a (the chain rule, ∂C/∂a times ∂a/∂z).")

cross_entropy_exercise = Exercise(
    name="cross_entropy_delta", reference=cross_entropy_delta, parameters=("outputs", "targets"),
    probes=_batches,
    right="Right: cross_entropy_delta gives δ = ∂C/∂z for every output of every example, for 1 to "
          "7 examples of 3 or 10 outputs, also for saturated outputs.",
    terms={"outputs": "one row per example, one column per output neuron",
           "targets": "one row per example, one column per output neuron"},
    slips=[Slip("that is the quadratic cost's δ, (a − y) σ′(z). With cross-entropy the σ′ "
                "cancels: leave out the a(1 − a).",
                lambda outputs, targets: (outputs - targets) * outputs * (1 - outputs)),
           Slip("the sign is flipped: the miss is a − y (output minus target), not y − a.",
                lambda outputs, targets: targets - outputs),
           Slip("that is ∂C/∂a, (a − y)/(a(1 − a)). The chain rule multiplies it by ∂a/∂z = "
                "a(1 − a), which cancels the denominator.",
                lambda outputs, targets: (outputs - targets) / (outputs * (1 - outputs))),
           Slip("that is −∂C/∂a, (y − a)/(a(1 − a)): the sign is flipped, and the chain rule "
                "multiplies ∂C/∂a by ∂a/∂z = a(1 − a), which cancels the denominator.",
                lambda outputs, targets: (targets - outputs) / (outputs * (1 - outputs))),
           Slip("it computes ∂C/∂a = (a − y)/(a(1 − a)) and then multiplies by σ′(z) = a(1 − a): "
                "right on paper, but where an output is exactly 1 (a saturated neuron, the very "
                "kind cross-entropy is meant to help) that is 0/0 or ∞ · 0, which is NaN. "
                "Simplify first: the a(1 − a) cancels.",
                lambda outputs, targets: (outputs - targets) / (outputs * (1 - outputs))
                * (outputs * (1 - outputs))),
           Slip("outputs are already the activations a = σ(z): use them as they are, without "
                "passing them through the sigmoid again.",
                lambda outputs, targets: _sigmoid(outputs) - targets),
           Slip(DIVIDED, lambda outputs, targets: (outputs - targets) / len(outputs)),
           Slip(DIVIDED, lambda outputs, targets: (outputs - targets) / outputs.size),
           Slip(COST, _costs),
           Slip(COST, lambda outputs, targets: _costs(outputs, targets).sum(axis=1)),
           Slip(COST, lambda outputs, targets: _costs(outputs, targets).sum() / len(outputs)),
           Slip(COST, lambda outputs, targets: _costs(outputs, targets).sum()),
           Slip("it adds up the examples (Python's sum, or a sum along axis=0), where each "
                "example has its own δ: one for each output of each example, a table of the "
                "shape of outputs.", lambda outputs, targets: (outputs - targets).sum(axis=0)),
           Slip("it adds up each example's outputs, where each output neuron has its own δ: a "
                "table of the shape of outputs.",
                lambda outputs, targets: (outputs - targets).sum(axis=1)),
           Slip("that is the quadratic cost of each output, ½(a − y)², not the slope of the "
                "cross-entropy: δ = ∂C/∂z, differentiated through a with the chain rule.",
                lambda outputs, targets: 0.5 * (outputs - targets) ** 2)])


# Softmax

def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _sums():
    rng = np.random.default_rng(7)
    probes = [Probe({"z": rng.normal(0, 2, (rows, columns))},
                    f"on {rows} example{'s' * (rows > 1)} of {columns} sums")
              for rows, columns in ((4, 3), (1, 10), (6, 10), (2, 5))]
    probes.append(Probe({"z": np.array([[0.0, 800.0], [-800.0, 0.0], [800.0, 0.0]])},
                        "at the sums (0, 800), (−800, 0) and (800, 0)"))
    probes.append(Probe({"z": np.array([[1000.0, 1001.0, 1002.0], [-1000.0, -999.0, -998.0]])},
                        "at the sums (1000, 1001, 1002) and (−1000, −999, −998)"))
    return probes


def _shifted(shift, total):
    """A softmax that subtracts `shift(z)` and divides by `total(e)`, right or not."""
    def wrong(z):
        e = np.exp(z - shift(z))
        return e / total(e)
    return wrong


def _row_sums(e):
    return e.sum(axis=1, keepdims=True)


SHIFTS = [
    (lambda z: 0, "e^z overflows for z above about 709 (e^800 is infinite, and ∞/∞ is NaN): "
                  "subtract each row's largest value first, z − z.max(axis=1, keepdims=True). It "
                  "changes nothing, and keeps every e^z at most 1."),
    (lambda z: z.max(), "it subtracts the largest value of the whole table, not each row's own: "
                        "in a row whose values are all far below it, such as (−1000, −999, −998) "
                        "beside (1000, 1001, 1002), every e^z rounds to 0, and 0/0 is NaN. "
                        "Subtract each row's own largest: z.max(axis=1, keepdims=True)."),
    (lambda z: z.max(axis=0), "it subtracts each column's largest value (axis=0), where each row, "
                              "one example, needs its own: z.max(axis=1, keepdims=True). A number "
                              "subtracted from a whole row changes nothing; one per column does."),
    (lambda z: z.min(axis=1, keepdims=True),
     "it subtracts each row's smallest value: then the other exponents are positive, and at the "
     "sums (0, 800) e^800 overflows to ∞, and ∞/∞ is NaN. The largest, z.max(axis=1, "
     "keepdims=True), keeps every e^z at most 1."),
    (lambda z: z[:, :1], "it subtracts each row's first value, which need not be its largest: at "
                         "the sums (0, 800) e^800 overflows to ∞, and ∞/∞ is NaN. The largest, "
                         "z.max(axis=1, keepdims=True), keeps every e^z at most 1."),
]
TOTALS = [
    (lambda e: e.sum(), "the whole table adds up to 1, not each row: np.sum(e) without an axis "
                        "adds everything, and each row, one example, needs its own sum, kept as "
                        "a column: e.sum(axis=1, keepdims=True)."),
    (lambda e: e.sum(axis=0), "each column adds up to 1, not each row: the sum was taken down the "
                              "columns (axis=0, or Python's sum(e), which adds up the rows). The "
                              "outputs of one example are one row: e.sum(axis=1, keepdims=True)."),
    (lambda e: 1, "its rows do not add up to 1: divide each e^z by the sum of its row, kept as "
                  "a column, e.sum(axis=1, keepdims=True)."),
]


COLUMNS = ("it works down the columns (axis=0): each column adds up to 1, not each row. The sums "
           "of one example are one row: take the max and the sum along axis=1, keepdims=True.")


def _softmax_slips():
    """Each wrong shift with the right sum, the right shift with each wrong sum, and each pair
    of a wrong shift and a wrong sum (a softmax along the columns said once, as one slip)."""
    slips = [Slip(words, _shifted(shift, _row_sums)) for shift, words in SHIFTS]
    slips += [Slip(words, _shifted(lambda z: z.max(axis=1, keepdims=True), total))
              for total, words in TOTALS]
    for (shift, shift_words), (total, total_words) in itertools.product(SHIFTS, TOTALS):
        if shift_words in (SHIFTS[1][1], SHIFTS[2][1]) and total_words == TOTALS[1][1]:
            if shift_words == SHIFTS[1][1]:  # a largest of the table or of each column: the same
                slips.append(Slip(COLUMNS, _shifted(shift, total)))
            continue
        slips.append(Slip(f"{shift_words} And: {total_words}", _shifted(shift, total)))
    return slips


softmax_exercise = Exercise(
    name="softmax", reference=softmax, parameters=("z",), probes=_sums, slips=_softmax_slips(),
    answer_functions=(softmax,),
    right="Right: each row of softmax's outputs is positive and adds up to 1, for 1 to 6 examples "
          "of 2 to 10 sums, and nothing overflows: the sums (0, 800) give (0, 1), and (1000, "
          "1001, 1002) the same outputs as (1, 2, 3) would.",
    terms={"z": "one row of sums per example", "e": "the e^z of each sum"})

CHECKS = dict(one_hot=one_hot_exercise, cross_entropy_delta=cross_entropy_exercise,
              softmax=softmax_exercise)
