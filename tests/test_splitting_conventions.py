"""Real newspaper conventions (issue 17): pages written for these rules, each with its expected
split written by hand before the rules (tests/pages/<name>.expected.json), and one check per rule."""

import json

import pytest

from summarizer.splitting import split_page_file, split_page_text
from tests.helpers.paths import OWN_PAGES

PAGES = OWN_PAGES / "conventions"
"""The pages written for these rules: a folder of their own, so they do not join the corpus other tests
build from tests/pages/*.txt (the tiny models' tokenizers)."""
FIELDS = ("kicker", "title", "subtitle", "column", "byline", "dateline", "kind", "section", "subheads")
EXPECTED_PAGES = sorted(path.name for path in PAGES.glob("*.expected.json"))
UNSEEN_BREAKS = {
    "national-intl-headline-first.expected.json":
        "a paragraph ending exactly at the column's width, its next one unindented: no sign of the break",
    "narrow-international-pdf-dump-held-out.expected.json":
        "two paragraphs ending exactly at the column's width, the next ones unindented: no sign of the breaks",
    "international-pdf-dump-after-held-out-6.expected.json":
        "two paragraphs ending exactly at the column's width, the next ones unindented: no sign of the breaks",
    "front-page-two-widths-held-out-7.expected.json":
        "a paragraph ending exactly at the column's width, its next one unindented: no sign of the break",
    "international-pdf-dump-held-out-9.expected.json":
        "a paragraph ending exactly at the column's width, its next one unindented: no sign of the break",
    "evening-photo-group-after-held-out-10.expected.json":
        "a caption's first paragraph ending exactly at the column's width: no sign of the break",
}
"""Pages whose paragraph breaks the splitter cannot see (the text has none), and why."""
HEADLINE_MISSES = {
    ("front-page-e-text-held-out-8.expected.json", 0):
        "a title over a shorter second line (`46个重点项目集中开工` / `总投资218亿元`) was expected as title and "
        "subtitle; the splitter joins a first line at least as long as the second into one title",
}
"""Articles whose headline the splitter still splits otherwise than expected (held-out misses), and why."""
HEADLINE = ("kicker", "title", "subtitle")


def _split_and_expected(expected_file: str) -> tuple[list, list[dict]]:
    expected = json.loads((PAGES / expected_file).read_text(encoding="utf-8"))
    return split_page_file(PAGES / expected["page"]).articles, expected["articles"]


@pytest.mark.parametrize("expected_file", EXPECTED_PAGES)
def test_page_splits_into_the_articles_written_by_hand(expected_file):
    found, expected = _split_and_expected(expected_file)
    assert len(found) == len(expected)
    for number, (article, want) in enumerate(zip(found, expected)):
        fields = [key for key in FIELDS if (expected_file, number) not in HEADLINE_MISSES or key not in HEADLINE]
        got = {key: getattr(article, key) for key in fields}
        assert got == {key: want.get(key, [] if key == "subheads" else None) for key in fields}, f"article {number}"
        assert "".join(article.paragraphs) == "".join(want["paragraphs"]), f"article {number}"


@pytest.mark.parametrize("expected_file, number", [
    pytest.param(*key, marks=pytest.mark.xfail(strict=True, reason=reason)) for key, reason in HEADLINE_MISSES.items()
])
def test_known_headline_misses(expected_file, number):
    found, expected = _split_and_expected(expected_file)
    assert [getattr(found[number], key) for key in HEADLINE] == [expected[number].get(key) for key in HEADLINE]


@pytest.mark.parametrize("expected_file", [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=UNSEEN_BREAKS[name])) if name in UNSEEN_BREAKS
    else name for name in EXPECTED_PAGES
])
def test_page_paragraphs_break_where_written(expected_file):
    found, expected = _split_and_expected(expected_file)
    assert [article.paragraphs for article in found] == [want["paragraphs"] for want in expected]


