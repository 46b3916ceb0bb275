"""Part 5's data: the small digits inside nnlib, and MNIST read from NNLIB_DATA_DIR, checked by
SHA-256, parsed from IDX without pickle; missing, truncated and wrong files said in words."""

import gzip
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from nnlib import digits

SHARED_MNIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"
MNIST_DIR = Path(os.environ.get("NNLIB_DATA_DIR", SHARED_MNIST))
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def idx(values, magic_type=0x08):
    """An IDX file's bytes for `values` (unsigned bytes)."""
    values = np.asarray(values, dtype=np.uint8)
    header = bytes([0, 0, magic_type, values.ndim])
    header += b"".join(size.to_bytes(4, "big") for size in values.shape)
    return gzip.compress(header + values.tobytes())


@pytest.fixture
def offline(monkeypatch):
    """Every download fails, as it does without a network."""
    import pooch

    def refuse(url, **_):
        raise ConnectionError(f"no network to reach {url}")

    monkeypatch.setattr(pooch, "retrieve", refuse)


@pytest.fixture
def mnist_dir():
    if not (MNIST_DIR / "t10k-labels-idx1-ubyte.gz").is_file():
        message = f"MNIST's files are not in {MNIST_DIR}: set NNLIB_DATA_DIR to a copy"
        if IN_CI:
            pytest.fail(message + "; CI must test the real files")
        pytest.skip(message)
    return MNIST_DIR


# The small set

def test_the_small_set_has_1797_digits_of_8_by_8_pixels():
    images, labels = digits.small_digits()
    assert images.shape == (1797, 8, 8) and labels.shape == (1797,)
    assert images.min() == 0 and images.max() == 1
    assert set(labels) == set(range(10)) and np.bincount(labels).min() > 170
    assert labels[0] == 0 and images[0, 0, 2] == pytest.approx(5 / 16)  # the file's first row


def test_a_damaged_small_set_is_refused(tmp_path, monkeypatch):
    copy = tmp_path / "digits.csv.gz"
    copy.write_bytes(digits.SMALL_SET.read_bytes()[:-10])
    monkeypatch.setattr(digits, "SMALL_SET", copy)
    with pytest.raises(digits.DataUnavailable, match="damaged.*reinstall"):
        digits.small_digits()


# IDX files

def test_idx_files_are_read_by_their_header(tmp_path):
    path = tmp_path / "images.gz"
    values = np.arange(2 * 3 * 4).reshape(2, 3, 4)
    path.write_bytes(idx(values))
    np.testing.assert_array_equal(digits.read_idx(path), values)


@pytest.mark.parametrize("damage, said", [
    (lambda good: gzip.compress(gzip.decompress(good)[:-5]), "cut short"),
    (lambda good: good[:len(good) // 2], "cannot be decompressed"),
    (lambda good: b"not gzip at all", "cannot be decompressed"),
    (lambda good: idx(np.zeros((2, 3)), magic_type=0x0D), "not an IDX file of bytes"),
], ids=["truncated data", "truncated gzip", "not gzip", "wrong magic number"])
def test_damaged_idx_files_are_said_in_words(tmp_path, damage, said):
    path = tmp_path / "damaged.gz"
    path.write_bytes(damage(idx(np.ones((2, 3, 4)))))
    with pytest.raises(digits.DataUnavailable, match=said):
        digits.read_idx(path)


# MNIST

def test_mnist_is_read_from_nnlib_data_dir(mnist_dir, monkeypatch, offline):
    monkeypatch.setenv("NNLIB_DATA_DIR", str(mnist_dir))
    images, labels = digits.mnist("test")
    assert images.shape == (10000, 28, 28) and images.dtype == np.float32
    assert 0 <= images.min() and images.max() == 1
    np.testing.assert_array_equal(np.bincount(labels),
                                  [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])


def test_without_a_network_missing_mnist_says_how_to_get_it(tmp_path, monkeypatch, offline):
    monkeypatch.setenv("NNLIB_DATA_DIR", str(tmp_path))
    with pytest.raises(digits.DataUnavailable) as raised:
        digits.mnist("test")
    message = str(raised.value)
    assert "is not there" in message and "NNLIB_DATA_DIR" in message
    assert all(mirror in message for mirror in digits.MIRRORS[:1])


def test_a_corrupted_mnist_file_is_noticed_before_it_is_read(tmp_path, monkeypatch, offline,
                                                            mnist_dir):
    for name in digits.MNIST_SHA256:
        shutil.copy(mnist_dir / name, tmp_path / name)
    damaged = tmp_path / "t10k-labels-idx1-ubyte.gz"
    damaged.write_bytes(damaged.read_bytes()[:-100])
    monkeypatch.setenv("NNLIB_DATA_DIR", str(tmp_path))
    with pytest.raises(digits.DataUnavailable, match="t10k-labels.*is damaged"):
        digits.mnist("test")


def test_a_damaged_file_is_fetched_again(tmp_path, monkeypatch, mnist_dir):
    import pooch

    fetched = []

    def from_the_copy(url, known_hash, fname, path, progressbar):
        fetched.append(fname)
        shutil.copy(mnist_dir / fname, Path(path) / fname)
        return str(Path(path) / fname)

    monkeypatch.setattr(pooch, "retrieve", from_the_copy)
    monkeypatch.setenv("NNLIB_DATA_DIR", str(tmp_path))
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"garbage")
    images, labels = digits.mnist("test")
    assert sorted(fetched) == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    assert len(labels) == 10000


def test_a_part_other_than_train_or_test_is_refused():
    with pytest.raises(ValueError, match="part must be 'train' .* or 'test'"):
        digits.mnist("validation")
