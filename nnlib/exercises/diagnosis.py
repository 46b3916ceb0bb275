"""Errors raised inside a learner's code, explained in the exercise's own terms.

Python and numpy name the symptom ("matmul: Input operand 1 has a mismatch in its core dimension
0…"); a learner needs the cause: which two arrays met in which product, their shapes, and the
product that fits. The line that failed and the arrays it names are read from the learner's own
frame, so the words hold for slips no one listed.
"""

import ast
import contextlib
import difflib
import linecache
import os
import re
import sys
import warnings
from dataclasses import dataclass

import numpy as np

_NUMPY = os.path.dirname(np.__file__)
# Code outside these folders is the learner's (a notebook cell, or a test standing in for one).
_NOT_THE_LEARNERS = tuple({os.path.dirname(os.path.dirname(__file__)), sys.prefix,
                           sys.base_prefix, os.path.dirname(np.__file__)})


@dataclass
class Where:
    """The learner's line that failed: in which function, its line number there, and its text."""
    function: str
    line: int
    code: str
    frame: object
    number: int = 0  # the line's number in its file (or cell)

    def __str__(self):
        return f"line {self.line} of {self.function}: {self.code}"


def learners_line(error):
    """The last line of the learner's own code that `error` passed through, or None."""
    found = None
    traceback = error.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        filename = frame.f_code.co_filename
        if not os.path.abspath(filename).startswith(_NOT_THE_LEARNERS) and filename[:1] != "<":
            code = linecache.getline(filename, traceback.tb_lineno, frame.f_globals).strip()
            function, first = frame.f_code.co_name, frame.f_code.co_firstlineno
            if function.startswith("<") and found is not None and found.frame.f_code.co_filename \
                    == filename:  # a comprehension's line: counted in the function around it
                function, first = found.function, found.number - found.line + 1
            found = Where(function, traceback.tb_lineno - first + 1, code, frame,
                          traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


def operands_met(error):
    """What met in the operations that could not be computed on the line where `error` was
    raised, ((operator, shape, shape), …), in the innermost code that is not numpy's (a
    learner's, or a slip's made to fail as a learner's does): numpy's words for a product
    name only the sizes that differ, so two errors alike in words may come from other arrays
    (δ times the layer's own W, or times the next layer's W turned round)."""
    traceback, last = error.__traceback__, None
    while traceback is not None:
        if not os.path.abspath(traceback.tb_frame.f_code.co_filename).startswith(_NUMPY):
            last = traceback
        traceback = traceback.tb_next
    if last is None:
        return ()
    frame = last.tb_frame
    code = linecache.getline(frame.f_code.co_filename, last.tb_lineno, frame.f_globals).strip()
    met = []
    for operator, (_, left), (_, right) in _operands(Where(frame.f_code.co_name, 0, code, frame)):
        fits = (_matmul_shape(left, right) is not None if operator in ("@", "dot")
                else _lines_up(shape_of(left), shape_of(right)))
        if not fits:
            met.append((operator, shape_of(left), shape_of(right)))
    return tuple(met)


def shape_of(value):
    return tuple(np.shape(value))


def describe(text, value, terms):
    """'W (the weights, one row per neuron) has shape (3, 2)'."""
    about = f" ({terms[text]})" if text in terms else ""
    if np.ndim(value) == 0:
        return f"{text}{about} is one number"
    return f"{text}{about} has shape {shape_of(value)}"


def explain(error, name, terms=None):
    """Plain words for `error`, raised inside the learner's `name`: what went wrong and the fix."""
    where = learners_line(error)
    return _words_for(error, name, terms or {}, where) + _wrapped_index(where)


def _nodes_of(where):
    """The syntax tree's nodes of the learner's failing line (a `return` read as its value);
    none when there is no line, or it is not a whole statement (the head of a loop, say)."""
    if where is None:
        return []
    try:
        return list(ast.walk(ast.parse(where.code.strip().removeprefix("return "))))
    except SyntaxError:
        return []


def _wrapped_index(where):
    """A note when the failing line indexes with an expression that came out negative (`l - 1`
    at l = 0): Python counts it from the end, so no error is raised there, only later."""
    for node in _nodes_of(where):
        if isinstance(node, ast.Subscript) and isinstance(node.slice, (ast.BinOp, ast.UnaryOp,
                                                                       ast.Name)):
            if isinstance(node.slice, ast.UnaryOp) and isinstance(node.slice.operand, ast.Constant):
                continue  # a written -1 means the last, on purpose
            index = _evaluate(node.slice, where.frame)
            if isinstance(index, (int, np.integer)) and index < 0:
                text = ast.unparse(node.slice)
                return (f" (Here `{text}` is {index}, and Python reads a negative index as "
                        f"counting from the end, so `{ast.unparse(node)}` is the last item, "
                        "not an error: does a loop go one step too far?)")
    return ""


def _words_for(error, name, terms, where):
    message = str(error)
    kind = type(error).__name__
    operands = _operands(where)
    if isinstance(error, RecursionError):
        return (f"{name} calls itself without end. Does it call a function with its own name (a "
                "cell may have given that name to your function)? Call nnlib's or np's instead.")
    if isinstance(error, NameError):
        missing = getattr(error, "name", None) or message
        return (f"{name} uses `{missing}`, which is not defined: is it spelled as where it was "
                "made, and has the cell that makes it been run?")
    if isinstance(error, ValueError) and "truth value of an array" in message:
        builtin = _builtin_over_rows(where)
        if builtin:
            return (f"Python's {builtin}() goes through a table row by row and compares whole "
                    "rows, which gives a yes or no per number, not one answer. Use numpy's, "
                    f"along the axis you mean: z.{builtin}(axis=-1, keepdims=True) is the "
                    f"{'largest' if builtin == 'max' else 'smallest'} of each row, kept as a "
                    f"column (np.{builtin}(z) is the "
                    f"{'largest' if builtin == 'max' else 'smallest'}"
                    " of the whole table).")
        return ("`if`, `and`, `or` need one yes or no, and comparing an array gives one per "
                "number. To choose number by number use np.where(condition, value_if_yes, "
                "value_if_no); for the larger of two arrays, number by number, np.maximum(a, b).")
    if isinstance(error, ValueError) and "with a sequence" in message:
        return ("numpy was given a list whose items are not all single numbers of one kind: "
                "rows where numbers were expected, or pieces of different lengths. A loop over "
                "a table goes row by row, not number by number; numpy's own functions work on a "
                "whole array without a loop. To put arrays one after another, use np.append or "
                "np.concatenate, not np.array([...]).")
    if type(error).__name__ == "AxisError":
        return (f"there is no such axis ({message}). {_shapes(where, terms)} A single row has "
                "one axis (axis 0, or -1); a table has two. axis=-1, the last axis, works for "
                "both.")
    if isinstance(error, ValueError) and ("matmul" in message or "not aligned" in message):
        return _product_words(operands, terms) or (
            f"a product @ met two arrays whose sizes do not pair up ({message}). "
            f"{_shapes(where, terms)}")
    if isinstance(error, ValueError) and "broadcast" in message:
        return _broadcast_words(operands, terms) or (
            f"two arrays of shapes numpy cannot line up number by number met ({message}). "
            f"{_shapes(where, terms)}")
    if isinstance(error, ValueError) and ("concatenation axis" in message
                                          or "same number of dimensions" in message):
        return _joined_words(where, terms) or f"arrays put side by side do not fit ({message})."
    if isinstance(error, TypeError) and "converted to Python scalars" in message:
        module = "math" if where and "math." in where.code else "a function made for one number"
        return (f"{module} works on one number at a time, and here it was given a whole array. "
                "Use numpy's version (np.exp, np.sqrt, np.log, …), which works on every number "
                "of an array at once.")
    if isinstance(error, TypeError) and ("bitwise_xor" in message or "for ^" in message):
        return ("`^` is not a power in Python (it is 'exclusive or', for whole numbers): a "
                "square is written with two stars, x ** 2.")
    if isinstance(error, TypeError) and "as a data type" in message:
        return ("np.zeros (and np.ones, np.empty) takes the shape as one tuple: np.zeros((rows, "
                "columns)), with two pairs of brackets. A second number is read as the type of "
                "the numbers.")
    if isinstance(error, TypeError) and ("has no len()" in message or "unsized object" in message
                                         ) and "NoneType" not in message:
        return (f"len() was given a single number. len() counts the rows of an array or the "
                f"items of a list. {_shapes(where, terms)}")
    if isinstance(error, (TypeError, AttributeError)) and "NoneType" in message:
        return _none_words(where) or (
                "a value is None where a number or an array was expected. A function that ends "
                "without `return` gives None: does one you call (perhaps one of your own) forget "
                "its `return`?")
    if isinstance(error, TypeError) and "object is not iterable" in message and where and \
            where.code.startswith("for "):
        return ("`for … in …` needs something with items to go through (a list, an array, or "
                "range(n)), and here it was given a single number. To repeat something n times, "
                "write `for k in range(n)`.")
    if isinstance(error, TypeError) and "object is not iterable" in message:
        return ("a single number was gone through as if it were a list (by Python's sum(), a "
                "`for` loop, or list()): it has no items. numpy's np.sum, np.mean and the like "
                "take a single number as well as an array.")
    if isinstance(error, TypeError) and "keyword argument" in message and "sum" in message:
        return ("Python's sum() takes no axis. For sums along an axis use numpy's: np.sum(a, "
                "axis=1), or a.sum(axis=1).")
    found = re.search(r"unexpected keyword argument '(\w+)'", message)
    if isinstance(error, TypeError) and found:
        return _keyword_words(found.group(1), where)
    if isinstance(error, IndexError) and ("integer" in message or "valid indices" in message):
        return ("an index must be a whole number (an int), and here one is not: numbers with a "
                "decimal point (floats), even 3.0, cannot pick a row or a column. Keep indices as "
                f"ints, or turn them into ints with .astype(int). {_shapes(where, terms)}")
    if isinstance(error, IndexError) and "shape mismatch" in message:
        return ("indexing with two arrays at once, table[rows, columns], picks one entry for "
                "each pair (rows[i], columns[i]), so the two must be as long as each other (or "
                f"one a single number). Here they are not. {_shapes(where, terms)}")
    if isinstance(error, IndexError):
        found = re.search(r"index (-?\d+) is out of bounds for axis (\d+) with size (\d+)",
                          message)
        if found:
            index, axis, size = found.group(1), found.group(2), int(found.group(3))
            noun = {"0": "row", "1": "column"}.get(axis, f"place along axis {axis}")
            numbered = "numbered 0" if size == 1 else f"numbered 0 to {size - 1}"
            return (f"index {index} goes past the end: there {'is' if size == 1 else 'are'} "
                    f"{size} {noun}{'s' * (size != 1)} (axis {axis}), {numbered}. Is a number "
                    f"used as a {noun} number that is not one, or a size fixed in the code? "
                    f"{_shapes(where, terms)}")
        return (f"an index goes past the end of an array ({message}). Indices count from 0, so "
                f"the last of n is n − 1. {_shapes(where, terms)}")
    if isinstance(error, AttributeError) and "has no attribute" in message:
        return _attribute_words(message)
    if isinstance(error, ZeroDivisionError):
        return f"a division by zero ({message}). {_shapes(where, terms)}"
    return f"{name} raised {kind}: {message}"


def _builtin_over_rows(where):
    """'max' or 'min' when the failing line calls Python's own max() or min() (not numpy's)."""
    for node in _nodes_of(where):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in ("max", "min"):
            return node.func.id
    return None


# Keywords numpy's functions take: a slip in one is named with the nearest of these.
_NUMPY_KEYWORDS = ("axis", "keepdims", "dtype", "out", "where", "initial", "ddof", "ord", "size",
                   "replace", "endpoint", "num", "copy", "order", "return_counts", "minlength")


def _keyword_words(keyword, where):
    """A keyword the function called does not take: which call, and the nearest right one."""
    call = None
    for node in _nodes_of(where):
        if isinstance(node, ast.Call) and any(word.arg == keyword for word in node.keywords):
            call = ast.unparse(node.func)
    nearest = difflib.get_close_matches(keyword, _NUMPY_KEYWORDS, n=1, cutoff=0.6)
    said = f"`{call}(…)`" if call else "the function called"
    if nearest:
        return f"{said} takes no keyword `{keyword}=`: it is spelled `{nearest[0]}=`."
    return (f"{said} takes no keyword `{keyword}=`. Is it spelled as in the function's "
            "documentation (help(…) shows it), or meant for another function?")


# What to write instead of a method an array or a list does not have.
_INSTEAD = {("ndarray", "append"): "np.append(a, value) gives a new array with the value added "
                                   "at the end",
            ("ndarray", "extend"): "np.concatenate([a, b]) gives a new array, a then b",
            ("list", "shape"): "make it an array first: np.array(the_list)",
            ("list", "T"): "make it an array first: np.array(the_list).T",
            ("list", "sum"): "np.sum(the_list), or make it an array first",
            ("list", "mean"): "np.mean(the_list), or make it an array first",
            ("list", "reshape"): "make it an array first: np.array(the_list).reshape(...)"}


def _attribute_words(message):
    """'a numpy array has no .append: np.append(a, value) …'; 'np has no zero: np.zeros?'."""
    module = re.search(r"module '([\w.]+)' has no attribute '(\w+)'", message)
    if module:
        name, attribute = module.groups()
        try:
            known = dir(__import__(name))
        except ImportError:
            known = []
        close = difflib.get_close_matches(attribute, known, n=2)
        short = {"numpy": "np"}.get(name, name)
        return (f"{short} has no `{attribute}`" + (
            f": did you mean {' or '.join(f'{short}.{c}' for c in close)}?" if close else "."))
    found = re.search(r"'([\w.]+)' object has no attribute '(\w+)'", message)
    if not found:
        return message
    kind, attribute = found.group(1).split(".")[-1], found.group(2)
    named = {"ndarray": "a numpy array", "list": "a Python list", "tuple": "a tuple",
             "float": "a single number", "int": "a whole number"}.get(kind, f"a {kind}")
    instead = _INSTEAD.get((kind, attribute))
    return (f"{named} has no .{attribute}" + (f": {instead}." if instead else
                                              ": is it the kind of value you meant here?"))


# Methods that change their object in place and give back None, and what gives back a new one.
_IN_PLACE = {"shuffle": "rng.permutation(...) gives back a shuffled copy instead",
             "sort": "np.sort(...) or sorted(...) gives back a sorted copy instead",
             "append": "a list's .append(...) adds to the list itself: call it without `=`",
             "extend": "a list's .extend(...) adds to the list itself: call it without `=`",
             "insert": "", "reverse": "", "fill": "", "resize": "", "update": "", "clear": ""}


def _none_words(where):
    """Words for a name of the failing line that is None because it was set to what a method
    working in place gives back: `order = rng.shuffle(order)` makes `order` None."""
    if where is None:
        return None
    frame = where.frame
    empty = [name for name in re.findall(r"[A-Za-z_]\w*", where.code)
             if name in frame.f_locals and frame.f_locals[name] is None]
    lines = linecache.getlines(frame.f_code.co_filename, frame.f_globals)
    last = where.number - 1  # the failing line, counted from 0
    for name in dict.fromkeys(empty):
        for text in reversed(lines[:last]):
            found = re.match(rf"\s*{name}\s*=\s*(.*)", text)
            if found:
                method = re.search(r"\.(\w+)\(", found.group(1))
                if method is None or method.group(1) not in _IN_PLACE:
                    break
                instead = _IN_PLACE[method.group(1)]
                return (f"`{name}` is None: it was set by `{text.strip()}`, and "
                        f".{method.group(1)}(...) changes what it works on in place and gives "
                        f"back None. Call it on a line of its own, without `{name} =`, and go on "
                        f"with what it changed{'; or: ' + instead if instead else ''}.")
            if re.match(r"\s*def\s", text):
                break
    return None


def _operands(where):
    """[(operator, (left text, left value), (right text, right value))] of the binary operations
    in the failing line whose two sides can be evaluated without calling the learner's code."""
    if where is None:
        return []
    try:
        tree = ast.parse(where.code.rstrip(":").removeprefix("return ").strip() or "None")
    except SyntaxError:
        try:  # an assignment, `h = V @ x`
            tree = ast.parse(where.code)
        except SyntaxError:
            return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(
                node.op, (ast.MatMult, ast.Mult, ast.Add, ast.Sub, ast.Div, ast.Pow)):
            sides = node.left, node.right
            operator = {ast.MatMult: "@", ast.Mult: "*", ast.Add: "+", ast.Sub: "-",
                        ast.Div: "/", ast.Pow: "**"}[type(node.op)]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("dot", "matmul") and len(node.args) == 2):
            sides, operator = node.args, "dot"
        else:
            continue
        values = [_evaluate(side, where.frame) for side in sides]
        if all(value is not None for value in values):
            found.append((operator, *[(_operand_text(side, node), value)
                                      for side, value in zip(sides, values)]))
    return found


