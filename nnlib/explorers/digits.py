"""Notebook 05's explorer: a network that reads handwritten digits, on test images and on a digit
the learner draws with the mouse."""

import time

import ipywidgets as widgets
import numpy as np
from ipycanvas import Canvas, hold_canvas

from nnlib import checks
from nnlib.digits import PEN_WIDTH, centre_like_mnist, count_like_small_digits, paint_stroke
from nnlib.explorers.base import PALETTE, Explorer, label_axes, mark
from nnlib.network import Network, network_output

PAD_SIZE = 280  # the drawing pad's pixels a side: ten of the pad's for each of MNIST's 28
CLASSIFY_EVERY = 0.05  # seconds between two classifications while the pen moves
PAPER, INK = "#ffffff", PALETTE["black"]
BAR, ANSWER = PALETTE["blue"], PALETTE["orange"]
CENTRE = PALETTE["vermillion"]
TITLE_SIZE = 9.5  # points: three titles side by side in a figure that fits beside the pad
LABEL_HEIGHT = 1.28  # where the label's mark hangs over the bars, clear of the answer's value


# The lessons the presets call up (menu "preset", or explorer.show("the first mistake")): each a
# test image, with the pad wiped. "a 4 read as a 9" is offered only when the images hold one.
PRESET_NOTES = {
    "the first mistake": "the first test image the network reads wrong: compare the orange bar, "
                         "its answer, with the bar under ▼, the label; next mistake ▶ goes on",
    "a 4 read as a 9": "a 4 the network reads as a 9: the orange bar is 9, ▼ marks 4; look at "
                       "the image for what a 4 and a 9 share, and at how high the 4's bar is",
}


def line_stroke(start, end, points=30):
    """A straight stroke from `start` to `end`, each an (x, y) point on the pad: `points` points
    along it, as a mouse sends them."""
    return list(zip(np.linspace(start[0], end[0], points), np.linspace(start[1], end[1], points)))


def oval_stroke(centre, width, height, start=0.0, stop=2 * np.pi, points=61):
    """An oval stroke around `centre`, `width` × `height` pixels of the pad; or its arc from the
    angle `start` to `stop` (0 at the top, going clockwise)."""
    turn = np.linspace(start, stop, points)
    return list(zip(centre[0] + width / 2 * np.sin(turn), centre[1] - height / 2 * np.cos(turn)))


# The drawings that notebook 05's "things to try" ask for, in their order, each as the strokes a
# mouse would draw on the 280 × 280 pad (y counted down from the top). The notebook's check draws
# them on a hidden explorer (`read_drawing`) and compares the answers with the list's words.
DRAWINGS_TO_TRY = {
    "a 1 down the middle": [line_stroke((140, 40), (140, 240))],
    "a 1 half as tall, in a corner": [line_stroke((50, 20), (50, 120))],
    "a tiny 1": [line_stroke((30, 20), (30, 76))],
    "a 7": [[(70, 50), (210, 50), (120, 240)]],
    "a 7 with a bar": [[(70, 50), (210, 50), (120, 240)], line_stroke((110, 140), (190, 140))],
    "a smiley": [oval_stroke((140, 140), 200, 200), line_stroke((100, 100), (100, 110), 3),
                 line_stroke((180, 100), (180, 110), 3),
                 oval_stroke((140, 170), 100, 60, np.pi / 2, 3 * np.pi / 2, 20)],
}


