"""The website: the README's command builds the notebooks, executed, into static pages, and each
notebook's page shows its figures (each with an alt text), its explorers as still pictures with
a note, and a link to run it on Binder; the pages load nothing from elsewhere.

The site is built once per test session, into a temporary folder, with the environment the tests
run in: notebook 05 reads MNIST from NNLIB_DATA_DIR where it is set (as in CI), or else runs on
the small set of digits (a minute or two in all, most of it notebook 05).
"""

import ast
import json
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
BUILD_TIMEOUT = 1800  # seconds; the build takes one or two minutes

_built = {}  # one build per test session, shared with tests/ui/test_site_in_browser.py


def readme_site_command():
    """The README's command that builds the website."""
    commands = [line.strip() for line in README.splitlines() if "-m sphinx" in line]
    assert len(commands) == 1, f"expected one sphinx command in the README, found {commands}"
    return commands[0]


def build_site(tmp_path_factory):
    """Build the site as the README says, into a temporary folder: (the folder, the build's
    output). The same build for every test of the session."""
    if "html" not in _built:
        words = readme_site_command().split()
        assert words[:4] == [".venv/bin/python", "-m", "sphinx", "-b"], words
        assert words[-2:] == ["site", "site/_build/html"], words
        html = tmp_path_factory.mktemp("site") / "html"
        before = site_sources()
        # The README's command, with this Python, into the temporary folder, and warnings made
        # errors (keep going, to see them all): a warning is something the page shows wrong.
        command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", *words[3:-1], str(html)]
        started = time.monotonic()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                timeout=BUILD_TIMEOUT, stdin=subprocess.DEVNULL)
        print(f"the site built in {time.monotonic() - started:.0f} s")
        _built.update(html=html, result=result, left_in_site=sorted(site_sources() - before))
    return _built["html"], _built["result"]


def site_sources():
    """The files in site/, but for the build's folder and Python's caches (links not followed:
    site/notebooks is the notebooks' folder)."""
    return {path for path in SITE.rglob("*")
            if not {"_build", "__pycache__"} & set(path.relative_to(SITE).parts)}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    html, result = build_site(tmp_path_factory)
    assert result.returncode == 0, (
        f"the site did not build (exit {result.returncode}):\n{result.stdout[-3000:]}\n"
        f"{result.stderr[-6000:]}")
    return html


class Page(HTMLParser):
    """What the tests read of a built page: its images, links, scripts and style sheets, and
    the notes under the explorers."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.images, self.links, self.resources, self.text, self.notes = [], [], [], [], 0
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.resources.append(attrs["src"])
        elif tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "icon"):
            self.resources.append(attrs["href"])
        if "still-explorer" in (attrs.get("class") or "").split():
            self.notes += 1

    def handle_data(self, data):
        self.text.append(data)


def binder_link(notebook):
    """The README's Binder link, opening `notebook` in JupyterLab instead of the first one."""
    link = re.search(r"^\[binder\]:\s*(\S+)", README, re.M).group(1)
    return re.sub(r"(urlpath=lab/tree/)[^&]+", lambda m: m.group(1) + quote(notebook), link)


def shown_last(cell_source):
    """The name or expression a cell shows as its last line (`explorer`, `figure.canvas`), or
    the argument of a last `display(...)`; None if its last statement shows nothing."""
    try:
        body = ast.parse(cell_source).body
    except SyntaxError:  # a magic (%matplotlib widget) or a cell left for the learner
        return None
    if not body or not isinstance(body[-1], ast.Expr):
        return None
    value = body[-1].value
    if isinstance(value, ast.Call) and ast.unparse(value.func) == "display":
        return ast.unparse(value.args[0]) if value.args else None
    if isinstance(value, ast.Call) and ast.unparse(value.func) == "show":  # a still figure
        return "show(…)"
    return ast.unparse(value) if isinstance(value, (ast.Name, ast.Attribute)) else None


def what_the_notebook_shows(path):
    """(figures, explorers): how many cells end by showing a figure (its canvas, or a still
    picture of it by nnlib's show) or an explorer
    (at least: a cell may show more, as one that calls a function that shows one)."""
    figures = explorers = 0
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        shown = shown_last(source) if cell["cell_type"] == "code" else None
        if shown is None:
            continue
        if shown.endswith(".canvas") or shown == "show(…)":
            figures += 1
        elif re.search(rf"^{re.escape(shown)} = \w+Explorer\(", source, re.M):
            explorers += 1
    return figures, explorers


