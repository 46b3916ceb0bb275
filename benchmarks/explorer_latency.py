"""Time per slider change of DescentExplorer, computation and render, against the naive way.

Each change is timed from setting a control's value in the kernel to having the PNG that ipympl
would send to the browser: the descent, the artists moved, the pixels drawn and encoded. The
browser's half (its request for a full draw, decoding the PNG) is the same for both ways and is
left out. The naive way makes the whole figure again on every change, as a plotting function
called by `interact` does. Both run in this process, on the same changes, so their ratio holds
on a noisy machine where the absolute times do not.

    python benchmarks/explorer_latency.py [--changes 200]
"""

import argparse
import time

import matplotlib

matplotlib.use("module://ipympl.backend_nbagg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from nnlib.explorers import DescentExplorer  # noqa: E402
from nnlib.explorers.base import STYLE  # noqa: E402


class RedrawEverything(DescentExplorer):
    """The naive way: on each change, clear the figure, make every axis and line again, draw."""

    def refresh(self):
        self.figure.clear()
        self._moving.clear()
        with plt.rc_context(STYLE):
            self.build(self.figure)
        self.update()
        self.figure.canvas.draw()


def as_in_the_browser(explorer):
    """Make the canvas behave as it does with a browser attached, but at once: a requested full
    draw happens now (the browser would ask for it a moment later), and the frame is encoded as
    a PNG just once (ipympl encodes a second copy only while no browser has connected)."""
    canvas = explorer.figure.canvas
    canvas.syncing_data_url = False
    canvas.draw_idle = canvas.draw
    canvas.draw()
    return explorer


def drag(explorer, slider, values):
    """Set the slider to each value in turn; return the seconds each change took."""
    times = []
    for value in values:
        start = time.perf_counter()
        slider.value = value
        times.append(time.perf_counter() - start)
    return np.array(times)


def scenarios(explorer, changes):
    """The gestures a learner makes, `changes` slider changes each."""
    w1, alpha = explorer.weight_sliders[0], explorer.learning_rate_slider
    return {
        "drag start W1 (0.2 → 20)": (w1, 0.2 + 0.1 * np.arange(1, changes + 1)),
        "drag α (1e-4 → 1e-2)": (alpha, np.logspace(-4, -2, changes)),
        "play the descent (step)": (explorer.step_slider,
                                    np.linspace(0, 2000, changes).round().astype(int)),
    }


def measure(kind, changes):
    results = {}
    for name in scenarios(kind(name="probe"), changes):
        explorer = as_in_the_browser(kind(name=f"bench {kind.__name__}"))
        slider, values = scenarios(explorer, changes)[name]
        results[name] = drag(explorer, slider, values)
        explorer.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()
    figures_before = len(plt.get_fignums())
    measure(DescentExplorer, 5)  # warm caches (fonts, imports) for both ways alike
    live = measure(DescentExplorer, args.changes)
    naive = measure(RedrawEverything, args.changes)
    plt.close("probe")

    print(f"{args.changes} changes per gesture; ms per change (p50 / p95)")
    print(f"{'gesture':28} {'DescentExplorer':>17} {'naive redraw':>15} {'p50 ratio':>10}")
    for name in live:
        ours, theirs = live[name] * 1e3, naive[name] * 1e3
        print(f"{name:28} {np.median(ours):7.1f} / {np.percentile(ours, 95):6.1f} "
              f"{np.median(theirs):7.1f} / {np.percentile(theirs, 95):6.1f} "
              f"{np.median(ours) / np.median(theirs):9.2f}")
    ours, theirs = (np.concatenate(list(times.values())) * 1e3 for times in (live, naive))
    print(f"{'all gestures':28} {np.median(ours):7.1f} / {np.percentile(ours, 95):6.1f} "
          f"{np.median(theirs):7.1f} / {np.percentile(theirs, 95):6.1f} "
          f"{np.median(ours) / np.median(theirs):9.2f}")
    print(f"open figures before {figures_before}, after {len(plt.get_fignums())}")


if __name__ == "__main__":
    main()
