"""Notebook 03's explorer: one training example through a 2-3-1 sigmoid network, stage by stage,
forward and back: the activations, the cost, each layer's δ, the gradients, and the update."""

import math
from collections import OrderedDict
from functools import partial

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.patches import FancyBboxPatch
from matplotlib.text import Text

from nnlib import checks, network
from nnlib.explorers.base import (PALETTE, Explorer, label_axes, log_slider, mark, slider_layout,
                                   wrapped)
from nnlib.explorers.neuron import SIGN_COLOURS, line_width
from nnlib.neuron import sigmoid_derivative

SIZES = (2, 3, 1)
SEED = 1  # starting weights from nnlib.new_network(SIZES, seed=SEED)
STAGES = ("forward pass", "cost", "δ of the output", "δ of the hidden layer", "gradients",
          "update")
FORWARD, COST, OUTPUT_DELTA, HIDDEN_DELTA, GRADIENTS, UPDATE = range(len(STAGES))
# The stage slider shows the stages' numbers, 1 to 6, as the text, the readout and the stage
# panel count them; the code's stage (an index into STAGES, FORWARD to UPDATE) is one less.
# XOR's four rows: input → target.
EXAMPLES = {"(0, 0) → 0": ((0.0, 0.0), 0.0), "(0, 1) → 1": ((0.0, 1.0), 1.0),
            "(1, 0) → 1": ((1.0, 0.0), 1.0), "(1, 1) → 0": ((1.0, 1.0), 0.0)}
SATURATED = 0.02  # a neuron whose σ′(z) is below this is flagged: it passes back almost nothing
# The α slider's range: round numbers of two significant digits (0.01, 0.011, … 9.9, 10, 11, …
# 30), so that every α the notebook sets is one the slider holds, and the slider and the
# update always agree.
LEAST_RATE, MOST_RATE = 0.01, 30.0
MOST_SCALE = 10.0
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
HIDDEN_NAMES = tuple(f"h{j}".translate(SUBSCRIPTS) for j in range(1, SIZES[1] + 1))
INPUT_NAMES = tuple(f"x{k}".translate(SUBSCRIPTS) for k in range(1, SIZES[0] + 1))
NODE_NAMES = (INPUT_NAMES, HIDDEN_NAMES, ("out",))
# Where the nodes sit in the diagram's axes (0 to 1 both ways): inputs, hidden layer, output.
PLACES = (((0.08, 0.7), (0.08, 0.3)), ((0.43, 0.84), (0.43, 0.5), (0.43, 0.16)), ((0.8, 0.5),))
QUIET = "#999999"
# The lessons the presets call up (menu "preset", or explorer.show("saturated")), each on top of
# the explorer's starting α, example and edge, from the starting weights (no update taken). A
# stage is given as the slider shows it, 1 to 6.
PRESETS = {
    "saturated": dict(scale=4.0, stage=HIDDEN_DELTA + 1),
    "after the update": dict(scale=1.0, stage=UPDATE + 1),
}
PRESET_NOTES = {
    "saturated": "weights × 4: the sums lie far from 0, where σ′ is nearly 0, so each flagged "
                 "neuron passes back almost nothing; look at its δ, far smaller than the "
                 "others'",
    "after the update": "the update: each weight has moved by −α times its gradient, and the "
                        "cost after the update is below the cost C; ▶ next takes the step",
}
CURVE_REACH = 10.0  # the σ′ plot shows z from −10 to 10, wider when a sum lies further out


def parameter_names():
    """The edge menu's entries, name → (layer counted from 1, "weights" or "biases", index)."""
    names = {}
    for layer in (1, 2):
        for j in range(SIZES[layer]):
            for k in range(SIZES[layer - 1]):
                source = NODE_NAMES[layer - 1][k]
                target = NODE_NAMES[layer][j] if layer == 1 else "output"
                label = f"w[{layer}]" + f"{j + 1}{k + 1}".translate(SUBSCRIPTS)
                names[f"{label}: {source} → {target}"] = (layer, "weights", (j, k))
    for layer in (1, 2):
        for j in range(SIZES[layer]):
            label = f"b[{layer}]" + f"{j + 1}".translate(SUBSCRIPTS)
            owner = NODE_NAMES[layer][j] if layer == 1 else "the output"
            names[f"{label}: bias of {owner}"] = (layer, "biases", (j,))
    return names


PARAMETERS = parameter_names()


