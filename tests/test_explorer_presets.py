"""Presets a teacher calls up in one line, `explorer.show(name)`, on every explorer: each sets
exactly its values (values the controls hold), the readout says its sentence while the settings
stay the preset's, and what the preset is named for is what the explorer shows."""

import re

import numpy as np
import pytest

import nnlib
from nnlib.explorers import (BackpropExplorer, DescentExplorer, DigitsExplorer, NeuronExplorer,
                             TrainingExplorer)
from nnlib.explorers import backprop, descent, digits, neuron, training
from nnlib.explorers.descent import TRUE_WEIGHTS, updates_to_reach


def plain(view):
    return re.sub(r"<[^>]+>", "", view.readout.value)


def holds(slider, value):
    """Whether a slider holds `value` exactly: one of a SelectionSlider's options, or a whole
    number of steps from a FloatSlider's or IntSlider's min."""
    if hasattr(slider, "options") and not isinstance(slider.options, dict):
        return any(option == value for option in slider.options) or any(
            isinstance(option, tuple) and option[1] == value for option in slider.options)
    steps = (value - slider.min) / getattr(slider, "step", 1)
    return slider.min <= value <= slider.max and np.isclose(steps, round(steps))


def check_preset(view, name, note, controls):
    """show(name) sets the preset's settings exactly, held by the controls; the readout says
    the preset's sentence, and stops saying it once a setting moves away."""
    view.show("defaults")
    view.show(name)
    assert view.preset_menu.value == name
    wanted = view.preset(name)
    _equal(view.settings, wanted)
    for key, control in controls.items():
        if key in wanted:
            assert holds(control, control.value), (name, key)
    assert note in view.readout.value, f"{name}: {plain(view)}"
    return wanted


def _equal(settings, wanted):
    assert set(settings) == set(wanted)
    for key, value in wanted.items():
        if isinstance(value, (tuple, list)):
            assert np.allclose(settings[key], value), key
        elif isinstance(value, float):
            assert settings[key] == pytest.approx(value), key
        else:
            assert settings[key] == value, key
    return True


# Every explorer takes the one-line API, TrainingExplorer included, beside its menu

def test_show_rejects_an_unknown_preset_and_names_the_ones_there_are():
    view = NeuronExplorer(name="presets: unknown")
    with pytest.raises(ValueError, match="no preset 'NAND'.*'XOR has no line'"):
        view.show("NAND")
    view.close()


def test_training_explorer_takes_show_and_its_menu_follows():
    view = TrainingExplorer(name="presets: training")
    view.show("α too large")
    assert view.preset_menu.value == "α too large"
    assert view.settings == view.preset("α too large")
    assert training.PRESET_NOTES["α too large"] in view.readout.value
    view.learning_rate_slider.value = 3.0  # off the preset: its sentence goes
    assert training.PRESET_NOTES["α too large"] not in view.readout.value
    view.show("α too large")  # shown again although the menu still names it
    assert view.learning_rate_slider.value == 300.0
    assert training.PRESET_NOTES["α too large"] in view.readout.value
    view.close()


# NeuronExplorer

@pytest.fixture
def neuron_view():
    view = NeuronExplorer(name="presets: neuron")
    yield view
    view.close()


def neuron_controls(view):
    return dict(w1=view.weight_sliders[0], w2=view.weight_sliders[1], bias=view.bias_slider)


@pytest.mark.parametrize("name", neuron.PRESETS)
def test_each_neuron_preset_sets_its_values_and_says_its_sentence(neuron_view, name):
    wanted = check_preset(neuron_view, name, neuron.PRESET_NOTES[name],
                          neuron_controls(neuron_view))
    assert wanted == neuron.PRESETS[name]
    neuron_view.bias_slider.value = 2.0
    assert neuron.PRESET_NOTES[name] not in neuron_view.readout.value


def test_and_gets_4_of_4(neuron_view):
    neuron_view.show("AND")
    assert neuron_view.data_menu.value == "AND"
    assert "4 of 4 right" in plain(neuron_view)


