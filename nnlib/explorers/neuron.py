"""Notebook 01's explorer: one neuron with two inputs, its weights and bias on sliders."""

import html
import re

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from nnlib import checks
from nnlib.exercises.diagnosis import explain, learners_line
from nnlib.explorers.base import PALETTE, Explorer, label_axes, mark, slider_layout, wrapped
from nnlib.neuron import ACTIVATIONS

# The four corners of the unit square, and the 0/1 label each gets in three logic tables.
CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
GATES = {"AND": np.array([0.0, 0.0, 0.0, 1.0]), "OR": np.array([0.0, 1.0, 1.0, 1.0]),
         "XOR": np.array([0.0, 1.0, 1.0, 0.0])}
XOR_WHY = ("one straight line cannot put (0,1) and (1,0) on one side and (0,0), (1,1) on the "
           "other, so one neuron never gets all 4 (hidden layers can: notebooks 03 and 04)")
YOURS = "yours"
REACH = 6.0  # the sliders' reach, unless the starting values lie further out
MOST = 1000.0  # beyond this every sigmoid is a step already, and the sliders grow too coarse
PLANE = (-0.5, 1.5)  # the (x1, x2) square shown
GRID = 101  # shading: GRID × GRID points
CURVE_POINTS = 241
PLOT_LIMIT = 1e12  # outputs beyond this are too large to draw on a readable axis
NODE_SIZE = 24  # the diagram's circles, in points
ARROW = 0.4  # the weight arrow's length, in the plane's units
LABEL_COLOURS = {0.0: PALETTE["blue"], 1.0: PALETTE["orange"]}
LABEL_MARKERS = {0.0: "s", 1.0: "o"}
SIGN_COLOURS = {1: PALETTE["green"], -1: PALETTE["purple"], 0: "#999999"}
# Output 0 blue, 1/2 white, 1 orange: a point lies in its own colour when the neuron is right.
SHADING = LinearSegmentedColormap.from_list("neuron output", ["#3d8fc9", "#ffffff", "#f2b84b"])
TRIED_ON = np.linspace(-REACH, REACH, 13)  # the sums a learner's activation is tried on, once
TERMS = {"z": "the weighted sums, a numpy array"}


class ActivationFails(ValueError):
    """A learner's activation failed when the explorer tried it. Shown in Jupyter as its words
    alone, with the line of the learner's code that failed, not as a traceback through nnlib;
    the error itself stays chained as `__cause__`."""

    def __init__(self, words, where=None):
        self.words, self.where = words, where
        super().__init__(words + (f"\n  Where: {where}" if where is not None else ""))

    def _render_traceback_(self):  # IPython shows these lines instead of a traceback
        return ["\x1b[31m✗ " + str(self) + "\x1b[0m"]


def in_words(error):
    """What went wrong with a learner's activation, as a sentence that names it, and the line of
    their code that failed (or None): an error raised inside their code is explained; what nnlib
    found wrong with what it returned is said as nnlib says it."""
    where = learners_line(error)
    if where is not None and isinstance(error, ValueError) and "truth value" in str(error):
        return ("your activation asks one yes-or-no question (an `if`, `and`, `or`, `max`) of "
                "a whole array of sums, and an array has no single answer. Choose sum by sum "
                "with np.where: a step is np.where(z >= 0, 1.0, 0.0)."), where
    if where is not None:
        words = explain(error, "your activation", TERMS)
        return (words if words.startswith("your activation") else
                f"your activation fails: {words}"), where
    message = " ".join(str(error).split())
    if "ellipsis" in message.lower():
        return ("your activation returned `...`: it still holds `...` where code belongs, or "
                "calls a function that does (your sigmoid before exercise 2 is written, say). "
                "Write it, run its cell, then make the explorer again."), None
    return message, None


