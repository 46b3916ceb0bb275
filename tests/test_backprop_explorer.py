"""Notebook 03's explorer, driven from code: walk the stages, and check what each shows against
nnlib's backpropagation and against finite differences."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
import traitlets

import nnlib
from nnlib.explorers import BackpropExplorer
from nnlib.explorers.backprop import (COST, EXAMPLES, FORWARD, GRADIENTS, HIDDEN_DELTA,
                                      OUTPUT_DELTA, PARAMETERS, SATURATED, SEED, SIZES, STAGES,
                                      UPDATE)
from drawing import counting_full_draws, pixels, widgets_inside


@pytest.fixture
def explorer():
    return BackpropExplorer(name="backprop explorer under test")


def texts(explorer):
    return [text.get_text() for layer in explorer.node_texts for text in layer]


def nnlib_gradients(network, example):
    inputs, target = EXAMPLES[example]
    inputs, targets = np.array([inputs]), np.array([[target]])
    return nnlib.backward_pass(network, *nnlib.forward_pass(network, inputs), targets)


def copy(network):
    return nnlib.Network([w.copy() for w in network.weights], [b.copy() for b in network.biases])


# Each stage shows what it should, and nothing computed later

def test_the_forward_pass_is_nnlibs_and_no_delta_or_gradient_shows_before_its_stage(explorer):
    start = nnlib.new_network(SIZES, seed=SEED)
    inputs, target = EXAMPLES[explorer.example_menu.value]
    sums, activations = nnlib.forward_pass(start, np.array([inputs]))
    for stage in (FORWARD, COST, OUTPUT_DELTA):
        explorer.stage_slider.value = stage + 1
        for layer in (1, 2):
            np.testing.assert_allclose(explorer.activations[layer], activations[layer])
        shown = texts(explorer)
        assert f"a = {activations[2][0, 0]:.3g}" in shown[-1]
        hidden_deltas = [t for t in shown[2:5] if re.search(r"δ = [−\d]", t)]
        assert not hidden_deltas, f"stage {stage}: a hidden δ shows too early: {shown}"
        assert ("δ = ?" in shown[-1]) == (stage < OUTPUT_DELTA)
        assert explorer.product[3] is None, "no gradient before the gradients stage"
        said = explorer.product_text.get_text()
        assert "comes at stage" in said or "multiplied at stage 5" in said, said
        assert ("cost C" in explorer.cost_text.get_text()) == (stage >= COST)
    explorer.stage_slider.value = FORWARD + 1
    assert "target y = 1" in explorer.cost_text.get_text()
    assert "stage 1 of 6: forward pass" in explorer.readout.value
    assert "δ(" not in explorer.readout.value and "cost C" not in explorer.readout.value


@pytest.mark.parametrize("example", list(EXAMPLES))
def test_the_deltas_are_nnlibs_and_the_formulas(explorer, example):
    explorer.example_menu.value = example
    explorer.stage_slider.value = HIDDEN_DELTA + 1
    network = explorer.network
    weight_gradients, bias_gradients = nnlib_gradients(network, example)
    np.testing.assert_allclose(explorer.deltas[1], bias_gradients[1], rtol=1e-12)
    np.testing.assert_allclose(explorer.deltas[0], bias_gradients[0], rtol=1e-12)
    # The four equations by hand: δ of the output, then of the hidden layer.
    inputs, target = EXAMPLES[example]
    sums, activations = nnlib.forward_pass(network, np.array([inputs]))
    output_delta = (activations[2] - target) * nnlib.sigmoid_derivative(sums[1])
    hidden_delta = (output_delta @ network.weights[1]) * nnlib.sigmoid_derivative(sums[0])
    np.testing.assert_allclose(explorer.deltas[1], output_delta[0], rtol=1e-12)
    np.testing.assert_allclose(explorer.deltas[0], hidden_delta[0], rtol=1e-12)
    assert f"δ = {output_delta[0, 0]:.3g}".replace("-", "−") in texts(explorer)[-1]
    cost = 0.5 * (target - activations[2][0, 0]) ** 2
    assert explorer.cost == pytest.approx(cost, rel=1e-12)
    # The readout gives the numbers as the figure does: 3 significant digits, a true minus.
    assert f"cost C = {cost:.3g}" in explorer.readout.value
    assert f"cost C = {cost:.3g}" in explorer.cost_text.get_text()
    said = f"δ(out) = {output_delta[0, 0]:.3g}".replace("-", "−")
    assert said in explorer.readout.value
    assert said.split("= ")[1] in explorer.explanation.get_text()
    for delta in hidden_delta[0]:
        assert f"{delta:.3g}".replace("-", "−") in explorer.readout.value


def test_the_gradients_agree_with_finite_differences(explorer):
    explorer.stage_slider.value = GRADIENTS + 1
    inputs, target = EXAMPLES[explorer.example_menu.value]
    weights, biases = nnlib.check_backward(nnlib.backward_pass, copy(explorer.network),
                                           np.array([inputs]), np.array([[target]]))
    for shown, true in zip(explorer.weight_gradients + explorer.bias_gradients, weights + biases):
        np.testing.assert_allclose(shown, true, rtol=1e-5, atol=1e-9)


@pytest.mark.parametrize("rate", [0.1, 1.0, 5.0])
def test_the_update_is_old_weights_minus_alpha_times_the_gradient(explorer, rate):
    explorer.learning_rate_slider.value = rate
    explorer.stage_slider.value = UPDATE + 1
    assert explorer.learning_rate_slider.value == rate  # held exactly: a round number
    old, new = explorer.network, explorer.new_network
    for layer in range(2):
        np.testing.assert_allclose(new.weights[layer],
                                   old.weights[layer] - rate * explorer.weight_gradients[layer])
        np.testing.assert_allclose(new.biases[layer],
                                   old.biases[layer] - rate * explorer.bias_gradients[layer])
    # The edges are drawn with the new weights, thickness and sign.
    for (layer, j, k), line in explorer.edges.items():
        assert line.get_linewidth() == pytest.approx(
            0.8 + min(abs(new.weights[layer - 1][j, k]), 8.0) * 1.4)
    inputs, target = EXAMPLES[explorer.example_menu.value]
    assert explorer.new_cost == pytest.approx(nnlib.cost(new, [inputs], [target]))
    assert "cost after the update" in explorer.readout.value


def test_next_walks_the_stages_then_takes_the_step_and_lowers_the_cost(explorer):
    costs = []
    for round_ in range(3):
        for stage in range(len(STAGES)):
            assert explorer.stage == stage
            explorer.next_stage()
        costs.append(explorer.cost)
        assert explorer.stage == FORWARD and explorer.updates == round_ + 1
    assert costs[0] > costs[1] > costs[2], costs
    # And by nnlib: the same three updates on the same example.
    network = nnlib.new_network(SIZES, seed=SEED)
    inputs, target = EXAMPLES[explorer.example_menu.value]
    for _ in range(3):
        nnlib.update(network, [inputs], [target], explorer.learning_rate)
    for ours, theirs in zip(explorer.network.weights, network.weights):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12)
    explorer.reset()
    assert explorer.updates == 0 and explorer.stage == FORWARD
    np.testing.assert_array_equal(explorer.network.weights[0],
                                  nnlib.new_network(SIZES, seed=SEED).weights[0])


def test_the_slider_shows_the_stages_numbers_1_to_6_as_the_readout_and_panel_count_them(
        explorer):
    """The slider, the readout and the stage panel all count the stages 1 to 6; the code's
    stage, an index into STAGES, is the slider's number minus 1."""
    slider = explorer.stage_slider
    assert (slider.min, slider.max, slider.value) == (1, len(STAGES), 1)
    for number, name in enumerate(STAGES, 1):
        assert slider.value == number and explorer.stage == number - 1
        assert f"stage {number} of {len(STAGES)}: {name}" in explorer.readout.value
        assert explorer.stage_texts[number - 1].get_text() == f"{number} {name}"
        assert explorer.stage_highlight.get_x() == explorer.stage_places[number - 1][0] - 0.005
        explorer.next_button.click()
    assert slider.value == 1 and explorer.updates == 1, "▶ at stage 6 takes the step, to 1"
    slider.value = 4
    assert explorer.stage == HIDDEN_DELTA and "stage 4 of 6: δ of the hidden layer" in \
        explorer.readout.value
    explorer.set_controls(stage=6)
    assert explorer.stage == UPDATE and explorer.settings["stage"] == 6
    explorer.show("saturated")
    assert slider.value == HIDDEN_DELTA + 1 == 4 and explorer.settings["stage"] == 4
    explorer.reset_button.click()
    assert slider.value == 1


