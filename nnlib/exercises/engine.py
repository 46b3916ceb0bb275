"""The exercise engine: a learner's answer run on probes, compared with the reference part by
part, and the slip named in plain words.

An exercise is declared once (`Exercise`): what the learner writes, the reference answer, the
probes to run it on, and its known slips, each a wrong answer built from the reference. A check
is one line in a notebook, `check.sigmoid(my_sigmoid)`. It prints one line when the answer is
right, a "not written yet" line while it still holds `...`, and otherwise raises `Wrong`, whose
message names the slip (the equation, the layer, the parameter) with no traceback through nnlib.

How a wrong answer is diagnosed, in order:
1. an error raised inside the learner's code: explained in the exercise's terms (diagnosis.py),
   or named as a known slip that fails alike (the same error, the same shapes meeting in the
   operation that failed, the same results on the other probes). Results come before errors:
   when an earlier probe's result was wrong already, that result is diagnosed (steps 3 to 6)
   and named first, and the error follows it;
2. a result that is no number (None, text, `...`), or an input changed in place;
3. a known slip that gives exactly the learner's answer on every probe; else e written rounded
   (2.718 ** -z where np.exp belongs), found by running the answer again with e exact; else a
   known slip that gives the learner's answer wherever it is a number (the same function,
   written in a way that overflows to NaN at a few entries);
4. a part whose shape is off: transposed, an extra axis, a size that fits another probe only
   (a fixed size: the answer has that same shape on the probe it fits);
5. a known slip that explains the first wrong part on every probe;
6. the first wrong part as a multiple of the right one (−1, 2, ½, the number of examples, …),
   located by its entry and, for a function of one input, by the input there ("at z = −20").
Probes differ in their sizes (rows ≠ columns, several batch sizes), so a hard-coded size or a
transpose cannot pass by luck. When an error is raised on a later probe only, the words ask "is
a size written as a fixed number?" only if a probe whose inputs have as many axes ran, and gave
the right result: where the axes differ (a single row after tables), the slip is one of axes, not
of sizes. The engine's own look-ups and re-evaluations are quiet: a warning numpy gives when the
check asks it for a name (np.object) or re-reads a line of the learner's is not the learner's.
"""

import ast
import copy
import inspect
import math
import re
import textwrap
import types
import warnings
from dataclasses import dataclass, field, fields, is_dataclass
from numbers import Number

import numpy as np

from nnlib.exercises.diagnosis import explain, learners_line, operands_met


class Wrong(AssertionError):
    """A wrong answer, in words. Shown in Jupyter as its words alone (no traceback through
    nnlib); the error raised in the learner's code, if any, stays chained as `__cause__`, and
    `plain` holds the words for it without the note on which probe it was raised."""

    def __init__(self, title, words, where=None):
        self.title, self.words, self.where = title, words, where
        self.plain = words
        super().__init__(self.text())

    def text(self):
        lines = textwrap.wrap(f"✗ {self.title}: {self.words}", 100, subsequent_indent="  ")
        if self.where is not None:
            lines.append(f"  Where: {self.where}")
        if self.__cause__ is not None:
            lines.append(f"  (Python said: {type(self.__cause__).__name__}: "
                         f"{' '.join(str(self.__cause__).split())[:200]})")
        return "\n".join(lines)

    def __str__(self):
        return self.text()

    def _render_traceback_(self):  # IPython shows these lines instead of a traceback
        return ["\x1b[31m" + self.text() + "\x1b[0m"]


class NotWritten(Exception):
    """The answer still holds `...`."""


@dataclass
class Probe:
    """Inputs to run an answer on. `examples` is the number of examples averaged over, where
    that applies; `about` says what the probe is, for messages ("on 3 examples of 2 inputs")."""
    arguments: dict
    about: str = ""
    examples: int | None = None


@dataclass
class Slip:
    """A known slip: its words, and the wrong answer it gives (a function with the exercise's
    parameters, or a value)."""
    words: str
    answer: object


