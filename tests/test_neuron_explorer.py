"""Notebook 01's explorer, driven from code: set the sliders and menus, check the plotted data
against nnlib's neuron."""

import itertools
import math
import re
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlib
from nnlib.explorers import NeuronExplorer
from nnlib.explorers.neuron import (CORNERS, GATES, ActivationFails, NotAnActivation, line_width,
                                    replay_things_to_try, replay_your_activation)
from drawing import counting_full_draws, pixels, widgets_inside

SETTINGS = [((1.0, 1.0), -1.5), ((-2.3, 0.7), 0.4), ((0.0, 3.0), -1.0), ((2.0, 0.0), 0.6),
            ((-1.0, -1.0), 1.4)]


@pytest.fixture
def explorer():
    return NeuronExplorer(name="neuron explorer under test")


def set_neuron(explorer, weights, bias, activation=None, data=None):
    with explorer.hold():
        for slider, value in zip(explorer.weight_sliders, weights):
            slider.value = value
        explorer.bias_slider.value = bias
        if activation is not None:
            explorer.activation_menu.value = activation
        if data is not None:
            explorer.data_menu.value = data


def xy(artist):
    return np.asarray(artist.get_xdata(), dtype=float), np.asarray(artist.get_ydata(), dtype=float)


# The plane: shading, line, arrow, points

@pytest.mark.parametrize("weights, bias", SETTINGS)
@pytest.mark.parametrize("activation", ["identity", "step", "sigmoid"])
def test_the_shading_is_the_neurons_output_on_the_grid(explorer, weights, bias, activation):
    set_neuron(explorer, weights, bias, activation)
    x1, x2 = np.meshgrid(explorer.grid, explorer.grid)
    expected = nnlib.neuron_output(weights, np.column_stack([x1.ravel(), x2.ravel()]), bias,
                                   activation).reshape(x1.shape)
    np.testing.assert_allclose(explorer.image.get_array(), expected, rtol=1e-12)
    # Row i of the picture is x2 = grid[i], from the bottom up; column j is x1 = grid[j].
    assert explorer.image.origin == "lower"
    left, right, bottom, top = explorer.image.get_extent()
    assert left < explorer.grid[0] < explorer.grid[-1] < right and bottom < top


@pytest.mark.parametrize("weights, bias", SETTINGS)
def test_the_decision_lines_points_satisfy_w_dot_x_plus_b_equals_zero(explorer, weights, bias):
    set_neuron(explorer, weights, bias)
    x1, x2 = xy(explorer.line)
    assert len(x1) == 2, "the line should cross the square shown"
    np.testing.assert_allclose(weights[0] * x1 + weights[1] * x2 + bias, 0, atol=1e-9)
    assert np.all((-0.5 - 1e-9 <= x1) & (x1 <= 1.5 + 1e-9))
    assert np.all((-0.5 - 1e-9 <= x2) & (x2 <= 1.5 + 1e-9))
    assert np.hypot(*np.diff([x1, x2], axis=1).ravel()) > 0.5, "an end to end segment"


@pytest.mark.parametrize("weights, bias", SETTINGS)
def test_the_arrow_points_along_the_weights_from_the_line(explorer, weights, bias):
    set_neuron(explorer, weights, bias)
    start, end = np.array(explorer.arrow.xyann), np.array(explorer.arrow.xy)
    direction = (end - start) / np.linalg.norm(end - start)
    np.testing.assert_allclose(direction, np.array(weights) / np.linalg.norm(weights), atol=1e-9)
    assert explorer.arrow.get_visible()
    assert np.dot(weights, start) + bias == pytest.approx(0, abs=1e-9), "it starts on the line"
    # It points to the side where the output is above 1/2.
    assert nnlib.neuron_output(weights, end, bias) > 0.5