def _page(*blocks: str) -> str:
    return "\n\n".join(blocks)


BODY = "今天上午，市长会见了来访的代表团一行，双方就经贸合作进行了深入交流。"


@pytest.mark.parametrize("closing, dateline, byline", [
    ("（本报布达佩斯6月3日电）", "本报布达佩斯6月3日电", None),
    ("（新华社北京6月3日电）", "新华社北京6月3日电", None),
    ("（本报北京6月3日电 记者张三、李四）", "本报北京6月3日电", "记者张三、李四"),
    ("（作者为中国驻某国大使）", None, "（作者为中国驻某国大使）"),
])
def test_a_bracketed_dateline_or_authors_note_closing_a_body_is_its_attribution(closing, dateline, byline):
    text = f"两国合作结出新硕果\n\n{BODY}\n{closing}\n\n港区开通新航线\n\n{BODY}\n"
    first, second = split_page_text(text).articles
    assert (first.title, first.dateline, first.byline) == ("两国合作结出新硕果", dateline, byline)
    assert first.paragraphs == [BODY] and second.title == "港区开通新航线" and second.kicker is None


def test_an_authors_note_follows_the_authors_name_in_the_byline():
    text = f"友谊之树常青\n\n■本报评论员\n\n{BODY}\n（作者为中国驻某国大使）\n"
    [article] = split_page_text(text).articles
    assert article.byline == "■本报评论员（作者为中国驻某国大使）"


@pytest.mark.parametrize("headline, title, column, kind", [
    ("合作才是正道（钟声）", "合作才是正道", "钟声", "commentary"),
    ("让开放的大门越开越大（和音）", "让开放的大门越开越大", "和音", "commentary"),
    ("友谊之树常青（大使随笔）", "友谊之树常青", "大使随笔", "feature"),
    ("港区开通新航线（高质量发展调研行）", "港区开通新航线", "高质量发展调研行", "feature"),
])
def test_a_column_tag_at_a_headlines_end_is_its_column(headline, title, column, kind):
    [article] = split_page_text(f"{headline}\n\n{BODY}\n").articles
    assert (article.title, article.column, article.kind) == (title, column, kind)


def test_a_numbered_series_subtitle_is_the_subtitle_and_no_column():
    [article] = split_page_text(f"古丝路上的新驿站\n——沿线见闻（12）\n\n本报记者 赵七\n\n{BODY}\n").articles
    assert (article.title, article.subtitle, article.column) == ("古丝路上的新驿站", "——沿线见闻（12）", None)


@pytest.mark.parametrize("kicker", ["中国代表呼吁——", "商务部回应：", "便民出行再添新选择："])
def test_a_line_ending_in_a_dash_or_colon_is_a_kicker(kicker):
    [article] = split_page_text(f"{kicker}\n坚决反对单边加征关税\n\n{BODY}\n").articles
    assert (article.kicker, article.title) == (kicker, "坚决反对单边加征关税")


def test_quoted_and_plain_subheads_keep_a_long_report_whole():
    text = "\n\n".join([
        "中欧班列跑出合作加速度", "本报记者 李四", BODY, "“班列开到了家门口”", BODY,
        "“中小企业打开了\n通往亚洲的大门”", BODY, "让合作成果惠及更多民众", BODY + "\n（本报布达佩斯6月3日电）",
    ])
    [article] = split_page_text(text).articles
    assert article.subheads == ["“班列开到了家门口”", "“中小企业打开了通往亚洲的大门”", "让合作成果惠及更多民众"]
    assert len(article.paragraphs) == 4 and article.kind == "feature"


