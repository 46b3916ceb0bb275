"""Shared test set-up: matplotlib draws off screen, and no test leaves a figure open."""

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: the tests run without a display

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")
