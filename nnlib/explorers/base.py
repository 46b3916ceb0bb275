"""What every explorer shares: a figure made once and updated in place, controls laid out above
it, a one-line text readout of the state, and callbacks whose errors are shown, not lost.

Redrawing a figure is mostly drawing its text (titles, labels, ticks). So an explorer marks the
artists that move as animated; while no axis limits change, a refresh paints just those over a
saved picture of the rest (blitting), and only a change of limits redraws the whole figure."""

from contextlib import contextmanager
from functools import cached_property

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython import get_ipython
from IPython.display import clear_output, display
from matplotlib.transforms import ScaledTranslation

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
        self.figure = new_figure(name, figsize)
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        self.errors = widgets.Output()  # a failing callback's traceback lands here, in view
        self._static_view = widgets.Output()  # holds the picture when the canvas is no widget
        self._held = 0  # how many `hold` blocks are open
        self._moving = []  # the animated artists, drawn over the background
        self._background = None  # the figure without them, as last drawn in full
        self._limits_changed = False
        self.figure.canvas.mpl_connect("draw_event", self._on_full_draw)
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

    def key(self):
        """HTML under the figure saying what its marks mean: a legend drawn in the figure would
        be drawn again on every change."""
        return ""

    def refresh(self):
        """Recompute, move the artists, and redraw what changed."""
        self._limits_changed = False
        self.update()
        canvas = self.figure.canvas
        if not is_widget(canvas) and get_ipython() is not None:
            self._show_static()
            return
        if is_widget(canvas):
            # ipympl sends the browser only the pixels changed since its last frame, and the
            # browser drops a frame still loading when the next arrives. Blitted frames come
            # unasked and fast, so a dropped difference would leave a hole: send whole frames.
            canvas._force_full = True
        if self._background is None or self._limits_changed:
            self._background = None  # stale until the full draw below saves a new one
            canvas.draw_idle()
        else:
            canvas.restore_region(self._background)
            for artist in self._moving:
                self.figure.draw_artist(artist)
            canvas.blit(self.figure.bbox)

    def moving(self, artist):
        """Mark an artist that changes on every refresh (see the module's docstring)."""
        artist.set_animated(True)
        self._moving.append(artist)
        return artist

    def fit(self, axes, xs, ys, x_margin=0.12, y_margin=0.12, log_y=False):
        """Make the axes show all of `xs` and `ys`, keeping the present limits while the data
        still fills most of them, so that a small change needs no full redraw."""
        changed_x = _fit_axis(axes.get_xlim, axes.set_xlim, xs, x_margin, log=False)
        changed_y = _fit_axis(axes.get_ylim, axes.set_ylim, ys, y_margin, log=log_y)
        self._limits_changed |= changed_x or changed_y

    def _on_full_draw(self, event):
        if not event.canvas.is_saving():
            self._background = event.canvas.copy_from_bbox(self.figure.bbox)
        for artist in self._moving:  # animated artists are left out of a full draw
            artist.draw(event.renderer)

    def _show_static(self):
        """A backend without live canvases (the inline one): show a fresh picture each time."""
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

    @cached_property
    def widget(self):
        """Controls, readout and figure in one box: what a notebook cell shows."""
        rows = [widgets.HBox(row) for row in self.controls()]
        view = self.figure.canvas if is_widget(self.figure.canvas) else self._static_view
        key = widgets.HTML(self.key())
        return widgets.VBox([*rows, self.readout, view, key, self.errors])

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
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    points = axes.figure.dpi_scale_trans
    axes.xaxis.set_label_coords(0.5, 0, axes.transAxes + ScaledTranslation(0, -26 / 72, points))
    axes.yaxis.set_label_coords(0, 0.5, axes.transAxes + ScaledTranslation(-46 / 72, 0, points))
    axes.locator_params(nbins=4)


def thinned(values, most=400):
    """Every k-th entry, at most `most` of them with the last kept: a line of a few hundred
    pixels gains nothing from thousands of points, and draws slower."""
    step = max(1, len(values) // most)
    return np.append(values[:-1:step], values[-1:], axis=0) if step > 1 else values


def _fit_axis(get_limits, set_limits, values, margin, log):
    values = np.log10(values) if log else np.asarray(values, dtype=float)
    low, high = float(np.min(values)), float(np.max(values))
    now_low, now_high = np.log10(get_limits()) if log else get_limits()
    if now_low <= low and high <= now_high and high - low >= 0.5 * (now_high - now_low):
        return False
    pad = margin * max(high - low, 1e-9, 1e-6 * abs(high))
    new = np.array([low - pad, high + pad])
    set_limits(10 ** new if log else new)
    return True


def mark(symbol, colour, meaning):
    """One entry of a key: a coloured symbol and what it stands for."""
    return f"<span style='color:{colour};font-size:1.2em'>{symbol}</span> {meaning}"


def is_widget(canvas):
    return isinstance(canvas, widgets.DOMWidget)


def slider_layout(width="300px"):
    return {"layout": widgets.Layout(width=width), "style": {"description_width": "5em"}}