# The edge menu's chain-rule product

@pytest.mark.parametrize("entry", list(PARAMETERS))
def test_the_edge_menus_product_is_the_gradient(explorer, entry):
    explorer.edge_menu.value = entry
    explorer.stage_slider.value = GRADIENTS + 1
    layer, kind, index = PARAMETERS[entry]
    a_in, delta, product, gradient = explorer.product
    gradients = explorer.weight_gradients if kind == "weights" else explorer.bias_gradients
    assert gradient == gradients[layer - 1][index]
    assert product == pytest.approx(gradient, rel=1e-12, abs=1e-18)
    assert delta == explorer.deltas[layer - 1][index[0]]
    if kind == "weights":
        assert a_in == explorer.activations[layer - 1][0, index[1]]
    text = explorer.product_text.get_text()
    assert text.split("\n")[1].endswith(f"= {gradient:.3g}".replace("-", "−")) or \
        gradient == 0, text
    assert text.startswith("∂C/∂" + entry.split(":")[0])


def test_the_halo_marks_the_chosen_edge(explorer):
    explorer.edge_menu.value = "w[1]₂₁: x₁ → h₂"
    xs, ys = explorer.halo.get_data()
    line = explorer.edges[1, 1, 0]
    np.testing.assert_allclose(xs, line.get_xdata())
    np.testing.assert_allclose(ys, line.get_ydata())


