"""A digit drawn with the mouse, made into what a network reads: the pad's grey picture, MNIST's
28 × 28 image centred by the ink's centre of mass, and the small set's 8 × 8 counts of a 32 × 32
bitmap; bad drawings refused in words."""

import os
import re
from pathlib import Path

import numpy as np
import pytest

from nnlib import digits
from nnlib.digits import (centre_like_mnist, count_like_small_digits, draw_strokes,
                          mnist_from_drawing, paint_stroke, small_digit_from_drawing)

SHARED_MNIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"
MNIST_DIR = Path(os.environ.get("NNLIB_DATA_DIR", SHARED_MNIST))

HALF = 0.5 + 1e-9  # half a pixel: an image is moved by whole pixels, so up to ½ is left

ANGLES = np.linspace(0, 2 * np.pi, 61)


def ellipse(x, y, width, height):
    """One stroke around an ellipse of centre (x, y)."""
    return [list(zip(x + width / 2 * np.sin(ANGLES), y - height / 2 * np.cos(ANGLES)))]


DRAWINGS = {
    "a 1": [[(140, 40), (140, 240)]],
    "a 0": ellipse(140, 140, 140, 190),
    "a 7": [[(70, 50), (210, 50), (120, 240)]],
    "a 4": [[(170, 240), (170, 40), (60, 170), (220, 170)]],
    "a blob in the top left corner": [[(20, 20), (45, 30), (30, 50), (22, 35)]],
    "a wide dash at the bottom": [[(30, 250), (260, 255)]],
    "a dot": [[(200, 60)]],
    "two strokes": [[(60, 60), (60, 220)], [(60, 140), (220, 140)]],
}


def centre_of_mass(image):
    rows, columns = np.indices(image.shape)
    return (rows * image).sum() / image.sum(), (columns * image).sum() / image.sum()


def ink_box(image):
    rows, columns = np.flatnonzero(image.any(axis=1)), np.flatnonzero(image.any(axis=0))
    return rows[-1] - rows[0] + 1, columns[-1] - columns[0] + 1


# The pad's picture

def test_a_dot_is_a_disc_of_the_pens_width_with_grey_edges():
    picture = draw_strokes([[(100, 120)]], pad_size=280, pen_width=30)
    assert picture.shape == (280, 280) and picture.min() == 0 and picture.max() == 1
    assert picture.sum() == pytest.approx(np.pi * 15 ** 2, rel=0.02)
    assert picture[120, 100] == 1 and picture[120, 100 + 16] == 0
    rows, columns = np.indices(picture.shape)
    distance = np.hypot(columns + 0.5 - 100, rows + 0.5 - 120)
    assert (picture[distance < 14] == 1).all() and (picture[distance > 16] == 0).all()
    edge = picture[(distance > 14.6) & (distance < 15.4)]
    assert ((edge > 0) & (edge < 1)).mean() > 0.9, "the edge is antialiased: grey, not 0 or 1"


def test_a_segment_is_a_capsule_around_it():
    picture = draw_strokes([[(50, 100), (150, 100)]], pad_size=(300, 200), pen_width=20)
    assert picture.shape == (200, 300), "rows are y, columns are x"
    assert picture.sum() == pytest.approx(100 * 20 + np.pi * 10 ** 2, rel=0.02)
    assert (picture[91:109, 50:150] == 1).all() and picture[:, 165:].sum() == 0


def test_ink_off_the_pad_is_left_out_and_strokes_may_be_empty():
    picture = draw_strokes([[(-50, -50), (-10, -10)], [], [(270, 100), (400, 100)]],
                            pen_width=10)
    assert picture[:, :250].sum() == 0 and picture.max() == 1
    assert not draw_strokes([]).any() and not draw_strokes([[]]).any()


def test_strokes_may_be_arrays_and_one_array_is_one_stroke():
    points = np.array([[40.0, 50.0], [42.0, 90.0], [45.0, 130.0]])
    expected = draw_strokes([points.tolist()])
    np.testing.assert_array_equal(draw_strokes([points]), expected)
    np.testing.assert_array_equal(draw_strokes(points), expected)


def test_painting_segment_by_segment_as_the_explorer_does_gives_the_same_picture():
    stroke = DRAWINGS["a 0"][0]
    picture = np.zeros((280, 280))
    for start, end in zip(stroke, stroke[1:]):
        assert paint_stroke(picture, [start, end]) is None  # in place
    np.testing.assert_array_equal(picture, draw_strokes([stroke]))


