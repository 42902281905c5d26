"""Every textual rule of Chinese newspaper layout, defined once.

Bylines, datelines, end credits, continuation markers, page headers, section labels and
sentence-final punctuation are recognised here and nowhere else; the splitter, the
summarizers and the translator import what they need.
"""

from __future__ import annotations

import datetime
import re

DIGIT = "[0-9０-９]"
CJK = "\u4e00-\u9fff"
CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

SENTENCE_END = "。！？!?…；;"
"""Characters that end a sentence (and so may end a paragraph)."""
PARAGRAPH_END = SENTENCE_END + "：:"
CLOSING_QUOTES = "”’」』）)》"
CLAUSE_PUNCTUATION = "，,。；;、"
"""Punctuation that headlines (almost) never contain but running text always does."""

BYLINE_MARKERS = "■□●◆▲◇★☆◎"
REPORTER_ROLE = r"(?:首席|特约|见习|实习|驻[\u4e00-\u9fff]{1,4})?(?:记者|评论员|通讯员|实习生|摄影|撰稿|编辑)"
"""A reporter's role in a credit: `记者`, `见习记者`, `驻京记者`, `通讯员`, `评论员`."""
REPORTER_ROLE_END_RE = re.compile(REPORTER_ROLE + "$")
OUTLET = r"(?:本报|本刊|晚报|本台|新华社|中新社|人民日报|大众日报|[\u4e00-\u9fff]{2,4}(?:日报|晚报))"

_CREDIT_PREFIX = r"(?:(?:文/图|图/文|文图|文|图)(?:\s*[/／:：]\s*|\s+))?"
_NAME_SEPARATOR = r"(?:\s*[:：]\s*|\s+)"
"""What stands between a role and its names: spaces, or a colon (`本报记者:张三`)."""
_CREDIT_NAMES = rf"[{CJK}·]{{2,8}}(?:\s+(?:{OUTLET}?{REPORTER_ROLE}{_NAME_SEPARATOR})?[{CJK}·]{{2,8}})*"
BYLINE_RE = re.compile(
    rf"^(?:[{BYLINE_MARKERS}]\s*{_CREDIT_PREFIX}{OUTLET}?{REPORTER_ROLE}"
    rf"|{_CREDIT_PREFIX}{OUTLET}{REPORTER_ROLE}(?:\s|[:：]|$)"
    rf"|{_CREDIT_PREFIX}{REPORTER_ROLE}{_NAME_SEPARATOR}[{CJK}·]{{2,8}}(?:\s+\S+)*$)"
)
"""A byline line: `■本报记者 刘作义 本报通讯员 谭曰鹏`, `□晚报记者 吴峰`, `■本报评论员`,
`文/图 本报记者 张三`, `记者 张三 李四`, `本报记者:张三 通讯员:李四`, `本报评论员`."""

BYLINE_NAMES_RE = re.compile(rf"^(?:{OUTLET}?{REPORTER_ROLE}{_NAME_SEPARATOR})?{_CREDIT_NAMES}$")
"""A wrapped byline's second line: `吴计建 崔昊 周慧喆`, `本报通讯员 周洁 吴丛`."""

TRAILING_CREDIT_RE = re.compile(
    rf"^(?P<headline>[^{CLAUSE_PUNCTUATION}{SENTENCE_END}{BYLINE_MARKERS}]{{2,40}}?)\s+"
    rf"(?P<credit>{OUTLET}{REPORTER_ROLE}(?:{_NAME_SEPARATOR}{_CREDIT_NAMES})?)$"
)
"""A headline with its credit on the same line (`要把实事办好 本报评论员`): two lines, really."""

WIRE_OUTLETS = ("新华社", "中新社", "人民日报", "央视网", "人民网")
"""Agencies and national outlets whose reports a local paper reprints (`据新华社电`)."""
DATELINE_RE = re.compile(
    rf"^【?\s*(?:据\s*)?(?P<outlet>本报|本刊|晚报|大众日报|{'|'.join(WIRE_OUTLETS)})"
    rf"(?P<place>[{CJK}]{{0,8}}?)"
    rf"(?:{DIGIT}{{1,2}}月{DIGIT}{{1,2}}日)?(?:讯|电)\s*】?\s*"
    r"(?:[（(](?P<credit>[^（）()]{1,40})[）)])?\s*"
)
"""The dateline that opens a first paragraph: `本报济宁12月3日讯（记者 郝明雷）`, `【本报讯】（记者 崔霞）`,
`据新华社电`."""

