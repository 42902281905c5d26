"""Readers: a page file in, its pages' text out. One file per format, and a line in READERS.

A reader takes a path and gives the file's pages (a PDF of several pages gives several), or
raises PageError with a one-line reason. Folders are searched for the suffixes named here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from summarizer.readers import html, pdf, text
from summarizer.records import PageText

Reader = Callable[[Path], list[PageText]]
READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".pdf": pdf.read,
    ".htm": html.read,
    ".html": html.read,
}
"""Readers by file suffix (lower case)."""
FALLBACK_READER: Reader = text.read
"""A file named on the command line whose suffix no reader claims is read as text."""


def reader_for(path: Path) -> Reader:
    return READERS.get(path.suffix.lower(), FALLBACK_READER)


def read_pages(path: Path) -> list[PageText]:
    """The pages of one file, by the reader of its suffix; PageError says why they cannot be read."""
    return reader_for(path)(path)


def expand_inputs(inputs: list[str]) -> list[Path]:
    """Page files named directly, and the files inside named folders that a reader takes (sorted), in order;
    a folder's HTML content pages that a layout page beside them lists are read with that page."""
    pages: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            found = sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
            pages.extend(html.without_listed_pages(found))
        else:
            pages.append(item)
    return pages
