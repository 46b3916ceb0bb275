"""Notebook 01's explorer: one neuron with two inputs, its weights and bias on sliders."""

import html
import itertools
import re

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.transforms import Bbox, ScaledTranslation

from nnlib import checks
from nnlib.exercises.diagnosis import explain, learners_line
from nnlib.explorers.base import (PALETTE, Explorer, InWords, in_words_alone, label_axes, mark,
                                  slider_layout, wrapped)
from nnlib.neuron import ACTIVATIONS

# The four corners of the unit square, and the 0/1 label each gets in three logic tables.
CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
GATES = {"AND": np.array([0.0, 0.0, 0.0, 1.0]), "OR": np.array([0.0, 1.0, 1.0, 1.0]),
         "XOR": np.array([0.0, 1.0, 1.0, 0.0])}
XOR_WHY = ("one straight line cannot put (0,1) and (1,0) on one side and (0,0), (1,1) on the "
           "other, so one neuron never gets all 4 (hidden layers can: notebooks 03 and 04)")
YOURS = "yours"
# The lessons the presets call up (menu "preset", or explorer.show("AND")): w1, w2, b, the
# activation and the table; "defaults" is the explorer's own start.
PRESETS = {
    "AND": dict(w1=1.0, w2=1.0, bias=-1.5, activation="sigmoid", data="AND"),
    # OR at AND's setting, the start of notebook 01's exercise 5, not its answer.
    "OR": dict(w1=1.0, w2=1.0, bias=-1.5, activation="sigmoid", data="OR"),
    "XOR has no line": dict(w1=1.0, w2=-1.0, bias=-0.5, activation="sigmoid", data="XOR"),
    "step vs sigmoid": dict(w1=1.0, w2=1.0, bias=-1.5, activation="step", data="AND"),
}
PRESET_NOTES = {
    "AND": "AND: the line w·x + b = 0 puts (1,1) alone on its orange side, so the neuron gets "
           "4 of 4",
    "OR": "OR at AND's setting: 2 of 4, (0,1) and (1,0) on the blue side, where OR says 1; "
          "which bias slides the line below them, so that the neuron gets all 4?",
    "XOR has no line": "XOR: 3 of 4 here, and no setting of w1, w2 and b gets 4: try, and one "
                       "point always lands on the wrong side of the line",
    "step vs sigmoid": "the step: the same answers as the sigmoid at this setting, but its "
                       "outputs are exactly 0 or 1 and the shading has a hard edge; choose "
                       "sigmoid in the activation f menu to compare",
}
REACH = 6.0  # the sliders' reach, unless the starting values lie further out
MOST = 1000.0  # beyond this every sigmoid is a step already, and the sliders grow too coarse
PLANE = (-0.5, 1.5)  # the (x1, x2) square shown
GRID = 101  # shading: GRID × GRID points
CURVE_POINTS = 241
PLOT_LIMIT = 1e12  # outputs beyond this are too large to draw on a readable axis
NODE_SIZE = 24  # the diagram's circles, in points
SUM_MARK = 7  # the marks on the curve, in points
PLANE_LABEL_GAP = 16  # from the plane's left edge to its y label's, in points
# Where a label may go beside its mark on the curve, in turn: right and below, right and above,
# left and below, left and above. The first inside the axes that overlaps no label placed
# before it and no other point's mark is taken.
LABEL_PLACES = (("left", "top"), ("left", "bottom"), ("right", "top"), ("right", "bottom"))
LABEL_SHIFTS = 4  # where marks crowd, a label may move up to 3 marks' heights further off
ARROW = 0.4  # the weight arrow's length, in the plane's units
LABEL_COLOURS = {0.0: PALETTE["blue"], 1.0: PALETTE["orange"]}
LABEL_MARKERS = {0.0: "s", 1.0: "o"}
SIGN_COLOURS = {1: PALETTE["green"], -1: PALETTE["purple"], 0: "#999999"}
# Output 0 blue, 1/2 white, 1 orange: a point lies in its own colour when the neuron is right.
SHADING = LinearSegmentedColormap.from_list("neuron output", ["#3d8fc9", "#ffffff", "#f2b84b"])
TRIED_ON = np.linspace(-REACH, REACH, 13)  # the sums a learner's activation is tried on, once
TERMS = {"z": "the weighted sums, a numpy array"}