@pytest.mark.parametrize("credit", ["新华社记者 孙八摄", "本报记者 王五 摄", "（摄影 李四）", "通讯员 王五 摄"])
def test_a_photo_item_is_a_titled_caption_closed_by_its_credit_line(credit):
    caption = "6月1日，货轮停靠在港口码头（无人机照片）。近年来，该港吞吐量持续增长。"
    text = f"港口繁忙\n\n{caption}\n{credit}\n\n港区开通新航线\n\n本报讯（记者 甲乙）{BODY}\n"
    photo, news = split_page_text(text).articles
    assert (photo.title, photo.byline, photo.kind, photo.paragraphs) == ("港口繁忙", credit, "photo", [caption])
    assert (news.title, news.kicker, news.dateline) == ("港区开通新航线", None, "本报讯（记者 甲乙）")


def test_a_photo_credit_under_a_report_stays_a_caption():
    text = f"港区开通新航线\n\n本报讯（记者 甲乙）{BODY}\n\n本报记者 王五 摄\n"
    [article] = split_page_text(text).articles
    assert article.kind != "photo" and article.captions == ["本报记者 王五 摄"]


def test_a_notice_with_its_signature_block_is_one_article():
    text = "\n\n".join([
        "关于暂停供水的通告",
        "因管网维修，现将有关事项通告如下：\n一、6月5日8时至18时，城区部分路段暂停供水。\n二、请用户提前做好储水准备。\n特此通告。",
        "东江市供水公司\n2025年6月3日",
        "港区开通新航线",
        f"本报讯（记者 甲乙）{BODY}",
    ])
    notice, news = split_page_text(text).articles
    assert (notice.title, notice.kind, notice.byline, notice.dateline) == (
        "关于暂停供水的通告", "notice", "东江市供水公司", "2025年6月3日")
    assert notice.paragraphs[-1] == "特此通告。" and len(notice.paragraphs) == 4
    assert (news.title, news.kicker) == ("港区开通新航线", None)


@pytest.mark.parametrize("label", ["相关链接", "背景", "延伸阅读", "小贴士"])
def test_a_sidebar_box_is_its_own_article_with_its_label_as_section(label):
    text = "\n\n".join(["港区开通新航线", f"本报讯（记者 甲乙）{BODY}", label,
                        "新航线全长一千二百海里，每周往返两班。\n（本报记者 张三 整理）", "市长会见客商", f"本报讯（记者 丙丁）{BODY}"])
    news, sidebar, meeting = split_page_text(text).articles
    assert (sidebar.section, sidebar.title, sidebar.kind, sidebar.byline) == (label, None, "sidebar", "（本报记者 张三 整理）")
    assert (meeting.section, meeting.kind, news.section) == (None, "meeting", None)


@pytest.mark.parametrize("box", [
    "天气预报\n今天 多云转阵雨 18℃～26℃\n明天 晴 20℃～29℃",
    "东江家居广场 周年庆 全场八折\n地址：东江市建设路88号 电话：0531-87654321 欢迎垂询",
    "新闻热线：0531-12345678 扫码关注本报微信公众号",
])
def test_weather_advert_and_hotline_boxes_are_furniture(box):
    page = split_page_text(f"{box}\n\n港区开通新航线\n\n本报讯（记者 甲乙）{BODY}\n\n{box}\n")
    [article] = page.articles
    assert (article.title, article.kicker, article.subtitle, article.paragraphs) == ("港区开通新航线", None, None, [BODY])
    assert " ".join(box.splitlines()) in page.furniture


def test_a_pull_quote_repeating_the_body_is_furniture():
    text = "港区开通新航线\n\n本报讯（记者 甲乙）会议强调，要把实事办到群众心坎上。\n\n“把实事办到群众心坎上”\n——市住建局局长 李华\n\n新线路每周往返两班。\n"
    page = split_page_text(text)
    [article] = page.articles
    assert article.paragraphs == ["会议强调，要把实事办到群众心坎上。", "新线路每周往返两班。"]
    assert article.subheads == [] and any("李华" in item for item in page.furniture)


