"""Every notebook, run in a real JupyterLab in Chromium: it runs to the end without a traceback,
every widget displays, and moving a slider redraws the interactive figure."""

import contextlib
import time
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

REPO_ROOT = Path(__file__).resolve().parents[2]  # JupyterLab's root folder
NOTEBOOK_DIR = REPO_ROOT / "notebooks"
SCREENSHOTS = Path(__file__).with_name("screenshots")
RUN_TIMEOUT = 180  # seconds for a whole notebook; one takes up to about 30 s
REDRAW_TIMEOUT = 15  # seconds for the figure to change after a slider moves
SLIDER_KEY_PRESSES = 10
PLAYED_STEPS = 100  # how far ▶ must carry the shown step: several frames of an animation

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb")) or [
    pytest.param(None, marks=pytest.mark.skip(reason=f"no notebooks in {NOTEBOOK_DIR}"))]

# JavaScript run in the page. `jupyterapp` exists because the server runs with
# --LabApp.expose_app_in_browser; `currentWidget` is the notebook the test opened.
KERNEL_IDLE = """() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel
                      ?.status === 'idle'"""
# Outputs cleared first, so that no number from an earlier run counts as done; the run itself is
# not awaited here (RUN_FINISHED is polled instead).
RUN_ALL = """async () => {
    await jupyterapp.commands.execute('notebook:clear-all-cell-outputs');
    jupyterapp.commands.execute('notebook:run-all-cells');
}"""
# Finished: the kernel is idle, some cell has a number, and none is waiting ([*]). A failing cell
# stops the run, and the cells after it go back to [ ].
RUN_FINISHED = """() => {
    const prompts = [...document.querySelectorAll('.jp-InputArea-prompt')]
        .map(prompt => prompt.textContent);
    return jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'idle'
        && prompts.some(prompt => /\\[\\d+\\]/.test(prompt))
        && !prompts.some(prompt => prompt.includes('*'));
}"""
# For each code cell: its number, whether it is meant to fail (the tag that nbval and JupyterLab
# both honour), its error outputs, and any traceback shown in it, also by a widget callback
# into an Output widget. Warnings and progress bars go to stderr too: only a traceback counts.
CODE_CELLS = """() => jupyterapp.shell.currentWidget.content.widgets
    .filter(cell => cell.model.type === 'code')
    .map(cell => ({
        count: cell.model.executionCount,
        mayFail: (cell.model.getMetadata('tags') ?? []).includes('raises-exception'),
        errors: cell.model.outputs.toJSON()
            .filter(output => output.output_type === 'error')
            .map(output => `${output.ename}: ${output.evalue}`),
        tracebacks: [...cell.node.querySelectorAll(
                '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
            .map(output => output.innerText)
            .filter(text => text.includes('Traceback')),
    }))"""
# The ipympl figures, counted from 1, whose canvas shows nothing yet: ipympl sizes and paints it
# only when the kernel's first picture arrives, a little after the cell has run.
BLANK_FIGURES = """() => {
    const drawn = canvas => {
        if (!canvas?.width || !canvas.height) return false;
        const pixels = canvas.getContext('2d')
            .getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < pixels.length; i += 4)
            if (pixels[i + 3] && (pixels[i] < 250 || pixels[i + 1] < 250 || pixels[i + 2] < 250))
                return true;
        return false;
    };
    return [...document.querySelectorAll('.jupyter-matplotlib-canvas-div')]
        .map((figure, index) => drawn(figure.querySelector('canvas')) ? 0 : index + 1)
        .filter(number => number);
}"""
FIRST_DRAW_TIMEOUT = 30  # seconds for every figure to show its first picture after the run


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: getattr(path, "name", "none"))
def test_notebook_in_browser(browser, jupyter_lab, notebook):
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / notebook.stem
    for old in SCREENSHOTS.glob(f"{notebook.stem}-*.png"):  # none left from an earlier run
        old.unlink()
    with notebook_run_in_browser(browser, jupyter_lab, notebook, f"{shot}-page.png") as page:
        # A widget whose model never reaches the page stays at this text.
        expect(page.locator(".jp-OutputArea-output").get_by_text("Loading widget..."),
               "a widget never finished loading").to_have_count(0, timeout=15_000)
        assert_no_errors(page)
        not_run = [index for index, cell in enumerate(page.evaluate(CODE_CELLS))
                   if cell["count"] is None]
        assert not not_run, f"code cells {not_run} (counted from 0) did not run"

        assert_pictures_described(page, notebook)
        if "%matplotlib widget" in notebook.read_text():
            assert page.locator(".jupyter-matplotlib-figure").count(), \
                "the notebook uses %matplotlib widget, but no interactive figure appeared"
        assert_figures_drawn(page)
        explorers = outputs_with_figure_and_slider(page)
        presets_checked = 0
        for number in range(explorers.count()):
            assert_every_control_reachable_by_tab(page, explorers.nth(number))
            assert_every_slider_changes_figure(page, explorers.nth(number),
                                               f"{shot}-figure{number + 1}")
            assert_play_animates(page, explorers.nth(number), f"{shot}-figure{number + 1}")
            assert_every_menu_entry_changes_figure(page, explorers.nth(number),
                                                   f"{shot}-figure{number + 1}")
            presets_checked += assert_presets_land_on_their_values(explorers.nth(number))
        if "TrainingExplorer(" in notebook.read_text():
            assert presets_checked, "the training explorer's presets were not found in the page"


