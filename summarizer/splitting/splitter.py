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
HEADLINE_BEFORE, HEADLINE_AFTER = "before", "after"

MAX_HEADING_LINE = 40
LAYOUT_VOTE_MARGIN = 0.1
"""How much more a headline's words must overlap one neighbouring body than the other to count
as a vote for the page's layout."""
CLEAR_OVERLAP_MARGIN = 0.4
"""How much more a headline's words must overlap one neighbouring body than the other to be
placed with it against the page's layout (pages that mix headline positions)."""
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
    blocks = [run for block in _split_blocks(lines, indented) for run in _split_runs(block)]
    units: list[Unit] = []
    sizes = layout.type_sizes(source.lines)
    for block in blocks:
        block = _take_headers(block, page)
        if block:
            unit = _classify(block)
            larger = unit.kind in (BODY, HEAD) and layout.set_larger(block, sizes)
            units.append(Unit(HEAD, block, larger=True) if larger else unit)
    hint = source.hint
    if page.paper is None and hint.paper:
        page.paper, page.paper_source = hint.paper, FactSource.FILE_NAME
    if page.date is None and hint.date:
        page.date, page.date_source = hint.date, FactSource.FILE_NAME
    page.page_no = page.page_no or hint.page_no
    _extract_openers(units)
    units = _join_column_breaks(units)
    page.articles = [layout.headline_by_size(article, sizes) for article in _assemble(units, page.furniture)]
    return page


def _join_split_wire_datelines(raw_lines: list[str]) -> list[str]:
    """`据` at a line's end or alone, and `新华社电…` on the next: one dateline, cut by the column."""
    joined: list[str] = []
    for line in raw_lines:
        if joined and joined[-1].strip().endswith("据") and len(joined[-1].strip()) <= 2 \
                and line.strip().startswith(P.WIRE_OUTLETS):
            joined[-1] = joined[-1].rstrip() + line.strip()
        else:
            joined.append(line)
    return joined


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
    return block


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
        opens = indent or _is_byline_line(line) or P.CONTINUED_FROM_RE.match(line) or (
            P.DATELINE_RE.match(line)
            and (not current or P.ends_paragraph(current[-1]) or _is_heading_line(current[-1], MAX_HEADING_LINE))
        )
        if opens and current and not (_is_byline_line(current[-1]) and _is_byline_continuation(line)):
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


def _split_runs(block: list[str]) -> list[list[str]]:
    """A block of several paragraphs (text with no blank lines between them) cut into paragraphs
    and heading lines: a paragraph ends at a line that ends a sentence and falls short of the
    column, or at every sentence-ending line where lines are not hard-wrapped at all."""
    if len(block) < 2:
        return [block]
    width = _median([len(line) for line in block[:-1]])
    if width < 12:
        return [block]
    if _is_heading_line(block[-1], 0.7 * width) and P.ends_paragraph(block[-2]):
        return [*_split_runs(block[:-1]), [block[-1]]]
    unwrapped = sum(P.ends_paragraph(line) for line in block) >= 0.6 * len(block)
    if len(block) == 2 and not unwrapped:
        return [block]
    runs: list[list[str]] = []
    current: list[str] = []
    for index, line in enumerate(block):
        if index + 1 < len(block) and _is_heading_line(line, 0.7 * width) and (
            not current or P.ends_paragraph(current[-1])
        ):
            runs += [current, [line]] if current else [[line]]
            current = []
            continue
        current.append(line)
        if index + 1 < len(block) and P.ends_paragraph(line) and (unwrapped or len(line) <= width - 3):
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _is_heading_line(line: str, max_length: float) -> bool:
    return (
        2 <= len(line) <= max_length
        and not any(ch in line for ch in P.CLAUSE_PUNCTUATION)
        and not P.ends_paragraph(line)
        and not _is_byline_line(line)
    )


def _is_byline_line(line: str) -> bool:
    return bool(P.BYLINE_RE.match(line)) and not any(ch in line for ch in P.CLAUSE_PUNCTUATION) and len(line) <= 60


def _is_byline_continuation(line: str) -> bool:
    return bool(P.BYLINE_NAMES_RE.match(line)) and len(line) <= 40


