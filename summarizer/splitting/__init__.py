"""Splitting: a page's text in, its articles out. splitter.py runs the steps; blocks, headlines,
sides, headings, drafts, assembling and kinds hold the rules."""

from __future__ import annotations

from pathlib import Path

from summarizer.errors import PageError
from summarizer.readers import read_pages
from summarizer.readers.filenames import file_hint
from summarizer.records import Page, PageText
from summarizer.splitting.headlines import overlap
from summarizer.splitting.splitter import split_page

__all__ = ["overlap", "split_file", "split_file_pages", "split_page", "split_page_file", "split_page_files", "split_page_text"]


def split_page_text(text: str, source: str = "<text>") -> Page:
    """A page's text split as if read from a file named `source` (whose name may give its edition)."""
    return split_page(PageText(source, text, file_hint(source)))


def split_file(path: str | Path) -> list[Page]:
    """Read and split one page file (a PDF may hold several pages); PageError gives a one-line reason,
    for the first of its pages that cannot be read or split."""
    pages, errors = split_file_pages(path)
    if errors:
        raise errors[0]
    return pages


def split_file_pages(path: str | Path) -> tuple[list[Page], list[PageError]]:
    """The pages of one file that could be split, and why each of the others could not (a PDF's
    scanned page is an error of its own; the file's other pages go on)."""
    texts = read_pages(Path(path))
    pages: list[Page] = []
    errors: list[PageError] = []
    for number, text in enumerate(texts, start=1):
        if text.error:
            errors.append(PageError(path, text.error))
            continue
        page = split_page(text)
        if page.articles:
            pages.append(page)
        else:
            where = f"page {number}: " if len(texts) > 1 else ""
            errors.append(PageError(path, f"{where}no recognisable article on the page"))
    return pages, errors


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
            found, failed = split_file_pages(path)
        except PageError as exc:
            errors.append(exc)
            continue
        pages.extend(found)
        errors.extend(failed)
    return pages, errors
