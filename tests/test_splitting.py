import re

import pytest

from summarizer.errors import PageError
from summarizer.readers.text import decode_page, read_page_text
from summarizer.splitting import split_page_file, split_page_text
from tests.helpers.paths import OWN_PAGES

EAST_P1 = OWN_PAGES / "east-lake-daily-2024-05-07-p1.txt"
EAST_P2 = OWN_PAGES / "east-lake-daily-2024-05-07-p2.txt"


def test_seed_page_splits_into_the_nine_reference_articles(seed_page, seed_gold):
    page = split_page_file(seed_page)
    gold = seed_gold["articles"]
    assert len(page.articles) == len(gold) == 9
    for article, expected in zip(page.articles, gold):
        assert article.headline_parts == expected["headline"]
        assert article.byline == expected.get("byline")
        assert article.dateline == expected.get("dateline")
        assert article.kind == expected["kind"]
        assert article.subheads == expected.get("subheads", [])
        assert article.continued_to_page == expected.get("continued_to_page")
        assert article.paragraphs[0].startswith(expected["body_start"])
        assert article.paragraphs[-1].endswith(expected["body_end"])


def test_seed_page_banner_is_furniture_not_an_article(seed_page, seed_gold):
    page = split_page_file(seed_page)
    assert seed_gold["banner"] in page.furniture
    assert all(seed_gold["banner"] not in article.headline for article in page.articles)


def test_seed_page_body_keeps_no_markers_bylines_or_subheads(seed_page, seed_gold):
    page = split_page_file(seed_page)
    for article in page.articles:
        body = article.body
        assert "下转" not in body and "■" not in body
        assert not any(subhead in body for subhead in article.subheads)
        assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", body.replace("橙香连鲁渝 消费助振兴", ""))
    first = page.articles[0].body
    assert "市委常委会会议专题研究第八批第一书记选派工作" in first
    assert "依托“钉钉”APP，" in first and "“1＋10＋N”" in first
    assert "2200吨级" in page.articles[3].body


def test_headline_first_page_with_header_credits_and_short_items():
    page = split_page_file(EAST_P1)
    assert (page.paper, page.date, page.page_no) == ("东湖日报", "2024-05-07", 1)
    titles = [article.title for article in page.articles]
    assert titles == [
        "市政府与法国里昂市签署友好合作备忘录",
        "一季度全市经济运行实现良好开局",
        "东湖新区开通首条智慧公交线路",
        "国务院常务会议部署推进农业科技创新",
        None,
        None,
    ]
    lyon, economy, bus, state_council, library, sports = page.articles
    assert lyon.subtitle == "——双方将在职业教育和新能源领域开展交流"
    assert lyon.dateline == "本报讯（记者 王海燕）"
    assert lyon.paragraphs[0].startswith("5月6日上午，市长陈建国")
    assert "用好RCEP等开放平台" in lyon.body
    assert lyon.continued_to_page == 2 and not lyon.body.endswith("）")
    assert economy.kicker == "稳字当头 进中求好"
    assert economy.byline == "■本报记者 李明 本报通讯员 张华 赵磊"
    assert economy.subheads == ["工业生产稳步回升", "消费市场持续回暖"]
    assert "一批2200吨级重型设备" in economy.body
    assert bus.byline == "（记者 石玉梅）" and bus.body.endswith("方便群众出行。") and bus.kind == "news"
    assert "“东湖出行”APP实时查询" in bus.body
    assert state_council.dateline == "新华社北京5月6日电（记者 李四）"
    assert library.kind == sports.kind == "brief" and library.section == "简讯"
    assert library.dateline == "本报讯（见习记者 钱岚 通讯员 长自）"
    assert sports.dateline == "【本报讯】（记者 崔霞）"
    assert library.headline.startswith("近日，市图书馆推出“夜读”服务")
    assert "简讯" in page.furniture


def test_continuation_pair_carries_page_references():
    first, second = split_page_file(EAST_P1), split_page_file(EAST_P2)
    assert first.articles[0].continued_to_page == 2
    rest = second.articles[0]
    assert rest.continued_from_page == 1
    assert rest.title == first.articles[0].title
    assert rest.paragraphs[0].startswith("根据备忘录")
    assert second.articles[1].title == "东湖区举办春季招聘会"


