"""Digests made by hand, as a good night's run would make them: for the writers' and the browser's tests."""

from summarizer.records import (
    ORGANIZATION,
    PERSON,
    PLACE,
    Bilingual,
    Brief,
    Digest,
    Entity,
    FactSource,
    Kind,
    Method,
)

HOSTILE = '<script>document.title="owned"</script><b>Bold</b> & "quoted"'
"""A headline holding HTML: it must show as text, never run or render."""


def example_digest(date: str = "2025-12-03", hostile: bool = False) -> Digest:
    """Jining Daily of one night: two foreign-affairs items (Belarus, Republic of Korea), two others."""
    slug = "jining-daily"

    def brief(number: int, **fields) -> Brief:
        fields.setdefault("method", Method.MODEL)
        return Brief(id=f"{slug}-{date}-{number:03d}", pages=[1], sources=["jining-daily-p1.txt"],
                     summary_model="mt5-xlsum", translator_model="opus-mt-zh-en", **fields)

    belarus = brief(
        5, headline_zh="于永生会见白俄罗斯驻华大使",
        headline_en=HOSTILE if hostile else "Yu Yongsheng meets Belarus's Ambassador to China",
        summary_zh="市委副书记、市长于永生在圣都国际会议中心会见了白俄罗斯驻华大使尤里·先科一行。",
        summary_en="Yu Yongsheng, Deputy Secretary of the CPC Municipal Committee and Mayor, met Yuri Senko, "
                   "Belarus's Ambassador to China, and his delegation at the Shengdu International Conference Center.",
        dateline=Bilingual("本报济宁12月3日讯（记者 郝明雷）", "JINING, Dec. 3 — Hao Minglei, reporter"),
        kind=Kind.MEETING, foreign_affairs_score=17,
        entities=[Entity("于永生", "Yu Yongsheng", PERSON, "pinyin", "市长", "Mayor"),
                  Entity("尤里·先科", "Yuri Senko", PERSON, "glossary", "驻华大使", "Ambassador to China"),
                  Entity("白俄罗斯", "Belarus", PLACE, "cldr"),
                  Entity("济宁", "Jining", PLACE, "cc-cedict"),
                  Entity("省委外办", "Foreign Affairs Office of the CPC Provincial Committee", ORGANIZATION, "glossary"),
                  Entity("郝明雷", "Hao Minglei", PERSON, "pinyin", "记者", "Reporter", credit=True)])
    korea = brief(
        6, headline_zh="韩国经贸代表团来济考察", headline_en="Trade delegation from the Republic of Korea visits Jining",
        summary_zh="韩国忠清南道经贸代表团一行来我市考察，双方就新能源汽车零部件合作进行了交流。",
        summary_en="A trade delegation from South Chungcheong Province, Republic of Korea, visited the city and "
                   "discussed cooperation on parts for new-energy vehicles.",
        kind=Kind.NEWS, foreign_affairs_score=9,
        entities=[Entity("韩国", "Republic of Korea", PLACE, "glossary"),
                  Entity("忠清南道", None, PLACE, "unverified"),
                  Entity("张胜明", "Zhang Shengming", PERSON, "pinyin", "副市长", "Vice Mayor")])
    villages = brief(
        1, headline_zh="选优派强 接续奋斗", headline_en="Choosing the best, sending the strongest",
        summary_zh="我市第八批第一书记选派工作完成，新一批第一书记迅速到岗。",
        summary_en="The city has sent its eighth group of first secretaries to villages; they are already at work.",
        byline=Bilingual("■本报记者 刘作义", "By Liu Zuoyi, staff reporter"), kind=Kind.FEATURE,
        continued_to_page=2, notes=["The model read only the article's lead."],
        entities=[Entity("刘作义", "Liu Zuoyi", PERSON, "pinyin", "记者", "Reporter", credit=True)])
    county = brief(
        9, headline_zh="嘉祥县石雕产业走出去", headline_en="Jiaxiang County's stone carvings find buyers abroad",
        summary_zh="嘉祥县石雕企业今年出口额增长１２．３％。", summary_en="Stone-carving firms in Jiaxiang County exported 12.3% more this year.",
        kind=Kind.BRIEF, method=Method.FALLBACK,
        entities=[Entity("嘉祥县", "Jiaxiang County", PLACE, "pinyin")])
    return Digest(paper="济宁日报", paper_en="Jining Daily", date=date, slug=slug, pages=[1],
                  sources=["jining-daily-p1.txt"], briefs=[belarus, korea, villages, county],
                  models={"summarizer": "mt5-xlsum", "translator": "opus-mt-zh-en"},
                  date_source=FactSource.HEADER, paper_source=FactSource.HEADER)
