"""Part 5's data: handwritten digits. A small set that ships inside nnlib, and MNIST, fetched
once and kept.

The small set, `digits_8x8.csv.gz` beside this file: the 1,797 digits of 8 × 8 pixels of the
test part of "Optical Recognition of Handwritten Digits" (E. Alpaydin and C. Kaynak, 1998, UCI
Machine Learning Repository, licensed CC BY 4.0), in the copy scikit-learn 1.9.1 ships as
sklearn/datasets/data/digits.csv.gz: one row per image, 64 pixels from 0 to 16, then the label.

MNIST: 60,000 training and 10,000 test images of 28 × 28 pixels (Y. LeCun, C. Cortes and
C. J. C. Burges), in the original IDX files. They are looked for in the folder named by the
environment variable NNLIB_DATA_DIR, or else in a per-user cache folder, and downloaded there
on first use. Every file's SHA-256 is checked before it is read. Nothing here unpickles.
"""

import gzip
import hashlib
import os
from pathlib import Path

import numpy as np

from nnlib import checks
from nnlib.checks import checked

SMALL_SET = Path(__file__).with_name("digits_8x8.csv.gz")
SMALL_SET_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"

MNIST_SHA256 = {
    "train-images-idx3-ubyte.gz":
        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz":
        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz":
        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz":
        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}
# Tried in turn: the copies torchvision and TensorFlow Datasets download from.
MIRRORS = ("https://ossci-datasets.s3.amazonaws.com/mnist/",
           "https://storage.googleapis.com/cvdf-datasets/mnist/")


class DataUnavailable(Exception):
    """A data file is missing or damaged and could not be downloaded; the message says how to
    get it by hand."""


def small_digits():
    """The 1,797 small digits: images (1797, 8, 8) from 0 to 1, and labels (1797,) from 0 to 9."""
    raw = SMALL_SET.read_bytes()
    if _sha256(raw) != SMALL_SET_SHA256:
        raise DataUnavailable(f"{SMALL_SET} is damaged (its SHA-256 is not the one recorded): "
                              "reinstall nnlib, e.g. pip install -e . in the repository")
    table = np.loadtxt(gzip.decompress(raw).decode().splitlines(), delimiter=",", dtype=np.uint8)
    return table[:, :64].reshape(-1, 8, 8) / 16, table[:, 64].astype(int)


