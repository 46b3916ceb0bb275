"""Notebook 05's explorer, driven from code: pick test images and check the bars against the
network's outputs; draw on the pad through the events the browser sends, and check the image
the network reads and its answer."""

import re
import threading
import time

import ipycanvas.canvas
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from ipycanvas.canvas import COMMANDS

import nnlib
from nnlib.digits import mnist_from_drawing, small_digit_from_drawing
from nnlib.explorers import DigitsExplorer
from nnlib.explorers.base import PALETTE
from nnlib.explorers.digits import (DRAWINGS_TO_TRY, PAD_SIZE, line_stroke, oval_stroke)
from drawing import counting_full_draws, pixels, widgets_inside

ANGLES = np.linspace(0, 2 * np.pi, 61)
ONE = [[(140.0, y) for y in np.linspace(40, 240, 41)]]  # a vertical stroke, 200 tall
ZERO = [list(zip(140 + 70 * np.sin(ANGLES), 140 - 95 * np.cos(ANGLES)))]  # an oval
HALF = 0.5 + 1e-9


@pytest.fixture(scope="module")
def small_set():
    images, labels = nnlib.small_digits()
    return images, labels


@pytest.fixture(scope="module")
def small_network(small_set):
    """64-30-10, trained on the small set: about 2 seconds. Drawn as in ONE and ZERO, a 1 and a
    0 are answered right by the networks of seeds 0 to 9 alike (measured: 10 of 10 each, their
    outputs about 0.93 and 1.0 on average)."""
    images, labels = small_set
    network = nnlib.new_network([64, 30, 10], seed=0)
    nnlib.train(network, images.reshape(-1, 64), nnlib.one_hot(labels, 10), epochs=30,
                learning_rate=3.0, batch_size=10, seed=0)
    return network


@pytest.fixture
def explorer(small_network, small_set):
    return DigitsExplorer(small_network, *small_set, name="digits under test")


@pytest.fixture
def mnist_sized():
    """A tiny random network that reads 28 × 28 images, and twelve random such images."""
    rng = np.random.default_rng(5)
    images = rng.uniform(0, 1, (12, 28, 28)) * (rng.uniform(0, 1, (12, 28, 28)) > 0.8)
    return nnlib.new_network([784, 6, 10], seed=1, scale=0.1), images, rng.integers(0, 10, 12)


def send(explorer, event, x=None, y=None, **content):
    """A message from the browser's pad, as ipycanvas's frontend sends it."""
    if x is not None:
        content.update(x=x, y=y)
    explorer.pad._handle_frontend_event(None, {"event": event, **content}, [])


def draw(explorer, strokes):
    """Draw each stroke with the mouse: down at its first point, moves, up at its last."""
    for stroke in strokes:
        send(explorer, "mouse_down", *stroke[0])
        for point in stroke[1:]:
            send(explorer, "mouse_move", *point)
        send(explorer, "mouse_up", *stroke[-1])


def heights(explorer):
    return np.array([bar.get_height() for bar in explorer.bars])


def centre_of_mass(image):
    rows, columns = np.indices(image.shape)
    return (rows * image).sum() / image.sum(), (columns * image).sum() / image.sum()


@pytest.fixture
def canvas_commands(monkeypatch):
    """The drawing commands ipycanvas sends to the browser, by canvas, as (name, arguments)."""
    manager, sent = ipycanvas.canvas._CANVAS_MANAGER, []
    names = {number: name for name, number in COMMANDS.items()}
    send_command = manager.send_command

    def recording(canvas, command, buffers=[]):
        sent.append((canvas, names[command[0]], command[1]))
        return send_command(canvas, command, buffers)

    monkeypatch.setattr(manager, "send_command", recording)
    return sent


# Test images: the bars are the network's outputs