def test_headline_first_page_without_any_attribution():
    page = split_page_file(OWN_PAGES / "headline-first-no-bylines.txt")
    assert [a.title for a in page.articles] == ["青山区启动老旧小区改造工程", "市农科院培育出耐旱小麦新品种"]
    renovation = page.articles[0]
    assert renovation.paragraphs[0].endswith("预计年底前全部完工。")
    assert len(renovation.paragraphs) == 2
    assert all(a.byline is None and a.dateline is None for a in page.articles)


def test_headline_after_page_with_evening_paper_byline():
    page = split_page_file(OWN_PAGES / "headline-after-evening.txt")
    assert "聚焦高质量发展" in page.furniture
    meeting, delegation = page.articles
    assert meeting.headline_parts == ["市委常委会召开会议", "研究部署下一阶段重点工作"]
    assert meeting.kind == "meeting" and meeting.dateline == "本报讯（记者 孙悦）"
    assert delegation.title == "韩国忠清北道经贸代表团来我市考察"
    assert delegation.byline == "□晚报记者 吴峰 通讯员 魏冉"
    assert len(delegation.paragraphs) == 2
    assert "双方就新能源汽车零部件合作进行了深入交流" in delegation.paragraphs[0]


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("gb18030"),
        lambda text: text.encode("gbk"),
        lambda text: text.encode("utf-8-sig"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.replace("\n", "\r\n").encode("gb18030"),
    ],
    ids=["gb18030", "gbk", "utf8-bom", "crlf", "crlf-gb18030"],
)
def test_encodings_and_line_ends_split_identically(tmp_path, encode):
    text = EAST_P1.read_text(encoding="utf-8")
    variant = tmp_path / EAST_P1.name
    variant.write_bytes(encode(text))
    expected = [a.to_dict() for a in split_page_file(EAST_P1).articles]
    assert [a.to_dict() for a in split_page_file(variant).articles] == expected


