"""Saved e-paper HTML pages (Founder-style sites): a content page (`content_NNN.htm`) is one article,
a layout page (`node_NN.htm`) is its page's articles in the order of its title list.

A content page's article keeps its structure: 引题 (h3) as kicker, 主题 (h1) as title, 副题 (h2) as
subtitle, the byline, the body's paragraphs; the date and page come from the page's metadata
comment (`<!--enpproperty <date>…</date><nodename>第01版：要闻</nodename>…/enpproperty-->`). The
reader gives the splitter the article as text, each headline part with a type size (h1 largest),
so the splitter takes the headline as printed rather than guessing it from the words.

Bytes are decoded here, never by the parser: the declared charset (gb2312 and gbk read as
gb18030, their superset, which sites serve under those names), else UTF-8, else detection. Only
saved files are read: a layout page's articles are the content pages saved beside it, by file
name; nothing is fetched.
"""

from __future__ import annotations

import codecs
import datetime
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import charset_normalizer
import lxml.html
from lxml import etree

from summarizer.errors import PageError
from summarizer.patterns import ISO_DATE_RE, PAGE_NO_RE, PAPER_RE, iso_date, to_int
from summarizer.readers.filenames import file_hint
from summarizer.readers.files import page_bytes
from summarizer.records import FileHint, Line, PageText

MAX_HTML_BYTES = 5 * 1024 * 1024
"""A saved e-paper page is tens of KB; anything this large is not one."""
TITLE_SIZE, PART_SIZE, BODY_SIZE = 24.0, 16.0, 12.0
"""The type sizes the reader gives a page's lines: 主题 (h1), 引题 and 副题 (h3, h2), the rest."""
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
              "csgb2312": "gb18030", "cp936": "gb18030", "ms936": "gb18030", "euc-cn": "gb18030",
              "x-euc-cn": "gb18030", "chinese": "gb18030", "big5": "big5hkscs"}
"""Charsets pages declare but are written in a superset of (GBK-only characters on a gb2312 page)."""
_DECLARED_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
                          re.IGNORECASE)
_METADATA_RE = re.compile(r"<!--\s*enpproperty(.*?)/enpproperty\s*-->", re.DOTALL)
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_SITE_NAME_RE = re.compile(r"^(?:content|node)_\d+\.html?$", re.IGNORECASE)
_PAGE_LINK_RE = re.compile(r"\.html?$", re.IGNORECASE)
log = logging.getLogger("summarizer")


