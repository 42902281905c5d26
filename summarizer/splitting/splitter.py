"""Splitting a page's text into articles.

The text of an e-paper page is a run of blocks: paragraphs separated by blank lines, by
indents, or by lines that end a sentence short of the column. Each block is classified
(byline, body, heading, section label, furniture); paragraphs broken by a column end are
joined again; then the blocks are grouped into articles. Whether a page puts its headlines
before or after their bodies is decided from evidence on the page (what it starts and ends
with, and which body each headline's words overlap); a headline that clearly names the body
on its other side goes with that body, and a change of column width separates articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer import patterns as P
from summarizer.records import Article, FactSource, Kind, Page, PageText
from summarizer.splitting import layout
from summarizer.words import tag

BYLINE, BODY, HEAD, LABEL, FURNITURE = "byline", "body", "head", "label", "furniture"
SIGNATURE, COLUMN = "signature", "column"
"""A notice's closing block: the issuing bodies' lines and the date line."""
HEADLINE_BEFORE, HEADLINE_AFTER = "before", "after"

MAX_HEADING_LINE = 40
LAYOUT_VOTE_MARGIN = 0.1
"""How much more a headline's words must overlap one neighbouring body than the other to count
as a vote for the page's layout."""
CLEAR_OVERLAP_MARGIN = 0.4
"""How much more a headline's words must overlap one neighbouring body than the other to be
placed with it against the page's layout (pages that mix headline positions)."""
NOT_PAPERS = ("预报", "简报", "快报", "通报", "汇报", "情报", "海报", "喜报", "捷报", "电报", "警报", "画报")
"""Words ending in 报 that name no paper: a line of one of them alone is no mast."""
MAX_RUBRIC = 6
"""The longest rubric (`要闻`, `国际新闻`) a page sets alone on a line at its top."""
MIN_CUT_LINES = 4
"""How many lines cut mid-sentence a page needs for its column's width to be read from them."""
PAIR_SPLIT_MARGIN = 0.1
"""How much more each of two headlines set together must overlap its own body than the other's to be cut apart."""
MAX_PHOTO_CAPTION = 300
"""The longest caption a photo item (title, caption, credit line) has; a longer body is a report."""
COLUMN_CHANGE = 3
"""Characters of difference in line length that mark another column, so another article."""
MAX_HEADING_LINES = 4
SUBTITLE_DASHES = ("——", "─", "—", "--")
INDENT_RE = re.compile(r"^(?:[ \t\xa0]*\u3000|[ \t\xa0]{2,})")
"""A paragraph indent: a full-width space or two plain ones before the text."""
ENUMERATED_SUBHEAD_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|[①-⑩])")


@dataclass
class Unit:
    """A classified block of the page."""

    kind: str
    lines: list[str]
    dateline: str | None = None
    continued_from: int | None = None
    full_lines: list[int] = field(default_factory=list)
    """Lengths of a body block's lines but the last (which may be short): its column width."""
    block_start: bool = False
    """Whether it opens a block of the page (text set apart by a blank line or an indent)."""
    larger: bool = False
    """Set in type larger than the body, as the reader measured (see layout.py): a headline of its own."""

    def __post_init__(self) -> None:
        if not self.full_lines and self.kind == BODY:
            self.full_lines = [len(line) for line in self.lines[:-1]]

    @property
    def text(self) -> str:
        return "".join(self.lines)

    @property
    def starts_article(self) -> bool:
        return self.kind == BYLINE or (self.kind == BODY and (self.dateline is not None or self.continued_from is not None))


@dataclass
class _Draft:
    """An article being assembled; closed once nothing more of the page can belong to it."""

    article: Article = field(default_factory=Article)
    closed: bool = False
    full_lines: list[int] = field(default_factory=list)
    ended: bool = False
    """Whether its body ended with its closing credit, bracketed dateline or author's note: nothing more of
    its body follows (on a headline-after page, the next heading is its headline)."""
    subhead_at: int | None = None
    """How many paragraphs stood above its last subhead."""
    awaiting_title: bool = False
    """A photo item closed by its credit line with no title yet: its title may follow the credit."""
    lead_heading: bool = False
    """Whether a heading stood above its body (headline-after pages: its title came first after all)."""
    block_at: int | None = None
    """How many paragraphs stood above the last block of the page it took in."""

    @property
    def has_body(self) -> bool:
        return bool(self.article.paragraphs)


def split_page(source: PageText) -> Page:
    """The page's articles, furniture and edition facts (from its header, else its file name)."""
    lines, indented = [], []
    for raw in _join_split_wire_datelines(source.text.splitlines()):
        for number, part in enumerate(_split_run_in_item(_split_trailing_credit(_normalize_line(raw)))):
            lines.append(part)
            indented.append(number == 0 and bool(INDENT_RE.match(raw)))
    page = Page(source=source.source)
    units: list[Unit] = []
    sizes = layout.type_sizes(source.lines)
    page_width = _page_column_width(lines)
    wholes = _split_blocks(lines, indented)
    for position, whole in enumerate(wholes):
        if not units and _is_rubric(whole, wholes[position + 1:]):
            page.furniture.append(whole[0])
            continue
        if _is_box(whole):  # a box is furniture as a whole; a line of it inside an article is not
            units.append(Unit(FURNITURE, [" ".join(whole)]))
            continue
        for number, block in enumerate(_split_runs(whole, page_width)):
            block = _take_headers(block, page)
            if block:
                unit = _classify(block)
                if unit.kind in (BODY, HEAD) and layout.set_larger(block, sizes):
                    unit = Unit(HEAD, block, larger=True)  # set larger than the body: a headline of its own
                unit.block_start = number == 0
                units.append(unit)
    hint = source.hint
    if page.paper is None and hint.paper:
        page.paper, page.paper_source = hint.paper, FactSource.FILE_NAME
    if page.date is None and hint.date:
        page.date, page.date_source = hint.date, FactSource.FILE_NAME
    page.page_no = page.page_no or hint.page_no
    _drop_pull_quotes(units)
    _mark_standalone_kickers(units)
    units = _join_signature_blocks(units)
    _extract_openers(units)
    units = _join_column_breaks(units, page_width)
    page.articles = [layout.headline_by_size(article, sizes) for article in _assemble(units, page.furniture)]
    return page


def _join_split_wire_datelines(raw_lines: list[str]) -> list[str]:
    """`据` at a line's end or alone, and `新华社电…` on the next: one dateline, cut by the column."""
    joined: list[str] = []
    for line in raw_lines:
        if joined and joined[-1].strip().endswith("据") and len(joined[-1].strip()) <= 2 \
                and line.strip().startswith(P.WIRE_OUTLETS):
            joined[-1] = joined[-1].rstrip() + line.strip()
        elif joined and line.strip().startswith(P.WIRE_OUTLETS) and _ends_with_cut_ju(joined[-1]):
            joined[-1] = joined[-1].rstrip()[:-1].rstrip()  # `…成交额创新高 据` / `新华社电…`: 据 opens the dateline
            joined.append("据" + line.strip())
        else:
            joined.append(line)
    return joined


