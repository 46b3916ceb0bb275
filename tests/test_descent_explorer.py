"""Notebook 02's explorer, driven from code: set the controls, check the plotted data against an
independent run of nnlib's gradient descent."""

import re
import warnings

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnlib.data import TRUE_WEIGHTS, article_table
from nnlib.descent import DivergenceWarning, gradient_descent, mse_gradient
from nnlib.explorers import DescentExplorer
from nnlib.explorers import descent as descent_explorer
from nnlib.explorers.descent import CompactFormatter, updates_to_reach
from drawing import widgets_inside

BLIND_GUESS = (0.2, 1.4, 30.0)
WILD_GUESS = (40000.0, -25000.0, 60000.0)
STARTS, ALPHA = (3.0, -2.0, 10.0), 0.0007  # settings other than the defaults
TABLE = article_table()


@pytest.fixture
def explorer():
    return DescentExplorer(name="explorer under test")


def set_run(explorer, starts=STARTS, alpha=ALPHA, steps=None):
    for slider, value in zip(explorer.weight_sliders, starts):
        slider.value = value
    explorer.learning_rate_slider.value = alpha
    if steps is not None:
        explorer.steps_slider.value = steps


def independent_run(starts=STARTS, alpha=ALPHA, steps=2000, gradient=mse_gradient):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        return gradient_descent(TABLE.inputs, TABLE.outputs, starts, alpha, steps,
                                gradient=gradient)


def error_at(weights):
    return np.mean((TABLE.inputs @ weights - TABLE.outputs) ** 2)


def xy(line):
    return np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)


def is_open(figure):
    return any(plt.figure(number) is figure for number in plt.get_fignums())


def slope(tangent):
    (x0, x1), (y0, y1) = xy(tangent)
    return (y1 - y0) / (x1 - x0)


# The plotted run is nnlib's run

def test_error_line_is_the_error_of_an_independent_run(explorer):
    set_run(explorer)
    expected = independent_run()
    steps, errors = xy(explorer.error_line)
    assert steps[0] == 0 and steps[-1] == 2000
    assert np.all(np.diff(steps) > 0) and np.array_equal(steps, np.round(steps))
    assert len(steps) <= 500  # thinned for drawing
    np.testing.assert_allclose(errors, expected.errors[steps.astype(int)], rtol=1e-9)


# Changed on purpose: this panel drew the weights themselves, where W3's start at 30 squashed the
# other lines flat. It now draws each weight's distance from its true value, on a log scale.
def test_distance_lines_are_the_distances_of_an_independent_run(explorer):
    set_run(explorer)
    expected = independent_run()
    for i, line in enumerate(explorer.distance_lines):
        steps, distances = xy(line)
        assert steps[0] == 0 and steps[-1] == 2000
        truth = np.abs(expected.weights[steps.astype(int), i] - TRUE_WEIGHTS[i])
        np.testing.assert_allclose(distances, truth, rtol=1e-9)
    assert explorer.distance_axes.get_yscale() == "log"


def test_the_distance_panel_shows_every_weight_from_start_to_end_and_the_reach_line(explorer):
    low, high = explorer.distance_axes.get_ylim()
    for line in explorer.distance_lines:
        distances = xy(line)[1]
        assert low <= distances.min() and distances.max() <= high
    # The three end distances, below the 0.0005 line, are all inside the panel's range.
    assert low < 5e-4 < high
    assert any(np.allclose(line.get_ydata(), 5e-4) for line in explorer.distance_axes.lines)


def test_path_follows_the_independent_run_from_its_start(explorer):
    set_run(explorer)
    expected = independent_run().weights[:, :2]
    path = np.column_stack(xy(explorer.path_line))
    np.testing.assert_allclose(path[0], STARTS[:2])
    np.testing.assert_allclose(path[-1], expected[-1], rtol=1e-9)
    # Every drawn point is a step of the run (the path may skip steps, never invent them).
    distances = np.linalg.norm(path[:, None, :] - expected[None, :, :], axis=2).min(axis=1)
    assert distances.max() < 1e-9
    np.testing.assert_allclose(np.concatenate(xy(explorer.path_start)), STARTS[:2])


