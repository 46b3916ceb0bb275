"""The slope explorer, driven from code: one weight on the worked row, its squared miss, the
tangent and the way downhill."""

import numpy as np
import pytest

from nnlib.explorers import SlopeExplorer

ROW, TARGET, HELD = np.array([6.0, 5.0, 5.0]), 13.5, (0.2, 1.4)
BOTTOM = (TARGET - HELD[0] * ROW[0] - HELD[1] * ROW[1]) / ROW[2]  # where the miss is zero: 1.06


def squared_miss(w3):
    return (TARGET - (HELD[0] * ROW[0] + HELD[1] * ROW[1] + w3 * ROW[2])) ** 2


@pytest.fixture
def view():
    return SlopeExplorer(name="slope explorer under test")


@pytest.mark.parametrize("w3", [-20.0, -3.5, BOTTOM + 0.3, 12.0, 30.0, 40.0])
def test_the_point_is_on_the_parabola_and_the_tangent_has_its_slope(view, w3):
    view.slider.value = w3
    (x,), (e,) = view.point.get_data()
    assert x == w3 and np.isclose(e, squared_miss(w3))
    (x0, x1), (y0, y1) = view.tangent.get_data()
    h = 1e-4
    finite_difference = (squared_miss(w3 + h) - squared_miss(w3 - h)) / (2 * h)
    assert np.isclose((y1 - y0) / (x1 - x0), finite_difference, rtol=1e-6)


def test_the_plain_miss_is_shown_too(view):
    view.slider.value = 12.0
    (x,), (miss,) = view.raw_point.get_data()
    assert np.isclose(miss, TARGET - (HELD[0] * ROW[0] + HELD[1] * ROW[1] + 12.0 * ROW[2]))


@pytest.mark.parametrize("w3, way, marker", [(30.0, "left", "<"), (-10.0, "right", ">")])
def test_downhill_points_against_the_slope(view, w3, way, marker):
    view.slider.value = w3
    assert f"downhill is {way}" in view.readout.value
    assert view.downhill.get_marker() == marker
    (x,), _ = view.downhill.get_data()
    assert (x < w3) == (way == "left")


def test_at_the_bottom_there_is_no_way_down(view):
    view.slider.value = BOTTOM
    assert "downhill is nowhere" in view.readout.value
    assert not view.downhill.get_visible()


def test_the_readout_states_the_blind_guess(view):
    # Changed on purpose: the notebook writes the output z throughout, so the readout does too.
    assert "z = 158.20" in view.readout.value and "slope ∂E/∂W3 = 1447" in view.readout.value


# The bottom of this parabola is not the true W3 = 1.2: W1 and W2 are held at the blind guess.

def test_the_bottom_is_marked_where_the_held_weights_put_it(view):
    assert BOTTOM == pytest.approx(1.06)
    assert view.bottom == pytest.approx(BOTTOM)
    for line in view.bottom_lines:
        np.testing.assert_allclose(line.get_xdata(), [BOTTOM, BOTTOM])
    assert "the bottom is at W3 = 1.06" in view.readout.value
    assert "W3 = 1.06" in view.key()


def test_at_the_true_w3_downhill_is_still_left_because_the_others_are_wrong(view):
    view.slider.value = 1.2
    assert "downhill is left" in view.readout.value
    assert "the bottom is at W3 = 1.06" in view.readout.value


def test_other_held_weights_move_the_bottom():
    right = SlopeExplorer(held=(0.5, 0.9), name="held at the true weights")
    assert right.bottom == pytest.approx(1.2)
    right.slider.value = 1.2
    assert "downhill is nowhere" in right.readout.value
    right.close()


def test_the_readout_writes_the_squared_miss_out(view):
    assert "squared 20938 ·" in view.readout.value and "e+" not in view.readout.value