END_CREDIT_RE = re.compile(
    r"[（(](?P<credit>(?:本报|晚报|本刊)?(?:见习|实习|特约)?(?:记者|通讯员|实习生|编辑)[^（）()]{1,30}"
    rf"|据?(?:央视新闻|{'|'.join(WIRE_OUTLETS)})(?:电|消息|报道)?)[）)]$"
)
"""A credit closing the last paragraph: `（记者 石玉梅）`."""

END_MARK_RE = re.compile(r"\s*[（(]\s*(?:完|全文完|完毕)\s*[）)]\s*$")
"""The mark that ends an article: `（完）`."""

_PAGE_REF = rf"(?:第\s*)?(?:[A-Za-zＡ-Ｚ]?(?P<page>{DIGIT}+)|(?P<page_zh>[一二三四五六七八九十]+))\s*(?:版|面)"
CONTINUED_TO_RE = re.compile(rf"[（(]\s*(?:下|紧|接)?转\s*{_PAGE_REF}\s*[）)]\s*$")
CONTINUED_FROM_RE = re.compile(rf"^[（(]\s*(?:上|紧)?接\s*{_PAGE_REF}\s*[）)]\s*")

_DATE = rf"(?P<year>(?:19|20){DIGIT}{{2}})\s*年\s*(?P<month>{DIGIT}{{1,2}})\s*月\s*(?P<day>{DIGIT}{{1,2}})\s*日"
DATE_RE = re.compile(_DATE)
ISO_DATE_RE = re.compile(r"(?P<year>(?:19|20)\d{2})-?(?P<month>\d{2})-?(?P<day>\d{2})")
PAGE_NO_RE = re.compile(
    rf"第?\s*(?<![0-9０-９年月])(?P<page>{DIGIT}{{1,2}})\s*版|(?<![A-Za-z])[A-Z](?P<page_letter>{DIGIT}{{1,2}})(?![0-9A-Za-z])"
)
"""A page number in a header: `第1版`, `01版`, `A1`."""
PAPER_RE = re.compile(rf"(?P<paper>[{CJK}]{{2,8}}(?:日报|晚报|时报|商报|早报|都市报|报))")
WEEKDAY_RE = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]")

SECTION_LABELS = frozenset(
    {
        "简讯", "快讯", "要闻速览", "要闻简报", "新闻速览", "新闻速递", "本地快讯", "一句话新闻",
        "图片新闻", "简明新闻", "消息树", "综合新闻", "短讯", "速读", "新闻简讯", "市场简讯",
    }
)
"""Labels that head a group of short items; each item below one is an article of kind `brief`."""
SECTION_LABEL_RE = re.compile(
    rf"^[{CJK}]{{0,4}}(?:简讯|快讯|短讯|速览|速递|简报|速读|一句话新闻)$"
)
"""Any label of the same kind: `国际简讯`, `财经速览`, `体育快讯`."""


QA_LINE_RE = re.compile(rf"^(?:记者|本报记者|主持人|问|答|[{CJK}]{{2,4}})[:：]\s*\S")
"""A line of an interview in question-and-answer form (`记者：…`, `张三：…`): body, never a heading."""
EDITOR_NOTE_RE = re.compile(r"^[【\[]?\s*编者按\s*[】\]]?\s*[:：]?\s*")
"""An editor's note (`【编者按】…`, `编者按：…`): it introduces an article and is kept apart from its body."""


def is_section_label(text: str) -> bool:
    return text in SECTION_LABELS or bool(SECTION_LABEL_RE.match(text))


RUN_IN_ITEM_RE = re.compile(
    rf"^(?P<marker>[{BYLINE_MARKERS}])\s*(?P<title>[^\s{CLAUSE_PUNCTUATION}{SENTENCE_END}]{{4,30}})\s+"
    rf"(?P<body>\S.*[{CLAUSE_PUNCTUATION}].*)$"
)
"""A short item whose lead phrase runs into its text on one line: `■德国汽车出口回升 德国联邦统计局8日发布…`."""

