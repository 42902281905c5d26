"""Whether a page sets its headlines before or after their bodies: decided from the words each
heading shares with the body on either side of it."""

from __future__ import annotations

from summarizer import patterns as P
from summarizer.splitting.headlines import overlap, parse_headline
from summarizer.splitting.units import BODY, FURNITURE, HEAD, HEADLINE_AFTER, HEADLINE_BEFORE, LAYOUT_VOTE_MARGIN, Unit


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
        overlaps[id(unit)] = (overlap(heading, body_before(units[:index])),
                              overlap(heading, body_after(units[index + 1:])))
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


def body_before(units: list[Unit]) -> str:
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


def body_after(units: list[Unit]) -> str:
    """The body of the article that these units start, up to the next heading or article start."""
    texts = []
    for position, unit in enumerate(units):
        if position > 0 and (unit.kind == HEAD or unit.starts_article):
            break
        if unit.kind == BODY:
            texts.append(unit.text)
    return "".join(texts)
