"""A notebook presented as slides, in JupyterLab, by its slideshow extension (jupyterlab-slideshow):
the deck starts at the first slide, steps slide by slide to the explorer's own slide, and there,
with nothing else on screen, the explorer answers its slider as it does in the notebook."""

import json
import time
from pathlib import Path

from playwright.sync_api import expect

from tests.ui.test_notebooks_in_browser import (SCREENSHOTS, assert_no_errors,
                                                 assert_slider_changes_figure,
                                                 notebook_run_in_browser)

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO_ROOT / "notebooks" / "02_training_from_scratch.ipynb"
EXPLORER_LINE = "explorer = DescentExplorer("

NOTEBOOK_JS = "jupyterapp.shell.currentWidget.content"
# The cells the deck shows now: those it marks as on screen and that the page lays out.
ON_SCREEN = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]
    .map((cell, index) => ({index, box: cell.getBoundingClientRect(),
                            shown: cell.classList.contains('jp-deck-mod-onscreen')}))
    .filter(cell => cell.shown && cell.box.height > 0 && cell.box.bottom > 0
                    && cell.box.top < innerHeight)
    .map(cell => cell.index)"""


def cell_sources(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells]


def space_to(page, cell, most):
    """The space bar, pressed (at most `most` times) until the deck reaches `cell`."""
    for _ in range(most):
        if page.evaluate(f"() => {NOTEBOOK_JS}.activeCellIndex") >= cell:
            break
        page.keyboard.press("Space")
        time.sleep(0.2)
    time.sleep(1)  # the slide's transition
    assert page.evaluate(f"() => {NOTEBOOK_JS}.activeCellIndex") == cell, \
        "the space bar never reached the explorer's slide"


def expect_index(page, script, wanted, what, timeout=5):
    deadline = time.monotonic() + timeout
    while not wanted(index := page.evaluate(script)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert wanted(index), f"{what}: the deck is at cell {index}"


def test_explorer_answers_on_its_slide(browser, jupyter_lab):
    sources = cell_sources(NOTEBOOK)
    explorer_cell = next(index for index, source in enumerate(sources)
                         if EXPLORER_LINE in source)
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / f"{NOTEBOOK.stem}-slides"
    with notebook_run_in_browser(browser, jupyter_lab, NOTEBOOK) as page:
        page.evaluate(f"() => {{ {NOTEBOOK_JS}.activeCellIndex = 0; }}")
        # The deck button of the notebook's toolbar, as a teacher starts it.
        page.locator(".jp-NotebookPanel-toolbar [data-command='deck:toggle']").first.click()
        expect(page.locator(".jp-Deck"), "the slideshow did not start").not_to_have_count(0)
        expect(page.locator(".jp-Deck-Remote"), "no slide controls").not_to_have_count(0)
        first_slide = page.evaluate(ON_SCREEN)
        assert 0 in first_slide and explorer_cell not in first_slide, \
            f"the first slide shows cells {first_slide}, not the title"
        page.screenshot(path=f"{shot}-first.png")

        # Forward with the space bar, as a presenter does: it goes down to the next subslide
        # where there is one (the explorer's is one), else right to the next slide.
        page.locator(".jp-Notebook").first.focus()
        space_to(page, explorer_cell, len(sources))
        shown = page.evaluate(ON_SCREEN)
        assert shown == [explorer_cell], \
            f"the explorer's slide should show its cell alone, and shows cells {shown}"

        # Shift+space goes back a step, space forward again; → jumps to the next section, ← back.
        active = f"() => {NOTEBOOK_JS}.activeCellIndex"
        page.keyboard.press("Shift+Space")
        expect_index(page, active, lambda index: index < explorer_cell, "Shift+space: back")
        page.keyboard.press("Space")
        expect_index(page, active, lambda index: index == explorer_cell, "space: forward")
        next_section = next(index for index in range(explorer_cell + 1, len(sources))
                            if sources[index].startswith("## "))
        page.keyboard.press("ArrowRight")
        expect_index(page, active, lambda index: index == next_section, "→: the next section")
        page.keyboard.press("ArrowLeft")
        expect_index(page, active, lambda index: index < next_section, "←: back")
        space_to(page, explorer_cell, len(sources))

        output = page.locator(".jp-Cell").nth(explorer_cell).locator(".jp-OutputArea-output")
        handle = output.locator(".widget-slider .noUi-handle").first
        expect(handle, "the explorer's slider is not on its slide").to_be_visible()
        page.screenshot(path=f"{shot}-explorer.png")
        assert_slider_changes_figure(page, output, handle, f"{shot}-explorer-slider")
        page.screenshot(path=f"{shot}-explorer-after.png")
        # A button presses with Enter and the slide stays (the guide says so: the space bar
        # would turn the slide).
        output.locator("button", has_text="Reset").first.focus()
        page.keyboard.press("Enter")
        time.sleep(1)
        assert page.evaluate(active) == explorer_cell, "Enter on Reset turned the slide"
        assert_no_errors(page)
        # The remote's middle button, "Exit Deck", as a teacher ends it.
        page.locator(".jp-Deck-Remote button[title='Exit Deck']").click()
        expect(page.locator(".jp-Deck"), "Exit Deck did not end the slideshow").to_have_count(0)
