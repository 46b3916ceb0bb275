"""Notebook 04's explorer, driven from code: step it, pick presets, and check the plotted data
against nnlib's network."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from traitlets import TraitError

import nnlib
from nnlib.explorers import TrainingExplorer
from nnlib.explorers.training import (GRID, LABEL_WIDTH, MOST_MAPS, PRESETS, UPDATES_PER_FRAME,
                                      slip_in_short)
from drawing import pixels


@pytest.fixture
def explorer():
    return TrainingExplorer(name="training explorer under test")


def hidden_outputs(network, points):
    return nnlib.forward_pass(network, points)[1][1]


def test_stepping_lowers_the_training_cost_on_the_circle(explorer):
    assert explorer.data_menu.value == "circle"
    start = explorer.records[-1][2]
    for _ in range(40):
        explorer.step()
    assert explorer.updates == 40 * UPDATES_PER_FRAME
    assert explorer.records[-1][2] < start / 2
    assert explorer.records[-1][5] >= 0.9, "most test points right by now"
    assert f"{explorer.updates} updates" in explorer.readout.value


def test_the_shaded_map_is_the_networks_output_on_the_grid(explorer):
    for _ in range(3):
        explorer.step()
    expected = nnlib.network_output(explorer.network, explorer.grid_points).reshape(GRID, GRID)
    np.testing.assert_allclose(explorer.image.get_array(), expected, rtol=1e-12)
    low, high = explorer.plane
    x1, x2 = np.meshgrid(np.linspace(low, high, GRID), np.linspace(low, high, GRID))
    np.testing.assert_array_equal(explorer.grid_points, np.column_stack([x1.ravel(), x2.ravel()]))
    assert explorer.image.origin == "lower"


@pytest.mark.parametrize("hidden", [3, 8, 12])
def test_the_hidden_maps_are_the_hidden_units_outputs(explorer, hidden):
    explorer.hidden_slider.value = hidden
    explorer.step()
    expected = hidden_outputs(explorer.network, explorer.grid_points)
    shown = min(hidden, MOST_MAPS)
    for k in range(shown):
        np.testing.assert_allclose(explorer.hidden_images[k].get_array(),
                                   expected[:, k].reshape(GRID, GRID), rtol=1e-12)
        assert explorer.hidden_images[k].get_visible()
    assert not any(image.get_visible() for image in explorer.hidden_images[shown:])
    note = explorer.hidden_note.get_text()
    assert (f"showing {MOST_MAPS} of the {hidden}" in note) == (hidden > MOST_MAPS)


def test_validation_points_are_never_trained_on():
    seen = []

    def recording_backward(network, sums, activations, targets):
        seen.append(activations[0].copy())
        return nnlib.backward_pass(network, sums, activations, targets)

    view = TrainingExplorer(backward=recording_backward, name="training explorer under test")
    seen.clear()  # the try at construction
    for _ in range(12):  # 300 updates of 10: every training point, twice over
        view.step()
    trained = {tuple(row) for batch in seen for row in batch}
    assert trained == {tuple(row) for row in view.training[0]}
    assert not trained & {tuple(row) for row in view.validation[0]}
    view.close()


def test_alpha_too_large_keeps_the_cost_from_falling(explorer):
    explorer.preset_menu.value = "α too large"
    assert explorer.learning_rate_slider.value == 300.0
    assert explorer.updates == 0
    for _ in range(60):
        explorer.step()
    costs = [record[2] for record in explorer.records]
    assert min(costs[1:]) > 0.24 and explorer.records[-1][4] == 0.5
    assert "α = 300" in explorer.readout.value


def test_too_few_hidden_units_leave_the_spiral_unlearned(explorer):
    explorer.preset_menu.value = "too few hidden units for the spiral"
    assert (explorer.data_menu.value, explorer.hidden_slider.value) == ("spiral", 2)
    for _ in range(10):
        explorer.step(updates=600)  # 1000 epochs in all
        assert explorer.records[-1][4] < 0.75 and explorer.records[-1][5] < 0.75
    wide = TrainingExplorer(data="spiral", name="training explorer, wide")
    wide.step(updates=4000)
    assert wide.records[-1][5] > 0.85
    wide.close()


def test_a_large_start_saturates_the_hidden_units(explorer):
    usual = explorer.hidden_slope
    explorer.preset_menu.value = "saturated sigmoids (large start)"
    assert explorer.scale_slider.value == 30.0
    assert explorer.hidden_slope < 0.02 < 0.2 < usual
    sums = nnlib.forward_pass(explorer.network, explorer.training[0])[0][0]
    assert explorer.hidden_slope == pytest.approx(nnlib.sigmoid_derivative(sums).mean())
    assert "σ′ on average 0.0" in explorer.readout.value


def test_defaults_preset_brings_back_the_starting_settings(explorer):
    explorer.preset_menu.value = "too few hidden units for the spiral"
    explorer.preset_menu.value = "defaults"
    assert explorer.settings == {"data": "circle", "noise": 0.05, "hidden": 8,
                                 "learning_rate": 3.0, "batch_size": 10, "scale": 1.0}


def test_the_defaults_button_brings_everything_back_in_one_click(explorer):
    start = [w.copy() for w in explorer.network.weights]
    explorer.preset_menu.value = "saturated sigmoids (large start)"
    explorer.data_menu.value = "moons"
    explorer.learning_rate_slider.value = 0.5
    explorer.batch_slider.value = 37
    explorer.step(updates=100)
    explorer.defaults_button.click()
    assert explorer.settings == {"data": "circle", "noise": 0.05, "hidden": 8,
                                 "learning_rate": 3.0, "batch_size": 10, "scale": 1.0}
    assert explorer.preset_menu.value == "defaults"
    assert explorer.updates == explorer.kept == 0 and explorer.updates_slider.value == 0
    for now, then in zip(explorer.network.weights, start):
        np.testing.assert_array_equal(now, then)
    assert explorer.defaults_button in explorer.controls()[2]


def test_the_defaults_button_keeps_the_defaults_given_to_the_explorer():
    view = TrainingExplorer(data="spiral", hidden=12, learning_rate=0.7,
                            name="training explorer under test")
    view.hidden_slider.value = 3
    view.defaults_button.click()
    assert (view.data_menu.value, view.hidden_slider.value,
            view.learning_rate_slider.value) == ("spiral", 12, 0.7)
    view.close()


@pytest.mark.parametrize("name", PRESETS)
def test_each_preset_lands_on_values_the_sliders_hold_and_the_model_uses(explorer, name):
    """The log sliders hold round numbers only: a preset's α = 300 or scale 30 is held exactly
    (no 316 or 31.6), and the network trained is the one the sliders say."""
    explorer.preset_menu.value = name
    wanted = explorer.preset(name)
    assert explorer.settings == wanted
    for slider, key in ((explorer.learning_rate_slider, "learning_rate"),
                        (explorer.scale_slider, "scale")):
        assert isinstance(slider, widgets.SelectionSlider)
        assert slider.value == wanted[key] and isinstance(slider.value, float)
        assert slider.label == f"{wanted[key]:g}"
    expected = nnlib.new_network((2, wanted["hidden"], 1), seed=0,
                                 scale=explorer.scale_slider.value)
    for now, then in zip(explorer.network.weights, expected.weights):
        np.testing.assert_array_equal(now, then)
    before = nnlib.Network([w.copy() for w in explorer.network.weights],
                           [b.copy() for b in explorer.network.biases])
    explorer.step(updates=1)
    batch = explorer._order(0)[:explorer.batch_slider.value]
    with np.errstate(over="ignore", under="ignore"):
        nnlib.update(before, explorer.training[0][batch], explorer.training[1][batch][:, None],
                     explorer.learning_rate_slider.value)
    for now, then in zip(explorer.network.weights, before.weights):
        np.testing.assert_allclose(now, then, rtol=1e-12)
    assert f"α = {wanted['learning_rate']:g} ·" in explorer.status.get_text()
    assert f"start scale {wanted['scale']:g}" in explorer.status.get_text()
    note = explorer.readout.value
    assert name == "defaults" or "press ▶" in note, "the preset's note shows with its settings"


def test_the_log_sliders_hold_round_numbers_only(explorer):
    for value in (0.01, 0.015, 3.0, 300.0, 1000.0):
        explorer.learning_rate_slider.value = value
        assert explorer.settings["learning_rate"] == value
    for value in (3.16, 316.0, 0.005):
        with pytest.raises(TraitError):
            explorer.learning_rate_slider.value = value
    with pytest.raises(TraitError):
        explorer.scale_slider.value = 31.6
    view = TrainingExplorer(learning_rate=3.16, scale=31.6, name="training explorer, rounded")
    assert (view.learning_rate_slider.value, view.scale_slider.value) == (3.2, 32.0)
    assert view.preset("defaults")["learning_rate"] == 3.2
    view.close()


def test_no_slider_label_is_cut_off(explorer):
    labelled = [widget for row in explorer.controls() for widget in row
                if isinstance(widget, (widgets.IntSlider, widgets.FloatSlider,
                                       widgets.SelectionSlider)) and widget is not
                explorer.updates_slider]
    assert {w.description for w in labelled} >= {"hidden units", "batch size", "start scale"}
    for widget in labelled:
        width = float(widget.style.description_width.removesuffix("em"))
        # a label's letters take about 0.6 em each at the widgets' font
        assert len(widget.description) * 0.6 <= width, widget.description
        assert widget.style.description_width == LABEL_WIDTH


def test_the_learners_backward_is_used_and_named():
    calls = []

    def my_backward(network, sums, activations, targets):
        calls.append(1)
        return nnlib.backward_pass(network, sums, activations, targets)

    view = TrainingExplorer(backward=my_backward, name="training explorer under test")
    reference = TrainingExplorer(name="training explorer, nnlib's")
    calls.clear()
    view.step()
    reference.step()
    assert len(calls) == UPDATES_PER_FRAME
    assert "your my_backward" in view.readout.value and "your my_backward" in view.key()
    # layers numbered by superscripts, as in the notebooks (subscripts number neurons)
    assert "‖∂C/∂W¹‖" in view.key() and "‖∂C/∂W²‖" in view.key() and "W₁" not in view.key()
    assert "nnlib.backward_pass" in reference.readout.value
    for mine, theirs in zip(view.network.weights, reference.network.weights):
        np.testing.assert_allclose(mine, theirs)
    assert view.backward_slip is None
    view.close()
    reference.close()


def test_a_learners_wrong_backward_is_said_in_the_view():
    def flipped(network, sums, activations, targets):
        weights, biases = nnlib.backward_pass(network, sums, activations, targets)
        return [-w for w in weights], biases

    view = TrainingExplorer(backward=flipped, name="training explorer under test")
    assert "your backward is off" in view.readout.value
    assert "layer 1's weights" in view.backward_slip
    assert view.message.get_text().startswith("your backward is off")
    view.close()


def test_a_learners_backward_goes_on_working_when_the_network_changes_shape():
    def my_backward(network, sums, activations, targets):
        return nnlib.backward_pass(network, sums, activations, targets)

    view = TrainingExplorer(backward=my_backward, name="training explorer under test")
    reference = TrainingExplorer(name="training explorer, nnlib's")
    for explorer in (view, reference):
        explorer.preset_menu.value = "overfitting (noise 0.2, 16 hidden units)"
        explorer.step()
    assert not view.errors.outputs and view.backward_slip is None
    for mine, theirs in zip(view.network.weights, reference.network.weights):
        np.testing.assert_allclose(mine, theirs)
    view.close()
    reference.close()


def test_a_learners_backward_that_fails_on_another_shape_is_replaced_and_said():
    def eight_only(network, sums, activations, targets):
        if network.weights[0].shape[0] != 8:
            raise ValueError("written for 8 hidden units")
        return nnlib.backward_pass(network, sums, activations, targets)

    view = TrainingExplorer(backward=eight_only, name="training explorer under test")
    view.hidden_slider.value = 3
    assert "it fails on a 2-3-1 network, so nnlib.backward_pass runs in its place" in \
        view.readout.value
    assert "written for 8 hidden units" in view.message.get_text().replace("\n", " ")
    view.step()
    assert view.updates == UPDATES_PER_FRAME and not view.errors.outputs
    view.hidden_slider.value = 8
    assert view.backward_slip is None
    view.close()


@pytest.mark.parametrize("slip", ["flipped", "halved", "no slope"])
def test_the_figures_box_shows_the_whole_hint_of_a_wrong_backward(slip):
    """The box in the figure names the layer and gives the likely slip in full, wrapped; the
    numbers, too many for it, are in the readout."""
    def wrong(network, sums, activations, targets):
        weights, biases = nnlib.backward_pass(network, sums, activations, targets)
        if slip == "flipped":
            return [-w for w in weights], biases
        if slip == "halved":
            return [w / 2 for w in weights], [b / 2 for b in biases]
        weights[0] = weights[0] * np.linspace(0.5, 1.5, weights[0].size).reshape(weights[0].shape)
        return weights, biases

    view = TrainingExplorer(backward=wrong, hidden=16, name="training explorer under test")
    shown = " ".join(view.message.get_text().split())
    hint = slip_in_short(view.backward_slip)
    assert hint.split(". ", 1)[1] and shown.endswith(hint.split(". ", 1)[1]), shown
    assert "…" not in shown and "yours [" not in shown
    assert "finite differences [" in view.readout.value  # the numbers, in the readout
    lines = view.message.get_text().splitlines()
    assert max(map(len, lines)) <= 48 and len(lines) <= 8
    view.close()


@pytest.mark.parametrize("backward, error, words", [
    (lambda network, sums, activations, targets: None, ValueError, "returned None"),
    (lambda network, sums: None, TypeError, "give it 4 parameters"),
    (lambda network, sums, activations, targets: ([np.zeros(3)], [np.zeros(3)]), ValueError,
     "one per layer"),
    ("backward_pass", TypeError, "backward must be a function"),
], ids=["None", "two parameters", "wrong shape", "text"])
def test_a_broken_backward_is_refused_before_a_figure_opens(backward, error, words):
    open_before = len(plt.get_fignums())
    with pytest.raises(error, match=words):
        TrainingExplorer(backward=backward, name="training explorer under test")
    assert len(plt.get_fignums()) == open_before


@pytest.mark.parametrize("arguments, error, words", [
    (dict(data="squares"), ValueError, "one of XOR, circle, moons, spiral"),
    (dict(data=3), TypeError, "data must be the name"),
    (dict(hidden=0), ValueError, "hidden must be at least 1"),
    (dict(hidden=2.5), TypeError, "hidden must be a whole number"),
    (dict(learning_rate=-1), ValueError, "learning rate must be a positive number"),
    (dict(learning_rate=0.005), ValueError, "learning rate must be from 0.01 to 1000"),
    (dict(learning_rate=2000), ValueError, "the α slider's range"),
    (dict(batch_size=1000), ValueError, "batch_size must be at most 150"),
    (dict(scale=0), ValueError, "scale must be a positive number"),
    (dict(scale=500), ValueError, "scale must be from 0.1 to 100"),
    (dict(name=3), TypeError, "name must be text"),
])
def test_bad_constructor_arguments_are_refused_clearly(arguments, error, words):
    open_before = len(plt.get_fignums())
    with pytest.raises(error, match=words):
        TrainingExplorer(**arguments)
    assert len(plt.get_fignums()) == open_before


def test_reset_restores_the_starting_network_and_curves(explorer):
    start = [w.copy() for w in explorer.network.weights]
    first_record = explorer.records[0]
    for _ in range(5):
        explorer.step()
    explorer.reset()
    assert explorer.updates == 0 and explorer.updates_slider.value == 0
    for now, then in zip(explorer.network.weights, start):
        np.testing.assert_array_equal(now, then)
    assert explorer.records == [first_record]


def test_dragging_the_updates_back_shows_the_earlier_network_and_forward_again_the_same(explorer):
    explorer.updates_slider.value = 100
    at_100 = [w.copy() for w in explorer.network.weights]
    explorer.updates_slider.value = 300
    explorer.updates_slider.value = 100
    for now, then in zip(explorer.network.weights, at_100):
        np.testing.assert_array_equal(now, then)
    assert max(record[0] for record in explorer.shown_records) == 100
    assert explorer.kept == 300, "the run past 100 is kept"
    explorer.updates_slider.value = 300
    replay = [w.copy() for w in explorer.network.weights]
    explorer.reset()
    assert explorer.kept == 0
    explorer.updates_slider.value = 300
    for now, then in zip(explorer.network.weights, replay):
        np.testing.assert_array_equal(now, then)


def test_stop_goes_back_to_the_start_and_keeps_the_run_which_play_replays():
    """■ sets the Play value to its minimum, which the link passes to the updates slider: the
    run is kept, said in the readout, and ▶ (or Step) shows it again without training again."""
    calls = []

    def counting(network, sums, activations, targets):
        calls.append(1)
        return nnlib.backward_pass(network, sums, activations, targets)

    view = TrainingExplorer(backward=counting, name="training explorer under test")
    start = [w.copy() for w in view.network.weights]
    for _ in range(8):
        view.step()
    at_200 = [w.copy() for w in view.network.weights]
    records = list(view.records)
    calls.clear()
    view.updates_slider.value = view.play.min  # what ■ does, through the link
    assert view.updates == 0 and view.kept == 200
    for now, then in zip(view.network.weights, start):
        np.testing.assert_array_equal(now, then)
    assert "showing update 0 of the 200 kept" in view.readout.value
    assert "keeps the run" in view.play.tooltip
    for _ in range(8):
        view.step()  # ▶ steps the same way
    assert not calls, "the kept run is shown again, not trained again"
    for now, then in zip(view.network.weights, at_200):
        np.testing.assert_array_equal(now, then)
    assert view.records == records and "kept" not in view.readout.value
    view.step()
    assert len(calls) == UPDATES_PER_FRAME and view.kept == 225
    view.close()


def test_a_new_alpha_while_back_drops_the_run_past_the_update_shown(explorer):
    explorer.step(updates=200)
    explorer.updates_slider.value = 50
    explorer.learning_rate_slider.value = 1.0
    assert explorer.kept == 50 and explorer.updates == 50
    assert max(record[0] for record in explorer.records) == 50
    explorer.step(updates=50)
    reference = TrainingExplorer(name="training explorer, in two parts")
    reference.step(updates=50)
    reference.learning_rate_slider.value = 1.0
    reference.step(updates=50)
    for now, then in zip(explorer.network.weights, reference.network.weights):
        np.testing.assert_array_equal(now, then)
    reference.close()


def test_overfitting_shows_the_validation_cost_rising_as_the_training_cost_falls(explorer):
    explorer.preset_menu.value = "overfitting (noise 0.2, 16 hidden units)"
    for _ in range(20):
        explorer.step(updates=375)  # 25 epochs of 15 batches a frame: 500 epochs
    epochs, training, validation = (np.array([r[k] for r in explorer.records]) for k in (1, 2, 3))
    best = validation.argmin()
    assert epochs[best] <= 100
    assert validation[-1] > 1.15 * validation[best] and training[-1] < training[best]


def test_the_play_control_drives_the_updates_slider(explorer):
    assert explorer.play.step == UPDATES_PER_FRAME
    assert explorer.play.max == explorer.updates_slider.max
    links = [widget for widget in explorer._own_widgets()
             if type(widget).__name__ == "Link"]
    assert any(link.source == (explorer.play, "value") and
               link.target == (explorer.updates_slider, "value") for link in links)


def test_alpha_and_batch_size_apply_from_the_next_update_and_show_in_the_figure(explorer):
    explorer.step()
    weights = [w.copy() for w in explorer.network.weights]
    explorer.learning_rate_slider.value = 1.0
    explorer.batch_slider.value = 30
    assert explorer.updates == UPDATES_PER_FRAME, "no new start"
    for now, then in zip(explorer.network.weights, weights):
        np.testing.assert_array_equal(now, then)
    assert "α = 1 · batches of 30" in explorer.status.get_text()


def test_two_hundred_control_changes_open_no_figure(explorer):
    open_before = len(plt.get_fignums())
    for k in range(200):
        control = (explorer.noise_slider, explorer.learning_rate_slider, explorer.batch_slider,
                   explorer.hidden_slider)[k % 4]
        control.value = (0.01 * (k % 30), 0.5 + k % 7, 1 + k % 40, 1 + k % 12)[k % 4]
    # (α = 0.5, 1.5, 2.5, …: round numbers the log slider holds)
    assert len(plt.get_fignums()) == open_before


def test_a_redraw_is_the_full_redraws_picture_pixel_for_pixel(explorer):
    explorer.figure.canvas.draw()
    for value in ("moons", "XOR"):
        explorer.data_menu.value = value
        for _ in range(4):
            explorer.step(updates=200)  # the curves' limits change on the way
        painted = pixels(explorer.figure)
        explorer.figure.canvas.draw()
        assert np.array_equal(painted, pixels(explorer.figure)), value


def test_closing_releases_every_widget(explorer):
    widgets = explorer._own_widgets()
    explorer.close()
    assert all(widget.comm is None for widget in widgets)


def test_a_backward_that_breaks_during_training_stops_it_in_words():
    """A learner's backward that turns NaN after some updates: training stops at that update,
    the readout and the figure say where and what came back, and nothing raises."""
    import warnings

    import nnlib

    calls = []

    def breaks_later(network, sums, activations, targets):
        calls.append(1)
        weights, biases = nnlib.backward_pass(network, sums, activations, targets)
        return ([w * np.nan for w in weights] if len(calls) > 40 else weights), biases

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer = TrainingExplorer(backward=breaks_later)
        explorer.updates_slider.value = 200
        kept = explorer.kept
        assert 0 < kept < 200
        assert f"training stopped</b>: your backward broke at update {kept + 1}" in \
            explorer.readout.value
        assert "returned [[nan" in explorer.readout.value
        assert "your backward broke" in explorer.message.get_text()
        explorer.updates_slider.value = 300
        assert explorer.kept == kept, "training went on past the broken update"
        explorer.reset()
        assert "training stopped" not in explorer.readout.value
    explorer.close()