@contextlib.contextmanager
def notebook_run_in_browser(browser, jupyter_lab, notebook, screenshot=None):
    """A fresh page with `notebook` open in JupyterLab and all its cells run. Afterwards the
    page is closed without saving (the notebook on disk keeps no outputs), the kernels are shut
    down, and JupyterLab's log is printed (pytest shows it when the test fails)."""
    # A fresh context per notebook: no state carried over, no "leave page?" dialog.
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    # Printed as they come; pytest shows what a test printed only when it fails.
    page.on("console", lambda message: message.type == "error"
            and print(f"browser console: {message.text}"))
    try:
        # `reset` starts from an empty workspace, so the notebook opened before is not reopened.
        page.goto(jupyter_lab.url(f"lab/tree/{notebook.relative_to(REPO_ROOT).as_posix()}",
                                  query="reset"))
        page.wait_for_function(KERNEL_IDLE, timeout=60_000)
        page.evaluate(RUN_ALL)
        page.wait_for_function(RUN_FINISHED, timeout=RUN_TIMEOUT * 1000, polling=500)
        yield page
    finally:
        if screenshot:
            with contextlib.suppress(PlaywrightError):  # a picture helps, but is no check
                screenshot_whole_notebook(page, screenshot)  # as the test left it
        context.close()
        jupyter_lab.shut_down_kernels()
        print(f"JupyterLab's log, {jupyter_lab.log_path}, ends:\n{jupyter_lab.log_tail()}")


def assert_no_errors(page):
    # A cell's error output, or else a traceback shown in it (by a widget callback, say).
    problems = [f"code cell {index} (counted from 0):\n"
                + "\n".join(cell["errors"] or cell["tracebacks"])
                for index, cell in enumerate(page.evaluate(CODE_CELLS))
                if not cell["mayFail"] and (cell["errors"] or cell["tracebacks"])]
    assert not problems, "\n\n".join(problems)
    # In outputs only: a notebook's text may well tell learners what these messages mean.
    outputs = page.locator(".jp-OutputArea-output")
    failed = outputs.get_by_text("Error displaying widget")
    assert failed.count() == 0, f"a widget failed to display: {failed.first.inner_text()}"
    # ipywidgets 8 shows a view that failed as a broken icon; a click reveals the JS error.
    broken = outputs.locator(".jupyter-widgets-error-widget")
    if broken.count():
        broken.first.click()
        pytest.fail(f"a widget failed to display: {broken.first.inner_text()}")


def assert_pictures_described(page, notebook):
    """Every picture in the outputs has an alt text in words, which a screen reader reads out:
    JupyterLab gives an image output without one the alt text "Image"."""
    alts = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output img')]
        .map(img => img.getAttribute('alt') ?? '')""")
    undescribed = [alt for alt in alts if len(alt.split()) < 4]
    assert not undescribed, f"pictures without an alt text in words: {undescribed}"
    if "show(" in notebook.read_text():
        assert alts, "the notebook shows still figures, and no picture appeared"


def assert_figures_drawn(page):
    """Every ipympl figure shows a picture: a blank canvas means the kernel's never came."""
    deadline = time.monotonic() + FIRST_DRAW_TIMEOUT
    while (blank := page.evaluate(BLANK_FIGURES)) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not blank, (f"interactive figures {blank} (counted from 1) were still blank "
                       f"{FIRST_DRAW_TIMEOUT} s after the run: the kernel's picture never came")


def outputs_with_figure_and_slider(page):
    """The explorers: cell outputs holding an ipympl figure and a slider."""
    return page.locator(".jp-OutputArea-output").filter(
        has=page.locator(".jupyter-matplotlib-figure")).filter(
        has=page.locator(".widget-slider .noUi-handle"))


# The controls of an output a keyboard must reach: each gets a number to be told apart by.
MARK_CONTROLS = """output => {
    const controls = [...output.querySelectorAll(
            'button, select, input, textarea, .noUi-handle, [tabindex]:not([tabindex="-1"])')]
        .filter(control => !control.disabled && control.getClientRects().length
                           && getComputedStyle(control).visibility !== 'hidden');
    controls.forEach((control, index) => control.dataset.keyboardControl = index);
    return controls.map(control => control.getAttribute('aria-label') || control.title
                        || control.textContent.trim() || control.tagName.toLowerCase());
}"""
FOCUSED_CONTROL = """() => document.activeElement?.closest('[data-keyboard-control]')
    ?.dataset.keyboardControl ?? null"""


