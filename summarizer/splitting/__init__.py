"""Splitting: a page's text in, its articles out (splitter.py holds the rules)."""

from __future__ import annotations

from pathlib import Path

from summarizer.errors import PageError
from summarizer.readers import read_pages
from summarizer.readers.filenames import file_hint
from summarizer.records import Page, PageText
from summarizer.splitting.splitter import overlap, split_page

__all__ = ["overlap", "split_file", "split_page", "split_page_file", "split_page_files", "split_page_text"]


def split_page_text(text: str, source: str = "<text>") -> Page:
    """A page's text split as if read from a file named `source` (whose name may give its edition)."""
    return split_page(PageText(source, text, file_hint(source)))


def split_file(path: str | Path) -> list[Page]:
    """Read and split one page file (a PDF may hold several pages); PageError gives a one-line reason."""
    pages = [split_page(text) for text in read_pages(Path(path))]
    for page in pages:
        if not page.articles:
            raise PageError(path, "no recognisable article on the page")
    return pages


def split_page_file(path: str | Path) -> Page:
    """The one page of a page file."""
    [page] = split_file(path)
    return page


def split_page_files(paths) -> tuple[list[Page], list[PageError]]:
    """Split each page file; the pages that could be split, and why each of the others could not."""
    pages: list[Page] = []
    errors: list[PageError] = []
    for path in paths:
        try:
            pages.extend(split_file(path))
        except PageError as exc:
            errors.append(exc)
    return pages, errors
