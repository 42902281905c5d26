"""E-paper pages the tests build themselves: PDFs drawn with reportlab's built-in Chinese CID font
(no font file needed), the same stories as the `.txt` a person would have extracted, and
Founder-style saved HTML pages.

A page is laid out in top-down points (`top` grows downwards); `write_pdf` turns that into PDF
coordinates and can store the page's text in any order, so a reader that trusts the stored order
reads the page wrongly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from summarizer.records import Article

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

WIDTH, HEIGHT = 842.0, 1191.0
"""A3 portrait, near a broadsheet's proportions."""
MARGIN = 40.0
BODY = 10.0
INDENT = "\u3000\u3000"


@dataclass(frozen=True)
class Story:
    """One article as the page prints it, and as the split should give it back."""

    title: str
    paragraphs: tuple[str, ...]
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None


@dataclass(frozen=True)
class Text:
    """Lines of one size, left-aligned at x (or centred over `centre_width` from x), from `top` down."""

    x: float
    top: float
    size: float
    lines: tuple[str, ...]
    centre_width: float | None = None

    @property
    def leading(self) -> float:
        return self.size * 1.5

    @property
    def bottom(self) -> float:
        return self.top + self.leading * len(self.lines)


@dataclass(frozen=True)
class Rule:
    """A horizontal or vertical rule from (x0, top0) to (x1, top1)."""

    x0: float
    top0: float
    x1: float
    top1: float


@dataclass(frozen=True)
class Frame:
    """A rectangle drawn round a sidebar."""

    x0: float
    top: float
    x1: float
    bottom: float


Item = Text | Rule | Frame


@dataclass
class Sheet:
    """One page being laid out."""

    items: list[Item] = field(default_factory=list)

    def header(self, line: str, in_parts: bool = False) -> float:
        """The page header over a rule: one line, or (in_parts) the paper's name in larger type at
        the left, the date in the middle and the page at the right, as mastheads print them."""
        if in_parts:
            paper, date, weekday, page = line.split("\u3000")
            self.items += [Text(MARGIN, MARGIN - 4, 16.0, (paper,)),
                           Text(WIDTH / 2 - 60, MARGIN, 9.0, (f"{date} {weekday}",)),
                           Text(WIDTH - MARGIN - 60, MARGIN, 9.0, (page,))]
        else:
            self.items.append(Text(MARGIN, MARGIN, 9.0, (line,)))
        self.rule(MARGIN + 18, MARGIN, WIDTH - MARGIN)
        return MARGIN + 26

    def rule(self, top: float, x0: float = MARGIN, x1: float = WIDTH - MARGIN) -> None:
        self.items.append(Rule(x0, top, x1, top))

    def story(self, story: Story, x: float, top: float, width: float, columns: int,
              title_size: float = 22.0, body_size: float = BODY, gap: float = 14.0) -> float:
        """The story's headline centred over `width`, its byline and body flowed over `columns`
        balanced columns below; the bottom of what was drawn."""
        for text, size in ((story.kicker, 13.0), (story.title, title_size), (story.subtitle, 13.0)):
            if text:
                block = Text(x, top, size, (text,), centre_width=width)
                self.items.append(block)
                top = block.bottom
        top += 4
        column_width = (width - gap * (columns - 1)) / columns
        lines = [line for paragraph in story.paragraphs for line in wrap(INDENT + paragraph, column_width, body_size)]
        if story.byline:
            lines = [*wrap_words(story.byline, column_width, body_size), *lines]
        per_column = -(-len(lines) // columns)
        bottom = top
        for index in range(columns):
            chunk = tuple(lines[index * per_column:(index + 1) * per_column])
            if chunk:
                block = Text(x + index * (column_width + gap), top, body_size, chunk)
                self.items.append(block)
                bottom = max(bottom, block.bottom)
        return bottom + 10


def wrap(paragraph: str, width: float, size: float) -> list[str]:
    """The paragraph cut into lines no wider than `width` points."""
    lines, current = [], ""
    for ch in paragraph:
        if current and pdfmetrics.stringWidth(current + ch, FONT, size) > width:
            lines.append(current)
            current = ""
        current += ch
    return [*lines, current] if current else lines


def wrap_words(line: str, width: float, size: float) -> list[str]:
    """A byline cut at its spaces into lines no wider than `width` points (where the words allow)."""
    lines: list[str] = []
    for word in line.split(" "):
        if lines and pdfmetrics.stringWidth(lines[-1] + " " + word, FONT, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def write_pdf(path: Path, sheets: list[Sheet], order: str = "reading", encrypt: str | None = None) -> Path:
    """The sheets as a PDF of as many pages; `order` is how each page's text is stored: "reading",
    "reversed" or "shuffled" (the rules and frames are drawn first either way)."""
    pdf = canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT), encrypt=encrypt)
    for sheet in sheets:
        texts = [item for item in sheet.items if isinstance(item, Text)]
        if order == "reversed":
            texts.reverse()
        elif order == "shuffled":
            random.Random(7).shuffle(texts)
        for item in sheet.items:
            if isinstance(item, Rule):
                pdf.setLineWidth(0.8)
                pdf.line(item.x0, HEIGHT - item.top0, item.x1, HEIGHT - item.top1)
            elif isinstance(item, Frame):
                pdf.setLineWidth(0.8)
                pdf.rect(item.x0, HEIGHT - item.bottom, item.x1 - item.x0, item.bottom - item.top)
        for text in texts:
            pdf.setFont(FONT, text.size)
            for number, line in enumerate(text.lines):
                baseline = HEIGHT - text.top - text.size - number * text.leading
                x = text.x
                if text.centre_width is not None:
                    x += (text.centre_width - pdfmetrics.stringWidth(line, FONT, text.size)) / 2
                pdf.drawString(x, baseline, line)
        pdf.showPage()
    pdf.save()
    return path


