"""What sort of article it is, from its furniture."""

from __future__ import annotations

import re

from summarizer import patterns as P
from summarizer.records import Article, Kind

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