def _classify(block: list[str]) -> Unit:
    first = block[0]
    if any(P.PHOTO_CREDIT_RE.search(line) or P.EDITORIAL_CREDIT_RE.search(line) for line in block[:1] + block[-1:]):
        return Unit(FURNITURE, [" ".join(block)])
    if _is_byline_line(first):
        return Unit(BYLINE, block)
    text = "".join(block)
    if len(block) == 1 and P.is_section_label(_strip_decoration(first).strip("【】[] ")):
        return Unit(LABEL, [_strip_decoration(first).strip("【】[] ")])
    if len(block) == 1 and P.DECORATION_RE.search(first) and not any(ch in first for ch in P.CLAUSE_PUNCTUATION):
        return Unit(FURNITURE, [_strip_decoration(first)])
    if _looks_like_heading(block, text) and not (P.QA_LINE_RE.match(first) and P.ends_paragraph(block[-1])):
        return Unit(HEAD, block)
    return Unit(BODY, block)


def _strip_decoration(line: str) -> str:
    """A banner's own words, without the decoration and the label repeated after it."""
    return P.DECORATION_RE.split(line)[0].strip()


def _looks_like_heading(block: list[str], text: str) -> bool:
    if len(block) > MAX_HEADING_LINES or any(len(line) > MAX_HEADING_LINE for line in block):
        return False
    if any(ch in text for ch in "。；;") or sum(text.count(ch) for ch in "，,、") > 2:
        return False
    if P.DATELINE_RE.match(text) or P.CONTINUED_FROM_RE.match(text):
        return False
    last = block[-1].rstrip(P.CLOSING_QUOTES)
    if last and last[-1] in "！？!?":
        return len(block) <= 2
    return not P.ends_paragraph(block[-1])


def _join_column_breaks(units: list[Unit]) -> list[Unit]:
    """Join a paragraph that a column end cut mid-sentence with the block that goes on with it."""
    for unit, following in zip(units, units[1:]):
        if unit.kind == HEAD and _is_cut_running_text(unit, following):
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
        if unit.kind == HEAD and grouped and grouped[-1].kind == HEAD:
            grouped[-1].lines = grouped[-1].lines + ["\n"] + unit.lines
            grouped[-1].larger = grouped[-1].larger or unit.larger
            continue
        grouped.append(Unit(unit.kind, list(unit.lines), unit.dateline, unit.continued_from, unit.full_lines,
                            unit.larger))
    return grouped


def _assemble(units: list[Unit], furniture: list[str]) -> list[Article]:
    units = _headline_groups(units)
    assembler = _Assembler([u for u in units if u.kind != FURNITURE], furniture)
    for index, unit in enumerate(units):
        following = next((u for u in units[index + 1:] if u.kind != FURNITURE), None)
        if unit.kind == FURNITURE:
            if P.PHOTO_CREDIT_RE.search(unit.text) and assembler.current and not assembler.current.closed:
                assembler.current.article.captions.append(unit.text)
            else:
                furniture.append(unit.text)
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
    return [_finish(draft.article) for draft in assembler.drafts if draft.article.paragraphs]


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

    def new_draft(self) -> _Draft:
        draft = _Draft()
        draft.article.section = self.section
        draft.article.note, self.pending_note = self.pending_note, None
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

    def label(self, unit: Unit) -> None:
        self.section = unit.text
        self.section_bullets = None
        self.furniture.append(unit.text)
        self.current = None

    def heading(self, unit: Unit, following: Unit | None, credited: bool = False) -> None:
        parts = parse_headline(unit.lines)
        multipart = len([p for p in parts if p]) > 1 or unit.larger
        bulleted = unit.lines[0][:1] in P.BYLINE_MARKERS
        if self.section and self.section_bullets is None:
            self.section_bullets = bulleted
        if self.section and (multipart or (self.section_bullets and not bulleted)):
            self.section = None
        side = self.clear_sides.get(id(unit))
        current = self.current
        if self.layout == HEADLINE_AFTER and side == HEADLINE_BEFORE:
            self.pending_headline = parts
        elif self.layout == HEADLINE_BEFORE and side == HEADLINE_AFTER and current and not current.article.title:
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
            (self.new_draft() if current.closed else current).article.subheads.append(text)
        elif (following is None or following.starts_article or following.kind == LABEL or multipart
              or _changes_column(current, following)):
            _set_headline(current.article, parts)
            current.closed = True
        else:
            current.article.subheads.append(text)

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
        else:
            _set_headline(self.new_draft().article, parts)

    def start(self, unit: Unit) -> None:
        """A byline, dateline or 上接 marker: the article begins here, or just under its headline."""
        if unit.kind == BYLINE:
            self.section = None
        current = self.current
        fresh = current is not None and not current.has_body and not current.closed
        if current is None or not fresh or (unit.kind == BYLINE and current.article.byline):
            current = self.new_draft()
        if self.pending_headline:
            _set_headline(current.article, self.pending_headline)
            self.pending_headline = None
        _add_unit(current, unit, self.layout)

    def body(self, unit: Unit) -> None:
        current = self.current
        if current is None or current.closed or (self.section and current.has_body):
            current = self.new_draft()
        _add_unit(current, unit, self.layout)


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
    if text:
        article.paragraphs.append(text)
    if (marker or credit) and layout == HEADLINE_BEFORE:
        draft.closed = True


