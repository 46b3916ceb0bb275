"""Notebook 02's explorer: drag the starting weights and the learning rate, watch the descent."""

import warnings

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import Formatter, FuncFormatter, NullLocator

from nnlib import checks, descent
from nnlib.data import TRUE_WEIGHTS, article_table
from nnlib.exercises.diagnosis import explain, learners_line
from nnlib.explorers.base import (PALETTE, WEIGHT_COLOURS, Explorer, InWords, in_words_alone,
                                  label_axes, log_slider, mark, slider_layout, thinned)

BLIND_GUESS = (0.2, 1.4, 30.0)
WEIGHT_NAMES = ("W1", "W2", "W3")
CURVE_POINTS = 81
ANIMATION_FRAMES = 100  # Play walks through a run in about this many frames, however long it is
# Log scales have no place for 0: an error or a distance of exactly 0 is drawn at these floors,
# below anything float arithmetic leaves over (errors reach about 1e-28, distances 1e-16).
ERROR_FLOOR = 1e-32
DISTANCE_FLOOR = 1e-17
REACH = 5e-4  # "within reach": every weight this close to its true value
ALPHA_RANGE = (1e-4, 0.1)  # the α slider's round numbers, two significant digits each
MOST_UPDATES = 5000  # the updates slider's end, unless the run asked for more
# A run not yet within reach is continued past its end, by at most this many updates, to say
# how many it would take; a few larger values of α are tried to say which one gets there.
BEYOND = 50_000
ALPHAS_TRIED = 6
# The lessons the presets call up (menu "preset", or explorer.show("diverging")): α alone, from
# the blind guess, over 2000 updates; each shows the run's last step.
PRESET_UPDATES = 2000
PRESETS = {
    "α too small": dict(learning_rate=0.0001),
    "just right": dict(learning_rate=0.014),
    "oscillating": dict(learning_rate=0.015),
    "diverging": dict(learning_rate=0.016),
}
PRESET_NOTES = {
    "α too small": "α = 0.0001: every step is tiny, so after 2000 updates the weights are still "
                   "far off; look at the distances panel falling slowly",
    "just right": "α = 0.014: large steps that still shrink the error every time, so the run "
                  "is within reach in fewer than 100 updates",
    "oscillating": "α = 0.015: each step overshoots the bottom, so the path zigzags across "
                   "the valley; it still gets there, but more slowly than at 0.014",
    "diverging": "α = 0.016: each step overshoots further than the last, so the error grows "
                 "until the run diverges; look at the error panel climbing",
}
TERMS = {"weights": "one weight per input", "inputs": "the table, one row per example, one "
         "column per input", "targets": "one y per row"}


class FunctionFails(InWords, ValueError):
    """A learner's predict or gradient failed when the explorer tried it on the table."""


def _refused(error, predict, gradient):
    """`error`, raised while the constructor tried its arguments, made to show as words alone:
    for an error raised inside the learner's predict or gradient, which one, what went wrong
    and where (the gradient is named when it failed inside the predict it calls)."""
    where = learners_line(error)
    if where is None:  # nnlib's own words about an argument, or about what a function returned
        return in_words_alone(error) if isinstance(error, (TypeError, ValueError)) else error
    codes = {getattr(function, "__code__", None): name
             for name, function in (("gradient", gradient), ("predict", predict))}
    name, traceback = "predict", error.__traceback__
    while traceback is not None:  # the outermost of the two that nnlib called
        if traceback.tb_frame.f_code in codes:
            name = codes[traceback.tb_frame.f_code]
            break
        traceback = traceback.tb_next
    words = explain(error, f"your {name}", TERMS)
    inner = where.function  # the learner's function whose line failed: it needs the repair
    called = predict if name == "predict" else gradient
    its_own = where.frame.f_code is getattr(called, "__code__", None)
    inside = "" if its_own or not inner.isidentifier() else f", inside the {inner} it calls"
    repair = inner if inside else name
    return FunctionFails(
        f"the explorer tried your {name} on the table, and it fails{inside}: {words} Repair "
        f"{repair} (its check says the same), run its cell, then this one; or make the explorer "
        "with nnlib's predict and gradient, DescentExplorer().", where)