@pytest.mark.parametrize("picture, points, message", [
    (np.zeros((28, 28), dtype=int), [(1, 2)], "picture must be a table of floats"),
    ([[0.0]], [(1, 2)], "picture must be a table of floats"),
    (np.zeros((280, 280)), [(1, 2, 3)], "strokes[0] has shape (1, 3)"),
    (np.zeros((28, 28)), [(1, 2)], "pen_width must be a positive number and below 28, got 36: "
                                   "try 3.5"),
], ids=["integers", "a list", "three numbers", "pen wider than the picture"])
def test_painting_refuses_what_it_cannot_paint(picture, points, message):
    with pytest.raises((TypeError, ValueError), match=re.escape(message)):
        paint_stroke(picture, points)


# MNIST's way: a 20 × 20 box, the centre of mass on (14, 14)

@pytest.mark.parametrize("drawing", list(DRAWINGS), ids=list(DRAWINGS))
def test_the_image_is_28_by_28_its_box_fits_20_by_20_and_its_centre_of_mass_is_14_14(drawing):
    image = mnist_from_drawing(DRAWINGS[drawing])
    assert image.shape == (28, 28) and image.min() >= 0 and image.max() <= 1
    assert max(ink_box(image)) == 20, "the longer side is scaled to fill the box"
    assert min(ink_box(image)) <= 20
    row, column = centre_of_mass(image)
    assert abs(row - 14) <= HALF and abs(column - 14) <= HALF


def test_the_digits_shape_is_kept():
    tall = mnist_from_drawing([[(140, 40), (140, 240)]], pen_width=20)  # 220 tall, 20 wide
    height, width = ink_box(tall)
    assert height == 20 and width in (2, 3)
    wide = mnist_from_drawing([[(40, 100), (240, 160)]], pen_width=20)
    height, width = ink_box(wide)
    assert width == 20 and 6 <= height <= 9  # about 20 × (60 + 20) / (200 + 20)


def test_where_and_how_large_it_is_drawn_does_not_matter():
    drawing = DRAWINGS["a 7"]
    moved = [[(x - 40, y + 15) for x, y in stroke] for stroke in drawing]
    np.testing.assert_allclose(mnist_from_drawing(moved), mnist_from_drawing(drawing), atol=1e-12)
    half = [[(x / 2, y / 2) for x, y in stroke] for stroke in drawing]
    np.testing.assert_allclose(mnist_from_drawing(half, pen_width=digits.PEN_WIDTH / 2),
                               mnist_from_drawing(drawing), atol=0.06)


def test_edges_come_out_grey_like_mnists():
    image = mnist_from_drawing(DRAWINGS["a 0"])
    inked = image[image > 0]
    assert 0.3 < np.mean(inked < 0.99) < 0.9  # MNIST's: 70 % of its inked pixels are grey
    assert (inked > 0.99).any()  # MNIST's: 4 % of them


def test_a_digit_drawn_200_tall_is_about_as_inky_as_mnists():
    if not (MNIST_DIR / "t10k-images-idx3-ubyte.gz").is_file():
        pytest.skip(f"MNIST's files are not in {MNIST_DIR}: set NNLIB_DATA_DIR to a copy")
    images = digits.read_idx(MNIST_DIR / "t10k-images-idx3-ubyte.gz") / 255
    labels = digits.read_idx(MNIST_DIR / "t10k-labels-idx1-ubyte.gz")
    for label, drawing in ((0, DRAWINGS["a 0"]), (1, DRAWINGS["a 1"]), (7, DRAWINGS["a 7"])):
        ink = images[labels == label].sum(axis=(1, 2))
        low, high = np.percentile(ink, [10, 90])
        assert low < mnist_from_drawing(drawing).sum() < high, label
        # Its centre of mass where MNIST's are: on (14, 14), within half a pixel.
        assert np.allclose(centre_of_mass(images[labels == label].mean(axis=0)), 14, atol=0.5)


def test_a_centre_of_mass_far_from_the_middle_cuts_the_edge_as_mnist_did():
    picture = np.zeros((200, 200))
    picture[:, :10] = 1  # a heavy bar on the left
    picture[0, :] = 0.01  # and a faint line across the top
    image = centre_like_mnist(picture)
    assert abs(centre_of_mass(image)[1] - 14) <= HALF
    assert image.shape == (28, 28)


def test_no_ink_no_digit():
    assert not mnist_from_drawing([]).any() and mnist_from_drawing([]).shape == (28, 28)
    assert not centre_like_mnist(np.zeros((50, 60))).any()


# The small set's way: a 32 × 32 bitmap counted in 4 × 4 blocks