def _ends_with_cut_ju(line: str) -> bool:
    """A headline's line that ends with ` 据`, the dateline below's first character set on it."""
    line = line.strip()
    return line.endswith(" 据") and _is_heading_line(line[:-1].rstrip().lstrip(P.BYLINE_MARKERS), MAX_HEADING_LINE)


def _split_run_in_item(lines: list[str]) -> list[str]:
    """A short item whose lead phrase runs into its text (`■德国汽车出口回升 德国联邦统计局8日…`)
    as the bulleted title and the paragraph below it, set apart by blank lines as such items are."""
    out: list[str] = []
    for line in lines:
        match = P.RUN_IN_ITEM_RE.match(line)
        if match and not P.BYLINE_RE.match(line):
            out += ["", match.group("marker") + match.group("title"), "", match.group("body"), ""]
        else:
            out.append(line)
    return out


def _split_trailing_credit(line: str) -> list[str]:
    """A headline line that ends with its credit (`要把实事办好 本报评论员`) as two lines."""
    match = P.TRAILING_CREDIT_RE.match(line)
    if not match or P.BYLINE_RE.match(line):
        return [line]
    return [match.group("headline"), match.group("credit")]


def _take_headers(block: list[str], page: Page) -> list[str]:
    """The block without the page-header lines at its start or end, whose paper, date and page
    number go to the page: a header is read wherever it stands, also with text right below it."""
    while block and _take_header(block[0], page):
        block = block[1:]
    while block and _take_header(block[-1], page):
        block = block[:-1]
    if len(block) > 2:
        block = [block[0], *(line for line in block[1:-1] if not _take_running_header(line, page)), block[-1]]
    if len(block) == 1 and _is_mast(block[0]):
        page.furniture.append(block[0])  # the paper's mast on its own line
        if page.paper is None:
            page.paper, page.paper_source = block[0], FactSource.HEADER
        return []
    return block


def _is_rubric(block: list[str], rest: list[list[str]]) -> bool:
    """A page's rubric (`要闻`, `国际`) alone on its line at the top, over the page header."""
    return (
        len(block) == 1 and len(block[0]) <= MAX_RUBRIC and not any(ch in block[0] for ch in P.CLAUSE_PUNCTUATION)
        and not _is_mast(block[0])
        and bool(rest) and P.parse_page_header(rest[0][0]) is not None
    )


def _is_mast(line: str) -> bool:
    """The paper's name alone on a line (`东江日报`, `东山县报`; not `天气预报`, `工作简报`)."""
    return bool(P.PAPER_RE.fullmatch(line)) and not line.endswith(NOT_PAPERS)


def _take_running_header(line: str, page: Page) -> bool:
    """A page header repeated inside a block, where extraction broke a column (even mid-sentence):
    a full one (a date with the paper or the page) is dropped, and the lines round it join."""
    return _is_full_header(line) and _take_header(line, page)


def _is_full_header(line: str) -> bool:
    """A page header line with its date and its page number (or the paper and the weekday)."""
    if "年" not in line:
        return False  # (no date: no header; most lines are told at once)
    header = P.parse_page_header(line)
    if not header or not header.get("date") or "《" in line:
        return False  # (a sentence citing a paper's issue, `《东江日报》2025年6月3日刊发`, is no header)
    return bool(header.get("page_no") or (header.get("paper") and P.WEEKDAY_RE.search(line)))


def _take_header(line: str, page: Page) -> bool:
    header = P.parse_page_header(line)
    if not header:
        return False
    page.furniture.append(line)
    if header.get("paper") and page.paper is None:
        page.paper, page.paper_source = header["paper"], FactSource.HEADER
    if header.get("date") and page.date is None:
        page.date, page.date_source = header["date"], FactSource.HEADER
    page.page_no = page.page_no or header.get("page_no")
    return True


def _normalize_line(line: str) -> str:
    line = line.replace("\ufeff", "").replace("\u200b", "")
    return re.sub(r"[\s\u3000\xa0]+", " ", line).strip()


