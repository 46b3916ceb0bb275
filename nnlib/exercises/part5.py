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


# Slips that fail on some probes (a label past the last row), as the learner's code does there.

def _labels_as_rows(labels, classes):
    table = np.zeros((len(labels), classes))
    table[labels] = 1
    return table


def _swapped_index(labels, classes):
    table = np.zeros((len(labels), classes))
    table[labels, np.arange(len(labels))] = 1
    return table


def _on_the_diagonal(labels, classes):
    table = np.zeros((len(labels), classes))
    for label in labels:
        table[label, label] = 1
    return table


def _identity_of_the_labels(labels, classes):
    return np.eye(len(labels))[labels]


def _rows_by_class(labels, classes):
    table = np.zeros((len(labels), classes))
    table[range(classes), labels] = 1
    return table


def _first_row_only(labels, classes):  # `return` indented inside the loop
    table = np.zeros((len(labels), classes))
    for k in range(len(labels)):
        table[k, labels[k]] = 1
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
                lambda labels, classes: 1 - one_hot(labels, classes)),
           Slip("it uses the labels as row numbers: table[labels] = 1 fills whole rows with 1s, "
                "and a label larger than the last row's number goes past the end. A label says "
                "the column of its row's 1; its row is its place in the list (the first label's "
                "row 0, the next row 1, …). Index with both: table[which_rows, which_columns].",
                _labels_as_rows),
           Slip("the row numbers and the labels stand in each other's places in the index: in "
                "table[which_rows, which_columns] the first array picks the rows and the second "
                "the columns. A label's row is its place in the list (0, 1, 2, …), and the label "
                "itself is the column.", _swapped_index),
           Slip("it puts each 1 at (label, label), in the row numbered by the label itself. Each "
                "label has a row of its own, its place in the list (the first label's row 0, the "
                "next row 1, …), and only the column is the label. A loop needs that place too: "
                "for k in range(len(labels)), or for k, label in enumerate(labels).",
                _on_the_diagonal),
           Slip("it picks rows of np.eye(len(labels)), an identity table with one column per "
                "label: a one-hot row has one column per class, `classes` of them.",
                _identity_of_the_labels),
           Slip("it numbers the rows with range(classes), one per class, where the table has one "
                "row per label: the row numbers run over the labels' places, 0 to "
                "len(labels) − 1.", _rows_by_class),
           Slip("only its first row holds its 1: is the `return` indented inside the loop? Then "
                "the function returns after the first label. It belongs after the loop, in line "
                "with `for`.", _first_row_only)])


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
EXAMPLES = ("it adds up or averages the examples (Python's sum, or a sum or a mean along axis=0, "
            "down the rows), where each example has its own δ: one for each output of each "
            "example, a table of the shape of outputs. The averaging over the batch comes later, "
            "in the gradients.")
OUTPUTS = ("it adds up or averages each example's outputs (along axis=1, across a row), where "
           "each output neuron has its own δ: a table of the shape of outputs.")
COST = ("that is the cost C, not its slope δ = ∂C/∂z: differentiate the cost with respect to z, "
        "through a (the chain rule, ∂C/∂a times ∂a/∂z).")

