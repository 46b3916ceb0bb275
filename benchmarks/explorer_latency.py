"""Time per slider change of each explorer, computation and render, against the naive way.

Each change is timed from setting a control's value in the kernel to having the PNG that ipympl
would send to the browser: the computation, the artists moved, the pixels drawn and encoded. The
browser's half (its request for a full draw, decoding the PNG) is the same for both ways and is
left out. The naive way makes the whole figure again on every change, as a plotting function
called by `interact` does. Both run in this process, on the same changes, so their ratio holds
on a noisy machine where the absolute times do not.

Every gesture runs at device pixel ratio 1 and 2: on a HiDPI screen the browser asks ipympl for
twice the resolution, four times the pixels to draw and encode.

The digits explorer's pad is drawn on with the mouse: its gesture is a stroke's mouse events,
sent as the browser sends them, 60 a second, each timed from its message to its handler's end.
The explorer draws each segment on the pad and classifies the drawing at most every 50 ms (and
once when the button is let go); the naive way classifies and redraws the figure on every move.

    python benchmarks/explorer_latency.py [--changes 200] [--device-pixel-ratios 1 2]
                                          [--explorers DigitsExplorer ...]
"""

import argparse
import functools
import time

import matplotlib

matplotlib.use("module://ipympl.backend_nbagg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import nnlib  # noqa: E402
from nnlib.explorers import (BackpropExplorer, DescentExplorer, DigitsExplorer,  # noqa: E402
                              NeuronExplorer, SlopeExplorer, TrainingExplorer)
from nnlib.explorers.base import STYLE  # noqa: E402


def redrawing_everything(kind):
    """The naive way for an explorer: on each change, clear the figure, make every axes and
    line again, and draw all of it."""

    class RedrawEverything(kind):
        def refresh(self):
            self.figure.clear()
            self._moving.clear()
            with plt.rc_context(STYLE):
                self.build(self.figure)
            for artist in self._moving:  # drawn with the rest: nothing is painted over
                artist.set_animated(False)
            if hasattr(self, "_plotted_run"):
                self._plotted_run = None  # the run's lines are new, and empty
            if hasattr(self, "_label_points"):
                self._label_points()  # so are the points' labels
            if hasattr(self, "classify_every"):
                self.classify_every = 0  # the digits explorer: classify on every mouse move
            self.update()
            self.figure.canvas.draw()

        def _on_full_draw(self, event):
            pass

    RedrawEverything.__name__ = kind.__name__
    return RedrawEverything


def as_in_the_browser(explorer, device_pixel_ratio):
    """Make the canvas behave as it does with a browser attached, but at once: a requested full
    draw happens now (the browser would ask for it a moment later), and the frame is encoded as
    a PNG just once (ipympl encodes a second copy only while no browser has connected)."""
    canvas = explorer.figure.canvas
    canvas.syncing_data_url = False
    canvas.draw_idle = canvas.draw
    canvas.handle_set_device_pixel_ratio({"device_pixel_ratio": device_pixel_ratio})
    canvas.draw()
    return explorer


MOUSE_EVENTS_PER_SECOND = 60  # a browser sends a mouse move at most once per frame


@functools.cache
def small_digits_and_network():
    """The small 8 × 8 digits and a 64-30-10 network trained on them for 10 epochs (< 1 s)."""
    images, labels = nnlib.small_digits()
    network = nnlib.new_network([64, 30, 10], seed=0)
    nnlib.train(network, images.reshape(-1, 64), nnlib.one_hot(labels, 10), epochs=10,
                learning_rate=3.0, batch_size=10, seed=0)
    return network, images, labels


class SmallDigitsExplorer(DigitsExplorer):
    """The digits explorer of a network trained on the small digits, made from a name alone."""

    def __init__(self, name):
        super().__init__(*small_digits_and_network(), name=name)


SmallDigitsExplorer.__name__ = "DigitsExplorer"


class MouseEvents:
    """The pad's mouse events, each sent as ipycanvas's frontend sends it, at most
    MOUSE_EVENTS_PER_SECOND of them a second."""

    def __init__(self, pad):
        self.pad, self.last = pad, -np.inf

    def wait(self):
        time.sleep(max(0.0, self.last + 1 / MOUSE_EVENTS_PER_SECOND - time.perf_counter()))
        self.last = time.perf_counter()

    def send(self, event):
        kind, x, y = event
        self.pad._handle_frontend_event(None, {"event": kind, "x": x, "y": y}, [])


class MouseEventTimes(np.ndarray):
    """The seconds each mouse event took: an array, marked as such for the table."""


def stroke(points):
    """A stroke's events round a figure of eight on the pad: down, moves, up."""
    t = np.linspace(0, 2 * np.pi, points)
    xs, ys = 140 + 70 * np.sin(2 * t), 140 - 100 * np.sin(t)
    kinds = ["mouse_down", *["mouse_move"] * (points - 2), "mouse_up"]
    return list(zip(kinds, xs, ys))


def drag(control, values):
    """Set the slider to each value in turn (or send each mouse event); return the seconds each
    change took."""
    times = []
    for value in values:
        if isinstance(control, MouseEvents):
            control.wait()  # not timed: the mouse's pace
            start = time.perf_counter()
            control.send(value)
        else:
            start = time.perf_counter()
            control.value = value
        times.append(time.perf_counter() - start)
    times = np.array(times)
    return times.view(MouseEventTimes) if isinstance(control, MouseEvents) else times


def along(slider, low, high, changes):
    """`changes` values from `low` to `high`, evenly spaced on a log scale, that the slider holds:
    a slider over round numbers (base.log_slider) holds only its own options."""
    wanted = np.logspace(np.log10(low), np.log10(high), changes)
    options = np.array([value for _, value in getattr(slider, "options", ())] or wanted)
    return [float(options[np.argmin(np.abs(np.log(options / value)))]) for value in wanted]


def gestures(explorer, changes):
    """The gestures a learner makes, `changes` slider changes each."""
    if isinstance(explorer, SlopeExplorer):
        return {"drag W3 (−20 → 40)": (explorer.slider, np.linspace(-20, 40, changes))}
    if isinstance(explorer, BackpropExplorer):
        stages = explorer.stage_slider
        stages.value = 6  # the update: α changes the new weights and every number after them
        cycle = [k % 6 + 1 for k in range(1, changes + 1)]
        return {"stage slider (cycling 1 → 6)": (stages, cycle),
                "drag α at the update (0.01 → 10)": (
                    explorer.learning_rate_slider,
                    along(explorer.learning_rate_slider, 0.01, 10, changes)),
                "edge menu (cycling)": (explorer.edge_menu,
                                        [explorer.edge_menu.options[k % 9]
                                         for k in range(1, changes + 1)])}
    if isinstance(explorer, TrainingExplorer):
        per_frame = explorer.play.step  # one tick of ▶: that many updates, then one frame
        return {"play (step + frame)": (explorer.updates_slider,
                                        per_frame * np.arange(1, changes + 1)),
                "drag α (0.1 → 10)": (explorer.learning_rate_slider,
                                      along(explorer.learning_rate_slider, 0.1, 10, changes)),
                "drag noise (0 → 0.3)": (explorer.noise_slider, np.linspace(0, 0.3, changes))}
    if isinstance(explorer, DigitsExplorer):
        count = len(explorer.images)
        return {"pick test images (slider)": (explorer.image_slider,
                                              [(37 * k) % count for k in range(1, changes + 1)]),
                "draw: a stroke's mouse events (60/s)": (MouseEvents(explorer.pad),
                                                         stroke(changes))}
    if isinstance(explorer, NeuronExplorer):
        return {"drag w1 (−2 → 4)": (explorer.weight_sliders[0], np.linspace(-2, 4, changes)),
                "drag bias (−3 → 1)": (explorer.bias_slider, np.linspace(-3, 1, changes)),
                "activation menu (cycling)": (explorer.activation_menu,
                                              [("identity", "step", "sigmoid")[k % 3]
                                               for k in range(changes)])}
    w1, alpha = explorer.weight_sliders[0], explorer.learning_rate_slider
    return {
        "drag start W1 (0.2 → 20)": (w1, 0.2 + 0.1 * np.arange(1, changes + 1)),
        "drag α (1e-4 → 1e-2)": (alpha, along(alpha, 1e-4, 1e-2, changes)),
        "play the descent (step)": (explorer.step_slider,
                                    np.linspace(0, 2000, changes).round().astype(int)),
    }


def measure(kind, changes, device_pixel_ratio):
    """Seconds per change of each gesture, each on a fresh explorer."""
    results = {}
    for name in gestures(kind(name="probe"), changes):
        explorer = as_in_the_browser(kind(name=f"bench {kind.__name__}"), device_pixel_ratio)
        results[name] = drag(*gestures(explorer, changes)[name])
        explorer.close()
    return results


def row(name, ours, theirs):
    ours, theirs = ours * 1e3, theirs * 1e3
    return (f"{name:42} {np.median(ours):7.1f} / {np.percentile(ours, 95):6.1f} "
            f"{np.median(theirs):7.1f} / {np.percentile(theirs, 95):6.1f} "
            f"{np.median(ours) / np.median(theirs):9.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--device-pixel-ratios", type=float, nargs="+", default=[1, 2])
    parser.add_argument("--explorers", nargs="+", metavar="NAME",
                        help="only these, e.g. DigitsExplorer (default: all)")
    args = parser.parse_args()
    figures_before = len(plt.get_fignums())
    kinds = [kind for kind in (DescentExplorer, SlopeExplorer, NeuronExplorer, BackpropExplorer,
                               TrainingExplorer, SmallDigitsExplorer)
             if not args.explorers or kind.__name__ in args.explorers]
    for kind in kinds:  # warm caches (fonts, imports) for both ways alike
        measure(kind, 5, 1)
        measure(redrawing_everything(kind), 5, 1)

    print(f"{args.changes} changes per gesture; ms per change (p50 / p95)")
    for ratio in args.device_pixel_ratios:
        print(f"\ndevice pixel ratio {ratio:g}")
        print(f"{'explorer: gesture':42} {'explorer':>17} {'naive redraw':>15} {'p50 ratio':>10}")
        everything = {"ours": [], "naive": []}
        for kind in kinds:
            live = measure(kind, args.changes, ratio)
            naive = measure(redrawing_everything(kind), args.changes, ratio)
            for name in live:
                print(row(f"{kind.__name__}: {name}", live[name], naive[name]))
                if isinstance(live[name], MouseEventTimes):  # most moves only draw a segment
                    ours, theirs = live[name].mean() * 1e3, naive[name].mean() * 1e3
                    print(f"{'  the same: mean per event, mean ratio':42} {ours:7.1f}{'':10}"
                          f"{theirs:7.1f}{'':10}{ours / theirs:9.2f}")
            everything["ours"] += live.values()
            everything["naive"] += naive.values()
        print(row("all gestures", *(np.concatenate(times) for times in everything.values())))
    plt.close("probe")
    print(f"\nopen figures before {figures_before}, after {len(plt.get_fignums())}")


if __name__ == "__main__":
    main()