class ActivationFails(InWords, ValueError):
    """A learner's activation failed when the explorer tried it, or names none of nnlib's."""


class NotAnActivation(InWords, TypeError):
    """`activation` is neither a function nor the name of one of nnlib's activations."""


def in_words(error):
    """What went wrong with a learner's activation, as a sentence that names it, and the line of
    their code that failed (or None): an error raised inside their code is explained; what nnlib
    found wrong with what it returned is said as nnlib says it."""
    where = learners_line(error)
    if where is not None and isinstance(error, ValueError) and "truth value" in str(error):
        if re.search(r"(?<![\w.])max\s*\(", where.code):
            fix = ("For the larger of two things sum by sum, use numpy's np.maximum: "
                   "np.maximum(0, z) is 0 below 0 and z above.")
        elif re.search(r"(?<![\w.])min\s*\(", where.code):
            fix = ("For the smaller of two things sum by sum, use numpy's np.minimum: "
                   "np.minimum(1, z), say.")
        else:
            fix = "Choose sum by sum with np.where: a step is np.where(z >= 0, 1.0, 0.0)."
        return ("your activation asks one yes-or-no question (an `if`, `and`, `or`, Python's "
                "`max` or `min`) of a whole array of sums, and an array has no single answer. "
                + fix), where
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


def _settings(weights, bias, data, name):
    """The starting weights and bias, checked with the table's and the view's names."""
    weights = checks.flat(checks.numbers(weights, "weights"), "weights", "weights, w1 and w2")
    if len(weights) != 2:
        raise ValueError(f"weights has {len(weights)} numbers; this neuron has two inputs, "
                         "so give two weights, w1 and w2, like (1.0, 1.0)")
    bias = checks.number(bias, "bias", "-1.5")
    for value, what in ((weights[0], "weights[0]"), (weights[1], "weights[1]"), (bias, "bias")):
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
    return weights, bias


def _tried(activation):
    """nnlib's activation of that name, or a learner's function tried once, on a few sums; if it
    fails there, an error that says why in words (see NeuronExplorer)."""
    names = ", ".join(map(repr, ACTIVATIONS))
    if isinstance(activation, str) and activation not in ACTIVATIONS:
        own = (f". For a function of your own, give the function itself, by its name without "
               f"quotes: activation={activation}" if activation.isidentifier()
               else ", or give a function of your own")
        raise ActivationFails(f"activation {activation!r} is none of nnlib's: choose one of "
                              f"{names}{own}")
    if not isinstance(activation, str) and not callable(activation):
        raise NotAnActivation(not_a_function(activation))
    try:
        return checks.activation_function(activation, TRIED_ON, activations=ACTIVATIONS)
    except Exception as error:
        words, where = in_words(error)
        if where is None and words == " ".join(str(error).split()):
            # nnlib's own error about what the function returned: kept as it is (its type
            # says what kind of slip), shown in Jupyter as its words alone.
            raise in_words_alone(error)
        raise ActivationFails(words, where) from error


def not_a_function(activation):
    """Words for an `activation` that is no function: most often a function's outputs, given
    by calling it, activation=my_activation(z)."""
    if isinstance(activation, (np.ndarray, float, int, np.number)) and not isinstance(
            activation, bool):
        what = (f"an array of {np.size(activation)} numbers" if np.ndim(activation)
                else f"the number {float(activation):g}")
        return (f"activation must be a function, and it got {what}: outputs, not the function "
                "that makes them. Did you write activation=my_activation(z)? The brackets call "
                "your function at once and hand over what it returns. Give the function itself, "
                "by its name alone: activation=my_activation.")
    return (f"activation must be a function, or the name of one of nnlib's ("
            f"{', '.join(map(repr, ACTIVATIONS))}); it got {checks._short(activation)}")