class DescentExplorer(Explorer):
    """Gradient descent on the article's table, live.

    Top row: the error along each weight with the other two held where they are at the shown
    step, the current point on it and its tangent, whose slope is ∂E/∂W. Bottom row: the path of
    (W1, W2), each weight's distance from its true value against the step, and the error against
    the step. The readout says after how many updates the run came within 0.0005 of the true
    weights; if it has not yet, how many it would take (counted past the run's end) and, when
    that is more than the updates slider gives, a larger α of the slider that gets there; and,
    when the run goes wrong, whether to blame α or the gradient. The α slider holds round
    numbers of two significant digits (base.log_slider), so every value the text sets is held.

    `predict(weights, inputs)` and `gradient(weights, inputs, targets)` may be your own: every
    curve, point and slope is then computed by them.

    Presets (the preset menu, or `explorer.show("diverging")` in one line) set a lesson's α, from
    the blind guess over 2000 updates, and show the run's last step; the readout says what to
    look at while the settings stay the preset's.
    """

    def __init__(self, predict=descent.predict, gradient=descent.mse_gradient, table=None,
                 initial_weights=BLIND_GUESS, learning_rate=0.001, steps=2000, name=None):
        self.table = checks.table(table) if table is not None else article_table()
        try:
            run = checks.descent_arguments(self.table.inputs, self.table.outputs,
                                           initial_weights, learning_rate, steps, predict,
                                           gradient)
        except Exception as error:
            refusal = _refused(error, predict, gradient)
            if refusal is error:
                raise
            raise refusal from error
        self.predict, self.gradient = run["predict"], run["gradient"]  # each tried once
        checks.explorer_name(name)
        if float(f"{learning_rate:.2g}") != learning_rate:
            raise ValueError(f"the learning rate {learning_rate:g} is not one the α slider holds: "
                             "it holds round numbers of two significant digits, such as 0.0012, "
                             "0.015 or 0.016")
        self.defaults = (tuple(float(w) for w in initial_weights), float(learning_rate), int(steps))
        self._plotted_run = None  # the history the run's lines show
        super().__init__(name or "Gradient descent explorer", figsize=(9.2, 5.8))
        self._make_controls()
        self.reset()

    # The controls

    def _make_controls(self):
        initial_weights, learning_rate, steps = self.defaults
        reach = max(40.0, *(abs(w) * 1.2 for w in initial_weights))
        self.weight_sliders = tuple(
            widgets.FloatSlider(value=0, min=-reach, max=reach, step=0.1, readout_format=".2f",
                                description=f"start {name}", **slider_layout())
            for name in WEIGHT_NAMES)
        # Round numbers only (0.001, 0.0011, … 0.014, 0.015, 0.016, …): every value the text
        # sets is one the slider holds, so the slider and the run always agree.
        self.learning_rate_slider = log_slider(
            min(ALPHA_RANGE[0], learning_rate), max(ALPHA_RANGE[1], learning_rate),
            learning_rate, "α", tooltip="learning rate, the size of each step")
        self.steps_slider = widgets.IntSlider(
            value=steps, min=1, max=max(MOST_UPDATES, steps), description="updates",
            **slider_layout())
        self.step_slider = widgets.IntSlider(
            value=0, min=0, max=steps, description="step",
            tooltip="the step the figures show", **slider_layout("420px"))
        self.play = widgets.Play(value=0, min=0, max=steps, interval=40,
                                 description="Play the descent")
        widgets.jslink((self.play, "value"), (self.step_slider, "value"))
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           tooltip=f"back to the start {initial_weights}, α = "
                                                   f"{learning_rate:g} and {steps} updates")
        self.on_click(self.reset, self.reset_button)
        self.on_change(self.rerun, *self.weight_sliders, self.learning_rate_slider,
                       self.steps_slider)
        self.on_change(self.refresh, self.step_slider)
        self.preset_control(["defaults", *PRESETS], width="260px")

    def controls(self):
        return [[*self.weight_sliders],
                [self.learning_rate_slider, self.steps_slider, self.reset_button],
                [self.play, self.step_slider]]

    # Presets

    PRESET_NOTES = PRESET_NOTES

    @property
    def settings(self):
        return dict(initial_weights=tuple(float(w) for w in self.initial_weights),
                    learning_rate=self.learning_rate_slider.value,
                    steps=self.steps_slider.value)

    def set_controls(self, **settings):
        """Set several controls at once (initial_weights, learning_rate, steps) and run again,
        showing the run's last step."""
        with self.hold(then=self.rerun):
            if "initial_weights" in settings:
                for slider, weight in zip(self.weight_sliders, settings["initial_weights"]):
                    slider.value = weight
            if "learning_rate" in settings:
                self.learning_rate_slider.value = settings["learning_rate"]
            if "steps" in settings:
                self.steps_slider.value = settings["steps"]
            self.step_slider.value = self.step_slider.max  # rerun keeps the last step shown

    def preset(self, name):
        """The settings a preset stands for: the explorer's starting ones for "defaults"; for
        the others, the blind guess and 2000 updates with the preset's α."""
        initial_weights, learning_rate, steps = self.defaults
        if name == "defaults":
            return dict(initial_weights=initial_weights, learning_rate=learning_rate,
                        steps=steps)
        return dict(initial_weights=BLIND_GUESS, steps=PRESET_UPDATES, **PRESETS[name])

    def key(self):
        colours = " ".join(mark("━", colour, name)
                           for name, colour in zip(WEIGHT_NAMES, WEIGHT_COLOURS))
        true_w1, true_w2 = (f"{w:g}" for w in TRUE_WEIGHTS[:2])
        marks = [f"{colours}: each weight's colour, in the top row's curves and titles and in "
                 "the distances panel's lines",
                 mark("■", PALETTE["black"], "the path's start (the starting W1, W2)"),
                 mark("★", PALETTE["black"], f"the true weights (W1, W2) = ({true_w1}, "
                                             f"{true_w2}), where the path should end"),
                 mark("●", PALETTE["vermillion"], "the shown step"),
                 mark("╌", PALETTE["black"], "tangent: its slope is ∂E/∂W"),
                 mark("┈", PALETTE["black"], f"distance {REACH:g}: within reach"),
                 f"log scales: an exact 0 is drawn at {ERROR_FLOOR:g} (error) or "
                 f"{DISTANCE_FLOOR:g} (distance)"]
        space = " &nbsp; "
        return "<br>".join([marks[0], space.join(marks[1:3]), space.join(marks[3:])])

    def reset(self):
        initial_weights, learning_rate, steps = self.defaults
        with self.hold(then=self.rerun):
            for slider, weight in zip(self.weight_sliders, initial_weights):
                slider.value = weight
            self.learning_rate_slider.value = learning_rate
            self.steps_slider.value = steps
            self.step_slider.value = 0

    @property
    def initial_weights(self):
        return np.array([slider.value for slider in self.weight_sliders])

    # The computation

    def rerun(self):
        """Run the descent again from the sliders' starting weights and learning rate."""
        self.broken = None  # a learner's function that broke during the run, in words
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", descent.DivergenceWarning)  # shown in the view
            try:
                self.history = descent.gradient_descent(  # watched afresh: steps of this run
                    self.table.inputs, self.table.outputs, self.initial_weights,
                    self.learning_rate_slider.value, self.steps_slider.value,
                    predict=checks.unwatched(self.predict),
                    gradient=checks.unwatched(self.gradient))
            except ValueError as error:  # "your gradient, at update 49, returned [nan …]"
                if not str(error).startswith("your "):
                    raise
                self.broken = " ".join(str(error).split())
                start = np.array(self.initial_weights, dtype=float)
                try:
                    first = self.error_at(start)
                except ValueError:  # the predict itself is what broke
                    first = np.nan
                self.history = descent.DescentHistory(start[None, :], np.array([first]),
                                                      self.learning_rate_slider.value)
        self.beyond = self._beyond_the_run()
        last = len(self.history.errors) - 1
        with self.hold():
            at_end = self.step_slider.value == self.step_slider.max
            self.play.max = self.step_slider.max = last
            self.play.step = max(1, last // ANIMATION_FRAMES)
            if at_end:
                self.step_slider.value = last

    def _beyond_the_run(self):
        """For a run that is right but not yet within reach, and getting there: (the updates it
        takes, counted past its end, or None if not within about BEYOND more; the updates
        counted; a larger α of the slider that gets there within the updates slider's most, or
        None). Otherwise None."""
        history = self.history
        if (self.broken or history.diverged_at is not None
                or getattr(history, "gradient_slip", None)
                or updates_to_reach(history.weights) is not None
                or not history.errors[-1] <= history.errors[0]):
            return None
        inputs, targets = self.table.inputs, self.table.outputs
        alpha, most = history.learning_rate, self.steps_slider.max

        def run(start, learning_rate, steps):
            # The functions are watched already (see __init__), and the arguments are the
            # explorer's own: the loop needs no second check, which would double its time.
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore", descent.DivergenceWarning)
                try:
                    return descent.gradient_descent.unchecked(
                        inputs, targets, np.array(start, dtype=float), float(learning_rate),
                        int(steps), predict=self.predict, gradient=self.gradient)
                except ValueError:  # a learner's function that breaks past the run: no count
                    return None

        done, needed, weights = len(history.errors) - 1, None, history.weights[-1]
        chunk = _updates_still_needed(history.weights)
        while needed is None and done < len(history.errors) - 1 + BEYOND:  # longer and longer
            further = run(weights, alpha, chunk)
            if further is None or further.diverged_at is not None:
                break
            more = updates_to_reach(further.weights)
            needed = None if more is None else done + more
            done, chunk, weights = done + chunk, 2 * chunk, further.weights[-1]
        larger = None
        if needed is None or needed > most:
            # The updates needed fall about as α rises: start from the α that would need `most`.
            wanted = alpha * (needed or len(history.errors) - 1 + BEYOND) / most
            options = [value for _, value in self.learning_rate_slider.options
                       if value > alpha and value >= wanted]
            for value in options[:ALPHAS_TRIED]:
                trial = run(history.weights[0], value, most)
                if trial and trial.diverged_at is None and updates_to_reach(
                        trial.weights) is not None:
                    larger = value
                    break
        return needed, done, larger

    def error_at(self, weights):
        return float(descent.mean_squared_error.unchecked(self.predict(weights, self.table.inputs),
                                                self.table.outputs))

    def error_along(self, index, weights, values):
        """The error as weight `index` takes each of `values`, the others held at `weights`."""
        trial = np.array(weights, dtype=float)
        errors = np.empty(len(values))
        for k, value in enumerate(values):
            trial[index] = value
            errors[k] = self.error_at(trial)
        return errors

    # The figure

    def build(self, figure):
        grid = figure.add_gridspec(2, 3, left=0.085, right=0.985, top=0.95, bottom=0.09,
                                   wspace=0.4, hspace=0.45)
        self.parabola_axes = [figure.add_subplot(grid[0, i]) for i in range(3)]
        self.path_axes, self.distance_axes, self.error_axes = (
            figure.add_subplot(grid[1, i]) for i in range(3))
        self.parabola_lines, self.tangent_lines, self.parabola_points = [], [], []
        for axes, name, colour in zip(self.parabola_axes, WEIGHT_NAMES, WEIGHT_COLOURS):
            label_axes(axes, f"E along {name}, the others held", name, "error E")
            axes.title.set_color(colour)
            self.parabola_lines.append(self.moving(axes.plot([], [], color=colour, lw=2)[0]))
            self.tangent_lines.append(self.moving(
                axes.plot([], [], color=PALETTE["black"], lw=1.2, ls="--")[0]))
            self.parabola_points.append(self.moving(
                axes.plot([], [], "o", color=PALETTE["vermillion"])[0]))

        axes = self.path_axes
        label_axes(axes, "path of (W1, W2)", "W1", "W2")
        self.path_line = self.moving(axes.plot([], [], color=PALETTE["sky"], lw=1.5)[0])
        self.path_start = self.moving(axes.plot([], [], "s", color=PALETTE["black"])[0])
        self.path_point = self.moving(axes.plot([], [], "o", color=PALETTE["vermillion"])[0])
        axes.plot(*TRUE_WEIGHTS[:2], "*", ms=13, color=PALETTE["black"])  # green is W3's

        # The weights themselves would not fit one scale: W3 starts at 30 and ends at 1.2, a
        # hair from W1's 0.5 and W2's 0.9. Their distances from the true values, on a log scale,
        # show every weight to the end, and the same shrinking factor per update as a straight line.
        axes = self.distance_axes
        label_axes(axes, "distance from the true weights", "step", "|Wi − true Wi| (log scale)")
        axes.set_yscale("log")
        axes.yaxis.set_major_formatter(power_of_ten)
        axes.yaxis.set_minor_locator(NullLocator())  # made anew at each change of limits: slow
        self.distance_lines = [self.moving(axes.plot([], [], color=colour, lw=1.8)[0])
                               for colour in WEIGHT_COLOURS]
        axes.axhline(REACH, color=PALETTE["black"], ls=":", lw=1)
        self.distance_cursor = self.moving(axes.axvline(0, color=PALETTE["vermillion"], lw=1))

        axes = self.error_axes
        label_axes(axes, "error against step", "step", "error E (log scale)")
        axes.set_yscale("log")
        axes.yaxis.set_major_formatter(power_of_ten)
        axes.yaxis.set_minor_locator(NullLocator())  # made anew at each change of limits: slow
        self.error_line = self.moving(axes.plot([], [], color=PALETTE["purple"], lw=1.8)[0])
        self.error_cursor = self.moving(axes.axvline(0, color=PALETTE["vermillion"], lw=1))
        self.message = self.moving(axes.text(0.5, 0.55, "", transform=axes.transAxes,
                                             ha="center", color=PALETTE["vermillion"],
                                             fontsize=11, weight="bold"))
        # Tick labels that carry their own size: matplotlib's shared "1e10" offset would be drawn
        # over the title above the axes.
        for axes in (*self.parabola_axes, self.path_axes):
            axes.xaxis.set_major_formatter(CompactFormatter())
            axes.yaxis.set_major_formatter(CompactFormatter())
        for axes in (self.distance_axes, self.error_axes):
            axes.xaxis.set_major_formatter(CompactFormatter())

    def update(self):
        try:
            self._draw_step()
        except ValueError as error:  # the learner's predict broke while drawing: say so
            if not str(error).startswith("your "):
                raise
            self.broken = self.broken or " ".join(str(error).split())
            self.message.set_text(f"stopped: your {self.broken.split()[1].rstrip(',')} broke"
                                  "\n(the readout says where)")
            self.readout.value = (f"<span role='status'><b>the run stopped</b>: {self.broken}. "
                                  "Repair it, run its cell, then this explorer's cell "
                                  "again</span>")

    def _draw_step(self):
        if self._plotted_run is not self.history:  # a new run; moving the shown step is not
            self._plot_run()
            self._plotted_run = self.history
        history, shown = self.history, self.step_slider.value
        weights_now, error_now = history.weights[shown], history.errors[shown]
        try:
            slopes = np.asarray(self.gradient(weights_now, self.table.inputs,
                                              self.table.outputs), dtype=float)
        except ValueError as error:  # the learner's gradient broke here: no tangents to draw
            if not str(error).startswith("your "):
                raise
            self.broken = self.broken or " ".join(str(error).split())
            slopes = np.full(len(weights_now), np.nan)
        for index, axes in enumerate(self.parabola_axes):
            low, high = self._parabola_range(index, weights_now)
            values = np.linspace(low, high, CURVE_POINTS)
            errors = self.error_along(index, weights_now, values)
            self.parabola_lines[index].set_data(values, errors)
            self.parabola_points[index].set_data([weights_now[index]], [error_now])
            half = (high - low) / 6
            ends = np.array([weights_now[index] - half, weights_now[index] + half])
            rise = slopes[index] * (ends - weights_now[index])
            self.tangent_lines[index].set_data(ends, error_now + rise)
            self.fit(axes, [low, high], [0, errors.max()])
        self.path_point.set_data([weights_now[0]], [weights_now[1]])
        for cursor in (self.distance_cursor, self.error_cursor):
            cursor.set_xdata([shown, shown])
        self.readout.value = self.describe(shown, weights_now, error_now, slopes)

    def _plot_run(self):
        """The whole run: the path, the weights and the error at every step."""
        history = self.history
        steps = thinned(np.arange(len(history.errors)))
        weights = history.weights[steps]
        self.path_line.set_data(weights[:, 0], weights[:, 1])
        self.path_start.set_data(weights[:1, 0], weights[:1, 1])
        self.fit(self.path_axes, np.append(weights[:, 0], TRUE_WEIGHTS[0]),
                 np.append(weights[:, 1], TRUE_WEIGHTS[1]))
        distances = np.maximum(np.abs(weights - TRUE_WEIGHTS), DISTANCE_FLOOR)
        for line, distance in zip(self.distance_lines, distances.T):
            line.set_data(steps, distance)
        self.fit(self.distance_axes, steps, np.append(distances, REACH), x_margin=0.02,
                 log_y=True)
        errors = np.maximum(history.errors[steps], ERROR_FLOOR)
        self.error_line.set_data(steps, errors)
        self.fit(self.error_axes, steps, errors, x_margin=0.02, log_y=True)
        self.reached_at = updates_to_reach(history.weights)
        slip = getattr(history, "gradient_slip", None)
        blame = "your gradient is off" if slip else "α is too large"
        if self.broken:
            self.message.set_text(f"stopped: your {self.broken.split()[1].rstrip(',')} "
                                  "broke\n(the readout says where)")
        elif history.diverged_at is not None:
            self.message.set_text(f"diverged at step {history.diverged_at}\n{blame}")
        else:
            self.message.set_text("your gradient is off" if slip else "")

    def _parabola_range(self, index, weights):
        """Wide enough for the start, the shown point, the true value and the curve's bottom."""
        start = self.history.weights[0, index]
        points = [start, weights[index], TRUE_WEIGHTS[index]]
        # The error is a parabola in each weight: three samples place its bottom.
        around = weights[index] + np.array([-1.0, 0.0, 1.0])
        left, middle, right = self.error_along(index, weights, around)
        curvature = left - 2 * middle + right
        if curvature > 0:
            points.append(weights[index] - (right - left) / (2 * curvature))
        low, high = min(points), max(points)
        margin = max(0.15 * (high - low), 1.0)
        return low - margin, high + margin

    def describe(self, shown, weights, error, slopes):
        history = self.history
        slip = getattr(history, "gradient_slip", None)
        errors = history.errors
        if self.broken:
            state = (f"<b>the run stopped</b>: {self.broken}. Repair it, run its cell, then this "
                     "explorer's cell again")
        elif history.diverged_at is not None and slip:
            state = f"<b>diverged at step {history.diverged_at}</b>: your gradient is off: {slip}"
        elif history.diverged_at is not None:
            state = (f"<b>diverged at step {history.diverged_at}</b>: with α = "
                     f"{history.learning_rate:.3g} each step overshoots further; try a smaller α")
        elif self.reached_at is not None:
            state = (f"this run is within {REACH:g} of the true weights (0.5, 0.9, 1.2) after "
                     f"{self.reached_at} updates")
            if slip:
                state += f", though your gradient is off: {slip}"
        elif slip:
            state = f"not within {REACH:g} of the true weights yet: your gradient is off: {slip}"
        elif errors[-1] > errors[0]:
            state = (f"the error is growing: α = {history.learning_rate:.3g} is too large, and "
                     "more updates will make it diverge; try a smaller α")
        else:
            state = f"not within {REACH:g} of the true weights (0.5, 0.9, 1.2) yet"
            needed, counted, larger = self.beyond
            most = self.steps_slider.max
            if needed is not None and needed <= most:
                state += f": give it more updates (this run gets there after {needed})"
            else:
                takes = (f"it gets there after {needed} updates" if needed is not None else
                         f"it is not there even after {counted} updates")
                state += (f", and the updates slider's most, {most}, would not be enough: at "
                          f"α = {history.learning_rate:g} {takes}, counted past the slider's "
                          "end. A larger α takes larger steps")
                state += (f": α = {larger:g} gets there within {most} updates" if larger
                          else "; try one")
        note = self.preset_note()
        if note:
            state += f" · {note}"
        return (f"<span role='status'>step {shown} of {len(history.errors) - 1} · "
                f"W = ({', '.join(readable(w, decimals=3) for w in weights)}) · error "
                f"{readable(error)} · slopes "
                f"({', '.join(readable(s) if np.isfinite(s) else '—' for s in slopes)}) · "
                f"{state}</span>")


class SlopeExplorer(Explorer):
    """One weight, one row: drag W3 and see why the error is squared, and which way is downhill.

    Left, the plain miss y − z: a straight line with no lowest point. Right, the squared miss,
    a parabola, with the tangent at the current W3. Its slope ∂E/∂W3 is positive where moving
    right climbs; downhill is always the other way. The parabola's bottom, marked, is where this
    row is predicted exactly with W1 and W2 held: not the true W3 while they are wrong.
    """

    def __init__(self, row=None, target=None, held=BLIND_GUESS[:2], name=None):
        table = article_table()
        row = table.inputs[0] if row is None else row
        target = table.outputs[0] if target is None else target
        held = checks.flat(checks.numbers(held, "held"), "held", "weights, W1 and W2")
        rows, targets, weights = checks.problem(row, target, (*held, 0),
                                                ("row", "target", "held weights and W3"))
        checks.explorer_name(name)
        with np.errstate(over="ignore", invalid="ignore"):  # the misses over the W3 slider
            worst = (np.abs(targets[0] - rows[0] @ np.array([*weights[:-1], 40.0]))
                     + np.abs(rows[0][-1]) * 60) ** 2
        if not np.isfinite(worst):
            raise ValueError("the row and target are too large to draw: their squared miss "
                             f"overflows ({checks.too_large(dict(row=rows[0]))})")
        self.row, self.target, self.held = rows[0], float(targets[0]), tuple(weights[:-1])
        # The miss y − (held · row + W3·x3) is zero, and its square lowest, at this W3.
        self.bottom = (float((self.target - np.dot(self.held, self.row[:-1])) / self.row[-1])
                       if self.row[-1] else None)  # with x3 = 0, W3 changes nothing
        super().__init__(name or "Slope explorer", figsize=(9.2, 3.2))
        self.slider = widgets.FloatSlider(value=BLIND_GUESS[2], min=-20, max=40, step=0.1,
                                          readout_format=".1f", description="W3",
                                          **slider_layout("460px"))
        self.on_change(self.refresh, self.slider)
        self.refresh()

    def controls(self):
        return [[self.slider]]

    def key(self):
        bottom = ("" if self.bottom is None else
                  f" at W3 = {self.bottom:.2f}, with W1 = {self.held[0]:g} and "
                  f"W2 = {self.held[1]:g} held")
        return " &nbsp; ".join([mark("●", PALETTE["vermillion"], "the current W3"),
                                mark("╌", PALETTE["black"], "tangent: its slope is ∂E/∂W3"),
                                mark("▶", PALETTE["green"], "the way downhill"),
                                mark("┊", PALETTE["blue"], f"the bottom{bottom}")])

    def misses(self, w3):
        """y − z for each value of W3, the other weights held."""
        weights = np.column_stack([np.broadcast_to(w, np.shape(w3)) for w in self.held] + [w3])
        return self.target - descent.predict.unchecked(weights.T, self.row)

    def build(self, figure):
        raw_axes, squared_axes = figure.subplots(
            1, 2, gridspec_kw=dict(left=0.1, right=0.98, top=0.9, bottom=0.17, wspace=0.25))
        values = np.linspace(-20, 40, 121)
        label_axes(raw_axes, "the miss y − z: no lowest point", "W3", "y − z")
        raw_axes.plot(values, self.misses(values), color=PALETTE["sky"], lw=2)
        raw_axes.axhline(0, color=PALETTE["black"], lw=0.8)
        label_axes(squared_axes, "the squared miss (y − z)²: it has a bottom", "W3", "(y − z)²")
        squared_axes.plot(values, self.misses(values) ** 2, color=PALETTE["green"], lw=2)
        self.bottom_lines = [axes.axvline(np.nan if self.bottom is None else self.bottom,
                                          color=PALETTE["blue"], ls=":", lw=1.2)
                             for axes in (raw_axes, squared_axes)]
        if self.bottom is not None:
            squared_axes.text(self.bottom, 0.97, f" bottom: W3 = {self.bottom:.2f}",
                              transform=squared_axes.get_xaxis_transform(), va="top",
                              color=PALETTE["blue"])
        self.raw_point = self.moving(raw_axes.plot([], [], "o", color=PALETTE["vermillion"])[0])
        self.point = self.moving(squared_axes.plot([], [], "o", color=PALETTE["vermillion"])[0])
        self.tangent = self.moving(squared_axes.plot([], [], "--", color=PALETTE["black"])[0])
        self.downhill = self.moving(squared_axes.plot([], [], ">", ms=10,
                                                      color=PALETTE["green"])[0])
        self.span = values[-1] - values[0]

    def update(self):
        w3 = self.slider.value
        miss = float(self.misses(np.array([w3]))[0])
        slope = descent.mse_gradient.unchecked(np.array([*self.held, w3]), self.row,
                                               self.target)[2] + 0.0
        error = miss ** 2  # above, + 0.0 turns a slope of -0.0 into 0.0 for the readout
        self.raw_point.set_data([w3], [miss])
        self.point.set_data([w3], [error])
        ends = np.array([w3 - self.span / 12, w3 + self.span / 12])
        self.tangent.set_data(ends, error + slope * (ends - w3))
        direction = -np.sign(slope) if abs(slope) > 1e-9 else 0  # downhill is against the slope
        self.downhill.set_data([w3 + direction * self.span / 20], [error])
        self.downhill.set_marker(">" if direction > 0 else "<")
        self.downhill.set_visible(direction != 0)
        way = ("right (larger W3)" if direction > 0 else "left (smaller W3)" if direction < 0
               else "nowhere: this is the bottom")
        bottom = "" if self.bottom is None else f" · the bottom is at W3 = {self.bottom:.2f}"
        self.readout.value = (f"<span role='status'>W3 = {w3:.1f} · z = {self.target - miss:.2f}"
                              f" · miss y − z = {miss:.2f} · squared {readable(error)} · slope "
                              f"∂E/∂W3 = {readable(slope)} · downhill is {way}{bottom}</span>")


def readable(value, decimals=None):
    """A number for a readout, written out while that is short: 14662, 994, 12.4, 0.052 (or
    with `decimals` places, 0.200); in e-notation only when very large (or, without `decimals`,
    very small), in the figures' style: 1.5e-11, 2.1e7 (1.5 × 10⁻¹¹, 2.1 × 10⁷)."""
    value = float(value) + 0.0  # + 0.0: no "-0"
    if not np.isfinite(value):
        return str(value)
    size = abs(value)
    if decimals is not None and size < 1e5:
        return f"{value:.{decimals}f}"
    if size == 0 or 1e-3 <= size < 1e5:
        if size >= 100:
            return f"{value:.0f}"
        return f"{value:.3g}"
    mantissa, exponent = f"{value:.2e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent)}"


def _updates_still_needed(weights, true_weights=TRUE_WEIGHTS, reach=REACH):
    """A first guess at how many more updates a run (`weights`: one row per step) needs to come
    within `reach`, from the rate at which its farthest weight closed in over its second half;
    a little more than that, so that one continued run usually suffices."""
    far = np.abs(np.asarray(weights) - true_weights).max(axis=1)
    half = len(far) // 2
    if len(far) > 20 and 0 < far[-1] < far[half]:
        rate = np.log(far[-1] / far[half]) / (len(far) - 1 - half)  # per update, below 0
        return int(np.clip(1.2 * np.log(reach / far[-1]) / rate + 50, 100, BEYOND))
    return 1000


def updates_to_reach(weights, true_weights=TRUE_WEIGHTS, reach=REACH):
    """The first step from which every weight stays within `reach` of its true value to the end
    of the run (`weights`: one row per step), or None if the last step is not within reach."""
    within = np.all(np.abs(np.asarray(weights) - true_weights) < reach, axis=1)
    if not within[-1]:
        return None
    outside = np.flatnonzero(~within)
    return int(outside[-1]) + 1 if outside.size else 0  # one after the last step outside


class CompactFormatter(Formatter):
    """Tick labels such as "0.5", "1500" or "2e10", each carrying its own size, with as many
    digits as it takes to tell neighbours apart."""

    def __call__(self, value, position=None):
        return self.format_ticks([value])[0]

    def format_ticks(self, values):
        values = np.asarray(values, dtype=float)
        if not values.size:
            return []
        largest = np.abs(values).max()
        for digits in range(1, 16):
            if 1e-3 <= largest < 1e5 or largest == 0:
                labels = [_fixed(value, digits - 1) for value in values]
            else:
                labels = [_scientific(value, digits) for value in values]
            if len(set(labels)) == len(labels) or len(values) == 1:
                accurate = [float(label.replace("−", "-")) for label in labels]
                spacing = np.min(np.diff(values)) if len(values) > 1 else largest
                if np.allclose(accurate, values, rtol=0, atol=1e-3 * abs(spacing)):
                    return labels
        return labels


def _fixed(value, decimals):
    text = f"{value:.{decimals}f}"
    return "0" if float(text) == 0 else text.replace("-", "−")


def _scientific(value, digits):
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
    return f"{mantissa}e{int(exponent)}".replace("-", "−")


@FuncFormatter
def power_of_ten(value, position):
    """Plain "1e-3", "1", "1e1", "1e2" tick labels, as the notebook writes powers of ten: the
    default's typeset 10⁻³ takes several times longer to draw."""
    exponent = round(np.log10(value))
    return "1" if exponent == 0 else f"1e{exponent}"
