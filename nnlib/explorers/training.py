"""Notebook 04's explorer: a 2-h-1 sigmoid network trained live on a toy data set, by your own
backward function if you give one. A quarter of the points are held out as a validation set:
the curves that settings are compared by."""

import re

import ipywidgets as widgets
import numpy as np

from nnlib import checks, data, network
from nnlib.explorers.base import (PALETTE, Explorer, TooLargeToPlot, label_axes, log_slider,
                                  mark, slider_layout, thinned, wrapped)
from nnlib.explorers.neuron import LABEL_COLOURS, SHADING
from nnlib.neuron import sigmoid_derivative

GRID = 40  # the shaded maps: GRID × GRID points of the plane
POINTS = 200  # of each data set; a quarter of them held out for validation
VALIDATION_FRACTION = 0.25
MOST_HIDDEN = 16
MOST_MAPS = 8  # hidden units drawn as maps of their own
UPDATES_PER_FRAME = 25  # what one tick of ▶, or one press of Step, does
MOST_UPDATES = 30_000
DATA_SEED = 0
DEFAULTS = dict(data="circle", noise=0.05, hidden=8, learning_rate=3.0, batch_size=10,
                scale=1.0)
ALPHAS = (0.01, 1000)  # the α slider's range: round numbers of 2 significant digits between
SCALES = (0.1, 100)  # the start scale slider's
LABEL_WIDTH = "7.5em"  # room for "hidden units", "batch size", "start scale" in full
SLIDER_WIDTH = "300px"
# The lessons the presets call up, each on top of the defaults.
PRESETS = {
    "defaults": {},
    "α too large": dict(learning_rate=300.0),
    "too few hidden units for the spiral": dict(data="spiral", hidden=2),
    "saturated sigmoids (large start)": dict(scale=30.0),
    "overfitting (noise 0.2, 16 hidden units)": dict(noise=0.2, hidden=16),
}
PRESET_NOTES = {
    "defaults": "",
    "α too large": "α = 300: the first steps throw the output into saturation, where its slope "
                   "is nearly 0, and there it stays; press ▶",
    "too few hidden units for the spiral": "2 hidden units: the map is made of two soft "
                                           "straight edges, too few to follow the arms; press ▶",
    "saturated sigmoids (large start)": "weights and biases drawn 30 times too large: most "
                                        "hidden sums are far from 0, where σ′ is tiny, so "
                                        "their gradients are too; press ▶",
    "overfitting (noise 0.2, 16 hidden units)": "16 hidden units on noisy points: the network "
                                                "learns the noise of its training points; press "
                                                "▶ and watch the validation cost turn up while "
                                                "the training cost goes on falling",
}
TRAINING_MARKER, VALIDATION_MARKER = "o", "^"
GRADIENT_FLOOR = 1e-12  # a log scale has no place for 0


def _of_network(weights, biases):
    return network.Network([np.array(w) for w in weights], [np.array(b) for b in biases])