@pytest.mark.parametrize("index", [0, 1, 17, 500, 1796])
def test_the_bars_are_the_networks_outputs_for_the_picked_image(explorer, small_network,
                                                                small_set, index):
    images, labels = small_set
    explorer.image_slider.value = index
    expected = nnlib.network_output(small_network, images[index].reshape(1, 64))[0]
    np.testing.assert_allclose(heights(explorer), expected, rtol=1e-12)
    np.testing.assert_array_equal(explorer.test_picture.get_array(), images[index])
    answer = int(np.argmax(expected))
    assert explorer.answer == answer
    colours = [bar.get_facecolor() for bar in explorer.bars]
    assert len({colours[answer]} & {c for k, c in enumerate(colours) if k != answer}) == 0
    assert explorer.answer_text.get_text() == f"{expected[answer]:.2f}"
    assert f"test image {index}: label {labels[index]}" == explorer.test_title.get_text()
    assert explorer.bar_title.get_text() == f"outputs for test image {index}"
    readout = explorer.readout.value
    assert f"answers {answer} ({expected[answer]:.2f} sure); the label is {labels[index]}" \
        in readout and "role='status'" in readout
    assert ("✓ right" in readout) == (answer == labels[index])
    assert list(explorer.label_mark.get_xdata()) == [labels[index]]


def test_the_28_by_28_path_shows_the_outputs_of_a_784_input_network(mnist_sized):
    network, images, labels = mnist_sized
    view = DigitsExplorer(network, images, labels, name="28 × 28")
    for index in (0, 5, 11):
        view.image_slider.value = index
        expected = nnlib.network_output(network, images[index].reshape(1, -1))[0]
        np.testing.assert_allclose(heights(view), expected, rtol=1e-12)
        assert view.test_picture.get_array().shape == (28, 28)
    assert view.image_slider.max == 11


def test_images_may_be_flat_rows(small_network, small_set):
    images, labels = small_set
    view = DigitsExplorer(small_network, images.reshape(-1, 64)[:50], labels[:50], name="flat")
    view.image_slider.value = 7
    np.testing.assert_array_equal(view.test_picture.get_array(), images[7])


# Going to the mistakes: buttons, and a number typed

def test_the_mistakes_are_the_images_the_network_reads_wrong(explorer, small_network, small_set):
    images, labels = small_set
    answers = nnlib.network_output(small_network, images.reshape(-1, 64)).argmax(axis=1)
    np.testing.assert_array_equal(explorer.mistakes, np.flatnonzero(answers != labels))
    assert 3 <= len(explorer.mistakes) < 100, "a few, to step through"
    assert explorer.mistakes_note.value == \
        f"the network reads {len(explorer.mistakes)} of the 1,797 images wrong"


def test_next_mistake_steps_through_every_mistake_in_order_and_goes_round(explorer, small_set):
    _, labels = small_set
    mistakes, count = explorer.mistakes, len(explorer.mistakes)
    explorer.image_slider.value = 0
    for place, k in enumerate(mistakes, start=1):
        explorer.next_mistake_button.click()
        assert explorer.image_slider.value == k and explorer.image_number.value == k
        assert explorer.answer != labels[k]
        assert f"✗ wrong: mistake {place} of {count})" in explorer.readout.value
        assert explorer.bar_title.get_text() == f"outputs for test image {k}"
    explorer.next_mistake_button.click()  # from the last: round to the first
    assert explorer.image_slider.value == mistakes[0]
    assert f"mistake 1 of {count})" in explorer.readout.value


def test_previous_mistake_steps_back_and_goes_round(explorer):
    mistakes, count = explorer.mistakes, len(explorer.mistakes)
    explorer.image_slider.value = int(mistakes[2])
    explorer.previous_mistake_button.click()
    assert explorer.image_slider.value == mistakes[1]
    assert f"mistake 2 of {count})" in explorer.readout.value
    explorer.image_slider.value = int(mistakes[0])
    explorer.previous_mistake_button.click()  # before the first: round to the last
    assert explorer.image_slider.value == mistakes[-1]
    assert f"mistake {count} of {count})" in explorer.readout.value


def test_from_an_image_read_right_the_buttons_go_to_the_nearest_mistakes(explorer):
    mistakes = explorer.mistakes
    between = int(mistakes[1]) - 1 if mistakes[1] - mistakes[0] > 1 else int(mistakes[1]) + 1
    assert explorer.mistake_number(between) is None
    explorer.image_slider.value = between
    assert "✓ right" in explorer.readout.value and "mistake" not in explorer.readout.value
    explorer.next_mistake_button.click()
    assert explorer.image_slider.value == mistakes[mistakes > between][0]
    explorer.image_slider.value = between
    explorer.previous_mistake_button.click()
    assert explorer.image_slider.value == mistakes[mistakes < between][-1]