def test_or_poses_exercise_5_without_its_answer(neuron_view):
    neuron_view.show("OR")
    assert neuron_view.data_menu.value == "OR"
    assert "2 of 4 right" in plain(neuron_view)
    ringed = {tuple(point) for point in np.column_stack(neuron_view.wrong.get_data())}
    assert ringed == {(0.0, 1.0), (1.0, 0.0)}
    for preset in neuron.PRESETS.values():  # no preset hands over OR's weights
        sums = neuron.CORNERS @ [preset["w1"], preset["w2"]] + preset["bias"]
        assert not np.array_equal((sums >= 0).astype(float), neuron.GATES["OR"]), preset


def test_xor_has_no_line_gets_3_of_4_and_no_setting_gets_4(neuron_view):
    neuron_view.show("XOR has no line")
    assert neuron_view.data_menu.value == "XOR"
    assert "3 of 4 right" in plain(neuron_view)
    assert "one straight line cannot" in plain(neuron_view)
    w1, w2, bias = np.meshgrid(*[np.linspace(-6, 6, 25)] * 3)
    sums = neuron.CORNERS @ np.stack([w1.ravel(), w2.ravel()]) + bias.ravel()
    right = ((nnlib.sigmoid(sums) >= 0.5) == neuron.GATES["XOR"][:, None]).sum(axis=0)
    assert right.max() == 3


def test_step_vs_sigmoid_says_what_the_sigmoid_says_with_outputs_of_0_or_1(neuron_view):
    neuron_view.show("step vs sigmoid")
    assert neuron_view.activation_menu.value == "step"
    step_says = re.findall(r"→ ([01]) ", neuron_view.readout.value)
    outputs = nnlib_outputs(neuron_view)
    assert set(np.round(outputs, 12)) <= {0.0, 1.0}
    neuron_view.activation_menu.value = "sigmoid"
    assert re.findall(r"→ ([01]) ", neuron_view.readout.value) == step_says
    assert not set(np.round(nnlib_outputs(neuron_view), 12)) <= {0.0, 1.0}


def nnlib_outputs(view):
    return view.activation(neuron.CORNERS @ view.weights + view.bias)


def test_neuron_defaults_preset_is_the_explorers_start():
    view = NeuronExplorer(weights=(2.0, -1.0), bias=0.5, data="OR", name="presets: start")
    view.show("XOR has no line")
    view.show("defaults")
    assert view.settings == dict(w1=2.0, w2=-1.0, bias=0.5, activation="sigmoid", data="OR")
    view.close()


# DescentExplorer

@pytest.fixture
def descent_view():
    view = DescentExplorer(name="presets: descent")
    yield view
    view.close()


@pytest.mark.parametrize("name", descent.PRESETS)
def test_each_descent_preset_sets_its_alpha_from_the_blind_guess(descent_view, name):
    wanted = check_preset(descent_view, name, descent.PRESET_NOTES[name],
                          dict(learning_rate=descent_view.learning_rate_slider,
                               steps=descent_view.steps_slider))
    assert wanted == dict(initial_weights=descent.BLIND_GUESS, steps=2000,
                          learning_rate=descent.PRESETS[name]["learning_rate"])
    assert descent_view.step_slider.value == descent_view.step_slider.max, "the run's end"
    descent_view.steps_slider.value = 1999
    assert descent.PRESET_NOTES[name] not in descent_view.readout.value


def test_descent_presets_alphas(descent_view):
    assert {name: p["learning_rate"] for name, p in descent.PRESETS.items()} == {
        "α too small": 0.0001, "just right": 0.014, "oscillating": 0.015, "diverging": 0.016}


def test_alpha_too_small_is_not_there_after_2000_updates(descent_view):
    descent_view.show("α too small")
    history = descent_view.history
    assert history.diverged_at is None and updates_to_reach(history.weights) is None
    assert "not within" in plain(descent_view)
    assert np.all(np.diff(history.errors) <= 0)