class NeuronExplorer(Explorer):
    """One neuron, a = f(w1·x1 + w2·x2 + b), live.

    Left, the neuron drawn: its inputs x1, x2 and 1 (which carries the bias) → Σ → f → a, each
    connection as thick as its weight is large, green when positive, purple when negative.
    Middle, the activation f, with the weighted sums of the four corner points marked on it.
    Right, the (x1, x2) plane shaded by the neuron's output, the line where w·x + b = 0, the
    weights as an arrow across it, and the four points of AND, OR or XOR with their labels.
    The readout counts the points classified right (an output of 1/2 or more counts as 1).

    `activation(z)` may be your own function: it appears in the menu as "yours". It is tried
    once, on the sums −6, −5, …, 6, and if it fails there (no `return`, one number for all the
    sums, no numbers, an error inside it) no explorer is made, and the error says what is wrong
    in words: nnlib's own TypeError or ValueError about what it returned, or `ActivationFails`
    for an error raised inside it (naming the line) or a function still holding `...`. Either
    shows in Jupyter as its words alone. If it fails later, at sums it cannot take, the view says
    so and goes on.
    """

    def __init__(self, activation="sigmoid", weights=(1.0, 1.0), bias=-1.5, data="AND",
                 name=None):
        weights = checks.flat(checks.numbers(weights, "weights"), "weights", "weights, w1 and w2")
        if len(weights) != 2:
            raise ValueError(f"weights has {len(weights)} numbers; this neuron has two inputs, "
                             "so give two weights, w1 and w2, like (1.0, 1.0)")
        bias = checks.number(bias, "bias", "-1.5")
        for value, what in ((weights[0], "weights[0]"), (weights[1], "weights[1]"),
                            (bias, "bias")):
            if abs(value) > MOST:
                raise ValueError(f"{what} is {value:g}; the sliders reach ±{MOST:g} at most: "
                                 "beyond that a sigmoid is a step already")
        if not isinstance(data, str):
            raise TypeError(f"data must be the name of a table, one of {', '.join(GATES)}; got "
                            f"{checks._short(data)}")
        if data not in GATES:
            raise ValueError(f"data {data!r} is none of the tables: choose one of "
                             f"{', '.join(GATES)}")
        checks.explorer_name(name)
        try:  # a learner's activation is tried once, here, on a few sums
            chosen = checks.activation_function(activation, TRIED_ON, activations=ACTIVATIONS)
        except Exception as error:
            if isinstance(activation, str) or not callable(activation):
                raise  # nnlib's own words: no name of its activations, or not a function
            words, where = in_words(error)
            if where is None and words == " ".join(str(error).split()):
                # nnlib's own error about what the function returned: kept as it is (its type
                # says what kind of slip), shown in Jupyter as its words alone.
                error._render_traceback_ = ActivationFails(words)._render_traceback_
                raise
            raise ActivationFails(words, where) from error
        self.functions = {key: checks.unchecked(function)
                          for key, (function, _) in ACTIVATIONS.items()}
        if isinstance(activation, str):
            start = activation
        else:
            self.functions[YOURS] = chosen
            start = YOURS
        self.defaults = (float(weights[0]), float(weights[1]), bias, start, data)
        self.grid = np.linspace(*PLANE, GRID)  # the shading's x1 (columns) and x2 (rows)
        x1, x2 = np.meshgrid(self.grid, self.grid)
        self.grid_points = np.column_stack([x1.ravel(), x2.ravel()])
        self.problem = None  # what went wrong at the present setting, if anything
        super().__init__(name or "Neuron explorer", figsize=(9.2, 3.5))
        self._make_controls()
        self._label_points()
        self.refresh()

    # The controls

    def _make_controls(self):
        w1, w2, bias, activation, data = self.defaults
        reach = max(REACH, *(abs(value) * 1.2 for value in (w1, w2, bias)))
        self.weight_sliders = tuple(
            widgets.FloatSlider(value=value, min=-reach, max=reach, step=0.1,
                                readout_format=".1f", description=f"w{i}", **slider_layout())
            for i, value in ((1, w1), (2, w2)))
        self.bias_slider = widgets.FloatSlider(value=bias, min=-reach, max=reach, step=0.1,
                                               readout_format=".1f", description="bias b",
                                               **slider_layout())
        self.activation_menu = widgets.Dropdown(options=list(self.functions), value=activation,
                                                description="activation f",
                                                **slider_layout("220px"))
        self.data_menu = widgets.Dropdown(options=list(GATES), value=data, description="data",
                                          **slider_layout("220px"))
        self.on_change(self.refresh, *self.weight_sliders, self.bias_slider,
                       self.activation_menu)
        self.on_change(self._new_data, self.data_menu)

    def _new_data(self):
        """Another table: label its points, then show them."""
        self._label_points()
        self.refresh()

    def _label_points(self):
        for text, target in zip(self.point_texts, self.targets):
            text.set_text(f"y = {target:.0f}")

    def controls(self):
        return [[*self.weight_sliders, self.bias_slider], [self.activation_menu, self.data_menu]]

    def key(self):
        return " &nbsp; ".join([
            mark("●", LABEL_COLOURS[1.0], "label 1"), mark("■", LABEL_COLOURS[0.0], "label 0"),
            mark("◯", PALETTE["vermillion"], "classified wrong"),
            mark("━", PALETTE["black"], "the line w·x + b = 0"),
            mark("➜", PALETTE["black"], "the weights (w1, w2)"),
            "shading: the output, blue 0, white ½, orange 1 (output ½ or more counts as 1; "
            "for the identity that is z ≥ ½, not the line z = 0)",
            mark("━", SIGN_COLOURS[1], "positive weight"),
            mark("━", SIGN_COLOURS[-1], "negative weight: thicker is larger")])

    @property
    def weights(self):
        return np.array([slider.value for slider in self.weight_sliders])

    @property
    def bias(self):
        return self.bias_slider.value

    @property
    def activation(self):
        return self.functions[self.activation_menu.value]

    @property
    def targets(self):
        return GATES[self.data_menu.value]

    # The figure

    def build(self, figure):
        grid = figure.add_gridspec(1, 3, left=0.01, right=0.925, top=0.9, bottom=0.15,
                                   width_ratios=[1.05, 1, 0.85], wspace=0.38)
        self.diagram_axes = figure.add_subplot(grid[0])
        self.curve_axes = figure.add_subplot(grid[1])
        self.plane_axes = figure.add_subplot(grid[2])
        self._build_diagram(self.diagram_axes)
        self._build_curve(self.curve_axes)
        self._build_plane(self.plane_axes, figure)
        self.message = self.moving(figure.text(
            0.5, 0.5, "", ha="center", va="center", wrap=True, color=PALETTE["vermillion"],
            fontsize=10, weight="bold", bbox={"facecolor": "white", "alpha": 0.95,
                                              "edgecolor": PALETTE["vermillion"]}))

    def _build_diagram(self, axes):
        axes.set_title("the neuron", y=1.0, pad=4)
        axes.set_xlim(0, 1)
        axes.set_ylim(0, 1)
        axes.set_axis_off()
        inputs = {"x1": (0.08, 0.82), "x2": (0.08, 0.5), "1": (0.08, 0.18)}
        total, function, output = (0.5, 0.5), (0.72, 0.5), (0.93, 0.5)
        self.connections = []
        self.weight_texts = []
        placements = {"x1": (0.27, 0.74), "x2": (0.27, 0.55), "1": (0.27, 0.25)}
        # The connections end at the nodes' edges: drawn over the still nodes, they must not
        # cross them. The axes' size in inches turns the nodes' radius into its units.
        box = axes.get_position()
        width = box.width * axes.figure.get_figwidth()
        height = box.height * axes.figure.get_figheight()
        radius = (NODE_SIZE / 2 + 1) / 72  # inches
        for name, (x, y) in inputs.items():
            along = np.array([(total[0] - x) * width, (total[1] - y) * height])
            step = radius * along / np.linalg.norm(along) / (width, height)
            self.connections.append(self.moving(axes.plot(
                [x + step[0], total[0] - step[0]], [y + step[1], total[1] - step[1]],
                solid_capstyle="butt")[0]))
            self.weight_texts.append(self.moving(axes.text(
                *placements[name], "", ha="center", va="center", fontsize=9,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})))
        nodes = [*inputs.values(), total, function, output]
        xs, ys = zip(*nodes)
        axes.plot(xs, ys, "o", ms=NODE_SIZE, mfc="white", mec=PALETTE["black"], mew=1.2)
        for (x, y), text in zip(nodes, ["x₁", "x₂", "1", "Σ", "f", "a"]):
            axes.text(x, y, text, ha="center", va="center", fontsize=11)
        for start, end in ((total, function), (function, output)):
            axes.annotate("", xy=(end[0] - 0.075, end[1]), xytext=(start[0] + 0.075, start[1]),
                          arrowprops={"arrowstyle": "->", "lw": 1.2})
        axes.text(0.72, 0.9, "z = w₁x₁ + w₂x₂ + b", ha="center", fontsize=8.5)
        axes.text(0.72, 0.8, "a = f(z)", ha="center", fontsize=8.5)
        self.function_text = self.moving(axes.text(function[0], 0.36, "", ha="center",
                                                   va="top", fontsize=8.5))
        axes.text(0.08, 0.02, "inputs", ha="center", fontsize=8.5, color="#555555")
        axes.text(total[0], 0.36, "sum", ha="center", va="top", fontsize=8.5,
                  color="#555555")
        axes.text(output[0], 0.36, "output", ha="center", va="top", fontsize=8.5,
                  color="#555555")

    def _build_curve(self, axes):
        label_axes(axes, "the activation, at the four points", "weighted sum z = w·x + b",
                   "output a = f(z)")
        axes.set_xlim(-REACH * 1.1, REACH * 1.1)
        axes.set_ylim(-0.12, 1.12)
        axes.axhline(0.5, color="#999999", lw=0.8, ls=":")
        axes.axvline(0, color="#999999", lw=0.8, ls=":")
        self.curve = self.moving(axes.plot([], [], color=PALETTE["black"], lw=1.8)[0])
        self.sum_points = {label: self.moving(axes.plot(
            [], [], LABEL_MARKERS[label], color=colour, mec=PALETTE["black"], ms=7, zorder=3)[0])
            for label, colour in LABEL_COLOURS.items()}
        self.sum_texts = [self.moving(axes.text(0, 0, "", fontsize=8, ha="left", va="top"))
                          for _ in CORNERS]

    def _build_plane(self, axes, figure):
        label_axes(axes, "what it says at each (x₁, x₂)", "x₁", "x₂")
        for spine in axes.spines.values():
            spine.set_visible(False)  # the shading is the box
        half = (PLANE[1] - PLANE[0]) / (GRID - 1) / 2
        extent = (PLANE[0] - half, PLANE[1] + half, PLANE[0] - half, PLANE[1] + half)
        self.image = self.moving(axes.imshow(
            np.zeros((GRID, GRID)), origin="lower", extent=extent, cmap=SHADING, vmin=0,
            vmax=1, interpolation="nearest", aspect="equal"))
        axes.set_xlim(*PLANE)
        axes.set_ylim(*PLANE)
        axes.set_xticks([0, 1])
        axes.set_yticks([0, 1])
        bar_axes = figure.add_axes([0.94, 0.15, 0.012, 0.75])
        bar = figure.colorbar(self.image, cax=bar_axes, ticks=[0, 0.5, 1])
        bar.ax.set_yticklabels(["0", "½", "1"])
        bar.outline.set_visible(False)
        bar.ax.set_title("a", fontsize=9, pad=4)
        self.line = self.moving(axes.plot([], [], color=PALETTE["black"], lw=2)[0])
        self.arrow = self.moving(axes.annotate(
            "", xy=(0, 0), xytext=(0, 0),
            arrowprops={"arrowstyle": "-|>", "lw": 2, "color": PALETTE["black"],
                        "mutation_scale": 14, "shrinkA": 0, "shrinkB": 0}))
        self.points = {label: self.moving(axes.plot(
            [], [], LABEL_MARKERS[label], color=colour, mec=PALETTE["black"], ms=10,
            zorder=3)[0]) for label, colour in LABEL_COLOURS.items()}
        self.wrong = self.moving(axes.plot([], [], "o", mfc="none", mec=PALETTE["vermillion"],
                                           ms=19, mew=2.2, zorder=4)[0])
        self.point_texts = [self.moving(axes.text(
            x + (0.1 if x > 0.5 else -0.1), y + (0.1 if y > 0.5 else -0.1), "", fontsize=8,
            ha="left" if x > 0.5 else "right", va="bottom" if y > 0.5 else "top",
            bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1}))
            for x, y in CORNERS]

    # Moving it

    def outputs(self, sums):
        """f(sums) by the chosen activation, or a ValueError saying what is wrong with them."""
        function = self.activation
        name = "activation"
        with np.errstate(all="ignore"):  # an overflow is reported in words below
            outputs = checks.try_function(function, name, dict(z=sums), sums.shape,
                                          "weighted sum")
        if np.abs(outputs).max() > PLOT_LIMIT:
            raise ValueError(f"the outputs reach {np.abs(outputs).max():.3g}: too large to "
                             "plot. Outputs between 0 and 1, like the sigmoid's, read best")
        return outputs

    def update(self):
        weights, bias, targets = self.weights, self.bias, self.targets
        sums = CORNERS @ weights + bias
        axes = self.curve_axes
        self.fit(axes, [-REACH, REACH, *sums], axes.get_ylim(), x_margin=0.05)
        curve_sums = np.linspace(*axes.get_xlim(), CURVE_POINTS)
        everything = np.concatenate([sums, curve_sums, self.grid_points @ weights + bias])
        try:
            outputs = self.outputs(everything)
        except Exception as error:  # a learner's activation: say so in the view, keep going
            words, where = in_words(error)
            if where is not None:
                words += f" (line {where.line} of {where.function}: {where.code})"
            # An array in the message would fill the view: its values are in the readout.
            self.problem = re.sub(r"\[[^\]]*\]", "[…]", words)
            self.message.set_text(f"At this setting:\n{wrapped(self.problem)}")
            self.readout.value = (f"<span role='status'>{self._settings()} · <b>at this "
                                  f"setting</b>, {html.escape(self.problem)}</span>")
            return
        self.problem = None
        self.message.set_text("")
        corner_outputs = outputs[:len(CORNERS)]
        curve = outputs[len(CORNERS):len(CORNERS) + CURVE_POINTS]
        shading = outputs[len(CORNERS) + CURVE_POINTS:].reshape(GRID, GRID)

        self.curve.set_data(curve_sums, curve)
        self.fit(axes, axes.get_xlim(), [0, 1, *curve, *corner_outputs])
        for label, points in self.sum_points.items():
            points.set_data(sums[targets == label], corner_outputs[targets == label])
        self._label_sums(sums, corner_outputs)

        self.image.set_data(shading)
        self._move_line_and_arrow(weights, bias)
        for label, points in self.points.items():
            points.set_data(*CORNERS[targets == label].T)
        said = (corner_outputs >= 0.5).astype(float)
        right = said == targets
        self.wrong.set_data(*CORNERS[~right].T)

        for connection, text, name, weight in zip(
                self.connections, self.weight_texts, ("w₁", "w₂", "b"), (*weights, bias)):
            sign = int(np.sign(weight))
            connection.set_color(SIGN_COLOURS[sign])
            connection.set_linewidth(line_width(weight))
            connection.set_linestyle("-" if sign else ":")
            text.set_text(f"{name} = {_signed(weight)}")
            text.set_color(SIGN_COLOURS[sign] if sign else PALETTE["black"])
        self.function_text.set_text(self.activation_menu.value)
        self.readout.value = self.describe(sums, corner_outputs, right)

    def _label_sums(self, sums, outputs):
        """Each point's name beside its mark on the curve; points whose sums lie too close to
        tell apart share one label."""
        low, high = self.curve_axes.get_xlim()
        groups = []  # (z, a, names), by increasing z
        for k in np.argsort(sums, kind="stable"):
            name = f"({CORNERS[k][0]:.0f},{CORNERS[k][1]:.0f})"
            if groups and sums[k] - groups[-1][0] < 0.04 * (high - low):
                groups[-1][2].append(name)
            else:
                groups.append((sums[k], outputs[k], [name]))
        texts = iter(self.sum_texts)
        for (z, a, names), text in zip(groups, texts):
            text.set_position((z, a))
            text.set_text("  " + "\n  ".join(names))
        for text in texts:
            text.set_text("")

    def _move_line_and_arrow(self, weights, bias):
        ends = line_in_square(weights, bias, *PLANE)
        if ends is None:
            self.line.set_data([], [])
            self.arrow.set_visible(False)
            return
        self.line.set_data(*ends.T)
        # From the line's point nearest the square's middle, ARROW long, along (w1, w2).
        middle = np.full(2, np.mean(PLANE))
        start = middle - (weights @ middle + bias) / (weights @ weights) * weights
        start = np.clip(start, *PLANE)
        self.arrow.xyann = tuple(start)
        self.arrow.xy = tuple(start + ARROW * weights / np.linalg.norm(weights))
        self.arrow.set_visible(True)

    def _settings(self):
        (w1, w2), b = self.weights, self.bias
        return (f"{self.data_menu.value} · w = ({w1:.1f}, {w2:.1f}), b = {b:.1f} · "
                f"{self.activation_menu.value}")

    def describe(self, sums, outputs, right):
        points = ", ".join(
            f"({x1:.0f},{x2:.0f}): z = {z:.2f}, a = {a:.2f} {'✓' if ok else '✗'}"
            for (x1, x2), z, a, ok in zip(CORNERS, sums, outputs, right))
        count = int(right.sum())
        state = f"<b>{count} of 4 right</b>"
        if self.data_menu.value == "XOR" and count < 4 and self.activation_menu.value != YOURS:
            state += f": XOR never gets 4 of 4 here, because {XOR_WHY}"
        weights = self.weights
        if not weights.any():
            state += (f" · w₁ = w₂ = 0: no line; the output is f(b) = {outputs[0]:.2f} at "
                      "every point")
        elif line_in_square(weights, self.bias, *PLANE) is None:
            state += " · the line w·x + b = 0 lies outside the square shown"
        return f"<span role='status'>{self._settings()} · {points} · {state}</span>"


def line_in_square(weights, bias, low, high):
    """The two ends of the line w·x + b = 0 inside the square [low, high]², or None if there
    is no line (w = 0) or it misses the square."""
    w1, w2 = weights
    points = []
    if w2:
        for x1 in (low, high):
            points.append((x1, -(bias + w1 * x1) / w2))
    if w1:
        for x2 in (low, high):
            points.append((-(bias + w2 * x2) / w1, x2))
    tolerance = 1e-12 * (high - low)
    inside = [p for p in points if all(low - tolerance <= v <= high + tolerance for v in p)]
    if len(inside) < 2:
        return None
    inside = np.array(inside)
    direction = np.array([w2, -w1])  # along the line: order the points, keep the two ends
    along = inside @ direction
    return inside[[np.argmin(along), np.argmax(along)]]


def line_width(weight):
    """A connection's width, in points: thicker for a larger weight."""
    return 0.8 + min(abs(weight), 8.0) * 1.4


def _signed(value):
    """A number with one decimal and a true minus sign."""
    return f"{value:.1f}".replace("-", "−")