@dataclass
class Exercise:
    """One exercise. `reference` is a function (the learner writes one with `parameters`) or a
    value. `probes()` makes fresh probes on each check, so no check can alter them for the next.
    `parts(answer)` splits an answer into named arrays, compared one by one (default: one part,
    the answer). `judge(answer, probe)` may add checks no reference can express (a property,
    such as 'uses the generator it is given'), returning words or None. `terms` describes the
    learner's names in messages; `right` is the line printed when the answer is right."""
    name: str
    reference: object
    right: str
    parameters: tuple = ()
    probes: object = None
    slips: list = field(default_factory=list)
    parts: object = None
    judge: object = None
    terms: dict = field(default_factory=dict)
    not_written: str = ""
    answer_functions: tuple = ()  # nnlib's functions that are the answer: not to be called
    # Words of the exercise's own for errors raised inside the learner's code: (fits(error,
    # code), words or words(error, code)) pairs, `code` the learner's line that failed.
    errors: list = field(default_factory=list)
    rtol: float = 1e-6
    atol: float = 1e-9

    @property
    def is_function(self):
        return callable(self.reference)

    def __call__(self, answer):
        """Check `answer`: print a line when it is right or not written yet, else raise Wrong."""
        words = unread_words(answer)
        if words:
            raise Wrong(self.name, words)
        report(lambda: self.verdict(answer), self.right, self.not_written or not_written(self.name))

    def verdict(self, answer):
        """Return if `answer` is right; raise NotWritten or Wrong otherwise."""
        if answer is ...:
            raise NotWritten
        if not self.is_function:
            return self._check_value(answer)
        self._check_callable(answer)
        called = [f.__name__ for f in self.answer_functions if f in functions_used(answer)]
        if called:
            raise Wrong(self.name, f"your {self.name} calls nnlib's {called[0]}, which is the "
                        "answer itself: write it yourself, with the equations above.")
        try:
            probes = self.probes()
            got, want = [], []
            for index, probe in enumerate(probes):
                want.append(self._parts(self.reference(*copy.deepcopy(probe.arguments).values())))
                try:
                    got.append(self._run(answer, probe, index, probes))
                except Wrong as wrong:
                    if isinstance(wrong.__cause__, Exception):  # the learner's code raised
                        said = self._error_words(answer, wrong, got, probes)
                        raise said from said.__cause__
                    raise
            if all(_same(got[i], want[i], self) for i in range(len(probes))):
                for probe in probes:
                    words = self.judge(answer, probe) if self.judge else None
                    if words:
                        raise Wrong(self.name, words)
                return
            raise Wrong(self.name, self._diagnose(got, want, probes, answer))
        except NotWritten:
            callee = _unwritten_callee(answer)
            if callee:
                raise Wrong(self.name, f"{self.name} gave back `...` from {callee}, which it "
                            f"calls and which is not written yet: write {callee} first (or "
                            "use nnlib's).") from None
            if _written_before_placeholder(answer):
                raise Wrong(self.name, f"your {self.name} has code, and still ends in `return "
                            "...`, so it gives back `...` whatever it computed. Replace that "
                            "line with the `return` the exercise asks for, or delete it if "
                            "the function needs none.") from None
            raise
        except Wrong as wrong:
            outside = _globals_read(answer, self.parameters)
            if outside and not wrong.words.endswith(outside):
                wrong.words += outside
                wrong.args = (wrong.text(),)
            raise wrong

    def _error_words(self, answer, wrong, got=(), probes=()):
        """For an error raised inside the learner's code: the exercise's own words for it, else
        a slip that does the same on every probe (the same error where the learner's code
        failed, the same result where it did not), else the general words already given.

        `got` holds the learner's results on the probes that ran before the one that failed
        (`probes`). Each result is judged before the error that came after it: if one is wrong,
        that is named first (a slip that fails alike still comes first, since it explains both),
        so an answer that went wrong on the first probe and failed on the second is told what
        went wrong, not asked whether a size is written as a fixed number.

        A slip "fails alike" when it raises the same kind of error, in the same words, with the
        same shapes meeting in the operation that failed (`operands_met`): numpy's words for a
        product name only the sizes that differ, alike for δ @ Wˡ and δ @ (Wˡ⁺¹)ᵀ."""
        cause, where = wrong.__cause__, wrong.where
        code = where.code if where is not None else ""
        probes = list(probes) or self.probes()
        want = [self._parts(self.reference(*copy.deepcopy(probe.arguments).values()))
                for probe in probes[:len(got)]]
        wrong_before = not all(_same(g, w, self) for g, w in zip(got, want))
        for fits, words in self.errors:
            if fits(cause, code):
                own = _chained(Wrong(self.name, words(cause, code) if callable(words) else words,
                                     where), cause)
                if not wrong_before:
                    return own
                wrong = own  # its words follow those for the wrong result, if no slip fits
                break
        mine = [_outcome(answer, probe) for probe in probes]
        fits = [slip for slip in self.slips if callable(slip.answer) and all(
            _same_outcome(outcome, _outcome(slip.answer, probe))
            for outcome, probe in zip(mine, probes))]
        if fits:
            words = " Or: ".join(dict.fromkeys(slip.words for slip in fits))
            return _chained(Wrong(self.name, words, where), cause)
        if wrong_before:
            return self._wrong_before_error(answer, wrong, got, probes)
        return _chained(wrong, cause)

    def _wrong_before_error(self, answer, wrong, got, probes):
        """Wrong naming what is off in the results the learner's answer gave before it failed
        on `probes[len(got)]`, judged with every probe on which it gives a result. A known slip
        found there is named alone; any other words for the result are followed by the words
        for the error (without asking whether a size is fixed: the answer was wrong already)."""
        failed = probes[len(got)]
        ran, mine, right = [], [], []
        for index, probe in enumerate(probes):
            if index < len(got):
                result = got[index]
            elif index == len(got):
                continue
            else:
                try:
                    result = self._run(answer, probe, index, probes)
                except (Wrong, NotWritten):
                    continue
            ran.append(probe)
            mine.append(result)
            right.append(self._parts(self.reference(*copy.deepcopy(probe.arguments).values())))
        words = self._diagnose(mine, right, ran, answer).rstrip()
        further = f"Further on, {failed.about or 'on another probe'}, it failed with an error"
        if any(" ".join(slip.words.split()) in " ".join(words.split()) for slip in self.slips):
            return Wrong(self.name, f"{words} ({further}, perhaps for the same reason: put "
                         "this right first.)")
        words += "" if words.endswith((".", "?", "!", ")")) else "."
        return _chained(Wrong(self.name, f"{words} {further}: {wrong.plain}", wrong.where),
                        wrong.__cause__)

    def passes(self, answer):
        """Whether `answer` is right, quietly (no line printed, nothing raised): for a later cell
        that uses the learner's function once it passes, and nnlib's until then."""
        try:
            self.verdict(answer)
        except (NotWritten, Wrong):
            return False
        return True

    # Values

    def _check_value(self, answer):
        value = as_numbers(answer, self.name)
        if self.judge is not None:
            words = self.judge(answer, None)
            if words:
                raise Wrong(self.name, words)
            return
        want = np.asarray(self.reference, dtype=float)
        if value.shape == want.shape and np.allclose(value, want, self.rtol, self.atol):
            return
        for slip in self.slips:
            wrong = np.asarray(slip.answer, dtype=float)
            if wrong.shape == value.shape and np.allclose(value, wrong, self.rtol, self.atol):
                raise Wrong(self.name, slip.words)
        if value.shape != want.shape:
            raise Wrong(self.name, f"{_count_of(value)} where {_count_of(want)} is needed.")
        raise Wrong(self.name, f"{_short(value)} is not right yet: work it out again, one term "
                    "at a time.")

    # Functions

    def _check_callable(self, answer):
        call = f"{self.name}({', '.join(self.parameters)})"
        if not callable(answer):
            raise Wrong(self.name, f"{self.name} must be a function, written `def {call}:`, "
                        f"with a `return`; it is {_short(answer)}.")
        try:
            names = list(inspect.signature(answer).parameters)
        except (TypeError, ValueError):
            names = []
        if sorted(names) == sorted(self.parameters) and names != list(self.parameters):
            raise Wrong(self.name, f"your parameters are ({', '.join(names)}), and the check "
                        f"calls {call}: in that order. Python matches arguments by their place, "
                        "not their names, so put the parameters in the order above.")
        try:
            inspect.signature(answer).bind(*self.parameters)
        except TypeError:
            raise Wrong(self.name, f"your function is defined as {answer.__name__}"
                        f"{inspect.signature(answer)}, and the check calls it as {call}: give it "
                        f"{_parameters_word(self.parameters)} "
                        f"{', '.join(self.parameters)}.") from None
        except ValueError:  # a built-in function that does not tell its parameters
            pass

    def _run(self, answer, probe, index, probes):
        """The learner's parts on one probe, or Wrong saying what happened."""
        given = copy.deepcopy(probe.arguments)
        try:
            with np.errstate(all="ignore"):
                result = answer(*given.values())
        except NotWritten:
            raise
        except Exception as error:
            if isinstance(error, (TypeError, AttributeError)) and "ellipsis" in str(error).lower():
                raise NotWritten from None  # `...` left inside, used in a sum or as an array
            plain = explain(error, self.name, self.terms).rstrip()
            if not plain.endswith((".", "?", "!", ")")):
                plain += "."
            words = plain
            if index > 0:
                question = (": is a size written as a fixed number?"
                            if _a_size_fixed(error, probe, probes[:index]) else ".")
                words = words.rstrip() + (f" (It ran {probes[0].about or 'on the first probe'}, "
                                          f"and failed {probe.about or 'on another'}{question})")
            elif probe.about and len(probes) > 1:
                words = words.rstrip() + f" (It failed {probe.about}.)"
            said = Wrong(self.name, words, learners_line(error))
            said.plain = plain
            raise said from error
        if result is ...:
            raise NotWritten
        for parameter, before in probe.arguments.items():
            if not _same_value(given[parameter], before):
                raise Wrong(self.name, _changed_in_place(self.name, parameter, before))
        if result is None:
            raise Wrong(self.name, f"{self.name} returned None: did you forget `return`?")
        return self._parts(result, learner=True)

    def _parts(self, answer, learner=False):
        try:
            named = self.parts(answer) if self.parts else {"the result": answer}
        except NotWritten:
            raise
        except Wrong as wrong:
            raise Wrong(self.name, wrong.words) from None
        except Exception:
            if not learner:
                raise
            raise Wrong(self.name, f"{self.name} returned {_short(answer)}, not the kind of "
                        "answer described above the exercise.") from None
        if learner:
            for part, value in named.items():
                if isinstance(value, (list, tuple)):
                    what = self.name if part == "the result" else f"{self.name}'s {part}"
                    raise Wrong(self.name, f"{what} is a Python {type(value).__name__}, where a "
                                "numpy array belongs: np.array(...) makes one. (Lists add and "
                                "multiply differently: [1, 2] * 2 is [1, 2, 1, 2].)")
        return {part: as_numbers(value, f"{self.name}'s {part}" if self.parts else self.name)
                for part, value in named.items()}

    def _slip_parts(self, slip, probe):
        try:
            with np.errstate(all="ignore"):
                return self._parts(slip.answer(*copy.deepcopy(probe.arguments).values()))
        except Exception:  # a slip that cannot be made on this probe does not fit it
            return None

    def _diagnose(self, got, want, probes, answer=None):
        # 3. a slip that gives exactly the learner's answer everywhere
        made = [[self._slip_parts(slip, probe) for probe in probes] for slip in self.slips]
        fits = [slip for slip, answers in zip(self.slips, made)
                if all(a is not None and _same(g, a, self) for g, a in zip(got, answers))]
        if fits:
            return _one_of(fits)
        # 3b. a number written rounded, e as 2.718 in a power where np.exp belongs
        rounded = self._rounded_e(answer, probes, want, made) if answer is not None else None
        if rounded:
            return rounded
        # 3c. a slip that gives the learner's answer wherever that is a number, where the
        # learner's way of writing it overflows to NaN or ∞ at a few entries (the same function
        # written another way: e^−z / (1 + e^−z) for 1 / (1 + e^z))
        fits = [slip for slip, answers in zip(self.slips, made)
                if _same_where_finite(got, answers, want, self)]
        if fits:
            return _one_of(fits) + self._overflow_note(got, want, probes)
        # 4. parts in the wrong order; a part missing or extra (parts may differ from probe to
        # probe: one per layer, say), or a part whose shape is off
        swapped = _misplaced(got, want, self)
        if swapped:
            return swapped
        for index, (mine, right) in enumerate(zip(got, want)):
            if mine.keys() != right.keys():
                return self._count_words(mine, right, index, probes, got, want)
            for part, value in mine.items():
                if value.shape != right[part].shape:
                    return self._shape_words(part, value, right[part], index, probes, want,
                                             got)
        # 5. a slip that explains the first wrong part
        order = list(dict.fromkeys(part for right in want for part in right))

        def off(part, mine, right):
            return part in right and not _close(mine[part], right[part], self)

        first = next(part for part in order if any(off(part, g, w) for g, w in zip(got, want)))
        label = "" if order == ["the result"] else f"{first}: "
        fits = [slip for slip, answers in zip(self.slips, made)
                if all(first not in w or (a is not None and first in a
                                          and _close(g[first], a[first], self))
                       for g, w, a in zip(got, want, answers))]
        where = next(i for i in range(len(probes)) if off(first, got[i], want[i]))
        others = [part for part in order if part != first and off(part, got[where], want[where])]
        also = (f" ({', '.join(others)} {'is' if len(others) == 1 else 'are'} off too, "
                f"{probes[where].about}.)" if others else "")
        if fits:
            return label + _one_of(fits) + also
        # 6. a multiple of the right part
        index = next(i for i in range(len(probes)) if off(first, got[i], want[i]))
        mine, right, probe = got[index][first], want[index][first], probes[index]
        having = [i for i in range(len(probes)) if first in want[i]]
        if not np.isfinite(mine).all() and np.isfinite(right).all():
            return (f"{label}{self.name} gives NaN or infinite values {probe.about}, where the "
                    "answer is an ordinary number: a number overflowed or was divided by zero "
                    "along the way." + also)
        ratio = _ratio_words(mine, right, probe, first if label else self.name,
                             [got[i][first] for i in having], [want[i][first] for i in having],
                             [probes[i] for i in having])
        return (f"{ratio} ({probe.about}: {_difference(mine, right, self._inputs(probe, mine))})."
                f"{also}")

    def _inputs(self, probe, result):
        """{the parameter: its value} when the answer is one array computed from one input of
        the same shape (a sigmoid of z), so that an entry of the result can be named by the
        input it comes from (z = −20); else {}."""
        if self.parts or len(self.parameters) != 1:
            return {}
        value = probe.arguments.get(self.parameters[0])
        if not isinstance(value, np.ndarray) or value.shape != result.shape or value.ndim == 0:
            return {}
        return {self.parameters[0]: value}

    def _overflow_note(self, got, want, probes):
        """Words for the first entry at which the learner's answer is NaN or ∞ where the right
        answer is a number."""
        for mine, right, probe in zip(got, want, probes):
            for part, value in mine.items():
                bad = ~np.isfinite(value) & np.isfinite(right[part])
                if not bad.any():
                    continue
                where = tuple(np.argwhere(bad)[0])
                inputs = self._inputs(probe, value)
                place = (f"at {_named(where, inputs)}" if inputs else
                         f"{probe.about}{' at ' + _place(where) if where else ''}")
                shown = "NaN" if np.isnan(value[where]) else "∞" if value[where] > 0 else "−∞"
                return (f" (Besides, it gives {shown} {place}, where the answer is "
                        f"{right[part][where]:.4g}: a number grew too large for a float "
                        "(overflowed) along the way.)")
        return ""

    def _rounded_e(self, answer, probes, want, made):
        """Words for an answer that writes e rounded (2.718 ** -z, or e = 2.72 then e ** -z)
        where np.exp belongs: the same function with e exact in place of each number close to
        it gives the right answer, or a known slip's, on every probe. None otherwise."""
        fixed, rounded = _with_e_exact(answer)
        if fixed is None:
            return None
        try:
            with np.errstate(all="ignore"):
                mended = [self._parts(fixed(*copy.deepcopy(probe.arguments).values()))
                          for probe in probes]
        except Exception:  # it fails, or gives no numbers, with e exact: not this slip
            return None
        if all(_same(m, w, self) for m, w in zip(mended, want)):
            then = ""
        else:
            fits = [slip for slip, answers in zip(self.slips, made)
                    if all(a is not None and _same(m, a, self) for m, a in zip(mended, answers))]
            if not fits:
                return None
            then = " And with e exact, " + _one_of(fits)
        return _rounded_e_words(answer, rounded) + then

    def _shape_words(self, part, value, right, index, probes, want, got=None):
        label = f"{part} of " if part != "the result" else ""
        said = (f"{self.name} returns {label}shape {value.shape} {probes[index].about}, where "
                f"{right.shape} is needed")
        if value.shape == right.shape[::-1] and value.ndim == 2:
            return said + (": rows and columns are swapped. Is a product in the wrong order, or "
                           "a .T missing or extra?")
        if right.ndim == 0:
            return said.replace(f"where {right.shape} is needed", "where one number is needed") + (
                f": {_one_or_several(value)} "
                "not one number. Leave out the brackets around it, or take the number out with "
                "[0] or .item(); if several, were they meant to be added up or averaged?")
        if value.size == right.size:
            return said + (": the right numbers of values, in the wrong shape (an extra axis, or "
                           "one missing?). .ravel() flattens; [:, None] makes a column.")
        if value.ndim == 0:
            return said + (": one number where several are needed. Was everything added up (a "
                           "sum with no axis), where each row or each neuron needs its own?")
        for other, shapes in enumerate(want):
            # a fixed size gives the same shape on every probe: on the other probe too, where
            # it happens to be right
            same_there = got is None or (part in got[other]
                                         and got[other][part].shape == value.shape)
            if other != index and part in shapes and shapes[part].shape == value.shape and \
                    same_there:
                return said + (f". It has the shape of the answer {probes[other].about}: is a "
                               "size written as a fixed number, where the size of the input "
                               "given belongs?")
        return said + "."

    def _count_words(self, mine, right, index, probes, got, want):
        """Words for an answer with parts missing or extra, such as a gradient per layer for
        some layers only."""
        missing = [part for part in right if part not in mine]
        extra = [part for part in mine if part not in right]
        said = (f"{self.name} gives {len(mine)} part{'s' * (len(mine) != 1)} "
                f"{probes[index].about}, where {len(right)} are needed")
        if missing:
            said += (f": {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} "
                     "missing")
        if extra:
            said += (f"{';' if missing else ':'} it gives {' and '.join(extra)} too, which "
                     f"{'has' if len(extra) == 1 else 'have'} no place there")
        fine = [probe.about for probe, g, w in zip(probes, got, want) if g.keys() == w.keys()]
        if fine and fine[0]:
            said += (f". It gives the right parts {fine[0]}: is a count written as a fixed "
                     "number, where it belongs to the input given")
        return said + "."