WIDGET_CELLS = [
    "%matplotlib widget\nimport ipywidgets as widgets\nimport matplotlib.pyplot as plt\n"
    "from tqdm.auto import tqdm",
    # A figure shown, then drawn on: the page shows it as the cell left it.
    "with plt.ioff():\n    figure = plt.figure('growing', figsize=(4, 3))\n"
    "axes = figure.add_subplot()\ndisplay(figure.canvas)\naxes.plot([1, 2, 3])\n"
    "_ = axes.set(title='it grew', xlabel='step', ylabel='size')",
    # An explorer: a control, a readout and a figure, shown as the cell's value.
    "with plt.ioff():\n    view = plt.figure('Toy explorer', figsize=(5, 2))\n"
    "view.add_subplot().set_title('the toy')\n"
    "slider = widgets.FloatSlider(value=0.5, description='w')\n"
    "widgets.VBox([slider, widgets.HTML('<b>w is 0.5</b>'), view.canvas])",
    "for _ in tqdm(range(3), desc='runs'):\n    pass",
    "gone = widgets.Text('closed')\ndisplay(gone)\ngone.close()",
    "widgets.Text('some <text>')",
]


def run_on_the_site_kernel(cells, tmp_path):
    """The outputs of `cells`, run as site/conf.py has MyST-NB run the notebooks: on the kernel
    in site/_jupyter."""
    import os

    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    paths = [str(SITE / "_jupyter"), *filter(None, [os.environ.get("JUPYTER_PATH")])]
    before = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(paths)
    try:
        NotebookClient(notebook, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
    finally:
        if before is None:
            os.environ.pop("JUPYTER_PATH")
        else:
            os.environ["JUPYTER_PATH"] = before
    return [[output for output in cell.outputs if output.output_type != "stream"]
            for cell in notebook.cells]


def test_the_site_kernel_shows_each_widget_as_a_picture_or_text(tmp_path):
    _, figure, explorer, progress, closed, text = run_on_the_site_kernel(WIDGET_CELLS, tmp_path)
    every = [output for outputs in (figure, explorer, progress, closed, text)
             for output in outputs]
    assert all("application/vnd.jupyter.widget-view+json" not in output.get("data", {})
               for output in every), every
    [picture] = figure
    alt = picture.metadata["image/png"]["alt"]
    assert picture.data["image/png"] and alt == picture.data["text/plain"]
    assert alt == "growing. Panels: it grew (size against step).", alt
    assert picture.metadata["image/png"]["width"] == 400  # in JupyterLab: 4 inches at 100 dpi
    still, note = explorer
    assert still.metadata["image/png"]["alt"] == (
        "Still picture of the explorer “Toy explorer”. Panels: the toy.")
    assert note.data["text/markdown"].startswith("```{still-explorer}\n"), note.data
    assert "Shown with: w = 0.5" in note.data["text/markdown"]
    assert "<b>w is 0.5</b>" in note.data["text/markdown"]
    [bar] = progress
    assert bar.data["text/plain"].startswith("runs: 100% ██████████ 3/3"), bar.data
    assert [output.data for output in closed] == [{"text/html": ""}]
    assert [output.data for output in text] == [
        {"text/html": "some &lt;text&gt;", "text/plain": "some <text>"}]


def test_the_readme_says_how_to_build_the_site_into_the_ignored_folder():
    command = readme_site_command()
    assert command == ".venv/bin/python -m sphinx -b html site site/_build/html", command
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "site/_build/" in ignored, "site/_build/ should be in .gitignore"


def test_the_notebook_counter_finds_figures_and_explorers():
    assert shown_last("figure = new_figure('x', (1, 2))\nfigure.canvas") == "figure.canvas"
    assert shown_last("display(figure.canvas)") == "figure.canvas"
    assert shown_last("explorer = NeuronExplorer()\nexplorer") == "explorer"
    assert shown_last("probe = NeuronExplorer(name='check')\nprobe.close()") is None
    assert shown_last("%matplotlib widget\nimport numpy") is None
    assert shown_last("x = 1") is None


def page_problems(page_path, notebook):
    """What is wrong with the page of `notebook`: a missing Binder link, fewer pictures than the
    notebook shows, a picture without alt text or file, a note missing under an explorer's
    picture, a widget left in (it shows nothing without a kernel), a failure printed."""
    if not page_path.is_file():
        return [f"{notebook.name} has no page"]
    problems, page = [], Page(page_path)
    link = binder_link(f"notebooks/{notebook.name}")
    if link not in page.links:
        problems.append(f"no Binder link ({link})")
    figures, explorers = what_the_notebook_shows(notebook)
    if len(page.images) < figures + explorers or not page.images:
        problems.append(f"{len(page.images)} pictures; the notebook shows {figures} figures and "
                        f"{explorers} explorers")
    for image in page.images:
        if not (image.get("alt") or "").strip():
            problems.append(f"a picture without alt text: {image.get('src')}")
        source = page_path.parent / (image.get("src") or "?")
        if not source.is_file() or source.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
            problems.append(f"{image.get('src')} is not a PNG file of the site")
    if page.notes != explorers:
        problems.append(f"{page.notes} notes under explorers' pictures; the notebook shows "
                        f"{explorers} explorers")
    text = " ".join(page.text)
    for sign in ("still picture failed", "Error in callback", "Traceback"):
        if sign in text:
            problems.append(f"it shows '{sign}'")
    if "application/vnd.jupyter.widget-view+json" in page_path.read_text(encoding="utf-8"):
        problems.append("it holds a widget, which shows nothing without a kernel")
    return problems


def test_every_notebook_has_a_page_with_its_figures_and_a_binder_link(site):
    assert NOTEBOOKS, "no notebooks found"
    for notebook in NOTEBOOKS:
        page_path = site / "notebooks" / f"{notebook.stem}.html"
        problems = page_problems(page_path, notebook)
        assert not problems, f"the page of {notebook.name}: " + "; ".join(problems)


BAD_PAGE = """<html><body><article>
<h1>1 · A notebook</h1>
<p><a href="https://mybinder.org/v2/gh/someone/else/HEAD?urlpath=lab/tree/x.ipynb">Binder</a></p>
<img src="missing.png" alt="">
<script type="application/vnd.jupyter.widget-view+json">{"model_id": "abc"}</script>
<pre>still picture failed: ValueError()</pre>
</article></body></html>"""


def test_page_check_catches_a_page_without_pictures_link_or_notes(tmp_path):
    notebook = tmp_path / "01_a_notebook.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "code", "source": "explorer = NeuronExplorer()\nexplorer"},
        {"cell_type": "code", "source": ["figure = new_figure('f', (3, 2))\n", "figure.canvas"]},
    ]}))
    page = tmp_path / "01_a_notebook.html"
    page.write_text(BAD_PAGE)
    problems = " ".join(page_problems(page, notebook))
    for expected in ("no Binder link", "1 pictures; the notebook shows 1 figures and 1 explorers",
                     "a picture without alt text", "missing.png is not a PNG",
                     "0 notes under explorers' pictures", "still picture failed",
                     "holds a widget"):
        assert expected in problems, f"not found: {expected}\nin: {problems}"
    assert page_problems(tmp_path / "absent.html", notebook) == ["01_a_notebook.ipynb has no page"]