PHOTO_CREDIT_RE = re.compile(
    rf"(?:{OUTLET}?{REPORTER_ROLE}|图/?文?)[:：/]?\s*[{CJK}·]{{2,8}}(?:\s+[{CJK}·]{{2,8}})*\s*(?:摄|供图|/图)\s*[）)]?$|^[▲△↑]|^(?:图为|上图|下图|左图|右图)[：:，,]?"
    rf"|(?:{OUTLET}|{'|'.join(WIRE_OUTLETS)})发\s*[（(][{CJK}·\s]{{2,12}}摄[）)]$"
)
"""A photo caption: `▲市民在活动现场选购（记者 王五 摄）`; captions are not article text."""
EDITORIAL_CREDIT_RE = re.compile(
    r"(?:责任编辑|责编|美术编辑|美编|编辑|责任校对|校对|版式设计|版式|组版|审读|值班编委|签发)\s*[:：]"
)
"""A page's editorial credits line (`责任编辑：张三 美术编辑：李四`)."""
PAGE_ONLY_HEADER_RE = re.compile(
    rf"^(?:第\s*{DIGIT}+\s*版|[A-Z]{DIGIT}{{1,2}}\b)\s*(?:[:：]?\s*[{CJK}·\s]{{0,8}}|[（(][{CJK}·\s]{{0,8}}[）)])$"
)
"""A page header that names only the page and its section (`第1版：要闻`, `A2 要闻`)."""

COLUMN_LABELS = frozenset({"短评", "时评", "快评", "社论", "评论", "论坛", "特稿", "专访", "特写", "观察", "时政要闻",
                           "记者观察", "新闻观察", "深度观察", "一线调查", "记者调查", "记者手记", "编辑手记", "人物",
                           "综述", "新闻特写", "基层传真", "一线传真"})
"""Column names printed over a headline (`短评` / `让学习成果转化为发展实效`): a kicker, not the title."""

DECORATION_RE = re.compile(r"[·•]{2,}|[●◆■★]{2,}|={3,}|-{3,}")
"""Runs of decoration that e-paper banners carry (`助企攀登 推进制造强市建设··专题访谈`)."""


def to_int(digits: str) -> int:
    """Half- or full-width digits, or a small Chinese numeral, as an int."""
    if digits and digits[0] in CHINESE_NUMERALS:
        if digits == "十":
            return 10
        if digits.startswith("十"):
            return 10 + CHINESE_NUMERALS[digits[1]]
        if len(digits) == 3 and digits[1] == "十":
            return CHINESE_NUMERALS[digits[0]] * 10 + CHINESE_NUMERALS[digits[2]]
        if digits.endswith("十"):
            return CHINESE_NUMERALS[digits[0]] * 10
        return CHINESE_NUMERALS[digits[0]]
    return int(half_width_numbers(digits))


_FULL_WIDTH_NUMBERS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def half_width_numbers(text: str) -> str:
    """Full-width digits and decimal points as ASCII (`２．５` -> `2.5`), so numbers compare equal."""
    return text.translate(_FULL_WIDTH_NUMBERS)


def page_ref(match: re.Match) -> int:
    return to_int(match.group("page") or match.group("page_zh"))


def ends_paragraph(text: str) -> bool:
    """Whether text ends where a paragraph may end (sentence end, closing quote after one, a marker)."""
    text = text.rstrip()
    if not text:
        return False
    if text[-1] in "）)" and (  # each of these markers closes with its bracket
        CONTINUED_TO_RE.search(text) or END_CREDIT_RE.search(text) or END_MARK_RE.search(text)
        or END_ATTRIBUTION_RE.search(text)
    ):
        return True
    stripped = text.rstrip(CLOSING_QUOTES)
    if stripped != text:
        return bool(stripped) and stripped[-1] in PARAGRAPH_END
    return text[-1] in PARAGRAPH_END


SENTENCE_RE = re.compile(rf"[^{SENTENCE_END}]*(?:[{SENTENCE_END}]+[{CLOSING_QUOTES}]*|$)")


def split_sentences(text: str) -> list[str]:
    """Chinese sentences, each with its final punctuation and any closing quote after it."""
    return [s.strip() for s in SENTENCE_RE.findall(text) if s.strip()]


CLAUSE_RE = re.compile(r"[^，,；;]+[，,；;]?")


def split_clauses(sentence: str) -> list[str]:
    """A sentence cut after its commas and semicolons (for a sentence too long for a model)."""
    return [clause for clause in CLAUSE_RE.findall(sentence) if clause.strip()]


def first_sentence(text: str, limit: int = 40) -> str:
    sentences = split_sentences(text)
    first = sentences[0] if sentences else text
    return first if len(first) <= limit else first[:limit] + "…"


def cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def iso_date(match: re.Match) -> str | None:
    """YYYY-MM-DD from a match with year, month and day groups, or None if it is no real date."""
    try:
        day = datetime.date(to_int(match.group("year")), to_int(match.group("month")), to_int(match.group("day")))
    except ValueError:
        return None
    return day.isoformat()


def _page_number(match: re.Match) -> int:
    return to_int(match.group("page") or match.group("page_letter"))


