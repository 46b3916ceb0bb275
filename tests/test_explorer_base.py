"""What every explorer shares: closing releases all it made, a cell run again replaces the earlier
explorer, values too large to plot are said in the view, and ipympl gets whole frames."""

import base64
import gc
import io
import sys
import threading
import warnings
import weakref

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from ipywidgets.widgets.widget import _instances as open_widgets
from ipywidgets.widgets.widget_link import Link
from matplotlib._pylab_helpers import Gcf
from PIL import Image

from nnlib import explorers
from nnlib.explorers import DescentExplorer, SlopeExplorer
from nnlib.explorers.base import Explorer, slider_layout
from drawing import pixels, widgets_inside


@pytest.fixture(params=["Agg", "module://ipympl.backend_nbagg"], ids=["Agg", "ipympl"])
def backend(request):
    plt.switch_backend(request.param)
    yield request.param
    plt.switch_backend("Agg")


@pytest.fixture
def ipympl():
    plt.switch_backend("module://ipympl.backend_nbagg")
    yield
    plt.switch_backend("Agg")


def everything_in(widget):
    children = getattr(widget, "children", ())
    return [widget, *[w for child in children for w in everything_in(child)]]


def links_to(widget):
    return [link for link in open_widgets.values() if isinstance(link, Link)
            and widget in (link.source[0], link.target[0])]


# Closing

@pytest.mark.parametrize("displayed", [True, False], ids=["displayed", "never displayed"])
def test_close_closes_every_widget_the_explorer_made(backend, displayed):
    explorer = DescentExplorer(name="closing")
    made = [*explorer.weight_sliders, explorer.learning_rate_slider, explorer.steps_slider,
            explorer.step_slider, explorer.play, explorer.reset_button, explorer.readout,
            explorer.errors]
    if displayed:
        made += everything_in(explorer.widget)
    links = links_to(explorer.play)
    assert links, "the Play button is linked to the step slider"
    explorer.close()
    for widget in [*made, *links, *(w.layout for w in made)]:
        assert widget.comm is None, widget
        assert widget not in open_widgets.values()
    assert not plt.fignum_exists("closing")


def test_close_closes_the_canvas_and_its_toolbar(ipympl):
    explorer = SlopeExplorer(name="closing")
    canvas = explorer.figure.canvas
    assert isinstance(canvas, widgets.DOMWidget)
    explorer.close()
    assert canvas.comm is None and canvas.toolbar.comm is None


# A cell run again

@pytest.mark.parametrize("kind", [DescentExplorer, SlopeExplorer])
def test_making_an_explorer_again_releases_the_earlier_one(backend, kind):
    earlier = kind(name="cell run again")
    earlier.widget  # shown, as in a notebook
    gone = weakref.ref(earlier)
    del earlier
    kind(name="cell run again").widget
    gc.collect()
    assert gone() is None, "nothing should keep the earlier explorer alive"
    assert plt.get_figlabels() == ["cell run again"]


def test_making_explorers_again_and_again_opens_no_more_widgets(backend):
    DescentExplorer(name="cell run again").widget
    gc.collect()
    widgets_open = len(open_widgets)
    for _ in range(5):
        DescentExplorer(name="cell run again").widget
    gc.collect()
    assert len(open_widgets) == widgets_open


def test_an_explorer_of_another_name_stays_open():
    first = SlopeExplorer(name="first")
    SlopeExplorer(name="second")
    assert first.slider.comm is not None
    assert plt.fignum_exists("first")


# Values too large to plot

class LineExplorer(Explorer):
    """The smallest explorer: a line through the origin whose slope a slider sets, times a
    scale a test sets."""

    scale = 1.0

    def __init__(self):
        super().__init__("line under test", figsize=(4, 3))
        self.slope = widgets.FloatSlider(value=1, min=-10, max=10, **slider_layout())
        self.on_change(self.refresh, self.slope)
        self.refresh()

    def build(self, figure):
        self.axes = figure.subplots()
        self.line = self.moving(self.axes.plot([], [], color="black")[0])

    def update(self):
        xs = np.linspace(-1, 1, 4)
        with np.errstate(invalid="ignore", over="ignore"):
            ys = self.scale * self.slope.value * xs
        self.line.set_data(xs, ys)
        self.fit(self.axes, xs, ys)
        self.readout.value = f"slope {self.scale * self.slope.value:g}"

    def controls(self):
        return [[self.slope]]


