"""What every explorer shares: a figure made once and updated in place, controls laid out above
it, a one-line text readout of the state, and callbacks whose errors are shown, not lost.

Redrawing a figure is mostly drawing its text (titles, labels, ticks). So an explorer marks the
artists that move as animated, and a refresh paints just those over a saved picture of the rest
(blitting). When an axes' limits change, only that axes is drawn again into the picture.

JupyterLab may hand widget messages to the kernel on more than one thread (its comms over
subshells): a slider's change on one, the canvas's "draw" on another. Matplotlib is not made
for that, so each explorer has one lock, and its handlers, refreshes and the canvas's drawing
and messages all run holding it."""

import base64
import html
import threading
import weakref
from contextlib import contextmanager
from functools import cached_property, partial, wraps
from io import BytesIO

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython import get_ipython
from IPython.display import clear_output, display
from ipywidgets.widgets.widget import _instances as open_widgets  # where a jslink is kept
from ipywidgets.widgets.widget_link import Link
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.transforms import ScaledTranslation
from PIL import Image

# Okabe and Ito's palette: told apart with every common kind of colour blindness.
PALETTE = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
           "purple": "#CC79A7", "sky": "#56B4E9", "yellow": "#F0E442", "black": "#000000"}
WEIGHT_COLOURS = (PALETTE["blue"], PALETTE["orange"], PALETTE["green"])

STYLE = {"font.size": 9, "axes.titlesize": 10, "axes.spines.top": False,
         "axes.spines.right": False}

# The open explorers by name: making one closes the earlier one of its name, as when a cell runs
# again. Held weakly, so that a closed explorer nobody uses any more is free to go.
_open_explorers = weakref.WeakValueDictionary()


# Run in the page (JupyterLab runs a trusted output's script) where an explorer is shown, once
# per page. ipympl's figures and ipycanvas's pad take the focus on Tab and then keep every key,
# Tab and Escape included, so a learner using the keyboard could not leave them: Tab and
# Shift+Tab move on as they would elsewhere, and Escape lets go. And ipywidgets writes a readout
# anew at each change, so the live region is set on the box that stays, for screen readers.
PAGE_HELPERS = """
(() => {
  if (window.nnlibPageHelpers) return;
  window.nnlibPageHelpers = true;
  const keeping = '.jupyter-matplotlib-canvas-div, .jupyter-widgets canvas[tabindex]';
  const reachable = 'a[href], button:not([disabled]), input:not([disabled]), ' +
    'select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  document.addEventListener('keydown', event => {
    if (!event.target.matches || !event.target.matches(keeping)) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.target.blur();
    } else if (event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      // On to the next element that takes the focus, past the figure's own toolbar.
      const figure = event.target.closest('.jupyter-matplotlib') || event.target;
      const all = [...document.querySelectorAll(reachable)];
      const step = event.shiftKey ? -1 : 1;
      for (let k = all.indexOf(event.target) + step; k >= 0 && k < all.length; k += step) {
        if (figure.contains(all[k]) || !all[k].getClientRects().length) continue;
        all[k].focus();
        if (document.activeElement === all[k]) return;
      }
      event.target.blur();
    }
  }, true);
  const live = root => root.querySelectorAll('span[role=status]').forEach(status => {
    const box = status.parentElement;
    if (box && !box.hasAttribute('aria-live')) {
      box.setAttribute('aria-live', 'polite');
      box.setAttribute('aria-atomic', 'true');
    }
  });
  live(document);
  new MutationObserver(records => records.forEach(record => {
    const changed = record.target.parentElement || record.target;
    if (changed.querySelectorAll) live(changed);
  })).observe(document.body, {childList: true, subtree: true});
})();
"""


class InWords:
    """An error (mixed with ValueError or TypeError) shown in Jupyter as its words alone, with
    the line of the learner's code that failed, if any, not as a traceback through nnlib; an
    error behind it stays chained as `__cause__`."""

    def __init__(self, words, where=None):
        self.words, self.where = words, where
        super().__init__(words + (f"\n  Where: {where}" if where is not None else ""))

    def _render_traceback_(self):  # IPython shows these lines instead of a traceback
        return ["\x1b[31m✗ " + str(self) + "\x1b[0m"]


