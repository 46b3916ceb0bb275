"""The website on a phone: each notebook's page, served from the built site (tests/test_site.py
builds it once per session), in Chromium at a phone's size. Its figures load and fit the screen,
its text does not scroll sideways, its math is typeset by the MathJax that comes with the site,
and it asks for nothing from anywhere else."""

import functools
import http.server
import threading
from pathlib import Path

import pytest

from test_site import NOTEBOOKS, build_site  # tests/ is on sys.path: tests/ui's package root

PHONE = {"width": 390, "height": 844}  # CSS pixels: a common phone, held upright
SCREENSHOTS = Path(__file__).with_name("screenshots")
LOAD_TIMEOUT = 30_000  # ms

# Each picture scrolled to, then loaded: (its alt text, natural width, shown width, right edge).
PICTURES = """async () => {
    const pictures = [...document.querySelectorAll('article img')];
    for (const picture of pictures) {
        picture.scrollIntoView();
        if (!picture.complete) {
            await new Promise(done => { picture.onload = picture.onerror = done; });
        }
    }
    window.scrollTo(0, 0);
    return pictures.map(picture => {
        const box = picture.getBoundingClientRect();
        return [picture.alt, picture.naturalWidth, box.width, box.right];
    });
}"""
# Text that runs past the screen's right edge: paragraphs, list items, headings, notes. (Code
# and printed tables scroll inside their own boxes, which is how a phone shows them.)
TEXT_PAST_THE_EDGE = """() => [...document.querySelectorAll(
        'article p, article li, article h1, article h2, article h3, article .still-explorer')]
    .filter(block => !block.closest('pre, .highlight, .table-wrapper'))
    .filter(block => block.getBoundingClientRect().right > window.innerWidth + 1)
    .map(block => block.textContent.trim().slice(0, 80))"""
MATH_TYPESET = """async () => {
    if (!window.MathJax?.startup?.promise) return -1;
    await window.MathJax.startup.promise;
    return document.querySelectorAll('mjx-container').length;
}"""


@pytest.fixture(scope="module")
def site_address(tmp_path_factory):
    """The built site, served on a loopback port as a web host would serve it."""
    html, result = build_site(tmp_path_factory)
    assert result.returncode == 0, f"the site did not build:\n{result.stderr[-6000:]}"
    handler = functools.partial(QuietHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_a_page_shows_its_figures_on_a_phone(browser, site_address, notebook):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    elsewhere = []

    def only_the_site(route):
        if route.request.url.startswith(site_address):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    try:
        page = context.new_page()
        page.route("**/*", only_the_site)
        page.goto(f"{site_address}/notebooks/{notebook.stem}.html", timeout=LOAD_TIMEOUT,
                  wait_until="load")
        pictures = page.evaluate(PICTURES)
        math = page.evaluate(MATH_TYPESET)
        past_the_edge = page.evaluate(TEXT_PAST_THE_EDGE)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        written_math = page.locator("article .math").count()
        binder = page.locator("article p.binder-link a").first.get_attribute("href")
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"site-{notebook.stem}.png"))
    finally:
        context.close()

    assert pictures, f"the page of {notebook.name} shows no pictures"
    for alt, natural_width, shown_width, right in pictures:
        assert natural_width > 0, f"a picture did not load: {alt}"
        assert alt.strip(), "a picture without alt text"
        assert 0 < shown_width and right <= PHONE["width"] + 1, (
            f"a picture runs past the screen ({right:.0f} px of {PHONE['width']}): {alt}")
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths[0]} px in {widths[1]}"
    assert not past_the_edge, f"text runs past the screen's edge: {past_the_edge}"
    assert math != -1, "MathJax did not load from the site"
    assert (math > 0) == (written_math > 0), f"{written_math} formulas, {math} typeset"
    assert binder and binder.startswith("https://mybinder.org/"), f"no Binder link: {binder}"
    assert not elsewhere, f"the page asked for something outside the site: {elsewhere}"