_RANK = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.MatMult: 2, ast.Div: 2, ast.Pow: 3}


def _operand_text(side, node):
    """A side of the operation `node` as it reads in a message: `(a - b)` keeps its brackets
    where `a - b @ c` would mean another thing."""
    text = ast.unparse(side)
    if isinstance(node, ast.BinOp) and isinstance(side, ast.BinOp):
        inner, outer = _RANK.get(type(side.op), 0), _RANK.get(type(node.op), 0)
        if inner < outer or (side is node.right and inner == outer):
            return f"({text})"
    return text


@contextlib.contextmanager
def _quiet():
    """No warnings from what the check evaluates again for its words: the learner's code ran
    already, with whatever warnings it gives, and a second telling would come from the check."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


_SAFE = (ast.Name, ast.Attribute, ast.Subscript, ast.Constant, ast.BinOp, ast.UnaryOp, ast.Slice,
         ast.Tuple, ast.Load, ast.operator, ast.unaryop, ast.Call, ast.keyword)


_HARMLESS = {"len", "int", "float", "abs", "min", "max", "round", "range", "list", "tuple"}


def _activation(function, frame):
    """Whether a call goes to one of nnlib's activation functions or their slopes (sigmoid,
    sigmoid_derivative, …, by any name), which change nothing and are safe to run again."""
    from nnlib.neuron import ACTIVATIONS

    if not all(isinstance(part, (ast.Name, ast.Attribute, ast.Load))
               for part in ast.walk(function)):
        return False
    try:
        with _quiet():
            value = eval(compile(ast.Expression(function), "<check>", "eval"),  # noqa: S307
                         frame.f_globals, dict(frame.f_locals))
    except Exception:
        return False
    return any(value is pure for pair in ACTIVATIONS.values() for pure in pair)


def _evaluate(node, frame):
    """The value of an expression of the failing line, or None. Calls are allowed only to numpy
    and to an array's own methods, so no learner function runs twice."""
    for part in ast.walk(node):
        if not isinstance(part, _SAFE):
            return None
        if isinstance(part, ast.Call):
            function = part.func
            if isinstance(function, ast.Name) and function.id in _HARMLESS:
                continue
            if _activation(function, frame):
                continue
            if not isinstance(function, ast.Attribute):
                return None
            if isinstance(function.value, ast.Name) and function.value.id not in ("np", "numpy"):
                name = function.value.id
                value = frame.f_locals.get(name, frame.f_globals.get(name))
                if not isinstance(value, np.ndarray):
                    return None
    try:
        with np.errstate(all="ignore"), _quiet():
            value = eval(compile(ast.Expression(node), "<check>", "eval"),  # noqa: S307
                         frame.f_globals, dict(frame.f_locals))
    except Exception:
        return None
    if isinstance(value, (list, tuple)):
        try:
            value = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return None
    return value if isinstance(value, (np.ndarray, float, int, np.number)) else None


