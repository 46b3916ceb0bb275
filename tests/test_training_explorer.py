"""Notebook 04's explorer, driven from code: step it, pick presets, and check the plotted data
against nnlib's network."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlib
from nnlib.explorers import TrainingExplorer
from nnlib.explorers.training import GRID, MOST_MAPS, UPDATES_PER_FRAME
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


def test_test_points_are_never_trained_on():
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
    assert not trained & {tuple(row) for row in view.test[0]}
    view.close()


def test_alpha_too_large_keeps_the_cost_from_falling(explorer):
    explorer.preset_menu.value = "α too large"
    assert explorer.learning_rate_slider.value == pytest.approx(300)
    assert explorer.updates == 0
    for _ in range(60):
        explorer.step()
    costs = [record[2] for record in explorer.records]
    assert min(costs[1:]) > 0.24 and explorer.records[-1][4] == 0.5
    assert "α = 300" in explorer.readout.value


def test_too_few_hidden_units_leave_the_spiral_unlearned(explorer):
    explorer.preset_menu.value = "too few hidden units for the spiral"
    assert (explorer.data_menu.value, explorer.hidden_slider.value) == ("spiral", 2)
    explorer.step(updates=4000)
    assert explorer.records[-1][4] < 0.75 and explorer.records[-1][5] < 0.75
    wide = TrainingExplorer(data="spiral", name="training explorer, wide")
    wide.step(updates=4000)
    assert wide.records[-1][5] > 0.85
    wide.close()


def test_a_large_start_saturates_the_hidden_units(explorer):
    usual = explorer.hidden_slope
    explorer.preset_menu.value = "saturated sigmoids (large start)"
    assert explorer.scale_slider.value == pytest.approx(30)
    assert explorer.hidden_slope < 0.02 < 0.2 < usual
    sums = nnlib.forward_pass(explorer.network, explorer.training[0])[0][0]
    assert explorer.hidden_slope == pytest.approx(nnlib.sigmoid_derivative(sums).mean())
    assert "σ′ on average 0.0" in explorer.readout.value


def test_defaults_preset_brings_back_the_starting_settings(explorer):
    explorer.preset_menu.value = "too few hidden units for the spiral"
    explorer.preset_menu.value = "defaults"
    assert explorer.settings == {"data": "circle", "noise": 0.05, "hidden": 8,
                                 "learning_rate": 3.0, "batch_size": 10, "scale": 1.0}


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
    (dict(batch_size=1000), ValueError, "batch_size must be at most 150"),
    (dict(scale=0), ValueError, "scale must be a positive number"),
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
    assert max(record[0] for record in explorer.records) == 100
    explorer.updates_slider.value = 300
    replay = [w.copy() for w in explorer.network.weights]
    explorer.reset()
    explorer.updates_slider.value = 300
    for now, then in zip(explorer.network.weights, replay):
        np.testing.assert_array_equal(now, then)


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