def write_text_as_pdf(path: Path, text: str, size: float = 10.0) -> Path:
    """A text page drawn line for line in one column, all in one type size, a blank line a line's
    gap: a PDF that says no more than the text. (reportlab's CID font has no `·`; it is left out.)"""
    lines = text.replace("·", "").splitlines()
    height = size * 1.5 * len(lines) + 2 * MARGIN
    pdf = canvas.Canvas(str(path), pagesize=(WIDTH, height))
    pdf.setFont(FONT, size)
    for number, line in enumerate(lines):
        if line.strip():
            pdf.drawString(MARGIN, height - MARGIN - size - number * size * 1.5, line)
    pdf.save()
    return path


def write_blank_pdf(path: Path, pages: int = 1) -> Path:
    """A PDF whose pages hold only a drawing, as a scanned page holds only its image."""
    pdf = canvas.Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    for _ in range(pages):
        pdf.rect(100, 100, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def as_text(header: str, stories: list[Story]) -> str:
    """The stories as the `.txt` a person extracts by hand: header, then each headline part, byline
    and paragraph on its own line, blocks apart."""
    blocks = [header]
    for story in stories:
        blocks.append("\n".join(part for part in (story.kicker, story.title, story.subtitle) if part))
        if story.byline:
            blocks.append(story.byline)
        blocks.extend(story.paragraphs)
    return "\n\n".join(blocks) + "\n"


# A night of one paper: the stories, the pages that print them, and the split each page must give.

PAPER, DATE = "东江日报", "2025年6月5日"

SCIENCE = Story(
    kicker="坚持创新驱动 加快动能转换",
    title="全市科技创新大会召开",
    subtitle="王建国讲话 李红梅主持",
    byline="■本报记者 刘传伏 王汝雅",
    paragraphs=(
        "本报讯 6月4日，全市科技创新大会召开。市委书记王建国出席会议并讲话，市长李红梅主持会议。",
        "会议指出，要把科技创新摆在发展全局的核心位置，加快培育新质生产力，推动创新链产业链资金链人才链深度融合。",
        "会议强调，各级各部门要完善科技创新体制机制，加大研发投入，支持企业建设重点实验室和技术创新中心，让创新成果更快转化为现实生产力。",
        "会议表彰了2024年度科技进步奖获奖单位和个人。市领导张志强、陈晓梅等出席会议。",
    ),
)
BAVARIA = Story(
    title="我市与德国巴伐利亚州签署友好交流备忘录",
    paragraphs=(
        "本报讯（记者 郝明雷）6月4日，市长李红梅会见了德国巴伐利亚州经济部代表团一行，双方签署了友好交流备忘录。",
        "李红梅说，巴伐利亚州是欧洲重要的制造业中心，我市愿与巴伐利亚州在职业教育、先进制造、绿色能源等领域深化合作。",
        "代表团团长施密特表示，期待双方企业加强对接，推动更多合作项目落地见效。",
    ),
)
RIVER = Story(
    title="东江两岸生态廊道建设全面提速",
    byline="■本报记者 周洁",
    paragraphs=(
        "连日来，东江两岸生态廊道建设现场机器轰鸣，施工人员正在加紧铺设步道、栽植苗木。",
        "据了解，生态廊道全长32公里，今年将完成主体工程，建成后将串联起沿江12个公园和湿地。",
        "市园林部门负责人介绍，廊道建设坚持生态优先，尽量保留原有植被，为鸟类留出栖息空间。（记者 周洁）",
    ),
)
SUMMER_GRAIN = Story(
    kicker="抢抓农时",
    title="全市三夏麦收进度过半",
    paragraphs=(
        "本报讯（记者 孙丽）记者从市农业农村局获悉，截至6月4日，全市已收获小麦86万亩，占种植面积的52%。",
        "今年全市投入联合收割机4200余台，农机部门组织技术人员分片包村，保障机收作业顺利开展。",
        "气象部门提醒，近期有降雨过程，请广大农户抢抓晴好天气及时收获晾晒。",
    ),
)
UTILITIES = Story(
    title="水、电、气、暖保障全面到位",
    subtitle="——新建小区交付实现“即住即用”",
    paragraphs=(
        "本报讯（记者 马腾）今年以来，市住建部门联合供水、供电、燃气和热力企业，推行新建小区配套设施联合验收。",
        "新建小区交付时，水电气暖全部接通，业主拿到钥匙即可入住，平均为每户节省等待时间40天。",
    ),
)
EV_CHAIN = Story(
    kicker="聚焦高质量发展",
    title="我市新能源汽车产业链加速成形",
    paragraphs=(
        "本报讯（记者 韩雪）在东江经济开发区，一辆辆新能源汽车驶下生产线。今年前5个月，全市新能源汽车产量同比增长46%。",
        "围绕整车制造，开发区引进电池、电机、电控等配套企业38家，本地配套率达到六成。",
        "开发区负责人表示，下一步将加快建设充换电基础设施，完善产业生态。",
    ),
)
NOTICE = Story(
    title="市民服务热线调整服务时间",
    paragraphs=(
        "自6月10日起，12345市民服务热线人工服务时间调整为每日7时至23时，其余时段可通过网站和手机客户端留言。",
    ),
)
SCHOOLS = Story(
    title="中考考点设置公布",
    byline="■本报记者 王珂",
    paragraphs=(
        "市教育局日前公布今年中考考点设置，全市共设考点26个、考场1120个。",
        "考生可于6月20日起登录市招生考试网打印准考证，考前一天可到考点熟悉环境。",
    ),
)
LIBRARY = Story(
    title="市图书馆夜间开放延长至22时",
    paragraphs=(
        "本报讯（记者 赵敏）6月起，市图书馆自习区夜间开放时间延长至22时，每晚可容纳读者300人。",
        "图书馆还在自习区增设了充电插座和饮水设施，方便读者学习。",
    ),
)
CONCERT = Story(
    title="东江之夏音乐季开幕",
    paragraphs=(
        "本报讯（记者 钱程）6月4日晚，第十二届东江之夏音乐季在市文化中心开幕，交响乐团演奏了多部经典作品。",
        "本届音乐季将持续至8月底，共安排演出46场，其中公益演出20场。",
    ),
)


def header(page: int) -> str:
    return f"{PAPER}　{DATE}　星期四　第{page}版"


def page_three_columns() -> Sheet:
    """A lead story across three columns over a rule; below it one story over two columns and
    one in the third, set apart by a vertical rule."""
    sheet = Sheet()
    top = sheet.header(header(1))
    content = WIDTH - 2 * MARGIN
    top = sheet.story(SCIENCE, MARGIN, top, content, 3)
    sheet.rule(top)
    top += 10
    third = (content - 28) / 3
    left_width = 2 * third + 14
    bottom = sheet.story(BAVARIA, MARGIN, top, left_width, 2, title_size=18)
    sheet.items.append(Rule(MARGIN + left_width + 7, top, MARGIN + left_width + 7, bottom))
    sheet.story(RIVER, MARGIN + left_width + 14, top, third, 1, title_size=16)
    return sheet


def page_two_columns_with_sidebar() -> Sheet:
    """Two columns: a story in the left one; in the right, a story and a boxed notice below it."""
    sheet = Sheet()
    top = sheet.header(header(2))
    half = (WIDTH - 2 * MARGIN - 20) / 2
    sheet.story(SUMMER_GRAIN, MARGIN, top, half, 1, title_size=18)
    right = MARGIN + half + 20
    bottom = sheet.story(SCHOOLS, right, top, half, 1, title_size=18)
    frame_top = bottom + 6
    inner = sheet.story(NOTICE, right + 10, frame_top + 8, half - 20, 1, title_size=14)
    sheet.items.append(Frame(right, frame_top, right + half, inner + 2))
    return sheet


def page_four_columns() -> Sheet:
    """Four columns: two stories of two columns each side by side, a rule, and one story across
    all four columns whose headline would pass for a sentence (three 、) and one whose kicker is
    shorter than half its title."""
    sheet = Sheet()
    top = sheet.header(header(3), in_parts=True)
    content = WIDTH - 2 * MARGIN
    half = (content - 14) / 2
    left = sheet.story(EV_CHAIN, MARGIN, top, half, 2, title_size=20)
    right = sheet.story(LIBRARY, MARGIN + half + 14, top, half, 2, title_size=20)
    top = max(left, right)
    sheet.rule(top)
    sheet.story(UTILITIES, MARGIN, top + 10, content, 4, title_size=20)
    return sheet


def page_concert() -> Sheet:
    """A short page: one story in two columns (the second page of a two-page PDF)."""
    sheet = Sheet()
    top = sheet.header(header(4))
    sheet.story(CONCERT, MARGIN, top, WIDTH - 2 * MARGIN, 2, title_size=20)
    return sheet


FILLER = (
    "记者在现场看到，各项工作有序推进，相关部门加强协调配合，及时解决推进过程中遇到的困难和问题。",
    "有关负责人表示，将进一步细化工作措施，压实工作责任，确保各项任务按时保质完成，让群众得到更多实惠。",
    "据悉，下一步还将加强跟踪问效，定期通报进展情况，对工作中涌现出的好经验好做法及时总结推广。",
)
"""Paragraphs that lengthen a story without a dateline or credit of their own (the dense page)."""


def page_dense(rows: int = 4) -> Sheet:
    """A dense broadsheet page: rows of two stories of four narrow columns each in 8-point type,
    about 6,000 characters."""
    sheet = Sheet()
    top = sheet.header(header(5))
    half = (WIDTH - 2 * MARGIN - 16) / 2
    for row in range(rows):
        bottoms = []
        for side in range(2):
            story = DENSE_STORIES[2 * row + side]
            bottoms.append(sheet.story(story, MARGIN + side * (half + 16), top, half, 4, title_size=16,
                                       body_size=8.0, gap=8.0))
        top = max(bottoms)
        sheet.rule(top)
        top += 8
    return sheet


DENSE_STORIES = [
    Story(story.title, (*story.paragraphs[:-1], *FILLER * 4, story.paragraphs[-1]), story.kicker, story.subtitle,
          story.byline)
    for story in (SCIENCE, BAVARIA, RIVER, SUMMER_GRAIN, EV_CHAIN, LIBRARY, CONCERT, SCHOOLS)
]
"""The dense page's stories, in reading order."""


NIGHT = {
    "three-columns": (page_three_columns, [SCIENCE, BAVARIA, RIVER]),
    "sidebar": (page_two_columns_with_sidebar, [SUMMER_GRAIN, SCHOOLS, NOTICE]),
    "four-columns": (page_four_columns, [EV_CHAIN, LIBRARY, UTILITIES]),
    "concert": (page_concert, [CONCERT]),
    "dense": (page_dense, DENSE_STORIES),
}
"""Each test page: how to draw it, and the stories it must split into, in reading order."""


# Founder-style saved e-paper HTML: a layout page per newspaper page (node_N.htm) whose title list
# links a content page per article (content_NNN.htm), declared gb2312 as such sites do.

GBK_ONLY = "喆堃镕"
"""Characters in GBK but not in GB2312: a page declared gb2312 and read as such loses them."""
SCIENCE_HTML = Story(
    kicker=SCIENCE.kicker, title=SCIENCE.title, subtitle=SCIENCE.subtitle,
    byline="■本报记者 刘传伏 周慧喆",
    paragraphs=(SCIENCE.paragraphs[0],
                "会议指出，要把科技创新摆在发展全局的核心位置。市科技局局长李堃介绍了全市科技创新工作情况。",
                *SCIENCE.paragraphs[2:]),
)


def content_html(story: Story, article_id: int, page: int, section: str = "要闻",
                 date: str = "2025-06-05") -> str:
    """A content page: the metadata comment, 引题 (h3), 主题 (h1), 副题 (h2), the body's paragraphs,
    and the site's navigation and footer around them."""
    meta = (f"<!--enpproperty <articleid>{article_id}</articleid><date>{date} 00:00:00:0</date>"
            f"<author>{story.byline or ''}</author><title>{story.title}</title>"
            f"<keyword></keyword><subtitle>{story.subtitle or ''}</subtitle>"
            f"<introtitle>{story.kicker or ''}</introtitle><siteid>1</siteid><nodeid>{page}</nodeid>"
            f"<nodename>第{page:02d}版：{section}</nodename><nodesearchname></nodesearchname>/enpproperty-->")
    paragraphs = "\n".join(f"<p>{INDENT}{paragraph}</p>" for paragraph in story.paragraphs)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{story.title}--{PAPER}</title>
</head>
<body>
{meta}
<div class="nav"><a href="node_{page}.htm">第{page:02d}版：{section}</a> <a href="../../../index.htm">往期回顾</a></div>
<table class="article"><tr><td>
<h3>{story.kicker or ''}</h3>
<h1>{story.title}</h1>
<h2>{story.subtitle or ''}</h2>
<div class="info">{PAPER} {DATE}</div>
<div id="ozoom">
<!--enpcontent--><founder-content>{paragraphs}</founder-content><!--/enpcontent-->
</div>
</td></tr></table>
<div class="footer">版权所有 {PAPER} 备案号：粤ICP备00000000号</div>
</body></html>
"""


def node_html(page: int, articles: list[tuple[int, str]], section: str = "要闻") -> str:
    """A layout page: the page image's map and the title list, each title linking its content page."""
    areas = "\n".join(f'<area shape="rect" coords="0,{n * 100},400,{n * 100 + 90}" href="content_{article_id}.htm">'
                      for n, (article_id, _) in enumerate(articles))
    titles = "\n".join(f'<li><a href="content_{article_id}.htm">{title}</a></li>' for article_id, title in articles)
    return f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{PAPER}</title></head>
<body>
<div class="pages"><a href="node_1.htm">第01版：要闻</a> <a href="node_2.htm">第02版：综合</a></div>
<h2>第{page:02d}版：{section}</h2>
<map name="PagePicMap">{areas}</map>
<div id="titleList"><ul>
{titles}
</ul></div>
</body></html>
"""


HTML_NIGHT = {
    1: [(101, SCIENCE_HTML), (102, BAVARIA)],
    2: [(202, EV_CHAIN), (201, UTILITIES)],
}
"""Each page of the HTML night: its articles by content id, in the title list's (page) order."""


def write_html_night(folder: Path) -> Path:
    """The night's layout and content pages, encoded GB18030 (which GBK is a part of) though they
    declare gb2312, as e-paper sites serve them."""
    folder.mkdir(parents=True, exist_ok=True)
    for page, articles in HTML_NIGHT.items():
        section = "要闻" if page == 1 else "综合"
        (folder / f"node_{page}.htm").write_bytes(
            node_html(page, [(article_id, story.title) for article_id, story in articles], section).encode("gb18030"))
        for article_id, story in articles:
            (folder / f"content_{article_id}.htm").write_bytes(
                content_html(story, article_id, page, section).encode("gb18030"))
    return folder


def write_cid_pdf(path: Path) -> Path:
    """A PDF whose font maps its codes to glyphs but not to characters (no ToUnicode, Identity
    encoding): text extraction gives `(cid:NNN)` codes, as with many e-paper PDFs' subset fonts."""
    stream = b"BT /F1 12 Tf 72 720 Td <0012003400560078009A00BC> Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SubsetSong /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SubsetSong "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def assert_is_story(article: Article, story: Story) -> None:
    """The article is the story: its headline parts exactly, its byline, and its paragraphs one for
    one (less the dateline that opens the first and the credit that closes the last)."""
    assert (article.kicker, article.title, article.subtitle) == (story.kicker, story.title, story.subtitle)
    if story.byline:
        assert article.byline == story.byline
    assert len(article.paragraphs) == len(story.paragraphs), article.paragraphs
    for found, printed in zip(article.paragraphs, story.paragraphs):
        assert found in printed and len(found) >= len(printed) - 20, (found, printed)
    assert story.paragraphs[-1].endswith(article.paragraphs[-1]) or "（记者" in story.paragraphs[-1]