@pytest.mark.parametrize("drawing", list(DRAWINGS), ids=list(DRAWINGS))
def test_the_small_image_counts_a_32_by_32_bitmap_in_blocks_like_the_small_set(drawing):
    image = small_digit_from_drawing(DRAWINGS[drawing])
    assert image.shape == (8, 8)
    counts = image * 16
    np.testing.assert_allclose(counts, np.round(counts), atol=1e-9)  # 0 to 16 pixels
    assert image.min() >= 0 and image.max() <= 1
    # As in every image of the small set, the digit fills the rows from top to bottom.
    assert image[0].any() and image[-1].any()
    assert not image[:, 0].any() and not image[:, -1].any(), "at most 20 columns of 32, centred"


def test_the_small_sets_images_look_so_too():
    images, _ = digits.small_digits()
    assert images[:, 0].any(axis=1).all() and images[:, -1].any(axis=1).all()
    assert np.mean(images[:, :, [0, -1]].any(axis=(1, 2))) < 0.3


def test_a_slanted_stroke_is_made_upright():
    upright = small_digit_from_drawing([[(140, 40), (140, 240)]])
    slanted = small_digit_from_drawing([[(170, 40), (110, 240)]])
    assert np.abs(slanted - upright).max() <= 4 / 16
    assert (slanted.sum(axis=0) > 0).sum() <= 3, "narrow: a column or two of blocks"


def test_a_wide_digit_is_narrowed_to_20_columns_and_a_narrow_one_kept():
    wide = small_digit_from_drawing(ellipse(140, 140, 240, 200))
    assert (wide.sum(axis=0) > 0).sum() == 6  # columns 6 to 25 of 32: blocks 1 to 6
    narrow = small_digit_from_drawing([[(140, 40), (140, 240)]])
    assert (narrow.sum(axis=0) > 0).sum() <= 2


def test_no_ink_no_small_digit():
    assert not small_digit_from_drawing([[]]).any()
    assert count_like_small_digits(np.zeros((10, 10))).shape == (8, 8)


# Bad drawings

@pytest.mark.parametrize("arguments, error, message", [
    ({"strokes": "a 7"}, TypeError, "strokes must be a list of strokes"),
    ({"strokes": [(40, 50), (42, 90)]}, ValueError,
     "strokes[0] is one point (40.0, 50.0), not a stroke"),
    ({"strokes": [40, 50]}, ValueError, "strokes[0] is the number 40"),
    ({"strokes": [[(1, 2, 3)]]}, ValueError, "strokes[0] has shape (1, 3)"),
    ({"strokes": [[(1, 2)], [(3, np.nan)]]}, ValueError, "strokes[1][0, 1] is NaN"),
    ({"strokes": [[(1, "2")]]}, TypeError, "strokes[0][0][1] is the text '2'"),
    ({"strokes": [[None]]}, TypeError, "strokes[0][0] is None"),
    ({"strokes": [], "pad_size": 0}, ValueError, "pad_size must be at least 8"),
    ({"strokes": [], "pad_size": 10_000}, ValueError, "pad_size must be at most 2,000"),
    ({"strokes": [], "pad_size": (280,)}, ValueError, "pad_size must be one whole number"),
    ({"strokes": [], "pad_size": 280.5}, TypeError, "pad_size must be a whole number"),
    ({"strokes": [], "pen_width": -3}, ValueError, "pen_width must be a positive number"),
    ({"strokes": [], "pen_width": 500}, ValueError, "pen_width must be a positive number and "
                                                    "below 280"),
], ids=["text", "flat points", "numbers", "three numbers", "NaN", "text number", "None",
        "pad 0", "pad huge", "pad one of two", "pad float", "pen negative", "pen too wide"])
@pytest.mark.parametrize("function", [draw_strokes, mnist_from_drawing, small_digit_from_drawing])
def test_bad_drawings_are_refused_in_words(function, arguments, error, message):
    with pytest.raises(error, match=re.escape(message)):
        function(**arguments)


def test_too_many_points_are_refused():
    with pytest.raises(ValueError, match="more than 100,000 points"):
        draw_strokes([[(1, 1)] * 60_000, [(2, 2)] * 60_000])


@pytest.mark.parametrize("picture, error, message", [
    (np.zeros((28, 28, 3)), ValueError, "picture has shape (28, 28, 3): give a grey picture"),
    (np.full((28, 28), 255.0), ValueError, "values from 255 to 255, but grey levels go from 0"),
    (np.full((5, 5), 255.0), ValueError, "divide them by 255"),
    (np.array([[0.5, np.nan]]), ValueError, "picture[0, 1] is NaN"),
    ([["a"]], TypeError, "picture[0][0] is the text 'a'"),
    (np.zeros((0, 4)), ValueError, "picture is empty"),
])
@pytest.mark.parametrize("function", [centre_like_mnist, count_like_small_digits])
def test_bad_pictures_are_refused_in_words(function, picture, error, message):
    with pytest.raises(error, match=re.escape(message)):
        function(picture)