class DigitsExplorer(Explorer):
    """A network that reads images of digits, and what it answers.

    Pick a test image with the slider, or type its number in the box beside it: the figure shows
    it with its label, and the network's ten outputs as bars, the largest (its answer) in orange.
    The buttons "◀ previous mistake" and "next mistake ▶" go to the nearest test image before or
    after the one shown that the network reads wrong (from the last, "next" goes round to the
    first); the readout says which mistake it is, of how many. Draw a digit on the pad with the
    mouse: it is made into the image the network reads (28 × 28 centred as MNIST's were, or 8 × 8
    as the small set's, by the network's number of inputs), shown beside the pad, and the bars
    show what the network answers to it, as you draw. Clear wipes the pad.

    `network` reads 784 inputs (28 × 28 images) or 64 (8 × 8) and gives 10 outputs; `images`
    (count, side, side), or one flat row per image, from 0 to 1; `labels` the digits they show.

    Presets (the preset menu, or `explorer.show("the first mistake")` in one line) show a test
    image a lesson needs, the pad wiped: "the first mistake", and "a 4 read as a 9" when the
    images hold one; the readout says what to look at while it is shown.
    """

    def __init__(self, network, images, labels, name="digits"):
        arguments = checks.digits_explorer_arguments(network, images, labels, name,
                                                     Network=Network)
        self.network = arguments["network"]
        self.images, self.labels = arguments["images"], arguments["labels"]
        self.side = self.images.shape[1]  # 28 or 8
        # What the network answers to every image, once: the mistake buttons go to those it
        # reads wrong.
        self.answers = network_output.unchecked(
            self.network, self.images.reshape(len(self.images), -1)).argmax(axis=1)
        self.mistakes = np.flatnonzero(self.answers != self.labels)
        self.read_picture = (centre_like_mnist if self.side == 28 else
                             count_like_small_digits).unchecked
        self.strokes = []  # the drawing: strokes, each a list of (x, y) points on the pad
        self.picture = np.zeros((PAD_SIZE, PAD_SIZE))  # the pad's ink, painted as it comes
        self.drawn_image = None  # what the network reads of the drawing; None: nothing drawn
        self.outputs = np.zeros(10)  # the ten outputs the bars show
        self.answer = None  # the digit whose output is largest
        self.pen_down = False
        self.classify_every = CLASSIFY_EVERY
        self._classified_at = -np.inf  # when the drawing was last classified
        super().__init__(arguments["name"] or "digits", figsize=(6.0, 2.6))
        self._make_controls()
        self.refresh()

    # The controls

    def _make_controls(self):
        self.image_slider = widgets.IntSlider(value=0, min=0, max=len(self.images) - 1,
                                              description="test image",
                                              layout={"width": "420px"},
                                              style={"description_width": "initial"})
        # The same number, typed: a slider of 10,000 images moves by several at the smallest
        # drag. Kept equal to the slider (a link in the kernel), so the slider alone refreshes.
        self.image_number = widgets.BoundedIntText(
            value=0, min=0, max=len(self.images) - 1, description="number",
            tooltip="type a test image's number, then Enter", layout={"width": "150px"},
            style={"description_width": "initial"})
        self._number_link = widgets.link((self.image_slider, "value"),
                                         (self.image_number, "value"))
        self.on_change(self.refresh, self.image_slider)
        count = len(self.mistakes)
        self.previous_mistake_button = widgets.Button(
            description="◀ previous mistake", disabled=not count, layout={"width": "150px"},
            tooltip="the nearest test image before this one that the network reads wrong")
        self.next_mistake_button = widgets.Button(
            description="next mistake ▶", disabled=not count, layout={"width": "150px"},
            tooltip="the nearest test image after this one that the network reads wrong")
        self.on_click(self.previous_mistake, self.previous_mistake_button)
        self.on_click(self.next_mistake, self.next_mistake_button)
        self.mistakes_note = widgets.HTML(
            f"the network reads {count:,} of the {len(self.images):,} images wrong")
        self.pad = Canvas(width=PAD_SIZE, height=PAD_SIZE,
                          layout=widgets.Layout(width=f"{PAD_SIZE}px", height=f"{PAD_SIZE}px"))
        self.pad.add_class("nnlib-drawing-pad")  # for a page's style, and the browser tests
        self.pad_frame = widgets.Box([self.pad], layout=widgets.Layout(
            border="1px solid #999999", width=f"{PAD_SIZE + 2}px", height=f"{PAD_SIZE + 2}px"))
        self.clear_button = widgets.Button(description="Clear", icon="eraser",
                                           tooltip="wipe the pad", layout={"width": "90px"})
        self.pad_hint = widgets.HTML("draw a digit above, with the mouse")
        self.on_click(self.clear, self.clear_button)
        self.preset_control(["defaults", *self.preset_images()], width="300px")
        pad = self.pad
        pad.on_mouse_down(self.guarded(self._pen_down))
        # The browser sends every move of a mouse over the pad, drawing or not; a guarded
        # handler sends the view two messages of its own (its errors' widget is told where to
        # show any). So a move with the button up is dropped at once (the handler would do
        # nothing with it, and it checks again holding the lock).
        move = self.guarded(self._pen_move)
        pad.on_mouse_move(lambda x, y: self.pen_down and move(x, y))
        pad.on_mouse_up(self.guarded(self._pen_up))
        pad.on_mouse_out(self.guarded(self._pen_up))  # leaving the pad ends the stroke
        pad.on_touch_start(self.guarded(lambda touches: touches and self._pen_down(*touches[0])))
        pad.on_touch_move(self.guarded(lambda touches: touches and self._pen_move(*touches[0])))
        pad.on_touch_end(self.guarded(lambda touches: self._pen_up()))
        pad.on_touch_cancel(self.guarded(lambda touches: self._pen_up()))
        # A page opened again starts with an empty canvas: paint the drawing there again.
        pad.on_client_ready(self.guarded(self._paint_pad))
        self._paint_pad()

    def controls(self):
        return [[self.image_slider, self.image_number],
                [self.previous_mistake_button, self.next_mistake_button, self.mistakes_note]]

    # Presets

    PRESET_NOTES = PRESET_NOTES

    def preset_images(self):
        """{preset: the test image it shows}: "the first mistake" when the network reads any
        wrong, and "a 4 read as a 9", the first such, when there is one."""
        found = {}
        if len(self.mistakes):
            found["the first mistake"] = int(self.mistakes[0])
        labels, answers = self.labels[self.mistakes], self.answers[self.mistakes]
        fours = self.mistakes[(labels == 4) & (answers == 9)]
        if len(fours):
            found["a 4 read as a 9"] = int(fours[0])
        return found

    @property
    def settings(self):
        return dict(image=self.image_slider.value, drawing=bool(self.strokes))

    def set_controls(self, image=None, drawing=False):
        """Show test image `image`; the pad is wiped (`drawing` must be False: a drawing is
        made with the mouse, or `draw`)."""
        if drawing:
            raise ValueError("set_controls cannot draw: use draw(strokes)")
        with self.hold(then=self.clear):
            if image is not None:
                self.image_slider.value = image

    def preset(self, name):
        """The settings a preset stands for: test image 0 for "defaults", with the pad wiped."""
        images = {"defaults": 0, **self.preset_images()}
        return dict(image=images[name], drawing=False)

    def next_mistake(self):
        """Show the first image after the one shown that the network reads wrong; after the
        last, the first of all."""
        if len(self.mistakes):
            later = self.mistakes[self.mistakes > self.image_slider.value]
            self.image_slider.value = int(later[0] if later.size else self.mistakes[0])

    def previous_mistake(self):
        """Show the last image before the one shown that the network reads wrong; before the
        first, the last of all."""
        if len(self.mistakes):
            earlier = self.mistakes[self.mistakes < self.image_slider.value]
            self.image_slider.value = int(earlier[-1] if earlier.size else self.mistakes[-1])

    def mistake_number(self, k):
        """Which mistake image k is, counting from 1, or None when the network reads it right."""
        place = int(np.searchsorted(self.mistakes, k))
        return place + 1 if place < len(self.mistakes) and self.mistakes[place] == k else None

    def key(self):
        return " &nbsp; ".join([
            mark("█", ANSWER, "the network's answer: its largest output"),
            mark("█", BAR, "its other outputs"),
            mark("▼", PALETTE["black"], "the test image's label"),
            *([mark("+", CENTRE, "pixel (14, 14), counted from 0, where MNIST puts the ink's "
                    "centre of mass: half a pixel off the image's exact centre, (13.5, 13.5)")]
              if self.side == 28 else []),
            "images: ink dark on white; the network reads 0 for white, 1 for black"])

    def view(self):
        """The pad with its Clear button, beside the figure."""
        pad = widgets.VBox([self.pad_frame, widgets.HBox([self.clear_button, self.pad_hint])],
                           layout={"margin": "0 8px 0 0"})
        return widgets.HBox([pad, super().view()], layout={"flex_flow": "row wrap",
                                                           "align_items": "flex-start"})

    # The pad

    def _paint_pad(self):
        """Paper, the pen, and the strokes drawn so far, in one message."""
        pad, radius = self.pad, PEN_WIDTH / 2
        with hold_canvas():
            pad.clear()
            pad.fill_style = PAPER
            pad.fill_rect(0, 0, PAD_SIZE, PAD_SIZE)
            pad.fill_style = pad.stroke_style = INK
            pad.line_width = PEN_WIDTH
            pad.line_cap = pad.line_join = "round"
            for stroke in self.strokes:
                if len(stroke) == 1:
                    pad.fill_circle(*stroke[0], radius)
                else:
                    pad.stroke_lines(stroke)

    def _pen_down(self, x, y):
        self.pen_down = True
        self.strokes.append([(float(x), float(y))])
        paint_stroke.unchecked(self.picture, [(x, y)], PEN_WIDTH)
        self.pad.fill_circle(x, y, PEN_WIDTH / 2)
        self._classify_soon()

    def _pen_move(self, x, y):
        if self.pen_down:  # else the mouse only passes over the pad
            self._extend(x, y)
            self._classify_soon()

    def _pen_up(self, x=None, y=None):
        if not self.pen_down:
            return
        if x is not None:
            self._extend(x, y)
        self.pen_down = False
        self._classify()  # what the whole stroke says, however recently the last was

    def _extend(self, x, y):
        """The stroke drawn on to (x, y): on the pad, and into its picture."""
        stroke = self.strokes[-1]
        last, point = stroke[-1], (float(x), float(y))
        if point == last:
            return
        stroke.append(point)
        paint_stroke.unchecked(self.picture, [last, point], PEN_WIDTH)
        self.pad.stroke_line(*last, *point)

    def _classify_soon(self):
        """Classify the drawing unless that was done a moment ago: a fast mouse sends a move
        every few milliseconds, and classifying and drawing each would queue up."""
        if time.monotonic() - self._classified_at >= self.classify_every:
            self._classify()

    def _classify(self):
        self.refresh()
        self._classified_at = time.monotonic()  # after: at least that long idle between two

    def draw(self, strokes):
        """Draw on the pad as a mouse would: for each stroke, a list of (x, y) points on the
        pad's 280 × 280 pixels (y counted down from the top), the pen goes down at its first
        point, moves through the others and is lifted at its last. For checks and tests."""
        strokes = checks.strokes_of(strokes)
        with self._lock:
            for stroke in strokes:
                self._pen_down(*stroke[0])
                for x, y in stroke[1:]:
                    self._pen_move(x, y)
                self._pen_up(*stroke[-1])

    def read_drawing(self, strokes):
        """Wipe the pad, draw `strokes` on it as `draw` does, and return what the network answers
        to the drawing: (the digit, its output). For checks and tests."""
        self.clear()
        self.draw(strokes)
        return self.answer, float(self.outputs[self.answer])

    def clear(self):
        """Wipe the pad: the bars show the test image's outputs again."""
        self.strokes.clear()
        self.picture[:] = 0
        self.pen_down = False
        self._paint_pad()
        self.refresh()

    # The figure

    def build(self, figure):
        side = self.side
        width, height = figure.get_size_inches()
        square = (0.243, 0.243 * width / height)  # the images' axes, in the figure's fractions
        self.test_axes = figure.add_axes([0.075, 0.2, *square])
        self.drawn_axes = figure.add_axes([0.37, 0.2, *square])
        self.bar_axes = figure.add_axes([0.69, 0.2, 0.3, square[1]])
        ticks = [0, side // 2, side - 1]
        label_axes(self.test_axes, "", "column", "row")
        label_axes(self.drawn_axes, "", "column", "")
        self.drawn_axes.set_title("your drawing, as read", y=1.0, pad=4, fontsize=TITLE_SIZE)
        for axes in (self.test_axes, self.drawn_axes):
            axes.set_xticks(ticks)
            axes.set_yticks(ticks)
            axes.yaxis.set_label_coords(-0.2, 0.5)
        self.test_picture = self.moving(self.test_axes.imshow(
            np.zeros((side, side)), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest"))
        self.drawn_picture = self.moving(self.drawn_axes.imshow(
            np.zeros((side, side)), cmap="gray_r", vmin=0, vmax=1, interpolation="nearest"))
        self.test_title = self.moving(_title(self.test_axes))
        # Under the drawing's image, which hides it while there is one: with no text to draw
        # again on each change.
        self.drawn_axes_note = self.drawn_axes.text(
            (side - 1) / 2, (side - 1) / 2, "draw a digit\non the pad", ha="center",
            va="center", fontsize=9, color="#555555")
        # Where MNIST puts the ink's centre of mass (drawn over the picture, so it moves too).
        self.centre_mark = self.moving(self.drawn_axes.plot(
            [14] if side == 28 else [], [14] if side == 28 else [], "+", color=CENTRE, ms=9,
            mew=1.5)[0])

        axes = self.bar_axes
        label_axes(axes, "", "digit", "output")
        axes.yaxis.set_label_coords(-0.16, 0.5)
        axes.set_xlim(-0.6, 9.6)
        axes.set_ylim(0, LABEL_HEIGHT + 0.07)
        axes.set_xticks(range(10))
        axes.set_yticks([0, 0.5, 1])
        self.bars = [self.moving(bar) for bar in axes.bar(range(10), np.zeros(10), width=0.7,
                                                           color=BAR)]
        self.bar_title = self.moving(_title(axes))
        self.answer_text = self.moving(axes.annotate(
            "", xy=(0, 0), xytext=(0, 2), textcoords="offset points", ha="center",
            va="bottom", fontsize=8.5))
        self.label_mark = self.moving(axes.plot([], [], "v", color=PALETTE["black"], ms=7)[0])

    def update(self):
        k = self.image_slider.value
        label = self.labels[k]
        self.test_picture.set_data(self.images[k])
        self.test_title.set_text(f"test image {k}: label {label}")
        if self.strokes:
            self.drawn_image = self.read_picture(self.picture)
            self.drawn_picture.set_data(self.drawn_image)
            inputs, which = self.drawn_image, "your drawing"
        else:
            self.drawn_image = None
            self.drawn_picture.set_data(np.zeros((self.side, self.side)))
            inputs, which = self.images[k], f"test image {k}"
        for artist in (self.drawn_picture, self.centre_mark):
            artist.set_visible(self.drawn_image is not None)  # else "draw a digit" shows
        self.outputs = network_output.unchecked(self.network,
                                                np.reshape(inputs, (1, -1)))[0]
        shown = np.clip(np.nan_to_num(self.outputs), 0, 1)
        answer = int(np.argmax(self.outputs))
        for digit, (bar, height) in enumerate(zip(self.bars, shown)):
            bar.set_height(height)
            bar.set_color(ANSWER if digit == answer else BAR)
        self.answer = answer
        self.bar_title.set_text(f"outputs for {which}")
        self.answer_text.xy = (answer, shown[answer])
        self.answer_text.set_text(f"{self.outputs[answer]:.2f}")
        if self.drawn_image is None:
            self.label_mark.set_data([label], [LABEL_HEIGHT])
        else:
            self.label_mark.set_data([], [])
        self.readout.value = f"<span role='status'>{self.describe(which, answer, label)}</span>"

    def describe(self, which, answer, label):
        sure = f"answers {answer} ({self.outputs[answer]:.2f} sure)"
        if self.drawn_image is not None:
            return (f"<b>your drawing</b>: {sure} · Clear to see test image "
                    f"{self.image_slider.value} again")
        mistake = self.mistake_number(self.image_slider.value)
        right = ("✓ right" if answer == label else "✗ wrong" if mistake is None else
                 f"✗ wrong: mistake {mistake:,} of {len(self.mistakes):,}")
        note = self.preset_note()
        return (f"<b>{which}</b>: {sure}; the label is {label} ({right}) · draw a digit on the "
                "pad to see what it answers to yours" + (f" · {note}" if note else ""))


def _title(axes):
    """A title that changes: text over the axes, where `set_title` would put it."""
    return axes.annotate("", xy=(0.5, 1), xycoords="axes fraction", xytext=(0, 4),
                         textcoords="offset points", ha="center", va="baseline",
                         fontsize=TITLE_SIZE)