# Saturation

def test_scaled_up_weights_saturate_neurons_and_they_are_flagged(explorer):
    assert explorer.saturated == [] and "no neuron saturated" in explorer.readout.value
    explorer.scale_slider.value = 4.0
    assert explorer.saturated, "at 4 times the weights some neuron should saturate"
    for layer, j in explorer.saturated:
        assert explorer.slopes[layer - 1][j] < SATURATED
        text = explorer.node_texts[layer][j]
        assert "saturated" in text.get_text()
        assert text.get_bbox_patch().get_linewidth() > 2
    assert "saturated: " in explorer.readout.value
    assert f"passes back through {'it' if len(explorer.saturated) == 1 else 'them'})" in \
        explorer.readout.value
    # Its δ is tiny: σ′ multiplies it.
    explorer.stage_slider.value = HIDDEN_DELTA + 1
    for layer, j in explorer.saturated:
        assert abs(explorer.deltas[layer - 1][j]) < 0.25 * SATURATED


def test_the_readout_says_it_for_one_saturated_neuron_and_them_for_several(explorer):
    explorer.scale_slider.value = 4.0
    assert explorer.saturated == [(1, 2)], "at weights × 4, h₃ alone is saturated"
    assert "saturated: h₃</b> (σ′ below 0.02: little passes back through it)" in \
        explorer.readout.value
    explorer.scale_slider.value = 10.0
    assert len(explorer.saturated) > 1, explorer.saturated
    assert "little passes back through them)" in explorer.readout.value


# A learner's backward

def halved(network, sums, activations, targets):
    weights, biases = nnlib.backward_pass(network, sums, activations, targets)
    return [w / 2 for w in weights], [b / 2 for b in biases]


