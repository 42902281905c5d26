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

from summarizer.records import FactSource, Page, PageText
from summarizer.splitting import layout
from summarizer.splitting.assembling import assemble
from summarizer.splitting.blocks import (
    classify,
    drop_pull_quotes,
    extract_openers,
    is_box,
    is_rubric,
    join_column_breaks,
    join_signature_blocks,
    join_split_wire_datelines,
    mark_standalone_kickers,
    normalize_line,
    page_column_width,
    split_blocks,
    split_run_in_item,
    split_runs,
    split_trailing_credit,
    take_headers,
)
from summarizer.splitting.units import BODY, FURNITURE, HEAD, INDENT_RE, Unit


def split_page(source: PageText) -> Page:
    """The page's articles, furniture and edition facts (from its header, else its file name)."""
    lines, indented = [], []
    for raw in join_split_wire_datelines(source.text.splitlines()):
        for number, part in enumerate(split_run_in_item(split_trailing_credit(normalize_line(raw)))):
            lines.append(part)
            indented.append(number == 0 and bool(INDENT_RE.match(raw)))
    page = Page(source=source.source)
    units: list[Unit] = []
    sizes = layout.type_sizes(source.lines)
    page_width = page_column_width(lines)
    wholes = split_blocks(lines, indented)
    for position, whole in enumerate(wholes):
        if not units and is_rubric(whole, wholes[position + 1:]):
            page.furniture.append(whole[0])
            continue
        if is_box(whole):  # a box is furniture as a whole; a line of it inside an article is not
            units.append(Unit(FURNITURE, [" ".join(whole)]))
            continue
        for number, block in enumerate(split_runs(whole, page_width)):
            block = take_headers(block, page)
            if block:
                unit = classify(block)
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
    drop_pull_quotes(units)
    mark_standalone_kickers(units)
    units = join_signature_blocks(units)
    extract_openers(units)
    units = join_column_breaks(units, page_width)
    page.articles = [layout.headline_by_size(article, sizes) for article in assemble(units, page.furniture)]
    return page
