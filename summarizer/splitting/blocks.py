"""A page's lines into classified blocks: headers and furniture taken out, paragraphs broken
by a column end joined again, kickers, signatures and pull quotes recognised."""

from __future__ import annotations

import re

from summarizer import patterns as P
from summarizer.records import FactSource, Page
from summarizer.splitting.headlines import strip_decoration
from summarizer.splitting.units import (
    BODY,
    BYLINE,
    COLUMN,
    FURNITURE,
    HEAD,
    LABEL,
    MAX_HEADING_LINE,
    MAX_HEADING_LINES,
    MAX_RUBRIC,
    MIN_CUT_LINES,
    NOT_PAPERS,
    SIGNATURE,
    SUBTITLE_DASHES,
    Unit,
    median,
)


def join_split_wire_datelines(raw_lines: list[str]) -> list[str]:
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


def split_run_in_item(lines: list[str]) -> list[str]:
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


def split_trailing_credit(line: str) -> list[str]:
    """A headline line that ends with its credit (`要把实事办好 本报评论员`) as two lines."""
    match = P.TRAILING_CREDIT_RE.match(line)
    if not match or P.BYLINE_RE.match(line):
        return [line]
    return [match.group("headline"), match.group("credit")]


def take_headers(block: list[str], page: Page) -> list[str]:
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


def is_rubric(block: list[str], rest: list[list[str]]) -> bool:
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


def normalize_line(line: str) -> str:
    line = line.replace("\ufeff", "").replace("\u200b", "")
    return re.sub(r"[\s\u3000\xa0]+", " ", line).strip()


def split_blocks(lines: list[str], indented: list[bool]) -> list[list[str]]:
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


def page_column_width(lines: list[str]) -> float | None:
    """The width of a hard-wrapped page's column: the usual length of a line cut mid-sentence
    (None where too few lines are cut so: text one paragraph to a line)."""
    cut = [len(line) for line in lines
           if line and not P.ends_paragraph(line) and any(ch in line for ch in P.CLAUSE_PUNCTUATION)]
    return median(cut) if len(cut) >= MIN_CUT_LINES else None


def split_runs(block: list[str], page_width: float | None = None) -> list[list[str]]:
    """A block of several paragraphs (text with no blank lines between them) cut into paragraphs
    and heading lines: a paragraph ends at a line that ends a sentence and falls short of the
    column, or at every sentence-ending line where lines are not hard-wrapped at all."""
    if len(block) < 2:
        return [block]
    width = median([len(line) for line in block[:-1]])
    cut = [len(line) for line in block[:-1] if not P.ends_paragraph(line)]
    if len(cut) >= 3:
        width = max(width, median(cut))  # lines cut mid-sentence run to the column's width; short paragraphs do not
    if len(block) == 2 and _is_heading_line(block[0], MAX_HEADING_LINE) and P.ends_paragraph(block[1]) \
            and len(block[0]) < 0.7 * len(block[1]):
        return [[block[0]], [block[1]]]  # a heading over a one-line paragraph (a wrapped first line is the longer)
    ends = [len(line) for line in block if P.ends_paragraph(line)]
    if width < 12 and ends:
        width = max(width, median(ends))  # short heading and label lines among one-line paragraphs
    if width < 12:
        return [block]
    tail = len(block)
    while tail > 1 and _is_heading_line(block[tail - 1], 0.7 * width) and len(block) - tail < MAX_HEADING_LINES:
        tail -= 1
    if tail < len(block) and P.ends_paragraph(block[tail - 1]):
        return [*split_runs(block[:tail], page_width), block[tail:]]  # the headline lines closing the block
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


def classify(block: list[str]) -> Unit:
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
    if len(block) == 1 and strip_decoration(first).strip("【】[] ") in P.SIDEBAR_LABELS:
        return Unit(LABEL, [strip_decoration(first).strip("【】[] ")])
    if len(block) == 1 and P.is_section_label(strip_decoration(first).strip("【】[] ")):
        return Unit(LABEL, [strip_decoration(first).strip("【】[] ")])
    if len(block) == 1 and P.DECORATION_RE.search(first) and not any(ch in first for ch in P.CLAUSE_PUNCTUATION):
        return Unit(FURNITURE, [strip_decoration(first)])
    if _looks_like_heading(block, text) and not (P.QA_LINE_RE.match(first) and P.ends_paragraph(block[-1])):
        return Unit(HEAD, block)
    return Unit(BODY, block)


def is_box(block: list[str]) -> bool:
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


def join_signature_blocks(units: list[Unit]) -> list[Unit]:
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


def mark_standalone_kickers(units: list[Unit]) -> None:
    """A short line ending in a colon or dash (`世卫组织：`) alone over a heading that opens an article
    (a byline or a dateline follows it) is its kicker, not text (`会议要求：` over a subhead is text)."""
    for index, unit in enumerate(units[:-2]):
        following, opening, line = units[index + 1], units[index + 2], unit.lines[0]
        if (unit.kind == BODY and len(unit.lines) == 1 and following.kind == HEAD and len(line) <= 20
                and line.endswith(P.KICKER_ENDS) and not any(ch in line for ch in P.CLAUSE_PUNCTUATION)
                and not P.QA_LINE_RE.match(line)
                and (opening.kind == BYLINE or bool(P.DATELINE_RE.match(opening.text)))):
            unit.kind = HEAD


def drop_pull_quotes(units: list[Unit]) -> None:
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


def join_column_breaks(units: list[Unit], page_width: float | None = None) -> list[Unit]:
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


def extract_openers(units: list[Unit]) -> None:
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