class NeuronExplorer(Explorer):
    """One neuron, a = f(w1·x1 + w2·x2 + b), live.

    Left, the neuron drawn: its inputs x1, x2 and 1 (which carries the bias) → Σ → f → a, each
    connection as thick as its weight is large, green when positive, purple when negative.
    Middle, the activation f, with the weighted sums of the four corner points marked on it.
    Right, the (x1, x2) plane shaded by the neuron's output, the line where w·x + b = 0, the
    weights as an arrow across it, and the four points of AND, OR or XOR with their labels.
    The readout gives each point's sum and output, what the neuron says there (1 when the output
    is 1/2 or more), ✓ or ✗ against the table, and the count right.

    `activation(z)` may be your own function: it appears in the menu as "yours". It is tried
    once, on the sums −6, −5, …, 6, and if it fails there (no `return`, one number for all the
    sums, no numbers, an error inside it) no explorer is made, and the error says what is wrong
    in words: nnlib's own TypeError or ValueError about what it returned, or `ActivationFails`
    for an error raised inside it (naming the line) or a function still holding `...`. Either
    shows in Jupyter as its words alone. If it fails later, at sums it cannot take, the view says
    so and goes on.

    Presets (the preset menu, or `explorer.show("XOR has no line")` in one line) set a lesson's
    weights, bias, activation and table; the readout says what to look at while they stay so.
    """

    def __init__(self, activation="sigmoid", weights=(1.0, 1.0), bias=-1.5, data="AND",
                 name=None):
        try:  # a slip in the arguments is shown in Jupyter as its words alone
            weights, bias = _settings(weights, bias, data, name)
        except (TypeError, ValueError) as error:
            raise in_words_alone(error)
        chosen = _tried(activation)
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
        self._label_boxes = {}  # see _label_box
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
        self.preset_control(["defaults", *PRESETS])
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
        return [[*self.weight_sliders, self.bias_slider],
                [self.activation_menu, self.data_menu]]

    # Presets

    PRESET_NOTES = PRESET_NOTES

    @property
    def settings(self):
        (w1, w2), bias = self.weights, self.bias
        return dict(w1=float(w1), w2=float(w2), bias=float(bias),
                    activation=self.activation_menu.value, data=self.data_menu.value)

    def set_controls(self, **settings):
        """Set several controls at once (w1, w2, bias, activation, data), then show them."""
        controls = dict(w1=self.weight_sliders[0], w2=self.weight_sliders[1],
                        bias=self.bias_slider, activation=self.activation_menu,
                        data=self.data_menu)
        with self.hold(then=self._new_data):
            for key, value in settings.items():
                controls[key].value = value

    def preset(self, name):
        """The settings a preset stands for: the explorer's starting ones for "defaults"."""
        if name == "defaults":
            w1, w2, bias, activation, data = self.defaults
            return dict(w1=w1, w2=w2, bias=bias, activation=activation, data=data)
        return dict(PRESETS[name])

    def key(self):
        return " &nbsp; ".join([
            mark("●", LABEL_COLOURS[1.0], "label 1"), mark("■", LABEL_COLOURS[0.0], "label 0"),
            mark("◯", PALETTE["vermillion"], "classified wrong"),
            "readout: a → what the neuron says (1 when a ≥ ½), then ✓ if that is the table's y, "
            "✗ if not",
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
                color="#999999", solid_capstyle="butt")[0]))  # coloured by sign when drawn
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
            [], [], LABEL_MARKERS[label], color=colour, mec=PALETTE["black"], ms=SUM_MARK,
            zorder=3)[0])
            for label, colour in LABEL_COLOURS.items()}
        self.sum_texts = [self.moving(axes.text(0, 0, "", fontsize=8, ha="left", va="top"))
                          for _ in CORNERS]

    def _build_plane(self, axes, figure):
        label_axes(axes, "what it says at each (x₁, x₂)", "x₁", "x₂")
        # The ticks are one digit wide: the label sits just left of them, not out by the middle
        # panel, where label_axes's room for longer ticks would put it.
        axes.yaxis.set_label_coords(0, 0.5, axes.transAxes + ScaledTranslation(
            -PLANE_LABEL_GAP / 72, 0, figure.dpi_scale_trans))
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
        # Whether the activation falls anywhere on the curve drawn (a bump does; the sigmoid,
        # the step and the identity never do), beyond what rounding can do.
        falls = bool(np.any(np.diff(curve) < -1e-9 * max(1.0, np.ptp(curve))))
        self.readout.value = self.describe(sums, corner_outputs, right, falls)

    def _label_sums(self, sums, outputs):
        """Each point's name beside its mark on the curve; points whose marks lie on top of
        each other (the same sum, or nearly) share one label. A label goes where it overlaps no
        label placed before it and no other point's mark, and stays inside the axes (see
        LABEL_PLACES), so two marks at the same height, or close together, keep their labels
        apart."""
        # The marks, in pixels: their centres, and boxes a little larger than they are.
        centres = self.curve_axes.transData.transform(np.column_stack([sums, outputs]))
        size = SUM_MARK * self.figure.dpi / 72
        marks = [Bbox.from_extents(x - size / 2 - 1, y - size / 2 - 1, x + size / 2 + 1,
                                   y + size / 2 + 1) for x, y in centres]
        groups = []  # (z, a, the corners' numbers), by increasing z
        for k in np.argsort(sums, kind="stable"):
            if groups and np.hypot(*(centres[k] - centres[groups[-1][2][0]])) < size:
                groups[-1][2].append(k)
            else:
                groups.append((sums[k], outputs[k], [k]))
        inside = self.curve_axes.bbox
        to_data = self.curve_axes.transData.inverted()
        placed = []
        texts = iter(self.sum_texts)
        for (z, a, corners), text in zip(groups, texts):
            names = [f"({CORNERS[k][0]:.0f},{CORNERS[k][1]:.0f})" for k in corners]
            keep_off = placed + [box for k, box in enumerate(marks) if k not in corners]
            tried = []
            # Beside the mark first; where marks crowd, further below or above it, a mark's
            # height at a time.
            for shift, (ha, va) in itertools.product(range(LABEL_SHIFTS), LABEL_PLACES):
                anchor = centres[corners[0]] + (0, shift * size * (-1 if va == "top" else 1))
                box = self._label_box(text, len(names), ha, va).translated(*anchor)
                fits = (inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0
                        and box.y1 <= inside.y1)
                tried.append((ha, va, anchor, box, fits))
                if fits and not any(box.padded(-0.5).overlaps(other) for other in keep_off):
                    break
            else:  # no place is free: the first inside the axes, else the first
                ha, va, anchor, box, _ = next((t for t in tried if t[4]), tried[0])
            _place(text, names, ha, va, to_data.transform(anchor))
            placed.append(box)
        for text in texts:
            text.set_text("")

    def _label_box(self, text, lines, ha, va):
        """Where a label of `lines` names lies around its point, in pixels, as placed by
        `_place`: measured once for each shape, since every name, (0,1) to (1,1), is as wide
        as any other."""
        key = (lines, ha, va, self.figure.dpi)
        if key not in self._label_boxes:
            shown, position = (text.get_text(), text.get_horizontalalignment(),
                               text.get_verticalalignment()), text.get_position()
            _place(text, ["(0,0)"] * lines, ha, va, (0, 0))
            point = text.get_transform().transform((0, 0))
            self._label_boxes[key] = text.get_window_extent().translated(*-point)
            text.set_text(shown[0])
            text.set_horizontalalignment(shown[1])
            text.set_verticalalignment(shown[2])
            text.set_position(position)
        return self._label_boxes[key]

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

    def describe(self, sums, outputs, right, falls=False):
        """The readout: each corner's sum z, output a, what the neuron says (1 when a ≥ ½) and
        whether that is the table's y (✓) or not (✗); the count right, and why XOR never gets 4
        with an activation that never falls (`falls`: the chosen one falls somewhere on the
        curve drawn)."""
        points = ", ".join(
            f"({x1:.0f},{x2:.0f}): z = {z:.2f}, a = {a:.2f} → {a >= 0.5:d} {'✓' if ok else '✗'}"
            for (x1, x2), z, a, ok in zip(CORNERS, sums, outputs, right))
        count = int(right.sum())
        state = f"<b>{count} of 4 right</b>"
        yours = self.activation_menu.value == YOURS
        if self.data_menu.value == "XOR" and count < 4 and not (yours and falls):
            state += f": XOR never gets 4 of 4 here, because {XOR_WHY}"
            if yours:
                state += (" (yours never falls over the sums drawn, so its yes lies on one side "
                          "of a line too)")
        weights = self.weights
        if not weights.any():
            state += (f" · w₁ = w₂ = 0: no line; the output is f(b) = {outputs[0]:.2f} at "
                      "every point")
        elif line_in_square(weights, self.bias, *PLANE) is None:
            state += " · the line w·x + b = 0 lies outside the square shown"
        note = self.preset_note()
        if note:
            state += f" · {note}"
        return f"<span role='status'>{self._settings()} · {points} · {state}</span>"


