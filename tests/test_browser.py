"""The edition page in a real browser: headless Chromium renders it from file:// and the test reads
the DOM it built (--dump-dom). On a phone-wide window a probe script (added to a copy of the page,
never to the page itself) marks every element whose text is cut off."""

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarizer.watching import watch_hits
from summarizer.writers.html import edition_html
from tests.helpers.digests import HOSTILE, example_digest

BROWSER = next((path for path in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if path), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium on this machine: .ci/run installs Debian's "
                                                        "`chromium` where apt-get can; without it the page is not "
                                                        "checked in a browser")
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "edition.png"
PROBE = """<script>
for (const element of document.querySelectorAll("body *")) {
  if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
    element.setAttribute("data-cut-off", "overflows its box");
  }
  const box = element.getBoundingClientRect();
  if (box.right > document.documentElement.clientWidth + 1) element.setAttribute("data-cut-off", "right");
}
document.body.setAttribute("data-probed", "yes");
</script>"""


def _browser(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--no-first-run", "--disable-dev-shm-usage", *arguments],
                          capture_output=True, text=True, timeout=120, check=True)


class _Dom(HTMLParser):
    """The rendered DOM as elements (tag, attributes, text inside)."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict, list[str]]] = []
        self.source = ""
        self._open: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        text: list[str] = []
        self.elements.append((tag, dict(attrs), text))
        if tag not in ("meta", "link", "br", "img", "input"):
            self._open.append(text)

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        for text in self._open:
            text.append(data)

    def find(self, tag=None, **attributes):
        return [(t, a, "".join(x)) for t, a, x in self.elements
                if (tag is None or t == tag) and all(a.get(k.replace("_", "-")) == v for k, v in attributes.items())]


def _rendered(page: Path, width: int = 1000) -> _Dom:
    dom = _Dom()
    dom.source = _browser(f"--window-size={width},1400", "--dump-dom", page.as_uri()).stdout
    dom.feed(dom.source)
    return dom


def _contents(dom: _Dom) -> _Dom:
    """The contents list alone (the <nav> of the rendered page)."""
    nav = _Dom()
    nav.feed(dom.source[dom.source.index("<nav"): dom.source.index("</nav>")])
    return nav


def test_the_edition_page_renders_its_cards_and_anchors_from_file(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(edition_html(example_digest()), encoding="utf-8")
    dom = _rendered(page)
    cards = dom.find("article")
    assert [attributes["id"] for _, attributes, _ in cards] == ["brief-1", "brief-2", "brief-3", "brief-4"]
    assert [attributes.get("data-foreign") for _, attributes, _ in cards] == ["yes", "yes", None, None]
    contents = [attributes["href"] for _, attributes, _ in _contents(dom).find("a")]
    assert contents == ["#brief-1", "#brief-2", "#brief-3", "#brief-4"]
    links = [attributes["href"] for _, attributes, _ in dom.find("a")]
    assert {link.removeprefix("#") for link in links} <= {attributes["id"] for _, attributes, _ in cards}
    [(_, _, first)] = [card for card in cards if card[1]["id"] == "brief-1"]
    assert "Yu Yongsheng meets Belarus's Ambassador to China" in first
    assert first.index("Yu Yongsheng, Deputy Secretary") < first.index("摘要：")  # English first, Chinese after
    assert "Yuri Senko, Ambassador to China (尤里·先科, 驻华大使)" in first
    assert [text for _, _, text in dom.find("h3")][:2] == ["Foreign affairs", "Other articles"]


def test_a_headline_holding_html_shows_as_text_and_nothing_runs(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(edition_html(example_digest(hostile=True)), encoding="utf-8")
    dom = _rendered(page)
    assert dom.find("script") == [] and dom.find("b") == []
    [(_, _, title)] = dom.find("title")
    assert title != "owned"
    headings = [text for _, _, text in dom.find("h2")]
    assert any(HOSTILE in heading for heading in headings)
    assert any(HOSTILE in text for _, _, text in _contents(dom).find("a"))  # the contents entry too


def test_no_text_is_cut_off_on_a_phone(tmp_path):
    digest = example_digest()
    digest.briefs[0].summary_en += " " + "BelarusChinaJining" * 12  # one very long word
    digest.briefs[1].headline_en = "Trade" + "delegation" * 15
    page = tmp_path / "probe.html"
    page.write_text(edition_html(digest).replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = _rendered(page, width=380)
    assert dom.find("body", data_probed="yes")  # the probe ran
    cut = [(tag, attributes.get("class"), text[:60]) for tag, attributes, text in dom.elements
           if attributes.get("data-cut-off")]
    assert cut == []


def test_the_screenshot_of_the_edition_page(tmp_path):
    """The README's picture: the same page, made by the same browser (SUMMARIZER_SCREENSHOT=1 refreshes docs/)."""
    page = tmp_path / "index.html"
    digest = example_digest()
    digest.watch_hits = watch_hits(digest.briefs, ["Belarus"])
    page.write_text(edition_html(digest), encoding="utf-8")
    shot = tmp_path / "edition.png"
    _browser("--window-size=900,1100", f"--screenshot={shot}", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("SUMMARIZER_SCREENSHOT"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)