def test_a_running_header_inside_a_sentence_is_dropped_and_the_sentence_joined():
    text = "港区开通新航线\n\n本报讯（记者 甲乙）今天上午，港区新航线\n东江日报 2025年6月4日 星期三 第4版\n正式开通。\n"
    page = split_page_text(text)
    assert page.articles[0].paragraphs == ["今天上午，港区新航线正式开通。"]
    assert (page.paper, page.page_no) == ("东江日报", 4)


def test_a_bulleted_item_titled_on_its_own_line_is_a_brief_and_ju_opens_its_dateline():
    text = "■中国—中亚博览会成交额创新高 据\n新华社电 第二届中国—中亚博览会3日闭幕，成交额较上届增长三成。\n"
    [article] = split_page_text(text).articles
    assert (article.title, article.dateline, article.kind) == ("中国—中亚博览会成交额创新高", "据新华社电", "brief")


def test_an_article_has_one_dateline_so_a_body_closed_by_its_own_starts_another():
    text = _page(
        "德国工业产出环比下降",
        "本报柏林6月6日电 （记者 甲丙）德国联邦统计局6日公布的数据显示，4月份德国工业产出环比下降。",
        "中方愿同各方加强沟通协调，坚定维护多边主义。\n（本报北京6月6日电 记者乙己）",
        "中方愿同各方一道维护多边主义",
    )
    germany, china = split_page_text(text).articles
    assert germany.dateline == "本报柏林6月6日电 （记者 甲丙）" and len(germany.paragraphs) == 1
    assert (china.title, china.dateline, china.byline) == ("中方愿同各方一道维护多边主义", "本报北京6月6日电", "记者乙己")


def test_two_headlines_set_together_are_cut_where_each_names_its_own_body():
    text = _page(
        "本报记者 庚壬",
        "在迪拜一家中资企业承建的光伏电站，数十万块光伏板整齐排列。电站每年可减少大量碳排放。",
        "光伏电站助力能源转型",
        "多国出台措施支持中小企业出口",
        "多国近期相继出台措施，加大对中小企业出口的扶持力度。\n（据新华社电）",
    )
    solar, exports = split_page_text(text).articles
    assert (solar.title, solar.byline) == ("光伏电站助力能源转型", "本报记者 庚壬")
    assert (exports.title, exports.byline) == ("多国出台措施支持中小企业出口", "（据新华社电）")


@pytest.mark.parametrize("lines, parts", [
    ("外交部发言人表示\n中方愿同各方一道维护多边主义", ["外交部发言人表示", "中方愿同各方一道维护多边主义"]),
    ("稳外贸 促增长\n多国出台措施支持中小企业出口", ["稳外贸 促增长", "多国出台措施支持中小企业出口"]),
    ("市政府与知名企业\n签署战略合作协议", ["市政府与知名企业签署战略合作协议"]),
    ("比利时驻某市总领事\n参观港区自动化码头", ["比利时驻某市总领事参观港区自动化码头"]),
    ("多部门联合发力\n促进营商环境提质增效", ["多部门联合发力", "促进营商环境提质增效"]),
    ("市委书记张三\n调研乡村振兴工作", ["市委书记张三调研乡村振兴工作"]),
    ("市人大常委会\n召开第十次会议", ["市人大常委会召开第十次会议"]),
    ("我市召开\n优化营商环境大会", ["我市召开优化营商环境大会"]),
    ("稳中求进\n一季度经济运行开局良好", ["稳中求进", "一季度经济运行开局良好"]),
    ("守护绿水青山\n我市开展生态环境执法行动", ["守护绿水青山", "我市开展生态环境执法行动"]),
])
def test_a_headline_over_two_lines_is_one_part_unless_the_first_is_a_shorter_kicker(lines, parts):
    [article] = split_page_text(f"{lines}\n\n本报讯（记者 甲乙）{BODY}\n").articles
    assert article.headline_parts == parts


def test_a_commentary_signed_with_a_column_pen_name_under_its_title():
    [article] = split_page_text(f"以团结合作应对共同挑战\n\n钟 声\n\n{BODY}\n").articles
    assert (article.title, article.byline, article.kind) == ("以团结合作应对共同挑战", "钟 声", "commentary")