class TrainingExplorer(Explorer):
    """A network of 2 inputs, one hidden layer of sigmoid units and one sigmoid output, trained
    by mini-batch gradient descent on a toy data set while you watch.

    Left, the plane shaded by the network's output, with the training points (●) and the
    held-out validation points (▲), coloured by label. Middle, the cost on the training and the
    validation points against the epoch, and the size of each layer's gradient. Right, what each
    hidden unit computes: its own output over the same plane.

    ▶ trains on: each tick does a few mini-batch updates and draws one frame. The "updates"
    slider beside it counts the updates; drag it back to see an earlier stage, and forward again:
    the run is kept (■ goes back to update 0 and keeps it too), until Reset, a change of α or of
    the batch size while back, or a change of the data, the noise, the hidden units or the start
    scale, which start again. Defaults puts every setting back as the explorer started.

    `backward(network, sums, activations, targets)` may be your own: every update then uses it.
    α and the start scale are held by log sliders of round numbers (2 significant digits), so a
    value given here is rounded to one of them.

    A preset (the menu, or `explorer.show("α too large")` in one line) sets a lesson's settings,
    and the readout says what to look at while they stay the preset's.
    """

    PRESET_NOTES = PRESET_NOTES

    def __init__(self, backward=network.backward_pass, data="circle", hidden=8,
                 learning_rate=3.0, batch_size=10, scale=1.0, seed=0, name=None):
        if not isinstance(data, str) or data not in _data_sets():
            raise (ValueError if isinstance(data, str) else TypeError)(
                f"data must be the name of a data set, one of {', '.join(_data_sets())}; got "
                f"{checks._short(data)}")
        hidden = checks.whole_number(hidden, "hidden", 1, MOST_HIDDEN,
                                     "the maps would be too small to read; try 8")
        learning_rate = _within(checks.positive_number(learning_rate, "the learning rate", "3.0"),
                                "the learning rate", ALPHAS, "the α slider's range")
        training_points = POINTS - round(VALIDATION_FRACTION * POINTS)
        batch_size = checks.whole_number(batch_size, "batch_size", 1, training_points,
                                         f"there are {training_points} training points")
        scale = _within(checks.positive_number(scale, "scale", "1.0"), "scale", SCALES,
                        "the start scale slider's range")
        seed = checks.whole_number(seed, "seed", 0, 2**32 - 1, "use a smaller seed")
        checks.explorer_name(name)
        # A learner's backward is tried once, on a network of this shape and the first points.
        probe = network.new_network.unchecked((2, hidden, 1), seed, scale)
        inputs, labels = data_set(data, DEFAULTS["noise"])[0]
        self.backward = checks.learner_backward(backward, probe, inputs, labels[:, None],
                                                network.forward_pass)
        self._given_backward = backward  # watched anew for each network (its shapes change)
        self.backward_name = describe_function(backward)
        self.seed = seed
        self.defaults = dict(data=data, noise=DEFAULTS["noise"], hidden=hidden,
                             learning_rate=learning_rate, batch_size=batch_size, scale=scale)
        self.backward_slip = None  # what check_backward says of a learner's backward
        super().__init__(name or "Training explorer", figsize=(9.2, 5.4))
        self._make_controls()
        self.start_again()

    # The controls

    def _make_controls(self):
        settings = self.defaults
        names = [settings["data"], *(name for name in _data_sets() if name != settings["data"])]
        self.data_menu = widgets.Dropdown(options=names, value=settings["data"],  # start first
                                          description="data", **slider_layout("200px"))
        self.noise_slider = widgets.FloatSlider(
            value=settings["noise"], min=0, max=0.5, step=0.05, description="noise",
            tooltip="the spread of the jitter added to every point", **slider_layout())
        self.hidden_slider = widgets.IntSlider(value=settings["hidden"], min=1, max=MOST_HIDDEN,
                                               description="hidden units", **slider_layout())
        self.learning_rate_slider = log_slider(*ALPHAS, settings["learning_rate"], "α",
                                               tooltip="the learning rate")
        self.batch_slider = widgets.IntSlider(
            value=settings["batch_size"], min=1, max=POINTS - round(VALIDATION_FRACTION * POINTS),
            description="batch size", tooltip="training points per update", **slider_layout())
        self.scale_slider = log_slider(
            *SCALES, settings["scale"], "start scale",
            tooltip="the spread of the starting weights and biases")
        for slider in (self.noise_slider, self.hidden_slider, self.learning_rate_slider,
                       self.batch_slider, self.scale_slider):
            slider.style.description_width = LABEL_WIDTH
            slider.layout.width = SLIDER_WIDTH
        self.play = widgets.Play(value=0, min=0, max=MOST_UPDATES, step=UPDATES_PER_FRAME,
                                 interval=50, description="Train",
                                 tooltip="▶ trains on; ❚❚ pauses; ■ goes back to update 0 and "
                                         "keeps the run, which ▶ then replays")
        self.updates_slider = widgets.IntSlider(
            value=0, min=0, max=MOST_UPDATES, description="updates",
            tooltip="mini-batch updates so far; drag back to an earlier stage, forward again to "
                    "a later one (the run is kept)", **slider_layout("380px"))
        widgets.jslink((self.play, "value"), (self.updates_slider, "value"))
        self.step_button = widgets.Button(description="Step", icon="step-forward",
                                          tooltip=f"{UPDATES_PER_FRAME} more updates",
                                          layout=widgets.Layout(width="80px"))
        self.on_click(self.step, self.step_button)
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           tooltip="the starting network again, 0 updates, "
                                                   "with the present settings: the run is "
                                                   "discarded", layout=widgets.Layout(width="80px"))
        self.on_click(self.reset, self.reset_button)
        self.defaults_button = widgets.Button(description="Defaults", icon="home",
                                              tooltip="every setting as the explorer started, and "
                                                      "training from 0 updates",
                                              layout=widgets.Layout(width="100px"))
        self.on_click(self.to_defaults, self.defaults_button)
        self.preset_menu = widgets.Dropdown(options=list(PRESETS), value="defaults",
                                            description="preset", **slider_layout("330px"))
        self.on_change(self.start_again, self.data_menu, self.noise_slider, self.hidden_slider,
                       self.scale_slider)
        self.on_change(self._training_changed, self.learning_rate_slider, self.batch_slider)
        self.on_change(self._go_to_update, self.updates_slider)
        self.on_change(self._apply_preset, self.preset_menu)

    def controls(self):
        return [[self.data_menu, self.noise_slider, self.hidden_slider],
                [self.learning_rate_slider, self.batch_slider, self.scale_slider],
                [self.play, self.updates_slider, self.step_button, self.reset_button,
                 self.defaults_button],
                [self.preset_menu]]

    def key(self):
        return " &nbsp; ".join([
            mark("●", LABEL_COLOURS[1.0], "label 1"), mark("●", LABEL_COLOURS[0.0], "label 0"),
            f"{mark('●', PALETTE['black'], 'training point')}",
            f"{mark('▲', PALETTE['black'], 'held-out validation point (never trained on)')}",
            "shading: the output, blue 0, white ½, orange 1",
            mark("━", PALETTE["blue"], "training cost"),
            mark("╌", PALETTE["orange"], "validation cost"),
            mark("━", PALETTE["green"], "hidden layer's gradient ‖∂C/∂W¹‖"),
            mark("━", PALETTE["purple"], "output layer's gradient ‖∂C/∂W²‖"),
            f"each update runs <code>{self.backward_name}</code>"])

    @property
    def settings(self):
        return dict(data=self.data_menu.value, noise=self.noise_slider.value,
                    hidden=self.hidden_slider.value,
                    learning_rate=self.learning_rate_slider.value,
                    batch_size=self.batch_slider.value, scale=self.scale_slider.value)

    def set_controls(self, **settings):
        """Set several controls at once (data, noise, hidden, learning_rate, batch_size,
        scale): training starts again from 0 updates."""
        controls = dict(data=self.data_menu, noise=self.noise_slider, hidden=self.hidden_slider,
                        learning_rate=self.learning_rate_slider, batch_size=self.batch_slider,
                        scale=self.scale_slider)
        with self.hold(then=self.start_again):
            for key, value in settings.items():
                controls[key].value = value

    def preset(self, name):
        """The settings a preset stands for: the explorer's starting ones for "defaults", the
        module's DEFAULTS changed as PRESETS says for the others."""
        return dict(self.defaults) if name == "defaults" else {**DEFAULTS, **PRESETS[name]}

    def _apply_preset(self):
        self.set_controls(**self.preset(self.preset_menu.value))

    def to_defaults(self):
        """Every setting as the explorer started (the "defaults" preset), and 0 updates: one
        click back from anywhere."""
        self.play.playing = False
        controls = dict(data=self.data_menu, noise=self.noise_slider, hidden=self.hidden_slider,
                        learning_rate=self.learning_rate_slider, batch_size=self.batch_slider,
                        scale=self.scale_slider)
        with self.hold(then=self.start_again):
            self.preset_menu.value = "defaults"
            for key, value in self.defaults.items():
                controls[key].value = value

    # Training

    def start_again(self):
        """New data (if its settings changed), the starting network, 0 updates."""
        settings = self.settings
        (self.training, self.validation) = data_set(settings["data"], settings["noise"])
        self.plane = plane_of(np.concatenate([self.training[0], self.validation[0]]))
        self.grid = np.linspace(*self.plane, GRID)
        x1, x2 = np.meshgrid(self.grid, self.grid)
        self.grid_points = np.column_stack([x1.ravel(), x2.ravel()])
        self._training_targets = self.training[1][:, None]
        self.network = network.new_network.unchecked((2, settings["hidden"], 1), self.seed,
                                                     settings["scale"])
        self._check_learners_backward()
        self.broken = None  # where the learner's backward broke during the run, in words
        # Update k's network is snapshot k; the curves have one point per frame. Both are kept
        # when the run goes back to an earlier update, to be shown again going forward.
        self._snapshots = [self._snapshot(epoch=0, position=0)]
        self._shown = 0  # the update whose network is self.network
        self.records = []  # (updates, epochs, training cost, validation cost, training accuracy,
        #                     validation accuracy, hidden gradient size, output gradient size)
        self._frame_gradients = []
        with self.hold(then=self._record_and_refresh):
            self.updates_slider.value = 0
            self.play.value = 0

    def reset(self):
        """The starting network again, at 0 updates, with the present settings."""
        self.play.playing = False
        self.start_again()

    def step(self, updates=UPDATES_PER_FRAME):
        """`updates` more mini-batch updates, and one frame (the kept run's, if it has them)."""
        self.updates_slider.value = min(MOST_UPDATES, self.updates_slider.value + updates)

    @property
    def updates(self):
        """The updates that made the network shown."""
        return self._shown

    @property
    def kept(self):
        """The updates of the run kept: more than `updates` after going back."""
        return len(self._snapshots) - 1

    @property
    def epochs(self):
        epoch, position = self._snapshots[self._shown][2:]
        return epoch + position / len(self.training[0])

    @property
    def shown_records(self):
        """The curves' points up to the update shown, the last for the network shown."""
        records = [record for record in self.records if record[0] <= self._shown]
        if not records or records[-1][0] != self._shown:
            records.append(self._measure(gradients=(np.nan, np.nan)))
        return records

    def _snapshot(self, epoch, position):
        return ([w.copy() for w in self.network.weights], [b.copy() for b in self.network.biases],
                epoch, position)

    def _go_to_update(self):
        target = self.updates_slider.value
        if target <= self.kept:  # a stage of the run kept: its network, its curves
            self._show(target)
            self.refresh()
            return
        self._show(self.kept)
        self._train(target - self.kept)
        self._shown = self.kept
        self._record_and_refresh()

    def _show(self, update):
        if update != self._shown:
            weights, biases = self._snapshots[update][:2]
            self.network = _of_network(weights, biases)
            self._shown = update
            self._frame_gradients = []

    def _training_changed(self):
        """α or the batch size changed: they apply from the next update on, so a run kept past
        the update shown no longer follows from it, and goes."""
        if self._shown < self.kept:
            del self._snapshots[self._shown + 1:]
            self.records = [record for record in self.records if record[0] <= self._shown]
            self._record()
        self.refresh()

    def _train(self, updates):
        inputs, targets = self.training[0], self._training_targets
        count, batch_size = len(inputs), self.batch_slider.value
        alpha = self.learning_rate_slider.value
        epoch, position = self._snapshots[-1][2:]
        order = self._order(epoch)
        with np.errstate(over="ignore", under="ignore"):
            for _ in range(updates):
                if self.broken:  # the learner's backward broke: the run stops where it did
                    break
                batch = order[position:position + batch_size]
                try:
                    weight_gradients, _ = network.update.unchecked(
                        self.network, inputs[batch], targets[batch], alpha, self.backward)
                except ValueError as error:  # "your backward, … returned [[nan …" in words
                    if not str(error).startswith("your backward"):
                        raise
                    words = " ".join(str(error).split()).replace(
                        "your backward,", "your backward", 1)
                    self.broken = (f"at update {self.kept + 1}, "
                                   f"{words.split(', ', 1)[-1] if ', ' in words else words}")
                    self._show(self.kept)  # the network as it was before that update
                    break
                self._frame_gradients.append([np.linalg.norm(g) for g in weight_gradients])
                position += len(batch)
                if position >= count:
                    epoch, position = epoch + 1, 0
                    order = self._order(epoch)
                self._snapshots.append(self._snapshot(epoch, position))

    def _order(self, epoch):
        """The order of the training points in `epoch`: shuffled, the same on every run."""
        return np.random.default_rng([self.seed, epoch]).permutation(len(self.training[0]))

    def _record_and_refresh(self):
        self._record()
        self.refresh()

    def _record(self):
        if self.records and self.records[-1][0] == self.updates:
            return
        gradients = (np.mean(self._frame_gradients, axis=0) if self._frame_gradients
                     else [np.nan, np.nan])
        self._frame_gradients = []
        self.records.append(self._measure(gradients))

    def _measure(self, gradients):
        net, (inputs, labels), (held, held_labels) = self.network, self.training, self.validation
        with np.errstate(over="ignore", under="ignore"):
            return (self.updates, self.epochs,
                    network.cost.unchecked(net, inputs, labels[:, None]),
                    network.cost.unchecked(net, held, held_labels[:, None]),
                    network.accuracy.unchecked(net, inputs, labels[:, None]),
                    network.accuracy.unchecked(net, held, held_labels[:, None]),
                    *gradients)

    def _check_learners_backward(self):
        """A learner's backward against finite differences, on the starting network: a slip is
        said in the readout (nnlib's own is tested elsewhere)."""
        self.backward_slip = self.backward_hint = None
        given = self._given_backward
        if getattr(given, "__module__", "").startswith("nnlib."):
            return
        inputs, labels = self.training[0][:10], self.training[1][:10, None]
        try:  # watched on this network: a result of another network's shapes is an error
            self.backward = checks.learner_backward(given, self.network, inputs, labels,
                                                    network.forward_pass)
            network.check_backward(given, self.network, inputs, labels)
        except AssertionError as slip:
            self.backward_slip = " ".join(str(slip).split())
            self.backward_hint = slip_in_short(self.backward_slip)
        except Exception as error:  # it cannot run on this network: nnlib's runs instead
            self.backward = network.backward_pass.unchecked
            hidden = self.network.weights[0].shape[0]
            self.backward_slip = self.backward_hint = (
                f"it fails on a 2-{hidden}-1 network, so nnlib.backward_pass runs in its place: "
                + " ".join(str(error).split()))

    # The figure

    def build(self, figure):
        self.map_axes = figure.add_axes([0.09, 0.11, 0.355, 0.355 * 9.2 / 5.4])
        axes = self.map_axes
        label_axes(axes, "the network's output", "x₁", "x₂")
        # Its frame stays: when the limits change, the frame's box is what covers the tick marks
        # in the region drawn again.
        axes.spines[["top", "right"]].set_visible(True)
        self.image = self.moving(axes.imshow(
            np.zeros((GRID, GRID)), origin="lower", extent=(0, 1, 0, 1), cmap=SHADING, vmin=0,
            vmax=1, interpolation="nearest", aspect="auto"))
        axes.set_autoscale_on(False)  # the limits are the plane's, set in `update`
        self.point_marks = {}
        for where, marker, size in (("training", TRAINING_MARKER, 5),
                                    ("validation", VALIDATION_MARKER, 6)):
            for label, colour in LABEL_COLOURS.items():
                self.point_marks[where, label] = self.moving(axes.plot(
                    [], [], marker, ls="none", color=colour, mec=PALETTE["black"], mew=0.6,
                    ms=size)[0])

        self.cost_axes = figure.add_axes([0.56, 0.56, 0.19, 0.33])
        axes = self.cost_axes
        label_axes(axes, "cost C", "epoch", "cost (log scale)")
        axes.set_yscale("log")
        self.training_cost_line = self.moving(axes.plot([], [], color=PALETTE["blue"],
                                                        lw=1.6)[0])
        self.validation_cost_line = self.moving(axes.plot([], [], color=PALETTE["orange"],
                                                          lw=1.6, ls="--")[0])
        self.gradient_axes = figure.add_axes([0.56, 0.13, 0.19, 0.29])
        axes = self.gradient_axes
        label_axes(axes, "gradient size per layer", "epoch", "‖∂C/∂W‖ (log scale)")
        axes.set_yscale("log")
        self.gradient_lines = [self.moving(axes.plot([], [], color=colour, lw=1.4)[0])
                               for colour in (PALETTE["green"], PALETTE["purple"])]
        for axes in (self.cost_axes, self.gradient_axes):
            axes.set_xlim(0, 10)
            axes.set_ylim(1e-3, 1)
            axes.yaxis.set_minor_locator(_no_ticks())
            axes.yaxis.set_major_formatter(_power_of_ten())

        figure.text(0.885, 0.915, "each hidden unit's output", ha="center", fontsize=10)
        self.hidden_axes, self.hidden_images = [], []
        for k in range(MOST_MAPS):
            row, column = divmod(k, 2)
            axes = figure.add_axes([0.8 + column * 0.095, 0.69 - row * 0.19, 0.085, 0.14])
            axes.set_xticks([])
            axes.set_yticks([])
            for spine in axes.spines.values():
                spine.set_visible(False)
            self.hidden_axes.append(axes)
            self.hidden_images.append(self.moving(axes.imshow(
                np.zeros((GRID, GRID)), origin="lower", extent=(0, 1, 0, 1), cmap=SHADING,
                vmin=0, vmax=1, interpolation="nearest", aspect="auto")))
        # Still texts, changed only with the number of hidden units (their axes drawn again).
        self.hidden_labels = [axes.text(0.5, 1.02, "", transform=axes.transAxes, ha="center",
                                        va="bottom", fontsize=7.5) for axes in self.hidden_axes]
        self.hidden_note = self.moving(figure.text(0.885, 0.03, "", ha="center", fontsize=8.5))
        self.status = self.moving(figure.text(0.01, 0.975, "", ha="left", va="top",
                                              fontsize=9.5))
        self.message = self.moving(figure.text(0.245, 0.5, "", ha="center", va="center",
                                               wrap=True, color=PALETTE["vermillion"],
                                               fontsize=9.5, weight="bold",
                                               bbox={"facecolor": "white", "alpha": 0.9,
                                                     "edgecolor": PALETTE["vermillion"]}))

    def update(self):
        net = self.network
        with np.errstate(over="ignore", under="ignore"):
            sums, activations = network.forward_pass.unchecked(net, self.grid_points)
        self.map = activations[-1][:, 0].reshape(GRID, GRID)
        self.hidden_maps = activations[1].T.reshape(-1, GRID, GRID)
        low, high = self.plane
        half = (high - low) / (GRID - 1) / 2
        extent = (low - half, high + half, low - half, high + half)
        if not np.allclose(self.image.get_extent(), extent):  # another data set, another plane
            self.image.set_extent(extent)
            self.map_axes.set_xlim(low, high)
            self.map_axes.set_ylim(low, high)
            self._stale_axes.add(self.map_axes)
        self.image.set_data(self.map)
        for (where, label), marks in self.point_marks.items():
            inputs, labels = self.training if where == "training" else self.validation
            marks.set_data(*inputs[labels == label].T)
        shown = min(MOST_MAPS, len(self.hidden_maps))
        for k, (image, text, axes) in enumerate(zip(self.hidden_images, self.hidden_labels,
                                                    self.hidden_axes)):
            image.set_visible(k < shown)
            if text.get_text() != (label := f"h{k + 1}" if k < shown else ""):
                text.set_text(label)
                self._stale_axes.add(axes)
            if k < shown:
                image.set_data(self.hidden_maps[k])
        hidden = len(self.hidden_maps)
        self.hidden_note.set_text(f"showing {MOST_MAPS} of the {hidden} hidden units"
                                  if hidden > MOST_MAPS else "")

        records = np.array(self.shown_records, dtype=float).reshape(-1, 8)
        records = thinned(records)
        epochs = records[:, 1]
        self.training_cost_line.set_data(epochs, np.maximum(records[:, 2], GRADIENT_FLOOR))
        self.validation_cost_line.set_data(epochs, np.maximum(records[:, 3], GRADIENT_FLOOR))
        gradients = np.maximum(records[:, 6:8], GRADIENT_FLOOR)
        for line, sizes in zip(self.gradient_lines, gradients.T):
            keep = np.isfinite(sizes)
            line.set_data(epochs[keep], sizes[keep])
        # The epochs shown double when the run reaches the end, and the log scales keep whole
        # decades around the usual values: the limits change, and the axes are drawn again,
        # only now and then.
        last = 10 * 2 ** max(0, int(np.ceil(np.log2(max(epochs[-1], 1e-9) / 10))))
        self.fit(self.cost_axes, [0, last], [*records[:, 2:4].ravel(), 1e-3, 0.3], x_margin=0,
                 log_y=True)
        finite = gradients[np.isfinite(gradients)]
        self.fit(self.gradient_axes, [0, last], [*finite, 1e-4, 0.3], x_margin=0, log_y=True)
        if not np.isfinite(records[:, 2:6]).all():
            raise TooLargeToPlot("the cost is not a number (NaN)")

        with np.errstate(over="ignore", under="ignore"):
            hidden_sums = network.forward_pass.unchecked(net, self.training[0])[0][0]
        self.hidden_slope = float(np.mean(sigmoid_derivative.unchecked(hidden_sums)))
        settings = self.settings
        self.status.set_text(
            f"{self.updates} updates · epoch {self.epochs:.1f} · "
            f"α = {settings['learning_rate']:.3g} · batches of {settings['batch_size']} · "
            f"{settings['hidden']} hidden units · "
            f"start scale {settings['scale']:.3g}")
        self.message.set_text(
            "training stopped: your backward broke\n(the readout says where)" if self.broken
            else f"your backward is off:\n{wrapped(self.backward_hint, 46, 12)}"
            if self.backward_slip else "")
        self.readout.value = self.describe(records[-1])

    def describe(self, record):
        _, epochs, cost, held_cost, accuracy, held_accuracy, hidden_size, output_size = record
        said = (f"{self.updates} updates · epoch {epochs:.1f} · training cost {cost:.4f}, "
                f"accuracy {accuracy:.0%} · validation cost {held_cost:.4f}, accuracy "
                f"{held_accuracy:.0%} · hidden σ′ on average {self.hidden_slope:.3g} (at most "
                "0.25)")
        if self.updates < self.kept:
            said += (f" · showing update {self.updates} of the {self.kept} kept: ▶, Step or the "
                     "updates slider shows them again (Reset discards them)")
        if np.isfinite(hidden_size):
            said += (f" · gradient size: hidden layer {hidden_size:.2g}, output layer "
                     f"{output_size:.2g}")
        said += f" · backward: {self.backward_name}"
        if self.broken:
            said += (f" · <b>training stopped</b>: your backward broke {self.broken}. Repair "
                     "it, run its cell, then this explorer's cell again")
        if self.backward_slip:
            said += f" · <b>your backward is off</b>: {self.backward_slip}"
        note = self.preset_note()
        if note:
            said += f" · {note}"
        return f"<span role='status'>{said}</span>"