def _split_blocks(lines: list[str], indented: list[bool]) -> list[list[str]]:
    """Blocks between blank lines, further cut before an indented line and where a byline,
    dateline or 上接 marker opens a line."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line, indent in zip(lines, indented):
        if not line:
            if current:
                blocks.append(current)
            current = []
            continue
        opens = indent or _is_byline_line(line) or _stands_alone(line) or P.CONTINUED_FROM_RE.match(line) or (
            P.DATELINE_RE.match(line)
            and (not current or P.ends_paragraph(current[-1]) or _is_heading_line(current[-1], MAX_HEADING_LINE))
        )
        if current and (_stands_alone(current[-1]) or (
            opens and not (_is_byline_line(current[-1]) and _is_byline_continuation(line))
        )):
            blocks.append(current)
            current = []
        elif current and _is_byline_line(current[0]) and not (
            _is_byline_line(line) or _is_byline_continuation(line)
        ):
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _stands_alone(line: str) -> bool:
    """A photographer's credit line, a sidebar's or a group's label, the paper's mast or a full page
    header: a block of its own, whatever stands round it (text that lost its blank lines)."""
    label = line.strip("【】[] ")
    return (
        bool(P.PHOTO_LINE_RE.match(line)) or label in P.SIDEBAR_LABELS or P.is_section_label(label)
        or _is_mast(line) or _is_full_header(line)
    )


def _page_column_width(lines: list[str]) -> float | None:
    """The width of a hard-wrapped page's column: the usual length of a line cut mid-sentence
    (None where too few lines are cut so: text one paragraph to a line)."""
    cut = [len(line) for line in lines
           if line and not P.ends_paragraph(line) and any(ch in line for ch in P.CLAUSE_PUNCTUATION)]
    return _median(cut) if len(cut) >= MIN_CUT_LINES else None


def _split_runs(block: list[str], page_width: float | None = None) -> list[list[str]]:
    """A block of several paragraphs (text with no blank lines between them) cut into paragraphs
    and heading lines: a paragraph ends at a line that ends a sentence and falls short of the
    column, or at every sentence-ending line where lines are not hard-wrapped at all."""
    if len(block) < 2:
        return [block]
    width = _median([len(line) for line in block[:-1]])
    cut = [len(line) for line in block[:-1] if not P.ends_paragraph(line)]
    if len(cut) >= 3:
        width = max(width, _median(cut))  # lines cut mid-sentence run to the column's width; short paragraphs do not
    if len(block) == 2 and _is_heading_line(block[0], MAX_HEADING_LINE) and P.ends_paragraph(block[1]) \
            and len(block[0]) < 0.7 * len(block[1]):
        return [[block[0]], [block[1]]]  # a heading over a one-line paragraph (a wrapped first line is the longer)
    ends = [len(line) for line in block if P.ends_paragraph(line)]
    if width < 12 and ends:
        width = max(width, _median(ends))  # short heading and label lines among one-line paragraphs
    if width < 12:
        return [block]
    tail = len(block)
    while tail > 1 and _is_heading_line(block[tail - 1], 0.7 * width) and len(block) - tail < MAX_HEADING_LINES:
        tail -= 1
    if tail < len(block) and P.ends_paragraph(block[tail - 1]):
        return [*_split_runs(block[:tail], page_width), block[tail:]]  # the headline lines closing the block
    unwrapped = sum(P.ends_paragraph(line) for line in block) >= 0.6 * len(block) and not any(
        len(line) == width and not P.ends_paragraph(line) and any(ch in line for ch in P.CLAUSE_PUNCTUATION)
        for line in block[:-1]
    )  # a line cut mid-sentence at the column's width: the block is hard-wrapped after all
    text_lines = [line for line in block[:-1] if not _is_heading_line(line, MAX_HEADING_LINE)]
    if page_width and text_lines and all(abs(len(line) - page_width) <= 1 for line in text_lines):
        unwrapped = False  # lines as long as the page's column: wrapped, though they happen to end sentences
    if len(block) == 2 and not unwrapped:
        return [block]
    runs: list[list[str]] = []
    current: list[str] = []
    heading_run: list[str] = []
    for index, line in enumerate(block):
        if index + 1 < len(block) and _is_heading_line(line, 0.7 * width) and (
            not current or P.ends_paragraph(current[-1])
        ):
            if not current and runs and runs[-1] is heading_run:
                heading_run.append(line)  # the next line of the same headline: one block, as set
            else:
                heading_run = [line]
                runs += [current, heading_run] if current else [heading_run]
            current = []
            continue
        current.append(line)
        if index + 1 < len(block) and current[0].startswith("“") and P.PULL_QUOTE_TAIL_RE.search(line):
            runs.append(current)  # a pull quote closed by its speaker
            current = []
            continue
        if index + 1 < len(block) and P.ends_paragraph(line) and (unwrapped or len(line) <= width - 1):
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _is_heading_line(line: str, max_length: float) -> bool:
    if P.COLUMN_TAG_RE.match(line):
        max_length = max(max_length, MAX_HEADING_LINE)  # a headline with its column tag may fill the column
    return (
        2 <= len(line) <= max_length
        and not any(ch in line for ch in P.CLAUSE_PUNCTUATION)
        and not P.ends_paragraph(line)
        and not _is_byline_line(line)
        and not P.PHOTO_LINE_RE.match(line)
        and not P.PHONE_RE.search(line)
    )


def _is_byline_line(line: str) -> bool:
    return bool(P.BYLINE_RE.match(line)) and not any(ch in line for ch in P.CLAUSE_PUNCTUATION) and len(line) <= 60


def _is_byline_continuation(line: str) -> bool:
    return bool(P.BYLINE_NAMES_RE.match(line)) and len(line) <= 40


def _classify(block: list[str]) -> Unit:
    first = block[0]
    if any(P.PHOTO_CREDIT_RE.search(line) or P.EDITORIAL_CREDIT_RE.search(line) for line in block[:1] + block[-1:]):
        return Unit(FURNITURE, [" ".join(block)])
    if len(block) == 1 and P.PHOTO_LINE_RE.match(first):
        return Unit(FURNITURE, block)
    if len(block) == 1 and P.COLUMN_LINE_RE.match(first):
        return Unit(COLUMN, block)
    if _is_signature(block):
        return Unit(SIGNATURE, block)
    if _is_byline_line(first):
        return Unit(BYLINE, block)
    text = "".join(block)
    if len(block) == 1 and _strip_decoration(first).strip("【】[] ") in P.SIDEBAR_LABELS:
        return Unit(LABEL, [_strip_decoration(first).strip("【】[] ")])
    if len(block) == 1 and P.is_section_label(_strip_decoration(first).strip("【】[] ")):
        return Unit(LABEL, [_strip_decoration(first).strip("【】[] ")])
    if len(block) == 1 and P.DECORATION_RE.search(first) and not any(ch in first for ch in P.CLAUSE_PUNCTUATION):
        return Unit(FURNITURE, [_strip_decoration(first)])
    if _looks_like_heading(block, text) and not (P.QA_LINE_RE.match(first) and P.ends_paragraph(block[-1])):
        return Unit(HEAD, block)
    return Unit(BODY, block)


def _is_box(block: list[str]) -> bool:
    """A forecast, an advertisement, a hotline or a QR prompt: no sentence, and a box's marks
    (℃, a phone number, an address, 欢迎垂询, 扫码); page furniture, not an article."""
    text = "\n".join(block)
    return (
        not any(ch in text for ch in "。！？!?；;")
        and sum(text.count(ch) for ch in "，,") <= 1
        and bool(P.BOX_RE.search(text))
    )


def _is_signature(block: list[str]) -> bool:
    """The closing block of a notice: the issuing bodies' lines (no punctuation) over a date line."""
    return (
        2 <= len(block) <= 5
        and bool(P.DATE_LINE_RE.match(block[-1]))
        and all(2 <= len(line) <= 30 and not any(ch in line for ch in P.CLAUSE_PUNCTUATION + "：:") for line in block)
    )


def _strip_decoration(line: str) -> str:
    """A banner's own words, without the decoration and the label repeated after it."""
    return P.DECORATION_RE.split(line)[0].strip()


def _looks_like_heading(block: list[str], text: str) -> bool:
    if len(block) > MAX_HEADING_LINES or any(len(line) > MAX_HEADING_LINE for line in block):
        return False
    if any(ch in text for ch in "。；;") or sum(text.count(ch) for ch in "，,、") > 2:
        return False
    if P.DATELINE_RE.match(text) or P.CONTINUED_FROM_RE.match(text) or P.PHONE_RE.search(text):
        return False
    last = block[-1].rstrip(P.CLOSING_QUOTES)
    if last and last[-1] in "！？!?":
        return len(block) <= 2
    return not P.ends_paragraph(block[-1])


def _join_signature_blocks(units: list[Unit]) -> list[Unit]:
    """A notice's issuing bodies and its date line set in blocks of their own after its closing
    formula (`特此通告。`) are one signature block."""
    out: list[Unit] = []
    index = 0
    while index < len(units):
        unit = units[index]
        end = index
        while (end < len(units) and end - index < 4 and units[end].kind == HEAD and len(units[end].lines) == 1
               and not P.DATE_LINE_RE.match(units[end].lines[0])):
            end += 1
        if (out and out[-1].kind == BODY and P.NOTICE_CLOSE_RE.search(out[-1].text) and end < len(units)
                and len(units[end].lines) == 1 and P.DATE_LINE_RE.match(units[end].lines[0])
                and _is_signature([u.lines[0] for u in units[index:end + 1]])):
            out.append(Unit(SIGNATURE, [u.lines[0] for u in units[index:end + 1]]))
            index = end + 1
            continue
        out.append(unit)
        index += 1
    return out


def _mark_standalone_kickers(units: list[Unit]) -> None:
    """A short line ending in a colon or dash (`世卫组织：`) alone over a heading that opens an article
    (a byline or a dateline follows it) is its kicker, not text (`会议要求：` over a subhead is text)."""
    for index, unit in enumerate(units[:-2]):
        following, opening, line = units[index + 1], units[index + 2], unit.lines[0]
        if (unit.kind == BODY and len(unit.lines) == 1 and following.kind == HEAD and len(line) <= 20
                and line.endswith(P.KICKER_ENDS) and not any(ch in line for ch in P.CLAUSE_PUNCTUATION)
                and not P.QA_LINE_RE.match(line)
                and (opening.kind == BYLINE or bool(P.DATELINE_RE.match(opening.text)))):
            unit.kind = HEAD