def _code_objects(function):
    code = getattr(function, "__code__", None)
    stack = [code] if code else []
    while stack:
        code = stack.pop()
        yield code
        stack.extend(c for c in code.co_consts if inspect.iscode(c))


def functions_used(function):
    """The functions a learner's function names: as globals (`sigmoid`) or as attributes of a
    module it names (`nnlib.sigmoid`, `np.exp`)."""
    try:
        found = inspect.getclosurevars(function)
    except (TypeError, ValueError):
        return []
    names = {*found.unbound, *(n for code in _code_objects(function) for n in code.co_names)}
    named = {**found.globals, **found.nonlocals}
    used = [value for value in named.values() if callable(value)]
    for module in (v for v in named.values() if inspect.ismodule(v)):
        used += [value for value in (_attribute(module, name) for name in names)
                 if callable(value)]
    return used


def _attribute(module, name):
    """`module.name`, or None, quietly: a name the learner's code uses for something else
    (`dtype=object`, `str(...)`) may be one a module warns about when asked for it (numpy's
    `np.object`: "In the future `np.object` will be defined as …"), and the learner wrote no
    `np.object`, so no warning of the look-up's belongs on their screen."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return getattr(module, name, None)
        except Exception:  # a module whose look-up raises more than AttributeError
            return None


def _written_before_placeholder(function):
    """Whether a learner's function holds code of its own above the `return ...` it still ends
    in (placeholders such as `name = ...` are not code of its own)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return False
    body = next((node.body for node in ast.walk(tree) if isinstance(
        node, (ast.FunctionDef, ast.Lambda))), [])
    if not isinstance(body, list):
        return False

    def placeholder(statement):
        value = getattr(statement, "value", None)
        return (isinstance(statement, ast.Pass) or (isinstance(
            statement, (ast.Return, ast.Assign, ast.Expr)) and isinstance(value, ast.Constant)
            and value.value in (..., None) or isinstance(value, ast.Constant) and isinstance(
                value.value, str)))

    last = body[-1] if body else None
    ends_in_placeholder = (isinstance(last, ast.Return) and isinstance(last.value, ast.Constant)
                           and last.value.value is ...)
    return ends_in_placeholder and any(not placeholder(statement) for statement in body[:-1])