def test_a_photo_item_on_a_headline_after_page_takes_the_title_after_its_credit():
    text = (f"本报讯（记者 甲乙）{BODY}\n市长会见来访代表团\n"
            "昨日，市民在南湖公园荷花池边赏花拍照。\n晚报记者 戊己 摄\n荷花朵朵开\n"
            f"本报讯（记者 丙丁）{BODY}\n港区开通新航线\n")
    meeting, photo, news = split_page_text(text).articles
    assert (photo.title, photo.byline, photo.kind) == ("荷花朵朵开", "晚报记者 戊己 摄", "photo")
    assert (meeting.title, news.title) == ("市长会见来访代表团", "港区开通新航线")


def test_a_group_of_bulleted_items_ends_at_a_body_without_a_bullet_title():
    text = "\n\n".join([
        "要闻速览",
        "■智慧社区试点名单公布\n本报讯 6月6日，全市首批智慧社区建设试点名单公布，12个社区入选。",
        f"本报讯（记者 甲丁）{BODY}\n教育部门提醒考生，提前熟悉考点位置。",
        "全市高考考点检查完成",
    ])
    brief, news = split_page_text(text).articles
    assert (brief.section, brief.kind) == ("要闻速览", "brief")
    assert (news.title, news.section, len(news.paragraphs)) == ("全市高考考点检查完成", None, 2)


@pytest.mark.parametrize("headline", ["高温持续 最高气温达38℃", "市民拨打电话12345反映问题", "扫码就能办事", "APEC CEO峰会开幕"])
def test_a_headline_that_mentions_a_temperature_a_phone_or_a_scan_is_no_box(headline):
    [article] = split_page_text(f"{headline}\n\n本报讯（记者 甲乙）{BODY}\n").articles
    assert article.headline == headline


@pytest.mark.parametrize("lines", ["纪录片开机拍摄", "企业更改名称\n引发市场关注"])
def test_a_headline_line_ending_in_摄_or_称_is_neither_a_credit_nor_a_kicker(lines):
    [article] = split_page_text(f"{lines}\n\n本报讯（记者 甲乙）{BODY}\n").articles
    assert article.headline_parts == [lines.replace("\n", "")]


def test_an_editorial_writers_credit_set_above_the_title_is_its_byline():
    [article] = split_page_text(f"本报评论员\n\n以数实融合培育发展新动能\n\n{BODY}\n").articles
    assert (article.title, article.byline, article.kind) == ("以数实融合培育发展新动能", "本报评论员", "commentary")


def test_split_json_carries_the_new_kinds_and_the_column():
    from click.testing import CliRunner

    from summarizer.cli import main

    page = PAGES / "city-page-photo-notice-boxes.txt"
    intl = PAGES / "national-intl-headline-first.txt"
    result = CliRunner().invoke(main, ["split", "--json", str(page), str(intl)])
    assert result.exit_code == 0, result.output
    articles = [a for p in json.loads(result.stdout)["pages"] for a in p["articles"]]
    assert {"photo", "notice", "sidebar", "commentary"} <= {a["kind"] for a in articles}
    assert {"钟声", "大使随笔"} <= {a["column"] for a in articles}


def test_a_rubric_over_the_page_header_and_an_issuer_over_a_notice_title():
    text = _page("要闻", "2025年6月12日 星期四 第1版", "某某市政务服务中心\n关于实行周末无休服务的公告",
                 "现将有关事项公告如下：\n一、服务时间：周六、周日。\n特此公告。")
    page = split_page_text(text)
    [notice] = page.articles
    assert "要闻" in page.furniture and page.page_no == 1
    assert (notice.kicker, notice.title, notice.kind) == ("某某市政务服务中心", "关于实行周末无休服务的公告", "notice")