def _drop_pull_quotes(units: list[Unit]) -> None:
    """A pull quote (a sentence of a body set again in large type, `“…”` over `——speaker`) is
    furniture: it is a quotation whose words the page's running text repeats. The speaker's line
    may close the quote's block or stand as a block of its own below it."""
    bodies = None
    for index, unit in enumerate(units):
        if unit.kind not in (HEAD, BODY) or not unit.lines or not unit.lines[0].startswith("“"):
            continue
        speaker = units[index + 1] if index + 1 < len(units) else None
        if len(unit.lines) >= 2 and P.PULL_QUOTE_SPEAKER_RE.match(unit.lines[-1]):
            quote, speaker = "".join(unit.lines[:-1]), None
        elif P.PULL_QUOTE_TAIL_RE.search(unit.lines[-1]):
            quote, speaker = P.PULL_QUOTE_TAIL_RE.sub("", unit.text), None
        elif (speaker is not None and len(speaker.lines) == 1 and P.PULL_QUOTE_SPEAKER_RE.match(speaker.lines[0])
              and unit.text.rstrip("。").endswith("”")):
            quote = unit.text
        else:
            continue
        if bodies is None:
            bodies = "".join(u.text for u in units if u.kind == BODY)
        quote = quote.strip("“”\"。")
        if len(quote) >= 4 and bodies.count(quote) > (unit.kind == BODY):
            lines = unit.lines + (speaker.lines if speaker is not None else [])
            unit.kind, unit.lines = FURNITURE, [" ".join(lines)]
            if speaker is not None:
                speaker.kind, speaker.lines = FURNITURE, []
    units[:] = [unit for unit in units if unit.lines]  # a speaker's line taken into its quote


def _join_column_breaks(units: list[Unit], page_width: float | None = None) -> list[Unit]:
    """Join a paragraph that a column end cut mid-sentence with the block that goes on with it."""
    for unit, following in zip(units, units[1:]):
        if unit.kind == HEAD and (_is_cut_running_text(unit, following) or _fills_page_column(unit, page_width)):
            unit.kind = BODY
            unit.full_lines = [len(line) for line in unit.lines]
    joined: list[Unit] = []
    for unit in units:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == BODY
            and unit.kind in (BODY, HEAD)
            and not unit.starts_article
            and (not P.ends_paragraph(previous.text) or unit.text[:1] in "，、。；：”）,.;:)")
            and not (unit.kind == HEAD and any(line.startswith(SUBTITLE_DASHES) for line in unit.lines))
        ):
            previous.lines.extend(unit.lines)
            continue
        joined.append(unit)
    return joined


def _fills_page_column(unit: Unit, page_width: float | None) -> bool:
    """A heading-like line with clause punctuation that runs to the page's column width: running
    text the line end cut (OCR that sets every printed line apart), not a heading."""
    return (
        page_width is not None and len(unit.lines) == 1 and len(unit.lines[0]) >= page_width - 1
        and any(ch in unit.lines[0] for ch in P.CLAUSE_PUNCTUATION)
    )