def _unwritten_callee(function):
    """The name of a function the learner's function calls that still gives back `...`, when
    the learner's own code holds no `...`; else None."""
    if any(... in code.co_consts for code in _code_objects(function)):
        return None
    try:
        called = inspect.getclosurevars(function).globals
    except (TypeError, ValueError):
        return None
    for name, value in called.items():
        if inspect.isfunction(value) and any(... in code.co_consts
                                             for code in _code_objects(value)):
            return name
    return None


def _globals_read(function, parameters):
    """A note naming the notebook's arrays and numbers a learner's function reads from outside
    itself (`X`, `N = 4`), where its parameters belong; '' if none."""
    try:
        outside = inspect.getclosurevars(function).globals
    except (TypeError, ValueError):
        return ""
    values = {name: value for name, value in outside.items() if name not in parameters and (
        isinstance(value, np.ndarray) or (isinstance(value, Number) and not isinstance(
            value, bool) and not _near_e(value)))}  # e = 2.718 is a constant, not an input
    if not values:
        return ""
    shown = ", ".join(f"{name} (shape {value.shape})" if isinstance(value, np.ndarray)
                      else f"{name} = {value:g}" for name, value in list(values.items())[:3])
    return (f" Note: it reads {shown} from outside the function, from the notebook, where its "
            f"parameters ({', '.join(parameters)}) or what it computes from them belong; the "
            "check gives it other inputs.")


