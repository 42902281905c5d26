"""Seconds per page for finding names and rendering them in English, on one core, and what the
name data adds to a process's peak memory: `python benchmarks/names_speed.py [PAGE...]`.

The process pins itself to one CPU first, so LAC's ONNX Runtime cannot spread over several."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_PAGES = [ROOT.parent / "shared" / "pages" / "jining-daily-p1.txt", *sorted((ROOT / "tests" / "pages").glob("*.txt"))]


def peak_mb() -> float:
    """This process's peak resident memory so far (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(paths: list[Path]) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from summarizer.names.glossary import Glossary
    from summarizer.splitting import split_page_file
    from summarizer.stages.briefing import article_names

    pages = [split_page_file(path) for path in paths if path.exists()]
    glossary = Glossary.load()
    before = peak_mb()
    started = time.perf_counter()
    for article in pages[0].articles[:1]:
        article_names(article, glossary)  # loads LAC, jieba, CC-CEDICT and CLDR once
    loading = time.perf_counter() - started
    added = peak_mb() - before
    rounds = 3
    started = time.perf_counter()
    for _ in range(rounds):
        for page in pages:
            for article in page.articles:
                article_names(article, glossary)
    elapsed = time.perf_counter() - started
    count = rounds * len(pages)
    articles = rounds * sum(len(page.articles) for page in pages)
    print(f"loading the name data once: {loading:.2f} s; peak memory it adds: {added:.0f} MB")
    print(f"{count} pages ({articles} articles) in {elapsed:.2f} s on one core: "
          f"{elapsed / count:.3f} s/page, {1000 * elapsed / articles:.0f} ms/article")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or DEFAULT_PAGES)