def test_a_pull_quote_whose_speaker_stands_in_a_block_of_its_own():
    text = _page("港区开通新航线", "本报讯（记者 甲乙）市长表示，要全力以赴抓项目、促投资。新航线每周往返两班。",
                 "“要全力以赴抓项目、促投资。”", "——市长 某某", "新线路全部采用新能源船舶。")
    page = split_page_text(text)
    [article] = page.articles
    assert article.paragraphs[-1] == "新线路全部采用新能源船舶。" and article.subheads == []
    assert any("某某" in item for item in page.furniture)


def test_a_third_headline_line_longer_than_the_title_is_its_own_part():
    text = f"古共中央认为\n中共是中国人民的最杰出代表\n纪念中国共产党成立八十周年来自国外的祝贺与称赞\n\n据新华社哈瓦那6月26日电 {BODY}\n"
    [article] = split_page_text(text).articles
    assert article.headline_parts == ["古共中央认为", "中共是中国人民的最杰出代表", "纪念中国共产党成立八十周年来自国外的祝贺与称赞"]


def test_a_column_line_closes_the_article_above_it():
    text = (f"第3版(国际)\n专栏:\n\n佩雷斯要求沙龙支持与巴接触\n  据新华社耶路撒冷12月24日电(记者明大军){BODY}\n\n"
            f"第3版(国际)\n专栏:\n\n杜斯塔姆出任阿副防长\n  {BODY}\n")
    first, second = split_page_text(text).articles
    assert (first.title, second.title, len(first.paragraphs)) == ("佩雷斯要求沙龙支持与巴接触", "杜斯塔姆出任阿副防长", 1)


def test_a_column_line_names_the_next_articles_column_and_a_bracketed_page_rubric_is_a_header():
    text = f"第3版(国际)\n专栏:国外特写\n\n希思的自豪与心愿\n本报驻英国记者 史宗星\n\n{BODY}\n"
    page = split_page_text(text)
    [article] = page.articles
    assert (page.page_no, article.column, article.title, article.byline) == (3, "国外特写", "希思的自豪与心愿", "本报驻英国记者 史宗星")


def test_a_caption_closed_by_a_wire_photographers_credit_is_a_caption_not_text():
    text = _page("执政党候选人当选总统", f"新华社圣保罗4月30日电(记者陈昊佺){BODY}",
                 "4月30日,候选人在首都参加投票。新华社发(保罗·洛佩斯摄)", "统计数据显示,该候选人获得约43%的选票。")
    [article] = split_page_text(text).articles
    assert article.captions == ["4月30日,候选人在首都参加投票。新华社发(保罗·洛佩斯摄)"]
    assert article.paragraphs == [BODY, "统计数据显示,该候选人获得约43%的选票。"]


def test_a_kicker_block_over_a_title_block_stays_one_headline_after_a_titled_article():
    text = _page("两会精神在基层", f"本报讯（记者 甲乙）两会精神在基层引发热烈反响。{BODY}",
                 "聚焦两会精神", "我市掀起学习贯彻热潮", f"本报讯（记者 丙丁）两会闭幕以来，我市掀起学习贯彻热潮。{BODY}")
    first, second = split_page_text(text).articles
    assert first.headline_parts == ["两会精神在基层"]
    assert second.headline_parts == ["聚焦两会精神", "我市掀起学习贯彻热潮"]


def test_a_short_line_ending_in_a_colon_inside_a_report_stays_text():
    text = _page("市政府召开常务会议", f"本报讯（记者 甲乙）{BODY}", "会议要求：", "一、提高认识", "各部门要提高认识，狠抓落实。")
    [article] = split_page_text(text).articles
    assert "会议要求：" in article.paragraphs and article.subheads == ["一、提高认识"]


def test_a_line_citing_a_papers_issue_inside_a_paragraph_is_no_running_header():
    text = "港区开通新航线\n\n本报讯（记者 甲乙）今天上午，港区新航线正式开通。此前\n《东江日报》2025年6月3日刊发的报道\n引起广泛关注。\n"
    [article] = split_page_text(text).articles
    assert article.paragraphs == ["今天上午，港区新航线正式开通。此前《东江日报》2025年6月3日刊发的报道引起广泛关注。"]