def in_words_alone(error):
    """nnlib's own error about an argument, kept as it is (its type says what kind of slip)
    but shown in Jupyter as its words alone, like an InWords."""
    words = " ".join(str(error).split())
    error._render_traceback_ = lambda: ["\x1b[31m✗ " + words + "\x1b[0m"]
    return error


class TooLargeToPlot(ValueError):
    """Values no axis can show: infinite, NaN, or so large that its limits overflow."""


class Explorer:
    """Base of the interactive views. A subclass builds its artists once in `build(figure)` and
    moves them in `update()`; it calls `self.refresh()` when a control changes."""

    def __init__(self, name, figsize):
        earlier = _open_explorers.pop(name, None)
        if earlier is not None:
            earlier.close()
        _open_explorers[name] = self
        self._lock = threading.RLock()  # see the module's docstring
        self.figure = new_figure(name, figsize)
        canvas = self.figure.canvas
        _run_holding(self._lock, canvas, "draw")
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="1.6em"))
        self.errors = widgets.Output()  # a failing callback's traceback lands here, in view
        self._static_view = widgets.Output()  # holds the picture when the canvas is no widget
        self._held = 0  # how many `hold` blocks are open
        self._closed = False
        self._moving = []  # the animated artists, drawn over the background
        self._background = None  # the figure without them, as last drawn
        self._extents = {}  # where each of the other artists lies in the background
        self._stale_axes = set()  # axes whose limits changed since the background was saved
        self.figure.canvas.mpl_connect("draw_event", self._on_full_draw)
        if is_widget(canvas):
            canvas.get_diff_image = partial(whole_frame_png, canvas)
            _run_holding(self._lock, canvas, "get_diff_image")
            _run_holding(self._lock, canvas.manager, "handle_json")  # the browser's messages
            _run_holding(self._lock, canvas.manager, "resize")
        with plt.rc_context(STYLE):
            self.build(self.figure)
        # Says why nothing moves, when the values are too large to plot.
        self.unplottable = self.figure.text(
            0.5, 0.5, "", ha="center", va="center", color=PALETTE["vermillion"], fontsize=11,
            weight="bold", animated=True,
            bbox={"facecolor": "white", "edgecolor": PALETTE["vermillion"]})

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

    # Presets: a subclass with a `preset_menu` (a Dropdown described "preset", made by
    # `preset_control`) gives `settings`, `set_controls(**settings)` and `preset(name)`, the
    # settings a preset stands for, and PRESET_NOTES, the sentence its readout adds.
    PRESET_NOTES = {}

    def preset_control(self, names, width="330px"):
        """The preset menu, over `names` ("defaults" first): choosing one sets its settings."""
        self.preset_menu = widgets.Dropdown(options=list(names), value=list(names)[0],
                                            description="preset", **slider_layout(width))
        self.on_change(self._apply_preset, self.preset_menu)
        return self.preset_menu

    def _apply_preset(self):
        self.set_controls(**self.preset(self.preset_menu.value))

    def show(self, name):
        """Call up a preset in one line, as its menu would: `explorer.show("AND")`. Its
        settings are set again even when the menu shows it already."""
        menu = getattr(self, "preset_menu", None)
        if menu is None:
            raise ValueError(f"{type(self).__name__} has no presets")
        names = list(menu.options)
        if name not in names:
            raise ValueError(f"no preset {name!r}: choose one of "
                             f"{', '.join(map(repr, names))}")
        with self._lock:
            if menu.value == name:
                self._apply_preset()
            else:
                menu.value = name

    def preset_note(self):
        """The chosen preset's sentence, while the settings are still the preset's; else ""."""
        menu = getattr(self, "preset_menu", None)
        note = self.PRESET_NOTES.get(menu.value, "") if menu is not None else ""
        if note and same_settings(self.settings, self.preset(menu.value)):
            return note
        return ""

    def refresh(self):
        """Recompute, move the artists, and redraw what changed. Values too large to plot are
        said in the view, in place of the moving artists."""
        with self._lock:
            self._refresh()

    def _refresh(self):
        try:
            self.update()
            self.unplottable.set_text("")
        except (TooLargeToPlot, OverflowError) as problem:
            reason = problem if isinstance(problem, TooLargeToPlot) else "the numbers overflow"
            self.unplottable.set_text(f"too large to plot: {reason}")
            self.readout.value = f"<span role='status'>{self.unplottable.get_text()}</span>"
        canvas = self.figure.canvas
        if not is_widget(canvas) and get_ipython() is not None:
            self._show_static()
            return
        if (self._background is None
                or self._background_size != canvas.get_width_height(physical=True)):
            self._background = None  # stale until the full draw asked for here saves a new one
            canvas.draw_idle()
            return
        canvas.restore_region(self._background)
        if self._stale_axes:
            self._redraw_stale_axes()
        self._paint_moving(canvas.get_renderer())
        canvas.blit(self.figure.bbox)
        self._drawn()

    def moving(self, artist):
        """Mark an artist that changes on every refresh (see the module's docstring)."""
        artist.set_animated(True)
        self._moving.append(artist)
        return artist

    def fit(self, axes, xs, ys, x_margin=0.12, y_margin=0.12, log_y=False):
        """Make the axes show all of `xs` and `ys`, keeping the present limits while the data
        still fills most of them, so that a small change redraws no axes. Values no axis can
        show raise TooLargeToPlot, which `refresh` says in the view."""
        changed_x = _fit_axis(axes.get_xlim, axes.set_xlim, xs, x_margin, log=False)
        changed_y = _fit_axis(axes.get_ylim, axes.set_ylim, ys, y_margin, log=log_y)
        if changed_x or changed_y:
            self._stale_axes.add(axes)

    def _on_full_draw(self, event):
        saving = event.canvas.is_saving()
        if not saving:
            renderer = event.renderer
            self._extents = {artist: self._extent(artist, renderer)
                             for artist in self._artists_in_background()}
            self._save_background()
        # A full draw leaves the animated artists out, except that while saving a file an axes
        # draws its own: then only those outside any axes are still to paint.
        self._paint_moving(event.renderer, outside_axes_only=saving)
        self._drawn()

    def _drawn(self):
        """The canvas shows every change: say so. After each message it handles, the kernel
        asks every figure marked stale for a full redraw, and that redraw's own messages would
        ask again: the browser and the kernel would pass "draw" back and forth without end."""
        self.figure.stale = False

    def _artists_in_background(self):
        """What the figure draws, in its order, except its patch and the moving artists."""
        return sorted((artist for artist in self.figure.get_children()
                       if artist is not self.figure.patch and not artist.get_animated()),
                      key=lambda artist: artist.get_zorder())

    def _save_background(self):
        canvas = self.figure.canvas
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._background_size = canvas.get_width_height(physical=True)
        self._stale_axes.clear()

    def _extent(self, artist, renderer):
        """Where an artist paints, as boxes widened for antialiasing. An axes' frame, title, x
        and y axis are boxes apart: in one box, an x tick label reaching past the frame would
        often overlap the neighbour's y label, and both axes would be redrawn."""
        parts = artist.get_children() if isinstance(artist, Axes) else [artist]
        boxes = (part.get_tightbbox(renderer) for part in parts
                 if part.get_visible() and not part.get_animated())
        return [box.padded(2 * self.figure.dpi / 72) for box in boxes
                if box is not None and np.isfinite(box.extents).all()]  # empty text: no box

    def _redraw_stale_axes(self):
        """Draw again only the axes whose limits changed: a full redraw, mostly text, costs
        several times more. Each is wiped to the figure's colour where it was and where it
        will be, and drawn anew; an artist that overlaps a wiped region is drawn anew too.
        The result is the full redraw's, pixel for pixel."""
        renderer = self.figure.canvas.get_renderer()
        artists = self._artists_in_background()
        wiped = [box for axes in self._stale_axes for box in self._extents.get(axes, [])]
        self._extents.update((axes, self._extent(axes, renderer)) for axes in self._stale_axes)
        wiped += [box for axes in self._stale_axes for box in self._extents[axes]]
        redrawn = set(self._stale_axes)
        while more := {artist for artist in artists if artist not in redrawn
                       and _overlap(self._extents.get(artist, []), wiped)}:
            redrawn |= more
            wiped += [box for artist in more for box in self._extents.get(artist, [])]
        pixels = np.asarray(renderer.buffer_rgba())
        colour = np.round(np.multiply(to_rgba(self.figure.get_facecolor()), 255))
        for box in wiped:
            pixels[_rows_and_columns(box, len(pixels))] = colour
        for artist in artists:
            if artist in redrawn:
                artist.draw(renderer)
        self._save_background()

    def _paint_moving(self, renderer, outside_axes_only=False):
        if self.unplottable.get_text():
            self.unplottable.draw(renderer)
        else:
            for artist in self._moving:
                if not (outside_axes_only and artist.axes is not None):
                    artist.draw(renderer)

    def _show_static(self):
        """A backend without live canvases (the inline one): show a fresh picture each time."""
        with self._static_view:
            clear_output(wait=True)
            display(self.figure)

    @contextmanager
    def hold(self, then=None):
        """Change several controls at once; their handlers wait, and `then` (by default a
        refresh) runs once at the end."""
        with self._lock:
            self._held += 1
            try:
                yield
            finally:
                self._held -= 1
            if not self._held:
                (then or self.refresh)()

    def guarded(self, handler):
        """`handler` made to run holding the explorer's lock, with its errors shown in the view:
        for every callback a widget calls (see the module's docstring)."""
        handler = self.errors.capture()(handler)

        @wraps(handler)
        def run(*args, **kwargs):
            with self._lock:
                return handler(*args, **kwargs)

        return run

    def on_change(self, handler, *controls):
        """Call `handler` whenever one of `controls` changes value, unless held."""
        handler = self.guarded(handler)

        def run_unless_held():
            with self._lock:
                if not self._held and not self._closed:
                    handler()

        def on_value(change):
            run_unless_held()

        for control in controls:
            control.observe(on_value, names="value")

    def on_click(self, handler, button):
        """Call `handler` when `button` is clicked."""
        handler = self.guarded(handler)
        button.on_click(lambda button: handler())

    @cached_property
    def widget(self):
        """Controls, readout and figure in one box: what a notebook cell shows."""
        rows = self.controls()
        menu = getattr(self, "preset_menu", None)
        if menu is not None and not any(menu in row for row in rows):
            rows = [*rows, [menu]]  # the presets, on a row of their own under the controls
        rows = [widgets.HBox(row) for row in rows]
        key = widgets.HTML(self.key())
        return widgets.VBox([*rows, self.readout, self.view(), key, self.errors])

    def view(self):
        """What shows between the readout and the key: the figure (a subclass may set more
        beside it)."""
        return self.figure.canvas if is_widget(self.figure.canvas) else self._static_view

    def _ipython_display_(self):
        display(self.widget)
        display({"application/javascript": PAGE_HELPERS}, raw=True)

    def close(self):
        """Close the figure and every widget the explorer made. An open widget stays in
        ipywidgets' registry, and its observers keep the whole explorer alive with it."""
        self._closed = True
        for widget in self._own_widgets():
            widget.close()
        plt.close(self.figure)
        self._background = None

    def _own_widgets(self):
        """The widgets in the explorer's attributes, all they show (children, layouts, styles,
        the canvas's toolbar), and the links between them."""
        found, waiting = {}, [*vars(self).values(), self.figure.canvas]
        while waiting:
            item = waiting.pop()
            if isinstance(item, (list, tuple)):
                waiting.extend(item)
            elif isinstance(item, widgets.Widget) and id(item) not in found:
                found[id(item)] = item
                # Only what a widget shows (children, layout, style, toolbar): a private trait
                # may hold a widget shared by every one of its kind, as ipycanvas's manager.
                waiting.extend(getattr(item, trait) for trait in item.keys
                               if not trait.startswith("_"))
        links = [link for link in list(open_widgets.values()) if isinstance(link, Link)
                 and (id(link.source[0]) in found or id(link.target[0]) in found)]
        return [*found.values(), *links]