def test_a_number_typed_in_the_box_shows_that_image(explorer, small_network, small_set):
    images, labels = small_set
    explorer.image_number.value = 1247
    assert explorer.image_slider.value == 1247
    expected = nnlib.network_output(small_network, images[1247].reshape(1, 64))[0]
    np.testing.assert_allclose(heights(explorer), expected, rtol=1e-12)
    assert explorer.test_title.get_text() == f"test image 1247: label {labels[1247]}"
    explorer.image_slider.value = 30
    assert explorer.image_number.value == 30, "the box follows the slider"
    explorer.image_number.value = 5000  # past the last image: the box holds the last
    assert explorer.image_number.value == explorer.image_slider.value == 1796


def test_the_mistake_buttons_on_a_28_by_28_set(mnist_sized):
    network, images, labels = mnist_sized
    view = DigitsExplorer(network, images, labels, name="28 × 28 mistakes")
    answers = nnlib.network_output(network, images.reshape(12, -1)).argmax(axis=1)
    wrong = np.flatnonzero(answers != labels)
    view.image_slider.value = 11
    view.next_mistake_button.click()
    assert view.image_slider.value == wrong[0]
    view.previous_mistake_button.click()
    assert view.image_slider.value == wrong[-1]
    assert f"mistake {len(wrong)} of {len(wrong)})" in view.readout.value
    view.close()


def test_with_no_mistakes_the_buttons_are_disabled_and_do_nothing(small_network, small_set):
    images, _ = small_set
    answers = nnlib.network_output(small_network, images.reshape(-1, 64)).argmax(axis=1)
    view = DigitsExplorer(small_network, images, answers, name="no mistakes")
    assert not len(view.mistakes)
    assert view.next_mistake_button.disabled and view.previous_mistake_button.disabled
    view.image_slider.value = 40
    view.next_mistake()
    view.previous_mistake()
    assert view.image_slider.value == 40 and "✓ right" in view.readout.value
    assert view.mistakes_note.value == "the network reads 0 of the 1,797 images wrong"
    view.close()


def test_the_controls_are_keyboard_operable_and_named(explorer):
    """Buttons and a number box: a browser focuses each with Tab, presses a button with Enter or
    Space, and takes a typed number with Enter; each says what it does."""
    for button in (explorer.previous_mistake_button, explorer.next_mistake_button):
        assert isinstance(button, widgets.Button) and not button.disabled
        assert "mistake" in button.description and button.tooltip
    box = explorer.image_number
    assert isinstance(box, widgets.BoundedIntText) and box.description == "number"
    assert (box.min, box.max) == (explorer.image_slider.min, explorer.image_slider.max)
    rows = explorer.controls()
    assert rows == [[explorer.image_slider, explorer.image_number],
                    [explorer.previous_mistake_button, explorer.next_mistake_button,
                     explorer.mistakes_note]]


def test_the_network_reads_the_image_as_it_was_trained(small_set):
    """A network made to answer the label of the image it reads: pixel (row 0, column 3) for
    a 1, the others 0. Row by row, as the images were flattened for training."""
    images, labels = small_set
    network = nnlib.new_network([64, 10], seed=0)
    network.weights[0][:] = 0
    network.weights[0][1, 3] = 20.0  # output 1 reads row 0, column 3
    network.biases[0][:] = -5
    view = DigitsExplorer(network, images, labels, name="reads")
    image = images[0]
    expected = nnlib.sigmoid(20.0 * image[0, 3] - 5)
    assert heights(view)[1] == pytest.approx(expected)


# Drawing on the pad