def test_the_seed_page_without_its_blank_lines_keeps_its_nine_articles_and_their_attributions(seed_page, seed_gold):
    text = "\n".join(line for line in seed_page.read_text(encoding="utf-8").splitlines() if line.strip())
    articles = split_page_text(text).articles
    gold = seed_gold["articles"]
    assert [(a.byline, a.dateline) for a in articles] == [(g.get("byline"), g.get("dateline")) for g in gold]
    assert [a.headline_parts for a in articles][:5] == [g["headline"] for g in gold][:5]
    assert all(a.paragraphs[0].startswith(g["body_start"]) for a, g in zip(articles, gold))


def test_a_photo_group_whose_titles_stand_under_their_credits():
    text = _page("图片新闻", "6月13日，市民在城市书房内阅读。", "晚报记者 甲乙 摄", "城市书房书香浓",
                 "6月13日，游客在古镇景区体验非遗扎染。", "晚报记者 戊己 摄", "古镇扎染受青睐",
                 f"（上接A1版）{BODY}（晚报记者 庚辛）")
    first, second, rest = split_page_text(text).articles
    assert [(a.title, a.kind, a.section) for a in (first, second)] == [
        ("城市书房书香浓", "photo", "图片新闻"), ("古镇扎染受青睐", "photo", "图片新闻")]
    assert (rest.continued_from_page, rest.section, rest.byline) == (1, None, "（晚报记者 庚辛）")


def test_the_front_pages_mast_box_is_furniture():
    text = _page("人民日报", "RENMIN RIBAO", "2025年6月4日 星期三 农历乙巳年五月初九\n今日20版",
                 "国内统一连续出版物号 CN 11-0065", "港区开通新航线", f"本报讯（记者 甲乙）{BODY}")
    page = split_page_text(text)
    [article] = page.articles
    assert (article.title, article.kicker) == ("港区开通新航线", None)
    assert page.paper == "人民日报" and "RENMIN RIBAO" in page.furniture


def test_an_untitled_sidebar_is_headed_by_its_label_and_first_sentence():
    page = split_page_file(PAGES / "city-page-photo-notice-boxes.txt")
    sidebar = next(a for a in page.articles if a.kind == "sidebar")
    assert sidebar.headline.startswith("小贴士：老旧小区改造一般包括")


@pytest.mark.parametrize("page_file, paper", [("county-paper-e-text-held-out.txt", "东山县报"),
                                              ("city-page-photo-notice-boxes.txt", "东江日报")])
def test_a_mast_alone_on_the_first_line_names_the_paper(page_file, paper):
    page = split_page_file(PAGES / page_file)
    assert (page.paper, page.paper_source) == (paper, "header")


def test_labels_masts_and_headers_stand_apart_in_text_without_blank_lines():
    text = ("东江日报\n2025年6月4日 星期三 第4版 城事\n简讯\n■市急救中心新增10辆负压救护车\n"
            "本报讯 6月10日，市急救中心新增10辆负压救护车投入使用。\n")
    page = split_page_text(text)
    [brief] = page.articles
    assert (page.paper, brief.title, brief.section, brief.kind) == ("东江日报", "市急救中心新增10辆负压救护车", "简讯", "brief")


def test_a_paragraph_line_ending_in_a_bracketed_word_stays_in_its_paragraph():
    text = ("港区开通新航线\n\n本报讯（记者 甲乙）今天上午，港区新航线正式开通，首航\n仪式吸引了来自30多个国家（地区）\n"
            "的客商参加。\n")
    [article] = split_page_text(text).articles
    assert article.paragraphs == ["今天上午，港区新航线正式开通，首航仪式吸引了来自30多个国家（地区）的客商参加。"]
