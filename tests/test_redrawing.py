"""How the explorers redraw: a small change paints only the moving artists over a saved
background, and what that paints is exactly what a full redraw would."""

import numpy as np
import pytest

from nnlib.explorers import DescentExplorer, SlopeExplorer


def pixels(figure):
    return np.asarray(figure.canvas.buffer_rgba()).copy()


def counting_full_draws(explorer):
    """Count the full redraws the explorer asks for."""
    canvas, count = explorer.figure.canvas, [0]
    draw = canvas.draw

    def counted():
        count[0] += 1
        draw()

    canvas.draw_idle = counted
    return count


@pytest.mark.parametrize("gesture", ["drag W1", "drag α", "play"])
def test_painting_over_the_background_gives_the_full_redraws_picture(gesture):
    explorer = DescentExplorer(name="redraw under test")
    explorer.figure.canvas.draw()
    full_draws = counting_full_draws(explorer)
    slider, values = {
        "drag W1": (explorer.weight_sliders[0], np.linspace(0.3, 4, 25)),
        "drag α": (explorer.learning_rate_slider, np.linspace(0.001, 0.003, 25)),
        "play": (explorer.step_slider, np.arange(0, 2000, 80)),
    }[gesture]
    for value in values:
        slider.value = value
    assert full_draws[0] < len(values) / 2, "most small changes should not redraw everything"
    painted = pixels(explorer.figure)
    explorer.figure.canvas.draw()
    assert np.array_equal(painted, pixels(explorer.figure))


def test_a_change_of_limits_redraws_everything():
    explorer = DescentExplorer(name="redraw under test")
    explorer.figure.canvas.draw()
    full_draws = counting_full_draws(explorer)
    explorer.weight_sliders[2].value = -40  # W3's parabola and path move far out of view
    assert full_draws[0] == 1


def test_the_slope_explorer_never_needs_a_full_redraw():
    view = SlopeExplorer(name="redraw under test")
    view.figure.canvas.draw()
    full_draws = counting_full_draws(view)
    for value in np.linspace(-20, 40, 30):
        view.slider.value = value
    assert full_draws[0] == 0
    painted = pixels(view.figure)
    view.figure.canvas.draw()
    assert np.array_equal(painted, pixels(view.figure))