def _place(text, names, ha, va, position):
    """A label of names, one a line, at `position`: to its right (ha "left") or left (ha
    "right"), two spaces off, below it (va "top") or above (va "bottom")."""
    text.set_position(tuple(position))
    text.set_text("\n".join(f"  {name}" if ha == "left" else f"{name}  " for name in names))
    text.set_horizontalalignment(ha)
    text.set_verticalalignment(va)


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


# Notebook 01's things to try, replayed in order on hidden explorers: its check cells call these,
# so that what the text says the explorer shows is what it shows.

def _set(view, w1=None, w2=None, bias=None, activation=None, data=None):
    """Set the sliders and menus at once, as the text says; every value must be one the slider
    holds."""
    wanted = {slider: value for slider, value in zip(
        (*view.weight_sliders, view.bias_slider), (w1, w2, bias)) if value is not None}
    with view.hold():
        for slider, value in wanted.items():
            slider.value = value
        if activation is not None:
            view.activation_menu.value = activation
        if data is not None:
            view.data_menu.value = data
    for slider, value in wanted.items():
        if slider.value != value:
            raise AssertionError(f"the slider {slider.description} cannot hold {value}: it "
                                 f"shows {slider.value}")


def _count(view):
    """How many corners the readout says are right."""
    return int(re.search(r"(\d) of 4 right", view.readout.value).group(1))


