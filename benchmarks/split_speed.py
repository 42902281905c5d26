"""Pages per second for the splitter (pure text work): `python benchmarks/split_speed.py [PAGE...]`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from summarizer.readers.text import read_page_text
from summarizer.splitting import split_page_text

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = [ROOT.parent / "shared" / "pages" / "jining-daily-p1.txt", *sorted((ROOT / "tests" / "pages").glob("*.txt")),
                 *sorted((ROOT / "tests" / "pages" / "conventions").glob("*.txt"))]


def main(paths: list[Path]) -> None:
    texts = [(str(path), read_page_text(path)) for path in paths if path.exists()]
    for source, text in texts:
        split_page_text(text, source)  # warm-up: jieba's dictionary loads once per process
    rounds = 50
    started = time.perf_counter()
    for _ in range(rounds):
        for source, text in texts:
            split_page_text(text, source)
    elapsed = time.perf_counter() - started
    pages = rounds * len(texts)
    print(f"{pages} pages in {elapsed:.3f} s: {pages / elapsed:.0f} pages/s, {1000 * elapsed / pages:.2f} ms/page")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or DEFAULT_PAGES)