def test_two_line_headlines_join_or_split_by_grammar():
    text = "于永生会见\n白俄罗斯驻华大使\n\n本报讯（记者 甲乙）今天上午，市长会见了客人，双方进行了交流。\n"
    assert split_page_text(text).articles[0].headline_parts == ["于永生会见白俄罗斯驻华大使"]
    text = "多部门联合发力\n促进营商环境提质增效\n\n本报讯（记者 甲乙）今天下午，市政府召开新闻发布会。\n"
    assert split_page_text(text).articles[0].headline_parts == ["多部门联合发力", "促进营商环境提质增效"]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (bytes(range(256)) * 20, "binary file"),
        (b"\x81\x20\xff\xfe\x80abc" * 10, "unknown text encoding"),
        (b"This is an English page about nothing in particular.\n" * 20, "not Chinese text"),
        ("一二三\n\n四五六\n".encode(), "no recognisable article"),
    ],
)
def test_bad_pages_fail_with_a_one_line_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(PageError) as caught:
        split_page_file(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and reason in message and "\n" not in message


def test_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(PageError, match="too large"):
        read_page_text(path)


def test_decoding_prefers_utf8_and_falls_back_to_gb18030():
    assert decode_page("济宁".encode()) == "济宁"
    assert decode_page("济宁".encode("gb18030")) == "济宁"


def test_captions_belong_to_their_article_and_editor_credits_and_page_labels_are_furniture():
    text = "\n\n".join([
        "A3 要闻",
        "市民热线实现24小时接听",
        "本报讯（记者 甲乙）即日起，市民服务热线实现全天24小时人工接听，\n群众可随时反映诉求。",
        "▲话务员正在接听市民来电。\n（记者 王五 摄）",
        "图为市民热线服务中心。",
        "责任编辑：张三 美术编辑：李四",
    ])
    page = split_page_text(text)
    assert page.page_no == 3
    assert [a.title for a in page.articles] == ["市民热线实现24小时接听"]
    assert page.articles[0].paragraphs == ["即日起，市民服务热线实现全天24小时人工接听，群众可随时反映诉求。"]
    captions = " ".join(page.articles[0].captions)
    assert "▲话务员正在接听市民来电。" in captions and "王五 摄" in captions and "图为市民热线服务中心。" in captions
    assert any("责任编辑" in item for item in page.furniture)


def test_headline_after_page_keeps_a_byline_whose_article_opens_with_a_subhead():
    text = "\n\n".join([
        "■本报记者 王五",
        "强化组织保障",
        "全市各级组织部门精心组织，第一书记迅速到岗到位，\n为乡村振兴提供了坚强保证。",
        "第一书记工作综述",
    ])
    [article] = split_page_text(text).articles
    assert article.byline == "■本报记者 王五"
    assert article.title == "第一书记工作综述" and article.subheads == ["强化组织保障"]


def test_indented_paragraphs_without_blank_lines():
    page = split_page_file(OWN_PAGES / "indented-no-blank-lines.txt")
    assert (page.paper, page.date, page.page_no) == ("青州日报", "2024-06-03", 3)
    harvest, fukui = page.articles
    assert harvest.title == "全市夏粮收购工作全面启动" and harvest.dateline == "本报讯（记者 马骏）"
    assert harvest.paragraphs == [
        "6月2日，全市夏粮收购工作全面启动，各收储企业共设立收购网点86个，预计收购小麦20万吨。",
        "市粮食和物资储备局要求，各网点要严格执行国家收购政策，不得压级压价，切实保护种粮农民利益。",
    ]
    assert fukui.title == "青州与日本福井县签署友好交流协议" and len(fukui.paragraphs) == 2


def test_one_line_paragraphs_without_blank_lines():
    page = split_page_file(OWN_PAGES / "unwrapped-no-blank-lines.txt")
    assert [a.title for a in page.articles] == ["临河区召开安全生产工作会议", "临河区图书馆新馆开放"]
    assert [len(a.paragraphs) for a in page.articles] == [2, 2]
    assert page.articles[1].paragraphs[1] == "开馆首日，共接待读者2000余人次。"
    assert page.articles[1].dateline == "本报讯（记者 孙丽）"


@pytest.mark.parametrize("byline", ["文/图 本报记者 张三", "记者 张三 李四", "□晚报记者 吴峰 通讯员 魏冉"])
def test_byline_forms_open_an_article_after_its_headline(byline):
    text = f"市民热线实现24小时接听\n\n{byline}\n\n即日起，市民服务热线实现全天24小时人工接听，\n群众可随时反映诉求。\n"
    [article] = split_page_text(text).articles
    assert article.title == "市民热线实现24小时接听" and article.byline == byline
    assert article.paragraphs == ["即日起，市民服务热线实现全天24小时人工接听，群众可随时反映诉求。"]


def test_a_headline_placed_against_the_page_layout_goes_with_the_body_it_names():
    text = "\n\n".join([
        "东湖新区开通首条智慧公交线路",
        "■本报记者 李明",
        "5月6日，东湖新区首条智慧公交线路正式开通运营，\n线路全长18公里。",
        "本报讯（记者 周明）5月6日，全区春季招聘会在区人力资源市场举办，\n120家企业提供就业岗位3500余个。",
        "全区春季招聘会举办",
        "■本报记者 王五",
        "今年以来，全市经济运行稳中向好，\n主要指标好于预期。",
    ])
    page = split_page_text(text)
    assert [a.title for a in page.articles] == ["东湖新区开通首条智慧公交线路", "全区春季招聘会举办", None]
    assert page.articles[2].byline == "■本报记者 王五"


def test_bulleted_short_items_under_a_label_and_the_article_after_them():
    text = "\n\n".join([
        "要闻速览",
        "■我市启动文明城市创建工作\n本报讯 11月30日，我市召开文明城市创建工作动员大会，全面启动新一轮创建工作。",
        "■市区新增5处公共停车场\n本报讯 近日，市区新增5处公共停车场，共设停车位1200个，有效缓解停车难问题。",
        "市长会见新加坡客商",
        "本报讯（记者 丁一）12月1日，市长王伟会见了新加坡丰益集团代表一行，\n双方就扩大投资进行了交流。",
    ])
    page = split_page_text(text)
    assert [(a.title, a.kind, a.section) for a in page.articles] == [
        ("我市启动文明城市创建工作", "brief", "要闻速览"),
        ("市区新增5处公共停车场", "brief", "要闻速览"),
        ("市长会见新加坡客商", "meeting", None),
    ]
    assert page.articles[0].dateline == "本报讯"
    assert page.articles[0].paragraphs == ["11月30日，我市召开文明城市创建工作动员大会，全面启动新一轮创建工作。"]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("济宁日报 2021年12月4日 星期六 第1版", {"paper": "济宁日报", "date": "2021-12-04", "page_no": 1}),
        ("2021年12月4日 星期六 01版 要闻", {"date": "2021-12-04", "page_no": 1}),
        ("2024年5月7日 星期二 A03", {"date": "2024-05-07", "page_no": 3}),
        ("第3版：要闻", {"page_no": 3}),
        ("今天上午，市长在2021年12月4日的会议上讲话。", None),
    ],
)
def test_page_header_lines_give_paper_date_and_page(line, expected):
    from summarizer.patterns import parse_page_header

    assert parse_page_header(line) == expected