@checked(checks.mnist_arguments)
def mnist(part="train"):
    """MNIST's "train" (60,000) or "test" (10,000) part: images (n, 28, 28) from 0 to 1 (as
    float32, 188 MB for the training part), and
    labels (n,) from 0 to 9. Downloads the two files on first use; raises DataUnavailable,
    saying how to get them, where that fails."""
    prefix = "train" if part == "train" else "t10k"
    images = read_idx(mnist_file(f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(mnist_file(f"{prefix}-labels-idx1-ubyte.gz"))
    pixels = images.astype(np.float32)  # float32: half the memory of float64
    pixels /= 255  # in place: a second copy of 60,000 images would take 188 MB more
    return pixels, labels.astype(int)


def data_folder():
    """NNLIB_DATA_DIR if it is set, else the per-user cache folder for nnlib."""
    if os.environ.get("NNLIB_DATA_DIR"):
        return Path(os.environ["NNLIB_DATA_DIR"]).expanduser()
    import pooch  # only where it is needed: it brings the whole HTTP stack

    return Path(pooch.os_cache("nnlib"))


def mnist_file(name):
    """The path of one of MNIST's four files, checked, downloading it if it is missing or
    damaged."""
    folder = data_folder()
    path = folder / name
    if path.is_file() and _sha256(path.read_bytes()) == MNIST_SHA256[name]:
        return path
    state = "is damaged (its SHA-256 does not match)" if path.is_file() else "is not there"
    failures = []
    for mirror in MIRRORS:
        try:
            import pooch

            return Path(pooch.retrieve(mirror + name, known_hash=f"sha256:{MNIST_SHA256[name]}",
                                       fname=name, path=folder, progressbar=True))
        except Exception as error:  # no network, a mirror down, a download that went wrong
            failures.append(f"{mirror}: {type(error).__name__}")
    raise DataUnavailable(
        f"MNIST's file {name} {state} in {folder}, and downloading it failed "
        f"({'; '.join(failures)}). To use MNIST without a network here: on a machine with one, "
        f"download the four files {', '.join(MNIST_SHA256)} from {MIRRORS[0]}, put them in a "
        "folder here, and set the environment variable NNLIB_DATA_DIR to that folder before "
        "starting Jupyter.")


def read_idx(path):
    """An IDX file as an array: a big-endian header (two zero bytes, the type 0x08 for unsigned
    bytes, the number of dimensions, then each dimension's size) followed by the values."""
    try:
        data = gzip.decompress(Path(path).read_bytes())
    except (OSError, EOFError) as error:  # not gzip, or cut short
        raise DataUnavailable(f"{path} is damaged: it cannot be decompressed ({error}). Delete "
                              "it, and it is downloaded again") from None
    if len(data) < 4 or data[:3] != b"\x00\x00\x08":
        raise DataUnavailable(f"{path} is not an IDX file of bytes: it starts with "
                              f"{data[:4].hex()}, not 000008")
    dimensions = data[3]
    header = 4 + 4 * dimensions
    shape = tuple(int.from_bytes(data[4 + 4 * k:8 + 4 * k], "big") for k in range(dimensions))
    if len(data) != header + int(np.prod(shape)):
        raise DataUnavailable(f"{path} is cut short or too long: its header announces "
                              f"{shape}, {header + int(np.prod(shape)):,} bytes, but it has "
                              f"{len(data):,}. Delete it, and it is downloaded again")
    return np.frombuffer(data, np.uint8, offset=header).reshape(shape)


def _sha256(raw):
    return hashlib.sha256(raw).hexdigest()


# A digit drawn with the mouse, made into what a network trained on MNIST or on the small set
# reads. The pad's picture has one number per pixel, from 0 (paper) to 1 (ink); a point (x, y)
# on the pad lies in pixel row int(y), column int(x), as on a canvas in a browser.

# Pixels: a digit drawn about 200 tall on a pad 280 wide comes out about as inky as MNIST's (a 0
# has some 135 of 784 pixels' worth of ink, a 1 some 60) and as the small set's, whose strokes
# are thicker still (a pen of 32 draws a 1 that networks trained on it often take for another).
PEN_WIDTH = 36.0
MNIST_SIZE, MNIST_BOX = 28, 20  # the image, and the box its digit is scaled to fit
SMALL_BITMAP, SMALL_BLOCK = 32, 4  # the small set's bitmaps, and the blocks counted in them
SMALL_WIDTH = 20  # the most columns of the bitmap a digit fills


@checked(checks.drawing_arguments)
def draw_strokes(strokes, pad_size=280, pen_width=PEN_WIDTH):
    """The pad's picture, (height, width) from 0 to 1: each stroke, a list of (x, y) points,
    drawn as a round pen `pen_width` pixels wide going from point to point. A pixel the pen's
    edge crosses is grey, as much as the pen covers it (antialiasing)."""
    width, height = pad_size
    picture = np.zeros((height, width))
    for stroke in strokes:
        paint_stroke.unchecked(picture, stroke, pen_width)
    return picture


@checked(checks.paint_arguments)
def paint_stroke(picture, points, pen_width=PEN_WIDTH):
    """Paint one stroke, a list of (x, y) points, into `picture` (an array of floats), in place:
    a pixel keeps the darkest ink it got. The explorer paints each new segment so, as it comes."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    if not len(points):
        return
    radius = pen_width / 2
    starts, ends = (points, points) if len(points) == 1 else (points[:-1], points[1:])
    height, width = picture.shape
    for p, q in zip(starts, ends):
        # The pixels the pen can reach along p → q; their centres are at (column + ½, row + ½).
        left, top = np.floor(np.minimum(p, q) - radius - 1).astype(int)
        right, bottom = np.ceil(np.maximum(p, q) + radius + 1).astype(int)
        left, top, right, bottom = max(left, 0), max(top, 0), min(right, width), min(bottom, height)
        if left >= right or top >= bottom:
            continue  # all off the pad
        x = np.arange(left, right) + 0.5 - p[0]
        y = (np.arange(top, bottom) + 0.5 - p[1])[:, np.newaxis]
        along = q - p
        length = along @ along
        t = np.clip((x * along[0] + y * along[1]) / length, 0, 1) if length else 0.0
        distance = np.hypot(x - t * along[0], y - t * along[1])
        cover = np.clip(radius + 0.5 - distance, 0, 1)
        region = picture[top:bottom, left:right]
        np.maximum(region, cover, out=region)


@checked(checks.picture_arguments)
def centre_like_mnist(picture):
    """A grey picture made into a 28 × 28 image the way MNIST's digits were (LeCun, Cortes and
    Burges): the ink's bounding box scaled, keeping its shape, to fit a 20 × 20 box, each new
    pixel the average of the area it covers (so edges come out grey), then placed in the 28 × 28
    image with its centre of mass on pixel (14, 14), to the nearest pixel. No ink: all zeros."""
    box = _ink(picture)
    image = np.zeros((MNIST_SIZE, MNIST_SIZE))
    if box is None:
        return image
    digit = _fit(box, MNIST_BOX)
    total = digit.sum()
    rows, columns = np.indices(digit.shape)
    top = int(np.round(MNIST_SIZE / 2 - (rows * digit).sum() / total))
    left = int(np.round(MNIST_SIZE / 2 - (columns * digit).sum() / total))
    # Where the centre of mass lies far off the box's middle, an edge may fall outside: cut, as
    # in MNIST.
    height, width = digit.shape
    image[max(top, 0):top + height, max(left, 0):left + width] = digit[
        max(-top, 0):MNIST_SIZE - top, max(-left, 0):MNIST_SIZE - left]
    return image


@checked(checks.picture_arguments)
def count_like_small_digits(picture):
    """A grey picture made into an 8 × 8 image like the small set's (Alpaydin and Kaynak): those
    count the ink pixels of a 32 × 32 black-and-white bitmap, made by NIST's programs, in each
    4 × 4 block (0 to 16, here divided by 16). Their digits all fill the bitmap's 32 rows and,
    centred, at most about 20 to 24 of its columns, and stand upright; so here the digit is
    first straightened, sheared until the leftmost ink of its top row and of its bottom row line
    up; then scaled to fill the 32 rows, keeping its shape unless that makes it wider than 20
    columns, where it is narrowed to 20; centred; each pixel ink where at least half covered.
    No ink: all zeros."""
    box = _ink(picture)
    blocks = SMALL_BITMAP // SMALL_BLOCK
    if box is None:
        return np.zeros((blocks, blocks))
    box = _ink(_upright(box))
    height, width = box.shape
    rows_scale = SMALL_BITMAP / height
    columns_scale = min(rows_scale, SMALL_WIDTH / width)
    columns = min(SMALL_WIDTH, int(np.ceil(width * columns_scale - 1e-9)))
    digit = (_area_weights(height, SMALL_BITMAP, rows_scale) @ box @ _area_weights(
        width, columns, columns_scale).T) >= 0.5 - 1e-9  # half covered, give or take rounding
    bitmap = np.zeros((SMALL_BITMAP, SMALL_BITMAP))
    left = (SMALL_BITMAP - digit.shape[1]) // 2
    bitmap[:, left:left + digit.shape[1]] = digit
    return bitmap.reshape(blocks, SMALL_BLOCK, blocks, SMALL_BLOCK).sum(axis=(1, 3)) / (
        SMALL_BLOCK ** 2)


@checked(checks.drawing_arguments)
def mnist_from_drawing(strokes, pad_size=280, pen_width=PEN_WIDTH):
    """The strokes drawn on a pad as the 28 × 28 image a network trained on MNIST reads."""
    return centre_like_mnist.unchecked(draw_strokes.unchecked(strokes, pad_size, pen_width))


@checked(checks.drawing_arguments)
def small_digit_from_drawing(strokes, pad_size=280, pen_width=PEN_WIDTH):
    """The strokes drawn on a pad as the 8 × 8 image a network trained on the small set reads."""
    return count_like_small_digits.unchecked(draw_strokes.unchecked(strokes, pad_size, pen_width))


def _ink(picture):
    """The part of the picture inside the ink's bounding box, or None when there is no ink."""
    rows, columns = np.flatnonzero(picture.any(axis=1)), np.flatnonzero(picture.any(axis=0))
    if not rows.size:
        return None
    return picture[rows[0]:rows[-1] + 1, columns[0]:columns[-1] + 1]


def _fit(box, size):
    """`box` scaled to `size` pixels along its longer side, keeping its shape: each new pixel is
    the mean of the area of `box` it covers (past the box's edge counts as no ink)."""
    scale = size / max(box.shape)  # new pixels per old pixel
    height, width = (min(size, int(np.ceil(n * scale - 1e-9))) for n in box.shape)
    fitted = _area_weights(box.shape[0], height, scale) @ box @ _area_weights(
        box.shape[1], width, scale).T
    return np.clip(fitted, 0, 1)  # means of values from 0 to 1, but for rounding


def _area_weights(old, new, scale):
    """The matrix (new, old) whose row j averages the old pixels under new pixel j, which spans
    old pixels j / scale to (j + 1) / scale."""
    edges = np.arange(new + 1) / scale
    starts, ends = np.arange(old), np.arange(1, old + 1)
    overlap = (np.minimum(edges[1:, np.newaxis], ends) -
               np.maximum(edges[:-1, np.newaxis], starts))
    return np.clip(overlap, 0, None) * scale


def _upright(box):
    """`box` sheared so that the leftmost ink (half covered or more) of its top row lies above
    that of its bottom row: each row slides sideways, by an amount growing from the middle."""
    ink = box >= 0.5 if (box >= 0.5).any() else box > 0
    rows = np.flatnonzero(ink.any(axis=1))
    top, bottom = rows[0], rows[-1]
    if top == bottom:
        return box
    slope = (np.argmax(ink[bottom]) - np.argmax(ink[top])) / (bottom - top)  # across per row
    height, width = box.shape
    shifts = slope * (np.arange(height) - (top + bottom) / 2)
    margin = int(np.ceil(np.abs(shifts).max())) + 1
    # Row i of the result at column j takes from column j - margin + shifts[i] of the box,
    # between two pixels linearly; outside the box is no ink.
    source = np.arange(width + 2 * margin) - margin + shifts[:, np.newaxis]
    left = np.floor(source).astype(int)
    part = source - left
    padded = np.pad(box, ((0, 0), (1, 1)))

    def at(columns):
        return np.take_along_axis(padded, np.clip(columns + 1, 0, width + 1), axis=1)

    return at(left) * (1 - part) + at(left + 1) * part