def _matmul_shape(left, right):
    try:
        return shape_of(np.matmul(np.ones(shape_of(left)), np.ones(shape_of(right))))
    except ValueError:
        return None


def _product_words(operands, terms):
    """Words for a product @ whose sizes do not pair up. They say what @ needs and which sizes
    met, not which product fits: that is often the exercise's answer."""
    for operator, (left_text, left), (right_text, right) in operands:
        if operator not in ("@", "dot"):
            continue
        written = (f"{left_text} @ {right_text}" if operator == "@"
                   else f"np.dot({left_text}, {right_text})")
        if np.ndim(left) == 0 or np.ndim(right) == 0:
            single = left_text if np.ndim(left) == 0 else right_text
            return (f"`{written}` cannot be computed: {single} is a single number, and @ is for "
                    "arrays (a list of numbers, or a table). A loop over a table gives rows; over "
                    "a single row it gives numbers. To multiply by a number, use *.")
        if _matmul_shape(left, right) is not None:
            continue
        last = shape_of(left)[-1]
        first = shape_of(right)[0] if np.ndim(right) > 1 else shape_of(right)[-1]
        return (f"`{written}` cannot be computed: {describe(left_text, left, terms)} and "
                f"{describe(right_text, right, terms)}. @ pairs the {last} numbers along the "
                f"last axis of the left one with the {first} along the first axis of the right "
                "one, and they must be as many. Which sizes should meet here? The order of the "
                "two, or a .T (rows and columns swapped), decides.")
    return None