def _chained(wrong, cause):
    wrong.__cause__ = cause
    wrong.args = (wrong.text(),)
    return wrong


def _outcome(function, probe):
    """What `function` does on `probe`: ('error', kind, message), or its result as floats."""
    try:
        with np.errstate(all="ignore"):
            result = function(*copy.deepcopy(probe.arguments).values())
    except Exception as error:  # the learner's code, or a slip made to fail as it does
        return ("error", type(error).__name__, str(error), operands_met(error))
    try:
        return np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        return ("result", repr(result))


def _same_outcome(mine, slip):
    if isinstance(mine, tuple) or isinstance(slip, tuple):
        return isinstance(mine, tuple) and isinstance(slip, tuple) and mine == slip
    return mine.shape == slip.shape and np.allclose(mine, slip, 1e-6, 1e-9, equal_nan=True)


def _a_size_fixed(error, failed, ran):
    """Whether an error raised on the probe `failed`, after the answer ran on the probes `ran`,
    may come from a size written as a fixed number: the error is about sizes, and a probe that
    ran had inputs with as many axes as the one that failed, so only their sizes differ. A
    failure where the axes differ (axis=1 of a single row, a table's [:, 0] of a flat list, a
    product whose orientation fits tables only) is an axis slip, not a fixed size."""
    message = str(error)
    if type(error).__name__ == "AxisError" or not any(word in message for word in (
            "broadcast", "matmul", "aligned", "concatenation", "out of bounds", "shape")):
        return False
    return any(_axes(probe.arguments) == _axes(failed.arguments) for probe in ran)


