"""How well the splitter splits pages that have an expected split written by hand:
`python benchmarks/split_quality.py [PAGE.txt...]` (default: every tests/pages/*.txt with a
`.expected.json` beside it, in tests/pages/ and tests/pages/conventions/).

Per page and over all: article F1 (an article found counts when its body matches an expected
article's body closely, each expected article matched once), exact bodies (the paragraphs exactly
as expected) and headlines right (kicker, title and subtitle exactly as expected), both out of the
expected articles, and fields right (byline, dateline, kind, section, subheads and column).
`--no-blank-lines` scores the same pages with their blank lines removed (extracted text that lost them).
"""

from __future__ import annotations

import json
import sys
from difflib import SequenceMatcher
from pathlib import Path

from summarizer.readers.text import read_page_text
from summarizer.records import Article
from summarizer.splitting import split_page_text

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("byline", "dateline", "kind", "section", "subheads", "column")
"""The rest of an article that must be as expected for `fields` to count it."""
MATCH_RATIO = 0.8
"""How alike two bodies must be for a found article to count as the expected one."""


def expected_pages(paths: list[Path]) -> list[tuple[Path, dict]]:
    pages = []
    for path in paths:
        expected = path.with_suffix(".expected.json")
        if expected.exists():
            pages.append((path, json.loads(expected.read_text(encoding="utf-8"))))
    return pages


def _body(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


def score_page(found: list[Article], expected: list[dict]) -> dict:
    """Counts for one page: found, expected, matched, exact bodies, headlines right."""
    pairs = []
    for i, article in enumerate(found):
        for j, want in enumerate(expected):
            ratio = SequenceMatcher(None, article.body, _body(want["paragraphs"]), autojunk=False).ratio()
            if ratio >= MATCH_RATIO:
                pairs.append((ratio, i, j))
    used_found, used_expected, matches = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_found and j not in used_expected:
            used_found.add(i)
            used_expected.add(j)
            matches.append((found[i], expected[j]))
    bodies = sum(1 for article, want in matches if article.paragraphs == want["paragraphs"])
    headlines = sum(
        1 for article, want in matches
        if [article.kicker, article.title, article.subtitle] == [want.get("kicker"), want.get("title"), want.get("subtitle")]
    )
    fields = sum(1 for article, want in matches if all(getattr(article, key, None) == want.get(key) for key in FIELDS))
    return {"found": len(found), "expected": len(expected), "matched": len(matches), "bodies": bodies,
            "headlines": headlines, "fields": fields}


def f1(counts: dict) -> float:
    if not counts["found"] or not counts["expected"]:
        return 0.0
    precision, recall = counts["matched"] / counts["found"], counts["matched"] / counts["expected"]
    return 0.0 if not precision + recall else 2 * precision * recall / (precision + recall)


def main(paths: list[Path], no_blank_lines: bool = False) -> None:
    total = {"found": 0, "expected": 0, "matched": 0, "bodies": 0, "headlines": 0, "fields": 0}
    for path, gold in expected_pages(paths):
        text = read_page_text(path)
        if no_blank_lines:  # the same page as an extraction that lost its blank lines would give it
            text = "\n".join(line for line in text.splitlines() if line.strip())
        counts = score_page(split_page_text(text, str(path)).articles, gold["articles"])
        for key in total:
            total[key] += counts[key]
        print(f"{path.name}: F1 {f1(counts):.3f}, bodies {counts['bodies']}/{counts['expected']}, "
              f"headlines {counts['headlines']}/{counts['expected']}, fields {counts['fields']}/{counts['expected']} "
              f"({counts['found']} found)")
    print(f"all: F1 {f1(total):.3f}, bodies {total['bodies']}/{total['expected']}, "
          f"headlines {total['headlines']}/{total['expected']}, fields {total['fields']}/{total['expected']} "
          f"({total['found']} found)")


if __name__ == "__main__":
    arguments = [arg for arg in sys.argv[1:] if arg != "--no-blank-lines"]
    pages = ROOT / "tests" / "pages"
    main([Path(arg) for arg in arguments] or sorted([*pages.glob("*.txt"), *(pages / "conventions").glob("*.txt")]),
         no_blank_lines="--no-blank-lines" in sys.argv[1:])