def parse_page_header(line: str) -> dict | None:
    """Paper, date and page number from a page header line (`济宁日报 2021年12月4日 星期六 第1版`)."""
    if len(line) > 80 or any(ch in line for ch in CLAUSE_PUNCTUATION):
        return None
    page = PAGE_NO_RE.search(line)
    if page and PAGE_ONLY_HEADER_RE.match(line):
        return {"page_no": _page_number(page)}
    date = DATE_RE.search(line)
    paper = PAPER_RE.search(line)
    weekday = WEEKDAY_RE.search(line)
    if not date or not (page or paper or weekday):
        return None
    header: dict = {"date": iso_date(date)}
    if paper:
        header["paper"] = paper.group("paper")
    bare = BARE_PAGE_NO_RE.search(line[: date.start()] + " " * len(date.group(0)) + line[date.end():])
    if page:
        header["page_no"] = _page_number(page)
    elif bare:
        header["page_no"] = to_int(bare.group("page"))
    return header


BARE_PAGE_NO_RE = re.compile(rf"(?:^|\s)(?P<page>{DIGIT}{{1,2}})(?=\s|$)")
"""A page number standing alone in a header line (`4 国内·国际 东江日报…`, `…星期一 3 要闻 某某日报`)."""
MONTH_DAY_RE = re.compile(rf"(?P<month>{DIGIT}{{1,2}})\s*月\s*(?P<day>{DIGIT}{{1,2}})\s*日")
"""A month and day without a year, as datelines give them (`12月3日`)."""


def dateline_month_day(dateline: str) -> tuple[int, int] | None:
    """The (month, day) a dateline gives (`本报济宁12月3日讯` -> (12, 3)), or None."""
    match = DATELINE_RE.match(dateline)
    head = dateline[: match.start("credit")] if match and match.group("credit") else dateline
    found = MONTH_DAY_RE.search(head)
    if not found:
        return None
    month, day = to_int(found.group("month")), to_int(found.group("day"))
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None



HEADLINE_VERBS = frozenset(
    "会见 会谈 会晤 看望 慰问 接见 出席 调研 考察 签署 部署 研究 推进 促进 推动 加快 提供 实现 打造 助力 "
    "聚焦 深化 启动 开展 发布 印发 出台 参加 走访 视察 主持 迎来 做好 抓好 守护 服务 赋能 建设 培育 提升".split()
)
"""Verbs that take an object: at the end of a headline line the title goes on; at the start of
the next line they open a headline part of their own."""
HEADLINE_JOINING_CHARS = "与和及暨的之在于并而为、，：:“《(（"
"""A headline line ending, or the next line starting, with one of these is one wrapped title."""
PREPOSITIONS = "为对在向把从以同就于据随经"


END_ATTRIBUTION_RE = re.compile(
    rf"[（(]\s*(?:(?P<dateline>(?:本报|本刊|{'|'.join(WIRE_OUTLETS)})[{CJK}]{{0,8}}?(?:{DIGIT}{{1,2}}月{DIGIT}{{1,2}}日)?电)"
    rf"(?:\s*(?P<credit>[^（）()\s][^（）()]{{1,30}}))?|(?P<note>作者(?:为|系|是)[^（）()]{{2,40}}))\s*[）)]$"
)
"""A bracketed dateline or author's note closing an article: `（本报布达佩斯6月3日电）`,
`（本报北京6月3日电 记者张三、李四）`, `（作者为中国驻某国大使）`."""

COLUMN_TAG_RE = re.compile(rf"^(?P<title>.*[^\s（(])\s*[（(](?P<column>(?=[^（）()]*[{CJK}]{{2}})[{CJK}·“”《》]{{2,14}})[）)]$")
"""A column or campaign tag closing a headline: `合作才是正道（钟声）`, `友谊之树常青（大使随笔）`."""
COMMENTARY_COLUMNS = frozenset(
    {"钟声", "和音", "国纪平", "任仲平", "仲音", "人民时评", "人民论坛", "今日谈", "望海楼", "评论员观察", "国际论坛", "国际时评", "国际观察", "新论", "短评", "时评", "快评", "社论", "评论"}
)
"""Column tags of commentaries: an article carrying one is of kind `commentary`."""
KICKER_ENDS = ("——", "—", "：", ":")
"""A headline line ending with a dash or a colon (`中国代表呼吁——`, `商务部回应：`) is a kicker over the next."""