def _star_for_at(operands):
    """Words for a `*` between a table and an array where the matrix product @ fits."""
    for operator, (left_text, left), (right_text, right) in operands:
        if (operator == "*" and max(np.ndim(left), np.ndim(right)) == 2 and min(
                np.ndim(left), np.ndim(right)) >= 1 and _matmul_shape(left, right) is not None):
            return (f"`{left_text} * {right_text}` multiplies number by number; a matrix "
                    "product, one dot product for each row, is written with @.")
    return None


def _broadcast_words(operands, terms):
    star = _star_for_at(operands)
    for operator, (left_text, left), (right_text, right) in operands:
        if operator in ("@", "dot") or _lines_up(shape_of(left), shape_of(right)):
            continue  # a product @ is no number-by-number operation
        words = (f"`{left_text} {operator} {right_text}` works number by number, and "
                 f"{describe(left_text, left, terms)} while {describe(right_text, right, terms)}: "
                 "numpy cannot line them up.")
        shape_left, shape_right = shape_of(left), shape_of(right)
        if star:
            words += " " + star
        elif len(shape_left) == 2 and shape_right == shape_left[:1]:
            words += (f" {right_text} has one number per row of {left_text}: to use it along "
                      f"each row, make it a column, {right_text}[:, None], or keep the axis "
                      "where it was computed (keepdims=True).")
        elif len(shape_right) == 2 and shape_left == shape_right[:1]:
            words += (f" {left_text} has one number per row of {right_text}: make it a column, "
                      f"{left_text}[:, None], or keep the axis where it was computed "
                      "(keepdims=True).")
        elif len(shape_right) == 2 and _lines_up(shape_left, shape_right[::-1]):
            words += f" {right_text}.T (rows and columns swapped) would line up."
        return words
    return None


