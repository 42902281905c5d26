"""Classified blocks into articles: headings placed with their bodies, bylines, datelines,
subheads, captions, notices and sidebars attached to the article they belong to."""

from __future__ import annotations

from summarizer import patterns as P
from summarizer.records import Article
from summarizer.splitting.drafts import (
    Draft,
    add_unit,
    author_line,
    changes_column,
    closing_dateline,
    column_tagged,
    finish,
    set_headline,
)
from summarizer.splitting.headings import body_has_own_credit, headline_groups, photo_captions, split_heading_pairs
from summarizer.splitting.headlines import overlap, parse_headline
from summarizer.splitting.sides import decide_layout, heading_overlaps, sides_by_overlap
from summarizer.splitting.units import (
    BODY,
    BYLINE,
    CLEAR_OVERLAP_MARGIN,
    COLUMN,
    ENUMERATED_SUBHEAD_RE,
    FURNITURE,
    HEAD,
    HEADLINE_AFTER,
    HEADLINE_BEFORE,
    LABEL,
    MAX_PHOTO_CAPTION,
    SIGNATURE,
    Unit,
)


def assemble(units: list[Unit], furniture: list[str]) -> list[Article]:
    units, sides, wholes = split_heading_pairs(headline_groups(units))
    assembler = _Assembler([u for u in units if u.kind != FURNITURE], furniture)
    assembler.clear_sides.update(sides)
    assembler.photo_captions = photo_captions(units)
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
            assembler.heading(unit, following, body_has_own_credit(units[index + 1:]))
        elif unit.starts_article:
            assembler.start(unit)
        else:
            assembler.body(unit)
    return [finish(draft.article, assembler.bulleted_titles) for draft in assembler.drafts if draft.article.paragraphs]


class _Assembler:
    """Groups a page's units into articles, once the page's headline layout is known."""

    def __init__(self, content: list[Unit], furniture: list[str]):
        overlaps = heading_overlaps(content)
        self.layout = decide_layout(content, overlaps)
        self.clear_sides = sides_by_overlap(overlaps, CLEAR_OVERLAP_MARGIN)
        self.forced_sides: dict[int, str] = {}
        """Sides of headlines cut apart from one another (see split_heading_pairs)."""
        self.has_starts = any(u.starts_article for u in content)
        self.furniture = furniture
        self.drafts: list[Draft] = []
        self.current: Draft | None = None
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

    def new_draft(self) -> Draft:
        draft = Draft()
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

    def _photo_from_last_section(self, current: Draft, credit: str) -> bool:
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
        author = author_line(unit.lines)
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
        multipart = len([p for p in parts if p]) > 1 or column_tagged(parts) or unit.larger
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
            set_headline(current.article, parts)
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
              or current.ended or changes_column(current, following)):
            set_headline(current.article, parts)
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
                set_headline(current.article, parts)
            else:
                self.furniture.append(text)
        elif (
            current is not None and not current.closed and current.has_body
            and not multipart
            and not self.section
            and following.kind == BODY
            and not following.starts_article
            and not changes_column(current, following)
            and not (credited and (current.article.byline or current.article.dateline))
            and (self.has_starts or ENUMERATED_SUBHEAD_RE.match(text))
        ):
            current.article.subheads.append(text)
            current.subhead_at = len(current.article.paragraphs)
        elif (current is not None and not current.closed and not current.has_body and current.article.byline
              and not current.article.title):
            set_headline(current.article, parts)  # a credit set above the title (`本报评论员` / title / body)
        else:
            set_headline(self.new_draft().article, parts)

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
        set_headline(current.article, parts)
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
            set_headline(current.article, self.pending_headline)
            self.pending_headline = None
        add_unit(current, unit, self.layout)

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
                set_headline(current.article, self.pending_headline)
                self.pending_headline = None
        elif current.article.dateline and closing_dateline(unit.text):
            current = self._split_at_block(current, unit)
        add_unit(current, unit, self.layout)

    def _split_at_block(self, current: Draft, unit: Unit) -> Draft:
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