def test_a_learners_backward_is_the_one_shown():
    view = BackpropExplorer(backward=halved, name="halved")
    view.stage_slider.value = UPDATE + 1
    right = nnlib_gradients(view.network, view.example_menu.value)
    for shown, true in zip(view.weight_gradients, right[0]):
        np.testing.assert_allclose(shown, true / 2)
    np.testing.assert_allclose(view.deltas[1], right[1][1] / 2)
    assert "δ = " + f"{right[1][1][0] / 2:.3g}".replace("-", "−") in texts(view)[-1]
    np.testing.assert_allclose(view.new_network.weights[1],
                               view.network.weights[1] - view.learning_rate * right[0][1] / 2)


def test_the_readout_says_which_backward_pass_is_drawn():
    """Nothing else on screen tells nnlib's backward from the learner's: the readout says it."""
    view = BackpropExplorer(name="nnlib's")
    assert "backward pass drawn: nnlib.backward_pass" in view.readout.value
    view.close()

    def my_backward(network, sums, activations, targets):
        return nnlib.backward_pass(network, sums, activations, targets)

    view = BackpropExplorer(backward=my_backward, name="the learner's")
    for stage in (FORWARD, UPDATE):
        view.stage_slider.value = stage + 1
        assert "backward pass drawn: your my_backward" in view.readout.value
    view.close()
    view = BackpropExplorer(backward=halved, name="halved")
    assert "backward pass drawn: your halved" in view.readout.value
    view.close()
    view = BackpropExplorer(backward=lambda network, sums, activations, targets:
                            nnlib.backward_pass(network, sums, activations, targets),
                            name="a lambda")
    assert "backward pass drawn: your backward" in view.readout.value
    view.close()


@pytest.mark.parametrize("backward, error, message", [
    (lambda network, sums, activations, targets: None, ValueError, "returned None"),
    (lambda network, sums: None, TypeError, "give it 4 parameters"),
    (lambda network, sums, activations, targets: ([w.T for w in network.weights],
                                                  list(network.biases)),
     ValueError, r"layer 1's weights.*transposed"),
    (lambda network, sums, activations, targets: 3, ValueError, "two lists"),
    ("nnlib.backward_pass", TypeError, "backward must be a function"),
], ids=["no return", "two parameters", "transposed", "a number", "text"])
def test_a_broken_backward_is_refused_clearly_and_opens_no_figure(backward, error, message):
    open_before = len(plt.get_fignums())
    with pytest.raises(error, match=message):
        BackpropExplorer(backward=backward, name="broken")
    assert len(plt.get_fignums()) == open_before


def test_a_backward_that_fails_later_says_so_in_the_view():
    def fails_on_zero(network, sums, activations, targets):
        if not activations[0].any():
            raise ZeroDivisionError("no input")
        return nnlib.backward_pass(network, sums, activations, targets)

    view = BackpropExplorer(backward=fails_on_zero, name="fails later")
    view.stage_slider.value = GRADIENTS + 1
    view.example_menu.value = "(0, 0) → 0"
    assert "your backward fails here" in view.readout.value and "no input" in view.readout.value
    assert "your backward fails here" in view.explanation.get_text()
    view.example_menu.value = "(1, 1) → 0"
    assert "fails here" not in view.readout.value


@pytest.mark.parametrize("arguments, error, message", [
    ({"learning_rate": 0}, ValueError, "the learning rate must be a positive number"),
    ({"learning_rate": "1"}, TypeError, "the learning rate must be a number"),
    ({"learning_rate": 1.234}, ValueError, "the learning rate 1.234 is not one the α slider "
                                           "holds: it holds round numbers of two significant "
                                           "digits from 0.01 to 30"),
    ({"learning_rate": 50}, ValueError, "the learning rate 50 is not one the α slider holds"),
    ({"learning_rate": 0.001}, ValueError, "the learning rate 0.001 is not one the α slider"),
    ({"example": (0.5, 0.5)}, ValueError, "example is (0.5, 0.5); it must be one of XOR's"),
    ({"example": (1, 0, 1)}, ValueError, "example is (1.0, 0.0, 1.0)"),
    ({"seed": -1}, ValueError, "seed must be at least 0"),
    ({"name": 3}, TypeError, "name must be text"),
], ids=["zero rate", "text rate", "rate not round", "rate too large", "rate too small",
        "not XOR", "three inputs", "negative seed", "name number"])