def same_settings(settings, others):
    """Whether two dicts of settings agree, numbers to rounding and tuples as lists."""
    if set(settings) != set(others):
        return False
    for key, value in settings.items():
        other = others[key]
        if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
            if not isinstance(other, (int, float, np.number)) or not np.isclose(value, other):
                return False
        elif isinstance(value, (tuple, list, np.ndarray)):
            if np.shape(value) != np.shape(other) or not np.allclose(value, other):
                return False
        elif value != other:
            return False
    return True


def new_figure(name, figsize):
    """A figure that replaces any earlier one of the same name, so running a cell again does not
    leave the old figure open."""
    plt.close(name)
    with plt.ioff():  # shown where the explorer puts it, not as a cell output of its own
        figure = plt.figure(num=name, figsize=figsize)
    # In a plain Python prompt, pyplot asks for a full redraw whenever an artist changes; the
    # explorer redraws what changed itself (see also `_drawn`).
    figure.stale_callback = None
    canvas = figure.canvas
    if is_widget(canvas):
        canvas.header_visible = False
        canvas.footer_visible = False
        canvas.resizable = False
        canvas.toolbar_position = "right"
    return figure


class Picture:
    """A figure as a still picture with its alt text: what `show` returns. Jupyter shows it as an
    <img> whose alt text a screen reader reads (JupyterLab gives a plain image output none), with
    the PNG and the alt text as plain text beside it for readers of other formats."""

    def __init__(self, figure, alt, dpi):
        self.alt = alt
        with BytesIO() as png:
            figure.savefig(png, format="png", dpi=dpi, facecolor="white")
            self.png = png.getvalue()
        self.width = round(figure.get_figwidth() * 100)  # CSS pixels, as wide as ipympl shows it

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.png).decode("ascii")
        html_alt = html.escape(self.alt, quote=True)
        return ({"text/html": f'<img src="data:image/png;base64,{data}" alt="{html_alt}" '
                              f'style="width: {self.width}px; max-width: 100%">',
                 "image/png": data, "text/plain": self.alt},
                {"image/png": {"alt": self.alt, "width": self.width}})


