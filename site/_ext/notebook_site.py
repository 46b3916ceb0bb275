"""What the website adds to Sphinx and MyST-NB: a Binder link on every notebook's page, the note
under each explorer's still picture, the map of notebooks read from the README, alt texts on the
notebooks' figures, and MathJax served from the site itself, so that the pages need no network.

The notebooks are executed by MyST-NB on the kernel in site/_jupyter (see still_pictures.py
there): it sends each widget as what a static page can show."""

import functools
import re
import shutil
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def binder_link(notebook):
    """The README's Binder link, opening `notebook` (a path from the repository's root): the
    README is the one place the repository's address is written."""
    found = re.search(r"^\[binder\]:\s*(\S+)", README.read_text(encoding="utf-8"), re.M)
    if not found:
        raise ValueError(f"{README} defines no [binder] link")
    url = found.group(1)
    start = url.index("urlpath=lab/tree/") + len("urlpath=lab/tree/")
    end = url.find("&", start)
    return url[:start] + quote(notebook) + (url[end:] if end != -1 else "")


def notebook_of(docname):
    """The notebook a page was made from (a path from the repository's root), or None."""
    return f"{docname}.ipynb" if docname.startswith("notebooks/") else None


def binder_paragraph(notebook, head, text, tail=""):
    paragraph = nodes.paragraph(classes=["binder-link"])
    paragraph += nodes.Text(head)
    paragraph += nodes.reference("", text, refuri=binder_link(notebook), internal=False)
    paragraph += nodes.Text(tail)
    return paragraph


def add_binder_link(app, doctree):
    """Under a notebook page's title: how to run it live."""
    notebook = notebook_of(app.env.docname)
    if notebook is None:
        return
    for section in doctree.findall(nodes.section):
        title = section.next_node(nodes.title)
        paragraph = binder_paragraph(
            notebook, "", "▶ Run this notebook live on Binder",
            ": JupyterLab in your browser, with nothing to install (it takes a minute or two to "
            "start). There the explorers move when you drag their sliders, and you can change "
            "and run every cell. This page shows the notebook as it ran when the site was built.")
        section.insert(section.index(title) + 1, paragraph)
        return


class StillExplorer(SphinxDirective):
    """The note under an explorer's still picture. Its content, written by the build's kernel,
    is HTML: the settings shown, the readout, the key."""

    has_content = True

    def run(self):
        note = nodes.container(classes=["still-explorer"])
        notebook = notebook_of(self.env.docname)
        if notebook is not None:
            note += binder_paragraph(
                notebook, "Above is a still picture of an explorer. In JupyterLab it moves: drag "
                "its sliders, pick from its menus, press its buttons, and the picture and the "
                "text below it answer at once. ", "Move it on Binder", ".")
        if self.content:
            note += nodes.raw("", "\n".join(self.content), format="html")
        return [note]


class NotebookMap(SphinxDirective):
    """The README's map of notebooks, as a list: part, title (a link to its page), and what you
    drag and see."""

    def run(self):
        rows = []
        for line in README.read_text(encoding="utf-8").splitlines():
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            link = re.search(r"\]\((notebooks/[\w.-]+\.ipynb)\)", line)
            if line.startswith("|") and link and len(cells) >= 4:
                part, title, what = cells[0], cells[1], cells[3]
                what = what[0].upper() + what[1:]
                page = "/" + link.group(1).removesuffix(".ipynb")
                rows.append(f"- **Part {part}: {{doc}}`{title} <{page}>`**. {what}.")
        if not rows:
            raise self.error(f"no notebook rows found in the table of {README}")
        return self.parse_text_to_nodes("\n".join(rows))


def alt_from_output_metadata():
    """MyST-NB 1.4 takes an image's alt text from its cell's metadata only (one for the cell):
    take it from the output's own metadata too, where the build's kernel puts each figure's."""
    from myst_nb.core.render import NbElementRenderer

    render_image = NbElementRenderer.render_image
    if getattr(render_image, "takes_alt_from_output", False):
        return

    @functools.wraps(render_image)
    def with_alt(self, data):
        made = render_image(self, data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        for node in made:
            if alt and isinstance(node, nodes.image) and not node.get("alt"):
                node["alt"] = alt
        return made

    with_alt.takes_alt_from_output = True
    NbElementRenderer.render_image = with_alt


# MathJax 3, from the sphinx-mathjax-offline package: what tex-chtml.js loads, not its 24 MB.
MATHJAX_PARTS = ("tex-chtml.js", "input/tex/extensions", "output/chtml", "ui", "a11y", "sre",
                 "adaptors")


def mathjax_folder():
    for file in metadata.files("sphinx-mathjax-offline") or ():
        if file.name == "tex-chtml.js":
            return Path(file.locate()).parent
    raise FileNotFoundError("sphinx-mathjax-offline has no tex-chtml.js: pip install -r "
                            "requirements-test.txt")


def copy_mathjax(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    source, target = mathjax_folder(), Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, dirs_exist_ok=True)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / part, target / part)


def setup(app):
    mathjax_folder()  # fail at the start, not after running the notebooks
    app.config.mathjax_path = "mathjax/tex-chtml.js"  # in _static: copied by copy_mathjax
    alt_from_output_metadata()
    app.add_directive("still-explorer", StillExplorer)
    app.add_directive("notebook-map", NotebookMap)
    app.connect("doctree-read", add_binder_link)
    app.connect("build-finished", copy_mathjax)
    app.add_css_file("site.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