def test_bad_constructor_arguments_are_refused_clearly(arguments, error, message):
    open_before = len(plt.get_fignums())
    with pytest.raises(error, match=re.escape(message)):
        BackpropExplorer(**arguments)
    assert len(plt.get_fignums()) == open_before


@pytest.mark.parametrize("scale", [0.5, 1.0, 2.0, 4.0, 6.0, 10.0])
def test_the_saturation_key_stays_clear_of_the_points_and_their_labels(explorer, scale):
    """The key to the dotted line sits where no neuron's point or label can fall, whatever the
    weights (at × 4, h₃'s label once fell on it)."""
    explorer.scale_slider.value = scale
    explorer.figure.canvas.draw()
    renderer = explorer.figure.canvas.get_renderer()
    key = explorer.curve_axes.get_legend().get_window_extent(renderer)
    labels = [text.get_window_extent(renderer) for text in explorer.curve_labels
              if text.get_text()]
    assert labels
    for label in labels:
        assert not key.overlaps(label), (scale, [t.get_text() for t in explorer.curve_labels])
    points = explorer.curve_axes.transData.transform(np.column_stack(
        explorer.curve_points.get_data()))
    assert not any(key.x0 - 5 <= x <= key.x1 + 5 and key.y0 - 5 <= y <= key.y1 + 5
                   for x, y in points)
    assert not key.overlaps(explorer.curve_axes.title.get_window_extent(renderer))


# Figures: made once, never leaked; blitting paints what a full redraw would

def test_two_hundred_changes_open_no_figure(explorer):
    open_before = len(plt.get_fignums())
    entries, examples = list(PARAMETERS), list(EXAMPLES)
    for k in range(200):
        if k % 10 == 0:
            explorer.edge_menu.value = entries[k % len(entries)]
        elif k % 10 == 3:
            explorer.example_menu.value = examples[k % 4]
        elif k % 10 == 5:
            explorer.learning_rate_slider.value = round(0.1 * (1 + k % 7), 1)
        elif k % 10 == 7:
            explorer.scale_slider.value = 1 + k % 5
        else:
            explorer.next_stage()
    assert len(plt.get_fignums()) == open_before


@pytest.mark.parametrize("gesture", ["stages", "menus", "rate", "scale up, sums far out"])
def test_painting_over_the_background_gives_the_full_redraws_picture(explorer, gesture):
    explorer.figure.canvas.draw()
    full_draws = counting_full_draws(explorer)
    if gesture == "stages":
        for _ in range(14):
            explorer.next_stage()
    elif gesture == "menus":
        for entry, example in zip(PARAMETERS, [*EXAMPLES] * 3):
            explorer.edge_menu.value = entry
            explorer.example_menu.value = example
    elif gesture == "rate":
        explorer.stage_slider.value = UPDATE + 1
        for _, value in explorer.learning_rate_slider.options[::15]:  # 0.01 to 30
            explorer.learning_rate_slider.value = value
    else:
        for value in np.arange(1, 10.5, 0.5):
            explorer.scale_slider.value = value
    if gesture != "scale up, sums far out":
        assert full_draws[0] == 0, "these changes should need no full redraw"
    else:
        assert explorer.curve_axes.get_xlim()[1] > 10, "the σ′ plot should widen"
    painted = pixels(explorer.figure)
    explorer.figure.canvas.draw()
    assert np.array_equal(painted, pixels(explorer.figure))