cross_entropy_exercise = Exercise(
    name="cross_entropy_delta", reference=cross_entropy_delta, parameters=("outputs", "targets"),
    probes=_batches,
    right="Right: cross_entropy_delta gives δ = ∂C/∂z for every output of every example, for 1 to "
          "7 examples of 3 or 10 outputs, also for saturated outputs.",
    terms={"outputs": "one row per example, one column per output neuron",
           "targets": "one row per example, one column per output neuron"},
    slips=[Slip("that is the quadratic cost's δ, (a − y) σ′(z): its first factor, a − y, is the "
                "quadratic cost's ∂C/∂a. The cross-entropy has a ∂C/∂a of its own: work it out "
                "from C_k (the slope of ln a is 1/a), multiply it by σ′(z) = a(1 − a), and "
                "simplify.",
                lambda outputs, targets: (outputs - targets) * outputs * (1 - outputs)),
           Slip("that is (y − a) σ′(z): the quadratic cost's δ with its sign flipped too. Its "
                "factor y − a is no slope of the cross-entropy: work out the cross-entropy's "
                "∂C/∂a from C_k (mind the minus in front of it, and that the slope of ln a is "
                "1/a), multiply it by σ′(z) = a(1 − a), and simplify.",
                lambda outputs, targets: (targets - outputs) * outputs * (1 - outputs)),
           Slip("it has the wrong sign (−1 times the right δ): a δ above 0 should mean an output "
                "too high, above its target, so that gradient descent lowers it. Check the signs "
                "of ∂C/∂a: the minus in front of C_k applies to both of its terms, and the slope "
                "of ln(1 − a) with respect to a is −1/(1 − a).",
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
           Slip("that is σ′(z) = a(1 − a) alone, the second factor of the chain rule: the first, "
                "∂C/∂a, is missing. Work it out from C_k (the slope of ln a is 1/a), multiply the "
                "two, and simplify.", lambda outputs, targets: outputs * (1 - outputs)),
           Slip("it keeps a factor 1 − a, a part of σ′(z) = a(1 − a): in the product ∂C/∂a · "
                "a(1 − a), check again what cancels against the denominator of ∂C/∂a.",
                lambda outputs, targets: (outputs - targets) * (1 - outputs)),
           Slip("it takes the sigmoid of the outputs again, σ(a)(1 − σ(a)), for σ′: outputs are "
                "already the activations a = σ(z), so σ′(z) is a(1 − a). And with the "
                "cross-entropy the σ′ of the chain rule cancels against the logarithm's slope: "
                "work out ∂C/∂a · σ′(z) and simplify.",
                lambda outputs, targets: (outputs - targets) * _sigmoid(outputs)
                * (1 - _sigmoid(outputs))),
           Slip("outputs are already the activations a = σ(z): use them as they are, without "
                "passing them through the sigmoid again.",
                lambda outputs, targets: _sigmoid(outputs) - targets),
           Slip(DIVIDED, lambda outputs, targets: (outputs - targets) / len(outputs)),
           Slip(DIVIDED, lambda outputs, targets: (outputs - targets) / outputs.size),
           Slip(COST, _costs),
           Slip(COST, lambda outputs, targets: _costs(outputs, targets).sum(axis=1)),
           Slip(COST, lambda outputs, targets: _costs(outputs, targets).sum() / len(outputs)),
           Slip(COST, lambda outputs, targets: _costs(outputs, targets).sum()),
           Slip(EXAMPLES, lambda outputs, targets: (outputs - targets).sum(axis=0)),
           Slip(EXAMPLES, lambda outputs, targets: (outputs - targets).mean(axis=0)),
           Slip(OUTPUTS, lambda outputs, targets: (outputs - targets).sum(axis=1)),
           Slip(OUTPUTS, lambda outputs, targets: (outputs - targets).mean(axis=1)),
           Slip("the absolute value loses the sign: an output below its target needs a δ below "
                "0, so that the update raises it. δ = a − y, as it is.",
                lambda outputs, targets: np.abs(outputs - targets)),
           Slip("that is the squared miss, (a − y)², a cost of each output and not its slope: "
                "δ = ∂C/∂z of the cross-entropy, worked through with the chain rule, is a − y, "
                "not squared.", lambda outputs, targets: (outputs - targets) ** 2),
           Slip("that is the quadratic cost of each output, ½(a − y)², not the slope of the "
                "cross-entropy: δ = ∂C/∂z, differentiated through a with the chain rule.",
                lambda outputs, targets: 0.5 * (outputs - targets) ** 2)])


# Softmax

def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


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
    return e.sum(axis=-1, keepdims=True)


def _row_largest(z):
    return z.max(axis=-1, keepdims=True)


# Each row's largest and each row's sum, as the words write them: along the last axis, which is
# axis 1 of a table (and the only axis of a single flat row).
LARGEST, TOTAL = "z.max(axis=-1, keepdims=True)", "e.sum(axis=-1, keepdims=True)"

SHIFTS = [
    (lambda z: 0, "e^z overflows for z above about 709 (e^800 is infinite, and ∞/∞ is NaN): "
                  f"subtract each row's largest value first, z − {LARGEST}. It changes nothing, "
                  "and keeps every e^z at most 1."),
    (lambda z: z.max(), "it subtracts the largest value of the whole table, not each row's own: "
                        "in a row whose values are all far below it, such as (−1000, −999, −998) "
                        "beside (1000, 1001, 1002), every e^z rounds to 0, and 0/0 is NaN. "
                        f"Subtract each row's own largest: {LARGEST}."),
    (lambda z: z.max(axis=0), "it subtracts each column's largest value (axis=0, down the rows), "
                              "where each row, one example, needs its own: "
                              f"{LARGEST}. A number subtracted from a whole row changes "
                              "nothing; one per column does."),
    (lambda z: z.min(axis=-1, keepdims=True),
     "it subtracts each row's smallest value: then the other exponents are positive, and at the "
     f"sums (0, 800) e^800 overflows to ∞, and ∞/∞ is NaN. The largest, {LARGEST}, keeps every "
     "e^z at most 1."),
    (lambda z: z[:, :1], "it subtracts each row's first value, which need not be its largest: at "
                         "the sums (0, 800) e^800 overflows to ∞, and ∞/∞ is NaN. The largest, "
                         f"{LARGEST}, keeps every e^z at most 1."),
]
TOTALS = [
    (lambda e: e.sum(), "the whole table adds up to 1, not each row: np.sum(e) without an axis "
                        "adds everything, and each row, one example, needs its own sum, kept as "
                        f"a column: {TOTAL}."),
    (lambda e: e.sum(axis=0), "each column adds up to 1, not each row: the sum was taken down the "
                              "columns (axis=0, or Python's sum(e), which adds up the rows). The "
                              f"outputs of one example are one row: {TOTAL}."),
    (lambda e: 1, "its rows do not add up to 1: divide each e^z by the sum of its row, kept as "
                  f"a column, {TOTAL}."),
]


COLUMNS = ("it works down the columns (axis=0): each column adds up to 1, not each row. The sums "
           "of one example are one row: take the max and the sum along each row, axis=-1 (the "
           "last axis: axis 1 of a table), with keepdims=True.")


def _safe_top_only(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / np.exp(z).sum(axis=-1, keepdims=True)


def _subtracted_after(z):
    e = np.exp(z) - z.max(axis=-1, keepdims=True)
    return e / e.sum(axis=-1, keepdims=True)


def _bottom_without_exp(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / z.sum(axis=-1, keepdims=True)


def _largest_added(z):
    e = np.exp(z + z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _turned_round(z):
    e = np.exp(-(z - z.max(axis=-1, keepdims=True)))
    return e / e.sum(axis=-1, keepdims=True)


OTHERS = [
    Slip("that is the sigmoid of each sum, each output on its own: softmax makes the outputs of "
         "a row answer together, each e^z_j divided by the sum of the row's e^z_m, so that "
         "every row adds up to 1.", _sigmoid),
    Slip("its top subtracts each row's largest, and its bottom does not: the bottom adds up "
         "np.exp(z) itself, so the rows do not add up to 1 (each row is e^(−largest) times "
         "what it should be), and at the sums (0, 800) the bottom overflows. Divide by the "
         f"sum of the very e^… of the top, {TOTAL}.", _safe_top_only),
    Slip("it subtracts the largest after taking e^z, from the e^z themselves: by then e^800 has "
         "already overflowed to ∞, and e^z − t is not e^(z − t). Subtract it from the sums z, "
         "inside the exponential.", _subtracted_after),
    Slip("its bottom adds up the sums z themselves, where it must add up the e^… of the top: "
         f"then the rows do not add up to 1. Divide by {TOTAL}.", _bottom_without_exp),
    Slip("it divides the sums z by their total, with no e^ at all: softmax takes e^z of each sum "
         "first (that makes every output positive), then divides by the row's total of those.",
         lambda z: z / z.sum(axis=-1, keepdims=True)),
    Slip("it takes e^(−z), the exponential of minus each shifted sum: then the largest sum gets "
         "the smallest output, the order turned round. Softmax takes e^(z − largest), "
         f"np.exp(z - {LARGEST}), so a larger sum gives a larger output.",
         _turned_round),
    Slip("it adds each row's largest where it should subtract it: e^(z + largest) overflows "
         "sooner, not later (at the sums (0, 800) it is e^1600). Subtract it, so that every "
         "exponent is at most 0.", _largest_added),
]


def _softmax_slips():
    """Each wrong shift with the right sum, the right shift with each wrong sum, and each pair
    of a wrong shift and a wrong sum (a softmax along the columns said once, as one slip); then
    the slips that are no shift or sum of the right form."""
    slips = [Slip(words, _shifted(shift, _row_sums)) for shift, words in SHIFTS]
    slips += [Slip(words, _shifted(_row_largest, total)) for total, words in TOTALS]
    for (shift, shift_words), (total, total_words) in itertools.product(SHIFTS, TOTALS):
        if shift_words in (SHIFTS[1][1], SHIFTS[2][1]) and total_words == TOTALS[1][1]:
            if shift_words == SHIFTS[1][1]:  # a largest of the table or of each column: the same
                slips.append(Slip(COLUMNS, _shifted(shift, total)))
            continue
        slips.append(Slip(f"{shift_words} And: {total_words}", _shifted(shift, total)))
    return slips + OTHERS


softmax_exercise = Exercise(
    name="softmax", reference=softmax, parameters=("z",), probes=_sums, slips=_softmax_slips(),
    answer_functions=(softmax,),
    right="Right: each row of softmax's outputs is positive and adds up to 1, for 1 to 6 examples "
          "of 2 to 10 sums, and nothing overflows: the sums (0, 800) give (0, 1), and (1000, "
          "1001, 1002) the same outputs as (1, 2, 3) would.",
    terms={"z": "one row of sums per example", "e": "the e^z of each sum"})

CHECKS = dict(one_hot=one_hot_exercise, cross_entropy_delta=cross_entropy_exercise,
              softmax=softmax_exercise)