def test_just_right_falls_every_update_and_gets_there_in_under_100(descent_view):
    descent_view.show("just right")
    history = descent_view.history
    above_rounding = history.errors[history.errors > 1e-25]  # then float rounding jitters
    assert len(above_rounding) > 200 and np.all(np.diff(above_rounding) < 0)
    assert updates_to_reach(history.weights) < 100
    assert "within 0.0005 of the true weights" in plain(descent_view)


def test_oscillating_zigzags_across_the_bottom_and_still_gets_there(descent_view):
    descent_view.show("oscillating")
    history = descent_view.history
    off = history.weights[:200] - TRUE_WEIGHTS
    flips = (np.sign(off[1:]) != np.sign(off[:-1])).sum(axis=0)
    assert np.all(flips > 150), "every weight overshoots to the other side, step after step"
    reached = updates_to_reach(history.weights)
    assert reached is not None and reached > updates_to_reach(
        descent.descent.gradient_descent(descent_view.table.inputs, descent_view.table.outputs,
                                         np.array(descent.BLIND_GUESS), 0.014, 2000).weights)


def test_diverging_diverges(descent_view):
    descent_view.show("diverging")
    assert descent_view.history.diverged_at is not None
    assert "diverged" in plain(descent_view)


# BackpropExplorer

@pytest.fixture
def backprop_view():
    view = BackpropExplorer(name="presets: backprop")
    yield view
    view.close()


@pytest.mark.parametrize("name", backprop.PRESETS)
def test_each_backprop_preset_sets_its_values_and_says_its_sentence(backprop_view, name):
    view = backprop_view
    wanted = check_preset(view, name, backprop.PRESET_NOTES[name],
                          dict(stage=view.stage_slider, scale=view.scale_slider,
                               learning_rate=view.learning_rate_slider))
    assert {key: wanted[key] for key in backprop.PRESETS[name]} == backprop.PRESETS[name]
    assert view.updates == 0
    view.edge_menu.value = list(backprop.PARAMETERS)[0]
    assert backprop.PRESET_NOTES[name] not in view.readout.value


def test_saturated_scales_the_weights_by_4_and_flags_neurons_whose_delta_is_tiny(backprop_view):
    view = backprop_view
    view.show("saturated")
    assert view.scale_slider.value == 4.0
    assert np.allclose(view.network.weights[0], 4 * view.start.weights[0])
    assert view.stage == backprop.HIDDEN_DELTA
    assert view.saturated and "saturated:" in plain(view)
    hidden = np.abs(view.deltas[0])
    flagged = [j for layer, j in view.saturated if layer == 1]
    others = [j for j in range(len(hidden)) if j not in flagged]
    assert flagged and max(hidden[flagged]) < min(hidden[others]) / 10


def test_after_the_update_shows_a_lower_cost(backprop_view):
    view = backprop_view
    view.next_stage()
    view.show("after the update")
    assert view.stage == backprop.UPDATE and view.updates == 0
    assert "cost after the update" in plain(view)
    assert view.new_cost < view.cost
    view.next_stage()  # takes the step: stage 1 again, and the sentence goes
    assert view.updates == 1
    assert backprop.PRESET_NOTES["after the update"] not in view.readout.value


# DigitsExplorer

@pytest.fixture(scope="module")
def small_set():
    images, labels = nnlib.small_digits()
    return images[:200], labels[:200]


def leaning_to(digit, seed=0):
    """A 64-30-10 network whose answer is `digit` for every image: its output bias for it is
    large."""
    network = nnlib.new_network((64, 30, 10), seed=seed)
    network.biases[-1][:] = -10
    network.biases[-1][digit] = 10
    return network