def slip_in_short(slip):
    """check_backward's words without the arrays of numbers, which do not fit in the figure:
    which layer and parameter are off, and the likely slip (the readout has them all)."""
    found = re.match(r"(?s)(.*?) are off: yours .*, finite differences .*?\]\.\s*(.*)$", slip)
    if not found:
        return slip
    return f"{found.group(1)} are off. {found.group(2)}"


def _within(value, name, limits, what):
    low, high = limits
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low:g} to {high:g}, {what}; got {value:g}")
    return float(f"{value:.2g}")  # the slider's round number nearest to it


def _data_sets():
    return data.TOY_SETS


def data_set(name, noise):
    """The explorer's points of a data set: (training inputs, labels), (validation inputs,
    labels)."""
    inputs, labels = data.TOY_SETS[name].unchecked(points=POINTS, noise=noise, seed=DATA_SEED)
    return data.train_test_split.unchecked(inputs, labels, VALIDATION_FRACTION, DATA_SEED)


def plane_of(points):
    """A square of the plane that holds every point, with a margin, in steps of 0.5."""
    low = np.floor((points.min() - 0.2) * 2) / 2
    high = np.ceil((points.max() + 0.2) * 2) / 2
    return float(low), float(high)


def describe_function(function):
    """How the key names a function: nnlib's by its place in nnlib, a learner's as theirs."""
    name = getattr(function, "__name__", type(function).__name__)
    if getattr(function, "__module__", "").startswith("nnlib."):
        return f"nnlib.{name}"
    return f"your {name}"


def _no_ticks():
    from matplotlib.ticker import NullLocator
    return NullLocator()


def _power_of_ten():
    from nnlib.explorers.descent import power_of_ten
    return power_of_ten