def test_history_is_the_run_of_the_sliders_settings(explorer):
    set_run(explorer, steps=700)
    expected = independent_run(steps=700)
    np.testing.assert_allclose(explorer.history.weights, expected.weights, rtol=1e-12)
    np.testing.assert_allclose(explorer.history.errors, expected.errors, rtol=1e-12)


# The shown step: its point on each parabola and the tangent there

@pytest.mark.parametrize("shown", [0, 1, 40, 2000])
def test_shown_point_lies_on_each_parabola_and_the_tangent_has_the_gradients_slope(
        explorer, shown):
    set_run(explorer)
    explorer.step_slider.value = shown
    weights = independent_run().weights[shown]
    slopes = mse_gradient(weights, TABLE.inputs, TABLE.outputs)
    for i in range(3):
        (point_x,), (point_y,) = xy(explorer.parabola_points[i])
        assert point_x == pytest.approx(weights[i])
        assert point_y == pytest.approx(error_at(weights), rel=1e-9)
        # The parabola is the error along weight i, the other two held at the shown weights.
        values, curve = xy(explorer.parabola_lines[i])
        trials = np.tile(weights, (len(values), 1))
        trials[:, i] = values
        np.testing.assert_allclose(curve, [error_at(w) for w in trials], rtol=1e-9, atol=1e-12)
        assert values.min() <= weights[i] <= values.max()
        # The tangent touches the curve at the point, with slope ∂E/∂Wi.
        assert slope(explorer.tangent_lines[i]) == pytest.approx(slopes[i], rel=1e-6, abs=1e-9)
        (x0, _), (y0, _) = xy(explorer.tangent_lines[i])
        assert y0 + slopes[i] * (weights[i] - x0) == pytest.approx(point_y, rel=1e-6, abs=1e-9)


def test_moving_the_step_slider_moves_the_cursors_and_the_points(explorer):
    set_run(explorer)
    expected = independent_run().weights
    for shown in (0, 700, 1999):
        explorer.step_slider.value = shown
        for cursor in (explorer.distance_cursor, explorer.error_cursor):
            np.testing.assert_array_equal(cursor.get_xdata(), [shown, shown])
        np.testing.assert_allclose(np.concatenate(xy(explorer.path_point)),
                                   expected[shown, :2], rtol=1e-9)
        for i, point in enumerate(explorer.parabola_points):
            assert xy(point)[0][0] == pytest.approx(expected[shown, i], rel=1e-9)


def test_a_learners_halved_gradient_shows_in_the_tangent_slope():
    def halved(weights, inputs, targets):
        return 0.5 * mse_gradient(weights, inputs, targets)

    explorer = DescentExplorer(gradient=halved, name="halved")
    explorer.step_slider.value = 10
    weights = independent_run(BLIND_GUESS, 0.001, gradient=halved).weights[10]
    right = mse_gradient(weights, TABLE.inputs, TABLE.outputs)
    for i, tangent in enumerate(explorer.tangent_lines):
        assert slope(tangent) == pytest.approx(0.5 * right[i], rel=1e-6)


# A learning rate too large is a lesson, not a crash

def test_a_diverging_learning_rate_is_shown_in_the_view_without_warnings(explorer):
    expected = independent_run(alpha=0.05)
    assert expected.diverged_at is not None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.simplefilter("error", RuntimeWarning)
        set_run(explorer, alpha=0.05)
        explorer.step_slider.value = explorer.step_slider.max
        explorer.figure.canvas.draw()  # the picture too is drawn without complaint
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)]
    said = f"diverged at step {expected.diverged_at}"
    assert said in explorer.message.get_text()
    assert said in explorer.readout.value
    assert explorer.history.diverged_at == expected.diverged_at
    assert explorer.step_slider.max == expected.diverged_at
    for line in (explorer.error_line, *explorer.distance_lines, explorer.path_line):
        assert np.all(np.isfinite(np.concatenate(xy(line))))