def test_a_1_drawn_on_the_pad_is_read_and_answered(explorer, small_network):
    draw(explorer, ONE)
    assert explorer.strokes == [[tuple(point) for point in ONE[0]]]
    np.testing.assert_array_equal(explorer.drawn_image, small_digit_from_drawing(ONE))
    np.testing.assert_array_equal(explorer.drawn_picture.get_array(), explorer.drawn_image)
    expected = nnlib.network_output(small_network, explorer.drawn_image.reshape(1, 64))[0]
    np.testing.assert_allclose(heights(explorer), expected, rtol=1e-12)
    assert explorer.answer == 1
    assert f"your drawing</b>: answers 1 ({expected[1]:.2f} sure)" in explorer.readout.value
    assert explorer.bar_title.get_text() == "outputs for your drawing"
    assert len(explorer.label_mark.get_xdata()) == 0, "no label for a drawing"


def test_draw_draws_as_the_mouse_does(small_network, small_set):
    by_mouse = DigitsExplorer(small_network, *small_set, name="by mouse")
    draw(by_mouse, ZERO + ONE)
    by_code = DigitsExplorer(small_network, *small_set, name="by code")
    by_code.draw(ZERO + ONE)
    assert by_code.strokes == by_mouse.strokes and not by_code.pen_down
    np.testing.assert_array_equal(by_code.drawn_image, by_mouse.drawn_image)
    np.testing.assert_array_equal(by_code.outputs, by_mouse.outputs)
    with pytest.raises(ValueError, match=re.escape("strokes[0] is one point (140.0, 40.0), not a stroke")):
        by_code.draw([(140, 40)])
    by_mouse.close()
    by_code.close()


def test_a_0_drawn_on_the_pad_is_answered_0(explorer):
    draw(explorer, ZERO)
    assert explorer.answer == 0
    assert "answers 0" in explorer.readout.value


def test_the_28_by_28_path_centres_a_blob_drawn_in_a_corner(mnist_sized):
    network, images, labels = mnist_sized
    view = DigitsExplorer(network, images, labels, name="blob")
    blob = [[(15, 15), (40, 20), (30, 45), (18, 30)]]
    draw(view, blob)
    read = view.drawn_image
    assert read.shape == (28, 28)
    np.testing.assert_array_equal(read, mnist_from_drawing(blob))
    row, column = centre_of_mass(read)
    assert abs(row - 14) <= HALF and abs(column - 14) <= HALF
    rows, columns = np.flatnonzero(read.any(axis=1)), np.flatnonzero(read.any(axis=0))
    assert rows[-1] - rows[0] < 20 + 1 and columns[-1] - columns[0] < 20 + 1
    expected = nnlib.network_output(network, read.reshape(1, -1))[0]
    np.testing.assert_allclose(heights(view), expected, rtol=1e-12)
    assert view.centre_mark.get_xdata()[0] == 14 and view.centre_mark.get_ydata()[0] == 14
    assert view.centre_mark.get_visible()
    view.clear()
    assert not view.centre_mark.get_visible(), "no mark over 'draw a digit'"


def test_the_key_places_the_red_cross_truly(mnist_sized, explorer):
    """MNIST puts the centre of mass on pixel (14, 14), counted from 0: half a pixel off the
    exact centre of 28 pixels, 13.5. The key says so; the small set's explorer has no cross."""
    network, images, labels = mnist_sized
    key = DigitsExplorer(network, images, labels, name="key").key()
    assert "pixel (14, 14), counted from 0" in key and "(13.5, 13.5)" in key
    assert "centre of the 28 × 28 image" not in key
    assert "(14, 14)" not in explorer.key()


def test_line_and_oval_strokes_are_the_points_a_mouse_sends():
    line = line_stroke((10, 20), (10, 80), points=7)
    assert len(line) == 7 and line[0] == (10, 20) and line[-1] == (10, 80)
    assert all(x == 10 for x, y in line) and np.all(np.diff([y for x, y in line]) == 10)
    ring = oval_stroke((140, 140), 200, 100, points=5)  # top, right, bottom, left, top
    np.testing.assert_allclose(ring, [(140, 90), (240, 140), (140, 190), (40, 140), (140, 90)],
                               atol=1e-9)
    arc = oval_stroke((140, 170), 100, 60, np.pi / 2, 3 * np.pi / 2, 3)  # right, bottom, left
    np.testing.assert_allclose(arc, [(190, 170), (140, 200), (90, 170)], atol=1e-9)