def decode_html(data: bytes, path: str | Path = "<bytes>") -> str:
    """A page's text from its bytes: its declared charset (read as the superset sites mean by it),
    else UTF-8, else the encoding detection finds; PageError if none reads it."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    declared = _declared_charset(data[:4096])
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            log.warning("warning: %s: not in its declared charset %s; detecting the encoding", path, declared)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise PageError(path, "unknown text encoding (the page declares none that reads it, and none was detected)")
    encoding = _SUPERSETS.get(best.encoding.lower().replace("_", "-"), best.encoding)
    return data.decode(encoding, errors="replace")


def _declared_charset(head: bytes) -> str | None:
    match = _DECLARED_RE.search(head)
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


@dataclass
class ContentPage:
    """What a content page says of its article."""

    kicker: str | None = None
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    date: str | None = None
    page_no: int | None = None
    paper: str | None = None


def read(path: Path) -> list[PageText]:
    """A content page as one page holding its article; a layout page as one page holding the
    articles of its title list (from the content pages saved beside it)."""
    tree = _parse(path)
    article = content_page(tree)
    if article is not None:
        return [_page_text(path, [article])]
    articles: list[ContentPage] = []
    missing: list[str] = []
    for linked in listed_pages(path, tree):
        found = _linked_article(linked)
        if found is not None:
            articles.append(found)
        elif not linked.is_file():
            missing.append(linked.name)
    if not articles and missing:
        raise PageError(path, f"none of the {len(missing)} articles it lists was saved beside it ({', '.join(missing)})")
    if not articles:
        raise PageError(path, "no article text (neither a content page nor a layout page)")
    if missing:
        log.warning("warning: %s: %d listed article%s not saved beside it: %s", path, len(missing),
                    "s" if len(missing) > 1 else "", ", ".join(missing))
    if articles[0].page_no is None:
        # the content pages name their section without its page: the layout page's own `第01版`
        number = PAGE_NO_RE.search(" ".join(_text(element) for element in tree.iter("title", "h1", "h2", "h3")))
        if number:
            articles[0].page_no = to_int(number.group("page") or number.group("page_letter"))
    return [_page_text(path, articles)]


def _linked_article(linked: Path) -> ContentPage | None:
    """The article of a page a layout page links, if it is a content page saved beside it (a link
    to another layout page, or to a page that cannot be read, gives none)."""
    if not linked.is_file():
        return None
    try:
        return content_page(_parse(linked))
    except PageError as exc:
        log.warning("warning: %s", exc)
        return None


def without_listed_pages(paths: list[Path]) -> list[Path]:
    """A folder's files less the content pages a layout page among them lists: those are read with
    their layout page, in its order. (Only content pages are left out: a site's index page that
    lists its layout pages leaves them in.)"""
    listed: set[Path] = set()
    for path in paths:
        if path.suffix.lower() in (".htm", ".html"):
            try:
                tree = _parse(path)
            except PageError:
                continue  # reported when the page itself is read
            if content_page(tree) is None:
                listed.update(linked.resolve() for linked in listed_pages(path, tree)
                              if _linked_article(linked) is not None)
    return [path for path in paths if path.resolve() not in listed]


def _parse(path: Path) -> etree._Element:
    data = page_bytes(path, MAX_HTML_BYTES, "an HTML page")
    if not data.strip():
        raise PageError(path, "empty file")
    text = _XML_DECLARATION_RE.sub("", decode_html(data, path))
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise PageError(path, "not an HTML page") from None


def content_page(tree: etree._Element) -> ContentPage | None:
    """The article of a content page, or None if the page holds no article (a layout page, an index)."""
    metadata = _metadata(tree)
    body = _body(tree)
    paragraphs = _paragraphs(body) if body is not None else []
    if not paragraphs:
        return None
    page = ContentPage(paragraphs=paragraphs)
    heading = tree.find(".//h1")
    if heading is not None and _text(heading):
        container = heading.getparent()
        page.kicker, page.title, page.subtitle = (_first_text(container, "h3"), _text(heading),
                                                  _first_text(container, "h2"))
    else:
        page.kicker, page.title, page.subtitle = (metadata.get("introtitle") or None, metadata.get("title") or None,
                                                  metadata.get("subtitle") or None)
    page.byline = metadata.get("author") or None
    date = ISO_DATE_RE.search(metadata.get("date", ""))
    page.date = iso_date(date) if date else None
    number = PAGE_NO_RE.search(metadata.get("nodename", ""))
    if number:
        page.page_no = to_int(number.group("page") or number.group("page_letter"))
    page.paper = _paper(tree)
    return page


def listed_pages(path: Path, tree: etree._Element) -> list[Path]:
    """The pages a layout page's title list links, in its order, as files beside it (by name only:
    a link never leads out of the page's folder)."""
    links = [a for a in tree.iter("a") if a.get("href")]
    listed = [a for a in links if any(_in_title_list(parent) for parent in a.iterancestors())]
    if not listed:
        listed = [a for a in links if _link_name(a.get("href", "")).lower().startswith("content_")]
    names: list[str] = []
    for a in listed:
        name = _link_name(a.get("href", ""))
        if _PAGE_LINK_RE.search(name) and name not in names and name != path.name:
            names.append(name)
    return [path.parent / name for name in names]


def _in_title_list(element: etree._Element) -> bool:
    if element.tag == "li":
        return True
    marks = f"{element.get('id', '')} {element.get('class', '')}".lower()
    return "title" in marks and "list" in marks


def _link_name(href: str) -> str:
    return Path(unquote(urlsplit(href).path)).name


