"""The digits explorer's drawing pad in a real JupyterLab in Chromium: a digit drawn with the
mouse shows on the pad as it is drawn, and the network's answer to it appears in the readout."""

import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .test_notebooks_in_browser import (SCREENSHOTS, assert_every_menu_entry_changes_figure,
                                        assert_every_slider_changes_figure, assert_figures_drawn,
                                        assert_no_errors, assert_play_animates,
                                        notebook_run_in_browser, outputs_with_figure_and_slider,
                                        settled_screenshot)

# A network trained on the small 8 × 8 digits (about 2 s), and the explorer. Drawn as below, a 1
# and a 0 are answered right by the networks of seeds 0 to 9 alike (tests/test_digits_explorer.py).
CELLS = [
    "%matplotlib widget\nimport nnlib\nfrom nnlib.explorers import DigitsExplorer",
    "images, labels = nnlib.small_digits()\n"
    "network = nnlib.new_network([64, 30, 10], seed=0)\n"
    "nnlib.train(network, images.reshape(-1, 64), nnlib.one_hot(labels, 10), epochs=30,\n"
    "            learning_rate=3.0, batch_size=10, seed=0);",
    "explorer = DigitsExplorer(network, images, labels)\nexplorer",
]
ANSWER_TIMEOUT = 15_000  # ms for the answer to reach the readout after the mouse is let go
# Whether the pad (the canvas the browser shows) has ink where the test drew: dark pixels.
INK_AT = """([pad, x, y]) => {
    const pixels = pad.getContext('2d').getImageData(x - 3, y - 3, 6, 6).data;
    for (let i = 0; i < pixels.length; i += 4)
        if (pixels[i + 3] > 200 && pixels[i] < 60 && pixels[i + 1] < 60 && pixels[i + 2] < 60)
            return true;
    return false;
}"""


def notebook(cells):
    return {"nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}},
            "cells": [{"cell_type": "code", "id": f"cell{k}", "metadata": {},
                       "execution_count": None, "outputs": [], "source": source}
                      for k, source in enumerate(cells)]}


@pytest.fixture
def pad_notebook():
    """The notebook, in a folder JupyterLab serves (the screenshots' folder, which git ignores),
    removed after the test."""
    SCREENSHOTS.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="digits-pad-", dir=SCREENSHOTS))
    path = folder / "digits_pad.ipynb"
    path.write_text(json.dumps(notebook(CELLS)))
    yield path
    shutil.rmtree(folder, ignore_errors=True)


def stroke(page, pad, points, steps=6, check_ink=False):
    """Press the mouse at the first point of the pad, move through the others, let go."""
    box = pad.bounding_box()
    page.mouse.move(box["x"] + points[0][0], box["y"] + points[0][1])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(box["x"] + x, box["y"] + y, steps=steps)
    if check_ink:  # the stroke shows as it is drawn, before the mouse is let go
        handle = pad.element_handle()
        x, y = points[len(points) // 2]
        deadline = time.monotonic() + 10
        while not page.evaluate(INK_AT, [handle, x, y]) and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        assert page.evaluate(INK_AT, [handle, x, y]), \
            f"no ink on the pad at ({x}, {y}) while the mouse is still down"
    page.mouse.up()


def test_a_digit_drawn_on_the_pad_is_answered_in_the_readout(browser, jupyter_lab, pad_notebook):
    shot = SCREENSHOTS / "digits-pad"
    with notebook_run_in_browser(browser, jupyter_lab, pad_notebook) as page:
        assert_no_errors(page)
        assert_figures_drawn(page)

        pad = page.locator("canvas.nnlib-drawing-pad")
        expect(pad).to_have_count(1)
        pad.scroll_into_view_if_needed()
        readout = page.locator(".jp-OutputArea-output [role=status]")
        expect(readout).to_contain_text("test image 0: answers 0")

        # What the test of every notebook does to an explorer (notebook 05 has this one): it
        # finds it, moves its slider, and the figure changes; the pad does not confuse it.
        explorers = outputs_with_figure_and_slider(page)
        assert explorers.count() == 1
        assert_every_slider_changes_figure(page, explorers.first, f"{shot}-figure1")
        assert_play_animates(page, explorers.first, f"{shot}-figure1")
        # Not which image: that the slider's messages reach the kernel in order is tested by
        # the JupyterLab settings' tests, and is no matter of the pad's.
        expect(readout).not_to_contain_text("test image 0:", timeout=ANSWER_TIMEOUT)
        assert_every_menu_entry_changes_figure(page, explorers.first, f"{shot}-figure1")

        figure = page.locator(".jupyter-matplotlib-canvas-div").first
        before = settled_screenshot(figure)

        # A 1: one stroke down the middle, 200 pixels of the pad's 280.
        stroke(page, pad, [(140, 40), (140, 90), (140, 140), (140, 190), (140, 240)],
               check_ink=True)
        expect(readout).to_contain_text("your drawing: answers 1", timeout=ANSWER_TIMEOUT)
        Path(f"{shot}-1.png").write_bytes(settled_screenshot(
            page.locator(".jp-OutputArea-output").filter(has=pad)))
        assert settled_screenshot(figure) != before, "the figure shows the drawing's outputs"

        # Clear, then a 0: an oval drawn round in one stroke.
        page.get_by_role("button", name="Clear").click()
        expect(readout).to_contain_text("the label is", timeout=ANSWER_TIMEOUT)
        assert not page.evaluate(INK_AT, [pad.element_handle(), 140, 140])
        oval = [(140 + 70 * sin, 140 - 95 * cos) for sin, cos in
                ((0, 1), (0.5, 0.87), (0.87, 0.5), (1, 0), (0.87, -0.5), (0.5, -0.87),
                 (0, -1), (-0.5, -0.87), (-0.87, -0.5), (-1, 0), (-0.87, 0.5), (-0.5, 0.87),
                 (0, 1))]
        stroke(page, pad, oval)
        expect(readout).to_contain_text("your drawing: answers 0", timeout=ANSWER_TIMEOUT)
        Path(f"{shot}-0.png").write_bytes(settled_screenshot(
            page.locator(".jp-OutputArea-output").filter(has=pad)))
        assert_no_errors(page)