def test_widget_holds_the_controls_readout_and_errors(explorer):
    everything = widgets_inside(explorer.widget)
    for control in (explorer.stage_slider, explorer.next_button, explorer.example_menu,
                    explorer.learning_rate_slider, explorer.scale_slider, explorer.edge_menu,
                    explorer.reset_button, explorer.readout, explorer.errors):
        assert any(control is w for w in everything)
    assert "role='status'" in explorer.readout.value


def test_every_control_changes_the_figure(explorer):
    """What the browser test asks: each slider moved and each menu entry picked changes the
    picture, whatever stage is shown."""
    explorer.figure.canvas.draw()
    before = pixels(explorer.figure)
    explorer.learning_rate_slider.value = 2.0  # at the forward pass: only α's text changes
    assert not np.array_equal(before, pixels(explorer.figure))
    for control, value in [(explorer.stage_slider, 5), (explorer.scale_slider, 1.5),
                           (explorer.learning_rate_slider, 3.0)]:
        before = pixels(explorer.figure)
        control.value = value
        assert not np.array_equal(before, pixels(explorer.figure)), control.description
    for menu in (explorer.example_menu, explorer.edge_menu):
        for entry in menu.options:
            if entry == menu.value:
                continue
            before = pixels(explorer.figure)
            menu.value = entry
            assert not np.array_equal(before, pixels(explorer.figure)), entry


# The α slider: round numbers, held exactly, the same value the update uses


@pytest.mark.parametrize("rate", [0.01, 0.1, 0.3, 1.0, 2.5, 3.0, 10.0, 30.0])
def test_the_alpha_slider_holds_the_round_numbers_the_text_sets_and_the_update_uses_them(
        explorer, rate):
    explorer.stage_slider.value = UPDATE + 1
    explorer.learning_rate_slider.value = rate
    assert type(explorer.learning_rate_slider.value) is float
    assert explorer.learning_rate == rate
    old, new = explorer.network, explorer.new_network
    np.testing.assert_array_equal(new.weights[1],
                                  old.weights[1] - rate * explorer.weight_gradients[1])
    assert f"α = {rate:g}" in explorer.readout.value


@pytest.mark.parametrize("value", [0.30000000000000004, 3.16, 0.005, 31.0])
def test_the_alpha_slider_refuses_a_value_it_does_not_hold(explorer, value):
    with pytest.raises(traitlets.TraitError):
        explorer.learning_rate_slider.value = value
    assert explorer.learning_rate == 1.0


def test_a_round_rate_given_is_the_sliders_start_and_reset_goes_back_to_it():
    view = BackpropExplorer(learning_rate=2.5, name="rate 2.5")
    assert view.learning_rate_slider.value == 2.5
    view.learning_rate_slider.value = 0.1
    view.reset()
    assert view.learning_rate == 2.5
    view.close()


def test_the_reset_button_brings_back_the_start_from_any_state(explorer):
    explorer.scale_slider.value = 4.0
    explorer.example_menu.value = "(0, 1) → 1"
    explorer.learning_rate_slider.value = 10.0
    for _ in range(8):
        explorer.next_button.click()
    assert explorer.updates == 1
    explorer.reset_button.click()
    assert (explorer.stage, explorer.updates, explorer.learning_rate, explorer.example_menu.value,
            explorer.scale_slider.value) == (FORWARD, 0, 1.0, "(1, 0) → 1", 1.0)
    np.testing.assert_array_equal(explorer.network.weights[0],
                                  nnlib.new_network(SIZES, seed=SEED).weights[0])


def test_after_ten_rounds_the_cost_shows_one_press_later(explorer):
    """Six presses of ▶ take one update and come back to the forward pass, where no cost is
    shown yet; the seventh shows the cost of the new weights."""
    for _ in range(60):
        explorer.next_button.click()
    assert explorer.updates == 10 and explorer.stage == FORWARD
    assert "cost C" not in explorer.readout.value
    explorer.next_button.click()
    assert explorer.stage == COST and f"cost C = {explorer.cost:.3g}" in explorer.readout.value
