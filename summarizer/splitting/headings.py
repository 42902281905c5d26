"""Headings before assembly: consecutive heading blocks grouped, two headlines set together cut
apart, photo captions marked, and whether a body carries its own credit."""

from __future__ import annotations

from summarizer import patterns as P
from summarizer.splitting.headlines import overlap, parse_headline
from summarizer.splitting.sides import body_after, body_before
from summarizer.splitting.units import (
    BODY,
    BYLINE,
    FURNITURE,
    HEAD,
    HEADLINE_AFTER,
    HEADLINE_BEFORE,
    MAX_PHOTO_CAPTION,
    PAIR_SPLIT_MARGIN,
    SUBTITLE_DASHES,
    Unit,
)


def headline_groups(units: list[Unit]) -> list[Unit]:
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


def photo_captions(units: list[Unit]) -> set[int]:
    """Short bodies that a photographer's credit line right below closes: photo captions (ids)."""
    return {
        id(unit) for unit, following in ((units[i], units[i + 1]) for i in range(len(units) - 1))
        if unit.kind == BODY and not unit.starts_article and following.kind == FURNITURE
        and P.PHOTO_LINE_RE.match(following.text) and len(unit.text) <= MAX_PHOTO_CAPTION
    }


def split_heading_pairs(units: list[Unit]) -> tuple[list[Unit], dict[int, str], dict[int, Unit]]:
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
    before, after = body_before(content[:index]), body_after(content[index + 1:])
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


def body_has_own_credit(rest: list[Unit]) -> bool:
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