def _metadata(tree: etree._Element) -> dict[str, str]:
    """The fields of the page's `enpproperty` comment (date, author, title, subtitle, introtitle, nodename)."""
    for comment in tree.iter(etree.Comment):
        match = _METADATA_RE.search(f"<!--{comment.text}-->")
        if match:
            # some sites wrap a field in tags of its own (`<title><p>…</p></title>`)
            return {name.lower(): " ".join(re.sub(r"<[^>]*>", " ", value).split())
                    for name, value in re.findall(r"<(\w+)>(.*?)</\1>", match.group(1), re.DOTALL)}
    return {}


def _body(tree: etree._Element) -> etree._Element | None:
    """The element that holds the article's paragraphs: Founder's `founder-content`, else the zoom
    box the sites wrap it in."""
    for element in tree.iter("founder-content"):
        return element
    found = tree.xpath("//*[@id='ozoom' or @id='articleContent' or @class='article-content']")
    return found[0] if found else None


def _paragraphs(body: etree._Element) -> list[str]:
    """The body's paragraphs: its `p` elements, else its text cut at line breaks."""
    found = [_text(p) for p in body.iter("p")]
    if not any(found):
        for br in body.iter("br"):
            br.tail = "\n" + (br.tail or "")
        found = [" ".join(part.split()) for part in body.text_content().split("\n")]
    return [paragraph for paragraph in found if paragraph]


def _text(element: etree._Element) -> str:
    """An element's text with its spaces of any width (indents, &nbsp;) as single spaces, trimmed."""
    return re.sub(r"[\s\u3000\xa0]+", " ", element.text_content()).strip()


def _first_text(container: etree._Element | None, tag: str) -> str | None:
    if container is None:
        return None
    for element in container.iter(tag):
        text = _text(element)
        if text:
            return text
    return None


def _paper(tree: etree._Element) -> str | None:
    """The paper's name where the page's title gives it (`全市科技创新大会召开--东江日报`)."""
    title = tree.find(".//title")
    if title is None:
        return None
    for piece in re.split(r"[-—_|｜·\s]+", _text(title)):
        if PAPER_RE.fullmatch(piece):
            return piece
    return None


def _page_text(path: Path, articles: list[ContentPage]) -> PageText:
    """The articles as a page's text: a header line from the metadata, then each article's headline
    parts (sized: title largest), byline and indented paragraphs, blocks apart."""
    first = articles[0]
    blocks: list[list[Line]] = []
    header = _header(first)
    if header:
        blocks.append([Line(header, BODY_SIZE)])
    for article in articles:
        for text, size in ((article.kicker, PART_SIZE), (article.title, TITLE_SIZE), (article.subtitle, PART_SIZE)):
            if text:
                blocks.append([Line(text, size)])
        if article.byline:
            blocks.append([Line(article.byline, BODY_SIZE)])
        blocks.append([Line("\u3000\u3000" + paragraph, BODY_SIZE) for paragraph in article.paragraphs])
    text = "\n\n".join("\n".join(line.text for line in block) for block in blocks) + "\n"
    return PageText(str(path), text, _hint(path), tuple(line for block in blocks for line in block))


def _hint(path: Path) -> FileHint:
    """What the file name says of the edition: nothing for a site's own names (`content_123.htm`,
    `node_2.htm`), whose numbers are no page numbers; else as for any page file."""
    return FileHint() if _SITE_NAME_RE.match(path.name) else file_hint(path)


WEEKDAYS = "一二三四五六日"


def _header(article: ContentPage) -> str | None:
    """A page-header line (`东江日报 2025年6月5日 星期四 第1版`) from the metadata, for the splitter
    to read as it reads a printed header: the weekday makes a date alone a header."""
    parts = [article.paper or ""]
    if article.date:
        day = datetime.date.fromisoformat(article.date)
        parts += [f"{day.year}年{day.month}月{day.day}日", f"星期{WEEKDAYS[day.weekday()]}"]
    if article.page_no:
        parts.append(f"第{article.page_no}版")
    return " ".join(part for part in parts if part) if article.date or article.page_no else None
