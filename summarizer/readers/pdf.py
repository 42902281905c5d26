"""E-paper PDFs: each page's text layer, read in reading order, with each line's type size and place.

pdfminer.six (MIT) gives the text lines, their fonts' sizes and the page's ruled lines and boxes;
reading_order puts the lines in the order a person reads them, whatever order the file stores
them in. The page's text has a blank line between regions (columns, strips, boxes), between
lines of different type size, and where the type leaves a gap; a headline's wrapped lines are
one line. A page without text (a scan), with codes its fonts cannot map to characters, or that
cannot be parsed is one error naming the page; the file's other pages go on.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import (
    LAParams,
    LTChar,
    LTComponent,
    LTContainer,
    LTCurve,
    LTLine,
    LTPage,
    LTRect,
    LTTextLineHorizontal,
)
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.psexceptions import PSException

from summarizer.errors import PageError
from summarizer.patterns import ends_paragraph
from summarizer.readers.filenames import file_hint
from summarizer.readers.files import page_bytes
from summarizer.readers.reading_order import HEADING_RATIO, Box, Group, Rule, Span, reading_order
from summarizer.records import FileHint, Line, PageText

MAX_PDF_BYTES = 100 * 1024 * 1024
"""An e-paper page is a few MB; a night in one PDF some tens. Anything larger is refused unread."""
SAME_SIZE = 0.05
"""Type sizes closer than this share are one size."""
PARAGRAPH_GAP = 1.0
"""A gap between lines of more than this many times their type size ends a block."""
MAX_CID_SHARE = 0.1
"""A page where more than this share of the characters are unmapped `(cid:N)` codes is unreadable."""
_CID_RE = re.compile(r"\(cid:\d+\)")
# pdfminer's own grouping of lines into boxes is skipped (boxes_flow=None): reading_order orders
# the lines itself, and the grouping is the slow part of pdfminer's layout analysis. Characters
# are one line only where less than half a character apart (pdfminer's default, two characters,
# runs the lines of narrow columns into one): every CJK character and space is drawn as a glyph,
# and pieces of a letter-spaced line are joined again by reading_order, row by row.
_LAPARAMS = LAParams(boxes_flow=None, all_texts=True, char_margin=0.5)
log = logging.getLogger("summarizer")
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def read(path: Path) -> list[PageText]:
    """Each page of the PDF as a PageText: text in reading order, lines with their type size; a page
    that cannot be read carries its error. PageError if the file as a whole cannot be read."""
    data = page_bytes(path, MAX_PDF_BYTES, "a PDF")
    hint = file_hint(path)
    try:
        with io.BytesIO(data) as handle:
            document = PDFDocument(PDFParser(handle))
            manager = PDFResourceManager(caching=True)
            device = PDFPageAggregator(manager, laparams=_LAPARAMS)
            interpreter = PDFPageInterpreter(manager, device)
            pages = []
            for number, pdf_page in enumerate(PDFPage.create_pages(document), start=1):
                page_hint = FileHint(hint.paper, hint.date,
                                     number if hint.page_no is None else hint.page_no + number - 1)
                pages.append(_read_page(path, number, page_hint, interpreter, device, pdf_page))
    except PDFPasswordIncorrect:
        raise PageError(path, "encrypted (a password is needed to read it)") from None
    except PDFEncryptionError as exc:
        raise PageError(path, f"encrypted in a way that cannot be read ({exc})") from None
    except PSException:
        raise PageError(path, "not a PDF file, or a damaged one") from None
    except Exception as exc:  # noqa: BLE001 - a parser on untrusted bytes: one bad file never stops the night
        raise PageError(path, f"not a PDF file, or a damaged one ({type(exc).__name__})") from None
    if not pages:
        raise PageError(path, "a PDF with no pages")
    return pages


def _read_page(path: Path, number: int, hint: FileHint, interpreter: PDFPageInterpreter,
               device: PDFPageAggregator, pdf_page: PDFPage) -> PageText:
    source = str(path)
    try:
        interpreter.process_page(pdf_page)
        layout = device.get_result()
    except Exception as exc:  # noqa: BLE001 - as above, for one page: the file's other pages go on
        return PageText(source, "", hint, error=f"page {number}: cannot be read ({type(exc).__name__})")
    spans, rules, frames = page_parts(layout)
    if not any(span.text.strip() for span in spans):
        return PageText(source, "", hint, error=f"page {number}: no text layer (a scanned page?)")
    unmapped = sum(len(_CID_RE.findall(span.text)) for span in spans)
    characters = sum(len(_CID_RE.sub("?", span.text)) for span in spans)  # a code is one character
    if unmapped > MAX_CID_SHARE * characters:
        return PageText(source, "", hint, error=f"page {number}: text without a Unicode map ((cid:…) codes): "
                                                "the fonts give no characters")
    if unmapped:
        log.warning("warning: %s: page %d: some characters have no Unicode map and are shown as \ufffd", path, number)
        spans = [replace(span, text=_CID_RE.sub("\ufffd", span.text)) for span in spans]
    try:
        groups = reading_order(spans, rules, frames)
    except RecursionError:
        # a layout that nests deeper than Python recurses (never seen on a page): read it row by row
        log.warning("warning: %s: page %d: layout too deep to cut; read row by row", path, number)
        groups = [Group(sorted(spans, key=lambda span: (round(span.top), span.x0)))]
    text, lines = page_text(groups)
    return PageText(source, text, hint, lines)


def page_parts(layout: LTPage) -> tuple[list[Span], list[Rule], list[Box]]:
    """The page's text lines, ruled lines and drawn boxes, top down."""
    height = layout.y1
    spans: list[Span] = []
    rules: list[Rule] = []
    frames: list[Box] = []
    for item in _walk(layout):
        x0, top, x1, bottom = item.x0, height - item.y1, item.x1, height - item.y0
        if isinstance(item, LTTextLineHorizontal):
            text = item.get_text().rstrip()
            sizes = [char.size for char in item if isinstance(char, LTChar)]
            if text.strip() and sizes:
                spans.append(Span(text, statistics.median(sizes), x0, top, x1, bottom))
        elif isinstance(item, (LTLine, LTRect, LTCurve)):
            width, tall = x1 - x0, bottom - top
            if tall <= 3 and width >= 20 or width <= 3 and tall >= 20:
                rules.append(Rule(x0, top, x1, bottom))
            elif isinstance(item, LTRect) and width > 20 and tall > 20:
                frames.append(Box(x0, top, x1, bottom))
    return spans, rules, frames