def _set_headline(article: Article, parts: tuple[str | None, str | None, str | None]) -> None:
    article.kicker, article.title, article.subtitle = parts


def _finish(article: Article) -> Article:
    if not article.title and article.subheads and not article.section:
        article.title = article.subheads.pop(0)
    article.kind = classify_kind(article)
    return article


def decide_layout(units: list[Unit], overlaps: dict[int, tuple[float, float]] | None = None) -> str:
    """Whether this page prints headlines after their bodies, from evidence on the page."""
    if not units:
        return HEADLINE_BEFORE
    score = 0
    if units[-1].kind == HEAD:
        score += 2
    elif units[-1].kind == BODY:
        score -= 2
    if units[0].starts_article:
        score += 2
    overlaps = heading_overlaps(units) if overlaps is None else overlaps
    for side in sides_by_overlap(overlaps, LAYOUT_VOTE_MARGIN).values():
        score += 1 if side == HEADLINE_AFTER else -1
    return HEADLINE_AFTER if score > 0 else HEADLINE_BEFORE


def heading_overlaps(units: list[Unit]) -> dict[int, tuple[float, float]]:
    """For each heading that stands between one article's body and the next article's start,
    how much its words overlap the body before it and the body after it. Keyed by id(unit)."""
    overlaps = {}
    for index, unit in enumerate(units):
        if unit.kind != HEAD or index == 0 or index + 1 >= len(units):
            continue
        if units[index - 1].kind != BODY or not units[index + 1].starts_article:
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


def _body_before(units: list[Unit]) -> str:
    """The body of the article that ends where these units end, back to its byline or dateline."""
    texts = []
    for unit in reversed(units):
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
        elif open_part and lines_continue_title(parts[-1], line):
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
        if first in P.COLUMN_LABELS:
            return first, second, None
        if len(second) >= 2 * len(first):
            return None, first, second
        return first, second, None
    return plain[0], " ".join(plain[1:-1]), plain[-1]


def lines_continue_title(first: str, second: str) -> bool:
    """Whether a heading's second line goes on with the first (one wrapped title) or is a part of its own."""
    if first[-1] in P.HEADLINE_JOINING_CHARS or second[0] in P.HEADLINE_JOINING_CHARS + "”》)）":
        return True
    if first[0] in P.PREPOSITIONS or any(first.endswith(verb) for verb in P.HEADLINE_VERBS):
        return True
    if " " in first or " " in second:
        return False  # a line of two phrases (`王建国讲话 李红梅主持`) is a headline part of its own
    if any(second.startswith(verb) for verb in P.HEADLINE_VERBS) or tag(second)[0].flag == "v":
        return False
    return True


_MEETING_RE = re.compile(r"会见|会谈|会晤|接见|拜会|座谈|会议|见面")
_COMMENTARY_RE = re.compile(r"评论|社论|短评|时评|述评|论坛")
_INTERVIEW_RE = re.compile(r"^[—─-]+\s*(?:专)?访")


def classify_kind(article: Article) -> Kind:
    """news, meeting, commentary, interview, feature or brief, from the article's furniture."""
    title = " ".join(part for part in (article.kicker, article.title) if part)
    if article.section:
        return Kind.BRIEF
    if article.byline and "评论员" in article.byline:
        return Kind.COMMENTARY
    if article.dateline:
        return Kind.MEETING if _MEETING_RE.search(title) else Kind.NEWS
    if _COMMENTARY_RE.search(title):
        return Kind.COMMENTARY
    if (article.subtitle and _INTERVIEW_RE.match(article.subtitle)) or "专访" in title:
        return Kind.INTERVIEW
    if _MEETING_RE.search(title):
        return Kind.MEETING
    if article.byline and P.BYLINE_RE.match(article.byline):
        return Kind.FEATURE
    return Kind.NEWS
