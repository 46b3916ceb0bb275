"""What every explorer shares: a figure made once and updated in place, controls laid out beside
it, a one-line text readout of the state, and callbacks whose errors are shown, not lost."""

from contextlib import contextmanager

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython import get_ipython
from IPython.display import clear_output, display

# Okabe and Ito's palette: told apart with every common kind of colour blindness.
PALETTE = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
           "purple": "#CC79A7", "sky": "#56B4E9", "yellow": "#F0E442", "black": "#000000"}
WEIGHT_COLOURS = (PALETTE["blue"], PALETTE["orange"], PALETTE["green"])

STYLE = {"font.size": 9, "axes.titlesize": 10, "axes.spines.top": False,
         "axes.spines.right": False}


class Explorer:
    """Base of the interactive views. A subclass builds its artists once in `build(figure)` and
    moves them in `update()`; it calls `self.refresh()` when a control changes."""

    def __init__(self, name, figsize):
        self.name = name
        self.figure = new_figure(name, figsize)
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        self.errors = widgets.Output()  # a failing callback's traceback lands here, in view
        self._held = 0  # how many `hold` blocks are open
        with plt.rc_context(STYLE):
            self.build(self.figure)

    # Subclasses fill these in.
    def build(self, figure):
        raise NotImplementedError

    def update(self):
        raise NotImplementedError

    def controls(self):
        """The widgets to lay out above the figure, as a list of rows."""
        raise NotImplementedError

    def refresh(self):
        """Recompute, move the artists and ask the canvas for one redraw."""
        self.update()
        if is_widget(self.figure.canvas):
            self.figure.canvas.draw_idle()
        elif get_ipython() is not None:  # a static backend: show a fresh picture instead
            with self._static_view:
                clear_output(wait=True)
                display(self.figure)

    @contextmanager
    def hold(self, then=None):
        """Change several controls at once; their handlers wait, and `then` (by default a
        refresh) runs once at the end."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
        if not self._held:
            (then or self.refresh)()

    def on_change(self, handler, *controls):
        """Call `handler` whenever one of `controls` changes value, unless held; show its errors."""
        handler = self.errors.capture()(handler)

        def on_value(change):
            if not self._held:
                handler()

        for control in controls:
            control.observe(on_value, names="value")

    @property
    def widget(self):
        rows = [widgets.HBox(row) for row in self.controls()]
        if is_widget(self.figure.canvas):
            view = self.figure.canvas
        else:
            self._static_view = view = widgets.Output()
        box = widgets.VBox([*rows, self.readout, view, self.errors])
        self.refresh()
        return box

    def _ipython_display_(self):
        display(self.widget)

    def close(self):
        plt.close(self.figure)


def new_figure(name, figsize):
    """A figure that replaces any earlier one of the same name, so running a cell again does not
    leave the old figure open."""
    plt.close(name)
    with plt.ioff():  # shown where the explorer puts it, not as a cell output of its own
        figure = plt.figure(num=name, figsize=figsize)
    canvas = figure.canvas
    if is_widget(canvas):
        canvas.header_visible = False
        canvas.footer_visible = False
        canvas.resizable = False
        canvas.toolbar_position = "right"
    return figure


def label_axes(axes, title, xlabel, ylabel):
    """Title and axis labels at fixed places, with few ticks. Left to matplotlib, their places
    are measured again on every redraw, which costs more than drawing the data."""
    axes.set_title(title, y=1.0, pad=4)
    axes.set_xlabel(xlabel, labelpad=1)
    axes.set_ylabel(ylabel)
    axes.xaxis.set_label_coords(0.5, -0.17)
    axes.yaxis.set_label_coords(-0.2, 0.5)
    axes.locator_params(nbins=4)


def thinned(values, most=400):
    """Every k-th entry, at most `most` of them with the last kept: a line of a few hundred
    pixels gains nothing from thousands of points, and draws slower."""
    step = max(1, len(values) // most)
    return np.append(values[:-1:step], values[-1:], axis=0) if step > 1 else values


def is_widget(canvas):
    return isinstance(canvas, widgets.DOMWidget)


def slider_layout(width="300px"):
    return {"layout": widgets.Layout(width=width), "style": {"description_width": "5em"}}