def _marks(view):
    """The readout's ✓ or ✗ for each corner, in order."""
    return re.findall(r"→ [01] ([✓✗])", view.readout.value)


def _says(view):
    """What the neuron says at each corner, 0 or 1, by the readout."""
    return [int(said) for said in re.findall(r"→ ([01]) ", view.readout.value)]


def replay_things_to_try():
    """Notebook 01, section 5's things to try 1–6, in order, on a hidden explorer. Raises
    AssertionError saying what differs from the text; returns a line saying what held."""
    view = NeuronExplorer(name="neuron check")
    try:
        if any(slider.step != 0.1 for slider in (*view.weight_sliders, view.bias_slider)):
            raise AssertionError("the sliders should move in steps of 0.1")
        # 1. AND at w = (1, 1), b = −1.5 with the sigmoid: 4 of 4; (0,1) and (1,0) have the sum
        # −0.5 and share one label on the curve.
        sums = CORNERS @ view.weights + view.bias
        shared = [text.get_text() for text in view.sum_texts if "(0,1)" in text.get_text()]
        if (view.data_menu.value, view.activation_menu.value, _count(view)) != (
                "AND", "sigmoid", 4) or sums[1] != sums[2] or sums[1] != -0.5 or \
                "(1,0)" not in shared[0]:
            raise AssertionError(f"1: AND should start 4 of 4, (0,1) and (1,0) at the sum −0.5 "
                                 f"with one label: {view.readout.value}")
        # 2. OR: 2 of 4 with (0,1) and (1,0) ringed; b alone slides the line without turning
        # it; some bias on the slider gets OR 4 of 4.
        _set(view, data="OR")
        ringed = {tuple(point) for point in np.column_stack(view.wrong.get_data())}
        if _count(view) != 2 or ringed != {(0.0, 1.0), (1.0, 0.0)}:
            raise AssertionError(f"2: OR at AND's setting: {view.readout.value}, ringed {ringed}")
        before = np.diff(np.asarray(view.line.get_data()), axis=1).ravel()
        _set(view, bias=-1.0)
        after = np.diff(np.asarray(view.line.get_data()), axis=1).ravel()
        if abs(before[0] * after[1] - before[1] * after[0]) > 1e-9:
            raise AssertionError("2: dragging b alone should slide the line, not turn it")
        full = []
        for bias in np.round(np.arange(-3, 3.05, 0.1), 1):  # at w = (1, 1), OR needs −1 ≤ b < 0
            _set(view, bias=bias)
            full += [bias] * (_count(view) == 4)
        if not full:
            raise AssertionError("2: no bias on the slider gets OR 4 of 4 at w = (1, 1)")
        # 3. Still OR, w = (−1, 1), b = 0: the diagonal, the arrow up and to the left; the
        # neuron says 1 at (0,0), (0,1) and (1,1), and the readout marks (0,0) and (1,0) ✗.
        _set(view, -1.0, 1.0, 0.0)
        x1s, x2s = view.line.get_data()
        arrow = np.subtract(view.arrow.xy, view.arrow.xyann)
        if view.data_menu.value != "OR" or not np.allclose(x1s, x2s) or not (
                arrow[0] < 0 < arrow[1]):
            raise AssertionError(f"3: on OR, the line should be the diagonal x2 = x1 and the "
                                 f"arrow point up and to the left: {x1s}, {x2s}, {arrow}")
        if _says(view) != [1, 1, 0, 1] or _marks(view) != ["✗", "✓", "✗", "✓"] or \
                _count(view) != 2:
            raise AssertionError(f"3: says 1 at (0,0), (0,1), (1,1), ✗ at (0,0) and (1,0), 2 of "
                                 f"4: {view.readout.value}")
        # 4. Doubled: the same line; at (0,1) 0.73 → 0.88; the step gives the same answers.
        before = nnlib_output(view)[1]
        _set(view, -2.0, 2.0, 0.0)
        after = nnlib_output(view)[1]
        if not (np.allclose(view.line.get_data(), (x1s, x2s)) and
                (round(before, 2), round(after, 2)) == (0.73, 0.88)):
            raise AssertionError(f"4: doubling should keep the line and take (0,1) from 0.73 to "
                                 f"0.88, not {before:.2f} → {after:.2f}")
        said = _says(view)
        _set(view, activation="step")
        if _says(view) != said:
            raise AssertionError(f"4: the step should say what the sigmoid says: {said}, "
                                 f"{_says(view)}")
        # 5. w1 = w2 = 0 with the step and b = 0: no line, f(b) = step(0) = 1 everywhere.
        _set(view, 0.0, 0.0, 0.0)
        if len(view.line.get_data()[0]) or "output is f(b) = 1.00 at every point" not in \
                view.readout.value:
            raise AssertionError(f"5: w = 0 should draw no line and give 1 everywhere: "
                                 f"{view.readout.value}")
        # 6. XOR with the sigmoid: 3 of 4 at best over a grid of settings, the reason said.
        _set(view, activation="sigmoid", data="XOR")
        settings = np.linspace(-3, 3, 5)
        best = 0
        for w1 in settings:
            for w2 in settings:
                for bias in settings:
                    _set(view, w1, w2, bias)
                    best = max(best, _count(view))
                    if "one straight line cannot" not in view.readout.value:
                        raise AssertionError(f"6: the readout should say why: "
                                             f"{view.readout.value}")
        if best != 3:
            raise AssertionError(f"6: XOR should reach 3 of 4 at best, not {best}")
    finally:
        view.close()
    return (f"Things to try 1–6 hold: AND 4 of 4; OR 2 of 4 there, and some bias on the slider "
            f"gets 4 of 4 ({len(full)} of them); on the diagonal the neuron says 1 at (0,0), which "
            f"OR marks ✗; {before:.2f} → {after:.2f} when doubled; 1 everywhere at w = 0; XOR "
            f"at best {best} of 4 over {len(settings) ** 3} settings.")