def test_bringing_the_learning_rate_back_clears_the_message(explorer):
    explorer.learning_rate_slider.value = 0.05
    assert "diverged at step" in explorer.message.get_text()
    explorer.learning_rate_slider.value = 0.001
    assert explorer.message.get_text() == ""
    assert "diverged" not in explorer.readout.value
    assert explorer.history.diverged_at is None


# The other controls

@pytest.mark.parametrize("steps", [1, 300, 4000])
def test_the_number_of_updates_sets_the_length_of_the_run(explorer, steps):
    explorer.steps_slider.value = steps
    assert len(explorer.history.errors) == steps + 1
    assert explorer.step_slider.max == steps
    assert xy(explorer.error_line)[0][-1] == steps


def test_reset_restores_the_blind_guess_the_learning_rate_and_the_updates(explorer):
    set_run(explorer, steps=300)
    explorer.step_slider.value = 100
    explorer.reset_button.click()
    assert tuple(slider.value for slider in explorer.weight_sliders) == BLIND_GUESS
    assert explorer.learning_rate_slider.value == pytest.approx(0.001)
    assert explorer.steps_slider.value == 2000
    expected = independent_run(BLIND_GUESS, 0.001, 2000)
    np.testing.assert_allclose(explorer.history.weights, expected.weights, rtol=1e-12)


@pytest.mark.parametrize("starts, alpha, steps", [
    (WILD_GUESS, 0.001, 2000),
    (BLIND_GUESS, 0.0005, 6000),
    (BLIND_GUESS, 0.5, 100),
    (BLIND_GUESS, 0.00005, 100),
], ids=["wild guess", "6000 updates", "alpha 0.5", "alpha 5e-05"])
def test_the_constructors_settings_are_the_ones_run(starts, alpha, steps):
    explorer = DescentExplorer(initial_weights=starts, learning_rate=alpha, steps=steps,
                               name="settings")
    expected = independent_run(starts, alpha, steps)
    assert explorer.history.learning_rate == pytest.approx(alpha)
    assert explorer.learning_rate_slider.value == pytest.approx(alpha)
    np.testing.assert_allclose(explorer.history.weights, expected.weights, rtol=1e-12)


# Figures: made once, never leaked