def test_evening_paper_page_with_column_label_end_mark_and_lettered_pages():
    page = split_page_file(OWN_PAGES / "evening-2023-03-15-a2.txt")
    assert (page.date, page.page_no) == ("2023-03-15", 2)
    study, comment, visit = page.articles
    assert study.headline_parts == ["聚焦两会精神", "我市掀起学习贯彻热潮", "——各地各部门迅速传达学习全国两会精神"]
    assert study.byline == "□晚报记者 吴峰 通讯员 魏冉" and study.continued_to_page == 3
    assert study.paragraphs[-1].endswith("全力以赴稳增长。")
    assert (comment.kicker, comment.title, comment.kind) == ("短评", "让学习成果转化为发展实效", "commentary")
    assert comment.byline == "■晚报评论员 张三"
    assert visit.paragraphs[-1].endswith("领域合作进行了交流。")


def test_headline_after_page_with_no_blank_lines_at_all():
    text = (
        "本报讯（记者 孙悦）5月8日，市委常委会召开会议，研究部署下一阶段重点工作。\n"
        "会议强调，要坚定不移推动高质量发展。\n"
        "市委常委会召开会议\n"
        "本报讯（记者 吴峰）5月7日，韩国忠清北道经贸代表团到我市考察，双方就合作进行了深入交流。\n"
        "韩国经贸代表团来我市考察\n"
    )
    page = split_page_text(text)
    assert [a.title for a in page.articles] == ["市委常委会召开会议", "韩国经贸代表团来我市考察"]
    assert [len(a.paragraphs) for a in page.articles] == [2, 1]
    assert page.articles[1].dateline == "本报讯（记者 吴峰）"


def test_attributions_start_articles_and_never_stay_in_headlines():
    """Written by hand before the rules: each of the five headlines heads its own article, with
    exactly one attribution; `加快推进改造进度` is the only subhead (the body under it has no credit)."""
    page = split_page_file(OWN_PAGES / "attributions-on-headlines.txt")
    found = [(a.title, a.byline, a.dateline, a.subheads) for a in page.articles]
    assert found == [
        ("让老旧小区焕发新生机", "■本报记者 刘传伏 本报通讯员 吴丛", None, ["加快推进改造进度"]),
        ("我市与德国企业签署合作协议", None, "本报讯（记者 王五）", []),
        ("春季农业生产现场会召开", "（记者 赵六）", None, []),
        ("市政府召开常务会议", "本报记者:张三 通讯员:李四", None, []),
        ("要把实事办好办实", "本报评论员", None, []),
    ]
    assert page.articles[-1].kind == "commentary"
    assert all(not (a.byline and a.dateline and "记者" in a.byline and "记者" in a.dateline) for a in page.articles)


def test_wire_page_with_wire_datelines_and_a_run_in_brief_group():
    """Written by hand before the rules: two `据新华社电` items (one with `据` cut off at a line's
    end), a `国际简讯` group of three run-in items (each a brief, titled by its lead phrase), and a
    中新社 report. The closing `（新华社）` credits the last item of the group, where it stands."""
    page = split_page_file(OWN_PAGES / "international-wire-and-run-in-briefs.txt")
    assert (page.paper, page.date, page.page_no) == ("某某日报", "2025-06-02", 3)
    found = [(a.title, a.dateline, a.byline, a.section, a.kind) for a in page.articles]
    assert found == [
        ("联合国气候大会在波恩开幕", "据新华社电", None, None, "news"),
        ("东盟外长会议发表联合声明", "据新华社电", None, None, "meeting"),
        ("德国汽车出口回升", None, None, "国际简讯", "brief"),
        ("日本央行维持利率不变", None, None, "国际简讯", "brief"),
        ("巴西大豆产量创新高", None, "（新华社）", "国际简讯", "brief"),
        ("中国与新西兰签署经贸合作协议", "中新社北京6月1日电（记者 王五）", None, None, "news"),
    ]
    assert page.articles[0].paragraphs[0].startswith("联合国气候变化大会1日在德国波恩开幕")
    assert page.articles[2].paragraphs == ["德国联邦统计局8日发布数据显示，5月德国汽车出口同比增长4.2%。"]