def backward_name(backward):
    """Which backward pass is drawn, in the readout's words: nnlib's, or the learner's."""
    if getattr(backward, "__module__", "").startswith("nnlib."):
        return f"nnlib.{getattr(backward, '__name__', 'backward_pass')}"
    name = getattr(backward, "__name__", "")
    return f"your {name}" if name.isidentifier() else "your backward"


def _signed(value, digits=3):
    """A number to a few significant digits, with a true minus sign."""
    text = f"{value:.{digits}g}"
    return ("0" if float(text) == 0 else text).replace("-", "−")


class LinePictures:
    """Lines of text drawn once and kept as pictures, for Agg canvases.

    Matplotlib lays out and rasterizes every glyph of a text each time it is drawn, and the
    moving texts are drawn on every change: most of a refresh. Most of their lines come back
    unchanged (a node's numbers while α is dragged, a stage's formula), so each line is drawn
    once into a small transparent picture, kept by what decides its pixels (string, font,
    colour, where it falls within a pixel), and pasted after that. The glyphs land on the same
    1/64 pixel positions as when drawn directly; pasting them differs from drawing them by at
    most one level in a few pixels, and a full redraw pastes the same pictures."""

    def __init__(self, most=600):
        self.pictures = OrderedDict()  # the least recently used first
        self.most = most

    def draw_text(self, renderer, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        clip_path, _ = gc.get_clip_path()
        if ismath or angle or gc.get_clip_rectangle() is not None or clip_path is not None:
            return RendererAgg.draw_text(renderer, gc, x, y, s, prop, angle, ismath, mtext)
        across, up = round(64 * x), round(64 * (renderer.height - y))  # FreeType's 1/64 pixel
        key = (s, hash(prop), prop.get_size_in_points(), renderer.dpi, across % 64, up % 64,
               gc.get_rgb(), gc.get_alpha(), gc.get_antialiased())
        picture = self.pictures.get(key)
        if picture is None:
            picture = self.pictures[key] = _line_picture(renderer.dpi, gc, across % 64 / 64,
                                                         up % 64 / 64, s, prop)
            if len(self.pictures) > self.most:
                self.pictures.popitem(last=False)
        else:
            self.pictures.move_to_end(key)
        if picture is False:  # reaching past the picture's margins: drawn as usual
            return RendererAgg.draw_text(renderer, gc, x, y, s, prop, angle, ismath, mtext)
        if picture is not None:
            pixels, left, bottom = picture
            plain = renderer.new_gc()
            renderer.draw_image(plain, across // 64 + left, up // 64 + bottom, pixels)
            plain.restore()


def _line_picture(dpi, gc, x, y, s, prop):
    """One line of text drawn on a transparent canvas, its baseline's start at (x, y) within a
    pixel: (RGBA rows bottom first, cropped to the ink; the left and bottom of the crop from
    that pixel), None for no ink, False when the ink reaches the edge."""
    size = prop.get_size_in_points() * dpi / 72
    margin = math.ceil(size) + 2
    width, height = math.ceil(size * (len(s) + 1)) + 2 * margin, 3 * margin
    canvas = RendererAgg(width, height, dpi)
    copy = canvas.new_gc()
    copy.copy_properties(gc)
    canvas.draw_text(copy, margin + x, height - margin - y, s, prop, 0)
    copy.restore()
    pixels = np.asarray(canvas.buffer_rgba())
    rows, = np.nonzero(pixels[..., 3].any(axis=1))
    columns, = np.nonzero(pixels[..., 3].any(axis=0))
    if not rows.size:
        return None
    if rows[0] == 0 or columns[0] == 0 or rows[-1] == height - 1 or columns[-1] == width - 1:
        return False
    ink = pixels[rows[-1]:rows[0] - 1:-1, columns[0]:columns[-1] + 1]  # draw_image: bottom first
    return np.ascontiguousarray(ink), columns[0] - margin, height - 1 - rows[-1] - margin


class KeptText(Text):
    """A Text whose lines, on an Agg canvas, are pasted from `pictures` (LinePictures)."""

    def __init__(self, *args, pictures, **kwargs):
        super().__init__(*args, **kwargs)
        self.pictures = pictures

    def draw(self, renderer):
        if type(renderer) is not RendererAgg:  # a PDF or SVG: drawn as usual
            return super().draw(renderer)
        # Patched on this renderer for this one draw; what was there before is put back, so
        # that a text drawn while another is being drawn leaves the outer one's patch in place.
        before = vars(renderer).get("draw_text")
        renderer.draw_text = partial(self.pictures.draw_text, renderer)
        try:
            super().draw(renderer)
        finally:
            if before is None:
                vars(renderer).pop("draw_text", None)
            else:
                renderer.draw_text = before


class BackpropExplorer(Explorer):
    """Backpropagation on one example, stage by stage, in a 2-3-1 network of sigmoid neurons.

    Left, the network: each edge coloured by its weight's sign (green positive, purple negative)
    and as thick as the weight is large; each neuron shows its activation a, the slope σ′ of its
    sigmoid, and its δ once the backward pass has reached it. A neuron whose σ′ is below 0.02 is
    flagged as saturated. Right, the stages, what the shown one computes with its numbers, the
    chosen edge's chain-rule product, and σ′(z) with each neuron's sum z marked on it.

    The stage slider (or ▶) walks forward pass → cost → δ of the output → δ of the hidden layer
    → gradients → update, stages 1 to 6 (the slider shows the number; `stage` is its index in
    STAGES, one less); ▶ at the update takes the step and starts the next round from the new
    weights. `backward(network, sums, activations, targets)` may be your own: every δ, gradient
    and update shown is then computed by it, and the readout says which backward pass is drawn.

    Presets (the preset menu, or `explorer.show("saturated")` in one line) set a lesson's weights
    scale and stage, from the starting weights; the readout says what to look at while the
    settings stay the preset's.
    """

    def __init__(self, backward=network.backward_pass, learning_rate=1.0, example=(1.0, 0.0),
                 seed=SEED, name=None):
        learning_rate = checks.positive_number(learning_rate, "the learning rate", "1.0")
        if not LEAST_RATE <= learning_rate <= MOST_RATE or \
                float(f"{learning_rate:.2g}") != learning_rate:
            raise ValueError(f"the learning rate {learning_rate:g} is not one the α slider holds: "
                             f"it holds round numbers of two significant digits from "
                             f"{LEAST_RATE:g} to {MOST_RATE:g}, such as 0.1, 1, 2.5 or 10")
        example = checks.flat(checks.numbers(example, "example"), "example", "two inputs")
        names = {tuple(inputs): label for label, (inputs, _) in EXAMPLES.items()}
        if tuple(example) not in names:
            raise ValueError(f"example is {tuple(example.tolist())}; it must be one of XOR's "
                             "four inputs, (0, 0), (0, 1), (1, 0) or (1, 1)")
        seed = checks.whole_number(seed, "seed", 0, 2**63 - 1, "use a smaller seed")
        checks.explorer_name(name)
        self.seed = seed
        self.start = network.new_network(SIZES, seed=seed)
        inputs, target = EXAMPLES[names[tuple(example)]]
        self.backward_name = backward_name(backward)
        self.backward = checks.learner_backward(backward, self.start, np.array([inputs]),
                                                np.array([[target]]),
                                                network.forward_pass)  # tried once
        self.defaults = (float(learning_rate), names[tuple(example)])
        self.problem = None  # what went wrong in a learner's backward, if anything
        super().__init__(name or "Backpropagation explorer", figsize=(9.2, 4.6))
        self._make_controls()
        self.reset()

    # The controls

    def _make_controls(self):
        learning_rate, example = self.defaults
        self.stage_slider = widgets.IntSlider(
            value=FORWARD + 1, min=1, max=len(STAGES), description="stage", readout=True,
            tooltip=f"the stage shown, 1 to {len(STAGES)}: " + " → ".join(STAGES),
            **slider_layout("260px"))
        self.next_button = widgets.Button(
            description="▶ next", tooltip="the next stage; at the update, take the step",
            layout=widgets.Layout(width="90px"))
        self.on_click(self.next_stage, self.next_button)
        self.example_menu = widgets.Dropdown(options=list(EXAMPLES), value=example,
                                             description="example", **slider_layout("210px"))
        self.learning_rate_slider = log_slider(LEAST_RATE, MOST_RATE, learning_rate, "α",
                                               tooltip="the learning rate", width="260px")
        self.scale_slider = widgets.FloatSlider(
            value=1.0, min=0.5, max=MOST_SCALE, step=0.5, readout_format=".1f",
            description="weights ×", tooltip="scale the starting weights and biases",
            **slider_layout("260px"))
        self.edge_menu = widgets.Dropdown(options=list(PARAMETERS), value=list(PARAMETERS)[6],
                                          description="edge", **slider_layout("260px"))
        self.reset_button = widgets.Button(
            description="Reset", icon="undo", layout=widgets.Layout(width="90px"),
            tooltip="back to the start: the seeded weights × 1, the example, α and edge it "
                    "started with, stage 1, no update taken")
        self.on_click(self.reset, self.reset_button)
        self.on_change(self.refresh, self.stage_slider, self.example_menu,
                       self.learning_rate_slider, self.edge_menu)
        self.on_change(self._restart, self.scale_slider)
        self.preset_control(["defaults", *PRESETS], width="260px")

    def controls(self):
        return [[self.stage_slider, self.next_button, self.example_menu],
                [self.learning_rate_slider, self.scale_slider, self.reset_button],
                [self.edge_menu]]

    # Presets

    PRESET_NOTES = PRESET_NOTES

    @property
    def settings(self):
        """The controls' values; the stage as the slider shows it, 1 to 6."""
        return dict(stage=self.stage_slider.value, example=self.example_menu.value,
                    learning_rate=self.learning_rate_slider.value,
                    scale=self.scale_slider.value, edge=self.edge_menu.value)

    def set_controls(self, **settings):
        """Set several controls at once (stage, example, learning_rate, scale, edge): the
        starting weights again, scaled, with no update taken, shown at the stage given, 1 to 6
        as the slider shows it."""
        controls = dict(example=self.example_menu, learning_rate=self.learning_rate_slider,
                        scale=self.scale_slider, edge=self.edge_menu)
        with self.hold():
            for key, value in settings.items():
                if key != "stage":
                    controls[key].value = value
            self._restart()  # stage 1, the forward pass
            if "stage" in settings:
                self.stage_slider.value = settings["stage"]

    def preset(self, name):
        """The settings a preset stands for: the explorer's starting ones for "defaults", and
        those changed as PRESETS says for the others."""
        learning_rate, example = self.defaults
        start = dict(stage=FORWARD + 1, example=example, learning_rate=learning_rate, scale=1.0,
                     edge=list(PARAMETERS)[6])
        return start if name == "defaults" else {**start, **PRESETS[name]}

    def key(self):
        return " &nbsp; ".join([
            mark("━", SIGN_COLOURS[1], "positive weight"),
            mark("━", SIGN_COLOURS[-1], "negative weight: thicker is larger"),
            mark("━", PALETTE["yellow"], "the edge chosen in the menu"),
            mark("▢", PALETTE["vermillion"], f"saturated: σ′(z) below {SATURATED:g}"),
            "a: the neuron's output σ(z); σ′: the slope of its sigmoid; δ = ∂C/∂z, its error "
            "signal; C = ½(y − a)², the cost of this one example"])

    def reset(self):
        learning_rate, example = self.defaults
        with self.hold(then=self._restart):
            self.stage_slider.value = FORWARD + 1
            self.learning_rate_slider.value = learning_rate
            self.example_menu.value = example
            self.scale_slider.value = 1.0
            self.edge_menu.value = list(PARAMETERS)[6]

    def _restart(self):
        """The starting weights, scaled by the slider, and no update taken yet."""
        scale = self.scale_slider.value
        self.network = network.Network([scale * w for w in self.start.weights],
                                       [scale * b for b in self.start.biases])
        self.updates = 0
        with self.hold():
            self.stage_slider.value = FORWARD + 1

    def next_stage(self):
        """The next stage; after the update, take the step and start again from the forward
        pass with the new weights."""
        if self.stage < UPDATE:
            self.stage_slider.value += 1
        elif self.new_network is not None:
            self.network = self.new_network
            self.updates += 1
            with self.hold():
                self.stage_slider.value = FORWARD + 1

    @property
    def stage(self):
        """The stage shown, as an index into STAGES (FORWARD to UPDATE): the slider's number
        minus 1."""
        return self.stage_slider.value - 1

    @property
    def learning_rate(self):
        return self.learning_rate_slider.value

    @property
    def example(self):
        inputs, target = EXAMPLES[self.example_menu.value]
        return np.array([inputs]), np.array([[target]])

    # The computation: all of it at every change (it takes microseconds); the stage decides what
    # is shown.

    def compute(self):
        net, (inputs, targets) = self.network, self.example
        self.sums, self.activations = checks.unchecked(network.forward_pass)(net, inputs)
        self.cost = float(checks.unchecked(network.cost)(net, inputs, targets))
        self.slopes = [sigmoid_derivative.unchecked(z)[0] for z in self.sums]
        self.saturated = [(layer, j) for layer, slopes in enumerate(self.slopes, 1)
                          for j, slope in enumerate(slopes) if slope < SATURATED]
        self.problem = None
        try:
            with np.errstate(all="ignore"):
                result = self.backward(net, self.sums, self.activations, targets)
            self.weight_gradients, self.bias_gradients = checks.backward_result(result, net)
        except Exception as error:  # a learner's backward: said in the view, nothing else shown
            self.problem = " ".join(str(error).split())
            self.weight_gradients = self.bias_gradients = None
            self.deltas = self.new_network = None
            self.new_cost = None
            return
        # With one example, ∂C/∂b = δ: the backward's bias gradients are each neuron's δ.
        self.deltas = [gradient.copy() for gradient in self.bias_gradients]
        rate = self.learning_rate
        self.new_network = network.Network(
            [w - rate * g for w, g in zip(net.weights, self.weight_gradients)],
            [b - rate * g for b, g in zip(net.biases, self.bias_gradients)])
        self.new_cost = float(checks.unchecked(network.cost)(self.new_network, inputs, targets))

    def shown(self, what):
        """Whether the stage shown has computed `what`: a stage from STAGES."""
        return self.problem is None and self.stage >= what

    # The figure

    def build(self, figure):
        self.diagram_axes = figure.add_axes([0.0, 0.02, 0.55, 0.9])
        self.text_axes = figure.add_axes([0.57, 0.42, 0.42, 0.56])
        self.curve_axes = figure.add_axes([0.64, 0.1, 0.34, 0.22])
        self._build_diagram(self.diagram_axes)
        self._build_text(self.text_axes)
        self._build_curve(self.curve_axes)

    def _text(self, axes, x, y, s, **kwargs):
        """A moving text at (x, y) in data coordinates, as `axes.text` makes it, whose lines are
        pasted as pictures once drawn (see LinePictures)."""
        if not hasattr(self, "line_pictures"):
            self.line_pictures = LinePictures()
        text = KeptText(x, y, s, pictures=self.line_pictures, **{
            "verticalalignment": "baseline", "horizontalalignment": "left",
            "transform": axes.transData, "clip_on": False, **kwargs})
        axes._add_text(text)
        return self.moving(text)

    def _build_diagram(self, axes):
        axes.set_xlim(0, 1)
        axes.set_ylim(0, 1)
        axes.set_axis_off()
        axes.set_title("the network: inputs, hidden layer, output", y=1.0, pad=4)
        for x, words in ((0.08, "inputs"), (0.43, "hidden layer 1"), (0.8, "output layer 2")):
            axes.text(x, 0.985, words, ha="center", va="top", fontsize=8.5, color="#555555")
        self.halo = self.moving(axes.plot([], [], color=PALETTE["yellow"], lw=14,
                                          solid_capstyle="round", alpha=0.9)[0])
        self.edges = {}  # (layer, j, k) → line
        for layer in (1, 2):
            for j, end in enumerate(PLACES[layer]):
                for k, start in enumerate(PLACES[layer - 1]):
                    self.edges[layer, j, k] = self.moving(axes.plot(
                        [start[0], end[0]], [start[1], end[1]], color=QUIET,  # till drawn
                        solid_capstyle="butt")[0])
        box = {"boxstyle": "round,pad=0.4", "facecolor": "white", "lw": 1.2}
        self.node_texts = [[self._text(axes, x, y, "", ha="center", va="center",
                                       fontsize=8.5, bbox=dict(box))
                            for x, y in places] for places in PLACES]
        self.cost_text = self._text(
            axes, 0.8, 0.17, "", ha="center", va="center", fontsize=8.5,
            bbox={"boxstyle": "round,pad=0.4", "facecolor": "#f4f4f4", "edgecolor": QUIET})

    def _build_text(self, axes):
        axes.set_axis_off()
        axes.set_xlim(0, 1)
        axes.set_ylim(0, 1)
        axes.text(0, 1, "stages", ha="left", va="top", fontsize=10)
        # The stages stay put (drawn once); a highlight moves behind the one shown.
        self.stage_places = [(0.02 + 0.5 * (k // 3), 0.9 - 0.1 * (k % 3))
                             for k in range(len(STAGES))]
        self.stage_highlight = self.moving(axes.add_patch(FancyBboxPatch(
            (0, 0), 0.46, 0.075, boxstyle="round,pad=0.005", facecolor=PALETTE["sky"],
            edgecolor="none", alpha=0.35)))
        self.stage_texts = [axes.text(x + 0.01, y, f"{k + 1} {name}", ha="left", va="top",
                                      fontsize=8.5)
                            for k, ((x, y), name) in enumerate(zip(self.stage_places, STAGES))]
        self.explanation = self._text(axes, 0, 0.57, "", ha="left", va="top", fontsize=8.5,
                                      linespacing=1.35)
        self.product_text = self._text(
            axes, 0, 0.02, "", ha="left", va="bottom", fontsize=8.5,
            bbox={"facecolor": "#fdf7c3", "edgecolor": "none", "pad": 2})

    def _build_curve(self, axes):
        label_axes(axes, "slope of each neuron's sigmoid", "weighted sum z", "σ′(z)")
        axes.yaxis.set_label_coords(-0.12, 0.5)
        axes.xaxis.set_label_coords(0.5, -0.3)
        axes.set_xlim(-CURVE_REACH, CURVE_REACH)
        axes.set_ylim(-0.02, 0.31)  # room above the peak, ¼, for its label
        axes.set_yticks([0, 0.1, 0.2])
        line = axes.axhline(SATURATED, color=PALETTE["vermillion"], lw=0.8, ls=":")
        # Said in a narrow key at the top left, which the curve never reaches (σ′ is at most ¼,
        # at z = 0, and small out there), so no neuron's point or label falls on it; beside the
        # line it would sit where saturated neurons' points are.
        axes.legend([line], [f"saturated\nbelow {SATURATED:g}"], loc="upper left",
                    fontsize=7.5, frameon=False, handlelength=1.6, borderaxespad=0.2,
                    labelcolor=PALETTE["vermillion"])
        # Drawn with the axes: it changes only with the limits, and the axes is drawn again then.
        self.curve = axes.plot([], [], color=PALETTE["black"], lw=1.5)[0]
        self._draw_curve()
        self.curve_points = self.moving(axes.plot([], [], "o", color=PALETTE["blue"], ms=5,
                                                  mec=PALETTE["black"], zorder=3)[0])
        self.curve_labels = [self._text(axes, 0, 0, "", fontsize=7.5, ha="center",
                                        va="bottom")
                             for _ in range(SIZES[1] + SIZES[2])]

    # Moving it

    def update(self):
        self.compute()
        shown_network = self.new_network if self.shown(UPDATE) else self.network
        for (layer, j, k), line in self.edges.items():
            weight = shown_network.weights[layer - 1][j, k]
            sign = int(np.sign(weight))
            line.set_color(SIGN_COLOURS[sign])
            line.set_linewidth(line_width(weight))
            line.set_linestyle("-" if sign else ":")
        self._show_nodes()
        self._show_curve()
        x, y = self.stage_places[self.stage]
        self.stage_highlight.set_x(x - 0.005)
        self.stage_highlight.set_y(y - 0.08)
        self.explanation.set_text(self.explain())
        self.product_text.set_text(self.edge_product())
        self._show_halo()
        self.readout.value = self.describe()

    def _show_nodes(self):
        inputs, target = self.example
        for k, text in enumerate(self.node_texts[0]):
            text.set_text(f"{INPUT_NAMES[k]} = {inputs[0, k]:g}")
        for layer in (1, 2):
            delta_stage = OUTPUT_DELTA if layer == 2 else HIDDEN_DELTA
            for j, text in enumerate(self.node_texts[layer]):
                lines = [NODE_NAMES[layer][j],
                         f"a = {_signed(self.activations[layer][0, j])}",
                         f"σ′ = {_signed(self.slopes[layer - 1][j], 2)}",
                         f"δ = {_signed(self.deltas[layer - 1][j])}"
                         if self.shown(delta_stage) else "δ = ?"]
                flagged = (layer, j) in self.saturated
                if flagged:
                    lines.append("saturated")
                text.set_text("\n".join(lines))
                patch = text.get_bbox_patch()
                patch.set_edgecolor(PALETTE["vermillion"] if flagged else PALETTE["black"])
                patch.set_linewidth(2.5 if flagged else 1.2)
                text.set_color(PALETTE["vermillion"] if flagged else PALETTE["black"])
        if self.shown(COST):
            after = (f"\nafter the update {_signed(self.new_cost)}" if self.shown(UPDATE)
                     else "")
            cost = f"\ncost C = {_signed(self.cost)}{after}"
        else:
            cost = ""
        self.cost_text.set_text(f"target y = {target[0, 0]:g}{cost}\n"
                                f"updates taken {self.updates}\nα = {self.learning_rate:.3g}")

    def _show_curve(self):
        axes = self.curve_axes
        sums = np.concatenate([z[0] for z in self.sums])
        self.fit(axes, [-CURVE_REACH, CURVE_REACH, *sums], axes.get_ylim(), x_margin=0.05)
        if self.curve_limits != axes.get_xlim():
            self._draw_curve()
        slopes = sigmoid_derivative.unchecked(sums)
        self.curve_points.set_data(sums, slopes)
        names = [*HIDDEN_NAMES, "out"]
        low, high = axes.get_xlim()
        groups = []  # (z, σ′, names) by increasing z: sums too close to tell apart share a label
        for k in np.argsort(sums, kind="stable"):
            if groups and sums[k] - groups[-1][0] < 0.07 * (high - low):
                groups[-1][2].append(names[k])
            else:
                groups.append((sums[k], slopes[k], [names[k]]))
        texts = iter(self.curve_labels)
        for (x, y, group), text in zip(groups, texts):
            text.set_position((x, y + 0.015))
            text.set_text(",".join(group))
        for text in texts:
            text.set_text("")

    def _draw_curve(self):
        """σ′(z) across the σ′ plot's present limits."""
        self.curve_limits = self.curve_axes.get_xlim()
        z = np.linspace(*self.curve_limits, 201)
        self.curve.set_data(z, sigmoid_derivative.unchecked(z))

    def _show_halo(self):
        layer, kind, index = PARAMETERS[self.edge_menu.value]
        if kind == "weights":
            j, k = index
            (x0, y0), (x1, y1) = PLACES[layer - 1][k], PLACES[layer][j]
            self.halo.set_data([x0, x1], [y0, y1])
        else:  # a bias: the neuron it belongs to
            x, y = PLACES[layer][index[0]]
            self.halo.set_data([x, x], [y - 0.001, y + 0.001])
        self.halo.set_linewidth(14 if kind == "weights" else 60)

    def edge_product(self):
        """The chosen edge's chain-rule product, with the numbers the shown stage has. Also kept
        as `self.product`: (a_in, δ, their product, the backward's gradient), None for what is
        not computed yet."""
        menu = self.edge_menu.value
        layer, kind, index = PARAMETERS[menu]
        label = menu.split(":")[0]
        j = index[0]
        target_name = NODE_NAMES[layer][j] if layer == 1 else "out"
        delta_stage = OUTPUT_DELTA if layer == 2 else HIDDEN_DELTA
        delta = self.deltas[layer - 1][j] if self.shown(delta_stage) else None
        gradient = None
        if self.shown(GRADIENTS):
            gradients = self.weight_gradients if kind == "weights" else self.bias_gradients
            gradient = float(gradients[layer - 1][index])
        if kind == "weights":
            k = index[1]
            a_in = float(self.activations[layer - 1][0, k])
            source = NODE_NAMES[layer - 1][k]
            formula = f"∂C/∂{label} = a({source}) · δ({target_name})"
        else:
            a_in = 1.0
            formula = f"∂C/∂{label} = δ({target_name})"
        self.product = (a_in, delta, None if delta is None else a_in * delta, gradient)
        if self.problem:
            return f"{formula}\nyour backward fails here: see the readout"
        if delta is None:
            stage = STAGES[delta_stage]
            return f"{formula}\nδ({target_name}) comes at stage {delta_stage + 1}, {stage}"
        numbers = (f"{_signed(a_in)} × {_signed(delta)}" if kind == "weights"
                   else _signed(delta))
        if gradient is None:
            return f"{formula}\n= {numbers}: multiplied at stage {GRADIENTS + 1}, gradients"
        line = f"{formula}\n= {numbers} = {_signed(gradient)}"
        if not np.isclose(gradient, a_in * delta, rtol=1e-9, atol=1e-15):
            line += f"\n(your backward gives {_signed(gradient)}, a·δ = {_signed(a_in * delta)})"
        if self.shown(UPDATE):
            old = (self.network.weights if kind == "weights" else self.network.biases)
            new = (self.new_network.weights if kind == "weights" else self.new_network.biases)
            # Two lines: as α is dragged, only the second changes (see LinePictures).
            line += (f"\nupdate: {_signed(old[layer - 1][index])} − α × {_signed(gradient)}"
                     f"\n  = {_signed(new[layer - 1][index])}")
        return line

    def explain(self):
        """What the shown stage computes, with its numbers."""
        if self.problem:
            return "your backward fails here:\n" + wrapped(self.problem, 62)
        stage, target = self.stage, self.example[1]
        out_z, out_a = self.sums[1][0, 0], self.activations[2][0, 0]
        if stage == FORWARD:
            hidden = ", ".join(_signed(a) for a in self.activations[1][0])
            return (f"layer by layer: z = W·a + b, then a = σ(z)\n"
                    f"hidden a = ({hidden})\n"
                    f"output: z = {_signed(out_z)}, a = σ(z) = {_signed(out_a)}")
        if stage == COST:
            return (f"C = ½ (y − a)²\n  = ½ ({target[0, 0]:g} − {_signed(out_a)})²"
                    f" = {_signed(self.cost)}")
        if stage == OUTPUT_DELTA:
            return (f"δ(out) = ∂C/∂z = (a − y) · σ′(z)\n"
                    f"  = ({_signed(out_a)} − {target[0, 0]:g}) × "
                    f"{_signed(self.slopes[1][0])} = {_signed(self.deltas[1][0])}")
        if stage == HIDDEN_DELTA:
            lines = ["δ(hⱼ) = w(hⱼ → out) · δ(out) · σ′(zⱼ)"]
            for j, name in enumerate(HIDDEN_NAMES):
                lines.append(f"  {name}: {_signed(self.network.weights[1][0, j])} × "
                             f"{_signed(self.deltas[1][0])} × {_signed(self.slopes[0][j], 2)}"
                             f" = {_signed(self.deltas[0][j])}")
            return "\n".join(lines)
        if stage == GRADIENTS:
            def row(values):
                return "(" + ", ".join(_signed(v, 2) for v in values) + ")"
            w1 = "  ".join(row(r) for r in self.weight_gradients[0])
            return ("∂C/∂w = a_in · δ_out, ∂C/∂b = δ\n"
                    f"∂C/∂W[1] rows: {w1}\n"
                    f"∂C/∂b[1] = {row(self.bias_gradients[0])}\n"
                    f"∂C/∂W[2] = {row(self.weight_gradients[1][0])},"
                    f" ∂C/∂b[2] = {_signed(self.bias_gradients[1][0], 2)}")
        change = self.new_cost - self.cost
        # Only the numbers' line changes as α is dragged: the others are pasted (LinePictures).
        return ("every w ← w − α · ∂C/∂w and b ← b − α · ∂C/∂b\n"
                "the cost on this example changes by\n"
                f"  {'+' if change > 0 else ''}{_signed(change, 2)}\n"
                "▶ takes the step and starts again")

    def describe(self):
        inputs, target = self.example
        # Numbers to 3 significant digits, as the figure shows them.
        parts = [f"stage {self.stage + 1} of {len(STAGES)}: {STAGES[self.stage]}",
                 f"example {self.example_menu.value}",
                 f"output a = {_signed(self.activations[2][0, 0])}"]
        if self.shown(COST):
            parts.append(f"cost C = {_signed(self.cost)}")
        if self.shown(OUTPUT_DELTA):
            parts.append(f"δ(out) = {_signed(self.deltas[1][0])}")
        if self.shown(HIDDEN_DELTA):
            parts.append("δ(hidden) = (" + ", ".join(_signed(d) for d in self.deltas[0]) + ")")
        if self.shown(UPDATE):
            parts.append(f"cost after the update {_signed(self.new_cost)}")
        parts.append(f"α = {self.learning_rate:.3g}, updates taken {self.updates}")
        flagged = [NODE_NAMES[layer][j] for layer, j in self.saturated]
        them = "it" if len(flagged) == 1 else "them"
        parts.append(f"<b>saturated: {', '.join(flagged)}</b> (σ′ below {SATURATED:g}: little "
                     f"passes back through {them})" if flagged else "no neuron saturated")
        parts.append(f"backward pass drawn: {self.backward_name}")
        if self.problem:
            parts.append(f"<b>your backward fails here</b>: {self.problem}")
        note = self.preset_note()
        if note:
            parts.append(note)
        return f"<span role='status'>{' · '.join(parts)}</span>"