def _axes(value):
    """The number of axes of each array in `value` (a probe's arguments, a list of layers…):
    what stays the same when only sizes change."""
    if isinstance(value, dict):
        return tuple((name, _axes(item)) for name, item in value.items())
    if isinstance(value, np.ndarray):
        return value.ndim
    if isinstance(value, (list, tuple)):  # a list of layers: as many as the probe has
        return (type(value).__name__, frozenset(_axes(item) for item in value))
    if isinstance(value, Number):
        return 0
    return type(value).__name__


def _one_or_several(value):
    return "a list or an array of one number is" if value.size == 1 else "several numbers are"


def _parameters_word(parameters):
    return "the parameter" if len(parameters) == 1 else f"{len(parameters)} parameters,"


def _changed_in_place(name, parameter, before):
    """Words for an input the learner's function changed, directly or through another name."""
    if isinstance(before, np.ndarray) or (isinstance(before, (list, tuple)) and any(
            isinstance(item, np.ndarray) for item in before)):
        fix = ("Make new arrays instead: `x = x - …` or `d = a - b` leaves the given ones "
               "untouched; `-=`, `*=` and `[…] =` change an array where it is.")
    else:
        fix = ("Leave it as it is given, and put what you compute in new variables of your own.")
    return (f"your {name} changes its input `{parameter}`, so the caller's {parameter} is altered "
            f"after the call: by a line such as `{parameter} -= …` or `{parameter}[…] = …`, or "
            "through another name for the same array (after `d = a` or `d = a[-1]`, `d` is not a "
            f"copy, and `d -= …` changes `a` too). {fix}")


def _misplaced(got, want, exercise):
    """Words for an answer whose parts are all right but stand in the wrong places (two lists
    swapped, a list in reverse order), or None."""
    for mine, right in zip(got, want):
        if mine.keys() != right.keys() or len(right) < 2:
            return None
        places = {}
        for part, value in mine.items():
            found = [other for other, wanted in right.items() if _close(value, wanted, exercise)]
            if not found:
                return None
            places[part] = found
        if all(part in found for part, found in places.items()):
            continue  # this probe is right
        wrong = [(part, found[0]) for part, found in places.items() if part not in found]
        shown = "; ".join(f"{part} is what belongs at {other}" for part, other in wrong[:3])
        return (f"every number is right, in the wrong place: {shown}. Are two results "
                "returned in the wrong order, or a list built backwards (append while going "
                "from the last layer to the first, without turning it round)?")
    return None


def _one_of(slips):
    if len(slips) == 1:
        return slips[0].words
    return ("it fits more than one slip: " + " Or: ".join(slip.words for slip in slips))


def as_numbers(value, name):
    """`value` as an array of floats, or Wrong naming what it is instead."""
    if value is ...:
        raise NotWritten
    if value is None:
        raise Wrong(name, f"{name} is None, nothing: print(...) shows a value but gives back "
                    "None, and so does a function without `return`. After `=` write the value "
                    "itself (a number, or the sum that makes it).")
    if isinstance(value, (str, bytes)):
        raise Wrong(name, f"{name} is the text {value!r}, not a number: write it without quotes.")
    if isinstance(value, (bool, np.bool_)):
        raise Wrong(name, f"{name} is {value}, a yes/no value, not a number.")
    if isinstance(value, (list, tuple)) and any(item is ... for item in value):
        raise NotWritten
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return value.astype(float)
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise Wrong(name, f"{name} is {_short(value)}, not numbers.") from None
    if isinstance(value, Number) or array.dtype.kind == "f":
        return array
    raise Wrong(name, f"{name} is {_short(value)}, not numbers.")


def _close(mine, right, exercise):
    return mine.shape == right.shape and np.allclose(mine, right, exercise.rtol, exercise.atol,
                                                     equal_nan=True)


def _same(mine, right, exercise):
    return mine.keys() == right.keys() and all(_close(mine[k], right[k], exercise) for k in right)


def _same_value(now, before):
    """Whether an argument is unchanged: arrays entry by entry, containers recursively."""
    if isinstance(before, np.random.Generator):
        return True  # drawing from it is its use
    if isinstance(before, np.ndarray):
        return isinstance(now, np.ndarray) and now.shape == before.shape and np.array_equal(
            now, before, equal_nan=True)
    if isinstance(before, (list, tuple)):
        return (type(now) is type(before) and len(now) == len(before)
                and all(_same_value(a, b) for a, b in zip(now, before)))
    if is_dataclass(before):
        return all(_same_value(getattr(now, f.name), getattr(before, f.name))
                   for f in fields(before))
    return now == before


