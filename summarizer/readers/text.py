"""Text page files: size, encoding and sanity checks before any splitting."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from summarizer.errors import PageError, shown_path
from summarizer.patterns import cjk_count
from summarizer.readers.filenames import file_hint
from summarizer.readers.files import page_bytes
from summarizer.records import PageText

MAX_PAGE_BYTES = 2 * 1024 * 1024
"""A newspaper page's text is tens of KB; anything this large is not a page."""
_MIN_CHINESE_SHARE = 0.3
log = logging.getLogger("summarizer")


def decode_page(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode a page's bytes: UTF-8 (with or without BOM), UTF-16 (with or without BOM), GB18030/GBK.
    A page that decodes cleanly but for a few bytes is read with those bytes replaced (U+FFFD),
    and a warning names how many."""
    if not data.strip():
        raise PageError(path, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PageError(path, "unreadable UTF-16 text") from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            raise PageError(path, "UTF-16 text without a byte-order mark that cannot be read") from None
    if b"\x00" in data:
        raise PageError(path, "binary file, not text")
    text = _decode_text(data, path)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > len(text) * 0.01:
        raise PageError(path, "binary file, not text")
    return text


MAX_REPLACED_SHARE = 0.001
"""At most this share of a page's bytes (and at least a few) may be replaced; more is no text encoding."""
_ENCODINGS = ("utf-8-sig", "gb18030")


def _decode_text(data: bytes, path: str | Path) -> str:
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    replaced = {encoding: data.decode(encoding, errors="replace") for encoding in _ENCODINGS}
    counts = {encoding: text.count("\ufffd") for encoding, text in replaced.items()}
    best = min(counts, key=lambda encoding: counts[encoding])
    if counts[best] > max(4, MAX_REPLACED_SHARE * len(data)):
        raise PageError(path, "unknown text encoding (expected UTF-8, UTF-16 or GB18030/GBK)")
    log.warning("warning: %s: %d undecodable byte%s replaced (read as %s)", path, counts[best],
                "s" if counts[best] != 1 else "", best.removesuffix("-sig").upper())
    return replaced[best]


def _utf16_without_bom(data: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` where every other byte is mostly NUL, as in UTF-16 text
    without its byte-order mark (ASCII-heavy text); Chinese UTF-16 is recognised by decoding."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        plain = sum(1 for ch in text if _is_page_character(ch))
        if plain >= 0.98 * len(text) and cjk_count(text) + sum(ch.isascii() and ch.isalnum() for ch in text) > 0:
            return encoding
    return None


def _is_page_character(ch: str) -> bool:
    """Characters a Chinese page is made of: CJK, ASCII text, and CJK or full-width punctuation."""
    code = ord(ch)
    return (0x20 <= code < 0x7F or ch in "\r\n\t" or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F
            or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x206F or ch in "·■□●◆▲◇★☆◎")


def read_page_text(path: str | Path, max_bytes: int = MAX_PAGE_BYTES) -> str:
    """The text of a page file, or a PageError saying in one line why it cannot be used."""
    path = Path(path)
    data = page_bytes(path, max_bytes)
    text = decode_page(data, path)
    if cjk_count(text) < _MIN_CHINESE_SHARE * sum(1 for ch in text if not ch.isspace()):
        raise PageError(path, "not Chinese text")
    return text


def read(path: Path) -> list[PageText]:
    """A text page file (the text layer someone extracted from an e-paper page) as one page."""
    return [PageText(shown_path(path), read_page_text(path), file_hint(shown_path(path)))]
