"""Notebook 04's exercise: the mini-batches of one epoch.

There is no single right answer: any order drawn from the generator given is right (rng.permutation,
rng.shuffle, rng.choice without replacement, ...). So the check is property-based: every example
exactly once, in batches of batch_size and a shorter last one, and an order that comes from `rng`
(the same seed gives the same batches, another seed others). Known slips are still matched first,
each by the batches it gives on every probe, and named in the exercise's words.
"""

from numbers import Number

import numpy as np

from nnlib.exercises.engine import Exercise, NotWritten, Probe, Slip, Wrong

NAME = "mini_batches"


def mini_batches(count, batch_size, rng):
    order = rng.permutation(count)
    return [order[start:start + batch_size] for start in range(0, count, batch_size)]


def _cut(order, batch_size, starts):
    return [order[start:start + batch_size] for start in starts]


def _padded(count, batch_size, rng, pad):
    order = rng.permutation(count)
    full = -(-count // batch_size) * batch_size
    return _cut(pad(order, full), batch_size, range(0, full, batch_size))


CASES = ((10, 4), (7, 3), (12, 4), (5, 1), (6, 6), (3, 8), (23, 5))  # (count, batch_size)


def _probes():
    return [Probe({"count": count, "batch_size": size, "rng": np.random.default_rng(seed)},
                  f"for {count} examples in batches of {size}")
            for seed, (count, size) in enumerate(CASES)]


def _sizes(count, batch_size):
    return [batch_size] * (count // batch_size) + [count % batch_size] * bool(count % batch_size)


def _batches(answer):
    """An answer as {'sizes': the batches' sizes, 'order': their examples one after the other},
    or Wrong saying why it is not a list of batches of example numbers."""
    if (isinstance(answer, np.ndarray) and answer.ndim == 1) or (
            isinstance(answer, (list, tuple)) and answer
            and all(isinstance(item, (Number, np.number)) for item in answer)):
        kind = "array" if isinstance(answer, np.ndarray) else "list"
        raise Wrong(NAME, f"it returns one flat {kind} of example numbers: an epoch needs them cut "
                    "into batches, a list of arrays, one per batch.")
    if isinstance(answer, (str, bytes, Number, dict, set)) or not hasattr(answer, "__iter__"):
        raise Wrong(NAME, f"it returns {answer!r:.60}: an epoch needs a list of batches, each an "
                    "array of example numbers.")
    batches = list(answer)  # a list, a tuple, a generator, or a table (one batch per row)
    arrays = []
    for number, batch in enumerate(batches, start=1):
        if batch is ...:
            raise NotWritten
        try:
            array = np.asarray(batch)
        except ValueError:
            array = np.asarray(batch, dtype=object)
        if array.ndim == 0:
            raise Wrong(NAME, f"batch {number} is the single number {batch!r:.20}: each batch is "
                        "an array of example numbers (a slice of the shuffled order, "
                        "order[start:stop], is one), and the answer a list of them.")
        if array.ndim > 1:
            raise Wrong(NAME, f"batch {number} is a table of shape {array.shape}: each batch is a "
                        "flat array of example numbers.")
        if array.size and array.dtype.kind not in "iu":
            kind = {"f": "numbers with a decimal point (floats)", "b": "yes/no values"}.get(
                array.dtype.kind, "things that are not whole numbers")
            raise Wrong(NAME, f"batch {number} holds {kind}, {', '.join(map(str, array[:4]))}"
                        f"{', …' * (array.size > 4)}: example numbers "
                        "are whole numbers (ints), since they pick rows of the data, "
                        "inputs[batch]. rng.permutation(count) gives ints.")
        arrays.append(array.astype(int))
    return {"sizes": np.array([len(array) for array in arrays], dtype=int),
            "order": np.concatenate(arrays) if arrays else np.zeros(0, dtype=int)}


SLIPS = [
    Slip("it returns one batch of all the examples: cut the shuffled order into pieces of "
         "batch_size, order[start:start + batch_size].",
         lambda count, batch_size, rng: [rng.permutation(count)]),
    Slip("it leaves out the last, shorter batch when batch_size does not divide count (10 "
         "examples in batches of 4 make batches of 4, 4 and 2): every example belongs in a batch "
         "in every epoch, so the last batch is simply shorter. range(0, count, batch_size) gives "
         "the start of every batch.",
         lambda count, batch_size, rng: _cut(rng.permutation(count), batch_size,
                                             range(0, count - batch_size + 1, batch_size))),
    Slip("count and batch_size are the other way round: the check calls mini_batches(count, "
         "batch_size, rng), count being the number of examples and batch_size the size of each "
         "batch.", lambda count, batch_size, rng: mini_batches(batch_size, count, rng)),
    *[Slip("the last batch is filled up to batch_size with examples already used, or with "
           "numbers that are no examples: the last batch is simply shorter, and holds what is "
           "left of the order.", lambda count, batch_size, rng, pad=pad:
           _padded(count, batch_size, rng, pad))
      for pad in (np.resize, lambda order, full: np.pad(order, (0, full - len(order))))],
    Slip("the batches overlap: each starts one example after the one before, so most examples "
         "are in several batches. Step the start by batch_size: range(0, count, batch_size).",
         lambda count, batch_size, rng: _cut(rng.permutation(count), batch_size,
                                             range(count - batch_size + 1))),
    Slip("each batch holds batch_size − 1 examples, and some examples are left out: a slice "
         "leaves out its end, so order[start:start + batch_size] already holds batch_size of "
         "them.", lambda count, batch_size, rng: [
             order[start:start + batch_size - 1] for order in [rng.permutation(count)]
             for start in range(0, count, batch_size)]),
    Slip("each batch holds one example more than batch_size, the first of the next batch: a "
         "slice leaves out its end, so order[start:start + batch_size] already holds batch_size "
         "of them.", lambda count, batch_size, rng: [
             order[start:start + batch_size + 1] for order in [rng.permutation(count)]
             for start in range(0, count, batch_size)]),
    *[Slip("np.array_split(order, k) cuts the order into k pieces of nearly equal sizes, not "
           "into pieces of batch_size: 10 examples in batches of 4 must give 4, 4 and 2. Cut with "
           "slices instead, order[start:start + batch_size], start going up by batch_size.",
           lambda count, batch_size, rng, pieces=pieces:
           np.array_split(rng.permutation(count), pieces(count, batch_size)))
      for pieces in (lambda count, size: count // size, lambda count, size: -(-count // size),
                     lambda count, size: size)],
    Slip("the examples are numbered from 1 to count: they are counted from 0, 0 to count − 1, as "
         "rng.permutation(count) gives them and as the rows of the data are numbered.",
         lambda count, batch_size, rng: [batch + 1
                                         for batch in mini_batches(count, batch_size, rng)]),
]


class MiniBatches(Exercise):
    """mini_batches' check: known slips first, then the properties of an epoch in plain words."""

    def verdict(self, answer):
        if answer is ...:
            raise NotWritten
        self._check_callable(answer)
        probes = self.probes()
        runs = []
        for index, probe in enumerate(probes):
            try:
                runs.append(self._run(answer, probe, index, probes))
            except Wrong as wrong:
                runs.append(wrong)
        for slip in self.slips:
            made = [self._slip_parts(slip, probe) for probe in probes]
            if _fits(runs, made):
                raise Wrong(self.name, slip.words)
        failed = next((run for run in runs if isinstance(run, Wrong)), None)
        if failed is not None:
            raise _uneven(failed)
        for probe, run in zip(probes, runs):
            words = _content_words(probe, run, probes, runs)
            if words:
                raise Wrong(self.name, words)
        words = self._order_words(answer, probes, runs)
        if words:
            raise Wrong(self.name, words)

    def _order_words(self, answer, probes, runs):
        shuffled = [(probe, run) for probe, run in zip(probes, runs)
                    if probe.arguments["count"] > 1]
        if all(np.array_equal(run["order"], np.arange(len(run["order"]))) for _, run in shuffled):
            return ("the batches hold the examples in their original order 0, 1, 2, …: shuffle "
                    "first, with rng.permutation(count), so that each epoch meets them in a new "
                    "order.")
        mixed = [(probe, run) for probe, run in shuffled
                 if probe.arguments["count"] > probe.arguments["batch_size"] > 1]
        if mixed and all(_groups(run) == _groups(_unshuffled(**probe.arguments))
                         for probe, run in mixed):
            return ("each batch holds the same examples in every epoch (0 to 3, then 4 to 7, … "
                    "for batches of 4), only in another order: shuffle the whole order first, "
                    "then cut it into batches, so that examples meet in new batches each epoch.")
        same = [self._order(answer, 10, 4, np.random.default_rng(seed)) for seed in (100, 100, 101)]
        if not np.array_equal(same[0], same[1]):
            return ("two epochs given generators of the same seed have different batches: the "
                    "order comes from another generator (np.random.permutation, np.random.shuffle, "
                    "Python's random, or a new np.random.default_rng()), not from rng. Draw it "
                    "from the rng given, rng.permutation(count), so that a seed gives the same "
                    "epochs on every run.")
        if np.array_equal(same[0], same[2]):
            return ("generators of different seeds give the same batches: the order does not come "
                    "from the rng given (is a generator made inside, with a fixed seed, such as "
                    "np.random.default_rng(0)?). Draw it from rng: rng.permutation(count).")
        return None

    def _order(self, answer, count, batch_size, rng):
        probe = Probe({"count": count, "batch_size": batch_size, "rng": rng},
                      f"for {count} examples in batches of {batch_size}")
        return self._run(answer, probe, 0, [probe])["order"]


def _uneven(failed):
    """A cut into equal pieces (np.split, reshape) that fails where the last batch is shorter:
    said in the exercise's words."""
    cause = failed.__cause__
    if isinstance(cause, ValueError) and ("equal division" in str(cause)
                                          or "cannot reshape" in str(cause)):
        wrong = Wrong(NAME, "np.split and .reshape cut only into pieces of equal size, and the "
                      "last batch is shorter when batch_size does not divide count (10 examples "
                      "in batches of 4 make batches of 4, 4 and 2). Cut with slices instead, "
                      "order[start:start + batch_size], start going up by batch_size.",
                      failed.where)
        wrong.__cause__ = cause
        return wrong
    return failed


def _fits(runs, made):
    """Whether a slip gives the learner's batches on every probe (its sizes, and the same
    examples: the order may come from rng otherwise), and fails where the learner's fails."""
    both = 0
    for run, slip in zip(runs, made):
        if isinstance(run, Wrong):
            if slip is not None:
                return False
            continue
        if slip is None or not (np.array_equal(run["sizes"], slip["sizes"]) and np.array_equal(
                np.sort(run["order"]), np.sort(slip["order"]))):
            return False
        both += 1
    return both > 0


def _unshuffled(count, batch_size, rng):
    return {"sizes": np.array(_sizes(count, batch_size)), "order": np.arange(count)}


def _groups(run):
    """The batches as sets of examples, whatever the order within and between them."""
    ends = np.cumsum(run["sizes"]).astype(int)
    return sorted(tuple(sorted(part)) for part in np.split(run["order"].astype(int), ends[:-1]))


def _listed(values, most=12):
    values = [int(value) for value in values]
    return (", ".join(map(str, values)) if len(values) <= most
            else ", ".join(map(str, values[:most])) + ", …")


def _content_words(probe, run, probes, runs):
    """Words for batches that are not every example once, in batches of batch_size."""
    count, batch_size = probe.arguments["count"], probe.arguments["batch_size"]
    sizes, order = run["sizes"].astype(int), run["order"].astype(int)
    want = _sizes(count, batch_size)
    said = probe.about
    if list(sizes) != want:
        for other, other_run in zip(probes, runs):
            theirs = _sizes(other.arguments["count"], other.arguments["batch_size"])
            if other is not probe and list(sizes) == theirs and list(other_run["sizes"]) == theirs:
                return (f"{said}, your batches have sizes {_listed(sizes)}, the sizes that are "
                        f"right {other.about}: is a size written as a fixed number, where count "
                        "or batch_size belongs?")
        others = {other.arguments["batch_size"] for other in probes} - {batch_size}
        if len(sizes) > 1 and len(set(sizes[:-1])) == 1 and sizes[0] in others:
            return (f"{said}, your batches hold {sizes[0]} examples each: is the size of a batch "
                    "written as a fixed number, where batch_size belongs?")
        if 0 in sizes:
            return (f"{said}, batch {list(sizes).index(0) + 1} is empty: every batch holds at "
                    "least one example (an empty one would make an update from no examples). "
                    "range(0, count, batch_size) gives the start of each batch that holds some.")
        held = (f" (they hold {sizes.sum()} examples in all, where there are {count})"
                if sizes.sum() != count else "")
        return (f"{count} examples in batches of {batch_size} make batches of {_listed(want)}; "
                f"yours have {_listed(sizes) or 'none'}{held}. Step the start by batch_size, "
                "range(0, count, batch_size), and cut order[start:start + batch_size].")
    outside = order[(order < 0) | (order >= count)]
    if outside.size:
        return (f"{said}, your batches hold example {outside[0]}, which does not exist: the "
                f"{count} examples are numbered 0 to {count - 1}.")
    times = np.bincount(order, minlength=count)
    if (times != 1).any():
        twice, missing = np.flatnonzero(times > 1), np.flatnonzero(times == 0)
        return (f"{said}, your batches hold {_listed(np.sort(order))}: example {twice[0]} is in "
                f"{times[twice[0]]} of them and example {missing[0]} in none. Every example "
                f"from 0 to {count - 1} must appear exactly once: cut one shuffled order into "
                "pieces, do not draw each batch at random.")
    return None


mini_batches_exercise = MiniBatches(
    name=NAME, reference=mini_batches, parameters=("count", "batch_size", "rng"), probes=_probes,
    parts=_batches, slips=SLIPS,
    terms={"count": "the number of examples", "batch_size": "the examples in each batch",
           "rng": "the random generator"},
    right="Right: every example exactly once per epoch, batch_size at a time and fewer in the last "
          "batch where batch_size does not divide count (10 examples in batches of 4: 4, 4 and "
          "2), for batch sizes from 1 to more than count, in an order drawn from rng: the same "
          "seed gives the same batches, another seed others.")

CHECKS = dict(mini_batches=mini_batches_exercise)