def test_evening_page_with_an_editors_note_a_caption_and_a_question_and_answer_interview():
    """Written by hand before the rules (headlines after bodies): the 上接 article takes the first
    headline; the editor's note introduces the article that follows it, and stays out of every
    body; the caption is the second article's, not its text; the 记者：/张明： lines are body."""
    page = split_page_file(OWN_PAGES / "evening-notes-interview-continued.txt")
    continued, street, interview = page.articles
    assert (continued.title, continued.continued_from_page, continued.note) == ("地铁三号线开通首周客流超百万人次", 1, None)
    assert continued.paragraphs[-1] == "交通部门表示，将根据客流情况适时加密班次。"
    assert street.title == "老街巷里的新生活" and street.byline == "□晚报记者 孙悦"
    assert street.note.startswith("今年是我市实施城市更新行动的第三年。") and "编者按" not in street.note
    assert street.captions == ["图为改造后的和平里街景（晚报记者 王五 摄）"]
    assert not any("编者按" in p or "图为" in p for a in page.articles for p in a.paragraphs)
    assert interview.title == "社区书记谈改造" and interview.subheads == []
    assert [p[:3] for p in interview.paragraphs] == ["记者：", "张明：", "记者：", "张明："]


@pytest.mark.parametrize("text, titles", [
    ("国际简讯\n\n■德国汽车出口回升 德国联邦统计局8日发布数据显示，5月德国汽车出口同比增长4.2%。\n"
     "■日本央行维持利率不变 日本央行9日宣布，维持短期利率不变。\n", ["德国汽车出口回升", "日本央行维持利率不变"]),
    ("记者：这次改造最难的是什么？\n张明：最难的是统一居民意见，我们前后开了二十多次协调会。\n", [None]),
    ("图为改造后的和平里街景（晚报记者 王五 摄）\n\n▲市民在活动现场选购（记者 王五 摄）\n", "no recognisable article"),
    ("【编者按】今年是我市实施城市更新行动的第三年。本报今起推出系列报道。\n", "no recognisable article"),
])
def test_a_page_of_one_layout_feature_gives_articles_or_one_clear_error(tmp_path, text, titles):
    page_file = tmp_path / "one-feature.txt"
    page_file.write_text(text, encoding="utf-8")
    if isinstance(titles, str):
        with pytest.raises(PageError, match=titles):
            split_page_file(page_file)
    else:
        page = split_page_file(page_file)
        assert [a.title for a in page.articles] == titles and all(a.paragraphs for a in page.articles)


def test_party_paper_page_with_a_three_part_headline_a_caption_and_a_column_label():
    """Written by hand before the rules: kicker, title and a subtitle of two phrases; the byline
    under the headline; a caption among the paragraphs; `短评` over a commentary's headline."""
    page = split_page_file(OWN_PAGES / "party-paper-three-part-headline.txt")
    meeting, comment, signing = page.articles
    assert (meeting.kicker, meeting.title, meeting.subtitle) == (
        "坚持创新驱动 加快动能转换", "全市科技创新大会召开", "王建国讲话 李红梅主持")
    assert meeting.byline == "■本报记者 刘传伏 王汝雅" and meeting.captions == ["图为会议现场（本报记者 周雪 摄）"]
    assert len(meeting.paragraphs) == 3 and meeting.paragraphs[-1].startswith("会议表彰了")
    assert (comment.kicker, comment.title, comment.byline, comment.kind) == (
        "短评", "让创新成为发展的第一动力", "■本报评论员", "commentary")
    assert (signing.title, signing.dateline) == ("我市与德国巴伐利亚州签署友好交流备忘录", "本报讯（记者 郝明雷）")


@pytest.mark.parametrize("label", ["记者观察", "一线调查", "短评"])
def test_a_column_label_over_a_headline_is_its_kicker_not_its_words(label):
    text = f"{label}\n\n老旧小区改造如何惠及更多居民\n\n■本报记者 孙悦\n\n今年以来，我市老旧小区改造全面提速，居民获得感不断增强。\n"
    [article] = split_page_text(text, "column.txt").articles
    assert (article.kicker, article.title) == (label, "老旧小区改造如何惠及更多居民")