def nnlib_output(view):
    """The outputs at the four corners, computed anew from the explorer's settings."""
    return view.activation(CORNERS @ view.weights + view.bias)


def replay_your_activation(broken):
    """Notebook 01, section 7's things to try 1–5, in order, on hidden explorers. `broken` maps
    activations written wrong on purpose (in the notebook, so that their lines can be named)
    to words the explorer's refusal must hold. Raises AssertionError saying what differs from
    the text; returns a line saying what held."""
    def bump(z):
        return np.exp(-z ** 2)

    if not np.isclose(np.sqrt(np.log(2)), 0.83, atol=0.005):
        raise AssertionError("the bump is 1/2 at z = ±√(ln 2), which should be ±0.83")
    view = NeuronExplorer(activation=bump, data="XOR", name="your activation check")
    try:
        # 1. XOR at w = (1, 1), b = −1.5, "yours": 3 of 4; the shading a band, orange along the
        # line through (0.5, 0.5), blue at the square's corners on both sides.
        shading = view.image.get_array()
        middle, corners = shading[GRID // 2, GRID // 2], (shading[0, 0], shading[-1, -1])
        if view.activation_menu.value != YOURS or _count(view) != 3 or not (
                middle > 0.5 > max(corners)):
            raise AssertionError(f"1: the bump should start as 'yours', 3 of 4, a band: "
                                 f"{view.readout.value}")
        # 2. b = −1: 4 of 4, the sums −1, 0, 0, 1 and the outputs 0.37, 1, 1, 0.37.
        _set(view, bias=-1.0)
        sums = CORNERS @ view.weights + view.bias
        outputs = nnlib_output(view)
        if _count(view) != 4 or not (np.allclose(sums, [-1, 0, 0, 1]) and
                                     np.allclose(outputs.round(2), [0.37, 1, 1, 0.37])):
            raise AssertionError(f"2: b = −1 should get XOR 4 of 4: {view.readout.value}")
        # 3. The sigmoid at the same weights: 3 of 4, and the reason.
        _set(view, activation="sigmoid")
        if _count(view) != 3 or "one straight line cannot" not in view.readout.value:
            raise AssertionError(f"3: the sigmoid should get 3 of 4 here: {view.readout.value}")
    finally:
        view.close()

    # 4. A sigmoid as exercise 2 asks: drawn as nnlib's, and on XOR the same reason is given;
    # one not written yet is refused in words.
    def a_sigmoid(z):
        return 1 / (1 + np.exp(-z))

    view = NeuronExplorer(activation=a_sigmoid, weights=(2.0, -1.0), bias=0.3, data="XOR",
                          name="your activation check")
    try:
        yours = view.image.get_array().copy()
        reason = view.readout.value
        _set(view, activation="sigmoid")
        if not np.allclose(yours, view.image.get_array()):
            raise AssertionError("4: a right sigmoid should shade the plane as nnlib's does")
        if "one straight line cannot" not in reason or "yours never falls" not in reason:
            raise AssertionError(f"4: with a sigmoid of one's own the readout should give "
                                 f"XOR's reason: {reason}")
    finally:
        view.close()
    said = {}
    for wrong, words in [(lambda z: ..., "still holds `...`"), *broken.items(),
                         (bump(np.linspace(-6, 6, 13)), "activation=my_activation(z)"),
                         ("bump", "by its name without quotes: activation=bump")]:
        name = getattr(wrong, "__name__", repr(wrong) if isinstance(wrong, str)
                       else "a function's outputs")
        try:
            NeuronExplorer(activation=wrong, name="your activation check").close()
        except (TypeError, ValueError) as problem:
            said[name] = str(problem)
            shown = "".join(problem._render_traceback_())
            if words not in said[name] or "nnlib/" in shown or "File " in shown:
                raise AssertionError(f"5: {name}: the words should say {words!r}, alone, "
                                     f"not {shown!r}") from None
        else:
            raise AssertionError(f"5: {name} should be refused, and an explorer was made")
    return ("Your own activation: the bump gets XOR 3 of 4, then 4 of 4 at b = −1 (outputs "
            "0.37, 1, 1, 0.37); the sigmoid 3 of 4. A right sigmoid draws as nnlib's and gets "
            f"the same reason; {len(said)} broken ones are refused in words, as: "
            + " ".join(said[next(iter(broken)).__name__].split()))
