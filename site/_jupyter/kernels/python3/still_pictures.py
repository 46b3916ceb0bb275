"""Run at the start of the kernel that executes the notebooks for the website, and nowhere else:
site/conf.py puts this kernel first on JUPYTER_PATH for the build only, so JupyterLab, nbval and
Binder never load it, and the notebooks stay as they are.

A widget lives in a kernel: on a static page its output would show as nothing. So here every
output that is a widget is sent as something a page can show, and sent again at the end of its
cell (an update of the same display id), when the cell has finished drawing on it:

- a matplotlib figure (an ipympl canvas): a PNG of it, with an alt text made from its titles
  and axis labels (image/png, the alt text in the output's metadata and as its text/plain);
- an explorer (controls, a readout, a figure, a key): the PNG of its figure, then a note, the
  `still-explorer` directive of site/_ext/notebook_site.py, which says that the picture moves
  in JupyterLab, links Binder, and gives the settings, the readout and the key as text;
- a progress bar (tqdm): its last line, as text;
- any other widget: its texts and its controls' values, as text (nothing, if the cell closed it);
- a script alone (nnlib's page helpers, for live widgets): nothing.

tests/test_site.py runs a few cells on this kernel and checks each of these.
"""


def _install_still_pictures():
    import html
    import re
    import uuid

    from IPython import get_ipython

    ip = get_ipython()
    if ip is None or getattr(ip, "_still_pictures", False):
        return
    ip._still_pictures = True
    publish = ip.display_pub.publish
    shown = []  # (display ids, widget) for each widget the running cell has shown
    dpi = 150  # sharp when a phone's reader zooms in; the page scales the picture to fit

    def canvas_class():
        try:
            from ipympl.backend_nbagg import Canvas
        except ImportError:  # pragma: no cover: ipympl is in requirements.txt
            return ()
        return Canvas

    def walk(widget):
        """The widget and every widget it shows, in the order shown."""
        yield widget
        for child in getattr(widget, "children", ()) or ():
            yield from walk(child)

    def figures_in(widget):
        return [item.figure for item in walk(widget) if isinstance(item, canvas_class())]

    def is_control(item):
        import ipywidgets as widgets
        return isinstance(item, (widgets.ValueWidget, widgets.Button)) and not isinstance(
            item, (widgets.HTML, widgets.HTMLMath, widgets.Label))

    def text_of(artist):
        return " ".join(artist.get_text().split()) if artist is not None else ""

    def alt_text(figure, explorer):
        """What the figure shows, from its titles and axis labels."""
        panels, colour_scales, count = [], [], 0
        for axes in figure.axes:
            if not axes.get_visible():
                continue
            labels = [" ".join(label.split()) for label in (axes.get_ylabel(), axes.get_xlabel())]
            if hasattr(axes, "_colorbar"):  # a colour bar: its label says what the colours mean
                if any(labels):
                    colour_scales.append(next(label for label in labels if label))
                continue
            count += 1
            title = " ".join(" ".join(axes.get_title(loc).split())
                             for loc in ("left", "center", "right") if axes.get_title(loc))
            if not title:  # a title that changes: a text at the top of the axes, as set_title's
                title = " ".join(text_of(text) for text in axes.texts
                                 if getattr(text, "xycoords", None) == "axes fraction"
                                 and text.xy[1] >= 1 and text.get_text().strip())
            y, x = labels
            against = f"{y} against {x}" if x and y else (x or y)
            panel = f"{title} ({against})" if title and against else title or against
            if panel and panel not in panels:
                panels.append(panel)
        label = " ".join(str(figure.get_label() or "").split())
        suptitle = text_of(getattr(figure, "_suptitle", None))
        head = suptitle or label or "a figure"
        if explorer:
            head = f"Still picture of the explorer “{label or 'explorer'}”"
            if suptitle:
                head += f": {suptitle}"
        described = "; ".join(panels)
        if count > 6:  # a grid of small pictures: how many, and the first few titles
            described = (f"{count} small panels" + (", titled " if panels else "")
                         + "; ".join(panels[:8]) + ("; …" if len(panels) > 8 else ""))
        alt = head + (f". Panels: {described}" if described else "")
        if colour_scales:
            alt += ". Colour scale: " + "; ".join(dict.fromkeys(colour_scales))
        alt = alt.rstrip(".") + "."
        return alt[:600]

    def picture(figure, explorer):
        # nnlib's still picture, as a notebook's own still figures are shown: the PNG (the page
        # takes it, see site/conf.py) with its alt text, as wide as in JupyterLab (100 pixels an
        # inch), or the column's width if less; a click on it opens the picture at full size.
        from nnlib.explorers.base import Picture

        return Picture(figure, alt_text(figure, explorer), dpi)._repr_mimebundle_()

    def setting(item):
        description = re.sub(r"<[^>]+>", "", getattr(item, "description", "") or "").strip()
        if not description or not hasattr(item, "value"):
            return None
        value = getattr(item, "label", None)  # a menu's or a selection slider's words
        if not isinstance(value, str):
            value = item.value
        if isinstance(value, bool):
            value = "on" if value else "off"
        elif isinstance(value, float):
            value = f"{value:g}"
        return f"{description.rstrip(':')} = {value}"

    def note(widget):
        """The still-explorer directive: the settings shown, then the explorer's texts."""
        import ipywidgets as widgets
        settings, texts = [], []
        for item in walk(widget):
            if is_control(item) and not isinstance(item, (widgets.Button, widgets.Play)):
                said = setting(item)
                if said:
                    settings.append(html.escape(said))
            elif isinstance(item, (widgets.HTML, widgets.HTMLMath)) and item.value.strip():
                texts.append(f"<div>{item.value}</div>")
            elif isinstance(item, widgets.Label) and item.value.strip():
                texts.append(f"<div>{html.escape(item.value)}</div>")
        parts = []
        if settings:
            parts.append("<p class='still-explorer-settings'>Shown with: "
                         + " · ".join(settings) + "</p>")
        parts.extend(texts)
        body = "\n".join(" ".join(part.split()) for part in parts)
        plain = re.sub(r"<[^>]+>", " ", html.unescape(body))
        return ({"text/markdown": f"```{{still-explorer}}\n{body}\n```\n",
                 "text/plain": " ".join(plain.split())}, {})

    def progress_line(widget):
        import ipywidgets as widgets
        parts = []
        for item in walk(widget):
            if isinstance(item, widgets.HTML):
                parts.append(html.unescape(re.sub(r"<[^>]+>", "", item.value)).strip())
            elif isinstance(item, widgets.FloatProgress) and item.max:
                filled = round(10 * item.value / item.max)
                parts.append("█" * filled + "·" * (10 - filled))
        return " ".join(" ".join(parts).split())  # tqdm's figure spaces, as plain spaces

    def how_many(widget):
        """How many outputs `still(widget)` gives, without drawing anything yet."""
        figures = len(figures_in(widget))
        explorer = any(is_control(item) for item in walk(widget))
        return figures + 1 if figures and explorer else max(figures, 1)

    def still(widget):
        """The outputs that stand for `widget` on a page: (bundle, metadata) each."""
        figures = figures_in(widget)
        explorer = any(is_control(item) for item in walk(widget))
        if figures:
            outputs = [picture(figure, explorer) for figure in figures]
            if explorer:
                outputs.append(note(widget))
            return outputs
        if widget.comm is None:  # closed by the cell, as a progress bar that does not stay
            return [({"text/html": ""}, {})]
        if hasattr(widget, "pbar"):  # tqdm's progress bar: its text, its bar, its text
            return [({"text/plain": progress_line(widget)}, {})]
        import ipywidgets as widgets
        texts = []  # a widget without a figure: its texts, and its controls' values
        for item in walk(widget):
            if isinstance(item, (widgets.HTML, widgets.HTMLMath)) and item.value.strip():
                texts.append(item.value)
            elif is_control(item) and not isinstance(item, (widgets.Button, widgets.Play)):
                said = setting(item) or str(item.value).strip()
                if said:
                    texts.append(html.escape(said))
            elif isinstance(item, widgets.Label) and item.value.strip():
                texts.append(html.escape(item.value))
        if not texts:
            texts = [f"(a {type(widget).__name__} widget: it shows in JupyterLab)"]
        plain = html.unescape(re.sub(r"<[^>]+>", " ", " ".join(texts)))
        return [({"text/html": "\n".join(texts), "text/plain": " ".join(plain.split())}, {})]

    def show_still(widget):
        """How IPython shows a widget here, whether by display(widget) or as a cell's last
        value: a placeholder for each output it will stand as, filled in at the cell's end."""
        ids = [f"still-{uuid.uuid4().hex}" for _ in range(how_many(widget))]
        shown.append((ids, widget))
        for display_id in ids:
            publish({"text/html": ""}, {}, transient={"display_id": display_id})

    def at_end_of_cell(result=None):
        while shown:
            ids, widget = shown.pop(0)
            try:
                outputs = still(widget)
            except Exception as error:  # said on the page, where tests/test_site.py looks
                outputs = [({"text/plain": f"still picture failed: {error!r}"}, {})]
            for display_id, (data, metadata) in zip(ids, outputs):
                publish(data, metadata, transient={"display_id": display_id}, update=True)

    from ipywidgets import Widget

    # Looked up before a widget's own _ipython_display_ or _repr_mimebundle_.
    ip.display_formatter.ipython_display_formatter.for_type(Widget, show_still)
    ip.events.register("post_run_cell", at_end_of_cell)

    def without_page_scripts(data, *args, **kwargs):
        """An output that is a script alone (nnlib's page helpers for live widgets) is left out:
        a static page has no widgets for it to help."""
        if set(data) == {"application/javascript"}:
            return None
        return publish(data, *args, **kwargs)

    ip.display_pub.publish = without_page_scripts


_install_still_pictures()
del _install_still_pictures