def assert_every_control_reachable_by_tab(page, output):
    """Tab, from just before the explorer, reaches every one of its controls in turn: each can
    be used without a mouse (a slider by the arrow keys, a menu, a button by Enter or space)."""
    names = output.evaluate(MARK_CONTROLS)
    assert names, "an explorer with no controls found"
    output.locator("[data-keyboard-control='0']").focus()
    reached = {page.evaluate(FOCUSED_CONTROL)}
    for _ in range(3 * len(names)):
        page.keyboard.press("Tab")
        reached.add(page.evaluate(FOCUSED_CONTROL))
        if len(reached - {None}) == len(names):
            break
    missed = [name for index, name in enumerate(names) if str(index) not in reached]
    assert not missed, f"controls the Tab key never reaches: {missed}"
    assert_no_keyboard_trap(page, output)


def assert_no_keyboard_trap(page, output):
    """A figure (ipympl's) or a drawing pad (ipycanvas's) takes the focus on Tab and keeps every
    key: nnlib's page helpers move Tab and Shift+Tab on from it, and let Escape go. And the
    readout's box, which stays while ipywidgets rewrites the readout, is the live region."""
    keepers = output.locator(".jupyter-matplotlib-canvas-div, .jupyter-widgets canvas[tabindex]")
    assert keepers.count(), "no figure found in the explorer"
    for number in range(keepers.count()):
        keeper = keepers.nth(number)
        for key in ("Tab", "Shift+Tab", "Escape"):
            keeper.focus()
            assert keeper.evaluate("element => element === document.activeElement")
            page.keyboard.press(key)
            assert not keeper.evaluate("element => element === document.activeElement"), \
                f"{key} does not leave {keeper.evaluate('element => element.className')}"
    boxes = output.locator("span[role=status]").evaluate_all(
        "spans => spans.map(span => span.parentElement.getAttribute('aria-live'))")
    assert boxes and all(live == "polite" for live in boxes), f"readouts' live regions: {boxes}"


def assert_every_slider_changes_figure(page, output, shot):
    handles = output.locator(".widget-slider .noUi-handle")
    for number in range(handles.count()):
        assert_slider_changes_figure(page, output, handles.nth(number),
                                     f"{shot}-slider{number + 1}")


def assert_slider_changes_figure(page, output, handle, shot):
    """Move a slider with the keyboard; the figure must be redrawn."""
    # The canvas alone: the figure's toolbar fades in and out with the mouse.
    canvas = output.locator(".jupyter-matplotlib-canvas-div").first
    canvas.scroll_into_view_if_needed()
    before = settled_screenshot(canvas)
    Path(f"{shot}-before.png").write_bytes(before)

    value_before = handle.get_attribute("aria-valuenow")
    handle.focus()
    for _ in range(SLIDER_KEY_PRESSES):
        handle.press("ArrowRight")
    assert handle.get_attribute("aria-valuenow") != value_before, \
        f"the slider did not move from {value_before} with the keyboard"

    # ipympl redraws asynchronously: the kernel reruns, then sends a new image.
    after, deadline = canvas.screenshot(), time.monotonic() + REDRAW_TIMEOUT
    while after == before and time.monotonic() < deadline:
        time.sleep(0.25)
        after = canvas.screenshot()
    Path(f"{shot}-after.png").write_bytes(after)
    assert_no_errors(page)  # a failing slider callback explains an unchanged figure best
    changed = after != before
    assert changed, (f"the figure did not change within {REDRAW_TIMEOUT} s of moving the slider "
                     f"from {value_before} to {handle.get_attribute('aria-valuenow')} ({shot})")


def assert_play_animates(page, output, shot):
    """Where an explorer has a Play control, pressing ▶ walks its linked slider forward in the
    browser, frame after frame, and the figure follows."""
    row = output.locator(".widget-hbox").filter(has=page.locator(".widget-play"))
    if not row.count():
        return
    canvas = output.locator(".jupyter-matplotlib-canvas-div").first
    handle = row.first.locator(".noUi-handle").first
    play_pause = row.first.locator(".widget-play button").first  # ■ beside it would rewind

    def shown_step():
        return int(float(handle.get_attribute("aria-valuenow")))

    start, before = shown_step(), canvas.screenshot()
    play_pause.click()  # ▶
    deadline = time.monotonic() + REDRAW_TIMEOUT
    while shown_step() < start + PLAYED_STEPS and time.monotonic() < deadline:
        time.sleep(0.1)
    play_pause.click()  # pause where it got to
    reached = shown_step()
    assert reached >= start + PLAYED_STEPS, \
        f"▶ moved the step slider from {start} only to {reached} in {REDRAW_TIMEOUT} s"
    after = settled_screenshot(canvas)
    Path(f"{shot}-played.png").write_bytes(after)
    assert_no_errors(page)
    assert after != before, "the figure did not follow the played steps"