def test_read_drawing_wipes_the_pad_draws_and_answers(explorer, small_network):
    draw(explorer, ZERO)
    answer, output = explorer.read_drawing(ONE)
    assert explorer.strokes == [[(float(x), float(y)) for x, y in ONE[0]]], "the 0 was wiped"
    expected = nnlib.network_output(small_network, explorer.drawn_image.reshape(1, -1))[0]
    assert answer == explorer.answer == int(np.argmax(expected)) == 1
    assert output == pytest.approx(expected[answer]) and output == heights(explorer).max()


@pytest.mark.parametrize("name", list(DRAWINGS_TO_TRY))
def test_each_drawing_to_try_leaves_ink_in_the_image_read(mnist_sized, name):
    """The notebook's list of drawings, as its check draws them: each is a drawing the pad takes,
    the 1s are tall and thin, and the tiny 1 is a fifth of the pad's height."""
    network, images, labels = mnist_sized
    view = DigitsExplorer(network, images, labels, name="to try")
    strokes = DRAWINGS_TO_TRY[name]
    view.read_drawing(strokes)
    assert view.drawn_image is not None and view.drawn_image.any()
    points = np.concatenate([np.asarray(stroke, dtype=float) for stroke in strokes])
    assert points.min() >= 0 and points.max() <= PAD_SIZE
    height = np.ptp(points[:, 1])
    if "1" in name:
        assert np.ptp(points[:, 0]) == 0
        assert height == {"a 1 down the middle": 200, "a 1 half as tall, in a corner": 100,
                          "a tiny 1": 56}[name]
    view.close()


def test_the_stroke_appears_on_the_pad_as_the_mouse_moves(explorer, canvas_commands):
    send(explorer, "mouse_down", 100, 50)
    assert [(name, args) for canvas, name, args in canvas_commands
            if canvas is explorer.pad][-1] == ("fillCircle", [100, 50, explorer_radius()])
    for y in (60, 70, 80):
        canvas_commands.clear()
        send(explorer, "mouse_move", 100, y)
        lines = [args for canvas, name, args in canvas_commands
                 if canvas is explorer.pad and name == "strokeLine"]
        assert lines == [[100.0, y - 10.0, 100.0, float(y)]], "one segment, sent at once"
    send(explorer, "mouse_up", 100, 80)


def explorer_radius():
    from nnlib.digits import PEN_WIDTH

    return PEN_WIDTH / 2


def test_the_pad_is_painted_white_with_a_round_black_pen(explorer, canvas_commands):
    explorer.clear()
    sets = {args[0]: args[1] for canvas, name, args in canvas_commands
            if canvas is explorer.pad and name == "set"}
    attributes = explorer.pad.ATTRS
    assert sets[attributes["stroke_style"]] == PALETTE["black"]
    assert sets[attributes["line_cap"]] == "round"
    assert sets[attributes["line_width"]] == explorer_radius() * 2
    assert ("fillRect", [0, 0, PAD_SIZE, PAD_SIZE]) in [
        (name, args) for canvas, name, args in canvas_commands if canvas is explorer.pad]
    assert explorer.pad.width == explorer.pad.height == PAD_SIZE


def test_moves_without_the_button_down_draw_nothing(explorer, canvas_commands):
    for x in range(20, 200, 10):
        send(explorer, "mouse_move", x, 100)
    assert not explorer.strokes and explorer.drawn_image is None
    assert not [name for canvas, name, _ in canvas_commands if canvas is explorer.pad]


def test_hovering_over_the_pad_is_dropped_without_waiting_for_the_lock(explorer):
    """Moves with the button up come all the time: they neither wait for the explorer's lock
    nor run its guarded handler."""
    holding, release = threading.Event(), threading.Event()

    def hold():
        with explorer._lock:
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    try:
        started = time.monotonic()
        for x in range(20, 200, 10):
            send(explorer, "mouse_move", x, 100)
        assert time.monotonic() - started < 1
    finally:
        release.set()
        holder.join(5)
    assert not explorer.strokes


def test_leaving_the_pad_ends_the_stroke(explorer):
    send(explorer, "mouse_down", 140, 40)
    send(explorer, "mouse_move", 140, 200)
    send(explorer, "mouse_out", 140, 279)
    assert not explorer.pen_down and explorer.strokes[-1][-1] == (140, 279)
    send(explorer, "mouse_move", 20, 20)  # back over the pad, the button up
    assert explorer.strokes == [[(140, 40), (140, 200), (140, 279)]]
    assert explorer.answer == 1


