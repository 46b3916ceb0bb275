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
    return images.astype(np.float32) / 255, labels.astype(int)  # float32: half the memory


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