def _walk(container: LTContainer) -> Iterator[LTComponent]:
    for item in container:
        if isinstance(item, LTTextLineHorizontal | LTLine | LTRect | LTCurve):
            yield item
        elif isinstance(item, LTContainer):
            yield from _walk(item)


def body_size(spans: list[Span]) -> float:
    """The type size most of the page's characters are set in."""
    counts: dict[float, int] = {}
    for span in spans:
        size = round(span.size, 1)
        counts[size] = counts.get(size, 0) + len(span.text)
    return max(counts, key=lambda size: counts[size]) if counts else 0.0


def page_text(groups: list[Group]) -> tuple[str, tuple[Line, ...]]:
    """The page's text, its blocks apart, and its lines with their sizes and places. A body
    paragraph's wrapped lines are one line (a line that fills its column goes on in the next one
    unless that is indented), also across a column break; a headline part's wrapped lines too."""
    body = body_size([span for group in groups for span in group.spans])
    indents = any(span.text.startswith("\u3000") for group in groups for span in group.spans)
    blocks: list[list[Line]] = []
    previous: Span | None = None
    previous_full = False
    regions = [_rows(group.spans) for group in groups]
    justified = _justified(regions)
    for column, (group, rows) in enumerate(zip(groups, regions)):
        left, right = min(span.x0 for span in rows), _column_edge(rows, justified)
        for number, span in enumerate(rows):
            line = Line(span.text, round(span.size, 1), (span.x0, span.top, span.x1, span.bottom), column)
            indented = span.text.startswith("\u3000") or span.x0 - left > 1.5 * span.size
            heading = span.size > HEADING_RATIO * body
            if previous is None:
                blocks.append([line])
            elif (previous_full and not heading and not indented and not group.boxed
                    and not _other_size(previous, span) and (number == 0 or not _breaks(previous, span))
                    and (indents or not ends_paragraph(blocks[-1][-1].text))):
                # the paragraph goes on, in this column or the next: its lines fill the column, and
                # paragraphs start indented (or, on a page without indents, it has not ended)
                _extend(blocks[-1], span)
            elif number == 0 or _breaks(previous, span):
                blocks.append([line])
            elif heading:
                _extend(blocks[-1], span)  # a headline part's wrapped line
            else:
                blocks[-1].append(line)
            previous = span
            previous_full = not heading and right is not None and right - span.x1 < span.size
    text = "\n\n".join("\n".join(line.text for line in block) for block in blocks)
    return text + "\n", tuple(line for block in blocks for line in block)


