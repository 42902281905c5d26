"""Reading page files: size, encoding and sanity checks before any splitting."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from summarizer.errors import PageError
from summarizer.patterns import ISO_DATE_RE, cjk_count, iso_date

MAX_PAGE_BYTES = 2 * 1024 * 1024
"""A newspaper page's text is tens of KB; anything this large is not a page."""
PAGE_SUFFIXES = (".txt",)
_MIN_CHINESE_SHARE = 0.3


def decode_page(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode a page's bytes (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK)."""
    if not data.strip():
        raise PageError(path, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PageError(path, "unreadable UTF-16 text") from None
    if b"\x00" in data:
        raise PageError(path, "binary file, not text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise PageError(path, "unknown text encoding (expected UTF-8 or GB18030/GBK)")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > len(text) * 0.01:
        raise PageError(path, "binary file, not text")
    return text


def read_page_text(path: str | Path, max_bytes: int = MAX_PAGE_BYTES) -> str:
    """The text of a page file, or a PageError saying in one line why it cannot be used."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise PageError(path, "is a folder, not a page file")
        if size > max_bytes:
            raise PageError(path, f"file too large ({size / 1e6:.1f} MB; a page is at most {max_bytes / 1e6:.1f} MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise PageError(path, "no such file") from None
    except PermissionError:
        raise PageError(path, "permission denied") from None
    except OSError as exc:
        raise PageError(path, f"cannot read: {exc.strerror or exc}") from None
    text = decode_page(data, path)
    if cjk_count(text) < _MIN_CHINESE_SHARE * sum(1 for ch in text if not ch.isspace()):
        raise PageError(path, "not Chinese text")
    return text


def expand_inputs(inputs: list[str | Path]) -> list[Path]:
    """Page files named directly, and the page files inside named folders (sorted), in order."""
    pages: list[Path] = []
    for item in inputs:
        item = Path(item)
        if item.is_dir():
            pages.extend(sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES))
        else:
            pages.append(item)
    return pages


_FILENAME_PAGE_RE = re.compile(r"(?:^|[-_.\s])(?:p|page|pg|A|B)?(?P<page>\d{1,2})$", re.IGNORECASE)


def edition_from_filename(path: str | Path) -> dict:
    """Paper slug, date and page number that a file name like `jining-daily-2021-12-04-p1.txt` gives."""
    stem = Path(str(path)).stem
    hint: dict = {}
    date = ISO_DATE_RE.search(stem)
    if date and iso_date(date):
        hint["date"] = iso_date(date)
        stem = (stem[: date.start()] + " " + stem[date.end():]).strip()
    page = _FILENAME_PAGE_RE.search(stem)
    if page:
        hint["page_no"] = int(page.group("page"))
        stem = stem[: page.start()]
    paper = re.sub(r"[-_.\s]+", "-", stem).strip("-")
    if paper and not paper.startswith("<"):
        hint["paper"] = paper
    return hint