def test_a_click_makes_a_dot(explorer):
    send(explorer, "mouse_down", 150, 150)
    send(explorer, "mouse_up", 150, 150)
    assert explorer.strokes == [[(150, 150)]]
    assert explorer.drawn_image.any()


def test_touches_draw_like_the_mouse(explorer):
    send(explorer, "touch_start", touches=[{"x": 140, "y": 40}])
    for y in np.linspace(45, 240, 40):
        send(explorer, "touch_move", touches=[{"x": 140, "y": y}])
    send(explorer, "touch_end", touches=[])
    assert not explorer.pen_down and len(explorer.strokes[0]) == 41
    assert explorer.answer == 1


def test_strokes_add_up_and_the_image_follows(explorer):
    plus = [[(140, 60), (140, 220)], [(60, 140), (220, 140)]]
    draw(explorer, plus)
    assert len(explorer.strokes) == 2
    np.testing.assert_array_equal(explorer.drawn_image, small_digit_from_drawing(plus))


def test_classifying_while_drawing_is_throttled(explorer):
    """A fast mouse: a move every few milliseconds. The drawing is classified at most every
    `classify_every` seconds as it moves, and once more when the button is let go."""
    refreshes = []
    refresh = explorer.refresh
    explorer.refresh = lambda: (refreshes.append(time.monotonic()), refresh())
    started = time.monotonic()
    send(explorer, "mouse_down", 140, 40)
    moves = 0
    while time.monotonic() - started < 0.3:
        send(explorer, "mouse_move", 140, 40 + moves % 200)
        moves += 1
        time.sleep(0.002)
    during = len(refreshes)
    assert moves > 40
    assert 2 <= during <= 1 + 0.3 / explorer.classify_every + 1
    assert np.all(np.diff(refreshes) >= explorer.classify_every * 0.9)
    send(explorer, "mouse_up", 140, 240)
    assert len(refreshes) == during + 1, "the whole stroke is classified on mouse up"


def test_the_bars_follow_the_drawing_while_it_is_drawn(explorer):
    explorer.classify_every = 0  # every move
    send(explorer, "mouse_down", 140, 40)
    seen = set()
    for y in np.linspace(45, 240, 30):
        send(explorer, "mouse_move", 140, y)
        np.testing.assert_array_equal(explorer.drawn_image,
                                      small_digit_from_drawing(explorer.strokes))
        seen.add(tuple(heights(explorer).round(6)))
    assert len(seen) > 5, "the outputs change as the stroke grows"


def test_an_empty_pad_reads_nothing_and_says_draw_a_digit(explorer):
    assert explorer.drawn_image is None and not explorer.strokes
    assert not explorer.drawn_picture.get_array().any()
    assert not explorer.drawn_picture.get_visible(), "it shows the note under it"
    assert "draw a digit" in explorer.drawn_axes_note.get_text()
    assert "draw a digit on the pad" in explorer.readout.value
    draw(explorer, ONE)
    assert explorer.drawn_picture.get_visible()
    assert explorer.drawn_picture.get_zorder() > explorer.drawn_axes_note.get_zorder() or \
        explorer.drawn_picture.get_animated(), "the drawing hides the note"


def test_clear_empties_the_pad_and_shows_the_test_image_again(explorer, small_network,
                                                              small_set, canvas_commands):
    images, _ = small_set
    explorer.image_slider.value = 3
    draw(explorer, ZERO)
    assert explorer.drawn_image.any()
    canvas_commands.clear()
    explorer.clear_button.click()
    assert not explorer.strokes and not explorer.picture.any()
    assert explorer.drawn_image is None and not explorer.drawn_picture.get_array().any()
    assert not explorer.drawn_picture.get_visible()
    expected = nnlib.network_output(small_network, images[3].reshape(1, 64))[0]
    np.testing.assert_allclose(heights(explorer), expected, rtol=1e-12)
    assert explorer.bar_title.get_text() == "outputs for test image 3"
    names = [name for canvas, name, _ in canvas_commands if canvas is explorer.pad]
    assert names[:2] == ["clear", "set"] and "fillRect" in names, "wiped and painted white"
    draw(explorer, ONE)  # and the pad draws again
    assert explorer.answer == 1