def _is_cut_running_text(unit: Unit, following: Unit) -> bool:
    """A heading-like block that is really the top of a paragraph the column end cut: its lines
    fill the column of the body that goes on after it."""
    if following.kind != BODY or following.starts_article or len(following.lines) < 2:
        return False
    column_width = sorted(len(line) for line in following.lines)[len(following.lines) // 2]
    if any(ch in unit.text for ch in "，,、"):
        return all(len(line) >= 0.7 * column_width for line in unit.lines)
    return all(len(line) >= column_width - 1 for line in unit.lines)


def _extract_openers(units: list[Unit]) -> None:
    """Move datelines and 上接 markers from the start of body blocks into the unit's fields."""
    for unit in units:
        if unit.kind != BODY:
            continue
        text = unit.text
        marker = P.CONTINUED_FROM_RE.match(text)
        if marker:
            unit.continued_from = P.page_ref(marker)
            text = text[marker.end():]
        dateline = P.DATELINE_RE.match(text)
        if dateline:
            unit.dateline = dateline.group(0).strip()
            text = text[dateline.end():]
        if marker or dateline:
            unit.lines = [text]


def _headline_groups(units: list[Unit]) -> list[Unit]:
    """Consecutive heading blocks become one heading unit whose lines keep the block breaks."""
    grouped: list[Unit] = []
    for unit in units:
        if (unit.kind == HEAD and grouped and grouped[-1].kind == HEAD and unit.lines[0][:1] not in P.BYLINE_MARKERS
                and not grouped[-1].lines[-1].startswith(SUBTITLE_DASHES)):
            grouped[-1].lines = grouped[-1].lines + ["\n"] + unit.lines
            grouped[-1].larger = grouped[-1].larger or unit.larger
            continue
        grouped.append(Unit(unit.kind, list(unit.lines), unit.dateline, unit.continued_from, unit.full_lines,
                            block_start=unit.block_start, larger=unit.larger))
    return grouped


def _assemble(units: list[Unit], furniture: list[str]) -> list[Article]:
    units, sides, wholes = _split_heading_pairs(_headline_groups(units))
    assembler = _Assembler([u for u in units if u.kind != FURNITURE], furniture)
    assembler.clear_sides.update(sides)
    assembler.photo_captions = _photo_captions(units)
    assembler.forced_sides = sides
    skip: set[int] = set()
    for index, unit in enumerate(units):
        if id(unit) in skip:
            continue
        if id(unit) in wholes and not assembler.takes_headline_after():
            skip.add(id(units[index + 1]))  # the article above has its headline: the two parts stay one headline
            unit, index = wholes[id(unit)], index + 1
        following = next((u for u in units[index + 1:] if u.kind != FURNITURE), None)
        if unit.kind == FURNITURE:
            if P.PHOTO_LINE_RE.match(unit.text) and assembler.photo_credit(unit.text):
                continue
            if P.PHOTO_CREDIT_RE.search(unit.text) and assembler.current and not assembler.current.closed:
                assembler.current.article.captions.append(unit.text)
            else:
                furniture.append(unit.text)
        elif unit.kind == SIGNATURE:
            assembler.signature(unit)
        elif unit.kind == COLUMN:  # a `专栏：` line announces the next article: the one above has ended
            furniture.append(unit.text)
            column_line = P.COLUMN_LINE_RE.match(unit.text)
            assembler.pending_column = (column_line.group("column") or None) if column_line else None
            if assembler.current is not None and assembler.current.has_body:
                assembler.current.closed = True
        elif unit.kind == BODY and P.EDITOR_NOTE_RE.match(unit.text) and not unit.starts_article:
            assembler.editor_note(P.EDITOR_NOTE_RE.sub("", unit.text, count=1))
        elif unit.kind == LABEL:
            assembler.label(unit)
        elif unit.kind == HEAD:
            assembler.heading(unit, following, _body_has_own_credit(units[index + 1:]))
        elif unit.starts_article:
            assembler.start(unit)
        else:
            assembler.body(unit)
    return [_finish(draft.article, assembler.bulleted_titles) for draft in assembler.drafts if draft.article.paragraphs]


def _photo_captions(units: list[Unit]) -> set[int]:
    """Short bodies that a photographer's credit line right below closes: photo captions (ids)."""
    return {
        id(unit) for unit, following in ((units[i], units[i + 1]) for i in range(len(units) - 1))
        if unit.kind == BODY and not unit.starts_article and following.kind == FURNITURE
        and P.PHOTO_LINE_RE.match(following.text) and len(unit.text) <= MAX_PHOTO_CAPTION
    }


def _split_heading_pairs(units: list[Unit]) -> tuple[list[Unit], dict[int, str], dict[int, Unit]]:
    """Two headlines set one after the other between two bodies (the one above's after it, the one
    below's before it) are cut apart at the block break where the words of the first part belong
    to the body above and those of the second to the body below. Their sides, keyed by id(unit),
    and the uncut heading for each first part (used where the article above is titled already)."""
    out: list[Unit] = []
    sides: dict[int, str] = {}
    wholes: dict[int, Unit] = {}
    content = [u for u in units if u.kind != FURNITURE]
    for unit in units:
        pair = _heading_pair(unit, content) if unit.kind == HEAD and len(unit.lines) >= 2 else None
        if pair is None:
            out.append(unit)
            continue
        first, second = pair
        sides[id(first)], sides[id(second)] = HEADLINE_AFTER, HEADLINE_BEFORE
        wholes[id(first)] = unit
        out += [first, second]
    return out, sides, wholes


def _heading_pair(unit: Unit, content: list[Unit]) -> tuple[Unit, Unit] | None:
    index = next(i for i, u in enumerate(content) if u is unit)
    if index == 0 or index + 1 >= len(content) or content[index - 1].kind != BODY:
        return None
    if content[index + 1].kind not in (BODY, BYLINE):
        return None
    before, after = _body_before(content[:index]), _body_after(content[index + 1:])
    best, best_score = None, PAIR_SPLIT_MARGIN
    blocks = "\n" in unit.lines
    for cut in range(1, len(unit.lines)):
        if unit.lines[cut - 1] == "\n" or (blocks and unit.lines[cut] != "\n"):
            continue
        # at a block break, or, where the headlines stand in one block (text whose blank lines are lost),
        # between two of its lines
        first = unit.lines[:cut]
        second = unit.lines[cut + 1:] if unit.lines[cut] == "\n" else unit.lines[cut:]
        if not second:
            continue
        first_text = "".join(p for p in parse_headline(first) if p)
        second_text = "".join(p for p in parse_headline(second) if p)
        score = min(overlap(first_text, before) - 2 * overlap(first_text, after),
                    overlap(second_text, after) - 2 * overlap(second_text, before))  # each part clearly its body's
        if score >= best_score:
            best, best_score = cut, score
    if best is None:
        return None
    rest = best + 1 if unit.lines[best] == "\n" else best
    return Unit(HEAD, unit.lines[:best]), Unit(HEAD, unit.lines[rest:])


def _body_has_own_credit(rest: list[Unit]) -> bool:
    """Whether the body that follows a heading, up to the next heading or article start, ends
    with a reporter's credit of its own (`（记者 赵六）`): then the heading opens an article."""
    for unit in rest:
        if unit.kind == FURNITURE:
            continue
        if unit.kind != BODY or unit.starts_article:
            return False
        if P.END_CREDIT_RE.search(P.END_MARK_RE.sub("", unit.text)):
            return True
    return False


class _Assembler:
    """Groups a page's units into articles, once the page's headline layout is known."""

    def __init__(self, content: list[Unit], furniture: list[str]):
        overlaps = heading_overlaps(content)
        self.layout = decide_layout(content, overlaps)
        self.clear_sides = sides_by_overlap(overlaps, CLEAR_OVERLAP_MARGIN)
        self.forced_sides: dict[int, str] = {}
        """Sides of headlines cut apart from one another (see _split_heading_pairs)."""
        self.has_starts = any(u.starts_article for u in content)
        self.furniture = furniture
        self.drafts: list[_Draft] = []
        self.current: _Draft | None = None
        self.section: str | None = None
        self.section_bullets: bool | None = None
        """Whether the items under the current section label have bulleted titles (■): a title
        without one then ends the group."""
        self.pending_headline: tuple | None = None
        self.pending_note: str | None = None
        self.pending_column: str | None = None
        """The column a `专栏：…` line names for the next article."""
        self.photo_captions: set[int] = set()
        """Body units that a photographer's credit line closes (ids): the captions of photo items."""
        self.bullet_heading = False
        """Whether the last heading was a bulleted item title (■): a group of such items ends at a body without one."""
        self.bulleted_titles: set[str] = set()
        """Titles of `■` items standing on their own line with no group label over them: briefs."""

    def new_draft(self) -> _Draft:
        draft = _Draft()
        draft.article.section = self.section
        draft.article.note, self.pending_note = self.pending_note, None
        draft.article.column, self.pending_column = self.pending_column, None
        self.drafts.append(draft)
        self.current = draft
        return draft

    def editor_note(self, text: str) -> None:
        """An editor's note introduces the article it stands above: the one just headed (headline
        first), else the next one to start."""
        current = self.current
        if current is not None and not current.has_body and not current.closed and current.article.title:
            current.article.note = text
        else:
            self.pending_note = text
            if current is not None and self.layout == HEADLINE_BEFORE:
                current.closed = True

    def takes_headline_after(self) -> bool:
        """Whether the article being assembled has its body but no headline yet."""
        current = self.current
        return (current is not None and current.has_body and not current.article.title
                and (not current.closed or current.ended))  # (closed by its own closing credit or dateline)

    def photo_credit(self, credit: str) -> bool:
        """A photographer's credit line under a short titled caption with no other attribution closes
        a photo item, as its byline; under a report it stays a caption (False)."""
        current = self.current
        if current is None or current.closed or not current.has_body:
            return False
        article = current.article
        untitled = not (article.title or article.subheads)
        if article.byline or article.dateline or len(article.body) > MAX_PHOTO_CAPTION \
                or (untitled and self.layout != HEADLINE_AFTER and not self.section):
            return self._photo_from_last_section(current, credit)
        article.byline = credit
        if untitled:
            current.ended = current.awaiting_title = True  # the photo's title may follow its credit
        else:
            current.closed = True
        return True

    def _photo_from_last_section(self, current: _Draft, credit: str) -> bool:
        """A credit line under a short caption that a heading set apart in an article: the heading
        and the caption were a photo item after the article, not a section of it."""
        article, at = current.article, current.subhead_at
        if at is None or at >= len(article.paragraphs) or not article.subheads:
            return False
        caption = article.paragraphs[at:]
        if len("".join(caption)) > MAX_PHOTO_CAPTION:
            return False
        del article.paragraphs[at:]
        title = article.subheads.pop()
        current.closed = True
        photo = self.new_draft()
        photo.article.title, photo.article.paragraphs, photo.article.byline = title, caption, credit
        photo.closed = True
        return True

    def signature(self, unit: Unit) -> None:
        """The issuing bodies and the date under a notice: its byline and dateline, never a headline."""
        current = self.current
        if current is None or not current.has_body or current.article.byline:
            self.furniture.append(" ".join(unit.lines))
            return
        current.article.byline = " ".join(unit.lines[:-1])
        current.article.dateline = unit.lines[-1]
        current.closed = True

    def _in_sidebar(self) -> bool:
        return self.section in P.SIDEBAR_LABELS

    def label(self, unit: Unit) -> None:
        self.section = unit.text
        self.section_bullets = None
        self.furniture.append(unit.text)
        self.current = None

    def heading(self, unit: Unit, following: Unit | None, credited: bool = False) -> None:
        author = _author_line(unit.lines)
        if author:
            unit = Unit(HEAD, unit.lines[:-1])
            while unit.lines and unit.lines[-1] == "\n":
                unit.lines.pop()
        self._place_heading(unit, following, credited)
        article = self.current.article if self.current is not None else None
        if author and article is not None and not article.byline:
            article.byline = author
        elif author and article is not None and article.byline and article.byline.startswith("（作者"):
            article.byline = author + article.byline  # the name under the title, the note closing the body

    def _place_heading(self, unit: Unit, following: Unit | None, credited: bool = False) -> None:
        parts = parse_headline(unit.lines)
        if self._titles_photo_above(parts, following):
            return
        notice = bool(P.NOTICE_TITLE_RE.search(parts[1] or ""))
        photo = following is not None and id(following) in self.photo_captions
        multipart = len([p for p in parts if p]) > 1 or _column_tagged(parts) or unit.larger
        bulleted = unit.lines[0][:1] in P.BYLINE_MARKERS
        self.bullet_heading = bulleted
        if self._in_sidebar() and self.current is not None:
            self.section = None  # a sidebar box holds one article: a heading after it ends it
            self.current.closed = True
        if self.section and notice:
            self.section = None  # a notice never sits in a group
        if self.section and self.section_bullets is None:
            self.section_bullets = bulleted
        if self.section and (multipart or (self.section_bullets and not bulleted)):
            self.section = None
        if bulleted and not self.section and parts[1] and not multipart:
            self.bulleted_titles.add(parts[1])
        multipart = multipart or notice or photo  # a notice's title, or a photo's over its caption, is no subhead
        side = self.clear_sides.get(id(unit))
        current = self.current
        if self.layout == HEADLINE_AFTER and side == HEADLINE_BEFORE and (
            current is None or not current.has_body or current.article.title or current.lead_heading
        ):  # (an untitled article above keeps the heading after it: its own headline, or a subhead)
            self.pending_headline = parts
            if current is not None:
                current.closed = True
        elif side == HEADLINE_AFTER and current and current.has_body and not current.article.title and (
            self.layout == HEADLINE_BEFORE or id(unit) in self.forced_sides
        ):
            _set_headline(current.article, parts)
            current.closed = True
        elif self.layout == HEADLINE_AFTER and not self.section:
            self._heading_after_body(parts, multipart, following)
        else:
            self._heading_before_body(parts, multipart, following, credited)

    def _heading_after_body(self, parts: tuple, multipart: bool, following: Unit | None) -> None:
        """Headline-after pages: a heading closes the article above it, or heads a section of it."""
        current = self.current
        text = " ".join(p for p in parts if p)
        if current is None:
            self.furniture.append(text)
        elif current.closed or not current.has_body:
            draft = self.new_draft() if current.closed else current
            draft.article.subheads.append(text)
            draft.lead_heading = True
        elif (following is None or following.starts_article or following.kind == LABEL or multipart
              or current.ended or _changes_column(current, following)):
            _set_headline(current.article, parts)
            current.closed = True
        else:
            current.article.subheads.append(text)
            current.subhead_at = len(current.article.paragraphs)

    def _heading_before_body(self, parts: tuple, multipart: bool, following: Unit | None, credited: bool) -> None:
        """Headline-before pages: a heading opens the next article, or heads a section of this one
        (never when this one is credited already and the body below carries a credit of its own)."""
        current = self.current
        text = " ".join(p for p in parts if p)
        if following is None:
            if current is not None and not current.article.title:
                _set_headline(current.article, parts)
            else:
                self.furniture.append(text)
        elif (
            current is not None and not current.closed and current.has_body
            and not multipart
            and not self.section
            and following.kind == BODY
            and not following.starts_article
            and not _changes_column(current, following)
            and not (credited and (current.article.byline or current.article.dateline))
            and (self.has_starts or ENUMERATED_SUBHEAD_RE.match(text))
        ):
            current.article.subheads.append(text)
            current.subhead_at = len(current.article.paragraphs)
        elif (current is not None and not current.closed and not current.has_body and current.article.byline
              and not current.article.title):
            _set_headline(current.article, parts)  # a credit set above the title (`本报评论员` / title / body)
        else:
            _set_headline(self.new_draft().article, parts)

    def _titles_photo_above(self, parts: tuple, following: Unit | None) -> bool:
        """A heading right after a photo's credit line titles that photo when its words are the
        caption's rather than the next body's (photo groups that set each title under its credit)."""
        current = self.current
        if current is None or not current.awaiting_title:
            return False
        current.awaiting_title = False
        text = "".join(p for p in parts if p)
        after = following.text if following is not None and following.kind == BODY else ""
        if current.article.title or overlap(text, current.article.body) <= overlap(text, after):
            current.closed = True
            return False
        _set_headline(current.article, parts)
        current.closed = True
        return True

    def _end_untitled_bullet_group(self) -> None:
        if self.section and self.section_bullets and not self.bullet_heading:
            self.section = None
        self.bullet_heading = False

    def start(self, unit: Unit) -> None:
        """A byline, dateline or 上接 marker: the article begins here, or just under its headline."""
        self._end_untitled_bullet_group()
        if unit.kind == BYLINE or unit.continued_from is not None:
            self.section = None  # a byline, or the rest of an article from another page, sits in no group
        current = self.current
        fresh = current is not None and not current.has_body and not current.closed
        if current is None or not fresh or (unit.kind == BYLINE and current.article.byline):
            current = self.new_draft()
        if self.pending_headline:
            _set_headline(current.article, self.pending_headline)
            self.pending_headline = None
        _add_unit(current, unit, self.layout)

    def body(self, unit: Unit) -> None:
        self._end_untitled_bullet_group()
        current = self.current
        if self._in_sidebar() and id(unit) in self.photo_captions and current is not None and current.has_body:
            current.closed = True  # a photo's caption after a sidebar's box: the box has ended
        if self._in_sidebar() and current is not None and current.closed:
            self.section = None
        if current is None or current.closed or (self.section and current.has_body and not self._in_sidebar()):
            current = self.new_draft()
            if self.pending_headline:
                _set_headline(current.article, self.pending_headline)
                self.pending_headline = None
        elif current.article.dateline and _closing_dateline(unit.text):
            current = self._split_at_block(current, unit)
        _add_unit(current, unit, self.layout)

    def _split_at_block(self, current: _Draft, unit: Unit) -> _Draft:
        """An article has one dateline: a body closed by a dateline of its own under an article that
        opened with one is another article, from the page block where it begins."""
        paragraphs = current.article.paragraphs
        at = len(paragraphs) if unit.block_start else current.block_at
        if at is None or not 0 < at <= len(paragraphs):
            return current
        moved = paragraphs[at:]
        del paragraphs[at:]
        current.closed = True
        draft = self.new_draft()
        draft.article.paragraphs = moved
        return draft


def _closing_dateline(text: str) -> bool:
    """Whether a body block ends with a bracketed dateline of its own (`（本报北京6月6日电 记者…）`)."""
    match = P.END_ATTRIBUTION_RE.search(P.END_MARK_RE.sub("", text))
    return bool(match and match.group("dateline"))


def _author_line(lines: list[str]) -> str | None:
    """An author's name alone under the headline's other lines (`寅丙`, `钟 声`), not a part of it."""
    if len(lines) < 2 or not P.AUTHOR_NAME_LINE_RE.match(lines[-1]):
        return None
    if lines[-2] != "\n" and " " not in lines[-1]:
        return None  # a name is set apart from the headline (a block of its own, or spaced: `钟 声`)
    name = lines[-1]
    if name in P.COLUMN_LABELS or P.is_section_label(name) or name in P.SIDEBAR_LABELS:
        return None
    return name


def _changes_column(draft: _Draft, following: Unit) -> bool:
    """Whether the body after a heading is set in another column width than the article so far:
    then the heading opens (or, headline-after, closes) an article rather than heading a section."""
    if len(draft.full_lines) < 2 or len(following.full_lines) < 2:
        return False
    return abs(_median(draft.full_lines) - _median(following.full_lines)) >= COLUMN_CHANGE


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _add_unit(draft: _Draft, unit: Unit, layout: str) -> None:
    article = draft.article
    draft.full_lines.extend(unit.full_lines)
    if unit.block_start and unit.kind == BODY:
        draft.block_at = len(article.paragraphs)
    if unit.kind == BYLINE:
        article.byline = " ".join(unit.lines)
        return
    if unit.dateline:
        article.dateline = unit.dateline
    if unit.continued_from is not None:
        article.continued_from_page = unit.continued_from
    text = P.END_MARK_RE.sub("", unit.text)
    marker = P.CONTINUED_TO_RE.search(text)
    if marker:
        article.continued_to_page = P.page_ref(marker)
        text = text[: marker.start()].rstrip()
    credit = P.END_CREDIT_RE.search(text)
    if credit:
        article.byline = article.byline or credit.group(0).strip()
        text = text[: credit.start()].rstrip()
    attribution = None if credit else P.END_ATTRIBUTION_RE.search(text)
    if attribution:
        _add_end_attribution(article, attribution)
        text = text[: attribution.start()].rstrip()
    draft.ended = draft.ended or bool(credit or attribution)
    if text:
        article.paragraphs.append(text)
    if (marker or credit or attribution) and layout == HEADLINE_BEFORE:
        draft.closed = True


def _add_end_attribution(article: Article, match: re.Match) -> None:
    """A bracketed dateline closing the body is the article's dateline (the reporters in it its byline);
    an author's note (`（作者为…）`) is its byline, or follows the author's name there."""
    if match.group("dateline"):
        article.dateline = article.dateline or match.group("dateline")
        if match.group("credit"):
            article.byline = article.byline or match.group("credit").strip()
    else:
        note = f"（{match.group('note').strip()}）"
        article.byline = article.byline + note if article.byline else note


def _set_headline(article: Article, parts: tuple[str | None, str | None, str | None]) -> None:
    article.kicker, article.title, article.subtitle = parts
    tagged = P.COLUMN_TAG_RE.match(article.title or "")
    if tagged:
        article.title, article.column = tagged.group("title"), tagged.group("column")


def _column_tagged(parts: tuple[str | None, str | None, str | None]) -> bool:
    """Whether the headline ends with a column tag (`（钟声）`): then it heads an article, never a section."""
    return bool(P.COLUMN_TAG_RE.match(parts[1] or ""))


def _finish(article: Article, bulleted_titles: frozenset[str] | set[str] = frozenset()) -> Article:
    if not article.title and article.subheads and not article.section:
        article.title = article.subheads.pop(0)
    article.kind = classify_kind(article)
    if article.title in bulleted_titles and article.kind in ("news", "meeting"):
        article.kind = Kind.BRIEF  # a `■` item with its title on its own line and no group label over it
    return article


def decide_layout(units: list[Unit], overlaps: dict[int, tuple[float, float]] | None = None) -> str:
    """Whether this page prints headlines after their bodies, from evidence on the page."""
    if not units:
        return HEADLINE_BEFORE
    score = 0
    overlaps = heading_overlaps(units) if overlaps is None else overlaps
    sides = sides_by_overlap(overlaps, LAYOUT_VOTE_MARGIN)
    last_heading = next((unit for unit in reversed(units) if unit.kind == HEAD), None)
    if last_heading is not None and sides.get(id(last_heading)) == HEADLINE_BEFORE and units[-1].kind == BODY:
        pass  # the last article's headline stands before it, on its own evidence: the page's end says no more
    elif units[-1].kind == HEAD:
        score += 2
    elif units[-1].kind == BODY:
        score -= 2
    if units[0].starts_article:
        score += 2
    for side in sides.values():
        score += 1 if side == HEADLINE_AFTER else -1
    return HEADLINE_AFTER if score > 0 else HEADLINE_BEFORE


def heading_overlaps(units: list[Unit]) -> dict[int, tuple[float, float]]:
    """For each heading that stands between one article's body and the next article's start,
    how much its words overlap the body before it and the body after it. Keyed by id(unit)."""
    overlaps = {}
    for index, unit in enumerate(units):
        if unit.kind != HEAD or index == 0 or index + 1 >= len(units):
            continue
        if units[index - 1].kind != BODY:
            continue
        if not (units[index + 1].starts_article or _ends_attributed(units[index - 1].text)
                or (units[index + 1].kind == BODY and _complete_article(units[index + 1:]))):
            continue
        heading = "".join(p for p in parse_headline(unit.lines) if p)
        overlaps[id(unit)] = (overlap(heading, _body_before(units[:index])),
                              overlap(heading, _body_after(units[index + 1:])))
    return overlaps


def sides_by_overlap(overlaps: dict[int, tuple[float, float]], margin: float) -> dict[int, str]:
    """HEADLINE_AFTER for a heading whose words overlap the body before it more (by `margin`),
    HEADLINE_BEFORE for one that overlaps the body after it more."""
    sides = {}
    for key, (before, after) in overlaps.items():
        if before > after + margin:
            sides[key] = HEADLINE_AFTER
        elif after > before + margin:
            sides[key] = HEADLINE_BEFORE
    return sides


def _ends_attributed(text: str) -> bool:
    """Whether a body block ends with a closing credit, bracketed dateline or author's note."""
    text = P.END_MARK_RE.sub("", text)
    return bool(P.END_CREDIT_RE.search(text) or P.END_ATTRIBUTION_RE.search(text))


def _complete_article(units: list[Unit]) -> bool:
    """Whether these units open with a whole article: body blocks, with no heading or new start
    among them, up to one that ends with its closing credit or dateline."""
    for position, unit in enumerate(units):
        if unit.kind == FURNITURE:
            continue
        if unit.kind != BODY or (position > 0 and unit.starts_article):
            return False
        if _ends_attributed(unit.text):
            return True
    return False


def _body_before(units: list[Unit]) -> str:
    """The body of the article that ends where these units end, back to its byline or dateline
    (or to the closing credit of the article before it)."""
    texts: list[str] = []
    for unit in reversed(units):
        if unit.kind == BODY and texts and _ends_attributed(unit.text):
            break
        if unit.kind == BODY:
            texts.append(unit.text)
        if unit.starts_article:
            break
    return "".join(reversed(texts))


def _body_after(units: list[Unit]) -> str:
    """The body of the article that these units start, up to the next heading or article start."""
    texts = []
    for position, unit in enumerate(units):
        if position > 0 and (unit.kind == HEAD or unit.starts_article):
            break
        if unit.kind == BODY:
            texts.append(unit.text)
    return "".join(texts)


def overlap(heading: str, body: str) -> float:
    """The share of the heading's character bigrams that occur in the body."""
    chars = [ch for ch in heading if "\u4e00" <= ch <= "\u9fff"]
    bigrams = {a + b for a, b in zip(chars, chars[1:])}
    if not bigrams:
        return 0.0
    return sum(1 for bigram in bigrams if bigram in body) / len(bigrams)


def parse_headline(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """(kicker, title, subtitle) from a heading group's lines; "\\n" marks a block break."""
    parts: list[str] = []
    open_part = False
    for line in lines:
        if line == "\n":
            open_part = False
            continue
        line = (_strip_decoration(line) or line).lstrip(P.BYLINE_MARKERS + " ")
        if not line:
            continue  # a bare bullet or decoration: nothing of the headline
        if line.startswith(SUBTITLE_DASHES):
            parts.append(line)
            open_part = False
        elif open_part and not parts[-1].endswith(P.KICKER_ENDS + P.SPEECH_VERBS) and lines_continue_title(parts[-1], line):
            parts[-1] += line
        else:
            parts.append(line)
            open_part = True
    dashed = [p for p in parts if p.startswith(SUBTITLE_DASHES)]
    plain = [p for p in parts if not p.startswith(SUBTITLE_DASHES)]
    if dashed:
        subtitle = dashed[0]
        if len(plain) >= 2:
            return plain[0], " ".join(plain[1:]), subtitle
        return None, (plain[0] if plain else None), subtitle
    if not plain:
        return None, None, None
    if len(plain) == 1:
        return None, plain[0], None
    if len(plain) == 2:
        first, second = plain
        if first in P.COLUMN_LABELS or first.endswith(P.KICKER_ENDS + P.SPEECH_VERBS):
            return first, second, None
        if " " in first and " " not in second:
            return first, second, None  # two phrases over one (`稳外贸 促增长` / `多国出台…`): a kicker
        if len(second) >= 2 * len(first):
            return None, first, second
        return first, second, None
    return plain[0], " ".join(plain[1:-1]), plain[-1]


def lines_continue_title(first: str, second: str) -> bool:
    """Whether a heading's second line goes on with the first (one wrapped title) or is a part of its own."""
    if first.count("“") > first.count("”") or first.count("《") > first.count("》"):
        return True  # a quotation or a title wrapped over two lines
    if second.startswith("关于") and P.NOTICE_TITLE_RE.search(second):
        return False  # the issuing body over its notice's title
    if first[-1] in P.HEADLINE_JOINING_CHARS or second[0] in P.HEADLINE_JOINING_CHARS + "”》)）":
        return True
    if any(second.startswith(verb) for verb in P.HEADLINE_VERBS) and any(
        first.startswith(verb) for verb in P.HEADLINE_VERBS
    ):
        return False  # two verb phrases (`部署推进…建设` / `研究…措施`): two parts, whatever the first ends with
    if first[0] in P.PREPOSITIONS or any(first.endswith(verb) for verb in P.HEADLINE_VERBS):
        return True
    if " " in first or " " in second:
        return False  # a line of two phrases (`王建国讲话 李红梅主持`) is a headline part of its own
    if len(first) >= len(second) and not (
        any(first.startswith(verb) for verb in P.HEADLINE_VERBS) or tag(first)[0].flag == "v"
    ):
        return True  # a kicker is shorter than its title: a first line as long breaks inside the title
    flags = [token.flag for token in tag(first)]
    if ("v" not in flags and not any(first.startswith(verb) for verb in P.HEADLINE_VERBS)
            and flags[-1] in SUBJECT_END_FLAGS):
        return True  # a subject with no verb (`市委书记张三` / `调研…`): the title goes on below
    if first.endswith(OBJECT_AWAITING_VERBS):
        return True  # `我市召开` / `优化营商环境大会`: the verb's object is on the next line
    if any(second.startswith(verb) for verb in P.HEADLINE_VERBS) or tag(second)[0].flag == "v":
        return False
    return len(first) >= len(second)  # a wrapped title fills its first line; a shorter one ended a phrase


OBJECT_AWAITING_VERBS = ("召开", "举办", "设立", "成立", "建成", "打响", "吹响")
"""Verbs that, ending a headline's first line, await their object on the next (`我市召开` / `…大会`)."""
SUBJECT_END_FLAGS = ("n", "nr", "nt", "nz", "r", "f")
"""Word classes (jieba's) that end a bare subject: a person, a body, a place word, a pronoun."""
_MEETING_RE = re.compile(r"会见|会谈|会晤|接见|拜会|座谈|会议|见面")
_COMMENTARY_RE = re.compile(r"评论|社论|短评|时评|述评|论坛")
_INTERVIEW_RE = re.compile(r"^[—─-]+\s*(?:专)?访")


def classify_kind(article: Article) -> Kind:
    """news, meeting, commentary, interview, feature, brief, photo, notice or sidebar, from the
    article's furniture."""
    title = " ".join(part for part in (article.kicker, article.title) if part)
    if article.byline and P.PHOTO_LINE_RE.match(article.byline):
        return Kind.PHOTO
    if article.section in P.SIDEBAR_LABELS:
        return Kind.SIDEBAR
    if P.NOTICE_TITLE_RE.search(article.title or "") or (
        article.paragraphs and P.NOTICE_CLOSE_RE.search(article.paragraphs[-1])
    ):
        return Kind.NOTICE
    if article.section:
        return Kind.BRIEF
    if article.byline and ("评论员" in article.byline or article.byline.replace(" ", "") in P.COMMENTARY_COLUMNS):
        return Kind.COMMENTARY  # an editorial writer, or a commentary column's pen name (`钟 声`)
    if article.column and (article.column in P.COMMENTARY_COLUMNS or _COMMENTARY_RE.search(article.column)):
        return Kind.COMMENTARY
    top_byline = bool(article.byline and P.BYLINE_RE.match(article.byline))
    if article.dateline and not top_byline:
        return Kind.MEETING if _MEETING_RE.search(title) else Kind.NEWS
    if _COMMENTARY_RE.search(title):
        return Kind.COMMENTARY
    if (article.subtitle and _INTERVIEW_RE.match(article.subtitle)) or "专访" in title:
        return Kind.INTERVIEW
    if _MEETING_RE.search(title):
        return Kind.MEETING
    if article.byline and P.BYLINE_RE.match(article.byline) or article.column:
        return Kind.FEATURE
    return Kind.NEWS