def test_a_4_read_as_a_9_shows_the_first_such_image(small_set):
    images, labels = small_set
    view = DigitsExplorer(leaning_to(9), images, labels, name="presets: digits 9")
    assert "a 4 read as a 9" in view.preset_menu.options
    first_four = int(np.flatnonzero(labels == 4)[0])
    check_preset(view, "a 4 read as a 9", digits.PRESET_NOTES["a 4 read as a 9"],
                 dict(image=view.image_slider))
    assert view.image_slider.value == first_four
    assert "answers 9" in plain(view) and "the label is 4" in plain(view)
    view.show("the first mistake")
    assert view.image_slider.value == int(np.flatnonzero(labels != 9)[0])
    assert "✗ wrong: mistake 1 of" in plain(view)
    assert digits.PRESET_NOTES["the first mistake"] in view.readout.value
    view.draw([[(100, 100), (150, 150)]])  # a drawing: the preset's sentence goes
    assert digits.PRESET_NOTES["the first mistake"] not in view.readout.value
    view.show("the first mistake")  # and comes back, the pad wiped
    assert not view.strokes
    assert digits.PRESET_NOTES["the first mistake"] in view.readout.value
    view.close()


def test_without_a_4_read_as_a_9_only_the_first_mistake_is_offered(small_set):
    images, labels = small_set
    view = DigitsExplorer(leaning_to(3), images, labels, name="presets: digits 3")
    assert list(view.preset_menu.options) == ["defaults", "the first mistake"]
    with pytest.raises(ValueError, match="no preset 'a 4 read as a 9'"):
        view.show("a 4 read as a 9")
    view.show("the first mistake")
    assert view.image_slider.value == int(np.flatnonzero(labels != 3)[0])
    view.show("defaults")
    assert view.image_slider.value == 0
    view.close()


def test_every_explorer_lays_its_preset_menu_out_once(small_set):
    images, labels = small_set
    views = [NeuronExplorer(name="p1"), DescentExplorer(name="p2"), BackpropExplorer(name="p3"),
             TrainingExplorer(name="p4"), DigitsExplorer(leaning_to(9), images, labels, name="p5")]
    for view in views:
        shown = [child for row in view.widget.children[:-4] for child in row.children]
        assert shown.count(view.preset_menu) == 1, type(view).__name__
        assert view.preset_menu.description == "preset"
        view.close()


# Every readout is a live status for screen readers, in every state a preset or a control leaves

def is_live_status(html):
    """The whole readout inside one role=status element: a screen reader reads it out whenever
    it changes, without the learner moving there."""
    return (re.fullmatch(r"<span role='status'>.*</span>", html.strip(), re.S) is not None
            and html.count("role='status'") == 1)


def test_every_explorer_readout_is_a_live_status_in_every_preset(small_set):
    from nnlib.explorers import SlopeExplorer

    images, labels = small_set
    views = [NeuronExplorer(name="live 1"), DescentExplorer(name="live 2"),
             BackpropExplorer(name="live 3"), TrainingExplorer(name="live 4"),
             DigitsExplorer(leaning_to(9), images, labels, name="live 5")]
    for view in views:
        assert is_live_status(view.readout.value), (type(view).__name__, view.readout.value)
        for name in view.preset_menu.options:
            view.show(name)
            assert is_live_status(view.readout.value), (type(view).__name__, name,
                                                        view.readout.value)
        view.close()
    slope = SlopeExplorer(name="live 6")
    for value in (slope.slider.min, slope.slider.max):
        slope.slider.value = value
        assert is_live_status(slope.readout.value), slope.readout.value
    slope.close()


def test_a_broken_run_is_said_in_the_live_status_too():
    calls = []

    def broken(weights, inputs, targets):  # right at first, then NaN from the 5th call on
        calls.append(1)
        gradient = nnlib.mse_gradient(weights, inputs, targets)
        return gradient if len(calls) < 5 else np.full(3, np.nan)

    view = DescentExplorer(gradient=broken, name="live broken")
    assert "stopped" in view.readout.value and is_live_status(view.readout.value), \
        view.readout.value
    view.close()


def test_live_status_check_catches_a_readout_outside_its_status():
    assert not is_live_status("W3 = 1.0 · slope 2")
    assert not is_live_status("<span role='status'>W3 = 1.0</span> · slope 2")
    assert is_live_status("<span role='status'>step 0 of 10 · <b>error</b> 3</span>")