def show(figure, alt, dpi=150):
    """`figure` as a still picture with `alt` as its alt text: a sentence or two saying what the
    picture shows, for a learner who cannot see it. Put it last in a cell, or display() it; a
    picture that changes during a cell is display()ed with a display_id and updated."""
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        raise TypeError(f"show takes a matplotlib figure (from new_figure), not "
                        f"{type(figure).__name__}")
    if not isinstance(alt, str) or len(alt.split()) < 4:
        raise ValueError("show needs an alt text: a sentence saying what the picture shows, for "
                         f"a learner who cannot see it (got {alt!r})")
    return Picture(figure, " ".join(alt.split()), dpi)


def _run_holding(lock, owner, method):
    """Make `owner.method` run holding `lock`."""
    unguarded = getattr(owner, method)

    @wraps(unguarded)
    def guarded(*args, **kwargs):
        with lock:
            return unguarded(*args, **kwargs)

    setattr(owner, method, guarded)


def whole_frame_png(canvas):
    """The frame for ipympl to send, in place of its `get_diff_image`.

    Always the whole frame: ipympl would send only the pixels changed since its last frame, but
    the browser drops a frame still loading when the next arrives, and blitted frames come
    unasked and fast, so a dropped difference would leave a hole. Encoded at PNG's fastest
    level, without the alpha channel when every pixel is opaque: at device pixel ratio 2 that
    takes about 29 ms instead of matplotlib's 51, for a file 7% larger."""
    if not canvas._png_is_old:
        return None
    pixels = np.asarray(canvas.get_renderer().buffer_rgba())
    canvas._last_buff = pixels.view(np.uint32).squeeze(2).copy()  # ipympl's copy for a notebook
    if (pixels[..., 3] == 255).all():
        pixels = np.ascontiguousarray(pixels[..., :3])
    canvas.set_image_mode("full")
    canvas._png_is_old = canvas._force_full = False
    with BytesIO() as png:
        Image.fromarray(pixels).save(png, format="png", compress_level=1)
        return png.getvalue()


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