def test_two_hundred_slider_changes_open_no_figure(explorer):
    explorer.steps_slider.value = 200
    open_before = len(plt.get_fignums())
    for k in range(200):
        if k % 4 == 0:
            explorer.weight_sliders[k % 3].value = 1.0 + k / 100
        elif k % 4 == 1:
            explorer.learning_rate_slider.value = round(0.0005 + k // 4 / 100_000, 5)
        else:
            explorer.step_slider.value = k % 201
    assert len(plt.get_fignums()) == open_before


@pytest.mark.parametrize("name", ["same name", None])
def test_creating_the_explorer_again_adds_no_figure(name):
    first = DescentExplorer(name=name)
    open_after_first = len(plt.get_fignums())
    DescentExplorer(name=name)
    assert len(plt.get_fignums()) == open_after_first
    assert not is_open(first.figure)


def test_widget_holds_the_controls_readout_and_errors(explorer):
    box = explorer.widget
    assert isinstance(box, widgets.Box)

    everything = widgets_inside(box)
    for control in (*explorer.weight_sliders, explorer.learning_rate_slider,
                    explorer.steps_slider, explorer.step_slider, explorer.reset_button,
                    explorer.readout, explorer.errors):
        assert any(control is w for w in everything)


def test_close_closes_its_figure(explorer):
    assert is_open(explorer.figure)
    explorer.close()
    assert not is_open(explorer.figure)


# Bad settings and a learner's failing function

@pytest.mark.parametrize("arguments, error, message", [
    ({"initial_weights": (0.2, np.nan, 30)}, ValueError, "initial_weights[1] is NaN"),
    ({"initial_weights": (0.2, 1.4)}, ValueError, "3 numbers, but initial_weights has 2"),
    ({"learning_rate": 0}, ValueError, "the learning rate must be a positive number"),
    ({"learning_rate": "fast"}, TypeError, "the learning rate must be a number"),
    ({"learning_rate": 0.0151}, ValueError,
     "the learning rate 0.0151 is not one the α slider holds"),
    ({"steps": 0}, ValueError, "the number of steps must be at least 1"),
    ({"steps": 2.5}, TypeError, "the number of steps must be a whole number"),
], ids=["NaN weight", "2 weights", "alpha 0", "alpha text", "alpha 0.0151", "steps 0",
        "steps 2.5"])
def test_bad_constructor_arguments_are_refused_clearly_and_open_no_figure(
        arguments, error, message):
    open_before = len(plt.get_fignums())
    with pytest.raises(error, match=re.escape(message)):
        DescentExplorer(name="bad", **arguments)
    assert len(plt.get_fignums()) == open_before


def test_a_learners_failing_predict_reaches_them_with_their_message():
    broken = {"now": False}

    def predict(weights, inputs):
        if broken["now"]:
            raise ZeroDivisionError("my predict divided by zero")
        return inputs @ weights

    explorer = DescentExplorer(predict=predict, name="failing predict")
    broken["now"] = True
    with pytest.raises(ZeroDivisionError, match="my predict divided by zero"):
        explorer.weight_sliders[0].value = 1.0


# The readout: when the run came within reach, and what to blame when it did not

@pytest.mark.parametrize("w3, needed", [(30.0, 1215), (-40.0, 1292), (40.0, 1260)])
def test_the_readout_says_after_how_many_updates_the_run_is_within_reach(explorer, w3, needed):
    set_run(explorer, starts=(0.2, 1.4, w3), alpha=0.001, steps=2000)
    weights = independent_run((0.2, 1.4, w3), 0.001).weights
    assert f"within 0.0005 of the true weights (0.5, 0.9, 1.2) after {needed} updates" in \
        explorer.readout.value
    assert explorer.reached_at == needed
    # From that update on, and not one before, every weight is within 0.0005.
    assert np.all(np.abs(weights[needed:] - TRUE_WEIGHTS) < 5e-4)
    assert not np.all(np.abs(weights[needed - 1] - TRUE_WEIGHTS) < 5e-4)


def test_a_run_too_short_is_not_within_reach_yet(explorer):
    explorer.steps_slider.value = 200
    assert "not within 0.0005 of the true weights (0.5, 0.9, 1.2) yet" in explorer.readout.value
    assert "give it more updates (this run gets there after 1215)" in explorer.readout.value
    assert explorer.reached_at is None


# Changed on purpose: the readout said "give it more updates" even at the updates slider's most.
# Where more than the slider gives would be needed, it says how many, and which α gets there.
@pytest.mark.parametrize("w3, alpha, steps", [(30.0, 0.0001, 5000), (30.0, 0.0001, 2000),
                                              (-40.0, 0.0002, 5000)])
def test_past_the_updates_sliders_end_the_readout_says_what_would_get_there(
        explorer, w3, alpha, steps):
    starts = (0.2, 1.4, w3)
    set_run(explorer, starts=starts, alpha=alpha, steps=steps)
    said = explorer.readout.value
    assert "give it more updates" not in said
    assert "the updates slider's most, 5000, would not be enough" in said
    needed = updates_to_reach(independent_run(starts, alpha, 30000).weights)
    assert needed > 5000 and f"at α = {alpha:g} it gets there after {needed} updates" in said
    larger = float(re.search(r"α = ([0-9.e-]+) gets there within 5000 updates", said).group(1))
    held = [value for _, value in explorer.learning_rate_slider.options]
    assert larger > alpha and larger in held
    assert updates_to_reach(independent_run(starts, larger, 5000).weights) is not None


def test_a_run_too_far_to_count_says_so_and_what_to_try(monkeypatch):
    monkeypatch.setattr(descent_explorer, "BEYOND", 2000)  # 12181 updates are past 5000 + 2000
    explorer = DescentExplorer(learning_rate=0.0001, steps=5000, name="too far")
    said = explorer.readout.value
    counted = int(re.search(r"it is not there even after (\d+) updates", said).group(1))
    assert 7000 <= counted < 12181
    assert not np.all(np.abs(independent_run(BLIND_GUESS, 0.0001, counted).weights[-1]
                             - TRUE_WEIGHTS) < 5e-4)
    # 0.00014 to 0.00019, the α tried, all need more than 5000: no α is named.
    assert "A larger α takes larger steps; try one" in said and "gets there within" not in said


def test_the_learning_rate_slider_holds_the_values_the_notebook_sets(explorer):
    slider = explorer.learning_rate_slider
    assert isinstance(slider, widgets.SelectionSlider)
    for alpha in (0.0001, 0.00025, 0.001, 0.005, 0.01, 0.014, 0.015, 0.016, 0.02, 0.1):
        slider.value = alpha
        assert slider.value == alpha and isinstance(slider.value, float)
        assert explorer.history.learning_rate == alpha
    for held_not in (0.0151, 10 ** -1.82, 0.2):
        with pytest.raises(Exception):
            slider.value = held_not


def test_a_run_whose_error_grows_but_has_not_diverged_yet_blames_alpha(explorer):
    set_run(explorer, starts=BLIND_GUESS, alpha=0.016, steps=50)  # diverges at step 67
    assert explorer.history.diverged_at is None
    assert "the error is growing" in explorer.readout.value
    assert "smaller α" in explorer.readout.value


def test_updates_to_reach_counts_from_the_last_step_outside():
    weights = np.array([[9, 9, 9], TRUE_WEIGHTS, [9, 9, 9], TRUE_WEIGHTS, TRUE_WEIGHTS + 1e-4])
    assert updates_to_reach(weights) == 3
    assert updates_to_reach(weights[:3]) is None
    assert updates_to_reach(weights[3:]) == 0


def flipped(weights, inputs, targets):
    return -mse_gradient(weights, inputs, targets)


def halved(weights, inputs, targets):
    return 0.5 * mse_gradient(weights, inputs, targets)


def test_a_flipped_gradient_is_blamed_not_alpha():
    explorer = DescentExplorer(gradient=flipped, name="flipped")
    assert explorer.history.diverged_at is not None
    assert "your gradient is off" in explorer.readout.value
    assert "sign is flipped" in explorer.readout.value
    assert "smaller α" not in explorer.readout.value
    assert "your gradient is off" in explorer.message.get_text()
    assert "α is too large" not in explorer.message.get_text()


def test_a_halved_gradient_that_ends_short_is_blamed_not_alpha():
    explorer = DescentExplorer(gradient=halved, name="halved")
    assert explorer.history.diverged_at is None and explorer.reached_at is None
    assert "not within 0.0005 of the true weights yet: your gradient is off" in \
        explorer.readout.value
    assert "Half the true size" in explorer.readout.value
    assert "more updates" not in explorer.readout.value
    assert explorer.message.get_text() == "your gradient is off"


def test_the_right_gradient_diverging_blames_alpha(explorer):
    explorer.learning_rate_slider.value = 0.02
    assert "try a smaller α" in explorer.readout.value and "gradient" not in explorer.readout.value
    assert explorer.message.get_text().endswith("α is too large")


# The figure's text

def test_the_error_panel_shows_errors_below_1e_16_as_they_are(explorer):
    explorer.steps_slider.value = 5000
    steps, errors = xy(explorer.error_line)
    np.testing.assert_allclose(errors, explorer.history.errors[steps.astype(int)], rtol=1e-12)
    assert errors.min() < 1e-20
    assert explorer.error_axes.get_ylim()[0] <= errors.min()


@pytest.mark.parametrize("alpha", [0.001, 0.05, 0.02])
def test_no_offset_text_and_no_title_overlaps_tick_labels(explorer, alpha):
    explorer.learning_rate_slider.value = alpha
    explorer.step_slider.value = explorer.step_slider.max
    figure = explorer.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            assert axis.get_offset_text().get_text() == "", axes.get_title()
        title = axes.title.get_window_extent(renderer)
        labels = []
        for any_axes in figure.axes:  # its own tick labels, and the row above's
            labels += [label.get_window_extent(renderer)
                       for label in (*any_axes.get_xticklabels(), *any_axes.get_yticklabels())
                       if label.get_visible() and label.get_text()]
        assert not any(title.overlaps(label) for label in labels), axes.get_title()


@pytest.mark.parametrize("ticks, labels", [
    ([0, 10000, 20000], ["0", "10000", "20000"]),
    ([-5e4, 0, 5e4], ["−50000", "0", "50000"]),
    ([-5e5, 0, 5e5], ["−5e5", "0", "5e5"]),
    ([0, 2e11, 4e11], ["0", "2e11", "4e11"]),
    ([-0.25, 0, 0.25, 0.5], ["−0.25", "0", "0.25", "0.50"]),
    ([1e10, 1.5e10, 2e10], ["1e10", "1.5e10", "2e10"]),
])
def test_compact_tick_labels_carry_their_own_size(ticks, labels):
    assert CompactFormatter().format_ticks(ticks) == labels


# A learner's predict or gradient that fails on the table: refused in words, not a traceback

def predict_the_wrong_way_round(weights, inputs):
    return weights @ inputs


def gradient_with_that_predict(weights, inputs, targets):
    misses = targets - predict_the_wrong_way_round(weights, inputs)
    return -2 * misses @ inputs / len(targets)


def gradient_past_the_end(weights, inputs, targets):
    return weights[5] * inputs[0]


@pytest.mark.parametrize("functions, words", [
    ({"predict": predict_the_wrong_way_round},
     "the explorer tried your predict on the table, and it fails: `weights @ inputs` cannot be "
     "computed"),
    ({"gradient": gradient_with_that_predict},
     "the explorer tried your gradient on the table, and it fails, inside the "
     "predict_the_wrong_way_round it calls: `weights @ inputs` cannot be computed"),
    ({"gradient": gradient_past_the_end},
     "the explorer tried your gradient on the table, and it fails: index 5 goes past the end"),
], ids=["predict", "gradient through predict", "gradient"])
def test_a_learners_broken_function_is_refused_in_words(functions, words):
    open_before = len(plt.get_fignums())
    with pytest.raises(descent_explorer.FunctionFails) as refused:
        DescentExplorer(name="broken", **functions)
    shown = " ".join(" ".join(refused.value._render_traceback_()).split())
    assert words in shown and "Where: line" in shown
    assert "DescentExplorer()" in shown  # the way to go on with nnlib's
    for jargon in ("gufunc", "Traceback", "checks.py", "descent.py"):
        assert jargon not in shown
    assert isinstance(refused.value.__cause__, (ValueError, IndexError))
    assert len(plt.get_fignums()) == open_before


def test_what_a_learners_predict_returns_is_refused_in_words_alone():
    returned = re.escape("your predict returned shape (6, 3)")
    with pytest.raises(ValueError, match=returned) as refused:
        DescentExplorer(predict=lambda weights, inputs: inputs * weights, name="table back")
    assert refused.value._render_traceback_()[0].startswith("\x1b[31m✗ your predict returned")


# The key and the numbers the figure and readout show

def test_the_key_says_what_each_mark_and_colour_means(explorer):
    key = explorer.key()
    for words in ("W1", "W2", "W3", "each weight's colour", "distances panel",
                  "■</span> the path's start", "★</span> the true weights (W1, W2) = (0.5, 0.9)",
                  "the shown step", "tangent", "within reach"):
        assert words in key, words
    assert "the true weights" in explorer.widget.children[-2].value  # shown under the figure


@pytest.mark.parametrize("value, label", [(1e-8, "1e-8"), (0.1, "1e-1"), (1, "1"), (10, "1e1"),
                                          (100, "1e2"), (1e6, "1e6")])
def test_log_tick_labels_are_powers_of_ten_in_one_style(value, label):
    assert descent_explorer.power_of_ten(value, 0) == label


def test_at_alpha_0_016_the_distance_ticks_read_1e1_not_10(explorer):
    explorer.learning_rate_slider.value = 0.016
    low, high = explorer.distance_axes.get_ylim()
    labels = [explorer.distance_axes.yaxis.get_major_formatter()(tick, k)
              for k, tick in enumerate(explorer.distance_axes.get_yticks()) if low <= tick <= high]
    assert "1e1" in labels and "10" not in labels


def test_the_first_runs_log_ticks_are_the_ones_the_notebook_lists(explorer):
    for axes, labels in [
            (explorer.distance_axes, ["1e-8", "1e-6", "1e-4", "1e-2", "1", "1e2"]),
            (explorer.error_axes, ["1e-12", "1e-9", "1e-6", "1e-3", "1", "1e3", "1e6"])]:
        low, high = axes.get_ylim()
        shown = [axes.yaxis.get_major_formatter()(tick, k)
                 for k, tick in enumerate(axes.get_yticks()) if low <= tick <= high]
        assert shown == labels


def test_the_readout_writes_numbers_out_as_the_text_does(explorer):
    said = explorer.readout.value
    assert "error 14662" in said and "slopes (994, 893, 1013)" in said
    assert "W = (0.200, 1.400, 30.000)" in said
    explorer.learning_rate_slider.value = 0.016
    explorer.step_slider.value = explorer.step_slider.max
    said = explorer.readout.value
    assert re.search(r"error \d\.\d+e1\d ·", said), said  # e-notation only when very large
    assert "e+" not in said


@pytest.mark.parametrize("value, text", [(14661.9, "14662"), (993.93, "994"), (12.4, "12.4"),
                                         (0.052, "0.052"), (1.5e-11, "1.5e-11"),
                                         (-1.2e7, "-1.2e7"), (-0.0, "0"), (0.0, "0")])
def test_readable_numbers(value, text):
    assert descent_explorer.readable(value) == text


def test_a_gradient_that_breaks_during_the_run_is_shown_in_words_not_raised():
    import nnlib
    from nnlib.explorers import SlopeExplorer  # noqa: F401

    """A learner's gradient that turns NaN after some updates: the explorer shows where, in its
    readout and figure, and a slider moved later does not raise either."""
    calls = []

    def breaks_later(weights, inputs, targets):
        calls.append(1)
        slopes = nnlib.mse_gradient(weights, inputs, targets)
        return slopes * np.nan if len(calls) > 50 else slopes

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy warning spills either
        explorer = DescentExplorer(gradient=breaks_later)
        assert "the run stopped</b>: your gradient, at update" in explorer.readout.value
        assert "returned [nan nan nan]" in explorer.readout.value
        assert "your gradient broke" in explorer.message.get_text()
        explorer.learning_rate_slider.value = 0.002
        assert "the run stopped" in explorer.readout.value
    explorer.close()


def test_a_gradient_that_returns_a_list_runs_as_an_array():
    import nnlib

    def as_list(weights, inputs, targets):
        return list(nnlib.mse_gradient(weights, inputs, targets))

    explorer = DescentExplorer(gradient=as_list)
    explorer.learning_rate_slider.value = 0.01
    assert "after 118 updates" in explorer.readout.value, explorer.readout.value
    explorer.close()


def test_a_row_too_large_to_draw_is_refused_in_words():
    from nnlib.explorers import SlopeExplorer

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="too large to draw: their squared miss overflows"):
            SlopeExplorer(row=[1e200, 1, 1], target=1.0)