def test_picking_an_image_while_a_drawing_shows_keeps_the_drawings_bars(explorer):
    draw(explorer, ONE)
    before = heights(explorer)
    explorer.image_slider.value = 9
    np.testing.assert_array_equal(heights(explorer), before)
    assert explorer.test_title.get_text().startswith("test image 9")
    assert "Clear to see test image 9 again" in explorer.readout.value


def test_a_page_opened_again_gets_the_drawing_painted_again(explorer, canvas_commands):
    draw(explorer, [ONE[0], [(200, 200)]])
    canvas_commands.clear()
    send(explorer, "client_ready")
    sent = [(name, args) for canvas, name, args in canvas_commands if canvas is explorer.pad]
    names = [name for name, _ in sent]
    assert names[0] == "clear" and "fillRect" in names
    assert "strokeLines" in names  # the 1, in one command
    assert ("fillCircle", [200, 200, explorer_radius()]) in sent  # the dot


def test_the_pads_handlers_hold_the_explorers_lock(explorer):
    """JupyterLab may deliver the pad's messages on another thread than a slider's: they wait
    for the explorer's lock."""
    done = threading.Event()

    def press():
        send(explorer, "mouse_down", 140, 40)
        done.set()

    with explorer._lock:
        thread = threading.Thread(target=press)
        thread.start()
        assert not done.wait(0.2), "the handler ran while another held the lock"
        assert not explorer.strokes
    thread.join(5)
    assert done.is_set() and explorer.strokes == [[(140, 40)]]


# Bad arguments: refused before any figure opens

def bad_arguments(small_network, small_set):
    images, labels = small_set
    wide = nnlib.new_network([784, 5, 10])
    return {
        "not a network": (dict(network="my network"), TypeError,
                          "network must be a Network, like nnlib.new_network"),
        "None": (dict(network=None), TypeError, "network must be a Network"),
        "3 outputs": (dict(network=nnlib.new_network([64, 5, 3])), ValueError,
                      "the network has 3 outputs; to classify digits it needs 10"),
        "2 inputs": (dict(network=nnlib.new_network([2, 5, 10])), ValueError,
                     "the network reads 2 inputs, but the drawing pad makes images of 28 × 28"),
        "8x8 images, 784 inputs": (dict(network=wide), ValueError,
                                   "images are 8 × 8 pixels, but the network reads 784 inputs"),
        "one image": (dict(images=images[0]), ValueError,
                      "images has shape (8, 8): give images (count, 8, 8)"),
        "labels short": (dict(labels=labels[:10]), ValueError,
                         "there are 1797 images but 10 labels"),
        "label 10": (dict(labels=np.where(np.arange(1797) == 4, 10, labels)), ValueError,
                     "labels[4] is 10: a label is the digit shown, a whole number from 0 to 9"),
        "label 2.5": (dict(labels=np.where(np.arange(1797) == 0, 2.5, labels)), ValueError,
                      "labels[0] is 2.5"),
        "0 to 16": (dict(images=images * 16), ValueError,
                    "images has values from 0 to 16, but grey levels go from 0 (no ink) to 1 "
                    "(ink), as a network trained on MNIST or the small digits reads them: "
                    "divide them by 16"),
        "NaN": (dict(images=np.where(np.arange(64).reshape(8, 8) == 9, np.nan, images)),
                ValueError, "images[0, 1, 1] is NaN"),
        "text labels": (dict(labels=["one"] * 1797), TypeError, "labels[0] is the text 'one'"),
        "one-hot labels": (dict(labels=nnlib.one_hot(labels, 10)), ValueError,
                           "labels has shape (1797, 10), one row of 10 per image (one-hot"),
        "name": (dict(name=5), TypeError, "name must be text"),
    }


BAD = ["not a network", "None", "3 outputs", "2 inputs", "8x8 images, 784 inputs", "one image",
       "labels short", "label 10", "label 2.5", "0 to 16", "NaN", "text labels", "one-hot labels",
       "name"]