def _ratio_words(mine, right, probe, what, all_mine=(), all_right=(), probes=()):
    """Words for `mine` as a multiple of `right`: a sign, a factor 2, a count of examples."""
    if mine.shape == right.shape and mine.ndim == 2 and mine.shape[0] == mine.shape[1] and \
            np.allclose(mine, right.T):
        return f"{what} is transposed: rows and columns are swapped"
    if np.allclose(mine, 0) and not np.allclose(right, 0):
        return f"{what} is all zeros: is it computed, or left as it started?"
    ratio = _ratio(mine, right)
    scale = np.abs(right).max() if right.size else 0
    if (ratio is None or np.isclose(ratio, 1, rtol=0.02)) and mine.shape == right.shape and \
            np.allclose(mine, right, rtol=0.02, atol=0.02 * scale):
        return (f"{what} is close to the right value but not equal: rounded somewhere (int(), "
                "round(), //), or a small term missing?")
    if ratio is None:
        return f"{what} is off"
    examples = probe.examples if probe and probe.examples != 1 else None
    named = {-1: "has the wrong sign (−1 times the right value): a minus dropped or doubled",
             2: "is twice the right value: a factor 2 counted twice, or a ½ missing",
             0.5: "is half the right value: a factor 2 missing",
             -2: "is −2 times the right value: a sign and a factor 2", -0.5:
             "is −½ times the right value: a sign, and a factor 2 missing"}
    for value, words in named.items():
        if np.isclose(ratio, value):
            return f"{what} {words}"
    if examples and np.isclose(ratio, examples):
        return (f"{what} is {examples} times the right value, and {examples} is the number of "
                "examples: a sum where the average belongs (divide by the number of examples)")
    if examples and np.isclose(ratio, 1 / examples):
        return (f"{what} is divided by the number of examples ({examples}) once too often")
    divisors = {round(p.examples / r, 6) for p, r in (
        (p, _ratio(m, w)) for p, m, w in zip(probes, all_mine, all_right)) if p.examples and r}
    if len(divisors) == 1 and len(probes) > 1:
        fixed = divisors.pop()
        if float(fixed).is_integer():
            return (f"{what} is divided by {fixed:g} whatever the number of examples: a fixed "
                    "number where the number of examples given belongs (len(...) or .shape[0])")
    return f"{what} is {ratio:.3g} times the right value: a factor is off"


def _ratio(mine, right):
    """The one number c with mine = c · right, if there is one."""
    if mine.shape != right.shape:
        return None
    scale = np.abs(right).max() if right.size else 0
    if scale == 0 or not np.isfinite(mine).all():
        return None
    big = np.abs(right) > 1e-6 * scale
    ratios = mine[big] / right[big]
    c = float(np.median(ratios))
    return c if np.allclose(mine, c * right, rtol=1e-6, atol=1e-9 * scale) and c != 0 else None


def _short(value):
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return f"{value.item():.4g}"
        text = np.array2string(value, precision=4, suppress_small=True, threshold=12,
                               max_line_width=1000)
        return " ".join(text.split())
    if isinstance(value, float):
        return f"{value:.4g}"
    text = " ".join(repr(value).split())
    text = text if len(text) <= 60 else text[:57] + "..."
    kind = type(value).__name__
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} ({text})"


def _difference(mine, right, inputs=None):
    """'got 0.7310, expected 0.7311', shown with as many digits as it takes to tell them apart,
    at the entry where they differ most when there are many, named by the input there too when
    `inputs` ({name: array of the result's shape}) are given: 'at [0], where z = −20'."""
    if mine.size > 4:
        where = np.unravel_index(np.nanargmax(np.abs(mine - right)), mine.shape)
        named = f", where {_named(where, inputs)}" if inputs else ""
        mine, right = mine[where], right[where]
        lead = f"where they differ most, at {_place(where)}{named}: "
    else:
        lead = ""
    for digits in range(4, 17):
        shown = [np.array2string(np.asarray(v), precision=digits, separator=", ",
                                 floatmode="maxprec").replace("-0.,", "0.,") for v in (mine, right)]
        if shown[0] != shown[1]:
            break
    return f"{lead}got {' '.join(shown[0].split())}, expected {' '.join(shown[1].split())}"


def _place(where):
    """'row 1, column 2' or '[3]': an entry of an array, for messages."""
    return (f"row {where[0]}, column {where[1]}" if len(where) == 2 else
            f"[{', '.join(map(str, where))}]")


def _named(where, inputs):
    """'z = −20': the inputs at an entry of the result of their shape."""
    return ", ".join(f"{name} = {float(value[where]):g}".replace("-", "−")
                     for name, value in inputs.items())


def _same_where_finite(got, answers, want, exercise):
    """Whether a slip's answers agree with the learner's wherever the learner's are numbers,
    the learner's being NaN or ∞ at a few entries only, where the right answer is a number: the
    slip's function, written in a way that overflows there."""
    overflowed = total = 0
    for mine, slip, right in zip(got, answers, want):
        if slip is None or not mine.keys() == slip.keys() == right.keys():
            return False
        for part, value in mine.items():
            if not value.shape == slip[part].shape == right[part].shape:
                return False
            kept = np.isfinite(value) | ~np.isfinite(right[part])
            if not np.allclose(value[kept], slip[part][kept], exercise.rtol, exercise.atol,
                               equal_nan=True):
                return False
            overflowed += int((~kept).sum())
            total += value.size
    return 0 < overflowed <= total / 4


# e written rounded: a number this close to it, in the learner's code, may stand for it.
_NEAR_E = 0.03


def _near_e(value):
    return (isinstance(value, (float, np.floating)) and float(value) != math.e
            and abs(float(value) - math.e) <= _NEAR_E)


def _with_e_exact(function):
    """(`function` with e exact in place of each number close to e it holds, in its code or in
    the notebook's names it reads, {how each is written: its value}), or (None, {}) if it holds
    none."""
    code = getattr(function, "__code__", None)
    if code is None or not inspect.isfunction(function):
        return None, {}
    rounded = {}

    def mend(code):
        constants = []
        for constant in code.co_consts:
            if inspect.iscode(constant):
                constant = mend(constant)
            elif _near_e(constant):
                rounded[repr(constant)] = constant
                constant = math.e
            constants.append(constant)
        return code.replace(co_consts=tuple(constants))

    mended = mend(code)
    try:
        outside = inspect.getclosurevars(function).globals
    except (TypeError, ValueError):
        outside = {}
    names = {name: value for name, value in outside.items() if _near_e(value)}
    rounded.update(names)
    if not rounded:
        return None, {}
    namespace = {**function.__globals__, **dict.fromkeys(names, math.e)}
    fixed = types.FunctionType(mended, namespace, function.__name__, function.__defaults__,
                               function.__closure__)
    fixed.__kwdefaults__ = function.__kwdefaults__
    return fixed, rounded