def test_no_weights_no_line_and_the_readout_says_so(explorer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        set_neuron(explorer, (0.0, 0.0), 0.7)
        explorer.figure.canvas.draw()
    assert len(explorer.line.get_xdata()) == 0 and not explorer.arrow.get_visible()
    assert "w₁ = w₂ = 0: no line" in explorer.readout.value
    assert f"f(b) = {nnlib.sigmoid(0.7):.2f}" in explorer.readout.value
    np.testing.assert_allclose(explorer.image.get_array(), nnlib.sigmoid(0.7))


def test_a_line_outside_the_square_is_said(explorer):
    set_neuron(explorer, (0.1, 0.1), 5.0)
    assert len(explorer.line.get_xdata()) == 0 and not explorer.arrow.get_visible()
    assert "lies outside the square" in explorer.readout.value


@pytest.mark.parametrize("data", list(GATES))
def test_the_points_are_drawn_by_their_label(explorer, data):
    explorer.data_menu.value = data
    for label, points in explorer.points.items():
        np.testing.assert_array_equal(np.column_stack(xy(points)),
                                      CORNERS[GATES[data] == label])
    assert [text.get_text() for text in explorer.point_texts] == [
        f"y = {label:.0f}" for label in GATES[data]]
    assert explorer.points[1.0].get_color() != explorer.points[0.0].get_color()


# The readout counts the points classified right

def test_and_with_weights_1_1_and_bias_minus_1_5_gets_all_four(explorer):
    set_neuron(explorer, (1.0, 1.0), -1.5, data="AND")
    assert "4 of 4 right" in explorer.readout.value
    assert len(explorer.wrong.get_xdata()) == 0


def test_or_gets_all_four_with_bias_minus_0_5_and_wrong_points_are_ringed(explorer):
    set_neuron(explorer, (1.0, 1.0), -0.5, data="OR")
    assert "4 of 4 right" in explorer.readout.value
    set_neuron(explorer, (1.0, 1.0), -1.5)  # AND's setting: (0,1) and (1,0) now wrong
    assert "2 of 4 right" in explorer.readout.value
    np.testing.assert_array_equal(np.column_stack(xy(explorer.wrong)), [[0, 1], [1, 0]])


@pytest.mark.parametrize("activation, values", [
    ("sigmoid", np.linspace(-3, 3, 7)), ("step", np.linspace(-2, 2, 5)),
    ("identity", np.linspace(-2, 2, 5))], ids=["sigmoid", "step", "identity"])
def test_xor_never_gets_four_and_the_readout_says_why(explorer, activation, values):
    explorer.data_menu.value = "XOR"
    explorer.activation_menu.value = activation
    best = 0
    for w1, w2, b in itertools.product(values, values, values):
        set_neuron(explorer, (w1, w2), b)
        count = int(re.search(r"(\d) of 4 right", explorer.readout.value).group(1))
        best = max(best, count)
        assert count < 4
        assert "one straight line cannot put (0,1) and (1,0) on one side" in \
            explorer.readout.value
    assert best == 3


def test_the_readout_says_what_the_neuron_says_then_whether_that_is_right(explorer):
    set_neuron(explorer, (-1.0, 1.0), 0.0, data="OR")  # says 1, 1, 0, 1; OR wants 0, 1, 1, 1
    readout = explorer.readout.value
    assert "(0,0): z = 0.00, a = 0.50 → 1 ✗" in readout
    assert "(0,1): z = 1.00, a = 0.73 → 1 ✓" in readout
    assert "(1,0): z = -1.00, a = 0.27 → 0 ✗" in readout
    assert "2 of 4 right" in readout
    assert "then ✓ if that is the table's y" in explorer.key()


@pytest.mark.parametrize("weights, bias", SETTINGS)
def test_the_count_is_outputs_of_one_half_or_more_against_the_labels(explorer, weights, bias):
    for data, activation in itertools.product(GATES, ["identity", "sigmoid"]):
        set_neuron(explorer, weights, bias, activation, data)
        said = nnlib.neuron_output(weights, CORNERS, bias, activation) >= 0.5
        assert f"{int((said == GATES[data]).sum())} of 4 right" in explorer.readout.value


# The activation curve and the four sums on it

@pytest.mark.parametrize("activation", ["identity", "step", "sigmoid"])
def test_the_menu_changes_the_curve_and_the_sums_lie_on_it(explorer, activation):
    set_neuron(explorer, (2.0, -1.0), 0.5, activation)
    function = nnlib.ACTIVATIONS[activation][0]
    z, a = xy(explorer.curve)
    np.testing.assert_allclose(a, function(z))
    low, high = explorer.curve_axes.get_xlim()
    assert z[0] == pytest.approx(low) and z[-1] == pytest.approx(high)
    sums = CORNERS @ [2.0, -1.0] + 0.5
    for label, points in explorer.sum_points.items():
        marked_z, marked_a = xy(points)
        np.testing.assert_allclose(marked_z, sums[GATES["AND"] == label])
        np.testing.assert_allclose(marked_a, function(marked_z))
    assert explorer.function_text.get_text() == activation


def test_sums_outside_the_view_widen_it(explorer):
    set_neuron(explorer, (6.0, 6.0), 6.0, "identity")
    low, high = explorer.curve_axes.get_xlim()
    assert high >= 18
    assert explorer.curve_axes.get_ylim()[1] >= 18


@pytest.mark.parametrize("activation, data, weights, bias", [
    (lambda z: np.exp(-z ** 2), "XOR", (1.0, 1.0), -1.5),  # (0,1)/(1,0) and (1,1) both at 0.78
    (lambda z: np.exp(-z ** 2), "XOR", (1.0, 1.0), -1.0),
    ("sigmoid", "AND", (1.0, 1.0), -1.5), ("sigmoid", "OR", (-1.0, 1.0), 0.0),
    ("identity", "AND", (0.3, 0.2), 0.0), ("step", "OR", (0.5, 0.6), -0.1),
    ("sigmoid", "AND", (0.1, -0.1), 0.0), ("sigmoid", "AND", (6.0, 5.0), 6.0)],
    ids=["bump at the start", "bump at b = -1", "AND", "OR diagonal", "identity close",
         "step close", "sigmoid close", "far right"])
def test_the_curves_labels_overlap_neither_each_other_nor_other_marks(activation, data,
                                                                      weights, bias):
    view = NeuronExplorer(activation=activation, data=data, name="labels")
    set_neuron(view, weights, bias)
    labels = [(text.get_text(), text.get_window_extent()) for text in view.sum_texts
              if text.get_text()]
    assert sum(text.count("(") for text, _ in labels) == 4, "every corner is named once"
    for (one, first), (other, second) in itertools.combinations(labels, 2):
        assert not first.padded(-0.5).overlaps(second), f"{one!r} overlaps {other!r}"
    sums = CORNERS @ weights + bias
    centres = view.curve_axes.transData.transform(np.column_stack([sums, view.activation(sums)]))
    half = 7 / 2 * view.figure.dpi / 72  # the marks' half width
    for text, box in labels:
        for (x, y), (x1, x2) in zip(centres, CORNERS):
            if f"({x1:.0f},{x2:.0f})" not in text:  # another corner's mark
                assert not (box.x0 < x + half and x - half < box.x1 and box.y0 < y + half
                            and y - half < box.y1), f"{text!r} covers ({x1:.0f},{x2:.0f})"
        inside = view.curve_axes.bbox
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1, f"{text!r} leaves the axes"
    if (data, bias) == ("XOR", -1.5):  # the bump's start: one label each side, apart
        shared = next(box for text, box in labels if "(0,1)" in text)
        alone = next(box for text, box in labels if "(1,1)" in text)
        assert shared.x1 <= alone.x0 + 1


def test_the_planes_x2_label_sits_beside_the_plane_not_the_curve(explorer):
    explorer.figure.canvas.draw()
    label = explorer.plane_axes.yaxis.label.get_window_extent()
    plane, curve = explorer.plane_axes.get_window_extent(), explorer.curve_axes.get_window_extent()
    assert label.x1 < plane.x0, "left of the plane"
    assert plane.x0 - label.x1 < label.x0 - curve.x1, "nearer the plane than the curve"
    ticks = [t.get_window_extent() for t in explorer.plane_axes.get_yticklabels()]
    assert all(label.x1 < tick.x0 for tick in ticks), "clear of the tick labels"


def test_points_with_the_same_sum_share_one_label(explorer):
    set_neuron(explorer, (1.0, 1.0), -1.5)
    texts = [text.get_text() for text in explorer.sum_texts if text.get_text()]
    assert len(texts) == 3 and any("(0,1)" in text and "(1,0)" in text for text in texts)


# The diagram

def test_connections_are_as_thick_as_the_weight_is_large_and_coloured_by_its_sign(explorer):
    widths = []
    for value in (0.0, 0.5, 1.5, 3.0, 6.0):
        set_neuron(explorer, (value, -value), value)
        w1, w2, b = explorer.connections
        assert w1.get_linewidth() == w2.get_linewidth() == b.get_linewidth()
        widths.append(w1.get_linewidth())
        if value:
            assert w1.get_color() == b.get_color() != w2.get_color()
    assert np.all(np.diff(widths) > 0)
    assert widths == [line_width(v) for v in (0.0, 0.5, 1.5, 3.0, 6.0)]
    set_neuron(explorer, (2.0, -2.0), 0.0)
    positive, negative, zero = (line.get_color() for line in explorer.connections)
    assert len({positive, negative, zero}) == 3
    assert [text.get_text() for text in explorer.weight_texts] == [
        "w₁ = 2.0", "w₂ = −2.0", "b = 0.0"]


# A learner's activation

def test_a_learners_activation_is_in_the_menu_and_used():
    def activation(z):
        return np.tanh(z) / 2 + 0.5  # another S, from 0 to 1

    view = NeuronExplorer(activation=activation, name="yours")
    assert view.activation_menu.value == "yours"
    assert set(view.activation_menu.options) == {"identity", "step", "sigmoid", "yours"}
    set_neuron(view, (2.0, -1.0), 0.3)
    z, a = xy(view.curve)
    np.testing.assert_allclose(a, activation(z))
    x1, x2 = np.meshgrid(view.grid, view.grid)
    np.testing.assert_allclose(view.image.get_array(), activation(2.0 * x1 - x2 + 0.3))
    view.activation_menu.value = "sigmoid"
    np.testing.assert_allclose(xy(view.curve)[1], nnlib.sigmoid(z))


@pytest.mark.parametrize("activation, message", [
    (lambda z: None, r"your activation returned None: did you forget `return`\?"),
    (lambda z: np.sum(z), "returned one number"),
    (lambda z, extra: z, r"give it 1 parameter"),
    (42, "activation must be a function"),
    ("relu", "activation 'relu' is none of nnlib's"),
], ids=["no return", "sum", "two parameters", "not a function", "unknown name"])
def test_a_broken_activation_is_refused_at_construction_with_a_clear_message(activation,
                                                                             message):
    open_before = len(plt.get_fignums())
    with pytest.raises((TypeError, ValueError), match=message):
        NeuronExplorer(activation=activation, name="broken")
    assert len(plt.get_fignums()) == open_before


def test_an_activation_that_fails_at_some_setting_says_so_in_the_view():
    def activation(z):
        return np.where(z > 8, np.nan, 1 / (1 + np.exp(-z)))  # NaN for sums above 8

    view = NeuronExplorer(activation=activation, name="fails later")
    view.figure.canvas.draw()
    assert view.message.get_text() == ""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        set_neuron(view, (5.0, 5.0), 0.0)  # (1,1) sums to 10
        view.figure.canvas.draw()
    assert view.message.get_text().startswith("At this setting:\nyour activation returned")
    assert "at this setting</b>, your activation returned" in view.readout.value
    assert "NaN" in view.message.get_text() and "NaN" in view.readout.value
    set_neuron(view, (1.0, 1.0), -1.5, activation="sigmoid")  # nnlib's works everywhere
    assert view.message.get_text() == "" and "4 of 4 right" in view.readout.value


# Wrong activations as a learner writes them: refused in words, with the line that failed.

def not_written(z):
    return ...


def no_return(z):
    np.exp(-z ** 2)


def summed(z):
    return np.sum(np.exp(-z ** 2))


def with_math(z):
    return 1 / (1 + math.exp(-z))


def misspelt(z):
    return np.exp(-zz ** 2)  # noqa: F821


def step_for_one_number(z):
    return 1.0 if z >= 0 else 0.0


def python_max(z):
    return max(z, 0)


def a_caret(z):
    return np.exp(-z ^ 2)


def two_parameters(z, bias):
    return z + bias


def a_list(z):
    return [1 / (1 + np.exp(-value)) for value in z[:3]]


@pytest.mark.parametrize("activation, words, line", [
    (not_written, "your activation returned `...`: it still holds `...`", None),
    (no_return, "did you forget `return`?", None),
    (summed, "returned one number", None),
    (with_math, "math works on one number at a time", "return 1 / (1 + math.exp(-z))"),
    (misspelt, "your activation uses `zz`, which is not defined", "np.exp(-zz ** 2)"),
    (step_for_one_number, "np.where(z >= 0, 1.0, 0.0)", "1.0 if z >= 0 else 0.0"),
    (python_max, "asks one yes-or-no question", "max(z, 0)"),
    (a_caret, "`^` is not a power in Python", "np.exp(-z ^ 2)"),
    (two_parameters, "give it 1 parameter", None),
    (a_list, "shape (3,) where one number per weighted sum is needed", None),
], ids=lambda value: getattr(value, "__name__", None))
def test_a_learners_wrong_activation_is_refused_in_words(activation, words, line):
    open_before = len(plt.get_fignums())
    with pytest.raises((TypeError, ValueError)) as refused:
        NeuronExplorer(activation=activation, name="refused")
    said = str(refused.value)
    assert words in said and "Traceback" not in said
    if line is not None or activation is not_written:
        # Raised inside the learner's code, or still `...`: said anew, the first error chained.
        assert refused.type is ActivationFails and refused.value.__cause__ is not None
        assert (line is None) == (refused.value.where is None)
    else:  # nnlib's own error about what it returned, kept as it is
        assert refused.type in (TypeError, ValueError)
    if line is not None:
        assert line in said and f"of {activation.__name__}" in said
    shown = "".join(refused.value._render_traceback_())  # what Jupyter shows: the words alone
    assert words in shown and "File " not in shown and "nnlib/" not in shown
    assert len(plt.get_fignums()) == open_before


def relu_with_max(z):
    return max(0, z)


def capped_with_min(z):
    return min(1, z)


@pytest.mark.parametrize("activation, words", [
    (relu_with_max, "use numpy's np.maximum: np.maximum(0, z)"),
    (capped_with_min, "use numpy's np.minimum"),
    (step_for_one_number, "np.where(z >= 0, 1.0, 0.0)"),
], ids=["max", "min", "if"])
def test_pythons_max_min_and_if_on_an_array_are_each_given_their_numpy_fix(activation, words):
    with pytest.raises(ActivationFails) as refused:
        NeuronExplorer(activation=activation, name="refused")
    assert words in str(refused.value) and "asks one yes-or-no question" in str(refused.value)


@pytest.mark.parametrize("activation, kind, words", [
    (np.exp(-np.linspace(-8, 8, 401) ** 2), NotAnActivation,
     "it got an array of 401 numbers: outputs, not the function that makes them. Did you write "
     "activation=my_activation(z)?"),
    (np.float64(0.5), NotAnActivation, "it got the number 0.5"),
    (42, NotAnActivation, "activation=my_activation"),
    ("bump", ActivationFails, "activation 'bump' is none of nnlib's: choose one of 'identity', "
     "'step', 'sigmoid'. For a function of your own, give the function itself, by its name "
     "without quotes: activation=bump"),
    ("my sigmoid", ActivationFails, "or give a function of your own"),
    ([1.0, 2.0], NotAnActivation, "or the name of one of nnlib's"),
], ids=["called", "one number", "int", "a name in quotes", "not a name", "a list"])
def test_an_activation_that_is_no_function_is_refused_in_words_alone(activation, kind, words):
    open_before = len(plt.get_fignums())
    with pytest.raises(kind) as refused:
        NeuronExplorer(activation=activation, name="refused")
    said = " ".join(str(refused.value).split())
    assert words in said
    shown = "".join(refused.value._render_traceback_())
    assert "File " not in shown and "nnlib/" not in shown and "Traceback" not in shown
    assert len(plt.get_fignums()) == open_before


@pytest.mark.parametrize("arguments", [{"weights": (1.0, 2.0, 3.0)}, {"bias": "0.5"},
                                       {"data": "NAND"}, {"name": 3}])
def test_bad_settings_are_shown_in_jupyter_as_their_words_alone(arguments):
    with pytest.raises((TypeError, ValueError)) as refused:
        NeuronExplorer(**arguments)
    shown = "".join(refused.value._render_traceback_())
    assert " ".join(str(refused.value).split()) in shown and "File " not in shown


def test_an_error_inside_the_learners_activation_later_is_explained_with_its_line():
    def activation(z):
        if np.abs(z).max() > 8:
            return 1 / (1 + math.exp(-z))  # only reached for large sums
        return 1 / (1 + np.exp(-z))

    view = NeuronExplorer(activation=activation, name="fails later")
    assert view.problem is None
    set_neuron(view, (6.0, 6.0), 0.0)  # (1,1) sums to 12
    assert "math works on one number at a time" in view.problem
    assert "math.exp(-z)" in view.problem and "of activation" in view.problem
    assert "math works on one number" in view.message.get_text()
    view.activation_menu.value = "sigmoid"  # the menu's others still work
    assert view.problem is None and view.message.get_text() == ""
    assert "of 4 right" in view.readout.value


def test_a_bump_of_ones_own_computes_xor_and_the_reason_for_lines_is_not_said_of_it():
    view = NeuronExplorer(activation=lambda z: np.exp(-z ** 2), data="XOR", name="bump")
    assert "3 of 4 right" in view.readout.value
    assert "one straight line cannot" not in view.readout.value  # a bump's yes is a band
    set_neuron(view, (1.0, 1.0), -1.0)
    assert "4 of 4 right" in view.readout.value
    view.activation_menu.value = "sigmoid"
    assert "3 of 4 right" in view.readout.value and "one straight line cannot" in \
        view.readout.value


def test_a_sigmoid_of_ones_own_is_given_xors_reason_as_nnlibs_is():
    def my_sigmoid(z):
        return 1 / (1 + np.exp(-z))

    view = NeuronExplorer(activation=my_sigmoid, data="XOR", name="yours")
    for weights, bias in SETTINGS:
        set_neuron(view, weights, bias)
        assert "one straight line cannot" in view.readout.value
        assert "yours never falls over the sums drawn" in view.readout.value
    set_neuron(view, (1.0, 1.0), -1.5, activation="sigmoid")
    assert "yours never falls" not in view.readout.value


def test_the_notebooks_things_to_try_hold_in_order():
    said = replay_things_to_try()
    assert "OR 2 of 4 there, and some bias on the slider gets 4 of 4 (10 of them)" in said
    assert "0.73 → 0.88" in said and "XOR at best 3 of 4" in said


def test_the_notebooks_things_to_try_with_ones_own_activation_hold_in_order():
    said = replay_your_activation({no_return: "did you forget `return`",
                                   summed: "returned one number",
                                   step_for_one_number: "np.where",
                                   relu_with_max: "np.maximum(0, z)"})
    assert "7 broken ones are refused in words" in said
    with pytest.raises(AssertionError, match="5: no_return: the words should say"):
        replay_your_activation({no_return: "words it does not say"})


def test_the_sliders_hold_every_tenth_the_notebook_sets(explorer):
    for slider in (*explorer.weight_sliders, explorer.bias_slider):
        assert slider.step == 0.1 and slider.min == -6 and slider.max == 6
    for w1, w2, b in [(1, 1, -1.5), (1, 1, -1), (-1, 1, 0), (-2, 2, 0), (0, 0, 0)]:
        set_neuron(explorer, (w1, w2), b)
        assert [s.value for s in (*explorer.weight_sliders, explorer.bias_slider)] == [w1, w2, b]


def test_outputs_too_large_to_plot_are_said_not_drawn():
    view = NeuronExplorer(activation=lambda z: np.exp(np.abs(z) * 100), name="too large")
    view.figure.canvas.draw()
    assert "too large to plot" in view.message.get_text()
    assert "too large to plot" in view.readout.value


def test_a_learners_overflow_is_said_without_a_numpy_warning():
    view = NeuronExplorer(activation=lambda z: np.exp(z) / (1 + np.exp(z)), name="overflow")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        set_neuron(view, (6.0, 6.0), 6.0)
        view.figure.canvas.draw()
    # e^z overflows only beyond 709: these sums are fine, and the view shows the S.
    assert view.message.get_text() == ""


# Bad constructor arguments

@pytest.mark.parametrize("arguments, error, message", [
    ({"weights": (1.0, 2.0, 3.0)}, ValueError, "weights has 3 numbers; this neuron has two"),
    ({"weights": (1.0, np.nan)}, ValueError, "weights[1] is NaN"),
    ({"weights": "ab"}, TypeError, "weights must be a number or a list of numbers"),
    ({"bias": "0.5"}, TypeError, "bias must be a number"),
    ({"bias": 1e9}, ValueError, "bias is 1e+09; the sliders reach ±1000 at most"),
    ({"data": "NAND"}, ValueError, "data 'NAND' is none of the tables: choose one of AND, OR"),
    ({"data": 3}, TypeError, "data must be the name of a table"),
    ({"name": 3}, TypeError, "name must be text"),
], ids=["3 weights", "NaN weight", "text weights", "text bias", "huge bias", "unknown data",
        "data number", "name number"])
def test_bad_constructor_arguments_are_refused_clearly_and_open_no_figure(arguments, error,
                                                                          message):
    open_before = len(plt.get_fignums())
    with pytest.raises(error, match=re.escape(message)):
        NeuronExplorer(**arguments)
    assert len(plt.get_fignums()) == open_before


def test_the_constructors_settings_are_shown():
    view = NeuronExplorer(activation="step", weights=(1.0, 1.0), bias=-0.5, data="OR",
                          name="settings")
    assert view.activation_menu.value == "step" and view.data_menu.value == "OR"
    assert [s.value for s in view.weight_sliders] == [1.0, 1.0] and view.bias_slider.value == -0.5
    assert "OR · w = (1.0, 1.0), b = -0.5 · step" in view.readout.value
    assert "4 of 4 right" in view.readout.value
    far = NeuronExplorer(weights=(20.0, 1.0), name="far")
    assert far.weight_sliders[0].max >= 20 and far.weight_sliders[0].value == 20


# Figures: made once, never leaked; blitting paints what a full redraw would

def test_two_hundred_changes_open_no_figure(explorer):
    open_before = len(plt.get_fignums())
    menus = ["identity", "step", "sigmoid"]
    for k in range(200):
        if k % 10 == 0:
            explorer.activation_menu.value = menus[k % 3]
        elif k % 10 == 5:
            explorer.data_menu.value = list(GATES)[k % 3]
        else:
            [*explorer.weight_sliders, explorer.bias_slider][k % 3].value = (k % 60) / 10 - 3
    assert len(plt.get_fignums()) == open_before


def test_creating_it_again_adds_no_figure():
    NeuronExplorer(name="again")
    open_after_first = len(plt.get_fignums())
    NeuronExplorer(name="again")
    assert len(plt.get_fignums()) == open_after_first


@pytest.mark.parametrize("gesture", ["drag w1", "drag b", "menus", "identity, far out"])
def test_painting_over_the_background_gives_the_full_redraws_picture(explorer, gesture):
    explorer.figure.canvas.draw()
    full_draws = counting_full_draws(explorer)
    if gesture == "drag w1":
        for value in np.linspace(-3, 3, 25):
            explorer.weight_sliders[0].value = value
    elif gesture == "drag b":
        for value in np.linspace(-6, 4, 25):  # the sums stay within ±6: the view stays
            explorer.bias_slider.value = value
    elif gesture == "menus":
        explorer.data_menu.value = "XOR"
        explorer.activation_menu.value = "step"
        explorer.weight_sliders[1].value = -2.0
    else:
        explorer.activation_menu.value = "identity"
        for value in np.linspace(1, 6, 12):
            set_neuron(explorer, (value, value), value)
    if gesture.startswith("drag"):
        assert full_draws[0] == 0, "a drag within the view should need no full redraw"
    painted = pixels(explorer.figure)
    explorer.figure.canvas.draw()
    assert np.array_equal(painted, pixels(explorer.figure))


def test_widget_holds_the_controls_readout_and_errors(explorer):
    everything = widgets_inside(explorer.widget)
    for control in (*explorer.weight_sliders, explorer.bias_slider, explorer.activation_menu,
                    explorer.data_menu, explorer.readout, explorer.errors):
        assert any(control is w for w in everything)
    assert "role='status'" in explorer.readout.value
