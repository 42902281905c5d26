"""Milliseconds per page for the e-paper readers, on pages the tests' helpers draw:
`python3 benchmarks/read_speed.py` (needs reportlab, the `test` extra).

PDF: a light page (one story in two columns), the test pages, and a dense broadsheet page (eight
narrow columns of 8-point type, about 6,000 characters, stored out of reading order), read and
put in reading order. HTML: a night's layout page with its content pages, and a content page alone.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.readers import html, pdf  # noqa: E402
from tests.helpers.epaper import NIGHT, page_concert, page_dense, write_html_night, write_pdf  # noqa: E402


def per_page(read: Callable[[Path], list], path: Path, rounds: int) -> tuple[float, int]:
    pages = len(read(path))  # warm-up
    started = time.perf_counter()
    for _ in range(rounds):
        read(path)
    return 1000 * (time.perf_counter() - started) / (rounds * pages), pages


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        cases = [
            ("PDF, light page", pdf.read, write_pdf(work / "light.pdf", [page_concert()]), 20),
            ("PDF, the test pages", pdf.read,
             write_pdf(work / "tests.pdf", [build() for build, _ in NIGHT.values()], order="shuffled"), 5),
            ("PDF, dense broadsheet page", pdf.read, write_pdf(work / "dense.pdf", [page_dense()], order="shuffled"), 3),
        ]
        night = write_html_night(work / "night")
        cases += [
            ("HTML, layout page and its content pages", html.read, night / "node_1.htm", 50),
            ("HTML, content page", html.read, night / "content_101.htm", 100),
        ]
        for name, read, path, rounds in cases:
            ms, pages = per_page(read, path, rounds)
            characters = sum(len(page.text) for page in read(path)) // pages
            print(f"{name}: {ms:.1f} ms per page ({characters} characters a page)")


if __name__ == "__main__":
    main()