def _rounded_e_words(function, rounded):
    """Words for e written rounded, with the learner's power (`2.718 ** (-z)`) and the np.exp
    that replaces it, when the source shows it."""
    written, value = next(iter(rounded.items()))
    shown = f"{written} = {float(value):g}" if written.isidentifier() else written
    power = _power_of(function, rounded)
    if power:
        text, exponent = power
        return (f"{shown} is e rounded (e = 2.718281828…), so `{text}` is not quite e to "
                "that power: a little off, more so the farther the power is from 0. Use e "
                f"itself: np.exp({exponent}) is e to the power {exponent}, exactly.")
    return (f"{shown} is e rounded (e = 2.718281828…), so its powers are not quite e's: a "
            "little off, more so the farther the power is from 0. Use e itself: np.exp(x) is e "
            "to the power x, exactly.")


def _power_of(function, rounded):
    """(the learner's text of a power of a rounded e, its exponent's text), or None."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None
    values = {value for name, value in rounded.items() if not name.isidentifier()}
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            base, exponent = node.left, node.right
        elif isinstance(node, ast.Call) and len(node.args) == 2 and ast.unparse(node.func) in (
                "pow", "np.power", "numpy.power", "math.pow", "np.float_power"):
            base, exponent = node.args
        else:
            continue
        if (isinstance(base, ast.Constant) and base.value in values) or (
                isinstance(base, ast.Name) and base.id in rounded):
            return ast.unparse(node), ast.unparse(exponent)
    return None


def _count_of(array):
    return "one number" if array.ndim == 0 else f"shape {array.shape}"


def not_written(name):
    return (f"{name} is not written yet: replace the ... with your code, run its cell, then "
            "this one (stuck? open the worked answer below).")


# Functions whose latest cell Python could not read (a SyntaxError), by name: the function of
# that name is then an older one, and a check would judge it, not what the learner now sees.
UNREAD = {}


def remember_unread_cells(result):
    """After each cell (an IPython post_run_cell hook): note the functions a cell defines when
    Python could not read it, and forget them when a cell that defines them runs."""
    source = getattr(getattr(result, "info", None), "raw_cell", None) or ""
    names = re.findall(r"^\s*def\s+(\w+)\s*\(", source, re.M)
    error = getattr(result, "error_before_exec", None)
    for name in names:
        if isinstance(error, SyntaxError):
            UNREAD[name] = error
        else:
            UNREAD.pop(name, None)


def watch_cells():
    """Have IPython tell remember_unread_cells about every cell (once; nothing outside IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover: IPython comes with ipykernel
        return
    shell = get_ipython()
    if shell is not None and remember_unread_cells not in shell.events.callbacks.get(
            "post_run_cell", []):
        shell.events.register("post_run_cell", remember_unread_cells)


def unread_words(answer):
    """Words when the cell that defines `answer` last failed to be read, else None."""
    name = getattr(answer, "__name__", None)
    error = UNREAD.get(name) if isinstance(name, str) else None
    if error is None:
        return None
    kind, at = type(error).__name__, f" at line {error.lineno}" if error.lineno else ""
    return (f"the cell that defines {name} did not run: Python could not read it ({kind}{at}: "
            f"{error.msg}), so {name} is still the one from before, and this check would judge "
            "that one. Fix that line, run the cell, then this one.")


def report(verdict, right, unwritten):
    """Run `verdict()`: print `right` if it returns, `unwritten` if the answer holds `...`; a
    Wrong goes on to the learner, with the learner's own error chained, not nnlib's frames."""
    try:
        verdict()
    except NotWritten:
        print(unwritten)
        return
    except Wrong as wrong:
        raise wrong.with_traceback(None) from wrong.__cause__
    print(right)


class InTurn:
    """Several answers checked one after the other, as one exercise (two functions that belong
    together): the first not written or wrong is the one reported."""

    def __init__(self, right, *exercises):
        self.right, self.exercises = right, exercises

    def __call__(self, *answers):
        for exercise, answer in zip(self.exercises, answers):
            words = unread_words(answer)
            if words:
                raise Wrong(exercise.name, words)

        def verdict():
            for index, (exercise, answer) in enumerate(zip(self.exercises, answers, strict=True)):
                try:
                    exercise.verdict(answer)
                except NotWritten:
                    done = [e.name for e in self.exercises[:index]]
                    raise NotWritten(("Right so far: " + " and ".join(done) + ". ") * bool(done)
                                     + not_written(exercise.name)) from None
        try:
            verdict()
        except NotWritten as unwritten:
            print(str(unwritten) or not_written(self.exercises[0].name))
            return
        except Wrong as wrong:
            raise wrong.with_traceback(None) from wrong.__cause__
        print(self.right)


class Checks:
    """The checks of every exercise, by name: `check.sigmoid(my_sigmoid)`."""

    def __init__(self, **checks):
        self._checks = checks

    def __getattr__(self, name):
        try:
            return self.__dict__["_checks"][name]
        except KeyError:
            raise AttributeError(f"there is no exercise called {name!r}; the exercises are "
                                 f"{', '.join(self._checks)}") from None

    def __dir__(self):
        return list(self._checks)
