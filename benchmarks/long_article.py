"""Seconds for one very long article through the CPU steps of a brief (split, names, extractive
summary): they must grow with the text's length, not faster. `python benchmarks/long_article.py`."""

from __future__ import annotations

import time
from pathlib import Path

from summarizer.names.entities import find_entities
from summarizer.names.glossary import Glossary
from summarizer.records import Article
from summarizer.splitting import split_page_text
from summarizer.stages.summarizing import extractive_summary

PAGE = Path(__file__).resolve().parent.parent / "tests" / "pages" / "east-lake-daily-2024-05-07-p1.txt"


def main() -> None:
    glossary = Glossary.load()
    sample = PAGE.read_text(encoding="utf-8")
    find_entities(sample[:500], glossary)  # the taggers load once, outside the timing
    for length in (12_500, 25_000, 50_000, 100_000, 200_000):
        body = "\n".join(line for line in (sample * (length // len(sample) + 1)).splitlines() if len(line) > 20)
        text = "市长会见来访代表团\n\n" + body[:length]
        started = time.perf_counter()
        split_page_text(text)
        split = time.perf_counter() - started
        article = Article(title="市长会见来访代表团", paragraphs=body[:length].splitlines())
        started = time.perf_counter()
        find_entities(f"{article.headline}\n{article.body}", glossary)
        names = time.perf_counter() - started
        started = time.perf_counter()
        extractive_summary(article.body)
        summary = time.perf_counter() - started
        print(f"{length:>7} characters: split {split:5.2f} s, names {names:5.2f} s, extractive summary {summary:5.2f} s,"
              f" total {split + names + summary:5.2f} s", flush=True)


if __name__ == "__main__":
    main()