def test_explorers_are_pictures_with_a_note_that_they_move_in_jupyterlab(site):
    explorer_pages = 0
    for notebook in NOTEBOOKS:
        html = (site / "notebooks" / f"{notebook.stem}.html").read_text(encoding="utf-8")
        notes = re.findall(r'<img alt="(Still picture of the explorer[^"]*)"[^>]*>\s*'
                           r'(?:</a>\s*)?<div class="still-explorer[^"]*">(.*?)</div>\s*</div>',
                           html, re.S)
        if what_the_notebook_shows(notebook)[1]:
            explorer_pages += 1
            assert notes, f"the page of {notebook.name} has no explorer picture with its note"
        for alt, note in notes:
            assert "In JupyterLab it moves" in note, note
            assert binder_link(f"notebooks/{notebook.name}") in note, note
    assert explorer_pages, "no notebook shows an explorer: the explorer counter is broken"


def test_the_index_mirrors_the_readme_map_and_links_every_page(site):
    page = Page(site / "index.html")
    text = " ".join(" ".join(page.text).split())
    for notebook in NOTEBOOKS:
        assert f"notebooks/{notebook.stem}.html" in page.links, f"index does not link {notebook}"
    for row in (line for line in README.splitlines() if line.startswith("| ")):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if re.search(r"\]\(notebooks/", row):
            assert f"Part {cells[0]}: {cells[1]}" in text, f"the index lacks part {cells[0]}"


def test_pages_load_nothing_from_elsewhere(site):
    """Scripts, style sheets and pictures all come with the site (MathJax too): a page reads
    the same offline."""
    for page_path in [site / "index.html", *sorted((site / "notebooks").glob("*.html"))]:
        page = Page(page_path)
        outside = [url for url in page.resources + [image["src"] for image in page.images]
                   if re.match(r"([a-z]+:)?//", url)]
        assert not outside, f"{page_path.name} loads {outside}"
        for url in page.resources:
            assert (page_path.parent / url.split("?")[0]).is_file(), f"{page_path.name}: {url}"
    assert (site / "_static" / "mathjax" / "tex-chtml.js").is_file()


def test_the_build_leaves_the_sources_as_they_were(site):
    assert not _built["left_in_site"], f"the build wrote into site/: {_built['left_in_site']}"
    assert "Executing notebook" in _built["result"].stdout + _built["result"].stderr