def _joined_words(where, terms):
    """Words for np.column_stack, hstack, vstack, concatenate or append given arrays that do not
    fit together."""
    for node in _nodes_of(where):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr
                in ("column_stack", "hstack", "vstack", "concatenate", "append", "stack")):
            continue
        items = node.args[0].elts if node.args and isinstance(node.args[0], (ast.List, ast.Tuple)) \
            else node.args[:2]
        values = [_evaluate(item, where.frame) for item in items]
        if any(value is None for value in values):
            continue
        shapes = "; ".join(describe(ast.unparse(item), value, terms)
                           for item, value in zip(items, values))
        join = node.func.attr
        advice = {"column_stack": "puts columns side by side, so each must have one number per "
                                  "row of the table",
                  "hstack": "puts arrays side by side, and needs them all as tables (2-D) with "
                            "the same number of rows; np.column_stack also takes a flat list "
                            "as a column",
                  "vstack": "puts rows under each other, so each must have as many numbers as "
                            "the table has columns"}.get(join, "needs arrays whose other sizes "
                                                               "agree")
        return f"np.{join}(...) {advice}. Here {shapes}."
    return None


def _lines_up(shape, other):
    try:
        np.broadcast_shapes(shape, other)
        return True
    except ValueError:
        return False


def _shapes(where, terms):
    if where is None:
        return ""
    arrays = [describe(name, value, terms) for name, value in where.frame.f_locals.items()
              if isinstance(value, np.ndarray) and name in where.code]
    return ("In that line, " + "; ".join(arrays) + ".") if arrays else ""