def _column_edge(rows: list[Span], justified: bool) -> float | None:
    """Where a region's lines end when they fill it: its rightmost reach, if the page's text is
    justified or two of the region's lines reach it (within a character); else None (ragged text,
    whose lines are never taken to go on)."""
    right = max(span.x1 for span in rows)
    return right if justified or _reaching(rows, right) >= 2 else None


def _reaching(rows: list[Span], right: float) -> int:
    return sum(1 for span in rows if right - span.x1 < span.size)


def _justified(regions: list[list[Span]]) -> bool:
    """Whether the page's columns are justified: most regions of three lines or more have two or
    more lines ending at their right edge."""
    tall = [rows for rows in regions if len(rows) >= 3]
    return bool(tall) and sum(_reaching(rows, max(span.x1 for span in rows)) >= 2 for rows in tall) > len(tall) / 2


def _extend(block: list[Line], span: Span) -> None:
    last = block[-1]
    block[-1] = Line(last.text + span.text.strip(), last.size,
                     (min(last.box[0], span.x0), last.box[1], max(last.box[2], span.x1), span.bottom), last.column)


def _other_size(previous: Span, span: Span) -> bool:
    return abs(previous.size - span.size) > SAME_SIZE * max(previous.size, span.size)


def _breaks(previous: Span, span: Span) -> bool:
    """Whether a new block starts between two lines of one region: another type size, or a gap."""
    if _other_size(previous, span):
        return True
    return span.top - previous.bottom > PARAGRAPH_GAP * span.size


def _rows(spans: list[Span]) -> list[Span]:
    """Pieces of one printed line (stored apart, cut by pdfminer, or letter-spaced) as one line,
    left to right: a space where the gap is wider than half a character, except between the
    single characters of a letter-spaced line."""
    rows: list[list[Span]] = []
    for span in sorted(spans, key=lambda s: s.top) if _out_of_rows(spans) else spans:
        last = rows[-1][-1] if rows else None
        if last and min(last.bottom, span.bottom) - max(last.top, span.top) > 0.5 * min(last.size, span.size):
            rows[-1].append(span)
        else:
            rows.append([span])
    return [_one_line(row) for row in rows]


def _one_line(pieces: list[Span]) -> Span:
    if len(pieces) == 1:
        return pieces[0]
    pieces = sorted(pieces, key=lambda piece: piece.x0)
    spaced = all(len(piece.text.strip()) == 1 for piece in pieces)
    text = pieces[0].text
    for left, right in zip(pieces, pieces[1:]):
        gap = right.x0 - left.x1 > 0.5 * min(left.size, right.size)
        text += (" " if gap and not spaced else "") + right.text.strip()
    return Span(text, max(piece.size for piece in pieces), pieces[0].x0, min(piece.top for piece in pieces),
                max(piece.x1 for piece in pieces), max(piece.bottom for piece in pieces))


def _out_of_rows(spans: list[Span]) -> bool:
    return any(b.top < a.top - 0.5 * a.size for a, b in zip(spans, spans[1:]))
