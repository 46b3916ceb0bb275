"""Sphinx's settings for the website: the five notebooks, executed, as pages a learner can read
on a phone. From the repository's root, after the README's test set-up:

    .venv/bin/python -m sphinx -b html site site/_build/html

Why Sphinx with MyST-NB and not Jupyter Book: Jupyter Book 2 (a Node tool, mystmd) fetches its
page template from api.mystmd.org while it builds; with no network, `jupyter-book build --html`
stops at "Querying template metadata from https://api.mystmd.org/templates/site/myst/book-theme".
Sphinx, MyST-NB and the Furo theme build from what pip installed (pinned in
requirements-test.txt), and nothing else: the site builds offline, and its pages load nothing
from elsewhere (MathJax too is served from the site).
"""

import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

# The notebooks run on the kernel in _jupyter/kernels/python3: the environment's own Python 3
# kernel with one startup file, which sends each widget (an explorer, a live figure, a progress
# bar) as a still picture or text, since nothing moves without a kernel. Found first on
# JUPYTER_PATH, for this build only; JupyterLab, nbval and Binder never see it.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    [str(HERE / "_jupyter"), *filter(None, [os.environ.get("JUPYTER_PATH")])])

project = "Neural networks from scratch"
author = "The neural-networks-from-scratch contributors"
copyright = f"{author}: code MIT, prose and figures CC BY 4.0"
language = "en"

extensions = ["myst_nb", "notebook_site"]
root_doc = "index"
# notebooks/ is a link to the repository's notebooks folder: its numbered notebooks are pages.
include_patterns = ["index.md", "notebooks/[0-9][0-9]_*.ipynb"]
exclude_patterns = ["_build", "_ext", "_jupyter", "_static"]

# Execute every notebook on each build (about a minute; three with MNIST for notebook 05), and
# stop at the first error: a page is never built from a notebook that did not run.
nb_execution_mode = "force"
nb_execution_timeout = 900  # seconds, per cell
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_in_temp = False  # run in notebooks/, as in JupyterLab
nb_merge_streams = True
nb_ipywidgets_js = {}  # no widget scripts from a CDN: the build's kernel sends no widgets
nb_render_markdown_format = "myst"  # the explorers' notes are a directive (notebook_site.py)
# A still figure (nnlib's show) comes as an <img> in HTML for JupyterLab and as a PNG with its
# alt text: the page takes the PNG, a file of the site, and the alt text (notebook_site.py).
nb_mime_priority_overrides = [("html", "image/png", 25)]
myst_enable_extensions = ["dollarmath", "amsmath", "substitution"]
# The README is the one place the repository's address is written: read it from there.
_readme = (HERE.parent / "README.md").read_text(encoding="utf-8")
_repository = re.search(r"^\[repo\]:\s*(\S+)", _readme, re.M).group(1)
myst_substitutions = {"readme": f"[the repository's README]({_repository}#readme)"}
myst_heading_anchors = 3

html_theme = "furo"
html_title = "Neural networks from scratch"
html_static_path = ["_static"]
html_copy_source = False
html_show_sourcelink = False