PHOTO_LINE_RE = re.compile(
    rf"^[（(]?\s*(?:{OUTLET}|{'|'.join(WIRE_OUTLETS)})?{REPORTER_ROLE}[:：]?\s*[{CJK}·]{{2,8}}(?:[\s、][{CJK}·]{{2,8}})*\s*摄\s*[）)]?$"
    rf"|^[（(]?\s*[{CJK}·]{{2,4}}(?:[\s、][{CJK}·]{{2,4}})*\s+摄\s*[）)]?$"
    rf"|^[（(]\s*(?:摄影|图)\s*[:：/]?\s*[{CJK}·]{{2,8}}(?:[\s、][{CJK}·]{{2,8}})*\s*[）)]$"
    rf"|^(?:{OUTLET})发\s*[（(][{CJK}·\s]{{2,12}}摄[）)]$"
)
"""A line that is only a photographer's credit (`新华社记者 孙八摄`, `本报记者 王五 摄`, `（摄影 李四）`,
`新华社发（王五 摄）`): it closes a photo item as its byline."""

SIDEBAR_LABELS = frozenset(
    {"相关链接", "链接", "新闻链接", "知识链接", "资料链接", "背景", "背景链接", "新闻背景", "背景资料", "数说", "数读", "延伸阅读", "小贴士", "小知识", "相关阅读"}
)
"""Labels over a box that is its own article of kind `sidebar` (the label is its section)."""

NOTICE_TITLE_RE = re.compile(r"^关于\S{2,40}的?(?:通告|公告|通知|启事|公示)$|^\S{0,12}(?:通告|公告|启事)$|^\S{2,4}声明$")
NOTICE_CLOSE_RE = re.compile(r"特此(?:通告|公告|通知|公示|声明|启事)[。！]?$")
"""A public notice's title and its closing formula (`特此通告。`)."""
DATE_LINE_RE = re.compile(
    rf"^(?:{DIGIT}{{4}}|[〇零一二三四五六七八九]{{4}})年(?:{DIGIT}|[一二三四五六七八九十]){{1,3}}月"
    rf"(?:{DIGIT}|[一二三四五六七八九十]){{1,3}}日$"
)
"""A line that is only a date (`2025年6月3日`, `二〇二五年六月三日`): a notice's date line."""

BOX_RE = re.compile(
    r"天气预报|(?:今日|今天|明日|明天|本周)天气|℃\s*[～~—\-－至到]\s*-?\d+\s*℃"
    r"|(?:电话|热线)[:：]\s*[0-9０-９][0-9０-９\-－]{6,}|欢迎垂询|欢迎来电|扫码关注|扫描二维码|微信公众号|地址[:：]"
    r"|今日\s*[0-9０-９]+\s*版|连续出版物号|邮发代号|农历[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年|^[A-Z][A-Z'’ ]{5,}$",
    re.MULTILINE,
)
"""What marks a box that is no article: a forecast, an advertisement, a hotline or a QR prompt, or the
front page's mast box (`今日20版`, `国内统一连续出版物号`, `农历乙巳年…`, `RENMIN RIBAO`)."""

PULL_QUOTE_SPEAKER_RE = re.compile(rf"^(?:——|—|--)\s*(?!访|专访|记|写在|走进|来自)[{CJK}·\s]{{2,16}}$")
"""The speaker line under a pull quote (`——市住建局局长 李华`); never a subtitle's `——访…`/`——记…`."""

PHONE_RE = re.compile(r"(?:电话|热线|手机|传真|咨询)[:：]?\s*[0-9０-９][0-9０-９\-－]{5,}")
"""A phone number with its label (`联系电话：0538-6612345`): running text or a box, never a headline."""
AUTHOR_NAME_LINE_RE = re.compile(rf"^(?:[{CJK}]{{2,3}}|[{CJK}] [{CJK}])$")
"""An author's name alone on the line under a headline (`寅丙`, `钟 声`): the article's byline."""
PULL_QUOTE_TAIL_RE = re.compile(rf"[”」]\s*(?:——|—)\s*[{CJK}·\s]{{2,16}}$")
"""A pull quote's close with its speaker on the same line (`…很充实。”——市民 李先生`)."""
SPEECH_VERBS = ("表示", "指出", "强调", "认为", "呼吁", "宣布", "透露")
"""A headline line ending with a verb of saying (`外交部发言人表示`) is a kicker over what was said."""
COLUMN_LINE_RE = re.compile(rf"^专栏\s*[:：]\s*(?P<column>[{CJK}·]{{0,10}})$")
"""A line naming the column of the article below (`专栏：国外特写`; empty where it has none)."""