def assert_every_menu_entry_changes_figure(page, output, shot):
    """Pick every entry of each of the explorer's menus in turn: the figure must change each
    time, and nothing may fail."""
    canvas = output.locator(".jupyter-matplotlib-canvas-div").first
    menus = output.locator(".widget-dropdown select")
    for number in range(menus.count()):
        menu = menus.nth(number)
        entries = menu.locator("option").all_inner_texts()
        for entry in [*entries[1:], entries[0]]:  # each, ending where it started
            before = settled_screenshot(canvas)
            menu.select_option(label=entry)
            after, deadline = canvas.screenshot(), time.monotonic() + REDRAW_TIMEOUT
            while after == before and time.monotonic() < deadline:
                time.sleep(0.25)
                after = canvas.screenshot()
            assert_no_errors(page)
            assert after != before, (f"picking {entry!r} in menu {number + 1} did not change "
                                     f"the figure within {REDRAW_TIMEOUT} s")
        Path(f"{shot}-menu{number + 1}.png").write_bytes(settled_screenshot(canvas))


def assert_presets_land_on_their_values(output):
    """Where an explorer has presets: pick each one in the browser; every slider it sets must
    show the preset's value, and the readout must show the preset's note, which the kernel
    writes only when its own settings are the preset's: the slider and the model agree."""
    from nnlib.explorers.training import PRESET_NOTES, PRESETS

    def entries(menu):  # ipywidgets shows spaces in a menu's entries as no-break spaces
        return {text.replace("\xa0", " ") for text in menu.locator("option").all_inner_texts()}

    menus = output.locator(".widget-dropdown select")
    preset_menu = next((menus.nth(k) for k in range(menus.count())
                        if set(PRESETS) <= entries(menus.nth(k))), None)
    if preset_menu is None:
        return 0
    labels = {"learning_rate": "α", "scale": "start scale", "noise": "noise",
              "hidden": "hidden units", "batch_size": "batch size"}
    readout = output.locator("span[role=status]").first
    for name, settings in PRESETS.items():
        if name == "defaults":
            continue
        preset_menu.select_option(label=name.replace(" ", "\xa0"))
        expect(readout, f"the preset {name!r}: the kernel's settings are not the preset's"
               ).to_contain_text(PRESET_NOTES[name][:40], timeout=REDRAW_TIMEOUT * 1000)
        for setting, value in settings.items():
            if setting == "data":
                data_menu = next(menus.nth(k) for k in range(menus.count())
                                 if value in entries(menus.nth(k)))
                assert data_menu.input_value() == value or data_menu.evaluate(
                    "menu => menu.options[menu.selectedIndex].text") == value
                continue
            slider = output.locator(".widget-slider").filter(
                has=output.page.get_by_text(labels[setting], exact=True))
            shown = slider.first.locator(".widget-readout").inner_text().strip()
            assert float(shown) == float(value), \
                f"the preset {name!r} sets {setting} = {value:g}, and its slider shows {shown}"
    preset_menu.select_option(label="defaults")
    return len(PRESETS) - 1


def screenshot_whole_notebook(page, path):
    """JupyterLab scrolls a notebook inside its own panel, so a full-page screenshot shows only
    what fits in the window: make the window tall enough for the whole notebook, for a moment.
    Cells out of view have only estimated heights until shown, so measure again until it fits."""
    window = page.viewport_size
    height = window["height"]
    for _ in range(5):
        hidden = page.evaluate("""() => {
            const panel = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer');
            if (!panel) return 0;
            panel.scrollTop = 0;
            const cells = panel.querySelectorAll('.jp-Cell');  // not the blank space after them
            const bottom = cells[cells.length - 1].getBoundingClientRect().bottom;
            return Math.ceil(bottom - panel.getBoundingClientRect().top) + 20 - panel.clientHeight;
        }""")
        if hidden <= 0 or height >= 16_000:
            break
        height = min(height + hidden, 16_000)
        page.set_viewport_size({"width": window["width"], "height": height})
        page.wait_for_timeout(500)  # the cells that come into view are laid out and painted
    page.screenshot(path=path)
    page.set_viewport_size(window)


def settled_screenshot(element, timeout=10):
    """A screenshot once two in a row, half a second apart, are the same."""
    previous, deadline = element.screenshot(), time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.5)
        current = element.screenshot()
        if current == previous:
            return current
        previous = current
    return previous