@pytest.mark.parametrize("scale, said", [
    (np.inf, "a value is infinite"),
    (np.nan, "a value is not a number (NaN)"),
    (3e307, "values reach 1.5e+308"),
], ids=["infinite", "NaN", "overflowing limits"])
def test_values_too_large_to_plot_are_said_in_the_view_not_raised(scale, said):
    explorer = LineExplorer()
    explorer.figure.canvas.draw()
    limits = explorer.axes.get_ylim()
    explorer.scale = scale
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer.slope.value = 5
        explorer.figure.canvas.draw()
    assert explorer.unplottable.get_text() == f"too large to plot: {said}"
    assert f"too large to plot: {said}" in explorer.readout.value
    assert explorer.axes.get_ylim() == limits
    assert not explorer.errors.outputs, "no traceback"
    painted = pixels(explorer.figure)
    explorer.figure.canvas.draw()
    assert np.array_equal(painted, pixels(explorer.figure))
    explorer.unplottable.set_visible(False)
    explorer.figure.canvas.draw()
    assert not np.array_equal(painted, pixels(explorer.figure)), "the message is in the figure"
    explorer.unplottable.set_visible(True)
    # Values that fit again are plotted again, and the message goes.
    explorer.scale = 1.0
    explorer.slope.value = 4
    assert explorer.unplottable.get_text() == ""
    assert explorer.readout.value == "slope 4"
    painted = pixels(explorer.figure)
    explorer.figure.canvas.draw()
    assert np.array_equal(painted, pixels(explorer.figure))


def test_a_descent_from_weights_of_1e150_says_so_instead_of_raising():
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        explorer = DescentExplorer(initial_weights=(1e150, 1.4, 30), name="too large")
        explorer.figure.canvas.draw()
    assert explorer.unplottable.get_text().startswith("too large to plot: ")
    assert "too large to plot" in explorer.readout.value
    # Back to plottable weights, the view is whole again.
    explorer.weight_sliders[0].value = 0.2
    assert explorer.unplottable.get_text() == ""
    painted = pixels(explorer.figure)
    explorer.figure.canvas.draw()
    assert np.array_equal(painted, pixels(explorer.figure))


# Frames for ipympl

def decoded(png):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


@pytest.mark.parametrize("device_pixel_ratio", [1, 2])
def test_ipympl_is_sent_whole_frames_of_what_the_canvas_shows(ipympl, device_pixel_ratio):
    explorer = SlopeExplorer(name="frames")
    canvas = explorer.figure.canvas
    canvas.handle_set_device_pixel_ratio({"device_pixel_ratio": device_pixel_ratio})
    canvas.draw()
    sent = []
    canvas.send_binary = sent.append
    explorer.slider.value = 3
    explorer.slider.value = 5
    assert len(sent) == 2 and canvas._current_image_mode == "full"
    shown = np.asarray(canvas.buffer_rgba())
    assert shown.shape[:2] == (320 * device_pixel_ratio, 920 * device_pixel_ratio)
    assert np.array_equal(decoded(sent[-1]), shown)


def test_a_notebook_saved_without_a_browser_keeps_the_last_frame(ipympl):
    explorer = SlopeExplorer(name="frames")
    canvas = explorer.figure.canvas
    assert canvas.syncing_data_url  # no browser has said it is there
    canvas.draw()
    explorer.slider.value = 5
    png = base64.b64decode(canvas._data_url)
    assert np.array_equal(decoded(png), np.asarray(canvas.buffer_rgba()))


# Two threads: JupyterLab may send a slider's change on one and the canvas's "draw" on another