def wrapped(text, width=70, lines=4):
    """`text` broken into lines of at most about `width` characters, at most `lines` of them
    (an ellipsis says when more was cut): for messages drawn in a figure."""
    words, out, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) > width:
            out.append(line)
            line = ""
        line = f"{line} {word}".strip()
    out.append(line)
    return "\n".join(out[:lines]) + ("…" if len(out) > lines else "")


def thinned(values, most=400):
    """Every k-th entry, at most `most` of them with the last kept: a line of a few hundred
    pixels gains nothing from thousands of points, and draws slower."""
    step = max(1, len(values) // most)
    return np.append(values[:-1:step], values[-1:], axis=0) if step > 1 else values


def _fit_axis(get_limits, set_limits, values, margin, log):
    given = np.asarray(values, dtype=float)
    if log:
        given = given[given > 0]  # a log scale leaves out what it cannot show, as matplotlib does
        if not given.size:
            return False
    values = np.log10(given) if log else given
    low, high = float(np.min(values)), float(np.max(values))
    now_low, now_high = np.log10(get_limits()) if log else get_limits()
    # A log axis keeps its limits while the data spans a third of them: its values move by
    # decades as a learning rate is dragged, and each change of limits costs a redraw.
    fill = 1 / 3 if log else 0.5
    if now_low <= low and high <= now_high and high - low >= fill * (now_high - now_low):
        return False
    pad = margin * max(high - low, 1e-9, 1e-6 * abs(high))
    new = np.array([low - pad, high + pad])
    if log:  # whole decades: they change less often as values drift, and read well
        new = np.array([np.floor(new[0]), np.ceil(new[1])])
    # Matplotlib refuses infinite limits, and its tick locators overflow on reaching infinity,
    # which they may look for up to a span past the limits.
    reach = new + (new[1] - new[0]) * np.array([-1, 1])
    with np.errstate(over="ignore", invalid="ignore"):
        limits, reach = (10 ** new, 10 ** reach) if log else (new, reach)
    if not np.isfinite(reach).all():
        raise TooLargeToPlot("a value is not a number (NaN)" if np.isnan(given).any()
                             else "a value is infinite" if np.isinf(given).any()
                             else f"values reach {np.max(np.abs(given)):.3g}")
    set_limits(limits)
    return True


def _overlap(boxes, others):
    return any(box.overlaps(other) for box in boxes for other in others)


def _rows_and_columns(region, height):
    """The pixels a region of display space touches: rows count down from the top."""
    left, bottom, right, top = region.extents
    return (slice(max(0, int(np.floor(height - top))), max(0, int(np.ceil(height - bottom)))),
            slice(max(0, int(np.floor(left))), max(0, int(np.ceil(right)))))


def mark(symbol, colour, meaning):
    """One entry of a key: a coloured symbol and what it stands for."""
    return f"<span style='color:{colour};font-size:1.2em'>{symbol}</span> {meaning}"


def is_widget(canvas):
    return isinstance(canvas, widgets.DOMWidget)


def slider_layout(width="300px"):
    return {"layout": widgets.Layout(width=width), "style": {"description_width": "5em"}}


def log_slider(low, high, value, description, tooltip="", digits=2, width="300px"):
    """A slider over round numbers from `low` to `high`, evenly spaced on a log scale: every
    number with `digits` significant digits (1, 1.1, 1.2, … 9.9, 10, 11, … for 2). Its value is
    always one of them, so a value the text or a preset sets (0.015, 3, 300) is held exactly, and
    the slider and the model never disagree; setting a value it does not hold is an error."""
    exponents = range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1)
    mantissas = np.round(np.arange(10 ** (digits - 1), 10 ** digits) / 10 ** (digits - 1), digits)
    values = sorted({float(f"{m * 10.0 ** e:.{digits}g}") for e in exponents for m in mantissas
                     if low <= float(f"{m * 10.0 ** e:.{digits}g}") <= high})
    value = float(f"{value:.{digits}g}")
    if value not in values:
        raise ValueError(f"{description} = {value:g} is not one of the slider's values "
                         f"({values[0]:g} to {values[-1]:g}, {digits} significant digits)")
    return widgets.SelectionSlider(options=[(f"{v:g}", v) for v in values], value=value,
                                   description=description, tooltip=tooltip,
                                   continuous_update=True, **slider_layout(width))
