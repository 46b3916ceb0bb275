"""What the explorer tests share to look at pictures: the pixels a canvas holds, and a count of
the full redraws an explorer asks for."""

import numpy as np


def pixels(figure):
    return np.asarray(figure.canvas.buffer_rgba()).copy()


def counting_full_draws(explorer):
    """Count the full redraws the explorer asks for (each is done at once, as the browser would
    ask for it a moment later)."""
    canvas, count = explorer.figure.canvas, [0]
    draw = canvas.draw

    def counted():
        count[0] += 1
        draw()

    canvas.draw_idle = counted
    return count


def widgets_inside(widget):
    """`widget` and every widget in it, however deeply boxed."""
    children = getattr(widget, "children", ())
    return [widget, *[w for child in children for w in widgets_inside(child)]]