def test_changes_and_full_draws_on_two_threads_leave_the_full_draws_picture(ipympl):
    """A slider moved on one thread while the browser's "draw" messages arrive on another:
    neither raises, and the picture is the one a full draw makes."""
    explorer = LineExplorer()
    canvas = explorer.figure.canvas
    canvas.send_binary = lambda data: None  # no browser
    canvas.draw()
    problems = []

    def move_slider():
        for turn in range(300):
            with explorer.hold():  # as a handler runs: every slope changes the limits
                explorer.slope.value = (-1) ** turn * (1 + turn % 9)

    def draw_as_the_browser_asks():
        for _ in range(300):
            canvas.manager.handle_json({"type": "draw"})

    def recording(work):
        def run():
            try:
                work()
            except Exception as problem:  # noqa: BLE001 - told in the assert below
                problems.append(problem)
        return run

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns often, as a busy kernel's do
    try:
        threads = [threading.Thread(target=recording(work))
                   for work in (move_slider, draw_as_the_browser_asks)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not problems, f"a thread raised: {problems[0]!r}"
    assert not explorer.errors.outputs, "no traceback in the view"
    shown = pixels(explorer.figure)
    canvas.draw()
    assert np.array_equal(shown, pixels(explorer.figure)), "the picture is a full draw's"


# A closed explorer

def test_a_change_reaching_a_closed_explorer_is_dropped(ipympl):
    explorer = LineExplorer()
    refreshed = []
    explorer.update = lambda: refreshed.append(True)
    slope = explorer.slope
    explorer.close()
    slope.set_state({"value": 3.0})  # as a message the browser sent before it knew
    assert not refreshed
    assert not explorer.errors.outputs


# No redraws asked of the browser but the explorer's own

@pytest.mark.parametrize("kind", ["DescentExplorer", "SlopeExplorer", "NeuronExplorer",
                                  "BackpropExplorer", "TrainingExplorer"])
def test_moving_artists_asks_the_browser_for_no_full_redraw(ipympl, kind):
    """After each message it handles, the kernel has pyplot ask every figure marked stale for a
    full redraw (`draw_all`), and the redraw's own messages would ask again; in a plain prompt
    in interactive mode, pyplot asks whenever an artist changes. An explorer's figure asks for
    none: it draws what changed itself."""
    plt.ion()
    try:
        explorer = getattr(explorers, kind)(name="asking")
        canvas = explorer.figure.canvas
        canvas.send_binary = lambda data: None
        canvas.draw()
        asked = []
        canvas.draw_idle = lambda: asked.append(True)
        slider = next(widget for widget in widgets_inside(explorer.widget)
                      if isinstance(widget, (widgets.FloatSlider, widgets.IntSlider,
                                             widgets.FloatLogSlider)))
        slider.value = slider.max
        Gcf.draw_all()  # as the kernel does after a message
        canvas.draw()
        Gcf.draw_all()
        slider.value = slider.min
        Gcf.draw_all()
        assert not asked, f"{len(asked)} full redraws asked for"
    finally:
        plt.ioff()


# show: a still figure with its alt text

def test_show_gives_an_image_with_its_alt_text_and_the_png():
    figure = explorers.new_figure("still", (4.0, 2.5))
    figure.add_subplot().plot([0, 1], [0, 1])
    alt = 'A line from (0, 0) to (1, 1), "rising" <steadily> & straight.'
    data, metadata = explorers.show(figure, alt)._repr_mimebundle_()
    assert data["text/plain"] == alt and metadata["image/png"]["alt"] == alt
    assert metadata["image/png"]["width"] == 400  # as wide as the figure shows in JupyterLab
    html = data["text/html"]
    assert html.startswith('<img src="data:image/png;base64,') and html.count("<") == 1, html[:80]
    assert ('alt="A line from (0, 0) to (1, 1), &quot;rising&quot; &lt;steadily&gt; &amp; '
            'straight."') in html
    encoded = html.split("base64,")[1].split('"')[0]
    assert encoded == data["image/png"]
    picture = Image.open(io.BytesIO(base64.b64decode(encoded)))
    assert picture.size == (600, 375)  # 150 dots an inch
    plt.close(figure)


@pytest.mark.parametrize("alt, words", [(None, "needs an alt text"), ("", "needs an alt text"),
                                        ("a plot", "needs an alt text"),
                                        (42, "needs an alt text")])
def test_show_refuses_a_missing_or_empty_alt_text(alt, words):
    figure = explorers.new_figure("still", (3.0, 2.0))
    with pytest.raises(ValueError, match=words):
        explorers.show(figure, alt)
    plt.close(figure)


def test_show_refuses_what_is_not_a_figure():
    figure = explorers.new_figure("still", (3.0, 2.0))
    for wrong in (figure.canvas, figure.add_subplot(), "figure"):
        with pytest.raises(TypeError, match="matplotlib figure"):
            explorers.show(wrong, "A picture of nothing at all.")
    plt.close(figure)