@pytest.mark.parametrize("case", BAD)
def test_bad_arguments_are_refused_clearly_and_open_no_figure(small_network, small_set, case):
    images, labels = small_set
    changes, error, message = bad_arguments(small_network, small_set)[case]
    arguments = {**dict(network=small_network, images=images, labels=labels), **changes}
    open_before = len(plt.get_fignums())
    with pytest.raises(error, match=re.escape(message)):
        DigitsExplorer(**arguments)
    assert len(plt.get_fignums()) == open_before


# Figures and widgets

def test_two_hundred_changes_open_no_figure(explorer):
    open_before = len(plt.get_fignums())
    for k in range(200):
        if k % 50 == 25:
            explorer.clear()
        elif k % 5:
            explorer.image_slider.value = (k * 37) % 1797
        else:
            draw(explorer, [[(100 + k % 50, 60), (120, 200)]])
    assert len(plt.get_fignums()) == open_before


@pytest.mark.parametrize("gesture", ["pick images", "draw", "draw then clear"])
def test_painting_over_the_background_gives_the_full_redraws_picture(explorer, gesture):
    explorer.figure.canvas.draw()
    full_draws = counting_full_draws(explorer)
    if gesture == "pick images":
        for index in range(0, 1797, 97):
            explorer.image_slider.value = index
    else:
        explorer.classify_every = 0
        draw(explorer, ZERO)
        if gesture == "draw then clear":
            explorer.clear()
    assert full_draws[0] == 0, "no full redraw: the moving artists are painted over"
    painted = pixels(explorer.figure)
    explorer.figure.canvas.draw()
    assert np.array_equal(painted, pixels(explorer.figure))


def test_the_widget_holds_the_pad_beside_the_figure(explorer):
    everything = widgets_inside(explorer.widget)
    for control in (explorer.image_slider, explorer.image_number, explorer.next_mistake_button,
                    explorer.previous_mistake_button, explorer.pad, explorer.clear_button,
                    explorer.readout, explorer.errors):
        assert any(control is w for w in everything)
    beside = [w for w in everything if isinstance(w, widgets.HBox)
              and any(explorer.pad in widgets_inside(child) for child in w.children)
              and len(w.children) == 2]
    assert beside, "the pad and the figure in one row"
    assert "role='status'" in explorer.readout.value
    assert "the network's answer" in widgets_inside(explorer.widget)[-2].value  # the key


def test_close_closes_the_pad_but_not_ipycanvass_shared_manager(small_network, small_set):
    manager = ipycanvas.canvas._CANVAS_MANAGER
    view = DigitsExplorer(small_network, *small_set, name="closing")
    view.widget  # displayed
    pad, button, slider = view.pad, view.clear_button, view.image_slider
    box, step = view.image_number, view.next_mistake_button
    view.close()
    assert pad.comm is None and button.comm is None and slider.comm is None
    assert box.comm is None and step.comm is None
    assert manager.comm is not None, "every canvas of the kernel draws through it"
    again = DigitsExplorer(small_network, *small_set, name="closing")
    draw(again, ONE)
    assert again.answer == 1 and again.pad.comm is not None


def test_making_it_again_closes_the_earlier_pad(small_network, small_set):
    first = DigitsExplorer(small_network, *small_set, name="again")
    open_figures = len(plt.get_fignums())
    second = DigitsExplorer(small_network, *small_set, name="again")
    assert first.pad.comm is None and second.pad.comm is not None
    assert len(plt.get_fignums()) == open_figures


def test_with_ipympl_the_figure_is_the_canvas_beside_the_pad(small_network, small_set):
    plt.switch_backend("module://ipympl.backend_nbagg")
    try:
        view = DigitsExplorer(small_network, *small_set, name="ipympl")
        assert isinstance(view.figure.canvas, widgets.DOMWidget)
        assert any(view.figure.canvas is w for w in widgets_inside(view.widget))
        draw(view, ZERO)
        assert view.answer == 0 and not view.errors.outputs
        view.close()
        assert view.pad.comm is None and view.figure.canvas.comm is None
    finally:
        plt.switch_backend("Agg")
