"""What a page file's name says of its edition, whatever its format."""

from __future__ import annotations

import re
from pathlib import Path

from summarizer.patterns import ISO_DATE_RE, iso_date
from summarizer.records import FileHint

_FILENAME_PAGE_RE = re.compile(r"(?:^|[-_.\s])(?:p|page|pg|A|B)?(?P<page>\d{1,2})$", re.IGNORECASE)


def file_hint(path: str | Path) -> FileHint:
    """Paper slug, date and page number that a file name like `jining-daily-2021-12-04-p1.txt` gives."""
    stem = Path(str(path)).stem
    date = ISO_DATE_RE.search(stem)
    iso = iso_date(date) if date else None
    if date and iso:
        stem = (stem[: date.start()] + " " + stem[date.end():]).strip()
    page = _FILENAME_PAGE_RE.search(stem)
    page_no = int(page.group("page")) if page else None
    if page:
        stem = stem[: page.start()]
    paper = re.sub(r"[-_.\s]+", "-", stem).strip("-")
    return FileHint(paper=paper if paper and not paper.startswith("<") else None, date=iso, page_no=page_no)
